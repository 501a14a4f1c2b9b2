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
        ("(outlet unknown) — Meridian Press copy", "wire-credit"),
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


def test_planted_edits_of_the_wire_copy_are_found(story: Analysis) -> None:
    a, b, _ = story.articles
    (pair,) = [p for p in story.sections["reuse"] if p.articles == (a.id, b.id)]
    edits = {(e.op, e.a_text, e.b_text) for p in pair.passages for e in p.edits}
    assert ("replace", "rioters", "strikers") in edits
    assert ("replace", "Thugs", "Protesters") in edits
    assert ("replace", "bosses", "leaders") in edits
    assert ("delete", "after the union’s blockade turned violent,", "") in edits
    cut = [e for op, _, e in edits if op == "insert" and "Grace Nwosu" in e]
    assert cut and cut[0].startswith('"I stitched up six head wounds')
    subs = {(s.a_text, s.b_text): s.count for s in story.sections["reuse_summary"].substitutions}
    assert subs[("rioters", "strikers")] == 3


def test_planted_figures_agree_and_conflict(story: Analysis) -> None:
    groups = {g.what: g for g in story.sections["numbers"]}
    arrested = groups["people arrested"]
    assert arrested.status == "conflict"
    assert {m.text for m in arrested.mentions} == {"At least 112", "nearly 150"}
    injured = groups["people injured"]
    assert injured.status == "agree"
    assert {m.attribution for m in injured.mentions} == {"the Westmark Health Department"}


def test_the_government_spokesman_is_quoted_by_all_three(story: Analysis) -> None:
    speakers = {s.speaker: s.articles for s in story.sections["voices"].speakers}
    assert speakers["Viktor Hale"] == tuple(a.id for a in story.articles)


def test_loaded_labels_get_the_wire_wording_as_alternative(story: Analysis) -> None:
    first = story.articles[0].id
    rioters = [t for t in story.sections["loaded"] if t.article == first and t.text == "rioters"]
    assert rioters and all(t.category == "label" for t in rioters)
    assert any(
        alt.text == "strikers" and alt.source == "same passage"
        for t in rioters
        for alt in t.alternatives
    )
    rates = {r.outlet: r.per_1000_words for r in story.sections["framing"]}
    assert rates["Channel 9 News"] < rates["(outlet unknown) — Meridian Press copy"]
