"""A local Slack Web API for tests: aiohttp on an ephemeral port, recording every request body.

Speaks the methods the bot calls, a response_url sink, and can answer 429 with Retry-After."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T0001"


@dataclass
class Call:
    method: str
    body: dict[str, Any]
    status: int = 200


@dataclass
class FakeSlack:
    """Channels are public unless listed in `private`; `groups` maps a user group to its members."""

    private: set[str] = field(default_factory=set)
    ims: set[str] = field(default_factory=set)
    groups: dict[str, list[str]] = field(default_factory=dict)
    memberships: dict[str, list[str]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    fail_once: dict[str, int] = field(default_factory=dict)  # method -> Retry-After seconds
    server: TestServer | None = None
    _ts: Any = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Condition | None = None
    extra_routes: list[tuple[str, str, Any]] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("/api/"))

    def response_url(self, name: str = "r1") -> str:
        assert self.server is not None
        return str(self.server.make_url(f"/respond/{name}"))

    async def start(self) -> FakeSlack:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # slack_sdk reads some methods with GET
        app.router.add_post("/respond/{name}", self._respond)
        for verb, path, handler in self.extra_routes:
            app.router.add_route(verb, path, handler)
        self.server = TestServer(app, host="127.0.0.1", port=0)
        await self.server.start_server()
        return self

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()

    # ---- what tests look at ------------------------------------------------------------

    def posted(self, method: str = "chat.postMessage") -> list[dict[str, Any]]:
        return [c.body for c in self.calls if c.method == method and c.status == 200]

    def responses(self) -> list[dict[str, Any]]:
        return [c.body for c in self.calls if c.method.startswith("respond:")]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until `count` successful calls of `method` ("respond" for response_url posts)."""
        assert self._changed is not None

        def enough() -> bool:
            return len(self._matching(method)) >= count

        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(enough), timeout)
            except TimeoutError:
                raise AssertionError(
                    f"expected {count} {method} call(s); got {[c.method for c in self.calls]}"
                ) from None
        return self._matching(method)

    def _matching(self, method: str) -> list[dict[str, Any]]:
        if method == "respond":
            return self.responses()
        return self.posted(method)

    async def _record(self, call: Call) -> None:
        assert self._changed is not None
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # ---- the fake API ------------------------------------------------------------------

    async def _body(self, request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        if request.method == "GET":
            return dict(request.query)
        if request.content_type == "application/json":
            body = json.loads(raw or "{}")
        else:
            body = {k: v[-1] for k, v in urllib.parse.parse_qs(raw).items()}
        for key in ("blocks", "view"):
            if isinstance(body.get(key), str):
                body[key] = json.loads(body[key])
        return body

    async def _respond(self, request: web.Request) -> web.Response:
        await self._record(Call("respond:" + request.match_info["name"], await self._body(request)))
        return web.Response(text="ok")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        if method in self.fail_once:
            retry_after = self.fail_once.pop(method)
            await self._record(Call(method, body, status=429))
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(retry_after)}
            )
        result = self._result(method, body)
        await self._record(Call(method, body))
        return web.json_response(result)

    def _result(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
                "team_id": TEAM,
                "user": "factdesk",
                "team": "News",
            }
        if method == "chat.postMessage":
            ts = f"{1700000000 + next(self._ts)}.000100"
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": ts,
                "message": {"text": body.get("text"), "ts": ts},
            }
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{1700000000 + next(self._ts)}.000200"}
        if method == "conversations.info":
            ch = body.get("channel", "")
            return {
                "ok": True,
                "channel": {
                    "id": ch,
                    "is_private": ch in self.private,
                    "is_im": ch in self.ims,
                    "is_channel": ch not in self.ims,
                },
            }
        if method == "usergroups.users.list":
            group = body.get("usergroup", "")
            if group not in self.groups:
                return {"ok": False, "error": "no_such_subteam"}
            return {"ok": True, "users": self.groups[group]}
        if method == "users.conversations":
            return {
                "ok": True,
                "channels": [{"id": c} for c in self.memberships.get(body.get("user", ""), [])],
            }
        if method == "users.info":
            return {"ok": True, "user": {"id": body.get("user"), "is_bot": False, "name": "reporter"}}
        if method == "apps.connections.open":
            return {"ok": True, "url": getattr(self, "socket_url", "ws://127.0.0.1:1/")}
        return {"ok": True}


# ---- signed requests to the bot's HTTP endpoint -------------------------------------------------


def sign(secret: str, body: str, *, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def event_body(event: dict[str, Any], *, event_id: str = "Ev001") -> str:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": TEAM,
            "api_app_id": "A0001",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
    )


