"""Shorter readings of a statement, for comparing meaning piece by piece.

Independently written reports rarely say a thing in sentences of the same shape: one
packs the claim into a long sentence with two more clauses, another gives it alone; one
wraps it in an attribution ("..., Mr. Romney said in a statement, citing ..."), another
states it.  A whole-sentence embedding blurs such a claim with the rest, so the facts
model also compares each sentence's **views**:

- ``content``: what a verb of saying governs, the attribution stripped ("Reid said *the
  mosque should be built elsewhere*"; the cue and content come from
  :mod:`parallax.voices.reported`, as the voices stage reads them);
- ``clause``: each clause of the sentence on its own (the head verbs of ``conj``,
  ``advcl``, ``ccomp``, ``parataxis`` and ``relcl`` clauses, and the main clause
  without them).

Only a sentence of :data:`LONG` words or more has views; a view needs
:data:`MIN_WORDS` words and must be shorter than the sentence.  The model
weighs the best cosine among the views of two sentences (:mod:`parallax.facts.match`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from parallax.voices.reported import content_span, is_cue

CLAUSES = frozenset(("conj", "advcl", "ccomp", "parataxis", "relcl"))
MIN_WORDS = 4
LONG = 20  # words: a shorter sentence has no views (it rarely packs a second claim; on the
# dev pairs, views of shorter sentences added nothing and cost an embedding each)
MAX_VIEWS = 6  # a run-on sentence of many clauses gives no more than this
_STRIP = " \t\n\"“”'‘’,;:.-–—"


def _words(tokens: Iterable[Any]) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))


def _text(tokens: Iterable[Any]) -> str:
    return "".join(t.text_with_ws for t in sorted(tokens, key=lambda t: t.i)).strip(_STRIP)


def views_of(span: Any) -> tuple[str, ...]:
    """The views of a sentence (a spaCy ``Span``), content first; () when it has none."""
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return ()
    first, last = tokens[0].i, tokens[-1].i
    size = _words(tokens)
    if size < LONG:
        return ()
    doc = span.doc
    found: list[str] = []
    for tok in tokens:
        if not is_cue(tok):
            continue
        where = content_span(tok)
        if where is None:
            continue
        part = doc.char_span(where[0], where[1], alignment_mode="expand")
        if part is None or part.start < first or part.end > last + 1:
            continue
        if part and part[0].dep_ == "mark" and part[0].lower_ == "that":
            part = part[1:]  # "said *that* the bridge would reopen"
        if MIN_WORDS <= _words(part) < size:
            found.append(part.text.strip(_STRIP))
    for verb in tokens:
        if verb.pos_ not in ("VERB", "AUX") or not (verb.dep_ in CLAUSES or verb.dep_ == "ROOT"):
            continue
        clause = set(verb.subtree)
        for child in verb.children:
            if child.dep_ in CLAUSES and child.pos_ in ("VERB", "AUX"):
                clause -= set(child.subtree)
        clause = {t for t in clause if first <= t.i <= last}
        if MIN_WORDS <= _words(clause) < size:
            found.append(_text(clause))
    return tuple(dict.fromkeys(v for v in found if v))[:MAX_VIEWS]
