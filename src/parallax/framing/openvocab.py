"""Open-vocabulary loaded words: a small logistic model over what a careful reader uses.

Every content word (adjective, adverb, verb, noun) gets a probability of being loaded
from features of the word in its sentence:

- the **lexicons**: pattern's subjectivity and polarity, VADER's valence
  (:mod:`parallax.framing.subjectivity`), and Parallax's own table of labels and
  emotive words;
- the **parse**: an adjective or adverb judging an actor or action (modifier of a
  person, a predicate adjective, an adverb on a verb), a verb of speaking that
  characterises ("slammed", "railed", "bragged") rather than reports ("said");
- **scare quotes**: a word or two the outlet puts in quotation marks;
- **the other outlets** (when the story has several): a word is more telling when
  no other outlet used it;
- generic intensifiers ("very", "really") and named entities count against;
- **the word in its sentence**: the encoder's state of the word after its third layer
  (:mod:`parallax.framing.context`), 384 weights of its own (``context``).

The weights (``parallax/data/loaded_model.json``) are fitted by
``eval/fit_loaded.py`` on the development part of two annotated corpora of real
news; nothing is learned at run time.  The model has two operating points: the
weights and threshold of a lone article (fitted with the partisan single articles and
the fictional floors), and ``several``, weights and a threshold of their own for a
story told by several outlets (no word priors, the three-outlet events weighed down:
chosen out of fold on the development three-outlet events).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

import numpy as np

from parallax.framing.subjectivity import word_scores
from parallax.model import Offsets

CONTENT = frozenset({"ADJ", "ADV", "VERB", "NOUN"})
INTENSIFIERS = frozenset(
    "very really extremely so too quite highly clearly obviously truly totally absolutely "
    "completely entirely utterly deeply incredibly particularly especially just even".split()
)
PLAIN_SPEECH = frozenset(
    "say said says tell told tells state add note wrote written explain report announce "
    "write ask reply answer respond comment confirm describe mention".split()
)
SPEECH_CUES = frozenset({"ccomp", "xcomp"})
PERSONS = frozenset({"PERSON", "NORP", "ORG", "GPE"})

FEATURES = (
    "pattern_subjectivity",
    "pattern_polarity",
    "in_pattern",
    "vader_strength",
    "vader_negative",
    "in_vader",
    "lexicon_label",
    "lexicon_other",
    "adj",
    "adv",
    "verb",
    "noun",
    "judges_actor",
    "predicate_adj",
    "adverb_on_verb",
    "superlative",
    "characterising_speech",
    "plain_speech",
    "scare_quote",
    "in_quote",
    "intensifier",
    "entity",
    "capitalised",
    "sentence_subjectivity",
    "exclamation",
    "others_absent",
    "others_present",
    "subjective_adj",
    "negative_verb",
    "long_word",
    "word_prior",
    "word_seen",
)


@dataclass(frozen=True, slots=True)
class Priors:
    """How often annotators marked each word (by :func:`stem`) in the development data:
    ``words[stem] = (marked, seen)``; ``base`` is the overall share, ``smoothing`` the
    weight of that share for rare words."""

    words: Mapping[str, tuple[int, int]]
    base: float
    smoothing: float

    def rate(self, word: str) -> tuple[float, int]:
        marked, seen = self.words.get(word, (0, 0))
        return (marked + self.smoothing * self.base) / (seen + self.smoothing), seen


NO_PRIORS = Priors({}, 0.0, 1.0)


@dataclass(frozen=True, slots=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    priors: Priors = NO_PRIORS
    # lexicon terms annotators of real news rarely mark: text -> (marked, flagged) on dev
    demoted: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    # weights of the word's layer-3 MiniLM state (parallax.framing.context); () for none
    context: tuple[float, ...] = ()
    # the weights and threshold where the story has other outlets to contrast with
    # (fitted apart by eval/fit_loaded.py; None: this model's own)
    several: Model | None = None

    def for_story(self, others: bool) -> Model:
        """The model that scores the words of an article: ``several`` where the story
        has other outlets (when fitted), else this one."""
        if others and self.several is not None:
            return self.several
        return self

    def threshold_for(self, others: bool) -> float:
        """The operating point of :meth:`for_story`."""
        return self.for_story(others).threshold

    def context_score(self, vector: Any) -> float:
        """The state's part of the logit (0 for a word without a state)."""
        if not self.context or vector is None:
            return 0.0
        return float(np.dot(np.asarray(self.context, np.float32), vector))


@dataclass(frozen=True, slots=True)
class Scored:
    """A content word with its probability of being loaded and the reasons that count."""

    i: int  # token index
    probability: float
    reasons: tuple[str, ...]


