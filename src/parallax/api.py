"""The documented library entry points: :func:`compare` and :func:`analyse`.

Both are shorthands for a :class:`~parallax.service.Service` with the given options.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from parallax.ingest import InputSpec, ReadOptions
from parallax.model import Analysis, Article, Notice
from parallax.options import Options
from parallax.pipeline import Stage
from parallax.service import Service


def compare(
    inputs: Iterable[InputSpec | str],
    *,
    options: ReadOptions | None = None,
    stages: Sequence[Stage] | None = None,
    settings: Options | None = None,
) -> Analysis:
    """Read ``inputs`` (paths, URLs, ``-``, or ``OUTLET=INPUT``) and compare the articles.

    Bad inputs become warnings and are skipped; raises :class:`NotEnoughArticles` when
    fewer than two articles remain, with the reasons in its message.
    """
    service = Service(options=settings or Options(), read_options=options or ReadOptions())
    return service.compare(inputs, stages=stages)


def analyse(
    articles: Sequence[Article],
    *,
    warnings: Sequence[Notice] = (),
    stages: Sequence[Stage] | None = None,
    ingest_time: float | None = None,
    settings: Options | None = None,
) -> Analysis:
    """Run the analysis stages over articles already read (e.g. from a database)."""
    service = Service(options=settings or Options())
    return service.analyse(articles, warnings=warnings, stages=stages, ingest_time=ingest_time)
