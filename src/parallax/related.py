"""Are the articles about the same event?  A cheap check before any costly stage.

Each article becomes a vector of its content words (lower-cased, stopwords dropped,
log-scaled counts, idf-weighted across the articles given).  An article whose best
cosine similarity to any other article is below ``RelatedOptions.min_similarity`` is flagged:
comparing it is allowed, but its findings will mostly be "only here".
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from parallax.model import Analysis, Article, Notice
from parallax.options import RelatedOptions
from parallax.pipeline import Context, StageOutput, stage
from parallax.tokens import STOPWORDS

# Measured on eight articles about three events (the seeds, the example story and the
# flood fixtures, compared together): same-event pairs scored 0.19-0.81, pairs from
# different events 0.01-0.06.  Opinion pieces sit at the low end of the same-event range.
# (The threshold is ``RelatedOptions.min_similarity``, 0.10 by default.)

_TOKEN = re.compile(r"[a-z][a-z'\u2019\-]{2,}")


def _terms(article: Article) -> Counter[str]:
    text = f"{article.title or ''}\n{article.text}".lower()
    return Counter(t for t in _TOKEN.findall(text) if t not in STOPWORDS)


def _vectors(articles: tuple[Article, ...]) -> list[dict[str, float]]:
    """Unit-length idf-weighted vectors of content words, one per article."""
    bags = [_terms(a) for a in articles]
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    vectors: list[dict[str, float]] = []
    for bag in bags:
        vec = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(v * large.get(t, 0.0) for t, v in small.items())


def best_match(
    articles: tuple[Article, ...], options: RelatedOptions | None = None
) -> list[tuple[int, float]]:
    """For each article, (index, similarity) of its most similar other article.

    Not all pairs: each article's ``signature`` heaviest terms go into an inverted
    index; terms held by more than ``max_postings`` articles are skipped as
    undiscriminating; only the ``candidates`` articles sharing the most signature
    terms get an exact cosine.  With few articles this is exact.
    """
    opts = options or RelatedOptions()
    vectors = _vectors(articles)
    signatures = [
        [t for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])[: opts.signature]]
        for vec in vectors
    ]
    index: dict[str, list[int]] = defaultdict(list)
    for i, terms in enumerate(signatures):
        for term in terms:
            index[term].append(i)
    out: list[tuple[int, float]] = []
    for i, terms in enumerate(signatures):
        shared: Counter[int] = Counter()
        for term in terms:
            postings = index[term]
            if len(postings) <= opts.max_postings:
                shared.update(j for j in postings if j != i)
        best = (-1, 0.0)
        for j, _ in shared.most_common(opts.candidates):
            score = _cosine(vectors[i], vectors[j])
            if score > best[1]:
                best = (j, score)
        out.append(best)
    return out


@stage("related", requires=("articles",), assigns=())
def related_stage(analysis: Analysis, ctx: Context) -> StageOutput:
    arts = analysis.articles
    if len(arts) < 2:
        return StageOutput()
    warnings: list[Notice] = []
    for art, (_, best) in zip(arts, best_match(arts, ctx.options.related), strict=True):
        if best < ctx.options.related.min_similarity:
            warnings.append(
                Notice(
                    "different-events",
                    f"'{art.title or art.outlet}' shares almost no vocabulary with the other "
                    f"articles (best similarity {best:.2f}); it may be about another event",
                    source=art.source,
                    article=art.id,
                )
            )
    return StageOutput(warnings=tuple(warnings))
