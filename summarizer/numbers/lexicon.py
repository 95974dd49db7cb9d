"""The extractor's word tables: qualifiers, currencies, units, cue words, nouns (data only).

Each table is a set or mapping of lower-case words (phrases single-spaced) that the rules
of the passes consult, kept apart from the rules so the word lists can be read and
extended in one place. Month and weekday names come from :mod:`summarizer.text.dates`,
their one home.
"""

from __future__ import annotations

import re

from summarizer.text.dates import MONTH_NUMBERS, WEEKDAYS

__all__ = [
    "ATTACHED_DISTANCE",
    "AUXILIARIES",
    "CHANGE_WORDS",
    "COPULAS",
    "CUE_NOUNS",
    "CUE_ROLE",
    "CURRENCY_CODES",
    "CURRENCY_PREFIXES",
    "CURRENCY_SIGNS",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORD_CODE",
    "DESIGNATOR_WORDS",
    "DISTANCE_WORDS",
    "DOLLAR_PREFIXES",
    "DURATION_WORDS",
    "GLUED_CURRENCY",
    "GLUED_CURRENCY_HEADS",
    "HARM_ROLES",
    "HEADLINE_VERBS",
    "HOUSEHOLD_NOUNS",
    "ISO_CURRENCY_CODES",
    "KIN_NOUNS",
    "LEGAL_PARTS",
    "LEGISLATION_WORDS",
    "LOCATION_PREPOSITIONS",
    "LOWER_DESIGNATOR_PREFIXES",
    "MATTER_NOUNS",
    "MONEY_SHAPED_ONLY",
    "MONTH_WORDS",
    "NATIONAL_CURRENCY",
    "NOT_CASUALTY_NOUNS",
    "NOT_DESIGNATORS",
    "NOUN_SKIP_LEAD",
    "NOUN_STOP",
    "OCCASION_PLURALS",
    "ONE_IDIOMS",
    "PEOPLE_NOUNS",
    "PERIOD_NOUNS",
    "PERSON_WORDS",
    "POPULATION_HEADS",
    "POPULATION_NOUNS",
    "POST_QUALIFIER_VALUE",
    "PRE_QUALIFIERS",
    "PRONOUNS",
    "PRONOUN_ONE_BEFORE",
    "QUAL_MAX_WORDS",
    "RESULT_WORDS",
    "SETTLEMENT_NOUNS",
    "SHARED_CURRENCY_WRITINGS",
    "STRUCTURE_NOUNS",
    "SUBJECT_WORDS",
    "TAKES_LIVES",
    "TOLL_NOUNS",
    "TRANSITIVE_PARTICIPLES",
    "WEEKDAY_WORDS",
    "YEAR_PREPOSITIONS",
    "is_area",
    "measure_role",
    "word_set",
]


def word_set(spaced: str) -> frozenset[str]:
    """A word set written as one space-separated string (long lists stay readable)."""
    return frozenset(spaced.split())


MONTH_WORDS = frozenset(MONTH_NUMBERS)  # "january", "jan", "sept"...
WEEKDAY_WORDS = frozenset(WEEKDAYS)

