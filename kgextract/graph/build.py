"""Extraction -> RDF quads: the only place IRIs are minted.

The shape is the one documented in :mod:`kgextract.graph.vocab`. Every node has a
deterministic IRI (no blank nodes): re-ingesting an article rewrites exactly the same
quads, two runs' graphs compare with a plain set difference, and the same entity seen
in two articles is one node in the union graph.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime

from pyoxigraph import Literal, NamedNode, Quad

from kgextract.graph import vocab
from kgextract.graph.iris import (
    VOCABULARY_GRAPH,
    amount_iri,
    article_iri,
    entity_iri,
    entity_type,
    event_iri,
    event_type_iri,
    relation_iri,
    role_iri,
    span_iri,
    term,
)
from kgextract.knowledge.event_types import EventType, load_event_types
from kgextract.model import (
    Affiliation,
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Relation,
    Sentence,
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _xsd(name: str) -> NamedNode:
    return NamedNode(vocab.XSD + name)


def _kg(name: str) -> NamedNode:
    return NamedNode(term(name))


XSD_STRING = _xsd("string")
XSD_DATE = _xsd("date")
XSD_DATETIME = _xsd("dateTime")
XSD_DOUBLE = _xsd("double")
XSD_ANYURI = _xsd("anyURI")
XSD_GYEAR = _xsd("gYear")
XSD_GYEARMONTH = _xsd("gYearMonth")

RDF_TYPE = NamedNode(vocab.RDF + "type")
RDFS_LABEL = NamedNode(vocab.RDFS + "label")
RDFS_COMMENT = NamedNode(vocab.RDFS + "comment")
SKOS_NOTATION = NamedNode(vocab.SKOS + "notation")
PROV_ENTITY = NamedNode(vocab.PROV + "Entity")
PROV_ACTIVITY = NamedNode(vocab.PROV + "Activity")
PROV_DERIVED = NamedNode(vocab.PROV + "wasDerivedFrom")
SCHEMA_NEWS_ARTICLE = NamedNode(vocab.SCHEMA + "NewsArticle")
SCHEMA_HEADLINE = NamedNode(vocab.SCHEMA + "headline")
SCHEMA_DATE_PUBLISHED = NamedNode(vocab.SCHEMA + "datePublished")
SCHEMA_URL = NamedNode(vocab.SCHEMA + "url")
SCHEMA_IN_LANGUAGE = NamedNode(vocab.SCHEMA + "inLanguage")
SCHEMA_PUBLISHER = NamedNode(vocab.SCHEMA + "publisher")
SCHEMA_TEXT = NamedNode(vocab.SCHEMA + "text")
SCHEMA_MONETARY_AMOUNT = NamedNode(vocab.SCHEMA + "MonetaryAmount")
SCHEMA_VALUE = NamedNode(vocab.SCHEMA + "value")
SCHEMA_CURRENCY = NamedNode(vocab.SCHEMA + "currency")

KG_ARTICLE = _kg("Article")
KG_SENTENCE = _kg("Sentence")
KG_MENTION = _kg("Mention")
KG_ROLE = _kg("Role")
KG_EVENT = _kg("Event")
KG_EVENT_TYPE = _kg("EventType")
KG_SOURCE = _kg("source")
KG_CONTENT_HASH = _kg("contentHash")
KG_CHARACTERS = _kg("characters")
KG_EXTRACTED_WITH = _kg("extractedWith")
KG_IN_ARTICLE = _kg("inArticle")
KG_IN_SENTENCE = _kg("inSentence")
KG_INDEX = _kg("index")
KG_START_CHAR = _kg("startChar")
KG_END_CHAR = _kg("endChar")
KG_TEXT = _kg("text")
KG_DENOTES = _kg("denotes")
KG_NER_LABEL = _kg("nerLabel")
KG_ALIAS = _kg("alias")
KG_IDENTIFIER = _kg("identifier")
SKOS_EXACT_MATCH = NamedNode(vocab.SKOS + "exactMatch")
# External identifiers that have a well-known IRI scheme: the EU Publications Office
# country authority table is keyed by ISO 3166-1 alpha-3 and is what EU open data,
# DCAT-AP and many public SPARQL endpoints link to.
EXACT_MATCH_SCHEMES = {
    "iso3166-1-alpha-3": "http://publications.europa.eu/resource/authority/country/",
}
KG_AFFILIATED_WITH = _kg("affiliatedWith")
KG_MEMBER_OF = _kg("memberOf")
KG_HOLDS_ROLE = _kg("holdsRole")
KG_ROLE_PERSON = _kg("rolePerson")
KG_ROLE_ORGANIZATION = _kg("roleOrganization")
KG_EVENT_TYPE_PROP = _kg("eventType")
KG_CAMEO_CODE = _kg("cameoCode")
KG_CAMEO_ROOT = _kg("cameoRoot")
KG_QUAD_CLASS = _kg("quadClass")
KG_STANCE = _kg("stance")
KG_ACTOR = _kg("actor")
KG_TARGET = _kg("target")
KG_VERB = _kg("verb")
KG_OBJECT_TEXT = _kg("objectText")
KG_NEGATED = _kg("negated")
KG_HYPOTHETICAL = _kg("hypothetical")
KG_MODALITY = _kg("modality")
KG_TARGET_INFERRED = _kg("targetInferred")
KG_CONSTRUCTION = _kg("construction")
KG_ACTOR_STATE = _kg("actorState")
KG_TARGET_STATE = _kg("targetState")
KG_COUNTRY = _kg("country")
KG_IGO = _kg("IntergovernmentalOrganization")
KG_READ_AS_OF = _kg("readAsOf")
KG_DATE_ASSUMED = _kg("dateAssumed")
KG_RULE = _kg("rule")
KG_DATE = _kg("date")
KG_DATE_START = _kg("dateStart")
KG_DATE_END = _kg("dateEnd")
KG_DATE_TEXT = _kg("dateText")
KG_AMOUNT = _kg("amount")
KG_SUPPORTS = _kg("supports")
KG_OPPOSES = _kg("opposes")
KG_RELATION = _kg("Relation")
KG_RELATION_TYPE = _kg("relationType")
KG_SUBJECT = _kg("subject")
KG_OBJECT = _kg("object")
KG_CONFIDENCE = _kg("confidence")
RELATION_PREDICATES = {
    kind: _kg(name) for kind, name in vocab.RELATION_PROPERTIES.items()
}

STANCE_PREDICATES = {"supports": KG_SUPPORTS, "opposes": KG_OPPOSES}
ENTITY_CLASSES = {name: _kg(name) for name in vocab.ENTITY_TYPES}
QUAD_CLASS_NODES = {quad: _kg(name) for quad, name in vocab.QUAD_CLASSES.items()}


def article_quads(extraction: Extraction) -> list[Quad]:
    """All of one article's quads, in the named graph whose name is the article IRI.

    One graph per article makes re-ingest a graph replacement and removal a graph
    drop; facts about shared entities (labels, aliases) are repeated in each article
    that mentions them, which the union default graph merges.
    """
    article = extraction.article
    graph = NamedNode(article_iri(article.id))
    triples: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = []
    add = triples.append
    _article_triples(add, graph, article, extraction.model)
    if extraction.read_as_of:
        # the day offices were read against; when the article states none, the
        # day it was ingested, and the graph says so
        add((graph, KG_READ_AS_OF, Literal(extraction.read_as_of, datatype=XSD_DATE)))
        if extraction.date_assumed:
            add((graph, KG_DATE_ASSUMED, Literal(True)))
    sentences = {sentence.index: sentence for sentence in extraction.sentences}
    sentence_nodes = {
        index: NamedNode(span_iri(graph.value, sentence.start_char, sentence.end_char))
        for index, sentence in sentences.items()
    }
    for sentence in extraction.sentences:
        _sentence_triples(add, graph, sentence_nodes[sentence.index], sentence, article)
    for mention in extraction.mentions:
        _mention_triples(add, graph, sentence_nodes, mention)
    # Only relations sure enough that most are right on dev go in the graph
    # (`kgextract eval` scores them all, at the F1-optimal threshold), and only
    # those that keep to their property's domain and range.
    relations = [
        (index, relation)
        for index, relation in enumerate(extraction.relations)
        if relation.confidence >= extraction.relation_threshold
        and (
            relation.type not in RELATION_PREDICATES  # refused with its reason below
            or fits_relation(relation.type, relation.head, relation.tail)
        )
    ]
    for entity in _referred_entities(extraction, [r for _, r in relations]):
        _entity_triples(add, graph, entity)
    for affiliation in extraction.affiliations:
        _affiliation_triples(add, graph, affiliation)
    event_types = load_event_types()
    for index, event in enumerate(extraction.events):
        _event_triples(add, graph, sentence_nodes, event_types, index, event, article)
    for index, relation in relations:
        _relation_triples(add, graph, sentence_nodes, index, relation, article)
    return [Quad(s, p, o, graph) for s, p, o in dict.fromkeys(triples)]


def _referred_entities(
    extraction: Extraction, relations: list[Relation]
) -> list[Entity]:
    """The entities something in the article's graph refers to (a mention, an
    event, an affiliation, a relation that is written, another entity's country).

    An entity is stated in an article only as what that article says about it: a
    relation argument whose relation the graph refuses (a "High Court" typed as a
    place cannot be located in London) would otherwise leave a node nothing
    points at, which ``kgextract check`` rightly reports as an orphan.
    """
    keys = {mention.entity for mention in extraction.mentions}
    for event in extraction.events:
        keys.update((event.actor, event.actor_state))
        if event.target:
            keys.update((event.target, event.target_state))
    for affiliation in extraction.affiliations:
        keys.update((affiliation.person, affiliation.organization))
    for relation in relations:
        keys.update((relation.head, relation.tail))
    kept = [entity for entity in extraction.entities if entity.key in keys]
    countries = {entity.country for entity in kept if entity.country}
    return [
        entity
        for entity in extraction.entities
        if entity.key in keys or entity.key in countries
    ]


def event_type_quads() -> list[Quad]:
    """The event types as ``kg:EventType`` nodes, in their own graph.

    Written once when a store is created, so queries can label and group event
    types (and find their stance) without reading the JSON file.
    """
    graph = NamedNode(VOCABULARY_GRAPH)
    quads = []
    for name, event_type in load_event_types().items():
        node = NamedNode(event_type_iri(name))
        triples = [
            (RDF_TYPE, KG_EVENT_TYPE),
            (SKOS_NOTATION, Literal(name)),
            (RDFS_LABEL, Literal(event_type.label)),
            (RDFS_COMMENT, Literal(event_type.description)),
            (KG_QUAD_CLASS, QUAD_CLASS_NODES[event_type.quad]),
            *((KG_CAMEO_ROOT, Literal(root)) for root in event_type.cameo_roots),
        ]
        if event_type.stance:
            triples.append((KG_STANCE, STANCE_PREDICATES[event_type.stance]))
        quads.extend(Quad(node, p, o, graph) for p, o in triples)
    return quads


def _article_triples(add, graph: NamedNode, article: Article, model: str) -> None:
    for rdf_class in (KG_ARTICLE, SCHEMA_NEWS_ARTICLE, PROV_ENTITY):
        add((graph, RDF_TYPE, rdf_class))
    add((graph, SCHEMA_HEADLINE, Literal(article.headline)))
    if article.date and (published := date_literal(article.date)) is not None:
        add((graph, SCHEMA_DATE_PUBLISHED, published))
    add((graph, KG_SOURCE, Literal(article.source)))
    if article.url:
        add((graph, SCHEMA_URL, _iri_or_literal(article.url)))
    if article.language:
        add((graph, SCHEMA_IN_LANGUAGE, Literal(article.language)))
    if article.publisher:
        add((graph, SCHEMA_PUBLISHER, Literal(article.publisher)))
    add((graph, KG_CONTENT_HASH, Literal(article.content_hash)))
    add((graph, SCHEMA_TEXT, Literal(article.body)))
    add((graph, KG_CHARACTERS, Literal(len(article.body))))
    if model:
        add((graph, KG_EXTRACTED_WITH, Literal(model)))


def _sentence_triples(
    add, graph: NamedNode, node: NamedNode, sentence: Sentence, article: Article
) -> None:
    add((node, RDF_TYPE, KG_SENTENCE))
    add((node, KG_IN_ARTICLE, graph))
    add((node, KG_INDEX, Literal(sentence.index)))
    add((node, KG_START_CHAR, Literal(sentence.start_char)))
    add((node, KG_END_CHAR, Literal(sentence.end_char)))
    add((node, KG_TEXT, Literal(article.body[sentence.start_char : sentence.end_char])))


def _mention_triples(
    add, graph: NamedNode, sentence_nodes: dict[int, NamedNode], mention: Mention
) -> None:
    node = NamedNode(span_iri(graph.value, mention.start_char, mention.end_char))
    add((node, RDF_TYPE, KG_MENTION))
    add((node, KG_IN_ARTICLE, graph))
    if mention.sentence in sentence_nodes:
        add((node, KG_IN_SENTENCE, sentence_nodes[mention.sentence]))
    add((node, KG_START_CHAR, Literal(mention.start_char)))
    add((node, KG_END_CHAR, Literal(mention.end_char)))
    add((node, KG_TEXT, Literal(mention.text)))
    add((node, KG_DENOTES, NamedNode(entity_iri(mention.entity))))
    if mention.label:
        add((node, KG_NER_LABEL, Literal(mention.label)))


def _entity_triples(add, graph: NamedNode, entity: Entity) -> None:
    if entity.type not in ENTITY_CLASSES:
        raise ValueError(
            f"entity {entity.key!r}: type {entity.type!r} is not one of "
            f"{', '.join(vocab.ENTITY_TYPES)}"
        )
    node = NamedNode(entity_iri(entity.key))
    add((node, RDF_TYPE, ENTITY_CLASSES[entity.type]))
    if entity.igo:
        add((node, RDF_TYPE, KG_IGO))
    add((node, RDFS_LABEL, Literal(entity.name)))
    for alias in entity.aliases:
        if alias != entity.name:
            add((node, KG_ALIAS, Literal(alias)))
    if entity.country:
        add((node, KG_COUNTRY, NamedNode(entity_iri(entity.country))))
    for scheme, value in entity.ids:
        add((node, KG_IDENTIFIER, Literal(f"{scheme}:{value}")))
        if scheme in EXACT_MATCH_SCHEMES:
            add(
                (node, SKOS_EXACT_MATCH, NamedNode(EXACT_MATCH_SCHEMES[scheme] + value))
            )
    add((node, PROV_DERIVED, graph))


_MINOR_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "on", "at", "a", "an"})


def role_label(role: str) -> str:
    """One spelling per role IRI: "chief spokesman" and "Chief Spokesman" share an
    IRI (its slug), so every article must label it alike."""
    words = role.split()
    return " ".join(
        word.lower()
        if index and word.lower() in _MINOR_WORDS
        else word[:1].upper() + word[1:].lower()
        if not word.isupper()
        else word
        for index, word in enumerate(words)
    )


def _affiliation_triples(add, graph: NamedNode, affiliation: Affiliation) -> None:
    person = NamedNode(entity_iri(affiliation.person))
    organization = NamedNode(entity_iri(affiliation.organization))
    add(
        (
            person,
            KG_MEMBER_OF if affiliation.membership else KG_AFFILIATED_WITH,
            organization,
        )
    )
    if affiliation.role:
        role = NamedNode(
            role_iri(affiliation.person, affiliation.organization, affiliation.role)
        )
        add((role, RDF_TYPE, KG_ROLE))
        add((role, KG_ROLE_PERSON, person))
        add((role, KG_ROLE_ORGANIZATION, organization))
        add((role, RDFS_LABEL, Literal(role_label(affiliation.role))))
        add((person, KG_HOLDS_ROLE, role))


def _event_triples(
    add,
    graph: NamedNode,
    sentence_nodes: dict[int, NamedNode],
    event_types: dict[str, EventType],
    index: int,
    event: Event,
    article: Article,
) -> None:
    if event.type not in event_types:
        raise ValueError(
            f"event {index} of article {article.id}: unknown event type {event.type!r}"
        )
    if event.quad not in QUAD_CLASS_NODES:
        raise ValueError(
            f"event {index} of article {article.id}: unknown quad class {event.quad!r}"
        )
    iri = event_iri(article.id, index)
    node = NamedNode(iri)
    actor = NamedNode(entity_iri(event.actor))
    add((node, RDF_TYPE, KG_EVENT))
    add((node, RDF_TYPE, PROV_ACTIVITY))
    add((node, KG_EVENT_TYPE_PROP, NamedNode(event_type_iri(event.type))))
    add((node, KG_CAMEO_CODE, Literal(event.cameo)))
    add((node, KG_QUAD_CLASS, QUAD_CLASS_NODES[event.quad]))
    add((node, KG_ACTOR, actor))
    target = NamedNode(entity_iri(event.target)) if event.target else None
    if target is not None:
        add((node, KG_TARGET, target))
    add((node, KG_VERB, Literal(event.verb)))
    if event.object:
        add((node, KG_OBJECT_TEXT, Literal(event.object)))
    add((node, KG_NEGATED, Literal(event.negated)))
    add((node, KG_HYPOTHETICAL, Literal(event.hypothetical)))
    if event.modality:
        add((node, KG_MODALITY, Literal(event.modality)))
    add((node, KG_TARGET_INFERRED, Literal(event.target_inferred)))
    if event.actor_state:
        add((node, KG_ACTOR_STATE, NamedNode(entity_iri(event.actor_state))))
    if event.target_state and target is not None:
        add((node, KG_TARGET_STATE, NamedNode(entity_iri(event.target_state))))
    if event.construction:
        add((node, KG_CONSTRUCTION, Literal(event.construction)))
    if event.rule:
        add((node, KG_RULE, Literal(event.rule)))
    if event.date:
        for predicate, value in event_date_terms(event.date):
            add((node, predicate, value))
        if event.date_text:
            add((node, KG_DATE_TEXT, Literal(event.date_text)))
    for k, amount in enumerate(event.amounts):
        amount_node = NamedNode(amount_iri(iri, k))
        add((node, KG_AMOUNT, amount_node))
        add((amount_node, RDF_TYPE, SCHEMA_MONETARY_AMOUNT))
        add((amount_node, SCHEMA_VALUE, double_literal(amount.value)))
        add((amount_node, SCHEMA_CURRENCY, Literal(amount.currency)))
        add((amount_node, KG_TEXT, Literal(amount.text)))
    add((node, KG_IN_ARTICLE, graph))
    if event.sentence in sentence_nodes:
        add((node, KG_IN_SENTENCE, sentence_nodes[event.sentence]))
    add((node, KG_START_CHAR, Literal(event.start_char)))
    add((node, KG_END_CHAR, Literal(event.end_char)))
    add((node, PROV_DERIVED, graph))
    stance = event_types[event.type].stance
    if stance and target is not None and target != actor and not event.negated:
        add((actor, STANCE_PREDICATES[stance], target))


def fits_relation(kind: str, head: str, tail: str) -> bool:
    """Whether a ``kind`` relation from entity key ``head`` to ``tail`` keeps to
    its property's domain and range (``vocab.RELATION_SIGNATURES``): checked
    before the fact is written, and again when a type vote retypes an end."""
    domain, range_ = vocab.RELATION_SIGNATURES[kind]
    return entity_type(head) in domain and entity_type(tail) in range_


def _relation_triples(
    add,
    graph: NamedNode,
    sentence_nodes: dict[int, NamedNode],
    index: int,
    relation: Relation,
    article: Article,
) -> None:
    """The fact as one direct triple, for simple queries, and a node that says
    where it was read and how sure the classifier was, for everything else."""
    if relation.type not in RELATION_PREDICATES:
        raise ValueError(
            f"relation {index} of article {article.id}: "
            f"unknown relation type {relation.type!r}"
        )
    predicate = RELATION_PREDICATES[relation.type]
    head = NamedNode(entity_iri(relation.head))
    tail = NamedNode(entity_iri(relation.tail))
    add((head, predicate, tail))
    node = NamedNode(relation_iri(article.id, index))
    add((node, RDF_TYPE, KG_RELATION))
    add((node, KG_RELATION_TYPE, predicate))
    add((node, KG_SUBJECT, head))
    add((node, KG_OBJECT, tail))
    if relation.sentence in sentence_nodes:
        add((node, KG_IN_SENTENCE, sentence_nodes[relation.sentence]))
    add((node, KG_IN_ARTICLE, graph))
    add((node, KG_START_CHAR, Literal(relation.start_char)))
    add((node, KG_END_CHAR, Literal(relation.end_char)))
    add((node, KG_CONFIDENCE, double_literal(relation.confidence)))
    add((node, PROV_DERIVED, graph))


def date_literal(text: str) -> Literal:
    """xsd:date for ``YYYY-MM-DD``, xsd:dateTime for a full timestamp, else a string.

    A feed's odd date format is kept as text rather than refused: the article is
    still worth having, it only drops out of date filters.
    """
    text = text.strip()
    if _DATE.fullmatch(text):
        try:
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD_DATE)
        except ValueError:
            return Literal(text)
    # Python 3.10's fromisoformat does not read a trailing "Z".
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return Literal(text)
    return Literal(moment.isoformat(), datatype=XSD_DATETIME)


_DATE_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def event_date_terms(value: str) -> list[tuple[NamedNode, Literal]]:
    """``kg:date`` for a day, month or year, typed as precisely as the text said it
    (xsd:date, xsd:gYearMonth, xsd:gYear), and always ``kg:dateStart``/``kg:dateEnd``
    (xsd:date, inclusive) so that every dated event answers one range filter; an
    interval ("last week", ``A/B``) has only the bounds. A value that is none of
    these shapes is dropped: a wrong date is worse than none."""
    try:
        if "/" in value:
            start_text, end_text = value.split("/", 1)
            start, end = date.fromisoformat(start_text), date.fromisoformat(end_text)
            exact = None
        else:
            match = _DATE_VALUE.fullmatch(value)
            if match is None:
                return []
            year, month, day = (int(part) if part else None for part in match.groups())
            if day is not None:
                start = end = date(year, month, day)
                exact = Literal(start.isoformat(), datatype=XSD_DATE)
            elif month is not None:
                start = date(year, month, 1)
                end = date(year, month, calendar.monthrange(year, month)[1])
                exact = Literal(f"{year:04d}-{month:02d}", datatype=XSD_GYEARMONTH)
            else:
                start, end = date(year, 1, 1), date(year, 12, 31)
                exact = Literal(f"{year:04d}", datatype=XSD_GYEAR)
    except ValueError:
        return []
    if end < start:
        return []
    terms = [(KG_DATE, exact)] if exact is not None else []
    terms.append((KG_DATE_START, Literal(start.isoformat(), datatype=XSD_DATE)))
    terms.append((KG_DATE_END, Literal(end.isoformat(), datatype=XSD_DATE)))
    return terms


def double_literal(value: float) -> Literal:
    """xsd:double in Python's shortest round-trip form: ``"13300000000.0"``."""
    value = float(value)
    if math.isnan(value):
        lexical = "NaN"
    elif math.isinf(value):
        lexical = "INF" if value > 0 else "-INF"
    else:
        lexical = repr(value)
    return Literal(lexical, datatype=XSD_DOUBLE)


def _iri_or_literal(url: str) -> NamedNode | Literal:
    """A URL that is not a valid IRI (spaces, say) is kept as an xsd:anyURI literal."""
    try:
        return NamedNode(url)
    except ValueError:
        return Literal(url, datatype=XSD_ANYURI)
