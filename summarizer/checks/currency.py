"""Currencies: which one a claim's noun names, and whether it is the article's.

The extractor gives a money mention an ISO code as its noun ("USD", "AUD" for "A$1.2bn",
"KES" for "Sh 2.5 million"); a claim names its currency in free words ("Australian
dollars", "US$", "Tk crore"). :func:`currency_of` reads those words, and
:func:`currency_problem` compares the two (cents and whole units apart).
"""

from __future__ import annotations

import re

from summarizer.numbers import NumberMention
from summarizer.numbers.lexicon import (
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORD_CODE,
    DOLLAR_PREFIXES,
    GLUED_CURRENCY,
    NATIONAL_CURRENCY,
    SHARED_CURRENCY_WRITINGS,
)
from summarizer.text.lazy_regex import lazy_compile

__all__ = [
    "CURRENCY_WORDS",
    "DOLLARS",
    "RUPEES",
    "bare_dollar",
    "bare_rupee",
    "currency_of",
    "currency_problem",
    "own_currency",
]

# Currencies a claim's noun may name, by ISO code.
CURRENCY_WORDS: dict[str, str] = {
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "eur": "EUR",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "gbp": "GBP",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "jpy": "JPY",
    "¥": "JPY",
    "yen": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "inr": "INR",
    "₹": "INR",
    "rupee": "INR",
    "rupees": "INR",
    "rub": "RUB",
    "₽": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "uah": "UAH",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "ils": "ILS",
    "shekel": "ILS",
    "shekels": "ILS",
    "chf": "CHF",
    "franc": "CHF",
    "francs": "CHF",
    "aud": "AUD",
    "cad": "CAD",
    # whose dollar, before or after the sign ("A$", "$A", "NZ$"), and codes of the
    # currencies the extractor reads in non-US papers
    "a$": "AUD",
    "au$": "AUD",
    "$a": "AUD",
    "nz$": "NZD",
    "nzd": "NZD",
    "c$": "CAD",
    "hk$": "HKD",
    "hkd": "HKD",
    "s$": "SGD",
    "sgd": "SGD",
    "bdt": "BDT",
    "tk": "BDT",
    "taka": "BDT",
    "kes": "KES",
    "ksh": "KES",
    "pkr": "PKR",
    "npr": "NPR",
    "lkr": "LKR",
    "ngn": "NGN",
    "naira": "NGN",
    "zar": "ZAR",
    "rand": "ZAR",
    "egp": "EGP",
}
_CURRENCY_TOKEN = lazy_compile(rf"[A-Za-z$]+|[{re.escape(CURRENCY_SIGNS)}]")
_NATIONAL_CURRENCY = lazy_compile(
    lambda: (
        r"(?i)\b("
        + "|".join(sorted({n.replace(" ", r"\s+") for n, _ in NATIONAL_CURRENCY}, key=len)[::-1])
        + r")\s+("
        + "|".join(sorted({w for _, w in NATIONAL_CURRENCY}))
        + r")s?\b"
    )
)
_CENTS = lazy_compile(r"(?i)\b(?:cents?|pence|penny)\b")
# Currencies called dollars: a bare "$" may be any of them.
DOLLARS = frozenset(
    {"USD"} | {code for (_, word), code in NATIONAL_CURRENCY.items() if word == "dollar"}
)
_BARE_DOLLAR = lazy_compile(r"(?<![A-Za-z.$])\$\s?$")
# Currencies called rupees: "Rs" or "rupees" with no nation's word may be any of them (the
# papers of Pakistan, Nepal and Sri Lanka write "Rs 200,000" as India's do).
RUPEES = frozenset(
    {"INR"} | {code for (_, word), code in NATIONAL_CURRENCY.items() if word == "rupee"}
)
_RUPEE_SIGN_BEFORE = lazy_compile(r"(?<![A-Za-z])Rs\.?\s?$")
_RUPEE_WORD_AFTER = lazy_compile(r"^\s*(?:[a-z]+\s+)?rupees?\b", flags=re.IGNORECASE)
_INDIAN_RUPEES = lazy_compile(r"₹|\bINR\b|\bIndian\s+rupees?\b")


def bare_dollar(mention: NumberMention) -> bool:
    """Whether the article wrote ``mention`` with a dollar sign alone ("$8.5 million", not
    "US$8.5 million" or "A$8.5m") and its sentence does not say US dollars."""
    sentence = mention.sentence
    at = sentence.find(mention.text)
    if at < 0 or _US_DOLLARS.search(sentence):
        return False
    return bool(_BARE_DOLLAR.search(sentence, max(0, at - 3), at))


