"""Countries and the words that stand for them: names, short forms and adjectivals.

"Dutch" names the Netherlands, "Kenyan" Kenya, "Welsh" Wales, "UK" the United Kingdom: a
name check that reads the article word by word needs to know that these are one place. The
table is countryinfo's (MIT, offline JSON shipped in the wheel: name, alternative
spellings, demonym), read once on first use, plus England and Northern Ireland, which it
does not list, and the short forms and adjectivals news uses that it lacks ("Britain",
"Nepali", "Saudi"). Entries that share a name (countryinfo's "Burma" lists "Myanmar") are
one country; a form several entries share ("American", "Indian", "Chinese") is the most
populous one's: the United States, not the Northern Mariana Islands. Initials ("NL", "UK",
"UAE") are left out: folded, "US" is "us"; the name check reads initials case-sensitively
on its own.

A country a writer adds to a place ("Iligan, Philippines") is the article's when the
article names a place of it: a province or capital (countryinfo's), or a city of 100,000
people or more that no other country has a city of that name (the gazetteer's GeoNames
cities); or when it prices in the country's own currency (:func:`country_of_currency`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from summarizer.text.fold import fold
from summarizer.text.gazetteer import city_country, town_countries, town_country
from summarizer.text.sentences import opens_sentence

__all__ = [
    "countries_by_place",
    "countries_of_region",
    "countries_with_town",
    "country_forms",
    "country_of_currency",
    "country_phrases",
]

# Countries of the United Kingdom that countryinfo leaves out (it has Scotland and Wales).
_EXTRA: dict[str, tuple[str, ...]] = {
    "England": ("English",),
    "Northern Ireland": ("Northern Irish",),
}
# Short forms and adjectivals in common use that countryinfo's entries (by their name) lack.
_MORE_FORMS: dict[str, tuple[str, ...]] = {
    "United Kingdom": ("Britain",),
    "United States": ("America",),
    "Nepal": ("Nepali",),
    "Saudi Arabia": ("Saudi",),
    "Philippines": ("Philippine",),
    "Kyrgyzstan": ("Kyrgyz",),
    "Uzbekistan": ("Uzbek",),
    "Tajikistan": ("Tajik",),
    "Bosnia and Herzegovina": ("Bosnia",),
    "Republic of Macedonia": ("Macedonia",),
}


class _Countries(NamedTuple):
    """countryinfo's countries, numbered (forms of one country share a number)."""

    forms: dict[str, int]  # folded name, short form or adjectival -> country
    places: dict[str, set[int]]  # province or capital as written -> countries
    by_code: dict[str, int]  # ISO 3166 two-letter code -> country
    by_currency: dict[str, int]  # ISO 4217 code -> the country whose own currency it is


@cache
def _table() -> dict[str, int]:
    """Folded form -> country number (forms of one country share a number)."""
    return _data().forms


