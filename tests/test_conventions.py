"""The CLI as users of sqlite-utils and datasette expect it: every query prints
CSV, TSV or JSON lines, takes --limit and --since/--until; - is stdin or stdout;
formats follow file names; choices ignore case; what export writes, load reads;
tables stay readable at 80 columns; help is complete; a typo gets a "did you
mean". Each test is one of the problems a new user met (issue 16, "Measured")."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import ROOT

TWO_DATED = (
    '{"title": "Aid", "text": "Sweden sent weapons to Ukraine.", '
    '"date": "2024-05-01"}\n'
    '{"title": "Attack", "text": "Russia attacked Ukraine.", "date": "2024-06-10"}\n'
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run(*args, input=None, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env)


def ok(*args, **kwargs):
    result = run(*args, **kwargs)
    assert result.exit_code == 0, result.output
    return result


def on_terminal(*args, columns=80):
    """As on a terminal ``columns`` wide: rich sees one through FORCE_COLOR."""
    result = ok(*args, env={"FORCE_COLOR": "1", "COLUMNS": str(columns)})
    return ANSI.sub("", result.stdout), ANSI.sub("", result.stderr)


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory):
    """Two dated articles piped in as JSON Lines (`ingest -`), then the seed."""
    store = tmp_path_factory.mktemp("dated") / "kg"
    ok("ingest", "-", "--store", store, "-q", input=TWO_DATED)
    ok("ingest", ROOT / "seeds", "--store", store, "-q")
    return store


# --- output formats and --limit ----------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["query", "supports"],
        ["query", "opposes"],
        ["query", "events"],
        ["query", "relations"],
        ["query", "entities"],
        ["query", "articles"],
        ["query", "sparql", "SELECT ?e WHERE { ?e a kg:Event }"],
        ["stats", "--ingests"],
    ],
)
def test_every_query_prints_csv_tsv_and_json_lines_with_every_field(
    seed_store, command
):
    rows = json.loads(ok(*command, "--json", "--store", seed_store).stdout)
    assert rows, command
    fields = list(rows[0])
    for output, dialect in (("--csv", "excel"), ("--tsv", "excel-tab")):
        text = ok(*command, output, "--store", seed_store).stdout
        parsed = list(csv.DictReader(io.StringIO(text), dialect=dialect))
        assert list(parsed[0]) == fields
        assert len(parsed) == len(rows)
    lines = ok(*command, "--nl", "--store", seed_store).stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    limited = ok(*command, "--limit", "1", "--nl", "--store", seed_store).stdout
    assert [json.loads(line) for line in limited.splitlines()] == rows[:1]


def test_csv_cells_are_flat_lists_and_json_for_nested_fields(seed_store):
    text = ok(
        "query", "supports", "Ukraine", "--by", "Sweden", "--csv", "--store", seed_store
    ).stdout
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["supporter"] == "Sweden" and row["event_types"] == "AID"
    assert json.loads(row["amounts"]) == [
        {"value": 13300000000.0, "currency": "SEK"},
        {"value": 1300000000.0, "currency": "USD"},
    ]


def test_limit_also_cuts_the_table(seed_store):
    table = ok("query", "events", "--limit", "2", "--store", seed_store).stdout
    body = table.splitlines()[3:]  # title, header, rule
    assert len([line for line in body if line.strip()]) == 2


# --- dates -------------------------------------------------------------------------


def test_events_supports_and_articles_take_since_and_until(dated_store):
    june = json.loads(
        ok(
            "query", "events", "--since", "2024-06", "--json", "--store", dated_store
        ).stdout
    )
    assert [(e["actor"], e["verb"], e["target"]) for e in june] == [
        ("Russia", "attack", "Ukraine")
    ]
    may = json.loads(
        ok(
            "query", "supports", "--until", "2024-05", "--json", "--store", dated_store
        ).stdout
    )
    assert [(r["supporter"], r["target"]) for r in may] == [("Sweden", "Ukraine")]
    articles = json.loads(
        ok(
            "query",
            "articles",
            "--since",
            "2024-06-01",
            "--json",
            "--store",
            dated_store,
        ).stdout
    )
    assert [a["headline"] for a in articles] == ["Attack"]


def test_a_date_that_is_not_one_is_refused_in_one_line(dated_store):
    result = run("query", "events", "--since", "June", "--store", dated_store)
    assert result.exit_code == 1
    assert result.output == (
        "Error: since: 'June' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    )


# --- stdin and stdout --------------------------------------------------------------


def test_ingest_reads_stdin_named_by_a_hash_of_what_was_piped(dated_store):
    sources = {
        a["headline"]: a["source"]
        for a in json.loads(
            ok("query", "articles", "--json", "--store", dated_store).stdout
        )
    }
    assert re.fullmatch(r"stdin:[0-9a-f]{12}#1", sources["Aid"])
    assert re.fullmatch(r"stdin:[0-9a-f]{12}#2", sources["Attack"])
    again = ok("ingest", "-", "--store", dated_store, input=TWO_DATED)
    assert again.stderr.startswith("0 added, 0 replaced, 2 unchanged, 0 failed")


def test_plain_text_on_stdin_is_one_article(tmp_path):
    store = tmp_path / "kg"
    ok(
        "ingest",
        "-",
        "--store",
        store,
        "-q",
        input="Raid\n\nRussia attacked Ukraine.\n",
    )
    (article,) = json.loads(ok("query", "articles", "--json", "--store", store).stdout)
    assert article["headline"] == "Raid"
    assert article["source"].startswith("stdin:")


def test_export_to_dash_writes_stdout_and_no_file_named_dash(
    seed_store, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = ok("export", "-o", "-", "--format", "nt", "--store", seed_store)
    assert result.stdout.startswith("<https://w3id.org/kgextract/")
    assert list(tmp_path.iterdir()) == []


# --- formats by file name, aliases, any case ---------------------------------------


@pytest.mark.parametrize(
    "name, first_line",
    [
        ("g.nt", re.compile(r"<[^>]+> <[^>]+> .+ \.$")),
        ("g.nq", re.compile(r"<[^>]+> <[^>]+> .+ <[^>]+> \.$")),
        ("g.nquads", re.compile(r"<[^>]+> <[^>]+> .+ <[^>]+> \.$")),
        ("g.ttl", re.compile(r"@prefix ")),
        ("g.jsonld", re.compile(r"\{$")),
        ("g.graphml", re.compile(r"<\?xml ")),
    ],
)
def test_export_takes_the_format_from_the_file_name(
    seed_store, tmp_path, name, first_line
):
    ok("export", "-o", tmp_path / name, "--store", seed_store)
    line = (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line.match(line), line


@pytest.mark.parametrize(
    "alias", ["ttl", "TURTLE", "Turtle", "n-triples", "NQ", "json-ld"]
)
def test_export_formats_answer_to_aliases_in_any_case(seed_store, alias):
    ok("export", "--format", alias, "--store", seed_store)


def test_choices_ignore_case(seed_store):
    people = json.loads(
        ok(
            "query", "entities", "--type", "person", "--json", "--store", seed_store
        ).stdout
    )
    assert people and {p["type"] for p in people} == {"Person"}
    aid = json.loads(
        ok("query", "events", "--type", "aid", "--json", "--store", seed_store).stdout
    )
    assert aid and {e["type"] for e in aid} == {"AID"}
    ok("query", "relations", "--type", "WORKSFOR", "--store", seed_store)


# --- export and load round trip ----------------------------------------------------


def answers(store):
    stats = json.loads(ok("stats", "--json", "--store", store).stdout)
    return (
        {
            k: stats[k]
            for k in ("articles", "entities", "events", "mentions", "triples")
        },
        json.loads(ok("query", "supports", "--json", "--store", store).stdout),
        json.loads(ok("query", "events", "--json", "--store", store).stdout),
        json.loads(ok("query", "entities", "--json", "--store", store).stdout),
    )


@pytest.mark.parametrize(
    "suffix", [".nq", ".nquads", ".trig", ".jsonld", ".ttl", ".nt"]
)
def test_load_reads_every_format_export_writes(dated_store, tmp_path, suffix):
    """Three articles sharing Ukraine: the graphs of a triple format are rebuilt
    from each statement's article, and every query answers as before."""
    ok("export", "-o", tmp_path / f"g{suffix}", "--store", dated_store)
    loaded = tmp_path / "loaded"
    result = ok("load", tmp_path / f"g{suffix}", "--store", loaded)
    assert re.fullmatch(r"\d+ quads in 4 graphs -> .*\n", result.stderr)
    assert answers(loaded) == answers(dated_store)


