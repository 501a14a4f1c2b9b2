"""Word alignment of two statements by their contextual word vectors (BERTScore-style).

A sentence vector is one point for the whole sentence: two reports of one happening in
other words ("outraising the college professor" / "He raised just over $200,000 ...
while Cantor spent more than $1 million") score about as close as two sentences on the
same topic.  Aligning their words says more: each content word of one statement is
matched to the word of the other whose contextual vector is closest, and the cosines
are averaged, each word weighed by its idf in the story (Zhang et al., "BERTScore",
ICLR 2020, greedy matching with idf weights).  The F1 of the two directions is the
``alignment`` feature of :mod:`parallax.facts.match`.

The word vectors are the encoder's word-piece states after :data:`LAYER`, which the
run's embedding pass keeps anyway (``RunCache.token_states``): no second forward pass
runs for them.  A word's vector is the mean of its pieces' states.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from parallax.tokens import STOPWORDS, tokenize

LAYER = 3  # the layer the embedding pass keeps (runtime.STATES_LAYER); see the README


@dataclass(frozen=True, slots=True)
class WordVectors:
    """The content words of one statement and their unit-length contextual vectors."""

    words: tuple[str, ...]
    vectors: np.ndarray  # words x hidden, float32, rows of length 1


def word_vectors(text: str, states: Any) -> WordVectors:
    """The content words of ``text`` (not stopwords, not bare figures, as
    :func:`parallax.facts.features.make_unit` keeps them) with the mean state of their
    word pieces in ``states`` (:class:`parallax.minilm.PieceStates`); a word the encoder
    cut off is left out."""
    tokens = tokenize(text)
    words: list[str] = []
    rows: list[np.ndarray] = []
    for word, start, end in zip(tokens.words, tokens.starts, tokens.ends, strict=True):
        if word in STOPWORDS or word.isdigit():
            continue
        vector = states.word(start, end)
        if vector is None:
            continue
        words.append(word)
        rows.append(vector)
    if not rows:
        return WordVectors((), np.zeros((0, 0), np.float32))
    matrix = np.stack(rows).astype(np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return WordVectors(tuple(words), matrix)


def alignment(a: WordVectors, b: WordVectors, idf: Mapping[str, float]) -> float | None:
    """The idf-weighted greedy alignment F1 of two statements (None when either has no
    content word): each word's best cosine in the other statement, averaged per side
    with idf weights (a word the story's idf does not know weighs 1), and the harmonic
    mean of the two sides."""
    if not a.words or not b.words:
        return None
    sims = a.vectors @ b.vectors.T
    wa = np.array([idf.get(w, 1.0) for w in a.words])
    wb = np.array([idf.get(w, 1.0) for w in b.words])
    recall = float(sims.max(axis=1) @ wa / wa.sum())
    precision = float(sims.max(axis=0) @ wb / wb.sum())
    if recall + precision <= 0:
        return 0.0
    return 2 * recall * precision / (recall + precision)
