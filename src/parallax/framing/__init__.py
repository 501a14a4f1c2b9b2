"""Word choice and labeling: actors and their labels, loaded terms and their neutral
alternatives, per-outlet measures.

Registers the ``framing`` stage, after ``reuse`` and ``voices`` (it uses their output
when present: edits for alternatives, quotes to tell the outlet's words from a
speaker's).  Assigns ``actors``, ``loaded`` and ``framing``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from parallax.framing.actors import Actor, find_actors
from parallax.framing.lexicon import lexicon
from parallax.framing.loaded import Loaded, find_loaded
from parallax.model import Analysis, Offsets
from parallax.pipeline import Context, StageOutput, stage
from parallax.tokens import tokenize
from parallax.voices.quotes import quote_regions


def _quoted_spans(analysis: Analysis, article_id: str) -> list[Offsets]:
    quotes = analysis.sections.get("quotes")
    if quotes is not None:
        return [(q.start, q.end) for q in quotes if q.article == article_id and q.direct]
    art = analysis.article(article_id)
    return [
        (p0 + a, p0 + b) for p0, p1 in art.paragraphs for a, b in quote_regions(art.text[p0:p1])
    ]


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _is_loaded(text: str) -> bool:
    """Does ``text`` hold a lexicon term (whole phrase, not just its first word)?"""
    index = lexicon()
    words = tokenize(text.replace("-", " - ")).words
    for i, word in enumerate(words):
        for entry in index.get(word, ()):
            if tuple(w for w in words[i : i + len(entry.term)] if w != "-") == tuple(
                w for w in entry.term if w != "-"
            ):
                return True
    return False


def alternatives(analysis: Analysis, term: Loaded, actors: list[Actor]) -> list[dict[str, Any]]:
    """Wording other outlets used in the same place (reuse edits), for the same actor
    (labels), then the lexicon's neutral words."""
    outlet = {a.id: a.outlet for a in analysis.articles}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(text: str, source: str, article: str | None) -> None:
        key = " ".join(text.lower().split())
        if key and key not in seen and key != term.text.lower():
            seen.add(key)
            item: dict[str, Any] = {"text": text, "source": source}
            if article:
                item["article"], item["outlet"] = article, outlet[article]
            out.append(item)

    span = (term.start, term.end)
    for pair in analysis.sections.get("reuse", ()):
        x, y = pair.articles
        for passage in pair.passages:
            for edit in passage.edits:
                short = max(len(edit.a_text.split()), len(edit.b_text.split())) <= 4
                if edit.op != "replace" or not short:
                    continue
                if term.article == x and _overlaps(edit.a, span) and not _is_loaded(edit.b_text):
                    add(edit.b_text, "same passage", y)
                elif term.article == y and _overlaps(edit.b, span) and not _is_loaded(edit.a_text):
                    add(edit.a_text, "same passage", x)
    for actor in actors:
        if not any(
            lab.article == term.article and _overlaps((lab.start, lab.end), span)
            for lab in actor.labels
        ):
            continue
        for lab in actor.labels:
            if lab.article != term.article and not _is_loaded(lab.text):
                add(lab.text, f"label for {actor.name}", lab.article)
    for word in term.neutral:
        add(word, "lexicon", None)
    return out


def outlet_measures(
    analysis: Analysis, loaded: list[Loaded], actors: list[Actor]
) -> list[dict[str, Any]]:
    rows = []
    for art in analysis.articles:
        own = [t for t in loaded if t.article == art.id and not t.quoted]
        words = max(art.word_count, 1)
        top: dict[str, str] = {}
        for actor in actors:
            labels = Counter(lab.text for lab in actor.labels if lab.article == art.id)
            if labels:
                top[actor.name] = labels.most_common(1)[0][0]
        rows.append(
            {
                "article": art.id,
                "outlet": art.outlet,
                "words": art.word_count,
                "loaded": len(own),
                "loaded_quoted": sum(1 for t in loaded if t.article == art.id and t.quoted),
                "per_1000_words": round(1000 * len(own) / words, 2),
                "by_category": dict(Counter(t.category for t in own)),
                "top_labels": top,
            }
        )
    return rows


@stage(
    "framing",
    requires=("articles",),
    reads=("quotes", "reuse"),
    assigns=("actors", "loaded", "framing"),
)
def framing_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    english = [a for a in analysis.articles if a.language in ("en", "und")]
    docs = ctx.resources.parse(english)
    actors = find_actors(english, docs, ctx.options.framing.coref_window)
    loaded: list[Loaded] = []
    for art in english:
        loaded.extend(find_loaded(art, docs[art.id], _quoted_spans(analysis, art.id)))
    loaded = [replace(t, alternatives=tuple(alternatives(analysis, t, actors))) for t in loaded]
    order = [a.id for a in analysis.articles]
    return StageOutput(
        sections={
            "actors": [a.to_dict(order) for a in actors],
            "loaded": tuple(loaded),
            "framing": outlet_measures(analysis, loaded, actors),
        }
    )


__all__ = ["framing_stage"]
