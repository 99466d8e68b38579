"""Answer latency on a large store, and the gain over full-text search.

Run: python benchmarks/answer.py [--sizes 10000,100000] [--questions 300] [--workers 2]

For each size: a SQLite store of that many generated articles (benchmarks/corpus.py) with the
bundled sample story mixed in, built once and cached under benchmarks/out/ (extraction runs in
worker processes a few chunks ahead of the one writer; an interrupted build resumes). Then, in
one process: the engine answers a few hundred questions (the sample eval's and generated ones)
and we report p50/p99 latency; a baseline answers each with the best full-text-search hit
sentence. Both are scored on the sample eval with score.py's rules (an answer is right when it
holds an expected string; an unanswerable question is right when refused — the baseline never
refuses).

Two scopes, on the same store: the sample story (`story_ids=[its id]`, as for a channel bound
to its story — the main figures) and all stories (no story given: the sample story's questions
compete with the generated reports on the same topic, whose random figures can win).
Next to wall-clock latency, the CPU time per question (all threads of the process, the database
driver's included): on a shared machine other load moves it much less than wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import COUNTRIES, NOUNS, ORGS, PEOPLE, PLACES, VERBS, corpus  # noqa: E402
from bot.cli import load_sample_story  # noqa: E402
from facts import qa_lexicon as lx  # noqa: E402
from facts.answer import answer_question  # noqa: E402
from facts.extract import extract  # noqa: E402
from facts.ingest import content_hash  # noqa: E402
from store import Store  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
NOW = datetime(2025, 2, 12, tzinfo=UTC)
SAMPLE_EVAL = ROOT / "facts" / "sample" / "eval.jsonl"
SAMPLE_SLUG = "us-mexico-deportations"  # the story of the sample eval (facts/sample/manifest.json)
CHUNK = 500


def _extract_chunk(args: tuple[int, int]) -> list[tuple[dict[str, Any], Any]]:
    start, n = args
    out = []
    for a in corpus(n, start=start):
        out.append((a, extract(str(a["body"]), a["published"])))  # type: ignore[arg-type]
    return out


async def build(path: Path, n: int, workers: int) -> None:
    """Fill a store with n generated articles plus the sample story (skipped when cached).

    Resumable: an interrupted build leaves `answer-N.building` behind with the articles written
    so far (one transaction per article), and the next run carries on after them."""
    if path.exists():
        return
    tmp = path.with_suffix(".building")
    resume = tmp.exists()
    store = await Store.open(f"sqlite+aiosqlite:///{tmp}", migrate=True)
    t0 = time.perf_counter()
    try:
        story = await store.ensure_story("bench", now=NOW)
        have = len(await store.articles(story_id=story.id, include_superseded=True)) if resume else 0
        if have:
            print(f"  resuming the build of {n} articles after {have}", flush=True)
        first = have - have % CHUNK
        chunks = [(s, min(CHUNK, n - s)) for s in range(first, n, CHUNK)]
        done = have
        with ProcessPoolExecutor(max_workers=workers) as pool:
            # a few chunks ahead of the writer, not all of them: extraction outpaces the single
            # writer, and 100k articles' extractions held in memory would not fit
            pending: deque[Future[list[tuple[dict[str, Any], Any]]]] = deque()
            todo = iter(chunks)
            for c in islice(todo, workers + 2):
                pending.append(pool.submit(_extract_chunk, c))
            i = -1
            while pending:
                batch = pending.popleft().result()
                for c in islice(todo, 1):
                    pending.append(pool.submit(_extract_chunk, c))
                i += 1
                if i == 0:
                    batch = batch[have - first :]
                for a, extraction in batch:
                    await store.add_article(
                        story_id=story.id,
                        body=str(a["body"]),
                        content_hash=content_hash(str(a["body"])),
                        extraction=extraction,
                        now=NOW,
                        outlet=str(a["outlet"]),
                        url=str(a["url"]),
                        headline=str(a["headline"]),
                        published_at=a["published"],  # type: ignore[arg-type]
                    )
                done += len(batch)
                if done % 5000 < CHUNK:
                    rate = (done - have) / max(time.perf_counter() - t0, 1e-9)
                    print(
                        f"  built {done}/{n} articles in {time.perf_counter() - t0:.0f} s "
                        f"({rate:.0f}/s, ~{(n - done) / max(rate, 1e-9) / 60:.0f} min to go)",
                        flush=True,
                    )
        await load_sample_story(store, now=NOW)
    finally:
        await store.close()
    tmp.rename(path)
    print(f"  store of {n} articles built in {time.perf_counter() - t0:.0f} s", flush=True)


def generated_questions(k: int, seed: int = 3) -> list[str]:
    """Questions in the generated corpus's vocabulary, typed the way reporters type."""
    rng = random.Random(seed)
    out = []
    for _ in range(k):
        role, name = rng.choice(PEOPLE)
        form = rng.randrange(8)
        noun, verb, place = rng.choice(NOUNS), rng.choice(VERBS), rng.choice(PLACES)
        if form == 0:
            out.append(f"how many {noun} were {verb} to {place}?")
        elif form == 1:
            out.append(f"who is the {role.lower()}")
        elif form == 2:
            out.append(f"what did {name.split()[-1]} say about {rng.choice(COUNTRIES)}")
        elif form == 3:
            out.append(f"how many {noun} on each aircraft that landed in {rng.choice(COUNTRIES)}")
        elif form == 4:
            out.append(f"when did {rng.choice(ORGS).replace('the ', '')} say {noun} had been {verb}")
        elif form == 5:
            out.append("how much will the plan cost")
        elif form == 6:
            out.append(f"{noun} in {place}?")
        else:
            out.append(f"why did {rng.choice(COUNTRIES)} refuse the {noun}")
    return out


