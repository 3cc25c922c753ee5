"""What kgextract knows before it reads an article: the gazetteer, the event lexicon
and word lists, the event types. Pure Python over the data files in ``rules/``, so
the query side and the readers can use them without loading spaCy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"

if TYPE_CHECKING:
    from kgextract.knowledge.gazetteer import Gazetteer
    from kgextract.knowledge.lexicon import Lexicon, Syntax


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything the extractors read besides the Doc."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    syntax: Syntax


@lru_cache(maxsize=4)
def load_resources(
    lexicon: str | None = None, aliases: tuple[Path, ...] = ()
) -> Resources:
    """The gazetteer (plus the user's ``aliases`` files), lexicon and word lists,
    read once per process."""
    from kgextract.knowledge.gazetteer import load_gazetteer
    from kgextract.knowledge.lexicon import load_lexicon, load_syntax

    return Resources(
        gazetteer=load_gazetteer(tuple(aliases)),
        lexicon=load_lexicon(lexicon),
        syntax=load_syntax(),
    )
