"""Pass 4, roles: what each number counts (killed, injured, launched...), from the cue words.

In order: population phrases ("a city of 340,000 people"), "claimed 14 lives", "including
N" / "N of them" (the role of the number it details), a toll's new figure ("the toll was
revised to 38"); then the nearest cue in the sentence, preferring verbs that govern the
number ("shot down 21") over participles that only describe a noun ("rockets fired at").
Last, the counted noun limits the role: places and objects are no casualties, buildings
are damaged, people are not shot down.
"""

from __future__ import annotations

import bisect
import itertools
import re

from summarizer.numbers.lexicon import (
    AUXILIARIES,
    COPULAS,
    CUE_NOUNS,
    CUE_ROLE,
    HARM_ROLES,
    HOUSEHOLD_NOUNS,
    NOT_CASUALTY_NOUNS,
    PEOPLE_NOUNS,
    PERSON_WORDS,
    POPULATION_HEADS,
    PRONOUNS,
    SETTLEMENT_NOUNS,
    STRUCTURE_NOUNS,
    SUBJECT_WORDS,
    TAKES_LIVES,
    TRANSITIVE_PARTICIPLES,
    is_area,
)
from summarizer.numbers.mention import AGE_NOUN, Candidate, Cue
from summarizer.numbers.patterns import (
    ADJUNCT_AFTER,
    ALL_DIED,
    AMONG_THE,
    AMONG_THEM_LEAD,
    APPOSITION_AFTER,
    AREA_OF_OBJECT,
    ATTACK_WITH,
    CLAUSE_BREAK,
    COORDINATED_OBJECT,
    COORDINATION,
    CREWED_AIRCRAFT,
    GOVERNED_GAP,
    LIVES_AFTER,
    MOVED_TO_SHELTER,
    NAMED_HOSPITAL,
    NEUTRALISED,
    NEW_SUBJECT_CLAUSE,
    NOMINAL_END,
    NUMBER_FOLLOWS,
    NUMBER_OF_WHOM,
    OBJECT_FOLLOWS,
    OF_THE_HEAD,
    OF_THEM,
    OF_THOSE_BEFORE,
    PROJECTILES,
    STRUCTURE_VERB,
    SUBJECT_VERB,
)
from summarizer.numbers.role_phrases import (
    ALL_OF,
    aboard,
    among_them,
    changed_toll,
    continued_role,
    group_role,
    left_state_role,
    lost_kin,
    noun_head,
    part_verb_role,
    part_with_own_verb,
    past_apposition,
    sent_to_hospital,
    share_compared_roles,
    share_partitive_roles,
)
from summarizer.text.sentences import previous_sentence_start, sentence_at
from summarizer.vocabulary import EVENT_ROLES, PEOPLE_ROLES

__all__ = [
    "Cue",
    "assign_roles",
    "borrow_elided_projectiles",
    "borrow_missing_nouns",
    "find_cues",
    "role_cue_near",
]


# How far a cue may stand from the number it gives a role, in words: before the number,
# or after its counted noun.
_MAX_BEFORE_WORDS = 25
_MAX_AFTER_WORDS = 8


def find_cues(text: str, spans: list[tuple[int, int]], cands: list[Candidate]) -> list[Cue]:
    """The cue words at ``spans`` (from the lexer), each with how it stands in its clause."""
    cues = []
    measures = {c.start for c in cands if c.role in _MEASURE_ROLES}
    for start, end in spans:
        phrase = " ".join(text[start:end].lower().split())
        prev = _word_before(text, start)
        if phrase in _VERB_ONLY_AFTER_PLURAL and not prev.lower().endswith("s"):
            continue  # "the 2010 mine collapse, 33 men": a noun; "950 houses collapse": a verb
        weak = phrase in TRANSITIVE_PARTICIPLES and _is_reduced_relative(text, end, prev)
        follows = NUMBER_FOLLOWS.match(text, end)
        # "trapped nearly 400 metres underground": a measure is no object of the verb
        has_object = bool(follows) and not (measures and _measure_at(text, follows, measures))
        predicate = prev.lower() in COPULAS
        own_subject = _pronoun_subject(text, start, prev.lower())
        role = CUE_ROLE[phrase]
        cues.append(Cue(start, end, role, weak, has_object, predicate, own_subject))
    return cues


