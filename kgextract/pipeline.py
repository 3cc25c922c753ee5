"""Wires the stages: readers -> spaCy -> extractors -> graph -> store.

Articles stream through ``nlp.pipe`` in batches and into the store in transactions
of many articles; nothing holds the whole corpus. A bad article is reported and
skipped, the others still go in; an article is never half-written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import queries
from .errors import InputError, KgExtractError
from .graph import article_quads
from .model import Article, Extraction
from .readers import iter_articles
from .store import Store
from .vocab import article_iri


@dataclass
class Report:
    """What one ingest did, for the CLI to print and for `stats`."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: list[KgExtractError] = field(default_factory=list)
    events: int = 0
    entities: int = 0
    not_extracted: int = 0  # stored, but in a language the pipeline does not read

    @property
    def ok(self) -> bool:
        return not self.failed


_WORD = re.compile(r"[^\W\d_]+")
ProgressCallback = Callable[[str, Article | KgExtractError], None]


def _fail(
    report: Report, on_item: ProgressCallback | None, err: KgExtractError
) -> None:
    report.failed.append(err)
    if on_item:
        on_item("failed", err)


def _select_new(
    items: Iterable[Article | KgExtractError],
    store: Store,
    report: Report,
    force: bool,
    on_item: ProgressCallback | None,
    language: str,
) -> Iterator[tuple[str, tuple[Article, list[str], bool]]]:
    """Drop unchanged articles (same content hash already stored) and report errors.

    Yields (text for the NLP pipeline, (article, ids of older versions from the same
    source to replace, whether to extract)). An article in another language than the
    pipeline's is stored with its text but not extracted: an English model reading
    German finds nonsense entities, and a wrong node is worse than a missing one.
    """
    seen: set[str] = set()
    for item in items:
        if isinstance(item, KgExtractError):
            _fail(report, on_item, item)
            continue
        if item.id in seen or (not force and store.has_article(item.id)):
            report.skipped += 1
            seen.add(item.id)
            if on_item:
                on_item("skipped", item)
            continue
        seen.add(item.id)
        if not item.body.strip():
            # A feed item or a file with only a headline: the headline is the text.
            item = replace(item, body=item.headline)
        if not item.body.strip():
            _fail(report, on_item, InputError(item.source, "no article text"))
            continue
        older = [
            old
            for old in queries.article_ids_from_source(store, item.source)
            if old != item.id
        ]
        extract = _language_matches(item, language)
        yield (item.body if extract else ""), (item, older, extract)


def _language_matches(article: Article, pipeline_language: str) -> bool:
    """Whether the pipeline reads the article's language.

    The declared language (HTML ``lang``, a feed's language) decides. Plain text and
    many feeds declare none; for an English pipeline, text where English function
    words are rare is not English (they are ~40 % of English running text, under 10 %
    of German or Portuguese).
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


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    nlp,
    *,
    force: bool = False,
    batch_size: int = 32,
    commit_every: int = 64,
    on_item: ProgressCallback | None = None,
) -> Report:
    """Read, extract and store every article under ``paths``.

    ``force`` re-extracts articles whose content is already stored. An older version
    of a changed file (same source, different text) is replaced.
    """
    from .extractors import extract, load_resources
    from .extractors.nlp import pipeline_label

    resources = load_resources()
    model = pipeline_label(nlp)
    report = Report()
    pending: list[tuple[str, list]] = []
    stale: list[str] = []

    def commit() -> None:
        if pending or stale:
            for old in stale:
                store.remove_article(old)
            store.add_articles(pending)
            pending.clear()
            stale.clear()

    new = _select_new(iter_articles(paths), store, report, force, on_item, nlp.lang)
    batches = nlp.pipe(new, as_tuples=True, batch_size=batch_size)
    for doc, (article, older, should_extract) in batches:
        try:
            if should_extract:
                extraction = extract(article, doc, resources, model)
            else:
                extraction = Extraction(article=article, model=model)
                report.not_extracted += 1
            quads = article_quads(extraction)
        except Exception as err:  # noqa: BLE001 - one bad article must not stop a run
            _fail(
                report,
                on_item,
                InputError(article.source, f"extraction failed ({err!r:.200})"),
            )
            continue
        pending.append((article_iri(article.id), quads))
        stale.extend(older)
        if older or (force and store.has_article(article.id)):
            report.replaced += 1
        else:
            report.added += 1
        report.events += len(extraction.events)
        report.entities += len(extraction.entities)
        if on_item:
            on_item("added", article)
        if len(pending) >= commit_every:
            commit()
    commit()
    return report
