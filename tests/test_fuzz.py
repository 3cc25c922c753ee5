"""Hostile input, generated: random bytes, any Unicode, huge lines, deeply nested
HTML, XML entity bombs and external entities (XXE), through the readers alone and
through the whole pipeline into a real store.

What must hold for every input: no exception escapes (a bad file or article is an
error item naming it, in one line), nothing hangs (a watchdog per example), memory
stays bounded (the process's peak resident memory may grow by at most
``MEMORY_LIMIT_MB`` over the test), no external entity is ever resolved (a secret
file's contents never reach an article), and the store the pipeline leaves passes
``kgextract check``.

The fast suite runs a few dozen examples; ``KGEXTRACT_FUZZ_EXAMPLES`` raises that
(the slow test runs more, with inputs ten times bigger).
"""

from __future__ import annotations

import os
import resource
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kgextract.errors import InputError
from kgextract.ingest.orchestrator import ingest
from kgextract.model import Article
from kgextract.readers import iter_articles
from kgextract.store.check import check_store
from kgextract.store.embedded import Store

MEMORY_LIMIT_MB = 1024  # growth of the peak RSS allowed over one fuzz test
EXAMPLE_SECONDS = 120  # the watchdog: an example running longer is a hang
SECRET = "kgextract-fuzz-secret-5f1c"
EXAMPLES = int(os.environ.get("KGEXTRACT_FUZZ_EXAMPLES") or 0)


class HangError(Exception):
    pass


