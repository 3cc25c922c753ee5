"""Who acts for whom, on which day: dated offices and memberships, the state each
actor belongs to, and the dictionary actors generated from Phoenix/PETRARCH2."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgextract.knowledge.gazetteer import (
    ACTOR_FILE,
    ACTOR_INDEX_FILE,
    AGENT_FILE,
    ENTITY_FILES,
    RULES_DIR,
    SECTOR_FILE,
    load_gazetteer,
    read_jsonl,
)

from .conftest import shared_data

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def key_of(gazetteer, name: str, date: str | None = None) -> str:
    entry = gazetteer.actor(name, date)
    assert entry is not None, name
    return entry.key


# -- the generated files ---------------------------------------------------------------


def test_generated_files_are_what_the_builder_makes_from_the_dictionaries():
    source = shared_data("petrarch2_dictionaries")
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_actors.py"),
            "--check",
            "--source",
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", [ACTOR_FILE, AGENT_FILE])
def test_generated_files_name_their_source_commit_and_licence(name):
    first = json.loads((RULES_DIR / name).read_text(encoding="utf-8").split("\n", 1)[0])
    assert "Phoenix/PETRARCH2" in first["_comment"]
    assert "676801cd9cb2924bbbad09f86d15c9323e7097bf" in first["_comment"]
    assert "MIT" in first["_comment"]


def test_actor_lines_are_sorted_keys_with_a_dot_and_the_index_names_only_them():
    """The loader bisects the sorted lines, and reads keys by their dot: a key a
    text mints ("person:john-smith") can never reach a dictionary actor."""
    lines = (RULES_DIR / ACTOR_FILE).read_text(encoding="utf-8").splitlines()[1:]
    assert lines == sorted(lines)
    keys = [json.loads(line)["key"] for line in lines]
    assert len(keys) > 20_000
    assert all(line.startswith('{"key":') for line in lines)
    assert all("." in key.partition(":")[2] for key in keys)
    index = (RULES_DIR / ACTOR_INDEX_FILE).read_text(encoding="utf-8").splitlines()
    indexed = {key for line in index[1:] for key in line.split("\t")[1].split(" ")}
    assert indexed == set(keys)


def test_loading_the_gazetteer_leaves_the_dictionary_unread_and_stays_fast():
    load_gazetteer.cache_clear()
    start = time.perf_counter()
    gazetteer = load_gazetteer()
    loaded = time.perf_counter() - start
    assert gazetteer._actors is None  # read on first use, not by every ingest
    start = time.perf_counter()
    gazetteer.actor("Brian Chituwo")
    first_use = time.perf_counter() - start
    assert loaded < 1.0 and first_use < 1.0  # ~70 ms and ~50 ms here; loose for CI


def test_readme_describes_the_generated_files_and_the_sectors():
    readme = (RULES_DIR / "README.md").read_text(encoding="utf-8")
    for name in (ACTOR_FILE, ACTOR_INDEX_FILE, AGENT_FILE, SECTOR_FILE):
        assert name in readme


def test_the_gazetteer_still_pickles_and_rereads_the_dictionary(gazetteer):
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.actor("Brian Chituwo").country == "country:ZMB"


def test_dictionary_people_are_never_entity_ruler_phrases(gazetteer):
    assert gazetteer.actor("Brian Chituwo") is not None
    assert not any("." in e.key.partition(":")[2] for _, e, _ in gazetteer.phrases())
    assert gazetteer.lookup("Brian Chituwo") is None  # curated lookup: unchanged


# -- offices, on a date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, date, state",
    [
        ("Tony Blair", "2005-03-01", "country:GBR"),
        ("Tony Blair", "2010-01-01", None),  # former Prime Minister
        ("Tony Blair", "1996-01-01", None),  # Leader of the Opposition
        ("Gordon Brown", "2005-03-01", "country:GBR"),  # Chancellor
        ("Gordon Brown", "2009-01-01", "country:GBR"),  # Prime Minister
        ("Jack Straw", "2005-03-01", "country:GBR"),  # Foreign Secretary
        ("Jack Straw", "2006-09-01", "country:GBR"),  # Leader of the House: cabinet
        ("John Prescott", "2005-03-01", "country:GBR"),
        ("Alan Milburn", "2005-03-01", "country:GBR"),  # Duchy of Lancaster
        ("Alan Milburn", "2006-01-01", None),  # backbencher
        ("Michael Howard", "2005-03-01", None),  # opposition
        ("Michael Howard", "1995-01-01", "country:GBR"),  # Home Secretary
        ("Charles Kennedy", "2005-03-01", None),  # party leader
        ("Liam Fox", "2005-03-01", None),  # party co-chairman
        ("Liam Fox", "2007-01-01", None),  # shadow cabinet
        ("Liam Fox", "2011-01-01", "country:GBR"),  # Defence Secretary
        ("Peter Mandelson", "2005-03-01", "org:european-commission"),  # EU office
        ("Peter Mandelson", "2009-06-01", "country:GBR"),  # Business Secretary
        ("Robert Kilroy-Silk", "2005-03-01", None),  # MEP, party leader
        ("Kofi Annan", "2005-03-01", "org:un"),
        # from the dictionaries
        ("Brian Chituwo", "2005-01-01", "country:ZMB"),
        ("Brian Chituwo", "2002-01-01", None),  # before his first office
        ("Karolos Papoulias", "2000-01-01", None),  # elite, no office
        ("Karolos Papoulias", "2006-01-01", "country:GRC"),  # President
        ("Geoffrey Hoon", "2004-06-01", "country:GBR"),
        ("Carol Bellamy", "2000-01-01", "org:unicef"),  # an IGO official: the IGO's
        ("Carol Bellamy", "2006-01-01", None),
    ],
)
def test_office_held_on_the_date_says_whom_a_person_acts_for(
    gazetteer, name, date, state
):
    key = key_of(gazetteer, name)
    office = gazetteer.office_on(key, date)
    assert (office.state if office else None) == state
    assert gazetteer.acts_for(key, date) == state


@pytest.mark.parametrize(
    "name, date, memberships",
    [
        (
            "Michael Howard",
            "2005-03-01",
            {("OPP", "country:GBR"), ("PTY", "country:GBR")},
        ),
        ("Charles Kennedy", "2005-03-01", {("PTY", "country:GBR")}),
        ("Gordon Brown", "2005-03-01", {("PTY", "country:GBR")}),  # member of Labour
        (
            "Robert Kilroy-Silk",
            "2005-01-10",  # still UKIP
            {("PTY", "country:GBR"), ("LEG", "org:european-parliament")},
        ),
        ("Tony Blair", "2010-01-01", {("PTY", "country:GBR")}),
        ("Karolos Papoulias", "2000-01-01", {("ELI", "country:GRC")}),
    ],
)
def test_memberships_place_a_person_but_are_not_offices(
    gazetteer, name, date, memberships
):
    key = key_of(gazetteer, name)
    held = gazetteer.memberships_on(key, date)
    assert {(m.sector, m.state) for m in held} == memberships
    assert not any(m.is_office for m in held)


def test_kilroy_silk_left_ukip_for_veritas_in_2005(gazetteer):
    key = key_of(gazetteer, "Robert Kilroy-Silk")
    parties = [
        m.org for m in gazetteer.memberships_on(key, "2005-01-10") if m.sector == "PTY"
    ]
    assert parties == ["org:ukip"]
    parties = [
        m.org for m in gazetteer.memberships_on(key, "2005-03-01") if m.sector == "PTY"
    ]
    assert parties == ["org:veritas"]


def test_a_date_must_be_a_day():
    with pytest.raises(ValueError, match=r"^date must be YYYY-MM-DD, not '2005'$"):
        load_gazetteer().office_on("person:tony-blair", "2005")


def test_an_unknown_key_holds_nothing(gazetteer):
    assert gazetteer.office_on("person:john-smith", "2005-01-01") is None
    assert gazetteer.memberships_on("person:john-smith", "2005-01-01") == ()
    assert gazetteer.acts_for("person:john-smith", "2005-01-01") is None
    assert gazetteer.state_of("person:john-smith") is None


# -- states of bodies and groups -------------------------------------------------------


@pytest.mark.parametrize(
    "name, state, is_state_body",
    [
        ("GCHQ", "country:GBR", True),
        ("Home Office", "country:GBR", True),
        ("Bank of England", "country:GBR", True),
        ("US State Department", "country:USA", True),
        ("Royal Navy", "country:GBR", True),  # dictionary: GBRMIL
        ("Labour Party", "country:GBR", False),
        ("House of Commons", "country:GBR", False),  # legislators speak for themselves
        ("US Congress", "country:USA", False),
        ("US Supreme Court", "country:USA", False),
        ("BBC", "country:GBR", False),
        ("BP", "country:GBR", False),
        ("Hamas", "country:PSE", False),
        ("Free Syrian Army", "country:SYR", False),  # dictionary: SYRREB
        ("United Nations", None, False),
    ],
)
def test_bodies_belong_to_a_state_but_only_its_organs_act_for_it(
    gazetteer, name, state, is_state_body
):
    key = key_of(gazetteer, name)
    assert gazetteer.state_of(key) == state
    assert gazetteer.is_state_body(key, "2005-01-01") is is_state_body
    expected = state if is_state_body else None
    if key.startswith("org:") and gazetteer.entry(key).is_igo:
        expected = key  # an IGO acts for itself
    assert gazetteer.acts_for(key, "2005-01-01") == expected
    assert gazetteer.office_on(key, "2005-01-01") is None  # bodies hold no office


def test_a_group_has_a_state_it_belongs_to_but_no_office(gazetteer):
    key = key_of(gazetteer, "Free Syrian Army")
    assert gazetteer.entry(key).sector == "REB"
    assert gazetteer.state_of(key) == "country:SYR"
    assert gazetteer.acts_for(key, "2013-01-01") is None


def test_dated_roles_of_a_body_change_its_sector_and_state(gazetteer):
    taliban = key_of(gazetteer, "Taliban")
    assert not gazetteer.is_state_body(taliban, "2005-01-01")
    assert gazetteer.acts_for(taliban, "2022-01-01") == "country:AFG"
    spla = "org:sudan-peoples-liberation-army.ssd"
    assert gazetteer.state_of(spla, "2005-01-01") == "country:SDN"  # SDNREB
    assert gazetteer.state_of(spla, "2012-01-01") == "country:SSD"  # SSDMIL
    assert gazetteer.is_state_body(spla, "2012-01-01")


def test_every_curated_body_with_a_state_has_a_sector_and_every_role_one(gazetteer):
    sectors = json.loads((RULES_DIR / SECTOR_FILE).read_text(encoding="utf-8"))
    known = set(sectors["office"]) | set(sectors["membership"])
    for entry in gazetteer.entries():
        if entry.type == "Organization" and entry.country:
            assert entry.sector in known, entry.key
        for role in entry.roles:
            start = role.start or role.end or "2000-01-01"
            day = (start + "-01-01")[:10]
            placed = [
                p for p in gazetteer.positions_on(entry.key, day) if p.role == role.role
            ]
            assert placed and placed[0].sector in known, (entry.key, role)


# -- names: the curated files win, shared names are ambiguous --------------------------


def test_the_curated_entry_wins_over_its_dictionary_record(gazetteer):
    assert key_of(gazetteer, "Tony Blair") == "person:tony-blair"
    assert [e.key for e in gazetteer.actors("Tony Blair")] == ["person:tony-blair"]
    assert [e.key for e in gazetteer.actors("Kofi Annan")] == ["person:kofi-annan"]


def test_no_dictionary_record_repeats_a_curated_actor_of_its_type_and_state(gazetteer):
    """Spot checks of the build's merge: these are in the dictionaries too."""
    for name in ("Gordon Brown", "Jack Straw", "GCHQ", "NATO", "Hamid Karzai"):
        assert len(gazetteer.actors(name)) == 1, name


