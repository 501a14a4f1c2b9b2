"""A story's digest: what its cached analysis says about each outlet, in a small form.

The profiles never read analyses directly: each story's analysis is read once, through
its typed sections, into a :class:`StoryDigest` that is cached beside it in the store
(``story_digests``).  A profile is then a sum over digests, so adding a story costs one
digest, not a pass over every story.  Every finding in a digest keeps its article id
and character offsets (:class:`~parallax.sections.Mention`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.model import Analysis, Article
from parallax.profiles.kinds import speaker_kind
from parallax.profiles.parts import (
    Figure,
    LabelUse,
    LoadedUse,
    OutletDigest,
    Place,
    QuoteUse,
    StoryFact,
    Swap,
)

DIGEST_VERSION = 3  # bump when what a digest holds changes: cached digests are remade
FACT_CHARS = 240  # of a fact's wording, kept for examples
TERM_WORDS = 4  # a replacement this short on both sides is a change of term
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True, slots=True)
class StoryDigest:
    """One story, per outlet (outlets in order of first appearance)."""

    story: str
    title: str | None
    date: str | None
    sections: tuple[str, ...]  # the analysis sections the digest could read
    outlets: tuple[OutletDigest, ...]
    facts: tuple[StoryFact, ...] = ()

    def outlet(self, name: str) -> OutletDigest | None:
        return next((o for o in self.outlets if o.outlet == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "title": self.title,
            "date": self.date,
            "sections": list(self.sections),
            "outlets": [o.to_dict() for o in self.outlets],
            "facts": [f.to_dict() for f in self.facts],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoryDigest:
        return cls(
            story=str(data["story"]),
            title=data.get("title"),
            date=data.get("date"),
            sections=tuple(data.get("sections") or ()),
            outlets=tuple(OutletDigest.from_dict(o) for o in data.get("outlets") or ()),
            facts=tuple(StoryFact.from_dict(f) for f in data.get("facts") or ()),
        )


def _words_in(text: str, spans: Sequence[tuple[int, int]]) -> int:
    """Words of ``text`` inside the union of ``spans``."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return sum(len(text[a:b].split()) for a, b in merged)


def _source_side(pair: Any, x: Article, y: Article) -> int | None:
    """0 or 1: which article of a pair the copy comes from, or None when that cannot be
    told.  The article whose outlet is the credited wire (or a wire the other credits),
    else the one published first.  Two republications of one wire's copy on the same
    day have no direction."""
    names = [x.outlet.lower(), y.outlet.lower()]
    source = (pair.source or "").lower()
    if source and source in names and names[0] != names[1]:
        return names.index(source)
    for k, (art, other) in enumerate(((x, y), (y, x))):
        if art.outlet.lower() in {w.lower() for w in other.wire}:
            return k
    if x.published and y.published and x.published != y.published:
        return 0 if x.published < y.published else 1
    return None


def _reuse(analysis: Analysis, order: dict[str, Article]) -> dict[str, dict[str, Any]]:
    """Per article: spans shared with another outlet (by source), its swaps, the copy's
    words it kept."""
    out: dict[str, dict[str, Any]] = {a: {"spans": {}, "swaps": [], "kept": set()} for a in order}
    for pair in analysis.sections.get("reuse") or ():
        x, y = pair.articles
        if x not in order or y not in order or order[x].outlet == order[y].outlet:
            continue
        key = pair.source or "other outlets"
        for side, aid in enumerate((x, y)):
            spans = out[aid]["spans"].setdefault(key, [])
            spans += [p.a if side == 0 else p.b for p in pair.passages]
        src = _source_side(pair, order[x], order[y])
        if src is None:
            continue  # who copied whom cannot be told: no direction, no swap
        copier = (x, y)[1 - src]
        source = (x, y)[src]
        own, copy = order[copier], order[source]
        for passage in pair.passages:
            copy_span = passage.a if src == 0 else passage.b
            edited: list[tuple[int, int]] = []
            for edit in passage.edits:
                copy_at = edit.a if src == 0 else edit.b
                own_at = edit.b if src == 0 else edit.a
                edited.append(copy_at)
                old = copy.text[copy_at[0] : copy_at[1]]
                new = own.text[own_at[0] : own_at[1]]
                if edit.op != "replace" or not old.strip() or not new.strip():
                    continue
                if max(len(old.split()), len(new.split())) > TERM_WORDS:
                    continue
                out[copier]["swaps"].append(
                    Swap(
                        copy=old.strip().lower(),
                        own=new.strip().lower(),
                        source=copy.outlet,
                        at=(copier, own_at[0], own_at[1]),
                        copy_at=(source, copy_at[0], copy_at[1]),
                    )
                )
            out[copier]["kept"].update(_unedited_words(copy.text, copy_span, edited))
    return out


