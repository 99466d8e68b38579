"""The one place that sends rendered messages to Slack (threads, ephemeral replies, response_url)."""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from handlers.blocks import Message


async def post(
    client: AsyncWebClient, *, channel: str, message: Message, thread_ts: str | None = None
) -> str:
    """Post a message (split when long); returns the ts of its first part."""
    first = ""
    for part in message.parts():
        resp = await client.chat_postMessage(
            channel=channel, thread_ts=thread_ts, text=part.text, blocks=part.blocks, unfurl_links=False
        )
        first = first or str(resp.get("ts") or "")
    return first


async def respond_with(respond: Any, message: Message, *, replace: bool = False) -> None:
    """An ephemeral reply through response_url (the slash command, shortcut or button's own)."""
    for i, part in enumerate(message.parts()):
        await respond(
            text=part.text,
            blocks=part.blocks,
            response_type="ephemeral",
            replace_original=replace and i == 0,
        )


async def ephemeral(
    client: AsyncWebClient, *, channel: str, user: str, message: Message, thread_ts: str | None = None
) -> None:
    for part in message.parts():
        await client.chat_postEphemeral(
            channel=channel, user=user, text=part.text, blocks=part.blocks, thread_ts=thread_ts
        )
