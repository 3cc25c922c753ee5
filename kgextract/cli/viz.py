"""``kgextract viz``: the actor graph as a picture (HTML, SVG or PNG)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kgextract.cli.app import cli
from kgextract.cli.common import handle_errors, open_store, store_option

KINDS = ("supports", "opposes", "all")


@cli.command()
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help="graph.html (interactive page), graph.svg or graph.png (static "
    "pictures); - writes to stdout.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["html", "svg", "png"], case_sensitive=False),
    default=None,
    help="html, svg or png; needed only when FILE's suffix does not say it.",
)
@click.option(
    "--around",
    metavar="ENTITY",
    help="Only the entities at most --depth edges from this one (name or alias).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many edges away from --around to draw.",
)
@click.option(
    "--kind",
    type=click.Choice(KINDS, case_sensitive=False),
    default="all",
    show_default=True,
    help="Draw support edges, opposition edges, or both.",
)
@click.option(
    "--since", metavar="DATE", help="Only events on or after DATE (YYYY[-MM[-DD]])."
)
@click.option(
    "--until", metavar="DATE", help="Only events on or before DATE (YYYY[-MM[-DD]])."
)
@store_option
@handle_errors
def viz(output, format_, around, depth, kind, since, until, store_path):
    """Draw who supports or opposes whom: an offline HTML page (hover, click an
    edge for its evidence, filter, search) or an SVG/PNG picture for a report."""
    from kgextract.viz import actor_graph, render
    from kgextract.viz.render import format_for

    if format_ is None:
        format_ = "html" if output == "-" else format_for(Path(output).suffix)
        if format_ is None:
            raise click.UsageError(
                f"cannot tell the picture format from {output!r}; name the file "
                ".html, .svg or .png, or give --format"
            )
    with open_store(store_path) as store:
        graph = actor_graph(
            store,
            kind=kind.lower(),
            around=around,
            depth=depth,
            since=since,
            until=until,
        )
    if graph.number_of_edges() == 0:
        raise click.ClickException("nothing to draw: no support or opposition edges")
    title = _title(kind.lower(), around, depth, since, until)
    data = render(graph, format_.lower(), title)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from kgextract.query.export import write_atomically

        write_atomically(Path(output), lambda out: out.write(data))
    click.echo(
        f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} edges -> "
        f"{output}",
        err=True,
    )


def _title(kind, around, depth, since, until) -> str:
    what = {
        "supports": "Who supports whom",
        "opposes": "Who opposes whom",
        "all": "Who supports or opposes whom",
    }[kind]
    if around:
        what += f" around {around}" + (f" ({depth} steps)" if depth > 1 else "")
    if since or until:
        what += f", {since or '…'} to {until or 'now'}"
    return what
