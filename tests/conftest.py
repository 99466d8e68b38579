"""Shared fixtures: one store contract, run on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest

from store import Store

PG_URL = os.environ.get("FACTDESK_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
NOW = datetime(2025, 1, 25, 12, 0, tzinfo=UTC)


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _pg_available() -> str | None:
    try:
        conn = await asyncpg.connect(_asyncpg_dsn(PG_URL), timeout=5)
    except Exception as exc:  # any failure to reach it means "not available"
        return f"{type(exc).__name__}: {exc}"
    await conn.close()
    return None


async def new_pg_schema() -> str:
    """A fresh PostgreSQL schema (drop it with `drop_pg_schema`).

    Under CI a missing server fails the test: a skipped PostgreSQL test would hide
    exactly the multi-process bugs it exists to catch."""
    problem = await _pg_available()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI and is not reachable at {PG_URL}: {problem}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {problem}")
    schema = "t_" + uuid.uuid4().hex[:12]
    conn = await asyncpg.connect(_asyncpg_dsn(PG_URL))
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
    finally:
        await conn.close()
    return schema


async def drop_pg_schema(schema: str) -> None:
    conn = await asyncpg.connect(_asyncpg_dsn(PG_URL))
    try:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[Store]:
    """An empty, migrated store on each backend."""
    schema = None
    if request.param == "sqlite":
        s = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'factdesk.db'}")
    else:
        schema = await new_pg_schema()
        s = await Store.open(PG_URL, migrate=True, schema=schema)
    try:
        yield s
    finally:
        await s.close()
        if schema:
            await drop_pg_schema(schema)
