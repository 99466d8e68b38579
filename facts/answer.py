"""The answering engine: classify the question, retrieve sentences, read candidate answers of
the expected type out of them, score, and answer only when a cited sentence supports it.

Every figure, name and date in an answer is copied from a cited sentence; when no sentence
matches the question's counted noun, named places/people and answer type, the engine says it
does not know and shows the closest facts it has.

STORE-NEEDS (all exist in store.repo.Store):
- search_sentences(terms, *, story_ids=None, limit=40) -> list[SentenceHit]: live sentences
  matching ANY of the plain lower-case words/short phrases, best first, with their facts.
- sentences_of_article(article_id) -> list[SentenceHit]: every sentence of one article in order
  (used to read the sentence before a candidate when it says "he", "there", "the country").
- known_terms() -> frozenset[str]: lower-case words of stored sentences (spelling fixes).
- log_question(*, question, story_id, answered, now, asked_by=None) -> None.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from typing import Any, Protocol

from facts import phrasing as ph
from facts import qa_lexicon as lx
from facts.qa_spans import (
    Figure,
    Reading,
    TimeSpan,
    counts_death_toll,
    find_attribution,
    find_clock_times,
    find_names,
    find_places,
    find_reported_by,
    find_times,
    read,
    reason_marker,
    says_no_reason,
    strong_time,
)
from facts.question import (
    COUNT,
    DATE,
    LATEST,
    PERSON,
    PLACE,
    REASON,
    SOURCE,
    TOPIC,
    WHAT,
    YESNO,
    Question,
    Term,
    parse_question,
    resolve_follow_up,
)
from store.records import SentenceHit

log = logging.getLogger(__name__)


class FactSource(Protocol):
    async def search_sentences(
        self, terms: Sequence[str], *, story_ids: Sequence[int] | None = None, limit: int = 40
    ) -> list[SentenceHit]: ...

    async def sentences_of_article(self, article_id: int) -> list[SentenceHit]: ...

    async def known_terms(self) -> frozenset[str]: ...

    async def log_question(
        self,
        *,
        question: str,
        story_id: int | None,
        answered: bool,
        now: datetime,
        asked_by: str | None = None,
    ) -> None: ...


@dataclass
class Citation:
    sentence: str
    outlet: str | None
    url: str | None
    published: datetime | None
    article_id: int
    fact_id: int | None = None
    headline: str | None = None
    story_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "article_id": self.article_id,
            "fact_id": self.fact_id,
            "headline": self.headline,
        }


@dataclass
class HistoryItem:
    value_text: str
    published: datetime | None
    outlet: str | None


@dataclass
class Answer:
    question: str
    answered: bool
    text: str
    short: str | None = None
    context: str | None = None
    attribution: str | None = None
    citations: list[Citation] = field(default_factory=list)
    history: list[HistoryItem] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)
    fact_ids: list[int] = field(default_factory=list)
    kind: str = WHAT
    confidence: float = 0.0
    asked_as: str | None = None  # a thread follow-up, read with the earlier question

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "text": self.text,
            "short": self.short,
            "context": self.context,
            "attribution": self.attribution,
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "citations": [c.to_json() for c in self.citations],
            "history": [
                {
                    "value_text": h.value_text,
                    "published": h.published.isoformat() if h.published else None,
                    "outlet": h.outlet,
                }
                for h in self.history
            ],
            "closest": [c.to_json() for c in self.closest],
            "fact_ids": self.fact_ids,
            "asked_as": self.asked_as,
        }


# ---- thresholds (set on held-out questions; raise them before lowering precision) ------------

MIN_COVERAGE = {
    COUNT: 0.5,
    DATE: 0.55,
    PLACE: 0.55,
    PERSON: 0.6,
    SOURCE: 0.5,
    REASON: 0.6,
    YESNO: 0.62,
    WHAT: 0.6,
    TOPIC: 0.6,
    LATEST: 0.5,
}
EXACT, RELATED, ALIAS, CONTEXT = 1.0, 0.8, 0.7, 0.6

_ANAPHORA = re.compile(
    r"\b(?:he|she|his|her|they|them|their|there|its|it|those|these|the country|the president|the leader|the government|"
    r"the ministry|the official|the officials|the department|the administration|the agency|the move|such|the decision|the plan|the flights?|the aircraft|the planes?|"
    r"the\s+\d+-year-old)\b",
    re.I,
)
_ROLE_BEFORE_NAME = re.compile(
    r"\b((?:[A-Z][a-z]+\s+){0,2})(President|Prime Minister|Secretary(?: of \w+)?|Minister|Governor|Ambassador|Senator|Sen\.|Rep\.|General|Gen\.|Mayor|Chancellor|Director|Spokesperson|Spokesman|Spokeswoman|Leader|King|Chief|Commander|Adviser|Czar|Tsar)"
    r"\s+((?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)"
)


@dataclass
class Scored:
    hit: SentenceHit
    reading: Reading
    coverage: float
    quality: dict[int, float]
    missing: list[Term]
    context: SentenceHit | None = None
    # term index -> the definite description ("the ferry", "the captain") that stands for it
    described: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.missing


@dataclass
class _Ctx:
    q: Question
    hits: list[SentenceHit]
    by_pos: dict[tuple[int, int], SentenceHit]
    roles: dict[str, set[str]]  # person's last name -> role words ("trump" -> {"president"})
    people_of: dict[str, set[str]] = field(default_factory=dict)  # "sheinbaum" -> {"@mexico"}
    fetched: dict[int, list[SentenceHit]] = field(default_factory=dict)  # articles read around
    near: dict[tuple[int, int], SentenceHit | None] = field(default_factory=dict)
    # a name of common words -> the articles whose found sentences write it in full
    named_in: dict[str, set[int]] = field(default_factory=dict)
    # article id -> description word -> (the one name its report gives it, where first given)
    described: dict[int, dict[str, tuple[str, int]]] = field(default_factory=dict)


def _published(hit: SentenceHit) -> datetime:
    return hit.article.published_at or hit.article.ingested_at


_NAME_COMMA_ROLE = re.compile(
    r"([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}),\s+(?:the\s+)?([A-Z][a-z]+)(?:’s|'s)?\s+(president|leader|prime minister|foreign minister|minister|ambassador|secretary)"
)


@lru_cache(maxsize=4096)
def _roles_in(text: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(surname, role, place keys) for each role-and-name phrase of one sentence, in the order
    `_mine_roles` takes them: read once per sentence, not once per question it turns up for."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for m in _ROLE_BEFORE_NAME.finditer(text):
        last = m.group(3).split()[-1].lower().replace("’s", "").replace("'s", "")
        role = m.group(2).split()[0].lower().rstrip(".")
        keys = tuple("@" + k for k in (lx.PLACE_KEY.get(w.lower()) for w in m.group(1).split()) if k)
        out.append((last, role, keys))
    for m in _NAME_COMMA_ROLE.finditer(text):
        key = lx.PLACE_KEY.get(m.group(2).lower())
        out.append((m.group(1).split()[-1].lower(), m.group(3).split()[-1], ("@" + key,) if key else ()))
    return tuple(out)


def _mine_roles(hits: Sequence[SentenceHit]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """From "Mexican President Claudia Sheinbaum" and "Claudia Sheinbaum, Mexico's president":
    the roles a surname holds ({"sheinbaum": {"president"}}) and the country it speaks for
    ({"sheinbaum": {"@mexico"}})."""
    roles: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    for h in hits:
        for last, role, keys in _roles_in(h.text):
            roles.setdefault(last, set()).add(role)
            for key in keys:
                places.setdefault(last, set()).add(key)
    return roles, places


@lru_cache(maxsize=16384)
def _cap_low(word: str, text: str) -> tuple[int, int]:
    """How often `word` is written with a capital, and in lower case, past the start of a
    sentence in `text` (memoised: the same sentences come back for question after question)."""
    pat = re.compile(r"(?<![.!?“\"]\s)(?<!^)\b" + re.escape(word) + r"\b", re.I)
    cap = low = 0
    for m in pat.finditer(text):
        if m.start() == 0:
            continue
        if text[m.start()].isupper():
            cap += 1
        else:
            low += 1
    return cap, low


_CAPITALISED_PHRASE = re.compile(
    r"(?<!^)(?<![.!?]\s)\b([A-Z][a-z]+(?:\s+(?:in|of|the|for|and|de|to)\s+|\s+)[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)"
)


# a capitalised phrase opening a sentence is a name when its first word is no dictionary word
# ("Halvorsen Foods said ...") or its last one heads names ("Stone Bay voters ..."), not a
# sentence's capital ("Evacuation Orders ...")
_LEADING_PHRASE = re.compile(r"^([A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)")


@lru_cache(maxsize=4096)
def _capitalised_phrases(text: str) -> tuple[str, ...]:
    out = [m.group(1).lower() for m in _CAPITALISED_PHRASE.finditer(text)]
    lead = _LEADING_PHRASE.match(text)
    if lead:
        words = lead.group(1).lower().split()
        # or when it ends in a word that heads names ("Stone Bay voters ...")
        if not lx.is_dictionary_word(words[0]) or words[-1] in lx.NAME_HEADS:
            out.append(" ".join(words))
    return tuple(out)


def _refine_terms(q: Question, hits: Sequence[SentenceHit]) -> None:
    """A word typed in lower case that the articles write with a capital mid-sentence is a
    name ("trump", "pentagon"): it becomes required like any named entity."""
    if not hits:
        return
    texts = [h.text for h in hits[:40]]
    for t in q.terms:
        if t.role in ("entity", "place", "number") or t.text in lx.ROLE_NOUNS or len(t.text) < 3:
            continue
        cap = low = 0
        for s in texts:
            c, lo = _cap_low(t.text, s)
            cap += c
            low += lo
        if cap >= 2 and cap >= 4 * low:
            t.role = "entity"
            t.weight = 3.0
            t.required = True
    # a name the articles write as a capitalised phrase ("Remain in Mexico") and the question
    # repeats in lower case: its first word is a name too
    qraw = " " + re.sub(r"[^\w\s-]", " ", q.text.lower()) + " "
    in_names: set[int] = set()  # positions of question words inside a name the reports write
    heads = {h.article.headline for h in hits[:40] if h.article.headline}
    for s in [*texts, *(h for h in heads if not _title_case(h))]:
        for phrase in _capitalised_phrases(s):
            if " " + phrase + " " in qraw:
                words = phrase.split()
                first = words[0]
                for t in q.terms:
                    if t.text == first and t.role not in ("entity", "place"):
                        t.role = "entity"
                        t.weight = 3.0
                        t.required = True
                at = next((t.position for t in q.terms if t.text == first), None)
                if at is not None:
                    run = [t for t in q.terms if at <= t.position < at + len(words) and t.text in words]
                    if len(run) == len(words):
                        in_names.update(t.position for t in run)
    done = _name_runs(q, in_names)
    # a multi-word name is matched by its last word ("Claudia Sheinbaum" ~ "Sheinbaum", "El Paso")
    ents = [t for t in q.terms if t.role in ("entity", "place") and t.required and t.position not in done]
    for a, b in pairwise(ents):
        if b.position == a.position + 1 and a.role == "entity":
            a.required = False
            a.weight = 1.0


def _title_case(text: str) -> bool:
    """A headline in title case ("Voters Approve Transit Tax") capitalises every word, names or
    not, so its capitals say nothing of what is a name."""
    words = re.findall(r"[A-Za-z][\w’'\-]*", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _name_runs(q: Question, in_names: set[int]) -> set[int]:
    """A name of several words is found by its own words, not by the common noun that ends it:
    "Halvorsen Foods" by Halvorsen ("Halvorsen shares rose", "the company employs ..."),
    "Brightline Software" by Brightline. A name made only of dictionary words ("Harbor City",
    "Cedar Ridge Fire") has no such word: each of its words stays required. Returns the
    positions settled here."""
    runs: list[list[Term]] = []
    for t in sorted(q.terms, key=lambda t: t.position):
        named = t.position in in_names or t.role == "entity"
        if not named or t.role in ("place", "number"):
            continue
        if runs and runs[-1][-1].position == t.position - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    done: set[int] = set()
    for run in runs:
        if len(run) < 2:
            continue
        own = [t for t in run if not lx.is_dictionary_word(t.text)]
        if not own and run[-1].text in lx.NAME_HEADS and all(t.position in in_names for t in run):
            # "Harbor City", "Cedar Ridge Fire": no word of its own, so the name is found
            # whole, or through the report it heads; its first word stands for it
            phrase = " ".join(t.text for t in run)
            for k, t in enumerate(run):
                t.name = phrase
                t.role = "entity"
                t.weight, t.required = (3.0, True) if k == 0 else (0.5, False)
            done.update(t.position for t in run)
            continue
        if not own or len(own) == len(run):
            continue  # a person's name ("Claudia Sheinbaum"), or only common words: as before
        key = own[-1]
        for t in run:
            if t is key:
                t.role, t.weight, t.required = "entity", 3.0, True
            else:
                t.role, t.weight, t.required = "entity", 0.5, False
        done.update(t.position for t in run)
    return done


# ---- who a statement was made to, or by ("told Reuters", "according to the AP") ---------------

_AUDIENCE_BEFORE = re.compile(
    r"\b(?:told|tells|telling|tell|to|with|on|by|before|in\s+(?:an?\s+)?(?:interview|statement|remarks|comments)"
    r"(?:\s+(?:with|to|on|for))?)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?$",
    re.I,
)
_ACCORDING_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
# the press as an audience: "told reporters", "speaking to journalists", "at a news conference"
_PRESS_AUDIENCE = re.compile(
    r"\b(?:told|tells|telling|tell|to|with|before|for)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?"
    r"(?:reporters|journalists|newsmen|correspondents|press|media|news\s+media)\b"
    r"|\b(?:news|press|media)\s+(?:conference|briefing)s?\b|\bbriefing\b|\bpress\s+gaggle\b",
    re.I,
)


@dataclass
class _Medium:
    """An outlet or the press as the question names it, with the names a sentence may use."""

    names: frozenset[str]  # lower-case outlet names; empty for the press in general
    words: frozenset[str]  # the question's words that name it (not looked for elsewhere)


def _medium(phrase: str | None, hits: Sequence[SentenceHit]) -> _Medium | None:
    """The outlet or audience a question's "told X" / "according to X" names: one of the news
    organisations reporters name, an outlet of the stored reports, or "reporters"/"the press";
    None for anyone else ("told the troops to leave" is an order, not a medium)."""
    if not phrase:
        return None
    ws = phrase.split()
    for n in range(min(4, len(ws)), 0, -1):
        key = lx.OUTLET_KEY.get(" ".join(ws[:n]))
        if key:
            return _Medium(names=lx.OUTLET_ALIASES[key], words=frozenset(ws[:n]))
    outlets = {re.sub(r"^the\s+", "", (h.article.outlet or "").lower()).strip() for h in hits}
    for n in range(min(4, len(ws)), 0, -1):
        head = " ".join(ws[:n])
        if head in outlets:
            return _Medium(names=frozenset({head}), words=frozenset(ws[:n]))
    if ws[0] in lx.AUDIENCE_WORDS:
        return _Medium(names=frozenset(), words=frozenset(ws[:1]))
    return None


def _names_at(text: str, names: frozenset[str]) -> list[re.Match[str]]:
    return [m for n in names for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text, re.I)]


def _said_to(m: _Medium, hit: SentenceHit) -> bool:
    """The sentence has its statement made to the question's outlet ("told CNBC", "in an
    interview with the AP") or, for "reporters", to the press; an outlet named as the source
    ("according to Reuters") or the press in general does not answer "who told Reuters"."""
    text = hit.text
    if not m.names:
        return bool(_PRESS_AUDIENCE.search(text))
    for found in _names_at(text, m.names):
        before = text[max(0, found.start() - 60) : found.start()]
        if _AUDIENCE_BEFORE.search(before) and not _ACCORDING_BEFORE.search(before):
            return True
    return False


def _said_by(m: _Medium, hit: SentenceHit) -> bool:
    """ "according to Reuters": the sentence credits that outlet (not as the one told), or is the
    outlet's own reporting."""
    if not m.names:
        return _said_to(m, hit)
    outlet = re.sub(r"^the\s+", "", (hit.article.outlet or "").lower()).strip()
    if outlet in m.names:
        return True
    for found in _names_at(hit.text, m.names):
        before = hit.text[max(0, found.start() - 60) : found.start()]
        if _ACCORDING_BEFORE.search(before) or not _AUDIENCE_BEFORE.search(before):
            return True
    return False


def _media(q: Question, hits: Sequence[SentenceHit]) -> list[tuple[_Medium, Any, Term]]:
    """The question's "told X" and "according to X" as constraints on a sentence. The words
    naming the outlet weigh little in a sentence's coverage: what was said must match on its own
    words, not on the outlet's name ("who told Reuters about the spill" is not answered by what
    someone told Reuters about the weather)."""
    out: list[tuple[_Medium, Any, Term]] = []
    for phrase, check in ((q.audience, _said_to), (q.according_to, _said_by)):
        m = _medium(phrase, hits)
        if m is None and check is _said_by and phrase:
            # "according to police", "according to the union": not an outlet, so whoever the
            # sentence names as its source must be it
            m, check = _speaker_medium(phrase), _names_speaker
        if m is None:
            continue
        words = [t for t in q.terms if t.text in m.words]
        for t in words:
            t.weight = min(t.weight, 0.5)
            if check is _said_by:
                t.required = False  # the outlet's own report credits it without naming it
        term = (
            words[0] if words else Term(phrase or "", phrase or "", frozenset(), frozenset(), "entity", 0.0)
        )
        out.append((m, check, term))
    return out


def _speaker_medium(phrase: str) -> _Medium | None:
    ws = [w for w in phrase.split() if w not in lx.STOPWORDS][:1]
    if not ws:
        return None
    return _Medium(names=frozenset({ws[0], ws[0].rstrip("s")}), words=frozenset(ws))


def _names_speaker(m: _Medium, hit: SentenceHit) -> bool:
    """The sentence's source (its attribution, or the subject of "put the crowd at") is named by
    the question's "according to" words."""
    return bool(_names_at(hit.text, m.names))


def _hold_to_medium(media: list[tuple[_Medium, Any, Term]], scored: list[Scored]) -> None:
    """A sentence whose statement went to another audience (or came from another outlet) than
    the question names does not answer it: marked as missing the question's words for it."""
    for m, check, term in media:
        for s in scored:
            if not check(m, s.hit):
                s.missing.append(term)


def _term_quality(t: Term, reading: Reading, q: Question) -> float:
    keys = reading.keys
    if t.role == "number":
        digits = re.sub(r"[^\d.]", "", t.text)
        return (
            EXACT
            if any(
                re.sub(r"[^\d.]", "", tok.text) == digits
                for tok in reading.toks
                if tok.text[:1].isdigit() or tok.text[:1] == "$"
            )
            else 0.0
        )
    if t.name is not None and t.name not in reading.text.lower():
        return 0.0
    if t.exact & keys:
        return EXACT
    if t.related & keys:
        return RELATED
    if t.role == "entity" and _acronym_in(t.typed, reading.text):
        return EXACT
    return 0.0


_ACRONYM_SKIP = frozenset("and of the for on in to de".split())


@lru_cache(maxsize=20_000)
def _acronym_in(word: str, text: str) -> bool:
    """An acronym typed in a question ("ICE", "DHS") stands for a capitalised name written out
    in the sentence ("Immigration and Customs Enforcement", "Department of Homeland Security")."""
    w = word.strip().upper()
    if not (2 <= len(w) <= 5 and w.isalpha()):
        return False
    if re.search(rf"\b{w}\b", text):
        return True
    for m in re.finditer(r"[A-Z][\w’'\-]*(?:\s+(?:(?:and|of|the|for|on|de)\s+)*[A-Z][\w’'\-]*)+", text):
        initials = "".join(x[0] for x in m.group().split() if x.lower() not in _ACRONYM_SKIP)
        if initials.upper() == w:
            return True
    return False


def _alias_quality(t: Term, reading: Reading, ctx: _Ctx) -> float:
    """ "The president" for Trump, when the articles call him President Trump; Sheinbaum for
    Mexico, when the articles call her Mexico's president."""
    if t.role == "place":
        for name, places in ctx.people_of.items():
            if places & t.exact and name in reading.keys:
                return CONTEXT
        return 0.0
    roles = ctx.roles.get(t.text)
    if not roles:
        return 0.0
    for role in roles:
        if re.search(rf"\b[Tt]he {role}\b(?!\s+[A-Z])", reading.text):
            return ALIAS
    return 0.0


def _budgeted(aid: int, ctx: _Ctx, budget: list[int]) -> bool:
    """Sentences around the hits are read from at most `budget` articles per question."""
    if aid in ctx.fetched:
        return True
    if budget[0] <= 0:
        return False
    budget[0] -= 1
    ctx.fetched[aid] = []
    return True


async def _read_near(
    positions: Sequence[tuple[int, int]], ctx: _Ctx, source: FactSource, budget: list[int]
) -> None:
    """Read the sentences at these (article id, index) positions that the search did not
    return, in one query (`sentences_at`); a source without it reads the whole articles."""
    need: list[tuple[int, int]] = []
    for pos in positions:
        if pos[1] < 0 or pos in ctx.by_pos or pos in ctx.near or pos in need:
            continue
        if _budgeted(pos[0], ctx, budget):
            need.append(pos)
    if not need:
        return
    for pos in need:
        ctx.near[pos] = None
    try:
        sentences_at = getattr(source, "sentences_at", None)
        if sentences_at is not None:
            found = await sentences_at(need)
        else:
            found = []
            for aid in dict.fromkeys(a for a, _ in need):
                found += await source.sentences_of_article(aid)
    except Exception:  # a source without these queries still answers, with less context
        log.debug("reading sentences near the hits failed", exc_info=True)
        return
    for h in found:
        pos = (h.article.article_id, h.index)
        if pos in ctx.near and ctx.near[pos] is None:
            ctx.near[pos] = h


def _near(hit: SentenceHit, ctx: _Ctx, step: int) -> SentenceHit | None:
    pos = (hit.article.article_id, hit.index + step)
    return ctx.by_pos.get(pos) or ctx.near.get(pos)


async def _context_of(
    hit: SentenceHit, ctx: _Ctx, source: FactSource, budget: list[int]
) -> SentenceHit | None:
    """The sentence before `hit` (read when the search did not return it)."""
    await _read_near([(hit.article.article_id, hit.index - 1)], ctx, source, budget)
    return _near(hit, ctx, -1)


