"""Names in a summary (actors, locations, proper names in its prose) must be the article's.

A name grounds in the article word by word, with case, accents and quote marks folded
(:mod:`summarizer.text.fold`); a word grounds by its first five letters too when the rest
of both is an ending of one word ("Ukrainian" for "Ukraine", not "Tregenza" for "Tregear"),
and words that name nothing ("forces", "northern", "city") need not ground.
A country may be named in any of its forms ("Dutch" for the Netherlands), initials stand
for the words they abbreviate ("US", "HC" for "High Court").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.checks.facts import WORDS, ArticleFacts
from summarizer.checks.records import claim_check
from summarizer.numbers.lexicon import PEOPLE_NOUNS, PERSON_WORDS, word_set
from summarizer.schema import ClaimCheck, SummaryDraft
from summarizer.text.fold import fold
from summarizer.text.gazetteer import spellings, town_regions
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.places import (
    countries_of_region,
    countries_with_town,
    country_forms,
    country_phrases,
)
from summarizer.text.sentences import opens_sentence
from summarizer.vocabulary import ClaimStatus

__all__ = ["check_name", "check_prose_names", "name_fields", "proper_names", "spelled_out"]


# Words that carry no name: a location or actor may add them without the article's words.
_GENERIC = word_set(
    "the of and in on at near to from by for with a an its their his her north south east "
    "west northern southern eastern western central northeast northwest southeast "
    "southwest city town village region province state district county area country "
    "capital border coast outskirts suburb suburbs port island lake river sea people "
    "residents civilians forces force troops army military police government officials "
    "authorities local regional national federal unknown unidentified group groups "
    "members member rescuers rescue workers crews emergency services company operator "
    "spokesman spokeswoman spokesperson minister ministry agency president leader leaders "
    # the generic head of a body's name: "Milwaukee Police Department" for "Milwaukee police"
    "department dept office bureau service headquarters "
)
_GENERIC |= word_set(
    "alleged suspected reported unnamed armed exchange market markets stock stocks "
    "mr mrs ms mx dr prof sir dame st "
    # short forms of the generic words above: "Listowel, Co Kerry", "Dist. Swat"
    "co dist distt prov "
)
_STOP = word_set(
    "the a an of in on at to from by for with and or but was were is are be been as that "
    "this these those it its their his her than then there here which who whom what when "
    "where while after before during since about over under into onto per "
)


def name_fields(draft: SummaryDraft) -> list[tuple[str, str]]:
    """(path, text) of every generated sentence that may name a person, body or place."""
    fields = [("headline", draft.headline), ("summary", draft.summary)]
    for index, event in enumerate(draft.events):
        fields.append((f"events[{index}].description", event.description))
        if event.attribution:
            fields.append((f"events[{index}].attribution", event.attribution))
    return fields


def check_prose_names(fields: list[tuple[str, str]], facts: ArticleFacts) -> list[ClaimCheck]:
    """Every proper name in the headline, summary, descriptions and attributions is a claim,
    held to the same rule as an actor: a person, body or place the article never names is
    flagged where it is written ("the country's King Alberto Ruiz vowed ...")."""
    checks: list[ClaimCheck] = []
    for path, text in fields:
        seen: set[str] = set()
        for name in proper_names(text):
            if name not in seen:
                seen.add(name)
                checks.append(check_name(path, name, facts))
    return checks


def proper_names(text: str) -> list[str]:
    """Runs of capitalized words in prose ("Aoife O'Neill", "Bank of Ireland").

    A capital that only starts a sentence names nothing by itself ("Police said"), and a
    function word before a name is not part of it ("The Dutch coastguard"). A headline in
    title case ("Storm Hits Coast") has no capitals to tell names by and is skipped.
    """
    if _title_case(text):
        return []
    names: list[str] = []
    for run in _NAME_RUN.finditer(text):
        words = run.group().split()
        opens = opens_sentence(text, run.start()) or text[run.start() - 3 : run.start()] == " - "
        while words and (words[0].lower() in _STOP or words[0].lower() in _CALENDAR):
            words, opens = words[1:], False
        if opens and len(words) > 1 and words[0].lower() in _COMMON_NOUNS:
            words, opens = words[1:], False  # "Teenager Brennan hits": a noun, then a name
        while words and words[-1] in _NAME_JOINERS:
            words.pop()
        if not words or (len(words) == 1 and opens):
            continue  # a sentence's first word alone
        words = [w for w in words if not _NOT_A_NAME.fullmatch(w)]
        if not words:
            continue
        words[-1] = _POSSESSIVE.sub("", words[-1])
        if all(w.lower() in _CALENDAR or w.lower() in _GENERIC for w in words):
            continue
        names.append(" ".join(words))
    return names


def _title_case(text: str) -> bool:
    if len(text) > 160:  # a headline's length at most: longer prose is never title case
        return False
    words = [w for w in WORDS.findall(text) if w.lower() not in _STOP]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


# Capitals of the Latin, Greek and Cyrillic alphabets ("Ó Briain", "Šibenik").
_CAPITALS = "".join(
    ch for ch in map(chr, range(0xC0, 0x530)) if ch.isupper() and ch.isalpha()
).replace("-", "")
_CAP_WORD = rf"[A-Z{_CAPITALS}][\w'’-]*"
_NAME_RUN = lazy_compile(
    rf"(?<![\w'’-]){_CAP_WORD}(?:[ \t]+(?:(?:of|de|da|del|al|bin|van|von|la|le|du)[ \t]+)?"
    rf"{_CAP_WORD})*"
)
# Capitalised tokens that name no one: currency codes and units ("USD", "Rs", "GW", "MW"),
# abbreviated months and weekdays, Roman-numeral-free list markers.
_NOT_A_NAME = lazy_compile(
    r"(?:USD|EUR|GBP|JPY|CNY|INR|RUB|UAH|CHF|AUD|CAD|Rs|Sh|KSh|US\$|GW|MW|kW|kWh|GWh|MWh|TWh"
    r"|km|Km|KM|mph|kph|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri"
    r"|Sat|Sun|Q[1-4]|H[12]|FY\d*)\.?"
)
_NAME_JOINERS = word_set("of de da del al bin van von la le du")
# Nouns of people a sentence may open with before a name ("Teenager Brennan", "Striker
# Diaz"): capitalised by their place only.
_COMMON_NOUNS = PERSON_WORDS | PEOPLE_NOUNS
_CALENDAR = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december"
)


def check_name(path: str, name: str, facts: ArticleFacts, *, place: bool = False) -> ClaimCheck:
    """An actor or location must ground in the article, word by word.

    A ``place`` is judged on its names only ("Lyon, including its suburbs" on "Lyon"); a
    country may be named by any of its forms ("Dutch" for the Netherlands).
    """
    status, reason = _judge_name(name, facts, place=place)
    return claim_check(path, "name", name, status, reason)


def _judge_name(name: str, facts: ArticleFacts, *, place: bool = False) -> tuple[ClaimStatus, str]:
    folded = " ".join(fold(name).split())
    if folded and _in_article(folded, facts):
        return "verified", "the name is in the article"  # "Jordan Pike, aged 23": whole
    # Countries first, in whichever form the article uses; the rest word by word.
    rest = folded
    absent: list[str] = []
    located = ""
    towns = _towns_of(name, facts) if place else _Towns(frozenset(), frozenset())
    for start, end, country in reversed(_countries_in(name, folded, facts, place=place)):
        if country in facts.implied_countries and country not in facts.derived.countries:
            # "Bihar, India": the article names Bihar, a state of India
            located = located or _implied_by(country, facts)
        elif country not in facts.derived.countries:
            if towns.hold(folded[start:end], country):
                # "Frankfurt, Germany", "Tulsa, Oklahoma": a town the article names, in
                # the one country (region) with towns of that name
                located = located or "the article names a town there"
            else:
                absent.append(folded[start:end])
        rest = rest[:start] + " " * (end - start) + rest[end:]
    missing_proper: list[str] = []
    missing_common: list[str] = []
    added_region: list[str] = []
    cased = _original_case(name, folded, rest)
    head_end = cased.find(",") if place else -1
    if head_end > 0:
        cased, region = _known_regions(cased, head_end, facts, towns)
        located = located or region
    for match in WORDS.finditer(cased):
        raw = match.group()
        raw = _POSSESSIVE.sub("", raw)
        word = fold(raw)
        if word in _GENERIC or word in _STOP or len(word) < 2:
            continue
        proper = raw[:1].isupper()
        if word in facts.words or (len(word) >= 5 and _same_stem(word, facts)):
            continue
        if len(word) >= 4 and any(w.startswith(word) for w in facts.words if len(w) > len(word)):
            continue
        if place and not proper:
            continue  # "including its suburbs": a place is judged on its names
        if not proper and cased[match.start() - 1 : match.start()] == "-":
            continue  # "Qaeda-linked", "Kremlin-backed": a word that says how, no name
        if raw.isupper() and spelled_out(raw, facts.text):
            continue  # "HC" for the article's "High Court"
        if proper and _spelled_otherwise(raw, facts):
            continue  # "Kiev" for the article's "Kyiv": one city, two spellings
        owner = proper and raw != match.group()  # "Ghana's Central Region": a possessive
        implied = _implied_country(raw, facts) if owner else ""
        if implied:  # a country owning a place, not part of a name ("Independent Ireland")
            located = located or implied
            continue
        if place and proper and 0 <= head_end < match.start():
            added_region.append(raw)  # "Rawalpindi, Punjab": a region the writer knows
            continue
        (missing_proper if proper else missing_common).append(raw)
    if added_region and not missing_proper and head_end > 0:
        absent = [*absent, *(fold(w) for w in reversed(added_region))]
    if (missing_proper or missing_common or absent) and _initials_in(name, facts.text):
        return "verified", "the article names it by its initials"
    if missing_proper:
        return "name_not_in_article", f"{', '.join(missing_proper)} is not in the article"
    if located and not absent and not missing_common:
        return "verified", located
    if absent:
        countries = ", ".join(_title(a) for a in reversed(absent))
        if place:
            # "Kano State, Nigeria" where the article never says Nigeria: the place is the
            # article's, the country is added from what the writer knows.
            return "unconfirmed", f"the article does not name {countries}"
        return "name_not_in_article", f"{countries} is not in the article"
    if missing_common:
        return "unconfirmed", f"{', '.join(missing_common)} is not in the article"
    return "verified", "every word of the name is in the article"


_COMMA_PART = lazy_compile(r"[^,]+")


@dataclass(frozen=True, slots=True)
class _Towns:
    """Where the towns a location names (and the article too) are, each where only one
    country, or one region, has a town of its name: "Frankfurt" is German, "Tulsa" in
    Oklahoma; "Cartagena" (Colombia's, Spain's) and "Shrewsbury" (England's, Massachusetts')
    say neither."""

    countries: frozenset[int]
    regions: frozenset[str]  # folded

    def hold(self, name: str, country: int | None = None) -> bool:
        """``name`` is the region of one of the towns, or (not a region's name) the country
        of one: "England" a town's region, "Germany" a town's country."""
        if countries_of_region(name):
            return " ".join(fold(name).split()) in self.regions
        return country is not None and country in self.countries


def _towns_of(location: str, facts: ArticleFacts) -> _Towns:
    """:class:`_Towns` of the parts of ``location`` the article names, or of their first
    words ("Frankfurt" of "Frankfurt Stock Exchange")."""
    countries: set[int] = set()
    regions: set[str] = set()
    for part in _COMMA_PART.findall(location):
        words = part.split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            if _in_article(fold(name), facts):
                if len(found := countries_with_town(name)) == 1:
                    countries |= found
                if len(named := town_regions(name)) == 1:
                    regions |= named
    return _Towns(frozenset(countries), frozenset(regions))


def _known_regions(
    cased: str, head_end: int, facts: ArticleFacts, towns: _Towns | None = None
) -> tuple[str, str]:
    """``cased`` less the regions a writer adds after a place ("Bareilly, Uttar Pradesh":
    a state of India, where the article's Bareilly is), with why they are the article's,
    or "" when none is. A region is a first-level subdivision (ISO 3166-2) of a country
    the article names or implies by its places, or the region of a town the location
    names (``towns``); the region itself need not be named."""
    countries = facts.implied_countries | facts.derived.countries
    why = ""
    for part in _COMMA_PART.finditer(cased, head_end):
        region = part.group().strip()
        if region and (
            countries_of_region(region) & countries or (towns is not None and towns.hold(region))
        ):
            cased = cased[: part.start()] + " " * len(part.group()) + cased[part.end() :]
            why = why or f"{region} is a region of a country whose places the article names"
    return cased, why


# Endings that make one word of another ("Ukraine", "Ukrainian"; "minister", "ministry"):
# two words that share their first five letters are one name only when what follows the
# part they share is such an ending on both ("Tregenza" is not "Tregear").
_ENDINGS = frozenset(
    (
        "", "s", "es", "e", "a", "n", "an", "ans", "ian", "ians", "ean", "eans", "ese", "i",
        "is", "ish", "ic", "ics", "ern", "er", "ers", "ry", "ries", "al", "ial", "y", "ies",
        "ed", "ing", "ion", "ions", "ity", "ist", "ists", "ism", "ment", "ments", "or", "ors",
        "ate", "ated", "ation", "ations", "ials", "ly", "ns", "ia", "onia",
    )
)  # fmt: skip


def _same_stem(word: str, facts: ArticleFacts) -> bool:
    """``word`` is an article word with another ending ("Ukrainian" for "Ukraine")."""
    for other in facts.stems.get(word[:5], ()):
        shared = next(
            (i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b),
            min(len(word), len(other)),
        )
        if word[shared:] in _ENDINGS and other[shared:] in _ENDINGS:
            return True
    return False


def _countries_in(
    name: str, folded: str, facts: ArticleFacts, *, place: bool
) -> list[tuple[int, int, int]]:
    """The country phrases of a name. A country that opens a body's name ("Sri Lanka Army",
    "Egyptian Ministry of Health") counts as the body's owner only when the article has
    every other word of the name ("the Army", "the health ministry"): "Nigeria Police
    Force" in an article that names no police is a body it never names."""
    plain = country_phrases(name)
    if place:
        return plain
    owned = country_phrases(name, owners=True)
    if owned == plain:
        return plain
    rest = folded
    for start, end, _ in owned:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    words = [fold(w.group()) for w in WORDS.finditer(rest)]
    if all(w in facts.words or w in _STOP for w in words):
        return owned
    return plain


def _implied_by(country: int, facts: ArticleFacts) -> str:
    """Why the article implies ``country``, one of its ``implied_countries``."""
    if country in facts.derived.countries_by_place:
        return "the article names a place of the country"
    return "the article prices in the country's own currency"


def _implied_country(word: str, facts: ArticleFacts) -> str:
    """Why the article implies the country ``word`` names, or "" (no country, or one the
    article does not imply)."""
    countries = country_forms(word)
    if len(countries) != 1 or not countries <= facts.implied_countries:
        return ""
    return _implied_by(next(iter(countries)), facts)


def _spelled_otherwise(word: str, facts: ArticleFacts) -> bool:
    """The article names the city ``word`` names by another of its spellings."""
    return any(
        (spelling in facts.words or f"{spelling}'s" in facts.words)  # "Mumbai's port"
        if " " not in spelling
        else f" {spelling} " in facts.folded
        for spelling in spellings(word)
    )


def _original_case(name: str, folded: str, rest: str) -> str:
    """``rest`` (``folded`` with some spans blanked) in ``name``'s own letters when they line
    up (folding kept the length), so capitals still tell names from common words."""
    spaced = " ".join(name.split())
    if len(spaced) != len(folded):
        return rest if rest == folded else _blank_words(name, rest)
    return "".join(
        o if r != " " or f == " " else " " for o, f, r in zip(spaced, folded, rest, strict=True)
    )


def _blank_words(name: str, rest: str) -> str:
    """The words of ``name`` whose folded form is still in ``rest``."""
    keep = set(rest.split())
    return " ".join(w for w in name.split() if fold(w).strip(",.;:") in keep)


def _title(folded: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in folded.split())


_POSSESSIVE = lazy_compile(r"['’]s$")


def spelled_out(initials: str, text: str) -> bool:
    """Initials whose words the article writes out ("HC" for "High Court", "PDP" for
    "Peoples Democratic Party"), capitals as written, "of"/"the"/"and" between them free;
    three or more initials also for words in lower case ("CPI" for "consumer prices index":
    two letters would match any pair of words)."""
    if not 2 <= len(initials) <= 6 or not initials.isalpha():
        return False
    gap = r"[\s-]+(?:(?:of|the|and|for|&)\s+)*"
    # a word may be a possessive: "NPA" for "New People's Army"
    pattern = r"\b" + gap.join(rf"{re.escape(c)}[^\W\d_]*(?:['’]s)?" for c in initials) + r"\b"
    if _search_cached(pattern, text):
        return True
    if len(initials) < 3:
        return False
    lower = r"\b" + gap.join(rf"{re.escape(c.lower())}[^\W\d_]{{2,}}" for c in initials) + r"\b"
    return _search_cached(lower, text)


def _in_article(folded: str, facts: ArticleFacts) -> bool:
    """The article has ``folded`` (a folded name) as whole words, whatever punctuation
    stands around it ("Jordan Pike, aged 23")."""
    return _search_cached(rf"(?<!\w){re.escape(folded)}(?!\w)", facts.folded)


@lru_cache(maxsize=256)
def _search_cached(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def _initials_in(name: str, text: str) -> bool:
    """ "United States" as "US" or "U.S.", "United Nations" as "UN" (capitals as written)."""
    capitals = [w[0] for w in WORDS.findall(name) if w[:1].isupper() and w.lower() not in _STOP]
    if len(capitals) < 2:
        return False
    initials = "".join(capitals)
    dotted = r"\.".join(capitals) + r"\.?"
    return bool(re.search(rf"\b(?:{initials}|{dotted})(?![\w.])", text))
