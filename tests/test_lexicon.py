"""Every example sentence written into the lexicon data is a test."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kgextract.knowledge.event_types import load_event_types
from kgextract.knowledge.lexicon import load_lexicon, quad_class

from .conftest import ROOT, shared_data

LEXICON = load_lexicon()
EXAMPLES = [
    pytest.param(entry, example, id=f"{entry.lemma}:{example[0][:40]}")
    for entry in LEXICON.entries()
    for example in entry.examples
]


def codes_of(entry):
    """The CAMEO codes an entry can give: its own, or its patterns' ("use" codes
    nothing by itself, "used chemical weapons" 2041)."""
    return [entry.cameo] if entry.cameo else [p.cameo for p in entry.patterns]


def test_every_entry_has_a_known_plover_type_and_cameo_code():
    types = load_event_types()
    for entry in LEXICON.entries():
        if entry.is_light:
            assert entry.type is None
            continue
        assert entry.type in types, entry
        assert entry.cameo or entry.patterns, entry
        kind = types[entry.type]
        for code in codes_of(entry):
            assert code[:2] in kind.cameo_roots or code in kind.cameo_codes, entry
            assert quad_class(code) in (
                "VERBAL_COOPERATION",
                "MATERIAL_COOPERATION",
                "VERBAL_CONFLICT",
                "MATERIAL_CONFLICT",
            )


# CAMEO roots that no entry codes, each with the reason. Root 01 (make public
# statement) is covered only where PLOVER's SUPPORT carries it (sympathy 018,
# optimism 013); PLOVER has no type for its other statements, so none is forced.
UNCOVERED_ROOTS: dict[str, str] = {}
CAMEO_ROOTS = [f"{root:02d}" for root in range(1, 21)]


def test_every_cameo_root_and_plover_type_has_an_entry():
    coded = [
        (entry.type, code)
        for entry in LEXICON.entries()
        if not entry.is_light
        for code in codes_of(entry)
    ]
    roots = {code[:2] for _, code in coded}
    assert sorted(roots | set(UNCOVERED_ROOTS)) == CAMEO_ROOTS
    assert not roots & set(UNCOVERED_ROOTS)  # an entry makes a listed root covered
    assert {kind for kind, _ in coded} == set(load_event_types())
    assert len(load_event_types()) == 16


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


# Where the examples quoted from real articles come from (a JSON row holds no
# comment): a path under ../shared/data. A sentence shortened by cutting a trailing
# clause is its article's words up to the cut.
EXAMPLE_SOURCES = {
    "The Musicians' Union stance is being endorsed by the Music Managers' Forum "
    "(MMF).": "bbc_news/entertainment/289.txt",
    "In 2002 S&N and United agreed to form a strategic partnership, one that would "
    "include a joint venture business and a UK investment in the Indian "
    "brewer.": "bbc_news/business/315.txt",
    "Gen Musharraf held talks with Tony Blair on Monday.": "bbc_news/politics/188.txt",
    "And Microsoft chief Bill Gates announced in his pre-show keynote speech a "
    "partnership with TiVo, called TiVoToGo, which means people can play recorded "
    "programmes on Windows PCs and mobile devices.": "bbc_news/tech/216.txt",
    "Dr Greenspan, 79, who has been in the UK to attend the G7 meeting in London, "
    "said the world could never repay the debt of gratitude it owed to Smith, whose "
    "genius he compared to that of Mozart.": "bbc_news/business/213.txt",
    'Transportation Secretary Norman Mineta said he was "deeply concerned" at the '
    "disruption to passengers, and ordered a thorough "
    "investigation.": "bbc_news/business/348.txt",
    "The government will only hit its target for improving adult maths and literacy "
    "skills if courses are made more attractive, a report "
    "says.": "bbc_news/politics/080.txt",
    "The foreign secretary hit back by saying Tory attitudes to Europe had helped "
    "keep the party out of power for more than a decade.": "bbc_news/politics/082.txt",
    'Michael Howard has launched an attack on the cost of Britain\'s "chaotic" '
    "asylum system under Tony Blair.": "bbc_news/politics/106.txt",
    "South African president Thabo Mbeki has attacked British imperialists, saying "
    "they treated Africans like savages.": "bbc_news/politics/392.txt",
    "Boeing sacked Mr Sears and Ms Druyun in November 2003 after allegations that "
    "they had violated company recruitment policy.": "bbc_news/business/161.txt",
    "In the meantime, Euronext, which combines the Paris, Amsterdam and Lisbon "
    "stock exchanges, also began talks with the LSE.": "bbc_news/business/279.txt",
    "Disgraced former Chelsea striker Adrian Mutu is to begin talks with Juventus "
    "as he looks for a new club.": "bbc_news/sport/203.txt",
    "Hazel Gilbert, 23, an information manager from Newcastle, gave up ballet at "
    "the age of 10 and is typical of the problem.": "bbc_news/entertainment/022.txt",
    "The Lib Dems called for Commons leader Peter Hain to make a "
    "statement.": "bbc_news/politics/376.txt",
    "Lib Dem home affairs spokesman Mark Oaten has branded the ID scheme a waste "
    "of money.": "bbc_news/politics/300.txt",
    "Tony Blair has apologised to two families who suffered one of the UK's "
    "biggest miscarriages of justice.": "bbc_news/politics/012.txt",
    "In December, Poland requested more time to consider the "
    "issue.": "bbc_news/tech/080.txt",
    # a headline, quoted with a full stop added
    "Russian Air Force attacks militant-held town in southern Idlib.": (
        "realworld_pages/aeb_d90bda7ed14df19574f4ca8b1ccde5752a78f40058af1393e81cc99"
        "adb3e8756.html"
    ),
}


@pytest.mark.parametrize("sentence, path", EXAMPLE_SOURCES.items())
def test_examples_from_real_articles_are_quoted_from_them(sentence, path):
    assert sentence in {example[0] for _, example in (p.values for p in EXAMPLES)}
    article = " ".join(shared_data(*path.split("/")).read_text().split())
    assert sentence.rstrip(".") in article


def test_every_reverse_code_is_a_cameo_code_of_a_known_type():
    """ "A received B" also gives B visiting A: that second code must type the
    event (an entry's own, or that of its reading with an actor as object)."""
    roots = {root for kind in load_event_types().values() for root in kind.cameo_roots}
    readings = [r for e in LEXICON.entries() for r in (e, e.actor_object) if r]
    reversed_entries = [r for r in readings if r.reverse_cameo]
    assert reversed_entries
    for entry in reversed_entries:
        assert entry.reverse_cameo[:2] in roots, entry
        assert quad_class(entry.reverse_cameo)


def test_the_cameo_verb_file_is_what_the_generator_builds():
    """rules/cameo_verbs.jsonl is generated from the public CAMEO dictionary."""
    shared_data("petrarch2_dictionaries", "CAMEO.2.0.txt")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_verbs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_cameo_dictionary_lies_beneath_the_lexicon_only_when_asked():
    """Off by default (it costs precision on whole articles, EVAL.md); when asked,
    the lexicon's own entries win for every verb they define."""
    own = load_lexicon()
    both = load_lexicon(dictionary=True)
    assert "lambast" in own.verbs and "denounce" in own.verbs
    assert "glorify" not in own.verbs and "glorify" in both.verbs
    assert both.verbs["glorify"].from_dictionary
    assert both.verbs["denounce"] == own.verbs["denounce"]
    assert not both.verbs["denounce"].from_dictionary
