"""SQLModel tables: stories, articles and their sentences, facts, entities, the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC and always hands back timezone-aware values.

    SQLite keeps no zone, so without this a value read back would be naive and
    compare wrongly with the aware times the rest of the code uses."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass a timezone-aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _utc_column(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class Story(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=80)
    title: str = Field(max_length=300)
    # A story started in a Slack channel is bound to it; private ones answer only there.
    channel_id: str | None = Field(default=None, index=True, max_length=40)
    is_private: bool = False
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class Article(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("story_id", "content_hash", name="uq_article_story_hash"),
        Index("ix_article_story_url", "story_id", "url"),
    )

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    headline: str | None = Field(default=None, max_length=500)
    published_at: datetime | None = _utc_column()
    ingested_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    body: str
    content_hash: str = Field(max_length=64)
    # An updated version of the same URL is a new revision; the older one is kept but superseded.
    revision: int = 1
    previous_id: int | None = Field(default=None, foreign_key="article.id")
    superseded: bool = Field(default=False, index=True)


class Sentence(SQLModel, table=True):
    __table_args__ = (Index("ix_sentence_article_idx", "article_id", "idx"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id")
    # Denormalised so that a story-scoped full-text search needs no join to filter.
    story_id: int = Field(index=True)
    idx: int
    start: int
    end: int
    text: str
    live: bool = True  # false once its article is superseded by a newer revision


class Fact(SQLModel, table=True):
    __table_args__ = (
        Index("ix_fact_story_unit", "story_id", "unit"),
        Index("ix_fact_sentence", "sentence_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # Copies of what the sentence names (sentence -> article -> story, each a foreign key):
    # their own foreign keys would only repeat those checks, ~80 facts an article.
    story_id: int  # ix_fact_story_unit serves lookups by story
    article_id: int  # a revision's facts are found through its sentences (ix_fact_sentence)
    sentence_id: int = Field(foreign_key="sentence.id")
    kind: str = Field(max_length=20)
    subject: str | None = None
    relation: str | None = None
    value_text: str | None = None
    value_num: float | None = None
    hedge: str | None = None
    unit: str | None = Field(default=None, max_length=80)
    modifiers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    time_text: str | None = None
    time_value: str | None = Field(default=None, max_length=32)
    place: str | None = None
    attribution: str | None = None
    attributed_to: str | None = None
    attributed_medium: str | None = None
    speaker: str | None = None
    quote: str | None = None
    start: int
    end: int
    status: str = Field(default="extracted", max_length=20)
    original_value_text: str | None = None
    note: str | None = None
    live: bool = True
    updated_at: datetime | None = _utc_column()


class Entity(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("story_id", "kind", "name", name="uq_entity_story_kind_name"),)

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=300)
    role: str | None = Field(default=None, max_length=300)


class EntityAlias(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("entity_id", "alias", name="uq_alias_entity_alias"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entity.id", index=True)
    alias: str = Field(max_length=300, index=True)


class Mention(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="entity.id", index=True)
    article_id: int  # a copy of the sentence's, as for facts
    sentence_id: int = Field(foreign_key="sentence.id")
    start: int
    end: int


class AuditEntry(SQLModel, table=True):
    """Every edit of a fact: who, when, what it was before and after."""

    id: int | None = Field(default=None, primary_key=True)
    fact_id: int = Field(foreign_key="fact.id", index=True)
    actor: str = Field(max_length=120)
    action: str = Field(max_length=20)  # "confirm" | "correct" | "retract"
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    before: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    after: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str | None = None


class QuestionLog(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    story_id: int | None = Field(default=None, index=True)
    question: str
    normalized: str = Field(index=True, max_length=500)
    answered: bool
    asked_by: str | None = Field(default=None, max_length=120)
    asked_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class Term(SQLModel, table=True):
    """Words seen in stored sentences, for correcting typos in questions."""

    word: str = Field(primary_key=True, max_length=60)


def utcnow() -> datetime:
    return datetime.now(UTC)
