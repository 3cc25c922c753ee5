"""Every declared construction (rules/constructions.json) is a test: its example
sentence gives the events listed with it, its counterexample none of its own.

Each sentence is read inside its whole article, as ``kgextract ingest`` reads it,
so that surnames, pronouns and "the home secretary" resolve as they do there.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kgextract.knowledge.constructions import load_constructions
from kgextract.nlp.events.engine import check_constructions
from kgextract.readers import read_file

from .conftest import shared_data

CONSTRUCTIONS = load_constructions()
BBC_DATE = "2005"  # the corpus is undated; its articles are of 2004-05


def test_every_move_and_step_a_construction_names_exists():
    check_constructions(CONSTRUCTIONS)


def test_every_construction_has_a_real_example_and_counterexample():
    for construction in CONSTRUCTIONS:
        assert construction.example.get("events"), construction.name
        assert construction.example.get("source"), construction.name
        assert construction.counterexample.get("source"), construction.name


def _read(extract_article, case: dict):
    article = next(read_file(shared_data(*case["source"].split("/"))))
    if not article.date:
        article = replace(article, date=BBC_DATE)
    extraction = extract_article(article)
    text = case.get("sentence") or case["sentence_contains"]
    sentences = [
        s.index
        for s in extraction.sentences
        if text in article.body[s.start_char : s.end_char]
    ]
    assert sentences, f"{case['source']}: no sentence with {text!r}"
    names = {e.key: e.name for e in extraction.entities}
    return [
        (e.construction, names.get(e.actor), e.type, names.get(e.target))
        for e in extraction.events
        if e.sentence in sentences and not e.negated
    ]


@pytest.fixture(scope="module")
def extract_article(nlp, resources):
    from kgextract.nlp.extract import extract

    return lambda article: extract(article, nlp(article.body), resources)


@pytest.mark.parametrize("construction", CONSTRUCTIONS, ids=lambda c: c.name)
def test_the_example_gives_its_events(extract_article, construction):
    found = _read(extract_article, construction.example)
    for actor, event_type, target in construction.example["events"]:
        assert (construction.name, actor, event_type, target) in found, found


@pytest.mark.parametrize("construction", CONSTRUCTIONS, ids=lambda c: c.name)
def test_the_counterexample_gives_none(extract_article, construction):
    found = _read(extract_article, construction.counterexample)
    assert [f for f in found if f[0] == construction.name] == []
