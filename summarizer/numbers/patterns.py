"""The extractor's regexes, compiled on first use (:mod:`summarizer.text.lazy_regex`).

All but :data:`LEX` are anchored: a pass matches them at one offset (``match(text, pos)``)
to read what stands right before or after a number or a cue word, so they cost per number,
not per character. They are grouped by the pass that reads them.
"""

from __future__ import annotations

import re

from summarizer.numbers import words as nw
from summarizer.numbers.lexicon import CUE_ROLE, CURRENCY_SIGNS, PERIOD_NOUNS
from summarizer.text.dates import MONTH_NUMBERS
from summarizer.text.lazy_regex import lazy_compile

__all__ = [
    "ADJUNCT_AFTER",
    "AFTER",
    "AGE_LIST_END",
    "AGE_LIST_GAP",
    "ALL_DIED",
    "AMONG_THE",
    "AMONG_THEM_LEAD",
    "AND_A_HALF",
    "APPOSITION_AFTER",
    "APPOSITION_HEAD",
    "AREA_OF_OBJECT",
    "ARTICLE_GAP",
    "ATTACHED_SUFFIX",
    "ATTACK_WITH",
    "BETWEEN_AND",
    "BRACKETED_COUNT_HEAD",
    "BRACKETED_TALLY",
    "BRACKET_HEAD",
    "CANDIDATE",
    "CLAUSE_BREAK",
    "CONVERSION_GAP",
    "COORDINATED_OBJECT",
    "COORDINATION",
    "CREWED_AIRCRAFT",
    "DESIGNATOR_TOKEN",
    "DIGITS",
    "DOLLAR_PREFIX",
    "GLUED_MONEY_SHAPE",
    "GOVERNED_GAP",
    "HMS",
    "HYPHEN_PREFIX",
    "HYPHEN_WORD",
    "LEX",
    "LEX_HEAD",
    "LIVES_AFTER",
    "LIVE_AFTER",
    "MAGNITUDE_AFTER",
    "MERIDIAN",
    "METRES_FOLLOW",
    "MINUS_IS_ARITHMETIC",
    "MOVED_TO_SHELTER",
    "NAMED_HOSPITAL",
    "NEUTRALISED",
    "NEW_SUBJECT_CLAUSE",
    "NEXT_WORD",
    "NOMINAL_END",
    "NOUN_RUN",
    "NUMBER_FOLLOWS",
    "NUMBER_OF_WHOM",
    "OBJECT_FOLLOWS",
    "OF_THEM",
    "OF_THE_HEAD",
    "OF_THOSE_BEFORE",
    "OLD_AFTER",
    "OLD_HYPHEN",
    "ON_BOARD",
    "PARTITIVE_GAP",
    "PERIOD_AFTER",
    "PLAIN_YEAR",
    "POST_QUALIFIER",
    "PROJECTILES",
    "PRONOUN_ONE_AFTER",
    "RANGE_TAIL",
    "SCORE",
    "SCORE_AFTER",
    "SECOND_AS_UNIT",
    "SPACED_SCALE",
    "SPACE_GROUPS",
    "SPEED_SLASH",
    "STRUCTURE_VERB",
    "SUBJECT_VERB",
    "TO_HOSPITAL",
    "TO_NAMED_HOSPITAL",
    "WORDNUM",
    "WORD_RANGE_TAIL",
]

# ----------------------------------------------------------------------------- lexing

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
# The lexer finds number starts and cue words in one pass (sentence breaks are found by
# :mod:`summarizer.text.sentences`). Python's ``re`` tries a pattern at every position
# unless it starts with a plain character class, so the pattern starts with the character
# *before* what it looks for (space, quote, bracket, dash, currency sign) and the word
# lists are factored as a trie. This is ~3x faster than flat alternations with lookbehinds.
_LEX_BEFORE = r"\s\"“”‘’'(\[—–−/" + CURRENCY_SIGNS + "~+-"


def _lex_token() -> str:
    vulgar = "".join(nw.VULGAR_FRACTIONS)
    return rf"(?P<tok>\d+|[{vulgar}]|{nw.trie_regex(_START_WORDS | set(CUE_ROLE))}\b)"


