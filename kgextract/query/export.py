"""Export the store: RDF formats streamed from pyoxigraph, GraphML through networkx.

Each serializer writes the whole store to a binary stream and returns how many
``unit``s (its registry metadata: triples, quads, or graph elements) it wrote. Triple
formats hold the union of all article graphs; dataset formats keep one graph per
article. :func:`export` adds the file handling: a temporary file in the target's
directory, renamed into place only when complete.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import networkx as nx
from pyoxigraph import RdfFormat

from kgextract.errors import KgExtractError
from kgextract.graph import vocab
from kgextract.graph.iris import VOCABULARY_GRAPH, term_name
from kgextract.registry import Registry
from kgextract.store.embedded import GraphStore

Serializer = Callable[[GraphStore, BinaryIO], int]

serializers: Registry[Serializer] = Registry("serializer")


# N-Triples and N-Quads write one statement per line (a newline inside a literal is
# escaped), so counting lines replaces a separate counting pass over the store.
_LINE_FORMATS = (RdfFormat.N_TRIPLES, RdfFormat.N_QUADS)


class _LineCounter:
    """A binary stream that counts the newlines written through it."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.lines += data.count(b"\n")
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def _rdf_serializer(rdf_format: RdfFormat) -> Serializer:
    """Triple formats get the union graph (distinct triples), dataset formats the
    store's quads, both streamed by pyoxigraph without building a graph in Python."""
    is_dataset = rdf_format.supports_datasets

    def serialize(store: GraphStore, out: BinaryIO) -> int:
        if rdf_format in _LINE_FORMATS:  # one statement a line: count while writing
            counted = _LineCounter(out)
            store.dump(counted, rdf_format, union=not is_dataset)
            return counted.lines
        count = store.count_quads() if is_dataset else store.count_triples()
        store.dump(out, rdf_format, union=not is_dataset)
        return count

    serialize.__name__ = f"to_{rdf_format.file_extension}"
    serialize.__doc__ = f"The store as {rdf_format.name}."
    return serialize


# Other names and file suffixes a format goes by: `--format ttl`, `-o graph.nquads`.
ALIASES = {
    "turtle": ("ttl",),
    "nt": ("ntriples", "n-triples"),
    "nquads": ("nq", "n-quads"),
    "trig": (),
    "jsonld": ("json-ld", "json"),
    "graphml": (),
}
SUFFIXES = {
    "turtle": (".ttl", ".turtle"),
    "nt": (".nt", ".ntriples"),
    "nquads": (".nq", ".nquads"),
    "trig": (".trig",),
    "jsonld": (".jsonld", ".json"),
    "graphml": (".graphml",),
}

for _name, _format in [
    ("turtle", RdfFormat.TURTLE),
    ("nt", RdfFormat.N_TRIPLES),
    ("nquads", RdfFormat.N_QUADS),
    ("trig", RdfFormat.TRIG),
]:
    serializers.register(
        _name,
        suffix="." + _format.file_extension,
        suffixes=SUFFIXES[_name],
        aliases=ALIASES[_name],
        media_type=_format.media_type,
        is_dataset=_format.supports_datasets,
        unit="quads" if _format.supports_datasets else "triples",
    )(_rdf_serializer(_format))


@serializers.register(
    "jsonld",
    suffix=".jsonld",
    suffixes=SUFFIXES["jsonld"],
    aliases=ALIASES["jsonld"],
    media_type="application/ld+json",
    is_dataset=True,
    unit="quads",
)
def to_jsonld(store: GraphStore, out: BinaryIO) -> int:
    """Compacted JSON-LD (see :mod:`kgextract.graph.jsonld`), one graph per
    article, written graph by graph so memory holds one article at a time."""
    from kgextract.graph.jsonld import write_jsonld

    return write_jsonld(
        (
            (name, store.graph_quads(name))
            for name in sorted(_graph_names(store), key=_vocabulary_last)
        ),
        out,
    )


GRAPH_NAMES = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _graph_names(store: GraphStore) -> list[str]:
    return [row["g"].value for row in store.query(GRAPH_NAMES)]


