"""A story's key figures, for `/story summary` and App Home: the newest value of each figure.

"The same figure" is the digest's notion (facts.digest.figure_key: what is counted, with the
same qualifiers, for the same action), so a summary and a digest never disagree about which
reports speak of one figure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from facts.digest import figure_key
from store.records import FactRecord, SentenceHit

FigureRow = tuple[FactRecord, SentenceHit]


def _reported_at(row: FigureRow) -> datetime:
    article = row[1].article
    return article.published_at or article.ingested_at


def key_figures(rows: Sequence[FigureRow], *, limit: int = 8) -> list[FigureRow]:
    """The newest value of each figure in `rows` (a story's facts with their sentences), the most
    recently reported last, at most `limit` of them. Retracted figures are left out; a corrected
    one counts with its corrected value."""
    figures = [r for r in rows if r[0].kind == "figure" and r[0].status != "retracted" and r[0].value_text]
    # Oldest report first (stable: within one report, the order the sentences came in).
    figures.sort(key=_reported_at)
    latest: dict[tuple[str, str, tuple[str, ...]], FigureRow] = {}
    for row in figures:
        key = figure_key(row[0])
        latest.pop(key, None)  # re-inserted at the end: newest last
        latest[key] = row
    return list(latest.values())[-limit:] if limit > 0 else []
