"""Build kgextract/rules/actors.jsonl and agents.jsonl from the Phoenix dictionaries.

The Phoenix/PETRARCH2 actor dictionaries (MIT, ../shared/data/petrarch2_dictionaries)
know some 20,000 people with dated CAMEO role codes (``TONY_BLAIR_ [GBRGOV
970502-070627]``), national bodies, IGO officials, non-state armed groups and
companies; the agent dictionary knows the nouns that denote them ("troops",
"lawmakers"). This script turns them into the gazetteer's own record format, read by
kgextract/knowledge/gazetteer.py for lookups by name and date (never into spaCy's
EntityRuler). The dictionaries are read by kgextract.coding.cameo, the same readers
the evaluation uses. Output is sorted and stable, so a diff shows what changed:

    python scripts/build_actors.py            # writes both files
    python scripts/build_actors.py --check    # exit 1 if either file is stale
    python scripts/build_actors.py --source DIR

Each dated code becomes a dated role with its CAMEO sector; ``rules/sectors.json``
says which sectors are offices. An undated code on a person is a role without dates
(belonging, never an office); a person's default code (PETRARCH's undated code,
applied when no dated one is) becomes dated roles on the days no dated code covers.
The curated files win: a dictionary entry that shares a name with a curated entry of
the same type and state is that entry and is left out; a name two different actors
share is marked ambiguous. Names are written as news writes them ("TONY_BLAIR_" ->
"Tony Blair"); descriptions ("Kosovar Prime Minister"), single-word person names and
names with digits are left out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kgextract.coding.cameo import (  # noqa: E402
    DictionaryActor,
    read_actor_dictionary,
    read_agent_dictionary,
)
from kgextract.knowledge.gazetteer import (  # noqa: E402
    ENTITY_FILES,
    SECTOR_FILE,
    load_gazetteer,
    normalize,
    read_jsonl,
    read_sectors,
)
from kgextract.model import slug  # noqa: E402

RULES = ROOT / "kgextract" / "rules"
SOURCE = ROOT.parent / "shared" / "data" / "petrarch2_dictionaries"
ACTORS = RULES / "actors.jsonl"
ACTOR_INDEX = RULES / "actors.index.tsv"
AGENTS = RULES / "agents.jsonl"
COUNTRY_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
NON_STATE_FILE = "Phoenix.MilNonState.actors.txt"
AGENT_FILE = "Phoenix.agents.txt"

# IGO codes whose dictionary entries name several bodies: the one they stand for.
IGO_ORGS = {
    "IGOEUREEC": "org:eu",
    "IGOBUSIMF": "org:imf",
    "IGOBUSWTO": "org:wto",
    "IGOBUSOPC": "org:opec",
    "IGOPGSGCC": "org:gcc",
    "IGOUNOKID": "org:unicef",
    "IGOUNOHLHWHO": "org:who",
    "IGOJUDICC": "org:icc",
    "IGOAFRAFU": "org:african-union",
}
# Codes that start with a kind of body, not a state ("NGOUSAHRI", "MNCGBR",
# "IGOUNO", "IMGMUSALQ"): the sector each gives; a state may follow.
STATELESS = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "IMG"}
# A primary name with one of these words is an organisation, not a person.
ORG_WORDS = frozenset(
    """army forces force brigade brigades guard guards corps navy ministry government
    regime palace front party council court congress agency bureau directorate
    administration police intelligence military movement organization organisation
    union league federation association committee commission authority department
    service services group coalition alliance institute foundation trust bank company
    corporation corp inc ltd plc holdings fund network center centre society
    university programme program project tribunal assembly parliament senate house
    cabinet republic kingdom state nations world international national liberation
    resistance revolutionary declaration community office secretariat mission
    agencies forum conference""".split()
)
# Leading words of a description or title, stripped from a person's name ("Prime
# Minister Gordon Brown"); an entry whose primary name starts with one and has no
# person left after them is a description, not an actor.
TITLE_WORDS = frozenset(
    """prime minister ministers president vice deputy secretary secretary-general
    general un u.n. united nations foreign defence defense interior finance
    chancellor premier chief reformer former spokesman spokeswoman official officials
    ambassador envoy peacekeeper peacekeepers soldier soldiers troops leader
    commander representative delegate observer high of the""".split()
)
# Nouns for a person in a role: a name holding one is a title or a description
# ("Kosovar Prime Minister", "White House Spokesman"), not an actor's name.
ROLE_NOUNS = frozenset(
    """minister ministers president secretary secretary-general chancellor premier
    spokesman spokeswoman spokesperson official officials ambassador envoy
    peacekeeper peacekeepers soldier soldiers troops leader commander representative
    delegate observer director chairman governor officer officers aide aides
    adviser advisers""".split()
)
TITLE_HEADS = ROLE_NOUNS | {"prime", "vice", "deputy", "chief", "head", "king", "queen"}
PERSON_PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "der", "den"})
PERSON_PARTICLES |= {"de", "da", "di", "du", "la", "le", "del", "dos", "das"}
NAME_PARTICLES = PERSON_PARTICLES | {"of", "an", "in", "on", "at", "to", "wa"}
ROMAN = re.compile(r"^(?:Ii|Iii|Iv|Vi|Vii|Viii|Ix|Xi|Xii)$")
VOWELS = frozenset("aeiouyAEIOUY")
ENGLISH_ONSETS = frozenset(
    "bl br ch cl cr dr fl fr gl gn gr kh kn ph pl pr ps sc sh sk sl sm sn sp st "
    "sw th tr ts tw wh wr zh".split()
)
MAX_WORDS = 8


def source_commit(source: Path) -> str:
    """The upstream commit SOURCE.md records, for the attribution line."""
    try:
        text = (source / "SOURCE.md").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    found = re.search(r"commit ([0-9a-f]{40})", text)
    return found.group(1) if found else "unknown"


def comment(source: Path, what: str) -> str:
    return (
        f"{what} Converted from the Phoenix/PETRARCH2 dictionaries "
        f"(openeventdata/petrarch2, petrarch2/data/dictionaries, commit "
        f"{source_commit(source)}; MIT licence, Copyright (c) 2014 Open Event Data; "
        "CountryInfo people funded by the NSF) by scripts/build_actors.py (kgextract, "
        "MIT): rebuild it, do not edit it; the curated people.jsonl, "
        "organizations.jsonl and places.jsonl win over it. Lookup only: these names "
        "are never entity-ruler patterns."
    )


# -- names ----------------------------------------------------------------------------


def news_case(name: str, is_person: bool, korean: bool = False) -> str:
    """Undo what title-casing the dictionary's capitals did to a name: "People'S" ->
    "People's", "Elizabeth Ii" -> "Elizabeth II", "Mcloughlin" -> "McLoughlin",
    "Bashar Al-Assad" -> "Bashar al-Assad", "Ban Ki-Moon" -> "Ban Ki-moon" (Korean
    given names), "Gchq" -> "GCHQ" (a one-word organisation nobody can say)."""
    name = re.sub(r"'([A-Z])\b", lambda m: "'" + m.group(1).lower(), name)
    name = re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), name)
    words = []
    for position, word in enumerate(name.split()):
        if ROMAN.match(word):
            word = word.upper()
        elif is_person and position:
            head, dash, rest = word.partition("-")
            if head.lower() in PERSON_PARTICLES:
                word = head.lower() + dash + rest
            elif korean and dash:
                word = head + dash + rest.lower()
        words.append(word)
    if not is_person and len(words) == 1 and is_unsayable(words[0]):
        return words[0].upper()
    if not is_person:  # "Lloyds Tsb" -> "Lloyds TSB"
        words = [
            w.upper() if w.isalpha() and len(w) <= 4 and not VOWELS & set(w) else w
            for w in words
        ]
    return " ".join(words)


def is_unsayable(word: str) -> bool:
    """An acronym spelt letter by letter (FBI, GCHQ, MI6, DPKO), not one read as a
    word (Nato, Unesco): short, vowelless, with digits, or no English onset."""
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() for c in word) or len(letters) <= 3:
        return True
    if not VOWELS.intersection(letters):
        return True
    head = word[:2].lower()
    return (
        head[0] not in VOWELS and head[1] not in VOWELS and head not in ENGLISH_ONSETS
    )


JUNK = re.compile(r'[0-9()\[\]{}"+/\\;:=!?*\t]')


def is_junk(name: str) -> bool:
    return (
        len(name) < 2
        or JUNK.search(name) is not None
        or len(name.split()) > MAX_WORDS
        or not name[0].isalnum()
    )


def fold(name: str) -> str:
    """The form two spellings of a name share, without a leading "the"."""
    return normalize(name).casefold().removeprefix("the ")


def curated_forms() -> set[str]:
    """Every surface form the curated files give, folded: a name outside this set
    cannot be a curated entry's, whatever the gazetteer's tiers."""
    forms = set()
    for name in ENTITY_FILES:
        for _, obj in read_jsonl(RULES / name):
            for field in ("name", "aliases", "demonyms", "seats", "capital"):
                values = obj.get(field) or []
                for item in [values] if isinstance(values, str) else values:
                    text = item if isinstance(item, str) else item.get("name", "")
                    forms.add(fold(text))
                    if isinstance(item, dict):
                        forms.update(fold(v) for v in item.get("aliases", []))
    return forms


def without_title(name: str) -> str:
    """ "United Nations Secretary General Kofi Annan" -> "Kofi Annan"."""
    words = name.split()
    while words and words[0].lower() in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def person_names(actor: DictionaryActor, korean: bool) -> list[str]:
    names = []
    for raw in actor.names:
        if any(len(w) == 2 and w.isupper() and w.isalpha() for w in raw.split()):
            continue  # the reader's acronym variant ("Abu Mohammad AL Jawlani")
        name = news_case(without_title(raw), is_person=True, korean=korean)
        if (
            is_junk(name)
            or "," in name
            or len(name.split()) < 2
            or not name[0].isupper()
        ):
            continue
        names.append(name)
    return list(dict.fromkeys(names))


def org_names(actor: DictionaryActor, stop_words: frozenset[str]) -> list[str]:
    """Organisation names; a title-cased two-letter word gives way to its capitals
    ("Us Congress" -> "US Congress"), a bracketed acronym becomes an alias, and a
    single common word ("Senate", "Army") is dropped: it names nothing alone."""
    raws = list(actor.names)
    names = []
    for raw in raws:
        words = raw.split()
        upper = " ".join(
            w.upper() if len(w) == 2 and w.isalpha() and w.istitle() else w
            for w in words
        )
        if upper != raw and upper in raws:
            continue  # "Us Congress": "US Congress" follows
        if any(w.isupper() and w.lower() in NAME_PARTICLES for w in words):
            continue  # "AL Ghurabaa": the reader's capitals for "Al Ghurabaa"
        acronym = re.search(r"\(([A-Za-z]{2,8})\)", raw)
        if acronym:
            names.append(acronym.group(1).upper())
        name = re.sub(r"\s*\([^)]*\)\s*", " ", raw).strip()
        name = news_case(name, is_person=False)
        if is_junk(name) or (len(name.split()) == 1 and name.lower() in stop_words):
            continue
        names.append(name)
    return list(dict.fromkeys(n for n in names if not is_junk(n)))


def is_title_phrase(name: str) -> bool:
    """ "Director of Central Intelligence", "The US Secretary of State": an office,
    named by its holder's title in its first words."""
    words = [w.lower() for w in name.split() if w.lower() != "the"]
    return any(w in TITLE_HEADS for w in words[:3])


