"""The answering engine against the real store (SQLite): the sample story's eval set, and
behaviour a newsroom depends on: grounded figures, refusals, corrections, retractions,
histories of a changing figure, outlets that disagree, the question log."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from facts.answer import Answer
from facts.ingest import ingest_articles
from facts.sources import sample_articles, sample_stories
from store import Store
from tests.answering import NOW, add, answering_store, ask  # noqa: F401  (the `store` fixture)

EVAL = Path(__file__).resolve().parents[1] / "facts" / "sample" / "eval.jsonl"

_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_DATE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b",
    re.I,
)


def numbers(s: str) -> set[str]:
    return {n.replace(",", "") for n in _NUM.findall(_DATE.sub(" ", s))}


def grounded(a: Answer, question: str) -> bool:
    support = numbers(question)
    for c in a.citations:
        support |= numbers(c.sentence)
    return numbers(a.text) <= support


def norm(s: str) -> str:
    s = s.lower().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)


@pytest.fixture
async def sample(store: Store) -> Store:
    titles = sample_stories()
    for slug, article in sample_articles():
        await ingest_articles([article], store=store, story_slug=slug, story_title=titles.get(slug), now=NOW)
    return store


async def test_sample_eval_set(sample: Store) -> None:
    rows = [json.loads(line) for line in EVAL.read_text().splitlines() if line.strip()]
    right = answered = answered_right = 0
    for row in rows:
        a = await ask(sample, row["question"], log_it=False)
        if row["type"] == "unanswerable":
            assert not a.answered, f"{row['id']} must be refused: {a.text}"
            right += 1
            continue
        ok = a.answered and any(norm(e) in norm(a.text) for e in row["expected"])
        right += ok
        if a.answered:
            answered += 1
            answered_right += ok
            assert grounded(a, row["question"]), (
                f"{row['id']} states a figure no cited sentence holds: {a.text}"
            )
            assert a.citations and all(c.sentence for c in a.citations)
    accuracy = right / len(rows)
    precision = answered_right / answered
    print(f"sample eval: accuracy={accuracy:.3f} precision={precision:.3f}")
    assert accuracy >= 0.85
    assert precision >= 0.9


GARRISON = """Navy sends frigates to the strait

PORT ALBA (Harbour Post) — The navy has sent 12 additional frigates to the strait so far, and commanders said dozens more could follow within weeks.

The ships carried about 900 sailors each, according to a navy spokeswoman.

Coastguard Director Ines Laval said on Friday that fishing boats would be kept out of the area. She did not give a reason for the ban.

The defense ministry said the deployment would cost about $40 million."""

GARRISON_LATER = """More frigates for the strait

