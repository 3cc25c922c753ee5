"""Relations between two entities of one sentence: a trained classifier, not rules.

Works-for, based-in, located-in, lives-in and kill (the CoNLL04 types) are said in
too many ways for hand rules ("X, a spokeswoman for Y", "Y's X", "X of Y", "X, who
heads Y") to reach useful recall; hand rules scored F1 0.07 on CoNLL04. So every
ordered pair of mentions of two different entities in a sentence is a *candidate*,
described by sparse features (the entities' types, the words between them, the
dependency path joining them), and a multinomial logistic regression trained on the
CoNLL04 train split (``scripts/train_relations.py``) picks one type or none.

Only the weights are data (``rules/relations.json.gz``); the features are computed
here, by the same function the training script calls, so training and extraction can
never disagree. A pair is kept when its likeliest relation type's probability reaches
the threshold chosen on the dev split, which the model file records.

Fast by construction: sentences with fewer than two candidate entities are skipped,
the tokens' words and heads are read once per sentence, and a pair costs a few dict
look-ups and one numpy reduction over all pairs of the article.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, TAG
from spacy.tokens import Doc, Span

from ..errors import KgExtractError
from ..model import Mention, Relation

MODEL_PATH = Path(__file__).resolve().parents[1] / "rules" / "relations.json.gz"
NONE = "NONE"  # the class of a pair that stands in no relation
# The CoNLL04 type names, kept as the corpus spells them so evaluation needs no map.
RELATION_TYPES = ("Work_For", "Kill", "OrgBased_In", "Live_In", "Located_In")
MAX_BETWEEN = 10  # words between two mentions that are still read one by one
MAX_PATH = 6  # longer dependency paths are summarised by their length only
_DISTANCE_BUCKETS = (0, 1, 2, 3, 5, 8, 12, 20)


@dataclass(frozen=True, slots=True)
class RelationModel:
    """Weights of the classifier: one row per feature, one column per class."""

    classes: tuple[str, ...]
    index: dict[str, int]  # feature name -> row
    weights: np.ndarray  # (features + 1, classes); the last row is all zero
    bias: np.ndarray  # (classes,)
    threshold: float
    metadata: dict

    def probabilities(self, pairs: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities of each pair's features; unknown features count zero."""
        unknown = len(self.index)
        rows = [[self.index.get(f, unknown) for f in features] for features in pairs]
        flat = np.fromiter((r for row in rows for r in row), dtype=np.int64)
        starts = np.cumsum([0] + [len(row) for row in rows[:-1]])
        scores = np.add.reduceat(self.weights[flat], starts, axis=0) + self.bias
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
        "bias": [round(float(b), 4) for b in bias],
        "weights": dict(sorted(rows.items())),
    }
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
        )
    except (OSError, EOFError, ValueError, KeyError, TypeError) as err:
        raise KgExtractError(
            f"{path}: cannot read the relation model ({err}); "
            "run python scripts/train_relations.py"
        ) from None


# -- candidates and features ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Candidate:
    """A mention with what the features need: its tokens, head word and type."""

    mention: Mention
    start: int  # token indexes in the Doc, end exclusive
    end: int
    root: int
    type: str  # Entity.type: Person, Organization, Country, Place, Group