def test_load_from_stdin_reads_n_quads(dated_store, tmp_path):
    dump = ok("export", "--format", "nquads", "--store", dated_store).stdout
    ok("load", "-", "--store", tmp_path / "kg", input=dump)
    assert answers(tmp_path / "kg") == answers(dated_store)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.ttl", "<a> <b> .\n", "not turtle: "),
        ("broken.nq", "<a> <b> <c> <g>\n", "not nquads: "),
        ("g.graphml", "<graphml/>", "graphml holds the entity network"),
        ("g.csv", "a,b\n", "cannot tell the format from the file name"),
        (
            "mine.ttl",
            "<http://x/a> <http://x/b> <http://x/c> .\n",
            "no kgextract article",
        ),
    ],
)
def test_a_failed_load_says_why_and_creates_no_store(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = run("load", tmp_path / name, "--store", tmp_path / "kg")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / name}: ")
    assert message in result.output and len(result.output.splitlines()) == 1
    assert not (tmp_path / "kg").exists()


# --- JSON-LD -----------------------------------------------------------------------


def test_jsonld_is_compacted_with_the_shipped_context(seed_store, tmp_path):
    ok("export", "-o", tmp_path / "g.jsonld", "--store", seed_store)
    document = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    shipped = json.loads((ROOT / "ontology" / "context.jsonld").read_text())
    assert document["@context"] == shipped["@context"]
    graphs = {graph["@id"]: graph["@graph"] for graph in document["@graph"]}
    (article_id,) = [name for name in graphs if name.startswith("kga:")]
    (article,) = [n for n in graphs[article_id] if n["@id"] == article_id]
    assert article["@type"] == ["kg:Article", "prov:Entity", "schema:NewsArticle"]
    assert isinstance(article["kg:characters"], int)  # a number, not "4998"
    events = [n for n in graphs[article_id] if "kg:Event" in n.get("@type", [])]
    assert events and all(isinstance(e["kg:negated"], bool) for e in events)
    assert all(isinstance(e["kg:startChar"], int) for e in events)
    assert all(e["kg:actor"]["@id"].startswith("kgid:") for e in events)


