"""The article write path: one article, its sentences, facts, entities and words in one transaction.

Ingest writes ~150 rows an article. Through SQLAlchemy's async layer every statement costs
several hops between the event loop and the driver (cursor, execute, fetch, close), which cost
more than the database work itself. So the rows are prepared here once, in plain tuples, and
written with as few driver calls as the engine allows:

- SQLite: the whole article, its BEGIN IMMEDIATE and its COMMIT, is one function run on
  aiosqlite's own thread (one hop). Sentence ids are handed out from the table's current maximum
  while the write lock is held, so sentences, facts and mentions go in with no read-back, each
  table's rows as one multi-row INSERT (see `_insert_rows`).
- PostgreSQL: the raw asyncpg connection in its own transaction; one statement inserts the
  article (or finds it is a duplicate) and looks up the revision it replaces, one more inserts
  sentences, facts, mentions, aliases and words together from arrays (`unnest`; sentences,
  facts and mentions as arrays of rows of migration 0005's types, which asyncpg encodes with a
  check per row rather than per value), with the sentence ids taken from the sentences'
  RETURNING. Entities not yet cached cost one more.

The store's entity cache is read here and its new entries handed back for the caller to keep.
"""

from __future__ import annotations

import json
import operator
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, count
from typing import Any, NamedTuple

from sqlalchemy import exc as sa_exc

FACT_FIELDS = (
    "kind subject relation value_text value_num hedge unit time_text time_value place "
    "attribution attributed_to attributed_medium speaker quote start end"
).split()
# Columns of a fact row as written: FACT_FIELDS, then these.
FACT_TAIL = ["modifiers", "story_id", "article_id", "sentence_id", "status", "live"]
_fact_values = operator.attrgetter(*FACT_FIELDS)
_TERM_WORD = re.compile(r"[a-z][a-z'-]{2,39}")

EntityKey = tuple[str, str]  # (kind, name)


@lru_cache(maxsize=4096)
def _modifiers_json(modifiers: tuple[str, ...]) -> str:
    """A fact's modifiers as stored (JSON text): the same few lists recur in every report."""
    return json.dumps(list(modifiers))


@dataclass
class ArticleWrite:
    """Everything one article writes, as plain values (prepared on the event loop)."""

    story_id: int
    # outlet, url, headline, published_at, ingested_at, body, content_hash: bind-ready values
    article: tuple[Any, ...]
    url: str | None
    sentences: list[tuple[int, int, int, str]]  # (idx, start, end, text)
    # FACT_FIELDS values + modifiers (JSON text) + position of the fact's sentence in `sentences`
    facts: list[tuple[Any, ...]]
    # (kind, name, sentence position, start, end, role, aliases)
    mentions: list[tuple[str, str, int, Any, Any, str | None, list[str]]]
    known: dict[EntityKey, tuple[int, str | None]]  # cached entities of the story
    missing: list[EntityKey]  # entities of the story not in the cache (sorted)
    words: list[str]  # words not yet known to be in the term table


@dataclass
class WriteResult:
    article_id: int
    revision: int
    previous_id: int | None
    sentence_count: int
    fact_count: int
    entities: dict[EntityKey, tuple[int, str | None]] = field(default_factory=dict)  # new cache entries
    aliases: set[tuple[int, str]] = field(default_factory=set)


def plan_write(
    *,
    story_id: int,
    article: tuple[Any, ...],
    url: str | None,
    extraction: Any,
    entity_cache: dict[tuple[int, str, str], tuple[int, str | None]],
    terms: AbstractSet[str] | None,
) -> ArticleWrite:
    sentences = [(s.index, s.start, s.end, s.text) for s in extraction.sentences]
    pos = {s[0]: k for k, s in enumerate(sentences)}
    facts = []
    for f in extraction.facts:
        k = pos.get(f.sentence_index)
        if k is None:
            continue
        mods = f.modifiers
        facts.append((*_fact_values(f), _modifiers_json(tuple(mods)) if mods else "[]", k))
    mentions = []
    for m in extraction.entities:
        k = pos.get(m.sentence_index)
        if k is None or not m.name.strip():
            continue
        mentions.append((m.kind, m.name, k, m.start, m.end, m.role, m.aliases))
    keys = {(m[0], m[1]) for m in mentions}
    known = {}
    missing = []
    for key in keys:
        hit = entity_cache.get((story_id, *key))
        if hit is None:
            missing.append(key)
        else:
            known[key] = hit
    missing.sort()
    words = set()
    findall = _TERM_WORD.findall
    for s in sentences:
        words.update(findall(s[3].lower()))
    if terms:
        words -= terms
    return ArticleWrite(
        story_id=story_id,
        article=article,
        url=url,
        sentences=sentences,
        facts=facts,
        mentions=mentions,
        known=known,
        missing=missing,
        words=sorted(words),
    )


