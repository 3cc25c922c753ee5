"""Named queries over a hand-written graph of two articles, with hand-written answers.

The graph (tests/fixtures/queries/two_articles.trig), in short:

    A 1111aaaa2222bbbb (2024-05-30)
      0 AID       Sweden -> Ukraine  "announce"  13.3 billion SEK, 1.3 billion USD
      1 SUPPORT   Olaf Scholz (Person, affiliated with Germany) -> Ukraine "authorize"
      2 ASSAULT   Russia -> Ukraine  "attack"
    B 3333cccc4444dddd (no date)
      0 AID       Germany -> Ukraine "send", hypothetical ("may")
      1 ACCUSE    Sweden -> Russia   "condemn", negated
      2 THREATEN  Russia, no target  "threaten"
      3 SUPPORT   Scholz -> Sweden   "praise"
      4 SUPPORT   Jens Stoltenberg (affiliated with NATO, not a country) -> Sweden
      5 SUPPORT   Volodymyr Zelenskiy (affiliated with Ukraine) -> Ukraine: self-edge

Every query runs against two stores holding the same quads: pyoxigraph in memory
(any object with ``query()`` will do) and kgextract's on-disk Store.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from kgextract.errors import QueryError, UnknownNameError
from kgextract.graph import vocab
from kgextract.graph.build import event_type_quads
from kgextract.query import named as queries
from kgextract.store.embedded import Store

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "two_articles.trig"

A = "https://w3id.org/kgextract/article/1111aaaa2222bbbb"
B = "https://w3id.org/kgextract/article/3333cccc4444dddd"
ID = "https://w3id.org/kgextract/id/"
SWE, UKR, RUS, DEU = (ID + "country/" + code for code in ("SWE", "UKR", "RUS", "DEU"))
SCHOLZ = ID + "person/olaf-scholz"
STOLTENBERG = ID + "person/jens-stoltenberg"
ZELENSKIY = ID + "person/volodymyr-zelenskiy"
NATO = ID + "org/nato"


class UnionView:
    """pyoxigraph in memory, queried the way kgextract's Store is: default = union."""

    def __init__(self, db: pyoxigraph.Store) -> None:
        self.db = db

    def query(self, sparql: str):
        return self.db.query(sparql, use_default_graph_as_union=True)


def memory_store(trig: bytes) -> UnionView:
    db = pyoxigraph.Store()
    db.load(trig, format=pyoxigraph.RdfFormat.TRIG)
    db.extend(event_type_quads())  # what a real store holds besides the articles
    return UnionView(db)


@pytest.fixture(scope="module", params=["memory", "kgextract-store"])
def store(request, tmp_path_factory):
    if request.param == "memory":
        yield memory_store(FIXTURE.read_bytes())
        return
    quads = list(pyoxigraph.parse(path=FIXTURE, format=pyoxigraph.RdfFormat.TRIG))
    with Store.open(tmp_path_factory.mktemp("queries") / "kg", create=True) as opened:
        for graph in (A, B):
            opened.replace_article(
                graph, [q for q in quads if q.graph_name.value == graph]
            )
        yield opened


def evidence(article, sentence, event_type, verb, hypothetical=False):
    return {
        "article": article,
        "sentence": sentence,
        "event_type": event_type,
        "verb": verb,
        "hypothetical": hypothetical,
    }


