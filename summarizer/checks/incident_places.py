"""Reading place names in news text: which capitalised names are places, of what kind.

The incident reader (:mod:`summarizer.checks.incidents`) anchors incidents to the places this
module reads: names the gazetteer types (:mod:`summarizer.text.gazetteer`), names typed by
their own words ("the Lower Shabelle region", "the town of X"), "the city" or "the capital"
continuing the last place of that kind, and towns too small for the gazetteer where the
words around them say they are places ("collapsed in Ebute Metta"). It tells apart the
places where things happen from those that only measure ("45 km south of X") or receive
("taken to hospitals in X").
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from summarizer.numbers import sentence_spans
from summarizer.text.dates import MONTH_NUMBERS, WEEKDAYS
from summarizer.text.gazetteer import capital_of, city_rank, country_code, place_kind
from summarizer.text.places import country_forms

__all__ = [
    "CITY_WORDS",
    "REGION_WORDS",
    "IncidentPlace",
    "PlaceReader",
    "PlaceType",
    "used_as_place",
]

PlaceType = Literal["country", "region", "city"]


class IncidentPlace(BaseModel):
    """A place anchor; ``refers_to`` names the place that "the city" continues."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    start: int
    end: int
    type: PlaceType
    refers_to: str | None = None


# Words that mark a name as a locality inside a larger place.
_LOCALITY_BEFORE = re.compile(
    r"(?:\b(?i:town|village|hamlet|suburb|area|neighbourhood|neighborhood|locality|township)"
    r"\s+of\s+|(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|\b(?i:city|district|town|state"
    r"|province|county|region))(?:'s|’s)\s+)$"
)
_LOCALITY_AFTER = re.compile(
    r"\s+(?:area|village|neighbourhood|neighborhood|suburb|locality|tehsil|township|valley)\b"
    r"|\s*,\s+near\s+[A-Z]"
)
# A run of capitalised words ("Lower Shabelle", "MOGADISHU"), joined by "de", "of" and the like.
# A lone capital letter ends a name too: "Site C", "Block B". Words with digits name no place:
# "N29.44bn" is naira, "M23" a road.
_NAME = re.compile(
    r"(?<![\w’'-])(?:[A-Z](?:[^\W\d_]|[’'.-])*[A-Za-z]|[A-Z](?![\w.]*\d))"
    r"(?:[ \t]+(?:(?:de|del|la|al|el|of)[ \t]+)?(?:[A-Z](?:[^\W\d_]|[’'.-])*[A-Za-z]|[A-Z]\b(?!['’.])))*"
)
# Capitalised words that open a sentence before a name: "In Basra", "The Hague" aside.
_LEADING = re.compile(
    r"(?:The|In|On|At|From|Near|Outside|Inside|Across|By|For|To|And|But|After|Before|Since|"
    r"As|When|While|Meanwhile|Separately|Elsewhere|Across|Throughout|Around)\s+(?=[A-Z])"
)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_POSSESSIVE_SPLIT = re.compile(r"(?<=['’]s)\s+")
# Words that capitalise a word but never name a place.
_NOT_PLACES = frozenset(
    word.casefold() for word in (*MONTH_NUMBERS, *WEEKDAYS, "I", "The", "A", "An", "In")
)
_DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|upper|greater)"
    r"(?:[ -]?(?:east|west|ern))?)\s+",
    re.IGNORECASE,
)
# A capitalised direction that is no adjective ("West Sulawesi", "North Darfur", "Upper
# East") belongs to a region's name; "Northern Bihar", "central Tehran" only say where in it.
_NAMING_DIRECTION = re.compile(r"(?:North|South|East|West|Upper|Lower)(?:[ -]?(?:east|west))?\s")
# "the Lower Shabelle region", "Sonoma County", "Apurímac province": typed by its own word.
REGION_WORDS = (
    "region|province|state|county|district|oblast|governorate|prefecture|department|territory"
    "|valley|tehsil"
)
CITY_WORDS = "city|town|village|port|area|suburb|neighbourhood|neighborhood"
# What a typing word makes of the name it follows or precedes.
_TYPE_WORDS: dict[str, PlaceType] = {
    **{word: "region" for word in REGION_WORDS.split("|")},
    **{word: "city" for word in CITY_WORDS.split("|")},
}
_TYPED_AFTER = re.compile(rf"[ \t]+({REGION_WORDS}|{CITY_WORDS})\b", re.IGNORECASE)
_TYPED_BEFORE = re.compile(rf"\b(?:the\s+)?({REGION_WORDS}|{CITY_WORDS})\s+of\s+$", re.IGNORECASE)
# "300 metres from the port of", "45 km southwest of": a place used to measure from.
_POSITIONAL = re.compile(
    # a part's place, told after its whole: "80,000 were deployed, 12,000 of them in Paris"
    r"\bof\s+(?:them|whom)\s+(?:were\s+|was\s+)?(?:in|at)\s+(?:the\s+)?$|"
    r"\b(?:metres|meters|km|kilometres|kilometers|miles|north|south|east|west|northeast|"
    r"northwest|southeast|southwest|outside|from)\b[^.,;]{0,25}?\b(?:of|from)?\s*(?:the\s+)?"
    rf"(?:(?:{CITY_WORDS}|{REGION_WORDS})\s+of\s+)?$"
    # a yardstick: "an area as large as New York City", "twice the size of Luxembourg"
    r"|\b(?:as\s+(?:large|big|small|wide|long)\s+as|the\s+size\s+of|than)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A place that receives: where the victims were taken ("treated at hospitals in Kamloops",
# "eleven were airlifted to Kathmandu"), or where it was told ("told journalists in Abuja",
# "(Reporting by A. Menon in Bengaluru").
_RECEIVING = re.compile(
    r"\b(?:hospitals?|clinics?|morgues?|shelters?)\s+(?:\w+\s+){0,2}?(?:in|at|near)\s+(?:the\s+)?$"
    r"|\b(?:airlifted|flown|rushed|referred|transferred|evacuated|taken|moved)\s+"
    r"(?:\w+\s+){0,2}?to\s+(?:the\s+)?$"
    r"|\b(?:told|briefed|addressed)\s+(?:\w+\s+){0,2}?(?:in|at)\s+$"
    r"|\b(?:reporting|writing|editing)\s+by\s+[^;()\n]{0,40}?\s+in\s+$",
    re.IGNORECASE,
)
# Where a body sits: "the Pasteur Institute in Nha Trang", "the National Weather Service in
# Memphis" -- its seat, not where the happening was.
_SEAT = re.compile(
    r"\b(?:Service|Agency|Office|Department|Ministry|Institute|Bureau|Commission|Authority|"
    r"Headquarters|University|Hospital|Centre|Center|Laboratory|Embassy|Consulate)"
    r"(?:\s+(?:of|and|for|the|[A-Z][\w’'-]*))*\s+(?:in|at)\s+$"
)
# A natural feature's own word types its name.
_FEATURE = re.compile(
    r"^(?:Lake|River|Mount|Mt\.?|Gulf|Bay|Sea|Strait|Cape|Port|Fort)\s|"
    r"\s(?:River|Lake|Sea|Island|Islands|Valley|Mountains|Hills|Bay|Gulf|Delta|Coast)$"
)
# "the city", "the region", "the capital": the last place of that kind again.
_CONTINUATION = re.compile(
    rf"\b(?:the|this|that)\s+(city|town|capital|village|port|country|nation|{REGION_WORDS})"
    r"(?:'s|’s)?\b(?!\s+of\b)",
    re.IGNORECASE,
)
# A city told by its rank in its country: "Ukraine's second largest city", "Kenya's
# capital", "the country's biggest city" is left to "the city".
_RANKED_CITY = re.compile(
    r"\b(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:'s|’s)\s+"
    r"(?:(?P<rank>second|third|fourth|largest|biggest)[-\s]+(?:(?:largest|biggest)[-\s]+)?city"
    r"|capital(?:\s+city)?)\b"
)
_RANKS = {"largest": 1, "biggest": 1, "second": 2, "third": 3, "fourth": 4}
_CONTINUES: dict[str, PlaceType] = {
    "city": "city",
    "town": "city",
    "capital": "city",
    "village": "city",
    "port": "city",
    "country": "country",
    "nation": "country",
}

# "killed five people in X", "were injured near the town of X": the number's own place.
_LOCATED_AFTER = re.compile(
    r"[^,;:.—]{0,60}?\b(?:in|at|near|outside|across)\s+(?:the\s+)?"
    rf"(?:(?:{CITY_WORDS}|{REGION_WORDS})\s+of\s+)?",
    re.IGNORECASE,
)
# "in X", "near X": a capitalised name the gazetteer does not know, used as a place.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+$")
# Names that follow "in" and are no place: "in Parliament", "in the Supreme Court".
_INSTITUTION = re.compile(
    r"\b(?:Ministry|Party|Council|Court|Parliament|Assembly|Congress|Senate|Hospital|"
    r"University|College|School|Police|Army|Navy|Government|Commission|Agency|Service|"
    r"Department|Office|Church|Company|Group|Bank|Cup|League|Games|Club|Championships?|"
    r"Act|Bill|Code|Constitution|Committee|Board|Authority|Force|Centre|Center|Institute|"
    r"English|Arabic|French|Spanish|Hindi|Urdu|Chinese|Russian|Portuguese|Swahili|Telegram|"
    r"Facebook|Twitter|X|Instagram|TikTok|YouTube|WhatsApp|Christmas|Easter|Ramadan|Eid|"
    r"Diwali|Parliament|Stock Exchange|Premier|Test|Final|Olympics|Research|Partners|Capital|"
    r"Ltd|Limited|Inc|Plc|PLC|LLP|Holdings|Securities|Associates|Consulting|Advisers|Advisors|"
    r"Investments|Management|Media|News|Times|Post|Herald|Press|Airways|Airlines|Motors)\b"
)
# "Co Wexford", "Co. Antrim": "County" abbreviated before its name, as Irish news writes it.
_COUNTY_ABBREVIATION = re.compile(r"Co\.?[ \t]+[A-Z]")
# A name that a number follows ("at Rs 1,742 crore", "at Brent $82") is a unit, not a place.
_NUMBER_AFTER = re.compile(r"[ \t]*[\d$€£¥₹]")
# "Health and Safety at Work": the locative inside a title, its words capitalised around it.
_TITLE_BEFORE = re.compile(r"\b(?:[A-Z][\w’'-]*|and|of|for)\s+[A-Z][\w’'-]*\s+(?:in|at)\s+$")
_LISTED = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+", re.IGNORECASE)
# "Madina hospital", "the Kharkiv Palace Hotel": a building, not where a happening was.
_FACILITY_AFTER = re.compile(
    r"[ \t]+(?:hospital|hotel|airport|stadium|university|school|mosque|church|market|"
    r"station|palace|prison|camp|bridge|(?:road|street|square|avenue|lane)s?)\b",
    re.IGNORECASE,
)
# "Tehran Fire Department", "the Kano State Police Command": a service's name, no place.
_SERVICE_NAME = re.compile(
    r"\b(?:Fire|Police|Health|Rescue|Emergency|Water|Transport|Education|Forest|Forestry|"
    r"Weather|Agriculture|Public|Justice|Defen[cs]e|Sheriff['’]?s?|Ambulance|Traffic)"
    r"\s+(?:[A-Z][\w’'-]*\s+)*?(?:Department|Service|Services|Command|Office|Authority|"
    r"Agency|Division|Bureau)$"
)
# "Salvador, 58, received ...": a person's name, their age after it.
_AGE_AFTER = re.compile(r",[ \t]+\d{1,3},")
_PERSON_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sir|Mayor|President|Premier|Minister|Governor|Senator|General|Gen|"
    r"Colonel|Col|Captain|Capt|Chief|Judge|Justice|Sheriff|Inspector|Sergeant|Sgt|Officer|"
    r"spokesman|spokeswoman|spokesperson|coach|striker|director)\.?\s+(?:[A-Z][\w’'-]+\s+)?$"
)
_SAYING_AFTER = re.compile(
    r"[ \t]+(?:said|says|told|added|wrote|explained|warned|insisted|recalled)\b"
)


