"""The command line: parse options, call one library function, print the result.

Data goes to stdout (a rich table, or JSON with ``--json``); progress and errors go to
stderr. Errors are one line, never a traceback. ``query`` and ``export`` do not import
spaCy, so they start fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from kgextract import __version__
from kgextract.errors import KgExtractError
from kgextract.ingest import engines

STORE_ENV = "KGEXTRACT_STORE"
DEFAULT_STORE = ".kgextract"


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = 1) -> None:
    """One line on stderr, then exit."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def handle_errors(func):
    """Turn KgExtractError into a one-line error and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KgExtractError as err:
            fail(str(err))
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper


def store_option(func):
    return click.option(
        "--store",
        "store_path",
        envvar=STORE_ENV,
        default=DEFAULT_STORE,
        show_default=True,
        metavar="DIR",
        help=f"The store directory, or a SPARQL endpoint http://… (or ${STORE_ENV}).",
    )(func)


def json_option(func):
    return click.option(
        "--json", "as_json", is_flag=True, help="Print a JSON array on stdout instead."
    )(func)


def _open(store_path: str, *, create: bool = False, read_only: bool = True):
    from kgextract.store import open_store

    return open_store(store_path, create=create, read_only=read_only and not create)


NARROW = 110
SECONDARY_HEADERS = frozenset(
    {"Evidence", "Via", "Hyp.", "Articles", "Object", "Hypothetical", "Negated"}
    | {"Aliases", "Source", "Id"}
)


def _emit(rows, as_json: bool, columns: list[tuple[str, str]], title: str) -> None:
    """A rich table of ``columns`` (field, header), or the rows as JSON."""
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    wide_headers = ("Evidence", "Sentence", "Headline")
    console = _console()
    table = Table(
        title=title,
        title_justify="left",
        expand=console.width >= 120 and any(h in wide_headers for _, h in columns),
    )
    # A column empty in every row would only take width from the others, and on a
    # narrow terminal the secondary ones go (--json always has every field).
    shown = [c for c in columns if any(_cell(row.get(c[0])) for row in rows)]
    if console.width < NARROW:
        shown = [c for c in shown if c[1] not in SECONDARY_HEADERS]
    columns = shown or columns
    for _, header in columns:
        wide = header in wide_headers
        table.add_column(header, overflow="fold", ratio=2 if wide else None)
    for row in rows:
        table.add_row(*(_cell(row.get(field)) for field, _ in columns))
    if rows:
        console.print(table)
    else:
        console.print(f"{title}: nothing found.")


def _human_number(value: float) -> str:
    """13300000000.0 -> "13.3bn": how news writes money, for tables only."""
    for factor, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(value) >= factor:
            return f"{value / factor:,.4g}{unit}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if "value" in value and "currency" in value:
            return f"{_human_number(value['value'])} {value['currency']}"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgextract")
def cli() -> None:
    """Turn news articles into one queryable RDF knowledge graph."""


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
@handle_errors
def ingest(
    paths, store_path, model, aliases, force, quiet, jobs, engine, scheduler, spill
):
    """Read articles (text, HTML, JSON Lines, RSS/Atom, folders) into the store.

    Exits 1 when any file or article failed; the others are stored all the same.
    """
    from kgextract.ingest.orchestrator import ingest as run

    err = _console(stderr=True)
    aliases = tuple(path.resolve() for path in aliases)

    def on_item(status, item):
        if status == "failed":
            click.echo(f"Error: {item}", err=True)

    if engine != "dask" and (scheduler or spill):
        raise click.UsageError("--scheduler and --spill need --engine dask")
    options = {"force": force, "aliases": aliases, "jobs": jobs, "model": model}
    options.update(engine=engine, scheduler=scheduler, spill=spill)
    with _open(store_path, create=True, read_only=False) as store:
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


def snippet(sentence: str, word: str, width: int = 80) -> str:
    """A window of the sentence around ``word`` (a verb's lemma), for narrow tables."""
    if len(sentence) <= width:
        return sentence
    at = sentence.lower().find(word[: max(3, len(word) - 2)].lower()) if word else -1
    start = max(0, min(at - width // 3, len(sentence) - width)) if at >= 0 else 0
    end = start + width
    if start > 0 and " " in sentence[start : start + 15]:
        start = sentence.index(" ", start) + 1  # whole words only
    if end < len(sentence) and " " in sentence[end - 15 : end]:
        end = sentence.rindex(" ", 0, end)
    text = sentence[start:end].strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(sentence) else "")


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

        with _open(store_path) as store:
            rows = getattr(queries, stance)(store, target=target, by=by)
        columns = [(first, first.title()), *STANCE_COLUMNS, ("example", "Evidence")]
        table_rows = rows if as_json else list(_with_example(rows))
        _emit(table_rows, as_json, columns, stance.title())

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

    with _open(store_path) as store:
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
    _emit(rows, as_json, columns, "Events")


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

    with _open(store_path) as store:
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
    _emit(table_rows, as_json, columns, "Relations")


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
        with _open(store_path) as store:
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
        _emit(rows, as_json, columns, "Possible duplicates")
        return
    with _open(store_path) as store:
        rows = queries.entities(store, type=type_)
    columns = [
        ("name", "Name"),
        ("type", "Type"),
        ("mentions", "Mentions"),
        ("articles", "Articles"),
        ("affiliations", "Affiliations"),
        ("aliases", "Aliases"),
    ]
    _emit(rows, as_json, columns, "Entities")


@query.command()
@click.argument("name")
@store_option
@json_option
@handle_errors
def entity(name, store_path, as_json):
    """One entity by name or alias: type, ids, aliases, roles, mentions."""
    from kgextract.query import named as queries

    with _open(store_path) as store:
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
        table.add_row(field, _cell(row.get(field)))
    table.add_row("events", _cell(row.get("events")))
    table.add_row("articles", _cell(row.get("article_list")))
    _console().print(table)


@query.command()
@store_option
@json_option
@handle_errors
def articles(store_path, as_json):
    """What is in the store: headline, date, source, counts."""
    from kgextract.query import named as queries

    with _open(store_path) as store:
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
    _emit(rows, as_json, columns, "Articles")


@query.command("sparql")
@click.argument("text", required=False)
@click.option("-f", "--file", "file_", type=click.File("r", encoding="utf-8"))
@store_option
@json_option
@handle_errors
def sparql_command(text, file_, store_path, as_json):
    """Raw SPARQL over the store (the default graph is the union of all articles)."""
    from kgextract.query import named as queries

    if file_ is not None:
        text = file_.read()
    if not text:
        fail("give a query as an argument or with -f FILE")
    with _open(store_path) as store:
        variables, rows = queries.sparql(store, text)
    _emit(rows, as_json, [(v, v) for v in variables], "Results")


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
    with _open(store_path) as store:
        count = run(store, format_, output)
    if output is not None:
        click.echo(f"{count} statements -> {output}", err=True)


@cli.command()
@click.option("--ingests", is_flag=True, help="What each ingest did, oldest first.")
@store_option
@json_option
@handle_errors
def stats(ingests, store_path, as_json):
    """How much is in the store: articles, entities, events, triples; with
    --ingests, what each ingest did (added, replaced, unchanged, failed)."""
    from kgextract.query import named as queries

    with _open(store_path) as store:
        runs = store.ingests()
        row = None if ingests else queries.stats(store)
    if ingests:
        columns = [
            ("started", "Started"),
            ("seconds", "Seconds"),
            ("added", "Added"),
            ("replaced", "Replaced"),
            ("skipped", "Unchanged"),
            ("failed", "Failed"),
            ("events", "Events"),
            ("paths", "Paths"),
        ]
        _emit(runs, as_json, columns, "Ingests")
        return
    if as_json:
        click.echo(json.dumps(row, indent=2))
        return
    for key, value in row.items():
        click.echo(f"{key:>9}: {value}")
    if runs:
        last = runs[-1]
        click.echo(
            f"last ingest {last.get('started')}: {last.get('added', 0)} added, "
            f"{last.get('replaced', 0)} replaced, {last.get('skipped', 0)} unchanged, "
            f"{last.get('failed', 0)} failed (all: kgextract stats --ingests)"
        )


@cli.command()
@click.argument("target")
@store_option
@handle_errors
def remove(target, store_path):
    """Delete an article (by id, IRI or source path/URL) and all it alone stated.

    A file of many articles (JSON Lines, a feed) removes all of them.
    """
    from kgextract.ingest.orchestrator import remove as run

    with _open(store_path, read_only=False) as store:
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
    with _open(store_path, create=True, read_only=False) as store:
        graphs, quads = store.load(file)
    click.echo(f"{quads} quads in {graphs} graphs -> {store_path}", err=True)


@cli.command("eval")
@click.argument("suite", required=False)
@click.option(
    "--file",
    "gold_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A gold set in kgextract's JSON format instead of a named suite.",
)
@click.option(
    "--split",
    default="test",
    show_default=True,
    type=click.Choice(["test", "dev", "train"]),
    help="CoNLL04 split (develop on dev; test is for the final figure).",
)
@click.option("--actors", multiple=True, type=click.Path(path_type=Path),
              help="A PETRARCH actor dictionary (repeatable).")  # fmt: skip
@click.option("--agents", multiple=True, type=click.Path(path_type=Path),
              help="A PETRARCH agent dictionary (repeatable).")  # fmt: skip
@click.option("--verbs", multiple=True, type=click.Path(path_type=Path),
              help="A PETRARCH verb dictionary (repeatable); its verbs take "
                   "precedence over the lexicon's.")  # fmt: skip
@click.option("--discards", multiple=True, type=click.Path(path_type=Path),
              help="A PETRARCH discard list (repeatable).")  # fmt: skip
@click.option("--data", type=click.Path(path_type=Path), default=None,
              help="Folder of the suites (or $KGEXTRACT_EVAL_DATA).")  # fmt: skip
@click.option("--model", envvar="KGEXTRACT_MODEL", default=None,
              help="Any installed spaCy pipeline (or $KGEXTRACT_MODEL).")  # fmt: skip
@click.option("--errors", "show_errors", is_flag=True,
              help="List misses and false alarms with their sentences.")  # fmt: skip
@click.option("--code-unknown", is_flag=True,
              help="Also code events with an unknown actor (---).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@handle_errors
def eval_command(
    suite,
    gold_file,
    split,
    actors,
    agents,
    verbs,
    discards,
    data,
    model,
    show_errors,
    code_unknown,
    as_json,
):
    """Score the pipeline on a gold suite, from the raw text of each record.

    Suites: petrarch-gsr, petrarch-unit, ud-petrarch, conll04 (test split by
    default), or --file GOLD.json.
    """
    from kgextract.eval import suites as evaluation

    loaded = evaluation.load_suite(suite, file=gold_file, split=split, data=data)
    report = evaluation.run(
        loaded,
        model=model,
        actors=actors,
        agents=agents,
        verbs=verbs,
        discards=discards,
        code_unknown=code_unknown,
    )
    if as_json:
        click.echo(json.dumps(report.as_dict(with_errors=show_errors), indent=2))
        return
    click.echo(evaluation.format_report(report, with_errors=show_errors))


def main() -> None:
    """Entry point: a user's mistake is one line; a bug, one line and a hint."""
    if os.environ.get("KGEXTRACT_DEBUG"):
        cli()
        return
    try:
        cli()
    except KgExtractError as err:
        fail(str(err))
    except Exception as err:  # noqa: BLE001 - a bug still must not print a traceback
        fail(
            f"internal error: {type(err).__name__}: {err} "
            "(run again with KGEXTRACT_DEBUG=1 for the traceback, and report it)",
            2,
        )