GERMANY_SUPPORTS_UKRAINE = {
    "supporter": "Germany",
    "supporter_iri": DEU,
    "target": "Ukraine",
    "target_iri": UKR,
    "mentions": 2,
    "articles": 2,
    "event_types": ["AID", "SUPPORT"],
    "hypothetical": 1,
    "via": ["Olaf Scholz"],
    "amounts": [],
    "evidence": [
        evidence(
            A,
            "Chancellor Olaf Scholz authorized Ukrainian strikes inside Russia.",
            "SUPPORT",
            "authorize",
        ),
        evidence(
            B,
            "Germany may send more air defence systems to Ukraine.",
            "AID",
            "send",
            hypothetical=True,
        ),
    ],
}
GERMANY_SUPPORTS_SWEDEN = {
    "supporter": "Germany",
    "supporter_iri": DEU,
    "target": "Sweden",
    "target_iri": SWE,
    "mentions": 1,
    "articles": 1,
    "event_types": ["SUPPORT"],
    "hypothetical": 0,
    "via": ["Olaf Scholz"],
    "amounts": [],
    "evidence": [evidence(B, "Scholz praised Sweden.", "SUPPORT", "praise")],
}
STOLTENBERG_SUPPORTS_SWEDEN = {
    "supporter": "Jens Stoltenberg",
    "supporter_iri": STOLTENBERG,
    "target": "Sweden",
    "target_iri": SWE,
    "mentions": 1,
    "articles": 1,
    "event_types": ["SUPPORT"],
    "hypothetical": 0,
    "via": [],
    "amounts": [],
    "evidence": [
        evidence(
            B,
            "NATO chief Jens Stoltenberg welcomed the Swedish package.",
            "SUPPORT",
            "welcome",
        )
    ],
}
SWEDEN_SUPPORTS_UKRAINE = {
    "supporter": "Sweden",
    "supporter_iri": SWE,
    "target": "Ukraine",
    "target_iri": UKR,
    "mentions": 1,
    "articles": 1,
    "event_types": ["AID"],
    "hypothetical": 0,
    "via": [],
    "amounts": [
        {"value": 13_300_000_000.0, "currency": "SEK"},
        {"value": 1_300_000_000.0, "currency": "USD"},
    ],
    "evidence": [
        evidence(
            A,
            "Sweden announced a support package worth 13.3 billion kronor "
            "($1.3 billion) for Ukraine.",
            "AID",
            "announce",
        )
    ],
}


# --- supports / opposes ------------------------------------------------------------


def test_supports_rolls_people_up_to_their_country_and_drops_self_edges(store):
    assert queries.supports(store) == [
        GERMANY_SUPPORTS_UKRAINE,
        GERMANY_SUPPORTS_SWEDEN,
        STOLTENBERG_SUPPORTS_SWEDEN,
        SWEDEN_SUPPORTS_UKRAINE,
    ]


def test_opposes_leaves_out_negated_and_targetless_events(store):
    assert queries.opposes(store) == [
        {
            "opponent": "Russia",
            "opponent_iri": RUS,
            "target": "Ukraine",
            "target_iri": UKR,
            "mentions": 1,
            "articles": 1,
            "event_types": ["ASSAULT"],
            "hypothetical": 0,
            "via": [],
            "amounts": [],
            "evidence": [
                evidence(
                    A, "Russia attacked Ukraine's power grid.", "ASSAULT", "attack"
                )
            ],
        }
    ]


@pytest.mark.parametrize(
    "target, by, expected",
    [
        ("ukraine", None, [("Germany", "Ukraine", 2), ("Sweden", "Ukraine", 1)]),
        ("SWEDEN", None, [("Germany", "Sweden", 1), ("Jens Stoltenberg", "Sweden", 1)]),
        (None, "Germany", [("Germany", "Ukraine", 2), ("Germany", "Sweden", 1)]),
        # by a person: only their own events, still rolled up to their country
        (None, "scholz", [("Germany", "Sweden", 1), ("Germany", "Ukraine", 1)]),
        (None, "Olaf Scholz", [("Germany", "Sweden", 1), ("Germany", "Ukraine", 1)]),
        # an organization's people are not rolled up to it
        (None, "NATO", []),
        (None, "Jens Stoltenberg", [("Jens Stoltenberg", "Sweden", 1)]),
        ("Ukraine", "Germany", [("Germany", "Ukraine", 2)]),
        # Zelenskiy's thanks to Ukraine is Ukraine supporting itself: dropped
        (None, "Zelenskiy", []),
    ],
)
def test_supports_filters_by_name_or_alias_ignoring_case(store, target, by, expected):
    rows = queries.supports(store, target=target, by=by)
    assert [(r["supporter"], r["target"], r["mentions"]) for r in rows] == expected


