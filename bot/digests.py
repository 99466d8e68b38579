"""Channel digests as the Slack app uses them: the digest service, plus this process's running
scheduler re-synced at once after `/story digest at` or `off` (other processes catch up at
their next sync, within a minute). While serving, the runs themselves go to a digest process
of their own (bot/digest_process.py) unless FACTDESK_DIGEST_PROCESS is false."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from bot.digest_process import DigestProcess, DigestProcessError
from bot.scheduler import DigestOutcome, DigestScheduler, DigestService, SlackDigestPoster
from bot.settings import Settings
from store import Store
from store.digest_repo import ScheduleRecord

log = logging.getLogger(__name__)


class ChannelDigests:
    """Implements handlers.deps.Digests over DigestService (and DigestScheduler once serving)."""

    def __init__(self, service: DigestService, *, process: DigestProcess | None = None) -> None:
        self.service = service
        self.process = process
        # Who runs digests: the service in this loop, or the digest process once it has started.
        self.runner: DigestService | DigestProcess = service
        self.scheduler: DigestScheduler | None = None

    async def start(self, *, sync_seconds: float = 60.0, catch_up: bool = True) -> DigestScheduler:
        """Start the scheduler in the running loop (AsyncIOScheduler binds to it), and the digest
        process when there is one; catch-up of digests missed while no process ran happens in
        the background."""
        if self.process is not None:
            try:
                await self.process.start()
                self.runner = self.process
            except DigestProcessError as exc:
                # Digests posted from this loop are slower for acks, but still posted.
                log.error("%s; digests run in the bot's own loop instead", exc)
        self.scheduler = DigestScheduler(self.service, sync_seconds=sync_seconds, runner=self.runner)
        await self.scheduler.start(catch_up=catch_up)
        return self.scheduler

    async def stop(self) -> None:
        if self.scheduler is not None:
            await self.scheduler.shutdown()
            self.scheduler = None
        if isinstance(self.runner, DigestProcess):
            await self.runner.close()
            self.runner = self.service

    async def set_schedule(
        self,
        *,
        channel_id: str,
        story_id: int,
        at: str | None = None,
        timezone: str | None = None,
        weekdays_only: bool = False,
        quiet_when_empty: bool = False,
    ) -> ScheduleRecord:
        record = await self.service.set_schedule(
            channel_id=channel_id,
            story_id=story_id,
            at=at,
            timezone=timezone,
            weekdays_only=weekdays_only,
            quiet_when_empty=quiet_when_empty,
        )
        await self._resync()
        return record

    async def turn_off(self, channel_id: str) -> bool:
        was_set = await self.service.turn_off(channel_id)
        await self._resync()
        return was_set

    async def post_now(self, *, channel_id: str, story_id: int) -> DigestOutcome:
        return await self.runner.post_now(channel_id=channel_id, story_id=story_id)

    async def schedules(self, *, channel_ids: list[str]) -> list[ScheduleRecord]:
        found = {s.channel_id: s for s in await self.service.repo.enabled_schedules()}
        for channel in channel_ids:
            if channel not in found:
                record = await self.service.schedule_of(channel)
                if record is not None:
                    found[channel] = record
        return sorted(found.values(), key=lambda s: s.channel_id)

    async def _resync(self) -> None:
        if self.scheduler is not None and self.scheduler.scheduler is not None:
            try:
                await self.scheduler.sync()
            except Exception:  # the periodic sync retries; the change itself is stored
                log.exception("could not re-sync the digest scheduler")


def digest_service(
    settings: Settings,
    store: Store,
    *,
    clock: Callable[[], datetime],
    token: str | None = None,
    http: aiohttp.ClientSession | None = None,
    owner: str | None = None,
) -> DigestService:
    # A client of its own, without the answers' built-in 429 retry: the digest service waits out
    # Retry-After itself (with its injectable sleep) and counts the attempts. With `http`, every
    # call shares one connection pool (slack_sdk opens a session per call otherwise).
    client = AsyncWebClient(
        token=token or settings.slack_bot_token, base_url=settings.slack_api_url, session=http
    )
    return DigestService(
        store=store,
        poster=SlackDigestPoster(client, http=http),
        clock=clock,
        default_time=settings.digest_time,
        default_timezone=settings.timezone,
        grace=timedelta(hours=settings.digest_grace_hours),
        owner=owner,
    )


def build_digests(
    settings: Settings, store: Store, client: AsyncWebClient, *, clock: Callable[[], datetime]
) -> ChannelDigests:
    service = digest_service(settings, store, clock=clock, token=client.token)
    process = DigestProcess(settings, clock=clock) if settings.digest_process else None
    return ChannelDigests(service, process=process)
