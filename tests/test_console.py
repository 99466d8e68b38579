"""The terminal console goes through the same handlers, with a local stand-in for Slack."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bot.console import Console, run_console
from store import Store
from tests.fake_slack import desk_settings
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 25, 12, 0, tzinfo=UTC)


async def test_console_answers_questions_and_story_commands(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"
    settings = desk_settings("http://127.0.0.1:9/api/", url, SLACK_BOT_TOKEN="", FACTDESK_EDITORS="")
    store = await Store.open(url)
    story = await store.ensure_story("border", title="Troops at the border", now=NOW)
    [fact_id] = await add_report(store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
    out: list[str] = []
    console = Console(settings, store, out=out.append)
    await console.start()
    try:
        await console.say("how many troops did the governor order?")
        assert any("1,500" in line and "The governor ordered" in line for line in out)
        assert any("Factdesk Wire" in line and "(https://example.com/report)" in line for line in out)
        out.clear()
        await console.say("/story sources")
        assert any("Governor orders troops north" in line for line in out)
        out.clear()
        await console.say("/story nonsense")
        assert any("/story summary" in line for line in out)
        out.clear()
        await console.say(f"/story correct #{fact_id} 1,600")  # the console user edits their own desk
        assert any("corrected" in line for line in out)
        assert (await store.get_fact(fact_id)).value_text == "1,600"
    finally:
        await console.close()
        await store.close()


async def test_typing_quit_leaves_the_console_without_asking_it(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"
    settings = desk_settings("http://127.0.0.1:9/api/", url, SLACK_BOT_TOKEN="", FACTDESK_EDITORS="")
    store = await Store.open(url)
    story = await store.ensure_story("border", title="Troops at the border", now=NOW)
    await add_report(store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
    out: list[str] = []
    try:
        stdin = io.StringIO("how many troops did the governor order?\nquit\nhow many troops?\n")
        await run_console(settings, store, stdin=stdin, out=out.append)
    finally:
        await store.close()
    assert sum("1,500" in line for line in out) >= 1
    assert not any("I don't know" in line for line in out)  # "quit" was not asked as a question
    assert stdin.readline() == "how many troops?\n"  # and nothing after it was read
