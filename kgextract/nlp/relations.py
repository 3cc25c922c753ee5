"""Relations between two entities of one sentence: a trained classifier, not rules.

Works-for, based-in, located-in, lives-in and kill (the CoNLL04 types) are said in
too many ways for hand rules ("X, a spokeswoman for Y", "Y's X", "X of Y", "X, who
heads Y") to reach useful recall; hand rules scored F1 0.07 on CoNLL04. So every
ordered pair of arguments of two different entities in a sentence, at most
``MAX_GAP`` words apart, is a *candidate*, described by sparse features (the
entities' types, the words between them, the dependency path joining them, where
the gazetteer puts each of them) and by
spaCy's own contextual token vectors; a multinomial logistic regression trained on
the CoNLL04 train split (``scripts/train_relations.py``) picks one type or none.

The arguments are the entity stage's mentions and also what it did not keep, or
kept as something else: NER spans and proper-noun runs it left alone ("BANGKOK" in
a dateline, an unknown company), and a capital it read as its state ("ADDIS ABABA,
Ethiopia" is a city in a country, not Ethiopia twice). Those get the gazetteer's key
or a slug key (``place:addis-ababa``), and an entity node of their own in the graph.

Only the weights are data (``rules/relations.json.gz``); the features are computed
here, by the same function the training script calls, so training and extraction can
never disagree. The model file records two thresholds chosen on the dev split: the
F1-optimal one, which ``kgextract eval`` scores, and a higher one at which dev
precision reaches 0.70, the only relations the graph keeps.

Fast by construction: sentences with fewer than two candidate entities are skipped,
the tokens' words, heads and vectors are read once per article, and a pair costs a
few dict look-ups and its share of one numpy reduction over all pairs of the article.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_UPPER, LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import PROPN as PROPN_ID
from spacy.tokens import Doc, Span

from kgextract.errors import KgExtractError
from kgextract.knowledge import RULES_DIR
from kgextract.knowledge.gazetteer import Gazetteer
from kgextract.model import Entity, Mention, Relation, slug

MODEL_PATH = RULES_DIR / "relations.json.gz"
CUES_PATH = RULES_DIR / "relation_cues.json"
NONE = "NONE"  # the class of a pair that stands in no relation
# The CoNLL04 type names, kept as the corpus spells them so evaluation needs no map.
RELATION_TYPES = ("Work_For", "Kill", "OrgBased_In", "Live_In", "Located_In")
MAX_BETWEEN = 10  # words between two mentions that are still read one by one
MAX_PATH = 6  # longer dependency paths are summarised by their length only
_DISTANCE_BUCKETS = (0, 1, 2, 3, 5, 8, 12, 20)
# All-capital words that are not names when a headline or dateline shouts them.
_CAPS_WORDS = frozenset(
    "the a an of and or in on at to for by with from as is are was were be it its "
    "he she they we you i this that said says new ap upi".split()
)


@dataclass(frozen=True, slots=True)
class RelationModel:
    """Weights of the classifier: one row per feature, one column per class."""

    classes: tuple[str, ...]
    index: dict[str, int]  # feature name -> row
    weights: np.ndarray  # (features + 1, classes); the last row is all zero
    bias: np.ndarray  # (classes,)
    threshold: float  # F1-optimal on dev: what ``kgextract eval`` scores
    metadata: dict
    graph_threshold: float = 0.0  # precision >= 0.70 on dev: what the graph keeps
    dense: np.ndarray | None = None  # (dense features, classes), see dense_features

    def probabilities(
        self, pairs: Sequence[Sequence[str]], dense: np.ndarray | None = None
    ) -> np.ndarray:
        """Class probabilities of each pair's features; unknown features count zero."""
        unknown, get = len(self.index), self.index.get
        flat = np.fromiter(
            (get(f, unknown) for features in pairs for f in features), dtype=np.int64
        )
        starts = np.cumsum([0] + [len(features) for features in pairs[:-1]])
        scores = np.add.reduceat(self.weights[flat], starts, axis=0) + self.bias
        if self.dense is not None and dense is not None:
            scores += dense @ self.dense
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores


