"""The terminal report (rich): fits 100 columns, colour only on a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parallax.model import STAGE_PROBLEMS, Analysis
from parallax.report import (
    RenderOptions,
    brief_view,
    evidence_phrase,
    facts_view,
    framing_view,
    label,
    removed_summary,
    renderer,
    reuse_view,
    voices_view,
)
from parallax.report.wire_view import wire_cell, wire_copies


@renderer("text")
def render_text(analysis: Analysis, options: RenderOptions) -> str:
    console = Console(
        width=options.width,
        record=True,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        file=io.StringIO(),
    )
    n = len(analysis.articles)
    console.print(Text(f"Parallax: {n} articles compared", style="bold"))
    for warning in analysis.warnings:
        if warning.code in STAGE_PROBLEMS:
            console.print(Text(f"INCOMPLETE: {warning.message}", style="bold red"))
    console.print()
    table = Table(show_header=True, header_style="bold", expand=False, box=None, padding=(0, 1))
    table.add_column("#", justify="right")
    table.add_column("outlet")
    table.add_column("published")
    table.add_column("words", justify="right")
    table.add_column("sentences", justify="right")
    table.add_column("wire copy from")
    for i, art in enumerate(analysis.articles, start=1):
        table.add_row(
            str(i),
            art.outlet,
            art.published or "-",
            str(art.word_count),
            str(len(art.sentences)),
            wire_cell(analysis, art),
        )
    console.print(table)
    copies = wire_copies(analysis)
    for art in analysis.articles:
        console.print()
        console.print(Text(label(analysis, art), style="bold cyan"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_row("  title", art.title or "(none found)")
        grid.add_row("  source", art.source)
        grid.add_row("  outlet from", evidence_phrase(art))
        copy = copies.get(art.id)
        if copy is not None and copy.likely:
            grid.add_row("  wire copy", f"likely {copy.wire}: {copy.evidence}")
        if art.authors:
            grid.add_row("  authors", ", ".join(art.authors))
        grid.add_row("  removed", removed_summary(art))
        if art.sentences:
            start, end = art.sentences[0]
            first = art.text[start:end]
            first = first if len(first) <= 180 else first[:177] + "..."
            grid.add_row("  opens", Text(first, style="dim"))
        console.print(grid)
    views = (brief_view, facts_view, reuse_view, voices_view, framing_view)
    for lines in (view.text_lines(analysis) for view in views):
        _print_block(console, lines)
    if analysis.warnings:
        console.print()
        console.print(Text("Warnings", style="bold yellow"))
        for warning in analysis.warnings:
            console.print(Text(f"  - {warning}"))
    exported = console.export_text(styles=options.color)
    return "\n".join(line.rstrip() for line in exported.splitlines()) + "\n"


def _print_block(console: Console, lines: list[str]) -> None:
    """A titled block of report lines; indented lines wrap with their indent."""
    if lines:
        console.print()
        console.print(Text(lines[0], style="bold"))
        for line in lines[1:]:
            if not line:
                console.print()
            elif line.startswith("  "):
                grid = Table.grid(padding=(0, 0))
                grid.add_column(width=2)
                grid.add_column()
                grid.add_row("", Text(line[2:]))
                console.print(grid)
            else:
                console.print(Text(line, style="bold"))