# Cue words that are also nouns; only a plural subject right before makes them the verb.
_VERB_ONLY_AFTER_PLURAL = frozenset({"collapse"})
_MEASURE_ROLES = frozenset({"distance", "duration", "time", "date_or_year", "percentage"})


def _measure_at(text: str, follows: re.Match[str], measures: set[int]) -> bool:
    """Whether the number the match ``follows`` reached starts a measure (a distance...)."""
    pos = follows.end() - 1
    while pos > follows.start() and not text[pos - 1].isspace():
        pos -= 1
    return pos in measures or follows.end() - 1 in measures


def _pronoun_subject(text: str, start: int, prev: str) -> bool:
    """ "when it overturned", "after they had fled": a pronoun is the cue's subject."""
    if prev in PRONOUNS:
        return True
    if prev not in AUXILIARIES:
        return False
    words = text[max(0, start - 30) : start].lower().split()[-3:-1]
    for word in reversed(words):  # up to two auxiliaries: "it had been"
        if word in PRONOUNS:
            return True
        if word not in AUXILIARIES:
            return False
    return False


def _word_before(text: str, start: int) -> str:
    """The word right before ``start`` (one or more spaces between), or "" after punctuation."""
    head = text[max(0, start - 24) : start]
    if not head[-1:].isspace():
        return ""
    parts = head.split()
    word = parts[-1] if parts else ""
    return word if word.replace("’", "").replace("'", "").isalnum() else ""


def _is_reduced_relative(text: str, end: int, prev: str) -> bool:
    """ "rockets fired at", "five fired at", "people killed in": a participle after a noun."""
    low = prev.lower()
    if not prev or low in SUBJECT_WORDS or low.endswith("ly"):
        return False
    if prev[0].isupper() and not low.endswith("s"):
        return False  # "Russia fired ...": a subject
    return not OBJECT_FOLLOWS.match(text, end)  # "system intercepted at least eight"


def assign_roles(
    text: str, cands: list[Candidate], sentences: list[tuple[int, int]], cues: list[Cue]
) -> None:
    """Population phrases, then "including N", then cues; other counts stay other_count."""
    cue_starts = [c.start for c in cues]
    for cand in cands:  # "leaving four of its eight crew members missing": four crew members
        if cand.total_of is not None and not cands[cand.total_of].noun:
            cands[cand.total_of].noun = cand.noun
    # A cue after another number belongs to that one ("Deniz, 45, whose two sisters are
    # missing"), unless that number only details this one ("20, including two civilians,
    # have been killed") or is coordinated with it ("5 soldiers and 20 civilians were killed").
    # An age says nothing of what happened ("three guards, aged 41 and 29, were killed").
    # "52 passengers, 31 of whom died": a relative clause's verb is its own number's.
    blockers = [
        c.start
        for c in cands
        if (not _details_another(text, c) or NUMBER_OF_WHOM.match(text, c.start))
        and c.noun != AGE_NOUN
    ]
    for index, cand in enumerate(cands):
        if cand.conversion and cands[index - 1].role == cand.role and cand.qualifier == "exact":
            cand.qualifier = cands[index - 1].qualifier  # "more than 300 sq miles (777 sq km)"
        if cand.locked:
            if cand.role == "other_count" and is_area(cand.noun):
                cand.role = _area_role(text, cand, cues, cue_starts, sentences, blockers)
            continue
        if _population_phrase(cand.before.bare):
            cand.role = "population"
            continue
        if (
            cand.before.bare[-1:]
            and cand.before.bare[-1] in TAKES_LIVES
            and LIVES_AFTER.match(text, cand.unit_end)
        ):
            cand.role = "killed"  # "claimed 14 lives", "cost at least 30 lives"
            continue
        if lost_kin(cand):
            cand.role = "killed"  # "she lost her two daughters in the accident"
            continue
        sentence = sentence_at(sentences, cand.start)
        head = _including_head(text, cands, index, sentence, cue_starts)
        if head is not None:
            cand.role = head.role
            continue
        if _coordinated_detail(text, cands, index):
            cand.role = cands[index - 1].role  # "including 68 passengers and four crew"
            continue
        toll = changed_toll(text, cand, cues, cue_starts, sentence, sentences)
        if toll:
            cand.role = toll  # "the death toll from a fire that gutted ... was revised to 38"
            continue
        role, bound = _role_from_cues(text, cand, cues, cue_starts, sentence, blockers)
        role = part_verb_role(text, cand) or left_state_role(text, cand, cues, cue_starts) or role
        if not role:
            role = group_role(text, cands, index, sentences)  # "the injured ..., two of them"
        continued = continued_role(text, cands, index, sentences, role)
        if continued is not None:
            role, cand.noun = continued  # "Four more were retrieved", "bringing the number to 17"
        if cand.population_noun and not bound:
            role = "population"  # "the city's 5,000 residents", not "5,000 residents fled"
        if not role and cand.total_of is not None and cands[cand.total_of].role == "intercepted":
            role = "launched"  # "shot down 21 of 49 drones": the 49 were launched
        if (
            role == "damaged"
            and PROJECTILES.search(cand.noun)
            and not CREWED_AIRCRAFT.search(cand.noun)
        ):
            role = "intercepted"  # "destroyed 20 drones" (in the air); "nine aircraft" stay
        if role in ("missing", "injured", "") and ALL_DIED.search(text, cand.unit_end, sentence[1]):
            role = "killed"  # "23 miners were trapped and all of them died"
        counted = noun_head(cand.noun)
        if (
            role in ("", "other_count")
            and (counted in PEOPLE_NOUNS or counted in HOUSEHOLD_NOUNS)
            and MOVED_TO_SHELTER.match(text, cand.noun_end)
        ):
            role = "displaced"  # "140 families have been moved to a school"
        if counted in PEOPLE_NOUNS:
            # "five children were among the 31 wounded"
            among = AMONG_THE.match(text, cand.noun_end)
            if among is not None:
                role = CUE_ROLE.get(among.group("group"), role)
            # "11 of the attackers were neutralised": people are not shot down
            if role == "intercepted" and NEUTRALISED.search(
                text, max(sentence[0], cand.start - 60), cand.unit_end + 60
            ):
                role = "killed"
        if not bound and (
            NAMED_HOSPITAL.match(text, past_apposition(text, cand.noun_end))
            or sent_to_hospital(text, cand)
        ):
            role = "injured"  # "two were taken to St Vincent's University Hospital"
        if role in ("", "other_count") and _with_injuries(text, cands, index):
            role = "injured"  # "Three others were rescued with injuries": hurt, if alive
        if not role and PROJECTILES.search(cand.noun) and _attacked_with(text, cands, index):
            role = "launched"  # "attacked with 83 drones and four missiles"
        cand.role = _fit_noun(role, cand.noun) or "other_count"
    share_partitive_roles(text, cands)
    share_compared_roles(text, cands, sentences)


