"""Reading inputs: files, stdin, HTML pages, feeds and URLs, and the one-line errors for bad ones."""

from __future__ import annotations

import asyncio
import io
import json
import re
import socket
import time
import tracemalloc
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from facts.sources import (
    InputError,
    InputLimits,
    find_dateline,
    fragment_text,
    parse_published,
    parse_text,
    read_inputs,
    sample_articles,
    sample_stories,
)

# ---------------------------------------------------------------------------------------- fixtures
# All fixture text is written for these tests.

WIRE_TEXT = """Port authority halts night shifts after crane collapse

HALIFAX (Reuters): The port authority suspended all night shifts on Tuesday after a container crane collapsed onto a loading dock, injuring at least four workers, a spokesperson said.

About 300 dockworkers were sent home while inspectors examined the remaining 11 cranes, according to the union.
"""

AP_TEXT = """Storm cuts power to thousands on the coast

PORTLAND, Maine, Jan 25 (AP) — More than 40,000 homes lost power overnight as a winter storm pushed up the coast, the utility said on Saturday.

Crews from three states were on their way, officials said.
"""

ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Ferry service resumes after week-long strike | Harbor Gazette</title>
<meta property="og:site_name" content="Harbor Gazette">
<meta property="og:title" content="Ferry service resumes after week-long strike">
<meta property="article:published_time" content="2025-01-27T14:30:00-05:00">
<meta name="author" content="Dana Ortiz">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a> <a href="/subscribe">Subscribe today</a></nav>
<article>
<h1>Ferry service resumes after week-long strike</h1>
<p>Ferries between the island and the mainland ran again on Monday morning after crews ended a week-long strike over pay, the operator said.</p>
<p>The first boat left at 6 a.m. with about 120 passengers on board, and a full timetable is expected by Wednesday.</p>
<p>"We are glad to be back on the water," said Marta Quinn, a deckhand for eleven years.</p>
</article>
<footer>Copyright 2025 Harbor Gazette. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>
"""

WIRE_ON_SITE_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Grain prices climb</title>
<meta property="og:site_name" content="Valley Daily"></head><body><article><h1>Grain prices climb</h1>
<p>CHICAGO (Reuters) - Wheat futures rose for a fifth day on Thursday as dry weather in the southern plains threatened the winter crop, traders said.</p>
<p>Corn and soybeans followed wheat higher in afternoon trading.</p></article></body></html>
"""

LOGIN_HTML = """<!doctype html><html><head><title>Sign in | Harbor Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<form action="/login" method="post"><label>Email</label><input name="email">
<label>Password</label><input type="password" name="password"><button>Sign in</button></form>
<footer>Forgot your password?</footer></body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Harbor Gazette - Local</title><link>https://example.com/</link><description>Local news</description>
<item>
  <title>Bridge closes for repairs</title>
  <link>https://example.com/local/bridge-closes</link>
  <pubDate>Mon, 27 Jan 2025 09:15:00 -0500</pubDate>
  <description>&lt;p&gt;The harbor bridge will close to cars for &lt;b&gt;three weeks&lt;/b&gt; from Monday, the city said.&lt;/p&gt;&lt;p&gt;Buses will use the ring road.&lt;/p&gt;</description>
</item>
<item>
  <title>Library extends opening hours</title>
  <link>https://example.com/local/library-hours</link>
  <pubDate>Tue, 28 Jan 2025 16:00:00 GMT</pubDate>
  <description>Read more at the link.</description>
</item>
<item>
  <title>Photo gallery: winter on the pier</title>
  <link>https://example.com/local/gallery</link>
  <pubDate>Wed, 29 Jan 2025 12:00:00 GMT</pubDate>
  <description></description>
</item>
</channel></rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Factdesk Wire</title>
  <id>urn:example:factdesk-wire</id>
  <updated>2025-02-03T22:00:00Z</updated>
  <entry>
    <title>Council approves new budget</title>
    <id>urn:example:1</id>
    <link href="https://example.com/wire/council-budget"/>
    <published>2025-02-03T18:30:00+01:00</published>
    <updated>2025-02-03T19:00:00+01:00</updated>
    <summary>Council votes on budget.</summary>
    <content type="html">&lt;p&gt;LISBON (AFP) - The city council approved a budget of 1.2 billion euros on Monday after a five-hour debate.&lt;/p&gt;&lt;p&gt;Opposition members voted against it.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Tram line opens</title>
    <id>urn:example:2</id>
    <link href="https://example.com/wire/tram"/>
    <updated>2025-02-02T08:00:00Z</updated>
    <content type="text">The new tram line opened on Sunday with free rides all day.</content>
  </entry>
</feed>
"""

