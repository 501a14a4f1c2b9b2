"""What every command shares: exit statuses, the one-line user error, writing output."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from parallax.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

timeout_option = click.option(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to wait for a URL or feed.",
)
max_bytes_option = click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Size cap per input or download (JSONL and CSV are streamed by ingest).",
)
text_or_json = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)

EXIT_INTERNAL_ERROR = 1
EXIT_USER_ERROR = 2
EXIT_STAGE_FAILED = 3  # the report was written, but a stage failed and its sections are missing
FINDINGS = ("identical-copy",)  # notices that report what the articles show, not a problem


class UserError(click.ClickException):
    exit_code = EXIT_USER_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"parallax: error: {self.message}", err=True)


def emit(report: str, output: Path | None) -> None:
    if output is None:
        try:
            sys.stdout.write(report)
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_broken_pipe()
        return
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror})") from exc


def _quiet_broken_pipe() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
