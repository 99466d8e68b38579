"""Figures: the phrase, hedge, value, counted noun, modifiers and governing verb."""

from __future__ import annotations

from datetime import date

import pytest

from facts.extract import extract
from facts.types import ExtractedFact, Extraction

PUB = date(2025, 3, 8)  # a Saturday


def _run(text: str) -> Extraction:
    x = extract(text, PUB)
    for f in x.facts:
        assert 0 <= f.start < f.end <= len(text)
    return x


def figures(text: str) -> list[ExtractedFact]:
    return [f for f in _run(text).facts if f.kind == "figure"]


def one(text: str, phrase: str) -> ExtractedFact:
    found = [f for f in figures(text) if text[f.start : f.end] == phrase]
    assert found, f"no figure {phrase!r} in {[text[f.start : f.end] for f in figures(text)]}"
    return found[0]


def test_grouped_digits_modifiers_and_verb() -> None:
    t = "The governor has sent 2,300 additional National Guard soldiers to the coast."
    f = one(t, "2,300 additional National Guard soldiers")
    assert f.value_text == "2,300"
    assert f.value_num == 2300.0
    assert f.unit == "soldier"
    assert f.relation == "send"
    assert f.subject == "The governor"


def test_nationality_modifier() -> None:
    t = "The navy deployed 400 extra Canadian sailors."
    f = one(t, "400 extra Canadian sailors")
    assert f.modifiers == ["extra", "Canadian"]
    assert f.unit == "sailor"
    assert f.relation == "deploy"


@pytest.mark.parametrize(
    ("text", "phrase", "hedge", "value"),
    [
        ("Rescuers pulled about 60 people from the river.", "about 60 people", "about", 60.0),
        (
            "Officers arrested more than 1,200 protesters on the bridge.",
            "more than 1,200 protesters",
            "more than",
            1200.0,
        ),
        ("The storm damaged at least 45 homes in the valley.", "at least 45 homes", "at least", 45.0),
        ("The new law could affect up to 8,000 workers.", "up to 8,000 workers", "up to", 8000.0),
        ("The agency hired nearly 300 inspectors.", "nearly 300 inspectors", "nearly", 300.0),
        ("Some 90 vessels crowded the harbour.", "Some 90 vessels", "some", 90.0),
        ("Fewer than 20 lawmakers attended the session.", "Fewer than 20 lawmakers", "fewer than", 20.0),
        ("The clinic treated as many as 500 patients.", "as many as 500 patients", "as many as", 500.0),
        ("An estimated 12,000 fans watched the final.", "An estimated 12,000 fans", "an estimated", 12000.0),
    ],
)
def test_hedges(text: str, phrase: str, hedge: str, value: float) -> None:
    f = one(text, phrase)
    assert f.hedge == hedge
    assert f.value_num == value
    assert f.value_text == phrase.rsplit(" ", 1)[0]


def test_scaled_numbers_and_money() -> None:
    t = "The ministry will spend $1.2 billion on roads, and 2.5 million people live in the region."
    money = one(t, "$1.2 billion")
    assert money.unit == "$"
    assert money.value_num == 1.2e9
    people = one(t, "2.5 million people")
    assert people.value_num == 2.5e6
    assert people.unit == "people"


def test_money_measured_noun() -> None:
    t = "Parliament approved $300 million in aid for the farmers."
    f = one(t, "$300 million in aid")
    assert f.unit == "$"
    assert f.measured == "aid"
    assert f.value_num == 3e8


def test_percentages() -> None:
    t = "The president threatened a blanket 40% tariff on imported steel."
    f = one(t, "40% tariff")
    assert f.unit == "%"
    assert f.measured == "tariff"
    assert f.value_num == 40.0
    assert f.relation == "threaten"
    t2 = "Turnout fell 12 percent in the northern districts."
    f2 = one(t2, "12 percent")
    assert f2.unit == "%"
    assert f2.value_num == 12.0


def test_number_words() -> None:
    t = "Eleven miners were trapped, and two helicopters and a dozen ambulances reached the site."
    assert one(t, "Eleven miners").value_num == 11.0
    assert one(t, "two helicopters").unit == "helicopter"
    dozen = one(t, "a dozen ambulances")
    assert dozen.value_num == 12.0
    assert dozen.unit == "ambulance"


def test_each_with_hedged_figure_keeps_main_verb() -> None:
    t = "Coast guard boats carried out three rescues, each with about 15 fishermen, off the island."
    f = one(t, "about 15 fishermen")
    assert f.hedge == "about"
    assert f.relation == "carry out"
    assert f.subject == "Coast guard boats"
    assert one(t, "three rescues").relation == "carry out"