PORT ALBA (Coast Times) — The navy now has 20 frigates in the strait, a navy official said on Tuesday, after eight more sailed from the northern base."""


@pytest.fixture
async def navy(store: Store) -> Store:
    await add(
        store,
        "strait",
        GARRISON,
        outlet="Harbour Post",
        published=datetime(2025, 3, 7, 18, tzinfo=UTC),
        url="https://example.org/hp/frigates",
    )
    await add(
        store, "strait", GARRISON_LATER, outlet="Coast Times", published=datetime(2025, 3, 11, 18, tzinfo=UTC)
    )
    return store


async def test_count_with_synonyms_typos_and_history(navy: Store) -> None:
    a = await ask(navy, "how many warships has the navy sent to the strait?")
    assert not a.answered  # "warships" is no word of the story and no known synonym
    a = await ask(navy, "how many frigats in the strait?")
    assert a.answered and a.kind == "count"
    assert a.text.index("20 frigates") < a.text.index("12 additional frigates")  # latest first
    assert [h.value_text for h in a.history] == ["12"]
    assert {c.outlet for c in a.citations} == {"Harbour Post", "Coast Times"}
    assert grounded(a, "how many frigats in the strait?")


async def test_each_and_hedge_kept(navy: Store) -> None:
    a = await ask(navy, "how many sailors on each ship")
    assert a.answered and a.short == "about 900 sailors"
    assert "according to a navy spokeswoman" in a.text


async def test_refusals(navy: Store) -> None:
    for q in (
        "how many frigates were sent to the southern strait?",  # no "southern" in the story
        "how many sailors were injured?",
        "who is the navy's chief of staff?",
        "how much does a frigate cost?",
        "when will the ban on fishing boats end?",
    ):
        a = await ask(navy, q)
        assert not a.answered, f"{q!r} answered: {a.text}"
        assert a.text.startswith("I don't know")


async def test_money_and_no_reason_and_role(navy: Store) -> None:
    a = await ask(navy, "how much will the deployment cost")
    assert a.answered and "$40 million" in a.text
    a = await ask(navy, "why were fishing boats banned?")
    assert a.answered and a.text.startswith("No reason was given")
    a = await ask(navy, "who is the coastguard director")
    assert a.answered and a.short == "Ines Laval"
    a = await ask(navy, "when did Laval say fishing boats would be kept out?")
    assert a.answered and "Friday" in a.text and "Mar 7" in a.text


async def test_retracted_fact_is_never_used(navy: Store) -> None:
    facts = await navy.facts_for_story((await navy.get_story("strait")).id, kinds=["figure"])  # type: ignore[union-attr]
    target = [f for f, hit in facts if f.value_text and "900" in f.value_text]
    assert target, "extraction should find the sailors figure"
    await navy.edit_fact(target[0].id, action="retract", actor="U1", now=NOW)
    a = await ask(navy, "how many sailors on each ship")
    assert "900" not in a.text


async def test_corrected_fact_answers_with_the_correction(navy: Store) -> None:
    facts = await navy.facts_for_story((await navy.get_story("strait")).id, kinds=["figure"])  # type: ignore[union-attr]
    target = [f for f, hit in facts if f.value_text and "900" in f.value_text]
    await navy.edit_fact(
        target[0].id, action="correct", actor="U1", now=NOW, value_text="about 700", value_num=700
    )
    a = await ask(navy, "how many sailors on each ship")
    assert a.answered and "about 700" in a.text.lower() and "corrected" in a.text


async def test_outlets_that_disagree_are_both_cited(store: Store) -> None:
    day = datetime(2025, 4, 2, 12, tzinfo=UTC)
    await add(
        store,
        "quake",
        "Quake hits valley\n\nVALLEY (North Wire) — At least 40 people were killed in the earthquake, officials said.",
        outlet="North Wire",
        published=day,
    )
    await add(
        store,
        "quake",
        "Valley quake\n\nVALLEY (South Daily) — At least 52 people were killed in the earthquake, the regional governor said.",
        outlet="South Daily",
        published=day.replace(hour=15),
    )
    a = await ask(store, "how many people died in the earthquake?")
    assert a.answered and "Reports differ" in a.text
    assert "40" in a.text and "52" in a.text and len(a.citations) == 2


async def test_questions_are_logged_for_the_gaps_list(navy: Store) -> None:
    story = await navy.get_story("strait")
    assert story is not None
    await ask(navy, "who owns the shipyard?", story_ids=[story.id])
    await ask(navy, "who owns the shipyard?", story_ids=[story.id])
    await ask(navy, "how many frigates in the strait?", story_ids=[story.id])
    gaps = await navy.unanswered_questions(story_id=story.id)
    assert gaps == [("who owns the shipyard?", 2)]


async def test_json_shape(navy: Store) -> None:
    j = (await ask(navy, "how many frigates in the strait?")).to_json()
    assert j["answered"] is True and isinstance(j["text"], str)
    c = j["citations"][0]
    assert set(c) >= {"sentence", "outlet", "url", "published", "article_id"}


async def test_history_says_up_from_only_for_the_same_count(store: Store) -> None:
    await add(
        store,
        "dam",
        "Crews reach the dam\n\nRIVERTON (North Wire) — About 300 workers are now at the dam site, the water authority said on Monday.",
        outlet="North Wire",
        published=datetime(2025, 5, 5, 12, tzinfo=UTC),
    )
    await add(
        store,
        "dam",
        "Dam repairs speed up\n\nRIVERTON (Valley Times) — About 450 workers are now at the dam site, the water authority said on Thursday.",
        outlet="Valley Times",
        published=datetime(2025, 5, 8, 12, tzinfo=UTC),
    )
    a = await ask(store, "how many workers at the dam?")
    assert a.answered
    lead = a.text.splitlines()[0]
    assert lead.startswith("About 450 workers are now at the dam site")
    assert "the water authority said" in lead and "as of May 8" in lead
    assert (
        "up from About 300 workers on May 5 (North Wire)" in lead
        or "up from about 300 workers on May 5" in lead.lower()
    )
    assert {c.outlet for c in a.citations} == {"North Wire", "Valley Times"}


async def test_history_of_a_different_scope_is_listed_as_earlier(store: Store) -> None:
    await add(
        store,
        "dam",
        "Crews sent to the dam\n\nRIVERTON (North Wire) — The authority has sent 300 additional workers to the dam so far, and officials said hundreds more could follow.",
        outlet="North Wire",
        published=datetime(2025, 5, 5, 12, tzinfo=UTC),
    )
    await add(
        store,
        "dam",
        "Dam repairs speed up\n\nRIVERTON (Valley Times) — The authority is sending 150 more workers to the dam, bringing the total at the site to about 450, officials said on Thursday.",
        outlet="Valley Times",
        published=datetime(2025, 5, 8, 12, tzinfo=UTC),
    )
    a = await ask(store, "how many workers has the authority sent to the dam?")
    assert a.answered
    lead = a.text.splitlines()[0]
    assert lead.startswith("About 450 workers"), a.text
    assert "up from" not in a.text  # a total is not an increment
    assert "Earlier: 300 additional workers on May 5 (North Wire)" in a.text
    a = await ask(store, "how many more workers is the authority sending?")
    assert a.answered and a.text.startswith("The authority is sending 150 more workers to the dam")


async def test_concrete_figure_leads_and_vague_one_is_context(store: Store) -> None:
    await add(
        store,
        "dam",
        "Crews sent to the dam\n\nRIVERTON (North Wire) — The authority has sent 300 additional workers to the dam so far, and officials said hundreds more could follow.",
        outlet="North Wire",
        published=datetime(2025, 5, 5, 12, tzinfo=UTC),
    )
    a = await ask(store, "how many workers sent to the dam?")
    assert a.text.splitlines()[0] == (
        "The authority has sent 300 additional workers to the dam so far; "
        "officials said hundreds more could follow \u2014 North Wire reported."
    )
    a = await ask(store, "how many more workers could be sent?")
    assert a.short is not None and "hundreds more" in a.short


async def test_disagreeing_outlets_keep_their_attributions(store: Store) -> None:
    day = datetime(2025, 6, 2, 12, tzinfo=UTC)
    await add(
        store,
        "fire",
        "Fire spreads\n\nHILLTOWN (North Wire) — About 1,200 homes have been evacuated, according to an unnamed fire official.",
        outlet="North Wire",
        published=day,
    )
    await add(
        store,
        "fire",
        "Fire spreads\n\nHILLTOWN (South Daily) — About 1,800 homes have been evacuated, the county sheriff said.",
        outlet="South Daily",
        published=day.replace(hour=16),
    )
    a = await ask(store, "how many homes evacuated?")
    assert a.answered and a.text.startswith("Reports differ")
    assert "according to an unnamed fire official" in a.text and "the county sheriff said" in a.text
    assert len(a.citations) == 2 and grounded(a, "how many homes evacuated?")


async def test_thread_follow_up_is_answered_in_context(store: Store) -> None:
    await add(
        store,
        "camps",
        "Camps fill up\n\nBORDER (North Wire) — About 2,000 migrants are held in El Paso and about 1,300 migrants are held in San Diego, officials said on Monday.",
        outlet="North Wire",
        published=datetime(2025, 5, 5, 12, tzinfo=UTC),
    )
    prev = "how many migrants are held in El Paso?"
    a = await ask(store, prev)
    assert a.answered and "2,000" in a.text.splitlines()[0]
    a = await ask(store, "and in San Diego?", previous=prev)
    assert a.answered and "1,300" in a.text.splitlines()[0], a.text
    assert a.asked_as == "how many migrants are held in San Diego?"
    assert a.question == "and in San Diego?"
    a = await ask(store, "what about Tucson?", previous=prev)
    assert not a.answered


MEDIUM_REPORT = """Port of Kelsey reopens after chemical spill

KELSEY (Harbor Post) — The Port of Kelsey reopened on Thursday, two days after a tanker spilled about 4,000 gallons of solvent into the harbor.

Port director Anne Lowry told reporters that cleanup crews had recovered most of the solvent.

Coast Guard Captain Ray Dunn told Reuters that a second tanker had been inspected and cleared.

"We will not rush this," Environment Minister Carla Voss said in an interview with the BBC, adding that fishing would stay closed for a week.

