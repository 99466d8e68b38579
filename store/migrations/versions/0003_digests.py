"""Digest schedules and claims

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from store.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_schedule",
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("at_time", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("weekdays_only", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("quiet_when_empty", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("disabled_at", UTCDateTime(), nullable=True),
        sa.Column("last_digest_at", UTCDateTime(), nullable=True),
        sa.Column("last_message_ts", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"]),
        sa.PrimaryKeyConstraint("channel_id"),
    )
    with op.batch_alter_table("digest_schedule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digest_schedule_story_id"), ["story_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_digest_schedule_enabled"), ["enabled"], unique=False)

    op.create_table(
        "digest_claim",
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("message_ts", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("covered_until", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.PrimaryKeyConstraint("channel_id", "period"),
    )
    with op.batch_alter_table("digest_claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_digest_claim_claimed_at"), ["claimed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("digest_claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digest_claim_claimed_at"))
    op.drop_table("digest_claim")
    with op.batch_alter_table("digest_schedule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digest_schedule_enabled"))
        batch_op.drop_index(batch_op.f("ix_digest_schedule_story_id"))
    op.drop_table("digest_schedule")
