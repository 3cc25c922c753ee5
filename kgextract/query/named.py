"""Named SPARQL queries -> rows: lists of plain dicts, ready for a table or JSON.

Every function takes any object with a ``query(sparql: str)`` method that returns
pyoxigraph results and whose default graph is the union of the article graphs:
kgextract's :class:`~kgextract.store.embedded.Store`, or a remote endpoint wrapped
the same way. Field names of the rows are a public interface (``--json`` output,
scripts).

The union default graph repeats a triple once per graph that holds it (an entity's
label is written in every article that mentions it), so row queries are ``DISTINCT``
and counts are ``COUNT(DISTINCT …)``. Each query touches one kind of node and is
linear in the store; lists (aliases, amounts, affiliations) come from a second query
keyed on the same nodes rather than from a join that would multiply rows.

Only pyoxigraph is imported: ``kgextract query`` must start without spaCy or rdflib.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol

import pyoxigraph

from kgextract.errors import KgExtractError, QueryError, UnknownNameError
from kgextract.graph import vocab
from kgextract.graph.iris import (
    VOCABULARY_GRAPH,
    article_id_of,
    article_iri,
    event_type_iri,
    event_type_name,
    is_entity_iri,
    term,
    term_name,
)
from kgextract.knowledge.event_types import load_event_types
from kgextract.query.service import refuse_service


class Queryable(Protocol):
    """A store whose default graph is the union of its named graphs."""

    def query(self, sparql: str) -> Any: ...


P = vocab.SPARQL_PREFIXES

_XSD = vocab.XSD
_INTEGER_TYPES = {
    _XSD + name
    for name in (
        "integer int long short byte nonNegativeInteger positiveInteger "
        "negativeInteger nonPositiveInteger unsignedLong unsignedInt unsignedShort "
        "unsignedByte"
    ).split()
}
_FLOAT_TYPES = {_XSD + "double", _XSD + "float", _XSD + "decimal"}
_BOOLEAN = _XSD + "boolean"

QUADS = {
    term(local): key.lower().replace("_", " ")
    for key, local in vocab.QUAD_CLASSES.items()
}
ENTITY_CLASSES = {term(name): name for name in vocab.ENTITY_TYPES}
# A FILTER, not a VALUES block: Oxigraph joins a VALUES list of classes with every
# typed node before the entity VALUES narrows it (100 ms instead of 3 ms at 800k
# triples).
_ENTITY_CLASS_LIST = ", ".join(f"kg:{name}" for name in vocab.ENTITY_TYPES)
_ENTITY_CLASS_VALUES = " ".join(f"kg:{name}" for name in vocab.ENTITY_TYPES)


# --- SPARQL text -------------------------------------------------------------------
#
# The union default graph repeats a fact once per article graph that states it: an
# entity's type and label are written in every article that mentions it. A join of
# two such patterns therefore yields (articles x articles) rows for one entity, so
# no query below joins two entity-level patterns in the default graph. Event,
# mention, sentence and article triples exist once; entity facts are fetched by
# single-pattern DISTINCT queries and joined in Python, or joined inside one GRAPH
# where the builder writes them together (a role's triples).
#
# Placeholders in braces take VALUES blocks or IRIs from _values/_iri; user text
# only enters a query through _literal, which escapes it.

NAMED = (
    P
    + """
SELECT DISTINCT ?entity ?isLabel WHERE {{
  {{ ?entity rdfs:label ?name . BIND(1 AS ?isLabel) }}
  UNION
  {{ ?entity kg:alias ?name . BIND(0 AS ?isLabel) }}
  FILTER(LCASE(STR(?name)) = LCASE({name}))
}}
"""
)

ARTICLES_NAMED = (
    P
    + """
SELECT DISTINCT ?article WHERE {{
  ?article a kg:Article .
  OPTIONAL {{ ?article kg:source ?source }}
  FILTER(STR(?article) = {name} || STR(?article) = {as_id} || STR(?source) = {name})
}}
"""
)

ARTICLES_FROM_SOURCE = (
    P
    + """
SELECT DISTINCT ?article WHERE {{ ?article kg:source {source} ; a kg:Article . }}
"""
)

ENTITY_TYPES = (
    P
    + """
SELECT DISTINCT ?entity ?class WHERE {{
  {values}
  ?entity a ?class .
  FILTER(?class IN ({classes}))
}}
"""
)

LABELS = (
    P
    + """
SELECT DISTINCT ?entity ?label WHERE {{ {values} ?entity rdfs:label ?label . }}
"""
)

# The state an entity belongs to (kg:country): nationality, home, a body's state.
COUNTRIES = (
    P
    + """
SELECT DISTINCT ?entity ?country WHERE {{ {values} ?entity kg:country ?country . }}
"""
)

ALIASES = (
    P
    + """
SELECT DISTINCT ?entity ?alias WHERE {{ {values} ?entity kg:alias ?alias . }}
"""
)

AFFILIATIONS = (
    P
    + """
SELECT DISTINCT ?entity ?organization WHERE {{
  {values}
  ?entity kg:affiliatedWith ?organization .
}}
"""
)

MEMBERSHIPS = (
    P
    + """
SELECT DISTINCT ?entity ?organization WHERE {{
  {values}
  ?entity kg:memberOf ?organization .
}}
"""
)

# A mention lives in its article's graph only, so the graph names the article: no
# join with kg:inArticle, and no de-duplication across graphs (10x faster).
MENTION_COUNTS = (
    P
    + """
SELECT ?entity (COUNT(?mention) AS ?mentions) (COUNT(DISTINCT ?article) AS ?articles)
WHERE {{
  {values}
  GRAPH ?article {{ ?mention kg:denotes ?entity }}
}}
GROUP BY ?entity
"""
)

# The writer's type vote needs only the mention counts, not the articles.
MENTIONS_PER_ENTITY = (
    P
    + """
SELECT ?entity (COUNT(?mention) AS ?mentions) WHERE {{
  {values}
  GRAPH ?article {{ ?mention kg:denotes ?entity }}
}}
GROUP BY ?entity
"""
)

IDENTIFIERS = (
    P
    + """
SELECT DISTINCT ?id WHERE {{ {entity} kg:identifier ?id . }}
"""
)

# A role's triples are written together, so joining them inside one graph is safe.
ROLES = (
    P
    + """
SELECT DISTINCT ?role ?organization WHERE {{
  GRAPH ?graph {{
    ?node kg:rolePerson {entity} ;
          rdfs:label ?role ;
          kg:roleOrganization ?organization .
  }}
}}
"""
)

MENTIONS_OF = (
    P
    + """
SELECT DISTINCT ?mention ?text ?sentence ?article ?start WHERE {{
  ?mention kg:denotes {entity} ; kg:inArticle ?article .
  OPTIONAL {{ ?mention kg:text ?text }}
  OPTIONAL {{ ?mention kg:inSentence/kg:text ?sentence }}
  OPTIONAL {{ ?mention kg:startChar ?start }}
}}
"""
)

EVENTS_BY_ACTOR = (
    P
    + """
SELECT (COUNT(DISTINCT ?event) AS ?events) WHERE {{ ?event kg:actor {entity} . }}
"""
)

# One row per (event, amount): amounts are folded into their event in Python.
EVENTS = (
    P
    + """
SELECT DISTINCT ?event ?type ?cameo ?quad ?actor ?target ?verb ?object ?sentence
       ?article ?negated ?hypothetical ?modality ?start ?end
       ?date ?dateStart ?dateEnd ?dateText ?construction ?rule
       ?amount ?value ?currency ?amountText ?actorState ?targetState
