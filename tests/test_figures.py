"""Figures by what they count (#12): normalised counted things, non-counts, readable "what"."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.build import plain_article
from parallax.runtime import RunCache
from parallax.voices.compare import group_numbers
from parallax.voices.counted import compatible, counted
from parallax.voices.numbers import CLAIM_KINDS, NumberMention, extract_numbers
from parallax.voices.quotes import extract_quotes


def _figures(body: str, name: str = "x") -> list[NumberMention]:
    art = plain_article(body, name)
    doc = RunCache().parse([art])[art.id]
    return extract_numbers(art, doc, extract_quotes(art, doc))


def _mention(article: str, value: float, what: str, noun: str, event: str | None) -> NumberMention:
    return NumberMention(article, 0, 1, str(value), value, "count", None, what, event, noun)


def test_counted_things_are_normalised() -> None:
    israelis = counted(_mention("a", 1400, "Israelis killed", "israelis", "killed"))
    soldiers = counted(_mention("a", 24, "Israeli soldiers killed", "soldiers", "killed"))
    people = counted(_mention("a", 1400, "people killed", "people", "killed"))
    trucks = counted(_mention("a", 260, "trucks allowed in", "trucks", "allowed in"))
    assert israelis is not None and (israelis.kind, israelis.nation, israelis.role) == (
        "people",
        "israel",
        None,
    )
    assert soldiers is not None and (soldiers.nation, soldiers.role) == ("israel", "soldier")
    assert people is not None and (people.kind, people.nation) == ("people", None)
    assert trucks is not None and trucks.kind == "truck"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("Israelis killed", "israelis", "killed"), ("people killed", "people", "killed"), "named-apart"),
        (("people left", "people", "left"), ("people entered", "people", "entered"), "same"),
        (("Israeli soldiers killed", "soldiers", "killed"), ("people killed", "people", "killed"), None),
        (("Palestinians killed", "palestinians", "killed"), ("Israelis killed", "israelis", "killed"), None),
        (("people killed", "people", "killed"), ("people injured", "people", "injured"), None),
        (("civilians killed", "civilians", "killed"), ("Palestinians killed", "palestinians", "killed"), None),
        (("troops killed", "troops", "killed"), ("soldiers killed", "soldiers", "killed"), "same"),
    ],
)  # fmt: skip
def test_which_counts_are_compatible(
    a: tuple[str, str, str], b: tuple[str, str, str], expected: str | None
) -> None:
    assert compatible(_mention("a", 1, *a), _mention("b", 1, *b)) == expected


def test_differently_named_counts_group_only_with_equal_values() -> None:
    groups = group_numbers(
        [
            _mention("a", 1400, "Israelis killed", "israelis", "killed"),
            _mention("b", 1400, "people killed", "people", "killed"),
            _mention("a", 24, "Israeli soldiers killed", "soldiers", "killed"),
            _mention("b", 24, "people killed", "people", "killed"),
            _mention("a", 367, "Americans", "americans", "crossed"),
            _mention("b", 800, "people entered", "people", "entered"),
        ]
    )
    by_articles = sorted((g.status, g.value, len(g.mentions)) for g in groups)
    assert ("agree", 1400, 2) in by_articles
    assert ("single", 24, 1) in by_articles and ("single", 367, 1) in by_articles
    assert len(groups) == 5


def test_the_same_count_told_in_other_words_groups_across_articles() -> None:
    a = _figures(
        "The Oct. 7 assault killed more than 1,400 Israelis. Around 800 people left the "
        "enclave over the past two days.",
        "a",
    )
    b = _figures(
        "Israeli authorities say 1,400 people have died since the attack. Around 800 "
        "people have entered Egypt over the past two days.",
        "b",
    )
    groups = [g for g in group_numbers([*a, *b]) if len(g.mentions) > 1]
    assert sorted((g.value, g.status) for g in groups) == [(800, "agree"), (1400, "agree")]
    for group in groups:
        assert {m.article for m in group.mentions} == {"a", "b"}


@pytest.mark.parametrize(
    ("body", "figure", "kind"),
    [
        ("It was the deadliest attack since 9/11, officials said.", "9", "date"),
        ("It was the deadliest attack since 9/11, officials said.", "11", "date"),
        ("The 7/7 bombings changed the city.", "7", "date"),
        ("A neighbour called 911 shortly after the shots.", "911", "other"),
        ("She told the 911 dispatcher that she heard shots.", "911", "other"),
        ("Protesters marched to 1600 Pennsylvania Avenue on Sunday.", "1600", "other"),
        ("The victim, who was shot twice, was 23.", "23", "age"),
        ("The clinic is open 24/7 for the wounded.", "24", "other"),
        ("Fears grew that the conflict could widen into a regional one.", "one", "other"),
        ("He finished 1st in the 1998 race.", "1998", "year"),
    ],
)
def test_dates_phones_addresses_and_ages_are_not_counts(body: str, figure: str, kind: str) -> None:
    found = {f.text: f for f in _figures(body)}
    assert found[figure].kind == kind
    assert not [f for f in found.values() if f.kind in CLAIM_KINDS]


def test_ordinals_give_no_count_inside_them() -> None:
    found = _figures("He finished 1st and then 3rd in the race.")
    assert [(f.text, f.kind) for f in found] == [("1st", "ordinal"), ("3rd", "ordinal")]


@pytest.mark.parametrize(
    ("body", "figure", "what"),
    [
        ("Four U.N. schools-turned-shelter were hit on Monday.", "Four", "schools-turned-shelter"),
        ("About 412 millimetres of rain fell on the island.", "About 412", "rain"),
        ("The river crested at 6.8 metres on Thursday.", "6.8", "river"),
        ("Methane levels were measuring 3.5% on Friday.", "3.5%", "Methane levels"),
        ("The ministry reported 31 wounded, four of them critically.", "31", "wounded"),
        ("Rocket fire forced an estimated 250,000 to leave their homes.", "an estimated 250,000", None),
        ("The storm caused $1.2 billion in damage.", "$1.2 billion", "damage"),
    ],
)  # fmt: skip
def test_what_is_a_noun_phrase_or_nothing(body: str, figure: str, what: str | None) -> None:
    found = {f.text: f for f in _figures(body)}
    assert found[figure].what == what


def _grouped_by_scanning_every_group(mentions: list[NumberMention]) -> list[list[NumberMention]]:
    """The grouping as it was before #16's index: every group of the claim's kind tried
    in order of creation (the reference the index must equal)."""
    from parallax.options import VoicesOptions
    from parallax.voices.compare import _same_measure

    opts = VoicesOptions()
    groups: list[list[NumberMention]] = []
    for claim in (m for m in mentions if m.kind in CLAIM_KINDS):
        target = None
        if claim.noun:
            for group in groups:
                if group[0].kind != claim.kind:
                    continue
                if all(
                    _same_measure(claim, o, opts) for o in group if o.article != claim.article
                ) and any(
                    o.article != claim.article or _same_measure(claim, o, opts) for o in group
                ):
                    target = group
                    break
        if target is None:
            groups.append([claim])
        else:
            target.append(claim)
    return groups


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("abc"),
            st.sampled_from(
                # (an overflowing "999…9" parses as infinity)
                [
                    None,
                    0.0,
                    -2.0,
                    0.5,
                    1.0,
                    2.9,
                    3.0,
                    9.0,
                    10.0,
                    10.1,
                    27.0,
                    1400.0,
                    1410.0,
                    4200.0,
                    float("inf"),
                    float("nan"),
                ]
            ),
            st.sampled_from(["count", "count", "percent", "money", "date"]),
            st.sampled_from([None, "killed", "wounded", "died"]),
            st.sampled_from([None, "people", "soldiers", "israelis", "homes", "residents"]),
            st.sampled_from([None, "Israeli soldiers", "people in Gaza", "Palestinians"]),
            st.sampled_from([None, "in Gaza", "in Israel"]),
        ),
        max_size=40,
    )
)
def test_figures_found_by_index_group_as_a_scan_of_every_group_does(rows: list[Any]) -> None:
    mentions = [
        NumberMention(art, k, k + 1, str(v), v, kind, None, what, event, noun, scope)
        for k, (art, v, kind, event, noun, what, scope) in enumerate(rows)
    ]
    expected = _grouped_by_scanning_every_group(mentions)
    assert [list(g.mentions) for g in group_numbers(mentions)] == expected


def test_figures_either_side_of_a_band_edge_still_group() -> None:
    """(#16) 2.9 and 3.0 fall in two bands of the index (log base 3), 9.0 and 26.0 too."""
    for low, high in ((2.9, 3.0), (9.0, 26.0)):
        pair = [
            _mention("a", low, "people killed", "people", "killed"),
            _mention("b", high, "people killed", "people", "killed"),
        ]
        assert [len(g.mentions) for g in group_numbers(pair)] == [2]
        assert [list(g.mentions) for g in group_numbers(pair)] == (
            _grouped_by_scanning_every_group(pair)
        )


def test_a_figure_without_a_counted_noun_is_not_its_own_what() -> None:
    from parallax.build import RawArticle, build_article
    from parallax.model import Analysis
    from parallax.report.voices_view import UNSAID, number_rows
    from parallax.voices.compare import NumberGroup
    from parallax.voices.numbers import NumberMention

    art = build_article(
        RawArticle(source="a", body="Storms forced an estimated 2,500 to leave.", outlet="A")
    ).article
    unsaid = NumberMention(art.id, 13, 31, "an estimated 2,500", 2500.0, "count")
    said = NumberMention(art.id, 13, 31, "2,500 residents", 2500.0, "count")
    groups = (
        NumberGroup("an estimated 2,500", 2500.0, "single", (unsaid,)),
        NumberGroup("residents forced", 2500.0, "single", (said,)),
    )
    rows = number_rows(Analysis(articles=(art,), sections={"numbers": groups}))
    assert [r[1] for r in rows] == [UNSAID, "residents forced"]
