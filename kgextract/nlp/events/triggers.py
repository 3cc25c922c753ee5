"""Triggers: which lexicon entry a verb or noun stands for, read from the word and
the words around it (a particle, a light verb's event noun, a verb dictionary's
pattern). A trigger is a value: the entry, the object, the pattern's roles, and
the event noun it took from a light verb, so that nothing else need remember it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from kgextract.knowledge.lexicon import (
    Lexicon,
    LexiconEntry,
    PatternElement,
    Syntax,
    VerbPatternRule,
)
from kgextract.nlp.events.phrases import ACTOR_TYPES, Phrases
from kgextract.nlp.events.tree import (
    ANY_SUBJECT_DEPS,
    CLAUSE_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    clause_tokens,
    for_clauses,
    object_read_as_subject,
    prep_objects,
    relative_gap,
)

MAX_OBJECT_TOKENS = 12


@dataclass(frozen=True, slots=True)
class PatternRoles:
    """What a matched verb pattern says about the actors: who the words after it
    name as target or source, whether the subject is the target (``+ * ... $``:
    "X received money from Y"), and the words after the last matched one, where
    a target is looked for when no slot names one."""

    targets: tuple[Token, ...] = ()
    sources: tuple[Token, ...] = ()
    subject_is_target: bool = False
    rest: tuple[Token, ...] = ()
    after: tuple[Token, ...] = ()  # the clause's words after the verb
    is_negation_coded: bool = False  # the pattern's words include the "not"
    before: frozenset[int] = frozenset()  # the pattern's words before the verb


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that states an event, and how it was read.

    ``how``: ``verb`` (the lexicon's verb or phrasal verb), ``form`` (a dictionary
    headword's own inflection), ``pattern`` (a verb dictionary pattern matched),
    ``light-verb`` (a light verb and its event noun: "held talks"), ``actor-object``
    (a light verb whose object is an actor: "received the minister"), ``noun``.
    """

    token: Token
    entry: LexiconEntry
    obj: Token | None
    how: str
    roles: PatternRoles | None = None
    consumed: Token | None = None  # the event noun a light verb took


def _word_matches(word: str, token: Token) -> bool:
    """A dictionary word against a token: ``krone_`` the whole word; others the
    word or its lemma ("EFFORT" finds "efforts"), not any word it starts ("MEET"
    is not "meeting": the parser's lemma says which word it is)."""
    if word.endswith("_"):
        return token.lower_ == word[:-1]
    return token.lower_ == word or token.lemma_.lower() == word


def _sequence_end(words: tuple[str, ...], tokens: list[Token], at: int) -> int | None:
    """Index of the last token when ``words`` stand one after another from ``at``."""
    for offset, word in enumerate(words):
        k = at + offset
        if k >= len(tokens) or not _word_matches(word, tokens[k]):
            return None
        if offset and tokens[k].i != tokens[k - 1].i + 1:
            return None
    return at + len(words) - 1


_Spans = list[tuple[int, int]]  # where each element of a pattern matched


def _match_elements(
    elements: tuple[PatternElement, ...], tokens: list[Token]
) -> _Spans | None:
    """Where each element matched, in order with other words allowed between
    them (not inside a ``joined`` run), as a span of ``tokens``: a word
    element's words, or, for an actor mark, the empty span where its actor is
    looked for from."""

    def search(k: int, start: int, last: int | None) -> _Spans | None:
        if k == len(elements):
            return []
        element = elements[k]
        if element.actor is not None:
            rest = search(k + 1, start, last)
            return None if rest is None else [(start, start), *rest]
        for at in range(start, len(tokens)):
            if element.joined and (last is None or tokens[at].i != last + 1):
                continue
            for words in element.words:
                end = _sequence_end(words, tokens, at)
                if end is not None:
                    rest = search(k + 1, end + 1, tokens[end].i)
                    if rest is not None:
                        return [(at, end + 1), *rest]
        return None

    return search(0, 0, None)


