"""Turning read articles into stored facts: extract, then hand to the store in one transaction."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from facts.extract import extract
from facts.sources import RawArticle
from store.records import StoryRecord
from store.repo import AddedArticle, ExtractionInput

_SPACE = re.compile(r"\s+")
_SLUG_BAD = re.compile(r"[^a-z0-9]+")


class IngestStore(Protocol):
    async def ensure_story(
        self,
        slug: str,
        *,
        title: str | None = None,
        now: datetime,
        channel_id: str | None = None,
        is_private: bool = False,
    ) -> StoryRecord: ...

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
    return hashlib.sha256(_SPACE.sub(" ", body).strip().encode("utf-8")).hexdigest()


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
    extraction = extract(article.body, article.published)
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
    return [await ingest_article(a, store=store, story=story, now=now) for a in articles]
