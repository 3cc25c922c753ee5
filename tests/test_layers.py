"""The package layout is the pipeline: each stage imports only the stages below it.

The layer and "forbidden" rules live in setup.cfg as import-linter contracts and are
checked here by import-linter itself. Two rules it has no contract for are checked
on the same import graph (grimp's, which counts imports inside functions too): no
module imports itself through others, and no IRI is built outside ``graph/``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

from .conftest import ROOT

PACKAGE = ROOT / "kgextract"

# Namespaces of kgextract's own IRIs: only graph/ may put a string after them.
OWN_NAMESPACES = frozenset({"BASE", "NS", "ID", "ARTICLE", "EVENT_TYPE"})


def test_the_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", "setup.cfg", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "broken" not in result.stdout.split("Contracts:")[-1].replace("0 broken", "")


@pytest.fixture(scope="module")
def import_graph():
    return grimp.build_graph("kgextract", cache_dir=None)


def test_no_module_imports_itself_through_others(import_graph):
    """Function-level imports count: a cycle hidden inside a function is still a
    cycle (the orchestrator and the engines once imported each other that way)."""
    graph = nx.DiGraph()
    for module in import_graph.modules:
        for imported in import_graph.find_modules_directly_imported_by(module):
            graph.add_edge(module, imported)
    cycles = list(nx.simple_cycles(graph))
    assert cycles == []


def test_every_stage_is_a_package_of_the_layout():
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert stages == {
        "readers",
        "knowledge",
        "coding",
        "nlp",
        "graph",
        "store",
        "query",
        "ingest",
        "eval",
        "viz",
        "api",
        "cli",
    }
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose == {"__init__", "model", "errors", "registry"}


def _iri_building(path: Path) -> list[str]:
    """Uses of kgextract's namespace constants, and literal kgextract IRIs."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "kgextract.graph.vocab":
            names = {alias.name for alias in node.names} & OWN_NAMESPACES
            found += [f"imports vocab.{name}" for name in sorted(names)]
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "vocab"
            and node.attr in OWN_NAMESPACES
        ):
            found.append(f"line {node.lineno}: vocab.{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "w3id.org/kgextract" in node.value and node.value.strip().startswith(
                "http"
            ):
                found.append(f"line {node.lineno}: {node.value[:60]!r}")
    return found


def test_no_iri_is_built_outside_graph():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "graph":
            continue
        if found := _iri_building(path):
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}


def test_the_iri_check_sees_a_concatenation(tmp_path):
    """The check above can fail: a module building an article IRI by hand is seen."""
    module = tmp_path / "bad.py"
    module.write_text(
        "from kgextract.graph import vocab\n"
        "def article(i):\n"
        "    return vocab.ARTICLE + i\n",
        encoding="utf-8",
    )
    assert _iri_building(module) == ["line 3: vocab.ARTICLE"]
