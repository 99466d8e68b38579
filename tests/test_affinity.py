"""bot.affinity: an ingest run's threads kept on one core, and given their cores back after."""

from __future__ import annotations

import os
import threading

import pytest

from bot.affinity import one_core

pytestmark = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this platform"
)


def _affinity_of_new_thread() -> set[int]:
    seen: list[set[int]] = []
    t = threading.Thread(target=lambda: seen.append(os.sched_getaffinity(0)))
    t.start()
    t.join()
    return seen[0]


def test_threads_share_one_core_inside_and_get_their_cores_back_after() -> None:
    before = os.sched_getaffinity(0)
    waiting = threading.Event()
    older = threading.Thread(target=waiting.wait)  # started before the block, like a driver thread
    older.start()
    try:
        with one_core() as cpu:
            if len(before) < 2:
                assert cpu is None and os.sched_getaffinity(0) == before
                return
            assert cpu in before
            assert os.sched_getaffinity(0) == {cpu}
            assert os.sched_getaffinity(older.native_id) == {cpu}  # type: ignore[arg-type]
            assert _affinity_of_new_thread() == {cpu}
        assert os.sched_getaffinity(0) == before
        assert os.sched_getaffinity(older.native_id) == before  # type: ignore[arg-type]
        assert _affinity_of_new_thread() == before
    finally:
        waiting.set()
        older.join()


def test_an_error_inside_still_gives_the_cores_back() -> None:
    before = os.sched_getaffinity(0)
    with pytest.raises(RuntimeError), one_core():
        raise RuntimeError("ingest failed")
    assert os.sched_getaffinity(0) == before
