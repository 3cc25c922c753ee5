"""``kgextract check``: is the store whole; with ``--repair``, recover what can be."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kgextract.cli.app import cli
from kgextract.cli.common import handle_errors, json_option, store_option, timeout_of

# ontology/shapes.ttl of a source checkout (an editable install has it there).
SHAPES = Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl"


@cli.command()
@click.option("--repair", is_flag=True, help="Fix what can be fixed; say what cannot.")
@click.option(
    "--shacl",
    is_flag=True,
    help="Also validate the graph against the SHACL shapes (needs pyshacl).",
)
@click.option(
    "--shapes",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The shapes for --shacl (default: ontology/shapes.ttl).",
)
@store_option
@json_option
@handle_errors
def check(repair, shacl, shapes, store_path, as_json):
    """Check the store: database files, every article graph, the ingest log's
    counts, orphan entities and (--shacl) the shapes. Exits 1 if anything is
    left wrong.

    Opens the store for writing, so it waits for no ingest: a locked store is
    reported. A write cut short by a crash is rolled back or finished first.
    """
    from kgextract.errors import KgExtractError
    from kgextract.store.check import check_store

    if shacl and shapes is None:
        if not SHAPES.is_file():
            raise KgExtractError(
                f"{SHAPES}: no shapes file here; give one with --shapes FILE"
            )
        shapes = SHAPES
    report = check_store(
        store_path,
        repair=repair,
        shapes=shapes if shacl or shapes else None,
        timeout=timeout_of(),
    )
    if as_json:
        click.echo(
            json.dumps(
                {
                    "store": report.location,
                    "ok": report.ok,
                    "findings": [
                        {"check": f.check, "status": f.status, "detail": f.detail}
                        for f in report.findings
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for finding in report.findings:
            click.echo(f"{finding.status:<12} {finding.check:<11} {finding.detail}")
        click.echo(
            f"{report.location}: "
            + ("ok" if report.ok else "problems remain (see above)")
        )
    if not report.ok:
        sys.exit(1)
