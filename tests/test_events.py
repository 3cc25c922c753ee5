"""Event extraction rules, one hand-written sentence per construction."""

from __future__ import annotations

import pytest

from .conftest import shared_data


def triples(extraction):
    """(actor name, type, target name) for each event, names from the extraction."""
    names = {e.key: e.name for e in extraction.entities}
    return [
        (names[e.actor], e.type, names.get(e.target) if e.target else None)
        for e in extraction.events
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # active subject, direct object
        ("Russia attacked Ukraine on Friday.", [("Russia", "ASSAULT", "Ukraine")]),
        # "A met B" is A's act: "meet" is reciprocal among its subjects only
        # (bbc_news business/279)
        (
            "Werner Seifert met LSE chief executive Clara Furse amid rumours the "
            "German group may raise its bid to pounds 1.5bn (dollars 2.9bn) from its "
            "initial pounds 1.3bn offer.",
            [("Werner Seifert", "CONSULT", "Clara Furse")],
        ),
        # conjoined subjects meet each other (entertainment/296)
        (
            "The band formed in 1994 when Lightbody and McClelland met as students "
            "at Dundee University.",
            [
                ("Lightbody", "CONSULT", "McClelland"),
                ("McClelland", "CONSULT", "Lightbody"),
            ],
        ),
        # a reciprocal verb with conjoined subjects and no object: every ordered pair
        # (entertainment/251)
        (
            "Indie Rock group Muse consists of Matthew Bellamy, Chris Wolstenholme "
            "and Dominic Howard who met in their early teens in Teignmouth, south "
            "Devon.",
            [
                (a, "CONSULT", b)
                for a in ("Matthew Bellamy", "Chris Wolstenholme", "Dominic Howard")
                for b in ("Matthew Bellamy", "Chris Wolstenholme", "Dominic Howard")
                if a != b
            ],
        ),
        # a light verb takes reciprocity from its noun (politics/188)
        (
            "Gen Musharraf held talks with Tony Blair on Monday.",
            [
                ("Pervez Musharraf", "CONSULT", "Tony Blair"),
                ("Tony Blair", "CONSULT", "Pervez Musharraf"),
            ],
        ),
        # a one-way verb stays one way (politics/375, its participle clause cut)
        (
            'Mr Kennedy criticised Mr Brown for failing to mention the "ticking '
            'bomb" of council tax revaluation.',
            [("Mr Kennedy", "ACCUSE", "Mr Brown")],
        ),
        # passive with agent
        (
            "Ukraine was attacked by Russia on Friday.",
            [("Russia", "ASSAULT", "Ukraine")],
        ),
        # conjoined subjects give one event each
        (
            "The United States and Germany sanctioned Iran.",
            [("United States", "SANCTION", "Iran"), ("Germany", "SANCTION", "Iran")],
        ),
        # prepositional object as recipient
        ("Lithuania sent trainers to Ukraine.", [("Lithuania", "AID", "Ukraine")]),
        # the possessor of the object is the beneficiary
        (
            "Germany authorized Ukrainian strikes inside Russia.",
            [("Germany", "SUPPORT", "Ukraine")],
        ),
        # metonymy: capitals act for their state
        ("Moscow attacked Kyiv.", [("Russia", "ASSAULT", "Ukraine")]),
        ("The Kremlin threatened Lithuania.", [("Russia", "THREATEN", "Lithuania")]),
        # nominal event with a possessor and a target
        (
            "Russia's war against Ukraine dragged into its third year.",
            [("Russia", "ASSAULT", "Ukraine")],
        ),
        # demonym + government noun as actor
        ("German officials condemned Iran.", [("Germany", "ACCUSE", "Iran")]),
        # nobody attributable: no event rather than a guess
        ("Officials met in Kyiv on Monday.", []),
        ("The attack killed three people.", []),
        # "allies" of Ukraine are not Ukraine
        ("Ukrainian allies sent weapons.", []),
    ],
)
def test_events_from_constructions(extract_text, sentence, expected):
    assert triples(extract_text(sentence)) == expected


def test_light_verb_takes_the_type_of_its_object(extract_text):
    extraction = extract_text("Sweden announced a military aid package for Ukraine.")
    assert triples(extraction) == [("Sweden", "AID", "Ukraine")]
    assert extraction.events[0].verb == "announce"


def test_negation_is_recorded(extract_text):
    (event,) = extract_text("France did not send troops to Ukraine.").events
    assert event.negated is True
    assert event.hypothetical is False


def test_modal_makes_the_event_hypothetical(extract_text):
    (event,) = extract_text("Poland may send trainers to Ukraine.").events
    assert (event.hypothetical, event.modality, event.negated) == (True, "may", False)


def test_what_someone_will_do_is_planned_not_done(extract_text):
    """politics/371.txt, a speech announced before it is given: "will" plans the
    attack (as "can" says one is able to and "must" that one is obliged to);
    none of them says it happened."""
    extraction = extract_text(
        "Mr Howard will make his speech during a visit to support Tory "
        "Parliamentary hopefuls Robert Light and Sayeeda Warsi. He will attack "
        "Labour's record in government over issues such as tax."
    )
    assert [(e.type, e.hypothetical, e.modality) for e in extraction.events] == [
        ("ACCUSE", True, "will")
    ]
    (done,) = extract_text("Mr Howard attacked Labour's record.").events
    assert not done.hypothetical


def test_controlling_noun_passes_its_subject_and_marks_intent(extract_text):
    extraction = extract_text(
        "Lithuania and Estonia have expressed willingness to send trainers to Ukraine."
    )
    assert triples(extraction) == [
        ("Lithuania", "AID", "Ukraine"),
        ("Estonia", "AID", "Ukraine"),
    ]
    assert all(
        e.hypothetical and e.modality == "willingness" for e in extraction.events
    )


def test_reported_speech_pronoun_is_the_speaker(extract_text):
    extraction = extract_text(
        "The United States and Germany said they would allow Ukrainian attacks "
        "inside Russia."
    )
    assert triples(extraction) == [
        ("United States", "SUPPORT", "Ukraine"),
        ("Germany", "SUPPORT", "Ukraine"),
    ]
    assert all(e.modality == "would" for e in extraction.events)


def test_a_pronoun_never_stands_for_a_name_in_what_it_says(extract_text):
    """ "Mr Blair had let the country down, he said": the speaker reports a clause
    naming Mr Blair, so he is not Mr Blair but the one named before (a pronoun
    that is a speaker does not corefer with a name in its own report; the
    construction of politics/110.txt, "Mr Blair has failed to tackle these
    problems, he claimed", in a speech by Michael Howard)."""
    extraction = extract_text(
        "Liberal Democrat leader Charles Kennedy spoke in Leeds on Monday. Mr Blair "
        "had let the country down, he said."
    )
    (he,) = [m for m in extraction.mentions if m.label == "COREF"]
    assert (he.text, he.entity) == ("he", "person:charles-kennedy")
    # a pronoun that is not the speaker of the clause may stand for the name
    extraction = extract_text("Mr Blair said he had let no one down.")
    (he,) = [m for m in extraction.mentions if m.label == "COREF"]
    assert he.entity == "person:tony-blair"


def test_a_name_describing_a_noun_is_not_what_it_stands_for(extract_text):
    """ "The German giant said it was studying the possibility" (business/377.txt):
    "it" is the giant, not Germany, which only describes it; a state's agent
    noun is the state's ("The US government … saying it condemned torture")."""
    assert (
        events_of(
            extract_text("The German giant said it would attack Siemens.", "2005")
        )
        == []
    )
    assert events_of(
        extract_text("The German government said it would help Ukraine.", "2005")
    ) == [("Germany", "AID", "Ukraine", False, True)]


def test_a_pronoun_again_in_its_sentence_is_the_same_one(extract_text):
    """ "While saying he admired Mr Blair's 'courageous' leadership of the country,
    he bitterly criticised the Conservatives" (politics/307.txt, Robert Jackson):
    the second "he" is the first one, not the name between them."""
    extraction = extract_text(
        "Robert Jackson spoke on Monday. While saying he admired Mr Blair's "
        "courageous leadership, he bitterly criticised the Conservatives.",
        "2005",
    )
    assert events_of(extraction) == [
        ("Robert Jackson", "ACCUSE", "Conservative Party", False, False)
    ]


def test_the_it_of_an_infinitive_names_no_one(extract_text):
    """ "told … it was not fair to blame the public" (politics/323.txt): the "it"
    stands for the infinitive; the speaker does not blame, nor does anyone named.
    A reported "it" that is a body is the speaker ("Germany said it would help")."""
    assert (
        events_of(extract_text("Mr Cook said it was fair to criticise Labour.")) == []
    )
    assert events_of(extract_text("Germany said it would help Ukraine.", "2005")) == [
        ("Germany", "AID", "Ukraine", False, True)
    ]


def test_a_finite_verb_the_parser_joins_to_an_infinitive_keeps_its_subject(
    extract_text,
):
    """ "X said it was not possible to overstate the importance of the judgment and
    urged the government to move": the parser joins "urged" to "overstate"; it is
    X's act, the clause above whose subject names someone (not "it")."""
    extraction = extract_text(
        "Shadow home secretary David Davis said it was not possible to overstate "
        "the importance of the judgment and urged the government to move fast.",
        "2005",
    )
    assert events_of(extraction) == [
        ("David Davis", "REQUEST", "United Kingdom", False, False)
    ]


def test_those_who_meet_someone_together_do_not_meet_each_other(extract_text):
    """ "A and B met the clubs' representatives": they met them; "Lightbody and
    McClelland met as students" (entertainment/296.txt), or held talks, is each
    other."""
    assert events_of(
        extract_text("Ms Jamieson and Jack McConnell met the clubs' representatives.")
    ) == [
        ("Ms Jamieson", "CONSULT", None, False, False),
        ("Jack McConnell", "CONSULT", None, False, False),
    ]
    assert events_of(extract_text("France and Germany held talks.")) == [
        ("France", "CONSULT", "Germany", False, False),
        ("Germany", "CONSULT", "France", False, False),
    ]
    # signing a document binds both
    assert events_of(extract_text("India and Russia signed a memorandum.")) == [
        ("India", "AGREE", "Russia", False, False),
        ("Russia", "AGREE", "India", False, False),
    ]


def test_an_object_pronoun_is_not_the_subject_of_its_own_clause(extract_text):
    """ "wrote to Jack McConnell accusing him of an error of judgement": "accusing"
    is the writer's act, so "him" is not the writer (it would be "himself") but
    the one before who fits. A pronoun in a clause of its own may still be the
    subject of the clause above ("Mr Blair said the party had let him down")."""
    extraction = extract_text(
        "Annabel Goldie wrote to Jack McConnell accusing him of an error of judgement."
    )
    assert events_of(extraction) == [
        ("Annabel Goldie", "ACCUSE", "Jack McConnell", False, False)
    ]
    extraction = extract_text("Mr Blair said the party had let him down.")
    (him,) = [m for m in extraction.mentions if m.label == "COREF"]
    assert him.entity == "person:tony-blair"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a participle after the one written to is the writer's act in the letter
        # (politics/396.txt, "has written to the watchdog accusing Labour of a
        # 'flagrant and systematic breach'"); "the watchdog" is no political party
        (
            "Lib Dem chairman Matthew Taylor has written to the watchdog accusing "
            "Labour of a breach of the rules.",
            [("Matthew Taylor", "ACCUSE", "Labour Party", False, False)],
        ),
        # not after one spoken to, seen or met: there the participle says what
        # that one was doing
        ("Mr Blair spoke to a soldier attacking the insurgents.", []),
        (
            "Mr Blair met a delegation criticising Labour.",
            [("Tony Blair", "CONSULT", None, False, False)],
        ),
    ],
)
def test_a_participle_after_the_one_written_to_is_the_writers_act(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a party written as an adjective owns the object (politics/332.txt, "what
        # the Conservative plans would mean"; politics/175.txt, "Conservative cuts")
        (
            "Labour attacked the Conservative proposals.",
            [("Labour Party", "ACCUSE", "Conservative Party", False, False)],
        ),
        (
            "Mr Blair criticised the Liberal Democrat plans.",
            [("Tony Blair", "ACCUSE", "Liberal Democrats", False, False)],
        ),
        # a name before a person says whom the person works for, not that the
        # name is the one accused (politics: "had accused an Evening Standard
        # journalist of being like a 'concentration camp guard'")
        (
            "Mr Livingstone accused an Evening Standard journalist of rudeness.",
            [("Ken Livingstone", "ACCUSE", None, False, False)],
        ),
        # an adjective that names no one owns nothing
        (
            "Labour attacked the radical proposals.",
            [("Labour Party", "ACCUSE", None, False, False)],
        ),
    ],
)
def test_a_party_written_as_an_adjective_owns_the_object(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a passive clause without a subject of its own was done to the one the
        # sentence is about (business/478.txt, "served eight years in prison after
        # being convicted for spying"): no one named did it
        ("Lord Archer spent two years in prison after being convicted of perjury.", []),
        # an active participle of time or reason is that one's act, whichever the
        # voice of the clause above (sport/170.txt, "Arsene Wenger, who was fined
        # … in December for accusing Manchester United striker Ruud van Nistelrooy
        # of cheating")
        (
            "Arsene Wenger, who was fined in December for accusing Ruud van "
            "Nistelrooy of cheating, believes the punishment was lenient.",
            [("Arsene Wenger", "ACCUSE", "Ruud van Nistelrooy", False, False)],
        ),
        ("Mr Blair was criticised after attacking Mr Howard.", [
            ("Tony Blair", "ACCUSE", "Mr Howard", False, False),
        ]),
        # what one is accused of or kept from is not said to be done
        ("Mr Blair was accused of attacking Mr Howard.", []),
        ("Mr Blair was stopped from attacking Mr Howard.", []),
        # a passive infinitive is done by its "by" agent, and read through the
        # word above it: expected, so hypothetical (politics: "The bill … is
        # expected to be opposed by the Liberal Democrats"); without an agent no
        # one named does it (tech: "Apple is to be congratulated")
        ("The bill is expected to be opposed by the Liberal Democrats.", [
            ("Liberal Democrats", "ACCUSE", None, False, True),
        ]),
        ("Apple is to be congratulated.", []),
        # a passive conjunct with an agent of its own is that agent's act
        # (tech/054.txt, "was developed by Sharp and launched by Vodafone's
        # Japanese division")
        ("The plan was drawn up by Labour and backed by the Liberal Democrats.", [
            ("Liberal Democrats", "SUPPORT", None, False, False),
        ]),
        # without one, it shares the subject it was done to (sport/235.txt,
        # "Wenger later accused Van Nistelrooy of 'cheating' and was fined")
        ("Arsene Wenger later accused Van Nistelrooy of cheating and was fined "
         "15,000 pounds.", [
            ("Arsene Wenger", "ACCUSE", "Van Nistelrooy", False, False),
        ]),
        # the county after the town one comes from is a place, not one's name
        # (politics/066.txt, "a huntsman from Ledbury, Herefordshire,")
        ("A huntsman from Ledbury, Herefordshire, was arrested by the Metropolitan "
         "Police.", [("Metropolitan Police", "COERCE", None, False, False)]),
    ],
)  # fmt: skip
def test_who_does_what_a_participle_says(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a news outlet passing on a report faults no one (tech/132.txt,
        # "Prosecutors said Jaynes was 'a snake oil salesman …', news agency
        # Associated Press reported"); a speaker does
        ("Reuters said that Jeremy Jaynes was a fraud.", []),
        ("Mr Howard said that Mr Blair was a fraud.", [
            ("Mr Howard", "ACCUSE", "Tony Blair", False, False),
        ]),
        # "Media" of a job title is no one (entertainment/211.txt, "the Department
        # for Culture, Media and Sport")
        ("Her call was backed by Culture, Media and Sport Secretary Tessa Jowell.", [
            ("Tessa Jowell", "SUPPORT", None, False, False),
        ]),
    ],
)  # fmt: skip
def test_who_speaks_for_a_stance(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_thing_is_owned_by_who_made_it_not_by_a_name_in_a_clause_inside_it(
    extract_text,
):
    """ "the move announced by Pompeo" is Pompeo's; in "a decision to throw out a
    law backed by Mr Bush" the law is his, not the decision welcomed."""
    assert events_of(
        extract_text("Britain criticised the move announced by Mike Pompeo.", "2019")
    ) == [("United Kingdom", "ACCUSE", "Mike Pompeo", False, False)]
    assert events_of(
        extract_text(
            "Cherie Blair welcomed a decision to throw out a law backed by Mr Bush.",
            "2005",
        )
    ) == [
        ("Cherie Blair", "SUPPORT", None, False, False),
        ("George W. Bush", "SUPPORT", None, False, False),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a court's appeal asks no one for anything (politics/250.txt, "Whichever
        # way the court rules the other side will appeal"; sport/079.txt, "will
        # appeal against the acquittal of Kostas Kenteris")
        ("Whichever way the court rules the other side will appeal.", []),
        ("The World Anti-Doping Agency will appeal against the acquittal of "
         "Kostas Kenteris.", []),
        # appealing for something, or to someone, asks (politics/060.txt,
        # "appealed for the weapons inspectors to be given more time in Iraq")
        ("Dr Rowan Williams appealed for the weapons inspectors to be given more "
         "time.", [("Rowan Williams", "REQUEST", None, False, False)]),
        ("Ukraine appealed to Germany for more air defence.", [
            ("Ukraine", "REQUEST", "Germany", False, False),
        ]),
        ("The UN appealed to donors for money.", [
            ("United Nations", "REQUEST", None, False, False),
        ]),
        # a product that appeals to buyers asks nothing (tech/153.txt, "the DS will
        # appeal to all ages, both genders and gamers of any skill")
        ("The DS will appeal to all ages and gamers of any skill, Mr Yarnton said.",
         []),
        # asking questions requests nothing (tech/316.txt, "They are asking the
        # right questions")
        ("Mr Kennedy said the Conservatives were asking the wrong questions.", []),
    ],
)  # fmt: skip
def test_an_appeal_or_a_question_is_a_request_only_when_it_asks_for_something(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_money_amounts_are_normalized_to_iso_4217(extract_text):
    (event,) = extract_text(
        "Sweden pledged a military aid package worth 13.3 billion kronor "
        "($1.3 billion) to Ukraine."
    ).events
    assert [(a.value, a.currency) for a in event.amounts] == [
        (13.3e9, "SEK"),
        (1.3e9, "USD"),
    ]


def test_bbc_style_pounds_amount(extract_text):
    (event,) = extract_text(
        "Britain gave Ukraine a loan of pounds 500 million on Tuesday."
    ).events
    assert [(a.value, a.currency) for a in event.amounts] == [(500e6, "GBP")]


def test_event_keeps_its_sentence_and_trigger_offsets(extract_text):
    text = "Officials met on Monday. Russia attacked Ukraine."
    extraction = extract_text(text)
    (event,) = extraction.events
    sentence = extraction.sentences[event.sentence]
    assert text[sentence.start_char : sentence.end_char] == "Russia attacked Ukraine."
    assert text[event.start_char : event.end_char] == "attacked"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a light verb in the passive: its subject is the noun it lends its type to
        (
            "A military aid package for Ukraine was announced by Sweden.",
            [("Sweden", "AID", "Ukraine")],
        ),
        # the accused of "alleged that ..." is the subject of the reported clause
        (
            "Kenya alleged that Somalia was behind the bombing.",
            [("Kenya", "ACCUSE", "Somalia")],
        ),
        # non-state groups act for themselves, not for their state
        (
            "Syrian rebels attacked Turkish troops.",
            [("Syrian rebels", "ASSAULT", "Turkey")],
        ),
        # a state's agents act for it
        (
            "Filipino peacekeepers criticized Syria.",
            [("Philippines", "ACCUSE", "Syria")],
        ),
        # a group nobody can place is no actor
        ("Rebels attacked Turkey.", []),
        ("Insurgents attacked Turkey.", []),
        # ... but rebels in a state are that state's rebels, not the state
        (
            "Rebels in Syria attacked Turkey.",
            [("Rebels from Syria", "ASSAULT", "Turkey")],
        ),
        # a group belongs to the one state its sentence names as a place; an
        # assault on a place of a state ("a district of Syria's capital") is on it
        (
            "Insurgents shelled a district of Syria's capital.",
            [("Insurgents from Syria", "ASSAULT", "Syria")],
        ),
        # conjoined nationalities on one group noun are one group each
        (
            "Syrian and Iraqi rebels attacked Turkey.",
            [
                ("Syrian rebels", "ASSAULT", "Turkey"),
                ("Iraqi rebels", "ASSAULT", "Turkey"),
            ],
        ),
        # two states named: whose militants they are is unknown
        ("Militants shelled a village near Turkey's border with Syria.", []),
    ],
)
def test_events_from_wider_constructions(extract_text, sentence, expected):
    assert triples(extract_text(sentence)) == expected


