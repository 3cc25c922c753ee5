"""Curated world knowledge the small spaCy model lacks: who and what a name stands for.

The model tags "Kyiv" as a person and "Scholz" as a place; the extractor corrects it
with these gazetteers, which live as data in ``kgextract/rules/*.jsonl`` (one JSON
object a line, see ``rules/README.md``). This module only reads them: pure Python, no
spaCy, so it loads in milliseconds and the query side can use it too.

Matching is deliberately conservative. A surface form that belongs to two entries
("Congo", "Korea", "Brussels") resolves to nothing unless the caller asks for the
candidates: a wrong actor in the graph is worse than a missing one. Lowercase text
never matches a capitalised name, so "us" and "who" are not the US and the WHO.
"""

from __future__ import annotations

import json
import re
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
_SPACES = re.compile(r"\s+")
_NEEDS_WORK = re.compile(r"[.'`\-]|\s\s|^\s|\s$|^The |[^ -~]")
_POSSESSIVE = re.compile(r"(?:'s|'|s')$")  # after apostrophes are made straight
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_DASHES = str.maketrans({"-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " "})


@dataclass(frozen=True, slots=True)
class Role:
    """An office held, e.g. Chancellor of ``country:DEU`` from 2021-12-08.

    Dates are ISO 8601, possibly partial ("2004", "2004-09") when the day is not known;
    ``end`` None means still in office when the gazetteer was written.
    """

    role: str
    org_key: str
    start: str | None = None
    end: str | None = None

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

    def roles_on(self, date: str) -> tuple[Role, ...]:
        """The roles held on ``date``: an article of 2005 makes Blair Prime Minister."""
        return tuple(role for role in self.roles if role.active_on(date))


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


class Gazetteer:
    """Entries with their names, aliases, demonyms, capitals and seats, indexed."""

    def __init__(
        self, records: Iterable[dict], currencies: Iterable[_Currency] = ()
    ) -> None:
        self._entries: dict[str, GazetteerEntry] = {}
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

    def _add(self, record: dict) -> None:
        entry = record["entry"]
        self._entries[entry.key] = entry
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
        return self._entries.get(key)

    def entries(self) -> Iterator[GazetteerEntry]:
        return iter(self._entries.values())

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
        roles.append(Role(item["role"], _country_key(item["org"]), start, end))
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
    for path in paths:
        for number, obj in read_jsonl(path):
            key = obj.get("key")
            if not isinstance(key, str):
                raise InputError(path, f"line {number}: missing 'key'")
            for extra in _capital_places(obj):
                # A capital defined in places.jsonl keeps its own record.
                raws.setdefault(extra["key"], extra)
                where.setdefault(extra["key"], (path, number))
            known = raws.get(key)
            if known and obj.get("type", known.get("type")) == known.get("type"):
                obj = _merge(known, obj)  # {"key", "aliases"} is enough to add a name
            raws[key] = obj
            where[key] = (path, number)
    records = []
    for key, raw in raws.items():
        try:
            records.append(_record(raw))
        except (ValueError, TypeError, KeyError) as err:
            path, number = where[key]
            raise InputError(path, f"line {number}: {key}: {err}") from None
    return records


@lru_cache(maxsize=8)
def load_gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """The shipped gazetteers plus ``extra`` files in the same JSON Lines format.

    A record in a later file with a key already seen adds its aliases, demonyms and
    seats and replaces the other fields, so a user file can teach a local name
    without copying the entry. Cached: every stage shares one instance."""
    paths = [RULES_DIR / name for name in ENTITY_FILES]
    paths += [Path(p) for p in extra]
    records = _read_entities(paths)
    return Gazetteer(records, tuple(_read_currencies(RULES_DIR / CURRENCY_FILE)))
