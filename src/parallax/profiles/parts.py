"""The pieces of a story digest: one frozen type per kind of finding, each with its
place (article id and character offsets), and the per-outlet record that holds them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.sections import Mention

Place = tuple[str, int, int]  # (article id, start, end): a Mention, kept light in digests


def place(m: Mention) -> Place:
    return (m.article, m.start, m.end)


def mention(p: Place) -> Mention:
    return Mention(p[0], p[1], p[2])


def _m(data: Any) -> Place:
    return (data[0], data[1], data[2])  # written by ``_j``: already str, int, int


def _j(m: Place) -> list[Any]:
    return list(m)


@dataclass(frozen=True, slots=True)
class Swap:
    """In copy it shares with ``source``, the outlet writes ``own`` where it says ``copy``."""

    copy: str
    own: str
    source: str
    at: Place  # in the outlet's article
    copy_at: Place  # in the source's article

    def to_dict(self) -> dict[str, Any]:
        return {
            "copy": self.copy,
            "own": self.own,
            "source": self.source,
            "at": _j(self.at),
            "copy_at": _j(self.copy_at),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Swap:
        return cls(d["copy"], d["own"], d["source"], _m(d["at"]), _m(d["copy_at"]))


@dataclass(frozen=True, slots=True)
class LoadedUse:
    term: str
    category: str
    at: Place

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "category": self.category, "at": _j(self.at)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LoadedUse:
        return cls(d["term"], d["category"], _m(d["at"]))


@dataclass(frozen=True, slots=True)
class LabelUse:
    actor: str
    label: str
    kind: str
    at: Place

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "label": self.label, "kind": self.kind, "at": _j(self.at)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> LabelUse:
        return cls(d["actor"], d["label"], d["kind"], _m(d["at"]))


@dataclass(frozen=True, slots=True)
class QuoteUse:
    speaker: str
    kind: str
    direct: bool
    at: Place
    side: str = "unstated"  # the speaker's side in its story (parallax.voices.sides)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "kind": self.kind,
            "direct": self.direct,
            "at": _j(self.at),
            "side": self.side,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> QuoteUse:
        side = str(d.get("side") or "unstated")
        return cls(d["speaker"], d["kind"], bool(d["direct"]), _m(d["at"]), side)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the outlet gives that other outlets in the story give too."""

    what: str
    status: str  # agree / conflict
    attribution: str | None
    at: Place

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "status": self.status,
            "attribution": self.attribution,
            "at": _j(self.at),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Figure:
        return cls(d["what"], d["status"], d.get("attribution"), _m(d["at"]))


@dataclass(frozen=True, slots=True)
class StoryFact:
    """A fact of the story: a representative wording, its kind, and per outlet the
    first place it says it (``outlets`` lists the same outlets, for quick reading)."""

    id: str
    text: str
    kind: str
    places: tuple[tuple[str, Place], ...]  # (outlet, where)
    outlets: tuple[str, ...]  # the same outlets, for quick reading

    def place(self, outlet: str) -> Place:
        return next((m for o, m in self.places if o == outlet), self.places[0][1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "places": [[o, *_j(m)] for o, m in self.places],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StoryFact:
        places = tuple((p[0], (p[1], p[2], p[3])) for p in d["places"])
        return cls(d["id"], d["text"], d["kind"], places, tuple(p[0] for p in places))


@dataclass(frozen=True, slots=True)
class OutletDigest:
    """What one outlet's articles in one story show."""

    outlet: str
    articles: tuple[str, ...]
    words: int
    published: str | None
    first: bool  # published on the story's earliest date
    shared_words: int  # words in copy shared with another outlet's article
    wire_words: tuple[tuple[str, int], ...]  # per credited wire ("other outlets": none)
    swaps: tuple[Swap, ...]
    kept: tuple[str, ...]  # words of copy it carried unchanged (lower case)
    framed_words: int
    loaded_count: int  # loaded terms in its own words
    by_category: tuple[tuple[str, int], ...]
    loaded: tuple[LoadedUse, ...]
    labels: tuple[LabelUse, ...]
    quotes: tuple[QuoteUse, ...]
    figures: tuple[Figure, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "articles": list(self.articles),
            "words": self.words,
            "published": self.published,
            "first": self.first,
            "shared_words": self.shared_words,
            "wire_words": dict(self.wire_words),
            "swaps": [s.to_dict() for s in self.swaps],
            "kept": list(self.kept),
            "framed_words": self.framed_words,
            "loaded_count": self.loaded_count,
            "by_category": dict(self.by_category),
            "loaded": [x.to_dict() for x in self.loaded],
            "labels": [x.to_dict() for x in self.labels],
            "quotes": [x.to_dict() for x in self.quotes],
            "figures": [x.to_dict() for x in self.figures],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> OutletDigest:
        return cls(
            outlet=d["outlet"],
            articles=tuple(d["articles"]),
            words=int(d["words"]),
            published=d.get("published"),
            first=bool(d["first"]),
            shared_words=int(d["shared_words"]),
            wire_words=tuple((str(k), int(v)) for k, v in d["wire_words"].items()),
            swaps=tuple(Swap.from_dict(x) for x in d["swaps"]),
            kept=tuple(d["kept"]),
            framed_words=int(d["framed_words"]),
            loaded_count=int(d["loaded_count"]),
            by_category=tuple((str(k), int(v)) for k, v in d["by_category"].items()),
            loaded=tuple(LoadedUse.from_dict(x) for x in d["loaded"]),
            labels=tuple(LabelUse.from_dict(x) for x in d["labels"]),
            quotes=tuple(QuoteUse.from_dict(x) for x in d["quotes"]),
            figures=tuple(Figure.from_dict(x) for x in d["figures"]),
        )