@cache
def _data() -> _Countries:
    from countryinfo import CountryInfo  # 256 JSON files: read only when a name needs it

    groups: list[set[str]] = []
    sizes: list[float] = []
    group_of_name: dict[str, int] = {}
    places: dict[str, set[int]] = {}
    by_code: dict[str, int] = {}
    issuers: dict[str, int] = {}
    sole_users: dict[str, set[int]] = {}
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        codes = {str(code).upper() for code in iso.values() if code}
        name = str(info.get("name") or "")
        names = {name} | {s for s in info.get("altSpellings") or [] if s.upper() not in codes}
        # An entry that shares a name with an earlier one is that country ("Burma" lists
        # "Myanmar"); demonyms alone do not join entries (Wales is not the United Kingdom).
        known = [group_of_name[n] for n in sorted(names) if n in group_of_name]
        number = known[0] if known else len(groups)
        if number == len(groups):
            groups.append(set())
            sizes.append(0.0)
        for each in names:
            group_of_name.setdefault(each, number)
        alpha2 = str(iso.get("alpha2") or "").upper()
        if alpha2:
            by_code.setdefault(alpha2, number)
        currencies = [str(code).upper() for code in info.get("currencies") or []]
        for currency in currencies:
            if alpha2 and currency[:2] == alpha2:
                issuers[currency] = number  # ISO 4217: a nation's code starts with its own
            if len(currencies) == 1:
                sole_users.setdefault(currency, set()).add(number)
        for place in [*(info.get("provinces") or []), str(info.get("capital") or "")]:
            place = _PARENTHESIS.sub("", place).strip()
            if len(place) >= 4 and place.lower() not in _NOT_PLACES:
                places.setdefault(place, set()).add(number)
        forms = names | set(_MORE_FORMS.get(name, ()))
        forms |= set(re.split(r"[,/]", str(info.get("demonym") or "")))
        groups[number] |= forms
        sizes[number] = max(sizes[number], _population(info.get("population")))
    for name, adjectivals in _EXTRA.items():
        groups.append({name, *adjectivals})
        sizes.append(0.0)
    table: dict[str, int] = {}
    # The most populous country first: a form several share is its own ("Indian" is India).
    for number in sorted(range(len(groups)), key=lambda n: -sizes[n]):
        for form in groups[number]:
            if form.isupper():
                continue  # "UK", "UAE": initials, read case-sensitively by the name check
            folded = " ".join(fold(form).split())
            if folded and len(folded) > 1:
                table.setdefault(folded, number)
    # A currency another country keeps as its only one names no country: the US dollar
    # (Ecuador's, Zimbabwe's), the Swiss franc (Liechtenstein's); the rand is South Africa's
    # though Lesotho and Namibia use it beside their own.
    by_currency = {
        currency: number
        for currency, number in issuers.items()
        if sole_users.get(currency, {number}) <= {number}
    }
    return _Countries(table, places, by_code, by_currency)


def country_of_currency(code: str) -> int | None:
    """The country whose own currency the ISO 4217 ``code`` is ("GHS" -> Ghana), or None:
    a code of no one nation ("EUR", "XOF") or one another country keeps as its only
    currency ("USD", "CHF")."""
    return _data().by_currency.get(code.upper())


def _population(value: object) -> float:
    """The population countryinfo gives an entry (0 when it gives none)."""
    try:
        return float(str(value or 0))
    except ValueError:
        return 0.0


