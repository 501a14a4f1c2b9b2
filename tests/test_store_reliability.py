"""A killed ingest loses nothing it committed; two writers on one SQLite file both finish."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from corpus_gen import write_jsonl
from parallax.store import open_store
from parallax.store.tables import articles

PARALLAX = str(Path(sys.executable).parent / "parallax")


def _counts(db: str) -> tuple[int, int]:
    store = open_store(db)
    with store.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        ids = conn.execute(select(func.count(func.distinct(articles.c.article_id)))).scalar_one()
    store.close()
    return int(rows), int(ids)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_killed_ingest_resumes_without_loss_or_duplicates(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    n = 1500
    data = write_jsonl(tmp_path / "corpus.jsonl", n)
    db = str(tmp_path / "c.db") if kind == "sqlite" else _pg_db(request)
    open_store(db).close()  # create the schema first, so the count below can poll it
    proc = subprocess.Popen(
        [PARALLAX, "ingest", str(data), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while _counts(db)[0] < 300:
        assert proc.poll() is None, "the ingest ended before it could be killed"
        assert time.monotonic() < deadline, "the ingest made no progress"
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert workers, "cleaning runs in worker processes for an input this large"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() and not _zombie(pid) for pid in workers):
        assert time.monotonic() < deadline, "the killed ingest's workers are still running"
        time.sleep(0.2)
    rows_after_kill, _ = _counts(db)
    assert 300 <= rows_after_kill < n
    done = subprocess.run(
        [PARALLAX, "ingest", str(data), "--db", db], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"{n} read" in done.stderr and f"{rows_after_kill} duplicates" in done.stderr
    assert _counts(db) == (n, n)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


def _pg_db(request: pytest.FixtureRequest) -> str:
    import uuid

    from pgserver import create_database

    server: str = request.getfixturevalue("postgres_server")
    return create_database(server, f"k_{uuid.uuid4().hex[:12]}")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_writers_at_once_both_finish_without_duplicates(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    n = 600
    data = write_jsonl(tmp_path / "corpus.jsonl", n)
    db = str(tmp_path / "c.db") if kind == "sqlite" else _pg_db(request)
    procs = [
        subprocess.Popen(
            [PARALLAX, "ingest", str(data), "--db", db],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    for proc, err in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err.lower() and "Traceback" not in err
    assert _counts(db) == (n, n)
    news = sum(int(err.split(" new,")[0].rsplit(" ", 1)[1]) for err in outputs)
    assert news == n  # every article counted new exactly once across the two writers
