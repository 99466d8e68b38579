"""Sentence splitting and tokenising for news English, with spans into the article body.

A boundary is sentence-final punctuation (plus closing quotes/brackets) followed by white space
and something that can start a sentence, unless the word before the full stop is an
abbreviation ("Mr.", "Gen.", "Jan.", "No.") or an initial. A blank line always ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import sub
from typing import NamedTuple

from facts.types import SentenceInfo

# "WASHINGTON (Reuters) -", "MEXICO CITY, Jan 24 (Reuters) -", "LONDON (AP) —", "WASHINGTON —".
DATELINE_RE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'’\- ]{1,40}?[A-Z.])"
    r"(?:,\s*(?:[A-Z][A-Za-z.]+\.?\s*){1,2}(?:\d{1,2})?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&'’-]{0,40})\)\s*)?"
    r"(?:[-–—]+|:)\s+"
)

# Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
_NEVER_FINAL = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cmdr adm sen rep gov rev st jr sr no nos vs v
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft fig approx dept est univ gens reps sens
    messrs corp inc co ltd calif tex fla ariz ill mass mich minn penn wash wis conn colo ga ky la md
    mo neb nev okla ore pa tenn va ala ark kan miss mont""".split()
)
# Multi-dot abbreviations that can also end a sentence ("... in the U.S. The next ...").
_WORDS_AFTER_MULTI_DOT = frozenset(
    """The A An But And He She It They We I In On At This That These Those His Her Its Their There
    However Meanwhile Still Yet So Some Many Most Officials Authorities Police If When While After
    Before Since Although Asked Last Earlier Later""".split()
)

# Written "[.!?][.!?]*" rather than "[.!?]+": a pattern that opens with a plain character class
# lets the regex engine skip ahead to the next candidate character instead of trying every position.
_BOUNDARY_RE = re.compile(r"""[.!?][.!?]*[”"’'»)\]]*(?=\s+[“"‘'«(\[]?[A-Z0-9])""")
_PARA_RE = re.compile(r"\n[ \t]*\n\s*")
# Matched on reversed text: the run of letters and dots that ends at a full stop.
_WORD_BEFORE_REV_RE = re.compile(r"[A-Za-z.]*")
_NEXT_WORD_RE = re.compile(r"[“\"‘'(]?([A-Za-z0-9]+)")
_TITLES_BEFORE_NAMES = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cmdr adm sen rep gov rev st".split()
)

# Tokens: abbreviations with dots (U.S., Gen., Jan.), initials, numbers with grouping/decimals,
# words with inner apostrophes/hyphens, currency symbols, and single punctuation marks. A full
# stop stays on a dotted abbreviation ("Gen.", "Jan.") or an initial ("F.") and is its own token
# otherwise: the abbreviations are an alternative of their own (every letter as [Xx], so the
# test is exactly `word.lower() in _NEVER_FINAL`), tried before the plain word, which never
# takes a dot. That decides it inside the regex instead of re-splitting tokens afterwards.
_LETTER = "A-Za-z\u00c0-\u024f"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else re.escape(c) for c in word)


