"""Run the whole analysis so that an internal error cannot hide, and check the result.

Used by the real-data smoke test, the fuzz tests and ``eval/fuzz.py``.  The pipeline
normally turns a failing stage into a ``stage-failed`` warning; here
``PARALLAX_DEBUG=1`` makes the exception propagate, and a ``stage-failed`` warning
that still appears counts as a failure too.  The JSON must keep the offset contract:
every span inside its article's text (:func:`parallax.contract.check_offsets`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import parallax
from parallax.contract import check_offsets
from parallax.model import Analysis, Article


@contextmanager
def debug_mode() -> Iterator[None]:
    """``PARALLAX_DEBUG=1`` for the duration: a failing stage raises."""
    before = os.environ.get("PARALLAX_DEBUG")
    os.environ["PARALLAX_DEBUG"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PARALLAX_DEBUG", None)
        else:
            os.environ["PARALLAX_DEBUG"] = before


def problems_of(analysis: Analysis) -> list[str]:
    """``stage-failed`` warnings and broken offsets in a finished analysis."""
    out = [f"stage-failed: {w.message}" for w in analysis.warnings if w.code == "stage-failed"]
    return out + check_offsets(analysis.to_dict())


def analyse_checked(articles: Sequence[Article]) -> tuple[Analysis, list[str]]:
    """Run every default stage over ``articles``; exceptions propagate.  Returns the
    analysis and its problems (empty when it is sound)."""
    with debug_mode():
        analysis = parallax.analyse(list(articles))
    return analysis, problems_of(analysis)
