"""The "Add to story" message shortcut: a message's text or link into the channel's story."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp

from handlers import blocks, wording
from handlers.commands import Refusal, ingest_text
from handlers.deps import Deps
from handlers.middleware import StoryScope
from handlers.send import respond_with

ADD_TO_STORY = "add_to_story"


def register(app: AsyncApp, deps: Deps) -> None:
    @app.shortcut(ADD_TO_STORY)
    async def on_add(ack: Any, shortcut: dict[str, Any], respond: Any, context: Any) -> None:
        await ack()
        scope: StoryScope = context["scope"]
        text = (shortcut.get("message") or {}).get("text", "").strip()
        if not text:
            await respond_with(respond, blocks.plain(wording.ADD_EMPTY))
            return
        story = await scope.current()
        if story is None:
            await respond_with(respond, blocks.plain(wording.NO_STORY))
            return
        try:
            message = await ingest_text(deps, story, text, origin=f"slack:{shortcut['user']['id']}")
        except Refusal as exc:
            message = blocks.plain(str(exc))
        await respond_with(respond, message)
