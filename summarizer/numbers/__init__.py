"""Rule-based number extraction (no LLM): every numeric mention with its qualifier and role.

The extractor checks the figures an LLM proposes, so it prefers explicit rules a reviewer can
read over cleverness. Four passes run over the article body (the dateline is skipped):

1. *lexing*: two regex passes find where numbers may start (digits, number words), the cue
   words that give event roles ("killed", "shot down") and the sentence breaks;
2. *reading*: at each start, anchored regexes read the whole number (scale words, ranges,
   units, percent signs) and the few words before it give the currency, the qualifier and the
   non-numbers to drop: designations ("F-16", "Xbox 360"), the pronoun "one" ("no one");
   roles that follow from the form are fixed here: money, percentage, time, date_or_year,
   distance, duration, ordinal;
3. *linking*: the counted noun, partitives ("21 of 49 drones"), conversions in brackets;
4. *roles*: population phrases ("a city of 340,000 people"), "including N" / "N of them"
   (shares the role of the number it details), a toll's new figure ("the toll was revised to
   38"), then the nearest cue in the sentence, preferring verbs that govern the number ("shot
   down 21") over participles that only describe a noun ("rockets fired at"); last, the
   counted noun limits the role (places and objects are no casualties, buildings are damaged).

Ages ("a 12-year-old", "aged 45") are counts of years (other_count, noun "years old"), not
durations. A toll of zero said with a negation ("no one was hurt", "no deaths") is a mention
of 0 whose text is the negating phrase, marked ``negated``.

Qualifiers come from phrases on either side: "at least 5", "5 or more", "about 5", "up to 5".
Vague plurals are lower bounds ("hundreds" = at least 200), as in ``seeds/README.md``.
Weekdays are left to :mod:`summarizer.text.dates`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import cast

from summarizer.numbers import words as nw
from summarizer.text.dates import parse_dateline
from summarizer.text.lazy_regex import lazy_compile
from summarizer.vocabulary import EVENT_ROLES, PEOPLE_ROLES, MentionQualifier, Role

# The noun of an age ("a 12-year-old", "aged 40"): a count of years, not a span of time.
AGE_NOUN = "years old"


@dataclass(frozen=True, slots=True)
class NumberMention:
    value: float
    value_high: float | None
    text: str  # the number token(s) exactly as in the input: input[start:end] == text
    start: int
    end: int
    qualifier: MentionQualifier
    noun: str
    role: Role
    sentence: str
    # A toll of zero said with a negation ("no one was hurt", "no deaths"): value 0, and
    # ``text`` is the negating phrase ("no one"), not digits. Gold files that count only
    # written numbers leave these out.
    negated: bool = False


def extract_numbers(text: str) -> list[NumberMention]:
    """Every numeric mention in ``text`` (the dateline excluded), sorted by start."""
    dateline = parse_dateline(text)
    body_start = dateline.end if dateline else 0
    starts, cue_spans, sentence_ends = _lex(text, body_start)
    zeros = _find_zero_tolls(text, cue_spans, body_start)
    cands = _read_all(text, starts)
    if not cands and not zeros:
        return []
    sentences = _sentence_bounds(body_start, sentence_ends, len(text))
    if zeros:  # "none of the three occupants were injured": the cue says nobody was
        cue_spans = [c for c in cue_spans if not any(z.start <= c[0] < z.end for z in zeros)]
    _link(text, cands)
    _borrow_elided_projectiles(text, cands, sentences)
    _assign_roles(text, cands, sentences, _find_cues(text, cue_spans, cands))
    _borrow_missing_nouns(cands, sentences)
    cache: dict[int, str] = {}
    mentions = [_to_mention(text, c, sentences, cache) for c in cands]
    if zeros:
        mentions = _with_zero_tolls(text, mentions, zeros, sentences, cache)
    return mentions


def role_cue_near(text: str, start: int, end: int, role: str, words: int = 3) -> bool:
    """Whether a cue word of ``role`` stands within ``words`` words of ``text[start:end]``.

    A role the extractor gives from a cue right beside the number ("40 were injured",
    "killed 24") is stated; one it reached across a clause is only inferred.
    """
    before = text[max(0, start - 80) : start].split()[-words:]
    after = text[end : end + 80].split()[: words + 1]
    tokens = [t.strip(".,;:!?\"'()").lower() for t in before + after]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
    return any(_CUE_ROLE.get(token) == role for token in tokens + pairs)


# =============================================================================== vocabulary


def _words(spaced: str) -> frozenset[str]:
    """A word set written as one space-separated string (long lists stay readable)."""
    return frozenset(spaced.split())


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_WORDS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAY_WORDS = _words("monday tuesday wednesday thursday friday saturday sunday")

_PRE_QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): qualifier
    for qualifier, phrases in {
        "at_least": "at least|no fewer than|no less than|not less than|a minimum of"
        "|more than or equal to|greater than or equal to|equal to or more than"
        "|equal to or greater than",
        "more_than": "more than|over|in excess of|upwards of|above|exceeding|just over|well over"
        "|greater than|exceeds|exceeded|exceed|surpasses|surpassed|surpass|surpassing|topped",
        "approximately": "about|around|approximately|roughly|some|nearly|almost|close to"
        "|an estimated|estimated|circa|approx|an approximate|shortly before|shortly after"
        "|just before|just after|soon after|on or about|on or around",
        "at_most": "up to|as many as|as much as|at most|no more than|not more than|a maximum of"
        "|within|inside of"
        "|less than or equal to|fewer than or equal to|equal to or less than|equal to or fewer than",
        "less_than": "fewer than|less than|under|below|just under",
    }.items()
    for phrase in phrases.split("|")
}
_QUAL_MAX_WORDS = max(len(k) for k in _PRE_QUALIFIERS)
_POST_QUALIFIER = lazy_compile(
    r"\s*\+|-plus\b|\s+plus\b(?!\s+\d)|\s+or\s+more\b|\s+or\s+so\b|\s+or\s+fewer\b"
    r"|\s+or\s+less\b|-odd\b",
    re.IGNORECASE,
)
_POST_QUALIFIER_VALUE = {
    "+": "at_least",
    "plus": "at_least",
    "more": "at_least",
    "so": "approximately",
    "fewer": "at_most",
    "less": "at_most",
    "odd": "approximately",
}

_CURRENCY_SYMBOLS = {
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₽": "RUB",
    "₴": "UAH",
    "₪": "ILS",
    "₦": "NGN",
    "₵": "GHS",
}
_CURRENCY_CODES = {
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "rmb": "CNY",
    "inr": "INR",
    "rs": "INR",
    "rs.": "INR",
    "chf": "CHF",
    "aud": "AUD",
    "cad": "CAD",
    "zar": "ZAR",
    "ngn": "NGN",
    "kes": "KES",
    "sh": "KES",  # the shilling as East African papers write it: "Sh 2.5 million", "Sh300,000"
    "ksh": "KES",
    "kshs": "KES",
    "ugx": "UGX",
    "tzs": "TZS",
    "egp": "EGP",
    "ghs": "GHS",
    "pkr": "PKR",
    "bdt": "BDT",
}
# Currency letters written against the digits ("R2.5 million", "Sh300,000", "Rs500"); "R"
# alone is the rand, but only glued: a spaced "R 5" is too often something else.
_GLUED_CURRENCY = {"r": "ZAR", "rs": "INR", "sh": "KES", "ksh": "KES", "kshs": "KES"}
_CURRENCY_PREFIXES = frozenset({"us", "u.s", "u.s.", "a", "c", "nz", "hk", "s", "r"})  # US$ ...
_CURRENCY_WORD_CODE = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupee": "INR",
    "rouble": "RUB",
    "ruble": "RUB",
    "hryvnia": "UAH",
    "shekel": "ILS",
    "franc": "CHF",
    "dinar": "dinars",
    "riyal": "riyals",
    "lira": "lira",
    "rand": "ZAR",
    "naira": "NGN",
    "shilling": "KES",
    "cedi": "GHS",
    "birr": "ETB",
    "taka": "BDT",
    "ringgit": "MYR",
    "baht": "THB",
    "kwacha": "ZMW",
}
# A nationality before the currency word names another currency: "Canadian dollars" is CAD.
_NATIONAL_CURRENCY = {
    ("canadian", "dollar"): "CAD",
    ("australian", "dollar"): "AUD",
    ("hong kong", "dollar"): "HKD",
    ("singapore", "dollar"): "SGD",
    ("new zealand", "dollar"): "NZD",
    ("jamaican", "dollar"): "JMD",
    ("namibian", "dollar"): "NAD",
    ("zimbabwean", "dollar"): "ZWL",
    ("egyptian", "pound"): "EGP",
    ("lebanese", "pound"): "LBP",
    ("syrian", "pound"): "SYP",
    ("sudanese", "pound"): "SDG",
    ("kenyan", "shilling"): "KES",
    ("ugandan", "shilling"): "UGX",
    ("tanzanian", "shilling"): "TZS",
    ("somali", "shilling"): "SOS",
    ("pakistani", "rupee"): "PKR",
    ("sri lankan", "rupee"): "LKR",
    ("nepalese", "rupee"): "NPR",
    ("nepali", "rupee"): "NPR",
    ("indian", "rupee"): "INR",
}

_DISTANCE_UNIT = (
    r"(?:(?:sq(?:uare)?\.?\s+)?(?:miles?|kilomet(?:re|er)s?|km|metres?|meters?|feet|foot|ft|yards?"
    r"|mi)|nautical\s+miles?|hectares?|acres?|km2|km²|cm|mm|inch(?:es)?)"
)
_DURATION_UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|yrs?"
    r"|decades?|centuries|century|fortnights?)"
)
_DURATION_WORDS = _words(
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days night nights week "
    "weeks month months year years yr yrs decade decades century centuries fortnight"
)
_DISTANCE_WORDS = _words(
    "mile miles km kilometre kilometres kilometer kilometers metre metres meter meters foot feet ft "
    "yard yards acre acres hectare hectares"
)
_ATTACHED_DISTANCE = frozenset({"km", "mi", "ft", "cm", "mm", "km2", "km²", "sq"})
_ONE_IDIOMS = frozenset({"off", "sided", "way", "time", "on", "liner", "liners", "stop", "man"})

# A capitalised word right before a number names a model or a document ("Xbox 360",
# "Resolution 2231") unless it is one of these: function and qualifier words, months, weekdays.
_NOT_DESIGNATORS = (
    _words(
        "the a an at about more over some nearly almost around up as in on by of for since until till "
        "from between and or but only just all another with after before during among including to "
        "than least fewer less under below above approximately roughly estimated exactly precisely "
        "those these its their his her our every each per no not into across through when while if "
        "then so there here it they we he she i you what which who whose where although though "
        "because today yesterday tonight now well also even still down out off past near within "
        "without against toward towards onto upon via like unlike plus minus are is was were be been "
        "have has had will would could should may might must can said says say told reported perhaps "
        "maybe both"
    )
    | _MONTH_WORDS
    | _WEEKDAY_WORDS
    | {word for phrase in _PRE_QUALIFIERS for word in phrase}
)
# Lower-case words that name a numbered thing: "resolution 2231", "flight 370", "No. 10".
_DESIGNATOR_WORDS = _words(
    "resolution article section chapter clause paragraph flight route highway interstate bus "
    "platform gate room number no no. model version level phase category grade page exhibit item "
    "unit track episode season series vol volume amendment rule stage lot block apartment apt "
    "suite box code channel lane line pier terminal verse psalm row seat sector zone"
)
_LOWER_DESIGNATOR_PREFIXES = frozenset({"covid", "sars", "mers"})  # "covid-19"
_LOCATION_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "across", "to", "on", "outside", "inside", "around"}
)
_PRONOUN_ONE_BEFORE = frozenset(
    {
        "no",
        "any",
        "every",
        "each",
        "the",
        "this",
        "that",
        "which",
        "another",
        "someone",
        "anyone",
        "such",
        "little",
        "loved",
        "young",
        "chosen",
        "right",
        "wrong",
        "last",
    }
)
_PRONOUN_ONE_AFTER = lazy_compile(
    r"\s+(?:another|who)\b|['’]s\b|\s+(?:must|can|cannot|could|should|would|might|may|will|shall|needs?"
    r"|has\s+to)\b|\s+by\s+one\b|\s+and\s+the\s+same\b"
    r"|\s+of\s+(?:the|its|their|his|her|our)\s+(?:few|many|most|more|least|best|worst|top|main"
    r"|key|leading|first|last|only|very|\w+est)\b"
    r"|\s+of\s+(?:those|these)\s+(?:days|things|times)\b|\s+or\s+(?:another|the\s+other)\b",
    re.IGNORECASE,
)
_YEAR_PREPOSITIONS = (
    _words(
        "in of since until till by from through to during before after early late mid year summer "
        "winter spring autumn fall and between circa around"
    )
    | _MONTH_WORDS
)
# Words before "N to M" that make it a change ("rose from 29 to 31"), not a range.
_CHANGE_WORDS = _words(
    "rose fell increased decreased climbed dropped jumped grew up down raised cut lowered revised "
    "surged slumped plunged soared rising falling increasing growing slid sank gained lost "
    "declined raises raised raise raising lifted lifts brought brings pushed pushes revised "
    "updated upgraded downgraded changed"
)
# Nouns of a period: "over three trading sessions" means during them, not more than three.
_PERIOD_NOUNS = _words(
    "sessions session rounds round quarters seasons games matches innings terms weekends days "
    "years months weeks hours nights"
)
_POPULATION_HEADS = _words(
    "city town village country nation region province state district community island "
    "municipality capital metropolis suburb county population archipelago continent kingdom "
    "republic emirate"
)
# Counted nouns that no event role fits (see _fit_noun), singular and plural.
_NOT_CASUALTY_NOUNS = _words(
    "hospital hospitals clinic clinics district districts province provinces state states "
    "county counties region regions area areas municipality municipalities constituency "
    "constituencies ward wards camp camps site sites location locations country countries "
    "attack attacks incident incidents clash clashes accident accidents operation operations "
    "raid raids ambush ambushes shooting shootings bombing bombings ambulance ambulances "
    "grenade grenades weapon weapons rifle rifles gun guns pistol pistols firearm firearms "
    "round rounds bullet bullets cartridge cartridges explosives tonne tonnes ton tons kilogram "
    "kilograms kg litre litres liter liters gallon gallons"
)
_PEOPLE_NOUNS = _words(
    "people persons person passengers passenger residents civilians children adults women men "
    "soldiers troops workers students pupils villagers pilgrims migrants tourists fans "
    "spectators protesters others crew occupants patients"
)
# Nouns that name a toll and can be the subject of a verb of change ("the toll rose to").
_TOLL_NOUNS = frozenset(
    {"toll", "death toll", "death total", "death count", "deaths", "dead", "fatalities"}
    | {"injuries", "injured", "wounded", "missing", "evacuees", "displaced", "arrests"}
)
_HARM_ROLES = frozenset({"killed", "injured", "missing", "arrested"})
_SETTLEMENT_NOUNS = _words(
    "village villages town towns city cities community communities neighbourhood neighbourhoods "
    "neighborhood neighborhoods settlement settlements"
)
_STRUCTURE_NOUNS = _words(
    "home homes house houses building buildings structure structures dwelling dwellings "
    "apartment apartments flat flats shop shops school schools car cars vehicle vehicles "
    "truck trucks bus buses carriage carriages coach coaches wagon wagons boat boats ship ships "
    "property properties bridge bridges"
)
_POPULATION_NOUNS = frozenset({"residents", "inhabitants", "population", "citizens", "dwellers"})
_PROJECTILES = lazy_compile(
    r"\b(?:drones?|missiles?|rockets?|shells?|uavs?|projectiles?|warheads?|mortars?|bombs?"
    r"|munitions|aircraft|planes?|jets?|helicopters?)\b",
    re.IGNORECASE,
)
_NOUN_STOP = (
    _words(
        "the a an of in on at to from by for with and or but were was are is be been being have has "
        "had who which that this these those it its their his her as than since after before "
        "including according said says across into over under per while when where during more other "
        "additional another then there here also not now still yet so such each every all both "
        "either neither some any most many much few several out up down off about around between "
        "against among would will could should can may might must do does did just only even "
        "reportedly apparently allegedly currently already again later earlier ago overnight today "
        "yesterday tonight versus vs live lives remain remains stay stayed came went took face faces "
        "need needs within lost whom"
    )
    | _MONTH_WORDS
    | _WEEKDAY_WORDS
)
_NOUN_SKIP_LEAD = frozenset(
    {
        "more",
        "other",
        "additional",
        "further",
        "extra",
        "or",
        "of",
        "the",
        "its",
        "their",
        "his",
        "her",
        "those",
        "these",
        "them",
    }
)

# Cue words for event roles; "_" stands for any whitespace inside a phrase.
_CUE_PHRASES: dict[str, str] = {
    "killed": "killed killing kill kills died dies dying dead death deaths death_toll death_total "
    "martyred "
    "death_count fatality fatalities fatally perished slain murdered massacred executed drowned "
    "lost_their_lives lives_lost lives_were_lost claimed_the_lives_of claimed_the_lives "
    "claimed_lives bodies corpses toll",
    "injured": "injured injuring injuries injury injure wounded wounding wounds hurt hospitalised "
    "hospitalized maimed taken_to_hospital taken_to_the_hospital rushed_to_hospital "
    "treated_for treated_at treated_in_hospital admitted_to_hospital in_hospital critical_condition "
    "serious_condition",
    "missing": "missing unaccounted_for disappeared trapped buried",
    "displaced": "displaced displacing displacement evacuated evacuate evacuees fled flee fleeing flees "
    "homeless refugees uprooted forced_from_their_homes forced_out_of_their_homes taken_refuge "
    "took_refuge sought_refuge seeking_refuge taken_shelter took_shelter sheltering "
    "from_their_homes evacuation_order evacuation_orders",
    "arrested": "arrested arrest arrests arresting detained detaining detention detentions "
    "in_custody apprehended jailed imprisoned rounded_up",
    "launched": "fired firing launched launching launches lobbed salvo salvos barrage barrages "
    "swarm swarms volley volleys",
    "intercepted": "intercepted intercepting intercepts interception interceptions shot_down "
    "shooting_down downed neutralised neutralized brought_down repelled",
    "damaged": "damaged damage damaging destroyed destroying razed flattened collapsed ruined "
    "demolished torched burned_down burnt_down derailed overturned capsized gutted on_fire "
    "caught_fire washed_away swept_away submerged",
    # Words that say the people or things counted came to no harm, or only were there: the
    # nearest of them keeps a casualty cue farther away from the number ("rescued 14 alive").
    "other_count": "alive rescued survived unharmed unhurt affected",
}
_CUE_ROLE: dict[str, str] = {
    phrase.replace("_", " "): role
    for role, phrases in _CUE_PHRASES.items()
    for phrase in phrases.split()
}
_CUE_NOUNS = frozenset(
    {
        "dead",
        "killed",
        "injured",
        "wounded",
        "hurt",
        "missing",
        "homeless",
        "displaced",
        "evacuated",
        "arrested",
        "detained",
        "alive",
    }
)
# Past participles of transitive verbs: right after a noun, with no auxiliary and no object,
# they only describe it ("rockets fired at Beersheba"); a governing verb elsewhere wins.
_TRANSITIVE_PARTICIPLES = _words(
    "killed injured wounded hurt fired launched intercepted downed damaged destroyed arrested "
    "detained evacuated displaced razed flattened hospitalised hospitalized executed murdered "
    "slain neutralised neutralized jailed demolished torched"
) | {"shot down"}
_COPULAS = _words("is are was were been be being remain remains remained get got left")
_SUBJECT_WORDS = _words(
    "was were is are be been being have has had who which that it they he she we i you and or "
    "but not also then later reportedly allegedly to of in on at by with from as the a an after "
    "before when while would could should will may might must got get gets getting police forces "
    "troops army military now already just still since"
)
_MAX_BEFORE_WORDS = 25
_MAX_AFTER_WORDS = 8

_ABBREVIATIONS = _words(
    "mr mrs ms dr st gen lt col sgt capt sen rep gov pres prof no vs jan feb mar apr jun jul aug "
    "sep sept oct nov dec inc corp co ltd jr sr mt ft fig est approx"
)

# =============================================================================== regexes

_START_WORDS = (  # words that can begin a number phrase
    set(nw.UNITS)
    | set(nw.TENS)
    | set(nw.ORDINALS)
    | set(nw.VAGUE_PLURALS)
    | {"half", "several", "tens"}
    | {f"a {w}" for w in ("dozen", "hundred", "thousand", "million", "billion", "trillion", "few")}
    | {f"a {w}" for w in ("third", "quarter", "fifth", "sixth", "eighth", "tenth")}
    | {"an eighth"}
)
# The lexer finds number starts and cue words in one pass, sentence breaks in another.
# Python's ``re`` tries a pattern at every position unless it starts with a plain character
# class, so each pattern starts with the character *before* what it looks for (space, quote,
# bracket, dash, currency sign; or the sentence-ending mark) and the word lists are factored
# as a trie. This is ~3x faster than flat alternations with lookbehinds.
_LEX_BEFORE = r"\s\"“”‘’'(\[—–−/$£€¥₹₽₴₪₦₵~+-"


def _lex_token() -> str:
    vulgar = "".join(nw.VULGAR_FRACTIONS)
    return rf"(?P<tok>\d+|[{vulgar}]|{nw.trie_regex(_START_WORDS | set(_CUE_ROLE))}\b)"


_LEX = lazy_compile(lambda: rf"[{_LEX_BEFORE}]{_lex_token()}")
_LEX_HEAD = lazy_compile(_lex_token)
_BREAK = lazy_compile(
    r"[.!?\n](?:(?<=[.!?])[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|(?<=\n)(?=[^\S\n]*\n))"
)

# The whole number at a lexer start, most specific form first.
_CANDIDATE = lazy_compile(
    r"(?P<iso>(?<![\w.])\d{4}-\d{2}-\d{2}(?!\d))"
    r"|(?P<clock>(?<![\w.:,])\d{1,2}(?:[:.]\d{2})?(?=\s?[ap]\.?m\b)"
    r"|(?<![\w.:,])\d{1,2}:\d{2}(?![\d:]))"
    r"|(?P<digits>(?<![\d_.])(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)"
    r"|\d+)(?:\.\d+)?)"
    rf"|(?P<vulgar>[{''.join(nw.VULGAR_FRACTIONS)}])"
    rf"|(?<![\w-])(?:(?P<fraction>{nw.FRACTION})"
    rf"|(?P<vague>{nw.VAGUE})"
    rf"|(?P<dozen>{nw.DOZEN})"
    rf"|(?P<half>{nw.HALF})"
    rf"|(?P<ordinal>{nw.ORDINAL})\b"
    rf"|(?P<words>{nw.CARDINAL})\b)",
    re.IGNORECASE,
)
# Thousands grouped by commas, or the South Asian way (lakh, crore: "12,34,567").
# A time taken, not a time of day (that would say "a.m." or "p.m.").
_HMS = lazy_compile(r"(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:]|\s?[ap]\.?m\b)", re.IGNORECASE)
_DIGITS = lazy_compile(
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
)
_WORDNUM = lazy_compile(rf"(?:{nw.CARDINAL})\b", re.IGNORECASE)
_MERIDIAN = lazy_compile(r"\s?([ap])\.?m", re.IGNORECASE)
_ATTACHED_SUFFIX = lazy_compile(
    r"(?P<scale>(?-i:MM)|bln|mln|mil|bn|mn|tn|trn|k|m|b)(?![A-Za-z])|(?P<ord>st|nd|rd|th)\b"
    r"|(?P<decade>s)\b"
    r"|(?P<unit>km²|km2|km|kg|cm|mm|mph|kph|ft|mi|lbs?|mw|gw|kw|kwh|mb|gb|tb|hz|ghz|sq|bps)\b",
    re.IGNORECASE,
)
_METRES_FOLLOW = lazy_compile(
    r"\s*[.,;:)]|\s+(?:tall|high|long|wide|deep|away|from|above|below|under|of\s+water)\b|-|$"
)
_SPACED_SCALE = lazy_compile(
    r"\s?(?:(?P<abbr>bn|mn|tn|trn|bln|mln)\b"
    r"|\s?(?P<word>thousand|million|billion|trillion|hundred|dozen|lakhs?|lac|crores?)\b)",
    re.IGNORECASE,
)
_RANGE_TAIL = lazy_compile(
    r"(?P<sep>\s*[-–—]\s*|\s+(?:to|through|thru|and)\s+)(?:US|A|C|HK)?[$£€¥]?(?=\d)",
    re.IGNORECASE,
)
_AND_A_HALF = lazy_compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_WORD_RANGE_TAIL = lazy_compile(r"\s+(?P<sep>to|through|thru|and)\s+(?=[A-Za-z\d])", re.IGNORECASE)
# Everything that can follow a number and say what it measures, in one alternation.
_AFTER = lazy_compile(
    r"(?P<pct>\s?(?:%|per\s?cent\b|percent\b|pc\b))"
    r"|(?P<points>\s?(?:an?\s+)?percentage\s+points?\b)"
    r"|(?P<bps>\s+basis\s+points?\b|\s?bps\b)"
    r"|(?P<oclock>\s+o['’]clock\b)"
    r"|(?P<clock_zone>(?=\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|local\s+time)\b))"
    rf"|(?P<month>\s+(?:of\s+)?{_MONTHS}(?![\w-]))"
    r"|(?P<money>\s+(?:(?:US|U\.S\.|(?P<nation>Canadian|Australian|Hong\s+Kong|Singapore"
    r"|New\s+Zealand|Jamaican|Namibian|Zimbabwean|Egyptian|Lebanese|Syrian|Sudanese|Kenyan"
    r"|Ugandan|Tanzanian|Somali|Pakistani|Sri\s+Lankan|Nepalese|Nepali|Indian))\s+)?"
    r"(?P<money_word>dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yuan|renminbi|yen|rupees?"
    r"|roubles?|rubles?|hryvnias?|shekels?|francs?|cents|pence|dinars?|riyals?|lira|rand|naira"
    r"|shillings?|cedis?|birr|taka|ringgit|baht|kwacha)\b)"
    r"|(?P<hyphen>-(?P<hyphen_word>[A-Za-z]+))"
    rf"|\s?(?P<distance>{_DISTANCE_UNIT})(?![\w-])"
    rf"|\s?(?:(?:more|additional|further|extra)\s+)?(?P<duration>{_DURATION_UNIT})(?![\w-])"
    r"|\s+(?:(?:an?|the)\s+)?(?P<age>years?\s+old)\b"
    rf"|(?P<half_of>\s+an?\s+(?P<half_unit>{_DURATION_UNIT})\b)",
    re.IGNORECASE,
)
_NEXT_WORD = lazy_compile(r"\s+([a-z]+)")
_PLAIN_YEAR = lazy_compile(r"\d{4}(?:[-–]\d{2}(?:\d{2})?|\s+(?:and|to|through)\s+\d{4})?")
_SECOND_AS_UNIT = lazy_compile(r"\s*(?:[.,;:)]|ago\b|later\b|earlier\b|or\b|$)")
_HYPHEN_WORD = lazy_compile(r"-([A-Za-z]+)")
_DESIGNATOR_TOKEN = lazy_compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9]*) $")
_HYPHEN_PREFIX = lazy_compile(r"(?<![\w.-])([A-Za-z][A-Za-z.]*)-$")
# Symbols that are tokens of their own when looking back from a number ("of $", "(about").
_SPLIT_SYMBOLS = str.maketrans({ch: f" {ch} " for ch in ',;:()[]{}"“”‘’$£€¥₹₽₴₪₦₵#~+—–-/!?%&*'})
_LOOKBACK = 40  # enough for "a maximum of US$", "March 12, " or "city of about"
_MAX_DIGITS = 15  # longer digit runs are identifiers (and would lose float precision)
_COORDINATION = lazy_compile(r"[\s,]*(?:(?:and|or|plus)\s+)?")
_LIVE_AFTER = lazy_compile(r"\s+(?:live|lived|living)\b")  # "13.5 million people live in"
_CLAUSE_BREAK = lazy_compile(r"[,;]|\s(?:and|but|while|whereas)\s")
_TAKES_LIVES = _words("claimed claiming claim claims cost costing costs took taking taken take")
_LIVES_AFTER = lazy_compile(r"\s+lives\b")
_OLD_AFTER = lazy_compile(r"\s+old\b")
_SUBJECT_VERB = lazy_compile(r"\s+(?:were|was|had|have|has|are)\b")
_OF_THEM = lazy_compile(r"\s+of\s+(?:them|whom)\b")
_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
_AUXILIARIES = _words("was were is are had has have been being got")
_OLD_HYPHEN = lazy_compile(r"-old\b", re.IGNORECASE)
_PERIOD_AFTER = lazy_compile(
    lambda: r"(?:\s+[a-z]+){0,2}?\s+(?:" + "|".join(sorted(_PERIOD_NOUNS)) + r")\b"
)
_SPACE_GROUPS = lazy_compile(r"(?: \d{3})+(?![\d]|[.,]\d)")
_SIGN_BEFORE = frozenset(" \t\n(['\"“‘:=/")
_MINUS_IS_ARITHMETIC = lazy_compile(r"\d\s+minus\s+$")
_BETWEEN_AND = lazy_compile(r"\s+and\s+(?:[^\s\d]{1,4}\.?\s?)?")  # "... and Rs ", "... and $"
_PARTITIVE_GAP = lazy_compile(r"\s+(?:out\s+)?of\s+(?:the\s+)?")
_CONVERSION_GAP = lazy_compile(r"[^()\d]{0,25}\(\s*(?:about\s+|some\s+|around\s+)?")
_NOUN_WORD = r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*"
_NOUN_RUN = lazy_compile(rf"\s*({_NOUN_WORD}(?:\s+{_NOUN_WORD})*)")  # words up to a symbol
_QUALIFIER_WORDS = (
    r"(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|up\s+to|as\s+many\s+as"
    r"|an\s+estimated|roughly|approximately|fewer\s+than|less\s+than)"
)
_NUMBER_AHEAD = rf"(?:(?:dozens|hundreds|thousands|several|scores|{nw.CARDINAL})\b|\d|[$£€])"
_NUMBER_FOLLOWS = lazy_compile(rf"\s+(?:{_QUALIFIER_WORDS}\s+)?{_NUMBER_AHEAD}", re.IGNORECASE)
_OBJECT_FOLLOWS = lazy_compile(
    rf"\s+(?:{_QUALIFIER_WORDS}\s+)?(?:(?:the|a|an|its|their|his|her|our|all)\b|{_NUMBER_AHEAD})",
    re.IGNORECASE,
)
_GOVERNED_GAP = lazy_compile(rf"[\s,]*(?:{_QUALIFIER_WORDS}\s+)?(?:US)?[$£€]?\s*", re.IGNORECASE)
_NOMINAL_END = lazy_compile(r"\s*(?:[,.;:)\]]|(?:and|or|but|while|after|as)\b|$)", re.IGNORECASE)
_INITIALS = lazy_compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")


# =============================================================================== pass 1: lexing


def _lex(text: str, body_start: int) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """(number starts, cue spans, sentence ends) found by regex passes over the body."""
    starts: list[int] = []
    cues: list[tuple[int, int]] = []
    head = _LEX_HEAD.match(text) if body_start == 0 else None
    if head:  # a token at offset 0 has no character before it for _LEX to anchor on
        if " ".join(head.group().lower().split()) in _CUE_ROLE:
            cues.append((0, head.end()))
        else:
            starts.append(0)
    for match in _LEX.finditer(text, max(body_start - 1, 0)):
        tok_start = match.start("tok")
        if text[tok_start].isdigit():
            starts.append(tok_start)
        elif text[tok_start - 1] != "-":  # "rocket-launching", "one-on-one"
            if _normalized_token(match.group("tok")) in _CUE_ROLE:
                cues.append((tok_start, match.end()))
            else:
                starts.append(tok_start)
    glued = _glued_currency_starts(text, body_start)
    if glued:  # "R2.5 million", "Sh300,000": currency letters against the digits
        starts = sorted(starts + glued)
    return starts, cues, _sentence_ends(text, body_start)


def _sentence_ends(text: str, body_start: int) -> list[int]:
    """Where sentences end: a mark before a capital (not an abbreviation's period), a blank line."""
    ends: list[int] = []
    for match in _BREAK.finditer(text, body_start):
        if text[match.start()] == "\n":
            ends.append(match.start())
        elif text[match.start()] != "." or not _is_abbreviation(text, match.start() + 1):
            ends.append(match.end())
    return ends


def _glued_currency_starts(text: str, body_start: int) -> list[int]:
    """Where digits start right after currency letters ("R2.5m", "Sh300,000", "Rs500").

    ``str.find`` for the capital letter is many times faster than a regex scan, and digits
    glued to letters are rare, so each hit is checked in Python.
    """
    found = []
    for head in ("R", "Sh", "KSh", "Ksh"):
        at = text.find(head, body_start)
        while at >= 0:
            end = at + len(head)
            if text[end : end + 1] == "s":  # "Rs500", "Kshs300"
                end += 1
            before = text[at - 1] if at > 0 else " "
            if text[end : end + 1].isdigit() and not (before.isalnum() or before in "._-"):
                found.append(end)  # not inside a word or a code ("XR2", "F-R2")
            at = text.find(head, at + 1)
    return found


@functools.lru_cache(maxsize=4096)
def _normalized_token(token: str) -> str:
    """Lower-case, single-spaced: the same few hundred words recur in every article."""
    return " ".join(token.lower().split())


def _is_abbreviation(text: str, pos: int) -> bool:
    """True when the word ending at ``pos`` (with its period) is an abbreviation or initials."""
    head = text[max(0, pos - 12) : pos]
    word = head.rsplit(None, 1)[-1] if head.strip() else ""
    return bool(_INITIALS.fullmatch(word)) or word[:-1].lower() in _ABBREVIATIONS


# =============================================================================== pass 2: reading


@dataclass(slots=True)
class _Before:
    """What stands right before a number: currency sign, qualifier phrase, other words."""

    words: list[str]  # lower-cased tokens before the number, nearest last
    currency: str = ""  # ISO code of a sign or code right before ("$" -> USD)
    qualifier: str = ""  # qualifier phrase right before ("at least" -> at_least)
    qualifier_word: str = ""  # its first word ("over"), for "over two days"
    bare: list[str] = field(default_factory=list)  # words before currency and qualifier


@dataclass(slots=True)
class _Candidate:
    """A number being read; mutable while the passes refine it."""

    start: int
    end: int
    value: float
    kind: str  # iso | clock | digits | range | vague | dozen | half | ordinal | words
    before: _Before
    high: float | None = None
    qualifier: str = "exact"
    role: str = ""
    locked: bool = False  # the role follows from the form; cues may not change it
    noun: str = ""
    currency: str = ""
    scaled: bool = False  # a scale word or suffix was applied ("1.5 million", "300m")
    unit_end: int = 0  # end of the scale/unit/percent words that belong to the number
    post_end: int = 0  # end of a qualifier after the number ("or more")
    noun_end: int = 0  # end of the counted noun: cue distances are measured from here
    total_of: int | None = None  # index of the part when this is a partitive total ("of 49")
    conversion: bool = False  # in brackets after a measure ("300 sq miles (777 sq km)")
    population_noun: bool = False  # counts residents/inhabitants


def _read_all(text: str, starts: list[int]) -> list[_Candidate]:
    """Read the number at each lexer start, skipping non-numbers and overlaps."""
    found: list[_Candidate] = []
    consumed = 0
    for start in starts:
        if start < consumed:
            continue
        hms = _HMS.match(text, start) if ":" in text[start + 1 : start + 3] else None
        if hms is not None:  # "clocking 2:07:48": hours, minutes, seconds
            found.extend(_read_hms(hms, _read_before(text, start)))
            consumed = hms.end()
            continue
        match = _CANDIDATE.match(text, start)
        if match is None:
            continue
        cand = _read_candidate(text, match, _read_before(text, start))
        if cand is not None:
            found.append(cand)
            consumed = cand.end
    return found


def _read_hms(hms: re.Match[str], before: _Before) -> list[_Candidate]:
    """A time taken, H:MM:SS ("won in 2:07:48"): three durations, one per field."""
    found = []
    for group, unit in ((1, "hours"), (2, "minutes"), (3, "seconds")):
        start, end = hms.span(group)
        cand = _Candidate(start, end, float(hms.group(group)), "digits", before, unit_end=end)
        cand.role, cand.locked, cand.noun = "duration", True, unit
        cand.qualifier = before.qualifier or "exact"
        found.append(cand)
    return found


def _read_before(text: str, start: int) -> _Before:
    """Tokens before ``start`` split into currency, qualifier phrase and the rest."""
    lo = max(0, start - _LOOKBACK)
    tokens = text[lo:start].lower().translate(_SPLIT_SYMBOLS).split()
    if lo > 0 and tokens and not text[lo - 1].isspace():
        tokens = tokens[1:]  # a word cut in half by the window
    before = _Before(tokens)
    words = tokens
    if start > 0 and text[start - 1].isalpha() and words:  # only a glued currency starts here
        words[-1] = words[-1].rsplit(None, 1)[-1]
        before.currency = _GLUED_CURRENCY.get(words[-1], "")
        words = words[:-1]
    elif words and (words[-1] in _CURRENCY_SYMBOLS or words[-1] in _CURRENCY_CODES):
        before.currency = _CURRENCY_SYMBOLS.get(words[-1]) or _CURRENCY_CODES[words[-1]]
        words = words[:-1]
        if words and words[-1] in _CURRENCY_PREFIXES:
            words = words[:-1]
    for size in range(min(_QUAL_MAX_WORDS, len(words)), 0, -1):
        qualifier = _PRE_QUALIFIERS.get(tuple(words[-size:]))
        if qualifier:
            before.qualifier, before.qualifier_word = qualifier, words[-size]
            words = words[:-size]
            break
    before.bare = words
    return before


def _read_candidate(text: str, match: re.Match[str], before: _Before) -> _Candidate | None:
    kind = match.lastgroup or ""
    start, end = match.start(), match.end()
    if kind == "iso":
        cand = _Candidate(start, end, float(text[start : start + 4]), kind, before)
        cand.role, cand.locked, cand.noun, cand.unit_end = "date_or_year", True, "date", end
        return cand
    if kind == "clock":
        return _read_clock(text, start, end, before)
    if kind == "vulgar":
        cand = _Candidate(start, end, nw.VULGAR_FRACTIONS[text[start]], kind, before, unit_end=end)
        _read_after(text, cand)
        return cand
    if kind == "digits":
        return _read_digits(text, start, end, before)
    return _read_words(text, kind, start, end, before)


def _read_clock(text: str, start: int, end: int, before: _Before) -> _Candidate:
    """ "10 am" = 1000, "10.50pm" = 2250, "14:30" = 1430 (24-hour HHMM)."""
    hours, _, minutes = text[start:end].replace(":", ".").partition(".")
    hour, minute = int(hours), int(minutes or 0)
    meridian = _MERIDIAN.match(text, end)
    if meridian:
        if meridian.group(1).lower() == "p" and hour != 12:
            hour += 12
        elif meridian.group(1).lower() == "a" and hour == 12:
            hour = 0
    cand = _Candidate(start, end, float(hour * 100 + minute), "clock", before, unit_end=end)
    cand.role, cand.locked, cand.noun = "time", True, "time of day (24-hour HHMM)"
    cand.qualifier = before.qualifier or "exact"
    return cand


def _read_digits(text: str, start: int, end: int, before: _Before) -> _Candidate | None:
    if _is_digit_designation(text, start, end, before):
        return None
    if text[end : end + 1] == "/" or (start > 0 and text[start - 1] == "/"):
        return None  # fractions, dates and scores written with slashes: not handled
    if end - start > _MAX_DIGITS and sum(c.isdigit() for c in text[start:end]) > _MAX_DIGITS:
        return None  # a long digit run is an identifier (phone, account, ISBN), not a figure
    value = float(
        text[start:end]
        .replace(",", "")
        .replace("\u00a0", "")
        .replace("\u202f", "")
        .replace("\u2009", "")
    )
    cand = _Candidate(start, end, value, "digits", before, currency=before.currency, unit_end=end)
    _read_space_groups(text, cand)
    vulgar = nw.VULGAR_FRACTIONS.get(text[cand.end : cand.end + 1])
    if vulgar is not None:  # "2½"
        cand.value += vulgar
        cand.end = cand.unit_end = cand.end + 1
    if not _read_digit_suffix(text, cand):
        return None
    _read_and_a_half(text, cand)
    _read_range(text, cand)
    _read_sign(text, cand)
    _read_after(text, cand)
    return cand


def _is_digit_designation(text: str, start: int, end: int, before: _Before) -> bool:
    """ "F-16", "COVID-19", "S-300", "Resolution 2231", "Xbox 360", "No. 10", "#3"."""
    prev = text[start - 1] if start > 0 else " "
    if prev == "#":
        return True
    if prev == "-":
        word = _HYPHEN_PREFIX.search(text, max(0, start - 20), start)
        if word and (
            any(ch.isupper() for ch in word.group(1))
            or word.group(1).lower() in _LOWER_DESIGNATOR_PREFIXES
        ):
            return True
    if "," in text[start:end] or "." in text[start:end]:
        return False
    return _follows_designator(text, start, before)


def _follows_designator(text: str, start: int, before: _Before) -> bool:
    """True when the word right before (one space) names a thing this number identifies."""
    if not before.words or start < 2 or text[start - 1] != " " or text[start - 2].isspace():
        return False
    word = before.words[-1]
    if word in _DESIGNATOR_WORDS:
        return True
    if word in _NOT_DESIGNATORS or word in _CURRENCY_CODES:
        return False
    raw = _DESIGNATOR_TOKEN.search(text, max(0, start - 30), start)
    if not raw or not any(c.isupper() for c in raw.group(1)) or word.endswith("ly"):
        return False  # lower case, or an adverb ("Reportedly 30 ...")
    # "In Gaza 20 people ..." names a place, not a model.
    return not (len(before.words) >= 2 and before.words[-2] in _LOCATION_PREPOSITIONS)


def _read_digit_suffix(text: str, cand: _Candidate) -> bool:
    """Letters right after the digits: scale, ordinal, decade or unit; False for identifiers."""
    end = cand.end
    if end >= len(text) or not text[end].isalpha():
        _read_spaced_scale(text, cand)
        return True
    suffix = _ATTACHED_SUFFIX.match(text, end)
    if not suffix:
        return False  # "5G", "3D": identifiers
    if suffix.group("scale"):
        letters = suffix.group("scale").lower()
        if letters == "m" and not cand.currency and _means_metres(text, cand, suffix.end()):
            cand.role, cand.locked, cand.noun = "distance", True, "metres"  # "a 300m tower"
            cand.unit_end = suffix.end()
            return True
        cand.value *= nw.SCALE_SUFFIX[letters]
        cand.end = cand.unit_end = suffix.end()
        cand.scaled = True
    elif suffix.group("ord"):
        cand.kind, cand.end = "ordinal", suffix.end()
        cand.role, cand.locked = "ordinal", True
    elif suffix.group("decade"):
        cand.end = suffix.end()
        cand.role = "date_or_year" if cand.value >= 1000 else "other_count"
        cand.locked, cand.noun = True, "decade"
    else:
        unit = suffix.group("unit").lower()
        cand.unit_end = suffix.end()
        cand.noun = unit
        if unit in _ATTACHED_DISTANCE:
            cand.role, cand.locked = "distance", True
        elif unit == "bps":
            cand.role, cand.locked, cand.noun = "percentage", True, "basis points"
    cand.unit_end = max(cand.unit_end, cand.end)
    return True


def _means_metres(text: str, cand: _Candidate, pos: int) -> bool:
    """ "a 300m tower", "ran 100m." are metres; "40m people", "$300m" are millions."""
    if _METRES_FOLLOW.match(text, pos):
        return True
    nxt = _NEXT_WORD.match(text, pos)
    return bool(
        cand.before.words
        and cand.before.words[-1] in ("a", "an")
        and nxt
        and not nxt.group(1).endswith("s")
    )


def _read_spaced_scale(text: str, cand: _Candidate) -> None:
    """ "1.5 million", "2.3 bn", "2 dozen": the scale word joins the span."""
    scale = _SPACED_SCALE.match(text, cand.end)
    if scale:
        cand.value *= nw.SCALE_SUFFIX[(scale.group("abbr") or scale.group("word")).lower()]
        cand.end = cand.unit_end = scale.end()
        cand.scaled = True


def _read_range(text: str, cand: _Candidate) -> None:
    """ "30-40", "30 to 40", "between 30 and 40", "12-13%", "$2-3bn"; not "from 29 to 31"."""
    tail = _RANGE_TAIL.match(text, cand.end)
    if not tail:
        return
    sep = tail.group("sep").strip().lower()
    bare = cand.before.bare
    if sep == "and" and (not bare or bare[-1] != "between"):
        return
    if sep in ("to", "through", "thru") and _is_change(bare):
        return  # a revised figure ("rose from 29 to 31"), two mentions
    digits = _DIGITS.match(text, tail.end())
    if not digits or (text[digits.end() : digits.end() + 1] in ("/", "-") and sep != "-"):
        return
    raw_high = float(digits.group().replace(",", ""))
    high = _Candidate(digits.start(), digits.end(), raw_high, "digits", cand.before)
    if not _read_digit_suffix(text, high) or high.locked:
        return
    low_value = cand.value
    if high.scaled and not cand.scaled:
        low_value *= high.value / raw_high  # "$2-3bn": the scale applies to both
    high_value = high.value
    if sep == "-" and low_value >= 1000 and high_value < 100 and "," not in digits.group():
        high_value += (low_value // 100) * 100  # "2014-15"
    if high_value <= low_value:
        return
    cand.value, cand.high, cand.end, cand.unit_end = low_value, high_value, high.end, high.end
    cand.qualifier, cand.kind = "range", "range"


def _is_change(bare: list[str]) -> bool:
    """ "rose 29 to 31", "rose from 29 to 31": a change; "from 6 to 11" alone is a range."""
    if not bare:
        return False
    if bare[-1] == "from":  # "raises the death total from 29 to 31": a verb of change before
        return any(word in _CHANGE_WORDS for word in bare[-8:-1])
    return bare[-1] in _CHANGE_WORDS


def _read_words(text: str, kind: str, start: int, end: int, before: _Before) -> _Candidate | None:
    phrase = text[start:end]
    if kind == "words":
        if _word_is_not_a_number(text, start, end, phrase.lower(), before):
            return None
        value = nw.parse_cardinal(phrase)
    elif kind == "dozen":
        value = nw.parse_dozen(phrase)
    elif kind == "vague":
        value = nw.parse_vague(phrase)
    elif kind == "half":
        value = nw.parse_half(phrase)
    elif kind == "fraction":
        value = nw.parse_fraction(phrase)
    else:
        if _second_is_a_unit(text, end, phrase.lower(), before):
            return None
        value = nw.parse_ordinal(phrase)
    if value is None:
        return None
    cand = _Candidate(start, end, value, kind, before, unit_end=end)
    if kind == "ordinal":
        cand.role, cand.locked = "ordinal", True
    elif kind == "vague":
        cand.qualifier = "at_least"  # a vague plural is a lower bound
    elif kind == "words":
        _read_and_a_half(text, cand)
        _read_word_range(text, cand)
    _read_after(text, cand)
    return cand


def _read_sign(text: str, cand: _Candidate) -> None:
    """ "-5 degrees", "−12C", "minus 5": a negative number (the sign joins the span)."""
    start = cand.start
    if start > 0 and text[start - 1] in "-−" and (start < 2 or text[start - 2] in _SIGN_BEFORE):
        cand.start, cand.value = start - 1, -cand.value
    elif cand.before.bare[-1:] == ["minus"] and not _MINUS_IS_ARITHMETIC.search(
        text, max(0, start - 14), start
    ):
        cand.value = -cand.value


def _read_space_groups(text: str, cand: _Candidate) -> None:
    """ "1 200 people": thousands grouped by a plain space, as many style guides write them.

    Only a 1-3 digit head followed by whole 3-digit groups, not after a month or another
    number ("March 5 200 people" stays two numbers, the day and the count).
    """
    if cand.end - cand.start > 3 or not text[cand.start : cand.end].isdigit():
        return
    groups = _SPACE_GROUPS.match(text, cand.end)
    if not groups:
        return
    words = cand.before.words
    if words and (words[-1].rstrip(".") in _MONTH_WORDS or words[-1][:1].isdigit()):
        return
    cand.end = cand.unit_end = groups.end()
    cand.value = float(text[cand.start : cand.end].replace(" ", ""))


def _read_and_a_half(text: str, cand: _Candidate) -> None:
    """ "two and a half years" = 2.5, "five and a half million" = 5,500,000."""
    half = _AND_A_HALF.match(text, cand.end)
    if half and not cand.scaled:
        cand.value += 0.5
        cand.end = cand.unit_end = half.end()
        _read_spaced_scale(text, cand)


def _word_is_not_a_number(text: str, start: int, end: int, low: str, before: _Before) -> bool:
    """The pronoun "one" ("no one", "one of the few", "one another") and "Formula One"."""
    if low == "one":
        if before.words and before.words[-1] in _PRONOUN_ONE_BEFORE:
            return True
        if _PRONOUN_ONE_AFTER.match(text, end):
            return True
        hyphen = _HYPHEN_WORD.match(text, end)
        if hyphen and hyphen.group(1).lower() in _ONE_IDIOMS:
            return True  # "one-off", "one-sided"
    return " " not in low and "-" not in low and _follows_designator(text, start, before)


def _second_is_a_unit(text: str, end: int, low: str, before: _Before) -> bool:
    """ "second" as a unit of time: "a split second", "one second", "a second later"."""
    if low != "second" or not before.words:
        return False
    prev = before.words[-1]
    if prev in ("a", "the", "every", "each"):
        return bool(_SECOND_AS_UNIT.match(text, end))
    return prev in ("split", "per", "one") or prev[:1].isdigit()


def _read_word_range(text: str, cand: _Candidate) -> None:
    """ "two to three people", "from six to 11", "between six and eleven", "5 through 9"."""
    tail = _WORD_RANGE_TAIL.match(text, cand.end)
    if not tail or _is_change(cand.before.bare):
        return
    if tail.group("sep").lower() == "and" and cand.before.bare[-1:] != ["between"]:
        return
    other = _WORDNUM.match(text, tail.end()) or _DIGITS.match(text, tail.end())
    if other is None or text[other.end() : other.end() + 1] in ("/", "-"):
        return
    if other.group()[0].isdigit():
        if "," in other.group() or text[other.end() : other.end() + 1].isalpha():
            return
        high: float | None = float(other.group())
    else:
        high = nw.parse_cardinal(other.group())
    if high is not None and high > cand.value:
        cand.high, cand.end, cand.unit_end = high, other.end(), other.end()
        cand.qualifier, cand.kind = "range", "range"


def _read_after(text: str, cand: _Candidate) -> None:
    """What follows the number (unit, percent, currency, date) and its qualifier."""
    if not cand.locked:
        _read_unit(text, cand)
    _read_qualifier(text, cand)


def _read_unit(text: str, cand: _Candidate) -> None:
    """Fix the role when the form says it: time, date, percentage, money, measure, year."""
    after = _AFTER.match(text, cand.unit_end)
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
        old = _OLD_AFTER.match(text, after.end()) if what == "duration" else None
        if old and after.group(what).lower().startswith("year"):
            cand.role, cand.noun = "other_count", AGE_NOUN  # "over 65 years old"
            cand.unit_end = old.end()
    elif _is_year(text, cand):
        cand.role, cand.noun, cand.locked = "date_or_year", "year", True
        return
    elif cand.value <= 130 and not cand.scaled and _age_before(cand.before.bare):
        cand.role, cand.noun, cand.locked = "other_count", AGE_NOUN, True  # "aged 16 and 61"
        return
    else:
        return
    cand.locked, cand.unit_end = True, max(cand.unit_end, after.end() if after else 0)


def _measure(cand: _Candidate, after: re.Match[str], what: str | None) -> tuple[str, str] | None:
    """(role, unit) of a percent sign or a unit of length, area or time after the number."""
    if what in ("pct", "points", "bps"):
        return "percentage", {"pct": "percent", "points": "percentage points"}.get(
            what,
            "basis points",  # hundredths of a point: "cut rates by 25 basis points"
        )
    if what == "distance":
        return "distance", " ".join(after.group(what).split())
    if what == "age" or (what == "duration" and _is_age(cand, after.group(what))):
        return "other_count", AGE_NOUN  # "65 years old", "aged 40 years": an age, not a span
    if what == "duration" and cand.kind != "vague":  # not "hundreds years"
        return "duration", " ".join(after.group(what).split())
    if what == "half_of" and cand.kind == "half":
        return "duration", after.group("half_unit").lower()  # "half an hour"
    return None


def _is_age(cand: _Candidate, unit: str) -> bool:
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


_AGE_LINKS = frozenset({"of", "between", "from", "is", "was", "about", "around"})


def _read_time_or_date(cand: _Candidate, after: re.Match[str] | None, what: str | None) -> bool:
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
    if not words or words[-1].rstrip(".") not in _MONTH_WORDS:
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
        and words[-3].rstrip(".") in _MONTH_WORDS
    )


def _read_money(cand: _Candidate, after: re.Match[str] | None) -> None:
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
        name = name.removesuffix("s")
        nation = " ".join((after.group("nation") or "").lower().split())
        code = _NATIONAL_CURRENCY.get((nation, name)) or _CURRENCY_WORD_CODE.get(name, name)
        cand.noun = cand.currency or code


def _read_hyphen_adjective(text: str, cand: _Candidate, after: re.Match[str]) -> None:
    """ "22-month conflict", "two-year mark", "a 12-year-old", "five-storey", "two-thirds"."""
    word = after.group("hyphen_word").lower()
    if word in nw.FRACTION_DENOMINATORS and cand.kind == "words":
        cand.value /= nw.FRACTION_DENOMINATORS[word]
        cand.end = cand.unit_end = after.end()  # "two-thirds" is one token
        return
    if word in ("plus", "odd"):
        return  # a qualifier ("100-plus"), read next
    cand.noun, cand.unit_end, cand.locked = word, after.end(), True
    old = _OLD_HYPHEN.match(text, after.end())
    if old and word in _DURATION_WORDS:  # "a 12-year-old", "a six-month-old": an age
        cand.role, cand.unit_end = "other_count", old.end()
        cand.noun = AGE_NOUN if word.startswith("year") else f"{word.removesuffix('s')}s old"
    elif word in _DURATION_WORDS:
        cand.role = "duration"
    elif word in _DISTANCE_WORDS:
        cand.role = "distance"
    else:
        cand.role = "other_count"


def _is_year(text: str, cand: _Candidate) -> bool:
    """A bare four-digit integer 1500..2100 read as a year, unless it counts something."""
    if cand.kind not in ("digits", "range") or not 1500 <= cand.value <= 2100:
        return False
    if not _PLAIN_YEAR.fullmatch(text, cand.start, cand.end):
        return False
    before = cand.before
    if before.currency or before.qualifier:
        return False
    nxt = _NEXT_WORD.match(text, cand.end)
    word = nxt.group(1) if nxt else ""  # "2000 people", "1500 homes" count; "2019 was" is a year
    counts = (word.endswith("s") or word in _IRREGULAR_PLURALS) and word not in _NOUN_STOP
    if before.words and before.words[-1] in _YEAR_PREPOSITIONS:
        return not (counts and cand.kind == "range")  # "between 1500 and 2000 people"
    return not counts


_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "police", "cattle"})


