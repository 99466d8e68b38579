"""The HTTP endpoint against a local fake Slack: signed requests in, what was posted out."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tests.fake_slack import BOT_ID, BOT_USER, event_body, mention, open_desk, reply_text
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
async def desk(tmp_path):
    async with open_desk(tmp_path, clock=lambda: NOW) as d:
        story = await d.store.ensure_story("border", title="Troops at the border", now=NOW)
        d.fact_ids = await add_report(d.store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
        yield d


async def test_mention_gets_a_threaded_answer_with_the_figure_and_its_source(desk):
    resp = await desk.event(
        mention("how many troops did the governor order to the border?", ts="1690000000.000100")
    )
    assert resp.status == 200
    [posted] = await desk.slack.wait_for("chat.postMessage")
    assert posted["channel"] == "C1"
    assert posted["thread_ts"] == "1690000000.000100"
    shown = reply_text(posted)
    assert "1,500" in shown
    assert "The governor ordered 1,500 additional troops" in shown
    assert "<https://example.com/report|Factdesk Wire" in shown
    assert "1,500" in posted["text"]  # plain-text fallback carries the figure too
    actions = [b for b in posted["blocks"] if b["type"] == "actions"][0]["elements"]
    assert [a["text"]["text"] for a in actions] == ["Sources", "Flag as wrong"]


async def test_a_retried_event_is_answered_once(desk):
    event = mention("how many troops did the governor order?")
    assert (await desk.event(event, event_id="EvRetry")).status == 200
    await desk.slack.wait_for("chat.postMessage")
    for n in (1, 2):
        assert (await desk.event(event, event_id="EvRetry", retry=n)).status == 200
    # A different event still gets its own answer, so the wait above is not vacuous.
    await desk.event(mention("how many troops?", ts="1690000000.000900"), event_id="EvOther")
    posted = await desk.slack.wait_for("chat.postMessage", 2)
    assert [p["thread_ts"] for p in posted] == ["1690000000.000100", "1690000000.000900"]


async def test_forged_and_stale_requests_get_401_and_change_nothing(desk):
    body = event_body(mention("how many troops?"), event_id="EvForged")
    forged = await desk.send(body, secret="not-the-secret")
    stale = await desk.send(body, timestamp=int(time.time()) - 6 * 60)
    assert forged.status == 401 and stale.status == 401
    # The same event, correctly signed, is still new: the refused ones recorded nothing.
    assert await desk.deps.slack.claim_event("EvForged", now=NOW)
    assert desk.slack.posted() == []


async def test_messages_from_bots_are_never_answered(desk):
    own = {
        "type": "message",
        "channel": "D1",
        "channel_type": "im",
        "user": BOT_USER,
        "bot_id": BOT_ID,
        "text": "how many troops?",
        "ts": "1.1",
    }
    other = {
        "type": "message",
        "channel": "D1",
        "channel_type": "im",
        "subtype": "bot_message",
        "bot_id": "BX",
        "text": "how many troops?",
        "ts": "1.2",
    }
    for i, event in enumerate((own, other)):
        assert (await desk.event(event, event_id=f"EvBot{i}")).status == 200
    human = {
        "type": "message",
        "channel": "D1",
        "channel_type": "im",
        "user": "U1",
        "text": "how many troops did the governor order?",
        "ts": "1.3",
    }
    await desk.event(human, event_id="EvHuman")
    posted = await desk.slack.wait_for("chat.postMessage")
    assert [p["thread_ts"] for p in posted] == ["1.3"]


async def test_health_check_pings_the_store(desk):
    resp = await desk.http.get("/healthz")
    assert resp.status == 200
    assert (await resp.json())["database"] == "ok"
