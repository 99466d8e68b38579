"""Digest composition on a real store (SQLite and PostgreSQL), its Slack rendering, chart and CLI."""

from __future__ import annotations

import asyncio
import json
import struct
import zlib

from click.testing import CliRunner

from bot.digest_cli import digest_command
from bot.settings import load_settings
from facts.chart import history_png, line_chart
from facts.digest import compose_digest
from handlers.digest_blocks import OPEN_FACTS_ACTION, digest_blocks, digest_plain_text, escape
from store import Store
from store.digest_repo import DigestRepo
from tests.digest_fixtures import Fig, add, build, port_ellis_story, t


async def test_digest_reports_changed_and_new_figures_people_quotes_and_outlets(store: Store) -> None:
    story_id = await port_ellis_story(store)
    story = await store.get_story_by_id(story_id)
    assert story is not None
    d = await compose_digest(DigestRepo(store), story=story, since=t(26), until=t(27, 8))

    assert d.report_count == 2
    assert [(o.outlet, o.reports) for o in d.outlets] == [("Border Ledger", 1), ("Daily Ledger", 1)]
    assert len(d.changed) == 1
    change = d.changed[0]
    assert (change.label, change.relation) == ("additional troops", "order")
    assert (change.old.value_text, change.new.value_text) == ("1,500", "2,500")
    assert [v.value_text for v in change.history] == ["1,500", "2,000", "2,500"]
    # Both ends are cited with the very sentence that states them.
    assert "1,500" in change.old.source.sentence and change.old.source.outlet == "Daily Ledger"
    assert "2,500" in change.new.source.sentence and change.new.source.url == "https://e.com/3"
    assert d.charted() == [change]
    # "About 80 migrants" again is a repeat, not news; shelters are new.
    assert [(n.label, n.value.value_text) for n in d.new_figures] == [("shelters", "12")]
    assert [(p.name, p.role) for p in d.people] == [("Maria Lopez", "Mayor of Port Ellis")]
    assert d.people[0].source is not None and "Maria Lopez" in d.people[0].source.sentence
    assert [(q.speaker, q.quote) for q in d.quotes] == [("Maria Lopez", "We cannot house everyone tonight")]
    assert any("R&D" in s.sentence for s in d.sentences)
    # Every figure stated appears in its cited sentence.
    for v in [*change.history, *(n.value for n in d.new_figures)]:
        assert v.value_text in v.source.sentence


async def test_first_change_is_old_to_new_without_chart(store: Store) -> None:
    story_id = await port_ellis_story(store)
    story = await store.get_story_by_id(story_id)
    assert story is not None
    d = await compose_digest(DigestRepo(store), story=story, since=t(26), until=t(26, 12))
    assert [(c.old.value_text, c.new.value_text) for c in d.changed] == [("1,500", "2,000")]
    assert d.charted() == []
    assert d.new_figures == ()


async def test_nothing_new_is_an_empty_digest(store: Store) -> None:
    story_id = await port_ellis_story(store)
    story = await store.get_story_by_id(story_id)
    assert story is not None
    d = await compose_digest(DigestRepo(store), story=story, since=t(27, 8), until=t(28))
    assert d.is_empty and d.report_count == 0 and d.changed == ()
    text, blocks = digest_blocks(d)
    assert text.startswith("Nothing new in Port Ellis &amp; the &lt;border&gt;")
    assert len(blocks) == 1


async def test_retracted_figures_and_figures_not_in_their_sentence_are_left_out(store: Store) -> None:
    story = await store.ensure_story("s", now=t(25))
    body, ex = build(
        ["Rescuers found 14 survivors in the rubble.", "The town opened 12 shelters overnight."],
        figures=[(0, Fig("14", 14, "survivor", "survivors")), (1, Fig("12", 12, "shelter", "shelters"))],
    )
    # An extraction slip: a figure whose words are not in its sentence must never be stated.
    ex.facts[0].value_text = "41"
    await add(store, story.id, body, ex, at=t(26), outlet="Wire")
    rows = await store.facts_for_story(story.id, kinds=["figure"])
    shelter = next(f for f, _ in rows if f.unit == "shelter")
    await store.edit_fact(shelter.id, action="retract", actor="U1", now=t(26, 1))
    d = await compose_digest(DigestRepo(store), story=story, since=t(25), until=t(27))
    assert d.report_count == 1 and d.new_figures == () and d.changed == ()


