"""The word in its sentence: MiniLM's hidden state of a candidate word, for the
loaded-word model (:mod:`parallax.framing.openvocab`).

The same word is loaded in one sentence and plain in another ("a brutal winter",
"a brutal regime"); the lexicons and the parse see little of that.  The encoder that
embeds every sentence for the facts stage also gives, after its third layer, a state
for each word piece; a word's state is the mean over its pieces.  The run cache
keeps these states from the pass that gave the facts stage its sentence vectors, and
runs the encoder only up to this layer for the other sentences
(``RunCache.token_states``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from parallax.minilm import MiniLM, PieceStates
from parallax.model import Offsets

LAYER = 3  # measured on dev (eval/fit_loaded.py): layer 3 beat layer 6
StatesOf = Callable[[Sequence[str]], Mapping[str, PieceStates]]


@cache
def _encoder() -> MiniLM:
    return MiniLM()


def own_states(texts: Sequence[str]) -> dict[str, PieceStates]:
    """Layer-:data:`LAYER` states without a run cache (one process-wide encoder)."""
    unique = list(dict.fromkeys(texts))
    _, states = _encoder().encode_with_states(unique, LAYER, batch_size=32)
    return dict(zip(unique, states, strict=True))


def word_vectors(
    text: str, sentences: Sequence[Offsets], tokens: Sequence[Any], states_of: StatesOf
) -> dict[int, np.ndarray]:
    """Token index -> mean layer state of its word pieces, in its sentence of ``text``
    (absent when the token lies in no sentence or past the encoder's 128 pieces)."""
    starts = [a for a, _ in sentences]
    where: dict[int, tuple[int, int, int]] = {}  # token -> (sentence, start, end) in it
    for tok in tokens:
        k = bisect_right(starts, tok.idx) - 1
        if k >= 0 and tok.idx + len(tok.text) <= sentences[k][1]:
            a = sentences[k][0]
            where[tok.i] = (k, tok.idx - a, tok.idx + len(tok.text) - a)
    if not where:
        return {}
    texts = {k: text[sentences[k][0] : sentences[k][1]] for k, _, _ in where.values()}
    states = states_of(list(dict.fromkeys(texts.values())))
    out = {}
    for i, (k, a, b) in where.items():
        vector = states[texts[k]].word(a, b)
        if vector is not None:
            out[i] = vector
    return out