def _read_qualifier(text: str, cand: _Candidate) -> None:
    """Qualifier words before ("at least", "about", "up to") or after ("or more", "+")."""
    post = _POST_QUALIFIER.match(text, cand.unit_end)
    if post is None and cand.unit_end > cand.end:
        post = _POST_QUALIFIER.match(text, cand.end)
    if post:
        cand.post_end = post.end()
    if cand.qualifier == "range":
        return
    qualifier = cand.before.qualifier
    if qualifier and _over_means_during(text, cand):
        qualifier = ""
    if not qualifier and post:
        qualifier = _POST_QUALIFIER_VALUE[post.group().lower().replace("-", " ").split()[-1]]
    if qualifier:
        cand.qualifier = qualifier


def _over_means_during(text: str, cand: _Candidate) -> bool:
    """ "over two days" is a time span ("during"); "for over 20 years" is a lower bound.

    So is "over three trading sessions"; "over 65 years old" is an age, a lower bound.
    """
    if cand.before.qualifier_word not in ("over", "under"):
        return False
    if cand.role == "duration":
        if _OLD_AFTER.match(text, cand.unit_end):
            return False
    elif cand.role or not _PERIOD_AFTER.match(text, cand.unit_end):
        return False
    bare = cand.before.bare
    return not bare or bare[-1] not in ("for", "of", "lasting", "than", "spanning")


