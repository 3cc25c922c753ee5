"""Events from the dependency parse: who did what to whom, with negation and modality.

One pass over each sentence finds triggers (verbs and event nouns in the lexicon), then
small named helpers make one linguistic move each: ``subjects_of`` (active, passive,
controlled and absolute subjects), ``actors_of`` (a noun phrase to the entities it
denotes: names, demonyms, "the government of X", pronouns), ``targets_of`` (the
lexicon's target slots) and ``modality_of``. An event whose actor cannot be attributed
is refused, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kgextract.knowledge.event_types import load_event_types
from kgextract.knowledge.gazetteer import Gazetteer
from kgextract.knowledge.lexicon import (
    ForeignCodeEntry,
    LexiconEntry,
    PatternElement,
    VerbPatternRule,
    quad_class,
)
from kgextract.knowledge.resources import Resources
from kgextract.model import Amount, Event
from kgextract.nlp.entities import Resolution, singular
from kgextract.nlp.money import parse_amount

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
# Links along which a verb without a subject inherits one from the word it hangs on.
CONTROL_DEPS = frozenset(
    {"xcomp", "advcl", "acl", "pcomp", "conj", "prep", "pobj", "dobj"}
)
PERSONAL_PRONOUNS = {"he": "sing", "she": "sing", "him": "sing", "her": "sing",
                     "his": "sing", "they": "plural", "them": "plural",
                     "their": "plural", "we": "speaker", "our": "speaker",
                     "us": "speaker", "it": "thing", "its": "thing"}  # fmt: skip
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})
ACTOR_TYPES = frozenset({"Country", "Organization", "Person", "Group"})
# Verbs of these types whose passive subject is who would do what follows ("was
# urged to", "was pressured to", "was allowed to"): asked or permitted is not acting.
CONTROLLING_TYPES = frozenset({"REQUEST", "COERCE", "SUPPORT"})
MAX_HOPS = 8
MAX_OBJECT_TOKENS = 12
MAX_NESTED_PREPS = 3  # "resumption of ties with X": how deep a target is looked for
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj"})
# Saying that another actor attacked is accusing it (CAMEO 112, accuse of a crime).
REPORTED_ACCUSATION = LexiconEntry(
    lemma="say", pos="VERB", type="ACCUSE", cameo="112", targets=()
)
# "X wants Y to V" is X appealing to Y (CAMEO 02, not specified).
APPEAL = LexiconEntry(lemma="want", pos="VERB", type="REQUEST", cameo="020", targets=())
# A stated refusal to cooperate, by the quad of the refused act: CAMEO 121 (reject
# material cooperation) or 120 (reject, not specified).
REJECTED_QUADS = {"MATERIAL_COOPERATION": "121", "VERBAL_COOPERATION": "120"}
CLAIMED_QUAD = "MATERIAL_CONFLICT"  # a speaker's own act of this class is claimed
CLAIMED_CAMEO = "015"  # acknowledge or claim responsibility
CONTRACTIONS = {"'ll": "will", "’ll": "will", "'d": "would", "’d": "would"}


@dataclass
class _Context:
    """Per-article memory that pronouns need: the last person seen as a subject."""

    last_person: str | None = None
    last_person_sentence: int = -1
    sentence_index: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _PatternRoles:
    """What a matched verb pattern says about the actors: who the words after it
    name as target or source, whether the subject is the target (``+ * ... $``:
    "X received money from Y"), and the words after the last matched one, where
    a target is looked for when no slot names one."""

    targets: tuple[Token, ...] = ()
    sources: tuple[Token, ...] = ()
    subject_is_target: bool = False
    rest: tuple[Token, ...] = ()
    after: tuple[Token, ...] = ()  # the clause's words after the verb
    is_negation_coded: bool = False  # the pattern's words include the "not"
    before: frozenset[int] = frozenset()  # the pattern's words before the verb


def _word_matches(word: str, token: Token) -> bool:
    """A dictionary word against a token: ``krone_`` the whole word; others the
    word or its lemma ("EFFORT" finds "efforts"), not any word it starts ("MEET"
    is not "meeting": the parser's lemma says which word it is)."""
    if word.endswith("_"):
        return token.lower_ == word[:-1]
    return token.lower_ == word or token.lemma_.lower() == word


def _sequence_end(words: tuple[str, ...], tokens: list[Token], at: int) -> int | None:
    """Index of the last token when ``words`` stand one after another from ``at``."""
    for offset, word in enumerate(words):
        k = at + offset
        if k >= len(tokens) or not _word_matches(word, tokens[k]):
            return None
        if offset and tokens[k].i != tokens[k - 1].i + 1:
            return None
    return at + len(words) - 1


_Spans = list[tuple[int, int]]  # where each element of a pattern matched


def _match_elements(
    elements: tuple[PatternElement, ...], tokens: list[Token]
) -> _Spans | None:
    """Where each element matched, in order with other words allowed between
    them (not inside a ``joined`` run), as a span of ``tokens``: a word
    element's words, or, for an actor mark, the empty span where its actor is
    looked for from."""

    def search(k: int, start: int, last: int | None) -> _Spans | None:
        if k == len(elements):
            return []
        element = elements[k]
        if element.actor is not None:
            rest = search(k + 1, start, last)
            return None if rest is None else [(start, start), *rest]
        for at in range(start, len(tokens)):
            if element.joined and (last is None or tokens[at].i != last + 1):
                continue
            for words in element.words:
                end = _sequence_end(words, tokens, at)
                if end is not None:
                    rest = search(k + 1, end + 1, tokens[end].i)
                    if rest is not None:
                        return [(at, end + 1), *rest]
        return None

    return search(0, 0, None)


def _is_reported(token: Token) -> bool:
    """Whether the token stands in a clause that is the complement of another verb."""
    while token.head.i != token.i:
        if token.dep_ == "ccomp":
            return True
        token = token.head
    return False


def _children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def _prep_objects(token: Token, preposition: str) -> list[Token]:
    return [
        pobj
        for prep in token.children
        if prep.dep_ in ("prep", "agent", "dative") and prep.lower_ == preposition
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


class EventExtractor:
    """Finds the events of one Doc. Build one per Doc; call :meth:`events`."""

    def __init__(self, doc: Doc, resolution: Resolution, resources: Resources) -> None:
        self.doc = doc
        self.res = resolution
        self.gazetteer = resources.gazetteer
        self.lexicon = resources.lexicon
        self.syntax = resources.syntax
        self.context = _Context()
        self.consumed: set[int] = set()
        self.claimed: set[int] = set()  # tokens that start another clause's subject
        self.object_controlled: set[int] = set()  # verbs whose subject was an object
        self.people_in_sentence: dict[int, set[str]] = {}  # sentence -> people named
        self.pattern_roles: dict[int, _PatternRoles] = {}  # verb -> pattern roles
        self.misread_names: set[str] = set()  # "Evil Chile": a state, not a person
        event_types = load_event_types()
        self.intent_codes = {
            name: kind.intent_cameo for name, kind in event_types.items()
        }
        self.root_types: dict[str, str] = {}
        for name, kind in event_types.items():
            for root in kind.cameo_roots:
                self.root_types.setdefault(root, name)

    # -- noun phrases to actors -------------------------------------------------------
    def actors_of(self, token: Token, *, allow_places: bool = False) -> list[str]:
        """The entities a noun phrase denotes, one per conjunct, in order."""
        found: list[str] = []
        name = self._name_tokens(token)
        heads = [*name, *[c for t in name for c in t.conjuncts if c.i > token.i]]
        heads = list({h.i: h for h in heads}.values())
        heads += [c for a in self._listed_appositions(token) for c in [a, *a.conjuncts]]
        for head in heads:
            for key in self._actor_of_head(head, allow_places=allow_places):
                if key not in found:
                    found.append(key)
        return found

    def _name_tokens(self, token: Token) -> list[Token]:
        """The token and the rest of the name it starts. "Barack Obama and Vladimir
        Putin will meet": the parser may hang the subject on "Barack" (read as a
        preposition) and the conjunct on "Obama"; both words are one name."""
        tokens = [token]
        if token.ent_iob_ != "B":
            return tokens
        doc = token.doc
        key = self.res.key_at(token.i)
        for i in range(token.i + 1, min(token.i + 5, len(doc))):
            if doc[i].ent_iob_ != "I" or doc[i].head.i not in (token.i, i - 1):
                break
            key = key or self.res.key_at(i)
            if self.res.key_at(i) not in (None, key):
                break
            tokens.append(doc[i])
        return tokens

    def _listed_appositions(self, token: Token) -> list[Token]:
        """ "The US, Russia, and Switzerland met": the parser often reads the second
        name of a list as an apposition of the first. It is a list, not a second name
        for the first, when both are states or organisations and the "apposition"
        goes on with "and" ("Chile, the African Union and Peru")."""
        key = self.res.key_at(token.i)
        if key is None or self.res.type_of(key) not in ("Country", "Organization"):
            return []
        listed = []
        for appos in _children(token, {"appos"}):
            other = self.res.key_at(appos.i)
            if (
                other is not None
                and other != key
                and self.res.type_of(other) in ("Country", "Organization")
                and (
                    appos.conjuncts
                    or (_children(token, {"cc"}) and _children(token, {"conj"}))
                )
            ):
                listed.append(appos)
        return listed

    def _broken_list(self, subject: Token, verb: Token) -> list[str]:
        """ "Chile, Peru and the ever cautious Bolivia welcomed": adjectives and
        articles inside a list of states lead the parser astray (a state becomes a
        modifier of the next one, an adjective a conjunct, the list an apposition).
        When the words before the verb are such a list, read it by its commas and
        "and"s: each part is an optional article, lowercase words and one state or
        organisation at its end, or lowercase words naming none ("the lions"). Any
        other word (a preposition, a possessive, a capitalised word no name owns)
        and it is not a plain list: the parse stands."""
        start = subject.left_edge.i
        if subject.i > verb.i or start == subject.i:
            return []
        doc, res = self.doc, self.res
        parts: list[list[Token]] = [[]]
        for token in doc[start : verb.i]:
            if token.text == "," or token.lower_ in ("and", "or"):
                if parts[-1]:
                    parts.append([])
                continue
            parts[-1].append(token)
        if len(parts) < 2 or not parts[-1]:
            return []
        listed: list[str] = []
        for part in parts:
            keys = [res.key_at(t.i) for t in part]
            if (
                len(part) == 2
                and part[0].is_sent_start
                and keys[0] == keys[1]
                and keys[0] is not None
                and res.type_of(keys[0]) == "Person"
            ):
                # "Evil Chile, the awful Peru and Bolivia": an adjective that
                # opens the sentence is capitalised, and the model makes it and
                # the state one person's name
                state = self._state_named(part[1])
                if state is not None:
                    self.misread_names.add(keys[0])
                    keys = [None, state]
            named = {key for key in keys if key is not None}
            if len(named) > 1:
                return []
            if named:
                (key,) = named
                if res.type_of(key) not in ("Country", "Organization") or (
                    keys[-1] != key
                ):
                    return []  # "Chile officials": the officials act
            for token, key in zip(part, keys, strict=True):
                if key is not None:
                    continue
                if not token.is_alpha or token.pos_ not in (
                    "DET",
                    "ADJ",
                    "NOUN",
                    "PROPN",
                ):
                    return []
                if token.is_title and not token.is_sent_start:
                    return []  # a name we do not know
            if named:
                listed.append(key)
        return listed

    def _state_named(self, token: Token) -> str | None:
        """The state one word names by itself, though the model made it part of
        a longer name."""
        entry = self.gazetteer.lookup(token.text)
        if entry is None or entry.type != "Country":
            return None
        return self.res.include(entry)

    def _actor_of_head(self, token: Token, *, allow_places: bool) -> list[str]:
        syntax, res = self.syntax, self.res
        # "NATO members from the Baltic region, including Lithuania and Estonia"
        for specific in ("include", "such"):
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lemma_ == specific:
                    objects = _children(prep, {"pobj"})
                    if objects:
                        named = self.actors_of(objects[0])
                        if named:
                            return named
        key = res.key_at(token.i)
        if key is not None:
            if res.type_of(key) in ACTOR_TYPES or allow_places:
                return [key, *res.also.get(token.i, ())]
            return []
        if token.ent_type_ in ("DATE", "TIME"):
            # "met with Syrian President Bashar Assad Tuesday": the parser makes the
            # date the head and the name its compound.
            for child in reversed(_children(token, {"compound"})):
                if res.key_at(child.i) is not None:
                    return self._actor_of_head(child, allow_places=allow_places)
            return []
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.actors_of(token.head.head, allow_places=allow_places)
        if lower in PERSONAL_PRONOUNS:
            return self._antecedent(token)
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        lemma = token.lemma_.lower()
        if lemma in self.syntax.quantity_nouns or token.ent_type_ == "CARDINAL":
            # "Hundreds of UN troops withdrew": the troops
            for pobj in _prep_objects(token, "of"):
                return self.actors_of(pobj, allow_places=allow_places)
            return []
        if token.dep_ == "pobj" and token.i in res.demonyms:
            # "withdrew from the Syrian to the Israeli-occupied sector": the
            # demonym stands for its sector, the state's
            return [res.demonyms[token.i]]
        if lemma in self.syntax.document_nouns:
            return self._document_author(token)
        compound_lemma = " ".join(
            [c.lemma_.lower() for c in token.lefts if c.dep_ == "compound"] + [lemma]
        )
        is_actor_noun = (
            lemma in syntax.actor_nouns
            or compound_lemma in syntax.actor_nouns
            # "the Chilean Congresses": a capitalised plural keeps its ending
            or (token.pos_ == "PROPN" and singular(lemma) in syntax.actor_nouns)
        )
        if not is_actor_noun:
            return []
        # "Kyiv's security agency, the SBU": a named apposition says exactly who.
        # Not a state named after another state's agent ("Chile's minister Peru"
        # is a name the dictionary gives a state): the possessor says whose.
        owned = any(
            c.dep_ == "poss" or (c.dep_ == "amod" and c.i in res.demonyms)
            for c in token.children
        )
        for appos in _children(token, {"appos"}):
            key = res.key_at(appos.i)
            if key and res.type_of(key) in ACTOR_TYPES:
                if owned and res.type_of(key) == "Country":
                    continue
                return [key]
        is_group = lemma in syntax.group_nouns
        owner = None
        more: list[str] = []
        for child in token.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "nmod") and not is_group
            ):
                owner = owner or self._owner(child)
                more = more or self._conjoined_modifiers(child)
            elif child.dep_ == "amod" and child.i in res.demonyms and not is_group:
                owner = owner or res.demonyms[child.i]
                more = more or self._conjoined_modifiers(child)
            elif child.dep_ == "amod" and res.key_at(child.i) and not is_group:
                # "Iraq cleric": a name the parser reads as an adjective
                owner = owner or self._owner(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for pobj in _children(child, {"pobj"}):
                    owner = owner or self._owner(pobj) or self._place_state(pobj)
                    more = more or self._conjoined_owners(pobj)
            elif (
                child.dep_ == "prep" and child.lower_ in ("in", "from") and not is_group
            ):
                # "police in Iraq", "officials in Kyiv", "soldiers from Chile": the
                # state they serve
                for pobj in _children(child, {"pobj"}):
                    owner = owner or self._place_state(pobj)
                    if owner is None and child.lower_ == "from":
                        # "ministers from the Georgian government"
                        owner = next(iter(self.actors_of(pobj)), None)
                    more = more or self._conjoined_owners(pobj)
        if owner is None and more:
            owner, more = more[0], more[1:]
        if owner is None:
            return []
        if more:
            # "lawmakers in Chile and Peru": the lawmakers of each
            return list(dict.fromkeys([owner, *more]))
        if lemma in ("leader", "president", "premier", "chancellor") and (
            res.type_of(owner) == "Country"
        ):
            person = self._leader_of(owner)
            if person:
                return [person]
        return [owner]

    def _document_author(self, token: Token) -> list[str]:
        """ "A UN report alleged", "a report by Amnesty said", "a report released in
        the Rwandan capital alleged": a document speaks for whoever wrote it, or
        else for the state where it was released."""
        for child in token.children:
            if child.dep_ in ("poss", "compound") or (
                child.dep_ == "amod" and child.i in self.res.demonyms
            ):
                owner = self._owner(child)
                if owner:
                    return [owner]
        for holder in [token, *_children(token, {"acl"})]:
            for agent in [*_prep_objects(holder, "by"), *_prep_objects(holder, "from")]:
                found = self.actors_of(agent)
                if found:
                    return found
        for released in _children(token, {"acl"}):
            for pobj in _prep_objects(released, "in"):
                for key in self._place_keys(pobj):
                    state = self._state_of_place(key)
                    entry = self.gazetteer.entry(state) if state else None
                    if entry is not None:
                        return [self.res.include(entry)]
        return []

    def _conjoined_owners(self, pobj: Token) -> list[str]:
        """The states of the places conjoined with ``pobj`` ("in Chile and Peru")."""
        return [
            state
            for conjunct in pobj.conjuncts
            if (state := self._place_state(conjunct) or self._owner(conjunct))
        ]

    def _conjoined_modifiers(self, modifier: Token) -> list[str]:
        """ "French and German leaders": the states of the nationalities or names
        conjoined with an agent noun's modifier; each has its own leaders."""
        return [
            state
            for conjunct in modifier.conjuncts
            if (state := self.res.demonyms.get(conjunct.i) or self._owner(conjunct))
        ]

    def _place_state(self, token: Token, depth: int = 2) -> str | None:
        """The state of a named place or country ("Iraq", "Kyiv", "the city of
        Nablus"): whose officials an office "of"/"in" it are."""
        key = self.res.key_at(token.i)
        if key is not None:
            kind = self.res.type_of(key)
            state = self._state_of_place(key) if kind in ("Country", "Place") else None
            entry = self.gazetteer.entry(state) if state else None
            if entry is None or entry.type != "Country":
                return None
            return self.res.include(entry)
        if depth > 0:
            for pobj in _prep_objects(token, "of"):
                return self._place_state(pobj, depth - 1)
        return None

    def _owner(self, token: Token, *, as_state: bool = True) -> str | None:
        """The state or organisation a modifier names; a person's state if known
        (or the person, with ``as_state=False``, so the event says through whom)."""
        key = self.res.key_at(token.i) or self.res.demonyms.get(token.i)
        if key is None:
            if token.lower_ in PERSONAL_PRONOUNS:
                antecedents = self._antecedent(token)
                key = antecedents[0] if antecedents else None
            if key is None:
                return None
        if self.res.type_of(key) == "Person":
            return (self.res.country_of(key) or key) if as_state else key
        return key if self.res.type_of(key) in ACTOR_TYPES else None

    def _leader_of(self, country: str) -> str | None:
        """ "The Ukrainian leader": the person the article last named for that state."""
        last = self.context.last_person
        if last and self.res.country_of(last) == country:
            return last
        for mention in reversed(self.res.mentions):
            if self.res.country_of(mention.entity) == country:
                return mention.entity
        return None

    def _antecedent(self, pronoun: Token) -> list[str]:
        """Resolve a pronoun conservatively; no antecedent means no actor."""
        kind = PERSONAL_PRONOUNS.get(pronoun.lower_)
        if kind == "speaker":
            return self._speaker(pronoun) if self._inside_quote(pronoun) else []
        # "X said they would ...": the pronoun in a reported clause is the speaker.
        clause = pronoun.head
        while clause.dep_ != "ccomp" and clause.head.i != clause.i:
            if clause.dep_ in ("xcomp", "conj", "aux", "advcl"):
                clause = clause.head
            else:
                break
        if clause.dep_ == "ccomp" and clause.head.lemma_ in self.syntax.speech_verbs:
            for subject in _children(clause.head, SUBJECT_DEPS):
                if subject.lower_ in PERSONAL_PRONOUNS and subject.pos_ == "PRON":
                    continue  # not "the US"
                actors = self.actors_of(subject)
                is_plural = len(actors) > 1 or subject.tag_ in ("NNS", "NNPS")
                is_collective = bool(actors) and all(
                    self.res.type_of(a) in ("Country", "Organization") for a in actors
                )
                if kind == "plural" and not (is_plural or is_collective):
                    return []  # "they" is not the one person who spoke
                # "The US claimed that they had attacked Iraq": a state or body is
                # many people, and news calls it "they".
                return actors
        if kind == "sing":
            return self._person_antecedent(pronoun)
        return []

    def _person_antecedent(self, pronoun: Token) -> list[str]:
        """ "he"/"she": a person subject earlier in the sentence, else the one person
        the previous sentence was about. Two people there make it ambiguous: none."""
        for token in reversed(pronoun.sent[: pronoun.i - pronoun.sent.start]):
            if token.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
                key = self.res.key_at(token.i)
                if key and self.res.type_of(key) == "Person":
                    return [key]
        context = self.context
        current = self.context.sentence_index.get(pronoun.sent.start, -1)
        if context.last_person and context.last_person_sentence == current - 1:
            others = self.people_in_sentence.get(current - 1, set())
            if others <= {context.last_person}:
                return [context.last_person]
        return []

    def _inside_quote(self, token: Token) -> bool:
        sent = token.sent
        marks = [t.i for t in sent if t.text in QUOTES]
        before = sum(1 for i in marks if i < token.i)
        return before % 2 == 1

    def _speaker(self, token: Token) -> list[str]:
        root = token.sent.root
        if root.lemma_ in self.syntax.speech_verbs:
            for subject in _children(root, SUBJECT_DEPS):
                if subject.lower_ not in PERSONAL_PRONOUNS:
                    return self.actors_of(subject)
        return []

    # -- clauses ----------------------------------------------------------------------
    def subjects_of(self, verb: Token) -> tuple[list[str], list[Token]]:
        """The actors of a verb and the path of words its subject was inherited through.

        Active subject; passive agent ("by"); a controlling verb or noun's subject
        ("expressed willingness to send", "is in talks to forge a coalition aimed at
        sending"); the absolute "with X doing Y".
        """
        path: list[Token] = []
        current = verb
        for _ in range(MAX_HOPS):
            if (
                path
                and current.pos_ == "NOUN"
                and current.lemma_.lower() in self.syntax.control_nouns
            ):
                # "welcomed Peru's decision to attack": whose decision acts, not
                # who welcomed it ("its decision": the subject's own, found above)
                owners = [
                    owner
                    for owner in _children(current, {"poss"})
                    if owner.pos_ != "PRON"
                ]
                owned = self.actors_of(owners[0]) if owners else []
                if owned:
                    return owned, path
            subjects = _children(current, SUBJECT_DEPS)
            if subjects:
                # "Lions, tigers, and Chile met": the parser may give a list two
                # subjects; the actors are those of all of them
                found = [key for subject in subjects for key in self.actors_of(subject)]
                found += self._broken_list(subjects[0], current)
                found = [key for key in found if key not in self.misread_names]
                return list(dict.fromkeys(found)), path
            if _children(current, PASSIVE_SUBJECT_DEPS):
                agents = _prep_objects(current, "by")
                if not agents and path and self._is_prospective(current):
                    # "Chile is set to attack Peru": who is set is who attacks.
                    passive = _children(current, PASSIVE_SUBJECT_DEPS)[0]
                    return self.actors_of(passive), path
                return (self.actors_of(agents[0]) if agents else []), path
            if current.dep_ == "relcl" and current.pos_ in ("VERB", "AUX"):
                return self.actors_of(current.head), path
            absolute = self._absolute_subject(current)
            if absolute is not None:
                return self.actors_of(absolute), path
            if current.head.i == current.i or (
                current.dep_ not in CONTROL_DEPS
                and not (current.dep_ == "acomp" and self._is_prospective(current))
            ):
                return [], path
            controllers = self._object_controllers(current)
            if controllers:
                # "urged Poland to send", "gave permission to Poland to send": the
                # one asked or permitted would act, not the one who asked.
                self.object_controlled.add(verb.i)
                return controllers, [*path, current.head]
            if (
                current.pos_ == "NOUN"
                and current.lemma_ not in self.syntax.control_nouns
            ):
                return [], path
            if current.dep_ == "acl" and current.head.pos_ == "NOUN":
                head = current.head
                if head.lemma_ not in self.syntax.control_nouns:
                    return [], path
            current = current.head
            path.append(current)
        return [], path

    def _object_controllers(self, infinitive: Token) -> list[str]:
        """Object control: the actors an infinitive's subject is the object of.

        "Germany urged Poland to send tanks" (an actor as the object of the verb the
        infinitive completes), "gave permission to Poland to send", "gave Poland
        permission to send" (the recipient of a permission noun). Not a purpose
        clause ("sent tanks to Poland to help Ukraine"): there the subject stays.
        """
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children):
            return []
        head = infinitive.head
        if infinitive.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
            for obj in _children(head, OBJECT_DEPS):
                found = self.actors_of(obj)
                if found:
                    return found
        if infinitive.dep_ in ("xcomp", "advcl") and head.pos_ == "VERB":
            # "Obama is being pressured by Congress to help Iran": in the passive,
            # the one urged or allowed is the subject
            asking = self.lexicon.verbs.get(head.lemma_.lower())
            if asking is not None and asking.type in CONTROLLING_TYPES:
                for passive in _children(head, PASSIVE_SUBJECT_DEPS):
                    found = self.actors_of(passive)
                    if found:
                        return found
        giver = None
        if infinitive.dep_ == "acl" and head.lemma_.lower() in (
            self.syntax.permission_nouns
        ):
            giver = head.head  # "gave Poland permission to send"
        elif infinitive.dep_ in ("advcl", "xcomp") and any(
            o.lemma_.lower() in self.syntax.permission_nouns
            for o in _children(head, OBJECT_DEPS)
        ):
            giver = head  # "gave permission to Poland to send"
        if giver is None:
            return []
        for dative in _children(giver, {"dative"}):
            found = self.actors_of(dative) or [
                key
                for pobj in _children(dative, {"pobj"})
                for key in self.actors_of(pobj)
            ]
            if found:
                return found
        for pobj in _prep_objects(giver, "to"):
            found = self.actors_of(pobj)
            if found:
                return found
        return []

    def _is_prospective(self, token: Token) -> bool:
        """ "is about to", "is set to", "is going to": the word an infinitive hangs
        on when the clause says the act is imminent or planned. The parser makes it
        an adjective complement of "be" or a participle with "be" as its auxiliary;
        the subject belongs to that clause, and the act has not happened yet."""
        if token.lower_ not in self.syntax.prospective_words:
            return False
        if token.dep_ == "acomp":
            return token.head.lemma_ == "be"
        return any(
            c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in token.children
        )

    def _absolute_subject(self, verb: Token) -> Token | None:
        """ "with the US and Germany authorizing attacks": the object of "with".

        Also the second of two coordinated absolutes, "with A doing X and B doing Y",
        which the parser tends to read as "X and B": B is the subject of "doing Y".
        """
        if verb.tag_ != "VBG":
            return None
        sent = verb.sent
        withs = [t for t in sent if t.lower_ == "with" and t.i < verb.i]
        for token in withs:
            for pobj in _children(token, {"pobj"}):
                right = max(c.right_edge.i for c in [pobj, *pobj.conjuncts])
                if right + 1 == verb.i:
                    return pobj
        if withs and verb.i >= 2:
            before = verb.doc[verb.i - 1]
            if (
                before.dep_ == "conj"
                and before.left_edge.i > 0
                and verb.doc[before.left_edge.i - 1].lower_ == "and"
                and self.res.key_at(before.i) is not None
            ):
                self.claimed.add(before.left_edge.i - 1)
                return before
        return None

    def targets_of(
        self, verb: Token, entry: LexiconEntry, obj: Token | None
    ) -> list[str]:
        for slot in entry.targets:
            found: list[str] = []
            if slot in ("dobj", "dobj_actor") and obj is not None:
                found = self.actors_of(obj, allow_places=True)
            elif slot == "dative":
                for dative in _children(verb, {"dative"}):
                    found = self.actors_of(dative)
                    if not found:
                        for pobj in _children(dative, {"pobj"}):
                            found = self.actors_of(pobj)
            elif slot.startswith("prep:"):
                preposition = slot.removeprefix("prep:")
                holders = [verb] + ([obj] if obj is not None else [])
                for holder in holders:
                    for pobj in _prep_objects(holder, preposition):
                        found = found or self.actors_of(pobj, allow_places=True)
            elif slot == "ccomp_subject":
                # "France alleged that Rwanda had armed the militias": the accused
                # is the subject of the reported clause.
                for clause in _children(verb, {"ccomp"}):
                    for subject in _children(clause, SUBJECT_DEPS):
                        found = found or self.actors_of(subject)
            elif slot == "poss_of_object" and obj is not None:
                for child in obj.children:
                    if child.dep_ in ("poss", "amod", "compound"):
                        key = self._owner(child)
                        if key:
                            found = [key]
                            break
            if found:
                return found
        return []

    def _place_in_phrase(self, holders: list[Token]) -> list[str]:
        """ "sorrow for the shootings in South Carolina", "responsibility for an
        attack at a mall in Kenya's capital": the state where the act the object is
        about took place, the nearest one down its chain of prepositions (breadth
        first). The actor's own state counts: condolences for a shooting at home
        are still addressed to it. ``holders``: the object, then the verb ("expressed
        sorrow over the earthquake in Turkey" hangs "over" on the verb)."""
        level = list(holders)
        for _ in range(MAX_NESTED_PREPS + 1):
            below = []
            for holder in level:
                for prep in _children(holder, {"prep"}):
                    for pobj in _children(prep, {"pobj"}):
                        for key in self._place_keys(pobj) + [
                            key
                            for poss in _children(pobj, {"poss"})
                            if (key := self._owner(poss)) is not None
                        ]:
                            if self._state_of_place(key) is not None:
                                return [key]
                        below.append(pobj)
                # "an attack targeting civilians at a mall in Kenya"
                below += _children(holder, {"acl", "relcl"})
                below += [
                    o
                    for c in _children(holder, {"acl"})
                    for o in _children(c, OBJECT_DEPS)
                ]
            level = below
        return []

    def _nested_target(self, obj: Token) -> list[str]:
        """ "welcomed their resumption of ties with Peru": when the verb's own slots
        name no one, the actor the object's phrase is about, down its chain of
        prepositions (breadth first, a few levels deep). "condemned an attack by
        Peru": the object's agent is whom the act is about. Not through the locative
        prepositions (where, not whom), except "between" ("ties between Peru and
        Bolivia": the parties)."""
        skip = self.syntax.locative_prepositions - {"between"}
        level = [obj]
        for _ in range(MAX_NESTED_PREPS):
            below = []
            for holder in level:
                for prep in _children(holder, {"prep"}):
                    if prep.lower_ in skip:
                        continue
                    for pobj in _children(prep, {"pobj"}):
                        found = self.actors_of(pobj) or [
                            # "shelled a part of Syria's capital": whose it is
                            key
                            for poss in _children(pobj, {"poss"})
                            if (key := self._owner(poss)) is not None
                        ]
                        if found:
                            return found
                        below.append(pobj)
            level = below
        return []

    def modality_of(
        self, verb: Token, path: list[Token]
    ) -> tuple[bool, bool, str | None]:
        """(negated, hypothetical, modality word) from the verb and its controllers."""
        syntax = self.syntax
        negated = False
        hypothetical = False
        modality = None
        for token in [verb, *path]:
            for child in token.children:
                if child.dep_ == "neg" or child.lower_ in ("never",):
                    negated = True
                elif child.dep_ == "aux" and child.lower_ in syntax.modal_auxiliaries:
                    modality = modality or CONTRACTIONS.get(child.lower_, child.lower_)
                    if child.lower_ not in syntax.factual_modals:
                        hypothetical = True
                elif child.dep_ == "advmod" and child.lower_ in ("maybe", "perhaps"):
                    modality = modality or child.lower_
                    hypothetical = True
                elif child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                    modality = modality or child.lower_
                    hypothetical = True
            if token.i != verb.i and self._is_prospective(token):
                modality = modality or token.lower_
                hypothetical = True
            if token.i != verb.i:
                lemma = token.lemma_.lower()
                if lemma in syntax.negating_verbs:
                    negated = True
                if lemma in syntax.intent_words:
                    modality = modality or lemma
                    hypothetical = True
            if token.dep_ == "advcl":
                for child in token.children:
                    if child.dep_ == "mark" and child.lower_ in ("if", "unless"):
                        hypothetical = True
        return negated, hypothetical, modality

    # -- triggers ---------------------------------------------------------------------
    def _verb_entry(self, verb: Token) -> tuple[LexiconEntry | None, Token | None]:
        """The lexicon entry of a verb (a phrasal one first) and its direct object."""
        lemma = verb.lemma_.lower()
        phrasal = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"]
        phrasal += [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prep"]
        # A passive subject is the underlying object: "a support package was
        # announced by Sweden", "evidence against Russia was presented by the US".
        objects = _children(verb, OBJECT_DEPS) or [
            p for p in _children(verb, PASSIVE_SUBJECT_DEPS) if p.pos_ == "NOUN"
        ]
        obj = objects[0] if objects else None
        for name in [*phrasal, lemma]:
            direct = self.lexicon.verbs.get(name)
            if direct is not None and direct.patterns:
                # a dictionary's own pattern ("fire artillery") says more than a
                # light verb reading of the same words
                matched = self._pattern_entry(verb, direct)
                if matched is not None:
                    return (matched or None), obj
            light = self.lexicon.light_verbs.get(name)
            if light is not None and light.noun_preposition:
                # "engaged the rebels in a firefight": the event noun is the object
                # of the preposition; the direct object is the target.
                nouns = _prep_objects(verb, light.noun_preposition)
                noun = (
                    self._noun_entry(nouns[0], allow_light_only=True) if nouns else None
                )
                if noun is not None:
                    merged = LexiconEntry(
                        lemma=name,
                        pos="VERB",
                        type=noun.type,
                        cameo=noun.cameo,
                        targets=light.targets + noun.targets,
                        is_reciprocal=noun.is_reciprocal,
                        is_object_reciprocal=noun.is_object_reciprocal,
                    )
                    self.consumed.add(nouns[0].i)
                    return merged, obj if obj is not None else nouns[0]
            elif light is not None and obj is not None:
                noun = self._noun_entry(obj, allow_light_only=True)
                if noun is not None:
                    merged = LexiconEntry(
                        lemma=name,
                        pos="VERB",
                        type=noun.type,
                        cameo=noun.cameo,
                        targets=light.targets + noun.targets,
                        is_reciprocal=noun.is_reciprocal,
                        is_object_reciprocal=noun.is_object_reciprocal,
                        is_inverse=light.is_inverse,
                    )
                    self.consumed.add(obj.i)
                    return merged, obj
                if light.actor_object is not None and self._is_actor_object(obj):
                    return light.actor_object, obj
            for form, entry in direct.forms if direct is not None else ():
                if verb.lower_ == form:  # "left", not "leave"
                    return replace(entry, patterns=()), obj
            if direct is not None and direct.cameo:
                return direct, obj
        return None, obj

    def _is_actor_object(self, obj: Token) -> bool:
        """The object names someone ("received ministers from Georgia", "received
        Putin"), not something ("received a letter from Putin")."""
        key = self.res.key_at(obj.i)
        if key is not None:
            return self.res.type_of(key) in ACTOR_TYPES
        return obj.lemma_.lower() in self.syntax.actor_nouns and bool(
            self.actors_of(obj)
        )

    def _pattern_entry(
        self, verb: Token, entry: LexiconEntry
    ) -> LexiconEntry | bool | None:
        """The entry as the verb's best matching dictionary pattern codes it (the
        one with most words; the first of equals), False where that pattern says
        "no event", None where no pattern matches."""
        tokens = self._clause_tokens(verb)
        # "Chile indicated it deplored Peru": the words of the clause that
        # reports a complement clause are none of its pattern's ("- INDICATED *")
        words = verb.subtree if verb.dep_ == "ccomp" else verb.sent
        before = [t for t in words if t.i < verb.i and not t.is_punct]
        after = [t for t in tokens if t.i > verb.i]
        best: tuple[VerbPatternRule, _Spans, _Spans] | None = None
        subjects = _children(verb, SUBJECT_DEPS)
        is_compound = bool(subjects and subjects[0].conjuncts)
        for rule in entry.patterns:
            if best is not None and rule.size <= best[0].size:
                continue
            if rule.needs_compound and not is_compound:
                continue
            at_before = _match_elements(rule.before, before)
            at_after = (
                _match_elements(rule.after, after) if at_before is not None else None
            )
            if at_after is not None:
                best = (rule, at_before, at_after)
        if best is None:
            return None
        rule, at_before, at_after = best
        if not rule.cameo:
            return False

        def marked(actor: str) -> tuple[Token, ...]:
            """The words the actor is looked for in: after the mark, past the
            phrases ``^`` marks right before it skip ("IFTAR (IN ^) +": not the
            place, the one after it)."""
            for k, (element, (at, _)) in enumerate(
                zip(rule.after, at_after, strict=True)
            ):
                if element.actor == actor:
                    skips = 0
                    while k - skips > 0 and rule.after[k - skips - 1].actor == "skip":
                        skips += 1
                    return self._past_phrases(tuple(after[at:]), skips)
            return ()

        roles = _PatternRoles(
            targets=marked("target"),
            sources=marked("source"),
            subject_is_target=any(e.actor == "target" for e in rule.before),
            rest=tuple(after[max([0, *(stop for _, stop in at_after)]) :]),
            after=tuple(after),
            # "didn't clash over": the pattern's own words hold the negation
            is_negation_coded=any(
                token.dep_ == "neg"
                for first, stop in at_before
                for token in before[first:stop]
            ),
            before=frozenset(
                token.i for first, stop in at_before for token in before[first:stop]
            ),
        )
        self.pattern_roles[verb.i] = roles
        return replace(
            entry,
            cameo=rule.cameo,
            type=self.root_types.get(rule.cameo[:2]),
            reverse_cameo=rule.reverse_cameo,
            # "- % * [191]": the members of a compound subject act on each other
            is_reciprocal=rule.is_reciprocal or rule.needs_compound,
            patterns=(),
        )

    def _clause_after(self, verb: Token) -> list[Token]:
        """Where a dictionary coder looks for the target: the verb's phrase."""
        return [t for t in self._clause_tokens(verb) if t.i > verb.i]

    def _clause_tokens(self, verb: Token) -> list[Token]:
        """The words of the verb's own clause: its subtree without the clauses
        joined to it ("... and promised aid") or hung on it as adverbials ("after
        crowds trashed its embassy")."""
        excluded: set[int] = set()
        for child in verb.children:
            if child.dep_ in ("advcl", "conj", "cc"):
                excluded.update(t.i for t in child.subtree)
        return [t for t in verb.subtree if t.i not in excluded and not t.is_punct]

    def _past_phrases(self, tokens: tuple[Token, ...], count: int) -> tuple[Token, ...]:
        """``tokens`` after the first ``count`` phrases that name an actor or place."""
        for _ in range(count):
            for k, token in enumerate(tokens):
                if self.actors_of(token, allow_places=True):
                    end = token.i  # the name, not what hangs on it
                    while (
                        end + 1 < len(token.doc) and token.doc[end + 1].ent_iob_ == "I"
                    ):
                        end += 1
                    tokens = tuple(t for t in tokens[k + 1 :] if t.i > end)
                    break
            else:
                return ()
        return tokens

    def _first_actors(
        self, tokens: tuple[Token, ...], *, allow_places: bool = True
    ) -> list[str]:
        """The actors of the first words in ``tokens`` that denote any."""
        for token in tokens:
            found = self.actors_of(token, allow_places=allow_places)
            if found:
                return found
        return []

    def _noun_entry(
        self, noun: Token, *, allow_light_only: bool
    ) -> LexiconEntry | None:
        """A noun's entry, or one of its compound modifiers' ("support package")."""
        lexicon = self.lexicon
        entry = lexicon.nouns.get(noun.lemma_.lower())
        modifiers = {
            c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")
        }
        if entry is not None:
            if entry.requires_modifier and not entry.requires_modifier & modifiers:
                entry = None
            elif entry.is_light_only and not allow_light_only:
                entry = None
        if entry is not None:
            return entry
        for child in noun.children:
            if child.dep_ == "compound":
                modifier = lexicon.nouns.get(child.lemma_.lower())
                if modifier is not None and not modifier.requires_modifier:
                    return modifier
        return None

    def _object_text(self, obj: Token | None) -> str | None:
        """The object phrase without its clauses: "strikes inside Russia"."""
        if obj is None:
            return None
        if obj.lower_ in RELATIVE_PRONOUNS and obj.head.dep_ == "relcl":
            obj = obj.head.head
        excluded: set[int] = set()
        for token in obj.subtree:
            if token.i != obj.i and token.dep_ in CLAUSE_DEPS:
                excluded.update(t.i for t in token.subtree)
        kept = []
        for token in obj.subtree:
            if token.i in self.claimed:
                break
            if token.i not in excluded:
                kept.append(token)
        while kept and (kept[0].dep_ == "det" or kept[0].is_punct):
            kept.pop(0)
        while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
            kept.pop()
        kept = kept[:MAX_OBJECT_TOKENS]
        pieces, run = [], []
        for token in kept:  # contiguous runs keep their own spacing
            if run and token.i != run[-1].i + 1:
                pieces.append(obj.doc[run[0].i : run[-1].i + 1].text)
                run = []
            run.append(token)
        if run:
            pieces.append(obj.doc[run[0].i : run[-1].i + 1].text)
        return " ".join(pieces) or None

    def _verb_events(self, verb: Token, sentence: int) -> Iterator[Event]:
        entry, obj = self._verb_entry(verb)
        if entry is None:
            return
        actors, path = self.subjects_of(verb)
        if not actors and entry.type == "ASSAULT":
            actors = self._unnamed_attacker(verb)
        roles = self.pattern_roles.get(verb.i)
        targets: list[str] = []
        if roles is not None and not actors:
            actors = self._owner_of_pattern_subject(verb, roles)
        if roles is not None:
            targets = self._first_actors(roles.targets)
            sources = self._first_actors(roles.sources)
            if sources:
                # "- + * MONEY $": "Chile received money from Peru" is Peru's act
                if roles.subject_is_target:
                    subjects = _children(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
                    targets = self.actors_of(subjects[0]) if subjects else actors
                actors = sources
        if not actors or verb.i in self.object_controlled:
            # "urged Poland to send tanks": asked or permitted to act is not acting;
            # the asking ("urge") or permitting ("permission") is the event.
            return
        if entry.is_inverse:
            yield from self._received_events(entry, verb, actors, path, obj, sentence)
            return
        if not targets:
            for passive in _children(verb, PASSIVE_SUBJECT_DEPS):
                targets = self.actors_of(passive, allow_places=True)
        if not targets:
            targets = self.targets_of(verb, entry, obj)
        if not targets and obj is not None and entry.targets:
            targets = self._nested_target(obj)
        if not targets and obj is not None and "place" in entry.targets:
            # "expressed sorrow for the shootings in South Carolina"
            targets = self._place_in_phrase([obj, verb])
        if (
            not targets
            and (roles is not None or isinstance(entry, ForeignCodeEntry))
            and not (entry.is_reciprocal and len(actors) > 1)
        ):
            # A dictionary verb codes as its dictionary's coder does: the first
            # actor of the verb's phrase is its target ("warned of Peru"), after
            # the pattern's words if one matched ("clashed over the efforts of
            # Peru"); not a place.
            rest = roles.rest if roles is not None else ()
            targets = self._first_actors(rest, allow_places=False) or (
                self._first_actors(
                    tuple(roles.after if roles else self._clause_after(verb)),
                    allow_places=False,
                )
            )
        if not targets and entry.type == "ASSAULT":
            targets = self._attack_site(verb, actors)
        venue: list[str] = []
        if not targets and entry.type in self.syntax.located_types:
            if not (entry.is_reciprocal and len(actors) > 1):
                targets = self._location_of(verb, obj, actors)
            else:
                # "Obama and Putin will meet in Zurich": they meet each other, and
                # each meets in Switzerland, a third state (CAMEO codes both).
                venue = self._location_of(verb, obj, actors)
        negated, hypothetical, modality = self.modality_of(verb, path)
        if roles is not None and roles.is_negation_coded:
            negated = False  # the dictionary codes the refusal itself
        asker = self._wanting(verb, path, actors)
        if asker is not None:
            # "Obama wants Putin to attack X": Obama appeals to Putin; the attack is
            # only wished for.
            hypothetical, modality = True, modality or asker[0].lemma_.lower()
            yield from self._emit(
                APPEAL, asker[0], asker[1], actors, None, sentence,
                *self.modality_of(asker[0], []),
            )  # fmt: skip
        intent_code = self.intent_codes.get(entry.type or "")
        stated_intent = self._is_stated_intent(verb, path, actors)
        if negated and stated_intent and entry.quad in REJECTED_QUADS:
            # "Obama said he would not provide support to Israel": a stated refusal
            # is an event of its own, a rejection (CAMEO 12x).
            entry = replace(entry, type="REJECT", cameo=REJECTED_QUADS[entry.quad])
            negated = hypothetical = False  # the refusal itself was made
        elif (
            entry.quad == CLAIMED_QUAD
            and not negated
            and self._own_report(verb, actors) is not None
        ):
            # "Chile said it will attack Peru", "Chile claimed it had attacked
            # Peru": an actor speaking of its own use of force claims it (CAMEO
            # 015), whether done or announced; the act keeps its type.
            entry = replace(entry, cameo=CLAIMED_CAMEO)
        elif intent_code and stated_intent:
            entry = replace(entry, cameo=intent_code)
        yield from self._emit(
            entry, verb, actors, targets, obj, sentence, negated, hypothetical, modality
        )
        if venue:
            yield from self._emit(
                replace(entry, is_reciprocal=False), verb, actors, venue, obj,
                sentence, negated, hypothetical, modality,
            )  # fmt: skip
        if not (negated or hypothetical) and entry.type in self.syntax.accusing_types:
            yield from self._reported_accusation(verb, actors, sentence)

    def _owner_of_pattern_subject(self, verb: Token, roles: _PatternRoles) -> list[str]:
        """ "- {DEATH TOLL} * [190]" codes "Chile's death toll has risen": the
        subject is one of the pattern's own words, so the event is its
        possessor's."""
        subjects = _children(verb, SUBJECT_DEPS)
        if not subjects or subjects[0].i not in roles.before:
            return []
        return [
            key for c in _children(subjects[0], {"poss"}) for key in self.actors_of(c)
        ]

    def _unnamed_attacker(self, verb: Token) -> list[str]:
        """An attack in the passive with no agent: "killed in Israeli shelling"
        (a weapon or attack of a state's), "a mortar bomb was fired from the Gaza
        Strip" (the place it came from)."""
        if not _children(verb, PASSIVE_SUBJECT_DEPS):
            return []
        for pobj in [*_prep_objects(verb, "in"), *_prep_objects(verb, "by")]:
            noun = self.lexicon.nouns.get(pobj.lemma_.lower())
            if noun is None or noun.type not in ("ASSAULT", "AID"):
                continue  # "killed in Israeli territory": where, not by whom
            for child in pobj.children:
                if child.dep_ in ("amod", "poss", "compound"):
                    owner = self._owner(child)
                    if owner is not None:
                        return [owner]
        for pobj in _prep_objects(verb, "from"):
            keys = self._place_keys(pobj)
            if keys:
                return keys[:1]
        return []

    def _attack_site(self, verb: Token, actors: list[str]) -> list[str]:
        """ "Four children were killed in Israeli shelling in the east of the Gaza
        Strip": victims of a passive whom no actor names are the people of the place
        where the attack happened (as CAMEO codes them), a state other than the
        attacker's. Looked
        for along the verb's prepositions and the clauses that describe the attack,
        a few levels deep."""
        if not _children(verb, PASSIVE_SUBJECT_DEPS):
            return []  # only the victims of a passive ("were killed in ..."): not
            # "Butler strikes gold in Spain"
        own = {self.res.state_of(a) for a in actors}
        skip = {"from"}  # where the attack came from, not where it struck
        level = [verb]
        for _ in range(MAX_NESTED_PREPS):
            below = []
            for holder in level:
                for child in holder.children:
                    if child.dep_ == "prep" and child.lower_ in (
                        self.syntax.locative_prepositions - skip
                    ):
                        for pobj in _children(child, {"pobj"}):
                            # "in the east of the Gaza Strip": the place's state
                            state_of_part = self._place_state(pobj)
                            for key in self._place_keys(pobj) + (
                                [state_of_part] if state_of_part else []
                            ):
                                state = self._state_of_place(key)
                                if state not in own | {None}:
                                    return [key]
                            below.append(pobj)
                    elif child.dep_ in ("advcl", "prep") or (
                        child.dep_ == "pobj" and holder.dep_ == "prep"
                    ):
                        below.append(child)
            level = below
        return []

    def _received_events(
        self,
        entry: LexiconEntry,
        verb: Token,
        receivers: list[str],
        path: list[Token],
        obj: Token | None,
        sentence: int,
    ) -> Iterator[Event]:
        """ "Ukraine received weapons from Germany": the giver ("from") acts, the
        subject is its target. No giver named, no event."""
        holders = [verb] + ([obj] if obj is not None else [])
        givers = [
            key
            for holder in holders
            for pobj in _prep_objects(holder, "from")
            for key in self.actors_of(pobj)
        ]
        if not givers:
            return
        negated, hypothetical, modality = self.modality_of(verb, path)
        yield from self._emit(
            entry,
            verb,
            givers,
            receivers,
            obj,
            sentence,
            negated,
            hypothetical,
            modality,
        )

    def _reported_accusation(
        self, verb: Token, actors: list[str], sentence: int
    ) -> Iterator[Event]:
        """ "Chile said that Peru had attacked Bolivia": saying that another actor
        attacked or repressed is accusing it (CAMEO 112), whoever the victim was.
        Not when the speech verb is an event of its own ("warned", "alleged"), nor
        for the attribution that follows a news report ("..., officials said")."""
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        speech = clause.head
        if (
            clause.dep_ != "ccomp"
            or clause.i < speech.i  # "X attacked Y, officials said": attribution
            or speech.lemma_ not in self.syntax.speech_verbs
            or self._verb_entry(speech)[0] is not None
        ):
            return
        speakers = [
            key
            for subject in _children(speech, SUBJECT_DEPS)
            for key in self.actors_of(subject)
        ]
        accused = [a for a in actors if a not in speakers]
        if not speakers or not accused:
            return
        negated, hypothetical, modality = self.modality_of(speech, [])
        yield from self._emit(
            REPORTED_ACCUSATION,
            speech,
            speakers,
            accused,
            None,
            sentence,
            negated,
            hypothetical,
            modality,
        )

    def _location_of(
        self, verb: Token, obj: Token | None, actors: list[str]
    ) -> list[str]:
        """ "protested in Beijing", "held exercises in Alaska", "attend a summit in
        Switzerland", "attend the Beijing Olympics": with no actor to act on, a
        meeting, protest or show of force is directed at the state where it happens
        (as CAMEO codes it). A place in the actor's own state says nothing about a
        target: none."""
        own = {self.res.state_of(a) for a in actors}
        for holder in [verb] + ([obj] if obj is not None else []):
            for preposition in ("in", "at"):
                for pobj in _prep_objects(holder, preposition):
                    for key in self._place_keys(pobj):
                        if self._state_of_place(key) not in own | {None}:
                            return [key]
        # "attend a summit on the unrest in Iran": the state the meeting is about
        for topic in ("on", "about", "over"):
            for pobj in _prep_objects(obj, topic) if obj is not None else []:
                for place in _prep_objects(pobj, "in"):
                    for key in self._place_keys(place):
                        if self._state_of_place(key) not in own | {None}:
                            return [key]
        # "attend the Beijing Olympics", "the Lima summit": the place names the event
        # (the model often tags the whole name an EVENT, so the place is looked up)
        for child in _children(obj, {"compound"}) if obj is not None else []:
            entry = self.gazetteer.lookup(child.text) if child.pos_ == "PROPN" else None
            keys = self._place_keys(child) or (
                [self.res.include(entry)]
                if entry is not None and entry.type in ("Place", "Country")
                else []
            )
            for key in keys:
                if self._state_of_place(key) not in own | {None}:
                    return [key]
        return []

    def _place_keys(self, token: Token) -> list[str]:
        """A named place or state, or one given by a demonym ("the Egyptian
        capital")."""
        found = self.actors_of(token, allow_places=True)
        if not found:
            found = [
                self.res.demonyms[child.i]
                for child in token.children
                if child.dep_ == "amod" and child.i in self.res.demonyms
            ]
        return found

    def _state_of_place(self, key: str) -> str | None:
        kind = self.res.type_of(key)
        if kind == "Country":
            return key
        if kind == "Place":
            entry = self.gazetteer.entry(key)
            return entry.country if entry is not None else None
        return None

    def _wanting(
        self, verb: Token, path: list[Token], actors: list[str]
    ) -> tuple[Token, list[str]] | None:
        """ "X wants Y to V": the verb has a subject of its own and hangs on a verb of
        wanting whose subject is someone else. Returns that verb and its actors."""
        head = verb.head
        if (
            path
            or verb.dep_ not in ("ccomp", "xcomp")
            or head.lemma_.lower() not in self.syntax.appeal_verbs
            or not _children(verb, SUBJECT_DEPS)
        ):
            return None
        askers = [
            key
            for subject in _children(head, SUBJECT_DEPS)
            for key in self.actors_of(subject)
        ]
        if not askers or set(askers) & set(actors):
            return None
        return head, askers

    def _is_stated_intent(
        self, verb: Token, path: list[Token], actors: list[str]
    ) -> bool:
        """ "Chile wants to help Peru", "Chile said it would free the prisoners": the
        actor states what it means to do. CAMEO codes that as an intent (03x, 13x),
        not as the act; "agreed to"/"pledged to" are commitments and stay acts."""
        syntax = self.syntax
        if any(t.lemma_.lower() in syntax.stated_intent_verbs for t in path):
            return True
        clause = self._own_report(verb, actors)
        return clause is not None and any(
            c.dep_ == "aux" and c.lower_ in syntax.future_auxiliaries
            for c in clause.children
        )

    def _own_report(self, verb: Token, actors: list[str]) -> Token | None:
        """The reported clause holding ``verb`` when its actors are the speakers
        themselves ("Chile said it would ...", "Chile claimed it had ..."): what
        an actor says of its own acts is a statement about them, not a report."""
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if (
            clause.dep_ != "ccomp"
            or clause.head.lemma_ not in self.syntax.speech_verbs
            or clause.i < clause.head.i  # "X attacked Y, X's officials said": a report
        ):
            return None
        speakers = [
            key
            for subject in _children(clause.head, SUBJECT_DEPS)
            for key in self.actors_of(subject)
        ]
        return clause if actors and set(actors) <= set(speakers) else None

    def _noun_events(self, noun: Token, sentence: int) -> Iterator[Event]:
        if noun.i in self.consumed or noun.dep_ == "compound":
            return
        entry = self._noun_entry(noun, allow_light_only=False)
        if entry is None or entry.lemma != noun.lemma_.lower():
            return
        actors: list[str] = []
        for child in noun.children:
            if child.dep_ == "poss" or (
                child.dep_ == "amod" and child.i in self.res.demonyms
            ):
                owner = self._owner(child, as_state=False)
                if owner:
                    actors = [owner]
        if not actors:
            for agent in _prep_objects(noun, "by"):
                actors = self.actors_of(agent)
        if not actors:
            return
        targets: list[str] = []
        for slot in entry.targets:
            if slot.startswith("prep:"):
                for pobj in _prep_objects(noun, slot.removeprefix("prep:")):
                    targets = targets or self.actors_of(pobj, allow_places=True)
        if not targets:
            return  # "Ukrainian attacks" alone: a mention, not yet an event
        negated, hypothetical, modality = self.modality_of(noun, [])
        yield from self._emit(
            entry,
            noun,
            actors,
            targets,
            None,
            sentence,
            negated,
            hypothetical,
            modality,
        )

    def _emit(
        self,
        entry: LexiconEntry,
        trigger: Token,
        actors: list[str],
        targets: list[str],
        obj: Token | None,
        sentence: int,
        negated: bool,
        hypothetical: bool,
        modality: str | None,
    ) -> Iterator[Event]:
        inferred = False
        if not targets and entry.type in ("AID", "SUPPORT"):
            targets = self._implicit_targets(trigger, actors)
            inferred = bool(targets)
        object_text = self._object_text(obj)
        for actor, target in self._pairs(entry, actors, targets):
            if target is not None and (
                target == actor or self.res.state_of(target) == self.res.state_of(actor)
            ):
                continue
            yield Event(
                type=entry.type or "",
                cameo=entry.cameo or "",
                quad=entry.quad,
                actor=actor,
                target=target,
                verb=_verb_name(entry, trigger),
                object=object_text,
                sentence=sentence,
                start_char=trigger.idx,
                end_char=trigger.idx + len(trigger.text),
                negated=negated,
                hypothetical=hypothetical,
                modality=modality,
                target_inferred=inferred,
            )
            if entry.reverse_cameo and target is not None and not negated:
                yield from self._reverse_event(
                    entry, trigger, actor, target, sentence, hypothetical, modality
                )

    def _reverse_event(
        self,
        entry: LexiconEntry,
        trigger: Token,
        actor: str,
        target: str,
        sentence: int,
        hypothetical: bool,
        modality: str | None,
    ) -> Iterator[Event]:
        """ "Chile arrived in Peru": Peru hosts Chile (the entry's ``reverse_cameo``).
        A place acts through its state; a target that is no actor acts not at all."""
        back = target
        if self.res.type_of(target) == "Place":
            back = self._state_of_place(target)
        if back is None or self.res.type_of(back) not in ACTOR_TYPES:
            return
        if self.res.state_of(back) == self.res.state_of(actor):
            return
        code = entry.reverse_cameo or ""
        try:
            quad = quad_class(code)
        except ValueError:  # a dictionary's own code outside CAMEO's roots
            quad = ""
        yield Event(
            type=self.root_types.get(code[:2], ""),
            cameo=code,
            quad=quad,
            actor=back,
            target=actor,
            verb=_verb_name(entry, trigger),
            object=None,
            sentence=sentence,
            start_char=trigger.idx,
            end_char=trigger.idx + len(trigger.text),
            negated=False,
            hypothetical=hypothetical,
            modality=modality,
        )

    def _pairs(
        self, entry: LexiconEntry, actors: list[str], targets: list[str]
    ) -> list[tuple[str, str | None]]:
        """Actor-target pairs. A reciprocal event ("held talks", "clashed") goes both
        ways: "A clashed with B" is also B clashing with A, and "A, B and C met" is
        every ordered pair of them. An entry reciprocal among its subjects only
        ("meet") keeps "A met with B" as A's act: the one who went to meet."""
        pairs: list[tuple[str, str | None]] = [
            (actor, target) for actor in actors for target in targets or [None]
        ]
        if entry.is_reciprocal:
            if not targets and len(actors) > 1:
                pairs = [(a, b) for a in actors for b in actors if a != b]
            elif entry.is_object_reciprocal:
                pairs += [
                    (target, actor)
                    for actor in actors
                    for target in targets
                    if self.res.type_of(target) in ACTOR_TYPES
                ]
        return list(dict.fromkeys(pairs))

    def _implicit_targets(self, trigger: Token, actors: list[str]) -> list[str]:
        """Aid with no stated recipient goes to the sentence's protagonist, if it is
        another state: "He [Zelenskiy] arrived ..., a day after Sweden announced its
        support package". Marked ``target_inferred``."""
        root = trigger.sent.root
        if root.i == trigger.i or _is_reported(trigger):
            # "Kenya alleged that Somalia had armed the gunmen": the speaker of a
            # reported clause is not the recipient of what it reports.
            return []
        own = {self.res.state_of(a) for a in actors}
        if not all(self.res.type_of(state) == "Country" for state in own):
            return []
        for subject in _children(root, SUBJECT_DEPS):
            for key in self.actors_of(subject):
                state = self.res.state_of(key)
                if state not in own and self.res.type_of(state) == "Country":
                    return [state]
        return []

    # -- driver -----------------------------------------------------------------------
    def _remember_subjects(self, sent: Span, index: int) -> None:
        for token in sent:
            if token.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
                for key in self.actors_of(token):
                    if self.res.type_of(key) == "Person":
                        self.context.last_person = key
                        self.context.last_person_sentence = index
                        return

    def events(self, sentences: list[Span]) -> Iterator[Event]:
        for index, sent in enumerate(sentences):
            self.context.sentence_index[sent.start] = index
        for mention in self.res.mentions:
            if self.res.type_of(mention.entity) == "Person":
                self.people_in_sentence.setdefault(mention.sentence, set()).add(
                    mention.entity
                )
        for index, sent in enumerate(sentences):
            found: list[Event] = []
            for token in sent:
                if token.tag_ == "VBG":
                    self._absolute_subject(
                        token
                    )  # claims "B" in "with A doing X and B…"
            for token in sent:
                if token.pos_ in ("VERB", "AUX"):
                    found.extend(self._verb_events(token, index))
            for token in sent:
                if token.pos_ == "NOUN":
                    found.extend(self._noun_events(token, index))
            yield from attach_amounts(sent, found, self.gazetteer)
            self._remember_subjects(sent, index)


def _verb_name(entry: LexiconEntry, trigger: Token) -> str:
    """The event's verb: a phrasal verb with its particle ("carry out"), but a verb
    entered with its preposition ("launch at") is the verb ("launch"): the
    preposition says where the target is, not what was done."""
    rest = entry.lemma.split()[1:]
    if not rest:
        return trigger.lemma_.lower()
    prepositions = {c.lower_ for c in trigger.children if c.dep_ == "prep"}
    particles = {c.lower_ for c in trigger.children if c.dep_ == "prt"}
    if set(rest) <= prepositions and not set(rest) & particles:
        return trigger.lemma_.lower()
    return entry.lemma


def attach_amounts(
    sent: Span, events: list[Event], gazetteer: Gazetteer
) -> list[Event]:
    """Give each money amount of the sentence to the event it follows most closely.

    All events of that trigger (one per conjoined actor) carry it.
    """
    if not events:
        return events
    amounts: dict[int, list[Amount]] = {}
    for ent in sent.ents:
        if ent.label_ != "MONEY":
            continue
        amount = parse_amount(ent, gazetteer)
        if amount is None:
            continue
        starts = [e.start_char for e in events if e.start_char < ent.start_char]
        trigger = max(starts) if starts else min(e.start_char for e in events)
        amounts.setdefault(trigger, []).append(amount)
    return [
        replace(event, amounts=event.amounts + tuple(amounts[event.start_char]))
        if event.start_char in amounts
        else event
        for event in events
    ]


def extract_events(
    doc: Doc, resolution: Resolution, resources: Resources, sentences: list[Span]
) -> list[Event]:
    """All events of a Doc, in reading order."""
    return list(EventExtractor(doc, resolution, resources).events(sentences))
