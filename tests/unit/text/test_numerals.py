"""The one number formatter: every shape a value takes in an output or a check's reason."""

from __future__ import annotations

import pytest

from summarizer.checks.report import verify
from summarizer.numbers import extract_numbers
from summarizer.schema import ArticleSummary
from summarizer.text.numerals import format_number, format_range


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (7, "7"),
        (340000, "340,000"),
        (340000.0, "340,000"),  # an integral float is an integer
        (26.0, "26"),
        (-3.0, "-3"),
        (4_290_000_000.0, "4,290,000,000"),  # never "4.29e+09"
        (10**20, "100,000,000,000,000,000,000"),
        (0.5, "0.5"),
        (7.96, "7.96"),
        (46.1, "46.1"),
        (0.125, "0.125"),  # the decimals as written, not rounded to two places
        (1234.567, "1,234.567"),  # separators in the integer part of a decimal too
        (1_234_567.5, "1,234,567.5"),  # never "1.23457e+06"
        (-1234.5, "-1,234.5"),
        (0.00001, "0.00001"),  # never "1e-05"
        (0.1 + 0.2, "0.3"),  # the float's noise is not the article's
        (2.11 * 1_000_000_000, "2,110,000,000"),  # "£2.11bn" read with its scale
    ],
)
def test_a_number_is_written_as_an_article_writes_it(value: float, shown: str) -> None:
    assert format_number(value) == shown


def test_a_value_that_is_not_finite_says_so() -> None:
    assert format_number(float("inf")) == "inf"
    assert format_number(float("nan")) == "nan"


@pytest.mark.parametrize(
    ("low", "high", "dash", "shown"),
    [
        (12.0, 13.0, "–", "12–13"),
        (5, 10, "-", "5-10"),  # the checks' reasons join with a hyphen
        (1500.0, 2000.0, "–", "1,500–2,000"),
        (2.5, 3.75, "–", "2.5–3.75"),
        (26.0, None, "–", "26"),  # no high end: the number alone
    ],
)
def test_a_range_joins_its_two_ends(low: float, high: float | None, dash: str, shown: str) -> None:
    assert format_range(low, high, dash) == shown


def test_percentages_and_money_keep_their_number_and_leave_the_unit_to_the_noun() -> None:
    found = {m.text: m for m in extract_numbers("Sales rose 12.5 percent to $4.29 billion.")}
    shown = {text: format_number(m.value) for text, m in found.items()}
    assert shown == {"12.5": "12.5", "4.29 billion": "4,290,000,000"}


def test_a_checks_reason_writes_its_values_the_same_way() -> None:
    article = "Officials said 1,200 people were evacuated."
    summary = ArticleSummary.model_validate(
        {
            "headline": "Evacuation",
            "summary": "People were evacuated.",
            "events": [
                {
                    "event_type": "other",
                    "description": "An evacuation",
                    "figures": [
                        {
                            "value": 1234.5,
                            "role": "displaced",
                            "quote": "1,200 people were evacuated",
                        }
                    ],
                }
            ],
        }
    )
    (check,) = verify(article, summary).figures
    assert "1,234.5" in check.reason, check.reason
