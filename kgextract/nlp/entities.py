"""Entities in one article: NER corrected by the gazetteer, names joined, roles read.

The small spaCy model makes real mistakes on news ("Kyiv" as PERSON, "Scholz" as GPE,
"Crimea" as ORG). Its spans are kept as *candidates*; the type of each comes from, in
order: the gazetteer, the article's own full names (a lone "Scholz" is the article's
"Olaf Scholz"), and only then the NER label. Capitals and seats of power stand for
their state unless the sentence uses them as a location ("in Kyiv").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from spacy.attrs import IS_ALPHA, IS_LOWER, LOWER, ORTH, POS
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from kgextract.knowledge.gazetteer import Gazetteer, GazetteerEntry
from kgextract.knowledge.lexicon import Syntax
from kgextract.model import Affiliation, Entity, Mention, slug

CANDIDATE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
LABEL_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
}
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "lady", "dame", "baroness"})
MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})
HONORIFICS = FEMALE_HONORIFICS | MALE_HONORIFICS | {"dr", "prof"}
# Dependency labels of the words that stand before a name inside its noun phrase.
_NAME_MODIFIER_DEPS = frozenset(
    {"compound", "amod", "nmod", "prep", "pobj", "det", "case"}
)


@dataclass
class Resolution:
    """What the entity stage knows about one Doc; the event stage reads it.

    Mutable while it is built, then only read. Token-indexed so that the dependency
    rules can ask "which entity is this word?" in O(1).
    """

    token_keys: dict[int, str] = field(default_factory=dict)
    demonyms: dict[int, str] = field(default_factory=dict)  # token -> country key
    # token -> further entities the same word stands for ("US and British activists")
    also: dict[int, tuple[str, ...]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    ids: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    aliases: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    countries: dict[str, str] = field(default_factory=dict)  # person -> state/org key
    # person -> the titles the text gives them ("Home Secretary David Blunkett"),
    # with or without the organisation: what "the home secretary" later refers to
    titles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # actor -> the state (or IGO) its acts count for on the article's date: an
    # office held then, a title the text gives it, an organ of the state; none for
    # opposition, party and former figures, private persons, companies, groups
    offices: dict[str, str] = field(default_factory=dict)
    igos: set[str] = field(default_factory=set)  # intergovernmental organisations
    read_as_of: str | None = None  # the date offices were read against
    mentions: list[Mention] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    # Tokens the model tagged as a name that are none ("State" in "Secretary of
    # State"): later stages must not take them up as names either.
    not_names: set[int] = field(default_factory=set)
    # Which rule made each mention what it is, by its character span: "gazetteer",
    # "demonym", "surname", "model" ... (MENTION_RULES). Only `explain` reads it;
    # a mention of a pronoun (coreference) is not here but labelled COREF.
    how: dict[tuple[int, int], str] = field(default_factory=dict)

    def key_at(self, index: int) -> str | None:
        return self.token_keys.get(index)

    def type_of(self, key: str) -> str:
        return self.types.get(key, "")

    def spelled_out(self, text: str, before_char: int) -> str | None:
        """The one organisation named before ``before_char`` whose initials
        ``text`` spells ("the Securities and Exchange Commission … the SEC")."""
        if not is_acronym(text):
            return None
        keys = {
            mention.entity
            for mention in self.mentions
            if mention.start_char < before_char
            and self.type_of(mention.entity) == "Organization"
            and initials(self.names.get(mention.entity, "")) == text
        }
        return keys.pop() if len(keys) == 1 else None

    def country_of(self, key: str) -> str | None:
        """The state a person belongs to (home, nationality, the body of their
        title), when known. Belonging is not acting for it: :meth:`acts_for`."""
        return self.countries.get(key)

    def acts_for(self, key: str) -> str | None:
        """The state (or IGO) an act of ``key`` counts for on the article's date:
        a country itself, an office holder's or state organ's state; else None."""
        if self.type_of(key) == "Country":
            return key
        return self.offices.get(key)

    def include(self, entry: GazetteerEntry) -> str:
        """Make a gazetteer entity known to the article although no word names it:
        the state of "the mayor of Nablus" is an actor the events stage derives."""
        self.types.setdefault(entry.key, entry.type)
        self.names.setdefault(entry.key, entry.name)
        if entry.ids:
            self.ids.setdefault(entry.key, tuple(entry.ids))
        return entry.key

    def state_of(self, key: str) -> str:
        """A person's state if known, else the key itself (for roll-ups and targets)."""
        return self.countries.get(key, key) if self.type_of(key) == "Person" else key

    def entities(self, extra: tuple[str, ...] = ()) -> tuple[Entity, ...]:
        used = {m.entity for m in self.mentions} | set(extra)
        used |= {a.person for a in self.affiliations}
        used |= {a.organization for a in self.affiliations}
        # the states they belong to, so that every kg:country names a node
        used |= {self.countries[key] for key in list(used) if key in self.countries}
        return tuple(
            Entity(
                key=key,
                name=self.names[key],
                type=self.types[key],
                aliases=tuple(sorted(self.aliases.get(key, ()))),
                ids=self.ids.get(key, ()),
                country=(
                    None if self.types[key] == "Country" else self.countries.get(key)
                ),
                igo=key in self.igos,
            )
            for key in sorted(used)
        )


# The rules that make a mention what it is (Resolution.how), for `explain`.
MENTION_RULES = {
    "gazetteer": "a name or alias in the gazetteer",
    "seat": "a capital or seat of power standing for its state or body",
    "location": "a capital used as a place: the city, not its state",
    "demonym": "a state's demonym",
    "people": "a plural demonym standing alone: the state's people",
    "group": "a group noun with a nationality (CAMEO agent)",
    "surname": "the surname of a full name the article gives",
    "knight": "the first name after 'Sir' or 'Dame' of a full name the article gives",
    "gazetteer-surname": "a distinctive surname the gazetteer knows",
    "titled-name": "a name after a personal title: a person",
    "honorific": "'Mrs X' in an article about a Mr X: another person",
    "national-body": "a name several states' bodies bear: the one of the state "
    "the article names",
    "model": "no gazetteer entry: typed by the model's NER label",
    "acronym": "the initials of an organisation the article named before",
}


_MINOR_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "to", "&"})


def is_acronym(text: str) -> bool:
    """ "FA", "SEC": all capitals, letters only, two to six of them."""
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def initials(name: str) -> str:
    """ "Football Association" -> "FA", "Securities and Exchange Commission" ->
    "SEC": the first letters of its words but the small ones."""
    return "".join(
        word[0].upper() for word in name.split() if word.lower() not in _MINOR_WORDS
    )


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # token indexes, end exclusive
    end: int
    label: str
    gazetteer_key: str


