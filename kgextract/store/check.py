"""``kgextract check``: is the store whole, and if not, what can be recovered.

Each check reports what it looked at, so that "ok" says something:

- **files**: the marker, and the database files RocksDB needs (``CURRENT`` naming a
  present ``MANIFEST``; RocksDB's own open then checks every data file it lists);
- **journal**: a write cut short by a crash, rolled back or finished (any read-write
  open does this; check says so);
- **readable**: every quad read through the graph index and again through the
  predicate index, and the counts agree (a damaged block fails the read; a lost
  entry makes the counts differ);
- **articles**: every article graph is complete: the article node with its
  headline, text and a content hash that matches the text, every node the shapes
  require properties of has them, and every node referred to inside the graph is
  there;
- **ingest log**: the number of articles agrees with what the log recorded after
  the last write (a store that silently lost data, as one whose ``CURRENT``
  vanished did, is caught here);
- **orphans**: no entity stated in an article's graph without anything in that
  graph referring to it;
- **shapes** (``--shacl``): the graph conforms to ``ontology/shapes.ttl``.

``repair=True`` fixes what can be fixed without guessing (rewrite ``CURRENT`` from
the newest MANIFEST, write a lost marker back, drop incomplete article graphs and
orphan statements, record the article count the store really has) and says what it
could not, with what to do instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode

from kgextract.errors import KgExtractError, StoreError
from kgextract.graph import vocab
from kgextract.graph.iris import (
    JOURNAL_GRAPH,
    VOCABULARY_GRAPH,
    article_namespace,
    is_article_iri,
)
from kgextract.model import content_hash
from kgextract.store.base import GraphStore, one_line
from kgextract.store.files import database_problems, manifests, rewrite_current

OK, REPAIRED, PROBLEM, UNREPAIRED = "ok", "repaired", "problem", "not repaired"

# Properties every node of a class has in its article's graph (the shapes' minCount
# 1 constraints that hold per article, not only in the union).
REQUIRED = {
    "kg:Article": (
        "schema:headline",
        "kg:contentHash",
        "schema:text",
        "kg:source",
        "kg:characters",
    ),
    "kg:Sentence": ("kg:inArticle", "kg:index", "kg:startChar", "kg:endChar"),
    "kg:Mention": ("kg:inArticle", "kg:startChar", "kg:endChar", "kg:denotes"),
    "kg:Event": (
        "kg:eventType",
        "kg:actor",
        "kg:verb",
        "kg:negated",
        "kg:hypothetical",
        "kg:inArticle",
        "kg:inSentence",
    ),
    "kg:Relation": (
        "kg:relationType",
        "kg:subject",
        "kg:object",
        "kg:confidence",
        "kg:inArticle",
        "kg:inSentence",
    ),
}
# Properties whose object is a node of the same article's graph.
REFERENCES = (
    "kg:inSentence",
    "kg:denotes",
    "kg:actor",
    "kg:target",
    "kg:subject",
    "kg:object",
    "kg:amount",
)
ENTITY_CLASSES = " ".join(f"kg:{name}" for name in vocab.ENTITY_TYPES)


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's outcome: ``status`` is ok, repaired, problem (found, not asked
    to repair) or not repaired (asked, could not); ``detail`` says what was seen
    or done, and what to do when it is up to the user."""

    check: str
    status: str
    detail: str


