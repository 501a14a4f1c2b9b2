"""How the reuse sections read in the text, Markdown and HTML reports.

Works on the JSON form of the sections (``to_jsonable``), so a report can be rendered
from a saved analysis as well as a fresh one.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import Any

from parallax.model import Analysis, to_jsonable
from parallax.report.wire_view import republished_pair

CONTEXT = 45  # characters of context shown around an edit


def reuse_data(analysis: Analysis) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    if "reuse" not in analysis.sections:
        return None
    pairs = to_jsonable(analysis.sections["reuse"]) or []
    summary = to_jsonable(analysis.sections.get("reuse_summary")) or {}
    return list(pairs), dict(summary)


def labels(analysis: Analysis) -> dict[str, str]:
    return {a.id: f"[{i}] {a.outlet}" for i, a in enumerate(analysis.articles, start=1)}


def short(analysis: Analysis) -> dict[str, str]:
    return {a.id: f"[{i}]" for i, a in enumerate(analysis.articles, start=1)}


def pair_line(analysis: Analysis, pair: dict[str, Any]) -> str:
    lab = labels(analysis)
    x, y = pair["articles"]
    sx, sy = pair["share"]
    source = f"; credited source: {pair['source']}" if pair.get("source") else ""
    if not pair["passages"]:
        n = len(pair.get("outside") or [])
        return f"{lab[x]} and {lab[y]}: {_plural(n, 'piece')} of copy outside the body{source}"
    return (
        f"{lab[x]} and {lab[y]}: {pair['shared_words']} shared words in "
        f"{_plural(len(pair['passages']), 'passage')} ({sx:.0%} of {short(analysis)[x]}, "
        f"{sy:.0%} of {short(analysis)[y]}){source}"
    )


ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|according to|claimed|claims|stated|added|asserted|insisted|"
    r"argued|noted|wrote|reported|announced|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)
TERM_WORDS = 4  # a replacement this short on both sides is a change of term


def _whole_sentence(text: str) -> bool:
    text = text.strip().strip("\"'\u201c\u201d\u2018\u2019")
    return (
        bool(text)
        and text[0].isupper()
        and text.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?"))
    )


def edit_kind(edit: dict[str, Any], source_is_a: bool) -> str:
    """What the copier did, as a reader would say it: "term changed", "sentence cut"...

    ``source_is_a``: the pair's first article is the source, so text only in ``a`` was
    cut by the copier and text only in ``b`` was added (and the other way round).
    """
    old, new = (edit["a_text"], edit["b_text"]) if source_is_a else (edit["b_text"], edit["a_text"])
    if old and new:
        if ATTRIBUTION.search(old) or ATTRIBUTION.search(new):
            return "attribution changed"
        if max(len(old.split()), len(new.split())) <= TERM_WORDS:
            return "term changed"
        return "passage reworded"
    text, verb = (old, "cut") if old else (new, "added")
    if _whole_sentence(text):
        return f"sentence {verb}"
    if ATTRIBUTION.search(text):
        return f"attribution {verb}"
    return f"phrase {verb}"


_PLURALS = {
    "term": "terms",
    "passage": "passages",
    "sentence": "sentences",
    "attribution": "attributions",
    "phrase": "phrases",
}


def edit_summary(kinds: list[str]) -> str:
    """'3 terms changed, 2 sentences cut, 1 attribution added' (most frequent first)."""
    if not kinds:
        return "copied without edits"
    parts = []
    for kind, n in Counter(kinds).most_common():
        noun, verb = kind.split(" ", 1)
        parts.append(f"{n} {noun if n == 1 else _PLURALS.get(noun, noun + 's')} {verb}")
    return ", ".join(parts)


def source_side(analysis: Analysis, pair: dict[str, Any]) -> int | None:
    """0 or 1: which article of the pair the copy comes from, when that can be told.

    The article by the credited wire service, else the one published first.
    """
    if republished_pair(analysis, (pair["articles"][0], pair["articles"][1])):
        return None  # two republications of one wire's copy: neither is the source
    x, y = (analysis.article(i) for i in pair["articles"])
    source = (pair.get("source") or "").lower()
    if source:
        for k, art in enumerate((x, y)):
            if art.outlet.lower() == source:
                return k
        for k, art in enumerate((x, y)):
            if art.wire and art.wire[0].lower() == source and not (x, y)[1 - k].wire:
                return 1 - k  # the other one is the wire's own text
    if x.published and y.published and x.published != y.published:
        return 0 if x.published < y.published else 1
    return None


def _union(spans: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


def outlet_lines(analysis: Analysis, pairs: list[dict[str, Any]]) -> list[str]:
    """Per article: the share of its text that is shared copy, with whom, and what changed."""
    lab, sh = labels(analysis), short(analysis)
    spans: dict[str, list[tuple[int, int]]] = {}
    notes: dict[str, list[str]] = {}
    for pair in pairs:
        if not pair["passages"]:
            continue
        x, y = pair["articles"]
        side = source_side(analysis, pair)
        for k, me in enumerate((x, y)):
            other = (x, y)[1 - k]
            spans.setdefault(me, []).extend(tuple(p["ab"[k]]) for p in pair["passages"])
            share = pair["share"][k]
            if side is None:
                wire = republished_pair(analysis, (x, y))
                both = f" (both {wire} copy)" if wire else ""
                notes.setdefault(me, []).append(
                    f"{share:.0%} of its words shared with {sh[other]}{both}"
                )
                continue
            if side == k:
                notes.setdefault(me, []).append(f"{share:.0%} of its words taken up by {sh[other]}")
                continue
            kinds = [edit_kind(e, side == 0) for p in pair["passages"] for e in p["edits"]]
            notes.setdefault(me, []).append(
                f"{share:.0%} of its words from {sh[other]} ({edit_summary(kinds)})"
            )
    out = []
    for art in analysis.articles:
        if art.id not in spans:
            continue
        copy = _union(spans[art.id]) / max(len(art.text), 1)
        out.append(
            f"{lab[art.id]}: {copy:.0%} of its text is shared copy; " + "; ".join(notes[art.id])
        )
    return out


PLACES = {
    "title": "title",
    "description": "standfirst",
    "body": "body",
}


def _place(place: str) -> str:
    """'title', 'standfirst', or what cleaning took the paragraph for ('author box')."""
    if place.startswith("removed:"):
        return place.split(":", 1)[1].replace("-", " ") + " (removed from the body)"
    return PLACES.get(place, place)


def outside_lines(analysis: Analysis, pairs: list[dict[str, Any]]) -> list[str]:
    """Copy that sits outside a body: 'the title of [2] is copy of [1]'s body: "…"'."""
    lab = labels(analysis)
    out = []
    for pair in pairs:
        for item in pair.get("outside") or []:
            similar = "" if item["similarity"] >= 1 else f", {item['similarity']:.0%} alike"
            out.append(
                f"{lab[item['article']]}'s {_place(item['place'])} is copy of "
                f"{lab[item['other']]}'s {_place(item['other_place'])}{similar}: "
                f'"{_clip(item["text"])[:160]}"'
            )
    return out


