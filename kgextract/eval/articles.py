"""``kgextract eval articles GOLD.jsonl``: stance edges scored on whole articles.

The sentence suites measure one construction at a time; a user meets whole
articles. This reads a gold file of whole articles annotated by hand (the format
and the guide: ``benchmarks/gold/GUIDE.md``), ingests those articles with the real
pipeline into a fresh store, exactly as ``kgextract ingest`` does, and compares the
stance edges the store then holds (what ``query supports``/``opposes`` answer) with
the gold ones:

- **actor level**: (actor, supports|opposes, target) per article, each end the most
  specific actor the text names;
- **state level**: the same edges between the states their ends are attributed to,
  where both ends have one and they differ.

An edge is found when a system edge of the same article and relation has an actor
and a target whose names (the node's label or any alias) match the gold ones after
folding case, accents and titles. **Recall** counts the gold's *required* edges;
**precision** counts every system edge, right when it matches a required or an
*acceptable* gold edge. The report lists the misses and false alarms with their
sentences, and says when a false alarm sits in a sentence the gold marks as a trap.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kgextract.errors import InputError, KgExtractError

LEVELS = ("actor", "state")
RELATIONS = ("supports", "opposes")
_TITLES = re.compile(r"\b(the|mr|mrs|ms|dr|sir|lord|lady|dame|president|prime)\b")


def fold(name: str | None) -> str:
    """A name as the scorer compares it: ASCII, lowercase, no titles or articles."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower().replace("'s ", " ")
    return " ".join(re.findall(r"[a-z0-9]+", _TITLES.sub(" ", text)))


def _names(*groups: Iterable[str | None]) -> frozenset[str]:
    return frozenset(f for group in groups for n in group if (f := fold(n)))


@dataclass(frozen=True, slots=True)
class GoldEdge:
    actor: str
    relation: str
    target: str
    certainty: str  # required | acceptable
    sentence: str = ""
    type: str = ""
    actor_names: frozenset[str] = frozenset()
    target_names: frozenset[str] = frozenset()
    actor_state: str | None = None
    target_state: str | None = None
    amounts: tuple[tuple[float, str], ...] = ()  # (value, ISO currency)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    path: str
    section: str
    split: str
    date: str | None
    edges: tuple[GoldEdge, ...]
    traps: tuple[tuple[str, str], ...] = ()  # (sentence, kind)


