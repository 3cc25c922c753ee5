"""Frozen dataclasses that flow between the stages.

Readers make :class:`Article`; the extractors turn an article and its spaCy Doc into one
:class:`Extraction` (entities, mentions, affiliations, events, relations); the graph
builder turns that into RDF. Only plain data crosses a stage boundary: character
offsets, never spaCy Spans, so a Doc can be freed as soon as its article is extracted.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018\u02bc`")


def slug(name: str) -> str:
    """ASCII, lowercase, hyphenated: the stable part of an entity key or IRI.

    ``"Olaf Scholz"`` -> ``"olaf-scholz"``, ``"Élysée"`` -> ``"elysee"``,
    ``"O'Brien"`` -> ``"obrien"``. One function for the gazetteer, the extractors and
    the graph, so the same name always gets the same key. A name with no Latin letters
    or digits (``"北京"``) gets a stable slug from a hash of its text, never an empty
    one.
    """
    folded = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    ascii_name = folded.encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")
    if text:
        return text
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode()).hexdigest()
    return "u" + digest[:12]


def normalize_text(text: str) -> str:
    """NFC, one space between words: the form an article's identity is computed on."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """SHA-256 of the normalized text, hex."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def article_id(headline: str, body: str) -> str:
    """Hash of the text, not the path: a moved or renamed file is not ingested twice.

    16 hex digits (64 bits) keep IRIs short and collisions out of reach for any corpus
    a laptop holds.
    """
    return content_hash(f"{headline}\n\n{body}")[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, cleaned of boilerplate. Offsets elsewhere refer to ``body``."""

    id: str
    source: str  # the file path, or the URL, or "path#line" for JSON Lines
    headline: str
    body: str
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or full timestamp)
    url: str | None = None
    language: str | None = None  # BCP 47, e.g. "en"
    publisher: str | None = None

    @staticmethod
    def make(
        source: str,
        headline: str,
        body: str,
        *,
        date: str | None = None,
        url: str | None = None,
        language: str | None = None,
        publisher: str | None = None,
    ) -> Article:
        """Build an article whose id is derived from its text."""
        return Article(
            id=article_id(headline, body),
            source=source,
            headline=headline,
            body=body,
            date=date,
            url=url,
            language=language,
            publisher=publisher,
        )

    @property
    def content_hash(self) -> str:
        return content_hash(f"{self.headline}\n\n{self.body}")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world actor or place, as resolved within one article.

    ``key`` is stable across articles and runs ("country:UKR", "org:nato",
    "person:olaf-scholz", "place:normandy"); the graph builder mints the IRI from it.
    """

    key: str
    name: str  # canonical name
    type: str  # Country | Organization | Person | Place | Group
    aliases: tuple[str, ...] = ()  # surface forms seen in this article
    ids: tuple[
        tuple[str, str], ...
    ] = ()  # (scheme, value): ("iso3166-1-alpha-3", "UKR")
    # The state it belongs to (Entity.key): a person's home, a body's, party's,
    # company's or group's state. Belonging, not acting for it (Event.actor_state).
    country: str | None = None
    # An intergovernmental organisation (the UN, the EU, NATO): it acts for itself
    # and belongs to no state; its officials act for it.
    igo: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    entity: str  # Entity.key
    text: str
    start_char: int
    end_char: int
    sentence: int  # Sentence.index
    label: str = ""  # the NER label it came from, or "GAZETTEER"


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A person acting for a state or organisation, and the role if the text says."""

    person: str  # Entity.key
    organization: str  # Entity.key
    role: str | None = None  # "Chancellor", "chief spokesman", ...
    sentence: int | None = None  # where the text says so; None for gazetteer knowledge
    source: str = "text"  # "text" | "gazetteer"
    # A party, legislature or other body the dictionaries say the person belongs to
    # on the article's date: it places them, never makes their acts count for it.
    membership: bool = False


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    currency: str  # ISO 4217
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, in one sentence, with the verb that said so."""

    type: str  # PLOVER type: AID, SUPPORT, ASSAULT, ...
    cameo: str  # CAMEO code, e.g. "070"
    quad: str  # VERBAL_COOPERATION | MATERIAL_COOPERATION | VERBAL_CONFLICT | ...
    actor: str  # Entity.key
    target: str | None  # Entity.key
    verb: str  # the trigger's lemma ("authorize", "announce")
    object: str | None  # object phrase: "strikes inside Russia"
    sentence: int
    start_char: int  # the trigger's span
    end_char: int
    negated: bool = False
    hypothetical: bool = False
    modality: str | None = None  # "would", "may", "willingness", ...
    amounts: tuple[Amount, ...] = ()
    target_inferred: bool = False  # target not syntactically linked; taken from context
    # ISO 8601, as precise as the text: "2024-05-31", "2024-05", "2024", or an
    # interval "2024-05-20/2024-05-26" ("last week"); see nlp/timex.py
    date: str | None = None
    date_text: str | None = None  # the words that said it: "last week"
    # How it was read: the construction (rules/constructions.json) and the lexicon
    # entry ("lexicon.jsonl:12") that made it, for `explain` and for audits.
    construction: str = ""
    rule: str = ""
    # The states (or IGOs) the actor and the target act for on the article's date
    # (Entity.key), by the attribution policy: None for anyone who acts for none.
    actor_state: str | None = None
    target_state: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed fact between two entities of one sentence, found by a trained model.

    ``type`` keeps the CoNLL04 names the model was trained on (Work_For, Kill,
    OrgBased_In, Live_In, Located_In); the graph maps them to properties. The two
    mentions' offsets are kept, not just the entities, because the evidence is those
    words and the benchmark scores spans.
    """

    type: str
    head: str  # Entity.key
    tail: str  # Entity.key
    sentence: int
    head_span: tuple[int, int]  # character offsets of the head mention
    tail_span: tuple[int, int]
    confidence: float  # the classifier's probability of ``type``

    @property
    def start_char(self) -> int:
        return min(self.head_span[0], self.tail_span[0])

    @property
    def end_char(self) -> int:
        return max(self.head_span[1], self.tail_span[1])


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one article contributes to the graph."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    events: tuple[Event, ...] = ()
    model: str = ""  # the spaCy pipeline used, for provenance
    relations: tuple[Relation, ...] = ()
    # Relations less sure than this stay out of the graph: the relation model's
    # threshold for graph precision (evaluation scores them all).
    relation_threshold: float = 0.0
    # The day the actors' offices were read against: the article's date, else the
    # ingest date (``date_assumed``).
    read_as_of: str | None = None
    date_assumed: bool = False