@dataclass
class CheckReport:
    location: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing left wrong: every finding ok or repaired."""
        return all(f.status in (OK, REPAIRED) for f in self.findings)

    def add(self, check: str, status: str, detail: str) -> None:
        self.findings.append(Finding(check, status, detail))


def check_store(
    location: str | Path,
    *,
    repair: bool = False,
    shapes: Path | None = None,
    timeout: float | None = None,
) -> CheckReport:
    """Check the store at ``location`` (a directory or an endpoint URL); with
    ``repair``, fix what can be fixed; with ``shapes``, also validate against them.

    The store is opened for writing, so no ingest runs meanwhile (a locked store is
    reported, not waited for) and a crash's journal is dealt with first.
    """
    text = str(location)
    report = CheckReport(text)
    if text.lower().startswith(("http://", "https://")):
        from kgextract.store.remote import RemoteStore

        try:
            store: GraphStore = RemoteStore.open(text, timeout=timeout)
        except KgExtractError as err:
            report.add("endpoint", PROBLEM, str(err))
            return report
        report.add("endpoint", OK, "answers SPARQL queries and updates")
    else:
        path = Path(location)
        if not _check_files(path, report, repair):
            return report
        store = _open_embedded(path, report)
        if store is None:
            return report
    from kgextract.store.embedded import Store

    with store:
        if isinstance(store, Store):
            _check_readable(store, report)
        _check_articles(store, report, repair)
        if isinstance(store, Store):
            _check_log(store, report, repair)
        _check_orphans(store, report, repair)
        if shapes is not None:
            _check_shapes(store, report, shapes)
    return report


# -- files -------------------------------------------------------------------------


def _check_files(path: Path, report: CheckReport, repair: bool) -> bool:
    """The marker and the database files; False when nothing more can be checked."""
    from kgextract.store.embedded import (
        DATABASE,
        MARKER,
        _check_marker,
        _write_marker,
        looks_like_store,
    )

    if not path.is_dir():
        report.add("files", PROBLEM, f"{path}: no store directory here")
        return False
    marker = path / MARKER
    if not marker.exists():
        if not looks_like_store(path):
            report.add("files", PROBLEM, f"{path}: not a kgextract store")
            return False
        if not repair:
            report.add(
                "files",
                PROBLEM,
                f"{MARKER} is missing, but the database is there; --repair writes "
                "it back",
            )
            return False
        _write_marker(path)
        report.add("files", REPAIRED, f"{MARKER} was missing: written back")
    try:
        _check_marker(marker)
    except StoreError as err:
        report.add("files", UNREPAIRED if repair else PROBLEM, str(err))
        return False
    database = path / DATABASE
    problems = database_problems(database)
    if problems and repair and database.is_dir() and manifests(database):
        newest = rewrite_current(database)
        report.add(
            "files",
            REPAIRED,
            f"{problems[0]}: CURRENT now names the newest manifest, {newest}",
        )
        problems = database_problems(database)
    if problems:
        advice = _rebuild_advice(path)
        report.add(
            "files",
            UNREPAIRED if repair else PROBLEM,
            f"{problems[0]}; "
            + (
                "kgextract cannot rebuild it: " + advice
                if repair
                else "run `kgextract check --repair` to recover what can be"
            ),
        )
        return False
    current = (database / "CURRENT").read_text(encoding="ascii").strip()
    files = sum(1 for name in _listing(database) if name.endswith(".sst"))
    report.add("files", OK, f"CURRENT names {current}; {files} data files")
    return True


def _open_embedded(path: Path, report: CheckReport):
    """The store opened for writing (its journal dealt with), or None, reported."""
    from kgextract.store.embedded import PENDING, Store

    journal = _read_json(path / PENDING)
    try:
        store = Store.open(path)
    except StoreError as err:
        detail = str(err)
        if "damaged store" in detail:
            detail = detail.split("; run `kgextract check", 1)[0]
            detail += "; kgextract cannot rebuild a lost data file: " + (
                _rebuild_advice(path)
            )
        report.add("database", PROBLEM, detail)
        return None
    report.add("database", OK, "opens for writing")
    if journal is not None:
        phase = journal.get("phase", "writing") if isinstance(journal, dict) else "?"
        done = (
            "rolled back (its articles are written again by a re-run)"
            if phase == "writing"
            else "finished (the entity clean-up after it)"
        )
        report.add("journal", REPAIRED, f"a write cut short by a crash was {done}")
    return store


def _rebuild_advice(path: Path) -> str:
    """What to do when the data is gone: a backup, or the ingests the log lists."""
    from kgextract.store.embedded import INGEST_LOG

    paths: list[str] = []
    try:
        for line in (path / INGEST_LOG).read_text(encoding="utf-8").splitlines():
            try:
                run = json.loads(line)
            except ValueError:
                continue
            if isinstance(run, dict) and run.get("command", "ingest") == "ingest":
                paths += [p for p in run.get("paths", []) if p not in paths]
    except OSError:
        pass
    again = (
        "kgextract ingest " + " ".join(_quoted(p) for p in paths) + " --store NEW"
        if paths
        else "kgextract ingest YOUR-SOURCES --store NEW"
    )
    return f"restore the store from a backup, or ingest again into a new store: {again}"


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


# -- reading everything --------------------------------------------------------------


def _check_readable(store, report: CheckReport) -> None:
    """Every quad by graph, then by predicate: each read checks the blocks' checksums,
    and the two indexes must hold the same number of quads."""
    db = store._store
    try:
        by_graph = 0
        predicates: set[NamedNode] = set()
        graphs = [*db.named_graphs(), DefaultGraph()]
        for graph in graphs:
            for quad in db.quads_for_pattern(None, None, None, graph):
                by_graph += 1
                predicates.add(quad.predicate)
        by_predicate = sum(
            1
            for predicate in predicates
            for _ in db.quads_for_pattern(None, predicate, None, None)
        )
        whole = sum(1 for _ in db.quads_for_pattern(None, None, None, None))
    except (OSError, RuntimeError) as err:
        report.add(
            "readable",
            PROBLEM,
            f"a read failed: {one_line(err)}; restore the store from a backup, or "
            "ingest again into a new store (`kgextract stats --ingests` lists what "
            "was ingested)",
        )
        return
    if not by_graph == by_predicate == whole:
        report.add(
            "readable",
            PROBLEM,
            f"the indexes disagree: {by_graph} quads by graph, {by_predicate} by "
            f"predicate, {whole} in all; restore the store from a backup",
        )
        return
    report.add(
        "readable",
        OK,
        f"{by_graph:,} quads in {len(graphs) - 1:,} graphs, read by graph and by "
        "predicate",
    )


# -- article graphs ------------------------------------------------------------------


ARTICLE_NODES = """
SELECT ?g ?headline ?hash ?text ?characters ?source WHERE {
  GRAPH ?g {
    ?g a kg:Article .
    OPTIONAL { ?g schema:headline ?headline }
    OPTIONAL { ?g kg:contentHash ?hash }
    OPTIONAL { ?g schema:text ?text }
    OPTIONAL { ?g kg:characters ?characters }
    OPTIONAL { ?g kg:source ?source }
  }
}"""

MISSING_PROPERTIES = """
SELECT DISTINCT ?g ?node ?class ?property WHERE {{
  VALUES (?class ?property) {{ {pairs} }}
  GRAPH ?g {{ ?node a ?class }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?node ?property ?value }} }}
  FILTER(STRSTARTS(STR(?g), "{articles}"))
}}"""

DANGLING = """
SELECT DISTINCT ?g ?property ?node WHERE {{
  VALUES ?property {{ {properties} }}
  GRAPH ?g {{ ?s ?property ?node }}
  FILTER(isIRI(?node))
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?node a ?class }} }}
  FILTER(STRSTARTS(STR(?g), "{articles}"))
}}"""


def _check_articles(store: GraphStore, report: CheckReport, repair: bool) -> None:
    """Every article graph complete; with ``repair``, incomplete ones are dropped
    (their sources named, to ingest again)."""
    broken: dict[str, str] = {}
    sources: dict[str, str] = {}
    for row in store.query(ARTICLE_NODES, union=False):
        graph = row["g"].value
        if row["source"] is not None:
            sources[graph] = row["source"].value
        values = {name: row[name] for name in ("headline", "hash", "text")}
        missing = [name for name, value in values.items() if value is None]
        if missing or row["characters"] is None:
            broken.setdefault(graph, "no " + " or ".join(missing or ["length"]))
            continue
        text = values["text"].value
        expected = content_hash(f"{values['headline'].value}\n\n{text}")
        if expected != values["hash"].value or int(row["characters"].value) != len(
            text
        ):
            broken.setdefault(graph, "its text does not match its content hash")
    articles = [graph for graph in store.graph_names() if is_article_iri(graph)]
    for graph in articles:
        if graph not in sources and graph not in broken:
            broken[graph] = "no article node"
    pairs = " ".join(f"({c} {p})" for c, props in REQUIRED.items() for p in props)
    for row in store.query(
        MISSING_PROPERTIES.format(pairs=pairs, articles=article_namespace()),
        union=False,
    ):
        graph = row["g"].value
        broken.setdefault(
            graph,
            f"{_short(row['node'].value)} ({_short(row['class'].value)}) has no "
            f"{_short(row['property'].value)}",
        )
    for row in store.query(
        DANGLING.format(properties=" ".join(REFERENCES), articles=article_namespace()),
        union=False,
    ):
        graph = row["g"].value
        broken.setdefault(
            graph,
            f"{_short(row['node'].value)}, its {_short(row['property'].value)}, is "
            "not in the graph",
        )
    if not broken:
        report.add("articles", OK, f"{len(articles):,} article graphs, all complete")
        return
    listed = "; ".join(
        f"{sources.get(graph, graph)}: {why}" for graph, why in sorted(broken.items())
    )
    if not repair:
        report.add(
            "articles",
            PROBLEM,
            f"{len(broken)} incomplete article graph(s): {listed}; --repair drops "
            "them, then ingest their sources again",
        )
        return
    store.update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in broken))
    store.end_run(
        None,
        {
            "command": "check --repair",
            "started": _now(),
            "paths": [],
            "removed": len(broken),
            "articles": store.count_articles(),
        },
    )
    again = sorted({sources[g].split("#")[0] for g in broken if g in sources})
    report.add(
        "articles",
        REPAIRED,
        f"dropped {len(broken)} incomplete article graph(s) ({listed})"
        + (
            "; ingest their sources again: kgextract ingest "
            + " ".join(_quoted(s) for s in again)
            if again
            else ""
        ),
    )


def _short(iri: str) -> str:
    for prefix, namespace in vocab.PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


# -- the ingest log ------------------------------------------------------------------


def _check_log(store, report: CheckReport, repair: bool) -> None:
    """The article count the log recorded after the last write, against the store."""
    articles = store.count_articles()
    recorded = [run for run in store.ingests() if isinstance(run.get("articles"), int)]
    if not recorded:
        report.add(
            "ingest log",
            OK,
            f"{articles:,} articles; the log records no count to compare with "
            "(written by an older kgextract)",
        )
        return
    last = recorded[-1]
    expected = last["articles"]
    when = last.get("started", "?")
    command = last.get("command", "ingest")
    if expected == articles:
        report.add(
            "ingest log",
            OK,
            f"{articles:,} articles, as recorded after the last write ({command}, "
            f"{when})",
        )
        return
    seen = (
        f"the log recorded {expected:,} articles after the last write ({command}, "
        f"{when}), the store has {articles:,}"
    )
    if not repair:
        report.add(
            "ingest log",
            PROBLEM,
            f"{seen}: data was lost or changed outside kgextract; --repair records "
            "the count the store has now",
        )
        return
    store.end_run(
        None,
        {
            "command": "check --repair",
            "started": _now(),
            "paths": [],
            "articles": articles,
            "note": seen,
        },
    )
    lost = max(0, expected - articles)
    report.add(
        "ingest log",
        UNREPAIRED if lost else REPAIRED,
        f"{seen}; the count is recorded now"
        + (
            f", but the {lost:,} missing articles cannot be recovered from this store: "
            + _rebuild_advice(store.path).replace(" --store NEW", "")
            if lost
            else ""
        ),
    )


# -- orphans -------------------------------------------------------------------------


ORPHANS = """
SELECT DISTINCT ?g ?entity WHERE {{
  VALUES ?class {{ {classes} }}
  GRAPH ?g {{ ?entity a ?class }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?other ?p ?entity }} }}
  FILTER(STRSTARTS(STR(?g), "{articles}"))
}}"""


def _check_orphans(store: GraphStore, report: CheckReport, repair: bool) -> None:
    """Entities stated in an article's graph that nothing in that graph refers to
    (no mention denotes them, no event, relation or role names them): left behind,
    not extracted."""
    rows = list(
        store.query(
            ORPHANS.format(classes=ENTITY_CLASSES, articles=article_namespace()),
            union=False,
        )
    )
    orphans = sorted({(row["g"].value, row["entity"].value) for row in rows})
    if not orphans:
        report.add("orphans", OK, "every entity is referred to in its article")
        return
    listed = ", ".join(sorted({_short(entity) for _, entity in orphans})[:10])
    if not repair:
        report.add(
            "orphans",
            PROBLEM,
            f"{len(orphans)} orphan entity statement group(s) ({listed}); --repair "
            "deletes them",
        )
        return
    store.update(
        " ;\n".join(
            f"DELETE WHERE {{ GRAPH <{graph}> {{ <{entity}> ?p ?o }} }}"
            for graph, entity in orphans
        )
    )
    report.add("orphans", REPAIRED, f"deleted {len(orphans)} orphan(s) ({listed})")


# -- shapes --------------------------------------------------------------------------


def _check_shapes(
    store: GraphStore, report: CheckReport, shapes: Path, chunk: int = 200
) -> None:
    """SHACL validation with pyshacl, ``chunk`` articles at a time (with the event
    type vocabulary): rdflib holds what it validates in memory."""
    try:
        import pyshacl
        import rdflib
    except ImportError:
        report.add(
            "shapes",
            PROBLEM,
            "pyshacl is not installed: pip install 'kgextract[shacl]'",
        )
        return
    try:
        shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    except Exception as err:  # noqa: BLE001 - any parse error, one line
        report.add("shapes", PROBLEM, f"{shapes}: unreadable ({one_line(err)})")
        return
    graphs = sorted(
        graph
        for graph in store.graph_names()
        if graph not in (VOCABULARY_GRAPH, JOURNAL_GRAPH)
    )
    vocabulary = store.graph_quads(VOCABULARY_GRAPH)
    failures: list[str] = []
    for start in range(0, max(len(graphs), 1), chunk):
        quads = set(vocabulary)
        for graph in graphs[start : start + chunk]:
            quads |= store.graph_quads(graph)
        data = rdflib.Graph().parse(
            data=pyoxigraph.serialize(
                (q.triple for q in quads), format=pyoxigraph.RdfFormat.N_TRIPLES
            ),
            format="nt",
        )
        conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph)
        if not conforms:
            failures += list(_violations(results))
    if failures:
        report.add(
            "shapes",
            PROBLEM,
            f"{len(failures)} violation(s) of {shapes.name}: "
            + "; ".join(failures[:5]),
        )
    else:
        report.add(
            "shapes",
            OK,
            f"{len(graphs):,} graphs and the event types conform to {shapes.name}",
        )


def _violations(results) -> Iterator[str]:
    from rdflib.namespace import SH

    for result in results.subjects(predicate=SH.focusNode):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        yield f"{_short(str(focus))} {_short(str(path)) if path else ''}: {message}"


# -- helpers -------------------------------------------------------------------------


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _listing(directory: Path) -> list[str]:
    try:
        return [p.name for p in directory.iterdir()]
    except OSError:
        return []


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")