def _trim(
    span: Span, title_words: frozenset[str], gazetteer: Gazetteer
) -> tuple[int, int] | None:
    """Drop leading determiners/lowercase words and trailing possessives from a span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].pos_ in ("DET", "PRON", "ADP", "CCONJ", "PUNCT", "ADV")
        or doc[start].is_lower
        or doc[start].is_punct
    ):
        if (
            doc[start].is_lower
            and doc[start].is_alpha
            and doc[start].pos_ not in ("DET", "PRON", "ADP", "CCONJ", "ADV")
            and doc[start].lower_ not in STOP_WORDS
            and _known(doc[start:end].text, gazetteer)
        ):
            break  # a known name that starts in lowercase: "al-Shabab", "congress"
        start += 1
    if (
        end - start > 1
        and doc[start].tag_.startswith("VB")
        and doc[start + 1].head.i == start
        and doc[start + 1].dep_ == "dobj"
    ):
        # "Praising Celtic and Rangers for their efforts, she said"
        # (politics/219.txt): the verb that opens the sentence is no word of the
        # name it takes as its object
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if span.label_ == "PERSON":
        titles = title_words
        while end - start > 1 and (
            doc[start].lower_.rstrip(".") in titles
            or _is_affiliation_word(doc[start].text, gazetteer)
        ):
            start += 1
        if end - start == 1 and doc[start].lower_.rstrip(".") in titles:
            return None  # "Tory Lord": no name left
    return (start, end) if end > start else None


def _name_at(token: Token) -> str:
    """The text of the name the model tagged around ``token`` (the word alone if
    it tagged none)."""
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _known(text: str, gazetteer: Gazetteer) -> bool:
    """The gazetteer names ``text``, as written or, all in lowercase, capitalised."""
    return bool(
        gazetteer.candidates(text)
        or (text.islower() and gazetteer.candidates(text.title()))
    )


# Slavic names reach English news in several romanisations of one ending:
# Zelenskiy / Zelenskyy / Zelenskyi / Zelensky. Other letters are left alone: folding
# "ct"/"kt" would make Victoria Viktoria.
_SLAVIC_ENDING = re.compile(r"(?:iy|yy|yi|ij|ii)\b")


def _knighted(doc: Doc, start: int) -> bool:
    """A name right after "Sir" or "Dame", who go by their first name."""
    return start > 0 and doc[start - 1].lower_ in ("sir", "dame")


def person_key(name: str) -> str:
    """The key of a person the gazetteer does not know, one for all romanisations
    of a Slavic name ending, so two articles' spellings are one node."""
    return "person:" + _SLAVIC_ENDING.sub("y", slug(name))


def person_name(name: str) -> str:
    """The label for :func:`person_key`: the name as written, unless its ending was
    folded; then the folded spelling, so every article writes the same label."""
    key = person_key(name)
    if key == "person:" + slug(name):
        return name
    return " ".join(word.capitalize() for word in key.split(":", 1)[1].split("-"))


def _is_org_or_place_label(label: str) -> bool:
    return label in ("ORG", "GPE", "LOC", "FAC", "NORP")


def _is_affiliation_word(word: str, gazetteer: Gazetteer) -> bool:
    """A word before a name that says whom the person belongs to, not who they are:
    "Tory", "Labour", "French"."""
    if gazetteer.demonym(word) is not None:
        return True
    entry = gazetteer.lookup(word)
    return entry is not None and entry.type in ("Organization", "Country")


def _title_words(syntax: Syntax) -> frozenset[str]:
    """The words titles are made of, without their function words: "the" of
    "chancellor of the exchequer" does not make "The Football Association" a
    person's title and name."""
    return frozenset(
        word.rstrip(".")
        for title in syntax.titles
        for word in title.split()
        if word not in STOP_WORDS
    )


def singular(word: str) -> str:
    """ "congresses" -> "congress", "forces" -> "force": a proper noun's plural,
    which the lemmatizer leaves as written."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith(("sses", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _plural(lemma: str) -> str:
    """A group's name is plural: "Syrian rebels", "Brazilian men"."""
    return lemma[:-3] + "men" if lemma.endswith("man") else lemma + "s"


SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _acts(token: Token) -> bool:
    """Is this noun the doer in its clause: subject, possessor or "by" agent?"""
    return (
        token.dep_ in SUBJECTS
        or token.dep_ == "poss"
        or (token.dep_ == "pobj" and token.head.dep_ == "agent")
    )


def _is_location(token: Token, syntax: Syntax) -> bool:
    """Is this noun a place ("in Kyiv") rather than an actor ("Kyiv said")?"""
    return (
        (
            token.dep_ == "pobj"
            and token.head.dep_ in ("prep", "agent", "dative")
            and token.head.lower_ in syntax.locative_prepositions
        )
        or token.dep_ in ("npadvmod",)
        and token.head.pos_ == "VERB"
    )


def _owns_a_name(token: Token) -> bool:
    """ "London's High Court": a capital that possesses a named place or body is
    the city, where "Moscow's decision" is the state acting."""
    return token.dep_ == "poss" and token.head.pos_ == "PROPN"


def _subject_after_the(doc: Doc, start: int, root: Token) -> bool:
    """ "make the Lisbon targets a reality": a city's name takes no "the", so a
    city after "the" that the parser made a subject modifies the noun it was read
    as acting on (here a verb: "targets"); the city is a place, not its state.
    As a noun's modifier ("the Beijing government") it still stands for the
    state. A seat whose name takes "the" ("the Kremlin") has no place entry and
    is not asked."""
    return start > 0 and doc[start - 1].lower_ == "the" and root.dep_ in SUBJECTS