async def _next_of(hit: SentenceHit, ctx: _Ctx, source: FactSource, budget: list[int]) -> SentenceHit | None:
    """The sentence after `hit` (read when the search did not return it)."""
    await _read_near([(hit.article.article_id, hit.index + 1)], ctx, source, budget)
    return _near(hit, ctx, +1)


# what a report calls the named thing its headline is about, after naming it once
_DEFINITE_KINDS = (
    "company|firm|group|carrier|retailer|bank|lender|insurer|automaker|airline|chain|startup|"
    "fire|blaze|wildfire|quake|earthquake|temblor|storm|hurricane|typhoon|cyclone|flood|measure|proposal"
)


def _names_head(name: str, hit: SentenceHit, ctx: _Ctx) -> bool:
    """ "the agency's chief microbiologist" in a report that names the Food Safety Agency in
    full elsewhere: "the" and the name's head noun stand for the name there."""
    if hit.article.article_id not in ctx.named_in.get(name, ()):
        return False
    head = name.split()[-1]
    return bool(re.search(rf"\b(?:the|its)\s+{re.escape(head)}\b", hit.text, re.I))


def _refers_to_headline(t: Term, q: Question, hit: SentenceHit) -> bool:
    """ "how many employees does Brightline have" over "The company had about 15,000 employees"
    in a report headlined "Brightline Software to cut 1,800 jobs": a name the headline holds is
    what the sentence's "the company" / "the fire" (or the question's own head noun after the
    name, "the Cedar Ridge fire" -> "the fire") stands for."""
    head = (hit.article.headline or "").lower()
    if not head or not _in_headline(t.text, head):
        return False
    heads = [u.text for u in q.terms if u.role == "noun" and u.position > t.position]
    kinds = _DEFINITE_KINDS + "".join("|" + re.escape(h) for h in heads[:1])
    return bool(re.search(rf"\b(?:the|its)\s+(?:{kinds})\b", hit.text, re.I))


# a figure for a wider whole than the report's subject: "nationwide", "across the country"
_WIDER_SCOPE = re.compile(
    r"\b(?:nationwide|nationally|countrywide|worldwide|globally|across\s+the\s+(?:country|nation|world|region|state)|"
    r"elsewhere|in\s+other\s+\w+|around\s+the\s+(?:country|world))\b",
    re.I,
)


# "..., the ministry said on Wednesday, after residents of Ambrel were moved out": the clause
# that trails a mid-sentence attribution
_TRAILING_CLAUSE = re.compile(
    r",\s+[^,;]{2,60}?\b(?:said|says|told\s+[\w ]{1,30}?|added|reported)(?:\s+on\s+\w+)?,\s+"
    r"((?:after|as|when|while|because|before|since|though|although)\b)",
    re.I,
)


@lru_cache(maxsize=8192)
def _own_names(text: str, headline: str) -> frozenset[str]:
    """The sentence's own names, in lower case: capitalised words outside its attribution ("...,
    County Registrar Priya Nand said") that the headline does not hold, not counting a first
    word that is only capitalised because it starts the sentence ("Turnout", "Thirty-one"), nor
    a name in what trails the attribution ("..., the ministry said, after residents of Ambrel
    were moved out"): the attributed claim is what the sentence reports."""
    attr = find_attribution(text)
    said = (
        {w.removesuffix("’s").removesuffix("'s") for w in re.findall(r"[a-z][\w’'\-]*", attr.phrase.lower())}
        if attr
        else set()
    )
    head = set(re.findall(r"[a-z][\w’'\-]*", headline.lower()))
    tail = _TRAILING_CLAUSE.search(text)
    trail = tail.start(1) if tail else len(text)
    out: set[str] = set()
    for start, _end, name in find_names(text):
        if start >= trail:
            continue
        for k, w in enumerate(name.split()):
            low = w.lower().rstrip(".,’'").removesuffix("’s").removesuffix("'s")
            if start == 0 and k == 0 and lx.is_dictionary_word(low.split("-")[0]):
                continue
            if low in lx.MONTHS or low in lx.WEEKDAYS or low in said or low in head or len(low) < 2:
                continue
            out.add(low)
    return frozenset(out)


def _headline_subject(t: Term, q: Question, hit: SentenceHit) -> bool:
    """ "what was the turnout in Harbor City" over "Turnout was about 41% of registered voters" in
    a report headlined "Voters approve Harbor City transit tax": a sentence that names nothing of
    its own is about what its report's headline names. Not when the sentence names another
    place, person or body than the question and the headline do ("a girl in Eastfold has died"
    is no death in Veldt), nor when its figure is for a wider whole ("nationwide")."""
    head = hit.article.headline or ""
    if not head or not _in_headline(t.text, head):
        return False
    if _WIDER_SCOPE.search(hit.text):
        return False
    return not (_own_names(hit.text, head) - _asked_words(q))


def _asked_words(q: Question) -> set[str]:
    """Every word the question's terms stand for (places' keys aside), in lower case."""
    asked: set[str] = set()
    for u in q.terms:
        asked |= {k for k in u.exact | u.related if not k.startswith("@")} | {u.text}
    return asked


@lru_cache(maxsize=16384)
def _in_headline(word: str, headline: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", headline.lower()))


_LEADING_NAME = re.compile(
    r"^(?:[A-Z][\w’'\-]+\s+){0,2}([A-Z][\w’'\-]+)\s+(?:has\s+|had\s+|have\s+)?[a-z]+(?:ed|s)\b"
)


def _carries_on(text: str, prev: str) -> bool:
    """ "Reilly conceded ..." after a sentence naming Tom Reilly: the sentence's subject is a name
    the sentence before introduced, so it goes on about what that sentence was about."""
    m = _LEADING_NAME.match(text)
    if not m or m.group(1) in ("The", "A", "An", "It", "This", "That"):
        return False
    return bool(re.search(rf"\b{re.escape(m.group(1))}\b", prev)) and not lx.is_dictionary_word(
        m.group(1).lower()
    )


# words a report uses for a ship or its master once it has named it: "the ferry" for the
# MV Solenne, "the captain" for the captain of the MV Solenne
_SHIP_WORDS = frozenset("ferry vessel ship boat tanker freighter liner trawler yacht".split())
_DESCRIPTIONS = _SHIP_WORDS | frozenset("captain skipper".split())
_DESC_ALT = "|".join(sorted(_DESCRIPTIONS))
_SHIP_PREFIX = r"(?:MV|MS|MT|SS|FV|RMS|HMS|M/V)"
_NAME = r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2}"
_PREFIXED_SHIP = re.compile(rf"\b{_SHIP_PREFIX}\s+({_NAME})")
# "the captain of the MV Solenne", "the skipper of the Corran"
_DESC_OF_NAME = re.compile(
    rf"\b(?:the|its)\s+({_DESC_ALT})\s+of\s+(?:the\s+)?(?:{_SHIP_PREFIX}\s+)?({_NAME})"
)
# "the ferry Solenne", "the ferry MV Solenne"
_DESC_NAME = re.compile(rf"\b(?:the|a)\s+(?:\w+\s+)?({_DESC_ALT})\s+(?:{_SHIP_PREFIX}\s+)?({_NAME})")
# "Solenne, a ferry built in 1996"
_NAME_COMMA_DESC = re.compile(
    rf"(?:{_SHIP_PREFIX}\s+)?({_NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+)?({_DESC_ALT})\b"
    r"(?!\s+(?:said|says|told|added|reported)\b)"
)
_DESC_PLURAL = {
    (w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s"): w for w in _DESCRIPTIONS
}
# another of the kind, named or not: "another ferry", "rescue boats", "the captain of a trawler"
_OTHER_OF_KIND = re.compile(
    rf"\b(?:another|second|other)\s+(?:[\w-]+\s+)?({_DESC_ALT})\b|\b({'|'.join(sorted(_DESC_PLURAL))})\b"
    rf"|\b({_DESC_ALT})\s+of\s+(?:a|an|another|one)\b",
    re.I,
)
# the bare description a later sentence uses: "The ferry was licensed ...", "The captain, 58, ..."
_BARE_DESC = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts)\s+({_DESC_ALT})(?:’s|'s)?\b(?!\s+(?:of\b|{_SHIP_PREFIX}\b|[A-Z]))"
)


def _descriptions_of(headline: str, sentences: Sequence[SentenceHit]) -> dict[str, tuple[str, int]]:
    """What one report's definite descriptions stand for: description word -> (the one name the
    report gives it, the index of the sentence that first gives it; -1 for the headline). A
    description the report gives two names ("the MV Solenne" and "the MV Aurora" for "ferry")
    stands for neither."""
    names: dict[str, set[str]] = {}
    first: dict[str, int] = {}

    def note(desc: str, name: str, at: int) -> None:
        desc = desc.lower()
        names.setdefault(desc, set()).add(name.lower().removesuffix("’s").removesuffix("'s"))
        first.setdefault(desc, at)

    for at, text in [(-1, headline), *((h.index, h.text) for h in sentences)]:
        for m in _PREFIXED_SHIP.finditer(text):
            for desc in _SHIP_WORDS:
                note(desc, m.group(1), at)
        for m in _DESC_OF_NAME.finditer(text):
            note(m.group(1), m.group(2), at)
        for m in _DESC_NAME.finditer(text):
            note(m.group(1), m.group(2), at)
        for m in _NAME_COMMA_DESC.finditer(text):
            note(m.group(2), m.group(1), at)
        for m in _OTHER_OF_KIND.finditer(text):
            kind = m.group(1) or m.group(3) or _DESC_PLURAL[m.group(2).lower()]
            note(kind, "\x00another", at)
    return {d: (next(iter(n)), first[d]) for d, n in names.items() if len(n) == 1}


def _described_as(t: Term, hit: SentenceHit, ctx: _Ctx) -> str | None:
    """ "The ferry was licensed to carry no more than 300 passengers" in a report that has named
    one ferry, the MV Solenne, in its headline or an earlier sentence: the description stands for
    that name (returned: the description word). Never in a sentence that names a ship of its own."""
    known = ctx.described.get(hit.article.article_id)
    if not known or _PREFIXED_SHIP.search(hit.text):
        return None
    for m in _BARE_DESC.finditer(hit.text):
        desc = m.group(1).lower()
        found = known.get(desc)
        if found is None:
            continue
        name, at = found
        if at < hit.index and t.text in name.split():
            return desc
    return None


def _score(
    q: Question, hit: SentenceHit, ctx: _Ctx, prev: SentenceHit | None, skip: set[int] | None = None
) -> Scored:
    reading = read(hit.text)
    prev_reading = read(prev.text) if prev is not None else None
    anaphoric = bool(_ANAPHORA.search(hit.text)) or (prev is not None and _carries_on(hit.text, prev.text))
    quality: dict[int, float] = {}
    described: dict[int, str] = {}
    total = got = 0.0
    missing: list[Term] = []
    for i, t in enumerate(q.terms):
        if skip and i in skip:
            continue
        qual = _term_quality(t, reading, q)
        if qual == 0.0 and t.role == "entity":
            desc = _described_as(t, hit, ctx)
            if desc is not None:
                qual = CONTEXT
                described[i] = desc
        if qual == 0.0 and t.role in ("entity", "place"):
            qual = _alias_quality(t, reading, ctx)
        if qual == 0.0 and t.role == "entity" and _refers_to_headline(t, q, hit):
            qual = CONTEXT
        if qual == 0.0 and t.name is not None and _names_head(t.name, hit, ctx):
            qual = CONTEXT
        if qual == 0.0 and t.required and t.role in ("entity", "place") and _headline_subject(t, q, hit):
            qual = CONTEXT
        if qual == 0.0 and prev_reading is not None and anaphoric and t.role in ("entity", "place", "noun"):
            qual = CONTEXT * _term_quality(t, prev_reading, q) or (
                CONTEXT * _alias_quality(t, prev_reading, ctx)
            )
        quality[i] = qual
        total += t.weight
        got += t.weight * qual
        if t.required and qual == 0.0:
            missing.append(t)
    coverage = got / total if total else 0.0
    return Scored(
        hit=hit,
        reading=reading,
        coverage=coverage,
        quality=quality,
        missing=missing,
        context=prev,
        described=described,
    )


# ---- figures: the sentence's own reading merged with the stored facts ------------------------


def _figures(hit: SentenceHit) -> list[Figure]:
    figs = [Figure(**{**f.__dict__, "modifiers": list(f.modifiers)}) for f in read(hit.text).figures]
    facts = [f for f in hit.facts if f.kind == "figure"]
    for fact in facts:
        fs, fe = fact.start - hit.start, fact.end - hit.start
        match = next((g for g in figs if g.start <= fs < g.end or fs <= g.start < fe), None)
        if match is None:
            # a figure only the extraction found: keep it if its words are in the sentence
            if fact.value_text and fact.value_text in hit.text and fact.status != "retracted":
                pos = hit.text.find(fact.value_text)
                unit_end = pos + len(fact.value_text)
                m = (
                    re.match(
                        r"(?:\s+[\w\-]+){0,3}?\s+" + re.escape(fact.unit or "\x00") + r"\w*",
                        hit.text[unit_end:],
                    )
                    if fact.unit
                    else None
                )
                if m:
                    unit_end += m.end()
                figs.append(
                    Figure(
                        start=pos,
                        end=unit_end,
                        value_text=fact.value_text,
                        value_num=fact.value_num,
                        number_text=fact.value_text,
                        hedge=fact.hedge,
                        unit=fact.unit,
                        unit_text=fact.unit,
                        kind="percent" if fact.unit == "%" else "money" if fact.unit == "$" else "count",
                        modifiers=list(fact.modifiers),
                        phrase=hit.text[pos:unit_end],
                        fact_id=fact.id,
                        status=fact.status,
                    )
                )
            continue
        match.fact_id = fact.id
        match.status = fact.status
        if match.unit is None and fact.unit:
            match.unit = fact.unit
        if fact.status == "corrected" and fact.value_text:
            match.corrected_from = fact.original_value_text or match.value_text
            match.value_text = fact.value_text
            match.phrase = (
                match.phrase.replace(match.corrected_from, fact.value_text)
                if match.corrected_from in match.phrase
                else fact.value_text
            )
    return [f for f in figs if f.status != "retracted"]


def _retracted_texts(hit: SentenceHit) -> list[str]:
    return [f.value_text or "" for f in hit.facts if f.status == "retracted"]


def _quotable(hit: SentenceHit) -> bool:
    """A sentence holding a retracted fact is never quoted (it would repeat the retracted claim)."""
    return not any(f.status == "retracted" for f in hit.facts)


# a share written as a fraction answers "what share/percentage": "a third of the fleet"
_FRACTION = re.compile(
    r"\b(?:half|thirds?|quarters?|fifths?|sixths?|tenths?|one\s+in\s+\w+|majority|minority)\b", re.I
)


def _unit_match(q: Question, fig: Figure) -> float:
    if q.measure == "money":
        return 1.0 if fig.kind == "money" else 0.0
    if q.measure == "change":
        if fig.kind == "percent" or (
            fig.unit == "point" and fig.unit_text and fig.unit_text.lower() == "points"
        ):
            return 1.0  # "fell 12 basis points", "by a quarter of a percentage point"
        return 0.8 if fig.kind == "money" or _FRACTION.search(fig.value_text or "") else 0.0
    if q.measure == "percent":
        if fig.kind != "percent" and not _FRACTION.search(fig.value_text or ""):
            return 0.0
        if q.counted is None:
            return 1.0
    if fig.kind == "money" and q.counted is not None and not (q.counted.exact & lx.MONEY_WORDS):
        return 0.0
    c = q.counted
    if c is None:
        if fig.unit in lx.PERSON_NOUNS and re.search(r"\bhow\s+much\b", q.text, re.I):
            return 0.0  # "how much will the families get" is no count of people
        return 0.6 if fig.kind in ("count", "vague") and fig.unit else 0.0
    unit = fig.rate_noun if fig.kind == "percent" else fig.unit
    if not unit:
        return 0.0
    ukeys = lx.token_keys(unit) | lx.lemmas(unit)
    if fig.unit_text:
        ukeys |= lx.token_keys(fig.unit_text.lower())
    if c.exact & ukeys:
        return 1.0
    if c.related & ukeys:
        return 0.85
    # a compound's first noun: "how many national guard" ~ "10,000 National Guard troops"
    mod_keys: set[str] = set()
    for m in fig.modifiers:
        mod_keys |= lx.token_keys(m.lower())
    if c.exact & mod_keys and fig.unit and fig.unit in lx.PERSON_NOUNS:
        return 0.9
    cl = {k for k in c.exact if not k.startswith("@")}
    if cl & {"people", "person"} and ukeys & lx.PERSON_NOUNS:
        return 0.75
    return 0.0


# ---- candidates per kind ----------------------------------------------------------------------


@dataclass
class Candidate:
    scored: Scored
    score: float
    short: str | None
    figure: Figure | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _recency_bonus(hit: SentenceHit, newest: datetime | None) -> float:
    if newest is None:
        return 0.0
    age = (newest - _published(hit)).total_seconds() / 86400
    return max(0.0, 0.03 - 0.005 * age)


_SAY_Q = re.compile(
    r"^(?:what|how)\s+(?:did|does|do|has|have|had|is|was)\s+(.+?)\s+(?:say|said|saying|tell|told|think|announce|claim|write|post|respond|react)\b",
    re.I,
)


_ROLE_DESCRIPTIONS = frozenset(
    "president leader official minister secretary ministry spokesperson spokesman spokeswoman governor "
    "mayor ambassador premier chancellor envoy czar administration government".split()
)


def _speaker_ok(q: Question, s: Scored) -> bool:
    """For "what did X say about Y", the sentence must have X (or a pronoun for X) speaking."""
    m = _SAY_Q.search(re.sub(r"^\W+", "", q.text.strip()))
    if not m:
        return True
    who = {w for w in re.findall(r"[a-z0-9\-]+", m.group(1).lower()) if w not in lx.STOPWORDS}
    if not who:
        return True
    speakers: list[str] = []
    attr = find_attribution(s.hit.text)
    if attr:
        speakers.append(attr.who)
    # the words before each verb of saying, back to the previous comma or quote
    speakers += [
        m2.group(1)
        for m2 in re.finditer(
            r"((?:[\w’'\-.]+\s+){1,6}?)(?:has\s+|had\s+|have\s+)?(?:said|says|told|announced|added|wrote|posted|argued|warned|insisted|described|called)\b",
            re.split(r"[,;“”\"]", s.hit.text)[0] + " " + " ".join(re.split(r"[,;“”\"]", s.hit.text)[1:]),
        )
    ]
    for sp in speakers:
        words = {w for w in re.findall(r"[a-z0-9\-]+", sp.lower())}
        keys: set[str] = set()
        for w in words:
            keys |= lx.token_keys(w) | lx.expand(w)[1]
        for w in who:
            exact, related = lx.expand(w)
            if exact & keys or related & keys:
                return True
        if (words & {"he", "she", "they", "it"} or words & _ROLE_DESCRIPTIONS) and s.context is not None:
            # "she said", "the veteran senator has also said": the person of the sentence before
            ctx_keys = read(s.context.text).keys
            if any(lx.expand(w)[0] & ctx_keys for w in who):
                return True
    return False


_EACH_Q = re.compile(r"\b(?:each|per|every|apiece|a piece)\b", re.I)
_TOTAL_Q = re.compile(
    r"\b(?:in all|in total|total|altogether|combined|overall|so far|to date|all told)\b", re.I
)
_Q_HEDGE = re.compile(
    r"\b(up to|at least|at most|more than|fewer than|less than|as many as|nearly|almost)\b", re.I
)


def _local_coverage(q: Question, s: Scored, fig: Figure, skip: Term | None) -> float:
    """How much of the question sits next to the figure (its clause), not just in the sentence:
    "Sheinbaum agreed to send 10,000 troops" answers less of "how many troops has Trump sent"
    than "the number deployed under Trump's order to about 2,500"."""
    toks = s.reading.toks
    idx = [i for i, t in enumerate(toks) if t.start < fig.end and t.end > fig.start]
    if not idx:
        return s.coverage
    lo, hi = max(0, idx[0] - 10), min(len(toks), idx[-1] + 12)
    text = s.hit.text
    # do not reach across a semicolon or a sentence-internal full stop
    for i in range(idx[0] - 1, lo - 1, -1):
        if ";" in text[toks[i].end : toks[i + 1].start]:
            lo = i + 1
            break
    keys: set[str] = set()
    for tok in toks[lo:hi]:
        keys |= tok.keys
    # "He has ordered 1,500 troops there": a name or place the sentence before supplies counts
    # as near the figure when its pronoun is
    near_anaphor = s.context is not None and bool(_ANAPHORA.search(text[toks[lo].start : toks[hi - 1].end]))
    total = got = 0.0
    for i, t in enumerate(q.terms):
        total += t.weight
        if t is skip:
            got += t.weight
            continue
        if near_anaphor and t.role in ("entity", "place", "noun") and 0 < s.quality.get(i, 0.0) <= CONTEXT:
            if not ((t.exact | t.related) & s.reading.keys):
                got += t.weight * s.quality[i]
                continue
        if t.role == "number":
            got += t.weight * (
                1.0 if any(x.text.replace(",", "") == t.text.replace(",", "") for x in toks[lo:hi]) else 0.0
            )
        elif t.exact & keys:
            got += t.weight
        elif t.related & keys:
            got += t.weight * RELATED
    return got / total if total else 0.0


_MORE_Q = re.compile(r"\b(?:more|additional|extra|further|new|another)\b", re.I)
_FUTURE_Q = re.compile(
    r"\b(?:will|would|could|might|may|can|plan(?:s|ned|ning)?|going to|expected|expect|pledged?|promised?|"
    r"agreed?|up to|future|eventually|ultimately|next|potentially|possibly|proposed?|threat\w*|want\w*)\b",
    re.I,
)
_MODAL_NEAR = re.compile(
    r"\b(?:could|would|might|may|plans?|planned|options?|proposals?|proposed|agreed to|pledged?|promised?|"
    r"threatened|threatens|expected to|intends? to|vowed?|aims? to|up to|as many as|if)\b",
    re.I,
)


def _adds_more(text: str, fig: Figure) -> bool:
    """ "1,500 additional troops", "thousands more", "for a further three days", "another 200":
    a figure on top of an earlier one, not the whole."""
    return (
        any(m.lower() in ("more", "additional", "extra", "further", "new") for m in fig.modifiers)
        or bool(re.match(r"\s*more\b", text[fig.end : fig.end + 6]))
        or bool(
            re.search(
                r"\b(?:further|another|additional|extra)\s+$", text[max(0, fig.start - 20) : fig.start], re.I
            )
        )
    )


