"""PostgreSQL row types the article write binds its sentences, facts and mentions as

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

An article's rows went as one array per column (~1,900 values an article), and asyncpg checks
every value of an array for being a nested array (a Python-level isinstance per value). As one
array of rows per table it checks each row once. SQLite has no such types; nothing to do there.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Field order is the order store.writes builds its tuples in.
_TYPES = {
    "write_sentence": 'idx int, start int, "end" int, text text',
    "write_fact": (
        "kind text, subject text, relation text, value_text text, value_num float8, hedge text, "
        "unit text, time_text text, time_value text, place text, attribution text, "
        'attributed_to text, attributed_medium text, speaker text, quote text, start int, "end" int, '
        "modifiers text, sentence_idx int"
    ),
    "write_mention": 'entity_id int, sentence_idx int, start int, "end" int',
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for name, fields in _TYPES.items():
        op.execute(f"CREATE TYPE {name} AS ({fields})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for name in _TYPES:
        op.execute(f"DROP TYPE {name}")
