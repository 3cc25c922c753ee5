"""Where the NLP runs during ``ingest``; the store always stays single-writer.

An engine turns the stream of new articles (:data:`~kgextract.ingest.unit.Task`)
into a stream of ``(Extracted, older ids)`` in input order, so the writer stores the
same graph whichever engine parsed it. Engines register by name (``ingest --engine``):
``local`` (this machine, ``--jobs N`` processes) and ``dask`` (a Dask cluster, see
:mod:`kgextract.ingest.dask_engine`, which registers itself).

spaCy's parse is CPU-bound Python/Cython holding the GIL, so threads do not help;
processes do. Each worker sends back each article's quads as N-Quads bytes, which
travel far faster than pickled term objects and which the store bulk-loads as they
are: the parent never makes Python objects of them.

Local workers are *forked* where the platform can (Linux): the parent has already
loaded the pipeline, so a worker starts at once and shares the model's memory
copy-on-write, instead of importing spaCy and loading the model again (~1.5 s and
~0.3 GB per worker). Forking a process that has threads is safe here because a
child only ever runs spaCy on the pipeline it inherited: it never touches the
parent's store (RocksDB's background threads and locks stay the parent's), never
writes to the terminal, and exits without running the parent's finalizers.
Where fork is unavailable (macOS, Windows) workers are spawned and load the model
themselves. At most ``3 * jobs`` batches are in flight, so memory stays flat however
long the input is.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path

from kgextract.errors import KgExtractError
from kgextract.ingest.unit import Task, extract_batch, extract_tasks
from kgextract.model import Article
from kgextract.registry import Registry


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Everything an engine may need besides the articles; each reads its part."""

    jobs: int = 1
    model: str | None = None  # pipeline name for workers that load their own
    aliases: tuple[Path, ...] = ()
    batch_size: int = 32
    scheduler: str | None = None  # dask: scheduler address; None = a local cluster
    spill: Path | None = None  # dask: shared directory for per-partition N-Quads
    article_timeout: float | None = None  # seconds per article; None: no limit


@dataclass(frozen=True, slots=True)
class Spilled:
    """A partition a worker wrote to ``path`` (N-Quads, one graph per article);
    the writer bulk-loads the file, ``items`` are its ``(Extracted without quads,
    older ids)`` for the report."""

    path: Path
    items: list


Engine = Callable[[Iterable[Task], object, EngineOptions], Iterator[tuple]]
engines: Registry[Engine] = Registry("engine")

_worker: dict = {}


def _start_worker(model: str | None, aliases: tuple[Path, ...]) -> None:
    """Spawned worker: load the pipeline once."""
    from kgextract.nlp.pipelines import load_pipeline

    _remember(load_pipeline(model, aliases), aliases)


def _remember(nlp, aliases: tuple[Path, ...]) -> None:
    from kgextract.knowledge.resources import load_resources
    from kgextract.nlp.pipelines import pipeline_label

    _worker.update(
        nlp=nlp, resources=load_resources(aliases=aliases), label=pipeline_label(nlp)
    )


def _extract_batch(
    batch: list[Article], batch_size: int, timeout: float | None = None
) -> list:
    """In a local worker: the pipeline it inherited (fork) or loaded (spawn)."""
    return extract_batch(
        _worker["nlp"],
        _worker["resources"],
        _worker["label"],
        batch,
        batch_size,
        timeout,
    )


def can_fork() -> bool:
    """Whether workers can be forked from a parent that already holds the model."""
    return "fork" in multiprocessing.get_all_start_methods()


