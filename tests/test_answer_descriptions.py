"""A definite description stands for the one name its report gives it: "the ferry" for the MV
Corran, "the captain" for the captain of the MV Corran, once the headline or an earlier sentence of
the same report has named it, and never when the report names two ships."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from store import Store
from tests import answering
from tests.answering import answering_store  # noqa: F401  (the `store` fixture)

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)


async def add(store: Store, text: str, *, day: int) -> None:
    published = datetime(2024, 6, day, 18, tzinfo=UTC)
    await answering.add(store, "orla", text, outlet="Harbour Desk", published=published, now=NOW)


ask = partial(answering.ask, now=NOW, log_it=False)


_ONE_SHIP = """Ferry runs aground off Orla

ORLA (Harbour Desk) — The MV Corran ran aground on a sandbank off the island of Orla on Tuesday night, the port authority said.

The ferry was licensed to carry no more than 450 passengers, the authority said.

Prosecutors charged the captain of the MV Corran with negligence on Wednesday. The captain, identified by prosecutors as Aldo Brenner, was released on bail.
"""

_TWO_SHIPS = """Second grounding off Orla in a decade

ORLA (Harbour Desk) — The MV Corran ran aground on a sandbank off the island of Orla on Tuesday night, the port authority said. In 2015 the MV Tessaly ran aground on the same bank.

The ferry was licensed to carry no more than 450 passengers, the authority said.
"""


_OTHER_FERRIES = """Ferry runs aground off Orla

ORLA (Harbour Desk) — The MV Corran ran aground on a sandbank off the island of Orla on Tuesday night, the port authority said. Two other ferries on the route were held in port.

The ferry was licensed to carry no more than 450 passengers, the authority said.

The captain of a fishing boat pulled 30 people from the water. The captain, identified by police as Aldo Brenner, was praised by the mayor.
"""


async def test_the_ferry_stands_for_the_one_ship_its_report_names(store: Store) -> None:
    await add(store, _ONE_SHIP, day=4)
    a = await ask(store, "how many passengers was the corran allowed to carry")
    assert a.answered and "450" in a.text.splitlines()[0], a.text
    a = await ask(store, "who was the captain of the corran")
    assert a.answered and "Aldo Brenner" in a.text.splitlines()[0], a.text


async def test_a_description_with_two_ships_in_its_report_stands_for_neither(store: Store) -> None:
    await add(store, _TWO_SHIPS, day=4)
    a = await ask(store, "how many passengers was the corran allowed to carry")
    assert not a.answered, a.text
    a = await ask(store, "how many passengers was the tessaly allowed to carry")
    assert not a.answered, a.text


async def test_other_ships_or_captains_of_the_kind_leave_the_description_open(store: Store) -> None:
    await add(store, _OTHER_FERRIES, day=4)
    a = await ask(store, "how many passengers was the corran allowed to carry")
    assert not a.answered, a.text
    a = await ask(store, "who was the captain of the corran")
    assert not a.answered, a.text
