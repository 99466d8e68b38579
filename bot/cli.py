"""The `factdesk` command line: ingest, inspect, migrate, ask, and run the bot."""

from __future__ import annotations

import asyncio
import functools
import gc
import json
import logging
import sys
from collections.abc import Callable, Coroutine
from contextlib import asynccontextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any, TypeVar

import aiohttp
import click

from bot.affinity import one_core
from bot.settings import Settings, SettingsError, load_settings
from facts.answer import answer_question
from facts.ingest import IngestOutcome, ingest_articles, iter_ingest
from facts.sources import (
    InputError,
    InputLimits,
    RawArticle,
    parse_published,
    read_inputs,
    sample_articles,
    sample_stories,
)
from store import Store, StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")

# Many inputs get a progress bar; a few get a line each.
_PROGRESS_FROM = 5


class CliError(Exception):
    """A one-line message for the user; the command exits non-zero."""


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _one_line_errors(fn: Callable[..., T]) -> Callable[..., T]:
    """Every expected failure leaves as one line on stderr and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return fn(*args, **kwargs)
        except (CliError, InputError, StoreError, SettingsError) as exc:
            click.echo(f"factdesk: {exc}", err=True)
            sys.exit(1)

    return wrapper


def _now() -> datetime:
    return datetime.now(UTC)


@asynccontextmanager
async def open_store(settings: Settings):  # type: ignore[no-untyped-def]
    store = await Store.open(settings.database_url, schema=settings.database_schema)
    try:
        yield store
    finally:
        await store.close()


def _limits(settings: Settings) -> InputLimits:
    return InputLimits(max_bytes=settings.max_input_bytes, timeout_seconds=settings.fetch_timeout_seconds)


@click.group()
@click.option("--env-file", default=".env", show_default=True, help="Read settings from this file too.")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.pass_context
def cli(ctx: click.Context, env_file: str, verbose: bool) -> None:
    """factdesk: a fact desk for a developing news story."""
    try:
        settings = load_settings(env_file)
    except SettingsError as exc:
        click.echo(f"factdesk: {exc}", err=True)
        sys.exit(1)
    logging.basicConfig(
        level=logging.DEBUG if verbose else getattr(logging, settings.log_level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose:
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        logging.getLogger("alembic").setLevel(logging.WARNING)
    ctx.obj = settings


# ---- ingest -------------------------------------------------------------------------------


async def _read_all(
    inputs: tuple[str, ...],
    *,
    settings: Settings,
    outlet: str | None,
    published: datetime | None,
    keep_going: bool,
) -> tuple[list[RawArticle], list[str], list[str]]:
    """Read every input before storing any, so one bad input stores nothing by default."""
    articles: list[RawArticle] = []
    errors: list[str] = []
    warnings: list[str] = []
    async with aiohttp.ClientSession() as http:
        for spec in inputs:
            try:
                result = await read_inputs(
                    spec,
                    http=http,
                    limits=_limits(settings),
                    stdin=sys.stdin.buffer,
                    outlet=outlet,
                    published=published,
                )
            except InputError as exc:
                errors.append(str(exc))
                if not keep_going:
                    break
                continue
            articles += result.articles
            warnings += result.warnings
    return articles, errors, warnings


def _describe(outcome: IngestOutcome) -> str:
    name = outcome.headline or outcome.origin
    if outcome.status == "duplicate":
        return f"{name}: already stored (article #{outcome.article_id}), nothing changed"
    what = f"revision {outcome.revision} of" if outcome.status == "revised" else "added to"
    return f"{name}: {what} story {outcome.story_slug} as article #{outcome.article_id}, {outcome.fact_count} facts"


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--story", "story_slug", help="Story slug to file the reports under (default from settings).")
@click.option("--title", "story_title", help="Title for a new story.")
@click.option("--outlet", help="Outlet name (overrides what the source says).")
@click.option("--url", help="Canonical URL of the report (one input only).")
@click.option("--published", help="Publication date, e.g. 2025-01-25 or 2025-01-25T18:00-05:00.")
@click.option("--headline", help="Headline (one input only).")
@click.option("--keep-going", is_flag=True, help="Store the inputs that can be read even when others fail.")
@click.pass_obj
@_one_line_errors
def ingest(
    settings: Settings,
    inputs: tuple[str, ...],
    story_slug: str | None,
    story_title: str | None,
    outlet: str | None,
    url: str | None,
    published: str | None,
    headline: str | None,
    keep_going: bool,
) -> None:
    """Read reports (files, URLs, RSS/Atom feeds, or - for stdin) and store their facts."""
    if (url or headline) and len(inputs) > 1:
        raise CliError("--url and --headline describe one report; give a single input with them")
    published_at = parse_published(published) if published else None
    _run(
        _ingest(
            settings,
            inputs,
            story_slug=story_slug or settings.default_story,
            story_title=story_title,
            outlet=outlet,
            url=url,
            published=published_at,
            headline=headline,
            keep_going=keep_going,
        )
    )


async def _ingest(
    settings: Settings,
    inputs: tuple[str, ...],
    *,
    story_slug: str,
    story_title: str | None,
    outlet: str | None,
    url: str | None,
    published: datetime | None,
    headline: str | None,
    keep_going: bool,
) -> None:
    articles, errors, warnings = await _read_all(
        inputs, settings=settings, outlet=outlet, published=published, keep_going=keep_going
    )
    for w in warnings:
        click.echo(f"factdesk: note: {w}", err=True)
    if errors and not keep_going:
        raise CliError(errors[0] + " (nothing was stored)")
    for e in errors:
        click.echo(f"factdesk: {e}", err=True)
    for a in articles:
        if url:
            a.url = url
        if headline:
            a.headline = headline
    async with open_store(settings) as store:
        # SQLite: extraction and the write take turns, so one core serves both (bot/affinity.py).
        with one_core() if store.dialect == "sqlite" and len(articles) > 1 else nullcontext():
            story = await store.ensure_story(story_slug, title=story_title, now=_now())
            # Everything alive now (imports, word tables, the engine) stays alive: frozen, the
            # collector stops walking it on each full collection, ~0.5 ms of every report's CPU.
            gc.collect()
            gc.freeze()
            outcomes: list[IngestOutcome] = []
            progress = (
                click.progressbar(length=len(articles), label="Ingesting", file=sys.stderr)
                if len(articles) >= _PROGRESS_FROM
                else nullcontext(None)
            )
            try:
                with progress as bar:
                    # One pipeline for the batch: each report is still its own transaction, stored in
                    # order, and yielded once it is stored.
                    async for outcome in iter_ingest(articles, store=store, story=story, now=_now()):
                        outcomes.append(outcome)
                        if bar is not None:
                            bar.update(1)
            finally:
                # What was stored before a failure is said, then the failure itself.
                for o in outcomes:
                    click.echo(_describe(o))
    added = sum(o.status != "duplicate" for o in outcomes)
    if len(outcomes) > 1:
        click.echo(f"{added} of {len(outcomes)} reports stored; {len(outcomes) - added} already there")
    if errors:
        sys.exit(1)


# ---- inspecting ---------------------------------------------------------------------------


@cli.command()
@click.pass_obj
@_one_line_errors
def stories(settings: Settings) -> None:
    """List the stories in the store."""

    async def go() -> None:
        async with open_store(settings) as store:
            rows = await store.list_stories()
            counts = await store.story_counts([s.id for s in rows])
        if not rows:
            click.echo("No stories yet. Add reports with: factdesk ingest FILE --story SLUG")
        for s in rows:
            where = f" (channel {s.channel_id}{', private' if s.is_private else ''})" if s.channel_id else ""
            n = counts[s.id]
            click.echo(f"{s.slug}\t{s.title}\t{n.articles} reports, {n.facts} facts{where}")

    _run(go())


@cli.command("facts")
@click.option("--story", "story_slug", required=True, help="Story slug.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Only facts of this kind (figure, quote, statement, event, attribute).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per fact.")
@click.pass_obj
@_one_line_errors
def facts_cmd(settings: Settings, story_slug: str, kinds: tuple[str, ...], as_json: bool) -> None:
    """Show the facts stored for a story, with their source sentences."""

    async def go() -> None:
        async with open_store(settings) as store:
            story = await store.get_story(story_slug)
            if story is None:
                raise CliError(f"there is no story {story_slug!r} (see: factdesk stories)")
            rows = await store.facts_for_story(story.id, kinds=list(kinds) or None)
        for fact, hit in rows:
            if as_json:
                record = {k: v for k, v in fact.__dict__.items()}
                record.update(
                    sentence=hit.text,
                    outlet=hit.article.outlet,
                    url=hit.article.url,
                    published=hit.article.published_at.isoformat() if hit.article.published_at else None,
                )
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                click.echo(_fact_line(fact, hit))

    _run(go())


def _fact_line(fact: Any, hit: Any) -> str:
    parts = [f"#{fact.id}", fact.kind]
    if fact.status != "extracted":
        parts.append(f"[{fact.status}]")
    if fact.value_text:
        parts.append(fact.value_text + (f" {fact.unit}" if fact.unit else ""))
    elif fact.quote:
        parts.append(f"“{fact.quote[:80]}” — {fact.speaker or '?'}")
    elif fact.relation:
        parts.append(f"{fact.subject or ''} {fact.relation}".strip())
    if fact.time_value:
        parts.append(f"@{fact.time_value}")
    if fact.attributed_to:
        parts.append(f"(per {fact.attributed_to})")
    source = hit.article.outlet or "?"
    return " ".join(parts) + f"\n    {hit.text}\n    — {source}"


# ---- database -----------------------------------------------------------------------------


@cli.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.pass_obj
@_one_line_errors
def db_upgrade(settings: Settings) -> None:
    """Bring the database schema up to date (run once per release on PostgreSQL)."""

    async def go() -> None:
        store = await Store.open(settings.database_url, migrate=True, schema=settings.database_schema)
        await store.close()

    _run(go())
    click.echo("database schema is up to date")


# ---- the demo -----------------------------------------------------------------------------


async def load_sample_story(store: Store, *, now: datetime) -> list[IngestOutcome]:
    """Store the bundled sample story (a no-op when it is there already)."""
    titles = sample_stories()
    outcomes = []
    for slug, article in sample_articles():
        outcomes += await ingest_articles(
            [article], store=store, story_slug=slug, story_title=titles.get(slug), now=now
        )
    return outcomes


@cli.command()
@click.pass_obj
@_one_line_errors
def demo(settings: Settings) -> None:
    """Load the bundled sample story into the store."""

    async def go() -> None:
        async with open_store(settings) as store:
            for o in await load_sample_story(store, now=_now()):
                click.echo(_describe(o))

    _run(go())


# ---- asking -------------------------------------------------------------------------------


async def _story_ids(store: Store, story_slug: str | None) -> list[int] | None:
    if story_slug is None:
        return None
    story = await store.get_story(story_slug)
    if story is None:
        raise CliError(f"there is no story {story_slug!r} (see: factdesk stories)")
    return [story.id]


@cli.command()
@click.argument("question")
@click.option("--story", "story_slug", help="Answer from this story only (default: every story).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.pass_obj
@_one_line_errors
def ask(settings: Settings, question: str, story_slug: str | None, as_json: bool) -> None:
    """Answer a question from the stored facts, as the bot would post it.

    With QUESTION "-", read one question per line from stdin and answer each in order."""

    async def go() -> None:
        async with open_store(settings) as store:
            story_ids = await _story_ids(store, story_slug)
            questions = (
                [line.strip() for line in sys.stdin if line.strip()] if question == "-" else [question]
            )
            for q in questions:
                answer = await answer_question(q, source=store, story_ids=story_ids, now=_now())
                if as_json:
                    click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
                else:
                    click.echo(answer.text + ("\n" if len(questions) > 1 else ""))

    _run(go())


@cli.command()
@click.option("--story", "story_slug", help="Only questions about this story.")
@click.option("--limit", default=20, show_default=True)
@click.pass_obj
@_one_line_errors
def gaps(settings: Settings, story_slug: str | None, limit: int) -> None:
    """Questions the bot could not answer, most asked first: leads for the desk."""

    async def go() -> None:
        async with open_store(settings) as store:
            story_ids = await _story_ids(store, story_slug)
            rows = await store.unanswered_questions(story_id=story_ids[0] if story_ids else None, limit=limit)
        if not rows:
            click.echo("No unanswered questions.")
        for text, times in rows:
            click.echo(f"{times:>4}x  {text}")

    _run(go())


def register_commands() -> None:
    """Commands that live beside the CLI module: serving Slack and digests."""
    from bot.digest_cli import digest_command
    from bot.serve import register_commands as register_serve_commands

    cli.add_command(digest_command)
    register_serve_commands(cli)


register_commands()


def main() -> None:
    cli(prog_name="factdesk")
