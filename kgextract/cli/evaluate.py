"""``kgextract eval``: score the pipeline on gold suites."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kgextract.cli.app import cli
from kgextract.cli.common import (
    handle_errors,
)


@cli.command("eval")
@click.argument("suite", required=False)
@click.argument("gold", required=False, type=click.Path(dir_okay=False, path_type=Path))
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
    type=click.Choice(["test", "dev", "train", "all"], case_sensitive=False),
    help="The split of CoNLL04 or of the articles' gold (develop on dev; test is "
    "for the final figure).",
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
@click.option("--through-graph", is_flag=True,
              help="Code actors by the graph's links (actorState, country), "
              "not the extractor's internal codes.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@handle_errors
def eval_command(
    suite,
    gold,
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
    through_graph,
    as_json,
):
    """Score the pipeline on a gold suite, from the raw text of each record.

    Suites: petrarch-gsr, petrarch-unit, ud-petrarch, conll04 (test split by
    default), --file GOLD.json, or `articles GOLD.jsonl`: whole articles, their
    stance edges scored at actor and state level (benchmarks/gold/GUIDE.md).
    """
    from kgextract.eval import suites as evaluation

    if suite == "articles":
        from kgextract.eval.articles import format_articles_report, run_articles

        if gold is None:
            raise click.UsageError("eval articles needs a gold file: GOLD.jsonl")
        report = run_articles(gold, split=split, data=data, model=model)
        if as_json:
            click.echo(json.dumps(report.as_dict(with_errors=show_errors), indent=2))
        else:
            click.echo(format_articles_report(report, with_errors=show_errors))
        return
    if gold is not None:
        raise click.UsageError(f"suite {suite!r} takes no gold file; use --file")

    loaded = evaluation.load_suite(suite, file=gold_file, split=split, data=data)
    report = evaluation.run(
        loaded,
        model=model,
        actors=actors,
        agents=agents,
        verbs=verbs,
        discards=discards,
        code_unknown=code_unknown,
        through_graph=through_graph,
    )
    if as_json:
        click.echo(json.dumps(report.as_dict(with_errors=show_errors), indent=2))
        return
    click.echo(evaluation.format_report(report, with_errors=show_errors))
