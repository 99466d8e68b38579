"""Reading what a reporter hands us (files, URLs, stdin, pasted text) into clean article records.

Everything a user can get wrong here ends as one `InputError` whose message is a single
line fit for the CLI or a Slack reply. Nothing is stored: the caller stores the articles
only when reading succeeded.
"""

from __future__ import annotations

import asyncio
import codecs
import json
import logging
import os
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import resources
from typing import BinaryIO, TextIO

import aiohttp
import feedparser
import lxml.html
import trafilatura
from dateutil import parser as dateparser

log = logging.getLogger(__name__)

USER_AGENT = "factdesk/0.1 (newsroom fact desk; +https://example.com/factdesk)"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class InputLimits:
    """Guards against inputs that would hang or swamp the bot; values come from settings."""

    max_bytes: int = 5 * 1024 * 1024
    timeout_seconds: float = 15.0
    # An HTML page that yields less text than this held no article (login wall, index page).
    min_article_chars: int = 80


@dataclass
class RawArticle:
    """One article as read: clean text plus what the source says about itself.

    `body` is plain text, paragraphs separated by one blank line, without headline,
    byline or page boilerplate. A wire dateline ("WASHINGTON (Reuters) -") stays at the
    start of the body, untouched; `dateline` repeats it so extraction can skip it.
    """

    body: str
    headline: str | None
    outlet: str | None
    url: str | None
    published: datetime | None  # timezone-aware; UTC assumed when the source gives no zone
    origin: str  # what the user gave: path, URL or "-"
    author: str | None = None
    dateline: str | None = None  # exact prefix of `body`, e.g. "WASHINGTON (Reuters): "


@dataclass
class ReadResult:
    """Articles read from one input, and one-line notes about what was left out."""

    articles: list[RawArticle] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class InputError(Exception):
    """An input we cannot read. `str(err)` is one short line: "<origin>: <problem>"."""

    def __init__(self, origin: str, problem: str) -> None:
        self.origin = origin
        self.problem = problem
        super().__init__(f"{origin}: {problem}")


# --------------------------------------------------------------------------- entry point


async def read_inputs(
    spec: str,
    *,
    http: aiohttp.ClientSession | None = None,
    limits: InputLimits | None = None,
    stdin: TextIO | BinaryIO | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
) -> ReadResult:
    """Read one PATH, http(s) URL or "-" (stdin) into articles; raise InputError when it cannot.

    The kind (plain text, HTML page, RSS/Atom feed) is told from the content, helped by
    the Content-Type for URLs. `outlet` and `published` are what the user stated
    (`--outlet`, `--published`): they win over what the source says about itself, except
    that a feed item keeps its own date and takes `published` only when it has none.
    `http` is reused when given; otherwise a session lives for this call only.
    """
    limits = limits or InputLimits()
    spec = spec.strip()
    if not spec:
        raise InputError("input", "nothing given; name a file, a URL, or - for standard input")
    url: str | None = None
    content_type: str | None = None
    data: bytes | str
    if spec == "-":
        data = await _read_stdin(stdin, limits)
    elif re.match(r"(?i)https?://", spec):
        data, content_type, url = await _fetch(spec, http=http, limits=limits)
    elif re.match(r"(?i)[a-z][a-z0-9+.-]*://", spec):
        raise InputError(spec, "only http:// and https:// addresses can be read")
    else:
        data = await asyncio.to_thread(_read_file, spec, limits)
    # Extraction is CPU work (a 5 MB page takes a while): keep it off the bot's event loop.
    return await asyncio.to_thread(
        _parse_payload,
        data,
        label=_label(spec),
        origin=spec,
        url=url,
        content_type=content_type,
        limits=limits,
        outlet=outlet,
        published=published,
    )


