"""SQLModel tables for scheduled digests: each channel's schedule and the claims that make posts exactly-once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from store.models import UTCDateTime


class DigestSchedule(SQLModel, table=True):
    """One channel's digest: when, in which zone, for which story, and where it got to.

    A row also exists for a channel that only ever asked for `digest now` (enabled false),
    because `last_digest_at` is what the next digest counts "new" from."""

    __tablename__ = "digest_schedule"

    channel_id: str = Field(primary_key=True, max_length=40)
    story_id: int = Field(foreign_key="story.id", index=True)
    at_time: str = Field(max_length=5)  # "HH:MM", local to `timezone`
    timezone: str = Field(max_length=64)
    weekdays_only: bool = False
    enabled: bool = Field(default=True, index=True)
    quiet_when_empty: bool = False
    # Why the bot turned the digest off by itself (e.g. "not_in_channel"); App Home shows it.
    disabled_reason: str | None = Field(default=None, max_length=300)
    disabled_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # The end of the window the last posted digest covered: the next one starts here.
    last_digest_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    last_message_ts: str | None = Field(default=None, max_length=40)
    updated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class DigestClaim(SQLModel, table=True):
    """A digest period taken by one process before it posts.

    Inserted with ON CONFLICT DO NOTHING, so of several processes exactly one gets it; marked
    with Slack's message ts once posted. A claim left unmarked past its lease belongs to a
    process that died between claim and post, and a later run takes it over."""

    __tablename__ = "digest_claim"

    channel_id: str = Field(primary_key=True, max_length=40)
    # "daily:2025-03-10" (the local date of a scheduled digest) or "now:2025-03-10T14:05Z".
    period: str = Field(primary_key=True, max_length=40)
    owner: str = Field(max_length=120)
    claimed_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    attempts: int = 1
    status: str = Field(default="claimed", max_length=20)  # claimed | posted | empty | skipped | failed
    message_ts: str | None = Field(default=None, max_length=40)
    covered_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    note: str | None = Field(default=None, max_length=300)
