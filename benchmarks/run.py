"""Benchmarks for issue 6: what kgextract costs around spaCy, on the BBC corpus.

    python benchmarks/run.py                 # the full corpus (2,225 articles)
    python benchmarks/run.py --limit 200     # a quick run: 40 articles per section
    python benchmarks/run.py --dask          # also --engine dask on a local cluster
    python benchmarks/run.py --safety BASE --limit 200   # issue 15's safety cost

``--safety BASE`` times only the 1-process ingest, alternately with the kgextract
checked out in BASE (the code before issue 15's safety work: journal, time budget,
sections) and with this one, and prints their throughput ratio; then ingests one
1,000,000-character article and prints its time and peak memory. Its figures go to
their own section of RESULTS.md.

Every timed step runs in a fresh child process (``--child``), so one step's caches,
memory and warm model never flatter the next; the parent collects the figures, prints
them and writes them to ``benchmarks/RESULTS.md`` (replacing only the section of the
same run size, ``--limit N`` or the full corpus). Timings exclude loading the model
(the same for raw spaCy and for kgextract) and include everything else: reading the
files, NLP, extraction, graph building and store writes. Each ratio takes the best of
``--repeat`` runs of each side, because on a shared machine the noise is one-sided
(other load only makes a run slower).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "bbc_news"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SECTIONS = ("business", "entertainment", "politics", "sport", "tech")
MEMORY_AT = 500  # the article at which memory is sampled, to compare with the end
SAMPLE_GRAPH = "https://w3id.org/kgextract/article/benchmark-sample"


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    """The first ``limit / 5`` articles of each section (all with no limit), as the
    slow tests take them (``KGEXTRACT_CORPUS_LIMIT``), so every topic is in a run."""
    per_section = None if not limit else max(1, limit // len(SECTIONS))
    return [
        path
        for section in SECTIONS
        for path in sorted((corpus / section).glob("*.txt"))[:per_section]
    ]


def rss_mb() -> float:
    """Resident memory now, from /proc (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds() -> float:
    """CPU time of this process, all its threads: on a shared machine it varies far
    less than the wall time, which other load stretches."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- child steps: each runs in a fresh process and prints one JSON object ------------


def child_raw(args: dict) -> dict:
    """spaCy alone: ``nlp.pipe`` over the distinct texts kgextract would parse."""
    from kgextract.model import Article
    from kgextract.nlp.pipelines import load_pipeline
    from kgextract.readers import iter_articles

    nlp = load_pipeline(args.get("model"))
    warm_up(nlp)
    start = time.perf_counter()
    texts = {}
    for item in iter_articles(args["files"]):
        if isinstance(item, Article):
            texts.setdefault(item.id, item.body or item.headline)
    if "part" in args:  # one of several processes: every n-th text from `part` on
        part, parts = args["part"]
        texts = dict(list(texts.items())[part::parts])
    docs, sampled = 0, {}
    for _ in nlp.pipe(texts.values(), batch_size=32):
        docs += 1
        if docs == args.get("sample_at"):
            sampled = {"rss_at_sample_mb": rss_mb(), "at_sample": memory_parts(nlp)}
    return {
        "seconds": time.perf_counter() - start,
        "docs": docs,
        "rss_end_mb": rss_mb(),
        "at_end": memory_parts(nlp),
        **sampled,
    }


def child_ingest(args: dict) -> dict:
    """``pipeline.ingest`` into ``store``, with memory sampled at article MEMORY_AT."""
    from kgextract.ingest.orchestrator import ingest
    from kgextract.nlp.pipelines import load_pipeline
    from kgextract.store import open_store

    nlp = load_pipeline(args.get("model"))
    warm_up(nlp)
    samples = {}
    seen = [0]

    def on_item(status, item):
        seen[0] += 1
        if seen[0] == args["sample_at"]:
            samples["rss_at_sample_mb"] = rss_mb()
            samples["at_sample"] = memory_parts(nlp)

    options = {"jobs": args["jobs"]} if args.get("jobs", 1) > 1 else {}
    if args.get("engine"):
        options["engine"] = args["engine"]
    with open_store(args["store"], create=True) as store:
        start, cpu = time.perf_counter(), cpu_seconds()
        report = ingest(args["files"], store, nlp, on_item=on_item, **options)
        seconds = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    import kgextract

    return {
        "code": str(Path(kgextract.__file__).parents[1]),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "added": report.added,
        "skipped": report.skipped,
        "failed": len(report.failed),
        "rss_end_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
        "peak_worker_rss_mb": children,
        "at_end": memory_parts(nlp),
        **samples,
    }


def memory_parts(nlp) -> dict:
    """What can hold memory in an ingest, to attribute RSS growth: Python objects
    (pymalloc blocks in use, a leak of ours would show here), spaCy's vocabulary
    (lexemes and strings grow with every new word, in C memory) and the rest
    (RocksDB's memtables and block cache, allocator slack)."""
    return {
        "python_blocks": sys.getallocatedblocks(),
        "lexemes": len(nlp.vocab),
        "strings": len(nlp.vocab.strings),
    }


def child_queries(args: dict) -> dict:
    """The ``supports`` query in-process (its whole Python function, and its SPARQL
    alone), best of several runs, and the store's size."""
    from kgextract.query import named as queries
    from kgextract.store import open_store

    with open_store(args["store"], read_only=True) as store:
        stats = queries.stats(store)
        whole = []
        for _ in range(5):
            start = time.perf_counter()
            rows = queries.supports(store)
            whole.append(time.perf_counter() - start)
        sparql = stance_sparql()
        alone = []
        for _ in range(5):
            start = time.perf_counter()
            list(store.query(sparql))
            alone.append(time.perf_counter() - start)
    return {
        "stats": stats,
        "rows": len(rows),
        "supports_function_s": min(whole),
        "stance_sparql_s": min(alone),
    }


def child_export(args: dict) -> dict:
    """Export the whole store to Turtle and N-Triples; then the ratio to rdflib's
    serializers, both sides on the same sample of the graph.

    rdflib's Turtle serializer is superlinear: on the full 788k-triple graph it had not
    finished after 35 minutes. So the comparison takes the first ``rdflib_sample``
    triples of the export (``--rdflib-sample``; 0 = the whole graph), loads them into
    a fresh store and times both exporters on it.
    """
    import rdflib

    from kgextract.query.export import export
    from kgextract.store import open_store

    out = Path(args["tmp"])
    figures = {}
    with open_store(args["store"], read_only=True) as store:
        for name in ("turtle", "nt"):
            start = time.perf_counter()
            count = export(store, name, out / f"graph.{name}")
            seconds = time.perf_counter() - start
            figures[name] = {"triples": count, "seconds": seconds}
    sample, graph_of_sample = out / "sample.nt", out / "sample.nq"
    with (
        open(out / "graph.nt", encoding="utf-8") as whole,
        open(sample, "w", encoding="utf-8") as part,
        open(graph_of_sample, "w", encoding="utf-8") as quads,
    ):
        for number, line in enumerate(whole):
            if args["rdflib_sample"] and number >= args["rdflib_sample"]:
                break
            part.write(line)
            quads.write(line.rstrip().removesuffix(".") + f"<{SAMPLE_GRAPH}> .\n")
    graph = rdflib.Graph()
    graph.parse(sample, format="nt")
    with open_store(out / "sample-store", create=True) as store:
        store.load(graph_of_sample)
        for name in ("turtle", "nt"):
            start = time.perf_counter()
            export(store, name, out / f"sample.{name}")
            figures[name]["sample_seconds"] = time.perf_counter() - start
    for name in ("turtle", "nt"):
        start = time.perf_counter()
        with open(out / f"rdflib.{name}", "wb") as handle:
            graph.serialize(handle, format=name)
        figures[name]["rdflib_seconds"] = time.perf_counter() - start
    figures["rdflib_triples"] = len(graph)
    return figures


def stance_sparql() -> str:
    """The SPARQL that ``query supports`` runs first (the stance events)."""
    from kgextract.graph import vocab
    from kgextract.knowledge.event_types import load_event_types
    from kgextract.query import named as queries

    types = [n for n, t in load_event_types().items() if t.stance == "supports"]
    return queries.P + queries.STANCE_EVENTS.format(
        filters="", types=", ".join(f"<{vocab.EVENT_TYPE}{name}>" for name in types)
    )


def warm_up(nlp) -> None:
    """One small batch first: the first call allocates buffers both sides pay once."""
    list(nlp.pipe(["Sweden sent aid to Ukraine on Monday, officials said."] * 8))


CHILDREN = {
    "raw": child_raw,
    "ingest": child_ingest,
    "queries": child_queries,
    "export": child_export,
}


def run_child(step: str, code: Path | None = None, **args) -> dict:
    """Run one step in a fresh interpreter; its JSON figures come back on stdout.
    ``code``: a kgextract checkout to import instead of this one."""
    payload = json.dumps({"step": step, **args}, default=str)
    env = None
    if code is not None:
        env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, __file__, "--child"],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark step {step} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def run_children_at_once(step: str, runs: list[dict]) -> tuple[float, list[dict]]:
    """Start one child per ``runs`` entry at the same time; wall seconds until the
    last one is done, and their figures."""
    start = time.perf_counter()
    children = [
        subprocess.Popen(
            [sys.executable, __file__, "--child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in runs
    ]
    for child, args in zip(children, runs, strict=True):
        child.stdin.write(json.dumps({"step": step, **args}, default=str))
        child.stdin.close()
    results = []
    for child in children:
        output, errors = child.stdout.read(), child.stderr.read()
        if child.wait() != 0:
            raise SystemExit(f"benchmark step {step} failed:\n{errors[-2000:]}")
        results.append(json.loads(output.splitlines()[-1]))
    return time.perf_counter() - start, results


def fresh_process_query(store: Path) -> float:
    """Wall time of ``kgextract query supports --json`` as a new process, best of 3."""
    command = [
        kgextract_command(),
        "query",
        "supports",
        "--json",
        "--store",
        str(store),
    ]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def kgextract_command() -> str:
    """The ``kgextract`` script of the interpreter running this benchmark."""
    return str(Path(sys.executable).with_name("kgextract"))


def scale_store(store: Path, tmp: Path, copies: int) -> None:
    """Add ``copies`` more copies of every article under new ids, through ``load``.

    The articles' own nodes (article, sentences, mentions, events) get new IRIs;
    the entities stay shared, as they would in a larger real corpus.
    """
    dump = tmp / "articles.nq"
    subprocess.run(
        [
            kgextract_command(),
            "export",
            "--format",
            "nquads",
            "-o",
            str(dump),
            "--store",
            str(store),
        ],
        check=True,
        capture_output=True,
    )
    text = dump.read_text(encoding="utf-8")
    article = re.escape("<https://w3id.org/kgextract/article/")
    event = re.escape("<https://w3id.org/kgextract/id/event/")
    for copy in range(copies):
        tag = f"x{copy}{os.getpid()}"
        copied = re.sub(f"({article}|{event})([0-9a-f]+)", rf"\1\2{tag}", text)
        part = tmp / f"copy{copy}.nq"
        part.write_text(copied, encoding="utf-8")
        subprocess.run(
            [
                kgextract_command(),
                "load",
                str(part),
                "--store",
                str(store),
            ],
            check=True,
            capture_output=True,
        )
        part.unlink()


def machine() -> dict:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="ascii") as info:
        total = int(info.readline().split()[1]) / 1024 / 1024
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(total, 1),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
    }


def verdict(value: float, target: float, higher_is_better: bool) -> str:
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "**missed**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="articles (0: all)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each timing")
    parser.add_argument("--jobs", type=int, default=2, help="workers for --jobs run")
    parser.add_argument(
        "--scale", type=int, default=0, help="extra corpus copies for the query scaling"
    )
    parser.add_argument(
        "--dask",
        action="store_true",
        help="also time --engine dask (a local cluster of --jobs workers)",
    )
    parser.add_argument(
        "--rdflib-sample",
        type=int,
        default=100_000,
        help="triples for the rdflib comparison (0: the whole graph; slow)",
    )
    parser.add_argument(
        "--safety",
        type=Path,
        default=None,
        metavar="BASE",
        help="time ingest against the checkout BASE (issue 15's safety cost) only",
    )
    parser.add_argument(
        "--whole",
        action="store_true",
        help="time the whole `kgextract ingest` process against raw spaCy, and "
        "re-ingests, only",
    )
    parser.add_argument("--model", default=None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        args = json.loads(sys.stdin.read())
        print(json.dumps(CHILDREN[args["step"]](args)))
        return

    files = corpus_files(options.corpus, options.limit or None)
    if not files:
        raise SystemExit(f"{options.corpus}: no BBC articles found")
    if options.safety is not None:
        safety(options, files)
        return
    if options.whole:
        whole(options, files)
        return
    tmp = Path(tempfile.mkdtemp(prefix="kgextract-bench-"))
    common = {"files": [str(f) for f in files], "model": options.model}
    sample_at = min(MEMORY_AT, len(files) // 2)
    log = []

    def say(line: str) -> None:
        print(line, flush=True)
        log.append(line)

    try:
        say(f"{len(files)} files from {options.corpus}")
        raw = min(
            (
                run_child("raw", sample_at=sample_at, **common)
                for _ in range(options.repeat)
            ),
            key=lambda r: r["seconds"],
        )
        say(f"raw nlp.pipe: {raw['seconds']:.1f} s for {raw['docs']} distinct texts")
        raw_parallel = None
        if options.jobs > 1:
            # The ceiling for --jobs: spaCy alone in N processes at once, each on
            # every N-th text. Two vCPUs may be one core's hyperthreads.
            raw_parallel = min(
                (
                    max(
                        r["seconds"]
                        for r in run_children_at_once(
                            "raw",
                            [
                                {**common, "part": [part, options.jobs]}
                                for part in range(options.jobs)
                            ],
                        )[1]
                    )
                    for _ in range(options.repeat)
                ),
            )
            say(f"raw nlp.pipe, {options.jobs} processes at once: {raw_parallel:.1f} s")

        singles = []
        for run in range(options.repeat):
            store = tmp / f"single{run}"
            singles.append(
                run_child("ingest", store=store, jobs=1, sample_at=sample_at, **common)
            )
        single = min(singles, key=lambda r: r["seconds"])
        store = tmp / "single0"
        say(
            f"ingest, 1 process: {single['seconds']:.1f} s "
            f"({single['added']} added, {single['failed']} failed)"
        )
        again = run_child("ingest", store=store, jobs=1, sample_at=sample_at, **common)
        say(
            f"re-ingest, unchanged: {again['seconds']:.2f} s, "
            f"{again['skipped']} skipped"
        )

        parallel = None
        if options.jobs > 1:
            parallel = min(
                (
                    run_child(
                        "ingest",
                        store=tmp / f"jobs{run}",
                        jobs=options.jobs,
                        sample_at=sample_at,
                        **common,
                    )
                    for run in range(options.repeat)
                ),
                key=lambda r: r["seconds"],
            )
            say(f"ingest, --jobs {options.jobs}: {parallel['seconds']:.1f} s")

        dask = None
        if options.dask:
            dask = min(
                (
                    run_child(
                        "ingest",
                        store=tmp / f"dask{run}",
                        jobs=options.jobs,
                        engine="dask",
                        sample_at=sample_at,
                        **common,
                    )
                    for run in range(options.repeat)
                ),
                key=lambda r: r["seconds"],
            )
            say(
                f"ingest, --engine dask ({options.jobs} workers): "
                f"{dask['seconds']:.1f} s"
            )

        query = run_child("queries", store=store)
        fresh = fresh_process_query(store)
        say(
            f"query supports: {fresh:.2f} s fresh process, "
            f"{query['supports_function_s'] * 1000:.0f} ms in-process "
            f"({query['stats']['triples']} triples)"
        )
        exported = run_child(
            "export", store=store, tmp=tmp, rdflib_sample=options.rdflib_sample
        )
        say(f"export: {json.dumps(exported)}")

        scaling = [(query["stats"], query, fresh)]
        for step in range(options.scale):
            scale_store(store, tmp, 1)
            scaled = run_child("queries", store=store)
            scaling.append((scaled["stats"], scaled, fresh_process_query(store)))
            say(f"scaled x{step + 2}: {scaled['stats']['triples']} triples")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    report = render(
        options,
        files,
        raw,
        raw_parallel,
        single,
        again,
        parallel,
        query,
        fresh,
        exported,
        scaling,
        dask,
    )
    print(report)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    old = options.output.read_text(encoding="utf-8") if options.output.exists() else ""
    options.output.write_text(replace_section(old, report), encoding="utf-8")
    print(f"-> {options.output}")


def long_article(corpus: Path, folder: Path, chars: int = 1_000_000) -> Path:
    """One article of BBC texts run together, longer than ``chars`` once cleaned."""
    parts, size = [], 0
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[1]
        parts.append(text.strip())
        size += len(parts[-1]) + 2
        if size > chars * 1.05:
            break
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long.txt"
    path.write_text("A very long article\n\n" + "\n\n".join(parts), encoding="utf-8")
    return path


def safety(options, files: list[Path]) -> None:
    """Issue 15: what the safety work costs an ingest, against the code before it,
    and a 1,000,000-character article's time and memory."""
    base = options.safety.resolve()
    if not (base / "kgextract" / "__init__.py").exists():
        raise SystemExit(f"{base}: not a kgextract checkout")
    tmp = Path(tempfile.mkdtemp(prefix="kgextract-safety-"))
    common = {"files": [str(f) for f in files], "model": options.model}
    sample_at = min(MEMORY_AT, len(files) // 2)
    runs: dict[str, list[dict]] = {"base": [], "current": []}
    try:
        for run in range(options.repeat):
            for side, code in (("base", base), ("current", ROOT)):
                figures = run_child(
                    "ingest",
                    code=code,
                    store=tmp / f"{side}{run}",
                    jobs=1,
                    sample_at=sample_at,
                    **common,
                )
                assert Path(figures["code"]).resolve() == code, figures["code"]
                runs[side].append(figures)
                print(
                    f"{side} ingest {run + 1}: {figures['seconds']:.1f} s, "
                    f"{figures['added']} added",
                    flush=True,
                )
        long_file = long_article(options.corpus, tmp / "long")
        longest = run_child(
            "ingest",
            code=ROOT,
            store=tmp / "long-store",
            jobs=1,
            sample_at=1,
            files=[str(long_file)],
            model=options.model,
        )
        print(f"1,000,000-character article: {json.dumps(longest)}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report = render_safety(options, files, base, runs, longest)
    print(report)
    old = options.output.read_text(encoding="utf-8") if options.output.exists() else ""
    options.output.write_text(replace_section(old, report), encoding="utf-8")
    print(f"-> {options.output}")


def render_safety(options, files, base: Path, runs: dict, longest: dict) -> str:
    host = machine()
    best = {side: min(r["seconds"] for r in figures) for side, figures in runs.items()}
    rates = {side: runs[side][0]["added"] / seconds for side, seconds in best.items()}
    ratio = rates["current"] / rates["base"]
    cpu = {
        side: min(r["cpu_seconds"] for r in figures) for side, figures in runs.items()
    }
    cpu_ratio = cpu["base"] / cpu["current"]
    peaks = {
        side: min(r["peak_rss_mb"] for r in figures) for side, figures in runs.items()
    }
    each = {
        side: ", ".join(f"{r['seconds']:.1f}" for r in figures)
        for side, figures in runs.items()
    }
    command = f"python benchmarks/run.py --safety {base}" + (
        f" --limit {options.limit}" if options.limit else ""
    )
    if options.repeat != 2:
        command += f" --repeat {options.repeat}"
    label = f"`--limit {options.limit}`" if options.limit else "Full corpus"
    return (
        "\n".join(
            [
                f"## Safety cost (issue 15), {label}: {len(files)} BBC articles",
                "",
                f"- Command: `{command}` (best of {options.repeat} runs per side, "
                "alternated)",
                f"- Base: {base} (the code before the journal, the time budget and "
                "the sections)",
                f"- Machine: {host['nproc']} CPUs, {host['cpu']}, {host['ram_gb']} GB "
                f"RAM, Python {host['python']}; load average at the end "
                f"{', '.join(f'{x:.2f}' for x in host['load_average'])}",
                "",
                "| measure | value | target | |",
                "|---|---|---|---|",
                f"| `ingest`, 1 process, base | {rates['base']:.2f} articles/s "
                f"(runs: {each['base']} s) | | |",
                f"| `ingest`, 1 process, with the safety work | "
                f"{rates['current']:.2f} articles/s (runs: {each['current']} s) | | |",
                f"| throughput with / without, by wall time | {ratio:.3f} | ≥ 0.95 | "
                f"{verdict(ratio, 0.95, True)} |",
                f"| the same by CPU time (base {cpu['base']:.1f} s, with "
                f"{cpu['current']:.1f} s) | {cpu_ratio:.3f} | ≥ 0.95 | "
                f"{verdict(cpu_ratio, 0.95, True)} |",
                f"| peak RSS, base / with | {peaks['base']:.0f} / "
                f"{peaks['current']:.0f} MB | | |",
                f"| one 1,000,000-character article | {longest['seconds']:.0f} s, "
                f"{longest['added']} added, {longest['failed']} failed | | |",
                f"| its peak RSS | {longest['peak_rss_mb']:.0f} MB | ≤ 1.5 GB | "
                f"{verdict(longest['peak_rss_mb'], 1536, False)} |",
            ]
        )
        + "\n"
    )


# -- --whole: the whole process, as a user runs it (issues 12 and 14) ----------------

# Raw spaCy as a user would run it: a fresh interpreter that loads the model and
# parses the texts, nothing else. ``-c`` so that it imports nothing of kgextract.
RAW_SPACY = """
import json, sys
import spacy
with open(sys.argv[1], encoding="utf-8") as handle:
    texts = json.load(handle)
nlp = spacy.load(sys.argv[2])
docs = sum(1 for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])))
print(docs)
"""
EDITED = 5  # files changed before the last re-ingest


def timed_process(command: list[str]) -> dict:
    """Run ``command`` to its end: wall seconds from start to exit, and the
    child's own CPU time (user + system) and peak RSS, from ``wait4``: per child,
    where ``RUSAGE_CHILDREN`` sums all of them and keeps the largest peak."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "seconds": seconds,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024,
            "returncode": child.returncode,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def copy_corpus(files: list[Path], folder: Path) -> Path:
    """The selected files under ``folder``/SECTION/, the directory given to
    ``ingest``: a user's folder of articles, which the edit step may change."""
    for path in files:
        target = folder / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return folder


def distinct_texts(folder: Path) -> list[str]:
    """What kgextract parses: each distinct article's text, once (an article whose
    text is already in the store is skipped before spaCy sees it)."""
    from kgextract.model import Article
    from kgextract.readers import iter_articles

    texts: dict[str, str] = {}
    for item in iter_articles([folder]):
        if isinstance(item, Article):
            texts.setdefault(item.id, item.body or item.headline)
    return list(texts.values())


def run_ingest(paths: list[Path], store: Path, model: str | None, quiet: bool) -> dict:
    """``kgextract ingest PATHS --store STORE`` as a fresh process. Exit code 1
    (some article failed, the others stored) is a result, not an error."""
    command = [kgextract_command(), "ingest", *map(str, paths), "--store", str(store)]
    if model:
        command += ["--model", model]
    if quiet:
        command.append("-q")
    figures = timed_process(command)
    if figures["returncode"] not in (0, 1):
        raise SystemExit(f"ingest failed:\n{figures['stderr'][-2000:]}")
    # the folder's path left out: the same report wherever the run's copy is
    folder = f"{paths[0].parent}/" if paths[0].is_file() else f"{paths[0]}/"
    lines = figures["stderr"].replace(folder, "").splitlines()
    figures["errors"] = [line for line in lines if line.startswith("Error:")]
    summary = [line for line in lines if " added, " in line]
    figures["report"] = summary[-1].split(" -> ")[0] if summary else ""
    return figures


def best(runs: list[dict], key: str) -> float:
    return min(run[key] for run in runs)


def whole(options, files: list[Path]) -> None:
    """The whole process, as a user runs it: a fresh ``kgextract ingest DIR --store
    TMP -q`` (start-up, model load, reading, NLP, extraction, graph, store write)
    against a fresh ``python -c`` that only does ``spacy.load`` and ``nlp.pipe`` on
    the same texts; alternated, best of ``--repeat`` by wall time and by CPU time.
    Then unchanged re-ingests into the same store, and re-ingests after editing
    ``EDITED`` files (one per section)."""
    from kgextract.nlp.pipelines import model_name

    model = model_name(options.model)
    tmp = Path(tempfile.mkdtemp(prefix="kgextract-whole-"))
    corpus = copy_corpus(files, tmp / "corpus")
    texts_file = tmp / "texts.json"
    texts = distinct_texts(corpus)
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    raw_command = [sys.executable, "-c", RAW_SPACY, str(texts_file), model, "32"]
    runs: dict[str, list[dict]] = {"raw": [], "kgextract": []}
    try:
        for run in range(options.repeat):
            order = ("raw", "kgextract") if run % 2 == 0 else ("kgextract", "raw")
            for side in order:
                if side == "raw":
                    figures = timed_process(raw_command)
                    if figures["returncode"] != 0:
                        raise SystemExit(f"raw spaCy failed:\n{figures['stderr']}")
                else:
                    store = tmp / f"store{run}"
                    figures = run_ingest([corpus], store, options.model, quiet=True)
                runs[side].append(figures)
                print(
                    f"{side} {run + 1}: {figures['seconds']:.1f} s wall, "
                    f"{figures['cpu_seconds']:.1f} s CPU, "
                    f"{figures['peak_rss_mb']:.0f} MB peak",
                    flush=True,
                )
        again = []
        for run in range(options.repeat):
            again.append(run_ingest([corpus], store, options.model, quiet=False))
            print(
                f"re-ingest unchanged {run + 1}: {again[-1]['seconds']:.2f} s: "
                f"{again[-1]['report']}",
                flush=True,
            )
        failed = {
            corpus / line.removeprefix("Error: ").split(": ", 1)[0]
            for line in runs["kgextract"][-1]["errors"]
        }
        stored_only = None
        if failed:
            # A failed article is not stored, so every re-ingest parses it again
            # (loading the model): the same re-ingest without those files shows
            # what skipping the stored ones costs.
            kept = sorted(path for path in corpus.rglob("*.txt") if path not in failed)
            stored_only = [
                run_ingest(kept, store, options.model, quiet=False)
                for _ in range(options.repeat)
            ]
            print(
                f"re-ingest unchanged, without the {len(failed)} failed file(s): "
                f"{best(stored_only, 'seconds'):.2f} s",
                flush=True,
            )
        edited = []
        sections = sorted({path.parent.name for path in files})
        for run in range(options.repeat):
            for section in sections[:EDITED]:
                first = sorted((corpus / section).glob("*.txt"))[0]
                with open(first, "a", encoding="utf-8") as handle:
                    handle.write(f"\n\nThis article was edited ({run + 1}).\n")
            edited.append(run_ingest([corpus], store, options.model, quiet=False))
            print(
                f"re-ingest after editing {min(EDITED, len(sections))} files "
                f"{run + 1}: {edited[-1]['seconds']:.2f} s: {edited[-1]['report']}",
                flush=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    raw, ours = runs["raw"], runs["kgextract"]
    print(
        "first ingest, raw spaCy time / kgextract time (target >= 0.85): "
        f"wall {best(raw, 'seconds') / best(ours, 'seconds'):.3f}, "
        f"CPU {best(raw, 'cpu_seconds') / best(ours, 'cpu_seconds'):.3f}\n"
        "re-ingest unchanged / first ingest (target <= 5 %): "
        f"{best(again, 'seconds') / best(ours, 'seconds'):.1%}",
        flush=True,
    )
    report = render_whole(
        options, files, len(texts), model, runs, again, stored_only, failed, edited
    )
    print(report)
    old = options.output.read_text(encoding="utf-8") if options.output.exists() else ""
    options.output.write_text(replace_section(old, report), encoding="utf-8")
    print(f"-> {options.output}")


def render_whole(
    options, files, texts, model, runs, again, stored_only, failed, edited
) -> str:
    host = machine()
    raw, ours = runs["raw"], runs["kgextract"]
    wall = best(raw, "seconds") / best(ours, "seconds")
    cpu = best(raw, "cpu_seconds") / best(ours, "cpu_seconds")
    first = best(ours, "seconds")
    unchanged = best(again, "seconds") / first
    each = {
        side: ", ".join(f"{r['seconds']:.1f}/{r['cpu_seconds']:.1f}" for r in figures)
        for side, figures in runs.items()
    }
    command = "python benchmarks/run.py --whole" + (
        f" --limit {options.limit}" if options.limit else ""
    )
    if options.repeat != 2:
        command += f" --repeat {options.repeat}"
    label = f"`--limit {options.limit}`" if options.limit else "Full corpus"
    failures = "; ".join(ours[-1]["errors"]) or "no failure"
    per_section = len(files) // max(1, len({f.parent.name for f in files}))
    lines = [
        f"## Whole process (issues 12, 14), {label}: {len(files)} BBC articles "
        f"({texts} distinct texts)",
        "",
        f"- Command: `{command}` ({time.strftime('%Y-%m-%d %H:%M %Z')}; best of "
        f"{options.repeat} runs per side, alternated)",
        f"- Articles: the first {per_section} files of each section of "
        "`shared/data/bbc_news`, in name order, copied to one folder",
        f"- kgextract: `kgextract ingest DIR --store TMP -q`, a fresh process into a "
        f"new store; raw spaCy: a fresh `python -c` doing `spacy.load({model!r})` and "
        "`nlp.pipe(texts, batch_size=32)` on the same distinct texts (read from one "
        "JSON file). Both timed from start to exit: start-up, imports and model "
        "load included",
        f"- Machine: {host['nproc']} CPUs (shared with other work), {host['cpu']}, "
        f"{host['ram_gb']} GB RAM, Python {host['python']}; load average at the end "
        f"{', '.join(f'{x:.2f}' for x in host['load_average'])}",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| raw spaCy, wall / CPU s (runs) | {best(raw, 'seconds'):.1f} / "
        f"{best(raw, 'cpu_seconds'):.1f} s ({each['raw']}) | | |",
        f"| `kgextract ingest`, wall / CPU s (runs) | {first:.1f} / "
        f"{best(ours, 'cpu_seconds'):.1f} s ({each['kgextract']}) | | |",
        f"| throughput, raw spaCy time / kgextract time, by wall time | {wall:.3f} | "
        f"≥ 0.85 | {verdict(wall, 0.85, True)} |",
        f"| the same by CPU time | {cpu:.3f} | ≥ 0.85 | {verdict(cpu, 0.85, True)} |",
        f"| peak RSS, raw spaCy / kgextract (largest of the runs) | "
        f"{max(r['peak_rss_mb'] for r in raw):.0f} / "
        f"{max(r['peak_rss_mb'] for r in ours):.0f} MB | | |",
        f"| first ingest reported | {failures} | | |",
        f"| re-ingest unchanged / first ingest, by wall time | {unchanged:.1%} "
        f"({best(again, 'seconds'):.2f} s wall, {best(again, 'cpu_seconds'):.2f} s "
        f"CPU): {again[-1]['report']} | ≤ 5 % | {verdict(unchanged, 0.05, False)} |",
    ]
    if stored_only is not None:
        alone = best(stored_only, "seconds") / first
        lines.append(
            f"| the same without the {len(failed)} failed file(s), which every "
            f"re-ingest parses again | {alone:.1%} "
            f"({best(stored_only, 'seconds'):.2f} s): {stored_only[-1]['report']} "
            "| | |"
        )
    share = best(edited, "seconds") / first
    lines.append(
        f"| re-ingest after editing {EDITED} files (one per section) / first ingest "
        f"| {share:.1%} ({best(edited, 'seconds'):.2f} s wall, "
        f"{best(edited, 'cpu_seconds'):.2f} s CPU): {edited[-1]['report']} | | |"
    )
    return "\n".join(lines) + "\n"


def replace_section(document: str, section: str) -> str:
    """``document`` with the ``## `` section of the same label (``--limit N`` or
    ``Full corpus``) replaced by ``section``, or with ``section`` added: a quick run
    and a full run each keep their own figures, and hand-written notes under other
    headings survive."""
    label = section.splitlines()[0].split(":")[0]
    parts = re.split(r"(?m)^(?=## )", document)
    kept = [
        part
        for part in parts
        if part.strip() and part.splitlines()[0].split(":")[0] != label
    ]
    kept = [part.rstrip("\n") + "\n" for part in kept]
    return "\n".join([section, *kept])


def render(
    options,
    files,
    raw,
    raw_parallel,
    single,
    again,
    parallel,
    query,
    fresh,
    exported,
    scaling,
    dask=None,
) -> str:
    """The figures as Markdown, with each target and whether it was met."""
    host = machine()
    command = "python benchmarks/run.py" + (
        f" --limit {options.limit}" if options.limit else ""
    )
    if options.scale:
        command += f" --scale {options.scale}"
    if options.repeat != 2:
        command += f" --repeat {options.repeat}"
    if options.dask:
        command += " --dask"
    if options.rdflib_sample != 100_000:
        command += f" --rdflib-sample {options.rdflib_sample}"
    label = f"`--limit {options.limit}`" if options.limit else "Full corpus"
    docs = raw["docs"]
    raw_rate = docs / raw["seconds"]
    single_rate = single["added"] / single["seconds"]
    ratio = single_rate / raw_rate
    reingest = again["seconds"] / single["seconds"]
    lines = [
        f"## {label}: {len(files)} BBC articles ({docs} distinct texts)",
        "",
        f"- Command: `{command}` (best of {options.repeat} runs per timing)",
        f"- Machine: {host['nproc']} CPUs, {host['cpu']}, {host['ram_gb']} GB RAM, "
        f"Python {host['python']}; load average at the end "
        f"{', '.join(f'{x:.2f}' for x in host['load_average'])}",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| raw spaCy `nlp.pipe` | {raw_rate:.2f} articles/s | | |",
        f"| `ingest`, 1 process | {single_rate:.2f} articles/s | | |",
        f"| ingest / raw spaCy | {ratio:.2f} | ≥ 0.85 | {verdict(ratio, 0.85, True)} |",
    ]
    if raw_parallel is not None:
        lines.append(
            f"| raw spaCy, {options.jobs} processes at once / 1 process (the ceiling "
            f"for `--jobs {options.jobs}`) | {raw['seconds'] / raw_parallel:.2f} | | |"
        )
    if parallel is not None:
        speedup = single["seconds"] / parallel["seconds"]
        lines.append(
            f"| `--jobs {options.jobs}` / 1 process | {speedup:.2f} "
            f"({parallel['added'] / parallel['seconds']:.2f} articles/s) | ≥ 1.7 | "
            f"{verdict(speedup, 1.7, True)} |"
        )
    if dask is not None:
        speedup = single["seconds"] / dask["seconds"]
        lines.append(
            f"| `--engine dask`, {options.jobs} local workers / 1 process | "
            f"{speedup:.2f} ({dask['added'] / dask['seconds']:.2f} articles/s, "
            "cluster start included) | | |"
        )
    lines += [
        f"| re-ingest unchanged / first ingest | {reingest:.1%} "
        f"({again['seconds']:.2f} s) | ≤ 5 % | {verdict(reingest, 0.05, False)} |",
        f"| peak RSS, 1-process ingest | {single['peak_rss_mb']:.0f} MB | ≤ 1.5 GB | "
        f"{verdict(single['peak_rss_mb'], 1536, False)} |",
        f"| RSS at article {min(MEMORY_AT, len(files) // 2)} → end | "
        f"{single.get('rss_at_sample_mb', float('nan')):.0f} → "
        f"{single['rss_end_mb']:.0f} MB | flat | |",
    ]
    if "rss_at_sample_mb" in raw:
        lines.append(
            f"| RSS of raw spaCy, text {min(MEMORY_AT, len(files) // 2)} → end "
            f"(spaCy's own growth) | {raw['rss_at_sample_mb']:.0f} → "
            f"{raw['rss_end_mb']:.0f} MB | | |"
        )
    if "at_sample" in single:
        before, after = single["at_sample"], single["at_end"]
        lines.append(
            "| same span: Python blocks / spaCy lexemes / strings | "
            f"{before['python_blocks']:,} → {after['python_blocks']:,} / "
            f"{before['lexemes']:,} → {after['lexemes']:,} / "
            f"{before['strings']:,} → {after['strings']:,} | | |"
        )
    if parallel is not None:
        lines.append(
            f"| peak RSS, `--jobs {options.jobs}` (writer / largest worker) | "
            f"{parallel['peak_rss_mb']:.0f} / {parallel['peak_worker_rss_mb']:.0f} MB"
            " | | |"
        )
    lines += [
        f"| `query supports`, fresh process | {fresh:.2f} s | ≤ 0.5 s | "
        f"{verdict(fresh, 0.5, False)} |",
        f"| `queries.supports()` in-process | "
        f"{query['supports_function_s'] * 1000:.0f} ms | ≤ 50 ms | "
        f"{verdict(query['supports_function_s'], 0.05, False)} |",
        f"| its stance SPARQL alone, in-process | "
        f"{query['stance_sparql_s'] * 1000:.0f} ms | | |",
    ]
    sampled = exported["rdflib_triples"]
    for name in ("turtle", "nt"):
        figures = exported[name]
        rate = figures["triples"] / figures["seconds"]
        ours, theirs = figures["sample_seconds"], figures["rdflib_seconds"]
        lines.append(
            f"| export {name} | {rate:,.0f} triples/s "
            f"({figures['triples']:,} triples, {figures['seconds']:.1f} s) | | "
            f"on the first {sampled:,} triples: {theirs / ours:.1f}× rdflib's speed "
            f"({sampled / ours:,.0f} vs {sampled / theirs:,.0f} triples/s) |"
        )
    if len(scaling) > 1:
        lines += [
            "",
            "Query time as the store grows (the corpus loaded again under new "
            "article ids):",
            "",
            "| triples | quads | `query supports` fresh | in-process | stance SPARQL |",
            "|---|---|---|---|---|",
        ]
        for stats, measured, fresh_s in scaling:
            lines.append(
                f"| {stats['triples']:,} | {stats['quads']:,} | {fresh_s:.2f} s | "
                f"{measured['supports_function_s'] * 1000:.0f} ms | "
                f"{measured['stance_sparql_s'] * 1000:.0f} ms |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
