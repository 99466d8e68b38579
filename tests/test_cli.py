"""The factdesk command line: ingest and inspect, and one-line errors that store nothing."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from click.testing import CliRunner

from bot.cli import cli
from store import Store

REPORT = """Harbor town braces for second storm

PORT ELLIS (Ledger Wire) - The county ordered about 300 additional National Guard troops to Port Ellis on Friday, officials said.

Mayor Ana Pereira said the ferry to Gull Island would stay closed until Monday. "We will not put anyone on the water until the wind drops," Pereira told reporters.

More than 1,200 residents have left the island since Wednesday, according to the county emergency office.
"""

FEED_ITEM = """<item><title>Update {n}: shelters open in Port Ellis</title><link>https://example.com/u{n}</link>
<pubDate>Sat, 25 Jan 2025 1{n}:00:00 GMT</pubDate>
<description>The county opened {n} more shelters in Port Ellis on Saturday, officials said. About {n}00 residents spent the night in school gyms, according to the emergency office.</description></item>"""


def _feed(items: int) -> str:
    body = "".join(FEED_ITEM.format(n=i + 1) for i in range(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{body}</channel></rss>'


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", "FACTDESK_FETCH_TIMEOUT": "0.5"}


def invoke(env: dict[str, str], *args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--env-file", "/nonexistent", *args], env=env, input=input)


def counts(env: dict[str, str]) -> dict[str, int]:
    async def go() -> dict[str, int]:
        store = await Store.open(env["DATABASE_URL"])
        try:
            return await store.count_rows()
        finally:
            await store.close()

    return asyncio.run(go())


@pytest.fixture(scope="module")
def web_server() -> Iterator[str]:
    """A local web server: an article page, a page with no article, a feed, a 404, a hang."""

    async def article(_: web.Request) -> web.Response:
        paras = "".join(f"<p>{p}</p>" for p in REPORT.split("\n\n")[1:])
        html = (
            "<html><head><title>Harbor town braces</title></head><body><nav>Home | Sections</nav>"
            f"<article><h1>Harbor town braces for second storm</h1>{paras}</article></body></html>"
        )
        return web.Response(text=html, content_type="text/html")

    async def empty_page(_: web.Request) -> web.Response:
        return web.Response(
            text="<html><body><form><input name=user><button>Sign in</button></form></body></html>",
            content_type="text/html",
        )

    async def feed(_: web.Request) -> web.Response:
        return web.Response(text=_feed(6), content_type="application/rss+xml")

    async def hang(_: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.Response(text="late")

    app = web.Application()
    app.router.add_get("/article", article)
    app.router.add_get("/login", empty_page)
    app.router.add_get("/feed", feed)
    app.router.add_get("/hang", hang)
    loop = asyncio.new_event_loop()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    runner = web.AppRunner(app)
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.SockSite(runner, sock).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    yield f"http://127.0.0.1:{port}"
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


def test_ingest_stores_facts_and_again_is_a_no_op(env: dict[str, str], tmp_path: Path) -> None:
    report = tmp_path / "storm.txt"
    report.write_text(REPORT, encoding="utf-8")
    first = invoke(env, "ingest", str(report), "--story", "storm", "--published", "2025-01-25")
    assert first.exit_code == 0, first.output
    assert "added to story storm as article #1" in first.stdout
    assert counts(env)["fact"] > 3
    again = invoke(env, "ingest", str(report), "--story", "storm", "--published", "2025-01-25")
    assert again.exit_code == 0
    assert "already stored" in again.stdout
    assert counts(env)["article"] == 1

    listed = invoke(env, "stories")
    assert listed.stdout.startswith("storm\t") and "1 reports" in listed.stdout

    facts = [
        json.loads(line) for line in invoke(env, "facts", "--story", "storm", "--json").stdout.splitlines()
    ]
    figures = {f["value_text"]: f for f in facts if f["kind"] == "figure"}
    assert "about 300" in figures and figures["about 300"]["unit"] == "troop"
    assert figures["about 300"]["sentence"].startswith("The county ordered about 300")
    assert figures["about 300"]["time_value"] == "2025-01-24"
    assert all(f["sentence"] and f["published"].startswith("2025-01-25") for f in facts)


def test_stdin_and_feed_and_html_page(env: dict[str, str], web_server: str) -> None:
    piped = invoke(env, "ingest", "-", "--story", "storm", "--outlet", "Desk", input=REPORT.encode())
    assert piped.exit_code == 0, piped.output
    page = invoke(env, "ingest", f"{web_server}/article", "--story", "storm")
    assert page.exit_code == 0, page.output
    # the page carries the same report: only the markup differs, so it is a new text, not a duplicate
    feed = invoke(env, "ingest", f"{web_server}/feed", "--story", "storm")
    assert feed.exit_code == 0, feed.output
    assert "6 of 6 reports stored" in feed.stdout
    assert counts(env)["article"] >= 7


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.txt", b"   \n\n", "empty"),
        ("binary.bin", b"\x00\x01\x02\x03" * 100, "binary"),
        ("latin1.txt", "Caf\u00e9 owners said 40 people queued.".encode("latin-1"), "UTF-8"),
    ],
)
def test_bad_files_get_one_line_and_store_nothing(
    env: dict[str, str], tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    assert invoke(env, "ingest", str(good), "--story", "storm").exit_code == 0
    before = counts(env)
    bad = tmp_path / name
    bad.write_bytes(content)
    result = invoke(env, "ingest", str(good), str(bad), "--story", "other")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected.lower() in lines[0].lower() and name in lines[0]
    assert counts(env) == before


def test_a_twenty_megabyte_file_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(b"Officials said 12 boats sank. " * (20 * 1024 * 1024 // 30 + 1))
    result = invoke(env, "ingest", str(big))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "big.txt" in result.stderr
    assert counts(env)["article"] == 0


@pytest.mark.parametrize("path, expected", [("/missing", "404"), ("/login", "article"), ("/hang", "answer")])
def test_bad_urls_get_one_line_and_store_nothing(
    env: dict[str, str], web_server: str, path: str, expected: str
) -> None:
    result = invoke(env, "ingest", web_server + path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0].lower() and path in lines[0]
    assert counts(env)["article"] == 0


def test_an_unreadable_date_or_misused_option_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    report = tmp_path / "storm.txt"
    report.write_text(REPORT, encoding="utf-8")
    bad_date = invoke(env, "ingest", str(report), "--published", "next blursday")
    assert bad_date.exit_code == 1 and "blursday" in bad_date.stderr
    two = invoke(env, "ingest", str(report), str(report), "--url", "https://e.com/x")
    assert two.exit_code == 1 and "--url" in two.stderr
    missing = invoke(env, "ingest", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1 and "nope.txt" in missing.stderr
    assert counts(env)["article"] == 0


def test_facts_for_an_unknown_story_is_a_clear_error(env: dict[str, str]) -> None:
    result = invoke(env, "facts", "--story", "nope")
    assert result.exit_code == 1 and "no story 'nope'" in result.stderr


def test_bad_settings_are_one_line(env: dict[str, str]) -> None:
    result = invoke({**env, "DATABASE_URL": "mysql://x"}, "stories")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("factdesk: setting DATABASE_URL:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_demo_loads_the_sample_story_once(env: dict[str, str]) -> None:
    first = invoke(env, "demo")
    assert first.exit_code == 0, first.output
    stored = counts(env)
    assert stored["article"] == 4 and stored["fact"] > 40
    again = invoke(env, "demo")
    assert again.stdout.count("already stored") == 4
    assert counts(env) == stored
