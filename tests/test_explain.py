"""``kgextract explain``: why a text gives the events it gives (and misses the ones
it misses), and why the store holds an edge. The sentences are our own; the
expected parses, names, offices, rules and reasons are written out by hand."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from .conftest import ROOT

RULES = ROOT / "kgextract" / "rules"
MACRON = "French President Emmanuel Macron said France would send trainers to Ukraine."


def run(*args, input=None):
    from kgextract.cli import cli

    return CliRunner().invoke(cli, [str(arg) for arg in args], input=input)


def explained(text: str, date: str = "2024-05-31") -> dict:
    result = run("explain", "text", text, "--date", date, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def only_sentence(text: str, date: str = "2024-05-31") -> dict:
    (sentence,) = explained(text, date)["sentences"]
    return sentence


def rule_line(source: str) -> dict:
    """The rule a "file:line" points at, read from the rules folder."""
    name, line = source.split(":")
    text = (RULES / name).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    return json.loads(text) if name.endswith(".jsonl") else {"text": text}


# -- text: the parse, the names, who acts for whom, the rules that fired ------------


def test_text_mode_gives_the_dependency_parse_of_each_sentence():
    sentence = only_sentence(MACRON)
    parse = [
        (t["text"], t["lemma"], t["pos"], t["dep"], t["head"], t["ner"])
        for t in sentence["tokens"]
    ]
    assert parse == [
        ("French", "french", "ADJ", "amod", 1, "NORP"),
        ("President", "President", "PROPN", "compound", 3, None),
        ("Emmanuel", "Emmanuel", "PROPN", "compound", 3, "PERSON"),
        ("Macron", "Macron", "PROPN", "nsubj", 4, "PERSON"),
        ("said", "say", "VERB", "ROOT", 4, None),
        ("France", "France", "PROPN", "nsubj", 7, "GPE"),
        ("would", "would", "AUX", "aux", 7, None),
        ("send", "send", "VERB", "ccomp", 4, None),
        ("trainers", "trainer", "NOUN", "dobj", 7, None),
        ("to", "to", "ADP", "prep", 7, None),
        ("Ukraine", "Ukraine", "PROPN", "pobj", 9, "GPE"),
        (".", ".", "PUNCT", "punct", 4, None),
    ]


def test_each_name_says_which_rule_made_it_and_which_gazetteer_line():
    sentence = only_sentence(MACRON)
    names = [
        (m["text"], m["label"], m["entity"], m["how"], m["sources"])
        for m in sentence["mentions"]
    ]
    assert names == [
        ("French", "NORP", "country:FRA", "demonym", ["countries.jsonl:77"]),
        (
            "Emmanuel Macron",
            "PERSON",
            "person:emmanuel-macron",
            "gazetteer",
            ["people.jsonl:166"],
        ),
        ("France", "GPE", "country:FRA", "gazetteer", ["countries.jsonl:77"]),
        ("Ukraine", "GPE", "country:UKR", "gazetteer", ["countries.jsonl:233"]),
    ]
    assert rule_line("people.jsonl:166")["key"] == "person:emmanuel-macron"
    assert rule_line("countries.jsonl:77")["key"] == "country:FRA"
    assert sentence["mentions"][0]["why"] == "'French' is a demonym of France"


def test_macron_acts_for_france_by_his_dated_office_and_the_title_in_the_text():
    actors = {a["name"]: a for a in only_sentence(MACRON)["actors"]}
    macron = actors["Emmanuel Macron"]
    assert (macron["acts_for"], macron["how"], macron["role"], macron["from"]) == (
        "country:FRA",
        "office",
        "President",
        "2017-05-14",
    )
    assert macron["why"] == (
        "holds the office 'President' of France on 2024-05-31 (the gazetteer "
        "dates it 2017-05-14 to now); the text also titles them 'President'"
    )
    assert (actors["France"]["how"], actors["France"]["acts_for"]) == (
        "state",
        "country:FRA",
    )


def test_a_title_alone_makes_someone_the_gazetteer_does_not_know_act_for_a_state():
    sentence = only_sentence(
        "French President Jean Dupont said France would send trainers to Ukraine."
    )
    dupont = {a["name"]: a for a in sentence["actors"]}["Jean Dupont"]
    assert (dupont["acts_for"], dupont["how"], dupont["role"]) == (
        "country:FRA",
        "title",
        "President",
    )
    assert dupont["why"] == (
        "the text titles them 'President' of France (sentence 1), an office of France"
    )
    (mention,) = [m for m in sentence["mentions"] if m["text"] == "Jean Dupont"]
    assert (mention["how"], mention["entity"], mention["sources"]) == (
        "model",
        "person:jean-dupont",
        [],
    )


@pytest.mark.parametrize(
    "text, name, why",
    [
        (
            "Former president Jean Dupont criticised Iran.",
            "Jean Dupont",
            "the text's title 'former president' is no office (former)",
        ),
        (
            "Labour leader Jean Dupont criticised Iran.",
            "Jean Dupont",
            "the text's title 'leader' (of Labour Party) is no state office",
        ),
        (
            "Labour leader Jean Dupont criticised Iran.",
            "Labour Party",
            "political party, belonging to United Kingdom: none of a state's "
            "organs, it acts for itself",
        ),
    ],
)
def test_an_actor_that_acts_for_no_state_says_why(text, name, why):
    actor = {a["name"]: a for a in only_sentence(text)["actors"]}[name]
    assert (actor["acts_for"], actor["how"], actor["why"]) == (None, "none", why)


def test_michael_howard_in_2005_leads_the_opposition_and_holds_no_office():
    actors = {
        a["name"]: a
        for a in only_sentence("Michael Howard attacked Tony Blair.", "2005-03-01")[
            "actors"
        ]
    }
    howard, blair = actors["Michael Howard"], actors["Tony Blair"]
    assert howard["acts_for"] is None
    assert "'Leader of the Opposition' of United Kingdom (opposition)" in howard["why"]
    assert "held 'Home Secretary' of United Kingdom until 1997-05-02" in howard["why"]
    assert (blair["acts_for"], blair["role"]) == ("country:GBR", "Prime Minister")


def test_the_event_names_its_construction_and_lexicon_lines():
    (event,) = only_sentence(MACRON)["events"]
    assert (event["type"], event["cameo"], event["actor"], event["target"]) == (
        "AID",
        "072",
        "country:FRA",
        "country:UKR",
    )
    assert (event["construction"], event["construction_source"], event["rule"]) == (
        "verb-clause",
        "constructions.json:38",
        "lexicon.jsonl:149",
    )
    assert rule_line("lexicon.jsonl:149")["lemma"] == "trainer"
    assert rule_line("lexicon.jsonl:105")["lemma"] == "send"
    assert '"name": "verb-clause"' in rule_line("constructions.json:38")["text"]
    assert event["read_as"] == (
        "the light verb 'send' (lexicon.jsonl:105) with the event noun 'trainers' "
        "(lexicon.jsonl:149)"
    )
    assert event["moves"]["actor"]["move"] == "subject"
    assert event["moves"]["target"]["move"] == "lexicon-slots"
    assert (event["hypothetical"], event["flags"]) == (True, ["hypothetical: 'would'"])
    assert (event["stance"], event["edge"], event["state_edge"]) == (
        "supports",
        True,
        True,
    )


def test_a_pronoun_names_its_antecedent():
    (_, second) = explained("Scholz criticised Iran. He visited Ukraine.")["sentences"]
    (he,) = [m for m in second["mentions"] if m["text"] == "He"]
    assert (he["label"], he["how"], he["entity"]) == (
        "COREF",
        "coreference",
        "person:olaf-scholz",
    )
    assert he["antecedent"] == {"text": "Scholz", "sentence": 0, "start": 0}
    assert he["why"] == (
        "the pronoun 'He' stands for Olaf Scholz, named before as 'Scholz' (sentence 1)"
    )


# -- near misses --------------------------------------------------------------------


def test_a_trigger_without_an_actor_is_a_near_miss():
    sentence = only_sentence("Trainers were sent.")
    assert sentence["events"] == []
    assert sentence["near_misses"] == [
        {
            "word": "sent",
            "lemma": "send",
            "start": 14,
            "end": 18,
            "rule": "lexicon.jsonl:149",
            "construction": "verb-clause",
            "reason": "no-actor",
            "why": "no actor found (moves subject, unnamed-attacker, "
            "pattern-subject-owner, pattern-source): a passive with no 'by' agent",
        }
    ]


def test_a_negated_event_is_stored_but_gives_no_edge_and_says_which_word():
    sentence = only_sentence("Sweden did not send weapons to Ukraine.")
    (event,) = sentence["events"]
    assert (event["negated"], event["edge"], event["no_edge"]) == (
        True,
        False,
        "negated",
    )
    assert event["flags"] == ["negated by 'not' (neg of 'send')"]
    (miss,) = sentence["near_misses"]
    assert (miss["word"], miss["reason"], miss["rule"]) == (
        "send",
        "negated",
        "lexicon.jsonl:146",
    )
    assert miss["why"] == (
        "negated by 'not' (neg of 'send'): the AID event is stored, negated, "
        "and gives no edge"
    )


@pytest.mark.parametrize(
    "text, word, reason, why",
    [
        (
            "Scholz supports Germany.",
            "supports",
            "acts-on-itself",
            "Olaf Scholz acts for Germany: an act of theirs on Germany would be "
            "Germany's on itself",
        ),
        (
            "The minister visited the factory.",
            "visited",
            "no-actor",
            "no actor found (moves subject, unnamed-attacker, "
            "pattern-subject-owner, pattern-source): the subject 'The minister' "
            "names no actor the text knows",
        ),
        (
            "Germany visited the factory.",
            "visited",
            "no-event-sense",
            "the sense {object: thing} of lexicon.jsonl:7 says no event",
        ),
        (
            "Sweden sent apples to Ukraine.",
            "sent",
            "not-a-trigger",
            "'send' is a light verb (lexicon.jsonl:105): an event only with an "
            "event noun, and its object 'apples' is none",
        ),
        (
            "Germany urged Poland to send tanks to Ukraine.",
            "send",
            "controlled",
            "the actors were only asked or allowed to act (Poland): the act has "
            "not happened",
        ),
        (
            "Germany authorized attacks.",
            "authorized",
            "untargeted",
            "no target found (moves pattern-subject-target, pattern-target, "
            "passive-subject, lexicon-slots, nested-in-object, written-to, "
            "place-in-object, dictionary-phrase, attack-site, location): the SUPPORT "
            "event of "
            "Germany is stored without one, and gives no edge",
        ),
    ],
)
def test_near_misses_say_why_the_lexicon_word_gave_no_edge(text, word, reason, why):
    misses = {m["word"]: m for m in only_sentence(text)["near_misses"]}
    assert (misses[word]["reason"], misses[word]["why"]) == (reason, why)


def test_a_sentence_with_nothing_missed_has_no_near_misses():
    assert only_sentence("Russia attacked Ukraine.")["near_misses"] == []


# -- the trace listens and changes nothing ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        MACRON,
        "Trainers were sent. Sweden did not send weapons to Ukraine.",
        "Scholz supports Germany. He visited the factory and condemned Russia.",
        "Germany urged Poland to send tanks to Ukraine, and Poland agreed.",
    ],
)
def test_the_engine_reads_the_same_events_with_and_without_a_trace(
    nlp, resources, text
):
    from kgextract.model import Article
    from kgextract.nlp.events.trace import Trace
    from kgextract.nlp.extract import extract

    article = Article.make("test.txt", "Test", text, date="2024-05-31")
    trace = Trace()
    plain = extract(article, nlp(text), resources)
    traced = extract(article, nlp(text), resources, trace=trace)
    assert traced == plain
    assert trace.attempts  # and it did hear the engine


# -- the tree ----------------------------------------------------------------------


def test_text_mode_prints_a_tree_with_the_rule_the_edge_and_the_near_misses():
    result = run(
        "explain",
        "text",
        MACRON + " Trainers were sent.",
        "--date",
        "2024-05-31",
        "--no-parse",
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for expected in (
        "Sentence 1: French President Emmanuel Macron said France",
        "'French' [NORP] → France (Country) · demonym",
        "Emmanuel Macron → France",
        "AID 072: France → Ukraine · 'send'",
        "construction verb-clause (constructions.json:38) · rule lexicon.jsonl:149",
        "edge: France supports Ukraine (and at state level)",
        "'sent' · no-actor (verb-clause · lexicon.jsonl:149)",
    ):
        assert expected in text, expected
    assert "Parse" not in text


def test_explain_without_a_question_says_how_to_ask_it():
    result = run("explain", "Sweden sent arms to Ukraine.")
    assert result.exit_code == 2
    assert (
        'Error: say what to explain first: kgextract explain text "SENTENCE" '
        "(why a text gives its events) or kgextract explain edge ACTOR TARGET "
        "(why the store has an edge)"
    ) in result.output


def test_text_mode_reads_stdin_and_refuses_an_empty_text():
    result = run("explain", "text", "-", "--json", input="Russia attacked Ukraine.")
    assert result.exit_code == 0, result.output
    (sentence,) = json.loads(result.stdout)["sentences"]
    assert [e["type"] for e in sentence["events"]] == ["ASSAULT"]
    empty = run("explain", "text", "  ")
    assert empty.exit_code == 2
    assert "there is no text to explain" in empty.output


# -- edge: why the store holds an edge ----------------------------------------------


def test_edge_mode_shows_the_aid_event_under_sweden_supports_ukraine(seed_store):
    result = run(
        "explain", "edge", "sweden", "Ukraine", "--store", seed_store, "--json"
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [e["name"] for e in found["actor"]["entities"]] == ["Sweden"]
    assert [
        (e["level"], e["stance"], e["actor"], e["target"], e["events"])
        for e in found["edges"]
    ] == [
        ("actor", "supports", "Sweden", "Ukraine", 1),
        ("state", "supports", "Sweden", "Ukraine", 1),
    ]
    (event,) = found["events"]
    assert (event["type"], event["verb"], event["counts_for"]) == (
        "AID",
        "announce",
        ["actor", "state"],
    )
    assert [(a["value"], a["currency"], a["text"]) for a in event["amounts"]] == [
        (13300000000.0, "SEK", "13.3 billion kronor"),
        (1300000000.0, "USD", "$1.3 billion"),
    ]
    assert (event["construction"], event["rule"]) == (
        "verb-clause",
        "lexicon.jsonl:143",
    )
    assert rule_line("lexicon.jsonl:143")["lemma"] == "package"
    assert "a day after Sweden announced its biggest-yet military" in event["sentence"]
    assert event["source"].endswith("seeds/000_a9412eb69c318b0a.txt")
    assert (event["article_date"], event["read_as_of"]) == ("2024", "2024-01-01")
    assert [(m["text"], m["label"]) for m in event["actor"]["mentions"]] == [
        ("Sweden", "GPE"),
        ("its", "COREF"),
    ]
    assert event["target"]["inferred"] is True
    assert event["actor_state"]["why"] == "Sweden is the state"


def test_edge_mode_at_state_level_shows_the_office_holder_it_went_through(
    seed_store,
):
    result = run(
        "explain", "edge", "France", "Ukraine", "--store", seed_store, "--json"
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(e["level"], e["actor"], e["events"]) for e in found["edges"]] == [
        ("state", "France", 2)
    ]
    for event in found["events"]:
        assert event["actor"]["name"] == "Emmanuel Macron"
        assert event["actor_state"]["via"] == [
            {"role": "President", "organization": "France"}
        ]
        assert event["actor_state"]["why"] == (
            "Emmanuel Macron acts for France as 'President' of France"
        )
    assert [m["text"] for e in found["events"] for m in e["actor"]["mentions"]] == [
        "Emmanuel Macron",
        "Macron",
    ]


def test_edge_mode_prints_a_tree(seed_store):
    result = run("explain", "edge", "Sweden", "Ukraine", "--store", seed_store)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for expected in (
        "explain edge · Sweden → Ukraine",
        "actor level: Sweden supports Ukraine · 1 event (AID)",
        "AID 070: Sweden → Ukraine · 'announce' · 13.3bn SEK, 1.3bn USD",
        "read by: construction verb-clause · rule lexicon.jsonl:143",
        "actor: 'Sweden' [GPE], 'its' [COREF] → Sweden",
        "target: inferred, not named in the sentence",
    ):
        assert expected in text, expected


def test_edge_mode_without_an_edge_says_so(seed_store):
    result = run(
        "explain", "edge", "Ukraine", "Sweden", "--store", seed_store, "--json"
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["edges"], found["events"]) == ([], [])


@pytest.mark.parametrize(
    "actor, target, message",
    [
        ("Swedn", "Ukraine", "no entity named 'Swedn'; did you mean 'Sweden'?"),
        ("Sweden", "Ukrain", "no entity named 'Ukrain'; did you mean 'Ukraine'?"),
    ],
)
def test_edge_mode_refuses_a_misspelt_name_with_a_did_you_mean(
    seed_store, actor, target, message
):
    result = run("explain", "edge", actor, target, "--store", seed_store)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


def test_edge_mode_starts_without_spacy(seed_store):
    program = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kgextract.cli import cli\n"
        "args = ['explain', 'edge', 'Sweden', 'Ukraine', '--store', "
        f"{str(seed_store)!r}]\n"
        "result = CliRunner().invoke(cli, args)\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('spacy', 'rdflib') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
