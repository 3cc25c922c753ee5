"""One bad article fails alone: too long for spaCy, too slow, or anything it raises;
the rest of its batch and of the run is stored, and the failure is logged with its
cause in ``stats --ingests``.

Issue 15 measured: an article over spaCy's 1,000,000-character limit raised E088
and ended the whole ingest with its batch; a 900,000-character article took 104 s
and 2.9 GB. Long articles are now read by sections cut at paragraph breaks.
"""

from __future__ import annotations

import gc
import json
import resource
import subprocess
import time
from collections import Counter

import pytest
from click.testing import CliRunner

from kgextract.cli import cli
from kgextract.errors import InputError
from kgextract.ingest.orchestrator import ingest
from kgextract.ingest.unit import ArticleTimeout, time_budget
from kgextract.model import (
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    Relation,
    Sentence,
)
from kgextract.readers import read_file
from kgextract.store.embedded import Store

from .conftest import KGEXTRACT, SEEDS, shared_data

SEED = next(SEEDS.glob("*.txt"))


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("short", 10, [(0, "short")]),
        ("aaaa\n\nbbbb\n\ncccc", 12, [(0, "aaaa\n\nbbbb\n\n"), (12, "cccc")]),
        (
            "One two. Three four. Five",
            12,
            [(0, "One two. "), (9, "Three four. "), (21, "Five")],
        ),
        ("one two three", 8, [(0, "one two "), (8, "three")]),
        ("abcdefghij", 4, [(0, "abcd"), (4, "efgh"), (8, "ij")]),
    ],
)
def test_sections_cut_at_paragraphs_then_sentences_then_spaces(text, limit, expected):
    from kgextract.ingest.unit import sections

    assert sections(text, limit) == expected
    assert "".join(part for _, part in sections(text, limit)) == text


def test_merged_sections_point_into_the_whole_text():
    from kgextract.ingest.unit import merge_sections

    article = Article.make("x.txt", "H", "Sweden aids Kyiv.\n\nSweden aids Kyiv.")
    sweden = Entity("country:SWE", "Sweden", "Country", ("Sweden",))
    kyiv = Entity("place:kyiv", "Kyiv", "Place", ("Kyiv",))

    def part(model: str) -> Extraction:
        return Extraction(
            article=article,
            sentences=(Sentence(0, 0, 17),),
            entities=(sweden, kyiv),
            mentions=(Mention("country:SWE", "Sweden", 0, 6, 0, "GPE"),),
            events=(
                Event(
                    "AID",
                    "070",
                    "MATERIAL_COOPERATION",
                    "country:SWE",
                    "place:kyiv",
                    "aid",
                    None,
                    0,
                    7,
                    11,
                ),
            ),
            model=model,
            relations=(
                Relation(
                    "Located_In", "place:kyiv", "country:SWE", 0, (12, 16), (0, 6), 0.9
                ),
            ),
            relation_threshold=0.5,
        )

    merged = merge_sections(article, [(0, part("m")), (19, part("m"))])
    assert merged.sentences == (Sentence(0, 0, 17), Sentence(1, 19, 36))
    assert [(m.start_char, m.end_char, m.sentence) for m in merged.mentions] == [
        (0, 6, 0),
        (19, 25, 1),
    ]
    assert [(e.start_char, e.end_char, e.sentence) for e in merged.events] == [
        (7, 11, 0),
        (26, 30, 1),
    ]
    assert [(r.head_span, r.tail_span, r.sentence) for r in merged.relations] == [
        ((12, 16), (0, 6), 0),
        ((31, 35), (19, 25), 1),
    ]
    assert merged.entities == (sweden, kyiv)  # once each, sorted by key
    assert (merged.model, merged.relation_threshold) == ("m", 0.5)
    for sentence in merged.sentences:
        assert article.body[sentence.start_char : sentence.end_char] == (
            "Sweden aids Kyiv."
        )


def test_an_article_over_spacys_limit_is_read_by_sections_beside_its_batch(
    nlp, tmp_path
):
    """The seed twice over, in an article longer than the pipeline's max_length
    (lowered here for speed: spaCy refuses what is longer, E088): it is cut between
    the two copies, each half gives the same events, at offsets one copy apart,
    and the short articles beside it are stored too."""
    seed = next(read_file(SEED))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Aid\n\nSweden sent tanks to Ukraine.\n", "utf-8")
    (folder / "b.txt").write_text(
        f"Twice\n\n{seed.body}\n\n{seed.body}\n", encoding="utf-8"
    )
    (folder / "c.txt").write_text("Raid\n\nRussia attacked Kyiv on Monday.\n", "utf-8")
    limit = len(seed.body) + 10
    saved, nlp.max_length = nlp.max_length, limit
    try:
        with Store.open(tmp_path / "store", create=True) as store:
            report = ingest([folder], store, nlp)
            rows = store.query(
                "SELECT ?type ?actor ?start WHERE { ?e kg:eventType ?type ; "
                "kg:actor ?actor ; kg:startChar ?start ; kg:inArticle ?a . "
                "?a kg:source ?source FILTER(STRENDS(?source, 'b.txt')) }"
            )
            events = [
                (row["type"].value, row["actor"].value, int(row["start"].value))
                for row in rows
            ]
            texts = store.query(
                "SELECT ?text ?start ?end ?body WHERE { ?s a kg:Sentence ; "
                "kg:text ?text ; kg:startChar ?start ; kg:endChar ?end ; "
                "kg:inArticle ?a . ?a schema:text ?body }"
            )
            for row in texts:
                start, end = int(row["start"].value), int(row["end"].value)
                assert row["body"].value[start:end] == row["text"].value
    finally:
        nlp.max_length = saved
    assert (report.added, report.failed) == (3, [])
    second = len(seed.body) + 2
    first_half = Counter((t, a, s) for t, a, s in events if s < second)
    second_half = Counter((t, a, s - second) for t, a, s in events if s >= second)
    assert first_half and first_half == second_half


