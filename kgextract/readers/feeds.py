"""RSS and Atom feeds: one article per entry, its text from the content or summary.

feedparser does the encoding work (a Latin-1 feed that declares nothing still decodes)
and is imported lazily so that plain-text ingest does not pay for it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kgextract.errors import InputError
from kgextract.model import Article
from kgextract.readers.boilerplate import clean_body
from kgextract.readers.dates import iso_date
from kgextract.readers.html import fragment_text, language_tag
from kgextract.readers.text import is_binary, read_bytes

# The root element of a feed, after an optional XML declaration, comments, doctype.
_FEED_ROOT = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--.*?-->|<\?[^>]*>|<!DOCTYPE[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.S,
)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def looks_like_feed(head: bytes) -> bool:
    """True when the document's root element is <rss>, <feed> or <rdf:RDF>."""
    return bool(_FEED_ROOT.match(head.removeprefix(b"\xef\xbb\xbf")))


def read_feed(path: Path) -> Iterator[Article | InputError]:
    """Each entry with a title or text, as an article whose source is "path#N"."""
    import feedparser

    data = read_bytes(path)
    if not data.strip():
        raise InputError(path, "empty file")
    if is_binary(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file, not an article")
    parsed = feedparser.parse(data)
    items = list(_entries(path, parsed))
    if parsed.bozo and not any(isinstance(item, Article) for item in items):
        cause = _one_line(parsed.get("bozo_exception"))
        raise InputError(path, f"malformed feed ({cause})")
    if not parsed.version and not items:
        raise InputError(path, "not an RSS or Atom feed")
    yield from items


def _entries(path: Path, parsed: Any) -> Iterator[Article | InputError]:
    channel = parsed.feed
    publisher = _plain(channel.get("title"), channel.get("title_detail"))
    language = language_tag(channel.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        source = f"{path}#{number}"
        headline = _plain(entry.get("title"), entry.get("title_detail")) or ""
        body = clean_body(_entry_text(entry))
        if not headline and not body:
            yield InputError(source, "feed entry has neither title nor text")
            continue
        yield Article.make(
            source,
            headline,
            body,
            date=_entry_date(entry),
            url=entry.get("link") or None,
            language=language_tag(entry.get("language")) or language,
            publisher=publisher,
        )


def _entry_text(entry: Any) -> str:
    """The longest of the full content and the summary, HTML turned into paragraphs."""
    details = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        details.append(entry.summary_detail)
    texts = [
        fragment_text(detail.get("value", ""))
        if detail.get("type", "text/html") in _HTML_TYPES
        else detail.get("value", "")
        for detail in details
    ]
    return max(texts, key=lambda text: len(text.split()), default="")


def _entry_date(entry: Any) -> str | None:
    """As written (keeps the offset), else feedparser's UTC reading of it."""
    for key in ("published", "updated", "created"):
        if date := iso_date(entry.get(key)):
            return date
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if parsed := entry.get(key):
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None


def _plain(value: object, detail: Any = None) -> str | None:
    """A title with any markup removed and whitespace collapsed."""
    if not isinstance(value, str):
        return None
    is_html = (detail or {}).get("type", "text/plain") in _HTML_TYPES
    text = fragment_text(value) if is_html and "<" in value else value
    return " ".join(text.split()) or None


def _one_line(error: object) -> str:
    text = " ".join(str(error).split()) if error is not None else "unreadable"
    return text or type(error).__name__
