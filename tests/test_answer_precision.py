"""Questions whose wording rules out a figure or a sentence that shares their words: a limit
("allowed to carry") is not what was carried, "how much will they get" is no count of people,
"who heads X" is not X itself, and "X, which runs five ferries" names no one who runs X."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from store import Store
from tests import answering
from tests.answering import NOW, add, answering_store  # noqa: F401  (the `store` fixture)

ask = partial(answering.ask, log_it=False)


_BUS = """Coach overturns near Pella pass

PELLA (Road Desk) — The Pella Express coach was carrying about 62 passengers when it overturned on the mountain road on Friday, police said. At least 9 people were injured.

Halden Coaches, which runs 40 coaches across the north, said it would cooperate with the inquiry.

The Road Safety Board said it would examine the coach's brakes.
"""

_BUS_LATER = """Pella coach was overloaded, board says

PELLA (Road Desk) — The Pella Express coach was licensed to carry no more than 49 passengers, the Road Safety Board said on Monday.
"""


async def test_a_limit_is_not_what_was_carried(store: Store) -> None:
    await add(store, "pella", _BUS, outlet="Road Desk", published=datetime(2024, 5, 3, 18, tzinfo=UTC))
    a = await ask(store, "how many passengers was the pella express allowed to carry")
    assert not a.answered, a.text
    a = await ask(store, "how many passengers was the pella express carrying")
    assert a.answered and "62 passengers" in a.text.splitlines()[0], a.text
    await add(store, "pella", _BUS_LATER, outlet="Road Desk", published=datetime(2024, 5, 6, 18, tzinfo=UTC))
    a = await ask(store, "how many passengers was the pella express allowed to carry")
    assert a.answered and "49 passengers" in a.text.splitlines()[0], a.text


_PAYOUT = """Pella crash families to be paid

PELLA (Road Desk) — The death toll from the Pella coach crash rose to 9 overnight, police said on Saturday.

The government will pay 5,000 euros to the family of each person who died, the transport minister said.
"""


async def test_how_much_they_get_is_money_not_a_count_of_people(store: Store) -> None:
    await add(store, "pella", _PAYOUT, outlet="Road Desk", published=datetime(2024, 5, 4, 18, tzinfo=UTC))
    a = await ask(store, "how much will the families get")
    assert a.answered and "5,000 euros" in a.text.splitlines()[0], a.text
    await add(store, "pella", _BUS, outlet="Road Desk", published=datetime(2024, 5, 3, 18, tzinfo=UTC))
    a = await ask(store, "how much will the injured people on the pella coach get")
    assert not a.answered, a.text


async def test_who_heads_or_runs_a_body_needs_a_person_doing_it(store: Store) -> None:
    await add(store, "pella", _BUS, outlet="Road Desk", published=datetime(2024, 5, 3, 18, tzinfo=UTC))
    # the board is named, but not who heads it
    a = await ask(store, "who heads the road safety board")
    assert not a.answered, a.text
    # "Halden Coaches, which runs 40 coaches": the company runs coaches; no one runs it here
    a = await ask(store, "who runs halden coaches")
    assert not a.answered, a.text


_FLOOD_DAY1 = """Flash flood hits Orrin valley

ORRIN (Valley Post) — At least 8 people died and dozens were missing after a flash flood swept through the Orrin valley on Sunday, the civil protection agency said.
"""

_FLOOD_DAY3 = """Orrin flood search narrows

ORRIN (Valley Post) — Five people are still missing in the Orrin valley, the civil protection agency said on Tuesday. It lowered its count after finding that 12 people named on its list had never been in the valley.
"""


async def test_a_count_is_of_whom_its_own_verb_says(store: Store) -> None:
    await add(
        store, "orrin", _FLOOD_DAY1, outlet="Valley Post", published=datetime(2024, 7, 7, 18, tzinfo=UTC)
    )
    # "At least 8 people died and dozens were missing": 8 counts the dead, not the missing
    a = await ask(store, "how many people are missing in the orrin valley")
    assert not a.answered or "8" not in a.text.splitlines()[0], a.text
    await add(
        store, "orrin", _FLOOD_DAY3, outlet="Valley Post", published=datetime(2024, 7, 9, 18, tzinfo=UTC)
    )
    a = await ask(store, "how many people are missing in the orrin valley")
    first = a.text.splitlines()[0]
    assert a.answered and first.startswith("Five people"), a.text
    assert "8" not in first and "12" not in first, a.text


_HARBOUR = """Harl council backs harbour plan

HARL (Coast Desk) — Harl's council approved a 12 million euro budget for the harbour on Tuesday, the mayor's office said.

