"""Walking the dependency tree: the labels the event rules read, and the few walks
they share (a preposition's objects, a clause's own words, a chain of prepositional
phrases). Pure functions of spaCy tokens."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
ANY_SUBJECT_DEPS = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
OBJECT_DEPS = frozenset({"dobj", "obj"})
# Links along which a verb without a subject inherits one from the word it hangs on.
CONTROL_DEPS = frozenset(
    {"xcomp", "advcl", "acl", "pcomp", "conj", "prep", "pobj", "dobj"}
)
# What an object phrase's text leaves out: the clauses hung on it.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj"})
PREPOSITION_DEPS = ("prep", "agent", "dative")


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    deps = deps if isinstance(deps, (set, frozenset)) else set(deps)
    return [child for child in token.children if child.dep_ in deps]


def object_read_as_subject(verb: Token) -> Token | None:
    """A second subject the parser gives a verb after it, where one stands before
    it: its object (in "the company's administrator, turnaround expert Enrico
    Bondi, sued Morgan Stanley, its former banker, to return 136m euros",
    business/017.txt, "Morgan Stanley" is read as a subject). Not an inverted
    speaker ("…," said Mr Kennedy), who has no subject before the verb."""
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not any(s.i < verb.i for s in subjects):
        return None
    after = [s for s in subjects if s.i > verb.i]
    return after[0] if after else None


def relative_gap(verb: Token, relative_pronouns: frozenset[str]) -> Token | None:
    """The noun a relative clause hangs on, where it is the clause's missing object:
    "a target he says he has now met" (business/063.txt): what is met is the
    target. The verb has its own subject and no object, and so has every verb on
    the way up to the relative clause ("says"). Where the relative clause's
    subject is the relative pronoun or missing ("the firm that met the target"),
    the noun is that subject, not the object; where the clause opens with "where"
    or "when", or the verb takes a clause, the noun is none of its objects."""
    if any(c.dep_ in (*OBJECT_DEPS, "ccomp", "xcomp") for c in verb.children):
        return None  # "opposed extending it": the clause is what is opposed
    clause = verb
    while clause.dep_ in ("ccomp", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
        if any(c.dep_ in OBJECT_DEPS for c in clause.children):
            return None
    if clause.dep_ != "relcl" or clause.head.pos_ != "NOUN":
        return None
    if any(c.tag_ == "WRB" for c in clause.children):
        return None  # "the election, where George Bush opposed …": a setting

    def own_subject(token: Token) -> bool:
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        return bool(subjects) and not any(
            s.lower_ in relative_pronouns for s in subjects
        )

    # "a target he wants to meet": an infinitive's subject is its clause's
    if not own_subject(clause) or (verb.dep_ == "ccomp" and not own_subject(verb)):
        return None
    return clause.head


def has_to(verb: Token) -> bool:
    """A "to" infinitive: "urged Poland to send"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def prep_objects(token: Token | None, preposition: str) -> list[Token]:
    """The objects of ``token``'s preposition ``preposition`` ("in Kyiv" -> Kyiv)."""
    if token is None:
        return []
    return [
        pobj
        for prep in token.children
        if prep.dep_ in PREPOSITION_DEPS and prep.lower_ == preposition
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def is_reported(token: Token) -> bool:
    """Whether the token stands in a clause that is the complement of another verb."""
    while token.head.i != token.i:
        if token.dep_ == "ccomp":
            return True
        token = token.head
    return False


def clause_tokens(verb: Token) -> list[Token]:
    """The words of the verb's own clause: its subtree without the clauses joined to
    it ("... and promised aid") or hung on it as adverbials ("after crowds trashed
    its embassy")."""
    excluded: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("advcl", "conj", "cc"):
            excluded.update(t.i for t in child.subtree)
    return [t for t in verb.subtree if t.i not in excluded and not t.is_punct]


def reported_clause(verb: Token) -> Token:
    """The clause a verb heads, past the conjuncts it ends ("said it would attack
    and occupy": "occupy" reports through "attack")."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause


def walk_preps(
    holders: Iterable[Token],
    depth: int,
    *,
    accept: Callable[[Token], bool] = lambda prep: True,
    descend: Callable[[Token, Token], list[Token]] = lambda child, holder: [],
) -> Iterator[Token]:
    """The objects of prepositional phrases down from ``holders``, breadth first,
    ``depth`` levels deep: "sorrow for the shootings in South Carolina" gives
    "shootings", then "Carolina". ``accept`` chooses the prepositions followed (a
    phrase under a refused one is not walked); ``descend(child, holder)`` names other
    words to walk on from at the next level (the clauses that describe an attack).
    Every reading of "the actor or place a phrase is about" walks this way, so each
    stops at the nearest phrase that answers.
    """
    level = list(holders)
    for _ in range(depth):
        next_level: list[Token] = []
        for holder in level:
            for child in holder.children:
                if child.dep_ == "prep" and accept(child):
                    for pobj in children(child, {"pobj"}):
                        yield pobj
                        next_level.append(pobj)
                else:
                    next_level += descend(child, holder)
        level = next_level


def for_clauses(verb: Token) -> list[Token]:
    """The infinitive clauses a verb takes with "for" before their subject: "The
    Tories called for the UN to impose sanctions on Iran" (the parser makes "for"
    the clause's mark) or "The Lib Dems called for Commons leader Peter Hain to
    make a statement" (politics/376.txt; the parser hangs "for" on the verb, with
    nothing of its own)."""
    bare_for = any(
        c.dep_ == "prep" and c.lower_ == "for" and not list(c.children)
        for c in verb.children
    )
    return [
        clause
        for clause in verb.children
        if clause.dep_ in ("advcl", "ccomp", "xcomp")
        and has_to(clause)
        and (
            bare_for
            or any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
        )
    ]
