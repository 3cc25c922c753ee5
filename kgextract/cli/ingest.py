"""Commands that write: ingest, remove, load."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kgextract.cli.app import cli
from kgextract.cli.common import (
    console,
    handle_errors,
    open_store,
    store_option,
)
from kgextract.ingest import engines
from kgextract.ingest.unit import DEFAULT_ARTICLE_TIMEOUT


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
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
    type=click.Choice(engines.names()),
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
    article_timeout,
):
    """Read articles (text, HTML, JSON Lines, RSS/Atom, folders) into the store.

    Exits 1 when any file or article failed; the others are stored all the same,
    and `kgextract stats --ingests` lists each failure with its cause.
    """
    from kgextract.ingest.orchestrator import ingest as run

    err = console(stderr=True)
    aliases = tuple(path.resolve() for path in aliases)

    def on_item(status, item):
        if status == "failed":
            click.echo(f"Error: {item}", err=True)

    if engine != "dask" and (scheduler or spill):
        raise click.UsageError("--scheduler and --spill need --engine dask")
    options = {"force": force, "aliases": aliases, "jobs": jobs, "model": model}
    options.update(engine=engine, scheduler=scheduler, spill=spill)
    options.update(article_timeout=article_timeout)
    with open_store(store_path, create=True, read_only=False) as store:
        if quiet or not err.is_terminal:
            report = run(paths, store, on_item=on_item, **options)
        else:
            import time

            from rich.progress import (
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err,
            ) as progress:
                task = progress.add_task("reading…", total=None)
                counts = {"added": 0, "skipped": 0, "failed": 0}
                started = time.monotonic()

                def on_progress(status, item):
                    on_item(status, item)
                    counts[status] += 1
                    rate = sum(counts.values()) / max(time.monotonic() - started, 1e-3)
                    progress.update(
                        task,
                        description=(
                            f"{counts['added']} added, {counts['skipped']} unchanged, "
                            f"{counts['failed']} failed · {rate:.1f} articles/s"
                        ),
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
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
@handle_errors
def load(file, store_path):
    """Bulk-load N-Quads (.nq) or TriG (.trig) made elsewhere, e.g. by another
    kgextract's `export --format nquads`. Each graph in FILE replaces its namesake."""
    from kgextract.ingest.orchestrator import load as run

    with open_store(store_path, create=True, read_only=False) as store:
        graphs, quads = run(store, file)
    click.echo(f"{quads} quads in {graphs} graphs -> {store_path}", err=True)