def _entity_rows(
    w: ArticleWrite, ids: dict[EntityKey, tuple[int, str | None]], alias_cache: set[tuple[int, str]]
) -> tuple[dict[EntityKey, str], set[tuple[int, str]], list[tuple[int, int, Any, Any]]]:
    """Role updates (by key), aliases to add, and mentions as (entity id, sentence position, start, end)."""
    new_roles: dict[EntityKey, str] = {}
    aliases: set[tuple[int, str]] = set()
    mentions = []
    for kind, name, k, start, end, role, more in w.mentions:
        key = (kind, name)
        eid, old_role = ids[key]
        if role and old_role != role[:300] and key not in new_roles:
            new_roles[key] = role[:300]
        for alias in (name, *more):
            if alias and (a := alias.strip()):
                aliases.add((eid, a[:300]))
        mentions.append((eid, k, start, end))
    # Membership tests only: the cache may grow on the event loop while this runs on a thread.
    return new_roles, {a for a in aliases if a not in alias_cache}, mentions


# ---- SQLite ------------------------------------------------------------------------------------

_SQ_ARTICLE = (
    "INSERT INTO article (story_id, outlet, url, headline, published_at, ingested_at, body, content_hash, "
    "revision, previous_id, superseded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, 0) "
    "ON CONFLICT (story_id, content_hash) DO NOTHING RETURNING id"
)
# `+superseded` keeps SQLite off the superseded index: with no statistics it would otherwise
# pick that (nearly every row is 0) over (story_id, url) and scan the whole story per article.
_SQ_PREVIOUS = (
    "SELECT id, revision FROM article WHERE story_id = ? AND url = ? AND id != ? AND +superseded = 0 "
    "ORDER BY revision DESC LIMIT 1"
)

# A retired revision's facts, found through its sentences: fact.article_id has no index of its
# own (its sentence's, ix_sentence_article_idx, and ix_fact_sentence find them), as keeping one
# cost every fact written an index entry for this one rare update.
_SQ_RETIRE_FACTS = (
    "UPDATE fact SET live = 0 WHERE sentence_id IN (SELECT id FROM sentence WHERE article_id = ?)"
)


class _RowsInsert(NamedTuple):
    """A multi-row INSERT: `head` + one `(?, ..., ?<constants>)` per row + `tail`."""

    head: str
    width: int  # bound values a row
    constants: str = ""  # SQL values every row ends with
    tail: str = ""


_SQ_SENTENCE = _RowsInsert(
    'INSERT INTO sentence (id, article_id, story_id, idx, start, "end", text, live) VALUES ', 7, ", 1"
)
_SQ_FACT = _RowsInsert(
    "INSERT INTO fact ({}) VALUES ".format(", ".join(f'"{c}"' for c in FACT_FIELDS + FACT_TAIL)),
    len(FACT_FIELDS) + len(FACT_TAIL) - 2,
    ", 'extracted', 1",
)
_SQ_MENTION = _RowsInsert('INSERT INTO mention (entity_id, article_id, sentence_id, start, "end") VALUES ', 5)
_SQ_ENTITY = _RowsInsert(
    "INSERT INTO entity (story_id, kind, name, role) VALUES ",
    3,
    ", NULL",
    " ON CONFLICT (story_id, kind, name) DO NOTHING",
)
_SQ_ALIAS = _RowsInsert(
    "INSERT INTO entityalias (entity_id, alias) VALUES ", 2, tail=" ON CONFLICT (entity_id, alias) DO NOTHING"
)
_SQ_TERM = _RowsInsert("INSERT INTO term (word) VALUES ", 1, tail=" ON CONFLICT (word) DO NOTHING")
# SQLite before 3.32 allows 999 bound values a statement.
_SQ_MAX_VALUES = 999


