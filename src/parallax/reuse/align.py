"""From seed chains to passages, and the word-level edits inside each passage.

A chain of seeds gives a rough passage; it is widened to the sentence boundaries
around it (so an edit just before the first seed is still seen), aligned word by word
with rapidfuzz's Levenshtein opcodes, and trimmed so it starts and ends on shared
words.  Consecutive differing opcodes merge into one edit: the smallest span that
differs ("militants" / "terrorists"), not the whole sentence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from parallax.model import Article
from parallax.reuse.model import Edit, Passage
from parallax.reuse.seeds import DEFAULT_N, Seed
from parallax.tokens import STOPWORDS, Tokens

MIN_SHARED_WORDS = 10  # a passage must share at least this many words
MIN_SHARED_RATIO = 0.5  # ... and at least this share of its longer side
MAX_WIDEN = 25  # words a passage may grow to reach a sentence boundary
MAX_REPLACE_WORDS = 6  # a replacement longer than this on both sides is different text
MAX_EDIT_WORDS = 40  # an insertion or deletion longer than this ends the passage


@dataclass(frozen=True, slots=True)
class Side:
    """One article as the aligner sees it: its tokens and sentence starts (in tokens)."""

    article: Article
    tokens: Tokens
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]


def make_side(article: Article, tokens: Tokens) -> Side:
    starts: list[int] = []
    ends: list[int] = []
    for s, e in article.sentences:
        starts.append(bisect.bisect_left(tokens.starts, s))
        ends.append(bisect.bisect_left(tokens.starts, e))
    return Side(article, tokens, tuple(starts), tuple(ends))


def _widen_left(side: Side, i: int) -> int:
    k = bisect.bisect_right(side.sentence_starts, i) - 1
    start = side.sentence_starts[k] if k >= 0 else 0
    return start if i - start <= MAX_WIDEN else i


def _widen_right(side: Side, j: int) -> int:
    k = bisect.bisect_left(side.sentence_ends, j)
    end = side.sentence_ends[k] if k < len(side.sentence_ends) else len(side.tokens)
    return end if end - j <= MAX_WIDEN else j


def _edit(a: Side, b: Side, i0: int, i1: int, j0: int, j1: int) -> Edit:
    ta, tb = a.tokens, b.tokens
    a_span = ta.span(i0, i1) if i1 > i0 else (ta.point(i0), ta.point(i0))
    b_span = tb.span(j0, j1) if j1 > j0 else (tb.point(j0), tb.point(j0))
    op = "replace" if i1 > i0 and j1 > j0 else "delete" if i1 > i0 else "insert"
    return Edit(
        op=op,
        a=a_span,
        b=b_span,
        a_text=a.article.text[a_span[0] : a_span[1]],
        b_text=b.article.text[b_span[0] : b_span[1]],
    )


def _crosses_paragraph(side: Side, i: int, j: int) -> bool:
    """Does the text from token ``i`` to token ``j`` (exclusive) span a paragraph break?"""
    if j <= i:
        return False
    start, end = side.tokens.span(i, j)
    return "\n" in side.article.text[start:end]


def _is_break(a: Side, b: Side, run: list[tuple[str, int, int, int, int]]) -> bool:
    """A differing stretch that is not an edit: the copy stops there.

    Too long on both sides (different text, not a reworded term), too long on one
    (a whole block added or cut), or spanning a paragraph break (paragraphs moved).
    """
    i0, i1, j0, j1 = run[0][1], run[-1][2], run[0][3], run[-1][4]
    a_len, b_len = i1 - i0, j1 - j0
    if min(a_len, b_len) > MAX_REPLACE_WORDS or max(a_len, b_len) > MAX_EDIT_WORDS:
        return True
    return _crosses_paragraph(a, i0, i1) or _crosses_paragraph(b, j0, j1)


def _passage(a: Side, b: Side, ops: list[tuple[str, int, int, int, int]]) -> Passage | None:
    while ops and ops[0][0] != "equal":
        ops = ops[1:]
    while ops and ops[-1][0] != "equal":
        ops = ops[:-1]
    if not ops:
        return None
    shared = sum(op[2] - op[1] for op in ops if op[0] == "equal")
    a_words = ops[-1][2] - ops[0][1]
    b_words = ops[-1][4] - ops[0][3]
    if shared < MIN_SHARED_WORDS or shared < MIN_SHARED_RATIO * max(a_words, b_words):
        return None
    edits: list[Edit] = []
    run: list[tuple[str, int, int, int, int]] = []
    for op in [*ops, ("equal", 0, 0, 0, 0)]:
        if op[0] != "equal":
            run.append(op)
            continue
        if run:
            edits.append(_edit(a, b, run[0][1], run[-1][2], run[0][3], run[-1][4]))
            run = []
    a_span = a.tokens.span(ops[0][1], ops[-1][2])
    b_span = b.tokens.span(ops[0][3], ops[-1][4])
    return Passage(a_span, b_span, shared, a_words, b_words, tuple(edits))


def _absorb_weak_matches(
    a: Side, ops: list[tuple[str, int, int, int, int]]
) -> list[tuple[str, int, int, int, int]]:
    """Fold a match of one or two stopwords between two differences into the difference.

    Levenshtein happily matches a stray "the" inside two different clauses; left alone,
    that splits one rewritten clause into small fake edits.
    """
    out: list[tuple[str, int, int, int, int]] = []
    for k, op in enumerate(ops):
        tag, i0, i1, j0, j1 = op
        inner = 0 < k < len(ops) - 1
        if (
            tag == "equal"
            and inner
            and i1 - i0 <= 2
            and all(w in STOPWORDS for w in a.tokens.words[i0:i1])
        ):
            out.append(("replace", i0, i1, j0, j1))
        else:
            out.append(op)
    return out


def align_chain(a: Side, b: Side, chain: list[Seed], n: int = DEFAULT_N) -> list[Passage]:
    """The passages a chain of seeds stands for (none when too little is shared).

    A differing stretch too long to be an edit (see :func:`_is_break`) splits the
    chain's text into separate passages.
    """
    i0 = _widen_left(a, chain[0][0])
    j0 = _widen_left(b, chain[0][1])
    i1 = _widen_right(a, chain[-1][0] + n)
    j1 = _widen_right(b, chain[-1][1] + n)
    ops = [
        (op.tag, op.src_start + i0, op.src_end + i0, op.dest_start + j0, op.dest_end + j0)
        for op in Levenshtein.opcodes(a.tokens.words[i0:i1], b.tokens.words[j0:j1])
    ]
    ops = _absorb_weak_matches(a, ops)
    segments: list[list[tuple[str, int, int, int, int]]] = [[]]
    run: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if op[0] != "equal":
            run.append(op)
            continue
        if run and _is_break(a, b, run):
            segments.append([])
        else:
            segments[-1].extend(run)
        run = []
        segments[-1].append(op)
    found = (_passage(a, b, seg) for seg in segments)
    return [p for p in found if p is not None]


def drop_overlaps(passages: list[Passage]) -> list[Passage]:
    """Keep the larger of passages that cover the same text on either side."""
    kept: list[Passage] = []
    for passage in sorted(passages, key=lambda p: -p.shared_words):
        if not any(_overlap(passage.a, k.a) or _overlap(passage.b, k.b) for k in kept):
            kept.append(passage)
    return sorted(kept, key=lambda p: p.a)


def _overlap(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return min(x[1], y[1]) - max(x[0], y[0]) > 0
