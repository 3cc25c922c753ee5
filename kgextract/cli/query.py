"""``kgextract query …``: the named queries and raw SPARQL, as tables or JSON."""

from __future__ import annotations

import json

import click

from kgextract.cli.app import cli
from kgextract.cli.common import (
    cell,
    console,
    emit,
    fail,
    handle_errors,
    json_option,
    open_store,
    snippet,
    store_option,
)


@cli.group()
def query() -> None:
    """Ask the store: who supports or opposes whom, events, entities, SPARQL."""


STANCE_COLUMNS = [
    ("target", "Target"),
    ("mentions", "Events"),
    ("articles", "Articles"),
    ("hypothetical", "Hyp."),
    ("event_types", "Types"),
    ("via", "Via"),
    ("amounts", "Amounts"),
]


def _with_example(rows):
    """Table rows: the first evidence sentence, shortened around its verb."""
    for row in rows:
        evidence = row.get("evidence") or []
        first = evidence[0] if evidence else {}
        yield {
            **row,
            "example": snippet(first.get("sentence", ""), first.get("verb", "")),
            "event_types": sorted(set(row.get("event_types") or [])),
        }


def _stance_command(stance: str, first: str, help_text: str, by_help: str):
    """``query supports`` and ``query opposes``: one shape, two stances."""

    @click.argument("target", required=False)
    @click.option("--by", help=by_help)
    @store_option
    @json_option
    @handle_errors
    def command(target, by, store_path, as_json):
        from kgextract.query import named as queries

        with open_store(store_path) as store:
            rows = getattr(queries, stance)(store, target=target, by=by)
        columns = [(first, first.title()), *STANCE_COLUMNS, ("example", "Evidence")]
        table_rows = rows if as_json else list(_with_example(rows))
        emit(table_rows, as_json, columns, stance.title())

    command.__doc__ = help_text
    return query.command(stance)(command)


supports = _stance_command(
    "supports",
    "supporter",
    "Who supports whom (TARGET: only who supports it), with evidence counts.",
    "Only what this actor supports.",
)
opposes = _stance_command(
    "opposes",
    "opponent",
    "Who acts against whom (TARGET: only who opposes it): attacks, sanctions…",
    "Only whom this actor opposes.",
)


@query.command()
@click.option("--actor", help="Events of this actor (a country includes its people).")
@click.option("--target", help="Events aimed at this entity.")
@click.option("--type", "type_", help="PLOVER type, e.g. AID, ASSAULT.")
@click.option("--article", help="Events of one article (id or IRI).")
@store_option
@json_option
@handle_errors
def events(actor, target, type_, article, store_path, as_json):
    """What happened: type, actor, target, verb, object, sentence."""
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        rows = queries.events(
            store, actor=actor, type=type_, target=target, article=article
        )
    columns = [
        ("type", "Type"),
        ("actor", "Actor"),
        ("verb", "Verb"),
        ("target", "Target"),
        ("object", "Object"),
        ("hypothetical", "Hypothetical"),
        ("negated", "Negated"),
        ("amounts", "Amounts"),
        ("date", "Date"),
        ("sentence", "Sentence"),
    ]
    emit(rows, as_json, columns, "Events")


@query.command()
@click.argument("name", required=False)
@click.option(
    "--type",
    "type_",
    help="worksFor, basedIn, locatedIn, livesIn or killed.",
)
@store_option
@json_option
@handle_errors
def relations(name, type_, store_path, as_json):
    """Who works for, is based in, is located in, lives in or killed whom (NAME: only
    facts about that entity), with the sentences that say so."""
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        rows = queries.relations(store, name=name, type=type_)
    table_rows = (
        rows
        if as_json
        else [
            {
                **row,
                "example": snippet(
                    row["evidence"][0]["sentence"] or "", row["subject"] or ""
                ),
            }
            for row in rows
        ]
    )
    columns = [
        ("subject", "Subject"),
        ("relation", "Relation"),
        ("object", "Related to"),
        ("mentions", "Mentions"),
        ("articles", "Articles"),
        ("confidence", "Confidence"),
        ("example", "Evidence"),
    ]
    emit(table_rows, as_json, columns, "Relations")


@query.command()
@click.option(
    "--type",
    "type_",
    type=click.Choice(["Country", "Organization", "Person", "Place", "Group"]),
)
@click.option(
    "--suspects",
    is_flag=True,
    help="Pairs that may be one entity but were not merged (fix with --aliases).",
)
@store_option
@json_option
@handle_errors
def entities(type_, suspects, store_path, as_json):
    """The entities, most mentioned first, with aliases and affiliations."""
    from kgextract.query import named as queries

    if suspects:
        with open_store(store_path) as store:
            rows = queries.suspects(store)
        if type_:
            rows = [r for r in rows if type_ in (r["type"], r["other_type"])]
        columns = [
            ("entity", "Entity"),
            ("type", "Type"),
            ("mentions", "Mentions"),
            ("other", "Maybe the same as"),
            ("other_type", "Type"),
            ("other_mentions", "Mentions"),
            ("reason", "Why"),
        ]
        emit(rows, as_json, columns, "Possible duplicates")
        return
    with open_store(store_path) as store:
        rows = queries.entities(store, type=type_)
    columns = [
        ("name", "Name"),
        ("type", "Type"),
        ("mentions", "Mentions"),
        ("articles", "Articles"),
        ("affiliations", "Affiliations"),
        ("aliases", "Aliases"),
    ]
    emit(rows, as_json, columns, "Entities")


@query.command()
@click.argument("name")
@store_option
@json_option
@handle_errors
def entity(name, store_path, as_json):
    """One entity by name or alias: type, ids, aliases, roles, mentions."""
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        row = queries.entity(store, name)
    if row is None:
        fail(f"no entity named {name!r} in {store_path}")
    if as_json:
        click.echo(json.dumps(row, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title=row["name"], show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for field in ("type", "iri", "ids", "aliases", "affiliations", "roles", "mentions"):
        table.add_row(field, cell(row.get(field)))
    table.add_row("events", cell(row.get("events")))
    table.add_row("articles", cell(row.get("article_list")))
    console().print(table)


@query.command()
@store_option
@json_option
@handle_errors
def articles(store_path, as_json):
    """What is in the store: headline, date, source, counts."""
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        rows = queries.articles(store)
    columns = [
        ("id", "Id"),
        ("headline", "Headline"),
        ("date", "Date"),
        ("source", "Source"),
        ("chars", "Chars"),
        ("entities", "Entities"),
        ("events", "Events"),
    ]
    emit(rows, as_json, columns, "Articles")


@query.command("sparql")
@click.argument("text", required=False)
@click.option("-f", "--file", "file_", type=click.File("r", encoding="utf-8"))
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE send requests to the hosts the query names (refused without).",
)
@store_option
@json_option
@handle_errors
def sparql_command(text, file_, allow_service, store_path, as_json):
    """Raw SPARQL over the store (the default graph is the union of all articles).

    SERVICE (federated query) is refused unless --allow-service is given."""
    from kgextract.query import named as queries

    if file_ is not None:
        text = file_.read()
    if not text:
        fail("give a query as an argument or with -f FILE")
    with open_store(store_path) as store:
        variables, rows = queries.sparql(store, text, allow_service=allow_service)
    emit(rows, as_json, [(v, v) for v in variables], "Results")
