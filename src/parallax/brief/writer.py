"""Choosing each fact's wording and the outlets it may cite; the brief stage.

For each fact, every outlet's sentence that may stand alone is a candidate wording, and
so is each of its leading clauses (a cut).  A candidate cites its own outlet and every
other outlet whose own sentence in the fact supports it (:mod:`parallax.brief.support`).
The chosen wording is, in order: free of labels and characterising words when another
wording is, cited by the most outlets, not leaning on the sentence before, whole rather
than cut, with the fewest words no other outlet used, and short.  Outlets matched to
the fact that do not support the wording are kept apart (``also``), never cited for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from parallax.brief.clause import keeps_main_clause
from parallax.brief.contested import Contested, contested_note, same_figures
from parallax.brief.item import BriefItem, Change
from parallax.brief.neutral import (
    OwnLabel,
    Speakers,
    apply,
    leans,
    own_labels,
    quoted_at,
    resolve,
)
from parallax.brief.order import event_score, lede_order, role
from parallax.brief.support import Claims, claims, cuts, supports
from parallax.brief.wording import (
    bare_quote,
    charged,
    content,
    is_statement,
    leans_on_context,
    loaded_spans,
    repeats,
    unattributed,
)
from parallax.facts.cluster import FactRecord
from parallax.framing.loaded import Loaded
from parallax.model import Analysis
from parallax.options import BriefOptions
from parallax.pipeline import Context, StageOutput, stage
from parallax.sections import Mention


class Writer(Protocol):
    """Turns the chosen facts into brief items."""

    def write(
        self, analysis: Analysis, facts: Sequence[FactRecord], kind: str
    ) -> list[BriefItem]: ...


@dataclass(frozen=True, slots=True)
class Wording:
    mention: Mention
    end: int  # the candidate ends here: the mention's end, or a cut before it
    text: str
    support: tuple[str, ...]
    key: tuple[int, int, int, int, int, int, float]
    strong: int  # labels, emotive or violent terms left in the outlet's own words
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Signals:
    """What the other stages say about the outlets' words: loaded terms, each outlet's
    own labels of actors, and who speaks where."""

    loaded: Sequence[Loaded]
    labels: dict[str, list[OwnLabel]]  # per article, by start (own_labels sorts them)
    speakers: Speakers
    # (#16) per article, the loaded terms by start and their starts, for bisection
    by_article: Mapping[str, tuple[tuple[int, ...], tuple[Loaded, ...]]]
    docs: Mapping[str, Any] = field(default_factory=dict)  # the run's parse, by article

    @classmethod
    def of(cls, analysis: Analysis, docs: Mapping[str, Any] | None = None) -> Signals:
        loaded = loaded_spans(analysis)
        grouped: dict[str, list[Loaded]] = {}
        for t in loaded:
            grouped.setdefault(t.article, []).append(t)
        by_article = {}
        for article, terms in grouped.items():
            terms.sort(key=lambda t: t.start)
            by_article[article] = (tuple(t.start for t in terms), tuple(terms))
        return cls(loaded, own_labels(analysis), Speakers.of(analysis), by_article, docs or {})

    def loaded_in(self, article: str, start: int, stop: int) -> Sequence[Loaded]:
        """The loaded terms of ``article`` that start in ``[start, stop)``."""
        starts, terms = self.by_article.get(article, ((), ()))
        return terms[bisect_left(starts, start) : bisect_left(starts, stop)]

    def labels_in(self, article: str, start: int, stop: int) -> list[OwnLabel]:
        """The article's own labels that start in ``[start, stop)``, in text order."""
        labels = self.labels.get(article, [])
        lo = bisect_left(labels, start, key=_label_start)
        return labels[lo : bisect_left(labels, stop, lo, key=_label_start)]


def _label_start(own: OwnLabel) -> int:
    return own.label.start


def _fixes(analysis: Analysis, m: Mention, signals: Signals) -> tuple[Change, ...] | None:
    """The changes that let mention ``m`` stand alone (a pronoun speaker named, a
    connective dropped); None when it cannot (a quotation without its speaker, a
    sentence that leans on the one before, a subheading)."""
    text = analysis.article(m.article).text
    full = text[m.start : m.end]
    if not is_statement(full) or bare_quote(full) or quoted_at(text, m.start):
        return None  # a subheading, a quotation without its speaker, or one's middle
    fixes = resolve(text, m.start, m.end, m.article, signals.speakers)
    fixed = apply(text, m.start, m.end, fixes)
    if unattributed(fixed) or leans(fixed):
        return None
    return fixes


