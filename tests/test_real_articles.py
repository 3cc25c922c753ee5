"""Real articles go in whole: a spread of every BBC section, read as a user reads
them (``kgextract ingest``), gives no failed article, and a graph that keeps to the
ontology. The whole corpus is in the slow suite (tests/test_corpus.py); this slice,
every 20th article of each section, keeps a crash on real text from reaching a user
between slow runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import shared_data

SECTIONS = ("business", "entertainment", "politics", "sport", "tech")


ONTOLOGY = Path(__file__).parents[1] / "ontology"


@pytest.fixture(scope="module")
def spread(tmp_path_factory) -> tuple[Path, Path, str]:
    """(the folder of articles, the store, ingest's output) for every 20th
    article of each section, ingested once for the module."""
    root = shared_data("bbc_news")
    tmp_path = tmp_path_factory.mktemp("spread")
    folder = tmp_path / "articles"
    folder.mkdir()
    for section in SECTIONS:
        for path in sorted((root / section).glob("*.txt"))[::20]:
            (folder / f"{section}-{path.name}").write_bytes(path.read_bytes())
    store = tmp_path / "store"
    args = ["ingest", str(folder), "--store", str(store), "-q"]
    result = CliRunner().invoke(cli, [*args, "--default-date", "2005"])
    assert result.exit_code == 0, result.output
    return folder, store, result.output


def test_a_spread_of_every_bbc_section_ingests_without_a_failure(spread):
    folder, store, _ = spread
    (log,) = json.loads(
        CliRunner()
        .invoke(cli, ["stats", "--ingests", "--json", "--store", str(store)])
        .stdout
    )
    assert log["failed"] == 0 and log["failures"] == []
    assert log["added"] + log["skipped"] == len(list(folder.iterdir()))


def test_the_store_of_real_articles_passes_check(spread):
    """What an uninterrupted ingest leaves, ``kgextract check`` accepts: every
    entity an article states is one it refers to, even after the type vote drops
    a relation that no longer fits (a court typed a place "located in London")."""
    _, store, _ = spread
    result = CliRunner().invoke(cli, ["check", "--store", str(store)])
    assert result.exit_code == 0, result.output


def test_the_graph_of_real_articles_conforms_to_the_ontology_under_rdfs(
    spread, tmp_path
):
    """Exported, the graph validates against the shapes with the ontology as the
    ontology graph and RDFS inference: what the properties' domains and ranges
    imply of a node (a kg:worksFor subject is a kg:Person) never contradicts
    what it is (a party is kg:Organization, and an entity has one class)."""
    import pyshacl
    from rdflib import Graph

    _, store, _ = spread
    out = tmp_path / "graph.ttl"
    args = ["export", "--store", str(store), "--format", "turtle", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    conforms, _, report = pyshacl.validate(
        Graph().parse(out, format="turtle"),
        shacl_graph=Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle"),
        ont_graph=Graph().parse(ONTOLOGY / "kgextract.ttl", format="turtle"),
        inference="rdfs",
    )
    assert conforms, report[:3000]