A third of the harbor's fishing fleet stayed in port, according to the Associated Press.
"""


@pytest.fixture
async def medium_story(store: Store) -> Store:
    await add(
        store, "kelsey-spill", MEDIUM_REPORT, outlet="Harbor Post", published=datetime(2025, 2, 1, tzinfo=UTC)
    )
    return store


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who told reuters that a second tanker had been cleared", "Dunn"),
        ("who told reporters that most of the solvent was recovered", "Lowry"),
        ("who told the bbc that fishing would stay closed", "Voss"),
        ("who said in an interview with the BBC that fishing would stay closed", "Voss"),
    ],
)
async def test_told_outlet_answers_from_a_sentence_told_that_outlet(
    medium_story: Store, question: str, expected: str
) -> None:
    a = await ask(medium_story, question, log_it=False)
    assert a.answered, a.text
    assert expected in a.text.splitlines()[0]
    assert all(expected in c.sentence for c in a.citations)


@pytest.mark.parametrize(
    "question",
    [
        # the statement went to reporters, or to another outlet: not what was told to this one
        "who told reuters that most of the solvent was recovered",
        "who told cnn that a second tanker had been cleared",
        "who told the associated press that fishing would stay closed",
        "who told reporters that a second tanker had been cleared",
        # an outlet the question names as the source is no audience
        "who told the ap that a third of the fleet stayed in port",
    ],
)
async def test_told_another_audience_is_refused(medium_story: Store, question: str) -> None:
    a = await ask(medium_story, question, log_it=False)
    assert not a.answered, a.text


async def test_according_to_an_outlet_needs_that_outlet(medium_story: Store) -> None:
    a = await ask(
        medium_story, "what share of the fishing fleet stayed in port according to the ap", log_it=False
    )
    assert a.answered and "third" in a.text.lower(), a.text
    refused = await ask(
        medium_story, "what share of the fishing fleet stayed in port according to reuters", log_it=False
    )
    assert not refused.answered, refused.text


async def test_told_reuters_is_not_answered_by_told_reporters(sample: Store) -> None:
    a = await ask(sample, "who told reuters about the third flight", log_it=False)
    assert not a.answered, a.text
    b = await ask(sample, "who told reporters the impasse had been overcome", log_it=False)
    assert b.answered and "Murillo" in b.text.splitlines()[0], b.text


FIRE_REPORT = """Brush fire near Alder Creek forces evacuations

ALDER CREEK (Valley Courier) — The Alder Creek Fire had burned about 900 acres by Tuesday and was 15% contained, fire officials said.

Alder County Sheriff Mia Torres said deputies had closed two roads, and the Alder County Sheriff's Office said about 400 residents had left.

The blaze broke out on Monday afternoon near a rest area off Route 9, according to the US Forest Service.

Investigators said the fire was sparked by a downed power line.
"""


@pytest.fixture
async def fire_story(store: Store) -> Store:
    await add(
        store, "alder-fire", FIRE_REPORT, outlet="Valley Courier", published=datetime(2025, 2, 4, tzinfo=UTC)
    )
    return store


async def test_how_much_of_asks_for_a_share(fire_story: Store) -> None:
    a = await ask(fire_story, "how much of the alder creek fire is contained", log_it=False)
    assert a.answered and "15%" in a.text.splitlines()[0], a.text


async def test_a_possessive_role_names_no_holder(fire_story: Store) -> None:
    a = await ask(fire_story, "who is the alder county sheriff", log_it=False)
    assert a.answered and "Torres" in a.text.splitlines()[0], a.text
    assert "Office" not in a.text.splitlines()[0]


async def test_where_reads_a_location_phrase_not_the_credited_source(fire_story: Store) -> None:
    a = await ask(fire_story, "where did the alder creek fire break out", log_it=False)
    assert a.answered, a.text
    lead = a.text.splitlines()[0]
    assert "rest area" in lead and "Forest Service" not in lead


async def test_what_caused_reads_the_cause_verb(fire_story: Store) -> None:
    a = await ask(fire_story, "what caused the alder creek fire", log_it=False)
    assert a.answered and "power line" in a.text, a.text
    refused = await ask(fire_story, "what caused the road closures", log_it=False)
    assert not refused.answered, refused.text


QUAKE_REPORT = """Strong earthquake shakes Tavira region

TAVIRA (Global Wire) — A magnitude 6.1 earthquake struck the Tavira region on Monday, killing at least 35 people, the civil protection agency said.

The quake hit at 3:40 a.m. at a depth of about 12 kilometers, according to seismologists.

Turnout at the region's emergency shelters was about 60% of capacity by evening, officials said.
"""


@pytest.fixture
async def quake_story(store: Store) -> Store:
    await add(
        store, "tavira-quake", QUAKE_REPORT, outlet="Global Wire", published=datetime(2025, 2, 3, tzinfo=UTC)
    )
    return store


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how deep was the tavira earthquake", "12 kilometers"),
        ("how strong was the tavira earthquake", "6.1"),
        ("what was the magnitude of the tavira quake", "6.1"),
        ("what is the death toll from the tavira earthquake", "35"),
    ],
)
async def test_a_measure_is_the_figure_that_measures_it(
    quake_story: Store, question: str, expected: str
) -> None:
    a = await ask(quake_story, question, log_it=False)
    assert a.answered, a.text
    assert expected in a.text.splitlines()[0]
    assert grounded(a, question)


async def test_a_measure_not_given_is_refused(quake_story: Store) -> None:
    a = await ask(quake_story, "how far was the tavira earthquake felt", log_it=False)
    assert not a.answered, a.text


FLOOD_REPORT = """Flooding in Morvale leaves 3,400 homes without power

MORVALE (Riverside Daily) — Floodwater swept through low-lying streets of Morvale on Sunday, killing at least 9 people and injuring more than 60, the regional emergency service said.

About 1,200 residents spent the night in shelters, the service said.

In Dunholt, police arrested 14 people for looting, a police spokesman said.

Confirmed cases of waterborne illness have climbed to 85, up from 40 a week ago, the health office said.

Local radio station Kestrel FM, citing hospital staff, put the death toll at 12.

Chief Executive Ivo Brand of the city's water utility said repairs would take a week.

