"""Deterministic, offline fact extraction from a news report.

`extract(text, published)` splits the body into sentences and finds, in each, figures (with
hedge, value, counted noun, modifiers, governing verb, subject, place and time), direct quotes
and their speakers, attributions, and one statement/event per clause so every sentence can be
found by fact. Entities (people with roles, organisations, places) are linked across the
article. Every span indexes `text` exactly.

No model, no network: regexes compiled at import, word lists, and cached lemminflect lookups.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Generator
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter

from facts.attribution import Attribution, Quote, find_attributions, find_quotes
from facts.clauses import SubjectFinder, VerbGroup, is_verb_candidate, verb_groups
from facts.dates import TimeExpr, find_times
from facts.dates import is_trigger as time_trigger
from facts.entities import EntityFinder, is_institution_head, is_role_noun
from facts.numbers import Figure, find_figures
from facts.numbers import is_trigger as figure_trigger
from facts.sentences import (
    FIGURE_TRIGGER,
    INSTITUTION_TRIGGER,
    ROLE_NOUN_TRIGGER,
    SEGMENT_BREAK,
    TIME_TRIGGER,
    VERB_CANDIDATE,
    Token,
    find_dateline,
    split_sentences,
    tokenize,
)
from facts.types import EntityMention, ExtractedFact, Extraction, SentenceInfo
from facts.wordlists import PLACES

log = logging.getLogger(__name__)

__all__ = ["extract", "extract_steps"]

_LOCATIVE_BEFORE_RE = re.compile(
    r"\b(?:in|to|from|at|near|into|across|outside|inside|toward|towards|via|through|of|along|for)\s+(?:the\s+)?\Z"
)
_CLAUSE_CUT_RE = re.compile(
    r";\s+|,\s+(?=(?:and|but|while|whereas|although|though)\s)|\s+(?=(?:and|but)\s+that\s)"
)
# The same without the "and/but that" branch, for sentences without "that": it opens with ";"
# or ",", so the regex engine skips between those instead of trying every white space.
_CLAUSE_CUT_NO_THAT_RE = re.compile(r";\s+|,\s+(?=(?:and|but|while|whereas|although|though)\s)")
_CONTENT_LEAD_RE = re.compile(r"(?:\s*(?:,|:|that\b))*\s*")
_PLACE_JOIN_RE = re.compile(r",?\s+(?:and|or)\s+|,\s+")


def extract(text: str, published: datetime | date | None = None) -> Extraction:
    """Sentences, facts and entity mentions of an article body (see module docstring)."""
    steps = extract_steps(text, published)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def extract_steps(text: str, published: datetime | date | None = None) -> Generator[None, None, Extraction]:
    """`extract` one sentence at a time: yields after each sentence and returns the Extraction,
    so a caller on an event loop can let other work (a previous article's write) run between."""
    dl = find_dateline(text)
    sentences = split_sentences(text, 0, (dl.start(), dl.end()) if dl else None)
    finder = EntityFinder(text)
    if dl is not None and sentences:
        ps, pe = dl.start("place"), dl.end("place")
        raw = text[ps:pe].strip().rstrip(",")
        canon = " ".join(w.capitalize() for w in raw.split())
        # The dateline belongs to the sentence that follows it.
        si = next((s.index for s in sentences if s.start >= dl.end()), 0)
        finder._add(PLACES.get(canon, canon), "place", si, ps, ps + len(raw), None, False)
    quotes = find_quotes(text, sentences)
    facts: list[ExtractedFact] = []
    prev_figs: list[ExtractedFact] = []
    # One tokenising pass over the whole body; each sentence takes its slice. No token crosses a
    # sentence boundary (sentences start and end next to white space or the body's ends), so the
    # slices are exactly the sentences' own tokens.
    all_toks = tokenize(text, 0, len(text))
    all_flags = _flags_of(list(map(_TOKEN_TEXT, all_toks)))
    all_starts = list(map(_TOKEN_START, all_toks))
    for sent in sentences:
        lo = bisect.bisect_left(all_starts, sent.start)
        hi = bisect.bisect_left(all_starts, sent.end, lo)
        toks = all_toks[lo:hi]
        flags = all_flags[lo:hi]
        # Token start offsets, for finding the token at a character offset by bisection.
        starts = all_starts[lo:hi]
        # Indices of the few tokens that can trigger each extractor, found in one pass.
        flagged = [i for i, f in enumerate(flags) if f & _TRIGGERS]
        if flagged:
            fig_idx = [i for i in flagged if flags[i] & FIGURE_TRIGGER]
            time_idx = [i for i in flagged if flags[i] & TIME_TRIGGER]
            inst_idx = [i for i in flagged if flags[i] & INSTITUTION_TRIGGER]
            role_idx = [i for i in flagged if flags[i] & ROLE_NOUN_TRIGGER]
        else:
            fig_idx = time_idx = inst_idx = role_idx = flagged
        times = find_times(text, sent.start, sent.end, published, toks, time_idx) if time_idx else []
        masked = [(t.start, t.end) for t in times]
        n_before = len(finder._pending)
        finder.add_sentence(sent.index, sent.start, sent.end, masked, toks, inst_idx, role_idx)
        places: list[EntityMention] = []
        for m, unsure in finder._pending[n_before:]:
            if m.kind != "place" or unsure:
                continue
            # "in Tucson, Arizona, and Laredo, Texas": a place right after a listed one counts too.
            if _LOCATIVE_BEFORE_RE.search(text, max(sent.start, m.start - 12), m.start) or (
                places and _PLACE_JOIN_RE.fullmatch(text, places[-1].end, m.start)
            ):
                places.append(m)
        groups = verb_groups(toks, flags)
        subjects = SubjectFinder(toks, groups)
        attrs = find_attributions(text, sent, toks, groups, subjects)
        figs = find_figures(text, sent.start, sent.end, masked, toks, fig_idx) if fig_idx else []
        sent_facts = _figure_facts(
            text, sent, toks, starts, groups, subjects, figs, times, places, attrs, prev_figs
        )
        facts.extend(sent_facts)
        prev_figs = [f for f in sent_facts if f.kind == "figure"] or prev_figs[-3:]
        facts.extend(_clause_facts(text, sent, toks, starts, groups, subjects, times, places, attrs))
        yield
    facts.extend(_quote_facts(text, sentences, quotes, facts))
    facts.sort(key=lambda f: (f.sentence_index, f.start, _KIND_ORDER.get(f.kind, 9)))
    entities: list[EntityMention] = finder.finish()
    return Extraction(sentences=sentences, facts=facts, entities=entities)


_TOKEN_TEXT = itemgetter(0)  # Token.text and Token.start, as C-level getters for map()
_TOKEN_START = itemgetter(1)
_TRIGGERS = FIGURE_TRIGGER | TIME_TRIGGER | INSTITUTION_TRIGGER | ROLE_NOUN_TRIGGER


# Flags per spelling, kept in a plain dict read through map(): a known spelling costs one C-level
# dict lookup, where an lru_cache costs a call of its wrapper per token.
_FLAGS: dict[str, int] = {}
_FLAGS_MAX = 65536  # spellings kept before starting afresh, so memory stays bounded


def _flags_of(words: list[str]) -> list[int]:
    """`_token_flags` of each word, through the per-spelling dict."""
    flags = list(map(_FLAGS.get, words, repeat(-1)))
    if -1 in flags:
        if len(_FLAGS) > _FLAGS_MAX:
            _FLAGS.clear()
        for i, f in enumerate(flags):
            if f == -1:
                flags[i] = _FLAGS[words[i]] = _token_flags(words[i])
    return flags


def _token_flags(tok: str) -> int:
    """Which extractors a token can trigger and whether it can start a verb group or ends a
    comma segment."""
    return (
        (FIGURE_TRIGGER if figure_trigger(tok) else 0)
        | (TIME_TRIGGER if time_trigger(tok) else 0)
        | (INSTITUTION_TRIGGER if is_institution_head(tok) else 0)
        | (ROLE_NOUN_TRIGGER if is_role_noun(tok) else 0)
        | (VERB_CANDIDATE if is_verb_candidate(tok) else 0)
        | (SEGMENT_BREAK if tok in (",", ";", ":") else 0)
    )


_THAT_CONT_RE = re.compile(r"(?:and|but)\s+that\b")
_SOURCE_VERBS = frozenset("say tell add confirm describe speak brief".split())
_KIND_ORDER = {"statement": 0, "event": 0, "figure": 1, "quote": 2, "attribute": 3}


# --- helpers ------------------------------------------------------------------------------------


def _tok_index(toks: list[Token], starts: list[int], pos: int) -> int:
    i = bisect.bisect_right(starts, pos) - 1
    return i if i > 0 else 0  # not max(): a builtin call costs more, compiled or not


def _attribution_for(attrs: list[Attribution], pos: int) -> Attribution | None:
    best: Attribution | None = None
    for a in attrs:
        if a.applies_from <= pos < a.applies_to and not (a.start <= pos < a.end):
            if best is None or a.applies_from > best.applies_from:
                best = a
    return best


def _apply_attribution(f: ExtractedFact, a: Attribution | None) -> None:
    if a is None:
        return
    f.attribution = a.phrase
    f.attributed_to = a.who
    f.attributed_medium = a.medium


def _nearest_time(
    times: list[TimeExpr], pos: int, lo: int | None = None, hi: int | None = None, strict: bool = False
) -> TimeExpr | None:
    if not times:
        return None  # most sentences have no time expression
    cands = [
        t
        for t in times
        if t.kind != "clock" and (lo is None or lo <= t.start) and (hi is None or t.end <= hi)
    ]
    if not cands and strict:
        return None
    if not cands:
        cands = [t for t in times if t.kind != "clock"]
    if not cands:
        return None
    return min(cands, key=lambda t: abs(t.start - pos))


def _place_after(text: str, places: list[EntityMention], pos: int, lo: int, hi: int) -> str | None:
    if not places:
        return None
    after = [p for p in places if pos <= p.start < hi]
    before = [p for p in places if lo <= p.start < pos]
    if after:
        chosen = [after[0]]
        for p in after[1:]:
            if _PLACE_JOIN_RE.fullmatch(text, chosen[-1].end, p.start):
                chosen.append(p)
            else:
                break
        return " and ".join(text[p.start : p.end] for p in chosen)
    if before:
        return text[before[-1].start : before[-1].end]
    return None


def _clause_floor(toks: list[Token], groups: list[VerbGroup], tok: int) -> int:
    """Character offset after the last verb before token `tok`: places before it belong elsewhere."""
    prev = [g for g in groups if g.end_tok <= tok]
    return toks[prev[-1].end_tok - 1].end if prev else (toks[0].start if toks else 0)


def _subject_text(text: str, toks: list[Token], rng: tuple[int, int] | None) -> str | None:
    if rng is None:
        return None
    a, b = rng
    return text[toks[a].start : toks[b - 1].end]


# --- figures ------------------------------------------------------------------------------------


def _figure_facts(
    text: str,
    sent: SentenceInfo,
    toks: list[Token],
    starts: list[int],
    groups: list[VerbGroup],
    subjects: SubjectFinder,
    figs: list[Figure],
    times: list[TimeExpr],
    places: list[EntityMention],
    attrs: list[Attribution],
    prev_figs: list[ExtractedFact],
) -> list[ExtractedFact]:
    out: list[ExtractedFact] = []
    if not figs:
        return out
    speech_starts = {a.start for a in attrs}
    for fig in figs:
        a = _tok_index(toks, starts, fig.start)
        b = _tok_index(toks, starts, max(fig.start, fig.end - 1)) + 1
        left = [g for g in groups if g.end_tok <= a]
        right = [g for g in groups if g.start_tok >= b]
        # A speech verb ("officials have said") ends the clause for the figure that follows it.
        if left:
            lg = left[-1]
            between = toks[lg.end_tok : a]
            is_speech = any(toks[lg.head_tok].start >= s for s in speech_starts) and lg.lemma.split()[0] in (
                "say",
                "tell",
                "add",
                "confirm",
                "announce",
                "estimate",
                "report",
            )
            if is_speech or any(t.text in (";", ":") or t.low in ("that", "which", "who") for t in between):
                left = []
        relation: str | None = None
        subject: str | None = None
        rg = right[0] if right else None
        subject_pos = (
            rg is not None
            and rg.start_tok - b <= 2
            and all(t.low in ("also", "still", "now", "soon", "have", "had") for t in toks[b : rg.start_tok])
            # "5,000 immigrants held by ...": a bare participle after a verb's object is not
            # that object's own verb.
            and not (left and rg.start_tok == rg.head_tok)
        )
        if subject_pos and rg is not None:
            if rg.lemma.split()[0] in _SOURCE_VERBS and fig.unit not in (None, "%", "$"):
                continue  # "Two defense officials said": who speaks, not a figure of the story
            relation = rg.lemma
            subject = text[fig.start : fig.end]
        elif left:
            lg = left[-1]
            relation = lg.lemma
            subject = _subject_text(text, toks, subjects.shared(lg))
        elif rg is not None:
            relation = rg.lemma
        unit = fig.unit
        mods = list(fig.modifiers)
        if fig.needs_unit and unit is None:
            for pf in reversed(prev_figs + out):
                if pf.unit and pf.unit not in ("%", "$", "fraction"):
                    unit = pf.unit
                    break
        t = _nearest_time(times, fig.start)
        clause_hi = sent.end
        f = ExtractedFact(
            kind=fig.kind,
            sentence_index=sent.index,
            start=fig.start,
            end=fig.end,
            subject=subject,
            relation=relation,
            value_text=fig.value_text,
            value_num=fig.value_num,
            hedge=fig.hedge,
            unit=unit,
            modifiers=mods,
            time_text=t.text if t else None,
            time_value=t.value if t else None,
            place=(
                _place_after(text, places, fig.end, _clause_floor(toks, groups, a), clause_hi)
                if places
                else None
            ),
            measured=fig.measured,
        )
        _apply_attribution(f, _attribution_for(attrs, fig.start))
        out.append(f)
    return out


# --- statements and events ----------------------------------------------------------------------


def _segments(text: str, sent: SentenceInfo) -> list[tuple[int, int]]:
    """Clause spans of a sentence: cut at ';' and at ', and/but/while ...'."""
    body_end = sent.end
    while body_end > sent.start and text[body_end - 1] in ".!?":
        body_end -= 1
    cuts = [sent.start]
    st = sent.text
    if _may_cut(st):
        cut_re = _CLAUSE_CUT_RE if "that" in st else _CLAUSE_CUT_NO_THAT_RE
        for m in cut_re.finditer(text, sent.start, body_end):
            cuts.append(m.end())
    segs: list[tuple[int, int]] = []
    for i, c in enumerate(cuts):
        e = cuts[i + 1] if i + 1 < len(cuts) else body_end
        ee = e
        while ee > c and text[ee - 1] in " ,;":
            ee -= 1
        segs.append((c, ee))
    return segs


def _may_cut(s: str) -> bool:
    """Whether `_CLAUSE_CUT_RE` can match in sentence `s`: the words each branch needs are
    there. Substring tests are much cheaper than the regex, which tries every white space."""
    return (
        ";" in s
        or ("," in s and ("and" in s or "but" in s or "while" in s or "whereas" in s or "though" in s))
        or ("that" in s and ("and" in s or "but" in s))
    )


def _clause_facts(
    text: str,
    sent: SentenceInfo,
    toks: list[Token],
    starts: list[int],
    groups: list[VerbGroup],
    subjects: SubjectFinder,
    times: list[TimeExpr],
    places: list[EntityMention],
    attrs: list[Attribution],
) -> list[ExtractedFact]:
    out: list[ExtractedFact] = []
    segs = _segments(text, sent)
    # Merge clause segments without their own verb into the previous one.
    merged: list[tuple[int, int]] = []
    for s, e in segs:
        if merged and not any(s <= toks[g.head_tok].start < e and g.finite for g in groups):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    trailing = [a for a in attrs if a.applies_from == sent.start]
    prev_lead: Attribution | None = None
    for s, e in merged:
        leading = [a for a in attrs if s <= a.start < e and a.applies_from > a.start]
        attr = leading[0] if leading else (trailing[0] if trailing else None)
        if attr is None and prev_lead is not None and _THAT_CONT_RE.match(text, s, e):
            attr = prev_lead  # "X said A, and that B": B is X's too
        prev_lead = leading[0] if leading else (prev_lead if attr is prev_lead else None)
        cs, ce = s, e
        if attr is not None and attr in leading:
            cs, ce = attr.content_start, min(attr.content_end, e)
        elif attr is not None and attr.content_end <= e and attr.content_end > s:
            cs, ce = max(s, attr.content_start), attr.content_end
        # Statement span: strip surrounding quote marks and spaces.
        while cs < ce and text[cs] in ' “"‘,':
            cs += 1
        while ce > cs and text[ce - 1] in ' ”"’,':
            ce -= 1
        if ce - cs < 2:
            cs, ce = s, e
        if ce <= cs or not toks:
            continue  # a stray "." between paragraphs
        ta = _tok_index(toks, starts, cs)
        tb = _tok_index(toks, starts, max(cs, ce - 1)) + 1
        inner = [g for g in groups if ta <= g.head_tok < tb and toks[g.head_tok].start >= cs]
        main = next((g for g in inner if g.finite), inner[0] if inner else None)
        if attr is not None and main is not None and attr.start <= toks[main.head_tok].start < attr.end:
            rest = [g for g in inner if toks[g.head_tok].start >= attr.end]
            main = rest[0] if rest else main
        relation = main.lemma if main else None
        subject = _subject_text(text, toks, subjects.shared(main, ta)) if main else None
        if subject is not None:
            # A subject that starts before the clause (where it is written inside the clause,
            # else at the clause start) belongs to an earlier clause.
            at = text.find(subject, cs, ce)
            if toks[_tok_index(toks, starts, at if at >= 0 else cs)].start < cs:
                subject = None
        # A clause's own time, else the time in its attribution ("told reporters on Tuesday").
        t = _nearest_time(times, cs, cs, ce, strict=True)
        if t is None and attr is not None:
            hi = sent.end if attr.applies_from == sent.start else max(attr.end, attr.content_start)
            t = _nearest_time(times, attr.start, attr.start, hi, strict=True)
        f = ExtractedFact(
            kind="statement" if attr is not None else "event",
            sentence_index=sent.index,
            start=cs,
            end=ce,
            subject=subject,
            relation=relation,
            time_text=t.text if t else None,
            time_value=t.value if t else None,
            place=_place_after(text, places, cs, cs, ce),
        )
        _apply_attribution(f, attr)
        out.append(f)
    return out


# --- quotes -------------------------------------------------------------------------------------


def _quote_facts(
    text: str, sentences: list[SentenceInfo], quotes: list[Quote], facts: list[ExtractedFact]
) -> list[ExtractedFact]:
    out: list[ExtractedFact] = []
    by_sent: dict[int, ExtractedFact] = {}
    for f in facts:
        if f.kind == "statement" and f.attributed_to and f.sentence_index not in by_sent:
            by_sent[f.sentence_index] = f
    for q in quotes:
        st = by_sent.get(q.sentence_index)
        speaker = q.speaker or (st.attributed_to if st else None)
        kind = "attribute" if (q.short and not q.speech) else "quote"
        f = ExtractedFact(
            kind=kind,
            sentence_index=q.sentence_index,
            start=q.start,
            end=q.end,
            subject=speaker if kind == "quote" else _quoted_name_owner(text, q, sentences),
            relation="say" if kind == "quote" else "call",
            speaker=speaker,
            quote=text[q.start : q.end],
        )
        if st is not None:
            f.attribution, f.attributed_to, f.attributed_medium = (
                st.attribution,
                st.attributed_to,
                st.attributed_medium,
            )
            f.time_text, f.time_value = st.time_text, st.time_value
        out.append(f)
    return out


_OWNER_RE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their)\s+)((?:[\w’'-]+\s+){0,3}?)(?:known\s+as|called|dubbed|named|a|an)?\s*[“\"]\Z"
)


def _quoted_name_owner(text: str, q: Quote, sentences: list[SentenceInfo]) -> str | None:
    """For “Remain in Mexico”: the noun phrase that the quoted name names ("the program")."""
    sent = sentences[q.sentence_index]
    m = _OWNER_RE.search(text, max(sent.start, q.start - 60), q.start)
    if m is None:
        return None
    phrase = text[m.start() : q.start].rstrip(' “"')
    return phrase or None
