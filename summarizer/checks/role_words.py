"""Does the article's own clause say the role a claim gives a number the rules left unread?

The extractor gives a number a role only from a cue it can tie to the number (a verb that
governs it, a participle beside it). Where it cannot, the number stays ``other_count`` and a
claim of a specific role is *undecided*. Most undecided claims on news the rules have never
seen are plain readings of their sentence: "seven to Stepping Hill Hospital" after "taken to
hospital", "300 people spent the night in a sports hall after their homes were evacuated",
"14 vehicles ... were burnt", "2.71 crore voters". The words are there; the extractor's tie is
not.

So a claim about such a number is confirmed when the word of a role *nearest* the number in
its clause belongs to the claimed role's family. The families are word stems, not word
forms ("evacu" for evacuated, evacuation, evacuees), so they hold on wording the rules have
not met. Nearest, not anywhere: "42 people were rescued, 11 of whom were injured" confirms
`injured 11` and not `injured 42` (rescued stands nearer the 42). A clause ends at a
semicolon or before ", while", ", whereas" and "but": the other clause tells another count.
The extractor's own roles never come from here: this confirms, it does not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from summarizer.numbers import NumberMention
from summarizer.numbers.lexicon import HOUSEHOLD_NOUNS, PEOPLE_NOUNS, PERSON_WORDS
from summarizer.numbers.mention import AGE_NOUN
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.places import country_forms
from summarizer.text.sentences import CLAUSE_TURN, part_between
from summarizer.vocabulary import CASUALTY_ROLES

__all__ = ["ROLE_STEMS", "clause_states", "partitive_role", "span_states"]

# Stems of the words that tell a role, by role; "_" stands for a space inside a phrase. A
# stem matches words that start with it ("evacu": evacuated, evacuation, evacuees); a phrase
# ("beyond_recognition") matches as written. "other" holds words that say the people counted
# came to no harm, only were there, or met another step ("charged"): nearest, they leave the
# claim open.
_STEMS: dict[str, str] = {
    "killed": "kill dead death died die dying fatal perish slain murder massacr execut drown "
    "bodies corpse toll lives succumb electrocut martyr homicide beyond_recognition "
    "burnt_beyond burned_beyond burnt_to_death burned_to_death burnt_alive burned_alive "
    "shot_dead shot_and_killed fatally",
    "injured": "injur wound hurt hospital treat patient maim burns burnt burned shot stabbed "
    "critical_condition serious_condition stable_condition admitted ventilator intensive_care",
    "missing": "missing unaccounted trapped disappear buried burying under_the_rubble "
    "under_the_debris under_the_mud under_the_wreckage swept_away washed_away "
    "not_be_accounted not_been_accounted yet_to_be_accounted looking_for searching_for "
    "search_for",
    "displaced": "displac evacu fled flee homeless shelter refuge relief_camp relocat resettl "
    "uproot ordered_out ordered_to_leave spent_the_night stayed_overnight reception_cent rehous "
    "shifted_to moved in_the_open slept_outdoors sleeping_outdoors slept_outside "
    "sleeping_outside",
    "arrested": "arrest detain detention custody jail imprison apprehend nabbed remand captur "
    "rounded_up",
    "damaged": "damag destroy razed flatten collaps ruin demolish torch burnt burned gutted "
    "on_fire caught_fire washed_away swept_away submerg derail overturn capsiz wreck inundat "
    "flooded levelled leveled ablaze set_alight loot vandali ransack broken_into crash collid "
    "pile-up pileup",
    "launched": "launch fired opened_fire lobbed salvo barrage swarm volley",
    "intercepted": "intercept shot_down downed neutrali brought_down repel",
    "population": "inhabitant population voter electorate",
    "other": "rescued alive survived unharmed unhurt safe affect "
    "charged convicted sentenced acquitted released freed bail",
}
ROLE_STEMS: dict[str, tuple[str, ...]] = {
    role: tuple(stem.replace("_", " ") for stem in stems.split()) for role, stems in _STEMS.items()
}

_COMMA = lazy_compile(r",")
# Roles that count people: the number's own counted noun, when it has one, must name people.
_PEOPLE_ROLES = frozenset({*CASUALTY_ROLES, "population"})
_PEOPLE = PEOPLE_NOUNS | PERSON_WORDS | HOUSEHOLD_NOUNS


def _stem_pattern(stem: str) -> str:
    """A one-word stem opens a word ("evacu": evacuated); a phrase is whole words."""
    phrase = r"\s+".join(re.escape(w) for w in stem.split())
    return rf"\b{phrase}" + (r"\w*" if " " not in stem else r"\b")


@lru_cache(maxsize=1)
def _family_pattern() -> re.Pattern[str]:
    """One alternation of every stem of every role, longest first, so that at one place the
    longest wins whatever its role: "shot down" (intercepted) before "shot" (injured),
    "burnt beyond" (killed) before "burnt" (damaged)."""
    stems = sorted({stem for words in ROLE_STEMS.values() for stem in words}, key=len, reverse=True)
    return re.compile("|".join(_stem_pattern(stem) for stem in stems), re.IGNORECASE)


@lru_cache(maxsize=1024)
def _roles_of(word: str) -> frozenset[str]:
    """The roles whose stems ``word`` (a match of :func:`_family_pattern`) is written with."""
    return frozenset(
        role
        for role, stems in ROLE_STEMS.items()
        if any(re.fullmatch(_stem_pattern(stem), word, re.IGNORECASE) for stem in stems)
    )


def _find(sentence: str, mention: NumberMention) -> tuple[int, int] | None:
    """Where the mention's words stand in its sentence: when they stand there twice ("lost
    two lives ... looking for two more people"), the time its counted noun follows closest,
    else the first."""
    found = list(re.finditer(rf"(?<![\w.,]){re.escape(mention.text)}(?!\w|[.,]\d)", sentence))
    if not found:
        return None
    noun = mention.noun.split()
    if len(found) > 1 and noun:
        followed = [
            m
            for m in found
            if re.match(rf"\W+(?:\w+\W+){{0,2}}{re.escape(noun[0])}", sentence[m.end() :])
        ]
        found = followed or found
    return found[0].start(), found[0].end()


def _nearest(sentence: str, start: int, end: int, low: int, high: int) -> set[str]:
    """The roles of the role word nearest ``sentence[start:end]`` inside ``[low, high)``."""
    nearest: tuple[int, set[str]] | None = None
    for word in _family_pattern().finditer(sentence, low, high):
        if start <= word.start() < end:
            continue  # the number's own words
        gap = start - word.end() if word.end() <= start else word.start() - end
        roles = set(_roles_of(" ".join(word.group().lower().split())))
        if nearest is None or gap < nearest[0]:
            nearest = (gap, roles)
        elif gap == nearest[0]:
            nearest[1].update(roles)
    return nearest[1] if nearest else set()


def _counts_fit(role: str, noun: str) -> bool:
    """A number that counts something named (``noun``) counts people only if it names them:
    "186 heat-related call-outs" are no one taken to hospital."""
    if noun == AGE_NOUN:
        return False  # "a 14-year-old boy" counts years
    if not noun.split() or role not in _PEOPLE_ROLES:
        return True
    return _names_people(noun)


def _names_people(noun: str) -> bool:
    """``noun`` (not empty) names people: a word of people ("people spent": the reading ran
    on), or a nationality first ("Three Australians", "two Nepali nationals")."""
    if any(word in _PEOPLE for word in noun.lower().split()):
        return True
    first = noun.split()[0]
    return bool(country_forms(first) or (first.endswith("s") and country_forms(first[:-1])))


def clause_states(role: str, mention: NumberMention) -> bool:
    """Whether the role word nearest ``mention`` says ``role``: in its comma-bounded part of
    the sentence first ("42 people were rescued, 11 of whom were injured"), else in its clause
    ("14 vehicles, including two buses, were burnt")."""
    if role not in ROLE_STEMS or role == "other" or not _counts_fit(role, mention.noun):
        return False
    sentence = mention.sentence
    at = _find(sentence, mention)
    if at is None:
        return False
    return span_states(role, sentence, *at, people=_counts_people(mention.noun))


def span_states(
    role: str, sentence: str, start: int, end: int, *, people: bool | None = True
) -> bool:
    """Whether the role word nearest ``sentence[start:end]`` says ``role``, as
    :func:`clause_states` reads it for a number: for any span, such as a list of people.

    A word of two families ("swept away", "burnt": houses are damaged, people missing or
    hurt) says the one that fits what is counted: ``people`` True for people, False for
    things, None when the count names neither."""
    low, high = part_between(sentence, start, end, CLAUSE_TURN)
    part_low, part_high = part_between(sentence[:high], max(start, low), end, _COMMA)
    roles = _nearest(sentence, start, end, max(low, part_low), part_high)
    if not roles:
        roles = _nearest(sentence, start, end, low, high)
    if people is True and roles - _THING_ROLES:
        roles -= _THING_ROLES
    elif people is False and roles - _PEOPLE_ROLES:
        roles -= _PEOPLE_ROLES
    return roles == {role}


# Roles that count things, not people.
_THING_ROLES = frozenset({"damaged", "launched", "intercepted"})


def _counts_people(noun: str) -> bool | None:
    """Whether a count's noun names people (True), something else (False), or nothing."""
    if not noun.split() or noun == AGE_NOUN:
        return None
    return _names_people(noun)


