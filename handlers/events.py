"""Event listeners: mentions and DMs answered in a thread, follow-ups in those threads, App Home."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from slack_bolt.async_app import AsyncApp

from handlers import blocks, engine, home, wording
from handlers.blocks import Message
from handlers.deps import Deps
from handlers.middleware import StoryScope, first_delivery
from handlers.send import post

log = logging.getLogger(__name__)


def _question(text: str, bot_user_id: str | None) -> str:
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", " ")
    return " ".join(text.split())


@dataclass
class _Reply:
    message: Message
    asked: str = ""
    story_ids: list[int] = field(default_factory=list)
    fact_ids: list[int] = field(default_factory=list)
    answered: bool = False
    is_answer: bool = False


async def _compose(
    deps: Deps, scope: StoryScope, *, channel: str, thread_ts: str, question: str, user: str | None
) -> _Reply:
    if not question:
        return _Reply(blocks.plain(wording.NO_QUESTION))
    opened = await deps.slack.first_answer_in_thread(channel, thread_ts)
    story_ids = await scope.answer_ids()
    answer = await engine.ask(
        deps, question, story_ids=story_ids, asked_by=user, previous=opened.question if opened else None
    )
    asked = answer.asked_as or question
    return _Reply(
        blocks.answer_message(answer, question=asked),
        asked=asked,
        story_ids=story_ids,
        fact_ids=list(answer.fact_ids),
        answered=answer.answered,
        is_answer=True,
    )


async def answer_in_thread(
    deps: Deps,
    scope: StoryScope,
    *,
    body: dict[str, Any],
    channel: str,
    thread_ts: str,
    question: str,
    user: str | None,
) -> None:
    """Answer `question` in the thread at `thread_ts`, reading it with the thread's first question.

    Claiming the event, looking up the thread and answering run as one job of the work queue
    (one at a time, so acks never wait behind a pile of answers); posting and recording run
    outside it, so a Slack 429 in one channel holds up no one else's answer."""

    async def claim_and_compose() -> _Reply | None:
        if not await first_delivery(deps, body):
            return None
        return await _compose(deps, scope, channel=channel, thread_ts=thread_ts, question=question, user=user)

    reply = await deps.work.run(claim_and_compose)
    if reply is None:
        return
    ts = await post(deps.client, channel=channel, thread_ts=thread_ts, message=reply.message)
    if reply.is_answer:
        await deps.slack.record_answer(
            channel_id=channel,
            ts=ts,
            thread_ts=thread_ts,
            question=reply.asked,
            asked_by=user,
            story_ids=reply.story_ids,
            fact_ids=reply.fact_ids,
            answered=reply.answered,
            now=deps.clock(),
        )


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
        await answer_in_thread(
            deps,
            context["scope"],
            body=body,
            channel=event["channel"],
            thread_ts=event.get("thread_ts") or event["ts"],
            question=_question(event.get("text", ""), context.get("bot_user_id")),
            user=event.get("user"),
        )

    @app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
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
        # Claimed (in answer_in_thread) only for messages that get a reply: chatter costs no write.
        await answer_in_thread(
            deps,
            context["scope"],
            body=body,
            channel=event["channel"],
            thread_ts=thread_ts,
            question=_question(text, bot_user),
            user=event.get("user"),
        )

    @app.event("app_home_opened")
    async def on_home(event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            await home.publish(deps, user_id=event["user"])
