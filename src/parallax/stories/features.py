"""What an article is about, as weighted terms that tell events apart.

Topic words say what kind of event it is ("earthquake", "strike"); names, places and
figures say which one.  Two earthquakes in one week share their topic words, so
names (capitalised phrases: people, places, organisations) weigh :data:`NAME_WEIGHT`
times a topic word, and figures :data:`FIGURE_WEIGHT` times.  Everything here is
regular expressions over the text (no parser), so an article costs well under a
millisecond.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from parallax.model import Article
from parallax.tokens import STOPWORDS

NAME_WEIGHT = 3.0
FIGURE_WEIGHT = 2.0
MAX_TERMS = 60  # the heaviest terms of an article make its signature

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][a-z\u00df-\u024f'\u2019\-]{2,}")
_NAME = re.compile(
    r"(?<![\w.])(?:[A-Z][a-z\u00df-\u024f'\u2019\-]+|[A-Z]{2,6})"
    r"(?:\s+(?:of\s+|de\s+|al-|the\s+)?(?:[A-Z][a-z\u00df-\u024f'\u2019\-]+|[A-Z]{2,6}))*"
)
_FIGURE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?!\d)|(?<![\w.,])\d{2,}(?:\.\d+)?(?![\w,])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\u201d\"]\s+|\n)\s*$")
_GENERIC_NAMES = frozenset(
    "the a an he she it they we i but and or if in on at as this that these those his her "
    "their its our after before when while monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november "
    "december mr mrs ms dr sen rep gov president minister officials police".split()
)


@dataclass(frozen=True, slots=True)
class Signature:
    """An article's weighted terms (``n:`` names, ``f:`` figures, bare topic words)."""

    terms: dict[str, float]
    published: str | None

    @property
    def names(self) -> frozenset[str]:
        return frozenset(t for t in self.terms if t.startswith("n:"))


def raw_terms(article: Article) -> Counter[str]:
    """Term counts of the title and text, names and figures marked."""
    return text_terms(article.title, article.text)


def text_terms(title: str | None, body: str) -> Counter[str]:
    """:func:`raw_terms` of a title and a text."""
    text = f"{title or ''}\n{body}"
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group(0).lower().replace("\u2019", "'")
        if word not in STOPWORDS and len(word) > 2:
            counts[word] += 1
    names = [
        (m.group(0), _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()) is not None)
        for m in _NAME.finditer(text)
    ]
    inside = {phrase for phrase, at_start in names if not at_start}
    for phrase, at_start in names:
        words = phrase.split()
        first = words[0].lower()
        if len(words) == 1 and (first in _GENERIC_NAMES or first in STOPWORDS):
            continue
        if len(words) == 1 and at_start and phrase not in inside:
            continue  # capitalised only because it opens a sentence ("Thousands", "Organisers")
        counts["n:" + " ".join(w.lower() for w in words)] += 1
        if len(words) > 1:
            for word in words:
                if word.lower() not in _GENERIC_NAMES and word.lower() not in STOPWORDS:
                    counts["n:" + word.lower()] += 1
    for match in _FIGURE.finditer(text):
        value = match.group(0).replace(",", "")
        if len(value) == 4 and value.startswith(("19", "20")):
            continue  # a year says little about which event
        counts["f:" + value] += 1
    return counts


def weight(term: str) -> float:
    if term.startswith("n:"):
        return NAME_WEIGHT
    if term.startswith("f:"):
        return FIGURE_WEIGHT
    return 1.0


def signature(article: Article, idf: dict[str, float] | None = None) -> Signature:
    """The :data:`MAX_TERMS` heaviest terms, unit-length (``idf`` defaults to 1)."""
    return signature_of(raw_terms(article), article.published, idf)


def signature_of(
    counts: Mapping[str, int], published: str | None, idf: Mapping[str, float] | None = None
) -> Signature:
    """:func:`signature` from term counts already made."""
    scored = {
        t: (1.0 + math.log(c)) * weight(t) * (idf.get(t, 1.0) if idf else 1.0)
        for t, c in counts.items()
    }
    top = dict(sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS])
    norm = math.sqrt(sum(v * v for v in top.values())) or 1.0
    return Signature({t: v / norm for t, v in top.items()}, published)


def cosine(a: Signature, b: Signature) -> float:
    small, large = (a.terms, b.terms) if len(a.terms) <= len(b.terms) else (b.terms, a.terms)
    return sum(v * large.get(t, 0.0) for t, v in small.items())
