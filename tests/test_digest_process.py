"""The digest process: while serving, scheduled digests and `digest now` are built and posted by
a child process of the bot (its own engine, Slack client and loop, at a lower CPU priority), so
a morning's thousand digests never compete with acks. Real child processes, a real store, and
local fake Slack servers."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.digest_process import CHILD_NICENESS, DigestProcess, DigestProcessError
from bot.digests import ChannelDigests
from tests.conftest import PG_URL, drop_pg_schema, new_pg_schema
from tests.fake_slack import desk_settings, open_desk, reply_text
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 27, 12, 30, 5, tzinfo=UTC)  # just after 07:30 in New York


async def _story_with_schedule(desk, channel: str = "C1"):  # type: ignore[no-untyped-def]
    story = await desk.store.ensure_story("border", title="Troops at the border", now=NOW)
    await add_report(
        desk.store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW - timedelta(hours=3)
    )
    await desk.deps.digests.service.set_schedule(
        channel_id=channel, story_id=story.id, at="07:30", timezone="America/New_York"
    )
    return story


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request, tmp_path):  # type: ignore[no-untyped-def]
    """(url, schema): the digest process opens the bot's store on either backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'factdesk.db'}", None
        return
    schema = await new_pg_schema()
    try:
        yield PG_URL, schema
    finally:
        await drop_pg_schema(schema)


async def test_scheduled_digest_is_posted_by_the_digest_process_once(tmp_path, database):
    url, schema = database
    async with open_desk(
        tmp_path,
        database_url=url,
        schema=schema,
        clock=lambda: NOW,
        FACTDESK_DIGEST_PROCESS="true",
    ) as desk:
        await _story_with_schedule(desk)
        digests = desk.deps.digests
        scheduler = await digests.start(sync_seconds=3600, catch_up=False)
        try:
            pid = digests.process.pid
            assert pid is not None and pid != os.getpid()
            job = scheduler.scheduler.get_job("digest:C1")
            await job.func(*job.args)
            await job.func(*job.args)  # the same period again: claimed already, not posted twice
            await scheduler.drain()
            [posted] = desk.slack.posted()
            assert posted["channel"] == "C1" and "Troops at the border" in posted["text"]
            [claim] = await digests.service.repo.claims(channel_id="C1")
            assert claim.status == "posted" and claim.message_ts is not None
            # The claim's owner names the process that posted: the child, on the bot's clock.
            assert f":{pid}:" in claim.owner
            assert claim.period == "daily:2025-01-27"
        finally:
            await digests.stop()
        assert digests.process.pid is None


async def test_digest_now_goes_through_the_digest_process(tmp_path):
    async with open_desk(tmp_path, clock=lambda: NOW, FACTDESK_DIGEST_PROCESS="true") as desk:
        await _story_with_schedule(desk)
        digests = desk.deps.digests
        await digests.start(sync_seconds=3600, catch_up=False)
        try:
            reply = reply_text(await desk.command("digest now"))
            assert "Posted the digest of *Troops at the border*" in reply
            [posted] = desk.slack.posted()
            assert posted["channel"] == "C1"
            # The same minute again is the same digest, also when asked of the process.
            assert "a moment ago" in reply_text(await desk.command("digest now", name="r2"))
            assert len(desk.slack.posted()) == 1
            [claim] = await digests.service.repo.claims(channel_id="C1")
            assert f":{digests.process.pid}:" in claim.owner and claim.period.startswith("now:")
        finally:
            await digests.stop()


async def test_the_digest_process_runs_at_a_lower_cpu_priority(tmp_path):
    async with open_desk(tmp_path, FACTDESK_DIGEST_PROCESS="true") as desk:
        process = desk.deps.digests.process
        await process.start()
        try:
            ours = os.getpriority(os.PRIO_PROCESS, 0)
            assert os.getpriority(os.PRIO_PROCESS, process.pid) == min(19, ours + CHILD_NICENESS)
        finally:
            await process.close()


async def test_a_process_that_dies_mid_post_fails_the_run_and_a_new_one_does_not_post_twice(tmp_path):
    """Slack hangs on the post; the child is killed with the claim taken. The run reports the
    failure, the next request starts a new child, and the claim (still within its lease) keeps
    that child from posting the same digest again."""
    arrived = asyncio.Event()
    posts: list[str] = []

    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "chat.postMessage":
            posts.append(method)
            arrived.set()
            await asyncio.sleep(3600)
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post("/api/{method}", api)
    hanging = TestServer(app, host="127.0.0.1", port=0)
    await hanging.start_server()
    try:
        async with open_desk(tmp_path, clock=lambda: NOW) as desk:
            await _story_with_schedule(desk)
            settings = desk_settings(str(hanging.make_url("/api/")), desk.settings.database_url)
            process = DigestProcess(settings, clock=lambda: NOW)
            await process.start()
            first_pid = process.pid
            run = asyncio.create_task(process.run_scheduled("C1"))
            await asyncio.wait_for(arrived.wait(), 30)
            os.kill(first_pid, signal.SIGKILL)
            outcome = await asyncio.wait_for(run, 30)
            assert (outcome.channel_id, outcome.status) == ("C1", "failed")
            assert "exited" in (outcome.note or "")
            [claim] = await desk.deps.digests.service.repo.claims(channel_id="C1")
            assert claim.status == "claimed"

            again = await asyncio.wait_for(process.run_scheduled("C1"), 30)
            assert process.pid is not None and process.pid != first_pid
            assert again.status == "already" and posts == ["chat.postMessage"]
            await process.close()
    finally:
        await hanging.close()


async def test_a_digest_process_that_cannot_open_the_store_says_why(tmp_path):
    settings = desk_settings("http://127.0.0.1:9/api/", "postgresql+asyncpg://nobody@127.0.0.1:9/none")
    process = DigestProcess(settings, clock=lambda: NOW)
    with pytest.raises(DigestProcessError, match="did not start"):
        await process.start()
    assert process.pid is None
    # A run asked of it fails with the reason (the claim machinery lets a later run retry).
    outcome = await process.run_scheduled("C1")
    assert (outcome.channel_id, outcome.status) == ("C1", "failed") and "did not start" in (
        outcome.note or ""
    )


async def test_without_a_digest_process_the_bot_runs_digests_in_its_own_loop(tmp_path):
    async with open_desk(tmp_path, clock=lambda: NOW) as desk:
        await _story_with_schedule(desk)
        bad = desk_settings("http://127.0.0.1:9/api/", "postgresql+asyncpg://nobody@127.0.0.1:9/none")
        digests = ChannelDigests(
            desk.deps.digests.service, process=DigestProcess(bad, clock=lambda: NOW, start_timeout=30)
        )
        scheduler = await digests.start(sync_seconds=3600, catch_up=False)
        try:
            assert scheduler.runner is digests.service
            story = await desk.store.get_story("border")
            outcome = await digests.post_now(channel_id="C1", story_id=story.id)
            assert outcome.status == "posted" and desk.slack.posted()[0]["channel"] == "C1"
        finally:
            await digests.stop()
