"""Cheap clause analysis without a tagger: which tokens are verbs, verb groups, clause subjects.

The heuristics lean on lemminflect's word classes (cached) and the word before: a word that can
only be a verb is a verb; an ambiguous one ("plans", "ordered") is a verb after a pronoun,
an auxiliary, "to" or an -ly adverb, and a noun/adjective after a determiner or a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from facts.sentences import SEGMENT_BREAK, VERB_CANDIDATE, Token
from facts.wordlists import (
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    FUNCTION_WORDS,
    MODALS,
    NEGATIONS,
    PARTICLES,
    PHRASAL_OK,
    PREPOSITIONS,
    PRONOUNS,
    verb_lemma,
    word_classes,
)

_AUX_LEMMA = {
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "be": "be",
    "been": "be",
    "being": "be",
    "am": "be",
    "'s": "be",
    "’s": "be",
    "has": "have",
    "have": "have",
    "had": "have",
    "having": "have",
    "do": "do",
    "does": "do",
    "did": "do",
    "get": "get",
    "got": "get",
    "gets": "get",
    "getting": "get",
}
_ADVERB_IN_GROUP = frozenset(
    "not never also already still just now soon later then recently previously immediately ever "
    "reportedly allegedly apparently repeatedly initially finally largely mostly further again "
    "n't first".split()
)
_CLAUSE_OPENERS = frozenset(
    "while whereas although though because as when and but so since after before".split()
)
_ASIDE_ADVERBS = frozenset(
    "meanwhile however too though also separately instead moreover nonetheless".split()
)
_SAY_LEMMAS = frozenset(
    "say tell add announce warn note claim insist state write argue explain estimate".split()
)
_BE_HAVE = frozenset("is are was were be been being am has have had having 's ’s".split())
_CLAUSE_BREAK = frozenset(",;:()—–-")
_SUBORDINATORS = frozenset(
    "that which who whom whose while whereas although though because after before since when if as "
    "until unless where whether so".split()
)
_NON_VERBS = frozenset(
    "according including following regarding concerning during amid despite per like "
    "more less most least much many such well".split()
)


@dataclass(slots=True)
class VerbGroup:
    start_tok: int  # first token of the group (auxiliary or verb)
    head_tok: int  # the main verb token
    end_tok: int  # one past the last token (particle included)
    lemma: str  # "deploy", "carry out"
    finite: bool  # has a tense: not after "to", not a bare participle

    # Written out, not generated: mypyc compiles a hand-written __init__, a dataclass-made one
    # stays interpreted, and extraction builds many of these.
    def __init__(self, start_tok: int, head_tok: int, end_tok: int, lemma: str, finite: bool) -> None:
        self.start_tok = start_tok
        self.head_tok = head_tok
        self.end_tok = end_tok
        self.lemma = lemma
        self.finite = finite


@lru_cache(maxsize=65536)
def _verb_word(w: str) -> tuple[str, frozenset[str]] | None:
    """(lookup form, word classes) when the token can be a verb at all; cached per spelling."""
    if not w[0].isalpha() or "’" in w or "'" in w:
        return None
    low = w.lower()
    if (
        low in AUXILIARIES
        or low in _NON_VERBS
        or (low in FUNCTION_WORDS and low not in ("do", "does", "did"))
    ):
        return None
    if "-" in low:
        low = low.rsplit("-", 1)[1]  # "re-launching" -> "launching"
    classes = word_classes(low)
    if "VERB" not in classes:
        return None
    return low, classes


_AFTER_BE_HAVE = 1  # "is", "has": a noun reading is likely next
_NEVER_VERB_AFTER = 2  # a determiner, a number or a possessive ("Trump's order")
_VERB_AFTER = 4  # a modal, auxiliary, "to", pronoun, negation or -ly adverb


@lru_cache(maxsize=65536)
def _prev_kind(prev: str) -> int:
    """What the (lower-case) word before a possible verb says about it, cached per spelling:
    the word-before tests of `is_verb_at`, in their order of precedence."""
    kind = _AFTER_BE_HAVE if prev in _BE_HAVE else 0
    if prev in DETERMINERS or (prev and prev[0].isdigit()) or prev.endswith("’s") or prev.endswith("'s"):
        return kind | _NEVER_VERB_AFTER
    if prev in MODALS or prev in AUXILIARIES or prev == "to" or prev in PRONOUNS or prev in NEGATIONS:
        return kind | _VERB_AFTER
    if prev.endswith("ly") and len(prev) > 3 and "VERB" not in word_classes(prev):
        return kind | _VERB_AFTER
    return kind


def is_verb_at(toks: list[Token], i: int) -> bool:
    w = toks[i].text
    info = _verb_word(w)
    if info is None:
        return False
    if i > 0 and w[0].isupper() and not (toks[i - 1].text in "“\"‘'(" or toks[i - 1].text == ":"):
        return False  # a name mid-sentence
    low, classes = info
    prev = toks[i - 1].low if i > 0 else ""
    pk = _prev_kind(prev)
    if (
        pk & _AFTER_BE_HAVE
        and ("NOUN" in classes or "ADJ" in classes)
        and not low.endswith(("ed", "en", "ing"))
    ):
        # "is part of", "has plans": a noun after a copula, unless it is a participle.
        lem = verb_lemma(low)
        if lem == low or lem is None:
            return False
    if pk & _NEVER_VERB_AFTER:
        return False
    if pk & _VERB_AFTER:
        return True
    if "NOUN" not in classes and "ADJ" not in classes:
        return True  # can only be a verb
    if low.endswith("ed"):
        # "ordered 1,500 troops" vs "armed groups": a past form after a noun or name is a verb.
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        return not (
            nxt and "NOUN" in word_classes(nxt) and "VERB" not in word_classes(nxt) and prev in PREPOSITIONS
        )
    # Ambiguous noun/verb ("plans", "request"): a verb when a subject-like word precedes and an
    # object-like word follows.
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    subj_like = bool(prev) and (
        toks[i - 1].text[0].isupper() or prev in ("officials", "authorities", "police")
    )
    return subj_like and (nxt in DETERMINERS or nxt == "to" or nxt == "that")


def is_verb_candidate(w: str) -> bool:
    """Can the token start a verb group: an auxiliary, or a word that can be a verb at all."""
    return w.lower() in AUXILIARIES or _verb_word(w) is not None


def verb_groups(toks: list[Token], flags: list[int]) -> list[VerbGroup]:
    """Verb groups in token order. An auxiliary with no verb after it is its own group ("has a plan").

    `flags` are the tokens' cached flags: VERB_CANDIDATE marks those that can start a group,
    SEGMENT_BREAK the commas, semicolons and colons.
    """
    groups: list[VerbGroup] = []
    n = len(toks)
    # Only auxiliaries and words that can be verbs can start a group.
    cands = [k for k, f in enumerate(flags) if f & VERB_CANDIDATE]
    i = 0
    for i0 in cands:
        if i0 < i:
            continue
        i = i0
        low = toks[i].low
        if low in AUXILIARIES and toks[i].text not in ("’s", "'s"):
            j = i + 1
            while j < n and (toks[j].low in _ADVERB_IN_GROUP or toks[j].low in AUXILIARIES):
                j += 1
            if j < n and is_verb_at(toks, j):
                g = _group(toks, i, j)
                groups.append(g)
                i = g.end_tok
                continue
            lemma = _AUX_LEMMA.get(low) or (verb_lemma(low) or low)
            if low not in MODALS:
                groups.append(VerbGroup(i, i, i + 1, lemma, True))
            i += 1
            continue
        if is_verb_at(toks, i):
            g = _group(toks, i, i)
            groups.append(g)
            i = g.end_tok
            continue
        i += 1
    # Comma/semicolon segments with no sure verb ("The storm cut power, while ..."): take the
    # first word that can be a verb right after a noun.
    seg_start = 0
    added = False
    breaks = [k for k, f in enumerate(flags) if f & SEGMENT_BREAK]
    breaks.append(n)
    for k in breaks:
        if k - seg_start >= 3 and not any(seg_start <= g.head_tok < k and g.finite for g in groups):
            g2 = _fallback_verb(toks, seg_start, k)
            if g2 is not None:
                groups.append(g2)
                added = True
        seg_start = k + 1
    if added:
        groups.sort(key=lambda g: g.start_tok)
    return groups


def _fallback_verb(toks: list[Token], lo: int, hi: int) -> VerbGroup | None:
    """A clause with no sure verb ("The storm cut power"): the first noun/verb word after a noun."""
    if lo > 0 and toks[lo].low not in _CLAUSE_OPENERS:
        return None  # a list item or an aside: ", including military police, intelligence analysts"
    for i in range(lo + 1, min(hi, lo + 12)):
        t = toks[i]
        if t.text in _CLAUSE_BREAK:
            break
        info = _verb_word(t.text)
        if info is None or t.text[0].isupper():
            continue
        prev = toks[i - 1]
        pl = prev.low
        if (
            pl in DETERMINERS
            or pl in PREPOSITIONS
            or pl in CONJUNCTIONS
            or pl[0].isdigit()
            or pl.endswith(("’s", "'s"))
        ):
            continue
        if not (prev.text[0].isalpha()) or "ADJ" in word_classes(pl) and "NOUN" not in word_classes(pl):
            continue
        return _group(toks, i, i)
    return None


def _group(toks: list[Token], start: int, head: int) -> VerbGroup:
    w = toks[head].low
    lemma = (
        verb_lemma(w)
        or (
            verb_lemma(w.rsplit("-", 1)[1])
            and w[: w.rfind("-") + 1] + (verb_lemma(w.rsplit("-", 1)[1]) or "")
        )
        or w
    )
    end = head + 1
    if end < len(toks) and toks[end].low in PARTICLES and lemma in PHRASAL_OK:
        lemma = f"{lemma} {toks[end].low}"
        end += 1
    prev = toks[start - 1].low if start > 0 else ""
    finite = prev != "to" and not (start == head and w.endswith("ing"))
    return VerbGroup(start, head, end, lemma, finite)


def clause_start(toks: list[Token], before: int, floor: int = 0) -> int:
    """Index of the first token of the clause that token `before` sits in (looking left)."""
    i = before - 1
    while i >= floor:
        tok = toks[i]
        t = tok.text
        if t in _CLAUSE_BREAK or t in '“”"':
            # A comma-enclosed aside without a verb ("Mexico's ministry, in a statement, said")
            # does not end the subject's clause: skip back over it.
            if t == ",":
                j = i - 1
                while j >= floor and toks[j].text != ",":
                    j -= 1
                if (
                    j >= floor
                    and j + 1 < i
                    and (
                        toks[j + 1].low in PREPOSITIONS or (i - j == 2 and toks[j + 1].low in _ASIDE_ADVERBS)
                    )
                ):
                    return clause_start(toks, j, floor)
            return i + 1
        if tok.low in _SUBORDINATORS and i < before - 1:
            return i + 1
        i -= 1
    return floor


_NP_BREAK = (
    PREPOSITIONS - {"of"}
    | _ADVERB_IN_GROUP
    | _SUBORDINATORS
    | frozenset("earlier later this last next yesterday today however meanwhile".split())
)


def subject_before(
    toks: list[Token], group: VerbGroup, floor: int = 0, stops: dict[int, int] | None = None
) -> tuple[int, int] | None:
    """Token range (start, end) of the noun phrase that is the subject of `group`, if any.

    `stops` maps the first token of each verb group to its end: a subject never runs into a verb,
    and a verb group at the clause start ("said the country had") is skipped.
    """
    stops = stops or {}
    cs = clause_start(toks, group.start_tok, floor)
    i = cs
    # Skip leading conjunctions and sentence adverbs ("But", "And", "Still,").
    while i < group.start_tok and (
        toks[i].low in CONJUNCTIONS
        or toks[i].low in ("also", "still")
        or (i in stops and stops[i] <= group.start_tok)
    ):
        if i in stops:
            head = toks[stops[i] - 1].low
            if (verb_lemma(head) or head) not in _SAY_LEMMAS:
                return None  # "..., renamed X and threatened Y": the subject is further back
            i = stops[i]
        else:
            i += 1
    j = i
    while j < group.start_tok:
        t = toks[j]
        low = t.low
        if (
            t.text in _CLAUSE_BREAK
            or t.text in '“”"'
            or (low in _NP_BREAK and j > i)
            or (j in stops and j > i)
        ):
            break
        if j > i and low in ("on", "in") and j + 1 < group.start_tok and toks[j + 1].text[:1].isupper():
            break
        j += 1
    if j <= i:
        return None
    # Relative pronouns are not informative subjects.
    if j - i == 1 and toks[i].low in ("which", "who", "that"):
        return None
    return i, j


class SubjectFinder:
    """`subject_before` for the verb groups of one sentence, memoised per (group, floor):
    attributions, figures and clause facts all ask for the subjects of the same few groups."""

    __slots__ = ("toks", "groups", "stops", "_memo", "_shared_memo")

    def __init__(self, toks: list[Token], groups: list[VerbGroup]) -> None:
        self.toks = toks
        self.groups = groups
        # First token of each verb group -> its end: a subject never runs into a verb.
        self.stops = {g.start_tok: g.end_tok for g in groups}
        self._memo: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._shared_memo: dict[tuple[int, int], tuple[int, int] | None] = {}

    def __call__(self, g: VerbGroup, floor: int = 0) -> tuple[int, int] | None:
        """Token range of the subject of `g` (see `subject_before`)."""
        key = (g.start_tok, floor)
        # Tested with `in`, not try/except KeyError: most lookups miss, and raising is dear.
        if key in self._memo:
            return self._memo[key]
        r = self._memo[key] = subject_before(self.toks, g, floor, self.stops)
        return r

    def shared(self, g: VerbGroup, floor: int = 0) -> tuple[int, int] | None:
        """Subject of `g`; for "to deport" or "..., renamed X and threatened Y" the earlier verb's."""
        key = (g.start_tok, floor)
        if key in self._shared_memo:
            return self._shared_memo[key]
        r = self(g, floor)
        if r is None:
            for h in reversed([h for h in self.groups if h.end_tok <= g.start_tok and h.start_tok >= floor]):
                if not h.finite and h is not g:
                    continue
                r = self(h, floor)
                if r is not None:
                    break
        self._shared_memo[key] = r
        return r
