"""Find the copy shared by every pair of articles that shares any (see :mod:`seeds`)."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.model import Article
from parallax.options import ReuseOptions
from parallax.reuse.align import align_chain, drop_overlaps, make_side
from parallax.reuse.model import OutsideCopy, PairReuse, Passage
from parallax.reuse.outside import find_outside
from parallax.reuse.seeds import chain_seeds, shared_ngrams
from parallax.tokens import Tokens, tokenize


def _source(a: Article, b: Article) -> tuple[str | None, str | None]:
    """The wire service either article credits, with the credit's words."""
    for art in (a, b):
        if art.wire:
            evidence = art.wire_evidence[0].text if art.wire_evidence else art.wire[0]
            return art.wire[0], f"{art.outlet}: {evidence}"
    return None, None


def _paragraph_of_token(article: Article, tokens: Tokens) -> list[int]:
    """The paragraph number of every token (tokens and paragraphs both run in order)."""
    out: list[int] = []
    ends = [end for _, end in article.paragraphs]
    k = 0
    for start in tokens.starts:
        while k < len(ends) - 1 and start >= ends[k]:
            k += 1
        out.append(k)
    return out


def find_reuse(articles: Sequence[Article], options: ReuseOptions | None = None) -> list[PairReuse]:
    """Pairs of articles that share copy, with their passages and edits, and the copy
    that sits outside a body (see :mod:`outside`).

    Pairs that share nothing are absent: two unrelated articles give an empty list.
    """
    opts = options or ReuseOptions()
    n = opts.n
    tokens = [tokenize(a.text) for a in articles]
    sides = [make_side(a, t) for a, t in zip(articles, tokens, strict=True)]
    out: list[PairReuse] = []
    paragraphs = [_paragraph_of_token(a, t) for a, t in zip(articles, tokens, strict=True)]
    found = shared_ngrams(tokens, n=n, max_df=opts.max_df, paragraphs=paragraphs)
    outside = find_outside(articles, tokens)
    for x, y in sorted(set(found) | set(outside)):
        a, b = sides[x], sides[y]
        passages: list[Passage] = []
        for chain in chain_seeds(found.get((x, y), []), n=n):
            passages.extend(align_chain(a, b, chain, opts))
        kept = drop_overlaps(passages)
        elsewhere = tuple(_not_in_passages(outside.get((x, y), []), a.article, b.article, kept))
        if not kept and not elsewhere:
            continue
        shared = sum(p.shared_words for p in kept)
        source, evidence = _source(a.article, b.article)
        out.append(
            PairReuse(
                articles=(a.article.id, b.article.id),
                shared_words=shared,
                share=(shared / max(len(a.tokens), 1), shared / max(len(b.tokens), 1)),
                passages=tuple(kept),
                source=source,
                source_evidence=evidence,
                outside=elsewhere,
            )
        )
    return out


def _not_in_passages(
    found: list[OutsideCopy], a: Article, b: Article, passages: list[Passage]
) -> list[OutsideCopy]:
    """Outside copy, less what the body passages already hold: a standfirst that
    repeats the article's own first paragraph, copied from the other article, is
    reported once, as the body passage."""
    out = []
    for item in found:
        if item.other_place == "body":
            side = [p.a for p in passages] if item.other == a.id else [p.b for p in passages]
            s, e = item.other_span
            covered = sum(max(0, min(e, pe) - max(s, ps)) for ps, pe in side)
            if covered >= 0.8 * (e - s):
                continue
        out.append(item)
    return sorted(out, key=lambda o: (o.article, o.place, o.index, o.other_span))
