"""Find where a quote sits in the article, in three steps of decreasing strictness.

1. **exact**: the quote (surrounding whitespace ignored) is a substring of the article.
2. **normalized**: both sides are compared after normalisation (case and Unicode
   compatibility forms, by :func:`summarizer.text.fold.caseless`: accents stay;
   every whitespace incl. NBSP, curly/straight quote marks, en/em/figure dashes and
   ``--``, ``…`` vs ``...``). A quote that wraps itself in quote marks or ends in a
   stray full stop, and a quote that elides text with an ellipsis ("At least 20 ...
   killed"), also match here.
3. **fuzzy**: :func:`rapidfuzz.fuzz.partial_ratio_alignment` on the normalised texts,
   accepted at :data:`FUZZY_THRESHOLD` or above. rapidfuzz's partial ratio runs in
   roughly linear time in the article length; quotes longer than
   :data:`MAX_FUZZY_QUOTE` characters or shorter than :data:`MIN_FUZZY_QUOTE` skip it.

Offsets are always in the ORIGINAL article (Python ``str`` indices, i.e. code points):
normalisation keeps, for every normalised character, the original span it came from.
Grounding says nothing about numbers: :mod:`summarizer.checks.figures` checks those.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from summarizer.schema import Grounding
from summarizer.text.fold import caseless

# 0.90 on rapidfuzz's partial ratio (normalised Indel similarity of the best window):
# tolerates a dropped word or comma in a 60-character quote, rejects paraphrase.
# A wrong number in an otherwise verbatim quote still grounds; the cross-check then
# finds the number missing from the span, which is the more useful diagnosis.
FUZZY_THRESHOLD = 0.90
MIN_FUZZY_QUOTE = 12  # normalised characters; shorter quotes must match exactly/normalised
MAX_FUZZY_QUOTE = 1000  # keeps the fuzzy step bounded for pathological inputs
MAX_OCCURRENCES = 50  # a quote that occurs more often than this is not evidence of anything
ELLIPSIS_MAX_GAP = 300  # original characters an elided part may skip

_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d")
_QUOTES = frozenset(
    "'\"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u2035\u2036"
    "\u00ab\u00bb\u2039\u203a\uff02\uff07\u300c\u300d\u300e\u300f"
)
_QUOTE = "'"  # all quote marks and apostrophes become this one character
_DASH = "-"
_TRIM = " '.,;:"  # stripped from the ends of a quote when the untrimmed form does not match
_ELLIPSIS = "..."


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus, per character, the original ``[start, end)`` it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty normalised slice ``[start, end)`` back to original offsets."""
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One original character as its normalised string (possibly empty or several chars)."""
    if ch in _ZERO_WIDTH:
        return ""
    if ch.isspace():
        return " "
    if ch in _DASHES:
        return _DASH
    if ch in _QUOTES:
        return _QUOTE
    folded = caseless(ch)
    if folded == ch:
        return ch
    # Compatibility forms can decompose into characters that need folding themselves
    # (fullwidth hyphen, double prime, NBSP inside a ligature...).
    return "".join(_fold_simple(c) for c in folded)


def _fold_simple(ch: str) -> str:
    if ch in _ZERO_WIDTH:
        return ""
    if ch.isspace():
        return " "
    if ch in _DASHES:
        return _DASH
    if ch in _QUOTES:
        return _QUOTE
    return ch


def normalize(text: str) -> NormalizedText:
    """Normalise ``text`` for matching and keep the offset map back to the original.

    Whitespace runs become one space, dash runs (``--``, ``—``) one ``-`` with no
    space around it, so "Belgorod -- the" and "Belgorod—the" compare equal.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, original in enumerate(text):
        for ch in _fold_char(original):
            last = chars[-1] if chars else ""
            if ch == " ":
                if last == " ":
                    ends[-1] = index + 1
                    continue
                if last == _DASH:  # no space after a dash
                    continue
            elif ch == _DASH:
                if last == " ":  # no space before a dash
                    chars.pop()
                    starts.pop()
                    ends.pop()
                    last = chars[-1] if chars else ""
                if last == _DASH:
                    ends[-1] = index + 1
                    continue
            chars.append(ch)
            starts.append(index)
            ends.append(index + 1)
    return NormalizedText("".join(chars), tuple(starts), tuple(ends))


def normalize_quote(quote: str) -> str:
    """The normalised form of a quote (no offsets needed), stripped of outer spaces."""
    return normalize(quote).text.strip(" ")


