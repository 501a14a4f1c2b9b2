"""Findings of the reuse stage: passages of shared copy and the edits inside them.

Direction: in a pair ``(a, b)``, ``a`` is the article given first.  An edit's ``op`` is
``replace`` (both sides have text), ``delete`` (text in ``a`` that ``b`` lacks) or
``insert`` (text in ``b`` that ``a`` lacks); the empty side's offsets are the point
``[p, p]`` where the text would be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.model import Offsets
from parallax.sections import optional_str

SHARE_DIGITS = 4  # a pair's share is kept (and written) to four decimal places


def _offsets(value: Any) -> Offsets:
    return int(value[0]), int(value[1])


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Edit:
        return cls(
            op=str(data["op"]),
            a=_offsets(data["a"]),
            b=_offsets(data["b"]),
            a_text=str(data["a_text"]),
            b_text=str(data["b_text"]),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Passage:
        return cls(
            a=_offsets(data["a"]),
            b=_offsets(data["b"]),
            shared_words=int(data["shared_words"]),
            a_words=int(data["a_words"]),
            b_words=int(data["b_words"]),
            edits=tuple(Edit.from_dict(e) for e in data.get("edits") or ()),
        )


@dataclass(frozen=True, slots=True)
class OutsideCopy:
    """A piece of ``article`` outside its body (``place``: ``title``, ``description``
    or ``removed:<kind>``, ``index`` among the removed paragraphs) that is copy of a
    stretch of ``other`` (``other_place`` ``body``, with ``other_span`` offsets into the
    other article's text, or another outside piece, with offsets into that piece)."""

    article: str
    place: str
    index: int
    text: str
    other: str
    other_place: str
    other_index: int
    other_span: Offsets
    other_text: str
    shared_words: int
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "place": self.place,
            "index": self.index,
            "text": self.text,
            "other": self.other,
            "other_place": self.other_place,
            "other_index": self.other_index,
            "other_span": list(self.other_span),
            "other_text": self.other_text,
            "shared_words": self.shared_words,
            "similarity": self.similarity,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OutsideCopy:
        s, e = data["other_span"]
        return cls(
            article=str(data["article"]),
            place=str(data["place"]),
            index=int(data["index"]),
            text=str(data["text"]),
            other=str(data["other"]),
            other_place=str(data["other_place"]),
            other_index=int(data["other_index"]),
            other_span=(int(s), int(e)),
            other_text=str(data["other_text"]),
            shared_words=int(data["shared_words"]),
            similarity=float(data["similarity"]),
        )


@dataclass(frozen=True, slots=True)
class PairReuse:
    """All the copy two articles share."""

    articles: tuple[str, str]
    shared_words: int
    share: tuple[float, float]  # share of each article's words that is shared copy
    passages: tuple[Passage, ...]
    source: str | None  # wire service named by either article's credits
    source_evidence: str | None
    outside: tuple[OutsideCopy, ...] = ()  # copy in a title, standfirst or removed text

    def __post_init__(self) -> None:
        # rounded once, here, so the JSON form holds exactly the value the object has
        a, b = self.share
        object.__setattr__(self, "share", (round(a, SHARE_DIGITS), round(b, SHARE_DIGITS)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "shared_words": self.shared_words,
            "share": list(self.share),
            "source": self.source,
            "source_evidence": self.source_evidence,
            "passages": [p.to_dict() for p in self.passages],
            "outside": [o.to_dict() for o in self.outside],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairReuse:
        x, y = data["articles"]
        a, b = data["share"]
        return cls(
            articles=(str(x), str(y)),
            shared_words=int(data["shared_words"]),
            share=(float(a), float(b)),
            passages=tuple(Passage.from_dict(p) for p in data.get("passages") or ()),
            source=optional_str(data.get("source")),
            source_evidence=optional_str(data.get("source_evidence")),
            outside=tuple(OutsideCopy.from_dict(o) for o in data.get("outside") or ()),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Substitution:
        x, y = data["articles"]
        ox, oy = data["outlets"]
        return cls(
            articles=(str(x), str(y)),
            outlets=(str(ox), str(oy)),
            a_text=str(data["a_text"]),
            b_text=str(data["b_text"]),
            count=int(data["count"]),
        )


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CopyGroup:
        return cls(
            articles=tuple(str(a) for a in data["articles"]),
            pivot=str(data["pivot"]),
            words=int(data["words"]),
            spans=tuple(_offsets(s) for s in data.get("spans") or ()),
            source=optional_str(data.get("source")),
        )


@dataclass(frozen=True, slots=True)
class ReuseSummary:
    groups: tuple[CopyGroup, ...]
    substitutions: tuple[Substitution, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": [g.to_dict() for g in self.groups],
            "substitutions": [s.to_dict() for s in self.substitutions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReuseSummary:
        return cls(
            groups=tuple(CopyGroup.from_dict(g) for g in data.get("groups") or ()),
            substitutions=tuple(Substitution.from_dict(s) for s in data.get("substitutions") or ()),
        )