def mention(
    text: str,
    *,
    channel: str = "C1",
    user: str = "U1",
    ts: str = "1690000000.000100",
    thread_ts: str | None = None,
) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def command_body(
    text: str, *, response_url: str, channel: str = "C1", user: str = "U1", command: str = "/story"
) -> str:
    return urllib.parse.urlencode(
        {
            "token": "legacy",
            "team_id": TEAM,
            "channel_id": channel,
            "channel_name": "newsroom",
            "user_id": user,
            "user_name": "reporter",
            "command": command,
            "text": text,
            "api_app_id": "A0001",
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )


def payload_body(payload: dict[str, Any]) -> str:
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


# ---- a desk: fake Slack + a fresh bot app on a real store, per test -----------------------------

SECRET = "test-signing-secret"
EDITOR = "UEDITOR"


@dataclass
class Desk:
    slack: FakeSlack
    store: Any
    deps: Any
    app: Any
    http: Any  # aiohttp TestClient on the bot's web app
    settings: Any

    async def send(
        self,
        body: str,
        *,
        content_type: str = "application/json",
        timestamp: int | None = None,
        secret: str = SECRET,
        headers: dict[str, str] | None = None,
    ) -> Any:
        h = {"Content-Type": content_type, **sign(secret, body, timestamp=timestamp), **(headers or {})}
        return await self.http.post("/slack/events", data=body.encode(), headers=h)

    async def event(self, event: dict[str, Any], *, event_id: str = "Ev001", retry: int | None = None) -> Any:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return await self.send(event_body(event, event_id=event_id), headers=headers)

    async def command(
        self, text: str, *, channel: str = "C1", user: str = "U1", name: str = "r1"
    ) -> dict[str, Any]:
        """Run `/story <text>` and return the ephemeral reply sent to response_url."""
        before = len(self.slack.responses())
        resp = await self.send(
            command_body(text, response_url=self.slack.response_url(name), channel=channel, user=user),
            content_type="application/x-www-form-urlencoded",
        )
        assert resp.status == 200, await resp.text()
        replies = await self.slack.wait_for("respond", before + 1)
        return replies[before]

    async def payload(self, payload: dict[str, Any]) -> Any:
        return await self.send(payload_body(payload), content_type="application/x-www-form-urlencoded")


def reply_text(message: dict[str, Any]) -> str:
    """Everything a reader sees in a posted message: its blocks' text, else the fallback."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
                parts.append(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(message.get("blocks") or [])
    return "\n".join(parts) or str(message.get("text", ""))


def desk_settings(api_url: str, database_url: str, **overrides: Any) -> Any:
    from bot.settings import load_settings

    values: dict[str, Any] = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "FACTDESK_EDITORS": EDITOR,
        # Digests run in the test's loop unless a test asks for the digest process.
        "FACTDESK_DIGEST_PROCESS": "false",
    }
    values.update(overrides)
    return load_settings(None, **values)


class open_desk:
    """`async with open_desk(tmp_path) as desk:` a fake Slack and a fresh bot app on a real store."""

    def __init__(
        self,
        tmp_path: Any,
        *,
        database_url: str | None = None,
        schema: str | None = None,
        clock: Any = None,
        slack: FakeSlack | None = None,
        **overrides: Any,
    ) -> None:
        self.url = database_url or f"sqlite+aiosqlite:///{tmp_path / 'factdesk.db'}"
        self.schema = schema
        self.clock = clock
        self.slack = slack or FakeSlack()
        self.overrides = overrides

    async def __aenter__(self) -> Desk:
        from aiohttp.test_utils import TestClient

        from bot.app import build_app, build_deps
        from bot.web import build_web_app
        from store import Store

        await self.slack.start()
        overrides = {"FACTDESK_DB_SCHEMA": self.schema} if self.schema else {}
        settings = desk_settings(self.slack.api_url, self.url, **overrides, **self.overrides)
        self.store = await Store.open(self.url, migrate=True, schema=self.schema)
        kwargs = {"clock": self.clock} if self.clock else {}
        deps = build_deps(settings, self.store, **kwargs)
        app = build_app(settings, deps)
        self.http = TestClient(TestServer(build_web_app(app, self.store)))
        await self.http.start_server()
        return Desk(self.slack, self.store, deps, app, self.http, settings)

    async def __aexit__(self, *exc: Any) -> None:
        await self.http.close()
        await self.store.close()
        await self.slack.close()


async def eventually(check: Any, timeout: float = 5.0) -> Any:
    """Await `check()` until it returns something truthy (listeners finish after the ack)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        result = await check()
        if result or loop.time() > end:
            return result
        await asyncio.sleep(0.02)