def _neutral(
    m: Mention, stop: int, fixes: Sequence[Change], signals: Signals
) -> tuple[tuple[Change, ...], int]:
    """The changes for the wording ``[m.start, stop)``: its fixes and the outlet's own
    labels dropped; and how many of its own labels cannot be dropped."""
    inside = signals.labels_in(m.article, m.start, stop)
    changes = [c for c in fixes if c.end <= stop]
    undroppable = []
    for own in inside:
        drop = own.drop
        if drop is None or drop.end > stop or drop.start < m.start:
            undroppable.append(own)
        elif not any(c.start < drop.end and drop.start < c.end for c in changes):
            changes.append(drop)
    kept = sum(  # a label inside another one dropped goes with it ("an arm of Hamas")
        1
        for own in undroppable
        if not any(c.start <= own.label.start and own.label.end <= c.end for c in changes)
    )
    return tuple(sorted(changes, key=lambda c: c.start)), kept


_ATTRIBUTION = re.compile(r"\b(?:according to|said|says|told|reported|reports)\b")


def _candidates(analysis: Analysis, fact: FactRecord, signals: Signals) -> list[Wording]:
    order = [a.id for a in analysis.articles]
    said: dict[tuple[str, int], Claims] = {}
    for m in fact.mentions:
        said[(m.article, m.start)] = claims(analysis.article(m.article).text[m.start : m.end])
    # (#16) each article's distinct claims, read once: a fact said again and again in a
    # long text (a live blog) made every wording look at every other mention
    distinct: dict[str, set[Claims]] = {}
    for (article, _), said_there in said.items():
        distinct.setdefault(article, set()).add(said_there)
    words_of = {a: frozenset().union(*(c.words for c in cs)) for a, cs in distinct.items()}
    out = []
    for m in fact.mentions:
        fixes = _fixes(analysis, m, signals)
        if fixes is None:
            continue
        article_text = analysis.article(m.article).text
        stripped = article_text[m.start : m.end].rstrip()
        others = frozenset().union(*(w for a, w in words_of.items() if a != m.article))
        doc = signals.docs.get(m.article)
        for length in [*cuts(stripped), len(stripped)]:
            if length < len(stripped) and _ATTRIBUTION.search(stripped[length:]):
                continue  # a cut never loses who says it ("..., according to the ministry")
            stop = m.start + length
            if not keeps_main_clause(doc, m.start, stop):
                continue  # a fragment, or a cut that ends before the main verb
            changes, kept = _neutral(m, stop, fixes, signals)
            text = apply(article_text, m.start, stop, changes)
            mine = claims(text)
            support = {m.article} | {
                a
                for a, cs in distinct.items()
                if a != m.article and any(supports(c, mine) for c in cs)
            }
            dropped = [(c.start, c.end) for c in changes]
            near = signals.loaded_in(m.article, m.start, stop)  # charged() keeps these only
            strong, mild = charged(m.article, m.start, stop, text, near, dropped)
            strong += kept
            own = sum(1 for w in mine.words if w not in others)
            key = (
                strong + mild,
                -len(support),
                int(leans_on_context(text)),
                len(changes),  # an outlet's words as they are, when another wording will do
                int(length < len(stripped)),
                own,  # words no other outlet used: its own characterisation, likely
                len(text.split()) / 30,
            )
            cited = tuple(sorted(support, key=order.index))
            out.append(Wording(m, stop, text, cited, key, strong, changes))
    return out