def _scope_adjust(q: Question, text: str, fig: Figure) -> float:
    """A concrete figure beats a vague one ("thousands") and a done deed beats a plan or a
    pledge, unless the question asks about more, the future or what could happen; a figure of
    "more"/"additional" answers "how many more", a plain total answers "how many"."""
    adj = 0.0
    more_q = bool(_MORE_Q.search(q.text))
    future_q = bool(_FUTURE_Q.search(q.text))
    if fig.kind == "vague" and not (more_q or future_q):
        adj -= 0.15
    clause = text[max(0, fig.start - 45) : fig.end + 25]
    if _MODAL_NEAR.search(clause) or re.match(
        r"\s*more\s+(?:could|would|may|might)\b", text[fig.end : fig.end + 20]
    ):
        adj += 0.15 if future_q else -0.06
    elif future_q:
        adj -= 0.05
    fig_more = _adds_more(text, fig)
    if more_q and fig_more:
        adj += 0.05
    elif more_q:
        adj -= 0.1  # "how many more days" is not the first strike's "two-day"
    elif not more_q and fig_more:
        adj -= 0.08
    elif not more_q and not _EACH_Q.search(q.text) and "total" in _scope(text, fig):
        adj += 0.04
    return adj


def _clause_names(q: Question, s: Scored, fig: Figure) -> float:
    """The question's places and names in the figure's own clause ("about 1,300 migrants are
    held in San Diego"), not only somewhere in the sentence."""
    names = [t for t in q.terms if t.role in ("place", "entity") and t.required]
    if not names or len(s.reading.figures) < 2:
        return 0.0
    try:
        clause = ph.figure_clause(s.hit.text, fig.start, fig.end, keep_speaker=True)
    except Exception:
        return 0.0
    keys = read(clause).keys
    inside = sum(1 for t in names if (t.exact & keys) or t.text in clause.lower())
    return 0.04 * inside - 0.04 * (len(names) - inside)


def _measured(q: Question, text: str, fig: Figure) -> bool:
    """ "what was the turnout" over "Turnout was about 41%", "how deep was the quake" over "at a
    depth of about 10 kilometers": the measure noun just before the figure (or, for a
    dimension, a unit that measures it)."""
    noun = q.measure_noun
    if not noun:
        return False
    if noun == "age":
        # "an 81-year-old man", "aged 61", "Victor Pellan, 61,": an age, never a count
        return fig.kind == "age" or (
            fig.kind == "count"
            and fig.unit is None
            and bool(
                re.search(r"\baged\s+$", text[max(0, fig.start - 8) : fig.start])
                or (
                    re.search(r"\b[A-Z][\w’'\-]+,\s*$", text[max(0, fig.start - 30) : fig.start])
                    and re.match(r",", text[fig.end : fig.end + 1])
                )
            )
        )
    dim = next((units for n, units in lx.DIMENSIONS.values() if n == noun), None)
    if dim and fig.unit and (lx.lemmas(fig.unit.lower()) & dim):
        return True
    if noun == "size" and _sizes_asked_thing(q, text, fig):
        return True
    before = text[max(0, fig.start - 40) : fig.start]
    if re.search(
        rf"\b{re.escape(noun)}s?\b(?:\s+(?:was|is|of|at|stood at|reached|hit|{_MOVED}\s+to))?\s*(?:about|around|roughly|nearly|some|more than|at least)?\s*$",
        before,
        re.I,
    ):
        return True
    # "inflation slowed to 2.8% in May from 3.4% in April": the value it moved from measures it too
    return bool(
        re.search(
            rf"\b{re.escape(noun)}s?\s+{_MOVED}\s+to\s+[^,;]{{1,30}}?\s+from\s*$",
            text[max(0, fig.start - 80) : fig.start],
            re.I,
        )
    )


_SIZE_HEDGE = r"(?:about|around|roughly|nearly|almost|some|more\s+than|at\s+least|up\s+to|over|under)"


def _sizes_asked_thing(q: Question, text: str, fig: Figure) -> bool:
    """ "how big is the budget" over "a 48 billion crown budget", "how big were the waves" over
    "waves of up to four metres": a figure written onto the asked noun itself gives its size."""
    nouns = [k for t in q.terms if t.role == "noun" for k in t.exact if not k.startswith("@")]
    if not nouns:
        return False
    alt = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    rest = (
        fig.phrase[len(fig.value_text or "") :].split()
        if fig.phrase.lower().startswith((fig.value_text or "").lower())
        else []
    )
    if fig.unit and fig.unit.lower() in nouns and len(rest) >= 2:
        return True  # "a 48 billion crown budget": the asked noun with its measure before it
    if re.search(
        rf"\b(?:{alt})\s+of\s+(?:{_SIZE_HEDGE}\s+)?$", text[max(0, fig.start - 60) : fig.start], re.I
    ):
        return True
    return bool(re.match(rf"(?:-[a-z]+)?\s+(?:{alt})\b", text[fig.end : fig.end + 40], re.I))


_MOVED = (
    r"(?:rose|risen|fell|fallen|slowed|eased|accelerated|quickened|climbed|dropped|jumped|increased|"
    r"decreased|declined|edged\s+(?:up|down)|ticked\s+(?:up|down))"
)
_PERIOD = r"(?:" + "|".join(lx.MONTHS) + r"|the\s+(?:first|second|third|fourth)\s+quarter|\d{4})"


_WEEKDAY = r"(?:" + "|".join(lx.WEEKDAYS) + r")"


def _period_match(q: Question, text: str, fig: Figure) -> float:
    """ "what was inflation in April" over "slowed to 2.8% in May from 3.4% in April": the figure
    whose own "in <month>" is the question's month, not the one beside it; "how many did X expel
    on Tuesday" over "which had expelled four ... on Tuesday, added a fifth ... on Wednesday"."""
    days = {d.lower() for d in re.findall(rf"\bon\s+({_WEEKDAY})\b", q.text, re.I)}
    if days:
        own_day = re.match(rf"[^,;.]{{0,50}}?\bon\s+({_WEEKDAY})\b", text[fig.end : fig.end + 70], re.I)
        if own_day:
            return 0.12 if own_day.group(1).lower() in days else -0.12
    asked = re.findall(rf"\bin\s+({_PERIOD})\b", q.text, re.I)
    if not asked:
        return 0.0
    own = re.match(rf"\s+(?:in|for)\s+({_PERIOD})\b", text[fig.end : fig.end + 30], re.I)
    if own is None:
        return 0.0
    return 0.12 if own.group(1).lower() in {a.lower() for a in asked} else -0.2


_HEDGE_WORDS = r"(?:about|around|roughly|nearly|almost|some|more\s+than|at\s+least|over|just\s+over|under)"
# "cases ... have climbed to 214", "the toll stood at 61": the clause's subject is what a bare
# number after the verb counts
_SUBJECT_TO_FIGURE = re.compile(
    r"^[^,;:\d\u2014]{0,100}?\b(?:(?:has|have|had)(?:\s+(?:now|since|already))?)?\s*(?:climbed|risen|rose|increased|grown|grew|"
    r"jumped|fallen|fell|dropped|declined|reached|totall?ed|stood|stands|hit|numbered|was|were|is|are)"
    rf"\s+(?:to\s+|at\s+)?(?:{_HEDGE_WORDS}\s+)?$",
    re.I,
)
# "..., which has recorded 131": a place's own count of what the sentence is about
_RECORDED_FIGURE = re.compile(
    rf"\b(?:has|have|had)\s+(?:now\s+)?(?:recorded|reported|confirmed|registered|logged|counted)\s+(?:{_HEDGE_WORDS}\s+)?$",
    re.I,
)


_ESTIMATED_AT = re.compile(rf"\s+at\s+(?:{_HEDGE_WORDS}\s+)?$", re.I)
_ESTIMATE_VERB = re.compile(
    r"\b(?:put|puts|putting|estimated?|estimates|estimating|pegged|pegs|placed|places)\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+){0,2}\w+$",
    re.I,
)
_FROM_BEFORE = re.compile(r"\b(?:up|down)\s+from\s*$|\bfrom\s*$", re.I)
_EARLIER_Q = re.compile(
    r"\b(?:a|one|two|three|\w+)\s+(?:day|week|month|year)s?\s+(?:earlier|ago|before)\b|\b(?:previously|before that|at first|originally|initially)\b"
    r"|\b(?:earlier|previous|prior|original|initial|first)\s+(?:\w+\s+){0,2}?(?:figure|estimate|toll|count|number|total|tally|forecast)s?\b",
    re.I,
)
# a report's recap of what was said on a day before its own: "Background: ...", "On Tuesday, the
# agency reported ..." in Wednesday's copy
_RECAP = re.compile(
    r"^\W*(?:background|recap|earlier)\s*:|^\W*(?:on|by|late on|early on)\s+("
    + "|".join(lx.WEEKDAYS)
    + r")\b",
    re.I,
)


def _recap(hit: SentenceHit) -> bool:
    m = _RECAP.match(hit.text)
    if m is None:
        return False
    if not m.group(1):
        return True
    pub = hit.article.published_at
    return pub is not None and (pub.weekday() - lx.WEEKDAYS.index(m.group(1).lower())) % 7 in range(1, 7)


def _other_years_event(q: Question, hit: SentenceHit, fig: Figure, figs: list[Figure]) -> bool:
    """ "The valley's last serious floods, in 2009, killed 11 people": a figure whose own clause is
    set years before the report counts another event than the story's, unless a year is asked."""
    pub = hit.article.published_at
    if pub is None or re.search(r"\b(?:19|20)\d\d\b", q.text):
        return False
    # "in 2009, killed 11 people"; "since 1987, when 112 people died"
    for m in re.finditer(r"\bin\s+((?:19|20)\d\d)\b|\bsince\s+((?:19|20)\d\d),?\s+when\b", hit.text):
        if pub.year - int(m.group(1) or m.group(2)) < 2:
            continue
        lo, hi = (m.end(), fig.start) if m.end() <= fig.start else (fig.end, m.start())
        if 0 <= hi - lo <= 60 and not any(g is not fig and lo <= g.start and g.end <= hi for g in figs):
            return True
    return False


# "Drasland, which had expelled four diplomats on Tuesday, added a fifth ..., bringing the number
# it has ordered out to five": the running total, and the background it grew from
_BRINGING = re.compile(
    rf"\bbringing\s+(?:the|its|their)\s+(?:number|total|tally|count|toll)\b[^,;.]{{0,60}}?\bto\s+(?:{_HEDGE_WORDS}\s+)?$",
    re.I,
)
_HAD_DONE_CLAUSE = re.compile(
    rf",\s*(?:which|who)\s+(?:had|has)\s+(?:already\s+)?[a-z]+(?:ed|en|t)\s+(?:{_HEDGE_WORDS}\s+)?$", re.I
)


def _running_total(q: Question, text: str, fig: Figure) -> float:
    before = text[max(0, fig.start - 120) : fig.start]
    if _BRINGING.search(before):
        return 0.1
    if _HAD_DONE_CLAUSE.search(before[-60:]) and not _EARLIER_Q.search(q.text):
        return -0.1
    return 0.0


def _earlier_match(q: Question, hit: SentenceHit, fig: Figure) -> float:
    """ "up from 156 a week ago" is the earlier value: it answers "how many a week earlier", and a
    question without such words wants the figure it rose or fell to, not a report's recap of an
    earlier day's figure."""
    was = bool(_FROM_BEFORE.search(hit.text[max(0, fig.start - 12) : fig.start]))
    recap = _recap(hit)
    if _EARLIER_Q.search(q.text):
        return 0.15 if was else (0.05 if recap else -0.15)
    return -0.05 if was else (-0.1 if recap else 0.0)


_PEOPLE_WORDS = frozenset({"people", "person", "persons", "victims", "lives"})


def _subject_counted(q: Question, text: str, fig: Figure, figs: list[Figure]) -> bool:
    """A number without a noun counts the question's counted noun when that noun is the subject
    the number's verb reports on ("Confirmed measles cases ... have climbed to 214") or the
    sentence is about it and a place "has recorded 131"; never past another figure."""
    c = q.counted
    if c is None or fig.unit is not None or fig.kind != "count":
        return False
    before = text[: fig.start]
    earlier = [g for g in figs if g is not fig and g.end <= fig.start]
    if earlier:
        # "climbed to 214, up from 156": the value it moved from counts the same thing
        return (
            len(earlier) == 1
            and bool(_FROM_BEFORE.search(before[-12:]))
            and _subject_counted(q, text, earlier[0], figs)
        )
    words = [k for k in c.exact if not k.startswith("@")]
    if words and set(words) & _PEOPLE_WORDS and (q.terms and any(t.role == "verb" for t in q.terms)):
        # "how many people died" over "the death toll ... has risen to 47": a toll counts people
        words = [*words, "toll", "death toll", "number of dead", "number of deaths"]
    # "Police put the crowd at about 8,000", "officials estimated the damage at ...": the noun
    # an estimate is put at is what the number counts (a word for it will do: crowd for people;
    # "put the death toll at 31" for the people who died)
    est = _ESTIMATED_AT.search(before)
    if est and _ESTIMATE_VERB.search(before[: est.start()]):
        noun_before = re.findall(r"[a-z]+", before[: est.start()].lower())[-1:]
        if noun_before and (lx.token_keys(noun_before[0]) & (c.exact | c.related) or noun_before[0] in words):
            return True
    if not words:
        return False
    noun = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:e?s)?\b", re.I)
    found = list(noun.finditer(before))
    if not found:
        return False
    if _SUBJECT_TO_FIGURE.match(before[found[-1].end() :]):
        return True
    return bool(_RECORDED_FIGURE.search(before))


# the figure's own predicate: "(people) are still missing", "(people) died", "(people) named on the
# list had never boarded" (a participle after the noun is skipped for the finite verb after it)
_PREDICATE_AFTER = re.compile(
    r"(?:\s+(?:[a-z]+ed|[a-z]+en)\s+(?:on|in|at|by|from|of|for|to|with)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
    r"(?:[a-z\-]+\s+){0,2}?[a-z\-]+)?"
    r"\s+(?:(?:had|has|have|were|was|are|is|remain|remained|remains)\s+"
    r"(?:(?:still|now|all|already|also|never|not|since|reportedly|been)\s+){0,3}"
    r"([a-z]{3,}(?:ed|en)|dead|hurt|missing|lost|left|held|taken|shot|ill)"
    # without an auxiliary only a verb that cannot be a participle describing the noun
    r"|(?:(?:all|also|reportedly)\s+)?(died|drowned|perished))\b",
    re.I,
)


def _negated_count(q: Question, text: str, fig: Figure) -> bool:
    """The figure's own predicate is negated ("had never boarded", "were not paid") and the
    question is not: the figure counts those who did not, never an answer to who did."""
    pred = _PREDICATE_AFTER.match(text, fig.end)
    if pred is None or not re.search(r"\b(?:never|not)\b", pred.group(0), re.I):
        return False
    return not re.search(r"\b(?:not|never|n't|no)\b", q.text, re.I)


def _verb_of_other_count(q: Question, text: str, fig: Figure) -> bool:
    """ "how many were hurt" over "killing at least 140 people and injuring more than 900": the
    figure's own verb (the nearest before it in its clause) is another of the verbs that pick
    out whom a count is of (killed, not injured), so the figure counts someone else."""
    asked: set[str] = set()
    for t in q.terms:
        if t.role == "verb" or t.required:
            asked |= set(t.exact) | set(t.related)
    asked_critical = {k for a in asked for k in lx.lemmas(a) | {a}} & lx.CRITICAL_VERBS
    if not asked_critical:
        return False
    left = re.split(r"[,;:\u2014]|\band\b|\bwhile\b|\bbut\b", text[max(0, fig.start - 60) : fig.start])[-1]
    for w in reversed(re.findall(r"[a-z]+", left.lower())):
        lems = lx.lemmas(w) | {w}
        crit = lems & lx.CRITICAL_VERBS
        if crit:
            related = set().union(*(lx.expand(c)[0] | lx.expand(c)[1] for c in crit))
            return not (related & asked_critical or crit & asked_critical)
    # "At least 12 people died and dozens were missing", "20 people named on the list had never
    # boarded": the verb the figure's noun is subject of, after it, says whom it counts
    pred = _PREDICATE_AFTER.match(text, fig.end)
    if pred is None:
        return False
    w = (pred.group(1) or pred.group(2)).lower()
    lems = lx.lemmas(w) | {w}
    if lems & asked:
        return False
    crit = lems & lx.CRITICAL_VERBS
    if not crit:
        # "treated in hospital" may be the hospitalised; "had never boarded" is no one's deed
        return bool(re.search(r"\b(?:never|not)\b", pred.group(0), re.I))
    related = set().union(*(lx.expand(c)[0] | lx.expand(c)[1] for c in crit))
    return not (related & asked_critical or crit & asked_critical)


_TIME_UNITS = frozenset("second minute hour day week month year decade century".split())


def _span_of_time(fig: Figure) -> bool:
    return bool(fig.unit and fig.unit.lower() in _TIME_UNITS)


def _asked_verb_near(q: Question, s: Scored, fig: Figure) -> bool:
    """ "how much does the probe weigh", "how much does a teacher earn": with no counted noun and
    no measure, the question's verb is what is measured, so the figure's clause must hold it."""
    verbs = [t for t in q.terms if t.role == "verb"]
    if not verbs:
        return True
    toks = s.reading.toks
    idx = [i for i, t in enumerate(toks) if t.start < fig.end and t.end > fig.start]
    if not idx:
        return False
    keys: set[str] = set()
    for tok in toks[max(0, idx[0] - 8) : idx[-1] + 8]:
        keys |= tok.keys
    return any((t.exact | t.related) & keys for t in verbs)


def _counts_other_verb(q: Question, text: str, fig: Figure) -> bool:
    """ "how many people marched" over "two people were arrested after the march": the figure's own
    verb is one that picks out whom a count is of (arrested, killed) and the question asks about
    another verb, so the figure counts someone else."""
    verbs = [t for t in q.terms if t.role == "verb"]
    if not verbs:
        return False
    asked = set().union(*(t.exact | t.related for t in verbs))
    asked = {k for a in asked for k in lx.lemmas(a) | {a}}
    if asked & lx.CRITICAL_VERBS:
        return False  # _verb_of_other_count reads these
    after = re.split(r"[,;:\u2014]|\band\b|\bwhile\b|\bbut\b", text[fig.end : fig.end + 40])[0]
    words = re.findall(r"[a-z]+", after.lower())[:3]
    for w in words:
        crit = (lx.lemmas(w) | {w}) & lx.CRITICAL_VERBS
        if crit and w.endswith(("ed", "en")) or crit and w in ("died", "killed", "hurt"):
            return not (crit & asked)
    return False


_TO_BEFORE = re.compile(rf"\bto\s+(?:{_HEDGE_WORDS}\s+)?$", re.I)


def _moved_to(text: str, fig: Figure) -> bool:
    return bool(_TO_BEFORE.search(text[max(0, fig.start - 20) : fig.start]))


_DONE_Q = re.compile(r"\b(?:so\s+far|to\s+date|already|yet)\b", re.I)
# "how many passengers was the ferry allowed to carry", "what is the stadium's capacity": a limit,
# which a figure of what was actually carried or counted does not answer
_LIMIT_Q = re.compile(
    r"\b(?:allowed|permitted|licen[sc]ed|authori[sz]ed|certified|rated|entitled)\s+to\b"
    r"|\b(?:capacity|maximum|limit|cap)\b|\bcan\s+(?:hold|carry|take|seat|accommodate)\b",
    re.I,
)
_LIMIT_NEAR = re.compile(
    r"\b(?:allow(?:s|ed)?|permit(?:s|ted)?|licen[sc]ed?|authori[sz]ed|certified|rated|entitled|capacity|"
    r"maximum|limit(?:s|ed)?|capped|cap|no\s+more\s+than|at\s+most|designed\s+to|"
    r"(?:can|could)\s+(?:hold|carry|take|seat|accommodate)|seats?)\b",
    re.I,
)


def _limit_missing(q: Question, text: str, fig: Figure) -> bool:
    """A limit asked for, and the figure's stretch of the sentence names none."""
    if not _LIMIT_Q.search(q.text):
        return False
    return not _LIMIT_NEAR.search(text[max(0, fig.start - 80) : fig.end + 40])


def _measure_of(q: Question, text: str, fig: Figure) -> bool:
    """ "how much rain fell" over "210 millimetres of rain", "how much gas" over "4.1 billion
    cubic metres of gas": a measure of the asked stuff; "how many dead" over "as many as 60 dead",
    where the counted word (an adjective standing for people) follows the bare number."""
    c = q.counted
    if c is not None and fig.kind == "money":
        # "how much aid" over "50 million euros in emergency aid", "$2 billion of funding"
        m = re.match(
            r"\s+(?:in|of)\s+(?:new\s+|extra\s+|additional\s+)?([a-z-]+)(?:\s+([a-z-]+))?",
            text[fig.end : fig.end + 40],
            re.I,
        )
        return bool(m and any(w and lx.token_keys(w.lower()) & c.exact for w in m.groups()))
    if c is None or fig.kind != "count":
        return False
    if not fig.unit:
        w = re.match(r"\s+([a-z-]+)\b", text[fig.end : fig.end + 20])
        return bool(w and lx.token_keys(w.group(1)) & c.exact)
    m = re.match(r"\s+of\s+(?:the\s+)?([a-z-]+)(?:\s+([a-z-]+))?", text[fig.end : fig.end + 40], re.I)
    return bool(m and any(w and lx.token_keys(w.lower()) & c.exact for w in m.groups()))


_VERB_BEFORE_FIGURE = re.compile(rf"\b([a-z]+)\s+(?:{_HEDGE_WORDS}\s+)?$", re.I)


def _people_by_verb(q: Question, text: str, fig: Figure) -> bool:
    """ "how many staff does the company have" over "The company employs about 21,000 people":
    people a verb of the counted noun's own word group takes as its object are that noun's
    count (employ ~ staff, employee); any other verb ("evacuated 300 people") counts others."""
    c = q.counted
    if c is None or (fig.unit or "").lower() not in ("people", "person", "persons"):
        return False
    if not (c.exact & lx.PERSON_NOUNS) or c.exact & {"people", "person"}:
        return False
    m = _VERB_BEFORE_FIGURE.search(text[max(0, fig.start - 40) : fig.start])
    if not m:
        return False
    word = m.group(1).lower()
    return "VERB" in lx.pos_tags(word) and bool(lx.lemmas(word) & (c.related | c.exact))


