"""Turning read articles into stored facts: extract, then hand to the store in one transaction."""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from facts.extract import extract, extract_steps
from facts.sources import RawArticle
from facts.types import Extraction
from store.records import StoryRecord
from store.repo import AddedArticle, ExtractionInput

_SLUG_BAD = re.compile(r"[^a-z0-9]+")


class ArticleSink(Protocol):
    async def add_article(
        self,
        *,
        story_id: int,
        body: str,
        content_hash: str,
        extraction: ExtractionInput,
        now: datetime,
        outlet: str | None = None,
        url: str | None = None,
        headline: str | None = None,
        published_at: datetime | None = None,
    ) -> AddedArticle: ...


class IngestStore(ArticleSink, Protocol):
    async def ensure_story(
        self,
        slug: str,
        *,
        title: str | None = None,
        now: datetime,
        channel_id: str | None = None,
        is_private: bool = False,
    ) -> StoryRecord: ...

    def article_writer(self) -> AbstractAsyncContextManager[ArticleSink]:
        """Several add_article calls over one held connection."""
        ...


@dataclass(frozen=True)
class IngestOutcome:
    """What became of one article: `status` is "added", "revised" or "duplicate"."""

    origin: str
    story_slug: str
    status: str
    article_id: int
    revision: int
    headline: str | None
    fact_count: int
    sentence_count: int


def content_hash(body: str) -> str:
    """Identity of an article's text: the same words with other spacing are the same text."""
    # str.split() breaks at exactly the characters the regex `\s+` matches, faster.
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def slugify(title: str, *, max_words: int = 6) -> str:
    words = _SLUG_BAD.sub(" ", title.lower()).split()
    return "-".join(words[:max_words]) or "story"


async def ingest_article(
    article: RawArticle,
    *,
    store: IngestStore,
    story: StoryRecord,
    now: datetime,
) -> IngestOutcome:
    """Extract the facts of one article and store it (a no-op for text already stored)."""
    return await _store(article, extract(article.body, article.published), store=store, story=story, now=now)


async def _store(
    article: RawArticle, extraction: Extraction, *, store: ArticleSink, story: StoryRecord, now: datetime
) -> IngestOutcome:
    added = await store.add_article(
        story_id=story.id,
        body=article.body,
        content_hash=content_hash(article.body),
        extraction=extraction,
        now=now,
        outlet=article.outlet,
        url=article.url,
        headline=article.headline,
        published_at=article.published,
    )
    return IngestOutcome(
        origin=article.origin,
        story_slug=story.slug,
        status=added.status,
        article_id=added.article_id,
        revision=added.revision,
        headline=article.headline,
        fact_count=added.fact_count,
        sentence_count=added.sentence_count,
    )


# How long extraction keeps the event loop before letting a pending write take its next step
# (a slice boundary costs ~25 µs; a PostgreSQL write of known entities needs two).
_EXTRACT_SLICE_S = 0.001


async def _extract_between_writes(article: RawArticle) -> Extraction:
    """Extract on the event loop, yielding to it every millisecond or so: the previous
    article's write then makes progress (a PostgreSQL round trip, a SQLite thread hop) while
    this article is extracted, instead of waiting for it."""
    steps = extract_steps(article.body, article.published)
    clock = time.perf_counter
    deadline = clock() + _EXTRACT_SLICE_S
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
        if clock() >= deadline:
            await asyncio.sleep(0)
            deadline = clock() + _EXTRACT_SLICE_S


async def iter_ingest(
    articles: Sequence[RawArticle],
    *,
    store: IngestStore,
    story: StoryRecord,
    now: datetime,
) -> AsyncIterator[IngestOutcome]:
    """Store articles in order, each in its own transaction, yielding each outcome once stored.

    One article is written while the next is extracted: the database works (on its server or
    its own thread) while this process extracts. At most one write is in flight and each starts
    only after the one before it succeeded, so a failure leaves the articles before it stored,
    none after it, and no article half-written."""
    async with store.article_writer() as writer:
        write: asyncio.Task[IngestOutcome] | None = None
        try:
            for article in articles:
                extraction = await _extract_between_writes(article)
                if write is not None:
                    yield await write
                write = asyncio.ensure_future(_store(article, extraction, store=writer, story=story, now=now))
            if write is not None:
                yield await write
        finally:
            if write is not None and not write.done():
                # Extraction failed or the caller stopped: let the write in flight finish (one
                # transaction either way) before its connection goes back to the pool.
                await asyncio.wait([write])
            if write is not None and write.done() and not write.cancelled():
                write.exception()  # marks it retrieved: the error already propagating comes first


async def ingest_articles(
    articles: Sequence[RawArticle],
    *,
    store: IngestStore,
    story_slug: str,
    now: datetime,
    story_title: str | None = None,
) -> list[IngestOutcome]:
    """Store several articles into one story, each in its own transaction."""
    story = await store.ensure_story(story_slug, title=story_title, now=now)
    return [o async for o in iter_ingest(articles, store=store, story=story, now=now)]
