"""Contradictions: two outlets report the same happening with incompatible claims.

Read from the pairs the facts stage scored (:mod:`parallax.facts.match`), so a pair is
only considered when its two statements are about one thing: the same action (the
same verb stem), the same actor (a subject of the one is a subject or object of the
other), the same thing acted on when both name one, and enough words in common.  Two
kinds are told apart:

- ``polarity``: one says it happened and the other that it did not ("Weiner sent the
  photo" / "Weiner did not send the photo");
- ``figure``: the same claim, each with one figure, the two different but of one
  order ("killed 9,000" / "killed 10,000"; not "aged 13" / "46-year-old"); the numbers
  stage says which figure each outlet gives and from whom.

Each contradiction keeps both statements as article id and character offsets, and the
ids of the facts each statement belongs to, so the brief can mark a fact contested.
A hedge on one side ("may have sent") is not a contradiction of a plain statement,
and two different speakers' claims are still one contradiction between the outlets'
reports (the report shows who said what).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.facts.claims import denies, shared_action, stem
from parallax.facts.cluster import FactRecord
from parallax.facts.features import Unit
from parallax.facts.match import PairScore
from parallax.sections import Mention

KINDS = ("polarity", "figure")
MIN_WORDS = 0.2  # idf cosine of two statements about one thing, at least
MIN_FIGURE_PROBABILITY = 0.5  # a figure clash counts only between statements this alike
MAX_RATIO = 3.0  # figures further apart than this measure different things


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements of different articles that cannot both be right as written.

    ``a`` and ``b`` are the statements (article id and offsets, ``a`` first in story
    order); ``facts_a`` and ``facts_b`` the facts they belong to; ``action`` the verb
    both are about; ``detail`` says what differs, in words."""

    kind: str
    a: Mention
    b: Mention
    facts_a: tuple[str, ...]
    facts_b: tuple[str, ...]
    action: str
    detail: str

    def facts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.facts_a, *self.facts_b)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "facts_a": list(self.facts_a),
            "facts_b": list(self.facts_b),
            "action": self.action,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Contradiction:
        return cls(
            kind=str(data["kind"]),
            a=Mention.from_dict(data["a"]),
            b=Mention.from_dict(data["b"]),
            facts_a=tuple(str(x) for x in data.get("facts_a", ())),
            facts_b=tuple(str(x) for x in data.get("facts_b", ())),
            action=str(data.get("action", "")),
            detail=str(data.get("detail", "")),
        )


def _same_actor(a: Unit, b: Unit) -> bool:
    ours = {stem(s) for s in a.claim.subjects}
    theirs = {stem(s) for s in b.claim.subjects}
    if ours and theirs:
        return bool(ours & theirs)
    # a passive or subjectless claim: the actor may be the other's object
    return bool(
        ours & {stem(o) for o in b.claim.objects} or theirs & {stem(o) for o in a.claim.objects}
    )


def _same_object(a: Unit, b: Unit) -> bool:
    """Not about two different things: when both claims name what the action is done to,
    one of those is shared ("did not attend the hearing" / "attended a dinner": no)."""
    ours = {stem(o) for o in a.claim.objects}
    theirs = {stem(o) for o in b.claim.objects}
    return not (ours and theirs) or bool(ours & theirs)


def _figures(unit: Unit) -> str:
    return ", ".join(f"{n:,.0f}" if n == int(n) else f"{n:g}" for n in sorted(unit.numbers))


def _figure_clash(a: Unit, b: Unit) -> bool:
    if len(a.numbers) != 1 or len(b.numbers) != 1 or a.numbers == b.numbers:
        return False
    x, y = sorted((next(iter(a.numbers)), next(iter(b.numbers))))
    return x > 0 and y / x <= MAX_RATIO


def classify(score: PairScore) -> tuple[str, str, str] | None:
    """``(kind, action, detail)`` when the pair's two statements contradict each other."""
    a, b = score.a, score.b
    if score.lexical < MIN_WORDS and score.probability < MIN_FIGURE_PROBABILITY:
        return None
    action = shared_action(a.claim, b.claim)
    if not action or not _same_actor(a, b) or not _same_object(a, b):
        return None
    if denies(a.claim, action) != denies(b.claim, action) and a.claim.modal == b.claim.modal:
        return "polarity", action, f"one says it {action}, the other that it did not"
    if score.probability >= MIN_FIGURE_PROBABILITY and _figure_clash(a, b):
        return "figure", action, f"figures differ: {_figures(a)} / {_figures(b)}"
    return None


def find_contradictions(
    scores: Sequence[PairScore], facts: Sequence[FactRecord], article_order: Sequence[str]
) -> tuple[Contradiction, ...]:
    """Every contradiction among the scored pairs, in story order; a statement's facts
    are those of ``facts`` that hold it."""
    rank = {a: i for i, a in enumerate(article_order)}
    holds: dict[tuple[str, int], list[str]] = {}
    for fact in facts:
        for m in fact.mentions:
            holds.setdefault((m.article, m.start), []).append(fact.id)
    found: list[Contradiction] = []
    for s in scores:
        verdict = classify(s)
        if verdict is None:
            continue
        kind, action, detail = verdict
        a, b = sorted((s.a, s.b), key=lambda u: (rank.get(u.article, 0), u.start))
        found.append(
            Contradiction(
                kind=kind,
                a=Mention(a.article, a.start, a.end),
                b=Mention(b.article, b.start, b.end),
                facts_a=tuple(holds.get((a.article, a.start), ())),
                facts_b=tuple(holds.get((b.article, b.start), ())),
                action=action,
                detail=detail,
            )
        )
    found.sort(key=lambda c: (rank.get(c.a.article, 0), c.a.start, rank.get(c.b.article, 0)))
    return tuple(found)


def contested(contradictions: Sequence[Contradiction]) -> dict[str, tuple[Contradiction, ...]]:
    """For the brief: each fact id with the contradictions that touch it."""
    out: dict[str, list[Contradiction]] = {}
    for c in contradictions:
        for fid in c.facts():
            out.setdefault(fid, []).append(c)
    return {k: tuple(v) for k, v in out.items()}
