"""Every query digests make: what is new in a story since a time, channel schedules, and claims."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col

from store.digest_models import DigestClaim, DigestSchedule
from store.models import Article, Entity, EntityAlias, Mention, Story
from store.records import ArticleRef, EntityRecord, FactRecord, SentenceHit
from store.repo import Store, article_ref

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduleRecord:
    channel_id: str
    story_id: int
    at_time: str
    timezone: str
    weekdays_only: bool
    enabled: bool
    quiet_when_empty: bool
    disabled_reason: str | None
    disabled_at: datetime | None
    last_digest_at: datetime | None
    last_message_ts: str | None
    updated_at: datetime


@dataclass(frozen=True)
class ClaimRecord:
    channel_id: str
    period: str
    owner: str
    claimed_at: datetime
    attempts: int
    status: str
    message_ts: str | None
    covered_until: datetime | None
    finished_at: datetime | None
    note: str | None


@dataclass(frozen=True)
class Claim:
    """The outcome of trying to claim a digest period.

    `won` is true when this caller now owns the period (fresh, or taken over from a claim
    whose lease ran out); otherwise `existing` says who has it and how far they got."""

    won: bool
    taken_over: bool
    existing: ClaimRecord | None


class DigestRepo:
    """Digest queries over the Store's engine; reads the store's tables, writes only its own."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine
        self.dialect = store.dialect

    # ---- what is new in a story -------------------------------------------------------------

    async def new_articles(
        self, *, story_id: int, since: datetime | None, until: datetime
    ) -> list[ArticleRef]:
        """Live reports of the story that reached the store in [since, until), oldest first."""
        query = (
            select(Article, col(Story.slug))
            .join(Story, Story.id == Article.story_id)
            .where(
                Article.story_id == story_id,
                Article.superseded.is_(False),  # type: ignore[attr-defined]
                Article.ingested_at < until,  # type: ignore[operator]
            )
            .order_by(Article.ingested_at, Article.id)  # type: ignore[arg-type]
        )
        if since is not None:
            query = query.where(Article.ingested_at >= since)  # type: ignore[operator]
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [article_ref(r, r.slug) for r in rows]

    async def sentences_of_article(self, article_id: int) -> list[SentenceHit]:
        return await self.store.sentences_of_article(article_id)

    async def figures(
        self, *, units: Sequence[str], story_ids: Sequence[int] | None = None, limit: int = 1000
    ) -> list[tuple[FactRecord, SentenceHit]]:
        return await self.store.figures(units=units, story_ids=story_ids, limit=limit)

    async def new_people(
        self, *, story_id: int, since: datetime | None, until: datetime
    ) -> list[tuple[EntityRecord, int]]:
        """People first mentioned in [since, until): each with the sentence of its first live mention."""
        first_seen = (
            select(col(Mention.entity_id), func.min(Article.ingested_at).label("first"))
            .join(Article, Article.id == Mention.article_id)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Entity.story_id == story_id, Entity.kind == "person")
            .group_by(Mention.entity_id)
            .subquery()
        )
        query = select(first_seen.c.entity_id).where(first_seen.c.first < until)
        if since is not None:
            query = query.where(first_seen.c.first >= since)
        async with self.engine.connect() as conn:
            ids = list((await conn.execute(query)).scalars().all())
            if not ids:
                return []
            entities = (
                await conn.execute(select(Entity).where(Entity.id.in_(ids)))  # type: ignore[union-attr]
            ).all()
            alias_rows = (
                await conn.execute(
                    select(col(EntityAlias.entity_id), col(EntityAlias.alias)).where(
                        EntityAlias.entity_id.in_(ids)  # type: ignore[attr-defined]
                    )
                )
            ).all()
            mention_rows = (
                await conn.execute(
                    select(col(Mention.entity_id), col(Mention.sentence_id))
                    .join(Article, Article.id == Mention.article_id)
                    .where(
                        Mention.entity_id.in_(ids),  # type: ignore[attr-defined]
                        Article.superseded.is_(False),  # type: ignore[attr-defined]
                    )
                    .order_by(Article.ingested_at, Mention.sentence_id, Mention.start)  # type: ignore[arg-type]
                )
            ).all()
        aliases: dict[int, list[str]] = {}
        for eid, alias in alias_rows:
            aliases.setdefault(eid, []).append(alias)
        first_sentence: dict[int, int] = {}
        for eid, sid in mention_rows:
            first_sentence.setdefault(eid, sid)
        out = []
        for r in sorted(entities, key=lambda r: r.name):
            if r.id not in first_sentence:  # only mentioned in superseded revisions
                continue
            record = EntityRecord(
                id=r.id,
                story_id=r.story_id,
                kind=r.kind,
                name=r.name,
                role=r.role,
                aliases=tuple(sorted(a for a in aliases.get(r.id, []) if a != r.name)),
            )
            out.append((record, first_sentence[r.id]))
        return out

    # ---- schedules ---------------------------------------------------------------------------

    async def upsert_schedule(
        self,
        *,
        channel_id: str,
        story_id: int,
        at_time: str,
        timezone: str,
        weekdays_only: bool,
        quiet_when_empty: bool,
        enabled: bool,
        now: datetime,
    ) -> ScheduleRecord:
        """Set a channel's digest; keeps the channel's last digest time, clears any disabled note."""
        values = {
            "story_id": story_id,
            "at_time": at_time,
            "timezone": timezone,
            "weekdays_only": weekdays_only,
            "quiet_when_empty": quiet_when_empty,
            "enabled": enabled,
            "disabled_reason": None,
            "disabled_at": None,
            "updated_at": now,
        }
        stmt = self._insert(DigestSchedule).values(channel_id=channel_id, **values)
        stmt = stmt.on_conflict_do_update(index_elements=["channel_id"], set_=values)
        async with self.engine.begin() as conn:
            await conn.execute(stmt)
        record = await self.get_schedule(channel_id)
        assert record is not None
        return record

    async def ensure_schedule_row(
        self, *, channel_id: str, story_id: int, at_time: str, timezone: str, now: datetime
    ) -> ScheduleRecord:
        """The channel's row, created disabled when missing (for `digest now` in a channel without one)."""
        stmt = (
            self._insert(DigestSchedule)
            .values(
                channel_id=channel_id,
                story_id=story_id,
                at_time=at_time,
                timezone=timezone,
                weekdays_only=False,
                enabled=False,
                quiet_when_empty=False,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["channel_id"])
        )
        async with self.engine.begin() as conn:
            await conn.execute(stmt)
        record = await self.get_schedule(channel_id)
        assert record is not None
        return record

    async def disable_schedule(self, channel_id: str, *, now: datetime, reason: str | None) -> bool:
        """Turn a channel's digest off; `reason` is set when the bot (not a person) did it."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(DigestSchedule)
                .where(DigestSchedule.channel_id == channel_id)  # type: ignore[arg-type]
                .values(enabled=False, disabled_reason=reason, disabled_at=now, updated_at=now)
            )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def get_schedule(self, channel_id: str) -> ScheduleRecord | None:
        rows = await self._schedules(DigestSchedule.channel_id == channel_id)
        return rows[0] if rows else None

    async def enabled_schedules(self) -> list[ScheduleRecord]:
        return await self._schedules(DigestSchedule.enabled.is_(True))  # type: ignore[attr-defined]

    async def _schedules(self, where: Any) -> list[ScheduleRecord]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(select(DigestSchedule).where(where).order_by(DigestSchedule.channel_id))  # type: ignore[arg-type]
            ).all()
        return [
            ScheduleRecord(
                channel_id=r.channel_id,
                story_id=r.story_id,
                at_time=r.at_time,
                timezone=r.timezone,
                weekdays_only=r.weekdays_only,
                enabled=r.enabled,
                quiet_when_empty=r.quiet_when_empty,
                disabled_reason=r.disabled_reason,
                disabled_at=r.disabled_at,
                last_digest_at=r.last_digest_at,
                last_message_ts=r.last_message_ts,
                updated_at=r.updated_at,
            )
            for r in rows
        ]

    # ---- claims ------------------------------------------------------------------------------

    async def claim(
        self, *, channel_id: str, period: str, owner: str, now: datetime, lease: timedelta
    ) -> Claim:
        """Take (channel, period) for `owner`: exactly one of several concurrent callers wins.

        A fresh claim is an INSERT ... ON CONFLICT DO NOTHING. A claim still unfinished after
        `lease` is taken over by a conditional UPDATE; under PostgreSQL's row lock a second
        taker re-checks the condition against the first taker's row and finds it fresh."""
        table = DigestClaim.__table__  # type: ignore[attr-defined]
        async with self.engine.begin() as conn:
            inserted = (
                await conn.execute(
                    self._insert(DigestClaim)
                    .values(
                        channel_id=channel_id,
                        period=period,
                        owner=owner,
                        claimed_at=now,
                        attempts=1,
                        status="claimed",
                    )
                    .on_conflict_do_nothing(index_elements=["channel_id", "period"])
                    .returning(table.c.owner)
                )
            ).first()
        if inserted is not None:
            return Claim(won=True, taken_over=False, existing=None)
        async with self.engine.begin() as conn:
            taken = (
                await conn.execute(
                    update(table)
                    .where(
                        table.c.channel_id == channel_id,
                        table.c.period == period,
                        table.c.status == "claimed",
                        table.c.claimed_at < now - lease,
                    )
                    .values(owner=owner, claimed_at=now, attempts=table.c.attempts + 1)
                    .returning(table.c.owner)
                )
            ).first()
        existing = await self.get_claim(channel_id=channel_id, period=period)
        if taken is not None:
            log.warning(
                "digest %s for %s: took over a claim left unfinished for more than %s",
                period,
                channel_id,
                lease,
            )
            return Claim(won=True, taken_over=True, existing=existing)
        return Claim(won=False, taken_over=False, existing=existing)

    async def finish_claim(
        self,
        *,
        channel_id: str,
        period: str,
        owner: str,
        status: str,
        now: datetime,
        message_ts: str | None = None,
        covered_until: datetime | None = None,
        note: str | None = None,
    ) -> bool:
        """Mark a claim done (posted with Slack's ts, empty, or failed) and, when it covered a
        window, move the channel's last digest time, in one transaction. False when another
        process had already taken the claim over (this one's lease ran out)."""
        table = DigestClaim.__table__  # type: ignore[attr-defined]
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(table)
                .where(
                    table.c.channel_id == channel_id,
                    table.c.period == period,
                    table.c.owner == owner,
                    table.c.status == "claimed",
                )
                .values(
                    status=status,
                    message_ts=message_ts,
                    covered_until=covered_until,
                    finished_at=now,
                    note=note[:300] if note else None,
                )
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                return False
            if covered_until is not None:
                sched = DigestSchedule.__table__  # type: ignore[attr-defined]
                values: dict[str, Any] = {"last_digest_at": covered_until}
                if message_ts:
                    values["last_message_ts"] = message_ts
                await conn.execute(
                    update(sched)
                    .where(
                        sched.c.channel_id == channel_id,
                        or_(sched.c.last_digest_at.is_(None), sched.c.last_digest_at < covered_until),
                    )
                    .values(**values)
                )
        return True

    async def release_claim(self, *, channel_id: str, period: str, owner: str) -> None:
        """Give a claim back (posting failed for good before anything reached Slack)."""
        table = DigestClaim.__table__  # type: ignore[attr-defined]
        async with self.engine.begin() as conn:
            await conn.execute(
                table.delete().where(
                    and_(
                        table.c.channel_id == channel_id,
                        table.c.period == period,
                        table.c.owner == owner,
                        table.c.status == "claimed",
                    )
                )
            )

    async def get_claim(self, *, channel_id: str, period: str) -> ClaimRecord | None:
        rows = await self.claims(channel_id=channel_id, period=period)
        return rows[0] if rows else None

    async def claims(self, *, channel_id: str | None = None, period: str | None = None) -> list[ClaimRecord]:
        query = select(DigestClaim).order_by(DigestClaim.channel_id, DigestClaim.period)  # type: ignore[arg-type]
        if channel_id is not None:
            query = query.where(col(DigestClaim.channel_id) == channel_id)
        if period is not None:
            query = query.where(col(DigestClaim.period) == period)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [
            ClaimRecord(
                channel_id=r.channel_id,
                period=r.period,
                owner=r.owner,
                claimed_at=r.claimed_at,
                attempts=r.attempts,
                status=r.status,
                message_ts=r.message_ts,
                covered_until=r.covered_until,
                finished_at=r.finished_at,
                note=r.note,
            )
            for r in rows
        ]

    # ---- helpers -----------------------------------------------------------------------------

    def _insert(self, model: Any) -> Any:
        table = model.__table__
        return sqlite.insert(table) if self.dialect == "sqlite" else postgresql.insert(table)


__all__ = ["Claim", "ClaimRecord", "DigestRepo", "ScheduleRecord"]