# --------------------------------------------------------------------------- reading bytes


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _read_file(path: str, limits: InputLimits) -> bytes:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        hint = " (for a web page, start it with https://)" if re.match(r"(?i)www\.", path) else ""
        raise InputError(path, f"no such file{hint}") from None
    except OSError as exc:
        raise InputError(path, f"cannot open it ({exc.strerror or exc})") from None
    if os.path.isdir(path):
        raise InputError(path, "is a directory; name the files in it instead")
    # The size is checked before reading so a huge file is never loaded.
    if st.st_size > limits.max_bytes:
        raise InputError(path, f"the file is {_size(st.st_size)}, over the {_size(limits.max_bytes)} limit")
    try:
        with open(path, "rb") as fh:
            # Capped read: pipes and special files report no size up front.
            data = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read it ({exc.strerror or exc})") from None
    if len(data) > limits.max_bytes:
        raise InputError(path, f"the file is over the {_size(limits.max_bytes)} limit")
    return data


async def _read_stdin(stream: TextIO | BinaryIO | None, limits: InputLimits) -> bytes | str:
    stream = stream if stream is not None else sys.stdin
    if stream is None:
        raise InputError("stdin", "no standard input to read")
    # Prefer the raw bytes under a text stream so our own encoding checks apply.
    raw = getattr(stream, "buffer", stream)

    def read() -> bytes | str:
        return raw.read(limits.max_bytes + 1)

    data = await asyncio.to_thread(read)
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limits.max_bytes:
        raise InputError("stdin", f"the input is over the {_size(limits.max_bytes)} limit")
    return data


async def _fetch(
    url: str, *, http: aiohttp.ClientSession | None, limits: InputLimits
) -> tuple[bytes, str, str]:
    """GET a URL with a time limit and a size cap; returns (body, content type, final URL)."""
    own = http is None
    session = http or aiohttp.ClientSession()
    timeout = aiohttp.ClientTimeout(total=limits.timeout_seconds)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    }
    try:
        async with session.get(url, timeout=timeout, headers=headers) as resp:
            if resp.status >= 400:
                reason = f" {resp.reason}" if resp.reason else ""
                raise InputError(url, f"the server answered {resp.status}{reason}")
            declared = resp.content_length
            if declared is not None and declared > limits.max_bytes:
                raise InputError(
                    url, f"the page is {_size(declared)}, over the {_size(limits.max_bytes)} limit"
                )
            chunks: list[bytes] = []
            total = 0
            async for chunk in resp.content.iter_chunked(_CHUNK):
                total += len(chunk)
                if total > limits.max_bytes:
                    raise InputError(url, f"the download is over the {_size(limits.max_bytes)} limit")
                chunks.append(chunk)
            content_type = resp.headers.get("Content-Type", "")
            return b"".join(chunks), content_type, str(resp.url)
    except InputError:
        raise
    except TimeoutError:
        raise InputError(url, f"no answer within {limits.timeout_seconds:g} s") from None
    except aiohttp.InvalidURL:
        raise InputError(url, "not a valid web address") from None
    except aiohttp.ClientConnectorDNSError:
        raise InputError(url, "could not find that host") from None
    except aiohttp.ClientConnectorCertificateError:
        raise InputError(url, "the site's TLS certificate is not valid") from None
    except aiohttp.ClientConnectorError as exc:
        err = exc.os_error
        why = os.strerror(err.errno) if err is not None and err.errno else "no connection"
        raise InputError(url, f"could not connect ({why.lower()})") from None
    except aiohttp.TooManyRedirects:
        raise InputError(url, "too many redirects") from None
    except aiohttp.ClientPayloadError:
        raise InputError(url, "the download was cut off") from None
    except aiohttp.ClientError as exc:
        raise InputError(url, f"download failed ({type(exc).__name__})") from None
    finally:
        if own:
            await session.close()


# --------------------------------------------------------------------------- telling kinds apart

_BOMS: list[tuple[bytes, str, str]] = [
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
]

_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive or Word/Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office document"),
    (b"{\\rtf", "an RTF document"),
]