LIMITS = InputLimits(max_bytes=5 * 1024 * 1024, timeout_seconds=0.5, min_article_chars=80)


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


async def read_one(spec: str, **kw):
    kw.setdefault("limits", LIMITS)
    result = await read_inputs(spec, **kw)
    assert len(result.articles) == 1, result
    return result.articles[0]


async def refused(spec: str, **kw) -> str:
    kw.setdefault("limits", LIMITS)
    with pytest.raises(InputError) as info:
        await read_inputs(spec, **kw)
    message = str(info.value)
    assert "\n" not in message, "errors are one line, for the CLI and Slack"
    return message


# ---------------------------------------------------------------------------------------- plain text


async def test_text_file_gives_headline_dateline_outlet_and_untouched_body(tmp_path: Path) -> None:
    path = write(tmp_path, "crane.txt", WIRE_TEXT)
    art = await read_one(path)
    assert art.headline == "Port authority halts night shifts after crane collapse"
    assert art.outlet == "Reuters"
    assert art.body.startswith("HALIFAX (Reuters): The port authority suspended all night shifts")
    assert art.dateline == "HALIFAX (Reuters): "
    assert art.body.split("\n\n")[1].startswith("About 300 dockworkers")
    assert art.origin == path and art.url is None and art.published is None


async def test_ap_dateline_with_date_gives_outlet(tmp_path: Path) -> None:
    art = await read_one(write(tmp_path, "storm.txt", AP_TEXT))
    assert art.outlet == "AP"
    assert art.dateline == "PORTLAND, Maine, Jan 25 (AP) — "
    assert art.body.startswith("PORTLAND, Maine, Jan 25 (AP) — More than 40,000 homes")


async def test_stated_outlet_and_published_win_over_the_source(tmp_path: Path) -> None:
    when = datetime(2025, 1, 25, 18, 0, tzinfo=timezone(timedelta(hours=-5)))
    art = await read_one(write(tmp_path, "crane.txt", WIRE_TEXT), outlet="Harbor Gazette", published=when)
    assert art.outlet == "Harbor Gazette"
    assert art.published == when


async def test_naive_stated_date_is_taken_as_utc(tmp_path: Path) -> None:
    art = await read_one(write(tmp_path, "crane.txt", WIRE_TEXT), published=datetime(2025, 1, 25, 9, 30))
    assert art.published == datetime(2025, 1, 25, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "place", "outlet"),
    [
        ("WASHINGTON (Reuters) - Officials said on Friday", "WASHINGTON", "Reuters"),
        ("WASHINGTON (Reuters): Officials said on Friday", "WASHINGTON", "Reuters"),
        ("MEXICO CITY, Jan 25 (AP) — Officials said", "MEXICO CITY", "AP"),
        ("GUATEMALA CITY, Jan. 24 (AFP) - Officials said", "GUATEMALA CITY", "AFP"),
        ("EL PASO, Texas (Associated Press) — Officials said", "EL PASO", "AP"),
        ("EL PASO, Texas — Officials said", "EL PASO", None),
    ],
)
def test_datelines(line: str, place: str, outlet: str | None) -> None:
    found = find_dateline(line)
    assert found is not None
    assert (found.place, found.outlet) == (place, outlet)
    assert line[len(found.text) :].startswith("Officials said")