def test_a_non_state_group_is_a_group_with_its_cameo_code(extract_text):
    extraction = extract_text("Syrian rebels attacked Turkey.")
    groups = [e for e in extraction.entities if e.type == "Group"]
    assert [(g.key, g.name, dict(g.ids)) for g in groups] == [
        ("group:syr-rebel", "Syrian rebels", {"cameo": "SYRREB"})
    ]
    (event,) = extraction.events
    assert event.actor == "group:syr-rebel"


def test_no_inferred_recipient_inside_a_reported_clause(extract_text):
    extraction = extract_text("Kenya alleged that Somalia had armed the gunmen.")
    assert not any(e.target_inferred for e in extraction.events)
    assert ("Somalia", "AID", "Kenya") not in triples(extraction)


def coded(extraction):
    """(actor name, type, target name, CAMEO code) for each event."""
    return [
        (*triple, e.cameo)
        for triple, e in zip(triples(extraction), extraction.events, strict=True)
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a stated intent keeps the act's type; CAMEO codes it as an intent (03x)
        # (bbc_news tech/106)
        (
            "Mr Kotamaraja wanted to help those affected by the tsunami by pooling "
            "money with concerned friends.",
            [("Mr Kotamaraja", "AID", None, "033")],
        ),
        # the speaker's own use of force, announced or done, is claimed (015), and a
        # seizure is force (business/029)
        (
            "Venezuelan authorities have said they will seize land owned by a British "
            "company as part of President Chavez's agrarian reform programme.",
            [("Venezuela", "COERCE", None, "015")],
        ),
    ],
)
def test_stated_intent_is_coded_as_an_intent(extract_text, sentence, expected):
    assert coded(extract_text(sentence)) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # with no actor to act on, a meeting is directed at the place it is held in
        # (bbc_news business/213, politics/193)
        (
            "Dr Greenspan, 79, who has been in the UK to attend the G7 meeting in "
            "London, said the world could never repay the debt of gratitude it owed "
            "to Smith, whose genius he compared to that of Mozart.",
            [("Alan Greenspan", "CONSULT", "London")],
        ),
        (
            "Mr Blunkett met his EU counterparts in Luxembourg on Monday to consider "
            "proposals aimed at streamlining decision making on the issue.",
            [("David Blunkett", "CONSULT", "Luxembourg")],
        ),
        ("Russia held military exercises in Cuba.", [("Russia", "MOBILIZE", "Cuba")]),
        # an assault is not directed at the place it happens in
        ("Russia attacked rebels in Syria.", [("Russia", "ASSAULT", None)]),
    ],
)
def test_location_as_target(extract_text, sentence, expected):
    assert triples(extract_text(sentence)) == expected


def test_a_plain_past_participle_is_no_prospect(extract_text):
    # "be set to V" would pass its subject on; a plain "set" here passes nothing
    assert triples(extract_text("Chile set the agenda.")) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the agent of the object's act is whom the act is about; conjoined agents
        # are each a target (bbc_news politics/139)
        (
            "The UK has welcomed the decision by India and Pakistan to open a bus link "
            "across the ceasefire line dividing the disputed region of Kashmir.",
            [
                ("United Kingdom", "SUPPORT", "India"),
                ("United Kingdom", "SUPPORT", "Pakistan"),
            ],
        ),
    ],
)
def test_target_nested_in_the_object_phrase(extract_text, sentence, expected):
    assert triples(extract_text(sentence)) == expected


def test_a_paired_code_gives_the_target_its_event_back(extract_text):
    # "A received B" is also B visiting A (CAMEO 042), for any entry with
    # reverse_cameo: the one received came
    extraction = extract_text("Putin received Macron.")
    assert coded(extraction) == [
        ("Vladimir Putin", "CONSULT", "Emmanuel Macron", "043"),
        ("Emmanuel Macron", "CONSULT", "Vladimir Putin", "042"),
    ]


def test_a_negated_reception_has_no_visit(extract_text):
    assert coded(extract_text("Putin did not receive Macron.")) == [
        ("Vladimir Putin", "CONSULT", "Emmanuel Macron", "043")
    ]


def test_receiving_with_no_giver_named_is_no_event(extract_text):
    # the giver named after "from" acts ("Ukraine received weapons from Germany",
    # an example of "receive" in the lexicon); nobody named, no event
    assert coded(extract_text("Peru received weapons.")) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a stated refusal to cooperate is a rejection (CAMEO 12x), not a negated
        # act; backing is a verbal act (05x), so its refusal is 120 (politics/070)
        (
            "Michael Howard said he would not back the Home Secretary's plans for "
            '"control orders" which include home detention.',
            [("Michael Howard", "REJECT", None, "120")],
        ),
    ],
)
def test_negated_intent_to_cooperate_is_a_rejection(extract_text, sentence, expected):
    extraction = extract_text(sentence)
    assert coded(extraction) == expected
    assert not any(e.negated or e.hypothetical for e in extraction.events)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an agent noun placed "in" a state acts for it
        ("Police in Iraq attacked Syria.", [("Iraq", "ASSAULT", "Syria")]),
        # ... also through a city of that state
        ("Officials in Basra criticized Syria.", [("Iraq", "ACCUSE", "Syria")]),
    ],
)
def test_agent_noun_in_a_state_acts_for_it(extract_text, sentence, expected):
    assert triples(extract_text(sentence)) == expected


def test_a_state_name_parsed_as_an_adjective_owns_its_agent(extract_text):
    # the parser reads "Bhutan" in "Bhutan official" as an adjective (amod)
    assert triples(extract_text("Bhutan official criticized Peru.")) == [
        ("Bhutan", "ACCUSE", "Peru")
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the one permitted would act; the permission is the event, not the sending
        (
            "Germany gave permission to Poland to send tanks.",
            [("Germany", "SUPPORT", "Poland")],
        ),
        (
            "Germany gave Poland permission to send tanks.",
            [("Germany", "SUPPORT", "Poland")],
        ),
        # the one asked would act: the request is the event
        ("Germany urged Poland to send tanks.", [("Germany", "REQUEST", "Poland")]),
        # a purpose clause keeps the subject: Germany helps Ukraine
        (
            "Germany sent tanks to Poland to help Ukraine.",
            [("Germany", "AID", "Poland"), ("Germany", "AID", "Ukraine")],
        ),
    ],
)
def test_an_act_asked_or_permitted_of_another_is_not_the_askers(
    extract_text, sentence, expected
):
    assert triples(extract_text(sentence)) == expected


# A verb dictionary in PETRARCH's format (as users bring theirs, `--verbs`): words
# around the verb give its event another code. Real states, made-up codes where the
# code itself is the point.
PATTERN_VERBS = """\
&TIETYPES
+MILITARY
+ECONOMIC

&NEGAUX
+DID N'T
+WO N'T

--- RENEW [---] ---
RENEW
- * {&TIETYPES TIES} [064]

--- CLASH [190] ---
CLASH
- * (OVER PLANS) [110]

--- ACCEPT [---] ---
ACCEPT
- + * MONEY $ [071]

--- CONCUR [081] ---
CONCUR
- % * [030:030]

--- APPROVE [050] ---
APPROVE
- * BUDGET [---]

--- CAUTION [160] ---
CAUTION

--- CENSURE [111] ---
CENSURE
- HEAVILY * [122]

--- POSTPONE [120] ---
POSTPONE
- % * [161]

--- PARDON [080] ---
PARDON
- &NEGAUX * [124]

--- LEAVE [012] ---
LEAVE

--- LEFT [042:043] ---
LEFT
"""


@pytest.fixture(scope="module")
def extract_with_verbs(nlp, resources, tmp_path_factory):
    """Extraction with PATTERN_VERBS taking precedence over the bundled verbs."""
    from dataclasses import replace

    from kgextract.coding.petrarch import lexicon_rows, read_verb_dictionary
    from kgextract.eval.suites import _verb_lemmatizer
    from kgextract.knowledge.event_types import load_event_types
    from kgextract.knowledge.lexicon import extend_lexicon
    from kgextract.model import Article
    from kgextract.nlp.extract import extract

    path = tmp_path_factory.mktemp("verbs") / "verbs.txt"
    path.write_text(PATTERN_VERBS, encoding="utf-8")
    root_types = {
        root: name
        for name, kind in reversed(load_event_types().items())
        for root in kind.cameo_roots
    }
    converted = lexicon_rows(
        read_verb_dictionary(path),
        lemmatize=_verb_lemmatizer(nlp),
        root_types=root_types,
    )
    lexicon = extend_lexicon(resources.lexicon, converted.rows, silent=converted.silent)
    custom = replace(resources, lexicon=lexicon, coder_compatible=True)

    def run(text: str):
        return extract(Article.make("test.txt", "Test", text), nlp(text), custom)

    return run


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a pattern's words, a synonym set's member among them, in a row
        (
            "France renewed military ties with Germany.",
            [("France", "Germany", "064")],
        ),
        # a verb that codes nothing by itself, and no pattern matches
        ("France renewed its offer to Germany.", []),
        # words of a phrase with others between them ("over tax and spending plans");
        # no actor follows them in the clause, so no target (bbc_news politics/387)
        (
            "Labour and the Tories have clashed over tax and spending plans as the row "
            "over Gordon Brown's Budget turned into a full scale pre-election battle.",
            [("Labour Party", None, "110"), ("Conservative Party", None, "110")],
        ),
        # no pattern: the verb's own code
        ("France clashed with Germany.", [("France", "Germany", "190")]),
        # "+ * MONEY $": the subject is the target, the actor comes after
        ("Greece accepted money from Germany.", [("Germany", "Greece", "071")]),
        # "% *": a compound subject, a paired code A:A, each acts on the other
        (
            "France and Germany concur that the dispute must end.",
            [("France", "Germany", "030"), ("Germany", "France", "030")],
        ),
        # a pattern coded [---] says there is no event
        ("France approved the budget of Germany.", []),
        ("France approved Germany's plan.", [("France", "Germany", "050")]),
        # a dictionary verb's target is the first actor of its phrase
        ("France cautioned about Russia.", [("France", "Russia", "160")]),
        # words before the verb
        ("France heavily censured Germany.", [("France", "Germany", "122")]),
        ("France censured Germany.", [("France", "Germany", "111")]),
        # the verb that reports the clause is not one of its words
        (
            "France indicated it had heavily censured Germany.",
            [("France", "Germany", "122")],
        ),
        (
            "France heavily indicated it censured Germany.",
            [("France", "Germany", "111")],
        ),
        # "% *" with one code: the members of the compound subject act on each other
        (
            "France and Germany postponed their meeting.",
            [("France", "Germany", "161"), ("Germany", "France", "161")],
        ),
        # a pattern that holds the negation codes the refusal, not a negated act
        ("France didn't pardon Germany.", [("France", "Germany", "124")]),
        ("France pardoned Germany.", [("France", "Germany", "080")]),
        ("France did not pardon Germany.", []),
        # an inflected headword with its own code: "left" is not "leave"
        (
            "France left for Germany on Monday.",
            [("France", "Germany", "042"), ("Germany", "France", "043")],
        ),
        ("France will leave Germany.", [("France", "Germany", "012")]),
    ],
)
def test_verb_dictionary_patterns_choose_the_code_and_the_actors(
    extract_with_verbs, sentence, expected
):
    extraction = extract_with_verbs(sentence)
    names = {e.key: e.name for e in extraction.entities}
    found = [
        (names[e.actor], names.get(e.target) if e.target else None, e.cameo)
        for e in extraction.events
        if not e.negated
    ]
    assert found == expected


# -- session 4: constructions of real news the GSR round showed missing ---------------
def test_a_report_speaks_for_its_author(extract_text):
    assert coded(extract_text("A UN report criticized Israel.")) == [
        ("United Nations", "ACCUSE", "Israel", "111")
    ]


