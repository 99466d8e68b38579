"""Buttons under answers: "Sources" shows the cited sentences; "Flag as wrong" records who flagged."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncApp

from handlers import blocks, wording
from handlers.deps import Deps
from handlers.send import respond_with
from store.records import SentenceHit


def _fact_ids(action: dict[str, Any]) -> list[int]:
    try:
        return [int(i) for i in json.loads(action.get("value") or "{}").get("f", [])]
    except (ValueError, TypeError, AttributeError):
        return []


async def cited_sentences(deps: Deps, fact_ids: list[int]) -> list[SentenceHit]:
    out: list[SentenceHit] = []
    seen: set[int] = set()
    for fid in fact_ids:
        fact = await deps.store.get_fact(fid)
        if fact is None or fact.sentence_id in seen:
            continue
        seen.add(fact.sentence_id)
        out += [
            h
            for h in await deps.store.sentences_of_article(fact.article_id)
            if h.sentence_id == fact.sentence_id
        ]
    return out


def register(app: AsyncApp, deps: Deps) -> None:
    def _where(body: dict[str, Any]) -> tuple[str, str]:
        container = body.get("container") or {}
        channel = container.get("channel_id") or (body.get("channel") or {}).get("id") or ""
        ts = container.get("message_ts") or (body.get("message") or {}).get("ts") or ""
        return channel, ts

    @app.action(blocks.ACTION_SOURCES)
    async def on_sources(ack: Any, body: dict[str, Any], action: dict[str, Any], respond: Any) -> None:
        await ack()
        channel, ts = _where(body)
        posted = await deps.slack.answer_at(channel, ts)
        fact_ids = list(posted.fact_ids) if posted else _fact_ids(action)
        await respond_with(respond, blocks.sources_message(await cited_sentences(deps, fact_ids)))

    @app.action(blocks.ACTION_FLAG)
    async def on_flag(ack: Any, body: dict[str, Any], action: dict[str, Any], respond: Any) -> None:
        await ack()
        channel, ts = _where(body)
        posted = await deps.slack.answer_at(channel, ts)
        await deps.slack.add_flag(
            channel_id=channel,
            message_ts=ts,
            user_id=body["user"]["id"],
            now=deps.clock(),
            answer_id=posted.id if posted else None,
            fact_ids=list(posted.fact_ids) if posted else _fact_ids(action),
            question=posted.question if posted else None,
        )
        await respond_with(respond, blocks.plain(wording.FLAG_THANKS))
