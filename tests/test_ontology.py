"""The OWL ontology declares every term the graph uses; the SHACL shapes accept the
hand-written graph of tests/fixtures/queries and reject broken copies of it with the
violations one would point at by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SH, SKOS

from kgextract import __version__
from kgextract.graph import build as graph
from kgextract.graph import iris, vocab
from kgextract.knowledge.event_types import load_event_types

ROOT = Path(__file__).parents[1]
ONTOLOGY = ROOT / "ontology" / "kgextract.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "two_articles.trig"

KG = Namespace(vocab.NS)
KGT = Namespace(vocab.EVENT_TYPE)
SCHEMA = Namespace(vocab.SCHEMA)
PROV = Namespace(vocab.PROV)
XSD = Namespace(vocab.XSD)
ID = Namespace(vocab.ID)
A = URIRef(iris.article_iri("1111aaaa2222bbbb"))
SCHOLZ = ID["person/olaf-scholz"]
SWEDEN_AID = ID["event/1111aaaa2222bbbb/0"]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def union_of(trig_path: Path) -> Graph:
    """The article graphs merged, as the store's default graph shows them."""
    quads = pyoxigraph.parse(path=trig_path, format=pyoxigraph.RdfFormat.TRIG)
    return as_rdflib(quads)


def vocabulary_graph() -> Graph:
    """The event-type graph the store writes, as rdflib triples."""
    return as_rdflib(graph.event_type_quads())


def as_rdflib(quads) -> Graph:
    triples = [quad.triple for quad in quads]
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def kg_terms(triples: Graph) -> set[URIRef]:
    return {
        term
        for triple in triples
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(vocab.NS)
    }


# --- the ontology ------------------------------------------------------------------


def test_the_ontology_has_a_versioned_mit_licensed_header(ontology):
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert str(header) == vocab.NS.removesuffix("#")
    assert ontology.value(header, OWL.versionInfo) == Literal(__version__)
    assert ontology.value(header, DCTERMS.license) == URIRef(
        "https://opensource.org/licenses/MIT"
    )
    assert len(str(ontology.value(header, DCTERMS.description))) > 100


def test_every_term_of_the_graph_shape_is_declared_with_label_and_comment(ontology):
    in_docstring = {KG[name] for name in re.findall(r"\bkg:(\w+)", vocab.__doc__)}
    in_fixture = kg_terms(union_of(FIXTURE))
    in_builder = {
        URIRef(value.value)
        for name, value in vars(graph).items()
        if name.startswith("KG_") and value.value.startswith(vocab.NS)
    }
    in_vocabulary_graph = kg_terms(vocabulary_graph())
    assert KG.supports in in_docstring and KG.Mention in in_fixture  # found at all
    used = in_docstring | in_fixture | in_builder | in_vocabulary_graph
    undeclared = sorted(
        str(term)
        for term in used
        if (term, RDFS.label, None) not in ontology
        or (term, RDFS.comment, None) not in ontology
        or (term, RDF.type, None) not in ontology
    )
    assert undeclared == []


def test_every_property_is_an_object_or_datatype_property_with_domain_and_range(
    ontology,
):
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert {KG.actor, KG.negated, KG.startChar} <= properties
    for prop in properties:
        assert (prop, RDFS.domain, None) in ontology, prop
        assert (prop, RDFS.range, None) in ontology, prop
    both = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) & set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert both == set()


@pytest.mark.parametrize(
    "prop, kind, domain, range_",
    [
        (KG.supports, OWL.ObjectProperty, KG.Entity, KG.Entity),
        (KG.opposes, OWL.ObjectProperty, KG.Entity, KG.Entity),
        (KG.actor, OWL.ObjectProperty, KG.Event, KG.Entity),
        (KG.target, OWL.ObjectProperty, KG.Event, KG.Entity),
        (KG.denotes, OWL.ObjectProperty, KG.Mention, KG.Entity),
        (KG.affiliatedWith, OWL.ObjectProperty, KG.Person, KG.Entity),
        (KG.eventType, OWL.ObjectProperty, KG.Event, KG.EventType),
        (KG.amount, OWL.ObjectProperty, KG.Event, SCHEMA.MonetaryAmount),
        (KG.negated, OWL.DatatypeProperty, KG.Event, XSD.boolean),
        (KG.hypothetical, OWL.DatatypeProperty, KG.Event, XSD.boolean),
        (KG.contentHash, OWL.DatatypeProperty, KG.Article, XSD.string),
        (KG["index"], OWL.DatatypeProperty, KG.Sentence, XSD.integer),
    ],
)
def test_property_kinds_domains_and_ranges(ontology, prop, kind, domain, range_):
    assert (prop, RDF.type, kind) in ontology
    assert ontology.value(prop, RDFS.domain) == domain
    assert ontology.value(prop, RDFS.range) == range_