def _count_candidates(q: Question, scored: list[Scored]) -> list[Candidate]:
    out = []
    nothing_counted = q.counted is None and q.measure is None and q.measure_noun is None
    counted_i = next((i for i, t in enumerate(q.terms) if t is q.counted), None)
    each_q = bool(_EACH_Q.search(q.text))
    total_q = bool(_TOTAL_Q.search(q.text))
    hedge_q = _Q_HEDGE.search(q.text)
    done_q = bool(_DONE_Q.search(q.text))
    verbs = [i for i, t in enumerate(q.terms) if t.role == "verb"]
    counted_noun = counted_i is not None and q.terms[counted_i].role == "noun" and bool(verbs)
    for s in scored:
        missing = [t for t in s.missing if t is not q.counted]
        if missing or _borrows_place(q, s):
            continue
        if (
            counted_noun
            and counted_i is not None
            and not s.quality.get(counted_i, 0.0)
            and all(s.quality.get(i, 0.0) < EXACT for i in verbs)
        ):
            continue  # "how much compensation has been paid": neither the thing nor the deed itself
        # "how many COMMERCIAL flights": a describing word of the counted noun that neither the
        # sentence nor the one its pronoun points to has is another count ("two military flights")
        if any(
            (t.role == "adj" or "ADJ" in lx.pos_tags(t.text)) and s.quality.get(i, 0.0) == 0.0
            for i, t in enumerate(q.terms)
            if any(t is m for m in q.counted_mods)
        ):
            continue
        figs = _figures(s.hit)
        for fig in figs:
            # a measure asked for ("how deep") is only the figure that measures it
            um = (0.9 if _measured(q, s.hit.text, fig) else 0.0) if q.measure_noun else _unit_match(q, fig)
            if (
                um <= 0
                and not q.measure_noun
                and not q.measure
                and _subject_counted(q, s.hit.text, fig, figs)
            ):
                um = 0.85
            if um <= 0 and _measure_of(q, s.hit.text, fig):
                um = 0.9
            if um <= 0 and _people_by_verb(q, s.hit.text, fig):
                um = 0.85
            if (
                um <= 0
                and fig.unit is None
                and _BRINGING.search(s.hit.text[max(0, fig.start - 120) : fig.start])
            ):
                # "..., bringing the number it has ordered out to five": the sentence's own count
                um = 0.95 * max(
                    (_unit_match(q, g) for g in figs if g is not fig and g.kind == fig.kind), default=0.0
                )
            if um <= 0:
                continue
            if nothing_counted and not q.target and (_span_of_time(fig) or not _asked_verb_near(q, s, fig)):
                continue
            if (q.target or q.measure == "change") and _moved_to(s.hit.text, fig) != q.target:
                continue  # "cut by a quarter point to 4.25%": "to" is the level, "by" the change
            if (
                _figure_elsewhere(q, s, fig)
                or _other_years_event(q, s.hit, fig, figs)
                or _names_go_with_other_figure(q, s, fig, figs)
            ):
                continue
            if done_q and _MODAL_NEAR.search(s.hit.text[max(0, fig.start - 120) : fig.end + 25]):
                continue  # "how much has been paid so far" is not what "would pay"
            if _limit_missing(q, s.hit.text, fig):
                continue  # "was carrying about 340 passengers" is no licence for 340
            if _negated_count(q, s.hit.text, fig):
                continue  # "20 people named on the list had never boarded": not who was on it
            if fig.inherited:
                um *= 0.9
            if _verb_of_other_count(q, s.hit.text, fig) or _counts_other_verb(q, s.hit.text, fig):
                continue
            # coverage with the counted noun judged by the figure's own unit
            cov = s.coverage
            if counted_i is not None and q.counted is not None:
                total = sum(t.weight for t in q.terms)
                got = cov * total - q.counted.weight * s.quality.get(counted_i, 0.0) + q.counted.weight * um
                cov = got / total if total else 0.0
            local = _local_coverage(q, s, fig, q.counted)
            score = 0.6 * cov + 0.4 * local
            # modifiers of the counted noun: near the figure is better ("military flights")
            near = s.hit.text[max(0, fig.start - 60) : fig.end + 60].lower()
            score += sum(
                0.02 for t in q.counted_mods if any(k in near for k in t.exact if not k.startswith("@"))
            )
            before = s.hit.text[max(0, fig.start - 30) : fig.start].lower()
            after = s.hit.text[fig.end : fig.end + 25].lower()
            per_item = bool(re.search(r"\beach\b|\bper\b|\bevery\b|\bapiece\b", before + " " + after))
            in_all = bool(
                re.search(
                    r"\bin all\b|\bin total\b|\btotal\b|\baltogether\b|\bcombined\b", before + " " + after
                )
            )
            if each_q:
                score += 0.1 if per_item else (-0.1 if in_all else 0.0)
            elif total_q:
                score += 0.05 if in_all else (-0.1 if per_item else 0.0)
            if hedge_q:
                score += 0.15 if (fig.hedge or "").lower() == hedge_q.group(1).lower() else 0.0
            score += _scope_adjust(q, s.hit.text, fig)
            score += _clause_names(q, s, fig)
            score += _period_match(q, s.hit.text, fig)
            score += _earlier_match(q, s.hit, fig)
            lift = _running_total(q, s.hit.text, fig)
            out.append(Candidate(s, score + lift, fig.phrase, figure=fig, extra={"lift": max(lift, 0.0)}))
    return out


_IDENT = re.compile(r"[A-Z0-9][\w]*-?\d[\w-]*|[A-Z]{2,}[\w-]*")


_WHAT_DID_Q = re.compile(
    r"^\W*what\s+(?:did|does|do|has|have|had|will|would|is|was)\s+(.+?)\s+([a-z]+)\b", re.I
)
_NOT_AN_OBJECT = frozenset("on in at last this after before during by with from when while".split())


_SENTENCE_SUBJECT = re.compile(
    r"^(?:But|And|Yet|Still|However,?)?\s*((?:He|She|They|The\s+(?:\w+\s+){0,2}?(?:president|leader|official|minister|secretary|"
    r"government|ministry|administration|country|department|agency)))\b",
)


def _did_clause(q: Question, s: Scored) -> str | None:
    """ "what did Sheinbaum agree to": the clause where the sentence has the asker's subject do
    the asked verb, with its object ("Sheinbaum agreed to send 10,000 National Guard troops to
    the border"); None when the sentence does not say it of that subject (the sentence is
    quoted instead)."""
    wd = _WHAT_DID_Q.match(q.text.strip())
    if not wd:
        return None
    subj = [t for t in q.terms if t.role in ("entity", "place")]
    if len(subj) > 1:
        # "what did Trump rename the Gulf of Mexico to": the subject is the name before the verb
        said = set(re.findall(r"[a-z0-9\-]+", wd.group(1).lower()))
        subj = [t for t in subj if t.typed.lower() in said]
    verbs = [
        t for t in q.terms if t.role in ("verb", "noun") and "VERB" in lx.pos_tags(t.text) and t not in subj
    ]
    if len(subj) != 1 or not verbs or any(lx.lemmas(v.text) & lx.SAY_VERBS for v in verbs):
        return None
    toks, text = s.reading.toks, s.hit.text
    for i, tok in enumerate(toks):
        if not any(v.exact & tok.keys for v in verbs):
            continue
        if i + 1 >= len(toks) or toks[i + 1].low in _NOT_AN_OBJECT:
            continue
        start = next(
            (toks[j] for j in range(i - 1, max(-1, i - 5), -1) if subj[0].exact & toks[j].keys), None
        )
        if start is None or re.search(r"[,;:]", text[start.end : tok.start]):
            # "The governor has closed ..., renamed the bridge to ...": the sentence's
            # subject is a pronoun or role word standing for the asked name (alias or the
            # sentence before), and the verb is one of its coordinated verbs
            si = q.terms.index(subj[0]) if subj[0] in q.terms else -1
            head = _SENTENCE_SUBJECT.match(text)
            if (
                head is None
                or subj[0].exact & s.reading.keys
                or not 0 < s.quality.get(si, 0.0) < EXACT
                or re.search(
                    r"[;:]|\b(?:said|says|told|but|while|after|because)\b", text[head.end() : tok.start]
                )
            ):
                continue
            m = re.search(r"[,;:.](?:\s|$)|$", text[tok.end :])
            tail = text[tok.start : tok.end + (m.start() if m else 0)].strip()
            clause = f"{head.group(1)} {tail}"
            if 3 <= len(clause.split()) <= 30:
                return clause
            continue
        m = re.search(r"[,;:.](?:\s|$)|$", text[tok.end :])
        clause = text[start.start : tok.end + (m.start() if m else 0)].strip()
        if 3 <= len(clause.split()) <= 30:
            return clause
    return None


# "what are the names of ...", "what was the earlier estimate of ...": a value is asked for
_VALUE_Q = re.compile(
    r"^\W*what\s+(?:is|was|are|were)\s+(?:the\s+)?(?:[\w'’]+\s+){0,3}?"
    r"(names?|estimates?|figures?|numbers?|totals?|amounts?|tally|toll|costs?|prices?)\b",
    re.I,
)


_CONDITION = re.compile(r"\b(?:if|unless)\b", re.I)


def _topic_coverage(q: Question, s: Scored, speaker: frozenset[str]) -> float:
    """ "what did Marrow say about the accusations": once the sentence has her speaking (by name
    or by "she"), it is judged by how well it holds the topic, not by how it names her."""
    total = got = 0.0
    for i, t in enumerate(q.terms):
        total += t.weight
        got += t.weight * (EXACT if t.text in speaker else s.quality.get(i, 0.0))
    return got / total if total else 0.0


def _holds_value(q: Question, s: Scored, noun: str) -> bool:
    """A sentence answers "what are the names of X" only with a full name the question does not
    hold, and "what was the estimate of X" only with a figure the question does not give."""
    asked = q.text.lower()
    if noun.startswith("name"):
        return any(
            len(name.split()) >= 2 and name.lower() not in asked
            for _start, _end, name in find_names(s.hit.text)
        )
    return any(f.value_text and f.value_text.lower() not in asked for f in _figures(s.hit))


def _what_candidates(q: Question, scored: list[Scored]) -> list[Candidate]:
    """ "what tariff": a figure of that noun answers; "which aircraft": a name or model written
    with it ("a C-17 transport aircraft", the program “Remain in Mexico”)."""
    out = []
    tn = q.type_noun
    value_q = _VALUE_Q.match(q.text)
    say_m = _SAY_Q.match(q.text)
    said = frozenset(re.findall(r"[\w’']+", say_m.group(1).lower())) if say_m else frozenset()
    if_q = bool(_CONDITION.search(q.text))
    fig_of: dict[int, Figure] = {}
    for s in scored:
        if not s.ok or not _speaker_ok(q, s):
            continue
        if tn is None:
            if value_q and not _holds_value(q, s, value_q.group(1).lower()):
                continue
            score = s.coverage
            if said:
                score = _topic_coverage(q, s, said)
            if if_q and _CONDITION.search(s.hit.text):
                score += 0.1  # "what happens if X": the sentence that states the condition
            out.append(Candidate(s, score, _did_clause(q, s)))
            continue
        keys = {k for k in tn.exact | tn.related}
        short = None
        bonus = 0.0
        for fig in _figures(s.hit):
            noun = fig.rate_noun if fig.kind == "percent" else fig.unit
            if noun and (lx.token_keys(noun) | lx.lemmas(noun)) & keys:
                short, bonus = fig.phrase, 0.15
                fig_of[id(s)] = fig
                break
        if short is None:
            toks = s.reading.toks
            for i, tok in enumerate(toks):
                if not (tok.keys & keys):
                    continue
                # a model or name right before the noun ("C-17 transport aircraft")
                for j in range(max(0, i - 3), i):
                    w = toks[j]
                    if (
                        _IDENT.fullmatch(w.text)
                        and not any(k.startswith("@") for k in w.keys)
                        and any(ch.isdigit() for ch in w.text)
                    ):
                        short = s.hit.text[w.start : tok.end]
                        bonus = 0.15
                        break
                if short:
                    break
                # a quoted or capitalised name right after it ("the scheme known as “Safe Harbor”")
                after = s.hit.text[tok.end : tok.end + 60]
                m = re.match(r"\s*(?:known as|called|named|dubbed|,)?\s*[“\"]([^”\"]{2,50})[”\"]", after)
                if m:
                    short = m.group(1).strip(" ,")
                    bonus = 0.15
                    break
        cand = Candidate(s, s.coverage + bonus, short)
        if id(s) in fig_of:
            cand.extra["figure"] = fig_of[id(s)]
        out.append(cand)
    # "which plane": when some sentence names it, one that only mentions a plane answers less
    if tn is not None and any(c.short for c in out):
        for c in out:
            if not c.short:
                c.score -= 0.15
    return out


def _verb_in_sentence(q: Question, s: Scored) -> bool:
    """A date or place belongs to an event: when the question names the event with a verb
    ("when does it start again"), the sentence itself must say it."""
    verbs = [
        t
        for t in q.terms
        if t.role == "verb" or (t.role == "noun" and "VERB" in lx.pos_tags(t.text) and t is not q.counted)
    ]
    return not verbs or any(_term_quality(t, s.reading, q) > 0 for t in verbs)


_SEGMENT_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|n't|no longer|yet to|refused to|declined to)\s+(?:\w+\s+){0,2}$", re.I
)
_SAY_FORMS = frozenset("said says told tells announced confirmed reported added stated noted".split())


def _event_terms(q: Question) -> list[Term]:
    return [
        t
        for t in q.terms
        if t.role == "verb" or (t.role == "noun" and "VERB" in lx.pos_tags(t.text) and t is not q.counted)
    ]


def _verbish(tok: Any) -> bool:
    if tok.low in lx.AUXILIARIES or tok.low in lx.STOPWORDS:
        return False
    tags = lx.pos_tags(tok.low)
    return tok.low in _SAY_FORMS or tags == {"VERB"} or (tok.low.endswith("ed") and "VERB" in tags)


_SAY_Q_WORD = re.compile(
    r"\b(?:say|says|said|tell|told|announce[sd]?|confirm(?:s|ed)?|report(?:s|ed)?|add(?:s|ed)?|state[sd]?)\b",
    re.I,
)
_SPEECH_TIME = re.compile(r"\b(?:" + "|".join(_SAY_FORMS) + r")\b(?:\s+[\w’']+){0,3}\s*$", re.I)


_LASTING = re.compile(
    r"^\W*(?:which|that)\s+(?:had\s+|has\s+)?(?:lasted|lasts|took|takes|ran|runs|spanned|spans)\s+"
    rf"(?:{_HEDGE_WORDS}\s+)?$",
    re.I,
)


_APPOS_START = re.compile(r"^\W*(?:a|an)\s+$", re.I)


def _event_times(q: Question, s: Scored, times: list[Any]) -> list[Any]:
    """The times that belong to the question's event: in the clause of the verb that names it
    ("Trump on Monday put off the tariffs"), or in a verbless phrase beside it ("landed in
    Quito, on Thursday"); not a time of another verb ("..., a Mexican official said on Monday").
    An event the sentence negates ("has still not allowed") has no time."""
    events = _event_terms(q)
    if not events:
        return times
    text = s.hit.text
    toks = s.reading.toks
    ev_toks = [tok for tok in toks if any((t.exact | t.related) & tok.keys for t in events)]
    if not ev_toks:
        return []
    ev_toks = [
        tok for tok in ev_toks if not _NEGATION_BEFORE.search(text[max(0, tok.start - 40) : tok.start])
    ]
    if not ev_toks:
        return []
    cuts = [0] + [m.start() for m in _SEGMENT_BREAK.finditer(text)] + [len(text)]

    def seg(pos: int) -> int:
        return max(i for i, c in enumerate(cuts) if c <= pos)

    ev_segs = {seg(tok.start) for tok in ev_toks}
    said_q = bool(_SAY_Q_WORD.search(q.text))
    keep = []
    for t in times:
        if (
            not said_q
            and _SPEECH_TIME.search(text[max(0, t.start - 40) : t.start])
            and re.match(r"\s+that\b", text[t.end :])
        ):
            continue  # "told Eastline on Wednesday that the alert had gone out": when it was said
        ts = seg(t.start)
        if (
            ts in ev_segs
            or (
                ts - 1 in ev_segs
                and (
                    _LASTING.match(text[cuts[ts] : t.start])
                    # "the Tessel canal, a 64-kilometre shipping route": an apposition's span
                    or (q.duration and _APPOS_START.match(text[cuts[ts] : t.start]))
                )
            )
        ):
            # "during the final engine burn, which lasted 47 seconds": the span of the thing
            # the clause before names
            keep.append(t)
            continue
        own = [tok for tok in toks if seg(tok.start) == ts and _verbish(tok)]
        if not own:
            keep.append(t)
    return keep


def _outside_share(q: Question, s: Scored) -> float:
    """The share of the question a sentence holds only through its context (what its headline
    or the sentence before names: "The probe ... will spend 18 months mapping the asteroid" in a
    report on Ostra): such words cannot sit next to any of its figures, so a figure's clause is
    not faulted for lacking them."""
    total = sum(t.weight for t in q.terms)
    got = sum(
        t.weight * s.quality.get(i, 0.0)
        for i, t in enumerate(q.terms)
        if 0 < s.quality.get(i, 0.0) <= CONTEXT and not (t.exact | t.related) & s.reading.keys
    )
    return got / total if total else 0.0


_HOW_LONG_IS = re.compile(r"^\W*(?:for\s+)?how\s+long\s+(?:is|are|was|were)\s+(?:the|a|an|its|their)\b", re.I)
_APPOS_NOUN = re.compile(r"\b([a-z]+),\s+(?:a|an)\s+$")
_LENGTH_UNITS = frozenset("km kilometre kilometer mile metre meter foot feet yard".split())


def _spans_as_figures(q: Question, s: Scored) -> list[Any]:
    """ "how long": a span written as a figure ("sentenced to six years in prison", "lasted 47
    seconds", "a five-year contract"). A compound describes its own noun: "a five-year contract"
    answers how long the contract is, not how long the lease is."""
    nouns = [t for t in q.terms if t.role == "noun"]
    # "how long is the pipeline", "how long were the queues": a thing's length answers too
    length_ok = bool(_HOW_LONG_IS.match(q.text))
    out = []
    for fig in _figures(s.hit):
        if fig.kind != "count" or not (
            _span_of_time(fig) or (length_ok and (fig.unit or "").lower() in _LENGTH_UNITS)
        ):
            continue
        if fig.holder is not None:
            keys = lx.token_keys(fig.holder) | lx.lemmas(fig.holder)
            # "the Saltmere pipeline, a 340-kilometre gas link": the compound in apposition
            # describes the noun before it
            appos = _APPOS_NOUN.search(s.hit.text[max(0, fig.start - 40) : fig.start])
            if appos:
                keys = keys | lx.token_keys(appos.group(1).lower())
            if not any((t.exact | t.related) & keys for t in nouns):
                continue
        elif _local_coverage(q, s, fig, None) + _outside_share(q, s) < 0.5:
            continue
        out.append(TimeSpan(fig.start, fig.end, fig.phrase))
    return out


def _vague_time(t: Any) -> bool:
    return (
        t.resolved is None
        and not re.search(r"\d", t.text)
        and not any(d in t.text.lower() for d in lx.WEEKDAYS)
    )


def _date_candidates(q: Question, scored: list[Scored]) -> list[Candidate]:
    out = []
    nouns = [i for i, t in enumerate(q.terms) if t.role == "noun" and "VERB" not in lx.pos_tags(t.text)]
    # "the Ostra probe": the common noun after a name says what the name is; where the name is
    # found, the noun need not be
    named_head = {
        i: j
        for i in nouns
        for j, u in enumerate(q.terms)
        if u.role == "entity" and u.required and u.position == q.terms[i].position - 1
    }
    for s in scored:
        if not s.ok or not _verb_in_sentence(q, s):
            continue
        if any(
            s.quality.get(i, 0.0) == 0.0 and not (i in named_head and s.quality.get(named_head[i], 0.0) > 0)
            for i in nouns
        ):
            continue  # the event's own things (the tariffs, the flights) are in the sentence
        times = [
            t
            for t in find_times(s.hit.text, s.hit.article.published_at)
            if t.text.lower() not in ("so far", "recently")
            and t.duration == q.duration
            # "a day before (they were due to start)": a time relative to another event
            and not re.search(r"\b(?:before|after|later|earlier)$", t.text.strip(), re.I)
        ]
        if q.clock:
            # "what time": only a time of day answers it, never the day
            times = find_clock_times(s.hit.text)
        if q.duration:
            times += _spans_as_figures(q, s)
        times = _event_times(q, s, times)
        if _asks_end(q):
            times = _end_times(s, times)
        if not times:
            continue
        strong = [t for t in times if q.clock or strong_time(t)]
        pick_from = strong or times
        # the time nearest to the question's matched words
        matched = [t for i, t in enumerate(q.terms) if s.quality.get(i, 0.0) > 0 and t.role != "place"]
        anchors = [
            tok.start for tok in s.reading.toks if any((t.exact | t.related) & tok.keys for t in matched)
        ]

        def distance(span: Any, anchors: list[int] = anchors) -> int:
            return min((abs(span.start - a) for a in anchors), default=0)

        # "later this month" gives way to "on September 30" when a report has the day itself
        exact = [t for t in pick_from if not _vague_time(t)]
        best = min(exact or pick_from, key=distance)
        penalty = (0.0 if strong else 0.1) + (0.1 if _vague_time(best) else 0.0)
        extra: dict[str, Any] = {"time": best}
        if not q.clock:
            # "had gone out at 9 p.m. on Monday": the time of day goes with its day
            extra["clock"] = next(
                (c for c in find_clock_times(s.hit.text) if 0 <= best.start - c.end <= 1),
                None,
            )
        out.append(Candidate(s, s.coverage - penalty, best.text, extra=extra))
    return _drop_postponed(q, scored, nouns, out)


_END_KEYS = frozenset({"end", "expire", "lapse", "finish", "conclude", "expiry", "expiration"})
_END_Q = re.compile(r"\b(?:runs?|ran)\s+out\b", re.I)
_UNTIL = re.compile(r"^(?:until|till|through|to)\b", re.I)
_UNTIL_BEFORE = re.compile(
    r"\b(?:until|till|through|expires?|expiring|ends?|ending|lapses?|runs?\s+out)\s+(?:on\s+|in\s+|at\s+)?$",
    re.I,
)


