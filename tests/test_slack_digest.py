"""`/story digest` and App Home's digests through signed requests, wired to the digest service
and its scheduler; digest runs never hold up an ack."""

from __future__ import annotations

import asyncio
import gc
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.serve import serving
from tests.fake_slack import command_body, mention, open_desk, reply_text
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 27, 11, 0, tzinfo=UTC)  # 06:00 in New York
LATER = (
    "The governor ordered 2,000 additional troops to the northern border on Monday. "
    "Residents of Port Ellis said the ferry service resumed."
)


@pytest.fixture
async def desk(tmp_path):
    async with open_desk(tmp_path, clock=lambda: NOW) as d:
        d.story = await d.store.ensure_story("border", title="Troops at the border", now=NOW)
        await add_report(
            d.store, d.story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW - timedelta(days=3)
        )
        await add_report(
            d.store,
            d.story,
            LATER,
            [("2,000", 2000, "troop", "order")],
            now=NOW - timedelta(hours=2),
            url="https://example.com/later",
        )
        # The scheduler runs in the test's loop, as in `factdesk serve`; no periodic sync needed.
        await d.deps.digests.start(sync_seconds=3600)
        try:
            yield d
        finally:
            await d.deps.digests.stop()


async def test_digest_at_stores_the_schedule_and_schedules_it_here(desk):
    reply = reply_text(await desk.command("digest at 07:30 America/New_York"))
    assert "Troops at the border" in reply and "every day at 07:30 (America/New_York)" in reply
    schedule = await desk.deps.digests.service.schedule_of("C1")
    assert schedule is not None
    assert (schedule.at_time, schedule.timezone, schedule.weekdays_only, schedule.enabled) == (
        "07:30",
        "America/New_York",
        False,
        True,
    )
    assert schedule.story_id == desk.story.id
    # This process's scheduler has the job at once: 07:30 New York is 12:30 UTC that day.
    next_run = desk.deps.digests.scheduler.jobs()["C1"]
    assert next_run is not None and next_run.astimezone(UTC).hour == 12 and next_run.minute == 30

    reply = reply_text(await desk.command("digest at 6:45 weekdays", name="r2"))
    assert "on weekdays at 06:45 (UTC)" in reply  # the newsroom's zone (FACTDESK_TIMEZONE) by default
    schedule = await desk.deps.digests.service.schedule_of("C1")
    assert schedule is not None and schedule.weekdays_only and schedule.at_time == "06:45"


async def test_digest_at_quiet_posts_nothing_on_days_with_nothing_new(desk):
    reply = reply_text(await desk.command("digest at 07:30 America/New_York weekdays quiet"))
    assert "on weekdays at 07:30 (America/New_York), except on days with nothing new" in reply
    schedule = await desk.deps.digests.service.schedule_of("C1")
    assert schedule is not None and schedule.quiet_when_empty and schedule.weekdays_only
    # Setting it again without `quiet` goes back to the one-line "nothing new".
    reply = reply_text(await desk.command("digest at 07:30", name="r2"))
    assert "nothing new" not in reply
    schedule = await desk.deps.digests.service.schedule_of("C1")
    assert schedule is not None and not schedule.quiet_when_empty


async def test_digest_at_refuses_a_time_or_zone_that_cannot_work(desk):
    assert "unknown timezone" in reply_text(await desk.command("digest at 07:30 Mars/Olympus"))
    assert "not a time like 07:30" in reply_text(await desk.command("digest at 25:00", name="r2"))
    assert "Usage" in reply_text(await desk.command("digest at", name="r3"))
    assert await desk.deps.digests.service.schedule_of("C1") is None


async def test_digest_now_posts_the_digest_in_the_channel(desk):
    reply = reply_text(await desk.command("digest now"))
    assert "Posted the digest of *Troops at the border*" in reply
    [posted] = desk.slack.posted()
    assert posted["channel"] == "C1" and "thread_ts" not in posted
    shown = reply_text(posted)
    assert "Troops at the border" in shown
    assert "2,000" in shown and "1,500" in shown  # the figure changed: old -> new, both cited
    # Asking again the same minute is the same digest, not a second post.
    assert "a moment ago" in reply_text(await desk.command("digest now", name="r2"))
    assert len(desk.slack.posted()) == 1


