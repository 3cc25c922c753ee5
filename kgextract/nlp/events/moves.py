"""The named moves a construction is declared with: each reads one slot (an actor or
a target) one way, from the clause the engine hands it, and returns the actors it
found, or none.

A construction (``rules/constructions.json``) lists moves per slot in the order they
are tried; the first that finds anyone fills the slot. The registries below are
where a name in the rules file becomes code; an unknown name is refused when the
rules are loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from kgextract.knowledge.lexicon import LexiconEntry, Syntax
from kgextract.nlp.events.clauses import Clauses, Subjects, addressed_participle
from kgextract.nlp.events.phrases import Phrases
from kgextract.nlp.events.tree import (
    ANY_SUBJECT_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    clause_tokens,
    for_clauses,
    is_reported,
    prep_objects,
    walk_preps,
)
from kgextract.nlp.events.triggers import Trigger
from kgextract.registry import Registry

# Types whose stance on a thing named in a prepositional slot is one on its owner
OWNER_STANCE_TYPES = frozenset({"SUPPORT", "ACCUSE", "REJECT", "REQUEST", "PROTEST"})
MAX_NESTED_PREPS = 3  # "resumption of ties with X": how deep a target is looked for


@dataclass(frozen=True)
class Reader:
    """What moves read with: the article's phrases and clauses, and the rules."""

    phrases: Phrases
    clauses: Clauses
    syntax: Syntax
    lexicon_nouns: dict[str, LexiconEntry]
    coder_compatible: bool = False  # see Resources.coder_compatible


@dataclass(frozen=True)
class Clause:
    """One trigger being read: its entry, the subject analysis, and the actors the
    actor slot has found so far (target moves look at them)."""

    trigger: Trigger
    subjects: Subjects
    actors: list[str] = field(default_factory=list)
    subject_actors: list[str] = field(default_factory=list)  # before any override
    # The named nodes of a dependency-pattern construction ("actor", "target").
    nodes: Mapping[str, Token] = field(default_factory=dict)

    @property
    def entry(self) -> LexiconEntry:
        return self.trigger.entry

    @property
    def token(self) -> Token:
        return self.trigger.token

    @property
    def obj(self) -> Token | None:
        return self.trigger.obj


Move = Callable[[Reader, Clause], list[str]]
actor_moves: Registry[Move] = Registry("actor move")
target_moves: Registry[Move] = Registry("target move")


# -- actors -------------------------------------------------------------------------
@actor_moves.register("subject")
def subject(reader: Reader, clause: Clause) -> list[str]:
    """The clause's subject: active, passive agent, inherited (clauses.subjects_of)."""
    return clause.subjects.actors


@actor_moves.register("unnamed-attacker")
def unnamed_attacker(reader: Reader, clause: Clause) -> list[str]:
    """An attack in the passive with no agent: "killed in Israeli shelling" (a
    weapon or attack of a state's), "a mortar bomb was fired from the Gaza Strip"
    (the place it came from)."""
    verb = clause.token
    if clause.entry.type != "ASSAULT" or not children(verb, PASSIVE_SUBJECT_DEPS):
        return []
    for pobj in [*prep_objects(verb, "in"), *prep_objects(verb, "by")]:
        noun = reader.lexicon_nouns.get(pobj.lemma_.lower())
        if noun is None or noun.type not in ("ASSAULT", "AID"):
            continue  # "killed in Israeli territory": where, not by whom
        for child in pobj.children:
            if child.dep_ in ("amod", "poss", "compound"):
                owner = reader.phrases.owner(child)
                if owner is not None:
                    return [owner]
    for pobj in prep_objects(verb, "from"):
        keys = reader.phrases.place_keys(pobj)
        if keys:
            return keys[:1]
    return []


@actor_moves.register("pattern-subject-owner")
def pattern_subject_owner(reader: Reader, clause: Clause) -> list[str]:
    """ "- {DEATH TOLL} * [190]" codes "Chile's death toll has risen": the subject
    is one of the pattern's own words, so the event is its possessor's."""
    roles = clause.trigger.roles
    if roles is None:
        return []
    subjects = children(clause.token, SUBJECT_DEPS)
    if not subjects or subjects[0].i not in roles.before:
        return []
    return [
        key
        for c in children(subjects[0], {"poss"})
        for key in reader.phrases.actors_of(c)
    ]


@actor_moves.register("pattern-source")
def pattern_source(reader: Reader, clause: Clause) -> list[str]:
    """ "- + * MONEY $": "Chile received money from Peru" is Peru's act: the
    pattern's source mark names the actor, whoever the subject is."""
    roles = clause.trigger.roles
    return reader.phrases.first_actors(roles.sources) if roles is not None else []


