"""Property-based tests of the number extractor (hypothesis).

The number words are spelled by a small speller written here, independently of
``summarizer.numbers.words``, so the extractor's parser is checked against another implementation.
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from summarizer.numbers import NumberMention, extract_numbers
from summarizer.vocabulary import MENTION_QUALIFIERS as QUALIFIERS
from summarizer.vocabulary import ROLES

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int, use_and: bool = True, hyphen: bool = True) -> str:
    """English words for 0 <= n < 1,000,000 ("three hundred and forty thousand")."""
    assert 0 <= n < 1_000_000
    if n < 1000:
        return _spell_below_1000(n, use_and, hyphen)
    thousands, rest = divmod(n, 1000)
    head = f"{_spell_below_1000(thousands, use_and, hyphen)} thousand"
    if rest == 0:
        return head
    joiner = " and " if use_and and rest < 100 else " "
    return head + joiner + _spell_below_1000(rest, use_and, hyphen)


def _spell_below_1000(n: int, use_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _spell_below_100(rest, hyphen)
    head = f"{_ONES[hundreds]} hundred"
    if rest == 0:
        return head
    return head + (" and " if use_and else " ") + _spell_below_100(rest, hyphen)


def _spell_below_100(n: int, hyphen: bool) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] if ones == 0 else _TENS[tens] + ("-" if hyphen else " ") + _ONES[ones]


def only(text: str) -> NumberMention:
    found = extract_numbers(text)
    assert len(found) == 1, (text, found)
    return found[0]


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_integers_with_thousands_separators_round_trip(n: int) -> None:
    token = f"{n:,}"
    text = f"Officials counted {token} ballots."
    m = only(text)
    assert (m.text, m.value, m.start, m.end) == (token, n, 18, 18 + len(token))


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=4), st.data())
def test_decimals_round_trip(whole: int, places: int, data: st.DataObject) -> None:
    fraction = data.draw(st.integers(min_value=0, max_value=10**places - 1))
    token = f"{whole:,}.{fraction:0{places}d}"
    text = f"The index rose by {token} points."
    m = only(text)
    assert m.text == token
    assert math.isclose(m.value, float(token.replace(",", "")), rel_tol=1e-12)


@given(st.integers(min_value=0, max_value=999_999), st.booleans(), st.booleans(), st.booleans())
def test_number_words_round_trip(n: int, use_and: bool, hyphen: bool, capital: bool) -> None:
    words = spell(n, use_and, hyphen)
    if capital:
        words = words[0].upper() + words[1:]
        text = f"{words} ballots were counted."
        offset = 0
    else:
        text = f"Officials counted {words} ballots."
        offset = 18
    m = only(text)
    assert (m.text, m.value, m.start) == (words, n, offset)


_BEFORE = {
    "at least": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "about": "approximately",
    "around": "approximately",
    "nearly": "approximately",
    "almost": "approximately",
    "some": "approximately",
    "up to": "at_most",
    "as many as": "at_most",
    "fewer than": "less_than",
    "less than": "less_than",
}
_AFTER = {"or more": "at_least", "or so": "approximately", "or fewer": "at_most"}


@given(
    st.one_of(
        st.integers(min_value=1, max_value=10**9).map(lambda n: f"{n:,}"),
        st.integers(min_value=1, max_value=999_999).map(spell),
    ),
    st.sampled_from(sorted(_BEFORE.items()) + sorted(_AFTER.items())),
)
def test_qualifier_phrases_wrap_any_number(token: str, phrase_qualifier: tuple[str, str]) -> None:
    phrase, qualifier = phrase_qualifier
    if phrase in _BEFORE:
        text = f"Officials said {phrase} {token} people were hurt."
    else:
        text = f"Officials said {token} {phrase} people were hurt."
    m = only(text)
    assert (m.text, m.qualifier, m.role) == (token, qualifier, "injured")


def _check_invariants(text: str) -> None:
    found = extract_numbers(text)
    previous_end = 0
    for m in found:
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= previous_end, "sorted by start, no overlaps"
        assert m.qualifier in QUALIFIERS and m.role in ROLES
        assert (m.qualifier == "range") == (m.value_high is not None)
        assert math.isfinite(m.value)
        assert m.value_high is None or m.value_high > m.value
        previous_end = m.end


@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    _check_invariants(text)


# Token soup biased towards what the rules look at: numbers, number words, qualifiers,
# currency, units, cue words, designations and punctuation.
_SOUP = (
    "0 7 12 1,500 2.5 2023 10.50 12-13 40k $ £ % $2.3bn 300m one One two Twenty-five hundred "
    "thousand million dozen dozens hundreds several a half first second fourth at least more than "
    "over about up to or more between and to from of the no F-16 COVID-19 Xbox 360 Resolution "
    "killed died wounded missing fled arrested fired shot down intercepted damaged people "
    "rockets miles km years days am pm o'clock September May , . ; ( ) - – date 2024-01-01"
)
_TOKENS = st.sampled_from([*_SOUP.split(" "), "\n", "\n\n"])


@given(st.lists(_TOKENS, max_size=40), st.sampled_from([" ", "", "  "]))
def test_token_soup_keeps_invariants(tokens: list[str], joiner: str) -> None:
    _check_invariants(joiner.join(tokens))


def test_speller_is_what_we_think() -> None:
    """The speller itself, so a bug there cannot make the properties vacuous."""
    assert spell(0) == "zero"
    assert spell(21) == "twenty-one"
    assert spell(340_000) == "three hundred and forty thousand"
    assert (
        spell(999_999, use_and=False)
        == "nine hundred ninety-nine thousand nine hundred ninety-nine"
    )
    assert spell(1005) == "one thousand and five"
