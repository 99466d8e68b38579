"""A local Slack Web API for digest tests and the benchmark: the methods a digest uses.

chat.postMessage (with Slack's one-message-per-second-per-channel limit answered as 429 +
Retry-After), files.getUploadURLExternal, the upload URL itself, files.completeUploadExternal,
auth.test, conversations.history (the digests posted, with their metadata); channels can be
made to answer not_in_channel / channel_not_found, to take a post and never answer, and any
method can be made to fail with a 5xx a few times."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class DigestFakeSlack:
    gone: dict[str, str] = field(default_factory=dict)  # channel -> error ("not_in_channel", ...)
    fail_5xx: Counter[str] = field(default_factory=Counter)  # method -> how many times to answer 503
    rate_limit_once: Counter[str] = field(default_factory=Counter)  # method -> 429s to answer first
    hang: set[str] = field(default_factory=set)  # channels whose chat.postMessage never answers
    # Channels whose chat.postMessage is posted (it shows in the history) but never answered.
    lose_reply: set[str] = field(default_factory=set)
    ts_base: int = 1700000000  # message ts are this plus a counter (seconds)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    per_channel_interval: float | None = None  # enforce Slack's 1 message/s/channel when set
    retry_after: int = 1
    clock: Callable[[], float] = time.monotonic
    calls: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    server: TestServer | None = None
    _ts: Any = field(default_factory=lambda: itertools.count(1))
    _last_post: dict[str, float] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("/api/"))

    async def start(self) -> DigestFakeSlack:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # slack_sdk reads some methods with GET
        app.router.add_post("/upload/{file_id}", self._upload)
        self.server = TestServer(app, host="127.0.0.1", port=0)
        await self.server.start_server()
        return self

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()

    def ok(self, method: str) -> list[dict[str, Any]]:
        return [body for m, status, body in self.calls if m == method and status == 200]

    def statuses(self, method: str) -> list[int]:
        return [status for m, status, _ in self.calls if m == method]

    async def _body(self, request: web.Request) -> dict[str, Any]:
        raw = await request.text()
        if request.content_type == "application/json":
            body = json.loads(raw or "{}")
        else:
            body = {k: v[-1] for k, v in urllib.parse.parse_qs(raw).items()}
        # slack_sdk sends some methods' arguments (files.completeUploadExternal) as query parameters.
        body = {**dict(request.query), **body}
        for key in ("blocks", "files"):
            if isinstance(body.get(key), str):
                body[key] = json.loads(body[key])
        return body

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await self._body(request)
        if self.fail_5xx[method] > 0:
            self.fail_5xx[method] -= 1
            self.calls.append((method, 503, body))
            return web.Response(status=503, text="upstream unavailable")
        if self.rate_limit_once[method] > 0:
            self.rate_limit_once[method] -= 1
            return self._limited(method, body)
        channel = body.get("channel") or body.get("channel_id")
        if method == "chat.postMessage" and channel in self.hang:
            self.calls.append((method, 0, body))  # seen, never answered
            await asyncio.Event().wait()
        if channel in self.gone and method in {"chat.postMessage", "files.completeUploadExternal"}:
            self.calls.append((method, 200, {**body, "_error": self.gone[channel]}))
            return web.json_response({"ok": False, "error": self.gone[channel]})
        if method == "chat.postMessage" and self.per_channel_interval is not None:
            now = self.clock()
            last = self._last_post.get(channel)
            if last is not None and now - last < self.per_channel_interval:
                return self._limited(method, body)
            self._last_post[channel] = now
        self.calls.append((method, 200, body))
        result = self._result(method, body)
        if method == "chat.postMessage" and channel in self.lose_reply:
            await asyncio.Event().wait()  # posted, but the poster never learns its ts
        return web.json_response(result)

    def _limited(self, method: str, body: dict[str, Any]) -> web.Response:
        self.calls.append((method, 429, body))
        return web.json_response(
            {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": str(self.retry_after)}
        )

    def _result(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T0001"}
        if method == "chat.postMessage":
            ts = f"{self.ts_base + next(self._ts)}.000100"
            message = {"ts": ts, "text": body.get("text"), "bot_id": "BBOT"}
            if body.get("metadata"):
                message["metadata"] = body["metadata"]
            self.history.setdefault(str(body.get("channel")), []).insert(0, message)
            return {"ok": True, "channel": body.get("channel"), "ts": ts}
        if method == "conversations.history":
            oldest = float(body.get("oldest") or 0)
            with_metadata = str(body.get("include_all_metadata", "")).lower() in {"1", "true"}
            messages = [
                m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                for m in self.history.get(str(body.get("channel")), [])
                if float(m["ts"]) > oldest
            ]
            return {"ok": True, "messages": messages[: int(body.get("limit") or 100)], "has_more": False}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):06d}"
            assert self.server is not None
            return {
                "ok": True,
                "file_id": file_id,
                "upload_url": str(self.server.make_url(f"/upload/{file_id}")),
            }
        if method == "files.completeUploadExternal":
            files = body.get("files") or []
            missing = [f["id"] for f in files if f["id"] not in self.uploads]
            if missing:
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        return {"ok": True}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = b""
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                data += await part.read()  # type: ignore[union-attr]
        else:
            data = await request.read()
        self.uploads[file_id] = data
        self.calls.append(("upload", 200, {"file_id": file_id, "bytes": len(data)}))
        return web.Response(text=f"OK - {len(data)}")


# ---- as a process of its own (the benchmark: the fake's work must not count against the bot) ----


async def _serve(interval: float | None) -> None:
    fake = DigestFakeSlack(per_channel_interval=interval)

    async def stats(_: web.Request) -> web.Response:
        calls = Counter(f"{m} {s}" for m, s, _ in fake.calls)
        per_channel = Counter(
            b.get("channel") for m, s, b in fake.calls if m == "chat.postMessage" and s == 200
        )
        return web.json_response({"calls": calls, "messages_per_channel": sorted(set(per_channel.values()))})

    app = web.Application(client_max_size=10 * 1024 * 1024)
    app.router.add_post("/api/{method}", fake._api)
    app.router.add_post("/upload/{file_id}", fake._upload)
    app.router.add_get("/stats", stats)
    fake.server = TestServer(app, host="127.0.0.1", port=0)
    await fake.server.start_server()
    print(fake.api_url, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    import sys

    asyncio.run(_serve(float(sys.argv[1]) if len(sys.argv) > 1 else None))