def test_supports_by_person_counts_only_that_persons_events(store):
    assert queries.supports(store, target="Ukraine", by="Scholz") == [
        {
            **GERMANY_SUPPORTS_UKRAINE,
            "mentions": 1,
            "articles": 1,
            "event_types": ["SUPPORT"],
            "hypothetical": 0,
            "evidence": GERMANY_SUPPORTS_UKRAINE["evidence"][:1],
        }
    ]


def test_opposes_by_the_actor_of_a_negated_event_is_empty(store):
    assert queries.opposes(store, by="Sweden") == []


def test_a_name_with_quotes_is_a_name_not_sparql(store):
    with pytest.raises(UnknownNameError, match="no entity named"):
        queries.supports(store, target='Ukraine" || true || "')
    with pytest.raises(UnknownNameError, match="no entity named"):
        queries.events(store, actor='x\\" } ; DROP ALL ; {')
    assert queries.stats(store)["events"] == 9  # and nothing was dropped


@pytest.mark.parametrize(
    "call",
    [
        lambda store: queries.supports(store, target="Atlantis"),
        lambda store: queries.opposes(store, by="Atlantis"),
        lambda store: queries.events(store, actor="Atlantis"),
        lambda store: queries.events(store, target="Atlantis"),
        lambda store: queries.relations(store, name="Atlantis"),
    ],
)
def test_an_unknown_name_is_refused_not_answered_with_nothing(store, call):
    with pytest.raises(UnknownNameError) as refused:
        call(store)
    assert str(refused.value) == (
        "no entity named 'Atlantis' in the store (kgextract query entities lists them)"
    )


@pytest.mark.parametrize(
    "typo, message",
    [
        ("Ukrain", "no entity named 'Ukrain'; did you mean 'Ukraine'?"),
        (
            "jens stoltenburg",
            "no entity named 'jens stoltenburg'; did you mean 'Jens Stoltenberg'?",
        ),
        ("swedn", "no entity named 'swedn'; did you mean 'Sweden'?"),
    ],
)
def test_a_misspelt_name_gets_a_did_you_mean(store, typo, message):
    with pytest.raises(UnknownNameError) as refused:
        queries.supports(store, target=typo)
    assert str(refused.value) == message


# --- events ------------------------------------------------------------------------


def test_events_lists_every_event_in_article_and_text_order(store):
    rows = queries.events(store)
    assert [(r["type"], r["actor"], r["target"], r["verb"]) for r in rows] == [
        ("AID", "Sweden", "Ukraine", "announce"),
        ("SUPPORT", "Olaf Scholz", "Ukraine", "authorize"),
        ("ASSAULT", "Russia", "Ukraine", "attack"),
        ("AID", "Germany", "Ukraine", "send"),
        ("ACCUSE", "Sweden", "Russia", "condemn"),
        ("THREATEN", "Russia", None, "threaten"),
        ("SUPPORT", "Olaf Scholz", "Sweden", "praise"),
        ("SUPPORT", "Jens Stoltenberg", "Sweden", "welcome"),
        ("SUPPORT", "Volodymyr Zelenskiy", "Ukraine", "thank"),
    ]
    assert rows[0] == {
        "event": ID + "event/1111aaaa2222bbbb/0",
        "type": "AID",
        "cameo": "070",
        "quad": "material cooperation",
        "actor": "Sweden",
        "actor_iri": SWE,
        "target": "Ukraine",
        "target_iri": UKR,
        "verb": "announce",
        "object": "a support package worth 13.3 billion kronor ($1.3 billion)",
        "sentence": "Sweden announced a support package worth 13.3 billion kronor "
        "($1.3 billion) for Ukraine.",
        "article": A,
        "negated": False,
        "hypothetical": False,
        "modality": None,
        "amounts": [
            {
                "value": 13_300_000_000.0,
                "currency": "SEK",
                "text": "13.3 billion kronor",
            },
            {"value": 1_300_000_000.0, "currency": "USD", "text": "$1.3 billion"},
        ],
        "start": 7,
        "end": 16,
        "date": None,  # the sentence dates nothing
        "date_text": None,
        "construction": None,
        "rule": None,
    }
    assert rows[3] == {
        "event": ID + "event/3333cccc4444dddd/0",
        "type": "AID",
        "cameo": "070",
        "quad": "material cooperation",
        "actor": "Germany",
        "actor_iri": DEU,
        "target": "Ukraine",
        "target_iri": UKR,
        "verb": "send",
        "object": "more air defence systems",
        "sentence": "Germany may send more air defence systems to Ukraine.",
        "article": B,
        "negated": False,
        "hypothetical": True,
        "modality": "may",
        "amounts": [],
        "start": 12,
        "end": 16,
        "date": None,
        "date_text": None,
        "construction": None,
        "rule": None,
    }


