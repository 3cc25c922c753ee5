"""The on-disk knowledge graph: one pyoxigraph database, one named graph per article.

Layout of a store directory::

    DIR/kgextract.json    marker: format, version, created, kgextract version
    DIR/oxigraph/         the pyoxigraph (RocksDB) database
    DIR/pending.json      only while a bulk write is under way (see add_articles)

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
"""

from __future__ import annotations

import json
import os
import time
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
from kgextract.graph.iris import article_iri
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
)

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
        if is_new:
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
        database = path / DATABASE
        if not is_new and not database.is_dir():
            raise StoreError(
                f"{path}: corrupt store: the {DATABASE}/ database is missing"
            )
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
        except (OSError, RuntimeError) as err:
            raise StoreError(f"{self.path}: export failed: {one_line(err)}") from None

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
        """Many articles at once: all of the batch is stored, or (after a crash) none.

        Small batches are one transaction. Big ones go through pyoxigraph's bulk
        loader, which is not transactional; the batch's graph names are journaled
        in ``pending.json`` first and the journal is removed once the load is done.
        If the process dies midway, the next read-write open drops the journaled
        graphs, so a half-written article is never taken for an ingested one.
        """
        if not batch:
            return
        db = self._writable()
        graphs = [NamedNode(iri) for iri, _ in batch]
        existing = [g for g in graphs if self._call(db.contains_named_graph, g)]
        size = sum(
            part.count(b"\n") if isinstance(part, bytes) else len(part)
            for _, part in batch
        )
        if size < BULK_THRESHOLD:
            quads = quads_of(batch)
            if existing:
                self._replace_graphs(existing, quads)
            else:
                self._call(db.extend, quads)
            return
        pending = self.path / PENDING
        _write_json(pending, {"graphs": [g.value for g in graphs]})
        if existing:
            self._drop_graphs(existing)
        # bulk_load from bytes, not bulk_extend: it lets go of the GIL while RocksDB
        # ingests, so `--jobs` workers' results keep being collected meanwhile
        # (bulk_extend holds it for the whole load, seconds on a big store).
        data = b"".join(
            part
            if isinstance(part, bytes)
            else pyoxigraph.serialize(checked_quads(part), format=RdfFormat.N_QUADS)
            or b""
            for _, part in batch
        )
        self._call(lambda: db.bulk_load(data, format=RdfFormat.N_QUADS))
        self._call(db.flush)
        pending.unlink()

    def record_ingest(self, run: dict) -> None:
        """One JSON line appended to ``ingests.jsonl``; a line cut short by a crash
        is skipped when read."""
        self._writable()  # refuses a read-only store
        try:
            with open(self.path / INGEST_LOG, "a", encoding="utf-8") as log:
                log.write(json.dumps(run, ensure_ascii=False) + "\n")
        except OSError as err:
            raise StoreError(
                f"{self.path / INGEST_LOG}: cannot write: {err.strerror}"
            ) from None

    def ingests(self) -> list[dict]:
        try:
            lines = (self.path / INGEST_LOG).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as err:
            raise StoreError(
                f"{self.path / INGEST_LOG}: unreadable: {one_line(err)}"
            ) from None
        runs = []
        for line in lines:
            try:
                run = json.loads(line)
            except ValueError:
                continue
            if isinstance(run, dict):
                runs.append(run)
        return runs

    def remove_article(self, article_id: str) -> bool:
        graph = NamedNode(article_iri(article_id))
        db = self._writable()
        if not self._call(db.contains_named_graph, graph):
            return False
        self._drop_graphs([graph])
        return True

    def load(self, path: Path) -> tuple[int, int]:
        """Checked first (a parse error names the line, nothing is written), then
        the bulk loader, journaled like a big :meth:`add_articles`."""
        graphs, count = scan_quads_file(path)
        db = self._writable()
        pending = self.path / PENDING
        names = [NamedNode(iri) for iri in sorted(graphs)]
        _write_json(pending, {"graphs": sorted(graphs)})
        existing = [g for g in names if self._call(db.contains_named_graph, g)]
        if existing:
            self._drop_graphs(existing)
        try:
            db.bulk_load(path=str(path), format=quads_format(path))
        except (OSError, RuntimeError, SyntaxError) as err:
            raise StoreError(f"{path}: load failed: {one_line(err)}") from None
        self._call(db.flush)
        pending.unlink()
        return len(graphs), count

    def update(self, sparql: str) -> None:
        try:
            self._writable().update(sparql, prefixes=vocab.PREFIXES)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL update: {one_line(err)}") from None
        except (OSError, RuntimeError) as err:
            raise StoreError(f"{self.path}: update failed: {one_line(err)}") from None

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
            raise StoreError(f"{self.path}: {one_line(err)}") from None

    def _replace_graphs(self, graphs: list[NamedNode], quads: list[Quad]) -> None:
        drops = "".join(f"DROP SILENT GRAPH {graph} ;\n" for graph in graphs)
        self._update(drops + "INSERT DATA {\n" + quad_data(quads) + "}")

    def _drop_graphs(self, graphs: list[NamedNode]) -> None:
        self._update(" ;\n".join(f"DROP SILENT GRAPH {graph}" for graph in graphs))

    def _update(self, sparql: str) -> None:
        try:
            self._writable().update(sparql)
        except (OSError, RuntimeError, SyntaxError) as err:
            raise StoreError(f"{self.path}: write failed: {one_line(err)}") from None

    def _recover(self) -> None:
        """Drop the graphs of a bulk write that did not finish (see add_articles)."""
        pending = self.path / PENDING
        if not pending.exists():
            return
        try:
            graphs = json.loads(pending.read_text(encoding="utf-8"))["graphs"]
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise StoreError(f"{pending}: unreadable journal: {err}") from None
        self._drop_graphs([NamedNode(iri) for iri in graphs])
        pending.unlink()

    def graph_quads(self, name: str) -> set[Quad]:
        return set(
            self._call(self._store.quads_for_pattern, None, None, None, NamedNode(name))
        )


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


def _open_database(path: Path, database: Path, *, read_only: bool) -> pyoxigraph.Store:
    try:
        if read_only:
            return _open_read_only(database)
        return pyoxigraph.Store(str(database))
    except (OSError, RuntimeError) as err:
        message = one_line(err)
        if "lock" in message.lower():
            raise StoreError(
                f"{path}: the store is locked: another kgextract process is writing "
                "to it"
            ) from None
        if read_only:
            raise StoreError(
                f"{path}: cannot read the store: {message} (corrupt, or another "
                "process is writing to it; retry when it is done)"
            ) from None
        raise StoreError(f"{path}: corrupt store: {message}") from None
    except BaseException as err:  # pyo3's PanicException derives from BaseException
        if type(err).__name__ != "PanicException":
            raise
        raise StoreError(f"{path}: corrupt store: {one_line(err)}") from None


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


def _write_json(target: Path, data: dict) -> None:
    """Temporary file + rename: a crash leaves the old file or the new, never half."""
    temporary = target.with_name(target.name + ".tmp")
    try:
        temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except OSError as err:
        raise StoreError(f"{target}: cannot write: {err.strerror}") from None