# =============================================================================== pass 3: linking


def _link(text: str, cands: list[_Candidate]) -> None:
    """Counted nouns, partitive totals ("21 of 49") and conversions ("(777 sq km)")."""
    for index, cand in enumerate(cands):
        _read_noun(text, cand, cands[index + 1].start if index + 1 < len(cands) else len(text))
        if cand.role == "" and cand.noun.lower() == "times":
            cand.role, cand.locked = "other_count", True  # a frequency, never a casualty count
        if index == 0:
            continue
        prev = cands[index - 1]
        if (
            prev.before.bare[-1:] == ["between"]
            and prev.qualifier == "exact"
            and cand.qualifier == "exact"
            and _BETWEEN_AND.fullmatch(text, prev.unit_end, cand.start)
        ):
            # "between Rs 45 lakh and Rs 1.2 crore": two bounds the range reader did not join
            prev.qualifier, cand.qualifier = "at_least", "at_most"
        if _PARTITIVE_GAP.fullmatch(text, prev.end, cand.start) and not (
            prev.locked or cand.locked
        ):
            cand.total_of = index - 1
            prev.noun = prev.noun or cand.noun
        elif _CONVERSION_GAP.fullmatch(text, prev.end, cand.start):
            cand.conversion = True


def _read_noun(text: str, cand: _Candidate, limit: int) -> None:
    """The counted noun: up to four content words after the number, stopping at a verb."""
    pos = max(cand.unit_end, cand.end, cand.post_end)
    words: list[str] = []
    noun_end = pos
    end = min(limit, pos + 60)
    blank = text.find("\n\n", pos, end)  # a noun never runs into the next paragraph
    run = _NOUN_RUN.match(text, pos, end if blank < 0 else blank)
    offset = run.start(1) if run else pos
    for word in run.group(1).split() if run else ():
        offset = text.index(word, offset) + len(word)
        low = word.lower()
        if not words and low in _NOUN_SKIP_LEAD:
            continue
        if low in _NOUN_STOP or low in _CUE_NOUNS:
            break
        if words and low.endswith(("ed", "ing")) and not words[-1].endswith(("ed", "ing")):
            break  # "drones fired overnight"
        words.append(word)
        noun_end = offset
        if len(words) == 4 or (low.endswith("s") and not low.endswith("ss") and len(low) > 3):
            break  # a plural ends the noun phrase
    while words and words[-1].lower().endswith(("ed", "ing", "ly")):
        words.pop()
    if not cand.noun:
        cand.noun = " ".join(words)
    cand.noun_end = max(noun_end if words else pos, cand.unit_end, cand.end)
    if cand.role == "" and words:
        head = words[-1].lower()
        cand.population_noun = head in _POPULATION_NOUNS or (
            head in ("people", "persons") and bool(_LIVE_AFTER.match(text, noun_end))
        )