Utility manager Lena Ostrova, speaking at a briefing, said her crews would work through the night.
"""


@pytest.fixture
async def flood_story(store: Store) -> Store:
    await add(
        store,
        "morvale-flood",
        FLOOD_REPORT,
        outlet="Riverside Daily",
        published=datetime(2025, 2, 3, tzinfo=UTC),
    )
    return store


async def test_a_sentence_naming_nothing_is_about_its_headline(flood_story: Store) -> None:
    a = await ask(flood_story, "how many people spent the night in shelters in morvale", log_it=False)
    assert a.answered, a.text
    assert "1,200" in a.text.splitlines()[0]
    assert grounded(a, "how many people spent the night in shelters in morvale")


async def test_a_figure_naming_another_place_is_not_the_headlines(flood_story: Store) -> None:
    # "In Dunholt, police arrested 14 people": the report is about Morvale, the arrests are not
    a = await ask(flood_story, "how many people were arrested in morvale", log_it=False)
    assert not a.answered, a.text


async def test_a_bare_number_counts_its_clause_subject(flood_story: Store) -> None:
    a = await ask(flood_story, "how many cases of waterborne illness are there in morvale", log_it=False)
    assert a.answered, a.text
    assert "85" in a.text.splitlines()[0] and "40" not in a.text.splitlines()[0].split("85")[0]
    before = await ask(
        flood_story, "how many cases of waterborne illness were there a week ago", log_it=False
    )
    assert before.answered, before.text
    assert "40" in before.text.splitlines()[0]


async def test_a_figure_goes_with_its_own_verb(flood_story: Store) -> None:
    died = await ask(flood_story, "how many people died in the morvale flooding", log_it=False)
    hurt = await ask(flood_story, "how many people were injured in the morvale flooding", log_it=False)
    assert died.answered and hurt.answered, (died.text, hurt.text)
    assert "9" in died.text.splitlines()[0] and "60" not in died.text.splitlines()[0]
    assert "60" in hurt.text.splitlines()[0] and "at least 9" not in hurt.text.splitlines()[0].lower()
    # the answer line is a piece of the sentence, not "9 people and injuring more than 60"
    assert "injuring" not in died.text.splitlines()[0]


async def test_who_said_reads_a_citing_subject(flood_story: Store) -> None:
    a = await ask(flood_story, "who said 12 people died in the morvale flooding", log_it=False)
    assert a.answered, a.text
    assert "Kestrel FM" in a.text.splitlines()[0]


async def test_a_role_without_its_body_is_not_guessed(flood_story: Store) -> None:
    # the report names the holder and "the city's water utility", not a body the headline holds
    a = await ask(flood_story, "who is morvale's police chief", log_it=False)
    assert not a.answered, a.text


@pytest.mark.parametrize(
    ("report", "question", "expected", "never"),
    [
        # ", said her client would appeal" names no speaker called "her client would appeal"
        (
            "Former Tarsel mayor jailed\n\nThe former mayor of Tarsel was jailed for six years on Monday.\n\n"
            "The mayor's lawyer, Dora Fenwick, said her client would appeal.\n",
            "who said the tarsel mayor would appeal",
            "Fenwick",
            "her client would appeal said",
        ),
        # a role written without its company is the headline's company's
        (
            "Ostrand Foods to close two plants\n\nOstrand Foods said on Monday it would close two plants.\n\n"
            "Chief Executive Mara Quill said the decision was difficult.\n",
            "who is ostrand's ceo",
            "Mara Quill",
            "I don't know",
        ),
    ],
)
async def test_who_is_read_from_the_report(
    store: Store, report: str, question: str, expected: str, never: str
) -> None:
    await add(store, "one", report, outlet="Daily Record", published=datetime(2025, 2, 3, tzinfo=UTC))
    a = await ask(store, question, log_it=False)
    assert a.answered, a.text
    assert expected in a.text.splitlines()[0]
    assert never.lower() not in a.text.lower()


RALLY_NOON = """Thousands march in Brask as nurses strike over pay

BRASK (Harbour Times) — Nurses and their supporters marched through Brask at about 11:30 a.m. on Tuesday on the first day of a two-day strike.

Police put the crowd at about 6,000. The nurses' union said more than 15,000 people had taken part.

The union wants a 7% raise. The budget now goes to Governor Ida Lund, who is expected to sign it next month.
"""

RALLY_EVENING = """Brask nurses extend strike

BRASK (Evening Star) — Nurses in Brask will stay off work for a further four days after talks broke down, the union said.

Police said three people were arrested after the march.
"""


@pytest.fixture
async def rally_story(store: Store) -> Store:
    for text, outlet, hour in ((RALLY_NOON, "Harbour Times", 12), (RALLY_EVENING, "Evening Star", 20)):
        await add(
            store, "brask-strike", text, outlet=outlet, published=datetime(2025, 2, 4, hour, tzinfo=UTC)
        )
    return store


async def test_a_disputed_crowd_is_read_by_who_gave_it(rally_story: Store) -> None:
    police = await ask(rally_story, "how many people marched in brask according to police", log_it=False)
    union = await ask(rally_story, "how many people marched in brask according to the union", log_it=False)
    assert police.answered and union.answered, (police.text, union.text)
    assert "6,000" in police.text.splitlines()[0] and "15,000" not in police.text.splitlines()[0]
    assert "15,000" in union.text.splitlines()[0]
    # "three people were arrested" counts the arrested, not the marchers
    assert "three" not in police.text.splitlines()[0].lower()


async def test_a_measure_the_reports_never_give_is_refused(rally_story: Store) -> None:
    # no weight or pay in the reports: a count of days or people is no answer
    for question in ("how much does a brask nurse earn", "how much does the strike weigh"):
        a = await ask(rally_story, question, log_it=False)
        assert not a.answered, a.text


async def test_more_days_and_time_of_day(rally_story: Store) -> None:
    more = await ask(rally_story, "how many more days will brask nurses strike", log_it=False)
    assert more.answered and "four days" in more.text.splitlines()[0], more.text
    assert "Reports differ" not in more.text and "up from" not in more.text
    clock = await ask(rally_story, "what time did the brask nurses march", log_it=False)
    assert clock.answered and "11:30 a.m." in clock.text.splitlines()[0], clock.text
    assert "Tuesday" not in clock.text.splitlines()[0]


async def test_expected_to_is_neither_yes_nor_no(rally_story: Store) -> None:
    a = await ask(rally_story, "has governor lund signed the budget", log_it=False)
    assert not a.answered, a.text


RATES = """Bank of Ostland cuts rates as inflation eases

LUNDMORE (Ledger) — The Bank of Ostland cut its benchmark interest rate by half a percentage point to 3.5% on Thursday.

The yield on ten-year government bonds fell 9 basis points to 2.84%.

Former minister Ada Krel was sentenced to eight years in prison. Striker Lio Pant signed a four-year contract, and the club agreed a 25-year lease for a 40,000-seat stadium.

