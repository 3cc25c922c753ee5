"""Clauses: who a verb's subject is (active, passive, inherited through control or an
absolute "with X doing Y"), and how the clause qualifies the act (negation,
modality, a stated intent, a wish of someone else's). Each function returns what it
found; nothing is remembered between calls."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kgextract.knowledge.lexicon import Lexicon, Syntax
from kgextract.nlp.coreference import is_expletive
from kgextract.nlp.events.phrases import Phrases
from kgextract.nlp.events.tree import (
    ANY_SUBJECT_DEPS,
    CONTROL_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    for_clauses,
    has_to,
    object_read_as_subject,
    prep_objects,
    reported_clause,
)

MAX_HOPS = 8
# Verbs of these types whose passive subject is who would do what follows ("was
# urged to", "was pressured to", "was allowed to"): asked or permitted is not acting.
CONTROLLING_TYPES = frozenset({"REQUEST", "COERCE", "SUPPORT"})


# Where a past participle with no auxiliary of its own is a passive: it modifies
# a noun or a clause, or is the object of a preposition ("among the accused").
PARTICIPLE_DEPS = frozenset({"advcl", "acl", "amod", "pobj", "xcomp"})


def is_bare_participle(verb: Token) -> bool:
    """A past participle standing for a passive clause without its auxiliary:
    "When asked about …", "accused of overseeing a fraud", "got him sacked"."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in PARTICIPLE_DEPS
        and not children(verb, {"aux", "auxpass"})
    )


_ADJUNCT_PREPOSITIONS = frozenset(
    {"after", "before", "for", "since", "despite", "while", "by", "on", "upon"}
)


def _is_adjunct(path: list[Token], verb: Token) -> bool:
    """Did the walk reach the clause from a participle of time, manner or reason
    ("after attacking", "for attacking", ", having attacked"), not from an
    infinitive ("is set to attack": prospective, read on its own)?"""
    below = path[-2] if len(path) > 1 else verb
    if below.dep_ == "prep":
        # not "was accused of attacking", "was stopped from attacking": what one
        # is charged with or kept from is not said to be done
        return below.lower_ in _ADJUNCT_PREPOSITIONS and any(
            c.dep_ == "pcomp" and c.tag_ == "VBG" for c in below.children
        )
    return (
        below.dep_ == "advcl"
        and below.tag_ in ("VBG", "VBN")
        and not any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
    )


def is_passive_without_subject(verb: Token) -> bool:
    return (
        verb.tag_ == "VBN"
        and bool(children(verb, {"auxpass"}))
        and not children(verb, {"nsubj", "nsubjpass", "csubjpass"})
    )


def _is_active(verb: Token) -> bool:
    """An active verb: inflected ("criticised the decision"), or a participle
    with "have" ("has agreed"); not a bare participle sharing a passive's
    auxiliary ("was arrested and charged")."""
    if verb.tag_ != "VBN":
        return True
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and not (
        children(verb, {"auxpass"})
    )


def is_subjectless_passive(verb: Token) -> bool:
    """A passive clause with no subject of its own: "an Israeli who has served
    eight years in prison after being convicted for spying" (business/478.txt): the
    one it borrows from the clause above is who it was done to, not who did it.
    (A passive infinitive, "is expected to be opposed by X", is read with the
    words above it: :meth:`Clauses.subjects_of`.)"""
    return verb.dep_ in ("advcl", "acl", "pcomp", "pobj") and (
        is_passive_without_subject(verb)
    )


# Inflected verb forms: a conjunct with one of them is a clause of its own.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def own_polarity(chain: list[Token]) -> list[Token]:
    """The words whose negation and modals bear on the first of ``chain`` (a
    verb and the words its subject was inherited through): up to a finite
    conjunct. "He would not respond and promised to hail the record": "promised"
    is inflected on its own (or has an auxiliary of its own, "and has praised"),
    so the "would not" of "respond" is not its; in "did not eat or drink" the bare
    "drink" shares them."""
    for index, token in enumerate(chain[:-1]):
        if (
            token.dep_ == "conj"
            and (token.tag_ in FINITE_TAGS or _has_auxiliary(token))
            and token.head.i == chain[index + 1].i
        ):
            return chain[: index + 1]
        if token.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "having" for c in token.children
        ):
            # "Having already donated billions, Mr Gates will call on …": done
            # before the main clause, whatever its "will" says
            return chain[: index + 1]
    return chain


def _neither_nor(verb: Token) -> bool:
    """ "Neither Rover nor Shanghai Automotive commented on the reports"
    (business/212.txt), "criticised neither the Conservatives nor the Liberal
    Democrats": a subject or object so joined denies the act of each."""
    return (
        _after_nor(verb)
        or any(
            c.lower_ in ("neither", "nor")
            for word in verb.children
            if word.dep_ in ("nsubj", "nsubjpass", "dobj")
            for c in word.children
            if c.dep_ in ("det", "preconj", "cc")
        )
        or _neither_nor_before(verb)
    )