def read_gold(path: Path) -> list[GoldArticle]:
    """The gold file: one article a line (``benchmarks/gold/GUIDE.md``)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None
    articles = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            articles.append(_gold_article(record))
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(
                path, f"line {number}: not a gold article ({err})"
            ) from None
    return articles


def _gold_article(record: dict) -> GoldArticle:
    edges = []
    for raw in record.get("edges", ()):
        if raw["relation"] not in RELATIONS:
            raise ValueError(f"relation {raw['relation']!r}")
        edges.append(
            GoldEdge(
                actor=raw["actor"],
                relation=raw["relation"],
                target=raw["target"],
                certainty=raw.get("certainty", "required"),
                sentence=raw.get("sentence", ""),
                type=raw.get("type", ""),
                actor_names=_names([raw["actor"]], raw.get("actor_also", ())),
                target_names=_names([raw["target"]], raw.get("target_also", ())),
                actor_state=raw.get("actor_state"),
                target_state=raw.get("target_state"),
                amounts=tuple(
                    (float(a["value"]), a["currency"])
                    for a in raw.get("amounts", ())
                    if a.get("value") is not None and a.get("currency")
                ),
            )
        )
    return GoldArticle(
        id=record["id"],
        path=record["path"],
        section=record.get("section", ""),
        split=record.get("split", "test"),
        date=record.get("date"),
        edges=tuple(edges),
        traps=tuple(
            (trap.get("sentence", ""), trap.get("kind", ""))
            for trap in record.get("traps", ())
        ),
    )


def state_edges(article: GoldArticle) -> list[GoldEdge]:
    """The gold's state-level edges: both ends attributed to a state, and two
    different states; required when any edge behind it is."""
    merged: dict[tuple, GoldEdge] = {}
    for edge in article.edges:
        actor, target = edge.actor_state, edge.target_state
        if not actor or not target or fold(actor) == fold(target):
            continue
        key = (fold(actor), edge.relation, fold(target))
        certainty = edge.certainty
        if key in merged and merged[key].certainty == "required":
            certainty = "required"
        merged[key] = GoldEdge(
            actor=actor,
            relation=edge.relation,
            target=target,
            certainty=certainty,
            sentence=edge.sentence,
            type=edge.type,
            actor_names=_names([actor]),
            target_names=_names([target]),
        )
    return list(merged.values())


# -- the system's edges -------------------------------------------------------------
@dataclass(frozen=True)
class Edge:
    """A system edge of one article at one level, with the sentences behind it."""

    article: str
    actor: str
    relation: str
    target: str
    actor_names: frozenset[str]
    target_names: frozenset[str]
    sentences: tuple[str, ...] = ()
    hypothetical: bool = False
    amounts: tuple[tuple[float, str], ...] = ()


def system_edges(
    rows: list[dict], article_of: dict[str, str], level: str
) -> list[Edge]:
    """Distinct edges per article from :func:`~kgextract.query.named.stance_events`
    rows; ``article_of`` maps a row's ``source`` to the gold article id."""
    grouped: dict[tuple, dict] = {}
    for row in rows:
        article = article_of.get(row["source"] or "")
        if article is None:
            continue
        if level == "actor":
            # an end also answers to the state it acts for: "the US" in the gold
            # is its Secretary of State in the text ("a move announced by Pompeo")
            pairs = [
                (
                    (row["actor"] or row["actor_iri"],
                     [*row["actor_names"], *row["actor_states"]]),
                    (row["target"] or row["target_iri"],
                     [*row["target_names"], *row["target_states"]]),
                )
            ]  # fmt: skip
        else:
            pairs = [
                ((a, [a]), (t, [t]))
                for a in row["actor_states"]
                for t in row["target_states"]
                if a and t and a != t
            ]
        for (actor, actor_names), (target, target_names) in pairs:
            key = (article, fold(actor), row["stance"], fold(target))
            edge = grouped.setdefault(
                key,
                {
                    "article": article,
                    "actor": actor,
                    "relation": row["stance"],
                    "target": target,
                    "actor_names": set(),
                    "target_names": set(),
                    "sentences": [],
                    "hypothetical": True,
                    "amounts": [],
                },
            )
            edge["actor_names"] |= _names([actor], actor_names)
            edge["target_names"] |= _names([target], target_names)
            if row["sentence"] and row["sentence"] not in edge["sentences"]:
                edge["sentences"].append(row["sentence"])
            edge["hypothetical"] &= bool(row["hypothetical"])
            edge["amounts"] += [(a["value"], a["currency"]) for a in row["amounts"]]
    return [
        Edge(
            **{
                **edge,
                "actor_names": frozenset(edge["actor_names"]),
                "target_names": frozenset(edge["target_names"]),
                "sentences": tuple(edge["sentences"]),
                "amounts": tuple(edge["amounts"]),
            }
        )
        for edge in grouped.values()
    ]


def matches(edge: Edge, gold: GoldEdge) -> bool:
    return (
        edge.relation == gold.relation
        and bool(edge.actor_names & gold.actor_names)
        and bool(edge.target_names & gold.target_names)
    )


# -- scoring ------------------------------------------------------------------------
@dataclass
class Score:
    tp: int = 0  # system edges matching a gold edge
    fp: int = 0
    found: int = 0  # required gold edges found
    required: int = 0
    acceptable_found: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "system_edges": self.tp + self.fp,
            "right": self.tp,
            "false_alarms": self.fp,
            "required": self.required,
            "required_found": self.found,
            "acceptable_found": self.acceptable_found,
        }


