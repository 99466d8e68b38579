"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from facts.extract import extract
from facts.types import ExtractedFact

SAT = date(2025, 3, 8)  # Saturday
FRI = date(2025, 3, 7)  # Friday


def timed(text: str, published: date | datetime | None) -> list[ExtractedFact]:
    return [f for f in extract(text, published).facts if f.time_text]


def time_of(text: str, published: date | datetime | None) -> tuple[str | None, str | None]:
    fs = timed(text, published)
    assert fs, f"no time found in {text!r}"
    return fs[0].time_text, fs[0].time_value


@pytest.mark.parametrize(
    ("text", "expected_text", "expected_value"),
    [
        ("The bridge reopened on Friday.", "on Friday", "2025-03-07"),
        ("Voters went to the polls on Wednesday.", "on Wednesday", "2025-03-05"),
        ("The minister resigned Monday after the vote.", "Monday", "2025-03-03"),
        ("The council met late on Thursday.", "late on Thursday", "2025-03-06"),
        ("The strike began on Saturday morning.", "on Saturday morning", "2025-03-08"),
    ],
)
def test_weekday_is_the_most_recent_on_or_before_publication(
    text: str, expected_text: str, expected_value: str
) -> None:
    assert time_of(text, SAT) == (expected_text, expected_value)


def test_same_weekday_as_publication_means_that_day() -> None:
    assert time_of("The court ruled on Friday.", FRI) == ("on Friday", "2025-03-07")


def test_last_weekday_means_the_previous_week() -> None:
    assert time_of("The court ruled last Friday.", FRI) == ("last Friday", "2025-02-28")
    assert time_of("The talks collapsed last Tuesday.", SAT) == ("last Tuesday", "2025-02-25")


def test_future_wording_picks_the_coming_weekday() -> None:
    assert time_of("The senate will vote on Tuesday.", SAT) == ("on Tuesday", "2025-03-11")


def test_relative_days_and_weeks() -> None:
    assert time_of("The embassy closed yesterday.", SAT) == ("yesterday", "2025-03-07")
    assert time_of("Markets fell sharply today.", SAT) == ("today", "2025-03-08")
    text, value = time_of("The ministry announced the plan earlier this week.", SAT)
    assert text == "earlier this week"
    assert value == "2025-W10"
    assert time_of("Prices rose last week.", SAT) == ("last week", "2025-W09")
    assert time_of("Exports fell last month.", SAT) == ("last month", "2025-02")


def test_month_without_year_looks_forward_after_beginning_in() -> None:
    pub = date(2025, 11, 20)
    assert time_of("A new levy will apply beginning in February.", pub) == (
        "beginning in February",
        "2026-02",
    )
    assert time_of("Talks resumed in October.", pub) == ("in October", "2025-10")


def test_month_without_year_nearest_occurrence() -> None:
    assert time_of("The rules changed in February.", SAT) == ("in February", "2025-02")
    assert time_of("Elections are due in May.", date(2025, 1, 10))[1] == "2025-05"


def test_absolute_dates() -> None:
    assert time_of("The decree was signed on Jan. 24, 2024.", SAT)[1] == "2024-01-24"
    assert time_of("The deal was struck on January 9.", SAT)[1] == "2025-01-09"
    assert time_of("Hearings start Feb. 1.", date(2025, 1, 20))[1] == "2025-02-01"
    assert time_of("The report was published on 14 March 2023.", SAT)[1] == "2023-03-14"


def test_years() -> None:
    assert time_of("The border wall was started in 2019.", SAT) == ("in 2019", "2019")


def test_without_publication_date() -> None:
    assert time_of("The decree was signed on Jan. 24, 2024.", None)[1] == "2024-01-24"
    assert time_of("The bridge reopened on Friday.", None) == ("on Friday", None)
    assert time_of("The deal was struck in 2020.", None) == ("in 2020", "2020")


def test_datetime_publication_is_accepted() -> None:
    pub = datetime(2025, 3, 8, 14, 30, tzinfo=UTC)
    assert time_of("The bridge reopened on Friday.", pub) == ("on Friday", "2025-03-07")


def test_modal_may_is_not_a_month() -> None:
    assert timed("Officials may extend the curfew.", SAT) == []


def test_time_spans_index_the_text() -> None:
    text = "The board met on Tuesday, and the vote followed on Jan. 24, 2025."
    x = extract(text, SAT)
    for f in x.facts:
        assert text[f.start : f.end]
        if f.time_text:
            assert f.time_text in text
