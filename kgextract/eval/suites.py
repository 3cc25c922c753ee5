"""``kgextract eval``: the pipeline measured on public gold suites, from raw text.

A suite is a list of :class:`Record` (a sentence, its gold CAMEO events or its gold
relations). The pipeline reads each record's *text* (never the parses a file may
carry: they were corrected by hand and would flatter us), and the scorer compares
what it found with the gold:

- **Events** (PETRARCH suites, our JSON format): a predicted event matches a gold one
  when the source and the target agree at country level (the first three letters of
  the CAMEO actor code; a gold ``---`` matches any actor) and the CAMEO root code
  agrees. The ``code`` level also asks the full event code to agree. A record marked
  ``noevents`` has no gold, so everything found there is a false alarm.
- **Relations** (CoNLL04): a predicted (type, head, tail) matches a gold one when the
  type agrees and each argument overlaps the gold entity and ends on the same word.

Readers and scoring are pure functions; only :func:`run` touches spaCy, lazily.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kgextract.coding.cameo import UNKNOWN, country_level
from kgextract.coding.petrarch import (
    discarded,
    lexicon_rows,
    negated_code,
    read_coding_ontology,
    read_discards,
    read_verb_dictionary,
)
from kgextract.errors import InputError, KgExtractError
from kgextract.registry import Registry

DATA_ENV = "KGEXTRACT_EVAL_DATA"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RELATION_TYPES = ("Work_For", "Kill", "OrgBased_In", "Live_In", "Located_In")
QUADS = (
    (5, "VERBAL_COOPERATION"),
    (8, "MATERIAL_COOPERATION"),
    (13, "VERBAL_CONFLICT"),
    (20, "MATERIAL_CONFLICT"),
)


# -- gold data ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CodedEvent:
    """An event as event-data gold writes it: CAMEO source, target and event code."""

    source: str
    target: str
    code: str

    @property
    def root(self) -> str:
        return self.code[:2]

    def __str__(self) -> str:
        return f"{self.source} {self.target} {self.code}"


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """A directed relation between two character spans of the record's text (gold or
    predicted, for scoring; the pipeline's own is :class:`kgextract.model.Relation`)."""

    type: str
    head: tuple[int, int]
    tail: tuple[int, int]

    def describe(self, text: str) -> str:
        head = text[self.head[0] : self.head[1]]
        tail = text[self.tail[0] : self.tail[1]]
        return f"{head} {self.type} {tail}"


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    date: str | None = None
    category: str = ""
    events: tuple[CodedEvent, ...] = ()
    relations: tuple[GoldRelation, ...] = ()


@dataclass(frozen=True)
class Suite:
    name: str
    kind: str  # "events" | "relations"
    records: tuple[Record, ...]
    source: str  # the file read
    actors: tuple[Path, ...] = ()  # the dictionaries the suite's actors are defined in
    agents: tuple[Path, ...] = ()
    verbs: tuple[Path, ...] = ()  # ...and its verb dictionaries and discard lists
    discards: tuple[Path, ...] = ()
    # UD-PETRARCH's coding ontology: how its coder, and so its gold, codes a
    # negated verb ("did not clash" is 050)
    ontology: tuple[Path, ...] = ()


