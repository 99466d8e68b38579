"""Ack latency of `factdesk serve --http` under N signed mentions at concurrency C, against a
minimal Bolt app that only acks, with a local fake Slack; checks every event is answered once,
and times each mention until its answer is posted.

    python benchmarks/ack.py [-n 500] [-c 50] [--sample] [--stored N]

The bot, the baseline app and the fake Slack each run in their own process, as they would in
production (Slack is not in the load generator's event loop): the fake's work of receiving 500
answers would otherwise be timed as the bot's ack latency, and not the baseline's.
`--sample` answers the 40 questions of the bundled sample story (four reports) in turn instead
of one question about a one-report story: answering then costs what it costs on a real story.
`--stored N` asks the sample story's questions while the store also holds N generated reports in
another story, as a newsroom's store does after months: a copy of benchmarks/answer.py's cached
store (benchmarks/out/answer-N.db, built the first time). The mentions' channel follows the
sample story, as a desk channel does; with `--unfollowed` it follows none, and a mention is
answered from every story the channel can see.

The answer time runs from a mention's request leaving the load generator until the fake Slack
receives the first chat.postMessage in its thread (wall clocks of two processes on one machine):
the whole path of a question, past the ack. The mentions arrive in a burst and are answered one
at a time, so it includes the wait behind the answers before it; the rate gives the cost of one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
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

MENTION_CHANNEL = "C1"

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
    """The fake Slack in a process of its own; GET /_bench/threads lists the threads answered in,
    GET /_bench/posted_at when each thread's first post arrived (time.time())."""
    from aiohttp import web

    from tests.fake_slack import Call

    first_post: dict[str, float] = {}

    class TimedFakeSlack(FakeSlack):
        async def _record(self, call: Call) -> None:
            if call.method == "chat.postMessage" and call.status == 200:
                first_post.setdefault(str(call.body.get("thread_ts")), time.time())
            await super()._record(call)

    async def main() -> None:
        slack = TimedFakeSlack()

        async def threads(request: web.Request) -> web.Response:
            return web.json_response([p.get("thread_ts") for p in slack.posted()])

        async def posted_at(request: web.Request) -> web.Response:
            return web.json_response(first_post)

        slack.extra_routes.append(("GET", "/_bench/threads", threads))
        slack.extra_routes.append(("GET", "/_bench/posted_at", posted_at))
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


async def posted_at(api_url: str) -> dict[str, float]:
    async with aiohttp.ClientSession() as http:
        async with http.get(api_url.removesuffix("api/") + "_bench/posted_at") as resp:
            return dict(await resp.json())


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


async def load(
    url: str, n: int, c: int, prefix: str, questions: list[str], sent: dict[str, float] | None = None
) -> list[float]:
    """Ack latencies in ms; `sent` gets each event's thread ts -> when its request left (time.time())."""
    sem = asyncio.Semaphore(c)
    latencies: list[float] = []
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=c)) as http:

        async def one(i: int) -> None:
            body = event_body(
                mention(questions[i % len(questions)], channel=MENTION_CHANNEL, ts=f"{prefix}{i}.0001"),
                event_id=f"{prefix}{i}",
            )
            headers = {"Content-Type": "application/json", **sign(SECRET, body)}
            async with sem:
                if sent is not None:
                    sent[f"{prefix}{i}.0001"] = time.time()
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


