"""The pipeline's own decisions: language, changed files, empty bodies."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.ingest.unit import reads_language
from kgextract.model import Article

ENGLISH = (
    "Sweden announced its biggest military support package for Ukraine on Thursday, "
    "and the government said it would send two surveillance aircraft to the country."
)
GERMAN = (
    "Die Bundesregierung hat am Donnerstag ein neues Hilfspaket für die Ukraine "
    "beschlossen, teilte ein Sprecher in Berlin mit. Es umfasst Luftabwehrsysteme."
)


@pytest.mark.parametrize(
    "body, language, expected",
    [
        (ENGLISH, None, True),
        (GERMAN, None, False),
        (ENGLISH, "en-GB", True),
        (ENGLISH, "de", False),
        ("Short title only", None, True),
    ],
)
def test_language_gate(body, language, expected):
    article = Article.make("x", "Headline", body, language=language)
    assert reads_language(article, "en") is expected


def stats(store):
    result = CliRunner().invoke(cli, ["stats", "--json", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_german_article_is_stored_but_not_extracted(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Hilfe für die Ukraine\n\n" + GERMAN, encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "1 not in the model's language" in result.stderr
    counts = stats(store)
    assert (counts["articles"], counts["entities"], counts["events"]) == (1, 0, 0)


def test_a_changed_file_replaces_its_older_version(tmp_path):
    path = tmp_path / "story.txt"
    store = tmp_path / "store"
    path.write_text("Russia attacks\n\nRussia attacked Ukraine on Friday.", "utf-8")
    first = CliRunner().invoke(cli, ["ingest", str(path), "--store", str(store), "-q"])
    assert first.exit_code == 0, first.output
    path.write_text(
        "Sweden helps\n\nSweden sent trainers to Ukraine on Friday.", "utf-8"
    )
    second = CliRunner().invoke(cli, ["ingest", str(path), "--store", str(store)])
    assert second.exit_code == 0, second.output
    assert "1 replaced" in second.stderr
    result = CliRunner().invoke(
        cli, ["query", "articles", "--json", "--store", str(store)]
    )
    (row,) = json.loads(result.stdout)
    assert row["headline"] == "Sweden helps"
    result = CliRunner().invoke(
        cli, ["query", "opposes", "--json", "--store", str(store)]
    )
    assert json.loads(result.stdout) == []


def test_a_headline_only_file_uses_the_headline_as_its_text(tmp_path):
    path = tmp_path / "headline.txt"
    path.write_text("Russia attacked Ukraine on Friday\n", "utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--store", str(store), "-q"])
    assert result.exit_code == 0, result.output
    assert stats(store)["events"] == 1