def test_claiming_responsibility_is_coded_015_at_the_state_attacked(extract_text):
    extraction = extract_text(
        "Somali militants claimed responsibility for a bombing at a hotel in Kenya."
    )
    assert coded(extraction) == [("Somali militants", "ASSAULT", "Kenya", "015")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a state's weapon or attack named in the passive is its act, and victims
        # no actor names are the people of the place where it struck
        (
            "Four civilians were killed in Israeli air strikes in southern Lebanon.",
            [("Israel", "ASSAULT", "Lebanon", "190")],
        ),
        # the place an attack came from is the attacker
        (
            "A rocket was fired at Israel from Lebanon.",
            [("Lebanon", "ASSAULT", "Israel", "190")],
        ),
        # not where it came from: the attack's site
        ("Ten soldiers were killed in Chile.", []),
        # an active verb's place is no target: "strikes gold in Spain" is sport
        ("Chile strikes gold in Spain.", [("Chile", "ASSAULT", None, "190")]),
    ],
)
def test_an_attack_without_a_named_agent_or_victim(extract_text, sentence, expected):
    assert coded(extract_text(sentence)) == expected


def test_asked_in_the_passive_the_subject_would_act(extract_text):
    """ "X has been urged by Y to act": the request is Y's, made to X (as in the
    active "Y urged X to act"). The Guardian feed in realworld_pages
    (rssp_guardian.rss, item 6; its "amid warnings ..." phrase cut)."""
    extraction = extract_text(
        "The United Nations has been urged by the Tax Justice Network to coordinate "
        "a global effort to end offshore tax evasion and corruption."
    )
    assert coded(extraction) == [
        ("Tax Justice Network", "REQUEST", "United Nations", "020")
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a name the gazetteer knows, written in lowercase
        (
            "Obama was pressured by congress to veto the bill.",
            [("US Congress", "COERCE", "Barack Obama", "170")],
        ),
        # a lowercase head the model leaves out of the name
        (
            "The US State department criticized Iran.",
            [("US State Department", "ACCUSE", "Iran", "111")],
        ),
    ],
)
def test_names_written_in_lowercase(extract_text, sentence, expected):
    assert coded(extract_text(sentence)) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the decision is Castro's: he bans (bbc_news business/200)
        (
            "Fidel Castro's decision to ban all cash transactions in US dollars in "
            "Cuba has once more turned the spotlight on Cuba's ailing economy.",
            [("Fidel Castro", "SANCTION", None, False)],
        ),
        # a refusal to act negates the act (politics/189)
        (
            "Environment Secretary Margaret Beckett has said the US will act on global "
            "warming despite George Bush's refusal to sign up to the Kyoto protocol on "
            "carbon emissions.",
            [("George W. Bush", "AGREE", None, True)],
        ),
    ],
)
def test_a_control_nouns_possessor_is_who_would_act(extract_text, sentence, expected):
    extraction = extract_text(sentence)
    found = [
        (*triple, e.negated)
        for triple, e in zip(triples(extraction), extraction.events, strict=True)
    ]
    assert found == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Russian and Chinese troops attacked Mongolia.",
            [("Russia", "ASSAULT", "Mongolia"), ("China", "ASSAULT", "Mongolia")],
        ),
    ],
)
def test_conjoined_nationalities_on_one_agent_noun_are_each_an_actor(
    extract_text, sentence, expected
):
    """ "French and German leaders" are the leaders of each state."""
    assert triples(extract_text(sentence)) == expected


def events_of(extraction):
    """(actor, type, target, negated, hypothetical) by name."""
    names = {entity.key: entity.name for entity in extraction.entities}
    return [
        (
            names[event.actor],
            event.type,
            names.get(event.target) if event.target else None,
            event.negated,
            event.hypothetical,
        )
        for event in extraction.events
    ]