def test_an_event_without_target_has_none_and_a_negated_one_says_so(store):
    (threat,) = queries.events(store, type="threaten")
    assert (threat["target"], threat["target_iri"], threat["object"]) == (
        None,
        None,
        "retaliation",
    )
    assert threat["quad"] == "verbal conflict"
    (condemnation,) = queries.events(store, target="Russia")
    assert (condemnation["verb"], condemnation["negated"]) == ("condemn", True)


@pytest.mark.parametrize(
    "filters, expected",
    [
        # a country's events include those of the people acting for it
        (
            {"actor": "Germany"},
            ["1111aaaa2222bbbb/1", "3333cccc4444dddd/0", "3333cccc4444dddd/3"],
        ),
        ({"actor": "scholz"}, ["1111aaaa2222bbbb/1", "3333cccc4444dddd/3"]),
        ({"actor": "NATO"}, []),
        (
            {"type": "support"},
            [
                "1111aaaa2222bbbb/1",
                "3333cccc4444dddd/3",
                "3333cccc4444dddd/4",
                "3333cccc4444dddd/5",
            ],
        ),
        ({"type": "AID", "actor": "Sweden"}, ["1111aaaa2222bbbb/0"]),
        ({"target": "Sweden"}, ["3333cccc4444dddd/3", "3333cccc4444dddd/4"]),
        (
            {"article": "1111aaaa2222bbbb"},
            ["1111aaaa2222bbbb/0", "1111aaaa2222bbbb/1", "1111aaaa2222bbbb/2"],
        ),
        ({"article": A, "type": "ASSAULT"}, ["1111aaaa2222bbbb/2"]),
        ({"article": "tests/b.txt", "actor": "Russia"}, ["3333cccc4444dddd/2"]),
        ({"article": "no-such-article"}, []),
        ({"type": "MOBILIZE"}, []),
    ],
)
def test_events_filters_combine(store, filters, expected):
    rows = queries.events(store, **filters)
    assert [r["event"].removeprefix(ID + "event/") for r in rows] == expected


def test_events_refuses_an_unknown_type_naming_the_valid_ones(store):
    with pytest.raises(
        QueryError,
        match=r"unknown event type 'HUG'; choose one of: "
        r"AGREE, .*ASSAULT$",
    ):
        queries.events(store, type="HUG")


# --- relations ---------------------------------------------------------------------


def test_relations_list_each_fact_with_its_sentence_and_confidence(store):
    assert queries.relations(store) == [
        {
            "subject": "Jens Stoltenberg",
            "subject_iri": STOLTENBERG,
            "relation": "worksFor",
            "object": "North Atlantic Treaty Organization",
            "object_iri": NATO,
            "mentions": 1,
            "articles": 1,
            "confidence": 0.91,
            "evidence": [
                {
                    "article": B,
                    "sentence": "NATO chief Jens Stoltenberg welcomed the Swedish "
                    "package.",
                    "confidence": 0.91,
                }
            ],
        },
        {
            "subject": "Volodymyr Zelenskiy",
            "subject_iri": ZELENSKIY,
            "relation": "livesIn",
            "object": "Ukraine",
            "object_iri": UKR,
            "mentions": 1,
            "articles": 1,
            "confidence": 0.4,
            "evidence": [
                {
                    "article": B,
                    "sentence": "Zelenskiy thanked Ukraine's soldiers.",
                    "confidence": 0.4,
                }
            ],
        },
    ]