LEX = lazy_compile(lambda: rf"[{_LEX_BEFORE}]{_lex_token()}")
LEX_HEAD = lazy_compile(_lex_token)
# Digits after a one-letter currency ("N486.2 million", "K2,000", "P1.2bn"): shaped like
# money (grouped, scaled, or three digits and more), not a code ("N95", "K2", "P5").
GLUED_MONEY_SHAPE = lazy_compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])"
    r"|\d+(?:\.\d+)?\s?(?:bn|mn|tn|m|k|b|billion|million|trillion|thousand|crores?|lakhs?)\b"
    r"|\d{3,}(?:\.\d+)?(?![\w-])"
)


# ----------------------------------------------------------------------------- reading

# An indefinite article before a word the lexer started on ("a third term").
ARTICLE_GAP = lazy_compile(lambda: rf"an?\s+(?=(?:{nw.ORDINAL})\b)", re.IGNORECASE)
# The whole number at a lexer start, most specific form first.
CANDIDATE = lazy_compile(
    r"(?P<iso>(?<![\w.])\d{4}-\d{2}-\d{2}(?!\d))"
    r"|(?P<clock>(?<![\w.:,])\d{1,2}(?:[:.]\d{2})?(?=\s?[ap]\.?m\b)"
    r"|(?<![\w.:,])\d{1,2}:\d{2}(?![\d:]))"
    r"|(?P<digits>(?<![\d_])(?<![^A-Za-z]\.)(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)"
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
# A time taken, not a time of day (that would say "a.m." or "p.m.").
HMS = lazy_compile(r"(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:]|\s?[ap]\.?m\b)", re.IGNORECASE)
# Thousands grouped by commas, or the South Asian way (lakh, crore: "12,34,567").
DIGITS = lazy_compile(
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
)
WORDNUM = lazy_compile(rf"(?:{nw.CARDINAL})\b", re.IGNORECASE)
MERIDIAN = lazy_compile(r"\s?([ap])\.?m", re.IGNORECASE)
ATTACHED_SUFFIX = lazy_compile(
    r"(?P<pct>pct|pc|p\.c\.?)(?![A-Za-z])"
    r"|(?P<temp>(?-i:[CF]))(?![A-Za-z])"  # "46.4C", "104F": read as degrees after
    r"|(?P<scale>(?-i:MM)|bln|mln|mil|bn|mn|tn|trn|k|m|b)(?![A-Za-z])|(?P<ord>st|nd|rd|th)\b"
    r"|(?P<decade>s)\b"
    r"|(?P<unit>km²|km2|km|kg|cm|mm|mph|kph|ft|mi|lbs?|mw|gw|kw|kwh|mb|gb|tb|hz|ghz|sq|bps|pc)\b",
    re.IGNORECASE,
)
# Whose dollar: capitals glued to the sign ("A$1.2bn", "NZ$ 40m"), not the article "a $5m".
DOLLAR_PREFIX = lazy_compile(r"(?<![A-Za-z.])(US|U\.S\.|AUS|AU|A|CAN|CA|C|NZ|HK|SG|S|R)\$\s?$")
# A score after a name ("United 3-1", "Munster 24-17"): the other side's whole number.
SCORE_AFTER = lazy_compile(r"[-–]\d{1,3}(?![\d.,]?\d|[-–/]|[A-Za-z])")
MAGNITUDE_AFTER = lazy_compile(r"(?i)[-\s]magnitude\b|\s+on\s+the\s+richter\b")
SPEED_SLASH = lazy_compile(r"\s?/\s?h\b")  # "120km/h"
METRES_FOLLOW = lazy_compile(
    r"\s*[.,;:)]|\s+(?:tall|high|long|wide|deep|away|from|above|below|under|of\s+water"
    r"|underground|beneath|deeper|inland|offshore|underwater|upstream|downstream"
    r"|in\s+(?:diameter|length|height|depth))\b|-|$"
)
SPACED_SCALE = lazy_compile(
    r"\s?(?:(?P<abbr>bn|mn|tn|trn|bln|mln)\b"
    r"|\s?(?P<word>thousand|million|billion|trillion|hundred|dozen|lakhs?|lac|crores?)\b)",
    re.IGNORECASE,
)
RANGE_TAIL = lazy_compile(
    r"(?P<sep>\s*[-–—]\s*|\s+(?:to|through|thru|and)\s+)(?:US|A|C|HK)?[$£€¥]?(?=\d)",
    re.IGNORECASE,
)
AND_A_HALF = lazy_compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
WORD_RANGE_TAIL = lazy_compile(r"\s+(?P<sep>to|through|thru|and)\s+(?=[A-Za-z\d])", re.IGNORECASE)
NEXT_WORD = lazy_compile(r"\s+([a-z]+)")
SECOND_AS_UNIT = lazy_compile(r"\s*(?:[.,;:)]|ago\b|later\b|earlier\b|or\b|$)")
HYPHEN_WORD = lazy_compile(r"-([A-Za-z]+)")
DESIGNATOR_TOKEN = lazy_compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9]*) $")
HYPHEN_PREFIX = lazy_compile(r"(?<![\w.-])([A-Za-z][A-Za-z.]*)-$")
PRONOUN_ONE_AFTER = lazy_compile(
    r"\s+(?:another|who)\b|['’]s\b|\s+(?:must|can|cannot|could|should|would|might|may|will|shall|needs?"
    r"|has\s+to)\b|\s+by\s+one\b|\s+and\s+the\s+same\b"
    r"|\s+of\s+(?:the|its|their|his|her|our)\s+(?:few|many|most|more|least|best|worst|top|main"
    r"|key|leading|first|last|only|very|\w+est)\b"
    r"|\s+of\s+(?:those|these)\s+(?:days|things|times)\b|\s+or\s+(?:another|the\s+other)\b",
    re.IGNORECASE,
)
# A score: two small numbers joined by a hyphen or dash ("3-1", "2–2"), no more digits.
SCORE = lazy_compile(
    r"\d{1,2}[-–]\d{1,2}(?![\d%]|[.,]\d|\s?(?:pc|pct|per\s?cent|percent)\b"
    r"|\s+(?!thanks\b)[a-z]+s\b)"  # not "won 10-12 seats": a range of a counted noun
)
SPACE_GROUPS = lazy_compile(r"(?: \d{3})+(?![\d]|[.,]\d)")
MINUS_IS_ARITHMETIC = lazy_compile(r"\d\s+minus\s+$")

