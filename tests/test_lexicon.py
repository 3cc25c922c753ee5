"""Every example sentence written into the lexicon data is a test."""

from __future__ import annotations

import pytest

from kgextract.event_types import load_event_types
from kgextract.extractors.rules import load_lexicon, quad_class

LEXICON = load_lexicon()
EXAMPLES = [
    pytest.param(entry, example, id=f"{entry.lemma}:{example[0][:40]}")
    for entry in LEXICON.entries()
    for example in entry.examples
]


def test_every_entry_has_a_known_plover_type_and_cameo_code():
    types = load_event_types()
    for entry in LEXICON.entries():
        if entry.is_light:
            assert entry.type is None
            continue
        assert entry.type in types, entry
        assert entry.cameo and entry.cameo[:2] in types[entry.type].cameo_roots, entry
        assert quad_class(entry.cameo) in (
            "VERBAL_COOPERATION",
            "MATERIAL_COOPERATION",
            "VERBAL_CONFLICT",
            "MATERIAL_CONFLICT",
        )


@pytest.mark.parametrize("entry, example", EXAMPLES)
def test_lexicon_example(extract_text, entry, example):
    sentence, actor, event_type, target = example
    extraction = extract_text(sentence)
    names = {e.key: e.name for e in extraction.entities}
    found = [
        (names[e.actor], e.type, names.get(e.target) if e.target else None)
        for e in extraction.events
    ]
    if actor is None:
        assert found == []
    else:
        assert (actor, event_type, target) in found