class Triggers:
    def __init__(
        self,
        phrases: Phrases,
        lexicon: Lexicon,
        syntax: Syntax,
        root_types: dict[str, str],
    ) -> None:
        self.phrases = phrases
        self.lexicon = lexicon
        self.syntax = syntax
        self.root_types = root_types

    def verb(self, verb: Token) -> Trigger | None:
        """The lexicon entry of a verb (a phrasal one first) and its direct object."""
        if (
            _nominal_gerund(verb)
            or (verb.dep_ == "amod" and verb.tag_ == "VBN")
            or _unjoined_conjunct(verb)
        ):
            # nor a participle that only describes a noun: "its recently unveiled
            # Walkman branded phone" (tech/347.txt)
            return None
        lemma = verb.lemma_.lower()
        relatives = self.syntax.relative_pronouns
        phrasal = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"]
        # not a phrase set before the verb: "At Heathrow, Gatwick, Edinburgh and
        # Glasgow airports, BAA launched a series of consultations" (politics/
        # 033.txt) says where, and launches nothing at them
        phrasal += [
            f"{lemma} {c.lower_}"
            for c in verb.children
            if c.dep_ == "prep" and c.i > verb.i
        ]
        if for_clauses(verb) and f"{lemma} for" not in phrasal:
            phrasal.append(f"{lemma} for")  # "called for the UN to impose …"
        # A passive subject is the underlying object: "a support package was
        # announced by Sweden", "evidence against Russia was presented by the US".
        objects = (
            children(verb, OBJECT_DEPS)
            or [p for p in children(verb, PASSIVE_SUBJECT_DEPS) if p.pos_ == "NOUN"]
            or self._small_clause_subject(verb, lemma)
            or [o for o in [object_read_as_subject(verb)] if o is not None]
            or [o for o in [relative_gap(verb, relatives)] if o is not None]
        )
        obj = objects[0] if objects else None
        idiom = self._idiom(verb, lemma, obj)
        if idiom is not None:
            return idiom
        for name in [*phrasal, lemma]:
            direct = self.lexicon.verbs.get(name)
            if direct is not None and direct.patterns:
                # a dictionary's own pattern ("fire artillery") says more than a
                # light verb reading of the same words
                matched = self._pattern_entry(verb, direct)
                if matched is not None:
                    if not matched:
                        return None
                    entry, roles = matched
                    return Trigger(verb, entry, obj, "pattern", roles=roles)
            light = self.lexicon.light_verbs.get(name)
            if light is not None and light.noun_preposition:
                # "engaged the rebels in a firefight": the event noun is the object
                # of the preposition; the direct object is the target.
                nouns = prep_objects(verb, light.noun_preposition)
                noun = (
                    self.noun_entry(nouns[0], allow_light_only=True) if nouns else None
                )
                if noun is not None:
                    merged = _merged(name, light, noun, is_inverse=False)
                    target_holder = obj if obj is not None else nouns[0]
                    return Trigger(
                        verb, merged, target_holder, "light-verb", consumed=nouns[0]
                    )
            elif light is not None and obj is not None:
                noun = self.noun_entry(obj, allow_light_only=True)
                if noun is None and (amount := self._amount(name, light, obj)):
                    return Trigger(verb, amount, obj, "light-verb", consumed=obj)
                if noun is not None:
                    merged = _merged(name, light, noun, is_inverse=light.is_inverse)
                    return Trigger(verb, merged, obj, "light-verb", consumed=obj)
                if light.actor_object is not None and self._is_actor_object(obj):
                    return Trigger(verb, light.actor_object, obj, "actor-object")
            for form, entry in direct.forms if direct is not None else ():
                if verb.lower_ == form:  # "left", not "leave"
                    return Trigger(verb, replace(entry, patterns=()), obj, "form")
            if direct is not None and direct.cameo:
                return Trigger(verb, direct, obj, "verb")
        return None

    def _idiom(self, verb: Token, lemma: str, obj: Token | None) -> Trigger | None:
        """A verb whose object or "together" makes an idiom the lexicon names:
        "Consumer electronics giants Hitachi and Matshushita Electric are joining
        forces to share and develop technology" (business/211.txt), "working
        together to reduce costs". The object is a word of the verb, no object."""
        words = [obj] if obj is not None else []
        words += [
            c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "together"
        ]
        for word in words:
            entry = self.lexicon.verbs.get(f"{lemma} {word.lemma_.lower()}")
            if entry is not None and entry.cameo:
                consumed = word if word is obj else None
                return Trigger(verb, entry, None, "verb", consumed=consumed)
        return None

    def _amount(
        self, name: str, light: LexiconEntry, obj: Token
    ) -> LexiconEntry | None:
        """A sum of money given to someone: "China lent Russia dollars 6bn"
        (business/077.txt), "gave pounds 500,000 to the party" (politics/322.txt).
        The lexicon's ``amount`` noun under the verbs of ``money_verbs`` only, and
        only to whom it is given (a dative, "to"): "offered pounds 1.3bn for the
        London Stock Exchange" (business/171.txt) is a bid, not aid."""
        if name not in self.syntax.money_verbs:
            return None
        noun = self.lexicon.nouns.get("amount")
        currency = self.phrases.gazetteer.currency
        # the BBC's "dollars 6bn" is no MONEY to the model: the currency word
        # is the object, in it ("$50m"), or just before it ("pounds 500,000")
        words = [t for t in obj.subtree if t.i <= obj.i]
        if obj.i > 0:
            words.append(obj.doc[obj.i - 1])
        is_amount = any(currency(t.text) is not None for t in words)
        if noun is None or not is_amount:
            return None
        merged = _merged(name, light, noun, is_inverse=False)
        return replace(merged, targets=("dative", "prep:to"))

    def _small_clause_subject(self, verb: Token, lemma: str) -> list[Token]:
        """The one helped in "help X do Y", which the parser makes the subject of
        "do" ("Shannon helped Lagan Valley win the women's team honours",
        sport/060.txt): the verb's object all the same. Only for the verbs of
        ``small_clause_verbs``, and only a bare infinitive's subject ("help
        Taiwan defend itself", politics/386.txt), not a finite clause's ("helped
        [that] the talks failed")."""
        if lemma not in self.syntax.small_clause_verbs:
            return []
        return [
            subject
            for clause in children(verb, {"ccomp", "xcomp"})
            if clause.tag_ == "VB"
            for subject in children(clause, {"nsubj"})
            if subject.pos_ != "PRON"  # "to help him make decisions": whose?
        ][:1]

    def _is_actor_object(self, obj: Token) -> bool:
        """The object names someone ("received ministers from Georgia", "received
        Putin"), not something ("received a letter from Putin")."""
        key = self.phrases.res.key_at(obj.i)
        if key is not None:
            return self.phrases.res.type_of(key) in ACTOR_TYPES
        return obj.lemma_.lower() in self.syntax.actor_nouns and bool(
            self.phrases.actors_of(obj)
        )

    def _pattern_entry(
        self, verb: Token, entry: LexiconEntry
    ) -> tuple[LexiconEntry, PatternRoles] | bool | None:
        """The entry as the verb's best matching dictionary pattern codes it (the
        one with most words; the first of equals), with the roles it gives the
        actors; False where that pattern says "no event", None where no pattern
        matches."""
        tokens = clause_tokens(verb)
        # "Chile indicated it deplored Peru": the words of the clause that
        # reports a complement clause are none of its pattern's ("- INDICATED *")
        words = verb.subtree if verb.dep_ == "ccomp" else verb.sent
        before = [t for t in words if t.i < verb.i and not t.is_punct]
        after = [t for t in tokens if t.i > verb.i]
        best: tuple[VerbPatternRule, _Spans, _Spans] | None = None
        subjects = children(verb, SUBJECT_DEPS)
        is_compound = bool(subjects and subjects[0].conjuncts)
        for rule in entry.patterns:
            if best is not None and rule.size <= best[0].size:
                continue
            if rule.needs_compound and not is_compound:
                continue
            at_before = _match_elements(rule.before, before)
            at_after = (
                _match_elements(rule.after, after) if at_before is not None else None
            )
            if at_after is not None:
                best = (rule, at_before, at_after)
        if best is None:
            return None
        rule, at_before, at_after = best
        if not rule.cameo:
            return False

        def marked(actor: str) -> tuple[Token, ...]:
            """The words the actor is looked for in: after the mark, past the
            phrases ``^`` marks right before it skip ("IFTAR (IN ^) +": not the
            place, the one after it)."""
            for k, (element, (at, _)) in enumerate(
                zip(rule.after, at_after, strict=True)
            ):
                if element.actor == actor:
                    skips = 0
                    while k - skips > 0 and rule.after[k - skips - 1].actor == "skip":
                        skips += 1
                    return self._past_phrases(tuple(after[at:]), skips)
            return ()

        roles = PatternRoles(
            targets=marked("target"),
            sources=marked("source"),
            subject_is_target=any(e.actor == "target" for e in rule.before),
            rest=tuple(after[max([0, *(stop for _, stop in at_after)]) :]),
            after=tuple(after),
            # "didn't clash over": the pattern's own words hold the negation
            is_negation_coded=any(
                token.dep_ == "neg"
                for first, stop in at_before
                for token in before[first:stop]
            ),
            before=frozenset(
                token.i for first, stop in at_before for token in before[first:stop]
            ),
        )
        coded = replace(
            entry,
            cameo=rule.cameo,
            type=self.root_types.get(rule.cameo[:2]),
            reverse_cameo=rule.reverse_cameo,
            # "- % * [191]": the members of a compound subject act on each other
            is_reciprocal=rule.is_reciprocal or rule.needs_compound,
            patterns=(),
        )
        return coded, roles

    def _past_phrases(self, tokens: tuple[Token, ...], count: int) -> tuple[Token, ...]:
        """``tokens`` after the first ``count`` phrases that name an actor or place."""
        for _ in range(count):
            for k, token in enumerate(tokens):
                if self.phrases.actors_of(token, allow_places=True):
                    end = token.i  # the name, not what hangs on it
                    while (
                        end + 1 < len(token.doc) and token.doc[end + 1].ent_iob_ == "I"
                    ):
                        end += 1
                    tokens = tuple(t for t in tokens[k + 1 :] if t.i > end)
                    break
            else:
                return ()
        return tokens

    def noun_entry(self, noun: Token, *, allow_light_only: bool) -> LexiconEntry | None:
        """A noun's entry, or one of its compound modifiers' ("support package")."""
        lexicon = self.lexicon
        entry = lexicon.nouns.get(noun.lemma_.lower())
        modifiers = {
            c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")
        }
        if entry is not None:
            if entry.requires_modifier and not entry.requires_modifier & modifiers:
                entry = None
            elif entry.is_light_only and not allow_light_only:
                entry = None
        if entry is not None:
            return entry
        for child in noun.children:
            if child.dep_ == "compound":
                modifier = lexicon.nouns.get(child.lemma_.lower())
                if modifier is not None and not modifier.requires_modifier:
                    return modifier
        return None

    def noun(self, noun: Token) -> Trigger | None:
        """An event noun standing on its own ("Germany's support for Ukraine"): not
        a compound modifier ("support package" is the package's)."""
        if noun.dep_ == "compound":
            return None
        entry = self.noun_entry(noun, allow_light_only=False)
        if entry is None or entry.lemma != noun.lemma_.lower():
            return None
        return Trigger(noun, entry, None, "noun")


