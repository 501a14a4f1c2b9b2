"""``parallax watch``: conditional polling, skipping stored entries, back-off, OPML,
per-host spacing and a clean stop, against a real local feed server.

The feeds and articles below are fictional, written for these tests.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.server
import itertools
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from parallax.cli import main
from parallax.corpus.watch import PollResult, WatchOptions
from parallax.service import Service
from parallax.store import Store, open_store

# -- a feed server that speaks conditional GET -------------------------------------------


@dataclass
class Resource:
    body: bytes
    ctype: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FeedServer:
    """What the local server serves, and what it was asked."""

    base: str = ""
    resources: dict[str, Resource] = field(default_factory=dict)
    failing: dict[str, int] = field(default_factory=dict)  # path -> status to answer
    hits: Counter[str] = field(default_factory=Counter)
    requests: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(
        self,
        path: str,
        body: str,
        ctype: str = "application/rss+xml; charset=utf-8",
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> str:
        self.resources[path] = Resource(body.encode("utf-8"), ctype, etag, last_modified)
        return self.url(path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        """The request headers each request for ``path`` carried, in order."""
        with self.lock:
            return [h for _, p, h in self.requests if p == path]

    def times_of(self, paths: set[str]) -> list[float]:
        with self.lock:
            return sorted(t for t, p, _ in self.requests if p in paths)


class ConditionalHandler(http.server.BaseHTTPRequestHandler):
    server_state: FeedServer

    def do_GET(self) -> None:
        state = self.server_state
        with state.lock:
            state.hits[self.path] += 1
            state.requests.append((time.monotonic(), self.path, dict(self.headers.items())))
            status = state.failing.get(self.path)
            resource = state.resources.get(self.path)
        if status is not None:
            self._answer(status, "text/plain", b"the server is having a bad day")
            return
        if resource is None:
            self._answer(404, "text/plain", b"not found")
            return
        validators = {"ETag": resource.etag, "Last-Modified": resource.last_modified}
        if self._unchanged(resource):
            self._answer(304, None, b"", validators)
            return
        self._answer(200, resource.ctype, resource.body, validators)

    def _unchanged(self, resource: Resource) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None and resource.etag is not None:
            return resource.etag in [m.strip() for m in match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since and resource.last_modified:
            try:
                asked = email.utils.parsedate_to_datetime(since)
                changed = email.utils.parsedate_to_datetime(resource.last_modified)
            except (TypeError, ValueError):
                return False
            return changed <= asked
        return False

    def _answer(
        self,
        status: int,
        ctype: str | None,
        body: bytes,
        headers: dict[str, str | None] | None = None,
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            if value is not None:
                self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    state = FeedServer()
    handler = type("Handler", (ConditionalHandler,), {"server_state": state})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


# -- fictional feeds and articles -----------------------------------------------------------


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    place: str
    subject: str
    official: str
    number: int
    day: str  # RFC 822 date of the entry

    def paragraphs(self) -> list[str]:
        p, s, o, n = self.place, self.subject, self.official, self.number
        return [
            f"Officials in {p} confirmed on Tuesday that the {s} will go ahead this spring, "
            f"ending a dispute that has divided the town council for most of the past year "
            f"and delayed work that residents say is long overdue.",
            f"{o}, who chairs the council's works committee, told a packed meeting in the "
            f"old library hall that the plan had cleared its final review and that "
            f"contractors could begin within weeks if the weather holds.",
            f"The project is expected to cost about {n} thousand dollars, according to figures "
            f"released by the town clerk, most of it drawn from a regional grant that must be "
            f"spent before the end of the next fiscal year.",
            f"Not everyone in {p} is convinced. Several shop owners along the main street said "
            f"they feared months of noise and closed lanes, and one asked the committee to "
            f"publish a timetable so that deliveries could be planned around the work.",
            f"{o} promised that a schedule would be posted at the post office and online, and "
            f"said the committee would meet with business owners every two weeks until the "
            f"{s} is finished.",
            "A final vote on the contract is scheduled for the first Monday of next month. "
            "Members of the public may submit written comments to the clerk's office until "
            "then, and the full meeting will be recorded for those who cannot attend.",
        ]

    def html(self) -> str:
        return "".join(f"<p>{par}</p>" for par in self.paragraphs())


FERRY = Story(
    "ferry", "Ferry landing repairs approved", "Marrow Bay", "ferry landing repair", "Ida Lorne",
    410, "Tue, 04 Mar 2025 08:00:00 GMT",
)  # fmt: skip
ORCHARD = Story(
    "orchard", "Orchard path to be widened", "Fennick", "orchard path widening", "Tomas Reyl",
    95, "Wed, 05 Mar 2025 09:30:00 GMT",
)  # fmt: skip
BELL = Story(
    "bell", "Clock tower bell to ring again", "Upper Soley", "bell tower restoration",
    "Greta Haskins", 230, "Thu, 06 Mar 2025 10:15:00 GMT",
)  # fmt: skip
DAM = Story(
    "dam", "Mill pond dam inspection ordered", "Cobb Hollow", "dam inspection",
    "Ruth Ambrose", 60, "Fri, 07 Mar 2025 07:45:00 GMT",
)  # fmt: skip
QUARRY = Story(
    "quarry", "Quarry road gets new lights", "Stonebridge", "quarry road lighting",
    "Pell Okafor", 150, "Sat, 08 Mar 2025 12:00:00 GMT",
)  # fmt: skip

PAGE_SENTENCE = "The library board voted five to two to extend evening hours at the branch"


def council_page() -> str:
    """The page of the summary-only entry: a full article, fetched by the watcher."""
    paragraphs = [
        f"{PAGE_SENTENCE} on Elm Street, a change that will take effect at the start of "
        "next month and keep the reading rooms open until nine on weekdays.",
        "Board chair Noor Vasquez said the decision followed a survey in which more than "
        "six hundred residents asked for later hours, many of them students and shift "
        "workers who could not reach the branch before it closed in the early evening.",
        "The extra hours will be staffed by two part-time assistants whose salaries are "
        "covered by a bequest left to the library last year by a retired schoolteacher, "
        "so the change will not touch the town's general budget.",
        "The two members who voted against the plan said they supported longer hours but "
        "wanted the board to test the idea for six months before committing to it, and "
        "asked that attendance figures be reported at every meeting.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><title>Library hours extended</title></head><body>"
        f"<article><h1>Library hours extended</h1>{body}</article></body></html>"
    )


SUMMARY = "The library board voted on longer evening hours."


def rss(base: str, title: str, stories: list[Story], summary_only: bool = False) -> str:
    items = [
        f"<item><title>{s.title}</title><link>{base}/news/{s.slug}</link>"
        f"<guid>{base}/news/{s.slug}</guid><pubDate>{s.day}</pubDate>"
        f"<description>{s.title}.</description>"
        f"<content:encoded><![CDATA[{s.html()}]]></content:encoded></item>"
        for s in stories
    ]
    if summary_only:
        items.append(
            f"<item><title>Library hours extended</title><link>{base}/news/library</link>"
            f"<guid>{base}/news/library</guid><pubDate>Mon, 03 Mar 2025 18:00:00 GMT</pubDate>"
            f"<description>{SUMMARY}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>{base}/</link>"
        f"<description>Local news from {title}</description>{''.join(items)}</channel></rss>"
    )


def atom(base: str, title: str, stories: list[Story]) -> str:
    entries = [
        f"<entry><title>{s.title}</title><link href='{base}/atom/{s.slug}'/>"
        f"<id>urn:example:{s.slug}</id><updated>2025-03-0{i + 4}T08:00:00Z</updated>"
        f"<author><name>{s.official} Jr.</name></author>"
        f"<content type='html'><![CDATA[{s.html()}]]></content></entry>"
        for i, s in enumerate(stories)
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:example:{title}</id>"
        f"<updated>2025-03-08T08:00:00Z</updated>{''.join(entries)}</feed>"
    )


LEDGER = "The Marrow Bay Ledger"
LANTERN = "Hill Country Lantern"
LAST_MODIFIED = "Sat, 08 Mar 2025 08:00:00 GMT"


def serve_standard(server: FeedServer) -> tuple[str, str]:
    """An RSS feed with an ETag (two full entries, one summary-only entry whose page
    is on the same server) and an Atom feed with only a Last-Modified date."""
    server.serve("/news/library", council_page(), "text/html; charset=utf-8")
    rss_url = server.serve(
        "/ledger.rss", rss(server.base, LEDGER, [FERRY, ORCHARD], True), etag='"v1"'
    )
    atom_url = server.serve(
        "/lantern.atom",
        atom(server.base, LANTERN, [BELL]),
        "application/atom+xml",
        last_modified=LAST_MODIFIED,
    )
    return rss_url, atom_url


# -- helpers ---------------------------------------------------------------------------------


def watch(*args: str) -> Result:
    return CliRunner().invoke(main, ["watch", *args], catch_exceptions=False)


def lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@contextlib.contextmanager
def store_at(db: str) -> Iterator[Store]:
    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


def aware(moment: datetime | None) -> datetime:
    assert moment is not None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def by_title(store: Store) -> dict[str | None, Any]:
    return {s.article.title: s.article for s in store.articles()}


# -- 1-3: the core cycle, on SQLite and PostgreSQL -----------------------------------------------


def test_watch_once_ingests_feed_entries_and_fetches_summary_only_pages(
    feeds: FeedServer, db_url: str
) -> None:
    rss_url, atom_url = serve_standard(feeds)
    result = watch(rss_url, atom_url, "--once", "--host-delay", "0", "--db", db_url)
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        f"parallax: {rss_url}: 3 entries, 3 new, 0 updated",
        f"parallax: {atom_url}: 1 entries, 1 new, 0 updated",
    ]
    assert feeds.hits["/news/library"] == 1  # the summary-only entry's page, once
    with store_at(db_url) as store:
        stored = by_title(store)
        assert set(stored) == {FERRY.title, ORCHARD.title, BELL.title, "Library hours extended"}
        library = stored["Library hours extended"]
        assert PAGE_SENTENCE in library.text and "bequest" in library.text  # full page text
        assert SUMMARY not in library.text
        assert library.url == feeds.url("/news/library")
        for story in (FERRY, ORCHARD, BELL):
            art = stored[story.title]
            assert art.word_count >= 150
            assert all(par in art.text for par in story.paragraphs())
        assert stored[FERRY.title].outlet == LEDGER  # the feed names its site
        assert stored[BELL.title].outlet == LANTERN
        assert stored[FERRY.title].published == "2025-03-04"
        assert {f.url: (f.etag, f.last_modified) for f in store.feeds()} == {
            rss_url: ('"v1"', None),
            atom_url: (None, LAST_MODIFIED),
        }
        log = store.fetches()
        assert {(r["url"], r["ok"], r["status"], r["entries"], r["new"]) for r in log} == {
            (rss_url, True, 200, 3, 3),
            (atom_url, True, 200, 1, 1),
        }


def test_a_second_poll_is_conditional_and_gets_304(feeds: FeedServer, db_url: str) -> None:
    rss_url, atom_url = serve_standard(feeds)
    first = watch(rss_url, atom_url, "--once", "--host-delay", "0", "--db", db_url)
    assert first.exit_code == 0, first.output
    second = watch(rss_url, atom_url, "--once", "--host-delay", "0", "--db", db_url)
    assert second.exit_code == 0, second.output
    assert lines(second) == [
        f"parallax: {rss_url}: not modified",
        f"parallax: {atom_url}: not modified",
    ]
    rss_asked, atom_asked = feeds.headers_of("/ledger.rss"), feeds.headers_of("/lantern.atom")
    assert len(rss_asked) == len(atom_asked) == 2
    assert "If-None-Match" not in rss_asked[0]
    assert rss_asked[1]["If-None-Match"] == '"v1"'
    assert atom_asked[1]["If-Modified-Since"] == LAST_MODIFIED
    assert "If-None-Match" not in atom_asked[1]
    assert feeds.hits["/news/library"] == 1
    with store_at(db_url) as store:
        assert len(store.articles()) == 4
        log = store.fetches()
        unchanged = [r for r in log if r["not_modified"]]
        assert {(r["url"], r["status"], r["ok"], r["new"]) for r in unchanged} == {
            (rss_url, 304, True, 0),
            (atom_url, 304, True, 0),
        }
        # the validators survive a 304, ready for the next conditional request
        assert {f.url: (f.etag, f.last_modified) for f in store.feeds()} == {
            rss_url: ('"v1"', None),
            atom_url: (None, LAST_MODIFIED),
        }


def test_a_changed_feed_stores_only_the_new_entry(
    feeds: FeedServer, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    rss_url, _ = serve_standard(feeds)
    first = watch(rss_url, "--once", "--host-delay", "0", "--db", db_url)
    assert first.exit_code == 0, first.output
    feeds.serve("/ledger.rss", rss(feeds.base, LEDGER, [DAM, FERRY, ORCHARD], True), etag='"v2"')
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="parallax"):
        second = watch(rss_url, "--once", "--host-delay", "0", "--db", db_url)
    # an entry skipped because it is already stored is no problem worth a warning
    assert [r.getMessage() for r in caplog.records] == []
    assert second.exit_code == 0, second.output
    assert lines(second) == [f"parallax: {rss_url}: 4 entries, 1 new, 0 updated"]
    assert feeds.headers_of("/ledger.rss")[1]["If-None-Match"] == '"v1"'
    assert feeds.hits["/news/library"] == 1  # already stored: not fetched again
    with store_at(db_url) as store:
        stored = store.articles()
        assert len(stored) == 4 and len(store.articles(all_versions=True)) == 4
        assert DAM.title in {s.article.title for s in stored}
        (feed,) = store.feeds()
        assert feed.etag == '"v2"'
        latest = store.fetches(limit=1)[0]
        assert (latest["status"], latest["entries"], latest["new"]) == (200, 4, 1)
    third = watch(rss_url, "--once", "--host-delay", "0", "--db", db_url)
    assert lines(third) == [f"parallax: {rss_url}: not modified"]


# -- 4: failures are logged and backed off; the good feed goes on -----------------------------------


def test_failing_feeds_are_logged_backed_off_and_the_rest_ingested(
    feeds: FeedServer, tmp_path: Path
) -> None:
    db = str(tmp_path / "c.db")
    good = feeds.serve("/good.rss", rss(feeds.base, LEDGER, [FERRY, ORCHARD]), etag='"g1"')
    broken = feeds.serve("/broken.rss", "x")
    feeds.failing["/broken.rss"] = 500
    invalid = feeds.serve(
        "/invalid.rss",
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</title><<<& not xml',
    )
    gone = f"http://127.0.0.1:{closed_port()}/feed.rss"
    bad = (broken, invalid, gone)
    result = watch(good, *bad, "--once", "--host-delay", "0", "--db", db)
    assert result.exit_code == 0, result.output
    out = lines(result)
    assert len(out) == 4
    assert f"parallax: {good}: 2 entries, 2 new, 0 updated" in out
    for url in bad:
        (line,) = [line for line in out if line.startswith(f"parallax: {url}: ")]
        assert "failed (" in line and line.endswith("will retry later")
    assert "Traceback" not in result.output
    with store_at(db) as store:
        assert {s.article.title for s in store.articles()} == {FERRY.title, ORCHARD.title}
        state = {f.url: f for f in store.feeds()}
        moment = datetime.now(UTC)
        assert state[good].failures == 0 and state[good].last_error is None
        expected = {broken: "500", invalid: "no entries", gone: "could not be reached"}
        for url, words in expected.items():
            assert state[url].failures == 1
            assert words in (state[url].last_error or "")
            assert aware(state[url].next_poll_at) > moment + timedelta(minutes=20)
        errors = {r["url"]: r for r in store.fetches() if not r["ok"]}
        assert set(errors) == set(bad)
        for url, words in expected.items():
            assert words in errors[url]["error"]
            assert errors[url]["error"] == state[url].last_error
        # the HTTP status when the server answered, null when nothing did
        assert {url: errors[url]["status"] for url in bad} == {
            broken: 500,
            invalid: 200,
            gone: None,
        }
        first_retry = {url: aware(state[url].next_poll_at) for url in bad}

    again = watch("--once", "--host-delay", "0", "--db", db)  # the feeds in the database
    assert again.exit_code == 0, again.output
    assert f"parallax: {good}: not modified" in lines(again)
    with store_at(db) as store:
        state = {f.url: f for f in store.feeds()}
        for url in bad:
            assert state[url].failures == 2
            # twice the interval per failure in a row: the wait grows
            assert aware(state[url].next_poll_at) > first_retry[url] + timedelta(minutes=20)

    del feeds.failing["/broken.rss"]  # the server recovers
    feeds.serve("/broken.rss", rss(feeds.base, "The Stonebridge Post", [QUARRY]))
    healed = watch(broken, "--once", "--host-delay", "0", "--db", db)
    assert f"parallax: {broken}: 1 entries, 1 new, 0 updated" in lines(healed)
    with store_at(db) as store:
        state = {f.url: f for f in store.feeds()}
        assert (state[broken].failures, state[broken].last_error) == (0, None)
        assert aware(state[broken].next_poll_at) < datetime.now(UTC) + timedelta(minutes=16)


# -- 5: OPML subscription lists ----------------------------------------------------------------------


def opml(*outlines: tuple[str, str]) -> str:
    body = "".join(
        f'<outline type="rss" text="{title}" title="{title}" xmlUrl="{url}"/>'
        for title, url in outlines
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head>'
        "<title>Subscriptions</title></head><body>"
        f'<outline text="Local">{body}</outline></body></opml>'
    )


def test_opml_lists_register_feeds_with_their_titles_as_outlets(
    feeds: FeedServer, tmp_path: Path
) -> None:
    rss_url, atom_url = serve_standard(feeds)
    subscriptions = tmp_path / "list.opml"
    subscriptions.write_text(
        opml(("Marrow Bay Ledger (print)", rss_url), ("Lantern Online", atom_url)), "utf-8"
    )
    db = str(tmp_path / "c.db")
    result = watch(str(subscriptions), "--once", "--host-delay", "0", "--db", db)
    assert result.exit_code == 0, result.output
    assert len(lines(result)) == 2
    with store_at(db) as store:
        assert {f.url: f.outlet for f in store.feeds()} == {
            rss_url: "Marrow Bay Ledger (print)",
            atom_url: "Lantern Online",
        }
        outlets = {s.article.title: s.article.outlet for s in store.articles()}
        assert outlets == {
            FERRY.title: "Marrow Bay Ledger (print)",
            ORCHARD.title: "Marrow Bay Ledger (print)",
            "Library hours extended": "Marrow Bay Ledger (print)",
            BELL.title: "Lantern Online",
        }

    # ingest reads the same list once; a malformed list is one warning, the rest goes on
    malformed = tmp_path / "broken.opml"
    malformed.write_text('<opml version="2.0"><body><outline xmlUrl="x"></body>', "utf-8")
    other = tmp_path / "orchard.txt"
    other.write_text("\n\n".join(QUARRY.paragraphs()), "utf-8")
    db2 = str(tmp_path / "c2.db")
    ingested = CliRunner().invoke(
        main, ["ingest", str(subscriptions), str(malformed), str(other), "--db", db2]
    )
    assert ingested.exit_code == 0, ingested.output
    assert "Traceback" not in ingested.output
    warnings = [line for line in lines(ingested) if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"parallax: warning: {malformed}: not a valid OPML file")
    assert "5 new" in ingested.stderr and "1 failed" in ingested.stderr
    with store_at(db2) as store:
        outlets = {s.article.title: s.article.outlet for s in store.articles()}
        assert outlets[FERRY.title] == "Marrow Bay Ledger (print)"
        assert outlets[BELL.title] == "Lantern Online"
        assert len(outlets) == 5

    refused = CliRunner().invoke(main, ["watch", str(malformed), "--once", "--db", db2])
    assert refused.exit_code == 2
    (line,) = lines(refused)
    assert line.startswith("parallax: error: ") and "not a valid OPML file" in line


# -- 6: requests to one host are spaced ----------------------------------------------------------------


def test_requests_to_one_host_are_spaced_by_host_delay(feeds: FeedServer, tmp_path: Path) -> None:
    paths = {"/one.rss", "/two.rss", "/three.rss"}
    urls = [
        feeds.serve(path, rss(feeds.base, f"Gazette {i}", [story]))
        for i, (path, story) in enumerate(zip(sorted(paths), [FERRY, ORCHARD, BELL], strict=True))
    ]
    started = time.monotonic()
    result = watch(*urls, "--once", "--host-delay", "0.3", "--db", str(tmp_path / "c.db"))
    took = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert took >= 0.5
    times = feeds.times_of(paths)
    assert len(times) == 3
    assert all(b - a >= 0.25 for a, b in itertools.pairwise(times))


# -- 7: continuous mode stops cleanly -----------------------------------------------------------------


def test_continuous_watch_stops_cleanly_when_told(feeds: FeedServer, tmp_path: Path) -> None:
    rss_url, _ = serve_standard(feeds)
    db = str(tmp_path / "c.db")
    store = open_store(db)
    stop = threading.Event()
    echoed: list[str] = []
    outcome: list[list[PollResult] | BaseException] = []

    def run() -> None:
        try:
            service = Service(store=store)
            options = WatchOptions(interval=1, once=False, host_delay=0)
            outcome.append(service.watch([rss_url], options, echoed.append, stop))
        except BaseException as exc:  # reported by the test below
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while feeds.hits["/ledger.rss"] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert feeds.hits["/ledger.rss"] >= 2, echoed
    finally:
        stop.set()
        thread.join(timeout=5)
    assert not thread.is_alive()
    try:
        (result,) = outcome
        assert not isinstance(result, BaseException), result
        assert echoed[0] == f"{rss_url}: 3 entries, 3 new, 0 updated"
        assert f"{rss_url}: not modified" in echoed[1:]
        stored = by_title(store)
        assert len(stored) == 3
        assert PAGE_SENTENCE in stored["Library hours extended"].text
        assert all(par in stored[FERRY.title].text for par in FERRY.paragraphs())
        assert feeds.hits["/news/library"] == 1
    finally:
        store.close()


# -- 8: nothing to watch ----------------------------------------------------------------------------------


def test_watch_with_no_feed_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", "--once", "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 2
    (line,) = lines(result)
    assert line.startswith("parallax: error: no feed to watch")
