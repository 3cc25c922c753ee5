"""`kgextract eval`: suite readers, CAMEO matching and scoring, and score floors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.coding.cameo import (
    cameo_code,
    read_actor_dictionary,
    read_agent_dictionary,
)
from kgextract.errors import InputError
from kgextract.eval.suites import (
    CodedEvent,
    Counts,
    GoldRelation,
    Record,
    Suite,
    coded_events,
    load_suite,
    match_events,
    match_relations,
    read_conll04,
    read_gold_json,
    read_petrarch_records,
    run,
    score_events,
)
from kgextract.knowledge.gazetteer import load_gazetteer
from kgextract.model import Affiliation, Entity

from .conftest import SHARED_DATA, shared_data


# -- matching and scoring, on hand-written gold ----------------------------------------
@pytest.mark.parametrize(
    "gold, predicted, matches",
    [
        (("USA", "CHN", "042"), ("USA", "CHN", "042"), True),
        (("USAGOV", "IRQMIL", "190"), ("USA", "IRQ", "195"), True),  # country + root
        (("---REB", "SYR", "190"), ("FRA", "SYR", "193"), True),  # --- is anyone
        (("USA", "---", "040"), ("USA", "CHE", "043"), True),
        (("USA", "RUS", "190"), ("RUS", "USA", "190"), False),  # direction matters
        (("USA", "RUS", "190"), ("USA", "RUS", "111"), False),  # root differs
        (("IGOEUREEC", "UKR", "057"), ("IGO", "UKR", "057"), True),
        (("USA", "RUS", "190"), ("---", "RUS", "190"), False),  # we may not say ---
    ],
)
def test_events_match_at_country_and_root_level(gold, predicted, matches):
    pairs, _, _ = match_events([CodedEvent(*gold)], [CodedEvent(*predicted)])
    assert bool(pairs) is matches


def test_exact_code_is_paired_before_a_root_match():
    gold = [CodedEvent("USA", "RUS", "190"), CodedEvent("USA", "RUS", "195")]
    predicted = [CodedEvent("USA", "RUS", "195"), CodedEvent("USA", "RUS", "190")]
    _, misses, alarms = match_events(gold, predicted, level="code")
    assert misses == [] and alarms == []


def test_duplicate_predictions_count_once():
    gold = [CodedEvent("FRA", "IRN", "111")]
    predicted = [CodedEvent("FRA", "IRN", "111"), CodedEvent("FRAGOV", "IRN", "111")]
    pairs, misses, alarms = match_events(gold, predicted)
    assert (len(pairs), len(misses), len(alarms)) == (1, 0, 0)


def test_scores_count_no_event_records_as_false_alarms():
    suite = Suite(
        "tiny",
        "events",
        (
            Record(
                "a", "France condemned Iran.", events=(CodedEvent("FRA", "IRN", "111"),)
            ),
            Record("b", "It rained in Paris."),
            Record("c", "Chad met Niger.", events=(CodedEvent("TCD", "NER", "040"),)),
        ),
        "tiny.json",
    )
    predictions = {
        "a": [CodedEvent("FRA", "IRN", "112")],
        "b": [CodedEvent("FRA", "---", "190")],
    }
    report = score_events(suite, predictions)
    assert report.overall == Counts(tp=1, fp=1, fn=1)
    assert report.levels["country+code"] == Counts(tp=0, fp=2, fn=2)
    assert report.groups["root"]["11"] == Counts(tp=1)
    assert report.groups["root"]["19"] == Counts(fp=1)
    assert report.groups["quad"]["VERBAL_COOPERATION"] == Counts(fn=1)
    assert [(e.record, e.kind) for e in report.errors] == [
        ("b", "false alarm"),
        ("c", "miss"),
    ]


def test_counts_give_precision_recall_and_f1():
    counts = Counts(tp=6, fp=2, fn=6)
    assert (counts.precision, counts.recall) == (0.75, 0.5)
    assert counts.f1 == pytest.approx(0.6)
    assert Counts().f1 == 0.0


def test_relations_match_on_type_and_the_last_word_of_each_argument():
    text = "President Lincoln was shot by John Wilkes Booth ."
    assert text[30:47] == "John Wilkes Booth" and text[42:47] == "Booth"
    gold = [GoldRelation("Kill", (30, 47), (0, 17))]
    assert match_relations(gold, [GoldRelation("Kill", (42, 47), (10, 17))])[0]
    assert not match_relations(gold, [GoldRelation("Kill", (30, 34), (10, 17))])[0]
    assert not match_relations(gold, [GoldRelation("Work_For", (30, 47), (0, 17))])[0]


# -- readers ---------------------------------------------------------------------------
PETRARCH_RECORDS = """<Sentences>
<!-- a header comment that mentions <Sentence id="x"> -->
<Sentence category="GOLD" date="20150609" id="G1" evaluate="true"/>
<EventCoding eventcode="112" sourcecode="ISR" targetcode="PSEGZA" />
<Text>
Israel blamed
Gaza.
</Text>
<Parse>1 Israel Israel PROPN</Parse></Sentence>
<Sentence category="X" date="20150609" id="G2" evaluate="false"/>
<EventCoding eventcode="010" sourcecode="A" targetcode="B" />
<Text>Skipped.</Text>
<Sentence date="19950101" id="G3" category="DEMO" sentence="true">
<EventCoding noevents="True" />
<EventCoding sourcecode='"ODD"' targetcode="OSG" eventcode="223"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
"""


def test_petrarch_records_are_read_from_the_text_never_the_parse(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(PETRARCH_RECORDS, encoding="utf-8")
    records = read_petrarch_records(path)
    assert [r.id for r in records] == ["G1", "G3"]
    assert records[0].text == "Israel blamed Gaza."
    assert records[0].date == "2015-06-09"
    assert records[0].events == (CodedEvent("ISR", "PSEGZA", "112"),)
    assert records[1].events == (CodedEvent('"ODD"', "OSG", "223"),)


def test_petrarch_file_without_records_is_one_error(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text("<Sentences></Sentences>", encoding="utf-8")
    with pytest.raises(InputError, match="empty.xml: no <Sentence> records"):
        read_petrarch_records(path)


def test_conll04_items_become_character_spans(tmp_path):
    path = tmp_path / "c.json"
    item = {
        "tokens": ["Booth", "killed", "Lincoln", "."],
        "entities": [
            {"type": "Peop", "start": 0, "end": 1},
            {"type": "Peop", "start": 2, "end": 3},
        ],
        "relations": [{"type": "Kill", "head": 0, "tail": 1}],
        "orig_id": 7,
    }
    path.write_text(json.dumps([item]), encoding="utf-8")
    [record] = read_conll04(path)
    assert record.text == "Booth killed Lincoln ."
    assert record.relations == (GoldRelation("Kill", (0, 5), (13, 20)),)


def test_gold_json_reads_events_and_relations(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps(
            {
                "name": "mine",
                "records": [
                    {
                        "id": "1",
                        "text": "France condemned Iran.",
                        "events": [{"source": "fra", "target": "IRN", "code": "111"}],
                    },
                    {"id": "2", "text": "It rained.", "events": []},
                ],
            }
        ),
        encoding="utf-8",
    )
    suite = read_gold_json(path)
    assert (suite.name, suite.kind, len(suite.records)) == ("mine", "events", 2)
    assert suite.records[0].events == (CodedEvent("FRA", "IRN", "111"),)


@pytest.mark.parametrize(
    "content, message",
    [
        ("{", "invalid JSON"),
        ("[]", 'expected an object with a "records" list'),
        ('{"records": [{"id": 1}]}', "record 1: needs a string 'text'"),
        (
            '{"records": [{"text": "A met B.", "relations": '
            '[{"type": "Kill", "head": "C", "tail": "B"}]}]}',
            "record 1: head 'C' is not in the text",
        ),
    ],
)
def test_bad_gold_json_is_one_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="gold.json: " + message.replace("(", r"\(")):
        read_gold_json(path)


# -- CAMEO codes and PETRARCH dictionaries ---------------------------------------------
def test_actor_dictionary_reads_synonyms_and_the_undated_code(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(
        "<!-- header\n# a comment -->\n"
        "NEW_ZEALAND [NZE] # comment\n"
        "MUAMMAR_QADDAFI  # no code on this line\n+MOAMMAR_GADHAFI\n"
        "\t[LBY < 950601]\n\t[LBYGOV]\n"
        "INTERPOL_\n\t[IGOCOPITP]\n",
        encoding="utf-8",
    )
    actors = read_actor_dictionary(path)
    assert [(a.names, a.code) for a in actors] == [
        (("New Zealand",), "NZE"),
        (("Muammar Qaddafi", "Moammar Gadhafi"), "LBYGOV"),
        (("Interpol",), "IGOCOPITP"),
    ]


def test_agent_dictionary_reads_nouns_and_plurals(tmp_path):
    path = tmp_path / "agents.txt"
    path.write_text(
        "!PERSON! = MAN, MEN\nARMED_FORCES {} [~MIL]\n"
        "GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS] # c\nCONGRESS!PERSON! [~LEG]\n",
        encoding="utf-8",
    )
    agents = read_agent_dictionary(path)
    assert [(a.noun, a.plurals, a.code) for a in agents] == [
        ("armed forces", (), "~MIL"),
        ("golden goose", ("golden geese",), "~GGS"),
        # a macro expands into one noun per word it stands for
        ("congressman", (), "~LEG"),
        ("congressmen", (), "~LEG"),
    ]


def test_empty_actor_dictionary_is_one_error(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="actors.txt: no actor entries"):
        read_actor_dictionary(path)


def test_cameo_codes_of_states_igos_and_people():
    gazetteer = load_gazetteer()
    person = Entity("person:jane-doe", "Jane Doe", "Person")
    entities = {person.key: person}
    link = [Affiliation("person:jane-doe", "country:FRA")]
    assert cameo_code("country:UKR", entities, gazetteer) == "UKR"
    assert cameo_code("org:un", entities, gazetteer) == "IGO"
    assert cameo_code("person:jane-doe", entities, gazetteer, link) == "FRA"
    assert cameo_code("person:jane-doe", entities, gazetteer) == "---"
    assert cameo_code("country:UKR", entities, gazetteer, overrides={}) == "UKR"
    assert cameo_code("country:EGY", {}, gazetteer, overrides={"country:EGY": "UAR"})


# -- the command -----------------------------------------------------------------------
def test_eval_command_scores_a_json_gold_file(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps(
            {
                "records": [
                    {
                        "id": "1",
                        "text": "France condemned Iran.",
                        "events": [{"source": "FRA", "target": "IRN", "code": "111"}],
                    },
                    {"id": "2", "text": "It rained in Paris on Monday.", "events": []},
                ]
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["eval", "--file", str(path), "--json", "--errors"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["overall"]["tp"] == 1
    assert report["overall"]["fp"] == 0
    assert report["overall"]["fn"] == 0
    assert report["errors"] == []
    assert report["groups"]["quad"]["VERBAL_CONFLICT"]["tp"] == 1


def test_an_event_with_an_unknown_actor_is_coded_only_on_request(tmp_path):
    # Nobody's dictionary knows the company, so its CAMEO code is ---: a dictionary
    # coder emits no event, and neither does eval unless asked to (then it is a
    # false alarm here, the record having no gold event).
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps(
            {
                "records": [
                    {"id": "1", "text": "Zorvex Mining attacked Iran.", "events": []}
                ]
            }
        ),
        encoding="utf-8",
    )
    runs = {}
    for flags in ([], ["--code-unknown"]):
        result = CliRunner().invoke(
            cli, ["eval", "--file", str(path), "--json", *flags]
        )
        assert result.exit_code == 0, result.output
        runs[tuple(flags)] = json.loads(result.output)["overall"]["fp"]
    assert runs == {(): 0, ("--code-unknown",): 1}


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["eval", "no-such-suite"],
            "Error: unknown suite 'no-such-suite'; choose one of",
        ),
        (["eval"], "Error: name a suite or pass --file GOLD.json"),
        (["eval", "petrarch-gsr", "--data", "/nonexistent"], "suite data not found"),
    ],
)
def test_eval_command_errors_are_one_line(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


# -- floors: a score may only go up ----------------------------------------------------
# Set just under the figures reached (benchmarks/EVAL.md); raise them as it improves.
# ud-petrarch and petrarch-unit each lost 2 events when a rule that served only the
# suites' invented "Evil Mordor, the awful Fornost, and good Gondor …" (a capitalised
# adjective the model joins to a state's name) left the production path. Reading
# "Neither X nor Y boycotted …" as a denial (business/212.txt, "Neither Rover nor
# Shanghai Automotive commented") cost petrarch-unit 2 more, which codes that
# sentence as an event (081), and took 2 false alarms from ud-petrarch, which codes
# none: the two suites disagree on it.
FLOORS = {
    # suite: (split, minimum TP, minimum precision)
    "petrarch-gsr": ("test", 64, 0.90),
    "ud-petrarch": ("test", 253, 0.90),
    "petrarch-unit": ("test", 265, 0.93),
    "conll04": ("dev", 166, 0.74),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_suite_scores_stay_above_their_floor(name):
    shared_data("petrarch_validation")
    shared_data("conll04")
    split, tp, precision = FLOORS[name]
    report = run(load_suite(name, split=split, data=SHARED_DATA))
    assert report.overall.tp >= tp, report.overall
    assert report.overall.precision >= precision, report.overall


@pytest.mark.parametrize(
    "sentence, date, expected",
    [
        # a group is coded by the state it belongs to (kg:country)
        ("Syrian rebels attacked Turkey.", None, [("SYR", "TUR", "190")]),
        # an IGO is itself (kg:IntergovernmentalOrganization)
        ("The United Nations criticised Iran.", None, [("IGO", "IRN", "111")]),
        # an opposition leader acts for no state but belongs to his (kg:country)
        ("Michael Howard criticised France.", "2005-02-01", [("GBR", "FRA", "111")]),
        # a place is in its state (kg:country)
        ("France protested in Beijing.", None, [("FRA", "CHN", "140")]),
    ],
)
def test_events_are_coded_through_the_graphs_own_links(
    extract_text, sentence, date, expected
):
    """``eval --through-graph``: what a user of the graph can roll up, from
    kg:actorState, kg:country and the IGO class alone."""
    gazetteer = load_gazetteer()
    extraction = extract_text(sentence, date=date)
    coded = coded_events(extraction, gazetteer, through_graph=True)
    assert [(e.source[:3], e.target[:3], e.code) for e in coded] == expected
