"""kgextract as a spaCy component: ``nlp.add_pipe("kgextract")`` in any English
pipeline with a parser and an entity recognizer sets ``doc._.entities``,
``doc._.events``, ``doc._.relations`` and ``doc._.extraction``.

Registered with spaCy through the ``spacy_factories`` entry point, so a pipeline
finds it without importing kgextract first. It runs the same :func:`extract` as
``kgextract ingest``; kgextract's own pipeline also adds a gazetteer entity ruler
and paragraph breaks (:func:`~kgextract.nlp.pipelines.load_pipeline`), so a bare
``en_core_web_sm`` may find a few entities fewer.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgextract.knowledge.resources import load_resources
from kgextract.model import Article
from kgextract.nlp.extract import extract
from kgextract.nlp.pipelines import pipeline_label

FACTORY = "kgextract"
EXTENSIONS = ("entities", "events", "relations", "extraction")


@Language.factory(FACTORY, default_config={"date": None})
def make_component(nlp: Language, name: str, date: str | None) -> KgExtractComponent:
    """``date`` (ISO 8601): the day the texts were written, for "on Friday"."""
    return KgExtractComponent(nlp, name, date)


class KgExtractComponent:
    """Reads each Doc's parse and entities into kgextract's plain dataclasses."""

    def __init__(self, nlp: Language, name: str, date: str | None = None) -> None:
        for extension in EXTENSIONS:
            if not Doc.has_extension(extension):
                Doc.set_extension(extension, default=None)
        self.name = name
        self.date = date
        self.label = pipeline_label(nlp)
        self.resources = load_resources()

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError(
                "the kgextract component needs a dependency parse: add it after "
                "the pipeline's parser (nlp.add_pipe('kgextract') appends it last)"
            )
        article = Article.make("<doc>", "", doc.text, date=self.date)
        extraction = extract(article, doc, self.resources, self.label)
        doc._.extraction = extraction
        doc._.entities = extraction.entities
        doc._.events = extraction.events
        doc._.relations = extraction.relations
        return doc
