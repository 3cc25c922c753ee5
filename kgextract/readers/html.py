"""Saved web pages: the article text via trafilatura, the headline from page metadata.

Pages in the wild lie about their encoding, put the site name in ``<h1>``, render the
body with JavaScript (leaving it only in JSON-LD), and wrap it in navigation, share
panels and comments. Each of those is handled here, in that order: decode, parse once,
read metadata, extract, pick the headline, clean.

trafilatura and lxml are imported inside the functions that use them, so that importing
the readers (and reading plain text) stays fast.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgextract.errors import InputError
from kgextract.model import Article
from kgextract.readers.boilerplate import clean_body
from kgextract.readers.dates import iso_date
from kgextract.readers.text import is_binary, read_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)", re.I)
# What browsers actually decode these labels as (WHATWG Encoding Standard).
_ENCODING_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
# A valid two-to-four byte UTF-8 sequence: where one is present, the page is UTF-8 and
# any invalid byte is a stray from a legacy encoding, not the other way round.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Single-byte Western encodings a detector confuses with one another; for these the
# page gets cp1252, which browsers use for them too.
_WESTERN = {"ascii", "cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "utf_8"}

# Text trafilatura finds only in recall mode must be this long to count as an article:
# on a page without one, recall mode returns the menu ("Home").
MIN_RECALL_CHARS = 200

_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer "
    "form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th "
    "thead tr ul".split()
)
_SKIPPED_TAGS = frozenset("script style noscript template iframe object svg".split())
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|/|·|»)\s+")
# A page starts with its doctype or <html> (or, cut short, <head>/<body>), after an
# optional XML declaration and comments.
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"(?:<!doctype\s+html|<(?:html|head|body|meta|title)\b)",
    re.I | re.S,
)
_JSONLD_PARAGRAPH_JOIN = re.compile(r"(?<=[.!?”\"’])\s{2,}(?=[A-Z“\"‘])")


def looks_like_html(head: bytes) -> bool:
    """True when the first markup is an HTML doctype or element (sniffing)."""
    return bool(_HTML_START.match(head.removeprefix(codecs.BOM_UTF8)))


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode an invalid byte as Windows-1252 (the usual stray), else as Latin-1."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    text = "".join(_byte_as_cp1252(byte) for byte in chunk)
    return text, error.end


def _byte_as_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


codecs.register_error("kgextract.cp1252", _cp1252_fallback)


def decode_html(data: bytes) -> str:
    """Text of a page whose declared encoding may be wrong; never a U+FFFD.

    Order: byte-order mark; UTF-8 if the bytes are valid UTF-8 (a page that decodes as
    UTF-8 is UTF-8, whatever its meta tag says); the declared charset (gb2312 read as
    its superset gb18030); UTF-8 with stray Latin-1 bytes when the page mixes both (the
    tierschutzpartei page); a detector's guess for non-Western encodings; cp1252.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="kgextract.cp1252")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared := declared_charset(data[:4096]):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    if _UTF8_MULTIBYTE.search(data):
        return data.decode("utf-8", errors="kgextract.cp1252")
    import charset_normalizer

    guess = charset_normalizer.from_bytes(data[:65536]).best()
    if guess is not None and guess.encoding not in _WESTERN:
        return data.decode(guess.encoding, errors="kgextract.cp1252")
    return data.decode("cp1252", errors="kgextract.cp1252")