WHERE {{
  {filters}
  ?event a kg:Event ;
         kg:eventType ?type ;
         kg:actor ?actor ;
         kg:inArticle ?article .
  OPTIONAL {{ ?event kg:target ?target }}
  OPTIONAL {{ ?event kg:actorState ?actorState }}
  OPTIONAL {{ ?event kg:targetState ?targetState }}
  OPTIONAL {{ ?event kg:cameoCode ?cameo }}
  OPTIONAL {{ ?event kg:quadClass ?quad }}
  OPTIONAL {{ ?event kg:verb ?verb }}
  OPTIONAL {{ ?event kg:objectText ?object }}
  OPTIONAL {{ ?event kg:inSentence/kg:text ?sentence }}
  OPTIONAL {{ ?event kg:negated ?negated }}
  OPTIONAL {{ ?event kg:hypothetical ?hypothetical }}
  OPTIONAL {{ ?event kg:modality ?modality }}
  OPTIONAL {{ ?event kg:startChar ?start }}
  OPTIONAL {{ ?event kg:endChar ?end }}
  OPTIONAL {{ ?event kg:date ?date }}
  OPTIONAL {{ ?event kg:dateStart ?dateStart ; kg:dateEnd ?dateEnd }}
  OPTIONAL {{ ?event kg:dateText ?dateText }}
  OPTIONAL {{ ?event kg:construction ?construction }}
  OPTIONAL {{ ?event kg:rule ?rule }}
  OPTIONAL {{
    ?event kg:amount ?amount .
    ?amount schema:value ?value ; schema:currency ?currency .
    OPTIONAL {{ ?amount kg:text ?amountText }}
  }}
}}
"""
)

# Events of the given types that happened (not negated) to someone. The sub-select
# fixes the join order Oxigraph would not find: events with a target are few, events
# of a type many (4 ms instead of 17 ms at 800k triples).
STANCE_EVENTS = (
    P
    + """
SELECT DISTINCT ?event ?type ?actor ?target ?hypothetical ?verb ?sentence ?article
       ?start ?amount ?value ?currency ?dateStart ?dateEnd ?actorState ?targetState
WHERE {{
  {{ SELECT ?event ?type ?actor ?target ?article WHERE {{
      {filters}
      ?event kg:target ?target ;
             kg:eventType ?type .
      FILTER(?type IN ({types}))
      ?event kg:actor ?actor ;
             kg:inArticle ?article .
  }} }}
  FILTER NOT EXISTS {{ ?event kg:negated true }}
  OPTIONAL {{ ?event kg:hypothetical ?hypothetical }}
  OPTIONAL {{ ?event kg:verb ?verb }}
  OPTIONAL {{ ?event kg:startChar ?start }}
  OPTIONAL {{ ?event kg:inSentence/kg:text ?sentence }}
  OPTIONAL {{ ?event kg:dateStart ?dateStart ; kg:dateEnd ?dateEnd }}
  OPTIONAL {{ ?event kg:actorState ?actorState }}
  OPTIONAL {{ ?event kg:targetState ?targetState }}
  OPTIONAL {{
    ?event kg:amount ?amount .
    ?amount schema:value ?value ; schema:currency ?currency .
  }}
}}
"""
)

# One row per relation node; the direct triples say the same without provenance.
RELATIONS = (
    P
    + """
SELECT DISTINCT ?relation ?type ?subject ?object ?confidence ?sentence ?article ?start
WHERE {{
  {filters}
  ?relation kg:relationType ?type ;
            kg:subject ?subject ;
            kg:object ?object ;
            kg:inArticle ?article .
  OPTIONAL {{ ?relation kg:confidence ?confidence }}
  OPTIONAL {{ ?relation kg:inSentence/kg:text ?sentence }}
  OPTIONAL {{ ?relation kg:startChar ?start }}
}}
"""
)

ARTICLES = (
    P
    + """
SELECT DISTINCT ?article ?source ?headline ?date ?chars WHERE {
  ?article a kg:Article .
  OPTIONAL { ?article kg:source ?source }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:datePublished ?date }
  OPTIONAL { ?article kg:characters ?chars }
}
"""
)

ENTITIES_PER_ARTICLE = (
    P
    + """
SELECT ?article (COUNT(DISTINCT ?entity) AS ?n) WHERE {
  GRAPH ?article { ?mention kg:denotes ?entity }
}
GROUP BY ?article
"""
)

EVENTS_PER_ARTICLE = (
    P
    + """
SELECT ?article (COUNT(DISTINCT ?event) AS ?n) WHERE {
  ?event a kg:Event ; kg:inArticle ?article .
}
GROUP BY ?article
"""
)

# Single-row sub-selects: their join is one row, not a product of node sets. The
# triples and quads are the articles' content: the event-type vocabulary graph every
# store holds is not counted, so a fresh store reports 0 of everything.
STATS = (
    P
    + """
SELECT ?articles ?entities ?events ?mentions ?triples ?quads WHERE {{
  {{ SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE {{ ?a a kg:Article }} }}
  {{ SELECT (COUNT(DISTINCT ?e) AS ?entities) WHERE {{
       VALUES ?class {{ {classes} }} ?e a ?class }} }}
  {{ SELECT (COUNT(DISTINCT ?v) AS ?events) WHERE {{ ?v a kg:Event }} }}
  {{ SELECT (COUNT(DISTINCT ?m) AS ?mentions) WHERE {{ ?m a kg:Mention }} }}
  {{ SELECT (COUNT(*) AS ?triples) WHERE {{
       SELECT DISTINCT ?s ?p ?o WHERE {{
         GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {vocabulary}) }} }} }}
  {{ SELECT (COUNT(*) AS ?quads) WHERE {{
       GRAPH ?h {{ ?s2 ?p2 ?o2 }} FILTER(?h != {vocabulary}) }} }}
}}
"""
)

ARTICLE_DATES = (
    P
    + """
SELECT DISTINCT ?article ?date WHERE {
  ?article a kg:Article ; schema:datePublished ?date .
}
"""
)

# Every name an entity answers to: what "did you mean" chooses from.
ENTITY_NAMES = (
    P
    + """
SELECT DISTINCT ?entity ?name WHERE {
  { ?entity rdfs:label ?name } UNION { ?entity kg:alias ?name }
}
"""
)

# Mentions per entity and article: counts within a date range add up the articles
# of the range.
MENTIONS_PER_ARTICLE = (
    P
    + """
SELECT ?entity ?article (COUNT(?mention) AS ?mentions) WHERE {
  GRAPH ?article { ?mention kg:denotes ?entity }
}
GROUP BY ?entity ?article
"""
)

# explain edge: the events between two entities, at either end or the state it acts
# for, with the sentence node for the mentions beside them.
EDGE_EVENTS = (
    P
    + """
SELECT DISTINCT ?event ?type ?cameo ?actor ?target ?actorState ?targetState ?verb
       ?object ?sentence ?sentenceNode ?article ?negated ?hypothetical ?modality
       ?inferred ?start ?end ?date ?dateStart ?dateEnd ?dateText ?construction ?rule
       ?amount ?value ?currency ?amountText
