"""Plain text and Markdown articles: first non-empty line is the headline.

Kept cheap on purpose (no third-party imports): benchmarks ingest thousands of such
files, and the text is the format most corpora (BBC News, CoNLL) come in.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from kgextract.errors import InputError
from kgextract.model import Article
from kgextract.readers.boilerplate import clean_body

MAX_BYTES = 64 * 1024 * 1024  # a news article is kilobytes; more is not an article

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_SETEXT_UNDERLINE = re.compile(r"\s*(=+|-+)\s*")
_MARKDOWN_HEADING = re.compile(r"\s{0,3}#{1,6}(?:\s+|$)")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
# "©2024 Bloomberg L.P.": the one date many saved articles keep.
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)\b", re.IGNORECASE
)
# Controls other than tab, newlines, form feed and escape: text never has many.
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27}) + b"\x7f"


def read_bytes(path: Path) -> bytes:
    """The file's bytes; OS errors become an :class:`InputError` naming the cause."""
    try:
        if path.stat().st_size > MAX_BYTES:
            mib = path.stat().st_size // (1024 * 1024)
            raise InputError(path, f"file too large ({mib} MiB, limit 64 MiB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, (err.strerror or str(err)).lower()) from None


def is_binary(data: bytes) -> bool:
    """NUL bytes, or more than a few percent control bytes, in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(head.count(byte) for byte in _CONTROL_BYTES)
    return controls > max(2, len(head) // 50)


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused.

    Guessing a legacy encoding for plain text would silently corrupt names ("Zelenskiy"
    survives, "Şahin" does not), so the user is told the byte and offset instead.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(path, f"not valid UTF-16 ({err.reason})") from None
    if is_binary(data):
        raise InputError(path, "binary file, not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        byte = data[err.start]
        offset = err.start
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset})"
        ) from None


def plain_paragraphs(text: str) -> str:
    """Blank-line separated paragraphs; a text without blank lines has one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[^\S\n]*\n", text):
        return text
    return text.replace("\n", "\n\n")


def read_text(path: Path) -> Iterator[Article | InputError]:
    """One article per file: headline, then body (Markdown unwrapped to plain text)."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError(path, "empty file")
    text = decode_text(path, data)
    if text.startswith("\ufeff"):  # a UTF-16 BOM survives the utf-16 codec as U+FEFF
        text = text[1:]
    if not text.strip():
        raise InputError(path, "empty file")
    is_markdown = path.suffix.lower() in _MARKDOWN_SUFFIXES
    headline, body = split_headline(text, is_markdown=is_markdown)
    if is_markdown:
        body = markdown_to_text(body)
    yield Article.make(
        str(path),
        headline,
        clean_body(plain_paragraphs(body)),
        date=copyright_year(text),
    )


def copyright_year(text: str) -> str | None:
    """The year of the text's last copyright line ("©2024 Bloomberg L.P."), as
    the article's date when nothing else dates it: enough to read who held which
    office, where the ingest date would be years off."""
    years = _COPYRIGHT_YEAR.findall(text)
    return years[-1] if years else None


def split_headline(text: str, *, is_markdown: bool = True) -> tuple[str, str]:
    """The first non-empty line (without Markdown ``#`` marks) and the rest."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next(index for index, line in enumerate(lines) if line.strip())
    headline = lines[first]
    if is_markdown or headline.lstrip().startswith("#"):
        headline = _MARKDOWN_HEADING.sub("", headline, count=1).rstrip("# \t")
    rest = lines[first + 1 :]
    if rest and rest[0].strip() and _SETEXT_UNDERLINE.fullmatch(rest[0]):
        rest = rest[1:]  # Markdown "Headline\n========"
    return " ".join(headline.split()), "\n".join(rest)


def markdown_to_text(body: str) -> str:
    """Drop heading lines (section titles, not sentences); unwrap links and emphasis."""
    lines = [
        line
        for line in body.split("\n")
        if not _MARKDOWN_HEADING.match(line) and not _SETEXT_UNDERLINE.fullmatch(line)
    ]
    text = "\n".join(lines)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    return _MARKDOWN_EMPHASIS.sub(r"\2", text)
