"""Sentence splitting, datelines, and the span guarantees every consumer relies on."""

from __future__ import annotations

from datetime import date

from facts.extract import extract

ARTICLE = """LISBON (Reuters) - Portugal's parliament approved a budget of 4.5 billion euros on Tuesday, officials said. Mr. Costa, a former minister, voted against it.

Gen. Maria Alves said the U.S. had offered help. The offer came at 9 a.m. on Jan. 12 and was accepted.

“We will not wait,” she said. “The ships sail tonight.” No. 2 on the list was the port of Sines.
"""


def test_sentences_split_on_abbreviations_quotes_and_paragraphs() -> None:
    x = extract(ARTICLE, date(2025, 1, 15))
    texts = [s.text for s in x.sentences]
    assert texts == [
        "Portugal's parliament approved a budget of 4.5 billion euros on Tuesday, officials said.",
        "Mr. Costa, a former minister, voted against it.",
        "Gen. Maria Alves said the U.S. had offered help.",
        "The offer came at 9 a.m. on Jan. 12 and was accepted.",
        "“We will not wait,” she said.",
        "“The ships sail tonight.”",
        "No. 2 on the list was the port of Sines.",
    ]


def test_spans_index_the_text_exactly() -> None:
    x = extract(ARTICLE, date(2025, 1, 15))
    for s in x.sentences:
        assert ARTICLE[s.start : s.end] == s.text
    for i, s in enumerate(x.sentences):
        assert s.index == i
    for f in x.facts:
        sent = x.sentences[f.sentence_index]
        assert sent.start <= f.start < f.end <= max(sent.end, f.end)
        assert ARTICLE[f.start : f.end].strip() == ARTICLE[f.start : f.end]
    for e in x.entities:
        assert ARTICLE[e.start : e.end]


def test_dateline_is_not_part_of_the_first_sentence() -> None:
    x = extract(ARTICLE, date(2025, 1, 15))
    assert x.sentences[0].text.startswith("Portugal's")
    places = [e for e in x.entities if e.kind == "place" and e.name == "Lisbon"]
    assert places and ARTICLE[places[0].start : places[0].end] == "LISBON"


def test_colon_dateline() -> None:
    text = "MADRID (Reuters): Spain closed two airports on Monday."
    x = extract(text, date(2025, 1, 15))
    assert x.sentences[0].text == "Spain closed two airports on Monday."


def test_decimals_and_initials_do_not_split() -> None:
    text = "Inflation was 2.5 percent in March. John F. Kennedy Airport reopened."
    x = extract(text, date(2025, 4, 2))
    assert [s.text for s in x.sentences] == [
        "Inflation was 2.5 percent in March.",
        "John F. Kennedy Airport reopened.",
    ]


def test_every_sentence_has_a_statement_or_event() -> None:
    x = extract(ARTICLE, date(2025, 1, 15))
    covered = {f.sentence_index for f in x.facts if f.kind in ("statement", "event")}
    assert covered == {s.index for s in x.sentences}


def test_empty_text() -> None:
    x = extract("", None)
    assert x.sentences == [] and x.facts == [] and x.entities == []


def test_dateline_after_a_headline_line() -> None:
    text = "Port reopens after strike\n\nVALPARAISO, Chile — Dock workers returned on Monday.\n"
    x = extract(text, date(2025, 1, 15))
    assert [s.text for s in x.sentences] == ["Port reopens after strike", "Dock workers returned on Monday."]
    assert any(e.name == "Valparaiso" and e.kind == "place" for e in x.entities)
