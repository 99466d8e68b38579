"""A bounded work queue for answering: CPU-heavy steps run in one or two worker tasks, so acks
are never stuck behind fifty answers interleaved on the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

_Job = tuple[Callable[[], Awaitable[Any]], "asyncio.Future[Any]"]
# Set inside a worker: a job that reaches `run` again (an answer inside a queued listener) runs
# in place instead of waiting for a worker it is itself holding.
_in_worker: contextvars.ContextVar[bool] = contextvars.ContextVar("factdesk_in_worker", default=False)


class WorkQueue:
    """`await queue.run(fn)` runs `fn()` in one of `workers` tasks and returns its result.

    With one worker at most one answer step (between two of its awaits) runs between acks;
    the rest of the listener (store look-ups, posting) stays concurrent. A full queue makes
    the caller wait (the ack has gone out already), it never drops work. Workers start on first
    use inside the running loop, so building the app needs no loop."""

    def __init__(self, *, workers: int = 1, maxsize: int = 1000) -> None:
        if workers < 1:
            raise ValueError("a work queue needs at least one worker")
        self.workers = workers
        self.maxsize = maxsize
        self._queue: asyncio.Queue[_Job] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._loop: asyncio.AbstractEventLoop | None = None

    def _ensure_started(self) -> asyncio.Queue[_Job]:
        loop = asyncio.get_running_loop()
        if self._queue is None or self._loop is not loop:
            self._loop = loop
            self._queue = asyncio.Queue(self.maxsize)
            self._tasks = [
                loop.create_task(self._work(self._queue), name=f"factdesk-work-{i}")
                for i in range(self.workers)
            ]
        return self._queue

    async def run(self, fn: Callable[[], Awaitable[T]]) -> T:
        if _in_worker.get():
            return await fn()
        queue = self._ensure_started()
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        await queue.put((fn, future))
        return await future

    @property
    def pending(self) -> int:
        return self._queue.qsize() if self._queue is not None else 0

    async def _work(self, queue: asyncio.Queue[_Job]) -> None:
        _in_worker.set(True)
        while True:
            fn, future = await queue.get()
            try:
                if future.cancelled():
                    continue  # the caller gave up (shutdown); nothing to answer
                try:
                    result = await fn()
                except asyncio.CancelledError:
                    future.cancel()
                    raise
                except Exception as exc:  # the caller's listener reports it through Bolt's error handler
                    if not future.done():
                        future.set_exception(exc)
                else:
                    if not future.done():
                        future.set_result(result)
            finally:
                queue.task_done()

    async def close(self) -> None:
        """Stop the workers (shutdown); jobs still queued are cancelled."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._queue is not None:
            while not self._queue.empty():
                _, future = self._queue.get_nowait()
                future.cancel()
        self._tasks = []
        self._queue = None
        self._loop = None
