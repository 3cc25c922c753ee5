"""The clean-up after each write: one node and one name per entity across articles.

Each article's graph states its own entities; two articles may type one unknown name
two ways, or spell one key two ways. After every write :func:`consolidate` makes the
union agree again: the majority type wins (:func:`vote_types`), then the smallest
spelling becomes the one label (:meth:`GraphStore.unify_labels`).

It lives with the store, not the ingest, because it is part of a write's journaled
unit: a crash between the write and the clean-up leaves a journal naming the
entities, and the next read-write open of the store finishes the clean-up
(``GraphStore.finish_writes``). That is safe because it is idempotent: run again
on the same entities it finds nothing left to change, and what it changes depends
only on the stored graph, so a finished clean-up equals an uninterrupted one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from kgextract.graph.build import fits_relation
from kgextract.graph.iris import entity_iri, entity_key, term
from kgextract.graph.vocab import RELATION_PROPERTIES


class Consolidated(Protocol):
    """What the clean-up needs of a store (a GraphStore; named here, not imported,
    because the store's base class calls this module)."""

    def query(self, sparql: str) -> Any: ...

    def update(self, sparql: str) -> None: ...

    def rename_entity(self, old: str, new: str) -> None: ...

    def unify_labels(self, entities: Iterable[str] | None = None) -> None: ...


# Kinds whose members the model may type differently in different articles.
VOTED_KINDS = ("person", "org", "place")
_MAX_VALUES = 500  # entities per VALUES block: several indexed lookups, not a scan

MENTIONS_PER_ENTITY = """
SELECT ?entity (COUNT(?mention) AS ?mentions) WHERE {{
  VALUES ?entity {{ {values} }}
  GRAPH ?article {{ ?mention kg:denotes ?entity }}
}}
GROUP BY ?entity
"""
RELATIONS_OF = """
SELECT ?graph ?relation ?kind ?subject ?object WHERE {{
  VALUES ?entity {{ {values} }}
  GRAPH ?graph {{
    {{ ?relation kg:subject ?entity }} UNION {{ ?relation kg:object ?entity }}
    ?relation kg:relationType ?kind ; kg:subject ?subject ; kg:object ?object .
  }}
}}
"""
_RELATION_KINDS = {term(name): kind for kind, name in RELATION_PROPERTIES.items()}


def consolidate(store: Consolidated, entities: Iterable[str]) -> None:
    """Vote the types of ``entities``, then unify the labels of what remains."""
    entities = set(entities)
    if entities:
        store.unify_labels(vote_types(store, entities))


def mention_counts(store: Consolidated, iris: Iterable[str]) -> dict[str, int]:
    """How many mentions denote each of these entities (absent ones: not listed)."""
    wanted = sorted(set(iris))
    counts: dict[str, int] = {}
    for start in range(0, len(wanted), _MAX_VALUES):
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + _MAX_VALUES])
        for row in store.query(MENTIONS_PER_ENTITY.format(values=values)):
            counts[row["entity"].value] = int(row["mentions"].value)
    return counts


def vote_types(store: Consolidated, entities: set[str]) -> set[str]:
    """One node per name across articles: where articles typed the same unknown name
    differently ("Bernie Ebbers" a person in most, an organisation in one), the type
    with the most mentions in the whole store wins and the others are renamed into
    it. Names the gazetteer knows keep their type. Returns ``entities`` with the
    renamed ones replaced by the node they became.

    Ties go to the first kind in ``VOTED_KINDS``, so the result does not depend on
    the order articles were ingested in. A loser's mentions join the winner, so a
    vote run again after some renames picks the same winner, and returns the same
    entities: it is safe to redo after a crash.
    """
    from kgextract.knowledge.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    groups: dict[str, list[str]] = {}
    for iri in entities:
        kind, _, name = (entity_key(iri) or "").partition(":")
        if kind in VOTED_KINDS and gazetteer.entry(f"{kind}:{name}") is None:
            groups[name] = [entity_iri(f"{k}:{name}") for k in VOTED_KINDS]
    if not groups:
        return entities
    counts = mention_counts(store, (i for g in groups.values() for i in g))
    result, renamed = set(entities), set()
    for siblings in groups.values():
        present = [iri for iri in siblings if counts.get(iri)]
        if len(present) < 2:
            # One node left, perhaps because an interrupted vote renamed the others
            # into it: it is what their labels are unified on, as after that vote.
            result.update(present)
            continue
        known = [iri for iri in present if gazetteer.entry(entity_key(iri) or "")]
        winner = (
            known[0]
            if known
            else max(present, key=lambda iri: (counts[iri], -siblings.index(iri)))
        )
        for loser in present:
            if loser != winner:
                store.rename_entity(loser, winner)
                renamed.add(winner)
                result.discard(loser)
        result.add(winner)
    drop_misfit_relations(store, renamed)
    return result


def drop_misfit_relations(store: Consolidated, entities: Iterable[str]) -> None:
    """Remove the relations of ``entities`` that a new type put outside their
    property's domain or range: "Lindqvist Sorensen works for Volvo", read when
    one article took the name for a person, cannot stay once the vote makes it a
    company. Each goes with its direct triple, in its own article's graph."""
    wanted = sorted(set(entities))
    doomed = set()
    for start in range(0, len(wanted), _MAX_VALUES):
        values = " ".join(f"<{iri}>" for iri in wanted[start : start + _MAX_VALUES])
        for row in store.query(RELATIONS_OF.format(values=values)):
            graph, node, predicate, subject, object_ = (
                row[name].value
                for name in ("graph", "relation", "kind", "subject", "object")
            )
            kind = _RELATION_KINDS.get(predicate)
            head, tail = entity_key(subject), entity_key(object_)
            if kind and head and tail and not fits_relation(kind, head, tail):
                doomed.add((graph, node, predicate, subject, object_))
    for graph, node, predicate, subject, object_ in sorted(doomed):
        # an end that only this relation named in its article goes with it: an
        # entity nothing in the graph points at is an orphan (`kgextract check`)
        orphaned = " ;".join(
            f"DELETE {{ GRAPH <{graph}> {{ <{end}> ?p ?o }} }} WHERE {{ "
            f"GRAPH <{graph}> {{ <{end}> ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH <{graph}> {{ ?other ?q <{end}> }} }} }}"
            for end in (subject, object_)
        )
        store.update(
            f"DELETE WHERE {{ GRAPH <{graph}> {{ <{node}> ?p ?o }} }} ;"
            f"DELETE DATA {{ GRAPH <{graph}> {{ <{subject}> <{predicate}> "
            f"<{object_}> }} }} ;" + orphaned
        )
