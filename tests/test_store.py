"""The on-disk store: refuses what is not a store, writes articles all or nothing."""

from __future__ import annotations

import json
import time

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kgextract.errors import QueryError, StoreError
from kgextract.graph import iris
from kgextract.graph.build import article_quads
from kgextract.model import Article, Entity, Event, Extraction, Mention, Sentence
from kgextract.store import GraphStore, open_store
from kgextract.store.embedded import BULK_THRESHOLD, Store

from .fixtures.graph.articles import SWEDEN_ID, scholz_condemns, sweden_aid

SWEDEN_IRI = iris.article_iri(SWEDEN_ID)
EX = "http://example.org/"


def q(s: str, p: str, o: str | int, g: str) -> Quad:
    obj = Literal(o) if isinstance(o, int) else NamedNode(EX + o)
    return Quad(NamedNode(EX + s), NamedNode(EX + p), obj, NamedNode(EX + g))


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kg", create=True) as opened:
        yield opened


def test_create_writes_the_marker_and_the_event_type_vocabulary(tmp_path):
    with Store.open(tmp_path / "kg", create=True) as store:
        assert isinstance(store, GraphStore)
        types = store.query("SELECT (COUNT(DISTINCT ?t) AS ?n) { ?t a kg:EventType }")
        assert int(next(iter(types))[0].value) == 16
    marker = json.loads((tmp_path / "kg" / "kgextract.json").read_text())
    assert marker["format"] == "kgextract-store"
    assert marker["version"] == 1
    assert {"created", "kgextract"} <= marker.keys()
    assert (tmp_path / "kg" / "oxigraph").is_dir()


def test_reopened_store_keeps_its_articles(tmp_path):
    with Store.open(tmp_path / "kg", create=True) as store:
        store.replace_article(SWEDEN_IRI, article_quads(sweden_aid()))
        quads = store.count_quads()
    with Store.open(tmp_path / "kg") as store:
        assert store.has_article(SWEDEN_ID)
        assert store.count_quads() == quads
    with Store.open(tmp_path / "kg", read_only=True) as store:
        assert store.has_article(SWEDEN_ID)


def test_missing_store_without_create_says_to_ingest_first(tmp_path):
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "nowhere")
    assert str(err.value) == (
        f"{tmp_path / 'nowhere'}: no kgextract store here; run `kgextract ingest` first"
    )
    assert not (tmp_path / "nowhere").exists()


def test_missing_store_is_not_created_read_only(tmp_path):
    with pytest.raises(StoreError, match="no kgextract store here"):
        Store.open(tmp_path / "nowhere", create=True, read_only=True)


def test_empty_directory_becomes_a_store(tmp_path):
    with Store.open(tmp_path, create=True) as store:
        assert store.count_quads() > 0  # the vocabulary


def test_a_file_is_not_a_store(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(StoreError) as err:
        Store.open(path, create=True)
    assert str(err.value) == f"{path}: is a file, not a kgextract store directory"
    assert path.read_text() == "hello"


def test_a_non_empty_directory_without_marker_is_refused_and_left_alone(tmp_path):
    (tmp_path / "thesis.tex").write_text("\\section{}")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path, create=True)
    assert str(err.value).startswith(f"{tmp_path}: not a kgextract store")
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.tex"]


@pytest.mark.parametrize(
    "marker, message",
    [
        ("{not json", "unreadable kgextract.json"),
        ('{"format": "something-else", "version": 1}', "does not describe"),
        ('{"format": "kgextract-store", "version": 99}', "upgrade kgextract"),
        ("[]", "does not describe"),
    ],
)
def test_bad_marker_is_refused(tmp_path, marker, message):
    Store.open(tmp_path, create=True).close()
    (tmp_path / "kgextract.json").write_text(marker)
    with pytest.raises(StoreError, match=message) as err:
        Store.open(tmp_path)
    assert str(err.value).startswith(str(tmp_path))