@lru_cache(maxsize=1024)
def _rows_sql(spec: _RowsInsert, rows: int) -> str:
    row = "(" + ", ".join("?" * spec.width) + spec.constants + ")"
    return spec.head + ", ".join([row] * rows) + spec.tail


def _insert_rows(db: sqlite3.Connection, spec: _RowsInsert, rows: Sequence[tuple[Any, ...]]) -> None:
    """Rows as multi-row INSERTs rather than executemany's statement step per row: less
    driver overhead, and each step gives the GIL up and takes it back, which costs most when
    another thread is busy."""
    per = _SQ_MAX_VALUES // spec.width
    for i in range(0, len(rows), per):
        chunk = rows[i : i + per]
        db.execute(_rows_sql(spec, len(chunk)), list(chain.from_iterable(chunk)))


def sqlite_write(
    db: sqlite3.Connection, w: ArticleWrite, alias_cache: set[tuple[int, str]]
) -> WriteResult | None:
    """Run on the connection's own thread: the article's whole transaction, committed here
    (one hop from the event loop); None when the same text is already stored."""
    try:
        # Take the write lock now: the sentence ids below count on no other writer.
        db.execute("BEGIN IMMEDIATE")
        try:
            result = _sqlite_write(db, w, alias_cache)
        except BaseException:
            db.rollback()
            raise
        db.commit()
        return result
    except sqlite3.Error as e:
        raise _wrap(e) from e


def _sqlite_write(
    db: sqlite3.Connection, w: ArticleWrite, alias_cache: set[tuple[int, str]]
) -> WriteResult | None:
    story = w.story_id
    row = db.execute(_SQ_ARTICLE, (story, *w.article)).fetchone()
    if row is None:
        return None
    article_id = row[0]
    revision, previous_id = 1, None
    if w.url:
        prev = db.execute(_SQ_PREVIOUS, (story, w.url, article_id)).fetchone()
        if prev is not None:
            previous_id, revision = prev[0], prev[1] + 1
            db.execute("UPDATE article SET superseded = 1 WHERE id = ?", (previous_id,))
            db.execute("UPDATE sentence SET live = 0 WHERE article_id = ?", (previous_id,))
            db.execute(_SQ_RETIRE_FACTS, (previous_id,))
            db.execute(
                "UPDATE article SET revision = ?, previous_id = ? WHERE id = ?",
                (revision, previous_id, article_id),
            )
    base = db.execute("SELECT coalesce(max(id), 0) + 1 FROM sentence").fetchone()[0]
    _insert_rows(db, _SQ_SENTENCE, [(base + k, article_id, story, *s) for k, s in enumerate(w.sentences)])
    _insert_rows(db, _SQ_FACT, [(*f[:-1], story, article_id, base + f[-1]) for f in w.facts])

    ids = dict(w.known)
    fetched: dict[EntityKey, tuple[int, str | None]] = {}
    if w.missing:
        _insert_rows(db, _SQ_ENTITY, [(story, k, n) for k, n in w.missing])
        names = sorted({n for _, n in w.missing})
        marks = ", ".join("?" for _ in names)
        for eid, kind, name, role in db.execute(
            f"SELECT id, kind, name, role FROM entity WHERE story_id = ? AND name IN ({marks})",
            (story, *names),
        ).fetchall():
            fetched[(kind, name)] = (eid, role)
        ids.update(fetched)
    new_roles, aliases, mentions = _entity_rows(w, ids, alias_cache)
    for key, role in new_roles.items():
        db.execute("UPDATE entity SET role = ? WHERE id = ?", (role, ids[key][0]))
        fetched[key] = (ids[key][0], role)
    if aliases:
        _insert_rows(db, _SQ_ALIAS, sorted(aliases))
    _insert_rows(db, _SQ_MENTION, [(e, article_id, base + k, s, t) for e, k, s, t in mentions])
    if w.words:
        _insert_rows(db, _SQ_TERM, [(x,) for x in w.words])
    return WriteResult(article_id, revision, previous_id, len(w.sentences), len(w.facts), fetched, aliases)