def test_an_article_that_takes_too_long_fails_alone_and_is_logged(nlp, tmp_path):
    """A budget of a fifth of a second: a 95,000-character article (parsed in one
    batch with two short ones, which then go one by one) and a 250,000-character one
    (read by sections) fail; the three one-sentence articles are stored. (With half
    a second, an idle machine parsed the batch within its 1.5 s and extracted the
    long article within its own 0.5 s.)"""
    seed = next(read_file(SEED)).body
    folder = tmp_path / "in"
    folder.mkdir()
    short = "Sweden sent tanks to Ukraine on {}.\n"
    for name, day in (("a", "Monday"), ("c", "Tuesday"), ("e", "Friday")):
        (folder / f"{name}.txt").write_text(f"News {name}\n\n" + short.format(day))
    (folder / "b.txt").write_text("Long\n\n" + (seed + "\n\n") * 19)
    (folder / "d.txt").write_text("Longer\n\n" + (seed + "\n\n") * 46)
    assert 90_000 < len(next(read_file(folder / "b.txt")).body) < 100_000
    with Store.open(tmp_path / "store", create=True) as store:
        report = ingest([folder], store, nlp, article_timeout=0.2)
        (run,) = store.ingests()
    cause = "took longer than 0.2 s to extract (--article-timeout)"
    assert report.added == 3
    assert [(e.path, e.cause) for e in report.failed if isinstance(e, InputError)] == [
        (str(folder / "b.txt"), cause),
        (str(folder / "d.txt"), cause),
    ]
    assert run["status"] == "complete"
    assert (run["added"], run["failed"]) == (3, 2)
    assert run["failures"] == [
        {"source": str(folder / "b.txt"), "cause": cause},
        {"source": str(folder / "d.txt"), "cause": cause},
    ]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_time_budget_dropped_in_a_gc_callback_fires_again():
    """A timeout that lands while a ``gc`` callback runs (Hypothesis installs one)
    is printed and dropped by Python; the budget raises again, so the slow article
    still fails instead of being stored after any length of time (a CI run stored
    one of this file's long articles that way)."""
    slept = []

    def slow_callback(phase, info):
        if phase == "start" and not slept:
            slept.append(phase)
            time.sleep(0.2)  # the 0.1 s budget runs out in here

    gc.callbacks.append(slow_callback)
    started = time.monotonic()
    try:
        with pytest.raises(ArticleTimeout), time_budget(0.1):
            gc.collect()
            while time.monotonic() - started < 2:
                sum(range(1000))
    finally:
        gc.callbacks.remove(slow_callback)
    assert slept
    assert time.monotonic() - started < 1


def test_stats_ingests_lists_each_failure_with_its_cause(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Aid\n\nSweden sent tanks to Ukraine.\n")
    (folder / "empty.txt").write_text("")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--store", str(store)])
    assert result.exit_code == 1
    result = CliRunner().invoke(
        cli, ["stats", "--ingests", "--json", "--store", str(store)]
    )
    (run,) = json.loads(result.stdout)
    assert (run["command"], run["status"], run["added"], run["failed"]) == (
        "ingest",
        "complete",
        1,
        1,
    )
    assert run["failures"] == [
        {"source": str(folder / "empty.txt"), "cause": "empty file"}
    ]


@pytest.mark.slow
def test_a_million_character_article_is_ingested_in_under_1_5_gb(tmp_path):
    """Measured in a child process (its peak resident memory, from the kernel):
    the article is BBC articles run together past spaCy's limit."""
    texts = sorted(shared_data("bbc_news").glob("*/*.txt"))
    body, parts = 0, []
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[1]
        parts.append(text.strip())
        body += len(text) + 2
        if body > 1_050_000:
            break
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text("A very long article\n\n" + "\n\n".join(parts))
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"))
    assert len(next(read_file(folder / "long.txt")).body) > 1_000_000
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [*KGEXTRACT, "ingest", str(folder), "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 0, done.stderr
    assert "2 added, 0 replaced, 0 unchanged, 0 failed" in done.stderr
    assert before / 1024 < 1536, "an earlier child already used more"
    assert peak_mib < 1536, f"peak {peak_mib:.0f} MiB"