Heavy rain fell on Varn overnight. One woman died after her car was swept away near Tolby, police said.
"""


@pytest.fixture
async def rates_story(store: Store) -> Store:
    await add(store, "ostland", RATES, outlet="Ledger", published=datetime(2025, 2, 4, 12, tzinfo=UTC))
    return store


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("what did the bank of ostland lower its main rate to", "3.5%", "half"),
        ("how far did ten-year ostland bond yields drop", "9 basis points", "half"),
        ("how long is lio pant's contract", "four-year", "25-year"),
        ("how long is the stadium lease", "25-year", "four-year"),
        ("how many seats will the stadium have", "40,000", "four-year"),
    ],
)
async def test_changes_spans_and_compounds(
    rates_story: Store, question: str, expected: str, not_expected: str
) -> None:
    a = await ask(rates_story, question, log_it=False)
    assert a.answered, a.text
    first = a.text.splitlines()[0].lower()
    assert expected in first and not_expected not in first, a.text
    assert grounded(a, question)


async def test_a_death_placed_elsewhere_is_not_the_asked_towns(rates_story: Store) -> None:
    a = await ask(rates_story, "how many people died in varn", log_it=False)
    assert not a.answered, a.text


_QUAKE_DAY1 = """Floods kill at least 12 in Varn valley

TESSA (First Wire) — Floods in the Varn valley killed at least 12 people on Monday night, the regional agency said on Tuesday. About 30 people were missing, it said.

The valley's last serious floods, in 2003, killed 9 people.

The weather service said 150 millimetres of rain fell in 12 hours.

The dam operator denied that it had released water without warning. Its director told First Wire on Tuesday that an alert had gone out at 8 p.m. on Monday.
"""

_QUAKE_DAY2 = """Varn floods: toll rises as rescuers reach villages

TESSA (Second Post) — The death toll from this week's floods in the Varn valley has risen to 31, the interior ministry said on Wednesday.

Background: on Tuesday, the regional agency reported at least 12 dead and said about 30 people were missing.

The ministry said 11 people were still missing, down from about 30 a day earlier.

The mayor of Orsk, Lena Brandt, said four of the dead were from her village.

The province says it owes no more than 2 million euros to the contractor.
"""


@pytest.fixture
async def varn(store: Store) -> Store:
    await add(
        store, "varn", _QUAKE_DAY1, outlet="First Wire", published=datetime(2024, 10, 8, 15, tzinfo=UTC)
    )
    await add(
        store, "varn", _QUAKE_DAY2, outlet="Second Post", published=datetime(2024, 10, 9, 18, tzinfo=UTC)
    )
    return store


async def test_a_later_report_that_states_the_change_leads_over_its_own_recap(varn: Store) -> None:
    a = await ask(varn, "how many people died in the varn floods")
    first = a.text.splitlines()[0]
    assert a.answered and "31" in first.split(" \u2014 ")[0] and "12" not in first.split(" \u2014 ")[0]
    # the earlier count is the first report's own, not the later report's recap of it
    assert "12" not in first or "up from at least 12 people on Oct 8 (First Wire)" in first, first
    assert "9 people" not in a.text  # the 2003 floods are another event
    assert a.citations[0].outlet == "Second Post"
    a = await ask(varn, "how many people are still missing")
    assert a.answered and a.text.startswith(("11", "The ministry said 11")), a.text
    assert "down from about 30" in a.text.splitlines()[0].lower()


async def test_a_bound_keeps_its_no_and_a_said_day_is_not_the_event_day(varn: Store) -> None:
    a = await ask(varn, "how much does the province say it owes")
    assert a.answered and a.text.lower().startswith("no more than 2 million euros"), a.text
    a = await ask(varn, "who is the mayor of orsk")
    assert a.answered and a.short == "Lena Brandt", a.text
    a = await ask(varn, "how much rain fell")
    assert a.answered and "150 millimetres of rain" in a.text.splitlines()[0], a.text
    a = await ask(varn, "when did the alert go out")
    assert a.answered and a.text.startswith("At 8 p.m. on Monday"), a.text


_MINE = """Colliery flood traps workers at Dunmore pit

DUNMORE (Pit Post) — Water broke into the Dunmore colliery early on Tuesday, trapping miners underground, the operator Kestrel Coal said.

About 140 of the 210 miners on the night shift had been brought to the surface by noon, the company said. Of the 70 miners still below, nine are in a flooded tunnel and the rest in a dry chamber, it said.

Rescue chief Aled Pryce, 58, said pumps had been running since 3 a.m. The pit's manager, a 44-year-old engineer, said the shift had been warned.

Kestrel Coal was fined 300,000 pounds last year after a roof collapse. Seven of Kestrel Coal's 12 pits are in the valley.

The union said the committee members who run the safety rota had asked for new pumps in March.

In a statement on Wednesday, Kestrel Coal said the Dunmore pit would not reopen before spring.
"""


@pytest.fixture
async def dunmore(store: Store) -> Store:
    await add(store, "dunmore", _MINE, outlet="Pit Post", published=datetime(2024, 11, 5, 15, tzinfo=UTC))
    return store


async def test_a_part_of_a_whole_counts_the_wholes_noun(dunmore: Store) -> None:
    # "About 140 of the 210 miners": the part counts miners too, and "how many of the miners"
    # asks for the count of miners
    a = await ask(dunmore, "how many of the miners have been brought to the surface")
    assert a.answered and a.text.lower().startswith("about 140"), a.text
    # "Of the 70 miners still below, nine are in a flooded tunnel": each bare number counts the same
    a = await ask(dunmore, "how many miners are in a flooded tunnel")
    assert a.answered and "nine" in a.text.splitlines()[0].lower(), a.text
    a = await ask(dunmore, "how many pits does kestrel coal have in the valley")
    assert a.answered and "seven" in a.text.splitlines()[0].lower(), a.text


async def test_an_age_answers_how_old_and_counts_no_one(dunmore: Store) -> None:
    a = await ask(dunmore, "how old is aled pryce")
    assert a.answered and "58" in a.text.splitlines()[0], a.text
    # the manager's "44-year-old" is an age, not 44 engineers
    a = await ask(dunmore, "how many engineers are at the pit")
    assert not a.answered, a.text
    a = await ask(dunmore, "how old is the rescue chief's deputy")
    assert not a.answered, a.text


async def test_a_fine_is_money_and_a_rate_word_in_a_name_is_no_percentage(dunmore: Store) -> None:
    a = await ask(dunmore, "how much was kestrel coal fined")
    assert a.answered and "300,000 pounds" in a.text.splitlines()[0], a.text
    a = await ask(dunmore, "how much was kestrel coal fined in 2019")
    assert not a.answered, a.text
    # "rota" is no rate, but a "rate committee" asks for members, not a percentage
    a = await ask(dunmore, "how many members of the safety rate committee asked for pumps")
    assert not a.answered, a.text


async def test_a_yes_no_over_a_sentence_without_the_deed_is_refused(dunmore: Store) -> None:
    # "would not reopen before spring" tells neither whether the operator shut the pit itself
    a = await ask(dunmore, "did kestrel coal shut the dunmore pit voluntarily")
    assert not a.answered, a.text
    a = await ask(dunmore, "did the union ask for new pumps")
    assert a.answered and "asked for new pumps" in a.text, a.text


_FERRY = """Cracks found on Maren Star ferry, sailings halted

