"""What every store is: the interface the pipeline, queries and exports use, and the
RDF helpers the backends share (:mod:`~kgextract.store.embedded` on disk,
:mod:`~kgextract.store.remote` behind a SPARQL endpoint).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from kgextract.errors import InputError, StoreError
from kgextract.graph import vocab
from kgextract.graph.build import event_type_quads
from kgextract.graph.iris import VOCABULARY_GRAPH, article_iri, entity_namespace

# One article's quads: Quad objects, or N-Quads bytes (as --jobs workers send them).
ArticleQuads = list[Quad] | bytes

QueryResults = (
    pyoxigraph.QuerySolutions | pyoxigraph.QueryTriples | pyoxigraph.QueryBoolean
)


class GraphStore(ABC):
    """What the pipeline, the queries and the exports need from a store.

    Small on purpose, so that a remote SPARQL endpoint (Graph Store Protocol for
    writes, SPARQL protocol for queries) can implement it too.
    """

    @abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abstractmethod
    def article_hash(self, article_id: str) -> str | None:
        """The stored content hash, to skip an unchanged article on re-ingest."""

    @abstractmethod
    def replace_article(self, article_iri: str, quads: Iterable[Quad]) -> None:
        """Drop the article's graph and write the new one, all or nothing."""

    @abstractmethod
    def add_articles(self, batch: list[tuple[str, ArticleQuads]]) -> None:
        """Write many articles at once; each (article IRI, quads) replaces its graph.

        An article's quads come as Quad objects or as N-Quads bytes, as ``--jobs``
        workers send them: the embedded store bulk-loads bytes without ever making
        Python objects of them.
        """

    @abstractmethod
    def remove_article(self, article_id: str) -> bool:
        """True if the article was there."""

    def remove_articles(self, article_ids: Iterable[str]) -> list[str]:
        """Drop these articles' graphs in one update, all or none; the ids that were
        there. One update, so that a crash never leaves half of a ``remove``."""
        present = [i for i in dict.fromkeys(article_ids) if self.has_article(i)]
        if present:
            self.update(
                " ;\n".join(
                    f"DROP SILENT GRAPH {NamedNode(article_iri(i))}" for i in present
                )
            )
        return present

    def write_articles(
        self,
        batch: list[tuple[str, ArticleQuads]],
        *,
        stale: Iterable[str] = (),
        labelled: Iterable[str] = (),
    ) -> None:
        """One commit of an ingest, as a journaled unit: drop the ``stale`` articles
        (older versions of the batch's sources), write the batch, then the entity
        clean-up (:func:`~kgextract.store.consolidate.consolidate`) on ``labelled``.

        The journal makes a crash at any point harmless: before the batch is in, the
        next read-write open rolls it back; after, it finishes the clean-up. Either
        way a plain re-run then stores what an uninterrupted run would have.
        """
        labelled = sorted(set(labelled))
        self._write_journaled(batch, list(stale), labelled)
        self.finish_writes()

    @abstractmethod
    def _write_journaled(
        self,
        batch: list[tuple[str, ArticleQuads]],
        stale: list[str],
        labelled: list[str],
    ) -> None:
        """Store the batch (and drop ``stale``) so that a crash is rolled back, and
        leave a journal naming ``labelled`` for :meth:`finish_writes`."""

    @abstractmethod
    def _pending_clean_up(self) -> list[str] | None:
        """The entities a committed write left to clean up, or None."""

    @abstractmethod
    def _clear_journal(self) -> None: ...

    def finish_writes(self) -> None:
        """Finish the clean-up of a committed write, if one is journaled: after each
        write, and on each read-write open (a crash may have come between)."""
        labelled = self._pending_clean_up()
        if labelled is None:
            return
        from kgextract.store.consolidate import consolidate

        consolidate(self, labelled)
        self._clear_journal()

    def graph_names(self) -> list[str]:
        """Every named graph's IRI."""
        rows = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False
        )
        return [row["g"].value for row in rows]

    def count_articles(self) -> int:
        """Article graphs in the store: what the ingest log's ``articles`` records."""
        rows = self.query(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a kg:Article } }"
        )
        return int(next(iter(rows))[0].value)

    @abstractmethod
    def load(self, path: Path) -> tuple[int, int]:
        """Bulk-load an N-Quads or TriG file made elsewhere; (graphs, quads) loaded.

        Each named graph in the file replaces the stored graph of that name, as an
        ingested article does. The file is checked whole before anything is written.
        """

    @abstractmethod
    def query(self, sparql: str, *, union: bool = True) -> QueryResults:
        """Run a SPARQL query; the kgextract prefixes are predeclared."""

    @abstractmethod
    def update(self, sparql: str) -> None: ...

    @abstractmethod
    def record_ingest(self, run: dict) -> None:
        """Remember what one ingest did (added, replaced, skipped, failed…), for
        ``kgextract stats``; outside the graph, so that an ingest that changes
        nothing leaves the graph as it was."""

    @abstractmethod
    def ingests(self) -> list[dict]:
        """The recorded ingests, oldest first."""

    def begin_run(self, record: dict) -> str | None:
        """Log that a write command (ingest, remove, load) starts; its id, for
        :meth:`end_run`. A run that never ends (killed) shows as interrupted."""
        return None

    def end_run(self, run_id: str | None, record: dict) -> None:
        """Log how the run ``run_id`` ended: ``record`` holds its counts."""
        return None

    def unify_labels(self, entities: Iterable[str] | None = None) -> None:
        """Give each entity one rdfs:label in every graph; other spellings become
        kg:alias.

        The same key can be written two ways in two articles ("Mercedes-Benz",
        "Mercedes Benz"); each article's graph states its own. The smallest spelling
        wins, whatever the order of ingest, so the union keeps one canonical name
        (the SHACL shapes require it) and re-ingesting changes nothing.
        ``entities`` limits the work to the IRIs just written; None checks all.
        """
        if entities is not None:
            entities = sorted(set(entities))
            if not entities:
                return
            values = "VALUES ?e { " + " ".join(f"<{e}>" for e in entities) + " }"
        else:
            values = f'FILTER(STRSTARTS(STR(?e), "{entity_namespace()}"))'
        self.update(
            f"""
            DELETE {{ GRAPH ?g {{ ?e rdfs:label ?other }} }}
            INSERT {{ GRAPH ?g {{ ?e rdfs:label ?keep . ?e kg:alias ?other }} }}
            WHERE {{
              {{ SELECT ?e (MIN(STR(?label)) AS ?keep) WHERE {{
                  {values}
                  GRAPH ?h {{ ?e rdfs:label ?label }}
                }} GROUP BY ?e HAVING (COUNT(DISTINCT ?label) > 1) }}
              GRAPH ?g {{ ?e rdfs:label ?other }}
              FILTER(STR(?other) != ?keep)
            }}"""
        )

    def rename_entity(self, old: str, new: str) -> None:
        """Make every graph say ``new`` where it says ``old``, and give ``old``'s
        statements ``new``'s type: one node where articles disagreed on the type."""
        self.update(
            f"""
            DELETE {{ GRAPH ?g {{ <{old}> ?p ?o }} }}
            INSERT {{ GRAPH ?g {{ <{new}> ?p ?o }} }}
            WHERE {{ GRAPH ?g {{ <{old}> ?p ?o }} FILTER(?p != rdf:type) }} ;
            DELETE {{ GRAPH ?g {{ ?s ?p <{old}> }} }}
            INSERT {{ GRAPH ?g {{ ?s ?p <{new}> }} }}
            WHERE {{ GRAPH ?g {{ ?s ?p <{old}> }} }} ;
            DELETE {{ GRAPH ?g {{ <{old}> rdf:type ?t }} }}
            INSERT {{ GRAPH ?g {{ <{new}> rdf:type ?kind }} }}
            WHERE {{
              GRAPH ?g {{ <{old}> rdf:type ?t }}
              {{ SELECT ?kind WHERE {{
                  GRAPH ?h {{ <{new}> rdf:type ?kind }}
                }} LIMIT 1 }}
            }}"""
        )

    def count_triples(self) -> int:
        """Distinct triples over all graphs: what a Turtle export holds."""
        results = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
            "WHERE { ?s ?p ?o } }"
        )
        return int(next(iter(results))[0].value)

    @abstractmethod
    def count_quads(self) -> int: ...

    @abstractmethod
    def graph_quads(self, name: str) -> set[Quad]:
        """The quads of one named graph, read directly (not through the union)."""

    def install_vocabulary(self) -> None:
        """(Re)write the event-type graph if it differs from rules/event_types.json,
        so queries can label and group event types without reading the file."""
        wanted = event_type_quads()
        if self.graph_quads(VOCABULARY_GRAPH) != set(wanted):
            self.add_articles([(VOCABULARY_GRAPH, wanted)])

    @abstractmethod
    def dump(self, out: BinaryIO, format: RdfFormat, *, union: bool = False) -> None:
        """Stream the dataset (``union=False``) or the union graph's triples."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


QUADS_FORMATS = {".nq": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG}


def quads_format(path: Path) -> RdfFormat:
    """N-Quads or TriG, by suffix: the formats that keep each article's graph."""
    try:
        return QUADS_FORMATS[Path(path).suffix.lower()]
    except KeyError:
        raise InputError(
            path, "load reads N-Quads (.nq) or TriG (.trig) files only"
        ) from None


