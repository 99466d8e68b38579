"""Composing a story's digest: what changed and what is new in a time window, every item cited.

Pure newsroom logic over what the store returns (through `DigestSource`); knows nothing of
Slack and takes the window as arguments. Every figure it reports comes with the sentence it
was read from, and an extracted figure whose words are not in that sentence is left out."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from store.records import ArticleRef, EntityRecord, FactRecord, SentenceHit, StoryRecord

log = logging.getLogger(__name__)


class DigestSource(Protocol):
    """The queries a digest needs (store.digest_repo.DigestRepo provides them)."""

    async def new_articles(
        self, *, story_id: int, since: datetime | None, until: datetime
    ) -> list[ArticleRef]: ...

    async def sentences_of_article(self, article_id: int) -> list[SentenceHit]: ...

    async def figures(
        self, *, units: Sequence[str], story_ids: Sequence[int] | None = None, limit: int = 1000
    ) -> list[tuple[FactRecord, SentenceHit]]: ...

    async def new_people(
        self, *, story_id: int, since: datetime | None, until: datetime
    ) -> list[tuple[EntityRecord, int]]: ...


# ---- the value -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """The sentence an item was read from, and the report it is in."""

    sentence: str
    sentence_id: int
    article_id: int
    outlet: str | None
    url: str | None
    headline: str | None
    published_at: datetime | None


@dataclass(frozen=True)
class FigureValue:
    fact_id: int
    value_text: str  # as the source wrote it, hedge included ("about 2,500")
    value_num: float | None
    unit: str | None
    as_of: datetime  # the report's publication time (or when it reached us)
    source: Citation
    attributed_to: str | None = None
    # Set when an editor corrected the figure: what the source sentence itself says.
    corrected_from: str | None = None


@dataclass(frozen=True)
class FigureChange:
    """One figure that has a new value: `old` is the latest before the window, `new` the latest in it."""

    label: str  # "additional troops"
    relation: str | None  # "deploy"
    old: FigureValue
    new: FigureValue
    # Every distinct value over time, oldest first (old and new included): the chart's points.
    history: tuple[FigureValue, ...]

    @property
    def changes(self) -> int:
        return len(self.history) - 1


@dataclass(frozen=True)
class NewFigure:
    label: str
    relation: str | None
    value: FigureValue


@dataclass(frozen=True)
class NewPerson:
    name: str
    role: str | None
    source: Citation | None


@dataclass(frozen=True)
class NewQuote:
    speaker: str | None
    quote: str
    source: Citation


@dataclass(frozen=True)
class OutletCount:
    outlet: str
    reports: int


@dataclass(frozen=True)
class Digest:
    """What is new in a story in [since, until). Empty when no report arrived in the window."""

    story_slug: str
    story_title: str
    since: datetime | None
    until: datetime
    report_count: int = 0
    outlets: tuple[OutletCount, ...] = ()
    changed: tuple[FigureChange, ...] = ()
    new_figures: tuple[NewFigure, ...] = ()
    people: tuple[NewPerson, ...] = ()
    quotes: tuple[NewQuote, ...] = ()
    sentences: tuple[Citation, ...] = ()
    # How many items each section left out to stay short (section name -> count).
    omitted: dict[str, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return self.report_count == 0

    def charted(self, min_changes: int = 2) -> list[FigureChange]:
        """Figures that changed often enough that a chart says it better than words."""
        return [c for c in self.changed if c.changes >= min_changes]


@dataclass(frozen=True)
class DigestLimits:
    changed: int = 8
    new_figures: int = 8
    people: int = 10
    quotes: int = 5
    sentences: int = 5


# ---- composing -------------------------------------------------------------------------------


async def compose_digest(
    source: DigestSource,
    *,
    story: StoryRecord,
    since: datetime | None,
    until: datetime,
    limits: DigestLimits = DigestLimits(),
) -> Digest:
    """The digest of `story` for reports that reached the store in [since, until)."""
    if since is not None and since.tzinfo is None or until.tzinfo is None:
        raise ValueError("digest windows take timezone-aware times")
    articles = await source.new_articles(story_id=story.id, since=since, until=until)
    if not articles:
        return Digest(story_slug=story.slug, story_title=story.title, since=since, until=until)

    hits: list[SentenceHit] = []
    for a in articles:
        hits += await source.sentences_of_article(a.article_id)
    new_ids = {a.article_id for a in articles}

    new_figures = [(f, h) for h in hits for f in h.facts if _usable_figure(f, h)]
    units = sorted({f.unit for f, _ in new_figures if f.unit})
    earlier: list[tuple[FactRecord, SentenceHit]] = []
    if units:
        earlier = [
            (f, h)
            for f, h in await source.figures(units=units, story_ids=[story.id])
            if h.article.article_id not in new_ids and h.article.ingested_at < until and _usable_figure(f, h)
        ]

    changed, fresh = _figures(new_figures, earlier)
    quotes = [
        NewQuote(speaker=f.speaker, quote=f.quote, source=_cite(h))
        for h in hits
        for f in h.facts
        if f.kind == "quote" and f.quote and f.status != "retracted"
    ]
    by_sentence = {h.sentence_id: h for h in hits}
    people = [
        NewPerson(name=e.name, role=e.role, source=_cite(by_sentence[sid]) if sid in by_sentence else None)
        for e, sid in await source.new_people(story_id=story.id, since=since, until=until)
    ]
    cited = {c.new.source.sentence_id for c in changed} | {n.value.source.sentence_id for n in fresh}
    cited |= {q.source.sentence_id for q in quotes}
    sentences = _important(hits, exclude=cited)

    outlets = Counter(a.outlet or "unknown outlet" for a in articles)
    omitted = {
        name: len(items) - limit
        for name, items, limit in (
            ("changed", changed, limits.changed),
            ("new_figures", fresh, limits.new_figures),
            ("people", people, limits.people),
            ("quotes", quotes, limits.quotes),
            ("sentences", sentences, limits.sentences),
        )
        if len(items) > limit
    }
    return Digest(
        story_slug=story.slug,
        story_title=story.title,
        since=since,
        until=until,
        report_count=len(articles),
        outlets=tuple(OutletCount(o, n) for o, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        changed=tuple(changed[: limits.changed]),
        new_figures=tuple(fresh[: limits.new_figures]),
        people=tuple(people[: limits.people]),
        quotes=tuple(quotes[: limits.quotes]),
        sentences=tuple(sentences[: limits.sentences]),
        omitted=omitted,
    )


_FigureKey = tuple[str, str, tuple[str, ...]]


def figure_key(fact: FactRecord) -> _FigureKey:
    """Which figures are "the same figure" across reports: what is counted, with the same
    qualifiers, for the same action ("additional troops ordered" is not "troops deployed")."""
    mods = tuple(sorted({m.strip().lower() for m in fact.modifiers if m and m.strip()}))
    return ((fact.unit or "").lower(), (fact.relation or "").lower(), mods)


def _figures(
    new: list[tuple[FactRecord, SentenceHit]], earlier: list[tuple[FactRecord, SentenceHit]]
) -> tuple[list[FigureChange], list[NewFigure]]:
    new_by_key: dict[_FigureKey, list[FigureValue]] = {}
    for f, h in new:
        new_by_key.setdefault(figure_key(f), []).append(_value(f, h))
    old_by_key: dict[_FigureKey, list[FigureValue]] = {}
    for f, h in earlier:
        key = figure_key(f)
        if key in new_by_key:
            old_by_key.setdefault(key, []).append(_value(f, h))

    changed: list[FigureChange] = []
    fresh: list[NewFigure] = []
    for key, values in new_by_key.items():
        values.sort(key=_when)
        label, relation = _label(key), key[1] or None
        before = sorted(old_by_key.get(key, []), key=_when)
        latest = values[-1]
        if not before:
            fresh.append(NewFigure(label=label, relation=relation, value=latest))
            continue
        old = before[-1]
        if _same(old, latest):
            continue  # a repeat of what was known is not news
        history = _distinct_steps(before + values)
        changed.append(FigureChange(label=label, relation=relation, old=old, new=latest, history=history))
    # Most eventful first, then newest.
    changed.sort(key=lambda c: (-c.changes, -c.new.as_of.timestamp(), c.label))
    fresh.sort(key=lambda n: (-n.value.as_of.timestamp(), n.label))
    return changed, fresh


def _distinct_steps(values: list[FigureValue]) -> tuple[FigureValue, ...]:
    """The values over time with repeats of the previous value dropped."""
    out: list[FigureValue] = []
    for v in values:
        if out and _same(out[-1], v):
            continue
        out.append(v)
    return tuple(out)


def _same(a: FigureValue, b: FigureValue) -> bool:
    if a.value_num is not None and b.value_num is not None:
        return a.value_num == b.value_num
    return a.value_text.strip().lower() == b.value_text.strip().lower()


def _when(v: FigureValue) -> tuple[float, int, int]:
    return (v.as_of.timestamp(), v.source.article_id, v.fact_id)


_DIGITS = re.compile(r"\s+")


def _usable_figure(f: FactRecord, h: SentenceHit) -> bool:
    """A figure the digest may state: not retracted, counted in a unit, and (unless an editor
    corrected it) written in its own source sentence."""
    if f.kind != "figure" or f.status == "retracted" or not f.value_text or not f.unit:
        return False
    if f.status == "corrected":
        return True
    if _DIGITS.sub(" ", f.value_text.strip()).lower() not in _DIGITS.sub(" ", h.text).lower():
        log.warning("figure #%s %r is not in its sentence; left out of the digest", f.id, f.value_text)
        return False
    return True


def _value(f: FactRecord, h: SentenceHit) -> FigureValue:
    assert f.value_text is not None
    return FigureValue(
        fact_id=f.id,
        value_text=f.value_text,
        value_num=f.value_num,
        unit=f.unit,
        as_of=h.article.published_at or h.article.ingested_at,
        source=_cite(h),
        attributed_to=f.attributed_to,
        corrected_from=(f.original_value_text if f.status == "corrected" else None),
    )


def _cite(h: SentenceHit) -> Citation:
    return Citation(
        sentence=h.text,
        sentence_id=h.sentence_id,
        article_id=h.article.article_id,
        outlet=h.article.outlet,
        url=h.article.url,
        headline=h.article.headline,
        published_at=h.article.published_at,
    )


def _label(key: _FigureKey) -> str:
    unit, _, mods = key
    return " ".join([*mods, plural(unit)]).strip()


_IRREGULAR = {
    "person": "people",
    "people": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "police": "police",
    "staff": "staff",
    "personnel": "personnel",
}


def plural(unit: str) -> str:
    """Plural of a counted noun ("troop" -> "troops"); symbols and words already plural stay as they are."""
    if unit in _IRREGULAR:
        return _IRREGULAR[unit]
    if not unit or not unit[-1].isalpha() or unit.endswith("s"):
        return unit
    if unit.endswith("y") and len(unit) > 1 and unit[-2] not in "aeiou":
        return unit[:-1] + "ies"
    return unit + "s"


_FACT_WEIGHT = {"figure": 3.0, "quote": 2.0, "event": 1.5, "statement": 1.0, "attribute": 1.0}


def _important(hits: list[SentenceHit], *, exclude: set[int]) -> list[Citation]:
    """New sentences worth reading first: those holding the most (and weightiest) facts, with a
    lift for a report's lead, which is where news writing puts what matters."""
    scored = []
    for order, h in enumerate(hits):
        if h.sentence_id in exclude:
            continue
        facts = [f for f in h.facts if f.status != "retracted"]
        score = sum(_FACT_WEIGHT.get(f.kind, 1.0) for f in facts)
        if score == 0:
            continue
        if h.index == 0:
            score += 2.0
        elif h.index < 3:
            score += 1.0
        scored.append((-score, order, h))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [_cite(h) for _, _, h in scored]
