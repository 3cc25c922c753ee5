"""Agreement between two annotators' stance edges, article by article.

    python benchmarks/gold/agreement.py raw/annot_1A.jsonl raw/annot_1B.jsonl

Edges pair up on the relation and on the actor's and target's names: exactly once
case, accents and titles are folded ("strict"), or when one name's words contain the
other's ("lenient": "Labour Party" and "Scottish Labour Party").
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable

TITLES = re.compile(r"\b(the|mr|mrs|ms|dr|sir|lord)\b")


def fold(name: str | None) -> str:
    if name is None:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", TITLES.sub(" ", text.lower())))


def same_strict(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def same_lenient(a: str, b: str) -> bool:
    left, right = set(fold(a).split()), set(fold(b).split())
    return bool(left and right) and (left <= right or right <= left)


def load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return {record["id"]: record for record in records}


def match(
    ours: list[dict], theirs: list[dict], same: Callable[[str, str], bool]
) -> list[tuple[dict, dict]]:
    """Pairs of the same edge, each of ``theirs`` used at most once."""
    used: set[int] = set()
    pairs = []
    for edge in ours:
        for index, other in enumerate(theirs):
            if (
                index not in used
                and edge["relation"] == other["relation"]
                and same(edge["actor"], other["actor"])
                and same(edge["target"], other["target"])
            ):
                used.add(index)
                pairs.append((edge, other))
                break
    return pairs


def _states(edge: dict) -> tuple:
    return edge.get("actor_state"), edge.get("target_state")


def _required(edges: list[dict]) -> list[dict]:
    return [edge for edge in edges if edge["certainty"] == "required"]


def report(a_path: str, b_path: str) -> dict:
    first, second = load(a_path), load(b_path)
    n: Counter = Counter()
    for article, record in first.items():
        ours, theirs = record["edges"], second[article]["edges"]
        n["a"] += len(ours)
        n["b"] += len(theirs)
        n["strict"] += len(match(ours, theirs, same_strict))
        pairs = match(ours, theirs, same_lenient)
        n["lenient"] += len(pairs)
        n["certainty"] += sum(x["certainty"] == y["certainty"] for x, y in pairs)
        n["states"] += sum(_states(x) == _states(y) for x, y in pairs)
        ours_required, theirs_required = _required(ours), _required(theirs)
        n["a_required"] += len(ours_required)
        n["b_required"] += len(theirs_required)
        n["a_required_seen"] += len(match(ours_required, theirs, same_lenient))
        n["b_required_seen"] += len(match(theirs_required, ours, same_lenient))
        n["both_required"] += len(match(ours_required, theirs_required, same_lenient))

    def positive(matched: int, left: int, right: int) -> float:
        return round(2 * matched / (left + right), 3) if left + right else 1.0

    return {
        "articles": len(first),
        "edges_A": n["a"],
        "edges_B": n["b"],
        "agreement_strict_names": positive(n["strict"], n["a"], n["b"]),
        "agreement_lenient_names": positive(n["lenient"], n["a"], n["b"]),
        "required_agreement": positive(
            n["both_required"], n["a_required"], n["b_required"]
        ),
        "A_required_marked_by_B": f"{n['a_required_seen']}/{n['a_required']}",
        "B_required_marked_by_A": f"{n['b_required_seen']}/{n['b_required']}",
        "certainty_same_on_matched": f"{n['certainty']}/{n['lenient']}",
        "states_same_on_matched": f"{n['states']}/{n['lenient']}",
    }


if __name__ == "__main__":
    print(json.dumps(report(sys.argv[1], sys.argv[2]), indent=1))