def _asks_end(q: Question) -> bool:
    """ "when does the pause end / expire / run out": the end of the event, not when it began."""
    return bool(_END_Q.search(q.text)) or any(t.exact & _END_KEYS for t in _event_terms(q))


def _end_times(s: Scored, times: list[Any]) -> list[Any]:
    """An end's times: "until early March", "expires on Friday", or a time in the clause of a
    verb that says the end ("the pause ends on March 4"); not the time of the verb that announced
    or began it ("were paused on Monday for 30 days, until early March" answers "until early March")."""
    text = s.hit.text
    cuts = [0] + [m.start() for m in _SEGMENT_BREAK.finditer(text)] + [len(text)]

    def seg(pos: int) -> int:
        return max(i for i, c in enumerate(cuts) if c <= pos)

    end_segs = {seg(tok.start) for tok in s.reading.toks if tok.keys & _END_KEYS}
    keep = []
    for t in times:
        if _UNTIL.match(t.text) or _UNTIL_BEFORE.search(text[max(0, t.start - 30) : t.start]):
            keep.append(t)
        elif seg(t.start) in end_segs:
            keep.append(t)
    return keep


_START_KEYS = frozenset({"start", "begin", "commence", "launch"})
_POSTPONE_KEYS = frozenset({"postpone", "pause", "delay", "defer", "suspend", "freeze"})
_AS_PLANNED_Q = re.compile(
    r"\b(?:supposed|due|scheduled|originally|initially|planned|meant|set to|were to|was to|first)\b", re.I
)


def _drop_postponed(
    q: Question, scored: list[Scored], nouns: list[int], cands: list[Candidate]
) -> list[Candidate]:
    """ "when do the tariffs start (now)": a start date that a report of the same day or later
    says was paused or put off is no longer the answer (unless the question asks when it was
    supposed to start)."""
    if not cands or _AS_PLANNED_Q.search(q.text):
        return cands
    if not any(t.exact & _START_KEYS for t in _event_terms(q)):
        return cands
    put_off = [
        _published(s.hit)
        for s in scored
        if s.ok
        and all(s.quality.get(i, 0.0) > 0 for i in nouns)
        and any(tok.keys & _POSTPONE_KEYS for tok in s.reading.toks)
    ]
    if not put_off:
        return cands
    latest = max(put_off)
    return [c for c in cands if _published(c.scored.hit) > latest]


_RELATIVE_PLACE = re.compile(
    r"\b((?:(?:about|some|roughly|nearly|around)\s+)?\d[\d,.]*\s*(?:km|kilometers?|kilometres?|miles?)\s+"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+"
    r"(?:the\s+)?[^,;.()]{2,50}?(?:,\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*)?"
    r"|(?:near|off|outside|beside)\s+(?:a|an|the)\s+[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?"
    r"(?:\s+(?:off|near|on|along|in|at)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|\d+))*)?)"
    r"(?=[,;.)]|\s+(?:and|but|on|in|at|by|with|where|when|after|before)\b|$)"
)


# where a place's clause begins: a comma or dash, a relative word or a subordinator
_PLACE_CLAUSE_START = re.compile(
    r"[,;:()\u2014\u2013]|\b(?:who|which|that|whose|where|when|after|before|because|while|as|since|until|and)\b",
    re.I,
)


def _lexical_verb(tok: Any) -> bool:
    """A word that can only be a verb ("died", "taken", "found"), not a noun that may also be
    one ("samples", "plant") nor an auxiliary ("are", "had")."""
    if tok.low in lx.AUXILIARIES or tok.low in lx.STOPWORDS:
        return False
    tags = lx.pos_tags(tok.low)
    return "VERB" in tags and "NOUN" not in tags


_WHERE_IS_Q = re.compile(r"^\W*where\s+(?:is|are|was|were)\b", re.I)


def _place_of_other_deed(q: Question, s: Scored, at: int) -> bool:
    """ "an 81-year-old man who died in Castlebay ... had been infected with the strain found at
    the plant": a place goes with the nearest verb or asked-about word before it in its clause;
    when that is a verb the question does not ask about ("where ... find"), the place answers
    something else. A question without a deed ("where is the shelter") takes any verb."""
    if not _event_terms(q) or _WHERE_IS_Q.match(q.text):
        return False
    text = s.hit.text
    start = _last_boundary(_PLACE_CLAUSE_START, text, at)
    asked = [t for t in q.terms if t.role != "place"]
    for tok in reversed([tok for tok in s.reading.toks if start <= tok.start < at]):
        if any((t.exact | t.related) & tok.keys for t in asked):
            return False
        if _lexical_verb(tok):
            return True
    return False


# "where in the plant": a spot inside a thing, not the town the thing is in; a container of
# places ("where in the country") is still answered by a place's name
_WHERE_INSIDE_Q = re.compile(
    r"^\W*where\s+(?:in|on|inside|within)\s+(?:the|a|an|its|their|his|her)\s+([a-z]+)\b", re.I
)
_PLACE_CONTAINERS = frozenset(
    "country nation state province region county city town village area district world continent island capital".split()
)
_SPOT = re.compile(
    r"\s+((?:in|on|inside|under|beneath|behind|near|at)\s+(?:a|an|the|its|their|one)\s+[a-z][a-z\-]*"
    r"(?:\s+(?!(?:according|said|says|and\s+(?:was|were|had|has|is|are))\b)[a-z][a-z\-]*)*)"
)


def _spot_inside(q: Question, thing: str, s: Scored) -> str | None:
    """ "found listeria in a floor drain next to the line": the spot the question's deed names,
    right after the deed and what it acted on, within the deed's clause. Not a spot that is the
    thing itself or holds a name ("in samples taken from its plant in Merrow")."""
    text = s.hit.text
    deeds = [
        tok
        for tok in s.reading.toks
        if _lexical_verb(tok) and any((t.exact | t.related) & tok.keys for t in _event_terms(q))
    ]
    for tok in deeds:
        clause_end = re.search(r"[,;:()\u2014\u2013]|$", text[tok.end :])
        end = tok.end + (clause_end.start() if clause_end else 0)
        rest = text[tok.end : end]
        # what the deed acted on: up to four words before the spot
        m = re.match(r"(?:\s+[\w’'\-]+){0,4}?" + _SPOT.pattern, rest)
        if m is None:
            continue
        spot = m.group(1).strip()
        words = set(re.findall(r"[a-z]+", spot.lower()))
        if not lx.lemmas(thing) & {w for x in words for w in lx.lemmas(x)}:
            return spot
    return None


def _place_candidates(q: Question, scored: list[Scored]) -> list[Candidate]:
    out = []
    inside = _WHERE_INSIDE_Q.match(q.text)
    if inside and inside.group(1).lower() not in _PLACE_CONTAINERS:
        for s in scored:
            if s.ok and _verb_in_sentence(q, s):
                spot = _spot_inside(q, inside.group(1).lower(), s)
                if spot:
                    out.append(Candidate(s, s.coverage, spot))
        return out
    qwords = {t.text for t in q.terms} | {t.typed.lower() for t in q.terms}
    qkeys = {k for t in q.terms for k in t.exact}
    for s in scored:
        if not s.ok or not _verb_in_sentence(q, s):
            continue
        matched = [t for i, t in enumerate(q.terms) if s.quality.get(i, 0.0) > 0 and t.role not in ("place",)]
        anchors = [
            tok.end for tok in s.reading.toks if any((t.exact | t.related) & tok.keys for t in matched)
        ]
        places: list[tuple[float, str]] = []
        # a place inside the credit ("according to the US Geological Survey") is the source's name
        attr = find_attribution(s.hit.text)
        credit = s.hit.text.find(attr.phrase) if attr is not None and attr.verb == "according" else -1
        spans = [
            (a, b, name)
            for a, b, name in find_places(s.hit.text)
            if credit < 0 or not (credit <= a < credit + len(attr.phrase if attr else ""))
        ]
        for m in _RELATIVE_PLACE.finditer(s.hit.text):
            # "30 km south of the provincial capital, Solvara", "near a campground off Highway 38"
            if not any(a < m.end(1) and m.start(1) < b for a, b, _n in spans) or m.group(1)[:1].isdigit():
                spans = [(a, b, n) for a, b, n in spans if not (m.start(1) <= a < m.end(1))]
                spans.append((m.start(1), m.end(1), m.group(1).strip()))
        for a, _b, name in sorted(spans):
            # "the United States, Colombia's foreign ministry": a possessive is an owner, not a place
            parts = [p.strip() for p in re.split(r",\s+", name)]
            keep = []
            for part in parts:
                if re.search(r"(?:’s|'s)$", part):
                    break
                keep.append(part)
            name = ", ".join(keep).strip()
            if not name or _place_of_other_deed(q, s, a):
                continue
            low = name.lower()
            pk = lx.PLACE_KEY.get(low)
            if low in qwords or (pk and "@" + pk in qkeys and low == pk):
                continue
            if pk and "@" + pk in qkeys and pk == lx.PLACE_KEY.get(low.split(",")[0], ""):
                if low.split(",")[0] == pk:
                    continue
            # nearest after a matched word of the question ("landed in Bogota")
            dist = min(
                ((a - x) if a >= x else 3 * (x - a) for x in anchors),
                default=50,
            )
            places.append((dist, name))
        if not places:
            continue
        places.sort(key=lambda p: p[0])
        best = places[0][0]
        picked = [n for d, n in places if d <= best + 25]
        out.append(Candidate(s, s.coverage, "; ".join(dict.fromkeys(picked))))
    return out


_NAME_RUN = re.compile(
    r"[A-Z][\w’'\-.]*[\w’'\-](?:\s+(?:de|del|la|da|van|von|bin)?\s*[A-Z][\w’'\-.]*[\w’'\-])*"
)
_APPOS_BEFORE = re.compile(
    r"([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3}),\s+(?:(?!who\b|which\b|that\b|and\b|but\b|said\b|says\b)[a-z][\w’'\-]*\s+){0,4}$"
)


def _strip_possessive(name: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", name.strip())


def _role_holders(text: str, role: Term) -> list[tuple[frozenset[str], str]]:
    """Role + name appositions of a sentence: "Mexican President Claudia Sheinbaum", "Secretary
    of State Marco Rubio", "Claudia Sheinbaum, Mexico's president", "Colombia's foreign minister,
    Luis Gilberto Murillo". Each as (the keys of the role phrase's own words, the name)."""
    toks = read(text).toks
    out: list[tuple[frozenset[str], str]] = []
    for i, tok in enumerate(toks):
        if not (role.exact & tok.keys) or re.search(r"(?:’s|'s|s’|s')$", tok.text):
            continue  # "the Sheriff's Office": a possessive role names no holder
        keys: set[str] = set(tok.keys)
        # the words before the role, back to a comma or a function word ("after Mexican President")
        j = i - 1
        while j >= 0 and i - j <= 4:
            gap = text[toks[j].end : toks[j + 1].start]
            if re.search(r"[,;:()\u2014\u2013\"“”]", gap) or toks[j].low in lx.STOPWORDS:
                break
            keys |= toks[j].keys
            j -= 1
        left_start = toks[j + 1].start
        rest = text[tok.end :]
        name = None
        # "Secretary of State Marco Rubio", "ambassador to Mexico Ronald Johnson"
        m = re.match(r"\s+(?:of|to|for)\s+(?:the\s+)?(" + _NAME_RUN.pattern + ")", rest)
        if m:
            run = _strip_possessive(m.group(1)).split()
            if len(run) >= 3:
                keys |= read(" ".join(run[:-2])).keys
                name = " ".join(run[-2:])
            else:
                keys |= read(" ".join(run)).keys
                # "The mayor of Hale, Jonas Ekberg, said": the name set off after the role's place
                m3 = re.match(r",\s+(" + _NAME_RUN.pattern + r")\s*,", rest[m.end() :])
                if (
                    m3
                    and len(m3.group(1).split()) >= 2
                    and not any(k.startswith("@") for k in read(m3.group(1)).keys)
                ):
                    name = _strip_possessive(m3.group(1))
        if name is None and not m:
            # "President Claudia Sheinbaum"; "the foreign minister, Luis Gilberto Murillo, said"
            m2 = re.match(r"(,)?\s+(" + _NAME_RUN.pattern + ")", rest)
            if m2 and (
                not m2.group(1)
                or j < 0
                or toks[j].low in ("the", "a", "an")
                or text[toks[j].end : toks[j + 1].start].strip() in (",", "")
            ):
                cand = _strip_possessive(m2.group(2))
                if cand.split()[0].lower() not in lx.STOPWORDS and not any(
                    k.startswith("@") for k in read(cand).keys
                ):
                    name = cand
        if name is None and not m:
            # "The captain, identified by prosecutors as Henrik Vass, appeared ..."
            m4 = re.match(
                r",\s+(?:identified|named)(?:\s+by\s+[^,;]{1,40}?)?\s+as\s+(" + _NAME_RUN.pattern + ")", rest
            )
            if (
                m4
                and len(m4.group(1).split()) >= 2
                and not any(k.startswith("@") for k in read(m4.group(1)).keys)
            ):
                name = _strip_possessive(m4.group(1))
        if name is None:
            # "Claudia Sheinbaum, Mexico's president"; "Howard Lutnick, his pick for commerce secretary"
            mb = _APPOS_BEFORE.search(text[:left_start])
            if mb and not any(k.startswith("@") for k in read(mb.group(1)).keys):
                name = _strip_possessive(mb.group(1))
                # "..., the agency's chief microbiologist, said": the role phrase runs on to
                # its comma
                tail = re.match(r"[^,;:()\u2014\u2013\"“”]{1,40}", rest)
                if tail:
                    for w in read(tail.group()).toks[:3]:
                        if w.low in lx.STOPWORDS:
                            break
                        keys |= w.keys
        if name and name.split()[-1].lower() not in _INSTITUTIONS:
            out.append((frozenset(keys), name))
    return out


# the last word of a body's name, never a person's: "Governor's Office", "Minister ... Department"
_INSTITUTIONS = frozenset(
    """office department ministry agency service services committee council administration bureau
    commission court house senate congress parliament assembly government authority board
    secretariat embassy command force forces police army navy guard university hospital""".split()
)


def _role_of_headline(
    q: Question, hit: SentenceHit, keys: frozenset[str], name: str, missing: list[Term]
) -> bool:
    """ "who is Brightline's CEO" over "Chief Executive Nadia Castellanos said ..." in a report
    headlined "Brightline Software to cut 1,800 jobs": a role written without its organisation is
    the headline's organisation's when the headline holds every qualifier the role phrase lacks
    and neither the role phrase nor the rest of the sentence names another body."""
    head = hit.article.headline or ""
    if not head or any(t.role == "place" and not t.required for t in missing):
        return False
    if not all(_in_headline(t.text, head) for t in missing):
        return False
    if any(k.startswith("@") for k in keys):
        return False  # "Mexican President ...": the role phrase has a country of its own
    asked = _asked_words(q) | set(name.lower().split())
    return not (_own_names(hit.text, head) - asked - _ROLE_TITLE_WORDS)


_ROLE_TITLE_WORDS = frozenset(
    lx.ROLE_NOUNS | {"executive", "officer", "financial", "operating", "provincial", "deputy"}
)


def _short_forms(q: Question, scored: list[Scored]) -> set[int]:
    """ "Bellhaven's chief executive" for the chief executive of Bellhaven Lines: a name's later
    word the question adds ("lines") may be left out where the found sentences, wherever they write
    the first word with a capitalised word after it, always write this name ("Bellhaven Lines",
    never "Bellhaven Airways"). The positions of such later words."""
    out: set[int] = set()
    for a, b in pairwise(q.terms):
        if not (a.role == "entity" and a.required and b.role == "entity" and not b.required):
            continue
        if b.position != a.position + 1:
            continue
        after = re.compile(rf"\b(?i:{re.escape(a.text)})\s+([A-Z][\w’'\-]*)")
        follow = {m.group(1).lower() for s in scored for m in after.finditer(s.hit.text)}
        if follow == {b.text}:
            out.add(b.position)
    return out


def _role_candidates(q: Question, scored: list[Scored]) -> list[Candidate]:
    """ "who is the Mexican president", "who is Colombia's foreign minister": the name in
    apposition with the role, whose own words carry every qualifier of the question (Mexican,
    foreign, of State). A role written without its country ("President Gustavo Petro") answers
    only when no sentence has the full role, its sentence names the country and one holder of
    the role, and all such sentences agree on the name; a different qualifier never answers."""
    role = q.type_noun
    assert role is not None
    quals = [t for t in q.terms if t is not role and t.role in ("place", "noun", "adj", "entity")]
    shortened = _short_forms(q, scored)
    quals = [t for t in quals if t.position not in shortened]
    asked = _asked_words(q)
    strong: list[Candidate] = []
    weak: dict[str, list[Candidate]] = {}
    other_roles: dict[str, set[str]] = {}  # name -> place keys of its other role phrases
    for s in scored:
        holders = _role_holders(s.hit.text, role)
        for keys, name in holders:
            if keys & lx.SUBORDINATE_TITLE_WORDS - asked:
                continue  # "deputy director", "former chairman": not the post's holder now
            # a name's head noun in the role phrase ("the agency's chief") stands for the name
            # where the sentence's report writes it in full (its term then has a context match)
            missing = [
                t
                for k, t in enumerate(q.terms)
                if any(t is u for u in quals)
                and not (t.exact & keys)
                and not (t.name is not None and t.name.split()[-1] in keys and s.quality.get(k, 0.0) > 0)
                and s.described.get(k) not in keys
            ]
            if not missing:
                strong.append(Candidate(s, max(s.coverage, MIN_COVERAGE[PERSON]) + 0.1, name))
                continue
            places = {k for k in keys if k.startswith("@")}
            if places:
                other_roles.setdefault(name.split()[-1], set()).update(places)
            if len({n for _k, n in holders}) != 1:
                continue
            if all(t.role == "place" for t in missing) and s.ok:
                weak.setdefault(name, []).append(Candidate(s, s.coverage - 0.05, name))
            elif _role_of_headline(q, s.hit, keys, name, missing):
                # "Chief Executive Nadia Castellanos said ..." in a report headlined with Brightline
                weak.setdefault(name, []).append(Candidate(s, MIN_COVERAGE[PERSON] + 0.01, name))
    if strong:
        return strong
    want = {k for t in quals if t.role == "place" for k in t.exact if k.startswith("@")}
    names = [n for n in weak if not (other_roles.get(n.split()[-1], set()) - want)]
    surnames = {n.split()[-1] for n in names}
    if len(surnames) != 1:
        return []
    return [c for n in names for c in weak[n]]


def _person_candidates(q: Question, scored: list[Scored]) -> list[Candidate]:
    out = []
    if q.type_noun is not None and q.type_noun.exact & lx.ROLE_NOUNS:
        return _role_candidates(q, scored)
    for s in scored:
        if not s.ok:
            continue
        text = s.hit.text
        short = None
        if q.type_noun is not None:
            role_words = {k for k in q.type_noun.exact | q.type_noun.related if not k.startswith("@")}
            for m in re.finditer(r"\b([A-Za-z]+)\b", text):
                if m.group(1).lower() in role_words or m.group(1).lower().rstrip("s") in role_words:
                    after = re.match(r",?\s+((?:[A-Z][\w’'\-]+)(?:\s+[A-Z][\w’'\-]+){0,3})", text[m.end() :])
                    if after:
                        short = after.group(1)
                        break
                    before = re.search(
                        r"((?:[A-Z][\w’'\-]+)(?:\s+[A-Z][\w’'\-]+){0,3}),\s+(?:the\s+|a\s+|an\s+|[A-Z]\w+(?:’s|'s)\s+)?(?:[\w\-]+\s+){0,3}$",
                        text[: m.start()],
                    )
                    if before:
                        short = before.group(1)
                        break
            if short is None:
                continue
        elif q.subject_name is not None:
            name = q.subject_name.text
            mn = re.search(
                r"((?:[A-Z][\w’'\-]*\s+){1,4})(?:[A-Z][\w’'\-]+\s+)?" + re.escape(name.capitalize()) + r"\b",
                text,
            )
            if mn:
                roles = [
                    w
                    for w in mn.group(1).split()
                    if w.lower() in lx.ROLE_NOUNS or lx.PLACE_KEY.get(w.lower())
                ]
                if roles:
                    short = " ".join(mn.group(1).split())
            m2 = re.search(re.escape(name.capitalize()) + r"\w*,\s+((?:the|a|an)\s+[^,]{3,60}),", text)
            if short is None and m2:
                short = m2.group(1)
            if short is None:
                continue
        else:
            # "who denied the request": the subject of the sentence's matching verb
            standins: list[str] = []
            short = _subject_of(q, s, standins)
            if short is not None:
                out.append(Candidate(s, s.coverage, short, extra={"subject": True}))
                continue
            if standins:
                out.append(Candidate(s, s.coverage, None, extra={"standin": standins[0]}))
                continue
            if any(t.role == "verb" and s.quality.get(i, 0.0) == 0.0 for i, t in enumerate(q.terms)):
                # "who manages Calder Rovers" over a sentence that only names the club: no one in
                # it does what was asked, so quoting it names no one
                continue
            if _done_by_a_thing(q, s):
                continue
        out.append(Candidate(s, s.coverage, short))
    return out


def _done_by_a_thing(q: Question, s: Scored) -> bool:
    """ "who runs Bellhaven Lines" over "Bellhaven Lines, which runs five ferries": every use of
    the asked verb in the sentence has "which" for its subject, a thing and not a person."""
    verbs = [t for t in q.terms if t.role == "verb"]
    toks = s.reading.toks
    uses = [i for i, tok in enumerate(toks) if any(t.exact & tok.keys for t in verbs)]
    return bool(uses) and all(i > 0 and toks[i - 1].low == "which" for i in uses)


_WHO_VERB_Q = re.compile(
    r"^\W*who\s+(?:(did|does|do|has|have|had|was|were|is|will|would|could)\s+(not\s+|n't\s+|never\s+)?)?([a-z\-]+)",
    re.I,
)
_SUBJ_TRAIL = re.compile(
    r"(?:\s+(?:has|have|had|did|does|do|was|were|is|are|will|would|could|can|also|not|never|n't|\w+ly|already|since|"
    r"then|first|later|had|been|reportedly|repeatedly|still|yet))+\s*$",
    re.I,
)
_SUBJ_LEAD = re.compile(
    r"^(?:but|and|yet|so|however|still|after|before|when|because|as|since|while|although|if|that)\s+", re.I
)
_SUBJ_PRONOUN = re.compile(
    r"^(?:he|she|it|they|we|i|you|this|that|there|who|which|the\s+(?:country|president|leader|official|government|administration))$",
    re.I,
)


_DAYWORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|week|month|year|morning|night|evening|day)"
_SUBJ_TIME_AFTER = re.compile(
    r"\s+(?:(?:late|early)\s+)?(?:on|last|this|over the|earlier this|later on)\s+" + _DAYWORD + r"$"
)
_SUBJ_TIME_BEFORE = re.compile(
    r"^(?:(?:late|early)\s+)?(?:on|last|this|over the|earlier this|earlier in the|later on)\s+"
    + _DAYWORD
    + r",?\s+(?=[A-Z])",
    re.I,
)
_PERSON_STANDIN = re.compile(
    r"^(?:he|she|the\s+(?:[a-z]+\s+)?(president|leader|minister|secretary|premier|governor))$", re.I
)
_LEADER_ROLES = frozenset({"president", "leader", "premier", "prime", "minister", "chancellor", "king"})