@dataclass
class LevelReport:
    level: str
    overall: Score = field(default_factory=Score)
    by_section: dict[str, Score] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    false_alarms: list[dict] = field(default_factory=list)
    amounts_right: int = 0
    amounts_gold: int = 0


def score_level(
    level: str, articles: list[GoldArticle], edges: list[Edge]
) -> LevelReport:
    report = LevelReport(level)
    by_article: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        by_article[edge.article].append(edge)
    for article in articles:
        gold = list(article.edges) if level == "actor" else state_edges(article)
        section = report.by_section.setdefault(article.section, Score())
        found = by_article.get(article.id, [])
        for score in (report.overall, section):
            _count(score, gold, found)
        for edge in gold:
            hits = [e for e in found if matches(e, edge)]
            if edge.certainty == "required" and not hits:
                report.misses.append(_described(article, edge))
            if level == "actor" and edge.amounts and hits:
                report.amounts_gold += 1
                report.amounts_right += any(
                    _amounts_agree(edge.amounts, e.amounts) for e in hits
                )
        traps = {fold(sentence): kind for sentence, kind in article.traps}
        for edge in found:
            if not any(matches(edge, g) for g in gold):
                trap = next(
                    (
                        kind
                        for s in edge.sentences
                        for t, kind in traps.items()
                        if t and (t in fold(s) or fold(s) in t)
                    ),
                    None,
                )
                report.false_alarms.append(
                    {
                        "article": article.id,
                        "actor": edge.actor,
                        "relation": edge.relation,
                        "target": edge.target,
                        "hypothetical": edge.hypothetical,
                        "trap": trap,
                        "sentence": edge.sentences[0] if edge.sentences else "",
                    }
                )
    return report


def _count(score: Score, gold: list[GoldEdge], found: list[Edge]) -> None:
    for edge in found:
        if any(matches(edge, g) for g in gold):
            score.tp += 1
        else:
            score.fp += 1
    for edge in gold:
        hit = any(matches(e, edge) for e in found)
        if edge.certainty == "required":
            score.required += 1
            score.found += hit
        else:
            score.acceptable_found += hit


def _amounts_agree(
    gold: tuple[tuple[float, str], ...], found: tuple[tuple[float, str], ...]
) -> bool:
    """Every gold amount is among the system's (same currency, within 1 %)."""
    return all(
        any(
            currency == other and abs(value - got) <= 0.01 * max(abs(value), 1.0)
            for got, other in found
        )
        for value, currency in gold
    )


def _described(article: GoldArticle, edge: GoldEdge) -> dict:
    return {
        "article": article.id,
        "actor": edge.actor,
        "relation": edge.relation,
        "target": edge.target,
        "type": edge.type,
        "sentence": edge.sentence,
    }


@dataclass
class ArticlesReport:
    gold: str
    split: str
    articles: int
    levels: dict[str, LevelReport]
    failed: list[str] = field(default_factory=list)  # articles that could not be read
    seconds: float = 0.0

    def as_dict(self, *, with_errors: bool = False) -> dict:
        result = {
            "gold": self.gold,
            "split": self.split,
            "articles": self.articles,
            "failed": self.failed,
            "seconds": round(self.seconds, 1),
        }
        for name, level in self.levels.items():
            result[name] = {
                **level.overall.as_dict(),
                "by_section": {
                    section: score.as_dict()
                    for section, score in sorted(level.by_section.items())
                },
            }
            if name == "actor":
                result[name]["amounts"] = {
                    "gold_aid_edges_found": level.amounts_gold,
                    "with_the_gold_amount": level.amounts_right,
                }
            if with_errors:
                result[name]["misses"] = level.misses
                result[name]["false_alarms"] = level.false_alarms
        return result


