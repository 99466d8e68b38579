"""Understanding a reporter's question: what kind of answer it expects (a count, a person, a
date, a reason...), its focus words with their lemmas, synonyms and spelling fixes, and the
words that any supporting sentence must contain (the counted noun, named places and people,
the noun after "which"), which is where refusing an unsupported answer starts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from facts import qa_lexicon as lx
from facts.qa_spans import Tok, idiom_at, tokenize

# Question kinds.
COUNT = "count"  # how many / how much / what number / what percentage
PERSON = "person"  # who did it, who is the X
SOURCE = "source"  # who said / reported / confirmed it
PLACE = "place"
DATE = "date"
REASON = "reason"
YESNO = "yesno"
WHAT = "what"
LATEST = "latest"
TOPIC = "topic"  # a bare phrase: "troops at border?"

_LEAD_INS = re.compile(
    r"^(?:(?:hey|hi|ok|okay|so|and|quick q|q|question|@?factdesk|bot|pls|please)[,:!\s]+)*"
    r"(?:(?:can|could|would) you (?:please )?(?:tell|remind|show) (?:me|us)(?: again)?|do (?:we|you) know|does anyone know|"
    r"any idea|tell me|remind me|i need to know|i'm wondering|i wonder|wondering|"
    r"(?:do|did) (?:we|you) (?:have|get)(?: anything on)?|what do we know about|"
    r"just checking|confirm(?:ing)?|need|checking)\s*[,:]?\s*",
    re.I,
)
_CONTRACTIONS = [
    (re.compile(r"\b(what|who|where|when|how|why|which|that|there|it)(?:'|’)s\b", re.I), r"\1 is"),
    (re.compile(r"\bwhats\b", re.I), "what is"),
    (re.compile(r"\bwhos\b", re.I), "who is"),
    (re.compile(r"\bwheres\b", re.I), "where is"),
    (
        re.compile(
            r"\b(is|are|was|were|do|does|did|has|have|had|could|would|should|wo|ca)n(?:'|’)?t\b", re.I
        ),
        r"\1 not",
    ),
    (re.compile(r"\bhow come\b", re.I), "why"),
    # the news idiom for the number killed
    (
        re.compile(
            r"^(?:what|whats)\s+(?:is|was)\s+the\s+(?:current\s+|latest\s+|official\s+|total\s+)?death\s+toll\b"
            r"|^how\s+(?:high|big|large)\s+is\s+the\s+death\s+toll\b|^death\s+toll\b",
            re.I,
        ),
        "how many people died",
    ),
]
# What reporters type in a hurry, written out.
_SHORTHAND = [
    (re.compile(rf"\b{a}\b", re.I), b)
    for a, b in (
        ("ppl", "people"),
        ("govt", "government"),
        ("gov't", "government"),
        ("pres", "president"),
        ("dept", "department"),
        ("intl", "international"),
        ("admin", "administration"),
        ("gitmo", "Guantanamo"),
        ("abt", "about"),
        ("approx", "approximately"),
        ("mex", "Mexico"),
        ("w/", "with"),
        ("b/c", "because"),
        ("bc", "because"),
        ("yr", "year"),
        ("yrs", "years"),
        ("#", "number"),
        ("nat'l", "national"),
        ("natl", "national"),
    )
]
_LATEST_RE = re.compile(
    r"\b(?:latest|newest|most recent|any (?:news|updates?)|updates? on|update me|what(?: is|'s)? new|"
    r"what (?:has )?changed|what changed|changes? (?:on|to|in)|where do things stand|state of play|status of)\b",
    re.I,
)
_WHY_RE = re.compile(
    r"^(?:why|for what reason|what (?:was|is|were|are) the reasons?|what reasons?|what (?:prompted|caused|led to|triggered|sparked|ignited|set off|motivated|was behind|is behind)|what (?:is|was) the (?:likely |probable )?cause of|on what grounds)\b",
    re.I,
)
_WHEN_RE = re.compile(
    r"^(?:when|what (?:day|date|time|month|year|week)|which (?:day|date|month|year|week)|by when|since when|until when|how soon|how long ago|at what time|on what (?:day|date))\b",
    re.I,
)
_WHERE_RE = re.compile(
    r"^(?:where|what (?:city|cities|country|countries|state|states|town|towns|place|places|location|locations|airport|airports|base|bases|region|area)|"
    r"which (?:city|cities|country|countries|state|states|town|towns|place|places|location|locations|airport|airports|base|bases|region|area)|to what country|from what country|in what (?:city|country|state))\b",
    re.I,
)
_SOURCE_RE = re.compile(
    r"^(?:who\s+(?:(?:first|originally|initially|actually)\s+)?(?:said|says|reported|reports|confirmed|confirms|told|announced|revealed|disclosed|broke|leaked|claimed|stated)|"
    r"according to (?:who|whom)|(?:which|what) (?:outlet|outlets|newspaper|paper|network|agency|news organi[sz]ation|publication|media|source|sources|officials?)\b.*\b(?:report|said|say|confirm|told|reveal|announce|break|broke)\w*)"
    r"|^(?:who is|who was|what is|what was) the source\b|^(?:who(?:'s| is)? (?:the )?source)"
    r"|^(?:who|which outlet|what outlet)\s+(?:was|were)\s+(?:the\s+)?first\s+to\s+(?:report|reveal|break|disclose|publish)\b",
    re.I,
)
_COUNT_RE = re.compile(
    r"^(?:how (?:many|much|large|big|high|long|far|deep|tall|strong|old|fast)|what (?:is|was|are|were) the (?:number|total|size|amount|count|tally|toll|figure)|"
    r"what (?:number|percentage|percent|share|proportion|amount|total|rate)|(?:the )?(?:number|total|count) of)\b",
    re.I,
)
_AUDIENCE_Q = re.compile(
    r"\b(?:told|tell|tells|telling|"
    r"(?:said|say|says|saying|confirmed|confirm|confirms|speaking|spoke|speak|talking|talked|talk|"
    r"statement|remarks|comments?|wrote|write|writes|explained|explain)\s+to|"
    r"(?:interview|interviewed|interviews|speaking|spoke|speak|talking|talked|talk)\s+(?:with|by|on)|"
    r"(?:said|say|says|speaking|spoke|appearing|appeared)\s+on)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:an?\s+interview\s+with\s+(?:the\s+)?)?"
    r"([a-z][\w.&'\-]*(?:\s+[a-z][\w.&'\-]*){0,3})",
    re.I,
)
_ACCORDING_Q = re.compile(r"\baccording\s+to\s+(?:the\s+)?([a-z][\w.&'\-]*(?:\s+[a-z][\w.&'\-]*){0,3})", re.I)
_TYPE_SKIP = frozenset("kind kinds type types sort sorts name names of exactly specific particular".split())


# "how much will the tax go up": a phrasal verb of change
_PHRASAL_CHANGE = re.compile(r"\b(?:go|goes|went|gone|going)\s+(?:up|down)\b")
# verbs that move a level to a new value, beside the verbs of change ("cut its rate to 4.25%")
_MOVE_TO = frozenset("cut lower raise reduce hike lift slash trim increase ease".split())


@dataclass
class Term:
    """One focus word of a question."""

    text: str  # the word matched against the store (after a spelling fix)
    typed: str  # as the reporter typed it
    exact: frozenset[str]  # lemma keys that match fully
    related: frozenset[str]  # synonyms and derivations, matched at a discount
    role: str  # "entity" | "place" | "noun" | "verb" | "adj" | "number" | "generic"
    weight: float
    required: bool = False
    corrected: bool = False
    position: int = 0
    # a word of a name made of common words ("Harbor City"): it matches only where the whole
    # name is written, lower case, else only through the report's context
    name: str | None = None


@dataclass
class Question:
    text: str
    kind: str
    terms: list[Term] = field(default_factory=list)
    counted: Term | None = None  # count questions: the counted noun ("troops")
    counted_mods: list[Term] = field(default_factory=list)  # its modifiers ("military", "deportation")
    type_noun: Term | None = None  # "which aircraft" -> aircraft; "who is the ambassador" -> ambassador
    measure: str | None = None  # count questions: "money" | "percent" | "change" | None
    measure_noun: str | None = None  # "what was the turnout" -> turnout; "how deep" -> depth
    modal: bool = False  # "could more troops be sent?"
    negated: bool = False
    say_verb: str | None = None  # source questions: "report", "confirm"
    first: bool = False  # "who first reported"
    duration: bool = False  # "how long is the pause": a span of time, not a date
    target: bool = False  # "what did the bank lower its rate to": the level a change went to
    clock: bool = False  # "what time did it happen": a time of day, not a day
    numbers: list[str] = field(default_factory=list)
    subject_name: Term | None = None  # "who is Claudia Sheinbaum" -> the name asked about
    corrections: dict[str, str] = field(default_factory=dict)
    # "who told Reuters ...", "said in an interview with CNN", "told reporters": the words naming
    # who a statement was made to (an answer's sentence must name the same audience); "according
    # to the AP": who made it
    audience: str | None = None
    according_to: str | None = None

    def search_terms(self, limit: int = 24) -> list[str]:
        """Plain lower-case words to search for (any of them): focus words, their lemmas,
        synonyms and place aliases, the most important first."""
        out: list[str] = []
        seen: set[str] = set()

        def add(w: str) -> None:
            w = w.strip().lower()
            if w and not w.startswith("@") and w not in seen and w not in lx.STOPWORDS and len(w) > 1:
                seen.add(w)
                out.append(w)

        for t in sorted(self.terms, key=lambda t: -t.weight):
            add(t.text)
            for k in sorted(t.exact):
                if k.startswith("@"):
                    for alias, key in lx.PLACE_KEY.items():
                        if key == k[1:]:
                            add(alias)
                else:
                    add(k)
                    for form in lx.PHRASE_FORMS.get(k, ()):
                        add(form)  # "ceo" is also written "chief executive"
        # related words taken in turn from each term, so one word's long synonym list (people:
        # migrants, citizens, civilians ...) does not crowd out another's ("work at": employees)
        lists = [
            sorted(t.related)
            for t in sorted(self.terms, key=lambda t: -t.weight)
            if t.role not in ("generic",) or t is self.counted
        ]
        for n in range(max((len(x) for x in lists), default=0)):
            for words in lists:
                if n < len(words):
                    add(words[n].replace("-", " "))
        return out[:limit] if len(out) > limit else out

    @property
    def required(self) -> list[Term]:
        return [t for t in self.terms if t.required]


def _clean(text: str) -> str:
    s = (
        text.strip()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    s = re.sub(r"<@[A-Z0-9]+>", " ", s)  # a Slack mention of the bot
    for rx, rep in _SHORTHAND:
        s = rx.sub(rep, s)
    s = re.sub(r"\s+", " ", s)
    for rx, rep in _CONTRACTIONS:
        s = rx.sub(rep, s)
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_INS.sub("", s, count=1).strip()
    s = re.sub(r"^(?:that|if|whether)\s+", "", s, flags=re.I) if prev != text else s
    return s.strip(" ?!.")


def _word_role(tok: Tok, prev: Tok | None, nxt: Tok | None, vocabulary: frozenset[str] | None) -> str:
    low = tok.low
    if re.match(r"^\$?\d", low):
        return "number"
    if any(k.startswith("@") for k in tok.keys):
        return "place"
    if low in lx.GENERIC:
        return "generic"
    if low in lx.ORDINAL_WORDS:
        return "adj"  # "the third flight" is not any flight
    if tok.cap:
        return "entity"
    tags = lx.pos_tags(low)
    if not tags:
        return "noun" if lx.is_dictionary_word(low) else "entity"
    if tags == {"ADV"} and low.endswith("ly"):
        # "eventually", "ultimately", "currently": how or when, not what the sentence is about
        return "generic"
    if low in lx.SAY_VERBS or any(lem in lx.SAY_VERBS for lem in lx.lemmas(low) if "VERB" in tags):
        if "NOUN" not in tags or low.endswith(("ed", "ing")):
            return "verb"
    if low.endswith(("ed", "ing")) and "VERB" in tags:
        return "verb"
    if "NOUN" in tags and (
        "VERB" not in tags
        or (prev is not None and prev.low in ("the", "a", "an", "of", "many", "much", "more"))
    ):
        return "noun"
    if "VERB" in tags and "NOUN" in tags:
        if prev is not None and prev.low == "who" and prev.start == 0:
            return "verb"  # "who heads the agency", "who runs the club": the subject's verb
        # plural nouns: "troops", "flights"
        if low.endswith("s") and low[:-1] in lx.lemmas(low):
            return "noun"
        return "verb" if prev is not None and (prev.low in lx.AUXILIARIES or prev.low in ("to",)) else "noun"
    if "VERB" in tags:
        return "verb"
    if "ADJ" in tags:
        return "adj"
    return "noun"


_WEIGHTS = {"entity": 3.0, "place": 3.0, "number": 2.5, "noun": 2.0, "adj": 1.5, "verb": 1.2, "generic": 0.4}


@lru_cache(maxsize=8)
def _buckets(vocabulary: frozenset[str]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for w in vocabulary:
        if w.isalpha() and len(w) >= 3:
            out.setdefault(len(w), []).append(w)
    return out


def correct_spelling(word: str, vocabulary: frozenset[str] | None) -> str | None:
    """The store's word a typo most likely meant ("troups" -> "troops"), or None."""
    if not vocabulary or len(word) < 4 or not word.isalpha():
        return None
    if word in vocabulary or lx.is_dictionary_word(word):
        return None
    buckets = _buckets(vocabulary)
    choices: list[str] = []
    for n in range(len(word) - 2, len(word) + 3):
        choices.extend(buckets.get(n, ()))
    if not choices:
        return None
    cutoff = 80 if len(word) < 7 else 75
    found = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=10)
    if not found:
        return None

    # ties are common ("troups": troops / groups): typists rarely miss the first letter, and a
    # swapped or doubled letter keeps the word's letters
    def rank(item: tuple[str, float, int]) -> tuple[float, ...]:
        cand, score, _ = item
        return (
            score
            + (6 if cand[0] == word[0] else 0)
            + (2 if cand[-1] == word[-1] else 0)
            + (3 if sorted(cand) == sorted(word) else 0)
            - abs(len(cand) - len(word)),
        )

    return max(found, key=rank)[0]


