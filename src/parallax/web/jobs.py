"""Background jobs: a bounded queue, a few worker threads, progress and cancellation.

A flood of requests fills the queue and then gets 429 answers: it slows the app down
instead of exhausting its memory.  A job reports progress through :class:`Progress`;
cancelling a queued job drops it, cancelling a running one stops it at its next
checkpoint (between two inputs read, between two analysis stages).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from parallax.errors import ParallaxError

log = logging.getLogger(__name__)
State = Literal["queued", "running", "done", "failed", "cancelled"]
FINISHED = ("done", "failed", "cancelled")


class QueueFull(ParallaxError):
    """Too many jobs are waiting; the client should retry later (429)."""


class JobCancelled(BaseException):
    """Raised at a checkpoint of a cancelled job; a BaseException so that no stage's
    own error handling mistakes it for a failure."""


@dataclass(frozen=True, slots=True)
class JobStatus:
    """What a client sees of a job."""

    id: str
    kind: str
    state: State
    progress: float  # 0..1
    message: str
    created: float
    finished: float | None = None
    result: str | None = None  # where the result is: a path in the app
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "progress": round(self.progress, 3),
            "message": self.message,
            "created": self.created,
            "finished": self.finished,
            "result": self.result,
            "error": self.error,
        }


@dataclass
class _Job:
    status: JobStatus
    cancel: threading.Event = field(default_factory=threading.Event)


class Progress:
    """Handed to a job's work: report progress, and stop when cancelled."""

    def __init__(self, queue: JobQueue, job_id: str) -> None:
        self._queue = queue
        self._id = job_id

    def update(self, fraction: float, message: str) -> None:
        self.checkpoint()
        self._queue._set(self._id, progress=max(0.0, min(1.0, fraction)), message=message)

    def checkpoint(self) -> None:
        if self._queue._cancelled(self._id):
            raise JobCancelled


Work = Callable[[Progress], str]  # returns where the result is


class JobQueue:
    def __init__(self, workers: int = 1, max_queued: int = 16, keep: int = 500) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="parallax-job")
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, _Job] = OrderedDict()
        self._max_queued = max_queued
        self._keep = keep

    def submit(
        self, kind: str, work: Work, message: str = "waiting for a free worker"
    ) -> JobStatus:
        with self._lock:
            active = sum(1 for j in self._jobs.values() if j.status.state not in FINISHED)
            if active >= self._max_queued:
                raise QueueFull(
                    f"{active} jobs are already waiting or running, the most this server "
                    "takes; try again in a minute"
                )
            job_id = secrets.token_urlsafe(12)
            status = JobStatus(job_id, kind, "queued", 0.0, message, time.time())
            self._jobs[job_id] = _Job(status)
            self._forget_old()
        self._pool.submit(self._run, job_id, work)
        return status

    def get(self, job_id: str) -> JobStatus | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.status if job else None

    def active(self) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if j.status.state not in FINISHED)

    def cancel(self, job_id: str) -> JobStatus | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            job.cancel.set()
            if job.status.state == "queued":
                self._finish(job, "cancelled", message="cancelled before it started")
            return job.status

    def shutdown(self) -> None:
        with self._lock:
            for job in self._jobs.values():
                job.cancel.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def wait(self, job_id: str, timeout: float) -> JobStatus | None:
        """Poll until the job is finished or ``timeout`` seconds pass (for tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.get(job_id)
            if status is None or status.state in FINISHED or time.monotonic() > deadline:
                return status
            time.sleep(0.05)

    # -- inside ---------------------------------------------------------------------

    def _run(self, job_id: str, work: Work) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.status.state != "queued":
                return
            self._replace(job, state="running", message="starting")
        try:
            result = work(Progress(self, job_id))
        except JobCancelled:
            with self._lock:
                self._finish(job, "cancelled", message="cancelled")
            return
        except ParallaxError as exc:
            with self._lock:
                self._finish(job, "failed", message="failed", error=str(exc))
            return
        except Exception as exc:  # a job never takes the server down
            log.exception("job %s failed", job_id)
            with self._lock:
                self._finish(
                    job, "failed", message="failed", error=f"internal error: {type(exc).__name__}"
                )
            return
        with self._lock:
            if job.cancel.is_set():
                self._finish(job, "cancelled", message="cancelled")
            else:
                self._finish(job, "done", message="done", result=result, progress=1.0)

    def _replace(self, job: _Job, **changes: Any) -> None:
        from dataclasses import replace

        job.status = replace(job.status, **changes)

    def _finish(self, job: _Job, state: State, **changes: Any) -> None:
        self._replace(job, state=state, finished=time.time(), **changes)

    def _set(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None and job.status.state == "running":
                self._replace(job, **changes)

    def _cancelled(self, job_id: str) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            return job is None or job.cancel.is_set()

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.status.state in FINISHED]
        for key in finished[: max(0, len(finished) - self._keep)]:
            del self._jobs[key]
