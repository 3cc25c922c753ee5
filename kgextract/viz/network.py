"""The actor graph: who supports or opposes whom, as a networkx graph.

Built from :func:`~kgextract.query.named.supports` and
:func:`~kgextract.query.named.opposes`, so an edge of the picture is a row of
``kgextract query supports`` (persons rolled up to their country, negated events
left out), with the same evidence. Nothing is recomputed from the RDF here.
"""

from __future__ import annotations

import math

import networkx as nx

from kgextract.errors import KgExtractError
from kgextract.query import named

STANCES = ("supports", "opposes")
KINDS = (*STANCES, "all")

# Canvas of the layout, in SVG user units; the pictures scale it.
WIDTH, HEIGHT, MARGIN = 1200, 800, 70


def actor_graph(
    store: named.Queryable,
    *,
    kind: str = "all",
    around: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """Entities as nodes (``name``, ``type``, ``mentions``), one edge per (actor,
    target, stance) keyed by the stance, with ``events``, ``articles``,
    ``event_types``, ``hypothetical``, ``via``, ``amounts`` and ``evidence``
    (each sentence with its article's ``headline``, ``date`` and ``source``).

    ``kind`` keeps one stance; ``around`` keeps the entities at most ``depth``
    edges away from the named one (either direction); ``since``/``until`` keep
    the events of those dates. An unknown name or kind is refused.
    """
    if kind not in KINDS:
        raise KgExtractError(
            f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}"
        )
    stances = STANCES if kind == "all" else (kind,)
    articles = {
        row["article"]: row for row in named.articles(store)
    }  # headlines for the evidence
    graph = nx.MultiDiGraph()
    for stance in stances:
        role = "supporter" if stance == "supports" else "opponent"
        rows = getattr(named, stance)(store, since=since, until=until)
        for row in rows:
            evidence = [
                {
                    **item,
                    "headline": articles.get(item["article"], {}).get("headline"),
                    "date": articles.get(item["article"], {}).get("date"),
                    "source": articles.get(item["article"], {}).get("source"),
                }
                for item in row["evidence"]
            ]
            graph.add_edge(
                row[f"{role}_iri"],
                row["target_iri"],
                key=stance,
                stance=stance,
                events=row["mentions"],
                articles=row["articles"],
                event_types=row["event_types"],
                hypothetical=row["hypothetical"],
                via=row["via"],
                amounts=row["amounts"],
                evidence=evidence,
            )
            graph.nodes[row[f"{role}_iri"]]["name"] = row[role]
            graph.nodes[row["target_iri"]]["name"] = row["target"]
    if around is not None:
        graph = _around(store, graph, around, depth)
    facts = {
        row["iri"]: row
        for row in named.entities(store)
        if row["iri"] in graph  # mentions over the whole store: how big it is
    }
    for iri, node in graph.nodes(data=True):
        fact = facts.get(iri, {})
        node["iri"] = iri
        node["name"] = node.get("name") or fact.get("name") or iri.rsplit("/", 1)[-1]
        node["type"] = fact.get("type") or "Entity"
        node["mentions"] = fact.get("mentions", 0)
    return graph


def _around(
    store: named.Queryable, graph: nx.MultiDiGraph, name: str, depth: int
) -> nx.MultiDiGraph:
    centres = named.entity_iris(store, name) & set(graph)
    if not centres:
        raise KgExtractError(
            f"{name!r} neither supports nor opposes anyone, nor is supported or "
            "opposed, in the store (with these filters)"
        )
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, depth))
    return graph.subgraph(keep).copy()


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions on the canvas, the same on every run (a fixed seed): the HTML, the
    SVG and the PNG of one graph show one picture.

    Force-directed, with stronger pulls along edges with more evidence; the
    "force" method needs only numpy, which spaCy brings anyway.
    """
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    for source, target, data in graph.edges(data=True):
        weight = 1 + math.log2(data.get("events", 1))
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += weight
        else:
            simple.add_edge(source, target, weight=weight)
    if simple.number_of_nodes() == 1:
        (only,) = simple.nodes
        return {only: (WIDTH / 2, HEIGHT / 2)}
    count = simple.number_of_nodes()
    positions = nx.spring_layout(
        simple,
        k=1.8 / math.sqrt(count),
        iterations=200,
        seed=7,
        weight="weight",
        method="force",
    )
    xs = [float(x) for x, _ in positions.values()]
    ys = [float(y) for _, y in positions.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        node: (
            round(MARGIN + (float(x) - min(xs)) / span_x * (WIDTH - 2 * MARGIN), 1),
            round(MARGIN + (float(y) - min(ys)) / span_y * (HEIGHT - 2 * MARGIN), 1),
        )
        for node, (x, y) in positions.items()
    }