def scan_quads_file(path: Path) -> tuple[set[str], int]:
    """Parse the whole file once, streaming: the graph names and the quad count.

    Refuses a syntax error (with its line) and triples in the default graph, which
    kgextract keeps empty: every fact belongs to an article's graph.
    """
    path = Path(path)
    rdf_format = quads_format(path)
    graphs: set[str] = set()
    count = 0
    try:
        for quad in pyoxigraph.parse(path=str(path), format=rdf_format):
            if not isinstance(quad.graph_name, NamedNode):
                raise InputError(
                    path,
                    f"{quad.subject} {quad.predicate} … is not in a named graph; "
                    "kgextract stores every fact in an article's graph",
                )
            graphs.add(quad.graph_name.value)
            count += 1
    except SyntaxError as err:
        raise InputError(path, one_line(err)) from None
    except OSError as err:
        raise InputError(path, err.strerror or one_line(err)) from None
    return graphs, count


def quads_of(batch: list[tuple[str, ArticleQuads]]) -> list[Quad]:
    """All the batch's quads as Quad objects, N-Quads bytes parsed."""
    quads: list[Quad] = []
    for _, part in batch:
        if isinstance(part, bytes):
            quads += pyoxigraph.parse(part, format=RdfFormat.N_QUADS)
        else:
            quads += checked_quads(part)
    return quads


