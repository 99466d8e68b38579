"""Alembic environment: runs on a connection handed in by store.db, or on the configured URL."""

from __future__ import annotations

import asyncio

import sqlmodel  # noqa: F401  (migrations reference sqlmodel column types)
from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

import store.digest_models  # noqa: F401  (digest schedules and claims)
import store.models  # noqa: F401  (registers the tables on the metadata)
import store.slack_models  # noqa: F401

target_metadata = sqlmodel.SQLModel.metadata
config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_on_url(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.connect() as conn:
        await conn.run_sync(_run)
        await conn.commit()
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_on_url(config.get_main_option("sqlalchemy.url") or ""))
