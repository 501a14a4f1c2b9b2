"""The JSON contract: real output validates, round trips, and offsets hold."""

from __future__ import annotations

import json

from conftest import example_inputs
from parallax import compare
from parallax.contract import validate
from parallax.model import Analysis


def test_example_story_output_keeps_the_contract() -> None:
    data = json.loads(json.dumps(compare(example_inputs()).to_dict()))
    assert validate(data) == []
    assert set(data) >= {"parallax", "articles", "warnings"}
    for art in data["articles"]:
        for start, end in art["sentences"]:
            assert art["text"][start:end].strip() == art["text"][start:end]


def test_broken_documents_are_caught() -> None:
    data = compare(example_inputs()).to_dict()
    data["articles"][0]["sentences"].append([10, 10**6])
    data["articles"][1]["published"] = "14 March 2025"
    del data["warnings"]
    problems = validate(data)
    assert any("outside its text" in p for p in problems)
    assert any("published" in p for p in problems)
    assert any("'warnings' is a required property" in p for p in problems)


def test_analysis_round_trips_through_json() -> None:
    analysis = compare(example_inputs())
    again = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    assert again.articles == analysis.articles
    assert again.warnings == analysis.warnings