async def _resolve_standin(c: Candidate, ctx: _Ctx, source: FactSource) -> None:
    """ "The president has declared ...": the person it stands for, from the sentences before it
    in the same article: the nearest one that mentions exactly one person known (from a role
    apposition in the article, "President Donald Trump") to hold that role ("He": any such
    person). Two candidates in that sentence, or none in reach, leave the sentence quoted."""
    hit = c.scored.hit
    aid, idx = hit.article.article_id, hit.index
    back = list(range(max(0, idx - 10), idx)) + [0, 1, 2]
    await _read_near([(aid, i) for i in back], ctx, source, [1])
    before = [
        h
        for h in (ctx.by_pos.get((aid, i)) or ctx.near.get((aid, i)) for i in range(0, idx))
        if h is not None
    ]
    roles, _places = _mine_roles(before + [hit])
    # surname -> (the longest name written with a role, its sentence)
    full: dict[str, tuple[str, SentenceHit]] = {}
    for h in before:
        for m in _ROLE_BEFORE_NAME.finditer(h.text):
            name = _strip_possessive(m.group(3))
            last = name.split()[-1].lower()
            if last not in full or len(name) > len(full[last][0]):
                full[last] = (name, h)
    standin = _PERSON_STANDIN.match(c.extra["standin"])
    want = (standin.group(1) or "").lower() if standin else ""
    want_roles = _LEADER_ROLES if want == "leader" else {want} if want else None
    at = hit.text.find(c.extra["standin"])
    for h in [hit] + list(reversed(before)):
        # the sentence's own words before the stand-in first ("Trump told Sheinbaum she ...")
        words = {w.lower() for w in re.findall(r"[A-Z][\w\-]+", h.text[: max(at, 0)] if h is hit else h.text)}
        found = {
            last
            for last in full
            if last in words and (want_roles is None or roles.get(last, set()) & want_roles)
        }
        if len(found) > 1:
            return
        if found:
            last = found.pop()
            name, named_in = full[last]
            c.short = name
            c.extra.update(subject=True, named_in=[x for x in (named_in, h) if x is not hit])
            return


def _subject_of(q: Question, s: Scored, standins: list[str] | None = None) -> str | None:
    """ "who denied the landing request" over "Mexico has refused a request ... to land": the
    words before the verb that matches the question's verb, in its own clause, when they name
    someone (not a pronoun or "the country", not a passive's object) and the clause's negation
    agrees with the question's ("who did not respond")."""
    m = _WHO_VERB_Q.match(re.sub(r"n[’']t\b", " not", q.text.strip()))
    if not m:
        return None
    word = m.group(3).lower()
    verb = next((t for t in q.terms if t.typed.lower() == word), None)
    if verb is None or "VERB" not in lx.pos_tags(word) or lx.lemmas(word) & lx.SAY_VERBS:
        return None
    q_neg = bool(m.group(2))
    text = s.hit.text
    for tok in s.reading.toks:
        if not (verb.exact | verb.related) & tok.keys:
            continue
        lo = _last_boundary(_SUBJECT_CLAUSE_START, text, tok.start)
        before = text[lo : tok.start]
        if re.search(r"\b(?:was|were|been|being|be)\s+(?:\w+ly\s+)?$", before) or tok.low.endswith("ing"):
            continue  # passive ("was denied by") or a participle phrase
        neg = bool(re.search(r"\b(?:not|never|no longer)\b|n't\b", before))
        if neg != q_neg:
            continue
        if re.search(r"\band\s*$", before):
            # "Laval has tried to calm the dispute ... and offered": the subject both verbs share
            shared = _before_first_verb(before)
            if shared is None:
                return None
            before = shared
        subj = _SUBJ_LEAD.sub("", _SUBJ_TRAIL.sub("", before).strip()).strip(" ,")
        # "President Donald Trump on Wednesday", "Over the weekend Sheinbaum": the time is not the subject
        subj = _SUBJ_TRAIL.sub("", _SUBJ_TIME_AFTER.sub("", _SUBJ_TIME_BEFORE.sub("", subj))).strip(" ,")
        if not subj or len(subj.split()) > 9 or _SUBJ_PRONOUN.match(subj):
            if standins is not None and subj and _PERSON_STANDIN.match(subj):
                standins.append(subj)  # "The president has declared ...": resolved from sentences before
            return None
        if not re.search(r"[A-Z]", subj[1:] if len(subj) > 1 else subj) and not re.match(r"[A-Z]", subj):
            return None
        return subj
    return None


_OUTLET_VERBS = frozenset("report reveal disclose break leak confirm publish".split())
_REPORT_VERBS = frozenset("report reveal disclose break leak publish".split())


_PLAIN_SAY = frozenset("say tell state".split())


def _open_quote(text: str) -> bool:
    """A sentence that opens a quotation it does not close ("“We count the convoys now."): its
    speaker is named where the quotation ends, in a sentence after it."""
    return text.count("“") > text.count("”") or (text.count('"') % 2 == 1 and text.lstrip()[:1] == '"')


def _before_first_verb(words: str) -> str | None:
    """The words before the first verb after the first word ("the ministry praised ... and"
    -> "the ministry "): the subject two coordinated verbs share; None when no verb is seen."""
    ws = words.split()
    i = next(
        (
            i
            for i, w in enumerate(ws)
            if i and (lx.pos_tags(w.lower()) == {"VERB"} or w.lower().endswith("ed"))
        ),
        None,
    )
    return None if i is None else " ".join(ws[:i]) + " "


def _say_subject(text: str, lemma: str) -> str | None:
    """ "who confirmed it" over "Two port officials confirmed the closure, which was first reported
    by the Coast Ledger" or "The Coast Ledger was the first to report the closure, which both
    officials later confirmed": the active subject of that verb in its own clause."""
    for m in re.finditer(r"[A-Za-z]+", text):
        if lemma not in lx.lemmas(m.group(0).lower()) or m.group(0).lower().endswith("ing"):
            continue
        head = text[: m.start()]
        cut = [b.end() for b in re.finditer(r"[,;:“”\"]|\b(?:which|that|who|whom)\b", head)]
        # "Chile's trade ministry, in a note issued on Sunday, said": past the aside
        if (
            len(cut) >= 2
            and not head[cut[-1] :].strip()
            and head[cut[-1] - 1] == ","
            and re.match(
                r"\s*(?:in|on|at|during|after|before|late|early|earlier|later|through|via)\b",
                head[cut[-2] : cut[-1]],
            )
            and head[cut[-2] - 1] == ","
        ):
            before = head[cut[-3] if len(cut) >= 3 else 0 : cut[-2] - 1] + " "
        else:
            before = head[cut[-1] if cut else 0 :]
        if re.search(r"\band\s*$", before):
            # "the ministry praised its ties ... and said": the subject the two verbs share
            shared = _before_first_verb(before)
            if shared is None:
                return None
            before = shared
        if re.search(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", before) or re.search(
            r"\b(?:not|never)\b|n't\b", before
        ):
            return None
        subj = _SUBJ_LEAD.sub("", _SUBJ_TRAIL.sub("", before).strip()).strip(" ,")
        if (
            not subj
            or len(subj.split()) > 9
            or _SUBJ_PRONOUN.match(subj)
            or re.match(r"(?:it|this|that)\b", subj, re.I)
        ):
            return None
        return subj
    return None


def _source_candidates(
    q: Question, scored: list[Scored], quote_ends: dict[int, SentenceHit] | None = None
) -> list[Candidate]:
    out = []
    for s in scored:
        if not s.ok:
            continue
        text = s.hit.text
        end = (quote_ends or {}).get(id(s))
        if end is not None:
            attr = find_attribution(end.text)
            if attr is not None:
                # the quotation's speaker, named where it closes
                out.append(Candidate(s, s.coverage, attr.phrase, extra={"next": end}))
            continue
        rb = find_reported_by(text)
        if rb and q.say_verb and q.say_verb not in _REPORT_VERBS and q.say_verb[:4] not in rb[0].lower():
            # "who confirmed the closure" over "A and B confirmed the closure, which was first
            # reported by the Coast Ledger": each name goes with its own verb; the outlet only reported it
            rb = None
            own = _say_subject(text, q.say_verb)
            if own is not None:
                out.append(Candidate(s, s.coverage + 0.05, own))
                continue
        bonus = 0.0
        if rb:
            verb, who = rb
            short = who
            if q.first and "first" in verb.lower():
                bonus = 0.15
            elif q.say_verb and q.say_verb in verb.lower():
                bonus = 0.05
        else:
            attr = find_attribution(text)
            own = _say_subject(text, q.say_verb) if attr is None and q.say_verb else None
            if own is None and attr is None and q.say_verb in _PLAIN_SAY:
                # "who told the BBC ..." over "..., Voss said in an interview with the BBC"
                own = next((o for v in _PLAIN_SAY - {q.say_verb} if (o := _say_subject(text, v))), None)
            if own is not None:
                # "Chile's trade ministry, in a note issued on Sunday, said ..."
                out.append(Candidate(s, s.coverage + 0.05, own))
                continue
            if attr is None:
                # no one is credited in the sentence: the outlet itself reported it; but "who
                # said X" asks for a speaker, and the outlet is not one
                outlet = s.hit.article.outlet
                if not outlet or (q.say_verb and q.say_verb not in _OUTLET_VERBS) or _open_quote(text):
                    continue
                if q.say_verb and any(q.say_verb in lx.lemmas(tok.low) for tok in s.reading.toks):
                    continue  # the sentence's own "confirmed" has a subject of its own, not the outlet
                out.append(
                    Candidate(s, s.coverage - 0.05, f"{outlet} reported it", extra={"outlet_only": True})
                )
                continue
            short = attr.phrase
            if q.first:
                bonus = -0.1
            if q.say_verb and q.say_verb[:4] in attr.verb:
                bonus += 0.05
        out.append(Candidate(s, s.coverage + bonus, short))
    if q.first and out and not any(find_reported_by(c.scored.hit.text) for c in out):
        # "who first reported it": the earliest report of it among those that match well
        top = max(c.score for c in out)
        good = [c for c in out if c.score >= top - 0.1]
        earliest = min(good, key=lambda c: _published(c.scored.hit))
        earliest.score = top + 0.01
    return out


# an active question's subject ("why did Petro block"); a passive one's ("why were the tariffs paused") is the object
_WHY_Q = re.compile(
    r"^\W*why\s+(?:did|does|do|has|have|had|will|would|could|should)\s+(?:not\s+)?(.+)$", re.I
)
_SUBJ_STANDIN = re.compile(r"\b(?:he|she|they|it|his|her|their|its|the\s+\w+)\s*$|^\s*$", re.I)


def _reason_attaches(q: Question, s: Scored, at: int) -> bool:
    """A reason explains the clause before it: the question's event verb must come before the
    marker, and its subject be the question's ("why did Petro block the planes" is not answered
    by "Colombia agreed ..., hours after Petro turned back the planes")."""
    events = _event_terms(q)
    if not events:
        return True
    text = s.hit.text
    ev = [
        tok
        for tok in s.reading.toks
        if tok.start < at and any((t.exact | t.related) & tok.keys for t in events)
    ]
    if not ev:
        return False
    mq = _WHY_Q.match(q.text.strip())
    if not mq:
        return True
    rest = mq.group(1).lower()
    first_ev = min((rest.find(t.typed.lower()) for t in events if t.typed.lower() in rest), default=-1)
    if first_ev <= 0:
        return True
    subj_terms = [
        t
        for t in q.terms
        if t.role in ("entity", "place", "noun")
        and t not in events
        and 0 <= rest.find(t.typed.lower()) < first_ev
    ]
    if not subj_terms:
        return True
    for tok in ev:
        lo = _last_boundary(_EVENT_CLAUSE_START, text, tok.start)
        before = text[lo : tok.start]
        keys = (
            set().union(*(t.keys for t in s.reading.toks if lo <= t.start < tok.start))
            if before.strip()
            else set()
        )
        if any((t.exact | t.related) & keys for t in subj_terms):
            return True
        clean = _SUBJ_TRAIL.sub("", before).strip(" ,")
        if _SUBJ_STANDIN.search(clean) and not re.search(
            r"\b[A-Z]", clean[1:] if clean[:1].isupper() else clean
        ):
            return True
    return False


_CAUSE_Q = re.compile(
    r"^\W*(?:what|who)\s+(?:has\s+|had\s+)?(?:caused|causes|sparked|sparks|started|starts|triggered|triggers|"
    r"ignited|set off|led to|is behind|was behind)\b|^\W*what\s+(?:is|was|were)\s+(?:the\s+)?causes?\s+of\b",
    re.I,
)
_CAUSE_VERB = r"(?:caused|sparked|started|triggered|ignited|set\s+off|touched\s+off)"
_CAUSED_BY = re.compile(
    rf"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?{_CAUSE_VERB}\s+by\s+([^,;.]+(?:,\s+(?:which|who|that)\s+[^,;.]+)?)",
    re.I,
)
_CAUSE_IS = re.compile(
    r"\bthe\s+(?:likely\s+|probable\s+|official\s+)?cause\s+(?:of\s+[^,;.]{1,40}?\s+)?(?:was|is|has\s+been)\s+"
    r"(?!under\b|not\b|unknown\b|unclear\b|still\b|being\b)([^,;.]+)",
    re.I,
)
_CAUSE_UNKNOWN = re.compile(
    r"\bcauses?\b[^.;]{0,40}?\b(?:under\s+investigation|unknown|unclear|not\s+(?:yet\s+)?(?:known|clear|been\s+determined|determined))",
    re.I,
)


def _cause_candidates(q: Question, scored: list[Scored]) -> list[Candidate]:
    """ "what caused the fire": the agent of a cause verb ("was sparked by a pickup truck"), or
    "the cause was ...", or a sentence saying the cause is not known yet; a sentence that only
    has a time or reason word near the question's words ("after the winds eased") says nothing
    about what caused it."""
    out = []
    for s in scored:
        if not s.ok:
            continue
        text = s.hit.text
        m = _CAUSED_BY.search(text) or _CAUSE_IS.search(text)
        if m:
            out.append(Candidate(s, s.coverage + 0.15, m.group(1).strip(), extra={"cause": True}))
        elif _CAUSE_UNKNOWN.search(text):
            out.append(Candidate(s, s.coverage, None, extra={"no_cause": True}))
    if any(c.extra.get("cause") for c in out):
        # a later report that names the cause answers what an earlier one could not
        out = [c for c in out if c.extra.get("cause")]
    return out


def _reason_candidates(
    q: Question, scored: list[Scored], next_sentence: dict[int, SentenceHit]
) -> list[Candidate]:
    if _CAUSE_Q.search(q.text):
        return _cause_candidates(q, scored)
    out = []
    for s in scored:
        if not s.ok:
            continue
        text = s.hit.text
        if says_no_reason(text):
            out.append(Candidate(s, s.coverage + 0.1, None, extra={"no_reason": True}))
            continue
        m = reason_marker(text, strong_only=True)
        if m and not _reason_attaches(q, s, m.start()):
            continue  # the question's event is in the reason clause, not in the clause it explains
        if m:
            out.append(Candidate(s, s.coverage, text[m.start() :].rstrip(". "), extra={"no_reason": False}))
            continue
        m = reason_marker(text)
        if m and not _reason_attaches(q, s, m.start()):
            continue  # "Colombia agreed ..., hours after Petro turned back the planes": not why Petro did
        if m:
            out.append(Candidate(s, s.coverage - 0.1, None, extra={"no_reason": False}))
            continue
        nxt = next_sentence.get(id(s))
        # "Petro refused ... . He said deportees should ...": the actor's own explanation; not
        # a reported sentence's speaker going on to other facts ("..., the minister said. He said ...")
        if (
            nxt is not None
            and find_attribution(text) is None
            and re.match(
                r"(?:He|She|They|It|[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)\s+(?:has\s+|had\s+)?(?:said|says|argued|insisted|explained|added|wrote|posted|complained)\b",
                nxt.text,
            )
        ):
            out.append(Candidate(s, s.coverage - 0.05, None, extra={"no_reason": False, "next": nxt}))
    return out


# Where the clause holding a word begins, for the three readings that need it: the subject
# of a verb, the subject of an event, and the polarity of a claim.
_SUBJECT_CLAUSE_START = re.compile(
    r"[,;:“”\"]|\b(?:said|says|told|but|while|and that|since|because|after|before|when|although|though|until|unless)\b"
)
_EVENT_CLAUSE_START = re.compile(
    r"[,;:“”\"]|\b(?:said|says|told|but|while|after|before|when|because|as|since)\b"
)


def _last_boundary(pattern: re.Pattern[str], text: str, end: int) -> int:
    """Where the last match of `pattern` before `end` ends (0 when there is none)."""
    lo = 0
    for m in pattern.finditer(text, 0, end):
        lo = m.end()
    return lo


_CLAUSE_START = re.compile(
    r"[;:\u2014]|,\s+(?:but|while|although|though|whereas|however|yet)\b|,\s+(?:and|or)\s+(?:that\s+)?(?=\w+\s+(?:has|had|have|is|was|did|does|will|would|can|could|said))"
    r"|\b(?:but|while|although|though|whereas)\b|\band that\b|\bsaid(?: that)?\b|\bhowever\b",
    re.I,
)
_NEG_WINDOW = re.compile(
    r"\b(?:not|never|no longer|yet to|without|refused|refuses|refusing|declined|declines|denied|denies|rejected|rejects|"
    r"failed|fails|unable|none of|no)\b|n't\b",
    re.I,
)
_NEG_AFTER = re.compile(r"^\W*(?:none|nothing|no one|nobody)\b", re.I)
_PRO_FORM_NEG = re.compile(
    r"\b(?:not|never|n't)\s+(?:yet\s+)?(?:done|do|did)\s+so\b|\b(?:refused|declined|failed)\s+to\s+do\s+so\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|if|unless|whether|require[sd]?|requiring|asked|asking|want(?:s|ed)?|plans?|planned|threaten(?:s|ed)?)\b",
    re.I,
)
# "who is expected to sign it next week", "is due to vote": a forecast of the claim, not the claim
# done; it answers neither "has she signed" nor "will she sign" with a yes
_FORECAST = re.compile(
    r"\b(?:(?:expected|due|set|likely|scheduled|poised|slated|hoping|hopes?|intends?|aims?|going)\s+to|will|shall|'ll)\s+(?:\w+\s+)?$",
    re.I,
)
# qualifiers that carry a yes/no question's claim: "is this the FIRST time", "the ONLY country"
_CLAIM_QUALIFIERS = frozenset("first last only ever again before".split())


def _clause_polarity(q: Question, s: Scored, anchors: list[Any]) -> str | None:
    text = s.hit.text
    votes: set[str] = set()
    for tok in anchors:
        lo = _last_boundary(_CLAUSE_START, text, tok.start)
        window = text[lo : tok.start]
        # the clause runs on to the next boundary; a pro-form there ("and that Mexico had not
        # done so") answers for the verb it repeats
        nxt = _CLAUSE_START.search(text, tok.end)
        tail = text[tok.end :]
        if _PRO_FORM_NEG.search(tail):
            votes.add("no")
            continue
        if _NEG_WINDOW.search(window) or _NEG_AFTER.match(text[tok.end : nxt.start() if nxt else len(text)]):
            votes.add("no")
        elif _FORECAST.search(window):
            votes.add("forecast")
        elif _HYPOTHETICAL.search(window) and not q.modal:
            votes.add("?")
        else:
            votes.add("yes")
    if votes == {"yes"}:
        return "yes"
    if votes == {"no"}:
        return "no"
    return None


def _polarity(q: Question, s: Scored) -> str | None:
    """ "no" when the clause that states the question's claim negates it (not / never / refused to /
    "had not done so" / accepted none), "yes" when it states it plainly, None when the clause is
    hypothetical, the claim is not found or the sentence's clauses point both ways. A negated
    question ("didn't Mexico agree?") asks the same claim: its answer is the claim's polarity."""
    quals = [t for t in q.terms if t.text in _CLAIM_QUALIFIERS]
    for claim in (_claim_verbs(q), quals):
        anchors = [tok for tok in s.reading.toks if any((v.exact | v.related) & tok.keys for v in claim)]
        if anchors:
            return _clause_polarity(q, s, anchors)
    return None


_BARE_AUX = frozenset("did do does will would can could should might may shall must".split())
_PERFECT_AUX = frozenset("has have had".split())
_NOT_CLAIM_VERBS = frozenset("time times day days year years people thing things way".split())


def _claim_verbs(q: Question) -> list[Term]:
    """The verb of a yes/no question's claim: a word the parser took for a verb, else the first
    word that can be one in the form its auxiliary calls for ("did Mexico REFUSE the request",
    "has it SENT", "are the troops ALLOWED"), not the subject's plural noun ("did the planes land")."""
    verbs = [t for t in q.terms if t.role == "verb"]
    if verbs:
        return verbs
    aux = (re.findall(r"[a-z']+", q.text.lower()) or [""])[0].replace("n't", "")
    for t in q.terms:
        w = t.typed.lower()
        if t.role in ("entity", "place", "number") or w in _NOT_CLAIM_VERBS or w in _CLAIM_QUALIFIERS:
            continue
        if "VERB" not in lx.pos_tags(w):
            continue
        if aux in _BARE_AUX and w.endswith("s") and not w.endswith("ss"):
            continue
        if aux in _PERFECT_AUX | {"is", "are", "was", "were", "isnt", "arent", "wasnt"} and not (
            w.endswith(("ed", "en")) or w not in lx.lemmas(w)
        ):
            continue
        return [t]
    return []


