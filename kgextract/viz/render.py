"""Formats of a picture, by name and file suffix: ``kgextract viz -o graph.svg``
needs no ``--format``."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from kgextract.registry import Registry
from kgextract.viz.drawing import drawing
from kgextract.viz.html import to_html
from kgextract.viz.png import svg_to_png
from kgextract.viz.svg import to_svg

Renderer = Callable[[dict], bytes]
formats: Registry[Renderer] = Registry("picture format")


@formats.register("html", suffixes=(".html", ".htm"))
def _html(picture: dict) -> bytes:
    return to_html(picture).encode("utf-8")


@formats.register("svg", suffixes=(".svg",))
def _svg(picture: dict) -> bytes:
    return to_svg(picture).encode("utf-8")


@formats.register("png", suffixes=(".png",))
def _png(picture: dict) -> bytes:
    return svg_to_png(to_svg(picture), picture["width"], picture["height"])


def format_for(suffix: str) -> str | None:
    """The format whose suffix this is (any case), or None."""
    for name in formats:
        if suffix.lower() in formats.meta(name)["suffixes"]:
            return name
    return None


def render(graph: nx.MultiDiGraph, format: str, title: str = "") -> bytes:
    """The graph drawn in ``format`` (html, svg or png)."""
    return formats.get(format)(drawing(graph, title))
