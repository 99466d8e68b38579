"""Who says so: attributions ("..., a US official told Reuters", "The Pentagon has said that ...",
"according to ...") and direct quotes with their speakers.

Attributions are found from verb groups: a speech verb whose subject is the first noun phrase of
its clause. The attributed content is the rest of the sentence (verb first) or the clause before
the comma (verb last). The strength is kept as written: "one US official" stays "one US official".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from facts.clauses import SubjectFinder, VerbGroup
from facts.sentences import Token
from facts.types import SentenceInfo

SPEECH_LEMMAS = frozenset(
    """say tell add state note write post tweet warn insist claim acknowledge explain argue assert estimate
    report confirm announce stress emphasize emphasise caution predict allege maintain contend observe
    recall reply respond testify comment concede disclose reveal suggest indicate admit deny vow promise
    pledge believe think expect continue ask""".split()
)
# Speech verbs that can close a sentence after the content: ", the ministry said."
_FINAL_LEMMAS = frozenset(
    "say tell add write post tweet warn insist claim acknowledge explain argue assert note state continue "
    "stress confirm estimate report reply respond ask concede predict recall caution".split()
)
_CLAUSE_LEMMAS = frozenset(
    "say tell write post tweet state note warn insist claim acknowledge explain argue assert estimate "
    "announce predict allege maintain stress caution concede admit".split()
)
_NOT_ATTRIBUTION_BEFORE = frozenset(
    "after before when because since if while although though as until unless once whether".split()
)
_LEAD_RE = re.compile(
    r"(?:\s*(?:,|:|that\b|(?:late\s+|early\s+)?on\s+[A-Z]\w+|earlier\s+this\s+\w+|earlier|also|"
    r"in\s+a\s+statement|on\s+social\s+media))*\s*"
)
_ASIDE_PREPS = frozenset("at in during on after before from via through".split())
# "\bthat\s+", written with the "t" first so the regex engine can skip ahead to candidates.
_THAT_RE = re.compile(r"t(?<!\wt)hat\s+")
_MEDIUM_NOUNS = frozenset("reporters journalists lawmakers senators congress parliament".split())
_ACCORDING_RE = re.compile(
    r"\b[Aa]ccording\s+to\s+(?P<who>(?:[^,.;“”\"()]|\.(?=\S)|\.(?=\s[a-z]))+?)(?=\s*(?:[,;()]|\.(?:\s|$)|$|”|\"))"
)
_STATEMENT_RE = re.compile(
    r"\s*(?:,\s*)?(?:in|on|via|through|during)\s+(?P<m>an?\s+(?:written\s+|joint\s+|brief\s+)?(?:statement|"
    r"interview|post|news\s+conference|press\s+conference|briefing|letter|speech|video|message|email|"
    r"televised\s+address|address)(?:\s+(?:with|to|on)\s+(?P<m2>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*))?"
    r"|(?:social\s+media|X|Twitter|Truth\s+Social|Facebook|Telegram|Instagram))"
)
_QUOTE_RE = re.compile(
    r"“(?P<a>[^“”]{1,2000}?)”|\"(?P<b>[^\"\n]{1,2000}?)\"|“(?P<c>[^“”\n]{1,2000}?)(?=\n\s*\n|\Z)"
)
_SPEECH_WORDS = (
    r"(?:said|says|added|adds|told\s+(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*|reporters|journalists)|"
    r"wrote|writes|posted|tweeted|asked|warned|explained|argued|insisted|continued|stated|noted|declared|"
    r"recalled|replied|responded|told\s+\w+)"
)
_WHO = r"(?P<who>(?:[A-Z][\w.’'-]*|the|a|an|one|two|another|[a-z][\w’'-]*)(?:\s+(?:[\w.’'-]+)){0,8}?)"
_AFTER_QUOTE_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?P<v1>said|says|added|asked|wrote|continued|explained|insisted|warned)\s+"
    r"(?P<w1>(?:[A-Z][\w.’'-]*|the|a|an|one)(?:\s+[\w.’'-]+){0,7}?)(?=\s*[,.;]|\s*$)"
    r"|" + _WHO + r"\s+(?:has\s+|had\s+|also\s+)*(?P<v2>" + _SPEECH_WORDS + r"))"
)
_BEFORE_QUOTE_RE = re.compile(
    r"(?:^|(?<=[.,;”\"]\s)|(?<=\n))" + _WHO + r"\s+(?:has\s+|had\s+|also\s+)*(?P<v>" + _SPEECH_WORDS + r")"
    r"(?:\s+(?:on|in|at|late|early|during|after|earlier|last)\b[^:“\"]{0,50})?\s*[:,]\s*\Z"
)
_NEXT_SENT_SPEAKER_RE = re.compile(
    r"\A" + _WHO + r"\s+(?:has\s+|had\s+|also\s+)*(?P<v>said|says|added|wrote|told\s+\w+)\b"
)


@dataclass(slots=True)
class Attribution:
    phrase: str  # as written: "a US official and a Mexican official told Reuters"
    start: int
    end: int
    who: str
    who_start: int
    who_end: int
    medium: str | None
    verb: str  # lemma: "say", "tell"
    content_start: int  # the attributed clause
    content_end: int
    applies_from: int  # facts starting at or after this offset carry the attribution
    applies_to: int

    # Written out, not generated: mypyc compiles a hand-written __init__, a dataclass-made one
    # stays interpreted, and extraction builds many of these.
    def __init__(
        self,
        phrase: str,
        start: int,
        end: int,
        who: str,
        who_start: int,
        who_end: int,
        medium: str | None,
        verb: str,
        content_start: int,
        content_end: int,
        applies_from: int,
        applies_to: int,
    ) -> None:
        self.phrase = phrase
        self.start = start
        self.end = end
        self.who = who
        self.who_start = who_start
        self.who_end = who_end
        self.medium = medium
        self.verb = verb
        self.content_start = content_start
        self.content_end = content_end
        self.applies_from = applies_from
        self.applies_to = applies_to


@dataclass(slots=True)
class Quote:
    start: int  # quoted text, trailing comma/space stripped
    end: int
    sentence_index: int
    speaker: str | None
    speech: bool  # a speech verb attaches it to its speaker
    short: bool  # a scare-quoted phrase or a name (“Remain in Mexico”)

    # Written out, not generated: mypyc compiles a hand-written __init__, a dataclass-made one
    # stays interpreted, and extraction builds many of these.
    def __init__(
        self, start: int, end: int, sentence_index: int, speaker: str | None, speech: bool, short: bool
    ) -> None:
        self.start = start
        self.end = end
        self.sentence_index = sentence_index
        self.speaker = speaker
        self.speech = speech
        self.short = short


def _medium_after(text: str, toks: list[Token], g: VerbGroup, s_end: int) -> tuple[str | None, int]:
    """Whom it was told to, or where it was said: ("Reuters", end offset) or (None, verb end)."""
    end = toks[g.end_tok - 1].end
    if g.lemma == "tell" and g.end_tok < len(toks):
        j = g.end_tok
        t = toks[j]
        if t.text[0].isupper() or t.low in _MEDIUM_NOUNS:
            k = j
            while k < len(toks) and (
                toks[k].text[0].isupper() or toks[k].low in _MEDIUM_NOUNS or toks[k].text == "News"
            ):
                k += 1
            return text[t.start : toks[k - 1].end], toks[k - 1].end
    m = _STATEMENT_RE.match(text, end, s_end)
    if m is not None:
        return (m.group("m2") or " ".join(m.group("m").split())), m.end()
    return None, end


def find_attributions(
    text: str, sent: SentenceInfo, toks: list[Token], groups: list[VerbGroup], subjects: SubjectFinder
) -> list[Attribution]:
    out: list[Attribution] = []
    s_start, s_end = sent.start, sent.end
    body_end = s_end
    while body_end > s_start and text[body_end - 1] in '.!?”"’ ':
        body_end -= 1
    for gi, g in enumerate(groups):
        lemma = g.lemma.split()[0]
        if lemma not in SPEECH_LEMMAS:
            continue
        head_low = toks[g.head_tok].low
        if head_low.endswith("ing") or (g.start_tok > 0 and toks[g.start_tok - 1].low == "to"):
            continue
        medium, after = _medium_after(text, toks, g, s_end)
        prev_tok = toks[g.start_tok - 1].text if g.start_tok > 0 else ""
        # Inverted: "..., said the ministry." / "..., said John Smith, a spokesman."
        if (
            prev_tok == ","
            and lemma in _FINAL_LEMMAS
            and g.end_tok < len(toks)
            and not any(h.start_tok >= g.end_tok for h in groups[gi + 1 :])
        ):
            rest = text[toks[g.end_tok - 1].end : body_end].strip()
            if (
                rest
                and len(rest.split()) <= 12
                and (rest[0].isupper() or rest.split()[0] in ("the", "a", "an", "one"))
            ):
                who = rest.split(",")[0].strip()
                ws = text.index(who, toks[g.end_tok - 1].end)
                we = ws + len(who)
                out.append(
                    Attribution(
                        phrase=text[toks[g.start_tok].start : we],
                        start=toks[g.start_tok].start,
                        end=we,
                        who=who,
                        who_start=ws,
                        who_end=we,
                        medium=medium,
                        verb=lemma,
                        content_start=s_start,
                        content_end=toks[g.start_tok - 1].start,
                        applies_from=s_start,
                        applies_to=s_end,
                    )
                )
                continue
        subj = subjects(g)
        if subj is None:
            continue
        a, b = subj
        if a > 0 and toks[a - 1].low in _NOT_ATTRIBUTION_BEFORE:
            continue  # "after the country denied permission"
        if b - a > 12:
            continue
        # No other verb between the subject and this verb group.
        if any(h.start_tok >= a and h.end_tok <= g.start_tok for h in groups[:gi]):
            continue
        who_start, who_end = toks[a].start, toks[b - 1].end
        who = text[who_start:who_end]
        if who.lower() in ("it", "this", "that", "which", "there"):
            continue
        before_who = toks[a - 1].text if a > 0 else ""
        tail = text[after:body_end]
        trailing = before_who in (",", "”", '"', "’") and len(tail.split()) <= 8 and lemma in _FINAL_LEMMAS
        if trailing:
            cstart = s_start
            cend = toks[a - 1].start if before_who == "," else toks[a - 1].start
            while cend > cstart and text[cend - 1] in ", ":
                cend -= 1
            applies_from, applies_to = s_start, s_end
        else:
            # Content runs from after the verb (and "that", ":" or a time phrase) to the end.
            m = _LEAD_RE.match(text, after, s_end)
            cstart = m.end() if m else after
            # "said at her morning news conference that ...": the content starts after "that".
            mt = _THAT_RE.search(text, cstart, min(s_end, cstart + 70))
            if (
                mt is not None
                and text[cstart : cstart + 8].split(" ")[0] in _ASIDE_PREPS
                and not any(
                    cstart <= toks[h.head_tok].start < mt.start() for h in groups[gi + 1 :] if h.finite
                )
            ):
                cstart = mt.end()
                m = mt
            cend = body_end
            if cend - cstart < 3:
                continue
            lead = m.group() if m is not None else ""
            explicit = ":" in lead or "that" in lead or text[cstart : cstart + 1] in '“"'
            clause = any(
                toks[h.head_tok].start >= cstart
                and h.finite
                and not (h.start_tok == h.head_tok and h.head_tok == len(toks))
                for h in groups[gi + 1 :]
            )
            if not explicit and (lemma not in _CLAUSE_LEMMAS or not clause):
                continue  # "confirmed the decision", "did not respond to requests"
            applies_from, applies_to = cstart, s_end
        out.append(
            Attribution(
                phrase=text[who_start:after].rstrip(" ,"),
                start=who_start,
                end=who_start + len(text[who_start:after].rstrip(" ,")),
                who=who,
                who_start=who_start,
                who_end=who_end,
                medium=medium,
                verb=lemma,
                content_start=cstart,
                content_end=cend,
                applies_from=applies_from,
                applies_to=applies_to,
            )
        )
    if "ccording" not in sent.text:
        return out  # the substring test is far cheaper than the regex scan it saves
    for m in _ACCORDING_RE.finditer(text, s_start, s_end):
        who = m.group("who").strip()
        ws = m.start("who")
        out.append(
            Attribution(
                phrase=m.group().strip(),
                start=m.start(),
                end=m.end(),
                who=who,
                who_start=ws,
                who_end=ws + len(who),
                medium=None,
                verb="according to",
                content_start=s_start,
                content_end=body_end,
                applies_from=s_start,
                applies_to=s_end,
            )
        )
    return out


def _clean_who(who: str) -> str:
    return who.strip().rstrip(",.")


def find_quotes(text: str, sentences: list[SentenceInfo]) -> list[Quote]:
    starts = [s.start for s in sentences]
    out: list[Quote] = []
    for m in _QUOTE_RE.finditer(text):
        g = "a" if m.group("a") is not None else "b" if m.group("b") is not None else "c"
        qs, qe = m.start(g), m.end(g)
        while qe > qs and text[qe - 1] in " ,\n":
            qe -= 1
        while qs < qe and text[qs].isspace():
            qs += 1
        if qe <= qs:
            continue
        si = max(0, bisect.bisect_right(starts, qs) - 1)
        sent = sentences[si] if sentences else None
        quote_text = text[qs:qe]
        nwords = len(quote_text.split())
        speaker: str | None = None
        after = _AFTER_QUOTE_RE.match(text, m.end(), min(len(text), m.end() + 120))
        if after is not None and "\n" not in after.group():
            speaker = _clean_who(after.group("w1") or after.group("who"))
        if speaker is None:
            line_start = text.rfind("\n", 0, m.start()) + 1
            seg_start = max(line_start, m.start() - 160, sent.start if sent else 0)
            before = _BEFORE_QUOTE_RE.search(text, seg_start, m.start())
            if before is not None:
                speaker = _clean_who(before.group("who"))
        if speaker is None and nwords > 5:
            # A paragraph-long quote whose speaker comes in the next sentence ("Smith said."),
            # or follows a sentence ending in a colon.
            ends = bisect.bisect_left(starts, m.end())
            if ends < len(sentences):
                nxt = sentences[ends]
                mm = _NEXT_SENT_SPEAKER_RE.match(nxt.text)
                if mm is not None and len(nxt.text.split()) <= 14:
                    speaker = _clean_who(mm.group("who"))
            if speaker is None and si > 0 and sentences[si - 1].text.endswith(":"):
                mm = _NEXT_SENT_SPEAKER_RE.match(sentences[si - 1].text)
                if mm is not None:
                    speaker = _clean_who(mm.group("who"))
        if speaker is not None and speaker.split()[0].lower() in ("it", "which", "that", "this"):
            speaker = None
        short = speaker is None and nwords <= 5
        out.append(Quote(qs, qe, si, speaker, speaker is not None, short))
    return out