# ---- the engine -------------------------------------------------------------------------------


async def answer_question(
    question: str,
    *,
    source: FactSource,
    story_ids: Sequence[int] | None = None,
    now: datetime,
    asked_by: str | None = None,
    log_it: bool = True,
    previous: str | None = None,
) -> Answer:
    """Answer one reporter's question from the stored sentences, or say "I don't know".

    `previous` is the thread's earlier question: a follow-up such as "and in San Diego?" or
    "what about Colombia?" is answered as that question with the new place or name swapped in
    (`Answer.asked_as` holds the question as answered)."""
    asked_as = resolve_follow_up(question, previous)
    answer = await _answer(asked_as, source=source, story_ids=story_ids, now=now)
    as_role = _head_of(asked_as)
    if not answer.answered and as_role is not None:
        # "who heads the maritime safety authority": no sentence says who heads it, but one may
        # name the holder of its top post by title ("the authority's director, Lars Okonkwo")
        by_title = await _answer(as_role, source=source, story_ids=story_ids, now=now)
        if by_title.answered:
            answer = by_title
    _settle_heap()
    answer.question = question
    if asked_as != question:
        answer.asked_as = asked_as
    if log_it:
        story_id = story_ids[0] if story_ids and len(story_ids) == 1 else None
        if story_id is None and answer.citations:
            story_id = answer.citations[0].story_id
        if story_id is None and answer.closest:
            # An unanswered question is a lead for the desk of the story it came closest to.
            story_id = answer.closest[0].story_id
        try:
            await source.log_question(
                question=question, story_id=story_id, answered=answer.answered, now=now, asked_by=asked_by
            )
        except Exception:  # logging must never cost the reporter the answer
            log.warning("could not log question", exc_info=True)
    return answer


# "who heads / leads / runs / chairs / directs the X": who holds X's top post
_HEADS_Q = re.compile(
    r"^\W*who\s+(?:heads|leads|runs|chairs|directs)\s+(?!a\b|an\b|up\b|out\b)(.+?)\W*$", re.I
)


def _head_of(question: str) -> str | None:
    """ "who heads the maritime safety authority" -> "who is the head of the maritime safety
    authority", asked when the verb's own reading finds no answer."""
    m = _HEADS_Q.match(question.strip())
    return f"who is the head of {m.group(1)}" if m else None


_HEAP_SETTLED = False


def _settle_heap() -> None:
    """Once, after the first question: collect, then move everything alive to the garbage
    collector's permanent generation (gc.freeze). The word lists, lemma tables and the store's
    vocabulary loaded for the first answer are ~150k long-lived objects that every full
    collection would otherwise walk again, ~100-300 ms in the middle of some later answer."""
    global _HEAP_SETTLED
    if _HEAP_SETTLED:
        return
    _HEAP_SETTLED = True
    gc.collect()
    gc.freeze()


async def _answer(
    question: str, *, source: FactSource, story_ids: Sequence[int] | None, now: datetime
) -> Answer:
    try:
        vocab = await source.known_terms()
    except Exception:
        log.debug("known_terms failed", exc_info=True)
        vocab = frozenset()
    q = parse_question(question, vocabulary=vocab)
    if not [t for t in q.terms if t.role != "generic"]:
        return Answer(
            question=question,
            answered=False,
            kind=q.kind,
            text=f"{ph.DONT_KNOW}: ask me about a figure, person, place or date in the story.",
        )
    if vocab:
        # a describing word the stored reports never use ("the southern strait", "warships"):
        # the question is about something they do not cover, whatever else matches
        for t in q.terms:
            if t.role in ("noun", "adj", "entity") and not (t.exact | t.related | {t.text}) & vocab:
                t.required = True
    hits = await source.search_sentences(q.search_terms(limit=16), story_ids=story_ids, limit=50)
    hits = [h for h in hits if h.text.strip()]
    if not hits:
        return _refuse(q, [])
    _refine_terms(q, hits)
    if q.kind == YESNO:
        # "is this the first time ...": a sentence without the claim's qualifier cannot say yes or no
        last_verb = max((t.position for t in q.terms if t.role == "verb"), default=None)
        for t in q.terms:
            if t.text in _CLAIM_QUALIFIERS:
                t.required = True
            # "did the council approve the convoy": a sentence without the thing the claim's
            # verb is done to (or a word its context supplies) says nothing of it
            if t.role == "noun" and last_verb is not None and t.position > last_verb:
                t.required = True
    if q.kind == TOPIC:
        _topic_to_count(q, hits)
    media = _media(q, hits)
    roles, people_of = _mine_roles(hits)
    ctx = _Ctx(
        q=q,
        hits=hits,
        by_pos={(h.article.article_id, h.index): h for h in hits},
        roles=roles,
        people_of=people_of,
    )
    for name in {t.name for t in q.terms if t.name is not None}:
        ctx.named_in[name] = {h.article.article_id for h in hits if name in h.text.lower()}
    budget = [3]
    scored: list[Scored] = []
    for h in hits:
        s = _score(q, h, ctx, ctx.by_pos.get((h.article.article_id, h.index - 1)))
        scored.append(s)
    # read the sentence before the promising ones that say "he", "there", "the country"
    promising = [
        s
        for s in sorted(scored, key=lambda s: -s.coverage)[:6]
        if s.missing and s.context is None and _ANAPHORA.search(s.hit.text)
    ]
    # "Reilly conceded ..." after "... defeated former police chief Tom Reilly" in the mayor's
    # race: a sentence opening on a name the question's verb goes with may carry on the one before
    promising += [
        s
        for s in sorted(scored, key=lambda s: -s.coverage)
        if s.context is None
        and s not in promising
        and _LEADING_NAME.match(s.hit.text)
        and any(t.role == "verb" and s.quality.get(i, 0.0) > 0 for i, t in enumerate(q.terms))
        and s.coverage < 1.0
    ][:2]
    await _read_near([(s.hit.article.article_id, s.hit.index - 1) for s in promising], ctx, source, budget)
    for s in promising:
        prev = _near(s.hit, ctx, -1)
        if prev is not None:
            scored[scored.index(s)] = _score(q, s.hit, ctx, prev)
    await _read_descriptions(q, scored, ctx, source)
    _hold_to_medium(media, scored)
    newest = max((_published(h) for h in hits), default=None)

    kind = q.kind
    if kind == COUNT:
        cands = _count_candidates(q, scored)
    elif kind == DATE:
        cands = _date_candidates(q, scored)
    elif kind == PLACE:
        cands = _place_candidates(q, scored)
    elif kind == PERSON:
        cands = _person_candidates(q, scored)
        for c in sorted(cands, key=lambda c: -c.score)[:2]:
            if c.extra.get("standin"):
                await _resolve_standin(c, ctx, source)
    elif kind == SOURCE:
        quote_ends: dict[int, SentenceHit] = {}
        opened = [
            s for s in sorted(scored, key=lambda s: -s.coverage)[:4] if s.ok and _open_quote(s.hit.text)
        ]
        if opened:
            await _read_near(
                [(s.hit.article.article_id, s.hit.index + 1) for s in opened], ctx, source, budget
            )
        for s in opened:
            nxt = _near(s.hit, ctx, +1)
            if nxt is not None and (
                nxt.text.count("”") > nxt.text.count("“") or nxt.text.count('"') % 2 == 1
            ):
                quote_ends[id(s)] = nxt
        cands = _source_candidates(q, scored, quote_ends)
    elif kind == REASON:
        nexts: dict[int, SentenceHit] = {}
        tops = [
            s
            for s in sorted(scored, key=lambda s: -s.coverage)[:4]
            if s.ok and not says_no_reason(s.hit.text) and not reason_marker(s.hit.text)
        ]
        await _read_near([(s.hit.article.article_id, s.hit.index + 1) for s in tops], ctx, source, budget)
        for s in tops:
            nxt = _near(s.hit, ctx, +1)
            if nxt is not None:
                nexts[id(s)] = nxt
        cands = _reason_candidates(q, scored, nexts)
    elif kind == WHAT:
        cands = _what_candidates(q, scored)
    else:
        cands = [Candidate(s, s.coverage, None) for s in scored if s.ok and _speaker_ok(q, s)]
    for c in cands:
        c.score += _recency_bonus(c.scored.hit, newest) + 0.001 * min(c.scored.hit.rank, 10)
    threshold = MIN_COVERAGE.get(kind, 0.6)
    cands = [c for c in cands if c.score >= threshold]
    cands.sort(key=lambda c: -c.score)
    if not cands:
        return _refuse(q, scored)
    if kind == COUNT:
        scored = scored + await _same_count_later(q, cands[0], scored, ctx, source)
        restated = _later_restatement(q, cands, scored)
        if restated is None:
            return _refuse(q, scored)
        return _say_count(q, restated)
    if kind == LATEST:
        return _say_latest(q, cands)
    if kind == YESNO:
        return _say_yesno(q, cands, scored)
    return _say(q, cands[0])


async def _read_descriptions(q: Question, scored: list[Scored], ctx: _Ctx, source: FactSource) -> None:
    """For the best sentences that lack only a name and use a bare description ("the ferry",
    "the captain"), read their reports once and score them again with what each report's
    descriptions stand for."""
    want = [
        s
        for s in sorted(scored, key=lambda s: -s.coverage)[:8]
        if s.missing and all(t.role == "entity" for t in s.missing) and _BARE_DESC.search(s.hit.text)
    ]
    articles = list(dict.fromkeys(s.hit.article.article_id for s in want))[:2]
    for aid in articles:
        try:
            sentences = await source.sentences_of_article(aid)
        except Exception:
            log.debug("reading a report's sentences failed", exc_info=True)
            continue
        head = next((s.hit.article.headline for s in want if s.hit.article.article_id == aid), None) or ""
        ctx.described[aid] = _descriptions_of(head, sentences)
    if not articles:
        return
    for k, s in enumerate(scored):
        if s.hit.article.article_id in articles:
            scored[k] = _score(q, s.hit, ctx, s.context)


async def _same_count_later(
    q: Question, best: Candidate, scored: list[Scored], ctx: _Ctx, source: FactSource
) -> list[Scored]:
    """The leading figure's story searched again by what it counts ("people" fallen ill are also
    "cases"): a later report may restate the count without the question's words."""
    fig = best.figure
    if fig is None or fig.unit is None:
        return []
    words = [fig.unit, _plural(fig.unit)]
    if _counts_the_sick(best.scored.hit, fig):
        words += [w for n in sorted(lx.ILLNESS_NOUNS) for w in (n, _plural(n))]
    story = best.scored.hit.article.story_id
    try:
        hits = await source.search_sentences(words, story_ids=[story], limit=20)
    except Exception:  # a source that cannot search again still answers from the first search
        log.debug("searching the story again failed", exc_info=True)
        return []
    seen = {(s.hit.article.article_id, s.hit.index) for s in scored}
    since = _published(best.scored.hit)
    return [
        _score(q, h, ctx, None)
        for h in hits
        if (h.article.article_id, h.index) not in seen and h.text.strip() and _published(h) > since
    ]


def _borrows_place(q: Question, s: Scored) -> bool:
    """A place the sentence only borrows from the one before ("the country", or the sentence
    before naming Greave) while it names another place itself ("near Holt") is not the
    question's place."""
    asked = set().union(*(t.exact for t in q.terms if t.role == "place")) if q.terms else set()
    others = {k for k in s.reading.keys if k.startswith("@") and k not in asked and k != "@usa"}
    return bool(others) and any(
        s.quality.get(i, 0.0) < ALIAS for i, t in enumerate(q.terms) if t.role == "place" and t.required
    )


def _names_go_with_other_figure(q: Question, s: Scored, fig: Figure, figs: list[Figure]) -> bool:
    """ "raised its count of confirmed cases to 23, and said 11 people had been admitted ...,
    including a pregnant woman in Carran": a name the question asks about belongs to the figure
    nearest it; with another figure set off between them, it is not this figure's."""
    text = s.hit.text
    for t in q.terms:
        if not t.required or t.role not in ("entity", "place"):
            continue
        at = [tok.start for tok in s.reading.toks if tok.cap and t.exact & tok.keys]
        if not at or min(at) < fig.start:
            continue  # a name before the figure is the sentence's own subject or setting
        if all(
            any(
                g is not fig
                and fig.end <= g.start < p
                and re.search(r"[,;]", text[fig.end : g.start])
                # "126 million euros ..., up from the 118 million euros Korvenia had cited": the
                # same count's earlier value, whose name is this figure's too
                and not re.search(r"\bfrom\s+(?:the\s+)?$", text[max(0, g.start - 16) : g.start])
                and _holds_name(s, g, p)
                for g in figs
            )
            for p in at
        ):
            return True
    return False


def _holds_name(s: Scored, g: Figure, p: int) -> bool:
    """Whether the name at `p` goes with figure `g` before it: in the same stretch ("seven in
    Carran"), or across a comma when `g` stands in a clause of its own with its own verb ("11
    people had been admitted ..., including a woman in Carran"), not in an aside ("two flights,
    each with about 80 migrants, to Guatemala")."""
    text = s.hit.text
    if not re.search(r"[,;]", text[g.end : p]):
        return True
    lo = max(text.rfind(",", 0, g.start), text.rfind(";", 0, g.start)) + 1
    return any(lo <= tok.start < p and _lexical_verb(tok) for tok in s.reading.toks)


def _figure_elsewhere(q: Question, s: Scored, fig: Figure) -> bool:
    """ "One man died after his car was swept off a road near Holt" after a sentence naming
    Greave: the question's name comes only from the sentence before, and the figure's own clause
    places it somewhere else."""
    if not any(
        t.role == "entity" and t.required and 0 < s.quality.get(i, 0.0) <= CONTEXT
        for i, t in enumerate(q.terms)
    ):
        return False
    text = s.hit.text
    stop = re.search(r"[,;:\u2014]", text[fig.end :])
    clause_end = fig.end + stop.start() if stop else len(text)
    words = {t.text for t in q.terms}
    return any(
        fig.start <= a and b <= clause_end and name.lower() not in words for a, b, name in find_places(text)
    )


def _say_yesno(q: Question, cands: list[Candidate], scored: Sequence[Scored]) -> Answer:
    """The best-matching sentence whose claim clause reads yes or no; a close rival that reads
    the other way (or a top match that reads neither way beside one that does) is no answer."""

    cands = [c for c in cands if not _borrows_place(q, c.scored)]
    if not cands:
        return _refuse(q, scored)
    top = cands[0].score
    close = [c for c in cands if c.score >= top - 0.12]
    pols = [(_polarity(q, c.scored), c) for c in close]
    said = {p for p, _ in pols if p}
    if len(said) > 1:
        return _refuse(q, [c.scored for c in close])
    for p, c in pols:
        if p:
            return _say(q, c)
    if _forecast_only(q, cands[0].scored):
        # "is expected to sign it" says neither that she has nor that she will
        return _refuse(q, [c.scored for c in close])
    verbs = _claim_verbs(q)
    if verbs and not any(_term_quality(t, cands[0].scored.reading, q) > 0 for t in verbs):
        # a sentence that reads neither way and does not tell the claim's deed at all ("did it
        # shut the plant" over "the plant would not reopen before May") is no answer to it
        return _refuse(q, [c.scored for c in close])
    return _say(q, cands[0])


def _forecast_only(q: Question, s: Scored) -> bool:
    anchors = [
        tok for tok in s.reading.toks if any((v.exact | v.related) & tok.keys for v in _claim_verbs(q))
    ]
    text = s.hit.text
    return bool(anchors) and all(
        _FORECAST.search(text[_last_boundary(_CLAUSE_START, text, tok.start) : tok.start]) for tok in anchors
    )


def _topic_to_count(q: Question, hits: Sequence[SentenceHit]) -> None:
    """ "troops at the border?" asks for the figure when the articles count that noun."""
    nouns = [t for t in q.terms if t.role == "noun"]
    for t in nouns:
        for h in hits[:20]:
            for fig in read(h.text).figures:
                if fig.unit and (t.exact & (lx.token_keys(fig.unit) | lx.lemmas(fig.unit))):
                    q.kind = COUNT
                    q.counted = t
                    t.required = True
                    t.weight = max(t.weight, 2.5)
                    return


# ---- wording -----------------------------------------------------------------------------------


def _citation(hit: SentenceHit, fact_id: int | None = None) -> Citation:
    a = hit.article
    return Citation(
        sentence=hit.text,
        outlet=a.outlet,
        url=a.url,
        published=a.published_at,
        article_id=a.article_id,
        fact_id=fact_id,
        headline=a.headline,
        story_id=a.story_id,
    )


_NUM_RE = re.compile(r"\d+(?:[.,]\d+)*")
_DATE_RE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.+Z-]+)?\b"
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b",
    re.I,
)


def _numbers(s: str) -> set[str]:
    return {n.replace(",", "") for n in _NUM_RE.findall(_DATE_RE.sub(" ", s))}


def _grounded(text: str, citations: Sequence[Citation], question: str, extra: Sequence[str] = ()) -> bool:
    support = _numbers(question)
    for e in extra:
        support |= _numbers(e)
    for c in citations:
        support |= _numbers(c.sentence)
    return _numbers(text) <= support


def _source_bit(hit: SentenceHit, citations: Sequence[Citation], question: str, lead: str) -> str:
    """ "Reuters, Jan 25, 2025 <url>", leaving the link out when its digits would look like an
    unsupported figure next to the answer (the citation still carries it)."""
    a = hit.article
    with_url = ph.source_line(a.outlet, a.published_at, a.url)
    if a.url and _grounded(lead + " " + with_url, citations, question):
        return with_url
    return ph.source_line(a.outlet, a.published_at, None)


def _finish(
    q: Question, text: str, citations: list[Citation], *, corrections: Sequence[str] = (), **kw: Any
) -> Answer:
    # a figure corrected by the desk is stated as corrected: the edit is its source
    if not _grounded(text, citations, q.text, corrections):
        # never post a number that no cited sentence holds
        log.warning("ungrounded answer withheld: %r", text)
        return Answer(question=q.text, answered=False, kind=q.kind, text=ph.refusal(), closest=citations[:3])
    return Answer(question=q.text, answered=True, text=text, citations=citations, kind=q.kind, **kw)


def _body(hit: SentenceHit) -> str:
    if _quotable(hit):
        return ph.quote(hit.text)
    return "(the source sentence holds a retracted figure and is not quoted)"


def _say(q: Question, c: Candidate) -> Answer:
    hit = c.scored.hit
    cites = [_citation(hit)]
    attr = find_attribution(hit.text)
    attribution = attr.phrase if attr else None
    lead: str
    short = c.short
    if q.kind == DATE:
        t = c.extra["time"]
        when = t.text
        if t.resolved is not None and not re.search(r"\d", t.text):
            when = f"{t.text} ({ph.day(t.resolved)})"
        if c.extra.get("clock") is not None:
            when = f"{c.extra['clock'].text} {when}"
        short = when
        lead = ph.capitalise(when) if when.endswith(".") else f"{ph.capitalise(when)}."
    elif q.kind == REASON and (c.extra.get("cause") or c.extra.get("no_cause")):
        if c.extra.get("no_cause"):
            short = "The cause is not known yet"
            lead = "The cause is not known yet, according to the report:"
        else:
            lead = "The report gives this cause:"
    elif q.kind == REASON:
        if c.extra.get("no_reason"):
            short = "No reason was given"
            lead = "No reason was given, according to the report."
        else:
            lead = "The report gives this reason:"
            nxt = c.extra.get("next")
            if nxt is not None:
                cites.append(_citation(nxt))
    elif q.kind == YESNO:
        pol = _polarity(q, c.scored)
        if q.modal:
            lead = (
                "The reports say it could:"
                if pol == "yes"
                else "The reports say:"
                if pol is None
                else "No, according to the reports:"
            )
        else:
            lead = {"yes": "Yes, according to the reports:", "no": "No, according to the reports:"}.get(
                pol or "", "The reports say:"
            )
        short = {"yes": "Yes", "no": "No"}.get(pol or "")
    elif q.kind == SOURCE:
        if short and re.match(r"(?:said|says|added|wrote)\s+", short):
            # "said Roberto Salas" -> "Roberto Salas said it"
            verb, who = short.split(None, 1)
            short = f"{who} {verb if verb != 'says' else 'said'} it"
        lead = f"{ph.capitalise(short).rstrip('.')}." if short else "The report says:"
        nxt = c.extra.get("next")
        if nxt is not None:
            cites.append(_citation(nxt))
    elif c.extra.get("figure") is not None:
        fig = c.extra["figure"]
        lead = f"{ph.capitalise(_lead_clause(hit, fig))} — {_attrib(hit, '')}."
    elif short and c.extra.get("standin"):
        # "The president has declared ...": named from the article's sentences before, cited too
        lead = f"{ph.capitalise(short)} (\u201c{c.extra['standin']}\u201d in the report) \u2014 {_attrib(hit, short)}."
        for h in c.extra.get("named_in", []):
            if all(h.text != x.sentence for x in cites):
                cites.append(_citation(h))
    elif short and c.extra.get("subject"):
        lead = f"{ph.capitalise(short)} \u2014 {_attrib(hit, short)}."
    elif short:
        lead = f"{ph.capitalise(short)}."
    else:
        lead = f"{ph.capitalise(_attrib(hit, ''))}:"
    body = _body(hit)
    if c.extra.get("next") is not None:
        body += " " + _body(c.extra["next"])
    src = _source_bit(hit, cites, q.text, lead + " " + body)
    text = f"{lead}\n{body}\n\u2014 {src}"
    return _finish(
        q,
        text,
        cites,
        short=short,
        context=hit.text,
        attribution=attribution,
        fact_ids=[f.id for f in hit.facts if f.status != "retracted"][:5],
        confidence=c.score,
    )


def _same_value(a: Figure, b: Figure) -> bool:
    if a.value_num is not None and b.value_num is not None:
        return a.value_num == b.value_num and (a.hedge or "") == (b.hedge or "")
    return a.value_text.lower() == b.value_text.lower()


_SCOPE_WORDS = {
    "more": "more",
    "additional": "more",
    "extra": "more",
    "further": "more",
    "new": "more",
    "total": "total",
    "all": "total",
    "altogether": "total",
    "overall": "total",
    "combined": "total",
    "each": "each",
    "per": "each",
    "every": "each",
}