class _Resolver:
    def __init__(
        self,
        doc: Doc,
        gazetteer: Gazetteer,
        syntax: Syntax,
        sentences: list[int],
        scope: str = "",
    ) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.syntax = syntax
        self.title_words = _title_words(syntax)  # once per Doc, not per name
        self.sentence_of = sentences  # token index -> sentence index
        self.result = Resolution()
        self.surnames: dict[str, set[str]] = defaultdict(set)
        self.knights: dict[str, set[str]] = defaultdict(set)  # "Sir Digby"
        self._lowercase_names: dict[str, str] = {}  # "congress" -> "Congress"
        self.scope = scope
        # The Doc's words as ids, read once (Doc.to_array): the passes over every
        # word below make a Token object only for a word they read.
        strings = doc.vocab.strings
        columns = doc.to_array([ORTH, LOWER, POS, IS_LOWER, IS_ALPHA])
        orth = columns[:, 0].tolist()
        self.pos = columns[:, 2].tolist()
        # Words the article also uses in lower case are common nouns ("the Budget").
        lower_alpha = (columns[:, 3] != 0) & (columns[:, 4] != 0)
        self.lowercase_words = {
            strings[o] for o in set(columns[lower_alpha, 0].tolist())
        }
        honorifics = {
            h
            for h in set(columns[:-1, 1].tolist())
            if strings[h].rstrip(".") in MALE_HONORIFICS
        }
        self.male_surnames = {
            strings[orth[i + 1]]
            for i, h in enumerate(columns[:-1, 1].tolist())
            if h in honorifics
        }
        self.votes: dict[str, Counter] = defaultdict(Counter)
        self.described_businesses: set[str] = set()
        self.officered: set[str] = set()  # "chief technology officer for X"
        self.products: set[str] = set()  # "humanoid robot Asimo"
        self.ambiguous: list[_Candidate] = []  # names several national bodies bear
        # "Foster's", where the article names "Foster's Group": read once all are
        self.short_forms: list[tuple[_Candidate, _Candidate]] = []
        self.org_first_words: dict[str, list[_Candidate]] = {}
        self.first_seen: dict[str, int] = {}  # a lone name's first token
        self.storms = self._storm_names()  # "Mitch", where "Hurricane Mitch" is read

    # -- registering entities ---------------------------------------------------------
    def _register_entry(self, entry: GazetteerEntry) -> str:
        key = entry.key
        self.result.types.setdefault(key, entry.type)
        self.result.names.setdefault(key, entry.name)
        if entry.is_igo:
            self.result.igos.add(key)
        if entry.ids:
            self.result.ids.setdefault(key, tuple(entry.ids))
        # the state it belongs to: a person's home, a body's, a place's state
        if entry.type in ("Person", "Organization", "Place") and entry.country:
            self.result.countries.setdefault(key, entry.country)
            country = self.gazetteer.entry(entry.country)
            if country:
                self._register_entry(country)
        return key

    def _register(self, key: str, name: str, type_: str) -> str:
        self.result.types.setdefault(key, type_)
        names = self.result.names
        if key not in names or len(name) > len(names[key]):
            names[key] = name
        return key

    def _mention(self, start: int, end: int, key: str, label: str, how: str) -> None:
        doc = self.doc
        span = doc[start:end]
        for index in range(start, end):
            self.result.token_keys[index] = key
        self.result.aliases[key][span.text] += 1
        self.result.how[(span.start_char, span.end_char)] = how
        self.result.mentions.append(
            Mention(
                entity=key,
                text=span.text,
                start_char=span.start_char,
                end_char=span.end_char,
                sentence=self.sentence_of[start],
                label=label,
            )
        )

    # -- the passes -------------------------------------------------------------------
    def candidates(self) -> list[_Candidate]:
        found = []
        for ent in self.doc.ents:
            listed = self._listed_names(ent)
            if listed:
                found.extend(listed)
                continue
            label = ent.label_
            if label == "PRODUCT":
                label = self._state_label(ent) or label
            first_name = self._first_name_tagged_norp(ent)
            if first_name is not None:
                found.append(first_name)
                continue
            if label not in CANDIDATE_LABELS:
                continue
            state = None if ent.ent_id_ else self._state_of_agent_name(ent)
            if state is not None:
                found.append(state)
                continue
            titled = [] if ent.ent_id_ else self._state_title_person(ent)
            if titled:
                found.extend(titled)
                continue
            bounds = _trim(ent, self.title_words, self.gazetteer)
            if bounds is None:
                continue
            bounds = self._with_lowercase_head(*bounds)
            candidate = _Candidate(*bounds, label, ent.ent_id_)
            found.append(candidate)
            if candidate.label in LABEL_TYPES or candidate.label == "FAC":
                text = self.doc[candidate.start : candidate.end].text
                self.votes[text][candidate.label] += 1
                if self._called_a_product(candidate):
                    self.products.add(text)
                if self._called_a_business(candidate):
                    self.described_businesses.add(text)
                root = self.doc[candidate.start : candidate.end].root
                if self._of_a_business_role(root):
                    self.officered.add(text)
        return found

    def _first_name_tagged_norp(self, ent: Span) -> _Candidate | None:
        """ "Chelsea have sacked Adrian Mutu": the model reads "Adrian" as a
        nationality and leaves "Mutu" out. A NORP that is no demonym the
        gazetteer knows, compounded into the proper noun after it that no other
        name holds, is a person's first name: the two are one person's name."""
        doc = self.doc
        if ent.label_ != "NORP" or len(ent) != 1 or ent.end >= len(doc):
            return None
        token, after = ent[0], doc[ent.end]
        if (
            token.pos_ != "PROPN"
            or token.dep_ != "compound"
            or token.head.i != after.i
            or after.pos_ != "PROPN"
            or after.ent_type_
            or self.gazetteer.demonym(token.text) is not None
            or self.gazetteer.lookup(token.text) is not None
        ):
            return None
        return _Candidate(ent.start, ent.end + 1, "PERSON", "")

    def _state_of_agent_name(self, ent: Span) -> _Candidate | None:
        """ "The Ruritanian Congresses", "the Chilean Ministry of Culture": a name
        the gazetteer does not know, made of a state's name or demonym and one of
        its agent nouns (with an "of" phrase), is that state's agent, not a body or
        person of its own; the state is the name, and the agent noun acts for it.
        More words before the noun make a name ("Scottish Environment Protection
        Agency")."""
        doc, gazetteer = self.doc, self.gazetteer
        start = ent.start + (ent[0].lower_ == "the")
        if ent.label_ not in ("ORG", "PERSON") or ent.end - start < 2:
            return None
        if gazetteer.lookup(doc[start : ent.end].text) is not None:
            return None
        if self._with_lowercase_head(start, ent.end) != (start, ent.end):
            return None  # "The US State department"
        label = self._state_word_label(doc[start].text)
        if label is None:
            return None
        rest = doc[start + 1 : ent.end]
        if len(rest) > 1 and rest[1].lower_ == "of":
            rest = rest[:1]  # "Ministry of Culture"
        words = rest.text.lower()
        if words not in self.syntax.actor_nouns:
            if singular(words) not in self.syntax.actor_nouns:
                return None  # "Scottish Environment Protection Agency" is a name
        return _Candidate(start, start + 1, label, "")

    def _state_title_person(self, ent: Span) -> list[_Candidate]:
        """ "Chile President Michelle Bachelet" tagged as one organisation: a
        state's name or demonym, a title and a name are the state and a person,
        whom the title then ties to the state."""
        doc, gazetteer = self.doc, self.gazetteer
        start = ent.start + (ent[0].lower_ == "the")
        if ent.label_ not in ("ORG", "GPE", "NORP") or ent.end - start < 3:
            return []
        label = self._state_word_label(doc[start].text)
        if label is None:
            return []
        name = start + 1
        while name < ent.end and doc[name].lower_.rstrip(".") in self.title_words:
            name += 1
        names = doc[name : ent.end]
        if name == start + 1 or not len(names):
            return []
        if not all(t.pos_ == "PROPN" and t.is_title for t in names):
            return []
        if gazetteer.lookup(doc[start : ent.end].text) is not None:
            return []
        return [
            _Candidate(start, start + 1, label, ""),
            _Candidate(name, ent.end, "PERSON", ""),
        ]

    def _state_label(self, ent: Span) -> str | None:
        """A state or nationality the model tagged PRODUCT ("the Eriadori and
        Calenardhon leaders": a rare demonym looks like a brand): one word the
        gazetteer knows as a state's name (GPE) or demonym (NORP)."""
        return self._state_word_label(ent.text) if len(ent) == 1 else None

    def _state_word_label(self, word: str) -> str | None:
        """GPE for a word the gazetteer knows as a state's name, NORP for a
        state's demonym, None for anything else (another kind of name included)."""
        entry = self.gazetteer.lookup(word)
        if entry is not None:
            return "GPE" if entry.type == "Country" else None
        return "NORP" if self.gazetteer.demonym(word) is not None else None

    def _with_lowercase_head(self, start: int, end: int) -> tuple[int, int]:
        """ "The US State department": the model stops the name before a head noun
        written in lowercase; the name goes on when the gazetteer knows the whole."""
        doc = self.doc
        if (
            end < len(doc)
            and doc[end].is_lower
            and doc[end].lower_ in self.syntax.organization_heads
            and self.gazetteer.lookup(doc[start : end + 1].text) is not None
        ):
            return start, end + 1
        return start, end

    def _listed_names(self, ent: Span) -> list[_Candidate]:
        """ "Chile and Peru" tagged as one name (often WORK_OF_ART): when the whole
        is no known name but each part between "and" and commas is a known state or
        organisation, the parts are the candidates."""
        separators = [t.i for t in ent if t.lower_ in ("and", ",")]
        if not separators or self.gazetteer.lookup(ent.text) is not None:
            return []
        parts, start = [], ent.start
        for index in [*separators, ent.end]:
            if index > start:
                parts.append((start, index))
            start = index + 1
        listed = []
        for start, end in parts:
            text = self.doc[start:end].text.removeprefix("the ")
            entry = self.gazetteer.lookup(text)
            if entry is None or entry.type not in ("Country", "Organization"):
                return []
            label = "GPE" if entry.type == "Country" else "ORG"
            listed.append(_Candidate(start, end, label, ""))
        return listed if len(listed) > 1 else []

    def lookup(self, candidate: _Candidate) -> GazetteerEntry | None:
        if candidate.gazetteer_key:
            entry = self.gazetteer.entry(candidate.gazetteer_key)
            if entry is not None:
                return entry
        return self.gazetteer.lookup(self._text(candidate))

    def full_names(self, candidates: list[_Candidate]) -> None:
        """Register the article's full person names; their surnames join them later.
        Note the first word of each organisation's name of several words, which a
        lone name may be short for (:meth:`short_form_of`)."""
        for cand in candidates:
            if cand.end - cand.start == 1:
                self.first_seen.setdefault(self.doc[cand.start].text, cand.start)
            elif cand.label == "ORG" or self._is_described_business(cand):
                first = self.doc[cand.start]
                if first.pos_ == "PROPN" and first.is_title:
                    self.org_first_words.setdefault(first.text, []).append(cand)
        for cand in candidates:
            if cand.end - cand.start < 2 or self._is_described_office(cand):
                continue
            if cand.label != "PERSON" and not self._after_title(cand):
                continue
            entry = self.lookup(cand)
            if entry is not None and entry.type != "Person":
                continue
            if entry is None and self._is_described_business(cand):
                continue
            text = self.doc[cand.start : cand.end].text
            key = (
                self._register_entry(entry)
                if entry
                else self._register(person_key(text), person_name(text), "Person")
            )
            self.surnames[self.doc[cand.end - 1].text].add(key)
            if _knighted(self.doc, cand.start):
                self.knights[self.doc[cand.start].text].add(key)

    def _is_described_business(self, cand: _Candidate) -> bool:
        """The article names an officer or the board of this name somewhere
        (:meth:`_of_a_business_role`): its words are no person's, and its first
        word may stand for it. ("married publisher Kimberly Quinn" is a person
        all the same.)"""
        return self.doc[cand.start : cand.end].text in self.officered

    def _storm_names(self) -> set[str]:
        """The names the article gives storms ("Hurricane Mitch": "Mitch"), which
        the model may tag EVENT there and PERSON later."""
        doc, words = self.doc, self.syntax.natural_event_words
        lower = doc.to_array([LOWER]).tolist()
        wanted = {
            doc.vocab.strings[word] for word in words if word in doc.vocab.strings
        }
        names = set()
        for i in (i for i, word in enumerate(lower) if word in wanted):
            token = doc[i]
            if not token.is_title:
                continue
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            if end > token.i + 1:
                names.add(doc[token.i + 1 : end].text)
        return names

    def _is_storm(self, cand: _Candidate) -> bool:
        """ "Hurricane Mitch", "Typhoon Tokage"; and the name alone wherever the
        article calls it a storm ("supply disruptions after Hurricane Ivan",
        business/270.txt: a later "Ivan damaged rigs" is the storm too)."""
        words = self.syntax.natural_event_words
        doc = self.doc
        first = cand.start + (doc[cand.start].lower_ in words)
        if (
            first < cand.end
            and doc[first - 1].lower_ in words
            and (first > cand.start or doc[first - 1].is_title)
        ):
            self.storms.add(doc[first : cand.end].text)
            return True
        return doc[cand.start : cand.end].text in self.storms

    def _after_honorific(self, cand: _Candidate) -> bool:
        """ "Dr Fox's view", "Tory peer Lord Tebbit": one capitalised word right
        after "Mr", "Dr", "Lord" … is a person's surname, whatever label the
        model gave it (ORG, GPE, NORP)."""
        if cand.start == 0 or cand.end - cand.start != 1:
            return False
        if cand.label not in ("ORG", "GPE", "NORP") or cand.gazetteer_key:
            return False
        before, word = self.doc[cand.start - 1], self.doc[cand.start]
        return (
            before.lower_.rstrip(".") in HONORIFICS
            and before.is_title
            and word.pos_ == "PROPN"
            and word.is_title
        )

    def _honoured(self, cand: _Candidate, text: str) -> None:
        """The person an honorific names: the full name the article gives that
        surname, a person the gazetteer knows by it, else a person of this
        article ("Lord Tebbit")."""
        if len(self.surnames.get(text, ())) == 1:
            (key,) = self.surnames[text]
            self._mention(cand.start, cand.end, key, "PERSON", "surname")
            return
        entry = self.gazetteer.lookup(text)
        if entry is not None and entry.type == "Person":
            key = self._register_entry(entry)
            self._mention(cand.start, cand.end, key, "PERSON", "gazetteer")
            return
        key = self._lone_person(f"{self.doc[cand.start - 1].text} {text}")
        self._mention(cand.start, cand.end, key, "PERSON", "titled-name")

    def _lone_person(self, name: str) -> str:
        """A person known by one name (and perhaps an honorific): a node of this
        article only, as two articles' "Mr Johnson" may be two people."""
        key = (
            f"person:{slug(name)}-{self.scope}"
            if self.scope
            else "person:" + slug(name)
        )
        return self._register(key, name, "Person")

    def _after_title(self, cand: _Candidate) -> bool:
        """ "Chancellor Olaf Scholz" tagged ORG is still a person: a personal title
        stands right before an all-proper-noun name."""
        doc = self.doc
        if cand.start == 0 or cand.label not in ("ORG", "GPE", "NORP"):
            return False
        before = doc[cand.start - 1]
        names = doc[cand.start : cand.end]
        return (
            before.lower_.rstrip(".") in self.title_words
            and not before.is_lower
            and all(t.pos_ == "PROPN" and t.is_title for t in names)
            and not cand.gazetteer_key
            and self.gazetteer.lookup(names.text) is None
            and self.gazetteer.seat(names.text) is None
        )

    def _text(self, cand: _Candidate) -> str:
        """The candidate's words; a name the model found written in lowercase
        ("pressured by congress") as the gazetteer spells it, if it knows it."""
        text = self.doc[cand.start : cand.end].text
        if not text.islower():
            return text
        known = self._lowercase_names.get(text)
        if known is None:
            known = text.title() if self.gazetteer.candidates(text.title()) else text
            self._lowercase_names[text] = known
        return known

    def resolve(self, cand: _Candidate) -> None:
        doc, gazetteer = self.doc, self.gazetteer
        text = self._text(cand)
        if self._defined_here(cand, text):
            return
        if self._is_storm(cand):
            # "Hurricane Mitch killed 10,000 people": weather, not an actor
            self.result.not_names.update(range(cand.start, cand.end))
            return
        if self._after_honorific(cand):
            self._honoured(cand, text)
            return
        is_demonym = cand.label == "NORP" or (
            gazetteer.lookup(text) is None and gazetteer.demonym(text) is not None
        )
        demonym = gazetteer.demonym(text) if is_demonym else None
        if demonym is not None and self._people_of(cand):
            # "most Europeans": the people of a region or a union are no actor
            if demonym.type == "Country" and self._state_code(demonym.key):
                self._people(cand, demonym)
            return
        if demonym is not None and self._one_of_them(cand):
            return  # "the Spaniard donated his prize money": a person, not Spain
        if demonym is not None:
            self._register_entry(demonym)
            for index in range(cand.start, cand.end):
                self.result.demonyms[index] = demonym.key
            self._mention(cand.start, cand.end, demonym.key, cand.label, "demonym")
            return
        if is_demonym and gazetteer.lookup(text) is None:
            return
        # a state's name the model tagged NORP ("in Arnor and Gondor") is the name
        single = cand.end - cand.start == 1
        if not single and self._after_title(cand):
            key = self._register(person_key(text), person_name(text), "Person")
            self._mention(cand.start, cand.end, key, "PERSON", "titled-name")
            return
        if single and self._female_honorific(cand.start):
            # "Mrs Howard" in an article about Michael Howard is not him.
            name = f"{doc[cand.start - 1].text} {text}"
            key = self._register("person:" + slug(name), name, "Person")
            self._mention(cand.start, cand.end, key, cand.label, "honorific")
            return
        if single and len(self.surnames.get(text, ())) == 1:
            (key,) = self.surnames[text]
            self._mention(cand.start, cand.end, key, cand.label, "surname")
            return
        if (
            single
            and _knighted(doc, cand.start)
            and len(self.knights.get(text, ())) == 1
        ):
            # "Sir Digby Jones … Sir Digby added" (politics/005.txt): a knight
            # goes by his first name
            (key,) = self.knights[text]
            self._mention(cand.start, cand.end, key, cand.label, "knight")
            return
        entry = self.lookup(cand)
        if (
            single
            and (entry is None or entry.type == "Person")
            and (full := self.short_form_of(cand, text)) is not None
        ):
            self.short_forms.append((cand, full))
            return
        if entry is not None and entry.type in ("Country", "Organization", "Person"):
            key = self._register_entry(entry)
            self._mention(cand.start, cand.end, key, cand.label, "gazetteer")
            return
        seat = gazetteer.seat(text)
        root = doc[cand.start : cand.end].root
        if seat is None and _acts(root):
            # "Brussels" is Belgium's capital and the EU's seat: only when the text
            # makes it act ("Brussels fined Google") does it stand for the EU.
            seat = gazetteer.seat(text, allow_ambiguous=True)
        if seat is not None:
            # A city can be where something happens; "the Kremlin" always acts.
            if entry is not None and (
                _is_location(root, self.syntax)
                or _owns_a_name(root)
                or _subject_after_the(doc, cand.start, root)
            ):
                key, how = self._register_entry(entry), "location"
            else:
                key, how = self._register_entry(seat), "seat"
            self._mention(cand.start, cand.end, key, cand.label, how)
            return
        if entry is not None:  # a Place
            key = self._register_entry(entry)
            self._mention(cand.start, cand.end, key, cand.label, "gazetteer")
            return
        if len(self._national_bodies(text)) > 1:
            self.ambiguous.append(cand)  # "Congress": whose? decided by the article
            return
        self._resolve_unknown(cand, text)

    def short_form_of(self, cand: _Candidate, text: str) -> _Candidate | None:
        """The one organisation of the article whose name begins with this lone
        name, which is short for it.

        - A name the article gave in full before it first used it alone
          ("Marsh & McLennan … Marsh agreed to pay"); not one it gives later,
          which may be a part of it ("Fiat … Fiat Powertrain", "Diageo …
          Diageo Chateau & Estate Wines").
        - Anywhere, where the organisation's own name is a possessive
          ("Foster's bought an 18.8% stake in Southcorp", where the article names
          "Foster's Group"; the model reads the lone "Foster" as a person).

        The model's label does not decide: it reads "Baikal" in "Yukos has said
        it will sue Baikal" (business/324.txt) as a person. Not a person's
        surname in the article ("Ford" where it names Henry Ford), a name after a
        title or an honorific ("Lord Dubs" of "Lord Dubs' Succession to the Crown
        Bill"), a word of a title ("Home" in "Home Secretary", where it names the
        Home Office), nor a name two organisations begin with."""
        before = self.doc[cand.start - 1].lower_.rstrip(".") if cand.start else ""
        if (
            text in self.surnames
            or self._before_title(cand.end)
            or before in self.title_words
            or before in HONORIFICS
        ):
            return None
        fulls: dict[str, _Candidate] = {}
        for c in self.org_first_words.get(text, ()):
            if not c.start <= cand.start < c.end:
                fulls.setdefault(self.doc[c.start : c.end].text, c)  # the first
        if len(fulls) != 1:
            return None
        (full,) = fulls.values()
        first = self.first_seen.get(text, cand.start)
        possessive = self.doc[full.start + 1].lower_ == "'s"
        return full if full.end <= first or possessive else None

    def _defined_here(self, cand: _Candidate, text: str) -> bool:
        """Initials the article defines in brackets after a name are that name's,
        whatever the gazetteer knows them as: "They called themselves Drink Or Die
        (DOD) … an investigation into DOD and other networks" (tech/354.txt) is
        the piracy network, not the US Department of Defense."""
        if cand.end - cand.start != 1 or not is_acronym(text):
            return False
        defined = self.acronyms.get(text)
        if defined is None or defined[1] > cand.start:
            return False
        start, end = defined
        name = self.doc[start:end].text
        entry = self.gazetteer.lookup(name)
        key = (
            self._register_entry(entry)
            if entry is not None
            else self._register("org:" + slug(name), name, "Organization")
        )
        self._mention(cand.start, cand.end, key, "ORG", "acronym")
        return True

    @cached_property
    def acronyms(self) -> dict[str, tuple[int, int]]:
        """Initials defined in brackets right after the words they stand for:
        "Drink Or Die (DOD)", "the Securities and Exchange Commission (SEC)"."""
        doc, found = self.doc, {}
        for i in range(2, len(doc) - 1):
            token = doc[i]
            if doc[i - 1].text != "(" or doc[i + 1].text != ")":
                continue
            if not is_acronym(token.text) or token.text in found:
                continue
            end = i - 1
            start = end
            while start > 0 and (
                doc[start - 1].is_title or doc[start - 1].lower_ in _MINOR_WORDS
            ):
                start -= 1
                if initials(doc[start:end].text) == token.text:
                    if doc[start].is_title:
                        found[token.text] = (start, end)
                    break
        return found

    def untagged_short_forms(self, candidates: list[_Candidate]) -> None:
        """A lone name the model left untagged as the subject or owner of its
        clause, short for an organisation the article named in full before: "Up
        to 2,500 jobs are to go at US insurance broker Marsh & McLennan … Marsh did
        not say when the move would take place, but said it had signed a letter of
        intent" (business/103.txt; the model tags neither "Marsh")."""
        taken = {i for c in candidates for i in range(c.start, c.end)}
        for token in self.doc:
            if (
                token.i in taken
                or token.ent_type_
                or token.pos_ != "PROPN"
                or not token.is_title
                or token.dep_ not in ("nsubj", "nsubjpass", "poss")
                or token.text not in self.org_first_words
                or any(c.dep_ == "compound" for c in token.children)
            ):
                continue
            cand = _Candidate(token.i, token.i + 1, "ORG", "")
            full = self.short_form_of(cand, token.text)
            if full is not None:
                self.short_forms.append((cand, full))

    def read_short_forms(self) -> None:
        """Each lone name read as its organisation, once every full name is read;
        one whose organisation turned out no organisation is read on its own."""
        for cand, full in self.short_forms:
            key = self.result.token_keys.get(full.start)
            if key is not None and self.result.type_of(key) == "Organization":
                self._mention(cand.start, cand.end, key, "ORG", "short-name")
            else:
                self._resolve_unknown(cand, self._text(cand))

    def _people_of(self, cand: _Candidate) -> bool:
        """ "Two-thirds of Britons support ...", "most Americans oppose ...": a
        plural demonym standing alone is the people of the state, not the state. With
        "the" ("the French vetoed it") or before a noun ("British troops") it is the
        state, as news uses it."""
        if cand.end - cand.start != 1:
            return False
        token = self.doc[cand.start]
        return (
            token.tag_ in ("NNS", "NNPS")
            and token.dep_ not in ("amod", "compound", "nmod", "poss")
            and not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        )

    def _one_of_them(self, cand: _Candidate) -> bool:
        """ "The Spaniard", "a Briton", "the Slovakian": a singular demonym noun
        heading its phrase is one person of that state, not the state (the
        Spanish player who donated his prize money is not Spain). The collective
        forms ("the French", "the Swiss", "the Chinese") name a people, which news
        uses for the state, and stay."""
        if cand.end - cand.start != 1:
            return False
        token = self.doc[cand.start]
        return (
            token.tag_ in ("NN", "NNP")
            # a subject or object; after a preposition the noun is often left
            # out ("moved from the Lebanese to the Syrian side")
            and token.dep_ in ("nsubj", "nsubjpass", "dobj")
            and not token.lower_.endswith(("ch", "sh", "ese", "ss"))
        )

    def _people(self, cand: _Candidate, state: GazetteerEntry) -> None:
        """The people of ``state`` as one Group per state (the same key in every
        article), acting for themselves, coded as CAMEO civilians (``GBRCVL``)."""
        country = self._register_entry(state)
        iso = self._state_code(country)
        text = self.doc[cand.start].text
        key = self._register(f"group:{iso.lower()}-people", text, "Group")
        self.result.countries.setdefault(key, country)
        self.result.ids.setdefault(key, (("cameo", iso + "CVL"),))
        self._mention(cand.start, cand.end, key, "GROUP", "people")

    def _national_bodies(self, text: str) -> list[GazetteerEntry]:
        return [
            entry
            for entry in self.gazetteer.candidates(text)
            if entry.type == "Organization" and entry.country
        ]

    def ambiguous_names(self) -> None:
        """ "Congress" is the US Congress or India's Congress party: the one whose
        state the article names elsewhere, by a state, a person or a place
        ("Congress is asking Obama ..."), whatever role that state plays there.
        Neither or both named: an unknown name, as before."""
        states = set(self.result.countries.values())
        for key, kind in self.result.types.items():
            if kind == "Country":
                states.add(key)
            elif kind == "Place" and (entry := self.gazetteer.entry(key)):
                states.add(entry.country)
        for cand in self.ambiguous:
            text = self._text(cand)
            entries = [
                e
                for e in self._national_bodies(text)
                if (self.gazetteer.entry(e.country) or e).key in states
                or e.country in states
            ]
            if len(entries) == 1:
                key = self._register_entry(entries[0])
                self._mention(cand.start, cand.end, key, cand.label, "national-body")
            else:
                self._resolve_unknown(cand, text)

    def _resolve_unknown(self, cand: _Candidate, text: str) -> None:
        """A name no gazetteer knows: typed by the article's majority NER label.

        A lone single-word person name ("Johnson") is scoped to its article: two
        articles' Johnsons are two nodes until a full name says they are one.
        """
        if text.lower() in self.syntax.not_entities:
            # "State" (in "Secretary of State"): no name, for the relations either
            self.result.not_names.update(range(cand.start, cand.end))
            return
        if len(text) < 2 or text.islower():
            return
        single = cand.end - cand.start == 1
        if single and text.lower() in self.lowercase_words:
            return
        if _is_org_or_place_label(cand.label) and self._before_title(cand.end):
            return  # "Home" in "Home Secretary", "Home Affairs" in "… spokesman"
        if _is_org_or_place_label(cand.label) and self._ends_title(cand):
            # "State" in "Secretary of State": no name, for the relations either
            self.result.not_names.update(range(cand.start, cand.end))
            return
        if self._is_described_office(cand):
            # "The Culture Secretary said …" (politics/187.txt), tagged PERSON:
            # a description of an office's holder, which coreference reads
            self.result.not_names.update(range(cand.start, cand.end))
            return
        label = self._voted_label(text, cand.label)
        if label in ("PERSON", "ORG") and self._listed_among_places(cand):
            label = "GPE"
        last_word = self.doc[cand.end - 1].lower_
        if last_word in self.syntax.document_heads:
            return  # "the Mental Capacity Bill" is a text, not an actor
        if text in self.products:
            return  # "Car-maker Honda's humanoid robot Asimo": a machine
        if label != "ORG" and last_word in self.syntax.organization_heads:
            label = "ORG"  # "Electoral Commission" tagged PERSON
        if label == "PERSON":
            if single and not self.doc[cand.start].is_title:
                return
            if single:
                before = self.doc[cand.start - 1] if cand.start else None
                if before is not None and before.lower_.rstrip(".") in HONORIFICS:
                    text = f"{before.text} {text}"
                key = self._lone_person(text)
            else:
                key = self._register(person_key(text), person_name(text), "Person")
        elif label == "ORG":
            # "The Securities and Exchange Commission … The SEC": the model's
            # organisation of its own is the one the article named in full
            spelled_out = self.result.spelled_out(text, self.doc[cand.start].idx)
            if spelled_out is not None:
                self._mention(cand.start, cand.end, spelled_out, "ORG", "acronym")
                return
            key = self._register("org:" + slug(text), text, "Organization")
        elif label in ("GPE", "LOC", "FAC"):
            key = self._register("place:" + slug(text), text, "Place")
        else:
            return
        self._mention(cand.start, cand.end, key, cand.label, "model")

    def _listed_among_places(self, cand: _Candidate) -> bool:
        """A name no gazetteer knows in a list of places the gazetteer knows is a
        place too: "as he visits Manchester, Liverpool, Leicester, Somerset,
        Basingstoke, Shrewsbury, Dorset and Torbay" (politics/007.txt), where the
        model tags Dorset an organisation and Torbay a person."""
        root = self.doc[cand.start : cand.end].root
        others = root.conjuncts
        if len(others) < 2:
            return False
        places = 0
        for other in others:
            entry = self.gazetteer.lookup(_name_at(other))
            if entry is None:
                continue
            if entry.type != "Place":
                return False
            places += 1
        return places >= 2

    def _is_described_office(self, cand: _Candidate) -> bool:
        """ "the Culture Secretary", "the Foreign Secretary": "the" and a name that
        ends in a title word name no one by themselves."""
        doc = self.doc
        return (
            cand.start > 0
            and doc[cand.start - 1].lower_ == "the"
            and doc[cand.end - 1].lower_ in self.title_words
        )

    def _called_a_business(self, cand: _Candidate) -> bool:
        """A name the words before it call a business or a group: "Shares in
        engineering group Jarvis have soared" (business/341.txt); or whose business
        roles the text names."""
        root = self.doc[cand.start : cand.end].root
        if self._of_a_business_role(root):
            return True
        if cand.start == 0:
            return False
        before = self.doc[cand.start - 1]
        joined = before.dep_ == "compound" and cand.start <= before.head.i < cand.end
        return (
            before.pos_ == "NOUN"
            and (
                before.lemma_.lower() in self.syntax.business_descriptions
                or before.lemma_.lower() == "group"
            )
            # not the subject of a clause on the noun: "a company John Smith
            # founded"
            and (joined or root.dep_ not in ("nsubj", "nsubjpass"))
        )

    def _called_a_product(self, cand: _Candidate) -> bool:
        """A name the words beside it call a machine or a product: "Car-maker
        Honda's humanoid robot Asimo has just got faster" (tech/246.txt), "Honda's
        Asimo and Sony's Qrio robots" (tech/356.txt). It visits no state and meets
        no one, however the model tags it."""
        doc, words = self.doc, self.syntax.product_nouns
        root = doc[cand.start : cand.end].root
        if cand.start:
            before = doc[cand.start - 1]
            joined = (
                before.head.i == root.i
                or root.head.i == before.i
                # the parser may make both subjects of the verb
                or (before.dep_ == root.dep_ and before.head.i == root.head.i)
            )
            subject = root.dep_ in ("nsubj", "nsubjpass")
            # not the subject of a clause on the noun: "the phone Nokia launched"
            if before.lemma_.lower() in words and (joined or not subject):
                return True
        # a maker's model, "Sony's Qrio robots"; not the maker, "Motorola phones"
        # (tech/040.txt)
        head = root.head
        if (
            root.dep_ in ("compound", "nmod")
            and head.lemma_.lower() in words
            and any(c.dep_ == "poss" for c in head.children)
        ):
            return True
        # "Honda's Asimo and Sony's Qrio robots": one of a list the last word names
        return any(c.dep_ == "poss" for c in root.children) and any(
            c.dep_ == "conj" and c.lemma_.lower() in words and c.tag_ == "NNS"
            for c in root.children
        )

    def _of_a_business_role(self, root: Token) -> bool:
        """A name whose officer, board or shares the text speaks of is a business:
        "said Michael Heilmann, chief technology officer for Vivendi Universal"
        (tech/155.txt, tagged a person, so "Universal" in "backing from Paramount,
        Universal and Warner Bros" was read as his surname), "Diageo's profits"."""
        roles = self.syntax.business_roles
        if root.dep_ == "poss":
            return root.head.lemma_.lower() in roles
        prep = root.head
        return (
            root.dep_ == "pobj"
            and prep.lower_ in ("of", "for", "at")
            and prep.head.pos_ == "NOUN"
            and prep.head.lemma_.lower() in roles
        )

    def _voted_label(self, text: str, label: str) -> str:
        """The article's majority label for a name (ties keep the mention's own);
        an organisation wherever the article calls it a business ("engineering
        group Jarvis", which the model tags a person)."""
        if text in self.described_businesses:
            return "ORG"
        votes = self.votes.get(text)
        if not votes:
            return label
        best, count = votes.most_common(1)[0]
        return label if votes[label] == count else best

    def _ends_title(self, cand: _Candidate) -> bool:
        """The name is the last word(s) of a title: "US Secretary of State Antony
        Blinken" has no organisation called State."""
        doc = self.doc
        end_text = doc[cand.start : cand.end].text.lower()
        for start in range(max(0, cand.start - 3), cand.start):
            words = doc[start : cand.start].text.lower()
            if f"{words} {end_text}" in self.syntax.titles:
                return True
        return False

    def _before_title(self, index: int) -> bool:
        return index < len(self.doc) and self.doc[index].lower_.rstrip(".") in (
            self.title_words
        )

    def _female_honorific(self, index: int) -> bool:
        """ "Mrs Howard" in an article that also has "Mr Howard": another person."""
        return (
            index > 0
            and self.doc[index - 1].lower_.rstrip(".") in FEMALE_HONORIFICS
            and self.doc[index].text in self.male_surnames
        )

    def bare_surnames(self) -> None:
        """Surnames the model did not tag at all ("Scholz’s chief spokesman")."""
        doc = self.doc
        for i, pos in enumerate(self.pos):
            if pos != PROPN or i in self.result.token_keys:
                continue
            token = doc[i]
            keys = self.surnames.get(token.text)
            if keys and len(keys) == 1 and not self._female_honorific(token.i):
                self._mention(token.i, token.i + 1, next(iter(keys)), "", "surname")
            elif not keys and token.is_title and not self._female_honorific(token.i):
                # A distinctive name the gazetteer knows ("Zelenskiy", "Putin").
                entry = self.gazetteer.lookup(token.text)
                if entry is not None and entry.type == "Person":
                    key = self._register_entry(entry)
                    self._mention(
                        token.i, token.i + 1, key, "GAZETTEER", "gazetteer-surname"
                    )

    def groups(self) -> None:
        """Non-state groups named by nationality: "Syrian rebels", "Georgian
        demonstrators from Tbilisi". Rebels are not their state, so each becomes one
        Group entity per country and noun (the same key in every article) that acts
        for itself; its CAMEO code (``SYRREB``) places it at country level for
        event-data scoring. Without a nationality ("rebels") there is no entity:
        anyone's rebels would merge into one node; unless "in"/"from"/"of" a state,
        or in a sentence that names one state, as a place (:meth:`_placing_state`)."""
        doc = self.doc
        for i, pos in enumerate(self.pos):
            if pos != NOUN or i in self.result.token_keys:
                continue
            token = doc[i]
            lemma = token.lemma_.lower()
            agent = self.syntax.group_agents.get(lemma)
            if agent is None:
                continue
            country, name = None, ""
            others: list[Token] = []  # "US and British activists": British ones too
            for child in token.children:
                if country is None and child.dep_ in ("amod", "compound", "nmod"):
                    country = self._country_at(child)
                    name = f"{child.text} {_plural(lemma)}"  # "Syrian rebels"
                    others = list(child.conjuncts) if country else []
                elif child.dep_ == "poss" or (
                    # "rebels from Syria", "rebels of Syria", "rebels in Syria"
                    child.dep_ == "prep" and child.lower_ in ("from", "of", "in")
                ):
                    for pobj in [child] if child.dep_ == "poss" else child.children:
                        if country is None and pobj.dep_ in ("pobj", "poss"):
                            country = self._country_at(pobj)
            if country is None:
                country = self._placing_state(token)
            if country is None:
                continue
            iso = self._state_code(country)
            key = self._register(
                f"group:{iso.lower()}-{slug(lemma)}",
                name
                or f"{_plural(lemma).capitalize()} from {self.result.names[country]}",
                "Group",
            )
            self.result.countries.setdefault(key, country)
            self.result.ids.setdefault(key, (("cameo", iso + agent),))
            self._mention(token.i, token.i + 1, key, "GROUP", "group")
            more = []
            for other in others:
                state = self._country_at(other)
                if state is None or state == country:
                    continue
                code = self._state_code(state)
                more.append(
                    self._register(
                        f"group:{code.lower()}-{slug(lemma)}",
                        f"{other.text} {_plural(lemma)}",
                        "Group",
                    )
                )
                self.result.ids.setdefault(more[-1], (("cameo", code + agent),))
                self.result.countries.setdefault(more[-1], state)
                self.result.aliases[more[-1]][f"{other.text} {_plural(lemma)}"] += 1
            if more:
                self.result.also[token.i] = tuple(more)

    def _placing_state(self, group: Token) -> str | None:
        """ "Insurgents bombarded a part of Syria's second city": a group without a
        nationality belongs to the one state its sentence names, when the sentence
        names it as a place (a possessor of a noun, or the object of "of"/"in"). A
        state named only as a party places no one: in "Rebels attacked Turkey"
        Turkey is the target, and whose rebels they are is unknown."""
        sent = group.sent
        states: set[str] = set()
        placed = False
        for token in sent:
            key = self.result.demonyms.get(token.i) or self.result.key_at(token.i)
            if key is None or self.result.type_of(key) != "Country":
                continue
            states.add(key)
            head = token.head
            placed = placed or (
                (token.dep_ == "poss" and head.pos_ == "NOUN" and head.i != group.i)
                or (
                    token.dep_ == "pobj"
                    and head.lower_ in ("of", "in")
                    and head.head.i != group.i
                )
            )
        if len(states) != 1 or not placed:
            return None
        (state,) = states
        return state if self._state_code(state) else None

    def _country_at(self, token: Token) -> str | None:
        """The state a modifier names ("Syrian", "Syria's", "US"), if any."""
        key = self.result.demonyms.get(token.i) or self.result.key_at(token.i)
        if key is None and token.is_title:
            entry = self.gazetteer.demonym(token.text)
            key = self._register_entry(entry) if entry is not None else None
        if key and self.result.type_of(key) == "Country" and self._state_code(key):
            return key
        return None

    def _state_code(self, key: str) -> str | None:
        """A state's three-letter CAMEO country code, which its groups' codes begin
        with: its ISO code, or the code an actor dictionary gives a state the
        gazetteer did not know (``country:cameo-…``)."""
        if len(key) == 11:
            return key.removeprefix("country:")
        entry = self.gazetteer.entry(key)
        code = dict(entry.ids).get("cameo", "") if entry is not None else ""
        return code.upper() if len(code) == 3 and code.isalpha() else None

    # -- roles ------------------------------------------------------------------------
    def titles(self) -> None:
        """Titles and appositions: "French President Emmanuel Macron" -> France."""
        seen: set[tuple[str, str | None, str | None]] = set()
        for mention in list(self.result.mentions):
            if self.result.type_of(mention.entity) != "Person":
                continue
            span = self.doc.char_span(mention.start_char, mention.end_char)
            if span is None:
                continue
            for role, organization in self._roles_of(span):
                if role:
                    self.result.titles[mention.entity].add(role.lower())
                if organization is not None:
                    organization = self.result.state_of(organization)
                    if organization == mention.entity:
                        continue
                signature = (mention.entity, organization, role)
                if signature in seen or (role is None and organization is None):
                    continue
                seen.add(signature)
                if organization is not None and organization != mention.entity:
                    kind = self.result.type_of(organization)
                    if kind in ("Country", "Organization"):
                        self._belongs(mention.entity, organization, kind)
                        self.result.affiliations.append(
                            Affiliation(
                                person=mention.entity,
                                organization=organization,
                                role=role,
                                sentence=mention.sentence,
                            )
                        )

    def _belongs(self, person: str, organization: str, kind: str) -> None:
        """A title's state is the person's country ("French President Emmanuel
        Macron"); an organisation's title ("Lib Dem leader") places them in its
        state unless something already did. A country is always a state: never
        the party or the IGO itself."""
        if kind == "Country":
            self.result.countries[person] = organization
            return
        state = self.result.countries.get(organization) or self.gazetteer.state_of(
            organization
        )
        entry = self.gazetteer.entry(state) if state else None
        if entry is not None and entry.type == "Country":
            self.result.countries.setdefault(person, self._register_entry(entry))

    def _roles_of(self, span: Span):
        doc = self.doc
        head = span.root
        title_words = self.title_words
        # Words before the name in its phrase: "US Secretary of State Antony Blinken".
        collected: list[Token] = []
        for token in doc[head.left_edge.i : span.start]:
            if token.dep_ in _NAME_MODIFIER_DEPS or token.text in POSSESSIVE:
                collected.append(token)
            else:
                collected = []  # only the words right before the name count
        organization, title = self._organization_and_title(collected, title_words)
        if title or organization:
            yield title, organization
        # Appositions: "Scholz's chief spokesman, Steffen Hebestreit" and the reverse.
        nouns = [head.head] if head.dep_ == "appos" else []
        nouns += [child for child in head.children if child.dep_ == "appos"]
        for noun in nouns:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in title_words:
                continue
            words = [c for c in noun.lefts if c.dep_ in ("compound", "amod")] + [noun]
            title = " ".join(
                w.text
                for w in words
                if w.lower_ not in ("the", "a")
                and self.result.key_at(w.i) is None  # "US commander": a commander
                and w.i not in self.result.demonyms
            )
            owner = None
            for child in noun.children:
                if child.dep_ == "poss" or (
                    child.dep_ == "prep" and child.lower_ == "of"
                ):
                    target = (
                        child
                        if child.dep_ == "poss"
                        else next((c for c in child.children if c.dep_ == "pobj"), None)
                    )
                    if target is not None:
                        owner = self.result.key_at(
                            target.i
                        ) or self.result.demonyms.get(target.i)
            for child in noun.lefts:
                if owner is None and child.i in self.result.demonyms:
                    owner = self.result.demonyms[child.i]
                key = self.result.key_at(child.i) if child.dep_ == "compound" else None
                if (
                    owner is None
                    and key is not None
                    and (self.result.type_of(key) in ("Country", "Organization"))
                ):
                    owner = key  # "the US commander in Iraq, General David Petraeus"
            yield title, owner

    def _organization_and_title(
        self, tokens: list[Token], title_words: frozenset[str]
    ) -> tuple[str | None, str | None]:
        organization = None
        words = []
        for token in tokens:
            key = self.result.demonyms.get(token.i) or self.result.key_at(token.i)
            if key and self.result.type_of(key) in ("Country", "Organization"):
                organization = organization or key
                continue
            if token.dep_ == "det" or token.text in POSSESSIVE:
                continue
            words.append(token)
        if not any(w.lower_.rstrip(".") in title_words for w in words):
            # Without a title only a nationality is a safe affiliation: "Russian
            # tycoon X" yes, "told the BBC Michael Howard ..." (a misparse) no.
            if organization and self.result.type_of(organization) != "Country":
                organization = None
            return organization, None
        honorifics = self.syntax.honorifics
        title = " ".join(w.text for w in words if w.lower_ not in honorifics)
        return organization, title or None

    def gazetteer_roles(self, date: str) -> None:
        """What the gazetteer says of the article's people on its date: the office
        each holds (an affiliation with the state they act for) and the parties and
        bodies they belong to (memberships, which never make them act for a state).
        People the text already gives a role keep the text's."""
        stated = {a.person for a in self.result.affiliations}
        for key in list(self.result.types):
            if self.result.types[key] != "Person" or key in stated:
                continue
            office = self.gazetteer.office_on(key, date)
            held = [office] if office is not None else []
            for position in [*held, *self.gazetteer.memberships_on(key, date)]:
                organization = position.state if position.is_office else position.org
                if not organization or self.gazetteer.entry(organization) is None:
                    continue
                self._register_entry(self.gazetteer.entry(organization))
                self.result.affiliations.append(
                    Affiliation(
                        person=key,
                        organization=organization,
                        role=position.role,
                        sentence=None,
                        source="gazetteer",
                        membership=not position.is_office,
                    )
                )

    def attribute(self, date: str) -> None:
        """Whom each actor acts for on ``date`` (the policy, README "Who acts for
        whom"): an office the gazetteer dates, else an office title the text gives
        a person of a state ("French President Emmanuel Macron", "Foreign Secretary
        Jack Straw" with his state named), an organ of the state for its state, an
        IGO for itself. Opposition, party, former and local figures, legislators,
        private persons, companies and groups act for no state."""
        result = self.result
        result.read_as_of = date
        for key, kind in list(result.types.items()):  # states join as they come
            if kind == "Person":
                state = self.gazetteer.acts_for(key, date) or self._titled_office(key)
            elif kind == "Organization":
                state = self.gazetteer.acts_for(key, date)
            else:
                state = None
            if state is not None and state != key:
                entry = self.gazetteer.entry(state)
                if entry is not None:
                    self._register_entry(entry)
                result.offices[key] = state

    def _titled_office(self, person: str) -> str | None:
        found = titled_office(self.result, self.gazetteer, self.syntax, person)
        return found[0] if found is not None else None


