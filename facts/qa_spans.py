"""Reading one stored sentence for answering: its words as match keys, and the spans that can
answer a question (figures with their counted noun, times, places, names, attributions, reasons).

Works on the sentence text alone so that answers stay grounded in what the sentence says, and
uses the stored facts (when extraction found them) for corrections and retractions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise

from facts import qa_lexicon as lx

WORD_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S.
    r"|\$?\d+(?:[.,]\d+)*%?"  # 1,500  $5  25%
    r"|[A-Za-z\u00C0-\u024F0-9]+(?:[’'\-][A-Za-z\u00C0-\u024F0-9]+)*"
)


@dataclass(frozen=True)
class Tok:
    text: str  # as written
    low: str  # lower-cased, phrase-merged form
    start: int
    end: int
    keys: frozenset[str]
    cap: bool  # written with a capital and not the first word


# first words of the multi-word names in lx.PHRASES: a phrase is only looked up from one of them
_PHRASE_FIRST = frozenset(p.split()[0] for p in lx.PHRASES if " " in p)


def _merge_phrases(raw: list[tuple[str, int, int]]) -> list[tuple[str, str, int, int]]:
    """Join multi-word names ("United States") into one token with a canonical form."""
    out: list[tuple[str, str, int, int]] = []
    i = 0
    while i < len(raw):
        matched = False
        for n in (3, 2) if raw[i][0].lower() in _PHRASE_FIRST else ():
            if i + n <= len(raw):
                phrase = " ".join(t[0].lower() for t in raw[i : i + n])
                if phrase in lx.PHRASES:
                    out.append(
                        (
                            " ".join(t[0] for t in raw[i : i + n]),
                            lx.PHRASES[phrase],
                            raw[i][1],
                            raw[i + n - 1][2],
                        )
                    )
                    i += n
                    matched = True
                    break
        if not matched:
            t = raw[i]
            low = t[0].lower().replace("’", "'")
            if low.endswith("'s"):
                low = low[:-2]
            low = lx.PHRASES.get(low, low)
            out.append((t[0], low, t[1], t[2]))
            i += 1
    return out


def tokenize(text: str, *, question: bool = False) -> list[Tok]:
    raw = [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]
    toks: list[Tok] = []
    merged = _merge_phrases(raw)
    for i, (surface, low, s, e) in enumerate(merged):
        keys = lx.token_keys(low)  # shared (cached): copied before any change
        if low == "us":
            # "US" the country, not "us" the pronoun: in articles only when written in capitals.
            prev = merged[i - 1][1] if i else ""
            if surface in ("US", "U.S") or (
                question and prev not in ("tell", "give", "show", "let", "help", "for", "to", "with")
            ):
                keys = keys | {"@usa"}
            else:
                keys = keys - {"@usa"}
        if low in ("usa", "u.s."):
            keys = keys | {"@usa"}
        cap = i > 0 and surface[:1].isupper()
        toks.append(Tok(surface, low, s, e, keys, cap))
    for i, tok in enumerate(toks):
        extra: set[str] = set()
        if tok.low in _IDIOM_FIRST or tok.keys & _IDIOM_FIRST:
            found = idiom_at(toks, i)
            if found:
                extra.add(found[0])
        for lemma in tok.keys & _SENSE_WORDS:
            if lemma in lx.SENSES:
                key, blocked = lx.SENSES[lemma]
                if i + 1 == len(toks) or toks[i + 1].low not in blocked:
                    extra.add(key)
            else:
                extra.add(lx.SENSE_BACK[lemma])
        if extra:
            toks[i] = Tok(tok.text, tok.low, tok.start, tok.end, tok.keys | extra, tok.cap)
    return toks


_SENSE_WORDS = frozenset(lx.SENSES) | frozenset(lx.SENSE_BACK)


# first lemmas of lx.IDIOMS, so a token starts an idiom look-up only from one of them
_IDIOM_FIRST = frozenset(k[0] for k in lx.IDIOMS)


def idiom_at(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """The verb an idiom starting at toks[i] says and the idiom's length in words ("came off the
    rails" -> ("derail", 4)), or None."""
    for idiom, verb in lx.IDIOMS.items():
        n = len(idiom)
        if i + n <= len(toks) and idiom[0] in toks[i].keys:
            if all(toks[i + k].low == w or w in toks[i + k].keys for k, w in enumerate(idiom[1:], 1)):
                return verb, n
    return None


# ---- figures ---------------------------------------------------------------------------------

_NUM_RE = re.compile(r"^\$?\d+(?:,\d{3})*(?:\.\d+)?%?$|^\$?\d+(?:\.\d+)?%?$")
_STOP_UNIT = frozenset(
    """of to in on at from by for with into onto over under after before since as than and or but
    that which who whom whose were was are is be been have has had will would could should may might
    can must do does did each per a an the this these those their his her its our there here
    so far more less""".split()
)
_MOD_WORDS = frozenset("more additional new other extra further fewer".split())
_PREP_AFTER = frozenset("of".split())


