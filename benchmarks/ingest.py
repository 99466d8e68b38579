"""Ingest throughput: articles/s, facts/s and peak memory, SQLite and PostgreSQL, as the store grows.

Run: python benchmarks/ingest.py [--quick] [--no-pg] [--batch 300] [--rounds 3]
For each backend: fill the store to 1k articles, time batches of new ones (the median batch is
reported, with the range); fill to 10k, time more. The last line per backend gives the 10k rate
as a ratio of the 1k rate: the store growing must not slow ingest. In the same run, a baseline stores the same batch with an empty extraction
(the article row alone), so the cost of extraction shows as a ratio, and a store-only run
writes the batch's facts with the extraction done beforehand (the whole database side).
CPU is process time (all threads: aiosqlite's thread included), per article.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import resource
import sys
import time
import uuid
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg  # noqa: E402

import facts  # noqa: E402
from benchmarks.corpus import corpus  # noqa: E402
from bot.affinity import one_core  # noqa: E402
from facts.extract import extract  # noqa: E402
from facts.ingest import content_hash, ingest_articles  # noqa: E402
from facts.sources import RawArticle  # noqa: E402
from facts.types import Extraction  # noqa: E402
from store import Store  # noqa: E402

PG_URL = os.environ.get("FACTDESK_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def _raw(a: dict[str, object]) -> RawArticle:
    return RawArticle(
        body=str(a["body"]),
        headline=str(a["headline"]),
        outlet=str(a["outlet"]),
        url=str(a["url"]),
        published=a["published"],  # type: ignore[arg-type]
        origin=str(a["url"]),
    )


async def _fill(store: Store, story, articles: list[RawArticle]) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Ingest `articles` as `factdesk ingest` does: wall time, process CPU time (all threads), facts."""
    now = datetime.now(UTC)
    t0, c0 = time.perf_counter(), time.process_time()
    outcomes = await ingest_articles(articles, store=store, story_slug=story.slug, now=now)
    return time.perf_counter() - t0, time.process_time() - c0, sum(o.fact_count for o in outcomes)


async def _baseline(store: Store, story, articles: list[RawArticle]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The same articles stored with no extraction: only the article row (wall, CPU)."""
    now = datetime.now(UTC)
    t0, c0 = time.perf_counter(), time.process_time()
    for a in articles:
        await store.add_article(
            story_id=story.id,
            body=a.body + " baseline",
            content_hash=content_hash(a.body + " baseline"),
            extraction=Extraction(),
            now=now,
            outlet=a.outlet,
            url=None,
            published_at=a.published,
        )
    return time.perf_counter() - t0, time.process_time() - c0


async def _store_only(store: Store, story, articles: list[RawArticle]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The same articles and their facts stored, extraction done beforehand and not timed (wall, CPU)."""
    now = datetime.now(UTC)
    extractions = [extract(a.body, a.published) for a in articles]
    t0, c0 = time.perf_counter(), time.process_time()
    for a, ex in zip(articles, extractions, strict=True):
        body = a.body + " store-only"  # new text; the extraction's spans still index it
        await store.add_article(
            story_id=story.id,
            body=body,
            content_hash=content_hash(body),
            extraction=ex,
            now=now,
            outlet=a.outlet,
            url=None,
            published_at=a.published,
        )
    return time.perf_counter() - t0, time.process_time() - c0


async def run_backend(
    name: str, url: str, schema: str | None, sizes: list[int], batch: int, rounds: int
) -> list[str]:
    store = await Store.open(url, migrate=True, schema=schema)
    lines = []
    rates: list[float] = []
    try:
        story = await store.ensure_story("bench", now=datetime.now(UTC))
        stored = 0
        for size in sizes:
            fill = [_raw(a) for a in corpus(size - stored, start=stored)]
            await _fill(store, story, fill)
            stored = size
            # Drop the filler reports before timing: held, 9,000 of them make every full
            # collection of the garbage collector slower, and the 10k row would measure this
            # process's heap instead of the store's size.
            del fill
            gc.collect()
            gc.freeze()  # as `factdesk ingest` does before its reports (bot/cli.py)
            # Each report keeps its own URL, as real ones do: the store looks up earlier
            # revisions of a URL on every write, and that lookup must not grow with the store.
            # Several batches of new reports, the median one reported: on a shared machine a
            # single batch can land on a busy second and misstate a size's rate by 20%.
            timed = []
            for k in range(rounds):
                sample = [_raw(a) for a in corpus(batch, seed=99 + k, start=10_000_000 + size + k * batch)]
                timed.append((*await _fill(store, story, sample), sample))
            timed.sort(key=lambda t: t[0])
            elapsed, cpu, facts, sample = timed[len(timed) // 2]
            spread = f"{batch / timed[-1][0]:.0f}-{batch / timed[0][0]:.0f}"
            base, base_cpu = await _baseline(store, story, sample)
            only, only_cpu = await _store_only(store, story, sample)
            stored += batch * (rounds + 2)
            rates.append(batch / elapsed)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            lines.append(
                f"{name:10} stored={size:>6}  {batch / elapsed:7.1f} articles/s (batches {spread})  "
                f"{facts / elapsed:8.0f} facts/s  "
                f"({facts / batch:.0f} facts/article)  baseline(no extraction) {batch / base:7.1f} articles/s  "
                f"ratio full/baseline time {elapsed / base:4.2f}  "
                f"store-only(extraction done before) {batch / only:6.1f} articles/s  "
                f"CPU ms/article: full {cpu / batch * 1000:.2f}, store-only {only_cpu / batch * 1000:.2f}, "
                f"baseline {base_cpu / batch * 1000:.2f}  "
                f"peak RSS {peak:.0f} MB"
            )
            print(lines[-1], flush=True)
        if len(rates) > 1:
            lines.append(
                f"{name:10} {sizes[-1]} stored against {sizes[0]}: {rates[-1] / rates[0]:.2f}x the articles/s"
            )
            print(lines[-1], flush=True)
    finally:
        await store.close()
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 and 1k articles instead of 1k and 10k")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument(
        "--unpinned",
        action="store_true",
        help="SQLite: leave the threads to the scheduler (see bot/affinity.py)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed batches per size (the median reported)")
    args = parser.parse_args()
    sizes = [100, 1000] if args.quick else [1000, 10_000]
    built = facts.compiled_modules()
    print(
        f"extraction runs {'compiled (' + str(len(built)) + ' modules)' if built else 'from its Python sources'}"
    )
    with TemporaryDirectory() as tmp:
        with one_core() if not args.unpinned else nullcontext():  # as `factdesk ingest` on SQLite
            await run_backend(
                "sqlite", f"sqlite+aiosqlite:///{tmp}/bench.db", None, sizes, args.batch, args.rounds
            )
    if not args.no_pg:
        schema = "bench_" + uuid.uuid4().hex[:8]
        dsn = PG_URL.replace("postgresql+asyncpg://", "postgresql://", 1)
        conn = await asyncpg.connect(dsn)
        await conn.execute(f"CREATE SCHEMA {schema}")
        try:
            await run_backend("postgresql", PG_URL, schema, sizes, args.batch, args.rounds)
        finally:
            await conn.execute(f"DROP SCHEMA {schema} CASCADE")
            await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