def _unedited_words(
    text: str, span: tuple[int, int], edited: Sequence[tuple[int, int]]
) -> Iterator[str]:
    """The words of ``text[span]`` (lower case) that start outside every edited span:
    one pass over the words and the merged edits, in order."""
    inside = sorted((a, b) for a, b in edited if a < span[1] and b > span[0] and a < b)
    if not inside:  # no edit in this passage: every word was kept
        yield from map(str.lower, _WORD.findall(text, span[0], span[1]))
        return
    merged: list[list[int]] = []
    for start, end in inside:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    k = 0
    for match in _WORD.finditer(text, span[0], span[1]):
        at = match.start()
        while k < len(merged) and merged[k][1] <= at:
            k += 1
        if k == len(merged) or at < merged[k][0]:
            yield match.group().lower()


def _facts(analysis: Analysis, order: dict[str, Article]) -> list[StoryFact]:
    """The story's facts, each with the outlets reporting it and one place per outlet."""
    outlets = len({a.outlet for a in order.values()})
    out = []
    for fact in analysis.sections.get("facts") or ():
        first: dict[str, Place] = {}
        for m in fact.mentions:
            if m.article in order:
                first.setdefault(order[m.article].outlet, (m.article, m.start, m.end))
        if first:
            # a fact every outlet reports is never an example: its wording is not kept
            shown = len(first) < outlets
            text = fact.text[:FACT_CHARS] if shown else ""
            out.append(StoryFact(fact.id, text, fact.kind, tuple(first.items()), tuple(first)))
    return out


def digest(story: str, title: str | None, analysis: Analysis) -> StoryDigest:
    """Read a story's analysis, through its typed sections, into a digest."""
    order = {a.id: a for a in analysis.articles}
    by_outlet: dict[str, list[Article]] = {}
    for art in analysis.articles:
        by_outlet.setdefault(art.outlet, []).append(art)
    dates = [a.published for a in analysis.articles if a.published]
    earliest = min(dates) if dates else None
    reuse = _reuse(analysis, order) if "reuse" in analysis.sections else {}
    facts = _facts(analysis, order)
    framing = {f.article: f for f in analysis.sections.get("framing") or ()}
    loaded = [x for x in analysis.sections.get("loaded") or () if not x.quoted]
    quotes = analysis.sections.get("quotes") or ()
    voiced = analysis.sections.get("voices")
    sides = {v.speaker: v.side for v in (voiced.sides if voiced is not None else ())}
    groups = analysis.sections.get("numbers") or ()
    outlets: list[OutletDigest] = []
    for name, arts in by_outlet.items():
        ids = {a.id for a in arts}
        own_dates = [a.published for a in arts if a.published]
        spans_by_source: dict[str, int] = {}
        shared_spans: dict[str, list[tuple[int, int]]] = {}
        for art in arts:
            for key, spans in (reuse.get(art.id) or {}).get("spans", {}).items():
                spans_by_source[key] = spans_by_source.get(key, 0) + _words_in(art.text, spans)
                shared_spans.setdefault(art.id, []).extend(spans)
        shared = sum(_words_in(a.text, shared_spans.get(a.id, [])) for a in arts)
        swaps = [s for a in arts for s in (reuse.get(a.id) or {}).get("swaps", [])]
        kept = set().union(*((reuse.get(a.id) or {}).get("kept", set()) for a in arts))
        words = sum(a.word_count for a in arts)
        framed = [framing[a] for a in ids if a in framing]
        by_category: dict[str, int] = {}
        for f in framed:
            for cat, n in f.by_category:
                by_category[cat] = by_category.get(cat, 0) + n
        labels = []
        for actor in analysis.sections.get("actors") or ():
            for aid, labs in actor.labels:
                if aid in ids:
                    labels += [
                        LabelUse(actor.name, lab.text, lab.kind, (aid, lab.start, lab.end))
                        for lab in labs
                    ]
        outlets.append(
            OutletDigest(
                outlet=name,
                articles=tuple(a.id for a in arts),
                words=words,
                published=min(own_dates) if own_dates else None,
                first=bool(own_dates) and min(own_dates) == earliest,
                shared_words=shared,
                wire_words=tuple(sorted(spans_by_source.items())),
                swaps=tuple(swaps),
                kept=tuple(sorted(kept)),
                framed_words=sum(f.words for f in framed),
                loaded_count=sum(f.loaded for f in framed),
                by_category=tuple(sorted(by_category.items())),
                loaded=tuple(
                    LoadedUse(x.text.lower(), x.category, (x.article, x.start, x.end))
                    for x in loaded
                    if x.article in ids
                ),
                labels=tuple(labels),
                quotes=tuple(
                    QuoteUse(
                        q.speaker or "",
                        speaker_kind(q.speaker, q.role),
                        q.direct,
                        (q.article, q.start, q.end),
                        sides.get(q.speaker or "", "unstated"),
                    )
                    for q in quotes
                    if q.article in ids and q.speaker
                ),
                figures=tuple(
                    Figure(
                        g.what,
                        g.status,
                        m.attribution,
                        (m.article, m.start, m.end),
                    )
                    for g in groups
                    for m in g.mentions
                    if m.article in ids
                    and len({order[x.article].outlet for x in g.mentions if x.article in order}) > 1
                ),
            )
        )
    present = tuple(
        s
        for s in ("reuse", "facts", "framing", "loaded", "actors", "quotes", "numbers")
        if s in analysis.sections
    )
    return StoryDigest(story, title, earliest, present, tuple(outlets), tuple(facts))
