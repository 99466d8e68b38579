"""The `/story` command: one registry of subcommands, whose docstrings are the help."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from facts.ingest import ingest_article, slugify
from facts.sources import InputError, parse_text, read_inputs
from facts.summary import key_figures
from handlers import blocks, engine, wording
from handlers.blocks import Message
from handlers.deps import Deps
from handlers.editors import is_editor
from handlers.middleware import StoryScope
from handlers.send import post, respond_with
from store import NotFound
from store.records import FactRecord, StoryRecord

log = logging.getLogger(__name__)

COMMAND = "/story"
# Slack wraps links it recognised: <https://x> or <https://x|label>.
_SLACK_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>")
_URL_ONLY = re.compile(r"^(https?://\S+)$", re.IGNORECASE)


class Refusal(Exception):
    """An expected refusal whose message goes to the user as it is."""


@dataclass
class Ctx:
    deps: Deps
    scope: StoryScope
    client: AsyncWebClient
    user_id: str
    channel_id: str | None
    respond: Callable[..., Awaitable[Any]] | None = None

    async def story(self) -> StoryRecord:
        story = await self.scope.current()
        if story is None:
            slugs = ", ".join(f"`{s.slug}`" for s in await self.scope.visible())
            raise Refusal(wording.NO_STORY + (wording.NO_STORY_CHOICES.format(slugs=slugs) if slugs else ""))
        return story


Handler = Callable[[Ctx, str], Awaitable[Message]]


@dataclass(frozen=True)
class Subcommand:
    name: str
    usage: str
    summary: str
    run: Handler
    shareable: bool = True


SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(
    name: str, usage: str | None = None, *, shareable: bool = True
) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        summary = (fn.__doc__ or "").strip().splitlines()[0]
        SUBCOMMANDS[name] = Subcommand(name, usage or name, summary, fn, shareable)
        return fn

    return register


def help_message(prefix: str | None = None) -> Message:
    lines = [f"`{COMMAND} {s.usage}` — {s.summary}" for s in SUBCOMMANDS.values()]
    header = (prefix + "\n" if prefix else "") + wording.HELP_HEADER
    return blocks.lines_message(header, lines, footer=wording.HELP_FOOTER)


def _usage(name: str) -> Refusal:
    return Refusal(wording.USAGE.format(usage=SUBCOMMANDS[name].usage))


# ---- subcommands ------------------------------------------------------------------------------


@subcommand("help", shareable=False)
async def help_cmd(ctx: Ctx, args: str) -> Message:
    """Show this list."""
    return help_message()


@subcommand("ask", "ask <question>")
async def ask_cmd(ctx: Ctx, args: str) -> Message:
    """Ask a question; the answer cites its source sentence."""
    if not args:
        raise _usage("ask")
    story_ids = await ctx.scope.answer_ids()
    answer = await engine.ask(ctx.deps, args, story_ids=story_ids, asked_by=ctx.user_id)
    message = blocks.answer_message(answer, question=args)
    # Buttons under an ephemeral answer have no posted message to refer to; keep them for shared ones.
    message.blocks = [b for b in message.blocks if b.get("type") != "actions"]
    return message


@subcommand("summary")
async def summary_cmd(ctx: Ctx, args: str) -> Message:
    """Headline, key figures with their latest values, key people, latest developments, sources."""
    story = await ctx.story()
    rows = await ctx.deps.store.facts_for_story(story.id)
    if not rows:
        return blocks.plain(wording.SUMMARY_EMPTY.format(title=blocks.escape(story.title)))
    out: list[blocks.Block] = blocks.sections(f"*{blocks.escape(story.title)}*")
    text = [story.title]
    figures = key_figures(rows)
    if figures:
        lines = [blocks.fact_line(f, h) for f, h in figures]
        out += blocks.sections(wording.SUMMARY_KEY_FIGURES + "\n" + "\n".join(lines))
        text += lines
    people = await ctx.deps.store.entities(story_id=story.id, kind="person")
    if people:
        names = ", ".join(blocks.escape(p.name + (f" ({p.role})" if p.role else "")) for p in people[:10])
        out += blocks.sections(wording.SUMMARY_PEOPLE + "\n" + names)
        text.append(names)
    latest = blocks.one_per_sentence([(f, h) for f, h in rows if f.kind in ("event", "statement", "quote")])[
        -5:
    ]
    if latest:
        lines = [blocks.fact_line(f, h) for f, h in latest]
        out += blocks.sections(wording.SUMMARY_LATEST + "\n" + "\n".join(lines))
        text += lines
    articles = await ctx.deps.store.articles(story_id=story.id)
    if articles:
        lines = [_article_line(a) for a in articles[-10:]]
        out += blocks.sections(wording.SUMMARY_SOURCES + "\n" + "\n".join(lines))
        text += lines
    return Message(text="\n".join(text), blocks=out)


def _article_line(a: Any) -> str:
    when = blocks._date(a.published_at)
    label = a.headline or a.url or f"report #{a.article_id}"
    meta = ", ".join(x for x in (a.outlet, when) if x)
    return f"• {blocks.link(a.url, label)}" + (f" ({blocks.escape(meta)})" if meta else "")


@subcommand("facts", "facts [topic]")
async def facts_cmd(ctx: Ctx, args: str) -> Message:
    """The story's facts, each with its source sentence (optionally about a topic)."""
    story = await ctx.story()
    if args:
        hits = await ctx.deps.store.search_sentences(args.split(), story_ids=[story.id], limit=30)
        rows = [(f, h) for h in hits for f in h.facts if f.status != "retracted"]
    else:
        rows = await ctx.deps.store.facts_for_story(story.id)
    topic = f" about _{blocks.escape(args)}_" if args else ""
    title = blocks.escape(story.title)
    if not rows:
        return blocks.plain(wording.NO_FACTS.format(title=title, topic=topic))
    return blocks.lines_message(
        wording.FACTS_HEADER.format(title=title, topic=topic),
        [blocks.fact_line(f, h) for f, h in blocks.one_per_sentence(rows)[:200]],
    )


