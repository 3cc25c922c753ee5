"""Wires the stages: readers -> spaCy -> extractors -> graph -> store.

Articles stream through ``nlp.pipe`` in batches and into the store in transactions
of many articles; nothing holds the whole corpus. A bad article is reported and
skipped, the others still go in; an article is never half-written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph

from kgextract.errors import InputError, KgExtractError
from kgextract.graph.iris import article_id_of, article_iri
from kgextract.ingest.engines import EngineOptions, engines
from kgextract.ingest.unit import DEFAULT_ARTICLE_TIMEOUT, Extracted, Task
from kgextract.model import Article
from kgextract.query import named as queries
from kgextract.readers import iter_articles
from kgextract.store.base import GraphStore
from kgextract.store.consolidate import vote_types
from kgextract.store.embedded import Store

__all__ = ["Removed", "Report", "commit_size", "ingest", "remove", "vote_types"]

# At most this many failures are listed in an ingest's log record (all are counted).
MAX_LOGGED_FAILURES = 1000


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


ProgressCallback = Callable[[str, Article | KgExtractError], None]


def _fail(
    report: Report, on_item: ProgressCallback | None, err: KgExtractError
) -> None:
    report.failed.append(err)
    if on_item:
        on_item("failed", err)


def _select_new(
    items: Iterable[Article | KgExtractError],
    store: GraphStore,
    report: Report,
    force: bool,
    on_item: ProgressCallback | None,
) -> Iterator[Task]:
    """Drop unchanged articles (same content hash already stored) and report errors.

    Yields (article, ids of older versions from the same source to replace).
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
        yield item, older


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    nlp=None,
    *,
    force: bool = False,
    batch_size: int = 32,
    commit_every: int | None = None,
    on_item: ProgressCallback | None = None,
    jobs: int = 1,
    model: str | None = None,
    aliases: tuple[Path, ...] = (),
    engine: str = "local",
    scheduler: str | None = None,
    spill: Path | None = None,
    default_date: str | None = None,
    article_timeout: float | None = DEFAULT_ARTICLE_TIMEOUT,
) -> Report:
    """Read, extract and store every article under ``paths``.

    ``force`` re-extracts articles whose content is already stored. An older version
    of a changed file (same source, different text) is replaced. ``jobs`` > 1 parses
    in that many worker processes (forked from this one where the platform allows,
    else spawned, each loading the pipeline ``model`` by the same name resolution as
    :func:`~kgextract.nlp.pipelines.load_pipeline`). ``engine="dask"`` parses on
    the Dask cluster at ``scheduler`` (or a local one of ``jobs`` workers), whose
    workers write per-partition N-Quads to ``spill`` when given. Either way this
    process stays the only writer, unchanged articles are skipped before any worker
    sees them, and the graph is the same as with one process. ``aliases`` are the
    user's gazetteer files, as given to ``load_pipeline``.

    ``commit_every`` articles go to the store in one write (see
    :func:`commit_size`). Any exception while reading, parsing, extracting or
    building one article fails that article only (reported, and logged with its
    cause); so does taking longer than ``article_timeout`` seconds (None: no
    limit). The rest are stored.

    ``default_date`` (ISO 8601) is the date of articles that state none: a corpus
    of undated files (BBC News 2004–05) read as of its time.

    ``nlp`` is a loaded spaCy pipeline, or None to load ``model`` when the first
    article that needs extraction comes: a run that finds nothing new never loads
    it (about 2 s of a re-ingest).
    """
    run = engines.get(engine)
    if aliases:
        # The user's gazetteer files are checked before anything is read: a broken
        # one stops the run with its own message, not one failure per article.
        from kgextract.knowledge.gazetteer import load_gazetteer

        load_gazetteer(tuple(aliases))
    options = EngineOptions(
        jobs=jobs,
        model=model,
        aliases=tuple(aliases),
        batch_size=batch_size,
        scheduler=scheduler,
        spill=spill,
        article_timeout=article_timeout or None,
    )
    report = Report()
    started, clock = datetime.now(timezone.utc), time.perf_counter()
    paths = [str(path) for path in paths]
    if commit_every is None:
        commit_every = commit_size(jobs, engine, store)
    run_id = store.begin_run(
        {
            "command": "ingest",
            "started": started.isoformat(timespec="seconds"),
            "paths": paths,
            "articles_before": store.count_articles(),
        }
    )
    writer = _Writer(store, report, force, commit_every, on_item)
    items = iter_articles(paths)
    if default_date:
        items = (
            replace(item, date=default_date)
            if isinstance(item, Article) and not item.date
            else item
            for item in items
        )
    new = _select_new(items, store, report, force, on_item)
    status, error = "interrupted", None
    try:
        try:
            for result in run(new, _pipeline(nlp, model, tuple(aliases)), options):
                if isinstance(result, tuple):
                    writer.add(*result)
                else:
                    writer.add_file(result.path, result.items)
            writer.commit()
        finally:
            writer.close()
        status = "complete"
    except KeyboardInterrupt:
        raise
    except BaseException as err:
        status, error = "failed", " ".join(str(err).split()) or type(err).__name__
        raise
    finally:
        _end_run(store, run_id, status, error, report, clock)
    return report


