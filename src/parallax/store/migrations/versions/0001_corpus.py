"""The corpus: outlets, feeds, articles (versions), fetch log, cached analyses; full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, unique=True),
        sa.Column("created_at", _NOW, nullable=False),
    )
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("outlet", sa.String(300)),
        sa.Column("title", sa.String(500)),
        sa.Column("etag", sa.String(500)),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("last_polled_at", _NOW),
        sa.Column("last_ok_at", _NOW),
        sa.Column("last_error", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("next_poll_at", _NOW),
        sa.Column("created_at", _NOW, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(12), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("previous_pk", sa.Integer, sa.ForeignKey("articles.pk")),
        sa.Column("latest", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.String(12), nullable=False),
        sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id"), nullable=False),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id")),
        sa.Column("url", sa.String(2000)),
        sa.Column("canonical_url", sa.String(2000)),
        sa.Column("source", sa.String(2000), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("ingested_at", _NOW, nullable=False),
        sa.UniqueConstraint("article_id", "version", name="uq_articles_version"),
        sa.UniqueConstraint("article_id", "content_hash", name="uq_articles_content"),
    )
    op.create_index("ix_articles_outlet_hash", "articles", ["outlet_id", "content_hash"])
    op.create_index("ix_articles_canonical_url", "articles", ["canonical_url"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"])
    op.create_table(
        "fetch_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id")),
        sa.Column("started_at", _NOW, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("not_modified", sa.Boolean, nullable=False),
        sa.Column("entries", sa.Integer, nullable=False),
        sa.Column("new", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_table(
        "analyses",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("articles", sa.JSON, nullable=False),
        sa.Column("parallax_version", sa.String(20), nullable=False),
        sa.Column("options_digest", sa.String(12), nullable=False),
        sa.Column("created_at", _NOW, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_articles_search ON articles USING GIN (search)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='articles', content_rowid='pk', tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); "
            "END"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.pk, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
            "VALUES ('delete', old.pk, old.title, old.text); "
            "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); "
            "END"
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("analyses", "fetch_log", "articles", "feeds", "outlets"):
        op.drop_table(table)
