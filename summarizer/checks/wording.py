"""English for messages built from words and numbers: "an accident", "2 years", "26,000".

Reasons and figures are assembled from vocabulary words and numbers ("the article has
words of a(n) {event_type}", "{value} {noun}"). The article and the number depend on the
word, so they follow rules of its sound and of the count, never a list of our strings.
A number is written as a reader writes it, and a place in the article is shown by the
line around it.
"""

from __future__ import annotations

from summarizer.checks.agreement import canonical_unit
from summarizer.text.lazy_regex import lazy_compile

# A vowel letter that sounds like a consonant: "a unit", "a user", "a euro", "a one-off"
# (but "an uninhabited", "an unarmed": the prefix un- keeps its vowel).
_CONSONANT_SOUND = lazy_compile(
    r"(?i)^(?:uni(?![nm])|u[bcfhjklpqrstvz][aeiou]|ukr|eu|ewe|uk\b|one\b|once\b)"
)
_SILENT_H = lazy_compile(r"(?i)^(?:hour|honest|honou?r|heir)")
_SIBILANT_END = lazy_compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y_END = lazy_compile(r"[^aeiou]y$")
_IRREGULAR_PLURALS = {"foot": "feet", "man": "men", "woman": "women", "child": "children"}


def indefinite_article(phrase: str) -> str:
    """ "a" or "an" for ``phrase``, by the sound of its first word (underscores are spaces)."""
    word = phrase.strip().replace("_", " ")
    if not word:
        return "a"
    if _SILENT_H.match(word):
        return "an"
    if word[0].lower() in "aeiou" and not _CONSONANT_SOUND.match(word):
        return "an"
    return "a"


def with_article(phrase: str) -> str:
    """ "an accident", "a drone_strike": the phrase as written, after its article."""
    return f"{indefinite_article(phrase)} {phrase}"


def plural(word: str) -> str:
    """The regular English plural of one noun ("year" -> "years", "inch" -> "inches")."""
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[lower]
    if _SIBILANT_END.search(lower):
        return word + "es"
    if _CONSONANT_Y_END.search(lower):
        return word[:-1] + "ies"
    return word + "s"


def counted_noun(noun: str, value: float) -> str:
    """``noun`` as it reads after ``value``: a singular unit becomes plural ("2 year" -> "2 years").

    A figure's noun may be a unit read from a compound adjective ("a 2-year sentence" gives
    "year"); after any number but one it takes its plural. Other nouns are the model's or
    the article's words and stay as written.
    """
    word = noun.strip()
    if value == 1 or not word or " " in word:
        return noun
    if canonical_unit(word) == word.lower():
        return plural(word)
    return noun


def how_many(count: int, word: str) -> str:
    """ "1 claim", "3 claims", "0 claims": a count and the word it counts, agreeing."""
    return f"{count} {word if count == 1 else plural(word)}"


def context_snippet(article_text: str, start: int, end: int, width: int = 40) -> str:
    """One line of about ``width`` characters either side of a span, cut between words."""
    left = max(0, start - width)
    right = min(len(article_text), end + width)
    while 0 < left < start and not article_text[left - 1].isspace():
        left += 1
    while end < right < len(article_text) and not article_text[right].isspace():
        right -= 1
    text = " ".join(article_text[left:right].split())
    return ("..." if left > 0 else "") + text + ("..." if right < len(article_text) else "")


__all__ = [
    "context_snippet",
    "counted_noun",
    "how_many",
    "indefinite_article",
    "plural",
    "with_article",
]