def test_a_name_two_dictionary_people_share_resolves_only_by_date(gazetteer):
    """Salva Kiir is listed for Sudan (from 2005) and South Sudan (from 2011)."""
    assert gazetteer.actor("Salva Kiir") is None
    assert len(gazetteer.actors("Salva Kiir")) == 2
    assert gazetteer.actor("Salva Kiir", "2008-01-01").country == "country:SDN"
    assert gazetteer.actor("Salva Kiir", "2012-01-01") is None  # both in office


@pytest.mark.parametrize(
    "name",
    ["Patrick McLoughlin", "Muhammad al-Baradei", "Margrethe II", "Geoffrey Hoon"],
)
def test_dictionary_names_are_written_as_news_writes_them(gazetteer, name):
    assert gazetteer.actor(name).name == name


@pytest.mark.parametrize(
    "text", ["us", "Prime Minister", "Kosovar Prime Minister", "Senate", "Elizabeth"]
)
def test_descriptions_common_words_and_lone_names_are_no_actors(gazetteer, text):
    assert gazetteer.actor(text) is None


# -- agent nouns -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "noun, sector, is_office",
    [
        ("troops", "MIL", True),
        ("troop", "MIL", True),
        ("Foreign Minister", "GOV", True),
        ("ambassador", "GOV", True),
        ("police", "COP", True),
        ("lawmakers", "LEG", False),
        ("rebels", "REB", False),
        ("opposition leader", "OPP", False),
    ],
)
def test_agent_nouns_carry_their_sector(gazetteer, noun, sector, is_office):
    agent = gazetteer.agent(noun)
    assert (agent.sector, agent.is_office) == (sector, is_office)


def test_an_unknown_noun_is_no_agent(gazetteer):
    assert gazetteer.agent("sandwich") is None


# -- curated files still stand on their own --------------------------------------------


def test_curated_people_keep_country_as_home_not_as_office(gazetteer):
    """Howard is British, and still no office of Britain in 2005."""
    howard = gazetteer.lookup("Michael Howard")
    assert howard.country == "country:GBR"
    assert gazetteer.office_on(howard.key, "2005-03-01") is None


def test_curated_files_do_not_reference_generated_keys():
    for name in ENTITY_FILES:
        for number, obj in read_jsonl(RULES_DIR / name):
            assert "." not in obj["key"].partition(":")[2], f"{name}:{number}"