@cache
def load_model() -> Model:
    raw = resources.files("parallax").joinpath("data/loaded_model.json").read_text("utf-8")
    data = json.loads(raw)
    prior = data.get("priors") or {}
    several = data.get("several")
    return Model(
        features=tuple(data["features"]),
        weights=tuple(float(w) for w in data["weights"]),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        priors=Priors(
            words={str(k): (int(v[0]), int(v[1])) for k, v in prior.get("words", {}).items()},
            base=float(prior.get("base", 0.0)),
            smoothing=float(prior.get("smoothing", 1.0)),
        ),
        demoted={str(k): (int(v[0]), int(v[1])) for k, v in data.get("demoted", {}).items()},
        context=tuple(float(w) for w in data.get("context", ())),
        several=(
            Model(
                features=tuple(data["features"]),
                weights=tuple(float(w) for w in several["weights"]),
                bias=float(several["bias"]),
                threshold=float(several["threshold"]),
                context=tuple(float(w) for w in several.get("context", ())),
            )
            if several
            else None
        ),
    )


def scare_regions(
    text: str, quoted: Sequence[Offsets], paragraphs: Sequence[Offsets]
) -> list[Offsets]:
    """Quoted stretches of one to three words: the outlet distancing itself from a word."""
    from parallax.voices.quotes import quote_regions

    out = []
    for p0, p1 in paragraphs:
        for a, b in quote_regions(text[p0:p1]):
            if 1 <= len(text[p0 + a : p0 + b].split()) <= 3:
                out.append((p0 + a, p0 + b))
    return out


def within(regions: Sequence[Offsets]) -> Callable[[int, int], bool]:
    """A test of whether a span lies inside one of ``regions``, in O(log n) a span (a
    scan of every quote for every word made long texts quadratic): the regions sorted by
    start, with the furthest end reached so far."""
    pairs = sorted(regions)
    starts = [a for a, _ in pairs]
    reach = list(accumulate((b for _, b in pairs), max))

    def inside(start: int, end: int) -> bool:
        i = bisect_right(starts, start) - 1
        return i >= 0 and reach[i] >= end

    return inside


def _judges_actor(tok: Any) -> bool:
    """An adjective modifying a person or group, or said of one ("X is reckless")."""
    head = tok.head
    if tok.dep_ == "amod":
        return head.ent_type_ in PERSONS or head.pos_ == "PROPN" or head.lower_ in _PEOPLE
    if tok.dep_ in ("acomp", "attr", "oprd"):
        return any(
            c.dep_ in ("nsubj", "nsubjpass")
            and (c.ent_type_ in PERSONS or c.pos_ in ("PROPN", "PRON"))
            for c in head.children
        )
    return False


_PEOPLE = frozenset(
    "people man woman men women leader leaders official officials group president senator "
    "lawmakers politicians critics supporters voters activists protesters government party".split()
)