# =============================================================================== pass 4: roles


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    role: str
    weak: bool  # a participle describing the noun before it ("rockets fired at ...")
    has_object: bool  # a verb with its own numeric object ("... and injured 500 others")
    predicate: bool  # "are missing", "were injured": says something of an earlier subject
    own_subject: bool  # "when it overturned": a pronoun is the subject, not a number before


def _find_cues(text: str, spans: list[tuple[int, int]], cands: list[_Candidate]) -> list[_Cue]:
    cues = []
    measures = {c.start for c in cands if c.role in _MEASURE_ROLES}
    for start, end in spans:
        phrase = " ".join(text[start:end].lower().split())
        prev = _word_before(text, start)
        weak = phrase in _TRANSITIVE_PARTICIPLES and _is_reduced_relative(text, end, prev)
        follows = _NUMBER_FOLLOWS.match(text, end)
        # "trapped nearly 400 metres underground": a measure is no object of the verb
        has_object = bool(follows) and not (measures and _measure_at(text, follows, measures))
        predicate = prev.lower() in _COPULAS
        own_subject = _pronoun_subject(text, start, prev.lower())
        role = _CUE_ROLE[phrase]
        cues.append(_Cue(start, end, role, weak, has_object, predicate, own_subject))
    return cues


_MEASURE_ROLES = frozenset({"distance", "duration", "time", "date_or_year", "percentage"})


