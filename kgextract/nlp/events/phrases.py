"""Noun phrases to the actors they denote: names, demonyms, "the government of X",
"Kyiv's security agency", pronouns.

Every event rule asks this one question ("whom does this phrase name?") through
:meth:`Phrases.actors_of`, so a name is read the same way as a subject, an object
or the object of a preposition. A phrase that names no one gives no actor: an
unattributable clause yields nothing rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kgextract.knowledge.resources import Resources
from kgextract.nlp.coreference import (
    inside_quote,
    is_expletive,
    passage_speakers,
    quoted_passage,
    reported_by,
)
from kgextract.nlp.entities import Resolution, singular
from kgextract.nlp.events.tree import (
    ANY_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    prep_objects,
)

ACTOR_TYPES = frozenset({"Country", "Organization", "Person", "Group"})


@dataclass
class ArticleMemory:
    """What pronouns need from the sentences read before: the person the last
    sentence was about, and who each sentence names. The engine updates it
    between sentences; no rule writes to it."""

    last_person: str | None = None
    last_person_sentence: int = -1
    sentence_index: dict[int, int] = field(default_factory=dict)  # start -> index
    people_in_sentence: dict[int, set[str]] = field(default_factory=dict)


def _opens_clause(conjunct: Token) -> bool:
    """ "However, this was rejected by the founding Agnelli family and Mr Morchio
    subsequently resigned" (business/189.txt): a name the parser joins to a phrase
    before it, right before a joined verb that has no subject of its own, is that
    verb's subject, not one more of the phrase."""
    doc = conjunct.doc
    after = conjunct.right_edge.i + 1
    while after < len(doc) and doc[after].dep_ == "advmod":
        after += 1
    if after >= len(doc):
        return False
    verb = doc[after]
    return (
        verb.pos_ == "VERB"
        and verb.dep_ == "conj"
        and verb.head.pos_ in ("VERB", "AUX")
        and not children(verb, ANY_SUBJECT_DEPS)
    )


def _under_title_preps(token: Token, subject: Token) -> bool:
    """Whether every preposition between ``token`` and ``subject`` is one a title
    takes ("director of …", "minister for …")."""
    head = token
    while head.i != subject.i and head.head.i != head.i:
        if head.dep_ == "prep" and head.lower_ not in ("of", "for"):
            return False
        head = head.head
    return head.i == subject.i