def declared_charset(head: bytes) -> str | None:
    """The charset a ``<meta>`` tag or XML declaration names, as a Python codec name."""
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").lower()
    label = _ENCODING_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment, one paragraph per block element (feeds, JSON-LD).

    Whitespace inside text is collapsed, so only the markup decides where a paragraph
    ends; ``<br>`` is a line break and two of them a paragraph break.
    """
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag in _SKIPPED_TAGS or tag is None:
                skipping += 1
            elif not skipping:
                if tag in _BLOCK_TAGS:
                    parts.append("\n\n")
                elif tag == "br":
                    parts.append("\n")
                parts.append(_collapse(element.text))
            continue
        if tag in _SKIPPED_TAGS or tag is None:
            skipping -= 1
        elif not skipping and tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if not skipping and element is not root:
            parts.append(_collapse(element.tail))
    return "".join(parts)


def _collapse(text: str | None) -> str:
    return re.sub(r"\s+", " ", text) if text else ""


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself, before trafilatura looks at its text."""

    h1: tuple[str, ...] = ()
    title: str | None = None  # <title>
    og_title: str | None = None
    site_name: str | None = None
    url: str | None = None  # canonical, else og:url
    language: str | None = None
    jsonld_headline: str | None = None
    jsonld_body: str | None = None
    jsonld_date: str | None = None
    jsonld_publisher: str | None = None


def read_html(path: Path) -> Iterator[Article | InputError]:
    """One article per page; "no article text found" when extraction yields nothing."""
    data = read_bytes(path)
    if not data.strip():
        raise InputError(path, "empty file")
    if is_binary(data) and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise InputError(path, "binary file, not an article")
    yield article_from_html(str(path), decode_html(data))


def article_from_html(source: str, page: str) -> Article:
    """Extract the article of one decoded page; ``source`` names it in errors."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    # trafilatura and lxml are fed whatever the file holds; a page that makes them fail
    # is reported as that page's error, not as a crash of the whole run.
    try:
        tree = load_html(page)
        if tree is None:
            raise InputError(source, "no article text found")
        meta = page_metadata(tree)
        document = _extract(bare_extraction, tree, precise=True)
        if document is None:  # some table layouts (xinhua) need recall
            document = _extract(bare_extraction, tree, precise=False)
            if document is not None and len(document.text) < MIN_RECALL_CHARS:
                document = None  # a menu, not an article
    except InputError:
        raise
    except Exception as err:  # any failure of a third-party parser on untrusted input
        raise InputError(source, f"cannot parse HTML ({type(err).__name__})") from None

    extracted = document.text if document is not None and document.text else ""
    site = meta.site_name or _attribute(document, "sitename")
    headline = choose_headline(meta, _attribute(document, "title"), site)
    body = _main_text(extracted, meta.jsonld_body)
    body = _drop_leading_headlines(
        body, [headline, *meta.h1, meta.og_title, meta.title]
    )
    body = clean_body(body)
    if not body:
        raise InputError(source, "no article text found")
    return Article.make(
        source,
        headline,
        body,
        date=iso_date(meta.jsonld_date) or iso_date(_attribute(document, "date")),
        url=meta.url or _absolute_url(_attribute(document, "url")),
        language=meta.language,
        publisher=site or meta.jsonld_publisher,
    )


def _extract(bare_extraction: Any, tree: Any, *, precise: bool) -> Any:
    document = bare_extraction(
        tree,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_precision=precise,
    )
    return document if document is not None and document.text else None


def _attribute(document: Any, name: str) -> str | None:
    value = getattr(document, name, None) if document is not None else None
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def page_metadata(tree: Any) -> PageMetadata:
    """Headline candidates, canonical URL, language and JSON-LD article fields."""

    def first(xpath: str) -> str | None:
        for value in tree.xpath(xpath):
            text = (
                value.text_content() if hasattr(value, "text_content") else str(value)
            )
            if text := " ".join(text.split()):
                return text
        return None

    h1 = tuple(
        text
        for node in tree.xpath("//h1")
        if (text := " ".join(node.text_content().split()))
    )
    jsonld = _jsonld_article(tree)
    url = first("//link[@rel='canonical']/@href") or first(
        "//meta[@property='og:url']/@content"
    )
    root = tree.getroottree().getroot()
    language = (
        root.get("lang")
        or root.get("xml:lang")
        or first("//meta[@http-equiv='Content-Language']/@content")
        or first("//meta[@http-equiv='content-language']/@content")
        or first("//meta[@property='og:locale']/@content")
    )
    publisher = jsonld.get("publisher")
    return PageMetadata(
        h1=h1,
        title=first("//head/title") or first("//title"),
        og_title=first("//meta[@property='og:title']/@content"),
        site_name=first("//meta[@property='og:site_name']/@content"),
        url=_absolute_url(url),
        language=language_tag(language),
        jsonld_headline=_string(jsonld.get("headline")),
        jsonld_body=_string(jsonld.get("articleBody")),
        jsonld_date=_string(jsonld.get("datePublished")),
        jsonld_publisher=_string(publisher.get("name"))
        if isinstance(publisher, dict)
        else _string(publisher),
    )


def _jsonld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an Article (NewsArticle, ...)."""
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.endswith("Article") for t in types):
                    return item
                stack.extend(
                    value for value in item.values() if isinstance(value, list | dict)
                )
    return {}


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _absolute_url(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def language_tag(value: str | None) -> str | None:
    """BCP 47 casing ("en-US"); None for an empty or malformed attribute."""
    if not value or not _LANGUAGE_TAG.fullmatch(value.strip()):
        return None
    language, *rest = value.strip().replace("_", "-").split("-")
    subtags = [part.upper() if len(part) == 2 else part for part in rest]
    return "-".join([language.lower(), *subtags])


def choose_headline(
    meta: PageMetadata, extracted_title: str | None, site: str | None
) -> str:
    """The article's headline, not the site's name.

    The visible ``<h1>`` wins when page metadata confirms it (it equals, or begins, the
    og:title, ``<title>`` or JSON-LD headline); politico's ``<h1>`` is "POLITICO" and
    confirms nothing. Otherwise the JSON-LD headline, og:title, trafilatura's title and
    ``<title>``, each without a trailing " | Site Name".
    """
    candidates = [
        _strip_site(title, site)
        for title in (meta.jsonld_headline, meta.og_title, extracted_title, meta.title)
        if title
    ]
    for h1 in meta.h1:
        if site and _same(h1, site):
            continue
        if any(
            _same(h1, title) or _key(title).startswith(_key(h1)) for title in candidates
        ):
            return h1
    candidates += [h1 for h1 in meta.h1 if not (site and _same(h1, site))]
    return next((title for title in candidates if title), "")


def _strip_site(title: str, site: str | None) -> str:
    """ "Headline - Site" -> "Headline", when the tail names the site."""
    title = " ".join(title.split())
    while site:
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) < 2:
            break
        tail = _key(parts[-1])
        if not tail or not (tail in _key(site) or _key(site) in tail):
            break
        title = title[: title.rfind(parts[-1])].rstrip(" |-–—:/·»")
    return title


