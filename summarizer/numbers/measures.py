"""Pass 2, second half: what follows a number says what it measures, and its qualifier.

A unit, percent sign, currency word or month after the number ("5 km", "12%", "45 cents",
"30 September") fixes its role (distance, percentage, money, date_or_year...), as do the
forms "10 o'clock", "a 12-year-old" (an age: other_count, noun "years old") and a bare
year ("in 2019"); such a role is locked, no cue word changes it. Then the qualifier: words
before ("at least", "about") or after ("or more", "+") the number.
"""

from __future__ import annotations

import itertools
import re
from typing import Literal

from summarizer.numbers import words as nw
from summarizer.numbers.lexicon import (
    CHANGE_WORDS,
    CURRENCY_WORD_CODE,
    DISTANCE_WORDS,
    DURATION_WORDS,
    LOCATION_PREPOSITIONS,
    MATTER_NOUNS,
    MONTH_WORDS,
    NATIONAL_CURRENCY,
    NOUN_STOP,
    OCCASION_PLURALS,
    PERSON_WORDS,
    POST_QUALIFIER_VALUE,
    WEEKDAY_WORDS,
    YEAR_PREPOSITIONS,
    measure_role,
    word_set,
)
from summarizer.numbers.mention import AGE_NOUN, Candidate
from summarizer.numbers.patterns import (
    AFTER,
    AGE_LIST_END,
    AGE_LIST_GAP,
    APPOSITION_HEAD,
    BRACKET_HEAD,
    BRACKETED_TALLY,
    MAGNITUDE_AFTER,
    NEXT_WORD,
    OLD_AFTER,
    OLD_HYPHEN,
    PERIOD_AFTER,
    PLAIN_YEAR,
    POST_QUALIFIER,
)

__all__ = ["extend_age_lists", "read_after"]


def read_after(text: str, cand: Candidate) -> None:
    """What follows the number (unit, percent, currency, date) and its qualifier."""
    if not cand.locked:
        _read_unit(text, cand)
    _read_qualifier(text, cand)


def _read_unit(text: str, cand: Candidate) -> None:
    """Fix the role when the form says it: time, date, percentage, money, measure, year."""
    after = AFTER.match(text, cand.unit_end)
    what = after.lastgroup if after else None
    if _read_time_or_date(cand, after, what):
        return
    if after is not None and what == "hyphen":
        _read_hyphen_adjective(text, cand, after)
        return
    if what == "money" or cand.currency:
        _read_money(cand, after if what == "money" else None)
    elif after is not None and (measure := _measure(cand, after, what)):
        cand.role, cand.noun = measure
        old = OLD_AFTER.match(text, after.end()) if what == "duration" else None
        if old and after.group(what).lower().startswith("year"):
            cand.role, cand.noun = "other_count", AGE_NOUN  # "over 65 years old"
            cand.unit_end = old.end()
    elif _is_magnitude(text, cand):
        cand.role, cand.noun, cand.locked = "other_count", "magnitude", True
        return
    elif _is_year(text, cand):
        cand.role, cand.noun, cand.locked = "date_or_year", "year", True
        return
    elif cand.value <= 130 and not cand.scaled and _age_before(cand.before.bare):
        cand.role, cand.noun, cand.locked = "other_count", AGE_NOUN, True  # "aged 16 and 61"
        return
    elif _appositive_age(text, cand) or _bracketed_age(text, cand):
        cand.role, cand.noun, cand.locked = "other_count", AGE_NOUN, True  # "Ann Lowe, 47, said"
        return
    else:
        return
    cand.locked, cand.unit_end = True, max(cand.unit_end, after.end() if after else 0)


# "(43 miles)": the same measure in other units, between a number's unit and its "an hour".
_CONVERSION = re.compile(r"\s*\([^()]*\)")


def _measure(cand: Candidate, after: re.Match[str], what: str | None) -> tuple[str, str] | None:
    """(role, unit) of a percent sign or a unit of length, area or time after the number."""
    if what in ("pct", "points", "bps"):
        return "percentage", {"pct": "percent", "points": "percentage points"}.get(
            what,
            "basis points",  # hundredths of a point: "cut rates by 25 basis points"
        )
    if what == "temp":  # "46.4C", "-5°C", "104 degrees Fahrenheit": a reading, not a count
        scale = (after.group("deg") or after.group("glued") or after.group("scale") or "").lower()[
            :1
        ]
        return "other_count", _TEMPERATURE_NOUN.get(scale, "degrees")
    if what in ("distance", "speed"):  # an area or a speed is no length: other_count
        unit = " ".join(_CONVERSION.sub("", after.group(what)).replace(")", "").split())
        return measure_role(unit), unit
    if what == "age" or (what == "duration" and _is_age(cand, after.group(what))):
        return "other_count", AGE_NOUN  # "65 years old", "aged 40 years": an age, not a span
    if what == "duration" and cand.kind != "vague":  # not "hundreds years"
        return "duration", " ".join(after.group(what).split())
    if what == "half_of" and cand.kind == "half":
        return "duration", after.group("half_unit").lower()  # "half an hour"
    return None