@pytest.mark.parametrize(
    "term, parent",
    [
        (KG.Article, SCHEMA.NewsArticle),
        (KG.Article, PROV.Entity),
        (KG.Country, KG.Entity),
        (KG.Country, SCHEMA.Country),
        (KG.Organization, SCHEMA.Organization),
        (KG.Person, SCHEMA.Person),
        (KG.Place, SCHEMA.Place),
        (KG.Group, KG.Entity),
        (KG.Event, PROV.Activity),
        (KG.EventType, SKOS.Concept),
    ],
)
def test_classes_align_with_schema_org_prov_and_skos(ontology, term, parent):
    assert (term, RDFS.subClassOf, parent) in ontology


@pytest.mark.parametrize(
    "prop, parent",
    [
        (KG.actor, PROV.wasAssociatedWith),
        (KG.alias, SCHEMA.alternateName),
        (KG.affiliatedWith, SCHEMA.affiliation),
    ],
)
def test_properties_align_with_schema_org_and_prov(ontology, prop, parent):
    assert (prop, RDFS.subPropertyOf, parent) in ontology


def test_event_types_are_the_rules_files_and_the_stores_vocabulary(ontology):
    declared = set(ontology.subjects(RDF.type, KG.EventType))
    assert declared == {KGT[name] for name in load_event_types()}
    assert len(declared) == 16
    # what the store writes about each type is stated the same way here
    missing = [triple for triple in vocabulary_graph() if triple not in ontology]
    assert missing == []
    assert ontology.value(KGT.AID, KG.quadClass) == KG.MaterialCooperation
    assert ontology.value(KGT.ASSAULT, KG.stance) == KG.opposes
    assert ontology.value(KGT.CONSULT, KG.stance) is None
    assert ontology.value(KGT.AID, SKOS.notation) == Literal("AID")


def test_the_four_quad_classes_are_individuals(ontology):
    assert set(ontology.subjects(RDF.type, KG.QuadClass)) == {
        KG[name] for name in vocab.QUAD_CLASSES.values()
    }
    assert ontology.value(KG.VerbalConflict, RDFS.label) == Literal(
        "verbal conflict", lang="en"
    )


# --- the shapes --------------------------------------------------------------------


