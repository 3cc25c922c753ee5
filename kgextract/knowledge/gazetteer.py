"""Curated world knowledge the small spaCy model lacks: who and what a name stands for.

The model tags "Kyiv" as a person and "Scholz" as a place; the extractor corrects it
with these gazetteers, which live as data in ``kgextract/rules/*.jsonl`` (one JSON
object a line, see ``rules/README.md``). This module only reads them: pure Python, no
spaCy, so it loads in milliseconds and the query side can use it too.

Beside the curated files, ``rules/actors.jsonl`` (generated from the Phoenix/PETRARCH2
dictionaries by ``scripts/build_actors.py``) knows some 25,000 more people, national
bodies, IGO officials, armed groups and companies with dated CAMEO roles. It is read
only when asked (:meth:`Gazetteer.actor`, :meth:`Gazetteer.entry` of one of its keys,
:meth:`Gazetteer.office_on` ...), and never feeds :meth:`Gazetteer.phrases`: thousands
of minor names in spaCy's EntityRuler would change NER output wholesale and multiply
the load time. What a role makes its holder act for is data too
(``rules/sectors.json``): an *office* (government, military, intelligence, police, an
IGO's officials) makes a person act for its state on the days it is held; a
*membership* (party, opposition, legislature, courts, business, armed group ...) only
places them.

Matching is deliberately conservative. A surface form that belongs to two entries
("Congo", "Korea", "Brussels") resolves to nothing unless the caller asks for the
candidates: a wrong actor in the graph is worse than a missing one. Lowercase text
never matches a capitalised name, so "us" and "who" are not the US and the WHO.
"""

from __future__ import annotations

import bisect
import json
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kgextract.errors import InputError
from kgextract.knowledge import RULES_DIR
from kgextract.model import slug

ENTITY_FILES = (
    "countries.jsonl",
    "organizations.jsonl",
    "people.jsonl",
    "places.jsonl",
)
CURRENCY_FILE = "currencies.jsonl"
ACTOR_FILE = "actors.jsonl"  # generated, read on first use: see Gazetteer.actor
ACTOR_INDEX_FILE = "actors.index.tsv"  # generated with it: folded name -> keys
AGENT_FILE = "agents.jsonl"  # generated, read on first use: see Gazetteer.agent
SECTOR_FILE = "sectors.json"

ENTRY_TYPES = ("Country", "Organization", "Person", "Place")
KEY_PREFIXES = {"Country": "country:", "Organization": "org:", "Person": "person:"}
KEY_PREFIXES["Place"] = "place:"
PHRASE_KINDS = ("name", "alias", "demonym", "seat", "capital")

# Multipliers written after a number: "13.3 billion kronor", "$5bn", "Rs 2 crore".
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "tn": 1e12,
    "tr": 1e12,
    "trn": 1e12,
}

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPACES = re.compile(r"\s+")
_NEEDS_WORK = re.compile(r"[.'`\-]|\s\s|^\s|\s$|^The |[^ -~]")
_POSSESSIVE = re.compile(r"(?:'s|'|s')$")  # after apostrophes are made straight
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " "})


@dataclass(frozen=True, slots=True)
class Role:
    """A role held, e.g. Chancellor of ``country:DEU`` from 2021-12-08, as written.

    Dates are ISO 8601, possibly partial ("2004", "2004-09") when the day is not known;
    ``end`` None means still held when the gazetteer was written. ``sector`` is the
    CAMEO sector ("GOV", "OPP", "PTY" ...; ``rules/sectors.json``); empty when the
    curated file leaves it to the org (see :meth:`Gazetteer.positions_on`). ``code``
    is the dictionary's CAMEO code it came from ("GBRGOVBUS"), for provenance.
    """

    role: str
    org_key: str
    start: str | None = None
    end: str | None = None
    sector: str = ""
    code: str = ""

    def active_on(self, date: str) -> bool:
        """Whether the role was held on ``date`` (YYYY-MM-DD); partial bounds are
        compared at their own precision, so "2004" covers all of 2004."""
        if self.start and date[: len(self.start)] < self.start:
            return False
        return not (self.end and date[: len(self.end)] > self.end)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    key: str  # "country:UKR", "org:nato", "person:olaf-scholz", "place:crimea"
    name: str  # canonical name, as news writes it
    type: str  # "Country" | "Organization" | "Person" | "Place"
    aliases: tuple[str, ...]
    ids: tuple[tuple[str, str], ...]  # ("iso3166-1-alpha-3", "UKR")
    country: str | None  # key of the state it belongs to ("country:DEU")
    roles: tuple[Role, ...] = ()
    is_igo: bool = False
    is_publisher: bool = False
    party: str | None = None  # "org:spd": a person's political party
    sector: str | None = None  # an org's CAMEO sector: "GOV", "MIL", "PTY", "BUS" ...

    def roles_on(self, date: str) -> tuple[Role, ...]:
        """The roles held on ``date``: an article of 2005 makes Blair Prime Minister."""
        return tuple(role for role in self.roles if role.active_on(date))