async def copy_stored(n: int, dest: Path, *, follow: bool) -> None:
    """benchmarks/answer.py's store of n generated reports and the sample story (built and cached
    under benchmarks/out/ the first time), copied to `dest`: the bot writes to its copy only."""
    from benchmarks.answer import OUT, SAMPLE_SLUG, build
    from store import Store
    from store.slack_repo import SlackRepo

    cached = OUT / f"answer-{n}.db"
    if not cached.exists():
        print(f"building the store of {n} generated reports (cached in {cached})", flush=True)
        OUT.mkdir(parents=True, exist_ok=True)
        await build(cached, n, workers=2)
    shutil.copyfile(cached, dest)
    for suffix in ("-wal", "-shm"):  # left by a build that did not close cleanly
        if Path(f"{cached}{suffix}").exists():
            shutil.copyfile(f"{cached}{suffix}", f"{dest}{suffix}")
    store = await Store.open(f"sqlite+aiosqlite:///{dest}")
    try:
        story = await store.get_story(SAMPLE_SLUG)
        if story is None:
            raise SystemExit(f"{cached}: no sample story {SAMPLE_SLUG!r}")
        if follow:
            # The mentions' channel follows the sample story, as a desk channel does (`/story use`).
            await SlackRepo(store).set_channel_story(
                MENTION_CHANNEL, story.id, user_id=None, now=datetime.now(UTC)
            )
    finally:
        await store.close()


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
    parser.add_argument(
        "--stored",
        type=int,
        default=0,
        metavar="N",
        help="the sample story's questions (implies --sample) with N generated reports stored beside it",
    )
    parser.add_argument(
        "--unfollowed",
        action="store_true",
        help="with --stored: the mentions' channel follows no story, so every story is searched",
    )
    args = parser.parse_args()
    if args.stored < 0:
        parser.error("--stored must be 0 or more")
    sample = args.sample or args.stored > 0

    tmp = tempfile.mkdtemp(prefix="factdesk-bench-")
    db = f"sqlite+aiosqlite:///{tmp}/bench.db"
    procs: list[subprocess.Popen[bytes]] = []
    try:
        if args.stored:
            await copy_stored(args.stored, Path(tmp) / "bench.db", follow=not args.unfollowed)
        questions = await prepare(db, sample=sample)
        slack_proc, api_url = await start_fake_slack(tmp)
        procs.append(slack_proc)
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": api_url,
            "DATABASE_URL": db,
            "FACTDESK_LOG_LEVEL": "WARNING",
        }
        bot_port, base_port = free_port(), free_port()
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
        sent: dict[str, float] = {}
        bot = await load(bot_url, args.n, args.c, "bench", questions, sent)
        started = time.monotonic()
        await wait_answered(api_url, before + args.n, timeout=300)
        answered_in = time.monotonic() - started
        await asyncio.sleep(1.0)  # anything doubled would arrive now
        threads = Counter(t for t in await answered_threads(api_url) if t.startswith("bench"))
        once = sum(1 for i in range(args.n) if threads.get(f"bench{i}.0001") == 1)
        at = await posted_at(api_url)
        answer = [(at[t] - s) * 1000 for t, s in sent.items() if t in at]
        span = max(at[t] for t in sent if t in at) - min(sent.values()) if answer else 0.0
        story = "the sample story, 40 questions in turn" if sample else "one report, one question"
        if args.stored:
            story += f", {args.stored} generated reports stored in another story" + (
                "; the channel follows no story"
                if args.unfollowed
                else "; the channel follows the sample story"
            )
        print(f"events: {args.n} at concurrency {args.c} ({story})")
        print(f"baseline (Bolt ack only): p50 {pct(base, 50):.1f} ms  p99 {pct(base, 99):.1f} ms")
        print(
            f"factdesk serve --http:    p50 {pct(bot, 50):.1f} ms  p99 {pct(bot, 99):.1f} ms  (mean {statistics.mean(bot):.1f} ms)"
        )
        print(
            f"p99 ratio to baseline: {pct(bot, 99) / pct(base, 99):.2f}x (target <= 1.5x, and p99 <= 100 ms)"
        )
        print(f"all answered {answered_in:.1f} s after the last ack")
        if answer:
            print(
                f"mention to answer posted: p50 {pct(answer, 50):.0f} ms  p99 {pct(answer, 99):.0f} ms  "
                f"({len(answer)} answers in {span:.1f} s from the first mention: "
                f"{len(answer) / max(span, 1e-9):.1f}/s, {span * 1000 / len(answer):.1f} ms each)"
            )
        extra = sum(threads.values()) - args.n
        print(f"answered exactly once: {once}/{args.n}; extra posts: {extra}")
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)  # with --stored, a copy of the whole store


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--baseline-server":
        baseline_server(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--fake-slack":
        fake_slack_server(sys.argv[2])
    else:
        asyncio.run(main())
