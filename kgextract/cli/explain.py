"""``kgextract explain text|edge``: why the graph says what it says, as a tree.

Two questions, two subcommands, so that a sentence is never taken for two names:
``explain text "SENTENCE"`` reads a text as ``ingest`` would and shows the parse,
the names, who acts for whom, the rules that fired and the near misses
(:mod:`kgextract.nlp.explain`); ``explain edge ACTOR TARGET`` reads the store and
shows the events under an edge (:func:`kgextract.query.named.explain_edge`).
Both print one JSON object with ``--json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kgextract.cli.app import Group, cli
from kgextract.cli.common import (
    cell,
    checked_date,
    console,
    handle_errors,
    json_option,
    open_store,
    store_option,
)


class ExplainGroup(Group):
    """``explain`` wants the question first: a sentence given straight after it
    gets the usage in one line, not click's "No such command"."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            raise click.UsageError(
                'say what to explain first: kgextract explain text "SENTENCE" '
                "(why a text gives its events) or kgextract explain edge ACTOR "
                "TARGET (why the store has an edge)",
                ctx,
            )
        return super().resolve_command(ctx, args)


@cli.group(cls=ExplainGroup)
def explain() -> None:
    """Why: the events a text gives and misses (text), or an edge's evidence (edge).

    \b
    kgextract explain text "Sweden sent arms to Ukraine." --date 2024-05-31
    kgextract explain edge Sweden Ukraine --store news.kg
    """


@explain.command("text")
@click.argument("text")
@click.option(
    "--date",
    metavar="DATE",
    default=None,
    callback=lambda ctx, param, value: checked_date(value),
    help="The day the text was written (YYYY, YYYY-MM or YYYY-MM-DD): offices are "
    "read as of it, and 'on Friday' against it (default: today, as for an undated "
    "article).",
)
@click.option(
    "--model",
    envvar="KGEXTRACT_MODEL",
    default=None,
    help="Any installed spaCy pipeline (or $KGEXTRACT_MODEL), as for ingest.",
)
@click.option(
    "--aliases",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own gazetteer files, as for ingest (JSON Lines; repeatable).",
)
@click.option(
    "--no-parse",
    "without_parse",
    is_flag=True,
    help="Leave the parse tables out of the tree (the JSON keeps the tokens).",
)
@json_option(one_object=True)
@handle_errors
def explain_text(text, date, model, aliases, without_parse, as_json):
    """Why a text gives the events it gives: the parse, who each name is, whom each
    actor acts for, the constructions and lexicon lines that fired, and the near
    misses (lexicon words that gave no event, events that give no edge).

    TEXT is read as one article's body, as ingest reads it; - reads stdin.
    """
    from kgextract.nlp.explain import explain_text as run

    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        raise click.BadParameter("there is no text to explain", param_hint="TEXT")
    result = run(text, date, model=model, aliases=aliases)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    _print(_text_tree(result, parse=not without_parse))


@explain.command("edge")
@click.argument("actor")
@click.argument("target")
@store_option
@json_option(one_object=True)
@handle_errors
def explain_edge(actor, target, store_path, as_json):
    """Why the store says ACTOR supports or opposes TARGET: the edges at actor and
    state level, and each event under them with its sentence, article,
    construction and rule, the words that named each end and whom each acts for.

    Names resolve as in query supports (a name or alias, any case); an end also
    matches the state it acts for ("France" finds President Macron's acts).
    """
    from kgextract.query import named as queries

    with open_store(store_path) as store:
        result = queries.explain_edge(store, actor, target)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    _print(_edge_tree(result))


# -- trees ---------------------------------------------------------------------------


def _print(tree) -> None:
    """On a terminal, wrapped to its width; piped, one line per branch, whole,
    for grep (as the query tables are)."""
    terminal = console()
    if not terminal.is_terminal:
        terminal = console(width=100_000)
    terminal.print(tree)


def _line(*parts) -> object:
    """A label from (text, style) pairs and plain strings; user text is never
    read as rich markup."""
    from rich.text import Text

    return Text.assemble(*parts)


