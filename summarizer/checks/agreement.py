"""When does a claimed number agree with a number the article states? The comparison rules.

Shared by the figure cross-check (:mod:`summarizer.checks.figures`) and the prose, name and date
checks (:mod:`summarizer.checks.claims`), so a number in the headline meets the same rules as a figure.

* **Value**: whole numbers compare exactly, fractions to 1e-9; a range matches at either end.
  A value written without its scale ("4.29" for "4.29 billion") matches only when the claim
  carries the scale itself (its noun says "billion"); otherwise it is a unit mismatch.
* **Qualifier** (:data:`QUALIFIER_SUPPORT`): the article's wording must *imply* the claim.
  "more than 30" implies "at least 30", not the other way round; "up to 150" implies
  "at most 150", not "fewer than 150"; "dozens" (at least 24) implies neither "more than 24"
  nor "exactly 24". ``approximately`` is the loose claim every wording supports.
* **Role** (:func:`role_agreement`): equal roles agree; a claim of ``other_count`` (no role
  claimed) agrees with any count; an article mention the rules could not classify
  (``other_count``) leaves a specific role *undecided*, which only the words of the number's
  own clause can confirm (:mod:`summarizer.checks.role_words`); anything else clashes.
* **Unit**: currency (USD vs EUR, dollars vs cents), percent vs percentage points, and units of
  length or time are compared whenever the claim names one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from summarizer.checks.currency import CURRENCY_WORDS, currency_of, currency_problem
from summarizer.checks.role_words import clause_states, partitive_role
from summarizer.numbers import NumberMention, noun_head
from summarizer.numbers.lexicon import CURRENCY_SIGNS, PEOPLE_NOUNS, PERSON_WORDS, word_set
from summarizer.text.lazy_regex import lazy_compile
from summarizer.vocabulary import COUNT_ROLES

Agreement = Literal["agree", "undecided", "clash"]

# claimed qualifier -> article qualifiers that imply it. Ranges: see supported_qualifiers.
QUALIFIER_SUPPORT: dict[str, frozenset[str]] = {
    "exact": frozenset({"exact"}),
    "at_least": frozenset({"exact", "at_least", "more_than"}),
    "more_than": frozenset({"more_than"}),
    "at_most": frozenset({"exact", "at_most", "less_than"}),
    "less_than": frozenset({"less_than"}),
    "approximately": frozenset({"exact", "approximately"}),
}
RANGE_LOW_SUPPORTS = frozenset({"at_least", "approximately"})
RANGE_HIGH_SUPPORTS = frozenset({"at_most", "approximately"})

SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
_SCALE_WORD = lazy_compile(
    r"(?i)(?:^|(?<=[\d\s$£€¥]))(thousand|million|billion|trillion|mn|mln|bn|bln|tn|m|k|b"
    r"|lakh|crore)s?\b"
)

_SPEED_UNIT = lazy_compile(
    r"(?i)\b(knots?)\b|\b(mph|miles?\s+(?:per|an)\s+hour)\b"
    r"|\b(?:km\s?/\s?h|kph|kmph|kilomet(?:re|er)s?\s+(?:per|an)\s+hour)\b"
)
_POINTS = lazy_compile(r"(?i)\bpoints?\b|\bpp\b|\bbps?\b")
_PERCENT = lazy_compile(r"(?i)%|\bper\s?cent\b|\bpercent\b|\bpc\b")

# Units of one dimension, by canonical name; a claim naming another unit of the same
# dimension than the article's is a unit mismatch ("5 km" for "5 miles").
_UNITS: dict[str, str] = {}
for canonical, spellings in {
    "mile": "mile miles mi",
    "kilometre": "km kms kilometre kilometres kilometer kilometers",
    "metre": "metre metres meter meters",
    "foot": "foot feet ft",
    "yard": "yard yards",
    "furlong": "furlong furlongs",
    "length": "length lengths",  # a horse's length: "won by nine lengths"
    "hectare": "hectare hectares ha",
    "acre": "acre acres",
    "square kilometre": "km2 km²",
    "centimetre": "cm centimetre centimetres",
    "millimetre": "mm millimetre millimetres",
    "inch": "inch inches",
    "second": "second seconds sec secs",
    "minute": "minute minutes min mins",
    "hour": "hour hours hr hrs",
    "day": "day days",
    "night": "night nights",
    "week": "week weeks",
    "month": "month months",
    "year": "year years yr yrs",
    "decade": "decade decades",
}.items():
    for spelling in spellings.split():
        _UNITS[spelling] = canonical
_WORD = lazy_compile(r"[A-Za-z²0-9]+")


def canonical_unit(word: str) -> str | None:
    """The unit ``word`` spells ("yrs" -> "year", "feet" -> "foot"), or None if it is none."""
    return _UNITS.get(word.lower())


# Nouns of places and institutions: "taken to 7 hospitals" counts hospitals, not people.
_PLACE_NOUNS = word_set(
    "hospital hospitals clinic clinics district districts village villages town towns city "
    "cities state states province provinces county counties country countries region "
    "regions site sites location locations school schools shelter shelters camp camps "
    "centre centres center centers facility facilities area areas municipality "
    "municipalities neighbourhood neighbourhoods neighborhood neighborhoods ward wards "
    "station stations building buildings"
)


def counts_places(mention: NumberMention) -> bool:
    """The mention counts places ("7 hospitals", "in 11 districts"), not people."""
    return names_places(mention.noun)


def names_places(noun: str) -> bool:
    """A noun of places or institutions ("hospitals", "affected districts")."""
    words = noun.lower().split()
    return bool(words) and words[-1] in _PLACE_NOUNS


def toll_of_places(role: str, noun: str, mention: NumberMention) -> bool:
    """A casualty claim whose support counts places: "taken to 7 hospitals" is no toll of
    7 injured. Only evacuations may count places, and only when the claim says so itself
    ("9 villages were evacuated", noun "villages")."""
    if not counts_places(mention):
        return False
    return not (role == "displaced" and names_places(noun))


def scaled_claim(value: float, noun: str) -> float | None:
    """The value a scale word in the noun makes of it: 26 "thousand people" is 26,000.

    Only a noun that *starts* with the scale counts, and only when the value is not already
    multiplied out (26,000 "thousand people" stays 26,000). None when nothing changes.
    """
    first = _LEADING_SCALE.match(noun)
    if first is None:
        return None
    scale = SCALES[first[1].lower()]
    if abs(value) >= scale:
        return None
    return value * scale


_LEADING_SCALE = lazy_compile(
    r"(?i)\s*(?:[A-Z]{3}\s+|[$£€¥₹]\s*)?(thousand|million|billion|trillion|mn|bn|tn|lakh|crore)s?\b"
)


def clock_claim(value: float, noun: str) -> float | None:
    """The time of day a figure claims as the extractor writes it (24-hour HHMM): 7 with
    the noun "p.m." is 1900, 7.30 "a.m." is 730, 12 "p.m." is noon (1200), 12 "a.m." is
    midnight (0). None unless the noun says a.m. or p.m. and the value is an hour of the
    clock (1 to 12, with minutes as hundredths)."""
    meridian = _MERIDIAN.search(noun)
    hours = int(value)
    minutes = round((value - hours) * 100)
    if meridian is None or not 1 <= hours <= 12 or not 0 <= minutes < 60:
        return None
    hours %= 12
    if meridian[1].lower() == "p":
        hours += 12
    return float(hours * 100 + minutes)


_MERIDIAN = lazy_compile(r"(?i)(?<![\w.])([ap])\.?\s?m\b\.?")


def value_match(value: float, mention: NumberMention) -> str | None:
    """How ``value`` matches ``mention``: "value", "low", "high", "scaled", or None.

    "scaled" is the number as written before its scale word: 4.29 for "4.29 billion"; it is
    a match only when the claim carries the scale (see :func:`unit_problem`).
    """
    if mention.qualifier == "range" and mention.value_high is not None:
        if same(value, mention.value):
            return "low"
        if same(value, mention.value_high):
            return "high"
    elif same(value, mention.value):
        return "value"
    scale = scale_of(mention.text)
    if scale is not None and same(value * scale, mention.value):
        return "scaled"
    return None


def supported_qualifiers(mention_qualifier: str, end: str = "value") -> list[str]:
    """Claimed qualifiers the article's wording supports (``end`` "high" for a range's top)."""
    if mention_qualifier == "range":
        allowed = RANGE_HIGH_SUPPORTS if end == "high" else RANGE_LOW_SUPPORTS
    else:
        allowed = frozenset(q for q, ok in QUALIFIER_SUPPORT.items() if mention_qualifier in ok)
    return [q for q in QUALIFIER_SUPPORT if q in allowed]


def qualifier_ok(claimed: str, mention: NumberMention, how: str) -> bool:
    """Does the article's wording (``mention``) imply the claimed qualifier?"""
    if mention.qualifier == "range":
        return claimed in (RANGE_HIGH_SUPPORTS if how == "high" else RANGE_LOW_SUPPORTS)
    return mention.qualifier in QUALIFIER_SUPPORT.get(claimed, frozenset())


