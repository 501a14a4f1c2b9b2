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

from rapidfuzz.distance import Indel, Levenshtein

from parallax.model import Article, Offsets
from parallax.options import ReuseOptions
from parallax.reuse.model import Edit, Passage
from parallax.reuse.seeds import Seed, chain_seeds
from parallax.tokens import STOPWORDS, Tokens


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


def _widen_left(side: Side, i: int, max_widen: int) -> int:
    k = bisect.bisect_right(side.sentence_starts, i) - 1
    start = side.sentence_starts[k] if k >= 0 else 0
    return start if i - start <= max_widen else i


def _widen_right(side: Side, j: int, max_widen: int) -> int:
    k = bisect.bisect_left(side.sentence_ends, j)
    end = side.sentence_ends[k] if k < len(side.sentence_ends) else len(side.tokens)
    return end if end - j <= max_widen else j


_LEADING = "\"'\u201c\u2018(["
_TRAILING = "\"'\u201d\u2019)].,;:!?"


def _with_punctuation(text: str, span: Offsets) -> Offsets:
    """Widen a cut or added stretch over the quote marks and stops that belong to it."""
    start, end = span
    while start > 0 and text[start - 1] in _LEADING:
        start -= 1
    while end < len(text) and text[end] in _TRAILING:
        end += 1
    return start, end


def _edit(a: Side, b: Side, i0: int, i1: int, j0: int, j1: int) -> Edit:
    ta, tb = a.tokens, b.tokens
    a_span = ta.span(i0, i1) if i1 > i0 else (ta.point(i0), ta.point(i0))
    b_span = tb.span(j0, j1) if j1 > j0 else (tb.point(j0), tb.point(j0))
    op = "replace" if i1 > i0 and j1 > j0 else "delete" if i1 > i0 else "insert"
    if op == "delete" and i1 - i0 > 3:
        a_span = _with_punctuation(a.article.text, a_span)
    if op == "insert" and j1 - j0 > 3:
        b_span = _with_punctuation(b.article.text, b_span)
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


REWRITE = 3  # words on both sides: a difference this long is rewritten text, not a swap
RUN = 5  # words: a shared run this long inside a long difference is copy
SMALL_EDIT = 2  # words a side: a difference this small keeps the stopwords around it
MAX_DEPTH = 3  # re-alignments of seeds left inside a break

Block = tuple[str, int, int, int, int]  # ("equal" | "diff", i0, i1, j0, j1)


def _is_break(a: Side, b: Side, block: Block, opts: ReuseOptions) -> bool:
    """A differing stretch that is not an edit: the copy stops there.

    Too long on both sides (different text, not a reworded term), too long on one
    (a whole block added or cut), or spanning a paragraph break (paragraphs moved).
    """
    _, i0, i1, j0, j1 = block
    a_len, b_len = i1 - i0, j1 - j0
    if min(a_len, b_len) > opts.max_replace_words or max(a_len, b_len) > opts.max_edit_words:
        return True
    if _whole_paragraphs(a, i0, i1) or _whole_paragraphs(b, j0, j1):
        return True  # a paragraph added, cut or moved: passage structure shows it
    return _crosses_paragraph(a, i0, i1) or _crosses_paragraph(b, j0, j1)


def _whole_paragraphs(side: Side, i: int, j: int) -> bool:
    """Do tokens ``i`` to ``j`` (exclusive) make up whole paragraphs?"""
    if j <= i:
        return False
    start, end = side.tokens.span(i, j)
    text = side.article.text
    before = text[:start].rstrip(_LEADING + " ")
    after = text[end:].lstrip(_TRAILING + " ")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def _slide(side: Side, i0: int, i1: int) -> tuple[int, int]:
    """Where to put a cut or added stretch that could sit in several places.

    "X the company was sold. The Y" minus one sentence aligns equally well as "the
    company was sold." or "company was sold. The": slide the stretch (while the word
    leaving it equals the word entering it) to the place that starts a sentence.
    """
    words = side.tokens.words
    starts = set(side.sentence_starts)
    options = [(i0, i1)]
    a, b = i0, i1
    while a > 0 and words[a - 1] == words[b - 1]:
        a, b = a - 1, b - 1
        options.append((a, b))
    a, b = i0, i1
    while b < len(words) and words[a] == words[b]:
        a, b = a + 1, b + 1
        options.append((a, b))
    best = max(options, key=lambda o: ((o[0] in starts) + (o[1] in starts), -abs(o[0] - i0)))
    return best


