"""App Home: the stories the user can see, their key figures, channel digests, flags for editors."""

from __future__ import annotations

import logging
from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.errors import SlackApiError

from facts.summary import key_figures
from handlers import blocks, wording
from handlers.deps import Deps
from handlers.editors import is_editor
from store.records import StoryRecord

log = logging.getLogger(__name__)


async def _user_channels(deps: Deps, user_id: str) -> set[str]:
    """Private conversations the user is in (so their private stories show)."""
    try:
        resp = await deps.client.users_conversations(
            user=user_id, types="private_channel,mpim,im", limit=1000
        )
    except SlackApiError as exc:
        log.warning("cannot list %s's conversations: %s", user_id, exc.response.get("error"))
        return set()
    return {c["id"] for c in resp.get("channels") or []}


async def _digest_lines(deps: Deps, stories: list[StoryRecord]) -> list[str]:
    """The digests of channels working on stories this user can see, with the bot's note when
    it turned one off (the channel is gone, or the bot was removed from it)."""
    if deps.digests is None:
        return [wording.DIGEST_NOT_SET_UP]
    by_id = {s.id: s for s in stories}
    channels = {s.channel_id for s in stories if s.channel_id}
    channels |= set(await deps.slack.channels_of_stories(list(by_id)))
    lines = []
    for d in await deps.digests.schedules(channel_ids=sorted(channels)):
        story = by_id.get(d.story_id)
        if story is None:
            continue  # a private story of a channel this user is not in
        title = blocks.escape(story.title)
        if d.enabled:
            last = ""
            if d.last_digest_at is not None:
                when = d.last_digest_at.astimezone(_zone(d.timezone)).strftime("%b %-d %H:%M")
                last = wording.HOME_DIGEST_LAST.format(when=when)
            days = wording.DIGEST_WEEKDAYS if d.weekdays_only else wording.DIGEST_DAILY
            lines.append(
                wording.HOME_DIGEST_LINE.format(
                    channel=d.channel_id,
                    title=title,
                    days=days,
                    at=d.at_time,
                    zone=blocks.escape(d.timezone),
                    quiet=wording.DIGEST_QUIET if d.quiet_when_empty else "",
                    last=last,
                )
            )
        elif d.disabled_reason:
            lines.append(
                wording.HOME_DIGEST_TURNED_OFF.format(
                    channel=d.channel_id, title=title, reason=blocks.escape(d.disabled_reason)
                )
            )
        elif d.disabled_at is not None:  # turned off by someone (not a `digest now`-only row)
            lines.append(wording.HOME_DIGEST_OFF.format(channel=d.channel_id, title=title))
    return lines or [wording.HOME_NO_DIGESTS]


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


async def home_blocks(deps: Deps, *, user_id: str) -> list[blocks.Block]:
    stories = await deps.store.list_stories()
    if any(s.is_private for s in stories):
        mine = await _user_channels(deps, user_id)
        stories = [s for s in stories if not s.is_private or s.channel_id in mine]
    out: list[blocks.Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": wording.HOME_TITLE}},
        blocks.context(wording.HOME_INTRO),
    ]
    if not stories:
        out += blocks.sections(wording.HOME_NO_STORIES)
    shown = stories[-20:]
    counts = await deps.store.story_counts([s.id for s in shown])
    for s in shown:
        where = f", <#{s.channel_id}>" if s.channel_id else ""
        line = wording.HOME_STORY_LINE.format(
            title=blocks.escape(s.title),
            slug=s.slug,
            articles=counts[s.id].articles,
            facts=counts[s.id].facts,
            where=where,
        )
        figures = key_figures(await deps.store.facts_for_story(s.id, kinds=["figure"]), limit=3)
        lines = [blocks.fact_line(f, h, with_sentence=False) for f, h in figures]
        out.append({"type": "divider"})
        out += blocks.sections("\n".join([line, *lines]))
    digests = await _digest_lines(deps, stories)
    out += [{"type": "divider"}, *blocks.sections("\n".join([wording.HOME_DIGESTS, *digests]))]
    if await is_editor(deps, user_id):
        flags = await deps.slack.flags(limit=10)
        if flags:
            lines = [
                wording.HOME_FLAG_LINE.format(
                    user=f.user_id, channel=f.channel_id, question=blocks.escape(f.question or "—")
                )
                for f in flags
            ]
            out += [{"type": "divider"}, *blocks.sections(wording.HOME_FLAGS + "\n" + "\n".join(lines))]
    return out[:100]


async def publish(deps: Deps, *, user_id: str) -> None:
    await deps.client.views_publish(
        user_id=user_id, view=blocks.home_view(await home_blocks(deps, user_id=user_id))
    )