class PlaceReader:
    """The places of one article, read clause by clause in order: "the city" continues the
    last city read before it."""

    def __init__(self, text: str, body_start: int) -> None:
        self.text = text
        self.body_start = body_start
        self.last_place: dict[PlaceType, IncidentPlace] = {}
        self.capitalised_inside = self._capitalised_inside()

    def _capitalised_inside(self) -> set[str]:
        """Names written capitalised somewhere other than a sentence's first word."""
        seen: set[str] = set()
        for start, end in sentence_spans(self.text):
            first = True
            for match in _NAME.finditer(self.text, start, end):
                if not first or self.text[start : match.start()].strip(" \n\t\"“‘'("):
                    seen.add(match.group().casefold())
                first = False
        return seen

    def places_in(self, start: int, end: int, sentence_start: int) -> list[IncidentPlace]:
        found: list[IncidentPlace] = []
        for match in _NAME.finditer(self.text, start, end):
            cuts = [match.start()]
            for split in _POSSESSIVE_SPLIT.finditer(self.text, match.start(), match.end()):
                cuts += [split.start(), split.end()]
            cuts.append(match.end())
            for a, b in zip(cuts[::2], cuts[1::2], strict=True):
                place = self.place_at(a, b, sentence_start)
                if place is not None:
                    found.append(place)
        for match in _RANKED_CITY.finditer(self.text, start, end):
            city = self.ranked_city(match["country"], match["rank"])
            if city is not None:  # "Ukraine's second largest city" named Kharkiv before
                found.append(
                    IncidentPlace(
                        text=match.group(),
                        start=match.start(),
                        end=match.end(),
                        type="city",
                        refers_to=city,
                    )
                )
        for match in _CONTINUATION.finditer(self.text, start, end):
            word = match.group(1).lower()
            kind = _CONTINUES.get(word, "region")
            last = self.last_place.get(kind)
            if last is None and kind == "city":  # a town the gazetteer reads as a region too
                last = self.last_place.get("region")
            if last is None:
                continue
            found.append(
                IncidentPlace(
                    text=self.text[match.start() : match.end()],
                    start=match.start(),
                    end=match.end(),
                    type=kind,
                    refers_to=last.refers_to or last.text,
                )
            )
        found.sort(key=lambda place: place.start)
        for place in found:
            if not self.receiving(place):  # "treated at the hospital in X": "the village"
                self.last_place[place.type] = place  # after it still means the scene
        return found

    def ranked_city(self, country: str, rank: str | None) -> str | None:
        """The city "<country>'s capital" or "<country>'s second largest city" describes: the
        capital, or the one city of that country the article names whose rank by population
        is within one of the stated rank (the gazetteer's populations are rough; the
        article's own names decide)."""
        if rank is None:
            return capital_of(country)
        code = country_code(country)
        wanted = _RANKS.get(rank.lower(), 1)
        if code is None:
            return None
        fits = {
            name
            for match in _NAME.finditer(self.text, self.body_start)
            if (name := _POSSESSIVE.sub("", match.group()))
            and (ranked := city_rank(name)) is not None
            and ranked[0] == code
            and abs(ranked[1] - wanted) <= 1
            and not (wanted > 1 and ranked[1] == 1)  # "second largest" is never the largest
        }
        return fits.pop() if len(fits) == 1 else None

    def place_at(self, start: int, end: int, sentence_start: int) -> IncidentPlace | None:
        """The place the capitalised name ``text[start:end]`` names, typed by its own words,
        the words around it or the gazetteer; None for a name that is no place we know."""
        name_start = start
        name = _POSSESSIVE.sub("", self.text[start:end])
        stripped = _DIRECTION.sub("", name)
        named_kind = None  # "West Sulawesi", "North Darfur": the direction is in the name
        if stripped != name and _NAMING_DIRECTION.match(name):
            named_kind = place_kind(name) or place_kind(stripped)
            stripped = name if named_kind else stripped
        name_start += len(name) - len(stripped)
        name = stripped.rstrip(".")
        while (lead := _LEADING.match(name)) is not None:
            name_start += lead.end()
            name = name[lead.end() :]
        if not name or name.casefold() in _NOT_PLACES or name.lower() in _TYPE_WORDS:
            return None
        if _INSTITUTION.fullmatch(name):
            return None  # "at Western University": a body's word, its direction dropped
        if name.isupper() and not self.text[self.body_start : name_start].strip():
            return None  # "CAIRO (AP) —": where the story was filed, not where it happened
        name_end = name_start + len(name)
        if _FACILITY_AFTER.match(self.text, name_end) or _SERVICE_NAME.search(name):
            return None
        if " " not in name and name.isupper() and place_kind(name) != "country":
            return None  # "IRNA", "The PUNCH gathered": an acronym names a body, no town
        if (
            _PERSON_BEFORE.search(self.text, max(0, name_start - 25), name_start)
            or (" " not in name and _SAYING_AFTER.match(self.text, name_end))
            or _AGE_AFTER.match(self.text, name_end)
        ):
            return None  # "Mayor Chris Canning", "Canning said", "Canning, 58,": a person
        last_word = name.rsplit(None, 1)[-1].lower()
        after = _TYPED_AFTER.match(self.text, name_end)
        before = _TYPED_BEFORE.search(self.text, max(0, name_start - 30), name_start)
        typed = last_word if " " in name and last_word in _TYPE_WORDS else None
        typed = typed or (after.group(1).lower() if after else None)
        typed = typed or (before.group(1).lower() if before else None)
        kind: PlaceType | None = _TYPE_WORDS.get(typed) if typed else None
        if kind is None and _COUNTY_ABBREVIATION.match(name):
            kind = "region"
        if kind is not None and place_kind(name) != "country" and country_forms(name):
            return None  # "the Mexican state of Guanajuato": a country's adjective
        if kind is None and " " in name and _FEATURE.search(name):
            kind = "region"  # "Lake Kivu", "the Hadejia River", "Mount Merapi"
        if kind is None:
            kind = named_kind or place_kind(name)
            opens = not self.text[sentence_start:name_start].strip(" \n\t\"“‘'(")
            if kind == "city" and opens and name.casefold() not in self.capitalised_inside:
                kind = None  # "Police said ...": a capitalised first word, not a town
        if kind is None:
            return None
        return IncidentPlace(text=name, start=name_start, end=name_end, type=kind)

    def anchoring(self, places: list[IncidentPlace]) -> list[IncidentPlace]:
        """The named places that can anchor an incident: not continuations ("the city"), not
        places that only measure or receive, nor the ones listed with them ("hospitals in X
        and Y")."""
        kept: list[IncidentPlace] = []
        previous: IncidentPlace | None = None
        skipped = False
        for place in places:
            if place.refers_to and _CONTINUATION.match(place.text):
                continue  # "the city" continues; "Ukraine's second largest city" names one
            listed = previous is not None and _LISTED.fullmatch(
                self.text, previous.end, place.start
            )
            skipped = bool(self.positional(place) or (listed and skipped))
            if not skipped:
                kept.append(place)
            previous = place
        return kept

    def small_places(self, start: int, end: int, known: list[IncidentPlace]) -> list[IncidentPlace]:
        """Names used as places in ``text[start:end]`` ("collapsed in Ebute Metta", "a fire
        near Peachland") that the gazetteer does not know, too small for it; ``known``: the
        places already read there. The reader lets them place a number, not start or switch
        an incident, where a misread name would cost more."""
        starts = {p.start for p in known}
        found = []
        for match in _NAME.finditer(self.text, start, end):
            if not _LOCATIVE_BEFORE.search(self.text, max(0, match.start() - 12), match.start()):
                continue
            if (
                _NUMBER_AFTER.match(self.text, match.end())
                or _FACILITY_AFTER.match(self.text, match.end())
                or _TITLE_BEFORE.search(self.text, max(0, match.start() - 40), match.start())
                or _AGE_AFTER.match(self.text, match.end())
            ):
                continue  # "at Rs 340", "at York hospital", "the Health and Safety at Work Act"
            # "in North Waziristan's Datta Khel": the place after the possessive; but
            # "at Stark's Park", one word owned by no place, is a venue's whole name
            at = match.start()
            for split in _POSSESSIVE_SPLIT.finditer(self.text, match.start(), match.end()):
                owner = _POSSESSIVE.sub("", self.text[at : split.start()].rstrip())
                rest = self.text[split.end() : match.end()]
                if " " in rest.strip() or used_as_place(owner, self.text):
                    at = split.end()
            name = _POSSESSIVE.sub("", self.text[at : match.end()])
            if " " not in name and name.isupper():
                continue  # "at NEMA": an acronym
            words = {word.casefold() for word in name.split()}
            if at in starts or words & _NOT_PLACES or _INSTITUTION.search(name):
                continue
            if country_forms(name):
                continue  # "in Kenyan waters": an adjective of a country
            found.append(IncidentPlace(text=name, start=at, end=at + len(name), type="city"))
        return found

    def local(self, place: IncidentPlace) -> bool:
        """The place is a locality by its own words, inside some larger one: "the town of
        Tahta", "the Sharada area", "Lakki Marwat district's Sarai Naurang", "the city's
        Wucheng District", "at Ballyclerahan, near Clonmel"."""
        before = self.text[max(0, place.start - 40) : place.start]
        if _LOCALITY_AFTER.match(self.text, place.end):
            return True
        marked = _LOCALITY_BEFORE.search(before)
        if marked is None:
            return False
        owner = marked["owner"]  # "Nigeria's Lagos" is a city of a country, not a locality
        return owner is None or not (country_forms(owner) or place_kind(owner) == "country")

    def located_after(self, end: int, place: IncidentPlace) -> bool:
        """``place`` follows a number ending at ``end`` as where it happened ("killed five
        people in X"), within its stretch of the clause."""
        return _LOCATED_AFTER.fullmatch(self.text, end, place.start) is not None

    def positional(self, place: IncidentPlace) -> bool:
        """A place that only measures from ("300 metres from the port of Goma"), receives
        ("airlifted to X"), hears the telling ("told journalists in X") or seats a body."""
        return bool(
            _POSITIONAL.search(self.text, max(0, place.start - 40), place.start)
        ) or self.receiving(place)

    def receiving(self, place: IncidentPlace) -> bool:
        """A place that receives ("airlifted to X"), hears the telling ("told journalists in
        X") or seats a body ("the Pasteur Institute in X"): never the scene, so "the city"
        after it does not mean it either."""
        return bool(
            _RECEIVING.search(self.text, max(0, place.start - 40), place.start)
            or _SEAT.search(self.text, max(0, place.start - 80), place.start)
        )