def _area_role(
    text: str,
    cand: Candidate,
    cues: list[Cue],
    cue_starts: list[int],
    sentences: list[tuple[int, int]],
    blockers: list[int],
) -> str:
    """An area is damaged only when a verb of damage is bound to it ("2,000 hectares of
    crops were destroyed" no, "crops over 2,000 hectares have been damaged" and "damaged
    crops on 2,000 hectares" yes); "burned
    31,400 hectares" and "grew to 2,250 hectares" measure it: other_count."""
    sentence = sentence_at(sentences, cand.start)
    role, bound = _role_from_cues(text, cand, cues, cue_starts, sentence, blockers)
    if bound and role == "damaged":
        return role
    lo = bisect.bisect_left(cue_starts, sentence[0])
    hi = bisect.bisect_left(cue_starts, cand.start)
    if any(
        cue.role == "damaged" and AREA_OF_OBJECT.fullmatch(text, cue.end, cand.start)
        for cue in cues[lo:hi]
    ):
        return "damaged"  # "damaged crops on more than 2,000 hectares"
    i = bisect.bisect_left(cue_starts, cand.noun_end)  # "... have been damaged"
    if i < len(cues) and cues[i].role == "damaged" and cues[i].start < sentence[1]:
        gap = text[cand.noun_end : cues[i].start].lower().split()
        if len(gap) <= 2 and all(word in AUXILIARIES or word == "been" for word in gap):
            return "damaged"
    return "other_count"


def _with_injuries(text: str, cands: list[Candidate], index: int) -> bool:
    """ "Three others were rescued and admitted to the base hospital with injuries": the
    number's own clause (no comma, no other number) says it came away with wounds."""
    cand = cands[index]
    found = _WITH_INJURIES.match(text, max(cand.noun_end, cand.unit_end, cand.end))
    if found is None:
        return False
    after = cands[index + 1].start if index + 1 < len(cands) else len(text)
    return found.end() <= after


