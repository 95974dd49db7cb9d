"""One folding for matching words whatever their case, accents or quote marks.

"São Paulo" is "sao paulo", "O’Neill" is "o'neill", "STRASSE" and "straße" are "strasse",
"ﬁre" is "fire": a name the summary writes is found in the article however either side
typed it. Two steps, each with one home here:

- :func:`caseless`: Unicode's caseless matching of compatibility forms,
  NFKD(casefold(NFKD(s))) (casefolding between two decompositions, so a character that
  one step produces is folded by the next). Case, ligatures, fullwidth forms fold; accents
  stay, as combining marks.
- :func:`fold`: then drops those marks (accents, the dot of "İ"), writes the letters Unicode
  draws with a stroke or without a dot and never decomposes as their plain letters ("ı",
  "ł", "ø", "đ", "ħ"), and typographic apostrophes and quote marks as the ASCII ones.

Names (:mod:`summarizer.checks.names`), countries, the gazetteer and the eval's place rule
use :func:`fold`. Quote grounding stops at :func:`caseless`, which it applies character
by character to map the folded text back to the article: a quote's accents are part of
it, and its fuzzy scores, which the re-ask tells the model, are measured on that form.
"""

from __future__ import annotations

import unicodedata

__all__ = ["caseless", "fold"]

# Before decomposition: NFKD would split "´" into a space and a combining accent.
_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "ʼ": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"',
    }
)  # fmt: skip
# After casefolding, so the capitals (Ł, Ø, Đ, Ħ; İ decomposes) are covered too.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h"})


def caseless(text: str) -> str:
    """``text`` in Unicode's caseless form, NFKD(casefold(NFKD(s))): accents kept."""
    return unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())


def fold(text: str) -> str:
    """``text`` without case, accents or typographic quote marks (see the module docstring)."""
    lowered = text.casefold()
    if lowered.isascii():  # most text: nothing to decompose
        return lowered.translate(_QUOTES) if "`" in lowered else lowered
    decomposed = caseless(text.translate(_QUOTES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_PLAIN_LETTERS)
