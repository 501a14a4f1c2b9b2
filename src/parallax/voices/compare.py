"""Figures and voices across outlets: which agree, which conflict, who is quoted where.

**Figures.** Claims (counts, sums, shares, measures) are grouped by what they measure:
the same event ("killed", "taken hostage"; "left Gaza" and "entered Egypt" are one
movement) and the same counted thing, or the same event and the same value with the
thing named apart ("1,400 Israelis" / "1,400 people"; see :mod:`counted`).
A group is ``single`` when one article gives it, ``agree`` when the articles give the
same value (within 2%) from compatible sources, and ``conflict`` when the values
differ or two articles name different sources for it.  Figures whose noun or event
could not be read stay ungrouped (each its own ``single``).

**Voices.** Per article: each speaker's quotes and quoted words.  Across the story:
which articles quote each speaker, and direct quotes that several articles carry,
marked ``same``, ``trimmed`` or ``extended`` relative to the longest version.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from parallax.model import Article
from parallax.options import VoicesOptions
from parallax.sections import optional_float, optional_str
from parallax.tokens import tokenize
from parallax.voices.counted import compatible, counted
from parallax.voices.numbers import CLAIM_KINDS, NumberMention
from parallax.voices.quotes import Quote
from parallax.voices.sides import UNSTATED, VoiceSide

_SOURCE_NOISE = re.compile(
    r"\b(?:the|a|an|in|of|its|[\w]+-(?:run|controlled|led|backed|based|affiliated))\b", re.I
)


@dataclass(frozen=True, slots=True)
class NumberGroup:
    what: str
    value: float | None
    status: str
    mentions: tuple[NumberMention, ...]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "value": self.value,
            "status": self.status,
            "note": self.note,
            "articles": sorted({m.article for m in self.mentions}),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NumberGroup:
        return cls(
            what=str(data["what"]),
            value=optional_float(data.get("value")),
            status=str(data["status"]),
            mentions=tuple(NumberMention.from_dict(m) for m in data["mentions"]),
            note=optional_str(data.get("note")),
        )


def source_key(attribution: str | None) -> frozenset[str]:
    """Content words of a source: "the Hamas-controlled Gaza Health Ministry" and
    "The Gaza Health Ministry" give the same key."""
    if not attribution:
        return frozenset()
    words = tokenize(_SOURCE_NOISE.sub(" ", attribution)).words
    return frozenset(w for w in words if len(w) > 1)


def _same_source(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return True
    return len(a & b) >= 0.5 * min(len(a), len(b))


def _close(x: float | None, y: float | None, tolerance: float) -> bool:
    if x is None or y is None:
        return x == y
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1)


def group_numbers(
    mentions: Sequence[NumberMention], options: VoicesOptions | None = None
) -> list[NumberGroup]:
    """Group the claims of all articles by what they measure, and judge each group."""
    opts = options or VoicesOptions()
    claims = [m for m in mentions if m.kind in CLAIM_KINDS]
    groups: list[list[NumberMention]] = []
    # (#16) per group, article -> what its members count (counted(): event, kind, role):
    # a member of another article counting something else rules the group out at once
    keys: dict[int, dict[str, set[tuple[str | None, ...] | None]]] = {}
    # (#16) candidate groups by index, tried in the order of creation (_GroupIndex)
    index = _GroupIndex(opts)
    number: dict[int, int] = {}  # id(group) -> its place in ``groups``
    for claim in claims:
        target = None
        mine = _count_key(claim)
        if claim.noun:  # without a counted noun, _same_measure is never true: no group
            for group in (groups[g] for g in index.candidates(claim, mine)):
                if any(
                    art != claim.article and ks != {mine} for art, ks in keys[id(group)].items()
                ):
                    continue
                if all(
                    _same_measure(claim, other, opts)
                    for other in group
                    if other.article != claim.article
                ) and any(
                    other.article != claim.article or _same_measure(claim, other, opts)
                    for other in group
                ):
                    target = group
                    break
        if target is None:
            target = [claim]
            number[id(target)] = len(groups)
            groups.append(target)
            keys[id(target)] = {}
        else:
            target.append(claim)
        keys[id(target)].setdefault(claim.article, set()).add(mine)
        index.add(claim, mine, number[id(target)])
    return [_judge(g, opts.tolerance) for g in groups]


class _GroupIndex:
    """Which groups a claim may join (#16: trying every group of its kind was quadratic
    on long texts whose figures rarely group).

    A claim joins only a group with a member it measures the same as
    (:func:`_same_measure`): one of another article counting the same thing
    (:func:`compatible` needs equal count keys) with a value within ``max_ratio``, or one
    of its own article with its event and a value within ``tolerance``.  So members are
    indexed by (kind, count key) and by (kind, article, event), each under the band of
    its value on a log scale as wide as the widest ratio either test lets through;
    values that no ratio bounds (none, zero, negative, under 1) go in a band every claim
    looks in.  The candidates are a superset of the groups the claim can join, and the
    caller tries them in order with the full test, so the grouping is the same."""

    def __init__(self, opts: VoicesOptions) -> None:
        widest = max(opts.max_ratio, 1 / (1 - opts.tolerance) if opts.tolerance < 1 else 0.0)
        # tolerance >= 1: any two values may be close, so there is one band
        self.log_width = math.log(widest) if opts.tolerance < 1 and widest > 1 else 0.0
        self.by_key: dict[tuple[Any, ...], dict[int | None, dict[int, set[str]]]] = {}
        self.by_event: dict[tuple[Any, ...], dict[int | None, set[int]]] = {}

    def band(self, value: float | None) -> int | None:
        if not self.log_width or value is None or not math.isfinite(value) or value < 1:
            return None  # (an overflowing "999…9" parses as infinity: no band bounds it)
        return math.floor(math.log(value) / self.log_width)

    def _bands(self, value: float | None, known: Iterable[int | None]) -> list[int | None]:
        band = self.band(value)
        if band is None:
            return list(known)  # no bound on the ratio: every band
        return [None, *range(band - 2, band + 3)]  # one band either way, and float margin

    def candidates(self, claim: NumberMention, key: tuple[str | None, ...] | None) -> list[int]:
        found: set[int] = set()
        events = self.by_event.get((claim.kind, claim.article, claim.event), {})
        for band in self._bands(claim.value, events):
            found.update(events.get(band, ()))
        if key is not None:
            keyed = self.by_key.get((claim.kind, key), {})
            for band in self._bands(claim.value, keyed):
                for g, articles in keyed.get(band, {}).items():
                    if len(articles) > 1 or claim.article not in articles:
                        found.add(g)
        return sorted(found)

    def add(self, m: NumberMention, key: tuple[str | None, ...] | None, group: int) -> None:
        band = self.band(m.value)
        events = self.by_event.setdefault((m.kind, m.article, m.event), {})
        events.setdefault(band, set()).add(group)
        if key is not None:
            keyed = self.by_key.setdefault((m.kind, key), {})
            keyed.setdefault(band, {}).setdefault(group, set()).add(m.article)


def _count_key(m: NumberMention) -> tuple[str | None, ...] | None:
    """What :func:`compatible` needs equal in two figures of different articles."""
    c = counted(m)
    return None if c is None else (c.event, c.kind, c.role)


@lru_cache(maxsize=4096)
def _scope_words(scope: str) -> frozenset[str]:
    return frozenset(tokenize(scope).words)


GENERIC_NOUNS = frozenset("people person persons residents one others".split())


def _same_measure(a: NumberMention, b: NumberMention, opts: VoicesOptions) -> bool:
    """Same kind, event and counted noun, compatible scope, and values of one magnitude."""
    if a.kind != b.kind or not a.noun:
        return False
    if a.article == b.article:  # the same figure repeated
        return a.event == b.event and _close(a.value, b.value, opts.tolerance)
    match = compatible(a, b)  # "1,400 people killed" / "1,400 Israelis killed"
    if match is None or (match != "same" and not _close(a.value, b.value, opts.tolerance)):
        return False
    if a.event is None and a.noun in GENERIC_NOUNS:
        return False  # "2.3 million people" and "hundreds of thousands of people"
    if a.scope and b.scope and not _scope_words(a.scope) & _scope_words(b.scope):
        return False
    if a.value and b.value:
        return max(a.value, b.value) / min(a.value, b.value) <= opts.max_ratio
    return True


def _judge(group: list[NumberMention], tolerance: float) -> NumberGroup:
    first = group[0]
    what = first.what or first.text
    articles = {m.article for m in group}
    if len(articles) == 1:
        return NumberGroup(what, first.value, "single", tuple(group))
    per_article: dict[str, NumberMention] = {}
    for m in group:
        per_article.setdefault(m.article, m)
    values = [m.value for m in per_article.values()]
    sources = [source_key(m.attribution) for m in per_article.values()]
    if not all(_close(values[0], v, tolerance) for v in values[1:]):
        shown = ", ".join(
            f"{m.text} ({m.attribution or 'no source given'})" for m in per_article.values()
        )
        return NumberGroup(
            what, first.value, "conflict", tuple(group), f"different figures: {shown}"
        )
    if not all(_same_source(x, y) for x in sources for y in sources):
        shown = "; ".join(m.attribution or "no source" for m in per_article.values())
        return NumberGroup(
            what, first.value, "conflict", tuple(group), f"different sources: {shown}"
        )
    return NumberGroup(what, first.value, "agree", tuple(group))


@dataclass(frozen=True, slots=True)
class SharedQuote:
    """One direct quote carried by several articles."""

    speaker: str | None
    text: str
    versions: tuple[tuple[str, int, int, str], ...]  # (article, start, end, same|trimmed|extended)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "versions": [
                {"article": a, "start": s, "end": e, "relation": r} for a, s, e, r in self.versions
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SharedQuote:
        return cls(
            speaker=optional_str(data.get("speaker")),
            text=str(data["text"]),
            versions=tuple(
                (str(v["article"]), int(v["start"]), int(v["end"]), str(v["relation"]))
                for v in data.get("versions") or ()
            ),
        )


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def shared_quotes(quotes: Sequence[Quote]) -> list[SharedQuote]:
    direct = [q for q in quotes if q.direct and len(q.text.split()) >= 3]
    words = {id(q): tokenize(q.text).words for q in direct}
    # (#16) a quote can hold another only if it has the other's first word: the others
    # are looked up by their first word (in their order) instead of all tried
    by_first: dict[str, list[int]] = defaultdict(list)
    for k, q in enumerate(direct):
        if words[id(q)]:
            by_first[words[id(q)][0]].append(k)
    used: set[int] = set()
    out: list[SharedQuote] = []
    for q in sorted(direct, key=lambda q: -len(words[id(q)])):
        if id(q) in used:
            continue
        family = [q]
        near = sorted(k for w in set(words[id(q)]) for k in by_first.get(w, ()))
        for other in (direct[k] for k in near):
            if id(other) in used or other is q or other.article in {f.article for f in family}:
                continue
            if _contains(words[id(q)], words[id(other)]):
                family.append(other)
        if len({f.article for f in family}) < 2:
            continue
        used.update(id(f) for f in family)
        longest = words[id(q)]
        versions = tuple(
            (f.article, f.start, f.end, "same" if words[id(f)] == longest else "trimmed")
            for f in family
        )
        out.append(SharedQuote(q.speaker, q.text, versions))
    return out


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """How much one speaker is quoted in one article (``words``: in direct quotes)."""

    speaker: str
    quotes: int
    words: int
    direct: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "quotes": self.quotes,
            "words": self.words,
            "direct": self.direct,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpeakerCount:
        return cls(
            speaker=str(data["speaker"]),
            quotes=int(data["quotes"]),
            words=int(data["words"]),
            direct=int(data["direct"]),
        )


@dataclass(frozen=True, slots=True)
class QuotedIn:
    """The articles (in story order) that quote one speaker."""

    speaker: str
    articles: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "articles": list(self.articles)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuotedIn:
        return cls(speaker=str(data["speaker"]), articles=tuple(str(a) for a in data["articles"]))


@dataclass(frozen=True, slots=True)
class GroupCount:
    """How much one side (or one kind of voice) is quoted in one article: quotes,
    direct ones, and the words in direct quotes."""

    group: str
    quotes: int
    direct: int
    words: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "quotes": self.quotes,
            "direct": self.direct,
            "words": self.words,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GroupCount:
        return cls(str(data["group"]), int(data["quotes"]), int(data["direct"]), int(data["words"]))


Counts = tuple[tuple[str, tuple[GroupCount, ...]], ...]


@dataclass(frozen=True, slots=True)
class VoicesSummary:
    """The ``voices`` section: per article (in story order) its speakers, most quoted
    words first; who is quoted where; direct quotes several articles carry; each
    speaker's kind and side (:mod:`parallax.voices.sides`), and per article the quotes
    of each side and of each kind."""

    by_article: tuple[tuple[str, tuple[SpeakerCount, ...]], ...]
    speakers: tuple[QuotedIn, ...]
    shared_quotes: tuple[SharedQuote, ...]
    sides: tuple[VoiceSide, ...] = ()
    by_side: Counts = ()
    by_kind: Counts = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "by_article": {a: [c.to_dict() for c in counts] for a, counts in self.by_article},
            "speakers": [s.to_dict() for s in self.speakers],
            "shared_quotes": [q.to_dict() for q in self.shared_quotes],
            "sides": [s.to_dict() for s in self.sides],
            "by_side": {a: [c.to_dict() for c in counts] for a, counts in self.by_side},
            "by_kind": {a: [c.to_dict() for c in counts] for a, counts in self.by_kind},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> VoicesSummary:
        def counts(key: str) -> Counts:
            return tuple(
                (str(a), tuple(GroupCount.from_dict(c) for c in rows))
                for a, rows in (data.get(key) or {}).items()
            )

        return cls(
            by_article=tuple(
                (str(a), tuple(SpeakerCount.from_dict(c) for c in counts))
                for a, counts in (data.get("by_article") or {}).items()
            ),
            speakers=tuple(QuotedIn.from_dict(s) for s in data.get("speakers") or ()),
            shared_quotes=tuple(SharedQuote.from_dict(q) for q in data.get("shared_quotes") or ()),
            sides=tuple(VoiceSide.from_dict(s) for s in data.get("sides") or ()),
            by_side=counts("by_side"),
            by_kind=counts("by_kind"),
        )


def _group_counts(
    quotes: Sequence[Quote], articles: Sequence[Article], group: Mapping[str, str]
) -> Counts:
    """Per article: quotes, direct quotes and direct words of each group, most first."""
    table: dict[str, dict[str, list[int]]] = {a.id: {} for a in articles}
    for q in quotes:
        if not q.speaker or q.article not in table:
            continue
        row = table[q.article].setdefault(group.get(q.speaker, UNSTATED), [0, 0, 0])
        row[0] += 1
        row[1] += int(q.direct)
        row[2] += len(q.text.split()) if q.direct else 0
    return tuple(
        (
            aid,
            tuple(
                GroupCount(g, *v)
                for g, v in sorted(rows.items(), key=lambda kv: (-kv[1][0], -kv[1][2], kv[0]))
            ),
        )
        for aid, rows in table.items()
    )


def voices(
    quotes: Sequence[Quote], articles: Sequence[Article], sides: Sequence[VoiceSide] = ()
) -> VoicesSummary:
    """Per article: speakers with their quotes and quoted words; across: who is quoted
    where; with ``sides``, the quotes of each side and each kind per article."""
    per_article: dict[str, dict[str, dict[str, int]]] = {a.id: {} for a in articles}
    where: dict[str, set[str]] = defaultdict(set)
    for q in quotes:
        if not q.speaker:
            continue
        entry = per_article[q.article].setdefault(q.speaker, {"quotes": 0, "words": 0, "direct": 0})
        entry["quotes"] += 1
        entry["direct"] += int(q.direct)
        entry["words"] += len(q.text.split()) if q.direct else 0
        where[q.speaker].add(q.article)
    order = [a.id for a in articles]
    return VoicesSummary(
        by_article=tuple(
            (
                aid,
                tuple(
                    SpeakerCount(s, v["quotes"], v["words"], v["direct"])
                    for s, v in sorted(d.items(), key=lambda kv: -kv[1]["words"])
                ),
            )
            for aid, d in per_article.items()
        ),
        speakers=tuple(
            QuotedIn(s, tuple(sorted(ids, key=order.index)))
            for s, ids in sorted(where.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ),
        shared_quotes=tuple(shared_quotes(quotes)),
        sides=tuple(sides),
        by_side=_group_counts(quotes, articles, {v.speaker: v.side for v in sides}),
        by_kind=_group_counts(quotes, articles, {v.speaker: v.kind for v in sides}),
    )
