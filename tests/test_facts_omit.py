"""What an outlet leaves out: omissions that hold, and near misses shown beside them."""

from __future__ import annotations

from parallax.facts.cluster import FactRecord
from parallax.facts.features import Unit, make_unit
from parallax.facts.match import PairScore
from parallax.facts.omit import near_misses, omissions
from parallax.sections import Mention

ORDER = ["a", "b", "c"]


def unit(article: str, start: int, text: str = "Port workers walked out on Monday.") -> Unit:
    return make_unit(article, start, start, start + len(text), text)


def fact(fid: str, *units: Unit) -> FactRecord:
    support = tuple(a for a in ORDER if any(u.article == a for u in units))
    return FactRecord(
        id=fid,
        text=units[0].text,
        support=support,
        kind="partial" if len(support) > 1 else "single",
        conflict=False,
        mentions=tuple(Mention(u.article, u.start, u.end) for u in units),
    )


def score(x: Unit, y: Unit, p: float, denied: bool = False) -> PairScore:
    return PairScore(x, y, 0.5, 0.5, 0.0, False, 0.0, p, denied=denied)


def test_an_article_grouped_with_a_member_of_the_fact_does_not_leave_it_out() -> None:
    # "reported by all" could not hold: c's statement left the fact with its partner b
    a0, b0, c0 = unit("a", 0), unit("b", 0), unit("c", 0)
    records = [fact("f", a0, b0), fact("g", c0, b0)]
    assert omissions(records, ORDER).get("c") == ()
    # without that link, c leaves the fact out
    records = [fact("f", a0, b0), fact("g", c0)]
    assert omissions(records, ORDER).get("c") == ("f",)
    assert omissions(records, ORDER).get("a") == ()  # g is one outlet's only


def test_a_near_miss_must_be_close_to_every_statement_of_the_fact() -> None:
    a0, b0 = unit("a", 0), unit("b", 0)
    close, half = unit("c", 10, "Dockers struck on Monday."), unit("c", 50, "Talks resume.")
    records = [fact("f", a0, b0), fact("x", close), fact("y", half)]
    omitted = omissions(records, ORDER)
    scores = [
        score(close, a0, 0.5),
        score(b0, close, 0.4),  # either order of the pair
        score(half, a0, 0.9),  # close to one member only (a second claim of its sentence)
    ]
    (miss,) = near_misses(records, omitted, scores, near=0.3)
    assert (miss.fact, miss.article, miss.start, miss.end) == ("f", "c", 10, close.end)
    assert miss.probability == 0.4  # the weakest link to the fact's statements
    assert near_misses(records, omitted, scores, near=0.45) == ()
    denied = [score(close, a0, 0.5, denied=True), score(b0, close, 0.4)]
    assert near_misses(records, omitted, denied, near=0.3) == ()  # a denial is no near miss
