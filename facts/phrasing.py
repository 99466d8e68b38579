"""Wording of answers, in one place so an editor can review it. Plain text (the Slack layer
escapes and renders); dates are written "Jan 24, 2025" so no figure is invented by formatting."""

from __future__ import annotations

import re
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


_COMMON_FIRST = frozenset(
    """the a an one two three four five six several some many most both two officials official
    authorities authority sources source people police residents witnesses analysts experts
    according""".split()
)


def said_by(attribution: str | None, outlet: str | None) -> str:
    """Who stands behind a statement, keeping the strength of the attribution."""
    if attribution:
        a = attribution.strip().rstrip(".")
        first = a.split()[0]
        common = first.lower() in _COMMON_FIRST or (
            first.lower().endswith("s") and first.lower()[:-1] in _COMMON_FIRST
        )
        return a[:1].lower() + a[1:] if not first[:1].isupper() or common else a
    return f"{outlet or 'the report'} reported"


def refusal(what: str | None = None) -> str:
    if what:
        return f"{DONT_KNOW}: the reports I have don't say {what}."
    return f"{DONT_KNOW}: nothing in the reports I have answers that."


# ---- a figure's own clause, for the lead line ----------------------------------------------------

_PRONOUN_SUBJECTS = frozenset("he she they it we i you there this these those who which".split())
_SUBORDINATORS = (
    "and|but|while|whereas|after|before|because|as|when|since|until|although|though|which|who|so|"
    "or|yet|with|bringing|raising|taking|pushing|leaving"
)
_SAY = r"(?:said|says|say|told(?:\s+[A-Z][\w.]*)*(?:\s+reporters)?|tells|announced|confirmed|added|warned|noted|stated|estimated|reported)"
_HEDGE_START = (
    r"(?:about|around|some|nearly|almost|roughly|more than|at least|up to|over|fewer than|another|\$?\d)"
)
_AND_FIGURE = re.compile(rf"\s+(?:and|while|but)\s+{_HEDGE_START}")
# "killing at least 140 people and injuring more than 900": a second participle clause is
# another statement, not part of the first figure's
_AND_PARTICIPLE = re.compile(r"\s+(?:and|while|but)\s+(?:also\s+)?[a-z]{3,}ing\b")
_LEFT_BOUNDS = [
    re.compile(rf"\b(?:and|while|but)\s+(?={_HEDGE_START})"),
    re.compile(r"(?:;|(?<!\d):(?!\d)|[\u2014\u2013(])\s*"),  # not the colon of a time ("4:12 a.m.")
    re.compile(rf",\s+(?:{_SUBORDINATORS})\b\s*"),
    re.compile(r",\s+"),
    re.compile(r"\b(?:and|but)\s+(?=[a-z]+ed\b)"),
    re.compile(rf"\b{_SAY}(?:\s+(?:on|late on|early on)\s+\w+)?\s+that\s+"),
    # not a said-word describing a noun ("its count of confirmed cases")
    re.compile(rf"(?<=\w)(?<!\bof)(?<!\bthe)(?<!\bits)(?<!\btheir)\s+{_SAY}\s+(?=[a-z])"),
    re.compile(r"\bthat\s+(?=(?:the|a|an|about|some|more|at|up|nearly|\d)\b)"),
]
_ATTR_TAIL = re.compile(
    rf",?\s+(?:(?:a|an|the|one|two|three|several|some)\s+)?[^,;]{{0,70}}?\s+{_SAY}\b.*$|,?\s+according to\b.*$"
)
_EACH_BEFORE = re.compile(r"\b(?:each|per|every)\s+(?:\w+\s+)?$", re.I)


def _verb_forms(word: str) -> tuple[str, ...]:
    from lemminflect import getAllLemmas, getInflection

    lem = getAllLemmas(word.lower()).get("VERB")
    if not lem:
        return ()
    return tuple(getInflection(lem[0], "VBN") or ())


