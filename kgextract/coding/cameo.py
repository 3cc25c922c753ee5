"""CAMEO actor codes for our entities, and PETRARCH actor/agent dictionaries.

Event-data gold sets name actors by CAMEO code (``USA``, ``IRQGOVMIL``,
``IGOEUREEC``); we name them by entity key. Scoring compares them at country level:
the first three letters of a code. A country's code is its ISO 3166-1 alpha-3 (CAMEO
uses ISO alpha-3 for states), an intergovernmental organisation is ``IGO``, and a
person or national body acts for its state. What cannot be mapped is ``---``
(unknown), never a guess.

The PETRARCH dictionary files (``PETR.Validate.actors.txt``, ``Phoenix.*.actors.txt``,
``*.agents.txt``) are read here so that users can bring the dictionaries they already
have: actors become gazetteer records carrying their code, agents ("troops",
"court") become nouns that act for the state that modifies them. Pure Python: no
spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kgextract.errors import InputError
from kgextract.knowledge.gazetteer import Gazetteer
from kgextract.model import Affiliation, Entity, slug

UNKNOWN = "---"
IGO = "IGO"
_CODE = re.compile(r"\[([^\]]*)\]")
_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.DOTALL)
_DATE_RESTRICTION = re.compile(r"^([<>])\s*(\d{6,8})$|^(\d{6,8})\s*-\s*(\d{6,8})$")


@dataclass(frozen=True, slots=True)
class DictionaryActor:
    """One actor entry: its names (first is the main one) and CAMEO code."""

    names: tuple[str, ...]
    code: str
    # (code, first day, last day) in ISO dates, "" for an open end: the code an
    # entry carries only in those days ("ZIMBABWE [RHO <790606]")
    dated: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class DictionaryAgent:
    """One agent noun ("troops", "foreign minister") and its code ("~MIL")."""

    noun: str
    plurals: tuple[str, ...]
    code: str


@dataclass(frozen=True)
class ActorCodes:
    """Entity key -> CAMEO code overrides, read from actor dictionaries.

    ``records`` are gazetteer records for the names our gazetteer does not know;
    ``overrides`` give a code to an entity it already knows (so "Egypt" stays
    ``country:EGY`` and is never made ambiguous by a second entry).
    """

    overrides: Mapping[str, str] = field(default_factory=dict)
    records: tuple[dict, ...] = ()
    agent_nouns: frozenset[str] = frozenset()
    dated: Mapping[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)

    def on(self, date: str | None) -> Mapping[str, str]:
        """The overrides on one day (ISO ``date``): an entry's dated code where the
        day falls in its range (the first such, as PETRARCH reads them), so that a
        story from 1978 codes Zimbabwe as Rhodesia. Without a date, the undated
        codes."""
        if not date or not self.dated:
            return self.overrides
        day = date[:10]
        chosen = {}
        for key, ranges in self.dated.items():
            for code, first, last in ranges:
                if (not first or first <= day) and (not last or day <= last):
                    chosen[key] = code
                    break
        return {**self.overrides, **chosen} if chosen else self.overrides


# Words that stay lowercase inside a name ("Bank of England", "Trinidad and Tobago").
_NAME_PARTICLES = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des"})


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _name(raw: str) -> str:
    """``MINAS_TIRITH`` -> ``Minas Tirith``: PETRARCH's underscores are spaces, a
    trailing one only marks a word boundary; capitalised so that lowercase text never
    matches it (the gazetteer's rule)."""
    words = raw.strip().strip("_").replace("_", " ").split()
    return " ".join(
        # "PRINCE OF DOL AMROTH" is written "Prince of Dol Amroth"
        w.lower()
        if position and w.lower() in _NAME_PARTICLES
        else w
        if any(c.islower() for c in w)
        else w.title()
        for position, w in enumerate(words)
    )


def _day(raw: str) -> str:
    """``950601`` (TABARI's two-digit years: 1930-2029) or ``19950601`` -> ISO."""
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year < 30 else 1900 + year}{raw[2:]}"
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def _dated_codes(codes: list[str]) -> tuple[tuple[str, str, str], ...]:
    """The codes with a date restriction, as (code, first day, last day): ``<D`` ends
    the day before D, ``>D`` starts the day after, ``D1-D2`` includes both ends."""
    from datetime import date, timedelta

    def shift(day: str, days: int) -> str:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()

    dated = []
    for body in codes:
        parts = body.split(None, 1)
        match = _DATE_RESTRICTION.match(parts[1].strip()) if len(parts) == 2 else None
        if match is None:
            continue
        side, bound, first, last = match.groups()
        try:
            if side == "<":
                dated.append((parts[0].upper(), "", shift(_day(bound), -1)))
            elif side == ">":
                dated.append((parts[0].upper(), shift(_day(bound), 1), ""))
            else:
                dated.append((parts[0].upper(), _day(first), _day(last)))
        except ValueError:
            continue  # not a calendar day: the restriction cannot apply
    return tuple(dated)