async def test_a_corrected_figure_says_what_the_source_said(store: Store) -> None:
    story = await store.ensure_story("s", now=t(25))
    body, ex = build(
        ["Rescuers found 14 survivors in the rubble."], figures=[(0, Fig("14", 14, "survivor", "survivors"))]
    )
    await add(store, story.id, body, ex, at=t(26), outlet="Wire")
    ((fact, _),) = await store.facts_for_story(story.id, kinds=["figure"])
    await store.edit_fact(fact.id, action="correct", actor="U1", now=t(26, 1), value_text="15", value_num=15)
    d = await compose_digest(DigestRepo(store), story=story, since=t(25), until=t(27))
    (n,) = d.new_figures
    assert (n.value.value_text, n.value.corrected_from) == ("15", "14")
    _, blocks = digest_blocks(d)
    assert "the source says 14" in json.dumps(blocks)


async def test_blocks_escape_stored_text_and_link_sources(store: Store) -> None:
    story_id = await port_ellis_story(store)
    story = await store.get_story_by_id(story_id)
    assert story is not None
    d = await compose_digest(DigestRepo(store), story=story, since=t(26), until=t(27, 8))
    text, blocks = digest_blocks(d)
    dumped = json.dumps(blocks, ensure_ascii=False)
    assert "R&amp;D &lt;b&gt;budgets&lt;/b&gt;" in dumped
    assert "<b>" not in dumped and "R&D" not in dumped
    assert "<https://e.com/2?a=1&amp;b=2|Border Ledger" in dumped
    assert "1,500 → 2,000 → 2,500" in dumped
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"] == "Digest: Port Ellis & the <border>"
    assert blocks[-1]["elements"][0]["action_id"] == OPEN_FACTS_ACTION
    assert blocks[-1]["elements"][0]["value"] == "port-ellis"
    assert "2 new reports" in text and "1 figure changed" in text
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    plain = digest_plain_text(d)
    assert "additional troops (order): 1,500 -> 2,000 -> 2,500" in plain


def test_escape() -> None:
    assert escape("a & b <@U123> >") == "a &amp; b &lt;@U123&gt; &gt;"


def _png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", (0, 0)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return size[0], size[1], zlib.decompress(idat)


async def test_chart_of_a_figure_history_is_a_valid_png(store: Store) -> None:
    story_id = await port_ellis_story(store)
    story = await store.get_story_by_id(story_id)
    assert story is not None
    d = await compose_digest(DigestRepo(store), story=story, since=t(26), until=t(27, 8))
    png = history_png(d.charted()[0])
    w, h, raw = _png_size_and_pixels(png)
    assert (w, h) == (480, 240) and len(raw) == h * (1 + 3 * w)
    assert len(png) < 20_000
    # The line colour is on the canvas: something was drawn.
    assert bytes((29, 105, 190)) in raw


def test_line_chart_handles_a_flat_series_and_one_point() -> None:
    assert _png_size_and_pixels(line_chart([(t(25), 5.0)]))[:2] == (480, 240)
    assert _png_size_and_pixels(line_chart([(t(25), 5.0), (t(26), 5.0)], width=200, height=100))[:2] == (
        200,
        100,
    )


def test_cli_prints_the_same_digest(tmp_path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'f.db'}"

    async def setup() -> None:
        store = await Store.open(url)
        try:
            await port_ellis_story(store)
        finally:
            await store.close()

    asyncio.run(setup())
    settings = load_settings(None, database_url=url)
    runner = CliRunner()
    # The fixture's reports are dated January 2025, so a window from then covers them all.
    result = runner.invoke(
        digest_command, ["--story", "port-ellis", "--since", "2025-01-26T00:00Z", "--print"], obj=settings
    )
    assert result.exit_code == 0, result.output
    assert "Digest: Port Ellis & the <border>" in result.output
    assert "1,500 -> 2,000 -> 2,500" in result.output
    charts = tmp_path / "charts"
    result = runner.invoke(
        digest_command,
        ["--story", "port-ellis", "--since", "2025-01-26", "--charts", str(charts)],
        obj=settings,
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["story"] == "port-ellis" and not payload["empty"] and payload["blocks"]
    assert [p.name for p in charts.iterdir()] == ["port-ellis-1.png"]
    result = runner.invoke(digest_command, ["--story", "nope", "--print"], obj=settings)
    assert result.exit_code == 1 and "there is no story 'nope'" in result.output
