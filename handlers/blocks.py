"""Pure Block Kit rendering: answers and lists to blocks plus a plain-text fallback, escaped for
mrkdwn and split to Slack's limits (3,000 characters a section, 50 blocks a message)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from facts.answer import Answer
from handlers import wording
from store.records import FactRecord, SentenceHit

SECTION_LIMIT = 3000
BLOCKS_PER_MESSAGE = 50
TEXT_LIMIT = 3000  # the fallback `text` of one message; Slack truncates at 40k, notifications far sooner
BUTTON_VALUE_LIMIT = 2000

ACTION_SOURCES = "answer_sources"
ACTION_FLAG = "answer_flag"
ACTION_SHARE = "share_in_channel"

Block = dict[str, Any]


def escape(text: str | None) -> str:
    """Stored text shown as typed: `<!channel>`, `<@U1>`, `<https://x|y>` never act as markup."""
    if not text:
        return ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str | None, label: str) -> str:
    """A link only for http(s) addresses; anything else is shown as escaped text."""
    label = escape(label).replace("|", "¦")
    if not url or not url.lower().startswith(("http://", "https://")):
        return label
    safe = escape(url).replace("|", "%7C").replace(" ", "%20")
    return f"<{safe}|{label}>"


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at a line break or a space when possible,
    and never inside an escape like `&amp;`."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
            amp = text.rfind("&", cut - 5, cut)
            if amp != -1 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n ")
    if text or not pieces:
        pieces.append(text)
    return pieces


def sections(mrkdwn: str) -> list[Block]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": p}} for p in split_text(mrkdwn) if p]


def context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": split_text(mrkdwn)[0]}]}


def button(text: str, action_id: str, value: str, *, style: str | None = None) -> Block:
    b: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value[:BUTTON_VALUE_LIMIT],
    }
    if style:
        b["style"] = style
    return b


@dataclass
class Message:
    """One thing to say: blocks plus the plain-text fallback (notifications, screen readers)."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def parts(self) -> list[Message]:
        """This message as one or more postable messages within Slack's limits; each part's
        fallback text is the text of its own blocks."""
        if len(self.blocks) <= BLOCKS_PER_MESSAGE and len(self.text) <= TEXT_LIMIT:
            return [self]
        if not self.blocks:
            return [Message(text=t, blocks=sections(t)) for t in split_text(self.text, TEXT_LIMIT)]
        out = []
        for i in range(0, len(self.blocks), BLOCKS_PER_MESSAGE):
            chunk = self.blocks[i : i + BLOCKS_PER_MESSAGE]
            shown = "\n".join(
                b["text"]["text"]
                for b in chunk
                if b.get("type") == "section" and isinstance(b.get("text"), dict)
            )
            text = split_text(shown or self.text, TEXT_LIMIT)[0]
            out.append(Message(text=text, blocks=chunk))
        return out


def lines_message(header: str, lines: Sequence[str], *, footer: str | None = None) -> Message:
    """A header and lines (already escaped mrkdwn), packed into sections."""
    body = "\n".join(lines)
    blocks = sections(header)
    if body:
        blocks += sections(body)
    if footer:
        blocks.append(context(footer))
    text = "\n".join([header, *lines] + ([footer] if footer else []))
    return Message(text=text, blocks=blocks)


def plain(text: str) -> Message:
    return Message(text=text, blocks=sections(text))


# ---- answers --------------------------------------------------------------------------------


def _get(obj: Any, *names: str) -> Any:
    """Field of an engine value or of its JSON form, under whichever name it carries."""
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, "", [], ()):
            return value
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.strftime("%b %-d, %Y")
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value).strftime("%b %-d, %Y")
        except ValueError:
            return value
    return None


def citation_lines(citation: Any) -> tuple[str, str]:
    """(the cited sentence as a quote, the source line) of one citation."""
    sentence = _get(citation, "sentence", "text", "sentence_text", "quote") or ""
    article = _get(citation, "article")
    src = article if article is not None else citation
    outlet = _get(src, "outlet") or _get(citation, "outlet") or wording.SOURCE
    url = _get(src, "url") or _get(citation, "url")
    when = _date(_get(src, "published_at", "published") or _get(citation, "published_at", "published"))
    headline = _get(src, "headline")
    label = ", ".join(x for x in (outlet, when) if x)
    source = link(url, label) if url else f"{escape(label)} ({wording.NO_LINK})"
    if headline:
        source += f" — {escape(headline)}"
    return "> " + escape(" ".join(str(sentence).split())), source


