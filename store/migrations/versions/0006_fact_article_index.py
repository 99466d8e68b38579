"""Drop ix_fact_article_id: a retired revision's facts are found through their sentences

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25

The index served one query, the update retiring the facts of a revision an article replaces
(rare), and cost every fact written an index entry. That update now goes through the
revision's sentences (ix_sentence_article_idx, then ix_fact_sentence).
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_fact_article_id", table_name="fact")


def downgrade() -> None:
    op.create_index("ix_fact_article_id", "fact", ["article_id"], unique=False)
