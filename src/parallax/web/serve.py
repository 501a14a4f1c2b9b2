"""The ``parallax serve`` command: the web app under uvicorn."""

from __future__ import annotations

import click

from parallax.errors import ParallaxError
from parallax.ingest import ReadOptions
from parallax.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from parallax.service import Service
from parallax.web.config import DEFAULT_HOST, DEFAULT_PORT, TOKEN_ENV, Limits, WebConfig

_LIMITS = Limits()


@click.command("serve")
@click.option(
    "--db",
    help="Database: a SQLite file or postgresql:// URL (default: $PARALLAX_DB or ./parallax.db).",
)
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    help=f"Access token (or ${TOKEN_ENV}); required when --host is not loopback.",
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Fetch URLs on loopback and private networks too (a trusted local deployment only).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a URL.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Size cap per download or uploaded file.",
)
@click.option(
    "--max-articles",
    type=click.IntRange(2, 500),
    default=_LIMITS.max_articles,
    show_default=True,
    help="Articles per comparison.",
)
@click.option(
    "--max-jobs",
    type=click.IntRange(1, 10_000),
    default=_LIMITS.max_queued,
    show_default=True,
    help="Jobs waiting or running at once; more are answered 429.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=_LIMITS.workers,
    show_default=True,
    help="Jobs running at once.",
)
def serve_command(
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    allow_private_urls: bool,
    timeout: float,
    max_bytes: int,
    max_articles: int,
    max_jobs: int,
    workers: int,
) -> None:
    """A local web app and JSON API: compare articles, browse stories (see /docs)."""
    import uvicorn

    from parallax.store import open_store
    from parallax.web.app import create_app

    limits = Limits(
        max_body=max_bytes * max_articles + 1024 * 1024,
        max_articles=max_articles,
        max_queued=max_jobs,
        workers=workers,
    )
    config = WebConfig(
        host=host,
        port=port,
        token=token or None,
        allow_private_urls=allow_private_urls,
        limits=limits,
        fetch_timeout=timeout,
    )
    try:
        config.check()
        store = open_store(db)
    except ParallaxError as exc:
        raise click.UsageError(str(exc)) from exc
    read = ReadOptions(timeout=timeout, max_bytes=max_bytes, public_only=not allow_private_urls)
    app = create_app(config, Service(read_options=read, store=store))
    click.echo(f"parallax: serving {store.url} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, server_header=False, log_level="warning")
    finally:
        store.close()
