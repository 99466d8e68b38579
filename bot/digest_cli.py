"""`factdesk digest`: build a story's digest on the command line (for cron users and tests)."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from bot.settings import Settings
from facts.chart import history_png
from facts.digest import Digest, compose_digest
from handlers.digest_blocks import digest_blocks, digest_plain_text
from store import Store, StoreError
from store.digest_repo import DigestRepo

DEFAULT_WINDOW = timedelta(hours=24)


def parse_since(value: str) -> datetime:
    """An ISO date or time; a time without a zone is read as UTC."""
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO date or time (e.g. 2025-01-27 or 2025-01-27T08:00-05:00)"
        ) from None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


async def build_digest(store: Store, *, story_slug: str, since: datetime | None, until: datetime) -> Digest:
    story = await store.get_story(story_slug)
    if story is None:
        raise StoreError(f"there is no story {story_slug!r} (see: factdesk stories)")
    return await compose_digest(DigestRepo(store), story=story, since=since, until=until)


def _json(digest: Digest, settings: Settings) -> dict[str, Any]:
    text, blocks = digest_blocks(digest, tz=settings.zone)
    return {
        "story": digest.story_slug,
        "since": digest.since.isoformat() if digest.since else None,
        "until": digest.until.isoformat(),
        "empty": digest.is_empty,
        "text": text,
        "blocks": blocks,
    }


@click.command("digest")
@click.option("--story", "story_slug", required=True, help="Story slug.")
@click.option(
    "--since",
    "since_text",
    help="Start of the window (ISO, e.g. 2025-01-27T08:00-05:00); default: 24 hours ago.",
)
@click.option("--print", "as_text", is_flag=True, help="Readable text instead of the Slack message as JSON.")
@click.option(
    "--charts",
    "chart_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write a PNG chart for each figure that changed several times into this folder.",
)
@click.pass_obj
def digest_command(
    settings: Settings, story_slug: str, since_text: str | None, as_text: bool, chart_dir: Path | None
) -> None:
    """Build a story's digest: what changed and what is new since a time, every figure cited."""
    now = datetime.now(UTC)
    since = parse_since(since_text) if since_text else now - DEFAULT_WINDOW
    if since >= now:
        click.echo("factdesk: --since must be in the past", err=True)
        sys.exit(1)

    async def go() -> Digest:
        store = await Store.open(settings.database_url, schema=settings.database_schema)
        try:
            return await build_digest(store, story_slug=story_slug, since=since, until=now)
        finally:
            await store.close()

    try:
        digest = asyncio.run(go())
    except StoreError as exc:
        click.echo(f"factdesk: {exc}", err=True)
        sys.exit(1)
    if as_text:
        click.echo(digest_plain_text(digest, tz=settings.zone))
    else:
        click.echo(json.dumps(_json(digest, settings), ensure_ascii=False, indent=2))
    if chart_dir is not None:
        chart_dir.mkdir(parents=True, exist_ok=True)
        for i, change in enumerate(digest.charted(), 1):
            path = chart_dir / f"{digest.story_slug}-{i}.png"
            path.write_bytes(history_png(change))
            click.echo(f"chart: {path}", err=True)
