"""The driver of a distributed run: partitions out, results in, failures kept.

Without a client (``client=None``) the same task functions run here, one after the
other, so the single-process result and the distributed one come from the same code.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parallax.errors import InputError
from parallax.ingest import InputSpec, ReadOptions, is_url, parse_spec
from parallax.model import Article
from parallax.options import Options
from parallax.scale.tasks import (
    Item,
    PartitionResult,
    StoryResult,
    analyse_story,
    build_partition,
    ingest_partition,
)

if TYPE_CHECKING:
    from distributed import Client

    from parallax.corpus.ingest import IngestSummary

log = logging.getLogger("parallax.scale")

PARTITION = 500  # items per ingest task: large enough to amortise, small enough to retry
RETRIES = 2  # a task is re-run this many times after an error of its own
Progress = Callable[[int, int], None]  # (done, submitted so far)


def _items(inputs: Iterable[str | InputSpec], opts: ReadOptions) -> Iterator[Item | InputError]:
    """The input cut into items: each file of a folder, each row of a JSONL/CSV file
    (read here: rows are cheap; cleaning them is not), each URL or feed as it is.
    Workers on other machines read files by path, so they need the same file system."""
    from parallax.corpus.ingest import STREAMED, file_rows, folder_files

    for entry in inputs:
        spec = parse_spec(entry) if isinstance(entry, str) else entry
        path = Path(spec.target)
        if spec.target == "-" or is_url(spec.target) or not path.exists():
            yield spec
            continue
        files = list(folder_files(path)) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() in STREAMED:
                try:
                    yield from file_rows(file, InputSpec(str(file), spec.outlet))
                except OSError as exc:
                    yield InputError(str(file), f"cannot read it ({exc.strerror or exc})")
            else:
                yield InputSpec(str(file.resolve()), spec.outlet)


def _partitions(
    items: Iterator[Item | InputError], size: int, lost: list[tuple[str, str]]
) -> Iterator[list[Item]]:
    part: list[Item] = []
    for item in items:
        if isinstance(item, InputError):
            lost.append((item.source, item.message))
            continue
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def _gather(
    client: Client | None,
    func: Callable[..., Any],
    calls: Iterator[tuple[str, tuple[Any, ...]]],
    on_result: Callable[[str, Any, BaseException | None], None],
    in_flight: int,
) -> None:
    """Run ``func(*args)`` for every ``(key, args)``, here or on the cluster with at most
    ``in_flight`` tasks waiting (memory stays flat however long the input)."""
    if client is None:
        for key, args in calls:
            try:
                on_result(key, func(*args), None)
            except Exception as exc:  # the task's own guard missed it: still recorded
                on_result(key, None, exc)
        return
    from distributed import as_completed

    pending = as_completed(with_results=False)  # type: ignore[no-untyped-call]
    names: dict[str, str] = {}

    def collect_one() -> None:
        future = next(pending)
        try:
            on_result(names[str(future.key)], future.result(), None)
        except Exception as exc:  # a task that failed on every retry
            on_result(names[str(future.key)], None, exc)
        future.release()

    for key, args in calls:
        future = client.submit(func, *args, key=f"{key}-{uuid.uuid4().hex[:8]}", retries=RETRIES)
        names[str(future.key)] = key
        pending.add(future)  # type: ignore[no-untyped-call]
        while pending.count() >= in_flight:  # type: ignore[no-untyped-call]
            collect_one()
    while pending.count():  # type: ignore[no-untyped-call]
        collect_one()


def _slots(client: Client | None) -> int:
    if client is None:
        return 1
    workers = client.scheduler_info().get("workers", {})
    return max(2, 2 * sum(int(w.get("nthreads", 1)) for w in workers.values()))


def ingest_distributed(
    client: Client | None,
    db_url: str,
    inputs: Iterable[str | InputSpec],
    opts: ReadOptions | None = None,
    *,
    partition: int = PARTITION,
    on_progress: Progress | None = None,
) -> IngestSummary:
    """Read ``inputs`` into the database at ``db_url`` in partitions, on the cluster
    (or here without one).  Stories are assigned afterwards, by the caller."""
    from parallax.corpus.ingest import IngestSummary

    opts = opts or ReadOptions()
    summary = IngestSummary()
    lost: list[tuple[str, str]] = []
    done = submitted = 0

    def calls() -> Iterator[tuple[str, tuple[Any, ...]]]:
        nonlocal submitted
        for k, part in enumerate(_partitions(_items(inputs, opts), partition, lost)):
            submitted += 1
            yield f"parallax-ingest-{k}", (db_url, k, part, opts)

    def on_result(key: str, result: PartitionResult | None, exc: BaseException | None) -> None:
        nonlocal done
        done += 1
        if result is None:
            summary.failed += 1
            summary.failures.append((key, f"the task failed: {type(exc).__name__}: {exc}"))
        else:
            summary.read += result.read
            summary.new += result.new
            summary.updated += result.updated
            summary.duplicates += result.duplicates
            summary.failed += len(result.failures)
            summary.failures.extend(result.failures)
        if on_progress:
            on_progress(done, submitted)

    _gather(client, ingest_partition, calls(), on_result, _slots(client))
    summary.failed += len(lost)
    summary.read += len(lost)
    summary.failures.extend(lost)
    for source, reason in summary.failures:
        log.warning("%s: %s", source, reason)
    return summary


@dataclass(slots=True)
class AnalyseSummary:
    """Counts of one ``parallax analyse`` run, and every story that did not go through."""

    stories: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (story id, reason)
    seconds: float = 0.0  # task time summed over the workers
    workers: set[str] = field(default_factory=set)

    def line(self) -> str:
        parts = [f"{n} {status}" for status, n in sorted(self.by_status.items())]
        return f"{self.stories} stories: " + (", ".join(parts) or "nothing to do")


def analyse_stories(
    client: Client | None,
    db_url: str,
    story_ids: Sequence[str],
    options: Options | None = None,
    *,
    on_progress: Progress | None = None,
) -> AnalyseSummary:
    """Analyse each story (one task per story) and cache it in the store."""
    options = options or Options()
    summary = AnalyseSummary(stories=len(story_ids))
    done = 0
    calls = ((f"parallax-analyse-{sid}", (db_url, sid, options)) for sid in story_ids)

    def on_result(key: str, result: StoryResult | None, exc: BaseException | None) -> None:
        nonlocal done
        done += 1
        if result is None:
            story = key.removeprefix("parallax-analyse-")
            result = StoryResult(story, "failed", f"{type(exc).__name__}: {exc}", 0.0, "?")
        summary.by_status[result.status] = summary.by_status.get(result.status, 0) + 1
        summary.seconds += result.seconds
        summary.workers.add(result.worker)
        if result.status in ("failed", "incomplete", "skipped") and result.error:
            summary.failures.append((result.story, f"{result.status}: {result.error}"))
        if on_progress:
            on_progress(done, len(story_ids))

    _gather(client, analyse_story, calls, on_result, _slots(client))
    for story, reason in summary.failures:
        log.warning("story %s: %s", story, reason)
    return summary


def build_distributed(
    client: Client,
    inputs: Iterable[str | InputSpec],
    opts: ReadOptions | None = None,
    *,
    partition: int = PARTITION,
) -> Iterator[Article | InputError]:
    """Every article of ``inputs`` read, cleaned and segmented on the cluster, in input
    order (so what is built from them, stories say, equals the single-process result),
    with a bounded number of partitions in flight; errors as :class:`InputError`."""
    from collections import deque

    opts = opts or ReadOptions()
    lost: list[tuple[str, str]] = []
    window: deque[Any] = deque()
    slots = _slots(client)

    def unpack(k: int, future: Any) -> Iterator[Article | InputError]:
        try:
            rows = future.result()
        except Exception as exc:  # the partition failed on every retry
            yield InputError(f"partition {k}", f"the task failed: {type(exc).__name__}: {exc}")
            return
        finally:
            future.release()
        for kind, value, reason in rows:
            if kind == "article":
                yield value
            else:
                yield InputError(str(value), reason)

    for k, part in enumerate(_partitions(_items(inputs, opts), partition, lost)):
        window.append((k, client.submit(build_partition, part, opts, pure=False, retries=RETRIES)))
        while len(window) > slots:
            yield from unpack(*window.popleft())
    while window:
        yield from unpack(*window.popleft())
    for source, reason in lost:
        yield InputError(source, reason)
