"""Who may correct and retract facts: configured user IDs, or members of a user group."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from handlers.deps import Deps

log = logging.getLogger(__name__)


async def is_editor(deps: Deps, user_id: str) -> bool:
    if user_id in deps.editors:
        return True
    if not deps.editor_group:
        return False
    try:
        resp = await deps.client.usergroups_users_list(usergroup=deps.editor_group)
    except SlackApiError as exc:
        log.warning("cannot read editor group %s: %s", deps.editor_group, exc.response.get("error"))
        return False
    return user_id in (resp.get("users") or [])