_TEMPERATURE_NOUN = {"c": "degrees Celsius", "f": "degrees Fahrenheit"}


def _is_age(cand: Candidate, unit: str) -> bool:
    """ "aged 40 years", "a median age of 77 years", "ages range from 1 to 96 years"."""
    return unit.lower().startswith("year") and _age_before(cand.before.bare)


def _age_before(bare: list[str]) -> bool:
    """Words right before a number that make it an age: "aged", "age of", "ages from"."""
    tail = bare[-3:]
    return bool(tail) and (
        tail[-1] in ("aged", "age")
        or (len(tail) >= 2 and tail[-2] in ("aged", "age") and tail[-1] in _AGE_LINKS)
        or ("ages" in tail and tail[-1] in _AGE_LINKS)
    )


def _appositive_age(text: str, cand: Candidate) -> bool:
    """ "Ann Lowe, 47, was jailed", "a worker, 23, died": a bare small number set off by
    commas right after a name or a person is that person's age, not a count."""
    closer = text[cand.end : cand.end + 1]
    if closer not in ",;":  # "Jaylen Pruitt, 16; Marcus Bell, 17; ...": a list's items
        return False
    head = _age_head(text, cand, closer, APPOSITION_HEAD)
    if head is None or head is True:
        return head is True
    lead = head.group("lead")  # not the sentence's first word ("However, 20,")
    return (
        lead is not None and lead.split()[0].lower() not in LOCATION_PREPOSITIONS
    )  # "In Kano, 23,"


def _age_head(
    text: str, cand: Candidate, closer: str, pattern: re.Pattern[str]
) -> re.Match[str] | Literal[True] | None:
    """Whether a small whole number closed by ``closer`` follows a person: True after a
    person word ("a worker"), the match of ``pattern`` after a capitalised name (the caller
    judges what leads it), None otherwise."""
    if cand.kind != "digits" or cand.scaled or cand.currency or cand.value != int(cand.value):
        return None
    if not 1 <= cand.value <= 119 or text[cand.end : cand.end + 1] != closer:
        return None
    head = pattern.search(text, max(0, cand.start - 40), cand.start)
    if head is None:
        return None
    word = head.group("word")
    if word.lower() in PERSON_WORDS:
        return True
    if not word[0].isupper() or word.lower() in MONTH_WORDS or word.lower() in WEEKDAY_WORDS:
        return None
    return head


def _is_magnitude(text: str, cand: Candidate) -> bool:
    """ "a magnitude 5.2 aftershock", "a magnitude of 5.8", "measuring 6.1 on the Richter
    scale", "a 7.1 magnitude quake": a quake's magnitude, a measure no verb of damage or
    death counts."""
    if cand.scaled or cand.currency or not 0 < cand.value < 10:
        return False
    bare = cand.before.bare
    if bare[-1:] in (["magnitude"], ["measuring"]) or bare[-2:] == ["magnitude", "of"]:
        return True
    return bool(MAGNITUDE_AFTER.match(text, cand.unit_end))


def _bracketed_age(text: str, cand: Candidate) -> bool:
    """ "Seán Walsh (31), from Naas, died", "a woman (45) was hurt": a small whole number
    alone in brackets right after a name or a person is an age (the house style of Irish,
    British and South Asian papers). A tally of three or more "Name (N)" in one sentence
    ("Kansas (3), Texas (2) and Ohio (1)") counts cases by place, not years."""
    head = _age_head(text, cand, ")", BRACKET_HEAD)
    if head is None or head is True:
        return head is True
    start = text.rfind(".", 0, cand.start) + 1
    end = text.find(".", cand.end)
    return len(BRACKETED_TALLY.findall(text, start, end if end >= 0 else len(text))) < 3


def extend_age_lists(text: str, cands: list[Candidate]) -> None:
    """ "aged 41, 29 and 33": the numbers listed after an age given with "aged" are ages;
    so is the last of a list of names with their ages ("Naveed Khan, 31, and Rafiullah,
    24.")."""
    listing = False
    for prev, cand in itertools.pairwise(cands):
        if prev.noun == AGE_NOUN and _last_named_age(text, prev, cand):
            cand.role, cand.noun, cand.locked = "other_count", AGE_NOUN, True
            continue
        listing = prev.noun == AGE_NOUN and (listing or _age_before(prev.before.bare))
        if (
            listing
            and not cand.locked
            and cand.value <= 119
            and float(cand.value).is_integer()  # "aged 41, 29 and 33", "aged seven and four"
            and AGE_LIST_GAP.fullmatch(text, prev.unit_end, cand.start)
            and AGE_LIST_END.match(text, cand.end)  # not "aged 41 and 29, and 3 others"
        ):
            cand.role, cand.noun, cand.locked = "other_count", AGE_NOUN, True
        else:
            listing = listing and cand.noun == AGE_NOUN and cand.locked


