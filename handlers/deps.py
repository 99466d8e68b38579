"""What every listener needs, built once in bot/ and passed in: store, clock, Slack client, editors,
the queue answers are worked through, and channel digests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from slack_sdk.web.async_client import AsyncWebClient

from facts.sources import InputLimits
from handlers.work import WorkQueue
from store import Store
from store.digest_repo import ScheduleRecord
from store.slack_repo import SlackRepo


class DigestRun(Protocol):
    """What one digest run did (bot.scheduler.DigestOutcome)."""

    @property
    def status(self) -> str: ...  # posted | empty | already | channel_gone | failed | ...

    @property
    def message_ts(self) -> str | None: ...

    @property
    def note(self) -> str | None: ...


class Digests(Protocol):
    """The channel digests as `/story digest` and App Home use them (built in bot/: the digest
    service, with the running scheduler told of every change)."""

    async def set_schedule(
        self,
        *,
        channel_id: str,
        story_id: int,
        at: str | None = None,
        timezone: str | None = None,
        weekdays_only: bool = False,
        quiet_when_empty: bool = False,
    ) -> ScheduleRecord:
        """Raises ValueError, with a message for the user, for a time or zone that cannot work."""
        ...

    async def turn_off(self, channel_id: str) -> bool: ...

    async def post_now(self, *, channel_id: str, story_id: int) -> DigestRun: ...

    async def schedules(self, *, channel_ids: list[str]) -> list[ScheduleRecord]:
        """The enabled digests, and the named channels' digests that are off."""
        ...


@dataclass
class Deps:
    store: Store
    client: AsyncWebClient
    clock: Callable[[], datetime]
    editors: frozenset[str] = frozenset()
    editor_group: str | None = None
    default_story: str = "inbox"
    timezone: str = "UTC"
    input_limits: InputLimits = field(default_factory=InputLimits)
    # Answering runs here, one job at a time by default, so it never starves the acks.
    work: WorkQueue = field(default_factory=WorkQueue)
    digests: Digests | None = None
    slack: SlackRepo = field(init=False)

    def __post_init__(self) -> None:
        self.slack = SlackRepo(self.store)
