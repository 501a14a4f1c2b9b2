"""Parallax: how different news outlets cover the same event, read from the text.

The library call behind ``parallax compare``::

    import parallax
    analysis = parallax.compare(["a.txt", "Channel 9=b.html", "https://example.org/c"])
    analysis.to_dict()          # the JSON contract (schema in parallax/schema/)

Findings point back to their article by ``id`` and ``[start, end]`` offsets into that
article's ``text``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parallax.api import analyse, compare
from parallax.errors import InputError, NotEnoughArticles, ParallaxError
from parallax.model import Analysis, Article, Notice
from parallax.version import __version__

if TYPE_CHECKING:
    from parallax.store import Store


def open_store(db: str | None = None) -> Store:
    """The corpus database at ``db`` (a SQLite path or a postgresql:// URL; default
    ``PARALLAX_DB`` or ``./parallax.db``), created or upgraded as needed."""
    from parallax.store import open_store as _open

    return _open(db)


__all__ = [
    "Analysis",
    "Article",
    "InputError",
    "NotEnoughArticles",
    "Notice",
    "ParallaxError",
    "__version__",
    "analyse",
    "compare",
    "open_store",
]