@dataclass
class Figure:
    start: int  # offsets within the sentence
    end: int
    value_text: str  # number as written with its hedge: "about 80", "more than 5,000"
    value_num: float | None
    number_text: str
    hedge: str | None
    unit: str | None  # lemma of the counted noun ("migrant"), "%" or "$"
    unit_text: str | None
    kind: str  # "count" | "money" | "percent" | "vague"
    modifiers: list[str] = field(default_factory=list)
    phrase: str = ""  # the figure phrase as written: "1,500 additional US troops"
    fact_id: int | None = None
    status: str = "extracted"
    corrected_from: str | None = None
    rate_noun: str | None = None  # for percentages: the noun measured ("duty")
    inherited: bool = False  # the counted noun was taken from another figure of the sentence
    # a compound modifier's noun: "a 52,000-seat stadium" counts seats (unit) of a stadium (holder)
    holder: str | None = None


def _num_value(text: str) -> float | None:
    t = text.replace("$", "").replace("%", "").replace(",", "")
    try:
        return float(t)
    except ValueError:
        return lx.NUMBER_WORDS.get(text.lower()) or _compound_number(text.lower())


def _compound_number(low: str) -> float | None:
    """ "thirty-one", "Forty-five": a tens word and a units word joined by a hyphen."""
    parts = low.split("-")
    if len(parts) != 2:
        return None
    tens, units = lx.NUMBER_WORDS.get(parts[0]), lx.NUMBER_WORDS.get(parts[1])
    if tens is None or units is None or not (20 <= tens <= 90 and tens % 10 == 0 and 1 <= units <= 9):
        return None
    return tens + units


def _currency_at(toks: list[Tok], j: int, scaled: bool) -> bool:
    """A currency word right after an amount; "pounds" only when it reads as money ("42 million
    pounds", "180,000 pounds a week"), not as a weight ("20 pounds of explosives")."""
    if j >= len(toks) or toks[j].low not in lx.CURRENCY_WORDS:
        return False
    if toks[j].low not in lx.AMBIGUOUS_CURRENCY:
        return True
    after = " ".join(t.low for t in toks[j + 1 : j + 3])
    # "was fined 300,000 pounds", "paid 5,000 pounds": a verb of money before the amount
    paid = any(t.low in _MONEY_BEFORE for t in toks[max(0, j - 4) : j - 1])
    return not after.startswith("of") and (
        scaled or paid or bool(re.match(r"(?:a|an|per|each)\s+(?:week|month|year|season|day)\b", after))
    )


_MONEY_BEFORE = frozenset(
    "fined paid pay pays cost costs worth owes owed earned earns awarded raised spent repay repaid fee".split()
)


def _is_year(tok: Tok, prev: Tok | None) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d{2}", tok.text)) and (prev is None or prev.low not in ("$",))


def _noun_like(tok: Tok) -> bool:
    tags = lx.pos_tags(tok.low)
    return "NOUN" in tags or "PROPN" in tags or not tags or tok.text[:1].isupper()


def _verb_only(tok: Tok) -> bool:
    tags = lx.pos_tags(tok.low)
    return bool(tags) and tags <= {"VERB", "AUX", "ADV"}


def _one_person(toks: list[Tok], i: int) -> bool:
    """ "One man died", "one officer was hurt": "one" counts when a person noun follows it (not
    "one of", "one day", "the one who")."""
    if i + 1 >= len(toks) or not (lx.lemmas(toks[i + 1].low) & lx.PERSON_NOUNS):
        return False
    return i == 0 or toks[i - 1].low not in ("the", "this", "that", "each", "every", "any", "no", "which")


def _holder_noun(after: list[Tok], text: str) -> Tok | None:
    """The noun a compound modifier describes: the last of the run of words that follow it
    ("a five-year contract", "a 52,000-seat football stadium"), up to a function word."""
    head = None
    prev_end = None
    for w in after:
        if prev_end is not None and text[prev_end : w.start].strip():
            break
        if w.low in _STOP_UNIT or _NUM_RE.match(w.text) or _verb_only(w):
            break
        head = w
        prev_end = w.end
    return head


_WORD_COMPOUND = re.compile(r"^([a-z]+)-([a-z]+)$")


