"""Benchmark: 1,000 channels due the same minute, while reporters keep asking questions.

    python benchmarks/digest.py [--channels 1000] [--db postgresql|sqlite] [--inline] [--gc-freeze]

Digests post to a local fake Slack that enforces Slack's one message per second per channel
(429 + Retry-After otherwise); questions go to the bot's real HTTP endpoint (signed
app_mention events through Bolt), which answers through its own local fake Slack. Reported:
total time for all digests, Slack calls by method and status, and the ack time of questions
(HTTP response of the events endpoint) while idle and during the run, plus the event loop's lag.

As `factdesk serve` runs them, the digests are built and posted by the bot's digest process
(bot/digest_process.py); `--inline` runs them in the bot's own event loop instead, for
comparison. The questions' fake Slack shares the bot's process and loop, so its own work counts
against the bot: the figures are pessimistic."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from bot.digests import ChannelDigests, build_digests, digest_service  # noqa: E402
from tests.conftest import PG_URL, drop_pg_schema, new_pg_schema  # noqa: E402
from tests.digest_fixtures import port_ellis_story  # noqa: E402
from tests.fake_slack import mention, open_desk  # noqa: E402

MORNING = datetime(2025, 1, 27, 12, 30, tzinfo=UTC)  # 07:30 in New York: every channel's time


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Asker:
    """Asks a question every `interval` seconds and records how long the ack took."""

    def __init__(self, desk, interval: float) -> None:  # type: ignore[no-untyped-def]
        self.desk, self.interval = desk, interval
        self.acks: list[float] = []
        self.n = 0

    async def ask(self) -> None:
        self.n += 1
        ts = f"1690000000.{self.n:06d}"
        t0 = time.perf_counter()
        resp = await self.desk.event(
            mention("how many troops did the governor order?", ts=ts, channel="CQ"), event_id=f"EvB{self.n}"
        )
        self.acks.append((time.perf_counter() - t0) * 1000)
        assert resp.status == 200, resp.status

    async def run_until(self, done: asyncio.Event) -> None:
        tasks = []
        while not done.is_set():
            tasks.append(asyncio.create_task(self.ask()))
            try:
                await asyncio.wait_for(done.wait(), self.interval)
            except TimeoutError:
                pass
        await asyncio.gather(*tasks)

    async def run_for(self, count: int) -> None:
        tasks = []
        for _ in range(count):
            tasks.append(asyncio.create_task(self.ask()))
            await asyncio.sleep(self.interval)
        await asyncio.gather(*tasks)


async def loop_lag(done: asyncio.Event, out: list[float], tick: float = 0.01) -> None:
    loop = asyncio.get_running_loop()
    while not done.is_set():
        t0 = loop.time()
        await asyncio.sleep(tick)
        out.append((loop.time() - t0 - tick) * 1000)


async def main(db: str, channels: int, questions_per_s: float, inline: bool, freeze: bool) -> None:
    logging.basicConfig(level=logging.WARNING)
    schema = None
    tmp = tempfile.TemporaryDirectory()
    if db == "postgresql":
        schema = await new_pg_schema()
        url = PG_URL
    else:
        url = f"sqlite+aiosqlite:///{tmp.name}/bench.db"
    # The digests' fake Slack runs in a process of its own, at the lowest CPU priority: its work
    # is Slack's, done on Slack's machines in production, not on the bot's cores.
    fake = await asyncio.create_subprocess_exec(
        "nice",
        "-n",
        "19",
        sys.executable,
        "-m",
        "tests.digest_fake_slack",
        "1.0",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    assert fake.stdout is not None
    api_url = (await fake.stdout.readline()).decode().strip()
    http = aiohttp.ClientSession()
    clock = lambda: MORNING + timedelta(seconds=20)  # noqa: E731
    try:
        async with open_desk(Path(tmp.name), database_url=url, schema=schema) as desk:
            story_id = await port_ellis_story(desk.store)
            # The question channel works on the same story.
            await desk.store.bind_story(story_id, channel_id="CQ", is_private=False)
            # The digests as `factdesk serve` wires them, posting to the digests' fake Slack.
            settings = desk.settings.model_copy(
                update={"slack_api_url": api_url, "digest_process": not inline}
            )
            if inline:
                # In the bot's loop, with one HTTP session for every call (the best case there).
                digests = ChannelDigests(digest_service(settings, desk.store, clock=clock, http=http))
            else:
                digests = build_digests(settings, desk.store, desk.deps.client, clock=clock)
            service = digests.service
            for i in range(channels):
                await service.repo.upsert_schedule(
                    channel_id=f"C{i:05d}",
                    story_id=story_id,
                    at_time="07:30",
                    timezone="America/New_York",
                    weekdays_only=False,
                    quiet_when_empty=False,
                    enabled=True,
                    now=MORNING - timedelta(days=1),
                )
            ds = await digests.start(sync_seconds=3600, catch_up=False)
            asker = Asker(desk, 1 / questions_per_s)

            # Idle: questions alone (the digest process, if any, is up and waiting).
            # Warm up Bolt (auth.test) and the answering path (word lists load on first use), and
            # wait for the answers, so the idle figures are not a cold start.
            for _ in range(3):
                await asker.ask()
            await desk.slack.wait_for("chat.postMessage", 3, timeout=60)
            asker.acks.clear()
            if freeze:
                # Start-up objects (word lists, SQLAlchemy's caches) out of the collector's way.
                gc.freeze()
            idle_lag: list[float] = []
            stop = asyncio.Event()
            lag_task = asyncio.create_task(loop_lag(stop, idle_lag))
            await asker.run_for(int(questions_per_s * 20))
            stop.set()
            await lag_task
            idle = list(asker.acks)
            asker.acks.clear()

            # The run: every job fires at once, as APScheduler does when the minute comes.
            jobs = [j for j in ds.scheduler.get_jobs() if j.id.startswith("digest:")]  # type: ignore[union-attr]
            assert len(jobs) == channels, len(jobs)
            done = asyncio.Event()
            run_lag: list[float] = []
            lag_task = asyncio.create_task(loop_lag(done, run_lag))
            ask_task = asyncio.create_task(asker.run_until(done))
            t0 = time.perf_counter()
            for job in jobs:
                await job.func(*job.args)
            await ds.drain()
            total = time.perf_counter() - t0
            done.set()
            await asyncio.gather(lag_task, ask_task)
            during = list(asker.acks)
            await digests.stop()

            # Let the answers of the last questions finish before the database goes away.
            await desk.slack.wait_for("chat.postMessage", asker.n, timeout=120)
            claims = await service.repo.claims()
            posted = Counter(c.status for c in claims)
            async with http.get(api_url.replace("/api/", "/stats")) as resp:
                stats = await resp.json()
    finally:
        await http.close()
        fake.kill()
        await fake.wait()
        if schema:
            await drop_pg_schema(schema)
        tmp.cleanup()

    where = "in the bot's event loop" if inline else "in the digest process"
    print(f"database: {db}; channels: {channels}; digests run {where}")
    print(f"all digests done in {total:.2f} s ({channels / total:.0f} digests/s); claims: {dict(posted)}")
    print(f"messages per channel: {stats['messages_per_channel']}")
    print("Slack calls (method, HTTP status):")
    for k, v in sorted(stats["calls"].items()):
        print(f"  {k}: {v}")
    print(f"questions idle: {len(idle)}, during run: {len(during)}")
    print(
        f"ack ms idle   p50 {statistics.median(idle):.1f}  p99 {pct(idle, 99):.1f}\n"
        f"ack ms during p50 {statistics.median(during):.1f}  p99 {pct(during, 99):.1f}"
        f"  (p99 ratio {pct(during, 99) / pct(idle, 99):.2f}x, target <= 2x)"
    )
    print(
        f"event-loop lag ms idle p99 {pct(idle_lag, 99):.1f}; during p99 {pct(run_lag, 99):.1f} max {max(run_lag):.1f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--questions-per-s", type=float, default=20.0)
    parser.add_argument(
        "--inline", action="store_true", help="Run the digests in the bot's event loop, not their process."
    )
    parser.add_argument(
        "--gc-freeze", action="store_true", help="gc.freeze() after warm-up, as serving does."
    )
    args = parser.parse_args()
    asyncio.run(main(args.db, args.channels, args.questions_per_s, args.inline, args.gc_freeze))
