"""clean_body: what agencies and sites wrap around a story goes; the story stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgextract.readers.boilerplate import clean_body, is_subhead, load_rules

RULES_FILE = Path(__file__).parents[1] / "kgextract" / "rules" / "boilerplate.json"
RULES = json.loads(RULES_FILE.read_text(encoding="utf-8"))

STORY = "Sweden pledged two surveillance aircraft to Ukraine on Wednesday."
MORE = "The package is worth 13.3 billion crowns, the government said."


@pytest.mark.parametrize(
    "text, expected",
    [
        # datelines: only at the start of the first paragraph
        (f"(Bloomberg) -- {STORY}", STORY),
        (f"WASHINGTON (Reuters) - {STORY}", STORY),
        (f"LONDON (AP) — {STORY}", STORY),
        (f"KYIV, Ukraine, May 3 (Reuters) - {STORY}", STORY),
        (f"{STORY}\n\nLONDON (AP) — {MORE}", f"{STORY}\n\nLONDON (AP) — {MORE}"),
        # credits and bylines
        (f"By Jane Doe\n\n{STORY}", STORY),
        (f"{STORY}\n\n--With assistance from Jane Doe and John Roe.", STORY),
        (f"{STORY}\n\n(Reporting by Jane Doe; Editing by John Roe)", STORY),
        (f"{STORY}\n\nAlex Isenstadt contributed to this report.", STORY),
        # boxes, notes, prompts
        (f"{STORY}\n\nMost Read from Bloomberg\n\n{MORE}", f"{STORY}\n\n{MORE}"),
        (f"{STORY}\n\nTop Stories\n\nStorm hits the coast\n\nMarkets rally", STORY),
        (f"{STORY}\n\n(Updates with minister's comment in third paragraph.)", STORY),
        (f"{STORY}\n\n©2024 Bloomberg L.P.", STORY),
        (
            f"{STORY}\n\nCopyright 2019 The Associated Press. All rights reserved.",
            STORY,
        ),
        (
            f"{STORY}\n\nAlso on rt.com\n\nBolivia purges socialist elements\n\n{MORE}",
            f"{STORY}\n\n{MORE}",
        ),
        (f"{STORY}\n\nRead more: Who is Julian Assange?", STORY),
        (f"{STORY}\n\nSign up for our daily newsletter", STORY),
        (f"{STORY}\n\nLike this story? Share it with a friend!", STORY),
        (f"{STORY}\n\nFollow us on Twitter", STORY),
        (f"{STORY}\n\nContinue reading...", STORY),
        (f"November 20, 2019 - 11:28 AMT\n\n{STORY}", STORY),
        # section sub-heads between paragraphs
        (f"{STORY}\n\nCrimea Strikes\n\n{MORE}", f"{STORY}\n\n{MORE}"),
        (f"{STORY}\n\nScaling Down Costs\n\n{MORE}", f"{STORY}\n\n{MORE}"),
        (f"{STORY}\n\nWHAT HAPPENS NEXT\n\n{MORE}", f"{STORY}\n\n{MORE}"),
        # layout: wrapped lines joined, paragraphs kept apart, invisible characters out
        (
            "Sweden pledged\ntwo aircraft.\n\n\n\nIt is   the largest.",
            "Sweden pledged two aircraft.\n\nIt is the largest.",
        ),
        ("  Zero\u200bwidth and soft\u00adhyphen.  ", "Zerowidth and softhyphen."),
        ("", ""),
    ],
)
def test_clean_body(text, expected):
    assert clean_body(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # short real paragraphs and quotes are news, not boilerplate
        f"{STORY}\n\nThank you.\n\n{MORE}",
        f"{STORY}\n\n“We will stand by Ukraine”\n\n{MORE}",
        f"{STORY}\n\nBut not everyone agreed\n\n{MORE}",  # not Title Case
        f"{STORY}\n\nWhat Happens Next?\n\n{MORE}",  # final punctuation
        f"{STORY}\n\nBy Friday, the talks had collapsed.",
        f"{STORY}\n\nReporting by the Times found that the mayor lied.",
        f"{STORY}\n\nCopyright holders objected to the plan, which passed in 2019.",
        f"{STORY}\n\nShare prices fell by 4% on Monday.",
        f"Ukraine (Bloomberg said) -- {STORY}",
        "NATO — the alliance — met on Tuesday.",
        "Crimea Strikes",  # a one-line text: its only paragraph, not between two
    ],
)
def test_clean_body_keeps_look_alikes(text):
    assert clean_body(text) == text


def test_subhead_must_follow_a_finished_paragraph_and_precede_a_longer_one():
    assert is_subhead("Crimea Strikes", STORY, MORE)
    assert not is_subhead("Crimea Strikes", "Air Defence", MORE)
    assert not is_subhead("Crimea Strikes", STORY, "Kyiv Responds")
    nine_words = "Allies Back Arms and Advisers Going Deeper Into War"
    assert not is_subhead(nine_words, STORY, MORE + " " + MORE)


@pytest.mark.parametrize(
    "rule", RULES["rules"], ids=[rule["name"] for rule in RULES["rules"]]
)
def test_each_rule_removes_its_examples_and_keeps_its_look_alikes(rule):
    """The examples in the rule file are part of the specification."""
    assert rule["examples"], "every rule shows what it removes"
    for example in rule["examples"]:
        cleaned = clean_body(example)
        if rule["kind"] == "dateline":
            assert cleaned and cleaned != example and example.endswith(cleaned)
        else:
            assert cleaned == "", example
    for look_alike in rule["keep"]:
        assert clean_body(look_alike) == look_alike


def test_rule_file_names_its_source():
    assert "kgextract" in RULES["_comment"] and "MIT" in RULES["_comment"]


def test_broken_rule_file_is_refused_naming_the_rule(tmp_path):
    broken = dict(
        RULES, rules=[{"name": "oops", "kind": "drop", "pattern": "(unclosed"}]
    )
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValueError, match="'oops'"):
        load_rules(path)


BOILERPLATE = st.sampled_from(
    [
        "(Bloomberg) -- ",
        "Most Read from Bloomberg",
        "Crimea Strikes",
        "©2024 Bloomberg L.P.",
        "By Jane Doe",
        "(Updates with quote.)",
        "--With assistance from Jane Doe.",
        STORY,
        MORE,
        "\n",
        "\n\n",
        " ",
        "\u200b",
    ]
)
TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(BOILERPLATE, st.text(max_size=20)), max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_clean_body_is_idempotent_and_well_formed(text):
    cleaned = clean_body(text)
    assert clean_body(cleaned) == cleaned
    assert cleaned == cleaned.strip()
    for paragraph in cleaned.split("\n\n"):
        assert paragraph == " ".join(paragraph.split()), "one space between words"