def _vocabulary_last(name: str) -> tuple[bool, str]:
    return (name == VOCABULARY_GRAPH, name)


ENTITY_CLASSES = " ".join(f"kg:{name}" for name in vocab.ENTITY_TYPES)

ENTITIES = f"""
SELECT DISTINCT ?entity ?type ?label WHERE {{
  VALUES ?type {{ {ENTITY_CLASSES} }}
  ?entity a ?type .
  OPTIONAL {{ ?entity rdfs:label ?label }}
}}"""

MENTION_COUNTS = """
SELECT ?entity (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
  ?mention kg:denotes ?entity .
} GROUP BY ?entity"""

STANCE_EDGES = f"""
SELECT ?actor ?relation ?target
       (COUNT(DISTINCT ?event) AS ?mentions) (COUNT(DISTINCT ?article) AS ?articles)
WHERE {{
  GRAPH ?article {{ ?actor ?relation ?target }}
  VALUES ?relation {{ kg:supports kg:opposes }}
  GRAPH ?article {{
    ?event kg:actor ?actor ; kg:target ?target ; kg:eventType ?type ;
           kg:negated false .
  }}
  GRAPH <{VOCABULARY_GRAPH}> {{ ?type kg:stance ?relation }}
}} GROUP BY ?actor ?relation ?target"""

EVENT_EDGES = """
SELECT ?event ?actor ?target ?type ?cameo ?sentence ?negated WHERE {
  ?event a kg:Event ; kg:actor ?actor ; kg:target ?target ;
         kg:eventType ?typeIri ; kg:cameoCode ?cameo ; kg:negated ?negated .
  OPTIONAL { ?event kg:inSentence/kg:text ?sentence }
  BIND(STRAFTER(STR(?typeIri), STR(kgt:)) AS ?type)
}"""

# One edge per (head, relation property, tail): how many relation nodes say so, in
# how many articles, and the classifier's highest confidence among them.
RELATION_EDGES = """
SELECT ?head ?property ?tail (COUNT(DISTINCT ?node) AS ?mentions)
       (COUNT(DISTINCT ?article) AS ?articles) (MAX(?confidence) AS ?best)
WHERE {
  ?node a kg:Relation ; kg:relationType ?property ; kg:subject ?head ;
        kg:object ?tail ; kg:inArticle ?article ; kg:confidence ?confidence .
} GROUP BY ?head ?property ?tail"""


def entity_graph(store: GraphStore) -> nx.MultiDiGraph:
    """Entities as nodes; stance edges (supports/opposes), relation edges (worksFor,
    basedIn, locatedIn, livesIn, killed) and one edge per event.

    For tools that want a network, not RDF (Gephi, networkx). Keyed by IRI so the
    nodes and edges can be looked up in the RDF export. An entity typed differently
    in two articles takes the alphabetically first type and label: GraphML holds one
    value per attribute.
    """
    graph = nx.MultiDiGraph()
    entities: dict[str, dict[str, str]] = {}
    for row in store.query(ENTITIES):
        iri = row["entity"].value
        node = {
            "type": term_name(row["type"].value),
            "label": row["label"].value if row["label"] is not None else "",
        }
        if iri not in entities or _first(node, entities[iri]):
            entities[iri] = node
    mentions = {
        row["entity"].value: int(row["mentions"].value)
        for row in store.query(MENTION_COUNTS)
    }
    for iri in sorted(entities):
        graph.add_node(iri, iri=iri, mentions=mentions.get(iri, 0), **entities[iri])
    for row in store.query(STANCE_EDGES):
        relation = term_name(row["relation"].value)
        graph.add_edge(
            row["actor"].value,
            row["target"].value,
            key=relation,
            relation=relation,
            mentions=int(row["mentions"].value),
            articles=int(row["articles"].value),
        )
    for row in store.query(RELATION_EDGES):
        relation = term_name(row["property"].value)
        graph.add_edge(
            row["head"].value,
            row["tail"].value,
            key=relation,
            relation=relation,
            mentions=int(row["mentions"].value),
            articles=int(row["articles"].value),
            confidence=float(row["best"].value),
        )
    for row in store.query(EVENT_EDGES):
        attributes = {
            "relation": "event",
            "iri": row["event"].value,
            "type": row["type"].value,
            "cameo": row["cameo"].value,
            "negated": row["negated"].value == "true",
        }
        if row["sentence"] is not None:
            attributes["sentence"] = row["sentence"].value
        graph.add_edge(
            row["actor"].value,
            row["target"].value,
            key=row["event"].value,
            **attributes,
        )
    for iri in graph.nodes:  # an event's entity missing from the entity list
        graph.nodes[iri].setdefault("iri", iri)
    return graph


