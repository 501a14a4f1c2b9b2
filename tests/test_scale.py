"""Scale-out on Dask: a real LocalCluster of two worker processes against the test run's
own PostgreSQL, compared with the single-process run on the same input; a worker is
killed mid-run and nothing is lost or duplicated."""

from __future__ import annotations

import json
import os
import signal
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from parallax.errors import ParallaxError
from parallax.model import Analysis
from parallax.scale.assign import assign_distributed
from parallax.scale.client import (
    ClusterError,
    check_database,
    cluster_client,
    parse_cluster,
)
from parallax.scale.run import _gather, analyse_stories, ingest_distributed
from parallax.service import Service
from parallax.store import Store, open_store
from parallax.store.stories import StoryIndex
from parallax.store.tables import analyses, story_digests
from parallax.stories.assign import Assignment

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from stories_gen import articles as generated


def test_cluster_values_are_parsed_and_a_remote_cluster_needs_postgresql() -> None:
    assert parse_cluster("local:3").workers == 3
    assert parse_cluster("tcp://10.0.0.5:8786").address == "tcp://10.0.0.5:8786"
    for bad in ("local:0", "local:x", "spark://h:1", "tcp://nohost", ""):
        with pytest.raises(ClusterError):
            parse_cluster(bad)
    with pytest.raises(ClusterError, match="PostgreSQL"):
        check_database(parse_cluster("tcp://10.0.0.5:8786"), "sqlite:////tmp/x.db")
    check_database(parse_cluster("local:2"), "sqlite:////tmp/x.db")  # one machine: fine


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with cluster_client(parse_cluster("local:2")) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two generated events told by several invented outlets, and one row that is no
    article (recorded as a failure, never a lost run)."""
    path = tmp_path_factory.mktemp("scale") / "corpus.jsonl"
    rows: list[dict[str, Any]] = [
        {k: v for k, v in r.items() if k != "story"} for r in generated(seed=5, pairs=1)
    ]
    rows.insert(3, {"outlet": "Nobody", "title": "empty", "text": "   "})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return path


def _db(server: str) -> str:
    from pgserver import create_database

    return create_database(server, f"s_{uuid.uuid4().hex[:12]}")


def _kill_one_worker(client: Any) -> None:
    pids = client.run(os.getpid)
    os.kill(sorted(pids.values())[0], signal.SIGKILL)


def _state(
    store: Store,
) -> tuple[set[tuple[str, str]], set[frozenset[str]], int, dict[str, tuple[Any, ...]]]:
    """Articles (identity, content), stories (as sets of article ids), analyses, and why
    each article is in its story (best match, score, evidence, reason)."""
    index = StoryIndex(store)
    stored = {(a.article.id, a.article.content_hash) for a in store.articles(limit=10_000)}
    members = [index.members(s.id) for s in index.stories(min_outlets=1)]
    stories = {frozenset(m.article.article.id for m in story) for story in members}
    why = {
        m.article.article.id: (m.matched, m.score, m.shared, m.reason)
        for story in members
        for m in story
    }
    with store.engine.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(analyses)).scalar_one())
    return stored, stories, n, why


def _substance(analysis: Analysis) -> dict[str, Any]:
    data = analysis.to_dict()
    return {k: v for k, v in data.items() if k not in ("timings", "provenance")}


def test_cluster_run_equals_single_process_run_even_when_a_worker_is_killed(
    client: Any, corpus: Path, postgres_server: str
) -> None:
    single_url, cluster_url = _db(postgres_server), _db(postgres_server)

    single = open_store(single_url)
    done = Service(store=single).ingest([str(corpus)])
    assert done.failed == 1 and done.new == done.read - 1
    ids = [s.id for s in StoryIndex(single).stories(min_outlets=2)]
    assert len(ids) >= 2
    alone = analyse_stories(None, single_url, ids)
    assert alone.by_status == {"analysed": len(ids)}
    digests = Service(store=single).story_digests(analyse=False)  # made with the analyses
    assert digests.made == 0 and len(digests.digests) == len(ids)
    with single.engine.begin() as conn:
        conn.execute(story_digests.delete())
    cold = Service(store=single).story_digests(analyse=False)  # read back from the cache
    assert cold.made == len(ids)
    assert [d.to_dict() for d in cold.digests] == [d.to_dict() for d in digests.digests]

    killed: list[str] = []

    def kill_once(done_tasks: int, _submitted: int) -> None:
        if not killed:
            _kill_one_worker(client)
            killed.append("yes")

    summary = ingest_distributed(
        client, cluster_url, [str(corpus)], partition=3, on_progress=kill_once
    )
    assert killed
    assert (
        summary.failed == 1 and "no text" in summary.failures[0][1].lower()
    ) or summary.failed == 1
    distributed = open_store(cluster_url)
    killed.clear()

    def kill_on_first_block(_found: Assignment) -> None:
        if not killed:  # the other blocks' terms and signatures die with it: remade
            _kill_one_worker(client)
            killed.append("yes")

    assigned = assign_distributed(
        client, distributed, cluster_url, block=4, on_item=kill_on_first_block
    )
    assert killed and len(assigned) == done.new
    cluster_ids = [s.id for s in StoryIndex(distributed).stories(min_outlets=2)]
    killed.clear()
    result = analyse_stories(client, cluster_url, cluster_ids, on_progress=kill_once)
    assert killed
    assert result.by_status == {"analysed": len(cluster_ids)}, result.failures

    a, b = _state(single), _state(distributed)
    assert a[0] == b[0]  # the same articles, each once
    assert a[1] == b[1]  # the same stories
    assert a[2] == b[2] == len(ids)  # one analysis per story, none duplicated
    assert a[3] == b[3]  # one by one here, in blocks on the workers: the same decisions
    by_members = {
        frozenset(m.article.article.id for m in StoryIndex(single).members(s)): s for s in ids
    }
    for sid in cluster_ids:
        members = StoryIndex(distributed).members(sid)
        twin = by_members[frozenset(m.article.article.id for m in members)]
        mine = Service(store=distributed).story_analysis(sid)
        theirs = Service(store=single).story_analysis(twin)
        assert _substance(mine) == _substance(theirs)

    again = analyse_stories(client, cluster_url, cluster_ids)  # cached: nothing redone
    assert again.by_status == {"cached": len(cluster_ids)}
    single.close()
    distributed.close()


def test_clustering_on_the_cluster_equals_clustering_here(client: Any, corpus: Path) -> None:
    from parallax.corpus.cluster import cluster_inputs
    from parallax.ingest import ReadOptions
    from parallax.scale.run import build_distributed

    here = cluster_inputs([str(corpus)], ReadOptions())
    read = list(build_distributed(client, [str(corpus)], partition=4))
    there = cluster_inputs([str(corpus)], ReadOptions(), read=read)
    assert [s.to_dict() for s in there.stories] == [s.to_dict() for s in here.stories]
    assert len(here.stories) >= 2
    assert [f[0] for f in there.failures] == [f[0] for f in here.failures] != []


def test_a_task_that_crashes_is_recorded_and_the_others_finish(client: Any) -> None:
    def work(n: int) -> int:
        if n == 3:
            raise ValueError("poison item 3")
        return n * n

    got: dict[str, Any] = {}
    calls = ((f"item-{n}", (n,)) for n in range(6))
    _gather(client, work, calls, lambda k, r, e: got.__setitem__(k, r if e is None else e), 4)
    assert {k: v for k, v in got.items() if not isinstance(v, BaseException)} == {
        f"item-{n}": n * n for n in range(6) if n != 3
    }
    assert isinstance(got["item-3"], ValueError)


def test_a_missing_story_is_reported_not_fatal(client: Any, postgres_server: str) -> None:
    url = _db(postgres_server)
    result = analyse_stories(client, url, ["nosuchstory"])
    assert result.by_status == {"skipped": 1}
    assert result.failures[0][0] == "nosuchstory"


def test_a_cluster_that_cannot_be_reached_is_a_clear_error() -> None:
    with (
        pytest.raises(ParallaxError, match="cannot reach"),
        cluster_client(parse_cluster("tcp://127.0.0.1:9")),
    ):
        pass