class ExtractiveWriter:
    """Each fact in the plainest of its outlets' own wordings that the most outlets
    support, never one sentence used twice and never one fact said twice."""

    def __init__(self, docs: Mapping[str, Any] | None = None) -> None:
        self.used: set[tuple[str, int]] = set()
        self.written: list[set[str]] = []
        self.docs = docs or {}  # the run's parse, by article: wordings keep a main clause
        self._read: tuple[Analysis, Signals, Contested] | None = None

    def signals(self, analysis: Analysis) -> tuple[Signals, Contested]:
        """What the other stages say of ``analysis``, read once for all the calls of
        :meth:`write` on it (the brief writes consensus, partial and single facts)."""
        if self._read is None or self._read[0] is not analysis:
            self._read = (analysis, Signals.of(analysis, self.docs), Contested.of(analysis))
        return self._read[1], self._read[2]

    def write(self, analysis: Analysis, facts: Sequence[FactRecord], kind: str) -> list[BriefItem]:
        signals, conflicts = self.signals(analysis)
        n_articles = len(analysis.articles)
        out = []
        for fact in facts:
            if any((m.article, m.start) in self.used for m in fact.mentions):
                continue  # a sentence already in the brief: this fact was said there
            options = _candidates(analysis, fact, signals)
            if not options:
                continue  # no full sentence, or only a quotation without its speaker
            best = min(options, key=lambda w: w.key)
            if best.strong:
                continue  # every wording of this fact carries a label or emotive term
            if repeats(best.text, self.written):
                continue  # the same fact in other words, already in the brief
            self.used.update((m.article, m.start) for m in fact.mentions)
            self.written.append(content(best.text))
            m = best.mention
            note = contested_note(
                analysis, fact, (best.mention.article, best.text, best.support), conflicts
            )
            clash = conflicts.contradictions.get(fact.id, ())
            for c in clash:  # the other side is in this item's note: not an item again
                self.used.update({(c.a.article, c.a.start), (c.b.article, c.b.start)})
            if note and (kind != "single" or clash):
                item_kind = "conflict"
            elif len(best.support) >= n_articles:
                item_kind = "consensus"
            else:
                item_kind = "partial" if len(best.support) > 1 else "single"
            also = tuple(a for a in fact.support if a not in best.support)
            out.append(
                BriefItem(
                    best.text,
                    best.support,
                    item_kind,
                    fact.id,
                    m.article,
                    m.start,
                    best.end if best.end < m.end else m.end,
                    note,
                    role(best.text),
                    also,
                    best.changes,
                )
            )
        return out


def _needs_context(analysis: Analysis, fact: FactRecord, signals: Signals) -> bool:
    """Every wording of the fact leans on the sentence before ("The aim would be ...",
    "He said ..." where no one is named for "he")."""
    return all(_fixes(analysis, m, signals) is None for m in fact.mentions)


def _story_order(analysis: Analysis, article: str | None, start: int | None) -> tuple[int, int]:
    order = [a.id for a in analysis.articles]
    return (order.index(article) if article in order else len(order)), start or 0


def _fact_order(analysis: Analysis, fact: FactRecord) -> tuple[int, int]:
    return min(_story_order(analysis, m.article, m.start) for m in fact.mentions)


def _lead(analysis: Analysis, fact: FactRecord | None) -> int:
    """The earliest sentence number of the fact in any of its articles."""
    if fact is None:
        return 1 << 30
    return min(
        sum(1 for _s, e in analysis.article(m.article).sentences if e <= m.start)
        for m in fact.mentions
    )


_RANK = {"event": 0, "reaction": 1, "context": 2}


def _trim(items: list[BriefItem], most: int) -> list[BriefItem]:
    """At most ``most`` items: those the most outlets report, then what happened before
    what was said of it and before the background; the kept ones in their order."""
    if len(items) <= most:
        return items
    ranked = sorted(
        range(len(items)),
        key=lambda i: (
            -(len(items[i].support) + len(items[i].also)),
            _RANK.get(items[i].role or "", 3),
            i,
        ),
    )
    keep = set(ranked[:most])
    return [item for i, item in enumerate(items) if i in keep]