NATO_NAME = "North Atlantic Treaty Organization"


@pytest.mark.parametrize(
    "name, relation_type, expected",
    [
        ("NATO", None, [("Jens Stoltenberg", "worksFor", NATO_NAME)]),  # as object
        ("JENS STOLTENBERG", None, [("Jens Stoltenberg", "worksFor", NATO_NAME)]),
        (None, "LIVESIN", [("Volodymyr Zelenskiy", "livesIn", "Ukraine")]),
        ("Ukraine", "worksFor", []),
        ("Sweden", None, []),
    ],
)
def test_relations_filter_by_entity_on_either_side_and_by_type(
    store, name, relation_type, expected
):
    rows = queries.relations(store, name=name, type=relation_type)
    assert [(r["subject"], r["relation"], r["object"]) for r in rows] == expected


def test_relations_refuse_an_unknown_type(store):
    with pytest.raises(QueryError, match="worksFor, basedIn"):
        queries.relations(store, type="marriedTo")


# --- entities ----------------------------------------------------------------------


def test_entities_are_listed_most_mentioned_first(store):
    rows = queries.entities(store)
    assert [
        (
            r["name"],
            r["type"],
            r["mentions"],
            r["articles"],
            r["aliases"],
            r["affiliations"],
        )
        for r in rows
    ] == [
        ("Russia", "Country", 4, 2, [], []),
        ("Ukraine", "Country", 4, 2, [], []),
        ("Sweden", "Country", 3, 2, [], []),
        ("Olaf Scholz", "Person", 2, 2, ["Scholz"], ["Germany"]),
        # described in both articles, mentioned only in B
        ("Germany", "Country", 1, 1, [], []),
        (
            "Jens Stoltenberg",
            "Person",
            1,
            1,
            [],
            ["North Atlantic Treaty Organization"],
        ),
        ("North Atlantic Treaty Organization", "Organization", 1, 1, ["NATO"], []),
        ("Volodymyr Zelenskiy", "Person", 1, 1, ["Zelenskiy"], ["Ukraine"]),
    ]
    assert rows[3] == {
        "iri": SCHOLZ,
        "name": "Olaf Scholz",
        "type": "Person",
        "aliases": ["Scholz"],
        "affiliations": ["Germany"],
        "mentions": 2,
        "articles": 2,
    }


def test_entities_of_one_type_keep_affiliations_to_other_types(store):
    rows = queries.entities(store, type="person")
    assert [(r["name"], r["affiliations"]) for r in rows] == [
        ("Olaf Scholz", ["Germany"]),
        ("Jens Stoltenberg", ["North Atlantic Treaty Organization"]),
        ("Volodymyr Zelenskiy", ["Ukraine"]),
    ]
    assert queries.entities(store, type="Place") == []


def test_entities_refuses_an_unknown_type(store):
    with pytest.raises(QueryError, match="unknown entity type 'Planet'"):
        queries.entities(store, type="Planet")


def test_entity_by_alias_gives_ids_roles_and_every_mention(store):
    assert queries.entity(store, "SCHOLZ") == {
        "iri": SCHOLZ,
        "name": "Olaf Scholz",
        "type": "Person",
        "aliases": ["Scholz"],
        "affiliations": ["Germany"],
        "mentions": 2,
        "articles": 2,
        "ids": ["wikidata:Q61053"],
        "roles": [{"role": "Chancellor", "organization": "Germany"}],
        "mention_list": [
            {
                "text": "Olaf Scholz",
                "sentence": "Chancellor Olaf Scholz authorized Ukrainian strikes "
                "inside Russia.",
                "article": A,
            },
            {"text": "Scholz", "sentence": "Scholz praised Sweden.", "article": B},
        ],
        "alias_counts": {"Olaf Scholz": 1, "Scholz": 1},
        "events": 2,
        "article_list": [A, B],
    }


