"""How word choice reads in the text, Markdown and HTML reports (from JSON form)."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from parallax.model import Analysis, to_jsonable


def _short(analysis: Analysis) -> dict[str, str]:
    return {a.id: f"[{i}]" for i, a in enumerate(analysis.articles, start=1)}


def loaded_rows(analysis: Analysis) -> list[tuple[str, str, str, int, str]]:
    """(article, term, category, count, alternatives) per distinct term, outlets' own words."""
    items = to_jsonable(analysis.sections.get("loaded")) or []
    short = _short(analysis)
    counts: Counter[tuple[str, str, str]] = Counter()
    alts: dict[tuple[str, str, str], list[str]] = {}
    for item in items:
        if item.get("quoted"):
            continue
        key = (item["article"], item["text"].lower(), item["category"])
        counts[key] += 1
        for alt in item["alternatives"]:
            where = f" ({short[alt['article']]})" if alt.get("article") else ""
            label = f"{alt['text']}{where}"
            bucket = alts.setdefault(key, [])
            if label not in bucket:
                bucket.append(label)
    order = {a.id: i for i, a in enumerate(analysis.articles)}
    rows = [
        (short[k[0]], k[1], k[2], n, ", ".join(alts.get(k, [])[:4]))
        for k, n in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], -kv[1], kv[0][1]))
    ]
    return rows


def label_rows(analysis: Analysis) -> list[tuple[str, dict[str, str]]]:
    """(actor, {article: "label x2, label"}) for actors with labels in any article."""
    actors = to_jsonable(analysis.sections.get("actors")) or []
    out = []
    for actor in actors:
        if not actor["labels"]:
            continue
        cells = {}
        for aid, labels in actor["labels"].items():
            counts = Counter(lab["text"] for lab in labels)
            cells[aid] = ", ".join(f"{t} x{n}" if n > 1 else t for t, n in counts.most_common(6))
        out.append((actor["name"], cells))
    return out


def rates(analysis: Analysis) -> str:
    rows = to_jsonable(analysis.sections.get("framing")) or []
    short = _short(analysis)
    return "  ".join(f"{short[r['article']]} {r['per_1000_words']:.1f}" for r in rows)


def text_lines(analysis: Analysis) -> list[str]:
    if "loaded" not in analysis.sections:
        return []
    lines = ["Word choice (loaded terms in the outlets' own words; quotes left out)"]
    lines.append(f"  per 1,000 words: {rates(analysis)}")
    for art, term, category, n, alts in loaded_rows(analysis):
        times = f" x{n}" if n > 1 else ""
        lines.append(
            f'  {art} "{term}"{times} ({category})' + (f" -- others wrote: {alts}" if alts else "")
        )
    rows = label_rows(analysis)
    if rows:
        lines += ["", "How each outlet labels each actor"]
        short = _short(analysis)
        for name, cells in rows:
            parts = "; ".join(f"{short[a]} {c}" for a, c in cells.items())
            lines.append(f"  {name}: {parts}")
    return lines


def markdown_lines(analysis: Analysis, esc: Any) -> list[str]:
    if "loaded" not in analysis.sections:
        return []
    lines = ["", "## Word choice", "", f"Loaded terms per 1,000 words: {rates(analysis)}", ""]
    lines += ["| article | term | category | times | others wrote |", "|---|---|---|---|---|"]
    for art, term, category, n, alts in loaded_rows(analysis):
        lines.append(f"| {art} | {esc(term)} | {category} | {n} | {esc(alts)} |")
    short = _short(analysis)
    order = [a.id for a in analysis.articles]
    lines += [
        "",
        "### Labels by actor",
        "",
        "| actor | " + " | ".join(short[a] for a in order) + " |",
    ]
    lines.append("|---|" + "---|" * len(order))
    for name, cells in label_rows(analysis):
        lines.append(f"| {esc(name)} | " + " | ".join(esc(cells.get(a, "")) for a in order) + " |")
    return lines


def html_section(analysis: Analysis) -> str:
    if "loaded" not in analysis.sections:
        return ""
    rows = "".join(
        f"<tr><td>{escape(a)}</td><td>{escape(t)}</td><td>{escape(c)}</td><td>{n}</td>"
        f"<td>{escape(alts)}</td></tr>"
        for a, t, c, n, alts in loaded_rows(analysis)
    )
    short = _short(analysis)
    order = [a.id for a in analysis.articles]
    head = "".join(f"<th>{escape(short[a])}</th>" for a in order)
    labels = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(f"<td>{escape(cells.get(a, ''))}</td>" for a in order)
        + "</tr>"
        for name, cells in label_rows(analysis)
    )
    return (
        f"<h2>Word choice</h2><p>Loaded terms per 1,000 words: {escape(rates(analysis))}</p>"
        "<table><tr><th>article</th><th>term</th><th>category</th><th>times</th>"
        f"<th>others wrote</th></tr>{rows}</table>"
        f"<h3>Labels by actor</h3><table><tr><th>actor</th>{head}</tr>{labels}</table>"
    )
