"""A generated corpus of news-like reports, for benchmarks: figures, hedges, quotes, people, dates."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

PLACES = [
    "Tijuana",
    "El Paso",
    "San Diego",
    "Guatemala City",
    "Laredo",
    "Nogales",
    "Monterrey",
    "Ciudad Juarez",
    "Tucson",
    "Brownsville",
    "Bogota",
    "Tegucigalpa",
    "San Salvador",
    "Houston",
    "Phoenix",
]
COUNTRIES = ["Mexico", "Guatemala", "Colombia", "Honduras", "El Salvador", "Canada", "Brazil", "Venezuela"]
PEOPLE = [
    ("Interior Minister", "Rosa Delgado"),
    ("Governor", "Mark Ellison"),
    ("Senator", "Dana Whitfield"),
    ("Foreign Minister", "Luis Ortega"),
    ("Mayor", "Carmen Ruiz"),
    ("General", "Paul Hendricks"),
    ("Ambassador", "Irene Castillo"),
    ("Homeland Security Secretary", "Tom Baker"),
]
ORGS = [
    "the Pentagon",
    "the State Department",
    "the foreign ministry",
    "the border agency",
    "the United Nations refugee agency",
    "the Department of Homeland Security",
    "the National Guard",
]
NOUNS = [
    "troops",
    "migrants",
    "flights",
    "soldiers",
    "asylum seekers",
    "deportees",
    "agents",
    "families",
    "children",
    "detainees",
    "buses",
    "shelters",
]
VERBS = ["deployed", "sent", "ordered", "flew", "returned", "detained", "processed", "moved", "expected"]
HEDGES = ["about", "more than", "at least", "nearly", "up to", "roughly", "", "", ""]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April"]
OUTLETS = ["Reuters", "AP", "AFP", "Factdesk Wire", "The Ledger"]


def _figure(rng: random.Random) -> str:
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10, 90) * 1000])
    text = f"{n:,}"
    hedge = rng.choice(HEDGES)
    return f"{hedge} {text}".strip()


def _sentence(rng: random.Random) -> str:
    role, name = rng.choice(PEOPLE)
    kind = rng.randrange(9)
    place = rng.choice(PLACES)
    if kind == 0:
        return (
            f"Officials said {_figure(rng)} additional {rng.choice(NOUNS)} were {rng.choice(VERBS)} "
            f"to {place} on {rng.choice(WEEKDAYS)}, and thousands more could follow."
        )
    if kind == 1:
        return (
            f"{role} {name} said on {rng.choice(WEEKDAYS)} that {rng.choice(COUNTRIES)} would not accept "
            f"{rng.choice(NOUNS)} without a formal agreement."
        )
    if kind == 2:
        return (
            f"“We will keep working with our neighbours, but we will not be pressured,” "
            f"{name.split()[-1]} told reporters in {place}."
        )
    if kind == 3:
        return (
            f"According to {rng.choice(ORGS)}, {_figure(rng)} {rng.choice(NOUNS)} had been "
            f"{rng.choice(VERBS)} from {place} since {rng.choice(MONTHS)} {rng.randint(1, 28)}."
        )
    if kind == 4:
        return (
            f"The government threatened a {rng.randint(5, 50)}% tariff on imports beginning in "
            f"{rng.choice(MONTHS)}, a US official and a {rng.choice(COUNTRIES)} official told "
            f"{rng.choice(OUTLETS)}."
        )
    if kind == 5:
        return (
            f"{rng.choice(ORGS).capitalize()} did not immediately respond to a request for comment "
            f"about the {rng.choice(NOUNS)} held in {place}."
        )
    if kind == 6:
        return (
            f"Two military aircraft, each carrying {_figure(rng)} {rng.choice(NOUNS)}, landed in "
            f"{rng.choice(COUNTRIES)} late on {rng.choice(WEEKDAYS)}."
        )
    if kind == 7:
        return (
            f"The plan would cost an estimated ${rng.randint(2, 900)} million over {rng.randint(2, 10)} "
            f"years, {rng.choice(ORGS)} said in a statement."
        )
    return (
        f"Residents of {place} described long lines at the crossing as {rng.choice(NOUNS)} waited for "
        f"news from {rng.choice(COUNTRIES)}."
    )


def article(rng: random.Random, index: int, *, words: int = 600) -> dict[str, object]:
    """One report of about `words` words, with metadata."""
    paragraphs, count = [], 0
    while count < words:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(para)
        count += len(para.split())
    published = datetime(2025, 1, 20, tzinfo=UTC) + timedelta(minutes=37 * index)
    outlet = rng.choice(OUTLETS)
    return {
        "body": f"{rng.choice(PLACES).upper()} ({outlet}) - " + "\n\n".join(paragraphs),
        "headline": f"Border report {index}",
        "outlet": outlet,
        "url": f"https://example.com/report/{index}",
        "published": published,
    }


def corpus(n: int, *, seed: int = 7, start: int = 0) -> list[dict[str, object]]:
    rng = random.Random(seed + start)
    return [article(rng, start + i) for i in range(n)]