def violations(data: Graph, shapes: Graph) -> set[tuple]:
    """(focus node, path, constraint component) of each violation."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes)
    (validation,) = report.subjects(RDF.type, SH.ValidationReport)
    found = {
        (
            report.value(result, SH.focusNode),
            report.value(result, SH.resultPath),
            report.value(result, SH.sourceConstraintComponent),
        )
        for result in report.objects(validation, SH.result)  # not nested details
    }
    assert conforms == (not found)
    return found


def test_the_fixture_graph_and_the_event_type_vocabulary_conform(shapes):
    assert violations(union_of(FIXTURE) + vocabulary_graph(), shapes) == set()


def test_the_shapes_list_the_event_types_of_the_rules_file(shapes):
    (event_shape,) = shapes.subjects(SH.targetClass, KG.Event)
    (type_property,) = (
        node
        for node in shapes.objects(event_shape, SH.property)
        if shapes.value(node, SH.path) == KG.eventType
    )
    listed = list(shapes.items(shapes.value(type_property, SH["in"])))
    assert listed == [KGT[name] for name in load_event_types()]


def test_a_broken_copy_fails_with_the_expected_violations(shapes):
    broken = union_of(FIXTURE)
    broken.remove((SWEDEN_AID, KG.actor, None))  # an event without actor
    mention = URIRef(f"{A}#char=0,6")
    broken.set((mention, KG.startChar, Literal(12)))  # starts after its end (6)
    broken.add((SCHOLZ, RDF.type, KG.Place))  # a person typed as a place
    assert violations(broken, shapes) == {
        (SWEDEN_AID, KG.actor, SH.MinCountConstraintComponent),
        (mention, KG.startChar, SH.LessThanConstraintComponent),
        (SCHOLZ, None, SH.NotConstraintComponent),
        (SCHOLZ, RDF.type, SH.QualifiedMaxCountConstraintComponent),
    }


AMOUNT = ID["event/1111aaaa2222bbbb/0/amount/0"]
SWEDEN = ID["country/SWE"]


@pytest.mark.parametrize(
    "remove, add, expected",
    [
        (
            [(AMOUNT, SCHEMA.currency, None)],
            [(AMOUNT, SCHEMA.currency, Literal("sek"))],
            {(AMOUNT, SCHEMA.currency, SH.PatternConstraintComponent)},
        ),
        (
            [],
            [(A, SCHEMA.headline, Literal("A second headline"))],
            {(A, SCHEMA.headline, SH.MaxCountConstraintComponent)},
        ),
        (
            [(A, KG.contentHash, None)],
            [],
            {(A, KG.contentHash, SH.MinCountConstraintComponent)},
        ),
        (
            [(SWEDEN_AID, KG.eventType, None)],
            [(SWEDEN_AID, KG.eventType, KGT.GIVE)],
            {(SWEDEN_AID, KG.eventType, SH.InConstraintComponent)},
        ),
        (
            [],
            [(SWEDEN_AID, KG.target, ID["country/RUS"])],
            {(SWEDEN_AID, KG.target, SH.MaxCountConstraintComponent)},
        ),
        (
            [(SWEDEN_AID, KG.negated, None)],
            [(SWEDEN_AID, KG.negated, Literal("no"))],
            {(SWEDEN_AID, KG.negated, SH.DatatypeConstraintComponent)},
        ),
        (
            [],
            [(SWEDEN, RDFS.label, Literal("Kingdom of Sweden"))],
            {(SWEDEN, RDFS.label, SH.MaxCountConstraintComponent)},
        ),
        (
            # the actor is not an entity: the mention's IRI instead of Sweden's
            [(SWEDEN_AID, KG.actor, None)],
            [(SWEDEN_AID, KG.actor, URIRef(f"{A}#char=0,6"))],
            {(SWEDEN_AID, KG.actor, SH.NodeConstraintComponent)},
        ),
    ],
)
def test_each_broken_rule_is_reported_where_it_is_broken(shapes, remove, add, expected):
    broken = union_of(FIXTURE)
    for pattern in remove:
        broken.remove(pattern)
    for triple in add:
        broken.add(triple)
    assert violations(broken, shapes) == expected


def classes_of(ontology: Graph, node) -> set[str]:
    """A class, or the members of an owl:unionOf, as local names."""
    from rdflib.collection import Collection

    members = ontology.value(node, OWL.unionOf)
    nodes = Collection(ontology, members) if members is not None else [node]
    return {str(member).removeprefix(vocab.NS) for member in nodes}


@pytest.mark.parametrize("kind", sorted(vocab.RELATION_SIGNATURES))
def test_the_builders_relation_signatures_are_the_ontologys_domains_and_ranges(
    ontology, kind
):
    prop = KG[vocab.RELATION_PROPERTIES[kind]]
    domain, range_ = vocab.RELATION_SIGNATURES[kind]
    assert classes_of(ontology, ontology.value(prop, RDFS.domain)) == set(domain)
    assert classes_of(ontology, ontology.value(prop, RDFS.range)) == set(range_)


@pytest.mark.parametrize(
    "kind, head, tail, fits",
    [
        ("Work_For", "person:anna-meyer", "org:siemens", True),
        ("Work_For", "person:jack-straw", "country:GBR", True),
        ("Work_For", "org:republican-party", "org:national-security-council", False),
        ("Work_For", "person:anna-meyer", "person:tony-blair", False),
        ("Kill", "person:andrew-cunanan", "person:gianni-versace", True),
        ("Kill", "person:yvette-cooper", "org:labour-party", False),
        ("OrgBased_In", "org:baa", "place:gatwick", True),
        ("OrgBased_In", "person:giles-bradshaw", "place:north-devon", False),
        ("Located_In", "place:dayton", "place:ohio", True),
        ("Located_In", "country:GBR", "place:europe", False),
        ("Live_In", "person:giles-bradshaw", "place:north-devon", True),
        ("Live_In", "group:gib-people", "place:gibraltar", False),
    ],
)
def test_a_relation_is_written_only_inside_its_domain_and_range(kind, head, tail, fits):
    assert graph.fits_relation(kind, head, tail) is fits
