"""The report's two pictures, as inline SVG (no script, no external resource).

- a **coverage matrix**: facts (rows) × outlets (columns), a filled cell where the
  outlet reports the fact; consensus facts first, then partial, then single;
- a **per-outlet chart**: share of the text that is shared copy, loaded terms per
  1,000 words, and quoted voices.
"""

from __future__ import annotations

from html import escape

from parallax.model import Analysis, to_jsonable

CELL = 14
MAX_ROWS = 60
COLORS = {"consensus": "#2b6cb0", "partial": "#4a9", "single": "#d69e2e"}


def coverage_matrix(analysis: Analysis) -> str:
    facts = list(to_jsonable(analysis.sections.get("facts")) or [])[:MAX_ROWS]
    arts = analysis.articles
    left, top = 8, 70
    width = left + CELL * len(arts) + 260
    height = top + CELL * len(facts) + 10
    parts = [
        f'<svg id="coverage" role="img" aria-label="Which outlet reports which fact" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for j, art in enumerate(arts):
        x = left + j * CELL + CELL // 2
        parts.append(
            f'<text x="{x}" y="{top - 6}" font-size="11" transform="rotate(-60 {x} {top - 6})">'
            f"[{j + 1}] {escape(art.outlet[:18])}</text>"
        )
    for i, fact in enumerate(facts):
        y = top + i * CELL
        for j, art in enumerate(arts):
            filled = art.id in fact["support"]
            color = COLORS[fact["kind"]] if filled else "#eee"
            parts.append(
                f'<rect x="{left + j * CELL}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" '
                f'fill="{color}"><title>{escape(fact["text"][:140])}</title></rect>'
            )
        label = fact["text"][:40] + ("..." if len(fact["text"]) > 40 else "")
        parts.append(
            f'<text x="{left + len(arts) * CELL + 6}" y="{y + CELL - 4}" font-size="10">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def outlet_chart(analysis: Analysis) -> str:
    reuse = list(to_jsonable(analysis.sections.get("reuse")) or [])
    framing = {r["article"]: r for r in to_jsonable(analysis.sections.get("framing")) or []}
    voices = to_jsonable(analysis.sections.get("voices")) or {}
    measures: list[tuple[float, float, float]] = []
    for art in analysis.articles:
        share = 0.0
        for pair in reuse:
            if art.id in pair["articles"]:
                share = max(share, pair["share"][pair["articles"].index(art.id)])
        loaded = framing.get(art.id, {}).get("per_1000_words", 0.0)
        speakers = len((voices.get("by_article") or {}).get(art.id, []))
        measures.append((share * 100, float(loaded), float(speakers)))
    panels = (
        ("shared copy, % of text", 0),
        ("loaded terms per 1,000 words", 1),
        ("voices quoted", 2),
    )
    bar, gap = 16, 6
    width, panel_h = 360, 30 + len(measures) * (bar + gap)
    height = panel_h * len(panels)
    parts = [
        f'<svg id="outlets" role="img" aria-label="Per-outlet measures" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
    ]
    for p, (title, k) in enumerate(panels):
        y0 = p * panel_h
        top = max((m[k] for m in measures), default=1.0) or 1.0
        parts.append(f'<text x="0" y="{y0 + 16}" font-size="12" font-weight="bold">{title}</text>')
        for i, m in enumerate(measures):
            y = y0 + 24 + i * (bar + gap)
            w = 200 * m[k] / top
            parts.append(f'<text x="0" y="{y + 12}" font-size="11">[{i + 1}]</text>')
            parts.append(f'<rect x="30" y="{y}" width="{w:.1f}" height="{bar}" fill="#4a6fa5"/>')
            parts.append(f'<text x="{36 + w:.1f}" y="{y + 12}" font-size="11">{m[k]:.1f}</text>')
    parts.append("</svg>")
    return "".join(parts)