def checked_quads(quads: Iterable[Quad]) -> list[Quad]:
    """Refuse a non-quad before anything is written, not halfway through a batch."""
    quads = list(quads)
    for quad in quads:
        if not isinstance(quad, Quad):
            raise TypeError(f"expected a pyoxigraph.Quad, got {type(quad).__name__}")
    return quads


def quad_data(quads: Iterable[Quad]) -> str:
    """Quads as SPARQL QuadData; N-Triples term syntax is valid SPARQL."""
    return "".join(
        f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}\n"
        for q in quads
    )


def rdf_prefixes(format: RdfFormat) -> dict[str, str] | None:
    return vocab.PREFIXES if format in (RdfFormat.TURTLE, RdfFormat.TRIG) else None


def one_line(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


_DATA_FILE = re.compile(r"\d+\.sst")


def storage_error(where: object, err: BaseException, doing: str) -> StoreError:
    """One line for a database operation that failed, by its cause: what happened
    and what to do. RocksDB reports through pyoxigraph as OSError or RuntimeError
    with its own text, so the cause is read from the text."""
    message = one_line(err)
    lower = message.lower()
    if "no space left" in lower or "disk quota" in lower:
        return StoreError(
            f"{where}: the disk is full ({doing}): free some space, then run the "
            "command again; a write cut short is rolled back when the store is next "
            "opened"
        )
    if "permission denied" in lower or "operation not permitted" in lower:
        return StoreError(
            f"{where}: permission denied ({doing}): this user cannot write to the "
            "store; check the owner and mode of the directory (queries and exports "
            "only need to read it)"
        )
    if "read-only file system" in lower:
        return StoreError(
            f"{where}: the file system is read-only ({doing}): queries and exports "
            "work; to write, copy the store to a writable disk"
        )
    if "lock" in lower:
        return StoreError(
            f"{where}: the store is locked: another kgextract process is writing to it"
        )
    if any(word in lower for word in ("corruption", "checksum", "size mismatch")):
        found = _DATA_FILE.search(message)
        if found and "no such file" in lower:
            what = f"the data file {found.group()} is missing"
        elif found and "size mismatch" in lower:
            what = f"the data file {found.group()} is cut short"
        elif found:
            what = f"the data file {found.group()} is damaged"
        else:
            what = message
        return StoreError(
            f"{where}: damaged store: {what} ({doing}); run `kgextract check "
            f"--store {where}` to see what can be recovered"
        )
    return StoreError(f"{where}: {doing} failed: {message}")