_WITH_INJURIES = re.compile(
    r"[^,;.:\d]{0,90}?\bwith\s+(?:\w+\s+){0,2}?(?:injuries|burns|wounds|fractures)\b",
    re.IGNORECASE,
)


def _attacked_with(text: str, cands: list[Candidate], index: int) -> bool:
    """ "Russia attacked with 83 drones", "struck the city using four missiles": weapons an
    attack was made with were launched; "and four missiles" right after shares it."""
    cand = cands[index]
    if ATTACK_WITH.search(text, max(0, cand.start - 60), cand.start):
        return True
    if index == 0:
        return False
    prev = cands[index - 1]
    return (
        prev.role == "launched"
        and bool(PROJECTILES.search(prev.noun))
        and bool(COORDINATION.fullmatch(text, prev.noun_end, cand.start))
    )


def _fit_noun(role: str, noun: str) -> str:
    """The role a cue gives, as far as the counted noun can take it.

    Places, happenings and objects are not casualties: "taken to 7 hospitals", "in 12
    districts", "killed in 30 attacks", "four grenades were recovered" count other things.
    Buildings and vehicles cannot die or go missing: "40 houses were buried" were damaged;
    people are not damaged, launched or shot down.
    """
    head = noun_head(noun)
    if role == "struck":  # a blow damages buildings and vehicles; it counts nothing else
        return "damaged" if head in STRUCTURE_NOUNS else ""
    if role == "shot":  # a shot wounds people ("three were shot"); it counts nothing else
        return "injured" if not head or head in PEOPLE_NOUNS or head in PERSON_WORDS else ""
    if role not in EVENT_ROLES or not noun:
        return role
    if head in NOT_CASUALTY_NOUNS:
        return "other_count"
    if head in SETTLEMENT_NOUNS and (role in HARM_ROLES or role == "displaced"):
        return "other_count"  # "killed in 5 villages", "evacuated 14 villages": places, not people
    if head in STRUCTURE_NOUNS and role in ("killed", "injured", "missing"):
        return "damaged"
    if head in STRUCTURE_NOUNS and role == "arrested":
        return "other_count"  # "arrested 14 people and seized 3 vehicles"
    if head in PEOPLE_NOUNS and role in ("damaged", "launched", "intercepted"):
        return "other_count"  # "a ferry carrying 110 passengers capsized": the ferry did
    return role


def _population_phrase(bare: list[str]) -> bool:
    """ "a city of about 340,000 people", "population of 5,000", "home to 2 million"."""
    if len(bare) < 2:
        return False
    return (bare[-1] == "of" and bare[-2] in POPULATION_HEADS) or (bare[-2], bare[-1]) in (
        ("home", "to"),
        ("populated", "by"),
    )


def _details_another(text: str, cand: Candidate) -> bool:
    """ "including 23", "among them 6", "16 of them": a number that details the one before."""
    bare = cand.before.bare
    if bare and (bare[-1] == "including" or among_them(bare)):
        return True
    if OF_THOSE_BEFORE.search(text, max(0, cand.start - 24), cand.start):
        return True  # "Of those, 436 were recorded in the past week"
    return not cand.noun and bool(OF_THEM.match(text, cand.end))


def _coordinated_detail(text: str, cands: list[Candidate], index: int) -> bool:
    """ "72 killed, including 68 passengers and four crew": a count coordinated right after
    a detail ("including N", "among them N") details the same head."""
    if index == 0 or cands[index].noun == AGE_NOUN:
        return False
    prev = cands[index - 1]
    return (
        _details_another(text, prev)
        and prev.role in EVENT_ROLES
        and cands[index].before.bare[-1:] == ["and"]
        and bool(COORDINATION.fullmatch(text, prev.noun_end, cands[index].start))
    )