class QuoteAligner:
    """Grounds many quotes against one article, normalising the article only once."""

    def __init__(self, article: str, *, threshold: float = FUZZY_THRESHOLD) -> None:
        self.article = article
        self.threshold = threshold
        self._normalized: NormalizedText | None = None

    @property
    def normalized(self) -> NormalizedText:
        if self._normalized is None:
            self._normalized = normalize(self.article)
        return self._normalized

    def ground(self, quote: str) -> Grounding:
        """The first, strictest match of ``quote``; ``match="none"`` when there is none."""
        return self.ground_all(quote)[0]

    def ground_all(self, quote: str) -> list[Grounding]:
        """Every occurrence at the strictest level that matches (at least one element).

        A short quote can occur several times ("12 firefighters"); the cross-check picks
        the occurrence that holds the number, so all of them are returned.
        """
        needle = quote.strip()
        if not any(_fold_char(ch).strip(" ") for ch in needle):  # blank, or only invisible
            # characters (soft hyphens, zero-width spaces): nothing to find
            return [Grounding(match="none")]
        exact = self._exact(needle)
        if exact:
            return exact
        norm = normalize_quote(needle)
        normalized = self._normalized_matches(norm)
        if normalized:
            return normalized
        return [self._fuzzy(norm)]

    # -- the three steps ---------------------------------------------------------

    def _exact(self, needle: str) -> list[Grounding]:
        found: list[Grounding] = []
        start = self.article.find(needle)
        while start != -1 and len(found) < MAX_OCCURRENCES:
            found.append(Grounding(match="exact", start=start, end=start + len(needle), score=1.0))
            start = self.article.find(needle, start + 1)
        return found

    def _normalized_matches(self, norm: str) -> list[Grounding]:
        """``norm``: the quote as :func:`normalize_quote` gives it."""
        candidates = [norm]
        trimmed = _trim(norm)
        if trimmed and trimmed != norm:
            candidates.append(trimmed)
        for candidate in candidates:
            found = self._find_normalized(candidate)
            if found:
                return found
        for candidate in candidates:
            parts = [part.strip(_TRIM) for part in candidate.split(_ELLIPSIS)]
            parts = [part for part in parts if part]
            if len(parts) > 1:
                found = self._find_elided(parts)
                if found:
                    return found
        return []

    def _find_normalized(self, needle: str) -> list[Grounding]:
        haystack = self.normalized
        found: list[Grounding] = []
        index = haystack.text.find(needle)
        while index != -1 and len(found) < MAX_OCCURRENCES:
            start, end = haystack.original_span(index, index + len(needle))
            found.append(Grounding(match="normalized", start=start, end=end, score=1.0))
            index = haystack.text.find(needle, index + 1)
        return found

    def _find_elided(self, parts: list[str]) -> list[Grounding]:
        """Parts of a quote separated by ``...``: in order, each close after the last."""
        haystack = self.normalized
        text = haystack.text
        found: list[Grounding] = []
        index = text.find(parts[0])
        while index != -1 and len(found) < MAX_OCCURRENCES:
            end = index + len(parts[0])
            for part in parts[1:]:
                nxt = text.find(part, end)
                if nxt == -1 or haystack.starts[nxt] - haystack.ends[end - 1] > ELLIPSIS_MAX_GAP:
                    break
                end = nxt + len(part)
            else:
                start, stop = haystack.original_span(index, end)
                found.append(Grounding(match="normalized", start=start, end=stop, score=1.0))
            index = text.find(parts[0], index + 1)
        return found

    def _fuzzy(self, norm: str) -> Grounding:
        """``norm``: the quote as :func:`normalize_quote` gives it."""
        haystack = self.normalized
        if not (MIN_FUZZY_QUOTE <= len(norm) <= MAX_FUZZY_QUOTE) or len(norm) > len(haystack.text):
            return Grounding(match="none")
        alignment = fuzz.partial_ratio_alignment(norm, haystack.text)
        if alignment is None:  # only with a score_cutoff, which we do not pass
            return Grounding(match="none")
        score = min(1.0, max(0.0, round(alignment.score / 100.0, 4)))
        if score < self.threshold or alignment.dest_end <= alignment.dest_start:
            return Grounding(match="none", score=score)
        start, end = haystack.original_span(alignment.dest_start, alignment.dest_end)
        start, end = _widen_to_words(self.article, start, end)
        start, end = _trim_span(self.article, start, end, norm)
        return Grounding(match="fuzzy", start=start, end=end, score=score)


def ground(quote: str, article: str, *, threshold: float = FUZZY_THRESHOLD) -> Grounding:
    """Where ``quote`` sits in ``article`` (offsets into ``article``), or ``match="none"``."""
    return QuoteAligner(article, threshold=threshold).ground(quote)


def ground_all(quote: str, article: str, *, threshold: float = FUZZY_THRESHOLD) -> list[Grounding]:
    """Every occurrence of ``quote`` at the strictest level that matches."""
    return QuoteAligner(article, threshold=threshold).ground_all(quote)


def _trim(norm: str) -> str:
    """Drop wrapping quote marks, a trailing full stop and leading/trailing ellipses."""
    text = norm.strip(_TRIM)
    while text.startswith(_ELLIPSIS) or text.endswith(_ELLIPSIS):
        text = text.removeprefix(_ELLIPSIS).removesuffix(_ELLIPSIS).strip(_TRIM)
    return text


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A fuzzy window may cut a word (or a number) in half; extend it to whole words."""
    while start > 0 and _wordish(text, start - 1) and _wordish(text, start):
        start -= 1
    while end < len(text) and _wordish(text, end - 1) and _wordish(text, end):
        end += 1
    return start, end


def _trim_span(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """Drop the stray space or punctuation a fixed-width fuzzy window picks up at its edges."""
    while start < end and (
        text[start].isspace() or (quote[0].isalnum() and not text[start].isalnum())
    ):
        start += 1
    while end > start and (
        text[end - 1].isspace() or (quote[-1].isalnum() and not text[end - 1].isalnum())
    ):
        end -= 1
    return start, end


def _wordish(text: str, i: int) -> bool:
    """Letters and digits, plus a separator inside a number ("340,000", "4.29")."""
    ch = text[i]
    if ch.isalnum():
        return True
    return ch in ",." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


__all__ = [
    "FUZZY_THRESHOLD",
    "NormalizedText",
    "QuoteAligner",
    "ground",
    "ground_all",
    "normalize",
    "normalize_quote",
]