@subcommand("timeline")
async def timeline_cmd(ctx: Ctx, args: str) -> Message:
    """Dated facts in the order they happened."""
    story = await ctx.story()
    rows = [(f, h) for f, h in await ctx.deps.store.facts_for_story(story.id) if f.time_value]
    rows = blocks.one_per_sentence(sorted(rows, key=lambda r: r[0].time_value or ""))
    title = blocks.escape(story.title)
    if not rows:
        return blocks.plain(wording.NO_TIMELINE.format(title=title))
    lines = [f"*{blocks.escape(f.time_value)}* {blocks.fact_line(f, h)}" for f, h in rows[:200]]
    return blocks.lines_message(wording.TIMELINE_HEADER.format(title=title), lines)


@subcommand("sources")
async def sources_cmd(ctx: Ctx, args: str) -> Message:
    """The reports this story was built from."""
    story = await ctx.story()
    articles = await ctx.deps.store.articles(story_id=story.id)
    title = blocks.escape(story.title)
    if not articles:
        return blocks.plain(wording.NO_ARTICLES.format(title=title))
    return blocks.lines_message(
        wording.SOURCES_LIST_HEADER.format(title=title), [_article_line(a) for a in articles]
    )


@subcommand("add", "add <url or pasted text>", shareable=False)
async def add_cmd(ctx: Ctx, args: str) -> Message:
    """Add a report to this channel's story from a link or pasted text."""
    if not args.strip():
        raise _usage("add")
    story = await ctx.story()
    return await ingest_text(ctx.deps, story, args, origin=f"slack:{ctx.user_id}")


async def ingest_text(deps: Deps, story: StoryRecord, text: str, *, origin: str) -> Message:
    """Read a link or pasted text into `story`. Text is never taken for a file path."""
    text = _SLACK_LINK.sub(lambda m: m.group(1), text).strip()
    title = blocks.escape(story.title)
    try:
        if _URL_ONLY.match(text):
            async with aiohttp.ClientSession() as http:
                result = await read_inputs(text, http=http, limits=deps.input_limits)
            articles = result.articles
        else:
            articles = [parse_text(text, origin=origin)]
    except InputError as exc:
        return blocks.plain(wording.ADD_FAILED.format(error=blocks.escape(str(exc))))
    lines = []
    for article in articles:
        outcome = await ingest_article(article, store=deps.store, story=story, now=deps.clock())
        headline = blocks.escape(outcome.headline or "the report")
        if outcome.status == "duplicate":
            lines.append(wording.ADD_DUPLICATE.format(title=title, headline=headline))
        elif outcome.status == "revised":
            lines.append(
                wording.ADD_REVISED.format(
                    title=title, headline=headline, revision=outcome.revision, facts=outcome.fact_count
                )
            )
        else:
            lines.append(
                wording.ADD_DONE.format(
                    title=title, headline=headline, facts=outcome.fact_count, sentences=outcome.sentence_count
                )
            )
    return blocks.plain("\n".join(lines) or wording.ADD_EMPTY)


