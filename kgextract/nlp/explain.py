"""Why a text gives the events it gives, and not others: ``kgextract explain text``.

A graph that says "France supports Ukraine" must be able to say why: which words
were read as whom, whom each actor acts for on the article's date, and which
declared construction and lexicon line made the event. The commoner question is
the opposite one, why a sentence gave *no* event: so the engine's trace
(:mod:`kgextract.nlp.events.trace`) is read for the near misses, the lexicon words
that gave nothing and the reason (no actor found, a refusal, a sense that says no
event, an actor acting on itself), and the events that give no edge (negated, no
target).

The text is read exactly as ``kgextract ingest`` reads an article's body (the same
pipeline, rules and :func:`~kgextract.nlp.extract.extract`), with a trace that only
listens. The result is one plain dict, the ``--json`` interface (README, "JSON
fields"); the CLI draws it as a tree.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kgextract.knowledge.event_types import load_event_types
from kgextract.knowledge.gazetteer import Gazetteer, normalize
from kgextract.knowledge.lexicon import Syntax
from kgextract.knowledge.resources import Resources, load_resources
from kgextract.model import Article, Event, Extraction, Mention
from kgextract.nlp.entities import MENTION_RULES, Resolution, titled_office
from kgextract.nlp.events.clauses import own_polarity
from kgextract.nlp.events.phrases import ACTOR_TYPES
from kgextract.nlp.events.trace import Attempt, Trace
from kgextract.nlp.events.tree import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, children
from kgextract.nlp.extract import extract

__all__ = ["explain", "explain_text"]

# Why a lexicon word gave no event, and why an event gives no edge: the codes of
# a near miss's ``reason`` (README, "Why is this edge here?").
NEAR_MISS_REASONS = {
    "no-actor": "no actor found",
    "controlled": "the actor was only asked or allowed to act",
    "no-subject": "no subject that names an actor",
    "no-target": "no target found",
    "no-event-sense": "a sense of the lexicon entry says these words are no event",
    "no-type": "the code has no event type of the graph's",
    "acts-on-itself": "the actor would act on itself",
    "declined": "no construction takes the entry",
    "pattern-no-event": "a verb dictionary pattern says no event",
    "not-a-trigger": "the lexicon word was not read as a trigger",
    "negated": "the event is negated: stored, but no edge",
    "untargeted": "the event has no target: stored, but no edge",
    "no-event": "no actor and target to pair",
}
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "it", "its", "they", "them"})


def explain_text(
    text: str,
    date: str | None = None,
    *,
    model: str | None = None,
    aliases: Iterable[Path] = (),
) -> dict:
    """:func:`explain` of ``text`` read as one article's body, with the pipeline and
    rules ``kgextract ingest`` would use (``model``, the user's ``aliases``
    files), as of ``date`` (ISO 8601; None: today, as for an undated article)."""
    from kgextract.nlp.pipelines import load_pipeline, pipeline_label

    aliases = tuple(Path(path).resolve() for path in aliases)
    nlp = load_pipeline(model, aliases)
    resources = load_resources(aliases=aliases)
    article = Article.make("<explain>", "", text, date=date)
    return explain(article, nlp(text), resources, pipeline_label(nlp))


def explain(article: Article, doc: Doc, resources: Resources, model: str = "") -> dict:
    """Sentence by sentence: the parse, each mention with why it is who it is, each
    actor with whom it acts for and why, each event with the construction and
    lexicon line that made it, and the near misses. The extraction is the one
    ``ingest`` stores: the trace changes nothing."""
    trace = Trace()
    extraction = extract(article, doc, resources, model, relations=False, trace=trace)
    return _Explainer(doc, extraction, resources, trace).explain()


class _Explainer:
    def __init__(
        self, doc: Doc, extraction: Extraction, resources: Resources, trace: Trace
    ) -> None:
        self.doc = doc
        self.extraction = extraction
        self.resources = resources
        self.gazetteer: Gazetteer = resources.gazetteer
        self.syntax: Syntax = resources.syntax
        self.engine = trace.engine
        self.res: Resolution = self.engine.res
        self.day = self.res.read_as_of or ""
        self.kinds = {c.name: c.trigger for c in resources.constructions}
        self.sources = {c.name: c.source for c in resources.constructions}
        self.stances = {name: t.stance for name, t in load_event_types().items()}
        self.attempts: dict[int, list[Attempt]] = {}
        for attempt in trace.attempts:
            self.attempts.setdefault(attempt.token, []).append(attempt)
        self.by_event = {
            _event_key(event): attempt
            for attempt in trace.attempts
            for event in attempt.events
        }

    def explain(self) -> dict:
        extraction = self.extraction
        spans = [sent for sent in self.doc.sents if sent.text.strip()]
        return {
            "text": extraction.article.body,
            "date": extraction.article.date,
            "read_as_of": extraction.read_as_of,
            "date_assumed": extraction.date_assumed,
            "model": extraction.model,
            "sentences": [
                self.sentence(index, sent) for index, sent in enumerate(spans)
            ],
        }

    def sentence(self, index: int, sent: Span) -> dict:
        mentions = [m for m in self.extraction.mentions if m.sentence == index]
        events = [e for e in self.extraction.events if e.sentence == index]
        actors = [m.entity for m in mentions if self.res.type_of(m.entity)]
        actors += [
            key
            for event in events
            for key in (event.actor, event.target)
            if key is not None
        ]
        return {
            "index": index,
            "text": sent.text.strip(),
            "start": sent.start_char,
            "end": sent.end_char,
            "tokens": [_token(token) for token in sent if not token.is_space],
            "mentions": [self.mention(m) for m in mentions],
            "actors": [
                self.attribution(key)
                for key in dict.fromkeys(actors)
                if self.res.type_of(key) in ACTOR_TYPES
            ],
            "events": [self.event(event) for event in events],
            "near_misses": self.near_misses(sent, events),
        }

    # -- names: who each mention is, and why -------------------------------------
    def name(self, key: str | None) -> str | None:
        return self.res.names.get(key, key) if key else None

    def mention(self, mention: Mention) -> dict:
        key, text = mention.entity, mention.text
        how = self.res.how.get((mention.start_char, mention.end_char))
        if mention.label == "COREF":
            how = "coreference"
        row = {
            "text": text,
            "start": mention.start_char,
            "end": mention.end_char,
            "label": mention.label or None,
            "entity": key,
            "name": self.name(key),
            "type": self.res.type_of(key),
            "how": how,
            "why": "",
            "sources": list(self.gazetteer.source_of(key)),
        }
        if how == "coreference":
            antecedent = self._antecedent(mention)
            row["antecedent"] = antecedent
            kind = "pronoun" if text.lower() in PRONOUNS else "description"
            named = (
                f", named before as '{antecedent['text']}' (sentence "
                f"{antecedent['sentence'] + 1})"
                if antecedent
                else ""
            )
            row["why"] = f"the {kind} '{text}' stands for {row['name']}{named}"
        else:
            row["why"] = self._why_named(how, mention, row)
        return row

    def _antecedent(self, mention: Mention) -> dict | None:
        """The last naming of the entity before the pronoun or description."""
        earlier = [
            m
            for m in self.extraction.mentions
            if m.entity == mention.entity
            and m.label != "COREF"
            and m.start_char < mention.start_char
        ]
        if not earlier:
            return None
        last = earlier[-1]
        return {"text": last.text, "sentence": last.sentence, "start": last.start_char}

    def _why_named(self, how: str | None, mention: Mention, row: dict) -> str:
        text, name, key = mention.text, row["name"], mention.entity
        entry = self.gazetteer.entry(key)
        state = self.res.countries.get(key)
        code = dict(self.res.ids.get(key, ())).get("cameo")
        if how == "gazetteer" and entry is not None:
            form = "name" if normalize(text) == normalize(entry.name) else "alias"
            why = f"'{text}' is the {form} of {key} in the gazetteer"
            model_types = _LABEL_TYPES.get(mention.label)
            if model_types and entry.type not in model_types:
                why += f" (the model's {mention.label} is overruled)"
            return why
        return {
            "seat": f"'{text}' is a capital or seat of power of {name}: it stands "
            f"for {name} when it acts",
            "location": f"'{text}' is used as a place here: the city, not its state",
            "demonym": f"'{text}' is a demonym of {name}",
            "people": f"'{text}' alone, in the plural: the people of "
            f"{self.name(state)}, a group (CAMEO {code})",
            "group": f"'{text}' is a group of {self.name(state)} (CAMEO {code})",
            "surname": f"'{text}' is the surname of {name}, named in full in the text",
            "gazetteer-surname": f"'{text}' alone is a name the gazetteer knows: {key}",
            "titled-name": f"'{text}' follows a personal title: a person",
            "honorific": f"'{text}' after a woman's honorific, in a text about a "
            f"Mr {text}: another person",
            "national-body": f"'{text}' names bodies of several states; the text "
            f"names {self.name(state)}'s",
            "model": f"no gazetteer entry: a {row['type']} by the model's label "
            f"{mention.label}, a node of its own ({key})",
        }.get(how or "", MENTION_RULES.get(how or "", ""))

    # -- attribution: whom each actor acts for, and why ---------------------------
    def attribution(self, key: str) -> dict:
        res, gazetteer = self.res, self.gazetteer
        kind = res.type_of(key)
        state = res.acts_for(key)
        country = res.country_of(key)
        row = {
            "entity": key,
            "name": self.name(key),
            "type": kind,
            "country": country,
            "country_name": self.name(country),
            "acts_for": state,
            "acts_for_name": self.name(state),
            "read_as_of": self.day,
            "how": "none",
            "why": "",
            "role": None,
            "from": None,
            "to": None,
            "sources": list(gazetteer.source_of(key)),
        }
        if kind == "Country":
            row.update(how="state", why="a state acts for itself")
        elif kind == "Person":
            row.update(self._person(key, state))
        elif kind == "Organization":
            row.update(self._organization(key, state))
        else:
            belongs = f" (it belongs to {self.name(country)})" if country else ""
            row["why"] = f"a group acts for itself{belongs}"
        return row

    def _person(self, key: str, state: str | None) -> dict:
        gazetteer, day = self.gazetteer, self.day
        titled = titled_office(self.res, gazetteer, self.syntax, key)
        office = gazetteer.office_on(key, day)
        if state is not None and office is not None and office.state == state:
            why = (
                f"holds the office '{office.role}' of {self.name(state)} on {day} "
                f"(the gazetteer dates it {office.start or '…'} to "
                f"{office.end or 'now'})"
            )
            if titled is not None and titled[1].role:
                why += f"; the text also titles them '{titled[1].role}'"
            return {
                "how": "office",
                "why": why,
                "role": office.role,
                "from": office.start,
                "to": office.end,
            }
        if state is not None and titled is not None:
            affiliation = titled[1]
            sentence = affiliation.sentence
            where = f" (sentence {sentence + 1})" if sentence is not None else ""
            return {
                "how": "title",
                "why": f"the text titles them '{affiliation.role}' of "
                f"{self.name(affiliation.organization)}{where}, an office of "
                f"{self.name(state)}",
                "role": affiliation.role,
            }
        return {"how": "none", "why": "; ".join(self._no_office(key))}

    def _no_office(self, key: str) -> list[str]:
        """Why a person acts for no state on the day: a title that is no office
        (former, shadow, a party's), memberships, offices held on other days."""
        gazetteer, syntax, day = self.gazetteer, self.syntax, self.day
        reasons = []
        titled = [
            (affiliation.role, self.name(affiliation.organization))
            for affiliation in self.res.affiliations
            if affiliation.person == key and affiliation.source == "text"
        ]
        # a title the text gives without naming whose it is ("former president")
        named = {(role or "").lower() for role, _ in titled}
        titled += [
            (title, None)
            for title in sorted(self.res.titles.get(key, ()))
            if title not in named
        ]
        for role, org in titled:
            words = set((role or "").lower().replace("-", " ").split())
            of = f" (of {org})" if org else ""
            if not role:
                reasons.append(f"the text places them with {org}, with no title")
            elif words & syntax.not_office_words:
                kinds = ", ".join(sorted(words & syntax.not_office_words))
                reasons.append(f"the text's title '{role}'{of} is no office ({kinds})")
            elif not words & syntax.office_titles:
                reasons.append(f"the text's title '{role}'{of} is no state office")
            elif org is None:
                reasons.append(f"the text's title '{role}' names no state")
            else:
                reasons.append(
                    f"the title '{role}' is of {org}, neither a state nor one of "
                    "its organs"
                )
        entry = gazetteer.entry(key)
        if entry is not None:
            for position in gazetteer.positions_on(key, day):
                if position.is_office:
                    continue
                dated = "" if position.start or position.end else ", undated"
                reasons.append(
                    f"'{position.role}' of {self.name(position.org) or position.org}"
                    f" ({gazetteer.sector_name(position.sector) or 'no sector'}"
                    f"{dated}) on {day}: a membership, no office"
                )
            for role in entry.roles:
                if role.active_on(day) or not gazetteer.position(role).is_office:
                    continue
                org = self.name(role.org_key) or role.org_key
                if role.end and day[: len(role.end)] > role.end:
                    reasons.append(
                        f"held '{role.role}' of {org} until {role.end}: former on {day}"
                    )
                elif role.start:
                    reasons.append(
                        f"'{role.role}' of {org} only from {role.start}, after {day}"
                    )
        if not reasons:
            known = "the gazetteer dates no office" if entry else "not in the gazetteer"
            reasons.append(f"{known} on {day}, and the text gives no office title")
        return reasons

    def _organization(self, key: str, state: str | None) -> dict:
        gazetteer = self.gazetteer
        entry = gazetteer.entry(key)
        if entry is None:
            return {"why": "not in the gazetteer: a body that acts for itself"}
        sector = gazetteer.sector_name(entry.sector or "") or "no sector"
        if state is not None and entry.is_igo:
            return {
                "how": "igo",
                "why": "an international organisation acts for itself",
            }
        if state is not None:
            return {
                "how": "organ",
                "why": f"an organ of {self.name(state)} ({sector}), acting for it",
            }
        country = self.name(entry.country)
        belongs = f", belonging to {country}" if country else ""
        return {
            "why": f"{sector}{belongs}: none of a state's organs, it acts for itself"
        }

    # -- events: the construction and lexicon line that made each ------------------
    def event(self, event: Event) -> dict:
        attempt = self.by_event.get(_event_key(event))
        stance = self.stances.get(event.type)
        edge = bool(
            stance
            and event.target is not None
            and event.target != event.actor
            and not event.negated
        )
        state_edge = bool(
            edge
            and event.actor_state
            and event.target_state
            and event.actor_state != event.target_state
        )
        no_edge = None
        if not edge:
            no_edge = (
                f"type {event.type} states no stance"
                if not stance
                else "negated"
                if event.negated
                else "no target"
            )
        row = {
            "type": event.type,
            "cameo": event.cameo,
            "quad": event.quad,
            "actor": event.actor,
            "actor_name": self.name(event.actor),
            "target": event.target,
            "target_name": self.name(event.target),
            "target_inferred": event.target_inferred,
            "actor_state": event.actor_state,
            "actor_state_name": self.name(event.actor_state),
            "target_state": event.target_state,
            "target_state_name": self.name(event.target_state),
            "trigger": self.extraction.article.body[event.start_char : event.end_char],
            "verb": event.verb,
            "object": event.object,
            "start": event.start_char,
            "end": event.end_char,
            "negated": event.negated,
            "hypothetical": event.hypothetical,
            "modality": event.modality,
            "flags": self._flags(event, attempt),
            "amounts": [
                {"value": a.value, "currency": a.currency, "text": a.text}
                for a in event.amounts
            ],
            "date": event.date,
            "date_text": event.date_text,
            "construction": event.construction,
            "construction_source": self.sources.get(event.construction),
            "rule": event.rule,
            "read_as": self._read_as(attempt, event) if attempt else None,
            "moves": {
                slot: {"move": found.move, "tried": list(found.tried)}
                for slot, found in (attempt.slots.items() if attempt else ())
            },
            "sense": attempt.sense if attempt else None,
            "steps": list(attempt.steps) if attempt else [],
            "stance": stance,
            "edge": edge,
            "state_edge": state_edge,
            "no_edge": no_edge,
        }
        return row

    def _read_as(self, attempt: Attempt, event: Event) -> str:
        """How the trigger was read, in words, with its lexicon lines."""
        token = self.doc[attempt.token]
        lexicon = self.engine.triggers.lexicon
        if event.start_char != token.idx:  # an event a step implied
            step = event.rule.partition(":")[2] or event.rule
            return (
                f"implied by the step '{step}' of {attempt.construction}, reading "
                f"'{token.text}'"
            )
        if attempt.how == "light-verb" and attempt.consumed is not None:
            light = lexicon.light_verbs.get(attempt.lemma)
            noun = self.doc[attempt.consumed]
            return (
                f"the light verb '{attempt.lemma}'"
                f"{f' ({light.source})' if light else ''} with the event noun "
                f"'{noun.text}' ({attempt.rule})"
            )
        if self.kinds.get(attempt.construction) == "pattern":
            return f"the dependency pattern of {attempt.construction}"
        return {
            "verb": f"the lexicon verb '{attempt.lemma}' ({attempt.rule})",
            "form": f"the dictionary form '{token.text}' ({attempt.rule})",
            "pattern": f"a pattern of the verb entry '{attempt.lemma}' "
            f"({attempt.rule})",
            "actor-object": f"the verb '{attempt.lemma}' with an actor as its "
            f"object ({attempt.rule})",
            "noun": f"the event noun '{attempt.lemma}' ({attempt.rule})",
        }.get(attempt.how, f"{attempt.how} ({attempt.rule})")

    def _flags(self, event: Event, attempt: Attempt | None) -> list[str]:
        """The words that made the event negated or hypothetical."""
        flags = []
        if event.negated:
            words = self._negation(attempt) if attempt else []
            flags.append(
                "negated by " + ", ".join(words) if words else "negated by the clause"
            )
        if event.hypothetical:
            flags.append(f"hypothetical: '{event.modality}'")
        return flags

    def _negation(self, attempt: Attempt) -> list[str]:
        syntax = self.syntax
        doc = self.doc
        trigger = doc[attempt.token]
        words = []
        chain = [trigger, *(doc[i] for i in attempt.path)]
        for token in chain:
            for child in token.children:
                if child.dep_ == "neg" or child.lower_ in syntax.negation_words:
                    words.append(f"'{child.text}' ({child.dep_} of '{token.text}')")
            if token.i != trigger.i and token.lemma_.lower() in syntax.negating_verbs:
                words.append(f"'{token.text}' (a negating verb)")
            if (
                token.dep_ == "pcomp"
                and token.head.lower_ in syntax.negating_prepositions
            ):
                words.append(f"'{token.head.text}' (governs '{token.text}')")
        top = own_polarity(chain)[-1]
        _, denier = self.engine.clauses.alleged_or_denied(top)
        if denier is not None:
            words.append(f"'{denier.text}' (denies the clause of '{top.text}')")
        return words

    # -- near misses ----------------------------------------------------------------
    def near_misses(self, sent: Span, events: list[Event]) -> list[dict]:
        """Lexicon words of the sentence that gave no event, with the reason; and
        the events that give no edge (negated, or without a target)."""
        misses: list[tuple[int, dict]] = []
        consumed = {
            a.consumed
            for attempts in self.attempts.values()
            for a in attempts
            if a.consumed is not None
        }
        for token in sent:
            attempts = [
                a
                for a in self.attempts.get(token.i, [])
                if self.kinds.get(a.construction) != "pattern"
            ]
            if attempts:
                if not any(a.events for a in attempts):
                    misses.append((token.i, self._refused(token, attempts)))
            elif token.i not in consumed and self._is_lexicon_word(token):
                miss = self._not_triggered(token)
                if miss is not None:
                    misses.append((token.i, miss))
        for event in events:
            if event.negated or event.target is None:
                attempt = self.by_event.get(_event_key(event))
                misses.append((self._token_at(event), self._no_edge(event, attempt)))
        return [miss for _, miss in sorted(misses, key=lambda m: m[0])]

    def _token_at(self, event: Event) -> int:
        span = self.doc.char_span(event.start_char, event.end_char)
        return span.start if span is not None else 0

    def _miss(self, token: Token, reason: str, why: str, **fields) -> dict:
        return {
            "word": token.text,
            "lemma": token.lemma_.lower(),
            "start": token.idx,
            "end": token.idx + len(token.text),
            "rule": fields.get("rule"),
            "construction": fields.get("construction"),
            "reason": reason,
            "why": why,
        }

    def _refused(self, token: Token, attempts: list[Attempt]) -> dict:
        """A trigger every construction tried and none made an event of."""
        tried = [a for a in attempts if not a.declined]
        if not tried:
            names = ", ".join(a.construction for a in attempts)
            return self._miss(
                token,
                "declined",
                f"no construction takes the entry ({names}: their 'when' says no)",
                rule=attempts[0].rule,
            )
        attempt = tried[0]
        reason, why = self._reason(token, attempt)
        return self._miss(
            token, reason, why, rule=attempt.rule, construction=attempt.construction
        )

    def _reason(self, token: Token, attempt: Attempt) -> tuple[str, str]:
        if attempt.refused == "no-actor":
            slot = attempt.slots.get("actor")
            moves = ", ".join(slot.tried) if slot else ""
            return "no-actor", f"no actor found (moves {moves}): {self._subject(token)}"
        if attempt.refused == "controlled":
            return "controlled", (
                "the actors were only asked or allowed to act ("
                + ", ".join(self.name(k) or k for k in attempt.subjects)
                + "): the act has not happened"
            )
        if attempt.refused == "no-subject":
            return (
                "no-subject",
                f"no subject that names an actor: {self._subject(token)}",
            )
        if attempt.refused == "no-target":
            slot = attempt.slots.get("target")
            moves = ", ".join(slot.tried) if slot else ""
            return "no-target", f"no target found (moves {moves})"
        for dropped in attempt.dropped:
            if dropped["reason"] == "acts-on-itself":
                return "acts-on-itself", self._on_itself(dropped)
            if dropped["reason"] == "no-type" and attempt.sense is not None:
                return "no-event-sense", (
                    f"the sense {_conditions(attempt.sense['when'])} of "
                    f"{attempt.rule} says no event"
                )
            if dropped["reason"] == "no-type":
                return "no-type", (
                    f"code {dropped['cameo']} has no event type of the graph's"
                )
        return "no-event", "the construction read no actor and target to pair"

    def _subject(self, token: Token) -> str:
        """What stands where the actor was looked for, in words."""
        if token.pos_ == "NOUN":
            return (
                f"no possessor ('Germany's {token.text}') or 'by' phrase says "
                f"whose {token.text} they are"
            )
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            words = self.doc[subjects[0].left_edge.i : subjects[0].right_edge.i + 1]
            return f"the subject '{words.text}' names no actor the text knows"
        if children(token, PASSIVE_SUBJECT_DEPS):
            return "a passive with no 'by' agent"
        return "the verb has no subject of its own"

    def _on_itself(self, dropped: dict) -> str:
        actor, target = dropped["actor"], dropped["target"]
        if actor == target:
            return f"{self.name(actor)} would act on itself"
        if self.res.acts_for(actor) == target:
            return (
                f"{self.name(actor)} acts for {self.name(target)}: an act of theirs "
                f"on {self.name(target)} would be {self.name(target)}'s on itself"
            )
        return (
            f"{self.name(target)} acts for {self.name(actor)}: the state's act on "
            "its own office holder or organ"
        )

    def _no_edge(self, event: Event, attempt: Attempt | None) -> dict:
        token = self.doc[self._token_at(event)]
        fields = {"rule": event.rule, "construction": event.construction}
        if event.negated:
            flags = self._flags(event, attempt)
            return self._miss(
                token,
                "negated",
                f"{flags[0]}: the {event.type} event is stored, negated, and gives "
                "no edge",
                **fields,
            )
        slot = attempt.slots.get("target") if attempt else None
        moves = f" (moves {', '.join(slot.tried)})" if slot and slot.tried else ""
        return self._miss(
            token,
            "untargeted",
            f"no target found{moves}: the {event.type} event of "
            f"{self.name(event.actor)} is stored without one, and gives no edge",
            **fields,
        )

    def _is_lexicon_word(self, token: Token) -> bool:
        lexicon = self.engine.triggers.lexicon
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN":
            return lemma in lexicon.nouns
        return lemma in lexicon.verbs or lemma in lexicon.light_verbs

    def _not_triggered(self, token: Token) -> dict | None:
        """Why a lexicon word was not read as a trigger at all."""
        triggers = self.engine.triggers
        lexicon = triggers.lexicon
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN":
            entry = lexicon.nouns[lemma]
            head = token.head
            if token.dep_ == "compound":
                if head.i in self.attempts:
                    return None  # "support package": read at the package
                why = (
                    f"'{token.text}' modifies '{head.text}' ('{token.text} "
                    f"{head.text}'): the phrase is about the {head.text}"
                )
            elif entry.requires_modifier:
                wanted = ", ".join(sorted(entry.requires_modifier))
                why = f"'{lemma}' is an event noun only with one of: {wanted}"
            elif entry.is_light_only:
                why = (
                    f"'{lemma}' is an event noun only as a light verb's object "
                    "('sent troops')"
                )
            else:
                return None
            return self._miss(token, "not-a-trigger", why, rule=entry.source)
        direct = lexicon.verbs.get(lemma)
        light = lexicon.light_verbs.get(lemma)
        entry = direct or light
        if token.pos_ == "ADJ":  # "sent" read as an adjective
            why = f"the parser tagged '{token.text}' {token.pos_}, and only verbs "
            why += f"read the verb entry '{lemma}'"
            return self._miss(token, "not-a-trigger", why, rule=entry.source)
        if token.pos_ not in ("VERB", "AUX"):
            return None
        if direct is not None and direct.patterns:
            # the trigger reader's own pattern matching, asked again
            if triggers._pattern_entry(token, direct) is False:
                return self._miss(
                    token,
                    "pattern-no-event",
                    f"a pattern of '{lemma}' ({direct.source}) says these words "
                    "are no event",
                    rule=direct.source,
                )
        if light is not None:
            objects = children(token, OBJECT_DEPS)
            if objects:
                why = (
                    f"'{lemma}' is a light verb ({light.source}): an event only "
                    f"with an event noun, and its object '{objects[0].text}' is none"
                )
            else:
                why = (
                    f"'{lemma}' is a light verb ({light.source}): an event only "
                    "with an event noun as its object, and it has no object"
                )
            return self._miss(token, "not-a-trigger", why, rule=light.source)
        if direct is not None and not direct.cameo:
            why = (
                f"'{lemma}' ({direct.source}) codes an event only where one of its "
                "patterns matches; none does"
            )
            return self._miss(token, "not-a-trigger", why, rule=direct.source)
        return None


# The gazetteer types a model label agrees with: "Kyiv" as PERSON is overruled.
_LABEL_TYPES = {
    "PERSON": {"Person"},
    "ORG": {"Organization"},
    "GPE": {"Country", "Place"},
    "LOC": {"Country", "Place"},
}


def _token(token: Token) -> dict:
    return {
        "i": token.i,
        "text": token.text,
        "lemma": token.lemma_,
        "pos": token.pos_,
        "tag": token.tag_,
        "dep": token.dep_,
        "head": token.head.i,
        "ner": token.ent_type_ or None,
    }


def _event_key(event: Event) -> tuple:
    """An event as the trace saw it emitted: amounts and dates come later."""
    return (
        event.start_char,
        event.actor,
        event.target,
        event.type,
        event.cameo,
        event.construction,
    )


def _conditions(when: dict) -> str:
    """A sense's conditions, long word lists cut: {object: thing}."""

    def shown(value) -> str:
        if isinstance(value, list):
            words = ", ".join(map(str, value[:5]))
            more = f", … {len(value)} words" if len(value) > 5 else ""
            return f"[{words}{more}]"
        return str(value)

    return "{" + ", ".join(f"{k}: {shown(v)}" for k, v in when.items()) + "}"