def _scope(text: str, fig: Figure) -> frozenset[str]:
    """What a figure counts besides its noun: a total ("in all", "the number deployed ... to"),
    an increment ("more", "additional"), a share per item ("each")."""
    out: set[str] = set()
    for m in fig.modifiers:
        k = _SCOPE_WORDS.get(m.lower())
        if k:
            out.add(k)
    before = text[max(0, fig.start - 90) : fig.start].lower()
    after = text[fig.end : fig.end + 20].lower()
    if re.match(r"\s*more\b", after) or re.search(r"\b(?:more|additional|another)\s*$", before):
        out.add("more")
    if re.search(r"\b(?:in all|in total|altogether|combined|overall)\b", after) or re.search(
        r"\b(?:total|the number\b[^,;]*|tally|count)\s+(?:\w+\s+){0,8}?(?:to|at|of|reached|is|was|stood at)\s+(?:about|around|nearly|roughly|more than|some|over|at least|almost)?\s*$",
        before,
    ):
        out.add("total")
    if re.search(r"\b(?:each|per|every|apiece)\b", before[-20:] + " " + after):
        out.add("each")
    return frozenset(out)


def _plural(noun: str) -> str:
    from lemminflect import getInflection

    forms = getInflection(noun, "NNS")
    return forms[0] if forms else noun


def _fig_label(fig: Figure) -> str:
    """The figure as written, with its counted noun when the sentence left it implicit
    ("bringing the total to about 2,500" -> "about 2,500 troops")."""
    phrase = fig.phrase
    if fig.unit and fig.kind in ("count", "vague") and not fig.unit_text and fig.unit not in ("%", "$"):
        if not re.search(r"[A-Za-z]{3,}\s*$", re.sub(r"\bmore$", "", phrase).strip()) or fig.inherited:
            phrase = f"{phrase} {_plural(fig.unit)}" if fig.unit.isalpha() else phrase
    return phrase


def _comparable(a: Candidate, b: Candidate) -> bool:
    """Two figures count the same thing: same counted noun and same scope words."""
    fa, fb = a.figure, b.figure
    if fa is None or fb is None or fa.unit != fb.unit or fa.kind != fb.kind:
        return False
    return _scope(a.scored.hit.text, fa) == _scope(b.scored.hit.text, fb)


def _attrib(hit: SentenceHit, lead: str) -> str:
    """Who stands behind the figure, at the strength the sentence gives it: "a US official and
    a Mexican official told Reuters", "according to an unnamed US official", "the Pentagon
    said"; the outlet itself when the sentence credits nobody."""
    attr = find_attribution(hit.text)
    outlet = hit.article.outlet or "the report"
    if attr is None:
        return f"{outlet} reported"
    phrase = ph.said_by(attr.phrase, outlet)
    who_words = [w for w in re.findall(r"[A-Za-z]+", attr.who.lower()) if len(w) > 3]
    if who_words and all(w in lead.lower() for w in who_words) and attr.verb != "according":
        # the lead already names its source ("Two defense officials said planners ...")
        return f"{outlet} reported"
    return phrase


def _lead_clause(hit: SentenceHit, fig: Figure) -> str:
    if fig.corrected_from is not None:
        return f"{fig.phrase} (corrected by the desk; the report said {fig.corrected_from})"
    try:
        clause = ph.figure_clause(hit.text, fig.start, fig.end)
    except Exception:  # wording must never cost the answer
        log.debug("figure_clause failed", exc_info=True)
        clause = ""
    label = _fig_label(fig)
    if not clause or fig.phrase not in clause or len(clause.split()) > 30:
        return label
    if label != fig.phrase and clause.startswith(fig.phrase):
        clause = label + clause[len(fig.phrase) :]
    if label != fig.phrase and clause.startswith(fig.phrase) and not clause[len(fig.phrase) :].strip():
        return label
    return clause


def _context_clause(q: Question, hit: SentenceHit, fig: Figure) -> str | None:
    """Another figure of the same sentence counting the same thing ("thousands more could
    deploy soon"): one line of context after the lead."""
    for other in _figures(hit):
        if other.start == fig.start or other.unit != fig.unit or other.unit is None:
            continue
        if other.value_text == fig.value_text or _verb_of_other_count(q, hit.text, other):
            continue  # "more than 900" injured is no context for how many died
        try:
            c = ph.figure_clause(hit.text, other.start, other.end, keep_speaker=True)
        except Exception:
            continue
        if c and other.phrase in c and len(c.split()) <= 20:
            return c
    return None


# "has risen to 47", "now stands at", "18 ..., down from about 40": a figure stated as the new
# value of one that changed
_REVISED_BEFORE = re.compile(
    rf"(?:\b{_MOVED}\s+to|\b(?:now|since)\b[^,;.]{{0,30}}?)\s+(?:{_HEDGE_WORDS}\s+)?$", re.I
)
_REVISED_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:up|down)\s+from\b|^\s+(?:now|so\s+far|to\s+date)\b", re.I)


_ASKED_PERIOD = re.compile(
    r"\bon\s+(?:" + "|".join(lx.WEEKDAYS) + r")\b|\bin\s+(?:" + "|".join(lx.MONTHS) + r"|\d{4})\b", re.I
)


def _revises(hit: SentenceHit, fig: Figure) -> bool:
    text = hit.text
    return bool(
        _REVISED_BEFORE.search(text[max(0, fig.start - 60) : fig.start])
        or _REVISED_AFTER.match(text[fig.end : fig.end + 60])
        or _BRINGING.search(text[max(0, fig.start - 120) : fig.start])
    )


def _same_speaker(a: SentenceHit, b: SentenceHit) -> bool:
    """Two sentences that quote the same named person ("Helena Voss ... said"): a later count of
    theirs is their newer count."""

    def people(text: str) -> set[str]:
        return {n for _s, _e, n in find_names(text) if len(n.split()) >= 2}

    return bool(people(a.text) & people(b.text)) and bool(
        _SAY_Q_WORD.search(a.text) and _SAY_Q_WORD.search(b.text)
    )


def _newest_revision(q: Question, cands: list[Candidate]) -> Candidate:
    """A later report that states the figure as changed ("the toll has risen to 47", "18 were
    still missing, down from about 40") leads over an earlier report's figure for the same
    count that reads a little better, unless the question asks for the earlier figure."""
    best = cands[0]
    if best.figure is None or _EARLIER_Q.search(q.text) or _ASKED_PERIOD.search(q.text):
        return best  # "how many on Tuesday", "in April": the figure of that time, not the latest
    newer = [
        c
        for c in cands
        if c.figure is not None
        and c.figure.kind == best.figure.kind
        and c.score >= best.score - 0.25
        and _published(c.scored.hit) > _published(best.scored.hit)
        and c.scored.hit.article.story_id == best.scored.hit.article.story_id
        and _adds_more(c.scored.hit.text, c.figure) == _adds_more(best.scored.hit.text, best.figure)
        and (_revises(c.scored.hit, c.figure) or _same_speaker(best.scored.hit, c.scored.hit))
        and not _FROM_BEFORE.search(c.scored.hit.text[max(0, c.figure.start - 12) : c.figure.start])
    ]
    return max(newer, key=lambda c: (_published(c.scored.hit), c.score)) if newer else best


def _as_stated_before(primary: Candidate, older: list[Candidate]) -> list[Candidate]:
    """ "came to 126 million euros ..., up from the 118 million euros it had cited": the report
    names the figure it revises, so an older figure of another value is someone else's claim
    ("Drasland says it owes no more than 40 million"), not this figure's history."""
    fig = primary.figure
    if fig is None:
        return older
    text = primary.scored.hit.text
    was = [
        g
        for g in _figures(primary.scored.hit)
        if g.start >= fig.end and re.search(r"\bfrom\s+(?:the\s+)?$", text[max(0, g.start - 16) : g.start])
    ]
    if not was:
        return older
    return [o for o in older if o.figure is not None and _same_value(o.figure, was[0])]


# a figure stated as the count's value at the time of the report: "revised the number of cases
# down to 22", "raised its count of confirmed cases to 23", "Seven people remain in hospital"
_RESTATED_BEFORE = re.compile(
    rf"\b(?:revised|raised|lowered|cut|updated|put|increased|reduced|brought|pushed)\b[^,;.]{{0,60}}?"
    rf"\b(?:(?:up|down)\s+)?to\s+(?:{_HEDGE_WORDS}\s+)?$"
    # "put the death toll at 31": the count as the report gives it now
    rf"|\b(?:put|puts|putting|pegged|placed)\s+(?:the|its|their)\b[^,;.]{{0,40}}?\bat\s+(?:{_HEDGE_WORDS}\s+)?$",
    re.I,
)
_RESTATED_AFTER = re.compile(r"^\s+(?:(?:are|is|were|was)\s+)?(?:remain(?:s|ed)?|still)\b", re.I)


def _restated(hit: SentenceHit, fig: Figure) -> bool:
    text = hit.text
    return (
        _revises(hit, fig)
        or bool(_RESTATED_BEFORE.search(text[max(0, fig.start - 100) : fig.start]))
        or bool(_RESTATED_AFTER.match(text[fig.end : fig.end + 30]))
    )


def _figure_window(text: str, fig: Figure) -> str:
    """The figure's stretch of its sentence: back to the last clause break, on to the next."""
    lo = max(text.rfind(",", 0, fig.start), text.rfind(";", 0, fig.start)) + 1
    stop = re.search(r"[,;]", text[fig.end :])
    return text[lo : fig.end + stop.start() if stop else len(text)]


def _counts_the_sick(hit: SentenceHit, fig: Figure) -> bool:
    if fig.unit in lx.ILLNESS_NOUNS:
        return True
    if fig.unit not in lx.PERSON_NOUNS:
        return False
    words = set(re.findall(r"[a-z]+", _figure_window(hit.text, fig).lower()))
    return bool(words & lx.ILLNESS_WORDS)


_DIED_AFTER = re.compile(
    r"^\s+(?:(?:have|has|had|were|was|are|is)\s+)?(?:(?:now|since|already|all)\s+)?"
    r"(?:died|dead|killed|perished|lost\s+their\s+lives)\b",
    re.I,
)


def _counts_deaths(hit: SentenceHit, fig: Figure) -> bool:
    """The figure counts the dead: a death toll's value ("put the death toll at 31") or people
    said to have died right after it ("At least 12 people died")."""
    if counts_death_toll(hit.text, fig.start):
        return True
    return fig.unit in lx.PERSON_NOUNS and bool(_DIED_AFTER.match(hit.text[fig.end :]))


def _same_quantity(q: Question, a: Candidate, b: Candidate) -> bool:
    """Two reports' figures count the same thing: an outbreak's sick, whether "people fell ill"
    or "cases"; or the same counted noun, or people and patients (victims, ...), of whom the
    figures' own clauses say every other thing the question asks ("died", "in hospital")."""
    fa, fb = a.figure, b.figure
    if fa is None or fb is None or fa.kind != fb.kind or fa.kind not in ("count", "vague"):
        return False
    ha, hb = a.scored.hit, b.scored.hit
    if _counts_the_sick(ha, fa) and _counts_the_sick(hb, fb):
        return True
    if _counts_deaths(ha, fa) and _counts_deaths(hb, fb):
        return True  # "At least 12 people died", then "put the death toll at 31"
    same_noun = fa.unit is not None and fa.unit == fb.unit
    if not same_noun and (fa.unit not in lx.PERSON_NOUNS or fb.unit not in lx.PERSON_NOUNS):
        return False
    asked = [
        t
        for t in q.terms
        if t.role in ("noun", "verb", "adj")
        and t is not q.counted
        and not any(t is m for m in q.counted_mods)
    ]
    if not asked:
        return same_noun
    ka, kb = read(_figure_window(ha.text, fa)).keys, read(_figure_window(hb.text, fb)).keys
    return all((t.exact | t.related) & ka and (t.exact | t.related) & kb for t in asked)


def _later_restatement(q: Question, cands: list[Candidate], scored: list[Scored]) -> list[Candidate] | None:
    """A later report of the same story that restates the leading figure's count ("revised the
    number of confirmed cases down to 22" after "14 people had fallen ill") leads, even when it
    no longer repeats a name the whole story is about (the outbreak's "listeria", which other
    sentences of that report do name). A later restated count of people the engine cannot tie to
    the leading one means the leading one may be out of date: None, no answer."""
    best = cands[0]
    if best.figure is None or _EARLIER_Q.search(q.text) or _ASKED_PERIOD.search(q.text):
        return cands
    story = best.scored.hit.article.story_id
    since = _published(best.scored.hit)
    people = (best.figure.unit in lx.PERSON_NOUNS) or (best.figure.unit in lx.ILLNESS_NOUNS)
    later: list[Candidate] = []
    doubt = False
    for s in scored:
        hit = s.hit
        if hit.article.story_id != story or _published(hit) <= since:
            continue
        near = s.coverage >= 0.2
        missing = [t for t in s.missing if t is not q.counted]
        # a name the whole story is about, which the leading figure's sentence has and other
        # sentences of this report name
        topical = all(
            t.role == "entity"
            and best.scored.quality.get(q.terms.index(t), 0.0) > 0
            and any(
                o.hit.article.article_id == hit.article.article_id and t.exact & o.reading.keys
                for o in scored
            )
            for t in missing
        )
        figs = _figures(hit)
        for fig in figs:
            if fig.kind not in ("count", "vague") or not _restated(hit, fig) or _adds_more(hit.text, fig):
                continue
            c = Candidate(s, best.score, fig.phrase, figure=fig, extra={"lift": 0.0})
            if not _same_quantity(q, best, c):
                person = fig.unit in lx.PERSON_NOUNS or fig.unit in lx.ILLNESS_NOUNS
                doubt = doubt or (
                    near and people and person and not missing and _same_quantity_unsure(q, best, c)
                )
                continue
            if _names_go_with_other_figure(q, s, fig, figs) or _figure_elsewhere(q, s, fig):
                continue  # another place's or body's count
            if not topical:
                doubt = doubt or (near and all(t.role == "entity" for t in missing))
                continue
            later.append(c)
    if later:
        later.sort(key=lambda c: _published(c.scored.hit), reverse=True)
        return [*later, *cands]  # the newest leads; the others are its history
    return None if doubt else cands


def _same_quantity_unsure(q: Question, a: Candidate, b: Candidate) -> bool:
    """A later count of people whose own clause says everything the question asks, which the
    engine cannot tie to the leading count by its noun: perhaps the same count, updated."""
    fb = b.figure
    assert fb is not None
    keys = read(_figure_window(b.scored.hit.text, fb)).keys
    asked = [t for t in q.terms if t.role in ("noun", "verb", "adj") and t is not q.counted]
    return bool(asked) and all((t.exact | t.related) & keys for t in asked)


def _say_count(q: Question, cands: list[Candidate]) -> Answer:
    best = _newest_revision(q, cands)
    # the same figure in other articles: comparable match, same counted noun
    pool: list[Candidate] = []
    seen_articles: set[int] = set()
    for c in [best, *(c for c in cands if c is not best)]:
        # a running total's lift over its own sentence's background does not push out other reports
        if (
            c.score < best.score - best.extra.get("lift", 0.0) - 0.1
            or c.figure is None
            or best.figure is None
        ):
            continue
        if c.figure.unit != best.figure.unit and _unit_match(q, c.figure) < 0.85:
            continue
        if ("each" in _scope(c.scored.hit.text, c.figure)) != (
            "each" in _scope(best.scored.hit.text, best.figure)
        ):
            # "how many each" vs "how many more": another question, not another report of it
            continue
        aid = c.scored.hit.article.article_id
        if aid in seen_articles:
            continue
        seen_articles.add(aid)
        pool.append(c)
    # the best-supported figure leads; a newer report of it leads only when it matches as well
    primary = best
    for c in pool:
        if (
            c is not best
            and c.score >= best.score - 0.04
            and _published(c.scored.hit) > _published(primary.scored.hit)
        ):
            primary = c
    pool = [primary] + sorted(
        (c for c in pool if c is not primary), key=lambda c: _published(c.scored.hit), reverse=True
    )
    older: list[Candidate] = []
    for c in pool[1:]:
        if c.figure is None or primary.figure is None:
            continue
        if _published(c.scored.hit) > _published(primary.scored.hit) and not (
            _comparable(c, primary)
            and abs((_published(c.scored.hit) - _published(primary.scored.hit)).total_seconds()) < 12 * 3600
        ):
            continue  # history runs backwards from the figure that leads
        if any(_same_value(c.figure, o.figure) for o in [primary, *older] if o.figure):
            continue
        if _adds_more(primary.scored.hit.text, primary.figure) and not _adds_more(
            c.scored.hit.text, c.figure
        ):
            continue  # "a further three days" did not rise from "a two-day strike"
        older.append(c)
    older = _as_stated_before(primary, older)[:3]
    fig = primary.figure
    assert fig is not None
    hit = primary.scored.hit
    who = find_attribution(hit.text)
    date = ph.day(hit.article.published_at, year=False)
    outlet = hit.article.outlet or "the report"
    lead = _lead_clause(hit, fig)
    context = _context_clause(q, hit, fig) if not older else None
    if context and (context in lead or lead in context):
        context = None  # "slowed to 2.8% in May from 3.4% in April" holds both figures already
    same_time = [
        c
        for c in older
        if abs((_published(c.scored.hit) - _published(hit)).total_seconds()) < 12 * 3600
        and c.scored.hit.article.outlet != hit.article.outlet
        and _comparable(c, primary)
        # "a further three days" on top of "a two-day strike" is not a rival count
        and _adds_more(c.scored.hit.text, c.figure) == _adds_more(hit.text, fig)  # type: ignore[arg-type]
    ]
    lines: list[str] = []
    if same_time:
        other = same_time[0]
        oh = other.scored.hit
        lines.append(
            f"Reports differ: {_fig_label(fig)} ({outlet}{', ' + date if date else ''}, {_attrib(hit, '')}) vs "
            f"{_fig_label(other.figure)} ({oh.article.outlet or 'another report'}"  # type: ignore[arg-type]
            f"{', ' + (ph.day(oh.article.published_at, year=False) or '')}, {_attrib(oh, '')})."
        )
        lines.append(f"{ph.capitalise(lead)} \u2014 {_attrib(hit, lead)}.")
        older = [o for o in older if o is not other]
        older.insert(0, other)
        rest = older[1:]
    else:
        first = f"{ph.capitalise(lead)}"
        if context:
            w0 = context.split()[0]
            if w0.lower() in ph._COMMON_FIRST or w0.lower() in lx.STOPWORDS:
                context = context[:1].lower() + context[1:]
            first += f"; {context}"
        first += f" \u2014 {_attrib(hit, lead)}"
        rest = older
        if older:
            first += f", as of {date or 'the latest report'}"
            prev = older[0]
            pf = prev.figure
            assert pf is not None
            if (
                _comparable(prev, primary)
                and fig.value_num is not None
                and pf.value_num is not None
                and fig.value_num != pf.value_num
            ):
                direction = "up" if fig.value_num > pf.value_num else "down"
                first += (
                    f"; {direction} from {_fig_label(pf)} on "
                    f"{ph.day(prev.scored.hit.article.published_at, year=False) or 'an earlier date'}"
                    f" ({prev.scored.hit.article.outlet or 'earlier report'})"
                )
                rest = older[1:]
        lines.append(first + ".")
    if rest:
        prev_txt = "; ".join(
            f"{_fig_label(o.figure)} on {ph.day(o.scored.hit.article.published_at, year=False)} ({o.scored.hit.article.outlet or 'earlier report'})"  # type: ignore[arg-type]
            for o in rest
        )
        lines.append(f"Earlier: {prev_txt}.")
    cites = [_citation(hit, fig.fact_id)] + [
        _citation(o.scored.hit, o.figure.fact_id if o.figure else None) for o in older
    ]
    lines.append(_body(hit))
    lines.append("\u2014 " + _source_bit(hit, cites, q.text, " ".join(lines)))
    for o in older:
        lines.append(
            f"{_body(o.scored.hit)} \u2014 {ph.source_line(o.scored.hit.article.outlet, o.scored.hit.article.published_at)}"
        )
    history = [
        HistoryItem(o.figure.value_text, o.scored.hit.article.published_at, o.scored.hit.article.outlet)
        for o in older
        if o.figure
    ]
    corrections = [
        c.figure.value_text for c in [primary, *older] if c.figure is not None and c.figure.corrected_from
    ]
    return _finish(
        q,
        "\n".join(lines),
        cites,
        corrections=corrections,
        short=_fig_label(fig),
        context=hit.text,
        attribution=who.phrase if who else None,
        history=history,
        fact_ids=[i for i in [fig.fact_id] + [o.figure.fact_id for o in older if o.figure] if i is not None],
        confidence=primary.score,
    )


def _say_latest(q: Question, cands: list[Candidate]) -> Answer:
    picked: list[Candidate] = []
    seen: set[int] = set()
    for c in sorted(cands, key=lambda c: (_published(c.scored.hit), c.score), reverse=True):
        aid = c.scored.hit.article.article_id
        if aid in seen or not _quotable(c.scored.hit):
            continue
        seen.add(aid)
        picked.append(c)
        if len(picked) == 3:
            break
    if not picked:
        return _refuse(q, [c.scored for c in cands])
    lines = ["Latest first:"]
    for c in picked:
        a = c.scored.hit.article
        lines.append(
            f"{ph.day(a.published_at) or 'Undated'} ({a.outlet or 'unnamed outlet'}): {ph.quote(c.scored.hit.text)}"
        )
    cites = [_citation(c.scored.hit) for c in picked]
    return _finish(q, "\n".join(lines), cites, context=picked[0].scored.hit.text, confidence=picked[0].score)


def _refuse(q: Question, scored: Sequence[Scored]) -> Answer:
    closest = sorted(scored, key=lambda s: -s.coverage)
    near: list[Citation] = []
    seen: set[str] = set()
    for s in closest:
        if s.coverage < 0.3 or not _quotable(s.hit) or s.hit.text in seen:
            continue
        seen.add(s.hit.text)
        near.append(_citation(s.hit))
        if len(near) == 2:
            break
    text = ph.refusal()
    if near:
        text += "\nClosest I have (not an answer):\n" + "\n".join(
            f"{ph.quote(c.sentence)} \u2014 {ph.source_line(c.outlet, c.published)}" for c in near
        )
    return Answer(question=q.text, answered=False, text=text, closest=near, kind=q.kind)
