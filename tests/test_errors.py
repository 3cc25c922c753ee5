"""What a user is told when something goes wrong, and what a script can count on:
each failure says what happened and what to do, in one line; exit codes tell a
user's mistake (1) from a usage error (2) and a bug (3); paths are paths whatever
they contain; a closed pipe, the umask and outside hosts are respected.

Each test is one of issue 15's measured failures, met as a user meets it: through
the command line, on a real store, a real full disk, a real silent server.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from kgextract.cli import cli

from .conftest import KGEXTRACT, SEEDS, kgextract


def invoke(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def article(headline: str, sentence: str) -> str:
    return f"{headline}\n\n{sentence}\n"


# -- remove takes any path ----------------------------------------------------------

ODD_NAMES = [
    "my article.txt",
    'say "no".txt',
    "a>b.txt",
    "{braces}.txt",
    "back\\slash.txt",
    "new\nline.txt",
    "it's.txt",
]


def test_remove_accepts_any_path_it_was_given(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number, name in enumerate(ODD_NAMES):
        text = article(
            f"Report {number}", f"Sweden sent {number + 2} tanks to Ukraine."
        )
        (folder / name).write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    assert invoke("ingest", folder, "--store", store, "-q").exit_code == 0
    for name in ODD_NAMES:
        result = invoke("remove", folder / name, "--store", store)
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith("removed ")
        assert f"(report {ODD_NAMES.index(name)})".lower() not in result.stderr
    stats = json.loads(invoke("stats", "--json", "--store", store).stdout)
    assert stats["articles"] == 0
    missing = invoke("remove", folder / "my article.txt", "--store", store)
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"Error: {folder / 'my article.txt'}: no article with this id or source in "
        "the store\n",
    )


# -- exit codes ----------------------------------------------------------------------


def test_usage_errors_exit_2_and_user_errors_exit_1(tmp_path):
    usage = kgextract("query", "bogus")
    assert usage.returncode == 2
    assert "No such command 'bogus'" in usage.stderr
    missing = kgextract("query", "articles", "--store", tmp_path / "nowhere")
    assert (missing.returncode, missing.stderr) == (
        1,
        f"Error: {tmp_path / 'nowhere'}: no kgextract store here; run `kgextract "
        "ingest` first\n",
    )


def test_an_internal_bug_exits_3_with_one_line(monkeypatch, capsys):
    """A command that fails the way a bug does (an exception no one planned for):
    registered here, run through the real entry point."""
    from kgextract import cli as entry

    @entry.cli.command("explode-for-test", hidden=True)
    def explode() -> None:
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.setattr(sys, "argv", ["kgextract", "explode-for-test"])
    monkeypatch.delenv("KGEXTRACT_DEBUG", raising=False)
    try:
        with pytest.raises(SystemExit) as exited:
            entry.main()
    finally:
        del entry.cli.commands["explode-for-test"]
    assert exited.value.code == 3
    assert capsys.readouterr().err == (
        "Error: internal error: RuntimeError: a bug over two lines (run again with "
        "KGEXTRACT_DEBUG=1 for the traceback, and report it)\n"
    )


# -- pipes and files -----------------------------------------------------------------


def test_export_to_a_closed_pipe_ends_quietly(seed_store):
    child = subprocess.Popen(
        [*KGEXTRACT, "export", "--format", "nt", "--store", str(seed_store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = child.stdout.readline()
    child.stdout.close()  # what `| head -1` does after its line
    errors = child.stderr.read()
    assert child.wait(timeout=120) == 0
    assert first.endswith(b" .\n")
    assert errors == b""


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_exported_files_honour_the_umask(seed_store, tmp_path, umask, mode):
    out = tmp_path / "graph.ttl"
    result = subprocess.run(
        [*KGEXTRACT, "export", "-o", str(out), "--store", str(seed_store)],
        preexec_fn=lambda: os.umask(umask),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode


# -- the store's words -----------------------------------------------------------------


# Root may write anywhere; without these capabilities it meets the mode bits too.
AS_UNPRIVILEGED = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
    "--inh-caps=-dac_override,-dac_read_search,-fowner",
]


def test_a_store_this_user_cannot_write_says_permission_denied(seed_store, tmp_path):
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root writes anywhere, and setpriv is not there to drop that")
        prefix = AS_UNPRIVILEGED
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    for path in (store / "oxigraph", store):
        os.chmod(path, 0o555)
    try:

        def run(*args):
            return subprocess.run(
                [*prefix, *KGEXTRACT, *map(str, args)],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )

        write = run("remove", "nothing", "--store", store)
        read = run("query", "articles", "--json", "--store", store)
    finally:
        for path in (store, store / "oxigraph"):
            os.chmod(path, 0o755)
    assert (write.returncode, write.stderr) == (
        1,
        f"Error: {store}: permission denied (opening the database): this user "
        "cannot write to the store; check the owner and mode of the directory "
        "(queries and exports only need to read it)\n",
    )
    assert read.returncode == 0, read.stderr
    assert len(json.loads(read.stdout)) == 1


FULL_DISK = """
set -u
mount -t tmpfs -o size=400k none "$DISK"
"$@" ingest "$CORPUS" --store "$DISK/store" -q 2> "$OUT/first.err"
echo $? > "$OUT/first.rc"
mount -o remount,size=64m "$DISK"
"$@" check --store "$DISK/store" > "$OUT/check.out"
echo $? > "$OUT/check.rc"
"$@" ingest "$CORPUS" --store "$DISK/store" -q
echo $? > "$OUT/again.rc"
"$@" export --format nquads --store "$DISK/store" > "$OUT/store.nq"
"""


def test_a_full_disk_says_so_and_the_store_survives_it(tmp_path):
    """A real full disk: a 400 KiB tmpfs in a private mount namespace (no root
    needed where user namespaces are allowed), then room made on it."""
    unshare = shutil.which("unshare")
    probe = unshare and subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "true"],
        capture_output=True,
        check=False,
    )
    if not probe or probe.returncode != 0:
        pytest.skip("unshare cannot make a private mount namespace here")
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for number in range(2):
        text = article(f"Aid {number}", f"Sweden sent {number + 3} tanks to Ukraine.")
        (corpus / f"aid{number}.txt").write_text(text, encoding="utf-8")
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {**os.environ, "DISK": str(disk), "CORPUS": str(corpus), "OUT": str(out)}
    done = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "bash", "-c", FULL_DISK]
        + ["full-disk", *KGEXTRACT],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "first.rc").read_text().strip() == "1"
    error = (out / "first.err").read_text()
    assert error.startswith(f"Error: {disk / 'store'}: the disk is full (")
    assert error.endswith(
        "): free some space, then run the command again; a write cut short is "
        "rolled back when the store is next opened\n"
    )
    assert (out / "check.rc").read_text().strip() == "0", (
        out / "check.out"
    ).read_text()
    assert (out / "again.rc").read_text().strip() == "0"
    reference = tmp_path / "reference"
    assert invoke("ingest", corpus, "--store", reference, "-q").exit_code == 0
    expected = invoke("export", "--format", "nquads", "--store", reference).stdout
    stored = (out / "store.nq").read_text(encoding="utf-8")
    assert sorted(stored.splitlines()) == sorted(expected.splitlines())


# -- endpoints -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, cause",
    [
        ("http://", "no host name"),
        ("http://[::1", "Invalid IPv6 URL"),
        ("http://exa mple.com/sparql", "it contains ' '; encode spaces as %20"),
        ("http://localhost:99999/", "Port out of range 0-65535"),
    ],
)
def test_a_malformed_endpoint_url_is_a_one_line_error(url, cause):
    result = invoke("query", "articles", "--store", url)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "not a valid endpoint URL" in result.stderr
    assert cause in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.fixture
def silent_endpoint():
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_silent_endpoint_fails_within_the_timeout(silent_endpoint):
    # 60 s is a hang detector: before --timeout, each request waited 300 s.
    result = kgextract(
        "query", "articles", "--store", silent_endpoint, "--timeout", "1", timeout=60
    )
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: {silent_endpoint}: the SPARQL endpoint did not answer the query "
        "within 1 s; is the server overloaded? Give it more time with --timeout "
        "SECONDS\n",
    )


def test_an_unreachable_endpoint_says_what_to_check():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    result = invoke("query", "articles", "--store", f"http://127.0.0.1:{port}")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: http://127.0.0.1:{port}: cannot reach the SPARQL endpoint ("
    )
    assert result.stderr.endswith("); is the server running, and is the URL right?\n")


# -- SERVICE ---------------------------------------------------------------------------


@pytest.fixture
def listening_host():
    """A real HTTP server that answers any SPARQL request with one solution and
    counts the requests it got: the host a SERVICE clause would reach."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def answer(self):
            requests.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = json.dumps(
                {
                    "head": {"vars": ["secret"]},
                    "results": {
                        "bindings": [{"secret": {"type": "literal", "value": "leak"}}]
                    },
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = answer  # noqa: N815 - http.server's names

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", requests
    server.shutdown()
    server.server_close()


def test_service_is_refused_unless_allowed(seed_store, listening_host):
    url, requests = listening_host
    query = f"SELECT ?secret WHERE {{ SERVICE <{url}> {{ ?s ?p ?secret }} }}"
    refused = invoke("query", "sparql", query, "--json", "--store", seed_store)
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: the query calls SERVICE, which sends requests to the hosts it "
        "names; kgextract refuses it unless you pass --allow-service\n",
    )
    assert requests == []
    allowed = invoke(
        "query", "sparql", query, "--allow-service", "--json", "--store", seed_store
    )
    assert allowed.exit_code == 0, allowed.output
    assert json.loads(allowed.stdout) == [{"secret": "leak"}]
    assert len(requests) >= 1


@pytest.mark.parametrize(
    "query, calls_service",
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * { ?s ?p ?o . SERVICE ?endpoint { ?a ?b ?c } }", True),
        ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True),
        ("SELECT ?service { ?service ?p 'SERVICE' }", False),
        ('SELECT * { ?s ?p """a SERVICE b""" } # SERVICE <http://x/>', False),
        ("SELECT * { ?s <http://e.org/SERVICE> ?o . ?s ex:service ?x }", False),
        ("SELECT * { service:x ?p ?o FILTER(?o < 3 && ?p > 2) }", False),
    ],
)
def test_service_is_the_keyword_not_the_word(query, calls_service):
    from kgextract.query.service import uses_service

    assert uses_service(query) is calls_service


# -- names and headlines ---------------------------------------------------------------


def test_bidi_and_control_characters_leave_headlines_and_names(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(
        "Kyiv \u202egnikaerb\u202c news\x07\n\n"
        "Chancellor Olaf \u2066Scholz\u2069 met President Volodymyr Zelen\u200fsky "
        "in Kyiv on Monday.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    assert invoke("ingest", source, "--store", store, "-q").exit_code == 0
    (row,) = json.loads(invoke("query", "articles", "--json", "--store", store).stdout)
    assert row["headline"] == "Kyiv gnikaerb news"
    names = {
        e["name"]
        for e in json.loads(
            invoke("query", "entities", "--json", "--store", store).stdout
        )
    }
    # The right-to-left mark gone, the name is the gazetteer's again.
    assert {"Olaf Scholz", "Volodymyr Zelenskiy"} <= names
    dump = invoke("export", "--format", "nquads", "--store", store).stdout
    for control in ("\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\x07"):
        assert control not in dump