def parse_question(text: str, *, vocabulary: frozenset[str] | None = None) -> Question:
    """Classify a question and pull out its focus terms. `vocabulary` (the store's words)
    enables spelling fixes."""
    cleaned = _clean(text)
    # "what is the secretary of state's name", "name of the Mexican president": who holds the role
    named = re.match(
        r"^(?:what|whats)\s+(?:is|was)\s+(?:the\s+)?(.+?)(?:'s|’s)\s+name$|^(?:what\s+(?:is|was)\s+)?(?:the\s+)?name\s+of\s+(?:the\s+)?(.+)$",
        cleaned,
        re.I,
    )
    if named:
        role_part = named.group(1) or named.group(2) or ""
        if any(w.lower() in lx.ROLE_NOUNS for w in re.findall(r"[A-Za-z]+", role_part)):
            cleaned = f"who is the {role_part}"
    low = cleaned.lower()
    toks = tokenize(cleaned, question=True)
    words = [t.low for t in toks]
    q = Question(text=text, kind=WHAT)
    said_to = _AUDIENCE_Q.search(cleaned)
    if said_to:
        q.audience = said_to.group(1).lower()
    by = _ACCORDING_Q.search(cleaned)
    if by and by.group(1).lower().split()[0] not in ("who", "whom", "which", "what"):
        q.according_to = by.group(1).lower()

    # --- the kind of answer expected
    first = words[0] if words else ""
    if _SOURCE_RE.search(low):
        q.kind = SOURCE
    elif _WHY_RE.search(low):
        q.kind = REASON
    elif _WHEN_RE.search(low):
        q.kind = DATE
    elif re.match(r"^(?:for )?how long\b(?! ago)", low):
        q.kind = DATE
        q.duration = True
    elif _WHERE_RE.search(low):
        q.kind = PLACE
    elif _COUNT_RE.search(low):
        q.kind = COUNT
    elif _LATEST_RE.search(low) and first not in ("who", "when", "where", "why"):
        q.kind = LATEST
    elif first in ("who", "whom", "whose"):
        q.kind = PERSON
    elif first in ("what", "which"):
        q.kind = WHAT
    elif first in lx.AUXILIARIES or low.startswith("is it true"):
        q.kind = YESNO
    elif re.search(r"\bhow many\b|\bhow much\b|\bnumber of\b", low):
        q.kind = COUNT
    elif first == "how":
        q.kind = WHAT
    else:
        q.kind = TOPIC
    # "what did the bank lower its rate to", "what has inflation fallen to": the figure after "to"
    # of a verb of change
    if q.kind in (WHAT, TOPIC) and re.search(r"\bto\W*$", low):
        verb = re.match(
            r"^what\s+(?:did|does|do|has|have|had|will|would|is|was)\s+.*?\b([a-z]+)\s+(?:.+\s+)?to\W*$", low
        )
        if verb and any(lx.lemmas(w) & (lx.CHANGE_VERBS | _MOVE_TO) for w in low.split()):
            q.kind = COUNT
            q.target = True
    q.clock = q.kind == DATE and bool(re.match(r"^(?:at\s+)?what\s+time\b", low))
    mw = re.match(r"^(?:what|whats)\s+(?:is|was|are|were)\s+(?:the\s+)?((?:[\w']+\s+){0,2}\w+)", low)
    measured = next((w for w in mw.group(1).split() if w in lx.MEASURE_NOUNS), None) if mw else None
    if q.kind in (WHAT, TOPIC) and measured:
        q.kind = COUNT  # "what was the turnout", "what was the magnitude of the quake"
        q.measure_noun = measured
    md = re.match(r"^how\s+(\w+)\b", low)
    if q.kind == COUNT and md and md.group(1) in lx.DIMENSIONS:
        q.measure_noun = lx.DIMENSIONS[md.group(1)][0]
    if q.kind == YESNO:
        q.modal = first in ("could", "might", "may", "will", "would", "can", "should", "shall")
        q.negated = "not" in words[:3]

    # --- the words around the question word that say what is asked for
    counted_idx: list[int] = []
    type_idx: int | None = None
    if q.kind == COUNT:
        m = re.search(
            r"\bhow (?:many|much)\b|\bnumber of\b|\btotal(?: number)? of\b|\bwhat (?:number|percentage|percent|share|proportion|amount|total) of\b",
            low,
        )
        start_char = m.end() if m else 0
        idx = next((i for i, t in enumerate(toks) if t.start >= start_char), len(toks))
        # "how many of the recalled packs": the count is of packs, out of the whole
        if (
            re.search(r"\bhow many of\b", low)
            and idx + 1 < len(toks)
            and toks[idx].low == "of"
            and toks[idx + 1].low in _DETERMINERS
        ):
            idx += 2
        # "how many more days": the count is of days; "more" is read from the question's text
        while idx < len(toks) - 1 and toks[idx].low in ("more", "additional", "extra", "further"):
            idx += 1
        j = idx
        while j < len(toks):
            wt = toks[j]
            if (wt.low in lx.STOPWORDS or wt.low in lx.AUXILIARIES) and not (wt.cap and j > idx):
                break
            tags = lx.pos_tags(wt.low)
            if (
                j > idx
                and (wt.low.endswith("ed") and "VERB" in tags and "ADJ" not in tags)
                and wt.low not in ("armed",)
            ):
                break
            if tags and tags <= {"VERB"} and j > idx:
                break
            if (
                j > idx
                and "VERB" in tags
                and not wt.low.endswith("s")
                and any(not wt.low.startswith(le) for le in lx.lemmas(wt.low) - {wt.low})
            ):
                break  # "how much rain fell", "how many people left": an irregular past after the noun
            if (
                j > idx
                and "VERB" in tags
                and j + 1 < len(toks)
                and toks[j + 1].low in ("at", "for", "in", "on", "from", "with", "under")
                and lx.lemmas(toks[j - 1].low) & lx.PERSON_NOUNS
            ):
                break  # "how many people work at X": the verb after the counted people
            counted_idx.append(j)
            j += 1
        if re.search(r"\bhow much\b", low) and not counted_idx:
            counted_idx = []
        if any(w in lx.MONEY_WORDS or w.startswith("$") for w in words) or re.search(
            r"\bhow much (?:money|did|does|do|will|would|is|was|has|have|had)\b.*\b(?:cost|pay|spend|spent|paid|worth|owes?|owed|"
            r"earn|earned|borrow|borrowed|lose|lost|fine|fined|repay|repaid|invest|invested|donate|donated|"
            r"award|awarded|bid|fetch|fetched|allocate|allocated|"
            # "how much will the victims' families get": what someone is paid
            r"get|gets|got|receive|receives|received|be\s+paid|be\s+given|be\s+offered|be\s+compensated)\b",
            low,
        ):
            q.measure = "money"
        elif (
            not counted_idx
            and re.search(
                r"\bhow (?:much|far)\s+(?:did|does|do|has|have|had|will|would|is|was|are|were)\b", low
            )
            and (any(lx.lemmas(w) & lx.CHANGE_VERBS for w in words[:8]) or _PHRASAL_CHANGE.search(low))
            and not re.search(r"\b(?:percent|percentage|share|proportion)\b", low)
        ):
            # "how far did bond yields drop after the rate cut": the size of the change, though a
            # rate is named
            q.measure = "change"
            q.measure_noun = None
        elif (
            (
                not re.search(r"\bhow (?:many|much)\b", low)
                or not counted_idx
                or _rate_counted(toks, counted_idx)
            )
            and any(w in ("percent", "percentage", "share", "proportion", "rate") for w in words)
            or (re.search(r"\bhow (?:much|high|large|big)\b", low) and any(w in lx.RATE_WORDS for w in words))
        ):
            q.measure = "percent"
        elif re.search(r"\bhow much of\b", low):
            q.measure = "percent"  # "how much of the fire is contained": a share of a whole
        elif (
            not counted_idx
            and re.search(r"\bhow (?:much|far)\b", low)
            and any(lx.lemmas(w) & lx.CHANGE_VERBS for w in words)
        ):
            q.measure = "change"  # "how much did the shares fall": by a percentage or an amount
            q.measure_noun = None  # "how far did yields drop": not a distance
    elif q.kind in (WHAT, PLACE, DATE, REASON, SOURCE) and first in ("what", "which"):
        j = 1
        while j < len(toks) and toks[j].low in _TYPE_SKIP:
            j += 1
        if j < len(toks) and toks[j].low not in lx.STOPWORDS and toks[j].low not in lx.AUXILIARIES:
            # "which aircraft was...", "what program is...": the noun run after the wh-word
            k = j
            while (
                k + 1 < len(toks)
                and toks[k + 1].low not in lx.STOPWORDS
                and toks[k + 1].low not in lx.AUXILIARIES
                and (
                    "VERB" not in lx.pos_tags(toks[k + 1].low)
                    # "what pay rise are they demanding": a noun that could be a verb ends the
                    # noun run when an auxiliary follows it
                    or (
                        "NOUN" in lx.pos_tags(toks[k + 1].low)
                        and k + 2 < len(toks)
                        and toks[k + 2].low in lx.AUXILIARIES
                    )
                )
            ):
                k += 1
            type_idx = k
    elif q.kind == PERSON:
        m = re.match(r"who (?:is|was|are|were) (?:the |a |an )?(.+)$", low)
        if m:
            rest = [i for i, t in enumerate(toks) if t.start >= m.start(1)]
            role_i = next(
                (
                    i
                    for i in rest
                    if toks[i].low in lx.ROLE_NOUNS
                    or any(lem in lx.ROLE_NOUNS for lem in lx.lemmas(toks[i].low))
                ),
                None,
            )
            if role_i is not None:
                type_idx = role_i
            elif rest and all(toks[i].low not in lx.STOPWORDS for i in rest[:1]):
                q.subject_name = None  # filled below from the terms: "who is X" asks for X's role
    if q.kind == SOURCE:
        for t in toks:
            lems = lx.lemmas(t.low)
            hit = next(
                (
                    lem
                    for lem in lems
                    if lem in lx.WHO_SAID_VERBS or lem in ("break", "leak", "reveal", "disclose")
                ),
                None,
            )
            if hit:
                q.say_verb = hit
                break
        q.first = bool(re.search(r"\b(?:first|originally|initially)\b", low))

    # --- focus terms
    skip_words = set(lx.STOPWORDS) | lx.WH_WORDS | lx.QUESTION_FILLER
    if q.kind == LATEST:
        skip_words |= {
            "latest",
            "newest",
            "recent",
            "update",
            "updates",
            "news",
            "changed",
            "change",
            "changes",
            "new",
            "status",
            "state",
            "play",
            "stand",
            "things",
        }
    if q.according_to:
        skip_words |= {"according"}  # "according to police": who gave it, read as q.according_to
    if q.duration:
        # "how long will he spend in prison", "how long did the journey take": light verbs of a span
        skip_words |= {
            "long",
            "last",
            "lasts",
            "run",
            "runs",
            "take",
            "takes",
            "took",
            "spend",
            "spends",
            "spent",
        }
    if q.kind == DATE:
        skip_words |= {"day", "date", "time", "month", "year", "week", "start", "begin", "soon"} - {
            "start",
            "begin",
        }
    if q.kind == REASON:
        skip_words |= {
            "reason",
            "reasons",
            "prompted",
            "caused",
            "cause",
            "behind",
            "grounds",
            "led",
            "triggered",
            "sparked",
            "ignited",
            "likely",
            "probable",
        }
    if q.kind == PLACE:
        skip_words |= {
            "place",
            "places",
            "location",
            "locations",
            "city",
            "cities",
            "country",
            "countries",
            "area",
            "region",
        }
    if q.kind == SOURCE:
        skip_words |= {
            "outlet",
            "outlets",
            "source",
            "sources",
            "whom",
            "media",
            "publication",
            "newspaper",
            "network",
            "first",
            "originally",
            "initially",
        }
    if q.kind == COUNT:
        skip_words |= {"percentage", "percent", "share", "proportion", "amount", "size", "tally", "toll"}
    # "pay back", "work at": a phrasal verb is the verb it means; its particle is no focus word
    idiom_verb: dict[int, tuple[str, frozenset[str]]] = {}
    particles: set[int] = set()
    for i in range(len(toks)):
        found = idiom_at(toks, i)
        if found:
            own = frozenset().union(*(toks[k].keys for k in range(i, i + found[1])))
            idiom_verb[i] = (found[0], own)
            particles.update(k for k in range(i + 1, i + found[1]) if toks[k].low in lx.PARTICLES)
    for i, tok in enumerate(toks):
        w = tok.low
        if i in particles:
            continue
        if w in skip_words and not (
            q.kind == COUNT and i in counted_idx and w not in lx.STOPWORDS and w not in lx.QUESTION_FILLER
        ):
            continue
        if len(w) < 2 and not w.isdigit():
            continue
        if q.measure_noun and i == 1 and first == "how" and w in lx.DIMENSIONS and w != "old":
            continue  # "how deep": the question word, not a word the sentence must hold
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        typed = tok.text
        corrected = False
        fix = correct_spelling(w, vocabulary) if w not in lx.OUTLET_WORDS else None
        if fix and fix != w:
            q.corrections[w] = fix
            tok = Tok(
                tok.text,
                fix,
                tok.start,
                tok.end,
                lx.token_keys(fix) | ({"@usa"} if "@usa" in tok.keys else set()),
                tok.cap,
            )
            corrected = True
        role = _word_role(tok, prev, nxt, vocabulary)
        if q.measure_noun == "age" and i == 1:
            role = "generic"  # "how old": searched for ("the 24-year-old"), never required
        if tok.low in lx.SAY_VERBS and role == "verb":
            role = "generic" if q.kind != SOURCE else "verb"
        exact, related = lx.expand(tok.low)
        exact = frozenset(exact | {k for k in tok.keys if k.startswith("@")})
        if i in idiom_verb:
            # the verb's related forms, but not the idiom's own words ("taken to hospital" is
            # hospitalized; "hospital" alone, as in "remain in hospital", is not that deed)
            idiom, own = idiom_verb[i]
            exact = exact | {idiom}
            related = frozenset((related | lx.expand(idiom)[1]) - exact - own)
        weight = _WEIGHTS[role]
        term = Term(
            text=tok.low,
            typed=typed,
            exact=exact,
            related=related,
            role=role,
            weight=weight,
            corrected=corrected,
            position=i,
        )
        if role in ("place", "entity", "number") or (role == "adj" and tok.low in lx.ORDINAL_WORDS):
            term.required = True
        if role == "verb" and lx.lemmas(tok.low) & lx.CRITICAL_VERBS and q.kind in (COUNT, TOPIC, YESNO):
            term.required = True
            term.weight = 2.0
        if role == "number":
            q.numbers.append(w)
            term.exact = frozenset({w.replace(",", ""), w})
        if i in counted_idx:
            if i == counted_idx[-1] or (q.counted is None and role == "noun" and i == counted_idx[-1]):
                q.counted = term
                term.required = True
                term.weight = max(term.weight, 2.5)
            else:
                q.counted_mods.append(term)
        if type_idx is not None and i == type_idx:
            q.type_noun = term
            if tok.low == "head":
                # "who is the head of the authority": any title of its top post answers
                term.exact = term.exact | lx.HEAD_TITLES
            term.required = True
            term.weight = max(term.weight, 2.5)
        if q.kind == SOURCE and q.say_verb and q.say_verb in lx.lemmas(tok.low):
            term.weight = 2.0
        q.terms.append(term)
    _main_verb(q, toks)
    # the counted noun may be the last of several nouns ("military deportation flights")
    if q.kind == COUNT and q.counted is None and counted_idx:
        cands = [t for t in q.terms if t.position in counted_idx]
        if cands:
            q.counted = cands[-1]
            q.counted.required = True
            q.counted_mods = [t for t in cands[:-1]]
    if q.kind == PERSON and q.type_noun is None:
        names = [t for t in q.terms if t.role in ("entity",)]
        if names and re.match(r"who (?:is|was) ", cleaned.lower()) and len(q.terms) <= 3:
            q.subject_name = names[0]
    return q