def test_corrupt_database_is_a_store_error(tmp_path):
    Store.open(tmp_path, create=True).close()
    (tmp_path / "oxigraph" / "CURRENT").write_text("garbage")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path)
    assert str(err.value) == (
        f"{tmp_path}: damaged store: oxigraph/CURRENT is damaged (it names no "
        f"MANIFEST file); nothing was changed. Run `kgextract check --repair --store "
        f"{tmp_path}` to recover what can be recovered"
    )


def test_missing_database_is_a_store_error(tmp_path):
    Store.open(tmp_path, create=True).close()
    for path in sorted((tmp_path / "oxigraph").iterdir()):
        path.unlink()
    (tmp_path / "oxigraph").rmdir()
    with pytest.raises(StoreError, match="database is missing"):
        Store.open(tmp_path)


def test_second_writer_is_told_the_store_is_locked(store):
    with pytest.raises(StoreError) as err:
        Store.open(store.path)
    assert str(err.value) == (
        f"{store.path}: the store is locked: another kgextract process is writing to it"
    )


def test_read_only_opens_beside_a_writer_and_sees_data_as_of_opening(store):
    """What pyoxigraph allows: a reader next to the writer, frozen at its open."""
    store.replace_article(SWEDEN_IRI, article_quads(sweden_aid()))
    reader = Store.open(store.path, read_only=True)
    store.replace_article(
        iris.article_iri("fedcba9876543210"), article_quads(scholz_condemns())
    )
    assert reader.has_article(SWEDEN_ID)
    assert not reader.has_article("fedcba9876543210")
    with pytest.raises(StoreError, match="opened read-only"):
        reader.remove_article(SWEDEN_ID)
    with pytest.raises(StoreError, match="opened read-only"):
        reader.update("CLEAR ALL")
    reader.close()


def test_replacing_an_article_twice_leaves_the_same_counts(store):
    store.replace_article(SWEDEN_IRI, article_quads(sweden_aid()))
    counts = store.count_quads(), store.count_triples()
    store.replace_article(SWEDEN_IRI, article_quads(sweden_aid()))
    assert (store.count_quads(), store.count_triples()) == counts


def test_replacing_an_article_drops_its_old_quads(store):
    store.replace_article(EX + "g", [q("a", "p", 1, "g"), q("b", "p", 2, "g")])
    store.replace_article(EX + "g", [q("c", "p", 3, "g")])
    rows = store.query(f"SELECT ?s WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}")
    assert [row["s"].value for row in rows] == [EX + "c"]


def test_a_replacement_with_bad_input_keeps_the_old_graph(store):
    store.replace_article(EX + "g", [q("a", "p", 1, "g")])
    with pytest.raises(TypeError):
        store.replace_article(EX + "g", [q("b", "p", 2, "g"), "not a quad"])
    rows = store.query(f"SELECT ?s WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}")
    assert [row["s"].value for row in rows] == [EX + "a"]


def test_remove_article(store):
    baseline = store.count_quads()
    store.replace_article(SWEDEN_IRI, article_quads(sweden_aid()))
    assert store.remove_article(SWEDEN_ID) is True
    assert not store.has_article(SWEDEN_ID)
    assert store.count_quads() == baseline
    assert store.remove_article(SWEDEN_ID) is False


def test_article_hash_is_the_stored_content_hash(store):
    extraction = sweden_aid()
    assert store.article_hash(SWEDEN_ID) is None
    store.replace_article(SWEDEN_IRI, article_quads(extraction))
    assert store.article_hash(SWEDEN_ID) == extraction.article.content_hash


def test_count_triples_counts_a_fact_shared_by_two_articles_once(store):
    quads, triples = store.count_quads(), store.count_triples()
    store.add_articles(
        [
            (EX + "g1", [q("e", "label", "x", "g1"), q("a", "p", 1, "g1")]),
            (EX + "g2", [q("e", "label", "x", "g2"), q("b", "p", 2, "g2")]),
        ]
    )
    assert store.count_quads() - quads == 4
    assert store.count_triples() - triples == 3