@pytest.mark.parametrize(
    "line",
    [
        "Mexico: the country said on Friday it would cooperate.",
        "Sheinbaum (left) - pictured on Friday",
        "NATO",
    ],
)
def test_ordinary_sentences_are_not_datelines(line: str) -> None:
    assert find_dateline(line) is None


def test_hard_wrapped_paste_is_rejoined_and_first_sentence_is_not_a_headline() -> None:
    text = (
        "The harbor bridge will close to cars for three weeks from Monday, the\n"
        "city said in a statement on Friday.\n"
        "Buses will use the ring road while\n"
        "the work goes on.\n"
    )
    art = parse_text(text, origin="slack")
    assert art.headline is None
    assert art.body == (
        "The harbor bridge will close to cars for three weeks from Monday, the city said in a statement on Friday.\n\n"
        "Buses will use the ring road while the work goes on."
    )


def test_byline_is_taken_out_of_the_body() -> None:
    art = parse_text("Tram line opens\nBy Dana Ortiz\n\nThe new tram line opened on Sunday.", origin="-")
    assert art.headline == "Tram line opens"
    assert art.author == "Dana Ortiz"
    assert art.body == "The new tram line opened on Sunday."


async def test_utf8_bom_and_utf16_text_are_read(tmp_path: Path) -> None:
    text = "Café owners protest\n\nOwners of 35 cafés in Querétaro closed for a day on Monday, their association said."
    a = await read_one(write(tmp_path, "bom8.txt", "\ufeff".encode() + text.encode("utf-8")))
    b = await read_one(write(tmp_path, "bom16.txt", text.encode("utf-16")))
    for art in (a, b):
        assert art.headline == "Café owners protest"
        assert art.body.startswith("Owners of 35 cafés in Querétaro")


# ---------------------------------------------------------------------------------------- bad files


async def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.txt")
    assert await refused(path) == f"{path}: no such file"


async def test_www_address_without_scheme_gets_a_hint() -> None:
    assert "start it with https://" in await refused("www.example.com/story")


async def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in await refused(str(tmp_path))


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"])
async def test_empty_and_whitespace_files(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, "empty.txt", content)
    assert await refused(path) == f"{path}: the file is empty"


async def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "blob.bin", b"header\x00\x01\x02\x03" * 200)
    assert await refused(path) == f"{path}: the file is binary, not text"


async def test_pdf_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "story.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert await refused(path) == f"{path}: the file is a PDF, not text"


async def test_latin1_text_is_refused_with_the_offset(tmp_path: Path) -> None:
    text = "Cafe owners protest\n\nOwners of 35 caf\xe9s closed for a day."
    path = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    message = await refused(path)
    offset = text.index("\xe9")
    assert message == (f"{path}: not UTF-8 text (byte 0xE9 at offset {offset}, line 3); save it as UTF-8")


