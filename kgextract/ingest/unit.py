"""The unit of work: one article through NLP and the graph builder, never raising.

Every engine (this process, ``--jobs`` workers, Dask workers) runs exactly this, so
all of them write the same graph. It imports neither the engines nor the
orchestrator: they import it.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from pyoxigraph import RdfFormat, serialize

from kgextract.graph.build import RDFS_LABEL, article_quads
from kgextract.graph.iris import is_entity_iri
from kgextract.model import Article, Entity, Extraction

# What the orchestrator hands an engine: a new article and the ids of the older
# versions from the same source that it replaces.
Task = tuple[Article, list[str]]

_WORD = re.compile(r"[^\W\d_]+")

# The longest text parsed as one spaCy Doc; a longer article is cut into sections
# of at most this many characters (see sections()). News articles are a few
# thousand characters: they are parsed whole, as before.
SECTION_CHARS = 100_000
# Seconds an article may take to be parsed and extracted (--article-timeout): far
# beyond a news article's tenth of a second, and beyond a 1,000,000-character one.
DEFAULT_ARTICLE_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class Extracted:
    """One article after NLP: its quads, or why it failed. What a worker sends back."""

    article: Article
    quads: list = field(default_factory=list)
    nquads: bytes = b""  # the quads as workers send them; the store loads them as is
    labelled: tuple[str, ...] = ()  # entities given an rdfs:label: the clean-up's input
    events: int = 0
    entities: int = 0
    extracted: bool = True
    error: str | None = None


def reads_language(article: Article, pipeline_language: str) -> bool:
    """Whether the pipeline reads the article's language.

    The declared language (HTML ``lang``, a feed's language) decides. Plain text and
    many feeds declare none; for an English pipeline, text where English function
    words are rare is not English (they are ~40 % of English running text, under 10 %
    of German or Portuguese). An article in another language is stored with its text
    but not extracted: an English model reading German finds nonsense entities, and
    a wrong node is worse than a missing one.
    """
    if article.language:
        return article.language.split("-")[0].lower() == pipeline_language.lower()
    if pipeline_language != "en":
        return True
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(article.body[:3000].lower())[:400]
    if len(words) < 8:
        return True
    return sum(word in STOP_WORDS for word in words) / len(words) >= 0.16


def extract_article(
    article: Article, doc, should_extract: bool, resources, model: str
) -> Extracted:
    """Extraction and graph building for one parsed article; never raises."""
    from kgextract.nlp.extract import extract

    try:
        if should_extract:
            extraction = extract(article, doc, resources, model)
        else:
            extraction = Extraction(article=article, model=model)
        return built(extraction, should_extract)
    except Exception as err:  # noqa: BLE001 - one bad article must not stop a run
        return failed(article, "extraction failed", err)


def built(extraction: Extraction, should_extract: bool) -> Extracted:
    """The article's quads, and the entities given a label (the clean-up's input)."""
    quads = article_quads(extraction)
    return Extracted(
        article=extraction.article,
        quads=quads,
        labelled=tuple(
            {
                quad.subject.value
                for quad in quads
                if quad.predicate == RDFS_LABEL and is_entity_iri(quad.subject.value)
            }
        ),
        events=len(extraction.events),
        entities=len(extraction.entities),
        extracted=should_extract,
    )


def failed(article: Article, what: str, err: BaseException) -> Extracted:
    cause = " ".join(f"{type(err).__name__}: {err}".split())
    return Extracted(article=article, error=f"{what} ({cause:.200})")


def timed_out(article: Article, seconds: float) -> Extracted:
    return Extracted(
        article=article,
        error=f"took longer than {seconds:g} s to extract (--article-timeout)",
    )


# -- one bad article fails alone ----------------------------------------------------


class ArticleTimeout(BaseException):
    """An article's time budget ran out. A BaseException, so that no ``except
    Exception`` on the way (in spaCy or in an extractor) swallows it."""


REFIRE = 0.05
"""Seconds after which an expired budget raises again, in case it was dropped."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the code inside after ``seconds``.

    A SIGALRM timer, so it works only in a process's main thread (where this
    process's engine, and ``--jobs`` workers, run the NLP; a Dask worker's tasks run
    in threads and get no limit). The handler runs when spaCy's C code next returns
    to Python, so the limit is kept to within a fraction of a second.

    An exception raised where Python cannot pass it on (a ``gc`` callback, such as
    the one Hypothesis installs, or a ``__del__``) is printed and dropped, so the
    timer fires again every :data:`REFIRE` seconds until the block is left.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    armed = [True]

    def expire(signum, frame):
        if armed[0]:
            signal.setitimer(signal.ITIMER_REAL, REFIRE)
            raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sections(text: str, limit: int) -> list[tuple[int, str]]:
    """``(offset, text)`` pieces of at most ``limit`` characters, cut after a
    paragraph break where there is one, else after a sentence, else a space.

    A long article is parsed and extracted a section at a time: spaCy refuses a
    text over ``nlp.max_length`` (1,000,000 characters), and its parser's memory
    grows faster than the text (a 900,000-character doc took 2.9 GB and 87 s;
    100,000-character sections, 0.5 GB and 55 s in all).
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        for separator in ("\n\n", ". ", " "):
            cut = text.rfind(separator, start, end)
            if cut > start:
                end = cut + len(separator)
                break
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def merge_sections(article: Article, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One extraction from those of an article's sections: offsets moved to the
    whole text, sentences numbered on, an entity found in several sections listed
    once (its first name and type, all its aliases)."""
    sentences, mentions, affiliations, events, relations = [], [], [], [], []
    entities: dict[str, Entity] = {}
    for offset, part in parts:
        first = len(sentences)
        sentences += [
            replace(
                s,
                index=s.index + first,
                start_char=s.start_char + offset,
                end_char=s.end_char + offset,
            )
            for s in part.sentences
        ]
        mentions += [
            replace(
                m,
                start_char=m.start_char + offset,
                end_char=m.end_char + offset,
                sentence=m.sentence + first,
            )
            for m in part.mentions
        ]
        affiliations += [
            a if a.sentence is None else replace(a, sentence=a.sentence + first)
            for a in part.affiliations
        ]
        events += [
            replace(
                e,
                sentence=e.sentence + first,
                start_char=e.start_char + offset,
                end_char=e.end_char + offset,
            )
            for e in part.events
        ]
        relations += [
            replace(
                r,
                sentence=r.sentence + first,
                head_span=(r.head_span[0] + offset, r.head_span[1] + offset),
                tail_span=(r.tail_span[0] + offset, r.tail_span[1] + offset),
            )
            for r in part.relations
        ]
        for entity in part.entities:
            known = entities.get(entity.key)
            if known is None:
                entities[entity.key] = entity
            else:
                aliases = tuple(dict.fromkeys(known.aliases + entity.aliases))
                entities[entity.key] = replace(known, aliases=aliases)
    model = parts[0][1].model if parts else ""
    return Extraction(
        article=article,
        sentences=tuple(sentences),
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        mentions=tuple(mentions),
        affiliations=tuple(affiliations),
        events=tuple(events),
        model=model,
        relations=tuple(relations),
        relation_threshold=parts[0][1].relation_threshold if parts else 0.0,
    )


