"""Counts of the dead across a story's reports: a death toll "put at" or "brought to" a number
counts the people who died, a later report's toll leads the earlier ones, and a disaster of
years before ("since 1999, when 40 people died") is not the story's own."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from store import Store
from tests import answering
from tests.answering import NOW, add, answering_store  # noqa: F401  (the `store` fixture)

ask = partial(answering.ask, log_it=False)


_DAY1 = """Mine roof collapse kills miners in Tessel

TESSEL (Ore Wire) — At least eight miners died when part of a tunnel roof collapsed at the Tessel copper mine on Monday, the mining ministry said.

The collapse is the region's worst mining accident since 1999, when 40 people died at a coal pit in the same valley.
"""

_DAY2 = """Tessel mine toll rises

TESSEL (Valley Post) — The death toll from the Tessel mine collapse rose to 11 overnight and 6 people were still trapped, the ministry said on Tuesday.
"""

_DAY3 = """Tessel rescuers end search

TESSEL (Ore Wire) — Rescuers ended their search of the Tessel copper mine on Thursday, saying no one else could have survived underground, and put the death toll at 14.
"""


async def _mine(store: Store) -> None:
    await add(store, "tessel", _DAY1, outlet="Ore Wire", published=datetime(2024, 6, 3, 18, tzinfo=UTC))
    await add(store, "tessel", _DAY2, outlet="Valley Post", published=datetime(2024, 6, 4, 9, tzinfo=UTC))
    await add(store, "tessel", _DAY3, outlet="Ore Wire", published=datetime(2024, 6, 6, 17, tzinfo=UTC))


async def test_a_toll_put_at_a_number_is_the_latest_count_of_the_dead(store: Store) -> None:
    await _mine(store)
    for question in (
        "what is the death toll in the tessel mine collapse",
        "how many people died in the tessel mine collapse",
    ):
        a = await ask(store, question)
        lead = a.text.splitlines()[0]
        assert a.answered and "14" in lead and "death toll" in lead, a.text
        # the history runs back through the earlier tolls
        assert "11" in a.text, a.text


async def test_a_disaster_of_years_before_is_not_the_story_s_toll(store: Store) -> None:
    await add(store, "tessel", _DAY1, outlet="Ore Wire", published=datetime(2024, 6, 3, 18, tzinfo=UTC))
    a = await ask(store, "how many people died in the tessel valley")
    assert not a.answered or "40" not in a.text.splitlines()[0], a.text
    # asked with its year, the old disaster is answered
    a = await ask(store, "how many people died at the coal pit in 1999")
    assert a.answered and "40 people" in a.text.splitlines()[0], a.text


_RESCUE = """Tessel rescuers reach trapped miners

TESSEL (Ore Wire) — Rescuers have brought 17 survivors to the surface at the Tessel copper mine, the mining ministry said on Wednesday.
"""


async def test_survivors_and_rescuers_are_words_for_people_and_their_deed(store: Store) -> None:
    await add(store, "tessel", _RESCUE, outlet="Ore Wire", published=datetime(2024, 6, 5, 18, tzinfo=UTC))
    # "survivors" is a common noun (not a name every sentence must hold), and rescuers rescue
    a = await ask(store, "how many survivors have been rescued from the tessel mine")
    assert a.answered and "17 survivors" in a.text.splitlines()[0], a.text
    a = await ask(store, "how many survivors were flown to hospital from the tessel mine")
    assert not a.answered, a.text
