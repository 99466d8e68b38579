"""People, organisations and places without a tagger.

Capitalised runs are split and classified with word lists: a role before a name ("Mexican
President Claudia Sheinbaum"), organisation suffixes ("NBC News", "US State Department"), a
gazetteer of places ("El Paso, Texas"), and institution phrases after a nationality or a place
("Mexico's foreign ministry", "Guatemalan authorities"). Short forms later in the article
("Sheinbaum", "Mr. Trump", "the State Department") resolve to the full name, which records them
in `aliases`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from facts.sentences import Token, triggered_matches
from facts.types import EntityMention
from facts.wordlists import (
    DEMONYMS,
    FUNCTION_WORDS,
    INSTITUTION_HEADS,
    KNOWN_ORGS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    ORG_PREFIXES,
    ORG_SUFFIXES,
    PLACES,
    TITLE_HEADS,
    TITLE_OF_WORDS,
    TITLE_WORDS,
    US_STATE_ABBR,
    US_STATES,
    WEEKDAYS,
    word_classes,
)

_CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][A-Za-z\u00C0-\u024F]*(?:[’'\-][A-Za-z\u00C0-\u024F]+)*\.?)"
_CONNECT = r"(?:of|for|de|del|da|la|le|al|bin|van|von|der|du|el|y)"
# The first capital comes first and the "no word character before it" check after it (the same
# test): a pattern that opens with a plain character class lets the regex engine jump from
# capital to capital instead of trying the lookbehind at every character of the sentence.
_FIRST_CAP = (
    r"[A-Z](?<![\w’'][A-Z])(?:\.(?:[A-Z]\.)+|[A-Za-z\u00C0-\u024F]*(?:[’'\-][A-Za-z\u00C0-\u024F]+)*\.?)"
)
CAP_RUN_RE = re.compile(_FIRST_CAP + r"(?:(?:\s+|\s+" + _CONNECT + r"\s+)" + _CAP + r")*")
_INSTITUTION_RE = re.compile(
    r"(?P<owner>(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|[A-Z]{2,3})(?P<poss>[’']s)?\s+"
    r"(?P<mods>(?:(?!and\b|or\b)[a-z\-]+\s+){0,2}?)(?P<head>" + INSTITUTION_HEADS + r")\b"
)
_LOCATIVE = frozenset("in to from at near into across outside inside toward towards via through".split())
_ROLE_BEFORE_RE = re.compile(
    r"(?:(?P<org>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)(?:[’']s)?\s+)?"
    r"(?P<role>(?:(?:vice|deputy|acting|former|senior|chief|foreign|defense|defence|interior|press)\s+)?"
    r"(?:president|prime\s+minister|minister|secretary|spokesman|spokeswoman|spokesperson|governor|mayor|"
    r"senator|lawmaker|leader|director|ambassador|envoy|adviser|advisor|commander|chancellor|judge|"
    r"prosecutor|attorney|lawyer|chairman|chairwoman|analyst|economist|official|czar|chief))\s+\Z"
)
_ROLE_LAST = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson governor mayor senator lawmaker
    leader director ambassador envoy adviser advisor commander chancellor judge prosecutor attorney lawyer
    chairman chairwoman analyst economist official czar chief""".split()
)
_CORE_RE = re.compile(
    r"\b(?P<det>[Tt]he)\s+(?P<np>(?:(?:foreign|defense|defence|interior|state|justice|finance|health|economy|"
    r"trade)\s+)?(?:ministry|department|government|military|army|navy|police|embassy|agency|administration|"
    r"president|prime\s+minister|minister|secretary|governor|mayor|chancellor|pentagon))\b"
)
_SPEECH_AFTER_RE = re.compile(r"\s+(?:said|says|told|added|wrote|tweeted|posted|asked|argued|warned)\b")
_INST_HEADS = frozenset(w.split()[-1].rstrip("?").rstrip("s") for w in INSTITUTION_HEADS.split("|"))
_CORE_HEADS = frozenset(
    "ministry department government military army navy police embassy agency administration president "
    "minister secretary governor mayor chancellor pentagon".split()
)


_THE = frozenset({"the"})
_SKIP_SINGLE = FUNCTION_WORDS | frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(m + "." for m in MONTHS)


def is_institution_head(tok: str) -> bool:
    return tok in _INST_HEADS or tok.rstrip("s") in _INST_HEADS


def is_role_noun(tok: str) -> bool:
    return tok in _CORE_HEADS