_FEED_START = re.compile(r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:rdf)\b", re.S)
_HTML_SIGN = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title)\b")


def _kind(sniff: str, content_type: str | None) -> str:
    """'feed', 'html' or 'text', from the first bytes (lowercased) and any Content-Type."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if _FEED_START.match(sniff) or ct in (
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
    ):
        return "feed"
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if sniff.startswith("<") and _HTML_SIGN.search(sniff):
        return "html"
    if ct in ("application/xml", "text/xml") and ("<rss" in sniff or "<feed" in sniff):
        return "feed"
    return "text"


def _declared_charset(content_type: str | None, head: bytes) -> str | None:
    header = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    meta = None if header else re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", head, re.I)
    if header:
        name = header.group(1)
    elif meta:
        name = meta.group(1).decode("ascii", "replace")
    else:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf8_error(label: str, data: bytes, exc: UnicodeDecodeError) -> InputError:
    line = data.count(b"\n", 0, exc.start) + 1
    return InputError(
        label,
        f"not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start}, line {line}); save it as UTF-8",
    )


def _parse_payload(
    data: bytes | str,
    *,
    label: str,
    origin: str,
    url: str | None,
    content_type: str | None,
    limits: InputLimits,
    outlet: str | None,
    published: datetime | None,
) -> ReadResult:
    warnings: list[str] = []
    text: str | None = data if isinstance(data, str) else None
    raw = data if isinstance(data, bytes) else b""
    what = "the page" if url else ("the input" if origin == "-" else "the file")

    if text is None:
        if not raw.strip(b" \t\r\n\f\v\x00"):
            raise InputError(label, f"{what} is empty")
        for bom, codec, name in _BOMS:
            if raw.startswith(bom):
                try:
                    text = raw.decode(codec)
                except UnicodeDecodeError:
                    raise InputError(
                        label, f"starts with a {name} mark but is not valid {name} text"
                    ) from None
                break
    if text is None:
        for magic, desc in _MAGIC:
            if raw.startswith(magic):
                raise InputError(label, f"{what} is {desc}, not text")
        if b"\x00" in raw[: 64 * 1024]:
            raise InputError(label, f"{what} is binary, not text")
        kind = _kind(raw[:4096].decode("latin-1").lstrip().lower(), content_type)
        if kind == "feed":
            # feedparser honours the XML declaration and the HTTP charset itself.
            return _stated(
                parse_feed(raw, url=url, origin=origin, content_type=content_type),
                outlet,
                published,
                feed=True,
            )
        charset = _declared_charset(content_type, raw[:4096])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if charset and charset != "utf-8":
                try:
                    text = raw.decode(charset)
                except UnicodeDecodeError:
                    raise InputError(label, f"{what} is not valid {charset} text as it declares") from None
            elif kind == "html":
                # The HTML standard's fallback for undeclared pages; said out loud, not silent.
                text = raw.decode("cp1252", errors="replace")
                warnings.append(f"{label}: no charset declared and not UTF-8; read as Windows-1252")
            else:
                raise _utf8_error(label, raw, exc) from None
    else:
        kind = _kind(text[:4096].lstrip().lower(), content_type)
        if kind == "feed":
            result = parse_feed(
                text.encode("utf-8"), url=url, origin=origin, content_type="application/xml; charset=utf-8"
            )
            return _stated(result, outlet, published, feed=True)

    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(label, f"{what} is empty")
    if _control_share(text) > 0.01:
        raise InputError(label, f"{what} is binary, not text")

    if kind == "html":
        article = parse_html(text, url=url, origin=origin, limits=limits, label=label)
    else:
        article = parse_text(text, origin=origin, url=url)
    return _stated(ReadResult([article], warnings), outlet, published, feed=False)


def _control_share(text: str) -> float:
    sample = text[:65536]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / max(1, len(sample))


def _stated(result: ReadResult, outlet: str | None, published: datetime | None, *, feed: bool) -> ReadResult:
    """Apply what the user stated about the input over what the source said about itself."""
    arts = []
    for art in result.articles:
        if outlet and outlet.strip():
            art = replace(art, outlet=outlet.strip())
        # A feed's items carry their own dates; a stated date only fills the gaps there.
        if published is not None and (not feed or art.published is None):
            art = replace(art, published=_aware(published))
        arts.append(art)
    return ReadResult(arts, result.warnings)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# --------------------------------------------------------------------------- plain text

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE_WORD = r"[A-Z][A-Za-z.'\u2019\-]*"
_DATELINE = re.compile(
    rf"""^
    (?P<place>{_PLACE_WORD}(?:\ {_PLACE_WORD}){{0,4}})            # WASHINGTON, MEXICO CITY, Washington
    (?:,\ (?!{_MONTH}\ \d)(?P<region>{_PLACE_WORD}(?:\ {_PLACE_WORD})?))?   # , Texas / , Calif.
    (?:,?\ (?P<date>{_MONTH}\ \d{{1,2}}(?:,\ \d{{4}})?))?           # , Jan 25
    \ ?(?:\((?P<outlet>[A-Z][^()\n\d]{{0,38}})\))?                  # (Reuters)
    (?P<sep>\ ?:\ |\ [-\u2013\u2014]{{1,2}}\ ?|[\u2013\u2014]\ ?)     # " - ", " — ", "): "
    """,
    re.X,
)
_OUTLET_NAMES = {
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "ap": "AP",
    "the associated press": "AP",
    "associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
}
_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+(?P<name>[A-Z][\w.'\u2019\-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'\u2019\-]*){0,7})\s*$"
)
_TERMINAL = ".!?:;\"'\u201d\u2019)]"


@dataclass(frozen=True)
class Dateline:
    text: str  # exact prefix, separator and trailing space included
    place: str
    outlet: str | None


def find_dateline(paragraph: str) -> Dateline | None:
    """The wire dateline opening a paragraph ("MEXICO CITY, Jan 25 (AP) — "), if any."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    outlet = m.group("outlet")
    place = m.group("place")
    if outlet is None:
        # Without "(Agency)" only an all-capitals place followed by a dash is a dateline;
        # "Mexico: the country said" is an ordinary sentence.
        if not (place.isupper() and len(place) >= 3 and ":" not in m.group("sep")):
            return None
    if len(paragraph) - m.end() < 1:
        return None
    name = outlet.strip() if outlet else None
    if name:
        name = _OUTLET_NAMES.get(name.lower(), name)
    return Dateline(text=m.group(0), place=place, outlet=name)


