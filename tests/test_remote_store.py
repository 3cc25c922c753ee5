"""``--store http://…``: the same ingest and queries against real SPARQL servers.

Each module run starts ``oxigraph serve`` (from the ``oxigraph`` package) and
rdflib's engine behind rdflib-endpoint (tests/fixtures/rdflib_sparql_server.py), each
on a free port of 127.0.0.1, and stops them afterwards; nothing else is contacted.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.errors import QueryError
from kgextract.store import open_store
from kgextract.store.remote import RemoteStore, endpoints

from .conftest import SEEDS, kgextract, shared_data, sorted_nquads


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Two independent SPARQL engines behind the two URL layouts kgextract reads: the
# Oxigraph server (BASE/query + BASE/update) and rdflib's engine served by
# rdflib-endpoint (one URL ending in /sparql, as Virtuoso and Blazegraph).
SERVERS = ("oxigraph", "rdflib-endpoint")
RDFLIB_SERVER = Path(__file__).parent / "fixtures" / "rdflib_sparql_server.py"


@pytest.fixture(scope="module", params=SERVERS)
def server(request, tmp_path_factory):
    """A fresh server for the seed comparisons; yields its store URL."""
    yield from serve(request.param, tmp_path_factory)


@pytest.fixture(params=SERVERS)
def empty_server(request, tmp_path_factory):
    """Another server, for tests that write their own data."""
    yield from serve(request.param, tmp_path_factory)


def serve(kind: str, tmp_path_factory):
    port = free_port()
    if kind == "oxigraph":
        location = tmp_path_factory.mktemp("oxigraph")
        command = [oxigraph_binary(), "serve", "--location", str(location)]
        command += ["--bind", f"127.0.0.1:{port}"]
        url = f"http://127.0.0.1:{port}"
    else:
        pytest.importorskip("rdflib_endpoint")
        pytest.importorskip("uvicorn")
        command = [sys.executable, str(RDFLIB_SERVER), str(port)]
        url = f"http://127.0.0.1:{port}/sparql"
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    query_url = endpoints(url)[0]
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(query_url + "?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"the {kind} server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def run_json(store, *args):
    result = CliRunner().invoke(cli, [*args, "--store", str(store), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def remote_and_local(server, tmp_path_factory):
    """The seed ingested into the server and into an embedded store."""
    local = tmp_path_factory.mktemp("local") / "store"
    for store in (server, local):
        done = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--store", str(store)])
        assert done.exit_code == 0, done.output
        assert "1 added, 0 replaced, 0 unchanged, 0 failed" in done.output
    return server, local


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["query", "supports"],
        ["query", "supports", "Ukraine"],
        ["query", "opposes"],
        ["query", "events", "--actor", "Germany"],
        ["query", "entities", "--type", "Person"],
        ["query", "entity", "Olaf Scholz"],
        ["query", "articles"],
    ],
)
def test_remote_store_answers_like_the_embedded_one(remote_and_local, args):
    remote, local = remote_and_local
    assert run_json(remote, *args) == run_json(local, *args)


def test_remote_supports_include_sweden_and_the_united_states(remote_and_local):
    remote, _ = remote_and_local
    pairs = {
        (r["supporter"], r["target"]) for r in run_json(remote, "query", "supports")
    }
    assert {("Sweden", "Ukraine"), ("United States", "Ukraine")} <= pairs


def test_reingest_into_the_remote_store_skips_the_unchanged_article(remote_and_local):
    remote, _ = remote_and_local
    done = CliRunner().invoke(cli, ["ingest", str(SEEDS), "--store", remote])
    assert done.exit_code == 0, done.output
    assert "0 added, 0 replaced, 1 unchanged, 0 failed" in done.output


def test_remote_export_holds_the_same_triples(remote_and_local, tmp_path):
    import rdflib
    from rdflib.compare import isomorphic

    remote, local = remote_and_local
    graphs = []
    for name, store in (("remote", remote), ("local", local)):
        out = tmp_path / f"{name}.nt"
        result = CliRunner().invoke(
            cli, ["export", "--format", "nt", "-o", str(out), "--store", str(store)]
        )
        assert result.exit_code == 0, result.output
        graphs.append(rdflib.Graph().parse(out, format="nt"))
    assert isomorphic(*graphs)


def test_remove_and_load_through_the_remote_store(empty_server, tmp_path):
    server = empty_server
    local = tmp_path / "local"
    assert (
        CliRunner()
        .invoke(cli, ["ingest", str(SEEDS), "--store", str(local), "-q"])
        .exit_code
        == 0
    )
    dump = tmp_path / "seed.nq"
    CliRunner().invoke(
        cli, ["export", "--format", "nquads", "-o", str(dump), "--store", str(local)]
    )
    with open_store(server) as store:
        assert isinstance(store, RemoteStore)
        store.load(dump)
        (article,) = [r for r in run_json(server, "query", "articles")]
    result = CliRunner().invoke(cli, ["remove", article["id"], "--store", server])
    assert result.exit_code == 0, result.output
    assert run_json(server, "stats")["articles"] == 0
    assert run_json(server, "query", "supports") == []


def test_a_bad_query_on_the_remote_store_is_a_query_error(server):
    with open_store(server, read_only=True) as store, pytest.raises(QueryError):
        store.query("SELECT WHERE {")


@pytest.mark.parametrize(
    "url, query, update",
    [
        # Oxigraph server and Fuseki: a base with /query and /update under it.
        ("http://localhost:7878", "/query", "/update"),
        ("http://localhost:3030/news/", "/news/query", "/news/update"),
        # Virtuoso, Blazegraph: one URL for both.
        ("http://localhost:8890/sparql", "/sparql", "/sparql"),
        # GraphDB, RDF4J: updates go to the repository's statements.
        (
            "http://localhost:7200/repositories/news",
            "/repositories/news",
            "/repositories/news/statements",
        ),
    ],
)
def test_store_urls_name_the_endpoints_in_each_servers_layout(url, query, update):
    query_url, update_url, _ = endpoints(url)
    assert (urlsplit(query_url).path, urlsplit(update_url).path) == (query, update)


def test_a_remote_ingest_killed_after_its_update_is_finished_by_a_rerun(
    tmp_path, tmp_path_factory
):
    """The clean-up after a batch's UPDATE (here the type vote: BBC politics 006
    and 021 type "National Audit Office" two ways) is journaled in the server's
    own store; a re-run finishes it, and the graph is the uninterrupted one."""
    from .test_crash import KILLED_RUN, write_corpus

    politics = shared_data("bbc_news", "politics")
    corpus = write_corpus(
        tmp_path / "corpus", [politics / "006.txt", politics / "021.txt"]
    )
    local = tmp_path / "local"
    assert kgextract("ingest", corpus, "--store", local, "-q").returncode == 0
    for server in serve("oxigraph", tmp_path_factory):
        killed = subprocess.run(
            [sys.executable, str(KILLED_RUN), "RemoteStore.rename_entity", "1"]
            + ["before", "--", "ingest", str(corpus), "--store", server, "-q"],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        rerun = kgextract("ingest", corpus, "--store", server, "-q")
        assert rerun.returncode == 0, rerun.stderr
        assert sorted_nquads(server) == sorted_nquads(local)
        check = kgextract("check", "--store", server)
        assert check.returncode == 0, check.stdout
