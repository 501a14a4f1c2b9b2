"""The scale-out commands: ``parallax analyse`` and ``parallax ingest --cluster``.

Thin: they parse options, open the cluster and the store, and call
:mod:`parallax.scale`; what runs where is documented there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from parallax.cli_support import UserError, text_or_json
from parallax.errors import ParallaxError
from parallax.ingest import ReadOptions

if TYPE_CHECKING:
    from distributed import Client

    from parallax.corpus.cluster import ClusterResult
    from parallax.corpus.ingest import IngestSummary
    from parallax.store import Store

DB_HELP = "Database: a SQLite file or postgresql:// URL (default: $PARALLAX_DB or ./parallax.db)."
CLUSTER_HELP = (
    "Run on Dask: local:N starts N worker processes here; tcp://HOST:PORT joins a running "
    "`dask scheduler` (workers then need a PostgreSQL --db). Default: this process only."
)


@contextmanager
def _open(db: str | None) -> Iterator[Store]:
    from parallax.store import open_store

    try:
        store = open_store(db)
    except ParallaxError as exc:
        raise UserError(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


def _url(store: Store) -> str:
    """The database URL the workers open (with its password: they need to log in)."""
    return store.engine.url.render_as_string(hide_password=False)


@contextmanager
def _client(cluster: str | None, db_url: str | None) -> Iterator[Client | None]:
    """The cluster's client (None without ``--cluster``); ``db_url`` None: no database."""
    if not cluster:
        yield None
        return
    from parallax.scale.client import check_database, cluster_client, dashboard, parse_cluster

    try:
        spec = parse_cluster(cluster)
        if db_url is not None:
            check_database(spec, db_url)
        with cluster_client(spec) as client:
            link = dashboard(client)
            click.echo(
                f"parallax: running on {spec.describe()}"
                + (f"; dashboard: {link}" if link else ""),
                err=True,
            )
            yield client
    except ParallaxError as exc:
        raise UserError(str(exc)) from exc


def _progress(label: str) -> Callable[[int, int], None]:
    """A progress line on stderr (only on a terminal): tasks done of those submitted."""
    tty = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        if tty:
            click.echo(f"\r{label}: {done}/{total} tasks done", err=True, nl=False)

    return show


def ingest_on_cluster(
    inputs: tuple[str, ...], db: str | None, cluster: str, read_options: ReadOptions
) -> IngestSummary:
    """``parallax ingest --cluster``: partitions cleaned and stored by the workers, then
    stories assigned in blocks on the workers too (:mod:`parallax.scale.assign`)."""
    from parallax.scale.assign import assign_distributed
    from parallax.scale.run import ingest_distributed

    with _open(db) as store, _client(cluster, _url(store)) as client:
        try:
            summary = ingest_distributed(
                client, _url(store), inputs, read_options, on_progress=_progress("ingest")
            )
            summary.stories = len(assign_distributed(client, store, _url(store)))
        except KeyboardInterrupt:
            click.echo("parallax: stopped; every partition written so far is kept", err=True)
            sys.exit(130)
        return summary


def cluster_on_cluster(inputs: tuple[str, ...], cluster: str) -> ClusterResult:
    """``parallax cluster --cluster``: articles read and cleaned by the workers (in input
    order), grouped here by the same pass as without a cluster, so the stories are equal."""
    from parallax.corpus.cluster import cluster_inputs
    from parallax.scale.run import build_distributed

    with _client(cluster, None) as client:
        assert client is not None
        read = list(build_distributed(client, inputs, ReadOptions()))
    return cluster_inputs(inputs, ReadOptions(), read=read)


@click.command("analyse")
@click.option("--db", help=DB_HELP)
@click.option("--since", help="Only stories seen on or after this date (YYYY-MM-DD).")
@click.option("--stories", "story_ids", help="Only these stories (comma-separated ids).")
@click.option(
    "--min-outlets", type=int, default=2, show_default=True, help="Stories with this many outlets."
)
@click.option("--cluster", help=CLUSTER_HELP)
@text_or_json
def analyse_command(
    db: str | None,
    since: str | None,
    story_ids: str | None,
    min_outlets: int,
    cluster: str | None,
    fmt: str,
) -> None:
    """Compare every story of the corpus (or those given) and cache each analysis in the
    database, one task per story; `parallax story ID` then answers at once.

    A story whose analysis is cached for its current articles is not redone.  A story
    that fails is listed with its error and the run goes on."""
    import json

    from parallax.scale.assign import assign_distributed
    from parallax.scale.run import analyse_stories
    from parallax.store.stories import StoryIndex

    with _open(db) as store, _client(cluster, _url(store)) as client:
        assign_distributed(client, store, _url(store))
        if story_ids:
            ids = [s.strip() for s in story_ids.split(",") if s.strip()]
        else:
            ids = [s.id for s in StoryIndex(store).stories(since=since, min_outlets=min_outlets)]
        summary = analyse_stories(client, _url(store), ids, on_progress=_progress("analyse"))
    if sys.stderr.isatty() and ids:
        click.echo("", err=True)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "stories": summary.stories,
                    "by_status": summary.by_status,
                    "failures": [{"story": s, "reason": r} for s, r in summary.failures],
                    "workers": sorted(summary.workers),
                },
                indent=2,
            )
        )
    else:
        for story, reason in summary.failures:
            click.echo(f"parallax: warning: story {story}: {reason}", err=True)
        click.echo(f"parallax: {summary.line()}", err=True)
    if summary.stories and summary.by_status.get("failed", 0) == summary.stories:
        sys.exit(2)