def _word_number_compound(t: Tok, after: list[Tok], text: str) -> Figure | None:
    """ "a five-year contract", "a two-day strike": a number word joined to the noun it counts,
    describing the noun after it."""
    m = _WORD_COMPOUND.match(t.low)
    if not m or m.group(1) not in lx.NUMBER_WORDS or m.group(1) in lx.VAGUE_NUMBER_WORDS:
        return None
    unit_word = m.group(2)
    if not lx.pos_tags(unit_word) & {"NOUN"}:
        return None
    head = _holder_noun(after, text)
    if head is None:
        return None
    number = t.text.split("-")[0]
    lem = sorted(lx.lemmas(unit_word), key=len)
    return Figure(
        start=t.start,
        end=head.end,
        value_text=number,
        value_num=lx.NUMBER_WORDS.get(m.group(1)),
        number_text=number,
        hedge=None,
        unit=lem[0] if lem else unit_word,
        unit_text=t.text[len(number) + 1 :],
        kind="count",
        phrase=text[t.start : head.end],
        holder=head.low,
    )


def find_figures(text: str, toks: list[Tok] | None = None) -> list[Figure]:
    toks = toks if toks is not None else tokenize(text)
    figs: list[Figure] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        prev = toks[i - 1] if i else None
        is_digit = bool(_NUM_RE.match(t.text))
        compound = _word_number_compound(t, toks[i + 1 : i + 5], text)
        if compound is not None:
            figs.append(compound)
            i += 1
            continue
        word_num = (
            (t.low in lx.NUMBER_WORDS or _compound_number(t.low) is not None)
            and (t.low not in ("both", "one") or _one_person(toks, i))
            and not (t.low == "hundred" and prev is not None and prev.low in lx.NUMBER_WORDS)
        )
        if not (is_digit or word_num):
            i += 1
            continue
        # dates and times are not figures
        if (
            is_digit
            and prev is not None
            and (prev.low[:3] in lx.MONTH_ABBR and prev.low.rstrip(".") in lx.MONTHS + tuple(lx.MONTH_ABBR))
        ):
            i += 1
            continue
        if is_digit and _is_year(t, prev) and not t.text.startswith("$"):
            i += 1
            continue
        if (
            is_digit
            and i + 1 < n
            and toks[i + 1].low[:3] in lx.MONTH_ABBR
            and toks[i + 1].low.rstrip(".") in lx.MONTHS
        ):
            i += 1
            continue
        if is_digit and text[t.end : t.end + 1] == ":":
            i += 1
            continue
        start_i, end_i = i, i
        kind = "vague" if t.low in lx.VAGUE_NUMBER_WORDS else "count"
        number_text = t.text
        if t.text.startswith("$") or (prev is not None and prev.text in ("$", "US$")):
            kind = "money"
        # "tens of thousands", "1.5 million", "two dozen"
        j = i + 1
        while j < n and toks[j].low in lx.SCALE_WORDS or (j < n and toks[j].low == "dozen"):
            end_i = j
            j += 1
        if t.low in ("hundreds", "tens") and (
            j + 1 < n and toks[j].low == "of" and toks[j + 1].low in ("thousands", "millions")
        ):
            end_i = j + 1
            kind = "vague"
            j += 2
        number_text = text[toks[start_i].start : toks[end_i].end]
        if t.text.endswith("%") or (j < n and toks[j].low in ("percent", "per")):
            kind = "percent"
            if j < n and toks[j].low == "per" and j + 1 < n and toks[j + 1].low == "cent":
                end_i = j + 1
                j += 2
            elif j < n and toks[j].low == "percent":
                end_i = j
                j += 1
            number_text = text[toks[start_i].start : toks[end_i].end]
        # currency words after the number
        if _currency_at(toks, j, end_i > start_i):
            kind = "money"
        # hedge before the number
        hedge = None
        h_start = toks[start_i].start
        before = text[max(0, h_start - 24) : h_start].lower()
        for h in sorted(lx.HEDGES, key=len, reverse=True):
            if re.search(r"(?:^|\W)" + re.escape(h) + r"\s+\$?$", before):
                hedge = h
                h_start = h_start - len(before) + before.rfind(h)
                break
        # counted noun after the number (skipping adjectives/proper nouns), or "of (the) NOUN"
        modifiers: list[str] = []
        unit_tok: Tok | None = None
        k = j
        steps = 0
        # "a 52,000-seat stadium", "a 20-year lease": the word joined to the number is what it
        # counts; the noun after it is what has that many
        holder_at: int | None = None
        if (
            k < n
            and text[toks[k - 1].end : toks[k].start] == "-"
            and toks[k].low not in _STOP_UNIT
            and not _NUM_RE.match(toks[k].text)
            and kind in ("count", "money")
            and "-" not in toks[k].low
            and "NOUN" in lx.pos_tags(toks[k].low)
        ):
            unit_tok = toks[k]
            holder_at = k + 1
            k = n  # nothing more to scan
        while k < n and steps < 5:
            w = toks[k]
            if text[toks[k - 1].end : w.start].strip(" ") not in ("", "-"):  # punctuation between
                break
            if w.low in _MOD_WORDS and unit_tok is None:
                modifiers.append(w.text)
                k += 1
                steps += 1
                continue
            if w.low in _STOP_UNIT or _NUM_RE.match(w.text):
                if w.low == "of" and unit_tok is None and kind in ("vague", "count"):
                    k += 1
                    if k < n and toks[k].low in ("the", "these", "those", "their", "them"):
                        k += 1
                    steps += 1
                    continue
                break
            if unit_tok is not None and _verb_only(w):
                break
            if (
                unit_tok is not None
                and unit_tok.low.endswith("s")
                and unit_tok.low[:-1] in lx.lemmas(unit_tok.low)
                and "VERB" in lx.pos_tags(w.low)
                and not w.low.endswith("s")
            ):
                break  # "62 wagons left the track": a plural noun's verb, not a longer noun
            if unit_tok is None and _verb_only(w) and not w.low.endswith("ed"):
                break
            if _noun_like(w) or w.low.endswith("ed"):
                if unit_tok is not None:
                    modifiers.append(unit_tok.text)
                unit_tok = w
            else:
                modifiers.append(w.text)
            k += 1
            steps += 1
        # a trailing adjective is not a noun: "80 similar" -> keep scanning result as is
        unit = None
        unit_text = None
        rate_noun = None
        end_char = toks[end_i].end
        if unit_tok is not None and not _verb_only(unit_tok):
            unit_text = unit_tok.text
            lem = sorted(lx.lemmas(unit_tok.low), key=len)
            noun_lemmas = lx.getAllLemmas(unit_tok.low).get("NOUN") if hasattr(lx, "getAllLemmas") else None
            unit = noun_lemmas[0].lower() if noun_lemmas else lem[0]
            end_char = unit_tok.end
            if unit_tok.low in lx.CURRENCY_WORDS and _currency_at(toks, k - 1, end_i > start_i):
                kind = "money"
        else:
            modifiers = [m for m in modifiers if m.lower() in _MOD_WORDS]
        holder = None
        if holder_at is not None:
            head = _holder_noun(toks[holder_at : holder_at + 4], text)
            if head is not None:
                holder = head.low
                end_char = head.end
        if kind == "percent":
            rate_noun = unit
            unit = "%"
        if kind == "money":
            unit = (
                "$"
                if "$" in number_text or (prev is not None and prev.text in ("$", "US$"))
                else (unit or "$")
            )
        phrase_start = h_start if hedge else toks[start_i].start
        if prev is not None and prev.text in ("$", "US$") and kind == "money":
            phrase_start = min(phrase_start, prev.start)
        # Ordinals ("a third flight") are excluded above by the word lists; skip "one of".
        value_text = (hedge + " " if hedge else "") + number_text
        figs.append(
            Figure(
                start=phrase_start,
                end=end_char,
                value_text=value_text,
                value_num=_num_value(t.text) if kind != "vague" else _num_value(t.low),
                number_text=number_text,
                hedge=hedge,
                unit=unit,
                unit_text=unit_text,
                kind=kind,
                modifiers=[m for m in modifiers],
                phrase=text[phrase_start:end_char],
                rate_noun=rate_noun,
                holder=holder,
            )
        )
        i = max(end_i + 1, i + 1)
    # "the number of confirmed cases had risen to 19", "raised its count of confirmed cases to 23":
    # a bare number that a count is said to stand at counts that count's own noun
    for f in figs:
        if f.unit is None and f.kind == "count":
            noun = _count_of_noun(text, f.start, toks)
            if noun is not None:
                lem = sorted(lx.lemmas(noun.low), key=len)
                f.unit = lem[0] if lem else noun.low
                f.inherited = True
    # "put the death toll at 31", "bringing the death toll to 27": a death toll counts people
    # (before the rule below, which would give it the noun of "eight more bodies")
    for f in figs:
        if f.unit is None and f.kind == "count" and counts_death_toll(text, f.start):
            f.unit = "people"
            f.inherited = True
    # "bringing the total to about 2,500": a bare number counts what the sentence's other figure counts
    for f in figs:
        if f.unit is None and f.kind == "count":
            others = [g for g in figs if g is not f and g.unit and g.kind in ("count", "vague")]
            if others and re.search(
                r"\b(?:to|at|total|number|tally|count|of|reached|reaching|now)\s*(?:about|around|roughly|nearly|almost|more than|some|over|at least)?\s*$"
                # "killing 140 people and injuring more than 900": the noun is left out the second time
                r"|\b(?:and|while)\s+[a-z]{3,}(?:ing|ed)\s*(?:about|around|roughly|nearly|almost|more than|some|over|at least)?\s*$",
                text[: f.start],
            ):
                nearest = min(others, key=lambda g: abs(g.start - f.start))
                f.unit = nearest.unit
                f.inherited = True
    _partitives(text, figs)
    # "thousands more could deploy": a unit-less "more" figure counts what the previous one counts
    for a, b in pairwise(figs):
        if (
            b.unit is None
            and a.unit is not None
            and a.kind in ("count", "vague")
            and b.kind in ("count", "vague")
        ):
            if re.match(r"\s*more\b", text[b.end :]) or "more" in [m.lower() for m in b.modifiers]:
                b.unit = a.unit
                b.unit_text = None
                if not b.phrase.lower().endswith("more"):
                    m = re.match(r"\s*more\b", text[b.end :])
                    if m:
                        b.end += m.end()
                        b.phrase = text[b.start : b.end]
    for f in figs:
        _speed(text, f)
    return figs


