"""The numpy MiniLM gives sentence-transformers' vectors, so the facts model stays valid."""

from __future__ import annotations

import functools
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parallax.errors import ParallaxError
from parallax.minilm import MiniLM, PieceStates

SENTENCES = [
    "Police fired tear gas at protesters outside the port on Friday.",
    "Officers used tear gas on demonstrators at the harbour.",
    "The central bank raised interest rates by half a percentage point.",
    "“We will not back down,” the union leader said.",
    "",
    "word " * 300,  # longer than 128 tokens: cut, as sentence-transformers cuts it
]


def test_numpy_minilm_matches_sentence_transformers() -> None:
    from sentence_transformers import SentenceTransformer

    ours = MiniLM()
    reference = SentenceTransformer(str(ours.folder), device="cpu")
    reference.max_seq_length = 128
    expected = reference.encode(SENTENCES, normalize_embeddings=True)
    got = ours.encode(SENTENCES)
    assert got.shape == expected.shape == (len(SENTENCES), 384)
    assert np.abs(got - expected).max() < 1e-5
    # order and batching do not change a vector
    again = ours.encode(list(reversed(SENTENCES)), batch_size=2)[::-1]
    assert np.abs(again - got).max() < 1e-5
    assert ours.encode([]).shape == (0, 384)


def test_compare_imports_no_torch(tmp_path: pytest.TempPathFactory) -> None:
    code = (
        "import sys; from parallax.runtime import load_embedder; "
        "v = load_embedder().encode(['a sentence', 'another one']); "
        "assert v.shape == (2, 384); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('torch', 'sentence_transformers', 'transformers')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_embedder_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from parallax.runtime import embedder_name

    monkeypatch.setenv("PARALLAX_EMBEDDER", "bert-large")
    with pytest.raises(ParallaxError, match="not an embedder"):
        embedder_name()


def test_word_piece_states_come_from_the_same_pass_as_the_vectors() -> None:
    ours = MiniLM()
    vectors, states = ours.encode_with_states(SENTENCES, 3, batch_size=2)
    assert np.array_equal(vectors, ours.encode(SENTENCES, batch_size=2))  # bit for bit
    first = states[0]
    assert first.states.shape == (len(first.offsets), 384)
    start = SENTENCES[0].index("protesters")
    word = first.word(start, start + len("protesters"))
    pieces = [
        k for k, (a, b) in enumerate(first.offsets) if a >= start and b <= start + 10 and b > a
    ]
    assert word is not None and pieces
    assert np.allclose(word, first.states[pieces].mean(axis=0))
    # a word's state depends on its sentence: "tear gas" differs between two sentences
    a, b = (s.index("tear") for s in SENTENCES[:2])
    va, vb = states[0].word(a, a + 4), states[1].word(b, b + 4)
    assert va is not None and vb is not None and not np.allclose(va, vb)
    assert states[-1].word(len(SENTENCES[-1]) - 5, len(SENTENCES[-1])) is None  # cut off
    with pytest.raises(ParallaxError, match="not a layer"):
        ours.encode_with_states(SENTENCES, 9)


def test_states_alone_stop_after_their_layer_and_are_the_same_bit_for_bit() -> None:
    ours = MiniLM()
    _, full = ours.encode_with_states(SENTENCES, 3, batch_size=2)
    alone = ours.states(SENTENCES, 3, batch_size=2)
    assert len(alone) == len(full)
    for a, b in zip(alone, full, strict=True):
        assert a.offsets == b.offsets and np.array_equal(a.states, b.states)
    last = ours.states(SENTENCES[:2], 6)  # the last layer: what the pooled vector averages
    assert last[0].states.shape == (len(last[0].offsets), 384)
    with pytest.raises(ParallaxError, match="not a layer"):
        ours.states(SENTENCES, 0)


def test_the_last_layers_resumed_from_states_give_the_vectors_of_a_whole_pass() -> None:
    ours = MiniLM()
    whole = ours.encode(SENTENCES, batch_size=2)
    states = ours.states(SENTENCES, 3, batch_size=2)
    order = list(reversed(range(len(SENTENCES))))  # other batches: rounding only
    resumed = ours.resume([states[i] for i in order], 3, batch_size=3)
    assert np.allclose(resumed, whole[order], atol=1e-6)
    assert np.allclose(np.linalg.norm(resumed, axis=1), 1.0, atol=1e-6)
    assert ours.resume([], 3).shape == (0, 384)
    with pytest.raises(ParallaxError, match="not a layer"):
        ours.resume(states, 7)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab é,.'’-“”\n1😀中Ωx"), max_size=300),
    start=st.integers(0, 301),
    width=st.integers(0, 8),
)
def test_a_words_pieces_found_by_bisection_are_those_a_full_scan_finds(
    text: str, start: int, width: int
) -> None:
    enc = _tokenizer().encode(text)
    offsets = tuple((int(a), int(b)) for a, b in enc.offsets)
    states = PieceStates(offsets, np.arange(2.0 * len(offsets), dtype=np.float32).reshape(-1, 2))
    end = start + width
    rows = [k for k, (a, b) in enumerate(offsets) if b > a and min(b, end) > max(a, start)]
    got = states.word(start, end)
    if rows:
        assert got is not None and np.array_equal(got, states.states[rows].mean(axis=0))
    else:
        assert got is None


@functools.cache
def _tokenizer() -> Any:
    return MiniLM().tokenizer
