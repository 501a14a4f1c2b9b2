"""``parallax ingest``: read inputs once, clean them once, store them for good.

Inputs are streamed: a folder is walked file by file, a JSONL or CSV file row by row,
an OPML list feed by feed, so memory stays flat however large the input.  Articles
are cleaned in worker processes when there are many (cleaning is the costly part) and
written in batches, each batch one transaction.  A bad input or row is reported and
skipped; nothing else is lost.  Running the same ingest again changes nothing.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from parallax.build import RawArticle, build_article
from parallax.corpus.opml import looks_like_opml, parse_opml
from parallax.decode import decode_bytes
from parallax.errors import InputError
from parallax.ingest import InputSpec, ReadOptions, is_url, parse_spec, read_raw
from parallax.ingest.tabular import iter_csv, iter_jsonl
from parallax.model import Article, Notice
from parallax.store import AddResult, Store

log = logging.getLogger("parallax.ingest")

STREAMED = (".jsonl", ".ndjson", ".csv", ".tsv")
POOL_AFTER = 64  # articles read before cleaning moves to worker processes
WINDOW = 256  # articles being cleaned at once (bounds memory)


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest, and why each failed item failed."""

    read: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    stories: int = 0  # articles assigned to stories after the ingest

    def line(self) -> str:
        return (
            f"{self.read} read, {self.new} new, {self.updated} updated, "
            f"{self.duplicates} duplicates, {self.failed} failed"
        )

    def count(self, result: AddResult) -> None:
        if result.status == "new":
            self.new += 1
        elif result.status == "updated":
            self.updated += 1
        else:
            self.duplicates += 1


def folder_files(folder: Path) -> Iterator[Path]:
    """The files of ``folder`` and its subfolders, sorted, hidden ones left out."""
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_file() and not any(p.startswith(".") for p in parts):
            yield path


def iter_raw(
    inputs: Iterable[str | InputSpec], opts: ReadOptions, notes: list[Notice]
) -> Iterator[RawArticle | InputError]:
    """Every raw article of ``inputs``, or the error that stopped one, in order."""
    for item in inputs:
        spec = parse_spec(item) if isinstance(item, str) else item
        target = Path(spec.target)
        if spec.target != "-" and not is_url(spec.target) and target.is_dir():
            for path in folder_files(target):
                yield from _one(InputSpec(str(path), spec.outlet), opts, notes)
        else:
            yield from _one(spec, opts, notes)


def _one(
    spec: InputSpec, opts: ReadOptions, notes: list[Notice]
) -> Iterator[RawArticle | InputError]:
    path = Path(spec.target)
    try:
        if path.suffix.lower() in STREAMED and path.is_file():
            yield from file_rows(path, spec)
            return
        if path.suffix.lower() == ".opml" or (path.is_file() and _is_opml(path)):
            yield from _opml(path, opts, notes)
            return
        yield from read_raw(spec, opts, notes)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(spec.target, f"cannot read it ({exc.strerror or exc})")


def file_rows(path: Path, spec: InputSpec) -> Iterator[RawArticle | InputError]:
    """Each row of a JSONL or CSV file as a raw article (or the error that spoiled it)."""
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = (
            iter_jsonl(handle, str(path))
            if path.suffix.lower() in (".jsonl", ".ndjson")
            else iter_csv(handle, str(path))
        )
        for row in rows:
            if spec.outlet and isinstance(row, RawArticle):
                row = replace(row, outlet=spec.outlet)
            yield row


def _is_opml(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(2000)
    return looks_like_opml(head.decode("utf-8", "replace"))


def _opml(path: Path, opts: ReadOptions, notes: list[Notice]) -> Iterator[RawArticle | InputError]:
    text = decode_bytes(path.read_bytes(), str(path))
    for sub in parse_opml(text, str(path)):
        try:
            yield from read_raw(InputSpec(sub.url, sub.outlet), opts, notes)
        except InputError as exc:
            yield exc


def _exit_with_parent() -> None:
    """In a cleaning worker: exit as soon as the ingest that started it is gone.

    A killed ingest cannot tell its workers to stop, and a spawned worker holds its own
    end of the task pipe, so it would wait for work forever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def wait() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=wait, daemon=True, name="parallax-parent-watch").start()


def _build(raw: RawArticle) -> Article | InputError:
    try:
        return build_article(raw).article
    except InputError as exc:
        return exc


def built(items: Iterable[RawArticle | InputError]) -> Iterator[Article | InputError]:
    """Clean and segment each raw article; many of them in worker processes, in order,
    with at most :data:`WINDOW` in flight."""
    it = iter(items)
    head: list[RawArticle | InputError] = []
    for item in it:
        head.append(item)
        if len(head) >= POOL_AFTER:
            break
    if len(head) < POOL_AFTER:
        for item in head:
            yield item if isinstance(item, InputError) else _build(item)
        return
    context = multiprocessing.get_context("spawn")  # fork with threads can deadlock
    with ProcessPoolExecutor(
        max_workers=2, mp_context=context, initializer=_exit_with_parent
    ) as pool:
        pending: deque[Future[Article | InputError] | InputError] = deque()
        for item in itertools.chain(head, it):
            pending.append(item if isinstance(item, InputError) else pool.submit(_build, item))
            while len(pending) > WINDOW:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(item: Future[Article | InputError] | InputError) -> Article | InputError:
    return item if isinstance(item, InputError) else item.result()


def ingest(
    store: Store,
    inputs: Iterable[str | InputSpec],
    opts: ReadOptions | None = None,
    *,
    on_item: Callable[[IngestSummary], None] | None = None,
    feed_id: int | None = None,
) -> IngestSummary:
    """Read ``inputs`` into ``store``; see the module docstring."""
    opts = opts or ReadOptions()
    summary = IngestSummary()
    notes: list[Notice] = []

    def articles() -> Iterator[Article]:
        for item in built(iter_raw(inputs, opts, notes)):
            summary.read += 1
            _report(notes, summary)
            if isinstance(item, InputError):
                summary.failed += 1
                summary.failures.append((item.source, item.message))
                log.warning("%s", item)
                if on_item:
                    on_item(summary)
                continue
            yield item

    for result in store.add_many(articles(), feed_id=feed_id):
        summary.count(result)
        if on_item:
            on_item(summary)
    _report(notes, summary)
    return summary


def _report(notes: list[Notice], summary: IngestSummary) -> None:
    """Notices raised while reading (a feed entry that could not be fetched, a bad row)."""
    while notes:
        note = notes.pop(0)
        if note.code == "skipped-input":
            summary.failed += 1
            summary.failures.append((note.source or "?", note.message))
        log.warning("%s", note)
