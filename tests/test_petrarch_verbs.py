"""PETRARCH verb dictionaries: reading, conversion to lexicon rows, and their effect on
`kgextract eval` (a made-up verb code becomes an event)."""

from __future__ import annotations

import json

import pytest

from kgextract.coding.petrarch import (
    DictionaryVerb,
    VerbPattern,
    discarded,
    event_code,
    lexicon_rows,
    negated_code,
    read_coding_ontology,
    read_discards,
    read_verb_dictionary,
    reverse_code,
)
from kgextract.errors import InputError
from kgextract.eval.suites import CodedEvent, Record, Suite, read_petrarch_records, run
from kgextract.knowledge.lexicon import extend_lexicon, load_lexicon

SNIPPET = """\
<!-- A VALIDATION DICTIONARY -->
&TIETYPES
+MILITARY
+ECONOMIC  # a comment

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN }
WIRE_+TAP [1711]
- * TREATY  [161]
- * OFF_  [195]  # tony  3/13/91

--- ARRIVE  [032:033]  ---
ARRIVE    # -PAS 95.12.18

--- CRITICIZE  [121]  ---
CRITICIZE
- * AGAINST + [122]
- DESPITE * FROM $  [123]
- * (WITH) [124]

--- SAID  [---] ---
SAID
- * PLEASED  [041]

--- RESTORE  [064] ---
RESTORE
- * DIPLXMATIC  [###]
"""


