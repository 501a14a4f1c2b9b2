"""Which statements of different articles report the same fact.

A cheap filter first: an inverted index of content words and figures proposes only
pairs that share something, and their lexical cosine is computed.  Pairs that share
almost nothing are never compared.  Pairs that are near copies (lexical cosine at or
above ``FactsOptions.lex_sure``) need no model.  Only the pairs in between get the expensive
sentence embedding.  A logistic model over all the signals (weights in
``parallax/data/fact_model.json``, fitted by ``eval/fit_facts.py`` on the labeled
pairs) decides.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from parallax.facts.features import Idf, Unit, name_overlap, number_signals
from parallax.options import FactsOptions

Embedder = Callable[[Sequence[str]], dict[str, Any]]  # text -> unit-length vector


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


@cache
def model() -> dict[str, float]:
    raw = resources.files("parallax").joinpath("data/fact_model.json").read_text("utf-8")
    return {k: float(v) for k, v in json.loads(raw).items() if not k.startswith("_")}


def probability(
    lexical: float, embedding: float, numbers: float, conflict: bool, names: float
) -> float:
    w = model()
    z = (
        w["bias"]
        + w["lexical"] * lexical
        + w["embedding"] * embedding
        + w.get("embedding_squared", 0.0) * embedding * embedding
        + w["numbers"] * numbers
        + w["number_conflict"] * float(conflict)
        + w["names"] * names
    )
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


def _undecided(lex: float, share: float, conflict: bool, names: float) -> bool:
    """Could the embedding change the decision?  Not when even a perfect (1.0) or a
    null (0.0) embedding similarity leaves the probability on the same side."""
    threshold = model()["threshold"]
    low = probability(lex, 0.0, share, conflict, names)
    high = probability(lex, 1.0, share, conflict, names)
    return min(low, high) < threshold <= max(low, high)


def score_pairs(
    units: Sequence[Unit], embed: Embedder | None = None, options: FactsOptions | None = None
) -> list[PairScore]:
    """Scores of every candidate pair (see the module docstring for the filter).

    ``embed`` gives sentence vectors (the run's cache); without it, or with
    ``options.embed`` off, the lexical cosine stands in for the embedding.
    """
    opts = options or FactsOptions()
    idf = Idf(units)
    kept: list[tuple[Unit, Unit, float, float, bool, float]] = []
    for i, j in candidates(units, opts.max_postings):
        a, b = units[i], units[j]
        lex = idf.cosine(a, b)
        share, conflict = number_signals(a, b)
        if lex < opts.lex_min and share == 0:
            continue
        kept.append((a, b, lex, share, conflict, name_overlap(a, b)))
    need = [
        (a, b)
        for a, b, lex, share, conflict, names in kept
        if lex < opts.lex_sure and _undecided(lex, share, conflict, names)
    ]
    vectors: dict[str, Any] = {}
    if embed is not None and opts.embed and need:
        vectors = embed(sorted({u.text for pair in need for u in pair}))
    out: list[PairScore] = []
    for a, b, lex, share, conflict, names in kept:
        known = a.text in vectors and b.text in vectors
        emb = float(vectors[a.text] @ vectors[b.text]) if known and lex < opts.lex_sure else lex
        p = probability(lex, emb, share, conflict, names)
        out.append(PairScore(a, b, lex, emb, share, conflict, names, p))
    return out
