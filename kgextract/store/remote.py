"""A store behind a SPARQL 1.1 Protocol endpoint (``--store http://host:port/…``).

Only the two standard operations are used, so any SPARQL 1.1 server fits. Where
they are is read from the URL, in the layouts servers use (:func:`endpoints`):

- ``…/sparql``: queries and updates both there (Virtuoso ``http://host:8890/sparql``,
  Blazegraph, QLever, rdflib-endpoint);
- ``…/repositories/NAME``: queries there, updates at ``…/statements`` (GraphDB,
  RDF4J);
- anything else is a base: ``BASE/query`` and ``BASE/update`` (Oxigraph server
  ``http://localhost:7878``, Fuseki ``http://localhost:3030/dataset``).

Writes are SPARQL UPDATE requests, one per batch of articles (``DROP SILENT GRAPH``
+ ``INSERT DATA``), which the server applies as one transaction.

kgextract's queries read the union of the article graphs as the default graph. In the
base layout the query URL carries Oxigraph's ``union-default-graph`` parameter; Fuseki
must be configured that way (``tdb2:unionDefaultGraph true``). GraphDB, RDF4J and
Virtuoso answer a query without a dataset over all graphs already.

Results are parsed by pyoxigraph, so the queries and exports see the same objects
as from the embedded store. Only the standard library speaks HTTP.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import NamedNode, Quad, QueryResultsFormat, RdfFormat

from kgextract.errors import QueryError, StoreError
from kgextract.graph import vocab
from kgextract.graph.build import KG_CONTENT_HASH
from kgextract.graph.iris import article_iri
from kgextract.store.base import (
    ArticleQuads,
    GraphStore,
    QueryResults,
    quad_data,
    quads_format,
    quads_of,
    rdf_prefixes,
    scan_quads_file,
)

TIMEOUT = 300  # seconds; a whole-store CONSTRUCT on a big store takes a while
LOAD_CHUNK = 20_000  # quads per INSERT DATA when loading a file

_RESULTS = "application/sparql-results+json"
_UNION = "?union-default-graph"
_TRIPLES = "application/n-triples"


def endpoints(url: str) -> tuple[str, str, str]:
    """``(query URL, update URL, what the query URL needs for the union default
    graph)`` for a store URL, by the layout its path shows (see the module doc)."""
    base = url.rstrip("/")
    path = urllib.parse.urlsplit(base).path
    if path.endswith("/sparql"):
        return base, base, ""
    if "/repositories/" in path:
        return base, base + "/statements", ""
    return base + "/query", base + "/update", _UNION


class RemoteStore(GraphStore):
    """A SPARQL 1.1 Query + Update endpoint pair, addressed by one base URL."""

    def __init__(self, base: str, *, read_only: bool = False) -> None:
        self.base = base.rstrip("/")
        self.read_only = read_only
        self.query_url, self.update_url, self.union = endpoints(self.base)

    @classmethod
    def open(cls, url: str, *, create: bool = False, read_only: bool = False):
        """Check that the endpoint answers; a writable store gets the event-type
        vocabulary, as a new embedded store does. ``create`` is implied: a server's
        dataset exists before kgextract talks to it."""
        store = cls(url, read_only=read_only)
        store._request(store.query_url, {"query": "ASK {}"}, _RESULTS)
        if not read_only:
            store.install_vocabulary()
        return store

    # -- reads -------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        graph = NamedNode(article_iri(article_id))
        return bool(self.query(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))

    def article_hash(self, article_id: str) -> str | None:
        graph = NamedNode(article_iri(article_id))
        rows = self.query(
            f"SELECT ?h WHERE {{ GRAPH {graph} {{ {graph} {KG_CONTENT_HASH} ?h }} }}"
        )
        for row in rows:
            return row["h"].value
        return None

    def query(self, sparql: str, *, union: bool = True) -> QueryResults:
        data = self._request(
            self.query_url + (self.union if union else ""),
            {"query": vocab.SPARQL_PREFIXES + sparql},
            f"{_RESULTS}, {_TRIPLES};q=0.9",
            kind="query",
        )
        body, content_type = data
        if content_type.startswith(_TRIPLES):
            return pyoxigraph.parse(body, format=RdfFormat.N_TRIPLES)
        return pyoxigraph.parse_query_results(body, format=QueryResultsFormat.JSON)

    def count_quads(self) -> int:
        results = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False
        )
        return int(next(iter(results))[0].value)

    def dump(self, out: BinaryIO, format: RdfFormat, *, union: bool = False) -> None:
        """The union graph by CONSTRUCT, the dataset by a SELECT over every graph;
        both re-serialized by pyoxigraph into ``format`` as the response arrives, so
        memory stays flat whatever the store's size (the response is parsed from the
        socket, never read whole)."""
        if union:
            query, url = "CONSTRUCT WHERE { ?s ?p ?o }", self.query_url + self.union
            accept = _TRIPLES
        else:
            query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
            url, accept = self.query_url, _RESULTS
        form = {"query": vocab.SPARQL_PREFIXES + query}
        with self._open(url, form, accept, kind="export") as (response, content_type):
            try:
                if content_type.startswith(_TRIPLES):
                    items = pyoxigraph.parse(response, format=RdfFormat.N_TRIPLES)
                else:
                    rows = pyoxigraph.parse_query_results(
                        response, format=QueryResultsFormat.JSON
                    )
                    items = (Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
                pyoxigraph.serialize(items, out, format, prefixes=rdf_prefixes(format))
            except SyntaxError as err:
                raise StoreError(
                    f"{self.base}: unreadable export response ({err})"
                ) from None

    # -- writes ------------------------------------------------------------------

    def replace_article(self, article_iri: str, quads: Iterable[Quad]) -> None:
        self.add_articles([(article_iri, list(quads))])

    def add_articles(self, batch: list[tuple[str, ArticleQuads]]) -> None:
        """One UPDATE request: drop each article's graph, insert all the quads."""
        if not batch:
            return
        drops = "".join(f"DROP SILENT GRAPH <{iri}> ;\n" for iri, _ in batch)
        self._update(drops + "INSERT DATA {\n" + quad_data(quads_of(batch)) + "}")

    def remove_article(self, article_id: str) -> bool:
        if not self.has_article(article_id):
            return False
        self._update(f"DROP SILENT GRAPH <{article_iri(article_id)}>")
        return True

    def load(self, path: Path) -> tuple[int, int]:
        """Checked whole first; then each graph is dropped and the quads inserted in
        chunks. Unlike the embedded store, a failure midway can leave part of the
        file loaded (a server offers no cross-request transaction)."""
        graphs, count = scan_quads_file(path)
        if graphs:
            self._update(
                " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs))
            )
        chunk: list[Quad] = []
        for quad in pyoxigraph.parse(path=str(path), format=quads_format(path)):
            chunk.append(quad)
            if len(chunk) >= LOAD_CHUNK:
                self._update("INSERT DATA {\n" + quad_data(chunk) + "}")
                chunk.clear()
        if chunk:
            self._update("INSERT DATA {\n" + quad_data(chunk) + "}")
        return len(graphs), count

    def update(self, sparql: str) -> None:
        self._update(vocab.SPARQL_PREFIXES + sparql)

    def record_ingest(self, run: dict) -> None:
        """Not kept: a SPARQL endpoint has no place outside the graph for it, and
        a record inside would change the graph on every ingest."""

    def ingests(self) -> list[dict]:
        return []

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    # -- helpers -----------------------------------------------------------------

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.base}: the store was opened read-only")
        self._request(self.update_url, {"update": sparql}, "*/*", kind="update")

    def graph_quads(self, name: str) -> set[Quad]:
        graph = NamedNode(name)
        rows = self.query(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}", union=False
        )
        return {Quad(r["s"], r["p"], r["o"], graph) for r in rows}

    def _request(
        self, url: str, form: dict[str, str], accept: str, kind: str = "query"
    ) -> tuple[io.BytesIO, str]:
        """POST a form and read the whole answer (queries' results are small)."""
        with self._open(url, form, accept, kind) as (response, content_type):
            return io.BytesIO(response.read()), content_type

    @contextmanager
    def _open(
        self, url: str, form: dict[str, str], accept: str, kind: str = "query"
    ) -> Iterator[tuple[BinaryIO, str]]:
        """POST a form and hand over the open response, to be read as it arrives; a
        refused connection or a connection lost midway is a StoreError, a rejected
        query a QueryError, both one line."""
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(form).encode("utf-8"),
            headers={
                "Accept": accept,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            method="POST",
        )
        try:
            response = urllib.request.urlopen(request, timeout=TIMEOUT)
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else err.reason
            if err.code == 400:
                raise QueryError(f"invalid SPARQL {kind}: {message}") from None
            raise StoreError(
                f"{self.base}: the server refused the {kind} (HTTP {err.code}: "
                f"{message})"
            ) from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(
                f"{self.base}: cannot reach the SPARQL endpoint ({reason})"
            ) from None
        with response:
            try:
                yield response, response.headers.get("Content-Type", "")
            except OSError as err:  # the connection dropped, or the output failed
                raise StoreError(
                    f"{self.base}: the {kind} stopped midway ({err.strerror or err})"
                ) from None
