"""Socket Mode wiring against a local websocket server: events acked and answered, reconnect after
a drop, and a silent connection replaced."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from aiohttp import WSMsgType, web

from bot.app import build_app, build_deps
from bot.socket import SocketRunner
from store import Store
from tests.fake_slack import FakeSlack, desk_settings, event_body, mention, reply_text
from tests.slack_story import TROOPS, add_report

NOW = datetime(2025, 1, 25, 12, 0, tzinfo=UTC)


class SocketServer:
    """Slack's Socket Mode end: says hello, sends envelopes, records acks; can go silent or drop."""

    def __init__(self) -> None:
        self.connections: list[web.WebSocketResponse] = []
        self.acks: list[dict] = []
        self.silent = False

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        # autoping off: a silent server must not answer the client's pings either.
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        self.connections.append(ws)
        if not self.silent:
            await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        async for msg in ws:
            if msg.type == WSMsgType.PING and not self.silent:
                await ws.pong(msg.data)
            elif msg.type == WSMsgType.TEXT:
                self.acks.append(json.loads(msg.data))
        return ws

    async def send_event(self, body: str, envelope_id: str, ws_index: int = -1) -> None:
        await self.connections[ws_index].send_str(
            json.dumps(
                {
                    "envelope_id": envelope_id,
                    "type": "events_api",
                    "accepts_response_payload": False,
                    "retry_attempt": 0,
                    "payload": json.loads(body),
                }
            )
        )


async def _until(check, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not check():
        assert loop.time() < end, "timed out"
        await asyncio.sleep(0.02)


async def _runner(tmp_path, slack: FakeSlack, server: SocketServer, **kw):
    slack.extra_routes.append(("GET", "/link", server.handle))
    await slack.start()
    slack.socket_url = str(slack.server.make_url("/link")).replace("http://", "ws://")
    settings = desk_settings(
        slack.api_url, f"sqlite+aiosqlite:///{tmp_path / 'f.db'}", SLACK_APP_TOKEN="xapp-test"
    )
    store = await Store.open(settings.database_url)
    story = await store.ensure_story("border", title="Border", now=NOW)
    await add_report(store, story, TROOPS, [("1,500", 1500, "troop", "order")], now=NOW)
    app = build_app(settings, build_deps(settings, store, clock=lambda: NOW), verify_requests=False)
    runner = SocketRunner(app, "xapp-test", **kw)
    await runner.start()
    return runner, store


async def test_socket_mode_acks_answers_and_reconnects_after_a_drop(tmp_path):
    slack, server = FakeSlack(), SocketServer()
    runner, store = await _runner(tmp_path, slack, server, ping_interval=0.5)
    try:
        await _until(lambda: len(server.connections) == 1)
        await server.send_event(
            event_body(mention("how many troops did the governor order?"), event_id="EvS1"), "env-1"
        )
        [posted] = await slack.wait_for("chat.postMessage")
        assert "1,500" in reply_text(posted)
        assert {"envelope_id": "env-1"} in [
            {k: v for k, v in a.items() if k == "envelope_id"} for a in server.acks
        ]
        # Slack drops the connection: the client opens a new one and keeps answering.
        await server.connections[0].close()
        await _until(lambda: len(server.connections) >= 2)
        await server.send_event(event_body(mention("how many troops?", ts="2.2"), event_id="EvS2"), "env-2")
        posted = await slack.wait_for("chat.postMessage", 2)
        assert posted[1]["thread_ts"] == "2.2"
        assert len(slack.posted("apps.connections.open")) >= 2
    finally:
        await runner.close()
        await store.close()
        await slack.close()


async def test_a_silent_connection_is_replaced(tmp_path):
    slack, server = FakeSlack(), SocketServer()
    server.silent = True  # no hello, no pongs, nothing: the connection looks open but is dead
    runner, store = await _runner(tmp_path, slack, server, ping_interval=0.2, silence_limit=0.6)
    try:
        await _until(lambda: len(server.connections) >= 2)
        assert runner.watchdog.replacements >= 1 or len(slack.posted("apps.connections.open")) >= 2
        server.silent = False
    finally:
        await runner.close()
        await store.close()
        await slack.close()
