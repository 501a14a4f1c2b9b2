"""The bundled example story: what ingestion finds in each of its articles."""

from __future__ import annotations

import pytest

from conftest import example_inputs
from parallax import compare
from parallax.model import Analysis


@pytest.fixture(scope="module")
def story() -> Analysis:
    return compare(example_inputs())


def test_three_outlets_and_their_evidence(story: Analysis) -> None:
    outlets = [
        (a.outlet, a.outlet_evidence.method if a.outlet_evidence else None) for a in story.articles
    ]
    assert outlets == [
        ("Meridian Press", "wire-credit"),
        ("Channel 9 News", "html-meta"),
        ("LedgerReview.example", "author-box"),
    ]
    assert story.warnings == ()


def test_wire_copy_credit_in_both_news_articles(story: Analysis) -> None:
    assert story.articles[0].wire == ("Meridian Press",)
    assert story.articles[1].wire == ("Meridian Press",)
    assert story.articles[2].wire == ()


def test_captions_and_teasers_are_credits_not_text(story: Analysis) -> None:
    for art in story.articles:
        assert (
            "Photo/" not in art.text and "02:41" not in art.text and "OpenStreetMap" not in art.text
        )
    assert any("Lena Ortiz / Channel 9 News" in c for c in story.articles[1].credits)


def test_split_quote_stays_one_sentence_with_attribution(story: Analysis) -> None:
    sentences = list(story.articles[1].sentence_texts())
    hits = [s for s in sentences if s.startswith('"These are people who have worked this port')]
    assert hits and hits[0].endswith("she said.")
