"""Exports: every format round-trips, triple formats hold the union, files atomic."""

from __future__ import annotations

import io

import networkx as nx
import pytest
import rdflib

from kgextract.errors import KgExtractError, StoreError, UnknownNameError
from kgextract.graph import iris, vocab
from kgextract.graph.build import article_quads
from kgextract.model import Article, Entity, Extraction, Mention, Relation, Sentence
from kgextract.query.export import export, serializers, write_atomically
from kgextract.store.embedded import Store

from .fixtures.graph.articles import scholz_condemns, sweden_aid

RDFLIB_FORMATS = {
    "turtle": "turtle",
    "nt": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
}
ID = vocab.ID


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Two articles in which Sweden aids Ukraine, and one where Scholz condemns Russia.

    Sweden and Ukraine are described in both Sweden articles: their labels must come
    out once in a triple export.
    """
    path = tmp_path_factory.mktemp("serializers") / "kg"
    with Store.open(path, create=True) as opened:
        for extraction in (
            sweden_aid("0000000000000001"),
            sweden_aid("0000000000000002"),
            scholz_condemns(),
        ):
            opened.replace_article(
                iris.article_iri(extraction.article.id), article_quads(extraction)
            )
    with Store.open(path, read_only=True) as read_only:
        yield read_only


def parse(path, name: str):
    if name == "graphml":
        return nx.read_graphml(path)
    if serializers.meta(name)["is_dataset"]:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=RDFLIB_FORMATS[name])
        return dataset
    graph = rdflib.Graph()
    graph.parse(path, format=RDFLIB_FORMATS[name])
    return graph


def size(parsed) -> int:
    if isinstance(parsed, nx.Graph):
        return parsed.number_of_nodes() + parsed.number_of_edges()
    if isinstance(parsed, rdflib.Dataset):
        return sum(1 for _ in parsed.quads())
    return len(parsed)


@pytest.mark.parametrize("name", serializers.names())
def test_every_serializer_round_trips(store, tmp_path, name):
    path = tmp_path / f"export{serializers.meta(name)['suffix']}"
    written = export(store, name, path)
    assert written > 0
    assert size(parse(path, name)) == written
    if name != "graphml":
        expected = (
            store.count_quads()
            if serializers.meta(name)["is_dataset"]
            else store.count_triples()
        )
        assert written == expected
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_registry_lists_the_six_formats_with_their_metadata():
    assert {name: serializers.meta(name) for name in serializers.names()} == {
        "turtle": meta(".ttl", "text/turtle", False, "triples", ("ttl",), (".turtle",)),
        "nt": meta(
            ".nt",
            "application/n-triples",
            False,
            "triples",
            ("ntriples", "n-triples"),
            (".ntriples",),
        ),
        "nquads": meta(
            ".nq", "application/n-quads", True, "quads", ("nq", "n-quads"), (".nquads",)
        ),
        "trig": meta(".trig", "application/trig", True, "quads", (), ()),
        "jsonld": meta(
            ".jsonld",
            "application/ld+json",
            True,
            "quads",
            ("json-ld", "json"),
            (".json",),
        ),
        "graphml": meta(
            ".graphml", "application/graphml+xml", False, "nodes and edges", (), ()
        ),
    }


def meta(suffix, media_type, is_dataset, unit, aliases, other_suffixes):
    return {
        "suffix": suffix,
        "suffixes": (suffix, *other_suffixes),
        "aliases": aliases,
        "media_type": media_type,
        "is_dataset": is_dataset,
        "unit": unit,
    }


@pytest.mark.parametrize(
    "given, name",
    [
        ("TTL", "turtle"),
        ("Turtle", "turtle"),
        ("n-quads", "nquads"),
        ("JSON", "jsonld"),
    ],
)
def test_a_format_answers_to_its_aliases_in_any_case(given, name):
    assert serializers.resolve(given) == name


def test_turtle_holds_each_shared_triple_once(store, tmp_path):
    export(store, "turtle", tmp_path / "kg.ttl")
    graph = rdflib.Graph()
    graph.parse(tmp_path / "kg.ttl", format="turtle")
    assert len(graph) == store.count_triples() < store.count_quads()
    sweden = rdflib.URIRef(ID + "country/SWE")
    assert list(graph.objects(sweden, rdflib.RDFS.label)) == [rdflib.Literal("Sweden")]
    derived = set(graph.objects(sweden, rdflib.PROV.wasDerivedFrom))
    assert derived == {
        rdflib.URIRef(iris.article_iri("0000000000000001")),
        rdflib.URIRef(iris.article_iri("0000000000000002")),
    }


def test_turtle_and_trig_use_the_kgextract_prefixes(store):
    for name in ("turtle", "trig"):
        out = io.BytesIO()
        export(store, name, None, stream=out)
        text = out.getvalue().decode()
        assert f"@prefix kg: <{vocab.NS}> ." in text
        assert "a kg:Article" in text


def test_trig_keeps_one_graph_per_article(store, tmp_path):
    export(store, "trig", tmp_path / "kg.trig")
    dataset = rdflib.Dataset()
    dataset.parse(tmp_path / "kg.trig", format="trig")
    names = {graph.identifier for graph in dataset.graphs()}
    assert {
        rdflib.URIRef(iris.article_iri(article_id))
        for article_id in ("0000000000000001", "0000000000000002", "fedcba9876543210")
    } | {rdflib.URIRef(ID + "graph/vocabulary")} <= names


def test_graphml_has_entities_stance_edges_and_events(store, tmp_path):
    export(store, "graphml", tmp_path / "kg.graphml")
    graph = nx.read_graphml(tmp_path / "kg.graphml")
    sweden, ukraine = ID + "country/SWE", ID + "country/UKR"
    scholz, russia = ID + "person/olaf-scholz", ID + "country/RUS"
    assert graph.nodes[sweden] == {
        "iri": sweden,
        "label": "Sweden",
        "type": "Country",
        "mentions": 2,
    }
    assert graph.nodes[scholz]["type"] == "Person"
    assert graph.nodes[ID + "country/DEU"]["mentions"] == 0
    edges = {
        (u, v, data["relation"], data.get("type")): data
        for u, v, data in graph.edges(data=True)
    }
    assert set(edges) == {
        (sweden, ukraine, "supports", None),
        (sweden, ukraine, "event", "AID"),
        (scholz, russia, "opposes", None),
        (scholz, russia, "event", "ACCUSE"),
    }
    supports = edges[(sweden, ukraine, "supports", None)]
    assert (supports["mentions"], supports["articles"]) == (2, 2)
    aid_events = [
        data
        for u, v, data in graph.edges(data=True)
        if (u, v, data.get("type")) == (sweden, ukraine, "AID")
    ]
    assert len(aid_events) == 2
    assert {e["cameo"] for e in aid_events} == {"070"}
    assert {e["sentence"] for e in aid_events} == {
        "Sweden pledges a package worth 13.3 billion kronor to Ukraine."
    }
    assert graph.number_of_edges() == 5  # 2 stance edges, 3 events


def test_export_to_a_stream_writes_there(store):
    out = io.BytesIO()
    written = export(store, "nt", None, stream=out)
    assert written == len(out.getvalue().splitlines()) == store.count_triples()


def test_unknown_format_lists_the_valid_ones(store, tmp_path):
    with pytest.raises(UnknownNameError) as err:
        export(store, "xml", tmp_path / "kg.xml")
    assert str(err.value) == (
        "unknown serializer 'xml'; choose one of: "
        "turtle, nt, nquads, trig, jsonld, graphml"
    )
    assert not (tmp_path / "kg.xml").exists()


def test_failure_midway_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "kg.ttl"
    target.write_bytes(b"old content\n")

    def write_half(out):
        out.write(b"<a> <b> ")
        raise StoreError("store vanished midway")

    with pytest.raises(StoreError, match="midway"):
        write_atomically(target, write_half)
    assert target.read_bytes() == b"old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_export_from_a_closed_store_leaves_the_old_file(tmp_path):
    target = tmp_path / "out" / "kg.nq"
    target.parent.mkdir()
    target.write_bytes(b"old\n")
    closed = Store.open(tmp_path / "kg", create=True)
    closed.close()
    with pytest.raises(StoreError, match="closed"):
        export(closed, "nquads", target)
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in target.parent.iterdir()] == ["kg.nq"]


def test_export_into_a_missing_directory_names_the_path(store, tmp_path):
    target = tmp_path / "missing" / "kg.ttl"
    with pytest.raises(KgExtractError) as err:
        export(store, "turtle", target)
    assert str(err.value) == f"{target}: cannot write: No such file or directory"


def test_graphml_has_one_edge_per_relation_kind_between_two_entities(tmp_path):
    """Relations sure enough for the graph become edges beside the stance edges,
    with their kind, how often and in how many articles they were read, and the best
    confidence."""
    body = "Anna Meyer of Siemens met Karl Brenner of Siemens in Munich."
    people = ("person:anna-meyer", "person:karl-brenner")

    def relation(kind, head, tail, spans, confidence):
        return Relation(kind, head, tail, 0, spans[0], spans[1], confidence)

    extraction = Extraction(
        article=Article(id="00000000000000aa", source="m.txt", headline="", body=body),
        sentences=(Sentence(0, 0, 60),),
        entities=(
            Entity(people[0], "Anna Meyer", "Person", ("Anna Meyer",)),
            Entity(people[1], "Karl Brenner", "Person", ("Karl Brenner",)),
            Entity("org:siemens", "Siemens", "Organization", ("Siemens",)),
            Entity("place:munich", "Munich", "Place", ("Munich",)),
        ),
        mentions=(
            Mention(people[0], "Anna Meyer", 0, 10, 0, "PERSON"),
            Mention("org:siemens", "Siemens", 14, 21, 0, "ORG"),
            Mention(people[1], "Karl Brenner", 26, 38, 0, "PERSON"),
            Mention("org:siemens", "Siemens", 42, 49, 0, "ORG"),
            Mention("place:munich", "Munich", 53, 59, 0, "GPE"),
        ),
        affiliations=(),
        events=(),
        relations=(
            relation("Work_For", people[0], "org:siemens", ((0, 10), (14, 21)), 0.9),
            relation("Work_For", people[1], "org:siemens", ((26, 38), (42, 49)), 0.8),
            relation("Live_In", people[0], "place:munich", ((0, 10), (53, 59)), 0.95),
            relation("Work_For", people[0], "org:siemens", ((0, 10), (42, 49)), 0.99),
        ),
    )
    path = tmp_path / "kg"
    with Store.open(path, create=True) as opened:
        opened.replace_article(
            iris.article_iri(extraction.article.id), article_quads(extraction)
        )
        export(opened, "graphml", tmp_path / "kg.graphml")
    graph = nx.read_graphml(tmp_path / "kg.graphml")
    anna, karl = ID + "person/anna-meyer", ID + "person/karl-brenner"
    siemens, munich = ID + "org/siemens", ID + "place/munich"
    edges = {
        (u, v, data["relation"]): (
            data["mentions"],
            data["articles"],
            data["confidence"],
        )
        for u, v, data in graph.edges(data=True)
    }
    assert edges == {
        (anna, siemens, "worksFor"): (2, 1, 0.99),
        (karl, siemens, "worksFor"): (1, 1, 0.8),
        (anna, munich, "livesIn"): (1, 1, 0.95),
    }
    assert graph.nodes[siemens]["type"] == "Organization"
