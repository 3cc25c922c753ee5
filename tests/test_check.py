"""``kgextract check [--repair] [--shacl]``, and a damaged store refused before it
can lose more: each damage is done by hand to a real store, then met as a user
meets it (the command's exit code and exact words), then repaired or not.

The first test is issue 15's "silent total loss": with ``oxigraph/CURRENT`` gone,
the first ingest failed but made a new empty database in the store, and the second
succeeded and deleted the old data files (30 articles became 1).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.graph.vocab import ID, PREFIXES

from .conftest import SEEDS

TEXTS = {
    "a.txt": "Mercedes-Benz cuts jobs\n\nMercedes-Benz said on Monday it would cut "
    "1,000 jobs in Germany. The carmaker blamed weak sales in China.\n",
    "b.txt": "Sweden sends aid\n\nSweden pledged new military aid to Ukraine on "
    "Friday, its defence minister said.\n",
}


def invoke(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> dict:
    """A store of three articles (the seed and two short texts) and its N-Quads."""
    root = tmp_path_factory.mktemp("check")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = root / "store"
    assert invoke("ingest", corpus, "--store", store, "-q").exit_code == 0
    return {"corpus": corpus, "store": store, "nquads": nquads(store)}


@pytest.fixture
def store(pristine, tmp_path) -> Path:
    """A copy of the pristine store, to damage."""
    copy = tmp_path / "store"
    shutil.copytree(pristine["store"], copy)
    return copy


def nquads(store: Path) -> list[str]:
    result = invoke("export", "--format", "nquads", "--store", store)
    assert result.exit_code == 0, result.output
    return sorted(result.stdout.splitlines())


def check(store: Path, *options):
    result = invoke("check", "--store", store, "--json", *options)
    return result.exit_code, json.loads(result.stdout)


def findings(report: dict) -> dict[str, tuple[str, str]]:
    """check -> (status, detail), the last finding of each check."""
    return {f["check"]: (f["status"], f["detail"]) for f in report["findings"]}


def test_a_fresh_store_passes_every_check_including_the_shapes(store):
    code, report = check(store, "--shacl")
    assert code == 0
    assert report["ok"] is True
    seen = findings(report)
    assert [f["status"] for f in report["findings"]] == ["ok"] * 7
    assert seen["readable"][1].endswith("read by graph and by predicate")
    assert seen["articles"] == ("ok", "3 article graphs, all complete")
    assert seen["ingest log"][1].startswith(
        "3 articles, as recorded after the last write (ingest, "
    )
    assert seen["orphans"] == ("ok", "every entity is referred to in its article")
    assert seen["shapes"] == (
        "ok",
        "3 graphs and the event types conform to shapes.ttl",
    )


def test_a_lost_current_is_refused_untouched_and_repair_recovers_every_article(
    store, pristine
):
    database = store / "oxigraph"
    (database / "CURRENT").unlink()
    files = sorted((p.name, p.stat().st_size) for p in database.iterdir())
    refusal = (
        f"Error: {store}: damaged store: oxigraph/CURRENT is missing (the data files "
        "are still there); nothing was changed. Run `kgextract check --repair "
        f"--store {store}` to recover what can be recovered\n"
    )
    for _ in range(2):  # the second ingest once deleted the old data files
        result = invoke("ingest", pristine["corpus"], "--store", store, "-q")
        assert (result.exit_code, result.stderr) == (1, refusal)
    assert sorted((p.name, p.stat().st_size) for p in database.iterdir()) == files
    code, report = check(store)
    assert code == 1
    assert findings(report)["files"] == (
        "problem",
        "oxigraph/CURRENT is missing (the data files are still there); run "
        "`kgextract check --repair` to recover what can be",
    )
    code, report = check(store, "--repair")
    assert code == 0, report
    assert report["findings"][0]["status"] == "repaired"
    assert report["findings"][0]["detail"].startswith(
        "oxigraph/CURRENT is missing (the data files are still there): CURRENT now "
        "names the newest manifest, MANIFEST-"
    )
    assert nquads(store) == pristine["nquads"]


def test_a_lost_data_file_is_refused_and_repair_says_how_to_rebuild(store, pristine):
    database = store / "oxigraph"
    largest = max(database.glob("*.sst"), key=lambda p: p.stat().st_size)
    largest.unlink()
    result = invoke("ingest", pristine["corpus"], "--store", store, "-q")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {store}: damaged store: the data file {largest.name} is missing "
        f"(opening the database); run `kgextract check --store {store}` to see what "
        "can be recovered\n"
    )
    code, report = check(store, "--repair")
    assert code == 1
    assert findings(report)["database"] == (
        "problem",
        f"{store}: damaged store: the data file {largest.name} is missing (opening "
        "the database); kgextract cannot rebuild a lost data file: restore the "
        "store from a backup, or ingest again into a new store: kgextract ingest "
        f"{pristine['corpus']} --store NEW",
    )


def test_a_store_that_lost_its_marker_is_told_how_to_restore_it(store, pristine):
    (store / "kgextract.json").unlink()
    result = invoke("query", "articles", "--store", store)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {store}: the store's kgextract.json is missing, but its database is "
        f"still there; run `kgextract check --repair --store {store}` to write the "
        "marker back\n",
    )
    code, report = check(store, "--repair")
    assert code == 0
    assert report["findings"][0] == {
        "check": "files",
        "status": "repaired",
        "detail": "kgextract.json was missing: written back",
    }
    assert nquads(store) == pristine["nquads"]


def damage(store: Path, update: str) -> None:
    """A SPARQL update straight into the database, behind kgextract's back."""
    db = pyoxigraph.Store(str(store / "oxigraph"))
    db.update(update, prefixes=PREFIXES)
    db.flush()
    del db