@cache
def _pattern() -> re.Pattern[str]:
    forms = sorted(_table(), key=len, reverse=True)
    body = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w'])(?:the\s+)?({body})(?:'s)?(?![\w'])")


def country_phrases(text: str, *, owners: bool = False) -> list[tuple[int, int, int]]:
    """(start, end, country) of every country name or adjectival in ``text``.

    Part of a longer name is not the country: a capitalized word before or after it makes
    the phrase a name of its own ("New Mexico", "British Columbia", "Indian Ocean"). With
    ``owners``, a country that opens a name still counts ("Sri Lanka Army", "Egyptian
    Ministry of Health": the country's army, its ministry). The capitals are read from
    ``text`` itself when folding kept its length (it nearly always does), so pass the
    original, not the folded, text.
    """
    return list(_country_phrases(text, owners))


@lru_cache(maxsize=4096)
def _country_phrases(text: str, owners: bool) -> tuple[tuple[int, int, int], ...]:
    """:func:`country_phrases`, cached: the same names recur in every summary and re-ask."""
    spaced = " ".join(text.split())
    folded = fold(spaced)
    cased = spaced if len(spaced) == len(folded) else ""
    found: list[tuple[int, int, int]] = []
    for match in _pattern().finditer(folded):
        start, end = match.span(1)
        if cased and (_name_before(cased, start) or (not owners and _NAME_AFTER.match(cased, end))):
            continue
        found.append((start, end, _table()[match[1]]))
    return tuple(found)


def countries_by_place(text: str) -> set[int]:
    """Countries whose provinces, capitals or large cities ``text`` names ("Bihar" is in
    India, "Kano" in Nigeria, "Iligan" in the Philippines): a country added to a place the
    article names is then the place's own, not an invention."""
    found = _countries_by_city(text)
    places = _data().places
    for match in _CAPITALISED.finditer(text):
        words = match.group().split()
        start = 0
        while start < len(words):  # the longest place first: "New Mexico" is not Mexico
            for size in range(min(4, len(words) - start), 0, -1):
                countries = places.get(" ".join(words[start : start + size]))
                if countries or size == 1:
                    found |= countries or set()
                    start += size if countries else 1
                    break
    return found


def countries_of_region(name: str) -> set[int]:
    """The countries with a first-level subdivision called ``name`` ("Uttar Pradesh" ->
    India, "Manitoba Province" -> Canada), as ISO 3166-2 lists them (pycountry), accents
    and a trailing "state", "province" or "region" optional."""
    words = fold(name).split()
    if len(words) > 1 and words[-1] in _REGION_WORDS:
        words = words[:-1]
    return set(_regions().get(" ".join(words), ()))


_REGION_WORDS = frozenset(("state", "province", "region", "oblast", "governorate", "territory"))


@cache
def _regions() -> dict[str, frozenset[int]]:
    import pycountry

    data = _data()
    found: dict[str, set[int]] = {}
    for subdivision in pycountry.subdivisions:
        country = data.by_code.get(subdivision.country_code)
        if subdivision.parent_code is None and country is not None:
            found.setdefault(" ".join(fold(subdivision.name).split()), set()).add(country)
    return {name: frozenset(countries) for name, countries in found.items()}


def countries_with_town(name: str) -> frozenset[int]:
    """Every country with a town called ``name`` (:func:`~summarizer.text.gazetteer.
    town_countries`): "Shrewsbury" -> the United Kingdom, the United States."""
    by_code = _data().by_code
    return frozenset(by_code[code] for code in town_countries(name) if code in by_code)


def _countries_by_city(text: str) -> set[int]:
    """Countries whose cities ``text`` names: a large city's (:func:`city_country`), else a
    town's that only one country has (:func:`town_country`: "Chiredzi" is in Zimbabwe).

    A city is a whole run of capitalised words on one line ("Davao", "DAVAO CITY"), less a
    leading function word ("In Davao") and a possessive: inside a longer run the name is
    part of another ("Reading Borough Council", "Charlotte Brown"). A single word that only
    starts a sentence may be a common word ("Mobile phones", "Reading is"), unless it is in
    capitals, as datelines are.
    """
    found: set[int] = set()
    by_code = _data().by_code
    for match in _LINE_RUN.finditer(text):
        words = _POSSESSIVE.sub("", match.group()).split()
        opens = opens_sentence(text, match.start())
        while words and words[0].lower() in _NOT_NAMES:
            words, opens = words[1:], False
        if not words or (len(words) == 1 and opens and not words[0].isupper()):
            continue
        name = " ".join(words)
        if len(words) > 1 and words[-1].lower() == "city":
            name = " ".join(words[:-1])  # "Davao City" is Davao
        code = city_country(name) or town_country(name)
        country = by_code.get(code or "")
        if country is not None:
            found.add(country)
    return found


_LINE_RUN = re.compile(r"(?<![\w'-])[A-Z][\w'-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'-]*)*")
_POSSESSIVE = re.compile(r"['’]s$")
_CAPITALISED = re.compile(r"[A-Z][\w'-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w'-]*)*")
_PARENTHESIS = re.compile(r"\s*\(.*?\)")
# Provinces named by plain words, which as words are mostly something else.
_NOT_PLACES = frozenset(
    (
        "central", "eastern", "western", "northern", "southern", "coast", "delta", "plateau",
        "rivers", "centre", "nord", "sud", "ouest", "littoral", "capital", "north", "south",
        "east", "west", "north-west", "north-east", "south-west", "south-east", "island",
        "islands", "lakes", "mountain", "valley", "upper", "lower", "middle", "border",
    )
)  # fmt: skip


def country_forms(text: str) -> set[int]:
    """The countries a text names in any form."""
    return {country for _, _, country in country_phrases(text)}


_NAME_AFTER = re.compile(r"(?:'s)?\s+[A-Z]")
_NOT_NAMES = frozenset(
    ("the", "in", "on", "at", "of", "from", "to", "for", "by", "with", "and", "or", "a", "an")
)


_WORD_BEFORE = re.compile(r"([A-Z][\w'-]*)\s+$")


def _name_before(text: str, end: int) -> bool:
    """A capitalized word right before ``end`` that is not a function word ("New Mexico",
    not "In Mexico")."""
    match = _WORD_BEFORE.search(text, max(0, end - 40), end)
    return match is not None and match[1].lower() not in _NOT_NAMES