def _sources(sources: list[str] | None) -> str:
    return f" · {', '.join(sources)}" if sources else ""


def _text_tree(result: dict, *, parse: bool = True):
    from rich.tree import Tree

    as_of = result["read_as_of"] + (
        " (assumed: today)" if result["date_assumed"] else ""
    )
    root = Tree(_line(("explain text", "bold"), f" · read as of {as_of}"))
    for sentence in result["sentences"]:
        node = root.add(
            _line((f"Sentence {sentence['index'] + 1}: ", "bold"), sentence["text"])
        )
        if parse:
            node.add(_parse_table(sentence["tokens"]))
        _names(node.add(_line(("Names", "bold"))), sentence["mentions"])
        _actors(
            node.add(_line(("Who acts for whom", "bold"), f" (as of {as_of})")),
            sentence["actors"],
        )
        _events(node.add(_line(("Events", "bold"))), sentence["events"])
        misses = node.add(_line(("Near misses", "bold")))
        for miss in sentence["near_misses"]:
            where = " · ".join(
                part for part in (miss["construction"], miss["rule"]) if part
            )
            branch = misses.add(
                _line(
                    (f"'{miss['word']}'", "yellow"),
                    f" · {miss['reason']}",
                    f" ({where})" if where else "",
                )
            )
            branch.add(miss["why"])
        if not sentence["near_misses"]:
            misses.add("none")
    return root


