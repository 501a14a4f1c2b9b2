"""The corpus database: SQLite by default, PostgreSQL by URL, Alembic migrations.

store = parallax.open_store("corpus.db")          # or "postgresql://user@host/db"
result = store.add(article)                        # new / updated / duplicate
store.articles(outlet="Channel 9", since="2025-01-01", search="port strike")
"""

from __future__ import annotations

from parallax.store.engine import StoreError, connect, resolve_url, upgrade
from parallax.store.repository import AddResult, Feed, Store, StoredArticle


def open_store(db: str | None = None) -> Store:
    """Open (and create or upgrade) the database at ``db``, ``PARALLAX_DB`` or
    ``./parallax.db``; raises :class:`StoreError` with a one-line reason."""
    return Store(connect(db))


__all__ = [
    "AddResult",
    "Feed",
    "Store",
    "StoreError",
    "StoredArticle",
    "open_store",
    "resolve_url",
    "upgrade",
]
