"""``kgextract remove`` drops one article's graph; ``kgextract load`` bulk-loads
N-Quads made elsewhere. Both leave the store as if ingest had (not) seen them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import SEEDS

SEED = next(SEEDS.glob("*.txt"))
OTHER = (
    "Germany backs new sanctions\n\n"
    "Germany said on Monday it supports new sanctions against Russia. "
    "Chancellor Olaf Scholz pledged more aid to Ukraine.\n"
)


def invoke(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def run_json(store, *args):
    result = invoke(*args, "--store", store, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def snapshot(store):
    return run_json(store, "stats"), run_json(store, "query", "supports")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """``seed_only``: the seed; ``both``: the seed and a second, made-up article."""
    root = tmp_path_factory.mktemp("remove")
    (root / "in").mkdir()
    other = root / "in" / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    for name, paths in (("seed_only", [SEED]), ("both", [SEED, other])):
        done = invoke("ingest", *paths, "--store", root / name, "-q")
        assert done.exit_code == 0, done.output
    return root, other


def test_removing_an_article_by_path_leaves_what_the_others_state(stores, tmp_path):
    root, other = stores
    both = tmp_path / "both"
    assert (
        invoke(
            "export",
            "--format",
            "nquads",
            "-o",
            tmp_path / "b.nq",
            "--store",
            root / "both",
        ).exit_code
        == 0
    )
    assert invoke("load", tmp_path / "b.nq", "--store", both).exit_code == 0

    result = invoke("remove", other, "--store", both)

    assert result.exit_code == 0, result.output
    assert result.output.startswith("removed ")
    assert f"{other} — Germany backs new sanctions" in result.output
    assert snapshot(both) == snapshot(root / "seed_only")


def copy_store(source, target, dump):
    """A writable copy of a shared store, made with the commands under test."""
    assert (
        invoke("export", "--format", "nquads", "-o", dump, "--store", source).exit_code
        == 0
    )
    assert invoke("load", dump, "--store", target).exit_code == 0


def test_removing_by_article_id_reports_it(stores, tmp_path):
    root, _ = stores
    store = tmp_path / "s"
    copy_store(root / "seed_only", store, tmp_path / "s.nq")
    (article,) = run_json(store, "query", "articles")

    result = invoke("remove", article["id"], "--store", store)

    assert result.exit_code == 0, result.output
    assert f"removed {article['id']} (" in result.output
    assert run_json(store, "stats")["articles"] == 0
    assert run_json(store, "query", "supports") == []


def test_removing_an_unknown_article_is_one_line_and_exit_1(stores):
    root, _ = stores
    result = invoke("remove", "no-such-article", "--store", root / "seed_only")
    assert result.exit_code == 1
    assert result.output == (
        "Error: no-such-article: no article with this id or source in the store\n"
    )


def test_loading_an_export_into_a_new_store_gives_the_same_graph(stores, tmp_path):
    root, _ = stores
    dump = tmp_path / "both.nq"
    assert (
        invoke(
            "export", "--format", "nquads", "-o", dump, "--store", root / "both"
        ).exit_code
        == 0
    )

    result = invoke("load", dump, "--store", tmp_path / "copy")
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "copy") == snapshot(root / "both")
    # Loading again replaces each graph with itself: nothing is doubled.
    assert invoke("load", dump, "--store", tmp_path / "copy").exit_code == 0
    assert snapshot(tmp_path / "copy") == snapshot(root / "both")


@pytest.mark.parametrize(
    "name, text, cause",
    [
        ("broken.nq", "<http://a> <http://b> .\n", "line 1"),
        # a statement outside any graph is placed by its article, and this one
        # has none (kgextract keeps every fact in an article's graph)
        ("triples.nq", "<http://a> <http://b> <http://c> .\n", "no kgextract article"),
        ("graph.ttl", "<http://a> <http://b> <http://c> .\n", "no kgextract article"),
        ("graph.xml", "<http://a> <http://b> <http://c> .\n", "give --format"),
    ],
)
def test_load_refuses_bad_files_and_writes_nothing(stores, tmp_path, name, text, cause):
    root, _ = stores
    store = tmp_path / "s"
    copy_store(root / "seed_only", store, tmp_path / "s.nq")
    before = snapshot(store)
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")

    result = invoke("load", bad, "--store", store)

    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}: ")
    assert cause in result.output
    assert len(result.output.splitlines()) == 1
    assert snapshot(store) == before
