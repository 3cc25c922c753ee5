"""`kgextract viz`: the actor graph drawn as an offline HTML page, an SVG, a PNG.

The page is opened in a real headless Chromium: what it draws must be the graph
`query supports/opposes` describes, and hovering, clicking, searching and filtering
must work with no console error and nothing fetched.
"""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from kgextract.cli import cli

from .browser import browser

UKRAINE = "https://w3id.org/kgextract/id/country/UKR"
SWEDEN = "https://w3id.org/kgextract/id/country/SWE"
RUSSIA = "https://w3id.org/kgextract/id/country/RUS"
GREEN, RED = "#1a9850", "#d73027"


def run(*args):
    result = CliRunner().invoke(cli, [*map(str, args)])
    return result


def viz(store, *args):
    result = run("viz", "--store", store, *args)
    assert result.exit_code == 0, result.output
    return result


def stance_edges(store):
    """(actor, stance, target) -> events, as `query supports/opposes --json` say."""
    edges = {}
    for stance, role in (("supports", "supporter"), ("opposes", "opponent")):
        rows = json.loads(run("query", stance, "--json", "--store", store).stdout)
        for row in rows:
            edges[(row[f"{role}_iri"], stance, row["target_iri"])] = row["mentions"]
    return edges


@pytest.fixture(scope="module")
def page(seed_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "graph.html"
    viz(seed_store, "-o", path)
    return path


def test_the_page_is_one_self_contained_file(page):
    html = page.read_text(encoding="utf-8")
    assert "<script src" not in html and "<link" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)
    assert "@import" not in html and "url(http" not in html


