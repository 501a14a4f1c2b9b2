"""The Markdown report."""

from __future__ import annotations

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


def md_escape(text: str) -> str:
    """Escape characters that Markdown would read as markup in table cells and prose."""
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


@renderer("markdown")
def render_markdown(analysis: Analysis, options: RenderOptions) -> str:
    lines = [f"# Parallax: {len(analysis.articles)} articles compared", ""]
    for warning in analysis.warnings:
        if warning.code in STAGE_PROBLEMS:
            lines += [f"> **Incomplete:** {md_escape(warning.message)}", ""]
    lines += [
        "| # | outlet | published | words | sentences | wire copy from |",
        "|---|---|---|---|---|---|",
    ]
    for i, art in enumerate(analysis.articles, start=1):
        lines.append(
            f"| {i} | {md_escape(art.outlet)} | {art.published or '-'} | {art.word_count} "
            f"| {len(art.sentences)} | {md_escape(wire_cell(analysis, art))} |"
        )
    for art in analysis.articles:
        lines += ["", f"## {md_escape(label(analysis, art))}", ""]
        lines.append(f"- **title:** {md_escape(art.title or '(none found)')}")
        lines.append(f"- **source:** `{art.source}`")
        lines.append(f"- **outlet from** {md_escape(evidence_phrase(art))}")
        copy = wire_copies(analysis).get(art.id)
        if copy is not None and copy.likely:
            lines.append(
                f"- **wire copy:** likely {md_escape(copy.wire)}: {md_escape(copy.evidence)}"
            )
        if art.authors:
            lines.append(f"- **authors:** {md_escape(', '.join(art.authors))}")
        lines.append(f"- **removed:** {removed_summary(art)}")
        for credit in art.credits:
            lines.append(f"  - {md_escape(credit)}")
    lines += brief_view.markdown_lines(analysis, md_escape)
    lines += facts_view.markdown_lines(analysis, md_escape)
    lines += reuse_view.markdown_lines(analysis, md_escape)
    lines += voices_view.markdown_lines(analysis, md_escape)
    lines += framing_view.markdown_lines(analysis, md_escape)
    if analysis.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- {md_escape(str(w))}" for w in analysis.warnings]
    return "\n".join(lines) + "\n"
