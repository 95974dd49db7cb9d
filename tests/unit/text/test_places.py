"""Countries an article implies by the places it names (summarizer.text.places)."""

from __future__ import annotations

import pytest

from summarizer.text.places import countries_by_place, country_forms, country_of_currency


def country(name: str) -> int:
    (number,) = country_forms(name)
    return number


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Flash floods swept through Tamale on Sunday.", "Ghana"),
        ("In Davao, the port reopened on Monday.", "Philippines"),  # "In" is no part of it
        ("Officials in Mombasa's old town said the ferry sank.", "Kenya"),  # a possessive
        (" date 2025-02-11 DAVAO CITY — The port reopened.", "Philippines"),  # a dateline
    ],
)
def test_a_large_city_of_one_country_implies_it(text: str, named: str) -> None:
    assert country(named) in countries_by_place(text)


@pytest.mark.parametrize(
    ("text", "not_named"),
    [
        ("Mobile networks failed after the storm.", "United States"),  # a sentence's first word
        ("The storm cut power. Mobile networks failed.", "United States"),
        ("Tyler Brown, a firefighter, was hurt.", "United States"),  # part of a longer name
        ("Rescuers reached Cartagena on Monday.", "Colombia"),  # Colombia's and Spain's
        ("Rescuers reached Cartagena on Monday.", "Spain"),
    ],
)
def test_a_city_name_that_is_a_word_or_part_of_a_name_implies_nothing(
    text: str, not_named: str
) -> None:
    assert country(not_named) not in countries_by_place(text)


@pytest.mark.parametrize(
    ("code", "named"),
    [("GHS", "Ghana"), ("NGN", "Nigeria"), ("BDT", "Bangladesh"), ("ZAR", "South Africa")],
)
def test_a_nations_own_currency_is_its(code: str, named: str) -> None:
    # South Africa's rand is Lesotho's and Namibia's too, beside their own currencies.
    assert country_of_currency(code) == country(named)


@pytest.mark.parametrize("code", ["USD", "EUR", "CHF", "XOF", "GBP"])
def test_a_currency_other_nations_keep_as_their_own_names_no_country(code: str) -> None:
    # Ecuador keeps the dollar, Liechtenstein the franc, eight states the CFA franc, the
    # Channel Islands the pound; the euro is no nation's.
    assert country_of_currency(code) is None
