"""Queries for the Slack bookkeeping tables: event dedupe, channel stories, posted answers, flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from store.records import StoryRecord
from store.repo import Store
from store.slack_models import SlackAnswer, SlackAnswerFact, SlackChannelStory, SlackDelivery, SlackFlag


@dataclass(frozen=True)
class PostedAnswer:
    id: int
    channel_id: str
    ts: str
    thread_ts: str
    question: str
    asked_by: str | None
    story_ids: tuple[int, ...]
    answered: bool
    fact_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class FlagRecord:
    id: int
    answer_id: int | None
    channel_id: str
    message_ts: str
    user_id: str
    fact_ids: tuple[int, ...]
    question: str | None
    flagged_at: datetime


class SlackRepo:
    """Slack-side bookkeeping over the same engine as the fact store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def _insert_ignore(self, table, keys: list[str]):  # type: ignore[no-untyped-def]
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table.__table__).on_conflict_do_nothing(index_elements=keys)

    # ---- dedupe ------------------------------------------------------------------------

    async def claim_event(self, event_id: str, *, now: datetime) -> bool:
        """True for the first delivery of `event_id` in any process; False for every retry."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                self._insert_ignore(SlackDelivery, ["event_id"]).values(
                    event_id=event_id[:80], received_at=now
                )
            )
        return bool(result.rowcount)

    async def forget_events_before(self, cutoff: datetime) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(delete(SlackDelivery).where(SlackDelivery.received_at < cutoff))  # type: ignore[arg-type,operator]

    # ---- which story a channel works on --------------------------------------------------

    async def set_channel_story(
        self, channel_id: str, story_id: int, *, user_id: str | None, now: datetime
    ) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(delete(SlackChannelStory).where(SlackChannelStory.channel_id == channel_id))  # type: ignore[arg-type]
            await conn.execute(
                insert(SlackChannelStory).values(
                    channel_id=channel_id, story_id=story_id, set_by=user_id, set_at=now
                )
            )

    async def channel_story_id(self, channel_id: str) -> int | None:
        async with self.engine.connect() as conn:
            return (
                await conn.execute(
                    select(SlackChannelStory.story_id).where(SlackChannelStory.channel_id == channel_id)  # type: ignore[arg-type]
                )
            ).scalar()

    async def channels_of_stories(self, story_ids: Sequence[int]) -> list[str]:
        """Channels set to work on any of these stories (`/story new` or `/story use`)."""
        if not story_ids:
            return []
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(col(SlackChannelStory.channel_id))
                .where(col(SlackChannelStory.story_id).in_(list(story_ids)))
                .order_by(col(SlackChannelStory.channel_id))
            )
            return [str(r[0]) for r in rows]

    async def visible_stories(self, channel_id: str | None) -> list[StoryRecord]:
        """Stories that may be answered in `channel_id`: every story not started in a private
        channel, plus the private ones started in this very channel."""
        return [
            s
            for s in await self.store.list_stories()
            if not s.is_private or (channel_id is not None and s.channel_id == channel_id)
        ]

    # ---- posted answers ------------------------------------------------------------------

    async def record_answer(
        self,
        *,
        channel_id: str,
        ts: str,
        thread_ts: str,
        question: str,
        asked_by: str | None,
        story_ids: Sequence[int],
        fact_ids: Sequence[int],
        answered: bool,
        now: datetime,
    ) -> int:
        async with self.engine.begin() as conn:
            answer_id = (
                await conn.execute(
                    insert(SlackAnswer)
                    .values(
                        channel_id=channel_id,
                        ts=ts,
                        thread_ts=thread_ts,
                        question=question[:2000],
                        asked_by=asked_by,
                        story_ids=list(story_ids),
                        answered=answered,
                        posted_at=now,
                    )
                    .returning(SlackAnswer.id)  # type: ignore[arg-type]
                )
            ).scalar_one()
            for fid in dict.fromkeys(fact_ids):
                await conn.execute(insert(SlackAnswerFact).values(answer_id=answer_id, fact_id=int(fid)))
        return int(answer_id)

    async def _answers(self, where) -> list[PostedAnswer]:  # type: ignore[no-untyped-def]
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(SlackAnswer).where(where).order_by(SlackAnswer.id))).all()  # type: ignore[arg-type]
            ids = [r.id for r in rows]
            facts: dict[int, list[int]] = {}
            if ids:
                for aid, fid in (
                    await conn.execute(
                        select(SlackAnswerFact.answer_id, SlackAnswerFact.fact_id).where(
                            SlackAnswerFact.answer_id.in_(ids)  # type: ignore[attr-defined]
                        )
                    )
                ).all():
                    facts.setdefault(aid, []).append(fid)
        return [
            PostedAnswer(
                id=r.id,
                channel_id=r.channel_id,
                ts=r.ts,
                thread_ts=r.thread_ts,
                question=r.question,
                asked_by=r.asked_by,
                story_ids=tuple(r.story_ids or ()),
                answered=r.answered,
                fact_ids=tuple(sorted(facts.get(r.id, []))),
            )
            for r in rows
        ]

    async def answer_at(self, channel_id: str, ts: str) -> PostedAnswer | None:
        found = await self._answers((SlackAnswer.channel_id == channel_id) & (SlackAnswer.ts == ts))
        return found[0] if found else None

    async def first_answer_in_thread(self, channel_id: str, thread_ts: str) -> PostedAnswer | None:
        """The question that opened a thread the bot answered in (a follow-up builds on it)."""
        found = await self._answers(
            (SlackAnswer.channel_id == channel_id) & (SlackAnswer.thread_ts == thread_ts)
        )
        return found[0] if found else None

    async def answers_citing(self, fact_id: int) -> list[PostedAnswer]:
        cited = select(SlackAnswerFact.answer_id).where(SlackAnswerFact.fact_id == fact_id)
        return await self._answers(SlackAnswer.id.in_(cited))  # type: ignore[union-attr]

    # ---- flags ---------------------------------------------------------------------------

    async def add_flag(
        self,
        *,
        channel_id: str,
        message_ts: str,
        user_id: str,
        now: datetime,
        answer_id: int | None = None,
        fact_ids: Sequence[int] = (),
        question: str | None = None,
    ) -> int:
        async with self.engine.begin() as conn:
            return int(
                (
                    await conn.execute(
                        insert(SlackFlag)
                        .values(
                            answer_id=answer_id,
                            channel_id=channel_id,
                            message_ts=message_ts,
                            user_id=user_id,
                            fact_ids=list(fact_ids),
                            question=question,
                            flagged_at=now,
                        )
                        .returning(SlackFlag.id)  # type: ignore[arg-type]
                    )
                ).scalar_one()
            )

    async def flags(self, *, limit: int = 50) -> list[FlagRecord]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(select(SlackFlag).order_by(SlackFlag.id.desc()).limit(limit))  # type: ignore[union-attr]
            ).all()
        return [
            FlagRecord(
                id=r.id,
                answer_id=r.answer_id,
                channel_id=r.channel_id,
                message_ts=r.message_ts,
                user_id=r.user_id,
                fact_ids=tuple(r.fact_ids or ()),
                question=r.question,
                flagged_at=r.flagged_at,
            )
            for r in rows
        ]
