"""Loaded terms in context.

A lexicon word is loaded only when its context says so:
- **part of speech**: "storm" and "pound" are loaded as verbs, not as nouns;
- **neutralising neighbours**: "tax regime", "claimed responsibility", "crushing
  defeat", "admitted to hospital" are plain uses;
- **names**: a word inside a named entity ("Storm Ciara") is not the outlet's choice;
- **quotation**: a word inside a direct quote is the speaker's, not the outlet's; it is
  reported with ``quoted: true`` and left out of the outlet's rate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parallax.framing.context import StatesOf, own_states, word_vectors
from parallax.framing.lexicon import Entry, lexicon
from parallax.framing.openvocab import (
    Model,
    load_model,
    probability,
    scare_regions,
    stem,
    token_rows,
    vocabulary,
    within,
)
from parallax.model import Article, Offsets
from parallax.sections import optional_str


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another wording for a loaded term.

    Wording the story's other outlets actually wrote ("others wrote") names its
    ``article``, ``outlet`` and where it stands (``start``/``end`` in that article):
    ``source`` "same passage" (the word another outlet has in the same copied
    passage) or "label for X" (another outlet's label for the same actor).  A generic
    suggestion from the lexicon (``source`` "suggestion") names no article: nobody in
    the story wrote it."""

    text: str
    source: str
    article: str | None = None
    outlet: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def written(self) -> bool:
        """Did another outlet of the story write it?"""
        return self.article is not None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "source": self.source}
        if self.article is not None:
            out["article"] = self.article
        if self.outlet is not None:
            out["outlet"] = self.outlet
        if self.start is not None and self.end is not None:
            out["start"] = self.start
            out["end"] = self.end
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Alternative:
        start, end = data.get("start"), data.get("end")
        return cls(
            text=str(data["text"]),
            source=str(data["source"]),
            article=optional_str(data.get("article")),
            outlet=optional_str(data.get("outlet")),
            start=int(start) if start is not None else None,
            end=int(end) if end is not None else None,
        )


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loaded term.  ``neutral`` (the lexicon's neutral words) is read while finding
    alternatives; the ``loaded`` section holds terms without it, as its JSON form
    does (the neutral words are among the ``alternatives``)."""

    article: str
    start: int
    end: int
    text: str
    category: str
    quoted: bool
    neutral: tuple[str, ...]
    source: str
    alternatives: tuple[Alternative, ...] = ()
    why: str = ""
    strength: float = 0.0  # how surely loaded, 0..1: the report puts the strongest first
    shared: bool = False  # every outlet of the story uses this word: shared wording

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "quoted": self.quoted,
            "alternatives": [a.to_dict() for a in self.alternatives],
            "lexicon_source": self.source,
            "why": self.why,
            "strength": self.strength,
            "shared": self.shared,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Loaded:
        return cls(
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            category=str(data["category"]),
            quoted=bool(data.get("quoted", False)),
            neutral=(),
            source=str(data.get("lexicon_source") or ""),
            alternatives=tuple(Alternative.from_dict(a) for a in data.get("alternatives") or ()),
            why=str(data.get("why") or ""),
            strength=float(data.get("strength") or 0.0),
            shared=bool(data.get("shared", False)),
        )


def _words(doc: Any, i: int, n: int) -> tuple[str, ...]:
    return tuple(t.lower_ for t in doc[i : i + n])


def _neutralised(doc: Any, i: int, length: int, entry: Entry) -> bool:
    after = [t.lower_ for t in doc[i + length : i + length + 4] if not t.is_punct]
    before = [t.lower_ for t in doc[max(0, i - 3) : i] if not t.is_punct]
    for words in entry.unless:
        n = len(words)
        if tuple(after[:n]) == words or tuple(after[1 : 1 + n]) == words:
            return True
        if n == 1 and words[0] in before[-2:]:
            return True
    return False


def _candidates(index: dict[str, list[Entry]], tok: Any) -> list[Entry]:
    """Entries for a token, also trying the singular of a plural noun ("hooligans")."""
    found = index.get(tok.lower_, [])
    if not found and tok.tag_ in ("NNS", "NNPS") and tok.lower_.endswith("s"):
        singular = index.get(tok.lower_[:-1], [])
        return [e for e in singular if len(e.term) == 1]
    return found


def lexicon_terms(article: Article, doc: Any, quoted: list[Offsets]) -> list[tuple[int, Loaded]]:
    """Lexicon terms judged in context, with the index of their first token."""
    return _lexicon_pass(article, doc, quoted, set())


def _lexicon_pass(
    article: Article, doc: Any, quoted: list[Offsets], plain: set[int]
) -> list[tuple[int, Loaded]]:
    """Lexicon terms; ``plain`` receives the tokens of entries their context made
    neutral ("crushing defeat", "Storm Ciara"), which the model must not flag either."""
    index = lexicon()
    in_quote = within(quoted)
    out: list[tuple[int, Loaded]] = []
    skip_until = -1
    for tok in doc:
        if tok.i < skip_until:
            continue
        for entry in _candidates(index, tok):
            n = len(entry.term)
            if _words(doc, tok.i, n) != entry.term and not (
                n == 1 and entry.term[0] == tok.lower_[:-1]
            ):
                continue
            if entry.pos and n == 1 and tok.pos_ != entry.pos:
                continue
            if tok.ent_type_ and tok.ent_iob_ != "O" and tok.pos_ == "PROPN":
                plain.add(tok.i)
                continue  # part of a name
            if _neutralised(doc, tok.i, n, entry):
                plain.update(range(tok.i, tok.i + n))
                continue
            start = tok.idx
            end = doc[tok.i + n - 1].idx + len(doc[tok.i + n - 1].text)
            inside = in_quote(start, end)
            why = f"listed as {entry.category} ({entry.source.replace(';', ', ')})"
            term = Loaded(
                article.id,
                start,
                end,
                article.text[start:end],
                entry.category,
                inside,
                entry.neutral,
                entry.source,
                why=why,
                strength=_LEXICON_STRENGTH.get(entry.category, 0.5),
            )
            out.append((tok.i, term))
            skip_until = tok.i + n
            break
    return out


_ALPHA = re.compile(r"[a-z]+")
Flagged = tuple[Any, float, tuple[str, ...], dict[str, float]]  # token, P, reasons, features


def scored_words(
    article: Article,
    doc: Any,
    quoted: list[Offsets],
    others: Sequence[Any] = (),
    model: Model | None = None,
    states_of: StatesOf | None = None,
) -> tuple[list[Loaded], list[Flagged]]:
    """Lexicon terms, and every other content word with its probability of being loaded
    (intensifiers and words inside lexicon terms left out), by the model's weights for a
    story with ``others`` or for a lone article.  ``states_of`` gives the
    encoder's word-piece states of sentences (the run cache's ``token_states``; by
    default an encoder of this process's own)."""
    plain: set[int] = set()
    listed = _lexicon_pass(article, doc, quoted, plain)
    hits: dict[int, str] = {}
    for i, term in listed:
        for tok in doc[i:]:
            if tok.idx >= term.end:
                break
            hits[tok.i] = term.category
    chosen = (model or load_model()).for_story(bool(others))
    scored: list[Flagged] = []
    rows = token_rows(doc, article.text, article.paragraphs, quoted, hits, others, chosen.priors)
    rows = [r for r in rows if not (r[0].i in hits or r[0].i in plain or r[1]["intensifier"])]
    vectors: dict[int, Any] = {}
    if chosen.context and rows:
        vectors = word_vectors(
            article.text, article.sentences, [tok for tok, _ in rows], states_of or own_states
        )
    for tok, feats in rows:
        if chosen.context:
            feats["context"] = chosen.context_score(vectors.get(tok.i))
        prob, reasons = probability(chosen, feats)
        scored.append((tok, prob, reasons, feats))
    return [term for _, term in listed], scored


def combine(
    article: Article,
    doc: Any,
    quoted: list[Offsets],
    listed: list[Loaded],
    scored: list[Flagged],
    threshold: float,
) -> list[Loaded]:
    flagged = [item for item in scored if item[1] >= threshold]
    out = listed + _model_terms(article, doc, quoted, flagged)
    return sorted(out, key=lambda t: (t.start, t.end))


def find_loaded(
    article: Article,
    doc: Any,
    quoted: list[Offsets],
    others: Sequence[Any] = (),
    model: Model | None = None,
    keep_demoted: bool = False,
    states_of: StatesOf | None = None,
) -> list[Loaded]:
    """Loaded terms of one article: lexicon terms judged in context, and the words the
    open-vocabulary model (:mod:`parallax.framing.openvocab`) flags; ``others`` are the
    parsed texts of the story's other articles, for the contrast.

    A lexicon term that annotators of real news rarely mark ("incident", "claimed":
    :func:`demotion`) is left out, unless ``keep_demoted``: the framing stage keeps it
    while it looks for a contrast, and shows it only where another outlet wrote
    something else in its place (or every outlet wrote it: shared wording)."""
    chosen = model or load_model()
    listed, scored = scored_words(article, doc, quoted, others, chosen, states_of)
    vocab = vocabulary(others)
    kept = []
    for term in listed:
        counts = demotion(term, chosen)
        if counts is None:
            kept.append(term)
            continue
        rarely = (
            f"{term.why}; annotators of real news marked it in {counts[0]} of {counts[1]} places"
        )
        if unused_by_others(term, vocab):
            kept.append(replace(term, why=f"{rarely}, but no other outlet of the story used it"))
        elif keep_demoted:
            why = f"{rarely}, so it is shown only where another outlet wrote something else"
            kept.append(replace(term, why=why))
    return combine(article, doc, quoted, kept, scored, chosen.threshold_for(bool(others)))


def unused_by_others(term: Loaded, vocab: frozenset[str] | None) -> bool:
    """Did the story's other outlets (``vocab``: the stems they used; None when there is
    no other article) leave out one of the term's words, in every form?  Then the
    contrast is the story's own, even where nobody wrote something else in its place."""
    words = [stem(w) for w in _ALPHA.findall(term.text.lower())]
    return vocab is not None and bool(words) and not all(w in vocab for w in words)


def demotion(term: Loaded, model: Model | None = None) -> tuple[int, int] | None:
    """``(marked, flagged)`` in the development data when ``term`` is a lexicon term
    annotators of real news rarely mark (``eval/fit_loaded.py`` lists them), else None."""
    if term.source == "model":
        return None
    return (model or load_model()).demoted.get(" ".join(term.text.lower().split()))


def _model_terms(
    article: Article,
    doc: Any,
    quoted: list[Offsets],
    flagged: list[Flagged],
) -> list[Loaded]:
    """Flagged words as terms; neighbours in one phrase ("reckless, lavish") are one term,
    and so is a phrase in scare quotes: the outlet keeps its distance from the whole of
    "pretty fulsome conversation", not from one word of it."""
    out: list[Loaded] = []
    in_quote = within(quoted)
    scare = _scare_phrases(article, quoted) if flagged else []
    taken: set[Offsets] = set()
    groups: list[list[Flagged]] = []
    for item in flagged:
        tok = item[0]
        if groups:
            last = groups[-1][-1][0]
            between = doc[last.i + 1 : tok.i]
            if tok.i - last.i <= 2 and all(t.is_punct and t.text == "-" for t in between):
                groups[-1].append(item)
                continue
        groups.append([item])
    for group in sorted(groups, key=lambda g: -max(item[1] for item in g)):
        first, last = group[0][0], group[-1][0]
        start, end = first.idx, last.idx + len(last.text)
        start, end = next(((a, b) for a, b in scare if a <= start and end <= b), (start, end))
        if (start, end) in taken:
            continue  # another flagged word of the same scare-quoted phrase
        taken.add((start, end))
        best = max(group, key=lambda g: g[1])
        category = _category(best[0], best[3])
        reasons = ", ".join(_REASON.get(r, r) for r in best[2]) or "the words around it"
        out.append(
            Loaded(
                article.id,
                start,
                end,
                article.text[start:end],
                category,
                in_quote(start, end),
                (),
                "model",
                why=f"{best[1]:.0%} likely loaded: {reasons}",
                strength=round(best[1], 3),
            )
        )
    return out


def _scare_phrases(article: Article, quoted: list[Offsets]) -> list[Offsets]:
    """The words of each scare-quoted phrase (one to three words in quotation marks),
    without the punctuation inside the marks ("long day." -> "long day")."""
    out = []
    for a, b in scare_regions(article.text, quoted, article.paragraphs):
        inner = article.text[a:b]
        a += len(inner) - len(inner.lstrip(_EDGE))
        b -= len(inner) - len(inner.rstrip(_EDGE))
        if a < b:
            out.append((a, b))
    return out


_EDGE = " \t\n.,;:!?\u2014-"


def _category(tok: Any, feats: dict[str, float]) -> str:
    if feats["scare_quote"]:
        return "scare-quote"
    if feats["characterising_speech"]:
        return "characterising-verb"
    if tok.pos_ in ("ADJ", "ADV"):
        return "evaluative"
    if tok.pos_ == "NOUN" and (feats["vader_negative"] or feats["lexicon_label"]):
        return "label"
    return "emotive"


_REASON = {
    "pattern_subjectivity": "subjective word (pattern lexicon)",
    "pattern_polarity": "strongly positive or negative (pattern lexicon)",
    "in_pattern": "in the pattern subjectivity lexicon",
    "vader_strength": "strong sentiment (VADER)",
    "vader_negative": "negative sentiment (VADER)",
    "in_vader": "in the VADER sentiment lexicon",
    "lexicon_label": "a label in Parallax's list",
    "lexicon_other": "in Parallax's list of loaded words",
    "adj": "an adjective",
    "adv": "an adverb",
    "verb": "a verb",
    "noun": "a noun",
    "judges_actor": "an adjective judging an actor",
    "predicate_adj": "said of someone or something (predicate adjective)",
    "adverb_on_verb": "an adverb judging an action",
    "superlative": "a superlative",
    "characterising_speech": "a verb of speaking that characterises",
    "scare_quote": "in scare quotes",
    "in_quote": "inside a quote",
    "sentence_subjectivity": "in a sentence full of opinion words",
    "exclamation": "in an exclamation",
    "others_absent": "no other outlet used it",
    "subjective_adj": "an opinion adjective or adverb",
    "negative_verb": "a verb of negative sentiment",
    "long_word": "a long word",
    "word_prior": "a word annotators of real news often mark as loaded",
    "context": "how it is used in its sentence (sentence encoder)",
}
_LEXICON_STRENGTH = {
    "label": 0.9,
    "emotive": 0.8,
    "violent-verb": 0.75,
    "euphemism": 0.6,
    "doubt-verb": 0.6,
    "intensifier": 0.2,
}