def test_entity_of_an_organization_by_its_short_name(store):
    nato = queries.entity(store, "nato")
    assert nato["iri"] == NATO
    assert (nato["name"], nato["ids"], nato["roles"], nato["events"]) == (
        "North Atlantic Treaty Organization",
        ["wikidata:Q7184"],
        [],
        0,
    )
    assert nato["article_list"] == [B]


def test_entity_that_is_not_there_is_none(store):
    assert queries.entity(store, "Atlantis") is None
    assert queries.entity(store, "Chancellor") is None  # a role's label, not an entity


def test_entity_prefers_a_canonical_name_over_an_alias():
    store = memory_store(
        b"""
        @prefix kg: <https://w3id.org/kgextract/ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/kgextract/article/a> {
          <https://w3id.org/kgextract/id/person/g> a kg:Person ;
              rdfs:label "Georgia Meloni" ; kg:alias "Georgia" .
          <https://w3id.org/kgextract/article/a#char=0,7> kg:denotes
              <https://w3id.org/kgextract/id/person/g> .
          <https://w3id.org/kgextract/article/a#char=9,16> kg:denotes
              <https://w3id.org/kgextract/id/person/g> .
          <https://w3id.org/kgextract/id/country/GEO> a kg:Country ;
              rdfs:label "Georgia" .
        }
        """
    )
    assert queries.entity(store, "georgia")["iri"] == ID + "country/GEO"


# --- articles and stats ------------------------------------------------------------


def test_articles_are_listed_oldest_first_with_counts(store):
    assert queries.articles(store) == [
        {
            "article": A,
            "id": "1111aaaa2222bbbb",
            "source": "tests/a.txt",
            "headline": "Sweden unveils aid for Ukraine",
            "date": "2024-05-30",
            "chars": 193,
            "entities": 4,  # Germany is described (Scholz's country), not mentioned
            "events": 3,
        },
        {
            "article": B,
            "id": "3333cccc4444dddd",
            "source": "tests/b.txt",
            "headline": "Germany weighs more air defence",
            "date": None,
            "chars": 234,
            "entities": 8,
            "events": 6,
        },
    ]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("tests/a.txt", ["1111aaaa2222bbbb"]),
        ("tests/b.txt", ["3333cccc4444dddd"]),
        ("tests/A.txt", []),  # a path is compared exactly
        ('tests/a.txt" . ?x ?y "', []),
    ],
)
def test_article_ids_from_source_finds_the_stored_versions_of_a_file(
    store, source, expected
):
    assert queries.article_ids_from_source(store, source) == expected


def test_stats_count_distinct_triples_of_the_union_and_all_quads(store):
    # the fixture counted by the parser alone: the event-type vocabulary graph
    # every store holds is not content, and is not counted
    quads = list(pyoxigraph.parse(path=FIXTURE, format=pyoxigraph.RdfFormat.TRIG))
    triples = {quad.triple for quad in quads}
    assert queries.stats(store) == {
        "articles": 2,
        "entities": 8,
        "events": 9,
        "mentions": 17,
        "triples": len(triples),
        "quads": len(quads),
    }
    assert len(triples) < len(quads)  # the union merges the repeated entity facts


# --- raw SPARQL --------------------------------------------------------------------


