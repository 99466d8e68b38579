"""Ingesting several reports at once: one written while the next is extracted, on both backends."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import StatementError

from facts.extract import extract, extract_steps
from facts.ingest import content_hash, ingest_article, ingest_articles, iter_ingest
from facts.sources import RawArticle
from store import Store
from tests.conftest import NOW

PUBLISHED = datetime(2025, 1, 24, 18, 0, tzinfo=UTC)


def _report(n: int, *, published: datetime | None = PUBLISHED) -> RawArticle:
    body = (
        f"PORT ELLIS (Factdesk Wire) - Governor Dana Whitfield ordered {n:,} additional troops to "
        f"the northern border on Friday, officials said.\n\n"
        f"“We will not be pressured,” Whitfield told reporters in Port Ellis. About {n + 7} "
        f"families were moved to shelters in Tucson, according to the border agency."
    )
    return RawArticle(
        body=body,
        headline=f"Report {n}",
        outlet="Factdesk Wire",
        url=f"https://example.com/report/{n}",
        published=published,
        origin=f"report-{n}.txt",
    )


async def _facts_by_article(store: Store, story_id: int) -> dict[int, list[tuple[object, ...]]]:
    rows = await store.facts_for_story(story_id)
    out: dict[int, list[tuple[object, ...]]] = {}
    for f, hit in rows:
        out.setdefault(f.article_id, []).append(
            (f.kind, f.start, f.end, f.value_text, f.unit, f.subject, f.relation, f.time_value, hit.text)
        )
    return {k: sorted(v, key=repr) for k, v in out.items()}


def test_extract_steps_yield_once_a_sentence_and_return_what_extract_returns() -> None:
    body = _report(1500).body
    steps = extract_steps(body, PUBLISHED)
    yielded = 0
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result = done.value
            break
        yielded += 1
    assert result == extract(body, PUBLISHED)
    assert yielded == len(result.sentences) == 3


async def test_several_reports_store_the_same_facts_as_one_at_a_time_in_order(store: Store) -> None:
    reports = [_report(n) for n in (1500, 2500, 3500, 4500)]
    one_by_one = await store.ensure_story("one", now=NOW)
    for r in reports:
        await ingest_article(r, store=store, story=one_by_one, now=NOW)

    outcomes = await ingest_articles(reports, store=store, story_slug="batch", now=NOW)

    assert [o.origin for o in outcomes] == [r.origin for r in reports]
    assert [o.status for o in outcomes] == ["added"] * 4
    ids = [o.article_id for o in outcomes]
    assert ids == sorted(ids)
    batch = await store.get_story("batch")
    assert batch is not None
    single = list((await _facts_by_article(store, one_by_one.id)).values())
    together = await _facts_by_article(store, batch.id)
    assert [together[i] for i in ids] == single
    assert all(o.fact_count == len(together[o.article_id]) > 3 for o in outcomes)
    again = await ingest_articles(reports[:2], store=store, story_slug="batch", now=NOW)
    assert [(o.status, o.article_id) for o in again] == [("duplicate", ids[0]), ("duplicate", ids[1])]


async def test_outcomes_come_as_each_report_is_stored(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    seen = []
    async for outcome in iter_ingest([_report(1), _report(2), _report(3)], store=store, story=story, now=NOW):
        # What is yielded is already in the store.
        stored = {a.article_id: a.headline for a in await store.articles(story_id=story.id)}
        seen.append(outcome.headline)
        assert stored[outcome.article_id] == outcome.headline
    assert seen == ["Report 1", "Report 2", "Report 3"]


async def test_a_report_that_cannot_be_extracted_stops_the_run_after_those_before_it(store: Store) -> None:
    broken = _report(3)
    broken.body = None  # type: ignore[assignment]
    with pytest.raises(TypeError):
        await ingest_articles(
            [_report(1), _report(2), broken, _report(4)], store=store, story_slug="s", now=NOW
        )
    story = await store.get_story("s")
    assert story is not None
    assert [a.headline for a in await store.articles(story_id=story.id)] == ["Report 1", "Report 2"]


async def test_a_report_the_store_refuses_leaves_nothing_of_it_or_after_it(store: Store) -> None:
    naive = _report(2, published=datetime(2025, 1, 24, 18, 0))  # no time zone: refused
    with pytest.raises(StatementError):
        await ingest_articles([_report(1), naive, _report(3)], store=store, story_slug="s", now=NOW)
    story = await store.get_story("s")
    assert story is not None
    assert [a.headline for a in await store.articles(story_id=story.id)] == ["Report 1"]
    rows = await store.count_rows()
    facts_of_one = len((await _facts_by_article(store, story.id)).popitem()[1])
    assert rows["article"] == 1 and rows["fact"] == facts_of_one
    # The store is still usable after the failure.
    later = await ingest_articles([_report(3)], store=store, story_slug="s", now=NOW)
    assert later[0].status == "added"


def test_a_text_is_identified_by_its_words_whatever_the_spacing() -> None:
    plain = content_hash("Troops moved north. Residents left.")
    assert plain == hashlib.sha256(b"Troops moved north. Residents left.").hexdigest()
    assert content_hash("  Troops\u00a0moved north.\n\n\tResidents  left.\u2003") == plain
    assert content_hash("Troops moved south. Residents left.") != plain


async def test_a_run_longer_than_the_lookahead_stores_every_report_once_in_order(store: Store) -> None:
    reports = [_report(n) for n in range(100, 120)]
    outcomes = await ingest_articles(reports, store=store, story_slug="s", now=NOW)
    story = await store.get_story("s")
    assert story is not None
    stored = await store.articles(story_id=story.id)
    assert [a.headline for a in sorted(stored, key=lambda a: a.article_id)] == [r.headline for r in reports]
    assert [o.article_id for o in outcomes] == sorted(a.article_id for a in stored)