def role_agreement(claimed: str, stated: str) -> Agreement:
    """Whether the article's role for a number (``stated``) confirms the claimed role."""
    if claimed == stated:
        return "agree"
    if claimed == "other_count":
        return "agree" if stated in COUNT_ROLES else "clash"
    if stated == "other_count" and claimed in COUNT_ROLES:
        return "undecided"
    if {claimed, stated} == {"population", "displaced"}:
        return "undecided"  # "5,000 residents" may or may not be the ones who fled
    return "clash"


def confirm_in_clause(
    agreement: Agreement,
    claimed: str,
    mention: NumberMention,
    mentions: Sequence[NumberMention] = (),
) -> Agreement:
    """An undecided ``agreement`` confirmed when the role word nearest the article's number
    in its clause is the claimed role's (:func:`summarizer.checks.role_words.clause_states`:
    "seven to Stepping Hill Hospital" after "taken to hospital"), or when the number is a
    part of a whole counted with that role (:func:`summarizer.checks.role_words.partitive_role`:
    "Of the 11, seven ..." after "11 people died"; ``mentions`` are the article's)."""
    if agreement == "undecided" and (
        clause_states(claimed, mention) or partitive_role(mention, mentions) == claimed
    ):
        return "agree"
    return agreement


def same_measure(noun: str, mention: NumberMention) -> bool:
    """A figure that claims no role (``other_count``) names the article's measure itself:
    "hectares" for "31,400 hectares", an age for "a 19-year-old". The number is the
    article's, in the article's unit; only the role label differs."""
    if mention.role not in ("duration", "distance") and not (
        mention.role == "other_count" and _unit_of(mention.noun)
    ):
        return False  # an area or a speed is other_count, with its unit as the noun
    claimed = {w.rstrip("s") for w in _WORD.findall(noun.lower())}
    stated = {w.rstrip("s") for w in _WORD.findall(mention.noun.lower())}
    if claimed & stated - {""}:
        return True
    return "age" in claimed and stated <= {"year", "month", "week", "day"}


