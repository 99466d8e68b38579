"""People with roles and aliases, organisations, places."""

from __future__ import annotations

from datetime import date

from facts.extract import extract
from facts.types import EntityMention

TEXT = """Brazilian President Lucia Ferraz met Argentine Foreign Minister Tomas Ibarra in Buenos Aires on Monday.

Ferraz said the talks with President Ruben Okoro’s government had gone well. Ibarra declined to comment.

Brazil’s foreign ministry said later that the ministry would publish the accord. The US State Department and the Pentagon welcomed it, CNN News reported.

Colombian authorities and Mexican drug cartels were not part of the deal. Officials in El Paso, Texas, and Lima were briefed. Later the State Department said it would send observers.
"""


def mentions() -> list[EntityMention]:
    x = extract(TEXT, date(2025, 5, 3))
    for e in x.entities:
        assert e.start < e.end
        assert x.sentences[e.sentence_index].start <= e.start
    return x.entities


def by_surface(surface: str) -> list[EntityMention]:
    return [e for e in mentions() if TEXT[e.start : e.end] == surface]


def test_person_with_nationality_and_title() -> None:
    [m] = by_surface("Lucia Ferraz")
    assert m.kind == "person"
    assert m.name == "Lucia Ferraz"
    assert m.role == "Brazilian President"
    [m2] = by_surface("Tomas Ibarra")
    assert m2.role == "Argentine Foreign Minister"


def test_short_forms_link_to_the_full_name() -> None:
    [short] = by_surface("Ferraz")
    assert short.kind == "person"
    assert short.name == "Lucia Ferraz"
    [full] = by_surface("Lucia Ferraz")
    assert "Ferraz" in full.aliases
    [ib] = by_surface("Ibarra")
    assert ib.name == "Tomas Ibarra"


def test_possessive_name_with_title() -> None:
    [m] = by_surface("Ruben Okoro")
    assert m.kind == "person"
    assert m.role == "President"


def test_organisations() -> None:
    names = {(e.name, e.kind) for e in mentions()}
    assert ("US State Department", "organization") in names
    assert ("Pentagon", "organization") in names
    assert ("CNN News", "organization") in names
    assert ("Brazil’s foreign ministry", "organization") in names
    assert ("Colombian authorities", "organization") in names
    assert ("Mexican drug cartels", "organization") in names


def test_later_references_resolve_to_the_organisation() -> None:
    [m] = by_surface("the ministry")
    assert m.name == "Brazil’s foreign ministry"
    [sd] = by_surface("State Department")
    assert sd.name == "US State Department"
    [full] = by_surface("US State Department")
    assert "State Department" in full.aliases


def test_places() -> None:
    places = {e.name for e in mentions() if e.kind == "place"}
    assert {"Buenos Aires", "El Paso, Texas", "Lima"} <= places
    assert "Texas" not in places  # consumed by "El Paso, Texas"


def test_sentence_initial_function_words_are_not_entities() -> None:
    surfaces = {TEXT[e.start : e.end] for e in mentions()}
    for w in ("The", "Later", "Officials", "Colombian"):
        assert w not in surfaces


def test_unknown_capitalised_word_after_in_is_a_place() -> None:
    text = "Rescue teams arrived in Tolhuin on Sunday."
    x = extract(text, date(2025, 5, 5))
    assert [(e.name, e.kind) for e in x.entities] == [("Tolhuin", "place")]


def test_lowercase_role_before_name() -> None:
    text = "Navy spokesman Carl Mendez said the ship had docked."
    x = extract(text, date(2025, 5, 5))
    people = [e for e in x.entities if e.kind == "person"]
    assert people and people[0].name == "Carl Mendez"
    assert people[0].role == "Navy spokesman"


def test_the_president_resolves_when_one_president_is_named() -> None:
    text = "President Ana Vidal signed the decree. The president later flew to Quito."
    x = extract(text, date(2025, 5, 5))
    refs = [e for e in x.entities if text[e.start : e.end] == "The president"]
    assert refs and refs[0].name == "Ana Vidal"