def _neither_nor_before(verb: Token) -> bool:
    """A "neither … nor …" list right before the verb, with no verb between, is
    its subject, however the parser hangs it: "It covers the cost of the prince's
    public and private life - neither Charles, nor William and Harry, receive
    taxpayers' money from the Civil List" (politics/044.txt)."""
    words = set()
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.pos_ in ("VERB", "AUX"):
            break
        words.add(token.lower_)
    return {"neither", "nor"} <= words


def _after_nor(verb: Token) -> bool:
    """ "This however is not a sequel, nor does it relate to the GoldenEye film"
    (tech/245.txt): a clause "nor" joins on is denied as the one before it."""
    if verb.dep_ != "conj":
        return False
    joining = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
    return bool(joining) and joining[-1].lower_ == "nor"


def _whether_or_not(word: Token) -> bool:
    """ "to find out whether or not we should allow UWB" (tech/275.txt): the "not"
    of "whether or not" asks, it denies nothing."""
    doc = word.doc
    return (
        word.i >= 2
        and doc[word.i - 1].lower_ == "or"
        and doc[word.i - 2].lower_ == "whether"
    )


def _has_auxiliary(verb: Token) -> bool:
    """ "is not offensive and has refused to withdraw it" (entertainment/085.txt),
    "cannot accept and will oppose": an auxiliary or modal of its own makes a
    conjunct a clause of its own, as an inflection does."""
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ != "to" and c.i < verb.i
        for c in verb.children
    )


def is_planned(token: Token) -> bool:
    """ "is to": ``token`` is a "be" whose infinitive complement says what is
    planned ("Britain is to give a grant", "Straw is to visit Thailand")."""
    return token.lemma_ == "be" and any(
        c.dep_ == "xcomp"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in token.children
    )


def _called_upon(head: Token, infinitive: Token) -> list[Token]:
    """ "called on France to support the plan": the object of "on" before the
    infinitive is the one who would act (sport/200.txt, "has called on the Football
    Association to punish …"); "called on Monday to" names a day, no one."""
    return [
        pobj
        for prep in children(head, {"prep", "prt"})  # the parser says either
        if prep.lower_ in ("on", "upon") and prep.i < infinitive.i
        for pobj in children(prep, {"pobj"})
        if pobj.ent_type_ not in ("DATE", "TIME")
    ]


# Prepositions that take what one feels or does about someone else's plan.
_STANCE_ON_PLANS = frozenset({"about", "over", "against", "at"})


def _misplaced_gerund(verb: Token) -> Token | None:
    """ "accused Mr Blair … of telling lies … and then attacking the lies"
    (politics/351.txt): the parser joins the second gerund to "accused", which a
    gerund cannot continue; it continues the first, the "of" one."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBG" or head.tag_ not in FINITE_TAGS:
        return None
    gerunds = [
        g
        for prep in children(head, {"prep"})
        for g in children(prep, {"pcomp"})
        if g.tag_ == "VBG" and g.i < verb.i
    ]
    return gerunds[-1] if gerunds else None


def _misplaced_infinitive(verb: Token, control_nouns: frozenset[str]) -> Token | None:
    """ "Sir Menzies was among those worried about plans, backed by the UK, to lift
    the arms embargo" (politics/383.txt): after a phrase set off by commas, the
    parser hangs the infinitive on the main verb; it completes the noun the
    phrase hangs on, whose it is ("plans … to lift"), not the subject's."""
    if verb.dep_ != "advcl" or not has_to(verb):
        return None
    comma = verb.left_edge.i - 1
    if comma < 1 or verb.doc[comma].text != ",":
        return None
    word = verb.doc[comma - 1]
    while word.head.i != word.i and word.head.i < comma:
        if word.pos_ == "NOUN" and word.lemma_.lower() in control_nouns:
            return word
        word = word.head
    return None


def addressed_participle(verb: Token, addressing_verbs: frozenset[str]) -> Token | None:
    """ "has written to the watchdog accusing Labour of a … breach" (politics/396.txt):
    the parser hangs the participle on the one written to; it is the writer's act,
    done in the letter. Not "spoke to a man carrying a gun": only verbs of writing."""
    addressee = verb.head
    prep = addressee.head
    if (
        verb.dep_ != "acl"
        or verb.tag_ != "VBG"
        or addressee.dep_ != "pobj"
        or prep.lower_ != "to"
        or prep.head.lemma_.lower() not in addressing_verbs
    ):
        return None
    return prep.head


