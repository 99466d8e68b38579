"""Socket Mode: Bolt's aiohttp handler, plus a watchdog that replaces a connection gone silent."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

log = logging.getLogger(__name__)


class SilenceWatchdog:
    """Replaces the websocket when nothing (no message, no pong) has arrived for `silence_limit`
    seconds: the aiohttp client can sit on a dead connection that never reports closing."""

    def __init__(
        self,
        handler: AsyncSocketModeHandler,
        *,
        silence_limit: float,
        check_every: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.client = handler.client
        self.silence_limit = silence_limit
        self.check_every = check_every
        self.clock = clock
        self.last_heard = clock()
        self.replacements = 0
        self.client.on_message_listeners.append(self._heard)
        self._task: asyncio.Task[None] | None = None

    async def _heard(self, _message: Any) -> None:
        self.last_heard = self.clock()

    def silent_for(self) -> float:
        pong = self.client.last_ping_pong_time or 0.0
        return self.clock() - max(self.last_heard, pong)

    async def check(self) -> bool:
        """Replace the connection if it went silent; True when it did."""
        if self.client.closed or self.silent_for() < self.silence_limit:
            return False
        log.warning("Socket Mode connection silent for %.0f s; opening a new one", self.silent_for())
        self.last_heard = self.clock()
        self.client.last_ping_pong_time = None
        await self.client.connect_to_new_endpoint(force=True)
        self.replacements += 1
        return True

    async def run(self) -> None:
        while not self.client.closed:
            await asyncio.sleep(self.check_every)
            try:
                await self.check()
            except Exception:  # a failed reconnect is retried on the next check
                log.exception("could not replace the Socket Mode connection")

    def start(self) -> None:
        self._task = asyncio.ensure_future(self.run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class SocketRunner:
    """Connects, keeps the connection alive (Bolt reconnects after a drop; the watchdog after silence)."""

    def __init__(
        self,
        app: AsyncApp,
        app_token: str,
        *,
        ping_interval: float = 10.0,
        silence_limit: float | None = None,
    ) -> None:
        self.handler = AsyncSocketModeHandler(app, app_token, ping_interval=ping_interval)
        self.watchdog = SilenceWatchdog(
            self.handler,
            silence_limit=silence_limit if silence_limit is not None else ping_interval * 3,
            check_every=max(ping_interval / 2, 0.05),
        )

    async def start(self) -> None:
        await self.handler.connect_async()
        self.watchdog.start()

    async def close(self) -> None:
        await self.watchdog.stop()
        await self.handler.close_async()

    async def run_forever(self) -> None:
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.close()
