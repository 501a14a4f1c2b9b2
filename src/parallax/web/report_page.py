"""The story report inside the app: the HTML report's own sections, CSS and SVG.

The self-contained report (:mod:`parallax.report.html`) inlines its style and script;
in the app they are served as files (``/static/report.css``, ``/static/report.js``) so
that the Content-Security-Policy needs no ``unsafe-inline``.  Everything from an
article is escaped by the report's own section renderers.
"""

from __future__ import annotations

from html import escape

from parallax.model import Analysis
from parallax.report import (
    brief_view,
    facts_view,
    framing_view,
    label,
    pictures,
    reuse_view,
    voices_view,
)
from parallax.report import html as report_html

REPORT_CSS = report_html._CSS.replace("body{", "main{", 1) + (
    ".legend .shared{border-bottom:2px solid #9ac}.legend .only{background:#fff3d6}"
    ".legend .loaded{background:#fdd}.legend .edit{background:#e6dcff}\n"
)
REPORT_JS = report_html._SCRIPT


def report_body(analysis: Analysis) -> str:
    """The report's sections as one HTML fragment (escaped where it holds article text)."""
    warnings = ""
    if analysis.warnings:
        items = "".join(f"<li>{escape(str(w))}</li>" for w in analysis.warnings)
        warnings = f'<div class="warn"><strong>Warnings</strong><ul>{items}</ul></div>'
    outlets = "".join(
        f"<li>{escape(label(analysis, a))}: {escape(a.title or '(no title)')} "
        f"({escape(a.published or 'date unknown')})</li>"
        for a in analysis.articles
    )
    facts_of, kinds = report_html._sentence_facts(analysis), report_html._kinds(analysis)
    body = "".join(
        report_html._article_html(analysis, a, facts_of, kinds) for a in analysis.articles
    )
    legend = (
        '<p class="legend"><span class="shared">shared copy</span>'
        '<span class="only">only in this outlet</span>'
        '<span class="loaded">loaded term</span>'
        '<span class="edit">edited in shared copy</span>'
        "<span>click a sentence to see its counterparts</span></p>"
    )
    return (
        f'{warnings}<ol id="article-list">{outlets}</ol>'
        f"{brief_view.html_section(analysis)}"
        '<section id="pictures"><h2>At a glance</h2><div class="pictures">'
        "<figure><figcaption>Which outlet reports which fact</figcaption>"
        f"{pictures.coverage_matrix(analysis)}</figure>"
        f"<figure><figcaption>Each outlet</figcaption>{pictures.outlet_chart(analysis)}</figure>"
        "</div></section>"
        f'<h2>Side by side</h2>{legend}<div id="panel">Click a sentence.</div>'
        f'<div class="articles" id="side-by-side">{body}</div>'
        f"{facts_view.html_section(analysis)}{reuse_view.html_section(analysis)}"
        f"{voices_view.html_section(analysis)}{framing_view.html_section(analysis)}"
    )
