"""The on-disk knowledge graph: one pyoxigraph database, one named graph per article.

Layout of a store directory::

    DIR/kgextract.json    marker: format, version, created, kgextract version
    DIR/oxigraph/         the pyoxigraph (RocksDB) database
    DIR/ingests.jsonl     what each write command did (stats --ingests, check)
    DIR/pending.json      the journal, only while a write is under way

Queries see the union of all graphs as the default graph, so ``?s ?p ?o`` spans
every article; ``GRAPH ?g`` still reaches one article's graph.

What pyoxigraph allows (0.5, measured): one read-write instance per directory; a
second one, in this process or another, fails on RocksDB's LOCK file, reported here
as "locked". A read-only instance opens while a writer holds the lock and sees the
data as of the moment it opened (later writes stay invisible to it). pyoxigraph
calls reading while another instance writes "undefined behaviour", and it is: a
read-only open racing the writer's flush or compaction can fail with RocksDB
"Corruption ... No such file". The open is retried for about a second, then
reported as "cannot read the store ... another process is writing to it". Queries
and exports should open read-only; beside a running ingest they usually work.

What survives a crash (SIGKILL at any point, measured by tests/test_crash.py): each
write is a journaled unit (:meth:`Store._write_journaled`); the next read-write open
rolls back a write that was not in, or finishes the clean-up of one that was, and
logs the killed command as interrupted. A damaged directory (no ``CURRENT``, a
missing data file) is refused before RocksDB can mistake it for a new database
(:mod:`~kgextract.store.files`).
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from kgextract import __version__
from kgextract.errors import QueryError, StoreError
from kgextract.graph import vocab
from kgextract.graph.build import KG_CONTENT_HASH
from kgextract.graph.iris import article_iri, is_article_iri
from kgextract.store.base import (
    ArticleQuads,
    GraphStore,
    QueryResults,
    checked_quads,
    one_line,
    quad_data,
    quads_format,
    quads_of,
    rdf_prefixes,
    scan_quads_file,
    storage_error,
)
from kgextract.store.files import database_problems, has_data_files

MARKER = "kgextract.json"
INGEST_LOG = "ingests.jsonl"  # one line per ingest run, beside the database
DATABASE = "oxigraph"
PENDING = "pending.json"
FORMAT = "kgextract-store"
FORMAT_VERSION = 1

# Above this many quads add_articles takes the bulk loader: ~3x faster than a
# transaction (2,000 articles x 316 quads: 4 s instead of 12 s), made all-or-nothing
# by the pending.json journal instead.
BULK_THRESHOLD = 5_000

READ_ONLY_RETRIES = (0.05, 0.1, 0.2, 0.4)  # seconds between read-only open attempts


class Store(GraphStore):
    """The embedded store: a directory with a marker file and a pyoxigraph database."""

    def __init__(self, path: Path, db: pyoxigraph.Store, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._db: pyoxigraph.Store | None = db

    @classmethod
    def open(
        cls, path: str | Path, *, create: bool = False, read_only: bool = False
    ) -> Store:
        """Open the store at ``path``; with ``create``, make it if it is missing.

        Refuses, with a :class:`StoreError` naming the directory: a missing store
        (unless ``create``), a file, a non-empty directory without a marker (so that
        ``--store ~/Documents`` never writes into someone's files), a marker from an
        unknown or newer format, a locked or corrupt database.
        """
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: is a file, not a kgextract store directory")
        marker = path / MARKER
        is_new = not marker.exists()
        database = path / DATABASE
        if is_new:
            if looks_like_store(path):
                raise StoreError(
                    f"{path}: the store's {MARKER} is missing, but its database is "
                    f"still there; run `kgextract check --repair --store {path}` to "
                    "write the marker back"
                )
            is_empty = not path.exists() or not any(path.iterdir())
            if not is_empty:
                raise StoreError(
                    f"{path}: not a kgextract store (no {MARKER}) and not empty; "
                    "choose another directory"
                )
            if not create or read_only:
                raise StoreError(
                    f"{path}: no kgextract store here; run `kgextract ingest` first"
                )
            _write_marker(path)
        _check_marker(marker)
        if not is_new:
            refuse_damaged(path)
        db = _open_database(path, database, read_only=read_only)
        store = cls(path, db, read_only=read_only)
        if not read_only:
            store._recover()
            store.install_vocabulary()
        return store

    # -- reads -------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        graph = NamedNode(article_iri(article_id))
        return self._call(self._store.contains_named_graph, graph)

    def article_hash(self, article_id: str) -> str | None:
        graph = NamedNode(article_iri(article_id))
        for quad in self._call(
            self._store.quads_for_pattern, graph, KG_CONTENT_HASH, None, graph
        ):
            return quad.object.value
        return None

    def query(self, sparql: str, *, union: bool = True) -> QueryResults:
        """Run a SPARQL query over the union of all graphs (``union=False``: only the
        default graph, which kgextract leaves empty).

        Errors found while iterating a lazily evaluated result surface as
        ``OSError``/``RuntimeError`` from pyoxigraph; parse errors are caught here.
        """
        try:
            return self._store.query(
                sparql, prefixes=vocab.PREFIXES, use_default_graph_as_union=union
            )
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL query: {one_line(err)}") from None
        except (OSError, RuntimeError) as err:
            raise StoreError(f"{self.path}: query failed: {one_line(err)}") from None

    def count_quads(self) -> int:
        return self._call(len, self._store)

    def graph_names(self) -> list[str]:
        return [g.value for g in self._call(lambda: list(self._store.named_graphs()))]

    def count_articles(self) -> int:
        """Graphs named by an article IRI, complete or not (one index scan)."""
        return sum(1 for graph in self.graph_names() if is_article_iri(graph))

    def dump(self, out: BinaryIO, format: RdfFormat, *, union: bool = False) -> None:
        """Stream to ``out``; ``union=True`` for triple formats such as Turtle.

        The union is a CONSTRUCT over the union default graph, serialized as it is
        evaluated: pyoxigraph drops repeated triples with a set it empties after 2^20
        entries, so memory stays bounded and, past a million distinct triples, a
        triple shared by many articles may be written more than once (the same RDF
        graph). The dataset dump needs no dedup: a quad is stored once.
        """
        try:
            if union:
                triples = self._store.query(
                    "CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True
                )
                pyoxigraph.serialize(
                    triples, out, format, prefixes=rdf_prefixes(format)
                )
            else:
                self._store.dump(out, format, prefixes=rdf_prefixes(format))
        except BrokenPipeError:
            raise  # the reader left (`export | head`): the CLI ends quietly
        except (OSError, RuntimeError) as err:
            raise storage_error(self.path, err, "exporting") from None

    # -- writes ------------------------------------------------------------------

    def replace_article(self, article_iri: str, quads: Iterable[Quad]) -> None:
        """One transaction: readers see the old graph or the new one, never a mix.

        A new article is one ``extend`` (transactional); replacing a stored one is a
        single SPARQL UPDATE (DROP + INSERT DATA), pyoxigraph's only multi-operation
        transaction.
        """
        quads = checked_quads(quads)
        graph = NamedNode(article_iri)
        if self._call(self._writable().contains_named_graph, graph):
            self._replace_graphs([graph], quads)
        else:
            self._call(self._writable().extend, quads)

    def add_articles(self, batch: list[tuple[str, ArticleQuads]]) -> None:
        """Many articles at once: all of the batch is stored, or (after a crash)
        none; see :meth:`write_articles`."""
        self.write_articles(batch)

    def _write_journaled(
        self,
        batch: list[tuple[str, ArticleQuads]],
        stale: list[str],
        labelled: list[str],
    ) -> None:
        """The journal ``pending.json`` names the batch's graphs while they are
        written (phase ``writing``: the next read-write open drops them, so a
        half-written article is never taken for an ingested one), then the entities
        to clean up once they are in (phase ``written``: the next open finishes the
        clean-up). Each phase replaces the file whole (a temporary file, fsync,
        rename), so a crash leaves one phase or the other.

        Small batches are one transaction. Big ones go through pyoxigraph's bulk
        loader, which is ~3x faster but not transactional: the journal is what
        makes them all or nothing.
        """
        if not (batch or stale):
            return
        db = self._writable()
        graphs = [NamedNode(iri) for iri, _ in batch]
        pending = self.path / PENDING
        _write_json(
            pending,
            {
                "phase": "writing",
                "graphs": [g.value for g in graphs],
                "labelled": labelled,
            },
            durable=True,
        )
        if stale:
            self._drop_graphs([NamedNode(article_iri(old)) for old in stale])
        existing = [g for g in graphs if self._call(db.contains_named_graph, g)]
        size = sum(
            part.count(b"\n") if isinstance(part, bytes) else len(part)
            for _, part in batch
        )
        if size < BULK_THRESHOLD:
            quads = quads_of(batch)
            if existing:
                self._replace_graphs(existing, quads)
            elif quads:
                self._call(db.extend, quads)
        else:
            if existing:
                self._drop_graphs(existing)
            # bulk_load from bytes, not bulk_extend: it lets go of the GIL while
            # RocksDB ingests, so `--jobs` workers' results keep being collected
            # meanwhile (bulk_extend holds it for the whole load, seconds on a big
            # store).
            data = b"".join(
                part
                if isinstance(part, bytes)
                else pyoxigraph.serialize(checked_quads(part), format=RdfFormat.N_QUADS)
                or b""
                for _, part in batch
            )
            self._call(lambda: db.bulk_load(data, format=RdfFormat.N_QUADS))
            self._call(db.flush)
        self._mark_written(labelled)

    def _mark_written(self, labelled: list[str]) -> None:
        pending = self.path / PENDING
        if labelled:
            _write_json(
                pending, {"phase": "written", "labelled": labelled}, durable=True
            )
        else:
            _remove(pending)

    def _pending_clean_up(self) -> list[str] | None:
        journal = self._journal()
        if journal is None or journal.get("phase") != "written":
            return None
        return [str(iri) for iri in journal.get("labelled", [])]

    def _clear_journal(self) -> None:
        _remove(self.path / PENDING)

    def _journal(self) -> dict | None:
        pending = self.path / PENDING
        if not pending.exists():
            return None
        try:
            journal = json.loads(pending.read_text(encoding="utf-8"))
            if not isinstance(journal, dict):
                raise TypeError("not a JSON object")
            return journal
        except (OSError, ValueError, TypeError) as err:
            raise StoreError(
                f"{pending}: unreadable journal ({one_line(err)}); run `kgextract "
                f"check --repair --store {self.path}`"
            ) from None

    def record_ingest(self, run: dict) -> None:
        """One finished run, appended to ``ingests.jsonl`` (see :meth:`end_run`)."""
        self.end_run(None, run)

    def begin_run(self, record: dict) -> str | None:
        """Append the run's start, with this process's id: :meth:`ingests` shows a
        start without an end as running while the process lives, and as interrupted
        once it is gone (the next read-write open writes that down)."""
        run_id = uuid.uuid4().hex[:12]
        self._log(
            {
                "id": run_id,
                "status": "running",
                "pid": os.getpid(),
                "host": socket.gethostname(),
                **record,
            }
        )
        return run_id

    def end_run(self, run_id: str | None, record: dict) -> None:
        """Append how the run ended; ``record["status"]`` defaults to complete."""
        line = {"status": "complete", **record}
        if run_id is not None:
            line = {"id": run_id, **line}
        self._log(line)

    def _log(self, line: dict) -> None:
        """One JSON line appended to ``ingests.jsonl``. A line cut short by a crash
        is skipped when read, and the next line starts on a line of its own."""
        self._writable()  # refuses a read-only store
        log_path = self.path / INGEST_LOG
        try:
            with open(log_path, "a+b") as log:
                starts_line = log.tell() == 0
                if not starts_line:
                    log.seek(-1, os.SEEK_END)
                    starts_line = log.read(1) == b"\n"
                text = json.dumps(line, ensure_ascii=False) + "\n"
                log.write((text if starts_line else "\n" + text).encode("utf-8"))
        except OSError as err:
            raise storage_error(log_path, err, "writing the ingest log") from None

    def ingests(self) -> list[dict]:
        """The runs, oldest first, each line of a run merged into one record. A run
        that started but never ended is ``running`` while its process lives on this
        machine, else ``interrupted``."""
        try:
            lines = (self.path / INGEST_LOG).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as err:
            raise StoreError(
                f"{self.path / INGEST_LOG}: unreadable: {one_line(err)}"
            ) from None
        runs: dict[object, dict] = {}
        for number, line in enumerate(lines):
            try:
                run = json.loads(line)
            except ValueError:
                continue
            if not isinstance(run, dict):
                continue
            key = run.get("id") or f"line {number}"
            runs[key] = {**runs.get(key, {}), **run}
        here = socket.gethostname()
        for run in runs.values():
            run.setdefault("status", "complete")
            if run["status"] == "running" and not (
                run.get("host") == here and _is_alive(run.get("pid"))
            ):
                run["status"] = "interrupted"
        return list(runs.values())

    def _finish_interrupted_runs(self) -> bool:
        """Write down the runs a crash cut short: with the write lock held, no other
        process can be running one. Its counts are what the store kept of it.
        Whether there was any."""
        unfinished = [
            run
            for run in self.ingests()
            if run["status"] in ("running", "interrupted") and run.get("id")
        ]
        if not unfinished:
            return False
        articles = self.count_articles()
        for run in unfinished:
            before = run.get("articles_before")
            record = {"status": "interrupted", "articles": articles}
            if isinstance(before, int) and run.get("command", "ingest") == "ingest":
                record["added"] = max(0, articles - before)
            self.end_run(run["id"], record)
        return True

    def remove_article(self, article_id: str) -> bool:
        return bool(self.remove_articles([article_id]))

    def remove_articles(self, article_ids) -> list[str]:
        """One update, so a crash drops all of them or none."""
        db = self._writable()
        present = [
            i
            for i in dict.fromkeys(article_ids)
            if self._call(db.contains_named_graph, NamedNode(article_iri(i)))
        ]
        if present:
            self._drop_graphs([NamedNode(article_iri(i)) for i in present])
        return present

    def load(self, path: Path, *, labelled=()) -> tuple[int, int]:
        """Checked first (a parse error names the line, nothing is written), then
        the bulk loader, journaled like a big :meth:`write_articles`; ``labelled``
        entities are cleaned up after it (an ingest's spilled partition)."""
        graphs, count = scan_quads_file(path)
        db = self._writable()
        pending = self.path / PENDING
        labelled = sorted(set(labelled))
        names = [NamedNode(iri) for iri in sorted(graphs)]
        _write_json(
            pending,
            {"phase": "writing", "graphs": sorted(graphs), "labelled": labelled},
            durable=True,
        )
        existing = [g for g in names if self._call(db.contains_named_graph, g)]
        if existing:
            self._drop_graphs(existing)
        try:
            db.bulk_load(path=str(path), format=quads_format(path))
        except SyntaxError as err:
            raise StoreError(f"{path}: load failed: {one_line(err)}") from None
        except (OSError, RuntimeError) as err:
            raise storage_error(self.path, err, f"loading {path}") from None
        self._call(db.flush)
        self._mark_written(labelled)
        self.finish_writes()
        return len(graphs), count

    def update(self, sparql: str) -> None:
        try:
            self._writable().update(sparql, prefixes=vocab.PREFIXES)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL update: {one_line(err)}") from None
        except (OSError, RuntimeError) as err:
            raise storage_error(self.path, err, "updating") from None

    def close(self) -> None:
        """Release the database (and its lock). Safe to call twice."""
        if self._db is not None:
            if not self.read_only:
                self._call(self._db.flush)
            self._db = None

    # -- helpers -----------------------------------------------------------------

    @property
    def _store(self) -> pyoxigraph.Store:
        if self._db is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._db

    def _writable(self) -> pyoxigraph.Store:
        if self.read_only:
            raise StoreError(f"{self.path}: the store was opened read-only")
        return self._store

    def _call(self, function, *args):
        try:
            return function(*args)
        except (OSError, RuntimeError) as err:
            doing = "reading" if self.read_only else "working on the database"
            raise storage_error(self.path, err, doing) from None

    def _replace_graphs(self, graphs: list[NamedNode], quads: list[Quad]) -> None:
        drops = "".join(f"DROP SILENT GRAPH {graph} ;\n" for graph in graphs)
        self._update(drops + "INSERT DATA {\n" + quad_data(quads) + "}")

    def _drop_graphs(self, graphs: list[NamedNode]) -> None:
        self._update(" ;\n".join(f"DROP SILENT GRAPH {graph}" for graph in graphs))

    def _update(self, sparql: str) -> None:
        try:
            self._writable().update(sparql)
        except (OSError, RuntimeError, SyntaxError) as err:
            raise storage_error(self.path, err, "writing") from None

    def _recover(self) -> None:
        """What a crash left undone, on every read-write open: a write journaled as
        ``writing`` is rolled back (its graphs dropped: the re-run writes them
        again), one journaled as ``written`` has its clean-up finished, and runs
        that never ended are logged as interrupted."""
        journal = self._journal()
        rolled_back = False
        if journal is not None and journal.get("phase", "writing") == "writing":
            graphs = journal.get("graphs", [])
            if not isinstance(graphs, list):
                raise StoreError(
                    f"{self.path / PENDING}: unreadable journal (no list of graphs); "
                    f"run `kgextract check --repair --store {self.path}`"
                )
            if graphs:
                self._drop_graphs([NamedNode(str(iri)) for iri in graphs])
                rolled_back = True
            self._clear_journal()
        self.finish_writes()
        if not self._finish_interrupted_runs() and rolled_back:
            # A write outside any logged run (the library used directly): the log
            # still learns the article count it left.
            self.end_run(
                None,
                {
                    "command": "recovery",
                    "started": _now(),
                    "paths": [],
                    "articles": self.count_articles(),
                    "note": "a write cut short by a crash was rolled back",
                },
            )

    def graph_quads(self, name: str) -> set[Quad]:
        return set(
            self._call(self._store.quads_for_pattern, None, None, None, NamedNode(name))
        )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _write_marker(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"{path}: cannot create the store: {err.strerror}") from None
    _write_json(
        path / MARKER,
        {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "kgextract": __version__,
        },
    )


def _check_marker(marker: Path) -> None:
    path = marker.parent
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise StoreError(f"{path}: unreadable {MARKER}: {one_line(err)}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{path}: {MARKER} does not describe a kgextract store")
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise StoreError(
            f"{path}: store format {version!r} is newer than this kgextract reads "
            f"({FORMAT_VERSION}); upgrade kgextract"
        )


def looks_like_store(path: Path) -> bool:
    """A directory that holds a kgextract database or ingest log, whatever became of
    its marker."""
    database = path / DATABASE
    return (path / INGEST_LOG).is_file() or (
        database.is_dir()
        and (has_data_files(database) or (database / "CURRENT").exists())
    )


def refuse_damaged(path: Path) -> None:
    """Refuse a store whose database files are incomplete, before RocksDB sees them:
    a read-write open of a directory without ``CURRENT`` would start an empty
    database over the old one (:mod:`kgextract.store.files`)."""
    problems = database_problems(path / DATABASE)
    if problems:
        raise StoreError(
            f"{path}: damaged store: {problems[0]}; nothing was changed. Run "
            f"`kgextract check --repair --store {path}` to recover what can be "
            "recovered"
        )


def _open_database(path: Path, database: Path, *, read_only: bool) -> pyoxigraph.Store:
    try:
        if read_only:
            return _open_read_only(database)
        return pyoxigraph.Store(str(database))
    except (OSError, RuntimeError) as err:
        message = one_line(err)
        if read_only and "corruption" not in message.lower():
            raise StoreError(
                f"{path}: cannot read the store: {message} (another process may be "
                "writing to it; retry when it is done)"
            ) from None
        raise storage_error(path, err, "opening the database") from None
    except BaseException as err:  # pyo3's PanicException derives from BaseException
        if type(err).__name__ != "PanicException":
            raise
        raise StoreError(
            f"{path}: damaged store: {one_line(err)}; run `kgextract check --store "
            f"{path}` to see what can be recovered"
        ) from None


def _open_read_only(database: Path) -> pyoxigraph.Store:
    """Retry a few times: beside a writer, the files listed in RocksDB's MANIFEST can
    be replaced by a flush or compaction while the reader opens them (seen as
    "Corruption ... No such file"); a moment later the new MANIFEST is consistent."""
    for delay in READ_ONLY_RETRIES:
        try:
            return pyoxigraph.Store.read_only(str(database))
        except RuntimeError as err:
            if "Corruption" not in str(err):
                raise
            time.sleep(delay)
    return pyoxigraph.Store.read_only(str(database))


def _write_json(target: Path, data: dict, *, durable: bool = False) -> None:
    """Temporary file + rename: a crash leaves the old file or the new, never half.
    ``durable`` also syncs the file and its directory (the journal), so that the
    phase it records is on disk before the write it announces begins."""
    temporary = target.with_name(target.name + ".tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, indent=2) + "\n")
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, target)
        if durable:
            _sync_directory(target.parent)
    except OSError as err:
        raise storage_error(target, err, "writing") from None


def _sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as err:
        raise storage_error(path, err, "removing") from None


def _is_alive(pid: object) -> bool:
    """Whether the process ``pid`` runs (on this machine)."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
