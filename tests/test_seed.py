"""The foundation's promises on the bundled seed article, asked through the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.graph.build import event_type_quads

from .conftest import ROOT, SEEDS

CONTRIBUTORS = [
    "Aliaksandr Kudrytski",
    "Justin Sink",
    "James Regan",
    "Natalia Drozdiak",
    "Alberto Nardelli",
    "Haslinda Amin",
    "Daryna Krasnolutska",
    "Milda Seputyte",
    "Reinie Booysen",
    "Courtney McBride",
]
PLACES = [
    "Kyiv",
    "Normandy",
    "Crimea",
    "Stockholm",
    "Prague",
    "Singapore",
    "Switzerland",
]


def run_json(store, *args):
    result = CliRunner().invoke(cli, [*args, "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def edges(rows, first):
    return {(row[first], row["target"]) for row in rows}


def test_allies_support_ukraine(seed_store):
    rows = run_json(seed_store, "query", "supports")
    supporters = {s for s, t in edges(rows, "supporter") if t == "Ukraine"}
    assert {
        "United States",
        "Germany",
        "France",
        "Sweden",
        "Lithuania",
        "Estonia",
    } <= supporters


def test_supports_filters_by_target_and_by_supporter(seed_store):
    to_ukraine = run_json(seed_store, "query", "supports", "Ukraine")
    assert to_ukraine and all(row["target"] == "Ukraine" for row in to_ukraine)
    by_sweden = run_json(seed_store, "query", "supports", "--by", "Sweden")
    assert edges(by_sweden, "supporter") == {("Sweden", "Ukraine")}


def test_russia_opposes_ukraine(seed_store):
    rows = run_json(seed_store, "query", "opposes")
    assert ("Russia", "Ukraine") in edges(rows, "opponent")


def test_swedish_package_carries_both_amounts(seed_store):
    (row,) = run_json(seed_store, "query", "supports", "Ukraine", "--by", "Sweden")
    amounts = {(a["value"], a["currency"]) for a in row["amounts"]}
    assert {(13.3e9, "SEK"), (1.3e9, "USD")} <= amounts
    assert all(e["article"] for e in row["evidence"])


def test_supports_rows_have_the_documented_fields(seed_store):
    row = run_json(seed_store, "query", "supports")[0]
    for field in (
        "supporter",
        "supporter_iri",
        "target",
        "target_iri",
        "mentions",
        "articles",
        "event_types",
        "evidence",
    ):
        assert field in row
    assert {"article", "sentence", "event_type"} <= set(row["evidence"][0])


def test_leaders_are_affiliated_with_their_states(seed_store):
    people = {
        row["name"]: set(row["affiliations"])
        for row in run_json(seed_store, "query", "entities", "--type", "Person")
    }
    assert "Germany" in people["Olaf Scholz"]
    assert "France" in people["Emmanuel Macron"]
    assert "United States" in people["Joe Biden"]
    assert "Ukraine" in people["Volodymyr Zelenskiy"]


def test_no_contributor_headline_or_section_head_is_an_entity(seed_store):
    names = {row["name"] for row in run_json(seed_store, "query", "entities")}
    aliases = {
        alias
        for row in run_json(seed_store, "query", "entities")
        for alias in row["aliases"]
    }
    for name in [
        *CONTRIBUTORS,
        "Ukraine Allies Back Arms and Advisers Going Deeper Into War",
        "Crimea Strikes",
        "Scaling Down Costs",
        "Most Read",
    ]:
        assert name not in names
        assert name not in aliases


def test_no_place_is_a_person(seed_store):
    people = {
        row["name"]
        for row in run_json(seed_store, "query", "entities", "--type", "Person")
    }
    assert not people & set(PLACES)


def test_entity_accepts_an_alias(seed_store):
    row = run_json(seed_store, "query", "entity", "Scholz")
    assert row["name"] == "Olaf Scholz"
    assert row["type"] == "Person"
    assert "Germany" in row["affiliations"]


def test_events_of_an_actor(seed_store):
    rows = run_json(seed_store, "query", "events", "--actor", "Germany")
    assert rows
    for row in rows:
        for field in (
            "event",
            "type",
            "cameo",
            "quad",
            "actor",
            "verb",
            "sentence",
            "article",
        ):
            assert field in row
    assert any(row["target"] == "Ukraine" for row in rows)


def test_articles_lists_the_seed(seed_store):
    (row,) = run_json(seed_store, "query", "articles")
    assert (
        row["headline"] == "Ukraine Allies Back Arms and Advisers Going Deeper Into War"
    )
    assert row["source"].endswith("000_a9412eb69c318b0a.txt")
    assert row["events"] > 0 and row["entities"] > 0 and row["chars"] > 3000


def test_ingest_twice_leaves_stats_unchanged(tmp_path):
    store = tmp_path / "store"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(SEEDS), "--store", str(store), "-q"])
    assert first.exit_code == 0, first.output
    before = run_json(store, "stats")
    again = runner.invoke(cli, ["ingest", str(SEEDS), "--store", str(store), "-q"])
    assert again.exit_code == 0, again.output
    assert run_json(store, "stats") == before
    forced = runner.invoke(
        cli, ["ingest", str(SEEDS), "--store", str(store), "-q", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert run_json(store, "stats") == before


def test_turtle_export_parses_back_to_the_same_triple_count(seed_store, tmp_path):
    import rdflib

    out = tmp_path / "graph.ttl"
    result = CliRunner().invoke(
        cli,
        ["export", "--format", "turtle", "-o", str(out), "--store", str(seed_store)],
    )
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out, format="turtle")
    # the export also carries the event-type vocabulary, which stats leaves out
    vocabulary = len(event_type_quads())
    assert len(graph) == run_json(seed_store, "stats")["triples"] + vocabulary


@pytest.mark.parametrize(
    "fmt, rdflib_format",
    [("nt", "nt"), ("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")],
)
def test_every_rdf_format_exports_and_parses(seed_store, tmp_path, fmt, rdflib_format):
    import rdflib

    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "--format", fmt, "-o", str(out), "--store", str(seed_store)]
    )
    assert result.exit_code == 0, result.output
    dataset = rdflib.Dataset()
    dataset.parse(out, format=rdflib_format)
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    vocabulary = len(event_type_quads())
    assert len(triples) == run_json(seed_store, "stats")["triples"] + vocabulary


def test_graphml_loads_in_networkx(seed_store, tmp_path):
    import networkx

    out = tmp_path / "graph.graphml"
    result = CliRunner().invoke(
        cli,
        ["export", "--format", "graphml", "-o", str(out), "--store", str(seed_store)],
    )
    assert result.exit_code == 0, result.output
    graph = networkx.read_graphml(out)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert {"Ukraine", "Sweden", "Russia"} <= labels


def test_seed_graph_conforms_to_the_shapes(seed_store, tmp_path):
    import pyshacl
    import rdflib

    out = tmp_path / "graph.nt"
    CliRunner().invoke(
        cli, ["export", "--format", "nt", "-o", str(out), "--store", str(seed_store)]
    )
    data = rdflib.Graph().parse(out, format="nt")
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    ontology = rdflib.Graph().parse(
        ROOT / "ontology" / "kgextract.ttl", format="turtle"
    )
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, report