_US_DOLLARS = lazy_compile(r"\bUS\$|\bU\.S\.\s*\$|\bUSD\b|\b(?:US|U\.S\.|American)\s+dollars?\b")


def bare_rupee(mention: NumberMention) -> bool:
    """Whether the article wrote ``mention`` as rupees without saying whose ("Rs 280bn",
    "4 million rupees"), not "₹", "INR" or "Indian rupees" in its sentence."""
    sentence = mention.sentence
    at = sentence.find(mention.text)
    if at < 0 or _INDIAN_RUPEES.search(sentence):
        return False
    before = sentence[max(0, at - 4) : at]
    after = sentence[at + len(mention.text) : at + len(mention.text) + 24]
    return bool(_RUPEE_SIGN_BEFORE.search(before) or _RUPEE_WORD_AFTER.match(after))


def currency_of(text: str) -> str | None:
    """The ISO code of the first currency ``text`` names ("USD billion" -> USD), if any; a
    nation's adjective before a currency word names that nation's ("Australian dollars" is
    AUD, "Kenyan shillings" KES), as the extractor reads the article's."""
    national = _NATIONAL_CURRENCY.search(text)
    if national:
        return NATIONAL_CURRENCY[(" ".join(national[1].lower().split()), national[2].lower())]
    for token in _CURRENCY_TOKEN.findall(text):
        code = CURRENCY_WORDS.get(token.lower())
        if code:
            return code
    return None


def currency_problem(noun: str, mention: NumberMention) -> str | None:
    """Why a money claim's currency (or cents) disagrees with the article's, or None.

    A dollar sign alone in the article ("$8.5 million" in a Canadian or Australian paper)
    says a dollar, not whose: any dollar the claim names agrees with it, as any rupee agrees
    with "Rs" alone. A sign that says whose ("A$", "US$", "NZ$ 40m", "₹") or a written
    currency is held to its own."""
    stated = currency_of(mention.noun) or (mention.noun if mention.noun.isupper() else None)
    claimed = currency_of(noun)
    if claimed and stated and claimed != stated:
        if stated == "USD" and claimed in DOLLARS and bare_dollar(mention):
            return None  # "$8.5 million" in a Canadian paper: any dollar
        if stated == "INR" and claimed in RUPEES and bare_rupee(mention):
            return None  # "Rs 280bn" in a Pakistani paper: any rupee
        return f"the article's {mention.text!r} is in {stated}, not {claimed}"
    stated_cents = bool(_CENTS.search(mention.noun))
    if stated_cents != bool(_CENTS.search(noun)) and (claimed or stated_cents):
        unit = "cents" if stated_cents else "whole units"
        return f"the article's {mention.text!r} is in {unit}"
    return None


# How the article may write a currency right before a sum ("GH¢", "KSh", "Tk", "R", "US$").
_WRITTEN_BEFORE: dict[str, str] = {
    **CURRENCY_SYMBOLS,
    **CURRENCY_CODES,
    **GLUED_CURRENCY,
    **{f"{prefix}$": code for prefix, code in DOLLAR_PREFIXES.items()},
}
_SIGN_BEFORE = lazy_compile(r"([^\s\d(\[]+)[ \t]?$")
_WORD_AFTER = lazy_compile(r"[ \t]*([A-Za-z]+)")


def own_currency(mention: NumberMention, text: str) -> str | None:
    """The ISO code of a sum the article (``text``, the mention's own) writes in one
    currency's own writing ("GH¢2.5 million", "Tk 500 crore", "KES 2m", "5,000 naira"), or
    None: no sum, or a writing several currencies share ("$", "Rs", "Sh", "K": see
    ``SHARED_CURRENCY_WRITINGS``)."""
    code = mention.noun
    if mention.role != "money" or not (len(code) == 3 and code.isalpha() and code.isupper()):
        return None
    if text[mention.start : mention.end] != mention.text:
        return None  # not this text's mention: its surroundings are unknown
    before = _SIGN_BEFORE.search(text, max(0, mention.start - 8), mention.start)
    written = before[1].lower() if before else ""
    if _WRITTEN_BEFORE.get(written) != code:
        after = _WORD_AFTER.match(text, mention.end)
        written = after[1].lower().removesuffix("s") if after else ""
        if CURRENCY_WORD_CODE.get(written) != code:
            return None
    return None if written in SHARED_CURRENCY_WRITINGS else code