def answer_message(answer: Answer, *, question: str) -> Message:
    """An answer with its figure, a line of context, the cited sentence and the source link,
    and the Sources / Flag as wrong buttons."""
    answered = answer.answered
    text = answer.text or (wording.DONT_KNOW if not answered else "")
    short = answer.short
    ctx = answer.context
    citations = answer.citations
    history = answer.history
    closest = answer.closest
    fact_ids = [int(i) for i in answer.fact_ids]

    blocks: list[Block] = []
    # The engine's text is a complete plain answer (figure, earlier values, quotes, sources):
    # it is the fallback; the blocks show its first line, then the parts laid out.
    lead = str(text).split("\n", 1)[0]
    fallback = [escape(str(text))]
    if answered and short and str(short) in lead:
        head = escape(lead).replace(escape(str(short)), f"*{escape(str(short))}*", 1)
    elif answered and short:
        head = f"*{escape(str(short))}* — {escape(lead)}"
    else:
        head = escape(lead)
    blocks += sections(head)
    first_sentence = citations[0].sentence if citations else None
    if ctx and " ".join(str(ctx).split()) != " ".join(str(first_sentence or "").split()):
        blocks.append(context(escape(str(ctx))))
    for c in citations[:3]:
        quote, source = citation_lines(c)
        blocks += sections(f"{quote}\n{source}")
    if history:
        lines = []
        for h in history[:5]:
            _, source = citation_lines(h)
            lines.append(f"• {escape(h.value_text)} — {source.replace(' (' + wording.NO_LINK + ')', '')}")
        blocks.append(context(wording.EARLIER + "\n" + "\n".join(lines)))
    if not answered and closest:
        lines = [wording.CLOSEST]
        for c in closest[:3]:
            quote, source = citation_lines(c)
            lines += [quote, source]
        blocks += sections("\n".join(lines))
        if wording.CLOSEST not in str(text):
            fallback += lines
    value = json.dumps({"f": fact_ids[:200]}, separators=(",", ":"))
    blocks.append(
        {
            "type": "actions",
            "elements": [
                button(wording.BUTTON_SOURCES, ACTION_SOURCES, value),
                button(wording.BUTTON_FLAG, ACTION_FLAG, value, style="danger"),
            ],
        }
    )
    return Message(text="\n".join(fallback), blocks=blocks)


def sources_message(citations: Iterable[Any]) -> Message:
    lines = []
    for c in citations:
        quote, source = citation_lines(c)
        lines += [quote, source]
    if not lines:
        return plain(wording.NO_SOURCES)
    return lines_message(wording.SOURCES_HEADER, lines)


# ---- facts ----------------------------------------------------------------------------------


def fact_value(fact: FactRecord, hit: SentenceHit | None = None) -> str:
    """What a fact says, short: a figure as written in its sentence ("about 80 deported
    migrants"), a quote with its speaker, or the clause's subject and verb."""
    if fact.value_text:
        if hit is not None and fact.status != "corrected" and hit.start <= fact.start < fact.end <= hit.end:
            return " ".join(hit.text[fact.start - hit.start : fact.end - hit.start].split())
        unit = fact.unit if fact.unit not in (None, "$", "%") else None
        return " ".join(x for x in (fact.value_text, unit) if x)
    if fact.quote:
        return f"“{fact.quote[:120]}” — {fact.speaker or '?'}"
    return ""


def one_per_sentence(rows: list[tuple[FactRecord, SentenceHit]]) -> list[tuple[FactRecord, SentenceHit]]:
    """The first fact of each sentence: a listing shows each source sentence once."""
    seen: set[int] = set()
    out = []
    for fact, hit in rows:
        if hit.sentence_id not in seen:
            seen.add(hit.sentence_id)
            out.append((fact, hit))
    return out


def fact_line(fact: FactRecord, hit: SentenceHit, *, with_sentence: bool = True) -> str:
    """`#12 1,500 troop — "sentence…" (Reuters, Jan 24, 2025)`, escaped."""
    status = f" _[{fact.status}]_" if fact.status in ("corrected", "retracted") else ""
    src = link(
        hit.article.url,
        ", ".join(x for x in (hit.article.outlet or wording.SOURCE, _date(hit.article.published_at)) if x),
    )
    sentence = escape(" ".join(hit.text.split()))
    if len(sentence) > 400:
        sentence = sentence[:400].rsplit(" ", 1)[0] + "…"
    value = fact_value(fact, hit)
    line = f"`#{fact.id}`" + (f" *{escape(value)}*" if value else "") + status
    if with_sentence:
        line += f" — “{sentence}”"
    return f"{line} ({src})"


def share_button(command: str, args: str, story_id: int | None) -> Block:
    value = json.dumps({"c": command, "a": args[:1500], "s": story_id}, separators=(",", ":"))
    return {
        "type": "actions",
        "elements": [button(wording.BUTTON_SHARE, ACTION_SHARE, value, style="primary")],
    }


def home_view(blocks: list[Block]) -> dict[str, Any]:
    return {"type": "home", "blocks": blocks[:100]}