# Sentences of BBC articles (../shared/data/bbc_news, path after each) where a word
# of an event has another sense or another actor; each with its counterpart where
# the event stands.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a participle without its auxiliary is a passive: who was asked is no asker
        (  # politics/055.txt
            'Asked if she was a member of the group, Ms Kelly said: "I do have '
            'spiritual support from Opus Dei and that is right."',
            [],
        ),
        ("Sweden was asked by Ukraine to send more weapons.", [
            ("Ukraine", "REQUEST", "Sweden", False, False),
        ]),
        # talking about a topic consults no one; talking with someone does
        (  # politics/166.txt
            "Mr Blunkett talked about how he fell in love.",
            [],
        ),
        ("China and Russia talked on Monday.", [
            ("China", "CONSULT", "Russia", False, False),
            ("Russia", "CONSULT", "China", False, False),
        ]),
        # withdrawing a product, or from a race, is no retreat; troops or one's
        # own comments are
        (  # entertainment/123.txt
            "The performer's record label Sony BMG has withdrawn the video and "
            "issued replacements to television stations.",
            [],
        ),
        (  # sport/457.txt
            "Mark Philippoussis withdrew from the Sydney International tennis "
            "tournament as expected on Sunday after suffering a groin injury during "
            "the Hopman Cup.",
            [],
        ),
        ("Russia withdrew its troops from Chechnya.", [
            ("Russia", "RETREAT", "Chechnya", False, False),
        ]),
        ("Ken Livingstone withdrew his comments.", [
            ("Ken Livingstone", "RETREAT", None, False, False),
        ]),
        # attending a school meets no one
        (  # entertainment/175.txt
            "Charles, who died last year, attended the school as a child in 1937.",
            [],
        ),
        # agreeing that something is true is an opinion; agreeing to act is not
        (  # business/063.txt
            "Van Rourke, a bond strategist at Popular Securities, agreed that the "
            'latest retail sales figures were "slightly stronger than expected".',
            [],
        ),
        (  # business/321.txt
            "Diageo, the world's biggest spirits company, has agreed to buy "
            "Californian wine company Chalone for dollars 260m (pounds 134m) in an "
            "all-cash deal.",
            [("Diageo", "AGREE", None, False, False)],
        ),
        # allowing no one in particular supports no one
        (  # tech/011.txt
            "The BBC already allows radio fans to hear programmes they missed online "
            "up to a week after broadcast.",
            [],
        ),
        # appealing to buyers attracts them; appealing to someone to act asks
        (  # tech/300.txt
            "Mac watchers and some analysts say the Mac mini will go a long way to "
            "help Apple appeal to the mass of consumers.",
            [],
        ),
        # paying for one's own plans, protecting one's own products or helping
        # to pay a bill gives no aid to anyone
        (  # politics/388.txt
            "The Lib Dems say they would fund free personal care by a new 50% tax "
            "rate on incomes over pounds 100,000.",
            [],
        ),
        (  # tech/259.txt
            "It is the second time in two weeks Apple has taken legal action to "
            "protect its future products.",
            [],
        ),
        (  # business/299.txt
            "Russian prosecutors are forcing the sale of the firm's most lucrative "
            "asset Yuganskneftegas to help pay a dollars 27bn (pounds 14bn) back tax "
            "bill.",
            [],
        ),
        # asking a question requests nothing; asking for something does
        (  # politics/099.txt
            'Mr Howard asked: "How can they fight crime when they are fighting each '
            'other?"',
            [],
        ),
        (  # politics/389.txt, up to "change"
            "Conservative Michael Fallon asked Mr Brown whether the Treasury had "
            "leaned on ONS to make this change.",
            [],
        ),
        (  # politics/050.txt, up to "smokers"
            'Mr McLetchie asked: "Would it not be ironic and perhaps entirely '
            "typical of the first minister's brave new Scotland that the criminals "
            'can be smokers?"',
            [],
        ),
        (  # business/265.txt
            "The Securities and Exchange Commission has asked for information about "
            "transactions involving holders of 5% or more of the firm's shares.",
            [("Securities and Exchange Commission", "REQUEST", None, False, False)],
        ),
        # "X agreed." alone shares a view
        (  # business/330.txt
            "Mr Valentine, who was born in the United States but grew up in "
            "Argentina, agreed.",
            [],
        ),
        # to challenge a rival is to compete; to challenge a ruling is to contest it
        (  # politics/238.txt
            "Former Scots Guardsman Allan Hendry will challenge Mr Ingram.",
            [],
        ),
        (  # business/135.txt
            "The Danish and German governments are challenging a European "
            "Commission ruling which said Greece should have sole rights to use the "
            "name.",
            [
                ("Denmark", "ACCUSE", "European Commission", False, False),
                ("Germany", "ACCUSE", "European Commission", False, False),
            ],
        ),
        # "is to" plans the act
        (  # politics/140.txt
            "Britain is to give a pounds 4m grant to help women survivors of the "
            "Rwandan genocide who were raped and often deliberately infected with "
            "HIV/Aids.",
            # the grant given, and the help it gives
            [("United Kingdom", "AID", None, False, True)] * 2,
        ),
        # investigating a matter accuses no one; investigating a firm does
        (  # tech/334.txt
            "The force's Directorate of Professional Standards is investigating the "
            "circumstances surrounding the loss of the documents, he said.",
            [],
        ),
        ("The SEC is investigating Citigroup's accounts.", [
            ("SEC", "ACCUSE", "Citigroup", False, False),
        ]),
        # blaming a cause accuses no one; blaming someone does
        (  # business/099.txt
            "GM and Ford blamed high fuel prices for low sales of big trucks and "
            "gas-guzzling sports utility vehicles (SUVs) - the vehicles that provide "
            "the biggest profits.",
            [],
        ),
        ("The Tories blamed Gordon Brown for the deficit.", [
            ("Conservative Party", "ACCUSE", "Gordon Brown", False, False),
        ]),
        # striking a deal is an accord, not a blow
        (  # sport/461.txt
            "In response, the ATP struck a deal with pharmaceutical company "
            "GlaxoSmithKline to provide contamination-free drinks and nutritional bars "
            "for the men's tour.",
            [("ATP", "AGREE", "GlaxoSmithKline", False, False)],
        ),
        # clashing over a matter is a dispute (politics/307.txt: "Mr Jackson, who
        # has clashed with his leaders over tuition fees and Europe in the past,
        # ..."); clashing with no matter named stays a fight
        (
            "Mr Jackson, who has clashed with Tony Blair over tuition fees, served as "
            "higher education minister.",
            [
                ("Mr Jackson", "ACCUSE", "Tony Blair", False, False),
                ("Tony Blair", "ACCUSE", "Mr Jackson", False, False),
            ],
        ),
        ("Vieira clashed with Roy Keane.", [
            ("Vieira", "ASSAULT", "Roy Keane", False, False),
            ("Roy Keane", "ASSAULT", "Vieira", False, False),
        ]),
        # what is promised is still to come; what is announced is given
        (  # entertainment/195.txt (the clause of Leonardo DiCaprio)
            "Leonardo DiCaprio pledged a sizable aid contribution to Unicef.",
            [("Leonardo DiCaprio", "AID", "UNICEF", False, True)],
        ),
        ("Britain announced aid to Kenya.", [
            ("United Kingdom", "AID", "Kenya", False, False),
        ]),
        # what a body did without doing it did not happen
        (  # entertainment/171.txt
            "Last year's Janet Jackson 'wardrobe malfunction' encouraged the FCC to "
            "impose tougher rules, but the US Congress adjourned last year without "
            "agreeing on a new level of fines.",
            [("US Congress", "AGREE", None, True, False)],
        ),
        # the one urged would act, even when it names no actor: "urged voters to
        # reject Labour" is no rejection by the one who urged (the construction
        # of "urged the club to reject the new deal", business/229.txt)
        ("Michael Howard urged voters to reject Labour.", [
            ("Michael Howard", "REQUEST", None, False, False),
        ]),
        # what someone wants another to do is only wished for, whoever wants it
        ("They want Britain to withdraw its troops from Iraq.", [
            ("United Kingdom", "RETREAT", "Iraq", False, True),
        ]),
        # an act someone is accused of is alleged; denied, it is negated too
        (  # sport/137.txt
            "Arsenal's Patrick Vieira had earlier denied accusations that he "
            "threatened Gary Neville before the 4-2 defeat.",
            [("Patrick Vieira", "THREATEN", "Gary Neville", True, True)],
        ),
        ("There were claims that Russia had attacked Georgia.", [
            ("Russia", "ASSAULT", "Georgia", False, True),
        ]),
        ("Russia denied that it had attacked Georgia.", [
            ("Russia", "ASSAULT", "Georgia", True, False),
        ]),
        ("Russia said it had attacked Georgia.", [
            ("Russia", "ASSAULT", "Georgia", False, False),
        ]),
        # one person of a state is not the state; its people, with "the", is
        (  # sport/451.txt, Carlos Moya
            "The Spaniard then donated his pounds 28,000 prize money to relief "
            "efforts for the victims of the Asian tsunami.",
            [],
        ),
        ("The French vetoed the plan.", [("France", "REJECT", None, False, False)]),
        # sport and feelings: relief felt is no aid sent; a title defended, a
        # line-up left, a first-round opponent met, a shot slammed over the bar
        (  # sport/239.txt
            "David Beckham expressed his relief at Real Madrid's passage to the "
            "Champions League knockout phase.",
            [],
        ),
        ("Britain sent relief to Sri Lanka.", [
            ("United Kingdom", "AID", "Sri Lanka", False, False),
        ]),
        (  # sport/499.txt
            "Carlos Moya has chosen not to help Spain try and defend the Davis Cup "
            "crown they won in Seville in November.",
            [],
        ),
        (  # sport/308.txt
            "He ran some good lines against Italy, made the breaks and fed his "
            "outside backs, although Italy defended man on man which made it easy "
            "for him.",
            [],
        ),
        ("Benitez defended goalkeeper Jerzy Dudek.", [
            ("Benitez", "SUPPORT", "Jerzy Dudek", False, False),
        ]),
        (  # sport/300.txt
            "Robinson also has an injury worry over centre Olly Barkley, who "
            "withdrew from Bath's starting line-up to face Gloucester last weekend.",
            [],
        ),
        (  # sport/450.txt, with the name for "he"
            "Lleyton Hewitt is set to meet Frenchman Arnaud Clement in the first "
            "round of the Australian Open.",
            [],
        ),
        ("Biden met Xi in Bali.", [
            ("Joe Biden", "CONSULT", "Xi Jinping", False, False),
        ]),
        (  # sport/240.txt
            "The visitors' pressure by now was incessant and Rooney had another "
            "shot blocked while Ronaldo slammed well over the bar again from a good "
            "position.",
            [],
        ),
        ("Michael Howard slammed Gordon Brown.", [
            ("Michael Howard", "ACCUSE", "Gordon Brown", False, False),
        ]),
        # examining a matter accuses no one
        (  # sport/040.txt
            "BBC Sport examines the challenges facing Radcliffe.",
            [],
        ),
        # a first name the model takes for a nationality starts a person's name
        (  # sport/199.txt (a dev article of the whole-article gold)
            "Chelsea have sacked Adrian Mutu after he failed a drugs test.",
            [("Chelsea", "SANCTION", "Adrian Mutu", False, False)],
        ),
        # occupying a position is no occupation; a clash with a thing is no fight
        (  # politics/282.txt
            "In his speech, Mr Blair contrasted a reformed Labour party, which had "
            "learned to occupy the political centre ground, with a hidebound Tory "
            "party.",
            [],
        ),
        ("Turkey occupies northern Cyprus.", [
            ("Turkey", "ASSAULT", "Cyprus", False, False),
        ]),
        (  # politics/254.txt
            "The prime minister responds by scheduling his monthly press conference "
            "to clash with a keynote speech by the chancellor.",
            [],
        ),
        # "it was unacceptable" faults what happened, not a body named before
        (  # politics/170.txt
            "Andy Williams, chief executive of Powys Local Health Board, had said it "
            'was "a totally unacceptable way to behave".',
            [],
        ),
        # a complaint, a lawsuit or charges filed, lodged or brought accuse
        (  # sport/091.txt
            "Victor Conte made the claims on television. And American sprinter "
            "Marion Jones has filed a lawsuit for defamation against Conte following "
            "his allegations that he gave her performance-enhancing drugs.",
            [("Marion Jones", "ACCUSE", "Victor Conte", False, False)],
        ),
        ("The firm filed for bankruptcy.", []),
        # a name compounded into an event noun acts when the noun names a target
        ("The EU ban on Chinese textiles angered Beijing.", [
            ("European Union", "SANCTION", "China", False, False),
        ]),
        ("The Iraq war cost billions.", []),
        # what a device or network "supports" is a capability, not a stance (the
        # sense of "devices will support the formats", tech/360.txt, and "players
        # that support … technology", tech/263.txt)
        ("Microsoft said the Xbox would support headset chat.", []),
        # and so is what it plays or runs (tech/351.txt, "also supports short-range
        # wireless play"; tech/165.txt, "could support clinically useful operation
        # of a robotic arm"), a portion of such things included
        ("The PSP also supports short-range wireless play.", []),
        ("The phone supports a variety of location-based services.", []),
        ("Labour supports the bill.", [
            ("Labour Party", "SUPPORT", None, False, False),
        ]),
        # a storm is no actor (business/134.txt: "the cash offered to Central
        # America after Hurricane Mitch")
        ("Hurricane Mitch killed 10,000 people in Honduras.", []),
        # and the name alone, once the article has called it a storm (business/
        # 270.txt, "supply disruptions after Hurricane Ivan")
        ("Oil rigs shut after Hurricane Ivan. Ivan killed 70 people in Grenada.",
         []),
        # a deal binds both sides: signed with someone, or by two together
        # (issue 14: "agreed a deal with", "signed an accord with": both ways)
        ("Ukraine signed a security agreement with Sweden.", [
            ("Ukraine", "AGREE", "Sweden", False, False),
            ("Sweden", "AGREE", "Ukraine", False, False),
        ]),
        ("France and Germany agreed a deal on farm subsidies.", [
            ("France", "AGREE", "Germany", False, False),
            ("Germany", "AGREE", "France", False, False),
        ]),
        # recognising that something is so acknowledges it; a state is recognised
        (  # tech/063.txt
            "Nicholas Negroponte spoke in Davos. Mr Negroponte said this was a not "
            "for profit venture, though he recognised that the manufacturers of the "
            "components would be making money.",
            [],
        ),
        ("Spain recognised Palestine.", [
            ("Spain", "SUPPORT", "Palestine", False, False),
        ]),
        # asking someone about something is a question, not a request
        (  # sport/208.txt
            "Walter Smith spoke to the board on Friday. He was asking me about it and "
            "I was positive.",
            [],
        ),
        # money made or earned is no aid given; money given is
        ("Deathifier will make money from his investment.", []),
        ("Britain gave money to Kenya.", [
            ("United Kingdom", "AID", "Kenya", False, False),
        ]),
        # signing up for a service subscribes; signing up to a deal agrees (the
        # construction of "more people signed up for broadband", tech/129.txt)
        ("Two million Germans signed up for broadband last year.", []),
        ("Japan signed up to the deal with Russia.", [
            ("Japan", "AGREE", "Russia", False, False),
        ]),
        ("Iraq detained the suspects without charge.", [
            ("Iraq", "COERCE", None, False, False),
        ]),
        # a quoted question "asked" requests nothing, even when the parser hangs
        # its "?" on the reporting verb; asking someone to act is a request
        (  # tech/352.txt
            '"Many of them will be looking to stream video," said Mr Saville, an '
            'analyst. "With all the other services coming on stream such as video on '
            'demand, the question is will 8Mbps be enough?" he asked.',
            [],
        ),
        ("Mr Saville asked Ofcom to act.", [
            ("Mr Saville", "REQUEST", "Ofcom", False, False),
        ]),
        # a name set off by commas after "director of …" is the director's, though
        # the parser hangs it on the last word (politics/231.txt); a friend of a
        # named man is not that man
        ("But director of the Victims of Crime Trust, Norman Brennan, accused Lord "
         "Woolf of having an arrogant contempt for victims of crime.", [
            ("Norman Brennan", "ACCUSE", "Lord Woolf", False, False),
        ]),
        ("A friend of Tony Blair accused the BBC of bias.", []),
        # the "it" of "found it cheaper to V" is no one, and the ones who found it so
        # act (business/234.txt, "has found it difficult to satisfy Japan's … users")
        ("The TUC published a report. Some firms found it cheaper to sack workers, "
         "it said.", []),
        ("Vodafone has found it difficult to attack Nokia.", [
            ("Vodafone", "ACCUSE", "Nokia", False, False),
        ]),
        # a name glued to the title's "for" phrase is the title holder's
        # (politics/340.txt); a title with no name is no one
        ("Labour's deputy minister for women Jacqui Smith accused the Lib Dems of "
         "offering false promises to women.", [
            ("Jacqui Smith", "ACCUSE", "Liberal Democrats", False, False),
        ]),
        # seizing on reports takes them up; seizing weapons takes them
        # (politics/024.txt, "is expected to seize on those reports")
        ("Michael Howard seized on those reports at prime minister's questions.", []),
        ("Iraqi police seized weapons.", [("Iraq", "COERCE", None, False, False)]),
        # helping design a product is a share in a task, though the tagger calls
        # "design" a noun (tech/295.txt); helping a state is aid
        ("She showed HP digital cameras which Gwen Stefani has helped design.", []),
        ("Britain helped Ukraine.", [
            ("United Kingdom", "AID", "Ukraine", False, False),
        ]),
        # helping someone's future or an economy gives no one aid (business/268.txt,
        # "a present that will help their financial future")
        ("Gordon Brown said the fund will help their financial future.", []),
        # an inquiry into a matter accuses no one (politics/240.txt, "held a
        # substantial inquiry into betting"); one into a firm is aimed at it
        ("The Parliamentary Group on Betting and Gaming held a substantial inquiry "
         "into betting last year.", []),
        ("The SEC launched an inquiry into Citigroup.", [
            ("SEC", "ACCUSE", "Citigroup", False, False),
        ]),
        # promises met are kept, whatever counts them (politics/261.txt, "claiming
        # Labour has met all of its promises"); leaders met are consulted
        ("John Prescott claimed Labour has met all of its promises.", []),
        # criticism met is faced, no meeting (business/333.txt, "to meet
        # criticism"; politics/390.txt, "have met with disapproval")
        ("Airbus met with some criticism from France.", []),
        # a product launched at a time or a venue attacks nothing (tech/317.txt, "to
        # launch the PSP in Europe at roughly the same time as the US"; tech/395.txt,
        # "launch it in Europe at the moment"); missiles launched at a state do
        ("Sony wanted to launch the PSP in Europe at roughly the same time as the US.",
         []),
        ("Russia launched missiles at Ukraine.", [
            ("Russia", "ASSAULT", "Ukraine", False, False),
        ]),
        # technology that thwarts copying rejects no one (tech/043.txt, "RipGuard
        # technology will thwart most … DVD ripping programs"); thwarting a party's
        # bid rejects it
        ("Macrovision says its RipGuard technology will thwart most DVD ripping "
         "programs.", []),
        ("The Appeal Court thwarted the Countryside Alliance's bid.", [
            ("Appeal Court", "REJECT", "Countryside Alliance", False, False),
        ]),
        # standing by one's own words keeps to them, no support (politics/075.txt,
        # "standing by" his remarks; business/323.txt, "we stand by our view");
        # standing by a person supports him
        ("Ken Livingstone says he is standing by his remarks.", []),
        ("France stood by Germany.", [("France", "SUPPORT", "Germany", False, False)]),
        ("Mr Blair met with Mr Chirac.", [
            ("Tony Blair", "CONSULT", "Jacques Chirac", False, False),
        ]),
        # backing down yields; backing a bid supports it (business/012.txt, "was
        # forced to back down in the face of public protests")
        ("Indonesia tried to cut subsidies but was forced to back down.", [
            ("Indonesia", "CONCEDE", None, False, False),
        ]),
        # merging one's own departments is no cooperation (business/201.txt, "it
        # would merge a number of departments"); merging with a firm is
        ("Novartis merged a number of departments.", []),
        ("Sumitomo merged with UFJ.", [
            ("Sumitomo", "COOPERATE", "UFJ", False, False),
            ("UFJ", "COOPERATE", "Sumitomo", False, False),
        ]),
        # what someone is accused of is theirs, not the accuser's, even where the
        # parser joins a second gerund to "accused" (politics/351.txt; politics/325.txt,
        # "accused the party of signing up to a deal with the Tories")
        ("Dr Fox accused Mr Blair and other Cabinet ministers of telling lies about "
         "their opponents' policies and then attacking the lies.", [
            ("Dr Fox", "ACCUSE", "Tony Blair", False, False),
        ]),
        # an idea raised is the raiser's, and only an idea (seeds/: "raised the idea
        # in February of sending personnel to Ukraine")
        ("When Macron first raised the idea in February of sending personnel to "
         "Ukraine, allies pushed back.", [
            ("Emmanuel Macron", "AID", "Ukraine", False, True),
        ]),
        ("Damian Hockney accused the party of signing up to a deal with the Tories.", [
            ("Damian Hockney", "ACCUSE", None, False, False),
        ]),
        ("The Bank of England helped the recovery.", []),
        # evidence given to a committee is testimony (politics/315.txt, "came to
        # give evidence"); evidence given against someone accuses them
        ("Mr Smith came to give evidence to the committee.", []),
        ("Mr Smith gave evidence against Mr Jones.", [
            ("Mr Smith", "ACCUSE", "Mr Jones", False, False),
        ]),
        # worry or controversy about plans names no planner (the construction of
        # politics/165.txt, "the controversy over plans to allow pubs to open");
        # plans announced are the announcer's
        ("France was worried about plans to lift the arms embargo on China.", []),
        ("France announced plans to lift the arms embargo on China.", [
            ("France", "CONCEDE", "China", False, True),
        ]),
        # asking someone if something is so is a question (entertainment/339.txt,
        # "I asked my mom if it was OK to be an actor"); asking for help if
        # something happens is a request
        ("Keanu Reeves asked Mr Smith if it was OK to be an actor.", []),
        ("Mr Blair asked France for help if the talks failed.", [
            ("Tony Blair", "REQUEST", "France", False, False),
        ]),
        # whom one calls on to act would act, not the caller (sport/200.txt: "has
        # called on the Football Association to punish …"); a day called on is no one
        ("Sir Alex Ferguson has called on the Football Association to condemn "
         "Thierry Henry.", [
            ("Alex Ferguson", "REQUEST", "Football Association", False, False),
        ]),
        # the parser may read "on" as a particle: still the ones called on act
        ("Sir Alex Ferguson will call on referees to support the FA.", [
            ("Alex Ferguson", "REQUEST", None, False, True),
        ]),
        ("Sir Alex Ferguson called on Monday to condemn Thierry Henry.", [
            ("Alex Ferguson", "REQUEST", None, False, False),
            ("Alex Ferguson", "ACCUSE", "Thierry Henry", False, False),
        ]),
        # dismissing someone "as" something disparages them (politics/272.txt,
        # "Charles Kennedy dismissed the Conservatives as a 'fading' force");
        # dismissing a person without it is sacking, not a stance
        ("Charles Kennedy dismissed the Conservatives as a fading force.", [
            ("Charles Kennedy", "ACCUSE", "Conservative Party", False, False),
        ]),
        ("Mr Blair dismissed Mr Brown.", []),
        # going to school meets no one (entertainment/175.txt, "attended the
        # school as a child"); attending a summit is a meeting
        ("Neil Kinnock attended Lewis Boys' School in Pengam.", []),
        ("Mr Blair attended the summit in Moscow.", [
            ("Tony Blair", "CONSULT", "Moscow", False, False),
        ]),
        # a market halting trade in shares sanctions no one (business/435.txt,
        # "to suspend trading in their shares until Monday")
        ("Elan suspended sales of Tysabri.", []),
        ("Sydney's stock exchange suspended trading in Qantas shares.", []),
        # a firm selling planes or kit to another is trade, not aid (business/
        # 335.txt, "Boeing is to supply Japan Airlines with up to 50 of its
        # forthcoming 7E7 planes"); a state arming another is aid
        ("Boeing is to supply Japan Airlines with 50 planes.", []),
        ("The US supplied Ukraine with missiles.", [
            ("United States", "AID", "Ukraine", False, False),
        ]),
    ],
)  # fmt: skip
def test_a_word_of_an_event_in_another_sense_or_role(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an inflected conjunct is a clause of its own: the "would not" of the first
        # verb is not its (the construction of politics/042.txt, "workers did not
        # want to go on strike and called for talks")
        (
            "Mr Blair said he would not respond to the reports and praised Germany.",
            [("Tony Blair", "SUPPORT", "Germany", False, False)],
        ),
        # so is one with an auxiliary of its own (the construction of
        # entertainment/085.txt, "is not offensive and has refused to withdraw it")
        (
            "Mr Howard did not criticise Mr Blair and has praised Mr Brown.",
            [
                ("Mr Howard", "ACCUSE", "Tony Blair", True, False),
                ("Mr Howard", "SUPPORT", "Mr Brown", False, False),
            ],
        ),
        # a bare conjunct shares them
        (
            "Sweden did not send weapons or give money to Ukraine.",
            [
                ("Sweden", "AID", None, True, False),
                ("Sweden", "AID", "Ukraine", True, False),
            ],
        ),
        # a "having" clause was done before the main one: its "will not" is not
        # the clause's (the construction of politics/083.txt, "says he will not
        # stand … again, having given up his ambition")
        (
            "Britain will not send more troops, having already sent troops to Iraq.",
            [
                ("United Kingdom", "AID", None, True, True),
                ("United Kingdom", "AID", "Iraq", False, False),
            ],
        ),
    ],
)
def test_negation_stays_in_its_own_conjunct(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what one decides against or opposes doing is not done (sport/467.txt,
        # "decided against competing"; politics/086.txt, "opposed extending it")
        (
            "France decided against sending troops to Iraq.",
            [("France", "AID", "Iraq", True, False)],
        ),
        (
            "Britain opposed sending troops to Iraq.",
            [
                ("United Kingdom", "ACCUSE", None, False, False),
                ("United Kingdom", "AID", "Iraq", True, False),
            ],
        ),
        # whom one warns against doing something would do it, not the one who
        # warns (entertainment/131.txt, "warned musicians against being allied to a
        # particular party"; politics/123.txt, "cautioned members against using")
        (
            "Billy Bragg warned musicians against being allied to a particular party.",
            [],
        ),
        ("Mr Martin cautioned members against attacking the Speaker.", []),
    ],
)
def test_what_is_decided_against_opposed_or_warned_against_is_not_done(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what is ended is no more (business/167.txt, "following the end of
        # Lebanon's bitter 15-year civil war"): an alliance ended is no support
        ("Fiat ended its alliance with General Motors.", [
            ("Fiat", "SUPPORT", "General Motors", True, False),
            ("General Motors", "SUPPORT", "Fiat", True, False),
        ]),
        ("Fiat negotiated an end to its alliance with General Motors.", [
            ("Fiat", "CONSULT", None, False, False),
            ("Fiat", "SUPPORT", "General Motors", True, False),
            ("General Motors", "SUPPORT", "Fiat", True, False),
        ]),
        ("Fiat formed an alliance with General Motors.", [
            ("Fiat", "SUPPORT", "General Motors", False, False),
            ("General Motors", "SUPPORT", "Fiat", False, False),
        ]),
        # an end only planned leaves it as it is (politics: "has defended plans to
        # end the European Union's arms embargo on China")
        ("Jack Straw has defended plans to end the European Union's arms embargo "
         "on China.", [
            ("Jack Straw", "SUPPORT", None, False, False),
            ("European Union", "SANCTION", "China", False, False),
        ]),
    ],
)  # fmt: skip
def test_an_act_that_is_ended_is_negated(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_an_amount_split_off_the_object_still_says_whose_the_object_is(extract_text):
    """The BBC writes "(dollars 2.3bn; pounds 1.8bn)" for its currency signs; the
    parser then makes "pounds" a second object and hangs "from X" on it."""
    sentence = (
        "Toyota rejected an offer worth 3.1bn Australian dollars "
        "(dollars 2.3bn; pounds 1.8bn) from General Motors."
    )
    assert events_of(extract_text(sentence, "2005")) == [
        ("Toyota", "REJECT", "General Motors", False, False)
    ]


def test_a_verb_the_model_lemmatizes_wrongly_is_still_read(extract_text):
    """entertainment/080.txt: the small English model lemmatizes "fined" as
    "fin"; the pipeline sets it right (``lemma_fixes``) before any rule reads it."""
    extraction = extract_text(
        "The US Federal Communications Commission fined CBS dollars 550,000 "
        "(pounds 306,814) last autumn for singer Janet Jackson's 'wardrobe "
        "malfunction'."
    )
    assert [(e.actor, e.verb) for e in extraction.events] == [
        ("org:us-federal-communications-commission", "fine")
    ]


def test_a_visit_states_the_visitors_act_only(extract_text):
    """ "Tony Blair visited Israel" says what Blair did; Israel hosting him is not
    stated. Judges read the host's side as doubtful at best and wrong for a campaign
    stop or a robot's world tour (round 4, EVAL.md), so it is not written. The one
    received is another matter: "Putin received Macron" says Macron came."""
    extraction = extract_text("Tony Blair visited Israel.")
    assert [(e.actor, e.verb, e.cameo) for e in extraction.events] == [
        ("person:tony-blair", "visit", "042"),
    ]
    received = extract_text("Putin received Macron.")
    assert [(e.actor, e.verb) for e in received.events][1] == (
        "person:emmanuel-macron",
        "visit",
    )


def _read_as(extraction, word):
    """Whom the article's coreference reads ``word`` as (None: nobody)."""
    found = [m.entity for m in extraction.mentions if m.text == word]
    return found[0] if found else None


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # a plain quality keeps the article's organisation (business/343.txt)
        (
            "The Jamaican government is regaining control of Air Jamaica in a bid to "
            "help the ailing company out of its financial difficulties.",
            "company",
            "org:air-jamaica",
        ),
        # a word that sets it apart does not: "the British company" is another
        (
            "The Jamaican government is regaining control of Air Jamaica in a bid to "
            "help the British company out of its financial difficulties.",
            "company",
            None,
        ),
        # "Turkcell signed a contract for the new network" (business/092.txt)
        (
            "Turkcell won a licence to run Irancell. Turkcell signed a contract for "
            "the new network.",
            "network",
            None,
        ),
        # a plural names several, never one (business/113.txt: "In letters sent
        # to the two companies, the Commission alleged the firms were abusing …")
        (
            "Brussels is investigating Vodafone and T-Mobile. The Commission accused "
            "the two companies of abusing their position.",
            "companies",
            None,
        ),
        (
            "Brussels is investigating Vodafone. The Commission accused the company "
            "of abusing its position.",
            "company",
            "org:vodafone",
        ),
        # "the company" is no union, however often the union is named
        # (business/014.txt: "NUJ official Barry Fitzpatrick said the company had
        # ignored the 90-day consultation period")
        (
            "The National Union of Journalists criticised the Telegraph Group. The "
            "National Union of Journalists called a strike. NUJ official Barry "
            "Fitzpatrick said the company had ignored the rules.",
            "company",
            "org:telegraph-group",
        ),
        # the subject of the clause the description is the subject of is not it
        (
            "Phytopharm makes snacks. Unilever will help the pharmaceutical firm "
            "develop the snacks.",
            "firm",
            "org:phytopharm",
        ),
    ],
)
def test_a_description_is_the_article_organisation_it_fits(
    extract_text, text, word, expected
):
    assert _read_as(extract_text(text, "2005"), word) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name given in full, then alone (business/324.txt)
        (
            "Yukos will return to a US court on Wednesday to seek sanctions against "
            "Baikal Finance Group, the little-known firm which has bought its main "
            "asset. Yukos has said it will sue Baikal and others involved in the "
            "sale of Yuganskneftegas for dollars 20bn in damages.",
            [("Yukos", "ACCUSE", "Baikal Finance Group", False, True)],
        ),
        # a name used alone before a longer one is no short form of it: Fiat
        # Powertrain is Fiat's plant (business/148.txt)
        (
            "GM pulled out of an agreement to buy Fiat. The unions claim Fiat is "
            "to close the Fiat Powertrain plant. GM sued Fiat.",
            [("General Motors", "ACCUSE", "Fiat", False, False)],
        ),
    ],
)
def test_a_lone_name_is_short_for_the_organisation_named_in_full(
    extract_text, text, expected
):
    assert [e for e in events_of(extract_text(text, "2005")) if e[1] != "RETREAT"] == (
        expected
    )


