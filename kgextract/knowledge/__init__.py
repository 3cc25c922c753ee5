"""What kgextract knows before it reads an article: the gazetteer, the event lexicon
and word lists, the event types. Pure Python over the data files in ``rules/``, so
the query side and the readers can use them without loading spaCy."""

from __future__ import annotations

from pathlib import Path

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"
