"""Acks come first: no store work before the ack, and answering goes through a bounded queue."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from handlers.work import WorkQueue
from tests.fake_slack import mention, open_desk
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 25, 12, 0, tzinfo=UTC)


async def test_the_ack_does_not_wait_for_the_store_and_the_answer_still_comes_once(tmp_path):
    async with open_desk(tmp_path, clock=lambda: NOW) as desk:
        story = await desk.store.ensure_story("border", title="Border", now=NOW)
        await add_report(desk.store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
        claim = desk.deps.slack.claim_event

        async def slow_claim(event_id: str, *, now: datetime) -> bool:
            await asyncio.sleep(1.0)  # a database under load
            return await claim(event_id, now=now)

        desk.deps.slack.claim_event = slow_claim  # type: ignore[method-assign]
        event = mention("how many troops did the governor order?")
        start = time.perf_counter()
        first = await desk.event(event, event_id="EvSlow")
        acked_in = time.perf_counter() - start
        retry = await desk.event(event, event_id="EvSlow", retry=1)
        assert first.status == 200 and retry.status == 200
        assert acked_in < 0.5, f"the ack took {acked_in:.2f} s: it waited for the store"
        [posted] = await desk.slack.wait_for("chat.postMessage")
        assert "1,500" in posted["text"]
        await asyncio.sleep(1.5)  # the retry's claim finishes now; it must post nothing
        assert len(desk.slack.posted()) == 1


async def test_the_queue_runs_one_job_at_a_time_in_order():
    queue = WorkQueue(workers=1)
    running, most, order = 0, 0, []

    async def job(i: int) -> int:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        order.append(i)
        running -= 1
        return i * 10

    try:
        results = await asyncio.gather(*(queue.run(lambda i=i: job(i)) for i in range(8)))
    finally:
        await queue.close()
    assert results == [i * 10 for i in range(8)]
    assert most == 1 and order == list(range(8))


async def test_a_job_that_queues_again_runs_in_place_and_errors_reach_the_caller():
    queue = WorkQueue(workers=1)

    async def inner() -> str:
        return "inner"

    async def outer() -> str:
        # An answer asked from inside a queued listener: waiting for a worker would deadlock.
        return await asyncio.wait_for(queue.run(inner), 1.0)

    async def broken() -> None:
        raise ValueError("engine failed")

    try:
        assert await queue.run(outer) == "inner"
        with pytest.raises(ValueError, match="engine failed"):
            await queue.run(broken)
        assert await queue.run(inner) == "inner"  # the worker survived the error
    finally:
        await queue.close()
