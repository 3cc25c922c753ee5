"""Agreement between the two judges of each event sample, and the precision the
reconciled verdicts give.

    python benchmarks/gold/judged.py            # every section with two judges' files
    python benchmarks/gold/judged.py benchmarks/gold/samples2   # a later round

Reads ``samples/SECTION.jsonl`` (the events), ``samples/SECTION.judge_{A,B}.jsonl``
(each judge's verdicts, made apart) and, when present,
``samples/SECTION.reconciled.jsonl`` (the verdicts where the judges differed,
decided by a third reader). Precision is correct / judged, and (correct +
borderline) / judged as the lenient figure.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

SAMPLES = Path(__file__).parent / "samples"
VERDICTS = ("correct", "borderline", "wrong")


def read(path: Path) -> dict[int, dict]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {row["id"]: row for row in rows if row}


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two judges over the three verdicts."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[v] * cb[v] for v in VERDICTS) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLES
    for sample in sorted(folder.glob("*.jsonl")):
        section = sample.stem
        if "." in section:
            continue
        files = [folder / f"{section}.judge_{j}.jsonl" for j in "AB"]
        if not all(f.exists() for f in files):
            continue
        events = read(sample)
        a, b = (read(f) for f in files)
        ids = sorted(events)
        va = [a[i]["verdict"] for i in ids]
        vb = [b[i]["verdict"] for i in ids]
        reconciled_path = folder / f"{section}.reconciled.jsonl"
        reconciled = read(reconciled_path) if reconciled_path.exists() else {}
        final = {}
        for i, x, y in zip(ids, va, vb, strict=True):
            final[i] = x if x == y else reconciled.get(i, {}).get("verdict")
        undecided = [i for i, v in final.items() if v is None]
        count = Counter(v for v in final.values() if v)
        n = len(ids)
        agree = sum(x == y for x, y in zip(va, vb, strict=True))
        print(f"## {section}: {n} events")
        for judge, verdicts in (("A", va), ("B", vb)):
            c = Counter(verdicts)
            print(
                f"  judge {judge}: correct {c['correct']}, borderline "
                f"{c['borderline']}, wrong {c['wrong']}"
            )
        print(f"  same verdict: {agree}/{n}, Cohen's kappa {kappa(va, vb):.2f}")
        if undecided:
            print(f"  not yet reconciled: {undecided}")
            continue
        print(
            f"  reconciled: correct {count['correct']}, borderline "
            f"{count['borderline']}, wrong {count['wrong']}: precision "
            f"{count['correct'] / n:.2f} (with borderline "
            f"{(count['correct'] + count['borderline']) / n:.2f})"
        )


if __name__ == "__main__":
    main()
