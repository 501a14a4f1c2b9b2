"""Word alignment of two statements (parallax.facts.align) and its place in the scores."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from parallax.facts import match
from parallax.facts.align import LAYER, WordVectors, alignment, word_vectors
from parallax.facts.features import make_unit
from parallax.facts.match import score_pairs
from parallax.minilm import PieceStates
from parallax.runtime import STATES_LAYER, RunCache


def _words(pairs: Sequence[tuple[str, Sequence[float]]]) -> WordVectors:
    m = np.array([v for _, v in pairs], np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    return WordVectors(tuple(w for w, _ in pairs), m)


def test_alignment_is_one_for_the_same_words_and_weighs_rare_words_more() -> None:
    a = _words([("rebels", [1, 0, 0]), ("seized", [0, 1, 0])])
    assert alignment(a, a, {}) == 1.0
    b = _words([("rebels", [1, 0, 0]), ("left", [0, 0, 1])])  # shares one of two words
    plain = alignment(a, b, {})
    assert plain is not None and 0.4 < plain < 0.6
    rare_shared = alignment(a, b, {"rebels": 5.0, "seized": 1.0, "left": 1.0})
    rare_other = alignment(a, b, {"rebels": 1.0, "seized": 5.0, "left": 5.0})
    assert rare_shared is not None and rare_other is not None
    assert rare_shared > plain > rare_other
    assert alignment(a, WordVectors((), np.zeros((0, 0), np.float32)), {}) is None


def test_word_vectors_keep_content_words_with_the_mean_of_their_pieces() -> None:
    text = "The rebels seized it"
    offsets = ((0, 0), (0, 3), (4, 8), (8, 10), (11, 17), (18, 20), (0, 0))
    states = np.eye(7, 4, dtype=np.float32) + 0.1
    got = word_vectors(text, PieceStates(offsets, states))
    assert got.words == ("rebels", "seized")  # "the" and "it" are stopwords
    rebels = states[2:4].mean(axis=0)
    assert np.allclose(got.vectors[0], rebels / np.linalg.norm(rebels))
    assert np.allclose(np.linalg.norm(got.vectors, axis=1), 1.0)


class _Counting(RunCache):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[int, int]] = []

    def token_states(self, texts: Sequence[str], layer: int = 3) -> dict[str, Any]:
        self.asked.append((len(texts), layer))
        return super().token_states(texts, layer)


def test_scores_read_the_kept_states_only_for_a_model_that_weighs_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = (
        "The rebels seized the northern town of Kidal on Sunday.",
        "On Sunday insurgents took control of Kidal, a town in the north.",
        "The finance minister resigned over the budget.",
    )
    units = [
        make_unit("a", 0, 0, len(texts[0]), texts[0]),
        make_unit("b", 0, 0, len(texts[1]), texts[1]),
        make_unit("b", 1, 0, len(texts[2]), texts[2]),
    ]
    cache = _Counting()
    shipped = score_pairs(units, cache.embed)
    assert not cache.asked or match.model().get("alignment")  # not weighed: not computed
    weighs = {**match.model(), "alignment": 3.0}
    monkeypatch.setattr(match, "model", lambda: weighs)
    with_words = score_pairs(units, cache.embed)
    assert cache.asked and all(layer == LAYER for _, layer in cache.asked)
    assert LAYER == STATES_LAYER  # the layer the embedding pass keeps: no second pass
    without = score_pairs(units, cache.embed, states=lambda texts: {})
    assert (
        [s.b.text for s in with_words] == [s.b.text for s in without] == [s.b.text for s in shipped]
    )
    # without the states the embedding stands in for the alignment: another probability
    assert any(
        abs(x.probability - y.probability) > 1e-6 for x, y in zip(with_words, without, strict=True)
    )
