"""Ingest: new articles through the NLP engines into the store.

``unit`` is one article's work, ``engines`` where it runs (this process, worker
processes, or a Dask cluster: ``dask_engine``), ``orchestrator`` what one ``ingest``
run does around them. Importing the package registers every engine.
"""

from __future__ import annotations

from kgextract.ingest import dask_engine  # noqa: F401 - registers --engine dask
from kgextract.ingest.engines import engines

__all__ = ["engines"]
