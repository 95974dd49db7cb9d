"""A toll told by listing its people: each phrase counts one, a count of people its value."""

from __future__ import annotations

import pytest

from summarizer.checks.people_lists import people_listed
from summarizer.checks.report import verify
from summarizer.numbers import extract_numbers
from summarizer.schema import SummaryDraft


def listed(text: str, role: str) -> int | None:
    found = people_listed(text, 0, len(text), extract_numbers(text), role)
    return None if found is None else found[0]


@pytest.mark.parametrize(
    ("text", "role", "count"),
    [
        ("The dead were a 64-year-old woman and her 38-year-old son.", "killed", 2),
        (
            "Police said a 52-year-old taxi driver and the 15-year-old boy were shot dead.",
            "killed",
            2,
        ),
        # an apposition between commas names the same person again
        (
            "The driver, a 31-year-old man, and his passenger, 29, were taken to hospital.",
            "injured",
            2,
        ),
        # a count of people counts its value
        ("Two firefighters and a 67-year-old villager were treated for burns.", "injured", 3),
    ],
)
def test_a_list_of_people_counts_each(text: str, role: str, count: int) -> None:
    assert listed(text, role) == count


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("A woman said her son was killed.", "killed"),  # two people, but no list: one dead
        ("A 52-year-old driver and the boy were shot dead.", "injured"),  # not wounded: dead
        ("The mother and the child were rescued unhurt.", "injured"),  # no role of harm
    ],
)
def test_no_count_without_one_list_and_its_role_word(text: str, role: str) -> None:
    assert listed(text, role) is None


def test_a_figure_that_counts_the_people_its_quote_lists_is_verified() -> None:
    article = (
        " date 2026-05-26 A wall collapsed in Kandy on Monday. A 64-year-old woman and her "
        "38-year-old son died, and three neighbours were hurt."
    )
    draft = SummaryDraft.model_validate(
        {
            "headline": "Wall collapse",
            "summary": "A wall fell.",
            "events": [
                {
                    "event_type": "accident",
                    "description": "A wall collapsed.",
                    "casualties": {
                        "killed": {
                            "value": 2,
                            "role": "killed",
                            "noun": "people",
                            "quote": "A 64-year-old woman and her 38-year-old son died",
                        }
                    },
                }
            ],
        }
    )
    (figure,) = verify(article, draft).figures
    assert figure.status == "verified", figure.reason
    assert "lists 2 people" in figure.reason


LISTED = (
    " date 2026-03-04 A man was killed on Highway 11 on Tuesday. The pickup's driver, a "
    "31-year-old man, and his passenger, 29, were taken to hospital."
)
COUNT_AND_ONE = (
    " date 2026-08-14 Two firefighters were treated for smoke inhalation at the scene, and "
    "a 67-year-old villager who suffered burns was taken to hospital."
)


@pytest.mark.parametrize(
    ("article", "summary", "status"),
    [
        # the people the article lists one by one
        (LISTED, "A man died and two other people were injured.", "verified"),
        (LISTED, "A man died and three other people were injured.", "not_in_article"),
        # a count, and one person told beside it
        (COUNT_AND_ONE, "Three people were hurt.", "verified"),
        (COUNT_AND_ONE, "Four people were hurt.", "not_in_article"),
    ],
)
def test_a_count_in_prose_of_people_the_article_tells_apart_is_verified(
    article: str, summary: str, status: str
) -> None:
    draft = SummaryDraft.model_validate({"headline": "Crash", "summary": summary})
    (claim,) = [c for c in verify(article, draft).claims if c.kind == "number"]
    assert claim.status == status, claim.reason


@pytest.mark.parametrize(("value", "verified"), [(3, True), (4, False)])
def test_a_quote_of_a_count_and_one_more_in_its_next_sentence_adds_them(
    value: int, verified: bool
) -> None:
    """ "two people suffered minor injuries ... A 67-year-old man was taken to hospital":
    the quote tells 2 and then 1, so 3 injured."""
    quote = (
        "two people suffered minor injuries when a tree fell on their car. A 67-year-old man "
        "was taken to hospital with a head injury"
    )
    article = f" date 2026-07-21 A storm swept the valley on Sunday, and {quote}."
    draft = SummaryDraft.model_validate(
        {
            "headline": "Storm",
            "summary": "A storm swept the valley.",
            "events": [
                {
                    "event_type": "natural_disaster",
                    "description": "A storm swept the valley.",
                    "casualties": {
                        "injured": {
                            "value": value,
                            "role": "injured",
                            "noun": "people",
                            "quote": quote,
                        }
                    },
                }
            ],
        }
    )
    (figure,) = verify(article, draft).figures
    assert (figure.status == "verified") is verified, figure.reason


WEEKEND = (
    " date 2026-06-08 Two men were shot dead in Nyanga on Friday night and three passengers "
    "were injured.\n\nIn a separate incident on Sunday evening, three men were shot dead and "
    "two others wounded outside a tavern in Philippi East."
)


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Five people were wounded in the two shootings.", "verified"),  # 3 + 2
        ("Five men were killed in the two shootings.", "verified"),  # 2 + 3
        ("Six people were wounded in the two shootings.", "not_in_article"),
    ],
)
def test_a_toll_in_prose_may_sum_the_articles_incidents(summary: str, status: str) -> None:
    draft = SummaryDraft.model_validate({"headline": "Shootings", "summary": summary})
    (claim,) = [c for c in verify(WEEKEND, draft).claims if c.text in ("Five", "Six")]
    assert claim.status == status, claim.reason
