"""Ack latency of `factdesk serve --http` under N signed mentions at concurrency C, against a
minimal Bolt app that only acks, with a local fake Slack; checks every event is answered once.

    python benchmarks/ack.py [-n 500] [-c 50] [--sample]

The bot, the baseline app and the fake Slack each run in their own process, as they would in
production (Slack is not in the load generator's event loop): the fake's work of receiving 500
answers would otherwise be timed as the bot's ack latency, and not the baseline's.
`--sample` answers the 40 questions of the bundled sample story (four reports) in turn instead
of one question about a one-report story: answering then costs what it costs on a real story.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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

ONE_QUESTION = ["how many troops did the governor order?"]
SAMPLE_QUESTIONS = ROOT / "facts" / "sample" / "eval.jsonl"


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


def fake_slack_server(port_file: str) -> None:
    """The fake Slack in a process of its own; GET /_bench/threads lists the threads answered in."""
    from aiohttp import web

    async def main() -> None:
        slack = FakeSlack()

        async def threads(request: web.Request) -> web.Response:
            return web.json_response([p.get("thread_ts") for p in slack.posted()])

        slack.extra_routes.append(("GET", "/_bench/threads", threads))
        await slack.start()
        Path(port_file).write_text(slack.api_url)
        await asyncio.Event().wait()

    asyncio.run(main())


async def start_fake_slack(tmp: str) -> tuple[subprocess.Popen[bytes], str]:
    port_file = Path(tmp) / "fake-slack-url"
    proc = subprocess.Popen([sys.executable, __file__, "--fake-slack", str(port_file)])
    end = time.monotonic() + 30
    while not port_file.exists() or not port_file.read_text():
        if time.monotonic() > end or proc.poll() is not None:
            raise RuntimeError("the fake Slack did not start")
        await asyncio.sleep(0.05)
    return proc, port_file.read_text()


async def answered_threads(api_url: str) -> list[str]:
    async with aiohttp.ClientSession() as http:
        async with http.get(api_url.removesuffix("api/") + "_bench/threads") as resp:
            return list(await resp.json())


async def wait_answered(api_url: str, count: int, timeout: float) -> list[str]:
    end = time.monotonic() + timeout
    while True:
        threads = await answered_threads(api_url)
        if len(threads) >= count or time.monotonic() > end:
            return threads
        await asyncio.sleep(0.2)


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


async def load(url: str, n: int, c: int, prefix: str, questions: list[str]) -> list[float]:
    sem = asyncio.Semaphore(c)
    latencies: list[float] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=c)) as http:

        async def one(i: int) -> None:
            body = event_body(
                mention(questions[i % len(questions)], ts=f"{prefix}{i}.0001"), event_id=f"{prefix}{i}"
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


async def prepare(db: str, *, sample: bool) -> list[str]:
    """Store the story the bot answers from; the questions to ask, in turn."""
    from store import Store

    store = await Store.open(db)
    now = datetime.now(UTC)
    try:
        if sample:
            from bot.cli import load_sample_story

            await load_sample_story(store, now=now)
            return [json.loads(line)["question"] for line in SAMPLE_QUESTIONS.read_text().splitlines()]
        story = await store.ensure_story("border", title="Border", now=now)
        await add_report(store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=now)
        return ONE_QUESTION
    finally:
        await store.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("-c", type=int, default=50)
    parser.add_argument(
        "--sample", action="store_true", help="the sample story and its 40 questions, in turn"
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="factdesk-bench-")
    db = f"sqlite+aiosqlite:///{tmp}/bench.db"
    questions = await prepare(db, sample=args.sample)
    slack_proc, api_url = await start_fake_slack(tmp)
    procs = [slack_proc]
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": db,
        "FACTDESK_LOG_LEVEL": "WARNING",
    }
    bot_port, base_port = free_port(), free_port()
    try:
        procs.append(
            subprocess.Popen(
                [str(Path(sys.executable).parent / "factdesk"), "serve", "--http", "--port", str(bot_port)],
                cwd=tmp,
                env={**env, "PYTHONPATH": str(ROOT)},
            )
        )
        procs.append(
            subprocess.Popen(
                [sys.executable, __file__, "--baseline-server", str(base_port), api_url], env=env
            )
        )
        bot_url = f"http://127.0.0.1:{bot_port}/slack/events"
        base_url = f"http://127.0.0.1:{base_port}/slack/events"
        await asyncio.gather(wait_up(bot_url), wait_up(base_url))
        await load(base_url, 20, 5, "warmb", questions)  # warm both (auth.test, imports, connections)
        await load(bot_url, 20, 5, "warm", questions)
        before = len(await wait_answered(api_url, 20, timeout=60))  # the warm-up's answers

        base = await load(base_url, args.n, args.c, "base", questions)
        bot = await load(bot_url, args.n, args.c, "bench", questions)
        started = time.monotonic()
        await wait_answered(api_url, before + args.n, timeout=300)
        answered_in = time.monotonic() - started
        await asyncio.sleep(1.0)  # anything doubled would arrive now
        threads = Counter(t for t in await answered_threads(api_url) if t.startswith("bench"))
        once = sum(1 for i in range(args.n) if threads.get(f"bench{i}.0001") == 1)
        story = "the sample story, 40 questions in turn" if args.sample else "one report, one question"
        print(f"events: {args.n} at concurrency {args.c} ({story})")
        print(f"baseline (Bolt ack only): p50 {pct(base, 50):.1f} ms  p99 {pct(base, 99):.1f} ms")
        print(
            f"factdesk serve --http:    p50 {pct(bot, 50):.1f} ms  p99 {pct(bot, 99):.1f} ms  (mean {statistics.mean(bot):.1f} ms)"
        )
        print(
            f"p99 ratio to baseline: {pct(bot, 99) / pct(base, 99):.2f}x (target <= 1.5x, and p99 <= 100 ms)"
        )
        print(f"all answered {answered_in:.1f} s after the last ack")
        extra = sum(threads.values()) - args.n
        print(f"answered exactly once: {once}/{args.n}; extra posts: {extra}")
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--baseline-server":
        baseline_server(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--fake-slack":
        fake_slack_server(sys.argv[2])
    else:
        asyncio.run(main())