A crowd of about 400 people gathered outside the town hall during the vote, police said.
"""


async def test_how_big_is_a_thing_reads_a_figure_written_onto_it(store: Store) -> None:
    await add(store, "harl", _HARBOUR, outlet="Coast Desk", published=datetime(2024, 3, 5, 18, tzinfo=UTC))
    a = await ask(store, "how big is the harl harbour budget")
    assert a.answered and "12 million euro budget" in a.text.splitlines()[0], a.text
    a = await ask(store, "how big was the crowd outside harl town hall")
    assert a.answered and "about 400 people" in a.text.splitlines()[0], a.text
    # the town hall's own size is nowhere
    a = await ask(store, "how big is harl town hall")
    assert not a.answered, a.text


_FLIGHTS = """Relief flights reach Orrin

ORRIN (Valley Post) — Army helicopters have now made six relief flights to Orrin since Sunday, carrying about 90 people in all, civil protection officials said on Monday.
"""


async def test_altogether_asks_the_total_and_is_no_word_to_find(store: Store) -> None:
    await add(store, "orrin", _FLIGHTS, outlet="Valley Post", published=datetime(2024, 7, 9, 18, tzinfo=UTC))
    a = await ask(store, "how many people did the six orrin relief flights carry altogether")
    assert a.answered and "about 90 people in all" in a.text.splitlines()[0].lower(), a.text


_LIST_DAY1 = """Pella coach list released

PELLA (Road Desk) — The coach's passenger list showed 49 passengers and two drivers, police said on Saturday.
"""

_LIST_DAY2 = """Pella coach list corrected

PELLA (Road Desk) — Police said on Monday that 6 people named on the passenger list had never boarded the Pella coach.
"""


async def test_a_manifest_is_a_passenger_list_and_a_negated_count_is_not_its_size(store: Store) -> None:
    await add(store, "pella", _LIST_DAY1, outlet="Road Desk", published=datetime(2024, 5, 4, 18, tzinfo=UTC))
    await add(store, "pella", _LIST_DAY2, outlet="Road Desk", published=datetime(2024, 5, 6, 18, tzinfo=UTC))
    a = await ask(store, "how many passengers were on the pella coach's manifest")
    first = a.text.splitlines()[0]
    assert a.answered and "49 passengers" in first and "6 people" not in first, a.text
    # asked in the negative, the negated count answers
    a = await ask(store, "how many people on the pella coach's passenger list never boarded")
    assert a.answered and "6 people" in a.text.splitlines()[0], a.text


_BOARD = """Pella coach brakes to be tested

PELLA (Road Desk) — The Road Safety Board said on Tuesday it would test the brakes of the Pella Express coach.

The board's deputy director, Ivo Stern, said the tests would take a week. The board's director, Maja Lind, said the findings would be published.
"""


async def test_who_heads_a_body_is_named_by_its_top_title(store: Store) -> None:
    await add(store, "pella", _BOARD, outlet="Road Desk", published=datetime(2024, 5, 7, 18, tzinfo=UTC))
    # no sentence says who heads the board; its director is its head, its deputy director is not
    a = await ask(store, "who heads the road safety board")
    assert a.answered and "Maja Lind" in a.text.splitlines()[0], a.text
    a = await ask(store, "who is the head of the road safety board")
    assert a.answered and "Maja Lind" in a.text.splitlines()[0], a.text
    a = await ask(store, "who is the deputy director of the road safety board")
    assert a.answered and "Ivo Stern" in a.text.splitlines()[0], a.text


async def test_a_deputy_or_former_holder_is_not_the_head(store: Store) -> None:
    await add(
        store,
        "pella",
        _BOARD.replace(" The board's director, Maja Lind, said the findings would be published.", ""),
        outlet="Road Desk",
        published=datetime(2024, 5, 7, 18, tzinfo=UTC),
    )
    a = await ask(store, "who heads the road safety board")
    assert not a.answered, a.text
    a = await ask(store, "who is the director of the road safety board")
    assert not a.answered, a.text


_COACH_FIRM = """Halden boss apologises for Pella crash

PELLA (Road Desk) — Halden Coaches said on Monday it would pay for the funerals of the victims of the Pella crash.

Halden's chief executive, Petra Moor, apologised to the families on Tuesday.
"""


async def test_a_firm_is_named_by_its_first_word_only_when_no_other_firm_shares_it(store: Store) -> None:
    await add(store, "pella", _COACH_FIRM, outlet="Road Desk", published=datetime(2024, 5, 8, 18, tzinfo=UTC))
    a = await ask(store, "who is the chief executive of halden coaches")
    assert a.answered and "Petra Moor" in a.text.splitlines()[0], a.text
    a = await ask(store, "who runs halden coaches")
    assert a.answered and "Petra Moor" in a.text.splitlines()[0], a.text
    # a second Halden firm: "Halden's chief executive" may head either
    await add(
        store,
        "pella",
        "Halden Rail adds trains\n\nPELLA (Road Desk) — Halden Rail said on Wednesday it would add two trains a day to Pella.\n",
        outlet="Road Desk",
        published=datetime(2024, 5, 9, 18, tzinfo=UTC),
    )
    a = await ask(store, "who is the chief executive of halden coaches")
    assert not a.answered, a.text
