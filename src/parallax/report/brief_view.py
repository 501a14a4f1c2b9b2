"""How the brief reads in the text, Markdown and HTML reports."""

from __future__ import annotations

from html import escape
from typing import Any

from parallax.model import Analysis, to_jsonable


def _cite(analysis: Analysis, support: list[str]) -> str:
    number = {a.id: i for i, a in enumerate(analysis.articles, start=1)}
    return "".join(f"[{number[a]}]" for a in support)


def _items(analysis: Analysis) -> list[dict[str, Any]]:
    return list(to_jsonable(analysis.sections.get("brief")) or [])


def text_lines(analysis: Analysis) -> list[str]:
    items = _items(analysis)
    if not items:
        return []
    lines = ["Brief (each sentence is one outlet's own wording; [n] are the outlets reporting it)"]
    main = [i for i in items if i["kind"] != "single"]
    for item in main:
        lines.append(f"  {item['text']} {_cite(analysis, item['support'])}")
        if item.get("note"):
            lines.append(f"    contested: {item['note']}")
    singles = [i for i in items if i["kind"] == "single"]
    if singles:
        lines += ["", "Reported by one outlet only"]
        lines += [f"  {i['text']} {_cite(analysis, i['support'])}" for i in singles]
    return lines


def markdown_lines(analysis: Analysis, esc: Any) -> list[str]:
    items = _items(analysis)
    if not items:
        return []
    lines = ["", "## Brief", ""]
    for item in (i for i in items if i["kind"] != "single"):
        lines.append(f"- {esc(item['text'])} {_cite(analysis, item['support'])}")
        if item.get("note"):
            lines.append(f"  - *contested:* {esc(item['note'])}")
    singles = [i for i in items if i["kind"] == "single"]
    if singles:
        lines += ["", "### Reported by one outlet only", ""]
        lines += [f"- {esc(i['text'])} {_cite(analysis, i['support'])}" for i in singles]
    return lines


def html_section(analysis: Analysis) -> str:
    items = _items(analysis)
    if not items:
        return ""
    main = "".join(
        f"<li>{escape(i['text'])} <span class=cite>{escape(_cite(analysis, i['support']))}</span>"
        + (f"<br><em>contested: {escape(i['note'])}</em>" if i.get("note") else "")
        + "</li>"
        for i in items
        if i["kind"] != "single"
    )
    singles = "".join(
        f"<li>{escape(i['text'])} <span class=cite>{escape(_cite(analysis, i['support']))}</span>"
        "</li>"
        for i in items
        if i["kind"] == "single"
    )
    return (
        f'<section id="brief"><h2>Brief</h2><ol>{main}</ol>'
        f"<h3>Reported by one outlet only</h3><ul>{singles}</ul></section>"
    )
