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
from kgextract.graph.iris import JOURNAL_GRAPH, article_iri
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

# Seconds a request may wait for the server to say anything (``--timeout``): a
# whole-store CONSTRUCT on a big store takes a while before its first byte.
TIMEOUT = 300.0
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

    def __init__(
        self, base: str, *, read_only: bool = False, timeout: float | None = None
    ) -> None:
        self.base = check_url(base).rstrip("/")
        self.read_only = read_only
        self.timeout = TIMEOUT if timeout is None else timeout
        self.query_url, self.update_url, self.union = endpoints(self.base)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        create: bool = False,
        read_only: bool = False,
        timeout: float | None = None,
    ):
        """Check that the endpoint answers; a writable store finishes a clean-up a
        crash left journaled and gets the event-type vocabulary, as a new embedded
        store does. ``create`` is implied: a server's dataset exists before
        kgextract talks to it. ``timeout``: seconds any request may wait for the
        server (default :data:`TIMEOUT`)."""
        store = cls(url, read_only=read_only, timeout=timeout)
        store._request(store.query_url, {"query": "ASK {}"}, _RESULTS)
        if not read_only:
            store.finish_writes()
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
        self.write_articles(batch)

    def _write_journaled(
        self,
        batch: list[tuple[str, ArticleQuads]],
        stale: list[str],
        labelled: list[str],
    ) -> None:
        """One UPDATE request, which the server applies as one transaction: drop
        the stale articles and each article's graph, insert all the quads and, in
        the journal graph, the entities left to clean up (the next read-write open
        finishes it if this process dies first)."""
        if not (batch or stale):
            return
        drops = "".join(
            f"DROP SILENT GRAPH <{iri}> ;\n"
            for iri in [article_iri(old) for old in stale] + [iri for iri, _ in batch]
        )
        journal = "".join(
            f"GRAPH <{JOURNAL_GRAPH}> {{ <{JOURNAL_GRAPH}> kg:pending <{iri}> }}\n"
            for iri in labelled
        )
        self._update(
            vocab.SPARQL_PREFIXES
            + drops
            + "INSERT DATA {\n"
            + quad_data(quads_of(batch))
            + journal
            + "}"
        )

    def _pending_clean_up(self) -> list[str] | None:
        rows = self.query(
            f"SELECT ?e WHERE {{ GRAPH <{JOURNAL_GRAPH}> {{ ?j kg:pending ?e }} }}",
            union=False,
        )
        pending = [row["e"].value for row in rows]
        return pending or None

    def _clear_journal(self) -> None:
        self._update(f"DROP SILENT GRAPH <{JOURNAL_GRAPH}>")

    def remove_article(self, article_id: str) -> bool:
        return bool(self.remove_articles([article_id]))

    def load(self, path: Path, *, labelled=()) -> tuple[int, int]:
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
        if labelled:
            from kgextract.store.consolidate import consolidate

            consolidate(self, labelled)
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
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else err.reason
            if err.code == 400:
                raise QueryError(f"invalid SPARQL {kind}: {message}") from None
            raise StoreError(
                f"{self.base}: the server refused the {kind} (HTTP {err.code}: "
                f"{message})"
            ) from None
        except TimeoutError:
            raise self._silent(kind) from None
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, TimeoutError):
                raise self._silent(kind) from None
            raise StoreError(
                f"{self.base}: cannot reach the SPARQL endpoint ({reason}); is the "
                "server running, and is the URL right?"
            ) from None
        with response:
            try:
                yield response, response.headers.get("Content-Type", "")
            except TimeoutError:
                raise self._silent(kind) from None
            except OSError as err:  # the connection dropped, or the output failed
                if isinstance(err, BrokenPipeError):
                    raise
                raise StoreError(
                    f"{self.base}: the {kind} stopped midway ({err.strerror or err})"
                ) from None

    def _silent(self, kind: str) -> StoreError:
        return StoreError(
            f"{self.base}: the SPARQL endpoint did not answer the {kind} within "
            f"{self.timeout:g} s; is the server overloaded? Give it more time with "
            "--timeout SECONDS"
        )


def check_url(url: str) -> str:
    """Refuse a URL that names no server (``http://``, ``http://[::1``, spaces) with
    a one-line :class:`StoreError`, before any request is made."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as err:
        raise StoreError(f"{url}: not a valid endpoint URL ({err})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{url}: not a valid endpoint URL (no host name)")
    bad = [c for c in url if c.isspace() or ord(c) < 32 or ord(c) == 127]
    if bad:
        raise StoreError(
            f"{url!r}: not a valid endpoint URL (it contains {bad[0]!r}; encode "
            "spaces as %20)"
        )
    return url
