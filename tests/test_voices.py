"""Quotes with speakers, figures with attribution, and their comparison across articles."""

from __future__ import annotations

import pytest

from parallax.build import RawArticle, build_article
from parallax.model import Article
from parallax.runtime import RunCache
from parallax.voices.compare import group_numbers, shared_quotes, source_key
from parallax.voices.numbers import extract_numbers
from parallax.voices.quotes import extract_quotes


def article(body: str, name: str = "a") -> Article:
    return build_article(RawArticle(source=name, body=body, outlet=name)).article


def quotes_of(body: str) -> list[tuple[str, str | None, bool]]:
    art = article(body)
    return [
        (q.text, q.speaker, q.direct) for q in extract_quotes(art, RunCache().parse([art])[art.id])
    ]


def test_split_quote_pronoun_and_surname_resolve_to_the_full_name() -> None:
    got = quotes_of(
        "Harbor Workers Union President Odile Marchetti called the raid an ambush.\n"
        "“We came here to talk,” she said. “They came here to fight.”\n"
        "Marchetti said the union would appeal the court order on Monday."
    )
    assert ("We came here to talk", "Odile Marchetti", True) in got
    assert ("They came here to fight.", "Odile Marchetti", True) in got
    assert ("the union would appeal the court order on Monday", "Odile Marchetti", False) in got


def test_inverted_attribution_with_title_and_role() -> None:
    art = article(
        "“We are closing in on them,” said Israeli military spokesman Lt. Col. Ann Roe, "
        "speaking in Ashford."
    )
    (q,) = extract_quotes(art, RunCache().parse([art])[art.id])
    assert (q.speaker, q.role) == ("Ann Roe", "Israeli military spokesman")


def test_non_person_sources_and_according_to() -> None:
    got = quotes_of(
        "“Time is up,” the leaflets read.\n"
        "At least 40 people were injured, according to the Westmark Health Department.\n"
        "The police said officers had given three warnings before advancing."
    )
    assert ("Time is up", "the leaflets", True) in got
    assert ("At least 40 people were injured", "the Westmark Health Department", False) in got
    assert ("officers had given three warnings before advancing", "The police", False) in got


def test_scare_quotes_without_a_speaker_are_not_quotes() -> None:
    assert (
        quotes_of("Officials discussed a humanitarian “pause” in the long and bitter fighting.")
        == []
    )


def test_figures_are_classified_and_claims_read_their_noun_event_and_source() -> None:
    art = article(
        "More than 9,000 Palestinians have been killed in Gaza, according to the "
        "Hamas-run Health Ministry. The strike began on Nov. 3 at 9 a.m. and lasted "
        "25 days. Hamas took some 240 people hostage in 2023, and 1.5 million people fled."
    )
    doc = RunCache().parse([art])[art.id]
    figures = {f.text: f for f in extract_numbers(art, doc, extract_quotes(art, doc))}
    killed = figures["More than 9,000"]
    assert (killed.kind, killed.value, killed.qualifier) == ("count", 9000, "more than")
    assert killed.what == "Palestinians killed"
    assert source_key(killed.attribution) == source_key("Health Ministry")
    assert figures["3"].kind == "date" and figures["9"].kind == "time"
    assert figures["25"].kind == "duration" and figures["2023"].kind == "year"
    assert figures["some 240"].what == "people taken hostage"
    assert figures["1.5 million"].value == 1_500_000


def _figures(body: str, name: str) -> list:
    art = article(body, name)
    doc = RunCache().parse([art])[art.id]
    return extract_numbers(art, doc, extract_quotes(art, doc))


def test_groups_agree_conflict_and_single_across_articles() -> None:
    a = _figures(
        "At least 112 people were arrested, police said. Some 40 people were injured.", "a"
    )
    b = _figures(
        "Nearly 150 people were arrested, the union said. About 40 people were injured.", "b"
    )
    c = _figures("Police said 3,200 containers were stranded at the port.", "c")
    groups = {g.what: g for g in group_numbers([*a, *b, *c])}
    assert groups["people arrested"].status == "conflict"
    assert groups["people injured"].status == "agree"
    assert groups["containers stranded"].status == "single"


def test_same_quote_trimmed_by_another_outlet() -> None:
    one = article("“The police acted with restraint and within the law,” Hale said.", "one")
    two = article("“The police acted with restraint,” Hale said.", "two")
    docs = RunCache().parse([one, two])
    quotes = [*extract_quotes(one, docs[one.id]), *extract_quotes(two, docs[two.id])]
    (shared,) = shared_quotes(quotes)
    assert sorted(v[3] for v in shared.versions) == ["same", "trimmed"]


@pytest.mark.parametrize("word", ["one-way", "Tensions", "someone"])
def test_words_that_contain_numbers_are_not_figures(word: str) -> None:
    assert _figures(f"The {word} road was closed by officials today.", "x") == []


def test_a_short_quote_opening_its_sentence_is_a_quotation_and_a_quoted_phrase_too() -> None:
    got = quotes_of(
        "“Time is up,” the leaflets read, warning that strikes “with crushing force” were coming."
    )
    assert ("Time is up", "the leaflets", True) in got
    assert ("with crushing force", "the leaflets", True) in got


def test_a_named_ministry_is_not_taken_for_an_earlier_one() -> None:
    got = quotes_of(
        "The Interior Ministry said 40 people crossed. More than 3,700 children have been "
        "killed, according to the Health Ministry in Gaza."
    )
    assert (
        "More than 3,700 children have been killed",
        "the Health Ministry in Gaza",
        False,
    ) in got


def test_an_owned_utterance_speaks_for_its_owner_and_anyone_is_no_speaker() -> None:
    got = quotes_of(
        "Port commissioner Dana Whitlock lost her seat on Tuesday.\n"
        "Ms. Whitlock\u2019s statement said the harbor would stay open through the winter.\n"
        "Dana Whitlock apologized to the mayor and \u201canyone I may have offended\u201d after "
        "video emerged of her warning that \u201ca welder from Pier 4\u201d could run the port."
    )
    speakers = {text: speaker for text, speaker, _ in got}
    assert speakers.get("the harbor would stay open through the winter") == "Dana Whitlock"
    assert "anyone" not in {s.lower() for s in speakers.values() if s}


def test_a_number_in_a_name_is_not_a_count() -> None:
    found = _figures(
        "\u201cI was standing at those gates at 7 a.m., and I watched officers kick a man who "
        "was already on the ground,\u201d said Ida Marsh.\n\n"
        "Channel 9 News crews saw 40 dockers leave Pier 4 through the reopened gates.",
        "x",
    )
    counts = [f.text for f in found if f.kind == "count"]
    assert counts == ["40"]
