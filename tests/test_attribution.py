"""Who acts for whom (README, "Who acts for whom"): an act counts as its state's
only when its actor holds an office of that state on the article's date, and the
target is not of the same state. Otherwise the edge stays at the actor."""

from __future__ import annotations

import pytest

TWO_DATES = (
    "Britain faces an election.\n\nThe prime minister attacked the Conservative Party."
)


def acts(extraction):
    names = {e.key: e.name for e in extraction.entities}
    return [
        (
            names[e.actor],
            e.type,
            names.get(e.target),
            names.get(e.actor_state),
            names.get(e.target_state),
        )
        for e in extraction.events
    ]


@pytest.mark.parametrize(
    "date, holder",
    [("2005-03-01", "Tony Blair"), ("2009-03-01", "Gordon Brown")],
)
def test_the_prime_minister_is_whoever_held_the_office_on_the_articles_date(
    extract_text, date, holder
):
    assert acts(extract_text(TWO_DATES, date=date)) == [
        (holder, "ACCUSE", "Conservative Party", "United Kingdom", None)
    ]


def test_an_office_holder_acts_for_the_state_an_opposition_leader_for_himself(
    extract_text,
):
    """Michael Howard led the opposition in 2005: his attack on Blair is his own,
    against a man who acts for the United Kingdom."""
    extraction = extract_text(
        "Michael Howard accused Tony Blair of lying.", date="2005-02-01"
    )
    assert acts(extraction) == [
        ("Michael Howard", "ACCUSE", "Tony Blair", None, "United Kingdom")
    ]


def test_a_former_office_holder_acts_for_no_state(extract_text):
    """Offices are read on the article's date: Blair in 2010 was no prime minister."""
    extraction = extract_text("Tony Blair praised Germany.", date="2010-06-01")
    assert acts(extraction) == [("Tony Blair", "SUPPORT", "Germany", None, "Germany")]
    extraction = extract_text("Tony Blair praised Germany.", date="2005-06-01")
    assert acts(extraction) == [
        ("Tony Blair", "SUPPORT", "Germany", "United Kingdom", "Germany")
    ]


def test_a_title_in_the_text_makes_an_office_holder_a_former_one_does_not(
    extract_text,
):
    extraction = extract_text("French President Jean Dupont praised Germany.")
    assert acts(extraction) == [
        ("Jean Dupont", "SUPPORT", "Germany", "France", "Germany")
    ]
    extraction = extract_text("Former French President Jean Dupont praised Germany.")
    assert acts(extraction) == [("Jean Dupont", "SUPPORT", "Germany", None, "Germany")]


def test_a_party_belongs_to_its_state_but_does_not_act_for_it(extract_text):
    (party,) = (
        e
        for e in extract_text("The Conservative Party criticised Germany.").entities
        if e.type == "Organization"
    )
    assert party.country == "country:GBR"
    assert acts(extract_text("The Conservative Party criticised Germany.")) == [
        ("Conservative Party", "ACCUSE", "Germany", None, "Germany")
    ]


def test_a_people_is_not_its_state(extract_text):
    assert acts(extract_text("Most Americans oppose George W. Bush.", "2005")) == [
        ("Americans", "ACCUSE", "George W. Bush", None, "United States")
    ]


def test_a_devolved_government_is_its_own_body_and_acts_for_no_state(extract_text):
    """The Scottish Executive governs Scotland; the Scottish Parliament is another
    body (the gazetteer once made one an alias of the other). A devolved
    government acts for itself, not for the United Kingdom."""
    extraction = extract_text(
        "The Scottish Executive praised Ireland.\n\n"
        "The Conservatives accused the Scottish Executive of incompetence.",
        date="2005-03-01",
    )
    assert acts(extraction) == [
        ("Scottish Executive", "SUPPORT", "Ireland", None, "Ireland"),
        ("Conservative Party", "ACCUSE", "Scottish Executive", None, None),
    ]
