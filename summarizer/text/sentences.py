"""Sentence boundaries: the project's one sentence splitter (rules, no model).

A sentence ends at ".", "!" or "?" (closing quotes and brackets after the mark stay with it)
when whitespace and then a capital or a digit follow, an opening quote or bracket allowed
between ("He left. (Later ..."); a period that ends an abbreviation ("Dr.", "Gen.") or initials
("U.S.", "J. R. Smith") ends nothing. A blank line ends a sentence too (a paragraph break).
So a mark before a lower-case word ("e.g. four", "10 a.m. local time") ends no sentence, nor
does a decimal point ("3.5") or an ellipsis character ("…"); three periods do, before a capital.

The number extractor reads the sentence of every mention with this splitter, so the rules
decide which cue words can give a number its role; chunking, the injection screen and the
selection prompt's clauses cut text with it as well.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from summarizer.text.dates import MONTH_ABBREVIATIONS
from summarizer.text.lazy_regex import lazy_compile

__all__ = [
    "CLAUSE_TURN",
    "CLAUSE_TURN_SOURCE",
    "opens_sentence",
    "part_between",
    "previous_sentence_start",
    "sentence_at",
    "sentence_ends",
    "sentence_index",
    "sentence_spans",
]

# Words whose period ends no sentence: "Dr. Smith", "Gen. Lee", "No. 10", "Sept. 5", and
# the currencies South Asian and East African papers abbreviate ("Rs. 100,000", "Tk. 500").
_TITLES_AND_SHORT_FORMS = (
    "mr mrs ms dr st gen lt col sgt capt sen rep gov pres prof no vs inc corp co ltd jr sr mt ft "
    "fig est approx rs tk sh shs ksh kshs"
)
_ABBREVIATIONS = frozenset(_TITLES_AND_SHORT_FORMS.split()) | MONTH_ABBREVIATIONS
_INITIALS = lazy_compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")
# The mark is the first character, so ``re`` only tries the pattern at ".", "!", "?" and
# newlines: a lookbehind-first pattern would be tried at every position.
_BREAK = lazy_compile(
    r"[.!?\n](?:(?<=[.!?])[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|(?<=\n)(?=[^\S\n]*\n))"
)


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where the sentences of ``text[start:end]`` end, in order (``text`` read as if it
    stopped at ``end``).

    After a mark the end is past its closing quotes and brackets (``text[end]`` is the
    whitespace before the next sentence); at a blank line it is the first newline. Each
    end is larger than the one before.
    """
    ends: list[int] = []
    for match in _BREAK.finditer(text, start, len(text) if end is None else end):
        if text[match.start()] == "\n":
            if not ends or ends[-1] != match.start():  # "died.\n\n": one end, not two
                ends.append(match.start())
        elif text[match.start()] != "." or not _is_abbreviation(text, match.start() + 1):
            ends.append(match.end())
    return ends


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) offsets that cover it whole.

    Each sentence after the first starts where the one before ended, so it keeps the
    whitespace before its first word; the last runs to ``end`` (the end of ``text``).
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for cut in sentence_ends(text, start, stop):
        if cut > start:
            spans.append((start, cut))
            start = cut
    spans.append((start, stop))
    return spans


def sentence_index(spans: Sequence[tuple[int, int]], pos: int) -> int:
    """The index in ``spans`` (from :func:`sentence_spans`) of the sentence holding ``pos``."""
    return max(bisect.bisect_right(spans, (pos, 1 << 62)) - 1, 0)


def sentence_at(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The span in ``spans`` (from :func:`sentence_spans`) of the sentence holding ``pos``."""
    return spans[max(bisect.bisect_right(spans, (pos, 1 << 62)) - 1, 0)]


def previous_sentence_start(spans: Sequence[tuple[int, int]], pos: int) -> int:
    """Where the sentence before the one holding ``pos`` starts (the first sentence's own
    start when ``pos`` is in it): how far back "the count before" may be looked for."""
    return spans[max(sentence_index(spans, pos) - 1, 0)][0]


# Where a sentence turns to a clause that tells another thing: a semicolon, a dash, a
# contrast ("..., while the LPF's share slipped", "whereas", "but"). A count, a time or a
# place on one side says nothing of the other side's. (A pattern's source, for callers that
# add cuts of their own.)
CLAUSE_TURN_SOURCE = r";|\s[—–]\s|—|,\s+(?:while|whereas)\b|\bbut\b"
CLAUSE_TURN = lazy_compile(CLAUSE_TURN_SOURCE, re.IGNORECASE)


def part_between(text: str, start: int, end: int, cuts: re.Pattern[str]) -> tuple[int, int]:
    """The span of ``text`` that holds ``text[start:end]``, bounded by the nearest match of
    ``cuts`` on each side (or by the text's ends): the clause of a number, when ``cuts``
    are the marks that end a clause."""
    low, high = 0, len(text)
    for cut in cuts.finditer(text):
        if cut.end() <= start:
            low = cut.end()
        elif cut.start() >= end:
            high = cut.start()
            break
    return low, high


def _is_abbreviation(text: str, pos: int) -> bool:
    """True when the word ending at ``pos`` (with its period) is an abbreviation or initials."""
    head = text[max(0, pos - 12) : pos]
    word = head.rsplit(None, 1)[-1] if head.strip() else ""
    return bool(_INITIALS.fullmatch(word)) or word[:-1].lower() in _ABBREVIATIONS


# Marks after which a word is capitalised whatever it is: a sentence's end, a colon or
# semicolon, a quote, a bracket, a dash, a bullet, a new line.
_OPENERS = frozenset('.!?:;"“”([—–•\n')


def opens_sentence(text: str, start: int) -> bool:
    """The word at ``text[start]`` comes first in its sentence, line, quote or bracket, where
    its capital says nothing of whether it is a name ("Police said", "Mobile phones")."""
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    return at < 0 or text[at] in _OPENERS