def _split_paragraphs(text: str) -> list[list[str]]:
    """Blocks separated by blank lines, each a list of its stripped non-empty lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    blocks = re.split(r"\n[ \t\f\v\u00a0]*\n", text)
    out = []
    for block in blocks:
        lines = [re.sub(r"[ \t\f\v]+", " ", ln).strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln]
        if lines:
            out.append(lines)
    return out


def _join_lines(lines: list[str]) -> list[str]:
    """Rejoin hard-wrapped lines; a line ending a sentence closes its paragraph."""
    paras: list[str] = []
    current: list[str] = []
    for ln in lines:
        starts_item = bool(re.match(r"^(?:[-*\u2022]\s|\d+[.)]\s)", ln))
        if current and starts_item:
            paras.append(" ".join(current))
            current = []
        current.append(ln)
        if ln.endswith(tuple(_TERMINAL)):
            paras.append(" ".join(current))
            current = []
    if current:
        paras.append(" ".join(current))
    return paras


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 30
        and len(line) <= 200
        and not line.endswith((".", ",", ";", ":"))
        and find_dateline(line) is None
        and not _BYLINE.match(line)
    )


def parse_text(
    text: str,
    *,
    origin: str,
    url: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    headline: str | None = None,
) -> RawArticle:
    """Plain text (a file, stdin or a Slack paste) as an article.

    A first short line without a closing full stop, set apart by a blank line or followed
    by a dateline or byline, is the headline. A dateline gives the outlet when the caller
    gave none; the body keeps the dateline and every sentence as written.
    """
    blocks = _split_paragraphs(text.lstrip("\ufeff"))
    if not blocks:
        raise InputError(_label(origin), "the text is empty")
    found_headline: str | None = None
    author: str | None = None
    first = blocks[0]
    rest_after_first = first[1:] or (blocks[1] if len(blocks) > 1 else [])
    if rest_after_first and _looks_like_headline(first[0]):
        nxt = rest_after_first[0]
        set_apart = len(first) == 1
        leads_in = find_dateline(nxt) is not None or _BYLINE.match(nxt) is not None
        if set_apart or leads_in:
            found_headline = first[0]
            blocks = ([first[1:]] if first[1:] else []) + blocks[1:]
    # A byline line right under the headline (or at the very top) is not body text.
    if blocks and (m := _BYLINE.match(blocks[0][0])):
        author = m.group("name").strip()
        blocks = ([blocks[0][1:]] if blocks[0][1:] else []) + blocks[1:]

    paragraphs = [p for block in blocks for p in _join_lines(block)]
    body = "\n\n".join(paragraphs)
    if not body.strip():
        raise InputError(_label(origin), "there is no text after the headline")
    dateline = find_dateline(body)
    return RawArticle(
        body=body,
        headline=headline or found_headline,
        outlet=outlet or (dateline.outlet if dateline else None),
        url=url,
        published=_aware(published) if published else None,
        origin=origin,
        author=author,
        dateline=dateline.text if dateline else None,
    )


def _label(origin: str) -> str:
    return "stdin" if origin == "-" else origin


# --------------------------------------------------------------------------- HTML pages

_DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def parse_html(
    html: str,
    *,
    url: str | None,
    origin: str | None = None,
    limits: InputLimits | None = None,
    label: str | None = None,
) -> RawArticle:
    """The main article of an HTML page, via trafilatura; InputError when there is none."""
    limits = limits or InputLimits()
    origin = origin or url or "html"
    label = label or _label(origin)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on broken markup
        log.warning("trafilatura failed on %s: %r", label, exc)
        doc = None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = _clean(getattr(doc, "title", None)) if doc is not None else None
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    # trafilatura often keeps the page's <h1> as the first line of the text.
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    if paragraphs and (m := _BYLINE.match(paragraphs[0])):
        paragraphs = paragraphs[1:]
        author_from_text: str | None = m.group("name")
    else:
        author_from_text = None
    body = "\n\n".join(paragraphs)
    if len(body) < limits.min_article_chars:
        raise InputError(label, "no article text found on the page (a login, index or consent page?)")
    dateline = find_dateline(body)
    sitename = _clean(getattr(doc, "sitename", None))
    return RawArticle(
        body=body,
        headline=title,
        outlet=(dateline.outlet if dateline and dateline.outlet else None) or sitename,
        url=_clean(getattr(doc, "url", None)) or url,
        published=_html_date(getattr(doc, "date", None)),
        origin=origin,
        author=_clean(getattr(doc, "author", None)) or author_from_text,
        dateline=dateline.text if dateline else None,
    )


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _same_words(a: str, b: str) -> bool:
    def words(s: str) -> list[str]:
        return re.findall(r"\w+", s.lower())

    return words(a) == words(b)


def _html_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return _aware(dateparser.isoparse(value))
    except (ValueError, OverflowError):
        try:
            return _aware(dateparser.parse(value))
        except (ValueError, OverflowError):
            return None


# --------------------------------------------------------------------------- feeds


def parse_feed(
    data: bytes,
    *,
    url: str | None,
    origin: str | None = None,
    content_type: str | None = None,
) -> ReadResult:
    """Every item of an RSS or Atom feed as an article; items without any text are skipped."""
    origin = origin or url or "feed"
    label = _label(origin)
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise InputError(label, "looks like a feed but cannot be read as RSS or Atom")
        raise InputError(label, "the feed has no items")
    feed_title = _clean(parsed.feed.get("title"))
    result = ReadResult()
    empty = 0
    for entry in parsed.entries:
        html_parts = [c.get("value", "") for c in entry.get("content", []) or []]
        html_parts.append(entry.get("summary", "") or "")
        # Prefer the fullest text the feed carries: content over a teaser summary.
        best = max((fragment_text(h) for h in html_parts), key=len, default="")
        if not best.strip():
            empty += 1
            continue
        title = _clean(fragment_text(entry.get("title", "") or "")) or None
        art = parse_text(best, origin=origin, url=entry.get("link") or None, headline=title)
        art.published = _entry_date(entry)
        if art.outlet is None:
            art.outlet = feed_title
        result.articles.append(art)
    if empty:
        result.warnings.append(f"{label}: skipped {empty} feed item{'s' if empty != 1 else ''} with no text")
    if not result.articles:
        raise InputError(label, f"none of the feed's {empty} items has any text")
    return result


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            # feedparser normalises these to UTC.
            year, month, day, hour, minute, second = t[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return None


_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "pre",
}


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), paragraphs kept apart."""
    if "<" not in html and "&" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml rejects some broken fragments outright
        return re.sub(r"<[^>]+>", " ", html).strip()
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


