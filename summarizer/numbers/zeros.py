"""Tolls of zero: "no one was hurt", "nobody died", "no deaths" are mentions of 0.

Each negated toll word becomes a mention of value 0 whose text is the negating phrase
("no one"), marked ``negated``, with the role its word gives ("hurt": injured). The whole
negated clause is returned too, so that its cue words give no role to other numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from summarizer.numbers.lexing import normalized_token
from summarizer.numbers.mention import NumberMention, sentence_text
from summarizer.text.lazy_regex import lazy_compile
from summarizer.vocabulary import Role

__all__ = ["ZeroToll", "find_zero_tolls", "with_zero_tolls"]


@dataclass(frozen=True, slots=True)
class ZeroToll:
    """A negated toll: the clause that says nobody was harmed, and the phrase saying so."""

    start: int  # the whole negated clause, whose cue words no other number may take
    end: int
    span: tuple[int, int]  # the negating phrase the mention spans ("no one", "no deaths")
    roles: tuple[str, ...]


_ZERO_VERB_ROLE = {
    "killed": "killed",
    "died": "killed",
    "dead": "killed",
    "hurt": "injured",
    "injured": "injured",
    "wounded": "injured",
    "harmed": "injured",
    "arrested": "arrested",
    "detained": "arrested",
    "missing": "missing",
}
_ZERO_NOUN_ROLES = {
    "death": ("killed",),
    "deaths": ("killed",),
    "dead": ("killed",),
    "fatalities": ("killed",),
    "casualties": ("killed", "injured"),
    "injuries": ("injured",),
    "injured": ("injured",),
    "arrests": ("arrested",),
}
_ZERO_VERB = r"(?:killed|died|dead|hurt|injured|wounded|harmed|arrested|detained|missing)"
# What stands before a toll word that says there was none: "No one was (killed or) hurt",
# "nobody died", "none of the crew were injured"; "no deaths", "without any casualties",
# "no immediate reports of injuries". Searched backwards from each toll word (the lexer
# has found them already), so the cost is per toll word, not per character.
_ZERO_SUBJECT_BEFORE = lazy_compile(
    r"\b(?P<subject>no\s+one(?:\s+else)?|nobody(?:\s+else)?"
    r"|none(?:\s+of\s+(?:the|them|those|its|their)(?:\s+[a-z]+){0,2})?)"
    r"\s+(?:(?:was|were|is|are|has|have|had)\s+)?(?:(?:been|being|reported|believed)\s+)?"
    r"(?:(?:seriously|critically|badly|fatally)\s+)?"
    rf"(?:{_ZERO_VERB}\s+(?:or|and|nor)\s+)?$",
    re.IGNORECASE,
)
_ZERO_NOUN_BEFORE = lazy_compile(
    r"\b(?:no|without(?:\s+any)?)\s+(?:(?:immediate|reported|serious|major|known|further"
    r"|other|confirmed)\s+)?(?:reports?\s+of\s+(?:any\s+)?)?$",
    re.IGNORECASE,
)
_ZERO_WINDOW = 80  # characters before a toll word: "none of the three occupants were "
_ZERO_RARE_WORDS = ("casualties", "harmed")  # toll words that are no role cues


def find_zero_tolls(text: str, cue_spans: list[tuple[int, int]], body_start: int) -> list[ZeroToll]:
    """Negated tolls in the body: each is a mention of 0 with the role its word gives."""
    words = [span for span in cue_spans if normalized_token(text[span[0] : span[1]]) in _ZERO_WORDS]
    for word in _ZERO_RARE_WORDS:
        at = text.find(word, body_start)
        while at >= 0:
            words.append((at, at + len(word)))
            at = text.find(word, at + 1)
    found: dict[tuple[int, int], ZeroToll] = {}
    for start, end in sorted(words):
        lo = max(body_start, start - _ZERO_WINDOW)
        window = text[lo:start]
        if "no" not in window and "No" not in window and "ithout" not in window:
            continue  # no negation near: the common case, decided without a regex
        word = text[start:end].lower()
        match = _ZERO_SUBJECT_BEFORE.search(text, lo, start) if word in _ZERO_VERB_ROLE else None
        if match is not None:
            subject = match.group("subject")
            # "no one", "nobody"; "none (of the crew)" spans the pronoun alone
            at = match.start()
            span = (at, at + 4) if subject[:4].lower() == "none" else (at, match.end("subject"))
            roles: tuple[str, ...] = (_ZERO_VERB_ROLE[word],)
        elif word in _ZERO_NOUN_ROLES and (match := _ZERO_NOUN_BEFORE.search(text, lo, start)):
            span, roles = (match.start(), end), _ZERO_NOUN_ROLES[word]
        else:
            continue
        same = found.get(span)  # "nobody was killed or injured": one phrase, two roles
        if same is not None:
            roles = tuple(dict.fromkeys(same.roles + roles))
        found[span] = ZeroToll(match.start(), end, span, roles)
    return list(found.values())


_ZERO_WORDS = frozenset(_ZERO_VERB_ROLE) | frozenset(_ZERO_NOUN_ROLES)


def with_zero_tolls(
    text: str,
    mentions: list[NumberMention],
    zeros: list[ZeroToll],
    sentences: list[tuple[int, int]],
    cache: dict[int, str],
) -> list[NumberMention]:
    """``mentions`` with one mention of 0 per role of each negated toll, sorted by start."""
    extra = []
    for zero in zeros:
        start, end = zero.span
        if any(m.start < end and start < m.end for m in mentions):
            continue
        sentence = sentence_text(text, sentences, start, cache)
        for role in zero.roles:
            extra.append(
                NumberMention(
                    0.0,
                    None,
                    text[start:end],
                    start,
                    end,
                    "exact",
                    "people",
                    cast(Role, role),
                    sentence,
                    negated=True,
                )
            )
    return sorted(mentions + extra, key=lambda m: m.start)
