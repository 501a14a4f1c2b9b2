"""What two statements share: words, numbers, names, and meaning.

Signals for one candidate pair of units (sentences from two articles):
- ``lexical``: cosine of idf-weighted content words (typography and case ignored);
- ``numbers``: share of the figures that match, and whether a figure conflicts;
- ``names``: overlap of capitalised names;
- ``embedding``: cosine of MiniLM sentence embeddings (only for pairs the cheap
  signals cannot settle: see :mod:`parallax.facts.match`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from parallax.facts.claims import EMPTY, Claim
from parallax.tokens import STOPWORDS, tokenize
from parallax.voices.numbers import NUMBER_WORDS

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
# Small exact number words only: "dozens" or "hundreds" are too vague to match figures.
_WORDS = {w: v for w, v in NUMBER_WORDS.items() if " " not in w and 0 < v <= 12}
_WORDS.update({"dozen": 12, "hundred": 100})


@dataclass(frozen=True, slots=True)
class Unit:
    """A statement: one sentence of one article."""

    article: str
    index: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    numbers: frozenset[float]
    names: frozenset[str]
    claim: Claim = EMPTY
    views: tuple[str, ...] = ()  # its clauses and its content without attribution (views.py)
    shingles: frozenset[tuple[str, ...]] = frozenset()  # its runs of three words, all kept


def numbers_in(text: str) -> frozenset[float]:
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        raw = match.group(0).replace(",", "").rstrip(".")
        try:
            value = float(raw)
        except ValueError:
            continue
        tail = text[match.end() : match.end() + 10].lower()
        if tail.lstrip().startswith("million"):
            value *= 1_000_000
        elif tail.lstrip().startswith("billion"):
            value *= 1_000_000_000
        found.add(value)
    for word in tokenize(text).words:
        if word in _WORDS:
            found.add(float(_WORDS[word]))
    return frozenset(found)


def make_unit(
    article: str,
    index: int,
    start: int,
    end: int,
    text: str,
    claim: Claim = EMPTY,
    views: tuple[str, ...] = (),
) -> Unit:
    every = tokenize(text).words
    words = tuple(w for w in every if w not in STOPWORDS and not w.isdigit())
    names = frozenset(m.group(0).lower() for m in _NAME.finditer(text))
    shingles = frozenset(tuple(every[i : i + SHINGLE]) for i in range(len(every) - SHINGLE + 1))
    return Unit(
        article, index, start, end, text, words, numbers_in(text), names, claim, views, shingles
    )


SHINGLE = 3


def shingle_share(a: Unit, b: Unit) -> float:
    """Share of the runs of three words (stopwords kept) of the unit with fewer found in
    the other: high when one quotes the other's words ("I have not done anything
    wrong," she said / "I have not done anything wrong."), which content words alone
    do not show."""
    if not a.shingles or not b.shingles:
        return 0.0
    small, large = (
        (a.shingles, b.shingles) if len(a.shingles) <= len(b.shingles) else (b.shingles, a.shingles)
    )
    return len(small & large) / len(small)


class Idf:
    """Inverse document frequency of words over the units of one story."""

    def __init__(self, units: Sequence[Unit]) -> None:
        df: Counter[str] = Counter()
        for unit in units:
            df.update(set(unit.words))
        n = max(len(units), 1)
        self.weights = {w: math.log(1 + n / c) for w, c in df.items()}
        self.vectors: dict[tuple[str, int], dict[str, float]] = {}
        for unit in units:
            counts = Counter(unit.words)
            vec = {w: (1 + math.log(c)) * self.weights[w] for w, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            self.vectors[(unit.article, unit.index)] = {w: v / norm for w, v in vec.items()}

    def containment(self, a: Unit, b: Unit) -> float:
        """Share (idf-weighted) of the words of the unit with fewer words found in the other:
        high when one sentence packs the other's claim."""
        sa, sb = set(a.words), set(b.words)
        small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
        total = sum(self.weights.get(w, 0.0) for w in small)
        if not total:
            return 0.0
        return sum(self.weights.get(w, 0.0) for w in small & large) / total

    def cosine(self, a: Unit, b: Unit) -> float:
        va = self.vectors[(a.article, a.index)]
        vb = self.vectors[(b.article, b.index)]
        small, large = (va, vb) if len(va) <= len(vb) else (vb, va)
        return sum(v * large.get(w, 0.0) for w, v in small.items())


def number_signals(a: Unit, b: Unit) -> tuple[float, bool]:
    """(share of figures in common, True when both give figures and none match)."""
    if not a.numbers or not b.numbers:
        return 0.0, False
    common = a.numbers & b.numbers
    share = len(common) / min(len(a.numbers), len(b.numbers))
    return share, not common


def name_overlap(a: Unit, b: Unit) -> float:
    if not a.names or not b.names:
        return 0.0
    return len(a.names & b.names) / min(len(a.names), len(b.names))


def common_run(a: Unit, b: Unit) -> int:
    """Length of the longest run of content words the two units share in order."""
    if not a.words or not b.words:
        return 0
    best = 0
    prev = [0] * (len(b.words) + 1)
    for x in a.words:
        cur = [0] * (len(b.words) + 1)
        for j, y in enumerate(b.words, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best