def _is_weak_match(a: Side, i0: int, i1: int) -> bool:
    """One or two stopwords matched between two differences (a stray "the")."""
    return i1 - i0 <= 2 and all(w in STOPWORDS for w in a.tokens.words[i0:i1])


def _recover_runs(a: Side, b: Side, blocks: list[Block]) -> list[Block]:
    """Find the shared runs that a long replacement hides.

    Levenshtein counts a replaced word as cheaply as a cut plus an addition, so a cut
    paragraph followed by an added one can align as one long replacement over the
    copy between them.  Inside such a difference, the longest common subsequence
    (Indel) brings back runs of at least :data:`RUN` words.
    """
    out: list[Block] = []
    for block in blocks:
        kind, i0, i1, j0, j1 = block
        if kind != "diff" or min(i1 - i0, j1 - j0) < RUN:
            out.append(block)
            continue
        for op in Indel.opcodes(a.tokens.words[i0:i1], b.tokens.words[j0:j1]):
            run = op.tag == "equal" and op.src_end - op.src_start >= RUN
            s0, s1, d0, d1 = (
                op.src_start + i0,
                op.src_end + i0,
                op.dest_start + j0,
                op.dest_end + j0,
            )
            out.append(("equal" if run else "diff", s0, s1, d0, d1))
    return out


def _stray(before: Block, after: Block) -> bool:
    """Is a stopword match between two differences stray, not the text both keep?

    Between two small replacements ("nation is in horrible" / "fighters is in
    agreement") the stopwords are kept text and the two swaps stay apart; next to a
    longer difference, a matched "the" is most likely chance.
    """
    return max(_size(before), _size(after)) > SMALL_EDIT


def _size(block: Block) -> int:
    return max(block[2] - block[1], block[4] - block[3])


def _peel(a: Side, b: Side, block: Block) -> list[Block]:
    """Move words that both sides of a difference begin or end with out of it.

    Levenshtein may pair a cut sentence's "the" with the next paragraph's "The"; peeling
    the shared ends puts the difference where a reader would put it.
    """
    _, i0, i1, j0, j1 = block
    wa, wb = a.tokens.words, b.tokens.words
    p = 0
    while i0 + p < i1 and j0 + p < j1 and wa[i0 + p] == wb[j0 + p]:
        p += 1
    q = 0
    while i1 - q - 1 >= i0 + p and j1 - q - 1 >= j0 + p and wa[i1 - q - 1] == wb[j1 - q - 1]:
        q += 1
    out: list[Block] = []
    if p:
        out.append(("equal", i0, i0 + p, j0, j0 + p))
    if i0 + p < i1 - q or j0 + p < j1 - q:
        out.append(("diff", i0 + p, i1 - q, j0 + p, j1 - q))
    if q:
        out.append(("equal", i1 - q, i1, j1 - q, j1))
    return out


def _merge(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1][0] == block[0]:
            kind, i0, _, j0, _ = merged[-1]
            merged[-1] = (kind, i0, block[2], j0, block[4])
        else:
            merged.append(block)
    return merged


