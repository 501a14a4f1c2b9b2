"""A brief sentence: one outlet's words (a whole sentence or its leading clauses), the
outlets whose own sentences support it, its place in a wire lede, and the few changes
the brief made to the outlet's words (a label dropped, a pronoun speaker named), each
with its offsets in the article."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parallax.sections import many, optional_str, section


@dataclass(frozen=True, slots=True)
class Change:
    """``[start, end)`` of the article replaced by ``text`` in the brief sentence
    (``""``: dropped); ``why`` says what it was ("label: ally of Hamas", "speaker: he",
    "connective: But")."""

    start: int
    end: int
    text: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "why": self.why}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Change:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), str(data["why"]))


@dataclass(frozen=True, slots=True)
class BriefItem:
    text: str
    support: tuple[str, ...]  # outlets whose own matched sentence says all of ``text``
    kind: str  # consensus | partial | single | conflict
    fact: str | None
    article: str | None
    start: int | None
    end: int | None
    note: str | None = None
    role: str | None = None  # lede | event | reaction | context: the order of a wire lede
    also: tuple[str, ...] = ()  # outlets matched to the fact that do not say all of it
    changes: tuple[Change, ...] = ()  # the outlet's words changed, in article offsets

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "support": list(self.support),
            "kind": self.kind,
            "fact": self.fact,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "note": self.note,
            "role": self.role,
            "also": list(self.also),
            "changes": [c.to_dict() for c in self.changes],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BriefItem:
        start, end = data.get("start"), data.get("end")
        return cls(
            text=str(data["text"]),
            support=tuple(str(a) for a in data["support"]),
            kind=str(data["kind"]),
            fact=optional_str(data.get("fact")),
            article=optional_str(data.get("article")),
            start=None if start is None else int(start),
            end=None if end is None else int(end),
            note=optional_str(data.get("note")),
            role=optional_str(data.get("role")),
            also=tuple(str(a) for a in data.get("also") or ()),
            changes=tuple(Change.from_dict(c) for c in data.get("changes") or ()),
        )


section("brief", many(BriefItem.from_dict))
