"""How agreement and omission read in the text, Markdown and HTML reports."""

from __future__ import annotations

from html import escape
from typing import Any

from parallax.model import Analysis, to_jsonable

MAX_LISTED = 8


def _short(analysis: Analysis) -> dict[str, str]:
    return {a.id: f"[{i}]" for i, a in enumerate(analysis.articles, start=1)}


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


def _facts(analysis: Analysis) -> list[dict[str, Any]]:
    return list(to_jsonable(analysis.sections.get("facts")) or [])


def _contradictions(analysis: Analysis) -> list[tuple[str, list[str]]]:
    """The block of contradictions between outlets (none when there are none)."""
    found = list(to_jsonable(analysis.sections.get("contradictions")) or [])
    if not found:
        return []
    short = _short(analysis)
    lines = []
    for c in found:
        a, b = c["a"], c["b"]
        text_a = analysis.article(a["article"]).text[a["start"] : a["end"]]
        text_b = analysis.article(b["article"]).text[b["start"] : b["end"]]
        lines.append(
            f"{c['kind']} ({c['detail']}): {short.get(a['article'], '?')} {_clip(text_a, 120)}"
            f"  /  {short.get(b['article'], '?')} {_clip(text_b, 120)}"
        )
    return [(f"Contradictions between outlets ({len(found)})", lines)]


def sections(analysis: Analysis) -> list[tuple[str, list[str]]]:
    """(heading, lines) blocks: consensus, contradictions, then per outlet only-here,
    left-out, and left-out perhaps told in other words (a near miss: the closest
    statement and the model's probability beside the fact)."""
    facts = _facts(analysis)
    short = _short(analysis)
    by_id = {f["id"]: f for f in facts}
    consensus = [f for f in facts if f["kind"] == "consensus"]
    blocks = [
        (
            f"Reported by all {len(analysis.articles)} articles ({len(consensus)} facts)",
            [
                _clip(f["text"]) + (" [figures differ]" if f.get("conflict") else "")
                for f in consensus
            ],
        )
    ]
    blocks += _contradictions(analysis)
    omitted = to_jsonable(analysis.sections.get("omissions")) or {}
    near = {(n["article"], n["fact"]): n for n in _near(analysis)}
    for art in analysis.articles:
        only = [f for f in facts if f["support"] == [art.id]]
        left = [by_id[i] for i in omitted.get(art.id, []) if i in by_id]
        unsure = [f for f in left if (art.id, f["id"]) in near]
        left = [f for f in left if (art.id, f["id"]) not in near]
        lines = [f"only here ({len(only)}):"] + [f"  {_clip(f['text'])}" for f in only[:MAX_LISTED]]
        if len(only) > MAX_LISTED:
            lines.append(f"  ... and {len(only) - MAX_LISTED} more")
        lines.append(f"left out, reported by others ({len(left)}):")
        for f in left[:MAX_LISTED]:
            who = " ".join(short[a] for a in f["support"])
            lines.append(f"  {who}: {_clip(f['text'])}")
        if len(left) > MAX_LISTED:
            lines.append(f"  ... and {len(left) - MAX_LISTED} more")
        if unsure:
            lines.append(f"reported by others, perhaps told here in other words ({len(unsure)}):")
        for f in unsure[:MAX_LISTED]:
            n = near[(art.id, f["id"])]
            who = " ".join(short[a] for a in f["support"])
            here = art.text[n["start"] : n["end"]]
            lines.append(f"  {who}: {_clip(f['text'], 120)}")
            lines.append(f"    closest here (match {n['probability']:.2f}): {_clip(here, 120)}")
        if len(unsure) > MAX_LISTED:
            lines.append(f"  ... and {len(unsure) - MAX_LISTED} more")
        blocks.append((f"{short[art.id]} {art.outlet}", lines))
    return blocks


def _near(analysis: Analysis) -> list[dict[str, Any]]:
    return list(to_jsonable(analysis.sections.get("near_misses")) or [])


def text_lines(analysis: Analysis) -> list[str]:
    if "facts" not in analysis.sections:
        return []
    facts = _facts(analysis)
    counts = {
        k: sum(1 for f in facts if f["kind"] == k) for k in ("consensus", "partial", "single")
    }
    lines = [
        f"Agreement and omission ({len(facts)} facts: {counts['consensus']} reported by all, "
        f"{counts['partial']} by some, {counts['single']} by one)"
    ]
    for heading, block in sections(analysis):
        lines.append(f"  {heading}")
        lines += [f"    {line}" for line in block]
    return lines


def markdown_lines(analysis: Analysis, esc: Any) -> list[str]:
    if "facts" not in analysis.sections:
        return []
    lines = ["", "## Agreement and omission"]
    for heading, block in sections(analysis):
        lines += ["", f"### {esc(heading)}", ""]
        lines += [f"- {esc(line.strip())}" for line in block]
    return lines


def html_section(analysis: Analysis) -> str:
    if "facts" not in analysis.sections:
        return ""
    parts = ["<h2>Agreement and omission</h2>"]
    for heading, block in sections(analysis):
        items = "".join(f"<li>{escape(line.strip())}</li>" for line in block)
        parts.append(f"<h3>{escape(heading)}</h3><ul>{items}</ul>")
    return "".join(parts)