_DISTANCE_UNITS = frozenset("km kilometre kilometer mile metre meter".split())
_PER_HOUR = re.compile(r"/h\b|\s+(?:per|an|a)\s+hour\b", re.I)


def _speed(text: str, f: Figure) -> None:
    """ "70 km/h", "130 kilometres per hour", "60 miles an hour": a speed, not a distance."""
    if f.kind != "count" or (f.unit or "").lower() not in _DISTANCE_UNITS or f.holder is not None:
        return
    m = _PER_HOUR.match(text, f.end)
    if m:
        f.end = m.end()
        f.phrase = text[f.start : f.end]
        f.unit = "speed"
        f.unit_text = f.phrase[len(f.value_text or "") :].strip() if f.value_text else None


_COUNT_OF = re.compile(r"\b(?:number|count|tally|total)\s+of\s+(?:(?:the|its|their|all)\s+)?", re.I)
# An optional hedge between "stands at" / "rose to" and the number itself.
_HEDGE_AHEAD = r"(?:(?:about|around|roughly|nearly|almost|more\s+than|some|over|at\s+least)\s+)?"
_STANDS_AT = re.compile(r"\b(?:to|at|reached|reaching|now)\s+" + _HEDGE_AHEAD + "$", re.I)


_TOLL_AT = re.compile(
    r"\bdeath\s+toll\b[^,;:.\d]{0,60}?\b(?:to|at|reached|reaching|hit|now|is|was|stands|stood)\s+"
    + _HEDGE_AHEAD
    + "$",
    re.I,
)