def test_queries_see_all_article_graphs_as_the_default_graph(store):
    store.add_articles(
        [
            (SWEDEN_IRI, article_quads(sweden_aid())),
            (iris.article_iri("fedcba9876543210"), article_quads(scholz_condemns())),
        ]
    )
    rows = store.query(
        "SELECT DISTINCT ?actor ?relation ?target "
        "WHERE { ?actor ?relation ?target VALUES ?relation { kg:supports kg:opposes } }"
        " ORDER BY ?relation"
    )
    assert [tuple(term.value.rsplit("/", 1)[1] for term in row) for row in rows] == [
        ("olaf-scholz", "ns#opposes", "RUS"),
        ("SWE", "ns#supports", "UKR"),
    ]


def test_bad_sparql_is_a_one_line_query_error(store):
    with pytest.raises(QueryError) as err:
        store.query("SELEC ?x WHERE { ?x ?p ?o }")
    assert str(err.value).startswith("invalid SPARQL query: ")
    assert "\n" not in str(err.value)
    with pytest.raises(QueryError, match="invalid SPARQL update"):
        store.update("INSERT NOTHING")


def test_update_runs_with_the_kgextract_prefixes(store):
    store.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> rdfs:label 'A' }} }}")
    assert bool(store.query("ASK { ?a rdfs:label 'A' }"))


def test_closed_store_refuses_use(tmp_path):
    store = Store.open(tmp_path, create=True)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.count_quads()
    Store.open(tmp_path).close()  # the lock is released


def many_articles(count: int, first: int = 0) -> list[tuple[str, list[Quad]]]:
    """Synthetic articles of ~300 quads each: 10 sentences, mentions and 8 events."""
    countries = ["UKR", "RUS", "DEU", "FRA", "SWE", "USA", "GBR", "POL", "CHN", "ITA"]
    entities = tuple(Entity(f"country:{c}", c, "Country") for c in countries)
    batch = []
    for n in range(first, first + count):
        sentences = [f"Sentence {j} of article {n} about Sweden." for j in range(10)]
        body = " ".join(sentences)
        spans, start = [], 0
        for j, text in enumerate(sentences):
            spans.append(Sentence(j, start, start + len(text)))
            start += len(text) + 1
        mentions = tuple(
            Mention(
                f"country:{countries[j]}", "Sweden", s.end_char - 7, s.end_char - 1, j
            )
            for j, s in enumerate(spans)
        )
        events = tuple(
            Event(
                "AID",
                "070",
                "MATERIAL_COOPERATION",
                f"country:{countries[j]}",
                f"country:{countries[j + 1]}",
                "pledge",
                None,
                j,
                spans[j].start_char,
                spans[j].start_char + 8,
            )
            for j in range(8)
        )
        article = Article.make(f"synthetic/{n}.txt", f"Article {n}", body)
        extraction = Extraction(article, tuple(spans), entities, mentions, (), events)
        batch.append((iris.article_iri(article.id), article_quads(extraction)))
    return batch


def test_add_articles_bulk_path_replaces_existing_graphs(store):
    batch = many_articles(40)
    assert sum(len(quads) for _, quads in batch) >= BULK_THRESHOLD
    store.add_articles(batch[:5])  # small: one transaction
    store.add_articles(batch)  # bulk, with 5 articles already there
    expected = len({quad for _, quads in batch for quad in quads})
    articles = store.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?g a kg:Article } }")
    assert int(next(iter(articles))[0].value) == 40
    graphs = store.query(
        "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER "
        "(STRSTARTS(STR(?g), STR(kga:))) }"
    )
    assert int(next(iter(graphs))[0].value) == expected
    assert not (store.path / "pending.json").exists()


