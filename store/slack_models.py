"""Slack bookkeeping tables: delivered events, posted answers and the facts they cited, flags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.models import UTCDateTime


def _utc(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable))


class SlackDelivery(SQLModel, table=True):
    """One Slack event id, inserted before any work: a retry (in any process) finds it taken."""

    __tablename__ = "slack_delivery"

    event_id: str = Field(primary_key=True, max_length=80)
    received_at: datetime = _utc()


class SlackChannelStory(SQLModel, table=True):
    """The story a channel works on (`/story new` or `/story use`)."""

    __tablename__ = "slack_channel_story"

    channel_id: str = Field(primary_key=True, max_length=40)
    story_id: int = Field(foreign_key="story.id", index=True)
    set_by: str | None = Field(default=None, max_length=40)
    set_at: datetime = _utc()


class SlackAnswer(SQLModel, table=True):
    """An answer the bot posted: where (for thread follow-ups and corrections) and what it cited."""

    __tablename__ = "slack_answer"
    __table_args__ = (
        UniqueConstraint("channel_id", "ts", name="uq_slack_answer_channel_ts"),
        Index("ix_slack_answer_thread", "channel_id", "thread_ts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel_id: str = Field(max_length=40)
    ts: str = Field(max_length=40)
    thread_ts: str = Field(max_length=40)
    question: str = Field(max_length=2000)
    asked_by: str | None = Field(default=None, max_length=40)
    story_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    answered: bool = False
    posted_at: datetime = _utc()


class SlackAnswerFact(SQLModel, table=True):
    """One fact cited by one posted answer (looked up when an editor corrects that fact)."""

    __tablename__ = "slack_answer_fact"

    answer_id: int = Field(foreign_key="slack_answer.id", primary_key=True)
    fact_id: int = Field(primary_key=True, index=True)


class SlackFlag(SQLModel, table=True):
    """A reporter pressed "Flag as wrong" under an answer: kept for editors, with who."""

    __tablename__ = "slack_flag"

    id: int | None = Field(default=None, primary_key=True)
    answer_id: int | None = Field(default=None, foreign_key="slack_answer.id", index=True)
    channel_id: str = Field(max_length=40)
    message_ts: str = Field(max_length=40)
    user_id: str = Field(max_length=40)
    fact_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    question: str | None = Field(default=None, max_length=2000)
    flagged_at: datetime = _utc()