@actor_moves.register("noun-possessor")
def noun_possessor(reader: Reader, clause: Clause) -> list[str]:
    """ "Germany's support", "Ukrainian attacks": the possessor or nationality of
    an event noun acts (the person, not their state: the event says through whom)."""
    actors: list[str] = []
    for child in clause.token.children:
        if child.dep_ == "poss" or (
            child.dep_ == "amod" and child.i in reader.phrases.res.demonyms
        ):
            owner = reader.phrases.owner(child, as_state=False)
            if owner and not _jurisdiction(reader, clause.token, owner):
                actors = [owner]
    return actors


@actor_moves.register("by-agent")
def by_agent(reader: Reader, clause: Clause) -> list[str]:
    """ "criticism by Howard": the agent of an event noun."""
    actors: list[str] = []
    for agent in prep_objects(clause.token, "by"):
        actors = reader.phrases.actors_of(agent)
    return actors


@actor_moves.register("noun-compound")
def noun_compound(reader: Reader, clause: Clause) -> list[str]:
    """ "the EU ban on Chinese textiles", "UN sanctions against Iran": a name
    compounded into an event noun acts, as a possessor would. The construction
    still needs a target of the noun's own ("on", "against"): "the Iraq war"
    names the place of a war, not who waged it, and gives nothing."""
    actors: list[str] = []
    for child in clause.token.children:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            owner = reader.phrases.owner(child, as_state=False)
            if owner and not _jurisdiction(reader, clause.token, owner):
                actors = [owner]
    return actors


def _jurisdiction(reader: Reader, noun: Token, owner: str) -> bool:
    """A state named on a lawsuit or a trial says where it is heard, not who
    brings it: "The company is also seeking dollars 20bn in a separate US lawsuit
    against Rosneft and Gazprom" (business/192.txt, an article of the judged
    samples, where Yukos sues in a US court)."""
    return (
        noun.lemma_.lower() in reader.syntax.filing_nouns
        and reader.phrases.res.type_of(owner) == "Country"
    )


@actor_moves.register("between-first")
def between_first(reader: Reader, clause: Clause) -> list[str]:
    """ "the most important economic agreement between Egypt and Israel in two
    decades" (business/478.txt): a reciprocal act between named parties is the
    first one's with the others (and theirs with it: the entry is reciprocal)."""
    return _between_parties(reader, clause)[:1]


def _between_parties(reader: Reader, clause: Clause) -> list[str]:
    """The parties of an event noun's "between" phrase, when it names two or
    more ("a feud between the east and west coast rap scenes" names none)."""
    for pobj in prep_objects(clause.token, "between"):
        parties = reader.phrases.actors_of(pobj)
        if len(parties) > 1:
            return parties
    return []


@actor_moves.register("from-giver")
def from_giver(reader: Reader, clause: Clause) -> list[str]:
    """ "Ukraine received weapons from Germany": the giver acts."""
    holders = [clause.token] + ([clause.obj] if clause.obj is not None else [])
    return [
        key
        for holder in holders
        for pobj in prep_objects(holder, "from")
        for key in reader.phrases.actors_of(pobj)
    ]


# -- targets ------------------------------------------------------------------------
@target_moves.register("pattern-subject-target")
def pattern_subject_target(reader: Reader, clause: Clause) -> list[str]:
    """ "+ * MONEY $": when the pattern names a source, its subject is the one
    acted on ("Chile received money from Peru": Chile)."""
    roles = clause.trigger.roles
    if roles is None or not roles.subject_is_target:
        return []
    if not reader.phrases.first_actors(roles.sources):
        return []
    subjects = children(clause.token, ANY_SUBJECT_DEPS)
    if subjects:
        return reader.phrases.actors_of(subjects[0])
    return clause.subject_actors


@target_moves.register("between-rest")
def between_rest(reader: Reader, clause: Clause) -> list[str]:
    """The other parties of an event noun's "between" phrase (:func:`between_first`)."""
    return [key for key in _between_parties(reader, clause) if key not in clause.actors]


@target_moves.register("pattern-target")
def pattern_target(reader: Reader, clause: Clause) -> list[str]:
    """The actor a matched verb pattern's target mark points at."""
    roles = clause.trigger.roles
    return reader.phrases.first_actors(roles.targets) if roles is not None else []