# ---- PostgreSQL --------------------------------------------------------------------------------

_PG_ARTICLE = (
    "WITH a AS ("
    "INSERT INTO article (story_id, outlet, url, headline, published_at, ingested_at, body, content_hash, "
    "revision, previous_id, superseded) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, NULL, false) "
    "ON CONFLICT (story_id, content_hash) DO NOTHING RETURNING id) "
    # The subquery reads the table as it was before this statement, so never sees the new row.
    "SELECT a.id, p.id, p.revision FROM a LEFT JOIN LATERAL ("
    "SELECT id, revision FROM article WHERE story_id = $1 AND url = $3 AND NOT superseded "
    "ORDER BY revision DESC LIMIT 1) p ON true"
)
# The facts of a replaced revision ({0} is SQL for its id), by the range of its sentence ids
# (fact.article_id narrows it to the article). The statement's plan is made once per connection,
# while the tables are small, and kept (re-made only after an ANALYZE), so each part must be an
# index lookup whatever the statistics: a range is estimated as a small share of the table and
# scans ix_fact_sentence, where `sentence_id IN (SELECT ...)` or `= ANY(ARRAY(...))` was planned
# as a scan of the whole fact table; and `id + 0` keeps min/max on ix_sentence_article_idx, where
# min(id) was planned as a walk of sentence's primary key in order, to the end of the table when
# there is no revision to retire.
_PG_RETIRE_FACTS = (
    "UPDATE fact SET live = false WHERE article_id = {0} AND sentence_id BETWEEN "
    "(SELECT min(id + 0) FROM sentence WHERE article_id = {0}) "
    "AND (SELECT max(id + 0) FROM sentence WHERE article_id = {0})"
)
_PG_ENTITIES = (
    "WITH u AS (SELECT * FROM unnest($2::text[], $3::text[]) AS u(kind, name)), "
    "ins AS (INSERT INTO entity (story_id, kind, name, role) SELECT $1, kind, name, NULL FROM u "
    "ON CONFLICT (story_id, kind, name) DO NOTHING RETURNING id, kind, name, role) "
    "SELECT id, kind, name, role FROM ins UNION ALL "
    "SELECT e.id, e.kind, e.name, e.role FROM entity e JOIN u ON e.kind = u.kind AND e.name = u.name "
    "WHERE e.story_id = $1"
)


def _pg_rows_ctes(first: int, article: str, story: str, guard: str) -> str:
    """CTEs inserting an article's rows bound from `$first` on (see `_pg_row_args`): sentences
    (`s`), facts, mentions, entity roles, aliases and words. `article` and `story` are SQL for
    their ids; `guard` is a condition every part is written under."""
    numbers = count(first)

    def param(type_: str) -> str:
        return f"${next(numbers)}::{type_}"

    # Sentences, facts and mentions as arrays of rows (the row types of migration 0005): asyncpg
    # checks each value of an array for being a nested array, once per row here, where one array
    # a column cost it a check per value.
    sentences, facts, mentions = param("write_sentence[]"), param("write_fact[]"), param("write_mention[]")
    role_arrays = f"{param('int[]')}, {param('text[]')}"
    alias_arrays = f"{param('int[]')}, {param('text[]')}"
    word_array = param("text[]")
    return (
        # Rows go in in list order (ids in the order extraction gave them).
        "s AS ("
        'INSERT INTO sentence (article_id, story_id, idx, start, "end", text, live) '
        f'SELECT {article}, {story}, u.idx, u.start, u."end", u.text, true FROM unnest({sentences}) '
        f"WITH ORDINALITY AS u WHERE {guard} ORDER BY u.ordinality "
        "RETURNING id, idx), "
        # Facts and mentions find their sentence by its index (`idx`) in the RETURNING rows.
        "f AS (INSERT INTO fact ({fact_cols}) "
        f"SELECT {{fact_vals}}, u.modifiers::json, {story}, {article}, s.id, 'extracted', true "
        f"FROM unnest({facts}) WITH ORDINALITY AS u JOIN s ON s.idx = u.sentence_idx ORDER BY u.ordinality), "
        'm AS (INSERT INTO mention (entity_id, article_id, sentence_id, start, "end") '
        f'SELECT u.entity_id, {article}, s.id, u.start, u."end" FROM unnest({mentions}) '
        "WITH ORDINALITY AS u JOIN s ON s.idx = u.sentence_idx ORDER BY u.ordinality), "
        f"r AS (UPDATE entity SET role = u.role FROM unnest({role_arrays}) AS u(id, role) "
        f"WHERE entity.id = u.id AND {guard}), "
        f"al AS (INSERT INTO entityalias (entity_id, alias) SELECT * FROM unnest({alias_arrays}) "
        f"WHERE {guard} ON CONFLICT (entity_id, alias) DO NOTHING), "
        f"t AS (INSERT INTO term (word) SELECT w FROM unnest({word_array}) AS w WHERE {guard} "
        "ON CONFLICT (word) DO NOTHING) "
    ).format(
        fact_cols=", ".join(f'"{c}"' for c in FACT_FIELDS + FACT_TAIL),
        fact_vals=", ".join(f'u."{c}"' for c in FACT_FIELDS),
    )


