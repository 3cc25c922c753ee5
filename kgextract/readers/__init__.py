"""Readers: files in, :class:`~kgextract.model.Article` out, one registry entry each.

A reader takes a path and yields articles; a bad record inside a file (a JSON line, a
feed entry) is yielded as an :class:`InputError` so the records after it still come
out, and a bad file raises one. :func:`iter_articles` turns both into yielded errors:
one broken file in a folder of thousands must not stop the run.

The format is chosen by suffix, else by sniffing the first bytes (feed root element,
``<html``), else plain text. Every reader passes the body through
:func:`~kgextract.readers.boilerplate.clean_body`.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kgextract.errors import InputError
from kgextract.model import Article
from kgextract.readers.boilerplate import clean_body, clean_line
from kgextract.readers.feeds import looks_like_feed, read_feed
from kgextract.readers.html import looks_like_html, read_html
from kgextract.readers.jsonl import read_jsonl
from kgextract.readers.text import read_text
from kgextract.registry import Registry

__all__ = [
    "STDIN",
    "Reader",
    "clean_body",
    "count_articles",
    "iter_articles",
    "read_file",
    "reader_for",
    "readers",
]

Reader = Callable[[Path], Iterator[Article | InputError]]

readers: Registry[Reader] = Registry("reader")
readers.register("text", suffixes=(".txt", ".md", ".markdown", ".text"))(read_text)
readers.register("html", suffixes=(".html", ".htm", ".xhtml"), sniff=looks_like_html)(
    read_html
)
readers.register("jsonl", suffixes=(".jsonl", ".ndjson"))(read_jsonl)
readers.register("feed", suffixes=(".rss", ".atom", ".xml"), sniff=looks_like_feed)(
    read_feed
)

# Files a corpus ships to describe itself (BBC News has README.TXT), not articles.
# Skipped when walking a directory; read when named explicitly.
CORPUS_DOCUMENTATION = frozenset(
    "readme source license licence copying changelog notice authors".split()
)
_SNIFF_BYTES = 4096
STDIN = "-"  # the path that means standard input


def reader_for(path: Path) -> Reader:
    """The reader registered for the suffix, else the one whose sniffer accepts the
    first bytes, else plain text (which refuses binary files itself)."""
    suffix = path.suffix.lower()
    for name in readers:
        if suffix in readers.meta(name).get("suffixes", ()):
            return readers.get(name)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return readers.get("text")  # it reports the OS error with the path
    for name in readers:
        sniff = readers.meta(name).get("sniff")
        if sniff is not None and sniff(head):
            return readers.get(name)
    return readers.get("text")


def read_file(path: Path) -> Iterator[Article]:
    """Articles of one file; raises :class:`InputError` at its first bad record.

    Use :func:`iter_articles` to go on past bad records and files.
    """
    path = Path(path)
    for item in reader_for(path)(path):
        if isinstance(item, InputError):
            raise item
        yield clean_metadata(item)


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article under the given paths; bad files and records are yielded as errors.

    Directories are read recursively in sorted order, skipping hidden files and
    directories and corpus documentation (README, LICENSE, SOURCE.md ...).
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield from read_stream(sys.stdin.buffer.read())
            continue
        path = Path(raw)
        if path.is_dir():
            files, errors = _walk(path)
            yield from errors
        elif path.exists():
            files = [path]
        else:
            yield InputError(path, "no such file or directory")
            continue
        for file in files:
            yield from _read_reporting(file)


def read_stream(data: bytes) -> Iterator[Article | InputError]:
    """Articles of bytes piped in (``kgextract ingest -``), in any format a file
    may have: JSON Lines when the first character is ``{``, else as sniffed.

    Their source is ``stdin:`` and a hash of the bytes: the same stream piped again
    is recognised, and another one is not taken for a new version of it (as an
    edited file replaces its older text).
    """
    name = "stdin:" + hashlib.sha256(data).hexdigest()[:12]
    if not data.strip():
        yield InputError(name, "empty input")
        return
    suffix = ".jsonl" if data.lstrip()[:1] == b"{" else ""
    with tempfile.TemporaryDirectory(prefix="kgextract-stdin-") as folder:
        path = Path(folder, "stdin" + suffix)
        path.write_bytes(data)
        for item in _read_reporting(path):
            if isinstance(item, InputError):
                yield InputError(item.path.replace(str(path), name, 1), item.cause)
            else:
                yield replace(item, source=item.source.replace(str(path), name, 1))


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """About how many articles ``paths`` hold, for a progress bar's total: one per
    file, a JSON Lines file's non-empty lines, a feed's items. Cheap: no file is
    parsed. None when standard input is among them (it can be read once only)."""
    total = 0
    for raw in paths:
        if str(raw) == STDIN:
            return None
        path = Path(raw)
        files = _walk(path)[0] if path.is_dir() else [path] if path.exists() else []
        for file in files:
            total += _estimate(file)
    return total


def _estimate(path: Path) -> int:
    reader = reader_for(path)
    try:
        if reader is readers.get("jsonl"):
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        if reader is readers.get("feed"):
            data = path.read_bytes()
            return max(1, data.count(b"<item") + data.count(b"<entry"))
    except OSError:
        return 1
    return 1


def _read_reporting(path: Path) -> Iterator[Article | InputError]:
    """A file's articles, then its error if reading it failed.

    Anything a reader raises fails that file only: a library that cannot load (an
    HTML cleaner missing from the install) or a bug on one odd page must not end a
    run over a folder where the text files and feeds still read. Every article's
    headline and publisher are cleaned here, whichever reader made them.
    """
    try:
        for item in reader_for(path)(path):
            yield clean_metadata(item) if isinstance(item, Article) else item
    except InputError as err:
        yield err
    except Exception as err:  # noqa: BLE001 - one file must not stop the run
        cause = " ".join(f"{type(err).__name__}: {err}".split())
        yield InputError(path, f"could not be read ({cause:.300})")


def clean_metadata(article: Article) -> Article:
    """The article with a clean headline and publisher (:func:`clean_line`); its id
    is made again only when they change, as it hashes the headline."""
    headline = clean_line(article.headline)
    publisher = clean_line(article.publisher) if article.publisher else None
    if headline == article.headline and publisher == article.publisher:
        return article
    return Article.make(
        article.source,
        headline,
        article.body,
        date=article.date,
        url=article.url,
        language=article.language,
        publisher=publisher or None,
    )


def _walk(root: Path) -> tuple[list[Path], list[InputError]]:
    """Regular files under ``root``, sorted by path components; unreadable folders."""
    errors: list[InputError] = []
    files: list[Path] = []

    def report(err: OSError) -> None:
        errors.append(InputError(err.filename, (err.strerror or str(err)).lower()))

    for folder, dirnames, filenames in os.walk(root, onerror=report):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            if name.startswith(".") or _is_documentation(name):
                continue
            file = Path(folder, name)
            if file.is_file():
                files.append(file)
    files.sort(key=lambda file: file.relative_to(root).parts)
    return files, errors


def _is_documentation(name: str) -> bool:
    return name.split(".", 1)[0].lower() in CORPUS_DOCUMENTATION