def test_a_possessive_company_name_read_as_a_person_is_the_company(extract_text):
    """ "Foster's bought an 18.8% stake in Southcorp" (business/435.txt), where the
    article names "Foster's Group": the model reads the lone "Foster" as a person.
    "Lord Dubs" of "Lord Dubs' Succession to the Crown Bill" (politics/073.txt)
    stays a person."""
    extraction = extract_text(
        "Brewing giant Foster's Group made an offer. Southcorp rejected an offer "
        "from Foster's.",
        "2005",
    )
    assert events_of(extraction)[-1] == (
        "Southcorp",
        "REJECT",
        "Foster's Group",
        False,
        False,
    )
    extraction = extract_text(
        "The government refused to back Lord Dubs' Succession to the Crown Bill. "
        "Lord Dubs urged the government to think again.",
        "2005",
    )
    dubs = [m.entity for m in extraction.mentions if m.text.endswith("Dubs")]
    assert dubs and all(key.startswith("person:") for key in dubs)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a sum of money lent or given to someone is aid (business/077.txt)
        (
            "China lent Russia dollars 6bn (pounds 3.2bn) to help the Russian "
            "government renationalise the key Yuganskneftegas unit.",
            [("China", "AID", "Russia", False, False)],
        ),
        # politics/322.txt, the party named
        (
            "Lord Drayson gave pounds 500,000 to the Labour Party just days before "
            "the election.",
            [("Lord Drayson", "AID", "Labour Party", False, False)],
        ),
        # a sum offered for something is a bid (business/171.txt), and one
        # pledged for a purpose names no one it goes to
        (
            "Frankfurt-based Deutsche Boerse has offered pounds 1.3bn (dollars "
            "2.48bn; 1.88bn euros) for the London Stock Exchange.",
            [],
        ),
        ("Gordon Brown also pledged an extra pounds 105m for security.", []),
        # "help X do": X is helped (adapted from business/469.txt)
        (
            "The IMF will help Turkey create the conditions for sustained growth.",
            [("International Monetary Fund", "AID", "Turkey", False, True)],
        ),
        # not by what is no actor (business/247.txt), nor those who are none
        (
            "Strong sales outside western Europe helped Renault boost its profits.",
            [],
        ),
        ("Labour will help people stay at home.", []),
    ],
)
def test_money_given_and_help_to_do_are_aid_to_whom_they_name(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        # a pronoun in a phrase set before the clause is its subject's, not a
        # name after it in the phrase (politics/403.txt)
        (
            "The chancellor spoke first. During his response to Gordon Brown's "
            "Budget statement on Tuesday, Michael Howard compared the chancellor's "
            "figures to the prime minister's claims.",
            "his",
            "person:michael-howard",
        ),
        # in the main clause the nearest name before it stays the reading
        (
            "Tony Blair spoke first. Mr Blair said he still admired Mr Blunkett.",
            "he",
            "person:tony-blair",
        ),
        # a subject that is a person the text does not name here may be whose it
        # is: not the name after the subject
        (
            "Tony Blair was in London. The Indian prime minister met Mr Blair at "
            "Downing Street on his first official visit to Britain.",
            "his",
            None,
        ),
        # "The Culture Secretary", which the model may read as a person's name, is
        # the holder of the office on the article's date (politics/187.txt)
        (
            "Tessa Jowell has announced plans to limit the number of new casinos in "
            "the UK, in a move branded a humiliating retreat by the Tories. The "
            "Culture Secretary said the move showed she listened to critics who "
            "feared an explosion in gambling.",
            "Secretary",
            "person:tessa-jowell",
        ),
        # a name set beside a description is its reading, and a shadow minister
        # holds no office (politics/192.txt)
        (
            "Foreign Secretary Jack Straw flew to Washington. The shadow foreign "
            "secretary, Michael Ancram, welcomed the return of the four detainees.",
            "secretary",
            None,
        ),
        # a description read before is there for the pronouns after it: "he" is
        # the chancellor, not the prime minister named first (politics/225.txt)
        (
            "Tony Blair faces questions about his relationship with Gordon Brown. "
            "Meanwhile, the chancellor is leaving Britain on a tour of Africa. But "
            "before doing so, he insisted he still trusted Mr Blair.",
            "he",
            "person:gordon-brown",
        ),
        # in "A and his B" the "his" is A's (politics/225.txt)
        (
            "Tony Blair spoke first. Tory leader Michael Howard spoke next. The Tories "
            "have accused the prime minister and his chancellor of squabbling.",
            "his",
            "person:tony-blair",
        ),
    ],
)
def test_whom_a_pronoun_or_title_stands_for_in_its_sentence(
    extract_text, text, word, expected
):
    found = [
        m.entity
        for m in extract_text(text, "2005").mentions
        if m.text == word and m.label == "COREF"
    ]
    assert (found[-1] if found else None) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a seat defended is an election fought, a person defended is support
        ("Jack Straw is defending the Labour seat of Blackburn.", []),
        (
            "Mr Smith defended Tony Blair.",
            [("Mr Smith", "SUPPORT", "Tony Blair", False, False)],
        ),
        # one's own flights suspended sanction no one; ties suspended do
        ("British Airways will now suspend the Saudi flights from 27 March.", []),
        (
            "The EU suspended ties with Uzbekistan.",
            [("European Union", "SANCTION", "Uzbekistan", False, False)],
        ),
        # a rise authorised is a budget, not a stance (the parser splits the
        # amount off as an object of its own)
        ("Congress authorised a dollars 800bn rise in what the US can owe.", []),
        # migrants welcomed are admitted; an offer welcomed is its maker's support
        (
            "Mr Clarke said the UK would welcome genuine economic migrants for key "
            "jobs.",
            [],
        ),
        (
            "Britain welcomed the Iranian offer.",
            [("United Kingdom", "SUPPORT", "Iran", False, False)],
        ),
        # a spouse met is a private meeting, whatever the name after the noun
        ("In Cardiff Neil Kinnock met his future wife Glenys.", []),
        # an advantage seized is a figure of speech, assets seized are coercion
        (
            "Party strategists have seen the Tories seizing a poll advantage over "
            "the issue.",
            [],
        ),
        (
            "Russia seized the assets of Yukos.",
            [("Russia", "COERCE", "Yukos", False, False)],
        ),
        # a thing prosecuted is pursued; a person prosecuted is charged
        (
            "Charles Clarke said Britain should be prosecuting much more "
            "energetically its ability to deport the individuals concerned.",
            [],
        ),
        (
            "Britain prosecuted Abu Hamza.",
            [("United Kingdom", "ACCUSE", "Abu Hamza", False, False)],
        ),
        # a thing shored up with no one's name on it is no support; a state's
        # defences are the state's
        ("Microsoft moved to shore up the poor security of its web browser.", []),
        (
            "Germany will shore up Ukraine's defences.",
            [("Germany", "SUPPORT", "Ukraine", False, True)],
        ),
        # a state defending itself supports no one; equipment made is a product
        ("The US is bound by law to help Taiwan defend itself.", []),
        ("Rossignol also makes golf equipment, snowboards and sports clothing.", []),
        # an act one is only ready or wants to do with another is one's own: the
        # other's readiness is not said; a meeting planned binds both
        (
            "Mahmoud Abbas is ready to negotiate with Israel.",
            [("Mahmoud Abbas", "CONSULT", "Israel", False, True)],
        ),
        (
            "Mahmoud Abbas will hold talks with Israel.",
            [
                ("Mahmoud Abbas", "CONSULT", "Israel", False, True),
                ("Israel", "CONSULT", "Mahmoud Abbas", False, True),
            ],
        ),
        # loans made to no one named are business, not aid
        (
            "Although not making loans directly to buyers, Fannie Mae is the largest "
            "player in the mortgage market.",
            [],
        ),
        # an act agreed to is still to come; the agreement is done, and made with
        # the company to be merged with
        (
            "Rosneft has agreed to merge with Gazprom.",
            [
                ("Rosneft", "AGREE", "Gazprom", False, False),
                ("Rosneft", "COOPERATE", "Gazprom", False, True),
                ("Gazprom", "COOPERATE", "Rosneft", False, True),
            ],
        ),
        # a subject or object joined by neither/nor denies the act of each
        (
            "Neither Mr Blair nor Mr Brown has criticised the Conservatives.",
            [
                ("Tony Blair", "ACCUSE", "Conservative Party", True, False),
                ("Mr Brown", "ACCUSE", "Conservative Party", True, False),
            ],
        ),
        (
            "Mr Blair has criticised neither the Conservatives nor the Liberal "
            "Democrats.",
            [
                ("Tony Blair", "ACCUSE", "Conservative Party", True, False),
                ("Tony Blair", "ACCUSE", "Liberal Democrats", True, False),
            ],
        ),
    ],
)
def test_the_object_decides_the_sense_and_neither_nor_denies(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what one calls a thing faults its owner (sport/187.txt)
        (
            "Chairman Freddy Shepherd described Bellamy's behaviour as \"totally "
            'unacceptable and totally unprofessional".',
            [("Freddy Shepherd", "ACCUSE", "Bellamy", False, False)],
        ),
        (
            "The Tories branded Labour's plans a disaster.",
            [("Conservative Party", "ACCUSE", "Labour Party", False, False)],
        ),
        (
            "Mr Kennedy called Mr Blair's proposal reckless.",
            [("Mr Kennedy", "ACCUSE", "Tony Blair", False, False)],
        ),
        # plans of no one named fault no one (politics/087.txt); praise is no
        # fault (business/464.txt)
        (
            "Refugee Council Chief Executive Maeve Sherlock called the plans "
            '"dangerous, ill thought-out and hugely irresponsible".',
            [],
        ),
        (
            'EBay chief executive Meg Whitman called 2004 an "outstanding success".',
            [],
        ),
    ],
)
def test_what_one_calls_a_thing_faults_its_owner(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the way something was done is the doer's (politics/187.txt)
        (
            "Tessa Jowell announced plans to limit casinos in the UK. But "
            "Conservative shadow culture secretary John Whittingdale said the way "
            'the government had handled the bill was a "shambles".',
            [("John Whittingdale", "ACCUSE", "United Kingdom", False, False)],
        ),
        # done by no one named (politics/377.txt), it faults no one
        (
            "Tessa Jowell announced plans to limit casinos in the UK. John "
            "Whittingdale said the way the licences were being awarded was a "
            "shambles.",
            [],
        ),
    ],
)
def test_the_way_something_was_done_is_the_doers(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_second_subject_after_the_verb_is_its_object(extract_text):
    """business/017.txt: the parser reads "Morgan Stanley" as a second subject of
    "sued"; it is the one sued. An inverted speaker stays the speaker."""
    assert events_of(
        extract_text(
            "On Tuesday, the company's administrator, turnaround expert Enrico "
            "Bondi, sued Morgan Stanley, its former banker, to return 136m euros "
            "relating to a 2003 bond deal.",
            "2005",
        )
    ) == [("Enrico Bondi", "ACCUSE", "Morgan Stanley", False, False)]
    assert events_of(
        extract_text('"Mr Blair has failed the country," said Mr Kennedy.', "2005")
    ) == [("Mr Kennedy", "ACCUSE", "Tony Blair", False, False)]


def test_a_state_of_a_federation_acts_for_no_country(extract_text):
    """ "the US state of Maine" (tech/063.txt) is Maine, a place: what it does is no
    act of the United States. "The state of Israel" is the country."""
    assert events_of(extract_text("The US state of Maine has sued Sony.", "2005")) == []
    assert events_of(extract_text("The state of Israel attacked Lebanon.", "2005")) == [
        ("Israel", "ASSAULT", "Lebanon", False, False)
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what one is criticised or praised for doing is one's own act
        # (politics/168.txt, "criticised … David Blunkett last year for
        # introducing last-minute rules")
        (
            "The Tories praised Labour for supporting the plan.",
            [
                ("Conservative Party", "SUPPORT", "Labour Party", False, False),
                ("Labour Party", "SUPPORT", None, False, False),
            ],
        ),
        (
            "Michael Howard criticised Tony Blair for attacking the Liberal Democrats.",
            [
                ("Michael Howard", "ACCUSE", "Tony Blair", False, False),
                ("Tony Blair", "ACCUSE", "Liberal Democrats", False, False),
            ],
        ),
        # one's own reason for acting stays one's own
        (
            "Michael Howard attacked Tony Blair for the sake of attacking Labour.",
            [("Michael Howard", "ACCUSE", "Tony Blair", False, False)],
        ),
    ],
)
def test_what_one_is_faulted_or_praised_for_doing_is_ones_own_act(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what no evidence or nothing says is not stated as done (business/184.txt,
        # "it had no evidence that Mr Paulsmeier had lined up sufficient finance")
        (
            "Britain said it had no evidence that Iran had attacked Iraq.",
            [("Iran", "ASSAULT", "Iraq", True, False)],
        ),
        (
            "There is nothing to suggest that Iran has attacked Iraq.",
            [("Iran", "ASSAULT", "Iraq", True, False)],
        ),
        # evidence that it happened leaves it stated
        (
            "Britain said it had evidence that Iran had attacked Iraq.",
            [("Iran", "ASSAULT", "Iraq", False, False)],
        ),
    ],
)
def test_what_no_evidence_says_is_not_stated_as_done(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the one a spokesman speaks for acts (politics/288.txt) ...
        (
            "A spokesman for UKIP called on Mr Hockney to quit the London Assembly.",
            [("UK Independence Party", "REQUEST", "Mr Hockney", False, False)],
        ),
        # ... but a party's spokesman "for" an office speaks for the party
        # (politics/242.txt, "the Conservative spokesman for the Cabinet Office")
        (
            "The Conservative spokesman for the Home Office criticised the plan.",
            [("Conservative Party", "ACCUSE", None, False, False)],
        ),
        # and a name beside him is the speaker
        (
            "Dr Julian Lewis, the Conservative spokesman for the Cabinet Office, "
            "criticised Mr Blair.",
            [("Julian Lewis", "ACCUSE", "Tony Blair", False, False)],
        ),
    ],
)
def test_a_spokesman_for_someone_speaks_for_them(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the noun a relative clause hangs on is the object it lacks: a target met
        # is no meeting (as in business/063.txt, "a target he says he has now
        # met"); the sites one has visited (tech/213.txt) are no visit
        (
            "Gordon Brown says the golden rule is a target he has met.",
            [],
        ),
        (
            "Google's Desktop search tool lets people look through the sites they "
            "have visited.",
            [],
        ),
        # a clause opening with "where" sets the scene: the noun is no object
        (
            "It was an issue in the election, where Michael Howard opposed "
            "extending it.",
            [("Michael Howard", "ACCUSE", None, False, False)],
        ),
        # where the relative clause has an object of its own, the noun is not it
        (
            "The minister Mr Blair met Mr Bush in Washington.",
            [("Tony Blair", "CONSULT", "George W. Bush", False, False)],
        ),
    ],
)
def test_a_relative_clause_object_is_the_noun_it_hangs_on(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "nor" denies the clause it joins on, as "not" the one before it
        # (tech/245.txt, "This however is not a sequel, nor does it relate to the
        # GoldenEye film")
        (
            "Britain did not attack Iraq, nor did France support the war.",
            [
                ("United Kingdom", "ASSAULT", "Iraq", True, False),
                ("France", "SUPPORT", None, True, False),
            ],
        ),
        (
            "Britain did not attack Iraq, and France supported the war.",
            [
                ("United Kingdom", "ASSAULT", "Iraq", True, False),
                ("France", "SUPPORT", None, False, False),
            ],
        ),
    ],
)
def test_a_clause_joined_by_nor_is_denied(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_capital_after_the_is_a_place_not_its_state(extract_text):
    """ "make the Lisbon targets a reality" (business/146.txt): a city takes no
    "the", so the parser's verb "targets" is a noun the city modifies; as a
    noun's modifier, though, "the Beijing government" is China's."""
    text = "Analysts doubt the policies needed to make the Lisbon targets a reality."
    assert events_of(extract_text(text, "2005")) == []
    assert events_of(
        extract_text("The Beijing government criticised Japan.", "2005")
    ) == [("China", "ACCUSE", "Japan", False, False)]


def test_a_word_of_a_quoted_question_is_no_one_asked(extract_text):
    """ "'… Or legitimate downloads, who would travel miles to a record shop when
    they could download the song in minutes for 70p?' he asks" (tech/341.txt): the
    parser makes "downloads" the object of "asks"; the "?" between says it is the
    question. Asking someone still requests of them."""
    text = (
        '"Gadgets are now cheaper than ever," said Adam Vaughan, editor of Stuff '
        "Essentials. The proliferation of gadgets is altering the role of the high "
        'street thinks Mr Vaughan. "Take digital cameras, who would now pay to '
        "develop an entire film of photos? Or legitimate downloads, who would travel "
        "miles to a record shop when they could download the song in minutes for "
        '70p?" he asks.'
    )
    assert events_of(extract_text(text, "2005")) == []
    assert events_of(
        extract_text('"Will you back the plan?" Mr Howard asked Mr Blair.', "2005")
    ) == [("Mr Howard", "REQUEST", "Tony Blair", False, False)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what one tries to do is not done (business/333.txt), and the other side
        # of the talks one tries to hold is not said to try
        (
            "Marsh's new chief executive, Michael Cherkasky, is trying to negotiate "
            "a settlement with Mr Spitzer.",
            [("Michael Cherkasky", "CONSULT", "Mr Spitzer", False, True)],
        ),
        (
            "Marsh's new chief executive, Michael Cherkasky, negotiated a settlement "
            "with Mr Spitzer.",
            [
                ("Michael Cherkasky", "CONSULT", "Mr Spitzer", False, False),
                ("Mr Spitzer", "CONSULT", "Michael Cherkasky", False, False),
            ],
        ),
    ],
)
def test_what_one_tries_to_do_is_not_done(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "whether" asks; its "or not" denies nothing (tech/275.txt, "to find out
        # whether or not we should allow UWB")
        (
            "Ofcom wants to find out whether or not it should ban UWB.",
            [("Ofcom", "SANCTION", "UWB", False, True)],
        ),
        (
            "Ofcom said it had not banned UWB.",
            [("Ofcom", "SANCTION", "UWB", True, False)],
        ),
    ],
)
def test_whether_asks_and_its_or_not_denies_nothing(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a body's own meeting is held in a city; it does not meet the host
        # (business/075.txt)
        # (and meeting on their own, they meet no one: a session, no event)
        (
            "European Union finance ministers are meeting on Thursday in Brussels, "
            "where they are to discuss a controversial jet fuel tax.",
            [],
        ),
        # a leader attending a summit abroad is still coded at the host state
        (
            "Tony Blair attended a summit in Switzerland.",
            [("Tony Blair", "CONSULT", "Switzerland", False, False)],
        ),
    ],
)
def test_a_bodys_own_meeting_does_not_meet_its_host(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_servers_and_handouts_targeted_are_no_attack(extract_text):
    """ "By targeting servers, the MPAA hopes to cripple BitTorrent's ability to
    share files" (tech/255.txt) is legal action; "Israel targeted Hamas leaders"
    is force."""
    text = "By targeting servers, the MPAA hopes to cripple BitTorrent's ability."
    assert [e[1] for e in events_of(extract_text(text, "2005"))] == []
    assert events_of(extract_text("Israel targeted Hamas leaders.", "2005")) == [
        ("Israel", "ASSAULT", "Hamas", False, False)
    ]


def test_attacked_as_or_for_something_is_criticism(extract_text):
    """ "…the International Air Transport Association (IATA), which has attacked the
    package as a 'bad piece of legislation'" (business/015.txt)."""
    text = "The package has been attacked by the Tories as too little, too late."
    assert events_of(extract_text(text, "2005")) == [
        ("Conservative Party", "ACCUSE", None, False, False)
    ]


def test_what_one_hopes_to_do_is_still_to_come(extract_text):
    """The small model lemmatizes "hopes", "hoped" and "hoping" as "hop", which no
    rule reads; set right, the hope makes the act one still to come ("Martin
    O'Neill hopes to block Stilian Petrov's call-up by Bulgaria", sport/277.txt)."""
    for verb in ("hopes", "hoped", "is hoping"):
        text = f"Martin O'Neill {verb} to block Stilian Petrov's call-up by Bulgaria."
        assert events_of(extract_text(text, "2005")) == [
            ("Martin O'Neill", "REJECT", "Stilian Petrov", False, True)
        ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a stance noun's "to"/"for" phrase naming a thing aims at its owner (as
        # "was quick to give his backing to the Federation's decision",
        # sport/258.txt)
        (
            "The TUC gave its backing to Mr Brown's budget.",
            [("Trades Union Congress", "SUPPORT", "Mr Brown", False, False)],
        ),
        (
            "The Lib Dems expressed opposition to Mr Blair's bill.",
            [("Liberal Democrats", "ACCUSE", "Tony Blair", False, False)],
        ),
        # not for what is given: troops sent to a war go to no one it names
        (
            "Britain sent troops to the Iraq war.",
            [("United Kingdom", "AID", None, False, False)],
        ),
    ],
)
def test_a_stance_on_a_thing_in_a_nouns_phrase_aims_at_its_owner(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an agreement to buy or merge with a company is one with it
        # (business/300.txt)
        (
            "Last week, SBC Communications agreed to buy its former parent and phone "
            "trailblazer AT&T for about dollars 16bn.",
            [("SBC Communications", "AGREE", "AT&T", False, False)],
        ),
        # not an agreement to do anything else to someone
        (
            "Russia agreed to attack Chechnya.",
            [
                ("Russia", "AGREE", None, False, False),
                ("Russia", "ASSAULT", "Chechnya", False, True),
            ],
        ),
    ],
)
def test_an_agreement_to_buy_a_company_is_one_with_it(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a person suspended is sanctioned (politics/125.txt)
        (
            "John Houston was due to stand in the East Kilbride seat. Peter Nielson, "
            "who is UKIP Scotland chairman, said he had suspended Mr Houston on Friday "
            "night.",
            [("Peter Nielson", "SANCTION", "John Houston", False, False)],
        ),
        # "government plans" are the article's state's government's, as "the
        # government" is (politics/081.txt)
        (
            "Tony Blair wants ID cards. The Tories are to back controversial "
            "government plans to introduce ID cards.",
            [("Conservative Party", "SUPPORT", "United Kingdom", False, True)],
        ),
        # not a government another word names
        (
            "Tony Blair wants ID cards. The Tories are to back Scottish government "
            "plans to introduce ID cards.",
            [("Conservative Party", "SUPPORT", None, False, True)],
        ),
    ],
)
def test_whom_a_suspension_or_government_plans_aim_at(extract_text, text, expected):
    assert events_of(extract_text(text, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an infinitive after a phrase set off by commas completes the plans the
        # phrase hangs on (politics/383.txt): the one worried lifts nothing
        (
            "Sir Menzies Campbell was among those worried about plans, backed by the "
            "UK, to lift the arms embargo imposed on China.",
            [("United Kingdom", "SUPPORT", None, False, False)],
        ),
        # whose plans they are still says who would act
        (
            "Britain drew up plans, backed by France, to lift the arms embargo on "
            "China.",
            [
                ("France", "SUPPORT", "United Kingdom", False, False),
                ("United Kingdom", "CONCEDE", "China", False, True),
            ],
        ),
    ],
)
def test_an_infinitive_set_off_by_commas_completes_the_plans(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_delegates_welcomed_to_a_conference_are_greeted_not_supported(extract_text):
    """ "Michael Howard, who had been due to welcome delegates to the conference on
    Friday" (politics/374.txt, which the judges saw in two samples)."""
    text = (
        "Conservative leader Michael Howard, who had been due to welcome delegates "
        "to the conference on Friday, will address them in a lunchtime speech."
    )
    assert events_of(extract_text(text, "2005")) == []
    assert events_of(extract_text("Michael Howard welcomed the report.", "2005")) == [
        ("Michael Howard", "SUPPORT", None, False, False)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an active verb joined to a passive shares its subject, not its agent
        # (business/331.txt)
        (
            "Disney was fined by the SEC and criticised the decision.",
            [
                ("SEC", "ACCUSE", "Disney", False, False),
                ("Disney", "ACCUSE", None, False, False),
            ],
        ),
        # papers saying what "they" will do report others (business/179.txt)
        (
            "The Sunday Times and The Sunday Telegraph say they will oppose any "
            "formal takeover bid from US tycoon Malcolm Glazer.",
            [],
        ),
        (
            "The Tories say they will oppose any bid from Malcolm Glazer.",
            [("Conservative Party", "ACCUSE", "Malcolm Glazer", False, True)],
        ),
        # examining a bid faults no one (business/188.txt)
        ("Qwest is examining Verizon's bid.", []),
        # the outlet told is not the "it" of what it is told (business/437.txt)
        (
            "Bat told the BBC at that time that it had not negotiated with the STMC.",
            [
                ("Bat", "CONSULT", "STMC", True, False),
                ("STMC", "CONSULT", "Bat", True, False),
            ],
        ),
        # a name joined to a "by" phrase right before a verb with no subject is that
        # verb's subject (business/189.txt)
        (
            "Mr Morchio wanted to become chairman. However, this was rejected by the "
            "founding Agnelli family and Mr Morchio subsequently resigned.",
            [],
        ),
        (
            "The plan was rejected by Labour and the Tories.",
            [
                ("Labour Party", "REJECT", None, False, False),
                ("Conservative Party", "REJECT", None, False, False),
            ],
        ),
        # a participle with a "by" agent is passive (business/293.txt)
        (
            "Mr Glazer has already had one takeover attempt turned down by the Red "
            "Devils.",
            [],
        ),
    ],
)
def test_who_acted_in_joined_passive_and_reported_clauses(extract_text, text, expected):
    assert events_of(extract_text(text, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # weapons given up are yielded, not given to anyone (as "to reward Tripoli
        # for giving up weapons of mass destruction", business/301.txt)
        (
            "Libya gave up weapons of mass destruction.",
            [("Libya", "CONCEDE", None, False, False)],
        ),
        # giving up a pastime is no event (entertainment/022.txt)
        ("Hazel Gilbert gave up ballet at the age of 10.", []),
    ],
)
def test_what_is_given_up_is_yielded_not_given(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a body meeting on its own holds its session and meets no one
        # (business/134.txt, "when it meets next week")
        ("The US Federal Reserve meets in Washington.", []),
        # meeting others, named or not, is still a meeting (business/219.txt,
        # "Borussia officials met with almost all the banks")
        (
            "Borussia Dortmund officials met with the banks on Friday.",
            [("Borussia Dortmund", "CONSULT", None, False, False)],
        ),
        (
            "Opec met Iran in Vienna.",
            [("OPEC", "CONSULT", "Iran", False, False)],
        ),
    ],
)
def test_a_body_meeting_alone_meets_no_one(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a time still ahead makes the act one to come (business/270.txt, "when it
        # meets next week")
        (
            "Mr Blair meets Mr Bush next week.",
            [("Tony Blair", "CONSULT", "George W. Bush", False, True)],
        ),
        (
            "Mr Blair is meeting Mr Bush in the coming weeks.",
            [("Tony Blair", "CONSULT", "George W. Bush", False, True)],
        ),
        # a day gone by in a story told in the past is no time ahead
        (
            "The next day, Mr Blair met Mr Bush.",
            [("Tony Blair", "CONSULT", "George W. Bush", False, False)],
        ),
        # a condition in the present still to be met (from the judged sample
        # business/039.txt, "once the government approves the deal"; the corpus has
        # no other instance)
        (
            "Illva will pay 481.42m yuan, once the Chinese government approves "
            "the deal.",
            [("China", "AGREE", None, False, True)],
        ),
        (
            "Once the Chinese government approved the deal, Illva paid.",
            [("China", "AGREE", None, False, False)],
        ),
    ],
)
def test_an_act_dated_ahead_is_still_to_come(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the one organisation inside the speaker's phrase is the one a
        # description names (politics/333.txt; and the judged sample
        # business/418.txt, whose opening is the second text)
        (
            "UKIP officials also argue Mr Kilroy-Silk has not been straightforward "
            "in attacking the party he once wanted to lead.",
            [("Robert Kilroy-Silk", "ACCUSE", "UK Independence Party", True, False)],
        ),
        (
            "A US firm has said it is in final negotiations with luxury goods group "
            "LVMH to buy the loss-making Christian Lacroix haute-couture house. "
            "Paris-based LVMH has been selling non-core businesses and focusing on "
            "its most profitable labels. Privately-held Falic Group bought two "
            "cosmetics brands, Hard Candy and Urban Decay, from LVMH in early 2003. "
            "LVMH refused to comment on the reports. But one of the three brothers "
            "behind the Falic Group said the firm had also held talks with the "
            "designer Christian Lacroix.",
            [
                ("Falic Group", "CONSULT", "Christian Lacroix", False, False),
                ("Christian Lacroix", "CONSULT", "Falic Group", False, False),
            ],
        ),
        # an analyst at a bank speaks of others: the firm is the article's
        (
            "Vodafone has been selling businesses. Vodafone refused to comment. An "
            "analyst at Merrill Lynch said the firm had also held talks with "
            "Christian Lacroix.",
            [
                ("Vodafone", "CONSULT", "Christian Lacroix", False, False),
                ("Christian Lacroix", "CONSULT", "Vodafone", False, False),
            ],
        ),
    ],
)
def test_a_description_in_speech_is_the_speakers_organisation(
    extract_text, text, expected
):
    assert events_of(extract_text(text, "2005")) == expected


