"""Every query the product makes: the `Store` object over one async engine."""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import (
    Integer,
    Select,
    String,
    TextClause,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store import db, writes
from store.models import (
    Article,
    AuditEntry,
    Entity,
    EntityAlias,
    Fact,
    Mention,
    QuestionLog,
    Sentence,
    Story,
    Term,
    UTCDateTime,
)
from store.records import ArticleRef, EntityRecord, FactRecord, SentenceHit, StoryCounts, StoryRecord

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z0-9]+")
# How many of the newest matching sentences a search ranks (see search_sentences).
SEARCH_WINDOW = 1000


# What add_article needs from an extraction; facts.types satisfies these structurally,
# so the store does not import the newsroom code. Read-only, so frozen values fit.
class SentenceInput(Protocol):
    @property
    def index(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


class FactInput(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def sentence_index(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def relation(self) -> str | None: ...
    @property
    def value_text(self) -> str | None: ...
    @property
    def value_num(self) -> float | None: ...
    @property
    def hedge(self) -> str | None: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def modifiers(self) -> Sequence[str]: ...
    @property
    def time_text(self) -> str | None: ...
    @property
    def time_value(self) -> str | None: ...
    @property
    def place(self) -> str | None: ...
    @property
    def attribution(self) -> str | None: ...
    @property
    def attributed_to(self) -> str | None: ...
    @property
    def attributed_medium(self) -> str | None: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def quote(self) -> str | None: ...


class EntityInput(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def sentence_index(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def role(self) -> str | None: ...
    @property
    def aliases(self) -> Sequence[str]: ...


class ExtractionInput(Protocol):
    @property
    def sentences(self) -> Sequence[SentenceInput]: ...
    @property
    def facts(self) -> Sequence[FactInput]: ...
    @property
    def entities(self) -> Sequence[EntityInput]: ...


_ARTICLE_COLUMNS = ("outlet", "url", "headline", "published_at", "ingested_at", "body", "content_hash")


@dataclass(frozen=True)
class AddedArticle:
    """What happened to one article handed to the store."""

    status: str  # "added" | "duplicate" | "revised"
    article_id: int
    revision: int
    sentence_count: int = 0
    fact_count: int = 0


class ArticleWriter:
    """Stores articles over one driver connection (from `Store.article_writer`)."""

    def __init__(self, store: Store, raw: Any) -> None:
        self._store = store
        self._raw = raw
        # PostgreSQL does a write's work in its own server process. SQLite does it on
        # aiosqlite's thread, which takes the GIL back after every statement step: extracting
        # the next report meanwhile made ingest slower (100 against 114 reports/s).
        self.writes_in_background = store.dialect != "sqlite"

    async def add_article(
        self,
        *,
        story_id: int,
        body: str,
        content_hash: str,
        extraction: ExtractionInput,
        now: datetime,
        outlet: str | None = None,
        url: str | None = None,
        headline: str | None = None,
        published_at: datetime | None = None,
    ) -> AddedArticle:
        """As `Store.add_article`."""
        store = self._store
        try:
            plan = store._plan_write(
                story_id=story_id,
                body=body,
                content_hash=content_hash,
                extraction=extraction,
                now=now,
                outlet=outlet,
                url=url,
                headline=headline,
                published_at=published_at,
            )
            if plan.words and store._terms is None:
                terms = await store._known_terms_set()
                plan.words = [w for w in plan.words if w not in terms]
            added = await store._write_article(self._raw, plan)
        except BaseException:
            # Ids cached during a rolled-back transaction may not exist.
            store._forget_entity_cache()
            raise
        if added is None:
            existing = await store._article_by_hash(story_id, content_hash)
            assert existing is not None
            return AddedArticle("duplicate", existing[0], existing[1])
        return added


class NotFound(db.StoreError):
    pass


class Store:
    """The fact store. Create with `await Store.open(url)`; close with `await store.close()`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        # Words known to be in the term table, grown in place as articles add words (a frozenset
        # rebuilt per article copied the whole vocabulary each time); `known_terms` hands out a
        # frozen copy, made again only after words were added.
        self._terms: set[str] | None = None
        self._terms_frozen: frozenset[str] | None = None
        # Entities and aliases this process has seen stored, so that a report naming the
        # same people as the last one costs no extra queries. Cleared on any failure.
        self._entity_cache: dict[tuple[int, str, str], tuple[int, str | None]] = {}
        self._alias_cache: set[tuple[int, str]] = set()
        self._article_binds: list[Any] | None = None

    @classmethod
    async def open(cls, url: str, *, migrate: bool | None = None, schema: str | None = None) -> Store:
        """Open the store at `url`. SQLite migrates itself unless told not to; PostgreSQL
        must have been brought up to date with `factdesk db upgrade` (or migrate=True)."""
        engine = db.create_engine(url, schema=schema)
        if migrate is None:
            migrate = db.is_sqlite(url)
        try:
            if migrate:
                await db.upgrade(engine)
            elif not await db.schema_is_current(engine):
                raise db.StoreError("the database schema is out of date: run `factdesk db upgrade`")
        except db.StoreError:
            await engine.dispose()
            raise
        except Exception as exc:  # a driver error at open is a configuration problem
            await engine.dispose()
            raise db.StoreError(f"cannot open the database: {_one_line(exc)}") from exc
        return cls(engine)

    async def close(self) -> None:
        await self.engine.dispose()

    async def ping(self) -> bool:
        async with self.engine.connect() as conn:
            return (await conn.execute(text("SELECT 1"))).scalar() == 1

    # ---- stories -------------------------------------------------------------------------

    async def ensure_story(
        self,
        slug: str,
        *,
        title: str | None = None,
        now: datetime,
        channel_id: str | None = None,
        is_private: bool = False,
    ) -> StoryRecord:
        """The story with `slug`, created when missing (concurrent creators get the same row)."""
        async with self.engine.begin() as conn:
            await conn.execute(
                self._insert_ignore(Story, ["slug"]).values(
                    slug=slug,
                    title=title or slug.replace("-", " ").capitalize(),
                    channel_id=channel_id,
                    is_private=is_private,
                    created_at=now,
                )
            )
        story = await self.get_story(slug)
        assert story is not None
        return story

    async def get_story(self, slug: str) -> StoryRecord | None:
        stories = await self._stories(Story.slug == slug)
        return stories[0] if stories else None

    async def get_story_by_id(self, story_id: int) -> StoryRecord | None:
        stories = await self._stories(Story.id == story_id)
        return stories[0] if stories else None

    async def stories_for_channel(self, channel_id: str) -> list[StoryRecord]:
        return await self._stories(Story.channel_id == channel_id)

    async def list_stories(self) -> list[StoryRecord]:
        return await self._stories(None)

    async def bind_story(self, story_id: int, *, channel_id: str | None, is_private: bool) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                update(Story).where(Story.id == story_id).values(channel_id=channel_id, is_private=is_private)
            )

    async def _stories(self, where: Any) -> list[StoryRecord]:
        query: Select[Any] = select(Story).order_by(Story.created_at, Story.id)  # type: ignore[arg-type]
        if where is not None:
            query = query.where(where)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [
            StoryRecord(
                id=r.id,
                slug=r.slug,
                title=r.title,
                channel_id=r.channel_id,
                is_private=r.is_private,
                created_at=r.created_at,
            )
            for r in rows
        ]

    async def story_counts(self, story_ids: Sequence[int]) -> dict[int, StoryCounts]:
        """Current reports and live facts of each story, for listings. Counted per story, so
        the cost is that of the stories asked about: finding or checking a story (every
        question, every ingest) never counts, as counting rows grows with the store."""
        if not story_ids:
            return {}
        articles = (
            select(func.count())
            .where(Article.story_id == Story.id, Article.superseded.is_(False))  # type: ignore[attr-defined]
            .scalar_subquery()
        )
        facts = (
            select(func.count())
            .where(Fact.story_id == Story.id, Fact.live.is_(True))  # type: ignore[attr-defined]
            .scalar_subquery()
        )
        query = select(Story.id, articles, facts).where(Story.id.in_(list(story_ids)))  # type: ignore[union-attr]
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return {int(r[0]): StoryCounts(articles=int(r[1]), facts=int(r[2])) for r in rows}

    # ---- articles ------------------------------------------------------------------------

    async def add_article(
        self,
        *,
        story_id: int,
        body: str,
        content_hash: str,
        extraction: ExtractionInput,
        now: datetime,
        outlet: str | None = None,
        url: str | None = None,
        headline: str | None = None,
        published_at: datetime | None = None,
    ) -> AddedArticle:
        """Store one article with its sentences, facts and entities in one transaction.

        The same text again (same story, same content hash) is a no-op; a new text at a URL
        already stored becomes the next revision and retires the older one's facts."""
        async with self.article_writer() as writer:
            return await writer.add_article(
                story_id=story_id,
                body=body,
                content_hash=content_hash,
                extraction=extraction,
                now=now,
                outlet=outlet,
                url=url,
                headline=headline,
                published_at=published_at,
            )

    @asynccontextmanager
    async def article_writer(self) -> AsyncIterator[ArticleWriter]:
        """One connection held for a run of `add_article` calls, each still its own transaction:
        a checkout costs PostgreSQL three round trips (the pool's ping), more than a small
        article's own writes. One write at a time per writer."""
        if self._terms is None:
            # Read before the checkout, so a write never holds two connections at once.
            await self._known_terms_set()
        async with self.engine.connect() as conn:
            yield ArticleWriter(self, (await conn.get_raw_connection()).driver_connection)

    async def _article_by_hash(self, story_id: int, content_hash: str) -> tuple[int, int] | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(Article.id, Article.revision).where(
                        Article.story_id == story_id, Article.content_hash == content_hash
                    )
                )
            ).first()
        return (row[0], row[1]) if row else None

    def _plan_write(
        self,
        *,
        story_id: int,
        body: str,
        content_hash: str,
        extraction: ExtractionInput,
        now: datetime,
        outlet: str | None,
        url: str | None,
        headline: str | None,
        published_at: datetime | None,
    ) -> writes.ArticleWrite:
        if self._article_binds is None:
            columns = Article.__table__.c  # type: ignore[attr-defined]
            self._article_binds = writes.bind_processors(
                [columns[n] for n in _ARTICLE_COLUMNS], self.engine.dialect
            )
        try:
            article = writes.apply(
                self._article_binds, (outlet, url, headline, published_at, now, body, content_hash)
            )
        except (TypeError, ValueError) as exc:  # e.g. a naive datetime, refused by UTCDateTime
            raise StatementError(str(exc), "INSERT INTO article", None, exc) from exc  # type: ignore[arg-type]
        return writes.plan_write(
            story_id=story_id,
            article=article,
            url=url,
            extraction=extraction,
            entity_cache=self._entity_cache,
            terms=self._terms,
        )

    async def _write_article(self, raw: Any, plan: writes.ArticleWrite) -> AddedArticle | None:
        """Write a planned article in one transaction over the driver connection `raw`;
        None when its text is already stored."""
        if self.dialect == "sqlite":
            # One hop to aiosqlite's thread for the whole transaction (see store.writes).
            result = await raw._execute(writes.sqlite_write, raw._conn, plan, self._alias_cache)
        else:
            result = await writes.pg_write(raw, plan, self._alias_cache)
        if result is None:
            return None
        for key, value in result.entities.items():
            self._entity_cache[(plan.story_id, *key)] = value
        self._alias_cache |= result.aliases
        if self._terms is not None and plan.words:
            # Only once the transaction commits are the words really there; a failed
            # article costs nothing worse than a missed spelling fix until the next restart.
            self._terms.update(plan.words)
            self._terms_frozen = None
        return AddedArticle(
            "revised" if result.previous_id else "added",
            result.article_id,
            result.revision,
            sentence_count=result.sentence_count,
            fact_count=result.fact_count,
        )

    def _forget_entity_cache(self) -> None:
        self._entity_cache.clear()
        self._alias_cache.clear()

    async def known_terms(self) -> frozenset[str]:
        """Lower-case words present in stored sentences (for correcting typos in questions).
        The same object until words are added, so callers may cache what they derive from it."""
        if self._terms_frozen is None:
            self._terms_frozen = frozenset(await self._known_terms_set())
        return self._terms_frozen

    async def _known_terms_set(self) -> set[str]:
        """The store's own (growing) set of known words, read from the database once."""
        if self._terms is None:
            async with self.engine.connect() as conn:
                words = (await conn.execute(select(Term.word))).scalars().all()
            self._terms = set(words)
            self._terms_frozen = None
        return self._terms

    def forget_cached_terms(self) -> None:
        """Another process may have added words; read them again on next use."""
        self._terms = None
        self._terms_frozen = None

    async def articles(self, *, story_id: int, include_superseded: bool = False) -> list[ArticleRef]:
        query = (
            select(Article, Story.slug)
            .join(Story, Story.id == Article.story_id)
            .where(Article.story_id == story_id)
            .order_by(Article.published_at, Article.id)
        )
        if not include_superseded:
            query = query.where(Article.superseded.is_(False))  # type: ignore[attr-defined]
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [article_ref(r, r.slug) for r in rows]

    async def article_body(self, article_id: int) -> str | None:
        async with self.engine.connect() as conn:
            return (await conn.execute(select(Article.body).where(Article.id == article_id))).scalar()

    async def count_rows(self) -> dict[str, int]:
        """Row counts per table (for checks that nothing was half-written)."""
        out: dict[str, int] = {}
        async with self.engine.connect() as conn:
            for model in (Story, Article, Sentence, Fact, Entity, EntityAlias, Mention):
                table = model.__table__  # type: ignore[attr-defined]
                out[table.name] = (await conn.execute(select(func.count()).select_from(table))).scalar_one()
        return out

    # ---- search --------------------------------------------------------------------------

    async def search_sentences(
        self, terms: Sequence[str], *, story_ids: Sequence[int] | None = None, limit: int = 40
    ) -> list[SentenceHit]:
        """Live sentences matching ANY of `terms` (words or short phrases), best first.

        Uses the engine's own full-text index (FTS5 / tsvector with ts_rank_cd); terms are
        quoted here, so callers pass plain words. Only the newest `SEARCH_WINDOW` matches are
        ranked: in a running story the newest reports are the ones to answer from, and the
        cost stays flat as the store grows. On SQLite the window is ranked with BM25 whose
        document counts come from the window itself: FTS5's own bm25() counts every match
        of each word in the whole table, which grew 3x from 10k to 100k articles."""
        phrases = _phrases(terms)
        if not phrases:
            return []
        params: dict[str, Any] = {"limit": limit, "window": max(SEARCH_WINDOW, limit)}
        story_filter = ""
        if story_ids is not None:
            if not story_ids:
                return []
            story_filter = " AND s.story_id IN (" + ",".join(str(int(i)) for i in story_ids) + ")"
        if self.dialect == "sqlite":
            params["q"] = " OR ".join('"' + " ".join(p) + '"' for p in phrases)
            if story_filter:
                # the story's sentence ids bound the full-text scan (FTS5 seeks a rowid range):
                # without the bounds a small story's matches are found by joining every match
                # of a common word in the whole store (35-150 ms at 10k articles), with them 2-16 ms
                ids = ",".join(str(int(i)) for i in story_ids or ())
                story_filter += (
                    f" AND sentence_fts.rowid >= (SELECT min(id) FROM sentence WHERE story_id IN ({ids}))"
                    f" AND sentence_fts.rowid <= (SELECT max(id) FROM sentence WHERE story_id IN ({ids}))"
                )
            sql = ""  # built on the connection below, once the window is known
        else:
            params["q"] = " | ".join("(" + " <-> ".join(p) + ")" for p in phrases)
            sql = (
                'SELECT w.id, w.idx, w.text, w.start, w."end", w.article_id, ts_rank_cd(w.tsv, q) AS rank '
                "FROM ("
                'SELECT s.id, s.idx, s.text, s.start, s."end", s.article_id, s.tsv '
                "FROM sentence s WHERE s.tsv @@ to_tsquery('english', :q) "
                f"AND s.live{story_filter} ORDER BY s.id DESC LIMIT :window"
                ") w, to_tsquery('english', :q) q "
                "ORDER BY rank DESC, w.id DESC LIMIT :limit"
            )
        async with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                ranking = await self._sqlite_window_ranking(conn, phrases, story_filter, params)
                if ranking is None:
                    return []
                sql = ranking
            # the hits' articles in the same statement (one driver round trip fewer per question)
            sql = (
                'SELECT h.id, h.idx, h.text, h.start, h."end", h.article_id, h.rank, a.story_id, a.outlet, '
                "a.url, a.headline, a.published_at, a.ingested_at, a.revision, st.slug "
                f"FROM ({sql}) h JOIN article a ON a.id = h.article_id JOIN story st ON st.id = a.story_id "
                "ORDER BY h.rank DESC, h.id DESC"
            )
            rows = (await conn.execute(_hits_query(sql), params)).all()
            return await self._hits(
                conn,
                [(r[0], r[1], r[2], r[3], r[4], r[5], float(r[6])) for r in rows],
                articles=_articles_of(rows, 7),
            )

    async def _sqlite_window_ranking(
        self, conn: AsyncConnection, phrases: list[list[str]], story_filter: str, params: dict[str, Any]
    ) -> str | None:
        """The ranking query over the newest matches (None when nothing matches).

        BM25 with each sentence counted once per phrase, the document counts taken within
        the window (the window's first and last sentence ids bound every count, so each
        stays bounded by the window whatever the store's size)."""
        base = (
            f"FROM sentence_fts JOIN sentence s ON s.id = sentence_fts.rowid WHERE s.live = 1{story_filter}"
        )
        for i, p in enumerate(phrases):
            params[f"p{i}"] = '"' + " ".join(p) + '"'
        # The window's bounds and size and each phrase's document count in one statement (one
        # driver round trip, not two). The counts are taken over the window's id range without
        # the join: joining lets SQLite probe the index once per sentence of the story (27 ms);
        # a neighbour story's rows in the range barely move a document count.
        counts = "".join(
            f", (SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH :p{i} "
            "AND rowid BETWEEN b.lo AND b.hi)"
            for i in range(len(phrases))
        )
        row = (
            await conn.execute(
                _text(
                    "SELECT b.lo, b.hi, b.n, b.avg_len"
                    + counts
                    + " FROM (SELECT min(id) AS lo, max(id) AS hi, count(*) AS n, avg(length(text)) AS avg_len "
                    f"FROM (SELECT s.id, s.text {base} AND sentence_fts MATCH :q "
                    "ORDER BY sentence_fts.rowid DESC LIMIT :window)) b"
                ),
                params,
            )
        ).one()
        lo, hi, n, avg_len = row[0], row[1], row[2], row[3]
        if not n:
            return None
        params["lo"], params["hi"] = lo, hi
        weights = []
        for i in range(len(phrases)):
            d = int(row[4 + i] or 0)
            params[f"w{i}"] = math.log(1 + (n - d + 0.5) / (d + 0.5))
            weights.append(
                f":w{i} * (s.id IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH :p{i} "
                "AND rowid BETWEEN :lo AND :hi))"
            )
        params["avg_len"] = float(avg_len or 1.0)
        # k1 = 1.2, b = 0.75 with a term frequency of one: (k1 + 1) / (1 + k1 * (1 - b + b * len / avg))
        return (
            'SELECT s.id, s.idx, s.text, s.start, s."end", s.article_id, '
            f"({' + '.join(weights)}) * 2.2 / (1 + 1.2 * (0.25 + 0.75 * length(s.text) / :avg_len)) AS rank "
            f"{base} AND sentence_fts MATCH :q AND sentence_fts.rowid BETWEEN :lo AND :hi "
            "ORDER BY rank DESC, s.id DESC LIMIT :limit"
        )

    async def sentences_of_article(self, article_id: int) -> list[SentenceHit]:
        """Every sentence of one article, in order, with its facts."""
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(
                        Sentence.id,
                        Sentence.idx,
                        Sentence.text,
                        Sentence.start,
                        Sentence.end,
                        Sentence.article_id,
                    )
                    .where(Sentence.article_id == article_id)
                    .order_by(Sentence.idx)  # type: ignore[arg-type]
                )
            ).all()
            return await self._hits(conn, [(*r, 0.0) for r in rows])

    async def sentences_at(self, positions: Sequence[tuple[int, int]]) -> list[SentenceHit]:
        """The sentences at these (article id, sentence index) positions, with their facts, in
        no set order (positions past an article's end are left out). One query for what the
        engine would otherwise read whole articles for: the sentence before one that says "he"
        or "there", the one after a "why" answer's sentence."""
        pairs = sorted({(int(a), int(i)) for a, i in positions if i >= 0})
        if not pairs:
            return []
        by_article: dict[int, list[int]] = {}
        for a, i in pairs:
            by_article.setdefault(a, []).append(i)
        # integers written into the statement (no expression tree to build per call) and the
        # articles joined in: one round trip where there were two
        cond = " OR ".join(
            f"(s.article_id = {a} AND s.idx IN ({','.join(str(i) for i in idxs)}))"
            for a, idxs in by_article.items()
        )
        sql = (
            'SELECT s.id, s.idx, s.text, s.start, s."end", s.article_id, a.story_id, a.outlet, a.url, '
            "a.headline, a.published_at, a.ingested_at, a.revision, st.slug FROM sentence s "
            "JOIN article a ON a.id = s.article_id JOIN story st ON st.id = a.story_id "
            f"WHERE {cond}"
        )
        async with self.engine.connect() as conn:
            rows = (await conn.execute(_hits_query(sql))).all()
            return await self._hits(conn, [(*r[:6], 0.0) for r in rows], articles=_articles_of(rows, 6))

    async def figures(
        self, *, units: Sequence[str], story_ids: Sequence[int] | None = None, limit: int = 200
    ) -> list[tuple[FactRecord, SentenceHit]]:
        """Live figure facts counting one of `units`, newest article first (for histories)."""
        if not units:
            return []
        query = (
            select(Fact.sentence_id)
            .join(Article, Article.id == Fact.article_id)
            .where(
                Fact.kind == "figure",
                Fact.unit.in_(list(units)),  # type: ignore[union-attr]
                Fact.live.is_(True),  # type: ignore[attr-defined]
            )
            .order_by(Article.published_at.desc().nulls_last(), Article.id.desc())  # type: ignore[union-attr]
            .limit(limit)
        )
        if story_ids is not None:
            query = query.where(Fact.story_id.in_(list(story_ids)))  # type: ignore[attr-defined]
        async with self.engine.connect() as conn:
            sentence_ids = list(dict.fromkeys((await conn.execute(query)).scalars().all()))
            if not sentence_ids:
                return []
            hits = await self._hits_by_ids(conn, sentence_ids)
        by_id = {h.sentence_id: h for h in hits}
        wanted = set(units)
        out = []
        for sid in sentence_ids:
            hit = by_id.get(sid)
            if hit is None:
                continue
            for f in hit.facts:
                if f.kind == "figure" and f.unit in wanted:
                    out.append((f, hit))
        return out

    async def _hits_by_ids(self, conn: AsyncConnection, sentence_ids: Sequence[int]) -> list[SentenceHit]:
        """The sentences with these ids, with their articles and facts (in no set order)."""
        rows = (
            await conn.execute(
                select(
                    Sentence.id,
                    Sentence.idx,
                    Sentence.text,
                    Sentence.start,
                    Sentence.end,
                    Sentence.article_id,
                ).where(Sentence.id.in_(list(sentence_ids)))
            )
        ).all()
        return await self._hits(conn, [(*r, 0.0) for r in rows])

    async def _article_refs(self, conn: AsyncConnection, article_ids: Sequence[int]) -> dict[int, ArticleRef]:
        rows = (
            await conn.execute(
                select(
                    Article.id,
                    Article.story_id,
                    Article.outlet,
                    Article.url,
                    Article.headline,
                    Article.published_at,
                    Article.ingested_at,
                    Article.revision,
                    Story.slug,
                )
                .join(Story, Story.id == Article.story_id)
                .where(Article.id.in_(list(article_ids)))  # type: ignore[union-attr]
            )
        ).all()
        return {r.id: article_ref(r, r.slug) for r in rows}

    async def _hits(
        self,
        conn: AsyncConnection,
        rows: list[tuple[Any, ...]],
        *,
        articles: dict[int, ArticleRef] | None = None,
    ) -> list[SentenceHit]:
        """SentenceHits of (id, idx, text, start, end, article_id, rank) rows, with their facts
        and articles (read here unless the caller has them)."""
        if not rows:
            return []
        article_ids = sorted({r[5] for r in rows})
        sentence_ids = [r[0] for r in rows]
        if articles is None:
            articles = await self._article_refs(conn, article_ids)
        facts: dict[int, list[FactRecord]] = {}
        # plain columns, read by position, and the modifiers' JSON decoded once per distinct
        # value: ~150 facts per question, and a whole-row ORM read cost ~20 us each
        fact_rows = (await conn.execute(_FACTS_OF_SENTENCES, {"ids": sentence_ids})).all()
        for fr in fact_rows:
            facts.setdefault(fr[2], []).append(_fact_from_tuple(fr))
        return [
            SentenceHit(
                sentence_id=r[0],
                index=r[1],
                text=r[2],
                start=r[3],
                end=r[4],
                rank=r[6],
                article=articles[r[5]],
                facts=facts.get(r[0], []),
            )
            for r in rows
        ]

    # ---- facts and their edits ------------------------------------------------------------

    async def facts_for_story(
        self, story_id: int, *, kinds: Sequence[str] | None = None, limit: int = 10_000
    ) -> list[tuple[FactRecord, SentenceHit]]:
        """Live facts of a story in reading order (article published time, then position)."""
        query = (
            select(Fact.sentence_id)
            .join(Article, Article.id == Fact.article_id)
            .where(Fact.story_id == story_id, Fact.live.is_(True))  # type: ignore[attr-defined]
            .order_by(Article.published_at.nulls_last(), Article.id, Fact.start)  # type: ignore[union-attr]
        )
        if kinds:
            query = query.where(Fact.kind.in_(list(kinds)))  # type: ignore[attr-defined]
        async with self.engine.connect() as conn:
            sentence_ids = list(dict.fromkeys((await conn.execute(query.limit(limit))).scalars().all()))
            if not sentence_ids:
                return []
            hits = {h.sentence_id: h for h in await self._hits_by_ids(conn, sentence_ids)}
        out = []
        for sid in sentence_ids:
            for f in hits[sid].facts:
                if not kinds or f.kind in kinds:
                    out.append((f, hits[sid]))
        return out

    async def get_fact(self, fact_id: int) -> FactRecord | None:
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(Fact).where(Fact.id == fact_id))).first()
        return _fact_record(row) if row else None

    async def edit_fact(
        self,
        fact_id: int,
        *,
        action: str,
        actor: str,
        now: datetime,
        value_text: str | None = None,
        value_num: float | None = None,
        note: str | None = None,
    ) -> FactRecord:
        """Confirm, correct or retract a fact, with an audit entry, in one transaction."""
        if action not in {"confirm", "correct", "retract"}:
            raise ValueError(f"unknown fact edit {action!r}")
        async with self.engine.begin() as conn:
            row = (await conn.execute(select(Fact).where(Fact.id == fact_id).with_for_update())).first()
            if row is None:
                raise NotFound(f"there is no fact #{fact_id}")
            before = {"status": row.status, "value_text": row.value_text, "value_num": row.value_num}
            values: dict[str, Any] = {"updated_at": now, "note": note if note is not None else row.note}
            if action == "confirm":
                values["status"] = "confirmed"
            elif action == "retract":
                values["status"] = "retracted"
            else:
                if not value_text:
                    raise ValueError("a correction needs the corrected value")
                values.update(
                    status="corrected",
                    value_text=value_text,
                    value_num=value_num,
                    original_value_text=row.original_value_text or row.value_text,
                )
            await conn.execute(update(Fact).where(Fact.id == fact_id).values(**values))
            after = {k: values.get(k, before.get(k)) for k in ("status", "value_text", "value_num")}
            await conn.execute(
                insert(AuditEntry).values(
                    fact_id=fact_id, actor=actor, action=action, at=now, before=before, after=after, note=note
                )
            )
        fact = await self.get_fact(fact_id)
        assert fact is not None
        return fact

    async def audit_trail(self, fact_id: int) -> list[dict[str, Any]]:
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(AuditEntry).where(AuditEntry.fact_id == fact_id).order_by(AuditEntry.id)
                )  # type: ignore[arg-type]
            ).all()
        return [
            {
                "actor": r.actor,
                "action": r.action,
                "at": r.at,
                "before": r.before,
                "after": r.after,
                "note": r.note,
            }
            for r in rows
        ]

    # ---- entities ------------------------------------------------------------------------

    async def entities(self, *, story_id: int, kind: str | None = None) -> list[EntityRecord]:
        query = select(Entity).where(Entity.story_id == story_id).order_by(Entity.kind, Entity.name)
        if kind:
            query = query.where(Entity.kind == kind)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
            alias_rows = (
                await conn.execute(
                    select(EntityAlias.entity_id, EntityAlias.alias).where(
                        EntityAlias.entity_id.in_([r.id for r in rows])  # type: ignore[attr-defined]
                    )
                )
            ).all()
        aliases: dict[int, list[str]] = {}
        for eid, alias in alias_rows:
            aliases.setdefault(eid, []).append(alias)
        return [
            EntityRecord(
                id=r.id,
                story_id=r.story_id,
                kind=r.kind,
                name=r.name,
                role=r.role,
                aliases=tuple(sorted(a for a in aliases.get(r.id, []) if a != r.name)),
            )
            for r in rows
        ]

    async def find_entities(self, name: str, *, story_ids: Sequence[int] | None = None) -> list[EntityRecord]:
        """Entities whose name or an alias equals `name` (case-insensitive)."""
        query = (
            select(Entity.id, Entity.story_id)
            .join(EntityAlias, EntityAlias.entity_id == Entity.id)
            .where(func.lower(EntityAlias.alias) == name.strip().lower())
        )
        if story_ids is not None:
            query = query.where(Entity.story_id.in_(list(story_ids)))  # type: ignore[attr-defined]
        async with self.engine.connect() as conn:
            found = (await conn.execute(query)).all()
        out = []
        for story_id in sorted({r.story_id for r in found}):
            ids = {r.id for r in found if r.story_id == story_id}
            out += [e for e in await self.entities(story_id=story_id) if e.id in ids]
        return out

    # ---- questions -----------------------------------------------------------------------

    async def log_question(
        self,
        *,
        question: str,
        story_id: int | None,
        answered: bool,
        now: datetime,
        asked_by: str | None = None,
    ) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(
                insert(QuestionLog).values(
                    story_id=story_id,
                    question=question[:2000],
                    normalized=normalize_question(question)[:500],
                    answered=answered,
                    asked_by=asked_by,
                    asked_at=now,
                )
            )

    async def unanswered_questions(self, *, story_id: int | None, limit: int = 50) -> list[tuple[str, int]]:
        """Questions never answered, most asked first: (an example wording, times asked)."""
        query = (
            select(QuestionLog.normalized, func.min(QuestionLog.question), func.count().label("n"))
            .group_by(QuestionLog.normalized)
            .having(func.max(cast(QuestionLog.answered, Integer)) == 0)
            .order_by(text("n DESC"), QuestionLog.normalized)
            .limit(limit)
        )
        if story_id is not None:
            query = query.where(QuestionLog.story_id == story_id)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [(r[1], int(r[2])) for r in rows]

    # ---- helpers -------------------------------------------------------------------------

    def _insert_ignore(self, model: Any, keys: list[str]) -> Any:
        """INSERT ... ON CONFLICT DO NOTHING in this engine's dialect."""
        table = model.__table__
        if self.dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing(index_elements=keys)
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=keys)

    async def delete_story(self, story_id: int) -> None:
        """Remove a story and everything stored under it."""
        async with self.engine.begin() as conn:
            article_ids = select(Article.id).where(Article.story_id == story_id)
            fact_ids = select(Fact.id).where(Fact.story_id == story_id)
            entity_ids = select(Entity.id).where(Entity.story_id == story_id)
            await conn.execute(delete(AuditEntry).where(AuditEntry.fact_id.in_(fact_ids)))  # type: ignore[attr-defined]
            await conn.execute(delete(Mention).where(Mention.entity_id.in_(entity_ids)))  # type: ignore[attr-defined]
            await conn.execute(delete(EntityAlias).where(EntityAlias.entity_id.in_(entity_ids)))  # type: ignore[attr-defined]
            await conn.execute(delete(Entity).where(Entity.story_id == story_id))
            await conn.execute(delete(Fact).where(Fact.story_id == story_id))
            await conn.execute(delete(Sentence).where(Sentence.story_id == story_id))
            await conn.execute(update(Article).where(Article.story_id == story_id).values(previous_id=None))
            await conn.execute(delete(Article).where(and_(Article.id.in_(article_ids))))  # type: ignore[attr-defined]
            await conn.execute(delete(Story).where(Story.id == story_id))
        self._forget_entity_cache()


