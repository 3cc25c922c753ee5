"""What every store is: the interface the pipeline, queries and exports use, and the
RDF helpers the backends share (:mod:`~kgextract.store.embedded` on disk,
:mod:`~kgextract.store.remote` behind a SPARQL endpoint).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat

from kgextract.errors import InputError
from kgextract.graph import vocab
from kgextract.graph.build import event_type_quads
from kgextract.graph.iris import VOCABULARY_GRAPH, entity_namespace

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
