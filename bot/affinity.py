"""Keeping a SQLite ingest run's threads on one CPU core.

On SQLite, extraction (the event loop's thread) and the write (aiosqlite's thread) take turns:
the write needs the interpreter after every statement, so the two never run at once. Left to
the scheduler, they land on different cores and each article's rows and the database's pages
cross between the cores' caches; on a store of 10k reports that cost ~10-20% of the rate
(benchmarks/ingest.py, same run, pinned against not). On one core, the 10k rate equals the 1k
rate. PostgreSQL works in its own server process, which the other cores stay free for.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


def _current_cpu() -> int | None:
    """The core this process last ran on (Linux: field 39 of /proc/self/stat)."""
    try:
        stat = Path("/proc/self/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    # Fields after the command name start at field 3 (the state).
    try:
        return int(fields[39 - 3])
    except (IndexError, ValueError):
        return None


def _threads() -> list[int]:
    try:
        return [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        return [0]


@contextmanager
def one_core() -> Iterator[int | None]:
    """Run the block with every thread of this process (and those it starts) on the core it is
    on now; yields that core, or None where the platform cannot pin (nothing is changed then).
    The threads' earlier cores are given back afterwards."""
    if not hasattr(os, "sched_setaffinity"):
        yield None
        return
    cpu = _current_cpu()
    allowed = os.sched_getaffinity(0)
    if cpu is None or cpu not in allowed or len(allowed) < 2:
        yield None
        return
    present = _threads()
    pinned: dict[int, set[int]] = {}
    for tid in present:
        try:
            before = os.sched_getaffinity(tid)
            os.sched_setaffinity(tid, {cpu})
            pinned[tid] = before
        except OSError:  # a thread that ended meanwhile, or pinning not permitted: a hint only
            log.debug("thread %s stays where it is", tid, exc_info=True)
    try:
        yield cpu if pinned else None
    finally:
        for tid, before in pinned.items():
            try:
                os.sched_setaffinity(tid, before)
            except OSError:
                continue
        # Threads started inside the block took the one core from their parent: widen them too.
        for tid in _threads():
            if tid not in present:
                try:
                    os.sched_setaffinity(tid, allowed)
                except OSError:
                    continue
