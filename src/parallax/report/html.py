"""A self-contained HTML report: inline CSS, no script, no network request.

Every piece of article text is escaped: articles are untrusted input.
"""

from __future__ import annotations

from html import escape

from parallax.model import Analysis, Article
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

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_HEAD = "".join(
    f"<th>{h}</th>" for h in ("#", "outlet", "published", "words", "sentences", "wire copy from")
)
_CSS = """
body{font:16px/1.5 Georgia,serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2{font-family:system-ui,sans-serif}table{border-collapse:collapse}
td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}
.articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1.5rem}
.article{border-top:4px solid #446;padding-top:.5rem}.meta{font:13px system-ui;color:#555}
.s:hover{background:#ffe}del{background:#fdd}ins{background:#dfd;text-decoration:none}
.warn{background:#fff4d6;padding:.5rem 1rem}
"""


def _article_html(analysis: Analysis, art: Article) -> str:
    paragraphs = []
    for p_start, p_end in art.paragraphs:
        spans = [
            f'<span class="s" id="{escape(art.id)}-{s}-{e}">{escape(art.text[s:e])}</span>'
            for s, e in art.sentences
            if p_start <= s < p_end
        ]
        paragraphs.append("<p>" + " ".join(spans) + "</p>")
    return (
        f'<section class="article" id="a-{escape(art.id)}"><h2>{escape(label(analysis, art))}</h2>'
        f'<div class="meta">{escape(art.title or "(no title)")}<br>'
        f"{escape(art.published or 'date unknown')} · outlet from {escape(evidence_phrase(art))}"
        f"<br>removed: {escape(removed_summary(art))}</div>" + "".join(paragraphs) + "</section>"
    )


@renderer("html")
def render_html(analysis: Analysis, options: RenderOptions) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(a.outlet)}</td><td>{escape(a.published or '-')}</td>"
        f"<td>{a.word_count}</td><td>{len(a.sentences)}</td>"
        f"<td>{escape(', '.join(a.wire) or '-')}</td></tr>"
        for i, a in enumerate(analysis.articles, start=1)
    )
    warnings = ""
    if analysis.warnings:
        items = "".join(f"<li>{escape(str(w))}</li>" for w in analysis.warnings)
        warnings = f'<div class="warn"><strong>Warnings</strong><ul>{items}</ul></div>'
    body = "".join(_article_html(analysis, a) for a in analysis.articles)
    n = len(analysis.articles)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>Parallax: {n} articles</title><style>{_CSS}</style></head><body>"
        f"<h1>Parallax: {n} articles compared</h1>{warnings}"
        f"<table><tr>{_HEAD}</tr>{rows}</table>"
        f"{brief_view.html_section(analysis)}{facts_view.html_section(analysis)}{reuse_view.html_section(analysis)}{voices_view.html_section(analysis)}"
        f"{framing_view.html_section(analysis)}"
        f'<div class="articles">{body}</div></body></html>\n'
    )
