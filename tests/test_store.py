"""The store contract, run on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from facts.types import EntityMention, ExtractedFact, Extraction, SentenceInfo
from store import NotFound, Store, StoreError
from tests.conftest import NOW, PG_URL, drop_pg_schema, new_pg_schema


def _sentences(body: str) -> list[SentenceInfo]:
    out, start = [], 0
    for i, part in enumerate(body.split(". ")):
        text = part if part.endswith(".") else part + "."
        begin = body.index(part, start)
        out.append(SentenceInfo(i, begin, begin + len(text), text))
        start = begin + len(text)
    return out


def _report(troops: str, value: float, *, extra: str = "") -> tuple[str, Extraction]:
    body = (
        f"The governor ordered {troops} additional troops to the northern border. "
        f"Residents of Port Ellis said the ferry service stopped on Tuesday{extra}."
    )
    sents = _sentences(body)
    fig_start = body.index(troops)
    fig_end = body.index("troops") + len("troops")
    facts = [
        ExtractedFact(
            kind="figure",
            sentence_index=0,
            start=fig_start,
            end=fig_end,
            relation="order",
            value_text=troops,
            value_num=value,
            unit="troop",
            modifiers=["additional"],
            subject="The governor",
        ),
        ExtractedFact(
            kind="statement", sentence_index=1, start=sents[1].start, end=sents[1].end, relation="say"
        ),
    ]
    gov = body.index("governor")
    entities = [
        EntityMention("Port Ellis", "place", 1, body.index("Port Ellis"), body.index("Port Ellis") + 10),
        EntityMention("the governor", "person", 0, gov - 4, gov + 8, role="Governor", aliases=["governor"]),
    ]
    return body, Extraction(sentences=sents, facts=facts, entities=entities)


async def _add(store: Store, story_id: int, body: str, ex: Extraction, **kw: object):
    return await store.add_article(
        story_id=story_id, body=body, content_hash=str(hash(body)), extraction=ex, now=NOW, **kw
    )


async def test_story_is_created_once(store: Store) -> None:
    a = await store.ensure_story("port-ellis", title="Port Ellis floods", now=NOW)
    b = await store.ensure_story("port-ellis", title="ignored", now=NOW)
    assert a.id == b.id and b.title == "Port Ellis floods"
    assert [s.slug for s in await store.list_stories()] == ["port-ellis"]


async def test_article_sentences_facts_and_entities_are_stored(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    added = await _add(
        store, story.id, body, ex, outlet="Daily Ledger", url="https://e.com/1", published_at=NOW
    )
    assert (added.status, added.revision, added.fact_count, added.sentence_count) == ("added", 1, 2, 2)
    hits = await store.search_sentences(["troops"], story_ids=[story.id])
    assert len(hits) == 1
    hit = hits[0]
    assert hit.text == "The governor ordered 1,500 additional troops to the northern border."
    assert body[hit.start : hit.end] == hit.text
    assert hit.article.outlet == "Daily Ledger" and hit.article.published_at == NOW
    figure = [f for f in hit.facts if f.kind == "figure"][0]
    assert (figure.value_text, figure.value_num, figure.unit, figure.modifiers) == (
        "1,500",
        1500.0,
        "troop",
        ["additional"],
    )
    assert body[figure.start : figure.end] == "1,500 additional troops"
    people = await store.entities(story_id=story.id, kind="person")
    assert [(p.name, p.role, p.aliases) for p in people] == [("the governor", "Governor", ("governor",))]
    found = await store.find_entities("GOVERNOR")
    assert [e.name for e in found] == ["the governor"]
    listed = (await store.list_stories())[0]
    assert (listed.article_count, listed.fact_count) == (1, 2)


async def test_same_text_again_is_a_no_op(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    first = await _add(store, story.id, body, ex)
    before = await store.count_rows()
    again = await _add(store, story.id, body, ex)
    assert again.status == "duplicate" and again.article_id == first.article_id
    assert await store.count_rows() == before


async def test_concurrent_copies_of_one_text_store_it_once(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    results = await asyncio.gather(*[_add(store, story.id, body, ex) for _ in range(4)])
    assert sorted(r.status for r in results).count("added") == 1
    assert (await store.count_rows())["article"] == 1


async def test_new_text_at_same_url_is_a_revision_and_retires_old_facts(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    body1, ex1 = _report("1,500", 1500)
    body2, ex2 = _report("2,500", 2500)
    await _add(store, story.id, body1, ex1, url="https://e.com/a")
    second = await _add(store, story.id, body2, ex2, url="https://e.com/a")
    assert (second.status, second.revision) == ("revised", 2)
    hits = await store.search_sentences(["troops"])
    assert [h.text for h in hits] == ["The governor ordered 2,500 additional troops to the northern border."]
    assert [a.revision for a in await store.articles(story_id=story.id)] == [2]
    assert len(await store.articles(story_id=story.id, include_superseded=True)) == 2


async def test_search_is_any_word_stemmed_and_scoped(store: Store) -> None:
    one = await store.ensure_story("one", now=NOW)
    two = await store.ensure_story("two", now=NOW)
    body, ex = _report("1,500", 1500)
    await _add(store, one.id, body, ex)
    await _add(store, two.id, body.replace("governor", "mayor"), _report("1,500", 1500)[1])
    # "ordering" and "ferries" only match through stemming; "xylophone" matches nothing
    assert len(await store.search_sentences(["ordering", "xylophone"])) == 2
    assert len(await store.search_sentences(["ferries"], story_ids=[one.id])) == 1
    assert await store.search_sentences(["xylophone"]) == []
    assert await store.search_sentences(["  ", "!!"]) == []
    assert await store.search_sentences(["troops"], story_ids=[]) == []
    # operators in user text are quoted, not interpreted
    assert len(await store.search_sentences(['troops"', "NOT", "NEAR(", "*"])) >= 1
    # a phrase matches only its words in order
    assert len(await store.search_sentences(["northern border"])) == 2
    assert await store.search_sentences(["border northern"]) == []


async def test_figures_come_newest_first(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    for i, (troops, value) in enumerate([("1,500", 1500), ("2,500", 2500), ("about 3,000", 3000)]):
        body, ex = _report(troops, value, extra=f" {i}")
        await _add(store, story.id, body, ex, published_at=NOW + timedelta(days=i))
    history = await store.figures(units=["troop"], story_ids=[story.id])
    assert [f.value_text for f, _ in history] == ["about 3,000", "2,500", "1,500"]
    assert await store.figures(units=["ferry"]) == []


async def test_corrections_and_retractions_keep_an_audit_trail(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    await _add(store, story.id, body, ex)
    fig = (await store.figures(units=["troop"]))[0][0]
    later = NOW + timedelta(hours=1)
    corrected = await store.edit_fact(
        fig.id,
        action="correct",
        actor="U_EDITOR",
        now=later,
        value_text="1,700",
        value_num=1700,
        note="per Pentagon",
    )
    assert (corrected.status, corrected.value_text, corrected.original_value_text) == (
        "corrected",
        "1,700",
        "1,500",
    )
    retracted = await store.edit_fact(fig.id, action="retract", actor="U_EDITOR", now=later)
    assert retracted.status == "retracted"
    trail = await store.audit_trail(fig.id)
    assert [(t["action"], t["before"]["status"], t["after"]["status"]) for t in trail] == [
        ("correct", "extracted", "corrected"),
        ("retract", "corrected", "retracted"),
    ]
    assert trail[0]["before"]["value_text"] == "1,500" and trail[0]["after"]["value_text"] == "1,700"
    assert trail[0]["at"] == later and trail[0]["actor"] == "U_EDITOR"
    with pytest.raises(NotFound):
        await store.edit_fact(999_999, action="retract", actor="U", now=later)


@dataclass
class _MentionWithoutPosition:
    name: str
    kind: str
    sentence_index: int
    start: int | None = None
    end: int | None = None
    role: str | None = None
    aliases: list[str] = field(default_factory=list)


async def test_a_failure_mid_article_stores_nothing(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    good_body, good = _report("1,500", 1500)
    await _add(store, story.id, good_body, good)
    before = await store.count_rows()
    body, ex = _report("9,999", 9999, extra=" again")
    # An entity mention without a position breaks the insert after sentences and facts went in.
    # (A stand-in: the compiled EntityMention itself refuses a None position.)
    ex.entities.append(_MentionWithoutPosition("Nowhere", "place", 0))  # type: ignore[arg-type]
    with pytest.raises(StatementError):
        await _add(store, story.id, body, ex)
    assert await store.count_rows() == before
    assert [h.text for h in await store.search_sentences(["9,999", "again"])] == []


async def test_question_log_lists_unanswered_most_asked_first(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    for q, ok in [
        ("How many boats?", False),
        ("how many boats", False),
        ("who is the mayor?", False),
        ("troops?", True),
        ("troops", False),
    ]:
        await store.log_question(question=q, story_id=story.id, answered=ok, now=NOW)
    gaps = await store.unanswered_questions(story_id=story.id)
    assert gaps[0][1] == 2 and gaps[0][0].lower().startswith("how many boats")
    assert [g[0] for g in gaps][1:] == ["who is the mayor?"]


async def test_known_terms_follow_ingest(store: Store) -> None:
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    await _add(store, story.id, body, ex)
    terms = await store.known_terms()
    assert {"governor", "troops", "ferry"} <= terms
    assert "1,500" not in terms


async def test_times_come_back_timezone_aware(store: Store) -> None:
    story = await store.ensure_story("s", now=datetime(2025, 1, 1, 5, 0, tzinfo=UTC))
    assert story.created_at == datetime(2025, 1, 1, 5, 0, tzinfo=UTC)
    with pytest.raises(StatementError):
        await store.ensure_story("naive", now=datetime(2025, 1, 1))


async def test_postgres_refuses_an_unmigrated_schema() -> None:
    schema = await new_pg_schema()
    try:
        with pytest.raises(StoreError, match="factdesk db upgrade"):
            await Store.open(PG_URL, schema=schema)
        s = await Store.open(PG_URL, schema=schema, migrate=True)
        await s.close()
        s = await Store.open(PG_URL, schema=schema)  # now current: opens without migrating
        assert await s.ping()
        await s.close()
    finally:
        await drop_pg_schema(schema)


async def test_sqlite_migrates_itself_on_first_use(tmp_path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'sub' / 'new.db'}"
    s = await Store.open(url)
    assert (tmp_path / "sub" / "new.db").exists()
    await s.close()
    s = await Store.open(url)  # second open finds the schema current
    assert await s.list_stories() == []
    await s.close()
