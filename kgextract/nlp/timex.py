"""An event's date: the date expression attached to its trigger, resolved against the
article's date.

News dates its events relative to the day it is published ("on Friday", "last week",
"two days ago"), so a date is only as good as the article date it is read against.
Two pure functions do the work: :func:`resolve_date` turns a date expression into an
ISO 8601 value, and :func:`event_date` picks, from the spaCy parse, the expression that
dates a given trigger. :func:`date_events` applies them to an article's events.

Values (``Event.date``), coarsest to finest as the text says it:

- a day ``2024-05-31`` ("on Friday", "yesterday", "3 March 2023", "two days ago"),
- a month ``2024-05`` ("last month", "in March", "two months ago"),
- a year ``2024`` ("in 2019", "last year"),
- an interval ``2024-05-20/2024-05-26`` (ISO 8601 start/end, both inclusive):
  weeks run Monday to Sunday ("last week"), weekends Saturday to Sunday ("at the
  weekend"), "earlier this month" runs from the 1st to the article's date.

Where the text does not say which side of the article date a day lies ("on Friday",
"on 3 March", "in March", "at the weekend"), the tense decides: a past or perfect verb
takes the latest such day on or before the article date, a future, modal or present
verb ("will meet", "is meeting", "meets on Tuesday": news uses the present for what is
scheduled) the earliest on or after it. "last Friday" and "next Friday" are strictly
before and after. Vague words ("mid-March", "late last year") are dropped, so the value
is the period that contains the truth. Without an article date only absolute dates
("3 March 2023", "in 2019", "March 2023") resolve; everything else is None.

Which expression: a DATE (or TIME) entity whose head chain reaches the trigger before
any other verb ("announced ... on Friday", "Friday's attack"), or reaches a verb that
happens when the trigger does ("the invasion began on 24 February", "two days ago,
Russia had to withdraw"; ``same_time_verbs`` in the rules). A verbal event (a
statement: support, accusation, threat) reported in a clause also takes the date of
the verb that reports it ("said on Friday it supports"): the saying is the event.
Anything else in the sentence dates another event and is not taken ("agreed on Monday
to send": the sending is not dated); nor is a date after "since", "by", "until" …,
which bounds the event rather than dating it, nor one that modifies a thing ("the 2004
law").
"""

from __future__ import annotations

import json
import re
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from kgextract.knowledge import RULES_DIR
from kgextract.model import Event

DATE_LABELS = frozenset({"DATE", "TIME"})
VERB_POS = frozenset({"VERB", "AUX"})
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
# Clauses through which a statement's date reaches the statement it reports.
REPORTED_DEPS = frozenset({"ccomp", "xcomp"})
MAX_HOPS = 8
# A date in one of these relations to a noun dates the noun: "a 2004 law".
MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "nmod", "poss"})
RELATIVE_WORDS = frozenset({"this", "last", "next", "earlier", "later"})

_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_YEAR = r"(\d{4})"
_DAY = r"(\d{1,2})"


@dataclass(frozen=True, eq=False)
class TimexRules:
    """The word lists of ``rules/timex.json`` and the patterns built from them."""

    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int]
    days: dict[str, int]
    times_of_day: frozenset[str]
    vague_prefixes: tuple[str, ...]
    refused_prepositions: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    same_time_verbs: frozenset[str]
    patterns: dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def load_timex_rules() -> TimexRules:
    """The date word lists, read once per process."""
    data = json.loads((RULES_DIR / "timex.json").read_text(encoding="utf-8"))
    return TimexRules(
        weekdays=dict(data["weekdays"]),
        months=dict(data["months"]),
        numbers=dict(data["numbers"]),
        days=dict(data["days"]),
        times_of_day=frozenset(data["times_of_day"]),
        # longest first, so "the end of" is not left as "end of"
        vague_prefixes=tuple(sorted(data["vague_prefixes"], key=len, reverse=True)),
        refused_prepositions=frozenset(data["refused_prepositions"]),
        future_auxiliaries=frozenset(data["future_auxiliaries"]),
        future_verbs=frozenset(data["future_verbs"]),
        same_time_verbs=frozenset(data["same_time_verbs"]),
        patterns=_patterns(data["weekdays"], data["months"], data["numbers"]),
    )


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so "sept" is tried before "sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _patterns(
    weekdays: Iterable[str], months: Iterable[str], numbers: Iterable[str]
) -> dict[str, re.Pattern[str]]:
    """The shapes a date expression takes once normalized, matched whole."""
    month = f"({_alternation(months)})"
    weekday = f"({_alternation(weekdays)})"
    number = rf"({_alternation(numbers)}|\d{{1,3}})"
    relation = "(last|this|next|past|coming)"
    return {
        "iso": re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
        "day_month": re.compile(rf"{_DAY} {month}(?: {_YEAR})?"),
        "month_day": re.compile(rf"{month} {_DAY}(?: {_YEAR})?"),
        "month_year": re.compile(rf"{month} {_YEAR}"),
        "month_relative_year": re.compile(rf"{month} (last|this|next) year"),
        "month": re.compile(rf"(?:{relation} )?{month}"),
        "year": re.compile(rf"(?:the year )?{_YEAR}"),
        "weekday": re.compile(rf"(?:{relation} )?{weekday}"),
        "period": re.compile(rf"(?:{relation} )?(week|weekend|month|year)"),
        "part_of_period": re.compile(r"(earlier|later) this (week|month|year)"),
        "ago": re.compile(rf"{number} (day|week|month|year)s? ago"),
    }


