"""PETRARCH verb dictionaries (and discard lists), read into plain data.

The PETRARCH validation suites code their fictional sentences with their own verb
dictionaries (``PETR.Validate.verbs.txt``), whose codes are partly WEIS-era rather than
CAMEO. To score those suites, and to let users bring the verb dictionaries they
already have, this module reads the format and turns what maps onto our extractor's
slots into rows of ``rules/lexicon.jsonl``:

- a verb synset ``--- AGREE [050] ---`` gives each of its verbs (``AGREE``, ``PERMIT
  {PERMITS PERMITTED}``, ``+BREAK_DOWN {...}``) the synset's code, or the verb's own;
- a pattern whose only word after the verb is a preposition, ``- * AGAINST [121]`` or
  ``- * (WITH) [030]``, gives the phrasal entry "verb against" with its target read
  through that preposition;
- every pattern with words or a compound actor (``- * {DIPLOMATIC TIES} [080]``,
  ``- INDICATED WOULD * NOW [1010]``, ``- + * MONEY $ [071]``, ``- % * [030:030]``)
  rides on its verbs' rows as ``patterns``, which the extractor matches against the
  sentence: the best match gives the event's code and says where its actors are;
- an inflected headword with a code of its own (``LEFT [042:043]`` beside ``LEAVE
  [012]``) rides on the lemma's row as ``forms``.

Pure Python: no spaCy; the caller passes a lemmatizer for the dictionaries'
inflected headwords ("SAID").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kgextract.errors import InputError

NO_CODE = "---"
_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADER = re.compile(r"^---\s+(?P<name>[^\[]+?)\s*\[(?P<code>[^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_LINE_COMMENT = re.compile(r"#(?![^\[]*\]).*")
_FORMS = re.compile(r"\{([^}]*)\}")
_PATTERN_TOKENS = re.compile(r"[*(){}]|[^\s*(){}]+")
_JOINED = re.compile(r"[^_]_+[^_]")
# The words a target is introduced by when a pattern names no preposition: PETRARCH
# codes the first actor in the verb's complement, our extractor reads these slots.
DEFAULT_TARGETS = (
    "dobj",
    "dative",
    "prep:with",
    "prep:to",
    "prep:against",
    "prep:on",
    "prep:at",
    "prep:for",
    "prep:into",
    "prep:toward",
    "prep:towards",
    "prep:over",
)
PREPOSITIONS = frozenset(
    {
        "about",
        "across",
        "against",
        "at",
        "between",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "off",
        "on",
        "over",
        "to",
        "toward",
        "towards",
        "upon",
        "with",
        "within",
    }
)
# Pattern tokens that mark actors, not words: source, target, compound, skipped phrase.
_ACTOR_MARKS = frozenset({"$", "+", "%", "^"})
_MARKS = {"+": "target", "$": "source", "%": "compound", "^": "skip"}


@dataclass(frozen=True, slots=True)
class DictionaryVerb:
    """One verb of a synset: ``BREAK``, ``+BREAK_DOWN {+BROKE_DOWN}``, ``WIRE_+TAP``.

    ``words`` are lowercase; ``head`` is the index of the inflected word (marked ``+``
    in a multi-word verb, else the first); ``code`` is the verb's own, if it has one.
    """

    words: tuple[str, ...]
    head: int = 0
    forms: tuple[tuple[str, ...], ...] = ()
    code: str | None = None

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """``- SAID * TO ATTEND [082]``: the tokens before and after the verb (``*``), as
    written (uppercase; ``$`` source, ``+`` target, ``%`` compound, ``^`` skip,
    ``&NAME`` a synonym set, ``(``/``{`` a phrase), the code, and the line."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    line: int


@dataclass(frozen=True, slots=True)
class VerbSynset:
    """A ``--- NAME [code] ---`` block: verbs sharing a code, and their patterns."""

    name: str
    code: str
    verbs: tuple[DictionaryVerb, ...]
    patterns: tuple[VerbPattern, ...]
    line: int


@dataclass(frozen=True)
class VerbDictionary:
    source: str
    synsets: Mapping[str, tuple[str, ...]]  # "&TIETYPES" -> ("MILITARY", ...)
    verbs: tuple[VerbSynset, ...]
    # Lines a lenient read left out, each with why ("line 2374: unbalanced ()").
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class DictionaryLexicon:
    """A verb dictionary as lexicon rows (``rules/lexicon.jsonl`` format).

    ``reverse_codes``: a paired code ``[032:033]`` says the target does something back
    (the visited state *hosts*, 033); lemma -> that second code, which each row also
    carries as ``reverse_cameo`` so that the extractor emits it. ``silent``: lemmas
    the dictionary codes ``---`` (no event unless a pattern matches), which therefore
    override a default entry with nothing.
    """

    rows: tuple[dict, ...]
    reverse_codes: Mapping[str, str] = field(default_factory=dict)
    silent: frozenset[str] = frozenset()

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(row["lemma"] for row in self.rows) | self.silent


# -- reading ---------------------------------------------------------------------------
def _read(path: Path, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise InputError(path, f"cannot read {what} ({err.strerror})") from None


def _without_comments(text: str) -> list[str]:
    """Lines with ``<!-- -->`` blocks blanked (line numbers kept) and ``#`` comments
    cut, except inside a code: ``[###]`` is a (non-event) code."""
    text = _COMMENT_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [_LINE_COMMENT.sub("", line).rstrip() for line in text.splitlines()]


def _synset_name(token: str) -> str:
    return "&" + token.lstrip("&").strip("_").upper()


def _verb(line: str, path: Path, number: int) -> DictionaryVerb:
    """``PERMIT {PERMITS PERMITTED} [060]`` / ``+BREAK_DOWN {+BROKE_DOWN}``."""
    codes = _CODE.findall(line)
    forms_text = " ".join(_FORMS.findall(line))
    head_text = _FORMS.sub(" ", _CODE.sub(" ", line)).strip()
    if "{" in head_text or "}" in head_text:
        raise InputError(path, f"line {number}: unbalanced braces in {line.strip()!r}")
    words, head = _phrase(head_text)
    if not words:
        raise InputError(path, f"line {number}: a verb line without a verb")
    forms = tuple(
        form for form, _ in (_phrase(text) for text in forms_text.split()) if form
    )
    return DictionaryVerb(
        words, head, forms, codes[0].strip().upper() if codes else None
    )


def _phrase(text: str) -> tuple[tuple[str, ...], int]:
    """``WIRE_+TAP`` -> (("wire", "tap"), 1); spaces and ``_`` both join words."""
    words, head = [], 0
    for raw in re.split(r"[\s_]+", text.strip()):
        if not raw.strip("+"):
            continue
        if raw.startswith("+"):
            head = len(words)
        words.append(raw.strip("+").lower())
    return tuple(words), head


def _pattern(body: str, path: Path, number: int) -> VerbPattern:
    codes = _CODE.findall(body)
    if not codes:
        raise InputError(path, f"line {number}: pattern without a [code]")
    text = _CODE.sub(" ", body)
    tokens = [
        token
        for piece in _PATTERN_TOKENS.findall(text)
        for token in (
            # "DEATH_TOTAL": words joined by "_" stand one right after the other
            # (split into joined elements by _elements), not "death and injury total"
            [piece]
            if piece.startswith("&") or _JOINED.search(piece)
            else [t for t in piece.split("_") if t]
        )
    ]
    for opening, closing in ("()", "{}"):
        if tokens.count(opening) != tokens.count(closing):
            raise InputError(
                path, f"line {number}: unbalanced {opening}{closing} in pattern"
            )
    if tokens.count("*") != 1:
        raise InputError(path, f"line {number}: a pattern needs exactly one '*'")
    star = tokens.index("*")
    clean = [t.strip("_").upper() if t.startswith("&") else t.upper() for t in tokens]
    return VerbPattern(
        tuple(clean[:star]), tuple(clean[star + 1 :]), codes[0].strip().upper(), number
    )


def read_verb_dictionary(path: Path, *, strict: bool = True) -> VerbDictionary:
    """Read a PETRARCH verb dictionary (PETRARCH 1/2 and UD-PETRARCH layouts).

    ``&NAME`` starts a synonym set whose ``+WORD`` lines follow; ``--- NAME [code] ---``
    starts a verb synset: verb lines (``WORD {FORMS} [code]``, ``+MULTI_WORD``) then
    pattern lines (``- ... * ... [code]``). ``#`` comments and ``<!-- -->`` blocks are
    skipped. A pattern or member line with nothing to belong to, a pattern without a
    code or ``*``, or a file without verbs is an :class:`InputError`; with
    ``strict=False`` a bad pattern line is left out and listed in ``skipped``
    instead (the public CAMEO.2.0 dictionary has a few, such as
    ``VISIT)[042:043]``), so that one typo does not lose five thousand patterns.
    """
    path = Path(path)
    skipped: list[str] = []
    lines = _without_comments(_read(path, "verb dictionary"))
    synsets: dict[str, list[str]] = {}
    blocks: list[VerbSynset] = []
    current_set: list[str] | None = None
    block: dict | None = None

    def close_block() -> None:
        if block is not None:
            blocks.append(
                VerbSynset(
                    block["name"],
                    block["code"],
                    tuple(block["verbs"]),
                    tuple(block["patterns"]),
                    block["line"],
                )
            )

    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            continue  # a blank or comment line ends nothing: "+" lines may follow
        if stripped.startswith("---"):
            header = _HEADER.match(stripped)
            if header is None:
                raise InputError(path, f"line {number}: expected '--- VERB [code] ---'")
            close_block()
            current_set = None
            block = {
                "name": header["name"].strip().upper(),
                "code": header["code"].strip().upper() or NO_CODE,
                "verbs": [],
                "patterns": [],
                "line": number,
            }
        elif stripped.startswith("&"):
            close_block()
            block = None
            name = _synset_name(stripped.split()[0])
            current_set = synsets.setdefault(name, [])
        elif current_set is not None and stripped.startswith("+"):
            current_set.append(stripped[1:].strip().upper())
        elif block is None:
            raise InputError(
                path,
                f"line {number}: {stripped[:30]!r} is outside any verb or synonym set",
            )
        elif stripped.startswith("-") or stripped.startswith("*"):
            body = stripped[1:] if stripped.startswith("-") else stripped
            try:
                block["patterns"].append(_pattern(body, path, number))
            except InputError as err:
                if strict:
                    raise
                skipped.append(err.cause)
        else:
            block["verbs"].append(_verb(stripped, path, number))
    close_block()
    if not blocks:
        raise InputError(path, "no verb entries (expected '--- VERB [code] ---')")
    return VerbDictionary(
        str(path),
        {k: tuple(v) for k, v in synsets.items()},
        tuple(blocks),
        tuple(skipped),
    )


def read_discards(path: Path) -> tuple[str, ...]:
    """A PETRARCH discard list: phrases (``BASEBALL``; ``+TYPHOON`` discards the
    whole story) whose presence means the text is not political news to code. A
    phrase is a stem unless it ends with ``_`` (then the word must end there)."""
    phrases = []
    for line in _without_comments(_read(Path(path), "discard list")):
        phrase = " ".join(line.strip().lstrip("+").split())
        if phrase:
            phrases.append(phrase)
    if not phrases:
        raise InputError(path, "no discard phrases")
    return tuple(phrases)


def discarded(text: str, phrases: Iterable[str]) -> str | None:
    """The first discard phrase the text contains, case-insensitively: from the start
    of a word, to the end of one only where the phrase ends with ``_``."""
    for phrase in phrases:
        words = phrase.rstrip("_").replace("_", " ")
        end = r"(?!\w)" if phrase.endswith("_") else ""
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words.split())) + end
        if re.search(pattern, text, re.IGNORECASE):
            return phrase
    return None


_ONTOLOGY_ROW = re.compile(r"^(\d{2,4}):\s*([-+\s0-9A-Fa-fx]+)")
_HEX_TERM = re.compile(r"([-+]?)\s*0x([0-9A-Fa-f]+)")
NEGATION = 0xFFFF  # PICO's negation term: "011:0x1000-0xFFFF" is 010 negated


def read_coding_ontology(path: Path) -> dict[str, int]:
    """UD-PETRARCH's internal coding ontology (PICO): each CAMEO code as a number
    whose ``0xFFFF`` term says "negated" (``110:0x1007f#0xFFFF+0x0080``: to
    disapprove is 050's cooperation negated). UD-PETRARCH codes a negated verb as
    the code whose value is the verb's with that term turned over, and its
    validation records are coded so; the suite is scored by its own definition.
    A row's value is the sum of the hexadecimal terms before its first ``#``."""
    values: dict[str, int] = {}
    for line in _read(Path(path), "coding ontology").splitlines():
        match = _ONTOLOGY_ROW.match(line.strip())
        if not match:
            continue
        terms = _HEX_TERM.findall(match.group(2))
        if terms:
            values[match.group(1)] = sum(
                (-1 if sign == "-" else 1) * int(digits, 16) for sign, digits in terms
            )
    if not values:
        raise InputError(path, "no codes (expected 'CODE:0xVALUE' rows)")
    return values


def negated_code(code: str, ontology: Mapping[str, int]) -> str | None:
    """The code of ``code`` negated in a coding ontology, or None where the
    ontology has none (then the negated event codes nothing, as before).

    A value that carries the negation term loses it (110 -> 050, "did not clash"
    is cooperation); one that does not gains it (010 -> 011, "did not comment")."""
    value = ontology.get(code)
    if value is None:
        return None
    if value < 0:
        flipped = value + NEGATION
    else:
        flipped = value - NEGATION
    for other, other_value in ontology.items():
        if other_value == flipped and other != code:
            return other
    return None


# -- conversion ------------------------------------------------------------------------
def event_code(code: str | None) -> str | None:
    """The event code of a dictionary code, or None where it codes no event.

    ``032:033`` -> ``032``; ``---``, ``+++``, ``###`` and letters-only codes (``xxy``)
    are not events. A code must start with two digits (its root).
    """
    if not code:
        return None
    first = code.split(":", 1)[0].strip()
    return first if re.match(r"^\d\d", first) else None


def reverse_code(code: str | None) -> str | None:
    """``032:033`` -> ``033``: the target's event back towards the source."""
    if not code or ":" not in code:
        return None
    return event_code(code.split(":", 1)[1])


def _lemma_phrase(verb: DictionaryVerb, lemmatize: Callable[[str], str]) -> str | None:
    """The lexicon name of a verb: its head's lemma then the words after it ("break
    down"). A verb with words before its head ("WIRE_+TAP") has no such name."""
    if verb.head != 0:
        return None
    return " ".join([lemmatize(verb.words[0]), *verb.words[1:]])


def regular_forms(word: str) -> tuple[str, ...]:
    """-s, -ed and -ing forms, as PETRARCH generates them for a regular verb."""
    stem = word[:-1] if word.endswith("e") else word
    third = word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return (third, stem + "ed", stem + "ing")


def _form_names(
    verb: DictionaryVerb, lemmatize: Callable[[str], str]
) -> tuple[str, ...]:
    """The lemmas the parser may give the verb's other forms: "glorped" is lemmatized
    "glorpe", so that name must lead to GLORP too."""
    if verb.head != 0:
        return ()
    heads = [form[0] for form in verb.forms if form]
    if lemmatize(verb.words[0]) == verb.words[0]:  # "SAID" has no regular forms
        heads += regular_forms(verb.words[0])
    return tuple(
        dict.fromkeys(" ".join([lemmatize(head), *verb.words[1:]]) for head in heads)
    )


def _preposition(pattern: VerbPattern) -> str | None:
    """The preposition of a pattern that is only ``* PREP`` (a target ``+`` may
    follow), in either layout: ``* AGAINST``, ``*_ON``, ``* (WITH)``, ``* AT +``.
    A ``$`` there is the *source* (``- * FROM $``: "X was criticised from $"),
    which our target slots cannot say, so it is refused; so is a skipped phrase
    (``* (AT) ^ +``: the target is not the preposition's object), which the
    pattern itself codes (``patterns``)."""
    if any(token != "%" for token in pattern.before) or {"$", "^"} & set(pattern.after):
        return None
    words = [t for t in pattern.after if t not in _ACTOR_MARKS and t not in "()"]
    if len(words) != 1 or words[0].lower() not in PREPOSITIONS:
        return None
    return words[0].lower()


def _row(
    lemma: str,
    code: str | None,
    targets: Iterable[str],
    *,
    reciprocal: bool,
    root_types,
    patterns: list[dict] | None = None,
) -> dict:
    row = {
        "lemma": lemma,
        "pos": "VERB",
        "type": root_types.get(code[:2]) if code else None,
        "cameo": code,
        "targets": list(dict.fromkeys(targets)),
    }
    if reciprocal:
        row["reciprocal"] = True
    if patterns:
        row["patterns"] = patterns
    return row


def _member_words(member: str) -> tuple[str, ...]:
    """A synonym-set member as words: ``ARMED_FORCES`` -> ("armed", "forces");
    ``KRONE_`` keeps its final ``_`` (the whole word, not its lemma)."""
    words: list[str] = []
    for piece in member.replace("(", " ").replace(")", " ").split():
        exact = piece.endswith("_")
        parts = [part.lower() for part in piece.split("_") if part]
        if parts and exact:
            parts[-1] += "_"
        words += parts
    return tuple(words)


def _alternatives(
    token: str, synsets: Mapping[str, tuple[str, ...]], depth: int = 0
) -> tuple[tuple[str, ...], ...]:
    """The word sequences a pattern token stands for: itself, or the members of
    the synonym set ``&NAME`` (sets may hold sets). An unknown set matches
    nothing."""
    if not token.startswith("&"):
        return ((token.lower(),),)
    found: list[tuple[str, ...]] = []
    for member in synsets.get(_synset_name(token), ()) if depth < 4 else ():
        if member.startswith("&"):
            found += _alternatives(member.split()[0], synsets, depth + 1)
        elif words := _member_words(member):
            found.append(words)
    return tuple(dict.fromkeys(found))


def _elements(
    tokens: Iterable[str], synsets: Mapping[str, tuple[str, ...]]
) -> list[dict]:
    """Pattern tokens as elements of a lexicon row's pattern: words to find in
    order (``{...}`` words one after another, ``(...)`` a phrase whose words may
    have others between them), ``+`` the target, ``$`` the source, ``%`` a
    compound actor ("A and B"), ``^`` a phrase to skip before an actor."""
    elements: list[dict] = []
    braced = 0
    in_brace = False
    for token in tokens:
        if token == "{":
            in_brace, braced = True, 0
        elif token == "}":
            in_brace = False
        elif token in _MARKS:
            elements.append({"actor": _MARKS[token]})
        elif token in ("(", ")"):
            continue
        else:
            # "&TIETYPES_MEMOS" (PETRARCH 1): a set, then words right after it
            for position, part in enumerate(p for p in token.split("_") if p):
                alternatives = _alternatives(part, synsets)
                element: dict = {"words": [list(w) for w in alternatives]}
                if position or (in_brace and braced):
                    element["joined"] = True
                braced += 1
                elements.append(element)
    return elements


def pattern_rows(
    patterns: Iterable[VerbPattern], synsets: Mapping[str, tuple[str, ...]]
) -> list[dict]:
    """A synset's patterns in the lexicon row format (``patterns``): those that
    name at least one word or a compound actor; the verb's own code stands where
    none matches. A paired code ``A:A`` is reciprocal, ``A:B`` gives the target's
    event back (``reverse_cameo``)."""
    rows = []
    for pattern in patterns:
        before = _elements(pattern.before, synsets)
        after = _elements(pattern.after, synsets)
        if not any(
            e.get("words") or e.get("actor") == "compound" for e in (*before, *after)
        ):
            continue
        code, back = event_code(pattern.code), reverse_code(pattern.code)
        row = {"before": before, "after": after, "cameo": code}
        if back and back == code:
            row["reciprocal"] = True
        elif back:
            row["reverse_cameo"] = back
        rows.append(row)
    return rows


def lexicon_rows(
    dictionary: VerbDictionary,
    *,
    lemmatize: Callable[[str], str] = str.lower,
    root_types: Mapping[str, str] | None = None,
) -> DictionaryLexicon:
    """The dictionary as lexicon rows: every verb with its code, and ``verb PREP``
    entries for prepositional patterns.

    ``lemmatize`` maps a headword ("said") to the lemma the parser gives ("say");
    ``root_types`` maps a CAMEO root ("04") to a PLOVER type ("CONSULT"). Where two
    synsets define one lemma, the verb written as the lemma itself wins over an
    inflected headword (``MEET`` over ``MET``), else the first. A paired code ``A:A``
    makes the event reciprocal.
    """
    root_types = dict(root_types or {})
    chosen: dict[str, tuple[int, dict | None]] = {}  # lemma -> (rank, row or silent)
    reverse: dict[str, str] = {}

    def offer(lemma: str, rank: int, row: dict | None, back: str | None) -> None:
        if lemma in chosen and chosen[lemma][0] <= rank:
            return
        chosen[lemma] = (rank, row)
        reverse.pop(lemma, None)
        if back and row is not None and not row.get("reciprocal"):
            reverse[lemma] = back
            row["reverse_cameo"] = back

    inflected: list[tuple[str, str, str, str | None]] = []
    for block in dictionary.verbs:
        patterns = pattern_rows(block.patterns, dictionary.synsets)
        for verb in block.verbs:
            name = _lemma_phrase(verb, lemmatize)
            if name is None:
                continue
            written = " ".join(verb.words)
            code = verb.code or block.code
            base, back = event_code(code), reverse_code(code)
            rank = 0 if written == name else 1
            reciprocal = back is not None and back == base
            if rank and base and len(verb.words) == 1:
                inflected.append((name, written, base, back))
            names = [(name, rank)] + [
                (other, 2) for other in _form_names(verb, lemmatize) if other != name
            ]
            for lemma, lemma_rank in names:
                row = _row(
                    lemma,
                    base,
                    DEFAULT_TARGETS,
                    reciprocal=reciprocal,
                    root_types=root_types,
                    patterns=patterns,
                )
                if base is None:
                    # codes nothing by itself; its patterns may
                    offer(lemma, lemma_rank + 3, row if patterns else None, None)
                    continue
                offer(lemma, lemma_rank, row, back)
            for pattern in block.patterns if len(verb.words) == 1 else ():
                preposition = _preposition(pattern)
                code = event_code(pattern.code)
                if preposition is None or code is None:
                    continue
                back = reverse_code(pattern.code)
                for lemma, lemma_rank in names:
                    row = _row(
                        f"{lemma} {preposition}",
                        code,
                        [f"prep:{preposition}", *DEFAULT_TARGETS],
                        reciprocal=back is not None and back == code,
                        root_types=root_types,
                    )
                    offer(row["lemma"], lemma_rank, row, back)
    for lemma, written, base, back in inflected:
        # "LEFT [042:043]" beside "LEAVE [012]": the lemma's row keeps the written
        # form's own code, for the parser gives both the lemma "leave"
        row = chosen.get(lemma, (0, None))[1]
        if row is not None and row["cameo"] != base:
            form = {"form": written, "cameo": base, "type": root_types.get(base[:2])}
            if back and back == base:
                form["reciprocal"] = True
            elif back:
                form["reverse_cameo"] = back
            row.setdefault("forms", []).append(form)
    rows = tuple(row for _, row in chosen.values() if row is not None)
    silent = frozenset(
        lemma for lemma, (_, row) in chosen.items() if row is None or not row["cameo"]
    )
    return DictionaryLexicon(rows, reverse, silent)
