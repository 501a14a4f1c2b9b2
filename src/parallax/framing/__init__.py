"""Word choice and labeling: actors and their labels, loaded terms and their neutral
alternatives, per-outlet measures.

Registers the ``framing`` stage, after ``reuse`` and ``voices`` (it uses their output
when present: edits for alternatives, quotes to tell the outlet's words from a
speaker's).  Assigns ``actors``, ``loaded`` and ``framing``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from parallax.framing.actors import Actor, ActorRecord, find_actors
from parallax.framing.lexicon import lexicon
from parallax.framing.loaded import Alternative, Loaded, demotion, find_loaded
from parallax.framing.openvocab import stem
from parallax.model import Analysis, Offsets
from parallax.pipeline import Context, StageOutput, stage
from parallax.sections import many, section
from parallax.tokens import STOPWORDS, tokenize
from parallax.voices.quotes import quote_regions


@dataclass(frozen=True, slots=True)
class OutletFraming:
    """One row of the ``framing`` section: an article's loaded terms in its own words
    (``loaded``; ``loaded_quoted`` inside quotes), their rate, their count per
    category, and the label it most often gives each actor."""

    article: str
    outlet: str
    words: int
    loaded: int
    loaded_quoted: int
    per_1000_words: float
    by_category: tuple[tuple[str, int], ...]
    top_labels: tuple[tuple[str, str], ...]  # (actor name, label)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "outlet": self.outlet,
            "words": self.words,
            "loaded": self.loaded,
            "loaded_quoted": self.loaded_quoted,
            "per_1000_words": self.per_1000_words,
            "by_category": dict(self.by_category),
            "top_labels": dict(self.top_labels),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OutletFraming:
        return cls(
            article=str(data["article"]),
            outlet=str(data["outlet"]),
            words=int(data["words"]),
            loaded=int(data["loaded"]),
            loaded_quoted=int(data["loaded_quoted"]),
            per_1000_words=float(data["per_1000_words"]),
            by_category=tuple((str(k), int(v)) for k, v in data["by_category"].items()),
            top_labels=tuple((str(k), str(v)) for k, v in data["top_labels"].items()),
        )


section("actors", many(ActorRecord.from_dict))
section("loaded", many(Loaded.from_dict))
section("framing", many(OutletFraming.from_dict))


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


def alternatives(analysis: Analysis, term: Loaded, actors: list[Actor]) -> list[Alternative]:
    """Wording other outlets wrote in the same place (reuse edits) or for the same actor
    (labels), each with its article and offsets; then the lexicon's generic suggestions,
    which nobody in the story wrote (``source`` "suggestion")."""
    outlet = {a.id: a.outlet for a in analysis.articles}
    out: list[Alternative] = []
    seen: set[str] = set()

    def add(text: str, source: str, article: str | None, at: Offsets | None = None) -> None:
        key = " ".join(text.lower().split())
        if key and key not in seen and key != term.text.lower():
            seen.add(key)
            if article:
                a, b = at if at else (None, None)
                out.append(Alternative(text, source, article, outlet[article], a, b))
            else:
                out.append(Alternative(text, source))

    span = (term.start, term.end)
    for pair in analysis.sections.get("reuse", ()):
        x, y = pair.articles
        for passage in pair.passages:
            for edit in passage.edits:
                short = max(len(edit.a_text.split()), len(edit.b_text.split())) <= 4
                if edit.op != "replace" or not short:
                    continue
                if term.article == x and _overlaps(edit.a, span) and not _is_loaded(edit.b_text):
                    add(edit.b_text, "same passage", y, edit.b)
                elif term.article == y and _overlaps(edit.b, span) and not _is_loaded(edit.a_text):
                    add(edit.a_text, "same passage", x, edit.a)
    for actor in actors:
        if not any(
            lab.article == term.article and _overlaps((lab.start, lab.end), span)
            for lab in actor.labels
        ):
            continue
        for lab in actor.labels:
            if lab.article != term.article and not _is_loaded(lab.text):
                add(lab.text, f"label for {actor.name}", lab.article, (lab.start, lab.end))
    for word in term.neutral:
        add(word, "suggestion", None)
    return out


def _stems(doc: Any) -> frozenset[str]:
    return frozenset(stem(t.lower_) for t in doc if t.is_alpha)


def is_shared(term: Loaded, others: list[frozenset[str]]) -> bool:
    """Shared wording: every other outlet of the story uses the term's words too, and
    none of them wrote something else in its place (no "others wrote")."""
    words = [stem(w) for w in tokenize(term.text).words if w not in STOPWORDS]
    if not others or not words or any(a.written for a in term.alternatives):
        return False
    return all(all(w in vocab for w in words) for vocab in others)


def outlet_measures(
    analysis: Analysis, loaded: list[Loaded], actors: list[Actor]
) -> list[OutletFraming]:
    rows = []
    for art in analysis.articles:
        own = [  # the outlet's own choices: not quoted, not shared by all, no intensifier
            t
            for t in loaded
            if t.article == art.id and not t.quoted and not t.shared and t.category != "intensifier"
        ]
        words = max(art.word_count, 1)
        top: dict[str, str] = {}
        for actor in actors:
            labels = Counter(lab.text for lab in actor.labels if lab.article == art.id)
            if labels:
                top[actor.name] = labels.most_common(1)[0][0]
        rows.append(
            OutletFraming(
                article=art.id,
                outlet=art.outlet,
                words=art.word_count,
                loaded=len(own),
                loaded_quoted=sum(1 for t in loaded if t.article == art.id and t.quoted),
                per_1000_words=round(1000 * len(own) / words, 2),
                by_category=tuple(Counter(t.category for t in own).items()),
                top_labels=tuple(top.items()),
            )
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
        others = [docs[o.id] for o in english if o.id != art.id]
        quoted = _quoted_spans(analysis, art.id)
        loaded.extend(find_loaded(art, docs[art.id], quoted, others, keep_demoted=True))
    stems = {a.id: _stems(docs[a.id]) for a in english}
    loaded = [
        replace(t, alternatives=tuple(alternatives(analysis, t, actors)), neutral=())
        for t in loaded
    ]
    loaded = [
        replace(t, shared=is_shared(t, [v for k, v in stems.items() if k != t.article]))
        for t in loaded
    ]
    # a term annotators rarely mark is shown only in contrast (or as shared wording)
    loaded = [
        t
        for t in loaded
        if demotion(t) is None or t.shared or any(a.written for a in t.alternatives)
    ]
    order = [a.id for a in analysis.articles]
    return StageOutput(
        sections={
            "actors": tuple(a.record(order) for a in actors),
            "loaded": tuple(loaded),
            "framing": tuple(outlet_measures(analysis, loaded, actors)),
        }
    )


__all__ = ["framing_stage"]