def _misplaced_finite_conjunct(verb: Token) -> Token | None:
    """ "said it was not possible to overstate the importance … and urged the
    government to move" (politics): the parser joins the finite "urged" to the
    infinitive, which cannot share its subject; it continues the nearest finite
    clause above whose subject names someone (not the "it" of "it was")."""
    head = verb.head
    if (
        verb.dep_ != "conj"
        or verb.tag_ not in FINITE_TAGS
        or head.tag_ != "VB"
        or not any(c.lower_ == "to" for c in head.children)
    ):
        return None
    for above in head.ancestors:
        subjects = children(above, {"nsubj"})
        if above.tag_ in FINITE_TAGS and subjects and not is_expletive(subjects[0]):
            return above
    return None


def _said_of_nothing(top: Token) -> bool:
    """ "it had no evidence that Mr Paulsmeier had lined up sufficient finance"
    (business/184.txt), "there is nothing to suggest that …", "there is no
    suggestion that he opposes it", "Nothing suggests that …": a clause nothing,
    or no evidence, says is not stated as done."""
    head = top.head
    if top.dep_ == "acl" and head.pos_ == "NOUN":
        return any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)
    if top.dep_ != "ccomp" or head.pos_ != "VERB":
        return False
    if any(c.dep_ == "nsubj" and c.lower_ == "nothing" for c in head.children):
        return True
    return head.dep_ == "relcl" and head.head.lower_ == "nothing"


def _faulted_for(gerund: Token, reason_verbs: frozenset[str]) -> Token | None:
    """The object of "criticised X for V-ing", "praised X for V-ing": the one
    said to have done what the gerund says."""
    prep = gerund.head
    if gerund.dep_ != "pcomp" or prep.lower_ != "for":
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in reason_verbs:
        return None
    objects = children(verb, {"dobj"})
    return objects[0] if objects else None


def _warned_against(gerund: Token, charging_verbs: frozenset[str]) -> Token | None:
    """The object of "warned X against V-ing", "stopped X from V-ing", "accused X
    of V-ing" (politics/325.txt, "accused the party of signing up to a deal"),
    "charged X with V-ing": who
    would do, or is said to have done, what the gerund says."""
    prep = gerund.head
    if gerund.dep_ != "pcomp" or prep.lower_ not in ("against", "from", "of", "with"):
        return None
    if prep.lower_ in ("of", "with") and prep.head.lemma_.lower() not in charging_verbs:
        # "raised the idea of sending personnel": the raiser's idea; but "US
        # prosecutors have charged nine food suppliers with helping Dutch retailer
        # Ahold inflate earnings" (business/448.txt): the suppliers helped
        return None
    objects = children(prep.head, {"dobj"}) if prep.head.pos_ == "VERB" else []
    return objects[0] if objects else None


@dataclass(frozen=True, slots=True)
class Subjects:
    """Who acts in a clause. ``path``: the words the subject was inherited
    through ("expressed willingness to send": willingness, expressed).
    ``is_controlled``: the actors are the ones asked or permitted to act ("urged
    Poland to send"), so the act itself has not happened."""

    actors: list[str]
    path: list[Token]
    is_controlled: bool = False


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    word: str | None = None  # "would", "may", "willingness", ...


