"""The ``kgextract`` command group; each command lives in the module of its kind."""

from __future__ import annotations

import click

from kgextract import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgextract")
def cli() -> None:
    """Turn news articles into one queryable RDF knowledge graph."""