def test_a_right_given_is_the_receivers_even_past_a_phrase(extract_text):
    """ "It gives a minister, for the first time in modern history, the right to
    detain without trial" (from the judged sample politics/182.txt): the parser
    makes the minister a second direct object; the minister would detain, not the
    one who speaks."""
    text = (
        'Mr Davis told Today: "It gives a minister, for the first time in modern '
        'history, the right to detain without trial."'
    )
    assert events_of(extract_text(text, "2005")) == []


def test_a_stance_on_a_person_in_a_role_is_not_one_on_their_organisation(
    extract_text,
):
    """ "Doug Kaye, a California-based podcaster, praises the former MTV VJ for
    what he has done" (from the judged sample tech/110.txt; the corpus has no
    other instance) praises the man, not MTV; a thing of the organisation's is
    still the organisation's."""
    praised = "Doug Kaye, a podcaster, praises the former MTV VJ for his work."
    assert events_of(extract_text(praised, "2005")) == [
        ("Doug Kaye", "SUPPORT", None, False, False)
    ]
    criticised = "Tony Blair criticised the BBC report."
    assert events_of(extract_text(criticised, "2005")) == [
        ("Tony Blair", "ACCUSE", "BBC", False, False)
    ]


def test_a_decision_owned_by_someone_unnamed_is_not_the_subjects(extract_text):
    """ "Scottish National Party leader Alex Salmond said it had received a 'big
    boost' from the campaign's decision to endorse SNP candidates in four marginal
    seats" (from the judged sample's article politics/238.txt): the campaign
    endorses, not the party that received the boost (here it backs another party,
    which the party would otherwise be read as backing)."""
    text = (
        "Scottish National Party leader Alex Salmond said it had received a big "
        "boost from the campaign's decision to back Labour."
    )
    assert events_of(extract_text(text, "2005")) == []
    owned = "Britain welcomed Peru's decision to attack Chile."
    assert ("Peru", "ASSAULT", "Chile", False, False) in events_of(
        extract_text(owned, "2005")
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # talks or a deal between named parties are each one's with the others
        # (business/428.txt)
        (
            "Most importantly, say analysts, the failure of talks between India and "
            "Pakistan on the Baglihar dam has not led to heightened tensions.",
            [
                ("India", "CONSULT", "Pakistan", False, False),
                ("Pakistan", "CONSULT", "India", False, False),
            ],
        ),
        # "no" says there is none (as in the judged sample business/192.txt,
        # "there was no treaty between the US and Russia to recognise the other's
        # legal rulings"; the corpus has no other instance)
        (
            "Legal expert William Butler said there was no treaty between the US and "
            "Russia.",
            [
                ("United States", "AGREE", "Russia", True, False),
                ("Russia", "AGREE", "United States", True, False),
            ],
        ),
        # a feud between two names is a standing state, not an act of the sentence
        # (politics/268.txt, an article of the judged samples)
        (
            "Mr Milburn also sought to draw a line under the controversy about "
            "reports of a feud between Gordon Brown and Prime Minister Tony Blair.",
            [],
        ),
    ],
)
def test_a_cooperative_act_between_named_parties(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_an_it_that_goes_on_from_the_last_sentences_subject(extract_text):
    """ "But it is now targeting the operators of BitTorrent networks themselves.
    It has filed 100 lawsuits against operators of BitTorrent server sites since
    December" (from the judged sample tech/038.txt; the corpus has no other
    instance that changes an event): the second "it" is the first one's, the
    MPAA, not the name between them."""
    text = (
        "As well as filing file suits across the US, the MPAA said it had given "
        "operators take down notices. But it is now targeting the operators of "
        "BitTorrent networks themselves. It has filed 100 lawsuits against "
        "operators of BitTorrent server sites since December."
    )
    actors = {e[0] for e in events_of(extract_text(text, "2005"))}
    assert "BitTorrent" not in actors


@pytest.mark.parametrize(
    "text, expected",
    [
        # "The committee said the National Audit Office should investigate why
        # the EDS system had gone so badly wrong. It blamed the agency's senior
        # management" (politics/116.txt): "it" is the committee the text names by
        # a noun alone, not the office named inside its words
        (
            "The committee said the National Audit Office should investigate why "
            "the EDS system had gone so badly wrong. It blamed the Child Support "
            "Agency for a multitude of problems.",
            [],
        ),
        # after a subject that is a name, "it" is the name
        (
            "The National Audit Office published its report. It blamed the Child "
            "Support Agency for a multitude of problems.",
            [
                (
                    "National Audit Office",
                    "ACCUSE",
                    "Child Support Agency",
                    False,
                    False,
                )
            ],
        ),
    ],
)
def test_an_it_after_a_subject_named_by_a_noun_alone_is_that_noun(
    extract_text, text, expected
):
    assert events_of(extract_text(text, "2005")) == expected


def test_a_gerund_in_a_nouns_place_is_no_act(extract_text):
    """ "Mr Brown wanted to provide dollars 10bn (pounds 5.38bn) a year over a
    decade, using G7 backing so the money could be borrowed up front on financial
    markets" (from the judged sample business/241.txt; as "the creditors whose
    backing CAO needs", business/499.txt): the tagger reads "backing" as a verb;
    it is the G7's backing, not Brown's act. A gerund that is one stays an act."""
    text = (
        "Mr Brown wanted to provide dollars 10bn a year over a decade, using G7 "
        "backing so the money could be borrowed up front on financial markets."
    )
    assert [e for e in events_of(extract_text(text, "2005")) if e[1] == "SUPPORT"] == []
    gerund = "Labour criticised the Tories for backing the war."
    assert ("Conservative Party", "SUPPORT", None, False, False) in events_of(
        extract_text(gerund, "2005")
    )


def test_merging_others_is_no_cooperation_with_them(extract_text):
    """ "The Scottish Executive will not now merge the Scottish Prison Service with
    local authority social work criminal justice departments" (politics/204.txt):
    a body merging others works with no one; merging with another does."""
    text = (
        "The Scottish Executive will not now merge the Scottish Prison Service with "
        "local authority social work criminal justice departments."
    )
    assert events_of(extract_text(text, "2005")) == []
    assert ("Glaxo", "COOPERATE", "SmithKline", False, False) in events_of(
        extract_text("Glaxo merged with SmithKline.", "2005")
    )


def test_a_verb_opening_the_sentence_is_no_word_of_its_objects_name(extract_text):
    """ "Praising Celtic and Rangers for their efforts, she said: ..." (from the
    judged sample politics/219.txt; the corpus has no other instance): the model
    tags "Praising Celtic" as one organisation."""
    text = (
        "Praising Celtic and Rangers for their efforts, Cathy Jamieson said: "
        '"I do not think there is any doubt."'
    )
    assert events_of(extract_text(text, "2005")) == [
        ("Cathy Jamieson", "SUPPORT", "Celtic", False, False),
        ("Cathy Jamieson", "SUPPORT", "Rangers", False, False),
    ]


def test_supporting_a_currency_or_an_economy_is_no_stance(extract_text):
    """ "The Bush administration's apparent unwillingness to intervene to support
    the dollar has caused further concern" (business/374.txt): buying a currency
    up backs no one (nor does "G20 finance ministers said nothing about
    supporting the dollar", the judged sample business/273.txt)."""
    text = "The Bush administration has refused to intervene to support the dollar."
    assert [e for e in events_of(extract_text(text, "2005")) if e[1] == "SUPPORT"] == []
    assert events_of(extract_text("Germany supports Ukraine.", "2005")) == [
        ("Germany", "SUPPORT", "Ukraine", False, False)
    ]


def test_a_name_compounded_into_a_bid_is_what_is_bid_for(extract_text):
    """ "TCI and Atticus have opposed the LSE bid" (from the judged sample
    business/203.txt, the Deutsche Boerse bid for the LSE): opposing the bid
    opposes the bidder, whom the compound does not name; a possessive does."""
    opposed = "TCI has opposed the LSE bid for some time."
    assert events_of(extract_text(opposed, "2005")) == [
        ("TCI", "ACCUSE", None, False, False)
    ]
    rejected = "Southcorp rejected Diageo's bid."
    assert [e[2] for e in events_of(extract_text(rejected, "2005"))] == ["Diageo"]
    # a person compounded into a bid is the bidder (business/209.txt)
    glazer = (
        "Malcolm Glazer wants Manchester United. Mr Magnier would support a Glazer bid."
    )
    assert [e[2] for e in events_of(extract_text(glazer, "2005"))] == ["Malcolm Glazer"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a purpose on a verb in the present is still to come (as the judged
        # sample business/183.txt, "As European leaders gather in Rome on Friday
        # to sign the new EU constitution")
        (
            "Mr Blair is flying to Washington to meet Mr Bush.",
            [("Tony Blair", "CONSULT", "George W. Bush", False, True)],
        ),
        # on a verb in the past it tells of a trip made
        (
            "Mr Blair flew to Washington to meet Mr Bush.",
            [("Tony Blair", "CONSULT", "George W. Bush", False, False)],
        ),
    ],
)
def test_a_purpose_in_the_present_is_still_to_come(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_tour_of_places_meets_no_one(extract_text):
    """ "Mr Kennedy is accelerating Lib Dem election preparations this week as he
    visits Manchester, Liverpool, Leicester, Somerset, Basingstoke, Shrewsbury,
    Dorset and Torbay" (politics/351.txt): the model tags Dorset an organisation
    and Torbay a person; in a list of places they are places, and visiting
    places meets no one. Visiting a state is a visit to it."""
    text = (
        "Mr Kennedy is accelerating Lib Dem election preparations this week as he "
        "visits Manchester, Liverpool, Leicester, Somerset, Basingstoke, "
        "Shrewsbury, Dorset and Torbay."
    )
    assert events_of(extract_text(text, "2005")) == []
    assert events_of(extract_text("Tony Blair visited Iraq.", "2005")) == [
        ("Tony Blair", "CONSULT", "Iraq", False, False)
    ]


def test_a_phrase_set_before_the_verb_is_no_part_of_a_phrasal_verb(extract_text):
    """ "At Heathrow, Gatwick, Edinburgh and Glasgow airports, BAA launched a
    series of consultations on blight to properties from the proposed expansion
    in September 2004" (politics/033.txt) says where; "launched missiles at" is
    force."""
    text = (
        "At Heathrow, Gatwick, Edinburgh and Glasgow airports, British Airways "
        "launched a series of consultations on blight to properties."
    )
    assert events_of(extract_text(text, "2005")) == []
    assert events_of(extract_text("Russia launched missiles at Ukraine.", "2005")) == [
        ("Russia", "ASSAULT", "Ukraine", False, False)
    ]


def test_a_business_a_description_names_speaks_for_its_it(extract_text):
    """ "Shares in engineering group Jarvis have soared … The company recently
    warned it could go under … The company also said it had agreed terms over the
    completion of 14 of its biggest construction projects" (from the judged sample
    business/341.txt): the model tags Jarvis a person, but the article calls it a
    group; "the company" is Jarvis, and so is the "it" it speaks of."""
    text = (
        "Shares in engineering group Jarvis have soared more than 16% on news that "
        "it is offloading its stake in London underground consortium Tube Lines. "
        "The sale of the 33% stake to Spain's Ferrovial for pounds 146m is a "
        "lifeline to Jarvis, which was weighed down by debts of more than pounds "
        "230m. The company also said it had agreed terms over the completion of 14 of "
        "its biggest construction projects."
    )
    assert events_of(extract_text(text, "2005")) == [
        ("Jarvis", "AGREE", None, False, False)
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # calling for someone to act asks them to (politics/376.txt)
        (
            "The Lib Dems called for Commons leader Peter Hain to make a statement "
            "and said chancellors had resigned over leaks.",
            [("Liberal Democrats", "REQUEST", "Peter Hain", False, False)],
        ),
        # what they are asked to do is only asked for
        (
            "The Tories called for the UN to impose sanctions on Iran.",
            [
                ("Conservative Party", "REQUEST", "United Nations", False, False),
                ("United Nations", "SANCTION", "Iran", False, True),
            ],
        ),
        # calling for a thing asks no one named (politics/190.txt)
        (
            "Mr Howard also called for a return to O-levels and more classroom "
            "discipline.",
            [("Mr Howard", "REQUEST", None, False, False)],
        ),
        # calling someone something asks for nothing (politics/268.txt, an article
        # of the judged samples)
        (
            'Tory Shadow Chancellor Oliver Letwin called Labour "a brilliant machine '
            'for talking about things" but said it did not deliver policies.',
            [],
        ),
    ],
)
def test_calling_for_something_is_a_request(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_chair_of_a_named_body_is_not_the_chair_the_article_knows(extract_text):
    """ "Last month the chairman of the Commission for Racial Equality (CRE) also
    called for ethnic minority shortlists in certain circumstances"
    (politics/318.txt): not Ian McCartney, Labour's chairman."""
    text = (
        "Labour chairman Ian McCartney spoke. Last month the chairman of the "
        "Commission for Racial Equality (CRE) also criticised Tony Blair."
    )
    assert [e[0] for e in events_of(extract_text(text, "2005"))] == []
    holder = (
        "Labour chairman Ian McCartney spoke. The chairman also criticised Mr Blair."
    )
    assert [e[0] for e in events_of(extract_text(holder, "2005"))] == ["Ian McCartney"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # branding something a failure is criticism of whoever owns it
        # (politics/275.txt, an article of the judged samples; as "Mark Oaten has
        # branded the ID scheme a waste of money", politics/300.txt)
        (
            "Lib Dem Treasury spokesman Vince Cable also branded the Tory plans as "
            '"fantasy economics".',
            [("Vince Cable", "ACCUSE", "Conservative Party", False, False)],
        ),
        # a participle right after a noun is that noun's, and passive; the parser
        # hangs the "by" agent on the object (politics/187.txt, an article of the
        # judged samples; the corpus has no other instance)
        (
            "Tessa Jowell has announced plans to limit the number of new casinos to "
            '24, in a move branded a "humiliating retreat" by the Tories.',
            [("Conservative Party", "ACCUSE", None, False, False)],
        ),
        # a participle that only describes a noun is no act (tech/347.txt)
        (
            "Sony Ericsson will use the fair to show off the W800 - its recently "
            "unveiled Walkman branded phone.",
            [],
        ),
        # nor one the parser joins to the clause above with no "and" or comma
        # to join it (the same sentence whole, tech/347.txt, an article of the
        # judged samples)
        (
            "Sony Ericsson will use the fair to show off the W800 - its recently "
            "unveiled Walkman branded phone - and there is speculation that "
            "Motorola may unveil its ROKR handset.",
            [],
        ),
        # verbs that a comma or an "and" joins share their subject
        (
            "Michael Howard attacked Labour, praised the Lib Dems and criticised "
            "Tony Blair.",
            [
                ("Michael Howard", "ACCUSE", "Labour Party", False, False),
                ("Michael Howard", "SUPPORT", "Liberal Democrats", False, False),
                ("Michael Howard", "ACCUSE", "Tony Blair", False, False),
            ],
        ),
    ],
)
def test_branding_something_is_criticism(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an object that is a word of the verb: "joining forces" (business/211.txt)
        (
            "Hitachi joined forces with Matsushita.",
            [
                ("Hitachi", "COOPERATE", "Matsushita", False, False),
                ("Matsushita", "COOPERATE", "Hitachi", False, False),
            ],
        ),
        # "working together" (as "Samsung Electronics and Sony are among other
        # companies working together to reduce costs", business/211.txt)
        (
            "Samsung Electronics and Sony are working together to reduce costs.",
            [
                ("Samsung", "COOPERATE", "Sony", False, False),
                ("Sony", "COOPERATE", "Samsung", False, False),
            ],
        ),
    ],
)
def test_an_idiom_of_verb_and_object_or_together(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_he_in_quoted_words_is_not_the_one_quoted(extract_text):
    """ "Later the prime minister said: 'A lot of us in politics get angry with
    journalists from time to time, but in the circumstances, and to the journalist
    because he was a Jewish journalist, yes, he should apologise'"
    (politics/075.txt): the one quoted would say "I"; the "he" who should
    apologise is Ken Livingstone, named before, not Tony Blair."""
    text = (
        "Tony Blair has urged London mayor Ken Livingstone to apologise for his "
        "comment to a Jewish reporter. Later the prime minister said: "
        '"In the circumstances, yes, he should apologise."'
    )
    actors = {e[0] for e in events_of(extract_text(text, "2005")) if e[1] == "SUPPORT"}
    assert actors == {"Ken Livingstone"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # freeing up money makes it available, and frees no one (politics/365.txt,
        # an article of the judged samples, its "He" named; as "to free up cash
        # for priorities such as fighting terrorism", politics/029.txt)
        (
            "Gordon Brown plans to axe 104,000 jobs to free up money for education, "
            "health, defence, housing and overseas aid.",
            [],
        ),
        # freeing prisoners is a concession to their state
        (
            "Belarus freed Lithuanian prisoners.",
            [("Belarus", "CONCEDE", "Lithuania", False, False)],
        ),
    ],
)
def test_freeing_up_money_frees_no_one(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # beating a player is no expulsion (sport/508.txt); nor, as the CAMEO
        # dictionary codes "oust * ruler" as no event, is ousting a person from a
        # post ("Milburn was ousting Brown", politics/402.txt, a judged sample)
        (
            "Unseeded Nicolas Almagro became the fifth Spaniard to reach the last "
            "eight at the Buenos Aires Open, ousting eighth seed Mariano Zabaleta.",
            [],
        ),
        # expelling a state's diplomats is coercion of that state
        (
            "Russia ousted two British diplomats.",
            [("Russia", "COERCE", "United Kingdom", False, False)],
        ),
    ],
)
def test_ousting_a_person_from_a_post_or_a_match_is_no_expulsion(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a state named on a lawsuit is where it is heard (business/192.txt, an
        # article of the judged samples; the corpus has no other instance)
        (
            "The company is also seeking dollars 20bn in a separate US lawsuit "
            "against Rosneft and Gazprom for their role in the sale of Yugansk.",
            [],
        ),
        # the one who files it sues
        (
            "Yukos filed a US lawsuit against Rosneft.",
            [("Yukos", "ACCUSE", "Rosneft", False, False)],
        ),
    ],
)
def test_a_state_named_on_a_lawsuit_is_where_it_is_heard(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_name_with_a_business_officer_is_a_business_not_a_person(extract_text):
    """ "said Michael Heilmann, chief technology officer for Vivendi Universal …
    While Toshiba's HD-DVD technology has won backing from Paramount, Universal
    and Warner Bros" (tech/155.txt, an article of the judged samples): the model
    tags Vivendi Universal a person, and the lone "Universal" was read as his
    surname; a name with an officer is a business, and the studio is its own."""
    text = (
        '"Demand is growing," said Michael Heilmann, chief technology officer for '
        "Vivendi Universal. While Toshiba's HD-DVD technology has won backing "
        "from Paramount, Universal and Warner Bros, Sony's Blu-ray has the support "
        "of Disney."
    )
    actors = {e[0] for e in events_of(extract_text(text, "2005"))}
    assert "Vivendi Universal" not in actors
    assert {"Paramount", "Universal"} <= actors


def test_a_quotation_over_several_sentences_is_its_speakers(extract_text):
    """ "Sir Digby added: 'I don't think he will. I have to say he has been a
    prudent chancellor right the way through'" (politics/359.txt): the quotation
    runs on past its first sentence; its "I" is the one who speaks it, named
    before it opens, and its "he" someone else. A knight goes by his first name
    ("Sir Digby" is Sir Digby Jones)."""
    text = (
        "Gordon Brown has said he will not be tempted to use the cash on "
        "pre-election bribes. His assurances came after Sir Digby Jones said "
        "stability was all important. His message to the chancellor was: "
        '"Please do not give it away in any form of electioneering." Sir Digby '
        'added: "I do not think he will. I have to say he has been a prudent '
        'chancellor right the way through."'
    )
    assert events_of(extract_text(text, "2005")) == [
        ("Digby Jones", "SUPPORT", "Gordon Brown", False, False)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # 'he replied: "The idea that I would allow anybody to make such a charge
        # is outrageous. It's untrue. "If you look what I do, I attack Michael
        # Howard politically."' (politics/316.txt, an article of the judged
        # samples): a quotation opened again inside an open one goes on with it,
        # and "he" set before the clause is the one named before
        (
            "During his interview, Mr Blair said he had been a strong supporter "
            "of the community. Pressed on whether he would draw attention to Mr "
            "Howard's beliefs, he replied: \"The idea is outrageous. It's untrue. "
            '"If you look what I do, I attack Michael Howard politically."',
            [("Tony Blair", "ACCUSE", "Michael Howard", False, False)],
        ),
        # a quotation closed, then spoken of: the speaker named after it
        (
            '"This is a scandal. We condemn Tony Blair for it," said Michael Howard.',
            [("Michael Howard", "ACCUSE", "Tony Blair", False, False)],
        ),
        # a stray closing mark opens nothing: 'could be "a very effective
        # recruiting sergeant" for terrorists". … He called on the prime minister
        # to "enter into constructive discussions"' (politics/070.txt)
        (
            'Michael Howard said internment could be "a very effective '
            'recruiting sergeant" for terrorists". He called on Tony Blair to '
            '"enter into constructive discussions" with his party.',
            [("Michael Howard", "REQUEST", "Tony Blair", False, False)],
        ),
    ],
)
def test_we_and_i_in_a_quotation_are_its_speaker(extract_text, text, expected):
    assert events_of(extract_text(text, "2005")) == expected


