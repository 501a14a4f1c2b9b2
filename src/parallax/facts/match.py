"""Which statements of different articles report the same fact.

A cheap filter first: an inverted index of content words and figures proposes only
pairs that share something, and their lexical cosine is computed.  Pairs that share
almost nothing are never compared.  Pairs that are near copies (lexical cosine at or
above ``FactsOptions.lex_sure``) are judged on their words.  Every statement has its
sentence embedding (the run starts them beside the parse): a pair's cosine, and how
close each statement comes to the other article's statements anyway (:func:`hubs`,
the ``csls`` feature), are weighed with the words (how closely their words align by
their contextual vectors, :mod:`parallax.facts.align`, is computed only for a model
that weighs it: the shipped one does not).  A logistic model over all the
signals (weights in ``parallax/data/fact_model.json``, fitted by ``eval/fit_facts.py``
on the labeled pairs) decides.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from parallax.facts.align import LAYER as ALIGN_LAYER
from parallax.facts.align import alignment, word_vectors
from parallax.facts.claims import ClaimSignals, claim_signals, claim_words, polarity_clash
from parallax.facts.features import (
    Idf,
    Unit,
    common_run,
    name_overlap,
    number_signals,
    shingle_share,
)
from parallax.options import FactsOptions

Embedder = Callable[[Sequence[str]], dict[str, Any]]  # text -> unit-length vector
StatesOf = Callable[[Sequence[str]], dict[str, Any]]  # text -> PieceStates (align.LAYER)
Key = tuple[str, int, str]  # a statement (article, index) and another article


FEATURES = (  # the model's inputs (:meth:`Signals.vector` also gives the other claim signals,
    # which the veto and the contradictions read: as weights they cost recall on the real
    # dev events, leave one event out, and the fictional pairs' F1 did not need them.
    # ``alignment`` (:mod:`parallax.facts.align`) is not weighed: in place of ``shingles``,
    # cut at 0.87, it read 0.895 / 0.526 leaving each dev event out against 0.884 / 0.510,
    # but 0.815 / 0.361 on the held-out events against 0.840 / 0.344, under their floor)
    "lexical",
    "containment",
    "run",
    "shingles",
    "embedding",
    "embedding_squared",
    "csls",
    "views",
    "numbers",
    "names",
    "predicate",
    "opposed",
)


@dataclass(frozen=True, slots=True)
class PairScore:
    a: Unit
    b: Unit
    lexical: float
    embedding: float
    numbers: float
    conflict: bool
    names: float
    probability: float
    negation: bool = False  # one claim negated, the other not (see claims.py)
    predicate: float = 0.0  # how alike the two claims' verbs are
    vetoed: bool = False  # different actions or actors (:func:`veto`): never one consensus fact
    denied: bool = False  # one denies what the other asserts (:func:`claims.polarity_clash`)


@cache
def model() -> dict[str, float]:
    raw = resources.files("parallax").joinpath("data/fact_model.json").read_text("utf-8")
    return {k: float(v) for k, v in json.loads(raw).items() if not k.startswith("_")}


@dataclass(frozen=True, slots=True)
class Signals:
    """Everything but the embedding, for one candidate pair."""

    lexical: float
    containment: float
    run: float
    numbers: float
    conflict: bool
    names: float
    claims: ClaimSignals
    shingles: float = 0.0

    def vector(
        self,
        embedding: float,
        views: float | None = None,
        hub: float | None = None,
        aligned: float | None = None,
    ) -> dict[str, float]:
        """The model's features, given the pair's embedding cosine, the best cosine
        among the two statements' views (:mod:`parallax.facts.views`; at least the
        embedding's, which stands in for it when not given), the pair's ``hub``: how
        close each statement comes to the other article's statements anyway
        (:func:`hubs`; the cosine less it is the ``csls`` feature, 0 when not given)
        and the alignment of their words (:mod:`parallax.facts.align`; the embedding
        stands in for it when not given)."""
        c = self.claims
        return {
            "lexical": self.lexical,
            "containment": self.containment,
            "run": self.run,
            "embedding": embedding,
            "embedding_squared": embedding * embedding,
            "numbers": self.numbers,
            "number_conflict": float(self.conflict),
            "names": self.names,
            "predicate": c.predicate,
            "no_predicates": float(not c.both_predicates),
            "subject": c.subject,
            "negation": float(c.negation),
            "modality": float(c.modality),
            "speaker": float(c.speaker),
            "subject_clash": float(c.subject_clash),
            "views": embedding if views is None else max(views, embedding),
            "opposed": float(c.opposed),
            "shingles": self.shingles,
            "csls": 0.0 if hub is None else 2 * embedding - hub,
            "alignment": embedding if aligned is None else aligned,
        }


def signals(a: Unit, b: Unit, idf: Idf, verbs: Mapping[str, Any] | None = None) -> Signals:
    share, conflict = number_signals(a, b)
    return Signals(
        lexical=idf.cosine(a, b),
        containment=idf.containment(a, b),
        run=min(common_run(a, b), 8) / 8,
        numbers=share,
        conflict=conflict,
        names=name_overlap(a, b),
        claims=claim_signals(a.claim, b.claim, verbs),
        shingles=shingle_share(a, b),
    )


def logit(features: Mapping[str, float]) -> float:
    w = model()
    return w["bias"] + sum(w.get(name, 0.0) * value for name, value in features.items())


def probability_of(features: Mapping[str, float]) -> float:
    z = max(-60.0, min(60.0, logit(features)))
    return 1.0 / (1.0 + math.exp(-z))


def candidates(units: Sequence[Unit], max_postings: int = 60) -> list[tuple[int, int]]:
    """Index pairs (i < j, different articles) that share a content word or a figure."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        for key in {*unit.words, *(f"#{n:g}" for n in unit.numbers)}:
            index[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for postings in index.values():
        if len(postings) > max_postings:
            continue
        for x in range(len(postings)):
            for y in range(x + 1, len(postings)):
                i, j = postings[x], postings[y]
                if units[i].article != units[j].article:
                    pairs.add((i, j) if i < j else (j, i))
    return sorted(pairs)


def veto(sig: Signals, lex_sure: float) -> bool:
    """Two claims that look like different facts whatever their words share: different
    actors doing different things ("Hamas fired rockets" / "Israel bombed southern Gaza"),
    or the same actors doing things unlike each other ("vowed to destroy Hamas rule" /
    "continued to bomb"), or opposite happenings ("began" / "ended": on the labelled
    pairs, 13 different facts and 1 same).  Near copies are otherwise never vetoed: the
    parse may be wrong.

    The model weighs the same signals for the pair itself (on real news a hard veto
    cost more right pairs than it saved); a vetoed pair can never make a fact
    "reported by all" (:mod:`parallax.facts.cluster`)."""
    c = sig.claims
    if c.opposed:
        return True  # "the strike began" / "the strike ended": however alike the words
    if sig.lexical >= lex_sure or not c.both_predicates:
        return False
    if c.subject_clash and c.predicate < 1.0:
        return True
    return c.predicate < 0.35 and c.subject > 0


HUB_K = 10  # neighbours whose mean cosine measures how close a statement comes to anything
# (on the BASIL dev events, leave one event out, 8 to 12 did better than 3, 5, 16 or all)


def hubs(units: Sequence[Unit], vectors: Mapping[str, Any], k: int = HUB_K) -> dict[Key, float]:
    """For each statement and each other article: the mean cosine of its ``k`` nearest
    statements there (fewer there: the rest count 0).  Some sentences are close to every
    sentence of a story (a general sentence about the event, a long one that touches
    everything), so a high cosine says less of them than of a specific sentence; the
    ``csls`` feature (cross-domain similarity local scaling: twice the pair's cosine
    less both statements' hubs) reads a cosine against that.  Statements without a
    vector have no hub."""
    by_article: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        if u.text in vectors:
            by_article[u.article].append(u)
    mats = {a: np.stack([vectors[u.text] for u in us]) for a, us in by_article.items()}
    articles = list(by_article)
    out: dict[Key, float] = {}
    for i, a in enumerate(articles):
        for b in articles[i + 1 :]:
            sims = mats[a] @ mats[b].T  # once per two articles: each side reads its rows
            for mine, theirs, rows in ((a, b, sims), (b, a, sims.T)):
                top = np.sort(rows, axis=1)[:, -min(k, rows.shape[1]) :]
                # an article of fewer than k statements: the missing neighbours count as
                # unrelated (0), else in a story of one sentence each the hub is the
                # pair's own cosine and the csls says nothing
                for u, value in zip(by_article[mine], top.sum(axis=1) / k, strict=True):
                    out[(u.article, u.index, theirs)] = float(value)
    return out


def _views_matter(
    sig: Signals, embedding: float, hub: float | None, sure: float, aligned: float | None = None
) -> bool:
    """Could the views' similarity (at least the embedding's, at most 1) take the pair
    over the threshold, or to ``sure``, when it is not there already?"""
    low = probability_of(sig.vector(embedding, embedding, hub, aligned))
    high = probability_of(sig.vector(embedding, 1.0, hub, aligned))
    return min(low, high) < sure and max(low, high) >= model()["threshold"]


def view_similarity(a: Unit, b: Unit, vectors: Mapping[str, Any]) -> float | None:
    """The best cosine between a view (or the whole) of ``a`` and one of ``b``; None
    when neither has views or a vector is missing."""
    if not a.views and not b.views:
        return None
    xs = [vectors[t] for t in (a.text, *a.views) if t in vectors]
    ys = [vectors[t] for t in (b.text, *b.views) if t in vectors]
    if not xs or not ys:
        return None
    return max(float(x @ y) for x in xs for y in ys)


def _states_of(embed: Embedder | None) -> StatesOf | None:
    """Word-piece states at the alignment's layer from the run's cache whose ``embed``
    method ``embed`` is (None for another embedder, or when the model does not weigh
    the alignment)."""
    if not model().get("alignment"):
        return None
    owner = getattr(embed, "__self__", None)
    token_states = getattr(owner, "token_states", None)
    if token_states is None:
        return None
    return lambda texts: dict(token_states(texts, ALIGN_LAYER))


def _alignments(
    kept: Sequence[tuple[Unit, Unit, Signals]],
    embedded: Sequence[float | None],
    idf: Idf,
    states: StatesOf | None,
) -> list[float | None]:
    """The word alignment (:func:`parallax.facts.align.alignment`) of each kept pair
    that has an embedding cosine (not a near copy), None for the others or without
    ``states``; each statement's word vectors are made once."""
    if states is None:
        return [None] * len(kept)
    texts = sorted(
        {
            u.text
            for (a, b, _), emb in zip(kept, embedded, strict=True)
            if emb is not None
            for u in (a, b)
        }
    )
    if not texts:
        return [None] * len(kept)
    words = {t: word_vectors(t, got) for t, got in states(texts).items()}
    return [
        None
        if emb is None or a.text not in words or b.text not in words
        else alignment(words[a.text], words[b.text], idf.weights)
        for (a, b, _), emb in zip(kept, embedded, strict=True)
    ]


def score_pairs(
    units: Sequence[Unit],
    embed: Embedder | None = None,
    options: FactsOptions | None = None,
    states: StatesOf | None = None,
) -> list[PairScore]:
    """Scores of every candidate pair (see the module docstring for the filter).

    ``embed`` gives sentence vectors (the run's cache); without it, or with
    ``options.embed`` off, the lexical cosine stands in for the embedding.  ``states``
    gives the encoder's word-piece states of texts at :data:`parallax.facts.align.LAYER`
    (the run's cache, which keeps them from the embedding pass) for the ``alignment``
    feature; when not given they come from the run's cache that ``embed`` belongs to
    (``embed.__self__.token_states``), and without either the embedding stands in for
    the alignment.
    """
    opts = options or FactsOptions()
    if states is None:
        states = _states_of(embed)
    idf = Idf(units)
    verbs: dict[str, Any] = {}
    if embed is not None and opts.embed:
        words = claim_words(u.claim for u in units)
        verbs = embed(words) if words else {}
    kept: list[tuple[Unit, Unit, Signals]] = []
    for i, j in candidates(units, opts.max_postings):
        a, b = units[i], units[j]
        sig = signals(a, b, idf, verbs)
        if sig.lexical < opts.lex_min and sig.numbers == 0:
            continue
        kept.append((a, b, sig))
    vectors: dict[str, Any] = {}
    if embed is not None and opts.embed and kept:
        vectors = embed(sorted({u.text for u in units}))
    hub = hubs(units, vectors) if vectors else {}
    embedded: list[float | None] = []
    for a, b, sig in kept:
        known = a.text in vectors and b.text in vectors and sig.lexical < opts.lex_sure
        embedded.append(float(vectors[a.text] @ vectors[b.text]) if known else None)

    aligned = _alignments(kept, embedded, idf, states if opts.embed else None)

    def hub_of(a: Unit, b: Unit) -> float | None:
        ha, hb = hub.get((a.article, a.index, b.article)), hub.get((b.article, b.index, a.article))
        return None if ha is None or hb is None else ha + hb

    # the views (one more text each) are embedded only for the pairs they could move:
    # those the threshold could accept with them and that are not sure already
    could = [
        (a, b)
        for (a, b, sig), emb, al in zip(kept, embedded, aligned, strict=True)
        if emb is not None
        and (a.views or b.views)
        and _views_matter(sig, emb, hub_of(a, b), opts.consensus, al)
    ]
    if embed is not None and could:
        vectors = {**vectors, **embed(sorted({v for pair in could for u in pair for v in u.views}))}
    looked = {(a.article, a.index, b.article, b.index) for a, b in could}
    out: list[PairScore] = []
    for (a, b, sig), emb, al in zip(kept, embedded, aligned, strict=True):
        lex = sig.lexical
        views = None
        if emb is not None and (a.article, a.index, b.article, b.index) in looked:
            views = view_similarity(a, b, vectors)
        p = probability_of(sig.vector(lex if emb is None else emb, views, hub_of(a, b), al))
        emb = lex if emb is None else emb
        c = sig.claims
        out.append(
            PairScore(
                a,
                b,
                lex,
                emb,
                sig.numbers,
                sig.conflict,
                sig.names,
                p,
                c.negation,
                c.predicate,
                veto(sig, opts.lex_sure),
                polarity_clash(a.claim, b.claim),
            )
        )
    return out