def write(tmp_path, text, name="verbs.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reader_gives_synsets_verbs_forms_and_patterns(tmp_path):
    dictionary = read_verb_dictionary(write(tmp_path, SNIPPET))
    assert dictionary.synsets == {"&TIETYPES": ("MILITARY", "ECONOMIC")}
    assert [(b.name, b.code) for b in dictionary.verbs] == [
        ("BREAK", "1717"),
        ("ARRIVE", "032:033"),
        ("CRITICIZE", "121"),
        ("SAID", "---"),
        ("RESTORE", "064"),
    ]
    brk = dictionary.verbs[0]
    assert brk.verbs == (
        DictionaryVerb(("break",), 0, (("broke",), ("broken",)), None),
        DictionaryVerb(
            ("break", "down"), 0, (("breaks", "down"), ("broke", "down")), None
        ),
        DictionaryVerb(("wire", "tap"), 1, (), "1711"),
    )
    assert brk.patterns == (
        VerbPattern((), ("TREATY",), "161", 10),
        VerbPattern((), ("OFF",), "195", 11),
    )
    assert dictionary.verbs[2].patterns[1] == VerbPattern(
        ("DESPITE",), ("FROM", "$"), "123", 19
    )
    # "#" inside a code is the code, not a comment
    assert dictionary.verbs[4].patterns[0].code == "###"


@pytest.mark.parametrize(
    "code, event, reverse",
    [
        ("064", "064", None),
        ("032:033", "032", "033"),
        ("031:031", "031", "031"),
        ("---", None, None),
        ("+++", None, None),
        ("xxy", None, None),
        ("1717", "1717", None),
        ("025?", "025?", None),
    ],
)
def test_codes_read_as_event_and_paired_reverse_code(code, event, reverse):
    assert (event_code(code), reverse_code(code)) == (event, reverse)


KNOWN = {"arrive", "break", "criticize", "restore", "say", "meet", "glorp"}
IRREGULAR = {"said": "say", "broke": "break", "broken": "break", "met": "meet"}


def lemma_of(word):
    """A stand-in for the parser's lemmatizer, for the words of these snippets."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix in ("ing", "ed", "es", "s", "d"):
        stem = word.removesuffix(suffix)
        for candidate in (stem, stem + "e"):
            if stem != word and candidate in KNOWN:
                return candidate
    return word


def test_conversion_gives_each_verb_its_code_and_preposition_patterns(tmp_path):
    converted = lexicon_rows(
        read_verb_dictionary(write(tmp_path, SNIPPET)),
        lemmatize=lemma_of,
        root_types={"12": "ACCUSE", "06": "COOPERATE"},
    )
    rows = {row["lemma"]: row for row in converted.rows}
    assert sorted(rows) == [
        "arrive",
        "break",
        "break down",
        "break off",
        "criticize",
        "criticize against",
        "criticize with",
        "restore",
        "say",
    ]
    assert rows["break"]["cameo"] == "1717" and rows["break"]["type"] is None
    assert rows["criticize"]["type"] == "ACCUSE"
    assert rows["restore"]["type"] == "COOPERATE"
    assert rows["criticize against"]["cameo"] == "122"
    assert rows["criticize against"]["targets"][0] == "prep:against"
    assert rows["criticize with"]["targets"][0] == "prep:with"
    assert "dobj" in rows["criticize"]["targets"]
    # a "$" after the preposition is the source, which no target slot can say
    assert not any(row["cameo"] == "123" for row in converted.rows)
    # WIRE_+TAP has words before its verb: no lexicon name for it
    assert not any("tap" in lemma for lemma in rows)
    # "SAID [---]" is lemmatized and codes no event by itself, only its pattern
    assert converted.silent == frozenset({"say"})
    assert rows["say"]["cameo"] is None
    assert rows["say"]["patterns"] == [
        {"before": [], "after": [{"words": [["pleased"]]}], "cameo": "041"}
    ]
    assert converted.reverse_codes == {"arrive": "033"}
    # the row carries it too, so that ingest (not only eval) emits the host's event
    assert rows["arrive"]["reverse_cameo"] == "033"
    assert "reverse_cameo" not in rows["criticize"]


def test_paired_identical_codes_make_the_entry_reciprocal(tmp_path):
    text = "--- MEET [031:031] ---\nMEET\n\n--- MET [031:032] ---\nMET\n"
    converted = lexicon_rows(
        read_verb_dictionary(write(tmp_path, text)),
        lemmatize=lemma_of,
    )
    # the headword written as the lemma wins over an inflected one
    assert [(r["lemma"], r["cameo"], r.get("reciprocal")) for r in converted.rows] == [
        ("meet", "031", True)
    ]
    assert converted.reverse_codes == {}


def test_the_parsers_lemma_of_each_form_leads_to_the_verb(tmp_path):
    text = "--- GLORP [987] ---\nGLORP\n- * AGAINST [988]\n"
    odd = {"glorped": "glorpe"}  # what en_core_web_sm makes of "glorped"
    converted = lexicon_rows(
        read_verb_dictionary(write(tmp_path, text)),
        lemmatize=lambda word: odd.get(word, lemma_of(word)),
    )
    assert sorted((r["lemma"], r["cameo"]) for r in converted.rows) == [
        ("glorp", "987"),
        ("glorp against", "988"),
        ("glorpe", "987"),
        ("glorpe against", "988"),
    ]


def test_extended_lexicon_takes_precedence_and_leaves_the_shared_one_alone():
    base = load_lexicon()
    assert "meet" in base.verbs
    rows = [
        {"lemma": "meet", "pos": "VERB", "type": None, "cameo": "903", "targets": []}
    ]
    extended = extend_lexicon(base, rows, silent=["urge"])
    assert extended.verbs["meet"].cameo == "903"
    assert extended.verbs["meet"].quad == ""  # not a CAMEO root: no quad, no error
    assert "urge" not in extended.verbs and "call on" in extended.verbs
    assert base.verbs["meet"].cameo != "903" and "urge" in base.verbs
    assert load_lexicon() is base


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "no verb entries"),
        ("- * AGAINST [122]\n", "line 1: '- * AGAINST [122]' is outside any verb"),
        ("--- ATTACK [190] ---\nATTACK\n- * AGAINST\n", "line 3: pattern without"),
        ("--- ATTACK [190] ---\nATTACK\n- AGAINST [190]\n", "line 3: a pattern needs"),
        ("--- ATTACK [190] ---\nATTACK\n- * (AT [190]\n", "line 3: unbalanced ()"),
        ("--- ATTACK ---\nATTACK\n", "line 1: expected '--- VERB [code] ---'"),
        ("+MILITARY\n", "line 1: '+MILITARY' is outside any verb"),
    ],
)
def test_malformed_verb_dictionary_is_one_line_naming_file_and_cause(
    tmp_path, text, message
):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_verb_dictionary(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


def test_missing_verb_dictionary_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read verb dictionary"):
        read_verb_dictionary(tmp_path / "absent.txt")


def test_discards_match_stems_and_whole_words(tmp_path):
    path = write(tmp_path, "# sports\nBASEBALL\n+TYPHOON_  # story\nMONTHS LATER\n")
    phrases = read_discards(path)
    assert phrases == ("BASEBALL", "TYPHOON_", "MONTHS LATER")
    # bbc_news sport/091
    assert (
        discarded(
            "Anderson's clients include Barry Bonds, and several other baseball stars "
            "have been asked to appear before a congressional inquiry into steroid use "
            "in the major leagues.",
            phrases,
        )
        == "BASEBALL"
    )
    assert discarded("a Typhoon hit", phrases) == "TYPHOON_"
    assert discarded("typhoons hit", phrases) is None
    assert discarded("Six months  later it fell", phrases) == "MONTHS LATER"
    # bbc_news politics/188
    assert (
        discarded("Gen Musharraf held talks with Tony Blair on Monday.", phrases)
        is None
    )


def test_a_dictionary_verb_code_becomes_an_event_in_eval(tmp_path):
    verbs = write(tmp_path, "--- GLORP [987] ---\nGLORP\n- * AGAINST [988]\n")
    discards = write(tmp_path, "BASEBALL\n", "discards.txt")
    records = (
        Record(
            "a", "France glorped Germany.", events=(CodedEvent("FRA", "DEU", "987"),)
        ),
        Record(
            "b",
            "France glorped against Germany.",
            events=(CodedEvent("FRA", "DEU", "988"),),
        ),
        Record("c", "France glorped Germany at baseball."),
    )
    suite = Suite("glorp", "events", records, "glorp.json")
    without = run(suite)
    assert without.overall.tp == 0
    report = run(suite, verbs=[verbs], discards=[discards])
    assert report.levels["country+code"].as_dict() | {} == {
        "tp": 2,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert json.dumps(report.as_dict())  # the figures stay plain data


def test_patterns_become_rows_of_words_in_order_with_actor_marks(tmp_path):
    text = """\
&TIETYPES
+MILITARY
+ARMED_FORCES
&CLOSE
+&TIETYPES
+KRONE_
--- WELCOME [041] ---
WELCOME
- * &TIETYPES_MEMOS FROM [911]
- * {DIPLOMATIC TIES} (WITH +) [080:080]
- + * (FROM $) [071:072]
- % * [030:030]
- HEAVILY * &CLOSE [---]
- * AGAINST [122]
- * (AT ^) + [043]
"""
    rows = {
        row["lemma"]: row
        for row in lexicon_rows(
            read_verb_dictionary(write(tmp_path, text)), lemmatize=lemma_of
        ).rows
    }
    patterns = rows["welcome"]["patterns"]
    tietypes = [["military"], ["armed", "forces"]]
    assert patterns == [
        # "&SET_WORD" (PETRARCH 1): the word right after a member of the set
        {
            "before": [],
            "after": [
                {"words": tietypes},
                {"words": [["memos"]], "joined": True},
                {"words": [["from"]]},
            ],
            "cameo": "911",
        },
        # {} words in a row, () words in order; "+" where the target stands; A:A
        {
            "before": [],
            "after": [
                {"words": [["diplomatic"]]},
                {"words": [["ties"]], "joined": True},
                {"words": [["with"]]},
                {"actor": "target"},
            ],
            "cameo": "080",
            "reciprocal": True,
        },
        # the subject is the target and "$" the source; A:B gives B back
        {
            "before": [{"actor": "target"}],
            "after": [{"words": [["from"]]}, {"actor": "source"}],
            "cameo": "071",
            "reverse_cameo": "072",
        },
        # a compound subject, no words
        {
            "before": [{"actor": "compound"}],
            "after": [],
            "cameo": "030",
            "reciprocal": True,
        },
        # words before the verb; a set inside a set; "KRONE_" is the whole word;
        # [---]: no event where it matches
        {
            "before": [{"words": [["heavily"]]}],
            "after": [{"words": [*tietypes, ["krone_"]]}],
            "cameo": None,
        },
        {"before": [], "after": [{"words": [["against"]]}], "cameo": "122"},
        # "^": a phrase skipped before the target
        {
            "before": [],
            "after": [{"words": [["at"]]}, {"actor": "skip"}, {"actor": "target"}],
            "cameo": "043",
        },
    ]
    # the preposition-only pattern is also the phrasal entry it always was
    assert rows["welcome against"]["cameo"] == "122"


def test_an_actor_no_dictionary_codes_is_not_coded_in_eval():
    """CAMEO needs a code on both sides: "Jonas Pemberton" (no gazetteer, no
    dictionary) gives no "FRA --- 111", as a dictionary coder gives none."""
    records = (
        Record("a", "France criticized Jonas Pemberton."),
        Record(
            "b", "France criticized Germany.", events=(CodedEvent("FRA", "DEU", "111"),)
        ),
    )
    report = run(Suite("unknown", "events", records, "unknown.json"))
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 0, 0)


def test_an_inflected_headword_keeps_its_own_code_on_the_lemmas_row(tmp_path):
    text = "--- LEAVE [012] ---\nLEAVE\n\n--- LEFT [042:043] ---\nLEFT\n"
    rows = lexicon_rows(
        read_verb_dictionary(write(tmp_path, text)),
        lemmatize=lambda word: {"left": "leave"}.get(word, word),
        root_types={"01": None, "04": "CONSULT"},
    ).rows
    rows = [r for r in rows if r["lemma"] == "leave"]  # not "leaves", "leaving"...
    assert [(r["lemma"], r["cameo"], r.get("forms")) for r in rows] == [
        (
            "leave",
            "012",
            [
                {
                    "form": "left",
                    "cameo": "042",
                    "type": "CONSULT",
                    "reverse_cameo": "043",
                }
            ],
        )
    ]


def test_dictionary_headwords_meet_the_parsers_lemmas(nlp):
    """Out of context the lemmatizer's rules read "express" as a third person; a
    verb it knows by that lemma stays itself, an irregular form still resolves."""
    from kgextract.eval.suites import _verb_lemmatizer

    lemma = _verb_lemmatizer(nlp)
    words = ["express", "discuss", "said", "saw", "left", "held", "broke"]
    assert [lemma(w.upper()) for w in words] == [
        "express",
        "discuss",
        "say",
        "see",
        "leave",
        "hold",
        "break",
    ]


ONTOLOGY = """\
# PETRARCH Internal Coding Ontology (PICO) -->
010:0x1000#Make Public Statement
011:0x1000-0xFFFF
050:0x0080#DiplomaticCoop
057:0x0087
110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove
120:-0xFFFF#Reject
170:0x10086#0x0087+0xFFFF#0x9000#Coerce
190:0x00A0#Fight
"""


def test_a_coding_ontology_turns_a_negated_code_over(tmp_path):
    """UD-PETRARCH's ontology: a code carrying the 0xFFFF term is another negated
    (to disapprove is not to cooperate), so negating it gives the other back; a
    code without its negation in the ontology gives none."""
    path = tmp_path / "ontology.txt"
    path.write_text(ONTOLOGY)
    ontology = read_coding_ontology(path)
    assert ontology["110"] == 0xFFFF + 0x80
    assert ontology["120"] == -0xFFFF
    assert negated_code("110", ontology) == "050"
    assert negated_code("010", ontology) == "011"
    assert negated_code("011", ontology) == "010"
    assert negated_code("190", ontology) is None
    assert negated_code("999", ontology) is None


def test_a_coding_ontology_without_codes_is_refused_with_its_name(tmp_path):
    path = tmp_path / "ontology.txt"
    path.write_text("# only comments\n")
    with pytest.raises(InputError, match="ontology.txt: no codes"):
        read_coding_ontology(path)


def test_a_negated_event_is_coded_through_the_suites_ontology_in_eval(tmp_path):
    """With an ontology (UD-PETRARCH's), "did not pressure" is coded as the
    ontology's negation of coercion, 170 (057, a cooperation), as that coder codes
    it; without one a negated event codes nothing."""
    path = tmp_path / "ontology.txt"
    path.write_text(ONTOLOGY)
    records = (
        Record(
            "a",
            "France did not pressure Germany.",
            events=(CodedEvent("FRA", "DEU", "057"),),
        ),
    )
    with_ontology = run(Suite("neg", "events", records, "neg.json", ontology=(path,)))
    assert (with_ontology.overall.tp, with_ontology.overall.fp) == (1, 0)
    without = run(Suite("neg", "events", records, "neg.json"))
    assert (without.overall.tp, without.overall.fp, without.overall.fn) == (0, 0, 1)


def test_records_that_share_an_id_are_scored_apart(tmp_path):
    """Validation files reuse an id for two sentences; each keeps its own gold and
    its own predictions ("X-1", "X-1#2"), so neither is scored against the other."""
    path = tmp_path / "records.xml"
    path.write_text(
        "<Sentences>\n"
        '<Sentence id="X-1" date="20240101">\n'
        '<EventCoding eventcode="111" sourcecode="FRA" targetcode="DEU" />\n'
        "<Text>France criticized Germany.</Text>\n</Sentence>\n"
        '<Sentence id="X-1" date="20240101">\n'
        '<EventCoding noevents="True" />\n'
        "<Text>France met reporters.</Text>\n</Sentence>\n"
        "</Sentences>\n"
    )
    records = read_petrarch_records(path)
    assert [(r.id, len(r.events)) for r in records] == [("X-1", 1), ("X-1#2", 0)]
    report = run(Suite("ids", "events", tuple(records), str(path)))
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 0, 0)


def test_joined_pattern_words_are_one_element(tmp_path):
    """ "- DEATH_TOTAL * [224]": "_" joins words one right after the other, so
    "death total" is one element of the pattern, before the verb."""
    verbs = write(tmp_path, "--- RISEN [---] ---\nRISE\n- DEATH_TOTAL * [224]\n")
    (pattern,) = read_verb_dictionary(verbs).verbs[0].patterns
    assert pattern.before == ("DEATH_TOTAL",)
