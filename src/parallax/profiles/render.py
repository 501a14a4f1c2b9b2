"""Profiles, comparisons and blindspots as text, Markdown and JSON.

Each renderer first builds a list of ``(kind, line)`` blocks (``h1``, ``h2``, ``p``,
``li``, ``li2``), shared by the text, Markdown and HTML forms.  Story ids are shown
abbreviated in text; the JSON form carries all of them for every figure.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from parallax.profiles.blindspots import Blindspots
from parallax.profiles.model import Comparison, Count, OutletProfile, Profiles, SwapRow

Block = tuple[str, str]
SHOWN_IDS = 4


def ids(stories: Sequence[str]) -> str:
    shown = ", ".join(stories[:SHOWN_IDS])
    more = f" +{len(stories) - SHOWN_IDS}" if len(stories) > SHOWN_IDS else ""
    return f"[{shown}{more}]" if stories else "[]"


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _n(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def _place(c: Count) -> str:
    if not c.places:
        return ""
    m = c.places[0]
    return f" e.g. {m.article}@{m.start}-{m.end}"


def swap_line(row: SwapRow) -> str:
    m = row.places[0] if row.places else None
    where = f" e.g. {m.article}@{m.start}-{m.end}" if m else ""
    return (
        f'"{row.own}" for "{row.copy}" in {len(row.stories)} of {len(row.copy_stories)} '
        f'stories where the copy says "{row.copy}" ({_n(row.count, "time")}; '
        f"copy from {', '.join(row.sources)}) {ids(row.stories)}{where}"
    )


def _note(basis: Any) -> str:
    return f" -- {basis.note}" if basis.note else ""


def profile_blocks(p: OutletProfile) -> list[Block]:
    v, w, c, f, q, g = p.volume, p.wire, p.word_choice, p.facts, p.voices, p.figures
    out: list[Block] = [("h2", p.outlet)]
    out.append(
        (
            "p",
            f"Volume: {_n(len(v.stories), 'story')}, {_n(v.articles, 'article')}, "
            f"{_n(v.words, 'word')}; first to report {_n(len(v.first), 'story')} "
            f"{ids(v.first)}",
        )
    )
    out.append(
        (
            "p",
            f"Wire copy: {pct(w.share)} of its words are copy shared with another outlet, "
            f"over {_n(len(w.basis.stories), 'story')}{_note(w.basis)}",
        )
    )
    out += [
        ("li", f"{s.name}: {_n(s.count, 'word')} ({pct(s.share)}) {ids(s.stories)}")
        for s in w.by_source
    ]
    if w.substitutions:
        out.append(("li", "its substitutions in shared copy (it writes / the copy says):"))
        out += [("li2", swap_line(r)) for r in w.substitutions]
    out.append(
        (
            "p",
            f"Word choice: {c.per_1000_words:.1f} loaded terms per 1,000 words in its own "
            f"words (the other outlets in its stories: {c.other_per_1000_words:.1f}), over "
            f"{_n(len(c.basis.stories), 'story')}{_note(c.basis)}",
        )
    )
    if c.by_category:
        cats = ", ".join(f"{x.name} {x.share:.1f}" for x in c.by_category)
        out.append(("li", f"per 1,000 words by category: {cats}"))
    if c.top_terms:
        terms = "; ".join(
            f"{t.name} x{t.count} ({_n(len(t.stories), 'story')}){_place(t)}" for t in c.top_terms
        )
        out.append(("li", f"most frequent loaded terms: {terms}"))
    for a in c.actors:
        own = ", ".join(f'"{x.name}" x{x.count}' for x in a.own) or "-"
        others = ", ".join(f'"{x.name}" x{x.count}' for x in a.others) or "-"
        out.append(
            (
                "li",
                f"{a.actor} ({_n(len(a.stories), 'story')}): it writes {own}; the others: {others}",
            )
        )
    out.append(
        (
            "p",
            f"Facts: it reports {pct(f.reported_share)} of the facts two or more other "
            f"outlets report ({f.reported} of {f.widely_reported}); {f.only_it} facts only it "
            f"reports {ids(f.only_it_stories)}; omission rate {pct(f.omission_rate)} "
            f"({f.omitted} left out) {ids(f.omitted_stories)}{_note(f.basis)}",
        )
    )
    for ref in f.most_left_out[:3]:
        out.append(
            ("li", f'left out: "{ref.text[:110]}" (story {ref.story}, {", ".join(ref.outlets)})')
        )
    for ref in f.only_examples[:2]:
        out.append(("li", f'only it: "{ref.text[:110]}" (story {ref.story})'))
    out.append(
        (
            "p",
            f"Voices: {_n(q.quotes, 'quote')} ({q.direct} direct, {q.reported} reported) "
            f"over {_n(len(q.basis.stories), 'story')}{_note(q.basis)}",
        )
    )
    if q.by_kind:
        mix = "; ".join(f"{k.name} {pct(k.share)} (others {pct(k.other)})" for k in q.by_kind)
        out.append(("li", f"by kind: {mix}"))
    if q.by_side:
        mix = "; ".join(f"{k.name} {pct(k.share)} (others {pct(k.other)})" for k in q.by_side)
        out.append(("li", f"by side: {mix}"))
    for gap in q.gaps:
        out.append(
            (
                "li",
                f"does not quote {gap.name} in {_n(gap.count, 'story')} where the other "
                f"outlets do {ids(gap.stories)}",
            )
        )
    if q.speakers:
        out.append(
            ("li", "most quoted: " + "; ".join(f"{s.name} x{s.count}" for s in q.speakers[:5]))
        )
    out.append(
        (
            "p",
            f"Figures: {_n(g.figures, 'figure')} other outlets give too; {g.conflicts} in "
            f"conflict ({pct(g.conflict_rate)}) {ids(g.conflict_stories)}{_note(g.basis)}",
        )
    )
    if g.attributions:
        out.append(
            (
                "li",
                "attributed to: " + "; ".join(f"{a.name} x{a.count}" for a in g.attributions[:5]),
            )
        )
    return out


def profiles_blocks(p: Profiles) -> list[Block]:
    out: list[Block] = [
        (
            "h1",
            f"Outlet profiles: {_n(len(p.outlets), 'outlet')} over {_n(len(p.stories), 'story')}",
        ),
        (
            "p",
            "Only stories told by two or more outlets count. A section resting on fewer "
            f"than {p.min_stories} stories is shown, not ranked. Ids in brackets are "
            "stories; article@start-end is a place in an article.",
        ),
    ]
    out += [("p", f"Note: {n}") for n in p.notes]
    for prof in p.outlets:
        out += profile_blocks(prof)
    return out


def comparison_blocks(c: Comparison) -> list[Block]:
    a, b = c.profiles
    rows = [
        ("stories", len(a.volume.stories), len(b.volume.stories)),
        ("words", f"{a.volume.words:,}", f"{b.volume.words:,}"),
        ("shared copy", pct(a.wire.share), pct(b.wire.share)),
        (
            "loaded / 1,000 words",
            f"{a.word_choice.per_1000_words:.1f}",
            f"{b.word_choice.per_1000_words:.1f}",
        ),
        ("facts reported", pct(a.facts.reported_share), pct(b.facts.reported_share)),
        ("omission rate", pct(a.facts.omission_rate), pct(b.facts.omission_rate)),
        ("facts only it", a.facts.only_it, b.facts.only_it),
        ("quotes", a.voices.quotes, b.voices.quotes),
        ("figures in conflict", pct(a.figures.conflict_rate), pct(b.figures.conflict_rate)),
    ]
    width = max(len(c.a), len(c.b), 12)
    out: list[Block] = [
        ("h1", f"{c.a} and {c.b} over the {_n(len(c.stories), 'story')} both covered"),
        ("p", f"stories {ids(c.stories)}"),
        ("pre", f"{'':<22}{c.a[:width]:>{width}}  {c.b[:width]:>{width}}"),
    ]
    out += [("pre", f"{name:<22}{x!s:>{width}}  {y!s:>{width}}") for name, x, y in rows]
    if c.between:
        out.append(("p", "Substitutions in the copy one takes from the other:"))
        out += [("li", f"{who}: {swap_line(row)}") for who, row in c.between]
    for prof in c.profiles:
        out += profile_blocks(prof)
    return out


def blindspot_blocks(b: Blindspots) -> list[Block]:
    out: list[Block] = [("h1", f"Blindspots over {_n(b.stories, 'story')}")]
    out.append(
        (
            "p",
            "A story is widely covered when at least half of the outlets publishing at "
            "the time (and at least two) covered it.",
        )
    )
    for o in b.outlets:
        if not o.missed:
            out.append(("li", f"{o.outlet}: missed none of {o.widely_covered} widely covered"))
            continue
        out.append(
            (
                "li",
                f"{o.outlet}: missed {len(o.missed)} of {o.widely_covered} widely covered "
                f"stories ({pct(o.missed_share)})",
            )
        )
        out += [
            (
                "li2",
                f"{s.story} {s.date or 'undated'} {s.title or '(no title)'} -- "
                f"covered by {', '.join(s.outlets)}",
            )
            for s in o.missed[:20]
        ]
    if b.groups is not None:
        names = "; ".join(f"{g}: {', '.join(m)}" for g, m in b.groups.groups)
        out.append(("h2", "Coverage by group, most lopsided first"))
        out.append(("p", f"Groups ({b.groups.source or 'given'}): {names}"))
        if b.ungrouped:
            out.append(("p", f"Outlets in no group (left out): {', '.join(b.ungrouped)}"))
        if b.unknown:
            out.append(("p", f"In the groups file but not in the corpus: {', '.join(b.unknown)}"))
        for i, x in enumerate(b.lopsided, start=1):
            shares = ", ".join(f"{g.group} {len(g.covered_by)}/{g.outlets}" for g in x.groups)
            mostly = f"covered mostly by {x.group}" if x.mostly_one_group else "balanced"
            out.append(
                (
                    "li",
                    f"{i}. {x.story.story} {x.story.title or '(no title)'}: {mostly} "
                    f"(lopsidedness {x.lopsidedness:.2f}; {shares})",
                )
            )
        if not b.lopsided:
            out.append(("p", "No story is covered by two or more grouped outlets."))
    return out


def to_text(blocks: list[Block]) -> str:
    lines = []
    for kind, line in blocks:
        if kind == "h1":
            lines += [line, "=" * min(len(line), 80), ""]
        elif kind == "h2":
            lines += ["", f"== {line} =="]
        elif kind == "li":
            lines.append(f"  {line}")
        elif kind == "li2":
            lines.append(f"    {line}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def to_markdown(blocks: list[Block]) -> str:
    lines = []
    for kind, line in blocks:
        if kind == "h1":
            lines += [f"# {line}", ""]
        elif kind == "h2":
            lines += ["", f"## {line}", ""]
        elif kind == "li":
            lines.append(f"- {line}")
        elif kind == "li2":
            lines.append(f"  - {line}")
        elif kind == "pre":
            lines.append(f"    {line}")
        else:
            lines += ["", line, ""]
    return "\n".join(lines) + "\n"


def to_json(value: Profiles | Comparison | Blindspots) -> str:
    return json.dumps(value.to_dict(), ensure_ascii=False, indent=2) + "\n"