WHERE {{
  {actors}
  ?event kg:actor|kg:actorState ?wantedActor .
  {targets}
  ?event kg:target|kg:targetState ?wantedTarget .
  ?event a kg:Event ;
         kg:eventType ?type ;
         kg:actor ?actor ;
         kg:inArticle ?article .
  OPTIONAL {{ ?event kg:target ?target }}
  OPTIONAL {{ ?event kg:actorState ?actorState }}
  OPTIONAL {{ ?event kg:targetState ?targetState }}
  OPTIONAL {{ ?event kg:cameoCode ?cameo }}
  OPTIONAL {{ ?event kg:verb ?verb }}
  OPTIONAL {{ ?event kg:objectText ?object }}
  OPTIONAL {{ ?event kg:inSentence ?sentenceNode .
             ?sentenceNode kg:text ?sentence }}
  OPTIONAL {{ ?event kg:negated ?negated }}
  OPTIONAL {{ ?event kg:hypothetical ?hypothetical }}
  OPTIONAL {{ ?event kg:modality ?modality }}
  OPTIONAL {{ ?event kg:targetInferred ?inferred }}
  OPTIONAL {{ ?event kg:startChar ?start }}
  OPTIONAL {{ ?event kg:endChar ?end }}
  OPTIONAL {{ ?event kg:date ?date }}
  OPTIONAL {{ ?event kg:dateStart ?dateStart ; kg:dateEnd ?dateEnd }}
  OPTIONAL {{ ?event kg:dateText ?dateText }}
  OPTIONAL {{ ?event kg:construction ?construction }}
  OPTIONAL {{ ?event kg:rule ?rule }}
  OPTIONAL {{
    ?event kg:amount ?amount .
    ?amount schema:value ?value ; schema:currency ?currency .
    OPTIONAL {{ ?amount kg:text ?amountText }}
  }}
}}
"""
)

# The words of an event's sentence that name its actor and target (the resolution:
# mention text -> entity; a COREF label is a pronoun or description read as it).
EDGE_MENTIONS = (
    P
    + """
SELECT DISTINCT ?event ?entity ?text ?label ?start WHERE {{
  {values}
  ?event kg:inSentence ?sentence ;
         kg:actor|kg:target ?entity .
  ?mention kg:inSentence ?sentence ;
           kg:denotes ?entity ;
           kg:text ?text .
  OPTIONAL {{ ?mention kg:nerLabel ?label }}
  OPTIONAL {{ ?mention kg:startChar ?start }}
}}
"""
)

EDGE_ARTICLES = (
    P
    + """
SELECT DISTINCT ?article ?source ?headline ?date ?readAsOf ?assumed WHERE {{
  {values}
  ?article a kg:Article .
  OPTIONAL {{ ?article kg:source ?source }}
  OPTIONAL {{ ?article schema:headline ?headline }}
  OPTIONAL {{ ?article schema:datePublished ?date }}
  OPTIONAL {{ ?article kg:readAsOf ?readAsOf }}
  OPTIONAL {{ ?article kg:dateAssumed ?assumed }}
}}
"""
)

# The roles an article gives a person (text titles and dated offices alike): the
# office through which an act counts for a state. A role's triples are written
# together, so they are joined inside the article's graph.
ARTICLE_ROLES = (
    P
    + """