class Clauses:
    def __init__(self, phrases: Phrases, lexicon: Lexicon, syntax: Syntax) -> None:
        self.phrases = phrases
        self.lexicon = lexicon
        self.syntax = syntax

    def subjects_of(self, verb: Token) -> Subjects:
        """The actors of a verb and the path of words its subject was inherited
        through: the active subject; the passive agent ("by"); a controlling verb or
        noun's subject ("expressed willingness to send", "is in talks to forge a
        coalition aimed at sending"); the absolute "with X doing Y"."""
        actors_of, syntax = self.phrases.actors_of, self.syntax
        if is_bare_participle(verb) or is_subjectless_passive(verb):
            # "Asked whether he would resign, Mr Blair said …", "on trial, accused
            # of fraud": the participle's own subject is who it was done to.
            agents = prep_objects(verb, "by")
            return Subjects(actors_of(agents[0]) if agents else [], [])
        path: list[Token] = []
        agents = [
            pobj
            for agent in children(verb, {"agent"})
            for pobj in children(agent, {"pobj"})
        ]
        if (
            agents
            and verb.dep_ in ("acl", "advcl", "ccomp")
            and not children(verb, ANY_SUBJECT_DEPS)
        ):
            # "Mr Glazer has already had one takeover attempt turned down by the
            # Red Devils" (business/293.txt): a participle with a "by" agent is
            # passive, whatever its tag; the agent did it, or no one named did
            return Subjects(actors_of(agents[0]), path)
        if (
            verb.dep_ == "acl"
            and verb.tag_ in ("VBD", "VBN")
            and verb.head.dep_ == "dobj"
            and verb.head.head.lemma_.lower() in ("have", "get")
            and verb.i > verb.head.i
            and not children(verb, ANY_SUBJECT_DEPS)
        ):
            # "Qwest Communications, which had an earlier offer for MCI rejected"
            # (business/202.txt): what one has done to one's own is done by
            # someone else, its "by" agent if named
            return Subjects(actors_of(agents[0]) if agents else [], path)
        if (
            verb.dep_ == "advcl"
            and verb.tag_ in ("VBD", "VBN")
            and verb.i > 0
            and verb.doc[verb.i - 1].pos_ == "NOUN"
            and not children(verb, ANY_SUBJECT_DEPS)
            and not children(verb, {"aux", "auxpass"})
        ):
            # "in a move branded a 'humiliating retreat' by the Tories"
            # (politics/187.txt): a participle right after a noun is that noun's,
            # passive; the parser hangs its "by" agent on the object
            agents = [
                pobj
                for obj in children(verb, OBJECT_DEPS)
                for pobj in prep_objects(obj, "by")
            ]
            if agents:
                return Subjects(actors_of(agents[0]), path)
        if verb.dep_ == "conj" and agents and not children(verb, ANY_SUBJECT_DEPS):
            # "developed by Sharp and launched by Vodafone" (tech/054.txt): a passive
            # conjunct with an agent of its own is that agent's act
            return Subjects(actors_of(agents[0]), path)
        if verb.dep_ == "conj" and is_passive_without_subject(verb):
            # "were arrested and charged", or a misparse ("UKIP have suspended a
            # candidate for … suggesting the criminally insane should be killed"):
            # the subject a passive conjunct shares is who it is done to
            return Subjects([], path)
        if verb.dep_ == "xcomp" and is_passive_without_subject(verb):
            # "Apple is to be congratulated", "is expected to be opposed by the
            # Liberal Democrats": the subject above is who it is done to; the doer
            # is the "by" agent, and the words above still qualify the act
            agents = prep_objects(verb, "by")
            head = verb
            while head.dep_ == "xcomp" and head.head.i != head.i:
                head = head.head
                path.append(head)
            return Subjects(actors_of(agents[0]) if agents else [], path)
        current = verb
        for _ in range(MAX_HOPS):
            if (
                path
                and current.pos_ == "NOUN"
                and current.lemma_.lower() in syntax.control_nouns
            ):
                # "welcomed Peru's decision to attack": whose decision acts, not
                # who welcomed it ("its decision": the subject's own, found above)
                owners = [o for o in children(current, {"poss"}) if o.pos_ != "PRON"]
                if owners:
                    # an owner that names no one is still not the one above:
                    # "said it had received a 'big boost' from the campaign's
                    # decision to endorse SNP candidates" (politics/238.txt)
                    return Subjects(actors_of(owners[0]), path)
            misread = object_read_as_subject(current)
            subjects = [s for s in children(current, SUBJECT_DEPS) if s != misread]
            if subjects:
                # "Lions, tigers, and Chile met": the parser may give a list two
                # subjects; the actors are those of all of them
                found = [key for subject in subjects for key in actors_of(subject)]
                found += self.phrases.broken_list(subjects[0], current)
                return Subjects(list(dict.fromkeys(found)), path)
            if children(current, PASSIVE_SUBJECT_DEPS):
                came_from = path[-2] if len(path) > 1 else verb
                if (
                    path
                    and came_from.dep_ == "conj"
                    and came_from.head.i == current.i
                    and _is_active(came_from)
                ):
                    # "The media giant was not fined by the Securities and Exchange
                    # Commission, but has agreed to refrain from any future
                    # violations" (business/331.txt): an active verb joined to a
                    # passive one shares its subject, not its "by" agent
                    passive = children(current, PASSIVE_SUBJECT_DEPS)[0]
                    return Subjects(actors_of(passive), path)
                agents = prep_objects(current, "by")
                if not agents and path and _is_adjunct(path, verb):
                    # "Mr Blair was criticised after attacking Mr Howard": an
                    # adjunct's doer is the one the clause is about, in either voice
                    passive = children(current, PASSIVE_SUBJECT_DEPS)[0]
                    return Subjects(actors_of(passive), path)
                if not agents and path and self.is_prospective(current):
                    # "Chile is set to attack Peru": who is set is who attacks.
                    passive = children(current, PASSIVE_SUBJECT_DEPS)[0]
                    return Subjects(actors_of(passive), path)
                return Subjects(actors_of(agents[0]) if agents else [], path)
            if current.dep_ == "relcl" and current.pos_ in ("VERB", "AUX"):
                return Subjects(actors_of(current.head), path)
            absolute = self.absolute_subject(current)
            if absolute is not None:
                return Subjects(actors_of(absolute), path)
            if current.head.i == current.i or (
                current.dep_ not in CONTROL_DEPS
                and not (current.dep_ == "acomp" and self.is_prospective(current))
            ):
                return Subjects([], path)
            finite = _misplaced_finite_conjunct(current)
            if finite is not None:
                current = finite
                path.append(current)
                continue
            gerund = _misplaced_gerund(current)
            if gerund is not None:
                current = gerund
                path.append(current)
                continue
            planned = _misplaced_infinitive(current, syntax.control_nouns)
            if planned is not None:
                current = planned
                path.append(current)
                continue
            faulted = _faulted_for(current, syntax.reason_verbs)
            if faulted is not None:
                # "MPs criticised Home Secretary David Blunkett last year for
                # introducing last-minute rules" (politics/168.txt): the one
                # faulted or praised did it, not the one who faults or praises
                return Subjects(actors_of(faulted), path)
            warned = _warned_against(current, syntax.charging_verbs)
            if warned is not None:
                # "warned musicians against being allied to a party"
                # (entertainment/131.txt): the ones warned would act, not the one
                # who warned them; and they were warned not to
                return Subjects(
                    actors_of(warned), [*path, current.head.head], is_controlled=True
                )
            controllers = self._object_controllers(current)
            if controllers:
                # "urged Poland to send", "gave permission to Poland to send": the
                # one asked or permitted would act, not the one who asked.
                return Subjects(controllers, [*path, current.head], is_controlled=True)
            if self._controlled_by_a_thing(current):
                # "urged voters to reject Labour": the voters would reject, and
                # they name no actor; the one who urged them did not reject
                return Subjects([], [*path, current.head], is_controlled=True)
            if current.pos_ == "NOUN" and current.lemma_ not in syntax.control_nouns:
                return Subjects([], path)
            if (
                current.pos_ == "NOUN"
                and current.dep_ == "pobj"
                and current.head.lower_ in _STANCE_ON_PLANS
            ):
                # "worried about plans to lift the embargo", "the controversy over
                # plans to allow" (politics/165.txt): whose plans they are is not
                # said, and not the worried one's
                return Subjects([], path)
            written = addressed_participle(current, syntax.addressing_verbs)
            if written is not None:
                current = written
                path.append(current)
                continue
            if current.dep_ == "acl" and current.head.pos_ == "NOUN":
                if current.head.lemma_ not in syntax.control_nouns:
                    return Subjects([], path)
            current = current.head
            path.append(current)
        return Subjects([], path)

    def _object_controllers(self, infinitive: Token) -> list[str]:
        """Object control: the actors an infinitive's subject is the object of.

        "Germany urged Poland to send tanks" (an actor as the object of the verb the
        infinitive completes), "gave permission to Poland to send", "gave Poland
        permission to send" (the recipient of a permission noun). Not a purpose
        clause ("sent tanks to Poland to help Ukraine"): there the subject stays.
        """
        actors_of, syntax = self.phrases.actors_of, self.syntax
        if not has_to(infinitive):
            return []
        head = infinitive.head
        if infinitive.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
            for obj in children(head, OBJECT_DEPS) + _called_upon(head, infinitive):
                found = actors_of(obj)
                if found:
                    return found
        if infinitive.dep_ in ("xcomp", "advcl") and head.pos_ == "VERB":
            # "Obama is being pressured by Congress to help Iran": in the passive,
            # the one urged or allowed is the subject
            asking = self.lexicon.verbs.get(head.lemma_.lower())
            if asking is not None and asking.type in CONTROLLING_TYPES:
                for passive in children(head, PASSIVE_SUBJECT_DEPS):
                    found = actors_of(passive)
                    if found:
                        return found
        giver = None
        if infinitive.dep_ == "acl" and head.lemma_.lower() in syntax.permission_nouns:
            giver = head.head  # "gave Poland permission to send"
        elif infinitive.dep_ in ("advcl", "xcomp") and any(
            o.lemma_.lower() in syntax.permission_nouns
            for o in children(head, OBJECT_DEPS)
        ):
            giver = head  # "gave permission to Poland to send"
        if giver is None:
            return []
        for dative in _recipients(giver):
            found = actors_of(dative) or [
                key for pobj in children(dative, {"pobj"}) for key in actors_of(pobj)
            ]
            if found:
                return found
        for pobj in prep_objects(giver, "to"):
            found = actors_of(pobj)
            if found:
                return found
        return []

    def _controlled_by_a_thing(self, infinitive: Token) -> bool:
        """An infinitive completing a verb of asking, forcing or allowing that has a
        direct object: its subject is that object even when the object names no
        actor ("urged voters to", "forced the firm's hand to"); so is the recipient
        of a permission noun ("it gives a minister the right to detain without
        trial": a minister would detain, not the one who says so; "give police
        greater powers to close pubs", politics/165.txt)."""
        head = infinitive.head
        if (
            infinitive.dep_ == "acl"
            and head.lemma_.lower() in self.syntax.permission_nouns
            and has_to(infinitive)
        ):
            giver = head.head
            return bool(_recipients(giver) or prep_objects(giver, "to"))
        if infinitive.dep_ != "xcomp" or head.pos_ != "VERB" or not has_to(infinitive):
            return False
        lemma = head.lemma_.lower()
        if lemma in self.syntax.expectation_verbs and any(
            c.dep_ in ("dobj", "prep") and c.i < infinitive.i for c in head.children
        ):
            # "said he expected between 2,000 and 4,000 supporters in Tyneside to
            # make their protest" (politics/032.txt): the supporters would
            return True
        if any(c.dep_ == "dobj" for c in head.children):
            # the verb, or the phrasal verb its particle makes ("call on" where
            # the parser reads "on" as a particle and the leaders as the object)
            names = [f"{lemma} {c.lower_}" for c in head.children if c.dep_ == "prt"]
            names.append(lemma)
        elif _called_upon(head, infinitive):
            # "will call on world leaders to support a campaign"
            names = [f"{lemma} on"]
        else:
            return False
        return any(
            (asking := self.lexicon.verbs.get(name)) is not None
            and asking.type in CONTROLLING_TYPES
            for name in names
        )

    def is_prospective(self, token: Token) -> bool:
        """ "is about to", "is set to", "is going to": the word an infinitive hangs
        on when the clause says the act is imminent or planned. The parser makes it
        an adjective complement of "be" or a participle with "be" as its auxiliary;
        the subject belongs to that clause, and the act has not happened yet."""
        if token.lower_ not in self.syntax.prospective_words:
            return False
        if token.dep_ == "acomp":
            return token.head.lemma_ == "be"
        return any(
            c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in token.children
        )

    def absolute_subject(self, verb: Token) -> Token | None:
        """ "with the US and Germany authorizing attacks": the object of "with".

        Also the second of two coordinated absolutes, "with A doing X and B doing Y",
        which the parser tends to read as "X and B": B is the subject of "doing Y"
        (and the "and" before it ends the first object: :meth:`claimed_tokens`).
        """
        return self._absolute(verb)[0]

    def claimed_tokens(self, sent: Span) -> frozenset[int]:
        """The "and" of "with A doing X and B doing Y" in ``sent``: it starts the
        second clause's subject, so the first object phrase ends before it."""
        return self.claimed_by(sent)

    def claimed_by(self, verbs: Iterable[Token]) -> frozenset[int]:
        """:meth:`claimed_tokens` of these words (only a gerund, VBG, claims one:
        the engine passes a sentence's gerunds)."""
        return frozenset(
            subject.left_edge.i - 1
            for verb in verbs
            for subject, is_second in [self._absolute(verb)]
            if subject is not None and is_second
        )

    def _absolute(self, verb: Token) -> tuple[Token | None, bool]:
        """(the absolute's subject, whether it is the second of two)."""
        if verb.tag_ != "VBG":
            return None, False
        withs = [t for t in verb.sent if t.lower_ == "with" and t.i < verb.i]
        for token in withs:
            for pobj in children(token, {"pobj"}):
                right = max(c.right_edge.i for c in [pobj, *pobj.conjuncts])
                if right + 1 == verb.i:
                    return pobj, False
        if withs and verb.i >= 2:
            before = verb.doc[verb.i - 1]
            if (
                before.dep_ == "conj"
                and before.left_edge.i > 0
                and verb.doc[before.left_edge.i - 1].lower_ == "and"
                and self.phrases.res.key_at(before.i) is not None
            ):
                return before, True
        return None, False

    def modality_of(self, verb: Token, path: list[Token]) -> Modality:
        """Negation, hypothesis and the modal word, from the verb and the words
        its subject was inherited through."""
        syntax = self.syntax
        negated = (
            verb.pos_ == "NOUN" and (self._is_ended(verb) or _none_of(verb))
        ) or _neither_nor(verb)
        hypothetical = False
        modality = None
        chain = own_polarity([verb, *path])
        for index, token in enumerate(chain):
            below = chain[index - 1] if index else None
            for child in token.children:
                if (
                    child.dep_ == "neg" or child.lower_ in syntax.negation_words
                ) and not _whether_or_not(child):
                    negated = True
                elif child.dep_ == "aux" and child.lower_ in syntax.modal_auxiliaries:
                    modality = modality or syntax.contractions.get(
                        child.lower_, child.lower_
                    )
                    if child.lower_ not in syntax.factual_modals:
                        hypothetical = True
                elif (
                    child.dep_ == "advmod"
                    and child.lower_ in syntax.hypothetical_adverbs
                ):
                    modality = modality or child.lower_
                    hypothetical = True
                elif child.dep_ == "mark" and child.lower_ in syntax.conditional_marks:
                    modality = modality or child.lower_
                    hypothetical = True
                elif self._dated_ahead(token, child):
                    modality = modality or "future"
                    hypothetical = True
            if (
                token.dep_ == "pcomp"
                and token.head.lower_ in syntax.negating_prepositions
            ):
                negated = True  # "adjourned without agreeing on fines"
            if token.dep_ == "pcomp" and token.head.lower_ == "of":
                # "raised the idea in February of sending personnel" (the seed):
                # the parser hangs "of" on the verb; the act is the idea's
                for idea in children(token.head.head, {"dobj"}):
                    if idea.lemma_.lower() in syntax.intent_words:
                        modality = modality or idea.lemma_.lower()
                        hypothetical = True
            if token.i == verb.i and token.lemma_.lower() in syntax.commitment_verbs:
                # only a light verb triggers as itself: "promised aid to Kenya"
                modality = modality or token.lemma_.lower()
                hypothetical = True
            if token.i != verb.i and is_planned(token):
                # "Jack Straw is to visit Thailand": planned, not done
                modality = modality or "be to"
                hypothetical = True
            if token.i != verb.i and self.is_prospective(token):
                modality = modality or token.lower_
                hypothetical = True
            if token.i != verb.i and not (
                below is not None and below.dep_ == "advcl" and below.head.i == token.i
            ):
                # not over a participle set beside the clause: "But he has
                # rejected any tariff increases, alleging this will impoverish
                # citizens further" (business/501.txt) alleges all the same
                lemma = token.lemma_.lower()
                if lemma in syntax.negating_verbs:
                    negated = True
                if lemma in syntax.intent_words:
                    modality = modality or lemma
                    hypothetical = True
            if token in for_clauses(token.head):
                # "called for the UN to impose sanctions on Iran": asked for,
                # not done
                modality = modality or "for"
                hypothetical = True
            if (
                token.dep_ in ("ccomp", "xcomp")
                and token.head.lemma_.lower() in syntax.expectation_verbs
                and has_to(token)
            ):
                # "Richard Dodd expected Labour to protest": expected, not done
                modality = modality or token.head.lemma_.lower()
                hypothetical = True
            if token.dep_ == "advcl" and _purpose_ahead(token):
                modality = modality or "to"
                hypothetical = True
            if token.dep_ == "advcl":
                for child in token.children:
                    if child.dep_ == "mark" and (
                        child.lower_ in syntax.conditional_marks
                        or (child.lower_ in syntax.future_marks and _present(token))
                    ):
                        hypothetical = True
        alleged, denier = self.alleged_or_denied(own_polarity([verb, *path])[-1])
        if alleged:
            modality = modality or "alleged"
        return Modality(
            negated or denier is not None, hypothetical or alleged, modality
        )

    def _dated_ahead(self, verb: Token, child: Token) -> bool:
        """ "when it meets next week" (business/270.txt), "tomorrow", "in the
        coming weeks": a time still ahead of the article on a verb not in the past
        ("the next day, police arrested him" tells of a day gone by)."""
        words = self.syntax.future_time_words
        if not _present(verb) and verb.tag_ not in ("VB", "VBG"):
            return False
        if child.dep_ == "prep" and child.lower_ in ("in", "over", "within"):
            times = list(children(child, {"pobj"}))
        elif child.dep_ in ("npadvmod", "tmod") and child.pos_ in ("NOUN", "PROPN"):
            times = [child]
        else:
            return False
        return any(
            time.lower_ in words
            or any(
                m.dep_ in ("amod", "det") and m.lower_ in words for m in time.children
            )
            for time in times
        )

    def _is_ended(self, noun: Token) -> bool:
        """An event noun that something ends: "ended its alliance with", "an end
        to its alliance", "following the end of Lebanon's bitter 15-year civil war"
        (business/167.txt): the act is no more."""
        head, words, syntax = noun.head, self.syntax.ending_words, self.syntax
        if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in words:
            # not "defended plans to end the EU's arms embargo on China": an end
            # only planned or wished leaves the act as it is
            planned = head.dep_ in ("xcomp", "acl", "advcl") and (
                head.head.lemma_.lower() in syntax.intent_words
            )
            modal = any(
                c.dep_ == "aux" and c.lower_ in syntax.modal_auxiliaries
                for c in head.children
            )
            return not planned and not modal
        return (
            noun.dep_ == "pobj"
            and head.lower_ in ("to", "of")
            and head.head.lemma_.lower() in words
            and head.head.pos_ == "NOUN"
        )

    def alleged_or_denied(self, top: Token) -> tuple[bool, Token | None]:
        """Whether the clause of ``top`` (the verb or the word its subject came
        through) is an allegation's ("accusations that he threatened Neville"),
        and the verb that denies it, if one does ("denied that it attacked
        Georgia", "rejected allegations he pressured Sullivan"). A denied or
        alleged act is not stated as done: the denial or accusation is the
        speaker's own act."""
        syntax = self.syntax
        if top.dep_ not in ("ccomp", "acl", "relcl") or top.head.i == top.i:
            return False, None
        head = top.head
        lemma = head.lemma_.lower()
        if head.pos_ == "NOUN" and lemma in syntax.allegation_nouns:
            if top.dep_ == "relcl" and any(
                c.dep_ in ("nsubj", "dobj") and c.lower_ in ("which", "that")
                for c in top.children
            ):
                return False, None  # "claims which he made": no content clause
            if _said_of_nothing(top):
                return True, head  # "there is no suggestion he opposes …"
            denier = head.head
            denies = (
                head.dep_ in ("dobj", "pobj", "nsubjpass")
                and denier.lemma_.lower() in syntax.denying_verbs
            )
            return True, denier if denies else None
        if top.dep_ == "ccomp" and lemma in syntax.denying_verbs:
            return False, head
        if _said_of_nothing(top):
            return False, head
        return False, None

    def wanting(
        self, verb: Token, path: list[Token], actors: list[str]
    ) -> tuple[Token, list[str]] | None:
        """ "X wants Y to V": the verb has a subject of its own and hangs on a verb of
        wanting whose subject is someone else. Returns that verb and its actors
        (none when the text does not say who wants it)."""
        head = verb.head
        if (
            path
            or verb.dep_ not in ("ccomp", "xcomp")
            or head.lemma_.lower() not in self.syntax.appeal_verbs
            or not children(verb, SUBJECT_DEPS)
        ):
            return None
        askers = self.phrases.speakers(head)
        if set(askers) & set(actors):
            return None
        # "They want the government to withdraw the rules": whoever "they" are,
        # the withdrawal is only wished for (no askers: no appeal, still a wish)
        return head, askers

    def is_stated_intent(
        self, verb: Token, path: list[Token], actors: list[str]
    ) -> bool:
        """ "Chile wants to help Peru", "Chile said it would free the prisoners": the
        actor states what it means to do. CAMEO codes that as an intent (03x, 13x),
        not as the act; "agreed to"/"pledged to" are commitments and stay acts."""
        syntax = self.syntax
        if any(t.lemma_.lower() in syntax.stated_intent_verbs for t in path):
            return True
        clause = self.own_report(verb, actors)
        return clause is not None and any(
            c.dep_ == "aux" and c.lower_ in syntax.future_auxiliaries
            for c in clause.children
        )

    def own_report(self, verb: Token, actors: list[str]) -> Token | None:
        """The reported clause holding ``verb`` when its actors are the speakers
        themselves ("Chile said it would ...", "Chile claimed it had ..."): what
        an actor says of its own acts is a statement about them, not a report."""
        clause = reported_clause(verb)
        if (
            clause.dep_ != "ccomp"
            or clause.head.lemma_ not in self.syntax.speech_verbs
            or clause.i < clause.head.i  # "X attacked Y, X's officials said": a report
        ):
            return None
        speakers = self.phrases.speakers(clause.head)
        return clause if actors and set(actors) <= set(speakers) else None