_NONSPACE_RE = re.compile(r"\S+")
_STATE_AFTER_RE = re.compile(r",\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?\.?|(?:[A-Z]\.){2})")


class _Word:
    """A word of a capitalised run. A plain class with slots: as cheap to build as a NamedTuple
    in CPython, and mypyc compiles its __init__ where a NamedTuple's __new__ stays interpreted."""

    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end


def _strip_dot(w: _Word, keep: bool) -> _Word:
    if w.text.endswith(".") and not keep:
        return _Word(w.text[:-1], w.start, w.end - 1)
    return w


def _split_run(text: str, start: int, end: int) -> list[_Word]:
    return [_Word(m.group(), m.start(), m.end()) for m in _NONSPACE_RE.finditer(text, start, end)]


_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")


@lru_cache(maxsize=65536)
def _keeps_dot(w: str) -> bool:
    return w in TITLE_WORDS or w in US_STATE_ABBR or w in PLACES or _INITIALS_RE.fullmatch(w) is not None


@lru_cache(maxsize=65536)
def _never_a_name(word: str) -> bool:
    """A one-word capitalised run that is never a name; cached per spelling (one dict hit)."""
    return word.lower() in _SKIP_SINGLE or word in DEMONYMS or len(word) == 1


class EntityFinder:
    """Collects mentions sentence by sentence, then links short forms to full names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions: list[EntityMention] = []
        self._pending: list[tuple[EntityMention, bool]] = []  # (mention, needs resolution)
        self._consumed = 0  # end of the last "City, State" taken, so the state is not taken twice

    # -- per sentence ----------------------------------------------------------------------------

    def add_sentence(
        self,
        index: int,
        start: int,
        end: int,
        masked: list[tuple[int, int]],
        toks: list[Token],
        institution_idx: list[int],
        role_idx: list[int],
    ) -> None:
        """Mentions in one sentence; `institution_idx`/`role_idx` index the institution and
        role-noun trigger tokens (see `is_institution_head`, `is_role_noun`)."""
        text = self.text
        for m in CAP_RUN_RE.finditer(text, start, end):
            g = m.group()
            ms, me = m.span()
            if g[-1] == "." and g not in PLACES and g[:-1] not in US_STATE_ABBR:
                g = g[:-1]  # sentence-final "Reuters."
                me -= 1
            if " " not in g and _never_a_name(g):
                continue  # "The", "But", "Friday", "Mexican": the most common runs, never names
            if ms < self._consumed or (masked and any(a <= ms < b for a, b in masked)):
                continue
            if text[me : me + 1] != ",":
                # Fast path for the commonest runs: a known place or organisation on its own.
                if g in PLACES:
                    self._pending.append((EntityMention(PLACES[g], "place", index, ms, me), False))
                    continue
                if g in KNOWN_ORGS:
                    self._pending.append((EntityMention(g, "organization", index, ms, me), False))
                    continue
            words = _split_run(text, ms, me)
            self._run(index, start, words)
        # Institution phrases start at a place or nationality: any capitalised token may start one.
        for m in triggered_matches(_INSTITUTION_RE, text, toks, end, institution_idx, 5, None):
            owner = m.group("owner")
            if owner not in PLACES and owner not in DEMONYMS:
                continue
            if m.group("head") == "officials":
                continue  # "US officials" are sources, not an organisation
            self._add(m.group(), "organization", index, m.start(), m.end(), None, False)
        for m in triggered_matches(_CORE_RE, text, toks, end, role_idx, 3, _THE):
            np = " ".join(m.group("np").lower().split())
            self._add(np, "_core", index, m.start(), m.end(), None, True)

    def _run(self, index: int, sent_start: int, words: list[_Word]) -> None:
        text = self.text
        # Cut at a possessive: "Trump's administration" -> "Trump".
        runs: list[list[_Word]] = []
        cur: list[_Word] = []
        for w in words:
            if w.text.endswith(("’s", "'s")):
                cur.append(_Word(w.text[:-2], w.start, w.end - 2))
                runs.append(cur)
                cur = []
            else:
                cur.append(w)
        if cur:
            runs.append(cur)
        for run in runs:
            run = [_strip_dot(w, _keeps_dot(w.text)) if w.text.endswith(".") else w for w in run]
            # Drop capitalised function words at the start of a sentence or quote, and dates.
            while run:
                w0 = run[0]
                low = w0.text.lower().rstrip(".")
                before = text[max(sent_start, w0.start - 2) : w0.start].strip()
                initial = w0.start == sent_start or before in ("“", '"', "‘", "(", "—", "-", ":")
                if (
                    low in MONTHS
                    or low in WEEKDAYS
                    or low in NUMBER_WORDS
                    or low in ORDINALS
                    or (low in FUNCTION_WORDS and (initial or len(run) == 1))
                ):
                    run = run[1:]
                    continue
                break
            while run and (
                run[-1].text.lower() in ("of", "for", "de", "la", "y", "del", "da", "el")
                or run[-1].text.lower().rstrip(".") in MONTHS
                or run[-1].text.lower() in WEEKDAYS
            ):
                run = run[:-1]
            if not run:
                continue
            self._classify(index, sent_start, run)

    def _classify(self, index: int, sent_start: int, run: list[_Word]) -> None:
        text = self.text
        s, e = run[0].start, run[-1].end
        name = text[s:e]
        toks = [w.text for w in run]
        before = text[max(sent_start, s - 12) : s].split()
        prev = before[-1].lower() if before else ""
        initial = s == sent_start or text[max(sent_start, s - 2) : s].strip() in ("“", '"', "‘", "(")
        # City, State
        after = _STATE_AFTER_RE.match(text, e, min(len(text), e + 24))
        if after:
            st = after.group(1)
            if st not in US_STATE_ABBR and st.endswith("."):
                st = st[:-1]
            if (st in US_STATES or st in US_STATE_ABBR) and name not in US_STATES:
                if name in PLACES or prev in _LOCATIVE or len(toks) <= 3:
                    pe = after.start(1) + len(st)
                    self._add(text[s:pe], "place", index, s, pe, None, False)
                    self._consumed = pe
                    return
        if name in PLACES:
            self._add(PLACES[name], "place", index, s, e, None, False)
            return
        if "-" in name and len(toks) == 1:
            parts = name.split("-")
            if all(p in PLACES for p in parts):  # "US-Mexico relations"
                off = s
                for p in parts:
                    self._add(PLACES[p], "place", index, off, off + len(p), None, False)
                    off += len(p) + 1
                return
        if name in KNOWN_ORGS or toks[-1] in ORG_SUFFIXES or (toks[0] in ORG_PREFIXES and len(toks) > 2):
            if toks[-1] in ORG_SUFFIXES and len(toks) == 1 and name not in KNOWN_ORGS:
                return  # a lone "Department" or "House"
            self._add(name, "organization", index, s, e, None, False)
            return
        # Role + name: the last title head with at least one name word after it.
        k = -1
        for i, t in enumerate(toks[:-1]):
            if t in TITLE_HEADS:
                k = i
        if k >= 0:
            j = k + 1
            # "Secretary of State Marco Rubio": carry "of State" into the role.
            while j < len(toks) - 1 and (toks[j] in TITLE_OF_WORDS or toks[j] == "of"):
                j += 1
            pre_ok = all(
                t in TITLE_WORDS or t in DEMONYMS or t in PLACES or t in KNOWN_ORGS for t in toks[:k]
            )
            rest = toks[j:]
            if pre_ok and rest and all(t not in TITLE_HEADS for t in rest):
                role = " ".join(toks[:j])
                ps, pe = run[j].start, e
                self._add(text[ps:pe], "person", index, ps, pe, role, len(rest) == 1)
                return
        # Lower-case role just before: "spokesman John Kirby", "Pentagon press secretary Karoline Leavitt".
        mrole = _ROLE_BEFORE_RE.search(text, max(sent_start, s - 60), s) if prev in _ROLE_LAST else None
        if mrole is not None and len(toks) <= 3 and not any(t in DEMONYMS for t in toks):
            role = " ".join(mrole.group().split())
            self._add(name, "person", index, s, e, role, len(toks) == 1)
            return
        if len(toks) == 1:
            w = toks[0]
            if w in DEMONYMS:
                return
            if w.isupper() and len(w) >= 2 and w.isalpha():
                self._add(w, "organization", index, s, e, None, False)
                return
            if prev in _LOCATIVE and not initial:
                self._add(w, "place", index, s, e, None, True)  # resolved later: may be a person
                return
            speech = bool(_SPEECH_AFTER_RE.match(text, e))
            self._add(w, "person" if speech else "_unknown", index, s, e, None, True)
            return
        if any(t in DEMONYMS for t in toks[:1]):
            return  # "Mexican Navy"-like runs without a suffix are too vague to type
        if any(t in PLACES for t in toks) and prev in _LOCATIVE:
            self._add(name, "place", index, s, e, None, False)
            return
        if all(t[0].isupper() and (len(t) > 1) for t in toks) and len(toks) <= 4:
            if prev in _LOCATIVE and not _SPEECH_AFTER_RE.match(text, e):
                self._add(name, "place", index, s, e, None, False)
                return
            if initial and toks[0].lower() in FUNCTION_WORDS:
                return
            # Title-case words that are all common English words are more likely a program or
            # event name than a person ("Remain in Mexico" never gets here, "Border Wall" might).
            common = sum(1 for t in toks if word_classes(t.lower()) and t not in _NAMEY)
            if common == len(toks):
                return
            self._add(name, "person", index, s, e, None, False)

    def _add(self, name: str, kind: str, index: int, s: int, e: int, role: str | None, resolve: bool) -> None:
        m = EntityMention(name=name, kind=kind, sentence_index=index, start=s, end=e, role=role)
        self._pending.append((m, resolve))

    # -- whole article ---------------------------------------------------------------------------

    def finish(self) -> list[EntityMention]:
        full_people: dict[str, EntityMention] = {}
        orgs: list[EntityMention] = []
        for m, resolve in self._pending:
            if m.kind == "person" and not resolve and " " in m.name:
                full_people.setdefault(m.name, m)
            elif m.kind == "organization":
                orgs.append(m)
        # Short form -> full name, when unambiguous.
        by_part: dict[str, set[str]] = {}
        for full in full_people:
            parts = full.split()
            for p in {parts[-1], parts[0]}:
                by_part.setdefault(p, set()).add(full)
        aliases: dict[str, list[str]] = {}
        out: list[EntityMention] = []
        for m, resolve in self._pending:
            if m.kind == "_core":
                tgt = self._resolve_core(m, full_people, orgs)
                if tgt is None:
                    continue
                m.kind, alias, m.name = tgt.kind, self.text[m.start : m.end], tgt.name
                aliases.setdefault(tgt.name, []).append(alias)
                out.append(m)
                continue
            if resolve:
                cands = by_part.get(m.name)
                if cands and len(cands) == 1:
                    full = next(iter(cands))
                    aliases.setdefault(full, []).append(m.name)
                    m.name, m.kind = full, "person"
                    m.role = m.role or full_people[full].role
                elif m.kind == "_unknown":
                    continue
            if m.kind == "organization":
                # "State Department" after "US State Department".
                for o in orgs:
                    if o.name != m.name and o.name.endswith(" " + m.name) and o.start < m.start:
                        aliases.setdefault(o.name, []).append(m.name)
                        m.name = o.name
                        break
            out.append(m)
        for m in out:
            if m.name in aliases and (self.text[m.start : m.end] == m.name or m.kind != "person"):
                m.aliases = sorted(set(aliases[m.name]) - {m.name})
        out.sort(key=lambda x: (x.start, x.end))
        return out

    def _resolve_core(
        self, m: EntityMention, people: dict[str, EntityMention], orgs: list[EntityMention]
    ) -> EntityMention | None:
        np = m.name
        head = np.split()[-1]
        if head in ("president", "minister", "secretary", "governor", "mayor", "chancellor"):
            cands = [
                p for p in people.values() if p.role and p.role.lower().endswith(np) and p.start < m.start
            ]
            names = {p.name for p in cands}
            return cands[-1] if len(names) == 1 else None
        if head == "pentagon":
            return None  # the capitalised run already names it
        cands_o = [o for o in orgs if o.start < m.start and o.name.lower().endswith(np)]
        names = {o.name for o in cands_o}
        return cands_o[-1] if len(names) == 1 else None


# Words that are common English but usually names when capitalised mid-sentence.
_NAMEY = frozenset(
    """Trump|Biden|Bush|Rice|Price|Young|King|Bush|Rose|Hope|Grace|Mark|Bill|Will|Frank|Chase|Gates|Hunt|
Black|White|Brown|Green|Wood|Hill|Long|Little|Major|Powell|Vance|Rubio|Miller|Rich|Noem|May|Homan|Ford|
Carter|Hall|Stone|Lane|Field|Bond|Cook|Webb|Love|Sharp|Wise|Fox|Lamb|Bishop|Pope|Moon|Ray|Ward|Marsh""".split(
        "|"
    )
)
_NAMEY = frozenset(w.strip() for w in _NAMEY)
