"""The three real articles in ../shared/seeds (not in the repo): what ingestion must show.

Skipped when the seeds are not beside the repository.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEEDS
from parallax.contract import validate

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def seeds() -> dict:
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    proc = subprocess.run(
        [sys.executable, "-m", "parallax.cli", "compare", *files, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_validates_and_has_three_articles(seeds: dict) -> None:
    assert validate(seeds) == []
    assert len(seeds["articles"]) == 3


def test_dates_and_headline(seeds: dict) -> None:
    first, second, third = seeds["articles"]
    assert first["published"] == second["published"] == "2023-11-03"
    assert third["published"] is None
    assert third["title"].startswith("Israel Continues to Rebuff US Calls")


def test_no_photo_credit_or_video_teaser_in_text(seeds: dict) -> None:
    for art in seeds["articles"]:
        for junk in ("(AP Photo/", "/ Getty Images", "06:25", "(SouthFront.press)", "Author:"):
            assert junk not in art["text"]
    first, second, _third = seeds["articles"]
    assert sum("(AP Photo/" in c for c in first["credits"]) == 4
    assert any("/ Getty Images" in c for c in second["credits"])
    assert any(c.endswith("06:25") for c in second["credits"])
    assert any("contributed to this report" in c for c in first["credits"])


def test_outlet_or_wire_inferred_from_each_text(seeds: dict) -> None:
    first, second, third = seeds["articles"]
    assert first["wire"] == ["Associated Press"]
    assert first["outlet_evidence"]["method"] == "wire-credit"
    assert second["outlet"] == "CBS News"
    assert second["outlet_evidence"]["method"] == "self-reference"
    assert third["outlet"] == "Antiwar.com"
    assert third["authors"] == ["Dave DeCamp"]


def test_dateline_and_tricky_sentences(seeds: dict) -> None:
    first = seeds["articles"][0]
    text = first["text"]
    sentences = [text[a:b] for a, b in first["sentences"]]
    assert text[slice(*first["dateline"])] == "KHAN YOUNIS, Gaza Strip — "
    assert any(s.startswith("Spokesman Rear Adm. Daniel Hagari said") for s in sentences)
    assert any("“We are advancing. … Nothing will stop us.”" in s for s in sentences)
    assert not any(s.strip() in ("Rear Adm.", "U.S.") for s in sentences)


def _edits(pair: dict) -> list[tuple[str, str]]:
    return [(e["a_text"], e["b_text"]) for p in pair["passages"] for e in p["edits"]]


def test_wire_copy_between_the_first_two_articles(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    pairs = {tuple(p["articles"]): p for p in seeds["reuse"]}
    first_two = pairs[(ids[0], ids[1])]
    assert first_two["shared_words"] >= 250
    assert len(first_two["passages"]) >= 10
    assert first_two["source"] == "Associated Press"
    edits = _edits(first_two)
    assert ("terrorists", "militants") in edits
    assert any("Iranian proxy like" in a and "ally of" in b for a, b in edits)


def test_the_opinion_piece_shares_almost_nothing(seeds: dict) -> None:
    ids = [a["id"] for a in seeds["articles"]]
    for pair in seeds["reuse"]:
        if ids[2] in pair["articles"]:
            assert pair["shared_words"] < 20