@target_moves.register("subject-receiver")
def subject_receiver(reader: Reader, clause: Clause) -> list[str]:
    """ "Ukraine received weapons from Germany": the subject receives; "Chelsea's
    move won backing from Verroken": the subject's owner does."""
    if clause.subject_actors:
        return clause.subject_actors
    for subject in children(clause.token, SUBJECT_DEPS):
        if found := object_owner(reader, subject):
            return found
    return []


@target_moves.register("passive-subject")
def passive_subject(reader: Reader, clause: Clause) -> list[str]:
    """ "Ukraine was attacked by Russia": the passive subject is acted on."""
    targets: list[str] = []
    for passive in children(clause.token, PASSIVE_SUBJECT_DEPS):
        targets = reader.phrases.actors_of(passive, allow_places=True)
    return targets


@target_moves.register("lexicon-slots")
def lexicon_slots(reader: Reader, clause: Clause) -> list[str]:
    """The entry's own target slots, in its order: the direct object, the dative,
    a preposition's object, the subject of a reported clause, the possessor of the
    object."""
    return slot_targets(
        reader, clause.token, clause.entry, clause.obj, exclude=clause.actors
    )


def slot_targets(
    reader: Reader,
    verb: Token,
    entry: LexiconEntry,
    obj: Token | None,
    *,
    exclude: list[str] = (),
) -> list[str]:
    actors_of = reader.phrases.actors_of
    for slot in entry.targets:
        found: list[str] = []
        if slot in ("dobj", "dobj_actor") and obj is not None:
            found = actors_of(obj, allow_places=True)
        elif slot == "dative":
            for dative in children(verb, {"dative"}):
                found = actors_of(dative)
                if not found:
                    for pobj in children(dative, {"pobj"}):
                        found = actors_of(pobj)
        elif slot.startswith("prep:"):
            preposition = slot.removeprefix("prep:")
            holders = [verb] + ([obj] if obj is not None else [])
            for holder in holders:
                for pobj in prep_objects(holder, preposition):
                    found = found or actors_of(pobj, allow_places=True)
                    if not found and entry.type in OWNER_STANCE_TYPES:
                        # "was quick to give his backing to the Federation's
                        # decision" (sport/258.txt): a stance on a thing is one
                        # on the one whose it is, when a possessive says so (a
                        # modifier may only say where or what: "an inquiry into
                        # the Brixton riots", "called on British firms")
                        owners = reader.phrases.possessors(pobj, as_state=False)
                        found = [key for key in owners if key not in exclude][:1]
        elif slot == "for_subject":
            # "called for Commons leader Peter Hain to make a statement"
            # (politics/376.txt): the one asked is the subject of the clause
            for clause in for_clauses(verb):
                for subject in children(clause, SUBJECT_DEPS):
                    found = found or actors_of(subject)
        elif slot == "xcomp_object":
            # "SBC Communications agreed to buy its former parent AT&T", "agreed to
            # merge with Gazprom" (business/300.txt, 083.txt): an agreement to buy
            # or merge with a company is one with that company
            for deal in children(verb, {"xcomp"}):
                if deal.lemma_.lower() in reader.syntax.acquisition_verbs:
                    for named in children(deal, OBJECT_DEPS) + prep_objects(
                        deal, "with"
                    ):
                        found = found or actors_of(named)
        elif slot == "ccomp_subject":
            # "France alleged that Rwanda had armed the militias": the accused
            # is the subject of the reported clause.
            for reported in children(verb, {"ccomp"}):
                for subject in children(reported, SUBJECT_DEPS):
                    found = found or actors_of(subject)
        elif slot == "poss_of_object" and obj is not None:
            bid = obj.lemma_.lower() in reader.syntax.bid_nouns
            for child in obj.children:
                if child.dep_ == "poss" or (
                    child.dep_ in ("amod", "compound")
                    and not (bid and _a_company(reader, child))
                ):
                    key = reader.phrases.owner(child, as_state=False)
                    if key:
                        found = [key]
                        break
        elif slot == "object_owner" and obj is not None:
            found = object_owner(reader, obj, exclude=exclude)
        if found and slot in ("poss_of_object", "object_owner"):
            found = _not_their_organisation(reader, obj, found)
        if found:
            return found
    return []


def _not_their_organisation(reader: Reader, obj: Token, found: list[str]) -> list[str]:
    """Of an object that is a person in a role, the organisation the words before
    it name is no target of a stance on them: "Doug Kaye, a California-based
    podcaster, praises the former MTV VJ for what he has done" (tech/110.txt)
    praises the man, not MTV. Their state still is, as CAMEO codes it ("Russia
    imprisoned an American journalist": the United States)."""
    if obj.lemma_.lower() not in reader.syntax.person_role_nouns:
        return found
    type_of = reader.phrases.res.type_of
    return [key for key in found if type_of(key) == "Country"]


