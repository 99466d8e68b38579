"""Figures in news English: the number phrase, its hedge, value, and the noun it counts.

One precompiled regex finds the number core with an optional hedge in front; a short scan of
the words after it finds modifiers and the counted noun ("1,500 additional US troops").

Vague quantities ("thousands", "dozens", "tens of thousands", "several hundred") keep
`value_num = None` and carry the word itself as `hedge`: the bot must never print a number the
report did not give. Ranges ("50 to 80", "between 50 and 80") also keep `value_num = None`,
with hedge "between". Fractions ("a third of ...") get unit "fraction" and the thing
divided in `measured`. Ordinals ("a third flight") get value 3, the noun as unit and "ordinal"
in modifiers. Percentages and money get unit "%" / "$" (or "€", "£"), and the noun they apply
to ("25% duty") in `measured`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from facts.sentences import Token, triggered_matches
from facts.wordlists import (
    DEMONYMS,
    EXTRA_ADJECTIVES,
    MONTHS,
    NP_STOP,
    NUMBER_WORDS,
    ORDINALS,
    SCALES,
    WEEKDAYS,
    is_plural_noun,
    noun_lemma,
    word_classes,
)

_NUMW = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|"
    r"seven|eight|nine)\b)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mln|bln|bn|tn)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_PCT = r"(?:%|\s?percent\b|\s?per\s+cent\b|\s?percentage\s+points?\b)"
_HEDGES = (
    r"about|around|roughly|approximately|nearly|almost|more\s+than|over|at\s+least|at\s+most|up\s+to|"
    r"fewer\s+than|less\s+than|no\s+more\s+than|no\s+fewer\s+than|no\s+less\s+than|some|as\s+many\s+as|"
    r"as\s+few\s+as|as\s+much\s+as|as\s+little\s+as|an\s+estimated|estimated|close\s+to|upwards\s+of|"
    r"well\s+over|just\s+over|just\s+under|under|below|above|only|just|a\s+total\s+of|a\s+record|"
    r"between|another|an\s+additional|a\s+further|an\s+extra|a\s+mere|barely|exactly|precisely|"
    r"a\s+little\s+over|a\s+little\s+more\s+than|slightly\s+more\s+than|more\s+or\s+less|"
    r"an\s+average\s+of|on\s+average|a\s+maximum\s+of|a\s+minimum\s+of|a\s+handful\s+of|all"
)
_ORDW = "|".join(k for k in ORDINALS if k != "first")

FIGURE_RE = re.compile(
    r"(?:(?<![\w$€£])(?P<hedge>" + _HEDGES + r")\s+)?"
    r"(?:"
    # 25-year-old
    r"(?P<age>(?<![\w.,-])\d{1,3})-year-old\b"
    # a 90-day pause, a three-year term
    r"|(?P<cn>(?<![\w.,$-])" + _DIGITS + r"|\b" + _NUMW + r")-(?P<cnu>day|week|month|year|hour|minute|mile|"
    r"kilometer|kilometre|km|member|point|page|foot|meter|metre|seat|nation|country|story|storey|game|"
    r"vehicle|car|person|man|bed|acre)\b(?!-old)"
    # $1.2 billion, US$300, €5m
    r"|(?P<cur>(?:US|A|C|NZ|HK)?[$€£¥])\s?(?P<cnum>"
    + _DIGITS
    + r")(?:\s*(?P<cscale>"
    + _SCALE
    + r"\b|[mbk]\b))?"
    # 1,500 / 2.5 million / 25% / 25 percent
    r"|(?<![\w.,/:$€£-])(?P<dnum>" + _DIGITS + r")(?![\w/-]|[.,:]\d)(?:[\s-]?(?P<dscale>" + _SCALE + r")\b)?"
    r"(?P<dpct>" + _PCT + r")?"
    # tens of thousands, hundreds, dozens, several hundred, a few thousand
    r"|\b(?P<vague>(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions)"
    r"|(?:several|a\s+few|a\s+couple\s+of|many)\s+(?:dozen|hundred|thousand|million|billion)\b(?!s)"
    r"|dozens|scores|hundreds|thousands|millions|billions|a\s+handful)\b"
    # a third of, half of, two-thirds of
    r"|\b(?P<frac>(?:a|one|two|three|four)[\s-](?:half|third|quarter|fifth|tenth)s?|half|one-half)(?=\s+of\b)"
    # a third flight, the second term, its 21st day
    r"|(?P<ordpre>\b(?:a|the|its|his|her|their)\s+)(?P<ord>" + _ORDW + r"|\d+(?:st|nd|rd|th))\b"
    # eleven, twenty-five, a dozen, two million, a hundred, half a million
    r"|\b(?P<wnum>(?:" + _NUMW + r"|a)\s+hundred(?:\s+(?:and\s+)?" + _NUMW + r")?"
    r"(?:\s+(?:thousand|million|billion|trillion)\b)?"
    r"|" + _NUMW + r"(?:\s+(?:thousand|million|billion|trillion)\b)?"
    r"|a\s+dozen|half\s+a\s+(?:dozen|million|billion)|a\s+(?:thousand|million|billion))\b"
    r"(?P<wpct>" + _PCT + r")?"
    r")"
    r"(?P<range>(?:\s*(?:-|–|to|and)\s*)(?:" + _DIGITS + r"|" + _NUMW + r")(?:\s*" + _SCALE + r"\b)?"
    r"(?:" + _PCT + r")?)?"
    r"(?P<post>\s+or\s+(?:more|so|fewer|less)\b)?",
    re.IGNORECASE,
)

_VAGUE_HEDGE = {
    "tens": "tens of",
    "hundreds": "hundreds",
    "dozens": "dozens",
    "scores": "scores",
    "thousands": "thousands",
    "millions": "millions",
    "billions": "billions",
}
_MOD_HEDGES = {"another", "an additional", "a further", "an extra", "a record", "all"}
_CURRENCY = {
    "$": "$",
    "US$": "$",
    "€": "€",
    "£": "£",
    "¥": "¥",
    "A$": "A$",
    "C$": "C$",
    "NZ$": "NZ$",
    "HK$": "HK$",
}
_CURRENCY_NOUNS = {"dollar": "$", "euro": "€", "pound sterling": "£"}
_LABEL_WORDS = frozenset(
    """title article section chapter no no. nos nos. number route highway interstate flight room suite gate
    terminal boeing airbus channel level phase category type stage amendment resolution proposition prop
    act apollo model unit battalion division brigade precinct district ward lot box pier platform line bus
    train tower block building floor sector zone camp base hill grade class size vol vol. volume page part
    rule paragraph clause item case exhibit table figure fig fig. covid sars windows iphone galaxy pixel
    week game day round group f c su mig t""".split()
)
_STREET_RE = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Way|Place|"
    r"Plaza|Square|Court|Parkway|Highway)"
)
_WORD_AFTER_RE = re.compile(
    r"\s*(?:(?P<w>[A-Za-z][A-Za-z0-9’'\-]*(?:\.(?=[A-Za-z]))?(?:[A-Za-z]\.)*)|(?P<p>\S))"
)
# Matched on reversed text: the run of word characters that ends where the white space begins.
_PREV_WORD_REV_RE = re.compile(r"[A-Za-z.\-]*")
_OF_RE = re.compile(r"\s+(of|in)\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+)?(?=[a-zA-Z])")


@dataclass(slots=True)
class Figure:
    kind: str  # "figure" | "attribute"
    start: int
    end: int
    value_text: str
    value_num: float | None
    hedge: str | None
    unit: str | None
    measured: str | None = None
    modifiers: list[str] = field(default_factory=list)
    core_start: int = 0
    core_end: int = 0
    needs_unit: bool = False  # "thousands more": unit comes from an earlier figure

    # Written out, not generated: mypyc compiles a hand-written __init__, a dataclass-made one
    # stays interpreted, and extraction builds many of these.
    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        value_text: str,
        value_num: float | None,
        hedge: str | None,
        unit: str | None,
        measured: str | None = None,
        modifiers: list[str] | None = None,
        core_start: int = 0,
        core_end: int = 0,
        needs_unit: bool = False,
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.value_text = value_text
        self.value_num = value_num
        self.hedge = hedge
        self.unit = unit
        self.measured = measured
        self.modifiers = [] if modifiers is None else modifiers
        self.core_start = core_start
        self.core_end = core_end
        self.needs_unit = needs_unit


def _num(s: str) -> float:
    return float(s.replace(",", ""))


@lru_cache(maxsize=4096)  # pure: number words as written ("two", "a dozen")
def _words_value(s: str) -> float | None:
    low = " ".join(s.lower().replace("-", " ").split())
    if low == "a dozen":
        return 12.0
    if low.startswith("half a "):
        rest = low[7:]
        return 6.0 if rest == "dozen" else 0.5 * SCALES.get(rest, 0) or None
    total = 0.0
    cur = 0.0
    for w in low.split():
        if w == "and":
            continue
        if w in ("a", "one") and cur == 0:
            cur = 1.0
        elif w in NUMBER_WORDS:
            cur += NUMBER_WORDS[w]
        elif w == "hundred":
            cur = (cur or 1.0) * 100
        elif w in SCALES:
            total += (cur or 1.0) * SCALES[w]
            cur = 0.0
        else:
            return None
    return total + cur


def _frac_value(s: str) -> float:
    low = s.lower().replace("-", " ")
    parts = low.split()
    if parts == ["half"] or low == "one half":
        return 0.5
    num = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(parts[0], 1)
    den = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}[parts[1].rstrip("s")]
    return round(num / den, 4)


def _prev_word(text: str, lo: int, s: int) -> tuple[str, int] | None:
    r"""The word that text[lo:s] ends with before white space, and its start: what searching
    `([A-Za-z][A-Za-z.\-]*)\s+\Z` in it finds, read back from the end instead of trying the
    regex at every offset."""
    seg = text[lo:s]
    body = seg.rstrip()  # the same white space as \s
    if len(body) == len(seg):
        return None
    run = _PREV_WORD_REV_RE.match(body[::-1])
    assert run is not None  # a starred pattern always matches
    w = body[len(body) - run.end() :].lstrip(".-")
    return (w, lo + len(body) - len(w)) if w else None


def _is_label_before(text: str, s: int, floor: int) -> bool:
    found = _prev_word(text, max(floor, s - 20), s)
    if found is None:
        return False
    w, w_start = found
    low = w.lower()
    if low in _LABEL_WORDS:
        return True
    # "Gulf Cartel 2", "Resolution 2334": a capitalised non-sentence-initial word that is not a
    # month, weekday, nationality or place right before a bare number is a label.
    if w[0].isupper() and w_start > floor and low.rstrip(".") not in MONTHS and low not in WEEKDAYS:
        return w not in DEMONYMS and not w.isupper()
    return False


def _scan_noun(text: str, pos: int, end: int, singular_ok: bool) -> tuple[list[str], str | None, int, int]:
    """Words after a number: (modifiers, head noun as written, head end, words consumed end)."""
    mods: list[tuple[str, int]] = []
    head: str | None = None
    head_end = pos
    p = pos
    for _ in range(5):
        m = _WORD_AFTER_RE.match(text, p, end)
        if m is None or m.group("w") is None:
            break
        w = m.group("w")
        low = w.lower()
        if low in NP_STOP and low not in ("more", "additional"):
            break
        if low in ("more", "additional") and head is None:
            mods.append((w, m.end()))
            p = m.end()
            continue
        if w.endswith(("’s", "'s", "’", "'")):
            # "the two nations’ shared border": the possessive noun is the counted one.
            stem = w.rstrip("s").rstrip("’'") if w.endswith("s") else w.rstrip("’'")
            if head is None and word_classes(stem.lower()):
                head, head_end = stem, m.start("w") + len(stem)
            break
        classes = word_classes(low)
        if w[0].isupper() and w not in DEMONYMS and not (w.isupper() and len(w) <= 4) and "." not in w:
            # A capitalised word is part of a name that modifies the counted noun
            # ("National Guard soldiers"), or is itself a counted group ("Marines").
            mods.append((w, m.end()))
            p = m.end()
            continue
        if is_plural_noun(low) and "ADJ" not in classes:
            head, head_end = w, m.end()
            break
        is_adj = (
            low in EXTRA_ADJECTIVES
            or w in DEMONYMS
            or (w.isupper() and len(w) <= 4)
            or "." in w
            or ("ADJ" in classes and "NOUN" not in classes)
            or (low.endswith("ed") and "VERB" in classes)
            or (low.endswith("ing") and "VERB" in classes and "NOUN" not in classes)
        )
        if is_adj:
            mods.append((w, m.end()))
            p = m.end()
            continue
        if "NOUN" in classes or not classes:
            if "VERB" in classes and not singular_ok and "NOUN" not in classes:
                break
            if not singular_ok and not is_plural_noun(w) and classes:
                # "two air force planes": a singular noun before a plural one is a modifier.
                m3 = _WORD_AFTER_RE.match(text, m.end(), end)
                w3 = m3.group("w") if m3 is not None else None
                if w3 and w3.lower() not in NP_STOP and "NOUN" in word_classes(w3.lower()):
                    mods.append((w, m.end()))
                    p = m.end()
                    continue
            head, head_end = w, m.end()
            # A noun-noun compound ("aid package", "transport aircraft") keeps the last noun.
            m2 = _WORD_AFTER_RE.match(text, head_end, end)
            if m2 is not None and m2.group("w"):
                w2 = m2.group("w")
                c2 = word_classes(w2.lower())
                if (
                    w2.lower() not in NP_STOP
                    and "NOUN" in c2
                    and "VERB" not in c2
                    and not w2[0].isupper()
                    and not (singular_ok is False and is_plural_noun(w))
                ):
                    mods.append((w, m.end()))
                    head, head_end = w2, m2.end()
            break
        break
    if head is None and mods and mods[-1][0][0].isupper() and is_plural_noun(mods[-1][0]):
        w, e = mods.pop()
        return [x for x, _ in mods], w, e, e
    if head is None:
        # "80 additional" without a noun: the trailing words are not modifiers of anything.
        return [w for w, _ in mods if w.lower() == "more"], None, (mods[-1][1] if mods else pos), pos
    return [w for w, _ in mods], head, head_end, head_end


_TRIGGER_WORDS = frozenset(
    list(NUMBER_WORDS)
    + list(ORDINALS)
    + """dozen dozens hundreds thousands millions billions scores tens half third thirds quarter quarters
    fifth fifths tenth tenths hundred thousand million billion trillion handful""".split()
)
# First words of hedges and of "a third flight": the only earlier tokens a figure can start at.
_STARTERS = frozenset(w.split("\\s+")[0] for w in _HEDGES.split("|")) | frozenset(
    "a an the its his her their us a$ c$ some".split()
)


def is_trigger(tok: str) -> bool:
    c = tok[0]
    if c.isdigit() or c in "$€£¥":
        return True
    low = tok.lower()
    return low in _TRIGGER_WORDS or ("-" in low and low.split("-", 1)[0] in _TRIGGER_WORDS)


_CORE_KEYS = ("age", "cn", "cur", "dnum", "vague", "frac", "wnum", "ord")


def _core_key(m: re.Match[str]) -> str:
    """Which alternative of FIGURE_RE matched the number itself."""
    for k in _CORE_KEYS:
        if m.start(k) >= 0:  # -1: the group did not take part
            return k
    raise AssertionError("FIGURE_RE matched without a number")


def find_figures(
    text: str, start: int, end: int, masked: list[tuple[int, int]], toks: list[Token], trig: list[int]
) -> list[Figure]:
    """Figures in text[start:end]; `masked` spans (dates, times) are never figures.

    `trig` indexes the tokens that may start or hold a figure (see `is_trigger`).
    """
    out: list[Figure] = []
    for m in triggered_matches(FIGURE_RE, text, toks, end, trig, 5, _STARTERS):
        # Groups are read one by one: a groupdict() would copy out all 18 of them per figure.
        core_key = _core_key(m)
        cs = m.start("ordpre") if core_key == "ord" else m.start(core_key)
        ce = m.end()
        if masked and any(a < ce and cs < b for a, b in masked):
            continue
        hedge_raw = m.group("hedge")
        hedge = " ".join(hedge_raw.lower().split()) if hedge_raw else None
        fig_start = m.start("hedge") if hedge_raw else cs
        mods: list[str] = []
        if hedge in _MOD_HEDGES:
            mods.append(hedge.split()[-1])
        range_raw = m.group("range")
        if range_raw:
            rng = range_raw.strip()
            if rng.lower().startswith("and") and hedge != "between":
                ce = m.end("range") - len(range_raw)  # "50 and 80" without between: two figures
            elif rng.lower().startswith("to") and text[
                max(start, fig_start - 6) : fig_start
            ].lower().strip().endswith("from"):
                ce = m.end("range") - len(range_raw)  # "from 50 to 80": a change, not a range
        ranged = range_raw is not None and ce == m.end() and ce > (m.end("range") - len(range_raw))
        post = m.group("post")
        if post and ce < m.end():
            pass
        elif post:
            hedge = " ".join(post.split())
        unit: str | None = None
        measure: str | None = None
        value: float | None = None
        kind = "figure"
        singular_ok = False
        needs_unit = False
        if core_key == "age":
            kind = "attribute"
            value = _num(m.group("age"))
            unit = "year-old"
            ce = m.end("age") + len("-year-old")
        elif core_key == "cn":
            raw = m.group("cn")
            value = _num(raw) if raw[0].isdigit() else _words_value(raw)
            unit = m.group("cnu").lower()
            singular_ok = True
        elif core_key == "cur":
            value = _num(m.group("cnum"))
            sc = m.group("cscale")
            if sc:
                value *= SCALES[sc.lower()]
            unit = _CURRENCY.get(m.group("cur"), m.group("cur"))
            singular_ok = True
        elif core_key == "dnum":
            raw = m.group("dnum")
            if _is_label_before(text, cs, start) or _STREET_RE.match(text, m.end("dnum")):
                continue
            value = _num(raw)
            sc = m.group("dscale")
            if sc:
                value *= SCALES[sc.lower()]
            if m.group("dpct"):
                unit = "%"
                singular_ok = True
        elif core_key == "vague":
            v = " ".join(m.group("vague").lower().split())
            first = v.split()[0]
            hedge = (
                v if first in ("tens", "several", "a", "many") or " of " in v else _VAGUE_HEDGE.get(first, v)
            )
            if hedge_raw and hedge_raw.lower() not in _MOD_HEDGES:
                hedge = f"{' '.join(hedge_raw.lower().split())} {hedge}"
            value = None
        elif core_key == "frac":
            value = _frac_value(m.group("frac"))
            unit = "fraction"
        elif core_key == "wnum":
            raw = m.group("wnum")
            low = " ".join(raw.lower().split())
            if low == "one" and (not hedge_raw or hedge in _MOD_HEDGES):
                continue  # "one official said": not a figure
            value = _words_value(raw)
            if value is None:
                continue
            if m.group("wpct"):
                unit = "%"
                singular_ok = True
            singular_ok = singular_ok or value == 1
        elif core_key == "ord":
            raw = m.group("ord").lower()
            value = float(ORDINALS[raw]) if raw in ORDINALS else _num(raw[:-2])
            mods.append("ordinal")
            singular_ok = True
        if ranged:
            value = None
            hedge = "between"
        core_end = ce
        if core_key == "frac":
            # "a third of the migrants": the thing divided is what follows "of (the)".
            mo = re.match(r"\s+of\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+)?", text[ce:end])
            p = ce + (mo.end() if mo else 0)
            fmods, head, hend, _ = _scan_noun(text, p, end, True)
            if head:
                measure = noun_lemma(head)
                mods.extend(fmods)
                ce = hend
        elif kind == "figure":
            p = ce
            if core_key in ("vague", "wnum", "dnum", "cur") or unit in ("%",):
                # "thousands of migrants", "$300 million in aid", "25% of voters"
                mo = _OF_RE.match(text, ce, end)
                if mo is not None and (core_key == "vague" or unit is not None or m.group("dscale")):
                    if mo.group(1) == "of" or core_key == "cur":
                        p = mo.end()
            fmods, head, hend, _ = _scan_noun(text, p, end, singular_ok or value == 1)
            if head is not None:
                lemma = noun_lemma(head)
                if lemma in _CURRENCY_NOUNS and unit is None:
                    unit = _CURRENCY_NOUNS[lemma]
                elif unit in ("%", "$", "€", "£", "¥", "A$", "C$", "NZ$", "HK$") or (
                    unit is not None and core_key == "cn"
                ):
                    measure = lemma
                else:
                    unit = lemma
                mods.extend(fmods)
                ce = hend
            elif fmods:
                mods.extend(fmods)
                ce = hend if hend > ce else ce
                needs_unit = "more" in [f.lower() for f in fmods]
            elif unit is None and core_key in ("dnum", "wnum") and value is not None:
                # "in 2021"-like bare numbers were masked; a bare small number without a noun
                # ("aged 45", "won 3-1") is too weak to be a counted figure.
                nxt = text[ce : ce + 12].lower()
                if not any(
                    nxt.lstrip().startswith(u) for u in ("of ", "in ", "were ", "are ", "have ", "had ")
                ):
                    if core_key == "wnum":
                        continue
            if core_key == "ord" and head is None:
                continue
        value_text = text[fig_start:core_end].strip()
        if core_key == "ord":
            value_text = m.group("ord")
        out.append(
            Figure(
                kind=kind,
                start=fig_start,
                end=ce,
                value_text=value_text,
                value_num=value,
                hedge=hedge if hedge not in _MOD_HEDGES else None,
                unit=unit,
                measured=measure,
                modifiers=mods,
                core_start=cs,
                core_end=core_end,
                needs_unit=needs_unit,
            )
        )
    return out
