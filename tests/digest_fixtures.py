"""Reports for digest tests, built by hand as extraction values (no dependency on the extractor)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from facts.types import EntityMention, ExtractedFact, Extraction, SentenceInfo
from store import Store


@dataclass
class Fig:
    value_text: str
    value_num: float
    unit: str
    words: str  # the counted words as written, to find the span ("additional troops")
    modifiers: list[str] = field(default_factory=list)
    relation: str | None = None


def split_sentences(body: str) -> list[SentenceInfo]:
    out, pos = [], 0
    for i, part in enumerate(p for p in body.split("\n") if p.strip()):
        start = body.index(part, pos)
        out.append(SentenceInfo(i, start, start + len(part), part))
        pos = start + len(part)
    return out


def build(
    sentences: list[str],
    *,
    figures: list[tuple[int, Fig]] = (),  # type: ignore[assignment]
    quotes: list[tuple[int, str, str]] = (),  # type: ignore[assignment]
    people: list[tuple[int, str, str | None]] = (),  # type: ignore[assignment]
    statements: list[int] = (),  # type: ignore[assignment]
) -> tuple[str, Extraction]:
    """An article body (one sentence per line) and its extraction."""
    body = "\n".join(sentences)
    sents = split_sentences(body)
    facts: list[ExtractedFact] = []
    for idx, f in figures:
        s = sents[idx]
        start = body.index(f.value_text, s.start)
        end = body.index(f.words, start) + len(f.words) if f.words in s.text else start + len(f.value_text)
        facts.append(
            ExtractedFact(
                kind="figure",
                sentence_index=idx,
                start=start,
                end=end,
                value_text=f.value_text,
                value_num=f.value_num,
                unit=f.unit,
                modifiers=list(f.modifiers),
                relation=f.relation,
            )
        )
    for idx, speaker, quote in quotes:
        s = sents[idx]
        facts.append(
            ExtractedFact(
                kind="quote", sentence_index=idx, start=s.start, end=s.end, speaker=speaker, quote=quote
            )
        )
    for idx in statements:
        s = sents[idx]
        facts.append(
            ExtractedFact(kind="statement", sentence_index=idx, start=s.start, end=s.end, relation="say")
        )
    entities = []
    for idx, name, role in people:
        s = sents[idx]
        start = body.index(name.split()[-1], s.start)
        entities.append(EntityMention(name, "person", idx, start, start + len(name), role=role))
    return body, Extraction(sentences=sents, facts=facts, entities=entities)


async def add(
    store: Store,
    story_id: int,
    body: str,
    extraction: Extraction,
    *,
    at: datetime,
    outlet: str,
    url: str | None = None,
    published: datetime | None = None,
) -> int:
    added = await store.add_article(
        story_id=story_id,
        body=body,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        extraction=extraction,
        now=at,
        outlet=outlet,
        url=url,
        headline=body.split("\n", 1)[0][:80],
        published_at=published or at,
    )
    return added.article_id


def t(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2025, 1, day, hour, minute, tzinfo=UTC)


TROOPS = dict(unit="troop", words="additional troops", modifiers=["additional"], relation="order")


async def port_ellis_story(store: Store) -> int:
    """Three reports over three days: additional troops 1,500 -> 2,000 -> 2,500; 80 migrants
    repeated (not news); shelters new on day 3; a new person with a quote on day 2."""
    story = await store.ensure_story("port-ellis", title="Port Ellis & the <border>", now=t(25))
    body, ex = build(
        [
            "The governor ordered 1,500 additional troops to the northern border on Saturday.",
            "About 80 migrants arrived in Port Ellis by ferry, officials said.",
            "The ferry service stopped on Tuesday.",
        ],
        figures=[
            (0, Fig("1,500", 1500, **TROOPS)),  # type: ignore[arg-type]
            (1, Fig("About 80", 80, "migrant", "migrants", relation="arrive")),
        ],
        statements=[2],
    )
    await add(store, story.id, body, ex, at=t(25, 10), outlet="Daily Ledger", url="https://e.com/1")
    body, ex = build(
        [
            "The governor ordered 2,000 additional troops to the border, his office said on Sunday.",
            "Maria Lopez, the mayor of Port Ellis, said the town was overwhelmed.",
            '"We cannot house everyone tonight," Lopez said.',
            "Traders said R&D <b>budgets</b> were cut.",
        ],
        figures=[(0, Fig("2,000", 2000, **TROOPS))],  # type: ignore[arg-type]
        quotes=[(2, "Maria Lopez", "We cannot house everyone tonight")],
        people=[(1, "Maria Lopez", "Mayor of Port Ellis")],
        statements=[3],
    )
    await add(store, story.id, body, ex, at=t(26, 9), outlet="Border Ledger", url="https://e.com/2?a=1&b=2")
    body, ex = build(
        [
            "The governor has now ordered 2,500 additional troops to the border.",
            "About 80 migrants arrived in Port Ellis by ferry again.",
            "The town opened 12 shelters overnight.",
        ],
        figures=[
            (0, Fig("2,500", 2500, **TROOPS)),  # type: ignore[arg-type]
            (1, Fig("About 80", 80, "migrant", "migrants", relation="arrive")),
            (2, Fig("12", 12, "shelter", "shelters", relation="open")),
        ],
    )
    await add(store, story.id, body, ex, at=t(27, 7), outlet="Daily Ledger", url="https://e.com/3")
    return story.id