# ----------------------------------------------------------------------------- measures

# A month name after a day ("30 September", "5 Sept."), from the one list of them.
_MONTHS = nw.trie_regex(MONTH_NUMBERS) + r"\.?"
_DISTANCE_UNIT = (
    r"(?:(?:sq(?:uare)?\.?\s+)?(?:miles?|kilomet(?:re|er)s?|km|metres?|meters?|feet|foot|ft|yards?"
    r"|mi)|nautical\s+miles?|hectares?|acres?|km2|km²|cm|mm|inch(?:es)?|furlongs?|lengths)"
)
_DURATION_UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|yrs?"
    r"|decades?|centuries|century|fortnights?)"
)
# Everything that can follow a number and say what it measures, in one alternation.
AFTER = lazy_compile(
    r"(?P<pct>\s?(?:%|per\s?cent\b|percent\b|pct\b|pc\b|p\.c\.?(?![A-Za-z])))"
    r"|(?P<points>\s?(?:an?\s+)?percentage\s+points?\b)"
    r"|(?P<temp>\s?°\s?(?P<deg>(?-i:[CF]))?(?![A-Za-z])|(?P<glued>(?-i:[CF]))(?![A-Za-z])"
    r"|\s+degrees?\s+(?P<scale>celsius|centigrade|fahrenheit|(?-i:[CF]))(?![A-Za-z]))"
    r"|(?P<bps>\s+basis\s+points?\b|\s?bps\b)"
    r"|(?P<oclock>\s+o['’]clock\b)"
    r"|(?P<clock_zone>(?=\s?(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|local\s+time)\b))"
    rf"|(?P<month>\s+(?:of\s+)?{_MONTHS}(?![\w-]))"
    r"|(?P<money>\s+(?:(?:US|U\.S\.|(?P<nation>Canadian|Australian|Hong\s+Kong|Singapore"
    r"|New\s+Zealand|Jamaican|Namibian|Zimbabwean|Egyptian|Lebanese|Syrian|Sudanese|Kenyan"
    r"|Ugandan|Tanzanian|Somali|Pakistani|Sri\s+Lankan|Nepalese|Nepali|Indian|Mexican"
    r"|Philippine|Argentine|Chilean|Colombian|Fijian|Moroccan|Emirati|Iranian|Omani|Saudi"
    r"|Qatari|Norwegian|Danish))\s+)?"
    r"(?P<money_word>dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yuan|renminbi|yen|rupees?"
    r"|roubles?|rubles?|hryvnias?|shekels?|francs?|cents|pence|dinars?|riyals?|lira|rand|naira"
    r"|shillings?|cedis?|birr|taka|ringgit|baht|kwacha|won|pesos?|rials?|dirhams?|afghanis?"
    r"|dong|zlotys?|forints?|lei|kronor|krona|kroner|krone|rupiah|reais|tenge|kyats?|riels?"
    r"|leones?|dalasis?|pula|kina|bitcoins?)\b)"
    r"|(?P<hyphen>-(?P<hyphen_word>[A-Za-z]+))"
    r"|\s?(?P<speed>km\s?/\s?h|kmph|kph|mph|(?:kilomet(?:re|er)s?|km|miles?)\)?\s+"
    r"(?:\([^()]{1,25}\)\s+)?(?:per|an)\s+hour"  # "70 kilometres (43 miles) an hour"
    r"|knots?)(?![\w-])"
    rf"|\s?(?P<distance>{_DISTANCE_UNIT})(?![\w-])"
    r"|\s?(?:(?:more|additional|further|extra|straight|consecutive|successive|working"
    r"|business|calendar)\s+)?"
    rf"(?P<duration>{_DURATION_UNIT}|quarters?)(?![\w-])"
    r"|\s+(?:(?:an?|the)\s+)?(?P<age>years?\s+old)\b"
    rf"|(?P<half_of>\s+an?\s+(?P<half_unit>{_DURATION_UNIT})\b)",
    re.IGNORECASE,
)
PLAIN_YEAR = lazy_compile(r"\d{4}(?:[-–]\d{2}(?:\d{2})?|\s+(?:and|to|through)\s+\d{4})?")
OLD_AFTER = lazy_compile(r"\s+old\b")
OLD_HYPHEN = lazy_compile(r"-old\b", re.IGNORECASE)
POST_QUALIFIER = lazy_compile(
    r"\s*\+|-plus\b|\s+plus\b(?!\s+\d)|\s+or\s+more\b|\s+or\s+so\b|\s+or\s+fewer\b"
    r"|\s+or\s+less\b|-odd\b",
    re.IGNORECASE,
)
# "over two days", "over three trading sessions": the period is what is counted. Not across a
# preposition: in "injured over 100 in recent days" the period is an adjunct of the clause.
PERIOD_AFTER = lazy_compile(
    lambda: (
        r"(?:\s+(?!(?:in|on|at|during|within|for|of|after|since|over|through)\b)[a-z]+)"
        r"{0,2}?\s+(?:" + "|".join(sorted(PERIOD_NOUNS)) + r")\b"
    )
)

