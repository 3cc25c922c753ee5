"""``kgextract query …``: the named queries and raw SPARQL, as tables, JSON, CSV…"""

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
    output_options,
    snippet,
    store_option,
)
from kgextract.graph.vocab import ENTITY_TYPES, RELATION_PROPERTIES


@cli.group()
def query() -> None:
    """Ask the store: who supports or opposes whom, events, entities, SPARQL."""


STANCE_COLUMNS = [
    ("target", "Target"),
    ("target_state", "Target's state"),
    ("mentions", "Events"),
    ("articles", "Articles"),
    ("hypothetical", "Hyp."),
    ("event_types", "Types"),
    ("via", "Via"),
    ("amounts", "Amounts"),
]


def _first_evidence(row: dict) -> dict:
    evidence = row.get("evidence") or []
    return evidence[0] if evidence else {}


def _example(row: dict, width: int) -> str:
    """The first evidence sentence, shortened around its verb (narrow tables)."""
    first = _first_evidence(row)
    return snippet(first.get("sentence") or "", first.get("verb") or "", width)


def _stance_command(stance: str, first: str, help_text: str, by_help: str):
    """``query supports`` and ``query opposes``: one shape, two stances."""

    @click.argument("target", required=False)
    @click.option("--by", metavar="ACTOR", help=by_help)
    @click.option(
        "--level",
        type=click.Choice(["actor", "state"], case_sensitive=False),
        default="actor",
        show_default=True,
        help="actor: each edge at its most specific actor, with the state it acts "
        "for; state: the edges between states, through their office holders.",
    )
    @store_option
    @output_options()
    @handle_errors
    def command(target, by, level, store_path, output, limit, wide, since, until):
        from kgextract.query import named as queries

        with open_store(store_path) as store:
            rows = getattr(queries, stance)(
                store, target=target, by=by, since=since, until=until, level=level
            )
        columns = [
            (first, first.title()),
            (f"{first}_state", "State"),
            *STANCE_COLUMNS,
            ("example", "Evidence"),
        ]
        if output is None:  # the table's example: the first sentence
            rows = [
                {
                    **row,
                    "example": _first_evidence(row).get("sentence") or "",
                    "event_types": sorted(set(row.get("event_types") or [])),
                }
                for row in rows
            ]
        emit(
            rows,
            output,
            columns,
            stance.title(),
            limit=limit,
            wide=wide,
            shorten={"example": _example},
        )

    command.__doc__ = help_text
    return query.command(stance)(command)


supports = _stance_command(
    "supports",
    "supporter",
    "Who supports whom (TARGET: only who supports it), with evidence counts.",
    "Only what this actor (or an office holder acting for it) supports.",
)
opposes = _stance_command(
    "opposes",
    "opponent",
    "Who acts against whom (TARGET: only who opposes it): attacks, sanctions, "
    "threats, with evidence counts.",
    "Only whom this actor (or an office holder acting for it) opposes.",
)


