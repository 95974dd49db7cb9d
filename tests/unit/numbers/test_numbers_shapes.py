"""Shapes of news language behind false flags on unseen articles (issue #22).

Every sentence here is invented; each test names the shape it pins down, so a rule that
only fits one article's string has no test to stand on.
"""

from __future__ import annotations

import pytest

from summarizer.numbers import NumberMention, extract_numbers


def mention(text: str, token: str, nth: int = 0) -> NumberMention:
    """The ``nth`` mention whose text is ``token``, with a readable failure."""
    found = [m for m in extract_numbers(text) if m.text == token]
    assert len(found) > nth, (text, [(m.text, m.role) for m in extract_numbers(text)])
    return found[nth]


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Some 30 cottages were buried by the mudslide.", "30", "damaged"),
        ("At least 12 dead as 950 houses collapse in the storm", "950", "damaged"),
        ("Forty huts collapsing under the weight of the snow were counted.", "Forty", "damaged"),
    ],
)
def test_buildings_that_collapse_or_are_buried_are_damaged(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("About 75 people were taken to hospitals in the capital.", "75", "injured"),
        ("The injured were taken to 5 hospitals in the region.", "5", "other_count"),
    ],
)
def test_taken_to_hospitals_counts_people_not_hospitals(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


def test_a_headline_with_two_verbs_gives_each_number_its_own() -> None:
    text = "Gale kills at least 9, injures 40 across the coast"
    assert mention(text, "9").role == "killed"
    assert mention(text, "40").role == "injured"


def test_cases_of_a_disease_are_not_deaths() -> None:
    text = "The cholera outbreak reaches 211 cases and 14 deaths in nine districts"
    assert mention(text, "211").role == "other_count"
    assert mention(text, "14").role == "killed"


def test_a_collapse_as_a_noun_gives_no_role() -> None:
    text = "In the 1998 quarry collapse, 21 men were trapped for a week."
    assert mention(text, "21").role == "missing"


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Farmer John Doyle, 61, was injured in the crash.", "61"),
        ("Director jailed after worker, 23, crushed by falling steel", "23"),
        ("Two guards, aged 41, 29 and 33, were killed at the gate.", "29"),
        ("Two guards, aged 41, 29 and 33, were killed at the gate.", "33"),
    ],
)
def test_ages_in_commas_and_in_lists_after_aged(text: str, token: str) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == ("other_count", "years old")


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("In Leeds, 23, including two children, died.", "23", "killed"),
        ("However, 20, including a boy, were hurt.", "20", "injured"),
        ("The victims, aged 41 and 29, and 3 others were hurt.", "3", "injured"),
        ("Three guards, aged 41 and 29, were killed at the gate.", "Three", "killed"),
    ],
)
def test_counts_beside_ages_keep_their_roles(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "value", "role"),
    [
        ("The governor won a third term on Sunday.", "third", 3, "ordinal"),
        ("She launched a second bid for the seat.", "second", 2, "ordinal"),
        ("A third of the houses burned.", "A third", 1 / 3, "other_count"),  # still a fraction
    ],
)
def test_an_ordinal_after_a_or_an_is_no_fraction_without_of(
    text: str, token: str, value: float, role: str
) -> None:
    found = mention(text, token)
    assert (found.value, found.role) == (pytest.approx(value), role)


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "Medics said 9 fans fainted and two were taken to St Anne's General Hospital.",
            "two",
            "injured",
        ),
        ("Five people were rushed to Harbourview Medical Centre overnight.", "Five", "injured"),
        ("Three nurses were sent to Leeds General Infirmary to help.", "Three", "other_count"),
    ],
)
def test_taken_to_a_hospital_by_its_name_is_injured(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role", "noun"),
    [
        ("She reached the gate 12 minutes after the others.", "12", "duration", "minutes"),
        ("The cyclist crossed the line 9 seconds clear.", "9", "duration", "seconds"),
        ("Works on the lane 3 km long will start soon.", "3", "distance", "km"),
    ],
)
def test_a_designator_word_before_a_measure_does_not_name_it(
    text: str, token: str, role: str, noun: str
) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == (role, noun)


def test_a_designator_word_still_names_a_bare_number() -> None:
    assert not [m for m in extract_numbers("Passengers on flight 812 were delayed.")]


@pytest.mark.parametrize(
    ("text", "token", "role", "qualifier"),
    [
        ("Some 40,000 retail jobs were cut over 2019.", "2019", "date_or_year", "exact"),
        ("Rents rose sharply over 2023, the survey found.", "2023", "date_or_year", "exact"),
        ("Over 2021 some 3,400 shops closed in the region.", "2021", "date_or_year", "exact"),
        ("Over 1500 of the 4000 staff were laid off.", "1500", "other_count", "more_than"),
        ("The death toll climbed to over 2000.", "2000", "killed", "more_than"),
        ("Over 1500 people were evacuated.", "1500", "displaced", "more_than"),
    ],
)
def test_over_a_year_at_the_end_of_a_clause_is_the_year(
    text: str, token: str, role: str, qualifier: str
) -> None:
    found = mention(text, token)
    assert (found.role, found.qualifier) == (role, qualifier)


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "The visitors ended with nine players, and their keeper was taken to hospital.",
            "nine",
            "other_count",
        ),
        (
            "The ferry carried 80 tourists, but its captain was seriously injured.",
            "80",
            "other_count",
        ),
        ("Ten hikers were stranded, and were taken to hospital.", "Ten", "injured"),
        ("Three miners and the driver were taken to hospital.", "Three", "injured"),
    ],
)
def test_a_cue_in_a_new_clause_with_its_own_subject_is_not_the_numbers(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "Twelve soldiers from the northern garrison are believed to have died.",
            "Twelve",
            "killed",
        ),
        ("Some 15 workers at the plant were feared to have been injured.", "15", "injured"),
        (
            "Three climbers, two guides and a porter are reported to have been killed.",
            "two",
            "killed",
        ),
    ],
)
def test_a_verb_of_report_before_the_cue_keeps_it_near(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "noun", "role"),
    [
        (
            "Nine deaths were reported; the capital has the most infections (52).",
            "52",
            "infections",
            "other_count",
        ),
        ("Four people died, and the storm destroyed many houses (31).", "31", "houses", "damaged"),
        ("Cases were reported in Ohio (12) and Utah (3).", "12", "", "other_count"),
    ],
)
def test_a_number_in_parentheses_counts_the_plural_before_it(
    text: str, token: str, noun: str, role: str
) -> None:
    found = mention(text, token)
    assert (found.noun, found.role) == (noun, role)