def _present(verb: Token) -> bool:
    """A verb in the present, or an auxiliary of it ("is meeting"), not the past
    ("was meeting", "had met")."""
    if verb.tag_ in ("VBD", "VBN") and not any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children
    ):
        return False
    return not any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def _recipients(giver: Token) -> list[Token]:
    """Whom a verb of giving gives to: its indirect object, or the first of two
    direct objects the parser makes of it when a phrase comes between ("It gives
    a minister, for the first time in modern history, the right to detain",
    politics/182.txt)."""
    found = list(children(giver, {"dative"}))
    objects = list(children(giver, {"dobj"}))
    if not found and len(objects) == 2:
        found.append(objects[0])
    return found


def _none_of(noun: Token) -> bool:
    """An event noun with "no": "Legal expert William Butler said there was no
    treaty between the US and Russia to recognise the other's legal rulings"
    (business/192.txt) says there is none."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _purpose_ahead(clause: Token) -> bool:
    """An infinitive of purpose on a verb in the present: "As European leaders
    gather in Rome on Friday to sign the new EU constitution" (business/183.txt)
    says what they mean to do, not what was done. On a verb in the past ("flew
    to Washington to meet Mr Bush") the text tells of a trip made."""
    head = clause.head
    return (
        clause.tag_ == "VB"
        and has_to(clause)
        and head.i != clause.i
        and head.pos_ in ("VERB", "AUX")
        and head.tag_ in ("VBZ", "VBP", "VBG")
        and _present(head)
    )
