"""`/story` subcommands, editors, corrections into threads, buttons, the shortcut, App Home."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from handlers.commands import SUBCOMMANDS
from tests.fake_slack import EDITOR, eventually, mention, open_desk, reply_text
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 25, 12, 0, tzinfo=UTC)
EVIL = (
    "Protesters & students chanted <!channel> and <@U123> outside the hall, and 300 people signed a petition at "
    "<https://evil.example|click here> on Monday. Officials said 40 police officers were deployed & watched."
)


@pytest.fixture
async def desk(tmp_path):
    async with open_desk(tmp_path, clock=lambda: NOW) as d:
        story = await d.store.ensure_story("border", title="Troops at the border", now=NOW)
        d.story = story
        d.fact_ids = await add_report(d.store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
        yield d


async def test_help_lists_every_subcommand_and_unknown_words_show_it(desk):
    reply = await desk.command("help")
    assert reply["response_type"] == "ephemeral"
    for name in SUBCOMMANDS:
        assert f"/story {SUBCOMMANDS[name].usage}" in reply_text(reply)
    unknown = await desk.command("frobnicate", name="r2")
    assert "I don't know `frobnicate`" in reply_text(unknown)
    assert "/story summary" in reply_text(unknown)


async def test_ask_answers_ephemerally_with_a_share_button_that_posts_in_channel(desk):
    reply = await desk.command("ask how many troops did the governor order?")
    assert "1,500" in reply_text(reply)
    share = [b for b in reply["blocks"] if b["type"] == "actions"][-1]["elements"][0]
    assert share["action_id"] == "share_in_channel"
    await desk.payload(
        {
            "type": "block_actions",
            "user": {"id": "U1"},
            "team": {"id": "T0001"},
            "channel": {"id": "C1"},
            "container": {"type": "message", "channel_id": "C1", "is_ephemeral": True},
            "response_url": desk.slack.response_url("share"),
            "actions": [{"action_id": "share_in_channel", "value": share["value"], "type": "button"}],
            "trigger_id": "1.2",
            "api_app_id": "A0001",
        }
    )
    [posted] = await desk.slack.wait_for("chat.postMessage")
    assert (
        posted["channel"] == "C1"
        and "1,500" in reply_text(posted)
        and "Shared by <@U1>" in reply_text(posted)
    )


async def test_story_listing_subcommands(desk):
    summary = reply_text(await desk.command("summary", name="s"))
    assert (
        "Troops at the border" in summary and "1,500" in summary and "Governor orders troops north" in summary
    )
    facts = reply_text(await desk.command("facts troops", name="f"))
    assert f"#{desk.fact_ids[0]}" in facts and "The governor ordered 1,500" in facts
    sources = reply_text(await desk.command("sources", name="src"))
    assert "<https://example.com/report|Governor orders troops north>" in sources
    assert "Timeline" in reply_text(
        await desk.command("timeline", name="t")
    ) or "No dated facts" in reply_text(await desk.command("timeline", name="t2"))
    await desk.command("ask how many helicopters were sent?", name="q")
    gaps = reply_text(await desk.command("gaps", name="g"))
    assert "how many helicopters were sent?" in gaps


async def test_new_story_in_a_private_channel_is_answered_only_there(desk):
    desk.slack.private.add("GSECRET")
    reply = await desk.command("new Secret plant closure", channel="GSECRET", name="n")
    assert "private to this channel" in reply_text(reply)
    secret = await desk.store.get_story("secret-plant-closure")
    assert secret is not None and secret.is_private and secret.channel_id == "GSECRET"
    await add_report(
        desk.store,
        secret,
        "The company will close the plant and cut 700 jobs in March.",
        [("700", 700, "job", "cut")],
        now=NOW,
        headline="Plant to close",
    )
    await desk.event(
        mention("how many jobs will the company cut?", channel="GSECRET", ts="5.1"), event_id="EvIn"
    )
    [inside] = await desk.slack.wait_for("chat.postMessage")
    assert "700" in reply_text(inside)
    await desk.event(
        mention("how many jobs will the company cut?", channel="CPUBLIC", ts="5.2"), event_id="EvOut"
    )
    posted = await desk.slack.wait_for("chat.postMessage", 2)
    outside = posted[1]
    assert (
        outside["channel"] == "CPUBLIC" and "700" not in reply_text(outside) and "700" not in outside["text"]
    )
    # Nor can another channel switch to it.
    refused = reply_text(await desk.command("use secret-plant-closure", channel="CPUBLIC", name="u"))
    assert "no story `secret-plant-closure`" in refused


async def test_a_channel_following_a_story_is_answered_from_that_story_only(desk):
    strike = await desk.store.ensure_story("port-strike", title="Port strike", now=NOW)
    await add_report(
        desk.store,
        strike,
        "The union said 4,200 dockworkers joined the strike on Monday.",
        [("4,200", 4200, "dockworker", "join")],
        now=NOW,
        url="https://example.com/strike",
        headline="Dockworkers strike",
    )
    question = "how many dockworkers joined the strike?"
    # A channel that follows no story is answered from every story it may see.
    await desk.event(mention(question, channel="C7", ts="6.1"), event_id="EvAny")
    [anywhere] = await desk.slack.wait_for("chat.postMessage")
    assert "4,200" in reply_text(anywhere)
    # A channel that follows the border story is not answered from the strike's reports...
    await desk.command("use border", channel="C8", name="u8")
    await desk.event(mention(question, channel="C8", ts="6.2"), event_id="EvBorder")
    following = (await desk.slack.wait_for("chat.postMessage", 2))[1]
    assert following["channel"] == "C8"
    assert "4,200" not in reply_text(following) and "4,200" not in following["text"]
    assert "4,200" not in reply_text(await desk.command(f"ask {question}", channel="C8", name="a8"))
    # ...but still from its own.
    own = await desk.command("ask how many troops did the governor order?", channel="C8", name="b8")
    assert "1,500" in reply_text(own)


async def test_use_binds_a_channel_to_a_story(desk):
    other = await desk.store.ensure_story("tariffs", title="Tariffs", now=NOW)
    reply = reply_text(await desk.command("use tariffs", channel="C9", name="u"))
    assert "now works on *Tariffs*" in reply
    assert (await desk.deps.slack.channel_story_id("C9")) == other.id
    assert "Tariffs" in reply_text(await desk.command("summary", channel="C9", name="s"))


async def test_stored_text_is_escaped_for_mrkdwn(desk):
    await add_report(
        desk.store,
        desk.story,
        EVIL,
        [("300", 300, "people", "sign"), ("40", 40, "officer", "deploy")],
        now=NOW,
        headline="<!here> Protest",
    )
    facts = reply_text(await desk.command("facts petition", name="f"))
    assert "&lt;!channel&gt;" in facts and "&lt;@U123&gt;" in facts
    assert "&lt;https://evil.example|click here&gt;" in facts
    assert "<!channel>" not in facts and "<@U123>" not in facts and "<https://evil" not in facts
    assert "Protesters &amp; students" in facts
    sources = reply_text(await desk.command("sources", name="s"))
    assert "&lt;!here&gt; Protest" in sources and "<!here>" not in sources


async def test_correct_and_retract_are_for_editors_and_reach_every_thread_that_cited_the_fact(desk):
    fact_id = desk.fact_ids[0]
    await desk.event(mention("how many troops did the governor order?", ts="7.1"), event_id="Ev71")
    await desk.event(
        mention("how many troops did the governor order to the border?", channel="C2", ts="8.1"),
        event_id="Ev81",
    )
    await desk.slack.wait_for("chat.postMessage", 2)
    assert len(await eventually(lambda: _citing(desk, fact_id, 2))) == 2

    refused = reply_text(await desk.command(f"correct #{fact_id} 1,600", user="U1", name="x"))
    assert "Only editors can correct" in refused
    assert (await desk.store.get_fact(fact_id)).value_text == "1,500"

    done = reply_text(
        await desk.command(f"correct #{fact_id} 1,600 per the governor's office", user=EDITOR, name="y")
    )
    assert "corrected" in done and "2 thread(s)" in done
    fact = await desk.store.get_fact(fact_id)
    assert fact.value_text == "1,600" and fact.status == "corrected"
    notices = (await desk.slack.wait_for("chat.postMessage", 4))[2:]
    assert sorted((n["channel"], n["thread_ts"]) for n in notices) == [("C1", "7.1"), ("C2", "8.1")]
    assert all("1,600" in reply_text(n) and "Correction" in reply_text(n) for n in notices)

    assert "Only editors can retract" in reply_text(
        await desk.command(f"retract {fact_id}", user="U1", name="z")
    )
    await desk.command(f"retract {fact_id} wrong report", user=EDITOR, name="w")
    retractions = (await desk.slack.wait_for("chat.postMessage", 6))[4:]
    assert all("Retraction" in reply_text(n) for n in retractions)


async def _citing(desk, fact_id: int, n: int) -> list:
    found = await desk.deps.slack.answers_citing(fact_id)
    return found if len(found) >= n else []


async def test_editor_group_members_are_editors(tmp_path):
    async with open_desk(
        tmp_path, clock=lambda: NOW, FACTDESK_EDITORS="", FACTDESK_EDITOR_GROUP="SEDITORS"
    ) as d:
        story = await d.store.ensure_story("border", title="Border", now=NOW)
        [fid] = await add_report(d.store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
        d.slack.groups["SEDITORS"] = ["UDESK"]
        assert "Only editors" in reply_text(await d.command(f"retract {fid}", user="U1", name="a"))
        assert "retracted" in reply_text(await d.command(f"retract {fid}", user="UDESK", name="b"))


async def test_follow_up_in_the_thread_is_read_with_its_question(desk):
    await add_report(
        desk.store,
        desk.story,
        "The governor ordered 200 troops to San Diego on Saturday.",
        [("200", 200, "troop", "order")],
        now=NOW,
        headline="San Diego",
        url="https://example.com/sd",
    )
    await desk.event(
        mention("how many troops did the governor order to the northern border?", ts="9.1"), event_id="Ev91"
    )
    await desk.slack.wait_for("chat.postMessage")
    # The answer is recorded just after Slack takes it; a reporter's follow-up comes later than that.
    assert await eventually(lambda: desk.deps.slack.first_answer_in_thread("C1", "9.1"))
    follow = {
        "type": "message",
        "channel": "C1",
        "channel_type": "channel",
        "user": "U1",
        "text": "and to San Diego?",
        "ts": "9.2",
        "thread_ts": "9.1",
    }
    await desk.event(follow, event_id="Ev92")
    posted = await desk.slack.wait_for("chat.postMessage", 2)
    assert posted[1]["thread_ts"] == "9.1"
    assert "200" in reply_text(posted[1])
    # A message in a thread the bot never answered is left alone.
    await desk.event({**follow, "thread_ts": "99.9", "ts": "99.10"}, event_id="Ev99")
    await desk.event(mention("how many troops?", ts="9.5"), event_id="Ev95")
    posted = await desk.slack.wait_for("chat.postMessage", 3)
    assert [p["thread_ts"] for p in posted] == ["9.1", "9.1", "9.5"]


async def test_sources_and_flag_buttons(desk):
    await desk.event(mention("how many troops did the governor order?", ts="3.1"), event_id="Ev31")
    [answer] = await desk.slack.wait_for("chat.postMessage")
    buttons = {e["action_id"]: e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"]}
    answer_ts = "1700000001.000100"
    base = {
        "type": "block_actions",
        "user": {"id": "U7"},
        "team": {"id": "T0001"},
        "channel": {"id": "C1"},
        "container": {"type": "message", "channel_id": "C1", "message_ts": answer_ts},
        "message": {"ts": answer_ts, "text": answer["text"]},
        "trigger_id": "1.2",
        "api_app_id": "A0001",
    }
    await desk.payload(
        {
            **base,
            "response_url": desk.slack.response_url("src"),
            "actions": [{**buttons["answer_sources"], "type": "button"}],
        }
    )
    [sources] = await desk.slack.wait_for("respond")
    assert "The governor ordered 1,500 additional troops" in reply_text(sources)
    await desk.payload(
        {
            **base,
            "response_url": desk.slack.response_url("flag"),
            "actions": [{**buttons["answer_flag"], "type": "button"}],
        }
    )
    replies = await desk.slack.wait_for("respond", 2)
    assert "recorded your flag" in reply_text(replies[1])
    [flag] = await desk.deps.slack.flags()
    assert flag.user_id == "U7" and flag.fact_ids == tuple(desk.fact_ids) and flag.channel_id == "C1"


async def test_add_to_story_shortcut_ingests_the_message(desk):
    pytest.importorskip("facts.extract")
    text = "Officials said 12 more buses carried deportees to the border crossing at Nogales on Sunday."
    await desk.payload(
        {
            "type": "message_action",
            "callback_id": "add_to_story",
            "user": {"id": "U1"},
            "team": {"id": "T0001"},
            "channel": {"id": "C1"},
            "message": {"type": "message", "text": text, "ts": "4.1", "user": "U2"},
            "response_url": desk.slack.response_url("sc"),
            "trigger_id": "1.2",
            "message_ts": "4.1",
        }
    )
    [reply] = await desk.slack.wait_for("respond")
    assert "Added to *Troops at the border*" in reply_text(reply)
    assert len(await desk.store.articles(story_id=desk.story.id)) == 2


async def test_add_command_never_reads_a_local_file(desk):
    pytest.importorskip("facts.extract")
    reply = reply_text(await desk.command("add /etc/passwd"))
    assert "root:" not in reply
    bodies = [
        await desk.store.article_body(a.article_id) for a in await desk.store.articles(story_id=desk.story.id)
    ]
    assert not any("root:" in (b or "") for b in bodies)


async def test_app_home_lists_visible_stories_with_key_figures(desk):
    desk.slack.private.add("GSECRET")
    await desk.store.ensure_story(
        "secret", title="Secret story", now=NOW, channel_id="GSECRET", is_private=True
    )
    await desk.event(
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home", "event_ts": "1.1"},
        event_id="EvHome",
    )
    [published] = await desk.slack.wait_for("views.publish")
    shown = reply_text(published["view"]) if "blocks" in published["view"] else ""
    shown = json.dumps(published["view"])
    assert published["user_id"] == "U1"
    assert "Troops at the border" in shown and "1,500" in shown and "Secret story" not in shown
    n = (await desk.store.story_counts([desk.story.id]))[desk.story.id]
    assert n.articles > 0 and n.facts > 0
    assert f"{n.articles} reports, {n.facts} facts" in shown
    desk.slack.memberships["U2"] = ["GSECRET"]
    await desk.event(
        {"type": "app_home_opened", "user": "U2", "channel": "D2", "tab": "home", "event_ts": "1.2"},
        event_id="EvHome2",
    )
    published = (await desk.slack.wait_for("views.publish", 2))[1]
    assert "Secret story" in json.dumps(published["view"])