def section_limit(nlp) -> int:
    return max(1, min(SECTION_CHARS, nlp.max_length))


def extract_long(
    nlp, resources, label: str, article: Article, timeout: float | None
) -> Extracted:
    """An article longer than one section: each section parsed and extracted on
    its own (so memory stays that of one section), the results merged; the whole
    article within one time budget. Never raises."""
    from kgextract.nlp.extract import extract

    try:
        with time_budget(timeout):
            parts = []
            for offset, text in sections(article.body, section_limit(nlp)):
                doc = nlp(text)
                parts.append((offset, extract(article, doc, resources, label)))
                del doc
            return built(merge_sections(article, parts), True)
    except ArticleTimeout:
        return timed_out(article, timeout or 0)
    except Exception as err:  # noqa: BLE001 - one bad article must not stop a run
        return failed(article, "extraction failed", err)


def _extract_parsed(
    item, doc, resources, label: str, timeout: float | None
) -> tuple[Extracted, list[str]]:
    article, older, should = item
    try:
        with time_budget(timeout):
            return extract_article(article, doc, should, resources, label), older
    except ArticleTimeout:
        return timed_out(article, timeout or 0), older


def _extract_alone(
    nlp, resources, label: str, item, timeout: float | None
) -> tuple[Extracted, list[str]]:
    """One article parsed and extracted by itself, within its own budget: how a
    batch that failed or ran out of time finds which article it was."""
    article, older, should = item
    try:
        with time_budget(timeout):
            doc = nlp(article.body if should else "")
            return extract_article(article, doc, should, resources, label), older
    except ArticleTimeout:
        return timed_out(article, timeout or 0), older
    except Exception as err:  # noqa: BLE001 - one bad article must not stop a run
        return failed(article, "parsing failed", err), older


