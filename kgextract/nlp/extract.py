"""Extraction: an Article and its spaCy Doc in, one Extraction (plain data) out.

The only package that imports spaCy. ``extract`` is a pure function of the Doc, the
article and the rules; the pipeline calls it once per article.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kgextract.knowledge.resources import Resources
from kgextract.model import Article, Extraction, Sentence
from kgextract.nlp.coreference import resolve_references
from kgextract.nlp.entities import is_acronym, resolve_entities
from kgextract.nlp.events import extract_events
from kgextract.nlp.events.trace import Trace
from kgextract.nlp.relations import Findings, find_relations, load_model
from kgextract.nlp.timex import date_events

__all__ = ["extract"]


def extract(
    article: Article,
    doc: Doc,
    resources: Resources,
    model: str = "",
    *,
    relations: bool = True,
    trace: Trace | None = None,
) -> Extraction:
    """Entities, mentions, roles, events and relations of one article, with character
    offsets. ``relations=False`` is for training the relation model, which reads the
    extraction before any model exists (and for ``explain``, which shows none).
    ``trace`` hears the event engine's decisions and changes none of them."""
    # A sentence's text is the Doc's text between its character offsets (what
    # ``Span.text`` joins token by token); its tokens are one slice of the map.
    whole = doc.text
    spans = []
    texts = []
    for sent in doc.sents:
        text = whole[sent.start_char : sent.end_char]
        if text.strip():
            spans.append(sent)
            texts.append(text)
    token_sentence = [0] * len(doc)
    sentences = []
    for index, (sent, text) in enumerate(zip(spans, texts, strict=True)):
        token_sentence[sent.start : sent.end] = [index] * (sent.end - sent.start)
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        sentences.append(Sentence(index=index, start_char=start, end_char=end))
    resolution = resolve_entities(
        doc,
        resources.gazetteer,
        resources.syntax,
        token_sentence,
        article.date,
        scope=article.id[:8],
    )
    # "he", "the firm", "the prime minister": mentions of whom they stand for
    resolve_references(
        doc, resolution, resources.gazetteer, resources.syntax, spans, article.date
    )
    events = extract_events(doc, resolution, resources, spans, trace)
    events = date_events(spans, events, article.date)  # "on Friday" -> a day
    found = (
        find_relations(
            doc,
            spans,
            # relations are read between names, not between a name and a
            # pronoun standing for one (coreference's COREF mentions); initials
            # read as the organisation named before ("the FA") are names
            [
                m
                for m in resolution.mentions
                if m.label != "COREF" or is_acronym(m.text)
            ],
            resolution.types,
            resources.gazetteer,
            refused=resolution.not_names,
        )
        if relations
        else Findings()
    )
    entities = resolution.entities(
        tuple(
            key
            for e in events
            for key in (e.actor, e.target, e.actor_state, e.target_state)
            if key is not None
        )
    )
    return Extraction(
        article=article,
        sentences=tuple(sentences),
        # Relation arguments the entity stage did not keep ("BANGKOK") get nodes too.
        entities=tuple(sorted(entities + found.entities, key=lambda e: e.key)),
        mentions=tuple(resolution.mentions) + found.mentions,
        affiliations=tuple(resolution.affiliations),
        events=tuple(events),
        model=model,
        relations=found.relations,
        relation_threshold=load_model().graph_threshold if relations else 0.0,
        read_as_of=resolution.read_as_of,
        date_assumed=not article.date,
    )