_AGE_LINKS = frozenset({"of", "between", "from", "is", "was", "about", "around"})


def _last_named_age(text: str, prev: Candidate, cand: Candidate) -> bool:
    """After a name's age, the next "Name, N" that ends its sentence or clause is an age."""
    if cand.locked or cand.kind != "digits" or not 1 <= cand.value <= 119 or cand.noun:
        return False
    if text[cand.end : cand.end + 1] not in (".", ";") or cand.start - prev.end > 80:
        return False
    head = APPOSITION_HEAD.search(text, max(0, cand.start - 40), cand.start)
    if head is None or not head.group("word")[0].isupper():
        return False
    lead = head.group("lead")  # "the toll in Kano, 23." is a place's count
    return lead is None or lead.split()[0].lower() not in LOCATION_PREPOSITIONS


def _read_time_or_date(cand: Candidate, after: re.Match[str] | None, what: str | None) -> bool:
    """ "10 o'clock", "September 30", "30 September", "March 12, 2012"."""
    if cand.value != int(cand.value) or cand.high is not None or cand.scaled:
        return False
    if what == "oclock" and cand.value <= 12:
        cand.value *= 100
        cand.role, cand.noun = "time", "time of day (24-hour HHMM)"
    elif what == "clock_zone" and cand.end - cand.start == 4 and _is_hhmm(cand.value):
        cand.role, cand.noun = "time", "time of day (24-hour HHMM)"  # "0800 GMT"
    elif cand.kind != "digits" or cand.currency:
        return False
    elif 1 <= cand.value <= 31 and (what == "month" or _month_before(cand.before.words)):
        cand.role, cand.noun = "date_or_year", "day of month"
    elif 1000 <= cand.value <= 2200 and (
        _month_before(cand.before.words) or _month_day_comma_before(cand.before.words)
    ):
        cand.role, cand.noun = "date_or_year", "year"
    else:
        return False
    cand.locked = True
    if what in ("oclock", "month") and after is not None:
        cand.unit_end = after.end()
    return True


def _is_hhmm(value: float) -> bool:
    return value <= 2359 and value % 100 < 60


def _month_before(words: list[str]) -> bool:
    """ "September 30": a month name right before; "may 5" after a pronoun is the verb."""
    if not words or words[-1].rstrip(".") not in MONTH_WORDS:
        return False
    return words[-1] != "may" or (
        len(words) >= 2
        and words[-2] in ("in", "on", "of", "since", "by", "until", "early", "late", "mid", ",")
    )


def _month_day_comma_before(words: list[str]) -> bool:
    """ "March 12, 2012": the year after a month and day."""
    return (
        len(words) >= 3
        and words[-1] == ","
        and words[-2][:1].isdigit()
        and words[-3].rstrip(".") in MONTH_WORDS
    )


def _read_money(cand: Candidate, after: re.Match[str] | None) -> None:
    """A currency sign before ("$4.29 billion") or a currency word after ("45 cents")."""
    cand.role, cand.noun = "money", cand.currency
    if after is None:
        return
    name = after.group("money_word").lower().split()[0]
    if name == "cents":
        cand.noun = f"{cand.currency or 'USD'} cents"
    elif name == "pence":
        cand.noun = "GBP pence"
    else:
        if name not in CURRENCY_WORD_CODE:
            name = name.removesuffix("s")  # "pesos", "afghanis"; not "reais", "kronor"
        nation = " ".join((after.group("nation") or "").lower().split())
        code = NATIONAL_CURRENCY.get((nation, name)) or CURRENCY_WORD_CODE.get(name, name)
        cand.noun = cand.currency or code