def counts_death_toll(text: str, start: int) -> bool:
    """The number at `start` is what a death toll rose to or stands at, in its own clause."""
    return bool(_TOLL_AT.search(text[:start]))


def _count_of_noun(text: str, at: int, toks: list[Tok]) -> Tok | None:
    """The noun of "the number of confirmed cases" when the bare figure at `at` is what that
    number went to or stands at, within one clause ("..., down to 22")."""
    before = text[:at]
    if not _STANDS_AT.search(before):
        return None
    stop = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
    last = None
    for m in _COUNT_OF.finditer(before, stop + 1):
        last = m
    if last is None:
        return None
    noun = None
    for tok in toks:
        if tok.start < last.end():
            continue
        if tok.start >= at or tok.low in _STOP_UNIT or _NUM_RE.match(tok.text):
            break
        tags = lx.pos_tags(tok.low)
        if noun is not None and tags & {"ADV", "ADP"}:
            break  # "the number of confirmed cases down to 22"
        if "NOUN" in tags or not tags:
            noun = tok
        elif not (tok.low.endswith("ed") or "ADJ" in tags):
            break
    return noun


_PARTITIVE_OF = re.compile(
    r"\s+of\s+(?:(?:the|its|their|these|those|his|her)\s+)?(?:[\w’'\-]+\s+){0,2}?[\w’'\-]+(?:’s|'s)\s+"
    r"|\s+of\s+(?:the|its|their|these|those|his|her)\s+",
    re.I,
)
_LEADING_OF = re.compile(r"^\W*of\s+(?:the|its|their|these|those)\s+$", re.I)
_AGE_AFTER = re.compile(r"^(?:-|\s)years?(?:-|\s)old\b", re.I)


def _partitives(text: str, figs: list[Figure]) -> None:
    """Figures that count out of a whole: "About 47,000 of the roughly 52,000 packs" and "Eleven
    of the train's 62 wagons" count packs and wagons; after "Of the 19 cases, eight are in ...,
    seven in ..." each bare number counts cases. An age ("an 81-year-old man") counts no one."""
    for f in figs:
        if f.kind == "count" and _AGE_AFTER.match(text[f.start + len(f.value_text) :]):
            f.kind = "age"
            f.unit = None
            f.unit_text = None
    for f in figs:
        if f.kind not in ("count", "vague"):
            continue
        num_end = f.start + len(f.value_text)
        m = _PARTITIVE_OF.match(text, num_end)
        whole = next((g for g in figs if m and g.start == m.end() and g.unit), None) if m else None
        if whole is not None and f.value_text.lower() == text[f.start : num_end].lower():
            f.unit, f.unit_text, f.inherited = whole.unit, None, True
            f.end = num_end
            f.phrase = text[f.start : f.end]
    lead = next((g for g in figs if g.unit and _LEADING_OF.match(text[: g.start])), None)
    if lead is not None:
        for f in figs:
            if f.start > lead.end and f.unit is None and f.kind == "count":
                f.unit, f.inherited = lead.unit, True


