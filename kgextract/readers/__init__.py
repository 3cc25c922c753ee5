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

import os
from collections.abc import Callable, Iterable, Iterator
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
    "Reader",
    "clean_body",
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
