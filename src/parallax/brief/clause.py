"""Does a wording keep its sentence's main clause?  Read from the run's parse.

A brief sentence must say something on its own.  Two kinds of wording do not, though
they pass every test on their words:

- a fragment with no verb at all, such as a block quotation's "And not on a trivial
  matter." (a connective dropped, it reads "Not on a trivial matter.");
- a cut that keeps only a leading subordinate clause: "At a time when the general has
  just taken over command …" ends before the main verb it leads to.

The parse's root of the sentence is its main verb (or, in "X is Y", the predicate its
copula hangs on).  A wording stands when that root is inside it and is a verb or has
one.  Without a parse (an article not in English, a caller that has none) every wording
stands, as before.
"""

from __future__ import annotations

from typing import Any

VERBAL = frozenset({"VERB", "AUX"})
HELPERS = frozenset({"cop", "aux", "auxpass"})


def keeps_main_clause(doc: Any | None, start: int, stop: int) -> bool:
    """Does ``[start, stop)`` of the parsed text hold the main verb of the sentence it
    starts in (True when there is no parse, or the parse does not align)?"""
    if doc is None or stop <= start:
        return True
    span = doc.char_span(start, stop, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    first = next((t for t in span if not t.is_punct and not t.is_space), None)
    if first is None:
        return True
    for sent in doc[first.i : span.end].sents:
        if sent.start_char < first.idx:
            return True  # the parse's sentence began earlier: it cannot judge this one
        root = sent.root
        verbal = root.pos_ in VERBAL or any(c.dep_ in HELPERS for c in root.children)
        if verbal and start <= root.idx < stop:
            return True  # (a quotation of two sentences with its speaker is one here)
    return False
