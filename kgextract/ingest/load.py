"""Loading a graph made elsewhere: every RDF format ``kgextract export`` writes.

N-Quads, TriG and JSON-LD keep each article's graph; Turtle and N-Triples hold the
union, whose statements go back to their articles' graphs
(:func:`~kgextract.graph.dataset.article_graphs`). The input is read and checked
whole before the store is touched, so a broken file leaves no store behind and no
half-loaded graph; then the store bulk-loads it as N-Quads.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat

from kgextract.errors import InputError, KgExtractError
from kgextract.graph.dataset import article_graphs
from kgextract.query.export import serializers
from kgextract.store.base import GraphStore

FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
}

Progress = Callable[[int], None]


def load_format(name: str | None, path: str) -> str:
    """The format to read: ``name`` (any case or alias), else the file's suffix.

    GraphML is refused: it holds the entity network ``export`` draws from the
    graph, not the graph's statements.
    """
    if name is None:
        name = serializers.for_suffix(path)
        if name is None:
            raise InputError(
                path,
                "cannot tell the format from the file name; give --format (turtle, "
                "nt, nquads, trig or jsonld)",
            )
    name = serializers.resolve(name)
    if name not in FORMATS:
        raise InputError(
            path,
            f"{name} holds the entity network, not the graph's statements, and "
            "cannot be loaded; load an RDF export (nquads keeps every article's graph)",
        )
    return name


class _Counted:
    """A binary stream that reports how many bytes were read from it."""

    def __init__(self, stream: BinaryIO, report: Progress | None) -> None:
        self.stream = stream
        self.report = report
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.done += len(data)
        if self.report is not None:
            self.report(self.done)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readable(self) -> bool:
        return True


def read_quads(
    stream: BinaryIO, name: str, format: str, progress: Progress | None = None
) -> Path:
    """Parse ``stream`` whole into a temporary N-Quads file (the caller removes
    it); ``progress`` gets the bytes read. A syntax error, or a statement no article
    states, raises :class:`InputError` naming ``name`` and the line."""
    rdf_format = FORMATS[format]
    handle = tempfile.NamedTemporaryFile(
        prefix="kgextract-load-", suffix=".nq", delete=False
    )
    path = Path(handle.name)
    try:
        with handle:
            parsed = pyoxigraph.parse(_Counted(stream, progress), format=rdf_format)
            if rdf_format.supports_datasets:
                quads = list(parsed)
                for quad in quads:
                    if not isinstance(quad.graph_name, NamedNode):
                        triples = [q.triple for q in quads]
                        quads = article_graphs(triples)
                        break
            else:
                quads = article_graphs(parsed)
            pyoxigraph.serialize(quads, handle, RdfFormat.N_QUADS)
    except SyntaxError as err:
        path.unlink(missing_ok=True)
        raise InputError(name, f"not {format}: {_one_line(err)}") from None
    except KgExtractError as err:
        path.unlink(missing_ok=True)
        raise InputError(name, str(err)) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def load(
    store: GraphStore, quads_file: Path, source: str | None = None
) -> tuple[int, int]:
    """Bulk-load a file :func:`read_quads` made: (graphs, quads) loaded, each graph
    replacing its namesake. Logged like an ingest (``stats --ingests``, and the
    article count ``kgextract check`` compares with), as read from ``source``."""
    started, clock = datetime.now(timezone.utc), time.perf_counter()
    run_id = store.begin_run(
        {
            "command": "load",
            "started": started.isoformat(timespec="seconds"),
            "paths": [source or str(quads_file)],
            "articles_before": store.count_articles(),
        }
    )
    graphs, quads = store.load(quads_file)
    store.end_run(
        run_id,
        {
            "seconds": round(time.perf_counter() - clock, 1),
            "graphs": graphs,
            "quads": quads,
            "articles": store.count_articles(),
        },
    )
    return graphs, quads


def _one_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