def _a_company(reader: Reader, word: Token) -> bool:
    key = reader.phrases.res.key_at(word.i)
    return key is not None and reader.phrases.res.type_of(key) == "Organization"


def object_owner(
    reader: Reader, obj: Token, *, exclude: Iterable[str] = ()
) -> list[str]:
    """Whose the object is, when it is a thing: "attacked Labour's plans", "the US
    policy shift", "the US-led coalition" (who leads it), "the move announced by
    Pompeo" (who made it), "an offer ... from Foster's Group" (who made it). One
    owner, the nearest: a stance on a thing is a stance on whoever owns it. Not
    the actor's own ("accused its predecessor, led by Kuchma": Kuchma)."""
    phrases, syntax = reader.phrases, reader.syntax
    exclude = set(exclude)
    # "opposed the LSE bid" (business/203.txt): a company compounded into a bid
    # may be what is bid for, not the bidder (a person is the bidder: "would
    # support a Glazer bid", business/209.txt)
    bid = obj.lemma_.lower() in syntax.bid_nouns
    for child in obj.children:
        if bid and child.dep_ in ("compound", "nmod") and _a_company(reader, child):
            continue
        if child.dep_ in ("poss", "compound", "nmod") or (
            child.dep_ == "amod" and _is_owning_adjective(phrases, child)
        ):
            key = phrases.owner(child, as_state=False)
            if key and key not in exclude:
                return [key]
    for child in children(obj, {"amod"}):
        # "the US-led coalition": the one who leads, backs or brokers it
        if child.lemma_.lower() in syntax.leading_participles:
            for leader in children(child, {"npadvmod", "compound", "nmod"}):
                key = phrases.owner(leader, as_state=False)
                if key and key not in exclude:
                    return [key]
    for holder in _own_words(obj) + _amount_tail(reader, obj):
        for agent in [*prep_objects(holder, "by"), *prep_objects(holder, "from")]:
            found = [k for k in phrases.actors_of(agent) if k not in exclude]
            if found:
                return found
    return []


def _is_owning_adjective(phrases: Phrases, word: Token) -> bool:
    """An adjective that names an owner: a demonym ("the US policy") or a party
    written as an adjective ("attacked the Conservative proposals",
    "rejected a Conservative compromise offer"), not a mere quality."""
    if word.i in phrases.res.demonyms:
        return True
    if word.pos_ != "ADJ":
        return False  # "an Evening Standard journalist": who is accused is a person
    key = phrases.res.key_at(word.i)
    return key is not None and phrases.res.type_of(key) == "Organization"


def _own_words(obj: Token) -> list[Token]:
    """The object's phrase up to any clause in it, but for a participle describing
    the object itself ("the move announced by Pompeo"): in "a decision to throw out
    a law backed by Mr Bush" the decision is not Mr Bush's."""
    own = []
    for token in _phrase(obj):
        head, inside = token, True
        while head.i != obj.i and inside:
            is_verb = head.pos_ in ("VERB", "AUX")
            describes = (
                head.head.i == obj.i and head.dep_ == "acl" and head.tag_ == "VBN"
            )
            inside = not is_verb or describes
            head = head.head
        if inside:
            own.append(token)
    return own


def _amount_tail(reader: Reader, obj: Token) -> list[Token]:
    """The words of an amount the parser split off the object as an object of its
    own: in "an offer worth A$3.1bn (dollars 2.3bn; pounds 1.8bn) from Foster's"
    (the BBC writes "pounds 1.8bn" for a pound sign), "pounds" becomes a second
    object and "from Foster's" hangs on it; it still says whose the offer is."""
    gazetteer = reader.phrases.gazetteer
    return [
        token
        for sibling in obj.head.children
        if sibling.dep_ == "dobj"
        and sibling.i > obj.i
        and gazetteer.currency(sibling.lower_) is not None
        for token in _phrase(sibling)
    ]


def _phrase(obj: Token) -> list[Token]:
    """The object's own phrase, in order: its words and those of the clauses that
    describe it ("the move announced by Y"), not the clauses joined to it."""
    excluded: set[int] = set()
    for token in obj.subtree:
        if token.i != obj.i and token.dep_ in ("conj", "cc", "ccomp", "advcl"):
            excluded.update(t.i for t in token.subtree)
    return [t for t in obj.subtree if t.i not in excluded]