@query.command()
@click.option("--actor", help="Events of this actor (a country includes its people).")
@click.option("--target", help="Events aimed at this entity.")
@click.option(
    "--type", "type_", metavar="TYPE", help="PLOVER type, any case: AID, ASSAULT…"
)
@click.option("--article", help="Events of one article (id, IRI or source path).")
@store_option
@output_options()
@handle_errors
def events(
    actor, target, type_, article, store_path, output, limit, wide, since, until
):
    """What happened: type, actor, target, verb, object, date, sentence."""
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        rows = queries.events(
            store,
            actor=actor,
            type=type_,
            target=target,
            article=article,
            since=since,
            until=until,
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
    emit(
        rows,
        output,
        columns,
        "Events",
        limit=limit,
        wide=wide,
        shorten={
            "sentence": lambda row, width: snippet(
                row["sentence"] or "", row["verb"], width
            )
        },
    )


@query.command()
@click.argument("name", required=False)
@click.option(
    "--type",
    "type_",
    metavar="RELATION",
    help="Only this relation, any case: "
    + ", ".join(RELATION_PROPERTIES.values())
    + ".",
)
@store_option
@output_options()
@handle_errors
def relations(name, type_, store_path, output, limit, wide, since, until):
    """Who works for, is based in, is located in, lives in or killed whom (NAME: only
    facts about that entity), with the sentences that say so."""
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        rows = queries.relations(store, name=name, type=type_, since=since, until=until)
    if output is None:
        rows = [
            {**row, "example": row["evidence"][0]["sentence"] or ""} for row in rows
        ]
    columns = [
        ("subject", "Subject"),
        ("relation", "Relation"),
        ("object", "Related to"),
        ("mentions", "Mentions"),
        ("articles", "Articles"),
        ("confidence", "Confidence"),
        ("example", "Evidence"),
    ]
    emit(
        rows,
        output,
        columns,
        "Relations",
        limit=limit,
        wide=wide,
        shorten={
            "example": lambda row, width: snippet(
                row["example"], row["subject"] or "", width
            )
        },
    )


@query.command()
@click.option(
    "--type",
    "type_",
    type=click.Choice(ENTITY_TYPES, case_sensitive=False),
    help="Only entities of this type (any case).",
)
@click.option(
    "--suspects",
    is_flag=True,
    help="Pairs that may be one entity but were not merged (fix with --aliases).",
)
@click.option(
    "--unmentioned",
    is_flag=True,
    help="Also the entities only the dictionaries bring (a minister's state).",
)
@store_option
@output_options()
@handle_errors
def entities(
    type_, suspects, unmentioned, store_path, output, limit, wide, since, until
):
    """The entities the articles mention, most mentioned first, with aliases and
    affiliations."""
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
        emit(rows, output, columns, "Possible duplicates", limit=limit, wide=wide)
        return
    with open_store(store_path) as store:
        rows = queries.entities(
            store, type=type_, since=since, until=until, unmentioned=unmentioned
        )
    columns = [
        ("name", "Name"),
        ("type", "Type"),
        ("mentions", "Mentions"),
        ("articles", "Articles"),
        ("affiliations", "Affiliations"),
        ("memberships", "Member of"),
        ("aliases", "Aliases"),
    ]
    emit(rows, output, columns, "Entities", limit=limit, wide=wide)


@query.command()
@click.argument("name")
@store_option
@json_option(one_object=True)
@handle_errors
def entity(name, store_path, as_json):
    """One entity by name or alias: type, ids, aliases, roles, mentions, articles."""
    from rich.table import Table

    from kgextract.query import named as queries

    with open_store(store_path) as store:
        row = queries.entity(store, name)
        if row is None:
            fail(queries.unknown_entity(store, name))
        headlines = {article["article"]: article for article in queries.articles(store)}
    if as_json:
        click.echo(json.dumps(row, ensure_ascii=False, indent=2))
        return
    table = Table(title=row["name"], show_header=False, title_justify="left")
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for field in ("type", "iri", "ids", "aliases", "affiliations"):
        table.add_row(field, cell(row.get(field)))
    roles = [
        role["role"] + (f" ({role['organization']})" if role["organization"] else "")
        for role in row.get("roles") or []
    ]
    table.add_row("roles", "; ".join(roles))
    table.add_row("mentions", cell(row.get("mentions")))
    table.add_row("events", cell(row.get("events")))
    articles = []
    for iri in row.get("article_list") or []:
        article = headlines.get(iri, {})
        date = f" ({article['date']})" if article.get("date") else ""
        articles.append(f"{article.get('headline') or iri}{date}")
    table.add_row("articles", "\n".join(articles))
    console().print(table)


@query.command()
@store_option
@output_options()
@handle_errors
def articles(store_path, output, limit, wide, since, until):
    """What is in the store: headline, date, source, counts."""
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        rows = queries.articles(store, since=since, until=until)
    columns = [
        ("id", "Id"),
        ("headline", "Headline"),
        ("date", "Date"),
        ("source", "Source"),
        ("chars", "Chars"),
        ("entities", "Entities"),
        ("events", "Events"),
    ]
    emit(rows, output, columns, "Articles", limit=limit, wide=wide)


@query.command("sparql")
@click.argument("text", required=False)
@click.option(
    "-f",
    "--file",
    "file_",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from this file (- for stdin) instead of TEXT.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE send requests to the hosts the query names (refused without).",
)
@store_option
@output_options(dates=False)
@handle_errors
def sparql_command(text, file_, allow_service, store_path, output, limit, wide):
    """Raw SPARQL over the store (the default graph is the union of all articles).

    Dates are filtered in the query itself, e.g. on kg:dateStart. SERVICE
    (federated query) is refused unless --allow-service is given.
    """
    from kgextract.query import named as queries

    if file_ is not None:
        text = file_.read()
    if not text:
        fail("give a query as an argument or with -f FILE")
    with open_store(store_path) as store:
        variables, rows = queries.sparql(store, text, allow_service=allow_service)
    emit(rows, output, [(v, v) for v in variables], "Results", limit=limit, wide=wide)