# "in Kharkiv", "near the town of Sohag", "in northern Bihar", "on the River Niger", "in a
# Mississippi Delta town": a name used as a place.
_LOCATIVE = (
    r"\b(?:in|at|near|outside|across|around|into|from|on)\s+(?:the\s+|a\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|city|town|village"
    r"|province|region|district|county|state)(?:\s+of)?\s+)?"
)
# "the eastern city of Kassala": a name written as a place without a preposition before it.
_PLACE_NOUN_OF = (
    r"\b(?:city|town|village|province|region|district|county|state|capital|port|island"
    r"|municipality|area)\s+of\s+"
)
# "the city's Wucheng District": a locality of a larger place.
_POSSESSED_BY = r"(?:'s|’s)\s+"
# "Bajaur district", "Kano State": a name typed by the word after it.
_TYPED_BY = rf"[ \t]+(?:{REGION_WORDS}|{CITY_WORDS})\b"


def used_as_place(name: str, text: str) -> bool:
    """``text`` uses ``name`` as a place at least once: after a locative preposition, as "the
    city of ...", after a possessive, typed by the word after it ("Bajaur district"), or as a
    place the gazetteer knows; not "Stark" of "at Stark's Park", nor an acronym ("VIX")."""
    if name.isupper() and len(name) <= 5:
        return False  # "VIX", "NHS": an acronym names no place here
    if place_kind(name) is not None or country_forms(name):
        return True
    own = re.escape(name) + r"\b(?!['’])"
    return _search(own + _TYPED_BY, text) or any(
        _search(before + own, text) for before in (_LOCATIVE, _PLACE_NOUN_OF, _POSSESSED_BY)
    )


@functools.lru_cache(maxsize=512)
def _search(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None
