"""The gazetteers: curated names, demonyms, seats and currencies, and their loader."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from kgextract.errors import InputError, KgExtractError
from kgextract.knowledge.gazetteer import (
    ENTITY_FILES,
    ENTRY_TYPES,
    KEY_PREFIXES,
    PHRASE_KINDS,
    RULES_DIR,
    load_gazetteer,
    normalize,
    read_jsonl,
)

REPO = Path(__file__).resolve().parents[1]
DATA_FILES = (*ENTITY_FILES, "currencies.jsonl")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def key_of(entry):
    return entry.key if entry is not None else None


# -- the files ------------------------------------------------------------------------


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_line_is_one_json_object(name):
    lines = (RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    assert lines, name
    for number, line in enumerate(lines, start=1):
        obj = json.loads(line)
        assert isinstance(obj, dict), f"{name}:{number}"
    assert "_comment" in json.loads(lines[0]), f"{name} must say its source and licence"


def test_keys_are_unique_across_files_and_prefixed_by_type():
    keys = Counter()
    for name in ENTITY_FILES:
        for number, obj in read_jsonl(RULES_DIR / name):
            keys[obj["key"]] += 1
            assert obj["type"] in ENTRY_TYPES, f"{name}:{number}"
            assert obj["key"].startswith(KEY_PREFIXES[obj["type"]]), f"{name}:{number}"
    assert [key for key, count in keys.items() if count > 1] == []


def test_readme_describes_every_file():
    readme = (RULES_DIR / "README.md").read_text(encoding="utf-8")
    for name in (*DATA_FILES, "countries_overrides.json"):
        assert name in readme


def test_pycountry_imports_and_every_iso_country_is_in_the_gazetteer(gazetteer):
    codes = {country.alpha_3 for country in pycountry.countries}
    assert len(codes) >= 249
    for code in codes:
        entry = gazetteer.entry(f"country:{code}")
        assert entry is not None, code
        assert ("iso3166-1-alpha-3", code) in entry.ids


def test_countries_file_is_what_the_generator_builds():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_countries.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_loading_everything_is_fast():
    load_gazetteer.cache_clear()
    start = time.perf_counter()
    load_gazetteer()
    assert time.perf_counter() - start < 1.0  # ~60 ms here; loose against CI noise


# -- consistency: no surface form silently names two things ---------------------------


def test_every_name_and_alias_resolves_back_to_its_own_entry(gazetteer):
    wrong = [
        (form, entry.key, key_of(gazetteer.lookup(form)))
        for form, entry, kind in gazetteer.phrases()
        if kind in ("name", "alias") and gazetteer.lookup(form) is not entry
    ]
    assert wrong == []


def test_names_in_capitals_resolve_to_the_same_entry(gazetteer):
    """A headline in capitals ("UKRAINE") is case-folded; no two entries may meet
    there either, acronyms apart ("US" is never "Us")."""
    wrong = []
    for form, entry, kind in gazetteer.phrases():
        if kind in ("name", "alias") and gazetteer.lookup(form.upper()) not in (
            entry,
            None,
        ):
            wrong.append((form, entry.key, gazetteer.lookup(form.upper()).key))
    assert wrong == []


def test_every_demonym_names_exactly_one_entry(gazetteer):
    wrong = [
        (form, entry.key)
        for form, entry, kind in gazetteer.phrases()
        if kind == "demonym" and gazetteer.demonym(form) is not entry
    ]
    assert wrong == []


def test_every_seat_and_capital_stands_for_exactly_one_entry(gazetteer):
    wrong = [
        (form, entry.key, key_of(gazetteer.seat(form)))
        for form, entry, kind in gazetteer.phrases()
        if kind in ("seat", "capital") and gazetteer.seat(form) is not entry
    ]
    assert wrong == []


def test_declared_ambiguous_aliases_resolve_to_nothing_but_have_candidates():
    declared = []
    for name in ENTITY_FILES:
        for _, obj in read_jsonl(RULES_DIR / name):
            for alias in obj.get("aliases", []):
                if isinstance(alias, dict) and alias.get("ambiguous"):
                    declared.append((alias["name"], obj["key"]))
    assert ("Congo", "country:COD") in declared
    gazetteer = load_gazetteer()
    for form, key in declared:
        assert gazetteer.lookup(form) is None, form
        assert key in [entry.key for entry in gazetteer.candidates(form)], form


def test_every_referenced_key_exists(gazetteer):
    missing = []
    for entry in gazetteer.entries():
        for key in (entry.country, entry.party, *(r.org_key for r in entry.roles)):
            if key is not None and gazetteer.entry(key) is None:
                missing.append((entry.key, key))
    assert missing == []


def test_every_person_belongs_to_a_country(gazetteer):
    people = [e for e in gazetteer.entries() if e.type == "Person"]
    assert len(people) >= 300
    for person in people:
        assert person.country and person.country.startswith("country:"), person.key
        assert gazetteer.entry(person.country).type == "Country", person.key


def test_role_dates_are_ordered(gazetteer):
    for entry in gazetteer.entries():
        for role in entry.roles:
            if role.start and role.end:
                assert role.start <= role.end, (entry.key, role)


def test_phrase_kinds_are_the_documented_ones(gazetteer):
    kinds = {kind for _, _, kind in gazetteer.phrases()}
    assert kinds == set(PHRASE_KINDS)


# -- lookups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ("United States", "country:USA"),
        ("US", "country:USA"),
        ("U.S.", "country:USA"),
        ("USA", "country:USA"),
        ("America", "country:USA"),
        ("the United States", "country:USA"),
        ("United States of America", "country:USA"),
        ("U.S.'s", "country:USA"),
        ("UK", "country:GBR"),
        ("U.K.", "country:GBR"),
        ("Britain", "country:GBR"),
        ("Great Britain", "country:GBR"),
        ("Russia", "country:RUS"),
        ("Russian Federation", "country:RUS"),
        ("Russia’s", "country:RUS"),
        ("Iran", "country:IRN"),
        ("Syria", "country:SYR"),
        ("South Korea", "country:KOR"),
        ("North Korea", "country:PRK"),
        ("DPRK", "country:PRK"),
        ("Vietnam", "country:VNM"),
        ("Viet Nam", "country:VNM"),
        ("Bolivia", "country:BOL"),
        ("Venezuela", "country:VEN"),
        ("Tanzania", "country:TZA"),
        ("Moldova", "country:MDA"),
        ("Czech Republic", "country:CZE"),
        ("Czechia", "country:CZE"),
        ("Taiwan", "country:TWN"),
        ("Palestine", "country:PSE"),
        ("Ivory Coast", "country:CIV"),
        ("Côte d'Ivoire", "country:CIV"),
        ("Cote d’Ivoire", "country:CIV"),
        ("Laos", "country:LAO"),
        ("Turkey", "country:TUR"),
        ("Türkiye", "country:TUR"),
        ("Netherlands", "country:NLD"),
        ("the Netherlands", "country:NLD"),
        ("Holland", "country:NLD"),
        ("Democratic Republic of the Congo", "country:COD"),
        ("DRC", "country:COD"),
        ("Republic of the Congo", "country:COG"),
        ("Burma", "country:MMR"),
        ("Guinea-Bissau", "country:GNB"),
        ("Guinea Bissau", "country:GNB"),
        ("St Lucia", "country:LCA"),
        ("St. Lucia", "country:LCA"),
        ("UKRAINE", "country:UKR"),
        ("Ukraine", "country:UKR"),
        ("Hong Kong", "country:HKG"),
        ("NATO", "org:nato"),
        ("Nato", "org:nato"),
        ("North Atlantic Treaty Organization", "org:nato"),
        ("EU", "org:eu"),
        ("E.U.", "org:eu"),
        ("the European Union", "org:eu"),
        ("European Commission", "org:european-commission"),
        ("UN", "org:un"),
        ("U.N.", "org:un"),
        ("UN Security Council", "org:un-security-council"),
        ("WHO", "org:who"),
        ("World Health Organization", "org:who"),
        ("OPEC+", "org:opec-plus"),
        ("IMF", "org:imf"),
        ("G7", "org:g7"),
        ("Group of Seven", "org:g7"),
        ("Bundestag", "org:bundestag"),
        ("SBU", "org:sbu"),
        ("Tories", "org:conservative-party"),
        ("GOP", "org:republican-party"),
        ("Pentagon", "org:us-department-of-defense"),
        ("Bloomberg", "org:bloomberg"),
        ("Olaf Scholz", "person:olaf-scholz"),
        ("Scholz", "person:olaf-scholz"),
        ("Scholz's", "person:olaf-scholz"),
        ("Zelenskiy", "person:volodymyr-zelenskiy"),
        ("Zelensky", "person:volodymyr-zelenskiy"),
        ("Zelenskyy", "person:volodymyr-zelenskiy"),
        ("Zelenskyi", "person:volodymyr-zelenskiy"),
        ("Volodymyr Zelensky", "person:volodymyr-zelenskiy"),
        ("Erdogan", "person:recep-tayyip-erdogan"),
        ("Erdoğan", "person:recep-tayyip-erdogan"),
        ("Ingrida Simonyte", "person:ingrida-simonyte"),
        ("Ingrida Šimonytė", "person:ingrida-simonyte"),
        ("Steffen Hebestreit", "person:steffen-hebestreit"),
        ("von der Leyen", "person:ursula-von-der-leyen"),
        ("Gerhard Schröder", "person:gerhard-schroeder"),
        ("Ban Ki-moon", "person:ban-ki-moon"),
        ("Kilroy-Silk", "person:robert-kilroy-silk"),
        ("Hague", "person:william-hague"),
        ("The Hague", "place:the-hague"),
        ("the Hague", "place:the-hague"),
        ("Crimea", "place:crimea"),
        ("Donbass", "place:donbas"),
        ("Odessa", "place:odesa"),
        ("Zaporizhzhia", "place:zaporizhzhia"),
        ("Normandy", "place:normandy"),
        ("Gaza Strip", "place:gaza"),
        ("Kyiv", "place:kyiv"),
        ("Kiev", "place:kyiv"),
        ("Baltic region", "place:baltic-region"),
        ("Middle East", "place:middle-east"),
        ("Kosovo", "place:kosovo"),
    ],
)
def test_lookup_resolves_names_and_their_variants(gazetteer, text, key):
    assert key_of(gazetteer.lookup(text)) == key


@pytest.mark.parametrize(
    "text",
    ["us", "who", "Who", "Us", "china", "turkey", "may", "", "  ", "Congo", "Korea"],
)
def test_lookup_refuses_common_words_and_ambiguous_names(gazetteer, text):
    assert gazetteer.lookup(text) is None


def test_every_regular_plural_demonym_has_its_singular():
    """ "a Georgian court": a country whose overrides give only "-ans" still has
    the adjective; "Swiss" and "Seychellois" are their own singular."""
    import json

    countries = REPO / "kgextract" / "rules" / "countries.jsonl"
    for line in countries.read_text(encoding="utf-8").splitlines()[1:]:
        record = json.loads(line)
        names = [
            d if isinstance(d, str) else d["name"] for d in record.get("demonyms", [])
        ]
        for name in names:
            if name.endswith("ans"):
                assert name[:-1] in names, record["key"]


@pytest.mark.parametrize(
    "name, code",
    [
        ("ISIL", "IMGMUSISI"),
        ("al-Qaeda", "IMGMUSALQ"),
        ("Hamas", "PSEREBHMS"),
        ("Taliban", "AFGREB"),
        ("Boko Haram", "NGAREB"),
    ],
)
def test_non_state_armed_groups_carry_their_phoenix_cameo_code(gazetteer, name, code):
    assert ("cameo", code) in gazetteer.lookup(name).ids


def test_ambiguous_name_lists_its_candidates(gazetteer):
    keys = {entry.key for entry in gazetteer.candidates("Congo")}
    assert keys == {"country:COD", "country:COG"}


def test_entries_carry_types_ids_and_flags(gazetteer):
    ukraine = gazetteer.lookup("Ukraine")
    assert ukraine.type == "Country"
    assert ukraine.name == "Ukraine"
    assert ("iso3166-1-alpha-2", "UA") in ukraine.ids
    assert ("iso3166-1-numeric", "804") in ukraine.ids
    assert ukraine.country is None
    assert gazetteer.lookup("Hong Kong").country == "country:CHN"
    assert gazetteer.lookup("NATO").is_igo
    assert not gazetteer.lookup("NATO").is_publisher
    assert gazetteer.lookup("Reuters").is_publisher
    assert gazetteer.lookup("Bloomberg Television").is_publisher
    assert gazetteer.lookup("SBU").country == "country:UKR"
    assert gazetteer.lookup("Crimea").country == "country:UKR"
    assert gazetteer.lookup("Kyiv").type == "Place"
    assert gazetteer.lookup("Kyiv").country == "country:UKR"


# -- demonyms and seats ---------------------------------------------------------------


@pytest.mark.parametrize(
    "word, key",
    [
        ("Ukrainian", "country:UKR"),
        ("Ukrainians", "country:UKR"),
        ("British", "country:GBR"),
        ("Britons", "country:GBR"),
        ("American", "country:USA"),
        ("Americans", "country:USA"),
        ("Swiss", "country:CHE"),
        ("Dutch", "country:NLD"),
        ("French", "country:FRA"),
        ("Russian", "country:RUS"),
        ("Lithuanian", "country:LTU"),
        ("Estonia's", None),
        ("South Korean", "country:KOR"),
        ("North Koreans", "country:PRK"),
        ("Korean", None),
        ("Congolese", None),
        ("ukrainian", None),
        ("Palestinians", "country:PSE"),
        # the overrides list only "Georgians": the generator adds the adjective
        ("Georgian", "country:GEO"),
        ("Georgians", "country:GEO"),
        ("Scottish", "place:scotland"),
        ("European", "place:europe"),
    ],
)
def test_demonym_names_its_country(gazetteer, word, key):
    assert key_of(gazetteer.demonym(word)) == key


@pytest.mark.parametrize(
    "text, key",
    [
        ("Kremlin", "country:RUS"),
        ("the Kremlin", "country:RUS"),
        ("The Kremlin", "country:RUS"),
        ("Moscow", "country:RUS"),
        ("Kyiv", "country:UKR"),
        ("Kiev", "country:UKR"),
        ("Kyiv’s", "country:UKR"),
        ("Bankova", "country:UKR"),
        ("White House", "country:USA"),
        ("Washington", "country:USA"),
        ("Pentagon", "org:us-department-of-defense"),
        ("Foggy Bottom", "org:us-state-department"),
        ("Downing Street", "country:GBR"),
        ("No 10", "country:GBR"),
        ("Whitehall", "country:GBR"),
        ("Élysée", "country:FRA"),
        ("Elysee", "country:FRA"),
        ("Quai d'Orsay", "country:FRA"),
        ("Zhongnanhai", "country:CHN"),
        ("Beijing", "country:CHN"),
        ("Peking", "country:CHN"),
        ("Blue House", "country:KOR"),
        ("Berlaymont", "org:european-commission"),
        ("Langley", "org:cia"),
        ("Brussels", None),
        ("Prague", "country:CZE"),
        ("Ottawa", "country:CAN"),
        ("Normandy", None),
    ],
)
def test_seat_gives_the_state_or_body_it_stands_for(gazetteer, text, key):
    assert key_of(gazetteer.seat(text)) == key


def test_brussels_is_the_eu_only_when_ambiguity_is_allowed(gazetteer):
    assert gazetteer.seat("Brussels") is None
    assert gazetteer.seat("Brussels", allow_ambiguous=True).key == "org:eu"
    keys = [entry.key for entry in gazetteer.seat_candidates("Brussels")]
    assert keys[0] == "org:eu"
    assert "country:BEL" in keys
    assert gazetteer.lookup("Brussels").key == "place:brussels"


def test_phrases_offer_patterns_for_every_kind(gazetteer):
    phrases = {(form, entry.key, kind) for form, entry, kind in gazetteer.phrases()}
    assert ("Ukraine", "country:UKR", "name") in phrases
    assert ("Kiev", "country:UKR", "capital") in phrases
    assert ("Kyiv", "place:kyiv", "name") in phrases
    assert ("Ukrainians", "country:UKR", "demonym") in phrases
    assert ("Kremlin", "country:RUS", "seat") in phrases
    assert ("Zelenskiy", "person:volodymyr-zelenskiy", "alias") in phrases
    assert not any(
        form == "Brussels" and kind == "capital" for form, _, kind in phrases
    )
    assert not any(form == "Congo" for form, _, _ in phrases)


# -- people ---------------------------------------------------------------------------

REQUIRED_PEOPLE = [
    "Joe Biden",
    "Olaf Scholz",
    "Emmanuel Macron",
    "Volodymyr Zelenskiy",
    "Antony Blinken",
    "Ingrida Simonyte",
    "Vladimir Putin",
    "Steffen Hebestreit",
    "Kaja Kallas",
    "Jens Stoltenberg",
    "Mark Rutte",
    "Ursula von der Leyen",
    "Rishi Sunak",
    "Keir Starmer",
    "Donald Trump",
    "Xi Jinping",
    "Narendra Modi",
    "Recep Tayyip Erdogan",
    "Benjamin Netanyahu",
    "Tony Blair",
    "Gordon Brown",
    "Michael Howard",
    "Charles Kennedy",
    "Jack Straw",
    "George W. Bush",
    "Jacques Chirac",
    "Gerhard Schroeder",
    "Angela Merkel",
    "Kofi Annan",
    "Ban Ki-moon",
    "Antonio Guterres",
    "David Blunkett",
    "John Prescott",
    "Charles Clarke",
    "Patricia Hewitt",
    "Alan Milburn",
    "Peter Hain",
    "Robert Kilroy-Silk",
    "William Hague",
    "Iain Duncan Smith",
    "Oliver Letwin",
    "Menzies Campbell",
]


@pytest.mark.parametrize("name", REQUIRED_PEOPLE)
def test_required_people_are_known(gazetteer, name):
    entry = gazetteer.lookup(name)
    assert entry is not None and entry.type == "Person", name


@pytest.mark.parametrize("surname", ["Johnson", "Brown", "Clarke", "Kennedy", "Howard"])
def test_shared_surnames_are_not_aliases(gazetteer, surname):
    assert gazetteer.lookup(surname) is None


def test_scholz_is_german_chancellor_from_december_2021(gazetteer):
    scholz = gazetteer.lookup("Scholz")
    assert scholz.country == "country:DEU"
    assert scholz.party == "org:spd"
    chancellor = [r for r in scholz.roles if r.role == "Chancellor"]
    assert len(chancellor) == 1
    assert chancellor[0].org_key == "country:DEU"
    assert chancellor[0].start == "2021-12-08"
    assert [r.role for r in scholz.roles_on("2024-05-31")] == ["Chancellor"]


@pytest.mark.parametrize(
    "name, date, role, org",
    [
        ("Tony Blair", "2005-03-01", "Prime Minister", "country:GBR"),
        ("Gordon Brown", "2005-03-01", "Chancellor of the Exchequer", "country:GBR"),
        ("Jack Straw", "2004-06-01", "Foreign Secretary", "country:GBR"),
        ("Michael Howard", "2004-06-01", "Leader of the Conservative Party", None),
        ("Joe Biden", "2024-05-31", "President", "country:USA"),
        ("Antony Blinken", "2024-05-31", "Secretary of State", "country:USA"),
        ("Jens Stoltenberg", "2024-05-31", "Secretary General of NATO", "org:nato"),
        ("Mark Rutte", "2024-05-31", "Prime Minister", "country:NLD"),
        ("Mark Rutte", "2025-01-01", "Secretary General of NATO", "org:nato"),
        ("Ingrida Simonyte", "2024-05-31", "Prime Minister", "country:LTU"),
        ("Kaja Kallas", "2024-05-31", "Prime Minister", "country:EST"),
        ("Kofi Annan", "2004", "Secretary-General of the United Nations", "org:un"),
        ("Vladimir Putin", "2010-01-01", "Prime Minister", "country:RUS"),
    ],
)
def test_roles_held_on_a_date(gazetteer, name, date, role, org):
    held = {(r.role, r.org_key) for r in gazetteer.lookup(name).roles_on(date)}
    assert any(r == role and (org is None or o == org) for r, o in held), held


def test_roles_end_when_the_office_ends(gazetteer):
    assert gazetteer.lookup("Tony Blair").roles_on("2008-01-01") == ()
    rutte = gazetteer.lookup("Rutte").roles_on("2025-06-01")
    assert "Prime Minister" not in {r.role for r in rutte}


# -- money ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token, code",
    [
        ("kronor", "SEK"),
        ("krona", "SEK"),
        ("$", "USD"),
        ("US$", "USD"),
        ("dollars", "USD"),
        ("A$", "AUD"),
        ("C$", "CAD"),
        ("HK$", "HKD"),
        ("£", "GBP"),
        ("pounds", "GBP"),
        ("sterling", "GBP"),
        ("€", "EUR"),
        ("euros", "EUR"),
        ("Euro", "EUR"),
        ("¥", "JPY"),
        ("yen", "JPY"),
        ("yuan", "CNY"),
        ("renminbi", "CNY"),
        ("₹", "INR"),
        ("₽", "RUB"),
        ("roubles", "RUB"),
        ("rubles", "RUB"),
        ("₴", "UAH"),
        ("hryvnias", "UAH"),
        ("won", "KRW"),
        ("Swiss francs", "CHF"),
        ("zloty", "PLN"),
        ("złoty", "PLN"),
        ("shekels", "ILS"),
        ("rand", "ZAR"),
        ("reais", "BRL"),
        ("EUR", "EUR"),
        ("SEK", "SEK"),
        ("kroner", None),
        ("pesos", None),
        ("francs", None),
        ("rupees", None),
        ("dinars", None),
        ("riyals", None),
        ("lira", None),
        ("widgets", None),
    ],
)
def test_currency_by_symbol_or_word(gazetteer, token, code):
    assert gazetteer.currency(token) == code


def test_ambiguous_currency_words_list_their_candidates(gazetteer):
    assert set(gazetteer.currency_candidates("kroner")) == {"NOK", "DKK"}
    assert {"MXN", "ARS", "PHP"} <= set(gazetteer.currency_candidates("pesos"))
    assert gazetteer.currency_candidates("dollars")[0] == "USD"


def test_no_currency_word_or_symbol_resolves_to_two_codes():
    owners: dict[str, set[str]] = {}
    for _, obj in read_jsonl(RULES_DIR / "currencies.jsonl"):
        for token in (*obj.get("symbols", []), obj["code"]):
            owners.setdefault(token, set()).add(obj["code"])
        for word in obj.get("words", []):
            owners.setdefault(normalize(word).casefold(), set()).add(obj["code"])
    assert {token: codes for token, codes in owners.items() if len(codes) > 1} == {}


@pytest.mark.parametrize(
    "word, value",
    [
        ("thousand", 1e3),
        ("k", 1e3),
        ("million", 1e6),
        ("m", 1e6),
        ("mn", 1e6),
        ("mln", 1e6),
        ("M", 1e6),
        ("billion", 1e9),
        ("bn", 1e9),
        ("b", 1e9),
        ("BN", 1e9),
        ("trillion", 1e12),
        ("tn", 1e12),
        ("tr", 1e12),
        ("crore", 1e7),
        ("dozen", None),
    ],
)
def test_scale_words(gazetteer, word, value):
    assert gazetteer.scale(word) == value


# -- user files -----------------------------------------------------------------------


def test_user_file_adds_aliases_and_entries(tmp_path):
    extra = tmp_path / "local.jsonl"
    lines = [
        {"_comment": "local names"},
        {"key": "country:UKR", "type": "Country", "name": "Ukraine", "aliases": ["UA"]},
        {"key": "country:DEU", "aliases": ["BRD"]},
        {
            "key": "person:jane-doe",
            "type": "Person",
            "name": "Jane Doe",
            "aliases": ["Doe"],
            "country": "EST",
            "roles": [{"role": "Mayor", "org": "place:tartu", "from": "2023"}],
        },
    ]
    extra.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    gazetteer = load_gazetteer((extra,))
    assert gazetteer.lookup("UA").key == "country:UKR"
    assert gazetteer.lookup("Ukraine").key == "country:UKR"
    assert gazetteer.lookup("BRD").name == "Germany"
    assert gazetteer.seat("Kyiv").key == "country:UKR"  # kept from countries.jsonl
    jane = gazetteer.lookup("Doe")
    assert jane.country == "country:EST"
    assert jane.roles_on("2024-01-01")[0].org_key == "place:tartu"
    assert load_gazetteer().lookup("UA") is None  # the shipped one is unchanged


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "line 2: invalid JSON"),
        ("[1, 2]", "line 2: expected a JSON object"),
        ('{"type": "Place", "name": "X"}', "line 2: missing 'key'"),
        ('{"key": "place:x", "type": "Town", "name": "X"}', "line 2: place:x: type"),
        ('{"key": "x", "type": "Place", "name": "X"}', "key must start with 'place:'"),
        (
            '{"key": "person:x", "type": "Person", "name": "X", '
            '"roles": [{"role": "Mayor", "org": "place:x", "from": "May 2020"}]}',
            "is not YYYY[-MM[-DD]]",
        ),
    ],
)
def test_bad_user_file_is_an_input_error_naming_file_and_line(tmp_path, line, message):
    extra = tmp_path / "bad.jsonl"
    extra.write_text('{"_comment": "x"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_gazetteer((extra,))
    assert isinstance(info.value, KgExtractError)
    assert str(info.value).startswith(f"{extra}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_user_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read gazetteer"):
        load_gazetteer((tmp_path / "absent.jsonl",))