def parallel_extract(
    tasks: Iterable[Task],
    jobs: int,
    model: str | None,
    batch_size: int = 32,
    aliases: tuple[Path, ...] = (),
    nlp=None,
    timeout: float | None = None,
) -> Iterator[tuple]:
    """Yield ``(Extracted, older ids)`` for every task, in order, parsed by ``jobs``
    worker processes: forked from this one and sharing ``nlp`` where the platform
    can fork, else spawned, each loading ``model``. A worker that dies (out of
    memory, killed) ends the run with a :class:`KgExtractError` rather than a hang.
    """
    per_batch = max(1, batch_size // 4)  # small tasks: no idle worker at the end
    if nlp is not None and can_fork():
        _remember(nlp, tuple(aliases))  # inherited by the children at fork
        context = multiprocessing.get_context("fork")
        initializer, initargs = None, ()
    else:
        context = multiprocessing.get_context("spawn")
        initializer, initargs = _start_worker, (model, tuple(aliases))
    tasks = iter(tasks)
    in_flight: deque[tuple[Future, list[list[str]]]] = deque()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=initializer,
            initargs=initargs,
        ) as pool:

            def submit() -> bool:
                chunk = list(islice(tasks, per_batch))
                if not chunk:
                    return False
                batch = [article for article, _ in chunk]
                olders = [older for _, older in chunk]
                future = pool.submit(_extract_batch, batch, batch_size, timeout)
                in_flight.append((future, olders))
                return True

            while len(in_flight) < 3 * jobs and submit():
                pass
            while in_flight:
                future, olders = in_flight.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    raise KgExtractError(
                        "a worker process died (out of memory, or the model failed "
                        "to load); run with --jobs 1 to see the cause"
                    ) from None
                submit()
                yield from with_nquads(results, olders)
    finally:
        _worker.clear()  # the parent's pipeline is the caller's, not ours to keep


def with_nquads(results: list, olders: list[list[str]]) -> Iterator[tuple]:
    """Worker results back to ``(Extracted, older ids)``. The N-Quads bytes stay
    bytes: the store bulk-loads them as they are, so the writer, which shares the
    CPUs with the workers, never parses them into Python objects."""
    for (extracted, data), older in zip(results, olders, strict=True):
        yield replace(extracted, nquads=data), older


def settle_heap() -> None:
    """Move what is alive now (the model, the gazetteer, the rules: hundreds of
    thousands of long-lived objects) out of the garbage collector's reach.

    Python's full collections walk every tracked object; during an ingest they
    kept walking the model and the gazetteer, which never become garbage, while
    spaCy's per-Doc objects made collections frequent: ~0.25 s of 200 BBC
    articles went to full collections, ~0.05 s after freezing. A frozen object
    is still freed when its last reference goes; only a reference cycle among
    them would wait for the exit. No ``gc.collect()`` first: it cost more
    (~0.1 s) than the few cycles it would free.
    """
    gc.freeze()


def pending(tasks: Iterable[Task]) -> Iterator[Task] | None:
    """``tasks`` as an iterator, or None when there are none: an ingest that finds
    nothing new never loads the model (about 2 s) or starts a worker."""
    tasks = iter(tasks)
    first = next(tasks, None)
    return None if first is None else chain([first], tasks)


@engines.register("local")
def local_engine(
    tasks: Iterable[Task], pipeline: Callable, options: EngineOptions
) -> Iterator[tuple]:
    """This machine: in this process, or ``jobs`` worker processes. ``pipeline()``
    gives the spaCy pipeline, loaded on the first call."""
    tasks = pending(tasks)
    if tasks is None:
        return
    # Imported only now: they import spaCy (~1 s), which a run that finds nothing
    # new does without.
    from kgextract.knowledge.resources import load_resources
    from kgextract.nlp.pipelines import pipeline_label

    nlp = pipeline()
    if options.jobs > 1:
        yield from parallel_extract(
            tasks,
            options.jobs,
            options.model,
            options.batch_size,
            options.aliases,
            nlp,
            options.article_timeout,
        )
        return
    resources = load_resources(aliases=tuple(options.aliases))
    settle_heap()
    yield from extract_tasks(
        nlp,
        resources,
        pipeline_label(nlp),
        tasks,
        options.batch_size,
        options.article_timeout,
    )