# --- resolving one expression --------------------------------------------------------


def normalize(text: str, rules: TimexRules) -> str:
    """Lower case, plain words: "Friday's" -> "friday", "mid-March" -> "mid march",
    "the 3rd of March," -> "3 march"; vague prefixes and leading prepositions go."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s\b", "", text)
    text = _ORDINAL.sub(r"\1", text)
    text = re.sub(r"[,.]", " ", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = re.sub(r"\b(\d{1,2}) of\b", r"\1", text)
    text = " ".join(text.split())
    changed = True
    while changed:
        changed = False
        for word in ("on ", "in ", "at ", "during ", "over ", "of "):
            if text.startswith(word):
                text, changed = text[len(word) :], True
        for prefix in rules.vague_prefixes:
            if text.startswith(prefix + " "):
                text, changed = text[len(prefix) + 1 :], True
    return text


def resolve_date(
    text: str,
    article_date: date | str | None,
    *,
    forward: bool = False,
    rules: TimexRules | None = None,
) -> str | None:
    """The ISO 8601 value of a date expression (see the module docstring), or None.

    ``forward`` says the verb looks ahead (future, modal, present), which decides the
    side of the article date a bare "Friday" or "3 March" lies on. A relative
    expression without an ``article_date`` is None: guessing today would date old
    news to now.
    """
    rules = rules or load_timex_rules()
    anchor = _as_date(article_date)
    words = normalize(text, rules)
    if not words:
        return None
    try:
        value = _resolve(words, anchor, forward, rules)
        if value is not None:  # year 0, "3000 years ago": not a calendar date
            for part in value.split("/"):
                pieces = [int(piece) for piece in part.split("-")]
                date(*pieces, *[1] * (3 - len(pieces)))
        return value
    except (ValueError, OverflowError):  # 31 February, year 0: not a date
        return None


def _resolve(
    words: str, anchor: date | None, forward: bool, rules: TimexRules
) -> str | None:
    patterns = rules.patterns
    for candidate in (words, words.removeprefix("the ")):
        if candidate in rules.days:
            return _day(anchor, rules.days[candidate]) if anchor else None
    words = words.removeprefix("the ")
    # "Friday night", "Monday morning": the time of day does not move the day
    parts = words.split()
    if len(parts) > 1 and parts[-1] in rules.times_of_day:
        words = " ".join(parts[:-1])

    if match := patterns["iso"].fullmatch(words):
        return date(*map(int, match.groups())).isoformat()
    for name in ("day_month", "month_day"):
        if match := patterns[name].fullmatch(words):
            if name == "day_month":
                day, month_name, year = match.groups()
            else:
                month_name, day, year = match.groups()
            month = rules.months[month_name]
            if year:
                return date(int(year), month, int(day)).isoformat()
            return _nearest_day(anchor, month, int(day), forward)
    if match := patterns["month_year"].fullmatch(words):
        month_name, year = match.groups()
        return f"{int(year):04d}-{rules.months[month_name]:02d}"
    if match := patterns["month_relative_year"].fullmatch(words):
        month_name, relation = match.groups()
        if anchor is None:
            return None
        year = anchor.year + {"last": -1, "this": 0, "next": 1}[relation]
        return f"{year:04d}-{rules.months[month_name]:02d}"
    if match := patterns["month"].fullmatch(words):
        relation, month_name = match.groups()
        return _month_of_name(anchor, rules.months[month_name], relation, forward)
    if match := patterns["year"].fullmatch(words):
        return f"{int(match.group(1)):04d}"
    if match := patterns["weekday"].fullmatch(words):
        relation, name = match.groups()
        return _weekday(anchor, rules.weekdays[name], relation, forward)
    if match := patterns["period"].fullmatch(words):
        relation, unit = match.groups()
        return _period(anchor, unit, relation, forward)
    if match := patterns["part_of_period"].fullmatch(words):
        part, unit = match.groups()
        return _part_of_period(anchor, part, unit)
    if match := patterns["ago"].fullmatch(words):
        count, unit = match.groups()
        amount = rules.numbers.get(count) or int(count)
        return _ago(anchor, amount, unit)
    return None


def _as_date(value: date | str | None) -> date | None:
    """The day of an article date, which may be a full timestamp; None if unreadable."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _day(anchor: date, offset: int) -> str:
    return (anchor + timedelta(days=offset)).isoformat()


