"""Stories: articles grouped into events as they arrive, explained, and compared."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT, example_inputs
from parallax.build import RawArticle, build_article
from parallax.cli import main
from parallax.model import Article
from parallax.store import open_store
from parallax.store.stories import StoryIndex
from parallax.stories.assign import cluster

sys.path.insert(0, str(ROOT / "eval"))
from stories_eval import build
from stories_gen import articles as generated

FLOOD = [str(ROOT / "tests" / "data" / n) for n in ("article_a.txt", "article_b.txt")]


def _articles(rows: list[dict[str, str | None]]) -> tuple[list[Article], dict[str, str]]:
    return build(rows, "g")


def test_two_events_of_one_kind_days_apart_stay_two_stories() -> None:
    rows = [r for r in generated(3, pairs=6) if str(r["story"]).split("-")[1] in ("0", "1")]
    arts, truth = _articles(rows)
    found = {a.article: a.story for a in cluster(arts)}
    for kind_pair in {t.rsplit("-", 1)[0] for t in truth.values()}:
        one = {found[a] for a, t in truth.items() if t == f"{kind_pair}-0"}
        two = {found[a] for a, t in truth.items() if t == f"{kind_pair}-1"}
        assert not one & two, f"{kind_pair}: two events merged"


def test_one_event_told_with_opposite_frames_stays_one_story() -> None:
    rows = [r for r in generated(3, pairs=6) if r["story"] == "protest-5-0"]
    assert len({r["outlet"] for r in rows}) >= 5
    arts, _ = _articles(rows)
    assert len({a.story for a in cluster(arts)}) == 1


def test_ingest_groups_stories_and_lists_them(db_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", *example_inputs(), *FLOOD, "--db", db_url])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(main, ["stories", "--db", db_url, "--format", "json"])
    stories = json.loads(listed.stdout)
    assert sorted(len(s["articles"]) for s in stories) == [2, 3]
    harbor = next(s for s in stories if len(s["articles"]) == 3)
    assert sorted(harbor["outlets"]) == [
        "(outlet unknown) — Meridian Press copy",
        "Channel 9 News",
        "LedgerReview.example",
    ]
    assert harbor["first_seen"] == harbor["last_seen"] == "2025-03-14"
    assert set(harbor["articles"][0]) == {"id", "url", "outlet", "title", "published"}
    two = runner.invoke(main, ["stories", "--db", db_url, "--min-outlets", "3"])
    assert "1 stories" in two.stderr


def test_story_ids_are_stable_and_a_new_version_joins_its_story(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    store = open_store(db)
    index = StoryIndex(store)
    url = "https://courier.example/flood"
    first = build_article(
        RawArticle(source="a", body=Path(FLOOD[0]).read_text(), outlet="Courier", url=url)
    ).article
    store.add(first)
    (opened,) = index.assign_pending()
    assert opened.new_story
    other = build_article(RawArticle(source="b", body=Path(FLOOD[1]).read_text())).article
    store.add(other)
    (joined,) = index.assign_pending()
    assert joined.story == opened.story and joined.matched == first.id and joined.shared
    edited = build_article(
        RawArticle(
            source="a",
            body=Path(FLOOD[0]).read_text().replace("12 people", "14 people"),
            outlet="Courier",
            url=url,
        )
    ).article
    assert store.add(edited).status == "updated"
    (again,) = index.assign_pending()
    assert again.story == opened.story and "new version" in again.reason
    assert sorted(a.id for a in index.story(opened.story).articles) == sorted([first.id, other.id])
    assert index.assign_pending() == []  # nothing moves, nothing is assigned twice


def test_story_report_is_the_compare_report_and_is_cached(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    runner.invoke(main, ["ingest", *example_inputs(), "--db", db])
    (story,) = json.loads(runner.invoke(main, ["stories", "--db", db, "--format", "json"]).stdout)
    report = runner.invoke(main, ["story", story["id"], "--db", db, "--format", "json"])
    direct = runner.invoke(main, ["compare", *example_inputs(), "--format", "json"])
    mine, theirs = json.loads(report.stdout), json.loads(direct.stdout)
    for key in ("articles", "facts", "reuse", "quotes", "numbers", "loaded", "brief"):
        assert mine[key] == theirs[key], key
    store = open_store(db)
    with store.engine.connect() as conn:
        assert len(conn.exec_driver_sql("SELECT key FROM analyses").all()) == 1
    store.close()
    why = runner.invoke(main, ["story", story["id"], "--db", db, "--why"])
    assert "opened the story" in why.stdout and "most similar to" in why.stdout, why.stderr


def test_unknown_story_and_empty_corpus_are_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["story", "nosuchstory", "--db", db])
    assert result.exit_code == 2 and "no story 'nosuchstory'" in result.stderr
    empty = CliRunner().invoke(main, ["stories", "--db", db])
    assert empty.exit_code == 0 and "no story yet" in empty.stderr


def test_cluster_a_one_off_corpus_with_reasons(tmp_path: Path) -> None:
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("Short note.", "utf-8")
    result = CliRunner().invoke(
        main, ["cluster", *example_inputs(), *FLOOD, str(tiny), "--format", "json", "--why"]
    )
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)
    assert sorted(len(s["articles"]) for s in stories) == [1, 2, 3]
    assert "little text" in result.stderr
    joined = [a for s in stories for a in s["articles"] if not a["why"]["new_story"]]
    assert joined and all(a["why"]["shared"] and a["why"]["matched"] for a in joined)
