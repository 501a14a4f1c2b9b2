"""The profile commands: ``outlets``, ``outlets compare A B`` and ``blindspots``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from parallax.cli_support import UserError, emit
from parallax.errors import ParallaxError

DB_HELP = "Database: a SQLite file or postgresql:// URL (default: $PARALLAX_DB or ./parallax.db)."
FORMATS = ["text", "json", "markdown", "html"]


def _options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--db", help=DB_HELP),
            click.option("--since", help="Only stories seen on or after this date (YYYY-MM-DD)."),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(FORMATS),
                default=None,
                help="Output format (default: text, or from -o's extension).",
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, path_type=Path),
                help="Write to FILE.",
            ),
        ]
    ):
        func = option(func)
    return func


def _profile_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--cached-only",
        is_flag=True,
        help="Use only stories analysed already; do not analyse the others.",
    )(func)
    return click.option(
        "--min-stories",
        type=int,
        default=None,
        help="Sections resting on fewer stories are shown, not ranked (default 3).",
    )(func)


def _format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        return fmt
    suffix = output.suffix if output else ""
    return {".json": "json", ".html": "html", ".md": "markdown"}.get(suffix, "text")


def _check_since(since: str | None) -> None:
    import datetime

    if since:
        try:
            datetime.date.fromisoformat(since)
        except ValueError:
            raise UserError(f"--since takes a date like 2025-03-14, not {since!r}") from None


def _progress(story: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"parallax: analysing story {story}", err=True)


def _render(value: Any, fmt: str) -> str:
    from parallax.profiles import html, render
    from parallax.profiles.blindspots import Blindspots
    from parallax.profiles.model import Comparison

    if fmt == "json":
        return render.to_json(value)
    if isinstance(value, Blindspots):
        blocks, page = render.blindspot_blocks(value), html.blindspots_page(value)
    elif isinstance(value, Comparison):
        blocks, page = render.comparison_blocks(value), html.comparison_page(value)
    else:
        blocks, page = render.profiles_blocks(value), html.profiles_page(value)
    if fmt == "html":
        return page
    return render.to_markdown(blocks) if fmt == "markdown" else render.to_text(blocks)


def _run(db: str | None, work: Callable[[Any], Any]) -> Any:
    from parallax.cli_corpus import _service

    with _service(db) as service:
        try:
            return work(service)
        except ParallaxError as exc:
            raise UserError(str(exc)) from exc


@click.group("outlets", invoke_without_command=True)
@_options
@_profile_options
@click.pass_context
def outlets_command(
    ctx: click.Context,
    db: str | None,
    since: str | None,
    fmt: str | None,
    output: Path | None,
    min_stories: int | None,
    cached_only: bool,
) -> None:
    """Outlet profiles measured from the text, over the stories each outlet shares with
    another: volume, wire copy and its edits, word choice, facts, voices and figures.

    Every figure lists the story ids it rests on (in the JSON).  Stories not analysed
    yet are analysed and cached first, unless --cached-only.
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db, "since": since, "fmt": fmt, "output": output}
        ctx.obj.update(min_stories=min_stories, cached_only=cached_only)
        return
    _check_since(since)
    found = _run(
        db,
        lambda s: s.outlet_profiles(
            since=since, min_stories=min_stories, analyse=not cached_only, on_story=_progress
        ),
    )
    emit(_render(found, _format(fmt, output)), output)
    click.echo(
        f"parallax: {len(found.outlets)} outlets over {len(found.stories)} stories", err=True
    )


@outlets_command.command("compare")
@click.argument("a")
@click.argument("b")
@_options
@_profile_options
@click.pass_context
def outlets_compare_command(
    ctx: click.Context,
    a: str,
    b: str,
    db: str | None,
    since: str | None,
    fmt: str | None,
    output: Path | None,
    min_stories: int | None,
    cached_only: bool,
) -> None:
    """Two outlets side by side over the stories both covered."""
    parent = ctx.obj or {}
    db = db or parent.get("db")
    since = since or parent.get("since")
    fmt = fmt or parent.get("fmt")
    output = output or parent.get("output")
    min_stories = min_stories if min_stories is not None else parent.get("min_stories")
    cached_only = cached_only or bool(parent.get("cached_only"))
    _check_since(since)
    found = _run(
        db,
        lambda s: s.compare_outlets(
            a,
            b,
            since=since,
            min_stories=min_stories,
            analyse=not cached_only,
            on_story=_progress,
        ),
    )
    emit(_render(found, _format(fmt, output)), output)


@click.command("blindspots")
@_options
@click.option(
    "--groups",
    type=click.Path(dir_okay=False, path_type=Path),
    help='A TOML file of outlet groups: [groups] then "Name" = ["Outlet", ...].',
)
def blindspots_command(
    db: str | None, since: str | None, fmt: str | None, output: Path | None, groups: Path | None
) -> None:
    """Stories covered by some outlets and not others: per outlet, the widely covered
    stories it missed; with --groups, the stories covered mostly by one group, most
    lopsided first.  Parallax ships no ratings: the groups are yours."""
    _check_since(since)
    if groups is not None and not groups.is_file():
        raise UserError(f"{groups}: no such groups file")
    found = _run(db, lambda s: s.blindspots(groups=groups, since=since))
    emit(_render(found, _format(fmt, output)), output)


__all__ = ["blindspots_command", "outlets_command"]
