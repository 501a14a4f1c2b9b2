"""Are the articles about the same event?  A cheap check before any costly stage.

Each article becomes a vector of its content words (lower-cased, stopwords dropped,
log-scaled counts, idf-weighted across the articles given).  An article whose best
cosine similarity to any other article is below :data:`MIN_SIMILARITY` is flagged:
comparing it is allowed, but its findings will mostly be "only here".
"""

from __future__ import annotations

import math
import re
from collections import Counter

from parallax.model import Analysis, Article, Notice
from parallax.pipeline import StageOutput, stage

# Measured on the fixtures in tests/data/related: same-event pairs score 0.20-0.60,
# different-event pairs 0.00-0.06 (see the note in tests/test_related.py).
MIN_SIMILARITY = 0.10

_STOP = frozenset(
    (
        "the a an and or but of in on at to for from by with as is are was were be been "
        "being has have had do does did not no it its this that these those he she they "
        "we you i his her their our my your them him us me who whom which what when where "
        "why how said says say told also than then there here after before about into "
        "over under more most some any all each other such only just so very can could "
        "would should will may might must one two three new last first since while during "
        "against between through out up down off again further once both few own same too "
        "s t don now "
    ).split()
)
_TOKEN = re.compile(r"[a-z][a-z'\u2019\-]{2,}")


def _terms(article: Article) -> Counter[str]:
    text = f"{article.title or ''}\n{article.text}".lower()
    return Counter(t for t in _TOKEN.findall(text) if t not in _STOP)


def similarity_matrix(articles: tuple[Article, ...]) -> list[list[float]]:
    """Cosine similarities of idf-weighted content-word vectors, article by article."""
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
    matrix = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            small, large = sorted((vectors[i], vectors[j]), key=len)
            score = sum(v * large.get(t, 0.0) for t, v in small.items())
            matrix[i][j] = matrix[j][i] = score
    return matrix


@stage("related", requires=("articles",), assigns=())
def related_stage(analysis: Analysis) -> StageOutput:
    arts = analysis.articles
    if len(arts) < 2:
        return StageOutput()
    matrix = similarity_matrix(arts)
    warnings: list[Notice] = []
    for i, art in enumerate(arts):
        best = max(matrix[i][j] for j in range(len(arts)) if j != i)
        if best < MIN_SIMILARITY:
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