def save_model(
    path: Path,
    classes: Sequence[str],
    features: Sequence[str],
    weights: np.ndarray,
    bias: np.ndarray,
    threshold: float,
    metadata: dict,
    graph_threshold: float | None = None,
    dense: np.ndarray | None = None,
) -> None:
    """Gzipped JSON: the metadata (command, data, dev score) first, readable with
    ``zcat | head``; weights rounded to 4 decimals and zero rows dropped, to stay
    small."""
    rows = {
        name: [round(float(w), 4) for w in row]
        for name, row in zip(features, weights, strict=True)
        if np.any(np.abs(row) >= 5e-5)
    }
    data = {
        "metadata": metadata,
        "classes": list(classes),
        "threshold": threshold,
        "graph_threshold": threshold if graph_threshold is None else graph_threshold,
        "bias": [round(float(b), 4) for b in bias],
        "weights": dict(sorted(rows.items())),
    }
    if dense is not None:
        data["dense"] = [[round(float(w), 4) for w in row] for row in dense]

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # mtime=0: the same weights make the same bytes, so retraining shows no diff.
    with gzip.GzipFile(path, "wb", mtime=0) as out:
        out.write(text.encode("utf-8"))


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> RelationModel:
    """Read once per process; a missing or damaged file is a clear error."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as source:
            data = json.load(source)
        names = list(data["weights"])
        classes = tuple(data["classes"])
        weights = np.zeros((len(names) + 1, len(classes)))
        if names:
            weights[:-1] = np.array([data["weights"][n] for n in names])
        return RelationModel(
            classes=classes,
            index={name: row for row, name in enumerate(names)},
            weights=weights,
            bias=np.array(data["bias"], dtype=float),
            threshold=float(data["threshold"]),
            metadata=data.get("metadata", {}),
            graph_threshold=float(data.get("graph_threshold", data["threshold"])),
            dense=np.array(data["dense"], dtype=float) if "dense" in data else None,
        )
    except (OSError, EOFError, ValueError, KeyError, TypeError) as err:
        raise KgExtractError(
            f"{path}: cannot read the relation model ({err}); "
            "run python scripts/train_relations.py"
        ) from None


# -- candidates and features ----------------------------------------------------------
# NER labels whose spans may be relation arguments when the entity stage kept no
# mention there, and the entity type each gives.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
}
# The argument types of each relation (CoNLL04's signatures): an argument nothing else
# types (a proper-noun run the model did not tag) takes the type its relation needs.
ARGUMENT_TYPES = {
    "Work_For": ("Person", "Organization"),
    "Kill": ("Person", "Person"),
    "OrgBased_In": ("Organization", "Place"),
    "Live_In": ("Person", "Place"),
    "Located_In": ("Place", "Place"),
}
# Argument types that rule a relation out, whatever the words say: nobody lives in,
# and nothing lies in, a person or a company; a person works for no person. (Not
# enforced on killings: NER often types an assassin's surname as a place.)
_NOT_PLACES = frozenset(("Person", "Organization"))
EXCLUDED_TYPES = {
    "Work_For": (frozenset(), frozenset(("Person",))),
    "OrgBased_In": (frozenset(), _NOT_PLACES),
    "Live_In": (frozenset(), _NOT_PLACES),
    "Located_In": (frozenset(), _NOT_PLACES),
}
KEY_PREFIXES = {
    "Country": "country:",
    "Organization": "org:",
    "Person": "person:",
    "Place": "place:",
    "Group": "group:",
}
TENSOR_WIDTH = 96  # en_core_web_sm's token vectors; other widths count zero
MAX_GAP = 30  # tokens between two arguments beyond which a pair is not considered
_TRIM_START = frozenset(("the", "a", "an", "'s", "’s", ",", "(", '"', "'", "-"))
_TRIM_END = frozenset(("'s", "’s", "'", ",", ")", '"', "-", ".", ":", ";"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible argument with what the features need: its tokens, head word, type.

    ``mention.entity`` is its key: the entity stage's when it kept a mention there,
    otherwise the gazetteer's or a slug of the words (``place:addis-ababa``). ``name``
    is set only for such an argument the entity stage did not resolve, so that the
    graph can give it a node of its own."""

    mention: Mention
    start: int  # token indexes in the Doc, end exclusive
    end: int
    root: int
    type: str  # Entity.type: Person, Organization, Country, Place, Group; "" unknown
    source: str = "M"  # M: a resolved mention, E: an NER span, P: a proper-noun run
    name: str = ""  # canonical name of an argument the resolution does not know
    state: str = ""  # key of the state the gazetteer puts it in (a state: itself)


