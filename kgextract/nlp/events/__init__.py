"""Events from the dependency parse: who did what to whom, with negation and modality.

The constructions in ``rules/constructions.json`` say how an event is read; the
engine (:mod:`~kgextract.nlp.events.engine`) runs them, with the named moves of
:mod:`~kgextract.nlp.events.moves` for their slots. Noun phrases become actors in
:mod:`~kgextract.nlp.events.phrases`, clauses are analysed in
:mod:`~kgextract.nlp.events.clauses`, triggers read in
:mod:`~kgextract.nlp.events.triggers`. An event whose actor cannot be attributed is
refused, not guessed.
"""

from __future__ import annotations

from kgextract.nlp.events.engine import attach_amounts, extract_events

__all__ = ["attach_amounts", "extract_events"]
