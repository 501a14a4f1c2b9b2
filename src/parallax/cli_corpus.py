"""The corpus commands: ``ingest``, ``watch``, ``articles``, ``stories``, ``story``,
``cluster`` and ``db upgrade``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from parallax.cli_support import UserError, emit, max_bytes_option, text_or_json, timeout_option
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
@timeout_option
@max_bytes_option
@click.option("--cluster", help="Clean and store on Dask: local:N or tcp://HOST:PORT.")
def ingest_command(
    inputs: tuple[str, ...], db: str | None, timeout: float, max_bytes: int, cluster: str | None
) -> None:
    """Read articles into the corpus database, once.

    INPUT is anything compare reads (files, folders, URLs, RSS/Atom feeds, JSONL, CSV,
    - for stdin) or an OPML subscription list.  Re-running changes nothing; an article
    whose text changed at the same address is kept as a new version.
    """
    if not inputs:
        raise UserError("no input given; try: parallax ingest articles/ feeds.opml --db corpus.db")
    if cluster:
        from parallax.cli_scale import ingest_on_cluster

        opts = ReadOptions(timeout=timeout, max_bytes=max_bytes)
        done = ingest_on_cluster(inputs, db, cluster, opts)
        for source, reason in done.failures:
            click.echo(f"parallax: warning: {source}: {reason}", err=True)
        click.echo(f"parallax: {done.line()}; {done.stories} assigned to stories", err=True)
        if done.read and done.failed == done.read:
            sys.exit(2)
        return
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
@timeout_option
@max_bytes_option
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
@text_or_json
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


@click.command("stories")
@click.option("--db", help=DB_HELP)
@click.option("--since", help="Stories seen on or after this date (YYYY-MM-DD).")
@click.option(
    "--min-outlets",
    type=int,
    default=1,
    show_default=True,
    help="Only stories told by at least N outlets.",
)
@click.option("--limit", type=int, default=None, help="At most this many stories.")
@text_or_json
def stories_command(
    db: str | None, since: str | None, min_outlets: int, limit: int | None, fmt: str
) -> None:
    """List the corpus's stories, newest first (articles are grouped as they arrive)."""
    if since and not _is_date(since):
        raise UserError(f"--since takes a date like 2025-03-14, not {since!r}")
    with _service(db) as service:
        found = service.stories(since=since, min_outlets=min_outlets, limit=limit)
    if fmt == "json":
        emit(json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2) + "\n", None)
        return
    lines: list[str] = []
    for s in found:
        when = s.first_seen or "undated"
        if s.last_seen and s.last_seen != s.first_seen:
            when += f" to {s.last_seen}"
        lines.append(f"{s.id}  {when}  {len(s.articles)} articles, {len(s.outlets)} outlets")
        lines.append(f"    {s.title or '(no title)'}")
        lines.append(f"    {', '.join(s.outlets)}")
    emit("\n".join(lines) + ("\n" if lines else ""), None)
    click.echo(
        f"parallax: {len(found)} stories"
        if found
        else "parallax: no story yet; `parallax ingest` reads articles in",
        err=True,
    )


@click.command("story")
@click.argument("story_id")
@click.option("--db", help=DB_HELP)
@click.option(
    "--why", is_flag=True, help="Show why each article is in the story instead of the report."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default=None,
    help="Report format (default: text, or from -o's extension).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)
def story_command(
    story_id: str, db: str | None, why: bool, fmt: str | None, output: Path | None
) -> None:
    """The full comparison of one story's articles (cached in the database)."""
    from parallax.report import RenderOptions, render

    with _service(db) as service:
        index = service.story_index()
        index.assign_pending()
        members = index.members(story_id)
        if not members:
            raise UserError(f"no story {story_id!r}; `parallax stories` lists them")
        if why:
            emit(_why(members), output)
            return
        if fmt is None:
            fmt = {".json": "json", ".html": "html", ".md": "markdown"}.get(
                output.suffix if output else "", "text"
            )
        try:
            analysis = service.story_analysis(story_id)
        except ParallaxError as exc:
            raise UserError(str(exc)) from exc
        color = fmt == "text" and output is None and sys.stdout.isatty()
        emit(render(analysis, fmt, RenderOptions(color=color)), output)


def _why(members: list[Any]) -> str:
    lines = []
    for m in members:
        art = m.article.article
        head = f"{art.id}  {art.outlet}: {(art.title or '(no title)')[:70]}"
        if m.matched is None:
            lines += [head, f"    opened the story ({m.reason})"]
        else:
            lines += [head, f"    most similar to {m.matched}, score {m.score:.2f}"]
            if m.shared:
                shown = ", ".join(t.removeprefix("n:").removeprefix("f:") for t in m.shared)
                lines.append(f"    shared: {shown}")
    return "\n".join(lines) + "\n"


@click.command("cluster")
@click.argument("inputs", nargs=-1)
@text_or_json
@click.option(
    "--why",
    is_flag=True,
    help="With --format json: each article's best match, score and shared evidence.",
)
@click.option("--cluster", help="Read and clean on Dask: local:N or tcp://HOST:PORT.")
def cluster_command(inputs: tuple[str, ...], fmt: str, why: bool, cluster: str | None) -> None:
    """Group a one-off corpus (files, folders, JSONL, CSV) into stories, without a database."""
    from parallax.corpus.cluster import cluster_inputs

    if not inputs:
        raise UserError("no input given; try: parallax cluster articles.jsonl --format json")
    if cluster:
        from parallax.cli_scale import cluster_on_cluster

        result = cluster_on_cluster(inputs, cluster)
    else:
        result = cluster_inputs(inputs, ReadOptions())
    for source, reason in result.failures:
        click.echo(f"parallax: warning: {source}: {reason}", err=True)
    if not result.stories:
        raise UserError("no article could be read; nothing to cluster")
    if fmt == "json":
        data = [s.to_dict() for s in result.stories]
        if why:
            for story in data:
                for item in story["articles"]:
                    item["why"] = result.why[item["id"]]
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
        return
    lines = []
    for s in result.stories:
        when = s.first_seen or "undated"
        lines.append(f"{s.id}  {when}  {len(s.articles)} articles: {s.title or '(no title)'}")
        lines += [f"    {a.outlet}: {a.title or a.id}" for a in s.articles]
    emit("\n".join(lines) + "\n", None)
    count = sum(len(s.articles) for s in result.stories)
    click.echo(f"parallax: {len(result.stories)} stories from {count} articles", err=True)


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


__all__ = [
    "articles_command",
    "cluster_command",
    "db_command",
    "ingest_command",
    "stories_command",
    "story_command",
    "watch_command",
]