def same_noun(role: str, noun: str, mention: NumberMention) -> bool:
    """A count of people the reader left unread (``other_count``), claimed as a population
    with the article's own noun ("about 2,700" inmates held in a prison built for 1,200):
    which label a count of people carries is the readers' guess; the noun is the article's.
    Lengths and money are the extractor's to read, by their units."""
    if mention.role != "other_count" or role != "population":
        return False
    head = noun_head(mention.noun)
    return (head in PEOPLE_NOUNS or head in PERSON_WORDS) and head in noun.lower()


_MONEY_WORDS = lazy_compile(
    rf"[{re.escape(CURRENCY_SIGNS)}]|\b(?:USD|EUR|GBP|JPY|CNY|INR|KES|NGN|ZAR|EGP|PKR|BDT|Rs\.?|Sh|KSh)(?!\w)"
    r"|(?i:\b(?:naira|shillings?|rand|pesos?|dinars?|dirhams?|riyals?|lira|kwacha|cedis?"
    r"|birr|taka|rupiah|ringgit|baht|zloty|forints?|kronor|kroner|reais|"
    + "|".join(w for w in CURRENCY_WORDS if w.isalpha())
    + r")\b)"
)
_PERCENT_WORDS = lazy_compile(
    r"(?i)%|\bper\s?cent\b|\bpercent(?:age)?\b|\bbasis\s+points?\b|\bbps\b"
)


