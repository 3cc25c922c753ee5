"""What became of the judged events under the current code.

    python benchmarks/gold/rescore.py [SECTION ...]
    python benchmarks/gold/rescore.py --samples benchmarks/gold/samples4 [SECTION ...]

The judged samples (``samples/SECTION.jsonl`` with their reconciled verdicts) were
drawn from one commit's store. This ingests the articles they came from with the
current code (``kgextract ingest --default-date 2005`` into a temporary store) and
looks each judged event up again by its article, sentence, actor, type, target and
flags: an event still stated keeps its verdict; one no longer stated is dropped.
The precision of the kept events is an estimate for the current code that leans
optimistic, as its new events are not judged: a new sample is the real measure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from judged import SAMPLES, read  # noqa: E402

DATA = HERE.parents[2] / "shared" / "data" / "bbc_news"
KEY = ("type", "actor", "target", "negated", "hypothetical", "sentence")


def verdicts(section: str, samples: Path = SAMPLES) -> dict[int, str]:
    a, b = (read(samples / f"{section}.judge_{j}.jsonl") for j in "AB")
    reconciled_path = samples / f"{section}.reconciled.jsonl"
    reconciled = read(reconciled_path) if reconciled_path.exists() else {}
    return {
        i: a[i]["verdict"]
        if a[i]["verdict"] == b[i]["verdict"]
        else reconciled[i]["verdict"]
        for i in a
    }


def current_events(section: str, articles: set[str], tmp: Path) -> set[tuple]:
    folder = tmp / section
    folder.mkdir()
    for name in articles:
        shutil.copyfile(DATA / section / name, folder / name)
    kgextract = str(Path(sys.executable).parent / "kgextract")
    store = str(tmp / f"{section}.store")
    ingest = [kgextract, "ingest", str(folder), "--store", store, "-q"]
    subprocess.run([*ingest, "--default-date", "2005"], check=True)
    out = subprocess.run(
        [kgextract, "query", "events", "--json", "--store", store],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    sources = json.loads(
        subprocess.run(
            [kgextract, "query", "articles", "--json", "--store", store],
            check=True, capture_output=True, text=True,
        ).stdout
    )  # fmt: skip
    names = {row["article"]: Path(row["source"]).name for row in sources}
    return {
        (names[row["article"]], *(row.get(key) for key in KEY))
        for row in json.loads(out.stdout)
    }


def main() -> None:
    args = sys.argv[1:]
    samples = SAMPLES
    if args[:1] == ["--samples"]:
        samples, args = Path(args[1]), args[2:]
    sections = args or ["politics", "business", "tech"]
    with tempfile.TemporaryDirectory() as tmp:
        for section in sections:
            events = read(samples / f"{section}.jsonl")
            verdict = verdicts(section, samples)
            now = current_events(
                section, {e["article"] for e in events.values()}, Path(tmp)
            )
            kept, dropped = Counter(), Counter()
            for i, event in events.items():
                key = (event["article"], *(event.get(k) for k in KEY))
                (kept if key in now else dropped)[verdict[i]] += 1
            n = sum(kept.values())
            print(
                f"{section}: kept {n} (correct {kept['correct']}, borderline "
                f"{kept['borderline']}, wrong {kept['wrong']}; precision "
                f"{kept['correct'] / max(1, n):.2f}), dropped {sum(dropped.values())} "
                f"(correct {dropped['correct']}, borderline {dropped['borderline']}, "
                f"wrong {dropped['wrong']})"
            )


if __name__ == "__main__":
    main()
