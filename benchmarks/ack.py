"""Ack latency of `factdesk serve --http` under N signed mentions at concurrency C, against a
minimal Bolt app that only acks, with a local fake Slack; checks every event is answered once.

    python benchmarks/ack.py [-n 500] [-c 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fake_slack import SECRET, FakeSlack, event_body, mention, sign  # noqa: E402
from tests.slack_story import TROOPS, add_report  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def baseline_server(port: int, api_url: str) -> None:
    """A minimal Bolt app that only acks mentions."""
    from aiohttp import web
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    app = AsyncApp(client=AsyncWebClient(token="xoxb-bench", base_url=api_url), signing_secret=SECRET)

    @app.event("app_mention")
    async def noop() -> None:
        return None

    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    web_app = web.Application()
    web_app.router.add_post("/slack/events", events)
    web.run_app(web_app, host="127.0.0.1", port=port, print=None, access_log=None)


async def wait_up(url: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.post(url, data=b"{}") as resp:
                    await resp.read()
                    return
            except aiohttp.ClientError:
                if time.monotonic() > end:
                    raise
                await asyncio.sleep(0.2)


async def load(url: str, n: int, c: int, prefix: str) -> list[float]:
    sem = asyncio.Semaphore(c)
    latencies: list[float] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=c)) as http:

        async def one(i: int) -> None:
            body = event_body(
                mention("how many troops did the governor order?", ts=f"{i}.0001"), event_id=f"{prefix}{i}"
            )
            headers = {"Content-Type": "application/json", **sign(SECRET, body)}
            async with sem:
                start = time.perf_counter()
                async with http.post(url, data=body.encode(), headers=headers) as resp:
                    await resp.read()
                    assert resp.status == 200, resp.status
                latencies.append((time.perf_counter() - start) * 1000)

        await asyncio.gather(*(one(i) for i in range(n)))
    return latencies


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("-c", type=int, default=50)
    args = parser.parse_args()

    slack = await FakeSlack().start()
    tmp = tempfile.mkdtemp(prefix="factdesk-bench-")
    db = f"sqlite+aiosqlite:///{tmp}/bench.db"
    from store import Store

    store = await Store.open(db)
    now = datetime.now(UTC)
    story = await store.ensure_story("border", title="Border", now=now)
    await add_report(store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=now)
    await store.close()

    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": db,
        "FACTDESK_LOG_LEVEL": "WARNING",
    }
    bot_port, base_port = free_port(), free_port()
    procs = [
        subprocess.Popen(
            [str(Path(sys.executable).parent / "factdesk"), "serve", "--http", "--port", str(bot_port)],
            cwd=tmp,
            env={**env, "PYTHONPATH": str(ROOT)},
        ),
        subprocess.Popen(
            [sys.executable, __file__, "--baseline-server", str(base_port), slack.api_url], env=env
        ),
    ]
    try:
        bot_url = f"http://127.0.0.1:{bot_port}/slack/events"
        base_url = f"http://127.0.0.1:{base_port}/slack/events"
        await asyncio.gather(wait_up(bot_url), wait_up(base_url))
        await load(base_url, 20, 5, "warmb")  # warm both (auth.test, imports, connections)
        await load(bot_url, 20, 5, "warm")
        await slack.wait_for("chat.postMessage", 20, timeout=60)
        before = len(slack.posted())

        base = await load(base_url, args.n, args.c, "base")
        bot = await load(bot_url, args.n, args.c, "bench")
        posted = await slack.wait_for("chat.postMessage", before + args.n, timeout=300)
        await asyncio.sleep(1.0)  # anything doubled would arrive now
        threads = Counter(p["thread_ts"] for p in slack.posted()[before:])
        once = sum(1 for i in range(args.n) if threads.get(f"{i}.0001") == 1)
        print(f"events: {args.n} at concurrency {args.c}")
        print(f"baseline (Bolt ack only): p50 {pct(base, 50):.1f} ms  p99 {pct(base, 99):.1f} ms")
        print(
            f"factdesk serve --http:    p50 {pct(bot, 50):.1f} ms  p99 {pct(bot, 99):.1f} ms  (mean {statistics.mean(bot):.1f} ms)"
        )
        print(
            f"p99 ratio to baseline: {pct(bot, 99) / pct(base, 99):.2f}x (target <= 1.5x, and p99 <= 100 ms)"
        )
        print(f"answered exactly once: {once}/{args.n}; extra posts: {len(slack.posted()) - before - args.n}")
        del posted
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)
        await slack.close()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--baseline-server":
        baseline_server(int(sys.argv[2]), sys.argv[3])
    else:
        asyncio.run(main())
