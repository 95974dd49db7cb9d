"""English number words: the vocabulary, the regex that finds them and the parser that reads them.

Kept apart from :mod:`summarizer.numbers` so the tables can be reused (and tested) on their own.
A small parser of our own is used instead of ``text2num`` because the regex already guarantees a
well-formed phrase, and reading it inline is several times faster than a library call per match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeAlias

from summarizer.text.lazy_regex import lazy_compile

# A letter trie of number words: "" marks the end of a phrase.
Trie: TypeAlias = dict[str, "Trie"]

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1_000,
    "millionth": 1_000_000,
}
# Vague plurals are read as their literal lower bound (two of the unit), qualifier at_least.
VAGUE_PLURALS: dict[str, int] = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "billions": 2_000_000_000,
}
# "several dozen" >= 3 dozen, "a few hundred" >= 2 hundred.
VAGUE_MULTIPLIERS: dict[str, int] = {"several": 3, "a few": 2, "few": 2}
SCALE_SUFFIX: dict[str, int] = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
    "hundred": 100,
    "dozen": 12,
    # South Asian scales and newswire abbreviations: "13 lakh", "1 crore", "10 bln", "$1MM".
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "bln": 1_000_000_000,
    "mln": 1_000_000,
    "mil": 1_000_000,
    "mm": 1_000_000,
}
# Unicode vulgar fractions: "¾ of homes", "2½ hours".
VULGAR_FRACTIONS: dict[str, float] = {
    "¼": 0.25,
    "½": 0.5,
    "¾": 0.75,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "⅕": 0.2,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
FRACTION_DENOMINATORS: dict[str, int] = {
    "halves": 2,
    "thirds": 3,
    "quarters": 4,
    "fifths": 5,
    "sixths": 6,
    "sevenths": 7,
    "eighths": 8,
    "ninths": 9,
    "tenths": 10,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "eighth": 8,
    "tenth": 10,
}


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so "seventeen" wins over "seven"."""
    return "|".join(sorted(words, key=len, reverse=True))


_U = _alt(w for w in UNITS if UNITS[w] < 10 and w != "zero")
_TEEN = _alt(w for w in UNITS if UNITS[w] >= 10)
_T = _alt(TENS)
# 0..99: "forty-two", "forty two", "seventeen", "six"
TU = rf"(?:(?:{_T})(?:[-\s](?:{_U})\b)?|{_TEEN}|{_U}|zero)"
# 0..999: "two hundred and five", "a hundred"
GROUP = rf"(?:(?:{TU}|a)\s+hundred(?:\s+(?:and\s+)?{TU}\b)?|{TU})"
_SCALE = _alt(SCALES)
# Full cardinal: groups joined by scale words ("two million three hundred thousand").
CARDINAL = (
    rf"(?:{GROUP}\b(?:\s+(?:{_SCALE})\b(?:,?\s+(?:and\s+)?{GROUP}\b(?!\s+hundred))?)*"
    rf"|a\s+(?:{_SCALE})\b)"
)
DOZEN = rf"(?:(?:{TU}|a|half\s+a)\s+dozen\b)"
VAGUE = (
    rf"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)\b"
    rf"|(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million|billion)\b(?!s)"
    rf"|(?:{_alt(w for w in VAGUE_PLURALS if w != 'scores')})\b|scores(?=\s+of\b))"
)
HALF = r"(?:half(?:\s+a\s+(?:hundred|thousand|million|billion|trillion|dozen))?\b)"
# "two thirds", "three-quarters", "a third of", "one fifth": numerator and denominator.
_DENOM = r"(?:halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
FRACTION = (
    rf"(?:(?:{_U}|one)[\s-]+{_DENOM}\b(?!\s+(?:place|time|day|round|quarter|century)\b)"
    rf"|an?\s+(?:third|quarter|fifth|sixth|eighth|tenth)(?=\s+of\b))"
)
ORDINAL = rf"(?:(?:{_T})-(?:{_alt(w for w in ORDINALS if ORDINALS[w] < 10)})|{_alt(ORDINALS)})"

