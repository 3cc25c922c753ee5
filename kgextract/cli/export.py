"""Commands that read the whole store: export and stats."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kgextract.cli.app import cli
from kgextract.cli.common import (
    emit,
    handle_errors,
    open_store,
    output_options,
    progress_bar,
    store_option,
)


@cli.command()
@click.option(
    "--format",
    "format_",
    default=None,
    metavar="FORMAT",
    help="turtle (ttl), nt, nquads (nq), trig, jsonld or graphml, any case; "
    "by default the one FILE's suffix names, else turtle.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    metavar="FILE",
    help="Write to FILE (atomically); - (the default) is stdout.",
)
@store_option
@handle_errors
def export(format_, output, store_path):
    """Dump the whole graph for other tools (Protégé, GraphDB, Gephi, networkx)."""
    from kgextract.query.export import export as run
    from kgextract.query.export import export_total, format_for, serializers

    to_stdout = output == "-"
    if format_ is None:
        format_ = "turtle" if to_stdout else format_for(output)
        if format_ is None:
            raise click.UsageError(
                f"cannot tell the format from {output!r}; give --format "
                f"({', '.join(serializers.names())})"
            )
    format_ = serializers.resolve(format_)
    with open_store(store_path) as store:
        # Data on the terminal and a bar beside it would garble each other.
        quiet = to_stdout and sys.stdout.isatty()
        with progress_bar(f"exporting {format_}", quiet=quiet) as progress:
            if progress is not None:
                total = export_total(store, format_)
                progress.start(total)
            count = run(
                store,
                format_,
                None if to_stdout else Path(output),
                progress=None if progress is None else progress.update,
            )
    if not to_stdout:
        unit = serializers.meta(format_)["unit"]
        click.echo(f"{count} {unit} -> {output}", err=True)
    else:
        sys.stdout.flush()


@cli.command()
@click.option(
    "--ingests",
    is_flag=True,
    help="What each ingest (and remove, load) did, oldest first; killed ones show "
    "as interrupted.",
)
@store_option
@output_options(
    dates=False,
    json_help="one JSON object (with --ingests, an array of one object per ingest)",
)
@handle_errors
def stats(ingests, store_path, output, limit, wide):
    """How much is in the store: articles, entities, events, triples; with
    --ingests, what each ingest did (added, replaced, unchanged, failed).

    """
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        runs = store.ingests()
        row = None if ingests else queries.stats(store)
    if ingests:
        columns = [
            ("started", "Started"),
            ("command", "Command"),
            ("status", "Status"),
            ("seconds", "Seconds"),
            ("added", "Added"),
            ("replaced", "Replaced"),
            ("skipped", "Unchanged"),
            ("failed", "Failed"),
            ("events", "Events"),
            ("paths", "Paths"),
        ]
        emit(
            runs,
            output,
            columns,
            "Ingests",
            limit=limit,
            wide=wide,
            shorten={
                "started": lambda run, width: (run.get("started") or "")[:16].replace(
                    "T", " "
                ),
                "paths": lambda run, width: " ".join(_short(p) for p in run["paths"]),
            },
        )
        return
    if output == "json":
        click.echo(json.dumps(row, indent=2))
        return
    if output is not None:
        emit([row], output, [(key, key) for key in row], "Stats")
        return
    for key, value in row.items():
        click.echo(f"{key:>9}: {value}")
    if runs:
        last = runs[-1]
        status = last.get("status", "complete")
        click.echo(
            f"last {last.get('command', 'ingest')} {last.get('started')}"
            + ("" if status == "complete" else f" ({status})")
            + f": {last.get('added', 0)} added, "
            f"{last.get('replaced', 0)} replaced, {last.get('skipped', 0)} unchanged, "
            f"{last.get('failed', 0)} failed (all: kgextract stats --ingests)"
        )


def _short(path: str) -> str:
    """A path as the user would type it: relative to here, or from ~."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd())) or "."
    except ValueError:
        home = str(Path.home())
        return "~" + path[len(home) :] if path.startswith(home + "/") else path
