"""Shared fixtures: the real spaCy pipeline (loaded once), real rules, real stores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "seeds"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data; skips the test when the data is not there."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def nlp():
    from kgextract.nlp.pipelines import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def resources():
    from kgextract.knowledge.resources import load_resources

    return load_resources()


@pytest.fixture(scope="session")
def extract_text(nlp, resources):
    """Extraction of a hand-written text, as one article's body."""
    from kgextract.model import Article
    from kgextract.nlp.extract import extract

    def run(text: str, date: str | None = None):
        article = Article.make("test.txt", "Test", text, date=date)
        return extract(article, nlp(text), resources)

    return run


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The seed article ingested through the CLI, shared by read-only tests."""
    from click.testing import CliRunner

    from kgextract.cli import cli

    path = tmp_path_factory.mktemp("seed") / "store"
    result = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--store", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


# The CLI in a child process, run by this interpreter: what a user's shell runs
# (real exit codes, real signals, real pipes), and it imports the kgextract on
# sys.path (PYTHONPATH too), so the same test can run against another checkout.
KGEXTRACT = [
    sys.executable,
    "-c",
    "import sys; sys.argv[0] = 'kgextract'; from kgextract.cli import main; main()",
]


def kgextract(*args, timeout: float = 600, **options) -> subprocess.CompletedProcess:
    """``kgextract ARGS`` in a child process; text output captured. ``timeout`` is
    a hang detector, not a performance assertion."""
    options.setdefault("capture_output", True)
    options.setdefault("text", True)
    return subprocess.run(
        [*KGEXTRACT, *(str(arg) for arg in args)],
        timeout=timeout,
        check=False,
        **options,
    )


def sorted_nquads(store) -> list[str]:
    """The whole store as sorted N-Quads lines: two stores compare line by line."""
    result = kgextract("export", "--format", "nquads", "--store", store)
    assert result.returncode == 0, result.stderr
    return sorted(result.stdout.splitlines())
