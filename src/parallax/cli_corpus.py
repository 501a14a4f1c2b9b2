"""The corpus commands: ``ingest``, ``watch``, ``articles`` and ``db upgrade``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from parallax.cli_support import UserError, emit
from parallax.errors import ParallaxError
from parallax.ingest import ReadOptions
from parallax.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from parallax.service import Service

DB_HELP = "Database: a SQLite file or postgresql:// URL (default: $PARALLAX_DB or ./parallax.db)."


@contextmanager
def _service(
    db: str | None, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Service]:
    from parallax.store import open_store

    try:
        store = open_store(db)
    except ParallaxError as exc:
        raise UserError(str(exc)) from exc
    try:
        yield Service(store=store, read_options=ReadOptions(timeout=timeout, max_bytes=max_bytes))
    finally:
        store.close()


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--db", help=DB_HELP)
@click.option(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a URL.",
)
@click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Size cap per input (JSONL and CSV are streamed).",
)
def ingest_command(inputs: tuple[str, ...], db: str | None, timeout: float, max_bytes: int) -> None:
    """Read articles into the corpus database, once.

    INPUT is anything compare reads (files, folders, URLs, RSS/Atom feeds, JSONL, CSV,
    - for stdin) or an OPML subscription list.  Re-running changes nothing; an article
    whose text changed at the same address is kept as a new version.
    """
    if not inputs:
        raise UserError("no input given; try: parallax ingest articles/ feeds.opml --db corpus.db")
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    with _service(db, timeout, max_bytes) as service:
        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(
            *columns, console=console, disable=not sys.stderr.isatty(), transient=True
        ) as progress:
            task = progress.add_task("ingesting")
            try:
                summary = service.ingest(
                    inputs, on_item=lambda s: progress.update(task, description=s.line())
                )
            except KeyboardInterrupt:
                click.echo("parallax: stopped; everything written so far is kept", err=True)
                sys.exit(130)
        for source, reason in summary.failures:
            click.echo(f"parallax: warning: {source}: {reason}", err=True)
        click.echo(f"parallax: {summary.line()} ({service.corpus().url})", err=True)
        if summary.read and summary.failed == summary.read:
            sys.exit(2)


@click.command("watch")
@click.argument("feeds", nargs=-1)
@click.option("--db", help=DB_HELP)
@click.option(
    "--every",
    default="15m",
    show_default=True,
    help="How often to poll each feed (e.g. 90s, 15m, 1h).",
)
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron).")
@click.option(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a feed or page.",
)
@click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Size cap per download.",
)
@click.option(
    "--host-delay",
    type=float,
    default=1.0,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@click.option("--concurrency", type=int, default=4, show_default=True, help="Feeds polled at once.")
def watch_command(
    feeds: tuple[str, ...],
    db: str | None,
    every: str,
    once: bool,
    timeout: float,
    max_bytes: int,
    host_delay: float,
    concurrency: int,
) -> None:
    """Poll feeds (URLs, OUTLET=URL, or OPML files) on a schedule and ingest new articles.

    Conditional requests (ETag, If-Modified-Since) spare unchanged feeds; a failing
    feed is logged, backed off and retried while the others go on.  Ctrl-C stops
    cleanly.  With no FEEDS, the feeds already in the database are polled.
    """
    from parallax.corpus.watch import WatchOptions, parse_every

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    with _service(db, timeout, max_bytes) as service:
        options = WatchOptions(
            interval=interval, once=once, host_delay=host_delay, concurrency=max(1, concurrency)
        )
        try:
            service.watch(
                feeds, options, echo=lambda line: click.echo(f"parallax: {line}", err=True)
            )
        except ParallaxError as exc:
            raise UserError(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo("parallax: stopped; everything written so far is kept", err=True)


@click.command("articles")
@click.option("--db", help=DB_HELP)
@click.option("--outlet", help="Only this outlet (case-insensitive).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--search", help="Words to find (the database's full-text search).")
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many.")
@click.option("--versions", is_flag=True, help="List every version of edited articles.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def articles_command(
    db: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
    limit: int,
    versions: bool,
    fmt: str,
) -> None:
    """List the articles in the corpus."""
    for value, name in ((since, "--since"), (until, "--until")):
        if value and not _is_date(value):
            raise UserError(f"{name} takes a date like 2025-03-14, not {value!r}")
    with _service(db) as service:
        found = service.articles(
            outlet=outlet,
            since=since,
            until=until,
            search=search,
            limit=limit,
            all_versions=versions,
        )
    if fmt == "json":
        emit(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2) + "\n", None)
        return
    lines = [
        f"{s.article.published or '----------'}  {s.article.outlet[:24]:<24}  "
        f"{(s.article.title or '(no title)')[:70]}" + (f"  [v{s.version}]" if s.version > 1 else "")
        for s in found
    ]
    emit("\n".join(lines) + ("\n" if lines else ""), None)
    click.echo(f"parallax: {len(found)} articles", err=True)


def _is_date(value: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@click.group("db")
def db_command() -> None:
    """Manage the corpus database."""


@db_command.command("upgrade")
@click.option("--db", help=DB_HELP)
def db_upgrade(db: str | None) -> None:
    """Create the database or bring its schema up to date."""
    from parallax.store import StoreError, resolve_url, upgrade
    from parallax.store.engine import make_engine

    try:
        engine = make_engine(resolve_url(db))
        revision = upgrade(engine)
    except StoreError as exc:
        raise UserError(str(exc)) from exc
    click.echo(
        f"parallax: {engine.url.render_as_string(hide_password=True)} is at schema {revision}",
        err=True,
    )
    engine.dispose()


__all__ = ["articles_command", "db_command", "ingest_command", "watch_command"]
