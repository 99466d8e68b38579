"""App Home: the stories the user can see, their key figures, channel digests, flags for editors."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from handlers import blocks, wording
from handlers.deps import Deps
from handlers.editors import is_editor

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


async def home_blocks(deps: Deps, *, user_id: str) -> list[blocks.Block]:
    from handlers.commands import latest_figures

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
    for s in stories[-20:]:
        where = f", <#{s.channel_id}>" if s.channel_id else ""
        line = wording.HOME_STORY_LINE.format(
            title=blocks.escape(s.title),
            slug=s.slug,
            articles=s.article_count,
            facts=s.fact_count,
            where=where,
        )
        figures = latest_figures(await deps.store.facts_for_story(s.id, kinds=["figure"]), limit=3)
        lines = [blocks.fact_line(f, h, with_sentence=False) for f, h in figures]
        out.append({"type": "divider"})
        out += blocks.sections("\n".join([line, *lines]))
    out += [{"type": "divider"}, *blocks.sections(wording.HOME_DIGESTS + "\n" + wording.DIGEST_NOT_SET_UP)]
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