def _including_head(
    text: str,
    cands: list[Candidate],
    index: int,
    sentence: tuple[int, int],
    cue_starts: list[int],
) -> Candidate | None:
    """ "killing 40 people, including 23 in Kyiv": the 23 shares the role of the 40.

    "N of them" refers to the count right before it ("41 survivors, nine of them in
    hospital"), so only that one may lend its role. ``cue_starts``: where the sentence's
    cue words start, in order (the lexer's).
    """
    cand = cands[index]
    if not _details_another(text, cand):
        return None
    among = bool(cand.before.bare) and among_them(cand.before.bare)
    among = among or bool(OF_THOSE_BEFORE.search(text, max(0, cand.start - 24), cand.start))
    of_them = not cand.before.bare or cand.before.bare[-1] != "including"
    of_them = of_them and not among
    for prev in reversed(cands[:index]):
        if prev.start < sentence[0]:
            # "... bringing the number to 17. Six of them are children": a sentence that
            # opens on "N of them" or "Among them were N", with no role word of its own
            # ("Seven of them were in critical condition" has one), details the count the
            # sentence before ended on
            lead = text[sentence[0] : cand.start].strip(" \"“‘'(")
            opens = (of_them and not lead) or (among and AMONG_THEM_LEAD.fullmatch(lead))
            own = bisect.bisect_left(cue_starts, cand.end) < bisect.bisect_left(
                cue_starts, sentence[1]
            )  # a cue word after it, in its sentence
            if not opens or own:
                return None
            # the count, not a date or time after it ("1,180 deaths since June 28"), nor the
            # places it went to ("moved to four evacuation shelters. They include 1,104 ...")
            counts = (
                c
                for c in reversed(cands[:index])
                if c.role not in _MEASURE_ROLES
                and noun_head(c.noun) not in NOT_CASUALTY_NOUNS | SETTLEMENT_NOUNS
            )
            last = next((c for c in counts if c.start < sentence[0]), None)
            return last if last is not None and last.role in EVENT_ROLES else None
        if prev.noun == AGE_NOUN or prev.role in _MEASURE_ROLES:
            continue  # "seven men, aged between 17 and 42, ..., and five of them"
        if prev.role in EVENT_ROLES:
            if of_them and _own_cue_right_after(text, cand, cue_starts):
                return None  # "148 people have been shot, 19 of them fatally"
            if of_them and part_with_own_verb(text, cand):
                return None  # "seven men had been arrested, and five of them had been charged"
            return prev
        if of_them:
            return None
    return None


def _own_cue_right_after(text: str, cand: Candidate, cue_starts: list[int]) -> bool:
    """A role word of its own right after "N of them", before the next comma or the
    sentence's end: "19 of them fatally", "23 of them with injuries"."""
    i = bisect.bisect_left(cue_starts, cand.end)
    if i == len(cue_starts):
        return False
    gap = text[cand.end : cue_starts[i]]
    aside = _PART_NAMED_AFTER.match(gap)  # "one of them, a 37-year-old miner, died"
    if aside is not None:
        gap = gap[aside.end() :]
    return gap.count(" ") <= 4 + (aside is not None) and not any(c in gap for c in ",.;")


# "N of them, a 37-year-old miner,": who the part is, set off by commas before its verb.
_PART_NAMED_AFTER = re.compile(r"\s+of\s+(?:them|whom),\s+(?:a|an|the)\s+[^,.;]{1,40},")


def _role_from_cues(
    text: str,
    cand: Candidate,
    cues: list[Cue],
    cue_starts: list[int],
    sentence: tuple[int, int],
    blockers: list[int],
) -> tuple[str, bool]:
    """(role, bound): the best cue in the sentence, and whether it is bound to this number.

    A cue bound to the number wins (its noun: "9 dead"; an adjective: "53 damaged cars");
    then the nearest governing cue on either side, where a verb right before the number
    ("killed 24", "shot down 21") counts as distance 0 and the cue before wins ties;
    participles that only describe a noun ("rockets fired at") are the last resort.
    """
    nominal = _nominal_cue(text, cand, cues, cue_starts) or _cue_inside(cues, cue_starts, cand)
    if nominal:
        return nominal, True
    lo = bisect.bisect_left(cue_starts, sentence[0])
    hi = bisect.bisect_left(cue_starts, sentence[1])
    best: tuple[int, int, int, str] | None = None
    struck = noun_head(cand.noun) in STRUCTURE_NOUNS
    for cue in cues[lo:hi]:
        if cue.role == "struck" and not struck:
            continue  # "were hit by shrapnel": a blow counts only buildings and vehicles
        key = _cue_key(text, cand, cue, blockers)
        if key is not None and (best is None or key < best):
            best = key
    if best is None:
        return "", False
    weak, distance, after, role = best
    return role, not weak and distance <= (2 if after else 0)


