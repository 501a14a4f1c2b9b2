"""Alembic environment: Parallax runs migrations itself, on a connection it gives."""

from __future__ import annotations

from alembic import context

from parallax.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only with the alembic command line
    raise RuntimeError("run migrations with `parallax db upgrade`, which passes a connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
