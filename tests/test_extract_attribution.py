"""Attributions, direct quotes and their speakers, scare quotes, statements per clause."""

from __future__ import annotations

from datetime import date

from facts.extract import extract
from facts.types import ExtractedFact, Extraction

PUB = date(2025, 6, 14)


def run(text: str) -> Extraction:
    return extract(text, PUB)


def statements(text: str) -> list[ExtractedFact]:
    return [f for f in run(text).facts if f.kind in ("statement", "event")]


def test_trailing_told_medium() -> None:
    t = "Chile has closed two border crossings, a Chilean official and a Peruvian diplomat told Reuters."
    x = run(t)
    st = [f for f in x.facts if f.kind == "statement"][0]
    assert st.attributed_to == "a Chilean official and a Peruvian diplomat"
    assert st.attributed_medium == "Reuters"
    assert st.attribution == "a Chilean official and a Peruvian diplomat told Reuters"
    assert t[st.start : st.end] == "Chile has closed two border crossings"
    assert st.subject == "Chile"
    assert st.relation == "close"
    fig = [f for f in x.facts if f.kind == "figure"][0]
    assert fig.attributed_to == "a Chilean official and a Peruvian diplomat"
    assert fig.attributed_medium == "Reuters"


def test_trailing_said_keeps_the_strength() -> None:
    t = "The convoy was stopped at the checkpoint, one Egyptian official said."
    st = statements(t)[0]
    assert st.attributed_to == "one Egyptian official"
    assert st.attribution == "one Egyptian official said"


def test_inverted_said() -> None:
    t = "The airport will stay shut until Monday, said the transport ministry."
    st = statements(t)[0]
    assert st.attributed_to == "the transport ministry"


def test_leading_has_said_that() -> None:
    t = "The Interior Ministry has said that police would detain more than 400 suspects."
    x = run(t)
    st = [f for f in x.facts if f.kind == "statement"][0]
    assert st.attributed_to == "The Interior Ministry"
    assert t[st.start : st.end].startswith("police would detain")
    assert st.relation == "detain"
    fig = [f for f in x.facts if f.kind == "figure"][0]
    assert fig.attributed_to == "The Interior Ministry"
    assert fig.relation == "detain"


def test_mid_sentence_attribution_covers_only_its_clause() -> None:
    t = "The navy sent 12 ships to the strait, and analysts have said dozens more could follow."
    x = run(t)
    figs = {t[f.start : f.end]: f for f in x.facts if f.kind == "figure"}
    assert figs["12 ships"].attributed_to is None
    assert figs["dozens more"].attributed_to == "analysts"


def test_according_to() -> None:
    t = "Some 300 families lost their homes, according to an unnamed Red Cross official."
    x = run(t)
    fig = [f for f in x.facts if f.kind == "figure"][0]
    assert fig.attributed_to == "an unnamed Red Cross official"
    assert fig.attribution == "according to an unnamed Red Cross official"


def test_told_reporters_and_statement_medium() -> None:
    t = "Senator Ruth Okafor told reporters the bill would pass."
    st = [f for f in run(t).facts if f.kind == "statement"][0]
    assert st.attributed_to == "Senator Ruth Okafor"
    assert st.attributed_medium == "reporters"
    t2 = "The central bank said in a statement that rates would stay at 4 percent."
    st2 = [f for f in run(t2).facts if f.kind == "statement"][0]
    assert st2.attributed_to == "The central bank"
    assert st2.attributed_medium == "a statement"


def test_parenthetical_between_speaker_and_verb() -> None:
    t = "Peru’s foreign ministry, in a statement late on Friday, said the talks had stalled."
    st = [f for f in run(t).facts if f.kind == "statement"][0]
    assert st.attributed_to == "Peru’s foreign ministry"
    assert st.time_value == "2025-06-13"


def test_non_speech_verbs_are_not_attributions() -> None:
    t = "The regulator did not immediately respond to a request for comment."
    st = statements(t)[0]
    assert st.kind == "event"
    assert st.attributed_to is None
    assert st.relation == "respond"
    t2 = "Two officials confirmed the arrest, which was first reported by a local paper."
    assert statements(t2)[0].attributed_to is None
    t3 = "The ferry sailed after the port authority granted permission."
    assert statements(t3)[0].attributed_to is None


def test_quote_with_trailing_speaker() -> None:
    t = "“We will rebuild every school in the valley,” the education minister said."
    x = run(t)
    q = [f for f in x.facts if f.kind == "quote"][0]
    assert q.quote == "We will rebuild every school in the valley"
    assert t[q.start : q.end] == q.quote
    assert q.speaker == "the education minister"


def test_quote_with_leading_speaker_and_straight_quotes() -> None:
    t = 'The mayor said: "The water is safe to drink."'
    q = [f for f in run(t).facts if f.kind == "quote"][0]
    assert q.speaker == "The mayor"
    assert q.quote == "The water is safe to drink."


def test_said_name_after_quote() -> None:
    t = "“Nobody was hurt,” said Ana Duarte, a fire brigade spokeswoman."
    q = [f for f in run(t).facts if f.kind == "quote"][0]
    assert q.speaker == "Ana Duarte"


def test_paragraph_quote_with_speaker_in_next_sentence() -> None:
    t = "“The engines failed twice before take-off. The crew had warned the company for months.”\n\nThe pilots’ union said that in a letter."
    q = [f for f in run(t).facts if f.kind == "quote"][0]
    assert q.quote.startswith("The engines failed")
    assert q.speaker == "The pilots’ union"


def test_scare_quoted_program_name_is_recorded_not_spoken() -> None:
    t = "The government revived a scheme known as “Safe Harbour,” which pays farmers to leave land fallow."
    x = run(t)
    quotes = [f for f in x.facts if f.kind == "quote"]
    assert quotes == []
    names = [f for f in x.facts if f.kind == "attribute" and f.quote == "Safe Harbour"]
    assert names
    assert t[names[0].start : names[0].end] == "Safe Harbour"
    assert names[0].subject == "a scheme known as"


def test_scare_quote_inside_attributed_sentence_takes_the_speaker() -> None:
    t = "The ministry said ties with Chile were “stronger than ever” after the summit."
    x = run(t)
    a = [f for f in x.facts if f.kind == "attribute"][0]
    assert a.quote == "stronger than ever"
    assert a.attributed_to == "The ministry"


def test_two_clauses_two_events() -> None:
    t = "The storm cut power to the island, while floods closed the main road."
    evs = statements(t)
    assert [e.relation for e in evs] == ["cut", "close"]
    assert evs[0].subject == "The storm"
    assert evs[1].subject == "floods"


def test_headline_verb_add_is_not_an_attribution() -> None:
    t = "Navy adds 300 sailors to the fleet"
    st = statements(t)[0]
    assert st.attributed_to is None
    assert st.relation == "add"


def test_and_that_clause_keeps_the_speaker() -> None:
    t = "The mayor said on Monday the bridge was safe and that repairs would finish soon."
    sts = [f for f in run(t).facts if f.kind == "statement"]
    assert len(sts) == 2
    assert all(s.attributed_to == "The mayor" for s in sts)
    assert sts[1].time_value == "2025-06-09"
