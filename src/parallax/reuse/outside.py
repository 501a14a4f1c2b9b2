"""Copy that lives outside an article's body: its title, its standfirst, or a paragraph
that cleaning moved out (an author box, a caption, a promo line).

The body alignment (:mod:`seeds`, :mod:`align`) sees only the cleaned body, so a wire
paragraph that one outlet runs as its headline, or that cleaning took for an author box,
would vanish from the copy relation.  This module finds those pieces in the other
article — in its body or in its own outside pieces — with one inverted index of word
n-grams (no all-pairs comparison), and confirms each candidate by the share of the
piece's words found in order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from parallax.model import Article
from parallax.reuse.model import OutsideCopy
from parallax.tokens import STOPWORDS, Tokens, tokenize

N = 3  # words per n-gram (shorter than the body's seeds: the pieces are short)
MIN_WORDS = 6  # a piece shorter than this is a label, not copy
MIN_CONTENT = 3  # ...and it needs this many words that are not stopwords
MIN_COVER = 0.6  # share of the piece's n-grams that must be found in the other text
MIN_SIMILARITY = 0.8  # word-level similarity of the piece and the matched stretch
MAX_DF = 100  # n-grams in more documents than this are boilerplate
GAP = 2 * N + 2  # words between two hits of one stretch (an edit leaves a gap)
CANDIDATES = 5  # stretches of the other body tried per piece, the fullest first
SKIP_KINDS = frozenset({"byline", "date-marker", "share-links", "contributors"})


@dataclass(frozen=True, slots=True)
class _Piece:
    doc: int
    place: str
    index: int
    text: str
    tokens: Tokens


def pieces(article: Article, doc: int) -> list[_Piece]:
    """The outside pieces of one article long enough to be copy."""
    found: list[tuple[str, int, str]] = []
    if article.title:
        found.append(("title", 0, article.title))
    if article.description:
        found.append(("description", 0, article.description))
    for i, removed in enumerate(article.removed):
        if removed.kind not in SKIP_KINDS:
            found.append((f"removed:{removed.kind}", i, removed.text))
    out = []
    for place, index, text in found:
        tokens = tokenize(text)
        content = sum(w not in STOPWORDS for w in tokens.words)
        if len(tokens) >= MIN_WORDS and content >= MIN_CONTENT:
            out.append(_Piece(doc, place, index, text, tokens))
    return out


def _grams(words: Sequence[str]) -> list[int]:
    """The word n-grams' keys; an n-gram of stopwords only gets key 0 (never indexed)."""
    stop = [w in STOPWORDS for w in words]
    return [
        0 if all(stop[i : i + N]) else hash(tuple(words[i : i + N]))
        for i in range(len(words) - N + 1)
    ]


def _runs(hits: list[int], gap: int) -> list[tuple[int, int, int]]:
    """Runs of hit positions no more than ``gap`` apart, as ``(count, first, last)``,
    the fullest first (one piece can match several similar stretches)."""
    runs: list[tuple[int, int, int]] = []
    ordered = sorted(set(hits))
    first = prev = ordered[0]
    count = 0
    for pos in ordered:
        if pos - prev > gap:
            runs.append((count, first, prev))
            first, count = pos, 0
        count += 1
        prev = pos
    runs.append((count, first, prev))
    return sorted(runs, key=lambda r: (-r[0], r[1]))


def _similarity(a: Sequence[str], b: Sequence[str]) -> float:
    return float(Indel.normalized_similarity(list(a), list(b)))


def find_outside(
    articles: Sequence[Article], tokens: Sequence[Tokens]
) -> dict[tuple[int, int], list[OutsideCopy]]:
    """Outside copy for every pair of articles ``(x, y)``, ``x < y``, that has any."""
    all_pieces = [p for d, art in enumerate(articles) for p in pieces(art, d)]
    if not all_pieces:
        return {}
    piece_index: dict[int, list[int]] = defaultdict(list)
    for k, piece in enumerate(all_pieces):
        for key in set(_grams(piece.tokens.words)) - {0}:
            piece_index[key].append(k)
    body_index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d, toks in enumerate(tokens):  # only the n-grams some piece has
        for pos, key in enumerate(_grams(toks.words)):
            if key in piece_index:
                body_index[key].append((d, pos))
    out: dict[tuple[int, int], list[OutsideCopy]] = defaultdict(list)
    for k, piece in enumerate(all_pieces):
        grams = _grams(piece.tokens.words)
        if not grams:
            continue
        in_body: dict[int, list[int]] = defaultdict(list)
        in_pieces: dict[int, int] = defaultdict(int)
        for key in set(grams) - {0}:
            postings = body_index.get(key, ())
            if len(postings) > MAX_DF and len({d for d, _ in postings}) > MAX_DF:
                continue
            for d, pos in postings:
                if d != piece.doc:
                    in_body[d].append(pos)
            for other in piece_index.get(key, ()):
                if other > k and all_pieces[other].doc != piece.doc:
                    in_pieces[other] += 1
        distinct = len(set(grams) - {0})
        if not distinct:
            continue
        for d, hits in in_body.items():
            found = _match_body(piece, articles[piece.doc], articles[d], tokens[d], hits, distinct)
            if found is not None:
                out[_key(piece.doc, d)].append(found)
        for other, count in in_pieces.items():
            if count >= MIN_COVER * distinct:
                found = _match_pieces(piece, all_pieces[other], articles)
                if found is not None:
                    out[_key(piece.doc, all_pieces[other].doc)].append(found)
    return dict(out)


def _key(x: int, y: int) -> tuple[int, int]:
    return (x, y) if x < y else (y, x)


def _match_body(
    piece: _Piece, owner: Article, article: Article, toks: Tokens, hits: list[int], distinct: int
) -> OutsideCopy | None:
    best: tuple[float, int, int] | None = None
    for count, first, last in _runs(hits, GAP)[:CANDIDATES]:
        if count < MIN_COVER * distinct:
            break
        i, j = first, min(last + N, len(toks))
        similarity = _similarity(piece.tokens.words, toks.words[i:j])
        if best is None or similarity > best[0]:
            best = (similarity, i, j)
    if best is None or best[0] < MIN_SIMILARITY:
        return None
    similarity, i, j = best
    start, end = toks.span(i, j)
    return OutsideCopy(
        article=owner.id,
        place=piece.place,
        index=piece.index,
        text=piece.text,
        other=article.id,
        other_place="body",
        other_index=0,
        other_span=(start, end),
        other_text=article.text[start:end],
        shared_words=_shared(piece.tokens.words, toks.words[i:j]),
        similarity=round(similarity, 4),
    )


def _match_pieces(a: _Piece, b: _Piece, articles: Sequence[Article]) -> OutsideCopy | None:
    similarity = _similarity(a.tokens.words, b.tokens.words)
    if similarity < MIN_SIMILARITY:
        return None
    return OutsideCopy(
        article=articles[a.doc].id,
        place=a.place,
        index=a.index,
        text=a.text,
        other=articles[b.doc].id,
        other_place=b.place,
        other_index=b.index,
        other_span=(0, len(b.text)),
        other_text=b.text,
        shared_words=_shared(a.tokens.words, b.tokens.words),
        similarity=round(similarity, 4),
    )


def _shared(a: Sequence[str], b: Sequence[str]) -> int:
    """Words common to both, in order (longest common subsequence, via Indel)."""
    return (len(a) + len(b) - int(Indel.distance(list(a), list(b)))) // 2
