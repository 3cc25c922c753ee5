"""One drawing of the actor graph, shared by the HTML page and the SVG: where each
node sits, how big it is, the path of each edge and its colour and width.

Plain data (numbers and strings), so the HTML page carries it as JSON and its
script draws exactly what the SVG writer draws.
"""

from __future__ import annotations

import math

import networkx as nx

from kgextract.viz.network import canvas, layout

STANCE_COLOURS = {"supports": "#1a9850", "opposes": "#d73027"}
TYPE_COLOURS = {
    "Country": "#4e79a7",
    "Organization": "#b07aa1",
    "Person": "#f28e2b",
    "Place": "#9c755f",
    "Group": "#76b7b2",
    "Entity": "#bab0ac",
}
ARROW = 12  # length of an arrowhead, in canvas units
BEND = 46  # how far apart two edges of one pair of nodes curve


def edge_width(events: int) -> float:
    """1 event 1.5, 2 events 3.5, 4 events 5.5 …: a log scale, since a few edges
    carry most of the evidence and a linear one would hide the rest."""
    return round(min(12.0, 1.5 + 2 * math.log2(max(events, 1))), 2)


def node_radius(mentions: int) -> float:
    """Grows with the square root of the mentions, and stops at 22: the most
    mentioned actor of a corpus must not cover its neighbours."""
    return round(min(22.0, 6 + 1.5 * math.sqrt(max(mentions, 0))), 1)


def drawing(graph: nx.MultiDiGraph, title: str = "") -> dict:
    """``{"width", "height", "title", "nodes": […], "edges": […]}``; nodes and
    edges in a stable order (by IRI), each edge with its SVG path ``d``."""
    positions = layout(graph)
    canvas_width, canvas_height = canvas(positions)
    nodes = []
    radius = {}
    for iri in sorted(graph):
        data = graph.nodes[iri]
        x, y = positions[iri]
        radius[iri] = node_radius(data.get("mentions", 0))
        nodes.append(
            {
                "id": iri,
                "name": data.get("name") or iri,
                "type": data.get("type", "Entity"),
                "mentions": data.get("mentions", 0),
                "x": x,
                "y": y,
                "r": radius[iri],
                "colour": TYPE_COLOURS.get(data.get("type"), TYPE_COLOURS["Entity"]),
            }
        )
    pairs: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for source, target, key in sorted(graph.edges(keys=True)):
        pairs.setdefault(tuple(sorted((source, target))), []).append(
            (source, target, key)
        )
    edges = []
    for (first, second), members in sorted(pairs.items()):
        for index, (source, target, key) in enumerate(members):
            data = graph.edges[source, target, key]
            offset = (index - (len(members) - 1) / 2) * BEND
            stroke = edge_width(data["events"])
            edges.append(
                {
                    "id": f"{source} {key} {target}",
                    "source": source,
                    "target": target,
                    "stance": key,
                    "events": data["events"],
                    "articles": data["articles"],
                    "event_types": data["event_types"],
                    "hypothetical": data["hypothetical"],
                    "via": data["via"],
                    "amounts": data["amounts"],
                    "evidence": data["evidence"],
                    "width": stroke,
                    "colour": STANCE_COLOURS[key],
                    "d": _path(
                        positions[first],
                        positions[second],
                        offset,
                        reverse=source != first,
                        start_gap=radius[source] + 2,
                        end_gap=radius[target] + ARROW + 1,
                    ),
                }
            )
    return {
        "width": canvas_width,
        "height": canvas_height,
        "title": title,
        "nodes": nodes,
        "edges": edges,
        "stance_colours": STANCE_COLOURS,
        "type_colours": TYPE_COLOURS,
    }


def _path(
    first: tuple[float, float],
    second: tuple[float, float],
    offset: float,
    *,
    reverse: bool,
    start_gap: float,
    end_gap: float,
) -> str:
    """A quadratic curve between two node centres, bent ``offset`` to the left of
    first->second (so the edges of one pair never overlap), cut back to the nodes'
    rims, leaving room for the arrowhead at the end."""
    (x1, y1), (x2, y2) = first, second
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    normal = (-dy / length, dx / length)
    control = ((x1 + x2) / 2 + normal[0] * offset, (y1 + y2) / 2 + normal[1] * offset)
    start, end = (second, first) if reverse else (first, second)
    start = _towards(start, control, start_gap)
    end = _towards(end, control, end_gap)
    return (
        f"M{start[0]:.1f},{start[1]:.1f} "
        f"Q{control[0]:.1f},{control[1]:.1f} {end[0]:.1f},{end[1]:.1f}"
    )


def _towards(
    point: tuple[float, float], other: tuple[float, float], distance: float
) -> tuple[float, float]:
    dx, dy = other[0] - point[0], other[1] - point[1]
    length = math.hypot(dx, dy) or 1.0
    step = min(distance, length * 0.45)
    return point[0] + dx / length * step, point[1] + dy / length * step


def describe(edge: dict, names: dict[str, str]) -> str:
    """ "France supports Ukraine: 2 events in 1 article (AID)", for hovers."""
    events = edge["events"]
    articles = edge["articles"]
    return (
        f"{names[edge['source']]} {edge['stance']} {names[edge['target']]}: "
        f"{events} event{'s' * (events != 1)} in {articles} "
        f"article{'s' * (articles != 1)} ({', '.join(edge['event_types'])})"
    )
