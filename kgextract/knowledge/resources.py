"""The extractors' knowledge in one object, read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kgextract.knowledge.constructions import Construction, load_constructions
from kgextract.knowledge.gazetteer import Gazetteer, load_gazetteer
from kgextract.knowledge.lexicon import Lexicon, Syntax, load_lexicon, load_syntax


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything the extractors read besides the Doc."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    syntax: Syntax
    constructions: tuple[Construction, ...] = ()
    # Read targets as a dictionary coder does, for every verb a user's verb
    # dictionary codes: only ``eval`` on the PETRARCH suites sets it, so their
    # figures compare with the coder's (nlp/events/moves.py, dictionary-phrase).
    coder_compatible: bool = False


@lru_cache(maxsize=4)
def load_resources(
    lexicon: str | None = None, aliases: tuple[Path, ...] = ()
) -> Resources:
    """The gazetteer (plus the user's ``aliases`` files), lexicon and word lists,
    read once per process."""
    return Resources(
        gazetteer=load_gazetteer(tuple(aliases)),
        lexicon=load_lexicon(lexicon),
        syntax=load_syntax(),
        constructions=load_constructions(),
    )
