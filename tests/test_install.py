"""The install: what the package imports is declared, and CI runs the README as written.

A fresh virtualenv on Python 3.11 has pip 23.2, which resolved trafilatura's
``lxml[html_clean]`` to nothing and left every HTML page unreadable; these tests
catch the next such gap in the install itself, not in a developer's environment.
"""

from __future__ import annotations

import ast
import configparser
import re
import subprocess
import sys
from importlib.metadata import packages_distributions

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "kgextract"


def _requirement_names(text: str) -> set[str]:
    names = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if match := re.match(r"[A-Za-z0-9_.\-]+", line):
            names.add(_normalized(match.group()))
    return names


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_top_modules() -> set[str]:
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"kgextract"}


def test_every_module_the_package_imports_is_declared():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    declared = _requirement_names(config["options"]["install_requires"])
    optional = set()
    for extra in config["options.extras_require"].values():
        optional |= _requirement_names(extra)
    owners = packages_distributions()
    missing = {
        module: owners.get(module, [module])
        for module in _imported_top_modules()
        if not {_normalized(d) for d in owners.get(module, [module])}
        & (declared | optional)
    }
    assert not missing, f"imported but not in setup.cfg: {missing}"


def test_the_html_cleaner_trafilatura_needs_is_installed():
    """``lxml.html.clean`` is a separate distribution since lxml 5.2."""
    result = subprocess.run(
        [sys.executable, "-c", "import lxml.html.clean, trafilatura"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```sh\n(.*?)\n```", text, flags=re.S | re.M)[:2]


def test_the_readme_opens_with_the_two_commands_for_a_fresh_machine():
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:20])
    main_job, tests = _readme_commands()
    assert main_job in head and tests in head
    assert "kgextract ingest seeds/" in main_job
    assert "kgextract query supports" in main_job
    assert tests.endswith("pytest")
    for command in (main_job, tests):
        assert command.startswith("python3 -m venv .venv")
        assert "-c constraints.txt" in command


def test_ci_runs_the_readme_commands_with_the_pip_a_fresh_venv_has():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_command 1" in ci and "readme_command 2" in ci
    assert "--upgrade pip" not in ci and "install -U pip" not in ci


@pytest.mark.skipif(sys.platform == "win32", reason="bash")
def test_ci_extracts_exactly_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    function = ci[ci.index("readme_command() {") : ci.index("\n}\n") + 3]
    expected = _readme_commands()
    for number, command in enumerate(expected, start=1):
        result = subprocess.run(
            ["bash", "-c", f"{function}\nreadme_command {number}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == command


def test_the_constraints_pin_every_declared_requirement():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    pinned = {
        _normalized(line.split("==")[0])
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    declared = _requirement_names(config["options"]["install_requires"])
    for extra in config["options.extras_require"].values():
        declared |= _requirement_names(extra)
    assert declared - pinned == set()
