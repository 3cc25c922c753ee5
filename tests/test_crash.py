"""A crash at any millisecond loses nothing: ``ingest`` and ``remove`` are killed
(SIGKILL: no ``finally``, no atexit) at chosen points and at many moments; after
each kill, ``kgextract check`` passes, the killed run is in ``stats --ingests`` as
interrupted, and a plain re-run stores exactly the sorted N-Quads of a run that
was never killed.

The corpus makes the post-commit clean-up do real work: BBC politics 006 and 021
type "National Audit Office" two ways (the type vote renames one into the other),
and two short texts spell "Mercedes-Benz" two ways (the label merge keeps one).
Before the clean-up joined the journal, a kill between the write and the clean-up
left those quads wrong for good, and the re-run reported "unchanged".
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import KGEXTRACT, kgextract, shared_data, sorted_nquads

KILLED_RUN = Path(__file__).parent / "fixtures" / "killed_run.py"
MERCEDES = {
    "a.txt": "Mercedes-Benz cuts jobs\n\nMercedes-Benz said on Monday it would cut "
    "1,000 jobs in Germany. The carmaker blamed weak sales in China.\n",
    "b.txt": "Mercedes Benz hires engineers\n\nMercedes Benz said on Tuesday it had "
    "hired 200 engineers in Stuttgart. Chancellor Olaf Scholz welcomed the news.\n",
    # one name the model reads as a person here and a firm there: the type vote
    # renames one node, a write of its own that a crash can interrupt
    "c.txt": "Lindqvist Sorensen\n\nLindqvist Sorensen met the minister on Monday.\n",
    "d.txt": "Shares fall\n\nAnalysts at Lindqvist Sorensen said the shares would "
    "fall. Shares fell, analysts at Lindqvist Sorensen said.\n",
}


def write_corpus(folder: Path, bbc: list[Path]) -> Path:
    folder.mkdir(parents=True)
    for name, text in MERCEDES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for path in bbc:
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    politics = shared_data("bbc_news", "politics")
    bbc = [politics / "006.txt", politics / "021.txt"]
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus", bbc)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict:
    """Uninterrupted runs: the N-Quads after ingest, and after removing a.txt."""
    store = tmp_path_factory.mktemp("reference") / "store"
    assert kgextract("ingest", corpus, "--store", store, "-q").returncode == 0
    ingested = sorted_nquads(store)
    removed_store = store.parent / "removed"
    shutil.copytree(store, removed_store)
    result = kgextract("remove", corpus / "a.txt", "--store", removed_store)
    assert result.returncode == 0, result.stderr
    return {
        "store": store,
        "ingested": ingested,
        "removed": sorted_nquads(removed_store),
    }


def killed(point: tuple[str, int, str], *command) -> None:
    """Run ``kgextract COMMAND`` and SIGKILL it at ``point`` (tests/fixtures/
    killed_run.py)."""
    name, nth, when = point
    result = subprocess.run(
        [
            sys.executable,
            str(KILLED_RUN),
            name,
            str(nth),
            when,
            "--",
            *map(str, command),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr)


def last_run(store: Path) -> dict:
    result = kgextract("stats", "--ingests", "--json", "--store", store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)[-1]


def assert_recovers(store: Path, command: str) -> None:
    """After a kill: the run is logged as interrupted, and check passes."""
    run = last_run(store)
    assert (run["command"], run["status"]) == (command, "interrupted")
    check = kgextract("check", "--store", store)
    assert check.returncode == 0, check.stdout + check.stderr


# A post-commit point (the batch is in, the type vote not begun), and the last one
# (everything in, the log's end not written). tests marked slow kill at every
# other point, and at moments spread over the whole run.
FAST_INGEST_POINTS = [
    ("Store.rename_entity", 1, "before"),
    ("Store.end_run|Store.record_ingest", 1, "before"),
]
# The first write of a new store is its event-type vocabulary, before the ingest
# begins (and is logged): the batch's write is the second.
SLOW_INGEST_POINTS = [
    ("Store._write_journaled|Store.add_articles", 2, "before"),
    ("Store._mark_written", 2, "before"),
    ("Store._mark_written", 2, "after"),
    ("Store.rename_entity", 1, "after"),
    ("Store.unify_labels", 1, "before"),
    ("Store.unify_labels", 1, "after"),
    ("Store._clear_journal", 1, "before"),
    ("Store._clear_journal", 1, "after"),
    ("Store._write_journaled", 1, "before"),
]
REMOVE_POINTS = [
    ("Store.remove_articles|Store.remove_article", 1, "before"),
    ("Store.remove_articles|Store.remove_article", 1, "after"),
]


def ingest_killed_then_rerun(point, corpus, reference, store: Path) -> None:
    killed(point, "ingest", corpus, "--store", store, "-q")
    if point[1:] == (1, "before") and point[0].startswith("Store._write"):
        # Killed while the new store was made: no run had begun.
        assert kgextract("check", "--store", store).returncode == 0
    else:
        assert_recovers(store, "ingest")
    rerun = kgextract("ingest", corpus, "--store", store, "-q")
    assert rerun.returncode == 0, rerun.stderr
    assert sorted_nquads(store) == reference["ingested"]


@pytest.mark.parametrize("point", FAST_INGEST_POINTS, ids=lambda p: f"{p[0]}-{p[2]}")
def test_an_ingest_killed_after_its_commit_is_finished_by_a_plain_rerun(
    point, corpus, reference, tmp_path
):
    ingest_killed_then_rerun(point, corpus, reference, tmp_path / "store")


@pytest.mark.slow
@pytest.mark.parametrize("point", SLOW_INGEST_POINTS, ids=lambda p: f"{p[0]}-{p[2]}")
def test_an_ingest_killed_at_any_step_of_its_write_is_rolled_back_or_finished(
    point, corpus, reference, tmp_path
):
    ingest_killed_then_rerun(point, corpus, reference, tmp_path / "store")


@pytest.mark.parametrize("point", REMOVE_POINTS, ids=lambda p: p[2])
def test_a_killed_remove_is_all_or_nothing_and_a_rerun_finishes_it(
    point, corpus, reference, tmp_path
):
    store = tmp_path / "store"
    shutil.copytree(reference["store"], store)
    killed(point, "remove", corpus / "a.txt", "--store", store)
    assert_recovers(store, "remove")
    rerun = kgextract("remove", corpus / "a.txt", "--store", store)
    if rerun.returncode != 0:  # the kill came after the drop: nothing left to do
        assert rerun.stderr == (
            f"Error: {corpus / 'a.txt'}: no article with this id or source in the "
            "store\n"
        )
    assert sorted_nquads(store) == reference["removed"]


def limit() -> int:
    return int(os.environ.get("KGEXTRACT_CORPUS_LIMIT") or 70)


@pytest.mark.slow
def test_ingest_and_remove_killed_at_moments_spread_over_the_run(tmp_path):
    """No chosen points: SIGKILL after 0.5/8 … 7.5/8 of an uninterrupted run's
    time, over more than one commit (64 articles each) and the bulk loader."""
    politics = shared_data("bbc_news", "politics")
    bbc = sorted(politics.glob("*.txt"))[: limit()]
    corpus = write_corpus(tmp_path / "corpus", bbc)
    reference = tmp_path / "reference"
    started = time.monotonic()
    assert kgextract("ingest", corpus, "--store", reference, "-q").returncode == 0
    duration = time.monotonic() - started
    expected = sorted_nquads(reference)
    removed = tmp_path / "removed"
    shutil.copytree(reference, removed)
    assert kgextract("remove", corpus / "a.txt", "--store", removed).returncode == 0
    expected_removed = sorted_nquads(removed)
    for step in range(8):
        store = tmp_path / f"store{step}"
        child = subprocess.Popen(
            [*KGEXTRACT, "ingest", str(corpus), "--store", str(store), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * (step + 0.5) / 8)
        child.kill()
        child.wait()
        if (store / "kgextract.json").exists():
            check = kgextract("check", "--store", store)
            assert check.returncode == 0, (step, check.stdout)
        assert kgextract("ingest", corpus, "--store", store, "-q").returncode == 0
        assert sorted_nquads(store) == expected, step
    for step in range(4):
        store = tmp_path / f"remove{step}"
        shutil.copytree(reference, store)
        child = subprocess.Popen(
            [*KGEXTRACT, "remove", str(corpus / "a.txt"), "--store", str(store)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.6 * step)
        child.kill()
        child.wait()
        check = kgextract("check", "--store", store)
        assert check.returncode == 0, (step, check.stdout)
        kgextract("remove", corpus / "a.txt", "--store", store)
        assert sorted_nquads(store) == expected_removed, step