def test_vague_quantities_never_get_a_number() -> None:
    t = "Thousands of residents fled, and tens of thousands of homes lost power."
    res = one(t, "Thousands of residents")
    assert res.value_num is None
    assert res.hedge == "thousands"
    assert res.unit == "resident"
    homes = one(t, "tens of thousands of homes")
    assert homes.value_num is None
    assert homes.hedge == "tens of thousands"
    assert homes.unit == "home"


def test_more_inherits_the_earlier_unit_and_verb_after() -> None:
    t = "The army has moved 900 paratroopers to the border, and commanders have said hundreds more could follow."
    first = one(t, "900 paratroopers")
    assert first.relation == "move"
    more = one(t, "hundreds more")
    assert more.unit == "paratrooper"
    assert more.hedge == "hundreds"
    assert more.value_num is None
    assert "more" in more.modifiers
    assert more.relation == "follow"
    assert more.attributed_to == "commanders"


def test_participle_after_object_does_not_steal_the_verb() -> None:
    t = "The agency plans to resettle more than 3,000 refugees housed in camps near Lyon."
    f = one(t, "more than 3,000 refugees")
    assert f.relation == "resettle"
    assert f.unit == "refugee"


def test_ordinal_counts() -> None:
    t = "Chile on Tuesday received a fourth shipment of vaccines."
    f = one(t, "a fourth shipment")
    assert f.value_num == 4.0
    assert f.unit == "shipment"
    assert "ordinal" in f.modifiers
    assert f.relation == "receive"


def test_fraction() -> None:
    t = "A third of the volunteers left before noon."
    f = one(t, "A third of the volunteers")
    assert f.unit == "fraction"
    assert f.measured == "volunteer"
    assert f.value_num == pytest.approx(1 / 3, abs=1e-3)


def test_ranges_keep_no_single_number() -> None:
    t = "Between 40 and 70 houses were flooded."
    f = one(t, "Between 40 and 70 houses")
    assert f.value_num is None
    assert f.hedge == "between"
    assert f.unit == "house"


def test_hedged_one_counts_but_plain_one_does_not() -> None:
    t = "At least one person died, one witness said."
    texts = [t[f.start : f.end] for f in figures(t)]
    assert "At least one person" in texts
    assert not any(x.startswith("one witness") for x in texts)


@pytest.mark.parametrize(
    "text",
    [
        "The war ended in 1995 and the treaty was signed in 2003.",
        "A C-17 and two F-35 jets landed at the base.",
        "Officials invoked Title 42 during the COVID-19 pandemic.",
        "The office at 1600 Pennsylvania Avenue closed early.",
        "The vote is set for Jan. 14 at 10 a.m.",
        "The plan, known as Resolution 2334, passed.",
    ],
)
def test_non_counts_are_not_figures(text: str) -> None:
    bad = {"1995", "2003", "17", "35", "42", "19", "1600", "14", "10", "2334"}
    for f in figures(text):
        assert f.value_text not in bad, (text, f.value_text)
        assert text[f.start : f.end].split()[0] not in bad


def test_f35_jets_count_only_the_two() -> None:
    t = "A C-17 and two F-35 jets landed at the base."
    fs = figures(t)
    assert [f.value_num for f in fs] == [2.0]


def test_year_with_plural_count_noun_is_a_count() -> None:
    t = "The company cut 2000 jobs last year."
    f = one(t, "2000 jobs")
    assert f.value_num == 2000.0
    assert f.unit == "job"


def test_age_is_an_attribute_not_a_count() -> None:
    t = "A 34-year-old man was detained."
    assert not figures(t)
    attrs = [f for f in _run(t).facts if f.kind == "attribute" and f.unit == "year-old"]
    assert attrs and attrs[0].value_num == 34.0


def test_place_and_time_near_a_figure() -> None:
    t = "Soldiers evacuated 250 residents to Tijuana on Thursday."
    f = one(t, "250 residents")
    assert f.place == "Tijuana"
    assert f.time_text == "on Thursday"
    assert f.time_value == "2025-03-06"


def test_place_list_with_states() -> None:
    t = "Officers detained more than 700 migrants in Tucson, Arizona, and Laredo, Texas."
    f = one(t, "more than 700 migrants")
    assert f.place == "Tucson, Arizona and Laredo, Texas"


def test_singular_nouns_before_the_counted_plural_are_modifiers() -> None:
    t = "Two Chilean navy patrol boats reached the port."
    f = one(t, "Two Chilean navy patrol boats")
    assert f.unit == "boat"
    assert f.modifiers == ["Chilean", "navy", "patrol"]


def test_a_count_of_sources_is_not_a_story_figure() -> None:
    t = "Three diplomats said the embassy had issued 40 visas."
    texts = [t[f.start : f.end] for f in figures(t)]
    assert texts == ["40 visas"]
