"""The construction engine: runs the declared constructions over each sentence.

For every trigger (a lexicon verb, an event noun, or a construction's dependency
pattern) the constructions are tried in their declared order; each one that takes
the trigger reads its slots with its named moves, qualifies the act with its named
steps, and emits events that say which construction and which lexicon entry made
them. Rules pass nothing to each other except the values they return: a trigger
(:class:`~kgextract.nlp.events.triggers.Trigger`) carries the pattern roles and
the noun a light verb took, a subject analysis says whether the actor was only
asked to act. The one thing remembered across sentences is the article's
:class:`~kgextract.nlp.events.phrases.ArticleMemory`, which only the engine writes,
between sentences, for pronouns to read.

An optional :class:`~kgextract.nlp.events.trace.Trace` hears each decision (the
slots' moves, refusals, steps, dropped pairs) for ``kgextract explain``; without
one, each decision point costs an ``is None`` test and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.attrs import DEP, TAG
from spacy.attrs import POS as POS_ATTR
from spacy.matcher import DependencyMatcher
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kgextract.knowledge.constructions import Construction, Step
from kgextract.knowledge.event_types import load_event_types
from kgextract.knowledge.gazetteer import Gazetteer
from kgextract.knowledge.lexicon import LexiconEntry, quad_class
from kgextract.knowledge.resources import Resources
from kgextract.model import Amount, Event
from kgextract.nlp.entities import Resolution
from kgextract.nlp.events.clauses import Clauses, Subjects
from kgextract.nlp.events.moves import Clause, Reader, actor_moves, target_moves
from kgextract.nlp.events.phrases import ACTOR_TYPES, ArticleMemory, Phrases
from kgextract.nlp.events.trace import Trace
from kgextract.nlp.events.tree import (
    ANY_SUBJECT_DEPS,
    prep_objects,
    reported_clause,
)
from kgextract.nlp.events.triggers import Trigger, Triggers, object_text
from kgextract.nlp.money import parse_amount
from kgextract.registry import Registry


@dataclass(frozen=True, slots=True)
class Reading:
    """What a construction has made of a trigger so far: the entry (type and code)
    and how the clause qualifies it. ``recoded_by``: the step that gave the event
    another code; the first recoding step that applies wins."""

    entry: LexiconEntry
    negated: bool
    hypothetical: bool
    modality: str | None
    recoded_by: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """One reading, ready to emit: the construction, trigger, actors and targets."""

    construction: Construction
    clause: Clause
    targets: list[str]
    reading: Reading
    sentence: int


# Words a stance adjective or noun completes: "was critical of", "is a critic of".
COMPLEMENTS = frozenset({"acomp", "attr", "oprd", "xcomp"})

Qualifier = Callable[["Engine", Found, Step], tuple[Reading, list[Event]]]
Implication = Callable[["Engine", Found, Step], list[Event]]
qualifiers: Registry[Qualifier] = Registry("qualifying step")
implications: Registry[Implication] = Registry("implied-event step")


# (vocab, constructions, their DependencyMatcher): built once per pipeline and
# rule set, not once per Doc. Its calls keep no state between Docs.
_matchers: list[tuple[Vocab, tuple[Construction, ...], DependencyMatcher]] = []


def pattern_matcher(
    vocab: Vocab, constructions: tuple[Construction, ...]
) -> DependencyMatcher:
    """The DependencyMatcher of the pattern constructions, in declared order, for
    ``vocab``; the same object for the same vocab and construction tuple."""
    for known_vocab, known, matcher in _matchers:
        if known_vocab is vocab and known is constructions:
            return matcher
    matcher = DependencyMatcher(vocab)
    for construction in constructions:
        if construction.trigger == "pattern":
            matcher.add(construction.name, [list(construction.pattern)])
    if isinstance(constructions, tuple):  # a list might change: built each time
        _matchers.append((vocab, constructions, matcher))
        del _matchers[:-4]  # a few pipelines or rule sets per process at most
    return matcher


_VERB_POS = frozenset({VERB, AUX})


class _Words:
    """A Doc's coarse tags, fine tags and dependency labels as lists of ids, read
    in one ``Doc.to_array`` call, with the ids of the labels the engine's passes
    look for."""

    __slots__ = ("pos", "tag", "dep", "gerund", "subject")

    def __init__(self, doc: Doc) -> None:
        if len(doc):
            columns = doc.to_array([POS_ATTR, TAG, DEP])
            self.pos, self.tag, self.dep = (columns[:, k].tolist() for k in range(3))
        else:
            self.pos, self.tag, self.dep = [], [], []
        strings = doc.vocab.strings
        self.gerund = {t for t in set(self.tag) if strings[t] == "VBG"}
        self.subject = {d for d in set(self.dep) if strings[d] in ANY_SUBJECT_DEPS}


class Engine:
    """Reads the events of one Doc. Build one per Doc; call :meth:`events`.

    ``trace`` (for ``kgextract explain``) hears every decision and changes none."""

    def __init__(
        self,
        doc: Doc,
        resolution: Resolution,
        resources: Resources,
        trace: Trace | None = None,
    ) -> None:
        self.doc = doc
        self.trace = trace
        self.res = resolution
        self.gazetteer: Gazetteer = resources.gazetteer
        self.syntax = resources.syntax
        self.memory = ArticleMemory()
        self.phrases = Phrases(doc, resolution, resources, self.memory)
        self.clauses = Clauses(self.phrases, resources.lexicon, resources.syntax)
        event_types = load_event_types()
        self.intent_codes = {
            name: kind.intent_cameo for name, kind in event_types.items()
        }
        self.root_types: dict[str, str] = {}
        for name, kind in event_types.items():
            for root in kind.cameo_roots:
                self.root_types.setdefault(root, name)
        self.triggers = Triggers(
            self.phrases, resources.lexicon, resources.syntax, self.root_types
        )
        self.reader = Reader(
            phrases=self.phrases,
            clauses=self.clauses,
            syntax=resources.syntax,
            lexicon_nouns=resources.lexicon.nouns,
            coder_compatible=resources.coder_compatible,
        )
        self.constructions = resources.constructions
        self._verb_triggers: dict[int, Trigger | None] = {}
        self._claimed: frozenset[int] = frozenset()
        self._matches = self._pattern_matches()
        if trace is not None:
            trace.attach(self)

    # -- triggers -------------------------------------------------------------------
    def verb_trigger(self, token: Token) -> Trigger | None:
        """The verb's trigger, read once per token (a memo, not shared state: the
        same token always reads the same way)."""
        if token.i not in self._verb_triggers:
            self._verb_triggers[token.i] = self.triggers.verb(token)
        return self._verb_triggers[token.i]

    def _consumed(self) -> set[int]:
        """Event nouns a light verb took ("held talks"): not events of their own."""
        return {
            trigger.consumed.i
            for trigger in self._verb_triggers.values()
            if trigger is not None and trigger.consumed is not None
        }

    def _pattern_matches(self) -> list[tuple[Construction, dict[str, Token]]]:
        """Every match of the pattern constructions in the Doc, in declared order
        and then in reading order: (construction, its named nodes)."""
        declared = [c for c in self.constructions if c.trigger == "pattern"]
        if not declared:
            return []
        matcher = pattern_matcher(self.doc.vocab, self.constructions)
        by_name = {c.name: c for c in declared}
        matches = []
        for match_id, token_ids in matcher(self.doc):
            construction = by_name[self.doc.vocab.strings[match_id]]
            nodes = {
                node["RIGHT_ID"]: self.doc[i]
                for node, i in zip(construction.pattern, token_ids, strict=True)
            }
            matches.append((construction, nodes))
        order = {c.name: k for k, c in enumerate(declared)}
        matches.sort(key=lambda m: (order[m[0].name], m[1]["trigger"].i))
        return matches

    # -- the driver -----------------------------------------------------------------
    def events(self, sentences: list[Span]) -> Iterator[Event]:
        memory = self.memory
        for index, sent in enumerate(sentences):
            memory.sentence_index[sent.start] = index
        for mention in self.res.mentions:
            if self.res.type_of(mention.entity) == "Person":
                memory.people_in_sentence.setdefault(mention.sentence, set()).add(
                    mention.entity
                )
        # The words each pass reads, found from the Doc's arrays: a Token object
        # is made only for a word a pass reads, not for every word of every pass.
        doc = self.doc
        words = _Words(doc)
        for index, sent in enumerate(sentences):
            span = range(sent.start, sent.end)
            self._claimed = self.clauses.claimed_by(
                doc[i] for i in span if words.tag[i] in words.gerund
            )
            found: list[Event] = []
            for i in span:
                if words.pos[i] in _VERB_POS:
                    trigger = self.verb_trigger(doc[i])
                    if trigger is not None:
                        found += self._read(trigger, "verb", index)
            consumed = self._consumed()
            for i in span:
                if words.pos[i] == NOUN and i not in consumed:
                    trigger = self.triggers.noun(doc[i])
                    if trigger is not None:
                        found += self._read(trigger, "noun", index)
            found += self._pattern_events(sent, index)
            yield from attach_amounts(sent, _once_each(found), self.gazetteer)
            self._remember_subjects(
                (doc[i] for i in span if words.dep[i] in words.subject), index
            )

    def _remember_subjects(self, subjects: Iterable[Token], index: int) -> None:
        """The last person named as a subject: the first of ``subjects`` (a
        sentence's subject words, in order) that names one."""
        for token in subjects:
            for key in self.phrases.actors_of(token):
                if self.res.type_of(key) == "Person":
                    self.memory.last_person = key
                    self.memory.last_person_sentence = index
                    return

    def _pattern_events(self, sent: Span, index: int) -> list[Event]:
        """Constructions declared as dependency patterns, in declared order."""
        found: list[Event] = []
        for construction, nodes in self._matches:
            token = nodes["trigger"]
            if not sent.start <= token.i < sent.end:
                continue
            entry = LexiconEntry(
                lemma=token.lemma_.lower(),
                pos=token.pos_,
                type=construction.event["type"],
                cameo=construction.event["cameo"],
                targets=(),
                source=construction.source,
            )
            trigger = Trigger(token, entry, nodes.get("object"), "pattern")
            found += self._read(
                trigger, "pattern", index, only=construction, nodes=nodes
            )
        return found

    # -- one trigger ----------------------------------------------------------------
    def _read(
        self,
        trigger: Trigger,
        kind: str,
        sentence: int,
        *,
        only: Construction | None = None,
        nodes: dict[str, Token] | None = None,
    ) -> list[Event]:
        events: list[Event] = []
        for construction in [only] if only else self.constructions:
            if construction.trigger != kind:
                continue
            if not _takes(construction, trigger):
                if self.trace is not None:
                    self.trace.declined(trigger, construction, sentence)
                continue
            found = self._slots(construction, trigger, sentence, nodes or {})
            if found is not None:
                events += self._emit_found(found)
        return events

    def _slots(
        self,
        construction: Construction,
        trigger: Trigger,
        sentence: int,
        nodes: dict[str, Token],
    ) -> Found | None:
        """Read the construction's slots; None when one of its refusals holds."""
        subjects = (
            self.clauses.subjects_of(trigger.token)
            if construction.trigger == "verb"
            else Subjects([], [])
        )
        clause = Clause(trigger, subjects, subject_actors=subjects.actors, nodes=nodes)
        trace = self.trace
        if trace is not None:
            trace.begin(trigger, construction, sentence, subjects)
        move, actors = self._first_named(actor_moves, construction.actor, clause)
        overriding, override = self._first_named(
            actor_moves, construction.actor_override, clause
        )
        clause = replace(clause, actors=override or actors)
        if trace is not None:
            trace.slot(
                "actor",
                overriding if override else move,
                clause.actors,
                construction.actor + construction.actor_override,
            )
        refuse = construction.refuse
        if ("no-actor" in refuse and not clause.actors) or (
            "controlled" in refuse and subjects.is_controlled
        ):
            if trace is not None:
                no_actor = "no-actor" in refuse and not clause.actors
                trace.refused("no-actor" if no_actor else "controlled")
            return None
        if "no-subject" in refuse and not subjects.actors:
            if trace is not None:
                trace.refused("no-subject")
            return None
        move, targets = self._first_named(target_moves, construction.target, clause)
        if trace is not None:
            trace.slot("target", move, targets, construction.target)
        if "no-target" in refuse and not targets:
            if trace is not None:
                trace.refused("no-target")
            return None
        path = subjects.path
        if construction.trigger == "pattern" and trigger.token.dep_ in COMPLEMENTS:
            path = [trigger.token.head]  # "was not critical of": the verb it completes
        modality = self.clauses.modality_of(trigger.token, path)
        if trace is not None:
            trace.reading(modality, path)
        reading = Reading(
            trigger.entry, modality.negated, modality.hypothetical, modality.word
        )
        return Found(construction, clause, targets, reading, sentence)

    def _first(self, registry, names: tuple[str, ...], clause: Clause) -> list[str]:
        return self._first_named(registry, names, clause)[1]

    def _first_named(
        self, registry, names: tuple[str, ...], clause: Clause
    ) -> tuple[str | None, list[str]]:
        """The first move of ``names`` that finds anyone, and whom it found."""
        for name in names:
            found = registry.get(name)(self.reader, clause)
            if found:
                return name, found
        return None, []

    def _emit_found(self, found: Found) -> list[Event]:
        construction, clause = found.construction, found.clause
        trace = self.trace
        venue = (
            self._first(target_moves, construction.venue, clause)
            if not found.targets
            else []
        )
        if trace is not None and venue:
            trace.slot("venue", None, venue, construction.venue)
        events: list[Event] = []
        reading = found.reading
        for step in construction.qualify:
            qualified, before = qualifiers.get(step.name)(
                self, replace(found, reading=reading), step
            )
            if trace is not None:
                trace.step(step.name, reading, qualified)
            reading = qualified
            events += before
        found = replace(found, reading=reading)
        targets, inferred = found.targets, False
        if not targets and reading.entry.type in construction.infer_types:
            move, targets = self._first_named(
                target_moves, construction.infer_moves, clause
            )
            inferred = bool(targets)
            if trace is not None and inferred:
                trace.slot("target", move, targets, construction.infer_moves)
        events += self.emit(
            found, reading.entry, clause.token, clause.actors, targets,
            clause.obj, inferred=inferred,
        )  # fmt: skip
        if venue:
            events += self.emit(
                found, replace(reading.entry, is_reciprocal=False), clause.token,
                clause.actors, venue, clause.obj,
            )  # fmt: skip
        for step in construction.also:
            events += implications.get(step.name)(self, found, step)
        return events

    # -- events ---------------------------------------------------------------------
    def emit(
        self,
        found: Found,
        entry: LexiconEntry,
        trigger: Token,
        actors: list[str],
        targets: list[str],
        obj: Token | None,
        *,
        reading: Reading | None = None,
        inferred: bool = False,
    ) -> list[Event]:
        """One event per actor-target pair; a state acting on itself is none."""
        reading = reading or found.reading
        trace = self.trace
        if not entry.type and not self.reader.coder_compatible:
            # a code no PLOVER type covers (CAMEO 01: a statement) is no event of
            # the graph's; only the suites' coder adapter scores such codes
            if trace is not None:
                trace.dropped("no-type", entry)
            return []
        text = object_text(obj, self._claimed, self.syntax.relative_pronouns)
        events = []
        # "A and B met supporters' representatives": they met them, not each other
        # (an object other than the event noun a light verb takes: "held talks")
        has_object = (
            entry.type == "CONSULT"  # "met them"; "signed a memorandum" binds both
            and obj is not None
            and obj.dep_ == "dobj"
            and obj.lemma_.lower() not in self.reader.lexicon_nouns
        )
        if reading.modality in self.syntax.one_sided_modalities:
            # "we are ready to negotiate with Israel" (politics/209.txt): the
            # readiness is the speaker's; that Israel is ready is not said
            entry = replace(entry, is_object_reciprocal=False)
        for actor, target in self._pairs(entry, actors, targets, has_object):
            if target is not None and self._acts_on_itself(actor, target):
                if trace is not None:
                    trace.dropped("acts-on-itself", entry, actor, target)
                continue
            events.append(
                Event(
                    type=entry.type or "",
                    cameo=entry.cameo or "",
                    quad=entry.quad,
                    actor=actor,
                    target=target,
                    verb=_verb_name(entry, trigger),
                    object=text,
                    sentence=found.sentence,
                    start_char=trigger.idx,
                    end_char=trigger.idx + len(trigger.text),
                    negated=reading.negated,
                    hypothetical=reading.hypothetical,
                    modality=reading.modality,
                    target_inferred=inferred,
                    construction=found.construction.name,
                    rule=entry.source,
                    **self._states(actor, target),
                )
            )
            if entry.reverse_cameo and target is not None and not reading.negated:
                events += self._reverse_event(
                    found, entry, trigger, actor, target, reading
                )
        if trace is not None:
            for event in events:
                trace.emitted(event)
        return events

    def _states(self, actor: str, target: str | None) -> dict[str, str | None]:
        """The states the two ends act for; none for the target when one state is
        the other's sovereign (China and Hong Kong: not two states facing)."""
        actor_state = self.res.acts_for(actor)
        target_state = self.res.acts_for(target) if target else None
        if (
            actor_state
            and target_state
            and (
                self.phrases.sovereign(target_state) == actor_state
                or self.phrases.sovereign(actor_state) == target_state
            )
        ):
            target_state = None
        return {"actor_state": actor_state, "target_state": target_state}

    def _acts_on_itself(self, actor: str, target: str) -> bool:
        """An actor acting on itself, or a state's own people on the state ("Scholz
        supports Germany"): no event. Two people or bodies of one state act on each
        other all the same: domestic politics stays actor to actor ("Howard attacked
        Blair")."""
        res = self.res
        if target == actor:
            return True
        if res.type_of(target) == "Country" and res.acts_for(actor) == target:
            return True
        return res.type_of(actor) == "Country" and res.acts_for(target) == actor

    def _reverse_event(
        self,
        found: Found,
        entry: LexiconEntry,
        trigger: Token,
        actor: str,
        target: str,
        reading: Reading,
    ) -> list[Event]:
        """ "Chile arrived in Peru": Peru hosts Chile (the entry's ``reverse_cameo``).
        A place acts through its state; a target that is no actor acts not at all."""
        back: str | None = target
        if self.res.type_of(target) == "Place":
            back = self.phrases.state_of_place(target)
        if back is None or self.res.type_of(back) not in ACTOR_TYPES:
            return []
        if self.res.state_of(back) == self.res.state_of(actor):
            return []
        code = entry.reverse_cameo or ""
        try:
            quad = quad_class(code)
        except ValueError:  # a dictionary's own code outside CAMEO's roots
            quad = ""
        return [
            Event(
                type=self.root_types.get(code[:2], ""),
                cameo=code,
                quad=quad,
                actor=back,
                target=actor,
                verb=self.syntax.reverse_verbs.get(code, _verb_name(entry, trigger)),
                object=None,
                sentence=found.sentence,
                start_char=trigger.idx,
                end_char=trigger.idx + len(trigger.text),
                negated=False,
                hypothetical=reading.hypothetical,
                modality=reading.modality,
                construction=found.construction.name,
                rule=entry.source,
                actor_state=self.res.acts_for(back),
                target_state=self.res.acts_for(actor),
            )
        ]

    def _pairs(
        self,
        entry: LexiconEntry,
        actors: list[str],
        targets: list[str],
        has_object: bool = False,
    ) -> list[tuple[str, str | None]]:
        """Actor-target pairs. A reciprocal event ("held talks", "clashed") goes both
        ways: "A clashed with B" is also B clashing with A, and "A, B and C met" is
        every ordered pair of them. An entry reciprocal among its subjects only
        ("meet") keeps "A met with B" as A's act: the one who went to meet."""
        pairs: list[tuple[str, str | None]] = [
            (actor, target) for actor in actors for target in targets or [None]
        ]
        if entry.is_reciprocal:
            if not targets and len(actors) > 1 and not has_object:
                pairs = [(a, b) for a in actors for b in actors if a != b]
            elif entry.is_object_reciprocal:
                pairs += [
                    (target, actor)
                    for actor in actors
                    for target in targets
                    if self.res.type_of(target) in ACTOR_TYPES
                ]
        return list(dict.fromkeys(pairs))


def _once_each(events: list[Event]) -> list[Event]:
    """One event for each act a word states: "The Tories branded Labour's plans a
    disaster" is read by the lexicon verb and by the declared "faulted-as"
    construction alike; the first reading (the verb's) is kept."""
    seen: set[tuple] = set()
    kept = []
    for event in events:
        key = (
            event.start_char, event.actor, event.type, event.target,
            event.negated, event.hypothetical,
        )  # fmt: skip
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def _takes(construction: Construction, trigger: Trigger) -> bool:
    """Whether the construction's conditions admit the trigger's entry."""
    for condition in construction.when:
        if condition == "inverse" and not trigger.entry.is_inverse:
            return False
        if condition == "not-inverse" and trigger.entry.is_inverse:
            return False
        if condition == "reciprocal" and not trigger.entry.is_reciprocal:
            return False
        if condition == "cooperative" and not trigger.entry.quad.endswith(
            "COOPERATION"
        ):
            return False
    return True


def _entry(step: Step, lemma: str | None = None) -> LexiconEntry:
    """The entry a step's parameters declare for the event it implies."""
    return LexiconEntry(
        lemma=lemma or step.params["lemma"],
        pos="VERB",
        type=step.params["type"],
        cameo=step.params["cameo"],
        targets=(),
        source=f"constructions.json:{step.name}",
    )


# -- qualifying steps -------------------------------------------------------------
@qualifiers.register("sense")
def _sense(engine: Engine, found: Found, step: Step):
    """The entry's first reading whose conditions hold (lexicon ``senses``); its
    type None means the words say no event ("lifted interest rates")."""
    reading = found.reading
    for sense in reading.entry.senses:
        if all(
            _conditions.get(name)(engine, found, value)
            for name, value in sense.when.items()
        ):
            entry = replace(
                reading.entry, type=sense.type, cameo=sense.cameo, senses=()
            )
            if engine.trace is not None:
                engine.trace.sense(sense)
            return replace(reading, entry=entry), []
    return reading, []


Condition = Callable[["Engine", Found, object], bool]
_conditions: Registry[Condition] = Registry("sense condition")


def _object_kind(engine: Engine, found: Found) -> str:
    obj = found.clause.obj
    if obj is None:
        return "none"
    return "actor" if engine.phrases.actors_of(obj) else "thing"


@_conditions.register("object")
def _object_is(engine: Engine, found: Found, value) -> bool:
    """``"actor"``, ``"thing"`` or ``"none"``: what the direct object is."""
    return _object_kind(engine, found) == value


@_conditions.register("object_lemmas")
def _object_lemma_in(engine: Engine, found: Found, value) -> bool:
    return bool(_object_lemmas(found) & set(value))


def _object_lemmas(found: Found) -> set[str]:
    """What the object is: its head ("a rise"), the nouns that say what a name is
    ("his future wife Glenys", "Asimo and Qrio robots"), and another object the
    parser splits off it ("a dollars 800bn rise": "dollars" and "rise" each an
    object)."""
    obj = found.clause.obj
    if obj is None:
        return set()
    words = [_counted(obj)]
    words += [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    words += [c for c in obj.head.children if c.dep_ == "dobj" and c.i != obj.i]
    # "to challenge Honda's Asimo and Sony's Qrio robots" (tech/356.txt): what
    # the list's last word says its names are
    words += [c for c in obj.conjuncts if c.pos_ == "NOUN"]
    return {word.lemma_.lower() for word in words}


@_conditions.register("not_object_lemmas")
def _object_lemma_not_in(engine: Engine, found: Found, value) -> bool:
    obj = found.clause.obj
    return obj is None or _counted(obj).lemma_.lower() not in value


# Heads that only count or pick out what their "of" phrase names.
_PORTION_WORDS = frozenset(
    {"all", "some", "most", "many", "none", "each", "both", "one", "several", "part"}
    # "support a variety of location-based services": the services
    | {"variety", "range", "number", "host", "array", "series", "kind", "type"}
)


def _counted(obj):
    """ "has met all of its promises" (politics/261.txt): the promises are what is
    met; "all" only says how many."""
    if obj.lower_ in _PORTION_WORDS:
        for pobj in prep_objects(obj, "of"):
            return pobj
    return obj


def _types(engine: Engine, keys: list[str]) -> set[str]:
    return {engine.res.type_of(key) for key in keys}


@_conditions.register("target_types")
def _target_types(engine: Engine, found: Found, value) -> bool:
    return bool(found.targets) and _types(engine, found.targets) <= set(value)


@_conditions.register("actor_types")
def _actor_types(engine: Engine, found: Found, value) -> bool:
    actors = found.clause.actors
    return bool(actors) and _types(engine, actors) <= set(value)


@_conditions.register("clause_complement")
def _clause_complement(engine: Engine, found: Found, value) -> bool:
    """ "agreed that the plan was right": a finite clause after the trigger says
    what is held true, an opinion rather than an accord."""
    has = any(c.dep_ == "ccomp" for c in found.clause.token.children)
    return has == bool(value)


@_conditions.register("verb_complement")
def _verb_complement(engine: Engine, found: Found, value) -> bool:
    """ "helped design the cameras": the trigger completed by another verb, a
    share in a task rather than a thing given."""
    has = any(
        c.dep_ == "xcomp" or (c.dep_ == "ccomp" and c.pos_ == "VERB")
        for c in found.clause.token.children
    )  # an xcomp is a verb even where the tagger says noun ("has helped design")
    return has == bool(value)


# What a verb can take after it: with none of them it stands alone ("he agreed",
# "…, asks the analyst").
_COMPLEMENT_DEPS = frozenset(
    {"dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "acomp"}
)
_QUESTION_WORDS = frozenset(
    {"why", "whether", "if", "how", "what", "when", "where", "who", "which"}
)


@_conditions.register("bare")
def _bare(engine: Engine, found: Found, value) -> bool:
    """ "Mr Templeton said he agreed.": the trigger takes nothing after it."""
    has = any(c.dep_ in _COMPLEMENT_DEPS for c in found.clause.token.children)
    return (not has) == bool(value)


@_conditions.register("question_complement")
def _question_complement(engine: Engine, found: Found, value) -> bool:
    """ "he asked why ministers attacked …": the clause after the trigger is a
    question, and asking a question requests nothing."""
    trigger = found.clause.token
    has = (
        any(c.dep_ in ("ccomp", "xcomp") and _is_question(c) for c in trigger.children)
        or _after_quoted_question(trigger)
        or _quoted_question_object(trigger)
        or _if_question(trigger)
    )
    return has == bool(value)


def _if_question(trigger) -> bool:
    """ "I asked my mom if it was OK to be an actor" (entertainment/339.txt): the
    parser hangs the "if" clause as an adverbial one; with nothing to say what is
    asked for ("asked France to act if …", "asked France for help if …"), it is
    the question."""
    asks_for = any(
        c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for")
        for c in trigger.children
    )
    return not asks_for and any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
        for c in trigger.children
    )


def _after_quoted_question(trigger) -> bool:
    """ "'Why build your own grid …?' Mr Schwartz asked in a webcast": the parser
    ends the sentence at the quoted question, so the reporting verb opens the next
    one, with no object of its own."""
    start = trigger.sent.start
    before = trigger.doc[max(0, start - 2) : start]
    return any(t.text == "?" for t in before) and not any(
        c.dep_ in ("dobj", "dative") for c in trigger.children
    )


def _quoted_question_object(trigger) -> bool:
    """ "'… Or legitimate downloads, who would travel miles to a record shop when
    they could download the song in minutes for 70p?' he asks" (tech/341.txt): the
    parser makes a word of the quoted question the verb's object; a "?" between
    that object and the verb says it is the question asked, and no one is asked."""
    return any(
        obj.i < trigger.i
        and any(t.text == "?" for t in trigger.doc[obj.i + 1 : trigger.i])
        for obj in trigger.children
        if obj.dep_ == "dobj"
    )


def _is_question(clause) -> bool:
    """A clause that asks: opened by a question word ("why", "what aid group …"),
    or a quoted question, whose "?" the parser may hang on the reporting verb right
    after the clause ("… for a buck an hour?" he asked)."""
    first, last = clause.left_edge, clause.right_edge
    if first.lower_ in _QUESTION_WORDS or any(
        g.dep_ in ("advmod", "mark", "nsubj", "dobj") and g.lower_ in _QUESTION_WORDS
        for g in clause.children
    ):
        return True
    after = clause.doc[last.i + 1] if last.i + 1 < len(clause.doc) else None
    return any(t.text == "?" for t in clause.subtree) or (
        after is not None and after.text == "?"
    )


@_conditions.register("child_deps")
def _child_deps(engine: Engine, found: Found, value) -> bool:
    """A word hangs on the trigger by one of these relations: "Oliver Letwin
    called Labour 'a brilliant machine for talking about things'" (an object
    predicate, "oprd") names Labour; it calls for nothing."""
    return any(c.dep_ in value for c in found.clause.token.children)


@_conditions.register("particles")
def _particles(engine: Engine, found: Found, value) -> bool:
    """A particle of these on the trigger: "to free up cash for priorities such
    as fighting terrorism" (politics/029.txt) makes money available; it frees
    no one."""
    return any(
        c.dep_ == "prt" and c.lower_ in value for c in found.clause.token.children
    )


@_conditions.register("adverbs")
def _adverbs(engine: Engine, found: Found, value) -> bool:
    """An adverb of these on the trigger: "Gronkjaer … was sarcastically
    applauded" (sport/265.txt), "after mockingly welcoming the chancellor back to
    the election campaign" (politics/364.txt) is mockery, not praise."""
    return any(
        c.dep_ == "advmod" and c.lower_ in value for c in found.clause.token.children
    )


@_conditions.register("not_preps")
def _not_preps(engine: Engine, found: Found, value) -> bool:
    """No prepositional phrase of these on the trigger ("challenged X on Y")."""
    return not any(
        c.dep_ == "prep" and c.lower_ in value for c in found.clause.token.children
    )


@_conditions.register("preps")
def _preps(engine: Engine, found: Found, value) -> bool:
    """A prepositional phrase of these on the trigger: "clashed with his leaders
    over tuition fees" is a dispute about something, not a fight."""
    return any(
        c.dep_ == "prep" and c.lower_ in value for c in found.clause.token.children
    )


@_conditions.register("marked_clause")
def _marked_clause(engine: Engine, found: Found, value) -> bool:
    """A clause on the trigger opened by one of these words: "appealed for the
    weapons inspectors to be given more time" (politics/060.txt) asks for
    something, where a bare "the other side will appeal" is a court's appeal."""
    return any(
        c.dep_ in ("advcl", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ in value for m in c.children)
        for c in found.clause.token.children
    )


@_conditions.register("trigger_lemmas")
def _trigger_lemma_in(engine: Engine, found: Found, value) -> bool:
    """The word that triggered: "expressed his relief" is a feeling, where "sent
    relief" is aid (an event noun's senses, read through its light verb)."""
    return found.clause.token.lemma_.lower() in value


@_conditions.register("one_actor")
def _one_actor(engine: Engine, found: Found, value) -> bool:
    """A single actor: "China and Russia talked" has its counterpart among the
    actors, "Blair talked about schools" has none."""
    return (len(found.clause.actors) == 1) == bool(value)


@_conditions.register("no_target")
def _no_target(engine: Engine, found: Found, value) -> bool:
    return (not found.targets) == bool(value)


@_conditions.register("xcomp_lemmas")
def _xcomp_lemma_in(engine: Engine, found: Found, value) -> bool:
    """ "refused to say": the verb the trigger completes with an infinitive, or
    with a bare one ("chosen not to help Spain try and defend the Davis Cup
    crown", sport/499.txt)."""
    return any(
        (c.dep_ == "xcomp" or (c.dep_ == "ccomp" and c.tag_ == "VB"))
        and c.lemma_.lower() in value
        for c in found.clause.token.children
    )


@_conditions.register("advcl_lemmas")
def _advcl_lemma_in(engine: Engine, found: Found, value) -> bool:
    """ "attacked British imperialists, saying they …": a clause of speech that
    says how the act was done makes it words, not force."""
    return any(
        c.dep_ == "advcl" and c.lemma_.lower() in value
        for c in found.clause.token.children
    )


@_conditions.register("prep_objects")
def _prep_object_in(engine: Engine, found: Found, value) -> bool:
    """``{"of": ["retaliation", ...]}``: the trigger or its object has such a
    prepositional phrase ("warned of retaliation")."""
    clause = found.clause
    holders = [clause.token] + ([clause.obj] if clause.obj is not None else [])
    return any(
        pobj.lemma_.lower() in lemmas or _hyphenated(pobj) in lemmas
        for preposition, lemmas in value.items()
        for holder in holders
        for pobj in prep_objects(holder, preposition)
    )


def _hyphenated(token) -> str:
    """ "line-up": the parser splits it and makes "up" the head."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-":
        return f"{doc[token.i - 2].lower_}-{token.lower_}"
    return token.lower_


@qualifiers.register("negation-coded-pattern")
def _negation_coded(engine: Engine, found: Found, step: Step):
    """ "didn't clash over": where the pattern's own words hold the negation, the
    dictionary codes the refusal itself, which happened."""
    roles = found.clause.trigger.roles
    if roles is not None and roles.is_negation_coded:
        return replace(found.reading, negated=False), []
    return found.reading, []


@qualifiers.register("wanting")
def _wanting(engine: Engine, found: Found, step: Step):
    """ "Obama wants Putin to attack X": Obama appeals to Putin (the step's entry,
    an event of its own, read before the act); the attack is only wished for."""
    clause, reading = found.clause, found.reading
    asker = engine.clauses.wanting(clause.token, clause.subjects.path, clause.actors)
    if asker is None:
        return reading, []
    word, askers = asker
    events = []
    if askers:
        modality = engine.clauses.modality_of(word, [])
        appeal = _entry(step)
        appeal_reading = Reading(
            appeal, modality.negated, modality.hypothetical, modality.word
        )
        events = engine.emit(
            found, appeal, word, askers, clause.actors, None, reading=appeal_reading
        )
    wished = replace(
        reading, hypothetical=True, modality=reading.modality or word.lemma_.lower()
    )
    return wished, events


def _is_stated_intent(engine: Engine, found: Found) -> bool:
    clause = found.clause
    return engine.clauses.is_stated_intent(
        clause.token, clause.subjects.path, clause.actors
    )


@qualifiers.register("stated-refusal")
def _stated_refusal(engine: Engine, found: Found, step: Step):
    """ "Obama said he would not provide support to Israel": a stated refusal is
    an event of its own, a rejection (CAMEO 12x), and it was made."""
    reading = found.reading
    codes = step.params["cameo_by_quad"]
    if (
        reading.recoded_by is None
        and reading.negated
        and reading.entry.quad in codes
        and _is_stated_intent(engine, found)
    ):
        entry = replace(
            reading.entry, type=step.params["type"], cameo=codes[reading.entry.quad]
        )
        return Reading(entry, False, False, reading.modality, step.name), []
    return reading, []


@qualifiers.register("claimed-force")
def _claimed_force(engine: Engine, found: Found, step: Step):
    """ "Chile said it will attack Peru", "Chile claimed it had attacked Peru": an
    actor speaking of its own use of force claims it (CAMEO 015), whether done or
    announced; the act keeps its type."""
    reading, clause = found.reading, found.clause
    if (
        reading.recoded_by is None
        and reading.entry.quad == step.params["quad"]
        and not reading.negated
        and engine.clauses.own_report(clause.token, clause.actors) is not None
    ):
        entry = replace(reading.entry, cameo=step.params["cameo"])
        return replace(reading, entry=entry, recoded_by=step.name), []
    return reading, []


@qualifiers.register("stated-intent")
def _stated_intent(engine: Engine, found: Found, step: Step):
    """ "Chile wants to help Peru": a stated intent is coded as the type's intent
    code (event_types.json), not as the act."""
    reading = found.reading
    code = engine.intent_codes.get(reading.entry.type or "")
    if reading.recoded_by is None and code and _is_stated_intent(engine, found):
        entry = replace(reading.entry, cameo=code)
        return replace(reading, entry=entry, recoded_by=step.name), []
    return reading, []


# -- implied events ---------------------------------------------------------------
@implications.register("reported-accusation")
def _reported_accusation(engine: Engine, found: Found, step: Step) -> list[Event]:
    """ "Chile said that Peru had attacked Bolivia": saying that another actor
    attacked or repressed is accusing it (CAMEO 112), whoever the victim was. Not
    when the speech verb is an event of its own ("warned", "alleged"), nor for the
    attribution that follows a news report ("..., officials said")."""
    reading, clause = found.reading, found.clause
    if (
        reading.negated
        or reading.hypothetical
        or reading.entry.type not in engine.syntax.accusing_types
    ):
        return []
    speech_clause = reported_clause(clause.token)
    speech = speech_clause.head
    if (
        speech_clause.dep_ != "ccomp"
        or speech_clause.i < speech.i  # "X attacked Y, officials said": attribution
        or speech.lemma_ not in engine.syntax.speech_verbs
        or engine.verb_trigger(speech) is not None
    ):
        return []
    speakers = engine.phrases.speakers(speech)
    accused = [a for a in clause.actors if a not in speakers]
    if not speakers or not accused:
        return []
    modality = engine.clauses.modality_of(speech, [])
    accusation = _entry(step)
    return engine.emit(
        found,
        accusation,
        speech,
        speakers,
        accused,
        None,
        reading=Reading(
            accusation, modality.negated, modality.hypothetical, modality.word
        ),
    )


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


def check_constructions(constructions: tuple[Construction, ...]) -> None:
    """Every move and step a construction names exists (raises UnknownNameError)."""
    for construction in constructions:
        for name in (*construction.actor, *construction.actor_override):
            actor_moves.get(name)
        for name in (*construction.target, *construction.venue):
            target_moves.get(name)
        for name in construction.infer_moves:
            target_moves.get(name)
        for step in construction.qualify:
            qualifiers.get(step.name)
        for step in construction.also:
            implications.get(step.name)


def extract_events(
    doc: Doc,
    resolution: Resolution,
    resources: Resources,
    sentences: list[Span],
    trace: Trace | None = None,
) -> list[Event]:
    """All events of a Doc, in reading order; ``trace`` hears how they were read
    (and how others were not), for ``kgextract explain``."""
    return list(Engine(doc, resolution, resources, trace).events(sentences))
