"""Pictures of the graph: the actor network drawn as an interactive HTML page, an
SVG or a PNG.

``network`` turns the named queries' supports/opposes rows into a networkx graph and
lays it out; ``html``, ``svg`` and ``png`` draw that one layout. Nothing here talks
to the terminal or loads spaCy: ``kgextract viz`` starts as fast as a query.
"""

from __future__ import annotations

from kgextract.viz.network import actor_graph, layout
from kgextract.viz.render import formats, render

__all__ = ["actor_graph", "formats", "layout", "render"]
