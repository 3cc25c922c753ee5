"""Faster drop-ins for two stock spaCy components, with the same output.

In ``en_core_web_sm`` the attribute ruler and the lemmatizer are Python loops over
every token: on 200 BBC articles they take 1.9 s and 1.8 s of a 17 s parse, more
than everything kgextract does with the parse. A token's result depends on a handful
of its attributes (tag, lowercase form, dependency; form, POS, morphology), and news
repeats the same words, so each distinct combination is worked out once and
remembered, and the results are written by array. The stock classes keep their
patterns, tables, serialization and ``pipe``; only the per-Doc work is replaced
(``speed_up`` swaps in a subclass), and only for the component classes and settings
whose output this module reproduces exactly. ``tests/test_speedups.py`` compares
every token's tag, POS, morphology, lemma and dependency with the stock pipeline's.
"""

from __future__ import annotations

import re
import warnings

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors, Warnings
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

# What a compiled pattern may test (the attribute ruler's patterns in the English
# pipelines test nothing else), and the key of the per-combination cache.
_TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_KEY = list(_TESTED.values())
# What a compiled rule may set: plain token fields, nothing on the lexeme.
_SETTABLE = (POS, TAG, MORPH, LEMMA, DEP)
# A value no one-token test names stands for all such values in the cache key.
_OTHER = numpy.uint64(2**64 - 1)