def test_the_page_draws_the_graph_and_answers_hover_click_search_filter(
    page, seed_store, tmp_path
):
    expected = stance_edges(seed_store)
    assert expected[(SWEDEN, "supports", UKRAINE)] == 1  # the seed, by hand
    assert (RUSSIA, "opposes", UKRAINE) in expected
    with browser(tmp_path / "profile") as chrome:
        chrome.open(page.as_uri())
        drawn = chrome.run(
            "return Array.from(document.querySelectorAll('#graph .edge')).map(e => ["
            "e.dataset.source, e.dataset.stance, e.dataset.target, "
            "Number(e.dataset.events), e.getAttribute('stroke'), "
            "Number(e.getAttribute('stroke-width'))])"
        )
        nodes = chrome.run(
            "return Array.from(document.querySelectorAll('#graph .node'))"
            ".map(n => [n.dataset.id, n.querySelector('text').textContent])"
        )
        # what is drawn is the graph: every edge once, with its evidence count
        assert {(s, k, t): n for s, k, t, n, _, _ in drawn} == expected
        assert len(drawn) == len(expected)
        assert {iri for iri, _ in nodes} == {
            iri for s, _, t in expected for iri in (s, t)
        }
        assert [SWEDEN, "Sweden"] in nodes
        # support and opposition have their own colours; width follows evidence
        assert {colour for _, k, _, _, colour, _ in drawn if k == "supports"} == {GREEN}
        assert {colour for _, k, _, _, colour, _ in drawn if k == "opposes"} == {RED}
        width = {(s, t): w for s, _, t, n, _, w in drawn}
        events = {(s, t): n for s, _, t, n, _, _ in drawn}
        more = max(events, key=events.get)
        assert events[more] > events[(SWEDEN, UKRAINE)]
        assert width[more] > width[(SWEDEN, UKRAINE)]

        # hover a node: its name, type and mentions
        x, y = chrome.run(
            "const r = document.querySelector("
            "`.node[data-id='${arguments[0]}'] circle`).getBoundingClientRect(); "
            "return [r.x + r.width / 2, r.y + r.height / 2]",
            UKRAINE,
        )
        chrome.pointer(x, y, press=False)
        tip = chrome.run(
            "const t = document.getElementById('tooltip'); "
            "return [t.hidden, t.textContent]"
        )
        assert tip[0] is False and re.fullmatch(
            r"Ukraine · Country · \d+ mentions", tip[1]
        )

        # click an edge, on its stroke: its evidence sentences with their articles
        x, y = chrome.run(
            "const p = document.querySelector(`.edge[data-source='${arguments[0]}']"
            "[data-target='${arguments[1]}']`); const at = p.getPointAtLength("
            "p.getTotalLength() / 2).matrixTransform(p.getScreenCTM()); "
            "return [at.x, at.y]",
            SWEDEN,
            UKRAINE,
        )
        chrome.pointer(x, y, press=True)
        heading, items = chrome.run(
            "return [document.querySelector('#panel h2').textContent, "
            "Array.from(document.querySelectorAll('#panel li')).map(li => ["
            "li.querySelector('.sentence').textContent, "
            "li.querySelector('.article').textContent])]"
        )
        assert heading == "Sweden supports Ukraine: 1 event in 1 article (AID)"
        ((sentence, article),) = items
        assert "Sweden" in sentence and "military" in sentence
        assert "Ukraine Allies Back Arms and Advisers Going Deeper Into War" in article

        # search: the match is marked, the others dimmed
        chrome.type("#search", "russ")
        marked = chrome.run(
            "return Array.from(document.querySelectorAll('.node.match'))"
            ".map(n => n.dataset.id)"
        )
        assert marked == [RUSSIA]
        assert "1 match" in chrome.run(
            "return document.getElementById('status').textContent"
        )

        # filter: without opposition only the support edges stay
        chrome.click("#show-opposes")
        shown = chrome.run(
            "return Array.from(document.querySelectorAll('#graph .edge:not(.hidden)'))"
            ".map(e => e.dataset.stance)"
        )
        assert sorted(shown) == ["supports"] * sum(
            1 for _, k, _ in expected if k == "supports"
        )
        chrome.click("#show-opposes")

        errors = [e for e in chrome.console() if e["level"] == "SEVERE"]
        assert errors == []
        assert chrome.run("return performance.getEntriesByType('resource').length") == 0
        shot = chrome.screenshot(tmp_path / "viz.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"screenshot: {shot}")


def test_svg_draws_every_edge_and_node_with_a_legend(seed_store, tmp_path):
    viz(seed_store, "-o", tmp_path / "graph.svg")
    root = ET.parse(tmp_path / "graph.svg").getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    edges = root.findall(".//svg:path[@class]", ns)
    edge_paths = [e for e in edges if e.get("class", "").startswith("edge ")]
    assert len(edge_paths) == len(stance_edges(seed_store))
    names = [t.text for t in root.findall(".//svg:g[@class='node']/svg:text", ns)]
    assert {"Sweden", "Ukraine", "Russia"} <= set(names)
    legend = [t.text for t in root.findall(".//svg:g[@class='legend']/svg:text", ns)]
    assert legend[:2] == ["supports", "opposes"]


def test_png_is_a_picture_of_the_canvas(seed_store, tmp_path):
    from kgextract.viz.png import chromium

    if chromium() is None:
        pytest.skip("headless Chromium is not installed")
    viz(seed_store, "-o", tmp_path / "graph.png")
    viz(seed_store, "-o", tmp_path / "graph.svg")
    data = (tmp_path / "graph.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    svg = ET.parse(tmp_path / "graph.svg").getroot()
    size = (int(svg.get("width")), int(svg.get("height")))
    assert struct.unpack(">II", data[16:24]) == size
    assert size[0] >= 760 and size[1] > 300


@pytest.mark.parametrize(
    "args, names",
    [
        (["--around", "Sweden"], {"Sweden", "Ukraine"}),
        (["--around", "sweden", "--kind", "SUPPORTS"], {"Sweden", "Ukraine"}),
        (["--kind", "opposes"], {"Russia", "Ukraine", "Crimea"}),
        (["--around", "Crimea", "--depth", "2"], {"Crimea", "Russia", "Ukraine"}),
        (["--since", "1999", "--until", "2000"], None),  # nothing dated then
    ],
)
def test_viz_filters_around_kind_and_dates(seed_store, tmp_path, args, names):
    result = run("viz", "--store", seed_store, "-o", tmp_path / "g.svg", *args)
    if names is None:
        assert result.exit_code == 1
        assert result.output == (
            "Error: nothing to draw: no support or opposition edges\n"
        )
        return
    assert result.exit_code == 0, result.output
    root = ET.parse(tmp_path / "g.svg").getroot()
    drawn = {
        t.text
        for t in root.findall(
            ".//{http://www.w3.org/2000/svg}g[@class='node']/{http://www.w3.org/2000/svg}text"
        )
    }
    assert drawn == names


def test_viz_around_an_unknown_name_says_did_you_mean(seed_store, tmp_path):
    result = run(
        "viz", "--store", seed_store, "-o", tmp_path / "g.html", "--around", "Swedn"
    )
    assert result.exit_code == 1
    assert result.output == "Error: no entity named 'Swedn'; did you mean 'Sweden'?\n"
    assert not (tmp_path / "g.html").exists()


def test_viz_needs_a_format_it_can_tell(seed_store, tmp_path):
    result = run("viz", "--store", seed_store, "-o", tmp_path / "graph.gif")
    assert result.exit_code == 2
    assert "cannot tell the picture format from" in result.output
    stdout = run("viz", "--store", seed_store, "-o", "-", "--format", "SVG")
    assert stdout.exit_code == 0
    assert stdout.stdout.startswith("<?xml")


def test_the_layout_packs_groups_apart_and_never_heaps_nodes():
    """A corpus gives one big group and many pairs: each is laid out alone, so no
    two actors are drawn on top of each other, and the same graph is always drawn
    the same."""
    import math

    import networkx as nx

    from kgextract.viz.network import layout

    graph = nx.MultiDiGraph()
    for leaf in range(8):
        graph.add_edge("hub", f"leaf{leaf}", key="supports", events=1 + leaf % 3)
    for pair in range(12):
        graph.add_edge(f"a{pair}", f"b{pair}", key="opposes", events=1)
    positions = layout(graph)
    assert set(positions) == set(graph)
    nearest = min(
        math.dist(positions[u], positions[v])
        for u in positions
        for v in positions
        if u < v
    )
    assert nearest >= 60
    assert layout(graph) == positions