def _measure_at(text: str, follows: re.Match[str], measures: set[int]) -> bool:
    """Whether the number the match ``follows`` reached starts a measure (a distance...)."""
    pos = follows.end() - 1
    while pos > follows.start() and not text[pos - 1].isspace():
        pos -= 1
    return pos in measures or follows.end() - 1 in measures


def _pronoun_subject(text: str, start: int, prev: str) -> bool:
    """ "when it overturned", "after they had fled": a pronoun is the cue's subject."""
    if prev in _PRONOUNS:
        return True
    if prev not in _AUXILIARIES:
        return False
    words = text[max(0, start - 30) : start].lower().split()[-3:-1]
    for word in reversed(words):  # up to two auxiliaries: "it had been"
        if word in _PRONOUNS:
            return True
        if word not in _AUXILIARIES:
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
    if not prev or low in _SUBJECT_WORDS or low.endswith("ly"):
        return False
    if prev[0].isupper() and not low.endswith("s"):
        return False  # "Russia fired ...": a subject
    return not _OBJECT_FOLLOWS.match(text, end)  # "system intercepted at least eight"


def _assign_roles(
    text: str, cands: list[_Candidate], sentences: list[tuple[int, int]], cues: list[_Cue]
) -> None:
    """Population phrases, then "including N", then cues; other counts stay other_count."""
    cue_starts = [c.start for c in cues]
    # A cue after another number belongs to that one ("Deniz, 45, whose two sisters are
    # missing"), unless that number only details this one ("20, including two civilians,
    # have been killed") or is coordinated with it ("5 soldiers and 20 civilians were killed").
    blockers = [c.start for c in cands if not _details_another(text, c)]
    for index, cand in enumerate(cands):
        if cand.conversion and cands[index - 1].role == cand.role and cand.qualifier == "exact":
            cand.qualifier = cands[index - 1].qualifier  # "more than 300 sq miles (777 sq km)"
        if cand.locked:
            continue
        if _population_phrase(cand.before.bare):
            cand.role = "population"
            continue
        if (
            cand.before.bare[-1:]
            and cand.before.bare[-1] in _TAKES_LIVES
            and _LIVES_AFTER.match(text, cand.unit_end)
        ):
            cand.role = "killed"  # "claimed 14 lives", "cost at least 30 lives"
            continue
        sentence = _sentence_of(sentences, cand.start)
        head = _including_head(text, cands, index, sentence)
        if head is not None:
            cand.role = head.role
            continue
        toll = _changed_toll(text, cand, cues, cue_starts, sentence)
        if toll:
            cand.role = toll  # "the death toll from a fire that gutted ... was revised to 38"
            continue
        role, bound = _role_from_cues(text, cand, cues, cue_starts, sentence, blockers)
        if cand.population_noun and not bound:
            role = "population"  # "the city's 5,000 residents", not "5,000 residents fled"
        if not role and cand.total_of is not None and cands[cand.total_of].role == "intercepted":
            role = "launched"  # "shot down 21 of 49 drones": the 49 were launched
        if role == "damaged" and _PROJECTILES.search(cand.noun):
            role = "intercepted"  # "destroyed 20 drones" (in the air)
        cand.role = _fit_noun(role, cand.noun) or "other_count"
    _share_partitive_roles(cands)


