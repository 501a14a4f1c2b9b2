"""``parallax watch``: poll feeds on a schedule and ingest what is new.

Each feed is fetched with a conditional request (the ETag and Last-Modified it sent
last time), so an unchanged feed costs one small 304.  Entries whose link is already
in the corpus are not fetched again; entries that carry only a summary have their page
fetched.  Requests to one host are spaced by ``host_delay`` seconds, and at most
``concurrency`` feeds are polled at once.  A feed that fails is logged (``fetch_log``
and the feed's ``last_error``), backed off (twice the interval per failure in a row,
at most six hours) and retried; the others go on.  Every article is written in its own
short transaction, so stopping (Ctrl-C) at any moment leaves nothing half-written.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import urllib.error
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from parallax.build import RawArticle
from parallax.corpus.ingest import built
from parallax.corpus.opml import parse_opml
from parallax.decode import decode_bytes
from parallax.errors import InputError, ParallaxError
from parallax.ingest import InputSpec, ReadOptions, is_url, parse_spec, read_url
from parallax.ingest.feeds import parse_feed
from parallax.ingest.fetch import fetch
from parallax.model import Article, Notice
from parallax.store import Feed, Store
from parallax.store.repository import now
from parallax.urls import canonical_url

log = logging.getLogger("parallax.watch")

MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class WatchOptions:
    interval: float = 900.0  # seconds between two polls of one feed
    once: bool = False
    host_delay: float = 1.0
    concurrency: int = 4


@dataclass(frozen=True, slots=True)
class PollResult:
    feed: str
    ok: bool
    not_modified: bool = False
    entries: int = 0
    new: int = 0
    updated: int = 0
    error: str | None = None

    def line(self) -> str:
        if not self.ok:
            return f"{self.feed}: failed ({self.error}); will retry later"
        if self.not_modified:
            return f"{self.feed}: not modified"
        return f"{self.feed}: {self.entries} entries, {self.new} new, {self.updated} updated"


def parse_every(text: str) -> float:
    """``90s``, ``15m``, ``1h`` or a number of seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text.lower())
    if not match:
        raise ValueError(f"--every takes a duration like 90s, 15m or 1h, not {text!r}")
    value = float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]
    if value < 1:
        raise ValueError("--every must be at least one second")
    return value