# --------------------------------------------------------------------------- --published


def parse_published(value: str) -> datetime:
    """A date the user typed (`--published 2025-01-25T18:00-05:00`), timezone-aware.

    Needs a full date; a time is optional and UTC is assumed without a zone. No relative
    words ("yesterday"): those would need a clock, and the caller has `datetime` for that.
    """
    text = (value or "").strip()
    if not text:
        raise InputError("--published", "give a date such as 2025-01-25 or 2025-01-25T18:00-05:00")
    try:
        # Parsing twice against different defaults shows which parts the user left out.
        a = dateparser.parse(text, default=datetime(1900, 1, 1))
        b = dateparser.parse(text, default=datetime(1904, 2, 2))
    except (ValueError, OverflowError):
        raise InputError("--published", f"cannot read {text!r} as a date") from None
    if a.date() != b.date():
        raise InputError("--published", f"{text!r} is not a full date; give year, month and day (2025-01-25)")
    return _aware(a)


# --------------------------------------------------------------------------- the sample story

_SAMPLE = "sample"


def _sample_manifest() -> list[dict[str, str]]:
    raw = resources.files("facts").joinpath(_SAMPLE, "manifest.json").read_text(encoding="utf-8")
    return list(json.loads(raw)["articles"])


def sample_articles() -> list[tuple[str, RawArticle]]:
    """The demo story shipped with the package, as (story slug, article), oldest first."""
    base = resources.files("facts").joinpath(_SAMPLE)
    out = []
    for item in _sample_manifest():
        text = base.joinpath(item["file"]).read_text(encoding="utf-8")
        art = parse_text(
            text,
            origin=f"sample/{item['file']}",
            url=item.get("url"),
            outlet=item.get("outlet"),
            published=dateparser.isoparse(item["published"]),
            headline=item.get("headline"),
        )
        out.append((item["story"], art))
    out.sort(key=lambda pair: pair[1].published or datetime.min.replace(tzinfo=UTC))
    return out


def sample_stories() -> dict[str, str]:
    """Slug -> title of each story in the demo data."""
    return {item["story"]: item["story_title"] for item in _sample_manifest()}


__all__ = [
    "InputError",
    "InputLimits",
    "RawArticle",
    "ReadResult",
    "find_dateline",
    "fragment_text",
    "parse_feed",
    "parse_html",
    "parse_published",
    "parse_text",
    "read_inputs",
    "sample_articles",
    "sample_stories",
]