async def test_digest_off_stops_it(desk):
    await desk.command("digest at 07:30 America/New_York")
    assert "C1" in desk.deps.digests.scheduler.jobs()
    assert "Digests are off" in reply_text(await desk.command("digest off", name="r2"))
    schedule = await desk.deps.digests.service.schedule_of("C1")
    assert schedule is not None and not schedule.enabled
    assert "C1" not in desk.deps.digests.scheduler.jobs()
    # Even a run that fired anyway posts nothing.
    outcome = await desk.deps.digests.service.run_scheduled("C1")
    assert outcome.status == "no_schedule" and desk.slack.posted() == []


async def test_app_home_shows_the_channel_digests_and_why_the_bot_turned_one_off(desk):
    await desk.command("digest at 07:30 America/New_York")
    await desk.deps.digests.service.set_schedule(channel_id="C2", story_id=desk.story.id, at="09:00")
    await desk.deps.digests.service.repo.disable_schedule("C2", now=NOW, reason="not_in_channel")
    await desk.deps.slack.set_channel_story("C2", desk.story.id, user_id="U1", now=NOW)
    await desk.event(
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home", "event_ts": "1.1"},
        event_id="EvHome",
    )
    [published] = await desk.slack.wait_for("views.publish")
    shown = reply_text(published["view"])
    assert "<#C1>: *Troops at the border* every day at 07:30 (America/New_York)" in shown
    assert "<#C2>" in shown and "`not_in_channel`" in shown


async def test_a_digest_being_posted_never_holds_up_an_ack(desk):
    service = desk.deps.digests.service
    real = service.poster

    class SlowSlack:
        async def post_message(self, channel_id, **kw):  # type: ignore[no-untyped-def]
            await asyncio.sleep(1.0)  # Slack slow, or a Retry-After being waited out
            return await real.post_message(channel_id, **kw)

        async def upload_png(self, channel_id, **kw):  # type: ignore[no-untyped-def]
            await real.upload_png(channel_id, **kw)

    service.poster = SlowSlack()
    start = time.perf_counter()
    resp = await desk.send(
        command_body("digest now", response_url=desk.slack.response_url()),
        content_type="application/x-www-form-urlencoded",
    )
    assert resp.status == 200 and time.perf_counter() - start < 0.5
    start = time.perf_counter()
    resp = await desk.event(mention("how many troops did the governor order?"), event_id="EvDuring")
    assert resp.status == 200 and time.perf_counter() - start < 0.5
    await desk.slack.wait_for("chat.postMessage", 2, timeout=10)
    await desk.slack.wait_for("respond")


@pytest.mark.parametrize("in_process", ["true", "false"])
async def test_serving_starts_the_scheduler_in_the_running_loop_and_stops_it(tmp_path, in_process):
    async with open_desk(tmp_path, clock=lambda: NOW, FACTDESK_DIGEST_PROCESS=in_process) as desk:
        story = await desk.store.ensure_story("border", title="Border", now=NOW)
        await desk.deps.digests.service.set_schedule(
            channel_id="C1", story_id=story.id, at="07:30", timezone="America/New_York"
        )
        digests = desk.deps.digests
        try:
            async with serving(desk.deps):
                scheduler = digests.scheduler
                assert scheduler is not None and scheduler.scheduler.running
                assert "C1" in scheduler.jobs()
                if in_process == "true":  # the runs go to the digest process, started with serving
                    assert digests.process.pid is not None and scheduler.runner is digests.process
                else:
                    assert digests.process is None and scheduler.runner is digests.service
            assert digests.scheduler is None
            assert digests.process is None or digests.process.pid is None
        finally:
            gc.unfreeze()  # serving() freezes what is alive at start-up; keep the test process as it was
