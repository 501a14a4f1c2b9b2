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
from dataclasses import dataclass
from typing import Protocol

from parallax.brief.item import BriefItem
from parallax.brief.order import lede_order, role
from parallax.brief.support import (
    Claims,
    claims,
    cuts,
    figure_phrases,
    figures_differ,
    supports,
)
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
from parallax.voices.compare import NumberGroup


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
        conflicts = _conflict_notes(analysis)
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
            note = next(
                (
                    n
                    for (a, s, _e), (n, group) in conflicts.items()
                    if any(x.article == a and x.start <= s < x.end for x in fact.mentions)
                    and _really_differ(analysis, fact, group)
                ),
                None,
            )
            if note is None:
                note = _contested(analysis, fact, best)
            if note and kind != "single":
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


def _contested(analysis: Analysis, fact: FactRecord, best: Wording) -> str | None:
    """Another outlet says the same but for its figures: both sides, each cited."""
    number = {a.id: i for i, a in enumerate(analysis.articles, start=1)}
    mine = claims(best.text)
    sides: list[tuple[str, list[str]]] = []
    theirs: set[str] = set()
    for m in fact.mentions:
        if m.article in best.support:
            continue
        text = analysis.article(m.article).text[m.start : m.end]
        other = claims(text)
        if figures_differ(other, mine):
            sides.append((m.article, figure_phrases(text, mine.figures)))
            theirs |= other.figures
    if not sides:
        return None
    parts = [(best.mention.article, figure_phrases(best.text, frozenset(theirs))), *sides]
    return "figures differ: " + "; ".join(
        f"[{number[a]}] {analysis.article(a).outlet}: {', '.join(f)}" for a, f in parts
    )


def _needs_context(analysis: Analysis, fact: FactRecord) -> bool:
    """Every wording of the fact leans on the sentence before ("He said ...")."""
    return all(
        leans_on_context(analysis.article(m.article).text[m.start : m.end]) for m in fact.mentions
    )


def _conflict_notes(analysis: Analysis) -> dict[tuple[str, int, int], tuple[str, NumberGroup]]:
    """For each mention of a conflicting figure: who gives which figure, from whom."""
    outlet = {a.id: f"[{i}] {a.outlet}" for i, a in enumerate(analysis.articles, start=1)}
    notes: dict[tuple[str, int, int], tuple[str, NumberGroup]] = {}
    groups: Sequence[NumberGroup] = analysis.sections.get("numbers") or ()
    for group in groups:
        if group.status != "conflict":
            continue
        parts = "; ".join(
            f"{outlet[m.article]}: {m.text}" + (f" ({m.attribution})" if m.attribution else "")
            for m in group.mentions
        )
        note = f"figures differ for {group.what}: {parts}"
        for m in group.mentions:
            notes[(m.article, m.start, m.end)] = (note, group)
    return notes


def _really_differ(analysis: Analysis, fact: FactRecord, group: NumberGroup) -> bool:
    """Does some outlet's sentence in the fact lack a figure another outlet gives for the
    same count?  ("from $2.50 to $3" has both figures: no conflict with "$3".)"""
    given: dict[str, set[str]] = {}
    for m in group.mentions:
        given.setdefault(m.article, set()).update(claims(m.text).figures)
    for x in fact.mentions:
        there = claims(analysis.article(x.article).text[x.start : x.end]).figures
        if any(a != x.article and not v <= there for a, v in given.items()):
            return True
    return False


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
    """Consensus facts first, then the facts most outlets report, in wire-lede order;
    then single-outlet facts.  A main sentence cites only the outlets that say all of it
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
    by_id = {f.id: f for f in facts}
    story = [
        _fact_order(analysis, by_id[i.fact])
        if i.fact in by_id
        else _story_order(analysis, i.article, i.start)
        for i in main
    ]
    lead = [_lead(analysis, by_id.get(i.fact or "")) for i in main]
    main = lede_order(main, story, lead)
    return main + lone[: opts.max_single]


@stage("brief", requires=("articles", "facts"), reads=("numbers", "loaded"), assigns=("brief",))
def brief_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    brief = build_brief(analysis, options=ctx.options.brief)
    return StageOutput(sections={"brief": tuple(brief)})
