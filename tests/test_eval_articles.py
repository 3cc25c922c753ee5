"""`kgextract eval articles`: stance edges of whole articles against a hand-made gold.

The scorer's rules, on hand-written gold and system edges: names match through any
alias once titles and case are folded; recall counts required edges only;
precision counts every system edge, and an acceptable gold edge makes one right;
state-level edges need two different states. Then one real run on the seed.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.eval.articles import (
    Edge,
    GoldArticle,
    GoldEdge,
    _names,
    fold,
    score_level,
    state_edges,
)

from .conftest import SEEDS


def gold(actor, relation, target, certainty="required", **more) -> GoldEdge:
    return GoldEdge(
        actor=actor,
        relation=relation,
        target=target,
        certainty=certainty,
        actor_names=_names([actor], more.pop("actor_also", ())),
        target_names=_names([target], more.pop("target_also", ())),
        **more,
    )


def edge(actor, relation, target, *aliases, sentence="") -> Edge:
    return Edge(
        article="a1",
        actor=actor,
        relation=relation,
        target=target,
        actor_names=_names([actor], aliases),
        target_names=_names([target]),
        sentences=(sentence,),
    )


def article(*edges, traps=()) -> GoldArticle:
    return GoldArticle("a1", "x.txt", "politics", "dev", "2005", tuple(edges), traps)


def test_names_fold_titles_case_and_accents():
    assert fold("Mr Blair") == "blair"
    assert fold("The  Conservative Party") == "conservative party"
    assert fold("José Manuel Barroso") == "jose manuel barroso"


def test_a_required_edge_found_through_an_alias_is_right_and_found():
    the_gold = article(gold("Michael Howard", "opposes", "Tony Blair",
                            target_also=["Mr Blair"]))  # fmt: skip
    found = [edge("Howard", "opposes", "Mr Blair", "Michael Howard")]
    report = score_level("actor", [the_gold], found)
    assert (report.overall.tp, report.overall.fp) == (1, 0)
    assert (report.overall.found, report.overall.required) == (1, 1)
    assert report.misses == [] and report.false_alarms == []


def test_an_acceptable_edge_is_never_a_false_alarm_nor_a_miss():
    the_gold = article(gold("Labour Party", "opposes", "Conservative Party",
                            certainty="acceptable"))  # fmt: skip
    assert score_level("actor", [the_gold], []).overall.recall == 1.0
    found = [edge("Labour Party", "opposes", "Conservative Party")]
    report = score_level("actor", [the_gold], found)
    assert (report.overall.tp, report.overall.fp) == (1, 0)
    assert report.overall.acceptable_found == 1


def test_a_wrong_relation_is_a_false_alarm_and_a_miss():
    sentence = "Sir Digby warned Mr Brown not to be tempted to use extra cash."
    the_gold = article(
        gold("Digby Jones", "supports", "Gordon Brown", target_also=["Mr Brown"]),
        traps=((sentence, "other"),),
    )
    found = [edge("Digby Jones", "opposes", "Mr Brown", sentence=sentence)]
    report = score_level("actor", [the_gold], found)
    assert (report.overall.tp, report.overall.fp, report.overall.found) == (0, 1, 0)
    (alarm,) = report.false_alarms
    assert alarm["trap"] == "other" and alarm["target"] == "Mr Brown"
    (miss,) = report.misses
    assert (miss["actor"], miss["relation"]) == ("Digby Jones", "supports")


def test_state_level_needs_two_different_states():
    the_gold = article(
        gold("Michael Howard", "opposes", "Tony Blair", target_state="United Kingdom"),
        gold(
            "Jack Straw",
            "opposes",
            "Jacques Chirac",
            actor_state="United Kingdom",
            target_state="France",
        ),  # fmt: skip
        gold(
            "Tony Blair",
            "opposes",
            "Gordon Brown",
            actor_state="United Kingdom",
            target_state="United Kingdom",
        ),  # fmt: skip
    )
    assert [(e.actor, e.target) for e in state_edges(the_gold)] == [
        ("United Kingdom", "France")
    ]


def test_eval_articles_ingests_the_gold_articles_and_scores_them(tmp_path):
    gold_file = tmp_path / "gold.jsonl"
    record = {
        "id": "seed",
        "path": str(next(SEEDS.glob("*.txt"))),
        "section": "seed",
        "split": "dev",
        "date": "2024-05-31",
        "edges": [
            {
                "actor": "Sweden",
                "relation": "supports",
                "target": "Ukraine",
                "certainty": "required",
                "actor_state": "Sweden",
                "target_state": "Ukraine",
                "amounts": [{"value": 13.3e9, "currency": "SEK"}],
            },
            {
                "actor": "Narnia",
                "relation": "opposes",
                "target": "Ukraine",
                "certainty": "required",
            },
        ],
    }
    gold_file.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["eval", "articles", str(gold_file), "--split", "dev", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    actor = report["actor"]
    assert (actor["required"], actor["required_found"]) == (2, 1)
    assert actor["amounts"] == {"gold_aid_edges_found": 1, "with_the_gold_amount": 1}
    assert report["state"]["required_found"] == 1


def test_eval_articles_without_a_gold_file_is_a_usage_error():
    result = CliRunner().invoke(cli, ["eval", "articles"])
    assert result.exit_code == 2
    assert "needs a gold file" in result.output
