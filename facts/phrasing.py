"""Wording of answers, in one place so an editor can review it. Plain text (the Slack layer
escapes and renders); dates are written "Jan 24, 2025" so no figure is invented by formatting."""

from __future__ import annotations

from datetime import date, datetime

DONT_KNOW = "I don't know"


def day(d: date | datetime | None, *, year: bool = True) -> str | None:
    if d is None:
        return None
    base = f"{d:%b} {d.day}"
    return f"{base}, {d.year}" if year else base


def source_line(outlet: str | None, published: datetime | None, url: str | None = None) -> str:
    parts = [outlet or "an unnamed outlet"]
    when = day(published)
    if when:
        parts.append(when)
    line = ", ".join(parts)
    return f"{line} {url}" if url else line


def quote(sentence: str) -> str:
    s = sentence.strip()
    return f"\u201c{s}\u201d"


def capitalise(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def said_by(attribution: str | None, outlet: str | None) -> str:
    """Who stands behind a statement, keeping the strength of the attribution."""
    if attribution:
        a = attribution.strip().rstrip(".")
        return (
            a[:1].lower() + a[1:]
            if not a.split()[0][:1].isupper() or a.split()[0] in ("The", "A", "An", "One")
            else a
        )
    return f"{outlet or 'the report'} reported"


def refusal(what: str | None = None) -> str:
    if what:
        return f"{DONT_KNOW}: the reports I have don't say {what}."
    return f"{DONT_KNOW}: nothing in the reports I have answers that."