def _first(node: dict[str, str], current: dict[str, str]) -> bool:
    return (node["type"], node["label"]) < (current["type"], current["label"])


@serializers.register(
    "graphml",
    suffix=".graphml",
    suffixes=SUFFIXES["graphml"],
    aliases=ALIASES["graphml"],
    media_type="application/graphml+xml",
    is_dataset=False,
    unit="nodes and edges",
)
def to_graphml(store: GraphStore, out: BinaryIO) -> int:
    """The entity network (see :func:`entity_graph`) as GraphML."""
    graph = entity_graph(store)
    nx.write_graphml(graph, out, encoding="utf-8")
    return graph.number_of_nodes() + graph.number_of_edges()


def export(
    store: GraphStore,
    format: str,
    out_path: Path | None,
    stream: BinaryIO | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the store in ``format`` to ``out_path``, or to ``stream`` (stdout) if None.

    Returns the count of the serializer's ``unit`` written. A file is written
    atomically: on any failure the previous file, if any, is left as it was.
    ``progress`` is called with the lines written so far: every format here writes
    about one statement a line.
    """
    serializer = serializers.get(format)

    def run(out: BinaryIO) -> int:
        return serializer(store, _Progress(out, progress) if progress else out)

    if out_path is None:
        return run(stream if stream is not None else sys.stdout.buffer)
    return write_atomically(Path(out_path), run)


def format_for(path: str | Path) -> str | None:
    """The export format a file's suffix names (``graph.nt`` -> nt), or None."""
    return serializers.for_suffix(str(path))


def export_total(store: GraphStore, format: str) -> int | None:
    """How many statements an export of ``format`` writes, for a progress bar."""
    meta = serializers.meta(format)
    if meta["unit"] == "quads":
        return store.count_quads()
    if meta["unit"] == "triples":
        return store.count_triples()
    return None


class _Progress:
    """A binary stream that reports the lines written through it, every 64 KB."""

    def __init__(self, out: BinaryIO, report: Callable[[int], None]) -> None:
        self.out = out
        self.report = report
        self.lines = 0
        self.pending = 0

    def write(self, data: bytes) -> int:
        self.lines += data.count(b"\n")
        self.pending += len(data)
        if self.pending >= 1 << 16:
            self.pending = 0
            self.report(self.lines)
        return self.out.write(data)

    def flush(self) -> None:
        self.report(self.lines)
        self.out.flush()


def write_atomically(path: Path, write: Callable[[BinaryIO], int]) -> int:
    """Call ``write`` on a temporary file beside ``path``, then rename it to ``path``.

    Same directory, so ``os.replace`` is a rename on one filesystem: readers see the
    old file or the complete new one. The temporary file is removed on any failure,
    including KeyboardInterrupt.
    """
    directory = path.parent
    try:
        handle = tempfile.NamedTemporaryFile(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
    except OSError as err:
        raise KgExtractError(f"{path}: cannot write: {err.strerror}") from None
    temporary = Path(handle.name)
    try:
        with handle:
            # mkstemp makes the file 0600; the export is the user's file, made as
            # their umask says (0644 under the usual 022).
            os.chmod(handle.fileno(), 0o666 & ~current_umask())
            count = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise KgExtractError(f"{path}: cannot write: {err.strerror or err}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def current_umask() -> int:
    """The process's umask, read without changing it where Linux allows (setting
    and restoring it would race with threads creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
