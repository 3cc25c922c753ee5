"""Event dates: relative dates resolved against the article's date, on the event.

The expected values are worked out by hand on a calendar: 2024-05-31 is a Friday,
2024-06-03 the Monday after it, weeks run Monday to Sunday.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kgextract.cli import cli
from kgextract.graph import build as graph
from kgextract.graph import vocab
from kgextract.nlp.timex import resolve_date
from kgextract.store.embedded import Store

SHAPES = Path(__file__).parents[1] / "ontology" / "shapes.ttl"
XSD_DATE = rdflib.URIRef(vocab.XSD + "date")
FRIDAY = "2024-05-31"
MONDAY = "2024-06-03"


@pytest.mark.parametrize(
    "text, article_date, forward, expected",
    [
        # days named by their distance from the article date
        ("today", FRIDAY, False, "2024-05-31"),
        ("yesterday", FRIDAY, False, "2024-05-30"),
        ("tomorrow", FRIDAY, True, "2024-06-01"),
        ("last night", MONDAY, False, "2024-06-02"),
        ("yesterday", "2024-05-31T07:26:05+00:00", False, "2024-05-30"),
        # weekdays: the tense decides the side, last/next are strict
        ("Friday", FRIDAY, False, "2024-05-31"),
        ("Friday", MONDAY, False, "2024-05-31"),
        ("Friday", MONDAY, True, "2024-06-07"),
        ("Friday", FRIDAY, True, "2024-05-31"),
        ("Monday", FRIDAY, False, "2024-05-27"),
        ("Friday night", MONDAY, False, "2024-05-31"),
        ("last Friday", FRIDAY, False, "2024-05-24"),
        ("next Friday", FRIDAY, True, "2024-06-07"),
        ("this Friday", MONDAY, True, "2024-06-07"),
        # weeks, weekends, months, years
        ("last week", FRIDAY, False, "2024-05-20/2024-05-26"),
        ("last week", MONDAY, False, "2024-05-27/2024-06-02"),
        ("this week", FRIDAY, False, "2024-05-27/2024-06-02"),
        ("next week", FRIDAY, True, "2024-06-03/2024-06-09"),
        ("the weekend", FRIDAY, False, "2024-05-25/2024-05-26"),
        ("the weekend", MONDAY, False, "2024-06-01/2024-06-02"),
        ("the weekend", FRIDAY, True, "2024-06-01/2024-06-02"),
        ("last weekend", MONDAY, False, "2024-06-01/2024-06-02"),
        ("last month", FRIDAY, False, "2024-04"),
        ("this month", FRIDAY, False, "2024-05"),
        ("next month", FRIDAY, True, "2024-06"),
        ("last month", "2024-01-15", False, "2023-12"),
        ("last year", FRIDAY, False, "2023"),
        ("next year", FRIDAY, True, "2025"),
        ("earlier this month", FRIDAY, False, "2024-05-01/2024-05-31"),
        ("earlier this week", FRIDAY, False, "2024-05-27/2024-05-31"),
        ("later this year", FRIDAY, True, "2024-05-31/2024-12-31"),
        # counted back
        ("two days ago", FRIDAY, False, "2024-05-29"),
        ("a week ago", FRIDAY, False, "2024-05-24"),
        ("three months ago", FRIDAY, False, "2024-02"),
        ("two years ago", FRIDAY, False, "2022"),
        # day and month without a year: the article's year, or the one the tense says
        ("3 March", FRIDAY, False, "2024-03-03"),
        ("March 3", FRIDAY, False, "2024-03-03"),
        ("the 3rd of March", FRIDAY, False, "2024-03-03"),
        ("December 28", "2024-01-05", False, "2023-12-28"),
        ("3 January", FRIDAY, True, "2025-01-03"),
        ("29 February", "2025-01-10", False, "2024-02-29"),
        ("March", FRIDAY, False, "2024-03"),
        ("August", FRIDAY, False, "2023-08"),
        ("August", FRIDAY, True, "2024-08"),
        ("mid-March", FRIDAY, False, "2024-03"),
        ("November last year", FRIDAY, False, "2023-11"),
        ("late last year", FRIDAY, False, "2023"),
        # absolute dates
        ("3 March 2023", FRIDAY, False, "2023-03-03"),
        ("March 3, 2023", FRIDAY, True, "2023-03-03"),
        ("March 2023", FRIDAY, False, "2023-03"),
        ("2019", FRIDAY, False, "2019"),
        ("2024-05-31", FRIDAY, False, "2024-05-31"),
        # durations and vague stretches date nothing
        ("two years", FRIDAY, False, None),
        ("decades", FRIDAY, False, None),
        ("the 1990s", FRIDAY, False, None),
        ("annual", FRIDAY, False, None),
        ("the past year", FRIDAY, False, None),
        ("31 February 2023", FRIDAY, False, None),
    ],
)
def test_resolve_date(text, article_date, forward, expected):
    assert resolve_date(text, article_date, forward=forward) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3 March 2023", "2023-03-03"),
        ("March 2023", "2023-03"),
        ("2019", "2019"),
        ("Friday", None),
        ("yesterday", None),
        ("last week", None),
        ("3 March", None),
        ("two days ago", None),
    ],
)
def test_without_an_article_date_only_absolute_dates_resolve(text, expected):
    assert resolve_date(text, None) == expected
    assert resolve_date(text, "not a date") == expected


def dates_by_verb(extraction) -> dict[str, set[tuple[str | None, str | None]]]:
    found: dict[str, set] = {}
    for event in extraction.events:
        found.setdefault(event.verb, set()).add((event.date, event.date_text))
    return found


@pytest.mark.parametrize(
    "sentence, article_date, verb, expected, words",
    [
        (
            "Germany announced a support package for Ukraine on Friday.",
            FRIDAY,
            "announce",
            "2024-05-31",
            "Friday",
        ),
        (
            "Germany announced a support package for Ukraine on Friday.",
            MONDAY,
            "announce",
            "2024-05-31",
            "Friday",
        ),
        (
            "Germany will send tanks to Ukraine on Friday.",
            MONDAY,
            "send",
            "2024-06-07",
            "Friday",
        ),
        (
            "Macron is meeting Scholz on Tuesday.",
            FRIDAY,
            "meet",
            "2024-06-04",
            "Tuesday",
        ),
        (
            "Sweden announced a support package for Ukraine last week.",
            FRIDAY,
            "announce",
            "2024-05-20/2024-05-26",
            "last week",
        ),
        (
            "Russia attacked Ukraine two days ago.",
            FRIDAY,
            "attack",
            "2024-05-29",
            "two days ago",
        ),
        (
            "France condemned Iran earlier this month.",
            FRIDAY,
            "condemn",
            "2024-05-01/2024-05-31",
            "earlier this month",
        ),
        (
            "The US sanctioned Russia on 3 March.",
            FRIDAY,
            "sanction",
            "2024-03-03",
            "3 March",
        ),
        (
            "The US sanctioned Russia on March 3.",
            FRIDAY,
            "sanction",
            "2024-03-03",
            "March 3",
        ),
        (
            "The US sanctioned Russia on 3 March 2023.",
            None,
            "sanction",
            "2023-03-03",
            "3 March 2023",
        ),
        ("Poland sent tanks to Ukraine in 2019.", None, "send", "2019", "2019"),
        (
            "Britain criticised China at the weekend.",
            MONDAY,
            "criticise",
            "2024-06-01/2024-06-02",
            "the weekend",
        ),
        (
            "Turkey condemned Israel last Friday.",
            FRIDAY,
            "condemn",
            "2024-05-24",
            "last Friday",
        ),
        (
            "Biden met Xi in November last year.",
            FRIDAY,
            "meet",
            "2023-11",
            "November last year",
        ),
        (
            "Japan has accused China of aggression this week.",
            FRIDAY,
            "accuse",
            "2024-05-27/2024-06-02",
            "this week",
        ),
        (
            "Russia launched missiles at Ukraine on Friday night.",
            MONDAY,
            "launch",
            "2024-05-31",
            "Friday",
        ),
        (
            "On Friday, Poland sent tanks to Ukraine.",
            MONDAY,
            "send",
            "2024-05-31",
            "Friday",
        ),
        # a nominal event: its own date, or the date of the verb saying when it began
        (
            "Russia's Friday attack on Ukraine killed 12.",
            MONDAY,
            "attack",
            "2024-05-31",
            "Friday",
        ),
        (
            "Russia's invasion of Ukraine began on 24 February 2022.",
            FRIDAY,
            "invasion",
            "2022-02-24",
            "24 February 2022",
        ),
        # a statement reported with its date: the saying is the event
        (
            "Germany said on Friday that it supports Ukraine.",
            MONDAY,
            "support",
            "2024-05-31",
            "Friday",
        ),
    ],
)
def test_the_event_gets_the_date_its_sentence_gives_it(
    extract_text, sentence, article_date, verb, expected, words
):
    assert dates_by_verb(extract_text(sentence, date=article_date))[verb] == {
        (expected, words)
    }


def test_each_clause_keeps_its_own_date(extract_text):
    found = dates_by_verb(
        extract_text(
            "Germany pledged tanks to Ukraine yesterday and France sent jets to "
            "Ukraine today.",
            date=FRIDAY,
        )
    )
    assert found["pledge"] == {("2024-05-30", "yesterday")}
    assert found["send"] == {("2024-05-31", "today")}


def test_a_date_of_the_controlling_verb_does_not_date_a_material_act(extract_text):
    """Agreeing on Monday to send tanks is not sending them on Monday."""
    found = dates_by_verb(
        extract_text("Germany agreed on Monday to send tanks to Ukraine.", date=FRIDAY)
    )
    assert found["agree"] == {("2024-05-27", "Monday")}
    assert found["send"] == {(None, None)}


def test_the_reported_clause_keeps_its_own_date(extract_text):
    found = dates_by_verb(
        extract_text(
            "Scholz said on Friday that Germany would send tanks to Ukraine next week.",
            date=FRIDAY,
        )
    )
    assert found["send"] == {("2024-06-03/2024-06-09", "next week")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia has attacked Ukraine since 2014.",
        "Germany sent tanks to Ukraine ahead of Friday's talks.",
        "Germany sent tanks to Ukraine after talks on Friday.",
        "Germany sent tanks to Ukraine.",
        # the date of a thing, not of the act
        "France condemned Iran over the 2004 nuclear deal.",
        "Germany criticised China over last year's election.",
        # a programme's name, and a period's end
        "Germany criticised China on ITV's This Morning.",
        "Britain criticised China in the period to March 2023.",
    ],
)
def test_a_bound_or_another_events_date_is_not_the_events_date(extract_text, sentence):
    events = extract_text(sentence, date=FRIDAY).events
    assert events
    assert {(e.date, e.date_text) for e in events} == {(None, None)}


def test_a_relative_date_without_an_article_date_dates_nothing(extract_text):
    events = extract_text(
        "Germany announced a support package for Ukraine on Friday.", date=None
    ).events
    assert events
    assert {(e.date, e.date_text) for e in events} == {(None, None)}


@pytest.mark.parametrize(
    "value, expected",
    [
        (
            "2024-05-31",
            [
                ("date", "2024-05-31", "date"),
                ("dateStart", "2024-05-31", "date"),
                ("dateEnd", "2024-05-31", "date"),
            ],
        ),
        (
            "2024-02",
            [
                ("date", "2024-02", "gYearMonth"),
                ("dateStart", "2024-02-01", "date"),
                ("dateEnd", "2024-02-29", "date"),
            ],
        ),
        (
            "2019",
            [
                ("date", "2019", "gYear"),
                ("dateStart", "2019-01-01", "date"),
                ("dateEnd", "2019-12-31", "date"),
            ],
        ),
        (
            "2024-05-20/2024-05-26",
            [("dateStart", "2024-05-20", "date"), ("dateEnd", "2024-05-26", "date")],
        ),
        ("2024-05-26/2024-05-20", []),
        ("Friday", []),
        ("2024-13", []),
    ],
)
def test_a_date_becomes_typed_date_triples_and_bounds(value, expected):
    terms = graph.event_date_terms(value)
    assert [
        (
            p.value.removeprefix(vocab.NS),
            o.value,
            o.datatype.value.removeprefix(vocab.XSD),
        )
        for p, o in terms
    ] == expected


ARTICLE = {
    "title": "Aid for Ukraine",
    "text": (
        "Germany announced a support package for Ukraine on Friday. "
        "Sweden announced a support package for Ukraine last week."
    ),
    "url": "https://example.org/aid",
    "date": MONDAY,
}


def test_ingest_stores_the_date_on_the_event_and_query_events_shows_it(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    store_path = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["ingest", str(source), "--store", str(store_path), "-q"]
    )
    assert result.exit_code == 0, result.output

    with Store.open(store_path) as store:
        rows = list(
            store.query(
                vocab.SPARQL_PREFIXES
                + """SELECT ?name ?date ?start ?end ?text WHERE {
                  ?event kg:actor/rdfs:label ?name ; kg:dateStart ?start ;
                         kg:dateEnd ?end ; kg:dateText ?text .
                  OPTIONAL { ?event kg:date ?date }
                } ORDER BY ?name"""
            )
        )
    xsd_date = pyoxigraph.NamedNode(vocab.XSD + "date")
    assert [
        (
            row["name"].value,
            row["date"],
            row["start"].value,
            row["end"].value,
            row["text"].value,
        )
        for row in rows
    ] == [
        (
            "Germany",
            pyoxigraph.Literal("2024-05-31", datatype=xsd_date),
            "2024-05-31",
            "2024-05-31",
            "Friday",
        ),
        ("Sweden", None, "2024-05-27", "2024-06-02", "last week"),
    ]

    result = runner.invoke(
        cli, ["query", "events", "--json", "--store", str(store_path)]
    )
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)
    assert {(e["actor"], e["date"], e["date_text"]) for e in events} == {
        ("Germany", "2024-05-31", "Friday"),
        ("Sweden", "2024-05-27/2024-06-02", "last week"),
    }


def test_dated_events_conform_to_the_shapes_and_a_reversed_interval_does_not(
    tmp_path,
):
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    store_path = tmp_path / "store"
    exported = tmp_path / "graph.nt"
    runner = CliRunner()
    for args in (
        ["ingest", str(source), "-q"],
        ["export", "--format", "nt", "-o", str(exported)],
    ):
        result = runner.invoke(cli, [*args, "--store", str(store_path)])
        assert result.exit_code == 0, result.output
    data = rdflib.Graph().parse(exported, format="nt")
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, text

    kg = rdflib.Namespace(vocab.NS)
    (sweden_event,) = data.subjects(kg.dateText, rdflib.Literal("last week"))
    data.set(
        (sweden_event, kg.dateEnd, rdflib.Literal("2024-05-26", datatype=XSD_DATE))
    )
    data.add((sweden_event, kg.date, rdflib.Literal("last week")))
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes)
    assert not conforms
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert {
        (report.value(r, sh.resultPath), report.value(r, sh.sourceConstraintComponent))
        for r in report.subjects(rdflib.RDF.type, sh.ValidationResult)
        if report.value(r, sh.focusNode) == sweden_event
    } == {
        (kg.dateStart, sh.LessThanOrEqualsConstraintComponent),
        (kg.date, sh.OrConstraintComponent),
    }


def test_a_verb_that_happens_with_its_complement_lends_it_its_date(extract_text):
    found = dates_by_verb(
        extract_text(
            "Two days ago, Russia had to withdraw its troops from Ukraine.", date=MONDAY
        )
    )
    assert found["withdraw"] == {("2024-06-01", "Two days ago")}


def test_the_date_a_nominal_event_was_condemned_is_not_the_events_date(extract_text):
    found = dates_by_verb(
        extract_text(
            "Russia's invasion of Ukraine was condemned by France on Friday.",
            date=MONDAY,
        )
    )
    assert found["condemn"] == {("2024-05-31", "Friday")}
    assert found["invasion"] == {(None, None)}


WORDS = st.sampled_from(
    ["last", "next", "this", "the", "of", "friday", "March", "29", "February", "2024",
     "0000", "99", "ago", "days", "week", "weekend", "mid-", "late", "-", ",", "31st"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.lists(WORDS, max_size=5).map(" ".join), st.text(max_size=30)),
    st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)),
    st.booleans(),
)
def test_no_text_or_article_date_makes_resolving_raise(text, article_date, forward):
    value = resolve_date(text, article_date, forward=forward)
    if value is not None:  # whatever comes out is a date the graph can type
        assert graph.event_date_terms(value)
