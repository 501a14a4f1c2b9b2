"""A self-contained HTML report: inline CSS, SVG and script; no network request.

Every piece of article text is escaped: articles are untrusted input.  The page shows
the brief, the two pictures, the outlets side by side (shared copy, loaded terms and
"only here" sentences highlighted; a click on a sentence shows its counterparts in
the other outlets), then the tables.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from parallax.model import Analysis, Article, to_jsonable
from parallax.report import (
    RenderOptions,
    brief_view,
    evidence_phrase,
    facts_view,
    framing_view,
    label,
    pictures,
    removed_summary,
    renderer,
    reuse_view,
    voices_view,
)
from parallax.report.wire_view import wire_copies

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_CSS = """
body{font:16px/1.5 Georgia,serif;max-width:90rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{font-family:system-ui,sans-serif}table{border-collapse:collapse;margin:.5rem 0}
td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
.articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1.5rem}
.article{border-top:4px solid #446;padding-top:.5rem}.meta{font:13px system-ui;color:#555}
.s{cursor:pointer}.s:hover{background:#ffe}.s.shared{border-bottom:2px solid #9ac}
.s.only{background:#fff3d6}.s.counterpart,.s.selected{background:#cde7ff;outline:1px solid #58a}
mark.loaded{background:#fdd;padding:0 .1em}mark.edit{background:#e6dcff}del{background:#fdd}
ins{background:#dfd;text-decoration:none}
.cite{font:12px system-ui;color:#446}.pictures{display:flex;flex-wrap:wrap;gap:2rem}
.warn{background:#fff4d6;padding:.5rem 1rem}.legend span{margin-right:1rem;font:13px system-ui}
.legend .shared{border-bottom:2px solid #9ac}.legend .only{background:#fff3d6}
.legend .loaded{background:#fdd}.legend .edit{background:#e6dcff}
#panel{position:sticky;top:0;background:#f5f8fc;border:1px solid #cde;padding:.5rem 1rem;
font:14px system-ui;min-height:2rem}
"""
_SCRIPT = """
document.addEventListener('click', function (event) {
  var s = event.target.closest('.s');
  if (!s) { return; }
  document.querySelectorAll('.selected,.counterpart').forEach(function (e) {
    e.classList.remove('selected'); e.classList.remove('counterpart'); });
  s.classList.add('selected');
  var facts = (s.dataset.facts || '').split(' ').filter(Boolean);
  var found = [];
  facts.forEach(function (f) {
    document.querySelectorAll('.s[data-facts~="' + f + '"]').forEach(function (o) {
      if (o !== s && o.dataset.article !== s.dataset.article) {
        o.classList.add('counterpart'); found.push(o);
      }
    });
  });
  var panel = document.getElementById('panel');
  panel.textContent = '';
  var head = document.createElement('strong');
  head.textContent = found.length ? 'Also reported by:' : 'Reported only here.';
  panel.appendChild(head);
  found.forEach(function (o) {
    var p = document.createElement('div');
    p.textContent = o.dataset.outlet + ': ' + o.textContent;
    panel.appendChild(p);
  });
});
"""


def _sentence_facts(analysis: Analysis) -> dict[tuple[str, int], list[str]]:
    """Fact ids by (article, sentence start): a mention belongs to the sentence it starts in."""
    out: dict[tuple[str, int], list[str]] = defaultdict(list)
    for fact in to_jsonable(analysis.sections.get("facts")) or []:
        for m in fact["mentions"]:
            art = analysis.article(m["article"])
            for s, e in art.sentences:
                if s <= m["start"] < e:
                    out[(art.id, s)].append(fact["id"])
                    break
    return out


def _kinds(analysis: Analysis) -> dict[str, str]:
    return {f["id"]: f["kind"] for f in to_jsonable(analysis.sections.get("facts")) or []}


def _shared_spans(analysis: Analysis, art: Article) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pair in to_jsonable(analysis.sections.get("reuse")) or []:
        for passage in pair["passages"]:
            if pair["articles"][0] == art.id:
                spans.append((passage["a"][0], passage["a"][1]))
            elif pair["articles"][1] == art.id:
                spans.append((passage["b"][0], passage["b"][1]))
    return spans


def _marked(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> str:
    """Escaped text of ``[start, end)`` with marked spans (loaded terms, edits)."""
    out, pos = [], start
    for a, b, cls, title in marks:
        if a < start or b > end or a < pos or b <= a:
            continue
        out.append(escape(text[pos:a]))
        out.append(f'<mark class="{cls}" title="{escape(title)}">{escape(text[a:b])}</mark>')
        pos = b
    out.append(escape(text[pos:end]))
    return "".join(out)


def _edit_marks(analysis: Analysis, art: Article) -> list[tuple[int, int, str, str]]:
    """This article's side of every edit in shared copy, titled with the other side."""
    outlet = {a.id: label(analysis, a) for a in analysis.articles}
    marks = []
    for pair in to_jsonable(analysis.sections.get("reuse")) or []:
        x, y = pair["articles"]
        if art.id not in (x, y):
            continue
        mine, other, key = ("a", "b", y) if art.id == x else ("b", "a", x)
        for passage in pair["passages"]:
            for edit in passage["edits"]:
                start, end = edit[mine]
                if end > start:
                    title = f"{outlet[key]} has: {edit[other + '_text'] or '(nothing)'}"
                    marks.append((start, end, "edit", title))
    return marks


def _wire_note(analysis: Analysis, art: Article) -> str:
    """The article's wire copy in its header: credited, or likely with the evidence."""
    copy = wire_copies(analysis).get(art.id)
    if copy is None:
        return ""
    if copy.likely:
        return f"<br>wire copy: likely {escape(copy.wire)}: {escape(copy.evidence)}"
    return f"<br>wire copy: {escape(copy.wire)}"


def _article_html(
    analysis: Analysis,
    art: Article,
    facts_of: dict[tuple[str, int], list[str]],
    kinds: dict[str, str],
) -> str:
    shared = _shared_spans(analysis, art)
    marks = sorted(
        [
            (t["start"], t["end"], "loaded", t["category"])
            for t in to_jsonable(analysis.sections.get("loaded")) or []
            if t["article"] == art.id
        ]
        + _edit_marks(analysis, art)
    )
    paragraphs = []
    for p_start, p_end in art.paragraphs:
        spans = []
        for s, e in art.sentences:
            if not p_start <= s < p_end:
                continue
            ids = facts_of.get((art.id, s), [])
            classes = ["s"]
            if any(a < e and s < b for a, b in shared):
                classes.append("shared")
            if ids and all(kinds.get(i) == "single" for i in ids):
                classes.append("only")
            spans.append(
                f'<span class="{" ".join(classes)}" id="s-{escape(art.id)}-{s}" '
                f'data-article="{escape(art.id)}" '
                f'data-outlet="{escape(label(analysis, art))}" '
                f'data-facts="{escape(" ".join(ids))}">'
                f"{_marked(art.text, s, e, marks)}</span>"
            )
        paragraphs.append("<p>" + " ".join(spans) + "</p>")
    return (
        f'<section class="article" id="a-{escape(art.id)}"><h3>{escape(label(analysis, art))}</h3>'
        f'<div class="meta">{escape(art.title or "(no title)")}<br>'
        f"{escape(art.published or 'date unknown')} · outlet from {escape(evidence_phrase(art))}"
        f"{_wire_note(analysis, art)}"
        f"<br>removed: {escape(removed_summary(art))}</div>" + "".join(paragraphs) + "</section>"
    )


def report_sections(analysis: Analysis) -> str:
    """The report's body, from the warnings to word choice, as one HTML fragment (every
    piece of article text escaped): the CLI's page and the web app's page both wrap it."""
    warnings = ""
    if analysis.warnings:
        items = "".join(f"<li>{escape(str(w))}</li>" for w in analysis.warnings)
        warnings = f'<div class="warn"><strong>Warnings</strong><ul>{items}</ul></div>'
    outlets = "".join(
        f"<li>{escape(label(analysis, a))}: {escape(a.title or '(no title)')} "
        f"({escape(a.published or 'date unknown')})</li>"
        for a in analysis.articles
    )
    facts_of, kinds = _sentence_facts(analysis), _kinds(analysis)  # once for all articles
    body = "".join(_article_html(analysis, a, facts_of, kinds) for a in analysis.articles)
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


@renderer("html")
def render_html(analysis: Analysis, options: RenderOptions) -> str:
    n = len(analysis.articles)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>Parallax: {n} articles</title><style>{_CSS}</style></head><body>"
        f"<h1>Parallax: {n} articles compared</h1>{report_sections(analysis)}"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )
