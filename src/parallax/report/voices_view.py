"""How figures and voices read in the text, Markdown and HTML reports (from JSON form)."""

from __future__ import annotations

from html import escape
from typing import Any

from parallax.model import Analysis, to_jsonable

STATUS_ORDER = {"conflict": 0, "agree": 1, "single": 2}


def _short(analysis: Analysis) -> dict[str, str]:
    return {a.id: f"[{i}]" for i, a in enumerate(analysis.articles, start=1)}


def number_rows(analysis: Analysis) -> list[tuple[str, str, str, str]]:
    """(status, what, figures by article, note) for each group, conflicts first."""
    groups = to_jsonable(analysis.sections.get("numbers")) or []
    short = _short(analysis)
    rows = []
    for g in sorted(groups, key=lambda g: (STATUS_ORDER.get(g["status"], 3), -(g["value"] or 0))):
        figures = "; ".join(
            f"{short[m['article']]} {m['text']}"
            + (f" ({m['attribution']})" if m.get("attribution") else "")
            for m in g["mentions"]
        )
        what = g["what"]
        if any(what == m["text"] for m in g["mentions"]):
            what = UNSAID  # no counted noun was found: the figure is not its own "what"
        rows.append((g["status"], what, figures, g.get("note") or ""))
    return rows


UNSAID = "(what it counts is not said)"


def voice_rows(analysis: Analysis) -> list[tuple[str, str, str]]:
    """(speaker with kind and side, articles quoting them, quoted words per article)."""
    data = to_jsonable(analysis.sections.get("voices")) or {}
    short = _short(analysis)
    words: dict[tuple[str, str], int] = {}
    for aid, entries in (data.get("by_article") or {}).items():
        for e in entries:
            words[(e["speaker"], aid)] = e["words"]
    sides = {v["speaker"]: v for v in data.get("sides") or ()}
    rows = []
    for entry in data.get("speakers", []):
        arts = entry["articles"]
        per = ", ".join(f"{short[a]} {words.get((entry['speaker'], a), 0)}" for a in arts)
        who = entry["speaker"]
        if who in sides:
            who += f" ({sides[who]['kind']}; side: {sides[who]['side']})"
        rows.append((who, " ".join(short[a] for a in arts), per))
    return rows


def side_rows(analysis: Analysis, key: str = "by_side") -> list[tuple[str, str]]:
    """(side, per article: quotes, direct quotes, words in direct quotes), most quoted
    side first; ``key`` "by_kind" gives the kinds of voice instead."""
    data = to_jsonable(analysis.sections.get("voices")) or {}
    short = _short(analysis)
    per: dict[str, list[str]] = {}
    total: dict[str, int] = {}
    for aid, rows in (data.get(key) or {}).items():
        for r in rows:
            per.setdefault(r["group"], []).append(
                f"{short[aid]} {r['quotes']} ({r['direct']} direct, {r['words']} words)"
            )
            total[r["group"]] = total.get(r["group"], 0) + r["quotes"]
    return [(g, "; ".join(per[g])) for g in sorted(per, key=lambda g: (-total[g], g))]


def text_lines(analysis: Analysis) -> list[str]:
    if "numbers" not in analysis.sections:
        return []
    lines = ["Figures (conflicts first; [n] is the article, the source in brackets)"]
    rows = number_rows(analysis)
    if not rows:
        lines.append("  No figures found.")
    for status, what, figures, note in rows:
        lines.append(
            f"  {status:<8} {what}: {figures}"
            + (f" -- {note}" if note and status == "conflict" else "")
        )
    lines += ["", "Voices (who is quoted, by which articles; quoted words per article)"]
    for speaker, arts, per in voice_rows(analysis):
        lines.append(f"  {speaker}: {arts}  (words: {per})")
    for key, title in (("by_side", "side"), ("by_kind", "kind of voice")):
        groups = side_rows(analysis, key)
        if groups:
            lines += ["", f"Voices by {title} (per article: quotes, direct ones, quoted words)"]
            lines += [f"  {group}: {counts}" for group, counts in groups]
    shared = (to_jsonable(analysis.sections.get("voices")) or {}).get("shared_quotes", [])
    if shared:
        lines += ["", "Quotes carried by several articles"]
        short = _short(analysis)
        for sq in shared:
            versions = ", ".join(f"{short[v['article']]} {v['relation']}" for v in sq["versions"])
            lines.append(f'  {sq["speaker"] or "?"}: "{sq["text"]}" ({versions})')
    return lines


def markdown_lines(analysis: Analysis, esc: Any) -> list[str]:
    if "numbers" not in analysis.sections:
        return []
    lines = ["", "## Figures", "", "| status | what | figures | note |", "|---|---|---|---|"]
    for status, what, figures, note in number_rows(analysis):
        lines.append(f"| {status} | {esc(what)} | {esc(figures)} | {esc(note)} |")
    lines += ["", "## Voices", "", "| speaker | quoted by | quoted words |", "|---|---|---|"]
    for speaker, arts, per in voice_rows(analysis):
        lines.append(f"| {esc(speaker)} | {esc(arts)} | {esc(per)} |")
    for key, title in (("by_side", "side"), ("by_kind", "kind of voice")):
        groups = side_rows(analysis, key)
        if groups:
            lines += ["", f"### Voices by {title}", "", f"| {title} | quotes per article |"]
            lines += ["|---|---|"] + [f"| {esc(g)} | {esc(c)} |" for g, c in groups]
    return lines


def html_section(analysis: Analysis) -> str:
    if "numbers" not in analysis.sections:
        return ""
    rows = "".join(
        f'<tr class="{escape(s)}"><td>{escape(s)}</td><td>{escape(w)}</td><td>{escape(f)}</td>'
        f"<td>{escape(n)}</td></tr>"
        for s, w, f, n in number_rows(analysis)
    )
    voices = "".join(
        f"<tr><td>{escape(s)}</td><td>{escape(a)}</td><td>{escape(p)}</td></tr>"
        for s, a, p in voice_rows(analysis)
    )
    by_side = "".join(
        f"<h3>Voices by {escape(title)}</h3><table><tr><th>{escape(title)}</th>"
        "<th>quotes per article (direct, quoted words)</th></tr>"
        + "".join(f"<tr><td>{escape(g)}</td><td>{escape(c)}</td></tr>" for g, c in groups)
        + "</table>"
        for key, title in (("by_side", "side"), ("by_kind", "kind of voice"))
        if (groups := side_rows(analysis, key))
    )
    return (
        "<h2>Figures</h2><table><tr><th>status</th><th>what</th><th>figures</th><th>note</th></tr>"
        f"{rows}</table><h2>Voices</h2><table><tr><th>speaker</th><th>quoted by</th>"
        f"<th>quoted words</th></tr>{voices}</table>{by_side}"
    )