class CachedAttributeRuler(AttributeRuler):
    """The attribute ruler, with its patterns evaluated on arrays, not by the Matcher.

    Stock, each Doc runs the Matcher over all ~180 patterns and sets attributes token
    by token. Here a one-token pattern (all but nine in ``en_core_web_sm``) is
    decided once per distinct (tag, lowercase form if a pattern names it, dependency,
    is-space) and remembered; a longer one is matched by sliding its token tests over
    the Doc's columns. Patterns with operators or other attributes stay in a small
    Matcher. As in the stock ruler, every match is found before any attribute is
    set, and a later rule overrides an earlier one on the same token.
    """

    def add(self, patterns, attrs, index=0):
        super().add(patterns, attrs, index)
        self._compiled = None

    def clear(self):
        super().clear()
        self._compiled = None

    def __call__(self, doc: Doc) -> Doc:
        compiled = getattr(self, "_compiled", None) or self._compile()
        if compiled is False:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            self._annotate(doc, compiled)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)

    def _compile(self):
        """Sort the patterns into one-token tests, token sequences and a residual
        Matcher; ``False`` when a rule sets what only the stock path sets."""
        if any(set(attrs) - set(_SETTABLE) for attrs in self.attrs):
            self._compiled = False
            return False
        compiled = _Compiled(self.vocab)
        for rule, index in enumerate(self.indices):
            left = []
            for pattern in self.matcher.get(str(rule))[1]:
                tests = [_token_tests(self.vocab, spec) for spec in pattern]
                if None in tests or not -len(pattern) <= index < len(pattern):
                    left.append(pattern)
                elif len(tests) == 1 and all(
                    kind != "regex" for _, kind, _ in tests[0]
                ):
                    compiled.single.append((rule, tests[0]))
                else:
                    flat = [
                        (o, *test)
                        for o, tests_at in enumerate(tests)
                        for test in tests_at
                    ]
                    flat.sort(key=lambda test: test[2] == "regex")
                    compiled.sequences.append(
                        (rule, index % len(pattern), len(tests), flat)
                    )
            if left:
                compiled.residual.add(str(rule), left)
        compiled.fold = [
            numpy.array(sorted(named), dtype=numpy.uint64)
            for named in compiled.named_values()
        ]
        self._compiled = compiled
        return compiled

    def _annotate(self, doc: Doc, compiled: _Compiled) -> None:
        if not len(doc):
            return
        keys = doc.to_array(_KEY)
        for column, named in enumerate(compiled.fold):
            unnamed = ~numpy.isin(keys[:, column], named)
            keys[unnamed, column] = _OTHER
        distinct, inverse = numpy.unique(keys, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        found = [self._decided(compiled, key) for key in map(tuple, distinct.tolist())]
        table = numpy.zeros((len(found), len(_SETTABLE)), dtype=numpy.uint64)
        setting = numpy.zeros(table.shape, dtype=bool)
        for row, (_rules, assignments) in enumerate(found):
            for column, value in assignments:
                table[row, column] = value
                setting[row, column] = True
        values = doc.to_array(list(_SETTABLE))
        values = numpy.where(setting[inverse], table[inverse], values)
        for at, rules in self._longer_matches(doc, compiled).items():
            rules = sorted(set(found[inverse[at]][0] + rules))
            for column, value in self._assignments(rules):
                values[at, column] = value
        doc.from_array(list(_SETTABLE), values)

    def _decided(self, compiled: _Compiled, key: tuple[int, ...]):
        """The one-token rules a key passes and what they set, worked out once."""
        if key not in compiled.cache:
            rules = tuple(
                rule
                for rule, tests in compiled.single
                if all(
                    _passes(key[_KEY.index(attr)], kind, ok) for attr, kind, ok in tests
                )
            )
            compiled.cache[key] = (rules, self._assignments(rules))
        return compiled.cache[key]

    def _longer_matches(self, doc: Doc, compiled: _Compiled) -> dict[int, tuple]:
        """The rules of the sequence and residual patterns, by the token they set."""
        rules: dict[int, tuple[int, ...]] = {}
        if compiled.sequences:
            columns = doc.to_array(_KEY)
            for rule, index, length, tests in compiled.sequences:
                starts = len(doc) - length + 1
                if starts < 1:
                    continue
                ok = numpy.ones(starts, dtype=bool)
                for offset, attr, kind, accepted in tests:
                    at = ok.nonzero()[0]  # regular expressions last, on what is left
                    if not len(at):
                        break
                    values = columns[at + offset, _KEY.index(attr)]
                    ok[at] = compiled.passing(values, kind, accepted)
                for start in ok.nonzero()[0].tolist():
                    rules[start + index] = rules.get(start + index, ()) + (rule,)
        if len(compiled.residual):
            for match_id, start, end in compiled.residual(doc, allow_missing=True):
                rule = int(self.vocab.strings[match_id])
                at = (start if self.indices[rule] >= 0 else end) + self.indices[rule]
                rules[at] = rules.get(at, ()) + (rule,)
        return rules

    def _assignments(self, rules) -> tuple[tuple[int, int], ...]:
        """(column, value) pairs that rules applied in order leave on a token."""
        final: dict[int, int] = {}
        for rule in rules:
            for attr, value in self.attrs[rule].items():
                final[_SETTABLE.index(attr)] = value
        return tuple(final.items())


class _Compiled:
    """An attribute ruler's patterns, sorted by how they are evaluated."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.single: list[tuple[int, list]] = []
        # (rule, target token, pattern length, tests as (offset, attr, kind, accepted))
        self.sequences: list[tuple[int, int, int, list[tuple]]] = []
        self.residual = Matcher(vocab)
        self.fold: list[numpy.ndarray] = []
        self.cache: dict[tuple[int, ...], tuple] = {}
        self.regex_hits: dict[tuple[str, int], bool] = {}

    def named_values(self) -> list[set[int]]:
        """Per key column, the values some one-token test names."""
        named: list[set[int]] = [set() for _ in _KEY]
        for _rule, tests in self.single:
            for attr, _kind, accepted in tests:
                named[_KEY.index(attr)].update(accepted)
        return named

    def passing(self, values: numpy.ndarray, kind: str, accepted) -> numpy.ndarray:
        if kind == "regex":
            accepted = [
                value
                for value in numpy.unique(values).tolist()
                if self._regex_hit(accepted, value)
            ]
        hits = numpy.isin(values, numpy.array(sorted(accepted), dtype=numpy.uint64))
        return ~hits if kind == "not_in" else hits

    def _regex_hit(self, regex: re.Pattern, value: int) -> bool:
        key = (regex.pattern, value)
        if key not in self.regex_hits:
            self.regex_hits[key] = bool(regex.search(self.vocab.strings[value]))
        return self.regex_hits[key]


def _token_tests(vocab, spec: dict) -> list[tuple[int, str, object]] | None:
    """One token of a Matcher pattern as (attribute, kind, accepted) tests, the way
    the Matcher reads them, or None when this module does not evaluate it."""
    tests = []
    for name, value in spec.items():
        attr = _TESTED.get(name)
        if attr is None:
            return None  # "OP", other attributes, extensions
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((attr, "in", frozenset({int(value)})))
        elif isinstance(value, str):
            tests.append((attr, "in", frozenset({vocab.strings.add(value)})))
        elif isinstance(value, dict) and len(value) == 1:
            ((kind, argument),) = value.items()
            if kind in ("IN", "NOT_IN") and isinstance(argument, list):
                hashes = frozenset(vocab.strings.add(v) for v in argument)
                tests.append((attr, kind.lower(), hashes))
            elif kind == "REGEX" and isinstance(argument, str):
                tests.append((attr, "regex", re.compile(argument)))
            else:
                return None
        else:
            return None
    return tests


def _passes(value: int, kind: str, accepted) -> bool:
    return (value in accepted) != (kind == "not_in")


class CachedLemmatizer(EnglishLemmatizer):
    """The English rule lemmatizer, with each (form, POS, morphology) lemmatized once.

    Its rules read only those three, but the stock loop calls them for every token
    (its own cache misses every base form) and sets lemmas one Token at a time; and
    each rule tests a candidate against the part of speech's word list by a linear
    scan (``form in index``, a list of thousands), which this class makes a set.
    """

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        cache = self.__dict__.setdefault("_lemmas", {})
        error_handler = self.get_error_handler()
        try:
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = rows[:, 3].copy()
            for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
                if self.overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    found = cache.get(key)
                    if found is None:
                        found = cache[key] = self.vocab.strings.add(
                            self.lemmatize(doc[i])[0]
                        )
                    lemmas[i] = found
            doc.from_array([LEMMA], lemmas)
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)

    def rule_lemmatize(self, token) -> list[str]:
        """spaCy 3.8's ``Lemmatizer.rule_lemmatize``, line for line, but for the
        word lists as sets (membership is all it asks of them)."""
        cache_key = (token.orth, token.pos, token.morph.key)
        if cache_key in self.cache:
            return self.cache[cache_key]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108, stacklevel=2)
            return [string.lower()]
        if self.is_base_form(token):
            return [string.lower()]
        index_table = self._index_sets()
        pos_key = get_string_id(univ_pos)
        exc_table = self.lookups.get_table("lemma_exc", {})
        rules_table = self.lookups.get_table("lemma_rules", {})
        if not any(
            (
                index_table.get(pos_key),
                exc_table.get(univ_pos),
                rules_table.get(univ_pos),
            )
        ):
            if univ_pos == "propn":
                return [string]
            else:
                return [string.lower()]
        index = index_table.get(pos_key, frozenset())
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        self.cache[cache_key] = forms
        return forms

    def _index_sets(self) -> dict[int, frozenset[str]]:
        """The ``lemma_index`` table with each part of speech's list as a set, keyed
        like the table (by string hash), made again if the tables are replaced
        (``initialize``, ``from_disk``)."""
        table = self.lookups.get_table("lemma_index", {})
        made = self.__dict__.get("_index")
        if made is None or made[0] is not table:
            sets = {pos: frozenset(words) for pos, words in table.items()}
            made = self.__dict__["_index"] = (table, sets)
        return made[1]


def speed_up(nlp: Language) -> None:
    """Swap the cached classes in where the pipeline uses the stock ones as is."""
    for _name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            component.__class__ = CachedAttributeRuler
            component._compiled = None
        elif type(component) is EnglishLemmatizer and component.mode == "rule":
            component.__class__ = CachedLemmatizer
            component.lemmatize = component.rule_lemmatize  # bound when it was made