# After the article row ($1 article id, $2 story id), in a transaction of its own.
_PG_ROWS = "WITH " + _pg_rows_ctes(3, "$1", "$2", "true") + "SELECT count(*) FROM s"
# A whole article as one statement, for when its entities are all known: PostgreSQL runs a
# single statement as its own transaction, so there is no BEGIN and COMMIT to wait for. $1 is
# the story, $2-$8 the article's values (as `_PG_ARTICLE`), its rows from $9 on. The subqueries
# see the table as it was before the statement: `p` is the revision this text replaces, and
# nothing is written when `a` inserts nothing (the text is already stored).
_PG_WHOLE = (
    "WITH p AS (SELECT id, revision FROM article WHERE story_id = $1 AND url = $3 AND NOT superseded "
    "ORDER BY revision DESC LIMIT 1), "
    "a AS (INSERT INTO article (story_id, outlet, url, headline, published_at, ingested_at, body, "
    "content_hash, revision, previous_id, superseded) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "coalesce((SELECT revision FROM p) + 1, 1), (SELECT id FROM p), false) "
    "ON CONFLICT (story_id, content_hash) DO NOTHING RETURNING id), "
    "pa AS (UPDATE article SET superseded = true WHERE id = (SELECT id FROM p) AND EXISTS (SELECT FROM a)), "
    "ps AS (UPDATE sentence SET live = false WHERE article_id = (SELECT id FROM p) AND EXISTS (SELECT FROM a)), "
    "pf AS ("
    + _PG_RETIRE_FACTS.format("(SELECT id FROM p)")
    + " AND EXISTS (SELECT FROM a)), "
    + _pg_rows_ctes(9, "(SELECT id FROM a)", "$1", "EXISTS (SELECT FROM a)")
    + "SELECT (SELECT id FROM a), (SELECT id FROM p), (SELECT revision FROM p)"
)


async def pg_write(conn: Any, w: ArticleWrite, alias_cache: set[tuple[int, str]]) -> WriteResult | None:
    """`conn` is a raw asyncpg connection; the write is its own transaction."""
    import asyncpg

    try:
        if not w.missing:
            return await _pg_write_whole(conn, w, alias_cache)
        async with conn.transaction():
            return await _pg_write(conn, w, alias_cache)
    except (asyncpg.PostgresError, asyncpg.InterfaceError) as e:
        raise _wrap(e) from e


async def _pg_write_whole(
    conn: Any, w: ArticleWrite, alias_cache: set[tuple[int, str]]
) -> WriteResult | None:
    """Every entity the article names is known (cached), so its ids are too: one statement."""
    ids = w.known
    new_roles, aliases, mentions = _entity_rows(w, ids, alias_cache)
    row = await conn.fetchrow(
        _PG_WHOLE, w.story_id, *w.article, *_pg_row_args(w, ids, new_roles, aliases, mentions)
    )
    if row[0] is None:
        return None
    previous_id = row[1]
    revision = 1 if previous_id is None else row[2] + 1
    fetched: dict[EntityKey, tuple[int, str | None]] = {k: (ids[k][0], role) for k, role in new_roles.items()}
    return WriteResult(row[0], revision, previous_id, len(w.sentences), len(w.facts), fetched, aliases)