@dataclass(frozen=True, slots=True)
class Position:
    """A role placed in the world: where it is held and whom it makes its holder act
    for. Attribution reads ``is_office``: only an office lifts an act to ``state``.

    ``state`` is the key of the state the role belongs to ("country:GBR"), or of the
    IGO for an IGO's own officials ("org:un"); None when nothing says.
    """

    role: str  # "Prime Minister", "government (business)", "Leader of the Opposition"
    org: str  # where it is held: a state, a ministry, a party, an IGO, a region
    state: str | None
    sector: str  # CAMEO sector code, "" when unknown
    is_office: bool
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic agent noun of the Phoenix dictionary: "troops" -> MIL, "lawmakers" ->
    LEG. Its modifier gives the state ("Israeli officials"); the sector says whether
    such a noun acts for it (``is_office``)."""

    noun: str  # the singular, lower case: "foreign minister"
    code: str  # the dictionary's code: "~GOVFRM", "NGO~"
    sector: str  # "GOV"
    is_office: bool


@dataclass(frozen=True)
class Sectors:
    """CAMEO sector code -> what it is, and which sectors are offices (the policy)."""

    names: dict[str, str]
    offices: frozenset[str]

    def is_office(self, sector: str) -> bool:
        return sector in self.offices

    def name(self, sector: str) -> str:
        return self.names.get(sector, sector)


def normalize(text: str) -> str:
    """The form two spellings of one name share: "the U.S.'s" -> "the US",
    "Élysée" -> "Elysee", "Guinea-Bissau" -> "Guinea Bissau". Case is kept, so that
    "us" stays apart from "US"; a leading "The" becomes "the" ("The Hague")."""
    if text.isascii() and not _NEEDS_WORK.search(text):
        return text  # the common case, kept fast: loading normalizes 6000 forms
    text = _strip_accents(text.translate(_QUOTES))
    text = _SPACES.sub(" ", text.replace(".", "").translate(_DASHES)).strip()
    text = _POSSESSIVE.sub("", text).rstrip()
    if text.startswith("The "):
        text = "the " + text[4:]
    return text


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _is_acronym(form: str) -> bool:
    """All capitals ("NATO", "US"): matched only as written, never case-folded."""
    return form == form.upper() and form != form.lower()


def _has_capital(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def _add_key(table: dict[str, list[str]], text: str, key: str) -> None:
    keys = table.get(text)
    if keys is None:
        table[text] = [key]
    elif key not in keys:
        keys.append(key)


class _Index:
    """Surface form -> candidate keys, in three tiers of decreasing strictness:
    exactly as written, normalized, and normalized + case-folded (the last only for
    queries with a capital letter and surfaces that are not acronyms)."""

    def __init__(self) -> None:
        self.exact: dict[str, list[str]] = {}
        self.normal: dict[str, list[str]] = {}
        self.folded: dict[str, list[str]] = {}

    def add(self, form: str, key: str) -> None:
        normal = normalize(form)
        _add_key(self.exact, form, key)
        _add_key(self.normal, normal, key)
        if not _is_acronym(normal):
            _add_key(self.folded, normal.casefold(), key)

    def candidates(self, text: str) -> list[str]:
        """The keys of the strictest tier that knows ``text``."""
        text = _SPACES.sub(" ", text).strip()
        if not text:
            return []
        if found := self.exact.get(text):
            return found
        normal = normalize(text)
        forms = [normal]
        if normal.startswith("the "):
            forms.append(normal[4:])  # "the Kremlin" -> "Kremlin"
        for form in forms:
            if found := self.normal.get(form):
                return found
        if not _has_capital(text):
            return []
        for form in forms:
            if found := self.folded.get(form.casefold()):
                return found
        return []


@dataclass(frozen=True, slots=True)
class _Currency:
    code: str
    symbols: tuple[str, ...]
    words: tuple[str, ...]
    ambiguous_words: tuple[str, ...]


class _Actors:
    """The generated dictionary actors: their name index, and their records, parsed
    one at a time when asked for.

    Parsing 25,000 records up front would cost more than the curated files' whole
    load, for the handful an article needs. So ``actors.index.tsv`` maps each
    folded name to its keys (one split a line, the keys split when asked), and a
    record is found by bisection in ``actors.jsonl``, read on the first record
    asked for, whose lines the builder sorts (each starts with its key)."""

    def __init__(self, path: Path | None, index: dict[str, str]) -> None:
        self.path = path
        self.index = index
        self._lines: list[str] | None = None if path else []
        self.entries: dict[str, GazetteerEntry] = {}

    @classmethod
    def read(cls, path: Path, index_path: Path) -> _Actors:
        try:
            lines = index_path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(index_path, f"cannot read gazetteer: {err}") from None
        if any("\t" not in line for line in lines[1:2]):
            raise InputError(index_path, "line 2: expected 'name<TAB>keys'")
        return cls(path, dict(line.split("\t", 1) for line in lines[1:] if line))

    @classmethod
    def empty(cls) -> _Actors:
        return cls(None, {})

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                self._lines = self.path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as err:
                raise InputError(self.path, f"cannot read gazetteer: {err}") from None
        return self._lines

    def candidates(self, text: str) -> list[str]:
        """The keys a name may denote, case ignored; a query without a capital
        letter names nothing ("us" is not the US)."""
        text = _SPACES.sub(" ", text).strip()
        if not text or not _has_capital(text):
            return []
        form = normalize(text).casefold()
        keys = self.index.get(form) or self.index.get(form.removeprefix("the "))
        return keys.split(" ") if keys else []

    def keys(self) -> Iterator[str]:
        for line in self.lines:
            if line.startswith('{"key":'):
                yield json.loads(line)["key"]

    def line_of(self, key: str) -> int | None:
        """The line (from 1) of ``key``'s record, or None."""
        lines = self.lines
        probe = '{"key":' + json.dumps(key) + ","
        at = bisect.bisect_left(lines, probe)
        if at == len(lines) or not lines[at].startswith(probe):
            return None
        return at + 1

    def entry(self, key: str) -> GazetteerEntry | None:
        entry = self.entries.get(key)
        if entry is not None:
            return entry
        lines = self.lines
        number = self.line_of(key)
        if number is None:
            return None
        at = number - 1
        try:
            entry = _record(json.loads(lines[at]))["entry"]
        except (ValueError, TypeError, KeyError) as err:
            raise InputError(self.path, f"line {at + 1}: {key}: {err}") from None
        self.entries[key] = entry
        return entry


