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

from parallax.facts.cluster import FactRecord, Omissions
from parallax.facts.match import PairScore

NEAR = 0.2  # a statement this likely the same as each of the fact's is shown beside it


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


def omissions(records: Sequence[FactRecord], article_order: Sequence[str]) -> Omissions:
    """Per article: ids of the facts that at least two other articles report and it does
    not, most supported first.  An article whose statement is grouped with a member of
    the fact (a fact that lost the article when it could not hold as "reported by all",
    :func:`parallax.facts.cluster.build_facts`) does not leave it out."""
    facts_of: dict[tuple[str, int], list[FactRecord]] = {}
    for f in records:
        for m in f.mentions:
            facts_of.setdefault((m.article, m.start), []).append(f)
    out: list[tuple[str, tuple[str, ...]]] = []
    for article in article_order:
        missing = []
        for f in records:
            if article in f.support or len(f.support) < 2:
                continue
            linked = (
                article in g.support
                for m in f.mentions
                for g in facts_of[(m.article, m.start)]
                if g is not f
            )
            if not any(linked):
                missing.append(f)
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
    members = {f.id: {(m.article, m.start) for m in f.mentions} for f in records}
    fact_at: dict[tuple[str, int], list[str]] = {}
    for f in records:
        for m in f.mentions:
            fact_at.setdefault((m.article, m.start), []).append(f.id)
    wanted = {(article, fid) for article, ids in omitted.by_article for fid in ids}
    # (article, fact) -> the article's statement -> its probability against each member
    links: dict[tuple[str, str], dict[tuple[int, int], dict[tuple[str, int], float]]] = {}
    for s in scores:
        if s.denied:
            continue
        for mine, theirs in ((s.a, s.b), (s.b, s.a)):
            for fid in fact_at.get((theirs.article, theirs.start), ()):
                if (mine.article, fid) in wanted:
                    by_member = links.setdefault((mine.article, fid), {})
                    by_member.setdefault((mine.start, mine.end), {})[
                        (theirs.article, theirs.start)
                    ] = s.probability
    out = []
    for article, ids in omitted.by_article:
        for fid in ids:
            best: tuple[float, int, int] | None = None
            for (start, end), found in links.get((article, fid), {}).items():
                p = min(found.get(m, 0.0) for m in members[fid])
                if p >= near and (best is None or p > best[0]):
                    best = (p, start, end)
            if best is not None:
                out.append(NearMiss(fid, article, best[1], best[2], round(best[0], 3)))
    return tuple(out)
