"""A graph without its graphs, back into one graph per article.

Turtle, N-Triples and a triple JSON-LD hold the union of the articles' graphs: the
names are gone. Every kgextract statement still says where it came from, so the
graphs can be rebuilt: a sentence, mention, event or relation has
``kg:inArticle``; an amount belongs to its event, a role to its person; an
entity's statements go to each article it ``prov:wasDerivedFrom`` (where it was
stated), and the event types to the vocabulary graph. What nothing places is
refused: kgextract keeps every fact in an article's graph.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad, Triple

from kgextract.errors import KgExtractError
from kgextract.graph.build import (
    KG_AMOUNT,
    KG_ARTICLE,
    KG_IN_ARTICLE,
    KG_ROLE_PERSON,
    PROV_DERIVED,
    RDF_TYPE,
)
from kgextract.graph.iris import VOCABULARY_GRAPH, is_entity_iri, is_vocabulary_iri


def article_graphs(triples: Iterable[Triple]) -> list[Quad]:
    """The triples as quads, each in the graph(s) it came from; a statement about an
    entity is repeated in every article that stated the entity, as ingest writes
    it. Raises :class:`KgExtractError` naming a statement that belongs nowhere."""
    triples = list(triples)
    home: dict[NamedNode, set[NamedNode]] = {}
    derived: dict[NamedNode, set[NamedNode]] = {}
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate, triple.object
        if predicate == KG_IN_ARTICLE and isinstance(obj, NamedNode):
            home.setdefault(subject, set()).add(obj)
        elif predicate == RDF_TYPE and obj == KG_ARTICLE:
            home.setdefault(subject, set()).add(subject)
        elif predicate == PROV_DERIVED and isinstance(obj, NamedNode):
            derived.setdefault(subject, set()).add(obj)
    for triple in triples:  # nodes placed through another node
        if triple.predicate == KG_AMOUNT:
            home.setdefault(triple.object, set()).update(home.get(triple.subject, ()))
        elif triple.predicate == KG_ROLE_PERSON:
            home.setdefault(triple.subject, set()).update(
                derived.get(triple.object, ())
            )
    vocabulary = NamedNode(VOCABULARY_GRAPH)
    quads: list[Quad] = []
    for triple in triples:
        subject = triple.subject
        if isinstance(subject, NamedNode) and is_vocabulary_iri(subject.value):
            graphs = {vocabulary}
        elif triple.predicate == PROV_DERIVED and subject in derived:
            graphs = {triple.object}
        elif subject in home:
            graphs = home[subject]
        elif isinstance(subject, NamedNode) and is_entity_iri(subject.value):
            graphs = derived.get(subject, set())
        else:
            graphs = set()
        if not graphs:
            raise KgExtractError(
                f"{subject} {triple.predicate} …: no kgextract article states this "
                "(load N-Quads, TriG or JSON-LD with graphs to keep graphs of your own)"
            )
        quads.extend(
            Quad(subject, triple.predicate, triple.object, graph)
            for graph in sorted(graphs, key=str)
        )
    return quads
