"""The ``kgextract`` command group; each command lives in the module of its kind."""

from __future__ import annotations

import click

from kgextract import __version__


class Group(click.Group):
    """A group whose command list shows each command's whole first sentence,
    wrapped, instead of click's summary cut at 45 characters with "...", and
    whose subgroups are made the same way."""

    group_class = type  # ``@group.group()`` makes a Group too

    def format_commands(self, ctx: click.Context, formatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgextract")
def cli() -> None:
    """Turn news articles into one queryable RDF knowledge graph.

    Shell completion (bash; zsh and fish alike with zsh_source, fish_source):
    eval "$(_KGEXTRACT_COMPLETE=bash_source kgextract)" in ~/.bashrc.
    """