def test_sparql_select_gives_variables_and_plain_values(store):
    variables, rows = queries.sparql(
        store,
        "SELECT ?name ?chars ?hyp WHERE { ?e kg:alias ?name . "
        "kga:1111aaaa2222bbbb kg:characters ?chars . "
        "kgid:event\\/3333cccc4444dddd\\/0 kg:hypothetical ?hyp } ORDER BY ?name",
    )
    assert variables == ["name", "chars", "hyp"]
    assert rows == [
        {"name": "NATO", "chars": 193, "hyp": True},
        {"name": "Scholz", "chars": 193, "hyp": True},
        {"name": "Zelenskiy", "chars": 193, "hyp": True},
    ]


def test_sparql_ask_and_construct(store):
    assert queries.sparql(store, 'ASK { ?e kg:alias "NATO" }') == (
        ["ask"],
        [{"ask": True}],
    )
    assert queries.sparql(store, 'ASK { ?e kg:alias "OTAN" }')[1] == [{"ask": False}]
    columns, rows = queries.sparql(
        store, "CONSTRUCT { ?p kg:affiliatedWith ?c } WHERE { ?p kg:affiliatedWith ?c }"
    )
    assert columns == ["subject", "predicate", "object"]
    affiliated = vocab.NS + "affiliatedWith"
    # Scholz's affiliation is stated in both articles: one triple, not two
    assert sorted((r["subject"], r["predicate"], r["object"]) for r in rows) == [
        (STOLTENBERG, affiliated, NATO),
        (SCHOLZ, affiliated, DEU),
        (ZELENSKIY, affiliated, UKR),
    ]


def test_sparql_lets_a_query_redeclare_a_prefix(store):
    _, rows = queries.sparql(
        store, "PREFIX kg: <http://example.org/> SELECT ?s WHERE { ?s kg:alias ?o }"
    )
    assert rows == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("SELEC ?s WHERE { ?s ?p ?o }", "error at line 1, column"),
        ("SELECT ?s WHERE {\n  ?s ?p\n}", "error at line 3, column"),
        ("SELECT ?s WHERE { ?s nope:p ?o }", "error at line 1, column"),
    ],
)
def test_bad_sparql_is_a_one_line_query_error_in_the_users_lines(store, text, message):
    with pytest.raises(QueryError) as raised:
        queries.sparql(store, text)
    assert "SPARQL" in str(raised.value)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


# --- cost --------------------------------------------------------------------------


def test_queries_stay_linear_when_entities_repeat_in_many_graphs():
    """The union graph yields an entity's label once per article that states it; a
    query that joined two such patterns would grow with the square of the number of
    articles (and hang here)."""
    text = FIXTURE.read_text(encoding="utf-8")
    copies = 120
    trig = "".join(
        text.replace("3333cccc4444dddd", f"{n:016x}") for n in range(copies)
    ).encode()
    store = memory_store(trig)
    started = time.perf_counter()
    germany = queries.supports(store, by="Germany")
    assert [(r["target"], r["mentions"], r["articles"]) for r in germany] == [
        ("Ukraine", 1 + copies, 1 + copies),  # A's Scholz event and each copy's AID
        ("Sweden", copies, copies),
    ]
    assert len(queries.events(store, actor="Germany")) == 1 + 2 * copies
    russia = queries.entity(store, "Russia")
    assert (russia["mentions"], russia["articles"]) == (2 + 2 * copies, 1 + copies)
    assert queries.entities(store)[0]["mentions"] == 2 + 2 * copies
    assert queries.stats(store)["events"] == 3 + 6 * copies
    assert time.perf_counter() - started < 30


def test_name_sets_too_long_to_list_give_the_same_answers(store, monkeypatch):
    """Above _MAX_VALUES IRIs an event filter scans and filters in Python, and an
    entity lookup runs once per block of _MAX_VALUES IRIs; the answers must not
    change."""
    calls = [
        lambda: queries.supports(store, target="Ukraine", by="Germany"),
        lambda: queries.opposes(store, by="Russia"),
        lambda: queries.events(store, actor="Germany", target="Sweden"),
        lambda: queries.events(store, article="tests/a.txt", type="AID"),
        lambda: queries.entities(store, type="Person"),
        lambda: queries.entity(store, "Scholz"),
    ]
    listed = [call() for call in calls]
    monkeypatch.setattr(queries, "_MAX_VALUES", 1)
    assert [call() for call in calls] == listed


