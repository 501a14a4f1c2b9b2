"""Does one outlet's sentence say everything a brief sentence says?

A brief sentence cites an outlet only when that outlet's own sentence supports it:
every figure in it, the last word of every name in it (a title may differ: "Rear Adm.
Daniel Hagari" / "Hagari, the military spokesperson"), the same polarity, and most of
its content words (light stemming, so "killed"/"killing" and "Israel"/"Israeli" match).
A long sentence that packs several clauses can be cut to its leading clauses, so that
the brief says only what all its cited outlets said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from parallax.tokens import STOPWORDS, tokenize

RECALL = 0.75  # share of the brief sentence's content words the supporting sentence has
MIN_WORDS = 6  # a cut keeps at least this many words
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_SCALE = {"hundred", "thousand", "million", "billion", "dozen", "dozens", "hundreds"}
_NEGATION = frozenset(
    {
        "not",
        "no",
        "never",
        "n't",
        "didn't",
        "don't",
        "doesn't",
        "isn't",
        "wasn't",
        "weren't",
        "won't",
        "hasn't",
        "haven't",
        "hadn't",
        "cannot",
        "nor",
        "neither",
    }
)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"[A-Z][\w\u2019'.-]*(?:\s+[A-Z][\w\u2019'.-]*)*")
# Where a sentence may be cut: a comma or dash before a clause that adds to it.
_CUT = re.compile(
    r"\s*(?:[,;]|\s[\u2014\u2013-])\s+(?=(?:even as|while|as|with|but|and|which|who|"
    r"after|before|when|where|although|though|despite|including|saying|adding|amid|"
    r"according to|the|[a-z]+ing)\b)"
)
_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]*[\u201d\"]")
_SPEECH = re.compile(r"\b(?:said|says|told|added|wrote|according to)\b")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "ly", "i")


@lru_cache(maxsize=65_536)  # (#16) a pure function of the word, asked ~25 times per word
def stem(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("\u2019s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class Claims:
    """What a sentence commits to: content stems, figures, name heads, polarity."""

    words: frozenset[str]
    figures: frozenset[str]
    names: frozenset[str]
    negated: bool


@lru_cache(maxsize=16_384)  # (#16) pure in the text (Claims is frozen); asked ~4 times per text
def claims(text: str) -> Claims:
    tokens = tokenize(text).words
    words = {stem(w) for w in tokens if w not in STOPWORDS and not w.isdigit()}
    figures = {m.group(0).replace(",", "") for m in _FIGURE.finditer(text)}
    figures |= {_NUMBER_WORDS[w] for w in tokens if w in _NUMBER_WORDS and w != "one"}
    figures |= {w for w in tokens if w in _SCALE}
    names: set[str] = set()
    titles: set[str] = set()
    for match in _NAME.finditer(text):
        parts = [w for w in tokenize(match.group(0)).words if w not in STOPWORDS]
        first = match.start() == 0 or text[: match.start()].rstrip().endswith(("\u201c", '"'))
        if first and len(match.group(0).split()) < 2:
            continue  # a sentence's first word is capitalised anyway
        if parts:  # first names and titles are no claim: the name's last word is
            names.add(stem(parts[-1]))
            titles.update(stem(w) for w in parts[:-1])
    words -= _SCALE | (titles - names)
    negated = any(w in _NEGATION or w.endswith("n't") for w in tokens)
    return Claims(frozenset(words), frozenset(figures), frozenset(names), negated)


def _has(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    if len(word) < 5:
        return False
    return any(len(w) >= 5 and (w.startswith(word) or word.startswith(w)) for w in words)


def supports(other: Claims, said: Claims) -> bool:
    """Does a sentence with ``other``'s claims say all that ``said`` says?"""
    if said.negated != other.negated:
        return False
    if not said.figures <= other.figures:
        return False
    if not all(_has(n, other.words) for n in said.names):
        return False
    if not said.words:
        return True
    found = sum(1 for w in said.words if _has(w, other.words))
    return found / len(said.words) >= RECALL


def cuts(text: str) -> Iterator[int]:
    """Lengths of ``text``'s leading clauses that can stand as a shorter sentence, shortest
    first: cut before a clause that adds to the sentence, never inside a quotation."""
    for match in _CUT.finditer(text):
        head = text[: match.start()]
        if head.count("\u201c") != head.count("\u201d") or head.count('"') % 2:
            continue
        outside = _QUOTED.sub(" ", head)
        if outside != head and not _SPEECH.search(outside):
            continue  # a quotation cut from its speech verb leaves a name, not a speaker
        if len(head.split()) >= MIN_WORDS:
            yield match.start()


def figures_differ(other: Claims, said: Claims) -> bool:
    """Do the two sentences say the same but for their figures (a contested figure)?"""
    if not said.figures or not other.figures or said.figures <= other.figures:
        return False
    if other.figures <= said.figures:
        return False
    same = Claims(said.words, other.figures, said.names, said.negated)
    return supports(other, same)


def figure_phrases(text: str, leave: frozenset[str]) -> list[str]:
    """The figures of ``text`` not in ``leave``, each with the word after it."""
    out = []
    for match in re.finditer(r"(?:\$)?\d+(?:[.,]\d+)*(?:\s+(?:million|billion|[a-z]+))?", text):
        number = re.sub(r"[^\d.,]", "", match.group(0).split()[0]).replace(",", "")
        if number not in leave:
            out.append(match.group(0))
    return out
