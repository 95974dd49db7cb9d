"""A number the rules left unread is confirmed by the role word nearest it in its clause.

Sentences are our own, in the shapes that left claims unconfirmed on news the rules had not
seen: an elided destination list, a role told after the number ("... after their street
was evacuated"), a partitive with its own verb, a population noun.
"""

from __future__ import annotations

import pytest

from summarizer.checks.report import verify
from summarizer.checks.role_words import clause_states, partitive_role
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import Event, Figure, SummaryDraft


def mention(sentence: str, text: str) -> NumberMention:
    """The mention written ``text`` ("two@2": the second one written so)."""
    text, _, nth = text.partition("@")
    return [m for m in extract_numbers(sentence) if m.text == text][int(nth or 1) - 1]


@pytest.mark.parametrize(
    ("sentence", "number", "role"),
    [
        # the destination list borrows "went to hospital" from its own comma part
        (
            "Thirty people were hurt, 14 of whom went to hospital: nine to Ashford General "
            "and five to a field clinic.",
            "nine",
            "injured",
        ),
        ("Eleven trucks, all loaded with fuel for the mines, ended up burnt.", "Eleven", "damaged"),
        # out of their homes after a quake: a night in the open
        (
            "Thousands of people spent a second night in the open in near-freezing cold.",
            "Thousands",
            "displaced",
        ),
        (
            "Turnout was high, with 2.9 million of its 3.4 million voters voting.",
            "3.4 million",
            "population",
        ),
        # the nearest role word wins: the 17 were injured, the 60 rescued
        ("The slide hit the hamlet at dawn, burying 12 people.", "12", "missing"),
        # still under the rubble (mud, debris): not found, so missing
        ("Rescuers said more than 40 people were still under the rubble.", "40", "missing"),
        # a nationality counts people: "Three Australians are among eight people killed"
        ("Three Australians are among eight people killed in the crash.", "Three", "killed"),
        # still on a ventilator or in intensive care: hurt
        ("Of those admitted, three are on ventilator support.", "three", "injured"),
        # set ablaze, broken into: damage done
        ("Youths blocked the road, setting ablaze two police vehicles.", "two", "damaged"),
        ("By nightfall at least 30 shops had been broken into.", "30", "damaged"),
        # a night at a reception centre: out of their homes
        ("The reception centre, where 22 people stayed overnight, closed.", "22", "displaced"),
        # ordered out of their homes: evacuated
        ("Roughly 900 people in the town were ordered out on Friday.", "900", "displaced"),
        ("Some 1,300 residents were moved out of the low-lying zone.", "1,300", "displaced"),
        # burnt people are hurt; people swept away, searched for or not accounted for are
        # missing; houses swept away are damaged
        ("Meanwhile, four workers were burnt in a fire at a dyeing unit.", "four", "injured"),
        ("Thirty houses near the river, the chief said, had been swept away.", "Thirty", "damaged"),
        (
            "We lost two lives, and our teams are still looking for two more people who were "
            "swept away in the estate.",
            "two@2",  # the second "two"
            "missing",
        ),
        ("The chief said 57 people could not be accounted for on Monday.", "57", "missing"),
        # "a six-vehicle crash": vehicles in a crash; a weapon fired with "opened fire with"
        ("Two people died after a six-vehicle crash in thick fog.", "six", "damaged"),
        ("The gunmen opened fire with at least one rocket-propelled grenade.", "one", "launched"),
    ],
)
def test_the_nearest_role_word_in_the_clause_confirms(
    sentence: str, number: str, role: str
) -> None:
    found = mention(sentence, number)
    assert found.role == "other_count"  # unread by the extractor: the shape under test
    assert clause_states(role, found)


