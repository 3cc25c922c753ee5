"""Wires the stages: readers -> spaCy -> extractors -> graph -> store.

Articles stream through ``nlp.pipe`` in batches and into the store in transactions
of many articles; nothing holds the whole corpus. A bad article is reported and
skipped, the others still go in; an article is never half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import queries
from .errors import InputError, KgExtractError
from .graph import article_quads
from .model import Article
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

    @property
    def ok(self) -> bool:
        return not self.failed


ProgressCallback = Callable[[str, Article | KgExtractError], None]


def _select_new(
    items: Iterable[Article | KgExtractError],
    store: Store,
    report: Report,
    force: bool,
    on_item: ProgressCallback | None,
) -> Iterator[tuple[str, tuple[Article, list[str]]]]:
    """Drop unchanged articles (same content hash already stored) and report errors.

    Yields (body, (article, ids of older versions from the same source to replace)).
    """
    seen: set[str] = set()
    for item in items:
        if isinstance(item, KgExtractError):
            report.failed.append(item)
            if on_item:
                on_item("failed", item)
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
            report.failed.append(InputError(item.source, "no article text"))
            continue
        older = [
            old
            for old in queries.article_ids_from_source(store, item.source)
            if old != item.id
        ]
        yield item.body, (item, older)


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

    new = _select_new(iter_articles(paths), store, report, force, on_item)
    for doc, (article, older) in nlp.pipe(new, as_tuples=True, batch_size=batch_size):
        try:
            extraction = extract(article, doc, resources, model)
            quads = article_quads(extraction)
        except Exception as err:  # noqa: BLE001 - one bad article must not stop a run
            failure = InputError(article.source, f"extraction failed ({err!r:.200})")
            report.failed.append(failure)
            if on_item:
                on_item("failed", failure)
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
