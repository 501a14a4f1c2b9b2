"""Seeds for reuse detection: rare word n-grams shared by two documents.

As in passim, every document's word n-grams go into one inverted index; an n-gram
found in at least two and at most ``max_df`` documents is a seed for each pair of
documents holding it.  N-grams made only of stopwords are skipped, and so are n-grams
in more than ``max_df`` documents (boilerplate and stock phrases).  Only pairs that
share seeds are ever aligned: no all-pairs comparison.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from parallax.tokens import STOPWORDS, Tokens

Seed = tuple[int, int]  # (token position in a, token position in b)
PairKey = tuple[int, int]  # (document index a, document index b), a < b

DEFAULT_N = 5
DEFAULT_MAX_DF = 100
MAX_PER_DOC = 4  # occurrences of one n-gram kept per document


def shared_ngrams(
    docs: Sequence[Tokens],
    n: int = DEFAULT_N,
    max_df: int = DEFAULT_MAX_DF,
    paragraphs: Sequence[Sequence[int]] | None = None,
) -> dict[PairKey, list[Seed]]:
    """Seeds for every pair of documents that shares at least one rare n-gram.

    ``paragraphs`` gives, per document, the paragraph number of each token: an n-gram
    that straddles a paragraph break is no seed (it would pull a passage over the
    break into text that is not shared).
    """
    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for d, tokens in enumerate(docs):
        words = tokens.words
        stop = [w in STOPWORDS for w in words]
        par = paragraphs[d] if paragraphs is not None else None
        per_doc: dict[int, int] = defaultdict(int)
        for i in range(len(words) - n + 1):
            if all(stop[i : i + n]):
                continue
            if par is not None and par[i] != par[i + n - 1]:
                continue
            key = hash(words[i : i + n])
            if per_doc[key] >= MAX_PER_DOC:
                continue
            per_doc[key] += 1
            index[key].append((d, i))
    pairs: dict[PairKey, list[Seed]] = defaultdict(list)
    for postings in index.values():
        if len(postings) < 2:
            continue
        docs_here = {d for d, _ in postings}
        if len(docs_here) < 2 or len(docs_here) > max_df:
            continue
        for x in range(len(postings)):
            da, pa = postings[x]
            for y in range(x + 1, len(postings)):
                db, pb = postings[y]
                if da == db:
                    continue
                if da < db:
                    pairs[(da, db)].append((pa, pb))
                else:
                    pairs[(db, da)].append((pb, pa))
    return pairs


def chain_seeds(seeds: list[Seed], n: int = DEFAULT_N, max_gap: int = 40) -> list[list[Seed]]:
    """Group seeds into chains that advance in order on both sides.

    A seed joins the open chain whose last seed it follows on both sides within
    ``max_gap`` words, preferring the chain on the closest diagonal (so a passage moved
    elsewhere in the other article starts a chain of its own).
    """
    chains: list[list[Seed]] = []
    open_chains: list[list[Seed]] = []
    for pa, pb in sorted(set(seeds)):
        open_chains = [c for c in open_chains if pa - c[-1][0] <= max_gap + n]
        best: list[Seed] | None = None
        best_skew = max_gap + 1
        for chain in open_chains:
            la, lb = chain[-1]
            da, db = pa - la, pb - lb
            if da <= 0 or db <= 0 or db > max_gap + n:
                continue
            skew = abs(da - db)
            if skew < best_skew:
                best, best_skew = chain, skew
        if best is None:
            best = []
            chains.append(best)
            open_chains.append(best)
        best.append((pa, pb))
    return chains