def test_a_name_in_quoted_words_is_not_what_the_narratives_he_is(extract_text):
    """'In a letter to his constituency chairman he wrote: "It is in the
    country's best interest that Tony Blair rather than Michael Howard should form
    the next government." While saying he admired Mr Blair's "courageous"
    leadership of the country, he bitterly criticised the Conservatives stance on
    Europe' (politics/307.txt, an article of the judged samples): the writer
    criticised, not a name in his letter."""
    text = (
        'In a letter to his constituency chairman he wrote: "It is in the '
        "country's best interest that Tony Blair rather than Michael Howard should "
        "form the next government.\" While saying he admired Mr Blair's "
        '"courageous" leadership of the country, he bitterly criticised the '
        "Conservatives stance on Europe."
    )
    actors = {e[0] for e in events_of(extract_text(text, "2005"))}
    assert not actors & {"Tony Blair", "Michael Howard"}


def test_the_body_a_complaint_is_lodged_with_is_not_its_target(extract_text):
    """ "Ms Simonetti … has since lodged a complaint with the US Equal Employment
    Opportunity Commission" (tech/102.txt, an article of the judged samples; as
    "filing a discrimination complaint with the Federal Government EEOC",
    tech/180.txt): where it is lodged; the complaint is against Delta."""
    text = (
        "Ms Simonetti has lodged a complaint with the US Equal Employment "
        "Opportunity Commission."
    )
    assert [e[2] for e in events_of(extract_text(text, "2005"))] == [None]


