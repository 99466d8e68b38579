"""Digest scheduling with a controlled clock: triggers across DST, catch-up, posting and Slack errors.

The clock is an object the test moves; nothing here sleeps waiting for a schedule. Posting goes
through slack_sdk's AsyncWebClient to a local fake Slack (tests/digest_fake_slack.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.scheduler import (
    DigestScheduler,
    DigestService,
    DigestSettingError,
    SlackDigestPoster,
    daily_period,
    latest_fire_time,
    schedule_trigger,
)
from store import Store
from tests.digest_fake_slack import DigestFakeSlack
from tests.digest_fixtures import Fig, add, build, port_ellis_story


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now


class Sleeps:
    """Records the waits asked for instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


# ---- trigger arithmetic ----------------------------------------------------------------------


def _fires(trigger, start: datetime, n: int) -> list[datetime]:  # type: ignore[no-untyped-def]
    out, fire = [], trigger.get_next_fire_time(None, start)
    for _ in range(n):
        out.append(fire.astimezone(UTC))  # gap and fold local times never compare equal
        fire = trigger.get_next_fire_time(fire, fire.astimezone(UTC) + timedelta(seconds=1))
    return out


def test_local_time_holds_across_the_spring_forward_change() -> None:
    trigger = schedule_trigger("07:30", "America/New_York")
    fires = _fires(trigger, utc(2025, 3, 8), 3)
    # 07:30 EST is 12:30Z; after clocks go forward on 9 March, 07:30 EDT is 11:30Z.
    assert fires == [utc(2025, 3, 8, 12, 30), utc(2025, 3, 9, 11, 30), utc(2025, 3, 10, 11, 30)]
    assert {f.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M") for f in fires} == {"07:30"}


def test_local_time_holds_across_the_fall_back_change() -> None:
    trigger = schedule_trigger("07:30", "America/New_York")
    assert _fires(trigger, utc(2025, 11, 1), 3) == [
        utc(2025, 11, 1, 11, 30),
        utc(2025, 11, 2, 12, 30),
        utc(2025, 11, 3, 12, 30),
    ]


def test_a_time_that_happens_twice_on_fall_back_day_is_still_one_period() -> None:
    # APScheduler 3.11 fires 01:30 twice on 2 November (EDT, then EST); the claim key is the
    # local date, so the second firing finds the day's digest already claimed.
    trigger = schedule_trigger("01:30", "America/New_York")
    fires = [f for f in _fires(trigger, utc(2025, 11, 1, 12), 3) if f.day == 2]
    assert fires == [utc(2025, 11, 2, 5, 30), utc(2025, 11, 2, 6, 30)]
    assert {daily_period(f, "America/New_York") for f in fires} == {"daily:2025-11-02"}


def test_a_time_skipped_by_spring_forward_fires_once_that_day() -> None:
    trigger = schedule_trigger("02:30", "America/New_York")
    fires = _fires(trigger, utc(2025, 3, 8, 12), 2)
    assert fires[0] == utc(2025, 3, 9, 7, 30)  # 03:30 EDT: the first moment after the gap
    assert daily_period(fires[0], "America/New_York") == "daily:2025-03-09"
    assert daily_period(fires[1], "America/New_York") == "daily:2025-03-10"


def test_weekdays_only_skips_the_weekend() -> None:
    trigger = schedule_trigger("08:00", "Europe/London", weekdays_only=True)
    # Friday 31 January 2025, after 08:00: next is Monday 3 February.
    assert trigger.get_next_fire_time(None, utc(2025, 1, 31, 9)) == utc(2025, 2, 3, 8)


def test_latest_fire_time_looks_back() -> None:
    trigger = schedule_trigger("07:30", "America/New_York")
    assert latest_fire_time(trigger, utc(2025, 3, 9, 11, 30)) == utc(2025, 3, 9, 11, 30)
    assert latest_fire_time(trigger, utc(2025, 3, 9, 11, 29)) == utc(2025, 3, 8, 12, 30)
    # The night clocks fall back, 01:30 happens twice; looking back from after both ends.
    twice = schedule_trigger("01:30", "America/New_York")
    assert latest_fire_time(twice, utc(2025, 11, 2, 6, 0)) == utc(2025, 11, 2, 5, 30)
    assert latest_fire_time(twice, utc(2025, 11, 2, 9, 0)) == utc(2025, 11, 2, 6, 30)


def test_bad_settings_are_refused_in_one_line() -> None:
    with pytest.raises(DigestSettingError, match="not a time like 07:30"):
        schedule_trigger("7.30", "UTC")
    with pytest.raises(DigestSettingError, match="unknown timezone 'Mars/Olympus'"):
        schedule_trigger("07:30", "Mars/Olympus")


# ---- the service against a store and a fake Slack -------------------------------------------


@pytest.fixture
async def slack() -> AsyncIterator[DigestFakeSlack]:
    fake = await DigestFakeSlack().start()
    try:
        yield fake
    finally:
        await fake.close()


def _service(
    store: Store, slack: DigestFakeSlack, clock: Clock, sleeps: Sleeps | None = None, **kw
) -> DigestService:  # type: ignore[no-untyped-def]
    client = AsyncWebClient(token="xoxb-test", base_url=slack.api_url)
    return DigestService(
        store=store,
        poster=SlackDigestPoster(client),
        clock=clock,
        default_time="08:00",
        default_timezone="America/New_York",
        sleep=sleeps or Sleeps(),
        **kw,
    )


# Port Ellis reports reach the store on 25, 26 and 27 January (see digest_fixtures).
MORNING_27 = utc(2025, 1, 27, 12, 30)  # 07:30 in New York


async def test_a_scheduled_digest_is_posted_once_and_marked(store: Store, slack: DigestFakeSlack) -> None:
    story_id = await port_ellis_story(store)
    clock = Clock(utc(2025, 1, 25, 12))
    service = _service(store, slack, clock)
    sched = await service.set_schedule(
        channel_id="C1", story_id=story_id, at="7:30", timezone="America/New_York"
    )
    assert (sched.at_time, sched.enabled) == ("07:30", True)

    # The previous digest covered up to midnight UTC on the 26th.
    clock.set(utc(2025, 1, 26, 0))
    await service.repo.claim(
        channel_id="C1", period="seed", owner=service.owner, now=clock(), lease=service.lease
    )
    await service.repo.finish_claim(
        channel_id="C1",
        period="seed",
        owner=service.owner,
        status="posted",
        now=clock(),
        covered_until=clock(),
    )

    clock.set(MORNING_27 + timedelta(seconds=3))
    first = await service.run_scheduled("C1")
    second = await service.run_scheduled("C1")
    assert (first.status, first.period) == ("posted", "daily:2025-01-27")
    assert second.status == "already" and second.message_ts == first.message_ts
    (post,) = slack.ok("chat.postMessage")
    assert post["channel"] == "C1"
    assert "1,500 → 2,000 → 2,500" in str(post["blocks"])
    claim = await service.repo.get_claim(channel_id="C1", period="daily:2025-01-27")
    assert claim is not None and (claim.status, claim.message_ts) == ("posted", first.message_ts)
    sched = await service.schedule_of("C1")
    # It covers up to its scheduled time: what arrives while it is posted goes in tomorrow's.
    assert (
        sched is not None and sched.last_digest_at == MORNING_27 and sched.last_message_ts == first.message_ts
    )

    # The figure changed twice in the window: its chart went into the digest's thread.
    assert first.charts == 1
    (done,) = slack.ok("files.completeUploadExternal")
    assert done["thread_ts"] == first.message_ts and done["channel_id"] == "C1"
    (png,) = slack.uploads.values()
    assert png.startswith(b"\x89PNG")
    assert done["files"][0]["title"].startswith("additional troops: 1,500")


async def test_the_next_digest_covers_only_what_came_after(store: Store, slack: DigestFakeSlack) -> None:
    story_id = await port_ellis_story(store)
    clock = Clock(utc(2025, 1, 26, 12, 30))
    service = _service(store, slack, clock)
    await service.set_schedule(channel_id="C1", story_id=story_id, at="07:30", timezone="America/New_York")
    assert (await service.run_scheduled("C1")).status == "posted"  # covers the 25th-26th
    clock.set(MORNING_27)
    assert (await service.run_scheduled("C1")).status == "posted"
    first, second = slack.ok("chat.postMessage")
    assert "1,500 → 2,000" in str(first["blocks"]) and "2,500" not in str(first["blocks"])
    # The second covers only the 27th's report: 2,000 -> 2,500 (the history chart counts all).
    assert "Daily Ledger (1)" in str(second["blocks"]) and "Border Ledger" not in str(second["blocks"][1])


async def test_quiet_channels_get_nothing_when_nothing_is_new(store: Store, slack: DigestFakeSlack) -> None:
    story = await store.ensure_story("quiet", now=utc(2025, 1, 1))
    clock = Clock(utc(2025, 2, 3, 13))
    service = _service(store, slack, clock)
    await service.set_schedule(channel_id="CQ", story_id=story.id, at="08:00", quiet_when_empty=True)
    await service.set_schedule(channel_id="CL", story_id=story.id, at="08:00")
    assert (await service.run_scheduled("CQ")).status == "empty"
    assert (await service.run_scheduled("CL")).status == "posted"
    (post,) = slack.ok("chat.postMessage")
    assert post["channel"] == "CL" and post["text"].startswith("Nothing new in Quiet")


async def test_catch_up_posts_a_missed_digest_within_the_grace_period(
    store: Store, slack: DigestFakeSlack, caplog
) -> None:  # type: ignore[no-untyped-def]
    story_id = await port_ellis_story(store)
    clock = Clock(MORNING_27 + timedelta(hours=5, minutes=59))  # the bot was down all morning
    service = _service(store, slack, clock)
    await service.set_schedule(channel_id="C1", story_id=story_id, at="07:30", timezone="America/New_York")
    await service.set_schedule(channel_id="C2", story_id=story_id, at="01:00", timezone="America/New_York")
    with caplog.at_level(logging.WARNING, logger="bot.scheduler"):
        outcomes = {o.channel_id: o for o in await service.catch_up()}
    assert outcomes["C1"].status == "posted"
    # C2's 01:00 digest is 12 h late: skipped and logged, never posted.
    assert outcomes["C2"].status == "skipped"
    assert "digest for C2 due 2025-01-27T06:00:00+00:00 skipped" in caplog.text
    assert [p["channel"] for p in slack.ok("chat.postMessage")] == ["C1"]
    # A second start-up the same morning finds it done.
    assert await service.catch_up() == []
    assert len(slack.ok("chat.postMessage")) == 1


async def test_rate_limit_waits_retry_after_and_5xx_backs_off(store: Store, slack: DigestFakeSlack) -> None:
    story_id = await port_ellis_story(store)
    clock = Clock(MORNING_27)
    sleeps = Sleeps()
    service = _service(store, slack, clock, sleeps, backoff=1.0)
    await service.set_schedule(channel_id="C1", story_id=story_id, at="07:30", timezone="America/New_York")
    slack.retry_after = 7
    slack.rate_limit_once["chat.postMessage"] = 1
    slack.fail_5xx["chat.postMessage"] = 2
    outcome = await service.run_scheduled("C1")
    assert outcome.status == "posted"
    assert slack.statuses("chat.postMessage") == [503, 503, 429, 200]
    assert sleeps.waits[2] == 7.0  # Retry-After, exactly
    assert 0.5 <= sleeps.waits[0] <= 1.0 and 1.0 <= sleeps.waits[1] <= 2.0  # backoff with jitter
    assert len(slack.ok("chat.postMessage")) == 1


async def test_lasting_5xx_gives_the_period_back_for_a_later_run(
    store: Store, slack: DigestFakeSlack
) -> None:
    story_id = await port_ellis_story(store)
    clock = Clock(MORNING_27)
    service = _service(store, slack, clock, max_attempts=3)
    await service.set_schedule(channel_id="C1", story_id=story_id, at="07:30", timezone="America/New_York")
    slack.fail_5xx["chat.postMessage"] = 3
    assert (await service.run_scheduled("C1")).status == "failed"
    assert await service.repo.get_claim(channel_id="C1", period="daily:2025-01-27") is None
    clock.set(MORNING_27 + timedelta(minutes=30))
    assert [o.status for o in await service.catch_up()] == ["posted"]


async def test_not_in_channel_turns_the_digest_off_with_a_reason(
    store: Store, slack: DigestFakeSlack, caplog
) -> None:  # type: ignore[no-untyped-def]
    story_id = await port_ellis_story(store)
    clock = Clock(MORNING_27)
    service = _service(store, slack, clock)
    await service.set_schedule(channel_id="CGONE", story_id=story_id, at="07:30", timezone="America/New_York")
    await service.set_schedule(channel_id="CLOST", story_id=story_id, at="07:30", timezone="America/New_York")
    slack.gone.update(CGONE="not_in_channel", CLOST="channel_not_found")
    with caplog.at_level(logging.WARNING, logger="bot.scheduler"):
        a = await service.run_scheduled("CGONE")
        b = await service.run_scheduled("CLOST")
    assert (a.status, a.note, b.note) == ("channel_gone", "not_in_channel", "channel_not_found")
    assert "digest for CGONE turned off: Slack says not_in_channel" in caplog.text
    sched = await service.schedule_of("CGONE")
    assert sched is not None and not sched.enabled and sched.disabled_reason == "not_in_channel"
    assert [s.channel_id for s in await service.repo.enabled_schedules()] == []
    # Inviting the bot back and setting the digest again clears the note.
    sched = await service.set_schedule(channel_id="CGONE", story_id=story_id, at="07:30")
    assert sched.enabled and sched.disabled_reason is None


async def test_digest_now_posts_at_once_even_without_a_schedule(store: Store, slack: DigestFakeSlack) -> None:
    story_id = await port_ellis_story(store)
    clock = Clock(utc(2025, 1, 27, 15, 4, 10))
    service = _service(store, slack, clock, charts=False)
    a = await service.post_now(channel_id="CX", story_id=story_id)
    b = await service.post_now(channel_id="CX", story_id=story_id)  # a double click
    assert (a.status, a.period, b.status) == ("posted", "now:2025-01-27T15:04Z", "already")
    sched = await service.schedule_of("CX")
    assert sched is not None and not sched.enabled and sched.last_digest_at == clock()
    assert await service.turn_off("CX") and not await service.turn_off("NOPE")


async def test_story_without_a_figure_chart_posts_no_file(store: Store, slack: DigestFakeSlack) -> None:
    story = await store.ensure_story("s", now=utc(2025, 1, 1))
    body, ex = build(
        ["Rescuers found 14 survivors in the rubble."], figures=[(0, Fig("14", 14, "survivor", "survivors"))]
    )
    await add(store, story.id, body, ex, at=utc(2025, 1, 27, 9), outlet="Wire")
    clock = Clock(MORNING_27)
    service = _service(store, slack, clock)
    await service.set_schedule(channel_id="C1", story_id=story.id, at="07:30")
    outcome = await service.run_scheduled("C1")
    assert (outcome.status, outcome.charts) == ("posted", 0)
    assert slack.ok("files.getUploadURLExternal") == []


# ---- APScheduler wiring ---------------------------------------------------------------------


async def test_scheduler_keeps_one_job_per_enabled_channel_in_its_zone(
    store: Store, slack: DigestFakeSlack
) -> None:
    story_id = await port_ellis_story(store)
    clock = Clock(MORNING_27 - timedelta(hours=1))
    service = _service(store, slack, clock)
    await service.set_schedule(channel_id="C1", story_id=story_id, at="07:30", timezone="America/New_York")
    await service.set_schedule(
        channel_id="C2", story_id=story_id, at="09:00", timezone="Europe/Berlin", weekdays_only=True
    )
    ds = DigestScheduler(service)
    await ds.start(catch_up=False)
    try:
        jobs = ds.jobs()
        assert set(jobs) == {"C1", "C2"}
        trigger = schedule_trigger("07:30", "America/New_York")
        assert jobs["C1"] == trigger.get_next_fire_time(None, datetime.now(UTC))
        assert jobs["C1"].strftime("%H:%M %Z") in {"07:30 EST", "07:30 EDT"}

        # Another process turned C2 off and moved C1: the next sync follows the store.
        await service.turn_off("C2")
        await service.set_schedule(
            channel_id="C1", story_id=story_id, at="06:45", timezone="America/New_York"
        )
        await ds.sync()
        assert set(ds.jobs()) == {"C1"} and ds.jobs()["C1"].strftime("%H:%M") == "06:45"

        # Fire C1's job by hand (no waiting for the clock): it runs as its own task and posts.
        job = ds.scheduler.get_job("digest:C1")  # type: ignore[union-attr]
        clock.set(utc(2025, 1, 27, 11, 46))  # 06:46 in New York
        await job.func(*job.args)
        await ds.drain()
        assert [p["channel"] for p in slack.ok("chat.postMessage")] == ["C1"]
    finally:
        await ds.shutdown()


async def test_a_run_that_died_after_slack_took_its_post_is_not_posted_again(
    store: Store, slack: DigestFakeSlack
) -> None:
    """Slack took the post, then the run died before it learnt the ts. The run that takes the
    lapsed claim over finds the digest in the channel (by its metadata) and records it instead
    of posting a second one."""
    story_id = await port_ellis_story(store)
    slack.ts_base = int(MORNING_27.timestamp())  # message ts on the test's clock
    clock = Clock(MORNING_27 + timedelta(seconds=2))
    doomed = _service(store, slack, clock, owner="doomed", charts=False)
    await doomed.set_schedule(channel_id="C1", story_id=story_id, at="07:30", timezone="America/New_York")
    slack.lose_reply.add("C1")
    run = asyncio.create_task(doomed.run_scheduled("C1"))
    for _ in range(500):
        if slack.ok("chat.postMessage"):
            break
        await asyncio.sleep(0.01)
    run.cancel()  # the process dies here: the claim stays, the ts was never recorded
    with pytest.raises(asyncio.CancelledError):
        await run
    slack.lose_reply.clear()
    (posted,) = slack.history["C1"]
    assert posted["metadata"] == {
        "event_type": "factdesk_digest",
        "event_payload": {"period": "daily:2025-01-27"},
    }

    clock.set(MORNING_27 + timedelta(minutes=11))  # the claim's lease has run out
    later = _service(store, slack, clock, owner="later", charts=False)
    outcome = await later.run_scheduled("C1")
    assert (outcome.status, outcome.taken_over, outcome.message_ts) == ("posted", True, posted["ts"])
    assert len(slack.ok("chat.postMessage")) == 1
    claim = await later.repo.get_claim(channel_id="C1", period="daily:2025-01-27")
    assert claim is not None and (claim.status, claim.message_ts, claim.owner) == (
        "posted",
        posted["ts"],
        "later",
    )


async def test_a_taken_over_run_whose_post_never_landed_posts_it(
    store: Store, slack: DigestFakeSlack
) -> None:
    """The other side: the dead run's post never reached Slack, so the channel's history has no
    digest of that period (an older one does not count) and the later run posts it, once."""
    story_id = await port_ellis_story(store)
    slack.ts_base = int(MORNING_27.timestamp())
    clock = Clock(MORNING_27 - timedelta(days=1) + timedelta(seconds=2))
    service = _service(store, slack, clock, owner="first", charts=False)
    await service.set_schedule(channel_id="C1", story_id=story_id, at="07:30", timezone="America/New_York")
    assert (await service.run_scheduled("C1")).status == "posted"  # yesterday's, in the history

    clock.set(MORNING_27 + timedelta(seconds=2))
    slack.hang.add("C1")
    run = asyncio.create_task(service.run_scheduled("C1"))
    for _ in range(500):
        if any(m == "chat.postMessage" and s == 0 for m, s, _ in slack.calls):
            break
        await asyncio.sleep(0.01)
    run.cancel()
    with pytest.raises(asyncio.CancelledError):
        await run
    slack.hang.clear()

    clock.set(MORNING_27 + timedelta(minutes=11))
    outcome = await _service(store, slack, clock, owner="later", charts=False).run_scheduled("C1")
    assert (outcome.status, outcome.taken_over, outcome.note) == ("posted", True, None)
    assert [p["channel"] for p in slack.ok("chat.postMessage")] == ["C1", "C1"]  # yesterday, today
    assert any(m == "conversations.history" for m, _, _ in slack.calls)
