"""Find time expressions in a sentence and resolve them against the publication date.

Resolution rules (the newsroom conventions wire copy follows):

* A bare or "on" weekday ("on Friday") is the most recent such day on or before publication, so
  a report dated Friday saying "on Friday" means that day. When the clause looks forward
  ("will", "is due to", "plans to", "scheduled") it is the next such day on or after publication.
* "last Friday" is the Friday of the previous calendar week (Monday-based); "next Friday" the
  Friday of the following week; "this Friday" the Friday of the current week.
* A month without a year ("in February") is the occurrence nearest the publication date; after
  forward-looking words ("beginning in", "starting", "from", "by", "until", "next", "will") it is
  the current or next occurrence, after "last"/"since"/"earlier" the current or previous one.
* "Jan. 24" without a year: the nearest such date to publication (forward-looking context picks
  the upcoming one). Without a publication date, expressions with a year still resolve and
  yearless or relative ones keep only their text.
* Weeks resolve to ISO weeks ("2025-W04"), months to "YYYY-MM", years to "YYYY".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from facts.sentences import Token, triggered_matches
from facts.wordlists import AUXILIARIES, MONTHS, WEEKDAYS, is_plural_noun

_MON = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_FWD = r"(?:beginning|starting|effective|from|by|until|till|before|next|through|as\s+of|as\s+early\s+as)"

TIME_RE = re.compile(
    # 2025-01-24
    r"(?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3]\d)\b)"
    # Jan. 24, 2025 / January 24 / Jan 24th
    r"|(?P<md>(?:(?P<mdpre>\bon|\bsince|\bby|\buntil|\bfrom|\bbefore|\bafter|\bbeginning|\bstarting)\s+)?"
    r"\b(?P<mdm>" + _MON + r")\s+(?P<mdd>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<mdy>(?:19|20)\d\d)\b)?)"
    # 24 January 2025
    r"|(?P<dm>\b(?P<dmd>[0-3]?\d)\s+(?P<dmm>" + _MON + r")(?:\s+(?P<dmy>(?:19|20)\d\d))?\b)"
    # (late) on Friday (night) / last Friday / this Wednesday
    r"|(?P<wd>(?:(?P<wdpre>(?:late|early)\s+on|on|last|this|next|(?:late|early)|by|until|since)\s+)?"
    r"\b(?P<wdd>" + _DAY + r")\b" + _PART + r")"
    # yesterday / today / tonight / tomorrow
    r"|(?P<rel>\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b" + _PART + r")"
    # earlier this week / last month / next year / this weekend
    r"|(?P<per>\b(?P<perpre>(?:[Ee]arlier|[Ll]ater)\s+this|[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+in\s+the|[Ll]ater\s+in\s+the)"
    r"\s+(?P<perunit>week|weekend|month|year)\b)"
    # (beginning in) February (2025) / in mid-February / last March
    r"|(?P<mon>(?:(?P<monpre>" + _FWD + r"(?:\s+in)?|in\s+(?:early|late|mid-?)?|since|last|this|earlier\s+in|"
    r"(?:early|late|mid-?)|during|of|to)\s*)?"
    r"\b(?P<monm>January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"(?:,?\s+(?P<mony>(?:19|20)\d\d)\b)?)"
    # in 2021 / since 2019 / the 2020 election
    r"|(?P<yr>(?:(?P<yrpre>\bin|\bsince|\bby|\buntil|\bfrom|\bduring|\bbefore|\bafter|\bof|\bthrough)\s+)?"
    r"\b(?P<yry>(?:19|20)\d\d)\b(?![,.]\d|\s*(?:%|percent)))"
    # 10 a.m. / 3:30 p.m. / 14:00 GMT -- kept as text only, and masked from figures
    r"|(?P<clock>\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:[A-Z]{2,4}T|GMT|UTC))?"
    r"|\b[0-2]?\d:[0-5]\d\b(?:\s+(?:[A-Z]{2,4}T|GMT|UTC))?)"
)

_FUTURE_RE = re.compile(
    r"\b(?:will|'ll|’ll|shall|is\s+due|are\s+due|is\s+set\s+to|are\s+set\s+to|plans?\s+to|planned|"
    r"scheduled|is\s+expected\s+to|are\s+expected\s+to|is\s+to|are\s+to|going\s+to|upcoming|next|"
    r"beginning|starting|effective)\b"
)
_NEXT_LOWER_RE = re.compile(r"\s+(?:(?:more|additional|new|other)\s+)?([a-z]+)\b")


def _followed_by_count_noun(text: str, pos: int) -> bool:
    m = _NEXT_LOWER_RE.match(text, pos)
    return m is not None and m.group(1) not in AUXILIARIES and is_plural_noun(m.group(1))


@dataclass(slots=True)
class TimeExpr:
    text: str
    start: int  # absolute span into the article body
    end: int
    value: str | None
    kind: str  # "date" | "week" | "month" | "year" | "clock" | "relative"

    # Written out, not generated: mypyc compiles a hand-written __init__, a dataclass-made one
    # stays interpreted, and extraction builds many of these.
    def __init__(self, text: str, start: int, end: int, value: str | None, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.value = value
        self.kind = kind


def _as_date(published: datetime | date | None) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    return published


def _month_num(tok: str) -> int:
    return MONTHS[tok.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # pure, and a story's reports repeat the same few dates
def _nearest_year_date(m: int, d: int, pub: date, forward: bool) -> date | None:
    cands = [c for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _safe_date(y, m, d)) is not None]
    if not cands:
        return None
    if forward:
        fut = [c for c in cands if c >= pub]
        if fut:
            return min(fut)
    return min(cands, key=lambda c: (abs((c - pub).days), c > pub))


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


_TRIGGERS = frozenset(
    [k for k in MONTHS if k != "may"]
    + [k + "." for k in MONTHS]
    + list(WEEKDAYS)
    + "yesterday today tonight tomorrow week weekend month year a.m. p.m. am pm".split()
)


# Words a time expression can begin with before its trigger word.
_STARTERS = frozenset(
    """on late early last this next by until till since in from beginning starting effective before after
    through as during of to earlier later mid mid- yesterday today tonight tomorrow""".split()
)


def is_trigger(tok: str) -> bool:
    c = tok[0]
    if c.isdigit():
        return (len(tok) == 4 and tok[:2] in ("19", "20")) or ":" in tok or len(tok) <= 2 or "-" in tok
    return tok == "May" or tok.lower() in _TRIGGERS


def find_times(
    text: str, start: int, end: int, published: datetime | date | None, toks: list[Token], trig: list[int]
) -> list[TimeExpr]:
    """Time expressions in text[start:end], spans absolute, resolved against `published`.

    `trig` indexes the tokens that may hold a time expression (see `is_trigger`).
    """
    pub = _as_date(published)
    out: list[TimeExpr] = []
    for m in triggered_matches(TIME_RE, text, toks, end, trig, 4, _STARTERS):
        kind = m.lastgroup
        s, e = m.start(), m.end()
        value: str | None = None
        tkind = "date"
        # Look back a little for forward-looking wording that governs this expression (only
        # resolving a yearless date, a weekday or a month needs it).
        fwd_ctx = (
            pub is not None
            and kind in ("md", "dm", "wd", "mon")
            and bool(_FUTURE_RE.search(text[max(start, s - 60) : s]))
        )
        if kind == "iso":
            value = m.group("iso")
        elif kind == "md":
            mon = _month_num(m.group("mdm"))
            day = int(m.group("mdd"))
            if m.group("mdy"):
                d = _safe_date(int(m.group("mdy")), mon, day)
            elif pub is not None:
                pre = (m.group("mdpre") or "").lower()
                d = _nearest_year_date(
                    mon, day, pub, fwd_ctx or pre in ("by", "until", "beginning", "starting")
                )
            else:
                d = None
            value = d.isoformat() if d else None
        elif kind == "dm":
            mon = _month_num(m.group("dmm"))
            day = int(m.group("dmd"))
            if m.group("dmy"):
                d = _safe_date(int(m.group("dmy")), mon, day)
            elif pub is not None:
                d = _nearest_year_date(mon, day, pub, fwd_ctx)
            else:
                d = None
            value = d.isoformat() if d else None
        elif kind == "wd":
            if pub is not None:
                wd = WEEKDAYS[m.group("wdd").lower()]
                pre = (m.group("wdpre") or "").lower()
                value = _resolve_weekday(wd, pre, pub, fwd_ctx).isoformat()
        elif kind == "rel":
            tkind = "relative"
            if pub is not None:
                w = m.group("rel").split()[0].lower()
                off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
                value = (pub + timedelta(days=off)).isoformat()
        elif kind == "per":
            unit = m.group("perunit")
            pre = m.group("perpre").lower()
            step = -1 if pre == "last" else 1 if pre == "next" else 0
            tkind = "week" if unit.startswith("week") else unit
            if pub is not None:
                if unit.startswith("week"):
                    value = _iso_week(pub + timedelta(weeks=step))
                elif unit == "month":
                    y, mo = pub.year, pub.month + step
                    if mo == 0:
                        y, mo = y - 1, 12
                    elif mo == 13:
                        y, mo = y + 1, 1
                    value = f"{y:04d}-{mo:02d}"
                else:
                    value = f"{pub.year + step:04d}"
        elif kind == "mon":
            monm = m.group("monm")
            pre = (m.group("monpre") or "").lower()
            if monm == "May" and not pre and not m.group("mony"):
                continue  # the modal verb, or a surname
            tkind = "month"
            mon = _month_num(monm)
            if m.group("mony"):
                value = f"{int(m.group('mony')):04d}-{mon:02d}"
            elif pub is not None:
                value = _resolve_month(mon, pre, pub, fwd_ctx)
        elif kind == "yr":
            if not m.group("yrpre") and _followed_by_count_noun(text, e):
                continue  # "2000 soldiers": a count, not a year
            tkind = "year"
            value = m.group("yry")
        elif kind == "clock":
            tkind = "clock"
        out.append(TimeExpr(m.group(), s, e, value, tkind))
    return out


@lru_cache(maxsize=4096)  # pure, and a story's reports repeat the same few dates
def _resolve_weekday(wd: int, pre: str, pub: date, forward: bool) -> date:
    monday = pub - timedelta(days=pub.weekday())
    if pre == "last":
        return monday - timedelta(days=7) + timedelta(days=wd)
    if pre == "next":
        return monday + timedelta(days=7 + wd)
    if pre == "this":
        return monday + timedelta(days=wd)
    if forward or pre in ("by", "until"):
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


@lru_cache(maxsize=4096)  # pure, and a story's reports repeat the same few dates
def _resolve_month(mon: int, pre: str, pub: date, forward_ctx: bool) -> str:
    pre_words = pre.split()
    forward = bool(pre_words) and pre_words[0] in (
        "beginning",
        "starting",
        "effective",
        "from",
        "by",
        "until",
        "till",
        "before",
        "next",
        "through",
        "as",
    )
    backward = bool(pre_words) and pre_words[0] in ("since", "last", "earlier")
    if forward or (forward_ctx and not backward):
        y = pub.year if mon >= pub.month else pub.year + 1
    elif backward:
        y = pub.year if mon <= pub.month else pub.year - 1
    else:
        # Nearest occurrence; on a tie (six months away) prefer the past.
        diffs = [
            (abs((yy * 12 + mon) - (pub.year * 12 + pub.month)), yy)
            for yy in (pub.year - 1, pub.year, pub.year + 1)
        ]
        y = min(diffs)[1]
    return f"{y:04d}-{mon:02d}"