def blocks_of(a: Side, b: Side, i0: int, i1: int, j0: int, j1: int) -> list[Block]:
    """Alternating equal/diff blocks of the word alignment of ``a[i0:i1]`` and ``b[j0:j1]``."""
    ops = list(Levenshtein.opcodes(a.tokens.words[i0:i1], b.tokens.words[j0:j1]))
    raw: list[Block] = []
    for op in ops:
        s0, s1 = op.src_start + i0, op.src_end + i0
        d0, d1 = op.dest_start + j0, op.dest_end + j0
        raw.append(("equal" if op.tag == "equal" else "diff", s0, s1, d0, d1))
    merged = _merge(_recover_runs(a, b, _merge(raw)))
    for k in range(1, len(merged) - 1):
        kind, s0, s1, d0, d1 = merged[k]
        if kind == "equal" and _is_weak_match(a, s0, s1) and _stray(merged[k - 1], merged[k + 1]):
            merged[k] = ("diff", s0, s1, d0, d1)
    peeled: list[Block] = []
    for block in _join_split_cuts(_merge(merged)):
        peeled.extend(_peel(a, b, block) if block[0] == "diff" else [block])
    return _merge(_slide_blocks(a, b, _merge(peeled)))


def _join_split_cuts(blocks: list[Block]) -> list[Block]:
    """Join a cut (or addition) that the alignment broke around one or two matched words.

    When a cut sentence and the text after it share a word ("... whether Lind would
    return. Lind ..."), Levenshtein may keep that word and report two cuts; one
    contiguous cut is the better account (peeling and sliding then place it).
    """
    out: list[Block] = []
    for block in blocks:
        if (
            len(out) >= 2
            and block[0] == "diff"
            and out[-1][0] == "equal"
            and out[-1][2] - out[-1][1] <= 2
            and out[-2][0] == "diff"
            and _same_side(out[-2], block)
        ):
            first = out[-2]
            out[-2:] = [("diff", first[1], block[2], first[3], block[4])]
        else:
            out.append(block)
    return out


def _same_side(x: Block, y: Block) -> bool:
    """Both blocks are cuts from a, or both additions in b."""
    cut = x[3] == x[4] and y[3] == y[4]
    added = x[1] == x[2] and y[1] == y[2]
    return cut or added


def _slide_blocks(a: Side, b: Side, blocks: list[Block]) -> list[Block]:
    """Move each pure cut or addition to its sentence-aligned place (see :func:`_slide`)."""
    out = list(blocks)
    for k in range(1, len(out) - 1):
        kind, i0, i1, j0, j1 = out[k]
        prev, nxt = out[k - 1], out[k + 1]
        if kind != "diff" or prev[0] != "equal" or nxt[0] != "equal":
            continue
        if j0 == j1 and i1 > i0:  # cut from a
            s0 = _slide(a, i0, i1)[0]
            shift = s0 - i0
        elif i0 == i1 and j1 > j0:  # added in b
            s0 = _slide(b, j0, j1)[0]
            shift = s0 - j0
        else:
            continue
        if not -(prev[2] - prev[1]) < shift < nxt[2] - nxt[1] + 1 or shift == 0:
            continue
        out[k - 1] = ("equal", prev[1], prev[2] + shift, prev[3], prev[4] + shift)
        out[k] = ("diff", i0 + shift, i1 + shift, j0 + shift, j1 + shift)
        out[k + 1] = ("equal", nxt[1] + shift, nxt[2], nxt[3] + shift, nxt[4])
    return [blk for blk in out if blk[2] > blk[1] or blk[4] > blk[3]]


def _side_span(tokens: Tokens, i0: int, i1: int) -> Offsets:
    return tokens.span(i0, i1) if i1 > i0 else (tokens.point(i0), tokens.point(i0))


def _rewritten(blocks: list[Block]) -> int:
    """Words in rewrites: differences of three or more words on both sides."""
    return sum(
        max(i1 - i0, j1 - j0)
        for kind, i0, i1, j0, j1 in blocks
        if kind == "diff" and min(i1 - i0, j1 - j0) >= REWRITE
    )