def unit_beside(role: str, mention: NumberMention) -> bool:
    """Whether the article writes a unit of ``role`` right beside a number the rules left
    unclassified: a currency for money ("Sh 2.5 million", "100,000 Egyptian pounds"), a
    percent sign or basis points for a percentage."""
    if mention.role != "other_count" or role not in ("money", "percentage"):
        return False
    sentence = mention.sentence
    at = sentence.find(mention.text)
    if at < 0:
        return False
    before = " ".join(sentence[:at].split()[-2:])
    after = " ".join(sentence[at + len(mention.text) :].split()[:3])
    words = _MONEY_WORDS if role == "money" else _PERCENT_WORDS
    return bool(words.search(before + " | " + after))


def roles_compatible(claimed: str, stated: str) -> bool:
    """The roles do not clash (they agree, or the article leaves the claim undecided)."""
    return role_agreement(claimed, stated) != "clash"


def unit_problem(noun: str, mention: NumberMention, how: str) -> str | None:
    """Why the claim's unit (its noun) disagrees with the article's, or None when it agrees.

    Only units the claim names are compared: a claim that names no currency makes no currency
    claim. The scale is the exception: a value without its scale is a different number.
    """
    if how == "scaled":
        scale = scale_of(mention.text)
        claimed_scale = scale_of(noun)
        if claimed_scale is None or scale is None or not same(claimed_scale, scale):
            return f"the article says {mention.text!r}; the value leaves out its scale"
    if mention.role == "money":
        return currency_problem(noun, mention)
    if mention.role == "percentage":
        points = "point" in mention.noun
        if points and noun and not _POINTS.search(noun) and _PERCENT.search(noun):
            return f"the article's {mention.text!r} is in percentage points, not percent"
        if not points and _POINTS.search(noun):
            return f"the article's {mention.text!r} is a percentage, not percentage points"
        return None
    if mention.role in ("distance", "duration", "other_count"):  # other_count: areas, speeds
        stated = _unit_of(mention.noun)
        claimed = _unit_of(noun)
        if stated and claimed and stated != claimed:
            return f"the article measures {mention.text!r} in {mention.noun}, not {claimed}s"
    return None


def _unit_of(text: str) -> str | None:
    speed = _SPEED_UNIT.search(text)
    if speed:  # "km/h" is no kilometre, "mph" no mile
        return "knot" if speed[1] else "mile per hour" if speed[2] else "kilometre per hour"
    for word in _WORD.findall(text.lower()):
        unit = _UNITS.get(word)
        if unit:
            return unit
    return None


def same(a: float, b: float) -> bool:
    """Whole numbers compare exactly (13,760,000,001 is not 13.76 billion); fractions loosely."""
    a, b = float(a), float(b)
    if a.is_integer() and b.is_integer():
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@lru_cache(maxsize=4096)
def scale_of(text: str) -> float | None:
    """The scale a text names ("4.29 billion" -> 1e9, "USD bn" -> 1e9), if any."""
    match = _SCALE_WORD.search(text)
    return SCALES[match[1].lower()] if match else None


# ---------------------------------------------------------------------------
# Fair readings: a value the article does not state but plainly implies
# ---------------------------------------------------------------------------

_APPROXIMATE = frozenset({"approximately"})
_BOUND_ABOVE = frozenset({"at_most", "less_than"})  # "nearly 8,000" for 7,942
_BOUND_BELOW = frozenset({"at_least", "more_than"})  # "more than 7,900" for 7,942
_EXACTISH = frozenset({"exact", "approximately"})
_MAX_ROUNDING = 0.05  # "about 10,000" for 7,942 is another number, not a rounding
_MAX_PARTS = 4


