"""The command line as a user meets it: bad input, exit codes, help, one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import SEEDS

GOOD = (SEEDS / "000_a9412eb69c318b0a.txt").read_text(encoding="utf-8")


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", "-q", *map(str, args)])


def articles(store):
    result = CliRunner().invoke(
        cli, ["query", "articles", "--json", "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def error_lines(result):
    return [line for line in result.output.splitlines() if line.startswith("Error:")]


@pytest.mark.parametrize(
    "name, content, cause",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \n", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        (
            "latin1.txt",
            "Caf\xe9 news\n\nThe caf\xe9 opened.".encode("latin-1"),
            "UTF-8",
        ),
        (
            "broken.jsonl",
            b'{"title": "A", "text": "Russia attacked Ukraine."}\n{"title": ',
            "line 2",
        ),
    ],
)
def test_bad_file_is_named_and_the_good_one_still_goes_in(
    tmp_path, name, content, cause
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / name).write_bytes(content)
    store = tmp_path / "store"
    result = ingest(folder, "--store", store)
    assert result.exit_code == 1
    (line,) = [line for line in error_lines(result) if name in line]
    assert cause in line
    assert "Traceback" not in result.output
    headlines = {row["headline"] for row in articles(store)}
    assert "Ukraine Allies Back Arms and Advisers Going Deeper Into War" in headlines


def test_an_unreadable_html_page_does_not_sink_the_text_beside_it(
    tmp_path, monkeypatch
):
    """The README's install once lacked lxml's HTML cleaner: every page raised
    ImportError, the run exited 2 and stored nothing, the text files included."""
    from kgextract.readers import readers

    def broken_html_reader(path):
        raise ImportError("lxml.html.clean module is now a separate project")
        yield  # pragma: no cover

    monkeypatch.setitem(readers._items, "html", broken_html_reader)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "page.html").write_text("<html><p>A page.</p></html>", encoding="utf-8")
    store = tmp_path / "store"
    result = ingest(folder, "--store", store)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert line == (
        f"Error: {folder / 'page.html'}: could not be read (ImportError: "
        "lxml.html.clean module is now a separate project)"
    )
    assert len(articles(store)) == 1


def test_missing_path_is_an_error_naming_it(tmp_path):
    result = ingest(tmp_path / "nope", "--store", tmp_path / "store")
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "nope" in line and "no such file" in line.lower()


def test_malformed_html_without_text_is_an_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>x</title></head><body><div><script>", "utf-8")
    result = ingest(page, "--store", tmp_path / "store")
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "page.html" in line


def test_a_directory_that_is_not_a_store_is_refused(tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"\xff\xd8\xff")
    result = ingest(SEEDS, "--store", other)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert str(other) in line
    assert (other / "cat.jpg").read_bytes() == b"\xff\xd8\xff"


def test_query_without_a_store_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(
        cli, ["query", "supports", "--store", str(tmp_path / "none")]
    )
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "ingest" in line


def test_bad_sparql_is_one_line(seed_store):
    result = CliRunner().invoke(
        cli, ["query", "sparql", "SELEC ?x WHERE {", "--store", str(seed_store)]
    )
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1
    assert "Traceback" not in result.output


def test_sparql_select_as_json(seed_store):
    query = (
        "PREFIX kg: <https://w3id.org/kgextract/ns#> "
        "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"
    )
    result = CliRunner().invoke(
        cli, ["query", "sparql", query, "--json", "--store", str(seed_store)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": 1}]


def test_unknown_export_format_lists_the_valid_ones(seed_store):
    result = CliRunner().invoke(
        cli, ["export", "--format", "xml", "--store", str(seed_store)]
    )
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "turtle" in line and "graphml" in line


def test_query_json_prints_only_json(seed_store):
    result = CliRunner().invoke(
        cli, ["query", "supports", "--json", "--store", str(seed_store)]
    )
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), list)


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", list(_commands(cli)))
def test_every_command_has_help(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["query", "supports", "--json"],
        ["query", "entities", "--json"],
        ["export", "--format", "turtle"],
        ["stats"],
    ],
)
def test_query_and_export_start_without_spacy_or_rdflib(seed_store, args):
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from kgextract.cli import cli\n"
        f"args = {args!r} + ['--store', {str(seed_store)!r}]\n"
        "result = CliRunner().invoke(cli, args)\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('spacy', 'rdflib') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


TWO_ARTICLES = SEEDS.parent / "tests" / "fixtures" / "queries" / "two_articles.trig"


def test_query_relations_reads_a_loaded_graph(tmp_path):
    store = str(tmp_path / "kg")
    loaded = CliRunner().invoke(cli, ["load", str(TWO_ARTICLES), "--store", store])
    assert loaded.exit_code == 0, loaded.output
    result = CliRunner().invoke(
        cli, ["query", "relations", "--type", "worksFor", "--json", "--store", store]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["subject"], r["relation"], r["confidence"]) for r in rows] == [
        ("Jens Stoltenberg", "worksFor", 0.91)
    ]
    refused = CliRunner().invoke(
        cli, ["query", "relations", "--type", "marriedTo", "--store", store]
    )
    assert refused.exit_code == 1
    assert "unknown relation type 'marriedTo'" in refused.output
    assert "Traceback" not in refused.output


def test_stats_shows_what_each_ingest_did(tmp_path):
    store = str(tmp_path / "kg")
    for _ in range(2):
        done = CliRunner().invoke(cli, ["ingest", "-q", str(SEEDS), "--store", store])
        assert done.exit_code == 0, done.output
    result = CliRunner().invoke(cli, ["stats", "--ingests", "--json", "--store", store])
    assert result.exit_code == 0, result.output
    runs = [
        {key: run[key] for key in ("paths", "added", "replaced", "skipped", "failed")}
        for run in json.loads(result.output)
    ]
    assert runs == [
        {"paths": [str(SEEDS)], "added": 1, "replaced": 0, "skipped": 0, "failed": 0},
        {"paths": [str(SEEDS)], "added": 0, "replaced": 0, "skipped": 1, "failed": 0},
    ]
    summary = CliRunner().invoke(cli, ["stats", "--store", store])
    assert "0 added, 0 replaced, 1 unchanged, 0 failed" in summary.output
