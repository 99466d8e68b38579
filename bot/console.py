"""`factdesk console`: a terminal chat through the same handlers, with a local stand-in for Slack
(like the shell adapters of Hubot and Errbot)."""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import sys
import urllib.parse
from collections.abc import Callable
from typing import Any, TextIO

from aiohttp import web
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.app import build_app, build_client, build_deps
from bot.settings import Settings
from store import Store

USER = "UCONSOLE"
CHANNEL = "DCONSOLE"
BOT = "UFACTDESK"
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_FOLLOW_UP = re.compile(r"^(and|what about|how about|also)\b", re.I)


def to_terminal(message: dict[str, Any]) -> str:
    """A posted message as plain terminal text: links spelled out, escapes undone."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "actions":
                return
            if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
                parts.append(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(message.get("blocks") or [])
    text = "\n".join(parts) or str(message.get("text", ""))
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", text)
    return html.unescape(text.replace("*", ""))


class TerminalSlack:
    """Answers the Web API calls the handlers make, printing what would be posted."""

    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self._ts = itertools.count(1)
        self.runner: web.AppRunner | None = None
        self.base = ""
        self.root = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond", self._respond)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.root = f"http://127.0.0.1:{port}/"
        self.base = self.root + "api/"

    async def close(self) -> None:
        if self.runner:
            await self.runner.cleanup()

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(request.query)
        raw = await request.text()
        if request.content_type == "application/json":
            body = json.loads(raw or "{}")
        else:
            body = {k: v[-1] for k, v in urllib.parse.parse_qs(raw).items()}
        if isinstance(body.get("blocks"), str):
            body["blocks"] = json.loads(body["blocks"])
        return body

    async def _respond(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        if body.get("text") or body.get("blocks"):
            self.out(to_terminal(body))
        return web.Response(text="ok")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        result: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            result.update(user_id=BOT, bot_id="BFACTDESK", team_id="TCONSOLE", user="factdesk")
        elif method in ("chat.postMessage", "chat.postEphemeral"):
            self.out(to_terminal(body))
            result.update(ts=f"{next(self._ts)}.000100", channel=body.get("channel"))
        elif method == "conversations.info":
            result["channel"] = {"id": body.get("channel"), "is_im": True}
        elif method == "users.conversations":
            result["channels"] = [{"id": CHANNEL}]
        elif method == "usergroups.users.list":
            result["users"] = []
        return web.json_response(result)


class Console:
    def __init__(self, settings: Settings, store: Store, *, out: Callable[[str], None]) -> None:
        self.settings = settings
        self.store = store
        self.slack = TerminalSlack(out)
        self._n = itertools.count(1)
        self.thread: str | None = None
        self.app: Any = None

    async def start(self) -> None:
        await self.slack.start()
        settings = self.settings.model_copy(update={"slack_api_url": self.slack.base})
        client = build_client(settings, token=settings.slack_bot_token or "xoxb-console")
        deps = build_deps(settings, self.store, client=client)
        # The console user is the editor of their own desk.
        deps.editors = deps.editors | {USER}
        self.app = build_app(settings, deps, verify_requests=False, finish_before_ack=True)

    async def close(self) -> None:
        await self.slack.close()

    async def say(self, line: str) -> None:
        """One line typed at the prompt: `/story ...` or a question (a DM to the bot)."""
        line = line.strip()
        if not line:
            return
        n = next(self._n)
        if line.startswith("/story"):
            body: dict[str, Any] = {
                "command": "/story",
                "text": line[len("/story") :].strip(),
                "user_id": USER,
                "channel_id": CHANNEL,
                "team_id": "TCONSOLE",
                "response_url": self.slack.root + "respond",
                "trigger_id": f"console.{n}",
            }
        else:
            ts = f"{n}.000001"
            thread = self.thread if (self.thread and _FOLLOW_UP.match(line)) else ts
            self.thread = thread
            body = {
                "type": "event_callback",
                "team_id": "TCONSOLE",
                "event_id": f"EvConsole{n}-{id(self)}",
                "event": {
                    "type": "message",
                    "channel_type": "im",
                    "channel": CHANNEL,
                    "user": USER,
                    "text": line,
                    "ts": ts,
                    "thread_ts": thread,
                },
            }
        await self.app.async_dispatch(AsyncBoltRequest(body=body, mode="socket_mode"))


# Typed at the prompt to leave, as people expect of a terminal chat.
_LEAVE = frozenset({"quit", "exit", "/quit", "/exit", ":q"})


async def run_console(
    settings: Settings, store: Store, *, stdin: TextIO = sys.stdin, out: Callable[[str], None] = print
) -> None:
    console = Console(settings, store, out=out)
    await console.start()
    out("factdesk console — ask a question, or type /story help. Type quit (or Ctrl-D) to leave.")
    try:
        loop = asyncio.get_running_loop()
        while True:
            if stdin.isatty():
                sys.stdout.write("> ")
                sys.stdout.flush()
            line = await loop.run_in_executor(None, stdin.readline)
            if not line or line.strip().lower() in _LEAVE:
                break
            await console.say(line)
    finally:
        await console.close()
