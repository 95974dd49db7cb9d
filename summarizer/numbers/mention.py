"""A number mention: what the extractor returns, and the candidate its passes refine.

:class:`NumberMention` is the output, frozen; :class:`Candidate` (with :class:`Before`, the
words before it) is the mutable record the reading, linking and role passes fill in, and
:func:`to_mention` turns one into the other with the text of its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from summarizer.text.sentences import sentence_at
from summarizer.vocabulary import MentionQualifier, Role

__all__ = [
    "AGE_NOUN",
    "Before",
    "Candidate",
    "Cue",
    "NumberMention",
    "sentence_text",
    "to_mention",
]

# The noun of an age ("a 12-year-old", "aged 40"): a count of years, not a span of time.
AGE_NOUN = "years old"


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number of the article: its value, span, qualifier, counted noun, role and sentence."""

    value: float
    value_high: float | None
    text: str  # the number token(s) exactly as in the input: input[start:end] == text
    start: int
    end: int
    qualifier: MentionQualifier
    noun: str
    role: Role
    sentence: str
    # A toll of zero said with a negation ("no one was hurt", "no deaths"): value 0, and
    # ``text`` is the negating phrase ("no one"), not digits. Gold files that count only
    # written numbers leave these out.
    negated: bool = False


@dataclass(slots=True)
class Before:
    """What stands right before a number: currency sign, qualifier phrase, other words."""

    words: list[str]  # lower-cased tokens before the number, nearest last
    currency: str = ""  # ISO code of a sign or code right before ("$" -> USD)
    qualifier: str = ""  # qualifier phrase right before ("at least" -> at_least)
    qualifier_word: str = ""  # its first word ("over"), for "over two days"
    bare: list[str] = field(default_factory=list)  # words before currency and qualifier


@dataclass(slots=True)
class Candidate:
    """A number being read; mutable while the passes refine it."""

    start: int
    end: int
    value: float
    kind: str  # iso | clock | digits | range | vague | dozen | half | ordinal | words
    before: Before
    high: float | None = None
    qualifier: str = "exact"
    role: str = ""
    locked: bool = False  # the role follows from the form; cues may not change it
    noun: str = ""
    currency: str = ""
    scaled: bool = False  # a scale word or suffix was applied ("1.5 million", "300m")
    unit_end: int = 0  # end of the scale/unit/percent words that belong to the number
    post_end: int = 0  # end of a qualifier after the number ("or more")
    noun_end: int = 0  # end of the counted noun: cue distances are measured from here
    total_of: int | None = None  # index of the part when this is a partitive total ("of 49")
    conversion: bool = False  # in brackets after a measure ("300 sq miles (777 sq km)")
    population_noun: bool = False  # counts residents/inhabitants


def to_mention(
    text: str, cand: Candidate, sentences: list[tuple[int, int]], cache: dict[int, str]
) -> NumberMention:
    """The finished mention of ``cand`` (no role left means other_count)."""
    sentence = sentence_text(text, sentences, cand.start, cache)
    return NumberMention(  # positional: measurably faster for a frozen dataclass
        cand.value,
        cand.high,
        text[cand.start : cand.end],
        cand.start,
        cand.end,
        cast(MentionQualifier, cand.qualifier),
        cand.noun,
        cast(Role, cand.role or "other_count"),
        sentence,
    )


def sentence_text(
    text: str, sentences: list[tuple[int, int]], pos: int, cache: dict[int, str]
) -> str:
    """The sentence holding ``pos``, whitespace collapsed; ``cache`` (by sentence start)
    spares re-joining a sentence for each of its numbers."""
    lo, hi = sentence_at(sentences, pos)
    sentence = cache.get(lo)
    if sentence is None:
        sentence = cache[lo] = " ".join(text[lo:hi].split())
    return sentence


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word of a role in the text, and how it stands to the numbers near it."""

    start: int
    end: int
    role: str
    weak: bool  # a participle describing the noun before it ("rockets fired at ...")
    has_object: bool  # a verb with its own numeric object ("... and injured 500 others")
    predicate: bool  # "are missing", "were injured": says something of an earlier subject
    own_subject: bool  # "when it overturned": a pronoun is the subject, not a number before