@pytest.mark.parametrize(
    ("sentence", "number", "role"),
    [
        # another role word stands nearer
        ("A total of 60 passengers were rescued, 17 of whom were injured.", "60", "injured"),
        ("Eleven trucks, including a fuel tanker, were burnt on the road.", "Eleven", "killed"),
        # the counted noun names no people
        (
            "Ambulances answered 240 calls between noon and midnight, and 35 people were taken "
            "to hospital.",
            "240",
            "injured",
        ),
        # an age counts years
        ("A 16-year-old boy died at the scene.", "16", "killed"),
        # a role word across a clause boundary belongs to the other clause
        ("Some 80 people were left homeless; 12 vehicles were parked nearby.", "12", "displaced"),
        # no role word at all
        ("Some 1,300 residents met in a hall in the low-lying zone.", "1,300", "displaced"),
        # a word of two families says the one that fits what is counted: trucks are not hurt,
        # people are not damaged
        ("Four trucks were burnt in the depot fire.", "Four", "injured"),
        ("Rescuers are searching for two houses swept away by the river.", "two", "missing"),
    ],
)
def test_no_confirmation_without_the_nearest_word_of_the_role(
    sentence: str, number: str, role: str
) -> None:
    assert not clause_states(role, mention(sentence, number))


def unread(text: str, value: int, noun: str, sentence: str) -> NumberMention:
    """A mention as if the extractor had left it unread (``other_count``)."""
    return NumberMention(
        value=value,
        value_high=None,
        text=text,
        start=0,
        end=0,
        qualifier="exact",
        noun=noun,
        role="other_count",
        sentence=sentence,
    )


def test_charged_is_not_arrested() -> None:
    """ "charged" names another step: standing nearest, it leaves arrested open, though
    "arrest" is in the sentence."""
    sentence = "Police held eight fans on arrest warrants after the match, and six of them had been charged."
    assert not clause_states("arrested", unread("six", 6, "", sentence))
    assert clause_states("arrested", unread("eight", 8, "fans", sentence))


ARTICLE = (
    " date 2026-02-10 A bus overturned on the coast road near Tarbury on Monday. Thirty people "
    "were hurt, 14 of whom went to hospital: nine to Ashford General and five to a field "
    "clinic. Overnight, 450 people spent the night in a school gym after their street "
    "was evacuated. Ambulances answered 240 calls between noon and midnight."
)


def figure(value: int, role: str, quote: str) -> Figure:
    return Figure(value=value, qualifier="exact", role=role, noun="people", quote=quote)


@pytest.mark.parametrize(
    ("value", "role", "quote", "status"),
    [
        (9, "injured", "nine to Ashford General", "verified"),
        (450, "displaced", "450 people spent the night in a school gym", "verified"),
        (240, "injured", "Ambulances answered 240 calls", "unconfirmed"),
    ],
)
def test_a_figure_of_an_unread_number_in_a_summary(
    value: int, role: str, quote: str, status: str
) -> None:
    event = Event(
        event_type="accident",
        location="Tarbury",
        description="A bus overturned near Tarbury.",
        figures=[figure(value, role, quote)],
    )
    draft = SummaryDraft(headline="Bus overturns", summary="A bus overturned.", events=[event])
    (check,) = [c for c in verify(ARTICLE, draft).figures if c.path == "events[0].figures[0]"]
    assert check.status == status, check.reason


def test_the_longest_role_word_at_a_place_wins_whatever_its_role() -> None:
    """ "shot down" is an interception though "shot" alone is a wound; "burnt beyond
    recognition" a death though "burnt" alone is damage."""
    cases = [
        ("Air defences shot down 14 over the sea.", "14", "intercepted", "injured"),
        ("Eighteen victims were burnt beyond recognition.", "Eighteen", "killed", "damaged"),
    ]
    for sentence, text, role, not_role in cases:
        unread = NumberMention(
            value=0, value_high=None, text=text, start=0, end=0, qualifier="exact",
            noun="", role="other_count", sentence=sentence,
        )  # fmt: skip
        assert clause_states(role, unread), sentence
        assert not clause_states(not_role, unread), sentence


@pytest.mark.parametrize(
    ("article", "role"),
    [
        # "Of the 11, seven ...": a part of the 11 who died
        ("At least 11 people died of heatstroke. Of the 11, seven were farm workers.", "killed"),
        # the whole named with its role in the same sentence
        ("Of the 19 injured, 11 were discharged on Monday.", "injured"),
        # a whole of no role, or no whole before: nothing to inherit
        ("The council has 11 members. Of the 11, seven voted for it.", ""),
        ("Of the 11, seven were farm workers.", ""),
    ],
)
def test_a_part_of_a_whole_is_counted_as_the_whole(article: str, role: str) -> None:
    mentions = extract_numbers(article)
    part = [m for m in mentions if m.start > article.index("Of")][-1]
    assert partitive_role(part, mentions) == role