def _chunks(items: Iterable[tuple], batch_size: int, limit: int) -> Iterator[list]:
    """Consecutive items in batches of ``batch_size``; an article longer than one
    section is a batch of its own (it is parsed by sections)."""
    chunk: list = []
    for item in items:
        article, _, should = item
        if should and len(article.body) > limit:
            if chunk:
                yield chunk
                chunk = []
            yield [item]
            continue
        chunk.append(item)
        if len(chunk) >= batch_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_tasks(
    nlp,
    resources,
    label: str,
    tasks: Iterable[Task],
    batch_size: int,
    timeout: float | None = None,
) -> Iterator[tuple[Extracted, list[str]]]:
    """``(Extracted, older ids)`` for each task, in order; never raises for an
    article's sake.

    Articles are parsed ``batch_size`` at a time by ``nlp.pipe``, as fast as
    spaCy goes, within ``timeout`` seconds per article of the batch. If the batch
    raises or runs out of time, its articles are parsed again one by one, each
    within its own ``timeout``, so the one at fault fails alone and the others go
    on. Each extraction gets ``timeout`` too. An article longer than one section
    (:data:`SECTION_CHARS`) is parsed by sections (:func:`extract_long`).

    An article the pipeline does not read is passed through ``nlp`` as an empty
    text: it keeps its place in the stream at no parsing cost.
    """
    limit = section_limit(nlp)
    items = (
        (article, older, reads_language(article, nlp.lang)) for article, older in tasks
    )
    for chunk in _chunks(items, batch_size, limit):
        article, older, should = chunk[0]
        if len(chunk) == 1 and should and len(article.body) > limit:
            yield extract_long(nlp, resources, label, article, timeout), older
            continue
        texts = [article.body if should else "" for article, _, should in chunk]
        try:
            with time_budget(timeout * len(chunk) if timeout else None):
                docs = list(nlp.pipe(texts, batch_size=batch_size))
        except (ArticleTimeout, Exception):  # noqa: BLE001 - found one by one below
            for item in chunk:
                yield _extract_alone(nlp, resources, label, item, timeout)
            continue
        for item, doc in zip(chunk, docs, strict=True):
            yield _extract_parsed(item, doc, resources, label, timeout)


def extract_batch(
    nlp,
    resources,
    label: str,
    batch: list[Article],
    batch_size: int,
    timeout: float | None = None,
) -> list[tuple[Extracted, bytes]]:
    """A worker's batch: each result with its quads as N-Quads bytes, which travel
    far faster than pickled term objects and which the store bulk-loads as they are.
    """
    results = []
    tasks = ((article, []) for article in batch)
    for extracted, _ in extract_tasks(
        nlp, resources, label, tasks, batch_size, timeout
    ):
        data = serialize(extracted.quads, format=RdfFormat.N_QUADS) or b""
        results.append((replace(extracted, quads=[]), data))
    return results