def format_articles_report(report: ArticlesReport, *, with_errors: bool = False) -> str:
    lines = [
        f"articles: {report.gold} ({report.split} split): {report.articles} articles"
        + (f", {len(report.failed)} unreadable" if report.failed else "")
    ]

    def line(name: str, score: Score) -> str:
        return (
            f"  {name:<22} P {score.precision:.3f}  R {score.recall:.3f}   "
            f"({score.tp} right, {score.fp} false alarms; "
            f"{score.found}/{score.required} required found, "
            f"{score.acceptable_found} acceptable)"
        )

    for name, level in report.levels.items():
        lines.append(line(f"{name} level", level.overall))
        for section, score in sorted(level.by_section.items()):
            lines.append(line(f"  {section}", score))
        if name == "actor" and level.amounts_gold:
            lines.append(
                f"  amounts: {level.amounts_right} of {level.amounts_gold} aid edges "
                "found carry the gold amount"
            )
        if with_errors:
            lines.append(f"  misses ({name} level):")
            lines += [
                f"    [{m['article']}] {m['actor']} -{m['relation']}-> {m['target']}: "
                f"{m['sentence'][:160]}"
                for m in level.misses
            ]
            lines.append(f"  false alarms ({name} level):")
            lines += [
                f"    [{f['article']}] {f['actor']} -{f['relation']}-> {f['target']}"
                + (" (hypothetical)" if f["hypothetical"] else "")
                + (f" (a {f['trap']} trap)" if f["trap"] else "")
                + f": {f['sentence'][:160]}"
                for f in level.false_alarms
            ]
    lines.append(f"{report.seconds:.1f} s")
    return "\n".join(lines)


# -- running ------------------------------------------------------------------------
def resolve(path: str, roots: Iterable[Path]) -> Path | None:
    """A gold article's file: its path under the first root that has it."""
    for root in roots:
        candidate = (root / path).resolve()
        if candidate.is_file():
            return candidate
    return None


def run_articles(
    gold_path: Path,
    *,
    split: str = "test",
    data: Path | None = None,
    model: str | None = None,
) -> ArticlesReport:
    """Ingest the split's articles into a fresh store and score its edges."""
    import time

    from kgextract.ingest.orchestrator import ingest
    from kgextract.nlp.pipelines import load_pipeline
    from kgextract.query import named as queries
    from kgextract.store.embedded import Store

    started = time.perf_counter()
    gold_path = Path(gold_path)
    articles = [a for a in read_gold(gold_path) if split == "all" or a.split == split]
    if not articles:
        raise KgExtractError(f"{gold_path}: no article in the {split!r} split")
    roots = [Path(p) for p in (data, Path.cwd(), *gold_path.resolve().parents) if p]
    files: dict[str, Path] = {}
    failed = []
    for article in articles:
        found = resolve(article.path, roots)
        if found is None:
            failed.append(f"{article.id}: {article.path} not found")
        else:
            files[article.id] = found
    nlp = load_pipeline(model)
    by_date: dict[str | None, list[Path]] = defaultdict(list)
    for article in articles:
        if article.id in files:
            by_date[article.date].append(files[article.id])
    with tempfile.TemporaryDirectory(prefix="kgextract-eval-") as folder:
        with Store.open(Path(folder) / "store", create=True) as store:
            for date, paths in by_date.items():
                report = ingest(paths, store, nlp, default_date=date)
                failed += [str(err) for err in report.failed]
            rows = queries.stance_events(store)
    article_of = {str(files[a.id]): a.id for a in articles if a.id in files}
    levels = {
        level: score_level(level, articles, system_edges(rows, article_of, level))
        for level in LEVELS
    }
    return ArticlesReport(
        gold=str(gold_path),
        split=split,
        articles=len(articles),
        levels=levels,
        failed=failed,
        seconds=time.perf_counter() - started,
    )