def fair_reading(
    value: float,
    qualifier: str,
    role: str,
    mentions: Sequence[NumberMention],
    noun: str = "",
) -> tuple[str, list[NumberMention]] | None:
    """How ``value`` follows from ``mentions`` without being stated, or None.

    * the midpoint of a stated range, claimed as approximate ("about 150" for "between 100
      and 200");
    * a stated value rounded to fewer significant digits, with a qualifier that stays true:
      approximate ("about 61.5%" for 61.48%), or a bound on the right side ("nearly 8,000"
      for 7,942, "more than 7,900" for 7,942), within 5%;
    * the sum of two to four stated parts of the claim's role ("19 killed" for "12 killed
      in one town and 7 in another"), all from one sentence of the article; or of two
      measures of one thing told anywhere ("7,900 hectares" for two fires' 5,600 and 2,300);
    * a length of time in one unit for one written in two ("32 months" for "two years and
      eight months"), the claim's unit named by its ``noun``;
    * a share written "X in Y" ("one in five", "three out of 10") as a fraction ("a fifth")
      or a percentage ("20%").

    Returns the derivation in words and the mentions it uses.
    """
    compatible = [m for m in mentions if role_agreement(role, m.role) == "agree"]
    unread = [m for m in mentions if m.role == "other_count" and role != "other_count"]
    for mention in [*compatible, *unread]:
        if mention.qualifier == "range" and mention.value_high is not None:
            if qualifier in _APPROXIMATE and same(value, (mention.value + mention.value_high) / 2):
                found = f"midpoint of {mention.text!r}"
            else:
                continue
        else:
            rounded = _rounding(value, qualifier, mention)
            if not rounded:
                continue
            found = f"{mention.text!r} {rounded}"
        # a number the extractor left unread counts when its clause says the role
        if confirm_in_clause(role_agreement(role, mention.role), role, mention) == "agree":
            return found, [mention]
    parts = [
        m
        for m in compatible
        if m.role == role
        and m.qualifier != "range"
        and qualifier_ok(qualifier, m, "value")
        and not _is_subset(m)
    ]
    if role in COUNT_ROLES and role != "other_count" and 2 <= len(parts) <= 8:
        for size in range(2, min(_MAX_PARTS, len(parts)) + 1):
            for combo in itertools.combinations(parts, size):
                if (
                    len({m.sentence for m in combo}) == 1  # parts of one statement
                    and len({(m.start, m.end) for m in combo}) == size
                    and same(value, sum(m.value for m in combo))
                ):
                    return " + ".join(repr(m.text) for m in combo), list(combo)
    if role == "other_count" and noun and qualifier in _APPROXIMATE | {"exact"}:
        # "some 7,900 hectares" for a fire's 5,600 hectares and another's 2,300: a measure
        # summed over the article, each part counting the same thing, wherever told
        head = noun_head(noun)
        same_thing = [
            m
            for m in mentions
            if m.role == "other_count"
            and m.noun
            and noun_head(m.noun) == head
            and m.qualifier != "range"
        ]
        for first, second in itertools.combinations(same_thing, 2):
            if same(value, first.value + second.value):
                return f"{first.text!r} + {second.text!r}", [first, second]
    if role == "duration":
        return _duration_total(value, noun, compatible)
    if role == "percentage" or (role == "other_count" and 0 < value < 1):
        return _proportion(value, role, mentions)
    return None


def _proportion(
    value: float, role: str, mentions: Sequence[NumberMention]
) -> tuple[str, list[NumberMention]] | None:
    """A share stated as "X in Y" ("one in five", "three out of 10") claimed as a fraction
    ("a fifth") or a percentage ("20%"), to the fraction's two places or the percentage's
    nearest whole point."""
    for part in mentions:
        if part.qualifier == "range" or not part.value:
            continue
        for whole in mentions:
            if whole.start <= part.end or whole.start - part.end > 16 or not whole.value:
                continue
            if whole.sentence != part.sentence or not re.search(
                rf"(?<![\w.]){re.escape(part.text)}\s+(?:in|out\s+of|of\s+every)\s+"
                rf"(?:every\s+)?{re.escape(whole.text)}(?![\w.])",
                part.sentence,
                re.IGNORECASE,
            ):
                continue
            share = part.value / whole.value
            if share > 1:
                continue
            close = (
                abs(value - 100 * share) < 0.5
                if role == "percentage"
                else abs(value - share) < 0.005
            )
            if close:
                return f"{part.text!r} in {whole.text!r}", [part, whole]
    return None


