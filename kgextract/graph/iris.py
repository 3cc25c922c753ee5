"""Every kgextract IRI is minted and read back here, and nowhere else.

One module, so that the shape of an IRI (``…/id/country/UKR``, ``…/article/<hash>``)
is stated once: a change of scheme is one edit, and no caller builds an IRI by
concatenation or takes one apart with string surgery. Plain strings, no RDF library:
the query side imports this and must start fast. Every IRI is deterministic (no
blank nodes), so re-ingesting an article rewrites exactly the same quads.
"""

from __future__ import annotations

import re

from kgextract.graph.vocab import ARTICLE, EVENT_TYPE, ID, NS
from kgextract.model import slug

VOCABULARY_GRAPH = ID + "graph/vocabulary"
# A remote store's journal: the entities a committed write has left to clean up.
JOURNAL_GRAPH = ID + "graph/journal"

# Entity.key prefix -> IRI path segment.
ENTITY_KINDS = {
    "country": "country",
    "org": "org",
    "person": "person",
    "place": "place",
    "group": "group",
}
# Entity.key prefix -> the entity's type (its kg: class).
KIND_TYPES = {
    "country": "Country",
    "org": "Organization",
    "person": "Person",
    "place": "Place",
    "group": "Group",
}
_KIND_OF_SEGMENT = {segment: kind for kind, segment in ENTITY_KINDS.items()}
_SAFE_KEY_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# What an article id may hold: RFC 3987's unreserved characters, so that the id is
# its own IRI segment. Ids are hex hashes; copies loaded under new ids add letters.
_ARTICLE_ID = re.compile(r"[A-Za-z0-9._~-]+")


def term(name: str) -> str:
    """A class or property of the kgextract vocabulary: ``term("Event")``."""
    return NS + name


def term_name(iri: str) -> str:
    """``kg:worksFor`` -> ``"worksFor"``; another vocabulary's IRI stays whole."""
    return iri.removeprefix(NS)


def article_iri(article_id: str) -> str:
    """The article's IRI, which is also the name of its graph."""
    return ARTICLE + article_id


def article_id_of(iri_or_id: str) -> str | None:
    """The article id (its content hash) from its IRI; an id is returned as is.

    None for anything that cannot be an id (``my article.txt``, ``a>b``): the caller
    looks it up as a source instead, and no IRI is ever built from user text.
    """
    candidate = iri_or_id.removeprefix(ARTICLE)
    return candidate if _ARTICLE_ID.fullmatch(candidate) else None


def is_article_iri(iri: str) -> bool:
    """Whether ``iri`` names an article (and so its graph)."""
    return iri.startswith(ARTICLE) and article_id_of(iri) is not None


def article_namespace() -> str:
    """What every article IRI starts with, for a ``STRSTARTS`` filter."""
    return ARTICLE


def entity_iri(key: str) -> str:
    """``"country:UKR"`` -> ``…/id/country/UKR``; the value is slugged if needed.

    A value that is already IRI-safe (ISO codes, slugs) is kept as is, so country
    codes stay upper case as ISO writes them. An unknown kind is refused: it means an
    extractor produced a key the rest of the system can't type.
    """
    kind, separator, value = key.partition(":")
    if not separator or kind not in ENTITY_KINDS or not value:
        raise ValueError(
            f"entity key {key!r} is not kind:value with kind in {sorted(ENTITY_KINDS)}"
        )
    if not _SAFE_KEY_VALUE.fullmatch(value):
        value = slug(value)
    return f"{ID}{ENTITY_KINDS[kind]}/{value}"


def entity_key(iri: str) -> str | None:
    """The inverse of :func:`entity_iri`: ``…/id/person/tony-blair`` ->
    ``"person:tony-blair"``; None for an IRI that names no entity."""
    if not iri.startswith(ID):
        return None
    segment, _, value = iri.removeprefix(ID).partition("/")
    kind = _KIND_OF_SEGMENT.get(segment)
    if kind is None or not value or "/" in value:
        return None
    return f"{kind}:{value}"


def entity_type(key: str) -> str | None:
    """The type an entity key names: ``"org:labour-party"`` -> ``"Organization"``."""
    return KIND_TYPES.get(key.partition(":")[0])


def entity_kinds() -> tuple[str, ...]:
    return tuple(ENTITY_KINDS)


def is_entity_iri(iri: str) -> bool:
    return entity_key(iri) is not None


def entity_namespace() -> str:
    """What every entity IRI starts with, for a ``STRSTARTS`` filter."""
    return ID


def event_iri(article_id: str, index: int) -> str:
    return f"{ID}event/{article_id}/{index}"


def amount_iri(event: str, index: int) -> str:
    """The ``index``-th money amount of the event with IRI ``event``."""
    return f"{event}/amount/{index}"


def relation_iri(article_id: str, index: int) -> str:
    return f"{ID}relation/{article_id}/{index}"


def role_iri(person: str, organization: str, role: str) -> str:
    """One node per (person, organisation, role), whichever article states it."""
    return f"{ID}role/{_key_slug(person)}/{_key_slug(organization)}/{slug(role)}"


def span_iri(article: str, start_char: int, end_char: int) -> str:
    """RFC 5147 fragment: the span's identity is its offsets into ``schema:text``."""
    return f"{article}#char={start_char},{end_char}"


def event_type_iri(name: str) -> str:
    return EVENT_TYPE + name


def event_type_name(iri: str) -> str:
    """``…/ns/type/AID`` -> ``"AID"``; anything else is returned whole."""
    return iri.removeprefix(EVENT_TYPE)


def _key_slug(key: str) -> str:
    return slug(key.partition(":")[2] or key)


def is_vocabulary_iri(iri: str) -> bool:
    """A class, property or event type of kgextract's own vocabulary."""
    return iri.startswith((NS, EVENT_TYPE))