def test_interrupted_bulk_write_is_rolled_back_on_next_open(tmp_path):
    """A crash mid-bulk-load leaves pending.json; the next writer drops those graphs."""
    batch = many_articles(2)
    with Store.open(tmp_path, create=True) as store:
        store.add_articles(batch)
        (tmp_path / "pending.json").write_text(json.dumps({"graphs": [batch[1][0]]}))
    with Store.open(tmp_path) as store:
        assert store.has_article(batch[0][0].rsplit("/", 1)[1])
        assert not store.has_article(batch[1][0].rsplit("/", 1)[1])
    assert not (tmp_path / "pending.json").exists()


def test_open_store_reports_an_unreachable_endpoint_in_one_line(tmp_path):
    with pytest.raises(StoreError) as err:
        open_store("http://127.0.0.1:9/kg")  # the discard port: nothing listens
    assert str(err.value).startswith(
        "http://127.0.0.1:9/kg: cannot reach the SPARQL endpoint"
    )
    assert "\n" not in str(err.value)
    with open_store(tmp_path, create=True) as store:
        assert isinstance(store, Store)


@pytest.mark.slow
def test_2000_articles_of_300_quads_load_in_seconds(tmp_path):
    batches = [many_articles(200, first) for first in range(0, 2000, 200)]
    quads = sum(len(q) for batch in batches for _, q in batch)
    assert quads > 2000 * 300
    with Store.open(tmp_path, create=True) as store:
        started = time.perf_counter()
        for batch in batches:
            store.add_articles(batch)
        elapsed = time.perf_counter() - started
        assert store.count_quads() >= quads
    assert elapsed < 20, f"{quads} quads took {elapsed:.1f} s"


def test_pyoxigraph_is_the_version_the_notes_were_measured_on():
    """store.py's notes (locking, read-only, CONSTRUCT dedup) are for pyoxigraph 0.5."""
    assert pyoxigraph.__version__.startswith(("0.4", "0.5"))


