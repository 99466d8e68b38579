"""Thin Slack glue: listeners for events, commands, shortcuts and buttons, rendering and wording."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from handlers import actions, commands, events, middleware, shortcuts
from handlers.deps import Deps

log = logging.getLogger(__name__)

__all__ = ["Deps", "register"]


def register(app: AsyncApp, deps: Deps) -> None:
    """Attach middleware and every listener to `app`."""
    middleware.register(app, deps)
    events.register(app, deps)
    commands.register(app, deps)
    shortcuts.register(app, deps)
    actions.register(app, deps)

    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.exception(
            "failed to handle a %s request", body.get("type") or body.get("command"), exc_info=error
        )
