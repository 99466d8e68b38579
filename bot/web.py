"""The HTTP mode: POST /slack/events through Bolt, GET /healthz that pings the store."""

from __future__ import annotations

import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from store import Store

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


def build_web_app(app: AsyncApp, store: Store) -> web.Application:
    async def events(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await app.async_dispatch(await to_bolt_request(request)))

    async def healthz(request: web.Request) -> web.Response:
        try:
            ok = await store.ping()
        except Exception as exc:  # any database failure means unhealthy, said in one line
            log.warning("health check: database unreachable: %s", exc)
            ok = False
        if ok:
            return web.json_response({"ok": True, "database": "ok"})
        return web.json_response({"ok": False, "database": "unreachable"}, status=503)

    web_app = web.Application()
    web_app.router.add_post(EVENTS_PATH, events)
    web_app.router.add_get("/healthz", healthz)
    return web_app
