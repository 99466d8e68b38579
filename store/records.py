"""Read-side values the store returns: plain dataclasses, detached from any session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ArticleRef:
    """Where a sentence came from: enough to cite it."""

    article_id: int
    story_id: int
    story_slug: str
    outlet: str | None
    url: str | None
    headline: str | None
    published_at: datetime | None
    ingested_at: datetime
    revision: int = 1


@dataclass
class FactRecord:
    """A stored fact. `value_text` is the value to state: when an editor corrected the
    fact it already holds the corrected value, and `original_value_text` the extracted one."""

    id: int
    article_id: int
    sentence_id: int
    kind: str
    start: int
    end: int
    status: str  # "extracted" | "confirmed" | "corrected" | "retracted"
    subject: str | None = None
    relation: str | None = None
    value_text: str | None = None
    value_num: float | None = None
    hedge: str | None = None
    unit: str | None = None
    modifiers: list[str] = field(default_factory=list)
    time_text: str | None = None
    time_value: str | None = None
    place: str | None = None
    attribution: str | None = None
    attributed_to: str | None = None
    attributed_medium: str | None = None
    speaker: str | None = None
    quote: str | None = None
    original_value_text: str | None = None
    note: str | None = None


@dataclass
class SentenceHit:
    """A sentence found by full-text search, with its article and the facts it holds.

    `rank` is higher for a better match (engine scores are normalised so that bigger is better)."""

    sentence_id: int
    index: int
    text: str
    start: int
    end: int
    rank: float
    article: ArticleRef
    facts: list[FactRecord] = field(default_factory=list)


@dataclass(frozen=True)
class EntityRecord:
    id: int
    story_id: int
    kind: str
    name: str
    role: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryRecord:
    id: int
    slug: str
    title: str
    channel_id: str | None
    is_private: bool
    created_at: datetime


@dataclass(frozen=True)
class StoryCounts:
    articles: int  # current reports (earlier revisions not counted)
    facts: int  # live facts