_SPLIT = lazy_compile(r"[\s,-]+")


def parse_cardinal(phrase: str) -> float | None:
    """Value of a cardinal in words ("Thirty-six", "two hundred and five", "a million")."""
    total = 0
    current = 0
    seen = False
    for word in _SPLIT.split(phrase.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = current or 1
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_dozen(phrase: str) -> float | None:
    """ "two dozen" = 24, "a dozen" = 12, "half a dozen" = 6."""
    head = phrase.lower().rsplit(None, 1)[0]
    if head.startswith("half"):
        return 6.0
    inner = parse_cardinal(head)
    return None if inner is None else inner * 12


def parse_vague(phrase: str) -> float | None:
    """Literal lower bound of a vague quantity ("hundreds of thousands" = 200,000)."""
    words = phrase.lower().split()
    if len(words) == 3 and words[1] == "of":  # tens/hundreds of thousands
        head = 20 if words[0] == "tens" else 200
        return float(head * SCALE_SUFFIX[words[2][:-1]])
    if words[-1] in VAGUE_PLURALS:
        return float(VAGUE_PLURALS[words[-1]])
    multiplier = VAGUE_MULTIPLIERS.get(" ".join(words[:-1]))
    if multiplier is None:
        return None
    return float(multiplier * SCALE_SUFFIX[words[-1]])


def parse_fraction(phrase: str) -> float | None:
    """ "two thirds" = 2/3, "three-quarters" = 0.75, "a third" = 1/3."""
    words = phrase.lower().replace("-", " ").split()
    numerator = 1.0 if words[0] in ("a", "an") else parse_cardinal(words[0])
    denominator = FRACTION_DENOMINATORS.get(words[-1])
    if numerator is None or denominator is None:
        return None
    return numerator / denominator


def parse_half(phrase: str) -> float:
    """ "half" = 0.5, "half a million" = 500,000."""
    words = phrase.lower().split()
    return 0.5 * SCALE_SUFFIX[words[-1]] if len(words) == 3 else 0.5


def parse_ordinal(phrase: str) -> float | None:
    """ "fourth" = 4, "twenty-first" = 21."""
    low = phrase.lower()
    if low in ORDINALS:
        return float(ORDINALS[low])
    tens, _, unit = low.partition("-")
    if tens in TENS and unit in ORDINALS:
        return float(TENS[tens] + ORDINALS[unit])
    return None


def trie_regex(phrases: Iterable[str]) -> str:
    """A regex for any of ``phrases``, factored as a trie so ``re`` checks each letter once.

    ``re`` tries the branches of a flat alternation one by one; on a 2 kB article a flat,
    re.IGNORECASE alternation of ~150 words costs several times more than this form. Only the
    first letter is case-insensitive ("Six", "six"); a space inside a phrase matches any run of
    whitespace. Longer phrases win (the optional tails are greedy).
    """
    root: Trie = {}
    for phrase in phrases:
        node = root
        for ch in phrase.lower():
            node = node.setdefault(ch, {})
        node[""] = {}
    # One branch per first character and case: ``re`` rejects a branch that starts with a
    # literal in a single step, which is faster than a ``[sS]`` class.
    branches = []
    for ch in sorted(c for c in root if c):
        tail = _emit(root[ch])
        branches.append(_char(ch) + tail)
        if ch.isalpha():
            branches.append(_char(ch.upper()) + tail)
    return "(?:" + "|".join(branches) + ")"


def _emit(node: Trie) -> str:
    alts = [_char(ch) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def _char(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


__all__ = [
    "parse_cardinal",
    "parse_dozen",
    "parse_fraction",
    "parse_half",
    "parse_ordinal",
    "parse_vague",
    "trie_regex",
]