def _end_run(
    store: GraphStore,
    run_id: str | None,
    status: str,
    error: str | None,
    report: Report,
    clock: float,
) -> None:
    """Log the run's end: its counts and each failure with its cause. A run cut
    short by an error is logged as failed, with the error; if even that cannot be
    written (a full disk), the error that stopped the run is the one reported, and
    the next open logs the run as interrupted."""
    record = {
        "status": status,
        "seconds": round(time.perf_counter() - clock, 1),
        "added": report.added,
        "replaced": report.replaced,
        "skipped": report.skipped,
        "failed": len(report.failed),
        "not_extracted": report.not_extracted,
        "events": report.events,
        "failures": [_failure(err) for err in report.failed[:MAX_LOGGED_FAILURES]],
    }
    if error is not None:
        record["error"] = error
    try:
        record["articles"] = store.count_articles()
        store.end_run(run_id, record)
    except KgExtractError:
        if status == "complete":
            raise


def _failure(err: KgExtractError) -> dict:
    if isinstance(err, InputError):
        return {"source": err.path, "cause": err.cause}
    return {"source": "", "cause": str(err)}


def _pipeline(nlp, model: str | None, aliases: tuple[Path, ...]) -> Callable:
    """The engines' way to the spaCy pipeline: ``nlp`` as given, or loaded on the
    first call (spaCy is imported then, not before)."""

    def pipeline():
        if nlp is not None:
            return nlp
        from kgextract.nlp.pipelines import load_pipeline

        return load_pipeline(model, aliases)

    return pipeline


def commit_size(jobs: int, engine: str, store: GraphStore) -> int:
    """Articles per store write: 512 into the embedded store when workers parse,
    else 64.

    Every bulk load leaves one new file per index for RocksDB to merge later, and
    that merging rewrites what is already stored, so its cost grows with the store
    and with the number of loads. With one process it runs on the otherwise idle
    second core and small writes keep memory low; with workers it takes CPU from
    them: on the full BBC corpus with ``--jobs 2``, writes of 512 articles instead
    of 64 cut the parent's CPU time from 30 s to 17.5 s and the run from 128 s to
    120 s (benchmarks/RESULTS.md). 512 articles are ~45 MB of N-Quads in flight.
    A remote store keeps 64: each write is one UPDATE request, and servers limit
    their size (Virtuoso's SPARQL text, proxies' request bodies).
    """
    parallel = engine != "local" or jobs > 1
    return 512 if parallel and isinstance(store, Store) else 64


class _Writer:
    """Collects extracted articles and commits them to the store many at a time."""

    def __init__(
        self,
        store: GraphStore,
        report: Report,
        force: bool,
        commit_every: int,
        on_item: ProgressCallback | None,
    ) -> None:
        self.store = store
        self.report = report
        self.force = force
        self.commit_every = commit_every
        self.on_item = on_item
        self.pending: list[tuple[str, list | bytes]] = []
        self.labelled: set[str] = set()
        self.stale: list[str] = []
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="kgextract-writer")
        self.writing: Future | None = None

    def add(self, extracted: Extracted, older: list[str]) -> None:
        if self._count(extracted, older):
            self.pending.append(
                (
                    article_iri(extracted.article.id),
                    extracted.nquads or extracted.quads,
                )
            )
            self.labelled.update(extracted.labelled)
            self.stale.extend(older)
            if len(self.pending) >= self.commit_every:
                self.commit()

    def add_file(self, path: Path, items: list[tuple[Extracted, list[str]]]) -> None:
        """A partition spilled to an N-Quads file: one bulk load, then the file goes.

        What is pending goes first, so the store is written in input order.
        """
        counted = [older for extracted, older in items if self._count(extracted, older)]
        self.commit()
        self.wait()
        self.store.remove_articles(old for older in counted for old in older)
        if counted:
            labelled = {
                entity for extracted, _ in items for entity in extracted.labelled
            }
            self.store.load(path, labelled=labelled)
        path.unlink(missing_ok=True)

    def _count(self, extracted: Extracted, older: list[str]) -> bool:
        """Report one article; False when it failed (and is not to be stored)."""
        article, report = extracted.article, self.report
        if extracted.error is not None:
            _fail(report, self.on_item, InputError(article.source, extracted.error))
            return False
        if older or (self.force and self.store.has_article(article.id)):
            report.replaced += 1
        else:
            report.added += 1
        if not extracted.extracted:
            report.not_extracted += 1
        report.events += extracted.events
        report.entities += extracted.entities
        if self.on_item:
            self.on_item("added", article)
        return True

    def commit(self) -> None:
        """Hand what is pending to the writer thread, once the batch before it is in.

        The store's work (RocksDB's bulk load, the clean-up queries) runs outside
        the GIL, so it overlaps with spaCy parsing the next batch instead of adding
        to it. One batch at a time: the order is kept and memory stays bounded.
        """
        if not (self.pending or self.stale):
            return
        self.wait()
        batch, labelled, stale = self.pending, self.labelled, self.stale
        self.pending, self.labelled, self.stale = [], set(), []
        self.writing = self.thread.submit(self._write, batch, labelled, stale)

    def _write(self, batch: list, labelled: set[str], stale: list[str]) -> None:
        """One journaled unit: the stale versions, the batch and the entity
        clean-up go in together, or a crash is undone (or finished) on next open."""
        self.store.write_articles(batch, stale=stale, labelled=labelled)

    def wait(self) -> None:
        """Until the batch in the writer thread is stored; its error is raised here."""
        writing, self.writing = self.writing, None
        if writing is not None:
            writing.result()

    def close(self) -> None:
        """Finish the write in flight, even on an interrupt: a batch is all in or
        (journaled) dropped, never left half-written by an abandoned thread."""
        try:
            self.wait()
        finally:
            self.thread.shutdown(wait=True)