class Gazetteer:
    """Entries with their names, aliases, demonyms, capitals and seats, indexed."""

    def __init__(
        self,
        records: Iterable[dict],
        currencies: Iterable[_Currency] = (),
        sectors: Sectors | None = None,
        actor_files: tuple[Path, Path] | None = None,
        agent_files: tuple[Path, ...] = (),
    ) -> None:
        self._sectors = sectors or Sectors({}, frozenset())
        self._actor_files = actor_files  # (actors.jsonl, actors.index.tsv)
        self._agent_files = agent_files
        self._actors: _Actors | None = None
        self._agents: dict[str, Agent] | None = None
        self._lock = threading.Lock()
        self._entries: dict[str, GazetteerEntry] = {}
        self._sources: dict[str, tuple[str, ...]] = {}
        self._phrases: list[tuple[str, str, str]] = []
        self._names = _Index()
        self._ambiguous_names = _Index()
        self._demonyms = _Index()
        self._seats = _Index()  # unambiguous seats and capitals
        self._ambiguous_seats = _Index()
        self._seat_rank: dict[tuple[str, str], int] = {}
        for record in records:
            self._add(record)
        self._currency_exact: dict[str, list[str]] = {}
        self._currency_words: dict[str, list[str]] = {}
        self._currency_maybe: dict[str, list[str]] = {}
        for currency in currencies:
            self._add_currency(currency)

    def __getstate__(self) -> dict:
        """Picklable as before: the lock stays behind, the dictionary is reread."""
        state = dict(self.__dict__)
        state.update(_lock=None, _actors=None, _agents=None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _add(self, record: dict) -> None:
        entry = record["entry"]
        self._entries[entry.key] = entry
        self._sources[entry.key] = tuple(record.get("sources", ()))
        self._names.add(entry.name, entry.key)
        self._phrases.append((entry.name, entry.key, "name"))
        for alias in entry.aliases:
            self._names.add(alias, entry.key)
            self._phrases.append((alias, entry.key, "alias"))
        for alias in record["ambiguous_aliases"]:
            self._ambiguous_names.add(alias, entry.key)
        for demonym in record["demonyms"]:
            self._demonyms.add(demonym, entry.key)
            self._phrases.append((demonym, entry.key, "demonym"))
        for kind in ("seat", "capital"):  # metonyms before capitals when ambiguous
            for form, is_ambiguous in record[kind]:
                index = self._ambiguous_seats if is_ambiguous else self._seats
                index.add(form, entry.key)
                rank = len(self._seat_rank) + (0 if kind == "seat" else 10**6)
                self._seat_rank.setdefault((normalize(form), entry.key), rank)
                if not is_ambiguous:
                    self._phrases.append((form, entry.key, kind))

    def _add_currency(self, currency: _Currency) -> None:
        for symbol in (currency.code, *currency.symbols):
            self._currency_exact.setdefault(symbol, []).append(currency.code)
        for word in currency.words:
            self._currency_words.setdefault(_fold_word(word), []).append(currency.code)
        for word in currency.ambiguous_words:
            self._currency_maybe.setdefault(_fold_word(word), []).append(currency.code)

    # -- names -------------------------------------------------------------------

    def entry(self, key: str) -> GazetteerEntry | None:
        """The curated or generated entry with this key. Generated keys carry a dot
        ("person:alan-johnson.gbr"), which no slug has: a key minted from an
        article's text never reads the dictionary, nor lands on one of its people."""
        found = self._entries.get(key)
        if found is None and "." in key.partition(":")[2]:
            return self._dictionary().entry(key)
        return found

    def source_of(self, key: str) -> tuple[str, ...]:
        """Where an entry is written, "people.jsonl:166" (a user's ``--aliases``
        file too, one place per line that adds to it; a generated dictionary
        entry's line in ``actors.jsonl``): for `explain`, so a wrong name can be
        corrected where it comes from."""
        if key in self._entries:
            return self._sources.get(key, ())
        if "." in key.partition(":")[2]:
            number = self._dictionary().line_of(key)
            return (f"{ACTOR_FILE}:{number}",) if number is not None else ()
        return ()

    def entries(self) -> Iterator[GazetteerEntry]:
        """The curated entries (the ones :meth:`phrases` offers), not the generated
        dictionary: see :meth:`actor_entries`."""
        return iter(self._entries.values())

    def actor_entries(self) -> Iterator[GazetteerEntry]:
        """Every generated dictionary entry, built on the way (slow: for checks)."""
        actors = self._dictionary()
        for key in actors.keys():
            yield actors.entry(key)

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The one entry named ``text`` (name or alias), or None if none or several."""
        keys = self._names.candidates(text)
        if len(keys) != 1 or self._ambiguous_names.candidates(text):
            return None
        return self._entries[keys[0]]

    def candidates(self, text: str) -> tuple[GazetteerEntry, ...]:
        """Every entry ``text`` may name, ambiguous aliases included ("Congo")."""
        keys = self._names.candidates(text) + self._ambiguous_names.candidates(text)
        return tuple(self._entries[key] for key in dict.fromkeys(keys))

    def demonym(self, word: str) -> GazetteerEntry | None:
        """The entry a demonym names: "Ukrainian", "Ukrainians" -> Ukraine.

        None for words shared by two entries ("Korean")."""
        keys = self._demonyms.candidates(word)
        return self._entries[keys[0]] if len(keys) == 1 else None

    def seat(self, text: str, allow_ambiguous: bool = False) -> GazetteerEntry | None:
        """The state or organisation a capital or seat of power stands for: "the
        Kremlin" and "Moscow" -> Russia. A place that stands for several ("Brussels":
        Belgium, the EU, NATO) gives None unless ``allow_ambiguous``, and then the
        first seat declared (the EU) before any capital."""
        keys = self._seat_candidates(text)
        if not keys:
            return None
        if len(keys) == 1 and not self._ambiguous_seats.candidates(text):
            return self._entries[keys[0]]
        return self._entries[keys[0]] if allow_ambiguous else None

    def seat_candidates(self, text: str) -> tuple[GazetteerEntry, ...]:
        """Everything a seat or capital may stand for, seats of power first."""
        return tuple(self._entries[key] for key in self._seat_candidates(text))

    def _seat_candidates(self, text: str) -> list[str]:
        keys = self._seats.candidates(text) + self._ambiguous_seats.candidates(text)
        keys = list(dict.fromkeys(keys))
        if len(keys) < 2:
            return keys
        normal = normalize(text)
        forms = (normal, normal.removeprefix("the "))
        last = 3 * 10**6

        def rank(key: str) -> int:
            return min(self._seat_rank.get((form, key), last) for form in forms)

        return sorted(keys, key=rank)

    def phrases(self) -> Iterator[tuple[str, GazetteerEntry, str]]:
        """Every unambiguous (surface form, entry, kind) for spaCy patterns.

        kind is "name", "alias", "demonym", "seat" or "capital". A capital appears
        twice: as the "name" of its Place entry and as the "capital" of its state,
        so the extractor can choose by syntax ("met in Kyiv" vs "Kyiv said").
        Ambiguous aliases and seats ("Congo", "Brussels") are left out."""
        for form, key, kind in self._phrases:
            yield form, self._entries[key], kind

    # -- the generated dictionary: lookups by name and date --------------------------

    def _dictionary(self) -> _Actors:
        """The generated actors, read once, on first use (thread-safe); none when
        the gazetteer was built without them."""
        if self._actors is None:
            with self._lock:
                if self._actors is None and self._actor_files is None:
                    self._actors = _Actors.empty()
                elif self._actors is None:
                    self._actors = _Actors.read(*self._actor_files)
        return self._actors

    def actor(self, text: str, date: str | None = None) -> GazetteerEntry | None:
        """The one actor ``text`` names, curated or from the dictionary, or None.

        A name the curated files know is theirs alone (None if ambiguous there): the
        curated entry wins over a dictionary namesake, which :meth:`actors` still
        lists. Among dictionary entries only, a name two of them share resolves when
        ``date`` (YYYY-MM-DD) leaves exactly one of them holding an office then.
        For lookup only: these names are never in :meth:`phrases`."""
        if self._names.candidates(text) or self._ambiguous_names.candidates(text):
            return self.lookup(text)
        actors = self._dictionary()
        keys = actors.candidates(text)
        if len(keys) == 1:
            return actors.entry(keys[0])
        if date is None or not keys:
            return None
        day = _day(date)
        holders = [key for key in keys if self.office_on(key, day) is not None]
        return actors.entry(holders[0]) if len(holders) == 1 else None

    def actors(self, text: str) -> tuple[GazetteerEntry, ...]:
        """Every entry ``text`` may name: curated candidates, then dictionary ones."""
        found = [
            self._dictionary().entry(k) for k in self._dictionary().candidates(text)
        ]
        return self.candidates(text) + tuple(e for e in found if e is not None)

    # -- offices, memberships and states -------------------------------------------

    def positions_on(self, key: str, date: str) -> tuple[Position, ...]:
        """Every role ``key`` holds on ``date`` (YYYY-MM-DD), placed, in file order.

        A role without a sector takes its org's: a state's is government, a
        region's (place) devolved or local government, an IGO's the IGO's, a
        body's its own ``sector``. An office needs a start or end date: an undated
        code says whom a person belongs to, not that they hold office on a given
        day (the dictionaries leave former holders undated too). The undated
        ``party`` is a membership on days no dated party role says otherwise."""
        entry = self.entry(key)
        if entry is None:
            return ()
        day = _day(date)
        found = [self.position(role) for role in entry.roles if role.active_on(day)]
        if entry.party and not any(p.sector == "PTY" for p in found):
            state = self.state_of(entry.party, day)
            found.append(
                Position("member", entry.party, state, "PTY", False, None, None)
            )
        return tuple(found)

    def office_on(self, key: str, date: str) -> Position | None:
        """The office ``key`` holds on ``date``, whose ``state`` it then acts for.

        None for no office: opposition, party, legislature, former holders, people
        outside the gazetteer, and anything not a person (a body acts for its state
        by being one of its organs: :meth:`is_state_body`). An article is read
        against its own date; the caller passes the ingest date for an undated
        article (and says so)."""
        entry = self.entry(key)
        if entry is None or entry.type != "Person":
            return None
        for position in self.positions_on(key, date):
            if position.is_office:
                return position
        return None

    def memberships_on(self, key: str, date: str) -> tuple[Position, ...]:
        """The roles held on ``date`` that are not offices: party, opposition,
        legislature, elite, armed group ... They place a person, never lift their
        acts to a state. Empty for anything not a person."""
        entry = self.entry(key)
        if entry is None or entry.type != "Person":
            return ()
        return tuple(p for p in self.positions_on(key, date) if not p.is_office)

    def state_of(self, key: str, date: str | None = None) -> str | None:
        """The key of the state ``key`` belongs to: a country itself, a region's or
        body's state, a party's, company's or group's home, a person's nationality.

        Belonging is not acting for it: see :meth:`is_state_body` and
        :meth:`office_on`. An organisation's dated roles ("SDNREB" until 2011, then
        "SSDMIL") give its state on ``date``. None for IGOs and the unknown."""
        entry = self.entry(key)
        if entry is None:
            return None
        if entry.type == "Country":
            return entry.key
        if date and entry.type == "Organization":
            day = _day(date)
            for role in entry.roles:
                if role.active_on(day):
                    return self._place_of(role.org_key)
        return entry.country

    def is_state_body(self, key: str, date: str | None = None) -> bool:
        """Whether ``key`` is an organ of its state, acting FOR it: a ministry, the
        armed forces, an intelligence service, the police, a central bank. Parties,
        legislatures, courts, companies, media and armed groups belong to a state
        but are not its organs; neither are IGOs."""
        entry = self.entry(key)
        if entry is None or entry.type != "Organization" or entry.is_igo:
            return False
        sector = entry.sector or ""
        if date:
            day = _day(date)
            active = [role for role in entry.roles if role.active_on(day)]
            if active:
                sector = active[0].sector
        return self._sectors.is_office(sector) and self.state_of(key, date) is not None

    def acts_for(self, key: str, date: str) -> str | None:
        """The state (or IGO) an act of ``key`` on ``date`` counts for, or None.

        A country acts for itself, an IGO or its organ for itself, a state body for
        its state, a person for the state of the office held that day. Parties,
        opposition, legislators, former holders, companies and groups: None, the act
        stays theirs."""
        entry = self.entry(key)
        if entry is None:
            return None
        if entry.type == "Country":
            return entry.key
        if entry.type == "Organization":
            if entry.is_igo:
                return entry.key
            return self.state_of(key, date) if self.is_state_body(key, date) else None
        if entry.type == "Person":
            office = self.office_on(key, date)
            return office.state if office else None
        return None

    def sector_name(self, sector: str) -> str:
        """ "GOV" -> "government", "OPP" -> "opposition" (``rules/sectors.json``)."""
        return self._sectors.name(sector)

    def position(self, role: Role) -> Position:
        """A role placed in the world, whatever the day: where it is held, for
        which state, and whether it is an office (``explain`` names the offices a
        person held on other days than the article's)."""
        org = self.entry(role.org_key)
        sector = role.sector or _sector_of_org(org)
        if org is None:
            state = None
        elif org.type == "Organization" and not org.is_igo:
            state = org.country
        else:
            state = self._place_of(org.key)
        is_office = self._sectors.is_office(sector) and bool(role.start or role.end)
        return Position(
            role.role, role.org_key, state, sector, is_office, role.start, role.end
        )

    def _place_of(self, key: str) -> str | None:
        """A state or IGO is itself; a place is in its state."""
        entry = self.entry(key)
        if entry is None:
            return None
        return entry.country if entry.type == "Place" else entry.key

    # -- agent nouns -----------------------------------------------------------------

    def agent(self, noun: str) -> Agent | None:
        """The generic agent a noun denotes ("troops" -> MIL, "lawmaker" -> LEG,
        "foreign minister" -> GOV), singular or plural, case ignored; None if the
        dictionary has no such noun. Read on first use."""
        if self._agents is None:
            with self._lock:
                if self._agents is None:
                    self._agents = _read_agents(self._agent_files, self._sectors)
        return self._agents.get(_SPACES.sub(" ", noun).strip().casefold())

    # -- money ---------------------------------------------------------------------

    def currency(self, token: str) -> str | None:
        """ISO 4217 code for a currency symbol or word next to a number: "$" -> USD,
        "kronor" -> SEK, "pounds" -> GBP. None for unknown or ambiguous words
        ("kroner": Norwegian or Danish). Ask only about the token by the number:
        "won" and "real" are also English words."""
        token = token.strip()
        codes = self._currency_exact.get(token) or self._currency_words.get(
            _fold_word(token)
        )
        return codes[0] if codes and len(codes) == 1 else None

    def currency_candidates(self, token: str) -> tuple[str, ...]:
        """Every code ``token`` may denote: "kroner" -> ("DKK", "NOK")."""
        token = token.strip()
        folded = _fold_word(token)
        codes = [
            *self._currency_exact.get(token, ()),
            *self._currency_words.get(folded, ()),
            *self._currency_maybe.get(folded, ()),
        ]
        return tuple(dict.fromkeys(codes))

    def scale(self, word: str) -> float | None:
        """The multiplier a scale word stands for: "billion", "bn", "BN" -> 1e9."""
        return SCALES.get(word.strip().rstrip(".").casefold())


def _day(date: str) -> str:
    """The day of an ISO date or datetime; anything else is refused, since a wrong
    day would silently give the wrong office."""
    day = date[:10] if isinstance(date, str) else ""
    if not _DAY.match(day):
        raise ValueError(f"date must be YYYY-MM-DD, not {date!r}")
    return day


def _sector_of_org(org: GazetteerEntry | None) -> str:
    """The sector a curated role takes from where it is held."""
    if org is None:
        return ""
    if org.type == "Country":
        return "GOV"
    if org.type == "Place":
        return "LOC"
    return org.sector or ("IGO" if org.is_igo else "")


def _fold_word(word: str) -> str:
    text = _strip_accents(word.translate(_QUOTES))
    return _SPACES.sub(" ", text).strip().casefold()


# -- loading -----------------------------------------------------------------------


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each line; blank lines and ``_comment`` lines are
    skipped. A line that is not a JSON object is an InputError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read gazetteer: {err}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(path, f"line {number}: invalid JSON ({err.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(path, f"line {number}: expected a JSON object")
        if "_comment" in obj and len(obj) == 1:
            continue
        yield number, obj


def _forms(value: object, where: str) -> list[tuple[str, bool, list[str]]]:
    """A list of surface forms, each a string or {"name", "aliases", "ambiguous"}:
    (form, is_ambiguous, spelling variants)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{where} must be a list")
    forms = []
    for item in value:
        if isinstance(item, str) and item.strip():
            forms.append((item, False, []))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            variants = item.get("aliases", [])
            if not all(isinstance(v, str) for v in variants):
                raise ValueError(f"{where}: aliases must be strings")
            forms.append((item["name"], bool(item.get("ambiguous")), list(variants)))
        else:
            raise ValueError(f"{where}: {item!r} is not a name")
    return forms


def _country_key(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ValueError("country must be an ISO alpha-3 code or a key")
    return value if ":" in value else f"country:{value}"


def _roles(value: object) -> tuple[Role, ...]:
    roles = []
    for item in value or []:
        if not isinstance(item, dict) or not item.get("role") or not item.get("org"):
            raise ValueError("each role needs 'role' and 'org'")
        start, end = item.get("from"), item.get("to")
        for date in (start, end):
            if date is not None and not (isinstance(date, str) and _DATE.match(date)):
                raise ValueError(f"role date {date!r} is not YYYY[-MM[-DD]]")
        sector, code = item.get("sector", ""), item.get("code", "")
        if not (isinstance(sector, str) and isinstance(code, str)):
            raise ValueError("a role's sector and code must be strings")
        org = _country_key(item["org"])
        roles.append(Role(item["role"], org, start, end, sector, code))
    return tuple(roles)


def _merge(old: dict, new: dict) -> dict:
    """A later record for the same key adds list items and replaces the rest."""
    merged = dict(old)
    for field, value in new.items():
        if isinstance(value, list) and isinstance(old.get(field), list):
            merged[field] = old[field] + [v for v in value if v not in old[field]]
        elif isinstance(value, dict) and isinstance(old.get(field), dict):
            merged[field] = {**old[field], **value}
        else:
            merged[field] = value
    return _without_refused_aliases(merged)


def _without_refused_aliases(record: dict) -> dict:
    """``"not_aliases"``: names a user says are NOT this entity (to split a merge)."""
    refused = record.get("not_aliases") or []
    if not refused:
        return record

    def kept(form: object) -> bool:
        name = form.get("name") if isinstance(form, dict) else form
        return name not in refused

    return {**record, "aliases": [a for a in record.get("aliases") or [] if kept(a)]}


def _sector(value: object) -> str | None:
    if value is not None and not (isinstance(value, str) and value.isupper()):
        raise ValueError("sector must be a CAMEO sector code such as 'GOV'")
    return value


def _capital_places(raw: dict) -> Iterator[dict]:
    """Each capital is also a city: "Officials met in Kyiv" mentions a place."""
    if raw.get("type") != "Country":
        return
    for item in raw.get("capital") or []:
        name, aliases = (item, []) if isinstance(item, str) else (item["name"], [])
        if isinstance(item, dict):
            aliases = list(item.get("aliases", []))
        yield {
            "key": f"place:{slug(name)}",
            "type": "Place",
            "name": name,
            "aliases": aliases,
            "country": raw["key"],
        }


def _record(raw: dict) -> dict:
    """Check one raw object and turn it into an entry plus its extra surface forms."""
    key, kind, name = raw.get("key"), raw.get("type"), raw.get("name")
    if kind not in ENTRY_TYPES:
        raise ValueError(f"type must be one of {', '.join(ENTRY_TYPES)}")
    if not isinstance(key, str) or not key.startswith(KEY_PREFIXES[kind]):
        raise ValueError(f"key must start with {KEY_PREFIXES[kind]!r}")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name must be a non-empty string")
    aliases = _forms(_without_refused_aliases(raw).get("aliases"), "aliases")
    ids = raw.get("ids") or {}
    if not isinstance(ids, dict):
        raise ValueError("ids must be an object")
    country = _country_key(raw.get("country"))
    entry = GazetteerEntry(
        key=key,
        name=name,
        type=kind,
        aliases=tuple(
            dict.fromkeys(a for a, amb, _ in aliases if not amb and a != name)
        ),
        ids=tuple((str(s), str(v)) for s, v in ids.items()),
        country=country if country != key else None,
        roles=_roles(raw.get("roles")),
        is_igo=bool(raw.get("igo")),
        is_publisher=bool(raw.get("publisher")),
        party=raw.get("party"),
        sector=_sector(raw.get("sector")),
    )
    seats = [(f, amb) for f, amb, _ in _forms(raw.get("seats"), "seats")]
    capitals = [
        (form, amb)
        for f, amb, variants in _forms(raw.get("capital"), "capital")
        for form in (f, *variants)
    ]
    demonyms = [f for f, _, _ in _forms(raw.get("demonyms"), "demonyms")]
    return {
        "entry": entry,
        "ambiguous_aliases": [a for a, amb, _ in aliases if amb],
        "demonyms": demonyms,
        "seat": seats,
        "capital": capitals,
    }


def _read_currencies(path: Path) -> Iterator[_Currency]:
    for number, obj in read_jsonl(path):
        code = obj.get("code")
        if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            raise InputError(path, f"line {number}: 'code' must be an ISO 4217 code")
        lists = {}
        for field in ("symbols", "words", "ambiguous_words"):
            value = obj.get(field, [])
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise InputError(path, f"line {number}: '{field}' must list strings")
            lists[field] = tuple(value)
        yield _Currency(code, **lists)


def _read_entities(paths: Iterable[Path]) -> list[dict]:
    raws: dict[str, dict] = {}
    where: dict[str, tuple[Path, int]] = {}
    sources: dict[str, list[str]] = {}  # every line that wrote to a key
    for path in paths:
        for number, obj in read_jsonl(path):
            key = obj.get("key")
            if not isinstance(key, str):
                raise InputError(path, f"line {number}: missing 'key'")
            for extra in _capital_places(obj):
                # A capital defined in places.jsonl keeps its own record.
                if extra["key"] not in raws:
                    sources[extra["key"]] = [f"{path.name}:{number}"]
                raws.setdefault(extra["key"], extra)
                where.setdefault(extra["key"], (path, number))
            known = raws.get(key)
            if known and obj.get("type", known.get("type")) == known.get("type"):
                obj = _merge(known, obj)  # {"key", "aliases"} is enough to add a name
                sources.setdefault(key, []).append(f"{path.name}:{number}")
            else:
                sources[key] = [f"{path.name}:{number}"]
            raws[key] = obj
            where[key] = (path, number)
    records = []
    for key, raw in raws.items():
        try:
            records.append({**_record(raw), "sources": tuple(sources.get(key, ()))})
        except (ValueError, TypeError, KeyError) as err:
            path, number = where[key]
            raise InputError(path, f"line {number}: {key}: {err}") from None
    return records


def _read_jsonl_fast(path: Path) -> Iterator[tuple[int, dict]]:
    """:func:`read_jsonl` for a large generated file: one parse of the whole file
    (three times faster than a parse a line); on any error the careful reader runs
    and names the bad line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read gazetteer: {err}") from None
    lines = text.splitlines()
    numbers = [number for number, line in enumerate(lines, start=1) if line.strip()]
    try:
        objects = json.loads("[" + ",".join(lines[n - 1] for n in numbers) + "]")
    except json.JSONDecodeError:
        objects = None
    # a line "{...}, {...}" would parse as two objects: the count must match too
    if objects is None or len(objects) != len(numbers):
        yield from read_jsonl(path)
        return
    if not all(isinstance(obj, dict) for obj in objects):
        yield from read_jsonl(path)
        return
    for number, obj in zip(numbers, objects, strict=True):
        if not ("_comment" in obj and len(obj) == 1):
            yield number, obj


def read_sectors(path: Path) -> Sectors:
    """``rules/sectors.json``: CAMEO sector names, and which sectors are offices."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        offices, others = data["office"], data["membership"]
        if not (isinstance(offices, dict) and isinstance(others, dict)):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError) as err:
        message = f"cannot read sectors ({type(err).__name__}: {err})"
        raise InputError(path, message) from None
    return Sectors({**others, **offices}, frozenset(offices))


def _read_agents(paths: Iterable[Path], sectors: Sectors) -> dict[str, Agent]:
    """Noun and plurals -> Agent; the first record of a noun wins."""
    agents: dict[str, Agent] = {}
    for path in paths:
        for number, obj in _read_jsonl_fast(path):
            noun, code, sector = obj.get("noun"), obj.get("code"), obj.get("sector")
            plurals = obj.get("plurals", [])
            if not all(isinstance(v, str) and v for v in (noun, code, sector)):
                raise InputError(path, f"line {number}: needs 'noun', 'code', 'sector'")
            if not (
                isinstance(plurals, list) and all(isinstance(p, str) for p in plurals)
            ):
                raise InputError(path, f"line {number}: 'plurals' must list strings")
            agent = Agent(noun, code, sector, sectors.is_office(sector))
            for form in (noun, *plurals):
                agents.setdefault(form.casefold(), agent)
    return agents


def load_gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """The shipped gazetteers plus ``extra`` files in the same JSON Lines format.

    A record in a later file with a key already seen adds its aliases, demonyms and
    seats and replaces the other fields, so a user file can teach a local name
    without copying the entry. Cached: every stage shares one instance. The
    generated dictionary (``actors.jsonl``, ``agents.jsonl``) is only located
    here, and read on first use."""
    # One cache key for ``load_gazetteer()`` and ``load_gazetteer(())``: an
    # ``lru_cache`` tells the two apart, and the ingest's type vote (no argument)
    # read the whole gazetteer a second time (~0.2 s) beside the pipeline's copy.
    return _load_gazetteer(tuple(extra))


@lru_cache(maxsize=8)
def _load_gazetteer(extra: tuple[Path, ...]) -> Gazetteer:
    paths = [RULES_DIR / name for name in ENTITY_FILES]
    paths += [Path(p) for p in extra]
    records = _read_entities(paths)
    return Gazetteer(
        records,
        tuple(_read_currencies(RULES_DIR / CURRENCY_FILE)),
        sectors=read_sectors(RULES_DIR / SECTOR_FILE),
        actor_files=(RULES_DIR / ACTOR_FILE, RULES_DIR / ACTOR_INDEX_FILE),
        agent_files=(RULES_DIR / AGENT_FILE,),
    )


# Tests start from a cold cache.
load_gazetteer.cache_clear = _load_gazetteer.cache_clear  # type: ignore[attr-defined]
