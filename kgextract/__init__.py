"""kgextract: news articles in, one RDF knowledge graph out.

The public names are those in ``__all__``; everything else is internal and may
change. They load on first use, so ``import kgextract`` imports neither spaCy nor
rdflib nor networkx::

    >>> import kgextract
    >>> sorted(kgextract.__all__)[:3]
    ['Article', 'Entity', 'Event']
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Entity",
    "Event",
    "Extraction",
    "KgExtractError",
    "KnowledgeGraph",
    "Mention",
    "Relation",
    "__version__",
    "extract",
    "open_store",
]

# name -> the module that defines it, imported on first access (PEP 562).
_LAZY = {
    "extract": "kgextract.api",
    "open_store": "kgextract.api",
    "KnowledgeGraph": "kgextract.api",
    "Article": "kgextract.model",
    "Entity": "kgextract.model",
    "Event": "kgextract.model",
    "Extraction": "kgextract.model",
    "Mention": "kgextract.model",
    "Relation": "kgextract.model",
    "KgExtractError": "kgextract.errors",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kgextract' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