async def test_20_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.write(b"A line of text.\n" * (20 * 1024 * 1024 // 16))
    tracemalloc.start()
    try:
        message = await refused(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == f"{path}: the file is 20.0 MB, over the 5.0 MB limit"
    assert peak < 1024 * 1024, f"read {peak} bytes into memory to refuse it"


# ---------------------------------------------------------------------------------------- stdin


async def test_stdin_bytes_and_text() -> None:
    a = await read_one("-", stdin=io.BytesIO(WIRE_TEXT.encode("utf-8")))
    b = await read_one("-", stdin=io.StringIO(AP_TEXT))
    assert a.origin == "-" and a.outlet == "Reuters"
    assert b.origin == "-" and b.body.startswith("PORTLAND, Maine")


async def test_stdin_text_stream_is_read_through_its_bytes() -> None:
    raw = io.BytesIO("Owners of 35 caf\xe9s closed.".encode("latin-1"))
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    assert (await refused("-", stdin=stream)).startswith("stdin: not UTF-8 text (byte 0xE9")


async def test_empty_and_oversized_stdin() -> None:
    assert await refused("-", stdin=io.BytesIO(b"\n  \n")) == "stdin: the input is empty"
    small = InputLimits(max_bytes=1000)
    message = await refused("-", stdin=io.BytesIO(b"word " * 1000), limits=small)
    assert message == "stdin: the input is over the 1000 bytes limit"


async def test_html_on_stdin_is_extracted() -> None:
    art = await read_one("-", stdin=io.BytesIO(ARTICLE_HTML.encode()))
    assert art.body.startswith("Ferries between the island and the mainland")


# ---------------------------------------------------------------------------------------- HTML files


async def test_html_file_gives_text_and_metadata_without_boilerplate(tmp_path: Path) -> None:
    art = await read_one(write(tmp_path, "ferry.html", ARTICLE_HTML))
    assert art.headline == "Ferry service resumes after week-long strike"
    assert art.outlet == "Harbor Gazette"
    assert art.author == "Dana Ortiz"
    assert art.published == datetime(2025, 1, 27, 19, 30, tzinfo=UTC)
    paragraphs = art.body.split("\n\n")
    assert paragraphs[0].startswith("Ferries between the island and the mainland ran again")
    assert len(paragraphs) == 3
    for junk in ("Sign in", "Subscribe", "All rights reserved", "Privacy"):
        assert junk not in art.body


async def test_wire_dateline_on_a_site_names_the_agency(tmp_path: Path) -> None:
    art = await read_one(write(tmp_path, "grain.html", WIRE_ON_SITE_HTML))
    assert art.outlet == "Reuters"
    assert art.body.startswith("CHICAGO (Reuters) - Wheat futures rose")


async def test_html_page_without_article(tmp_path: Path) -> None:
    path = write(tmp_path, "login.html", LOGIN_HTML)
    assert (
        await refused(path) == f"{path}: no article text found on the page (a login, index or consent page?)"
    )


# ---------------------------------------------------------------------------------------- feeds


async def test_rss_file_gives_one_article_per_item_and_counts_empty_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "local.rss", RSS_FEED)
    result = await read_inputs(path, limits=LIMITS)
    assert [a.headline for a in result.articles] == [
        "Bridge closes for repairs",
        "Library extends opening hours",
    ]
    bridge, library = result.articles
    assert bridge.body == (
        "The harbor bridge will close to cars for three weeks from Monday, the city said.\n\nBuses will use the ring road."
    )
    assert bridge.published == datetime(2025, 1, 27, 14, 15, tzinfo=UTC)
    assert bridge.url == "https://example.com/local/bridge-closes"
    assert bridge.outlet == "Harbor Gazette - Local"
    # A teaser is still text, so it is kept.
    assert library.body == "Read more at the link."
    assert library.published == datetime(2025, 1, 28, 16, 0, tzinfo=UTC)
    assert result.warnings == [f"{path}: skipped 1 feed item with no text"]


async def test_stated_date_only_fills_feed_items_without_one(tmp_path: Path) -> None:
    feed = RSS_FEED.replace("<pubDate>Tue, 28 Jan 2025 16:00:00 GMT</pubDate>", "")
    stated = datetime(2025, 2, 1, tzinfo=UTC)
    result = await read_inputs(write(tmp_path, "local.xml", feed), limits=LIMITS, published=stated)
    assert [a.published for a in result.articles] == [datetime(2025, 1, 27, 14, 15, tzinfo=UTC), stated]


def test_fragment_text_keeps_paragraphs_and_drops_markup() -> None:
    html = "<div><p>One <b>bold</b> move.</p><script>track()</script><ul><li>first</li><li>second</li></ul>end<br>line</div>"
    # A <br> inside a paragraph is only a line break: the paragraph stays one.
    assert fragment_text(html) == "One bold move.\n\nfirst\n\nsecond\n\nend line"


async def test_feed_with_only_empty_items(tmp_path: Path) -> None:
    feed = re.sub(r"<description>.*?</description>", "<description></description>", RSS_FEED, flags=re.S)
    path = write(tmp_path, "empty.rss", feed)
    assert await refused(path) == f"{path}: none of the feed's 3 items has any text"


# ---------------------------------------------------------------------------------------- URLs


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(3)
    return web.Response(text="too late")


async def _chunked_flood(request: web.Request) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": "text/plain"})
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    for _ in range(100):
        await resp.write(b"x" * 10_000)
    await resp.write_eof()
    return resp


def _app() -> web.Application:
    def page(body: str | bytes, content_type: str, status: int = 200):
        async def handler(request: web.Request) -> web.Response:
            data = body.encode("utf-8") if isinstance(body, str) else body
            return web.Response(body=data, status=status, headers={"Content-Type": content_type})

        return handler

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound("/article")

    app = web.Application()
    app.router.add_get("/article", page(ARTICLE_HTML, "text/html; charset=utf-8"))
    app.router.add_get("/old-link", moved)
    app.router.add_get("/login", page(LOGIN_HTML, "text/html"))
    app.router.add_get("/rss", page(RSS_FEED, "application/rss+xml"))
    # Feeds are often served with a generic type; the content decides.
    app.router.add_get("/atom", page(ATOM_FEED, "text/html; charset=utf-8"))
    app.router.add_get(
        "/latin1.txt",
        page("Owners of 35 caf\xe9s closed.".encode("latin-1"), "text/plain; charset=iso-8859-1"),
    )
    app.router.add_get("/missing", page("not here", "text/plain", status=404))
    app.router.add_get("/broken", page("oops", "text/plain", status=503))
    app.router.add_get("/slow", _slow)
    app.router.add_get("/flood", _chunked_flood)
    app.router.add_get("/declared-big", page(b"y" * 50_000, "text/plain"))
    return app


@pytest.fixture
async def server() -> AsyncIterator[TestServer]:
    srv = TestServer(_app(), host="127.0.0.1")
    await srv.start_server()
    try:
        yield srv
    finally:
        await srv.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def test_url_article(server: TestServer, http: aiohttp.ClientSession) -> None:
    url = str(server.make_url("/article"))
    art = await read_one(url, http=http)
    assert art.origin == url and art.url == url
    assert art.headline == "Ferry service resumes after week-long strike"
    assert art.body.startswith("Ferries between the island")
    assert art.published == datetime(2025, 1, 27, 19, 30, tzinfo=UTC)


async def test_url_follows_redirects_and_keeps_what_the_user_gave(server: TestServer) -> None:
    url = str(server.make_url("/old-link"))
    # No session given: read_inputs opens and closes its own.
    art = await read_one(url, http=None)
    assert art.origin == url
    assert art.url == str(server.make_url("/article"))


async def test_url_without_article(server: TestServer, http: aiohttp.ClientSession) -> None:
    url = str(server.make_url("/login"))
    assert "no article text found on the page" in await refused(url, http=http)


async def test_url_rss_and_atom(server: TestServer, http: aiohttp.ClientSession) -> None:
    rss = await read_inputs(str(server.make_url("/rss")), http=http, limits=LIMITS)
    assert len(rss.articles) == 2 and len(rss.warnings) == 1
    atom = await read_inputs(str(server.make_url("/atom")), http=http, limits=LIMITS)
    council, tram = atom.articles
    # The full content wins over the one-line summary, and the dateline names the agency.
    assert council.body.startswith("LISBON (AFP) - The city council approved a budget of 1.2 billion euros")
    assert council.outlet == "AFP"
    assert council.published == datetime(2025, 2, 3, 17, 30, tzinfo=UTC)
    assert council.url == "https://example.com/wire/council-budget"
    assert tram.outlet == "Factdesk Wire"
    assert tram.published == datetime(2025, 2, 2, 8, 0, tzinfo=UTC)


async def test_url_declared_charset_is_honoured(server: TestServer, http: aiohttp.ClientSession) -> None:
    art = await read_one(str(server.make_url("/latin1.txt")), http=http)
    assert art.body == "Owners of 35 cafés closed."


@pytest.mark.parametrize(
    ("path", "status"), [("/missing", "404 Not Found"), ("/broken", "503 Service Unavailable")]
)
async def test_url_error_status(
    server: TestServer, http: aiohttp.ClientSession, path: str, status: str
) -> None:
    url = str(server.make_url(path))
    assert await refused(url, http=http) == f"{url}: the server answered {status}"


async def test_url_that_never_answers(server: TestServer, http: aiohttp.ClientSession) -> None:
    url = str(server.make_url("/slow"))
    started = time.monotonic()
    message = await refused(url, http=http)
    assert message == f"{url}: no answer within 0.5 s"
    assert time.monotonic() - started < 2


async def test_connection_refused(http: aiohttp.ClientSession) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    assert await refused(url, http=http) == f"{url}: could not connect (connection refused)"


async def test_download_over_the_limit(server: TestServer, http: aiohttp.ClientSession) -> None:
    small = InputLimits(max_bytes=20_000, timeout_seconds=5)
    declared = str(server.make_url("/declared-big"))
    assert (
        await refused(declared, http=http, limits=small)
        == f"{declared}: the page is 49 KB, over the 20 KB limit"
    )
    flood = str(server.make_url("/flood"))
    assert await refused(flood, http=http, limits=small) == f"{flood}: the download is over the 20 KB limit"


async def test_other_schemes_are_refused() -> None:
    assert (
        await refused("ftp://example.com/story.txt")
        == "ftp://example.com/story.txt: only http:// and https:// addresses can be read"
    )


# ---------------------------------------------------------------------------------------- --published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-01-25", datetime(2025, 1, 25, tzinfo=UTC)),
        ("2025-01-25T18:00-05:00", datetime(2025, 1, 25, 23, 0, tzinfo=UTC)),
        ("2025-01-25 18:00", datetime(2025, 1, 25, 18, 0, tzinfo=UTC)),
        ("25 January 2025", datetime(2025, 1, 25, tzinfo=UTC)),
    ],
)
def test_parse_published(value: str, expected: datetime) -> None:
    got = parse_published(value)
    assert got.tzinfo is not None
    assert got == expected


