"""An article is where it came from; what it says is a separate hash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT
from parallax import compare
from parallax.build import RawArticle, build_article
from parallax.cli import main

A = str(ROOT / "tests" / "data" / "article_a.txt")
B = str(ROOT / "tests" / "data" / "article_b.txt")


def test_two_outlets_running_the_same_copy_are_two_articles_and_a_finding() -> None:
    result = CliRunner().invoke(
        main, ["compare", f"Outlet One={A}", f"Outlet Two={A}", B, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    one, two, other = data["articles"]
    assert (one["outlet"], two["outlet"]) == ("Outlet One", "Outlet Two")
    assert one["id"] != two["id"] and one["content_hash"] == two["content_hash"]
    assert other["content_hash"] != one["content_hash"]
    (note,) = [w for w in data["warnings"] if w["code"] == "identical-copy"]
    assert note["article"] == two["id"]
    assert "Outlet Two ran the same text as Outlet One" in note["message"]
    assert "note: " in result.stderr and "compared once" not in result.stderr
    (pair,) = [p for p in data["reuse"] if set(p["articles"]) == {one["id"], two["id"]}]
    assert pair["share"] == [1.0, 1.0]


def test_the_same_input_twice_is_a_duplicate() -> None:
    analysis = compare([A, A, B])
    assert len(analysis.articles) == 2
    assert [w.code for w in analysis.warnings] == ["duplicate-article"]


def test_the_same_text_from_one_outlet_under_two_names_is_a_duplicate(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(A, copy)
    analysis = compare([f"Courier={A}", f"Courier={copy}", B])
    assert len(analysis.articles) == 2
    assert "duplicate-article" in [w.code for w in analysis.warnings]


def test_identity_is_stable_and_comes_from_the_source() -> None:
    body = "Officials said the bridge would reopen on Monday after repairs.\n"
    one = build_article(RawArticle(source="a.txt", body=body, outlet="Courier")).article
    again = build_article(RawArticle(source="a.txt", body=body, outlet="Courier")).article
    edited = build_article(
        RawArticle(source="a.txt", body=body.replace("Monday", "Tuesday"), outlet="Courier")
    ).article
    online = build_article(
        RawArticle(source="feed.xml", body=body, outlet="Courier", url="https://c.example/1")
    ).article
    assert one.id == again.id == edited.id
    assert one.content_hash == again.content_hash != edited.content_hash
    assert online.id != one.id and online.content_hash == one.content_hash
