"""The PLOVER event types, read from ``rules/event_types.json``.

Rules are data: the types, their CAMEO roots and which derived edge each implies live in
one JSON file that the extractors, the graph builder and the queries all read. No RDF
library is imported here, so the query side can use it and still start fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from kgextract.knowledge import RULES_DIR

# CAMEO's quad classes, the coarsest grouping of events (the graph names each one).
QUAD_CLASSES = (
    "VERBAL_COOPERATION",
    "MATERIAL_COOPERATION",
    "VERBAL_CONFLICT",
    "MATERIAL_CONFLICT",
)

STANCES = ("supports", "opposes")


@dataclass(frozen=True, slots=True)
class EventType:
    name: str  # PLOVER type: "AID"
    label: str  # "aid"
    description: str
    quad: str  # one of QUAD_CLASSES: "MATERIAL_COOPERATION"
    cameo_roots: tuple[str, ...]  # two-digit CAMEO root codes: ("07",)
    stance: str | None  # "supports" | "opposes" | None: the derived edge it implies
    # CAMEO code of a stated intent to act so ("wants to help" -> "033"): CAMEO codes
    # an intent as a verbal event of its own (03x, or 13x threaten), not as the act.
    intent_cameo: str | None = None
    # CAMEO codes outside its roots that the type carries: PLOVER's SUPPORT covers
    # CAMEO's expressions of sympathy (018), whose root 01 PLOVER has no type for.
    cameo_codes: tuple[str, ...] = ()


def load_event_types() -> dict[str, EventType]:
    """PLOVER type name -> :class:`EventType`, in the file's order.

    A fresh dict each call (the parsed file is cached), so a caller can't change what
    the next caller sees.
    """
    return dict(_event_types())


@cache
def _event_types() -> tuple[tuple[str, EventType], ...]:
    rules = RULES_DIR / "event_types.json"
    types = json.loads(rules.read_text(encoding="utf-8"))["types"]
    return tuple((name, _event_type(name, spec)) for name, spec in types.items())


def _event_type(name: str, spec: dict) -> EventType:
    """Refuse a malformed entry at load time, not when the first event of it is seen."""
    event_type = EventType(
        name=name,
        label=spec["label"],
        description=spec["description"],
        quad=spec["quad"],
        cameo_roots=tuple(spec["cameo_roots"]),
        stance=spec["stance"],
        intent_cameo=spec.get("intent_cameo"),
        cameo_codes=tuple(spec.get("cameo_codes", ())),
    )
    if event_type.quad not in QUAD_CLASSES:
        raise ValueError(f"event_types.json: {name}: unknown quad {event_type.quad!r}")
    if event_type.stance is not None and event_type.stance not in STANCES:
        raise ValueError(
            f"event_types.json: {name}: unknown stance {event_type.stance!r}"
        )
    intent = event_type.intent_cameo
    if intent is not None and not (intent.isdigit() and intent[:2] in ("03", "13")):
        raise ValueError(f"event_types.json: {name}: bad intent_cameo {intent!r}")
    for root in event_type.cameo_roots:
        if not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
            raise ValueError(f"event_types.json: {name}: bad CAMEO root {root!r}")
    for code in event_type.cameo_codes:
        if not (len(code) >= 3 and code.isdigit() and 1 <= int(code[:2]) <= 20):
            raise ValueError(f"event_types.json: {name}: bad CAMEO code {code!r}")
    return event_type
