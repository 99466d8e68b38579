"""Drop the foreign keys and indexes that only the denormalised ids of facts and mentions had

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

fact.story_id, fact.article_id and mention.article_id copy what their sentence already names
(sentence -> article -> story, each a foreign key), so their own foreign keys checked nothing the
chain does not: ~80 facts and ~40 mentions an article made ~200 more checks per write.
ix_fact_story_id is the leading column of ix_fact_story_unit; ix_mention_article_id served only
the foreign key's checks on deleting an article.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (table, column, referred table): the foreign keys dropped.
_FOREIGN_KEYS = [
    ("fact", "story_id", "story"),
    ("fact", "article_id", "article"),
    ("mention", "article_id", "article"),
]
# SQLite's foreign keys of 0001 have no name: batch mode names what it reflects with this.
_NAMING = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


def _fk_name(table: str, column: str, referred: str) -> str:
    if op.get_bind().dialect.name == "sqlite":
        return f"fk_{table}_{column}_{referred}"
    return f"{table}_{column}_fkey"  # PostgreSQL's own name for them


def upgrade() -> None:
    with _audit_set_aside():
        for table, index in (("fact", "ix_fact_story_id"), ("mention", "ix_mention_article_id")):
            # On SQLite a foreign key goes only by rebuilding the table (batch mode copies it).
            with op.batch_alter_table(table, naming_convention=_NAMING) as batch_op:
                for t, column, referred in _FOREIGN_KEYS:
                    if t == table:
                        batch_op.drop_constraint(_fk_name(t, column, referred), type_="foreignkey")
                batch_op.drop_index(index)


def downgrade() -> None:
    with _audit_set_aside():
        for table, index, column in (
            ("fact", "ix_fact_story_id", "story_id"),
            ("mention", "ix_mention_article_id", "article_id"),
        ):
            with op.batch_alter_table(table, naming_convention=_NAMING) as batch_op:
                batch_op.create_index(index, [column], unique=False)
                for t, col, referred in _FOREIGN_KEYS:
                    if t == table:
                        batch_op.create_foreign_key(_fk_name(t, col, referred), referred, [col], ["id"])


@contextmanager
def _audit_set_aside() -> Iterator[None]:
    """On SQLite, the audit entries wait in a temporary table while fact is rebuilt: dropping
    the old fact table would otherwise fail their foreign key (foreign_keys cannot be turned
    off inside the migration's transaction)."""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    op.execute("CREATE TEMP TABLE _auditentry_0004 AS SELECT * FROM auditentry")
    op.execute("DELETE FROM auditentry")
    yield
    op.execute("INSERT INTO auditentry SELECT * FROM _auditentry_0004")
    op.execute("DROP TABLE _auditentry_0004")