def _clean_clause(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,;:\u2014-")
    return s.rstrip(".")


def _right_end(text: str, pos: int) -> int:
    """Where the clause that continues at `pos` ends: a semicolon, dash, bracket, a comma that
    does not continue a list of names ("Reno, Nevada, and Fresno"), or an attribution."""
    i = pos
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in ";:\u2014\u2013(" and not (
            ch == ":" and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
        ):
            return i
        if ch == "." and (i + 1 == n or text[i + 1] == " "):
            word = (text[:i].split()[-1:] or [""])[0]
            nxt = text[i + 1 : i + 3].strip()[:1]
            abbreviation = (
                bool(re.fullmatch(r"[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])*", word))
                and bool(nxt)
                and (nxt.isdigit() or nxt.islower())
            )
            if not abbreviation:
                return i
        if ch == "," and i > 0 and text[i - 1].isdigit() and text[i + 1 : i + 2].isdigit():
            i += 1
            continue
        if ch == " " and (_AND_FIGURE.match(text, i) or _AND_PARTICIPLE.match(text, i)):
            return i
        if ch == ",":
            before = text[:i].split()[-1:] or [""]
            after = text[i + 1 :].lstrip()
            aside = re.match(r"\s*(?:each|every|all|both)\b[^,;.]{0,60},", text[i + 1 :])
            if aside:  # "three buses, each with about 40 workers, to the plant"
                i += 1 + aside.end()
                continue
            nxt = after.split(" ", 1)[0] if after else ""
            if nxt[:1].isupper() and before[0][:1].isupper():
                i += 1
                continue
            if nxt == "and" and after[4:5].isupper() and before[0][:1].isupper():
                i += 1
                continue
            return i
        i += 1
    return n


def figure_clause(text: str, start: int, end: int, *, keep_speaker: bool = False) -> str:
    """The clause of a sentence that holds a figure (text[start:end]), worded to lead an answer:
    "The Pentagon is sending about 1,000 more active-duty troops to the US-Mexico border";
    "1,500 additional US troops ordered so far" (for "He has ordered 1,500 ... there so far");
    only words of the sentence, apart from a verb put in its past participle."""
    left_text = text[:start]
    cut = 0
    for rx in _LEFT_BOUNDS if not keep_speaker else _LEFT_BOUNDS[:3]:
        for bound in rx.finditer(text, 0, start + 1):
            if bound.end() > cut and bound.end() <= start:
                cut = bound.end()
    # a dateline "EL PASO, Texas — ": the clause starts after it
    left = left_text[cut:]
    right_stop = _right_end(text, end)
    right = text[end:right_stop]
    right = _ATTR_TAIL.sub("", right)
    right = re.sub(r"^\s*there\b", "", right)  # "ordered 1,500 troops there so far"
    fig = text[start:end]
    # "bringing the number deployed under X to about 2,500": the figure, then what it counts;
    # a clause whose subject sets the count ("The agency revised the number of cases down to
    # 22") is worded whole below
    m = re.search(
        r"\b(the\s+(?:death\s+)?(?:number|total|tally|count|toll)\b[^,;]*?)\s+(?:to|at)\s+$", left_text[-160:]
    )
    if m and not re.match(
        r"^(?:The|An?|[A-Z][a-z]+)\s+[a-z]+\s+[a-z]+ed\s+the\s+(?:number|total|tally|count)\b", left
    ):
        return _clean_clause(fig + right) + f" ({m.group(1)})"
    words = left.split()
    if not words:
        return _clean_clause(fig + right)
    first = words[0].lower().strip('\u201c"')
    if _EACH_BEFORE.search(left) and len(words) <= 3:
        return (
            _clean_clause(fig + " " + words[0].lower() + right)
            if first in ("each", "per")
            else _clean_clause(fig + right)
        )
    subject_like = (
        first not in _PRONOUN_SUBJECTS
        and not first.endswith("ing")
        and not (first.endswith("ed") and words[0][:1].islower())
        and first not in ("to", "of", "in", "on", "with", "from", "for", "by", "at", "into", "each", "than")
    )
    if subject_like and len(words) <= 14:
        return _clean_clause(left + fig + right)
    # "bringing the number deployed under X to about 2,500": the figure, then what it counts
    m = re.search(r"\b(the\s+(?:death\s+)?(?:number|total|tally|count|toll)\b[^,;]*?)\s+(?:to|at)\s+$", left)
    if m:
        return _clean_clause(fig + right) + f" ({m.group(1)})"
    # "He has ordered 1,500 troops": the figure with the verb as a participle
    tail = re.search(r"([A-Za-z]+)(\s+(?:out|back|off|up|home|away))?\s+$", left)
    if tail:
        forms = _verb_forms(tail.group(1))
        prev = left[: tail.start()].split()[-1:] or [""]
        if tail.group(1).lower().endswith("ing") and prev[0].lower() not in ("is", "are", "was", "were"):
            return _clean_clause(fig + right)
        looks_verb = (
            tail.group(1).lower().endswith("ed")
            or prev[0].lower()
            in (
                "has",
                "have",
                "had",
                "will",
                "would",
                "could",
                "to",
                "is",
                "are",
                "was",
                "were",
                "may",
                "might",
            )
            or prev[0].lower() in _PRONOUN_SUBJECTS
        )
        if (
            forms
            and looks_verb
            and tail.group(1).lower()
            not in ("is", "are", "was", "were", "be", "been", "being", "have", "has", "had")
        ):
            particle = tail.group(2) or ""
            return _clean_clause(f"{fig} {forms[0]}{particle}{right}")
    return _clean_clause(fig + right)
