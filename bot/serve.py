"""`factdesk serve` (Socket Mode, or --http), `factdesk console`, and `factdesk run` for make run."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import click
from aiohttp import web

from bot.app import build_app, build_deps, check_slack_settings
from bot.digests import ChannelDigests
from bot.settings import Settings, SettingsError
from handlers.deps import Deps
from handlers.engine import warm_up
from store import Store, StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")


def _one_line(fn: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return fn(*args, **kwargs)
        except (SettingsError, StoreError) as exc:
            click.echo(f"factdesk: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            sys.exit(0)

    return wrapper


async def _open(settings: Settings) -> Store:
    return await Store.open(settings.database_url, schema=settings.database_schema)


def _settle() -> None:
    """Before the first request: load the engine's word data, then move everything alive so far
    (imports, the word tables) out of the collector's reach. Without the freeze each full
    collection walks those hundreds of thousands of objects, and every ack waits ~70 ms."""
    warm_up()
    gc.collect()
    gc.freeze()


@contextlib.asynccontextmanager
async def serving(deps: Deps) -> AsyncIterator[Deps]:
    """What runs beside the listeners while serving, in this loop: the digest scheduler (its runs
    are tasks of their own, so they never hold up an ack) and the answering queue."""
    _settle()
    digests = deps.digests if isinstance(deps.digests, ChannelDigests) else None
    if digests is not None:
        await digests.start()
    try:
        yield deps
    finally:
        if digests is not None:
            await digests.stop()
        await deps.work.close()


async def serve_http(settings: Settings, *, port: int, host: str = "0.0.0.0") -> None:
    from bot.web import build_web_app

    check_slack_settings(settings, mode="http")
    store = await _open(settings)
    runner: web.AppRunner | None = None
    deps = build_deps(settings, store)
    try:
        async with serving(deps):
            app = build_app(settings, deps)
            runner = web.AppRunner(build_web_app(app, store))
            await runner.setup()
            await web.TCPSite(runner, host, port).start()
            log.info("serving Slack requests on http://%s:%d/slack/events", host, port)
            await asyncio.Event().wait()
    finally:
        if runner:
            await runner.cleanup()
        await store.close()


async def serve_socket(settings: Settings) -> None:
    from bot.socket import SocketRunner

    check_slack_settings(settings, mode="socket")
    store = await _open(settings)
    deps = build_deps(settings, store)
    try:
        async with serving(deps):
            app = build_app(settings, deps, verify_requests=False)
            assert settings.slack_app_token
            log.info("connecting to Slack in Socket Mode")
            await SocketRunner(app, settings.slack_app_token).run_forever()
    finally:
        await store.close()


async def console(settings: Settings, *, sample: bool = False) -> None:
    from bot.console import run_console

    # The terminal is the conversation; keep routine logging out of it.
    for name in ("alembic", "slack_bolt", "aiohttp.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
    store = await _open(settings)
    try:
        if sample:
            await _load_sample(store)
        await run_console(settings, store)
    finally:
        await store.close()


async def _load_sample(store: Store) -> None:
    from bot.cli import load_sample_story

    await load_sample_story(store, now=datetime.now(UTC))


def register_commands(cli: click.Group) -> None:
    @cli.command()
    @click.option(
        "--http", "use_http", is_flag=True, help="Serve Slack's HTTP requests instead of Socket Mode."
    )
    @click.option("--port", type=int, default=None, help="HTTP port (default $PORT, else 3000).")
    @click.pass_obj
    @_one_line
    def serve(settings: Settings, use_http: bool, port: int | None) -> None:
        """Run the Slack bot: Socket Mode (SLACK_APP_TOKEN), or --http at /slack/events."""
        if use_http:
            asyncio.run(serve_http(settings, port=port or settings.port))
        else:
            asyncio.run(serve_socket(settings))

    @cli.command("console")
    @click.option("--sample", is_flag=True, help="Load the bundled sample story first.")
    @click.pass_obj
    @_one_line
    def console_cmd(settings: Settings, sample: bool) -> None:
        """Chat with the bot in the terminal, through the same handlers, without Slack."""
        asyncio.run(console(settings, sample=sample))

    @cli.command("run")
    @click.pass_obj
    @_one_line
    def run(settings: Settings) -> None:
        """Load the sample story, then serve Slack when SLACK_BOT_TOKEN is set, else the console."""

        async def go() -> None:
            if not settings.has_slack_tokens:
                await console(settings, sample=True)
                return
            store = await _open(settings)
            try:
                await _load_sample(store)
            finally:
                await store.close()
            if settings.slack_app_token:
                await serve_socket(settings)
            else:
                await serve_http(settings, port=settings.port)

        asyncio.run(go())