class HostThrottle:
    """At most one request per ``delay`` seconds to each host, across threads."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).hostname or ""
        with self._lock:
            at = max(self._next.get(host, 0.0), time.monotonic())
            self._next[host] = at + self.delay
        pause = at - time.monotonic()
        if pause > 0:
            time.sleep(pause)


class AlreadyStored(InputError):
    """A feed entry whose link is already in the corpus: not fetched again."""


def subscriptions(feeds: Iterable[str]) -> list[InputSpec]:
    """Feed URLs, ``OUTLET=URL`` and OPML files, as specs."""
    out: list[InputSpec] = []
    for item in feeds:
        spec = parse_spec(item)
        if is_url(spec.target):
            out.append(spec)
            continue
        path = Path(spec.target)
        try:
            text = decode_bytes(path.read_bytes(), str(path))
        except OSError as exc:
            raise InputError(str(path), f"cannot read it ({exc.strerror})") from exc
        out.extend(InputSpec(s.url, s.outlet) for s in parse_opml(text, str(path)))
    return out


def watch(
    store: Store,
    read_options: ReadOptions,
    feeds: Iterable[str],
    options: WatchOptions,
    echo: Callable[[str], None] = lambda _line: None,
    stop: threading.Event | None = None,
) -> list[PollResult]:
    """Poll until stopped (or once); returns the results of the last round."""
    for spec in subscriptions(feeds):
        store.add_feed(spec.target, spec.outlet)
    known = store.feeds()
    if not known:
        raise ParallaxError("no feed to watch; give feed URLs or an OPML file")
    throttle = HostThrottle(options.host_delay)
    stop = stop or threading.Event()
    results: list[PollResult] = []
    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        while not stop.is_set():
            feeds_now = store.feeds()
            due = feeds_now if options.once else [f for f in feeds_now if _due(f)]
            if due:
                results = list(
                    pool.map(lambda f: poll(store, read_options, f, options, throttle), due)
                )
                for result in results:
                    echo(result.line())
            if options.once:
                break
            _sleep_until_due(store.feeds(), stop)
    return results


def _due(feed: Feed) -> bool:
    return feed.next_poll_at is None or _aware(feed.next_poll_at) <= now()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=now().tzinfo)


def _sleep_until_due(feeds: list[Feed], stop: threading.Event) -> None:
    upcoming = [_aware(f.next_poll_at) for f in feeds if f.next_poll_at is not None]
    wait = (min(upcoming) - now()).total_seconds() if upcoming else 1.0
    stop.wait(max(0.2, min(wait, 60.0)))


def poll(
    store: Store,
    opts: ReadOptions,
    feed: Feed,
    options: WatchOptions,
    throttle: HostThrottle,
) -> PollResult:
    """Fetch one feed (conditionally) and ingest its new entries; never raises."""
    started, clock = now(), time.monotonic()
    status: int | None = None  # what the server answered, if it answered
    try:
        throttle.wait(feed.url)
        got = fetch(
            feed.url,
            timeout=opts.timeout,
            max_bytes=opts.max_bytes,
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
        status = got.status
        if got.not_modified:
            store.record_poll(feed, ok=True, next_poll_at=now() + _seconds(options.interval))
            store.log_fetch(
                feed.url,
                started_at=started,
                seconds=time.monotonic() - clock,
                ok=True,
                status=304,
                feed_id=feed.id,
                not_modified=True,
            )
            return PollResult(feed.url, ok=True, not_modified=True)
        notes: list[Notice] = []

        def fetch_page(link: str) -> RawArticle:
            if store.has_url(canonical_url(link) or link):
                raise AlreadyStored(link, "already in the corpus")
            throttle.wait(link)
            return read_url(link, opts, notes)[0]

        text = decode_bytes(got.data, feed.url, declared=got.charset)
        parsed = parse_feed(text, feed.url, fetch_page)
        raws = [r if not feed.outlet else _named(r, feed.outlet) for r in parsed.articles]
        fresh: list[Article] = [a for a in built(raws) if isinstance(a, Article)]
        counts = {"new": 0, "updated": 0, "duplicate": 0}
        for result in store.add_many(fresh, feed_id=feed.id, batch=1):
            counts[result.status] += 1
        failures = [f for f in parsed.failures if not _already_stored(f)]
        for failure in failures:
            log.warning("%s", failure)
        store.record_poll(
            feed,
            ok=True,
            etag=got.etag,
            last_modified=got.last_modified,
            next_poll_at=now() + _seconds(options.interval),
        )
        entries = len(parsed.articles) + len(parsed.failures)
        store.log_fetch(
            feed.url,
            started_at=started,
            seconds=time.monotonic() - clock,
            ok=True,
            status=got.status,
            feed_id=feed.id,
            entries=entries,
            new=counts["new"],
        )
        return PollResult(feed.url, True, False, entries, counts["new"], counts["updated"])
    except Exception as exc:  # one feed's failure never stops the others
        message = str(exc) if isinstance(exc, ParallaxError) else f"{exc.__class__.__name__}: {exc}"
        backoff = min(_seconds(options.interval * 2 ** (feed.failures + 1)), MAX_BACKOFF)
        try:
            store.record_poll(feed, ok=False, error=message, next_poll_at=now() + backoff)
            store.log_fetch(
                feed.url,
                started_at=started,
                seconds=time.monotonic() - clock,
                ok=False,
                status=status or _http_status(exc),
                feed_id=feed.id,
                error=message,
            )
        except Exception:  # the database itself failed: say so, keep going
            log.exception("could not record the failure of %s", feed.url)
        return PollResult(feed.url, ok=False, error=message)


def _already_stored(error: InputError) -> bool:
    """parse_feed re-raises a page's error under the entry's label: look at the cause."""
    return isinstance(error, AlreadyStored) or isinstance(error.__cause__, AlreadyStored)


def _http_status(exc: BaseException) -> int | None:
    """The HTTP status of a failed fetch (a 500, a 404), or None if nothing answered."""
    cause = exc.__cause__
    return cause.code if isinstance(cause, urllib.error.HTTPError) else None


def _named(raw: RawArticle, outlet: str) -> RawArticle:
    from dataclasses import replace

    return replace(raw, outlet=outlet)


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)
