"""Stories: each article's story, the evidence for it, and the term index behind it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(12), primary_key=True),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
    )
    op.create_table(
        "story_members",
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), primary_key=True),
        sa.Column("article_id", sa.String(12), nullable=False),
        sa.Column("story_id", sa.String(12), sa.ForeignKey("stories.id"), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("matched_pk", sa.Integer, sa.ForeignKey("articles.pk")),
        sa.Column("shared", sa.JSON, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("signature", sa.JSON, nullable=False),
        sa.Column("assigned_at", _TIME, nullable=False),
    )
    op.create_index("ix_story_members_story", "story_members", ["story_id"])
    op.create_index("ix_story_members_article", "story_members", ["article_id"])
    op.create_table(
        "story_terms",
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False),
    )
    op.create_index("ix_story_terms_term", "story_terms", ["term"])
    op.create_table(
        "term_df",
        sa.Column("term", sa.String(200), primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("term_df", "story_terms", "story_members", "stories"):
        op.drop_table(table)