# Units of time in a common measure, by family: months for years, days for weeks, seconds
# for hours (a year is not a whole number of days or weeks).
_TIME_UNITS: dict[str, tuple[str, float]] = {
    "year": ("month", 12), "month": ("month", 1), "week": ("day", 7), "day": ("day", 1),
    "hour": ("second", 3600), "minute": ("second", 60), "second": ("second", 1),
}  # fmt: skip


def _duration_total(
    value: float, noun: str, mentions: Sequence[NumberMention]
) -> tuple[str, list[NumberMention]] | None:
    claimed = _TIME_UNITS.get(_unit_of(noun) or "")
    if claimed is None:
        return None
    family, scale = claimed
    parts = [
        (m, _TIME_UNITS[unit][1])
        for m in mentions
        if m.role == "duration"
        and m.qualifier == "exact"
        and (unit := _unit_of(m.noun) or "") in _TIME_UNITS
        and _TIME_UNITS[unit][0] == family
    ]
    for first, second in itertools.combinations(parts, 2):
        if first[0].sentence != second[0].sentence or _unit_of(first[0].noun) == _unit_of(
            second[0].noun
        ):
            continue
        total = first[0].value * first[1] + second[0].value * second[1]
        if same(value * scale, total):
            return f"{first[0].text!r} {first[0].noun} + {second[0].text!r} {second[0].noun}", [
                first[0],
                second[0],
            ]
    return None


_SUBSET_AFTER = lazy_compile(r"(?i)\s+(?:\w+\s+)?(?:of\s+(?:them|whom|those|the|these)|among)\b")
_SUBSET_BEFORE = lazy_compile(
    r"(?i)\b(?:including|among\s+them|of\s+whom|of\s+them)\s+(?:\w+\s+)?$"
)


def _is_subset(mention: NumberMention) -> bool:
    """A count of some of another count ("five were injured, one of them seriously",
    "including 3 children"): not a part to add."""
    sentence = mention.sentence
    at = sentence.find(mention.text)
    if at < 0:
        return False
    return bool(
        _SUBSET_AFTER.match(sentence, at + len(mention.text))
        or _SUBSET_BEFORE.search(sentence[:at])
    )


def _rounding(value: float, qualifier: str, mention: NumberMention) -> str:
    """'rounded' / 'rounded up' / 'rounded down' when ``value`` fairly rounds the mention."""
    stated = float(mention.value)
    if value == 0 or stated == 0 or abs(value - stated) > _MAX_ROUNDING * abs(stated):
        return ""
    unit = _unit_of_precision(value)
    if unit <= _unit_of_precision(stated):
        return ""  # not fewer significant digits
    steps = stated / unit
    if qualifier in _APPROXIMATE and mention.qualifier in _EXACTISH:
        if same(value, math.floor(steps + 0.5) * unit):
            return "rounded"
    elif qualifier in _BOUND_ABOVE and mention.qualifier in _EXACTISH | _BOUND_ABOVE:
        if value > stated and same(value, math.ceil(steps) * unit):
            return "rounded up"
    elif (
        qualifier in _BOUND_BELOW
        and mention.qualifier in _EXACTISH | _BOUND_BELOW
        and value < stated
        and same(value, math.floor(steps) * unit)
    ):
        return "rounded down"
    return ""


def _unit_of_precision(value: float) -> float:
    """The last significant place a number is written to: 8000 -> 1000, 61.5 -> 0.1."""
    value = abs(float(value))
    if value.is_integer():
        whole, unit = int(value), 1.0
        while whole and whole % 10 == 0:
            whole //= 10
            unit *= 10
        return unit
    decimals = len(repr(value).split(".")[1].rstrip("0")) if "e" not in repr(value) else 6
    return 10.0**-decimals


__all__ = [
    "QUALIFIER_SUPPORT",
    "Agreement",
    "canonical_unit",
    "clock_claim",
    "confirm_in_clause",
    "counts_places",
    "currency_of",
    "fair_reading",
    "names_places",
    "qualifier_ok",
    "role_agreement",
    "roles_compatible",
    "same",
    "same_measure",
    "same_noun",
    "scale_of",
    "scaled_claim",
    "supported_qualifiers",
    "toll_of_places",
    "unit_beside",
    "unit_problem",
    "value_match",
]