def _key(text: str) -> str:
    """Comparison form: case, quotes, dashes and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(text.split())


def _same(left: str, right: str) -> bool:
    return _key(left) == _key(right)


def _main_text(extracted: str, jsonld_body: str | None) -> str:
    """trafilatura's text, one paragraph per line, unless the page only has a stub.

    A JavaScript-rendered page (scmp) leaves trafilatura a photo caption while the
    whole article sits in JSON-LD ``articleBody``; then that is the text.
    """
    paragraphs = "\n\n".join(line for line in extracted.split("\n") if line.strip())
    if jsonld_body:
        ld_text = fragment_text(jsonld_body) if "<" in jsonld_body else jsonld_body
        ld_text = _JSONLD_PARAGRAPH_JOIN.sub("\n\n", ld_text)
        if len(paragraphs) < len(ld_text.strip()) / 2:
            return ld_text
    return paragraphs


def _drop_leading_headlines(body: str, headlines: list[str | None]) -> str:
    """trafilatura often keeps the headline (or the h1, or og:title) as line one."""
    keys = {_key(headline) for headline in headlines if headline}
    paragraphs = body.split("\n\n")
    while paragraphs and _key(paragraphs[0]) in keys:
        paragraphs.pop(0)
    return "\n\n".join(paragraphs)