async def _is_private_channel(client: AsyncWebClient, channel_id: str) -> bool:
    info = await client.conversations_info(channel=channel_id)
    ch = info.get("channel") or {}
    return bool(ch.get("is_private") or ch.get("is_im") or ch.get("is_mpim") or ch.get("is_group"))


@subcommand("new", "new <title>", shareable=False)
async def new_cmd(ctx: Ctx, args: str) -> Message:
    """Start a story bound to this channel (private channels keep it to themselves)."""
    if not args.strip() or not ctx.channel_id:
        raise _usage("new")
    slug = slugify(args)
    private = await _is_private_channel(ctx.client, ctx.channel_id)
    existing = await ctx.deps.store.get_story(slug)
    if existing is not None:
        if existing.is_private and existing.channel_id != ctx.channel_id:
            raise Refusal(wording.NO_SUCH_STORY.format(slug=blocks.escape(slug), slugs="—"))
        await ctx.deps.slack.set_channel_story(
            ctx.channel_id, existing.id, user_id=ctx.user_id, now=ctx.deps.clock()
        )
        return blocks.plain(wording.STORY_EXISTS.format(slug=blocks.escape(slug)))
    story = await ctx.deps.store.ensure_story(
        slug, title=args.strip(), now=ctx.deps.clock(), channel_id=ctx.channel_id, is_private=private
    )
    await ctx.deps.slack.set_channel_story(
        ctx.channel_id, story.id, user_id=ctx.user_id, now=ctx.deps.clock()
    )
    ctx.scope.forget()
    return blocks.plain(
        wording.STORY_CREATED.format(
            title=blocks.escape(story.title),
            slug=story.slug,
            private=wording.STORY_PRIVATE_NOTE if story.is_private else "",
        )
    )


@subcommand("use", "use <slug>", shareable=False)
async def use_cmd(ctx: Ctx, args: str) -> Message:
    """Make this channel work on an existing story."""
    slug = args.strip().lower()
    if not slug or not ctx.channel_id:
        raise _usage("use")
    visible = await ctx.scope.visible()
    story = next((s for s in visible if s.slug == slug), None)
    if story is None:
        slugs = ", ".join(f"`{s.slug}`" for s in visible) or "—"
        raise Refusal(wording.NO_SUCH_STORY.format(slug=blocks.escape(slug), slugs=slugs))
    await ctx.deps.slack.set_channel_story(
        ctx.channel_id, story.id, user_id=ctx.user_id, now=ctx.deps.clock()
    )
    return blocks.plain(wording.STORY_USED.format(title=blocks.escape(story.title), slug=story.slug))


_FACT_ID = re.compile(r"^#?(\d+)$")
_NUMBER = re.compile(r"^[^\d-]*(-?[\d,]*\.?\d+)")


def _fact_id(token: str, name: str) -> int:
    m = _FACT_ID.match(token)
    if not m:
        raise _usage(name)
    return int(m.group(1))


async def _editable_fact(ctx: Ctx, fact_id: int, action: str) -> FactRecord:
    if not await is_editor(ctx.deps, ctx.user_id):
        raise Refusal(wording.EDITORS_ONLY.format(action=action))
    fact = await ctx.deps.store.get_fact(fact_id)
    if fact is None:
        raise Refusal(wording.NO_SUCH_FACT.format(fact_id=fact_id))
    story_ids = await ctx.scope.visible_ids()
    hits = await ctx.deps.store.sentences_of_article(fact.article_id)
    if hits and hits[0].article.story_id not in story_ids:
        raise Refusal(wording.FACT_NOT_HERE.format(fact_id=fact_id))
    return fact


