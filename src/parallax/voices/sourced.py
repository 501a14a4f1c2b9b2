"""Statements given to a source without a speech verb.

- **according to**: "CLAUSE, according to X" and "According to X, CLAUSE".  The
  content is the clause "according" hangs on, from its subject ("Boasting 108,000
  residents ..., *the GOP leaners in the area seem enamored with Trump*, according to
  Politico"), else the rest of the sentence on the far side of the phrase.
- **In a source**: "In the poll, 50 percent chose Clinton", "In a statement, the group
  ...": a sentence that opens with "In" and a document or poll, then a comma, gives the
  rest of the sentence to that document when no cue of its own speaks there.
- **Headlines**: a first paragraph of one sentence "Sanders: Clinton email story has moved" gives
  what follows the colon to the one to three capitalised words before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from parallax.model import Offsets

DOCUMENTS = frozenset(
    (
        "poll polls survey surveys study studies report reports statement statements "
        "interview interviews letter letters memo memos filing filings lawsuit complaint "
        "video videos ad ads op-ed column editorial tweet tweets post posts speech remarks "
        "email emails rankings average analysis documents document ruling order opinion "
        "testimony release transcript book essay message"
    ).split()
)
_HEADLINE = re.compile(
    r"^(?P<who>[A-Z][\w.'\u2019&-]*(?:\s+[A-Z][\w.'\u2019&-]*){0,2}):\s+(?P<what>\S.*?)[.!?]?$"
)
NOT_SOURCES = frozenset(
    "exclusive breaking update updated watch video photos analysis opinion contributing "
    "correction review live explainer factbox timeline q&a".split()
) | {"the latest"}  # AP's running story: "The Latest: Trump ..."
Add = Callable[[Offsets, Any, str], None]


def _end(text: str, tokens: list[Any]) -> int:
    end: int = tokens[-1].idx + len(tokens[-1].text)
    return end - 1 if text[end - 1 : end] in ".!?" else end


def according(text: str, tokens: list[Any], speaker: Callable[[Any], Any], add: Add) -> Any | None:
    """The first "according to X" of a sentence (``tokens``); returns its speaker."""
    for tok in tokens:
        if tok.lower_ != "according":
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            continue
        spk = speaker(obj)
        phrase = list(tok.subtree)
        p_start, p_end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        s_start, s_end = tokens[0].idx, _end(text, tokens)
        head = tok.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "X was significant, and Y deeply valued, according to"
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if p_start - s_start < 3:
            add((p_end + 1, s_end), spk, "according to")
        elif subjects and subjects[0].i < tok.i and subjects[0].left_edge.idx < p_start:
            add((max(s_start, subjects[0].left_edge.idx), p_start), spk, "according to")
        else:
            add((s_start, p_start), spk, "according to")
        return spk
    return None


def document_opening(tokens: list[Any]) -> tuple[Any, Any] | None:
    """(document noun, comma) of a sentence that opens "In the poll, ...", else None."""
    if len(tokens) < 6 or tokens[0].lower_ != "in":
        return None
    comma = next((t for t in tokens[1:12] if t.text == ","), None)
    if comma is None:
        return None
    nouns = [
        t
        for t in tokens[1 : comma.i - tokens[0].i]
        if t.head.i == tokens[0].i and t.lower_ in DOCUMENTS
    ]
    return (nouns[0], comma) if nouns else None


SHARES = frozenset(
    "percent % majority majorities half third thirds quarter quarters most many few".split()
)


def respondents(subject: Any) -> bool:
    """ "79 percent of Democrats", "Large majorities of voters", "half of GOP voters": the
    people a poll counts, who speak only through it."""
    return any(t.like_num or t.lower_ in SHARES for t in subject.subtree if t.i <= subject.i)


def in_source(
    text: str, tokens: list[Any], speaker: Callable[[Any], Any], add: Add, cued: bool
) -> Any | None:
    """ "In the poll, CLAUSE": the clause is the document's (``cued``: a cue of the
    sentence already speaks, so the document is only where it spoke)."""
    opening = document_opening(tokens) if not cued else None
    if opening is None:
        return None
    noun, comma = opening
    spk = speaker(noun)
    start, end = comma.idx + 1, _end(text, tokens)
    if spk is None or len(text[start:end].split()) < 3:
        return None
    add((start, end), spk, "in")
    return spk


def headline(text: str, bounds: Offsets, paragraph: Offsets) -> tuple[str, Offsets] | None:
    """(who, content span) of a headline paragraph "Name: content", else None."""
    if (
        bounds != paragraph
        and text[bounds[0] : bounds[1]].strip() != text[paragraph[0] : paragraph[1]].strip()
    ):
        return None
    line = text[bounds[0] : bounds[1]]
    if "\n" in line.strip():
        return None
    match = _HEADLINE.match(line.strip())
    if match is None or len(match.group("what").split()) < 3:
        return None
    if match.group("who").lower() in NOT_SOURCES or len(match.group("who")) > 30:
        return None
    offset = bounds[0] + len(line) - len(line.lstrip())
    return match.group("who"), (offset + match.start("what"), offset + match.end("what"))