class Phrases:
    """Reads noun phrases of one Doc against the article's resolved entities."""

    def __init__(
        self,
        doc: Doc,
        resolution: Resolution,
        resources: Resources,
        memory: ArticleMemory,
    ) -> None:
        self.doc = doc
        self.res = resolution
        self.gazetteer = resources.gazetteer
        self.syntax = resources.syntax
        self.memory = memory

    # -- the question every rule asks ---------------------------------------------
    def actors_of(self, token: Token, *, allow_places: bool = False) -> list[str]:
        """The entities a noun phrase denotes, one per conjunct, in order."""
        found: list[str] = []
        name = self.name_tokens(token)
        heads = [
            *name,
            *[
                c
                for t in name
                for c in t.conjuncts
                if c.i > token.i and not _opens_clause(c)
            ],
        ]
        heads = list({h.i: h for h in heads}.values())
        heads += [c for a in self._listed_appositions(token) for c in [a, *a.conjuncts]]
        for head in heads:
            for key in self._actor_of_head(head, allow_places=allow_places):
                if key not in found:
                    found.append(key)
        return found

    def first_actors(
        self, tokens: tuple[Token, ...], *, allow_places: bool = True
    ) -> list[str]:
        """The actors of the first words in ``tokens`` that denote any."""
        for token in tokens:
            found = self.actors_of(token, allow_places=allow_places)
            if found:
                return found
        return []

    def name_tokens(self, token: Token) -> list[Token]:
        """The token and the rest of the name it starts. "Barack Obama and Vladimir
        Putin will meet": the parser may hang the subject on "Barack" (read as a
        preposition) and the conjunct on "Obama"; both words are one name."""
        tokens = [token]
        if token.ent_iob_ != "B":
            return tokens
        doc = token.doc
        key = self.res.key_at(token.i)
        for i in range(token.i + 1, min(token.i + 5, len(doc))):
            if doc[i].ent_iob_ != "I" or doc[i].head.i not in (token.i, i - 1):
                break
            key = key or self.res.key_at(i)
            if self.res.key_at(i) not in (None, key):
                break
            tokens.append(doc[i])
        return tokens

    def _listed_appositions(self, token: Token) -> list[Token]:
        """ "The US, Russia, and Switzerland met": the parser often reads the second
        name of a list as an apposition of the first. It is a list, not a second name
        for the first, when both are states or organisations and the "apposition"
        goes on with "and" ("Chile, the African Union and Peru")."""
        key = self.res.key_at(token.i)
        if key is None or self.res.type_of(key) not in ("Country", "Organization"):
            return []
        listed = []
        for appos in children(token, {"appos"}):
            other = self.res.key_at(appos.i)
            if (
                other is not None
                and other != key
                and self.res.type_of(other) in ("Country", "Organization")
                and (
                    appos.conjuncts
                    or (children(token, {"cc"}) and children(token, {"conj"}))
                )
            ):
                listed.append(appos)
        return listed

    def _person_set_off(self, subject: Token) -> list[str]:
        """ "director of the Victims of Crime Trust, Norman Brennan, accused Lord
        Woolf" (politics/231.txt): the parser hangs the name set off by commas on
        the last word of the "of" phrase, but it names the subject, the director;
        so with "deputy minister for women Jacqui Smith", "minister for Europe
        Denis MacShane": a name glued to the title's "for" phrase."""
        if subject.dep_ not in ("nsubj", "nsubjpass") or not children(
            subject, {"prep"}
        ):
            return []
        doc, end = subject.doc, subject.right_edge.i
        while end > subject.i and doc[end].is_punct:
            end -= 1
        key = self.res.key_at(end)
        if key is None or self.res.type_of(key) != "Person":
            return []
        start = end
        while start > subject.i and self.res.key_at(start - 1) == key:
            start -= 1
        before = doc[start - 1]
        glued = (  # "deputy minister for women Jacqui Smith" (politics/340.txt)
            before.pos_ in ("NOUN", "PROPN")
            and before.dep_ == "compound"
            and before.head.i == end
            and doc[end].dep_ == "pobj"
            and doc[end].head.head.i == subject.i
        )
        if not _under_title_preps(doc[end], subject):
            # "a huntsman from Ledbury, Herefordshire," (politics/066.txt):
            # a county after the town one comes from, which the model may take
            # for a name, is still the place; a title's phrase is "of" or "for"
            return []
        return [key] if before.text == "," or glued else []

    def broken_list(self, subject: Token, verb: Token) -> list[str]:
        """ "Chile, Peru and the ever cautious Bolivia welcomed": adjectives and
        articles inside a list of states lead the parser astray (a state becomes a
        modifier of the next one, an adjective a conjunct, the list an apposition).
        When the words before the verb are such a list, read it by its commas and
        "and"s: each part is an optional article, lowercase words and one state or
        organisation at its end, or lowercase words naming none ("the lions"). Any
        other word (a preposition, a possessive, a capitalised word no name owns)
        and it is not a plain list: the parse stands."""
        start = subject.left_edge.i
        if subject.i > verb.i or start == subject.i:
            return []
        res = self.res
        parts: list[list[Token]] = [[]]
        for token in self.doc[start : verb.i]:
            if token.text == "," or token.lower_ in ("and", "or"):
                if parts[-1]:
                    parts.append([])
                continue
            parts[-1].append(token)
        if len(parts) < 2 or not parts[-1]:
            return []
        listed: list[str] = []
        for part in parts:
            keys = [res.key_at(t.i) for t in part]
            named = {key for key in keys if key is not None}
            if len(named) > 1:
                return []
            if named:
                (key,) = named
                if res.type_of(key) not in ("Country", "Organization") or (
                    keys[-1] != key
                ):
                    return []  # "Chile officials": the officials act
            for token, key in zip(part, keys, strict=True):
                if key is not None:
                    continue
                if not token.is_alpha or token.pos_ not in (
                    "DET",
                    "ADJ",
                    "NOUN",
                    "PROPN",
                ):
                    return []
                if token.is_title and not token.is_sent_start:
                    return []  # a name we do not know
            if named:
                listed.append(key)
        return listed

    def _actor_of_head(self, token: Token, *, allow_places: bool) -> list[str]:
        syntax, res = self.syntax, self.res
        # "NATO members from the Baltic region, including Lithuania and Estonia"
        for specific in sorted(syntax.specifying_words):
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lemma_ == specific:
                    objects = children(prep, {"pobj"})
                    if objects:
                        named = self.actors_of(objects[0])
                        if named:
                            return named
        key = res.key_at(token.i)
        if key is not None:
            if res.type_of(key) in ACTOR_TYPES or allow_places:
                return [key, *res.also.get(token.i, ())]
            return []
        if token.ent_type_ in ("DATE", "TIME"):
            # "met with Syrian President Bashar Assad Tuesday": the parser makes the
            # date the head and the name its compound.
            for child in reversed(children(token, {"compound"})):
                if res.key_at(child.i) is not None:
                    return self._actor_of_head(child, allow_places=allow_places)
            return []
        lower = token.lower_
        if lower in syntax.relative_pronouns and token.head.dep_ == "relcl":
            return self.actors_of(token.head.head, allow_places=allow_places)
        if lower in syntax.personal_pronouns:
            return self.antecedent(token)
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        lemma = token.lemma_.lower()
        if lemma in syntax.quantity_nouns or token.ent_type_ == "CARDINAL":
            # "Hundreds of UN troops withdrew": the troops
            for pobj in prep_objects(token, "of"):
                return self.actors_of(pobj, allow_places=allow_places)
            return []
        if token.dep_ == "pobj" and token.i in res.demonyms:
            # "moved from the Lebanese to the Syrian side": the demonym
            # stands for its side, the state's
            return [res.demonyms[token.i]]
        if lemma in syntax.document_nouns:
            return self._document_author(token)
        compound_lemma = " ".join(
            [c.lemma_.lower() for c in token.lefts if c.dep_ == "compound"] + [lemma]
        )
        is_actor_noun = (
            lemma in syntax.actor_nouns
            or compound_lemma in syntax.actor_nouns
            # "the Chilean Congresses": a capitalised plural keeps its ending
            or (token.pos_ == "PROPN" and singular(lemma) in syntax.actor_nouns)
        )
        spoken_for = self._spoken_for(token, lemma)
        if spoken_for:
            return spoken_for
        if not is_actor_noun:
            # "drug-testing expert Michelle Verroken", "the drugs firm Phytopharm":
            # a description with the name beside it is the named one
            named = [
                key
                for appos in children(token, {"appos"})
                if (key := res.key_at(appos.i)) and res.type_of(key) in ACTOR_TYPES
            ][:1]
            return named or self._person_set_off(token)
        # "Kyiv's security agency, the SBU": a named apposition says exactly who.
        # Not a state named after another state's agent ("Chile's minister Peru"
        # is a name the dictionary gives a state): the possessor says whose.
        owned = any(
            c.dep_ == "poss" or (c.dep_ == "amod" and c.i in res.demonyms)
            for c in token.children
        )
        for appos in children(token, {"appos"}):
            key = res.key_at(appos.i)
            if key and res.type_of(key) in ACTOR_TYPES:
                if owned and res.type_of(key) == "Country":
                    continue
                return [key]
        if lemma == "state" and any(
            res.type_of(res.key_at(named.i) or "") == "Place"
            for named in [*children(token, {"appos"}), *prep_objects(token, "of")]
        ):
            # "the US state of Maine" (tech/063.txt) suing someone: a state of a
            # federation is that state, which acts for no country; "the state of
            # Israel" is a country, which does
            return []
        named = self._person_set_off(token)
        if named:
            return named
        is_group = lemma in syntax.group_nouns
        owner = None
        more: list[str] = []
        for child in token.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "nmod") and not is_group
            ):
                owner = owner or self.owner(child)
                more = more or self._conjoined_modifiers(child)
            elif child.dep_ == "amod" and child.i in res.demonyms and not is_group:
                owner = owner or res.demonyms[child.i]
                more = more or self._conjoined_modifiers(child)
            elif child.dep_ == "amod" and res.key_at(child.i) and not is_group:
                # "Iraq cleric": a name the parser reads as an adjective
                owner = owner or self.owner(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for pobj in children(child, {"pobj"}):
                    owner = owner or self.owner(pobj) or self.place_state(pobj)
                    more = more or self._conjoined_owners(pobj)
            elif (
                child.dep_ == "prep" and child.lower_ in ("in", "from") and not is_group
            ):
                # "police in Iraq", "officials in Kyiv", "soldiers from Chile": the
                # state they serve
                for pobj in children(child, {"pobj"}):
                    owner = owner or self.place_state(pobj)
                    if owner is None and child.lower_ == "from":
                        # "ministers from the Georgian government"
                        owner = next(iter(self.actors_of(pobj)), None)
                    more = more or self._conjoined_owners(pobj)
        if owner is None and more:
            owner, more = more[0], more[1:]
        if owner is None:
            return []
        if more:
            # "lawmakers in Chile and Peru": the lawmakers of each
            return list(dict.fromkeys([owner, *more]))
        if lemma in syntax.leader_nouns and res.type_of(owner) == "Country":
            person = self._leader_of(owner)
            if person:
                return [person]
        return [owner]

    def _spoken_for(self, token: Token, lemma: str) -> list[str]:
        """ "A spokesman for UKIP called on Mr Hockney to quit the London Assembly"
        (politics/288.txt), "a lawyer for Mr Ebbers": the one spoken for acts. A
        name beside the noun is the speaker, and a word that says whose the
        speaker is makes the "for" phrase a portfolio ("the Conservative
        spokesman for the Cabinet Office", politics/242.txt)."""
        if lemma not in self.syntax.speaking_for_nouns or any(
            c.dep_ in ("poss", "compound", "nmod", "amod", "appos")
            for c in token.children
        ):
            return []
        for pobj in prep_objects(token, "for"):
            return self.actors_of(pobj)
        return []

    def _document_author(self, token: Token) -> list[str]:
        """ "A UN report alleged", "a report by Amnesty said", "a report released in
        the Rwandan capital alleged": a document speaks for whoever wrote it, or
        else for the state where it was released."""
        for child in token.children:
            if child.dep_ in ("poss", "compound") or (
                child.dep_ == "amod" and child.i in self.res.demonyms
            ):
                # "His film was critical of Bush": the author, not their state
                owner = self.owner(child, as_state=False)
                if owner:
                    return [owner]
        for holder in [token, *children(token, {"acl"})]:
            for agent in [*prep_objects(holder, "by"), *prep_objects(holder, "from")]:
                found = self.actors_of(agent)
                if found:
                    return found
        for released in children(token, {"acl"}):
            for pobj in prep_objects(released, "in"):
                for key in self.place_keys(pobj):
                    state = self.state_of_place(key)
                    entry = self.gazetteer.entry(state) if state else None
                    if entry is not None:
                        return [self.res.include(entry)]
        return []

    def _conjoined_owners(self, pobj: Token) -> list[str]:
        """The states of the places conjoined with ``pobj`` ("in Chile and Peru")."""
        return [
            state
            for conjunct in pobj.conjuncts
            if (state := self.place_state(conjunct) or self.owner(conjunct))
        ]

    def _conjoined_modifiers(self, modifier: Token) -> list[str]:
        """ "French and German leaders": the states of the nationalities or names
        conjoined with an agent noun's modifier; each has its own leaders."""
        return [
            state
            for conjunct in modifier.conjuncts
            if (state := self.res.demonyms.get(conjunct.i) or self.owner(conjunct))
        ]

    # -- places and owners --------------------------------------------------------
    def place_state(self, token: Token, depth: int = 2) -> str | None:
        """The state of a named place or country ("Iraq", "Kyiv", "the city of
        Nablus"): whose officials an office "of"/"in" it are."""
        key = self.res.key_at(token.i)
        if key is not None:
            kind = self.res.type_of(key)
            state = self.state_of_place(key) if kind in ("Country", "Place") else None
            entry = self.gazetteer.entry(state) if state else None
            if entry is None or entry.type != "Country":
                return None
            return self.res.include(entry)
        if depth > 0:
            for pobj in prep_objects(token, "of"):
                return self.place_state(pobj, depth - 1)
        return None

    def owner(self, token: Token, *, as_state: bool = True) -> str | None:
        """The state or organisation a modifier names; a person's state if known
        (or the person, with ``as_state=False``, so the event says through whom)."""
        key = self.res.key_at(token.i) or self.res.demonyms.get(token.i)
        if key is None:
            if token.lower_ in self.syntax.personal_pronouns:
                antecedents = self.antecedent(token)
                key = antecedents[0] if antecedents else None
            if key is None:
                return None
        if self.res.type_of(key) == "Person":
            # "Blair's government": the state he holds office in; "Howard's
            # spokesman": Howard himself, who holds none
            return (self.res.acts_for(key) or key) if as_state else key
        return key if self.res.type_of(key) in ACTOR_TYPES else None

    def possessors(self, token: Token, *, as_state: bool = True) -> list[str]:
        """ "shelled a part of Syria's capital": whose the phrase's head is (a
        person's state, or with ``as_state=False`` the person, as :meth:`owner`)."""
        return [
            key
            for poss in children(token, {"poss"})
            if (key := self.owner(poss, as_state=as_state)) is not None
        ]

    def place_keys(self, token: Token) -> list[str]:
        """A named place or state, or one given by a demonym ("the Egyptian
        capital")."""
        found = self.actors_of(token, allow_places=True)
        if not found:
            found = [
                self.res.demonyms[child.i]
                for child in token.children
                if child.dep_ == "amod" and child.i in self.res.demonyms
            ]
        return found

    def state_of_place(self, key: str) -> str | None:
        kind = self.res.type_of(key)
        if kind == "Country":
            return key
        if kind == "Place":
            entry = self.gazetteer.entry(key)
            return entry.country if entry is not None else None
        return None

    def sovereign(self, state: str) -> str | None:
        """The state a dependent territory belongs to (Hong Kong: China)."""
        entry = self.gazetteer.entry(state)
        return entry.country if entry is not None and entry.type == "Country" else None

    def foreign_place(self, token: Token, actors: list[str]) -> list[str]:
        """The place ``token`` names, if it is in a state other than the actors':
        a place in the actor's own state says nothing about a target."""
        own = {self.res.state_of(a) for a in actors}
        for key in self.place_keys(token):
            if self.state_of_place(key) not in own | {None}:
                return [key]
        return []

    # -- pronouns and people ------------------------------------------------------
    def _leader_of(self, country: str) -> str | None:
        """ "The Ukrainian leader": the person the article last named for that state."""
        last = self.memory.last_person
        if last and self.res.acts_for(last) == country:
            return last
        for mention in reversed(self.res.mentions):
            if self.res.type_of(mention.entity) == "Person" and (
                self.res.acts_for(mention.entity) == country
            ):
                return mention.entity
        return None

    def antecedent(self, pronoun: Token) -> list[str]:
        """Resolve a pronoun conservatively; no antecedent means no actor."""
        syntax = self.syntax
        kind = syntax.personal_pronouns.get(pronoun.lower_)
        if kind == "speaker":
            quoted = self._inside_quote(pronoun) or quoted_passage(pronoun)
            return self._speaker(pronoun) if quoted else []
        if is_expletive(pronoun):
            # "told … it was not fair to blame the public" (politics/323.txt): the
            # "it" stands for the infinitive, and names no one who blames
            return []
        # "X said they would ...": the pronoun in a reported clause is the speaker.
        clause = pronoun.head
        while clause.dep_ != "ccomp" and clause.head.i != clause.i:
            if clause.dep_ in ("xcomp", "conj", "aux", "advcl"):
                clause = clause.head
            else:
                break
        if clause.dep_ == "ccomp" and clause.head.lemma_ in syntax.speech_verbs:
            for subject in children(clause.head, SUBJECT_DEPS):
                if (
                    subject.lower_ in syntax.personal_pronouns
                    and subject.pos_ == "PRON"
                ):
                    continue  # not "the US"
                actors = self.actors_of(subject)
                if actors and not self.stance_holders(actors):
                    # "The Sunday Times and The Sunday Telegraph say they will oppose
                    # any formal takeover bid" (business/179.txt): papers reporting
                    # what others will do; "they" are those others
                    return []
                is_plural = len(actors) > 1 or subject.tag_ in ("NNS", "NNPS")
                is_collective = bool(actors) and all(
                    self.res.type_of(a) in ("Country", "Organization") for a in actors
                )
                if kind == "plural" and not (is_plural or is_collective):
                    return []  # "they" is not the one person who spoke
                # "The US claimed that they had attacked Iraq": a state or body is
                # many people, and news calls it "they".
                return actors
        if kind == "sing":
            return self._person_antecedent(pronoun)
        return []

    def _person_antecedent(self, pronoun: Token) -> list[str]:
        """ "he"/"she": a person subject earlier in the sentence, else the one person
        the previous sentence was about. Two people there make it ambiguous: none."""
        reported = reported_by(pronoun)
        for token in reversed(pronoun.sent[: pronoun.i - pronoun.sent.start]):
            if token.dep_ in ANY_SUBJECT_DEPS and token.i not in reported:
                key = self.res.key_at(token.i)
                if key and self.res.type_of(key) == "Person":
                    return [key]
        memory = self.memory
        current = memory.sentence_index.get(pronoun.sent.start, -1)
        if memory.last_person and memory.last_person_sentence == current - 1:
            others = memory.people_in_sentence.get(current - 1, set())
            if others <= {memory.last_person}:
                return [memory.last_person]
        return []

    def _inside_quote(self, token: Token) -> bool:
        return inside_quote(token, token.sent.start, self.syntax.quote_marks)

    def _speaker(self, token: Token) -> list[str]:
        """Who says "we" or "I": the subject of the sentence's speech verb, or of
        the one that opens or closes the quotation it runs on in ('Michael Howard
        said: "This is a scandal. We condemn Tony Blair."')."""
        root = token.sent.root
        if root.lemma_ in self.syntax.speech_verbs:
            for subject in children(root, SUBJECT_DEPS):
                if subject.lower_ not in self.syntax.personal_pronouns:
                    return self.actors_of(subject)
        for subject in passage_speakers(token, self.syntax.speech_verbs):
            if self.syntax.personal_pronouns.get(subject.lower_) != "speaker":
                return self.actors_of(subject)
        return []

    def quotation_speakers(self, token: Token) -> list[str]:
        """Who speaks the quoted words ``token`` stands in, named outside them in
        its sentence or where the quotation opens or closes; none when it stands
        in no quotation."""
        if not (self._inside_quote(token) or quoted_passage(token)):
            return []
        return self._speaker(token)

    def speakers(self, speech: Token) -> list[str]:
        """The actors of a speech verb's subjects."""
        return self.stance_holders(
            [
                key
                for subject in children(speech, SUBJECT_DEPS)
                for key in self.actors_of(subject)
            ]
        )

    def stance_holders(self, keys: list[str]) -> list[str]:
        """Speakers who can hold a stance: not a news outlet passing on a report
        (tech/132.txt: "Prosecutors said Jaynes was 'a snake oil salesman …', news
        agency Associated Press reported"): what it reports is someone else's."""
        return [
            key
            for key in keys
            if (entry := self.gazetteer.entry(key)) is None or not entry.is_publisher
        ]