@dataclass(frozen=True, slots=True)
class Removed:
    """One article dropped by :func:`remove`, for the CLI to report."""

    article_id: str
    source: str
    headline: str
    quads: int


def remove(store: GraphStore, target: str) -> list[Removed]:
    """Drop the articles named by ``target``: an article id or IRI, or the source
    (path, URL) they were read from; every article of a JSON Lines or feed file
    (sources ``path#…``) goes with its file. Any text is accepted: a path with
    spaces, quotes or newlines is looked up as a source, never made into an IRI.

    Each article is its own graph, and facts about shared entities are repeated in
    every article that states them, so dropping the graph removes exactly what was
    derived only from that article. All of them go in one update (a crash drops
    all or none), and the removal is logged for ``stats --ingests`` and ``check``.
    Raises :class:`InputError` when nothing matches.
    """
    article_id = article_id_of(target)
    if article_id is not None and store.has_article(article_id):
        ids = [article_id]
    else:
        ids = queries.article_ids_from_source(store, target)
        ids += [i for i in _ids_from_file(store, target) if i not in ids]
    if not ids:
        raise InputError(target, "no article with this id or source in the store")
    started, clock = datetime.now(timezone.utc), time.perf_counter()
    run_id = store.begin_run(
        {
            "command": "remove",
            "started": started.isoformat(timespec="seconds"),
            "paths": [target],
            "articles_before": store.count_articles(),
        }
    )
    described = {found: _describe(store, found) for found in ids}
    gone = set(store.remove_articles(ids))
    removed = [Removed(found, *described[found]) for found in ids if found in gone]
    store.end_run(
        run_id,
        {
            "seconds": round(time.perf_counter() - clock, 1),
            "removed": len(removed),
            "articles": store.count_articles(),
        },
    )
    return removed


def _ids_from_file(store: GraphStore, path: str) -> list[str]:
    """Articles read from records of ``path`` (``path#line 3``, ``path#entry 2``)."""
    prefix = str(pyoxigraph.Literal(path + "#"))
    rows = store.query(
        "SELECT DISTINCT ?article WHERE { ?article a kg:Article ; kg:source ?source "
        f"FILTER(STRSTARTS(?source, {prefix})) }}"
    )
    return sorted(article_id_of(row["article"].value) for row in rows)


def _describe(store: GraphStore, article_id: str) -> tuple[str, str, int]:
    """Source, headline and quad count of a stored article, before it is dropped."""
    graph = f"<{article_iri(article_id)}>"
    rows = store.query(
        "SELECT (COUNT(*) AS ?n) (SAMPLE(?s) AS ?source) (SAMPLE(?h) AS ?headline) "
        f"WHERE {{ GRAPH {graph} {{ ?x ?p ?y }} "
        f"OPTIONAL {{ GRAPH {graph} {{ {graph} kg:source ?s }} }} "
        f"OPTIONAL {{ GRAPH {graph} {{ {graph} schema:headline ?h }} }} }}"
    )
    for row in rows:
        return (
            row["source"].value if row["source"] is not None else "",
            row["headline"].value if row["headline"] is not None else "",
            int(row["n"].value),
        )
    return "", "", 0
