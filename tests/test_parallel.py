"""``ingest --jobs N``: worker processes parse, one writer stores, same graph."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.ingest.engines import can_fork
from kgextract.ingest.orchestrator import ingest
from kgextract.store import open_store

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


@pytest.mark.skipif(not can_fork(), reason="the platform cannot fork")
def test_forked_workers_use_the_parents_pipeline_without_loading_one(nlp, tmp_path):
    # A model name nobody can load: spawned workers would fail on it, forked ones
    # never load anything, they inherit the pipeline this process already holds.
    with open_store(tmp_path / "store", create=True) as store:
        report = ingest([SEEDS], store, nlp, jobs=2, model="no_such_model")
    assert (report.added, report.failed) == (1, [])
    assert report.events > 0


@pytest.mark.skipif(not can_fork(), reason="the platform cannot fork")
def test_forking_next_to_an_open_store_never_hangs(tmp_path):
    # The parent holds RocksDB's threads and spaCy's pools when it forks; a child
    # that inherited a held lock would hang here instead of finishing.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(4):
        target = corpus / f"seed{number}.txt"
        text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
        target.write_text(f"{text}\n\nUpdate {number}.", encoding="utf-8")
    kgextract = shutil.which("kgextract", path=str(Path(sys.executable).parent))
    for run in range(4):
        store = tmp_path / f"store{run}"
        command = [kgextract, "ingest", str(corpus), "--store", str(store), "-j", "2"]
        with subprocess.Popen(
            command, stderr=subprocess.PIPE, text=True, start_new_session=True
        ) as process:
            try:
                _, stderr = process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the workers too
                process.communicate()
                pytest.fail(f"ingest --jobs 2 hung (run {run + 1} of 4)")
        assert process.returncode == 0, stderr
        assert "4 added, 0 replaced, 0 unchanged, 0 failed" in stderr
