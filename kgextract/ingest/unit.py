"""The unit of work: one article through NLP and the graph builder, never raising.

Every engine (this process, ``--jobs`` workers, Dask workers) runs exactly this, so
all of them write the same graph. It imports neither the engines nor the
orchestrator: they import it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from pyoxigraph import RdfFormat, serialize

from kgextract.graph.build import RDFS_LABEL, article_quads
from kgextract.graph.iris import is_entity_iri
from kgextract.model import Article, Extraction

# What the orchestrator hands an engine: a new article and the ids of the older
# versions from the same source that it replaces.
Task = tuple[Article, list[str]]

_WORD = re.compile(r"[^\W\d_]+")


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
        quads = article_quads(extraction)
        return Extracted(
            article=article,
            quads=quads,
            labelled=tuple(
                {
                    quad.subject.value
                    for quad in quads
                    if quad.predicate == RDFS_LABEL
                    and is_entity_iri(quad.subject.value)
                }
            ),
            events=len(extraction.events),
            entities=len(extraction.entities),
            extracted=should_extract,
        )
    except Exception as err:  # noqa: BLE001 - one bad article must not stop a run
        return Extracted(article=article, error=f"extraction failed ({err!r:.200})")


def extract_tasks(
    nlp, resources, label: str, tasks: Iterable[Task], batch_size: int
) -> Iterator[tuple[Extracted, list[str]]]:
    """``(Extracted, older ids)`` for each task, in order, parsed by ``nlp.pipe``.

    An article the pipeline does not read is passed through ``nlp`` as an empty
    text: it keeps its place in the stream at no parsing cost.
    """
    items = (
        (article.body if should else "", (article, older, should))
        for article, older in tasks
        for should in [reads_language(article, nlp.lang)]
    )
    for doc, (article, older, should) in nlp.pipe(
        items, as_tuples=True, batch_size=batch_size
    ):
        yield extract_article(article, doc, should, resources, label), older


def extract_batch(
    nlp, resources, label: str, batch: list[Article], batch_size: int
) -> list[tuple[Extracted, bytes]]:
    """A worker's batch: each result with its quads as N-Quads bytes, which travel
    far faster than pickled term objects and which the store bulk-loads as they are.
    """
    results = []
    tasks = ((article, []) for article in batch)
    for extracted, _ in extract_tasks(nlp, resources, label, tasks, batch_size):
        data = serialize(extracted.quads, format=RdfFormat.N_QUADS) or b""
        results.append((replace(extracted, quads=[]), data))
    return results
