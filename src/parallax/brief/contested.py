"""Contested items: a brief sentence whose fact the outlets tell incompatibly.

Three sources, each giving both sides with their outlets cited:
- the numbers stage's conflicting figures, kept only when the fact's sentences bear the
  conflict out ("from $2.50 to $3" has both figures: no conflict with "$3");
- another outlet's sentence in the fact that says the same but for its figures;
- the facts stage's contradictions (one says it happened, the other that it did not; or
  one figure each), read from the ``contradictions`` section when present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from parallax.brief.support import claims, figure_phrases, figures_differ
from parallax.facts.cluster import FactRecord
from parallax.model import Analysis
from parallax.sections import Mention
from parallax.voices.compare import NumberGroup

EXCERPT = 160  # characters of each side's statement quoted in a note


class ContradictionLike(Protocol):
    """What the brief reads of a contradiction (``parallax.facts.contradictions``)."""

    @property
    def a(self) -> Mention: ...
    @property
    def b(self) -> Mention: ...
    @property
    def facts_a(self) -> tuple[str, ...]: ...
    @property
    def facts_b(self) -> tuple[str, ...]: ...
    @property
    def detail(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Contested:
    """The story's conflicting figures (by mention) and contradictions (by fact)."""

    figures: Mapping[tuple[str, int, int], tuple[str, NumberGroup]]
    contradictions: Mapping[str, tuple[ContradictionLike, ...]]

    @classmethod
    def of(cls, analysis: Analysis) -> Contested:
        by_fact: dict[str, list[ContradictionLike]] = {}
        found: Sequence[ContradictionLike] = analysis.sections.get("contradictions") or ()
        for c in found:
            for fact in dict.fromkeys((*c.facts_a, *c.facts_b)):
                by_fact.setdefault(fact, []).append(c)
        return cls(_conflict_notes(analysis), {k: tuple(v) for k, v in by_fact.items()})


def _label(analysis: Analysis, article: str) -> str:
    number = {a.id: i for i, a in enumerate(analysis.articles, start=1)}
    return f"[{number[article]}] {analysis.article(article).outlet}"


def _conflict_notes(analysis: Analysis) -> dict[tuple[str, int, int], tuple[str, NumberGroup]]:
    """For each mention of a conflicting figure: who gives which figure, from whom."""
    notes: dict[tuple[str, int, int], tuple[str, NumberGroup]] = {}
    groups: Sequence[NumberGroup] = analysis.sections.get("numbers") or ()
    for group in groups:
        if group.status != "conflict":
            continue
        parts = "; ".join(
            f"{_label(analysis, m.article)}: {m.text}"
            + (f" ({m.attribution})" if m.attribution else "")
            for m in group.mentions
        )
        note = f"figures differ for {group.what}: {parts}"
        for m in group.mentions:
            notes[(m.article, m.start, m.end)] = (note, group)
    return notes


def _really_differ(analysis: Analysis, fact: FactRecord, group: NumberGroup) -> bool:
    """Does some outlet's sentence in the fact lack a figure another outlet gives for the
    same count?"""
    given: dict[str, set[str]] = {}
    for m in group.mentions:
        given.setdefault(m.article, set()).update(claims(m.text).figures)
    for x in fact.mentions:
        there = claims(analysis.article(x.article).text[x.start : x.end]).figures
        if any(a != x.article and not v <= there for a, v in given.items()):
            return True
    return False


def _figures_within(
    analysis: Analysis, fact: FactRecord, article: str, text: str, support: Sequence[str]
) -> str | None:
    """Another outlet says the same but for its figures: both sides, each cited."""
    mine = claims(text)
    sides: list[tuple[str, list[str]]] = []
    theirs: set[str] = set()
    for m in fact.mentions:
        if m.article in support:
            continue
        other_text = analysis.article(m.article).text[m.start : m.end]
        other = claims(other_text)
        if figures_differ(other, mine):
            sides.append((m.article, figure_phrases(other_text, mine.figures)))
            theirs |= other.figures
    if not sides:
        return None
    parts = [(article, figure_phrases(text, frozenset(theirs))), *sides]
    return "figures differ: " + "; ".join(
        f"{_label(analysis, a)}: {', '.join(f)}" for a, f in parts
    )


def _excerpt(analysis: Analysis, m: Mention) -> str:
    text = " ".join(analysis.article(m.article).text[m.start : m.end].split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "\u2026"


def _contradiction_note(analysis: Analysis, found: Sequence[ContradictionLike]) -> str:
    parts = [
        f"{c.detail}: {_label(analysis, c.a.article)}: \u201c{_excerpt(analysis, c.a)}\u201d / "
        f"{_label(analysis, c.b.article)}: \u201c{_excerpt(analysis, c.b)}\u201d"
        for c in found
    ]
    return "contradicted: " + "; ".join(parts)


def contested_note(
    analysis: Analysis,
    fact: FactRecord,
    wording: tuple[str, str, Sequence[str]],
    contested: Contested,
) -> str | None:
    """What makes the fact contested, both sides cited; None when nothing does.
    ``wording`` is the chosen (article, text, cited articles)."""
    article, text, support = wording
    notes = []
    for (a, s, _e), (note, group) in contested.figures.items():
        inside = any(x.article == a and x.start <= s < x.end for x in fact.mentions)
        if inside and _really_differ(analysis, fact, group):
            notes.append(note)
            break
    if not notes:
        within = _figures_within(analysis, fact, article, text, support)
        notes += [within] if within else []
    if fact.id in contested.contradictions:
        notes.append(_contradiction_note(analysis, contested.contradictions[fact.id]))
    return "; ".join(notes) or None


def same_figures(
    analysis: Analysis, article: str, start: int, end: int
) -> tuple[tuple[str, ...], frozenset[int]]:
    """The other articles that give the same figure, for the same count, as
    ``[start, end)`` of ``article`` (the numbers stage's agreeing groups: "800 people
    left Gaza" / "800 people entered Egypt"), in story order, and those groups (by
    position in the section): an outlet that the facts stage did not match to a sentence
    may still report its figure."""
    groups: Sequence[NumberGroup] = analysis.sections.get("numbers") or ()
    found: set[str] = set()
    used: set[int] = set()
    for k, group in enumerate(groups):
        if group.status != "agree":
            continue
        if any(m.article == article and start <= m.start < end for m in group.mentions):
            found.update(m.article for m in group.mentions if m.article != article)
            used.add(k)
    return tuple(a.id for a in analysis.articles if a.id in found), frozenset(used)
