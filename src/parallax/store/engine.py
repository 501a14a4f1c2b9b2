"""Which database, how to connect to it, and bringing its schema up to date.

``--db`` or ``PARALLAX_DB`` names the database: a path (a SQLite file, ``./parallax.db``
by default), ``sqlite:///path``, or ``postgresql://user@host/dbname`` (psycopg 3).
SQLite runs in WAL mode with foreign keys on; every write transaction starts with
``BEGIN IMMEDIATE`` and waits up to 30 s for another writer, so two processes writing
the same file take turns instead of failing with "database is locked".

Migrations are Alembic's, shipped in the package.  :func:`connect` upgrades an older
schema, creates a new database, and refuses (one-line :class:`StoreError`) a database
that belongs to something else or whose schema is newer than this code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from parallax.errors import ParallaxError

DEFAULT_DB = "parallax.db"
BUSY_SECONDS = 30


class StoreError(ParallaxError):
    """The database cannot be opened or used (what went wrong and what to do)."""


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for ``--db`` / ``PARALLAX_DB`` / ``./parallax.db``."""
    target = db or os.environ.get("PARALLAX_DB") or DEFAULT_DB
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event starts transactions
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url}: not a database URL or path ({exc})") from exc
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise StoreError(f"{path}: the folder does not exist; create it or give another --db")
        engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    raise StoreError(f"{url}: only SQLite files and postgresql:// URLs are supported")


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "parallax.store:migrations")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "parallax.store:migrations")
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The schema revision of the database, None if it has no Parallax schema yet.

    Raises :class:`StoreError` for a database that holds other tables but no revision."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise StoreError(
                f"{_where(connection)}: not a Parallax database (it has other tables); "
                "give another --db"
            )
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def _where(connection: Connection) -> str:
    return connection.engine.url.render_as_string(hide_password=True)


def upgrade(engine: Engine) -> str:
    """Bring the schema to the newest revision; return it."""
    from alembic import command
    from alembic.script import ScriptDirectory

    head = head_revision()
    try:
        with engine.connect() as connection:
            if _check(connection, ScriptDirectory) == head:
                return head  # the usual case: nothing to do, no lock taken
        with engine.connect() as connection, connection.begin():
            # One migrator at a time: SQLite's BEGIN IMMEDIATE holds the write lock;
            # PostgreSQL takes an advisory lock.  Then look again: another process may
            # have migrated while this one waited.
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(7261906)"))
            if _check(connection, ScriptDirectory) != head:
                command.upgrade(_alembic_config(connection), "head")
    except (OperationalError, DatabaseError) as exc:
        raise StoreError(_explain(engine, exc)) from exc
    return head


def _check(connection: Connection, directory: Any) -> str | None:
    """The current revision, refusing one this code does not know (a newer schema)."""
    current = current_revision(connection)
    known = {
        s.revision for s in directory.from_config(_alembic_config(connection)).walk_revisions()
    }
    if current is not None and current not in known:
        raise StoreError(
            f"{_where(connection)}: the database schema ({current}) is newer than this "
            "Parallax; upgrade Parallax to use it"
        )
    return current


def _explain(engine: Engine, exc: Exception) -> str:
    where = engine.url.render_as_string(hide_password=True)
    message = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    if "file is not a database" in message:
        return f"{where}: not a SQLite database; give another --db"
    if engine.url.get_backend_name() == "postgresql":
        return f"{where}: cannot reach the PostgreSQL server ({message})"
    return f"{where}: cannot open the database ({message})"


def connect(db: str | None = None, *, upgrade_schema: bool = True) -> Engine:
    """An engine for ``db`` with its schema brought up to date (see module docstring)."""
    engine = make_engine(resolve_url(db))
    if upgrade_schema:
        upgrade(engine)
    return engine
