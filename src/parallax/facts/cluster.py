"""Grouping matched statements into facts, and reading their support.

(What each article leaves out is read from the facts in :mod:`parallax.facts.omit`.)

Matched pairs are taken strongest first.  A statement joins an existing fact only if
it matches every member from the other articles well enough (complete linkage at
``FactsOptions.join`` probability), and a fact holds at most one statement per article; else
the pair starts a new fact.  A statement may so belong to two facts: a long sentence
that packs two pieces of information supports both.  A statement that matches nothing
is a fact of its own.  Two statements of which one denies what the other asserts ("the
alarm sounded" / "did not sound") are never one fact, however alike.

A fact that every article supports is "reported by all", the claim readers trust most,
so it must hold together more firmly: every pair of its statements must match at
``FactsOptions.consensus`` probability or better, and no pair may be vetoed (different
actors or actions: :func:`parallax.facts.match.veto`).  Otherwise its weakest statement
leaves it (with the partner it matches best, when that match is sure enough), and the
rest is a fact several articles, not all, report.

Figures that differ inside one fact ("9,000" / "10,000" for the same measure) keep the
fact whole and mark it ``conflict: true``; the numbers stage says which figure each
outlet gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parallax.facts.features import Unit
from parallax.facts.match import PairScore, model
from parallax.ids import make_id
from parallax.options import FactsOptions
from parallax.sections import Mention


@dataclass
class Fact:
    members: list[Unit] = field(default_factory=list)
    conflict: bool = False

    def articles(self) -> set[str]:
        return {u.article for u in self.members}


def _best_matches(scores: Sequence[PairScore], packed: float = 0.0) -> list[PairScore]:
    """Keep a pair only when one of its statements has no better match in the other's
    article (and, when only one, the pair is at least ``packed`` likely and gives no
    figure the other contradicts: a lesser match with another figure is most often
    another measure, "9,000 Palestinians killed" / "3,700 Palestinian children killed").

    A story has far more unrelated pairs than matching ones, so a statement's lesser
    matches in an article are dropped, unless it is itself the best match there of the
    other statement: independently written reports often tell one thing in two
    sentences where another tells it in one ("Akin refused to step down" / "calls to
    step aside" and "said he would stay in the race"), and a long sentence may pack
    two facts.  (Until December 2026 both statements had to be each other's best, or
    the pair very likely: on the BASIL dev events, leave one event out, that lost 0.055
    of pair recall for 0.026 of precision: ``FactsOptions.packed`` was 0.8, now 0.)
    """
    best: dict[tuple[tuple[str, int], str], float] = {}
    for s in scores:
        for unit, other in ((s.a, s.b), (s.b, s.a)):
            key = ((unit.article, unit.index), other.article)
            best[key] = max(best.get(key, 0.0), s.probability)
    kept = []
    for s in scores:
        best_for_a = s.probability >= best[((s.a.article, s.a.index), s.b.article)]
        best_for_b = s.probability >= best[((s.b.article, s.b.index), s.a.article)]
        one_sided = (best_for_a or best_for_b) and s.probability >= packed and not s.conflict
        if (best_for_a and best_for_b) or one_sided:
            kept.append(s)
    return kept


def build_facts(
    units: Sequence[Unit], scores: Sequence[PairScore], options: FactsOptions | None = None
) -> list[Fact]:
    opts = options or FactsOptions()
    threshold = model()["threshold"]
    prob: dict[tuple[tuple[str, int], tuple[str, int]], PairScore] = {}
    for s in scores:
        ka, kb = (s.a.article, s.a.index), (s.b.article, s.b.index)
        prob[(ka, kb)] = prob[(kb, ka)] = s

    def p(x: Unit, y: Unit) -> float:
        s = prob.get(((x.article, x.index), (y.article, y.index)))
        return s.probability if s and not s.denied else 0.0

    facts: list[Fact] = []
    member_of: dict[tuple[str, int], list[Fact]] = {}
    accepted = [
        s for s in _best_matches(scores, opts.packed) if s.probability >= threshold and not s.denied
    ]
    for s in sorted(accepted, key=lambda s: -s.probability):
        a, b = s.a, s.b
        ka, kb = (a.article, a.index), (b.article, b.index)
        if any(f in member_of.get(kb, []) for f in member_of.get(ka, [])):
            continue
        placed = False
        for new, anchor, key in ((b, ka, kb), (a, kb, ka)):
            for fact in member_of.get(anchor, []):
                if new.article in fact.articles():
                    continue
                if all(p(new, m) >= opts.join for m in fact.members):
                    fact.members.append(new)
                    fact.conflict = fact.conflict or s.conflict
                    member_of.setdefault(key, []).append(fact)
                    placed = True
                    break
            if placed:
                break
        already = any(b.article in f.articles() for f in member_of.get(ka, [])) and any(
            a.article in f.articles() for f in member_of.get(kb, [])
        )
        if not placed and not already:
            fact = Fact([a, b], conflict=s.conflict)
            facts.append(fact)
            member_of.setdefault(ka, []).append(fact)
            member_of.setdefault(kb, []).append(fact)
    n = len({u.article for u in units})
    if n > 2:
        facts = _firm_consensus(facts, prob, n, opts.consensus, threshold)
    grouped = {(u.article, u.index) for f in facts for u in f.members}
    for unit in units:
        if (unit.article, unit.index) not in grouped:
            facts.append(Fact([unit]))
    return facts


Links = Mapping[tuple[tuple[str, int], tuple[str, int]], PairScore]


def _link(links: Links, x: Unit, y: Unit) -> float:
    """How surely ``x`` and ``y`` state one fact (0 when vetoed or never scored)."""
    s = links.get(((x.article, x.index), (y.article, y.index)))
    return 0.0 if s is None or s.vetoed or s.denied else s.probability


def _firm_consensus(
    facts: list[Fact], links: Links, n: int, bar: float, threshold: float
) -> list[Fact]:
    """Facts in which all ``n`` articles take part keep that only when every pair of
    members links at ``bar`` or better; else the weakest member leaves, with its best
    partner when they link at ``threshold``, until the fact holds or is partial."""
    out: list[Fact] = []
    for fact in facts:
        while len(fact.articles()) == n and len(fact.members) > 2:
            weakest = {
                i: min(_link(links, m, o) for o in fact.members if o.article != m.article)
                for i, m in enumerate(fact.members)
            }
            if min(weakest.values()) >= bar:
                break
            worst = fact.members.pop(min(weakest, key=lambda i: (weakest[i], i)))
            partner = max(fact.members, key=lambda o: _link(links, worst, o))
            if _link(links, worst, partner) >= threshold:
                out.append(Fact([worst, partner], conflict=fact.conflict))
        out.append(fact)
    return out


@dataclass(frozen=True, slots=True)
class FactRecord:
    """One fact of the ``facts`` section: its id, a representative wording, the articles
    that support it (in story order), its kind (``consensus``, ``partial`` or
    ``single``), whether the figures in it differ, and each article's statement."""

    id: str
    text: str
    support: tuple[str, ...]
    kind: str
    conflict: bool
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "support": list(self.support),
            "kind": self.kind,
            "conflict": self.conflict,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FactRecord:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            support=tuple(str(a) for a in data["support"]),
            kind=str(data["kind"]),
            conflict=bool(data.get("conflict", False)),
            mentions=tuple(Mention.from_dict(m) for m in data["mentions"]),
        )


def fact_records(facts: Sequence[Fact], article_order: Sequence[str]) -> list[FactRecord]:
    """The facts as the section holds them: id, representative text, support, kind,
    conflict, mentions; consensus first, then by support and place."""
    n = len(article_order)
    out = []
    for fact in facts:
        support = [a for a in article_order if a in fact.articles()]
        kind = (
            "consensus"
            if len(support) == n and n > 1
            else "single"
            if len(support) == 1
            else "partial"
        )
        representative = min(fact.members, key=lambda u: (len(u.text.split()) < 5, len(u.text)))
        out.append(
            FactRecord(
                id=make_id(*sorted(f"{u.article}:{u.start}" for u in fact.members)),
                text=representative.text,
                support=tuple(support),
                kind=kind,
                conflict=fact.conflict,
                mentions=tuple(
                    Mention(u.article, u.start, u.end)
                    for u in sorted(fact.members, key=lambda u: article_order.index(u.article))
                ),
            )
        )
    rank = {"consensus": 0, "partial": 1, "single": 2}
    return sorted(out, key=lambda f: (rank[f.kind], -len(f.support), f.mentions[0].start))
