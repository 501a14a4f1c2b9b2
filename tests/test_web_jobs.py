"""The job queue: progress, cancellation (queued and running), failures, the bound."""

from __future__ import annotations

import threading

import pytest

from parallax.errors import InputError
from parallax.web.jobs import JobQueue, Progress, QueueFull


def test_progress_and_result() -> None:
    queue = JobQueue(workers=1, max_queued=4)
    seen = threading.Event()
    go = threading.Event()

    def work(progress: Progress) -> str:
        progress.update(0.5, "half way")
        seen.set()
        go.wait(5)
        return "/done"

    job = queue.submit("test", work)
    assert seen.wait(5)
    status = queue.get(job.id)
    assert status is not None and (status.state, status.progress, status.message) == (
        "running",
        0.5,
        "half way",
    )
    go.set()
    final = queue.wait(job.id, 5)
    assert final is not None and (final.state, final.result, final.progress) == ("done", "/done", 1)
    queue.shutdown()


def test_cancel_a_running_and_a_queued_job() -> None:
    queue = JobQueue(workers=1, max_queued=4)
    started = threading.Event()
    steps: list[int] = []

    def long_work(progress: Progress) -> str:
        started.set()
        for i in range(500):
            progress.update(i / 500, f"step {i}")
            steps.append(i)
            threading.Event().wait(0.01)
        return "/never"

    running = queue.submit("test", long_work)
    waiting = queue.submit("test", long_work)
    assert started.wait(5)
    cancelled = queue.cancel(waiting.id)
    assert cancelled is not None and cancelled.state == "cancelled"
    queue.cancel(running.id)
    final = queue.wait(running.id, 5)
    assert final is not None and final.state == "cancelled" and final.result is None
    assert len(steps) < 500
    assert queue.active() == 0
    queue.shutdown()


def test_failures_are_reported_not_raised() -> None:
    queue = JobQueue(workers=1, max_queued=4)

    def bad_input(progress: Progress) -> str:
        raise InputError("article 1", "no article text found")

    def bug(progress: Progress) -> str:
        raise KeyError("x")

    a, b = queue.submit("test", bad_input), queue.submit("test", bug)
    fa, fb = queue.wait(a.id, 5), queue.wait(b.id, 5)
    assert (
        fa is not None and fa.state == "failed" and fa.error == "article 1: no article text found"
    )
    assert fb is not None and fb.state == "failed" and fb.error == "internal error: KeyError"
    queue.shutdown()


def test_the_queue_is_bounded() -> None:
    queue = JobQueue(workers=1, max_queued=2)
    go = threading.Event()
    jobs = [queue.submit("test", lambda p: str(go.wait(5))) for _ in range(2)]
    with pytest.raises(QueueFull, match="try again"):
        queue.submit("test", lambda p: "x")
    go.set()
    for job in jobs:
        assert queue.wait(job.id, 5).state == "done"  # type: ignore[union-attr]
    assert queue.submit("test", lambda p: "x").state == "queued"  # room again
    queue.shutdown()