def _read_hyphen_adjective(text: str, cand: Candidate, after: re.Match[str]) -> None:
    """ "22-month conflict", "two-year mark", "a 12-year-old", "five-storey", "two-thirds"."""
    word = after.group("hyphen_word").lower()
    if word in nw.FRACTION_DENOMINATORS and cand.kind == "words":
        cand.value /= nw.FRACTION_DENOMINATORS[word]
        cand.end = cand.unit_end = after.end()  # "two-thirds" is one token
        return
    if word in ("plus", "odd"):
        return  # a qualifier ("100-plus"), read next
    cand.noun, cand.unit_end, cand.locked = word, after.end(), True
    old = OLD_HYPHEN.match(text, after.end())
    if old and word in DURATION_WORDS:  # "a 12-year-old", "a six-month-old": an age
        cand.role, cand.unit_end = "other_count", old.end()
        cand.noun = AGE_NOUN if word.startswith("year") else f"{word.removesuffix('s')}s old"
    elif word in DURATION_WORDS:
        cand.role = "duration"
    elif word in DISTANCE_WORDS:
        cand.role = measure_role(word)  # "a 300-metre drop"; "a 500-acre farm" is an area
    else:
        cand.role = "other_count"


def _is_year(text: str, cand: Candidate) -> bool:
    """A bare four-digit integer 1500..2100 read as a year, unless it counts something."""
    if cand.kind not in ("digits", "range") or not 1500 <= cand.value <= 2100:
        return False
    if not PLAIN_YEAR.fullmatch(text, cand.start, cand.end):
        return False
    before = cand.before
    nxt = NEXT_WORD.match(text, cand.end)
    word = nxt.group(1) if nxt else ""  # "2000 people", "1500 homes" count; "2019 was" is a year
    counts = (word.endswith("s") or word in _IRREGULAR_PLURALS) and word not in NOUN_STOP
    if before.qualifier and before.words[-2:-1] and before.words[-1] == "over":
        # "a 23 per cent rise over 2023": a change over a year, not more than 2023 things
        return not counts and before.words[-2] in _CHANGES
    if before.currency or before.qualifier:
        return False
    if counts and word in OCCASION_PLURALS and before.words[-1:] in _DETERMINERS:
        return True  # "in the 2022 polls", "the 1998 floods": the year of an occasion
    if before.words and before.words[-1] in YEAR_PREPOSITIONS:
        return not (counts and cand.kind == "range")  # "between 1500 and 2000 people"
    return not counts


_DETERMINERS = (["the"], ["its"], ["their"], ["his"], ["her"], ["our"])
# Words of change before "over <year>": the verbs of change, and their nouns and measures.
_CHANGES = CHANGE_WORDS | word_set(
    "rise rises increase increases gain gains growth fall falls drop drops decline declines "
    "jump higher lower cent percent % added created shed"
)
_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "police", "cattle"})


def _read_qualifier(text: str, cand: Candidate) -> None:
    """Qualifier words before ("at least", "about", "up to") or after ("or more", "+")."""
    post = POST_QUALIFIER.match(text, cand.unit_end)
    if post is None and cand.unit_end > cand.end:
        post = POST_QUALIFIER.match(text, cand.end)
    if post:
        cand.post_end = post.end()
    if cand.qualifier == "range":
        return
    qualifier = cand.before.qualifier
    if qualifier and (_over_means_during(text, cand) or _over_means_about(text, cand)):
        qualifier = ""
    if qualifier and cand.role == "date_or_year" and cand.noun == "year":
        qualifier = ""  # "a rise over 2023" compares with a year; it bounds nothing
    if not qualifier and post:
        qualifier = POST_QUALIFIER_VALUE[post.group().lower().replace("-", " ").split()[-1]]
    if qualifier:
        cand.qualifier = qualifier


def _over_means_during(text: str, cand: Candidate) -> bool:
    """ "over two days" is a time span ("during"); "for over 20 years" is a lower bound.

    So is "over three trading sessions"; "over 65 years old" is an age, a lower bound.
    """
    if cand.before.qualifier_word not in ("over", "under"):
        return False
    if cand.role == "duration":
        if OLD_AFTER.match(text, cand.unit_end):
            return False
    elif cand.role or not PERIOD_AFTER.match(text, cand.unit_end):
        return False
    bare = cand.before.bare
    return not bare or bare[-1] not in _SPAN_BOUNDED


# Words after which "over N days" bounds a span from below: "for over 20 years", "waited
# over two days", "lasted over three hours" (not "rain fell over two days").
_SPAN_BOUNDED = word_set(
    "for of lasting than spanning wait waits waited waiting spend spends spent spending "
    "last lasts lasted take takes took taking stay stays stayed remain remains remained "
    "queue queued queuing"
)


def _over_means_about(text: str, cand: Candidate) -> bool:
    """ "jailed over N486m fraud", "a row over a $2bn deal": "over" says what the matter is
    about when the sum names a matter (fraud, debt, deal); "over $5m in damage" is a bound."""
    if cand.before.qualifier_word != "over" or cand.role != "money":
        return False
    nxt = NEXT_WORD.match(text, max(cand.unit_end, cand.end))
    return nxt is not None and nxt.group(1) in MATTER_NOUNS
