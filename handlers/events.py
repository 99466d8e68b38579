"""Event listeners: mentions and DMs answered in a thread, follow-ups in those threads, App Home."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from handlers import blocks, engine, home, wording
from handlers.deps import Deps
from handlers.middleware import StoryScope
from handlers.send import post

log = logging.getLogger(__name__)


def _question(text: str, bot_user_id: str | None) -> str:
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", " ")
    return " ".join(text.split())


async def answer_in_thread(
    deps: Deps, scope: StoryScope, *, channel: str, thread_ts: str, question: str, user: str | None
) -> None:
    """Answer `question` in the thread at `thread_ts`, reading it with the thread's first question."""
    if not question:
        await post(
            deps.client, channel=channel, thread_ts=thread_ts, message=blocks.plain(wording.NO_QUESTION)
        )
        return
    opened = await deps.slack.first_answer_in_thread(channel, thread_ts)
    asked = engine.with_thread_context(opened.question if opened else None, question)
    story_ids = await scope.visible_ids()
    answer = await engine.ask(deps, asked, story_ids=story_ids, asked_by=user)
    if answer is None:
        await post(
            deps.client, channel=channel, thread_ts=thread_ts, message=blocks.plain(wording.ENGINE_MISSING)
        )
        return
    ts = await post(
        deps.client,
        channel=channel,
        thread_ts=thread_ts,
        message=blocks.answer_message(answer, question=asked),
    )
    answered = bool(getattr(answer, "answered", False))
    await deps.slack.record_answer(
        channel_id=channel,
        ts=ts,
        thread_ts=thread_ts,
        question=asked,
        asked_by=user,
        story_ids=story_ids,
        fact_ids=[int(i) for i in (getattr(answer, "fact_ids", None) or [])],
        answered=answered,
        now=deps.clock(),
    )


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], context: Any) -> None:
        await answer_in_thread(
            deps,
            context["scope"],
            channel=event["channel"],
            thread_ts=event.get("thread_ts") or event["ts"],
            question=_question(event.get("text", ""), context.get("bot_user_id")),
            user=event.get("user"),
        )

    @app.event("message")
    async def on_message(event: dict[str, Any], context: Any) -> None:
        bot_user = context.get("bot_user_id")
        text = event.get("text", "")
        if event.get("channel_type") == "im":
            thread_ts = event.get("thread_ts") or event["ts"]
        else:
            # In channels only replies in a thread the bot answered; a mention arrives as app_mention.
            thread_ts = event.get("thread_ts")
            if not thread_ts or (bot_user and f"<@{bot_user}>" in text):
                return
            if await deps.slack.first_answer_in_thread(event["channel"], thread_ts) is None:
                return
        await answer_in_thread(
            deps,
            context["scope"],
            channel=event["channel"],
            thread_ts=thread_ts,
            question=_question(text, bot_user),
            user=event.get("user"),
        )

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            await home.publish(deps, user_id=event["user"])
