"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from store.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "questionlog",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("question", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("normalized", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("asked_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("questionlog", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_questionlog_normalized"), ["normalized"], unique=False)
        batch_op.create_index(batch_op.f("ix_questionlog_story_id"), ["story_id"], unique=False)

    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("channel_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("is_private", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_channel_id"), ["channel_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_story_slug"), ["slug"], unique=True)

    op.create_table(
        "term",
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.PrimaryKeyConstraint("word"),
    )
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("headline", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.Column("ingested_at", UTCDateTime(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("content_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["article.id"],
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["story.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("story_id", "content_hash", name="uq_article_story_hash"),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_ingested_at"), ["ingested_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_story_id"), ["story_id"], unique=False)
        batch_op.create_index("ix_article_story_url", ["story_id", "url"], unique=False)
        batch_op.create_index(batch_op.f("ix_article_superseded"), ["superseded"], unique=False)

    op.create_table(
        "entity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["story.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("story_id", "kind", "name", name="uq_entity_story_kind_name"),
    )
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_story_id"), ["story_id"], unique=False)

    op.create_table(
        "entityalias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entity.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity_id", "alias", name="uq_alias_entity_alias"),
    )
    with op.batch_alter_table("entityalias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entityalias_alias"), ["alias"], unique=False)
        batch_op.create_index(batch_op.f("ix_entityalias_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "sentence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sentence", schema=None) as batch_op:
        batch_op.create_index("ix_sentence_article_idx", ["article_id", "idx"], unique=False)
        batch_op.create_index(batch_op.f("ix_sentence_story_id"), ["story_id"], unique=False)

    op.create_table(
        "fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("relation", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("value_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("value_num", sa.Float(), nullable=True),
        sa.Column("hedge", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("modifiers", sa.JSON(), nullable=False),
        sa.Column("time_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("time_value", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attribution", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attributed_to", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attributed_medium", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("speaker", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("quote", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("original_value_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sentence_id"],
            ["sentence.id"],
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["story.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fact_article_id"), ["article_id"], unique=False)
        batch_op.create_index("ix_fact_sentence", ["sentence_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fact_story_id"), ["story_id"], unique=False)
        batch_op.create_index("ix_fact_story_unit", ["story_id", "unit"], unique=False)

    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entity.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sentence_id"],
            ["sentence.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mention_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mention_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "auditentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["fact_id"],
            ["fact.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditentry_fact_id"), ["fact_id"], unique=False)

    _create_full_text_index()


def _create_full_text_index() -> None:
    # Each engine's own full-text search over sentences: FTS5 on SQLite, a stored
    # tsvector with a GIN index on PostgreSQL. Porter/English stemming lets
    # "deployed" find "deploy".
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE sentence_fts USING fts5("
            "text, content='sentence', content_rowid='id', tokenize='porter unicode61')"
        )
        # Triggers keep the index in step inside the same statement as the write.
        op.execute(
            "CREATE TRIGGER sentence_fts_insert AFTER INSERT ON sentence BEGIN "
            "INSERT INTO sentence_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER sentence_fts_delete AFTER DELETE ON sentence BEGIN "
            "INSERT INTO sentence_fts(sentence_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
    else:
        op.execute(
            "ALTER TABLE sentence ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"
        )
        op.execute("CREATE INDEX ix_sentence_tsv ON sentence USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS sentence_fts_insert")
        op.execute("DROP TRIGGER IF EXISTS sentence_fts_delete")
        op.execute("DROP TABLE IF EXISTS sentence_fts")
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auditentry_fact_id"))

    op.drop_table("auditentry")
    with op.batch_alter_table("mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mention_entity_id"))
        batch_op.drop_index(batch_op.f("ix_mention_article_id"))

    op.drop_table("mention")
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.drop_index("ix_fact_story_unit")
        batch_op.drop_index(batch_op.f("ix_fact_story_id"))
        batch_op.drop_index("ix_fact_sentence")
        batch_op.drop_index(batch_op.f("ix_fact_article_id"))

    op.drop_table("fact")
    with op.batch_alter_table("sentence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sentence_story_id"))
        batch_op.drop_index("ix_sentence_article_idx")

    op.drop_table("sentence")
    with op.batch_alter_table("entityalias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entityalias_entity_id"))
        batch_op.drop_index(batch_op.f("ix_entityalias_alias"))

    op.drop_table("entityalias")
    with op.batch_alter_table("entity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_story_id"))

    op.drop_table("entity")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_superseded"))
        batch_op.drop_index("ix_article_story_url")
        batch_op.drop_index(batch_op.f("ix_article_story_id"))
        batch_op.drop_index(batch_op.f("ix_article_ingested_at"))

    op.drop_table("article")
    op.drop_table("term")
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_slug"))
        batch_op.drop_index(batch_op.f("ix_story_channel_id"))

    op.drop_table("story")
    with op.batch_alter_table("questionlog", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_questionlog_story_id"))
        batch_op.drop_index(batch_op.f("ix_questionlog_normalized"))

    op.drop_table("questionlog")
