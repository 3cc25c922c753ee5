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

# The canvas, in SVG user units (the pictures scale it): an edge is about UNIT
# long, groups of actors sit GAP apart in rows about ROW_WIDTH wide, below a title
# (TOP) and above a legend (BOTTOM).
UNIT, GAP, ROW_WIDTH = 170.0, 150.0, 1100.0
MARGIN, TOP, BOTTOM, MIN_WIDTH = 100, 90, 80, 760


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

    Each connected group of actors is laid out on its own, force-directed (the
    "force" method needs only numpy, which spaCy brings anyway) and scaled so its
    typical edge is :data:`UNIT` long; the groups are then packed in rows, biggest
    first. One layout of a whole news corpus would squeeze its many small groups
    into a heap.
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
    groups = sorted(
        (sorted(group) for group in nx.connected_components(simple)),
        key=lambda group: (-len(group), group[0]),
    )
    boxes = [_group_layout(simple.subgraph(group)) for group in groups]
    row_width = max([ROW_WIDTH, *(width for _, width, _ in boxes)])
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for placed, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        for node, (nx_, ny_) in placed.items():
            positions[node] = (round(MARGIN + x + nx_, 1), round(TOP + y + ny_, 1))
        x += width + GAP
        row_height = max(row_height, height)
    return positions


def canvas(positions: dict[str, tuple[float, float]]) -> tuple[int, int]:
    """Width and height of the picture that holds these positions, its title and
    its legend."""
    if not positions:
        return MIN_WIDTH, TOP + BOTTOM
    width = max(x for x, _ in positions.values()) + MARGIN
    height = max(y for _, y in positions.values()) + BOTTOM
    return max(MIN_WIDTH, math.ceil(width)), math.ceil(height)


def _group_layout(group: nx.Graph) -> tuple[dict, float, float]:
    """One connected group's positions from (0, 0), and its width and height."""
    nodes = sorted(group)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}, 0.0, 0.0
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (UNIT, 0.0)}, UNIT, 0.0
    raw = nx.spring_layout(
        group,
        k=1.2 / math.sqrt(len(nodes)),
        iterations=300,
        seed=7,
        weight="weight",
        method="force",
    )
    lengths = sorted(
        math.dist(tuple(map(float, raw[u])), tuple(map(float, raw[v])))
        for u, v in group.edges()
    )
    scale = UNIT / (lengths[len(lengths) // 2] or 1.0)
    xs = [float(x) * scale for x, _ in raw.values()]
    ys = [float(y) * scale for _, y in raw.values()]
    placed = {
        node: (
            float(raw[node][0]) * scale - min(xs),
            float(raw[node][1]) * scale - min(ys),
        )
        for node in nodes
    }
    return placed, max(xs) - min(xs), max(ys) - min(ys)