def _names(raw: str) -> list[str]:
    """The name, and where it holds a two-letter word that is no particle
    (``THE_AU``, ``KU``), also that word in capitals: an acronym is written "AU",
    never "Au"."""
    name = _name(raw)
    if not name:
        return []
    words = name.split()
    acronym = " ".join(
        w.upper()
        if len(w) == 2 and w.isalpha() and w.lower() not in _NAME_PARTICLES
        else w
        for w in words
    )
    return [name] if acronym == name else [name, acronym]


def _pick_code(codes: list[str]) -> str | None:
    """The code without a date restriction, else the latest one."""
    plain = []
    for body in codes:
        parts = body.split(None, 1)
        if not parts:
            continue
        if len(parts) == 1 or not _DATE_RESTRICTION.match(parts[1].strip()):
            plain.append(parts[0])
    if plain:
        return plain[0]
    return codes[-1].split()[0] if codes and codes[-1].split() else None


def read_actor_dictionary(path: Path) -> list[DictionaryActor]:
    """Read a PETRARCH actor dictionary.

    An entry is a name line (``NEW_ZEALAND [NZE]``), optional synonym lines starting
    with ``+``, and its code either on the name line or on indented lines below.
    Several codes with date restrictions (``[RHO <790606]``) are kept as ``dated``,
    applied by :meth:`ActorCodes.on` to a story of that day; ``code`` is the
    unrestricted one, else the latest. ``#`` starts a comment, and ``<!-- -->``
    blocks are skipped.
    """
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise InputError(
            path, f"cannot read actor dictionary ({err.strerror})"
        ) from None
    text = _COMMENT_BLOCK.sub("", text)
    actors: list[DictionaryActor] = []
    names: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        code = _pick_code(codes)
        if names and code and not code.startswith(("+", "#")):
            # "THE_SHIRE" is also "the Shire" mid-sentence: the name without its
            # article is an alias
            bare = [n[4:] for n in names if n.startswith("The ") and len(n) > 4]
            actors.append(
                DictionaryActor(
                    tuple(dict.fromkeys(names + bare)),
                    code.upper(),
                    _dated_codes(codes),
                )
            )

    for raw_line in text.splitlines():
        line = _strip_comment(raw_line)
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            names.extend(_names(_CODE.sub("", stripped[1:])))
            codes.extend(_CODE.findall(stripped))
            continue
        if line[0].isspace() and stripped.startswith("["):
            codes.extend(_CODE.findall(stripped))
            continue
        flush()
        codes = list(_CODE.findall(stripped))
        names = _names(_CODE.sub("", stripped))
    flush()
    if not actors:
        raise InputError(path, "no actor entries (expected lines like 'FRANCE [FRA]')")
    return actors


_MACRO = re.compile(r"!([A-Za-z]+)!\s*=\s*(.+)")


def _expand_macros(noun: str, macros: Mapping[str, list[str]]) -> list[str]:
    """ "CONGRESS!PERSON!" with ``!PERSON! = MAN, MEN``: "CONGRESSMAN",
    "CONGRESSMEN". Nothing if a macro is undefined."""
    match = re.search(r"!([A-Za-z]+)!", noun)
    if match is None:
        return [noun]
    words = macros.get(match.group(1).upper())
    if not words:
        return []
    return [
        expanded
        for word in words
        for expanded in _expand_macros(
            noun[: match.start()] + word + noun[match.end() :], macros
        )
    ]


