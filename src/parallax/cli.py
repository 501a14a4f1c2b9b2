"""The ``parallax`` command line: thin wrappers over the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from parallax.batch import FAILURES_FILE, StoryProblem, story_folders
from parallax.cli_support import (
    EXIT_INTERNAL_ERROR,
    EXIT_STAGE_FAILED,
    EXIT_USER_ERROR,
    FINDINGS,
    UserError,
    emit,
    max_bytes_option,
    timeout_option,
)
from parallax.errors import ParallaxError
from parallax.ingest import ReadOptions
from parallax.options import Options, load_options
from parallax.pipeline import debug_requested
from parallax.report import RenderOptions, render
from parallax.service import Service
from parallax.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parallax")
def main() -> None:
    """Show how different news outlets cover the same event, with evidence."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default=None,
    help="Report format (default: text on a terminal, json otherwise when -o ends in .json).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    help="Write to FILE (with --batch: a folder).",
)
@click.option(
    "--batch",
    "batch_dir",
    type=click.Path(path_type=Path),
    help="Folder whose subfolders are stories.",
)
@timeout_option
@max_bytes_option
@click.option(
    "--color/--no-color", default=None, help="Colour the text report (default: on a terminal)."
)
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set an analysis option, e.g. --set facts.join=0.5 (repeatable; see README).",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read analysis options from a TOML or JSON file ([facts] join = 0.5).",
)
@click.option(
    "--debug",
    is_flag=True,
    default=False,
    help="Let a failing stage raise with its traceback (as PARALLAX_DEBUG=1 does).",
)
def compare(
    inputs: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    batch_dir: Path | None,
    timeout: float,
    max_bytes: int,
    color: bool | None,
    settings: tuple[str, ...],
    config: Path | None,
    debug: bool,
) -> None:
    """Compare articles about one event.

    INPUT is a file (text, HTML, RSS/Atom, JSONL, CSV), a URL, or - for stdin.
    Name an input's outlet yourself with OUTLET=INPUT, e.g. "Channel 9=page.html".
    """
    if debug:
        os.environ["PARALLAX_DEBUG"] = "1"
    try:
        analysis_options = load_options(config) if config else Options()
        analysis_options = analysis_options.with_settings(settings)
    except ParallaxError as exc:
        raise UserError(str(exc)) from exc
    service = Service(
        options=analysis_options, read_options=ReadOptions(timeout=timeout, max_bytes=max_bytes)
    )
    if batch_dir is not None:
        _batch(service, batch_dir, output, inputs)
        return
    if not inputs:
        raise UserError("no input given; try: parallax compare a.txt b.html c.txt")
    if fmt is None:
        fmt = (
            "json"
            if output and output.suffix == ".json"
            else "html"
            if output and output.suffix == ".html"
            else "text"
        )
    try:
        analysis = service.compare(inputs)
        use_color = (
            color
            if color is not None
            else (fmt == "text" and output is None and sys.stdout.isatty())
        )
        report = render(analysis, fmt, RenderOptions(color=bool(use_color)))
    except ParallaxError as exc:
        raise UserError(str(exc)) from exc
    except Exception as exc:  # a bug: say so in one line (PARALLAX_DEBUG=1 shows the traceback)
        if debug_requested():
            raise
        click.echo(
            f"parallax: internal error: {exc.__class__.__name__}: {exc}; please report it", err=True
        )
        sys.exit(EXIT_INTERNAL_ERROR)
    for warning in analysis.warnings:
        kind = "note" if warning.code in FINDINGS else "warning"
        click.echo(f"parallax: {kind}: {warning}", err=True)
    emit(report, output)
    if analysis.failed_stages:
        sys.exit(EXIT_STAGE_FAILED)


def _batch(service: Service, root: Path, output: Path | None, inputs: tuple[str, ...]) -> None:
    if inputs:
        raise UserError("give either INPUTs or --batch DIR, not both")
    if output is None:
        raise UserError("--batch needs -o OUTDIR for the JSON files")
    try:
        total = len(story_folders(root))
    except ParallaxError as exc:
        raise UserError(str(exc)) from exc
    from rich.console import Console
    from rich.progress import Progress

    console = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    with Progress(console=console, disable=not sys.stderr.isatty(), transient=True) as progress:
        task = progress.add_task("stories", total=total)

        def story_done(name: str, problem: StoryProblem | None) -> None:
            if problem is not None:
                what = "written without some sections" if problem.written else "skipped"
                progress.console.print(f"parallax: warning: story {name} {what}: {problem.reason}")
            progress.advance(task)

        result = service.batch(root, output, on_story=story_done)
    done, skipped, partial = len(result.written), len(result.failed), len(result.partial)
    click.echo(
        f"parallax: {done} stories written to {output} ({partial} with a failed stage), "
        f"{skipped} skipped; see {output / FAILURES_FILE}",
        err=True,
    )
    for problem in result.problems:
        what = "partial" if problem.written else "skipped"
        click.echo(f"parallax: {what}: {problem.story}: {problem.reason}", err=True)
    if not result.written:
        raise UserError("no story could be compared; see the messages above")


from parallax.cli_corpus import (  # noqa: E402
    articles_command,
    cluster_command,
    db_command,
    ingest_command,
    stories_command,
    story_command,
    watch_command,
)
from parallax.cli_profiles import blindspots_command, outlets_command  # noqa: E402
from parallax.cli_scale import analyse_command  # noqa: E402
from parallax.web.serve import serve_command  # noqa: E402

for _command in (
    ingest_command,
    watch_command,
    articles_command,
    stories_command,
    story_command,
    cluster_command,
    db_command,
    serve_command,
    outlets_command,
    blindspots_command,
    analyse_command,
):
    main.add_command(_command)

__all__ = ["EXIT_INTERNAL_ERROR", "EXIT_STAGE_FAILED", "EXIT_USER_ERROR", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
