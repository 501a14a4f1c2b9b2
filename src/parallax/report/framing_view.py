"""How word choice reads in the text, Markdown and HTML reports (from JSON form)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Any

from parallax.model import Analysis, to_jsonable


def _short(analysis: Analysis) -> dict[str, str]:
    return {a.id: f"[{i}]" for i, a in enumerate(analysis.articles, start=1)}


@dataclass(frozen=True, slots=True)
class TermRow:
    """One distinct loaded term of one article, for the reports."""

    article: str  # "[1]"
    term: str
    category: str
    count: int
    strength: float
    others_wrote: tuple[str, ...]  # "militants ([2] Outlet)": wording other outlets wrote
    links: tuple[tuple[str, str], ...]  # (text, "#a-<article>") for the HTML report
    suggested: tuple[str, ...]  # generic suggestions nobody in the story wrote
    why: str
    group: str  # "own" | "shared" | "intensifier" | "quoted"


GROUPS = {
    "own": "Word choice (loaded terms in the outlets' own words, strongest first)",
    "shared": "Shared wording (every outlet of the story uses it: not one outlet's choice)",
    "intensifier": "Generic intensifiers (kept apart: rarely loaded on their own)",
    "quoted": "Inside direct quotes (the speakers' words, not the outlets')",
}


def _group(item: dict[str, Any]) -> str:
    if item.get("quoted"):
        return "quoted"
    if item["category"] == "intensifier":
        return "intensifier"
    if item.get("shared"):
        return "shared"
    return "own"


def _anchor(analysis: Analysis, article: str, at: int | None) -> str:
    """The HTML report's anchor of the sentence at ``at`` (else of the article)."""
    if at is not None:
        for start, end in analysis.article(article).sentences:
            if start <= at < end:
                return f"#s-{article}-{start}"
    return f"#a-{article}"


def term_rows(analysis: Analysis) -> list[TermRow]:
    """Distinct terms per article and group, strongest first within each group."""
    items = to_jsonable(analysis.sections.get("loaded")) or []
    short = _short(analysis)
    outlets = {a.id: a.outlet for a in analysis.articles}
    rows: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for item in items:
        group = _group(item)
        key = (item["article"], item["text"].lower(), item["category"], group)
        row = rows.setdefault(
            key, {"n": 0, "strength": 0.0, "wrote": {}, "texts": set(), "suggested": [], "why": ""}
        )
        row["n"] += 1
        strength = float(item.get("strength") or 0.0)
        if strength >= row["strength"]:
            row["strength"], row["why"] = strength, str(item.get("why") or "")
        for alt in item["alternatives"]:
            aid = alt.get("article")
            if aid in short:
                row["texts"].add(alt["text"])
                label = f"{alt['text']} ({short[aid]} {outlets[aid]})"
                if label.lower() not in {k.lower() for k in row["wrote"]}:
                    row["wrote"][label] = _anchor(analysis, aid, alt.get("start"))
            elif alt["text"] not in row["suggested"]:
                row["suggested"].append(alt["text"])
    rank = {g: i for i, g in enumerate(GROUPS)}
    out = [
        TermRow(
            article=short[k[0]],
            term=k[1],
            category=k[2],
            count=r["n"],
            strength=r["strength"],
            others_wrote=tuple(list(r["wrote"])[:4]),
            links=tuple(list(r["wrote"].items())[:4]),
            suggested=tuple(
                w for w in r["suggested"] if w.lower() not in {x.lower() for x in r["texts"]}
            )[:3],
            why=r["why"],
            group=k[3],
        )
        for k, r in rows.items()
    ]
    # A contrast the story itself shows (another outlet wrote otherwise) outranks a
    # word judged loaded on its own.
    return sorted(
        out,
        key=lambda r: (rank[r.group], -(r.strength + 0.5 * bool(r.others_wrote)), -r.count, r.term),
    )


def loaded_rows(analysis: Analysis) -> list[tuple[str, str, str, int, str]]:
    """(article, term, category, count, others wrote) per distinct term in the outlets'
    own words, strongest first."""
    return [
        (r.article, r.term, r.category, r.count, ", ".join(r.others_wrote))
        for r in term_rows(analysis)
        if r.group == "own"
    ]


def label_rows(analysis: Analysis) -> list[tuple[str, dict[str, str]]]:
    """(actor, {article: "label x2, label"}) for actors with labels in any article."""
    actors = to_jsonable(analysis.sections.get("actors")) or []
    out = []
    for actor in actors:
        if not actor["labels"]:
            continue
        cells = {}
        for aid, labels in actor["labels"].items():
            counts = Counter(  # a speaker's words inside quotation marks are marked so
                f"\u201c{lab['text']}\u201d" if lab.get("quoted") else lab["text"] for lab in labels
            )
            cells[aid] = ", ".join(f"{t} x{n}" if n > 1 else t for t, n in counts.most_common(6))
        out.append((actor["name"], cells))
    return out


def rates(analysis: Analysis) -> str:
    rows = to_jsonable(analysis.sections.get("framing")) or []
    short = _short(analysis)
    return "  ".join(f"{short[r['article']]} {r['per_1000_words']:.1f}" for r in rows)


