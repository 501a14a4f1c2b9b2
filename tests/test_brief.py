"""The brief: verbatim, neutral wording, cited, contested figures marked."""

from __future__ import annotations

import pytest

from conftest import example_inputs
from parallax import compare
from parallax.model import Analysis


@pytest.fixture(scope="module")
def story() -> Analysis:
    return compare(example_inputs())


def test_every_brief_sentence_is_an_outlets_own_words_with_citations(story: Analysis) -> None:
    items = story.sections["brief"]
    main = [i for i in items if i.kind != "single"]
    assert 6 <= len(main) <= 15
    for item in items:
        art = story.article(item.article)
        assert " ".join(art.text[item.start : item.end].split()) == item.text
        assert item.article in item.support


def test_the_neutral_wording_is_chosen_over_the_loaded_one(story: Analysis) -> None:
    main = " ".join(i.text for i in story.sections["brief"] if i.kind != "single")
    assert "strikers" in main
    assert "rioters" not in main.lower() and "thugs" not in main.lower()


def test_conflicting_figures_are_marked_with_each_outlets_figure(story: Analysis) -> None:
    contested = [i for i in story.sections["brief"] if i.kind == "conflict"]
    assert contested
    assert any(
        "nearly 150" in (i.note or "") and "At least 112" in (i.note or "") for i in contested
    )


def test_a_quote_without_its_speaker_and_a_repeated_fact_stay_out() -> None:
    from parallax.brief import _bare_quote, _content, _repeats

    assert _bare_quote("\u201cBecause our leaders are weak, I said this would happen.\u201d")
    assert not _bare_quote("\u201cWe will win,\u201d Trump said.")
    written = [_content("Blinken is making his third trip to Israel since the Hamas attack.")]
    assert _repeats("This is Blinken's third trip to Israel since the war began.", written)
    assert not _repeats("Israel has allowed more than 260 trucks into Gaza.", written)
