"""The corpus store on SQLite and on a real PostgreSQL server started by the test run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from conftest import EXAMPLE, ROOT, example_inputs
from parallax import compare
from parallax.build import RawArticle, build_article
from parallax.cli import main
from parallax.ingest import read_inputs
from parallax.pipeline import get_stage
from parallax.store import StoreError, open_store

A = ROOT / "tests" / "data" / "article_a.txt"
B = ROOT / "tests" / "data" / "article_b.txt"


def _article(body: str, outlet: str = "Courier", url: str | None = None, source: str = "s"):  # type: ignore[no-untyped-def]
    return build_article(RawArticle(source=source, body=body, outlet=outlet, url=url)).article


def test_ingest_twice_stores_once_and_lists_outlets_and_dates(db_url: str) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", *example_inputs(), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "3 read, 3 new, 0 updated, 0 duplicates, 0 failed" in first.stderr
    second = runner.invoke(main, ["ingest", *example_inputs(), "--db", db_url])
    assert "3 read, 0 new, 0 updated, 3 duplicates, 0 failed" in second.stderr
    listed = runner.invoke(main, ["articles", "--db", db_url, "--format", "json"])
    data = json.loads(listed.stdout)
    assert sorted(a["outlet"] for a in data) == [
        "(outlet unknown) — Meridian Press copy",
        "Channel 9 News",
        "LedgerReview.example",
    ]
    assert {a["published"] for a in data} == {"2025-03-14", None}
    stored = {a.id: a for a in read_inputs(example_inputs()).articles}
    for item in data:
        assert item["text"] == stored[item["id"]].text and item["version"] == 1


def test_round_trip_of_an_article_is_exact(db_url: str) -> None:
    store = open_store(db_url)
    original = read_inputs(example_inputs()).articles[1]
    store.add(original)
    assert store.get(original.id).article == original


def test_identical_copy_from_two_outlets_is_two_articles(db_url: str) -> None:
    store = open_store(db_url)
    one, two = _article(A.read_text(), "Outlet One"), _article(A.read_text(), "Outlet Two")
    again = _article(A.read_text(), "Outlet One", source="elsewhere.txt")
    assert [store.add(a).status for a in (one, two, again)] == ["new", "new", "duplicate"]
    assert store.count() == 2


def test_an_edited_article_at_the_same_url_is_a_new_version(db_url: str) -> None:
    store = open_store(db_url)
    url = "https://courier.example/news/bridge?utm_source=feed"
    first = _article("The bridge will reopen on Monday, officials said.", url=url)
    edited = _article("The bridge will reopen on Tuesday, officials said.", url=url.split("?")[0])
    assert store.add(first).status == "new"
    result = store.add(edited)
    assert (result.status, result.version) == ("updated", 2)
    assert store.add(first).status == "duplicate"  # the old text is still known
    versions = store.versions(first.id)
    assert [(v.version, v.latest) for v in versions] == [(1, False), (2, True)]
    assert versions[1].previous_pk == versions[0].pk
    assert "Tuesday" in store.get(first.id).article.text
    assert len(store.articles()) == 1 and len(store.articles(all_versions=True)) == 2


def test_full_text_search_and_filters(db_url: str) -> None:
    store = open_store(db_url)
    for art in read_inputs(example_inputs()).articles:
        store.add(art)
    hits = store.articles(search="dockworkers blockade")
    assert hits and all("blockade" in h.article.text.lower() for h in hits)
    assert store.articles(search="arrested") and not store.articles(search="zeppelin")
    assert store.articles(search='"unbalanced quote') is not None  # no syntax error leaks out
    assert [s.article.outlet for s in store.articles(outlet="channel 9 news")] == ["Channel 9 News"]
    assert len(store.articles(since="2025-03-14", until="2025-03-14")) == 2
    assert store.articles(since="2025-03-15") == []


def test_cached_analyses_are_keyed_by_articles_version_and_options(db_url: str) -> None:
    store = open_store(db_url)
    pks = [store.add(a).pk for a in read_inputs(example_inputs()).articles]
    analysis = compare(example_inputs(), stages=[get_stage("reuse")])
    store.save_analysis(pks, "opts1", analysis)
    loaded = store.load_analysis(list(reversed(pks)), "opts1")
    assert loaded is not None and loaded.to_dict() == analysis.to_dict()
    assert store.load_analysis(pks, "opts2") is None
    assert store.load_analysis(pks[:2], "opts1") is None


def test_a_database_of_something_else_is_refused(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not a Parallax database"):
        open_store(str(other))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no database at all" * 100)
    result = CliRunner().invoke(main, ["articles", "--db", str(junk)])
    assert result.exit_code == 2 and "not a SQLite database" in result.stderr


def test_a_schema_newer_than_the_code_is_refused(db_url: str) -> None:
    store = open_store(db_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    result = CliRunner().invoke(main, ["articles", "--db", db_url])
    assert result.exit_code == 2
    assert "newer than this Parallax" in result.stderr


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["articles", "--db", "postgresql://nobody@127.0.0.1:9/x"])
    assert result.exit_code == 2 and "cannot reach the PostgreSQL server" in result.stderr
    result = CliRunner().invoke(main, ["articles", "--db", str(tmp_path / "no" / "such" / "x.db")])
    assert result.exit_code == 2 and "folder does not exist" in result.stderr


def test_db_upgrade_creates_the_schema_and_matches_the_tables(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from parallax.store.engine import head_revision, make_engine, resolve_url
    from parallax.store.tables import metadata

    result = CliRunner().invoke(main, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0 and f"is at schema {head_revision()}" in result.stderr
    engine = make_engine(resolve_url(db_url))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    search = (
        "articles_fts",
        "'search'",
        "ix_articles_search",
    )  # each database's own full-text index
    assert [d for d in diff if not any(s in repr(d) for s in search)] == []


def test_bad_inputs_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    good = json.dumps({"outlet": "Courier", "title": "Bridge", "text": A.read_text()})
    rows.write_text(f'{good}\nnot json\n{{"outlet": "X"}}\n', "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(main, ["ingest", str(rows), str(empty), str(B), "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stderr and "3 failed" in result.stderr
    assert "rows.jsonl line 2: not valid JSON" in result.stderr


def test_a_folder_is_read_recursively(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "stories" / "harbor")
    (tmp_path / "stories" / "flood").mkdir()
    shutil.copy(A, tmp_path / "stories" / "flood" / "a.txt")
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "stories"), "--db", str(tmp_path / "c.db")]
    )
    assert "4 read, 4 new" in result.stderr


def test_an_older_schema_with_data_is_upgraded_in_place(db_url: str) -> None:
    """A database made by the first migration, with an article in it, is brought to the
    newest schema when opened, and the article is kept and assigned to a story."""
    from alembic import command

    from parallax.store.engine import _alembic_config, make_engine, resolve_url
    from parallax.store.stories import StoryIndex

    engine = make_engine(resolve_url(db_url))
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    from parallax.store import Store

    old = Store(engine)
    art = read_inputs(example_inputs()).articles[0]
    old.add(art)
    engine.dispose()
    store = open_store(db_url)  # upgrades
    assert store.get(art.id).article == art
    (assigned,) = StoryIndex(store).assign_pending()
    assert assigned.article == art.id and assigned.new_story