def normalize_question(question: str) -> str:
    """A key that groups the same question typed slightly differently."""
    return " ".join(_WORD.findall(question.lower()))


@lru_cache(maxsize=512)
def _text(sql: str) -> TextClause:
    """A textual statement, built once per SQL string: building one parses its bind
    parameters (a few hundred microseconds for a search's statements)."""
    return text(sql)


@lru_cache(maxsize=512)
def _hits_query(sql: str) -> TextClause:
    """search_sentences's statement, its article times read as UTC (built once per SQL string)."""
    return text(sql).columns(published_at=UTCDateTime(), ingested_at=UTCDateTime())  # type: ignore[return-value]


def _phrases(terms: Sequence[str]) -> list[list[str]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for term in terms:
        words = _WORD.findall(term.lower())
        key = tuple(words)
        if words and key not in seen:
            seen.add(key)
            out.append(words)
    return out


def article_ref(row: Any, slug: str) -> ArticleRef:
    """An ArticleRef from a row holding the article's columns."""
    return ArticleRef(
        article_id=row.id,
        story_id=row.story_id,
        story_slug=slug,
        outlet=row.outlet,
        url=row.url,
        headline=row.headline,
        published_at=row.published_at,
        ingested_at=row.ingested_at,
        revision=row.revision,
    )


_FACT_FIELDS = (
    "id",
    "article_id",
    "sentence_id",
    "kind",
    "start",
    "end",
    "status",
    "subject",
    "relation",
    "value_text",
    "value_num",
    "hedge",
    "unit",
    "time_text",
    "time_value",
    "place",
    "attribution",
    "attributed_to",
    "attributed_medium",
    "speaker",
    "quote",
    "original_value_text",
    "note",
)
_FACT_COLUMNS = tuple(getattr(Fact, f) for f in _FACT_FIELDS)
_N_FACT_FIELDS = len(_FACT_FIELDS)
_MODS_AT = _FACT_FIELDS.index("unit") + 1


@lru_cache(maxsize=4096)
def _modifiers_of(raw: str) -> tuple[str, ...]:
    value = json.loads(raw)
    return tuple(value) if isinstance(value, list) else ()


# The facts of some sentences (`ids`, expanding), in reading order: built once, not per search.
_FACTS_OF_SENTENCES = (
    select(*_FACT_COLUMNS, type_coerce(Fact.modifiers, String))
    .where(Fact.sentence_id.in_(bindparam("ids", expanding=True)))  # type: ignore[attr-defined]
    .order_by(Fact.start, Fact.id)  # type: ignore[arg-type]
)


def _fact_from_tuple(row: Sequence[Any]) -> FactRecord:
    """A FactRecord from `_FACT_COLUMNS` plus the modifiers (JSON text, or a list when the
    driver decoded it already). Positional: ~150 facts per question."""
    raw = row[_N_FACT_FIELDS]
    if raw is None:
        mods: list[str] = []
    elif isinstance(raw, str):
        mods = list(_modifiers_of(raw))
    else:
        mods = list(raw)
    # FactRecord's fields in order: `_FACT_FIELDS` with the modifiers after `unit`
    return FactRecord(*row[:_MODS_AT], mods, *row[_MODS_AT:_N_FACT_FIELDS])  # type: ignore[call-arg]


def _articles_of(rows: Sequence[Any], at: int) -> dict[int, ArticleRef]:
    """ArticleRefs of rows holding (article_id at 5) story_id, outlet, url, headline,
    published_at, ingested_at, revision and the story's slug from position `at` on."""
    out: dict[int, ArticleRef] = {}
    for r in rows:
        if r[5] not in out:
            out[r[5]] = ArticleRef(
                article_id=r[5],
                story_id=r[at],
                story_slug=r[at + 7],
                outlet=r[at + 1],
                url=r[at + 2],
                headline=r[at + 3],
                published_at=r[at + 4],
                ingested_at=r[at + 5],
                revision=r[at + 6],
            )
    return out


def _fact_record(row: Any) -> FactRecord:
    return FactRecord(
        id=row.id,
        article_id=row.article_id,
        sentence_id=row.sentence_id,
        kind=row.kind,
        start=row.start,
        end=row.end,
        status=row.status,
        subject=row.subject,
        relation=row.relation,
        value_text=row.value_text,
        value_num=row.value_num,
        hedge=row.hedge,
        unit=row.unit,
        modifiers=list(row.modifiers or []),
        time_text=row.time_text,
        time_value=row.time_value,
        place=row.place,
        attribution=row.attribution,
        attributed_to=row.attributed_to,
        attributed_medium=row.attributed_medium,
        speaker=row.speaker,
        quote=row.quote,
        original_value_text=row.original_value_text,
        note=row.note,
    )


def _one_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