def _root(heads: list[int], start: int, end: int) -> int:
    """The head word: the first token whose head lies outside the span."""
    return next(
        (i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i),
        end - 1,
    )


def _trimmed(lowers: list[str], start: int, end: int) -> tuple[int, int]:
    while start < end and lowers[start] in _TRIM_START:
        start += 1
    while end > start and lowers[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def _extra_key(text: str, kind: str, lookup: Callable | None):
    """(key, type, name) of an argument the entity stage did not resolve: the
    gazetteer's entry when the words name exactly one, else a slug of the words."""
    entry = lookup(text) if lookup is not None else None
    if entry is not None:
        return entry.key, entry.type, entry.name
    return KEY_PREFIXES.get(kind, "thing:") + slug(text), kind, text


def _memoized(function: Callable) -> Callable:
    """``function`` asked once per distinct argument: an article names the same
    people and places again and again, and a gazetteer look-up normalises text."""
    results: dict = {}

    def call(argument):
        if argument not in results:
            results[argument] = function(argument)
        return results[argument]

    return call


def sentence_candidates(
    doc: Doc,
    spans: Sequence[Span],
    mentions: Sequence[Mention],
    types: Mapping[str, str],
    gazetteer: Gazetteer | None = None,
    arrays: _DocArrays | None = None,
    refused: Collection[int] = (),
) -> list[list[Candidate]]:
    """The possible arguments of each sentence, in text order; empty for a sentence
    with fewer than two, which is never looked at again.

    The resolved mentions first. A mention whose words name a place the resolution
    read as its state ("ADDIS ABABA, Ethiopia": the capital standing for Ethiopia)
    is the place here: a relation is about the city. Then what the entity stage did
    not keep, so that recall is not capped by it: NER spans of the types above, and
    runs of proper nouns or all-capital words (datelines: "BANGKOK"), each keyed by
    the gazetteer where it knows the words. Not the words the entity stage
    ``refused`` as a name ("State" in "Secretary of State")."""
    arrays = arrays or _DocArrays(doc)
    heads, lowers = arrays.heads, arrays.lower_words
    lookup = _memoized(gazetteer.lookup) if gazetteer is not None else None
    covered = bytearray(len(doc))
    found: list[list[Candidate]] = [[] for _ in spans]
    for mention in mentions:
        if not 0 <= mention.sentence < len(spans):
            continue
        span = doc.char_span(
            mention.start_char, mention.end_char, alignment_mode="expand"
        )
        if span is None or not len(span):
            continue
        start, end = span.start, span.end
        covered[start:end] = b"\x01" * (end - start)
        kind, name = types.get(mention.entity, ""), ""
        if lookup is not None and kind != "Place":
            entry = lookup(mention.text)
            if entry is not None and entry.type == "Place":
                mention = replace(mention, entity=entry.key)
                kind, name = "Place", entry.name
        found[mention.sentence].append(
            Candidate(mention, start, end, _root(heads, start, end), kind, "M", name)
        )
    extras: list[tuple[int, int, str, str]] = []  # start, end, NER label, source
    for index in refused:
        covered[index] = 1
    # Dates, numbers, titles of works...: never an argument, nor part of a run.
    blocked = bytearray(covered)
    for ent in doc.ents:
        if ent.label_ in NER_TYPES:
            start, end = _trimmed(lowers, ent.start, ent.end)
            if start < end and not any(covered[start:end]):
                covered[start:end] = b"\x01" * (end - start)
                extras.append((start, end, ent.label_, "E"))
        blocked[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
    is_name = arrays.is_name
    index = 0
    while index < len(doc):
        if not is_name[index] or blocked[index]:
            index += 1
            continue
        end = index + 1
        while end < len(doc) and is_name[end] and not blocked[end]:
            end += 1
        # A word just before a name is its title ("Mr" Blair, "Lord" Falconer).
        if end - index > 1 or end == len(doc) or not blocked[end]:
            extras.append((index, end, "", "P"))
        index = end
    if extras:
        starts = [sent.start for sent in spans]
        for start, end, label, source in extras:
            sentence = bisect_right(starts, start) - 1
            if sentence < 0 or end > spans[sentence].end:
                continue
            text = doc[start:end].text
            key, kind, name = _extra_key(text, NER_TYPES.get(label, ""), lookup)
            mention = Mention(
                entity=key,
                text=text,
                start_char=doc[start].idx,
                end_char=doc[end - 1].idx + len(doc[end - 1]),
                sentence=sentence,
                label=label or "PROPN",
            )
            candidate = Candidate(
                mention, start, end, _root(heads, start, end), kind, source, name
            )
            found[sentence].append(candidate)
    for index, candidates in enumerate(found):
        if len({c.mention.entity for c in candidates}) < 2:
            found[index] = []
            continue
        candidates.sort(key=lambda c: c.start)
        if gazetteer is not None:
            for position, candidate in enumerate(candidates):
                state = _state(candidate.mention.entity, gazetteer)
                if state:
                    candidates[position] = replace(candidate, state=state)
    return found


class _Strings(dict):
    """Hash -> string, asked of spaCy's string store once per distinct word."""

    def __init__(self, store, transform=None) -> None:
        super().__init__()
        self.store = store
        self.transform = transform

    def __missing__(self, key: int) -> str:
        value = self.store[key]
        if self.transform is not None:
            value = self.transform(value)
        self[key] = value
        return value


class _DocArrays:
    """The Doc's words, lemmas, labels and heads as plain lists, read in one call
    (``Doc.to_array``) instead of one Token object per word and attribute, once per
    article: every sentence and candidate reads these."""

    __slots__ = (
        "lower",
        "lemma",
        "dep",
        "tag",
        "heads",
        "lowers",
        "lemmas",
        "labels",
        "lower_words",
        "is_name",
    )

    def __init__(self, doc: Doc) -> None:
        columns = doc.to_array([LOWER, LEMMA, DEP, TAG, HEAD, POS, IS_UPPER, IS_ALPHA])
        self.lower, self.lemma, self.dep, self.tag = (
            columns[:, k].tolist() for k in range(4)
        )
        relative = columns[:, 4].astype(np.int64)
        self.heads = (np.arange(len(doc)) + relative).tolist()
        strings = doc.vocab.strings
        self.lowers = _Strings(strings)
        self.lemmas = _Strings(strings, str.lower)
        self.labels = _Strings(strings)
        self.lower_words = [self.lowers[h] for h in self.lower]
        # A proper noun, or a capitalised word that is more than an initial or a
        # function word ("BANGKOK", not "A" or "THE").
        upper = (columns[:, 6] != 0) & (columns[:, 7] != 0)
        self.is_name = (
            (columns[:, 5] == PROPN_ID)
            | (upper & np.array([len(w) > 1 and w not in _CAPS_WORDS
                                 for w in self.lower_words], dtype=bool))
        ).tolist()  # fmt: skip


class _SentenceView:
    """One sentence's words, lemmas, labels and heads (local indexes), read once."""

    __slots__ = ("offset", "lower", "lemma", "dep", "head", "tag", "chains")

    def __init__(self, sent: Span, arrays: _DocArrays) -> None:
        start, end = sent.start, sent.end
        self.offset = start
        lemmas, labels = arrays.lemmas, arrays.labels
        self.lower = arrays.lower_words[start:end]
        self.lemma = [lemmas[h] for h in arrays.lemma[start:end]]
        self.dep = [labels[h] for h in arrays.dep[start:end]]
        self.tag = [labels[h] for h in arrays.tag[start:end]]
        self.head = [h - start for h in arrays.heads[start:end]]
        self.chains: dict[int, list[int]] = {}

    def chain(self, index: int) -> list[int]:
        """The token and its ancestors up to the sentence root (local indexes)."""
        found = self.chains.get(index)
        if found is None:
            found, seen = [index], {index}
            while (parent := self.head[found[-1]]) not in seen and 0 <= parent < len(
                self.head
            ):
                found.append(parent)
                seen.add(parent)
            self.chains[index] = found
        return found


def _bucket(distance: int) -> int:
    for bound in _DISTANCE_BUCKETS:
        if distance <= bound:
            return bound
    return 99


def pair_features(
    view: _SentenceView, head: Candidate, tail: Candidate, others: int = 0
) -> list[str]:
    """The sparse description of one ordered pair; the training script calls this
    very function, so the model and the extractor always agree. ``others``: how
    many other arguments stand between the two (a relation rarely skips one)."""
    types = f"{head.type}>{tail.type}"
    forward = head.start < tail.start
    first, second = (head, tail) if forward else (tail, head)
    order = "f" if forward else "b"
    offset = view.offset
    lo, hi = first.end - offset, second.start - offset
    features = [
        "T=" + types,
        f"T={types}|{order}",
        f"L={head.mention.label}>{tail.mention.label}",
        f"S={head.source}>{tail.source}|{order}",
        f"N={min(others, 3)}|{types}|{order}",
        f"HF={head.type}|{view.lemma[head.start - offset]}",
        f"TF={tail.type}|{view.lemma[tail.start - offset]}",
        f"HW={view.lemma[head.end - offset - 1]}",
        f"TW={view.lemma[tail.end - offset - 1]}",
        f"HT={head.type}|{view.lemma[head.end - offset - 1]}",
        f"TT={tail.type}|{view.lemma[tail.end - offset - 1]}",
    ]
    between = hi - lo
    features.append(f"D={_bucket(between)}|{types}|{order}")
    if between <= 0:
        features.append(f"B0|{order}")
    elif between <= MAX_BETWEEN:
        words = view.lower[lo:hi]
        lemmas = view.lemma[lo:hi]
        features += [f"B={w}|{order}" for w in lemmas]
        features += [f"BT={w}|{types}|{order}" for w in lemmas]
        features.append(f"BF={words[0]}|{order}")
        features.append(f"BL={words[-1]}|{order}")
        if between <= 4:
            features.append(f"BS={' '.join(words)}|{order}|{types}")
        for index in range(lo, hi):
            if view.tag[index] in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
                features.append(f"BV={view.lemma[index]}|{order}")
    else:
        features.append(f"BFAR|{order}")
    before = first.start - offset - 1
    after = second.end - offset
    features.append(f"PRE={view.lower[before] if before >= 0 else '<s>'}|{order}")
    features.append(
        f"POST={view.lower[after] if after < len(view.lower) else '</s>'}|{order}"
    )
    if after + 1 < len(view.lower):
        features.append(f"POST2={view.lower[after]} {view.lower[after + 1]}|{order}")
    for role, candidate in (("H", head), ("T", tail)):
        end = candidate.end - offset
        if end < len(view.lower) and view.lower[end] in ("'s", "’s", "'"):
            features.append(f"{role}POSS")
    features.append(f"G={placement(head, tail)}|{types}")
    features += _path_features(
        view, head.root - offset, tail.root - offset, types, head, tail
    )
    return features


def placement(head: Candidate, tail: Candidate) -> str:
    """What the gazetteer knows of the two sides' states: the tail is the head's
    state ("Yerevan, the capital of Armenia"), both lie in one state, in two, or
    it does not know. World knowledge the words of one sentence rarely spell out."""
    if not head.state or not tail.state:
        return "half" if head.state or tail.state else "unknown"
    if head.state == tail.mention.entity and head.mention.entity != head.state:
        return "in"
    return "same" if head.state == tail.state else "apart"


def _path_features(
    view: _SentenceView,
    head: int,
    tail: int,
    types: str,
    head_candidate: Candidate,
    tail_candidate: Candidate,
) -> list[str]:
    up, down = view.chain(head), view.chain(tail)
    on_down = {token: position for position, token in enumerate(down)}
    for position, token in enumerate(up):
        if token in on_down:
            up, down = up[: position + 1], down[: on_down[token] + 1]
            break
    else:
        return ["NOPATH"]
    length = len(up) + len(down) - 2
    if length > MAX_PATH:
        return [f"PLEN={min(length, 12)}|{types}"]
    top = up[-1]
    labels = [view.dep[t] + "<" for t in up[:-1]] + [
        view.dep[t] + ">" for t in reversed(down[:-1])
    ]
    inner = up[1:] + list(reversed(down[1:-1]))
    inner = [t for t in inner if t != head and t != tail]
    words = [view.lemma[t] for t in inner]
    path = " ".join(labels)
    features = [
        f"P={path}",
        f"P={path}|{types}",
        f"PW={path}|{' '.join(words)}",
        f"TOP={view.lemma[top]}|{types}",
        f"PLEN={length}",
    ]
    features += [f"PL={w}" for w in words]
    features += [
        f"PP={view.lemma[t]}|{types}" for t in inner if view.dep[t] in ("prep", "agent")
    ]
    # Mentions inside one noun phrase ("Siemens spokeswoman Anna Meyer").
    if head_candidate.root == tail_candidate.root:
        features.append("SAMEROOT")
    return features


# -- extraction -----------------------------------------------------------------------
def candidate_pairs(
    doc: Doc,
    spans: Sequence[Span],
    mentions: Sequence[Mention],
    types: Mapping[str, str],
    gazetteer: Gazetteer | None = None,
    refused: Collection[int] = (),
) -> tuple[list[tuple[Candidate, Candidate]], list[list[str]]]:
    """Every ordered pair of arguments of two entities in one sentence, at most
    ``MAX_GAP`` tokens apart, with its features. A pair of mentions of one entity
    ("Scholz ... Olaf Scholz") is never a candidate; a sentence with fewer than two
    entities costs nothing."""
    pairs, features = [], []
    arrays = _DocArrays(doc)
    for sent, candidates in zip(
        spans,
        sentence_candidates(doc, spans, mentions, types, gazetteer, arrays, refused),
        strict=True,
    ):
        if not candidates:
            continue
        view = _SentenceView(sent, arrays)
        for first, head in enumerate(candidates):
            for second, tail in enumerate(candidates):
                if head.mention.entity == tail.mention.entity:
                    continue
                gap = (
                    tail.start - head.end
                    if head.start < tail.start
                    else (head.start - tail.end)
                )
                if gap > MAX_GAP:
                    continue
                others = abs(second - first) - 1
                pairs.append((head, tail))
                features.append(pair_features(view, head, tail, others))
    return pairs, features


def dense_features(
    doc: Doc, pairs: Sequence[tuple[Candidate, Candidate]]
) -> np.ndarray:
    """Each pair as numbers from spaCy's own contextual token vectors (``doc.tensor``,
    computed by the pipeline anyway): the two arguments' mean vectors, their product
    and the mean of the words between. They tell an organisation from a person or a
    place where no feature word does ("the Navy", "Oberlin College"). A pipeline
    without a tensor gives zeros, which leaves the sparse features alone."""
    tensor = doc.tensor
    if tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(doc):
        tensor = np.zeros((len(doc), TENSOR_WIDTH), dtype=np.float32)
    width = tensor.shape[1]
    if width != TENSOR_WIDTH:
        return np.zeros((len(pairs), 4 * TENSOR_WIDTH))
    sums = np.vstack([np.zeros((1, width)), np.cumsum(tensor, axis=0, dtype=float)])
    spans = np.array(
        [(h.start, h.end, t.start, t.end) for h, t in pairs], dtype=np.int64
    ).reshape(-1, 4)
    head = (sums[spans[:, 1]] - sums[spans[:, 0]]) / (spans[:, 1:2] - spans[:, 0:1])
    tail = (sums[spans[:, 3]] - sums[spans[:, 2]]) / (spans[:, 3:4] - spans[:, 2:3])
    low = np.minimum(spans[:, 1], spans[:, 3])
    high = np.maximum(np.maximum(spans[:, 0], spans[:, 2]), low)
    gap = np.maximum(high - low, 1)[:, None]
    between = (sums[high] - sums[low]) / gap
    return np.hstack([head, tail, head * tail, between])


def type_mask(
    pairs: Sequence[tuple[Candidate, Candidate]], classes: Sequence[str]
) -> np.ndarray:
    """(pairs, classes): False where an argument's type rules the class out."""
    mask = np.ones((len(pairs), len(classes)), dtype=bool)
    for column, name in enumerate(classes):
        if name in EXCLUDED_TYPES:
            heads, tails = EXCLUDED_TYPES[name]
            mask[:, column] = [
                h.type not in heads and t.type not in tails for h, t in pairs
            ]
    return mask


def renormalized(probabilities: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The probabilities given that the ruled-out classes are impossible: "Marta
    Lopez of Toyota" reads like "of Leeds" to the words, but a company is no home,
    so the share of lives-in goes to the classes that remain."""
    kept = np.where(mask, probabilities, 0.0)
    return kept / np.maximum(kept.sum(axis=1, keepdims=True), 1e-12)


@dataclass(frozen=True, slots=True)
class Findings:
    """The relations of one article, and what the graph needs for those of their
    arguments the entity stage did not resolve: an entity and a mention each."""

    relations: tuple[Relation, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()


def find_relations(
    doc: Doc,
    spans: Sequence[Span],
    mentions: Sequence[Mention],
    types: Mapping[str, str],
    gazetteer: Gazetteer | None = None,
    model: RelationModel | None = None,
    refused: Collection[int] = (),
) -> Findings:
    """Every relation the model finds above its (F1-optimal) threshold, in text
    order, at most one type per ordered pair; plus an entity and a mention for each
    new argument of a relation sure enough for the graph (``graph_threshold``), so
    that no relation in the graph points at a node that is not there."""
    model = model or load_model()
    pairs, features = candidate_pairs(doc, spans, mentions, types, gazetteer, refused)
    if not pairs:
        return Findings()
    dense = dense_features(doc, pairs) if model.dense is not None else None
    probabilities = model.probabilities(features, dense)
    # The likeliest *relation* type competes with the threshold, not with NONE: most
    # pairs are unrelated, so NONE's share is inflated, and the dev split, not the
    # argmax, decides how sure is sure enough.
    related = [k for k, name in enumerate(model.classes) if name != NONE]
    scores = renormalized(probabilities, type_mask(pairs, model.classes))
    best = np.asarray(related)[scores[:, related].argmax(axis=1)]
    relations, entities, new_mentions = [], {}, {}
    cues, cued = relation_cues(), {}
    for (head, tail), label, row in zip(pairs, best, scores, strict=True):
        confidence = float(row[label])
        if confidence < model.threshold:
            continue
        kind = model.classes[label]
        if kind in cues and not _cued(doc[head.start].sent, kind, cues, cued):
            continue
        head, tail = _typed(head, kind, 0), _typed(tail, kind, 1)
        if contradicts_gazetteer(
            kind, head.mention.entity, tail.mention.entity, gazetteer
        ):
            continue
        relations.append(_relation(kind, head.mention, tail.mention, confidence))
        if confidence < model.graph_threshold:
            continue
        for argument in (head, tail):
            if not argument.name:
                continue
            key = argument.mention.entity
            if argument.source != "M":  # a resolved mention denotes its own entity
                new_mentions[argument.mention] = None
            if key not in types and key not in entities:
                entities[key] = Entity(key=key, name=argument.name, type=argument.type)
    return Findings(tuple(relations), tuple(entities.values()), tuple(new_mentions))


@lru_cache(maxsize=1)
def relation_cues() -> dict[str, frozenset[str]]:
    """Relation type -> the words (lemmas or forms) one of which a sentence must
    hold for that type to be read from it (``rules/relation_cues.json``): the
    classifier learned killings from a corpus where two people beside a killing
    word were nearly always killer and killed, and on news it also reads
    "killed" between two politicians in a sentence about a campaign."""
    data = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    return {
        kind: frozenset(entry["words"])
        for kind, entry in data.items()
        if not kind.startswith("_")
    }


def _cued(sent: Span, kind: str, cues: Mapping, seen: dict) -> bool:
    """Whether ``sent`` holds one of ``kind``'s cue words (memoized per sentence)."""
    key = (sent.start, kind)
    if key not in seen:
        words = cues[kind]
        seen[key] = any(
            token.lower_ in words or token.lemma_.lower() in words for token in sent
        )
    return seen[key]


# Relations that put the head inside the tail: where the gazetteer already knows both
# sides' states, the words cannot move the head to another state.
_WHERE = frozenset(("Located_In", "OrgBased_In", "Live_In"))


def contradicts_gazetteer(
    kind: str, head: str, tail: str, gazetteer: Gazetteer | None
) -> bool:
    """Whether the gazetteer rules this relation out: it puts the head (a city, a
    party or ministry, a leader) in one state and the tail in another. "Kyiv" near
    "China" reads like "Kyiv, Ukraine" to the words, and "Scholz ... in Russia" like
    a home; the gazetteer knows better. Nothing is ruled out where either side is
    unknown to it or stateless ("Europe"). An international organisation is based
    in no member state: "NATO members, including Estonia" is membership, not a seat.
    """
    if gazetteer is None or kind not in _WHERE:
        return False
    head_state, tail_state = _state(head, gazetteer), _state(tail, gazetteer)
    if kind == "OrgBased_In" and tail_state == tail:
        entry = gazetteer.entry(head)
        if entry is not None and entry.is_igo:
            return True
    return None not in (head_state, tail_state) and head_state != tail_state


def _state(key: str, gazetteer: Gazetteer) -> str | None:
    """The key of the state the gazetteer puts ``key`` in (a state: itself)."""
    entry = gazetteer.entry(key)
    if entry is None:
        return None
    return entry.key if entry.type == "Country" else entry.country


def _typed(argument: Candidate, kind: str, position: int) -> Candidate:
    """An argument nothing typed takes the type its relation needs (the head of
    Work_For is a Person), and with it its key."""
    if argument.type:
        return argument
    needed = ARGUMENT_TYPES[kind][position]
    mention = argument.mention
    key = KEY_PREFIXES[needed] + mention.entity.split(":", 1)[1]
    return replace(argument, mention=replace(mention, entity=key), type=needed)


def extract_relations(
    doc: Doc,
    spans: Sequence[Span],
    mentions: Sequence[Mention],
    types: Mapping[str, str],
    model: RelationModel | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Relation]:
    """The relations of :func:`find_relations`, without the new arguments."""
    return list(find_relations(doc, spans, mentions, types, gazetteer, model).relations)


def _relation(kind: str, head: Mention, tail: Mention, confidence: float) -> Relation:
    return Relation(
        type=kind,
        head=head.entity,
        tail=tail.entity,
        sentence=head.sentence,
        head_span=(head.start_char, head.end_char),
        tail_span=(tail.start_char, tail.end_char),
        confidence=round(confidence, 3),
    )
