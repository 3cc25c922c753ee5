"""A random sample of the events a store states, for judging by hand.

    python benchmarks/sample_events.py STORE SECTION [--size 100] [--seed 20261204]
                                       [--out benchmarks/gold/samples]

Writes ``benchmarks/gold/samples/SECTION.jsonl``: each sampled event with what a judge
needs (the sentence, the article's file, actor, target, type, verb, object, flags)
and nothing of how it was read. The events come from ``kgextract query events
--json``, as a user sees them; the sample is drawn with ``random.Random(seed)`` from
the events sorted by their IRI, so the same store gives the same sample.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEEP = (
    "type", "actor", "target", "target_inferred", "verb", "object", "negated",
    "hypothetical", "modality", "amounts", "sentence",
)  # fmt: skip


def query(store: str, *args: str) -> list[dict]:
    kgextract = Path(sys.executable).parent / "kgextract"
    command = [str(kgextract), "query", *args, "--store", store]
    out = subprocess.run(command + ["--json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("section")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "gold" / "samples",
        help="folder of the sample (a later round keeps its own)",
    )  # fmt: skip
    options = parser.parse_args()
    events = sorted(query(options.store, "events"), key=lambda row: row["event"])
    sources = {
        row["article"]: row["source"] for row in query(options.store, "articles")
    }
    sample = random.Random(options.seed).sample(events, min(options.size, len(events)))
    out = options.out / f"{options.section}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for number, row in enumerate(sample, 1):
            item = {"id": number, "article": Path(sources[row["article"]]).name}
            item.update((key, row.get(key)) for key in KEEP)
            item["event"] = row["event"]
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(sample)} of {len(events)} events -> {out}")


if __name__ == "__main__":
    main()