def _changed_toll(
    text: str, cand: _Candidate, cues: list[_Cue], cue_starts: list[int], sentence: tuple[int, int]
) -> str:
    """The role of a toll's new figure: "the toll rose to 31", "was revised down to 38".

    The number after a verb of change counts what the clause's subject counts, so the
    first toll noun of the sentence ("the death toll", "the number of injured") decides,
    not a nearer cue inside a relative clause ("a fire that gutted a building").
    """
    bare = cand.before.bare
    if (
        not bare
        or bare[-1] not in ("to", "from")
        or not any(word in _CHANGE_WORDS for word in bare[-5:-1])
    ):
        return ""
    lo = bisect.bisect_left(cue_starts, sentence[0])
    for cue in cues[lo:]:
        if cue.end > cand.start:
            break
        if " ".join(text[cue.start : cue.end].lower().split()) in _TOLL_NOUNS:
            return cue.role
    return ""


def _fit_noun(role: str, noun: str) -> str:
    """The role a cue gives, as far as the counted noun can take it.

    Places, happenings and objects are not casualties: "taken to 7 hospitals", "in 12
    districts", "killed in 30 attacks", "four grenades were recovered" count other things.
    Buildings and vehicles cannot die or go missing: "40 houses were buried" were damaged;
    people are not damaged, launched or shot down.
    """
    if role not in EVENT_ROLES or not noun:
        return role
    head = noun.rsplit(None, 1)[-1].lower()
    if head in _NOT_CASUALTY_NOUNS:
        return "other_count"
    if head in _SETTLEMENT_NOUNS and role in _HARM_ROLES:
        return "other_count"  # "killed in 5 villages"; "flattened", "evacuated 5 villages" stay
    if head in _STRUCTURE_NOUNS and role in ("killed", "injured", "missing"):
        return "damaged"
    if head in _STRUCTURE_NOUNS and role == "arrested":
        return "other_count"  # "arrested 14 people and seized 3 vehicles"
    if head in _PEOPLE_NOUNS and role in ("damaged", "launched", "intercepted"):
        return "other_count"  # "a ferry carrying 110 passengers capsized": the ferry did
    return role