@contextmanager
def watchdog(seconds: int = EXAMPLE_SECONDS):
    """Fail the example if it runs for ``seconds``: a hang, not a slow input."""

    def expire(signum, frame):
        raise HangError(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


# -- what hostile input looks like -----------------------------------------------------

WORDS = st.sampled_from(
    "Sweden Ukraine Russia sent aid attacked said the on Monday . , "
    "\u202e \u200f \x00 \x07 \ufeff \u0301 Ωμέγα 北京 🙂 \\ < > & ; { }".split(" ")
)


def huge_line(min_words: int, max_words: int):
    """One line of many words, no newline: a paragraph a reader cannot split."""
    return st.tuples(
        st.lists(WORDS, min_size=1, max_size=20),
        st.integers(min_value=min_words, max_value=max_words),
    ).map(lambda parts: " ".join(parts[0] * (parts[1] // len(parts[0]) + 1)))


def deep_html(max_depth: int):
    return st.tuples(
        st.integers(min_value=1, max_value=max_depth),
        st.sampled_from(["div", "p", "span", "table", "b", "section"]),
        st.text(max_size=40),
    ).map(
        lambda t: (
            "<html><head><title>Deep</title></head><body>"
            + f"<{t[1]}>" * t[0]
            + "Sweden sent aid to Ukraine. "
            + t[2]
            + f"</{t[1]}>" * (t[0] // 2)
        )
    )


def entity_bomb(root: str):
    """Billion laughs: each entity ten (or more) of the one before."""
    return st.tuples(
        st.integers(min_value=3, max_value=12), st.integers(min_value=2, max_value=12)
    ).map(
        lambda depth_fanout: (
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n'
            + "".join(
                f'<!ENTITY lol{n} "' + f"&lol{n - 1};" * depth_fanout[1] + '">\n'
                for n in range(1, depth_fanout[0])
            )
            + "]>\n"
            + root.replace("PAYLOAD", f"&lol{depth_fanout[0] - 1};")
        )
    )


RSS = (
    '<rss version="2.0"><channel><title>T</title><item><title>PAYLOAD</title>'
    "<description>Sweden sent aid to Ukraine. PAYLOAD</description></item>"
    "</channel></rss>"
)
ATOM = (
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry>'
    "<title>PAYLOAD</title><content>Sweden sent aid. PAYLOAD</content></entry></feed>"
)
HTML = (
    "<html><body><h1>PAYLOAD</h1><p>Sweden sent aid to Ukraine. PAYLOAD</p>"
    "</body></html>"
)


XXE_ROOTS = [(RSS, ".rss"), (ATOM, ".xml"), (HTML, ".html"), (HTML, ".xhtml")]


def external_entity(secret: Path):
    """XXE: an entity whose value is a local file, in every form a parser might
    follow (general, parameter, XInclude)."""
    uri = secret.as_uri()
    forms = [
        f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{uri}">]>' + "ROOT",
        f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{uri}"> %p;]>' + "ROOT",
        f'<!DOCTYPE x SYSTEM "{uri}">' + "ROOT",
    ]
    return st.tuples(st.sampled_from(forms), st.sampled_from([RSS, ATOM, HTML])).map(
        lambda t: (
            '<?xml version="1.0"?>\n'
            + t[0].replace(
                "ROOT",
                t[1].replace("PAYLOAD", "&xxe;")
                + '<x xmlns:xi="http://www.w3.org/2001/XInclude">'
                + f'<xi:include href="{uri}" parse="text"/></x>',
            )
        )
    )


def hostile(secret: Path, scale: int = 1, line_words: int = 20_000):
    """(bytes, file suffix) of every kind above; ``scale`` multiplies the sizes."""
    texts = st.one_of(
        st.binary(max_size=2000 * scale).map(lambda b: (b, None)),
        st.text(max_size=1000 * scale).map(
            lambda t: (t.encode("utf-8", "replace"), None)
        ),
        huge_line(1000, line_words * scale).map(
            lambda t: (("Headline\n\n" + t).encode(), None)
        ),
        deep_html(3000 * scale).map(lambda t: (t.encode(), ".html")),
        entity_bomb(RSS).map(lambda t: (t.encode(), ".rss")),
        entity_bomb(ATOM).map(lambda t: (t.encode(), ".xml")),
        entity_bomb(HTML).map(lambda t: (t.encode(), ".html")),
        external_entity(secret).map(lambda t: (t.encode(), None)),
        st.lists(
            st.dictionaries(
                st.sampled_from(["title", "text", "date", "url", "language"]),
                st.one_of(st.text(max_size=200), st.integers(), st.none()),
            ),
            max_size=5,
        ).map(lambda records: ("\n".join(map(repr, records)).encode(), ".jsonl")),
    )
    suffixes = st.sampled_from([".txt", ".md", ".html", ".jsonl", ".rss", ".xml", ""])
    return st.tuples(texts, suffixes).map(
        lambda t: (t[0][0], t[0][1] if t[0][1] is not None else t[1])
    )


def assert_no_secret_and_one_line(items, folder: Path) -> None:
    for item in items:
        assert isinstance(item, Article | InputError)
        if isinstance(item, InputError):
            assert str(item).startswith(str(folder)), str(item)
            assert "\n" not in str(item)
        else:
            assert SECRET not in item.headline + item.body


# -- the tests -------------------------------------------------------------------------


def examples(fast: int) -> int:
    return EXAMPLES or fast


def bomb(root: str, depth: int = 10, fanout: int = 10) -> bytes:
    """The classic billion laughs: 10 levels of 10, a gigabyte if expanded."""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n'
        + "".join(
            f'<!ENTITY lol{n} "' + f"&lol{n - 1};" * fanout + '">\n'
            for n in range(1, depth)
        )
        + "]>\n"
        + root.replace("PAYLOAD", f"&lol{depth - 1};")
    ).encode()


def xxe(secret: Path, root: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM '
        f'"{secret.as_uri()}">]>' + root.replace("PAYLOAD", "&xxe;")
    ).encode()


def test_readers_take_any_hostile_file_without_harm(tmp_path_factory, secret_file):
    start = peak_rss_mb()
    deep = ("<html><body>" + "<div>" * 100_000 + "Sweden sent aid.").encode()
    line = ("Headline\n\n" + "Sweden sent aid to Ukraine " * 150_000).encode()

    @settings(
        max_examples=examples(80),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(files=st.lists(hostile(secret_file, scale=50), min_size=1, max_size=3))
    @example(files=[(bomb(RSS), ".rss"), (bomb(ATOM), ".xml"), (bomb(HTML), ".html")])
    @example(files=[(xxe(secret_file, root), s) for root, s in XXE_ROOTS])
    @example(files=[(deep, ".html"), (line, ".txt"), (line, ".md")])
    def run(files):
        folder = tmp_path_factory.mktemp("fuzz")
        for number, (data, suffix) in enumerate(files):
            (folder / f"input{number}{suffix}").write_bytes(data)
        with watchdog():
            items = list(iter_articles([folder]))
        assert_no_secret_and_one_line(items, folder)
        assert peak_rss_mb() - start < MEMORY_LIMIT_MB

    run()


def fuzz_pipeline(tmp_path_factory, secret_file, nlp, count: int, scale: int):
    start = peak_rss_mb()
    strategy = hostile(secret_file, scale=scale, line_words=3000)

    @settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(files=st.lists(strategy, min_size=1, max_size=3))
    def run(files):
        folder = tmp_path_factory.mktemp("fuzz")
        corpus = folder / "in"
        corpus.mkdir()
        for number, (data, suffix) in enumerate(files):
            (corpus / f"input{number}{suffix}").write_bytes(data)
        with watchdog(), Store.open(folder / "store", create=True) as store:
            report = ingest([corpus], store, nlp, article_timeout=30)
            literals = [
                row["o"].value
                for row in store.query(
                    "SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"
                )
            ]
        for error in report.failed:
            assert isinstance(error, InputError)
            assert "\n" not in str(error)
        assert not any(SECRET in literal for literal in literals)
        checked = check_store(folder / "store")
        assert checked.ok, checked.findings
        assert peak_rss_mb() - start < MEMORY_LIMIT_MB

    run()


def test_the_pipeline_takes_any_hostile_file_and_leaves_a_sound_store(
    tmp_path_factory, secret_file, nlp
):
    fuzz_pipeline(tmp_path_factory, secret_file, nlp, examples(20), scale=1)


@pytest.mark.slow
def test_the_pipeline_takes_many_bigger_hostile_files(
    tmp_path_factory, secret_file, nlp
):
    fuzz_pipeline(tmp_path_factory, secret_file, nlp, examples(150), scale=10)
