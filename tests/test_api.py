"""The Python API: the README's examples run as doctests, plus what they promise
around them (a cheap import, only __all__ public, the spaCy component)."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import sys

import pytest

import kgextract

from .conftest import ROOT


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def python_blocks(section: str) -> str:
    return "\n".join(re.findall(r"```python\n(.*?)```", section, flags=re.S))


def test_the_readme_python_api_examples_run(seed_store, tmp_path, monkeypatch):
    """Every ``>>>`` line of "## Python API", in a folder where `kgextract ingest
    seeds/` has run (the seed's store copied to ./.kgextract)."""
    shutil.copytree(seed_store, tmp_path / ".kgextract")
    monkeypatch.chdir(tmp_path)
    examples = python_blocks(readme_section("Python API"))
    assert examples.count(">>>") >= 20
    test = doctest.DocTestParser().get_doctest(
        examples, {}, "README.md: Python API", "README.md", 0
    )
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    runner.run(test)
    failed, attempted = runner.summarize(verbose=False)
    assert attempted >= 20
    assert failed == 0


def test_the_package_docstring_example_runs():
    failures, tests = doctest.testmod(kgextract)
    assert (failures, tests) == (0, 2)


def test_importing_kgextract_loads_neither_spacy_rdflib_nor_networkx():
    program = (
        "import sys, kgextract\n"
        "kgextract.__version__, kgextract.Event, kgextract.KgExtractError\n"
        "heavy = {'spacy', 'rdflib', 'networkx', 'pyoxigraph', 'numpy', 'click'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_only_the_names_in_all_are_public():
    assert sorted(dir(kgextract)) == sorted(kgextract.__all__)
    for name in kgextract.__all__:
        assert getattr(kgextract, name) is not None
    namespace: dict = {}
    exec("from kgextract import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(kgextract.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'store_of_things'"):
        kgextract.store_of_things  # noqa: B018


def test_open_store_refuses_to_ingest_into_a_read_only_store(seed_store):
    with kgextract.open_store(seed_store) as kg:
        with pytest.raises(kgextract.KgExtractError, match="opened read-only"):
            kg.ingest([ROOT / "seeds"])


def test_the_component_dates_events_from_its_config():
    import spacy

    from kgextract.nlp.pipelines import model_name

    nlp = spacy.load(model_name())
    nlp.add_pipe("kgextract", config={"date": "2024-05-31"})
    doc = nlp("Sweden sent weapons to Ukraine on Friday.")
    assert [(e.actor, e.target, e.date) for e in doc._.events] == [
        ("country:SWE", "country:UKR", "2024-05-31")
    ]
    assert doc._.extraction.events == doc._.events