def norm(s: str) -> str:
    s = s.lower().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", re.sub(r"(?<=\d),(?=\d{3}\b)", "", s))


def is_right(row: dict[str, Any], answered: bool, text: str) -> bool:
    if row["type"] == "unanswerable":
        return not answered
    return answered and any(norm(e) in norm(text) for e in row["expected"])


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


_Q_WORD = re.compile(r"[a-z0-9]+")


async def baseline(store: Store, question: str, story_ids: list[int] | None = None) -> tuple[bool, str]:
    """What a reporter gets from search: the best full-text hit for the question's words."""
    words = [w for w in _Q_WORD.findall(question.lower()) if w not in lx.STOPWORDS and len(w) > 1]
    hits = await store.search_sentences(words, story_ids=story_ids, limit=1) if words else []
    return (bool(hits), hits[0].text if hits else "")


async def measure(
    store: Store, questions: list[str], rows: list[dict[str, Any]], story_ids: list[int] | None
) -> dict[str, float]:
    """Engine and baseline latency over `questions`, accuracy on the sample eval, in one scope."""
    lat, base_lat, cpu = [], [], []
    for q in questions:
        t0, c0 = time.perf_counter(), time.process_time()
        await answer_question(q, source=store, story_ids=story_ids, now=NOW, log_it=False)
        lat.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)  # all threads (the driver's too)
        t0 = time.perf_counter()
        await baseline(store, q, story_ids)
        base_lat.append((time.perf_counter() - t0) * 1000)
    right = base_right = answered = answered_right = 0
    for row in rows:
        a = await answer_question(row["question"], source=store, story_ids=story_ids, now=NOW, log_it=False)
        ok = is_right(row, a.answered, a.text)
        right += ok
        if a.answered:
            answered += 1
            answered_right += ok
        b_answered, b_text = await baseline(store, row["question"], story_ids)
        base_right += is_right(row, b_answered, b_text)
    return {
        "p50": statistics.median(lat),
        "p99": pct(lat, 99),
        "cpu_p50": statistics.median(cpu),
        "cpu_p99": pct(cpu, 99),
        "base_p50": statistics.median(base_lat),
        "base_p99": pct(base_lat, 99),
        "acc": right / len(rows),
        "precision": answered_right / answered if answered else 1.0,
        "base_acc": base_right / len(rows),
    }


def report(n: int, scope: str, res: dict[str, float]) -> None:
    print(
        f"{n:>7} articles, {scope}: engine p50 {res['p50']:.1f} ms  p99 {res['p99']:.1f} ms "
        f"(CPU p50 {res['cpu_p50']:.1f} p99 {res['cpu_p99']:.1f})  "
        f"accuracy {res['acc']:.3f} precision {res['precision']:.3f} | "
        f"FTS baseline p50 {res['base_p50']:.1f} ms  p99 {res['base_p99']:.1f} ms  accuracy {res['base_acc']:.3f} | "
        f"accuracy ratio {res['acc'] / max(res['base_acc'], 1e-9):.2f}x  "
        f"latency ratio p50 {res['p50'] / max(res['base_p50'], 1e-9):.1f}x  "
        f"p99 {res['p99'] / max(res['base_p99'], 1e-9):.1f}x",
        flush=True,
    )


async def run_size(
    n: int, questions: list[str], rows: list[dict[str, Any]], workers: int
) -> dict[str, dict[str, float]]:
    """Both scopes on one store: the sample story's channel (questions asked within the story
    the channel is bound to, as in a newsroom; the main figure) and all stories (no --story:
    the sample story's questions against n generated reports of the same topic, whose random
    figures can win)."""
    path = OUT / f"answer-{n}.db"
    await build(path, n, workers)
    store = await Store.open(f"sqlite+aiosqlite:///{path}", migrate=False)
    try:
        sample = await store.get_story(SAMPLE_SLUG)
        if sample is None:
            raise SystemExit(f"{path}: no sample story {SAMPLE_SLUG!r}")
        await store.known_terms()
        for q in questions[:20]:  # warm-up: caches, word lists, SQLite pages
            await answer_question(q, source=store, now=NOW, log_it=False)
        res = {
            "story": await measure(store, questions, rows, [sample.id]),
            "all": await measure(store, questions, rows, None),
        }
    finally:
        await store.close()
    report(n, f"story-scoped ({SAMPLE_SLUG})", res["story"])
    report(n, "all stories", res["all"])
    return res


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(line) for line in SAMPLE_EVAL.read_text().splitlines() if line.strip()]
    questions = [r["question"] for r in rows]
    questions += generated_questions(max(0, args.questions - len(questions)))
    results = {}
    for n in [int(x) for x in args.sizes.split(",")]:
        results[n] = await run_size(n, questions, rows, args.workers)
    sizes = sorted(results)
    for scope in ("story", "all"):
        if len(sizes) > 1:
            a, b = results[sizes[0]][scope], results[sizes[-1]][scope]
            print(
                f"{scope}: {sizes[-1]} vs {sizes[0]} articles: p50 {b['p50'] / a['p50']:.2f}x  "
                f"p99 {b['p99'] / a['p99']:.2f}x (target within 2x)"
            )
        for n in sizes:
            r = results[n][scope]
            verdict = "ok" if r["p50"] <= 20 and r["p99"] <= 100 else "MISSES target"
            print(
                f"{scope}: {n} articles: p50 {r['p50']:.1f} ms (<= 20), p99 {r['p99']:.1f} ms (<= 100): {verdict}"
            )


if __name__ == "__main__":
    asyncio.run(main())
