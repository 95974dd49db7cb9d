"""Pass 1, lexing: where numbers may start and where the cue words of event roles stand.

One regex pass (:data:`~summarizer.numbers.patterns.LEX`) finds digits, number words and cue
words ("killed", "shot down") together; currency letters glued to digits ("R2.5m") are found
with ``str.find``. Sentence breaks come from :mod:`summarizer.text.sentences`.
"""

from __future__ import annotations

import functools

from summarizer.numbers.lexicon import CUE_ROLE, GLUED_CURRENCY_HEADS, MONEY_SHAPED_ONLY
from summarizer.numbers.patterns import GLUED_MONEY_SHAPE, LEX, LEX_HEAD

__all__ = ["lex", "normalized_token"]


def lex(text: str, body_start: int) -> tuple[list[int], list[tuple[int, int]]]:
    """(number starts, cue spans) found by one regex pass over the body, in order."""
    starts: list[int] = []
    cues: list[tuple[int, int]] = []
    head = LEX_HEAD.match(text) if body_start == 0 else None
    if head:  # a token at offset 0 has no character before it for LEX to anchor on
        if " ".join(head.group().lower().split()) in CUE_ROLE:
            cues.append((0, head.end()))
        else:
            starts.append(0)
    for match in LEX.finditer(text, max(body_start - 1, 0)):
        tok_start = match.start("tok")
        if text[tok_start].isdigit():
            starts.append(tok_start)
        elif text[tok_start - 1] != "-":  # "rocket-launching", "one-on-one"
            if normalized_token(match.group("tok")) in CUE_ROLE:
                cues.append((tok_start, match.end()))
            else:
                starts.append(tok_start)
    glued = _glued_currency_starts(text, body_start)
    if glued:  # "R2.5 million", "Sh300,000": currency letters against the digits
        starts = sorted(starts + glued)
    return starts, cues


def _glued_currency_starts(text: str, body_start: int) -> list[int]:
    """Where digits start right after currency letters ("R2.5m", "Sh300,000", "Rs500",
    "Tk500", "$A3.4bn"), or after their abbreviation's dot ("Rs.45 million", "Sh.20,000").

    A single letter that also starts codes and names ("N95 masks", "the K2 summit", "P5
    nations") is a currency only before a number shaped like money: thousands groups
    ("N2,000"), a scale ("N5bn", "K1.2 million") or three digits and more ("N486").

    ``str.find`` for the capital letter is many times faster than a regex scan, and digits
    glued to letters are rare, so each hit is checked in Python.
    """
    found = []
    for head in GLUED_CURRENCY_HEADS:
        at = text.find(head, body_start)
        while at >= 0:
            end = at + len(head)
            if text[end : end + 1] == "s" and head != "Tk":  # "Rs500", "Kshs300"
                end += 1
            if text[end : end + 1] == "." and end - at > 1:  # "Rs.45 million", "Tk.50,000"
                end += 1
            before = text[at - 1] if at > 0 else " "
            if (
                text[end : end + 1].isdigit()
                and not (before.isalnum() or before in "._-")  # not "XR2", "F-R2"
                and (head not in MONEY_SHAPED_ONLY or GLUED_MONEY_SHAPE.match(text, end))
            ):
                found.append(end)
            at = text.find(head, at + 1)
    return found


@functools.lru_cache(maxsize=4096)
def normalized_token(token: str) -> str:
    """Lower-case, single-spaced: the same few hundred words recur in every article."""
    return " ".join(token.lower().split())
