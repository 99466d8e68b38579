"""The answering engine as handlers call it: one question (and the thread's earlier one), the
channel's stories, the clock, through the work queue."""

from __future__ import annotations

import logging

from facts.answer import Answer, answer_question
from handlers.deps import Deps

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Load the engine's word data (lemminflect's tables, the question lexicon: ~0.7 s here)
    before serving, so the first question after a start does not hold every ack behind it."""
    from lemminflect import getAllLemmas, getInflection

    from facts.question import parse_question

    parse_question("how many troops were sent to the border on Friday?")
    getAllLemmas("sent")
    getInflection("troop", "NNS")


async def ask(
    deps: Deps,
    question: str,
    *,
    story_ids: list[int],
    asked_by: str | None = None,
    previous: str | None = None,
) -> Answer:
    """The engine's Answer (the engine logs the question). `previous` is the thread's first
    question: the engine reads a follow-up ("and in San Diego?") with it (`Answer.asked_as`)."""
    # Through the work queue: its CPU-heavy steps never pile up between acks.
    return await deps.work.run(
        lambda: answer_question(
            question,
            source=deps.store,
            story_ids=story_ids,
            now=deps.clock(),
            asked_by=asked_by,
            previous=previous,
        )
    )
