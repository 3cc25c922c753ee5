"""The extractors' rules, read from the data files in ``kgextract/rules/``.

Adding a verb is a data change plus a test, not code: ``lexicon.jsonl`` maps lemmas to
PLOVER types and CAMEO codes; ``syntax.json`` holds the closed word lists the
dependency rules consult (which nouns denote a government, which words make an event
hypothetical, which prepositions make a capital a location).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kgextract.errors import KgExtractError
from kgextract.knowledge import RULES_DIR

_QUADS = (
    (5, "VERBAL_COOPERATION"),
    (8, "MATERIAL_COOPERATION"),
    (13, "VERBAL_CONFLICT"),
    (20, "MATERIAL_CONFLICT"),
)


def quad_class(cameo: str) -> str:
    """The quad class of a CAMEO code: roots 01-05, 06-08, 09-13, 14-20."""
    root = int(cameo[:2])
    for last_root, quad in _QUADS:
        if root <= last_root:
            return quad
    raise ValueError(f"not a CAMEO code: {cameo!r}")


@dataclass(frozen=True, slots=True)
class PatternElement:
    """One element of a verb pattern: words to find, or where an actor stands.

    ``words``: alternative word sequences (a synonym set has several; "diplomatic
    ties" is one sequence of two), lowercase; a word ending in ``_`` must be the
    whole word, any other the word or its lemma ("effort" finds "efforts").
    ``actor``: ``"target"`` or ``"source"`` where the pattern says who stands
    there, ``"compound"`` (the subject is a list), ``"skip"`` (a phrase to pass
    before the next actor). ``joined``: right after the previous element's words.
    """

    words: tuple[tuple[str, ...], ...] = ()
    actor: str | None = None
    joined: bool = False


@dataclass(frozen=True, slots=True)
class VerbPatternRule:
    """A verb dictionary's pattern (``- * {DIPLOMATIC TIES} [080]``): the words
    around the verb that give its event another code. ``cameo`` None: the words say
    there is no event ("approve the budget")."""

    before: tuple[PatternElement, ...]
    after: tuple[PatternElement, ...]
    cameo: str | None
    reverse_cameo: str | None = None
    is_reciprocal: bool = False  # a paired code A:A ("A and B renewed ties")

    @property
    def needs_compound(self) -> bool:
        """``- % * [030:030]``: only when the subject is a list ("A and B")."""
        return any(e.actor == "compound" for e in self.before)

    @property
    def size(self) -> int:
        return sum(
            len(max(e.words, key=len)) for e in (*self.before, *self.after) if e.words
        )


@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a word, chosen by what its slots hold (a selectional
    restriction): "attacked Mr Blair's words" is criticism, "attacked the base"
    force; "lifted sanctions" a concession, "lifted interest rates" nothing.
    ``when``: conditions that must all hold (nlp/events/engine.py, step
    ``sense``); ``type`` None: no event in that reading."""

    when: Mapping[str, object]
    type: str | None
    cameo: str | None


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    lemma: str
    pos: str  # VERB | NOUN
    type: str | None  # PLOVER type; None for a light verb
    cameo: str | None
    targets: tuple[str, ...]
    is_light: bool = False
    requires_modifier: frozenset[str] = frozenset()
    is_light_only: bool = False
    examples: tuple[tuple, ...] = ()
    is_reciprocal: bool = False  # "A and B met": each acts on the other
    # "A met with B" is A's act only; the object is not also a subject (CAMEO codes
    # the one who went to meet). False for "subjects"-only reciprocal entries.
    is_object_reciprocal: bool = True
    # A light verb whose event noun is the object of this preposition, not its
    # direct object: "engaged the rebels in a firefight".
    noun_preposition: str | None = None
    # What the target does back, as a CAMEO code: "A arrived in B" is A visiting (032)
    # and B hosting A (033), a dictionary's paired code [032:033]. None: one event.
    reverse_cameo: str | None = None
    # A light verb whose subject receives the event: "Ukraine received weapons from
    # Germany" is Germany's aid to Ukraine. The giver is the object of "from".
    is_inverse: bool = False
    # Patterns of a verb dictionary: words around the verb that change its code.
    # An entry whose ``cameo`` is None codes an event only where a pattern matches.
    patterns: tuple[VerbPatternRule, ...] = ()
    # A dictionary's inflected headword with a code of its own ("LEFT [042:043]"
    # beside "LEAVE [012]"): the form as written, and the entry it stands for.
    forms: tuple[tuple[str, LexiconEntry], ...] = ()
    # A light verb whose direct object is an actor, not an event noun, codes this
    # entry: "Putin received the Iranian foreign minister" is hosting a visit (043),
    # and the minister visiting (042); "received weapons" stays the weapons' event.
    actor_object: LexiconEntry | None = None
    # Where the entry was read: "lexicon.jsonl:12", a dictionary file and line.
    source: str = ""
    # Readings by what the slots hold, tried in order; none that holds: the entry.
    senses: tuple[Sense, ...] = ()
    # Read from a user's verb dictionary (PETRARCH's), whose codes need not be
    # CAMEO's: validation dictionaries keep WEIS-era codes such as 903.
    from_dictionary: bool = False

    @property
    def quad(self) -> str:
        """The code's quad class; a dictionary's code outside CAMEO's 20 roots has
        none rather than failing the article."""
        if not self.cameo:
            return ""
        try:
            return quad_class(self.cameo)
        except ValueError:
            if self.from_dictionary:
                return ""
            raise


@dataclass(frozen=True)
class Lexicon:
    """Verb and noun triggers. A verb may be both direct and light ("send")."""

    verbs: dict[str, LexiconEntry]
    light_verbs: dict[str, LexiconEntry]
    nouns: dict[str, LexiconEntry]

    def entries(self) -> list[LexiconEntry]:
        return [*self.verbs.values(), *self.light_verbs.values(), *self.nouns.values()]


@dataclass(frozen=True)
class Syntax:
    """Closed word lists, as frozensets of lowercase lemmas."""

    actor_nouns: frozenset[str]
    group_nouns: frozenset[str]
    control_nouns: frozenset[str]
    intent_words: frozenset[str]
    prospective_words: frozenset[str]
    appeal_verbs: frozenset[str]
    stated_intent_verbs: frozenset[str]
    located_types: frozenset[str]
    accusing_types: frozenset[str]
    future_auxiliaries: frozenset[str]
    modal_auxiliaries: frozenset[str]
    factual_modals: frozenset[str]
    negation_words: frozenset[str]
    negating_verbs: frozenset[str]
    locative_prepositions: frozenset[str]
    speech_verbs: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    not_entities: frozenset[str]
    organization_heads: frozenset[str]
    document_heads: frozenset[str]
    # Non-state group noun -> CAMEO agent code ("rebel" -> "REB").
    group_agents: Mapping[str, str] = field(default_factory=dict)
    permission_nouns: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    # pronoun -> what it can stand for: sing, plural, speaker, thing
    personal_pronouns: Mapping[str, str] = field(default_factory=dict)
    relative_pronouns: frozenset[str] = frozenset()
    quote_marks: frozenset[str] = frozenset()
    hypothetical_adverbs: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    future_time_words: frozenset[str] = frozenset()
    future_marks: frozenset[str] = frozenset()
    person_role_nouns: frozenset[str] = frozenset()
    bid_nouns: frozenset[str] = frozenset()
    specifying_words: tuple[str, ...] = ()  # tried in this order
    leader_nouns: frozenset[str] = frozenset()
    topic_prepositions: tuple[str, ...] = ()  # tried in this order
    leading_participles: frozenset[str] = frozenset()
    female_honorifics: frozenset[str] = frozenset()
    male_honorifics: frozenset[str] = frozenset()
    office_descriptions: frozenset[str] = frozenset()
    description_nouns: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    office_titles: frozenset[str] = frozenset()
    not_office_words: frozenset[str] = frozenset()
    negative_evaluations: frozenset[str] = frozenset()  # "verb:fail", "adj:wrong"
    positive_evaluations: frozenset[str] = frozenset()
    stance_prepositions: tuple[str, ...] = ()  # tried in this order
    contractions: Mapping[str, str] = field(default_factory=dict)
    # "adjourned without agreeing": the verb under one of these did not happen
    negating_prepositions: frozenset[str] = frozenset()
    # "accused the party of signing up": what the one charged is said to have done
    charging_verbs: frozenset[str] = frozenset()
    # "accusations that he threatened X": the act is only alleged
    allegation_nouns: frozenset[str] = frozenset()
    # "denied that it attacked", "rejected allegations he pressured": not so
    denying_verbs: frozenset[str] = frozenset()
    # "Hurricane Mitch": a name after one of these is a storm, no actor
    natural_event_words: frozenset[str] = frozenset()
    # CAMEO code of a paired event's other side -> the verb that names it:
    # "Macron visited Ukraine" is also Ukraine's event, and it hosted him ("043")
    reverse_verbs: Mapping[str, str] = field(default_factory=dict)
    # "fined" -> "fine": verb forms the model's lemmatizer gets wrong ("fin")
    lemma_fixes: Mapping[str, str] = field(default_factory=dict)
    # "promised aid to Kenya": the aid a light verb of these takes is still to come
    commitment_verbs: frozenset[str] = frozenset()
    # "wrote to the watchdog accusing Labour": the writer accuses
    addressing_verbs: frozenset[str] = frozenset()
    # "ended its alliance with", "an end to its alliance": the stance is no more
    ending_words: frozenset[str] = frozenset()
    # "the company" is never a union or a ministry (nlp/coreference.py)
    business_descriptions: frozenset[str] = frozenset()
    # "chief technology officer for Vivendi Universal": a business, not a person
    business_roles: frozenset[str] = frozenset()
    product_nouns: frozenset[str] = frozenset()  # "humanoid robot Asimo"
    expectation_verbs: frozenset[str] = frozenset()  # "expected X to protest"
    # "a separate US lawsuit against Rosneft": where it is heard, not who sues;
    # "a complaint with the Commission": where it is lodged, not against whom
    filing_nouns: frozenset[str] = frozenset()
    public_body_heads: frozenset[str] = frozenset()
    distinguishing_adjectives: frozenset[str] = frozenset()  # "the rival firm"
    small_clause_verbs: frozenset[str] = frozenset()  # "help X do": X is helped
    money_verbs: frozenset[str] = frozenset()  # "lent Russia dollars 6bn"
    one_sided_modalities: frozenset[str] = frozenset()  # "ready to negotiate"
    reason_verbs: frozenset[str] = frozenset()  # "criticised X for V-ing"
    speaking_for_nouns: frozenset[str] = frozenset()  # "a spokesman for UKIP"
    acquisition_verbs: frozenset[str] = frozenset()  # "agreed to buy AT&T"


def _read_jsonl(path) -> list[dict]:
    """The rows of a JSON Lines rule file, each with its ``_source`` (file:line)."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise KgExtractError(
                f"{path}: line {number}: invalid JSON ({err.msg})"
            ) from None
        if "_comment" not in row:
            rows.append({**row, "_source": f"{Path(path).name}:{number}"})
    return rows


def _entry(row: dict, shared: Mapping[str, tuple] | None = None) -> LexiconEntry:
    """A lexicon row as an entry; ``patterns`` may name a shared pattern set."""
    patterns = row.get("patterns", ())
    if isinstance(patterns, str):
        patterns = (shared or {})[patterns]
    else:
        patterns = tuple(_pattern_rule(p) for p in patterns)
    return LexiconEntry(
        source=row.get("_source", ""),
        lemma=row["lemma"],
        pos=row["pos"],
        type=row.get("type"),
        cameo=row.get("cameo"),
        targets=tuple(row.get("targets", ())),
        is_light=bool(row.get("light")),
        requires_modifier=frozenset(row.get("requires_modifier", ())),
        is_light_only=bool(row.get("light_only")),
        is_reciprocal=bool(row.get("reciprocal")),
        is_object_reciprocal=row.get("reciprocal") != "subjects",
        noun_preposition=row.get("noun_preposition"),
        reverse_cameo=row.get("reverse_cameo"),
        is_inverse=bool(row.get("inverse")),
        examples=tuple(tuple(e) for e in row.get("examples", ())),
        patterns=patterns,
        senses=tuple(
            Sense(sense["when"], sense.get("type"), sense.get("cameo"))
            for sense in row.get("senses", ())
        ),
        forms=tuple(
            (
                form["form"],
                _entry(
                    {
                        **{
                            k: v
                            for k, v in row.items()
                            if k not in ("forms", "patterns")
                        },
                        **{k: v for k, v in form.items() if k != "form"},
                    },
                    shared,
                ),
            )
            for form in row.get("forms", ())
        ),
        actor_object=(
            _entry(
                {
                    "lemma": row["lemma"],
                    "pos": row["pos"],
                    "_source": row.get("_source", ""),
                    **row["actor_object"],
                }
            )
            if row.get("actor_object")
            else None
        ),
    )


def _elements(items: Iterable[dict]) -> tuple[PatternElement, ...]:
    return tuple(
        PatternElement(
            words=tuple(tuple(words) for words in item.get("words", ())),
            actor=item.get("actor"),
            joined=bool(item.get("joined")),
        )
        for item in items
    )


def _pattern_rule(row: dict) -> VerbPatternRule:
    return VerbPatternRule(
        before=_elements(row.get("before", ())),
        after=_elements(row.get("after", ())),
        cameo=row.get("cameo"),
        reverse_cameo=row.get("reverse_cameo"),
        is_reciprocal=bool(row.get("reciprocal")),
    )


DICTIONARY_FILE = "cameo_verbs.jsonl"  # scripts/build_verbs.py


def _lexicon(rows: list[dict], *, from_dictionary: bool = False) -> Lexicon:
    shared = {
        row["patterns_id"]: tuple(_pattern_rule(p) for p in row["patterns"])
        for row in rows
        if "patterns_id" in row
    }
    verbs, light, nouns = {}, {}, {}
    for row in rows:
        if "patterns_id" in row or row.get("silent"):
            continue
        entry = _entry(row, shared)
        if from_dictionary:
            entry = _foreign(entry)
        if entry.pos == "NOUN":
            nouns[entry.lemma] = entry
        elif entry.is_light:
            light[entry.lemma] = entry
        else:
            verbs[entry.lemma] = entry
    return Lexicon(verbs=verbs, light_verbs=light, nouns=nouns)


@lru_cache(maxsize=8)
def load_lexicon(path: str | None = None, *, dictionary: bool = False) -> Lexicon:
    """Read a lexicon file (the bundled one by default); with ``dictionary``, over
    the CAMEO verb dictionary (``cameo_verbs.jsonl``): the lexicon's entries win
    for every verb they name, phrasal forms included; the dictionary gives the
    verbs it does not. Off by default, because on whole news articles it costs
    far more precision than it adds recall (benchmarks/EVAL.md: on the dev
    articles, precision 0.85 -> 0.34 for one more edge found of 39)."""
    source = Path(path) if path else RULES_DIR / "lexicon.jsonl"
    own = _lexicon(_read_jsonl(source))
    below = RULES_DIR / DICTIONARY_FILE
    if not dictionary or not below.exists():
        return own
    base = _lexicon(_read_jsonl(below), from_dictionary=True)
    heads = {lemma.split()[0] for lemma in own.verbs}
    verbs = {
        lemma: entry
        for lemma, entry in base.verbs.items()
        if lemma.split()[0] not in heads
    }
    verbs.update(own.verbs)
    return Lexicon(verbs=verbs, light_verbs=own.light_verbs, nouns=own.nouns)


# Lists of "word:value" items in syntax.json, read as mappings; lists whose order
# is the order the rules try them in.
_MAPPINGS = (
    "group_agents",
    "personal_pronouns",
    "contractions",
    "lemma_fixes",
    "reverse_verbs",
)
_ORDERED = ("specifying_words", "topic_prepositions", "stance_prepositions")


@lru_cache(maxsize=1)
def load_syntax() -> Syntax:
    data = json.loads((RULES_DIR / "syntax.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    mappings = {
        key: dict(item.split(":", 1) for item in data.pop(key, ())) for key in _MAPPINGS
    }
    ordered = {key: tuple(data.pop(key, ())) for key in _ORDERED}
    return Syntax(
        **{key: frozenset(value) for key, value in data.items()}, **mappings, **ordered
    )


def _foreign(entry: LexiconEntry) -> LexiconEntry:
    """The entry (and the entries of its written forms) as a dictionary's own."""
    return replace(
        entry,
        from_dictionary=True,
        forms=tuple((form, _foreign(e)) for form, e in entry.forms),
    )


def extend_lexicon(
    base: Lexicon, rows: Iterable[dict], *, silent: Iterable[str] = ()
) -> Lexicon:
    """A new Lexicon: ``base`` plus verb ``rows`` (the lexicon.jsonl format) that take
    precedence for their verbs.

    A row's head verb replaces the base's entries for it, phrasal ones included
    ("agree" drops the base's "agree" and "agree with"), and so does a ``silent``
    verb (one the user's dictionary says codes no event). Light verbs and nouns stay:
    they are about the object noun. ``base`` is cached and shared, so it is copied,
    never changed.
    """
    extra = [_foreign(_entry(row)) for row in rows]
    heads = {entry.lemma.split()[0] for entry in extra} | set(silent)
    verbs = {
        lemma: entry
        for lemma, entry in base.verbs.items()
        if lemma.split()[0] not in heads
    }
    verbs.update((entry.lemma, entry) for entry in extra if entry.pos == "VERB")
    nouns = dict(base.nouns)
    nouns.update((entry.lemma, entry) for entry in extra if entry.pos == "NOUN")
    return Lexicon(verbs=verbs, light_verbs=dict(base.light_verbs), nouns=nouns)
