"""Word choice and labeling: actors and their labels, loaded terms and their neutral
alternatives, per-outlet measures.

Registers the ``framing`` stage, after ``reuse`` and ``voices`` (it uses their output
when present: edits for alternatives, quotes to tell the outlet's words from a
speaker's).  Assigns ``actors``, ``loaded`` and ``framing``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parallax.framing.actors import Actor, ActorRecord, find_actors
from parallax.framing.lexicon import lexicon
from parallax.framing.loaded import (
    Alternative,
    Loaded,
    demotion,
    find_loaded,
    unused_by_others,
)
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


def _places(rows: Sequence[tuple[str, int, int, Any]]) -> Callable[[str, Offsets], list[Any]]:
    """For rows ``(article, start, end, payload)``: a look-up of the payloads of one
    article's rows that overlap a span, in row order.  Rows are sorted by start per article
    and bisected, so each look-up costs O(log n + hits) (a scan per term was quadratic)."""
    by: dict[str, list[tuple[int, int, int, Any]]] = {}
    for order, (article, start, end, payload) in enumerate(rows):
        by.setdefault(article, []).append((start, end, order, payload))
    starts: dict[str, list[int]] = {}
    longest = 0
    for article, items in by.items():
        items.sort(key=lambda r: (r[0], r[2]))
        starts[article] = [r[0] for r in items]
        longest = max(longest, max(r[1] - r[0] for r in items))

    def find(article: str, span: Offsets) -> list[Any]:
        items, at = by.get(article, []), starts.get(article, [])
        lo, hi = bisect_left(at, span[0] - longest), bisect_left(at, span[1])
        hits = [r for r in items[lo:hi] if _overlaps((r[0], r[1]), span)]
        return [r[3] for r in sorted(hits, key=lambda r: r[2])]

    return find


def alternatives(analysis: Analysis, actors: list[Actor]) -> Callable[[Loaded], list[Alternative]]:
    """For a term: wording other outlets wrote in the same place (reuse edits) or for the
    same actor (labels), each with its article and offsets; then the lexicon's generic
    suggestions, which nobody in the story wrote (``source`` "suggestion").  The edits and
    labels are indexed once per story."""
    outlet = {a.id: a.outlet for a in analysis.articles}
    edits: list[tuple[str, int, int, tuple[str, str, Offsets]]] = []
    for pair in analysis.sections.get("reuse", ()):
        x, y = pair.articles
        for passage in pair.passages:
            for edit in passage.edits:
                short = max(len(edit.a_text.split()), len(edit.b_text.split())) <= 4
                if edit.op == "replace" and short:
                    edits.append((x, *edit.a, (edit.b_text, y, edit.b)))
                    edits.append((y, *edit.b, (edit.a_text, x, edit.a)))
    in_edits = _places(edits)
    in_labels = _places(
        [(lab.article, lab.start, lab.end, k) for k, a in enumerate(actors) for lab in a.labels]
    )
    loaded_text: dict[str, bool] = {}

    def plain(text: str) -> bool:
        if text not in loaded_text:
            loaded_text[text] = _is_loaded(text)
        return not loaded_text[text]

    def find(term: Loaded) -> list[Alternative]:
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
        for text, other, at in in_edits(term.article, span):
            if plain(text):
                add(text, "same passage", other, at)
        for k in dict.fromkeys(in_labels(term.article, span)):
            actor = actors[k]
            for lab in actor.labels:
                if lab.article != term.article and plain(lab.text):
                    add(lab.text, f"label for {actor.name}", lab.article, (lab.start, lab.end))
        for word in term.neutral:
            add(word, "suggestion", None)
        return out

    return find


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
        loaded.extend(
            find_loaded(
                art,
                docs[art.id],
                quoted,
                others,
                keep_demoted=True,
                states_of=ctx.resources.token_states,
            )
        )
    stems = {a.id: _stems(docs[a.id]) for a in english}
    written = alternatives(analysis, actors)
    loaded = [replace(t, alternatives=tuple(written(t)), neutral=()) for t in loaded]
    loaded = [
        replace(t, shared=is_shared(t, [v for k, v in stems.items() if k != t.article]))
        for t in loaded
    ]
    # a term annotators rarely mark is shown only in contrast (or as shared wording)
    others_used = {
        a.id: frozenset().union(*(v for k, v in stems.items() if k != a.id)) for a in english
    }
    loaded = [
        t
        for t in loaded
        if demotion(t) is None
        or t.shared
        or any(a.written for a in t.alternatives)
        or (len(english) > 1 and unused_by_others(t, others_used[t.article]))
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
