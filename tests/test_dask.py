"""``ingest --engine dask``: a real 2-worker Dask cluster parses, this process writes,
and the graph is the one the local engine builds."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import SEEDS, shared_data

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")


def run_json(store, *args):
    result = CliRunner().invoke(cli, [*args, "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def ingest(corpus, store, *options):
    return CliRunner().invoke(
        cli, ["ingest", str(corpus), "--store", str(store), *options]
    )


@pytest.fixture(scope="module")
def cluster():
    shared_data("bbc_news")  # no corpus, no cluster to start
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


@pytest.fixture
def corpus(tmp_path):
    bbc = shared_data("bbc_news")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes(next(SEEDS.glob("*.txt")).read_bytes())
    for section in ("business", "politics"):
        for path in sorted((bbc / section).glob("*.txt"))[:4]:
            (corpus / f"{section}-{path.name}").write_bytes(path.read_bytes())
    return corpus


def test_a_dask_cluster_builds_the_same_graph_as_the_local_engine(
    cluster, corpus, tmp_path
):
    address = cluster.scheduler_address
    runs = {
        "local": (),
        "dask": ("--engine", "dask", "--scheduler", address),
        "spilled": (
            "--engine",
            "dask",
            "--scheduler",
            address,
            "--spill",
            str(tmp_path / "spill"),
        ),
    }
    results = {}
    for name, options in runs.items():
        store = tmp_path / name
        done = ingest(corpus, store, *options)
        assert done.exit_code == 0, done.output
        assert "9 added, 0 replaced, 0 unchanged, 0 failed" in done.output
        results[name] = (run_json(store, "stats"), run_json(store, "query", "supports"))
    assert results["dask"] == results["local"]
    assert results["spilled"] == results["local"]
    stats, supports = results["dask"]
    assert stats["articles"] == 9
    assert ("Sweden", "Ukraine") in {(r["supporter"], r["target"]) for r in supports}
    assert list((tmp_path / "spill").iterdir()) == []  # each file is gone once loaded


def test_unchanged_articles_never_reach_the_cluster(corpus, tmp_path):
    store = tmp_path / "store"
    assert ingest(corpus, store, "-q").exit_code == 0
    again = ingest(
        corpus, store, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"
    )
    # The scheduler address is unreachable: only skipping everything first succeeds.
    assert again.exit_code == 0, again.output
    assert "0 added, 0 replaced, 9 unchanged, 0 failed" in again.output


def test_an_unreachable_scheduler_is_one_line_error(tmp_path):
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        done = ingest(
            SEEDS,
            tmp_path / "s",
            "--engine",
            "dask",
            "--scheduler",
            "tcp://127.0.0.1:1",
        )
    assert done.exit_code == 1
    assert done.output.startswith("Error: cannot reach the Dask scheduler at tcp://")
    assert "Traceback" not in done.output


def test_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path):
    done = ingest(SEEDS, tmp_path / "s", "--scheduler", "tcp://127.0.0.1:8786")
    assert done.exit_code == 2
    assert "--scheduler and --spill need --engine dask" in done.output