def test_unify_labels_keeps_one_spelling_in_every_graph(tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad

    from kgextract.graph.vocab import ID, NS, RDFS
    from kgextract.store.embedded import Store

    entity = NamedNode(ID + "org/mercedes-benz")
    label = NamedNode(RDFS + "label")
    first, second = NamedNode(ID + "graph/a"), NamedNode(ID + "graph/b")
    with Store.open(tmp_path / "store", create=True) as store:
        store.add_articles(
            [
                (first.value, [Quad(entity, label, Literal("Mercedes-Benz"), first)]),
                (second.value, [Quad(entity, label, Literal("Mercedes Benz"), second)]),
            ]
        )
        store.unify_labels([entity.value])
        labels = {
            (q.graph_name.value, q.object.value)
            for q in store._store.quads_for_pattern(entity, label, None)
        }
        aliases = {
            (q.graph_name.value, q.object.value)
            for q in store._store.quads_for_pattern(
                entity, NamedNode(NS + "alias"), None
            )
        }
    # The smaller spelling wins in both graphs; the other is kept as an alias.
    assert labels == {(first.value, "Mercedes Benz"), (second.value, "Mercedes Benz")}
    assert aliases == {(first.value, "Mercedes-Benz")}


def test_a_name_typed_two_ways_becomes_the_majority_type_everywhere(tmp_path):
    from pyoxigraph import Literal, NamedNode, Quad

    from kgextract.graph.vocab import ID, NS, RDF, RDFS
    from kgextract.ingest.orchestrator import vote_types
    from kgextract.store.embedded import Store

    person = NamedNode(ID + "person/zorin-vasko")
    org = NamedNode(ID + "org/zorin-vasko")
    a, b = NamedNode(ID + "graph/a"), NamedNode(ID + "graph/b")
    denotes, kind = NamedNode(NS + "denotes"), NamedNode(RDF + "type")

    def article(graph, entity, entity_type, mentions):
        quads = [
            Quad(entity, kind, NamedNode(NS + entity_type), graph),
            Quad(entity, NamedNode(RDFS + "label"), Literal("Zorin Vasko"), graph),
        ]
        for n in range(mentions):
            mention = NamedNode(f"{graph.value}#char={n},{n + 5}")
            quads.append(Quad(mention, denotes, entity, graph))
        return graph.value, quads

    with Store.open(tmp_path / "store", create=True) as store:
        store.add_articles(
            [article(a, org, "Organization", 1), article(b, person, "Person", 2)]
        )
        assert vote_types(store, {org.value, person.value}) == {person.value}
        assert not list(store._store.quads_for_pattern(org, None, None))
        assert not list(store._store.quads_for_pattern(None, None, org))
        types = {
            (q.graph_name.value, q.object.value)
            for q in store._store.quads_for_pattern(person, kind, None)
        }
    assert types == {(a.value, NS + "Person"), (b.value, NS + "Person")}


def test_a_relation_the_vote_retypes_out_of_its_domain_goes_with_its_triple(tmp_path):
    """One article read "Zorin Vasko" as a person who works for Volvo; two others
    as a company. The vote makes it a company, and a company works for no one
    (kg:worksFor has domain kg:Person): the fact and its evidence node go; the
    relation that still fits (the company based in Sweden) stays. Volvo, which only
    that fact named in its article, goes from that article too: nothing there
    points at it any more (``kgextract check`` would call it an orphan)."""
    from pyoxigraph import Literal, NamedNode, Quad

    from kgextract.graph.vocab import ID, NS, RDF, RDFS
    from kgextract.ingest.orchestrator import vote_types
    from kgextract.store.embedded import Store

    person, org = (
        NamedNode(ID + "person/zorin-vasko"),
        NamedNode(ID + "org/zorin-vasko"),
    )
    volvo, sweden = NamedNode(ID + "org/volvo"), NamedNode(ID + "country/SWE")
    a, b = NamedNode(ID + "graph/a"), NamedNode(ID + "graph/b")
    kind = NamedNode(RDF + "type")

    def relation(graph, node, head, predicate, tail):
        return [
            Quad(head, NamedNode(NS + predicate), tail, graph),
            Quad(node, kind, NamedNode(NS + "Relation"), graph),
            Quad(
                node, NamedNode(NS + "relationType"), NamedNode(NS + predicate), graph
            ),
            Quad(node, NamedNode(NS + "subject"), head, graph),
            Quad(node, NamedNode(NS + "object"), tail, graph),
            Quad(node, NamedNode(NS + "confidence"), Literal(0.9), graph),
        ]

    def article(graph, entity, entity_type, mentions, relations):
        quads = [
            Quad(entity, kind, NamedNode(NS + entity_type), graph),
            Quad(entity, NamedNode(RDFS + "label"), Literal("Zorin Vasko"), graph),
        ]
        for n in range(mentions):
            mention = NamedNode(f"{graph.value}#char={n},{n + 5}")
            quads.append(Quad(mention, NamedNode(NS + "denotes"), entity, graph))
        return graph.value, quads + relations

    works = NamedNode(ID + "relation/a/0")
    based = NamedNode(ID + "relation/b/0")
    with Store.open(tmp_path / "store", create=True) as store:
        store.add_articles(
            [
                article(
                    a,
                    person,
                    "Person",
                    1,
                    relation(a, works, person, "worksFor", volvo)
                    + [Quad(volvo, kind, NamedNode(NS + "Organization"), a)],
                ),
                article(
                    b,
                    org,
                    "Organization",
                    2,
                    relation(b, based, org, "basedIn", sweden),
                ),
            ]
        )
        assert vote_types(store, {org.value, person.value}) == {org.value}
        left = {
            (q.subject.value, q.predicate.value, q.object.value)
            for q in store._store.quads_for_pattern(None, None, None)
            if q.predicate.value.startswith(NS) and "char=" not in q.subject.value
        }
        volvo_left = list(store._store.quads_for_pattern(volvo, None, None))
    assert (org.value, NS + "worksFor", volvo.value) not in left
    assert not {t for t in left if t[0] == works.value}
    assert (org.value, NS + "basedIn", sweden.value) in left
    assert (based.value, NS + "subject", org.value) in left
    assert not volvo_left