async def _pg_write(conn: Any, w: ArticleWrite, alias_cache: set[tuple[int, str]]) -> WriteResult | None:
    story = w.story_id
    row = await conn.fetchrow(_PG_ARTICLE, story, *w.article)
    if row is None:
        return None
    article_id, previous_id, revision = row[0], row[1], 1
    if previous_id is not None:
        revision = row[2] + 1
        await conn.execute(
            "UPDATE article SET superseded = (id = $1), "
            "revision = CASE WHEN id = $2 THEN $3 ELSE revision END, "
            "previous_id = CASE WHEN id = $2 THEN $1 ELSE previous_id END WHERE id IN ($1, $2)",
            previous_id,
            article_id,
            revision,
        )
        await conn.execute("UPDATE sentence SET live = false WHERE article_id = $1", previous_id)
        await conn.execute(_PG_RETIRE_FACTS.format("$1"), previous_id)
    ids = dict(w.known)
    fetched: dict[EntityKey, tuple[int, str | None]] = {}
    if w.missing:
        kinds, names = zip(*w.missing, strict=True)
        for r in await conn.fetch(_PG_ENTITIES, story, list(kinds), list(names)):
            fetched[(r[1], r[2])] = (r[0], r[3])
        lost = [k for k in w.missing if k not in fetched]
        if lost:  # created by a concurrent writer after this statement's snapshot
            for r in await conn.fetch(
                "SELECT id, kind, name, role FROM entity WHERE story_id = $1 AND name = ANY($2::text[])",
                story,
                [n for _, n in lost],
            ):
                fetched.setdefault((r[1], r[2]), (r[0], r[3]))
        ids.update(fetched)
    new_roles, aliases, mentions = _entity_rows(w, ids, alias_cache)
    for key, role in new_roles.items():
        fetched[key] = (ids[key][0], role)
    await conn.fetchval(_PG_ROWS, article_id, story, *_pg_row_args(w, ids, new_roles, aliases, mentions))
    return WriteResult(article_id, revision, previous_id, len(w.sentences), len(w.facts), fetched, aliases)


def _pg_row_args(
    w: ArticleWrite,
    ids: dict[EntityKey, tuple[int, str | None]],
    new_roles: dict[EntityKey, str],
    aliases: set[tuple[int, str]],
    mentions: list[tuple[int, int, Any, Any]],
) -> list[Any]:
    """The values `_pg_rows_ctes` binds, in its order."""
    facts: list[tuple[Any, ...]] = w.facts
    idxs = [s[0] for s in w.sentences]
    if idxs != list(range(len(idxs))):
        # Rows name their sentence by position in `w.sentences`; the statement joins on its index.
        facts = [(*f[:-1], idxs[f[-1]]) for f in facts]
        mentions = [(e, idxs[k], start, end) for e, k, start, end in mentions]
    alias_list = sorted(aliases)
    return [
        w.sentences,
        facts,
        mentions,
        [ids[k][0] for k in new_roles],
        list(new_roles.values()),
        [a[0] for a in alias_list],
        [a[1] for a in alias_list],
        w.words,
    ]


def _wrap(e: BaseException) -> sa_exc.DBAPIError:
    """Driver errors raised as SQLAlchemy's, like every other query of the store."""
    name = type(e).__name__
    integrity = isinstance(e, sqlite3.IntegrityError) or "Violation" in name or "Integrity" in name
    cls = sa_exc.IntegrityError if integrity else sa_exc.DBAPIError
    return cls("article write", None, e)  # type: ignore[arg-type]


def bind_processors(columns: Iterable[Any], dialect: Any) -> list[Callable[[Any], Any] | None]:
    return [c.type._cached_bind_processor(dialect) for c in columns]


def apply(processors: Sequence[Callable[[Any], Any] | None], values: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(v if p is None else p(v) for p, v in zip(processors, values, strict=True))
