"""A currency a claim names, with its nation ("Egyptian pounds", "Hong Kong dollars").

Every sentence here is invented: a claim's noun names its currency as a summary writes it,
and the article's number carries the code the extractor read.
"""

from __future__ import annotations

import pytest

from summarizer.checks.agreement import currency_of, unit_problem
from summarizer.numbers import NumberMention, extract_numbers


@pytest.mark.parametrize(
    ("noun", "code"),
    [
        ("Egyptian pounds per family", "EGP"),
        ("compensation in Lebanese pounds", "LBP"),
        ("pounds", "GBP"),
        ("Canadian dollars", "CAD"),
        ("Hong Kong dollars raised", "HKD"),
        ("New Zealand dollar bonds", "NZD"),
        ("Pakistani rupees", "PKR"),
        ("rupees", "INR"),
        ("USD billion", "USD"),
    ],
)
def test_a_nationality_before_the_currency_word_names_the_currency(noun: str, code: str) -> None:
    assert currency_of(noun) == code


def mention_of(text: str, token: str) -> NumberMention:
    return next(m for m in extract_numbers(text) if m.text == token)


def test_egyptian_pounds_agree_with_the_article_s_egyptian_pounds() -> None:
    found = mention_of("Each family will get 100,000 Egyptian pounds in aid.", "100,000")
    assert unit_problem("Egyptian pounds per family", found, "exact") is None
    assert unit_problem("pounds sterling", found, "exact") is not None


@pytest.mark.parametrize("noun", ["Canadian dollars", "Australian dollars", "dollars"])
def test_a_bare_dollar_sign_names_no_nation(noun: str) -> None:
    found = mention_of("Repairs will cost an estimated $8.5 million.", "8.5 million")
    assert unit_problem(noun, found, "exact") is None


def test_a_dollar_sign_is_still_no_euro() -> None:
    found = mention_of("Repairs will cost an estimated $8.5 million.", "8.5 million")
    assert unit_problem("euros", found, "exact") is not None