def has_role_noun(name: str) -> bool:
    return any(w.lower() in ROLE_NOUNS for w in name.split())


def is_org_name(name: str) -> bool:
    return any(
        w.lower().strip(",.'") in ORG_WORDS for w in name.replace("-", " ").split()
    )


# -- codes ----------------------------------------------------------------------------


class Codes:
    """Reads a CAMEO actor code against the states the gazetteer knows."""

    def __init__(self, states: set[str], sectors, igo_orgs: dict[str, str]) -> None:
        self.states = states
        self.sectors = sectors
        self.igo_orgs = igo_orgs

    def read(self, code: str) -> tuple[str | None, str | None, str, list[str]]:
        """(state alpha-3, IGO org key, sector, sub-sectors) of a code: "GBRGOVBUS"
        -> ("GBR", None, "GOV", ["BUS"]); "IGOUNOIAE" -> (None, "org:iaea", "IGO",
        []); a legislator's code is LEG wherever LEG stands ("USAGOVLEG")."""
        code = code.strip("~").upper()
        head, rest = code[:3], code[3:]
        state = igo = None
        if not head.isalpha():
            return None, None, "", []  # "---": unknown
        if head in self.states:
            state = head
        elif head == "IGO":
            return None, self.igo_org(code), "IGO", []
        elif head in STATELESS:
            if rest[:3] in self.states:
                state, rest = rest[:3], rest[3:]
            triples = [rest[i : i + 3] for i in range(0, len(rest), 3)]
            return state, igo, STATELESS[head], triples
        elif head in self.sectors.names:
            rest = code  # a sector alone: "ELI", "MED"
        # else a state the gazetteer does not have (SUN, YUG) or a region (SAS, SEA):
        # the rest still says the sector, with no state
        triples = [rest[i : i + 3] for i in range(0, len(rest), 3)]
        if not triples:
            return state, igo, "", []
        if "LEG" in triples:
            return state, igo, "LEG", [t for t in triples if t != "LEG"]
        return state, igo, triples[0], triples[1:]

    def igo_org(self, code: str) -> str | None:
        while len(code) > 3:
            if code in self.igo_orgs:
                return self.igo_orgs[code]
            code = code[:-3]
        return None

    def title(self, sector: str, subsectors: list[str], org_name: str = "") -> str:
        if sector == "IGO":
            return f"official of {org_name}" if org_name else "IGO official"
        words = [self.sectors.name(s) for s in subsectors if s in self.sectors.names]
        base = self.sectors.name(sector) if sector in self.sectors.names else sector
        return f"{base} ({', '.join(words)})" if words else base