def pair_summary(analysis: Analysis, pair: dict[str, Any]) -> str:
    """One line: what the copier changed ('3 terms changed, 2 sentences cut')."""
    side = source_side(analysis, pair)
    x, y = pair["articles"]
    lab = labels(analysis)
    kinds = [edit_kind(e, side != 1) for p in pair["passages"] for e in p["edits"]]
    wire = republished_pair(analysis, (x, y))
    if wire:
        return (
            f"{lab[y]} against {lab[x]}: both carry {wire} copy, so the differences are "
            f"edits by one of the republishers, and neither wording is {wire}'s: "
            f"{edit_summary(kinds)}"
        )
    if side is None:
        return f"{lab[y]} against {lab[x]}: {edit_summary(kinds)}"
    copier, source = (y, x) if side == 0 else (x, y)
    return f"{lab[copier]} against its source {lab[source]}: {edit_summary(kinds)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _clip(text: str) -> str:
    return " ".join(text.split())


def edit_context(analysis: Analysis, a_id: str, edit: dict[str, Any]) -> tuple[str, str]:
    """Text just before and after the edit, on side a."""
    text = analysis.article(a_id).text
    start, end = edit["a"]
    before = _clip(text[max(0, start - CONTEXT) : start])
    after = _clip(text[end : end + CONTEXT])
    return before, after


def _glue(after: str) -> str:
    """Context after an edit: no space before punctuation."""
    return after if after[:1] in ".,;:!?)\u201d\"'\u2019" else " " + after


def marked_edit(edit: dict[str, Any]) -> str:
    """``[-old-]{+new+}`` in the style of word diffs."""
    old = f"[-{_clip(edit['a_text'])}-]" if edit["a_text"] else ""
    new = f"{{+{_clip(edit['b_text'])}+}}" if edit["b_text"] else ""
    return old + new


def text_lines(analysis: Analysis) -> list[str]:
    data = reuse_data(analysis)
    if data is None:
        return []
    pairs, summary = data
    lab = labels(analysis)
    lines = ["Shared copy"]
    if not pairs:
        return [*lines, "  No passages shared between any two articles."]
    lines += [f"  {pair_line(analysis, p)}" for p in pairs]
    lines += ["", "Copy by outlet (share of its text, from whom, what it changed)"]
    lines += [f"  {line}" for line in outlet_lines(analysis, pairs)]
    outside = outside_lines(analysis, pairs)
    if outside:
        lines += ["", "Copy outside the body (titles, standfirsts, text cleaning removed)"]
        lines += [f"  {line}" for line in outside]
    for group in summary.get("groups", []):
        names = ", ".join(short(analysis)[m] for m in group["articles"])
        src = f", credited source: {group['source']}" if group.get("source") else ""
        lines.append(f"  Same copy in {names}: {group['words']} words{src}")
    subs = summary.get("substitutions", [])
    if subs:
        lines += ["", "Word substitutions in shared copy (where one writes X, the other writes Y)"]
        for s in subs:
            x, y = s["articles"]
            lines.append(
                f'  {lab[x]}: "{_clip(s["a_text"])}"  /  {lab[y]}: "{_clip(s["b_text"])}"'
                + (f"  x{s['count']}" if s["count"] > 1 else "")
            )
    for pair in pairs:
        x, y = pair["articles"]
        edits = [(p, e) for p in pair["passages"] for e in p["edits"]]
        if not edits:
            continue
        lines += ["", f"Edits between {lab[x]} ([-...-]) and {lab[y]} ({{+...+}}), in order"]
        lines.append(f"  {pair_summary(analysis, pair)}")
        for _, edit in edits:
            before, after = edit_context(analysis, x, edit)
            lines.append(f"  {edit['op']:<8} ...{before} {marked_edit(edit)}{_glue(after)}...")
    return lines


