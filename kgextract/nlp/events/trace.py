"""A recorder of the construction engine's decisions, for ``kgextract explain``.

An event that is missing is harder to explain than one that is there: the reading
that was refused leaves nothing in the graph. The engine therefore takes an optional
:class:`Trace` (None by default, and then each decision point costs one ``is None``
test). Given one, it reports every construction it tries on every trigger: the move
that filled each slot and whom it found, the refusal that dropped the reading, the
qualifying steps that changed it, the pairs it dropped (no event type, an actor
acting on itself) and the events it emitted.

The trace only listens: the engine reads nothing back from it, so the events are
the same with or without one. It keeps token indexes and entity keys, plain data;
the one object it holds from the engine is the engine itself (:attr:`engine`),
for the explainer to ask the same resolution and trigger reader afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kgextract.knowledge.constructions import Construction
from kgextract.knowledge.lexicon import LexiconEntry, Sense
from kgextract.model import Event

if TYPE_CHECKING:  # pragma: no cover - names for the signatures only
    # (not the engine's module: it imports this one, and no module imports
    # itself through others, even for type checking)
    from kgextract.nlp.events.clauses import Modality, Subjects
    from kgextract.nlp.events.triggers import Trigger


@dataclass
class Slot:
    """One slot as the construction's moves filled it: the move that found someone
    (None when none did), whom it found, and the moves declared for it."""

    move: str | None
    keys: list[str]
    tried: tuple[str, ...]


@dataclass
class Attempt:
    """One construction tried on one trigger, and what became of it."""

    token: int  # the trigger's token index in the Doc
    sentence: int
    how: str  # the trigger reading: verb, form, pattern, light-verb, noun ...
    lemma: str  # the lexicon entry's lemma ("send", "send to", "support")
    rule: str  # the entry's source, "lexicon.jsonl:149"
    construction: str
    construction_source: str  # "constructions.json:40"
    consumed: int | None = None  # the event noun a light verb took
    declined: bool = False  # the construction's ``when`` does not take the entry
    subjects: list[str] = field(default_factory=list)
    is_controlled: bool = False
    path: list[int] = field(default_factory=list)  # words the subject came through
    slots: dict[str, Slot] = field(default_factory=dict)  # actor, target, venue ...
    refused: str | None = None  # the refusal that held: no-actor, no-target ...
    negated: bool = False
    hypothetical: bool = False
    modality: str | None = None
    sense: dict[str, Any] | None = None  # the lexicon sense that held, its ``when``
    steps: list[dict[str, Any]] = field(default_factory=list)  # readings changed
    dropped: list[dict[str, Any]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


class Trace:
    """What the engine decided about one Doc: one :class:`Attempt` per construction
    tried on a trigger, in the order tried. Build one per Doc and pass it to
    ``extract(..., trace=trace)``."""

    def __init__(self) -> None:
        self.engine: Any = None  # the Engine that reported, once attached
        self.attempts: list[Attempt] = []
        self._current: Attempt | None = None

    def attach(self, engine: Any) -> None:
        self.engine = engine

    # -- one construction on one trigger -------------------------------------------
    def declined(
        self, trigger: Trigger, construction: Construction, sentence: int
    ) -> None:
        attempt = self._attempt(trigger, construction, sentence)
        attempt.declined = True
        self._current = None

    def begin(
        self,
        trigger: Trigger,
        construction: Construction,
        sentence: int,
        subjects: Subjects,
    ) -> None:
        attempt = self._attempt(trigger, construction, sentence)
        attempt.subjects = list(subjects.actors)
        attempt.is_controlled = subjects.is_controlled
        attempt.path = [token.i for token in subjects.path]
        self._current = attempt

    def _attempt(
        self, trigger: Trigger, construction: Construction, sentence: int
    ) -> Attempt:
        attempt = Attempt(
            token=trigger.token.i,
            sentence=sentence,
            how=trigger.how,
            lemma=trigger.entry.lemma,
            rule=trigger.entry.source,
            construction=construction.name,
            construction_source=construction.source,
            consumed=trigger.consumed.i if trigger.consumed is not None else None,
        )
        self.attempts.append(attempt)
        return attempt

    def slot(
        self, name: str, move: str | None, keys: list[str], tried: tuple[str, ...]
    ) -> None:
        if self._current is not None:
            self._current.slots[name] = Slot(move, list(keys), tuple(tried))

    def refused(self, refusal: str) -> None:
        if self._current is not None:
            self._current.refused = refusal

    def reading(self, modality: Modality, path: list) -> None:
        if self._current is not None:
            self._current.negated = modality.negated
            self._current.hypothetical = modality.hypothetical
            self._current.modality = modality.word
            self._current.path = [token.i for token in path]

    def sense(self, sense: Sense) -> None:
        if self._current is not None:
            self._current.sense = {
                "when": dict(sense.when),
                "type": sense.type,
                "cameo": sense.cameo,
            }

    def step(self, name: str, before: Any, after: Any) -> None:
        """A qualifying step changed the reading (an engine ``Reading``): its
        code, type or flags."""
        if self._current is None:
            return
        changed = {}
        for field_name, old, new in (
            ("type", before.entry.type, after.entry.type),
            ("cameo", before.entry.cameo, after.entry.cameo),
            ("negated", before.negated, after.negated),
            ("hypothetical", before.hypothetical, after.hypothetical),
            ("modality", before.modality, after.modality),
        ):
            if old != new:
                changed[field_name] = [old, new]
        if changed:
            self._current.steps.append({"step": name, "changed": changed})

    def dropped(
        self,
        reason: str,
        entry: LexiconEntry,
        actor: str | None = None,
        target: str | None = None,
    ) -> None:
        if self._current is not None:
            self._current.dropped.append(
                {
                    "reason": reason,
                    "lemma": entry.lemma,
                    "cameo": entry.cameo,
                    "actor": actor,
                    "target": target,
                }
            )

    def emitted(self, event: Event) -> None:
        if self._current is not None:
            self._current.events.append(event)
