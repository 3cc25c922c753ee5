"""JSON-LD as people read it: compacted with kgextract's context, integers and
booleans as JSON numbers and booleans, one object per node, one graph per article.

pyoxigraph writes expanded JSON-LD (full IRIs, every value a typed string); a
reader of ``kg:startChar: 1596`` should not have to know that. The context is the
prefixes of :data:`~kgextract.graph.vocab.PREFIXES`, so every compact IRI here is
also valid in SPARQL and Turtle; ``ontology/context.jsonld`` is the same context
as a file (a test keeps them equal). Only prefixes, no term definitions: a value
keeps its own ``@id``/``@type`` and reads back to exactly the triple it came
from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import BinaryIO

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from kgextract.graph import vocab

RDF_TYPE = vocab.RDF + "type"
_XSD_STRING = vocab.XSD + "string"
_XSD_INTEGER = vocab.XSD + "integer"
_XSD_BOOLEAN = vocab.XSD + "boolean"
_LANG_STRING = vocab.RDF + "langString"
# Longest namespace first, so kgt: (…/ns/type/) wins over nothing, kg: over base.
_PREFIXES = sorted(vocab.PREFIXES.items(), key=lambda item: -len(item[1]))
_SAFE_JSON_INTEGER = 2**53  # beyond this a JSON reader may round the number


def context() -> dict:
    """The ``@context``: kgextract's prefixes."""
    return {"@context": dict(vocab.PREFIXES)}


def compact(iri: str) -> str:
    """``https://w3id.org/kgextract/ns#Event`` -> ``kg:Event``; an IRI in no known
    namespace, or one whose rest would read as another IRI, stays whole."""
    for prefix, namespace in _PREFIXES:
        if iri.startswith(namespace):
            rest = iri[len(namespace) :]
            if rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
    return iri


def value(term) -> object:
    """One RDF object as a JSON-LD value: ``{"@id"}`` for a node, a plain string,
    a number or a boolean where JSON-LD reads it back as the same literal
    (xsd:string, xsd:integer, xsd:boolean), else ``{"@value", "@type"}``."""
    if isinstance(term, NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, BlankNode):
        return {"@id": f"_:{term.value}"}
    assert isinstance(term, Literal)
    datatype = term.datatype.value if term.datatype is not None else _XSD_STRING
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if datatype == _XSD_STRING:
        return term.value
    if datatype == _XSD_INTEGER:
        try:
            number = int(term.value)
        except ValueError:
            number = None
        if number is not None and str(number) == term.value:
            if abs(number) < _SAFE_JSON_INTEGER:
                return number
    if datatype == _XSD_BOOLEAN and term.value in ("true", "false"):
        return term.value == "true"
    return {"@value": term.value, "@type": compact(datatype)}


def nodes(quads: Iterable[Quad]) -> list[dict]:
    """One JSON-LD node object per subject, sorted by ``@id``, properties and
    values sorted, so the same graph always reads the same."""
    subjects: dict[str, dict[str, list]] = {}
    for quad in quads:
        subject = quad.subject
        key = (
            compact(subject.value)
            if isinstance(subject, NamedNode)
            else f"_:{subject.value}"
        )
        properties = subjects.setdefault(key, {})
        if quad.predicate.value == RDF_TYPE and isinstance(quad.object, NamedNode):
            properties.setdefault("@type", []).append(compact(quad.object.value))
        else:
            properties.setdefault(compact(quad.predicate.value), []).append(
                value(quad.object)
            )
    result = []
    for key in sorted(subjects):
        node: dict = {"@id": key}
        for name in sorted(subjects[key], key=lambda p: (p != "@type", p)):
            values = sorted(
                subjects[key][name], key=lambda v: json.dumps(v, sort_keys=True)
            )
            node[name] = values[0] if len(values) == 1 else values
        result.append(node)
    return result


def write_jsonld(graphs: Iterable[tuple[str, Iterable[Quad]]], out: BinaryIO) -> int:
    """``{"@context": …, "@graph": [{"@id": graph, "@graph": [nodes]}, …]}``,
    written one graph at a time; returns the number of quads."""
    count = 0
    out.write(b'{\n"@context": ')
    out.write(json.dumps(context()["@context"], indent=1).encode("utf-8"))
    out.write(b',\n"@graph": [')
    first = True
    for name, quads in graphs:
        quads = list(quads)
        if not quads:
            continue
        count += len(quads)
        graph = {"@id": compact(name), "@graph": nodes(quads)}
        text = json.dumps(graph, ensure_ascii=False, indent=1)
        out.write((b"\n" if first else b",\n") + text.encode("utf-8"))
        first = False
    out.write(b"\n]\n}\n")
    return count