def _unjoined_conjunct(verb: Token) -> bool:
    """A participle the parser joins to the clause above with nothing to join it:
    no "and", no comma, no subject of its own, right after a name ("to show off
    the W800 - its recently unveiled Walkman branded phone - and there is
    speculation", tech/347.txt, read as Sony Ericsson branding a phone). A
    coordinated verb always has a word or a mark between it and the verb it is
    joined to ("came, saw and conquered")."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBN") or verb.i == 0:
        return False
    head = verb.head
    if any(c.dep_ in ANY_SUBJECT_DEPS for c in verb.children):
        return False
    joined = any(
        c.dep_ in ("cc", "punct") and head.i < c.i < verb.i
        for c in [*head.children, *verb.children]
    )
    return not joined and verb.doc[verb.i - 1].pos_ == "PROPN"


def _nominal_gerund(verb: Token) -> bool:
    """A gerund the tagger reads as a verb where it is a noun: the object of
    another verb, with a name or a determiner before it ("Mr Brown wanted to
    provide dollars 10bn a year over a decade, using G7 backing so the money
    could be borrowed up front", business/241.txt: the G7's backing, not Brown's
    act)."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
        and any(c.dep_ in ("compound", "det", "poss") for c in verb.children)
    )


def _merged(
    name: str, light: LexiconEntry, noun: LexiconEntry, *, is_inverse: bool
) -> LexiconEntry:
    """A light verb and its event noun as one entry: the noun's type, code and
    senses ("launched an attack on the cost of ..." is a verbal attack), the verb's
    target slots first."""
    return LexiconEntry(
        lemma=name,
        pos="VERB",
        type=noun.type,
        cameo=noun.cameo,
        targets=light.targets + noun.targets,
        is_reciprocal=noun.is_reciprocal,
        is_object_reciprocal=noun.is_object_reciprocal,
        is_inverse=is_inverse,
        source=noun.source,
        senses=noun.senses,
    )


def object_text(
    obj: Token | None, claimed: frozenset[int], relative_pronouns: frozenset[str]
) -> str | None:
    """The object phrase without its clauses: "strikes inside Russia"."""
    if obj is None:
        return None
    if obj.lower_ in relative_pronouns and obj.head.dep_ == "relcl":
        obj = obj.head.head
    excluded: set[int] = set()
    for token in obj.subtree:
        if token.i != obj.i and token.dep_ in CLAUSE_DEPS:
            excluded.update(t.i for t in token.subtree)
    kept = []
    for token in obj.subtree:
        if token.i in claimed:
            break
        if token.i not in excluded:
            kept.append(token)
    while kept and (kept[0].dep_ == "det" or kept[0].is_punct):
        kept.pop(0)
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    kept = kept[:MAX_OBJECT_TOKENS]
    pieces, run = [], []
    for token in kept:  # contiguous runs keep their own spacing
        if run and token.i != run[-1].i + 1:
            pieces.append(obj.doc[run[0].i : run[-1].i + 1].text)
            run = []
        run.append(token)
    if run:
        pieces.append(obj.doc[run[0].i : run[-1].i + 1].text)
    return " ".join(pieces) or None
