"""Phrases that decide a count's role by their shape, beside the cue words' ties.

:mod:`summarizer.numbers.roles` ties each number to its cue words; some phrases say the role
without such a tie, or say that a tie does not hold: a part that shares its total's role
("6 out of 9 missiles"), a count compared with another ("up from 87"), a count continued
("Four more were retrieved", "bringing the number to 17"), a toll's new figure ("the toll
rose to 31", "put it at 11"), a part with a verb of its own ("six of the injured
succumbed"), people left in a state ("left 31 people hospitalised"), kin lost, people sent
to hospital, and who was aboard (only a verb that governs such a count gives it a role).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from summarizer.numbers.lexicon import (
    CHANGE_WORDS,
    CUE_ROLE,
    KIN_NOUNS,
    NOT_CASUALTY_NOUNS,
    TOLL_NOUNS,
    word_set,
)
from summarizer.numbers.mention import Candidate, Cue
from summarizer.numbers.patterns import (
    NAMED_HOSPITAL,
    OF_THEM,
    ON_BOARD,
    TO_HOSPITAL,
    TO_NAMED_HOSPITAL,
)
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.sentences import previous_sentence_start, sentence_index
from summarizer.vocabulary import EVENT_ROLES

__all__ = [
    "ALL_OF",
    "aboard",
    "among_them",
    "changed_toll",
    "continued_role",
    "group_role",
    "hospital_after",
    "left_state_role",
    "lost_kin",
    "noun_head",
    "part_verb_role",
    "part_with_own_verb",
    "past_apposition",
    "sent_to_hospital",
    "share_compared_roles",
    "share_partitive_roles",
]


def noun_head(noun: str) -> str:
    """The last word of a counted noun, lower-cased ("" for none)."""
    return noun.rsplit(None, 1)[-1].lower() if noun else ""


def share_partitive_roles(text: str, cands: list[Candidate]) -> None:
    """ "6 out of 9 missiles launched were destroyed": the clause's verb acts on the part.

    The part (6) takes the role the total's clause gives when it has none of its own, and a
    total whose part was intercepted counts what was launched. A state right after the
    total's noun is the part's, whatever came before it ("leaving its captain dead and four
    of its eight crew missing": four missing, not dead).
    """
    for cand in cands:
        if cand.total_of is None:
            continue
        part = cands[cand.total_of]
        if part.locked:
            continue
        state = _STATE_AFTER.match(text, max(cand.noun_end, cand.end))
        told = CUE_ROLE.get(state["cue"].lower(), "") if state else ""
        if told in _HARMS and cand.role == told:
            part.role, cand.role = told, "other_count"
            continue
        if part.role == "other_count" and cand.role in EVENT_ROLES:
            part.role = cand.role
        if part.role == "intercepted" and cand.role in ("intercepted", "damaged", "other_count"):
            cand.role = "launched"
        elif part.role == cand.role and cand.role in _HARMS and not cand.locked:
            cand.role = "other_count"  # "two of the three children were killed": not three


_HARMS = frozenset({"killed", "injured", "missing", "arrested"})
_STATE_AFTER = lazy_compile(
    r"\s+(?:(?:were|was|are|is|remain|remained|(?:have|had|has)\s+been)\s+)?"
    r"(?P<cue>missing|dead|injured|wounded|hurt|arrested|detained|killed)\b",
    re.IGNORECASE,
)


def share_compared_roles(
    text: str, cands: list[Candidate], sentences: list[tuple[int, int]]
) -> None:
    """ "112 vehicles were damaged last year, up from 87 the year before", "64 people were
    killed, compared with 92 in 2024": the count compared with takes the role and noun of
    the count before it in its sentence, when it has no role or noun of its own."""
    for index, cand in enumerate(cands):
        if index == 0 or cand.locked or cand.role != "other_count":
            continue
        bare = cand.before.bare
        if tuple(bare[-2:]) not in _COMPARED_WITH and tuple(bare[-1:]) not in _COMPARED_WITH:
            continue
        if cand.noun and noun_head(cand.noun) not in _TIME_NOUNS:
            continue  # "up from 87 homes": a noun of its own says what it counts
        prev = cands[index - 1]
        if prev.role not in EVENT_ROLES or sentence_index(sentences, prev.start) != (
            sentence_index(sentences, cand.start)
        ):
            continue
        cand.role, cand.noun = prev.role, prev.noun


_COMPARED_WITH = frozenset(
    {("up", "from"), ("down", "from"), ("compared", "with"), ("compared", "to"), ("against",)}
    | {("versus",), ("vs",), ("vs.",)}
)
_TIME_NOUNS = word_set("year years month months week weeks day days quarter period")


def continued_role(
    text: str,
    cands: list[Candidate],
    index: int,
    sentences: list[tuple[int, int]],
    own_role: str = "",
) -> tuple[str, str] | None:
    """ "13 bodies were recovered. Four more were retrieved on Thursday, bringing the number
    to 17": a count that adds to the one before ("N more", "another N", "a further N"),
    totals it ("bringing the number to N") or is only reported of it ("Of the 17 deaths,
    nine were in Cagayan. Only six have been confirmed") counts the same thing, so it takes
    that count's role and noun (role, noun) when it has no cue of its own (``own_role``: the
    role its cues gave). The count before is the nearest one with an event's role, in the
    sentence or the one before it."""
    cand = cands[index]
    bare = cand.before.bare
    adds = bool(_MORE_AFTER.match(text, cand.end)) or bare[-1:] in (["another"], ["further"])
    if own_role and not (adds and _GAPPED_PLACE.match(text, cand.end)):
        return None  # a cue of its own, unless only where its left-out verb happened
    if tuple(bare[-2:]) in _ALONG_WITH or tuple(bare[-3:]) in _ALONG_WITH:
        # "Eighteen inmates were wounded, along with two guards": the one before, in its sentence
        prev = cands[index - 1]
        if prev.role in EVENT_ROLES and sentence_index(sentences, prev.start) == (
            sentence_index(sentences, cand.start)
        ):
            return prev.role, cand.noun
        return None
    reported = not cand.noun and bool(_REPORTED_AFTER.match(text, cand.end))
    if not (adds or reported or _TOTAL_BEFORE.search(text, max(0, cand.start - 60), cand.start)):
        return None
    first = previous_sentence_start(sentences, cand.start)
    for prev in reversed(cands[:index]):
        if prev.start < first:
            return None
        if prev.role in EVENT_ROLES:
            if cand.noun and noun_head(cand.noun) != noun_head(prev.noun):
                return None  # "two more days": not more of the same
            return prev.role, cand.noun or prev.noun
    return None


# "11 died on the spot and three more later in hospital": no verb after "N more", only
# where the verb left out happened; the hospital says nothing of the role.
_GAPPED_PLACE = lazy_compile(
    r"\s+more\s+(?:later\s+|subsequently\s+|afterwards\s+|overnight\s+)?(?:in|at)\s+"
    r"(?:the\s+|a\s+)?(?:[A-Z][\w'’-]*\s+){0,3}(?:hospitals?|clinic|intensive\s+care)\b",
    re.IGNORECASE,
)
_ALONG_WITH = frozenset({("along", "with"), ("together", "with"), ("as", "well", "as")})
# "Four more were retrieved", "two more bodies": a count added to the one before.
_MORE_AFTER = lazy_compile(r"\s+more\b(?!\s+than\b)", re.IGNORECASE)
# "Only six have been confirmed": a verb of telling says nothing of what befell them.
_REPORTED_AFTER = lazy_compile(
    r"\s+(?:(?:have|has|had)\s+been|were|was|are|is)\s+(?:officially\s+|so\s+far\s+)?"
    r"(?:confirmed|recorded|reported|registered|identified|verified|counted|documented)\b",
    re.IGNORECASE,
)
# "bringing the number to 17", "taking the total number of dead to" is a cue's own count.
_TOTAL_BEFORE = lazy_compile(
    r"\b(?:bringing|taking|pushing|raising|lifting|putting)\s+(?:the|its|their)\s+"
    r"(?:overall\s+|total\s+)?(?:number|total|tally|count|figure)\s+(?:so\s+far\s+)?to\s+"
    r"(?:at\s+least\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?$",
    re.IGNORECASE,
)


def part_with_own_verb(text: str, cand: Candidate) -> bool:
    """ "five of them had been charged": a verb of the part's own that is no cue says what
    befell the part, something other than what befell the whole."""
    verb = _PART_VERB.match(text, cand.end)
    return verb is not None and verb["verb"].lower() not in CUE_ROLE


_PART_VERB = re.compile(
    r"\s+of\s+(?:them|whom)\s+(?:(?:had|have|has)\s+been|were|was|are|is)\s+"
    r"(?P<verb>[a-z]+ed)\b"
)


def part_verb_role(text: str, cand: Candidate) -> str:
    """ "six of the injured succumbed": a part of a group, with a verb of its own that is a
    cue of another role than the group's, took that role ("" when it has none)."""
    found = _PART_OF_GROUP.match(text, cand.end)
    if found is None:
        return ""
    verb = CUE_ROLE.get(found["verb"].lower(), "")
    return verb if verb and verb != CUE_ROLE.get(found["group"].lower()) else ""


_PART_OF_GROUP = lazy_compile(
    r"\s+of\s+(?:the|those)\s+(?P<group>injured|wounded|hurt|missing|trapped|detained|arrested)"
    r"\s+(?:(?:later|also|have|had|has|subsequently|since)\s+){0,2}(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)


def group_role(
    text: str, cands: list[Candidate], index: int, sentences: list[tuple[int, int]]
) -> str:
    """ "The injured were taken to the Khar hospital, where two of them were referred to
    Peshawar": "N of them" with no count before it, in its sentence or the one before, is a
    part of the group a word of a role names ("the injured", "the dead", "the evacuees");
    "" when there is none."""
    cand = cands[index]
    if not OF_THEM.match(text, cand.end):
        return ""
    first = previous_sentence_start(sentences, cand.start)
    if any(
        first <= c.start and (not c.noun or noun_head(c.noun) not in NOT_CASUALTY_NOUNS)
        for c in cands[:index]
    ):
        return ""  # a count before it is the one "them" refers to ("two hospitals" is none)
    groups = list(_GROUP.finditer(text, first, cand.start))
    return CUE_ROLE.get(groups[-1]["group"].lower(), "") if groups else ""


# A group named by the word of a role: "the injured", "the dead", "the evacuees".
_GROUP = lazy_compile(
    r"\bthe\s+(?P<group>injured|wounded|hurt|dead|missing|arrested|detained|displaced"
    r"|evacuated|evacuees)\b(?![\w-])",
    re.IGNORECASE,
)


def left_state_role(text: str, cand: Candidate, cues: Sequence[Cue], cue_starts: list[int]) -> str:
    """ "killed two workers and left 31 people hospitalised": after "left N people", the cue
    right behind the noun says the state they were left in, whatever verb came before."""
    if not cand.noun or cand.before.bare[-1:] not in (["left"], ["leaving"], ["leaves"]):
        return ""
    i = bisect.bisect_left(cue_starts, cand.noun_end)
    if i < len(cues) and not text[cand.noun_end : cues[i].start].strip():
        return cues[i].role
    return ""


def past_apposition(text: str, end: int) -> int:
    """Where the words after a count go on past an apposition that details it ("46 people,
    including 19 residents of a nearby village, were taken ..."): its end, else ``end``."""
    found = _DETAIL_APPOSITION.match(text, end)
    return found.end() if found else end


_DETAIL_APPOSITION = lazy_compile(
    r",\s+(?:including|among\s+them|[\w-]+\s+of\s+(?:them|whom))\b[^,;.]{0,80},"
)


def among_them(bare: list[str]) -> bool:
    """ "among them 6", "Among them were 27 children", "They include 1,104 from Goin": the
    words before detail a count."""
    if bare[-2:] in (["they", "include"], ["they", "included"], ["these", "include"]):
        return True
    if bare[-1:] and bare[-1] in ("were", "was", "are", "is"):
        bare = bare[:-1]
    return bare[-2:] == ["among", "them"]


def hospital_after(text: str, end: int) -> bool:
    """ "Three gardaí were taken to University Hospital Waterford": the words after a number
    (its noun, up to two words) say it went to hospital."""
    skip = _NOUN_WORDS.match(text, end)
    return any(NAMED_HOSPITAL.match(text, at) for at in {end, skip.end() if skip else end})


_NOUN_WORDS = lazy_compile(r"(?:\s+(?!(?:were|was|had|have|are|is)\b)[\w'’-]+){1,2}")


def changed_toll(
    text: str,
    cand: Candidate,
    cues: Sequence[Cue],
    cue_starts: list[int],
    sentence: tuple[int, int],
    sentences: list[tuple[int, int]],
) -> str:
    """The role of a toll's new figure: "the toll rose to 31", "was revised down to 38".

    The number after a verb of change counts what the clause's subject counts, so the
    first toll noun of the sentence ("the death toll", "the number of injured") decides,
    not a nearer cue inside a relative clause ("a fire that gutted a building").
    """
    bare = cand.before.bare
    while len(bare) > 2 and bare[-1] in _EARLIER_FIGURE:
        bare = bare[:-1]  # "revised down to 38 from an initial 41"
    put_at = bare[-3:-1] == ["put", "it"] and bare[-1:] == ["at"]  # "put it at 11"
    if not put_at and (
        not bare
        or bare[-1] not in ("to", "from")
        or not any(word in CHANGE_WORDS for word in bare[-9:-1])  # "bring the number of ..."
    ):
        return ""
    start = sentence[0]
    if put_at or "it" in bare[-4:-1]:
        # "The death toll rose through the day. Officials put it at 11, but it climbed to
        # 17": "it" is the toll of the sentence before
        start = previous_sentence_start(sentences, cand.start)
    lo = bisect.bisect_left(cue_starts, start)
    for cue in cues[lo:]:
        if cue.end > cand.start:
            break
        if " ".join(text[cue.start : cue.end].lower().split()) in TOLL_NOUNS:
            return cue.role
    return ""


# Words between "from" and a toll's old figure: "from an initial 41", "from the earlier 12".
_EARLIER_FIGURE = frozenset(
    {"a", "an", "the", "initial", "earlier", "previous", "original", "preliminary", "first"}
    | {"reported", "estimated", "official", "provisional"}
)


def sent_to_hospital(text: str, cand: Candidate) -> bool:
    """ "sending 11 people to hospital"; "seven to Stepping Hill Hospital": the count went
    to hospital, by a verb of sending or with the verb left out before a hospital's name."""
    if cand.before.bare[-1:] and cand.before.bare[-1] in _SENDING:
        return bool(TO_HOSPITAL.match(text, cand.noun_end))
    return not cand.noun and bool(TO_NAMED_HOSPITAL.match(text, cand.noun_end))


_SENDING = word_set("sending sent send sends")


def lost_kin(cand: Candidate) -> bool:
    """ "lost her two daughters", "lost three relatives": kin lost are kin who died."""
    bare = cand.before.bare
    if bare[-1:] and bare[-1] in _POSSESSIVES:
        bare = bare[:-1]
    return bool(bare) and bare[-1] == "lost" and noun_head(cand.noun) in KIN_NOUNS


_POSSESSIVES = word_set("his her their its my our your")


def aboard(text: str, cand: Candidate) -> bool:
    """The number counts who was aboard ("a jeep carrying four people", "with 300 people on
    board"): only a verb that governs it, or its own after it, gives it a role."""
    carrying = bool(cand.before.bare) and cand.before.bare[-1] in _CARRYING
    return carrying or bool(ON_BOARD.match(text, cand.noun_end))


_CARRYING = word_set("carrying carried ferrying ferried transporting conveying")
# "killed all 12 on board": the verb governs the count across "all".
ALL_OF = lazy_compile(r"\s+all\s+(?:the\s+|of\s+the\s+)?", re.IGNORECASE)
