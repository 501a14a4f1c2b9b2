"""Profiles and blindspots as one self-contained HTML page: the report's CSS, inline
SVG charts, no script and no network request; every name from the corpus escaped.

Charts: loaded terms per 1,000 words per outlet over time, the share of each outlet's
words that is shared copy, each outlet's mix of voices, and a coverage matrix of
stories × outlets.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from parallax.profiles.blindspots import Blindspots
from parallax.profiles.kinds import all_kinds
from parallax.profiles.model import Comparison, OutletProfile, Profiles
from parallax.profiles.render import (
    Block,
    blindspot_blocks,
    comparison_blocks,
    profiles_blocks,
)
from parallax.report.html import _CSP, _CSS

PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#555")
MAX_ROWS = 200  # stories shown in the coverage matrix
_EXTRA_CSS = ".chart{margin:1rem 0}.chart h3{margin:.2rem 0;font-size:15px}"


def _color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def loaded_over_time(outlets: Sequence[OutletProfile]) -> str:
    periods = sorted({p.period for o in outlets for p in o.word_choice.over_time})
    top = max((p.per_1000_words for o in outlets for p in o.word_choice.over_time), default=0.0)
    width, height, left, bottom = 560, 240, 40, 40
    step = (width - left - 70) / max(1, len(periods) - 1)
    scale = (height - bottom - 20) / (top or 1.0)
    parts = [
        f'<svg id="loaded-over-time" role="img" aria-label="Loaded terms per 1,000 words '
        f'per outlet over time" width="{width}" height="{height + 20 * len(outlets)}">'
    ]
    parts.append(
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#999"/>'
    )
    parts.append(f'<text x="0" y="14" font-size="11">{top:.1f}</text>')
    for i, period in enumerate(periods):
        if len(periods) <= 12 or i % max(1, len(periods) // 12) == 0:
            x = left + i * step
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 14}" font-size="10">'
                f"{escape(period)}</text>"
            )
    for j, o in enumerate(outlets):
        by = {p.period: p for p in o.word_choice.over_time}
        points = [
            (left + i * step, height - bottom - by[p].per_1000_words * scale, by[p])
            for i, p in enumerate(periods)
            if p in by
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{_color(j)}" stroke-width="2"/>'
            )
        for x, y, p in points:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{_color(j)}"><title>'
                f"{escape(o.outlet)} {escape(p.period)}: {p.per_1000_words:.1f} per 1,000 words "
                f"({len(p.stories)} stories)</title></circle>"
            )
        y = height + 14 + 20 * j - 10
        parts.append(f'<rect x="{left}" y="{y - 9}" width="12" height="12" fill="{_color(j)}"/>')
        parts.append(f'<text x="{left + 18}" y="{y + 1}" font-size="12">{escape(o.outlet)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def wire_share(outlets: Sequence[OutletProfile]) -> str:
    bar, gap, left = 16, 6, 170
    height = 10 + len(outlets) * (bar + gap)
    parts = [
        f'<svg id="wire-share" role="img" aria-label="Share of each outlet\'s words that is '
        f'shared copy" width="480" height="{height}">'
    ]
    for i, o in enumerate(outlets):
        y = 5 + i * (bar + gap)
        w = 250 * o.wire.share
        parts.append(f'<text x="0" y="{y + 12}" font-size="12">{escape(o.outlet[:26])}</text>')
        parts.append(
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="#4a6fa5">'
            f"<title>{len(o.wire.basis.stories)} stories</title></rect>"
        )
        parts.append(
            f'<text x="{left + w + 6:.1f}" y="{y + 12}" font-size="11">{o.wire.share:.0%}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def voices_mix(outlets: Sequence[OutletProfile]) -> str:
    kinds = all_kinds()
    bar, gap, left, span = 16, 6, 170, 300
    height = 10 + len(outlets) * (bar + gap) + 20 * ((len(kinds) + 2) // 3)
    parts = [
        f'<svg id="voices-mix" role="img" aria-label="Each outlet\'s mix of voices by kind" '
        f'width="{left + span + 20}" height="{height}">'
    ]
    for i, o in enumerate(outlets):
        y = 5 + i * (bar + gap)
        parts.append(f'<text x="0" y="{y + 12}" font-size="12">{escape(o.outlet[:26])}</text>')
        x = float(left)
        shares = {k.name: k.share or 0.0 for k in o.voices.by_kind}
        for j, kind in enumerate(kinds):
            w = span * shares.get(kind, 0.0)
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                    f'fill="{_color(j)}"><title>{escape(kind)}: {shares[kind]:.0%}</title></rect>'
                )
                x += w
    y0 = 10 + len(outlets) * (bar + gap)
    for j, kind in enumerate(kinds):
        x, y = (j % 3) * 160, y0 + (j // 3) * 20
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{_color(j)}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 10}" font-size="11">{escape(kind)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def coverage_matrix(
    coverage: Sequence[tuple[str, Sequence[str]]],
    titles: dict[str, str],
    outlets: Sequence[str],
    colors: dict[str, str] | None = None,
) -> str:
    cell, top, left = 14, 110, 8
    rows = list(coverage)[:MAX_ROWS]
    width = left + cell * len(outlets) + 320
    height = top + cell * len(rows) + 10
    parts = [
        f'<svg id="coverage-matrix" role="img" aria-label="Which outlet covered which story" '
        f'width="{width}" height="{height}">'
    ]
    for j, outlet in enumerate(outlets):
        x = left + j * cell + cell // 2
        parts.append(
            f'<text x="{x}" y="{top - 6}" font-size="11" transform="rotate(-60 {x} {top - 6})">'
            f"{escape(outlet[:22])}</text>"
        )
    for i, (story, covered) in enumerate(rows):
        y = top + i * cell
        for j, outlet in enumerate(outlets):
            on = outlet in covered
            fill = (colors or {}).get(outlet, "#2b6cb0") if on else "#eee"
            state = "covered" if on else "did not cover"
            parts.append(
                f'<rect class="cell{" on" if on else ""}" x="{left + j * cell}" y="{y}" '
                f'width="{cell - 2}" height="{cell - 2}" fill="{fill}"><title>'
                f"{escape(outlet)} {state} {escape(story)}</title></rect>"
            )
        label = f"{story} {titles.get(story, '')}"[:48]
        parts.append(
            f'<text x="{left + len(outlets) * cell + 6}" y="{y + cell - 4}" font-size="10">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _blocks_html(blocks: list[Block]) -> str:
    out: list[str] = []
    open_list = False
    for kind, line in blocks:
        is_item = kind in ("li", "li2")
        if is_item and not open_list:
            out.append("<ul>")
            open_list = True
        if not is_item and open_list:
            out.append("</ul>")
            open_list = False
        text = escape(line)
        if kind == "h1":
            out.append(f"<h1>{text}</h1>")
        elif kind == "h2":
            out.append(f'<h2 class="outlet">{text}</h2>')
        elif kind == "li":
            out.append(f"<li>{text}</li>")
        elif kind == "li2":
            out.append(f'<li style="margin-left:1.5rem">{text}</li>')
        elif kind == "pre":
            out.append(f"<pre>{text}</pre>")
        else:
            out.append(f"<p>{text}</p>")
    if open_list:
        out.append("</ul>")
    return "\n".join(out)


def _page(title: str, pictures: list[tuple[str, str]], blocks: list[Block]) -> str:
    charts = "".join(
        f'<div class="chart"><h3>{escape(name)}</h3>{svg}</div>' for name, svg in pictures
    )
    cut = next((i for i, (kind, _) in enumerate(blocks) if kind == "h2"), len(blocks))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>{escape(title)}</title><style>{_CSS}{_EXTRA_CSS}</style></head><body>"
        f'<header id="summary">{_blocks_html(blocks[:cut])}</header>'
        f'<section class="pictures">{charts}</section>'
        f'<section id="details">{_blocks_html(blocks[cut:])}</section></body></html>\n'
    )


def _profile_pictures(
    outlets: Sequence[OutletProfile],
    coverage: Sequence[tuple[str, Sequence[str]]],
    titles: dict[str, str],
) -> list[tuple[str, str]]:
    return [
        ("Loaded terms per 1,000 words, over time", loaded_over_time(outlets)),
        ("Shared copy, share of each outlet's words", wire_share(outlets)),
        ("Voices quoted, by kind", voices_mix(outlets)),
        (
            "Coverage: stories × outlets",
            coverage_matrix(coverage, titles, [o.outlet for o in outlets]),
        ),
    ]


def profiles_page(p: Profiles) -> str:
    pictures = _profile_pictures(p.outlets, p.coverage, dict(p.titles))
    return _page("Parallax: outlet profiles", pictures, profiles_blocks(p))


def comparison_page(c: Comparison) -> str:
    coverage = [(s, (c.a, c.b)) for s in c.stories]
    pictures = _profile_pictures(c.profiles, coverage, dict(c.titles))
    return _page(f"Parallax: {c.a} and {c.b}", pictures, comparison_blocks(c))


def blindspots_page(b: Blindspots) -> str:
    outlets = sorted({o for _, covered in b.coverage for o in covered})
    colors: dict[str, str] = {}
    order = list(b.coverage)
    if b.groups is not None:
        for i, (_, members) in enumerate(b.groups.groups):
            for m in members:
                colors.update({o: _color(i) for o in outlets if o.lower() == m.lower()})
        rank = [x.story.story for x in b.lopsided]
        order.sort(key=lambda r: rank.index(r[0]) if r[0] in rank else len(rank))
        outlets.sort(key=lambda o: (o not in colors, colors.get(o, ""), o))
    picture = coverage_matrix(order, dict(b.titles), outlets, colors)
    if b.groups is not None:
        legend = "".join(
            f'<span><svg width="12" height="12"><rect width="12" height="12" '
            f'fill="{_color(i)}"/></svg> {escape(name)}</span>'
            for i, (name, _) in enumerate(b.groups.groups)
        )
        picture = f'<div class="legend" id="groups-legend">{legend}</div>{picture}'
    return _page(
        "Parallax: blindspots",
        [("Coverage: stories × outlets", picture)],
        blindspot_blocks(b),
    )