# -- readers --------------------------------------------------------------------------
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_ATTRIBUTES = re.compile(r"""([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_EVENT_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def _attributes(tag: str) -> dict[str, str]:
    return {name: double or single for name, double, single in _ATTRIBUTES.findall(tag)}


def read_petrarch_records(path: Path, *, evaluated_only: bool = True) -> list[Record]:
    """PETRARCH / UD-PETRARCH validation records, read record by record.

    The files are not all well-formed XML (GSR self-closes ``<Sentence/>`` and puts its
    children after it; the UD file has stray characters in a comment), so each record
    is the text from one ``<Sentence `` to the next, comments removed. Records with
    ``evaluate="false"`` are skipped; ``noevents="True"`` gives a record with no gold.
    The ``<Parse>`` is never read. Records are scored by id, and the files reuse a
    few ids for different sentences, so a repeated id gets ``#2``, ``#3``… (else
    one record's events would be scored against the other's gold).
    """
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise InputError(path, f"cannot read ({err.strerror})") from None
    records = []
    seen: dict[str, int] = defaultdict(int)
    for chunk in _COMMENTS.sub("", text).split("<Sentence ")[1:]:
        tag, _, body = chunk.partition(">")
        attributes = _attributes(tag)
        if "id" not in attributes:
            continue
        if evaluated_only and attributes.get("evaluate", "true").lower() == "false":
            continue
        match = _TEXT.search(body)
        if match is None:
            raise InputError(path, f"record {attributes['id']}: no <Text>")
        events = []
        for coding in _EVENT_CODING.findall(body):
            fields = _attributes(coding)
            if fields.get("noevents", "").lower() == "true" or "error" in fields:
                continue  # no event, or a record the coder must discard
            try:
                events.append(
                    CodedEvent(
                        fields["sourcecode"].upper(),
                        fields["targetcode"].upper(),
                        fields["eventcode"],
                    )
                )
            except KeyError as err:
                raise InputError(
                    path, f"record {attributes['id']}: EventCoding lacks {err}"
                ) from None
        seen[attributes["id"]] += 1
        count = seen[attributes["id"]]
        records.append(
            Record(
                id=attributes["id"] + (f"#{count}" if count > 1 else ""),
                text=" ".join(match.group(1).split()),
                date=_iso_date(attributes.get("date")),
                category=attributes.get("category", ""),
                events=tuple(events),
            )
        )
    if not records:
        raise InputError(path, "no <Sentence> records")
    return records


def _token_offsets(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    offsets, position = [], 0
    for token in tokens:
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return " ".join(tokens), offsets


def read_conll04(path: Path) -> list[Record]:
    """The SpERT JSON form of CoNLL04: tokens, entity token spans, directed relations.

    The text the pipeline reads is the tokens joined by spaces (the corpus ships no
    other form of it).
    """
    try:
        items = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(path, f"cannot read ({err.strerror})") from None
    except json.JSONDecodeError as err:
        raise InputError(path, f"invalid JSON ({err.msg}, line {err.lineno})") from None
    records = []
    for number, item in enumerate(items):
        try:
            text, offsets = _token_offsets(item["tokens"])
            spans = [
                (offsets[e["start"]][0], offsets[e["end"] - 1][1])
                for e in item["entities"]
            ]
            relations = tuple(
                GoldRelation(r["type"], spans[r["head"]], spans[r["tail"]])
                for r in item["relations"]
            )
        except (KeyError, IndexError, TypeError) as err:
            raise InputError(path, f"item {number}: malformed ({err})") from None
        records.append(
            Record(id=str(item.get("orig_id", number)), text=text, relations=relations)
        )
    return records


def read_gold_json(path: Path) -> Suite:
    """Our own gold format, for users' gold sets (see the README)::

        {"name": "my-suite",
         "records": [
           {"id": "1", "text": "France condemned Iran.", "date": "2024-05-01",
            "events": [{"source": "FRA", "target": "IRN", "code": "111"}]},
           {"id": "2", "text": "It rained in Paris.", "events": []}]}

    An empty ``events`` list is a no-event record. Records may instead carry
    ``"relations": [{"type": "Work_For", "head": "Scholz", "tail": "SPD"}]`` (the first
    occurrence of each string in the text); a file is one kind or the other.
    """
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(where, f"cannot read ({err.strerror})") from None
    except json.JSONDecodeError as err:
        raise InputError(
            where, f"invalid JSON ({err.msg}, line {err.lineno})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise InputError(where, 'expected an object with a "records" list')
    records, kinds = [], set()
    for number, row in enumerate(data["records"], 1):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(where, f"record {number}: needs a string 'text'")
        events, relations = [], []
        try:
            for event in row.get("events", []) or []:
                events.append(
                    CodedEvent(
                        str(event["source"]).upper(),
                        str(event["target"]).upper(),
                        str(event["code"]),
                    )
                )
            for relation in row.get("relations", []) or []:
                spans = []
                for role in ("head", "tail"):
                    start = row["text"].find(relation[role])
                    if start < 0:
                        raise InputError(
                            where,
                            f"record {number}: {role} {relation[role]!r} "
                            "is not in the text",
                        )
                    spans.append((start, start + len(relation[role])))
                relations.append(GoldRelation(relation["type"], spans[0], spans[1]))
        except (KeyError, TypeError) as err:
            raise InputError(where, f"record {number}: missing field {err}") from None
        kinds.add("relations" if "relations" in row else "events")
        records.append(
            Record(
                id=str(row.get("id", number)),
                text=" ".join(row["text"].split()) if not relations else row["text"],
                date=row.get("date"),
                category=str(row.get("category", "")),
                events=tuple(events),
                relations=tuple(relations),
            )
        )
    if len(kinds) > 1:
        raise InputError(where, "mixes event records and relation records")
    if not records:
        raise InputError(where, "no records")
    return Suite(
        name=str(data.get("name", Path(path).stem)),
        kind=kinds.pop(),
        records=tuple(records),
        source=where,
    )


# -- the registry of suites -----------------------------------------------------------
SuiteLoader = Callable[[Path, str], Suite]
suites: Registry[SuiteLoader] = Registry("suite")


def data_dir(path: str | Path | None = None) -> Path:
    """Where the public suites live: the argument, $KGEXTRACT_EVAL_DATA, or
    ../shared/data beside the checkout."""
    return Path(path or os.environ.get(DATA_ENV) or DEFAULT_DATA)


def _need(path: Path) -> Path:
    if not path.exists():
        raise KgExtractError(
            f"{path}: suite data not found (pass --data DIR or set ${DATA_ENV})"
        )
    return path


def _events_only(split: str, name: str) -> None:
    if split != "test":
        raise KgExtractError(f"suite {name!r} has a single split; drop --split")


@suites.register("petrarch-gsr", description="78 real news sentences, CAMEO-coded")
def _petrarch_gsr(root: Path, split: str) -> Suite:
    _events_only(split, "petrarch-gsr")
    path = _need(root / "petrarch_validation/petr2_gsr/PETR2_GSR_validation.xml")
    return Suite(
        "petrarch-gsr", "events", tuple(read_petrarch_records(path)), str(path)
    )


def _petrarch_suite(
    name: str,
    root: Path,
    split: str,
    folder: str,
    records: str,
    actors: str,
    agents: str,
    verbs: str,
    discards: str,
    ontology: str | None = None,
) -> Suite:
    """A PETRARCH validation folder: records plus the dictionaries they were coded
    with (fictional actors and agents, verbs with their codes, discards, and where
    the coder has one, the coding ontology its negations follow)."""
    _events_only(split, name)
    directory = _need(root / "petrarch_validation" / folder)
    path = _need(directory / records)
    return Suite(
        name,
        "events",
        tuple(read_petrarch_records(path)),
        str(path),
        actors=(directory / actors,),
        agents=(directory / agents,),
        verbs=(directory / verbs,),
        discards=(directory / discards,),
        ontology=(_need(directory / ontology),) if ontology else (),
    )


@suites.register("petrarch-unit", description="PETRARCH2 unit-test records")
def _petrarch_unit(root: Path, split: str) -> Suite:
    return _petrarch_suite(
        "petrarch-unit",
        root,
        split,
        "petrarch2_unittest",
        "PETR.UnitTest.records.xml",
        "PETR.Validate.actors.txt",
        "PETR.Validate.agents.txt",
        "PETR.Validate.verbs.txt",
        "PETR.Validate.discards.txt",
    )


@suites.register("ud-petrarch", description="UD-PETRARCH validation records")
def _ud_petrarch(root: Path, split: str) -> Suite:
    return _petrarch_suite(
        "ud-petrarch",
        root,
        split,
        "ud_petrarch_validate",
        "PETR_Validate_records_2_02.xml",
        "PETR_Validate_actors_2_02.txt",
        "PETR_Validate_agents_2_02.txt",
        "PETR_Validate_verbs_2_02.txt",
        "PETR_Validate_discards_2_02.txt",
        "PETR_Validate_Internal_Coding_Ontology_1_01.txt",
    )


@suites.register("conll04", description="CoNLL04 relations (test split by default)")
def _conll04(root: Path, split: str) -> Suite:
    if split not in ("train", "dev", "test"):
        raise KgExtractError(f"unknown split {split!r}; choose train, dev or test")
    path = _need(root / f"conll04/conll04_{split}.json")
    return Suite("conll04", "relations", tuple(read_conll04(path)), str(path))


def load_suite(
    name: str | None,
    *,
    file: str | Path | None = None,
    split: str = "test",
    data: str | Path | None = None,
) -> Suite:
    """A registered suite by name, or a gold file of our JSON format."""
    if file is not None:
        return read_gold_json(Path(file))
    if name is None:
        raise KgExtractError("name a suite or pass --file GOLD.json")
    return suites.get(name)(data_dir(data), split)


# -- scoring --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Error:
    record: str
    kind: str  # "miss" | "false alarm"
    item: str
    text: str


def quad_of(code: str) -> str:
    """CAMEO roots 01-05, 06-08, 09-13, 14-20 -> the four quad classes."""
    try:
        root = int(code[:2])
    except ValueError:
        return "UNKNOWN"
    for last, quad in QUADS:
        if root <= last:
            return quad
    return "UNKNOWN"


def _actor_agrees(gold: str, predicted: str) -> bool:
    gold3 = country_level(gold)
    return gold3 == UNKNOWN or gold3 == country_level(predicted)


def events_match(gold: CodedEvent, predicted: CodedEvent, *, level: str) -> bool:
    """Country-level actors, and the root (``level="root"``) or the whole code."""
    if not (
        _actor_agrees(gold.source, predicted.source)
        and _actor_agrees(gold.target, predicted.target)
    ):
        return False
    if level == "code":
        return gold.code == predicted.code
    return gold.root == predicted.root


def match_events(
    gold: Sequence[CodedEvent], predicted: Sequence[CodedEvent], *, level: str = "root"
) -> tuple[list[tuple[CodedEvent, CodedEvent]], list[CodedEvent], list[CodedEvent]]:
    """One-to-one matching: (pairs, misses, false alarms).

    Exact codes are paired first so that a near match never steals a gold event an
    exact prediction would have taken. Predicted duplicates (same source, target and
    code at country level) count once, as PETRARCH codes them.
    """
    unique: list[CodedEvent] = []
    seen = set()
    for event in predicted:
        signature = (
            country_level(event.source),
            country_level(event.target),
            event.code,
        )
        if signature not in seen:
            seen.add(signature)
            unique.append(event)
    free_gold, free_pred = list(gold), list(unique)
    pairs = []
    for strict in (True, False):
        for g in list(free_gold):
            for p in free_pred:
                if events_match(g, p, level="code" if strict else level):
                    pairs.append((g, p))
                    free_gold.remove(g)
                    free_pred.remove(p)
                    break
    return pairs, free_gold, free_pred


def _spans_agree(gold: tuple[int, int], predicted: tuple[int, int]) -> bool:
    overlap = predicted[0] < gold[1] and gold[0] < predicted[1]
    return overlap and predicted[1] == gold[1]


def relations_match(gold: GoldRelation, predicted: GoldRelation) -> bool:
    return (
        gold.type == predicted.type
        and _spans_agree(gold.head, predicted.head)
        and _spans_agree(gold.tail, predicted.tail)
    )


def match_relations(
    gold: Sequence[GoldRelation], predicted: Sequence[GoldRelation]
) -> tuple[
    list[tuple[GoldRelation, GoldRelation]], list[GoldRelation], list[GoldRelation]
]:
    free_gold, free_pred = list(gold), list(dict.fromkeys(predicted))
    pairs = []
    for g in list(free_gold):
        for p in free_pred:
            if relations_match(g, p):
                pairs.append((g, p))
                free_gold.remove(g)
                free_pred.remove(p)
                break
    return pairs, free_gold, free_pred


@dataclass(frozen=True)
class Report:
    suite: str
    source: str
    kind: str
    records: int
    overall: Counts
    levels: dict[str, Counts] = field(default_factory=dict)
    groups: dict[str, dict[str, Counts]] = field(default_factory=dict)
    errors: tuple[Error, ...] = ()
    seconds: float = 0.0

    def as_dict(self, *, with_errors: bool = False) -> dict:
        out = {
            "suite": self.suite,
            "source": self.source,
            "kind": self.kind,
            "records": self.records,
            "overall": self.overall.as_dict(),
            "levels": {k: v.as_dict() for k, v in self.levels.items()},
            "groups": {
                name: {k: v.as_dict() for k, v in sorted(group.items())}
                for name, group in self.groups.items()
            },
            "seconds": round(self.seconds, 2),
        }
        if with_errors:
            out["errors"] = [
                {"record": e.record, "kind": e.kind, "item": e.item, "text": e.text}
                for e in self.errors
            ]
        return out


def score_events(suite: Suite, predictions: dict[str, Sequence[CodedEvent]]) -> Report:
    """Country + root is the headline level; ``code`` is reported beside it."""
    overall, full = Counts(), Counts()
    by_root: dict[str, Counts] = defaultdict(Counts)
    by_quad: dict[str, Counts] = defaultdict(Counts)
    errors = []
    for record in suite.records:
        predicted = predictions.get(record.id, ())
        pairs, misses, alarms = match_events(record.events, predicted)
        overall += Counts(len(pairs), len(alarms), len(misses))
        for gold, _ in pairs:
            by_root[gold.root] += Counts(tp=1)
            by_quad[quad_of(gold.code)] += Counts(tp=1)
        for gold in misses:
            by_root[gold.root] += Counts(fn=1)
            by_quad[quad_of(gold.code)] += Counts(fn=1)
            errors.append(Error(record.id, "miss", str(gold), record.text))
        for event in alarms:
            by_root[event.root] += Counts(fp=1)
            by_quad[quad_of(event.code)] += Counts(fp=1)
            errors.append(Error(record.id, "false alarm", str(event), record.text))
        exact, exact_misses, exact_alarms = match_events(
            record.events, predicted, level="code"
        )
        full += Counts(len(exact), len(exact_alarms), len(exact_misses))
    return Report(
        suite=suite.name,
        source=suite.source,
        kind="events",
        records=len(suite.records),
        overall=overall,
        levels={"country+root": overall, "country+code": full},
        groups={"root": dict(by_root), "quad": dict(by_quad)},
        errors=tuple(errors),
    )


def score_relations(
    suite: Suite, predictions: dict[str, Sequence[GoldRelation]]
) -> Report:
    """Micro counts over all relation types, and per type."""
    overall = Counts()
    by_type: dict[str, Counts] = defaultdict(Counts)
    errors = []
    for record in suite.records:
        pairs, misses, alarms = match_relations(
            record.relations, predictions.get(record.id, ())
        )
        overall += Counts(len(pairs), len(alarms), len(misses))
        for gold, _ in pairs:
            by_type[gold.type] += Counts(tp=1)
        for gold in misses:
            by_type[gold.type] += Counts(fn=1)
            errors.append(
                Error(record.id, "miss", gold.describe(record.text), record.text)
            )
        for relation in alarms:
            by_type[relation.type] += Counts(fp=1)
            errors.append(
                Error(
                    record.id,
                    "false alarm",
                    relation.describe(record.text),
                    record.text,
                )
            )
    return Report(
        suite=suite.name,
        source=suite.source,
        kind="relations",
        records=len(suite.records),
        overall=overall,
        levels={"micro": overall},
        groups={"type": dict(by_type)},
        errors=tuple(errors),
    )


def macro_f1(report: Report, group: str = "type") -> float:
    values = [c.f1 for c in report.groups.get(group, {}).values()]
    return sum(values) / len(values) if values else 0.0


# -- running the pipeline -------------------------------------------------------------
def coded_events(
    extraction,
    gazetteer,
    overrides=None,
    code_unknown: bool = False,
    ontology: dict[str, int] | None = None,
    through_graph: bool = False,
) -> list[CodedEvent]:
    """Our events of one record in CAMEO terms.

    ``through_graph`` codes each end as a user of the graph can: the state it acts
    for (``kg:actorState``/``kg:targetState``), else the state it belongs to
    (``kg:country``), else itself, never through the extractor's internal codes
    (README "Who acts for whom"; ``kgextract eval --through-graph``).

    CAMEO events are dyadic, so an event with no target is not coded; a negated
    event is not an event. An actor with no CAMEO code (``---``: a name neither the
    gazetteer nor the suite's dictionaries know) cannot be coded, as a dictionary
    coder codes none; the graph keeps the event all the same. ``code_unknown``
    codes such events with ``---`` (``kgextract eval --code-unknown``), which a
    gold ``---`` matches: the stricter count of false alarms. With a coder's
    ``ontology`` (UD-PETRARCH's), a negated event takes the code the ontology gives
    its negation, as that coder does, and codes nothing where it gives none.
    """
    from kgextract.coding.cameo import UNKNOWN, cameo_code

    entities = {e.key: e for e in extraction.entities}
    out = []
    for event in extraction.events:
        if not event.cameo or event.target is None:
            continue
        code = event.cameo
        if event.negated:
            code = negated_code(code, ontology) if ontology else None
            if code is None:
                continue
        if through_graph:
            source = _graph_code(event.actor, event.actor_state, entities, gazetteer)
            target = _graph_code(event.target, event.target_state, entities, gazetteer)
        else:
            source = cameo_code(
                event.actor, entities, gazetteer, extraction.affiliations, overrides
            )
            target = cameo_code(
                event.target, entities, gazetteer, extraction.affiliations, overrides
            )
        if UNKNOWN in (source, target) and not code_unknown:
            continue  # an actor no dictionary or gazetteer codes: no CAMEO event
        out.append(CodedEvent(source, target, code))
    return out


def _graph_code(key: str, state: str | None, entities: dict, gazetteer) -> str:
    """An end's country-level code from the links the graph states: its
    kg:actorState/kg:targetState, else its kg:country, else the entity itself (a
    country, an IGO). Only states and IGOs are coded; anything else is unknown."""
    from kgextract.coding.cameo import UNKNOWN, cameo_code

    entity = entities.get(key)
    node = state or (entity.country if entity is not None else None) or key
    if node in entities and entities[node].type == "Country":
        return cameo_code(node, entities, gazetteer, (), None)
    # no state: the CAMEO identifier the graph gives it (kg:identifier "cameo:…":
    # an IGO, an international militant group)
    node_entity = entities.get(node)
    if node_entity is not None and node_entity.igo:
        return "IGO"  # kg:IntergovernmentalOrganization
    cameo = dict(node_entity.ids).get("cameo", "") if node_entity else ""
    return cameo.upper() if len(cameo) >= 3 else UNKNOWN


def conll_relations(extraction, gazetteer=None) -> list[GoldRelation]:
    """Our relations (``nlp/relations.py``) in CoNLL04 terms: the same five
    types, each argument the character span of its mention.

    CoNLL04's text is its tokens joined by spaces, and its entities end on a token
    boundary ("Texas." is one token), so there a mention's end moves on to the end of
    its space-delimited token; other suites' spans are kept as they are. The
    ``gazetteer`` is unused, kept for the caller's signature.
    """
    text = extraction.article.body
    is_conll04 = extraction.article.source.startswith("conll04#")

    def span(start: int, end: int) -> tuple[int, int]:
        if not is_conll04:
            return (start, end)
        space = text.find(" ", end)
        return (start, len(text) if space < 0 else space)

    return [
        GoldRelation(
            relation.type,
            span(*relation.head_span),
            span(*relation.tail_span),
        )
        for relation in extraction.relations
    ]


def run(
    suite: Suite,
    *,
    model: str | None = None,
    actors: Iterable[Path] = (),
    agents: Iterable[Path] = (),
    verbs: Iterable[Path] = (),
    discards: Iterable[Path] = (),
    on_record: Callable[[Record], None] | None = None,
    code_unknown: bool = False,
    through_graph: bool = False,
) -> Report:
    """Run the pipeline on every record's raw text and score it.

    ``actors``/``agents`` (PETRARCH dictionary files; a suite's own by default) add
    names to a private copy of the pipeline, so the shared one is never changed.
    ``verbs`` (PETRARCH verb dictionaries; a suite's own by default) give a private
    copy of the lexicon in which their verbs take precedence; a record containing a
    ``discards`` phrase is not coded, as PETRARCH does. ``code_unknown`` and
    ``through_graph``: see :func:`coded_events`.
    """
    from dataclasses import replace

    from kgextract.coding.cameo import actor_codes
    from kgextract.knowledge.resources import load_resources
    from kgextract.model import Article
    from kgextract.nlp.extract import extract
    from kgextract.nlp.pipelines import load_pipeline

    started = time.perf_counter()
    actors = tuple(actors) or suite.actors
    agents = tuple(agents) or suite.agents
    verbs = tuple(verbs) or suite.verbs
    discard_phrases = [p for path in tuple(discards) or suite.discards
                       for p in read_discards(path)]  # fmt: skip
    ontology: dict[str, int] = {}
    for path in suite.ontology:
        ontology.update(read_coding_ontology(path))
    resources = load_resources()
    nlp = load_pipeline(model)
    codes = None
    if actors or agents:
        codes = actor_codes(resources.gazetteer, actors, agents)
        if codes.records:
            resources, nlp = _with_actors(codes.records, model)
        syntax = replace(
            resources.syntax,
            actor_nouns=resources.syntax.actor_nouns | codes.agent_nouns,
        )
        resources = replace(resources, syntax=syntax)
    if verbs:
        resources = _with_verbs(resources, verbs, nlp)
    predictions: dict[str, list] = {}
    texts = [record.text for record in suite.records]
    for record, doc in zip(suite.records, nlp.pipe(texts, batch_size=64), strict=True):
        if on_record:
            on_record(record)
        article = Article.make(
            f"{suite.name}#{record.id}", "", record.text, date=record.date
        )
        if discarded(record.text, discard_phrases):
            predictions[record.id] = []
            continue
        extraction = extract(article, doc, resources)
        if suite.kind == "events":
            overrides = codes.on(record.date) if codes else None
            predictions[record.id] = coded_events(
                extraction,
                resources.gazetteer,
                overrides,
                code_unknown,
                ontology,
                through_graph=through_graph,
            )
        else:
            predictions[record.id] = conll_relations(extraction, resources.gazetteer)
    report = (
        score_events(suite, predictions)
        if suite.kind == "events"
        else score_relations(suite, predictions)
    )
    return replace(report, seconds=time.perf_counter() - started)


def _with_actors(records: Sequence[dict], model: str | None):
    """Resources and a pipeline that know the dictionary's actors, through the
    ordinary extra-gazetteer mechanism (a JSON Lines file), so that the shared
    pipeline is never changed."""
    import tempfile

    from kgextract.knowledge.resources import load_resources
    from kgextract.nlp.pipelines import load_pipeline

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "actors.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
            encoding="utf-8",
        )
        return load_resources(aliases=(path,)), load_pipeline(model, (path,))


def _verb_lemmatizer(nlp) -> Callable[[str], str]:
    """The pipeline's own lemmatizer on one word read as a verb: dictionaries list
    inflected headwords ("SAID", "HELD") that must meet the parser's lemmas. A word
    the lemmatizer knows as a verb's lemma stays itself: out of context its rules
    would read "express" as a third person ("expres")."""
    if "lemmatizer" not in nlp.pipe_names:
        return str.lower
    lemmatizer = nlp.get_pipe("lemmatizer")
    try:
        tables = lemmatizer.lookups
        known = frozenset(tables.get_table("lemma_index").get("verb", ()))
        irregular = frozenset(tables.get_table("lemma_exc").get("verb", {}))
    except (AttributeError, KeyError):  # a lookup-mode or custom lemmatizer
        known = irregular = frozenset()

    def lemma(word: str) -> str:
        word = word.lower()
        doc = nlp.make_doc(word)
        if len(doc) != 1 or (word in known and word not in irregular):
            return word  # "express", but "saw" is "see"
        doc[0].pos_ = "VERB"
        return lemmatizer(doc)[0].lemma_.lower() or word

    return lemma


def _with_verbs(resources, paths: Iterable[Path], nlp):
    """Resources whose lexicon is a private copy extended by the verb dictionaries
    (their verbs take precedence; a paired code's second half rides on each row as
    ``reverse_cameo``)."""
    from dataclasses import replace

    from kgextract.knowledge.event_types import load_event_types
    from kgextract.knowledge.lexicon import extend_lexicon

    root_types: dict[str, str] = {}
    for name, event_type in load_event_types().items():
        for root in event_type.cameo_roots:
            root_types.setdefault(root, name)
    lemmatize = _verb_lemmatizer(nlp)
    lexicon = resources.lexicon
    for path in paths:
        converted = lexicon_rows(
            read_verb_dictionary(path), lemmatize=lemmatize, root_types=root_types
        )
        lexicon = extend_lexicon(lexicon, converted.rows, silent=converted.silent)
    # The suite's own dictionary codes as its coder does (nlp/events/moves.py,
    # dictionary-phrase): the adapter that makes the figures comparable.
    return replace(resources, lexicon=lexicon, coder_compatible=True)


def format_report(report: Report, *, with_errors: bool = False) -> str:
    """Plain text: the figures with the counts behind them, then the breakdowns."""

    def line(name: str, counts: Counts) -> str:
        return (
            f"  {name:<22} P {counts.precision:.3f}  R {counts.recall:.3f}  "
            f"F1 {counts.f1:.3f}   (TP {counts.tp}, FP {counts.fp}, FN {counts.fn})"
        )

    out = [f"{report.suite}: {report.records} records from {report.source}"]
    out += [line(name, counts) for name, counts in report.levels.items()]
    for group, rows in report.groups.items():
        out.append(f"by {group}:")
        out += [line(name, counts) for name, counts in sorted(rows.items())]
    out.append(f"{report.seconds:.1f} s")
    if with_errors:
        out.append("errors:")
        for error in report.errors:
            out.append(f"  [{error.record}] {error.kind}: {error.item}")
            out.append(f"      {error.text}")
    return "\n".join(out)