def _interval(start: date, end: date) -> str:
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _nearest_day(
    anchor: date | None, month: int, day: int, forward: bool
) -> str | None:
    """ "3 March": in the article's year, or the year before (after) if that day is
    still to come (already past) and the verb looks back (ahead)."""
    if anchor is None:
        return None
    if forward:
        candidate = (
            date(anchor.year, month, day) if _valid(anchor.year, month, day) else None
        )
        if candidate is None or candidate < anchor:
            candidate = date(anchor.year + 1, month, day)
    else:
        candidate = (
            date(anchor.year, month, day) if _valid(anchor.year, month, day) else None
        )
        if candidate is None or candidate > anchor:
            candidate = date(anchor.year - 1, month, day)
    return candidate.isoformat()


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= monthrange(year, month)[1]


def _month_of_name(
    anchor: date | None, month: int, relation: str | None, forward: bool
) -> str | None:
    """ "in March", "last March", "next March", "this March"."""
    if anchor is None:
        return None
    year = anchor.year
    if relation == "this":
        pass
    elif relation in ("last", "past") or (relation is None and not forward):
        strict = relation is not None
        if month > anchor.month or (strict and month == anchor.month):
            year -= 1
    else:  # next, coming, or a bare month with a verb that looks ahead
        strict = relation is not None
        if month < anchor.month or (strict and month == anchor.month):
            year += 1
    return f"{year:04d}-{month:02d}"


def _weekday(
    anchor: date | None, weekday: int, relation: str | None, forward: bool
) -> str | None:
    """ "Friday" on or before (after) the article date; "last"/"next" strictly so;
    "this Friday" the Friday of the article's week."""
    if anchor is None:
        return None
    if relation == "this":
        return (
            anchor - timedelta(days=anchor.weekday()) + timedelta(days=weekday)
        ).isoformat()
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if relation in ("last", "past"):
        return (anchor - timedelta(days=back or 7)).isoformat()
    if relation in ("next", "coming"):
        return (anchor + timedelta(days=ahead or 7)).isoformat()
    if forward:
        return (anchor + timedelta(days=ahead)).isoformat()
    return (anchor - timedelta(days=back)).isoformat()


def _period(
    anchor: date | None, unit: str, relation: str | None, forward: bool
) -> str | None:
    """last/this/next week (Monday-Sunday), weekend, month, year; "the past week" is
    the seven days before the article date."""
    if anchor is None:
        return None
    if unit == "weekend":
        return _weekend(anchor, relation, forward)
    if relation is None:  # "the week", "the month": which one is not said
        return None
    step = {"last": -1, "this": 0, "next": 1, "coming": 1, "past": -1}[relation]
    if unit == "week":
        if relation == "past":
            return _interval(anchor - timedelta(days=7), anchor)
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return _interval(monday, monday + timedelta(days=6))
    if relation == "past":  # "the past month/year" is a stretch of time, not a date
        return None
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month, step)
        return f"{year:04d}-{month:02d}"
    return f"{anchor.year + step:04d}"


