"""The store contract, run on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import SQLModel

from facts.types import EntityMention, ExtractedFact, Extraction, SentenceInfo
from store import NotFound, Store, StoreError, db, writes
from store.digest_repo import DigestRepo
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
    counts = await store.story_counts([listed.id, story.id + 1000])
    assert list(counts) == [story.id]
    assert (counts[story.id].articles, counts[story.id].facts) == (1, 2)


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
    # the first revision's facts are retired, the second's live
    assert [f.value_text for f, _ in await store.figures(units=["troop"])] == ["2,500"]
    assert {f.kind for f, _ in await store.facts_for_story(story.id)} == {"figure", "statement"}
    assert len(await store.facts_for_story(story.id)) == 2


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
    assert await store.known_terms() is terms  # unchanged: the same object (callers cache on it)
    await _add(store, story.id, *_report("1,500", 1500, extra=" near lighthouses"))
    after = await store.known_terms()
    assert "lighthouses" in after and "lighthouses" not in terms
    await _add(store, story.id, *_report("1,500", 1500, extra=" near lighthouses again"))
    newest = await store.known_terms()
    store.forget_cached_terms()
    assert await store.known_terms() == newest == after | {"again"}


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


async def test_a_fact_or_mention_of_no_stored_sentence_is_refused(store: Store) -> None:
    """fact.sentence_id and mention.sentence_id stay foreign keys (their story and article
    ids are copies the chain sentence -> article -> story already checks)."""
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    added = await _add(store, story.id, body, ex)
    entity = (await store.entities(story_id=story.id))[0]
    async with store.engine.connect() as conn:
        sentence = (await store.sentences_of_article(added.article_id))[0].sentence_id
        for sql in (
            'INSERT INTO fact (story_id, article_id, sentence_id, kind, modifiers, start, "end", status, live) '
            f"VALUES ({story.id}, {added.article_id}, {sentence + 1000}, 'figure', '[]', 0, 1, 'extracted', true)",
            'INSERT INTO mention (entity_id, article_id, sentence_id, start, "end") '
            f"VALUES ({entity.id}, {added.article_id}, {sentence + 1000}, 0, 1)",
            'INSERT INTO mention (entity_id, article_id, sentence_id, start, "end") '
            f"VALUES ({entity.id + 1000}, {added.article_id}, {sentence}, 0, 1)",
        ):
            with pytest.raises(IntegrityError):
                async with conn.begin():
                    await conn.execute(text(sql))


def _schema_differences(connection: Connection) -> list[Any]:
    diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    # The full-text index (FTS5 tables, PostgreSQL's tsv column) is the migrations' alone.
    return [d for d in diff if "sentence_fts" not in str(d) and "tsv" not in str(d)]


async def test_the_models_match_the_migrated_schema(store: Store) -> None:
    async with store.engine.connect() as conn:
        assert await conn.run_sync(_schema_differences) == []


def _migrate(connection: Connection, revision: str, *, down: bool = False) -> None:
    cfg = db._alembic_config(connection)
    (command.downgrade if down else command.upgrade)(cfg, revision)


def _foreign_keys(connection: Connection) -> set[tuple[str, str]]:
    found = set()
    inspector = inspect(connection)
    for table in ("fact", "mention"):
        found |= {(table, c) for fk in inspector.get_foreign_keys(table) for c in fk["constrained_columns"]}
    return found


async def test_migrations_after_0003_keep_every_row_and_downgrade(store: Store) -> None:
    """0004 drops the foreign keys of the copied ids (SQLite by rebuilding fact and mention,
    with audit entries referring to facts), 0005 adds PostgreSQL's row types for the writes;
    the downgrade puts it all back, and articles are stored again after the upgrade."""
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    await _add(store, story.id, body, ex)
    fig = (await store.figures(units=["troop"]))[0][0]
    await store.edit_fact(fig.id, action="retract", actor="U_EDITOR", now=NOW)
    rows = await store.count_rows()
    kept = {("fact", "sentence_id"), ("mention", "sentence_id"), ("mention", "entity_id")}
    copies = {("fact", "story_id"), ("fact", "article_id"), ("mention", "article_id")}
    async with store.engine.begin() as conn:
        assert await conn.run_sync(_foreign_keys) == kept
        await conn.run_sync(_migrate, "0003", down=True)
        assert await conn.run_sync(_foreign_keys) == kept | copies
    assert await store.count_rows() == rows
    assert [t["action"] for t in await store.audit_trail(fig.id)] == ["retract"]
    async with store.engine.begin() as conn:
        await conn.run_sync(_migrate, "head")
        assert await conn.run_sync(_foreign_keys) == kept
        if store.dialect == "sqlite":
            assert (await conn.execute(text("PRAGMA foreign_key_check"))).all() == []
    assert await store.count_rows() == rows
    assert [t["action"] for t in await store.audit_trail(fig.id)] == ["retract"]
    assert [h.text for h in await store.search_sentences(["troops"])] == [
        "The governor ordered 1,500 additional troops to the northern border."
    ]
    body, ex = _report("2,500", 2500)
    assert (await _add(store, story.id, body, ex)).fact_count == 2


async def test_rows_find_their_sentence_by_index_not_position(store: Store) -> None:
    """An extraction may number its sentences from anywhere; facts and mentions still land on
    the sentence they name."""
    story = await store.ensure_story("s", now=NOW)
    body, ex = _report("1,500", 1500)
    renumbered = Extraction(
        sentences=[SentenceInfo(s.index + 5, s.start, s.end, s.text) for s in ex.sentences],
        facts=[replace(f, sentence_index=f.sentence_index + 5) for f in ex.facts],
        entities=[replace(m, sentence_index=m.sentence_index + 5) for m in ex.entities],
    )
    added = await _add(store, story.id, body, renumbered)
    hits = await store.sentences_of_article(added.article_id)
    assert [(h.index, h.text[:12], [f.kind for f in h.facts]) for h in hits] == [
        (5, "The governor", ["figure"]),
        (6, "Residents of", ["statement"]),
    ]
    people = await DigestRepo(store).new_people(story_id=story.id, since=None, until=NOW + timedelta(days=1))
    assert [(e.name, sentence) for e, sentence in people] == [("the governor", hits[0].sentence_id)]


async def test_postgres_retires_a_revision_s_facts_by_index_at_any_size() -> None:
    """The write statement's plan is made once per connection and kept, generic or per call,
    with no statistics to go by: the part retiring a replaced revision's facts must be index
    lookups for a small store and a large one alike, or every later article pays a scan of the
    fact table or a walk of the sentence table (even with no revision to retire)."""
    schema = await new_pg_schema()
    try:
        s = await Store.open(PG_URL, schema=schema, migrate=True)
        story = await s.ensure_story("s", now=NOW)
        added = await _add(s, story.id, *_report("1,500", 1500))
        plans = [await _write_plans(s)]
        async with s.engine.begin() as conn:
            await conn.execute(
                text(
                    'INSERT INTO sentence (article_id, story_id, idx, start, "end", text, live) '
                    f"SELECT {added.article_id}, {story.id}, g, 0, 1, 'x', true FROM generate_series(2, 50000) g"
                )
            )
        plans.append(await _write_plans(s))
        await s.close()
    finally:
        await drop_pg_schema(schema)
    for plan in (p for pair in plans for p in pair):
        retire = plan[plan.index("CTE pf") : plan.index("CTE s\n")]
        assert "ix_fact_sentence" in retire and "ix_sentence_article_idx" in retire, retire
        assert "Seq Scan" not in retire and "sentence_pkey" not in retire, retire


async def _write_plans(store: Store) -> list[str]:
    """EXPLAIN of the one-statement article write, planned generic and for its values."""
    values = "1, NULL, 'u', NULL, NULL, now(), 'b', 'h', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'"
    out = []
    async with store.engine.connect() as conn:
        for mode in ("force_generic_plan", "force_custom_plan"):
            await conn.execute(text(f"SET plan_cache_mode = {mode}"))
            await conn.exec_driver_sql("PREPARE w AS " + writes._PG_WHOLE.replace("%", "%%"))
            rows = (await conn.exec_driver_sql(f"EXPLAIN EXECUTE w({values})")).all()
            await conn.exec_driver_sql("DEALLOCATE w")
            out.append("\n".join(r[0] for r in rows))
    return out