# "Of the 11, seven were from ...", "Of those 40 injured, 12 ...": a part of a count told
# before, opening the sentence; the part is counted as the whole was.
_OF_THE_WHOLE = lazy_compile(
    r"^\W*Of\s+(?:the|these|those)\s+(?P<whole>[\w,.]+)(?:\s+[a-z-]+){0,2}\s*,\s*$"
)


def partitive_role(mention: NumberMention, mentions: Sequence[NumberMention]) -> str:
    """The role of the whole that ``mention`` is a part of ("Of the 11, seven ..." after
    "11 people died": killed), or "" when it opens no such part or the whole's role is not
    read. The whole is the article's nearest earlier count of the same value with a role."""
    at = _find(mention.sentence, mention)
    if at is None:
        return ""
    opened = _OF_THE_WHOLE.match(mention.sentence[: at[0]])
    if opened is None:
        return ""
    sentence_start = mention.start - at[0]
    whole = next(
        (
            m
            for m in mentions
            if sentence_start <= m.start < mention.start and m.text == opened["whole"]
        ),
        None,
    )
    if whole is None:
        return ""
    if whole.role not in ("other_count", "population"):
        return whole.role  # "Of the 19 injured, 11 ..."
    told = [
        m
        for m in mentions
        if m.end <= sentence_start
        and m.value == whole.value
        and m.role in _PEOPLE_ROLES
        and m.role != "population"
    ]
    return told[-1].role if told else ""
