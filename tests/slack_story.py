"""Test reports stored with hand-written extractions (the real store, no extractor needed)."""

from __future__ import annotations

from datetime import datetime

from facts.types import ExtractedFact, Extraction, SentenceInfo
from store import Store
from store.records import StoryRecord


def _sentences(body: str) -> list[SentenceInfo]:
    out, start = [], 0
    for i, part in enumerate(body.split(". ")):
        text = part if part.endswith(".") else part + "."
        begin = body.index(part, start)
        out.append(SentenceInfo(i, begin, begin + len(text), text))
        start = begin + len(text)
    return out


async def add_report(
    store: Store,
    story: StoryRecord,
    body: str,
    figures: list[tuple[str, float, str, str]],
    *,
    now: datetime,
    outlet: str = "Factdesk Wire",
    url: str | None = "https://example.com/report",
    headline: str = "Governor orders troops north",
    published: datetime | None = None,
) -> list[int]:
    """Store `body`; each figure is (value as written, number, counted noun, action lemma).
    Returns the new fact ids."""
    sents = _sentences(body)
    facts = []
    for value_text, num, unit, relation in figures:
        start = body.index(value_text)
        idx = next(s.index for s in sents if s.start <= start < s.end)
        facts.append(
            ExtractedFact(
                kind="figure",
                sentence_index=idx,
                start=start,
                end=start + len(value_text),
                value_text=value_text,
                value_num=num,
                unit=unit,
                relation=relation,
            )
        )
    import hashlib

    added = await store.add_article(
        story_id=story.id,
        body=body,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        extraction=Extraction(sentences=sents, facts=facts, entities=[]),
        now=now,
        outlet=outlet,
        url=url,
        headline=headline,
        published_at=published or now,
    )
    rows = await store.facts_for_story(story.id)
    return [f.id for f, _ in rows if f.article_id == added.article_id]


TROOPS = (
    "The governor ordered 1,500 additional troops to the northern border on Friday. "
    "Residents of Port Ellis said the ferry service stopped on Tuesday."
)