# ---- times -----------------------------------------------------------------------------------

_WD = "|".join(lx.WEEKDAYS)
_MO = "|".join(lx.MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
TIME_RE = re.compile(
    rf"\b(?:(?:late|early|earlier|later)\s+)?(?:(?:on|by|until|from|since|last|this|next|before|after)\s+)?(?:(?:late|early)\s+)?(?:{_WD})(?:\s+(?:night|morning|afternoon|evening))?"
    rf"(?:,?\s+(?:{_MO})\.?\s+\d{{1,2}})?\b"
    rf"|\b(?:(?:on|by|until|from|since|before|after)\s+)?(?:{_MO})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b(?:(?:beginning|starting|from|by|until|in|since|early|late|mid|before|after)[\s-]+)?(?:(?:early|late|mid)[\s-]+)?(?:in\s+)?(?:{_MO})(?:\s+\d{{4}})?\b"
    rf"|\b(?:in|since|by|until|during|from)\s+(?:19|20)\d{{2}}\b"
    r"|\b(?:earlier|later)\s+(?:this|that|last|next)\s+(?:week|month|year)\b"
    r"|\b(?:last|this|next|that)\s+(?:week|month|year|weekend)\b"
    r"|\b(?:yesterday|today|tonight|tomorrow)\b"
    r"|\bwithin\s+(?:a|one|two|three|\d+)\s+(?:days?|weeks?|months?|hours?)\b"
    r"|\bin\s+(?:a|one|two|three|\d+)\s+(?:days?|weeks?|months?)\b"
    r"|\bfor\s+(?:(?:at least|about|up to|another|nearly|roughly|around|more than|at most)\s+)?(?:\d+|one|two|three|four|six|thirty|sixty|ninety|a|an)\s+(?:(?:more|additional|extra)\s+)?(?:days?|weeks?|months?|years?|hours?)\b"
    r"|\b(?:\d+|one|two|three|a)\s+(?:days?|weeks?|months?|hours?)\s+(?:later|earlier|ago|after|before)\b"
    r"|\bso far\b|\bsoon\b|\bimmediately\b|\bin the coming (?:days|weeks|months)\b"
    r"|\bin the past\b|\brecently\b|\bon (?:his|her|their) first day\b",
    re.I,
)
_STRONG_TIME = re.compile(
    rf"(?:{_WD}|{_MO}|\b(?:19|20)\d{{2}}\b|week|month|year|yesterday|today|tomorrow|tonight|day|hours?)", re.I
)


@dataclass
class TimeSpan:
    start: int
    end: int
    text: str
    resolved: date | None = None  # a weekday resolved against the article's date

    @property
    def duration(self) -> bool:
        """ "for 30 days", "within a week": how long, not when."""
        return bool(re.match(r"(?:for|within)\s", self.text, re.I))


def find_times(text: str, published: datetime | None = None) -> list[TimeSpan]:
    out: list[TimeSpan] = []
    for m in TIME_RE.finditer(text):
        s = m.group().strip()
        # "may" the verb is not May the month
        if re.fullmatch(r"(?:in\s+)?may", s, re.I) and not s.startswith("May"):
            continue
        if re.fullmatch(r"may", s, re.I) and not re.match(r"May\s+\d", text[m.start() :]):
            continue
        span = TimeSpan(m.start(), m.end(), s)
        span.resolved = resolve_weekday(s, published, text)
        out.append(span)
    return out


# a time of day: "4:40 a.m.", "at about 6 p.m.", "shortly after noon"
_CLOCK_RE = re.compile(
    r"\b(?:(?:at|by|until|after|before|around|shortly\s+(?:after|before))\s+)?(?:(?:about|around|roughly|approximately|just\s+(?:after|before))\s+)?"
    r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}\b|noon\b|midnight\b)",
    re.I,
)


def find_clock_times(text: str) -> list[TimeSpan]:
    """Times of day in a sentence, with the words that place the event at them ("at about")."""
    return [TimeSpan(m.start(), m.end(), m.group().strip()) for m in _CLOCK_RE.finditer(text)]


def resolve_weekday(phrase: str, published: datetime | None, sentence: str = "") -> date | None:
    """Date of "on Friday" in an article published on `published`: the latest such day on or
    before publication (the same day counts), or the next one when the phrase says "next"."""
    if published is None:
        return None
    m = re.search(rf"\b({_WD})\b", phrase, re.I)
    if not m or re.search(rf"\b(?:{_MO})\.?\s+\d", phrase, re.I):
        return None
    target = lx.WEEKDAYS.index(m.group(1).lower())
    day = published.date()
    if re.search(r"\bnext\b", phrase, re.I):
        delta = (target - day.weekday()) % 7 or 7
        return day + timedelta(days=delta)
    delta = (day.weekday() - target) % 7
    return day - timedelta(days=delta)


