"""Scheduled digests: APScheduler in the bot's loop, claim -> build -> post -> mark, Slack errors handled.

Exactly-once comes from the store, not from the scheduler: every process schedules every
channel, and a (channel, period) claim row decides which one posts. A process that dies
between claim and post leaves a claim that a later run takes over once its lease runs out."""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiohttp
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from facts.chart import history_png
from facts.digest import Digest, FigureChange, compose_digest
from handlers.digest_blocks import digest_blocks
from store import Store
from store.digest_repo import DigestRepo, ScheduleRecord
from store.records import StoryRecord

log = logging.getLogger(__name__)
T = TypeVar("T")

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[None]]

# Slack errors after which posting to that channel cannot work until someone acts.
CHANNEL_GONE = frozenset(
    {
        "not_in_channel",
        "channel_not_found",
        "is_archived",
        "channel_is_archived",
        "restricted_action",
        "access_denied",
    }
)


# ---- posting -------------------------------------------------------------------------------


class PostError(Exception):
    """Posting a digest failed."""


class ChannelUnavailable(PostError):
    """The bot cannot post to the channel (removed, archived, not found): retrying will not help."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot post in the channel: {reason}")
        self.reason = reason


class RateLimited(PostError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"rate limited by Slack, retry after {retry_after:g} s")
        self.retry_after = retry_after


class TransientPostError(PostError):
    """A 5xx or a network error: worth retrying with backoff."""


# Every digest message carries this event type and its period in Slack message metadata, so a
# run that takes over a dead run's claim can see whether that run's post reached the channel.
DIGEST_EVENT = "factdesk_digest"


class DigestPoster(Protocol):
    """What the scheduler needs from Slack; the Slack app can provide its own."""

    async def post_message(
        self, channel_id: str, *, text: str, blocks: list[dict[str, Any]], period: str | None = None
    ) -> str:
        """Post a message (marked as the digest of `period`); return its ts. Raise the
        PostError subclasses above."""
        ...

    async def find_posted(self, channel_id: str, *, period: str, since: datetime) -> str | None:
        """The ts of the digest of `period` posted in the channel since `since`, if there is one."""
        ...

    async def upload_png(
        self, channel_id: str, *, data: bytes, filename: str, title: str, thread_ts: str | None
    ) -> None:
        """Share a PNG in the channel (in the thread when `thread_ts` is given)."""
        ...


class SlackDigestPoster:
    """DigestPoster over slack_sdk's AsyncWebClient, using Slack's external upload flow for files."""

    def __init__(self, client: AsyncWebClient, *, http: aiohttp.ClientSession | None = None) -> None:
        self.client = client
        self._http = http

    async def post_message(
        self, channel_id: str, *, text: str, blocks: list[dict[str, Any]], period: str | None = None
    ) -> str:
        metadata = {"event_type": DIGEST_EVENT, "event_payload": {"period": period}} if period else None
        response = await self._call(
            self.client.chat_postMessage,
            channel=channel_id,
            text=text,
            blocks=blocks,
            unfurl_links=False,
            unfurl_media=False,
            metadata=metadata,
        )
        return str(response["ts"])

    async def find_posted(self, channel_id: str, *, period: str, since: datetime) -> str | None:
        # One page of the channel's newest messages since the period began: a digest that was
        # posted is among them unless the channel had hundreds of messages in the meantime.
        response = await self._call(
            self.client.conversations_history,
            channel=channel_id,
            oldest=f"{since.timestamp():.6f}",
            limit=200,
            include_all_metadata=True,
        )
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == DIGEST_EVENT and payload.get("period") == period:
                return str(message["ts"])
        return None

    async def upload_png(
        self, channel_id: str, *, data: bytes, filename: str, title: str, thread_ts: str | None
    ) -> None:
        got = await self._call(self.client.files_getUploadURLExternal, filename=filename, length=len(data))
        http = self._http or aiohttp.ClientSession()
        try:
            form = aiohttp.FormData()
            form.add_field("file", data, filename=filename, content_type="image/png")
            async with http.post(
                got["upload_url"], data=form, timeout=aiohttp.ClientTimeout(total=30)
            ) as resp:
                if resp.status == 429:
                    raise RateLimited(float(resp.headers.get("Retry-After", "1")))
                if resp.status >= 500:
                    raise TransientPostError(f"file upload answered HTTP {resp.status}")
                if resp.status >= 400:
                    raise PostError(f"file upload answered HTTP {resp.status}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientPostError(f"file upload failed: {exc}") from exc
        finally:
            if self._http is None:
                await http.close()
        kwargs: dict[str, Any] = {"files": [{"id": got["file_id"], "title": title}], "channel_id": channel_id}
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        await self._call(self.client.files_completeUploadExternal, **kwargs)

    async def _call(self, method: Callable[..., Awaitable[Any]], **kwargs: Any) -> Any:
        try:
            return await method(**kwargs)
        except SlackApiError as exc:
            raise translate_slack_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientPostError(f"network error talking to Slack: {exc}") from exc


def translate_slack_error(exc: SlackApiError) -> PostError:
    response = exc.response
    status = getattr(response, "status_code", 200)
    error = ""
    try:
        error = str(response.get("error") or "")
    except Exception:  # a non-JSON body (a proxy's 502 page) has no "error"
        error = ""
    if status == 429 or error == "ratelimited":
        headers = getattr(response, "headers", {}) or {}
        retry = headers.get("Retry-After") or headers.get("retry-after") or "1"
        return RateLimited(float(retry))
    if error in CHANNEL_GONE:
        return ChannelUnavailable(error)
    if status >= 500 or error in {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}:
        return TransientPostError(f"Slack answered {status} {error}".strip())
    return PostError(f"Slack refused the digest: {error or status}")


# ---- schedules and periods ------------------------------------------------------------------


class DigestSettingError(ValueError):
    """A digest setting a person gave that cannot work, said in one line."""


def parse_clock(value: str) -> tuple[int, int]:
    try:
        hh, mm = value.strip().split(":")
        hour, minute = int(hh), int(mm)
    except ValueError:
        raise DigestSettingError(f"{value!r} is not a time like 07:30") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise DigestSettingError(f"{value!r} is not a time like 07:30")
    return hour, minute


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DigestSettingError(f"unknown timezone {name!r} (use a name like America/New_York)") from None


def schedule_trigger(at_time: str, timezone: str, *, weekdays_only: bool = False) -> CronTrigger:
    """The cron trigger for a daily digest at local `at_time` in `timezone` (DST follows the zone)."""
    hour, minute = parse_clock(at_time)
    return CronTrigger(
        hour=hour, minute=minute, day_of_week="mon-fri" if weekdays_only else "*", timezone=zone(timezone)
    )


def latest_fire_time(
    trigger: CronTrigger, now: datetime, *, lookback: timedelta = timedelta(days=8)
) -> datetime | None:
    """The most recent time at or before `now` the trigger fired (APScheduler 3 only looks forward)."""
    fire = trigger.get_next_fire_time(None, now - lookback)
    last: datetime | None = None
    while fire is not None and fire <= now:
        # Step in UTC: local wall-clock arithmetic on the second 01:30 of a fall-back night
        # (fold=1) lands back on the same instant, and the loop would never end.
        fire = fire.astimezone(UTC)
        if last is not None and fire <= last:
            break
        last = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return last


def daily_period(fire_time: datetime, timezone: str) -> str:
    """A scheduled digest's claim key: the local date it is for (one morning digest per day,
    even if two processes briefly disagree about the time a channel chose)."""
    return "daily:" + fire_time.astimezone(zone(timezone)).date().isoformat()


def now_period(now: datetime) -> str:
    """`digest now` twice in the same minute is one digest."""
    return "now:" + now.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def period_start(period: str, fire_time: datetime) -> datetime:
    """When a period's digest could first have been claimed: its minute for `digest now`, the
    scheduled time otherwise."""
    if period.startswith("now:"):
        return datetime.strptime(period.removeprefix("now:"), "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    return fire_time


@dataclass(frozen=True)
class DigestOutcome:
    """What one digest run did. `status`: posted | empty (quiet channel, nothing new) |
    already (another run has it) | channel_gone | failed | skipped (too late) | no_schedule."""

    channel_id: str
    period: str
    status: str
    message_ts: str | None = None
    charts: int = 0
    taken_over: bool = False
    note: str | None = None


# ---- the service -------------------------------------------------------------------------


class DigestService:
    """Claims, builds and posts digests; what the scheduler, `/story digest now` and App Home call."""

    def __init__(
        self,
        *,
        store: Store,
        poster: DigestPoster,
        clock: Clock,
        default_time: str = "08:00",
        default_timezone: str = "UTC",
        grace: timedelta = timedelta(hours=6),
        lease: timedelta = timedelta(minutes=10),
        first_window: timedelta = timedelta(hours=24),
        max_concurrency: int = 4,
        max_attempts: int = 5,
        backoff: float = 1.0,
        sleep: Sleep = asyncio.sleep,
        owner: str | None = None,
        charts: bool = True,
        max_rate: float | None = None,
    ) -> None:
        self.store = store
        self.repo = DigestRepo(store)
        self.poster = poster
        self.clock = clock
        self.default_time = default_time
        self.default_timezone = default_timezone
        self.grace = grace
        self.lease = lease
        self.first_window = first_window
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.sleep = sleep
        self.owner = owner or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.charts = charts
        self._slots = asyncio.Semaphore(max_concurrency)
        # Digests started per second at most: a thousand channels due at 08:00 spread over
        # a minute instead of crowding the loop that acks reporters' questions.
        self._pacer = _Pacer(max_rate) if max_rate else None
        # Channels following the same story at the same time get the same digest: build it once.
        self._builds: dict[tuple[int, datetime, datetime], asyncio.Future[Digest]] = {}
        self._pngs: dict[tuple[str, datetime | None, datetime, int], bytes] = {}

    # -- what the Slack app calls --

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
        """`/story digest at 07:30 America/New_York`: time and zone default to the newsroom's."""
        at = at or self.default_time
        timezone = timezone or self.default_timezone
        hour, minute = parse_clock(at)
        zone(timezone)
        return await self.repo.upsert_schedule(
            channel_id=channel_id,
            story_id=story_id,
            at_time=f"{hour:02d}:{minute:02d}",
            timezone=timezone,
            weekdays_only=weekdays_only,
            quiet_when_empty=quiet_when_empty,
            enabled=True,
            now=self.clock(),
        )

    async def turn_off(self, channel_id: str) -> bool:
        """`/story digest off`. False when the channel had no digest."""
        return await self.repo.disable_schedule(channel_id, now=self.clock(), reason=None)

    async def schedule_of(self, channel_id: str) -> ScheduleRecord | None:
        """For App Home: the channel's digest, and `disabled_reason` when the bot turned it off."""
        return await self.repo.get_schedule(channel_id)

    async def post_now(self, *, channel_id: str, story_id: int) -> DigestOutcome:
        """`/story digest now`: a digest at once, covering what is new since the channel's last one."""
        now = self.clock()
        await self.repo.ensure_schedule_row(
            channel_id=channel_id,
            story_id=story_id,
            at_time=self.default_time,
            timezone=self.default_timezone,
            now=now,
        )
        return await self.run(channel_id, now_period(now), manual=True, story_id=story_id)

    # -- what the scheduler calls --

    async def run_scheduled(self, channel_id: str) -> DigestOutcome:
        """A schedule fired (or catch-up found it due): post this period's digest once."""
        schedule = await self.repo.get_schedule(channel_id)
        if schedule is None or not schedule.enabled:
            return DigestOutcome(channel_id, "", "no_schedule")
        now = self.clock()
        trigger = schedule_trigger(schedule.at_time, schedule.timezone, weekdays_only=schedule.weekdays_only)
        fire = latest_fire_time(trigger, now)
        if fire is None:
            return DigestOutcome(channel_id, "", "no_schedule")
        period = daily_period(fire, schedule.timezone)
        if now - fire > self.grace:
            # Recorded as a finished claim, so later start-ups neither post it nor log it again;
            # the next digest still covers everything since the last one posted.
            claim = await self.repo.claim(
                channel_id=channel_id, period=period, owner=self.owner, now=now, lease=self.lease
            )
            if not claim.won:
                return DigestOutcome(channel_id, period, "already")
            await self._finish(channel_id, period, "skipped", note=f"{now - fire} late")
            log.warning(
                "digest for %s due %s skipped: %s late, more than the %s grace period",
                channel_id,
                fire.isoformat(),
                now - fire,
                self.grace,
            )
            return DigestOutcome(channel_id, period, "skipped", note=f"{now - fire} late")
        return await self.run(channel_id, period, until=fire)

    async def catch_up(self) -> list[DigestOutcome]:
        """On start-up: post digests whose time passed while no process ran (within the grace)."""
        now = self.clock()
        due: list[str] = []
        for schedule in await self.repo.enabled_schedules():
            trigger = schedule_trigger(
                schedule.at_time, schedule.timezone, weekdays_only=schedule.weekdays_only
            )
            fire = latest_fire_time(trigger, now)
            if fire is None:
                continue
            claim = await self.repo.get_claim(
                channel_id=schedule.channel_id, period=daily_period(fire, schedule.timezone)
            )
            if claim is not None and claim.status != "claimed":
                continue  # done (posted, empty or failed for good)
            due.append(schedule.channel_id)
        if due:
            log.info("digest catch-up: %d channel(s) have a digest due", len(due))
        return list(await asyncio.gather(*(self.run_scheduled(c) for c in due)))

    # -- one run --

    async def run(
        self,
        channel_id: str,
        period: str,
        *,
        until: datetime | None = None,
        manual: bool = False,
        story_id: int | None = None,
    ) -> DigestOutcome:
        """Claim, build, post, mark. A scheduled digest covers up to its scheduled time (`until`),
        so channels of the same story share one build, and what arrives while it is being
        posted goes into the next one; `digest now` covers up to now."""
        if self._pacer is not None and not manual:
            await self._pacer.wait()
        async with self._slots:
            return await self._run(channel_id, period, until=until, manual=manual, story_id=story_id)

    async def _run(
        self, channel_id: str, period: str, *, until: datetime | None, manual: bool, story_id: int | None
    ) -> DigestOutcome:
        claim = await self.repo.claim(
            channel_id=channel_id, period=period, owner=self.owner, now=self.clock(), lease=self.lease
        )
        if not claim.won:
            return DigestOutcome(
                channel_id,
                period,
                "already",
                message_ts=claim.existing.message_ts if claim.existing else None,
            )
        try:
            schedule = await self.repo.get_schedule(channel_id)
            assert schedule is not None
            story = await self.store.get_story_by_id(story_id or schedule.story_id)
            if story is None:
                raise PostError(f"the channel's story #{schedule.story_id} no longer exists")
            until = until or self.clock()
            if claim.taken_over:
                ts = await self._posted_by_the_run_before(
                    channel_id, period, since=period_start(period, until)
                )
                if ts is not None:
                    await self._finish(channel_id, period, "posted", message_ts=ts, covered_until=until)
                    note = "the run before posted it and stopped before recording it"
                    log.warning("digest for %s (%s): %s", channel_id, period, note)
                    return DigestOutcome(
                        channel_id, period, "posted", message_ts=ts, taken_over=True, note=note
                    )
            since = schedule.last_digest_at or (until - self.first_window)
            if since >= until:  # `digest now` earlier today already covered this morning's window
                since = until
            digest = await self._build(story, since, until)
            if digest.is_empty and schedule.quiet_when_empty and not manual:
                await self._finish(channel_id, period, "empty", covered_until=until)
                return DigestOutcome(channel_id, period, "empty", taken_over=claim.taken_over)
            text, blocks = digest_blocks(digest, tz=zone(schedule.timezone))
            ts = await self._retrying(
                lambda: self.poster.post_message(channel_id, text=text, blocks=blocks, period=period)
            )
        except ChannelUnavailable as exc:
            await self.repo.disable_schedule(channel_id, now=self.clock(), reason=exc.reason)
            await self._finish(channel_id, period, "failed", note=exc.reason)
            log.warning("digest for %s turned off: Slack says %s", channel_id, exc.reason)
            return DigestOutcome(channel_id, period, "channel_gone", note=exc.reason)
        except Exception as exc:
            # Nothing reached Slack: give the period back so a later run (catch-up) can try again.
            await self.repo.release_claim(channel_id=channel_id, period=period, owner=self.owner)
            log.error("digest for %s (%s) failed: %s", channel_id, period, exc)
            return DigestOutcome(channel_id, period, "failed", note=str(exc)[:300])

        if not await self._finish(channel_id, period, "posted", message_ts=ts, covered_until=until):
            log.error(
                "digest for %s (%s) posted as %s after its claim was taken over", channel_id, period, ts
            )
        charts = await self._charts(channel_id, digest, ts)
        return DigestOutcome(
            channel_id, period, "posted", message_ts=ts, charts=charts, taken_over=claim.taken_over
        )

    async def _posted_by_the_run_before(self, channel_id: str, period: str, *, since: datetime) -> str | None:
        """A run whose claim lapsed may have died after Slack took its post and before it could
        record the ts: look in the channel before posting again. A claim is never taken before
        its period's time, so the post cannot be older than that (less a minute for clocks)."""
        try:
            return await self._retrying(
                lambda: self.poster.find_posted(channel_id, period=period, since=since - timedelta(minutes=1))
            )
        except ChannelUnavailable:
            raise
        except PostError as exc:
            # Without the history (a missing scope, Slack down) a doubled digest beats a lost one.
            log.warning(
                "digest for %s (%s): could not read the channel's history: %s", channel_id, period, exc
            )
            return None

    async def _build(self, story: StoryRecord, since: datetime, until: datetime) -> Digest:
        key = (story.id, since, until)
        future = self._builds.get(key)
        if future is None or (future.done() and future.exception() is not None):
            if len(self._builds) > 256:
                self._builds = {k: f for k, f in self._builds.items() if not f.done()}
            future = asyncio.ensure_future(compose_digest(self.repo, story=story, since=since, until=until))
            self._builds[key] = future
        return await asyncio.shield(future)

    async def _chart(self, digest: Digest, index: int, change: FigureChange) -> bytes:
        key = (digest.story_slug, digest.since, digest.until, index)
        png = self._pngs.get(key)
        if png is None:
            if len(self._pngs) > 64:
                self._pngs.clear()
            png = self._pngs[key] = await asyncio.to_thread(history_png, change)
        return png

    async def _finish(self, channel_id: str, period: str, status: str, **kw: Any) -> bool:
        return await self.repo.finish_claim(
            channel_id=channel_id, period=period, owner=self.owner, status=status, now=self.clock(), **kw
        )

    async def _charts(self, channel_id: str, digest: Digest, thread_ts: str) -> int:
        """Charts go in the digest's thread; a failed chart never undoes the posted digest."""
        if not self.charts:
            return 0
        done = 0
        for i, change in enumerate(digest.charted()[:3], 1):
            try:
                png = await self._chart(digest, i, change)
                await self._retrying(
                    lambda png=png, change=change, i=i: self.poster.upload_png(  # type: ignore[misc]
                        channel_id,
                        data=png,
                        filename=f"{digest.story_slug}-{i}.png",
                        title=f"{change.label}: " + " → ".join(v.value_text for v in change.history),
                        thread_ts=thread_ts,
                    )
                )
                done += 1
            except Exception as exc:
                log.warning("digest chart for %s not uploaded: %s", channel_id, exc)
        return done

    async def _retrying(self, op: Callable[[], Awaitable[T]]) -> T:
        """429 waits Retry-After; 5xx and network errors back off exponentially (with jitter)."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return await op()
            except RateLimited as exc:
                if attempt >= self.max_attempts * 2:
                    raise
                await self.sleep(exc.retry_after)
            except TransientPostError as exc:
                if attempt >= self.max_attempts:
                    raise
                delay = min(30.0, self.backoff * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)
                log.info("digest post retry in %.1f s: %s", delay, exc)
                await self.sleep(delay)


class _Pacer:
    """Spaces out starts to `rate` per second (first come, first served)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, self._next)
        self._next = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)