@target_moves.register("noun-slots")
def noun_slots(reader: Reader, clause: Clause) -> list[str]:
    """An event noun's prepositional slots: "support for Ukraine"."""
    targets: list[str] = []
    for slot in clause.entry.targets:
        if slot.startswith("prep:"):
            for pobj in prep_objects(clause.token, slot.removeprefix("prep:")):
                targets = targets or reader.phrases.actors_of(pobj, allow_places=True)
    return targets


@target_moves.register("nested-in-object")
def nested_in_object(reader: Reader, clause: Clause) -> list[str]:
    """ "welcomed their resumption of ties with Peru": when the verb's own slots
    name no one, the actor the object's phrase is about, down its chain of
    prepositions (breadth first, a few levels deep). "condemned an attack by
    Peru": the object's agent is whom the act is about. Not through the locative
    prepositions (where, not whom), except "between" ("ties between Peru and
    Bolivia": the parties)."""
    if clause.obj is None or not clause.entry.targets:
        return []
    skip = reader.syntax.locative_prepositions - {"between"}
    filings = reader.syntax.filing_nouns

    def accept(prep: Token) -> bool:
        # "lodged a complaint with the US Equal Employment Opportunity
        # Commission" (tech/102.txt): where it is lodged, not against whom
        filed_with = prep.lower_ == "with" and prep.head.lemma_.lower() in filings
        return prep.lower_ not in skip and not filed_with

    for pobj in walk_preps([clause.obj], MAX_NESTED_PREPS, accept=accept):
        # "shelled a part of Syria's capital": whose it is; not the actor's own
        # ("optimism about its talks with Pakistan": on to Pakistan)
        found = reader.phrases.actors_of(pobj) or reader.phrases.possessors(pobj)
        found = [key for key in found if key not in clause.actors]
        if found:
            return found
    return []


@target_moves.register("written-to")
def written_to(reader: Reader, clause: Clause) -> list[str]:
    """ "Tory leader Michael Howard has written to Tony Blair demanding an
    explanation of the new rules on e-mail retention" (politics/002.txt): a
    request made in a letter, naming no one else, asks the one written to. Only
    a request: "wrote to the watchdog complaining about …" is no complaint
    against the watchdog."""
    if clause.entry.type != "REQUEST":
        return []
    if addressed_participle(clause.token, reader.syntax.addressing_verbs) is None:
        return []
    found = reader.phrases.actors_of(clause.token.head)
    return [key for key in found if key not in clause.actors]


@target_moves.register("place-in-object")
def place_in_object(reader: Reader, clause: Clause) -> list[str]:
    """ "sorrow for the shootings in South Carolina", "responsibility for an
    attack at a mall in Kenya's capital": for entries with a ``place`` slot, the
    state where the act the object is about took place, the nearest one down its
    chain of prepositions. The actor's own state counts: condolences for a
    shooting at home are still addressed to it. The object first, then the verb
    ("expressed sorrow over the earthquake in Turkey" hangs "over" on the verb)."""
    if clause.obj is None or "place" not in clause.entry.targets:
        return []

    def describing(child: Token, holder: Token) -> list[Token]:
        # "an attack targeting civilians at a mall in Kenya"
        if child.dep_ == "acl":
            return [child, *children(child, OBJECT_DEPS)]
        return [child] if child.dep_ == "relcl" else []

    phrases = reader.phrases
    for pobj in walk_preps(
        [clause.obj, clause.token], MAX_NESTED_PREPS + 1, descend=describing
    ):
        for key in phrases.place_keys(pobj) + phrases.possessors(pobj):
            if phrases.state_of_place(key) is not None:
                return [key]
    return []


@target_moves.register("dictionary-phrase")
def dictionary_phrase(reader: Reader, clause: Clause) -> list[str]:
    """A verb dictionary's pattern codes as its dictionary's coder does: the first
    actor of the verb's phrase is its target ("warned of Peru"), after the
    pattern's words ("clashed over the efforts of Peru"); not a place. With the
    coder-compatible reading (``eval`` on the PETRARCH suites), a verb the suite's
    own dictionary codes reads its target so too, pattern or not."""
    roles = clause.trigger.roles
    if roles is None and not (reader.coder_compatible and clause.entry.from_dictionary):
        return []
    if clause.entry.is_reciprocal and len(clause.actors) > 1:
        return []
    rest = roles.rest if roles is not None else ()
    after = (
        roles.after
        if roles is not None
        else tuple(t for t in clause_tokens(clause.token) if t.i > clause.token.i)
    )
    first = reader.phrases.first_actors
    return first(rest, allow_places=False) or first(after, allow_places=False)