TEXT_ROWS = 25  # own terms in the text report; JSON has them all


def _alts_text(r: TermRow) -> str:
    out = ""
    if r.others_wrote:
        out += " -- others wrote: " + ", ".join(r.others_wrote)
    if r.suggested:
        out += " -- suggested: " + ", ".join(r.suggested)
    return out


def text_lines(analysis: Analysis) -> list[str]:
    if "loaded" not in analysis.sections:
        return []
    rows = term_rows(analysis)
    lines = [GROUPS["own"]]
    lines.append(f"  per 1,000 words: {rates(analysis)}")
    own = [r for r in rows if r.group == "own"]
    for r in own[:TEXT_ROWS]:
        times = f" x{r.count}" if r.count > 1 else ""
        lines.append(f'  {r.article} "{r.term}"{times} ({r.category}){_alts_text(r)}')
        if r.why:
            lines.append(f"      why: {r.why}")
    if len(own) > TEXT_ROWS:
        lines.append(f"  ... and {len(own) - TEXT_ROWS} weaker terms (all in --format json)")
    for group in ("shared", "intensifier", "quoted"):
        chosen = [r for r in rows if r.group == group]
        if chosen:
            words = ", ".join(
                f'{r.article} "{r.term}"' + (f" x{r.count}" if r.count > 1 else "")
                for r in chosen[:15]
            )
            lines.append(f"  {GROUPS[group]}: {words}")
    labels = label_rows(analysis)
    if labels:
        lines += ["", "How each outlet labels each actor"]
        short = _short(analysis)
        for name, cells in labels:
            parts = "; ".join(f"{short[a]} {c}" for a, c in cells.items())
            lines.append(f"  {name}: {parts}")
    return lines


def markdown_lines(analysis: Analysis, esc: Any) -> list[str]:
    if "loaded" not in analysis.sections:
        return []
    lines = ["", "## Word choice", "", f"Loaded terms per 1,000 words: {rates(analysis)}", ""]
    lines += [
        "| article | term | category | times | others wrote | suggested | why |",
        "|---|---|---|---|---|---|---|",
    ]
    rows = term_rows(analysis)
    for r in rows:
        if r.group == "own":
            lines.append(
                f"| {r.article} | {esc(r.term)} | {r.category} | {r.count} | "
                f"{esc(', '.join(r.others_wrote))} | {esc(', '.join(r.suggested))} | {esc(r.why)} |"
            )
    for group in ("shared", "intensifier", "quoted"):
        chosen = [r for r in rows if r.group == group]
        if chosen:
            words = ", ".join(f"{r.article} {r.term}" for r in chosen)
            lines += ["", f"{GROUPS[group]}: {esc(words)}"]
    short = _short(analysis)
    order = [a.id for a in analysis.articles]
    lines += [
        "",
        "### Labels by actor",
        "",
        "| actor | " + " | ".join(short[a] for a in order) + " |",
    ]
    lines.append("|---|" + "---|" * len(order))
    for name, cells in label_rows(analysis):
        lines.append(f"| {esc(name)} | " + " | ".join(esc(cells.get(a, "")) for a in order) + " |")
    return lines


def _links(r: TermRow) -> str:
    return ", ".join(f'<a href="{escape(href)}">{escape(text)}</a>' for text, href in r.links)


def html_section(analysis: Analysis) -> str:
    if "loaded" not in analysis.sections:
        return ""
    rows = term_rows(analysis)
    own = "".join(
        f"<tr><td>{escape(r.article)}</td><td>{escape(r.term)}</td><td>{escape(r.category)}</td>"
        f"<td>{r.count}</td><td>{_links(r)}</td><td>{escape(', '.join(r.suggested))}</td>"
        f"<td>{escape(r.why)}</td></tr>"
        for r in rows
        if r.group == "own"
    )
    apart = "".join(
        f"<p>{escape(GROUPS[g])}: "
        + escape(", ".join(f"{r.article} {r.term}" for r in rows if r.group == g))
        + "</p>"
        for g in ("shared", "intensifier", "quoted")
        if any(r.group == g for r in rows)
    )
    short = _short(analysis)
    order = [a.id for a in analysis.articles]
    head = "".join(f"<th>{escape(short[a])}</th>" for a in order)
    labels = "".join(
        f"<tr><td>{escape(name)}</td>"
        + "".join(f"<td>{escape(cells.get(a, ''))}</td>" for a in order)
        + "</tr>"
        for name, cells in label_rows(analysis)
    )
    return (
        f"<h2>Word choice</h2><p>Loaded terms per 1,000 words: {escape(rates(analysis))}; "
        "strongest first</p>"
        "<table><tr><th>article</th><th>term</th><th>category</th><th>times</th>"
        f"<th>others wrote</th><th>suggested</th><th>why</th></tr>{own}</table>{apart}"
        f"<h3>Labels by actor</h3><table><tr><th>actor</th>{head}</tr>{labels}</table>"
    )
