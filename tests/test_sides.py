"""The side and kind of each voice, read from the story's words, and quotes per side."""

from __future__ import annotations

from parallax.build import RawArticle, build_article
from parallax.model import Article
from parallax.runtime import RunCache
from parallax.voices.compare import voices
from parallax.voices.quotes import extract_quotes
from parallax.voices.sides import UNSTATED, voice_sides
from parallax.voices.speakers import unify_speakers


def _story(*bodies: str) -> tuple[list[Article], dict]:
    arts = [
        build_article(RawArticle(source=f"s{i}", body=b, outlet=f"Outlet {i}")).article
        for i, b in enumerate(bodies)
    ]
    return arts, RunCache().parse(arts)


def test_sides_from_roles_parties_labels_descriptions_and_names() -> None:
    arts, docs = _story(
        "Valdor's army said on Monday it had taken the bridge over the Kessel river. "
        "“We hold the crossing,” said Valdorian military spokesman Ivo Marek.\n\n"
        "The Rebel-run Kessel Health Office said 40 people were killed in the shelling. "
        "Sen. Ann Price (R-Ohio) said the aid package would pass this week.\n\n"
        "Mira Osk, a Democratic strategist, said the vote was far from certain. "
        "Ostland said it would close its border with Valdor on Friday.",
        "Kessel Health Office officials said the hospital had run out of fuel. "
        "Residents said the shelling lasted all night long.",
    )
    quotes = unify_speakers([q for a in arts for q in extract_quotes(a, docs[a.id])], arts)
    sides = {v.speaker: v for v in voice_sides(quotes, arts, docs)}
    assert sides["Ivo Marek"].side == "Valdor"  # a nationality stands for its country
    assert sides["Ivo Marek"].kind == "officials"
    assert sides["Ann Price"].side == "Republican Party"
    assert sides["Ann Price"].basis == "party"
    assert sides["Mira Osk"].side == "Democratic Party"
    assert sides["Ostland"].side == "Ostland" and sides["Ostland"].basis == "self"
    office = [v for k, v in sides.items() if "Health Office" in k]
    assert office and all(v.side == "Rebel" and v.basis == "controlled" for v in office)
    assert sides["Residents"].side == UNSTATED


def test_a_speaker_of_two_sides_is_both() -> None:
    arts, docs = _story(
        "Ostland and Valdor said on Monday they had agreed to reopen the border crossing.\n\n"
        "Valdor said the talks would resume on Friday in the capital.",
    )
    quotes = [q for a in arts for q in extract_quotes(a, docs[a.id])]
    sides = {v.speaker: v.side for v in voice_sides(quotes, arts, docs)}
    joint = [side for speaker, side in sides.items() if " and " in speaker]
    assert joint and all(" and " in side for side in joint)


def test_a_person_described_elsewhere_in_the_story_carries_those_words_and_offsets() -> None:
    arts, docs = _story(
        "Ostland Foreign Minister Lina Berg arrived in Valdor on Tuesday for talks.\n\n"
        "“This is a moment for restraint,” Berg told reporters at the airport.",
    )
    quotes = [q for a in arts for q in extract_quotes(a, docs[a.id])]
    (berg,) = [v for v in voice_sides(quotes, arts, docs) if v.speaker == "Lina Berg"]
    assert berg.side == "Ostland"
    assert berg.article == arts[0].id and berg.start is not None and berg.end is not None
    assert "Ostland" in arts[0].text[berg.start : berg.end]


def test_quotes_are_counted_per_article_by_side_and_kind() -> None:
    arts, docs = _story(
        "“We hold the crossing,” said Valdorian military spokesman Ivo Marek. "
        "Residents said the shelling lasted all night long in the town.",
    )
    quotes = [q for a in arts for q in extract_quotes(a, docs[a.id])]
    summary = voices(quotes, arts, voice_sides(quotes, arts, docs))
    ((_aid, rows),) = summary.by_side
    by = {r.group: r for r in rows}
    # the story never names the country: the nationality is the side
    valdor = by["Valdorian"]
    assert valdor.quotes == 1 and valdor.direct == 1 and valdor.words == 4
    assert by[UNSTATED].quotes == 1 and by[UNSTATED].direct == 0
    assert {r.group for _, rs in summary.by_kind for r in rs} >= {"officials"}
    again = type(summary).from_dict(summary.to_dict())
    assert again == summary


def test_a_party_a_speaker_acts_against_is_not_its_side() -> None:
    from parallax.voices.sides import _before_target, _party

    role = "a committee that has vowed to attack Republican candidates"
    assert _party(role) is None and _before_target(role) == "a committee that has vowed to "
    assert _party("a group that does opposition research on Democrats") is None
    assert _party("a Republican strategist") == ("Republican Party", "Republican")
    assert _party("a strategist for Democrats") == ("Democratic Party", "Democrats")
