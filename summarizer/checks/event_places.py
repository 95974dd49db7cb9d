"""Does an event's location name an incident's place? The summary writes a location as
parts from the most specific on ("ice factory, Vasai, Palghar district"); the incident
reader (:mod:`summarizer.checks.incidents`) gives each incident its place and the places its
sentences name. These read one against the other, for binding figures to incidents.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.incidents import Incident
from summarizer.text.fold import fold
from summarizer.text.lazy_regex import lazy_compile

__all__ = [
    "kind_of",
    "location_names",
    "location_parts",
    "mentions_place",
    "names_place",
    "own_part",
    "place_fits",
]

# The word of an administrative level around a name: "Cuttack district", "Kano State",
# "Faskari LGA", "the county of Kerry", "Ratnapura District".
_ADMIN_WORDS = lazy_compile(
    r"(?i)^(?:the\s+)?(?:(?:district|county|state|province|region|governorate|prefecture"
    r"|municipality|city|town)\s+of\s+)|\s+(?:district|county|state|province|region|lga"
    r"|local\s+government\s+area|governorate|prefecture|municipality|city|town|division)$"
)


def kind_of(incident: Incident) -> str | None:
    """The gazetteer's kind of the incident's own place ("city", "region", "country")."""
    return next(
        (p.type for p in incident.places if (p.refers_to or p.text) == incident.place), None
    )


def location_parts(location: str) -> list[str]:
    """The location's comma parts, folded, most specific first."""
    return [fold(part).strip() for part in location.split(",") if part.strip()]


def place_fits(location: str, incident: Incident) -> bool:
    """The location's most specific part is the incident's own place."""
    parts = location_parts(location)
    if not parts or not incident.place:
        return False
    place = fold(incident.place).strip()
    return bool(place) and (place in parts[0] or parts[0] in place)


def location_names(location: str, incident: Incident) -> bool:
    """The location is at the incident's place (its most specific part), or some part of it
    is that place, whatever word of an administrative level either carries."""
    return place_fits(location, incident) or names_place(location, incident, admin=True)


def names_place(location: str, incident: Incident, *, admin: bool = False) -> bool:
    """Some part of the location ("Inanda, Durban") is the incident's own place, not a
    country; with ``admin``, whatever word of an administrative level either carries
    ("Cuttack district" names Cuttack)."""
    if not incident.place or kind_of(incident) == "country":
        return False

    def bare(name: str) -> str:
        return (_ADMIN_WORDS.sub("", name) if admin else name).strip()

    place = bare(fold(incident.place))
    return bool(place) and any(bare(part) == place for part in location_parts(location))


def mentions_place(location: str, incident: Incident, *, specific: bool = False) -> bool:
    """Any part of the location is any place the incident's sentences name (``specific``:
    the location's first part, and no country)."""
    names = {
        fold(p.refers_to or p.text).strip()
        for p in incident.places
        if not (specific and p.type == "country")
    }
    if specific:
        parts = location_parts(location)[:1]
        return any(part and any(part in n or n in part for n in names if n) for part in parts)
    return any(
        part and any(part in name or name in part for name in names if name)
        for part in location_parts(location)
    )


def own_part(parts: Sequence[str], home: Incident) -> int | None:
    """The index of the first location part that is the incident's own place ("Vasai" in
    "ice factory, Vasai, Palghar district"), whatever word of an administrative level it
    carries; None when no part is."""
    if not home.place:
        return None
    place = _ADMIN_WORDS.sub("", fold(home.place)).strip()
    if not place:
        return None
    for index, part in enumerate(parts):
        bare = _ADMIN_WORDS.sub("", part).strip()
        if bare and (place in bare or bare in place):
            return index
    return None
