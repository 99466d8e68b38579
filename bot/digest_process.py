"""Digests built and posted by a child process of the bot, so that a thousand channels due at the
same minute never compete with acks for the bot's event loop (or, on a small machine, its core).

The bot keeps APScheduler and the schedules; when a job fires it sends the channel to the child
over a pipe, one JSON line per request, and gets the DigestOutcome back the same way. The child
has its own store engine, Slack client and event loop, and runs at a lower CPU priority.
Exactly-once still comes from the store's claims: a child that dies mid-run leaves a claim whose
lease a later run takes over.

    python -m bot.digest_process     (started by the bot; the first stdin line is its setup)"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.scheduler import DigestOutcome, DigestService
from bot.settings import Settings, settings_payload

log = logging.getLogger(__name__)

# Digests wait for acks, not the other way round; 10 is enough for the kernel to prefer the bot.
CHILD_NICENESS = 10
# Lines can carry a DigestOutcome's note (<= 300 chars) or a list of them for catch-up.
LINE_LIMIT = 16 * 1024 * 1024


class DigestProcessError(RuntimeError):
    """The digest process could not be started or answered nonsense."""


class DigestProcess:
    """The bot's side: start the child, send it runs, await their outcomes.

    Implements what DigestScheduler needs from a runner (run_scheduled, catch_up) and the
    `digest now` path (post_now). A child that exits is started again at the next request;
    the requests it had in hand come back as failed (their claims are taken over later)."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime],
        owner: str | None = None,
        start_timeout: float = 60.0,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.owner = owner
        self.start_timeout = start_timeout
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: dict[int, tuple[asyncio.Future[Any], list[str]]] = {}
        self._next_id = 0
        self._starting: asyncio.Lock = asyncio.Lock()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.returncode is None else None

    async def start(self) -> None:
        async with self._starting:
            if self.pid is not None:
                return
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.digest_process",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                limit=LINE_LIMIT,
            )
            assert proc.stdin is not None and proc.stdout is not None
            # The child runs on the bot's clock: tests and the benchmark give the bot a clock of
            # their own, and the periods and leases must agree with the bot's.
            offset = (self.clock() - datetime.now(UTC)).total_seconds()
            setup = {"settings": settings_payload(self.settings), "clock_offset": offset, "owner": self.owner}
            proc.stdin.write(json.dumps(setup).encode() + b"\n")
            try:
                await proc.stdin.drain()
                first = await asyncio.wait_for(proc.stdout.readline(), self.start_timeout)
                ready = json.loads(first) if first else {}
            except (TimeoutError, ConnectionError, ValueError) as exc:
                proc.kill()
                await proc.wait()
                raise DigestProcessError(f"the digest process did not start: {exc}") from None
            if ready.get("ready") is not True:
                await proc.wait()
                raise DigestProcessError(
                    f"the digest process did not start: {ready.get('error') or 'it exited'}"
                )
            self._proc = proc
            self._reader = asyncio.create_task(self._read(proc))
            log.info("digest process %d started", proc.pid)

    async def close(self, *, timeout: float = 10.0) -> None:
        """Ask the child to finish what it has in hand and exit; kill it after `timeout`."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None and not proc.stdin.is_closing():
            proc.stdin.close()
        try:
            await asyncio.wait_for(proc.wait(), timeout)
        except TimeoutError:
            proc.kill()
            await proc.wait()
        if self._reader is not None:
            await self._reader
            self._reader = None

    # -- the runner interface --

    async def run_scheduled(self, channel_id: str) -> DigestOutcome:
        [outcome] = await self._request({"op": "scheduled", "channel": channel_id}, [channel_id])
        return outcome

    async def post_now(self, *, channel_id: str, story_id: int) -> DigestOutcome:
        [outcome] = await self._request({"op": "now", "channel": channel_id, "story": story_id}, [channel_id])
        return outcome

    async def catch_up(self) -> list[DigestOutcome]:
        return await self._request({"op": "catch_up"}, [])

    # -- plumbing --

    async def _request(self, message: dict[str, Any], channels: list[str]) -> list[DigestOutcome]:
        if self.pid is None:
            try:
                await self.start()
            except DigestProcessError as exc:
                log.error("%s", exc)
                return [DigestOutcome(c, "", "failed", note=str(exc)[:300]) for c in channels]
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        self._next_id += 1
        request_id = self._next_id
        future: asyncio.Future[list[DigestOutcome]] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = (future, channels)
        try:
            proc.stdin.write(json.dumps({"id": request_id, **message}).encode() + b"\n")
            await proc.stdin.drain()
        except (ConnectionError, RuntimeError):
            pass  # the reader sees the exit and fails the request
        return await future

    async def _read(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while line := await proc.stdout.readline():
            try:
                reply = json.loads(line)
                entry = self._pending.pop(int(reply["id"]), None)
                outcomes = [DigestOutcome(**o) for o in reply["outcomes"]]
            except (ValueError, KeyError, TypeError):
                log.error("digest process sent a line that is not a reply: %.200r", line)
                continue
            if entry is not None and not entry[0].done():
                entry[0].set_result(outcomes)
        code = await proc.wait()
        if code != 0:
            log.error("digest process %d exited with %s", proc.pid, code)
        # Whatever it had in hand failed here; the store's claims let a later run take it over.
        for request_id in list(self._pending):
            future, channels = self._pending.pop(request_id)
            if not future.done():
                future.set_result(
                    [DigestOutcome(c, "", "failed", note="the digest process exited") for c in channels]
                )


# ---- the child -------------------------------------------------------------------------------


async def serve_requests(
    reader: asyncio.StreamReader, write: Callable[[bytes], None], service: DigestService
) -> None:
    """Run each request as a task of its own; at end of input, finish the ones in hand."""
    tasks: set[asyncio.Task[None]] = set()

    async def handle(request: dict[str, Any]) -> None:
        op = request.get("op")
        try:
            if op == "scheduled":
                outcomes = [await service.run_scheduled(request["channel"])]
            elif op == "now":
                outcomes = [
                    await service.post_now(channel_id=request["channel"], story_id=int(request["story"]))
                ]
            elif op == "catch_up":
                outcomes = await service.catch_up()
            else:
                raise ValueError(f"unknown request {op!r}")
        except Exception as exc:  # the run's own errors are outcomes already; this is a crash
            log.exception("digest request %s failed", op)
            channel = str(request.get("channel", ""))
            outcomes = [DigestOutcome(channel, "", "failed", note=str(exc)[:300])] if channel else []
        write(
            json.dumps(
                {"id": request.get("id"), "outcomes": [dataclasses.asdict(o) for o in outcomes]}
            ).encode()
            + b"\n"
        )

    while line := await reader.readline():
        try:
            request = json.loads(line)
        except ValueError:
            log.error("digest process got a line that is not a request: %.200r", line)
            continue
        task = asyncio.create_task(handle(request))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)


async def child_main() -> int:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=LINE_LIMIT)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    out = sys.stdout.buffer

    def write(data: bytes) -> None:
        out.write(data)
        out.flush()

    setup = json.loads(await reader.readline() or b"{}")
    from bot.digests import digest_service
    from bot.settings import load_settings
    from store import Store

    try:
        settings = load_settings(None, **setup["settings"])
        logging.basicConfig(
            level=settings.log_level.upper(), format="%(asctime)s digests %(levelname)s %(name)s: %(message)s"
        )
        store = await Store.open(settings.database_url, schema=settings.database_schema)
    except Exception as exc:
        write(json.dumps({"ready": False, "error": str(exc)[:300]}).encode() + b"\n")
        return 1
    offset = timedelta(seconds=float(setup.get("clock_offset") or 0.0))

    def clock() -> datetime:
        return datetime.now(UTC) + offset

    import aiohttp

    try:
        async with aiohttp.ClientSession() as http:
            service = digest_service(settings, store, clock=clock, http=http, owner=setup.get("owner"))
            write(b'{"ready": true}\n')
            await serve_requests(reader, write, service)
    finally:
        await store.close()
    return 0


def main() -> None:
    with contextlib.suppress(OSError):
        os.nice(CHILD_NICENESS)
    # Ctrl-C in a terminal reaches the whole process group; the bot stops this process itself
    # (closing its input), after the runs in hand are done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(asyncio.run(child_main()))


if __name__ == "__main__":
    main()