@target_moves.register("attack-site")
def attack_site(reader: Reader, clause: Clause) -> list[str]:
    """ "Four children were killed in Israeli shelling in the east of the Gaza
    Strip": victims of a passive whom no actor names are the people of the place
    where the attack happened (as CAMEO codes them), a state other than the
    attacker's. Looked for along the verb's prepositions and the clauses that
    describe the attack, a few levels deep. Only the victims of a passive ("were
    killed in ..."): not "Butler strikes gold in Spain"."""
    verb, phrases = clause.token, reader.phrases
    if clause.entry.type != "ASSAULT" or not children(verb, PASSIVE_SUBJECT_DEPS):
        return []
    own = {phrases.res.state_of(a) for a in clause.actors}
    struck = reader.syntax.locative_prepositions - {"from"}  # not where it came from

    def onwards(child: Token, holder: Token) -> list[Token]:
        if child.dep_ in ("advcl", "prep") or (
            child.dep_ == "pobj" and holder.dep_ == "prep"
        ):
            return [child]
        return []

    for pobj in walk_preps(
        [verb],
        MAX_NESTED_PREPS,
        accept=lambda prep: prep.lower_ in struck,
        descend=onwards,
    ):
        # "in the east of the Gaza Strip": the place's state
        state_of_part = phrases.place_state(pobj)
        for key in phrases.place_keys(pobj) + (
            [state_of_part] if state_of_part else []
        ):
            if phrases.state_of_place(key) not in own | {None}:
                return [key]
    return []


def _location(reader: Reader, clause: Clause) -> list[str]:
    """ "protested in Beijing", "held exercises in Alaska", "attend a summit in
    Switzerland", "attend the Beijing Olympics": with no actor to act on, a
    meeting, protest or show of force is directed at the state where it happens
    (as CAMEO codes it). A place in the actor's own state says nothing about a
    target: none."""
    phrases, verb, obj, actors = reader.phrases, clause.token, clause.obj, clause.actors
    if clause.entry.type not in reader.syntax.located_types:
        return []
    if clause.entry.type == "CONSULT" and all(
        phrases.res.type_of(actor) == "Organization" for actor in actors
    ):
        # "the World Summit for the Information Society, which is meeting this week
        # in Geneva" (tech/033.txt), "EU leaders are holding talks in Brussels":
        # a body's own meeting is held somewhere; it does not meet the host
        return []
    for holder in [verb] + ([obj] if obj is not None else []):
        for preposition in ("in", "at"):
            for pobj in prep_objects(holder, preposition):
                if found := phrases.foreign_place(pobj, actors):
                    return found
    # "talks on the future of Gibraltar" (politics/015.txt): what the talks are
    # about
    for topic in reader.syntax.topic_prepositions:
        for pobj in prep_objects(obj, topic):
            for place in prep_objects(pobj, "in"):
                if found := phrases.foreign_place(place, actors):
                    return found
    # "attend the Beijing Olympics", "the Lima summit": the place names the event
    # (the model often tags the whole name an EVENT, so the place is looked up)
    for child in children(obj, {"compound"}) if obj is not None else []:
        entry = phrases.gazetteer.lookup(child.text) if child.pos_ == "PROPN" else None
        keys = phrases.place_keys(child) or (
            [phrases.res.include(entry)]
            if entry is not None and entry.type in ("Place", "Country")
            else []
        )
        own = {phrases.res.state_of(a) for a in actors}
        for key in keys:
            if phrases.state_of_place(key) not in own | {None}:
                return [key]
    return []


def _is_reciprocal_among(clause: Clause) -> bool:
    return clause.entry.is_reciprocal and len(clause.actors) > 1


@target_moves.register("location")
def location(reader: Reader, clause: Clause) -> list[str]:
    """Where a meeting, protest or show of force happens, as its target (see
    :func:`_location`); not for actors meeting each other."""
    return [] if _is_reciprocal_among(clause) else _location(reader, clause)


@target_moves.register("venue")
def venue(reader: Reader, clause: Clause) -> list[str]:
    """ "Obama and Putin will meet in Zurich": they meet each other, and each
    meets in Switzerland, a third state (CAMEO codes both)."""
    return _location(reader, clause) if _is_reciprocal_among(clause) else []


