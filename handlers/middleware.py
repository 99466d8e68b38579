"""Shared concerns: ignore bot messages and give listeners the channel's story scope (before the
ack, without touching the store), and drop Slack retries already handled in any process (the
first thing a listener does after the ack)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from handlers.deps import Deps
from store.records import StoryRecord

log = logging.getLogger(__name__)

# Edits, deletions and joins are not questions.
_IGNORED_SUBTYPES = {
    "bot_message",
    "message_changed",
    "message_deleted",
    "message_replied",
    "channel_join",
    "channel_leave",
    "group_join",
    "group_leave",
    "channel_topic",
    "channel_purpose",
}


def channel_of(body: dict[str, Any]) -> str | None:
    event = body.get("event") or {}
    channel = (
        event.get("channel")
        or body.get("channel_id")
        or body.get("channel")
        or (body.get("container") or {}).get("channel_id")
    )
    if isinstance(channel, dict):
        channel = channel.get("id")
    return channel if isinstance(channel, str) else None


class StoryScope:
    """The stories a channel may be answered from, looked up on first use (after the ack)."""

    def __init__(self, deps: Deps, channel_id: str | None) -> None:
        self.deps = deps
        self.channel_id = channel_id
        self._visible: list[StoryRecord] | None = None

    async def visible(self) -> list[StoryRecord]:
        if self._visible is None:
            self._visible = await self.deps.slack.visible_stories(self.channel_id)
        return self._visible

    async def visible_ids(self) -> list[int]:
        return [s.id for s in await self.visible()]

    async def current(self) -> StoryRecord | None:
        """The channel's story: the one chosen here, else the one started here, else the only one."""
        followed = await self._followed()
        if followed is not None:
            return followed
        visible = await self.visible()
        return visible[0] if len(visible) == 1 else None

    async def answer_ids(self) -> list[int]:
        """The stories a question here is answered from: the story this channel follows (chosen
        with `/story use` or started here), else every story the channel may see. A desk channel
        asks about its own story; another story's figures there would be answers to a question
        nobody asked."""
        followed = await self._followed()
        return [followed.id] if followed is not None else await self.visible_ids()

    async def _followed(self) -> StoryRecord | None:
        if not self.channel_id:
            return None
        visible = await self.visible()
        chosen = await self.deps.slack.channel_story_id(self.channel_id)
        for s in visible:
            if s.id == chosen:
                return s
        bound = [s for s in visible if s.channel_id == self.channel_id]
        return bound[-1] if bound else None

    def forget(self) -> None:
        self._visible = None


async def first_delivery(deps: Deps, body: dict[str, Any]) -> bool:
    """True for the first delivery of an event, in any process; False for a retry already taken.

    Called at the start of a listener, after the ack and before anything is posted: a store
    insert in middleware would hold every ack behind the database (Bolt runs middleware before
    acknowledging), and the ack is what Slack times."""
    event_id = body.get("event_id")
    if body.get("type") != "event_callback" or not event_id:
        return True
    if await deps.slack.claim_event(event_id, now=deps.clock()):
        return True
    log.info("event %s already handled; ignoring the retry", event_id)
    return False


def register(app: AsyncApp, deps: Deps) -> None:
    async def ignore_bots(body: dict[str, Any], context: Any, next: Callable[[], Awaitable[Any]]) -> Any:
        event = body.get("event") or {}
        if body.get("type") == "event_callback" and event.get("type") in ("message", "app_mention"):
            bot_user = context.get("bot_user_id")
            if (
                event.get("bot_id")
                or event.get("subtype") in _IGNORED_SUBTYPES
                or (bot_user and event.get("user") == bot_user)
                or not event.get("user")
            ):
                return BoltResponse(status=200, body="")
        return await next()

    async def story_scope(body: dict[str, Any], context: Any, next: Callable[[], Awaitable[Any]]) -> Any:
        context["scope"] = StoryScope(deps, channel_of(body))
        return await next()

    app.middleware(ignore_bots)
    app.middleware(story_scope)