# -- dates ----------------------------------------------------------------------------


def valid_range(first: str, last: str) -> bool:
    try:
        start = date.fromisoformat(first) if first else date.min
        end = date.fromisoformat(last) if last else date.max
    except ValueError:
        return False
    return start <= end


def shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def merged(ranges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Overlapping or touching ranges of one code as one ("" = open end)."""
    out: list[list[str]] = []
    for first, last in sorted(ranges, key=lambda r: r[0] or "0000"):
        if out and (not out[-1][1] or not first or shift(out[-1][1], 1) >= first):
            if not out[-1][1] or not last:
                out[-1][1] = ""
            else:
                out[-1][1] = max(out[-1][1], last)
        else:
            out.append([first, last])
    return [(a, b) for a, b in out]


def gaps(ranges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The days no range covers, as ranges: where the default code applies."""
    out = []
    cursor = ""  # the first day not yet covered; "" = the beginning of time
    for first, last in merged(ranges):
        if first and (not cursor or cursor < first):
            out.append((cursor, shift(first, -1)))
        if not last:
            return out
        cursor = shift(last, 1)
    out.append((cursor, ""))
    return out


def default_code(actor: DictionaryActor) -> str | None:
    """The undated code PETRARCH applies when no dated one does. The reader keeps
    the unrestricted code, else the last dated one, as ``code``: it is a default when
    it differs from that last dated code (when equal, we cannot tell: none)."""
    if not actor.dated:
        return actor.code
    return actor.code if actor.code != actor.dated[-1][0] else None


# -- records ---------------------------------------------------------------------------


class Builder:
    """Reads the dictionaries once and writes the three files' text; ``report``
    counts what was kept, merged and left out, for the maintainer."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.gazetteer = load_gazetteer()
        self.sectors = read_sectors(RULES / SECTOR_FILE)
        self.states = {
            e.key.removeprefix("country:")
            for e in self.gazetteer.entries()
            if e.type == "Country"
        }
        self.report: Counter = Counter()
        self.agents = read_agent_dictionary(source / AGENT_FILE)
        syntax = json.loads((RULES / "syntax.json").read_text(encoding="utf-8"))
        self.stop_words = frozenset(
            {a.noun for a in self.agents if " " not in a.noun}
            | {w for w in syntax["not_entities"] if " " not in w}
            | set(syntax["organization_heads"])
            | set(syntax["titles"])
        )
        self.codes = Codes(self.states, self.sectors, {})
        self.given_names: set[str] = set()  # frequent first words of people's names
        self.curated_forms = curated_forms()

    # reading and classifying ------------------------------------------------------

    def entries(self) -> list[tuple[str, DictionaryActor]]:
        found = []
        for name in (COUNTRY_FILE, INTERNATIONAL_FILE, NON_STATE_FILE):
            for actor in read_actor_dictionary(self.source / name):
                found.append((name, actor))
        return found

    def kind(self, file: str, actor: DictionaryActor) -> str | None:
        """ "Person", "Organization", or None for a state, territory or description."""
        state, _, sector, subsectors = self.codes.read(actor.code)
        if file == NON_STATE_FILE or actor.code[:3] in ("NGO", "MNC"):
            return "Organization"
        if state and not sector:
            return None  # a state itself: countries.jsonl has it
        if sector in self.states or (subsectors and subsectors[0] in self.states):
            return None  # a territory ("GBRVGB"): countries.jsonl has it
        primary = actor.names[0]
        if is_org_name(primary):
            return None if is_title_phrase(primary) else "Organization"
        bare = without_title(primary)  # "Prime Minister Gordon Brown"
        if len(bare.split()) >= 2 and not has_role_noun(bare):
            # an undated entry is a person only by a known given name: "Peter
            # Cordingley" yes, "Asean Countries" and "Pussy Riot" no
            if actor.dated or bare.split()[0] in self.given_names:
                return "Person"
            return "Organization"
        if bare != primary or len(primary.split()) > 1:
            return None  # "Us President", "Kosovar Prime Minister"
        return "Organization" if not actor.dated else None

    # organisations -------------------------------------------------------------------

    def organization(self, actor: DictionaryActor) -> dict | None:
        names = [
            name
            for position, name in enumerate(org_names(actor, self.stop_words))
            if not position or not self.is_person_alias(name)
        ]
        if not names:
            self.report["organisations without a usable name"] += 1
            return None
        default = default_code(actor)
        state, _, sector = self.org_code(default or actor.code)
        qualifier = (state or actor.code[:3]).lower()
        record: dict = {
            "key": f"org:{slug(names[0])}.{qualifier}",
            "type": "Organization",
            "name": names[0],
            "aliases": names[1:],
        }
        if state:
            record["country"] = state
        if actor.code.startswith("IGO"):
            record["igo"] = True
        if sector:
            record["sector"] = sector
        roles = []
        for code, first, last in actor.dated:
            role_state, subs, role_sector = self.org_code(code)
            if not role_state or not valid_range(first, last):
                continue
            role = {
                "role": self.codes.title(role_sector, subs),
                "org": f"country:{role_state}",
                "sector": role_sector,
                "code": code,
            }
            roles.append(with_dates(role, first, last))
        if roles:
            record["roles"] = roles
        if roles and not default:  # no code outside the dated ones: the latest says
            latest = max(roles, key=lambda r: r.get("from", ""))
            record["country"] = latest["org"].removeprefix("country:")
            record["sector"] = latest["sector"]
            record["key"] = f"org:{slug(names[0])}.{record['country'].lower()}"
        record["ids"] = {"cameo": default or actor.code}
        return record

    def org_code(self, code: str) -> tuple[str | None, list[str], str]:
        """(state, sub-sectors, sector) of a body's code. A body coded government
        and justice ("USAGOVJUD") is a court: judiciary, not an organ that acts for
        the state (on a person the same code is a justice minister, an office)."""
        state, _, sector, subs = self.codes.read(code)
        if sector == "GOV" and "JUD" in subs:
            return state, [s for s in subs if s != "JUD"], "JUD"
        return state, subs, sector

    def is_person_alias(self, name: str) -> bool:
        """A person listed among an organisation's names ("Kurdistan Regional
        Government" + "Masoud Barzani"), or a role in it ("White House Spokesman"):
        PETRARCH codes them alike, but they are not the organisation."""
        words = name.split()
        if words[-1].lower() in ROLE_NOUNS:
            return True
        return (
            2 <= len(words) <= 4
            and not is_org_name(name)
            and words[0] in self.given_names
        )

    # people --------------------------------------------------------------------------

    def person(self, actor: DictionaryActor, org_names_by_key: dict) -> dict | None:
        korean = actor.code[:3] in ("KOR", "PRK")
        names = person_names(actor, korean)
        if not names:
            self.report["people without a usable name"] += 1
            return None
        roles, states = [], Counter()
        by_code: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for code, first, last in actor.dated:
            if valid_range(first, last):
                by_code[code].append((first, last))
            else:
                self.report["dated codes with an impossible date, left out"] += 1
        spans = [span for ranges in by_code.values() for span in ranges]
        default, undated = default_code(actor), None
        if default:
            _, _, sector, _ = self.codes.read(default)
            if actor.dated and not self.sectors.is_office(sector):
                by_code[default] += gaps(spans)
            else:
                undated = default  # belonging, never an office
        for code, ranges in by_code.items():
            for first, last in merged(ranges):
                if role := self.role(code, first, last, org_names_by_key, states):
                    roles.append(role)
        if undated and (role := self.role(undated, "", "", org_names_by_key, states)):
            roles.append(role)
        country = states.most_common(1)[0][0] if states else None
        if not roles and not country:
            self.report["people with no state and no usable code"] += 1
            return None
        qualifier = (country or "igo").lower()
        record: dict = {
            "key": f"person:{slug(names[0])}.{qualifier}",
            "type": "Person",
            "name": names[0],
            "aliases": names[1:],
        }
        if country:
            record["country"] = country
        if roles:
            record["roles"] = sorted(
                roles, key=lambda r: (r.get("from", ""), r["code"])
            )
        return record

    def role(self, code, first, last, org_names_by_key, states) -> dict | None:
        state, igo, sector, subs = self.codes.read(code)
        if not sector:
            return None
        if igo:
            org = igo
        elif state:
            org = f"country:{state}"
            states[state] += 1
        else:
            self.report["person codes with no state or IGO, left out"] += 1
            return None
        title = self.codes.title(sector, subs, org_names_by_key.get(org, ""))
        role = {"role": title, "org": org, "sector": sector, "code": code}
        return with_dates(role, first, last)

    # the curated files win ------------------------------------------------------------

    def curated_match(self, record: dict) -> tuple[str | None, list[str]]:
        """(the curated key this record is, names another curated entry owns)."""
        own_state = record.get("country")
        taken = []
        for name in [record["name"], *record["aliases"]]:
            if fold(name) not in self.curated_forms:
                continue  # the gazetteer cannot know it: spare the lookups
            found = list(self.gazetteer.candidates(name))
            if record["type"] == "Organization":
                found += list(self.gazetteer.seat_candidates(name))
                if demonym := self.gazetteer.demonym(name):
                    found.append(demonym)
            for entry in found:
                if entry.type == record["type"] and same_state(
                    entry, own_state, record
                ):
                    return entry.key, []
            if found:
                taken.append(name)
        return None, taken

    def build(self) -> tuple[str, str, str]:
        """The text of actors.jsonl, actors.index.tsv and agents.jsonl."""
        entries = self.entries()
        first_words = Counter(
            without_title(actor.names[0]).split()[0]
            for file, actor in entries
            if file == COUNTRY_FILE
            and actor.dated
            and len(without_title(actor.names[0]).split()) >= 2
            and not is_org_name(actor.names[0])
        )
        self.given_names = {word for word, count in first_words.items() if count >= 2}
        kinds = [(file, actor, self.kind(file, actor)) for file, actor in entries]
        self.report["dictionary entries read"] = len(entries)
        organizations = []
        igo_candidates: dict[str, set[str]] = defaultdict(set)
        for _, actor, kind in kinds:
            if kind != "Organization":
                continue
            record = self.organization(actor)
            if record is None:
                continue
            curated, taken = self.curated_match(record)
            code = actor.code.upper()
            if curated:
                self.report["organisations the curated files already know"] += 1
                if code.startswith("IGO"):
                    igo_candidates[code].add(curated)
                continue
            record = drop_names(record, taken, self.report)
            if record is None:
                continue
            if code.startswith("IGO"):
                igo_candidates[code].add(record["key"])
            organizations.append(record)
        igo_orgs = {
            c: next(iter(keys)) for c, keys in igo_candidates.items() if len(keys) == 1
        }
        self.codes.igo_orgs = {**igo_orgs, **IGO_ORGS}
        names_by_key = {r["key"]: r["name"] for r in organizations}
        names_by_key.update(
            {
                e.key: e.name
                for e in self.gazetteer.entries()
                if e.type == "Organization"
            }
        )
        people = []
        for _, actor, kind in kinds:
            if kind != "Person":
                if kind is None:
                    self.report["states, territories and descriptions, left out"] += 1
                continue
            record = self.person(actor, names_by_key)
            if record is None:
                continue
            curated, taken = self.curated_match(record)
            if curated:
                self.report["people the curated files already know"] += 1
                continue
            people.append(drop_names(record, taken, self.report))
        records = merge_same_keys([r for r in organizations + people if r], self.report)
        records = merge_officials(records, self.report)
        mark_shared_names(records, self.report)
        self.check_references(records)
        # sorted as text: each line starts with its key, so the loader can bisect
        lines = sorted(
            json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            for record in records
        )
        header = json.dumps({"_comment": comment(self.source, ACTORS_WHAT)})
        self.report["people written"] = sum(r["type"] == "Person" for r in records)
        self.report["organisations written"] = (
            len(records) - self.report["people written"]
        )
        actors = "\n".join([header, *lines]) + "\n"
        return actors, index_lines(records, self.source), self.agent_lines()

    def check_references(self, records: list[dict]) -> None:
        """Every role is held somewhere the gazetteer knows (a curated key, or a
        record written now: never the previous file's): a dangling key is a bug of
        this script, refused before it is written."""
        keys = {record["key"] for record in records}
        missing = sorted(
            {
                role["org"]
                for record in records
                for role in record.get("roles", [])
                if role["org"] not in keys
                and ("." in role["org"] or self.gazetteer.entry(role["org"]) is None)
            }
        )
        if missing:
            raise SystemExit(f"roles held at unknown keys: {', '.join(missing[:10])}")

    def agent_lines(self) -> str:
        """One line per noun: its code, sector and plurals (explicit, else the regular
        ones PETRARCH would generate); a noun's first code wins."""
        seen: dict[str, dict] = {}
        for agent in self.agents:
            noun = agent.noun.strip()
            if not noun.isascii() or not noun or noun in seen:
                continue
            code = agent.code.strip()
            body = code.strip("~")
            if not body or "!" in noun:
                continue
            if code.endswith("~"):  # "NGO~": a kind of body, written before
                sector = STATELESS.get(body[:3], body[:3])
            else:
                _, _, sector, _ = self.codes.read(body)
            plurals = list(agent.plurals) or [regular_plural(noun)]
            seen[noun] = {
                "noun": noun,
                "plurals": [p for p in dict.fromkeys(plurals) if p != noun],
                "code": code,
                "sector": sector or body[:3],
            }
        lines = [json.dumps({"_comment": comment(self.source, AGENTS_WHAT)})]
        for noun in sorted(seen):
            lines.append(
                json.dumps(seen[noun], ensure_ascii=False, separators=(",", ":"))
            )
        self.report["agent nouns written"] = len(seen)
        return "\n".join(lines) + "\n"


ACTORS_WHAT = (
    "People, national bodies, IGO officials and bodies, non-state armed groups, NGOs "
    "and companies with their CAMEO roles: each dated code is a dated role with its "
    "sector (rules/sectors.json says which are offices); keys carry a dot and the "
    "state (or igo/ngo/mnc/img) so they never meet a curated or text-minted key."
)
AGENTS_WHAT = (
    "Generic agent nouns ('troops', 'lawmaker', 'foreign minister') with their CAMEO "
    "code and sector: with a nationality they name the state's agents."
)


def index_lines(records: list[dict], source: Path) -> str:
    """Folded name (also without a leading "the") -> keys, one line each, sorted:
    what the loader reads instead of parsing every record. A line with two keys is
    a shared name."""
    owners: dict[str, list[str]] = defaultdict(list)
    for record in sorted(records, key=lambda r: r["key"]):
        for item in [record["name"], *record.get("aliases", [])]:
            name = item if isinstance(item, str) else item["name"]
            form = normalize(name).casefold()
            for variant in dict.fromkeys((form, form.removeprefix("the "))):
                if record["key"] not in owners[variant]:
                    owners[variant].append(record["key"])
    header = (
        "# Name index of actors.jsonl: normalised, case-folded name <TAB> keys. "
        "Generated with it by scripts/build_actors.py (kgextract, MIT; names from the "
        f"Phoenix/PETRARCH2 dictionaries, commit {source_commit(source)}, MIT)."
    )
    lines = [f"{form}\t{' '.join(keys)}" for form, keys in sorted(owners.items())]
    return "\n".join([header, *lines]) + "\n"


def regular_plural(noun: str) -> str:
    """PETRARCH's regular plural: +S, Y -> IES, SS -> ES (on the last word)."""
    if noun.endswith("ss"):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"


def with_dates(role: dict, first: str, last: str) -> dict:
    if first:
        role["from"] = first
    if last:
        role["to"] = last
    return role


def same_state(entry, state: str | None, record: dict) -> bool:
    """Whether a curated entry and a dictionary record are one actor: the same state,
    or either without one (an IGO official's nationality is not given)."""
    if record["type"] == "Organization" and record.get("igo"):
        return entry.is_igo
    theirs = entry.country.removeprefix("country:") if entry.country else None
    return theirs is None or state is None or theirs == state


def drop_names(record: dict, taken: list[str], report: Counter) -> dict | None:
    """A name a curated entry of another kind or state owns ("British") is left to
    it; a record whose own name a curated entry owns ("Kremlin", "White House": the
    curated seats of Russia and the US) is that entry's, and dropped."""
    if not taken:
        return record
    if record["name"] in taken:
        report["records whose name a curated entry owns, left out"] += 1
        return None
    names = [n for n in [record["name"], *record["aliases"]] if n not in taken]
    report["names left to a curated entry of another kind or state"] += len(taken)
    if not names:
        report["records whose every name a curated entry owns, left out"] += 1
        return None
    return {**record, "name": names[0], "aliases": names[1:]}


def merge_same_keys(records: list[dict], report: Counter) -> list[dict]:
    """One name in one state is one actor (the dictionary lists some twice)."""
    merged_records: dict[str, dict] = {}
    for record in records:
        known = merged_records.get(record["key"])
        if known is None:
            merged_records[record["key"]] = record
            continue
        report["entries merged with another of the same name and state"] += 1
        names = [known["name"], *known["aliases"], record["name"], *record["aliases"]]
        known["aliases"] = [n for n in dict.fromkeys(names) if n != known["name"]]
        roles = known.get("roles", []) + [
            r for r in record.get("roles", []) if r not in known.get("roles", [])
        ]
        if roles:
            known["roles"] = sorted(roles, key=lambda r: (r.get("from", ""), r["code"]))
    return list(merged_records.values())


def merge_officials(records: list[dict], report: Counter) -> list[dict]:
    """An IGO official with no state given is the one person of that name the
    country lists know ("Leo Tindemans": Belgian minister, then EU Council
    president); with two or none, they stay apart."""
    stated: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if record["type"] == "Person" and record.get("country"):
            stated[normalize(record["name"]).casefold()].append(record)
    kept = []
    for record in records:
        namesakes = stated.get(normalize(record["name"]).casefold(), [])
        if record["type"] != "Person" or record.get("country") or len(namesakes) != 1:
            kept.append(record)
            continue
        known = namesakes[0]
        names = [known["name"], *known["aliases"], record["name"], *record["aliases"]]
        known["aliases"] = [n for n in dict.fromkeys(names) if n != known["name"]]
        roles = known.get("roles", [])
        roles += [r for r in record.get("roles", []) if r not in roles]
        known["roles"] = sorted(roles, key=lambda r: (r.get("from", ""), r["code"]))
        report["IGO officials merged with the one namesake of a state"] += 1
    return kept


def mark_shared_names(records: list[dict], report: Counter) -> None:
    """A name two dictionary actors share (two ministers called Alan Johnson in two
    states) is marked ambiguous in both: never resolved alone, listed as a
    candidate, and resolved by date when only one of them holds office then."""
    owners: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for name in [record["name"], *record["aliases"]]:
            owners[normalize(name).casefold()].add(record["key"])
    for record in records:
        aliases: list = []
        for name in [record["name"], *record["aliases"]]:
            if len(owners[normalize(name).casefold()]) > 1:
                aliases.append({"name": name, "ambiguous": True})
                report["names shared by two dictionary actors, marked ambiguous"] += 1
            elif name != record["name"]:
                aliases.append(name)
        record["aliases"] = aliases
        if not record["aliases"]:
            del record["aliases"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if out of date")
    parser.add_argument("--source", type=Path, default=SOURCE, help="dictionary folder")
    args = parser.parse_args(argv)
    if not (args.source / COUNTRY_FILE).exists():
        print(f"{args.source}: no Phoenix dictionaries there", file=sys.stderr)
        return 2
    builder = Builder(args.source)
    actors, index, agents = builder.build()
    outputs = ((ACTORS, actors), (ACTOR_INDEX, index), (AGENTS, agents))
    if args.check:
        stale = [
            p for p, text in outputs if not p.exists() or p.read_text("utf-8") != text
        ]
        for path in stale:
            print(f"{path} is stale: run scripts/build_actors.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs:
        path.write_text(text, encoding="utf-8")
    for what, count in sorted(builder.report.items()):
        print(f"{count:7d}  {what}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