def _weekend(anchor: date, relation: str | None, forward: bool) -> str:
    """Saturday-Sunday: "at the weekend" is the latest one that has begun by the
    article date (or, looking ahead, the first that has not ended); "last weekend" the
    latest that ended before it, "next weekend" the first that starts after it."""
    weekday = anchor.weekday()
    if relation == "this":
        saturday = anchor - timedelta(days=weekday) + timedelta(days=5)
    elif relation in ("last", "past"):
        sunday = anchor - timedelta(days=(weekday - 6) % 7 or 7)
        saturday = sunday - timedelta(days=1)
    elif relation in ("next", "coming"):
        saturday = anchor + timedelta(days=(5 - weekday) % 7 or 7)
    elif forward:
        sunday = anchor + timedelta(days=(6 - weekday) % 7)
        saturday = sunday - timedelta(days=1)
    else:
        saturday = anchor - timedelta(days=(weekday - 5) % 7)
    return _interval(saturday, saturday + timedelta(days=1))


def _part_of_period(anchor: date | None, part: str, unit: str) -> str | None:
    """ "earlier this month": the 1st to the article date; "later this week": the
    article date to Sunday."""
    if anchor is None:
        return None
    if unit == "week":
        start = anchor - timedelta(days=anchor.weekday())
        end = start + timedelta(days=6)
    elif unit == "month":
        start = anchor.replace(day=1)
        end = anchor.replace(day=monthrange(anchor.year, anchor.month)[1])
    else:
        start, end = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    return _interval(start, anchor) if part == "earlier" else _interval(anchor, end)


def _ago(anchor: date | None, amount: int, unit: str) -> str | None:
    """ "two days ago" is a day; "two months ago" a month; "two years ago" a year:
    as precise as the unit the text counts in."""
    if anchor is None:
        return None
    if unit == "day":
        return (anchor - timedelta(days=amount)).isoformat()
    if unit == "week":
        return (anchor - timedelta(weeks=amount)).isoformat()
    if unit == "month":
        year, month = _add_months(anchor.year, anchor.month, -amount)
        return f"{year:04d}-{month:02d}"
    return f"{anchor.year - amount:04d}"


def _add_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


# --- which expression dates which event ----------------------------------------------


def looks_forward(verb: Token, rules: TimexRules | None = None) -> bool:
    """Whether the verb points after the article date: a modal or "will", a present
    tense (news writes what is scheduled in it: "Biden travels to Kyiv on Monday"),
    or the infinitive of a verb of intent ("plans to visit"). Past and perfect look
    back; so does anything unrecognised, since news mostly reports what happened."""
    rules = rules or load_timex_rules()
    for _ in range(MAX_HOPS):
        auxiliaries = [c for c in verb.children if c.dep_ in AUXILIARY_DEPS]
        if any(
            a.tag_ == "MD" or a.lower_ in rules.future_auxiliaries for a in auxiliaries
        ):
            return True
        if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.i != verb.i:
            if verb.head.lemma_.lower() in rules.future_verbs:
                return True
            verb = verb.head
            continue
        tags = {verb.tag_} | {a.tag_ for a in auxiliaries}
        if "VBD" in tags or any(a.lemma_ == "have" for a in auxiliaries):
            return False
        return bool(tags & {"VBZ", "VBP"})
    return False


def event_date(
    trigger: Token,
    article_date: date | str | None,
    *,
    is_verbal: bool = False,
    rules: TimexRules | None = None,
) -> tuple[str, str] | None:
    """(ISO value, the text) of the date expression that dates this trigger, or None.

    ``is_verbal``: the event is a statement, so a date on the verb that reports it
    counts (see the module docstring).
    """
    rules = rules or load_timex_rules()
    candidates = [ent for ent in trigger.sent.ents if ent.label_ in DATE_LABELS]
    if not candidates:
        return None
    is_nominal = trigger.pos_ not in VERB_POS
    governor = _verb_above(trigger) if is_nominal else trigger
    reporters = _reporting_verbs(governor) if is_verbal and governor else []
    same_time = {trigger.i} | {verb.i for verb in _same_time_verbs(trigger, rules)}
    # Two dates on one verb (a misattached adverbial): the nearer, then the one after
    # the verb, where English puts its adverbials.
    ranked: list[tuple[int, int, bool, Span, Token]] = []
    for ent in candidates:
        holder = _holder(ent, trigger, rules)
        if holder is None:
            continue
        if holder.i in same_time:
            rank = 0
        elif any(holder.i == verb.i for verb in reporters):
            rank = 1
        else:
            continue
        distance = min(abs(ent.start - trigger.i), abs(ent.end - 1 - trigger.i))
        ranked.append((rank, distance, ent.start < trigger.i, ent, holder))
    for *_, ent, holder in sorted(ranked, key=lambda item: item[:3]):
        tense_verb = holder if holder.pos_ in VERB_POS else governor
        forward = looks_forward(tense_verb, rules) if tense_verb is not None else False
        value = resolve_date(ent.text, article_date, forward=forward, rules=rules)
        if value is not None:
            return value, ent.text
    return None


