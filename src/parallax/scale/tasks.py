"""What runs on a worker.  Plain functions of picklable arguments, so Dask can send them
anywhere and re-run them after a worker dies; each writes its results to the store
itself, idempotently, and returns a small record of what it did.

A worker process opens each database once (:func:`worker_store`) and loads the models
once (the cached loaders of :mod:`parallax.runtime`), however many tasks it runs.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from parallax.build import RawArticle, build_article
from parallax.errors import InputError, ParallaxError
from parallax.ingest import InputSpec, ReadOptions
from parallax.model import Article, Notice
from parallax.options import Options

if TYPE_CHECKING:
    from parallax.store import Store

log = logging.getLogger("parallax.scale")

Item = InputSpec | RawArticle  # a file, URL or feed to read; or a row already read

_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def worker_store(db_url: str) -> Store:
    """This process's connection to ``db_url``, opened (and migrated) once."""
    from parallax.store import open_store

    with _STORES_LOCK:
        store = _STORES.get(db_url)
        if store is None:
            store = open_store(db_url)
            _STORES[db_url] = store
        return store


def where() -> str:
    """The worker's host and process, for the records (which worker did what)."""
    return f"{socket.gethostname()}:{os.getpid()}"


# -- ingest ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one partition of an ingest did."""

    partition: int
    read: int
    new: int
    updated: int
    duplicates: int
    failures: tuple[tuple[str, str], ...]  # (source, reason) for each item lost
    worker: str


def _raw_items(
    items: list[Item], opts: ReadOptions, notes: list[Notice]
) -> list[RawArticle | InputError]:
    from parallax.corpus.ingest import iter_raw

    out: list[RawArticle | InputError] = []
    for item in items:
        if isinstance(item, RawArticle):
            out.append(item)
            continue
        try:
            out.extend(iter_raw([item], opts, notes))
        except Exception as exc:  # a reader bug must not lose the partition's other items
            out.append(InputError(item.target, f"internal error: {type(exc).__name__}: {exc}"))
    return out


def ingest_partition(
    db_url: str, partition: int, items: list[Item], opts: ReadOptions
) -> PartitionResult:
    """Read, clean, segment and store one partition.  A bad item, or one that makes the
    cleaning crash, is recorded with its source and reason; the others are stored."""
    rows = build_partition(items, opts)
    built = [value for kind, value, _ in rows if kind == "article" and isinstance(value, Article)]
    failures = [(str(value), reason) for kind, value, reason in rows if kind == "error"]
    counts = Counter(r.status for r in worker_store(db_url).add_many(built))
    return PartitionResult(
        partition=partition,
        read=len(built) + len(failures),
        new=counts["new"],
        updated=counts["updated"],
        duplicates=counts["duplicate"],
        failures=tuple(failures),
        worker=where(),
    )


# -- analyse --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What analysing one story did: ``analysed`` (and cached), ``cached`` (already
    there), ``incomplete`` (cached with a failed stage), ``skipped`` (nothing to
    compare) or ``failed`` (an error, in ``error``)."""

    story: str
    status: str
    error: str | None
    seconds: float
    worker: str


def analyse_story(db_url: str, story_id: str, options: Options) -> StoryResult:
    """Compare a story's articles and cache the analysis in the store (the same cache
    ``parallax story`` reads), unless it is cached for these articles and options."""
    from parallax.profiles.source import save_story_digest
    from parallax.service import Service
    from parallax.store.stories import StoryIndex

    start = time.perf_counter()

    def done(status: str, error: str | None = None) -> StoryResult:
        return StoryResult(story_id, status, error, time.perf_counter() - start, where())

    store = worker_store(db_url)
    try:
        members = [m for m in StoryIndex(store).members(story_id) if m.article.latest]
        pks = [m.article.pk for m in members]
        digest = options.digest()
        if len(members) < 2:
            return done("skipped", f"{len(members)} article(s): nothing to compare")
        if store.load_analysis(pks, digest) is not None:
            return done("cached")
        analysis = Service(options=options, store=store, debug=False).analyse(
            [m.article.article for m in members]
        )
        store.save_analysis(pks, digest, analysis)
        save_story_digest(store, story_id, digest, analysis)  # profiles need not read it
    except ParallaxError as exc:
        return done("failed", str(exc))
    except Exception as exc:  # poison story: recorded with its id, the run goes on
        log.exception("story %s failed", story_id)
        return done("failed", f"internal error: {type(exc).__name__}: {exc}")
    if analysis.failed_stages:
        return done("incomplete", "failed stages: " + ", ".join(analysis.failed_stages))
    return done("analysed")


# -- cluster (a one-off corpus, no database) ------------------------------------------


def build_partition(items: list[Item], opts: ReadOptions) -> list[tuple[str, Article | str, str]]:
    """Read, clean and segment one partition, in order: ``("article", article, "")`` or
    ``("error", source, reason)`` per item (errors travel as plain values)."""
    notes: list[Notice] = []
    out: list[tuple[str, Article | str, str]] = []
    for raw in _raw_items(items, opts, notes):
        if isinstance(raw, InputError):
            out.append(("error", raw.source, raw.message))
            continue
        try:
            out.append(("article", build_article(raw).article, ""))
        except InputError as exc:
            out.append(("error", exc.source, exc.message))
        except Exception as exc:  # poison input: recorded, the partition goes on
            out.append(("error", raw.source, f"internal error: {type(exc).__name__}: {exc}"))
    out += [("error", n.source or "?", n.message) for n in notes if n.code == "skipped-input"]
    return out