def _share_partitive_roles(cands: list[_Candidate]) -> None:
    """ "6 out of 9 missiles launched were destroyed": the clause's verb acts on the part.

    The part (6) takes the role the total's clause gives when it has none of its own, and a
    total whose part was intercepted counts what was launched.
    """
    for cand in cands:
        if cand.total_of is None:
            continue
        part = cands[cand.total_of]
        if part.locked:
            continue
        if part.role == "other_count" and cand.role in EVENT_ROLES:
            part.role = cand.role
        if part.role == "intercepted" and cand.role in ("intercepted", "damaged", "other_count"):
            cand.role = "launched"


def _population_phrase(bare: list[str]) -> bool:
    """ "a city of about 340,000 people", "population of 5,000", "home to 2 million"."""
    if len(bare) < 2:
        return False
    return (bare[-1] == "of" and bare[-2] in _POPULATION_HEADS) or (bare[-2], bare[-1]) in (
        ("home", "to"),
        ("populated", "by"),
    )


def _details_another(text: str, cand: _Candidate) -> bool:
    """ "including 23", "among them 6", "16 of them": a number that details the one before."""
    bare = cand.before.bare
    if bare and (bare[-1] == "including" or bare[-2:] == ["among", "them"]):
        return True
    return not cand.noun and bool(_OF_THEM.match(text, cand.end))


def _including_head(
    text: str, cands: list[_Candidate], index: int, sentence: tuple[int, int]
) -> _Candidate | None:
    """ "killing 40 people, including 23 in Kyiv": the 23 shares the role of the 40.

    "N of them" refers to the count right before it ("41 survivors, nine of them in
    hospital"), so only that one may lend its role.
    """
    cand = cands[index]
    if not _details_another(text, cand):
        return None
    of_them = not cand.before.bare or cand.before.bare[-1] != "including"
    of_them = of_them and cand.before.bare[-2:] != ["among", "them"]
    for prev in reversed(cands[:index]):
        if prev.start < sentence[0]:
            return None
        if prev.role in EVENT_ROLES:
            return prev
        if of_them:
            return None
    return None


