"""``ingest --jobs N``: worker processes parse, one writer stores, same graph."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import SEEDS, shared_data


def run_json(store, *args):
    result = CliRunner().invoke(cli, [*args, "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_two_jobs_build_the_same_graph_as_one_process(tmp_path):
    bbc = shared_data("bbc_news")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes(next(SEEDS.glob("*.txt")).read_bytes())
    for section in ("business", "politics"):
        for path in sorted((bbc / section).glob("*.txt"))[:3]:
            (corpus / f"{section}-{path.name}").write_bytes(path.read_bytes())
    results = {}
    for jobs in ("1", "2"):
        store = tmp_path / f"jobs{jobs}"
        done = CliRunner().invoke(
            cli, ["ingest", str(corpus), "--store", str(store), "--jobs", jobs]
        )
        assert done.exit_code == 0, done.output
        assert "7 added, 0 replaced, 0 unchanged, 0 failed" in done.output
        results[jobs] = (run_json(store, "stats"), run_json(store, "query", "supports"))
    assert results["2"] == results["1"]
    stats, supports = results["2"]
    assert stats["articles"] == 7
    assert ("Sweden", "Ukraine") in {(r["supporter"], r["target"]) for r in supports}


def test_jobs_must_be_at_least_one(tmp_path):
    result = CliRunner().invoke(
        cli, ["ingest", str(SEEDS), "--store", str(tmp_path / "s"), "--jobs", "0"]
    )
    assert result.exit_code == 2
    assert "--jobs" in result.output
