"""Story digests: what each story's cached analysis says per outlet, for the profiles.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_digests",
        sa.Column("story_id", sa.String(12), sa.ForeignKey("stories.id"), primary_key=True),
        sa.Column("analysis_key", sa.String(40), nullable=False),
        sa.Column("digest_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_digests")