def test_jsonld_reads_back_as_the_same_quads_in_rdflib(seed_store, tmp_path):
    import rdflib

    ok("export", "-o", tmp_path / "g.jsonld", "--store", seed_store)
    ok("export", "-o", tmp_path / "g.nq", "--store", seed_store)
    from_jsonld, from_nquads = rdflib.Dataset(), rdflib.Dataset()
    from_jsonld.parse(tmp_path / "g.jsonld", format="json-ld")
    from_nquads.parse(tmp_path / "g.nq", format="nquads")
    assert set(from_jsonld.quads()) == set(from_nquads.quads())


# --- tables ------------------------------------------------------------------------


def test_at_80_columns_the_events_table_keeps_names_whole_and_rows_short(seed_store):
    text, _ = on_terminal("query", "events", "--type", "AID", "--store", seed_store)
    lines = text.splitlines()
    assert max(map(len, lines)) <= 80
    aid = json.loads(
        ok("query", "events", "--type", "AID", "--json", "--store", seed_store).stdout
    )
    assert len(aid) == 6  # the seed's aid events: sending, announcing, no bare "help"
    assert len(lines) <= 3 + 3 * len(aid)  # title, header, rule: 3 lines an event
    words = {
        w
        for e in aid
        for name in (e["actor"], e["target"])
        if name
        for w in name.split()
    }
    cells = {w for line in lines for w in line.split()}
    assert words <= cells  # every word of every name, never cut into letters


