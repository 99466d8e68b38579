"""Turning read articles into stored facts: extract, then hand to the store in one transaction."""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
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


class ArticleWriter(ArticleSink, Protocol):
    # Whether a write runs beside this process's own work (on a database server) rather than
    # competing with extraction for the interpreter (SQLite's thread needs the GIL after
    # every statement step, so extracting meanwhile slows both).
    writes_in_background: bool


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

    def article_writer(self) -> AbstractAsyncContextManager[ArticleWriter]:
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


class _WriteChain:
    """Extracted articles waiting for the store, written one at a time in input order: each
    write starts when the one before it has succeeded, and none after a failure."""

    def __init__(self, write: Callable[[RawArticle, Extraction], Awaitable[IngestOutcome]]) -> None:
        self._write = write
        self.waiting: deque[tuple[RawArticle, Extraction]] = deque()
        self.stored: deque[IngestOutcome] = deque()
        self.in_flight: asyncio.Future[IngestOutcome] | None = None
        self.failure: BaseException | None = None

    def add(self, article: RawArticle, extraction: Extraction) -> None:
        self.waiting.append((article, extraction))
        if self.in_flight is None:
            self._start_next()

    def _start_next(self) -> None:
        self.in_flight = None
        if self.waiting and self.failure is None:
            self.in_flight = asyncio.ensure_future(self._write(*self.waiting.popleft()))
            self.in_flight.add_done_callback(self._finished)

    def _finished(self, write: asyncio.Future[IngestOutcome]) -> None:
        if write.cancelled():
            self.failure = asyncio.CancelledError()
        elif (error := write.exception()) is not None:
            self.failure = error
        else:
            self.stored.append(write.result())
        self._start_next()

    async def next_finished(self) -> None:
        """Wait for the write in flight, if any, to end."""
        if self.in_flight is not None:
            await asyncio.wait([self.in_flight])


# Extracted articles that may wait for the store: enough to ride out a slow write (a checkpoint,
# a busy server) without holding many extractions in memory.
_LOOKAHEAD = 8


async def iter_ingest(
    articles: Sequence[RawArticle],
    *,
    store: IngestStore,
    story: StoryRecord,
    now: datetime,
) -> AsyncIterator[IngestOutcome]:
    """Store articles in order, each in its own transaction, yielding each outcome once stored.

    Where the database works apart from this process (a server), articles are written while
    the next ones are extracted, up to `_LOOKAHEAD` ahead. One write is in flight at a time,
    each starts after the one before it succeeded, and an article that cannot be extracted is
    reached only after the ones before it are stored: a failure leaves the articles before it
    stored, none after it, and no article half-written."""
    async with store.article_writer() as writer:
        chain = _WriteChain(lambda a, ex: _store(a, ex, store=writer, story=story, now=now))
        try:
            for article in articles:
                try:
                    if writer.writes_in_background:
                        extraction = await _extract_between_writes(article)
                    else:
                        extraction = extract(article.body, article.published)
                except Exception:
                    while chain.in_flight is not None:  # store those read before it first
                        await chain.next_finished()
                    raise
                chain.add(article, extraction)
                # Without a background writer, each article is stored before the next is read.
                limit = _LOOKAHEAD if writer.writes_in_background else 0
                while chain.in_flight is not None and chain.failure is None and len(chain.waiting) >= limit:
                    await chain.next_finished()
                if chain.failure is not None:
                    raise chain.failure
                while chain.stored:
                    yield chain.stored.popleft()
            while chain.in_flight is not None:
                await chain.next_finished()
                while chain.stored:
                    yield chain.stored.popleft()
            if chain.failure is not None:
                raise chain.failure
        finally:
            # However this ends, start no more writes and let the one in flight finish (one
            # transaction either way) before its connection goes back to the pool.
            chain.waiting.clear()
            while chain.in_flight is not None:
                await chain.next_finished()


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