async def notify_threads(deps: Deps, fact_id: int, *, old: str, new: str | None, note: str | None) -> int:
    """Post the correction in every thread whose answer cited the fact; returns how many."""
    note_text = wording.NOTE.format(note=blocks.escape(note)) if note else ""
    if new is None:
        text = wording.RETRACTION_IN_THREAD.format(old=blocks.escape(old), note=note_text)
    else:
        text = wording.CORRECTION_IN_THREAD.format(
            old=blocks.escape(old), new=blocks.escape(new), note=note_text
        )
    threads = {(a.channel_id, a.thread_ts) for a in await deps.slack.answers_citing(fact_id)}
    for channel, thread_ts in sorted(threads):
        await post(deps.client, channel=channel, thread_ts=thread_ts, message=blocks.plain(text))
    return len(threads)


@subcommand("correct", "correct <fact #> <value> [note]", shareable=False)
async def correct_cmd(ctx: Ctx, args: str) -> Message:
    """Editors: correct a fact's value; threads that cited it get the correction."""
    parts = args.split(maxsplit=2)
    if len(parts) < 2:
        raise _usage("correct")
    fact_id = _fact_id(parts[0], "correct")
    value, note = parts[1], (parts[2] if len(parts) > 2 else None)
    fact = await _editable_fact(ctx, fact_id, "correct")
    m = _NUMBER.match(value)
    number = float(m.group(1).replace(",", "")) if m else None
    old = blocks.fact_value(fact)
    try:
        edited = await ctx.deps.store.edit_fact(
            fact_id,
            action="correct",
            actor=ctx.user_id,
            now=ctx.deps.clock(),
            value_text=value,
            value_num=number,
            note=note,
        )
    except NotFound as exc:
        raise Refusal(str(exc)) from None
    n = await notify_threads(ctx.deps, fact_id, old=old, new=blocks.fact_value(edited), note=note)
    return blocks.plain(
        wording.CORRECTED.format(
            fact_id=fact_id,
            old=blocks.escape(old),
            new=blocks.escape(value),
            threads=wording.THREADS_NOTIFIED.format(n=n),
        )
    )


@subcommand("retract", "retract <fact #> [note]", shareable=False)
async def retract_cmd(ctx: Ctx, args: str) -> Message:
    """Editors: retract a fact; threads that cited it are told."""
    parts = args.split(maxsplit=1)
    if not parts:
        raise _usage("retract")
    fact_id = _fact_id(parts[0], "retract")
    note = parts[1] if len(parts) > 1 else None
    fact = await _editable_fact(ctx, fact_id, "retract")
    await ctx.deps.store.edit_fact(
        fact_id, action="retract", actor=ctx.user_id, now=ctx.deps.clock(), note=note
    )
    n = await notify_threads(ctx.deps, fact_id, old=blocks.fact_value(fact), new=None, note=note)
    return blocks.plain(
        wording.RETRACTED.format(fact_id=fact_id, threads=wording.THREADS_NOTIFIED.format(n=n))
    )


_WEEKDAYS = {"weekdays", "weekday", "mon-fri", "workdays"}
_QUIET = {"quiet", "silent"}


def _digest_time(words: list[str]) -> tuple[str, str | None, bool, bool]:
    """`07:30 [America/New_York] [weekdays] [quiet]` -> (time, zone or None for the newsroom's,
    weekdays only, quiet when nothing is new)."""
    if not words:
        raise Refusal(wording.DIGEST_USAGE)
    at, zone, weekdays, quiet = words[0], None, False, False
    for word in words[1:]:
        if word.lower() in _WEEKDAYS:
            weekdays = True
        elif word.lower() in _QUIET:
            quiet = True
        elif zone is None:
            zone = word
        else:
            raise Refusal(wording.DIGEST_USAGE)
    return at, zone, weekdays, quiet


