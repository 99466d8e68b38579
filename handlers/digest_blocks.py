"""Rendering a Digest for Slack (Block Kit plus a plain-text fallback) and for a terminal.

Pure functions: a Digest in, text and blocks out. Stored text is escaped (&, <, >) before it
goes into mrkdwn, so a sentence can never turn into a mention or a link."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from facts.digest import Citation, Digest, FigureChange, FigureValue

OPEN_FACTS_ACTION = "digest_open_facts"
_MAX_SENTENCE = 280
_MAX_SECTION = 2900  # Slack's section text limit is 3000 characters
_UTC = ZoneInfo("UTC")


def escape(text: str) -> str:
    """Slack mrkdwn control characters, escaped as Slack asks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int = _MAX_SENTENCE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _when(dt: datetime | None, tz: tzinfo) -> str:
    if dt is None:
        return ""
    return dt.astimezone(tz).strftime("%a %d %b %H:%M")


def _source(c: Citation, tz: tzinfo) -> str:
    outlet = escape(c.outlet or "source")
    if c.url and "|" not in c.url:
        outlet = f"<{escape(c.url)}|{outlet}>"
    when = _when(c.published_at, tz)
    return f"{outlet}, {when}" if when else outlet


def _quote(c: Citation) -> str:
    return f"“{escape(_clip(c.sentence))}”"


def _value(v: FigureValue) -> str:
    text = escape(v.value_text)
    if v.corrected_from:
        text += f" (corrected by an editor; the source says {escape(v.corrected_from)})"
    return text


def _change_line(c: FigureChange, tz: tzinfo) -> str:
    head = f"• *{escape(c.label)}*"
    if c.relation:
        head += f" ({escape(c.relation)})"
    steps = " → ".join(_value(v) for v in c.history[-4:])
    if len(c.history) > 4:
        steps = "… → " + steps
    return (
        f"{head}: {steps}\n"
        f"    now: {_quote(c.new.source)} — {_source(c.new.source, tz)}\n"
        f"    was: {_quote(c.old.source)} — {_source(c.old.source, tz)}"
    )


def _section(title: str, lines: list[str]) -> list[dict[str, Any]]:
    """One or more section blocks holding `lines`, split to stay under Slack's limit."""
    blocks: list[dict[str, Any]] = []
    chunk = f"*{title}*"
    for line in lines:
        if len(chunk) + len(line) + 1 > _MAX_SECTION:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    return blocks


def _more(digest: Digest, name: str) -> list[str]:
    n = digest.omitted.get(name, 0)
    return [f"_…and {n} more_"] if n else []


def _window(digest: Digest, tz: tzinfo) -> str:
    if digest.since is None:
        return "since the story began"
    return f"since {_when(digest.since, tz)}"


def digest_blocks(digest: Digest, *, tz: tzinfo = _UTC) -> tuple[str, list[dict[str, Any]]]:
    """The Slack message for a digest: (fallback text, blocks)."""
    title = escape(digest.story_title)
    if digest.is_empty:
        text = f"Nothing new in {title} {_window(digest, tz)}."
        return text, [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"Nothing new in *{title}* {_window(digest, tz)}."},
            }
        ]

    outlets = ", ".join(f"{escape(o.outlet)} ({o.reports})" for o in digest.outlets)
    reports = f"{digest.report_count} new report{'s' if digest.report_count != 1 else ''}"
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": _clip(f"Digest: {digest.story_title}", 150)},
        },
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": f"{reports} {_window(digest, tz)}: {outlets}"}],
        },
    ]
    if digest.changed:
        lines = [_change_line(c, tz) for c in digest.changed] + _more(digest, "changed")
        blocks += _section("Figures that changed", lines)
    if digest.new_figures:
        lines = [
            f"• *{escape(n.label)}*: {_value(n.value)} — {_quote(n.value.source)} — {_source(n.value.source, tz)}"
            for n in digest.new_figures
        ] + _more(digest, "new_figures")
        blocks += _section("New figures", lines)
    if digest.people:
        lines = [
            f"• *{escape(p.name)}*"
            + (f", {escape(p.role)}" if p.role else "")
            + (f" — {_source(p.source, tz)}" if p.source else "")
            for p in digest.people
        ] + _more(digest, "people")
        blocks += _section("New people", lines)
    if digest.quotes:
        lines = [
            f"• {escape(q.speaker or 'Unnamed')}: “{escape(_clip(q.quote))}” — {_source(q.source, tz)}"
            for q in digest.quotes
        ] + _more(digest, "quotes")
        blocks += _section("New quotes", lines)
    if digest.sentences:
        lines = [f"• {_quote(c)} — {_source(c, tz)}" for c in digest.sentences]
        blocks += _section("Worth reading", lines)
    blocks.append(
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": OPEN_FACTS_ACTION,
                    "text": {"type": "plain_text", "text": "See all facts"},
                    "value": digest.story_slug,
                }
            ],
        }
    )
    summary = []
    if digest.changed:
        summary.append(f"{len(digest.changed)} figure{'s' if len(digest.changed) != 1 else ''} changed")
    if digest.new_figures:
        summary.append(f"{len(digest.new_figures)} new figure{'s' if len(digest.new_figures) != 1 else ''}")
    text = f"Digest for {title}: {reports} {_window(digest, tz)}" + (
        f" ({', '.join(summary)})" if summary else ""
    )
    return text, blocks[:50]


def digest_plain_text(digest: Digest, *, tz: tzinfo = _UTC) -> str:
    """The digest for a terminal: the same content, no markup."""

    def src(c: Citation) -> str:
        bits = [c.outlet or "source", _when(c.published_at, tz), c.url or ""]
        return ", ".join(b for b in bits if b)

    if digest.is_empty:
        return f"Nothing new in {digest.story_title} {_window(digest, tz)}."
    out = [
        f"Digest: {digest.story_title}",
        f"{digest.report_count} new reports {_window(digest, tz)}: "
        + ", ".join(f"{o.outlet} ({o.reports})" for o in digest.outlets),
    ]
    if digest.changed:
        out += ["", "Figures that changed"]
        for c in digest.changed:
            steps = " -> ".join(v.value_text for v in c.history)
            out.append(f"  {c.label}" + (f" ({c.relation})" if c.relation else "") + f": {steps}")
            out.append(f'    now: "{_clip(c.new.source.sentence)}" ({src(c.new.source)})')
            out.append(f'    was: "{_clip(c.old.source.sentence)}" ({src(c.old.source)})')
    if digest.new_figures:
        out += ["", "New figures"]
        for n in digest.new_figures:
            out.append(f"  {n.label}: {n.value.value_text}")
            out.append(f'    "{_clip(n.value.source.sentence)}" ({src(n.value.source)})')
    if digest.people:
        out += ["", "New people"]
        out += [f"  {p.name}" + (f", {p.role}" if p.role else "") for p in digest.people]
    if digest.quotes:
        out += ["", "New quotes"]
        out += [f'  {q.speaker or "Unnamed"}: "{_clip(q.quote)}" ({src(q.source)})' for q in digest.quotes]
    if digest.sentences:
        out += ["", "Worth reading"]
        out += [f'  "{_clip(c.sentence)}" ({src(c)})' for c in digest.sentences]
    for name, n in digest.omitted.items():
        out.append(f"({n} more {name.replace('_', ' ')} left out)")
    return "\n".join(out)
