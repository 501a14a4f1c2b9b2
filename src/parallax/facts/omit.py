"""What an outlet may not have left out: the near misses of an omission.

An omission (:func:`parallax.facts.cluster.omissions`) says that an article reports none
of a fact that two other articles report.  The facts stage only groups statements it
is sure of, so an article that tells the same thing in other words ("We've completed our
encirclement", said a spokesman, against "Israeli troops have completely encircled Gaza
City") is still listed as leaving it out.  Rather than hide those or assert them, each
omission whose article has a statement the same-fact model rates at least ``near``
against one of the fact's statements gets a **near miss**: the article's closest
statement, its offsets and the model's probability, so a reader sees the evidence and
judges.  The level is chosen on real events (``eval/omissions_real.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.facts.cluster import FactRecord
from parallax.facts.match import PairScore

NEAR = 0.2  # a statement this likely the same as each of the fact's is shown beside it


@dataclass(frozen=True, slots=True)
class Omissions:
    """The ``omissions`` section: per article (in story order), the ids of the facts at
    least two other articles report and it does not, most supported first."""

    by_article: tuple[tuple[str, tuple[str, ...]], ...]

    def get(self, article: str) -> tuple[str, ...]:
        return next((ids for a, ids in self.by_article if a == article), ())

    def to_dict(self) -> dict[str, Any]:
        return {a: list(ids) for a, ids in self.by_article}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Omissions:
        return cls(tuple((str(a), tuple(str(i) for i in ids)) for a, ids in data.items()))


@dataclass(frozen=True, slots=True)
class NearMiss:
    """An article said to leave out fact ``fact``, and its statement closest to it."""

    fact: str
    article: str
    start: int
    end: int
    probability: float  # the same-fact model's, against the fact's closest statement

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "probability": self.probability,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NearMiss:
        return cls(
            fact=str(data["fact"]),
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            probability=float(data["probability"]),
        )


Key = tuple[str, int]  # a statement: (article, start)


def _facts_at(records: Sequence[FactRecord]) -> dict[Key, list[FactRecord]]:
    """The facts each statement belongs to (a long sentence may belong to two)."""
    at: dict[Key, list[FactRecord]] = {}
    for f in records:
        for m in f.mentions:
            at.setdefault((m.article, m.start), []).append(f)
    return at


def omissions(records: Sequence[FactRecord], article_order: Sequence[str]) -> Omissions:
    """Per article: ids of the facts that at least two other articles report and it does
    not, most supported first.  An article whose statement is grouped with a member of
    the fact (a fact that lost the article when it could not hold as "reported by all",
    :func:`parallax.facts.cluster.build_facts`) does not leave it out."""
    at = _facts_at(records)
    out: list[tuple[str, tuple[str, ...]]] = []
    for article in article_order:
        missing = [
            f
            for f in records
            if article not in f.support
            and len(f.support) >= 2
            and not any(
                article in g.support
                for m in f.mentions
                for g in at[(m.article, m.start)]
                if g is not f
            )
        ]
        out.append((article, tuple(f.id for f in sorted(missing, key=lambda f: -len(f.support)))))
    return Omissions(tuple(out))


def near_misses(
    records: Sequence[FactRecord],
    omitted: Omissions,
    scores: Sequence[PairScore],
    near: float = NEAR,
) -> tuple[NearMiss, ...]:
    """For each omission, the omitting article's statement that the model finds closest
    to the fact, when it rates it ``near`` or more against *every* statement of the fact
    (a statement close to one member only is likely close to a second claim packed into
    that member's sentence); a denial never counts (it is a contradiction, not the same
    fact).  In the order of ``omitted``."""
    by_id = {f.id: f for f in records}
    prob: dict[tuple[Key, Key], float] = {}  # both ways round
    ends: dict[Key, int] = {}  # every scored statement, in the scores' order
    for s in scores:
        if s.denied:
            continue
        for x, y in ((s.a, s.b), (s.b, s.a)):
            prob[((x.article, x.start), (y.article, y.start))] = s.probability
            ends[(x.article, x.start)] = x.end
    out = []
    for article, ids in omitted.by_article:
        mine = [k for k in ends if k[0] == article]
        for fid in ids:
            members = [(m.article, m.start) for m in by_id[fid].mentions]
            scored = [(min(prob.get((k, m), 0.0) for m in members), k) for k in mine]
            p, k = max(scored, key=lambda pk: pk[0], default=(0.0, ("", 0)))
            if mine and p >= near:
                out.append(NearMiss(fid, article, k[1], ends[k], round(p, 3)))
    return tuple(out)