def _holder(ent: Span, trigger: Token, rules: TimexRules) -> Token | None:
    """The trigger, or else the first verb, on the date's head chain: what it dates.

    None when the chain passes a bounding preposition ("since 2019", "after
    Friday's talks", "ahead of the vote on Friday"): that date bounds the event; when
    the date modifies a thing ("a 2004 law", "Saturday's match"): that is the thing's
    date; and for a capitalised "This Morning" inside a sentence: a name.
    """
    token = ent.root
    if ent.root.dep_ in MODIFIER_DEPS and ent.root.head.i != trigger.i:
        head = ent.root.head
        if not (head.ent_type_ in DATE_LABELS or head.lower_ in rules.times_of_day):
            return None
    first = ent[0]
    if first.i != ent.sent.start and first.is_title and first.lower_ in RELATIVE_WORDS:
        return None
    for _ in range(MAX_HOPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.i == trigger.i:
            return token
        if token.pos_ in VERB_POS and token.dep_ not in AUXILIARY_DEPS:
            return token
        word = token.lower_
        if token.dep_ in ("prep", "mark") and (
            word in rules.refused_prepositions
            or (
                word in ("of", "to") and token.head.lower_ in rules.refused_prepositions
            )
        ):
            return None
    return None


def _same_time_verbs(trigger: Token, rules: TimexRules) -> list[Token]:
    """Verbs whose date is the trigger's: "the invasion began", "had to fight"."""
    found = []
    verb = trigger
    if trigger.pos_ not in VERB_POS:
        verb = _verb_above(trigger)
        if verb is None or verb.lemma_.lower() not in rules.same_time_verbs:
            return found
        found.append(verb)
    for _ in range(MAX_HOPS):
        if (
            verb.dep_ != "xcomp"
            or verb.head.lemma_.lower() not in rules.same_time_verbs
        ):
            break
        verb = verb.head
        found.append(verb)
    return found


def _verb_above(token: Token) -> Token | None:
    for _ in range(MAX_HOPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in VERB_POS and token.dep_ not in AUXILIARY_DEPS:
            return token
    return None


def _reporting_verbs(verb: Token) -> list[Token]:
    """The verbs a clause is reported or controlled by: "said ... it supports"."""
    found = []
    for _ in range(MAX_HOPS):
        if verb.dep_ not in REPORTED_DEPS or verb.head.i == verb.i:
            break
        verb = verb.head
        found.append(verb)
    return found


def date_events(
    sentences: list[Span],
    events: Iterable[Event],
    article_date: str | None,
    rules: TimexRules | None = None,
) -> list[Event]:
    """The events with ``date`` and ``date_text`` filled in where the text dates them.

    Only sentences that hold an event and a DATE or TIME entity are looked at, so the
    cost is a few token walks per dated event, not a pass over the article.
    """
    rules = rules or load_timex_rules()
    anchor = _as_date(article_date)
    dated: list[Event] = []
    cache: dict[tuple[int, int, bool], tuple[str, str] | None] = {}
    for event in events:
        sent = sentences[event.sentence] if event.sentence < len(sentences) else None
        if sent is None or not any(ent.label_ in DATE_LABELS for ent in sent.ents):
            dated.append(event)
            continue
        is_verbal = event.quad.startswith("VERBAL")
        key = (event.sentence, event.start_char, is_verbal)
        if key not in cache:
            trigger = _token_at(sent, event.start_char)
            cache[key] = (
                event_date(trigger, anchor, is_verbal=is_verbal, rules=rules)
                if trigger is not None
                else None
            )
        found = cache[key]
        if found is None:
            dated.append(event)
        else:
            dated.append(replace(event, date=found[0], date_text=found[1]))
    return dated


def _token_at(sent: Span, start_char: int) -> Token | None:
    for token in sent:
        if token.idx == start_char:
            return token
    return None