def test_who_is_charged_with_an_act_is_its_doer(extract_text):
    """ "US prosecutors have charged nine food suppliers with helping Dutch
    retailer Ahold inflate earnings" (business/448.txt, an article of the judged
    samples): the suppliers are said to have helped, not the prosecutors, as in
    "accused X of V-ing"."""
    text = (
        "US prosecutors have charged nine food suppliers with helping Dutch "
        "retailer Ahold inflate earnings by more than dollars 800m."
    )
    assert events_of(extract_text(text, "2005")) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what one "had rejected" someone else rejected (business/202.txt, an
        # article of the judged samples; as "Morgan had a succession of bids
        # rejected", sport/118.txt)
        (
            "The lawsuit was filed on Friday after Qwest Communications, which had "
            "an earlier offer for MCI rejected, said it would submit an improved "
            "bid.",
            [],
        ),
        (
            "Qwest Communications rejected an earlier offer for MCI.",
            [("Qwest Communications", "REJECT", "MCI", False, False)],
        ),
    ],
)
def test_what_one_had_done_to_ones_own_is_someone_elses_act(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_neither_nor_list_before_the_verb_denies_it(extract_text):
    """ "It covers the cost of the prince's public and private life - neither
    Charles, nor William and Harry, receive taxpayers' money from the Civil List"
    (politics/044.txt, an article of the judged samples, read whole): the parser
    hangs the list on the noun before the dash; it is still the verb's subject,
    and denies the act."""
    path = shared_data("bbc_news", "politics", "044.txt")
    extraction = extract_text(path.read_text(encoding="utf-8"), "2005")
    received = [e for e in extraction.events if e.verb == "receive"]
    assert received and all(e.negated for e in received)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a name the text calls a robot is a machine: its world tour visits no
        # one (tech/246.txt and tech/356.txt, articles of the judged samples; the
        # corpus names no other machine so)
        (
            "Car-maker Honda's humanoid robot Asimo has visited the UK, Germany and "
            "France as part of a world tour.",
            [],
        ),
        # nor is outdoing one a challenge to its maker: "Asimo and Sony's Qrio
        # robots" says what both are
        (
            "Japanese electronics firm Hitachi has unveiled its first humanoid "
            "robot, called Emiew, to challenge Honda's Asimo and Sony's Qrio robots.",
            [],
        ),
        # a maker named on its products is still the maker ("a version of iTunes
        # for Motorola phones", tech/040.txt)
        (
            "Apple signed a deal with Motorola to produce a version of iTunes for "
            "Motorola phones.",
            [
                ("Apple", "AGREE", "Motorola", False, False),
                ("Motorola", "AGREE", "Apple", False, False),
            ],
        ),
        # a person of the firm visits
        (
            "Honda chairman Takeo Fukui has visited the UK, Germany and France.",
            [
                ("Takeo Fukui", "CONSULT", "United Kingdom", False, False),
                ("Takeo Fukui", "CONSULT", "Germany", False, False),
                ("Takeo Fukui", "CONSULT", "France", False, False),
            ],
        ),
    ],
)
def test_a_name_the_text_calls_a_machine_is_no_actor(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a request made in a letter asks the one written to (politics/002.txt)
        (
            "Tory leader Michael Howard has written to Tony Blair demanding an "
            "explanation of the new rules on e-mail retention.",
            [("Michael Howard", "REQUEST", "Tony Blair", False, False)],
        ),
        # a complaint made to a watchdog is not against it
        (
            "Michael Howard has written to the Electoral Commission complaining "
            "about the new rules.",
            [("Michael Howard", "ACCUSE", None, False, False)],
        ),
    ],
)
def test_a_request_in_a_letter_asks_the_one_written_to(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_the_party_leader_is_the_leader_the_article_named(extract_text):
    """ "Tory leader Michael Howard has gone on the offensive … The Tory leader
    brands such criticisms as 'absolutely rubbish', arguing that he has been
    consistent on his support for the war but critical of Mr Blair's failure to
    tell the truth on intelligence" (politics/013.txt): "the Tory leader", and
    the "he" after it, are Michael Howard, not the party; issue 14's reader
    missed this stance."""
    text = (
        "Tory leader Michael Howard has gone on the offensive. The Tory leader "
        'brands such criticisms as "absolutely rubbish", arguing that he has been '
        "consistent on his support for the war but critical of Mr Blair's failure "
        "to tell the truth on intelligence."
    )
    assert events_of(extract_text(text, "2005")) == [
        ("Michael Howard", "ACCUSE", "Tony Blair", False, False)
    ]


def test_a_title_the_article_gave_someone_names_them_again(extract_text):
    """ "But Oliver Letwin, for the Tories, attacked government red tape and
    debt … The shadow chancellor said Mr Brown's 'golden rule' had 'turned to
    dross in his hands'" (politics/128.txt, an article of the judged samples; its
    evaluation shortened to one the rules read): no holder of a state's office is
    a shadow one, but the one the article (or the gazetteer, on its date) gave
    that title is."""
    text = (
        "But Oliver Letwin, for the Tories, attacked government red tape and "
        'debt, dubbing Mr Brown "Sir Wastealot". The shadow chancellor said Mr '
        "Brown had failed."
    )
    assert ("Oliver Letwin", "ACCUSE", "Mr Brown", False, False) in events_of(
        extract_text(text, "2005")
    )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # welcome said in mockery is no praise (politics/364.txt, an article of
        # the judged samples; as "was
        # sarcastically applauded", sport/265.txt)
        (
            "Mr Brown's Budget was all about the interests of the Labour party, "
            "Michael Howard said after mockingly welcoming the chancellor back to "
            "the election campaign.",
            [],
        ),
        (
            "Michael Howard welcomed Gordon Brown back to the election campaign.",
            [("Michael Howard", "SUPPORT", "Gordon Brown", False, False)],
        ),
    ],
)
def test_praise_said_in_mockery_is_no_praise(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


def test_a_party_in_a_persons_title_is_not_what_it_stands_for(extract_text):
    """ "Tory leader Michael Howard said the chancellor was up to his old trick
    … He branded it a dodgy 'vote now pay later' budget" (politics/362.txt, an
    article of the judged samples): "it"
    is the Budget, not the party in Mr Howard's title, nor a party named two
    sentences before."""
    text = (
        "The Liberal Democrat leader said the budget was unfair. Tory leader "
        "Michael Howard said the chancellor was up to his old trick of re-casting "
        'his forecasts. He branded it a dodgy "vote now pay later" budget.'
    )
    targets = {e[2] for e in events_of(extract_text(text, "2005")) if e[1] == "ACCUSE"}
    assert not targets & {"Conservative Party", "Liberal Democrats"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what one has is no judgement of one ("Microsoft has amazing assets
        # including software capability and a global name but it has yet to show
        # me it can create a rival product to Yahoo," tech/337.txt, an article of
        # the judged samples)
        (
            '"Microsoft has amazing assets including software capability," Allen '
            "Weiner said.",
            [],
        ),
        # a deed one made is
        (
            "Charles Kennedy said Tony Blair had made a terrible mistake.",
            [("Charles Kennedy", "ACCUSE", "Tony Blair", False, False)],
        ),
    ],
)
def test_what_one_has_is_no_judgement_what_one_did_is(extract_text, sentence, expected):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a regulator singling out building projects attacks no one
        # (business/282.txt, an article of the judged samples)
        (
            "So far, only 22 of the 30 construction projects targeted by China's "
            "State Environmental Protection Agency (Sepa) for having not carried out "
            "mandatory environmental impact assessments have complied with its "
            "shutdown order.",
            [],
        ),
        # force aimed at bases is an attack (the model lemmatizes "bases" as
        # "basis")
        (
            "US jets targeted militant bases in Falluja.",
            [("United States", "ASSAULT", None, False, False)],
        ),
    ],
)
def test_targeting_is_force_only_at_what_force_is_aimed_at(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a participle set beside a refusal is not refused (business/501.txt, an
        # article of the judged samples, its "he" named)
        (
            "Nestor Kirchner has rejected any tariff increases, alleging this will "
            "impoverish citizens further.",
            [
                ("Nestor Kirchner", "REJECT", None, False, False),
                ("Nestor Kirchner", "ACCUSE", None, False, False),
            ],
        ),
        # a complement of a refusal is
        (
            "Nestor Kirchner refused to criticise Chile.",
            [("Nestor Kirchner", "ACCUSE", "Chile", True, False)],
        ),
    ],
)
def test_a_refusal_denies_its_complement_not_a_participle_beside_it(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the ones expected would act, not the one who expects them to
        # (politics/032.txt, an article of the judged samples)
        (
            "Richard Dodd, regional director of the Countryside Alliance, said he "
            "expected between 2,000 and 4,000 supporters in Tyneside to make their "
            "protest.",
            [],
        ),
        # and what is expected is not done
        (
            "Richard Dodd expected Labour to protest.",
            [("Labour Party", "PROTEST", None, False, True)],
        ),
    ],
)
def test_an_expected_act_is_the_expected_ones_and_still_to_come(
    extract_text, sentence, expected
):
    assert events_of(extract_text(sentence, "2005")) == expected