def _cue_key(
    text: str, cand: Candidate, cue: Cue, blockers: list[int]
) -> tuple[int, int, int, str] | None:
    """Sort key (weak, distance in words, after, role) of one cue for one number, or None."""
    if cue.end <= cand.start:
        if cand.total_of is not None:
            return None  # the verb before "21 of 49" acts on the 21
        if not cand.noun and "," in text[cue.end : cand.start] and OF_THEM.match(text, cand.end):
            # "42 people were rescued, 11 of whom were injured": "N of whom" opens a clause
            # of its own, and "N of them" an aside; the verb before governs neither
            return None
        distance = text.count(" ", cue.end, cand.start)
        if distance > _MAX_BEFORE_WORDS or ";" in text[cue.end : cand.start]:
            return None
        governs = bool(
            GOVERNED_GAP.fullmatch(text, cue.end, cand.start)
            or COORDINATED_OBJECT.fullmatch(text, cue.end, cand.start)
        )
        if (
            governs
            and "," in text[cue.end : cand.start]
            and SUBJECT_VERB.match(text, cand.noun_end)
        ):
            governs = False  # "2,000 fled, over 300 homes were damaged": its own clause
        if cue.predicate and not governs:
            return None  # "12 are missing and 3,000 have been evacuated"
        if not governs and _SUBORDINATE_OPENS.search(text, cue.end, cand.start):
            return None  # "a miner died after nine workers were hospitalised": its own clause
        if not governs and aboard(text, cand) and not ALL_OF.fullmatch(text, cue.end, cand.start):
            return None  # "two died when an avalanche swept a jeep carrying four people"
        if (
            not governs
            and not cand.noun
            and cand.before.bare
            and _in_place_phrase(cand.before.bare)
        ):
            return None  # "overturned in the 2": a bare number after a preposition of place
        if not governs and CLAUSE_BREAK.search(text, cue.end, cand.start):
            # "12 people died and 40 were injured": a cue of the same clause, after the
            # number, is nearer in the sentence's structure than one across "and"; so is a
            # bare participle ("23 confirmed dead and 41,000 others displaced"), unless the
            # cue is a verb whose objects are coordinated ("intercepted 8 ... and 5 fired").
            distance += _MAX_AFTER_WORDS
            if not cue.has_object:
                return (1, distance, 0, cue.role)
        return (int(cue.weak and not governs), 0 if governs else distance, 0, cue.role)
    if cue.start >= cand.noun_end and not cue.has_object and not cue.own_subject:
        if "," in text[cand.noun_end : cue.start] and OF_THE_HEAD.search(
            text, max(0, cand.start - 12), cand.start
        ):
            return None  # "Of the 52 passengers, 31 died": the verb is the part's
        # "Three guards, a woman and two boys, were arrested", "Two vans and the door of a
        # shop were hit": the apposition or the coordinated noun phrase is skipped
        gap_start = cand.noun_end
        apposition = APPOSITION_AFTER.match(text, cand.noun_end)
        if apposition and apposition.end() <= cue.start:
            gap_start = apposition.end()
        elif NEW_SUBJECT_CLAUSE.match(text, cand.noun_end, cue.start):
            return None  # "finished with ten men, and a defender was taken to hospital"
        opens = _SUBORDINATE_AFTER.search(text, cand.noun_end, cue.start)
        if opens is not None and opens.end() < cue.start:
            # "14 others injured as protests over the death of a rider ...": the cue is in a
            # clause of its own (not "listed as missing": there "as" leads to the cue itself)
            return None
        distance = text.count(" ", gap_start, cue.start)
        if distance > _MAX_AFTER_WORDS or ";" in text[cand.noun_end : cue.start]:
            return None
        i = (
            bisect.bisect_left(blockers, gap_start)
            if apposition
            else bisect.bisect_right(blockers, cand.start)
        )
        if (
            i < len(blockers)
            and blockers[i] < cue.start
            and not (
                COORDINATION.fullmatch(text, cand.noun_end, blockers[i])
                and not NUMBER_OF_WHOM.match(text, blockers[i])
            )
        ):
            return None  # another number stands between: the cue is its own
        return (int(cue.weak), distance, 1, cue.role)
    return None  # inside the phrase, or a verb with its own object ("and injured 500 others")


# Conjunctions that open a clause of their own, read around a number by the two below.
_CONJUNCTIONS = r"after|when|before|while|because|until|whereas|although|though"
# A conjunction that opens a clause of its own between a verb and a number after it.
_SUBORDINATE_OPENS = re.compile(rf"\b(?:{_CONJUNCTIONS}|once)\b", re.IGNORECASE)


