"""What every listener needs, built once in bot/ and passed in: store, clock, Slack client, editors,
and the queue answers are worked through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from facts.sources import InputLimits
from handlers.work import WorkQueue
from store import Store
from store.slack_repo import SlackRepo


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
    slack: SlackRepo = field(init=False)

    def __post_init__(self) -> None:
        self.slack = SlackRepo(self.store)
