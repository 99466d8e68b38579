"""Slack bookkeeping: delivered events, posted answers, flags

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from store.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _s(n: int) -> sa.types.TypeEngine:
    return sqlmodel.sql.sqltypes.AutoString(length=n)


def upgrade() -> None:
    op.create_table(
        "slack_delivery",
        sa.Column("event_id", _s(80), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "slack_channel_story",
        sa.Column("channel_id", _s(40), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("set_by", _s(40), nullable=True),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"]),
        sa.PrimaryKeyConstraint("channel_id"),
    )
    op.create_index("ix_slack_channel_story_story_id", "slack_channel_story", ["story_id"])
    op.create_table(
        "slack_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", _s(40), nullable=False),
        sa.Column("ts", _s(40), nullable=False),
        sa.Column("thread_ts", _s(40), nullable=False),
        sa.Column("question", _s(2000), nullable=False),
        sa.Column("asked_by", _s(40), nullable=True),
        sa.Column("story_ids", sa.JSON(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("posted_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel_id", "ts", name="uq_slack_answer_channel_ts"),
    )
    op.create_index("ix_slack_answer_thread", "slack_answer", ["channel_id", "thread_ts"])
    op.create_table(
        "slack_answer_fact",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["slack_answer.id"]),
        sa.PrimaryKeyConstraint("answer_id", "fact_id"),
    )
    op.create_index("ix_slack_answer_fact_fact_id", "slack_answer_fact", ["fact_id"])
    op.create_table(
        "slack_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("channel_id", _s(40), nullable=False),
        sa.Column("message_ts", _s(40), nullable=False),
        sa.Column("user_id", _s(40), nullable=False),
        sa.Column("fact_ids", sa.JSON(), nullable=False),
        sa.Column("question", _s(2000), nullable=True),
        sa.Column("flagged_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["slack_answer.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_slack_flag_answer_id", "slack_flag", ["answer_id"])


def downgrade() -> None:
    op.drop_table("slack_flag")
    op.drop_table("slack_answer_fact")
    op.drop_table("slack_answer")
    op.drop_table("slack_channel_story")
    op.drop_table("slack_delivery")