@lru_cache(maxsize=65536)
def forms(word: str) -> tuple[str, ...]:
    """The word and the base forms it may have (no lemmatizer runs here):
    "brazenly" -> "brazen", "angrily" -> "angry", "slammed" -> "slam", "railing" -> "rail"."""
    out = [word]
    for suffix, repl in (
        ("ily", "y"),
        ("ly", ""),
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: len(word) - len(suffix)] + repl
            out.append(base)
            if suffix in ("ed", "ing") and not repl and len(base) > 3 and base[-1] == base[-2]:
                out.append(base[:-1])  # slammed -> slam
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, to tell whether another outlet used the same word in another form."""
    for suffix in ("ingly", "edly", "ing", "ed", "ly", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)]
    return word


def _is_speech_verb(tok: Any) -> bool:
    return tok.pos_ == "VERB" and any(c.dep_ in SPEECH_CUES for c in tok.children)


def features(
    tok: Any,
    *,
    sentence_subjectivity: float,
    exclamation: bool,
    lexicon_category: str | None,
    quoted: bool,
    scare: bool,
    others: frozenset[str] | None,
    priors: Priors = NO_PRIORS,
) -> dict[str, float]:
    s = word_scores(*forms(tok.lower_))
    pos = tok.pos_
    lemma = stem(tok.lower_)
    speech = _is_speech_verb(tok)
    plain = any(f in PLAIN_SPEECH for f in forms(tok.lower_))
    f = {
        "pattern_subjectivity": s.subjectivity,
        "pattern_polarity": abs(s.polarity),
        "in_pattern": float(s.in_pattern),
        "vader_strength": abs(s.valence) / 4,
        "vader_negative": float(s.valence < 0),
        "in_vader": float(s.in_vader),
        "lexicon_label": float(lexicon_category == "label"),
        "lexicon_other": float(lexicon_category not in (None, "label", "intensifier")),
        "adj": float(pos == "ADJ"),
        "adv": float(pos == "ADV"),
        "verb": float(pos == "VERB"),
        "noun": float(pos == "NOUN"),
        "judges_actor": float(pos == "ADJ" and _judges_actor(tok)),
        "predicate_adj": float(pos == "ADJ" and tok.dep_ in ("acomp", "oprd")),
        "adverb_on_verb": float(pos == "ADV" and tok.dep_ == "advmod" and tok.head.pos_ == "VERB"),
        "superlative": float(tok.tag_ in ("JJS", "RBS")),
        "characterising_speech": float(speech and not plain),
        "plain_speech": float(plain),
        "scare_quote": float(scare),
        "in_quote": float(quoted),
        "intensifier": float(tok.lower_ in INTENSIFIERS or lexicon_category == "intensifier"),
        "entity": float(bool(tok.ent_type_)),
        "capitalised": float(tok.text[:1].isupper() and not tok.is_sent_start),
        "sentence_subjectivity": sentence_subjectivity,
        "exclamation": float(exclamation),
        "others_absent": float(others is not None and lemma not in others),
        "others_present": float(others is not None and lemma in others),
        "subjective_adj": s.subjectivity * float(pos in ("ADJ", "ADV")),
        "negative_verb": abs(min(s.valence, 0.0)) / 4 * float(pos == "VERB"),
        "long_word": min(len(tok.text), 15) / 15,
    }
    rate, seen = priors.rate(lemma)
    f["word_prior"] = 5 * rate
    f["word_seen"] = math.log1p(seen) / 5
    return f


def probability(model: Model, feats: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    """P(loaded) and the features that pushed it up most (strongest first)."""
    parts = [(w * feats.get(n, 0.0), n) for n, w in zip(model.features, model.weights, strict=True)]
    parts.append((feats.get("context", 0.0), "context"))
    z = model.bias + sum(p for p, _ in parts)
    reasons = tuple(n for p, n in sorted(parts, reverse=True)[:3] if p > 0.2)
    return 1 / (1 + math.exp(-z)), reasons


def candidates(doc: Any) -> list[Any]:
    """Content words outside names, dates and amounts (a nationality or group, NORP,
    may be a label and stays)."""
    return [
        t
        for t in doc
        if t.pos_ in CONTENT
        and t.is_alpha
        and not t.is_stop
        and len(t) > 2
        and (not t.ent_type_ or t.ent_type_ == "NORP")
    ]


def sentence_contexts(doc: Any) -> dict[int, tuple[float, bool]]:
    """Token index -> (mean pattern subjectivity of its sentence's words, has "!")."""
    out: dict[int, tuple[float, bool]] = {}
    for sent in doc.sents:
        subj = [word_scores(*forms(t.lower_)).subjectivity for t in sent if t.is_alpha]
        mean = sum(subj) / len(subj) if subj else 0.0
        bang = any(t.text == "!" for t in sent)
        for t in sent:
            out[t.i] = (mean, bang)
    return out


def vocabulary(docs: Sequence[Any]) -> frozenset[str] | None:
    """Lemmas the other outlets used (None when the story has no other article)."""
    if not docs:
        return None
    return frozenset(stem(t.lower_) for d in docs for t in d if t.is_alpha)


def token_rows(
    doc: Any,
    text: str,
    paragraphs: Sequence[Offsets],
    quoted: Sequence[Offsets],
    lexicon_hits: dict[int, str],
    others: Sequence[Any] = (),
    priors: Priors = NO_PRIORS,
) -> list[tuple[Any, dict[str, float]]]:
    """Every candidate word with its features."""
    in_scare = within(scare_regions(text, quoted, paragraphs))
    in_quote = within(quoted)
    ctx = sentence_contexts(doc)
    vocab = vocabulary(others)
    rows = []
    for tok in candidates(doc):
        start, end = tok.idx, tok.idx + len(tok.text)
        subj, bang = ctx.get(tok.i, (0.0, False))
        rows.append(
            (
                tok,
                features(
                    tok,
                    sentence_subjectivity=subj,
                    exclamation=bang,
                    lexicon_category=lexicon_hits.get(tok.i),
                    quoted=in_quote(start, end),
                    scare=in_scare(start, end),
                    others=vocab,
                    priors=priors,
                ),
            )
        )
    return rows