def test_the_query_module_starts_without_spacy_or_rdflib():
    code = (
        "import sys, kgextract.query.named; "
        "print(sorted(m for m in ('spacy', 'rdflib') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    )
    assert result.stdout.strip() == "[]"


# --- dates -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated_store():
    """The two articles, with B's first event (Germany may send aid to Ukraine)
    dated by its sentence to 2 June 2024; B itself has no date."""
    event = pyoxigraph.NamedNode(ID + "event/3333cccc4444dddd/0")
    day = pyoxigraph.Literal(
        "2024-06-02", datatype=pyoxigraph.NamedNode(vocab.XSD + "date")
    )
    store = memory_store(FIXTURE.read_bytes())
    for name in ("dateStart", "dateEnd"):
        store.db.add(
            pyoxigraph.Quad(
                event,
                pyoxigraph.NamedNode(vocab.NS + name),
                day,
                pyoxigraph.NamedNode(B),
            )
        )
    return store


@pytest.mark.parametrize(
    "since, until, expected",
    [
        (
            None,
            None,
            [
                ("Germany", "Ukraine"),
                ("Germany", "Sweden"),
                ("Jens Stoltenberg", "Sweden"),
                ("Sweden", "Ukraine"),
            ],
        ),
        # A's events take A's date; B's dated event its own; B's others have none
        ("2024-05-30", "2024-05-30", [("Germany", "Ukraine"), ("Sweden", "Ukraine")]),
        ("2024-06", None, [("Germany", "Ukraine")]),
        (None, "2024-05-29", []),
        ("2024", "2024", [("Germany", "Ukraine"), ("Sweden", "Ukraine")]),
    ],
)
def test_supports_since_until_keep_the_events_of_those_dates(
    dated_store, since, until, expected
):
    rows = queries.supports(dated_store, since=since, until=until)
    assert sorted((r["supporter"], r["target"]) for r in rows) == sorted(expected)


def test_events_since_uses_the_sentence_date_before_the_article_date(dated_store):
    rows = queries.events(dated_store, since="2024-06-01")
    assert [(r["actor"], r["verb"], r["date"]) for r in rows] == [
        ("Germany", "send", "2024-06-02/2024-06-02")
    ]


def test_articles_relations_and_entities_since_keep_the_dated_article(dated_store):
    assert [r["id"] for r in queries.articles(dated_store, since="2024-05")] == [
        "1111aaaa2222bbbb"
    ]
    assert queries.articles(dated_store, until="2024-05-29") == []
    named = {r["name"]: r["mentions"] for r in queries.entities(dated_store)}
    in_may = {
        r["name"]: r["mentions"]
        for r in queries.entities(dated_store, since="2024-05", until="2024-05")
    }
    assert set(in_may) < set(named)
    assert "Jens Stoltenberg" in named and "Jens Stoltenberg" not in in_may
    assert in_may["Sweden"] < named["Sweden"]
    assert queries.relations(dated_store, until="2024-05-29") == []


@pytest.mark.parametrize(
    "since, until, expected",
    [
        ("2024", None, ("2024-01-01", None)),
        (None, "2024-02", (None, "2024-02-29")),
        ("2023-02", "2023-02", ("2023-02-01", "2023-02-28")),
        (" 2024-05-31 ", "2024-12", ("2024-05-31", "2024-12-31")),
    ],
)
def test_a_period_names_all_its_days(since, until, expected):
    assert queries.date_range(since, until) == expected


@pytest.mark.parametrize("bad", ["2024-13", "31/05/2024", "May 2024", "2024-02-30"])
def test_a_date_that_is_not_one_is_refused(bad):
    with pytest.raises(QueryError) as refused:
        queries.date_range(since=bad)
    assert str(refused.value) == (
        f"since: {bad!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    )
