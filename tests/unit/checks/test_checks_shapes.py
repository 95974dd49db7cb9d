"""Shapes of language the checks must judge like a careful reader (issue #22).

Every article here is invented for the test; none is a seed or corpus article.
"""

from __future__ import annotations

from typing import Any

import pytest

from summarizer.checks.report import verify
from summarizer.checks.tolls_in_words import toll_in_words
from summarizer.schema import SummaryDraft, VerificationReport

STORM = (
    " date 2025-09-18 At least 63 people were killed when the storm hit the coast on "
    "Wednesday. More than 40 fishing boats were lost, and up to 300 families were evacuated. "
    "About 1,500 volunteers joined the clean-up, and 212 homes were destroyed."
)


def figure_status(value: float, qualifier: str, role: str, quote: str) -> str:
    figure: dict[str, Any] = {"value": value, "qualifier": qualifier, "role": role, "quote": quote}
    draft = SummaryDraft.model_validate(
        {"headline": "Storm", "summary": "A storm hit.", "key_figures": [figure]}
    )
    report: VerificationReport = verify(STORM, draft)
    return report.figures[0].status


@pytest.mark.parametrize(
    ("value", "qualifier", "role", "quote", "status"),
    [
        # a bound says on which side the truth lies; "about" drops it
        (63, "approximately", "killed", "At least 63 people were killed", "qualifier_mismatch"),
        (40, "approximately", "other_count", "More than 40 fishing boats", "qualifier_mismatch"),
        (300, "approximately", "displaced", "up to 300 families", "qualifier_mismatch"),
        # an exact or approximate wording may be restated as "about"
        (1500, "approximately", "other_count", "About 1,500 volunteers", "verified"),
        (212, "approximately", "damaged", "212 homes were destroyed", "verified"),
        (63, "at_least", "killed", "At least 63 people were killed", "verified"),
    ],
)
def test_about_does_not_restate_a_bound(
    value: float, qualifier: str, role: str, quote: str, status: str
) -> None:
    assert figure_status(value, qualifier, role, quote) == status


QUARRY = " date 2025-02-11 Two workers died when a quarry wall gave way near Carrowmore, Ireland."


def name_status(location: str) -> str:
    draft = SummaryDraft.model_validate(
        {
            "headline": "Quarry",
            "summary": "A wall fell.",
            "events": [
                {"event_type": "accident", "description": "A wall fell.", "location": location}
            ],
        }
    )
    return {c.path: c.status for c in verify(QUARRY, draft).claims}["events[0].location"]


@pytest.mark.parametrize(
    ("location", "status"),
    [
        ("Carrowmore, County Sligo, Ireland", "unconfirmed"),  # a region the writer adds
        ("Carrowmore, Connacht", "unconfirmed"),
        ("Carrowmore, Ireland", "verified"),
        ("Ballintra, Ireland", "name_not_in_article"),  # the place itself is invented
        ("Ballintra, County Sligo", "name_not_in_article"),
    ],
)
def test_a_region_added_after_the_articles_place_is_unconfirmed(location: str, status: str) -> None:
    assert name_status(location) == status


@pytest.mark.parametrize(
    ("location", "status"),
    [("Listowel, Co Kerry", "verified"), ("Listowel, Co Clare", "unconfirmed")],
)
def test_a_short_form_of_county_is_a_generic_word(location: str, status: str) -> None:
    article = " date 2026-09-14 Racing at Listowel, in Kerry, went ahead on Monday."
    draft = SummaryDraft.model_validate(
        {
            "headline": "Racing",
            "summary": "Racing went ahead.",
            "events": [{"event_type": "other", "description": "Racing.", "location": location}],
        }
    )
    assert {c.path: c.status for c in verify(article, draft).claims}["events[0].location"] == (
        status
    )


@pytest.mark.parametrize(
    ("text", "role", "count"),
    [
        (
            "Harbour winger Tom Byrne was carried off before half-time and taken to hospital",
            "injured",
            1,
        ),
        ("The driver was killed instantly", "killed", 1),
        ("His brother was seriously injured", "injured", 1),
        ("Officer Ann Lowe was shot dead", "killed", 1),
        ("A 19-year-old man is dead after the crash", "killed", 1),
        ("A woman was found dead in the flat", "killed", 1),
        # any way of dying said "... to death"
        ("A 52-year-old estate worker was trampled to death by an elephant", "killed", 1),
        ("A 52-year-old estate worker was trampled to death by an elephant", "injured", None),
        ("The driver fled and was later arrested", "arrested", 1),
        # found, then how: "was found shot to death"
        ("A 33-year-old man was found shot to death in a car", "killed", 1),
        ("A 33-year-old man was found shot to death in a car", "injured", None),
        # hurt actively: "sustained burn injuries", "suffered a broken leg"
        ("The tanker's cleaner sustained burn injuries", "injured", 1),
        ("A pillion rider suffered a broken leg", "injured", 1),
        ("The company suffered heavy losses", "injured", None),
        ("The riders sustained minor injuries", "injured", None),  # plural: no toll of one
        # hurt whatever the verb: "rescued with serious injuries"
        ("A 29-year-old assistant was rescued with serious injuries", "injured", 1),
        # one person, the object of a verb of harm or arrest
        ("Police charged a 31-year-old man with assault", "arrested", 1),
        ("The blast killed a street vendor", "killed", 1),
        ("The blast killed a dozen people", "killed", None),
        ("Two men were found dead", "killed", None),  # a count, no toll of one
        ("The passengers were killed", "killed", None),  # plural: no toll of one
        ("The man was not injured", "injured", None),
        ("The pilot and two passengers were fatally injured", "killed", None),
    ],
)
def test_one_named_or_definite_person_is_a_toll_of_one(
    text: str, role: str, count: int | None
) -> None:
    found = toll_in_words(text, role)
    assert (found[0] if found else None) == count


BUSHFIRE = (
    " date 2025-01-20 Crews contained a bushfire that burned 14,000 hectares near Lakeview on "
    "Sunday. The 2023 season's 2.8 million hectares remains the worst on record, and 26 "
    "people died in the 2019 fires."
)


def key_figure_status(value: float, role: str, noun: str, quote: str) -> str:
    figure: dict[str, Any] = {
        "value": value,
        "qualifier": "exact",
        "role": role,
        "noun": noun,
        "quote": quote,
    }
    draft = SummaryDraft.model_validate(
        {"headline": "Bushfire", "summary": "A fire burned.", "key_figures": [figure]}
    )
    return verify(BUSHFIRE, draft).figures[0].status


@pytest.mark.parametrize(
    ("value", "role", "noun", "quote", "status"),
    [
        (14000, "other_count", "hectares burned", "burned 14,000 hectares", "verified"),
        # another year's figure presented as the event's own
        (2800000, "other_count", "hectares burned", "2.8 million hectares", "other_event"),
        (26, "killed", "people", "26 people died in the 2019 fires", "other_event"),
        # unless its noun says the other time
        (2800000, "other_count", "hectares burned in 2023", "2.8 million hectares", "verified"),
        (26, "killed", "people in the 2019 fires", "26 people died in the 2019 fires", "verified"),
    ],
)
def test_a_key_figure_from_another_year_is_not_the_events(
    value: float, role: str, noun: str, quote: str, status: str
) -> None:
    assert key_figure_status(value, role, noun, quote) == status