def test_parse_published_refuses_nonsense_and_partial_dates() -> None:
    with pytest.raises(InputError, match=r"^--published: cannot read 'next blursday' as a date$"):
        parse_published("next blursday")
    with pytest.raises(InputError, match="not a full date"):
        parse_published("Jan 25")
    with pytest.raises(InputError, match="cannot read '2025-13-45'"):
        parse_published("2025-13-45")


# ---------------------------------------------------------------------------------------- sample story


def test_sample_story_is_four_dated_reports_in_order() -> None:
    items = sample_articles()
    assert len(items) == 4
    assert {slug for slug, _ in items} == {"us-mexico-deportations"}
    assert sample_stories() == {"us-mexico-deportations": "US deportation flights and the Mexico border"}
    dates = [a.published for _, a in items]
    assert all(d is not None and d.tzinfo is not None for d in dates)
    assert dates == sorted(dates)
    for _, art in items:
        assert art.headline and art.outlet and art.url and art.url.startswith("https://example.com/")
        assert not art.body.startswith(art.headline)
        assert 250 <= len(art.body.split()) <= 450
    assert [a.outlet for _, a in items] == [
        "Factdesk Wire",
        "Factdesk Wire",
        "The Border Ledger",
        "Factdesk Wire",
    ]
    # The story moves: the troop figure is updated in later reports.
    assert "1,500 additional troops" in items[0][1].body
    assert "about 2,500" in items[2][1].body


def test_sample_eval_questions_point_at_sample_sentences() -> None:
    from importlib import resources

    raw = resources.files("facts").joinpath("sample", "eval.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    assert 30 <= len(rows) <= 40
    assert len({r["id"] for r in rows}) == len(rows)
    text = "\n".join(a.body for _, a in sample_articles())
    kinds = {"count", "who", "when", "where", "what", "why", "yesno", "latest", "unanswerable"}
    for r in rows:
        assert r["type"] in kinds
        if r["type"] == "unanswerable":
            assert r["expected"] == [] and r["evidence"] == ""
        else:
            assert r["expected"] and r["evidence"] in text, r["id"]
    assert sum(r["type"] == "unanswerable" for r in rows) >= 8
