"""What a profile holds: frozen types that serialise to JSON (``to_dict``).

Every figure carries the ids of the stories it rests on, and every example its place
(article id and character offsets), so a reader can check any number.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from parallax.sections import Mention

MIN_STORIES = 3  # a section resting on fewer stories says so instead of ranking


def plain(value: Any) -> Any:
    if isinstance(value, Plain | Mention):
        return value.to_dict()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class Plain:
    """``to_dict`` for a frozen dataclass of plain values, tuples and other Plains."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Basis(Plain):
    """What a section rests on: its stories and mentions; ``enough`` is false (and
    ``note`` says why) when it rests on fewer than ``MIN_STORIES`` stories, and then
    its lists are not ranked."""

    stories: tuple[str, ...]
    mentions: int
    enough: bool
    note: str | None


def basis(stories: set[str] | tuple[str, ...], mentions: int, min_stories: int) -> Basis:
    ids = tuple(sorted(stories))
    if len(ids) >= min_stories:
        return Basis(ids, mentions, True, None)
    return Basis(
        ids,
        mentions,
        False,
        f"rests on {len(ids)} {'story' if len(ids) == 1 else 'stories'} "
        f"(fewer than {min_stories}): shown, not ranked",
    )


@dataclass(frozen=True, slots=True)
class Count(Plain):
    """A named count with its stories and a few places."""

    name: str
    count: int
    stories: tuple[str, ...]
    places: tuple[Mention, ...] = ()
    share: float | None = None
    other: float | None = None  # the same measure for the other outlets in its stories


@dataclass(frozen=True, slots=True)
class Volume(Plain):
    stories: tuple[str, ...]
    articles: int
    words: int
    first: tuple[str, ...]  # stories it was first to report (earliest date, ties count)


@dataclass(frozen=True, slots=True)
class SwapRow(Plain):
    """It writes ``own`` where the copy says ``copy``: in ``stories`` of the
    ``copy_stories`` where the copy it carried says ``copy``."""

    copy: str
    own: str
    count: int
    stories: tuple[str, ...]
    copy_stories: tuple[str, ...]
    sources: tuple[str, ...]
    places: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class WireCopy(Plain):
    basis: Basis
    share: float  # of its words, in copy shared with another outlet
    by_source: tuple[Count, ...]  # name: the credited wire, or "other outlets"
    substitutions: tuple[SwapRow, ...]


@dataclass(frozen=True, slots=True)
class ActorLabels(Plain):
    actor: str
    stories: tuple[str, ...]
    own: tuple[Count, ...]
    others: tuple[Count, ...]  # what the other outlets call it in the same stories


@dataclass(frozen=True, slots=True)
class Period(Plain):
    period: str
    per_1000_words: float
    stories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WordChoice(Plain):
    basis: Basis
    per_1000_words: float
    other_per_1000_words: float  # the other outlets in the same stories
    by_category: tuple[Count, ...]  # share: per 1,000 words
    top_terms: tuple[Count, ...]
    actors: tuple[ActorLabels, ...]
    over_time: tuple[Period, ...]


@dataclass(frozen=True, slots=True)
class FactRef(Plain):
    story: str
    fact: str
    text: str
    outlets: tuple[str, ...]
    at: Mention | None


@dataclass(frozen=True, slots=True)
class FactsProfile(Plain):
    basis: Basis
    reported: int  # facts two or more other outlets report, that it reports too
    widely_reported: int  # facts two or more other outlets report
    reported_share: float | None
    consensus: int  # facts every outlet of the story reports
    only_it: int
    only_it_stories: tuple[str, ...]
    only_examples: tuple[FactRef, ...]
    omitted: int
    omission_rate: float | None
    omitted_stories: tuple[str, ...]
    most_left_out: tuple[FactRef, ...]  # the omitted facts most other outlets report


@dataclass(frozen=True, slots=True)
class VoicesProfile(Plain):
    basis: Basis
    quotes: int
    direct: int
    reported: int
    by_kind: tuple[Count, ...]  # share: of its quotes; other: of the others' quotes
    gaps: tuple[Count, ...]  # kinds the others quote in its stories and it does not
    speakers: tuple[Count, ...]
    by_side: tuple[Count, ...] = ()  # share: of its quotes; other: of the others' quotes


@dataclass(frozen=True, slots=True)
class FiguresProfile(Plain):
    basis: Basis
    figures: int  # figures it gives that other outlets in the story give too
    conflicts: int
    conflict_rate: float | None
    conflict_stories: tuple[str, ...]
    attributions: tuple[Count, ...]
    examples: tuple[Count, ...]  # its conflicting figures, by what they count


@dataclass(frozen=True, slots=True)
class OutletProfile(Plain):
    outlet: str
    volume: Volume
    wire: WireCopy
    word_choice: WordChoice
    facts: FactsProfile
    voices: VoicesProfile
    figures: FiguresProfile


@dataclass(frozen=True, slots=True)
class Profiles(Plain):
    """Every outlet's profile over the stories it shares with another outlet."""

    stories: tuple[str, ...]
    titles: tuple[tuple[str, str], ...]  # (story id, title)
    min_stories: int
    outlets: tuple[OutletProfile, ...]
    coverage: tuple[tuple[str, tuple[str, ...]], ...]  # story -> outlets, for the matrix
    notes: tuple[str, ...] = ()

    def profile(self, name: str) -> OutletProfile | None:
        low = name.lower()
        return next((p for p in self.outlets if p.outlet.lower() == low), None)


@dataclass(frozen=True, slots=True)
class Comparison(Plain):
    """Two outlets over the stories both covered."""

    a: str
    b: str
    stories: tuple[str, ...]
    titles: tuple[tuple[str, str], ...]
    profiles: tuple[OutletProfile, OutletProfile]
    between: tuple[tuple[str, SwapRow], ...]  # (outlet, its swaps in the other's copy)
