"""Wiring: Deps (settings, store, clock, Slack client, digests) and a fresh AsyncApp with every listener."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

import handlers
from bot.digests import build_digests
from bot.settings import Settings, SettingsError
from facts.sources import InputLimits
from handlers.deps import Deps
from store import Store

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


def check_slack_settings(settings: Settings, *, mode: str) -> None:
    """One clear line for a token that is missing or of the wrong kind (mode: http, socket, console)."""
    if mode == "console":
        return
    token = settings.slack_bot_token
    if not token:
        raise SettingsError(
            "setting SLACK_BOT_TOKEN: missing (the bot token, xoxb-…, from the app's OAuth page)"
        )
    if not token.startswith("xoxb-"):
        raise SettingsError("setting SLACK_BOT_TOKEN: must be a bot token starting with xoxb-")
    if mode == "http" and not settings.slack_signing_secret:
        raise SettingsError("setting SLACK_SIGNING_SECRET: missing (needed to verify requests in HTTP mode)")
    if mode == "socket":
        app_token = settings.slack_app_token
        if not app_token:
            raise SettingsError(
                "setting SLACK_APP_TOKEN: missing (an app-level xapp- token for Socket Mode; or use --http)"
            )
        if not app_token.startswith("xapp-"):
            raise SettingsError("setting SLACK_APP_TOKEN: must be an app-level token starting with xapp-")


def build_client(
    settings: Settings, *, token: str | None = None, rate_limit_retries: int = 3
) -> AsyncWebClient:
    client = AsyncWebClient(token=token or settings.slack_bot_token, base_url=settings.slack_api_url)
    # A 429 is waited out for its Retry-After and sent again: nothing lost, nothing doubled.
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries))
    return client


def build_deps(
    settings: Settings,
    store: Store,
    *,
    client: AsyncWebClient | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> Deps:
    client = client or build_client(settings)
    return Deps(
        store=store,
        client=client,
        clock=clock,
        editors=frozenset(settings.editors),
        editor_group=settings.editor_group,
        default_story=settings.default_story,
        timezone=settings.timezone,
        input_limits=InputLimits(
            max_bytes=settings.max_input_bytes, timeout_seconds=settings.fetch_timeout_seconds
        ),
        digests=build_digests(settings, store, client, clock=clock),
    )


def build_app(
    settings: Settings, deps: Deps, *, verify_requests: bool = True, finish_before_ack: bool = False
) -> AsyncApp:
    """A new AsyncApp with every listener registered. `verify_requests=False` is for Socket Mode
    and the console, whose requests do not come over HTTP; the console also finishes each
    listener before dispatch returns, so replies print before the next prompt."""
    app = AsyncApp(
        client=deps.client,
        signing_secret=settings.slack_signing_secret or ("unused" if not verify_requests else None),
        request_verification_enabled=verify_requests,
        # Listeners finish after the ack, so Slack never waits on the store or a fetched URL.
        process_before_response=finish_before_ack,
    )
    handlers.register(app, deps)
    return app