@target_moves.register("protagonist")
def protagonist(reader: Reader, clause: Clause) -> list[str]:
    """Aid with no stated recipient goes to the sentence's protagonist, if it is
    another state: "He [Zelenskiy] arrived ..., a day after Sweden announced its
    support package". The event is marked ``target_inferred``."""
    trigger, res = clause.token, reader.phrases.res
    root = trigger.sent.root
    if root.i == trigger.i or is_reported(trigger):
        # "Kenya alleged that Somalia had armed the gunmen": the speaker of a
        # reported clause is not the recipient of what it reports.
        return []
    own = {res.state_of(a) for a in clause.actors}
    if not all(res.type_of(state) == "Country" for state in own):
        return []
    clause_top = trigger
    while clause_top.i != root.i:
        if clause_top.dep_ == "conj" and children(clause_top, ANY_SUBJECT_DEPS):
            # "Britain did not attack Iraq, and France supported the war": a
            # clause of its own beside the root's, whose subject did not receive
            return []
        clause_top = clause_top.head
    for subject in children(root, SUBJECT_DEPS):
        for key in reader.phrases.actors_of(subject):
            state = res.state_of(key)
            if state not in own and res.type_of(state) == "Country":
                return [state]
    return []


# -- dependency-pattern constructions ------------------------------------------------
@actor_moves.register("copula-subject")
def copula_subject(reader: Reader, clause: Clause) -> list[str]:
    """ "His film was highly critical of Bush", "Moore was an outspoken Bush
    critic": the subject of the verb the stance word completes (be, remain,
    become), read as any subject is (``clauses.subjects_of``)."""
    head = clause.token.head
    if head.i == clause.token.i:
        return []
    return reader.clauses.subjects_of(head).actors


@actor_moves.register("apposition-head")
def apposition_head(reader: Reader, clause: Clause) -> list[str]:
    """ "Michael Moore, an outspoken Bush critic, ...": the name the description
    stands beside."""
    if clause.token.dep_ != "appos":
        return []
    return reader.phrases.actors_of(clause.token.head)


@target_moves.register("stance-object")
def stance_object(reader: Reader, clause: Clause) -> list[str]:
    """Whom a stance word is about: "critical of Bush", "opposed to the war",
    "supportive of the plan" (its owner), "a Bush critic", "Blair's critics"."""
    phrases, token = reader.phrases, clause.token
    for preposition in reader.syntax.stance_prepositions:
        for pobj in prep_objects(token, preposition):
            found = phrases.actors_of(pobj) or object_owner(reader, pobj)
            if found:
                return found
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ in ("compound", "poss") and (
                key := phrases.owner(child, as_state=False)
            ):
                return [key]
    return []


@actor_moves.register("trigger-subject")
def trigger_subject(reader: Reader, clause: Clause) -> list[str]:
    """The subject of the trigger itself ("Mr Howard said ...", "..., said Mr
    Kennedy"), read as any subject is; a news outlet reports, it faults no one."""
    return reader.phrases.stance_holders(
        reader.clauses.subjects_of(clause.token).actors
    )


def _evaluation(reader: Reader, clause: Token, words: frozenset[str]) -> bool:
    """Whether a reported clause says its subject did or is something in
    ``words``: "Y had failed", "Y made a mistake", "Y was wrong", "Y has been a
    prudent chancellor". A negated or conditional clause says nothing of the
    kind ("Y had not failed", "Y would fail")."""
    syntax = reader.syntax
    if any(
        c.dep_ == "neg"
        or (c.dep_ == "aux" and c.lower_ in syntax.modal_auxiliaries
            and c.lower_ not in syntax.factual_modals)
        for c in clause.children
    ):  # fmt: skip
        return False
    if _said(clause, "verb", words):
        return True
    for child in clause.children:
        if child.dep_ == "acomp" and _said(child, "adj", words):
            return True
        if child.dep_ == "attr" and _said(child, "noun", words):
            return True
        # "Y made a mistake"; not "Microsoft has amazing assets" (tech/337.txt):
        # what one has is no judgement of one
        if (
            child.dep_ == "dobj"
            and clause.lemma_.lower() in _DOING_VERBS
            and _said(child, "noun", words)
        ):
            return True
        # "Y has been a prudent chancellor" describes Y; "Y offered a hard right
        # agenda" describes the agenda, not Y
        if child.dep_ == "attr" and any(
            a.dep_ == "amod" and f"adj:{a.lemma_.lower()}" in words
            for a in child.children
        ):
            return True
    return False


# Verbs whose object is a deed the doer is judged by ("made a mistake",
# "committed a blunder", "did a U-turn", "pulled a stunt").
_DOING_VERBS = frozenset(
    {"make", "commit", "do", "pull", "perform", "cause", "perpetrate"}
)


def _said(word: Token, kind: str, words: frozenset[str]) -> bool:
    """``word`` is one of ``words`` of this kind ("noun:shambles"), by its lemma or
    as written (the model lemmatizes "shambles" as "shamble")."""
    return f"{kind}:{word.lemma_.lower()}" in words or f"{kind}:{word.lower_}" in words


