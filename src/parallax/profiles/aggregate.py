"""Outlet profiles: sums over story digests (:mod:`parallax.profiles.digest`).

Only stories an outlet shares with at least one other outlet count: a profile says
what an outlet does differently from the others covering the same event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from parallax.outlets import UNKNOWN
from parallax.profiles.digest import StoryDigest
from parallax.profiles.kinds import all_kinds
from parallax.profiles.model import (
    MIN_STORIES,
    ActorLabels,
    Comparison,
    Count,
    FactRef,
    FactsProfile,
    FiguresProfile,
    OutletProfile,
    Period,
    Profiles,
    SwapRow,
    VoicesProfile,
    Volume,
    WireCopy,
    WordChoice,
    basis,
)
from parallax.profiles.parts import OutletDigest, Place, StoryFact, mention
from parallax.sections import Mention

TOP = 10  # rows in a ranked list
PLACES = 5  # places kept per row


def _rate(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _per_1000(count: float, words: float) -> float:
    return round(1000 * count / words, 2) if words else 0.0


def _order(rows: list[Count], ranked: bool) -> tuple[Count, ...]:
    if ranked:
        return tuple(sorted(rows, key=lambda r: (-r.count, r.name))[:TOP])
    return tuple(sorted(rows, key=lambda r: r.name)[:TOP])


class _Tally:
    """Counts of names, with the stories and a few places behind each."""

    def __init__(self) -> None:
        self.count: Counter[str] = Counter()
        self.stories: dict[str, set[str]] = defaultdict(set)
        self.places: dict[str, list[Mention]] = defaultdict(list)

    def add(self, name: str, story: str, at: Place | None = None, n: int = 1) -> None:
        self.count[name] += n
        self.stories[name].add(story)
        if at is not None and len(self.places[name]) < PLACES:
            self.places[name].append(mention(at))

    def rows(self, total: float | None = None, others: _Tally | None = None) -> list[Count]:
        other_total = sum(others.count.values()) if others else 0
        return [
            Count(
                name,
                n,
                tuple(sorted(self.stories[name])),
                tuple(self.places[name]),
                _rate(n, total) if total else None,
                _rate(others.count[name], other_total) if others and other_total else None,
            )
            for name, n in self.count.items()
        ]


def _shared(digests: Iterable[StoryDigest]) -> list[StoryDigest]:
    return [d for d in digests if len(d.outlets) >= 2]


def _mine(digests: Sequence[StoryDigest], name: str) -> list[tuple[StoryDigest, OutletDigest]]:
    out = []
    for d in digests:
        o = d.outlet(name)
        if o is not None:
            out.append((d, o))
    return out


def _wire(mine: list[tuple[StoryDigest, OutletDigest]], min_stories: int) -> WireCopy:
    stories = {d.story for d, _ in mine if "reuse" in d.sections}
    words = sum(o.words for d, o in mine if d.story in stories)
    shared = sum(o.shared_words for d, o in mine if d.story in stories)
    sources = _Tally()
    swaps: dict[tuple[str, str], list[tuple[str, OutletDigest, Place, str]]] = defaultdict(list)
    for d, o in mine:
        if d.story not in stories:
            continue
        for source, n in o.wire_words:
            sources.add(source, d.story, None, n)
        for s in o.swaps:
            swaps[(s.copy, s.own)].append((d.story, o, s.at, s.source))
    rows = []
    for (copy, own), uses in swaps.items():
        swapped = {u[0] for u in uses}
        said = swapped | {
            d.story for d, o in mine if d.story in stories and copy in o.kept and " " not in copy
        }
        rows.append(
            SwapRow(
                copy,
                own,
                len(uses),
                tuple(sorted(swapped)),
                tuple(sorted(said)),
                tuple(sorted({u[3] for u in uses})),
                tuple(mention(u[2]) for u in uses[:PLACES]),
            )
        )
    b = basis(stories, sum(len(r.stories) for r in rows), min_stories)
    rows.sort(
        key=(lambda r: (-len(r.stories), -r.count, r.copy))
        if b.enough
        else (lambda r: (r.copy, r.own))
    )
    return WireCopy(
        b,
        _rate(shared, words) or 0.0,
        tuple(
            Count(r.name, r.count, r.stories, (), _rate(r.count, words))
            for r in sorted(sources.rows(), key=lambda r: -r.count)
        ),
        tuple(rows[:TOP]),
    )


def _period(date: str | None, monthly: bool) -> str | None:
    if not date:
        return None
    return date[:7] if monthly else date[:10]


def _word_choice(
    mine: list[tuple[StoryDigest, OutletDigest]], name: str, min_stories: int, monthly: bool
) -> WordChoice:
    stories = {d.story for d, _ in mine if "framing" in d.sections}
    words = sum(o.framed_words for d, o in mine if d.story in stories)
    count = sum(o.loaded_count for d, o in mine if d.story in stories)
    others_words = others_count = 0
    cats, terms = _Tally(), _Tally()
    own_labels: dict[str, _Tally] = defaultdict(_Tally)
    other_labels: dict[str, _Tally] = defaultdict(_Tally)
    actor_stories: dict[str, set[str]] = defaultdict(set)
    periods: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    period_stories: dict[str, set[str]] = defaultdict(set)
    for d, o in mine:
        if d.story not in stories:
            continue
        for other in d.outlets:
            if other.outlet != name:
                others_words += other.framed_words
                others_count += other.loaded_count
                for lab in other.labels:
                    other_labels[lab.actor.lower()].add(lab.label.lower(), d.story, lab.at)
        for cat, n in o.by_category:
            cats.add(cat, d.story, None, n)
        for use in o.loaded:
            terms.add(use.term, d.story, use.at)
        for lab in o.labels:
            own_labels[lab.actor.lower()].add(lab.label.lower(), d.story, lab.at)
            actor_stories[lab.actor.lower()].add(d.story)
        p = _period(d.date, monthly)
        if p:
            periods[p][0] += o.loaded_count
            periods[p][1] += o.framed_words
            period_stories[p].add(d.story)
    b = basis(stories, count, min_stories)
    recurring = [a for a, s in actor_stories.items() if len(s) >= 2]
    actors = [
        ActorLabels(
            a,
            tuple(sorted(actor_stories[a])),
            _order(own_labels[a].rows(), b.enough)[:5],
            _order(
                [r for r in other_labels[a].rows() if set(r.stories) & actor_stories[a]],
                b.enough,
            )[:5],
        )
        for a in recurring
    ]
    actors.sort(key=lambda x: (-len(x.stories), x.actor))
    by_cat = [Count(r.name, r.count, r.stories, (), _per_1000(r.count, words)) for r in cats.rows()]
    return WordChoice(
        b,
        _per_1000(count, words),
        _per_1000(others_count, others_words),
        _order(by_cat, b.enough),
        _order(terms.rows(), b.enough),
        tuple(actors[:TOP]),
        tuple(
            Period(p, _per_1000(v[0], v[1]), tuple(sorted(period_stories[p])))
            for p, v in sorted(periods.items())
        ),
    )


def _ref(story: str, fact: StoryFact, outlet: str) -> FactRef:
    return FactRef(story, fact.id, fact.text, fact.outlets, mention(fact.place(outlet)))


def _facts(
    mine: list[tuple[StoryDigest, OutletDigest]], name: str, min_stories: int
) -> FactsProfile:
    stories = {d.story for d, _ in mine if "facts" in d.sections}
    reported = widely = consensus = 0
    only: list[FactRef] = []
    omitted: list[tuple[int, FactRef]] = []
    for d, _o in mine:
        if d.story not in stories:
            continue
        n = len(d.outlets)
        for fact in d.facts:
            outlets = fact.outlets
            here = name in outlets
            others = len(outlets) - here
            if others >= 2:
                widely += 1
                if here:
                    reported += 1
                else:
                    omitted.append((others, _ref(d.story, fact, name)))
            if here and len(outlets) == n:
                consensus += 1
            if here and len(outlets) == 1:
                only.append(_ref(d.story, fact, name))
    b = basis(stories, widely + len(only), min_stories)
    omitted.sort(key=lambda x: (-x[0], x[1].story) if b.enough else (x[1].story, x[1].fact))
    return FactsProfile(
        b,
        reported,
        widely,
        _rate(reported, widely),
        consensus,
        len(only),
        tuple(sorted({f.story for f in only})),
        tuple(only[:PLACES]),
        len(omitted),
        _rate(len(omitted), widely),
        tuple(sorted({f.story for _, f in omitted})),
        tuple(f for _, f in omitted[:TOP]),
    )


Kinds = dict[str, tuple[int, Place]]  # an outlet's quotes in a story: kind -> (count, first place)


def _kinds(o: OutletDigest) -> Kinds:
    out: Kinds = {}
    for q in o.quotes:
        n, at = out.get(q.kind, (0, q.at))
        out[q.kind] = (n + 1, at)
    return out


def _voices(
    mine: list[tuple[StoryDigest, OutletDigest]],
    name: str,
    min_stories: int,
    kinds: dict[int, Kinds],
) -> VoicesProfile:
    stories = {d.story for d, _ in mine if "quotes" in d.sections}
    own, others, speakers = _Tally(), _Tally(), _Tally()
    own_side, other_side = _Tally(), _Tally()
    direct = total = 0
    other_stories: dict[str, set[str]] = defaultdict(set)
    own_stories: dict[str, set[str]] = defaultdict(set)
    other_place: dict[tuple[str, str], Place] = {}
    for d, o in mine:
        if d.story not in stories:
            continue
        for q in o.quotes:
            own.add(q.kind, d.story, q.at)
            own_side.add(q.side, d.story, q.at)
            speakers.add(q.speaker, d.story, q.at)
            own_stories[q.kind].add(d.story)
            direct += int(q.direct)
            total += 1
        for other in d.outlets:
            if other.outlet != name:
                for q in other.quotes:
                    other_side.add(q.side, d.story)
                found = kinds.get(id(other))
                for kind, (n, at) in (found if found is not None else _kinds(other)).items():
                    others.add(kind, d.story, at, n)
                    other_stories[kind].add(d.story)
                    other_place.setdefault((d.story, kind), at)
    b = basis(stories, total, min_stories)
    rows = {r.name: r for r in own.rows(total, others)}
    other_total = sum(others.count.values())
    by_kind = [
        rows.get(k)
        or Count(k, 0, (), (), 0.0 if total else None, _rate(others.count[k], other_total))
        for k in all_kinds()
        if k in rows or others.count[k]
    ]
    gaps = []
    for kind in all_kinds():
        missing = other_stories[kind] - own_stories[kind]
        if missing and kind != "unidentified":
            gaps.append(
                Count(
                    kind,
                    len(missing),
                    tuple(sorted(missing)),
                    tuple(mention(other_place[(x, kind)]) for x in sorted(missing)[:PLACES]),
                    _rate(len(missing), len(stories)),
                )
            )
    gaps.sort(key=lambda r: (-r.count, r.name))
    return VoicesProfile(
        b,
        total,
        direct,
        total - direct,
        tuple(by_kind),
        tuple(gaps) if b.enough else tuple(sorted(gaps, key=lambda r: r.name)),
        _order(speakers.rows(), b.enough),
        tuple(sorted(own_side.rows(total, other_side), key=lambda r: (-r.count, r.name))),
    )


def _figures(mine: list[tuple[StoryDigest, OutletDigest]], min_stories: int) -> FiguresProfile:
    stories = {d.story for d, _ in mine if "numbers" in d.sections}
    attributions, conflicts = _Tally(), _Tally()
    n = bad = 0
    for d, o in mine:
        if d.story not in stories:
            continue
        for f in o.figures:
            n += 1
            attributions.add(f.attribution or "(no source given)", d.story, f.at)
            if f.status == "conflict":
                bad += 1
                conflicts.add(f.what, d.story, f.at)
    b = basis(stories, n, min_stories)
    return FiguresProfile(
        b,
        n,
        bad,
        _rate(bad, n),
        tuple(sorted({s for r in conflicts.rows() for s in r.stories})),
        _order(attributions.rows(n), b.enough),
        _order(conflicts.rows(), b.enough),
    )


def _monthly(digests: Sequence[StoryDigest]) -> bool:
    dates = sorted(d.date for d in digests if d.date)
    return bool(dates) and dates[0][:7] != dates[-1][:7]


def profile(
    digests: Sequence[StoryDigest],
    name: str,
    min_stories: int = MIN_STORIES,
    kinds: dict[int, Kinds] | None = None,
) -> OutletProfile:
    """One outlet's profile over ``digests`` (stories with one outlet are left out);
    ``kinds``: each outlet digest's quotes by kind, when the caller made them once for
    every profile (keyed by ``id`` of the outlet digest)."""
    shared = _shared(digests)
    mine = _mine(shared, name)
    volume = Volume(
        tuple(sorted(d.story for d, _ in mine)),
        sum(len(o.articles) for _, o in mine),
        sum(o.words for _, o in mine),
        tuple(sorted(d.story for d, o in mine if o.first)),
    )
    return OutletProfile(
        name,
        volume,
        _wire(mine, min_stories),
        _word_choice(mine, name, min_stories, _monthly(shared)),
        _facts(mine, name, min_stories),
        _voices(mine, name, min_stories, kinds or {}),
        _figures(mine, min_stories),
    )


def known(outlet: str) -> bool:
    """An outlet Parallax could name: "(outlet unknown) — Associated Press copy" in two
    stories may be two outlets, so it gets no profile (it still counts as another
    outlet in its stories)."""
    return not outlet.startswith(UNKNOWN)


def outlets_of(digests: Iterable[StoryDigest]) -> list[str]:
    seen: Counter[str] = Counter()
    for d in _shared(digests):
        for o in d.outlets:
            if known(o.outlet):
                seen[o.outlet] += 1
    return sorted(seen, key=lambda o: (-seen[o], o))


def profiles(
    digests: Sequence[StoryDigest],
    min_stories: int = MIN_STORIES,
    only: Sequence[str] | None = None,
) -> Profiles:
    shared = _shared(digests)
    kinds = {id(o): _kinds(o) for d in shared for o in d.outlets}
    names = outlets_of(shared)
    if only is not None:
        wanted = {n.lower() for n in only}
        names = [n for n in names if n.lower() in wanted]
    return Profiles(
        tuple(d.story for d in shared),
        tuple((d.story, d.title or "") for d in shared),
        min_stories,
        tuple(profile(shared, n, min_stories, kinds) for n in names),
        tuple((d.story, tuple(o.outlet for o in d.outlets)) for d in shared),
        () if shared else ("no story with two or more outlets has been analysed yet",),
    )


def compare(
    digests: Sequence[StoryDigest], a: str, b: str, min_stories: int = MIN_STORIES
) -> Comparison:
    """Two outlets side by side over the stories both covered."""
    both = [d for d in _shared(digests) if d.outlet(a) and d.outlet(b)]
    pa, pb = profile(both, a, min_stories), profile(both, b, min_stories)
    between = [
        (one, row)
        for one, other, prof in ((a, b, pa), (b, a, pb))
        for row in prof.wire.substitutions
        if other in row.sources
    ]
    return Comparison(
        a,
        b,
        tuple(d.story for d in both),
        tuple((d.story, d.title or "") for d in both),
        (pa, pb),
        tuple(between),
    )
