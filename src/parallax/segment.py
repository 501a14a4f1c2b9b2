"""Sentence segmentation for news text, with character offsets.

Rules (documented in ``eval/data/segmentation/README.md`` and measured by
``eval/run.py``):

* a paragraph never holds a sentence boundary across it: paragraphs are split first;
* a sentence ends at ``.``, ``!``, ``?`` or an ellipsis, plus any closing quotes or
  brackets, when what follows can start a sentence;
* a closed quotation inside a paragraph is never split, however many sentences it
  holds (``“It is over. We lost,” she said.`` is one sentence) — quote stages
  want a quotation and its attribution together;
* abbreviation periods (titles, months before a day, initials, ``U.S.``, ``a.m.``)
  do not end a sentence unless the next word is a typical sentence opener;
* a dateline (``KHAN YOUNIS, Gaza Strip — ``) belongs to its paragraph's first
  sentence; :func:`find_dateline` reports its span.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from parallax.model import Offsets

# Abbreviations that are (almost) never the end of a sentence: they precede a name.
TITLES = frozenset(
    (
        "mr mrs ms mx dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev "
        "hon pres supt insp det fr msgr amb atty brig rear vice mt ft sens reps govs "
        "gens messrs mmes esq cmdt lieut "
    ).split()
)
# Month abbreviations: not an end before a day number ("Nov. 3").
MONTHS = frozenset(("jan feb mar apr jun jul aug sep sept oct nov dec ").split())
# Abbreviations that take a number after them ("No. 4", "Vol. 2").
NUMBERED = frozenset(("no nos vol vols art fig figs p pp ch sec para op ").split())
# Abbreviations that often end a sentence too; an end only before a sentence opener.
SOMETIMES_FINAL = frozenset(
    (
        "st inc corp co ltd llc plc jr sr etc bros dept univ assn ave blvd rd hwy approx vs "
        "est al cf ca pct mph "
    ).split()
)
# Words that commonly open a sentence; used after an ambiguous abbreviation.
OPENERS = frozenset(
    (
        "the a an this that these those he she it they we i you his her its their our my "
        "your but and or so yet in on at for from with after before when while as if "
        "since although though because meanwhile however still also there here some many "
        "most both neither either each every no not one two three four five six seven "
        "eight nine ten what who why how where which then now later earlier instead thus "
        "nor according under over during despite none nobody officials police authorities "
    ).split()
)
NOT_AFTER_TIME = frozenset(
    "pacific eastern central mountain atlantic standard daylight".split()
) | frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday local et est edt ct cst "
        "cdt mt mst mdt pt pst pdt gmt utc bst cet cest "
    ).split()
)

_OPEN_DQ = "\u201c\u201e\u00ab"
_CLOSE_DQ = "\u201d\u00bb"
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_OPENERS_PUNCT = "\"'\u201c\u2018\u00ab(["
_BULLETS = "\u2022\u00b7\u25aa\u2023\u25cf*"

_TERMINATOR = re.compile(r"(?:\.{3}|\u2026|[.!?])+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\u2019\- ]{1,40}[A-Z.]"
    r"(?:,\s+[A-Z][\w.'\u2019\- ]{1,40}?)?)"
    r"\s*(?:\([^)]{1,40}\)\s*)?[\u2014\u2013\-]{1,2}\s+(?=\S)"
)


def find_dateline(paragraph: str) -> int:
    """Length of the dateline at the start of ``paragraph`` (0 when there is none)."""
    match = _DATELINE.match(paragraph)
    if not match:
        return 0
    first = match.group("place").split(",")[0]
    letters = [c for c in first if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return 0
    return match.end()


def _quoted_regions(par: str) -> list[tuple[int, int]]:
    """Spans (open, close) of double-quoted stretches that close within ``par``."""
    regions: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(par):
        if ch in _OPEN_DQ:
            stack.append(i)
        elif ch in _CLOSE_DQ:
            if stack:
                start = stack.pop()
                if not stack:
                    regions.append((start, i))
        elif ch == '"':
            before = par[i - 1] if i else " "
            after = par[i + 1] if i + 1 < len(par) else " "
            opening = (before.isspace() or before in "([\u2014-") and not after.isspace()
            if opening:
                stack.append(i)
            elif stack:
                start = stack.pop()
                if not stack:
                    regions.append((start, i))
    return regions


def _inside(pos: int, regions: list[tuple[int, int]], starts: list[int]) -> bool:
    """True when ``pos`` lies after a quotation's opening mark and not past its close.

    ``regions`` do not overlap and are in order; ``starts`` are their opening marks."""
    i = bisect_left(starts, pos) - 1
    return i >= 0 and pos <= regions[i][1]


_NEXT_WORD = re.compile(r"\s*[" + re.escape(_OPENERS_PUNCT) + r"]*\s*([\w$%\u2019'-]*)")
_NON_SPACE = re.compile(r"\S")
_QUOTE_RUN = re.compile("[\"'\u201c\u2018 ]*")
_BRAND = re.compile(r"[a-z]{1,2}[A-Z]")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-")


def _next_word(par: str, pos: int) -> str:
    match = _NEXT_WORD.match(par, pos)
    return match.group(1) if match else ""


def _word_before(par: str, end: int) -> int | None:
    """Start of the word (letters, dots, hyphens; first a letter) ending at ``end``.

    Scans back from ``end`` only: a regex search anchored at ``$`` would try every
    position of the paragraph, for every full stop (quadratic on a huge paragraph)."""
    start = end
    while start > 0 and par[start - 1] in _WORD_CHARS:
        start -= 1
    while start < end and not par[start].isalpha():
        start += 1
    return start if start < end else None


def _can_start(par: str, pos: int) -> bool:
    """Can a sentence start at ``pos`` (the first non-space after a terminator)?"""
    first = _NON_SPACE.search(par, pos)
    if first is None:
        return False
    at = first.start()
    ch = par[at]
    if ch.isupper() or ch.isdigit() or ch in "$\u00a3\u20ac" + _BULLETS:
        return True
    if ch in _OPENERS_PUNCT:
        run = _QUOTE_RUN.match(par, at + 1)
        inner = run.end() if run else at + 1
        return inner < len(par) and (par[inner].isupper() or par[inner].isdigit())
    # lower-case brand names: iPhone, eBay
    return bool(_BRAND.match(par, at))


# A quotation's attribution after its closing mark, ending its own clause: '...
# baseball?" Obama said.', '?" Justice Breyer asked.', '!" said Ms. Lopez,'.
_SPEECH = (
    r"(?:said|says|asked|asks|added|adds|told|tells|continued|replied|recalled|wrote|"
    r"explained|insisted|argued|declared|shouted|yelled|wondered|joked|quipped)"
)
_NAME = r"(?:[A-Z][\w.\u2019'-]*|of|de|van|von)"
_ATTRIBUTION = re.compile(
    rf"\s*(?:(?:{_NAME}\s+){{1,5}}{_SPEECH}|{_SPEECH}\s+(?:{_NAME}\s*){{1,5}})"
    r"(?:\s+[\w\u2019'-]+){0,3}\s*[.,;:!?]"
)


def _is_boundary(par: str, term_start: int, term_end: int) -> bool:
    """Decide whether the terminator ``par[term_start:term_end]`` ends a sentence."""
    if not _can_start(par, term_end):
        return False
    if par[term_end - 1] in '"\u201d' and _ATTRIBUTION.match(par, term_end):
        return False  # the quotation's speaker follows: '?" Obama said.'
    term = par[term_start:term_end].rstrip(_CLOSERS)
    nxt = _next_word(par, term_end)
    nxt_low = nxt.lower()
    if term != ".":
        return True  # ! ? ... and combinations
    before = _word_before(par, term_start)
    if before is None:
        return True
    token = par[before:term_start]
    if before > 0 and par[before - 1].isalnum():
        return True  # "3B.", "F16." -- not an abbreviation
    if len(token) == 1 and token.isupper():
        # an initial ("John F. Kennedy") unless a plain sentence opener follows
        # a lower-case word ("plan B. The ...")
        gap = before
        while gap > 0 and par[gap - 1].isspace():
            gap -= 1
        prev = par[par.rfind(" ", 0, gap) + 1 : gap]
        return nxt_low in OPENERS and prev[:1].islower()
    low = token.lower().rstrip(".")
    last = low.rsplit("-", 1)[-1]
    if "." in low and max(len(part) for part in low.split(".")) >= 3:
        pass  # a domain or file name (example.com): an ordinary word
    elif "." in low:  # U.S, a.m, e.g, R-N.Y
        if last in ("a.m", "p.m"):
            return nxt_low not in NOT_AFTER_TIME and not nxt[:1].isdigit()
        return nxt_low in OPENERS
    elif last in TITLES:
        return False
    if last in MONTHS:
        return not nxt[:1].isdigit()
    if last in NUMBERED:
        return not nxt[:1].isdigit()
    if last in SOMETIMES_FINAL:
        return nxt_low in OPENERS or par[term_end:].lstrip()[:1] in _BULLETS
    return True


def split_paragraph(par: str) -> list[Offsets]:
    """Sentence spans within one paragraph (offsets relative to ``par``)."""
    regions = _quoted_regions(par)
    starts = [a for a, _ in regions]
    spans: list[Offsets] = []
    start = 0
    for match in _TERMINATOR.finditer(par):
        end = match.end()
        if _inside(end, regions, starts):
            continue  # the quotation is still open after this terminator
        if _is_boundary(par, match.start(), end):
            spans.append((start, end))
            start = end
            while start < len(par) and par[start].isspace():
                start += 1
    if start < len(par) and par[start:].strip():
        spans.append((start, len(par.rstrip())))
    return [(a, b) for a, b in spans if par[a:b].strip()]


def split_sentences(text: str, paragraphs: tuple[Offsets, ...]) -> tuple[Offsets, ...]:
    """Sentence spans of ``text``, paragraph by paragraph, as absolute offsets."""
    out: list[Offsets] = []
    for p_start, p_end in paragraphs:
        par = text[p_start:p_end]
        out.extend((p_start + a, p_start + b) for a, b in split_paragraph(par))
    return tuple(out)


def paragraph_spans(text: str) -> tuple[Offsets, ...]:
    """Spans of the non-empty lines of ``text`` (the body keeps one paragraph per line)."""
    spans: list[Offsets] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return tuple(spans)
