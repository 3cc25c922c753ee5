"""Extraction in worker processes (``ingest --jobs N``); the store stays single-writer.

spaCy's parse is CPU-bound Python/Cython holding the GIL, so threads do not help;
processes do. Each worker loads the pipeline once (in its initializer) and takes
batches of articles; it sends back each article's quads as N-Quads bytes, which
pyoxigraph parses in the parent far faster than pickled term objects would travel.

Workers are started with ``spawn``: the parent holds an open RocksDB store and
spaCy's thread pools, neither of which survives ``fork`` safely. At most
``3 * jobs`` batches are in flight, so memory stays flat however long the input is,
and results come back in input order, so the store is written in the same order as
by one process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import islice
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize

from .errors import KgExtractError
from .model import Article

Task = tuple[str, tuple[Article, list[str], bool]]  # what pipeline._select_new yields

_worker: dict = {}


def _start_worker(model: str | None, aliases: tuple[Path, ...]) -> None:
    from .extractors import load_resources
    from .extractors.nlp import load_pipeline, pipeline_label

    nlp = load_pipeline(model, aliases)
    _worker.update(
        nlp=nlp, resources=load_resources(aliases=aliases), label=pipeline_label(nlp)
    )


def _extract_batch(batch: list[tuple[str, Article, bool]], batch_size: int) -> list:
    """In a worker: parse and extract a batch; quads travel as N-Quads bytes."""
    from .pipeline import extract_article

    nlp = _worker["nlp"]
    texts = ((text, (article, should)) for text, article, should in batch)
    results = []
    for doc, (article, should) in nlp.pipe(
        texts, as_tuples=True, batch_size=batch_size
    ):
        extracted = extract_article(
            article, doc, should, _worker["resources"], _worker["label"]
        )
        data = serialize(extracted.quads, format=RdfFormat.N_QUADS) or b""
        results.append((replace(extracted, quads=[]), data))
    return results


def parallel_extract(
    tasks: Iterable[Task],
    jobs: int,
    model: str | None,
    batch_size: int = 32,
    aliases: tuple[Path, ...] = (),
) -> Iterator[tuple]:
    """Yield ``(Extracted, older ids)`` for every task, in order, parsed by ``jobs``
    worker processes. A worker that dies (out of memory, killed) ends the run with
    a :class:`KgExtractError` rather than a hang."""
    per_batch = max(1, batch_size // 4)  # small tasks: no idle worker at the end
    context = multiprocessing.get_context("spawn")
    tasks = iter(tasks)
    in_flight: deque[tuple[Future, list[list[str]]]] = deque()
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(model, aliases),
    ) as pool:

        def submit() -> bool:
            chunk = list(islice(tasks, per_batch))
            if not chunk:
                return False
            batch = [(text, article, should) for text, (article, _, should) in chunk]
            olders = [older for _, (_, older, _) in chunk]
            in_flight.append((pool.submit(_extract_batch, batch, batch_size), olders))
            return True

        while len(in_flight) < 3 * jobs and submit():
            pass
        while in_flight:
            future, olders = in_flight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                raise KgExtractError(
                    "a worker process died (out of memory, or the model failed to "
                    "load); run with --jobs 1 to see the cause"
                ) from None
            submit()
            for (extracted, data), older in zip(results, olders, strict=True):
                quads = list(parse(data, format=RdfFormat.N_QUADS)) if data else []
                yield replace(extracted, quads=quads), older
