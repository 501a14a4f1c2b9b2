"""The story report inside the app: the HTML report's own sections, CSS and SVG.

The self-contained report (:mod:`parallax.report.html`) inlines its style and script;
in the app they are served as files (``/static/report.css``, ``/static/report.js``) so
that the Content-Security-Policy needs no ``unsafe-inline``.  Everything from an
article is escaped by the report's own section renderers.
"""

from __future__ import annotations

from parallax.model import Analysis
from parallax.report import html as report_html

REPORT_CSS = report_html._CSS.replace("body{", "main{", 1)
REPORT_JS = report_html._SCRIPT


def report_body(analysis: Analysis) -> str:
    """The report's sections as one HTML fragment (escaped where it holds article text)."""
    return report_html.report_sections(analysis)
