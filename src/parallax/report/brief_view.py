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


def _main(item: dict[str, Any]) -> bool:
    """A sentence of the brief proper: several outlets report its fact (even when only
    one says all of it), or it is the lede; the rest are facts from one outlet only."""
    return item["kind"] != "single" or bool(item.get("also")) or item.get("role") == "lede"


def _parts(analysis: Analysis, item: dict[str, Any]) -> tuple[str, str]:
    """The sentence (a cut one ends with an ellipsis) and the outlets that say all of it;
    outlets that report its fact only in part or in other words are named apart."""
    text = item["text"]
    if not text.rstrip().endswith((".", "!", "?", "\u201d", '"', "'", "\u2019")):
        text += " \u2026"
    cite = _cite(analysis, item["support"])
    if item.get("also"):
        cite += f" (in part or in other words: {_cite(analysis, item['also'])})"
    dropped = [
        c["why"].removeprefix("label: ")
        for c in item.get("changes") or ()
        if c["why"].startswith("label: ")
    ]
    if dropped:
        own = _cite(analysis, [item["article"]])
        cite += f" (without {own}'s own label: " + "; ".join(f"\u201c{d}\u201d" for d in dropped)
        cite += ")"
    return text, cite


def _line(analysis: Analysis, item: dict[str, Any]) -> str:
    return " ".join(_parts(analysis, item))


def text_lines(analysis: Analysis) -> list[str]:
    items = _items(analysis)
    if not items:
        return []
    lines = [
        "Brief (each sentence is one outlet's own wording; [n] are the outlets that say it;"
        " a [Name] stands for the outlet's pronoun)"
    ]
    for item in filter(_main, items):
        lines.append(f"  {_line(analysis, item)}")
        if item.get("note"):
            lines.append(f"    contested: {item['note']}")
    singles = [i for i in items if not _main(i)]
    if singles:
        lines += ["", "Reported by one outlet only"]
        for item in singles:
            lines.append(f"  {_line(analysis, item)}")
            if item.get("note"):
                lines.append(f"    contested: {item['note']}")
    return lines


def markdown_lines(analysis: Analysis, esc: Any) -> list[str]:
    items = _items(analysis)
    if not items:
        return []
    lines = ["", "## Brief", ""]
    for item in filter(_main, items):
        lines.append(f"- {esc(_line(analysis, item))}")
        if item.get("note"):
            lines.append(f"  - *contested:* {esc(item['note'])}")
    singles = [i for i in items if not _main(i)]
    if singles:
        lines += ["", "### Reported by one outlet only", ""]
        lines += [f"- {esc(_line(analysis, i))}" for i in singles]
    return lines


def _html_line(analysis: Analysis, item: dict[str, Any]) -> str:
    text, cite = _parts(analysis, item)
    return f"{escape(text)} <span class=cite>{escape(cite)}</span>"


def html_section(analysis: Analysis) -> str:
    items = _items(analysis)
    if not items:
        return ""
    main = "".join(
        f"<li>{_html_line(analysis, i)}"
        + (f"<br><em>contested: {escape(i['note'])}</em>" if i.get("note") else "")
        + "</li>"
        for i in items
        if _main(i)
    )
    singles = "".join(f"<li>{_html_line(analysis, i)}</li>" for i in items if not _main(i))
    return (
        f'<section id="brief"><h2>Brief</h2><ol>{main}</ol>'
        f"<h3>Reported by one outlet only</h3><ul>{singles}</ul></section>"
    )