def build_brief(
    analysis: Analysis,
    writer: Writer | None = None,
    options: BriefOptions | None = None,
    docs: Mapping[str, Any] | None = None,
) -> list[BriefItem]:
    """Consensus facts first, then the facts most outlets report, in wire-lede order
    (the first, role ``lede``, says what happened; when no event sentence is reported by
    several outlets, an outlet's own opening event sentence is the lede); then
    single-outlet facts.  A main sentence cites only the outlets that say all of it
    (``support``); the others matched to its fact are ``also``."""
    opts = options or BriefOptions()
    writer = writer or ExtractiveWriter(docs)
    facts: Sequence[FactRecord] = analysis.sections.get("facts") or ()
    signals = (
        writer.signals(analysis)[0]
        if isinstance(writer, ExtractiveWriter)
        else Signals.of(analysis, docs)
    )
    consensus = sorted(
        (f for f in facts if f.kind == "consensus"), key=lambda f: _fact_order(analysis, f)
    )
    partial = sorted(
        (f for f in facts if f.kind == "partial" and not _needs_context(analysis, f, signals)),
        key=lambda f: (-len(f.support), _fact_order(analysis, f)),
    )
    singles = sorted(
        (f for f in facts if f.kind == "single"), key=lambda f: _fact_order(analysis, f)
    )
    main = writer.write(analysis, consensus, "consensus") + writer.write(
        analysis, partial, "partial"
    )
    lone = writer.write(analysis, singles, "single")
    conflicts = [i for i in lone if i.kind == "conflict"]  # two outlets tell it incompatibly
    lone, linked = _with_figures(analysis, [i for i in lone if i.kind != "conflict"])
    main = _trim(main + linked, opts.max_sentences) + conflicts
    by_id = {f.id: f for f in facts}
    story = [
        _fact_order(analysis, by_id[i.fact])
        if i.fact in by_id
        else _story_order(analysis, i.article, i.start)
        for i in main
    ]
    lead = [_lead(analysis, by_id.get(i.fact or "")) for i in main]
    main = lede_order(main, story, lead)
    if main and main[0].role == "event":
        main[0] = replace(main[0], role="lede")
    else:  # no event several outlets report: an outlet's own opening event sentence
        openers = [
            i for i in lone if i.role == "event" and _lead(analysis, by_id.get(i.fact or "")) == 0
        ]
        if openers:
            first = max(
                openers,
                key=lambda i: (
                    event_score(i.text),
                    [-v for v in _story_order(analysis, i.article, i.start)],
                ),
            )
            lone.remove(first)
            main.insert(0, replace(first, role="lede"))
    return main + fair_share(lone, opts.max_single, analysis)


def _with_figures(
    analysis: Analysis, items: Sequence[BriefItem]
) -> tuple[list[BriefItem], list[BriefItem]]:
    """One-outlet items split in two: those no other outlet bears out, and those whose
    figure other outlets give for the same count (they are ``also``, in part or in other
    words, and compete for the main brief; of two that share a figure, the first in
    story order stands for both: one fact is never said twice)."""
    alone, linked = [], []
    covered: set[int] = set()
    for item in sorted(items, key=lambda i: _story_order(analysis, i.article, i.start)):
        if item.article is None or item.start is None or item.end is None:
            alone.append(item)
            continue
        others, groups = same_figures(analysis, item.article, item.start, item.end)
        if not others:
            alone.append(item)
        elif not groups & covered:
            covered |= groups
            linked.append(replace(item, also=tuple(dict.fromkeys((*item.also, *others)))))
    return alone, linked


def fair_share(items: Sequence[BriefItem], most: int, analysis: Analysis) -> list[BriefItem]:
    """At most ``most`` one-outlet items, taken in turn from each outlet (each outlet's in
    its text order, the inverted pyramid's), then listed in story order: the first
    outlet's items never crowd out the others'."""
    queues: dict[str | None, list[BriefItem]] = {}
    for item in sorted(items, key=lambda i: _story_order(analysis, i.article, i.start)):
        queues.setdefault(item.article, []).append(item)
    chosen: list[BriefItem] = []
    while len(chosen) < most and any(queues.values()):
        for queue in queues.values():
            if queue and len(chosen) < most:
                chosen.append(queue.pop(0))
    return sorted(chosen, key=lambda i: _story_order(analysis, i.article, i.start))


@stage(
    "brief",
    requires=("articles", "facts"),
    reads=("numbers", "loaded", "contradictions", "actors", "quotes"),
    assigns=("brief",),
)
def brief_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    english = [a for a in analysis.articles if a.language in ("en", "und")]
    docs = ctx.resources.parse(english) if english else {}  # the run's, parsed already
    brief = build_brief(analysis, options=ctx.options.brief, docs=docs)
    return StageOutput(sections={"brief": tuple(brief)})