def _role_from_cues(
    text: str,
    cand: _Candidate,
    cues: list[_Cue],
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
    for cue in cues[lo:hi]:
        key = _cue_key(text, cand, cue, blockers)
        if key is not None and (best is None or key < best):
            best = key
    if best is None:
        return "", False
    weak, distance, after, role = best
    return role, not weak and distance <= (2 if after else 0)


def _cue_key(
    text: str, cand: _Candidate, cue: _Cue, blockers: list[int]
) -> tuple[int, int, int, str] | None:
    """Sort key (weak, distance in words, after, role) of one cue for one number, or None."""
    if cue.end <= cand.start:
        if cand.total_of is not None:
            return None  # the verb before "21 of 49" acts on the 21
        distance = text.count(" ", cue.end, cand.start)
        if distance > _MAX_BEFORE_WORDS or ";" in text[cue.end : cand.start]:
            return None
        governs = bool(_GOVERNED_GAP.fullmatch(text, cue.end, cand.start))
        if cue.predicate and not governs:
            return None  # "12 are missing and 3,000 have been evacuated"
        if (
            not governs
            and not cand.noun
            and cand.before.bare
            and _in_place_phrase(cand.before.bare)
        ):
            return None  # "overturned in the 2": a bare number after a preposition of place
        if not governs and _CLAUSE_BREAK.search(text, cue.end, cand.start):
            # "12 people died and 40 were injured": a cue of the same clause, after the
            # number, is nearer in the sentence's structure than one across "and"; so is a
            # bare participle ("23 confirmed dead and 41,000 others displaced"), unless the
            # cue is a verb whose objects are coordinated ("intercepted 8 ... and 5 fired").
            distance += _MAX_AFTER_WORDS
            if not cue.has_object:
                return (1, distance, 0, cue.role)
        return (int(cue.weak and not governs), 0 if governs else distance, 0, cue.role)
    if cue.start >= cand.noun_end and not cue.has_object and not cue.own_subject:
        distance = text.count(" ", cand.noun_end, cue.start)
        if distance > _MAX_AFTER_WORDS or ";" in text[cand.noun_end : cue.start]:
            return None
        i = bisect.bisect_right(blockers, cand.start)
        if (
            i < len(blockers)
            and blockers[i] < cue.start
            and not _COORDINATION.fullmatch(text, cand.noun_end, blockers[i])
        ):
            return None  # another number stands between: the cue is its own
        return (int(cue.weak), distance, 1, cue.role)
    return None  # inside the phrase, or a verb with its own object ("and injured 500 others")


def _in_place_phrase(bare: list[str]) -> bool:
    """The number is in a phrase of place: "in the 3", "across 4" (not "at": "toll stands at 22")."""
    last = (
        bare[-2] if bare[-1] in ("the", "a", "an", "its", "their") and len(bare) > 1 else bare[-1]
    )
    return last in _PLACE_PREPOSITIONS


_PLACE_PREPOSITIONS = frozenset({"in", "on", "near", "into", "inside", "across"})


def _nominal_cue(text: str, cand: _Candidate, cues: list[_Cue], cue_starts: list[int]) -> str:
    """ "left 9 dead and 17 wounded": a cue word standing as the noun of a bare number."""
    i = bisect.bisect_left(cue_starts, cand.noun_end)
    if i == len(cues) or cand.noun or text[cand.noun_end : cues[i].start].strip():
        return ""
    if not _NOMINAL_END.match(text, cues[i].end):
        return ""
    cand.noun = "people"
    return cues[i].role


def _cue_inside(cues: list[_Cue], cue_starts: list[int], cand: _Candidate) -> str:
    """A cue word between the number and its noun: "53 damaged cars"."""
    i = bisect.bisect_left(cue_starts, cand.end)
    if i < len(cues) and cues[i].end <= cand.noun_end:
        return cues[i].role
    return ""


def _borrow_elided_projectiles(
    text: str, cands: list[_Candidate], sentences: list[tuple[int, int]]
) -> None:
    """ "Russia launched 30 drones. Twelve were downed": the subject's noun is elided.

    A bare number that is the subject of a clause ("Twelve were ...") counts the weapons of
    the count before it, in its sentence or the one before, so "Twelve were destroyed"
    reads as intercepted drones, not damaged buildings.
    """
    for index, cand in enumerate(cands):
        if cand.noun or cand.locked or not _SUBJECT_VERB.match(text, cand.end):
            continue
        i = bisect.bisect_right(sentences, (cand.start, 1 << 62)) - 1
        first = sentences[max(i - 1, 0)][0]
        for prev in reversed(cands[:index]):
            if prev.start < first:
                break
            if prev.noun and _PROJECTILES.search(prev.noun):
                cand.noun = prev.noun
                break


def _borrow_missing_nouns(cands: list[_Candidate], sentences: list[tuple[int, int]]) -> None:
    """ "two seriously", "injured over 100": borrow the noun of the previous count in the sentence."""
    for index, cand in enumerate(cands):
        if cand.noun or cand.role not in PEOPLE_ROLES:
            continue
        first = _sentence_of(sentences, cand.start)[0]
        for prev in reversed(cands[:index]):
            if prev.start < first:
                break
            if prev.noun and prev.role in PEOPLE_ROLES:
                cand.noun = prev.noun
                break


# =============================================================================== zero tolls


@dataclass(frozen=True, slots=True)
class _Zero:
    start: int  # the whole negated clause, whose cue words no other number may take
    end: int
    span: tuple[int, int]  # the negating phrase the mention spans ("no one", "no deaths")
    roles: tuple[str, ...]


_ZERO_VERB_ROLE = {
    "killed": "killed",
    "died": "killed",
    "dead": "killed",
    "hurt": "injured",
    "injured": "injured",
    "wounded": "injured",
    "harmed": "injured",
    "arrested": "arrested",
    "detained": "arrested",
    "missing": "missing",
}
_ZERO_NOUN_ROLES = {
    "death": ("killed",),
    "deaths": ("killed",),
    "dead": ("killed",),
    "fatalities": ("killed",),
    "casualties": ("killed", "injured"),
    "injuries": ("injured",),
    "injured": ("injured",),
    "arrests": ("arrested",),
}
_ZERO_VERB = r"(?:killed|died|dead|hurt|injured|wounded|harmed|arrested|detained|missing)"
# What stands before a toll word that says there was none: "No one was (killed or) hurt",
# "nobody died", "none of the crew were injured"; "no deaths", "without any casualties",
# "no immediate reports of injuries". Searched backwards from each toll word (the lexer
# has found them already), so the cost is per toll word, not per character.
_ZERO_SUBJECT_BEFORE = lazy_compile(
    r"\b(?P<subject>no\s+one(?:\s+else)?|nobody(?:\s+else)?"
    r"|none(?:\s+of\s+(?:the|them|those|its|their)(?:\s+[a-z]+){0,2})?)"
    r"\s+(?:(?:was|were|is|are|has|have|had)\s+)?(?:(?:been|being|reported|believed)\s+)?"
    r"(?:(?:seriously|critically|badly|fatally)\s+)?"
    rf"(?:{_ZERO_VERB}\s+(?:or|and|nor)\s+)?$",
    re.IGNORECASE,
)
_ZERO_NOUN_BEFORE = lazy_compile(
    r"\b(?:no|without(?:\s+any)?)\s+(?:(?:immediate|reported|serious|major|known|further"
    r"|other|confirmed)\s+)?(?:reports?\s+of\s+(?:any\s+)?)?$",
    re.IGNORECASE,
)
_ZERO_WINDOW = 80  # characters before a toll word: "none of the three occupants were "
_ZERO_RARE_WORDS = ("casualties", "harmed")  # toll words that are no role cues


def _find_zero_tolls(text: str, cue_spans: list[tuple[int, int]], body_start: int) -> list[_Zero]:
    """Negated tolls in the body: each is a mention of 0 with the role its word gives."""
    words = [
        span for span in cue_spans if _normalized_token(text[span[0] : span[1]]) in _ZERO_WORDS
    ]
    for word in _ZERO_RARE_WORDS:
        at = text.find(word, body_start)
        while at >= 0:
            words.append((at, at + len(word)))
            at = text.find(word, at + 1)
    found: dict[tuple[int, int], _Zero] = {}
    for start, end in sorted(words):
        lo = max(body_start, start - _ZERO_WINDOW)
        window = text[lo:start]
        if "no" not in window and "No" not in window and "ithout" not in window:
            continue  # no negation near: the common case, decided without a regex
        word = text[start:end].lower()
        match = _ZERO_SUBJECT_BEFORE.search(text, lo, start) if word in _ZERO_VERB_ROLE else None
        if match is not None:
            subject = match.group("subject")
            # "no one", "nobody"; "none (of the crew)" spans the pronoun alone
            at = match.start()
            span = (at, at + 4) if subject[:4].lower() == "none" else (at, match.end("subject"))
            roles: tuple[str, ...] = (_ZERO_VERB_ROLE[word],)
        elif word in _ZERO_NOUN_ROLES and (match := _ZERO_NOUN_BEFORE.search(text, lo, start)):
            span, roles = (match.start(), end), _ZERO_NOUN_ROLES[word]
        else:
            continue
        same = found.get(span)  # "nobody was killed or injured": one phrase, two roles
        if same is not None:
            roles = tuple(dict.fromkeys(same.roles + roles))
        found[span] = _Zero(match.start(), end, span, roles)
    return list(found.values())


_ZERO_WORDS = frozenset(_ZERO_VERB_ROLE) | frozenset(_ZERO_NOUN_ROLES)


def _with_zero_tolls(
    text: str,
    mentions: list[NumberMention],
    zeros: list[_Zero],
    sentences: list[tuple[int, int]],
    cache: dict[int, str],
) -> list[NumberMention]:
    """``mentions`` with one mention of 0 per role of each negated toll, sorted by start."""
    extra = []
    for zero in zeros:
        start, end = zero.span
        if any(m.start < end and start < m.end for m in mentions):
            continue
        lo, hi = _sentence_of(sentences, start)
        sentence = cache.get(lo)
        if sentence is None:
            sentence = cache[lo] = " ".join(text[lo:hi].split())
        for role in zero.roles:
            extra.append(
                NumberMention(
                    0.0,
                    None,
                    text[start:end],
                    start,
                    end,
                    "exact",
                    "people",
                    cast(Role, role),
                    sentence,
                    negated=True,
                )
            )
    return sorted(mentions + extra, key=lambda m: m.start)


# =============================================================================== output


def _sentence_bounds(body_start: int, ends: list[int], size: int) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets from the lexer's sentence ends (leading spaces included)."""
    bounds: list[tuple[int, int]] = []
    start = body_start
    for end in ends:
        if end > start:
            bounds.append((start, end))
            start = end
    bounds.append((start, size))
    return bounds


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The article body's sentences as (start, end) offsets, split exactly as the extractor
    splits them (abbreviations and initials kept whole); the project's one sentence splitter."""
    dateline = parse_dateline(text)
    body_start = dateline.end if dateline else 0
    return _sentence_bounds(body_start, _sentence_ends(text, body_start), len(text))


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(sentences, (pos, 1 << 62)) - 1
    return sentences[max(i, 0)]


def _to_mention(
    text: str, cand: _Candidate, sentences: list[tuple[int, int]], cache: dict[int, str]
) -> NumberMention:
    lo, hi = _sentence_of(sentences, cand.start)
    sentence = cache.get(lo)
    if sentence is None:
        sentence = cache[lo] = " ".join(text[lo:hi].split())
    return NumberMention(  # positional: measurably faster for a frozen dataclass
        cand.value,
        cand.high,
        text[cand.start : cand.end],
        cand.start,
        cand.end,
        cast(MentionQualifier, cand.qualifier),
        cand.noun,
        cast(Role, cand.role or "other_count"),
        sentence,
    )