@subcommand("digest", "digest now | at HH:MM [timezone] [weekdays] [quiet] | off", shareable=False)
async def digest_cmd(ctx: Ctx, args: str) -> Message:
    """Post this channel's digest now, schedule it daily (or on weekdays), or turn it off."""
    words = args.split()
    word = (words or [""])[0].lower()
    if word not in ("now", "at", "off") or not ctx.channel_id:
        raise Refusal(wording.DIGEST_USAGE)
    digests = ctx.deps.digests
    if digests is None:
        return blocks.plain(wording.DIGEST_NOT_SET_UP)
    if word == "off":
        was_set = await digests.turn_off(ctx.channel_id)
        return blocks.plain(wording.DIGEST_OFF if was_set else wording.DIGEST_WAS_OFF)
    story = await ctx.story()
    title = blocks.escape(story.title)
    if word == "now":
        run = await digests.post_now(channel_id=ctx.channel_id, story_id=story.id)
        template = wording.DIGEST_NOW.get(run.status, wording.DIGEST_NOW["failed"])
        return blocks.plain(template.format(title=title, note=blocks.escape(run.note or "")))
    at, zone, weekdays, quiet = _digest_time(words[1:])
    try:
        schedule = await digests.set_schedule(
            channel_id=ctx.channel_id,
            story_id=story.id,
            at=at,
            timezone=zone,
            weekdays_only=weekdays,
            quiet_when_empty=quiet,
        )
    except ValueError as exc:  # the digest service's DigestSettingError says what is wrong
        raise Refusal(wording.DIGEST_BAD_SETTING.format(error=blocks.escape(str(exc)))) from None
    return blocks.plain(
        wording.DIGEST_SCHEDULED.format(
            title=title,
            days=wording.DIGEST_WEEKDAYS if schedule.weekdays_only else wording.DIGEST_DAILY,
            at=schedule.at_time,
            zone=blocks.escape(schedule.timezone),
            quiet=wording.DIGEST_QUIET if schedule.quiet_when_empty else "",
        )
    )


@subcommand("gaps")
async def gaps_cmd(ctx: Ctx, args: str) -> Message:
    """Questions reporters asked that the story cannot answer yet."""
    story = await ctx.story()
    rows = await ctx.deps.store.unanswered_questions(story_id=story.id, limit=30)
    title = blocks.escape(story.title)
    if not rows:
        return blocks.plain(wording.NO_GAPS.format(title=title))
    lines = [f"• {blocks.escape(q)}" + (f" (×{n})" if n > 1 else "") for q, n in rows]
    return blocks.lines_message(wording.GAPS_HEADER.format(title=title), lines)


# ---- dispatch ---------------------------------------------------------------------------------


async def run(ctx: Ctx, text: str) -> tuple[Message, Subcommand | None, str]:
    """The reply to `/story <text>` (domain refusals become the reply), the subcommand, its args."""
    word, _, args = text.strip().partition(" ")
    sub = SUBCOMMANDS.get(word.lower())
    if sub is None:
        prefix = wording.UNKNOWN_SUBCOMMAND.format(word=blocks.escape(word)) if word else None
        return help_message(prefix), None, ""
    try:
        return await sub.run(ctx, args.strip()), sub, args.strip()
    except Refusal as exc:
        return blocks.plain(str(exc)), None, ""


def register(app: AsyncApp, deps: Deps) -> None:
    @app.command(COMMAND)
    async def on_story(
        ack: Any, command: dict[str, Any], respond: Any, context: Any, client: AsyncWebClient
    ) -> None:
        await ack()
        scope: StoryScope = context["scope"]
        ctx = Ctx(deps, scope, client, command["user_id"], command.get("channel_id"), respond)
        message, sub, args = await run(ctx, command.get("text", ""))
        if sub is not None and sub.shareable:
            current = await scope.current()
            message.blocks.append(blocks.share_button(sub.name, args, current.id if current else None))
        await respond_with(respond, message)

    @app.action(blocks.ACTION_SHARE)
    async def on_share(
        ack: Any,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: Any,
        context: Any,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        value = json.loads(action.get("value") or "{}")
        user = body["user"]["id"]
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        ctx = Ctx(deps, context["scope"], client, user, channel, respond)
        sub = SUBCOMMANDS.get(value.get("c", ""))
        if sub is None or not sub.shareable or not channel:
            return
        try:
            message = await sub.run(ctx, value.get("a", ""))
        except Refusal as exc:
            await respond_with(respond, blocks.plain(str(exc)))
            return
        message.blocks.append(blocks.context(wording.SHARED_BY.format(user=user)))
        await post(client, channel=channel, message=message)
        await respond(delete_original=True)
