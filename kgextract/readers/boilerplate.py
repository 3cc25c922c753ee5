"""Strip what agencies and sites wrap around an article: only the report is parsed.

Datelines, bylines, "Most Read" boxes, update notes, copyright lines and section
sub-heads are not news: left in, "Bloomberg" becomes an actor of every article and a
sub-head such as "Crimea Strikes" is glued to the next sentence as its subject. The
patterns are data (``kgextract/rules/boilerplate.json``); this module only applies them.

Every reader calls :func:`clean_body`, so the NLP stage can rely on its output form:
paragraphs separated by exactly one blank line, no other line breaks, one space between
words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# Format and control characters that carry no text: zero-width space, BOM, soft hyphen,
# C0/C1 controls, and the bidirectional controls (LRM, RLM, ALM, the embeddings,
# overrides and isolates U+202A-E, U+2066-9), with which a name or headline can be
# made to read differently from what it is ("Trojan Source"). Joiners (U+200C/D)
# are kept: scripts and emoji need them.
_INVISIBLE = re.compile(
    r"[\u00ad\u200b\u2060\ufeff\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]"
)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str  # "dateline" | "drop" | "block"
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled rules; build with :func:`load_rules`."""

    datelines: tuple[Rule, ...]
    drops: tuple[Rule, ...]
    blocks: tuple[Rule, ...]
    subhead_max_words: int
    final_punctuation: str
    small_words: frozenset[str]
    block_max_words: int


_KINDS = ("dateline", "drop", "block")


def load_rules(path: Path | None = None) -> BoilerplateRules:
    """Compile a boilerplate rule file; the packaged one when ``path`` is None.

    A broken rule file is a bug in the package (or in the caller's file), so it raises
    ``ValueError`` naming the rule rather than skipping it silently.
    """
    if path is None:
        source = resources.files("kgextract") / "rules" / "boilerplate.json"
        data = json.loads(source.read_text(encoding="utf-8"))
    else:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    definitions = data.get("definitions", {})
    rules = []
    for entry in data["rules"]:
        if entry["kind"] not in _KINDS:
            raise ValueError(f"boilerplate rule {entry['name']!r}: bad kind")
        pattern = _expand(entry["pattern"], definitions)
        try:
            compiled = re.compile(pattern)
        except re.error as err:
            raise ValueError(f"boilerplate rule {entry['name']!r}: {err}") from None
        rules.append(Rule(entry["name"], entry["kind"], compiled))
    subheads = data["subheads"]
    return BoilerplateRules(
        datelines=tuple(rule for rule in rules if rule.kind == "dateline"),
        drops=tuple(rule for rule in rules if rule.kind == "drop"),
        blocks=tuple(rule for rule in rules if rule.kind == "block"),
        subhead_max_words=subheads["max_words"],
        final_punctuation=subheads["final_punctuation"],
        small_words=frozenset(subheads["small_words"]),
        block_max_words=data["block_followers"]["max_words"],
    )


def _expand(pattern: str, definitions: dict[str, str]) -> str:
    """Replace ``{{name}}`` by its definition, which may itself use definitions."""
    for _ in range(len(definitions) + 1):
        for name, value in definitions.items():
            pattern = pattern.replace("{{" + name + "}}", f"(?:{value})")
        if "{{" not in pattern:
            break
    return pattern


@cache
def default_rules() -> BoilerplateRules:
    """The packaged rules, compiled once per process."""
    return load_rules()


def clean_line(text: str) -> str:
    """One line of metadata (a headline, a publisher) as :func:`clean_body` leaves
    text: no invisible or bidirectional controls, one space between words."""
    return " ".join(_INVISIBLE.sub("", text).split())


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; inside one, whitespace is a space."""
    text = _INVISIBLE.sub("", text)
    paragraphs = (" ".join(chunk.split()) for chunk in _PARAGRAPH_BREAK.split(text))
    return [paragraph for paragraph in paragraphs if paragraph]


def clean_body(text: str, rules: BoilerplateRules | None = None) -> str:
    """The article text without boilerplate, paragraphs joined by exactly "\\n\\n".

    Input paragraphs are separated by blank lines; single line breaks inside a paragraph
    are taken as wrapping. Applied until nothing changes, so it is idempotent: removing
    a copyright line can make the line before it the last one, and so on.
    """
    rules = rules or default_rules()
    paragraphs = split_paragraphs(text)
    while True:
        cleaned = _clean_once(paragraphs, rules)
        if cleaned == paragraphs:
            return "\n\n".join(cleaned)
        paragraphs = cleaned


def _clean_once(paragraphs: list[str], rules: BoilerplateRules) -> list[str]:
    """One pass of every rule; each step only removes text, so the loop ends."""
    paragraphs = _strip_datelines(paragraphs, rules)
    paragraphs = _drop_blocks(paragraphs, rules)
    paragraphs = [
        paragraph
        for paragraph in paragraphs
        if not any(rule.pattern.fullmatch(paragraph) for rule in rules.drops)
    ]
    return _drop_subheads(paragraphs, rules)


def _strip_datelines(paragraphs: list[str], rules: BoilerplateRules) -> list[str]:
    if not paragraphs:
        return paragraphs
    first = paragraphs[0]
    for rule in rules.datelines:
        if match := rule.pattern.match(first):
            first = first[match.end() :].lstrip()
    return ([first] if first else []) + paragraphs[1:]


def _drop_blocks(paragraphs: list[str], rules: BoilerplateRules) -> list[str]:
    """A "Most Read" heading goes with the list of headlines under it, not the text."""
    kept: list[str] = []
    in_block = False
    for paragraph in paragraphs:
        if any(rule.pattern.fullmatch(paragraph) for rule in rules.blocks):
            in_block = True
            continue
        if in_block and _is_headline_like(paragraph, rules.block_max_words, rules):
            continue
        in_block = False
        kept.append(paragraph)
    return kept


def _is_headline_like(paragraph: str, max_words: int, rules: BoilerplateRules) -> bool:
    return (
        len(paragraph.split()) <= max_words
        and paragraph[-1] not in rules.final_punctuation
    )


def _drop_subheads(paragraphs: list[str], rules: BoilerplateRules) -> list[str]:
    """Section sub-heads stand between two real paragraphs; a short line that ends a
    sentence, opens or closes the text, or sits in a list of similar lines is kept."""
    kept: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if 0 < index < len(paragraphs) - 1 and is_subhead(
            paragraph, paragraphs[index - 1], paragraphs[index + 1], rules
        ):
            continue
        kept.append(paragraph)
    return kept


def is_subhead(
    line: str, before: str, after: str, rules: BoilerplateRules | None = None
) -> bool:
    """A short Title-Case line without final punctuation between two real paragraphs."""
    rules = rules or default_rules()
    words = line.split()
    if not words or len(words) > rules.subhead_max_words:
        return False
    if line[-1] in rules.final_punctuation or not line[0].isalnum():
        return False
    if not _is_title_case(words, rules.small_words):
        return False
    ends_sentence = before[-1] in rules.final_punctuation
    return ends_sentence and len(after.split()) > len(words)


def _is_title_case(words: list[str], small_words: frozenset[str]) -> bool:
    cased = False
    for position, word in enumerate(words):
        letters = [char for char in word if char.isalpha()]
        if not letters:
            continue  # numbers, "&", "-"
        if position > 0 and word.lower() in small_words:
            continue
        if not letters[0].isupper():
            return False
        cased = True
    return cased