def read_agent_dictionary(path: Path) -> list[DictionaryAgent]:
    """Read a PETRARCH agent dictionary: ``NOUN {PLURAL} [~CODE]`` lines.

    Substitution macros (``!PERSON! = MAN, MEN``) are expanded where a noun uses
    them ("CONGRESS!PERSON!" is "congressman", "congressmen"…): the Phoenix
    dictionaries write their ministries and people that way. A noun using an
    undefined macro is skipped.
    """
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise InputError(
            path, f"cannot read agent dictionary ({err.strerror})"
        ) from None
    text = _COMMENT_BLOCK.sub("", text)
    agents = []
    macros: dict[str, list[str]] = {}
    for raw_line in text.splitlines():
        line = _strip_comment(raw_line).strip()
        if macro := _MACRO.fullmatch(line):
            words = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            macros[macro.group(1).upper()] = words
            continue
        if not line or "[" not in line:
            continue
        codes = _CODE.findall(line)
        head = _CODE.sub("", line)
        plurals = re.findall(r"\{([^}]*)\}", head)
        noun = re.sub(r"\{[^}]*\}", "", head).strip().strip("_")
        if not noun or not codes:
            continue
        for word in _expand_macros(noun, macros):
            agents.append(
                DictionaryAgent(
                    noun=word.replace("_", " ").lower(),
                    plurals=tuple(
                        p.replace("_", " ").strip().lower()
                        for p in plurals
                        if p.strip() and "!" not in p
                    ),
                    code=codes[0].strip(),
                )
            )
    if not agents:
        raise InputError(path, "no agent entries (expected lines like 'ARMY [~MIL]')")
    return agents


def actor_codes(
    gazetteer: Gazetteer,
    actor_files: Iterable[Path] = (),
    agent_files: Iterable[Path] = (),
) -> ActorCodes:
    """Turn dictionary files into code overrides, new gazetteer records, agent nouns."""
    overrides: dict[str, str] = {}
    records: dict[str, dict] = {}
    dated: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for path in actor_files:
        for actor in read_actor_dictionary(Path(path)):
            known = None
            for name in actor.names:
                known = gazetteer.lookup(name) or gazetteer.demonym(name)
                if known is not None:
                    break
            if known is not None:
                overrides.setdefault(known.key, actor.code)
                if actor.dated:
                    dated.setdefault(known.key, actor.dated)
                # its other names ("THE_HERMIT_KINGDOM" for North Korea) name it too
                new = [
                    name
                    for name in actor.names
                    if gazetteer.lookup(name) is None
                    and gazetteer.demonym(name) is None
                ]
                if new and known.key not in records:
                    records[known.key] = {"key": known.key, "aliases": new}
                continue
            is_state = len(actor.code) == 3 or actor.code == UNKNOWN
            key = ("country:cameo-" if is_state else "org:cameo-") + slug(
                actor.names[0]
            )
            if key in records:
                continue
            if actor.dated:
                dated[key] = actor.dated
            records[key] = {
                "key": key,
                "type": "Country" if is_state else "Organization",
                "name": actor.names[0],
                "aliases": [n for n in actor.names[1:] if n != actor.names[0]],
                "ids": {"cameo": actor.code},
            }
    nouns: set[str] = set()
    for path in agent_files:
        for agent in read_agent_dictionary(Path(path)):
            nouns.add(agent.noun)
            nouns.update(agent.plurals)
    return ActorCodes(
        overrides=overrides,
        records=tuple(records.values()),
        agent_nouns=frozenset(nouns),
        dated=dated,
    )


def cameo_code(
    key: str | None,
    entities: Mapping[str, Entity],
    gazetteer: Gazetteer,
    affiliations: Iterable[Affiliation] = (),
    overrides: Mapping[str, str] | None = None,
) -> str:
    """The CAMEO actor code of an entity, at least to country level; ``---`` if unknown.

    Order: a dictionary override or a ``cameo`` id; a country's ISO alpha-3; ``IGO`` for
    intergovernmental organisations; else the state a person or body belongs to (from
    the article's affiliations, then the gazetteer).
    """
    seen: set[str] = set()
    links = {}
    for affiliation in affiliations:
        links.setdefault(affiliation.person, affiliation.organization)
    while key is not None and key not in seen:
        seen.add(key)
        if overrides and key in overrides:
            return overrides[key]
        entity = entities.get(key)
        entry = gazetteer.entry(key)
        ids = dict(entity.ids if entity else ()) | dict(entry.ids if entry else ())
        if "cameo" in ids:
            return ids["cameo"].upper()
        if "iso3166-1-alpha-3" in ids:
            return ids["iso3166-1-alpha-3"]
        if key.startswith("country:") and len(key) == len("country:") + 3:
            return key.removeprefix("country:")
        if entry is not None and entry.is_igo:
            return IGO
        if key in links:
            key = links[key]
        elif entry is not None and entry.country:
            key = entry.country
        else:
            return UNKNOWN
    return UNKNOWN


def country_level(code: str) -> str:
    """The first three letters: the level scoring compares actors at."""
    return (code or UNKNOWN)[:3].upper()
