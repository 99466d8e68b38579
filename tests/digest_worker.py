"""A digest "bot process" for the exactly-once tests: `python -m tests.digest_worker ...`.

Opens its own engine on the shared PostgreSQL schema, runs the scheduled digests of the given
channels at the given time against the given Slack API URL, prints the outcomes as JSON."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.scheduler import DigestService, SlackDigestPoster
from store import Store


async def main(url: str, schema: str, api_url: str, now_iso: str, owner: str, channels: list[str]) -> None:
    now = datetime.fromisoformat(now_iso)
    store = await Store.open(url, schema=schema)
    try:
        service = DigestService(
            store=store,
            poster=SlackDigestPoster(AsyncWebClient(token="xoxb-test", base_url=api_url)),
            clock=lambda: now,
            owner=owner,
            charts=False,
        )
        print("ready", flush=True)
        outcomes = await asyncio.gather(*(service.run_scheduled(c) for c in channels))
        print(json.dumps([[o.channel_id, o.status, o.message_ts] for o in outcomes]), flush=True)
    finally:
        await store.close()


if __name__ == "__main__":
    url, schema, api_url, now_iso, owner, *channels = sys.argv[1:]
    asyncio.run(main(url, schema, api_url, now_iso, owner, channels))