def _parse_table(tokens: list[dict]):
    from rich import box
    from rich.table import Table

    by_index = {token["i"]: token["text"] for token in tokens}
    table = Table(
        title="Parse",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for header in ("#", "token", "lemma", "POS", "dep", "head", "NER"):
        table.add_column(header, no_wrap=True)
    for token in tokens:
        head = token["head"]
        table.add_row(
            str(token["i"]),
            token["text"],
            token["lemma"],
            token["pos"],
            token["dep"],
            "ROOT" if head == token["i"] else f"{by_index.get(head, '?')} ({head})",
            token["ner"] or "",
        )
    return table


def _names(node, mentions: list[dict]) -> None:
    for mention in mentions:
        label = f" [{mention['label']}]" if mention["label"] else ""
        branch = node.add(
            _line(
                (f"'{mention['text']}'", "cyan"),
                f"{label} → {mention['name']} ({mention['type']}) · {mention['how']}",
            )
        )
        branch.add(mention["why"] + _sources(mention["sources"]))
    if not mentions:
        node.add("no names")


def _actors(node, actors: list[dict]) -> None:
    for actor in actors:
        state = actor["acts_for_name"] or "no state"
        branch = node.add(
            _line((actor["name"] or actor["entity"], "cyan"), f" → {state}"),
        )
        branch.add(f"{actor['how']}: {actor['why']}" + _sources(actor["sources"]))
    if not actors:
        node.add("no actors")


def _events(node, events: list[dict]) -> None:
    for event in events:
        target = event["target_name"] or "no target"
        amounts = ", ".join(cell(amount) for amount in event["amounts"])
        branch = node.add(
            _line(
                (f"{event['type']} {event['cameo']}", "green"),
                f": {event['actor_name']} → {target}",
                f" · '{event['trigger']}'",
                f" · {amounts}" if amounts else "",
            )
        )
        if event["read_as"]:
            branch.add(f"read as {event['read_as']}")
        branch.add(
            f"construction {event['construction']} ({event['construction_source']})"
            f" · rule {event['rule']}"
        )
        moves = event["moves"]
        slots = [
            f"{slot} by move '{found['move']}'"
            for slot, found in moves.items()
            if found["move"]
        ]
        if event["target_inferred"]:
            slots.append("target inferred")
        if slots:
            branch.add(" · ".join(slots))
        for step in event["steps"]:
            changed = ", ".join(
                f"{name} {old} → {new}" for name, (old, new) in step["changed"].items()
            )
            branch.add(f"step {step['step']}: {changed}")
        for flag in event["flags"]:
            branch.add(flag)
        states = (
            f"acts for: {event['actor_name']} → {event['actor_state_name'] or 'none'}"
            f", {target} → {event['target_state_name'] or 'none'}"
        )
        branch.add(states)
        if event["edge"]:
            level = " (and at state level)" if event["state_edge"] else ""
            branch.add(
                _line(
                    ("edge: ", "bold"),
                    f"{event['actor_name']} {event['stance']} {target}{level}",
                )
            )
        else:
            branch.add(_line(("no edge: ", "bold"), event["no_edge"] or ""))
    if not events:
        node.add("no events")


def _edge_tree(result: dict):
    from rich.tree import Tree

    actor, target = result["actor"], result["target"]
    root = Tree(
        _line(
            ("explain edge", "bold"),
            f" · {_entities(actor)} → {_entities(target)}",
        )
    )
    edges = root.add(_line(("Edges", "bold")))
    for edge in result["edges"]:
        types = ", ".join(edge["event_types"])
        hypothetical = (
            f", {edge['hypothetical']} hypothetical" if edge["hypothetical"] else ""
        )
        edges.add(
            _line(
                (f"{edge['level']} level: ", "bold"),
                f"{edge['actor']} {edge['stance']} {edge['target']}",
                f" · {edge['events']} event{'s' if edge['events'] != 1 else ''}"
                f" ({types}{hypothetical})",
            )
        )
    if not result["edges"]:
        edges.add(
            f"none: no event of {_entities(actor)} toward {_entities(target)} "
            "supports or opposes it"
        )
    events = root.add(_line(("Events", "bold")))
    for event in result["events"]:
        _edge_event(events, event)
    if not result["events"]:
        events.add("none")
    return root


def _entities(named: dict) -> str:
    names = [entity["name"] or entity["iri"] for entity in named["entities"]]
    return " / ".join(names) or named["query"]


def _edge_event(node, event: dict) -> None:
    actor, target = event["actor"], event["target"]
    amounts = ", ".join(cell(amount) for amount in event["amounts"])
    counts = (
        f"counts at {' and '.join(event['counts_for'])} level"
        if event["counts_for"]
        else f"no edge: {event['no_edge']}"
    )
    branch = node.add(
        _line(
            (f"{event['type']} {event['cameo']}", "green"),
            f": {actor['name']} → {target['name'] if target else 'no target'}",
            f" · '{event['verb']}'",
            f" · {amounts}" if amounts else "",
            f" · {counts}",
        )
    )
    branch.add(_line(("sentence: ", "bold"), event["sentence"] or ""))
    headline = event["headline"] or event["source"] or event["article"]
    dated = f", dated {event['article_date']}" if event["article_date"] else ""
    as_of = event["read_as_of"] or "?"
    assumed = " (assumed)" if event["date_assumed"] else ""
    branch.add(
        _line(
            ("article: ", "bold"),
            f"{headline} ({event['source']}){dated}; offices read as of "
            f"{as_of}{assumed}",
        )
    )
    branch.add(
        _line(
            ("read by: ", "bold"),
            f"construction {event['construction']} · rule {event['rule']}",
        )
    )
    flags = [
        flag
        for flag, on in (
            ("negated", event["negated"]),
            (f"hypothetical ({event['modality']})", event["hypothetical"]),
        )
        if on
    ]
    if flags:
        branch.add(_line(("flags: ", "bold"), ", ".join(flags)))
    for role, end in (("actor", actor), ("target", target)):
        if end is None:
            continue
        words = ", ".join(
            f"'{m['text']}'" + (f" [{m['label']}]" if m["label"] else "")
            for m in end["mentions"]
        )
        if end.get("inferred"):
            said = "inferred, not named in the sentence"
        elif words:
            said = f"{words} → {end['name']}"
        else:
            said = f"{end['name']}, read from the sentence's words (no name of it)"
        branch.add(_line((f"{role}: ", "bold"), said))
    for role in ("actor", "target"):
        state = event[f"{role}_state"]
        text = state["why"] if state else "acts for no state on the article's date"
        branch.add(_line((f"{role}'s state: ", "bold"), text))
