"""The actor graph as one self-contained HTML page: the drawing as JSON, and the
page's own script and styles inlined, so it opens from a file, offline, with no
CDN and nothing fetched."""

from __future__ import annotations

import json
from html import escape
from importlib import resources

STATIC = "static"


def _static(name: str) -> str:
    return (
        resources.files("kgextract.viz")
        .joinpath(STATIC, name)
        .read_text(encoding="utf-8")
    )


def to_html(picture: dict) -> str:
    """A page that draws ``picture`` (:func:`~kgextract.viz.drawing.drawing`):
    hover for names and types, click an edge for its evidence sentences, filter by
    stance, evidence count and entity type, search by name, wheel to zoom, drag to
    pan."""
    title = picture["title"] or "kgextract"
    # "</" closes a script element whatever its type: the JSON never contains it.
    payload = json.dumps(picture, ensure_ascii=False).replace("</", "<\\/")
    types = sorted({node["type"] for node in picture["nodes"]})
    colours = picture["type_colours"]
    type_filters = "".join(
        f'<label><input type="checkbox" data-type-filter="{escape(kind)}" checked> '
        f'<span class="swatch" style="background:{colours.get(kind, "#999")};'
        f'height:10px;width:10px;border-radius:5px"></span> {escape(kind)}</label>'
        for kind in types
    )
    stance = picture["stance_colours"]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kgextract">
<title>{escape(title)}</title>
<style>
{_static("viz.css")}
</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<label><input type="checkbox" id="show-supports" checked>
<span class="swatch" style="background:{stance["supports"]}"></span> supports</label>
<label><input type="checkbox" id="show-opposes" checked>
<span class="swatch" style="background:{stance["opposes"]}"></span> opposes</label>
<label>events &ge; <input type="range" id="min-events" min="1" max="1" value="1">
<span id="min-events-value">1</span></label>
{type_filters}
<input type="search" id="search" placeholder="Search a name, Enter to go">
<button type="button" id="reset">Reset view</button>
<span id="status"></span>
</header>
<main>
<svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img"
 aria-label="{escape(title)}" preserveAspectRatio="xMidYMid meet"></svg>
<aside id="panel"><p class="hint">Hover a node or an edge for names and counts;
click an edge to read the sentences it rests on. Edge width follows the number of
events.</p></aside>
</main>
<div id="tooltip" hidden></div>
<script id="data" type="application/json">{payload}</script>
<script>
{_static("viz.js")}
</script>
</body>
</html>
"""