def _evaluated(
    reader: Reader,
    clause: Clause,
    words: frozenset[str],
    reported: Token | None = None,
) -> list[str]:
    reported = reported or clause.nodes.get("clause")
    if reported is None or not _evaluation(reader, reported, words):
        return []
    for subject in children(reported, SUBJECT_DEPS):
        if subject.lower_ in ("it", "this", "that"):
            # "had said it was 'a totally unacceptable way to behave'": "it" is
            # what happened, not a body the speaker faults
            return []
        found = (
            reader.phrases.actors_of(subject)
            or object_owner(reader, subject)
            or _whose_way(reader, subject)
        )
        return [key for key in found if key not in clause.actors]
    return []


def _whose_way(reader: Reader, subject: Token) -> list[str]:
    """ "said the way the government had handled the bill was a 'shambles'"
    (politics/187.txt): the way something was done is the doer's."""
    if subject.lemma_.lower() not in ("way", "manner"):
        return []
    return [
        key
        for clause in children(subject, {"relcl"})
        for doer in children(clause, {"nsubj"})
        for key in reader.phrases.actors_of(doer)
    ]


@target_moves.register("criticised-in-report")
def criticised_in_report(reader: Reader, clause: Clause) -> list[str]:
    """ "Mr Howard said Mr Blair had failed the country", "'The government has
    made a mistake,' said Mr Kennedy": whom the speaker's reported words fault."""
    return _evaluated(reader, clause, reader.syntax.negative_evaluations)


@target_moves.register("praised-in-quotation")
def praised_in_quotation(reader: Reader, clause: Clause) -> list[str]:
    """'Mr Bannatyne said: "Disunity in the Cabinet has a corrosive effect on
    the country. "Gordon Brown is a great chancellor who has delivered a stable
    economy …"' (politics/276.txt): whom a sentence of quoted words praises."""
    return _evaluated(reader, clause, reader.syntax.positive_evaluations, clause.token)


@actor_moves.register("quotation-speaker")
def quotation_speaker(reader: Reader, clause: Clause) -> list[str]:
    """Who speaks the quotation a sentence stands in, when the sentence has no
    speech verb of its own: the one named where it opens ('Mr Bannatyne said:
    "…') or closes ('…," he said')."""
    if clause.token.lemma_.lower() in reader.syntax.speech_verbs:
        return []
    return reader.phrases.stance_holders(
        reader.phrases.quotation_speakers(clause.token)
    )


@target_moves.register("faulted-as")
def faulted_as(reader: Reader, clause: Clause) -> list[str]:
    """ "Chairman Freddy Shepherd described Bellamy's behaviour as 'totally
    unacceptable'" (sport/187.txt), "called the plans 'hugely irresponsible'",
    "branded the plans a disaster": the object, or whose it is, when what it is
    called is a fault (``negative_evaluations``). A plan of no one named faults no
    one ("Maeve Sherlock called the plans 'dangerous'", politics/087.txt)."""
    obj = clause.nodes.get("object")
    words = reader.syntax.negative_evaluations
    if obj is None or not any(
        _said(word, "adj", words) or _said(word, "noun", words)
        for word in _called(clause.token, obj)
    ):
        return []
    found = reader.phrases.actors_of(obj) or object_owner(
        reader, obj, exclude=clause.actors
    )
    return [key for key in found if key not in clause.actors]


def _called(verb: Token, obj: Token) -> list[Token]:
    """The words that say what the object is called: "as reckless", "as a
    violation of the law", "reckless" (the parser's object predicate), "a
    disaster" (set beside the object), each with its conjuncts and adjectives."""
    heads: list[Token] = []
    for token in verb.subtree:
        if token.dep_ == "oprd" or (
            # "branded Labour's plans a disaster": set beside, or (the parser's
            # reading) an object of the object
            token.dep_ in ("appos", "dobj") and token.head.i == obj.i
        ):
            heads.append(token)
        elif token.dep_ == "prep" and token.lower_ == "as":
            heads.extend(c for c in token.children if c.dep_ in ("pobj", "amod"))
    found: list[Token] = []
    for head in heads:
        for word in [head, *head.conjuncts]:
            found.append(word)
            found.extend(c for c in word.children if c.dep_ == "amod")
    return found


@target_moves.register("praised-in-report")
def praised_in_report(reader: Reader, clause: Clause) -> list[str]:
    """ "Sir Digby said Mr Brown had been a prudent chancellor": whom the
    speaker's reported words praise."""
    return _evaluated(reader, clause, reader.syntax.positive_evaluations)
