"""A toll told by listing the people it counts, not by a numeral.

"A 64-year-old woman and her 38-year-old son died" is two killed; "the driver, a
31-year-old man, and his passenger, 29, were taken to hospital" is two injured; "two
firefighters and a villager were treated" is three. News names victims one by one as
often as it counts them, and a summary that counts them is right. The list must be one
coordinated phrase (an apposition between commas names the same person again), and the
role word nearest it in its clause must be the claimed role's.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.role_words import ROLE_STEMS, clause_states, span_states
from summarizer.checks.tolls_in_words import toll_in_words
from summarizer.numbers import NumberMention, noun_head
from summarizer.numbers.lexicon import PEOPLE_NOUNS, PERSON_WORDS
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.sentences import sentence_at, sentence_spans

__all__ = ["count_plus_one", "people_listed"]

# Singular nouns of a person beyond the lexicon's: who news names one by one.
_PERSONS = PERSON_WORDS | frozenset(
    [
        "villager",
        "firefighter",
        "policeman",
        "policewoman",
        "constable",
        "guard",
        "officer",
        "brother",
        "sister",
        "nephew",
        "niece",
        "baby",
        "infant",
        "toddler",
        "cyclist",
        "pedestrian",
        "motorist",
        "rider",
        "captain",
        "miner",
        "labourer",
        "laborer",
        "fisherman",
        "passenger",
        "commuter",
        "shopper",
        "student",
        "teacher",
        "nurse",
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "teenager",
        "youth",
        "adult",
        "cousin",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
    ]
)
# One person: a determiner, up to three modifiers ("64-year-old", "taxi"), a person's noun.
_ONE = lazy_compile(
    lambda: (
        r"(?i)\b(?:a|an|the|his|her|their|its|another)\s+(?:[\w'’-]+\s+){0,3}?"
        rf"(?P<head>{'|'.join(sorted(_PERSONS, key=len, reverse=True))})\b"
    )
)
# What may stand between two people of one list: a comma, "and", an apposition or an age.
_JOINT = lazy_compile(r"(?:,\s+[^,.;]{1,40},)?,?\s+(?:and\s+)?|,\s+")


def people_listed(
    text: str, start: int, end: int, mentions: Sequence[NumberMention], role: str
) -> tuple[int, str] | None:
    """(count, words) of the people ``text[start:end]`` lists for ``role``, or None.

    A person phrase counts one ("her 38-year-old son"); a count of people counts its value
    ("two firefighters"). None unless two or more are listed in one coordinated phrase and
    the role word nearest the list says ``role``."""
    if role not in ROLE_STEMS:
        return None
    parts: list[tuple[int, int, int]] = []  # (start, end, count)
    parts.extend((match.start(), match.end(), 1) for match in _ONE.finditer(text, start, end))
    for mention in mentions:
        head = noun_head(mention.noun)
        if start <= mention.start and mention.end <= end and head in PEOPLE_NOUNS:
            noun_end = text.find(head, mention.end, end)
            parts.append(
                (
                    mention.start,
                    noun_end + len(head) if noun_end >= 0 else mention.end,
                    int(mention.value),
                )
            )
    parts.sort()
    listed = _one_list(text, parts)
    if len(listed) < 2:
        return None
    low, high = sentence_at(sentence_spans(text), start)
    if not span_states(role, text[low:high], listed[0][0] - low, listed[-1][1] - low):
        return None
    return sum(count for _, _, count in listed), text[listed[0][0] : listed[-1][1]]


def _one_list(text: str, parts: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest run of ``parts`` joined as one list, an apposition dropped."""
    best: list[tuple[int, int, int]] = []
    run: list[tuple[int, int, int]] = []
    for part in parts:
        if run and part[0] < run[-1][1]:
            continue  # inside the phrase before ("the 15-year-old boy" in a longer match)
        if run and _apposition(text, run[-1], part):
            continue  # "the pickup's driver, a 31-year-old man, and ...": one person
        if run and not _JOINT.fullmatch(text, run[-1][1], part[0]):
            run = []
        run.append(part)
        if len(run) > len(best):
            best = list(run)
    return best


def _apposition(text: str, before: tuple[int, int, int], part: tuple[int, int, int]) -> bool:
    return (
        text[before[1] : part[0]].strip() == ","
        and text[part[1] : part[1] + 1] == ","
        and part[2] == 1
    )


def count_plus_one(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[NumberMention],
    role: str,
    value: float,
) -> NumberMention | None:
    """The count in ``text[start:end]`` that, with one person told beside it, makes ``value``
    of ``role``: "The pilot and three passengers were killed" is 4 killed; so is "three
    passengers were killed, and a 67-year-old farmer died in hospital" (a count, then one
    person told apart in the same stretch, or in the stretch's next sentence). None when
    there is none."""
    for mention in mentions:
        if not (start <= mention.start and mention.end <= end):
            continue
        if abs(mention.value + 1 - value) > 1e-9:
            continue
        if mention.role != role and not (
            mention.role == "other_count" and clause_states(role, mention)
        ):
            continue  # a count the rules left unread counts when its clause says the role
        after = _AND_ONE_AFTER.match(text, mention.end)
        if after is not None and after.start("and") < end:
            told = toll_in_words(text[after.start("and") : end], role)
            if told is not None and told[0] == 1:
                return mention
        # the next sentence of the same stretch tells one more: "two people suffered minor
        # injuries. A 67-year-old man was taken to hospital"
        rest = sentence_spans(text, mention.end, end)
        if len(rest) > 1:
            told = toll_in_words(text[rest[1][0] : end], role)
            if told is not None and told[0] == 1:
                return mention
        lead = _ONE_AND.search(text, max(0, mention.start - 60), mention.start)
        if lead is None:
            continue
        clause = _CLAUSE_START.split(text[max(0, lead.start() - 120) : lead.start()])
        if not _NOT_A_SUBJECT.search(clause[-1]):
            return mention
    return None


# One person named before the count, joined by "and": "The pilot and three passengers".
_ONE_AND = lazy_compile(
    r"(?i)\b(?:the|a|an|his|her|their|its)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+(?:(?:his|her|their)\s+)?$"
)


# After the count, within its sentence: ", and a 67-year-old villager ...".
_AND_ONE_AFTER = lazy_compile(r"[^.;]{0,120}?,?\s+(?P<and>and\s+(?:a|an|another)\s)")
_CLAUSE_START = lazy_compile(r"[.;:!?]\s|,\s+(?:and|but|while|as)\s")
# "in the collapse and five were injured": a determiner after a preposition or after the
# clause's own toll verb starts no subject.
_NOT_A_SUBJECT = lazy_compile(
    r"(?i)\b(?:in|at|on|of|from|by|after|during|into|near|with|for|to|under)\s*$"
    r"|\b(?:died|killed|injured|wounded|hurt|arrested|dead|missing)\b"
)
