"""The documented library entry points: :func:`compare` and :func:`analyse`."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from parallax.errors import NotEnoughArticles
from parallax.ingest import InputSpec, ReadOptions, read_inputs
from parallax.model import Analysis, Article, Notice
from parallax.pipeline import Stage, run_pipeline


def compare(
    inputs: Iterable[InputSpec | str],
    *,
    options: ReadOptions | None = None,
    stages: list[Stage] | None = None,
) -> Analysis:
    """Read ``inputs`` (paths, URLs, ``-``, or ``OUTLET=INPUT``) and compare the articles.

    Bad inputs become warnings and are skipped; raises :class:`NotEnoughArticles` when
    fewer than two articles remain, with the reasons in its message.
    """
    started = time.perf_counter()
    ingested = read_inputs(inputs, options)
    took = time.perf_counter() - started
    return analyse(ingested.articles, warnings=ingested.warnings, stages=stages, ingest_time=took)


def analyse(
    articles: Sequence[Article],
    *,
    warnings: Sequence[Notice] = (),
    stages: list[Stage] | None = None,
    ingest_time: float | None = None,
) -> Analysis:
    """Run the analysis stages over articles already read (e.g. from a database)."""
    if len(articles) < 2:
        reasons = "; ".join(str(w) for w in warnings if w.code == "skipped-input")
        got = "one article" if len(articles) == 1 else "no article"
        hint = f" ({reasons})" if reasons else ""
        raise NotEnoughArticles(f"got {got}{hint}; give at least two articles about the same event")
    timings = {"ingest": ingest_time} if ingest_time is not None else {}
    base = Analysis(articles=tuple(articles), warnings=tuple(warnings), timings=timings)
    return run_pipeline(base, stages)