KESSOCK (Harbour Post) — Engineers who inspected the ferry Maren Star on Friday found cracks in a ballast tank below the car deck, the operator Tarn Lines said.

A deckhand who was injured in Skelby last month had sailed on the ferry whose cracks were found by the engineers, the seafarers' union said.

Tarn Lines said all sailings from Kessock would stop until repairs are done.
"""


@pytest.fixture
async def ferry(store: Store) -> Store:
    await add(store, "ferry", _FERRY, outlet="Harbour Post", published=datetime(2024, 9, 14, 9, tzinfo=UTC))
    return store


async def test_a_place_answers_only_for_its_own_clauses_deed(ferry: Store) -> None:
    # "where on the ferry" asks for a spot inside it: the one the deed names, not a town
    a = await ask(ferry, "where on the ferry did engineers find cracks")
    assert a.answered and a.short == "in a ballast tank below the car deck", a.text
    # Skelby is where the deckhand was injured, not where anything was found
    a = await ask(ferry, "where did the engineers find the cracks")
    assert not a.answered, a.text
    a = await ask(ferry, "where was the deckhand injured")
    assert a.answered and a.short == "Skelby", a.text
    a = await ask(ferry, "where in the ferry was the deckhand injured")
    assert not a.answered, a.text


_SHIP_DAY1 = """Norovirus outbreak hits cruise ship Alder Queen

VELLA (Coast Post) — Health officials said 40 passengers on the cruise ship Alder Queen had fallen ill with norovirus since Saturday, and that five of them were being treated in hospital.

The ship's operator, Brightwave Cruises, said every cabin would be disinfected.
"""

_SHIP_DAY2 = """More sick on Alder Queen

(Bay Wire) — Health officials said the number of confirmed norovirus cases on the Alder Queen had risen to 52.

Three patients are in hospital, the officials said.
"""

_SHIP_DAY4 = """Alder Queen cleared to sail on Friday

VELLA (Coast Post) — Health officials revised the number of confirmed cases down to 49 after tests showed that some passengers had eaten spoiled shellfish instead.

Two people remain in hospital.

Inspectors who boarded the ship after the norovirus outbreak said its kitchens were now clean.
"""


@pytest.fixture
async def ship(store: Store) -> Store:
    for text, outlet, day in (
        (_SHIP_DAY1, "Coast Post", 3),
        (_SHIP_DAY2, "Bay Wire", 4),
        (_SHIP_DAY4, "Coast Post", 6),
    ):
        await add(store, "ship", text, outlet=outlet, published=datetime(2024, 6, day, 17, tzinfo=UTC))
    return store


async def test_a_later_count_of_the_same_sick_leads_whatever_its_noun(ship: Store) -> None:
    # "40 passengers had fallen ill", "cases had risen to 52", "revised ... down to 49": one count
    a = await ask(ship, "how many people have fallen ill in the norovirus outbreak")
    first = a.text.splitlines()[0]
    assert a.answered and "down to 49" in first and "down from 52" in first, a.text
    assert "40 passengers" in a.text and a.citations[0].outlet == "Coast Post"
    # "Three patients are in hospital" then "Two people remain in hospital": the same patients
    a = await ask(ship, "how many norovirus patients are still in hospital")
    assert a.answered and a.text.startswith("Two people remain in hospital"), a.text


_CRASH_DAY1 = """Coach overturns on Corran road

CORRAN (Valley News) — A Redline coach overturned on the Corran road on Sunday, and 12 patients were taken to hospital with injuries, police said.
"""

_CRASH_DAY2 = """Corran road to reopen

(Valley News) — Six people remain in hospital, police said on Tuesday. The road will reopen on Wednesday.
"""


@pytest.fixture
async def crash(store: Store) -> Store:
    for text, day in ((_CRASH_DAY1, 7), (_CRASH_DAY2, 9)):
        await add(
            store, "crash", text, outlet="Valley News", published=datetime(2024, 7, day, 17, tzinfo=UTC)
        )
    return store


async def test_an_older_count_a_later_report_may_update_is_no_answer(crash: Store) -> None:
    # the later report never names Redline: the engine cannot tie its "six people" to the coach's
    # patients, and the older "12 patients" may be out of date
    a = await ask(crash, "how many redline patients are in hospital")
    assert not a.answered, a.text
    # a deed the later report does not restate keeps its figure
    a = await ask(crash, "how many patients were taken to hospital")
    assert a.answered and a.text.startswith("12 patients"), a.text


_DEPOT = """Fire guts Wexley bus depot

WEXLEY (Town Crier) — The fire destroyed 14 buses at the depot on Monday, and firefighters said 3 people had been treated for smoke, including a driver from Ambry.
"""


async def test_a_name_goes_with_the_figure_nearest_it(store: Store) -> None:
    await add(store, "depot", _DEPOT, outlet="Town Crier", published=datetime(2024, 3, 4, 18, tzinfo=UTC))
    a = await ask(store, "how many buses did the fire destroy")
    assert a.answered and "14 buses" in a.text.splitlines()[0], a.text
    # Ambry is where one of the 3 treated people is from, not where buses burned
    a = await ask(store, "how many buses were destroyed in ambry")
    assert not a.answered, a.text


_MILLS = """Tarnwick Mills profit climbs as flour prices ease

BRANDER (Grain Desk) — Tarnwick Mills said on Monday that its half-year profit rose 9% to 61 million pounds.

The company employs about 4,300 people in six countries. Its shares rose 2.1% in morning trading.
"""

_OSTERBY = """Osterby Mills opens new bakery plant

KELD (Grain Desk) — Osterby Mills opened a bakery plant in Keld on Tuesday, its chief executive said.
"""

_CREEK = """Holt Creek Fire doubles in size

DUNMORE (Hill Post) — The Holt Creek Fire had burned about 3,800 acres by Tuesday night, officials said.