def sentence_candidates(
    doc: Doc,
    spans: Sequence[Span],
    mentions: Sequence[Mention],
    types: Mapping[str, str],
) -> list[list[Candidate]]:
    """The mentions of each sentence as :class:`Candidate`, in text order; empty for
    a sentence that names fewer than two entities, which is never looked at again."""
    by_sentence: list[list[Mention]] = [[] for _ in spans]
    for mention in mentions:
        if 0 <= mention.sentence < len(spans):
            by_sentence[mention.sentence].append(mention)
    out: list[list[Candidate]] = [[] for _ in spans]
    heads = None
    for index, found in enumerate(by_sentence):
        if len({mention.entity for mention in found}) < 2:
            continue
        if heads is None:
            heads = (np.arange(len(doc)) + doc.to_array(HEAD).astype(np.int64)).tolist()
        for mention in found:
            span = doc.char_span(
                mention.start_char, mention.end_char, alignment_mode="expand"
            )
            if span is None or not len(span):
                continue
            start, end = span.start, span.end
            # The head word: the first token whose head lies outside the mention.
            root = next(
                (
                    i
                    for i in range(start, end)
                    if not start <= heads[i] < end or heads[i] == i
                ),
                end - 1,
            )
            out[index].append(
                Candidate(
                    mention=mention,
                    start=start,
                    end=end,
                    root=root,
                    type=types.get(mention.entity, ""),
                )
            )
    return out


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
    (``Doc.to_array``) instead of one Token object per word and attribute."""

    __slots__ = ("lower", "lemma", "dep", "tag", "heads", "lowers", "lemmas", "labels")

    def __init__(self, doc: Doc) -> None:
        columns = doc.to_array([LOWER, LEMMA, DEP, TAG, HEAD])
        self.lower, self.lemma, self.dep, self.tag = (
            columns[:, k].tolist() for k in range(4)
        )
        relative = columns[:, 4].astype(np.int64)
        self.heads = (np.arange(len(doc)) + relative).tolist()
        strings = doc.vocab.strings
        self.lowers = _Strings(strings)
        self.lemmas = _Strings(strings, str.lower)
        self.labels = _Strings(strings)


class _SentenceView:
    """One sentence's words, lemmas, labels and heads (local indexes), read once."""

    __slots__ = ("offset", "lower", "lemma", "dep", "head", "tag", "chains")

    def __init__(self, sent: Span, arrays: _DocArrays) -> None:
        start, end = sent.start, sent.end
        self.offset = start
        lowers, lemmas, labels = arrays.lowers, arrays.lemmas, arrays.labels
        self.lower = [lowers[h] for h in arrays.lower[start:end]]
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


def pair_features(view: _SentenceView, head: Candidate, tail: Candidate) -> list[str]:
    """The sparse description of one ordered pair; the training script calls this
    very function, so the model and the extractor always agree."""
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
    features += _path_features(
        view, head.root - offset, tail.root - offset, types, head, tail
    )
    return features


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
) -> tuple[list[tuple[Candidate, Candidate]], list[list[str]]]:
    """Every ordered pair of mentions of two entities in one sentence, with its
    features. A pair of mentions of one entity ("Scholz ... Olaf Scholz") is never
    a candidate; a sentence with fewer than two entities costs nothing."""
    pairs, features = [], []
    arrays = None
    for sent, candidates in zip(
        spans, sentence_candidates(doc, spans, mentions, types), strict=True
    ):
        if len({c.mention.entity for c in candidates}) < 2:
            continue
        arrays = arrays or _DocArrays(doc)
        view = _SentenceView(sent, arrays)
        for head in candidates:
            for tail in candidates:
                if head.mention.entity == tail.mention.entity:
                    continue
                pairs.append((head, tail))
                features.append(pair_features(view, head, tail))
    return pairs, features


def extract_relations(
    doc: Doc,
    spans: Sequence[Span],
    mentions: Sequence[Mention],
    types: Mapping[str, str],
    model: RelationModel | None = None,
) -> list[Relation]:
    """Every relation the model finds above its threshold, in text order: at most
    one type per ordered pair of mentions."""
    model = model or load_model()
    pairs, features = candidate_pairs(doc, spans, mentions, types)
    if not pairs:
        return []
    probabilities = model.probabilities(features)
    # The likeliest *relation* type competes with the threshold, not with NONE: most
    # pairs are unrelated, so NONE's share is inflated, and the dev split, not the
    # argmax, decides how sure is sure enough.
    related = [k for k, name in enumerate(model.classes) if name != NONE]
    best = np.asarray(related)[probabilities[:, related].argmax(axis=1)]
    out = []
    for (head, tail), label, row in zip(pairs, best, probabilities, strict=True):
        if row[label] >= model.threshold:
            out.append(
                _relation(
                    model.classes[label], head.mention, tail.mention, float(row[label])
                )
            )
    return out


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