PRE_QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): qualifier
    for qualifier, phrases in {
        "at_least": "at least|no fewer than|no less than|not less than|a minimum of"
        "|more than or equal to|greater than or equal to|equal to or more than"
        "|equal to or greater than",
        "more_than": "more than|over|in excess of|upwards of|above|exceeding|just over|well over"
        "|greater than|exceeds|exceeded|exceed|surpasses|surpassed|surpass|surpassing|topped"
        "|crossed the|passed the|breached the",  # "crossed the Sh1 trillion mark"
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
QUAL_MAX_WORDS = max(len(k) for k in PRE_QUALIFIERS)
# The qualifier a word after the number gives: "5 or more", "50-odd", "100+".
POST_QUALIFIER_VALUE = {
    "+": "at_least",
    "plus": "at_least",
    "more": "at_least",
    "so": "approximately",
    "fewer": "at_most",
    "less": "at_most",
    "odd": "approximately",
}

CURRENCY_SYMBOLS = {
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
    "₱": "PHP",
    "₩": "KRW",
    "₫": "VND",
    "₺": "TRY",
    "฿": "THB",
}
# The currency signs of one character, for the lexer's and the tokenizers' character classes.
CURRENCY_SIGNS = "".join(sign for sign in CURRENCY_SYMBOLS if len(sign) == 1)
CURRENCY_CODES = {
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
    "sh.": "KES",  # the abbreviation's dot: "Sh.20,000", "Ksh.3 million", "Tk.50,000"
    "ksh.": "KES",
    "kshs.": "KES",
    "ugx": "UGX",
    "shs": "UGX",  # the shilling as Ugandan papers write it: "Shs 200 million", "Shs5bn"
    "shs.": "UGX",
    "ushs": "UGX",
    "tzs": "TZS",
    "tsh": "TZS",
    "tshs": "TZS",
    "egp": "EGP",
    "ghs": "GHS",
    "gh¢": "GHS",  # the cedi as Ghanaian papers write it: "GH¢10,000", "GH¢2.5 million"
    "gh₵": "GHS",
    "pkr": "PKR",
    "bdt": "BDT",
    "tk": "BDT",  # the taka as Bangladeshi papers write it: "Tk 500 crore"
    "tk.": "BDT",
    "idr": "IDR",
    "rp": "IDR",  # the rupiah as Indonesian papers write it: "Rp1.5 billion", "Rp 200,000"
    "rm": "MYR",  # the ringgit: "RM 10,000"
    "dhs": "AED",
}
# ISO 4217 codes written in capitals before a sum ("AED 2 million", "SEK 40bn"). Only in
# capitals, and not the codes that are English words in a capitalised headline ("ALL",
# "TOP", "TRY", "CUP", "MOP", "SOS", "MAD", "PEN", "BOB").
ISO_CURRENCY_CODES = word_set(
    "AED AFN AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BRL BSD BTN "
    "BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD "
    "GBP GEL GHS GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS "
    "KHR KMF KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MDL MGA MKD MMK MNT MRU MUR MVR "
    "MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PGK PHP PKR PLN PYG QAR RON RSD RUB "
    "RWF SAR SBD SCR SDG SEK SGD SLE SRD SSP SYP SZL THB TJS TMT TND TTD TWD TZS "
    "UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL"
)
# Currency letters written against the digits ("R2.5 million", "Sh300,000", "Rs500"); "R"
# alone is the rand, but only glued: a spaced "R 5" is too often something else.
GLUED_CURRENCY = {
    "r": "ZAR",
    "rs": "INR",
    "sh": "KES",
    "ksh": "KES",
    "kshs": "KES",
    "shs": "UGX",
    "ushs": "UGX",
    "tsh": "TZS",
    "tshs": "TZS",
    "n": "NGN",  # the naira as Nigerian papers write it: "N486.2 million", "N5bn"
    "k": "ZMW",  # the kwacha: "K30 million"
    "p": "PHP",  # the Philippine peso: "P1.2 billion"
    "tk": "BDT",  # the taka: "Tk500 crore"
    "rp": "IDR",  # the rupiah: "Rp1.5 billion"
    "rm": "MYR",  # the ringgit: "RM10,000"
    "dh": "AED",  # the dirham as Gulf papers write it: "Dh500", "Dhs2 million"
    "dhs": "AED",
    "qr": "QAR",  # the Qatari riyal: "QR10,000"
    "kd": "KWD",  # the Kuwaiti dinar: "KD5,000"
    "bd": "BHD",  # the Bahraini dinar: "BD2,000"
}
# The letters looked for against digits, and those that need a money-shaped number after.
GLUED_CURRENCY_HEADS = (
    *("R", "Sh", "Shs", "USh", "UShs", "TSh", "TShs", "KSh", "Ksh", "KShs"),
    *("N", "K", "P", "Tk", "Rp", "$A", "GH¢", "GH₵", "RM", "Dh", "QR", "KD", "BD"),
    "sh",  # lower case as Ugandan papers print it: "sh5m", "shs2bn"
)
MONEY_SHAPED_ONLY = frozenset({"N", "K", "P", "RM", "Dh", "QR", "KD", "BD", "sh"})
# Letters that say whose dollar "$" is, before it ("A$", "NZ$", "US$") or after it ("$A").
DOLLAR_PREFIXES = {
    "us": "USD",
    "u.s": "USD",
    "u.s.": "USD",
    "a": "AUD",
    "au": "AUD",
    "aus": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "can": "CAD",
    "nz": "NZD",
    "hk": "HKD",
    "s": "SGD",
    "sg": "SGD",
    "r": "BRL",
}
CURRENCY_PREFIXES = frozenset(DOLLAR_PREFIXES)
CURRENCY_WORD_CODE = {
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
    "won": "KRW",
    "peso": "pesos",  # Mexico's, the Philippines', Argentina's...: shared
    "rial": "rials",
    "dirham": "dirhams",
    "afghani": "AFN",
    "dong": "VND",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "lei": "RON",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "kroner",
    "kroner": "kroner",
    "rupiah": "IDR",
    "reais": "BRL",
    "tenge": "KZT",
    "kyat": "MMK",
    "riel": "KHR",
    "leone": "SLE",
    "dalasi": "GMD",
    "pula": "BWP",
    "kina": "PGK",
    "bitcoin": "BTC",  # ransoms are demanded in it: "demanding 45 bitcoin"
}
# Writings of money several nations' currencies share, which the tables above read as one
# of them for want of better: "$" is any dollar, "¥" the yen or the yuan, "Rs" any rupee,
# "Sh" and "shillings" any East African shilling, "K" and "kwacha" Zambia's or Malawi's,
# "P" the Philippine peso or Botswana's pula, "pounds" Britain's or Egypt's. Such a writing
# says which currency a sum is in only as a guess, so it says nothing of the country.
SHARED_CURRENCY_WRITINGS = frozenset(
    {"$", "¥", "rs", "rs.", "sh", "shs", "k", "p", "dollar", "pound", "rupee", "shilling", "franc"}
    | {"kwacha", "rouble", "ruble", "dinar", "riyal", "lira", "peso", "rial", "dirham", "krone"}
)
# Nouns a sum can name as a matter ("over a $2bn deal", "jailed over N486m fraud"): after
# "over", the sum says what the matter is about, not a lower bound.
MATTER_NOUNS = word_set(
    "fraud frauds scam scams theft thefts heist bribe bribes bribery embezzlement laundering "
    "debt debts loan loans deal deals contract contracts lawsuit suit settlement dispute row "
    "scandal payout payouts tender tenders"
)
# A nationality before the currency word names another currency: "Canadian dollars" is CAD.
NATIONAL_CURRENCY = {
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
    ("mexican", "peso"): "MXN",
    ("philippine", "peso"): "PHP",
    ("argentine", "peso"): "ARS",
    ("chilean", "peso"): "CLP",
    ("colombian", "peso"): "COP",
    ("fijian", "dollar"): "FJD",
    ("moroccan", "dirham"): "MAD",
    ("emirati", "dirham"): "AED",
    ("iranian", "rial"): "IRR",
    ("omani", "rial"): "OMR",
    ("saudi", "riyal"): "SAR",
    ("qatari", "riyal"): "QAR",
    ("norwegian", "krone"): "NOK",
    ("danish", "krone"): "DKK",
}

DURATION_WORDS = word_set(
    "second seconds sec secs minute minutes min mins hour hours hr hrs day days night nights week "
    "weeks month months year years yr yrs decade decades century centuries fortnight"
)
DISTANCE_WORDS = word_set(
    "mile miles km kilometre kilometres kilometer kilometers metre metres meter meters foot feet ft "
    "yard yards acre acres hectare hectares furlong furlongs length lengths"
)
# Units of area and of speed: measures, but not lengths ("12,000 hectares", "120 km/h" are
# neither distances nor casualties: other_count, the unit as the noun).
_AREA_OR_SPEED = re.compile(
    r"(?i)\b(?:hectares?|ha|acres?|sq|square|km2|km²|mph|kph|kmph|knots?)\b|km²|/h\b|per\s+hour"
    r"|an\s+hour"
)
_SPEED = re.compile(r"(?i)\b(?:mph|kph|kmph|knots?)\b|/h\b|per\s+hour|an\s+hour")


def measure_role(unit: str) -> str:
    """The role of a number measured in ``unit``: distance for a length; an area or a speed
    is other_count ("31,400 hectares", "winds of 120 km/h")."""
    return "other_count" if _AREA_OR_SPEED.search(unit) else "distance"


def is_area(unit: str) -> bool:
    """Whether ``unit`` measures an area ("hectares", "sq km", "acres")."""
    return bool(_AREA_OR_SPEED.search(unit)) and not _SPEED.search(unit)


ATTACHED_DISTANCE = frozenset({"km", "mi", "ft", "cm", "mm", "km2", "km²", "sq"})
ONE_IDIOMS = frozenset({"off", "sided", "way", "time", "on", "liner", "liners", "stop", "man"})

# A capitalised word right before a number names a model or a document ("Xbox 360",
# "Resolution 2231") unless it is one of these: function and qualifier words, months, weekdays.
NOT_DESIGNATORS = (
    word_set(
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
    | MONTH_WORDS
    | WEEKDAY_WORDS
    | {word for phrase in PRE_QUALIFIERS for word in phrase}
)
# Lower-case words that name a numbered thing: "resolution 2231", "flight 370", "No. 10".
DESIGNATOR_WORDS = word_set(
    "boeing resolution article section chapter clause paragraph flight route highway interstate bus "
    "platform gate room number no no. model version level phase category grade page exhibit item "
    "unit track episode season series vol volume amendment rule stage lot block apartment apt "
    "suite box code channel lane line pier terminal verse psalm row seat sector zone"
)
# The parts of a law cited by number ("Section 4 of the Act", "Article 370", "sections 302
# and 34"): a reference the article states, kept as a mention (other_count, noun the part's
# name) that no cue word turns into a toll; singular and plural, as a list has it.
LEGAL_PARTS = {
    word: word.removesuffix("s")
    for word in word_set(
        "section sections subsection subsections article articles clause clauses paragraph "
        "paragraphs chapter chapters schedule schedules"
    )
}
# The name of a law its year follows ("the Criminal Justice Act 1984"): the year is a year.
LEGISLATION_WORDS = word_set("act acts ordinance ordinances code regulations rules order bill")
# Words of a match result before a score ("beat Corrib United 3-1", "drew 2-2", "a 1-0
# win"): the score is two numbers, never a range, and a team's name is no model name.
RESULT_WORDS = word_set(
    "beat beats beaten beating won win wins winning lost lose loses losing drew draw draws "
    "drawn defeated defeat defeats thrashed edged routed downed trounced hammered crushed led "
    "lead leads leading trailed trail trailing victory scoreline score"
)
# Plural nouns of an occasion a year can name ("the 2022 polls", "the 1998 floods"): after
# a determiner, the four digits before them are its year, not a count.
OCCASION_PLURALS = word_set(
    "polls elections primaries games olympics paralympics championships finals floods riots "
    "protests talks accords hearings census surveys budgets midterms"
)
LOWER_DESIGNATOR_PREFIXES = frozenset({"covid", "sars", "mers"})  # "covid-19"
LOCATION_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "across", "to", "on", "outside", "inside", "around"}
)
PRONOUN_ONE_BEFORE = frozenset(
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

YEAR_PREPOSITIONS = (
    word_set(
        "in of since until till by from through to during before after early late mid year summer "
        "winter spring autumn fall and between circa around"
    )
    | MONTH_WORDS
)
# Words before "N to M" that make it a change ("rose from 29 to 31"), not a range.
CHANGE_WORDS = word_set(
    "rose fell increased decreased climbed dropped jumped grew up down raised cut lowered revised "
    "surged slumped plunged soared rising falling increasing growing slid sank gained lost "
    "declined raises raised raise raising lifted lifts brought brings pushed pushes revised "
    "updated upgraded downgraded changed bring bringing"
)
# Verbs of headlines and reports that a number follows ("Storm Leaves 40 Dead", "Toll Hits
# 30", "Police Arrest 12"): capitalised, they still name nothing the number identifies.
HEADLINE_VERBS = word_set(
    "leaves leave left hits hit tops top reaches reach passes pass nears near kills kill "
    "injures injure wounds wound arrest arrests detain detains evacuate evacuates displaces "
    "claims claim sees see expects expect says say reports report confirms confirm "
    "needs need wins win beats beat scores score takes take sets set"
)
# Nouns of a period: "over three trading sessions" means during them, not more than three.
PERIOD_NOUNS = word_set(
    "sessions session rounds round quarters seasons games matches innings terms weekends days "
    "years months weeks hours nights"
)
POPULATION_HEADS = word_set(
    "city town village country nation region province state district community island "
    "municipality capital metropolis suburb county population archipelago continent kingdom "
    "republic emirate"
)
# Counted nouns that no event role fits (see ``roles._fit_noun``), singular and plural.
NOT_CASUALTY_NOUNS = word_set(
    "hospital hospitals clinic clinics district districts province provinces state states "
    "county counties region regions area areas municipality municipalities constituency "
    "constituencies ward wards camp camps site sites location locations country countries "
    "attack attacks incident incidents clash clashes accident accidents operation operations "
    "raid raids ambush ambushes shooting shootings bombing bombings ambulance ambulances "
    "grenade grenades weapon weapons rifle rifles gun guns pistol pistols firearm firearms "
    "shelter shelters kitchen kitchens centre centres center centers "
    "case cases infection infections round rounds bullet bullets cartridge cartridges explosives tonne tonnes ton tons kilogram "
    "kilograms kg litre litres liter liters gallon gallons "
    "collision collisions crash crashes fire fires blaze blazes explosion explosions blast blasts "
    "call calls call-outs callouts "
    # services and sittings are cancelled, not killed or displaced: "22 flights were cancelled"
    "flight flights train trains service services sailing sailings appointment appointments "
    "procedure procedures match matches fixture fixtures "
    # animals and bodies of people are no casualties of the people counted
    "sheep goat goats cattle cow cows livestock animal animals camel camels donkey donkeys "
    "horse horses pig pigs chicken chickens poultry bird birds dog dogs buffalo buffaloes oxen "
    "head association associations organisation organisations organization organizations "
    "union unions company companies firm firms"
)
PEOPLE_NOUNS = word_set(
    "people persons person passengers passenger residents civilians children adults women men "
    "soldiers troops workers students pupils villagers pilgrims migrants tourists fans "
    "spectators protesters others crew occupants patients "
    # more nouns of people, so that no verb of damage or launch is read onto them
    "pedestrians motorists commuters shoppers worshippers devotees miners labourers laborers "
    "farmers fishermen officers policemen firefighters rescuers militants insurgents fighters "
    "suspects victims hostages prisoners inmates detainees refugees teenagers youths boys "
    "girls infants babies relatives employees staff guests visitors voters supporters "
    "activists journalists doctors nurses teachers players athletes individuals "
    "attackers assailants gunmen bandits terrorists raiders kidnappers rebels "
    "jihadists combatants members nationals foreigners citizens"
)
# Kin, who can be lost: "lost her two daughters", "lost three relatives".
KIN_NOUNS = word_set(
    "sons daughters children brothers sisters siblings relatives parents grandchildren "
    "grandsons granddaughters cousins nephews nieces uncles aunts kin"
)
# People counted by their homes: "140 families", "2,000 households".
HOUSEHOLD_NOUNS = word_set("families households")
# Nouns that name a toll and can be the subject of a verb of change ("the toll rose to").
TOLL_NOUNS = frozenset(
    {"toll", "death toll", "death total", "death count", "deaths", "dead", "fatalities"}
    | {"killings", "murders", "homicides"}
    | {"injuries", "injured", "wounded", "missing", "evacuees", "displaced", "arrests"}
)
HARM_ROLES = frozenset({"killed", "injured", "missing", "arrested"})
SETTLEMENT_NOUNS = word_set(
    "village villages town towns city cities community communities neighbourhood neighbourhoods "
    "neighborhood neighborhoods settlement settlements resort resorts hamlet hamlets suburb "
    "suburbs"
)
STRUCTURE_NOUNS = word_set(
    "home homes house houses building buildings structure structures dwelling dwellings "
    "apartment apartments flat flats shop shops school schools car cars vehicle vehicles "
    "truck trucks bus buses carriage carriages coach coaches wagon wagons boat boats ship ships "
    "property properties bridge bridges cottage cottages hut huts shack shacks cabin cabins "
    "warehouse warehouses factory factories church churches mosque mosques temple temples "
    "classroom classrooms van vans lorry lorries minibus minibuses train trains tram trams "
    "block blocks tower towers hospital hospitals office offices store stores stall stalls "
    "kiosk kiosks garage garages barn barns shed sheds roof roofs window windows premises "
    "dwelling-houses residences homesteads outlets plants substations taxi taxis jeep jeeps "
    "motorcycle motorcycles motorbike motorbikes suv suvs pickup pickups tractor tractors"
)
# Singular nouns of a person, whose age may follow in commas ("a worker, 23, died").
PERSON_WORDS = word_set(
    "man woman boy girl child teenager worker driver pilot passenger resident victim suspect "
    "director officer soldier student pupil farmer father mother son daughter husband wife "
    "friend nurse doctor teacher player fan pensioner grandmother grandfather"
)
POPULATION_NOUNS = frozenset({"residents", "inhabitants", "population", "citizens", "dwellers"})
# Words that end a counted noun ("26 people were ..."), or are never one.
NOUN_STOP = (
    word_set(
        "the a an of in on at to from by for with and or but were was are is be been being have has "
        "had who which that this these those it its their his her as than since after before "
        "including according said says across into over under per while when where during more other "
        "additional another then there here also not now still yet so such each every all both "
        "either neither some any most many much few several out up down off about around between "
        "against among would will could should can may might must do does did just only even "
        "reportedly apparently allegedly currently already again later earlier ago overnight today "
        "yesterday tonight versus vs live lives remain remains stay stayed came went took face faces "
        "need needs within lost whom taken rushed admitted airlifted flown sent brought transferred "
        "referred shifted spent spend spending"
    )
    | MONTH_WORDS
    | WEEKDAY_WORDS
)
NOUN_SKIP_LEAD = frozenset(
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
    "martyred killings murders homicides "
    "death_count fatality fatalities fatally perished slain murdered massacred executed drowned "
    "lost_their_lives lives_lost lives_were_lost claimed_the_lives_of claimed_the_lives "
    "claimed_lives bodies corpses toll succumbed succumbing passed_away electrocuted "
    "burned_to_death burnt_to_death burned_alive burnt_alive charred_to_death "
    "burnt_beyond_recognition burned_beyond_recognition shot_dead shot_and_killed fatally_shot "
    "gunned_down "
    # "trampled to death by a wild elephant": any way of dying said "... to death"
    "trampled_to_death mauled_to_death crushed_to_death stabbed_to_death beaten_to_death "
    "hacked_to_death stoned_to_death bludgeoned_to_death clubbed_to_death gored_to_death "
    "shot_to_death starved_to_death frozen_to_death bled_to_death choked_to_death "
    "strangled_to_death lynched",
    "injured": "injured injuring injuries injury injure injures wounded wounding wounds hurt hospitalised "
    "hospitalized maimed taken_to_hospital taken_to_the_hospital taken_to_hospitals taken_to_nearby_hospitals rushed_to_hospital rushed_to_hospitals "
    "treated_for treated_at treated_in_hospital admitted_to_hospital in_hospital critical_condition "
    "in_intensive_care in_the_intensive_care_unit in_the_icu in_icu "
    "serious_condition suffered_burns sustained_burns serious_burns severe_burns minor_burns "
    "burn_injuries smoke_inhalation received_treatment needed_treatment required_treatment "
    "treated being_treated under_treatment receiving_treatment undergoing_treatment "
    # an illness or a poisoning harms as a wound does: "312 students fell ill", "sickened
    # nearly 1,600 people"; so does an assault on people: "assaulting two gardai"
    "fell_ill falling_ill fallen_ill taken_ill sickened sickening assaulted assaulting",
    "missing": "missing unaccounted_for disappeared trapped buried",
    "displaced": "displaced displacing displacement evacuated evacuate evacuees fled flee fleeing flees "
    "homeless refugees uprooted forced_from_their_homes forced_out_of_their_homes taken_refuge "
    "took_refuge sought_refuge seeking_refuge taken_shelter took_shelter sheltering "
    "from_their_homes evacuation_order evacuation_orders relocated relocating resettled "
    "relief_camp relief_camps shelters storm_shelters cyclone_shelters evacuation_centres "
    "evacuation_centers temporary_shelters evacuation_of sheltered",
    "arrested": "arrested arrest arrests arresting detained detaining detention detentions "
    "in_custody into_custody apprehended jailed imprisoned rounded_up nabbed recaptured "
    "rearrested re-arrested",
    "launched": "fired firing launched launching launches lobbed salvo salvos barrage barrages "
    "swarm swarms volley volleys",
    # "were struck by gunfire", "shells hit 12 houses", "14 vehicles were burnt", "31 homes
    # have been lost": damage to a building or vehicle; what a blow, a fire or a loss does
    # to anything else counts the noun decides (roles.py: _fit_noun): "three people were
    # burned" are not damaged, "lost 4,000 jobs" counts jobs
    "struck": "struck hit hitting striking struck_by hit_by rammed crashed_into smashed_into "
    "ploughed_into plowed_into burnt burned set_ablaze set_alight set_on_fire lost "
    "swallowed swallowing engulfed engulfing",
    # "three people were shot": a wound to people; what else is shot ("shot five times",
    # "shot 20 goals") the noun decides (roles.py: _fit_noun)
    "shot": "shot gunshot_wounds",
    "intercepted": "intercepted intercepting intercepts interception interceptions shot_down "
    "shooting_down downed neutralised neutralized brought_down repelled",
    "damaged": "damaged damage damaging destroyed destroying razed flattened collapsed collapse collapses collapsing ruined "
    "demolished torched burned_down burnt_down derailed overturned capsized gutted on_fire "
    "caught_fire washed_away swept_away submerged roofs_off roof_off unroofed",
    # Words that say the people or things counted came to no harm, or only were there: the
    # nearest of them keeps a casualty cue farther away from the number ("rescued 14 alive").
    "other_count": "alive rescued survived unharmed unhurt affected",
}
CUE_ROLE: dict[str, str] = {
    phrase.replace("_", " "): role
    for role, phrases in _CUE_PHRASES.items()
    for phrase in phrases.split()
}
CUE_NOUNS = frozenset(
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
TRANSITIVE_PARTICIPLES = word_set(
    "killed injured wounded hurt fired launched intercepted downed damaged destroyed arrested "
    "detained evacuated displaced razed flattened hospitalised hospitalized executed murdered "
    "slain neutralised neutralized jailed demolished torched"
) | {"shot down"}
COPULAS = word_set("is are was were been be being remain remains remained get got left")
SUBJECT_WORDS = word_set(
    "was were is are be been being have has had who which that it they he she we i you and or "
    "but not also then later reportedly allegedly to of in on at by with from as the a an after "
    "before when while would could should will may might must got get gets getting police forces "
    "troops army military now already just still since"
)
# Verbs that take lives as their object: "claimed 14 lives", "cost at least 30 lives".
TAKES_LIVES = word_set("claimed claiming claim claims cost costing costs took taking taken take")
# A pronoun, or a pronoun and auxiliaries, before a cue is its subject: "when it overturned".
PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
AUXILIARIES = word_set("was were is are had has have been being got")
