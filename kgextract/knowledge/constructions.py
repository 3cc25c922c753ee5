"""The declared constructions (``rules/constructions.json``): how an event is read off
a parse, as data the engine runs in order. Pure Python; the NLP engine checks that
every move and step named here exists when it loads them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kgextract.errors import KgExtractError
from kgextract.knowledge import RULES_DIR

TRIGGER_KINDS = ("verb", "noun", "pattern")
CONDITIONS = frozenset({"inverse", "not-inverse", "reciprocal", "cooperative"})
REFUSALS = frozenset({"no-actor", "no-target", "no-subject", "controlled"})


@dataclass(frozen=True, slots=True)
class Step:
    """A named step with its parameters: ``{"step": "claimed-force", ...}``."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Construction:
    name: str
    trigger: str  # verb | noun | pattern (a DependencyMatcher pattern below)
    source: str  # "constructions.json:12": where it is declared
    when: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    actor_override: tuple[str, ...] = ()
    refuse: frozenset[str] = frozenset()
    target: tuple[str, ...] = ()
    venue: tuple[str, ...] = ()
    qualify: tuple[Step, ...] = ()
    infer_types: frozenset[str] = frozenset()
    infer_moves: tuple[str, ...] = ()
    also: tuple[Step, ...] = ()
    # A DependencyMatcher pattern (trigger "pattern"): the node named "trigger"
    # is the event's word; moves read the other named nodes.
    pattern: tuple[Mapping[str, Any], ...] = ()
    # The event's type and code when the pattern, not a lexicon entry, states it.
    event: Mapping[str, Any] = field(default_factory=dict)
    example: Mapping[str, Any] = field(default_factory=dict)
    # "not": one real sentence, or a list of them, that must give none of its own
    counterexamples: tuple[Mapping[str, Any], ...] = ()


def _steps(items: list) -> tuple[Step, ...]:
    return tuple(
        Step(item["step"], {k: v for k, v in item.items() if k != "step"})
        for item in items
    )


def _construction(row: dict, source: str) -> Construction:
    infer = row.get("infer_target") or {}
    construction = Construction(
        name=row["name"],
        trigger=row["trigger"],
        source=source,
        when=tuple(row.get("when", ())),
        actor=tuple(row.get("actor", ())),
        actor_override=tuple(row.get("actor_override", ())),
        refuse=frozenset(row.get("refuse", ())),
        target=tuple(row.get("target", ())),
        venue=tuple(row.get("venue", ())),
        qualify=_steps(row.get("qualify", ())),
        infer_types=frozenset(infer.get("types", ())),
        infer_moves=tuple(infer.get("moves", ())),
        also=_steps(row.get("also", ())),
        pattern=tuple(row.get("pattern", ())),
        event=row.get("event", {}),
        example=row.get("example", {}),
        counterexamples=tuple(
            row["not"] if isinstance(row.get("not"), list) else [row.get("not", {})]
        ),
    )
    problems = []
    if construction.trigger not in TRIGGER_KINDS:
        problems.append(f"trigger {construction.trigger!r}")
    if construction.trigger == "pattern" and not construction.pattern:
        problems.append("a pattern trigger without a pattern")
    problems += [f"condition {c!r}" for c in construction.when if c not in CONDITIONS]
    problems += [f"refusal {r!r}" for r in construction.refuse - REFUSALS]
    if problems:
        raise KgExtractError(f"{source}: {construction.name}: unknown {problems[0]}")
    return construction


def _line_of(text: str, name: str) -> int:
    needle = f'"name": {json.dumps(name)}'
    return text[: max(text.find(needle), 0)].count("\n") + 1


@lru_cache(maxsize=4)
def load_constructions(path: str | None = None) -> tuple[Construction, ...]:
    """The constructions in their declared order (the bundled file by default)."""
    source = Path(path) if path else RULES_DIR / "constructions.json"
    try:
        text = source.read_text(encoding="utf-8")
        rows = json.loads(text)["constructions"]
    except (OSError, ValueError, KeyError) as err:
        raise KgExtractError(f"{source}: cannot read constructions ({err})") from None
    names = [row.get("name") for row in rows]
    if len(set(names)) != len(names):
        raise KgExtractError(f"{source}: two constructions share a name")
    return tuple(
        _construction(row, f"{source.name}:{_line_of(text, row['name'])}")
        for row in rows
    )
