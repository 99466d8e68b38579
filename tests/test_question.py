"""Understanding questions: the kind of answer expected, the counted noun, the words a
supporting sentence must hold, spelling fixes against the store's words."""

from __future__ import annotations

import pytest

from facts.question import (
    COUNT,
    DATE,
    LATEST,
    PERSON,
    PLACE,
    REASON,
    SOURCE,
    TOPIC,
    WHAT,
    YESNO,
    parse_question,
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("how many soldiers were sent?", COUNT),
        ("What's the number of flights so far", COUNT),
        ("up to how many planes could land", COUNT),
        ("who is the governor of Texas?", PERSON),
        ("who said the talks had stalled", SOURCE),
        ("which outlet first reported the refusal?", SOURCE),
        ("where did the jets land", PLACE),
        ("which city hosts the summit", PLACE),
        ("when do the levies take effect?", DATE),
        ("what day was the vote", DATE),
        ("why did the minister resign", REASON),
        ("how come the ship turned back", REASON),
        ("has the senate approved the bill?", YESNO),
        ("could more ships be sent?", YESNO),
        ("what's the latest on the strike", LATEST),
        ("what program did the agency cancel", WHAT),
        ("ships in the harbour?", TOPIC),
        ("can you tell me how many nurses walked out", COUNT),
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert parse_question(text).kind == kind


def test_counted_noun_and_modifiers() -> None:
    q = parse_question("how many military cargo flights landed in Peru")
    assert q.counted is not None and q.counted.text == "flights"
    assert [t.text for t in q.counted_mods] == ["military", "cargo"]
    assert q.counted.required
    peru = next(t for t in q.terms if t.text == "peru")
    assert peru.required and peru.role == "place"


def test_money_and_rate_measures() -> None:
    assert parse_question("how much does the bridge cost?").measure == "money"
    assert parse_question("how high is the levy on steel").measure == "percent"
    assert parse_question("how many nurses are striking").measure is None


def test_demonyms_match_their_country() -> None:
    q = parse_question("how many Canadian nurses")
    canadian = next(t for t in q.terms if t.text == "canadian")
    assert "@canada" in canadian.exact and canadian.required


def test_role_noun_is_required_for_who_is() -> None:
    q = parse_question("who is the French ambassador to Chile?")
    assert q.type_noun is not None and q.type_noun.text == "ambassador" and q.type_noun.required


def test_synonyms_and_lemmas_reach_the_search_terms() -> None:
    terms = parse_question("how many soldiers deployed").search_terms()
    assert {"soldier", "troop", "deploy", "send"} <= set(terms)
    assert all(t == t.lower() and " OR " not in t for t in terms)


def test_typo_fixed_against_store_words() -> None:
    vocab = frozenset({"troops", "groups", "harbour", "deployed", "guatemala"})
    q = parse_question("how many troups reached guatamala", vocabulary=vocab)
    assert q.corrections == {"troups": "troops", "guatamala": "guatemala"}
    assert q.counted is not None and q.counted.text == "troops"


def test_real_words_are_not_corrected() -> None:
    vocab = frozenset({"troops", "groups"})
    q = parse_question("how many groups", vocabulary=vocab)
    assert q.corrections == {}


def test_source_question_keeps_its_verb_and_first() -> None:
    q = parse_question("who first reported the raid?")
    assert q.kind == SOURCE and q.say_verb == "report" and q.first


def test_follow_ups_swap_the_place_or_name_into_the_previous_question() -> None:
    from facts.question import resolve_follow_up

    prev = "how many migrants are held in El Paso?"
    assert resolve_follow_up("and in San Diego?", prev) == "how many migrants are held in San Diego?"
    assert (
        resolve_follow_up("what about Colombia?", "how many deportees did Guatemala receive?")
        == "how many deportees did Colombia receive?"
    )
    assert resolve_follow_up("and canada?", "when do the tariffs on mexico start?") == (
        "when do the tariffs on canada start?"
    )
    # questions that stand on their own are not rewritten
    assert resolve_follow_up("how many flights?", prev) == "how many flights?"
    assert resolve_follow_up("and how many were children?", prev) == "and how many were children?"
    assert resolve_follow_up("and in San Diego?", None) == "and in San Diego?"


@pytest.mark.parametrize(
    ("text", "audience", "according_to"),
    [
        ("who told reuters about the spill", "reuters about the spill", None),
        ("who said in an interview with CNN that talks stalled", "cnn that talks stalled", None),
        ("who told reporters the port reopened", "reporters the port reopened", None),
        ("how many died according to the AP", None, "ap"),
        ("according to whom did the port reopen", None, None),
    ],
)
def test_audience_and_according_to_are_read(
    text: str, audience: str | None, according_to: str | None
) -> None:
    q = parse_question(text)
    assert q.audience == audience
    assert q.according_to == according_to


def test_outlet_names_are_not_spelling_fixed_into_words() -> None:
    q = parse_question("who told reuters about the flight", vocabulary=frozenset({"reporters", "flight"}))
    assert "reuters" in [t.text for t in q.terms]
    assert "reuters" not in q.corrections


def test_an_ordinal_must_be_in_the_sentence() -> None:
    q = parse_question("how many people were on the third flight")
    third = next(t for t in q.terms if t.text == "third")
    assert third.required


@pytest.mark.parametrize(
    ("text", "measure_noun"),
    [
        ("what was norvania's inflation rate in may", "inflation"),
        ("what is the unemployment rate in norvania", "unemployment"),
        ("what was inflation in april", "inflation"),
    ],
)
def test_a_measure_behind_a_possessive_is_a_figure_question(text: str, measure_noun: str) -> None:
    q = parse_question(text)
    assert q.kind == COUNT
    assert q.measure_noun == measure_noun


def test_a_merged_phrase_is_searched_as_written() -> None:
    assert "chief executive" in parse_question("who is brightline's ceo").search_terms()


@pytest.mark.parametrize(
    ("text", "counted", "measure"),
    [
        ("how much rain fell in 24 hours", "rain", None),
        ("how many people left the city", "people", None),
        ("how much does the ministry say it owes", None, "money"),
        ("how much have the growers lost", None, "money"),
    ],
)
def test_an_irregular_past_ends_the_counted_noun_and_debts_are_money(
    text: str, counted: str | None, measure: str | None
) -> None:
    q = parse_question(text)
    assert q.kind == COUNT
    assert (q.counted.text if q.counted else None) == counted
    assert q.measure == measure


@pytest.mark.parametrize(
    ("text", "verb", "noun"),
    [
        ("how many years did prosecutors want pellan to get", "want", "prosecutors"),
        ("by how many votes did proposition t pass", "pass", "proposition"),
        ("how many people does the colliery employ", "employ", "colliery"),
    ],
)
def test_the_word_after_did_and_its_subject_is_the_verb(text: str, verb: str, noun: str) -> None:
    q = parse_question(text)
    roles = {t.text: t.role for t in q.terms}
    assert roles[verb] == "verb" and roles[noun] == "noun"
    assert not next(t for t in q.terms if t.text == verb).required


def test_how_many_of_the_counts_the_noun_and_how_old_asks_an_age() -> None:
    q = parse_question("how many of the recalled packs have been returned")
    assert q.kind == COUNT and q.counted is not None and q.counted.text == "packs"
    q = parse_question("how old was the man who died")
    assert q.kind == COUNT and q.measure_noun == "age"
    assert all(not t.required for t in q.terms if t.text == "old")
    q = parse_question("how many members of the rate committee backed the cut")
    assert q.measure is None and q.counted is not None and q.counted.text == "members"
    assert parse_question("how much was the mayor fined").measure == "money"
    assert parse_question("how much will the petrol tax go up").measure == "change"


def test_a_phrasal_verb_is_the_verb_it_means() -> None:
    q = parse_question("how much does the club have to pay back to the council")
    pay = next(t for t in q.terms if t.text == "pay")
    assert "repay" in pay.exact
    assert "back" not in {t.text for t in q.terms}  # the particle is no word a sentence must hold
    q = parse_question("how many people work at the mill")
    work = next(t for t in q.terms if t.text == "work")
    assert "employ" in work.exact and "employee" in work.related
    # a long synonym list does not crowd the other words' related forms out of the search
    assert "employee" in q.search_terms(limit=16)
    # "back" as a word of its own stays
    assert "back" in {t.text for t in parse_question("did the union back the strike").terms}