def titled_office(
    result: Resolution, gazetteer: Gazetteer, syntax: Syntax, person: str
) -> tuple[str, Affiliation] | None:
    """The state a title in the text makes ``person`` an office holder of, and the
    affiliation that says so: a state's office title, not a former, shadow or
    party one. A function of the resolution, so that `explain` names the same
    title the attribution used."""
    for affiliation in result.affiliations:
        if affiliation.person != person or affiliation.source != "text":
            continue
        words = (affiliation.role or "").lower().replace("-", " ").split()
        if not words or set(words) & syntax.not_office_words:
            continue
        if not set(words) & syntax.office_titles:
            continue
        organization = affiliation.organization
        if result.type_of(organization) == "Country":
            return organization, affiliation
        if gazetteer.is_state_body(organization):
            state = gazetteer.state_of(organization)
            if state is not None:
                return state, affiliation
    return None


def resolve_entities(
    doc: Doc,
    gazetteer: Gazetteer,
    syntax: Syntax,
    sentences: list[int],
    date: str | None = None,
    scope: str = "",
) -> Resolution:
    """Every entity mention of the Doc, typed and joined, with the roles the text gives.

    ``sentences`` maps each token index to its sentence index; ``scope`` (the
    article id) keeps names that cannot be told apart from others' to this article.
    """
    resolver = _Resolver(doc, gazetteer, syntax, sentences, scope)
    candidates = resolver.candidates()
    resolver.full_names(candidates)
    resolver.untagged_short_forms(candidates)
    for candidate in candidates:
        resolver.resolve(candidate)
    resolver.read_short_forms()
    resolver.bare_surnames()
    resolver.ambiguous_names()  # after every other name: they decide
    resolver.groups()
    resolver.titles()
    day = read_as_of(date)
    resolver.gazetteer_roles(day)
    resolver.attribute(day)
    resolver.result.mentions.sort(key=lambda m: m.start_char)
    return resolver.result


def read_as_of(date: str | None) -> str:
    """The day an article's offices are read against: its own date (a year or a
    month read as its first day), else today, the day it is ingested."""
    if date:
        text = date.strip()[:10]
        if len(text) == 4 and text.isdigit():
            return f"{text}-01-01"
        if len(text) == 7 and text[4] == "-":
            return f"{text}-01"
        if len(text) == 10:
            return text
    from datetime import date as calendar_date

    return calendar_date.today().isoformat()