SELECT DISTINCT ?article ?person ?organization ?role WHERE {{
  {values}
  GRAPH ?article {{
    ?node kg:rolePerson ?person ;
          rdfs:label ?role ;
          kg:roleOrganization ?organization .
  }}
}}
"""
)

# Above this many IRIs a lookup scans instead of listing them in VALUES; the Python
# side filters either way.
_MAX_VALUES = 1000


# --- public queries ----------------------------------------------------------------


def supports(
    store: Queryable,
    target: str | None = None,
    by: str | None = None,
    since: str | None = None,
    until: str | None = None,
    level: str = "actor",
) -> list[dict]:
    """Who supports whom: one row per (supporter, target), with the evidence.

    ``level="actor"`` (the default): each edge at its most specific actor and
    target ("Emmanuel Macron" supports "Ukraine"), with the state each acts for
    when the attribution policy allows (``supporter_state``, ``target_state``:
    an office held on the article's date, a state organ; never a party,
    opposition or former figure). ``level="state"``: the edges between those
    states, only where both ends have one and they differ; ``via`` names the
    office holders the state acted through. ``by`` and ``target`` match an end
    or the state it acts for (``by="Germany"`` keeps Scholz's events too).
    ``since``/``until`` keep the events of those dates (see :func:`date_range`).
    A name no entity has is refused with the closest names (a typo is not an
    empty answer).
    """
    dates = date_range(since, until)
    return _stance_edges(store, "supports", "supporter", target, by, dates, level)


def opposes(
    store: Queryable,
    target: str | None = None,
    by: str | None = None,
    since: str | None = None,
    until: str | None = None,
    level: str = "actor",
) -> list[dict]:
    """Who opposes whom; the same levels, filters and fields as :func:`supports`."""
    dates = date_range(since, until)
    return _stance_edges(store, "opposes", "opponent", target, by, dates, level)


def stance_events(store: Queryable) -> list[dict]:
    """Every event that states a stance (not negated, with a target), one row each,
    at its most specific actor and target, with the states each acts for.

    The rows under ``kgextract eval articles``: ``stance`` ("supports"/"opposes"),
    ``type``, ``actor``/``target`` (name, ``_iri``, ``_type``, ``_names``: the name
    and every alias), the states they act for on the article's date by the
    attribution policy (``actor_states``/``target_states``: names, empty for
    none), and the evidence (``article``, ``source``, ``sentence``, ``verb``,
    ``hypothetical``).
    """
    kinds = {name: t.stance for name, t in load_event_types().items() if t.stance}
    query = STANCE_EVENTS.format(
        filters="", types=", ".join(_iri(event_type_iri(name)) for name in kinds)
    )
    found = _collect_events(store, query, None, None, amount_text=False)
    ends = {e[key] for e in found.values() for key in _ENDS if e[key] is not None}
    facts = _facts(store, ends)
    aliases = _grouped(
        _select_each(store, ALIASES, "entity", ends) if ends else [], "alias"
    )
    sources = {row["article"]: row["source"] for row in _select(store, ARTICLES)}

    def end(iri: str, state: str | None) -> dict:
        fact = facts.get(iri, {})
        return {
            "": fact.get("name"),
            "_iri": iri,
            "_type": fact.get("type"),
            "_names": sorted({fact.get("name") or "", *aliases.get(iri, [])} - {""}),
            "_states": [_name(facts, state)] if state else [],
        }

    rows = []
    for event in sorted(found.values(), key=_text_order):
        code = _event_type_name(event["type"])
        row = {"event": event["event"], "stance": kinds[code], "type": code}
        for role in ("actor", "target"):
            state = event[f"{role}State"]
            row.update(
                {role + key: value for key, value in end(event[role], state).items()}
            )
        row.update(
            article=event["article"],
            source=sources.get(event["article"]),
            sentence=event["sentence"],
            verb=event["verb"],
            hypothetical=bool(event["hypothetical"]),
            amounts=[event["amounts"][key] for key in sorted(event["amounts"])],
        )
        rows.append(row)
    return rows


def events(
    store: Queryable,
    actor: str | None = None,
    type: str | None = None,
    target: str | None = None,
    article: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Every event, in article and text order; filters combine with AND.

    ``actor`` also matches the events whose actor acted for it (``actor_state``):
    ``actor="Germany"`` lists Chancellor Scholz's events too, not those of a German
    opposition leader or company. An unknown event ``type`` or
    entity name is refused (it is a typo, not an empty answer). ``since``/``until``
    keep the events of those dates (see :func:`date_range`).
    """
    dates = date_range(since, until)
    filters = []
    actors = targets = None
    if actor is not None:
        actors = _entity_iris(store, actor)
        if len(actors) <= _MAX_VALUES:
            filters.append(
                _listed("wanted", actors) + " ?event kg:actor|kg:actorState ?wanted ."
            )
    if type is not None:
        filters.append(_listed("type", {event_type_iri(_event_type(type))}))
    if target is not None:
        targets = _entity_iris(store, target)
        # required here: VALUES joined with an OPTIONAL target would keep every event
        filters.append(_values("target", targets) + " ?event kg:target ?target .")
    if article is not None:
        filters.append(_listed("article", _article_iris(store, article)))
    query = EVENTS.format(filters="\n  ".join(filters))
    found = _collect_events(store, query, actors, targets, amount_text=True)
    found = _dated(store, found, dates)
    facts = _facts(
        store,
        {e["actor"] for e in found.values()}
        | _targets(found)
        | {e[k] for e in found.values() for k in ("actorState", "targetState") if e[k]},
    )
    event_types = load_event_types()
    rows = []
    for event in sorted(found.values(), key=_text_order):
        code = _event_type_name(event["type"])
        quad = QUADS.get(event["quad"] or "")
        if quad is None and code in event_types:  # an older graph without quadClass
            quad = event_types[code].quad.lower().replace("_", " ")
        rows.append(
            {
                "event": event["event"],
                "type": code,
                "cameo": event["cameo"],
                "quad": quad,
                "actor": _name(facts, event["actor"]),
                "actor_iri": event["actor"],
                "actor_country": facts.get(event["actor"], {}).get("country"),
                "actor_state": _name(facts, event["actorState"]),
                "target": _name(facts, event["target"]),
                "target_iri": event["target"],
                "target_country": facts.get(event["target"], {}).get("country"),
                "target_state": _name(facts, event["targetState"]),
                "verb": event["verb"],
                "object": event["object"],
                "sentence": event["sentence"],
                "article": event["article"],
                "negated": bool(event["negated"]),
                "hypothetical": bool(event["hypothetical"]),
                "modality": event["modality"],
                "amounts": [event["amounts"][k] for k in sorted(event["amounts"])],
                "start": event["start"],
                "end": event["end"],
                # as Event.date: "2024-05-31", "2024-05", "2024", or "start/end"
                "date": event["date"]
                or (
                    f"{event['dateStart']}/{event['dateEnd']}"
                    if event["dateStart"]
                    else None
                ),
                "date_text": event["dateText"],
                "construction": event["construction"],
                "rule": event["rule"],
            }
        )
    return rows


RELATION_TYPES = tuple(vocab.RELATION_PROPERTIES.values())


def explain_edge(store: Queryable, actor: str, target: str) -> dict:
    """Why the store says ``actor`` supports or opposes ``target``: the edges
    between them at actor and at state level, and each event under them, with
    its sentence, article, construction and lexicon rule, the words that named
    each end (mention text -> entity) and the state each end acts for
    (``kg:actorState``/``kg:targetState``) with the role it acts through.

    The names resolve as in :func:`supports`: a canonical name or alias, any
    case; a name no entity has is refused with the closest names. An end
    matches the entity or the state it acts for, so ``explain_edge(store,
    "France", "Ukraine")`` also finds Macron's acts for France. Negated events
    and events of no stance are listed too, with why they make no edge: the
    answer to "why is there no edge" is often one of them.
    """
    actors = _entity_iris(store, actor)
    targets = _entity_iris(store, target)
    query = EDGE_EVENTS.format(
        actors=_values("wantedActor", actors), targets=_values("wantedTarget", targets)
    )
    found = {
        iri: event
        for iri, event in _collect_events(
            store, query, None, None, amount_text=True
        ).items()
        if {event["actor"], event["actorState"]} & actors
        and {event["target"], event["targetState"]} & targets
    }
    ends = {e[key] for e in found.values() for key in _ENDS if e[key] is not None}
    facts = _facts(store, ends | actors | targets)
    articles = (
        {
            row["article"]: row
            for row in _select_each(
                store, EDGE_ARTICLES, "article", {e["article"] for e in found.values()}
            )
        }
        if found
        else {}
    )
    mentions: dict[tuple[str, str], list[dict]] = {}
    for row in _select_each(store, EDGE_MENTIONS, "event", set(found)) if found else ():
        mentions.setdefault((row["event"], row["entity"]), []).append(
            {"text": row["text"], "label": row["label"], "start": row["start"]}
        )
    people = {
        e[end]
        for e in found.values()
        for end, state in (("actor", "actorState"), ("target", "targetState"))
        if e[state] and e[state] != e[end]
    }
    roles: dict[tuple[str, str], list[dict]] = {}
    for row in _select_each(store, ARTICLE_ROLES, "person", people) if people else ():
        roles.setdefault((row["article"], row["person"]), []).append(row)
    stances = {name: t.stance for name, t in load_event_types().items()}

    def end(event: dict, role: str) -> dict | None:
        iri = event[role]
        if iri is None:
            return None
        fact = facts.get(iri, {})
        words = sorted(
            mentions.get((event["event"], iri), []), key=lambda m: m["start"] or 0
        )
        return {
            "name": fact.get("name"),
            "iri": iri,
            "type": fact.get("type"),
            "mentions": words,
        }

    def state(event: dict, role: str) -> dict | None:
        iri, node = event[f"{role}State"], event[role]
        if iri is None:
            return None
        name = _name(facts, iri)
        via = [
            {"role": row["role"], "organization": _name(facts, row["organization"])}
            for row in roles.get((event["article"], node), [])
            if row["organization"] == iri
            or facts.get(row["organization"], {}).get("country") == name
        ]
        kind = facts.get(node, {}).get("type")
        if iri == node:
            why = f"{name} is the state"
        elif via:
            titles = ", ".join(f"'{v['role']}' of {v['organization']}" for v in via)
            why = f"{_name(facts, node)} acts for {name} as {titles}"
        elif kind == "Organization":
            why = f"{_name(facts, node)} is an organ of {name}"
        else:
            why = f"{_name(facts, node)} acts for {name}"
        return {"name": name, "iri": iri, "via": via, "why": why}

    rows, edges = [], {}
    for event in sorted(found.values(), key=_text_order):
        code = _event_type_name(event["type"])
        stance = stances.get(code)
        article = articles.get(event["article"], {})
        levels = []
        no_edge = None
        if not stance:
            no_edge = f"type {code} states no stance"
        elif event["negated"]:
            no_edge = "negated"
        elif event["target"] is None or event["target"] == event["actor"]:
            no_edge = "no target"
        else:
            if event["actor"] in actors and event["target"] in targets:
                levels.append(("actor", event["actor"], event["target"]))
            ends_state = (event["actorState"], event["targetState"])
            if (
                ends_state[0] in actors
                and ends_state[1] in targets
                and ends_state[0] != ends_state[1]
            ):
                levels.append(("state", *ends_state))
        for level, source, sink in levels:
            edge = edges.setdefault(
                (level, stance, source, sink),
                {
                    "level": level,
                    "stance": stance,
                    "actor": _name(facts, source),
                    "actor_iri": source,
                    "target": _name(facts, sink),
                    "target_iri": sink,
                    "events": 0,
                    "hypothetical": 0,
                    "event_types": set(),
                },
            )
            edge["events"] += 1
            edge["hypothetical"] += bool(event["hypothetical"])
            edge["event_types"].add(code)
        actor_end, target_end = end(event, "actor"), end(event, "target")
        if target_end is not None:
            target_end["inferred"] = bool(event["inferred"])
        rows.append(
            {
                "event": event["event"],
                "type": code,
                "cameo": event["cameo"],
                "stance": stance,
                "counts_for": [level for level, _, _ in levels],
                "no_edge": no_edge,
                "actor": actor_end,
                "target": target_end,
                "actor_state": state(event, "actor"),
                "target_state": state(event, "target"),
                "verb": event["verb"],
                "object": event["object"],
                "negated": bool(event["negated"]),
                "hypothetical": bool(event["hypothetical"]),
                "modality": event["modality"],
                "amounts": [event["amounts"][k] for k in sorted(event["amounts"])],
                "date": event["date"]
                or (
                    f"{event['dateStart']}/{event['dateEnd']}"
                    if event["dateStart"]
                    else None
                ),
                "date_text": event["dateText"],
                "sentence": event["sentence"],
                "start": event["start"],
                "end": event["end"],
                "construction": event["construction"],
                "rule": event["rule"],
                "article": event["article"],
                "source": article.get("source"),
                "headline": article.get("headline"),
                "article_date": article.get("date"),
                "read_as_of": article.get("readAsOf"),
                "date_assumed": bool(article.get("assumed")),
            }
        )
    for edge in edges.values():
        edge["event_types"] = sorted(edge["event_types"])

    def named(query: str, iris: set[str]) -> dict:
        return {
            "query": query,
            "entities": [
                {"iri": iri, "name": _name(facts, iri), "type": facts[iri]["type"]}
                for iri in sorted(iris)
                if iri in facts
            ],
        }

    return {
        "actor": named(actor, actors),
        "target": named(target, targets),
        "edges": sorted(
            edges.values(),
            key=lambda e: (
                e["level"],
                e["stance"],
                e["actor"] or "",
                e["target"] or "",
            ),
        ),
        "events": rows,
    }


def relations(
    store: Queryable,
    name: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Who works for, is based in, is located in, lives in or killed whom: one row
    per (subject, relation, object), most often stated first, with the sentences.

    ``name`` keeps the facts where that entity is the subject or the object; ``type``
    is one of :data:`RELATION_TYPES` (any case), another value is refused. Each
    sentence's ``confidence`` is the classifier's; a row's is the highest of them.
    ``since``/``until`` keep what articles of those dates state.
    """
    dates = date_range(since, until)
    filters = []
    if type is not None:
        known = {t.lower(): t for t in RELATION_TYPES}
        if type.lower() not in known:
            raise QueryError(
                f"unknown relation type {type!r}; one of: {', '.join(RELATION_TYPES)}"
            )
        filters.append(_listed("type", {term(known[type.lower()])}))
    if name is None:
        found = _select(store, RELATIONS.format(filters=" ".join(filters)))
    else:
        named = _entity_iris(store, name)
        found = [
            row
            for variable in ("subject", "object")
            for row in _select(
                store,
                RELATIONS.format(
                    filters=" ".join([*filters, _listed(variable, named)])
                ),
            )
        ]
    if dates != (None, None):
        published = _article_dates(store)
        found = [r for r in found if _overlaps(published.get(r["article"]), dates)]
    facts = _facts(store, {r["subject"] for r in found} | {r["object"] for r in found})
    grouped: dict[tuple[str, str, str], dict] = {}
    unique = {r["relation"]: r for r in found}.values()
    for row in sorted(unique, key=lambda r: (*_text_order(r), r["relation"])):
        relation = term_name(row["type"])
        fact = grouped.setdefault(
            (row["subject"], relation, row["object"]),
            {
                "subject": _name(facts, row["subject"]),
                "subject_iri": row["subject"],
                "relation": relation,
                "object": _name(facts, row["object"]),
                "object_iri": row["object"],
                "mentions": 0,
                "articles": set(),
                "confidence": 0.0,
                "evidence": [],
            },
        )
        confidence = float(row["confidence"] or 0.0)
        fact["mentions"] += 1
        fact["articles"].add(row["article"])
        fact["confidence"] = max(fact["confidence"], confidence)
        fact["evidence"].append(
            {
                "article": row["article"],
                "sentence": row["sentence"],
                "confidence": confidence,
            }
        )
    for fact in grouped.values():
        fact["articles"] = len(fact["articles"])
    return sorted(
        grouped.values(),
        key=lambda f: (
            -f["mentions"],
            f["subject"] or "",
            f["relation"],
            f["object"] or "",
            f["subject_iri"],
            f["object_iri"],
        ),
    )


def entities(
    store: Queryable,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    unmentioned: bool = False,
) -> list[dict]:
    """Every entity the articles mention, with its mention counts, most mentioned
    first.

    ``type`` is one of :data:`kgextract.graph.vocab.ENTITY_TYPES` (any case); another
    value is refused with the valid ones listed. ``since``/``until`` count only the
    articles of those dates, and leave out the entities none of them mentions.
    Entities only the dictionaries bring (the state a minister serves, the party a
    member belongs to) are nodes of the graph but no answer to "what do my articles
    name": ``unmentioned=True`` lists them too.
    """
    wanted = _entity_type(type) if type is not None else None
    dates = date_range(since, until)
    facts = _facts(store)
    if dates == (None, None):
        counts = {row["entity"]: row for row in _select(store, _with(MENTION_COUNTS))}
    else:
        counts = _counts_in_range(store, dates)
        facts = {iri: fact for iri, fact in facts.items() if iri in counts}
    aliases = _grouped(_select(store, _with(ALIASES)), "alias")
    affiliations = _grouped(_select(store, _with(AFFILIATIONS)), "organization")
    memberships = _grouped(_select(store, _with(MEMBERSHIPS)), "organization")
    rows = [
        _entity_row(iri, fact, counts, aliases, affiliations, facts, memberships)
        for iri, fact in facts.items()
        if wanted is None or fact["type"] == wanted
    ]
    if not unmentioned:
        rows = [row for row in rows if row["mentions"]]
    return sorted(rows, key=lambda row: (-row["mentions"], row["name"], row["iri"]))


def entity(store: Queryable, name: str) -> dict | None:
    """One entity by canonical name or alias (any case), or None if there is none.

    When a name is ambiguous, a canonical-name match wins over an alias, then the
    most mentioned entity: "Georgia" is the country before a person nicknamed so.
    """
    matches = _select(store, NAMED.format(name=_literal(name.strip())))
    by_label: dict[str, int] = {}
    for row in matches:
        by_label[row["entity"]] = max(by_label.get(row["entity"], 0), row["isLabel"])
    facts = _facts(store, set(by_label))
    if not facts:
        return None
    counts = {
        row["entity"]: row
        for row in _select(store, _with(MENTION_COUNTS, "entity", set(facts)))
    }
    iri = min(
        facts,
        key=lambda e: (-by_label[e], -counts.get(e, {}).get("mentions", 0), e),
    )
    aliases = _grouped(_select(store, _with(ALIASES, "entity", {iri})), "alias")
    affiliations = _grouped(
        _select(store, _with(AFFILIATIONS, "entity", {iri})), "organization"
    )
    memberships = _grouped(
        _select(store, _with(MEMBERSHIPS, "entity", {iri})), "organization"
    )
    node = _iri(iri)
    roles = _select(store, ROLES.format(entity=node))
    facts.update(
        _facts(
            store,
            set(affiliations.get(iri, []))
            | set(memberships.get(iri, []))
            | {r["organization"] for r in roles},
        )
    )
    result = _entity_row(
        iri, facts[iri], counts, aliases, affiliations, facts, memberships
    )
    result["ids"] = sorted(
        r["id"] for r in _select(store, IDENTIFIERS.format(entity=node))
    )
    result["roles"] = sorted(
        (
            {"role": r["role"], "organization": _name(facts, r["organization"])}
            for r in roles
        ),
        key=lambda role: (role["organization"] or "", role["role"]),
    )
    mentions = sorted(_select(store, MENTIONS_OF.format(entity=node)), key=_text_order)
    result["mention_list"] = [
        {"text": m["text"], "sentence": m["sentence"], "article": m["article"]}
        for m in mentions
    ]
    # How often each surface form was written: "Zelenskiy" 12, "Zelensky" 3.
    result["alias_counts"] = dict(
        sorted(Counter(m["text"] for m in mentions).items(), key=lambda i: -i[1])
    )
    (count,) = _select(store, EVENTS_BY_ACTOR.format(entity=node))
    result["events"] = count["events"]
    result["article_list"] = sorted({m["article"] for m in mentions})
    return result


HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Dame"})


def suspects(store: Queryable) -> list[dict]:
    """Pairs of entities that may be one, which extraction declined to merge.

    kgextract merges only on evidence (the gazetteer, a full name in the same
    article); this lists what a reader might merge, so a user can decide and say so
    in an ``--aliases`` file: the same name with another type or scope ("Johnson" in
    two articles), a lone surname beside a full name ("Kelly" / "Ruth Kelly"), a name
    that is another entity's alias. Rows: ``entity``, ``entity_iri``, ``type``,
    ``mentions``, ``other``, ``other_iri``, ``other_type``, ``other_mentions``,
    ``reason``.
    """
    rows = entities(store)
    by_name: dict[str, list[dict]] = {}
    by_alias: dict[str, list[dict]] = {}
    by_surname: dict[str, list[dict]] = {}
    for row in rows:
        by_name.setdefault(_fold(row["name"]), []).append(row)
        for alias in row["aliases"]:
            by_alias.setdefault(_fold(alias), []).append(row)
        words = row["name"].split()
        if row["type"] == "Person" and len(words) > 1 and words[0] not in HONORIFICS:
            by_surname.setdefault(_fold(words[-1]), []).append(row)
    pairs: dict[tuple[str, str], dict] = {}

    def pair(a: dict, b: dict, reason: str) -> None:
        if a["iri"] == b["iri"]:
            return
        first, second = sorted((a, b), key=lambda r: (-r["mentions"], r["iri"]))
        pairs.setdefault(
            (first["iri"], second["iri"]),
            {
                "entity": first["name"],
                "entity_iri": first["iri"],
                "type": first["type"],
                "mentions": first["mentions"],
                "other": second["name"],
                "other_iri": second["iri"],
                "other_type": second["type"],
                "other_mentions": second["mentions"],
                "reason": reason,
            },
        )

    for same in by_name.values():
        for i, a in enumerate(same):
            for b in same[i + 1 :]:
                reason = (
                    "same name, other type"
                    if a["type"] != b["type"]
                    else ("same name, not merged")
                )
                pair(a, b, reason)
    for row in rows:
        for other in by_alias.get(_fold(row["name"]), []):
            if {row["type"], other["type"]} == {"Country", "Place"}:
                continue  # a capital and the state it stands for: kept apart on purpose
            pair(row, other, "name is the other's alias")
        words = row["name"].split()
        if row["type"] == "Person" and (
            len(words) == 1 or (len(words) == 2 and words[0] in HONORIFICS)
        ):
            for other in by_surname.get(_fold(words[-1]), []):
                pair(row, other, "surname of a full name")
    return sorted(
        pairs.values(),
        key=lambda r: (-(r["mentions"] + r["other_mentions"]), r["entity"], r["other"]),
    )


def _fold(name: str) -> str:
    """Case, accents and punctuation folded: how two spellings are compared."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))


def articles(
    store: Queryable, since: str | None = None, until: str | None = None
) -> list[dict]:
    """Every article with its entity and event counts, oldest first, undated last.

    ``since``/``until`` keep the articles published on those dates (undated ones
    go).
    """
    dates = date_range(since, until)
    entity_counts = {r["article"]: r["n"] for r in _select(store, ENTITIES_PER_ARTICLE)}
    event_counts = {r["article"]: r["n"] for r in _select(store, EVENTS_PER_ARTICLE)}
    result: dict[str, dict] = {}
    for row in _select(store, ARTICLES):
        iri = row["article"]
        if iri in result:  # an article with two values of one field: keep the first
            continue
        result[iri] = {
            "article": iri,
            "id": article_id_of(iri),
            "source": row["source"],
            "headline": row["headline"],
            "date": None if row["date"] is None else str(row["date"]),
            "chars": row["chars"],
            "entities": entity_counts.get(iri, 0),
            "events": event_counts.get(iri, 0),
        }
    if dates != (None, None):
        result = {
            iri: row for iri, row in result.items() if _overlaps(row["date"], dates)
        }
    return sorted(
        result.values(),
        key=lambda row: (
            row["date"] is None,
            row["date"] or "",
            row["source"] or "",
            row["article"],
        ),
    )


def mention_counts(store: Queryable, iris: Iterable[str]) -> dict[str, int]:
    """How many mentions denote each of these entities (absent ones: not listed)."""
    rows = _select_each(store, MENTIONS_PER_ENTITY, "entity", set(iris))
    return {row["entity"]: row["mentions"] for row in rows}


def article_ids_from_source(store: Queryable, source: str) -> list[str]:
    """Ids of the stored articles read from ``source`` (a path, URL or "path#line").

    An edited file gets a new id (the id hashes the text), so ingest asks this to
    replace the older version instead of keeping both. One indexed lookup.
    """
    query = ARTICLES_FROM_SOURCE.format(source=_literal(source))
    return sorted(article_id_of(row["article"]) for row in _select(store, query))


def stats(store: Queryable) -> dict:
    """Sizes of the graph: ``triples`` counts the distinct triples of the articles'
    graphs, ``quads`` their statements, both without the vocabulary graph."""
    query = STATS.format(
        classes=_ENTITY_CLASS_VALUES, vocabulary=_iri(VOCABULARY_GRAPH)
    )
    (row,) = _select(store, query)
    keys = ("articles", "entities", "events", "mentions", "triples", "quads")
    return {key: row[key] for key in keys}


def sparql(
    store: Queryable, text: str, *, allow_service: bool = False
) -> tuple[list[str], list[dict]]:
    """Run any SPARQL query, with the kgextract prefixes declared for convenience.

    SELECT gives its variables and rows of plain values (IRIs as strings, simple
    literals as Python values); ASK gives ``(["ask"], [{"ask": bool}])``;
    CONSTRUCT and DESCRIBE give subject/predicate/object rows. A prefix declared in
    ``text`` overrides the built-in one. Errors come back as a one-line QueryError.
    A query that calls ``SERVICE`` is refused unless ``allow_service``
    (:mod:`kgextract.query.service`).
    """
    if not allow_service:
        refuse_service(text)
    results = _run(store, P + text)
    try:
        if isinstance(results, (pyoxigraph.QueryBoolean, bool)):
            return ["ask"], [{"ask": bool(results)}]
        if isinstance(results, pyoxigraph.QuerySolutions):
            variables = [variable.value for variable in results.variables]
            return variables, [
                {name: _value(solution[name]) for name in variables}
                for solution in results
            ]
        columns = ["subject", "predicate", "object"]
        triples = dict.fromkeys(  # the union graph may yield a triple once per graph
            (_value(t.subject), _value(t.predicate), _value(t.object)) for t in results
        )
        return columns, [dict(zip(columns, triple, strict=True)) for triple in triples]
    except (SyntaxError, ValueError, OSError, RuntimeError) as err:
        raise QueryError(_message(err)) from None


# --- joins in Python ---------------------------------------------------------------


LEVELS = ("actor", "state")


def _stance_edges(
    store: Queryable,
    stance: str,
    role: str,
    target: str | None,
    by: str | None,
    dates: tuple[str | None, str | None] = (None, None),
    level: str = "actor",
) -> list[dict]:
    if level not in LEVELS:
        raise QueryError(f"unknown level {level!r}; choose one of: {', '.join(LEVELS)}")
    targets = _entity_iris(store, target) if target is not None else None
    named = _entity_iris(store, by) if by is not None else None
    types = [name for name, t in load_event_types().items() if t.stance == stance]
    query = STANCE_EVENTS.format(
        filters="", types=", ".join(_iri(event_type_iri(name)) for name in types)
    )
    found = _collect_events(store, query, None, None, amount_text=False)
    found = _dated(store, found, dates)
    found = {
        iri: event
        for iri, event in found.items()
        if (targets is None or {event["target"], event["targetState"]} & targets)
        and (named is None or {event["actor"], event["actorState"]} & named)
    }
    facts = _facts(
        store,
        {e[key] for e in found.values() for key in _ENDS if e[key] is not None},
    )
    edges: dict[tuple[str, str], dict] = {}
    for event in sorted(found.values(), key=_text_order):
        actor, actor_state = event["actor"], event["actorState"]
        target_node, target_state = event["target"], event["targetState"]
        if level == "state":
            if not actor_state or not target_state or actor_state == target_state:
                continue
            ends = (actor_state, target_state)
        else:
            ends = (actor, target_node)
        edge = edges.setdefault(
            ends,
            {
                role: _name(facts, ends[0]),
                f"{role}_iri": ends[0],
                f"{role}_country": facts.get(ends[0], {}).get("country"),
                f"{role}_state": None,
                "target": _name(facts, ends[1]),
                "target_iri": ends[1],
                "target_country": facts.get(ends[1], {}).get("country"),
                "target_state": None,
                "mentions": 0,
                "articles": set(),
                "event_types": set(),
                "hypothetical": 0,
                "via": set(),
                "amounts": [],
                "evidence": [],
            },
        )
        if level == "actor":  # the state, where it is another node than the end
            if actor_state and actor_state != actor:
                edge[f"{role}_state"] = _name(facts, actor_state)
            if target_state and target_state != target_node:
                edge["target_state"] = _name(facts, target_state)
        elif actor != actor_state:
            edge["via"].add(_name(facts, actor))
        code = _event_type_name(event["type"])
        is_hypothetical = bool(event["hypothetical"])
        edge["mentions"] += 1
        edge["articles"].add(event["article"])
        edge["event_types"].add(code)
        edge["hypothetical"] += is_hypothetical
        amounts = event["amounts"]
        edge["amounts"].extend(amounts[key] for key in sorted(amounts))
        edge["evidence"].append(
            {
                "article": event["article"],
                "sentence": event["sentence"],
                "event_type": code,
                "verb": event["verb"],
                "hypothetical": is_hypothetical,
            }
        )
    for edge in edges.values():
        edge["articles"] = len(edge["articles"])
        edge["event_types"] = sorted(edge["event_types"])
        edge["via"] = sorted(name for name in edge["via"] if name is not None)
    return sorted(
        edges.values(),
        key=lambda row: (
            -row["mentions"],
            row[role] or "",
            row["target"] or "",
            row[f"{role}_iri"],
            row["target_iri"],
        ),
    )


_ENDS = ("actor", "target", "actorState", "targetState")


def _facts(store: Queryable, iris: set[str] | None = None) -> dict[str, dict]:
    """IRI -> {"name", "type", "country"} for the entities among ``iris`` (all when
    None); ``country`` is the name of the state the entity belongs to, or None.

    Single-pattern queries, joined here: the type and the label of an entity
    are each repeated in every article graph, and joining them in SPARQL would
    multiply the repeats.
    """
    if iris is not None and not iris:
        return {}
    types: dict[str, str] = {}
    for row in _select_each(
        store, ENTITY_TYPES, "entity", iris, classes=_ENTITY_CLASS_LIST
    ):
        name = ENTITY_CLASSES[row["class"]]
        if iris is None or row["entity"] in iris:
            types[row["entity"]] = min(name, types.get(row["entity"], name))
    labels: dict[str, str] = {}
    for row in _select_each(store, LABELS, "entity", iris):
        if row["entity"] in types:
            label = str(row["label"])
            labels[row["entity"]] = min(label, labels.get(row["entity"], label))
    countries = {
        row["entity"]: row["country"]
        for row in _select_each(store, COUNTRIES, "entity", iris)
        if row["entity"] in types
    }
    missing = set(countries.values()) - set(labels)
    for row in _select_each(store, LABELS, "entity", missing) if missing else ():
        if row["entity"] in missing:
            label = str(row["label"])
            labels[row["entity"]] = min(label, labels.get(row["entity"], label))
    return {
        iri: {
            "name": labels.get(iri),
            "type": kind,
            "country": labels.get(countries[iri]) if iri in countries else None,
        }
        for iri, kind in sorted(types.items())
    }


def _collect_events(
    store: Queryable,
    query: str,
    actors: set[str] | None,
    targets: set[str] | None,
    *,
    amount_text: bool,
) -> dict[str, dict]:
    """One dict per event IRI from rows that repeat an event once per amount.

    ``actors``/``targets`` (IRIs) filter in Python what the SPARQL could not join
    cheaply; None keeps all.
    """
    found: dict[str, dict] = {}
    for row in _select(store, query):
        if (
            actors is not None
            and row["actor"] not in actors
            and row.get("actorState") not in actors
        ) or (targets is not None and row["target"] not in targets):
            continue
        event = found.setdefault(row["event"], {**row, "amounts": {}})
        if row["amount"] is not None:
            amount = {"value": float(row["value"]), "currency": row["currency"]}
            if amount_text:
                amount["text"] = row["amountText"]
            event["amounts"][row["amount"]] = amount
    return found


def _entity_row(
    iri: str,
    fact: dict,
    counts: dict[str, dict],
    aliases: dict[str, list],
    affiliations: dict[str, list],
    facts: dict[str, dict],
    memberships: dict[str, list],
) -> dict:
    count = counts.get(iri, {})

    def names(orgs: list[str]) -> list[str]:
        return sorted(name for org in orgs if (name := _name(facts, org)) is not None)

    return {
        "iri": iri,
        "name": fact["name"],
        "type": fact["type"],
        "aliases": sorted(aliases.get(iri, [])),
        "country": fact.get("country"),
        "affiliations": names(affiliations.get(iri, [])),
        "memberships": names(memberships.get(iri, [])),
        "mentions": count.get("mentions", 0),
        "articles": count.get("articles", 0),
    }


def _entity_iris(store: Queryable, name: str) -> set[str]:
    """Entities whose canonical name or alias is ``name``, ignoring case.

    None is refused with :class:`UnknownNameError` naming the closest names.
    """
    matches = {
        row["entity"]
        for row in _select(store, NAMED.format(name=_literal(name.strip())))
    }
    found = set(_facts(store, matches))
    if not found:
        raise UnknownNameError(unknown_entity(store, name))
    return found


def entity_iris(store: Queryable, name: str) -> set[str]:
    """The IRIs of the entities named ``name`` (canonical name or alias, any case);
    an unknown name is refused with :class:`UnknownNameError` and a "did you
    mean"."""
    return _entity_iris(store, name)


def suggest(store: Queryable, name: str, limit: int = 3) -> list[str]:
    """The entity names closest to ``name`` (canonical names and aliases, any
    case): what "did you mean" offers for a typo such as "Ukriane"."""
    names: dict[str, str] = {}
    for row in _select(store, ENTITY_NAMES):
        if is_entity_iri(row["entity"]):
            names.setdefault(str(row["name"]).lower(), str(row["name"]))
    wanted = name.strip().lower()
    matcher = difflib.SequenceMatcher(b=wanted)
    scored = []
    for known in names:
        matcher.set_seq1(known)
        if matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75:
            if (score := matcher.ratio()) >= 0.75:
                scored.append((-score, known))
    scored.sort()
    # Only the names nearly as close as the closest: "Ukrain" is Ukraine, not also
    # "Ukrainian".
    best = -scored[0][0] if scored else 0.0
    return [names[known] for score, known in scored[:limit] if -score >= best - 0.05]


def unknown_entity(store: Queryable, name: str) -> str:
    """The one-line message for a name no entity has, with a "did you mean"."""
    close = suggest(store, name)
    if close:
        return f"no entity named {name!r}; did you mean {_either(close)}?"
    return (
        f"no entity named {name!r} in the store (kgextract query entities lists them)"
    )


def _either(names: list[str]) -> str:
    quoted = [repr(name) for name in names]
    return (
        quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    )


# --- dates ---------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_range(
    since: str | None = None, until: str | None = None
) -> tuple[str | None, str | None]:
    """``(first day, last day)`` as ISO dates from ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``; None leaves that side open.

    A period names all its days: ``until="2024-05"`` runs to 2024-05-31 and
    ``since="2024"`` starts on 2024-01-01, as a reader means them. Anything else is
    refused (a misspelt date must not quietly filter everything out).
    """
    return _day(since, "since", last=False), _day(until, "until", last=True)


def _day(text: str | None, option: str, *, last: bool) -> str | None:
    if text is None:
        return None
    match = _DATE.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = match.groups()
        month_number = int(month or (12 if last else 1))
        if day is None:
            days = calendar.monthrange(int(year), month_number)[1]
            day = str(days if last else 1)
        return datetime.date(int(year), month_number, int(day)).isoformat()
    except ValueError:
        raise QueryError(
            f"{option}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None


def _overlaps(
    span: str | tuple[str, str] | None, dates: tuple[str | None, str | None]
) -> bool:
    """Whether a day (``"2024-05-31"``, a timestamp) or a ``(first, last)`` span
    shares a day with ``dates``; an undated thing never does."""
    if span is None:
        return False
    first, last = (span, span) if isinstance(span, str) else span
    # "2024" or "2024-05" names all its days, as in date_range.
    first, last = _period(str(first), last=False), _period(str(last), last=True)
    since, until = dates
    return (since is None or last >= since) and (until is None or first <= until)


def _period(date: str, *, last: bool) -> str:
    """The first or last day of a date read at any precision; a timestamp's day."""
    try:
        return _day(date[:10], "date", last=last) or date[:10]
    except QueryError:
        return date[:10]


def _article_dates(store: Queryable) -> dict[str, str]:
    return {row["article"]: str(row["date"]) for row in _select(store, ARTICLE_DATES)}


def _dated(
    store: Queryable, found: dict[str, dict], dates: tuple[str | None, str | None]
) -> dict[str, dict]:
    """The events that happened within ``dates``: on the date the sentence gives
    (``kg:dateStart``/``kg:dateEnd``), else on their article's date."""
    if dates == (None, None):
        return found
    published = _article_dates(store)

    def when(event: dict):
        if event.get("dateStart"):
            return (event["dateStart"], event["dateEnd"] or event["dateStart"])
        return published.get(event["article"])

    return {iri: e for iri, e in found.items() if _overlaps(when(e), dates)}


def _counts_in_range(
    store: Queryable, dates: tuple[str | None, str | None]
) -> dict[str, dict]:
    """``MENTION_COUNTS`` for the articles published within ``dates``."""
    published = _article_dates(store)
    counts: dict[str, dict] = {}
    for row in _select(store, MENTIONS_PER_ARTICLE):
        if _overlaps(published.get(row["article"]), dates):
            count = counts.setdefault(
                row["entity"], {"entity": row["entity"], "mentions": 0, "articles": 0}
            )
            count["mentions"] += row["mentions"]
            count["articles"] += 1
    return counts


def _article_iris(store: Queryable, article: str) -> set[str]:
    """An article given by IRI, by id (the hash) or by its source path or URL."""
    query = ARTICLES_NAMED.format(
        name=_literal(article), as_id=_literal(article_iri(article))
    )
    return {row["article"] for row in _select(store, query)}


def _targets(found: dict[str, dict]) -> set[str]:
    return {e["target"] for e in found.values() if e["target"] is not None}


def _name(facts: dict[str, dict], iri: str | None) -> str | None:
    return None if iri is None else facts.get(iri, {}).get("name")


def _select_each(
    store: Queryable,
    template: str,
    variable: str,
    iris: set[str] | None,
    **fields: str,
) -> list[dict]:
    """``template`` for these IRIs (all when None), in VALUES blocks of at most
    ``_MAX_VALUES``: several indexed lookups beat one scan of every entity's facts,
    which are repeated in each article graph (15 ms instead of 900 ms for 1,500
    entities at 800k triples)."""
    if iris is None:
        return _select(store, template.format(values="", **fields))
    wanted = sorted(iris)
    rows: list[dict] = []
    for start in range(0, len(wanted), _MAX_VALUES):
        block = _listed(variable, set(wanted[start : start + _MAX_VALUES]))
        rows += _select(store, template.format(values=block, **fields))
    return rows


def _with(query: str, variable: str = "entity", iris: set[str] | None = None) -> str:
    return query.format(values=_values(variable, iris))


def _values(variable: str, iris: set[str] | None) -> str:
    """``VALUES ?variable { … }``, or nothing when there are too many to list.

    Only for lookups whose rows are filtered again in Python.
    """
    if iris is None or len(iris) > _MAX_VALUES:
        return ""
    return _listed(variable, iris)


def _listed(variable: str, iris: set[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(_iri(iri) for iri in sorted(iris))} }}"


def _event_type(name: str) -> str:
    event_types = load_event_types()
    code = name.strip().upper()
    if code not in event_types:
        valid = ", ".join(event_types)
        raise QueryError(f"unknown event type {name!r}; choose one of: {valid}")
    return code


def _entity_type(name: str) -> str:
    for known in vocab.ENTITY_TYPES:
        if known.lower() == name.strip().lower():
            return known
    valid = ", ".join(vocab.ENTITY_TYPES)
    raise QueryError(f"unknown entity type {name!r}; choose one of: {valid}")


def _grouped(rows: list[dict], field: str) -> dict[str, list]:
    groups: dict[str, list] = {}
    for row in rows:
        values = groups.setdefault(row["entity"], [])
        if row[field] not in values:
            values.append(row[field])
    return groups


def _text_order(row: dict) -> tuple:
    """Articles in IRI order, then position in the text."""
    start = row.get("start")
    return (row["article"], start if start is not None else -1, row.get("event", ""))


def _event_type_name(iri: str | None) -> str | None:
    return None if iri is None else event_type_name(iri)


def _iri(iri: str) -> str:
    return str(pyoxigraph.NamedNode(iri))


def _literal(text: str) -> str:
    """A string as a SPARQL literal, escaped: user input never becomes syntax."""
    return str(pyoxigraph.Literal(text))


def _run(store: Queryable, query: str) -> Any:
    try:
        return store.query(query)
    except QueryError as err:  # the store's own message, with our prologue's lines
        raise QueryError(_shift(str(err))) from None
    except KgExtractError:
        raise
    except (SyntaxError, ValueError, OSError, RuntimeError) as err:
        raise QueryError(_message(err)) from None


def _select(store: Queryable, query: str) -> list[dict]:
    results = _run(store, query)
    try:
        names = [variable.value for variable in results.variables]
        return [
            {name: _value(solution[name]) for name in names} for solution in results
        ]
    except (SyntaxError, ValueError, OSError, RuntimeError) as err:
        raise QueryError(_message(err)) from None


_POSITION = re.compile(r"error at (\d+):(\d+)")
_PREFIX_LINES = P.count("\n")


def _message(err: Exception) -> str:
    """One line, with positions counted in the user's text, not ours."""
    line = (str(err).strip().splitlines() or [type(err).__name__])[0]
    prefix = "invalid SPARQL: " if isinstance(err, SyntaxError) else "query failed: "
    return prefix + _shift(line)


def _shift(message: str) -> str:
    def shift(match: re.Match) -> str:
        line = int(match.group(1)) - _PREFIX_LINES
        return f"error at line {max(line, 1)}, column {match.group(2)}"

    return _POSITION.sub(shift, message)


def _value(term: Any) -> Any:
    """An RDF term as a JSON-ready value: IRIs as strings, literals as Python values."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype is not None else None
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    return str(term)
