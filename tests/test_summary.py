"""Key figures for `/story summary` and App Home (facts.summary), on plain store records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from facts.summary import key_figures
from store.records import ArticleRef, FactRecord, SentenceHit

T0 = datetime(2025, 1, 20, 9, 0, tzinfo=UTC)
_ids = iter(range(1, 1000))


def figure(
    value: str,
    unit: str,
    relation: str,
    *,
    day: int,
    modifiers: tuple[str, ...] = (),
    status: str = "extracted",
    published: bool = True,
) -> tuple[FactRecord, SentenceHit]:
    n = next(_ids)
    when = T0 + timedelta(days=day)
    article = ArticleRef(
        article_id=n,
        story_id=1,
        story_slug="border",
        outlet="Wire",
        url=None,
        headline=None,
        published_at=when if published else None,
        ingested_at=when,
    )
    text = f"Officials said {value} {' '.join(modifiers)} {unit}s were {relation}ed."
    fact = FactRecord(
        id=n,
        article_id=n,
        sentence_id=n,
        kind="figure",
        start=0,
        end=len(value),
        status=status,
        relation=relation,
        value_text=value,
        unit=unit,
        modifiers=list(modifiers),
    )
    return fact, SentenceHit(n, 0, text, 0, len(text), 1.0, article, [fact])


def values(rows: list[tuple[FactRecord, SentenceHit]]) -> list[str | None]:
    return [f.value_text for f, _ in rows]


def test_the_newest_report_wins_whatever_order_the_rows_come_in():
    newer = figure("2,500", "troop", "deploy", day=3)
    older = figure("1,500", "troop", "deploy", day=1)
    assert values(key_figures([newer, older])) == ["2,500"]


def test_qualifiers_and_actions_make_different_figures_as_in_the_digest():
    rows = [
        figure("1,500", "troop", "deploy", day=1),
        figure("1,000", "troop", "deploy", day=2, modifiers=("additional",)),
        figure("10,000", "troop", "send", day=3),
        figure("2,500", "troop", "deploy", day=4),
    ]
    # Newest report last: the 1,000 additional and the 10,000 sent stay separate figures.
    assert values(key_figures(rows)) == ["1,000", "10,000", "2,500"]


def test_retracted_figures_are_left_out_and_corrected_ones_count_with_their_new_value():
    rows = [
        figure("1,500", "troop", "deploy", day=1),
        figure("9,999", "troop", "deploy", day=2, status="retracted"),
        figure("300", "migrant", "detain", day=1),
        figure("350", "migrant", "detain", day=2, status="corrected"),
    ]
    assert values(key_figures(rows)) == ["1,500", "350"]


def test_a_report_without_a_publication_time_counts_from_when_it_arrived():
    rows = [figure("40", "flight", "cancel", day=5, published=False), figure("12", "flight", "cancel", day=2)]
    assert values(key_figures(rows)) == ["40"]


def test_limit_keeps_the_most_recent_figures():
    rows = [figure(str(i), f"thing{i}", "count", day=i) for i in range(10)]
    assert values(key_figures(rows, limit=3)) == ["7", "8", "9"]
    assert key_figures(rows, limit=0) == []
    assert key_figures([]) == []
