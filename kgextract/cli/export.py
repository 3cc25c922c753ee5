"""Commands that read the whole store: export and stats."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kgextract.cli.app import cli
from kgextract.cli.common import (
    emit,
    handle_errors,
    json_option,
    open_store,
    store_option,
)


@cli.command()
@click.option(
    "--format",
    "format_",
    default="turtle",
    show_default=True,
    help="turtle, nt, nquads, trig, jsonld or graphml.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of stdout.",
)
@store_option
@handle_errors
def export(format_, output, store_path):
    """Dump the whole graph for other tools (Protégé, GraphDB, Gephi, networkx)."""
    from kgextract.query.export import export as run
    from kgextract.query.export import serializers

    serializers.get(format_)
    with open_store(store_path) as store:
        count = run(store, format_, output)
    if output is not None:
        click.echo(f"{count} statements -> {output}", err=True)


@cli.command()
@click.option(
    "--ingests",
    is_flag=True,
    help="What each ingest (and remove, load) did, oldest first; killed ones show "
    "as interrupted.",
)
@store_option
@json_option
@handle_errors
def stats(ingests, store_path, as_json):
    """How much is in the store: articles, entities, events, triples; with
    --ingests, what each ingest did (added, replaced, unchanged, failed)."""
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
        emit(runs, as_json, columns, "Ingests")
        return
    if as_json:
        click.echo(json.dumps(row, indent=2))
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
