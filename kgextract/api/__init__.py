"""The Python API behind :mod:`kgextract`'s public names.

Three ways in: :func:`extract` reads one text; :func:`open_store` gives a store's
named queries as methods, and the graph as rdflib or networkx; the spaCy component
(``nlp.add_pipe("kgextract")``, :mod:`kgextract.nlp.component`) extracts inside a
user's own pipeline. Everything heavy (spaCy, rdflib, networkx) is imported when
first used, so ``import kgextract`` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgextract.errors import StoreError
from kgextract.model import Article, Extraction

if TYPE_CHECKING:  # pragma: no cover - names for the signatures only
    import networkx
    import rdflib

    from kgextract.ingest.orchestrator import Report
    from kgextract.store.base import GraphStore

__all__ = ["KnowledgeGraph", "extract", "open_store"]


def extract(
    text: str, date: str | None = None, *, model: str | None = None
) -> Extraction:
    """Entities, events and relations of one text, as plain frozen dataclasses.

    ``date`` (ISO 8601) is the day the text was written: "on Friday" resolves
    against it. ``model`` is any installed spaCy pipeline (default as for
    ``kgextract ingest``); it is loaded once and kept.
    """
    from kgextract.knowledge.resources import load_resources
    from kgextract.nlp.extract import extract as run
    from kgextract.nlp.pipelines import load_pipeline, pipeline_label

    nlp = load_pipeline(model)
    article = Article.make("<text>", "", text, date=date)
    return run(article, nlp(text), load_resources(), pipeline_label(nlp))


def open_store(
    location: str | Path, *, create: bool = False, writable: bool = False
) -> KnowledgeGraph:
    """The store at ``location`` (a directory, or a SPARQL endpoint ``http://…``).

    Read-only unless ``writable`` (or ``create``, which makes a missing store):
    a reader may open a store while ``kgextract ingest`` writes to it.
    """
    from kgextract.store import open_store as open_backend

    store = open_backend(location, create=create, read_only=not (create or writable))
    return KnowledgeGraph(store, str(location))


class KnowledgeGraph:
    """A store with the named queries as methods; rows are plain dicts, with the
    fields of ``kgextract query … --json`` (see the README)."""

    def __init__(self, store: GraphStore, location: str = "") -> None:
        self.store = store
        self.location = location

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.location!r}>"

    # -- the named queries ---------------------------------------------------------

    def supports(self, target=None, by=None, since=None, until=None) -> list[dict]:
        """Who supports whom (see :func:`kgextract.query.named.supports`)."""
        return self._named("supports", target=target, by=by, since=since, until=until)

    def opposes(self, target=None, by=None, since=None, until=None) -> list[dict]:
        """Who opposes whom (see :func:`kgextract.query.named.opposes`)."""
        return self._named("opposes", target=target, by=by, since=since, until=until)

    def events(
        self, actor=None, type=None, target=None, article=None, since=None, until=None
    ) -> list[dict]:
        """Every event, filtered (see :func:`kgextract.query.named.events`)."""
        return self._named(
            "events",
            actor=actor,
            type=type,
            target=target,
            article=article,
            since=since,
            until=until,
        )

    def relations(self, name=None, type=None, since=None, until=None) -> list[dict]:
        """worksFor, basedIn, … facts (see :func:`kgextract.query.named.relations`)."""
        return self._named("relations", name=name, type=type, since=since, until=until)

    def entities(self, type=None, since=None, until=None) -> list[dict]:
        """Entities, most mentioned first (:func:`kgextract.query.named.entities`)."""
        return self._named("entities", type=type, since=since, until=until)

    def entity(self, name: str) -> dict | None:
        """One entity by name or alias, or None (see ``named.entity``)."""
        return self._named("entity", name)

    def suspects(self) -> list[dict]:
        """Pairs that may be one entity (:func:`kgextract.query.named.suspects`)."""
        return self._named("suspects")

    def articles(self, since=None, until=None) -> list[dict]:
        """The stored articles (:func:`kgextract.query.named.articles`)."""
        return self._named("articles", since=since, until=until)

    def stats(self) -> dict:
        """Articles, entities, events, mentions, triples, quads."""
        return self._named("stats")

    def sparql(self, text: str) -> list[dict]:
        """Any SPARQL query: one dict per solution (the kg: prefixes declared)."""
        _, rows = self._named("sparql", text)
        return rows

    # -- the whole graph -----------------------------------------------------------

    def to_rdflib(self) -> rdflib.Dataset:
        """Every article's graph in an :class:`rdflib.Dataset` (``default_union``:
        its default graph is the union, as in kgextract's SPARQL)."""
        import io

        import rdflib
        from pyoxigraph import RdfFormat

        buffer = io.BytesIO()
        self.store.dump(buffer, RdfFormat.N_QUADS)
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(data=buffer.getvalue(), format="nquads")
        return dataset

    def to_networkx(
        self, kind: str = "all", around=None, depth: int = 1, since=None, until=None
    ) -> networkx.MultiDiGraph:
        """The actor graph ``kgextract viz`` draws: entities as nodes (``name``,
        ``type``, ``mentions``), one edge per actor, target and stance (keyed
        ``"supports"``/``"opposes"``) with ``events`` and ``evidence``."""
        from kgextract.viz.network import actor_graph

        return actor_graph(
            self.store, kind=kind, around=around, depth=depth, since=since, until=until
        )

    # -- writing -------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], **options: Any) -> Report:
        """Read articles into the store, as ``kgextract ingest`` does; the store
        must have been opened with ``writable=True`` or ``create=True``."""
        from kgextract.ingest.orchestrator import ingest

        if getattr(self.store, "read_only", False):
            raise StoreError(
                f"{self.location}: opened read-only; use "
                "kgextract.open_store(..., writable=True) to ingest"
            )
        return ingest(list(paths), self.store, **options)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _named(self, query: str, *args: Any, **kwargs: Any) -> Any:
        from kgextract.query import named

        return getattr(named, query)(self.store, *args, **kwargs)
