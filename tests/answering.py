"""Common ground of the answering tests: a SQLite store per test (the name `store` overrides the
two-database fixture of conftest.py), reports added through the real ingest, and questions asked
of the engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from facts.answer import Answer, answer_question
from facts.ingest import ingest_articles
from facts.sources import parse_text
from store import Store

NOW = datetime(2025, 2, 5, 12, 0, tzinfo=UTC)


@pytest.fixture(name="store")
async def answering_store(tmp_path: Path) -> AsyncIterator[Store]:
    st = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'qa.db'}")
    try:
        yield st
    finally:
        await st.close()


async def add(
    store: Store,
    slug: str,
    text: str,
    *,
    outlet: str,
    published: datetime,
    url: str | None = None,
    now: datetime = NOW,
) -> None:
    article = parse_text(text, origin="test", outlet=outlet, published=published, url=url)
    await ingest_articles([article], store=store, story_slug=slug, now=now)


async def ask(store: Store, question: str, *, now: datetime = NOW, **kw: Any) -> Answer:
    return await answer_question(question, source=store, now=now, **kw)
