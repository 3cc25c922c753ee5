"""JSON Lines: one article object per line, as scrapers and news APIs export them.

Read line by line, so a large export is never held in memory and one bad line is
reported as that line's error while every other line still comes out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kgextract.errors import InputError
from kgextract.model import Article
from kgextract.readers.boilerplate import clean_body
from kgextract.readers.dates import iso_date
from kgextract.readers.html import fragment_text, language_tag
from kgextract.readers.text import is_binary, plain_paragraphs

# Field names, in order of preference, as the common exporters spell them.
HEADLINE_FIELDS = ("title", "headline")
TEXT_FIELDS = ("text", "body", "content", "articleBody")
DATE_FIELDS = ("date", "published", "published_at", "datePublished", "pubDate")
URL_FIELDS = ("url", "link")
LANGUAGE_FIELDS = ("language", "lang")
PUBLISHER_FIELDS = ("publisher", "source", "site", "sitename")


def read_jsonl(path: Path) -> Iterator[Article | InputError]:
    """An article per non-blank line; a bad line is yielded as an InputError."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, (err.strerror or str(err)).lower()) from None
    with handle:
        if is_binary(handle.peek(8192)[:8192]):
            raise InputError(path, "binary file, not an article")
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                yield _article_from_record(f"{path}#{number}", _parse_line(raw))
            except _LineError as err:
                yield InputError(path, f"line {number}: {err}")


class _LineError(Exception):
    """Why one line is not an article; becomes the cause of an InputError."""


def _parse_line(raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _LineError(
            f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at column {err.start + 1})"
        ) from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        reason = err.msg.removesuffix(" at")  # "Invalid control character at"
        raise _LineError(f"invalid JSON ({reason}, column {err.colno})") from None
    except RecursionError:
        raise _LineError("invalid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise _LineError(f"expected a JSON object, got {_json_type(record)}")
    return record


def _article_from_record(source: str, record: dict[str, Any]) -> Article:
    """An article from one JSON object; a missing text field is that line's error."""
    body_value = _first(record, TEXT_FIELDS)
    if body_value is None:
        raise _LineError(f"no article text (expected one of: {', '.join(TEXT_FIELDS)})")
    headline = " ".join((_first(record, HEADLINE_FIELDS) or "").split())
    if "<" in body_value and ">" in body_value:
        body_value = fragment_text(body_value)
    body = clean_body(plain_paragraphs(body_value))
    if not body and not headline:
        raise _LineError("empty article text")
    publisher = record.get("publisher")
    if isinstance(publisher, dict):  # schema.org style {"name": ...}
        record = {**record, "publisher": publisher.get("name")}
    return Article.make(
        source,
        headline,
        body,
        date=iso_date(_first(record, DATE_FIELDS)),
        url=_first(record, URL_FIELDS),
        language=language_tag(_first(record, LANGUAGE_FIELDS)),
        publisher=_first(record, PUBLISHER_FIELDS),
    )


def _first(record: dict[str, Any], fields: tuple[str, ...]) -> str | None:
    for field in fields:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _json_type(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