def markdown_lines(analysis: Analysis, esc: Any) -> list[str]:
    data = reuse_data(analysis)
    if data is None:
        return []
    pairs, summary = data
    lab = labels(analysis)
    lines = ["", "## Shared copy", ""]
    if not pairs:
        return [*lines, "No passages shared between any two articles."]
    lines += [f"- {esc(pair_line(analysis, p))}" for p in pairs]
    lines += ["", "### Copy by outlet", ""]
    lines += [f"- {esc(line)}" for line in outlet_lines(analysis, pairs)]
    outside = outside_lines(analysis, pairs)
    if outside:
        lines += ["", "### Copy outside the body", ""]
        lines += [f"- {esc(line)}" for line in outside]
    lines.append("")
    for group in summary.get("groups", []):
        names = ", ".join(short(analysis)[m] for m in group["articles"])
        lines.append(f"- Same copy in {names}: {group['words']} words")
    subs = summary.get("substitutions", [])
    if subs:
        lines += ["", "### Word substitutions", "", "| outlet | writes | outlet | writes | times |"]
        lines.append("|---|---|---|---|---|")
        for s in subs:
            x, y = s["articles"]
            lines.append(
                f"| {esc(lab[x])} | {esc(_clip(s['a_text']))} | {esc(lab[y])} "
                f"| {esc(_clip(s['b_text']))} | {s['count']} |"
            )
    for pair in pairs:
        x, y = pair["articles"]
        edits = [e for p in pair["passages"] for e in p["edits"]]
        if not edits:
            continue
        lines += ["", f"### Edits: {esc(lab[x])} → {esc(lab[y])}", ""]
        lines += [esc(pair_summary(analysis, pair)), ""]
        for edit in edits:
            before, after = edit_context(analysis, x, edit)
            old = f"~~{esc(_clip(edit['a_text']))}~~" if edit["a_text"] else ""
            new = f"**{esc(_clip(edit['b_text']))}**" if edit["b_text"] else ""
            lines.append(f"- {edit['op']}: …{esc(before)} {old} {new}{esc(_glue(after))}…")
    return lines


def html_section(analysis: Analysis) -> str:
    data = reuse_data(analysis)
    if data is None:
        return ""
    pairs, summary = data
    lab = labels(analysis)
    if not pairs:
        return "<h2>Shared copy</h2><p>No passages shared between any two articles.</p>"
    items = "".join(f"<li>{escape(pair_line(analysis, p))}</li>" for p in pairs)
    items += "".join(f"<li>{escape(line)}</li>" for line in outlet_lines(analysis, pairs))
    items += "".join(f"<li>{escape(line)}</li>" for line in outside_lines(analysis, pairs))
    rows = "".join(
        f"<tr><td>{escape(lab[s['articles'][0]])}</td><td><del>{escape(s['a_text'])}</del></td>"
        f"<td>{escape(lab[s['articles'][1]])}</td><td><ins>{escape(s['b_text'])}</ins></td>"
        f"<td>{s['count']}</td></tr>"
        for s in summary.get("substitutions", [])
    )
    table = (
        "<h3>Word substitutions</h3><table><tr><th>outlet</th><th>writes</th><th>outlet</th>"
        f"<th>writes</th><th>times</th></tr>{rows}</table>"
        if rows
        else ""
    )
    edits_html = []
    for pair in pairs:
        x, y = pair["articles"]
        lis = []
        for passage in pair["passages"]:
            for edit in passage["edits"]:
                before, after = edit_context(analysis, x, edit)
                lis.append(
                    f"<li><span class=op>{escape(edit['op'])}</span> …{escape(before)} "
                    f"<del>{escape(edit['a_text'])}</del><ins>{escape(edit['b_text'])}</ins>"
                    f"{escape(_glue(after))}…</li>"
                )
        if lis:
            edits_html.append(
                f"<h3>Edits: {escape(lab[x])} → {escape(lab[y])}</h3>"
                f"<p>{escape(pair_summary(analysis, pair))}</p><ul>{''.join(lis)}</ul>"
            )
    return f"<h2>Shared copy</h2><ul>{items}</ul>{table}{''.join(edits_html)}"