# auxiliaries that put the subject between themselves and the main verb ("did prosecutors want")
_DO_MODALS = frozenset("do does did will would can could should may might must shall".split())
_STOP_VERBS = frozenset(
    "go goes went gone going get got say said tell know have has had be is are was were".split()
)
_DETERMINERS = frozenset("the a an its their his her this that these those our".split())


def _rate_counted(toks: list[Tok], counted_idx: list[int]) -> bool:
    """ "how many percentage points": the count is of a rate; not "how many members of the rate
    committee", where a rate word only names whose members."""
    return any(toks[i].low in ("percent", "percentage", "share", "proportion", "rate") for i in counted_idx)


def _base_verb(word: str) -> bool:
    lems = lx.lemmas(word)
    return "VERB" in lx.pos_tags(word) and word in lems and not (word.endswith("s") and word[:-1] in lems)


def _main_verb(q: Question, toks: list[Tok]) -> None:
    """ "how many years did prosecutors want ...", "did the budget pass", "where did inspectors
    find listeria": after "did"/"will" and the subject comes the main verb, a word the dictionary
    also reads as a noun. Read it as the question's verb (it describes the deed, not a thing the
    sentence must name), and a noun/verb word before it as the subject's noun."""
    if q.kind != COUNT:
        # a count has its figure's unit to hold it to the question; a date, place or yes/no
        # read from a sentence without the deed would answer another question
        return
    aux = next((i for i, t in enumerate(toks) if t.low in _DO_MODALS), None)
    if aux is None:
        return
    i = aux + 1
    while i < len(toks) and toks[i].low in _DETERMINERS:
        i += 1
    span: list[int] = []
    while i < len(toks) and toks[i].low not in lx.STOPWORDS:
        span.append(i)
        i += 1
    if i < len(toks) and toks[i].low in _STOP_VERBS:
        return  # "will the petrol tax go up": the verb is a light one the stopwords hold
    cands = [j for j in span[1:] if not toks[j].cap and _base_verb(toks[j].low)]
    verb = next((j for j in cands if j + 1 not in cands), None)
    if verb is None:
        return
    by_pos = {t.position: t for t in q.terms}
    term = by_pos.get(verb)
    if term is None or term.role != "noun" or term is q.counted or term is q.type_noun:
        return
    term.role = "verb"
    term.weight = _WEIGHTS["verb"]
    if lx.lemmas(term.text) & lx.CRITICAL_VERBS and q.kind in (COUNT, TOPIC, YESNO):
        term.required = True
        term.weight = 2.0
    for j in span:
        t = by_pos.get(j)
        if j < verb and t is not None and t.role == "verb" and "NOUN" in lx.pos_tags(t.text):
            t.role = "noun"
            t.weight = _WEIGHTS["noun"]


