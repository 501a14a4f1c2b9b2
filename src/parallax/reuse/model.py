"""Findings of the reuse stage: passages of shared copy and the edits inside them.

Direction: in a pair ``(a, b)``, ``a`` is the article given first.  An edit's ``op`` is
``replace`` (both sides have text), ``delete`` (text in ``a`` that ``b`` lacks) or
``insert`` (text in ``b`` that ``a`` lacks); the empty side's offsets are the point
``[p, p]`` where the text would be.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parallax.model import Offsets


@dataclass(frozen=True, slots=True)
class Edit:
    op: str
    a: Offsets
    b: Offsets
    a_text: str
    b_text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "a_text": self.a_text,
            "b_text": self.b_text,
            "a": list(self.a),
            "b": list(self.b),
        }


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of copy shared by two articles, with offsets on both sides."""

    a: Offsets
    b: Offsets
    shared_words: int
    a_words: int
    b_words: int
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "shared_words": self.shared_words,
            "a_words": self.a_words,
            "b_words": self.b_words,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class PairReuse:
    """All the copy two articles share."""

    articles: tuple[str, str]
    shared_words: int
    share: tuple[float, float]  # share of each article's words that is shared copy
    passages: tuple[Passage, ...]
    source: str | None  # wire service named by either article's credits
    source_evidence: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "shared_words": self.shared_words,
            "share": [round(s, 4) for s in self.share],
            "source": self.source,
            "source_evidence": self.source_evidence,
            "passages": [p.to_dict() for p in self.passages],
        }


@dataclass(frozen=True, slots=True)
class Substitution:
    """Where article ``a`` writes ``a_text``, article ``b`` writes ``b_text``."""

    articles: tuple[str, str]
    outlets: tuple[str, str]
    a_text: str
    b_text: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "outlets": list(self.outlets),
            "a_text": self.a_text,
            "b_text": self.b_text,
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """Three or more articles carrying the same copy (measured on ``pivot``'s words)."""

    articles: tuple[str, ...]
    pivot: str
    words: int
    spans: tuple[Offsets, ...]  # in the pivot article
    source: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "pivot": self.pivot,
            "words": self.words,
            "spans": [list(s) for s in self.spans],
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class ReuseSummary:
    groups: tuple[CopyGroup, ...]
    substitutions: tuple[Substitution, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": [g.to_dict() for g in self.groups],
            "substitutions": [s.to_dict() for s in self.substitutions],
        }