def test_at_80_columns_ingests_and_articles_give_the_width_to_text(
    seed_store, tmp_path
):
    deep = tmp_path / "a-rather-long-folder-name" / "with-another-long-folder-below"
    deep.mkdir(parents=True)
    shutil.copy(
        next((ROOT / "seeds").glob("*.txt")), deep / "article-with-a-long-name.txt"
    )
    store = tmp_path / "kg"
    ok("ingest", deep.resolve(), "--store", store, "-q")
    text, _ = on_terminal("stats", "--ingests", "--store", store)
    assert max(map(len, text.splitlines())) <= 80
    assert all(len(line.strip()) > 3 for line in text.splitlines() if line.strip())
    text, _ = on_terminal("query", "articles", "--store", store)
    assert "Ukraine Allies Back Arms and Advisers Going Deeper Into War" in " ".join(
        " ".join(text.split()).split("\n")
    )
    assert str(tmp_path) not in text


def test_entity_shows_roles_as_words_and_articles_by_headline(seed_store):
    text, _ = on_terminal(
        "query", "entity", "Olaf Scholz", "--store", seed_store, columns=100
    )
    assert "Chancellor (Germany)" in text
    assert '{"role"' not in text and "https://w3id.org/kgextract/article/" not in text
    assert "Ukraine Allies Back Arms and Advisers Going Deeper Into War" in text


def test_piped_tables_have_every_column_and_whole_sentences(seed_store):
    piped = ok("query", "events", "--type", "AID", "--store", seed_store).stdout
    header = piped.splitlines()[1].split()
    assert {"Object", "Hypothetical", "Sentence"} <= set(header)
    assert "Sweden announced its biggest-yet military support package" in piped
    assert "…" not in piped
    narrow, _ = on_terminal(
        "query", "events", "--type", "AID", "--wide", "--store", seed_store
    )
    assert narrow.splitlines()[1].split() == piped.splitlines()[1].split()


# --- help --------------------------------------------------------------------------


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_command_summaries_are_whole_sentences():
    for group, sentence in (
        ([], "Draw who supports or opposes whom: an offline HTML page"),
        (["query"], "Who acts against whom (TARGET: only who opposes it): attacks,"),
    ):
        text = ok(*group, "--help", env={"COLUMNS": "80"}).stdout
        listing = text.split("Commands:")[1]
        assert "..." not in listing and "…" not in listing
        assert sentence in " ".join(listing.split())


@pytest.mark.parametrize("path, command", list(_commands(cli)))
def test_every_option_has_help(path, command):
    missing = [
        param.name
        for param in command.params
        if isinstance(param, click.Option) and not param.help
    ]
    assert missing == [], path


@pytest.mark.parametrize("command", [["stats"], ["query", "entity"], ["info"]])
def test_json_help_says_object_where_an_object_is_printed(command):
    text = " ".join(ok(*command, "--help").stdout.split())
    assert "one JSON object" in text and "JSON array" not in text