def strong_time(span: TimeSpan) -> bool:
    return bool(_STRONG_TIME.search(span.text))


# ---- places, names, attribution, reasons -----------------------------------------------------

_CAPSEQ = r"(?:[A-Z][\w’'\-.]*(?:\s+(?:de|del|la|of|the)\s+[A-Z][\w’'\-.]*|\s+[A-Z][\w’'\-.]*)*)"
PLACE_RE = re.compile(
    rf"\b(?:in|to|from|at|near|into|across|outside|inside|towards?|out of|via|over)\s+(?:the\s+)?({_CAPSEQ}(?:,\s+{_CAPSEQ})?(?:,?\s+and\s+{_CAPSEQ}(?:,\s+{_CAPSEQ})?)?)"
)
NAME_RE = re.compile(rf"{_CAPSEQ}")
_NOT_NAMES = frozenset(
    """The A An But And He She It They We I In On At This That These Those His Her Its Their There
    However Meanwhile When While After Before Since If Although As By For From Of To With Without
    Under Over Mr Mrs Ms Dr""".split()
)


def find_places(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in PLACE_RE.finditer(text):
        name = m.group(1).strip().rstrip(".,")
        words = name.split()
        if not words or words[0] in _NOT_NAMES or lx.PLACE_KEY.get(name.lower()) == "usa" and False:
            continue
        if any(w.lower().rstrip(".") in lx.MONTHS or w.lower() in lx.WEEKDAYS for w in words[:1]):
            continue
        out.append((m.start(1), m.start(1) + len(name), name))
    for m in re.finditer(r"[A-Za-z][\w.]*(?:\s+[A-Z]\w+)?", text):
        w = m.group()
        if lx.PLACE_KEY.get(w.lower()) and w[:1].isupper() and not any(s <= m.start() < e for s, e, _ in out):
            key = lx.PLACE_KEY[w.lower()]
            if w.lower() == key or w.lower() in ("united states", "us", "u.s."):
                out.append((m.start(), m.end(), w))
    out.sort()
    return out


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalised word runs that are not sentence-initial function words."""
    out = []
    for m in NAME_RE.finditer(text):
        name = m.group().rstrip(".,")
        words = name.split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        s = text.find(name, m.start())
        out.append((s, s + len(name), name))
    return out


_ATTR_VERBS = r"(?:said|says|told\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|told reporters|tells\s+[A-Z][\w.]*|added|confirmed|reported|wrote|announced|stated|noted|acknowledged|explained|warned|posted|according to)"
ATTR_END_RE = re.compile(
    rf"(?:,|[”\"])\s*((?:(?:a|an|the|one|two|three|several|some|many)\s+)?[^,;“”\"]{{2,90}}?)\s+({_ATTR_VERBS})(?:\s+on\s+\w+)?\s*\.?$"
)
ATTR_END_INV_RE = re.compile(
    r"(?:,|[”\"])\s*(said|says|added|wrote|told reporters)\s+([^,;“”\"]{2,90}?)"
    # the speaker's description after the name: ", a volunteer at a shelter", ", who runs ..."
    r"(?:,\s+(?:a|an|the|who|whose|one|head|director|chief|spokesperson|spokesman|spokeswoman)\b[^“”\"]*)?\s*\.?$"
)
ACCORDING_RE = re.compile(r"\baccording to\s+([^,;.“”]+)")
ATTR_START_RE = re.compile(
    r"^((?:[A-Z][\w’'.\-]*|the|a|an|one|two|three)(?:\s+[\w’'.\-]+){0,8}?)\s+(?:has\s+|have\s+|had\s+)?"
    # not a said-word describing a noun ("the number of confirmed cases")
    r"(?<!\bof\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)"
    r"(said|says|told\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|told reporters|announced|confirmed|reported|warned|stated|wrote)\b(?:\s+on\s+\w+)?(?:\s+that)?"
)
# "Pellan's lawyer, Dora Fenwick, said ...": a description, the name in commas, then the verb
ATTR_APPOS_RE = re.compile(
    r"^((?:[A-Z][\w’'.\-]*|the|a|an)(?:\s+[\w’'.\-]+){0,5}),\s+([A-Z][\w’'.\-]+(?:\s+[A-Z][\w’'.\-]+){0,3}),\s+"
    r"(?:has\s+|have\s+|had\s+)?(said|says|told\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|told reporters|announced|confirmed|warned|stated|wrote)\b"
)
# "Local broadcaster Canal Norte, citing hospital officials, put the death toll at more than 200":
# the subject gives the figure on the word of those it cites
ATTR_CITING_RE = re.compile(
    r"^((?:[A-Z][\w’'.\-]*|the|a|an)(?:\s+[\w’'.\-]+){0,7}?),\s+(citing\s+[^,;“”\"]{2,80}),\s+"
    r"(put|puts|said|says|reported|reports|estimated|estimates|gave|gives|placed|places)\b"
)
# an inverted attribution names a speaker, not a clause: ", said her client would appeal" is not one
_NOT_SPEAKER = re.compile(
    r"^(?:her|his|their|its|our|my|he|she|they|it|we|i|you|that|this|there)\b|"
    r"\b(?:would|will|could|should|might|must|can|had|has|have|was|were|is|are|did|does|do)\b",
    re.I,
)

REPORTED_BY_RE = re.compile(
    r"\b((?:first\s+)?(?:reported|revealed|disclosed|announced|confirmed)\s+by)\s+((?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*)*)"
)
FIRST_TO_REPORT_RE = re.compile(
    r"((?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*)*)\s+(?:was|were|had been)\s+(?:the\s+)?first\s+to\s+(report|reveal|break|disclose|publish)"
)


@dataclass
class Attribution:
    phrase: str  # as written: "a US official and a Mexican official told Reuters"
    who: str  # "a US official and a Mexican official"
    verb: str


def find_attribution(text: str) -> Attribution | None:
    t = text.strip()
    m = ATTR_END_RE.search(t)
    if m and not re.search(r"\b(?:which|that|who)\b", m.group(1)):
        who = m.group(1).strip()
        phrase = t[m.start(1) : m.end(2)].strip().rstrip(".")
        return Attribution(phrase=phrase, who=who, verb=m.group(2).split()[0].lower())
    m = ATTR_END_INV_RE.search(t)
    if m and not _NOT_SPEAKER.search(m.group(2)):
        return Attribution(
            phrase=f"{m.group(1)} {m.group(2)}", who=m.group(2).strip(), verb=m.group(1).split()[0].lower()
        )
    m = ACCORDING_RE.search(t)
    if m:
        return Attribution(
            phrase=f"according to {m.group(1).strip()}", who=m.group(1).strip(), verb="according"
        )
    m = ATTR_APPOS_RE.search(t)
    if m:
        who = f"{m.group(1)}, {m.group(2)}"
        return Attribution(phrase=f"{who}, {m.group(3)}", who=who, verb=m.group(3).split()[0].lower())
    m = ATTR_CITING_RE.search(t)
    if m:
        who = m.group(1).strip()
        # the verb is the subject's own ("put the toll at"); who it cites is kept with the name
        return Attribution(phrase=f"{who}, {m.group(2).strip()}", who=who, verb="said")
    m = ATTR_START_RE.search(t)
    if m and not m.group(1).lower().startswith(("it ", "this ", "that ")):
        who = m.group(1).strip()
        phrase = re.sub(r"\s+that$", "", m.group(0).strip())
        return Attribution(phrase=phrase, who=who, verb=m.group(2).split()[0].lower())
    return None


def find_reported_by(text: str) -> tuple[str, str] | None:
    """("first reported by", "the Coast Ledger") for "..., which was first reported by the Coast
    Ledger" or "The Coast Ledger was the first to report ..."."""
    m = REPORTED_BY_RE.search(text)
    if m:
        return m.group(1), m.group(2)
    m = FIRST_TO_REPORT_RE.search(text)
    if m:
        return f"first {m.group(2)}ed by", m.group(1)
    return None


_NO_REASON = [re.compile(p, re.I) for p in lx.NO_REASON_PATTERNS]
_REASON = [re.compile(p, re.I) for p in lx.REASON_MARKERS]
_STRONG_REASON = [re.compile(p, re.I) for p in lx.REASON_MARKERS[:12]]


@lru_cache(maxsize=4096)
def says_no_reason(text: str) -> bool:
    return any(p.search(text) for p in _NO_REASON)


@lru_cache(maxsize=8192)
def reason_marker(text: str, strong_only: bool = False) -> re.Match[str] | None:
    for p in _STRONG_REASON if strong_only else _REASON:
        m = p.search(text)
        if m:
            return m
    return None


# ---- one sentence, read once ------------------------------------------------------------------


@dataclass
class Reading:
    text: str
    toks: list[Tok]
    keys: frozenset[str]
    _figures: list[Figure] | None = None

    @property
    def figures(self) -> list[Figure]:
        """The sentence's figures, found on first use: most sentences a search returns are
        scored on their words alone and never read for a figure."""
        if self._figures is None:
            self._figures = find_figures(self.text, self.toks)
        return self._figures


@lru_cache(maxsize=4096)
def read(text: str) -> Reading:
    toks = tokenize(text)
    keys: set[str] = set()
    for t in toks:
        keys |= t.keys
    return Reading(text=text, toks=toks, keys=frozenset(keys))