# ----------------------------------------------------------------------------- linking

BETWEEN_AND = lazy_compile(r"\s+and\s+(?:[^\s\d]{1,4}\.?\s?)?")  # "... and Rs ", "... and $"
PARTITIVE_GAP = lazy_compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?")
CONVERSION_GAP = lazy_compile(r"[^()\d]{0,25}\(\s*(?:about\s+|some\s+|around\s+)?")
# A word of any alphabet's letters: "gardaí", "señoras" are nouns too.
_NOUN_WORD = r"[^\W\d_](?:[^\W\d_]|['’])*(?:-[^\W\d_]+)*"
NOUN_RUN = lazy_compile(rf"\s*({_NOUN_WORD}(?:\s+{_NOUN_WORD})*)")  # words up to a symbol
LIVE_AFTER = lazy_compile(r"\s+(?:live|lived|living)\b")  # "13.5 million people live in"

# ----------------------------------------------------------------------------- roles

_QUALIFIER_WORDS = (
    r"(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|up\s+to|as\s+many\s+as"
    r"|an\s+estimated|roughly|approximately|fewer\s+than|less\s+than)"
)
_NUMBER_AHEAD = rf"(?:(?:dozens|hundreds|thousands|several|scores|{nw.CARDINAL})\b|\d|[$£€])"
# A verb's object, then the area it lies on: "damaged crops on more than 2,000 hectares",
# "flattened orchards across 300 acres" (the gap from the verb to the number).
AREA_OF_OBJECT = lazy_compile(
    rf"\s+(?:[A-Za-z'’-]+\s+){{1,2}}(?:on|over|across|covering|spanning)\s+"
    rf"(?:{_QUALIFIER_WORDS}\s+)?",
    re.IGNORECASE,
)
# Whitespace within one paragraph: a verb's object never stands past a blank line ("one
# dead, 16 hurt" as a headline, then "Two rounds of storms ..." below it).
_SAME_PARAGRAPH_SPACE = r"(?:[^\S\n]|\n(?![^\S\n]*\n))+"
NUMBER_FOLLOWS = lazy_compile(
    rf"{_SAME_PARAGRAPH_SPACE}(?:{_QUALIFIER_WORDS}\s+)?{_NUMBER_AHEAD}", re.IGNORECASE
)
OBJECT_FOLLOWS = lazy_compile(
    rf"{_SAME_PARAGRAPH_SPACE}(?:{_QUALIFIER_WORDS}\s+)?(?:(?:the|a|an|its|their|his|her|our|all)\b|{_NUMBER_AHEAD})",
    re.IGNORECASE,
)
GOVERNED_GAP = lazy_compile(rf"[\s,]*(?:{_QUALIFIER_WORDS}\s+)?(?:US)?[$£€]?\s*", re.IGNORECASE)
NOMINAL_END = lazy_compile(r"\s*(?:[,.;:)\]]|(?:and|or|but|while|after|as)\b|$)", re.IGNORECASE)
# A preposition opening an adjunct after "N dead", "N wounded": where, when, by what.
ADJUNCT_AFTER = lazy_compile(
    r"\s+(?:in|at|on|near|after|during|from|across|following|amid|overnight|as|when)\b",
    re.IGNORECASE,
)
# A verb's object coordinated before the number: "killing the pilot and three passengers",
# "injured a policeman and two children": the verb governs both.
COORDINATED_OBJECT = lazy_compile(
    rf"\s+(?:the|a|an|its|their|his|her|our)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+"
    rf"(?:(?:his|her|their|its)\s+)?(?:{_QUALIFIER_WORDS}\s+)?",
    re.IGNORECASE,
)
# The verb of an attack and the weapons it was made with: "attacked with", "struck the
# city using", "pounded the region with" (the number follows).
ATTACK_WITH = lazy_compile(
    rf"\b(?:attack(?:ed|ing|s)?|struck|strikes?|striking|hit|hitting|target(?:ed|ing|s)?"
    rf"|pound(?:ed|ing|s)?|bombard(?:ed|ing|s)?|shell(?:ed|ing|s)?|assault(?:ed|ing|s)?)"
    rf"(?:\s+[\w'’-]+){{0,4}}?\s+(?:with|using)\s+(?:{_QUALIFIER_WORDS}\s+)?$",
    re.IGNORECASE,
)
COORDINATION = lazy_compile(r"[\s,]*(?:(?:and|or|plus)\s+)?")
CLAUSE_BREAK = lazy_compile(r"[,;]|\s(?:and|but|while|whereas)\s")
# The word an appositive age follows ("Ann Lowe, 47,"), and whether a word leads it in
# its sentence; the gap between two ages of a list ("aged 41, 29 and 33").
APPOSITION_HEAD = lazy_compile(r"(?P<lead>\w[\w'’-]*\s+)?(?P<word>[A-Za-z][\w'’-]*),\s$")
BRACKET_HEAD = lazy_compile(r"(?P<word>[A-Za-z][\w'’-]*)\s?\($")  # "Seán Walsh (31)"
# A plural noun a number in brackets counts: "the most cases (37)", "new infections (12)".
BRACKETED_COUNT_HEAD = lazy_compile(r"\b(?P<word>[a-z][a-z'’-]*[a-rt-z]s)\s?\($")
BRACKETED_TALLY = lazy_compile(r"[A-Z][\w'’-]*\s?\(\d{1,3}\)")  # "Kansas (3), Ohio (1)"
AGE_LIST_GAP = lazy_compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")
AGE_LIST_END = lazy_compile(r"\s*(?:[,;.)]|(?:and|or|were|was|are)\b|$)")
# "were taken to Kenyatta National Hospital": a hospital by its name, after the count.
NAMED_HOSPITAL = lazy_compile(
    r"\s+(?:people\s+|others\s+|of\s+(?:them|whom)\s+)?"  # "Six of them were taken to ..."
    r"(?:were|was|had\s+been|have\s+been|are|is|being)\s+"
    r"(?:\w+ly\s+)?(?:taken|rushed|airlifted|flown|admitted|shifted|transported|referred"
    r"|brought|moved|transferred)\s+to\s+(?:[\w'’.-]+\s+){0,5}?(?:hospitals?|infirmary"
    r"|clinics?|(?:medical|health|trauma|burns?)\s+(?:centres?|centers?|units?|wards?"
    r"|facilit(?:y|ies)|complex(?:es)?)|intensive\s+care|ICU)\b",
    re.IGNORECASE,
)
# "sending 11 people to hospital"; "seven to Stepping Hill Hospital and four to Manchester
# Royal Infirmary": where the count went, with the verb before it or left out.
TO_HOSPITAL = lazy_compile(
    r"\s+to\s+(?:the\s+|a\s+)?(?:[\w'’.-]+\s+){0,5}?(?:hospitals?|infirmary|clinics?)\b",
    re.IGNORECASE,
)
TO_NAMED_HOSPITAL = lazy_compile(
    # "to the provincial Obstetrics and Pediatrics Hospital": a name may hold small words
    r"\s+to\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,4}?[A-Z][\w'’.-]*\s+"
    r"(?:Hospital|Infirmary|Clinic|Medical\s+Cent(?:re|er))\b"
)
LIVES_AFTER = lazy_compile(r"\s+lives\b")
# "five children were among the 31 wounded": the part takes the role of the group it is in.
AMONG_THE = lazy_compile(
    r"\s+(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?(?:[\w,.-]+\s+)?"
    r"(?P<group>dead|killed|injured|wounded|hurt|missing|arrested|detained)\b"
)
# "3,412 residents of seven villages had been moved to four evacuation shelters", "140
# families have been moved to a school": people taken from their homes to a shelter are
# displaced (not patients moved to another hospital).
_SHELTER = (
    r"(?:shelters?|schools?|camps?|centres?|centers?|halls?|tents?|dormitor(?:y|ies)"
    r"|(?:relatives|friends)['’]?\s+homes?|community\s+buildings?|higher\s+ground"
    r"|safer\s+(?:places?|areas?|ground))"
)
# "140 families have been moved to a school", "1,180 residents were moved to relatives'
# homes", "300 people spent the night in a sports hall": out of their homes, sheltered.
MOVED_TO_SHELTER = lazy_compile(
    r"[^.;:]{0,60}?\b(?:(?:have|has|had)\s+been|were|was)\s+(?:moved|relocated|shifted"
    rf"|taken|evacuated)\s+to\s+(?:[\w'’-]+\s+){{0,3}}?{_SHELTER}\b"
    rf"|[^.;:]{{0,30}}?\bspent\s+the\s+night\s+in\s+(?:[\w'’-]+\s+){{0,3}}?{_SHELTER}\b"
)
# "11 of the attackers were neutralised", "troops neutralised 11 militants": said of people,
# the security forces' word for killed (of drones and missiles it is intercepted).
NEUTRALISED = lazy_compile(r"(?i)\bneutrali[sz](?:ed|ing)\b")
# "... were trapped, and all of them died": the count is the dead ("fear none survived"
# is a fear, not a toll).
ALL_DIED = lazy_compile(
    r"(?i)\ball\s+(?:of\s+(?:them|whom)\s+|\w+\s+)?(?:died|were\s+killed|perished|drowned)\b"
)
SUBJECT_VERB = lazy_compile(r"\s+(?:were|was|had|have|has|are)\b")
# What befalls a building or a vehicle, after "were", "have been": "were lost", "have been
# destroyed", "were badly damaged".
STRUCTURE_VERB = lazy_compile(
    r"(?:\s+been)?(?:\s+\w+ly)?\s+(?:lost|destroyed|damaged|razed|flattened|gutted|burnt|burned"
    r"|torched|washed\s+away|swept\s+away|submerged|flooded|inundated|collapsed|demolished"
    r"|levelled|leveled|wrecked)\b",
    re.IGNORECASE,
)
OF_THE_HEAD = lazy_compile(r"(?:^|[.;:!?]\s+|,\s+|\n\s*)[Oo]f\s+(?:the|its|their)\s+$")
NUMBER_OF_WHOM = lazy_compile(r"[\w.,]+\s+of\s+(?:whom|which)\b")  # "31 of whom died"
OF_THEM = lazy_compile(r"\s+of\s+(?:them|whom)\b")
# "Of those, 436 ...", "of them, 12 ...": a clause that opens by taking a part of a count.
OF_THOSE_BEFORE = lazy_compile(r"(?i)\b(?:of|among)\s+(?:those|them|these)\s*,\s*$")
# "Among them were N", "Of those, N": a sentence that opens on a part of a count.
AMONG_THEM_LEAD = lazy_compile(
    r"(?i)among\s+them(?:\s+(?:were|was|are|is))?|(?:of|among)\s+(?:those|them|these)\s*,"
    r"|(?:they|these)\s+include[ds]?"
)
PROJECTILES = lazy_compile(
    r"\b(?:drones?|missiles?|rockets?|shells?|uavs?|projectiles?|warheads?|mortars?|bombs?"
    r"|munitions|aircraft|planes?|jets?|helicopters?)\b",
    re.IGNORECASE,
)
# Crewed aircraft: "destroyed nine aircraft" (on an airfield) damaged them; only a verb of
# interception ("shot down two jets") brings one down in the air. Drones stay projectiles.
CREWED_AIRCRAFT = lazy_compile(
    r"^(?!.*\b(?:unmanned|drones?|uavs?)\b).*\b(?:aircraft|planes?|jets?|helicopters?)\b",
    re.IGNORECASE,
)
# Who was aboard: "300 people on board", "70 passengers were aboard".
ON_BOARD = lazy_compile(r"\s+(?:(?:were|was)\s+)?(?:on\s+board|aboard|onboard)\b", re.IGNORECASE)
# An apposition in commas between a count and its verb: "Three guards, a woman and two
# boys, were arrested", "six people, two children and a nurse, are said to have died". The
# comma that closes it stands right before an auxiliary, so the verb after is the count's.
# So is a noun phrase coordinated with the count ("Two vans and the door of a shop were
# hit"): no number in it, and an auxiliary right after. The count's noun may go on with an
# "of" phrase before the apposition: "five members of a family, including two children, were".
APPOSITION_AFTER = lazy_compile(
    r"(?:(?:\s+of\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+)?[^\d\s,.;:!?()]+)?"
    r",\s+(?:[^,.;:!?()\n]{1,80}?,\s+){1,3}"
    r"|\s+and\s+(?:the|a|an|its|their|his|her)\s+[^\d,.;:!?()\n]{1,60}?\s+)"
    r"(?=(?:also\s+|all\s+|both\s+)?(?:were|was|are|is|have|has|had)\b)",
    re.IGNORECASE,
)
# A clause of its own between a count and a cue after it: ", and the driver was ...", ",
# but a guard was ..." (a word that is no auxiliary opens a new subject).
NEW_SUBJECT_CLAUSE = lazy_compile(
    r"[^;]*?[,;]\s+(?:and|but|while|whereas)\s+"
    r"(?!(?:also\s+)?(?:were|was|are|is|had|have|has|been)\b)\w",
    re.IGNORECASE,
)