# --- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["query", "supports", "Narnia"],
            "no entity named 'Narnia' in the store "
            "(kgextract query entities lists them)",
        ),
        (
            ["query", "supports", "Ukrain"],
            "no entity named 'Ukrain'; did you mean 'Ukraine'?",
        ),
        (
            ["query", "opposes", "--by", "Rusia"],
            "no entity named 'Rusia'; did you mean 'Russia'?",
        ),
        (
            ["query", "events", "--actor", "Swedn"],
            "no entity named 'Swedn'; did you mean 'Sweden'?",
        ),
        (
            ["query", "entity", "Olaf Sholz"],
            "no entity named 'Olaf Sholz'; did you mean 'Olaf Scholz'?",
        ),
        (
            ["export", "--format", "turtel"],
            "unknown serializer 'turtel' (did you mean 'turtle'?); choose one of: "
            "turtle, nt, nquads, trig, jsonld, graphml",
        ),
    ],
)
def test_an_unknown_name_gets_a_did_you_mean(seed_store, args, message):
    result = run(*args, "--store", seed_store)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


def test_a_name_with_spaces_around_it_is_the_name(seed_store):
    rows = json.loads(
        ok(
            "query", "opposes", "--by", " russia ", "--json", "--store", seed_store
        ).stdout
    )
    assert {row["opponent"] for row in rows} == {"Russia"}


# --- progress ----------------------------------------------------------------------


def test_ingest_export_and_load_show_total_percentage_and_eta_on_a_terminal(tmp_path):
    store = tmp_path / "kg"
    _, err = on_terminal("ingest", ROOT / "seeds", "--store", store, columns=120)
    assert re.search(r"100% +1/1 ETA", err), err
    _, err = on_terminal(
        "export", "-o", tmp_path / "g.nq", "--store", store, columns=120
    )
    assert re.search(r"exporting nquads .*100% +(\d+)/\1 ETA", err), err
    _, err = on_terminal(
        "load", tmp_path / "g.nq", "--store", tmp_path / "b", columns=120
    )
    assert re.search(r"reading nquads .*100% +(\d+)/\1 ETA", err), err


def test_piped_stderr_gets_no_progress_bar(tmp_path):
    result = ok("ingest", ROOT / "seeds", "--store", tmp_path / "kg")
    assert result.stderr.count("\n") == 1 and "ETA" not in result.stderr


# --- store counts, info, completion ------------------------------------------------


def test_a_fresh_store_reports_nothing_in_it(tmp_path):
    (tmp_path / "empty").mkdir()
    ok("ingest", tmp_path / "empty", "--store", tmp_path / "kg", "-q")
    stats = json.loads(ok("stats", "--json", "--store", tmp_path / "kg").stdout)
    assert stats == dict.fromkeys(
        ("articles", "entities", "events", "mentions", "triples", "quads"), 0
    )


def test_info_names_versions_model_and_what_the_store_holds(seed_store):
    text = ok("info", "--store", seed_store).stdout
    assert text.startswith("kgextract 0.1.0 (Python 3.")
    assert re.search(r"model: +en_core_web_sm\S* \d", text)
    assert "pyoxigraph" in text and "spacy" in text
    assert re.search(r"1 articles, \d+ entities, \d+ events", text)
    report = json.loads(ok("info", "--json", "--store", seed_store).stdout)
    assert report["store"]["articles"] == 1 and report["store"]["exists"] is True
    missing = json.loads(ok("info", "--json", "--store", "/nonexistent/kg").stdout)
    assert missing["store"]["exists"] is False


def test_shell_completion_completes_commands():
    program = Path(sys.executable).with_name("kgextract")
    env = {**os.environ, "_KGEXTRACT_COMPLETE": "bash_source"}
    script = subprocess.run([program], env=env, capture_output=True, text=True)
    assert "_kgextract_completion" in script.stdout
    env.update(
        _KGEXTRACT_COMPLETE="bash_complete", COMP_WORDS="kgextract qu", COMP_CWORD="1"
    )
    done = subprocess.run([program], env=env, capture_output=True, text=True)
    assert done.stdout.split() == ["plain,query"]