def content_terms(q: Question) -> Iterable[Term]:
    return (t for t in q.terms if t.role != "generic")


# ---- thread follow-ups ---------------------------------------------------------------------

_FOLLOW_UP = re.compile(
    r"^(?:(?:and|&|but|also|ok|okay|so)\s*,?\s*)?(?:(?:what|how)\s+about|what\s+of|same\s+(?:for|in|with)|ditto\s+(?:for|in)|and)\s+(.+?)\s*[?.!]*$",
    re.I,
)
_PREPS = r"(?:in|at|to|for|from|on|with|of|into|near|by)"


def _name_groups(q: Question) -> list[tuple[str, list[Term]]]:
    """Runs of adjacent place/entity terms of a question: [("place", [el, paso]), ...]."""
    groups: list[tuple[str, list[Term]]] = []
    for t in q.terms:
        if t.role not in ("place", "entity"):
            continue
        if groups and groups[-1][1][-1].position == t.position - 1:
            groups[-1][1].append(t)
        else:
            groups.append((t.role, [t]))
    return groups


def resolve_follow_up(question: str, previous: str | None) -> str:
    """A thread's follow-up read in the context of the question before it:
    "and in San Diego?" after "how many migrants are held in El Paso?" asks
    "how many migrants are held in San Diego?"; "what about Colombia?" after "how many
    deportees did Guatemala receive?" asks "how many deportees did Colombia receive?".
    A question that stands on its own is returned unchanged."""
    if not previous or not previous.strip():
        return question
    m = _FOLLOW_UP.match(question.strip())
    if not m:
        return question
    rest = m.group(1).strip()
    rest_low = rest.lower()
    first = rest_low.split()[0] if rest_low.split() else ""
    if first in lx.WH_WORDS or first in lx.AUXILIARIES:
        return question  # "and how many were children?" is a question of its own
    core = re.sub(rf"^{_PREPS}\s+(?:the\s+)?", "", rest, flags=re.I).strip()
    if not core:
        return question
    prev = previous.strip()
    prev_clean = prev.rstrip(" ?!.")
    pq = parse_question(prev_clean)
    toks = tokenize(_clean(prev_clean), question=True)
    cleaned = _clean(prev_clean)
    new_q = parse_question(core)
    new_roles = {t.role for t in new_q.terms}
    groups = _name_groups(pq)
    # swap a name for a name (place for place first), else the counted/asked-about noun
    target: list[Term] | None = None
    if groups:
        want = "place" if "place" in new_roles else "entity" if "entity" in new_roles else None
        same = [g for role, g in groups if role == want] if want else []
        target = (same or [g for _r, g in groups])[-1] if (want or len(core.split()) <= 3) else None
    if target is None and pq.counted is not None and not (new_roles & {"place", "entity"}):
        target = [pq.counted]
    if target is not None:
        a = toks[target[0].position].start if target[0].position < len(toks) else None
        b = toks[target[-1].position].end if target[-1].position < len(toks) else None
        if a is not None and b is not None:
            return (cleaned[:a] + core + cleaned[b:]).strip() + "?"
    # nothing to swap: the new words narrow the previous question
    if "place" in new_roles and rest == core:
        return f"{cleaned} in {rest}?"
    return f"{cleaned} {rest}?"