Evacuation orders now cover about 2,100 people, the Dunmore County Sheriff's Office said.
"""


async def test_a_name_of_several_words_is_found_by_its_own_word(store: Store) -> None:
    day = datetime(2024, 9, 2, 18, tzinfo=UTC)
    await add(store, "mills", _MILLS, outlet="Grain Desk", published=day)
    await add(store, "osterby", _OSTERBY, outlet="Grain Desk", published=day)
    # "Tarnwick Mills" typed in lower case is the company "The company employs ..." speaks of;
    # the people a company employs are its staff
    a = await ask(store, "how many staff does tarnwick mills have")
    assert a.answered and "4,300" in a.text.splitlines()[0], a.text
    a = await ask(store, "how many employees does Tarnwick Mills have")
    assert a.answered and "4,300" in a.text.splitlines()[0], a.text
    # another company's name sharing the common word is another company
    a = await ask(store, "how many staff does osterby mills have")
    assert not a.answered, a.text
    a = await ask(store, "how many staff does brenhold mills have")
    assert not a.answered, a.text


async def test_a_sentence_naming_only_its_source_is_about_the_headline(store: Store) -> None:
    # "the Dunmore County Sheriff's Office said" is who said it, not what the sentence is about
    await add(store, "creek", _CREEK, outlet="Hill Post", published=datetime(2024, 8, 6, 18, tzinfo=UTC))
    a = await ask(store, "how many people have been ordered to evacuate because of the holt creek fire")
    assert a.answered and "2,100" in a.text.splitlines()[0], a.text
    a = await ask(store, "how many people have been ordered to evacuate because of the pine gap fire")
    assert not a.answered, a.text


_RAIL = """Goods train comes off the rails outside Fennick

FENNICK (Line Post) — Nine wagons of a goods train came off the rails outside Fennick on Monday, the operator said.

Four crew members were treated in hospital for minor injuries, police said.
"""

_SURVEY = """Survey ship ends long voyage

PORT ELLAN (Sea Desk) — The survey ship Marra docked at Port Ellan on Friday after a two-year journey of about 61,000 kilometres, its owners said.

"We found more than we hoped," manager Tomas Elk said.
"""


async def test_news_idioms_and_word_groups_say_the_question_s_deed(store: Store) -> None:
    day = datetime(2024, 10, 7, 18, tzinfo=UTC)
    await add(store, "rail", _RAIL, outlet="Line Post", published=day)
    await add(store, "survey", _SURVEY, outlet="Sea Desk", published=day)
    # "came off the rails" is a derailment; "treated in hospital" is being hospitalized
    a = await ask(store, "how many wagons derailed near fennick")
    assert a.answered and "Nine wagons" in a.text.splitlines()[0], a.text
    a = await ask(store, "how many crew members were hospitalized in fennick")
    assert a.answered and "Four crew members" in a.text.splitlines()[0], a.text
    # the idiom's own words still count for themselves
    a = await ask(store, "how many crew members were treated in hospital")
    assert a.answered and "Four crew members" in a.text.splitlines()[0], a.text
    # a journey is how far the ship travelled
    a = await ask(store, "how far did the marra travel")
    assert a.answered and "61,000 kilometres" in a.text.splitlines()[0], a.text
    # nothing says how many were killed or how far another ship travelled
    a = await ask(store, "how many crew members were killed near fennick")
    assert not a.answered, a.text
    a = await ask(store, "how far did the ship osprey travel")
    assert not a.answered, a.text


_STRIKE = """Carrow bus drivers start strike

CARROW (Town Post) — Bus drivers in Carrow began a three-week strike on Monday over pay, their union said.

The Kelby bridge will be closed for two years while engineers rebuild it, the council said.
"""

_DAM = """Dam repairs begin at Loch Arran

ARRAN (Hill Post) — The Vessel Dam repair crew will spend six weeks strengthening the dam wall, the water board said.

The board's last inspection of the dam, which took 11 days, found cracks in the spillway.
"""


async def test_how_long_reads_spans_of_time(store: Store) -> None:
    day = datetime(2024, 11, 4, 18, tzinfo=UTC)
    await add(store, "strike", _STRIKE, outlet="Town Post", published=day)
    await add(store, "dam", _DAM, outlet="Hill Post", published=day)
    for question, span in (
        ("how long will the carrow bus strike last", "three-week"),
        ("for how long will the kelby bridge be shut", "two years"),
        # the report's subject named only by its headline and "the dam"
        ("how long will the crew spend strengthening the vessel dam", "six weeks"),
        # "..., which took 11 days": the span of the thing before the comma
        ("how long did the inspection of the dam take", "11 days"),
    ):
        a = await ask(store, question)
        assert a.answered and span in a.text.lower().splitlines()[0], (question, a.text)
    a = await ask(store, "how long will the carrow tram strike last")
    assert not a.answered, a.text
    a = await ask(store, "how long will the kelby tunnel be closed")
    assert not a.answered, a.text


_LIBRARY = """Stone Bay voters back new library

DUNE (Coast Ledger) — Voters approved a new public library on Tuesday by a wide margin, the county clerk said.

Turnout was about 38% of registered voters, the clerk said.
"""

_REGATTA = """Regatta draws crowds to the harbor

DUNE (Coast Ledger) — Turnout for the stone-skimming contest on the bay was about 70% of entrants, organisers said.

A fire broke out at the Lenwick boat shed on Sunday, firefighters said.
"""


async def test_a_name_of_common_words_is_found_whole_or_through_its_report(store: Store) -> None:
    day = datetime(2024, 11, 6, 18, tzinfo=UTC)
    await add(store, "library", _LIBRARY, outlet="Coast Ledger", published=day)
    await add(store, "regatta", _REGATTA, outlet="Coast Ledger", published=day)
    # "stone bay" in lower case is the Stone Bay the headline names, not a stone or a bay
    a = await ask(store, "what was the turnout in stone bay")
    assert a.answered and "38%" in a.text.splitlines()[0], a.text
    a = await ask(store, "what was the turnout in stone harbor")
    assert not a.answered, a.text
    # a fire that "broke out" started
    a = await ask(store, "when did the fire at the lenwick boat shed start")
    assert a.answered and "Sunday" in a.text.splitlines()[0], a.text


_PARKING = """Renmore council backs parking plan

RENMORE (Town Post) — Renmore's council approved a parking plan for the town centre on Monday by nine votes to four, the council said.

An aid convoy passed through Wenlow on Tuesday on its way to the coast, police said.
"""


async def test_a_measure_that_passed_was_approved(store: Store) -> None:
    await add(store, "parking", _PARKING, outlet="Town Post", published=datetime(2024, 5, 6, 18, tzinfo=UTC))
    # a council or a vote "approved" a plan: it passed, and the other way round
    a = await ask(store, "did the renmore parking plan pass")
    assert a.answered and a.text.startswith("Yes"), a.text
    a = await ask(store, "did the renmore council pass the parking plan")
    assert a.answered and a.text.startswith("Yes"), a.text
    # passing through a town approves nothing
    a = await ask(store, "did wenlow approve the aid convoy")
    assert not a.answered, a.text
    a = await ask(store, "did the aid convoy pass through wenlow")
    assert a.answered and a.text.startswith("Yes"), a.text
    # the claim's verb done to another thing than the sentence's is no yes
    a = await ask(store, "did the council approve the convoy")
    assert not a.answered, a.text
    a = await ask(store, "did the renmore council pass the housing plan")
    assert not a.answered, a.text


_OAT_BOARD = """Oat recall widens after mould tests

