"""Relations between entities (works for, based in, located in, lives in, killed):
the trained classifier on hand-written sentences, its triples and provenance in a
store, and training that gives the same weights twice."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest
from pyoxigraph import Store

from kgextract.errors import KgExtractError
from kgextract.graph import iris, vocab
from kgextract.graph.build import article_quads
from kgextract.model import Article, Mention
from kgextract.nlp.extract import extract
from kgextract.nlp.relations import (
    MAX_GAP,
    MODEL_PATH,
    Candidate,
    candidate_pairs,
    load_model,
    placement,
    sentence_candidates,
)

from .conftest import ROOT, shared_data


def found(extraction) -> list[tuple[str, str, str]]:
    text = extraction.article.body
    return [
        (text[slice(*r.head_span)], r.type, text[slice(*r.tail_span)])
        for r in extraction.relations
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Anna Meyer, a spokeswoman for Siemens, said the company would cut jobs.",
            [("Anna Meyer", "Work_For", "Siemens")],
        ),
        (
            "Marta Lopez of Toyota met reporters.",
            [("Marta Lopez", "Work_For", "Toyota")],
        ),
        (
            "Springfield, Illinois, is a quiet town.",
            [("Springfield", "Located_In", "Illinois")],
        ),
        (
            "Peter Hall, who lives in Leeds, wrote to the council.",
            [("Peter Hall", "Live_In", "Leeds")],
        ),
        (
            "Karl Brenner killed Otto Weiss in 1921.",
            [("Karl Brenner", "Kill", "Otto Weiss")],
        ),
        ("The weather in Paris was fine.", []),
        ("Paris was quiet on Sunday.", []),
    ],
)
def test_relations_in_hand_written_sentences(extract_text, sentence, expected):
    assert found(extract_text(sentence)) == expected


def test_based_in_after_a_descriptive_noun(extract_text):
    text = "The bank Unicredit, based in Milan, reported a loss."
    assert found(extract_text(text)) == [("Unicredit", "OrgBased_In", "Milan")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # A capital the entity stage reads as its state is the city here.
        (
            "NAIROBI, Kenya (Reuters) -- The talks ended on Monday without a deal.",
            [("NAIROBI", "Located_In", "Kenya")],
        ),
        # A company no gazetteer knows, kept by NER or as a proper-noun run.
        (
            "Maria Alvarez, a spokeswoman for Zentrix Holdings, declined to comment.",
            [("Maria Alvarez", "Work_For", "Zentrix Holdings")],
        ),
    ],
)
def test_arguments_the_entity_stage_did_not_keep(extract_text, sentence, expected):
    assert found(extract_text(sentence)) == expected


def test_a_capital_read_as_its_state_is_a_place_in_a_relation(extract_text):
    extraction = extract_text("NAIROBI, Kenya (Reuters) -- The talks ended.")
    [relation] = extraction.relations
    assert (relation.head, relation.tail) == ("place:nairobi", "country:KEN")
    entities = {entity.key: entity for entity in extraction.entities}
    assert (entities["place:nairobi"].type, entities["place:nairobi"].name) == (
        "Place",
        "Nairobi",
    )
    # The words stay one mention, of the state they stand for elsewhere.
    assert [m.entity for m in extraction.mentions if m.text == "NAIROBI"] == [
        "country:KEN"
    ]


def test_every_relation_in_the_graph_points_at_described_entities(extract_text):
    """SHACL: each argument is an entity node with a type, a label and a mention."""
    from rdflib import Graph

    from .test_ontology import SHAPES, as_rdflib, violations

    text = (
        "NAIROBI, Kenya (Reuters) -- Maria Alvarez, a spokeswoman for Zentrix "
        "Holdings, declined to comment."
    )
    extraction = extract_text(text)
    assert len(extraction.relations) >= 2
    data = as_rdflib(article_quads(extraction))
    assert violations(data, Graph().parse(SHAPES, format="turtle")) == set()


def test_the_graph_keeps_only_relations_above_the_graph_threshold(extract_text):
    extraction = extract_text("Anna Meyer, a spokeswoman for Siemens, said so.")
    [relation] = extraction.relations
    unsure = replace(relation, confidence=load_model().graph_threshold - 0.01)
    quads = article_quads(replace(extraction, relations=(unsure,)))
    assert not any(q.predicate.value == f"{vocab.NS}worksFor" for q in quads)
    assert not any(q.object.value == f"{vocab.NS}Relation" for q in quads)


def test_arguments_far_apart_are_no_pair(nlp):
    filler = " ".join(["and then the long list of things went on"] * 4)
    text = f"Anna Meyer said {filler} about Siemens."
    doc = nlp(text)
    spans = list(doc.sents)
    mentions = [
        Mention("person:anna-meyer", "Anna Meyer", 0, 10, 0, "PERSON"),
        Mention("org:siemens", "Siemens", len(text) - 8, len(text) - 1, 0, "ORG"),
    ]
    types = {"person:anna-meyer": "Person", "org:siemens": "Organization"}
    assert len(doc) - 4 > MAX_GAP
    pairs, _ = candidate_pairs(doc, spans, mentions, types)
    assert [(h.mention.text, t.mention.text) for h, t in pairs] == []


def test_two_mentions_of_one_entity_are_never_a_pair(extract_text):
    extraction = extract_text("Olaf Scholz spoke. Scholz said Scholz was tired.")
    assert extraction.relations == ()


def test_relation_keeps_entity_keys_sentence_and_confidence(extract_text):
    extraction = extract_text("Anna Meyer, a spokeswoman for Siemens, said so.")
    [relation] = extraction.relations
    assert relation.type == "Work_For"
    assert relation.head == "person:anna-meyer"
    assert relation.tail in {e.key for e in extraction.entities}
    assert relation.sentence == 0
    assert (relation.start_char, relation.end_char) == (0, 37)
    assert load_model().threshold <= relation.confidence <= 1


def test_relation_is_a_direct_triple_with_a_provenance_node(extract_text, tmp_path):
    extraction = extract_text("Anna Meyer, a spokeswoman for Siemens, said so.")
    [relation] = extraction.relations
    store = Store(str(tmp_path / "store"))
    store.extend(article_quads(extraction))
    article = iris.article_iri(extraction.article.id)
    head = f"{vocab.ID}person/anna-meyer"
    tail = f"{vocab.ID}{relation.tail.replace(':', '/')}"
    query = f"""{vocab.SPARQL_PREFIXES}
        SELECT ?node ?sentence ?confidence WHERE {{
          GRAPH <{article}> {{
            <{head}> kg:worksFor <{tail}> .
            ?node a kg:Relation ; kg:relationType kg:worksFor ;
                  kg:subject <{head}> ; kg:object <{tail}> ;
                  kg:inSentence ?sentence ; kg:inArticle <{article}> ;
                  kg:confidence ?confidence ; prov:wasDerivedFrom <{article}> .
          }}
        }}"""
    [row] = list(store.query(query))
    assert row["node"].value == f"{vocab.ID}relation/{extraction.article.id}/0"
    assert row["sentence"].value == f"{article}#char=0,47"
    assert float(row["confidence"].value) == relation.confidence


def test_a_damaged_model_file_is_one_clear_error(tmp_path):
    path = tmp_path / "relations.json.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(KgExtractError, match="relations.json.gz: cannot read"):
        load_model(path)


def test_model_file_records_how_it_was_made():
    metadata = load_model().metadata
    assert metadata["command"] == "python scripts/train_relations.py"
    assert metadata["trained_on"] == "train" and metadata["selected_on"] == "dev"
    assert "test" not in json.dumps(metadata["sha256"])
    assert MODEL_PATH.stat().st_size < 2_000_000


def _training_script():
    spec = importlib.util.spec_from_file_location(
        "train_relations", ROOT / "scripts" / "train_relations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_gives_the_same_weights_twice(nlp, resources, tmp_path):
    conll = shared_data("conll04", "conll04_train.json")
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(json.loads(conll.read_text())[:25]))
    script = _training_script()
    _, items = script.prepare(Path(sample), nlp, resources)
    names = sorted({f for item in items for pair in item[3] for f in pair})
    index = {name: k for k, name in enumerate(names)}
    rows = [[index[f] for f in pair] for item in items for pair in item[3]]
    labels = [label for item in items for label in item[4]]
    assert any(labels), "the sample has related pairs to learn from"
    first = script.fit(rows, labels, len(names) + 1, 1e-4)
    second = script.fit(rows, labels, len(names) + 1, 1e-4)
    assert (first[0] == second[0]).all() and (first[1] == second[1]).all()


def test_the_gazetteer_rules_out_a_relation_across_two_states():
    from kgextract.knowledge.gazetteer import load_gazetteer
    from kgextract.nlp.relations import contradicts_gazetteer

    gazetteer = load_gazetteer()
    # Kyiv is Ukraine's capital: never in China; in Ukraine, fine.
    assert contradicts_gazetteer("Located_In", "place:kyiv", "country:CHN", gazetteer)
    assert not contradicts_gazetteer(
        "Located_In", "place:kyiv", "country:UKR", gazetteer
    )
    # A German chancellor does not live in Russia; the SPD is not based there.
    assert contradicts_gazetteer(
        "Live_In", "person:olaf-scholz", "country:RUS", gazetteer
    )
    assert contradicts_gazetteer("OrgBased_In", "org:spd", "country:RUS", gazetteer)
    # An alliance is based in none of its members (a city may be its seat).
    assert contradicts_gazetteer("OrgBased_In", "org:nato", "country:EST", gazetteer)
    assert not contradicts_gazetteer(
        "OrgBased_In", "org:nato", "place:brussels", gazetteer
    )
    # Nothing is ruled out where the gazetteer does not know a side, or the
    # relation does not place its head.
    assert not contradicts_gazetteer(
        "Located_In", "place:springfield", "country:CHN", gazetteer
    )
    assert not contradicts_gazetteer(
        "Work_For", "person:olaf-scholz", "country:RUS", gazetteer
    )


def _argument(key: str, start: int, state: str = "") -> Candidate:
    mention = Mention(key, key, start, start + 1, 0, "GPE")
    return Candidate(mention, start, start + 1, start, "Place", state=state)


@pytest.mark.parametrize(
    "head, tail, expected",
    [
        # The tail is the state the head lies in: "Kyiv, Ukraine".
        (("place:kyiv", "country:UKR"), ("country:UKR", "country:UKR"), "in"),
        # Both in one state, neither of them the state itself.
        (("person:olaf-scholz", "country:DEU"), ("org:spd", "country:DEU"), "same"),
        (("place:kyiv", "country:UKR"), ("country:CHN", "country:CHN"), "apart"),
        (("place:springfield", ""), ("country:CHN", "country:CHN"), "half"),
        (("place:springfield", ""), ("place:shelbyville", ""), "unknown"),
    ],
)
def test_the_gazetteer_tells_where_the_two_sides_lie(head, tail, expected):
    assert placement(
        _argument(head[0], 0, head[1]), _argument(tail[0], 5, tail[1])
    ) == (expected)


def test_candidates_carry_the_state_the_gazetteer_puts_them_in(nlp, resources):
    text = "Kyiv is the capital of Ukraine, said Anna Meyer."
    doc = nlp(text)
    extraction = extract(Article.make("t", "", text), doc, resources, relations=False)
    types = {entity.key: entity.type for entity in extraction.entities}
    spans = [sent for sent in doc.sents if sent.text.strip()]
    [candidates] = sentence_candidates(
        doc, spans, extraction.mentions, types, resources.gazetteer
    )
    states = {c.mention.text: c.state for c in candidates}
    assert states == {"Kyiv": "country:UKR", "Ukraine": "country:UKR", "Anna Meyer": ""}


def test_a_killing_is_read_only_from_a_sentence_that_names_one(extract_text):
    """The classifier learned killings where two people stood beside a killing
    word; on a BBC politics article it read "Yvette Cooper killed Labour" and
    "Prof Joni Lovenduski killed Margaret Moran" from sentences about a
    ministry and a study. A killing needs a word of rules/relation_cues.json."""
    text = shared_data("bbc_news", "politics", "008.txt").read_text(encoding="utf-8")
    assert [r for r in extract_text(text, "2005").relations if r.type == "Kill"] == []
    assert ("Karl Brenner", "Kill", "Otto Weiss") in found(
        extract_text("Karl Brenner killed Otto Weiss in 1921.")
    )


def test_each_relation_cue_cites_a_real_example_and_counterexample():
    from kgextract.nlp.relations import CUES_PATH, relation_cues

    data = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    assert set(relation_cues()) <= set(vocab.RELATION_PROPERTIES)
    for kind in relation_cues():
        for case in ("example", "counterexample"):
            cited = data[kind][case]
            source = shared_data(*cited["source"].split("/"))
            assert cited["text"] in source.read_text(encoding="utf-8"), (kind, case)
