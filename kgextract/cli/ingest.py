"""Commands that write: ingest, remove, load."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kgextract.cli.app import cli
from kgextract.cli.common import (
    checked_date,
    handle_errors,
    open_store,
    progress_bar,
    store_option,
)
from kgextract.ingest import engines
from kgextract.ingest.unit import DEFAULT_ARTICLE_TIMEOUT


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@store_option
@click.option(
    "--model",
    envvar="KGEXTRACT_MODEL",
    default=None,
    help="Any installed spaCy pipeline (or $KGEXTRACT_MODEL).",
)
@click.option(
    "--aliases",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own entities, aliases and refused aliases (JSON Lines; repeatable).",
)
@click.option("--force", is_flag=True, help="Re-extract articles already stored.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for NLP (each loads the model once: ~0.5 GB each).",
)
@click.option(
    "--engine",
    type=click.Choice(engines.names(), case_sensitive=False),
    default="local",
    show_default=True,
    help="Where NLP runs: this machine, or a Dask cluster (kgextract[dask] extra).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler (tcp://host:8786); without it, a local cluster of --jobs.",
)
@click.option(
    "--spill",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dask workers write N-Quads here (a directory shared with this machine).",
)
@click.option(
    "--default-date",
    metavar="DATE",
    default=None,
    callback=lambda ctx, param, value: checked_date(value),
    help="The date of articles that state none (YYYY, YYYY-MM or YYYY-MM-DD): "
    "offices are read as of it, not as of today.",
)
@click.option(
    "--article-timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_ARTICLE_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="An article that takes longer to extract fails alone (0: no limit).",
)
@handle_errors
def ingest(
    paths,
    store_path,
    model,
    aliases,
    force,
    quiet,
    jobs,
    engine,
    scheduler,
    spill,
    default_date,
    article_timeout,
):
    """Read articles (text, HTML, JSON Lines, RSS/Atom, folders) into the store.

    PATHS are files and folders (read recursively); - reads standard input, in any
    of those formats. Exits 1 when any file or article failed; the others are
    stored all the same, and `kgextract stats --ingests` lists each failure with
    its cause.
    """
    from kgextract.ingest.orchestrator import ingest as run

    aliases = tuple(path.resolve() for path in aliases)

    def on_item(status, item):
        if status == "failed":
            click.echo(f"Error: {item}", err=True)

    if engine != "dask" and (scheduler or spill):
        raise click.UsageError("--scheduler and --spill need --engine dask")
    options = {"force": force, "aliases": aliases, "jobs": jobs, "model": model}
    options.update(engine=engine, scheduler=scheduler, spill=spill)
    options.update(default_date=default_date, article_timeout=article_timeout)
    with open_store(store_path, create=True, read_only=False) as store:
        with progress_bar("reading", quiet=quiet) as bar:
            if bar is None:
                report = run(paths, store, on_item=on_item, **options)
            else:
                from kgextract.readers import count_articles

                bar.start(count_articles(paths))
                counts = {"added": 0, "skipped": 0, "failed": 0}

                def on_progress(status, item):
                    on_item(status, item)
                    counts[status] += 1
                    bar.update(
                        sum(counts.values()),
                        f"{counts['added']} added, {counts['skipped']} unchanged, "
                        f"{counts['failed']} failed",
                    )

                report = run(paths, store, on_item=on_progress, **options)
    if not quiet:
        click.echo(
            f"{report.added} added, {report.replaced} replaced, "
            f"{report.skipped} unchanged, {len(report.failed)} failed "
            f"({report.events} events) -> {store_path}"
            + (
                f"; {report.not_extracted} not in the model's language, "
                "stored without extraction"
                if report.not_extracted
                else ""
            ),
            err=True,
        )
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("target")
@store_option
@handle_errors
def remove(target, store_path):
    """Delete an article (by id, IRI or source path/URL) and all it alone stated.

    A file of many articles (JSON Lines, a feed) removes all of them.
    """
    from kgextract.ingest.orchestrator import remove as run

    with open_store(store_path, read_only=False) as store:
        removed = run(store, target)
    for article in removed:
        click.echo(
            f"removed {article.article_id} ({article.quads} quads): "
            f"{article.source} — {article.headline}",
            err=True,
        )


@cli.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--format",
    "format_",
    default=None,
    metavar="FORMAT",
    help="nquads (nq), trig, jsonld, turtle (ttl) or nt, any case; by default "
    "the one FILE's suffix names (stdin: nquads).",
)
@store_option
@click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr.")
@handle_errors
def load(file, format_, store_path, quiet):
    """Load a graph that `kgextract export` wrote, here or on another machine (FILE,
    or - for stdin); each article's graph replaces its namesake.

    N-Quads, TriG and JSON-LD keep the articles' graphs; Turtle and N-Triples hold
    their union, which is split back by each statement's article. FILE is read and
    checked whole first: a broken file changes nothing and creates no store.
    """
    from kgextract.errors import InputError
    from kgextract.ingest.load import load as run
    from kgextract.ingest.load import load_format, read_quads

    from_stdin = file == "-"
    name = "<stdin>" if from_stdin else file
    if from_stdin:
        format_ = load_format(format_ or "nquads", name)
        stream, size = sys.stdin.buffer, None
    else:
        path = Path(file)
        if not path.is_file():
            raise InputError(file, "no such file")
        format_ = load_format(format_, file)
        stream, size = path.open("rb"), path.stat().st_size
    with progress_bar(f"reading {format_}", quiet=quiet) as bar:
        if bar is not None:
            bar.start(size)
        try:
            quads_file = read_quads(
                stream, name, format_, None if bar is None else bar.update
            )
        finally:
            if not from_stdin:
                stream.close()
    try:
        with open_store(store_path, create=True, read_only=False) as store:
            with progress_bar("writing", quiet=quiet):
                graphs, quads = run(store, quads_file, name)
    finally:
        quads_file.unlink(missing_ok=True)
    if not quiet:
        click.echo(f"{quads} quads in {graphs} graphs -> {store_path}", err=True)
