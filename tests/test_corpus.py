"""Whole-corpus runs over ../shared/data (slow; CI runs a slice).

``KGEXTRACT_CORPUS_LIMIT=N`` takes the first N articles of each BBC section.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter

import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.knowledge.gazetteer import load_gazetteer

from .conftest import shared_data

pytestmark = pytest.mark.slow
LIMIT = int(os.environ.get("KGEXTRACT_CORPUS_LIMIT", "0")) or None


def run_json(store, *args):
    result = CliRunner().invoke(cli, [*args, "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def bbc_store(tmp_path_factory):
    """Politics and business articles of the BBC corpus, ingested in one run."""
    root = shared_data("bbc_news")
    folder = tmp_path_factory.mktemp("bbc")
    count = 0
    for section in ("politics", "business"):
        for path in sorted((root / section).glob("*.txt"))[:LIMIT]:
            (folder / f"{section}-{path.name}").write_bytes(path.read_bytes())
            count += 1
    store = tmp_path_factory.mktemp("bbc-store") / "store"
    result = CliRunner().invoke(
        # the corpus is of 2004-2005 (its SOURCE.md): offices are read then
        cli,
        ["ingest", str(folder), "--store", str(store), "-q", "--default-date", "2005"],
    )
    assert result.exit_code == 0, result.output
    return store, folder, count


def test_every_distinct_bbc_article_goes_in_once(bbc_store):
    store, folder, _ = bbc_store
    # The corpus repeats some stories word for word (906 distinct texts in the 927
    # politics and business files); an article is its text, so each goes in once.
    distinct = {
        re.sub(r"\s+", " ", path.read_text(encoding="utf-8")).strip()
        for path in folder.iterdir()
    }
    stats = run_json(store, "stats")
    assert stats["articles"] == len(distinct)
    assert stats["events"] > 0 and stats["entities"] > 0


def test_no_duplicate_country_or_igo_nodes(bbc_store):
    store, _, _ = bbc_store
    rows = run_json(store, "query", "entities")
    names = Counter(
        row["name"] for row in rows if row["type"] in ("Country", "Organization")
    )
    assert [name for name, n in names.items() if n > 1] == []


def test_no_known_place_or_country_is_a_person(bbc_store):
    store, _, _ = bbc_store
    gazetteer = load_gazetteer()
    for row in run_json(store, "query", "entities", "--type", "Person"):
        entry = gazetteer.lookup(row["name"])
        assert entry is None or entry.type == "Person", row["name"]


def test_reingesting_the_corpus_changes_nothing(bbc_store):
    store, folder, _ = bbc_store
    before = run_json(store, "stats")
    result = CliRunner().invoke(
        cli, ["ingest", str(folder), "--store", str(store), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert run_json(store, "stats") == before


def test_real_world_pages_and_feeds_ingest_without_failure(tmp_path):
    folder = shared_data("realworld_pages")
    store = tmp_path / "store"
    result = CliRunner().invoke(
        cli, ["ingest", str(folder), "--store", str(store), "-q"]
    )
    assert result.exit_code == 0, result.output
    rows = run_json(store, "query", "articles")
    # 12 pages + 55 Guardian items + 15 heise entries + 15 UOL items
    assert len(rows) == 12 + 55 + 15 + 15
    assert all(row["headline"] for row in rows)
