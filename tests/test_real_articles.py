"""Real articles go in whole: a spread of every BBC section, read as a user reads
them (``kgextract ingest``), gives no failed article. The whole corpus is in the
slow suite (tests/test_corpus.py); this slice, every 20th article of each section,
keeps a crash on real text from reaching a user between slow runs."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import shared_data

SECTIONS = ("business", "entertainment", "politics", "sport", "tech")


def test_a_spread_of_every_bbc_section_ingests_without_a_failure(tmp_path):
    root = shared_data("bbc_news")
    folder = tmp_path / "articles"
    folder.mkdir()
    for section in SECTIONS:
        for path in sorted((root / section).glob("*.txt"))[::20]:
            (folder / f"{section}-{path.name}").write_bytes(path.read_bytes())
    store = tmp_path / "store"
    runner = CliRunner()
    args = ["ingest", str(folder), "--store", str(store), "-q"]
    result = runner.invoke(cli, [*args, "--default-date", "2005"])
    assert result.exit_code == 0, result.output
    (log,) = json.loads(
        runner.invoke(
            cli, ["stats", "--ingests", "--json", "--store", str(store)]
        ).stdout
    )
    assert log["failed"] == 0 and log["failures"] == []
    assert log["added"] + log["skipped"] == len(list(folder.iterdir()))
