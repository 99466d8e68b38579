"""Delivery rules: 429 waited out, long replies split, retries deduped across processes (both databases)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from handlers import blocks
from tests.conftest import PG_URL, drop_pg_schema, new_pg_schema
from tests.fake_slack import FakeSlack, mention, open_desk, reply_text
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 25, 12, 0, tzinfo=UTC)


async def test_a_429_is_waited_out_and_the_answer_posted_once(tmp_path):
    slack = FakeSlack(fail_once={"chat.postMessage": 0})
    async with open_desk(tmp_path, clock=lambda: NOW, slack=slack) as desk:
        story = await desk.store.ensure_story("border", title="Border", now=NOW)
        await add_report(desk.store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
        await desk.event(mention("how many troops did the governor order?"))
        [posted] = await slack.wait_for("chat.postMessage")
        assert "1,500" in reply_text(posted)
        attempts = [c.status for c in slack.calls if c.method == "chat.postMessage"]
        assert attempts == [429, 200]
        # The answer is recorded once, under the ts of the post that went through.
        for _ in range(250):  # the listener records the answer just after posting it
            if await desk.deps.slack.first_answer_in_thread("C1", "1690000000.000100"):
                break
            await asyncio.sleep(0.02)
        recorded = await desk.deps.slack.first_answer_in_thread("C1", "1690000000.000100")
        assert recorded is not None and recorded.ts == posted_ts(slack)


def test_long_replies_are_split_to_slack_limits():
    lines = [f"line {i} " + "x" * 180 for i in range(400)]
    message = blocks.lines_message("*Header*", lines)
    assert all(len(b["text"]["text"]) <= 3000 for b in message.blocks if b["type"] == "section")
    parts = message.parts()
    assert all(len(p.blocks) <= 50 and len(p.text) <= 3000 for p in parts)
    shown = "\n".join(b["text"]["text"] for p in parts for b in p.blocks)
    assert all(line in shown for line in lines)  # nothing lost


def test_splitting_never_cuts_an_escape():
    text = "a" * 2997 + "&amp;" + "b" * 10
    pieces = blocks.split_text(text, 3000)
    assert pieces[0] == "a" * 2997 and pieces[1].startswith("&amp;")


def posted_ts(slack: FakeSlack) -> str:
    return "1700000001.000100"  # the fake numbers its posts; the 429 attempt took no number


async def _both_posted(one, two, n: int, timeout: float = 10.0) -> list[dict]:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while len(one.slack.posted()) + len(two.slack.posted()) < n:
        assert loop.time() < end, "answers did not arrive"
        await asyncio.sleep(0.02)
    return one.slack.posted() + two.slack.posted()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_retry_reaching_another_process_is_not_answered_again(tmp_path, backend):
    schema = await new_pg_schema() if backend == "postgresql" else None
    url = PG_URL if schema else f"sqlite+aiosqlite:///{tmp_path / 'shared.db'}"
    try:
        async with open_desk(tmp_path, database_url=url, schema=schema, clock=lambda: NOW) as one:
            story = await one.store.ensure_story("border", title="Border", now=NOW)
            await add_report(one.store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
            # A second process: its own app, store connection and Slack client, same database.
            async with open_desk(
                tmp_path, database_url=url, schema=schema, clock=lambda: NOW, slack=None
            ) as two:
                event = mention("how many troops did the governor order?")
                first, retry = await asyncio.gather(
                    one.event(event, event_id="EvShared"), two.event(event, event_id="EvShared", retry=1)
                )
                assert first.status == 200 and retry.status == 200
                await two.event(mention("how many troops?", ts="2.2"), event_id="EvMarker")
                posted = await _both_posted(one, two, 2)
                # A doubled answer would be a third post; give it the time an answer takes to arrive.
                await asyncio.sleep(0.5)
                posted = one.slack.posted() + two.slack.posted()
                assert sorted(p["thread_ts"] for p in posted) == ["1690000000.000100", "2.2"]
    finally:
        if schema:
            await drop_pg_schema(schema)