# ---- the scheduler -------------------------------------------------------------------------


class DigestRunner(Protocol):
    """Who runs the digests when jobs fire: the DigestService in this loop, or the digest process."""

    async def run_scheduled(self, channel_id: str) -> DigestOutcome: ...

    async def catch_up(self) -> list[DigestOutcome]: ...


class DigestScheduler:
    """APScheduler 3 in the running loop: one cron job per enabled channel schedule, kept in step
    with the store (other processes change schedules too) every `sync_seconds`. The jobs hand
    the runs to `runner` (by default the service itself, in this loop)."""

    def __init__(
        self, service: DigestService, *, sync_seconds: float = 60.0, runner: DigestRunner | None = None
    ) -> None:
        self.service = service
        self.runner: DigestRunner = runner or service
        self.sync_seconds = sync_seconds
        self.scheduler: AsyncIOScheduler | None = None
        self._jobs: dict[str, str] = {}  # channel -> description of its trigger
        self._tasks: set[asyncio.Task[Any]] = set()

    async def start(self, *, catch_up: bool = True) -> None:
        """Start inside the running loop (AsyncIOScheduler binds to it)."""
        self.scheduler = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=UTC)
        self.scheduler.start()
        await self.sync()
        self.scheduler.add_job(
            self.sync, "interval", seconds=self.sync_seconds, id="digest-sync", coalesce=True
        )
        if catch_up:
            self._spawn(self.runner.catch_up())

    async def shutdown(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def jobs(self) -> dict[str, datetime | None]:
        """Channel -> next run time (for App Home and tests)."""
        assert self.scheduler is not None
        return {
            j.id.removeprefix("digest:"): j.next_run_time
            for j in self.scheduler.get_jobs()
            if j.id.startswith("digest:")
        }

    async def sync(self) -> None:
        """Make the jobs match the enabled schedules in the store."""
        assert self.scheduler is not None
        wanted: dict[str, ScheduleRecord] = {
            s.channel_id: s for s in await self.service.repo.enabled_schedules()
        }
        for channel in set(self._jobs) - set(wanted):
            self.scheduler.remove_job(f"digest:{channel}")
            del self._jobs[channel]
        for channel, s in wanted.items():
            describe = f"{s.at_time} {s.timezone} {'weekdays' if s.weekdays_only else 'daily'}"
            if self._jobs.get(channel) == describe:
                continue
            trigger = schedule_trigger(s.at_time, s.timezone, weekdays_only=s.weekdays_only)
            self.scheduler.add_job(
                self._fire,
                trigger,
                args=[channel],
                id=f"digest:{channel}",
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=int(self.service.grace.total_seconds()),
            )
            self._jobs[channel] = describe

    async def _fire(self, channel_id: str) -> None:
        # A task of its own: the job returns at once, and answering never waits on a digest.
        self._spawn(self.runner.run_scheduled(channel_id))

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("digest run crashed: %s", task.exception())

    async def drain(self) -> None:
        """Wait for the digest runs started so far (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
