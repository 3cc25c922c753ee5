"""Coreference within one article, by rule: pronouns and definite descriptions become
mentions of the entity they stand for.

News names someone once and then says "he", "the prime minister" or "the firm". An
event whose actor is such a word was refused; read as its antecedent, it is found.
Every reading is conservative (an ambiguous word stays unresolved: a wrong actor is
worse than a missing one) and recorded: the word becomes a mention labelled
``COREF`` in the graph, so a reader sees which words were read as whom.

- **he/she/him/her/his**: the one compatible person (by honorific gender) named
  before it in its sentence, else in the nearest earlier sentence that names any;
  with several there, the subject of that sentence.
- **it/its**: the one organisation or state named before it likewise; an
  expletive "it" ("it is expected that") is none.
- **the firm, the club, the bank** (``description_nouns``): the nearest earlier
  organisation of the article that is not the sentence's own subject.
- **the prime minister, the chancellor, the foreign secretary**
  (``office_descriptions``): the person of the article holding that office on the
  article's date (a title in the text, or the gazetteer's dated roles); else the
  one holder of it on that date among the states the article is about.
- **the government**: the state the article is about, when one clearly dominates.
- **FA, SEC**: an all-capital word spelling the initials of one organisation
  named before it ("the Football Association … the FA").
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from kgextract.knowledge.gazetteer import Gazetteer
from kgextract.knowledge.lexicon import Syntax
from kgextract.model import Mention
from kgextract.nlp.entities import Resolution, is_acronym

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
THING_PRONOUNS = frozenset({"it", "its"})
BODY_TYPES = frozenset({"Organization", "Country"})
LOOKBACK = 2  # earlier sentences searched for an antecedent
# modifiers that name another than the one a description stands for; an
# adjective may be a mere quality ("the ailing company")
NAMING_DEPS = frozenset({"compound", "poss", "nmod"})
MODIFIER_DEPS = NAMING_DEPS | {"amod"}
_NOUNS = [NOUN, PROPN]


class _Article:
    def __init__(
        self,
        doc: Doc,
        resolution: Resolution,
        gazetteer: Gazetteer,
        syntax: Syntax,
        sentences: list[Span],
        date: str | None,
    ) -> None:
        self.doc = doc
        self.res = resolution
        self.gazetteer = gazetteer
        self.syntax = syntax
        self.sentences = sentences
        self.date = date[:10] if date else None
        self.sentence_of = {
            i: k for k, s in enumerate(sentences) for i in range(s.start, s.end)
        }
        self.genders = self._genders()
        self.home = self._home_state()
        # nouns of a person with an office or a role ("the president")
        self.person_nouns = frozenset(
            title.split()[-1] for title in syntax.titles
        ) | frozenset(noun for noun in syntax.actor_nouns if " " not in noun)

    # -- what the article knows -----------------------------------------------------
    def _genders(self) -> dict[str, str]:
        """Person -> "m"/"f" from an honorific before any mention ("Mrs Howard")."""
        genders: dict[str, str] = {}
        for index, key in self.res.token_keys.items():
            if self.res.type_of(key) != "Person" or index == 0:
                continue
            before = self.doc[index - 1].lower_.rstrip(".")
            if before in self.syntax.female_honorifics:
                genders.setdefault(key, "f")
            elif before in self.syntax.male_honorifics:
                genders.setdefault(key, "m")
        return genders

    def _home_state(self) -> str | None:
        """The state the article is about: named (or its people named) at least
        twice as often as any other."""
        counts: Counter = Counter()
        for mention in self.res.mentions:
            key = mention.entity
            if self.res.type_of(key) == "Country":
                counts[key] += 1
            elif self.res.type_of(key) == "Person" and key in self.res.countries:
                state = self.res.countries[key]
                if self.res.type_of(state) == "Country":
                    counts[state] += 1
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def _mentions_in(self, index: int, before: int | None = None) -> list[tuple]:
        """(token, key) of the named entities of sentence ``index``, in order,
        those before token ``before`` only, and of those not a name that only
        describes a common noun ("The German giant said it was studying the
        possibility", business/377.txt: "it" is the giant, not Germany)."""
        sent = self.sentences[index]
        end = sent.end if before is None else min(sent.end, before)
        doc, keys = self.doc, self.res.token_keys
        found = [
            (doc[i], key)
            for i in range(sent.start, end)
            if (key := keys.get(i)) is not None
        ]
        if before is None:
            return found
        nouns = self.syntax.actor_nouns
        return [(t, key) for t, key in found if not _describes_a_noun(t, keys, nouns)]

    # -- the readings ---------------------------------------------------------------
    def antecedent(self, token: Token) -> str | None:
        if is_acronym(token.text):
            # "the Football Association … the FA", a word the model left untagged
            return self.res.spelled_out(token.text, token.idx)
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            gender = PERSON_PRONOUNS[lower]
            partner = self._conjoined_owner(token, gender)
            if partner is not None:
                return partner
            speaker = self._quoting_speaker(token)
            if speaker is not None:
                # "'… because he was a Jewish journalist, yes, he should
                # apologise,' he said" (politics/052.txt): the one quoted says
                # "I"; a "he" in his words is someone else
                return self._nearest(
                    token,
                    lambda key: self._is_person(key, gender) and key != speaker,
                )
            first = self._first_pronoun(token, gender)
            if first is not None:
                # "While saying he admired Mr Blair's … leadership, he bitterly
                # criticised the Conservatives" (politics/307.txt): the second "he"
                # is the first one's, not the name between them
                return self.antecedent(first)
            subject = _main_subject(token)
            if (
                subject is not None
                and subject.i > token.i
                and _is_fronted(token)
                and subject.lower_ not in PERSON_PRONOUNS
            ):
                # "During his response to Gordon Brown's Budget statement on
                # Tuesday, Michael Howard compared …" (politics/403.txt): a pronoun
                # in a phrase set before the clause is its subject's, when that is
                # a person named ("Pressed on whether he would draw attention to
                # Mr Howard's Jewish beliefs …, he replied", politics/316.txt: a
                # subject "he" is the one before, as the first "he" is)
                key = self.res.token_keys.get(subject.i)
                fits = key is not None and self._is_person(key, gender)
                return key if fits else None
            keys = self.res.token_keys
            if (
                subject is not None
                and subject.i < token.i
                and subject.i not in keys
                and subject.lemma_.lower() in self.person_nouns
                and any(
                    self.res.type_of(keys.get(i, "")) == "Person"
                    for i in range(subject.i + 1, token.i)
                )
            ):
                # "the Pakistani president met Prime Minister Tony Blair …, on his
                # first official visit to London": "his" may be the subject's, a
                # person the text does not name here; not the name between them
                # ("The minister also confirmed she received …" has none: the
                # one named before, as for any pronoun)
                return None
            return self._nearest(token, lambda key: self._is_person(key, gender))
        if lower in THING_PRONOUNS and not is_expletive(token):
            earlier = self._subject_it_before(token)
            if earlier is not None:
                if earlier.lower_ != "it":
                    # "But an all-party committee said it was 'not confident' many
                    # would be ready. It blamed the Department for Constitutional
                    # Affairs" (politics/233.txt): the committee, whoever the
                    # description names ("the company": the firm), not Whitehall
                    return self._described(earlier) if _is_definite(earlier) else None
                return self.antecedent(earlier)
            speaker = self._described_speaker(token)
            if speaker is not None:
                return speaker
            return self._nearest(token, lambda key: self.res.type_of(key) in BODY_TYPES)
        if (
            token.dep_ == "compound"
            and token.lemma_.lower() == "government"
            and token.head.pos_ == "NOUN"
            and not _modified(token)
        ):
            # "The Tories are to back controversial government plans to introduce
            # ID cards" (politics/081.txt), "government ministers": the article's
            # state's government, as "the government" is
            return self.home
        if token.pos_ not in ("NOUN", "PROPN") or not _is_definite(token):
            return None
        return self._described(token)

    def _described_speaker(self, token: Token) -> str | None:
        """The organisation a description names when it says what "it" does:
        "The company recently warned it could go under if it did not secure a
        refinancing deal" (business/341.txt): "it" is the company speaking, as it
        is a speaker named ("Marsh said it had signed a letter of intent")."""
        clause = token.head
        for _ in range(4):
            if clause.dep_ == "ccomp" or clause.head.i == clause.i:
                break
            clause = clause.head
        if clause.dep_ != "ccomp":
            return None
        verb = clause.head
        if verb.lemma_.lower() not in self.syntax.speech_verbs:
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or subjects[0].i in self.res.token_keys:
            return None
        subject = subjects[0]
        if subject.pos_ != "NOUN" or not _is_definite(subject):
            return None
        key = self._described(subject)
        return key if key is not None and self.res.type_of(key) in BODY_TYPES else None

    def _subject_it_before(self, token: Token) -> Token | None:
        """The "it" (or the noun naming no one) that was the subject of the
        sentence before, when this "it" opens its own sentence as subject with no
        name before it: the text goes on about the same one. "But it is now
        targeting the operators of BitTorrent networks themselves. It has filed 100
        lawsuits against operators of BitTorrent server sites" (tech/038.txt): both
        are the MPAA, not the name between them."""
        current = self.sentence_of.get(token.i)
        if (
            current is None
            or current == 0
            or token.dep_ not in ("nsubj", "nsubjpass")
            or token != _main_subject(token)
            or self._mentions_in(current, token.i)
        ):
            return None
        before = self.sentences[current - 1]
        subject = _main_subject(before.root)
        if subject is None or subject.i in self.res.token_keys:
            return None
        if subject.lower_ == "it":
            return None if is_expletive(subject) else subject
        keys = self.res.token_keys
        if (
            subject.tag_ in ("NN", "NNP")
            and not _names_inside(subject, keys)
            and not any(c.i in keys for c in subject.head.children)
        ):
            # (and no name beside it as subject: "But the government department
            # … suffered from …, said the Constitutional Affairs Select
            # Committee" gives "said" two subjects, the speaker named)
            # a thing or body the text names by a noun alone
            return subject
        return None

    def _conjoined_owner(self, token: Token, gender: str) -> str | None:
        """ "The Tories have already accused the prime minister and his chancellor
        of behaving like 'schoolboys'" (politics/225.txt): in "A and his B" the
        "his" is A's, when A is a person it fits."""
        if token.dep_ != "poss" or token.head.dep_ != "conj":
            return None
        key = self.res.token_keys.get(token.head.head.i)
        return key if key is not None and self._is_person(key, gender) else None

    def _quoted(self, token: Token) -> bool:
        sent = self.sentences[self.sentence_of[token.i]]
        return inside_quote(token, sent.start, self.syntax.quote_marks)

    def _quoting_speaker(self, token: Token) -> str | None:
        """Who speaks the quotation a pronoun stands in, when its sentence says so
        outside the quotation marks ("…,' he said", "Mr Blair said: '…'")."""
        if token.i not in self.sentence_of:
            return None
        root = self.sentences[self.sentence_of[token.i]].root
        if (
            self._quoted(token)
            and root.lemma_.lower() in self.syntax.speech_verbs
            and not self._quoted(root)
        ):
            for subject in root.children:
                if subject.dep_ == "nsubj" and not self._quoted(subject):
                    return self._speaker_key(subject)
            return None
        # a quotation that began in a sentence before, or ends in one after
        speakers = passage_speakers(token, self.syntax.speech_verbs)
        return self._speaker_key(speakers[0]) if speakers else None

    def _speaker_key(self, subject: Token) -> str | None:
        key = self.res.token_keys.get(subject.i)
        if key is None and subject.lower_ in PERSON_PRONOUNS:
            key = self.antecedent(subject)
        return key

    def _first_pronoun(self, token: Token, gender: str) -> Token | None:
        """The sentence's first "he" or "she" of this gender before ``token``, on
        the same side of any quotation marks."""
        sent = (
            self.sentences[self.sentence_of[token.i]]
            if token.i in self.sentence_of
            else None
        )
        if sent is None:
            return None
        quoted = self._quoted(token)
        for other in self.doc[sent.start : token.i]:
            if (
                PERSON_PRONOUNS.get(other.lower_) == gender
                and other.lower_ in ("he", "she")
                and self._quoted(other) == quoted  # one voice, not the quoted one's
            ):
                return other
        return None

    def _is_person(self, key: str, gender: str) -> bool:
        return (
            self.res.type_of(key) == "Person"
            and self.genders.get(key, gender) == gender
        )

    def _nearest(self, token: Token, fits) -> str | None:
        """The one fitting entity before ``token`` in its sentence, else in the
        nearest earlier sentence naming any (its subject when it names several)."""
        current = self.sentence_of.get(token.i)
        if current is None:
            return None
        reported = reported_by(token)
        local = {self.res.token_keys.get(i) for i in clause_subjects(token)}
        here = {
            key
            for t, key in self._mentions_in(current, token.i)
            if fits(key)
            and t.i not in reported
            and key not in local
            and not (self._is_publisher(key) and self._told(t))
        }
        if len(here) == 1:
            return here.pop()
        if here:
            return None
        quoted = self._quoted(token) or quoted_passage(token) is not None
        for index in range(current - 1, max(current - 1 - LOOKBACK, -1), -1):
            fitting = [(t, key) for t, key in self._mentions_in(index) if fits(key)]
            found = [(t, key) for t, key in fitting if not self._in_a_title(t)]
            if fitting and not found:
                return None  # the sentence is about the person so titled
            if not found:
                continue
            if not quoted:
                # a name in someone's quoted words is not what the narrative's
                # pronoun goes on about: 'he wrote: "It is in the country's best
                # interest that Tony Blair rather than Michael Howard should form
                # the next government." While saying he admired Mr Blair's
                # leadership, he bitterly criticised the Conservatives'
                # (politics/307.txt: "he" is the writer)
                found = [
                    (t, key)
                    for t, key in found
                    if not self._quoted(t) and quoted_passage(t) is None
                ]
                if not found:
                    return None
            keys = {key for _, key in found}
            if len(keys) == 1:
                return keys.pop()
            main = _main_subject(self.sentences[index].root)
            if main is not None and self.res.token_keys.get(main.i) in keys:
                # "Mr Blair, who was instrumental in returning Mr Livingstone to
                # the Labour Party, insisted … it was time for the London mayor to
                # say sorry. '…,' he said" (politics/186.txt): the main clause's
                # subject, not a subject of a clause below it
                return self.res.token_keys[main.i]
            subjects = {key for t, key in found if t.dep_ in ("nsubj", "nsubjpass")}
            return subjects.pop() if len(subjects) == 1 else None
        return None

    def _in_a_title(self, token: Token) -> bool:
        """A name in a person's title ("Tory" of "Tory leader Michael Howard"):
        it says whose the person is, and is not what a later "it" goes on
        about ("He branded it a dodgy budget", politics/362.txt)."""
        own, word = self.res.token_keys.get(token.i), token
        while word.dep_ == "compound" and word.head.i != word.i:
            word = word.head
            head = self.res.token_keys.get(word.i)
            if head is not None and head != own:
                return self.res.type_of(head) == "Person"
        return False

    def _described(self, token: Token) -> str | None:
        if token.tag_ in ("NNS", "NNPS"):
            # "In letters sent to the two companies, the Commission alleged the
            # firms were abusing …" (business/113.txt): a plural names several,
            # never the one organisation a singular would
            return None
        if self._named_beside(token):
            # "The shadow foreign secretary, Michael Ancram, welcomed …": the
            # name says who it is (politics/062.txt)
            return None
        if any(
            t.lower_ in self.syntax.not_office_words
            for left in token.lefts
            for t in left.subtree
        ):
            # no holder of a state's office is a shadow one: the one the article
            # gave that title, if any
            return self._titled_before(token)
        if self._of_a_name(token):
            # "the chairman of the Commission for Racial Equality (CRE) also
            # called for ethnic minority shortlists" (politics/318.txt): the
            # chair of a body named, not the party chairman the article knows
            return None
        words = " ".join(
            [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod")]
            + [token.lower_]
        )
        lemma = token.lemma_.lower()
        offices = self.syntax.office_descriptions
        if words in offices:
            return self._office_holder(words, token)
        if lemma in offices and not _modified(token):
            return self._office_holder(lemma, token)
        if token.pos_ != "NOUN":
            return None
        if lemma in self.syntax.leader_nouns:
            leader = self._leader_of_named(token, lemma)
            if leader is not None:
                return leader
        if lemma == "government":
            return None if _modified(token) else self.home
        if lemma in self.syntax.description_nouns and not self._named_by(token):
            return self._topic_organization(token)
        return self._titled_before(token)

    def _titled_before(self, token: Token) -> str | None:
        """ "Shadow chancellor Oliver Letwin … the shadow chancellor", "Tory
        co-chairman Liam Fox … The Tory co-chairman attacked Labour's six new
        pledges as 'vacuous'" (politics/007.txt): the one person named before with
        the title the description gives, in the organisation it names if it
        names one."""
        words = [
            t
            for t in token.doc[token.left_edge.i : token.i + 1]
            if t.dep_ not in ("det", "poss", "case", "punct") or t.text == "-"
        ]
        owners = {self.res.token_keys[t.i] for t in words if t.i in self.res.token_keys}
        title = _title_text([t for t in words if t.i not in self.res.token_keys])
        whole = _title_text(words)
        people = {
            a.person
            for a in self.res.affiliations
            if a.role
            and self._before(a.person, token)
            and (
                _title_text_of(a.role) == whole
                or (_title_text_of(a.role) == title and owners <= {a.organization})
            )
        }
        return people.pop() if len(people) == 1 else None

    def _leader_of_named(self, token: Token, title: str) -> str | None:
        """ "Tory leader Michael Howard has gone on the offensive … The Tory leader
        brands such criticisms as 'absolutely rubbish'" (politics/013.txt): the
        one person the article named before with that title in the organisation
        the description names, not the organisation."""
        organizations = {
            key
            for child in token.children
            if child.dep_ in ("compound", "amod", "poss")
            and (key := self.res.token_keys.get(child.i)) is not None
            and self.res.type_of(key) == "Organization"
        }
        if len(organizations) != 1:
            return None
        (organization,) = organizations
        people = {
            a.person
            for a in self.res.affiliations
            if a.organization == organization
            and (a.role or "").lower() == title
            and self._before(a.person, token)
        }
        return people.pop() if len(people) == 1 else None

    def _of_a_name(self, token: Token) -> bool:
        """The description's "of" phrase names a body other than a state or a
        party ("the chairman of the CRE"; "the president of France" and "the
        leader of the Conservative Party" are still read as their holders)."""
        keys = self.res.token_keys
        return any(
            prep.dep_ == "prep"
            and prep.lower_ == "of"
            and any(
                (key := keys.get(t.i)) is not None
                and self.res.type_of(key) == "Organization"
                and not self._is_party(key)
                for t in prep.subtree
            )
            for prep in token.children
        )

    def _named_beside(self, token: Token) -> bool:
        """A name set beside the description, which is its own reading: "the
        shadow foreign secretary, Michael Ancram", "Chelsea's owner, Roman
        Abramovich"."""
        keys = self.res.token_keys
        beside = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "appos":
            beside.append(token.head)
        return any(t.i in keys for word in beside for t in word.subtree)

    def _named_by(self, token: Token) -> bool:
        """The description's modifiers say which one it is, so it is not simply
        the article's organisation: "the Scottish government", "the firm's
        chief", "the German giant", "the bank of England". A plain quality does
        not ("help the ailing company out of its financial difficulties",
        business/343.txt: still Air Jamaica), but one that sets it apart does
        ("Turkcell signed a contract for the new network", business/092.txt: not
        Irancell, the network it was to build)."""
        keys = self.res.token_keys
        distinguishing = self.syntax.distinguishing_adjectives
        return _modified(token, NAMING_DEPS) or any(
            child.dep_ == "amod"
            and (
                child.i in keys
                or child.i in self.res.demonyms
                or not child.is_lower
                or child.lemma_.lower() in distinguishing  # "the rival firm"
            )
            for child in token.children
        )

    def _topic_organization(self, token: Token) -> str | None:
        """ "the club", "the firm": the organisation the article is about so far,
        the one named most often before the description (the nearest of equals),
        never the subject of the description's own clause ("Unilever will help
        the pharmaceutical firm": not Unilever). When it is a subject named
        earlier in the sentence, a speaker's, the description stays unread: "the
        company" a company says something of is often itself, but "the OFHEO
        turned its attention to Fannie May and … said that the firm had tweaked
        its books" (business/298.txt) is the one it speaks of. One organisation
        named inside the speaker's phrase is whom the speaker speaks for, and so
        the one described: in "one of the three brothers behind the Falic Group
        said the firm had also held talks with the designer" (business/418.txt)
        the firm is the Falic Group, not LVMH, which the article names more often;
        "UKIP officials also argue Mr Kilroy-Silk has not been 'straightforward' in
        attacking the party" (politics/333.txt). Not an analyst's firm ("an
        analyst at Merrill Lynch said the company …"), which speaks of others."""
        current = self.sentence_of.get(token.i)
        if current is None:
            return None
        own = self._clause_actors(token)
        named = self._mentions_in(current, token.i)
        speakers = {key for t, key in named if t.dep_ in ("nsubj", "nsubjpass")}
        behind = {key for t, key in named if _behind_speaker(t)}
        lemma = token.lemma_.lower()
        is_business = lemma in self.syntax.business_descriptions
        counts: Counter = Counter()
        last: dict[str, int] = {}
        for mention in self.res.mentions:
            key = mention.entity
            if (
                mention.start_char < token.idx
                and self.res.type_of(key) == "Organization"
                and key not in own
                and not self._is_publisher(key)
                and self._is_party(key) == (lemma == "party")
                and not (is_business and self._is_public_body(key))
            ):
                counts[key] += 1
                last[key] = mention.start_char
        if not counts:
            return None
        if len(behind) == 1 and behind <= counts.keys() and not speakers:
            return next(iter(behind))
        best = max(counts, key=lambda key: (counts[key], last[key]))
        return None if best in speakers else best

    def _clause_actors(self, token: Token) -> set[str]:
        """Who acts in the description's own clause, whom it cannot stand for:
        its verb's subject, and the subject above when the description is itself
        the subject of a clause that verb governs ("Unilever will help the
        pharmaceutical firm develop the snacks": not Unilever). A speaker is no
        such actor: in "NUJ official Barry Fitzpatrick said the company had
        ignored the consultation period" (business/014.txt) the company may be
        anyone's but the subject of "ignored" (none here)."""
        keys = self.res.token_keys
        actors: set[str] = set()
        word = token
        for _ in range(6):
            verb = word.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX") or verb.i == word.i:
                break
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject in subjects:
                actors.update(
                    keys[t.i] for t in subject.subtree if t.i in keys and t.i != token.i
                )
            is_subject = any(
                s.left_edge.i <= word.i <= s.right_edge.i for s in subjects
            )
            if not is_subject or verb.head.i == verb.i:
                break
            if verb.head.lemma_.lower() in self.syntax.speech_verbs:
                break  # "X said the company …": not X's own clause
            word = verb
        return actors

    def _is_public_body(self, key: str) -> bool:
        """An organisation no one calls "the company": a union, a commission, a
        ministry, a party ("the National Union of Journalists"; business/014.txt:
        "the company" there is the newspaper group). Its gazetteer sector when
        known, else the head word of its name."""
        entry = self.gazetteer.entry(key)
        if entry is not None and entry.sector:
            return entry.sector != "BUS"
        name = self.res.names.get(key, "")
        head = name.lower().split(" of ")[0].split()
        return bool(head) and head[-1] in self.syntax.public_body_heads

    def _office_holder(self, office: str, token: Token) -> str | None:
        """The article's holder of the office, by its titles or the gazetteer's
        dated roles; else the gazetteer's one holder in the article's states."""
        holders = {
            person
            for person, titles in self.res.titles.items()
            if any(_same_office(title, office) for title in titles)
            and self._before(person, token)
        }
        if not holders:
            for affiliation in self.res.affiliations:
                role = (affiliation.role or "").lower()
                if (
                    role
                    and _same_office(role, office)
                    and self._before(affiliation.person, token)
                ):
                    holders.add(affiliation.person)
        if len(holders) == 1:
            return holders.pop()
        if holders or self.date is None:
            return None
        states = {self.home} - {None}
        found = {
            entry.key: entry
            for entry in self.gazetteer.entries()
            if entry.type == "Person"
            for role in entry.roles_on(self.date)
            if _same_office(role.role.lower(), office) and role.org_key in states
        }
        if len(found) != 1:
            return None
        (entry,) = found.values()
        key = self.res.include(entry)  # known to the article from now on
        # attribution ran before coreference: the holder acts for the office's state
        state = self.gazetteer.acts_for(key, self.res.read_as_of or self.date)
        if state is not None and state != key:
            self.res.offices.setdefault(key, state)
        home = self.gazetteer.entry(entry.country) if entry.country else None
        if home is not None:
            self.res.countries.setdefault(key, self.res.include(home))
        if state is not None and (office := self.gazetteer.entry(state)) is not None:
            self.res.include(office)
        return key

    def _is_party(self, key: str) -> bool:
        """A political party is "the party", never "the watchdog" or "the group"
        ("Lib Dem chairman Matthew Taylor has written to the watchdog",
        politics/396.txt: the watchdog is not the Lib Dems)."""
        entry = self.gazetteer.entry(key)
        return entry is not None and entry.sector == "PTY"

    def _is_publisher(self, key: str) -> bool:
        """A news outlet quoted as a source ("told the BBC") is not what "the
        firm" in its own report means."""
        entry = self.gazetteer.entry(key)
        return entry is not None and entry.is_publisher

    def _told(self, token: Token) -> bool:
        """ "Bat told the BBC at that time that it had not negotiated with the
        STMC" (business/437.txt): the outlet told something, or told to, is the
        one listening, never the "it" of what it hears."""
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "to":
            head = head.head
        return (
            token.dep_ in ("dobj", "dative", "pobj")
            and head.lemma_.lower() in self.syntax.speech_verbs
        )

    def _before(self, key: str, token: Token) -> bool:
        return any(
            m.entity == key and m.start_char < token.idx for m in self.res.mentions
        )


def _describes_a_noun(
    token: Token, keys: dict[int, str], actor_nouns: frozenset[str]
) -> bool:
    """A name used as a modifier of a common noun that names no one itself: "US"
    in "the US company"; not of an agent's noun, where it says who acts ("The US
    government denied the claims, saying it condemned … torture")."""
    return (
        token.dep_ in ("compound", "amod")
        and token.head.pos_ == "NOUN"
        and token.head.i not in keys
        and token.head.lemma_.lower() not in actor_nouns
    )


def _title_text(words: list[Token]) -> str:
    return _title_text_of(" ".join(t.text for t in words))


def _title_text_of(role: str) -> str:
    """A title as compared: lower case, "co - chairman" as "co-chairman"."""
    return " ".join(role.lower().replace(" - ", "-").split())


def _names_inside(noun: Token, keys) -> bool:
    """A noun phrase with a name in it ("the Labour Party's manifesto", "the US
    economy"): what "it" goes on about is not plainly the noun."""
    return any(t.i in keys for t in noun.subtree)


def _main_subject(token: Token) -> Token | None:
    """The subject of the main clause of the pronoun's sentence."""
    root = token
    while root.head.i != root.i:
        root = root.head
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects else None


def _is_fronted(token: Token) -> bool:
    """The pronoun is in a phrase or clause set before the main clause ("In his
    speech, …", "After he met Mr Bush, …"), not in the main clause itself."""
    top = token
    while top.head.head.i != top.head.i:
        top = top.head
    if top.i == token.i and top.head.i == token.i:
        return False
    return top.dep_ in ("prep", "advcl", "npadvmod", "advmod") and top.i < top.head.i


def clause_subjects(token: Token) -> frozenset[int]:
    """The subject of an object pronoun's own clause, which the pronoun cannot
    stand for (it would be "himself"): "Annabel Goldie wrote to Jack McConnell
    accusing him" (the writer accuses, so "him" is McConnell). A participle's
    clause is its subject's ("accusing" is Goldie's); an infinitive or a finite
    clause ends the walk ("asked Mr Blair to back him": "him" may be the asker)."""
    if token.dep_ not in ("dobj", "dative", "pobj"):
        return frozenset()
    current = token.head
    while current.dep_ in ("prep", "agent"):
        current = current.head
    subjects: set[int] = set()
    for _ in range(8):
        own = [c.i for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own or current.pos_ not in ("VERB", "AUX"):
            subjects.update(own)
            break
        if current.tag_ != "VBG" or current.dep_ not in ("acl", "advcl"):
            break
        current = current.head  # the participle's host: a noun, or the verb
        while current.dep_ in ("pobj", "prep", "dobj") and current.pos_ != "VERB":
            current = current.head
    return frozenset(subjects)


def reported_by(token: Token) -> frozenset[int]:
    """The tokens of what a pronoun subject reports ("This is the record Mr Blair
    will have to defend, he said"): a pronoun never stands for a name in the
    clause it says, so "he" there is not Mr Blair but the speaker named before."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return frozenset()
    return frozenset(
        t.i
        for clause in token.head.children
        if clause.dep_ == "ccomp"
        for t in clause.subtree
    )


def _same_office(role: str, office: str) -> bool:
    """ "Prime Minister" is "the prime minister"; "Chancellor of the Exchequer" is
    "the chancellor"; "Shadow Chancellor" and "former president" are not."""
    if any(word in role.split() for word in ("shadow", "former", "deputy", "vice")):
        return office in role and office.split()[0] in ("deputy", "vice")
    return role == office or role.startswith(office + " of ")


def _is_definite(token: Token) -> bool:
    has_the = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    return has_the and not any(c.dep_ == "poss" for c in token.children)


def _modified(token: Token, deps: frozenset[str] = MODIFIER_DEPS) -> bool:
    """ "the Scottish government", "the firm's chief": a modifier names another."""
    return any(c.dep_ in deps for c in token.children) or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    )


_CLAUSES = frozenset({"ccomp", "xcomp", "csubj", "advcl"})


def is_expletive(token: Token) -> bool:
    """ "it is expected that", "it was right for the court to be distinct", "it
    emerged", "made it clear": no referent, only the clause that follows."""
    if token.dep_ == "expl" or token.lower_ != "it":
        return token.dep_ == "expl"
    head = token.head
    if head.pos_ == "ADJ" and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
        for c in head.children
    ):
        # "found it cheaper to sack workers", "has found it difficult to satisfy
        # users" (business/234.txt): the "it" of a small clause stands for the
        # infinitive
        return True
    if head.lemma_ not in (
        "be",
        "seem",
        "appear",
        "emerge",
        "make",
        "remain",
        "become",
    ):
        return False
    complements = [c for c in head.children if c.dep_ in ("acomp", "attr", "oprd")]
    return any(
        c.dep_ in _CLAUSES for word in [head, *complements] for c in word.children
    )


def _candidates(doc: Doc) -> list[int]:
    """The tokens :meth:`_Article.antecedent` may read, in order: the pronouns it
    knows and the nouns; it reads no other word (found from the Doc's arrays, not
    one Token object per word)."""
    if not len(doc):
        return []
    columns = doc.to_array([LOWER, POS])
    strings = doc.vocab.strings
    pronouns = [
        value
        for value in np.unique(columns[:, 0]).tolist()
        if strings[value] in PERSON_PRONOUNS or strings[value] in THING_PRONOUNS
    ]
    wanted = np.isin(columns[:, 0], pronouns) | np.isin(columns[:, 1], _NOUNS)
    return np.flatnonzero(wanted).tolist()


def resolve_references(
    doc: Doc,
    resolution: Resolution,
    gazetteer: Gazetteer,
    syntax: Syntax,
    sentences: list[Span],
    date: str | None = None,
) -> None:
    """Add a ``COREF`` mention for every pronoun and definite description the
    rules resolve (the word's tokens then denote the entity for the event rules).
    The word is not an alias of the entity: "he" names no one by itself."""
    article = _Article(doc, resolution, gazetteer, syntax, sentences, date)
    found = []
    for i in _candidates(doc):
        if i in resolution.token_keys:
            continue
        token = doc[i]
        key = article.antecedent(token)
        if key is not None:
            if (
                token.lower_ not in PERSON_PRONOUNS
                and token.lower_ not in THING_PRONOUNS
                and resolution.type_of(key) == "Person"
            ):
                # the office holder a description names is there for the words
                # after it ("Meanwhile, the chancellor is leaving Britain … But
                # before doing so, he insisted he still trusted Mr Blair",
                # politics/225.txt: he is the chancellor, not the prime minister
                # before). Not a pronoun's reading, so that one guess does not
                # lead another, nor "the government" or "the company", which
                # would take every later "it" (most often a bill or a plan)
                resolution.token_keys[i] = key
            found.append((token, key))
    for token, key in found:
        resolution.token_keys[token.i] = key
        resolution.mentions.append(
            Mention(
                entity=key,
                text=token.text,
                start_char=token.idx,
                end_char=token.idx + len(token.text),
                sentence=article.sentence_of.get(token.i, 0),
                label="COREF",
            )
        )
    resolution.mentions.sort(key=lambda m: m.start_char)


def inside_quote(token: Token, sentence_start: int, marks: frozenset[str]) -> bool:
    """Whether an odd number of quotation marks opens before ``token`` in its
    sentence; an apostrophe of a possessive ("Lord Dubs' bill") opens none."""
    opened = [
        t
        for t in token.doc[sentence_start : token.i]
        if t.text in marks and t.tag_ != "POS"
    ]
    return len(opened) % 2 == 1


# Marks that open or close a quotation across sentences; a single quotation mark
# is no sure sign there, as an apostrophe looks the same.
_PASSAGE_MARKS = frozenset({'"', "“", "”", "``", "''"})
_OPENING = frozenset({"“", "``"})
_CLOSING = frozenset({"”", "''"})


def quoted_passage(token: Token) -> tuple[int, int] | None:
    """The first and last token of the quotation ``token`` stands in, where it runs
    over several sentences: 'Sir Digby added: "I don't think he will. I have to
    say he has been a prudent chancellor right the way through."'
    (politics/005.txt). A paragraph ends any quotation, as news opens each quoted
    paragraph again. Read once for the whole text (kept in ``doc.user_data``)."""
    doc = token.doc
    passages = doc.user_data.get("kgextract.passages")
    if passages is None:
        passages = {}
        start = None
        for t in doc:
            if "\n" in t.text or "\n" in t.whitespace_:
                start = None
            if t.text not in _PASSAGE_MARKS:
                continue
            if _closes(t):
                if start is not None:
                    for i in range(start, t.i + 1):
                        passages[i] = (start, t.i)
                start = None  # or a stray one: 'sergeant" for terrorists".'
            elif start is None:
                start = t.i
            # an opening mark inside an open quotation goes on with it: 'he
            # replied: "The idea … is outrageous. It's untrue. "If you look what I
            # do, I attack Michael Howard politically."' (politics/316.txt)
        doc.user_data["kgextract.passages"] = passages
    return passages.get(token.i)


def _closes(mark: Token) -> bool:
    """A closing quotation mark: a curly one, or a straight one set right after a
    word or a stop, with no space between."""
    if mark.text in _OPENING:
        return False
    if mark.text in _CLOSING:
        return True
    if mark.i == 0:
        return False
    before = mark.doc[mark.i - 1]
    return not (before.whitespace_ or before.is_space or before.text in "([{")


def passage_speakers(token: Token, speech_verbs: frozenset[str]) -> list[Token]:
    """The subjects of the speech verb that opens or closes the quotation
    ``token`` stands in ('Sir Digby added: "…', '…," he said'), outside it."""
    passage = quoted_passage(token)
    if passage is None:
        return []
    doc = token.doc
    for sent in (doc[passage[0]].sent, doc[passage[1]].sent):
        root = sent.root
        if (
            root.lemma_.lower() not in speech_verbs
            or passage[0] <= root.i <= passage[1]
        ):
            continue
        subjects = [
            c
            for c in root.children
            if c.dep_ == "nsubj" and not passage[0] <= c.i <= passage[1]
        ]
        if subjects:
            return subjects
    return []


def _behind_speaker(token: Token) -> bool:
    """A name inside a subject's phrase, not the subject itself nor after "at"
    ("one of the brothers behind the Falic Group said …", "UKIP officials
    argue …", "a spokesman for Yukos' lawyers said …")."""
    word = token
    for _ in range(6):
        if word.dep_ in ("nsubj", "nsubjpass"):
            return word.i != token.i
        if word.pos_ in ("VERB", "AUX") or word.head.i == word.i or word.lower_ == "at":
            return False
        word = word.head
    return False
