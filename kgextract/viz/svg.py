"""The actor graph as a static SVG, for a report: written by hand, no plotting
library, so it is small, deterministic and opens in any browser or editor."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from kgextract.viz.drawing import (
    ARROW,
    STANCE_COLOURS,
    TYPE_COLOURS,
    describe,
    edge_width,
)

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def to_svg(picture: dict) -> str:
    """The drawing (:func:`~kgextract.viz.drawing.drawing`) as an SVG document:
    edges under nodes, names under their node, a title and a legend."""
    width, height = picture["width"], picture["height"]
    names = {node["id"]: node["name"] for node in picture["nodes"]}
    types_shown = sorted({node["type"] for node in picture["nodes"]})
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="13">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        "<defs>",
    ]
    for stance, colour in STANCE_COLOURS.items():
        out.append(
            f'<marker id="arrow-{stance}" viewBox="0 0 {ARROW} 10" refX="0" '
            f'refY="5" markerWidth="{ARROW}" markerHeight="10" '
            'markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L{ARROW},5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    if picture["title"]:
        out.append(
            f'<text x="20" y="30" font-size="18" font-weight="bold" fill="#222">'
            f"{escape(picture['title'])}</text>"
        )
    out.append('<g class="edges" fill="none" stroke-linecap="round">')
    for edge in picture["edges"]:
        out.append(
            f'<path class="edge {edge["stance"]}" d="{edge["d"]}" '
            f'stroke="{edge["colour"]}" stroke-width="{edge["width"]}" '
            f'stroke-opacity="0.8" marker-end="url(#arrow-{edge["stance"]})">'
            f"<title>{escape(describe(edge, names))}</title></path>"
        )
    out.append("</g>")
    out.append('<g class="nodes">')
    for node in picture["nodes"]:
        label = f"{node['name']} ({node['type']}, {node['mentions']} mentions)"
        out.append(
            f'<g class="node"><title>{escape(label)}</title>'
            f'<circle cx="{node["x"]}" cy="{node["y"]}" r="{node["r"]}" '
            f'fill="{node["colour"]}" stroke="#ffffff" stroke-width="1.5"/>'
            f'<text x="{node["x"]}" y="{node["y"] + node["r"] + 14:.1f}" '
            'text-anchor="middle" fill="#222" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">{escape(node["name"])}</text></g>'
        )
    out.append("</g>")
    out += _legend(height, types_shown)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _legend(height: int, types_shown: list[str]) -> list[str]:
    """Stance colours, what the width means, and the node colours in use."""
    x, y = 20, height - 20
    items = []
    for stance, colour in STANCE_COLOURS.items():
        items.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 28}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="3.5"/><text x="{x + 34}" y="{y}" fill="#333">'
            f"{quoteattr(stance)[1:-1]}</text>"
        )
        x += 34 + 8 * len(stance) + 20
    for events in (1, 4, 16):
        items.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" stroke="#777" '
            f'stroke-width="{edge_width(events)}"/>'
            f'<text x="{x + 27}" y="{y}" fill="#333">{events}</text>'
        )
        x += 27 + 9 * len(str(events)) + 12
    items.append(f'<text x="{x}" y="{y}" fill="#333">events</text>')
    x += 70
    for kind in types_shown:
        colour = TYPE_COLOURS.get(kind, TYPE_COLOURS["Entity"])
        items.append(
            f'<circle cx="{x + 6}" cy="{y - 4}" r="6" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y}" fill="#333">{escape(kind)}</text>'
        )
        x += 16 + 8 * len(kind) + 18
    return ['<g class="legend">', *items, "</g>"]