_ABBREV_MAX = max(map(len, _NEVER_FINAL))
_ABBREV_ALT = "|".join(_any_case(w) for w in sorted(_NEVER_FINAL, key=lambda w: (-len(w), w)) if len(w) > 1)
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?"
    # The lookahead keeps the long abbreviation alternation from being tried on every word.
    r"|(?=[A-Za-z]{2," + str(_ABBREV_MAX) + r"}\.)(?:" + _ABBREV_ALT + r")\."
    r"|[" + _LETTER + r"]\."
    r"|[" + _LETTER + r"]+(?:[’'\-][" + _LETTER + r"0-9]+)*"
    r"|[$€£¥%]"
    r"|\S"
)
# The same with the white space before each token: `findall` then gives pieces that tile the
# sentence, so token offsets come from running sums of their lengths without a Match object
# per token (most of the tokenising cost).
# Two shortcuts go first, each matching only where none of TOKEN_RE's earlier alternatives can,
# so the tokens are the same: a punctuation mark (no letter, digit, currency sign or %: only
# `\S` takes it) and a word not followed by a full stop (the dotted alternatives all need one;
# the possessive `++` keeps it from backing off to a shorter word).
_PIECE_RE = re.compile(
    r"\s*(?:[^\s\d" + _LETTER + r"$€£¥%]"
    r"|[" + _LETTER + r"]++(?!\.)(?:[’'\-][" + _LETTER + r"0-9]+)*"
    r"|" + TOKEN_RE.pattern + ")"
)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str  # text.lower(), computed once: the heuristics compare lower-case words constantly


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline at the start of the body, or of its second paragraph after a headline line."""
    m = _dateline_at(text, 0)
    if m is None:
        p = _PARA_RE.search(text)
        if p is not None and p.start() < 240 and not text[: p.start()].rstrip().endswith((".", "”", '"')):
            m = _dateline_at(text, p.end())
    return m


def _dateline_at(text: str, pos: int) -> re.Match[str] | None:
    m = DATELINE_RE.match(text, pos)
    if m is None:
        return None
    place = m.group("place").strip()
    # A real dateline place is written in capitals; avoid eating an all-caps headline word
    # run only when there is also an agency or a dash right after.
    if not place.isupper() or len(place.replace(" ", "")) < 3 or min(len(w) for w in place.split()) < 2:
        return None
    return m


def _word_before_stop(text: str, lo: int, stop: int) -> str:
    r"""The word before the full stop at `stop`, or "": what searching `([A-Za-z][A-Za-z.]*)\.\Z`
    in text[lo:stop + 1] finds, read back from the stop instead of trying the regex at every offset."""
    if text[stop : stop + 1] != ".":
        return ""
    run = _WORD_BEFORE_REV_RE.match(text[lo:stop][::-1])
    assert run is not None  # a starred pattern always matches
    return text[stop - run.end() : stop].lstrip(".")


def _is_boundary(text: str, seg_start: int, punct_start: int, punct: str, next_start: int) -> bool:
    """Decide whether the punctuation `punct` at `punct_start` ends a sentence."""
    if "!" in punct or "?" in punct or punct.startswith(".."):
        return True
    word = _word_before_stop(text, max(seg_start, punct_start - 24), punct_start)
    if not word:
        return True
    low = word.lower().rstrip(".")
    nxt_word = _NEXT_WORD_RE.match(text, next_start)
    nw = nxt_word.group(1) if nxt_word else ""
    if "." in word:  # U.S. / a.m. / D.C.
        return nw in _WORDS_AFTER_MULTI_DOT
    if low in _NEVER_FINAL:
        return nw in _WORDS_AFTER_MULTI_DOT and low not in _TITLES_BEFORE_NAMES
    if len(word) == 1 and word.isupper():  # initial: "John F. Kennedy"
        return nw in _WORDS_AFTER_MULTI_DOT
    return True


def split_sentences(text: str, start: int = 0, skip: tuple[int, int] | None = None) -> list[SentenceInfo]:
    """Split `text[start:]` into sentences whose spans index `text`; `skip` (a dateline) is left out."""
    out: list[SentenceInfo] = []
    pos = start
    n = len(text)
    paras: list[tuple[int, int]] = []
    for m in _PARA_RE.finditer(text, pos):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, n))
    for p_start, p_end in paras:
        if skip is not None and p_start <= skip[0] < p_end:
            p_start = max(p_start, skip[1])
        seg_start = p_start
        for m in _BOUNDARY_RE.finditer(text, p_start, p_end):
            end = m.end()
            nxt = end
            while nxt < p_end and text[nxt].isspace():
                nxt += 1
            if not _is_boundary(text, seg_start, m.start(), m.group(), nxt):
                continue
            _append(out, text, seg_start, end)
            seg_start = nxt
        _append(out, text, seg_start, p_end)
    return out


def _append(out: list[SentenceInfo], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(SentenceInfo(index=len(out), start=s, end=e, text=text[s:e]))


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end] with absolute spans. A full stop stays on abbreviations only.

    Every step is a C-level map over the pieces (white space + token) that tile the span: the
    end of each token is the running sum of piece lengths, its start that minus its length.
    """
    pieces = _PIECE_RE.findall(text, start, end)
    ends = list(accumulate(map(len, pieces), initial=start))
    del ends[0]
    words = list(map(str.lstrip, pieces))
    starts = map(sub, ends, map(len, words))
    # tuple.__new__(Token, fields) builds a token without the Python-level NamedTuple __new__.
    fields = zip(words, starts, ends, map(str.lower, words), strict=True)
    return list(map(tuple.__new__, repeat(Token), fields))


# Per-spelling token flags (computed once per spelling by facts.extract and cached): which
# extractors a token can trigger, and which clause-level roles it can play.
FIGURE_TRIGGER = 1
TIME_TRIGGER = 2
INSTITUTION_TRIGGER = 4
ROLE_NOUN_TRIGGER = 8
VERB_CANDIDATE = 16  # an auxiliary or a word that can be a verb: may start a verb group
SEGMENT_BREAK = 32  # "," ";" ":": ends a comma segment for the fallback verb search


def triggered_matches(
    pattern: re.Pattern[str],
    text: str,
    toks: list[Token],
    end: int,
    trig: list[int],
    back: int,
    starters: frozenset[str] | None,
) -> Iterator[re.Match[str]]:
    """Matches of `pattern` that cover a trigger token, tried from up to `back` tokens before it.

    Scanning a large alternation at every character is what makes regex extraction slow; news
    sentences have few numbers or dates, so anchoring the attempts at likely tokens is far cheaper.
    `trig` lists the indices of the trigger tokens. Earlier tokens are tried only when they are in
    `starters` (words a match can begin with), or, with `starters` None, when they begin with a
    capital A-Z (for patterns that can only match there).
    """
    last_end = -1
    for i in trig:
        t = toks[i]
        if t.start < last_end:
            continue
        for k in range(i - back if i > back else 0, i + 1):
            tk = toks[k]
            ks = tk.start
            if ks < last_end:
                continue
            if k < i:
                if starters is None:
                    if not "A" <= tk.text[0] <= "Z":
                        continue
                elif tk.low not in starters:
                    continue
            m = pattern.match(text, ks, end)
            if m is not None and m.end() > t.start:
                last_end = m.end()
                yield m
                break
