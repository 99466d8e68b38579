"""The answering engine as handlers call it: one question, the channel's stories, the clock."""

from __future__ import annotations

import logging
from typing import Any

from handlers.deps import Deps

log = logging.getLogger(__name__)

_FOLLOW_UP_OPENERS = ("and ", "what about ", "how about ", "also ", "then ")


def with_thread_context(previous: str | None, follow_up: str) -> str:
    """A follow-up in a thread ("and in San Diego?") read with the thread's first question."""
    text = follow_up.strip()
    if not previous:
        return text
    lowered = text.lower()
    short = len(text.split()) <= 6
    opener = next((o for o in _FOLLOW_UP_OPENERS if lowered.startswith(o)), None)
    if opener is None and not short:
        return text
    rest = text[len(opener) :] if opener else text
    return f"{previous.strip().rstrip('?').strip()} {rest.strip()}"


def warm_up() -> None:
    """Load the engine's word data (lemminflect's tables, the question lexicon: ~0.7 s here)
    before serving, so the first question after a start does not hold every ack behind it."""
    from lemminflect import getAllLemmas, getInflection

    from facts.question import parse_question

    parse_question("how many troops were sent to the border on Friday?")
    getAllLemmas("sent")
    getInflection("troop", "NNS")


def engine_available() -> bool:
    try:
        import facts.answer  # noqa: F401
    except ImportError:
        return False
    return True


async def ask(deps: Deps, question: str, *, story_ids: list[int], asked_by: str | None = None) -> Any | None:
    """The engine's Answer (the engine logs the question), or None when it is not installed."""
    try:
        from facts.answer import answer_question
    except ImportError:
        log.warning("facts.answer is not installed; cannot answer %r", question)
        return None
    # Through the work queue: its CPU-heavy steps never pile up between acks.
    return await deps.work.run(
        lambda: answer_question(
            question, source=deps.store, story_ids=story_ids, now=deps.clock(), asked_by=asked_by
        )
    )