def seed_graph(store: Path) -> str:
    """The IRI of the seed article's graph."""
    result = invoke("query", "articles", "--json", "--store", store)
    seed = next(SEEDS.glob("*.txt")).name
    (row,) = [r for r in json.loads(result.stdout) if r["source"].endswith(seed)]
    return row["article"]


def test_an_incomplete_article_graph_is_named_and_repair_drops_it(store, pristine):
    graph = seed_graph(store)
    damage(store, f"DELETE WHERE {{ GRAPH <{graph}> {{ ?event kg:verb ?verb }} }}")
    code, report = check(store)
    assert code == 1
    status, detail = findings(report)["articles"]
    seed = pristine["corpus"] / next(SEEDS.glob("*.txt")).name
    assert status == "problem"
    assert detail.startswith(f"1 incomplete article graph(s): {seed}: kgid:event/")
    assert detail.endswith(
        "(kg:Event) has no kg:verb; --repair drops them, then "
        "ingest their sources again"
    )
    code, report = check(store, "--repair")
    assert code == 0
    status, detail = findings(report)["articles"]
    assert status == "repaired"
    assert detail.endswith(f"; ingest their sources again: kgextract ingest {seed}")
    again = invoke("ingest", pristine["corpus"], "--store", store, "-q")
    assert again.exit_code == 0
    assert nquads(store) == pristine["nquads"]
    assert check(store)[0] == 0


def test_an_orphan_entity_is_found_and_repair_deletes_it(store, pristine):
    graph = seed_graph(store)
    damage(
        store,
        f"INSERT DATA {{ GRAPH <{graph}> {{ <{ID}person/nobody> a kg:Person ; "
        'rdfs:label "Nobody" } }',
    )
    code, report = check(store)
    assert code == 1
    assert findings(report)["orphans"] == (
        "problem",
        "1 orphan entity statement group(s) (kgid:person/nobody); --repair deletes "
        "them",
    )
    code, report = check(store, "--repair")
    assert (code, findings(report)["orphans"]) == (
        0,
        ("repaired", "deleted 1 orphan(s) (kgid:person/nobody)"),
    )
    assert nquads(store) == pristine["nquads"]


def test_articles_lost_behind_the_logs_back_are_counted_and_not_pretended_back(
    store, pristine
):
    graph = seed_graph(store)
    damage(store, f"DROP GRAPH <{graph}>")
    code, report = check(store)
    assert code == 1
    status, detail = findings(report)["ingest log"]
    assert status == "problem"
    assert detail.startswith("the log recorded 3 articles after the last write")
    assert detail.endswith(
        "the store has 2: data was lost or changed outside kgextract; --repair "
        "records the count the store has now"
    )
    code, report = check(store, "--repair")
    assert code == 1
    status, detail = findings(report)["ingest log"]
    assert status == "not repaired"
    assert detail.endswith(
        "the count is recorded now, but the 1 missing articles cannot be recovered "
        "from this store: restore the store from a backup, or ingest again into a "
        f"new store: kgextract ingest {pristine['corpus']}"
    )
    assert check(store)[0] == 0  # the loss is on record; what remains is whole


def test_a_damaged_block_fails_the_read_and_is_reported(store):
    for data_file in (store / "oxigraph").glob("*.sst"):
        content = bytearray(data_file.read_bytes())
        middle = len(content) // 2
        content[middle : middle + 16] = bytes(
            b ^ 0xFF for b in content[middle : middle + 16]
        )
        data_file.write_bytes(bytes(content))
    code, report = check(store)
    assert code == 1
    problems = [f for f in report["findings"] if f["status"] == "problem"]
    assert len(problems) == 1
    assert problems[0]["check"] in ("database", "readable")
    assert (
        "damaged" in problems[0]["detail"] or "a read failed" in problems[0]["detail"]
    )


def test_a_write_cut_short_is_rolled_back_and_check_says_so(store, pristine):
    (store / "pending.json").write_text(
        json.dumps({"phase": "writing", "graphs": [seed_graph(store)], "labelled": []})
    )
    code, report = check(store)
    assert code == 0
    assert findings(report)["journal"] == (
        "repaired",
        "a write cut short by a crash was rolled back (its articles are written "
        "again by a re-run)",
    )
    assert findings(report)["articles"] == ("ok", "2 article graphs, all complete")
    assert invoke("ingest", pristine["corpus"], "--store", store, "-q").exit_code == 0
    assert nquads(store) == pristine["nquads"]


def test_a_second_label_in_the_union_breaks_the_shapes(store):
    graph = seed_graph(store)
    damage(
        store,
        f'INSERT DATA {{ GRAPH <{graph}> {{ <{ID}country/SWE> rdfs:label "Svea" }} }}',
    )
    code, report = check(store, "--shacl")
    assert code == 1
    status, detail = findings(report)["shapes"]
    assert status == "problem"
    assert "kgid:country/SWE rdfs:label" in detail


def test_check_of_a_locked_store_says_an_ingest_is_running(store):
    from kgextract.store.embedded import Store

    with Store.open(store):
        code, report = check(store)
    assert code == 1
    assert findings(report)["database"] == (
        "problem",
        f"{store}: the store is locked: another kgextract process is writing to it",
    )