DUNE (Farm Post) — The Grain Safety Board said on Monday that it had found mould in two more batches of oats.

"We expect more recalls," said Dr Lena Hart, the board's chief chemist, adding that no one had fallen ill.
"""

_OAT_RESULTS = """Kerrow Oats profit slips on recall costs

DUNE (Farm Post) — Kerrow Oats said on Tuesday that half-year profit fell 12% to 30 million euros.

Chief financial officer Piet Vos told analysts that margins would narrow.
"""


async def test_a_role_of_a_body_named_in_full_elsewhere_in_its_report(store: Store) -> None:
    day = datetime(2024, 4, 2, 18, tzinfo=UTC)
    await add(store, "board", _OAT_BOARD, outlet="Farm Post", published=day)
    await add(store, "kerrow", _OAT_RESULTS, outlet="Farm Post", published=day)
    # "the board's chief chemist" in a report that names the Grain Safety Board
    for question in (
        "who is the grain safety board's chief chemist",
        "who is the chief chemist at the grain safety board",
    ):
        a = await ask(store, question)
        assert a.answered and "Lena Hart" in a.text, (question, a.text)
    # a chief financial officer is a role, whoever writes it out
    for question in ("who is kerrow oats's chief financial officer", "who is the cfo of kerrow oats"):
        a = await ask(store, question)
        assert a.answered and "Piet Vos" in a.text, (question, a.text)
    for question in (
        "who is the grain safety board's chief economist",
        "who is the water safety board's chief chemist",
        "who is the chief financial officer of brennan oats",
    ):
        a = await ask(store, question)
        assert not a.answered, (question, a.text)


_CLUB = """Wenmoor Athletic fined over stadium loan

DUNE (Town Post) — A court ordered Wenmoor Athletic to repay 400,000 pounds to the council by June, the council said.

The club has about 260 employees, according to its accounts.
"""


async def test_phrasal_verbs_in_a_question(store: Store) -> None:
    await add(store, "club", _CLUB, outlet="Town Post", published=datetime(2024, 3, 4, 18, tzinfo=UTC))
    a = await ask(store, "how much does wenmoor athletic have to pay back to the council")
    assert a.answered and "400,000 pounds" in a.text.splitlines()[0], a.text
    a = await ask(store, "how many people work at wenmoor athletic")
    assert a.answered and "260" in a.text.splitlines()[0], a.text
    a = await ask(store, "how many people work at wenmoor rovers")
    assert not a.answered, a.text


_PIER = """Ferry hits pier at Skelly

SKELLY (Coast Ledger) — A passenger ferry struck the pier at Skelly on Sunday, injuring four people, the harbour master said.

The ferry was travelling at about 18 km/h when it hit the pier, twice the harbour limit, investigators said. It had sailed 40 kilometres from Orran.
"""


async def test_a_speed_is_no_distance(store: Store) -> None:
    await add(store, "pier", _PIER, outlet="Coast Ledger", published=datetime(2024, 6, 3, 18, tzinfo=UTC))
    a = await ask(store, "how fast was the ferry going when it hit the pier near skelly")
    assert a.answered and "18 km/h" in a.text.splitlines()[0], a.text
    # "18 km/h" is no distance travelled
    a = await ask(store, "how far did the ferry travel")
    assert "18" not in a.text.splitlines()[0], a.text


_CANAL = """Barge traffic halted on Tessel canal

TESSEL (Water Post) — Repairs have closed the Tessel canal, a 64-kilometre shipping route, for the rest of the month, the waterways board said.

Queues of barges at the Harl lock had reached 3 kilometres by Friday, the board said. The last closure, in 2021, lasted nine days.
"""


async def test_how_long_is_a_thing_asks_its_length(store: Store) -> None:
    await add(store, "canal", _CANAL, outlet="Water Post", published=datetime(2024, 3, 8, 18, tzinfo=UTC))
    # "the Tessel canal, a 64-kilometre shipping route": the compound describes the canal
    a = await ask(store, "how long is the tessel canal")
    assert a.answered and "64-kilometre" in a.text.splitlines()[0], a.text
    a = await ask(store, "how long were the barge queues at the harl lock")
    assert a.answered and "3 kilometres" in a.text.splitlines()[0], a.text
    # a length does not answer how long something lasted
    a = await ask(store, "how long did the queues at the harl lock last")
    assert not a.answered or "kilometres" not in a.text.splitlines()[0], a.text
    a = await ask(store, "how long is the marn canal")
    assert not a.answered, a.text


_MALT = """Brenmoor Malt sales rise on export demand

DUNE (Grain Desk) — Revenue for the quarter rose 4% to 80 million euros, Brenmoor Malt said on Thursday.
"""


async def test_quarterly_is_for_the_quarter(store: Store) -> None:
    await add(store, "malt", _MALT, outlet="Grain Desk", published=datetime(2024, 10, 3, 18, tzinfo=UTC))
    # "Revenue for the quarter" answers it (quoted whole: a what-question)
    a = await ask(store, "what were brenmoor malt's quarterly sales")
    assert a.answered and "80 million euros" in a.text and a.citations, a.text
    a = await ask(store, "what were brenmoor malt's monthly sales")
    assert not a.answered, a.text


_QUAKE_AID = """Quake relief reaches Sorrel valley

DUNE (Global Post) — The government of Sorrel will release 12 million euros in emergency aid for the valley, the finance ministry said on Monday. It has also spent 3 million euros on tents.
"""


async def test_money_given_as_a_noun_is_that_noun_s_amount(store: Store) -> None:
    await add(store, "aid", _QUAKE_AID, outlet="Global Post", published=datetime(2024, 4, 1, 18, tzinfo=UTC))
    a = await ask(store, "how much emergency aid will sorrel's government release")
    assert a.answered and "12 million euros" in a.text.splitlines()[0], a.text
    # money spent on tents is no loan, and no aid of another country
    a = await ask(store, "how much loan money will sorrel's government release")
    assert not a.answered, a.text
    a = await ask(store, "how much emergency aid will marrow's government release")
    assert not a.answered, a.text
