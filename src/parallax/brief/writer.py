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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from parallax.brief.contested import Contested, contested_note
from parallax.brief.item import BriefItem
from parallax.brief.order import event_score, lede_order, role
from parallax.brief.support import Claims, claims, cuts, supports
from parallax.brief.wording import (
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
    key: tuple[int, int, int, int, int, float]


def _candidates(analysis: Analysis, fact: FactRecord, loaded: Sequence[Loaded]) -> list[Wording]:
    order = [a.id for a in analysis.articles]
    said: dict[tuple[str, int], Claims] = {}
    for m in fact.mentions:
        said[(m.article, m.start)] = claims(analysis.article(m.article).text[m.start : m.end])
    out = []
    for m in fact.mentions:
        full = analysis.article(m.article).text[m.start : m.end]
        if not is_statement(full) or unattributed(full):
            continue
        stripped = full.rstrip()
        for length in [*cuts(stripped), len(stripped)]:
            text = " ".join(stripped[:length].split())
            mine = claims(text)
            support = {m.article} | {
                o.article
                for o in fact.mentions
                if o.article != m.article and supports(said[(o.article, o.start)], mine)
            }
            strong, mild = charged(m.article, m.start, m.start + length, text, loaded)
            others = [c for k, c in said.items() if k[0] != m.article]
            own = sum(1 for w in mine.words if not any(w in c.words for c in others))
            key = (
                strong + mild,
                -len(support),
                int(leans_on_context(text)),
                int(length < len(stripped)),
                own,  # words no other outlet used: its own characterisation, likely
                len(text.split()) / 30,
            )
            cited = tuple(sorted(support, key=order.index))
            out.append(Wording(m, m.start + length, text, cited, key))
    return out


class ExtractiveWriter:
    """Each fact in the plainest of its outlets' own wordings that the most outlets
    support, never one sentence used twice and never one fact said twice."""

    def __init__(self) -> None:
        self.used: set[tuple[str, int]] = set()
        self.written: list[set[str]] = []

    def write(self, analysis: Analysis, facts: Sequence[FactRecord], kind: str) -> list[BriefItem]:
        loaded = loaded_spans(analysis)
        conflicts = Contested.of(analysis)
        n_articles = len(analysis.articles)
        out = []
        for fact in facts:
            if any((m.article, m.start) in self.used for m in fact.mentions):
                continue  # a sentence already in the brief: this fact was said there
            options = _candidates(analysis, fact, loaded)
            if not options:
                continue  # no full sentence, or only a quotation without its speaker
            best = min(options, key=lambda w: w.key)
            if charged(best.mention.article, best.mention.start, best.end, best.text, loaded)[0]:
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
                )
            )
        return out


def _needs_context(analysis: Analysis, fact: FactRecord) -> bool:
    """Every wording of the fact leans on the sentence before ("He said ...")."""
    return all(
        leans_on_context(analysis.article(m.article).text[m.start : m.end]) for m in fact.mentions
    )


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


def build_brief(
    analysis: Analysis, writer: Writer | None = None, options: BriefOptions | None = None
) -> list[BriefItem]:
    """Consensus facts first, then the facts most outlets report, in wire-lede order
    (the first, role ``lede``, says what happened; when no event sentence is reported by
    several outlets, an outlet's own opening event sentence is the lede); then
    single-outlet facts.  A main sentence cites only the outlets that say all of it
    (``support``); the others matched to its fact are ``also``."""
    opts = options or BriefOptions()
    writer = writer or ExtractiveWriter()
    facts: Sequence[FactRecord] = analysis.sections.get("facts") or ()
    consensus = sorted(
        (f for f in facts if f.kind == "consensus"), key=lambda f: _fact_order(analysis, f)
    )
    partial = sorted(
        (f for f in facts if f.kind == "partial" and not _needs_context(analysis, f)),
        key=lambda f: (-len(f.support), _fact_order(analysis, f)),
    )
    singles = sorted(
        (f for f in facts if f.kind == "single"), key=lambda f: _fact_order(analysis, f)
    )
    main = writer.write(analysis, consensus, "consensus") + writer.write(
        analysis, partial, "partial"
    )
    main = main[: opts.max_sentences]
    lone = writer.write(analysis, singles, "single")
    main += [i for i in lone if i.kind == "conflict"]  # two outlets tell it incompatibly
    lone = [i for i in lone if i.kind != "conflict"]
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
    return main + lone[: opts.max_single]


@stage(
    "brief",
    requires=("articles", "facts"),
    reads=("numbers", "loaded", "contradictions"),
    assigns=("brief",),
)
def brief_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    brief = build_brief(analysis, options=ctx.options.brief)
    return StageOutput(sections={"brief": tuple(brief)})
