"""Exactly-once digests with several bot processes sharing a real PostgreSQL.

Two services with separate engines in this process, then two real OS processes
(tests/digest_worker.py), and one process killed between claim and post whose claim a later
run takes over. Slack is the local fake; the clock is passed in, never waited for."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.scheduler import DigestService, SlackDigestPoster
from store import Store
from tests.conftest import PG_URL, drop_pg_schema, new_pg_schema
from tests.digest_fake_slack import DigestFakeSlack
from tests.digest_fixtures import port_ellis_story

MORNING = datetime(2025, 1, 27, 12, 30, tzinfo=UTC)  # 07:30 in New York
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
async def pg_schema() -> AsyncIterator[str]:
    schema = await new_pg_schema()
    store = await Store.open(PG_URL, migrate=True, schema=schema)
    await store.close()
    try:
        yield schema
    finally:
        await drop_pg_schema(schema)


@pytest.fixture
async def slack() -> AsyncIterator[DigestFakeSlack]:
    fake = await DigestFakeSlack().start()
    try:
        yield fake
    finally:
        await fake.close()


def _service(store: Store, slack: DigestFakeSlack, now: datetime, owner: str) -> DigestService:
    return DigestService(
        store=store,
        poster=SlackDigestPoster(AsyncWebClient(token="xoxb-test", base_url=slack.api_url)),
        clock=lambda: now,
        owner=owner,
        charts=False,
        lease=timedelta(minutes=10),
    )


async def _setup_channels(schema: str, slack: DigestFakeSlack, channels: list[str]) -> None:
    store = await Store.open(PG_URL, schema=schema)
    try:
        story_id = await port_ellis_story(store)
        service = _service(store, slack, MORNING, "setup")
        for c in channels:
            await service.set_schedule(
                channel_id=c, story_id=story_id, at="07:30", timezone="America/New_York"
            )
    finally:
        await store.close()


def _posts_per_channel(slack: DigestFakeSlack) -> Counter[str]:
    return Counter(p["channel"] for p in slack.ok("chat.postMessage"))


async def test_two_services_with_separate_engines_post_each_digest_once(
    pg_schema: str, slack: DigestFakeSlack
) -> None:
    channels = [f"C{i:03d}" for i in range(40)]
    await _setup_channels(pg_schema, slack, channels)
    a_store = await Store.open(PG_URL, schema=pg_schema)
    b_store = await Store.open(PG_URL, schema=pg_schema)
    try:
        a = _service(a_store, slack, MORNING + timedelta(seconds=1), "process-a")
        b = _service(b_store, slack, MORNING + timedelta(seconds=1), "process-b")
        # Both fire every channel at once, and both also run a start-up catch-up.
        runs = [s.run_scheduled(c) for c in channels for s in (a, b)] + [a.catch_up(), b.catch_up()]
        await asyncio.gather(*runs)
        assert _posts_per_channel(slack) == Counter({c: 1 for c in channels})
        claims = await a.repo.claims()
        assert len(claims) == len(channels) and {c.status for c in claims} == {"posted"}
        assert len({c.message_ts for c in claims}) == len(channels)
    finally:
        await a_store.close()
        await b_store.close()


async def _worker(schema: str, slack: DigestFakeSlack, now: datetime, owner: str, channels: list[str]):  # type: ignore[no-untyped-def]
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.digest_worker",
        PG_URL,
        schema,
        slack.api_url,
        now.isoformat(),
        owner,
        *channels,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


async def test_two_os_processes_post_each_digest_once(pg_schema: str, slack: DigestFakeSlack) -> None:
    channels = [f"C{i:03d}" for i in range(25)]
    await _setup_channels(pg_schema, slack, channels)
    procs = [await _worker(pg_schema, slack, MORNING, f"proc-{n}", channels) for n in range(3)]
    outputs = await asyncio.wait_for(asyncio.gather(*(p.communicate() for p in procs)), 120)
    assert [p.returncode for p in procs] == [0, 0, 0]
    statuses = Counter(s for out, _ in outputs for _, s, _ in json.loads(out.decode().splitlines()[-1]))
    assert statuses == Counter({"posted": len(channels), "already": 2 * len(channels)})
    assert _posts_per_channel(slack) == Counter({c: 1 for c in channels})


async def test_a_process_killed_between_claim_and_post_is_taken_over_once(
    pg_schema: str, slack: DigestFakeSlack
) -> None:
    await _setup_channels(pg_schema, slack, ["CDOOM", "CFINE"])
    slack.hang.add("CDOOM")  # Slack never answers this post: the process is stuck right there
    proc = await _worker(pg_schema, slack, MORNING, "doomed", ["CDOOM", "CFINE"])
    store = await Store.open(PG_URL, schema=pg_schema)
    try:
        survivor = _service(store, slack, MORNING + timedelta(minutes=5), "survivor")
        # Wait for the doomed process to reach the post (it has claimed), then kill it.
        for _ in range(600):
            if any(m == "chat.postMessage" and b.get("channel") == "CDOOM" for m, _, b in slack.calls):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the worker never reached chat.postMessage")
        proc.kill()
        await proc.wait()
        claim = await survivor.repo.get_claim(channel_id="CDOOM", period="daily:2025-01-27")
        assert claim is not None and (claim.owner, claim.status, claim.message_ts) == (
            "doomed",
            "claimed",
            None,
        )
        slack.hang.clear()

        # Five minutes on, the claim is inside its lease: nobody posts (it might still be running).
        assert (await survivor.run_scheduled("CDOOM")).status == "already"
        # Eleven minutes on, the lease is over: one later run takes it over and posts once.
        late_a = _service(store, slack, MORNING + timedelta(minutes=11), "late-a")
        other = await Store.open(PG_URL, schema=pg_schema)
        try:
            late_b = _service(other, slack, MORNING + timedelta(minutes=11), "late-b")
            outcomes = await asyncio.gather(late_a.run_scheduled("CDOOM"), late_b.run_scheduled("CDOOM"))
        finally:
            await other.close()
        assert sorted(o.status for o in outcomes) == ["already", "posted"]
        (winner,) = [o for o in outcomes if o.status == "posted"]
        assert winner.taken_over
        claim = await survivor.repo.get_claim(channel_id="CDOOM", period="daily:2025-01-27")
        assert claim is not None and claim.status == "posted" and claim.attempts == 2
        assert claim.owner in {"late-a", "late-b"} and claim.message_ts == winner.message_ts
        # Exactly one digest reached each channel (the hung request never completed).
        assert _posts_per_channel(slack) == Counter({"CDOOM": 1, "CFINE": 1})
    finally:
        await store.close()
