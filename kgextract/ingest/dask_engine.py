"""``ingest --engine dask``: extraction on a Dask distributed cluster.

The machine running ``kgextract ingest`` reads the files, skips unchanged articles
(one indexed lookup in its store, before any worker sees them) and stays the only
writer. Articles go to the cluster in partitions of a few; a worker process loads
the pipeline once (a per-process cache, so a worker that restarts simply loads it
again) and sends each partition back as N-Quads bytes, exactly as the local
``--jobs`` workers do, or, with ``--spill DIR``, writes the partition to one
N-Quads file in a directory every machine sees and sends back only the report;
the writer then bulk-loads the file (:meth:`~kgextract.store.embedded.GraphStore.load`).

Partitions come back in input order and at most ``3 ×`` the cluster's threads are
in flight, so the store is written in the same order as by one process and memory
stays flat. Dask is an optional dependency (``pip install 'kgextract[dask]'``);
workers need kgextract and the model installed, nothing else.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from kgextract.errors import KgExtractError
from kgextract.ingest.engines import (
    EngineOptions,
    Spilled,
    engines,
    pending,
    with_nquads,
)
from kgextract.ingest.unit import Extracted, Task, extract_batch

# per worker process: (model, aliases) -> (nlp, resources, label)
_pipelines: dict = {}

_loading = threading.Lock()


def _pipeline(model: str, aliases: tuple[Path, ...]):
    """The worker's pipeline, loaded by its first partition and kept for the rest."""
    with _loading:
        if (model, aliases) not in _pipelines:
            from kgextract.knowledge.resources import load_resources
            from kgextract.nlp.pipelines import load_pipeline, pipeline_label

            nlp = load_pipeline(model, aliases)
            resources = load_resources(aliases=aliases)
            _pipelines[model, aliases] = (nlp, resources, pipeline_label(nlp))
        return _pipelines[model, aliases]


def extract_partition(
    batch: list,
    model: str,
    aliases: tuple[Path, ...],
    batch_size: int,
    spill: str | None,
    timeout: float | None = None,
) -> tuple[str, object]:
    """On a worker: ``("ok", results)``, ``("spilled", (path, results))`` or
    ``("error", message)`` when the pipeline cannot load there.

    Our errors travel as text: a user-facing message must reach the user whole,
    whatever the cluster's pickling makes of exception objects.
    """
    from kgextract.errors import KgExtractError

    try:
        nlp, resources, label = _pipeline(model, aliases)
    except KgExtractError as err:
        return "error", str(err)
    results = extract_batch(nlp, resources, label, batch, batch_size, timeout)
    if spill is None:
        return "ok", results
    path = Path(spill) / f"{uuid.uuid4().hex}.nq"
    partial = path.with_suffix(".part")
    with partial.open("wb") as out:
        for _, data in results:
            out.write(data)
    os.replace(partial, path)  # the writer never sees half a file
    return "spilled", (str(path), [(extracted, b"") for extracted, _ in results])


@contextmanager
def _client(options: EngineOptions) -> Iterator:
    """A client of the cluster at ``options.scheduler``, or of a local cluster of
    ``options.jobs`` single-threaded worker processes (torn down afterwards)."""
    try:  # imported here: distributed takes a second to import, and is optional
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - the dask extra is not installed
        raise KgExtractError(
            "--engine dask needs Dask: pip install 'kgextract[dask]' "
            "(dask and distributed)"
        ) from None
    if options.scheduler:
        try:
            # timeout: dask's distributed.comm.timeouts.connect (30 s by default)
            client = Client(options.scheduler, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise KgExtractError(
                f"cannot reach the Dask scheduler at {options.scheduler} "
                f"({_one_line(err)})"
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=options.jobs,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


@engines.register("dask")
def dask_extract(tasks: Iterable[Task], pipeline, options: EngineOptions) -> Iterator:
    """Yield ``(Extracted, older ids)`` (or :class:`~kgextract.ingest.engines.Spilled`
    partitions) for every task, in order, parsed on a Dask cluster.

    A partition whose worker died is reported as one failure per article, like an
    article whose extraction failed locally; a pipeline the workers cannot load
    stops the run with its one-line message.
    """
    from kgextract.nlp.pipelines import model_name

    model = model_name(options.model)
    aliases = tuple(Path(a).resolve() for a in options.aliases)
    spill = None
    if options.spill is not None:
        options.spill.mkdir(parents=True, exist_ok=True)
        spill = str(options.spill.resolve())
    per_partition = max(1, options.batch_size // 4)
    tasks = pending(tasks)
    if tasks is None:
        return  # nothing new: no cluster to start or reach
    with _client(options) as client:
        threads = max(1, sum(client.nthreads().values()))
        in_flight: deque = deque()

        def submit() -> bool:
            chunk = list(islice(tasks, per_partition))
            if not chunk:
                return False
            batch = [article for article, _ in chunk]
            future = client.submit(
                extract_partition,
                batch,
                model,
                aliases,
                options.batch_size,
                spill,
                options.article_timeout,
                pure=False,
            )
            in_flight.append((future, chunk))
            return True

        while len(in_flight) < 3 * threads and submit():
            pass
        while in_flight:
            future, chunk = in_flight.popleft()
            olders = [older for _, older in chunk]
            try:
                kind, value = future.result()
            except Exception as err:  # noqa: BLE001 - a lost worker fails its articles
                future.release()
                yield from _failed(chunk, err)
                submit()
                continue
            future.release()
            submit()
            if kind == "error":
                raise KgExtractError(f"Dask worker: {value}")
            if kind == "spilled":
                path, results = value
                if not Path(path).exists():
                    raise KgExtractError(
                        f"{path}: a worker's partition is not visible here; --spill "
                        "needs a directory shared by the workers and this machine"
                    )
                items = [
                    (e, older) for (e, _), older in zip(results, olders, strict=True)
                ]
                yield Spilled(Path(path), items)
            else:
                yield from with_nquads(value, olders)


def _failed(chunk: list, err: BaseException) -> Iterator[tuple]:
    cause = _one_line(err)
    for article, older in chunk:
        yield Extracted(article=article, error=f"Dask worker failed ({cause})"), older


def _one_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__