def _passage(a: Side, b: Side, blocks: list[Block], opts: ReuseOptions) -> Passage | None:
    if not any(block[0] == "equal" for block in blocks):
        return None
    shared = sum(i1 - i0 for kind, i0, i1, _, _ in blocks if kind == "equal")
    a_words = blocks[-1][2] - blocks[0][1]
    b_words = blocks[-1][4] - blocks[0][3]
    equal = [block for block in blocks if block[0] == "equal"]
    core = max(equal[-1][2] - equal[0][1], equal[-1][4] - equal[0][3])  # without edge edits
    if shared < opts.min_shared_words or shared < opts.min_shared_ratio * core:
        return None
    if shared < opts.min_shared_per_rewritten * _rewritten(blocks):
        return None  # two sentences about one thing (names, a title), written apart
    edits = tuple(_edit(a, b, i0, i1, j0, j1) for kind, i0, i1, j0, j1 in blocks if kind == "diff")
    a_span = _side_span(a.tokens, blocks[0][1], blocks[-1][2])
    b_span = _side_span(b.tokens, blocks[0][3], blocks[-1][4])
    return Passage(a_span, b_span, shared, a_words, b_words, edits)


def align_chain(
    a: Side, b: Side, chain: list[Seed], options: ReuseOptions | None = None, depth: int = 0
) -> list[Passage]:
    """The passages a chain of seeds stands for (none when too little is shared).

    The chain's text is widened to whole sentences, aligned word by word, and split
    where a difference is too long to be an edit (see :func:`_is_break`).  A difference
    at either end of a passage is kept as an edit: it lies in a sentence the passage
    shares ("Military officials said" / "The IDF said Friday").  Seeds that end up
    inside a break are chained and aligned again, so no seeded copy is lost.
    """
    opts = options or ReuseOptions()
    n, widen = opts.n, opts.max_widen
    i0 = _widen_left(a, chain[0][0], widen)
    j0 = _widen_left(b, chain[0][1], widen)
    i1 = _widen_right(a, chain[-1][0] + n, widen)
    j1 = _widen_right(b, chain[-1][1] + n, widen)
    segments: list[list[Block]] = [[]]
    inside: list[Seed] = []  # seeds that fell in a break: copy the alignment went past
    for block in blocks_of(a, b, i0, i1, j0, j1):
        if block[0] == "diff" and _is_break(a, b, block, opts):
            segments.append([])
            _, bi0, bi1, bj0, bj1 = block
            inside += [
                s
                for s in chain
                if bi0 <= s[0] and s[0] + n <= bi1 and bj0 <= s[1] and s[1] + n <= bj1
            ]
        else:
            segments[-1].append(block)
    found = [_passage(a, b, seg, opts) for seg in segments if seg]
    passages = [p for p in found if p is not None]
    if inside and depth < MAX_DEPTH:
        # A stray seed (a phrase the text repeats) can pull the alignment onto the wrong
        # copy and leave a copied paragraph inside a break: align those seeds again.
        for sub in chain_seeds(inside, n=n):
            passages.extend(align_chain(a, b, sub, opts, depth + 1))
    return passages


def drop_overlaps(passages: list[Passage]) -> list[Passage]:
    """Keep the larger of passages that cover the same text on either side."""
    kept: list[Passage] = []
    side_a, side_b = _Disjoint(), _Disjoint()
    for passage in sorted(passages, key=lambda p: -p.shared_words):
        if not side_a.overlaps(passage.a) and not side_b.overlaps(passage.b):
            kept.append(passage)
            side_a.add(passage.a)
            side_b.add(passage.b)
    return sorted(kept, key=lambda p: p.a)


class _Disjoint:
    """Spans that do not overlap one another, kept sorted, so that whether a new span
    overlaps any of them is one bisection (the kept passages of one side never
    overlap: a passage that would is dropped)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, span: tuple[int, int]) -> bool:
        if span[1] <= span[0]:
            return False  # an empty span overlaps nothing
        # the kept span starting last before span ends is the only candidate: the spans
        # are disjoint, so the ones before it also end before it starts
        k = bisect.bisect_left(self.starts, span[1]) - 1
        return k >= 0 and self.ends[k] > span[0]

    def add(self, span: tuple[int, int]) -> None:
        if span[1] > span[0]:
            k = bisect.bisect_left(self.starts, span[0])
            self.starts.insert(k, span[0])
            self.ends.insert(k, span[1])