# A conjunction that opens a clause of its own between a number and a cue after it ("as"
# only as a conjunction: not "as well as", "as many as", "as a result").
_SUBORDINATE_AFTER = re.compile(
    rf"\b(?:{_CONJUNCTIONS}"
    r"|as(?!\s+(?:well|many|much|of|far|long|soon|a\s+result|part|such)\b))\s",
    re.IGNORECASE,
)


def _in_place_phrase(bare: list[str]) -> bool:
    """The number is in a phrase of place: "in the 3", "across 4" (not "at": "toll stands at 22")."""
    last = (
        bare[-2] if bare[-1] in ("the", "a", "an", "its", "their") and len(bare) > 1 else bare[-1]
    )
    return last in _PLACE_PREPOSITIONS


_PLACE_PREPOSITIONS = frozenset({"in", "on", "near", "into", "inside", "across"})


def _nominal_cue(text: str, cand: Candidate, cues: list[Cue], cue_starts: list[int]) -> str:
    """ "left 9 dead and 17 wounded": a cue word standing as the noun of a bare number."""
    i = bisect.bisect_left(cue_starts, cand.noun_end)
    if i == len(cues) or cand.noun or text[cand.noun_end : cues[i].start].strip():
        return ""
    phrase = " ".join(text[cues[i].start : cues[i].end].lower().split())
    if not NOMINAL_END.match(text, cues[i].end) and not (
        phrase in CUE_NOUNS and ADJUNCT_AFTER.match(text, cues[i].end)
    ):
        return ""  # "two wounded in shooting", "three hurt after blast": headline style
    cand.noun = "people"
    return cues[i].role


def _cue_inside(cues: list[Cue], cue_starts: list[int], cand: Candidate) -> str:
    """A cue word between the number and its noun: "53 damaged cars"."""
    i = bisect.bisect_left(cue_starts, cand.end)
    if i < len(cues) and cues[i].end <= cand.noun_end:
        return cues[i].role
    return ""


def borrow_elided_projectiles(
    text: str, cands: list[Candidate], sentences: list[tuple[int, int]]
) -> None:
    """ "Russia launched 30 drones. Twelve were downed": the subject's noun is elided.

    A bare number that is the subject of a clause ("Twelve were ...") counts the weapons of
    the count before it, in its sentence or the one before, so "Twelve were destroyed"
    reads as intercepted drones, not damaged buildings. Buildings and vehicles are borrowed
    only by a verb that befalls them ("19 homes burned. Another four were lost"), since
    "The storm flattened 40 homes. Four were killed" counts people.
    """
    for index, cand in enumerate(cands):
        verb = SUBJECT_VERB.match(text, cand.end)
        if cand.noun or cand.locked or verb is None:
            continue
        first = previous_sentence_start(sentences, cand.start)
        for prev in reversed(cands[:index]):
            if prev.start < first:
                break
            if prev.noun and PROJECTILES.search(prev.noun):
                cand.noun = prev.noun
                break
            if noun_head(prev.noun) in STRUCTURE_NOUNS and STRUCTURE_VERB.match(text, verb.end()):
                cand.noun = prev.noun
                break


def borrow_missing_nouns(cands: list[Candidate], sentences: list[tuple[int, int]]) -> None:
    """ "two seriously", "injured over 100": borrow the noun of the previous count in the sentence."""
    for index, cand in enumerate(cands):
        if cand.noun or cand.role not in PEOPLE_ROLES:
            continue
        first = sentence_at(sentences, cand.start)[0]
        for prev in reversed(cands[:index]):
            if prev.start < first:
                break
            if prev.noun and prev.role in PEOPLE_ROLES:
                cand.noun = prev.noun
                break


def role_cue_near(text: str, start: int, end: int, role: str, words: int = 3) -> bool:
    """Whether a cue word of ``role`` stands within ``words`` words of ``text[start:end]``.

    A role the extractor gives from a cue right beside the number ("40 were injured",
    "killed 24") is stated; one it reached across a clause is only inferred.
    """
    before = text[max(0, start - 80) : start].split()[-words:]
    after = text[end : end + 80].split()[: words + 2]
    tokens = [t.strip(".,;:!?\"'()").lower() for t in before + after]
    near = tokens[: len(before) + words + 1]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(near)]
    # a phrase that starts near ends a word later: "186 people were taken to hospital"
    triples = [" ".join(t) for t in zip(tokens, tokens[1:], tokens[2:], strict=False)]
    return any(CUE_ROLE.get(token) == role for token in near + pairs + triples)
