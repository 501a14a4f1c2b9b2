"""The corpus schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Migrations in ``parallax/store/migrations`` create exactly these tables; a test checks
that the migrated database and this metadata agree.  Full-text search is added by the
migration in each database's own way (SQLite FTS5, PostgreSQL ``tsvector``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

outlets = Table(
    "outlets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("outlet", String(300)),  # named by the user (OUTLET=URL or OPML), else inferred
    Column("title", String(500)),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_poll_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(12), nullable=False),  # identity: outlet + URL or input
    Column("version", Integer, nullable=False),  # 1, 2, ... as the outlet edits the story
    Column("previous_pk", Integer, ForeignKey("articles.pk")),
    Column("latest", Boolean, nullable=False),
    Column("content_hash", String(12), nullable=False),
    Column("outlet_id", Integer, ForeignKey("outlets.id"), nullable=False),
    Column("feed_id", Integer, ForeignKey("feeds.id")),
    Column("url", String(2000)),
    Column("canonical_url", String(2000)),
    Column("source", String(2000), nullable=False),
    Column("title", Text),
    Column("published", String(10)),  # ISO date, as in the JSON contract
    Column("language", String(10), nullable=False),
    Column("words", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("data", JSON, nullable=False),  # the rest of Article.to_dict(): offsets, credits...
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "version", name="uq_articles_version"),
    UniqueConstraint("article_id", "content_hash", name="uq_articles_content"),
)
Index("ix_articles_outlet_hash", articles.c.outlet_id, articles.c.content_hash)
Index("ix_articles_canonical_url", articles.c.canonical_url)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_content_hash", articles.c.content_hash)

fetch_log = Table(
    "fetch_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2000), nullable=False),
    Column("feed_id", Integer, ForeignKey("feeds.id")),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("seconds", Float, nullable=False),
    Column("status", Integer),  # HTTP status, or null when nothing answered
    Column("ok", Boolean, nullable=False),
    Column("not_modified", Boolean, nullable=False, default=False),
    Column("entries", Integer, nullable=False, default=0),
    Column("new", Integer, nullable=False, default=0),
    Column("error", Text),
)

analyses = Table(
    "analyses",
    metadata,
    Column("key", String(40), primary_key=True),  # sha1 of article versions, version, options
    Column("articles", JSON, nullable=False),  # the article versions (pk) analysed
    Column("parallax_version", String(20), nullable=False),
    Column("options_digest", String(12), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("data", JSON, nullable=False),  # Analysis.to_dict()
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(12), primary_key=True),
    Column("first_seen", String(10)),  # earliest publication date of its articles
    Column("last_seen", String(10)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

story_members = Table(
    "story_members",
    metadata,
    Column("article_pk", Integer, ForeignKey("articles.pk"), primary_key=True),
    Column("article_id", String(12), nullable=False),
    Column("story_id", String(12), ForeignKey("stories.id"), nullable=False),
    Column("score", Float, nullable=False),
    Column("matched_pk", Integer, ForeignKey("articles.pk")),  # its most similar article
    Column("shared", JSON, nullable=False),  # the names, figures and words that decided
    Column("reason", Text, nullable=False),
    Column("signature", JSON, nullable=False),  # weighted terms, for later comparisons
    Column("assigned_at", DateTime(timezone=True), nullable=False),
)
Index("ix_story_members_story", story_members.c.story_id)
Index("ix_story_members_article", story_members.c.article_id)

story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(200), nullable=False),
    Column("article_pk", Integer, ForeignKey("articles.pk"), nullable=False),
)
Index("ix_story_terms_term", story_terms.c.term)

term_df = Table(
    "term_df",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("df", Integer, nullable=False),
)

story_digests = Table(
    "story_digests",
    metadata,
    Column("story_id", String(12), ForeignKey("stories.id"), primary_key=True),
    Column("analysis_key", String(40), nullable=False),  # the cached analysis it was read from
    Column("digest_version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("data", JSON, nullable=False),  # parallax.profiles.digest.StoryDigest.to_dict()
)
