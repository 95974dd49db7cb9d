"""Pass 2, reading: the whole number at each start the lexer found, and the words before it.

At each start an anchored regex (:data:`~summarizer.numbers.patterns.CANDIDATE`) reads the
number's form: digits with thousands groups, scale words and suffixes ("1.5 million",
"300m"), ranges ("30-40", "between six and eleven"), number words, ordinals, clock times,
fractions. The few words before it give the currency, the qualifier phrase and the
non-numbers to drop: designations ("F-16", "Xbox 360", "Resolution 2231"), identifiers
("5G"), the pronoun "one" ("no one"). What follows the number is read by
:mod:`summarizer.numbers.measures`.
"""

from __future__ import annotations

import re

from summarizer.numbers import words as nw
from summarizer.numbers.lexicon import (
    ATTACHED_DISTANCE,
    CHANGE_WORDS,
    CUE_ROLE,
    CURRENCY_CODES,
    CURRENCY_PREFIXES,
    CURRENCY_SIGNS,
    CURRENCY_SYMBOLS,
    DESIGNATOR_WORDS,
    DOLLAR_PREFIXES,
    GLUED_CURRENCY,
    HEADLINE_VERBS,
    ISO_CURRENCY_CODES,
    LEGAL_PARTS,
    LEGISLATION_WORDS,
    LOCATION_PREPOSITIONS,
    LOWER_DESIGNATOR_PREFIXES,
    MONTH_WORDS,
    NOT_DESIGNATORS,
    ONE_IDIOMS,
    PRE_QUALIFIERS,
    PRONOUN_ONE_BEFORE,
    QUAL_MAX_WORDS,
    RESULT_WORDS,
    measure_role,
)
from summarizer.numbers.measures import read_after
from summarizer.numbers.mention import Before, Candidate
from summarizer.numbers.patterns import (
    AFTER,
    AND_A_HALF,
    ARTICLE_GAP,
    ATTACHED_SUFFIX,
    CANDIDATE,
    DESIGNATOR_TOKEN,
    DIGITS,
    DOLLAR_PREFIX,
    HMS,
    HYPHEN_PREFIX,
    HYPHEN_WORD,
    MERIDIAN,
    METRES_FOLLOW,
    MINUS_IS_ARITHMETIC,
    NEXT_WORD,
    PRONOUN_ONE_AFTER,
    RANGE_TAIL,
    SCORE,
    SCORE_AFTER,
    SECOND_AS_UNIT,
    SPACE_GROUPS,
    SPACED_SCALE,
    SPEED_SLASH,
    WORD_RANGE_TAIL,
    WORDNUM,
)

__all__ = ["read_all"]


# Symbols that are tokens of their own when looking back from a number ("of $", "(about").
_SPLIT_SYMBOLS = str.maketrans(
    {ch: f" {ch} " for ch in ',;:()[]{}"“”‘’' + CURRENCY_SIGNS + "#~+—–-/!?%&*"}
)
_LOOKBACK = 40  # enough for "a maximum of US$", "March 12, " or "city of about"
_MAX_DIGITS = 15  # longer digit runs are identifiers (and would lose float precision)
_SIGN_BEFORE = frozenset(" \t\n(['\"“‘:=/")  # before a minus sign that makes "-5" negative


def read_all(text: str, starts: list[int]) -> list[Candidate]:
    """Read the number at each lexer start, skipping non-numbers and overlaps."""
    found: list[Candidate] = []
    consumed = 0
    for start in starts:
        if start < consumed:
            continue
        hms = HMS.match(text, start) if ":" in text[start + 1 : start + 3] else None
        if hms is not None:  # "clocking 2:07:48": hours, minutes, seconds
            found.extend(_read_hms(hms, _read_before(text, start)))
            consumed = hms.end()
            continue
        match = CANDIDATE.match(text, start)
        if match is None:
            start, match = _ordinal_after_article(text, start)
        if match is None:
            continue
        cand = _read_candidate(text, match, _read_before(text, start))
        if cand is not None:
            found.append(cand)
            consumed = cand.end
    return found


def _ordinal_after_article(text: str, start: int) -> tuple[int, re.Match[str] | None]:
    """ "a third term", "a second bid": the lexer took "a third" for a fraction's start,
    but no "of" follows, so the word after the article is an ordinal."""
    article = ARTICLE_GAP.match(text, start)
    if article is None:
        return start, None
    match = CANDIDATE.match(text, article.end())
    if match is None or match.lastgroup != "ordinal":
        return start, None
    return article.end(), match


def _read_hms(hms: re.Match[str], before: Before) -> list[Candidate]:
    """A time taken, H:MM:SS ("won in 2:07:48"): three durations, one per field."""
    found = []
    for group, unit in ((1, "hours"), (2, "minutes"), (3, "seconds")):
        start, end = hms.span(group)
        cand = Candidate(start, end, float(hms.group(group)), "digits", before, unit_end=end)
        cand.role, cand.locked, cand.noun = "duration", True, unit
        cand.qualifier = before.qualifier or "exact"
        found.append(cand)
    return found


def _read_before(text: str, start: int) -> Before:
    """Tokens before ``start`` split into currency, qualifier phrase and the rest."""
    lo = max(0, start - _LOOKBACK)
    tokens = text[lo:start].lower().translate(_SPLIT_SYMBOLS).split()
    if lo > 0 and tokens and not text[lo - 1].isspace():
        tokens = tokens[1:]  # a word cut in half by the window
    before = Before(tokens)
    words = tokens
    if start > 0 and text[start - 1].isalpha() and words:  # only a glued currency starts here
        words[-1] = words[-1].rsplit(None, 1)[-1]
        before.currency = GLUED_CURRENCY.get(words[-1], "")
        if words[-1] in DOLLAR_PREFIXES and words[-2:-1] == ["$"]:
            before.currency = DOLLAR_PREFIXES[words[-1]]  # "$A3.4 billion"
            words = words[:-1]
        words = words[:-1]
    elif words and _iso_code_before(text, start):  # "AED 2 million", "SEK 40bn"
        before.currency = text[start - 4 : start - 1]  # the code, not a split of the text
        words = words[:-1]
    elif words and (words[-1] in CURRENCY_SYMBOLS or words[-1] in CURRENCY_CODES):
        before.currency = CURRENCY_SYMBOLS.get(words[-1]) or CURRENCY_CODES[words[-1]]
        words = words[:-1]
        if words and words[-1] in CURRENCY_PREFIXES:
            glued = DOLLAR_PREFIX.search(text, max(0, start - 12), start)
            if before.currency == "USD" and glued:  # "A$1.2bn", "NZ$40m"; not "a $165m"
                before.currency = DOLLAR_PREFIXES[glued[1].lower()]
            words = words[:-1]
    for size in range(min(QUAL_MAX_WORDS, len(words)), 0, -1):
        qualifier = PRE_QUALIFIERS.get(tuple(words[-size:]))
        if qualifier:
            before.qualifier, before.qualifier_word = qualifier, words[-size]
            words = words[:-size]
            break
    before.bare = words
    return before


def _read_candidate(text: str, match: re.Match[str], before: Before) -> Candidate | None:
    kind = match.lastgroup or ""
    start, end = match.start(), match.end()
    if kind == "iso":
        cand = Candidate(start, end, float(text[start : start + 4]), kind, before)
        cand.role, cand.locked, cand.noun, cand.unit_end = "date_or_year", True, "date", end
        return cand
    if kind == "clock":
        return _read_clock(text, start, end, before)
    if kind == "vulgar":
        cand = Candidate(start, end, nw.VULGAR_FRACTIONS[text[start]], kind, before, unit_end=end)
        read_after(text, cand)
        return cand
    if kind == "digits":
        return _read_digits(text, start, end, before)
    return _read_words(text, kind, start, end, before)


def _read_clock(text: str, start: int, end: int, before: Before) -> Candidate:
    """ "10 am" = 1000, "10.50pm" = 2250, "14:30" = 1430 (24-hour HHMM)."""
    hours, _, minutes = text[start:end].replace(":", ".").partition(".")
    hour, minute = int(hours), int(minutes or 0)
    meridian = MERIDIAN.match(text, end)
    if meridian:
        if meridian.group(1).lower() == "p" and hour != 12:
            hour += 12
        elif meridian.group(1).lower() == "a" and hour == 12:
            hour = 0
    cand = Candidate(start, end, float(hour * 100 + minute), "clock", before, unit_end=end)
    cand.role, cand.locked, cand.noun = "time", True, "time of day (24-hour HHMM)"
    cand.qualifier = before.qualifier or "exact"
    return cand


def _read_digits(text: str, start: int, end: int, before: Before) -> Candidate | None:
    part = _legal_part_before(before.words)
    if part and text[end : end + 1] not in ("-", "/") and not text[end : end + 1].isalpha():
        cand = Candidate(start, end, float(text[start:end].replace(",", "")), "digits", before)
        cand.role, cand.locked, cand.noun, cand.unit_end = "other_count", True, part, end
        return cand  # "Section 4 of the Act", "sections 302 and 34": a reference, no count
    score = _is_score(text, start, before) or _is_score(text, start - 2, before, start - 3)
    if not score and _is_digit_designation(text, start, end, before):
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
    cand = Candidate(start, end, value, "digits", before, currency=before.currency, unit_end=end)
    _read_space_groups(text, cand)
    vulgar = nw.VULGAR_FRACTIONS.get(text[cand.end : cand.end + 1])
    if vulgar is not None:  # "2½"
        cand.value += vulgar
        cand.end = cand.unit_end = cand.end + 1
    if not _read_digit_suffix(text, cand):
        return None
    _read_and_a_half(text, cand)
    if score:  # "beat them 1-3": a score, two numbers, neither a range nor a toll
        cand.role, cand.locked, cand.noun = "other_count", True, "score"
        return cand
    _read_range(text, cand)
    _read_sign(text, cand)
    read_after(text, cand)
    return cand


def _is_score(text: str, start: int, before: Before, at: int = -1) -> bool:
    """ "beat Corrib United 3-1", "drew 2-2", "a 1-0 win": a match's score, after a word of
    a result (or before "win", "defeat"...): two numbers, the team's name no designator.

    With ``at``, the score is sought starting there (its second number is at ``start``)."""
    for begin in (start, at) if at >= 0 else (start,):
        if begin < 0 or (begin > 0 and text[begin - 1].isdigit()):
            continue
        score = SCORE.match(text, begin)
        if score is None or score.end() < start:
            continue
        if any(word in RESULT_WORDS for word in before.words[-7:]):
            return True
        nxt = NEXT_WORD.match(text, score.end())
        return nxt is not None and nxt.group(1) in RESULT_WORDS
    return False


def _legal_part_before(words: list[str]) -> str:
    """The part of a law ("section") a number cites: the word right before, or the head of
    a list of them ("sections 302, 307 and 34", "Articles 14 and 21")."""
    at = len(words) - 1
    while at > 0 and (words[at] in (",", "and", "or", "&") or words[at].isdigit()):
        at -= 1  # back over "302 , 307 and"
    if at < 0 or words[at] not in LEGAL_PARTS:
        return ""
    listed = words[at + 1 :]
    if listed and (listed[-1] not in (",", "and", "or", "&") or not listed[0].isdigit()):
        return ""  # "Article 5 10 people": only a list joined by commas and "and" continues
    return LEGAL_PARTS[words[at]]


def _is_digit_designation(text: str, start: int, end: int, before: Before) -> bool:
    """ "F-16", "COVID-19", "S-300", "Resolution 2231", "Xbox 360", "No. 10", "#3"."""
    prev = text[start - 1] if start > 0 else " "
    if prev == "#":
        return True
    if _is_phone_number(text, start, end):
        return True
    if prev == "-":
        word = HYPHEN_PREFIX.search(text, max(0, start - 20), start)
        if word and (
            any(ch.isupper() for ch in word.group(1))
            or word.group(1).lower() in LOWER_DESIGNATOR_PREFIXES
        ):
            return True
    if "," in text[start:end] or "." in text[start:end]:
        return False
    if not _follows_designator(text, start, before) or _measured(text, end):
        return False
    if _GAPPED_NAME_BEFORE.search(text, max(0, start - 60), start) and _PLURAL_AFTER.match(
        text, end
    ):
        return False  # "Bongo has 71 cases, Talensi 58 cases and Builsa North 49 cases"
    # "beat Corrib United 3-1", "Munster 24-17": a score, not a model ("Boeing 737-800")
    return not SCORE_AFTER.match(text, end) or before.words[-1] in DESIGNATOR_WORDS


# A list whose verb is left out after the first item: a name after a comma or "and", then
# the count and its plural noun ("..., Talensi 58 cases and three deaths").
_GAPPED_NAME_BEFORE = re.compile(r"(?:,|\band)\s+(?:[A-Z][\w'’-]*\s+){1,3}$")
_PLURAL_AFTER = re.compile(r"\s+[a-z]{2,}s\b(?!')")


def _is_phone_number(text: str, start: int, end: int) -> bool:
    """ "call 101", "on 0800 555 111", "dial 911": a number to ring, not a quantity. Digits
    with a leading zero followed by more groups are a phone number, and so are the groups."""
    digits = text[start:end]
    if digits.isdigit() and digits[0] == "0" and _PHONE_GROUP_AFTER.match(text, end):
        return True  # "0800 555 111"; "0800 GMT" is a time
    if _PHONE_GROUPS_BEFORE.search(text, max(0, start - 16), start):
        return True
    if _PHONE_NOUN_AFTER.match(text, end):
        return True  # "the 112 emergency number", "a 1800 helpline"
    short_code = digits.isdigit() and 3 <= len(digits) <= 4  # "101", "999", "1800"
    return short_code and bool(_PHONE_BEFORE.search(text, max(0, start - 60), start))


# "call 101", "ring 999", "contact Police Scotland on 101", "Crimestoppers anonymously on".
_PHONE_BEFORE = re.compile(
    r"(?i)\b(?:call|calling|ring|dial|phone|telephone|hotline"
    r"|contact(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}\s+on|anonymously\s+on)\s+$"
)
_PHONE_NOUN_AFTER = re.compile(
    r"(?i)\s+(?:emergency\s+|free\s+|toll-free\s+)?(?:phone\s+|telephone\s+)?"
    r"(?:number|helpline|hotline)\b"
)
_PHONE_GROUP_AFTER = re.compile(r"[ -]\d{3,4}(?!\d)")
_PHONE_GROUPS_BEFORE = re.compile(r"(?<!\d)0\d{2,4}(?:[ -]\d{3,4})*[ -]$")


def _measured(text: str, end: int) -> bool:
    """A unit after the number makes it a measure, whatever names it: "crossed the line 41
    seconds ahead", "Route 9 miles north", "Windows 10 per cent cheaper"."""
    after = AFTER.match(text, end)
    if after is None or after.lastgroup not in _MEASURE_GROUPS:
        return False
    return after.lastgroup != "temp" or after.group("glued") is None  # "Form 3C": a class


_MEASURE_GROUPS = frozenset({"pct", "points", "distance", "speed", "duration", "temp", "money"})


def _iso_code_before(text: str, start: int) -> bool:
    """An ISO 4217 code in capitals, a space before the number: "AED 2 million"."""
    if start < 5 or text[start - 1] != " ":
        return False
    token = text[start - 5 : start - 1]
    return token[0] in " ([" and token[1:] in ISO_CURRENCY_CODES


def _follows_designator(text: str, start: int, before: Before) -> bool:
    """True when the word right before (one space) names a thing this number identifies."""
    if not before.words or start < 2 or text[start - 1] != " " or text[start - 2].isspace():
        return False
    word = before.words[-1]
    if word in LEGISLATION_WORDS and _year_digits(text, start):
        return False  # "the Criminal Justice Act 1984": the law's year
    if word in DESIGNATOR_WORDS:
        return True
    if word in NOT_DESIGNATORS or word in CURRENCY_CODES or _verb_form(word):
        return False
    if _iso_code_before(text, start):
        return False
    raw = DESIGNATOR_TOKEN.search(text, max(0, start - 30), start)
    if not raw or not any(c.isupper() for c in raw.group(1)) or word.endswith("ly"):
        return False  # lower case, or an adverb ("Reportedly 30 ...")
    # "In Gaza 20 people ..." names a place, not a model.
    return not (len(before.words) >= 2 and before.words[-2] in LOCATION_PREPOSITIONS)


def _verb_form(word: str) -> bool:
    """A capitalised verb before a number names nothing it numbers: a participle opening a
    clause ("Chasing 246, ...", "Killing 12, ..."), a title-case headline's verb ("Gunmen
    Kill 12", "Toll Rises To 40", "Storm Leaves 40 Dead")."""
    if word in CUE_ROLE or word in CHANGE_WORDS or word in HEADLINE_VERBS:
        return True
    return len(word) > 4 and word.endswith("ing")


def _year_digits(text: str, start: int) -> bool:
    """Four digits at ``start`` that can be a year (1500..2100), and no more digits."""
    digits = text[start : start + 4]
    return (
        digits.isdigit()
        and not text[start + 4 : start + 5].isdigit()
        and 1500 <= int(digits) <= 2100
    )


def _read_digit_suffix(text: str, cand: Candidate) -> bool:
    """Letters right after the digits: scale, ordinal, decade or unit; False for identifiers."""
    end = cand.end
    if end >= len(text) or not text[end].isalpha():
        _read_spaced_scale(text, cand)
        return True
    suffix = ATTACHED_SUFFIX.match(text, end)
    if not suffix:
        return False  # "5G", "3D": identifiers
    if suffix.group("pct") or suffix.group("temp"):
        return True  # "4.1pc", "46.4C": the unit stays outside the span, as "%" does
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
        if unit == "km" and SPEED_SLASH.match(text, suffix.end()):
            slash = SPEED_SLASH.match(text, suffix.end())
            cand.noun, cand.unit_end = "km/h", slash.end() if slash else suffix.end()
            cand.role, cand.locked = "other_count", True  # "120km/h": a speed
        elif unit in ATTACHED_DISTANCE:
            cand.role, cand.locked = measure_role(unit), True  # "800km2" is an area
        elif unit == "bps":
            cand.role, cand.locked, cand.noun = "percentage", True, "basis points"
        elif unit == "pc":  # "up 12pc": per cent, as British and Australian papers write it
            cand.role, cand.locked, cand.noun = "percentage", True, "percent"
    cand.unit_end = max(cand.unit_end, cand.end)
    return True


def _means_metres(text: str, cand: Candidate, pos: int) -> bool:
    """ "a 300m tower", "ran 100m.", "the men's 100m in 9.86 seconds", "the 400m hurdles"
    are metres; "40m people", "$300m" are millions."""
    if METRES_FOLLOW.match(text, pos) or _RACE_AFTER.match(text, pos):
        return True
    words = cand.before.words
    if words and (words[-1] in _RACERS or "".join(words[-3:]) in _RACERS):
        return True  # "the women's 400m" ("women’s" reads as three words)
    nxt = NEXT_WORD.match(text, pos)
    return bool(
        cand.before.words
        and cand.before.words[-1] in ("a", "an")
        and nxt
        and not nxt.group(1).endswith("s")
    )


# A race run over the distance: "the 400m hurdles", "won the 100m in 9.86 seconds".
_RACE_AFTER = re.compile(
    r"\s+(?:hurdles|freestyle|backstroke|breaststroke|butterfly|medley|relay|sprint|dash"
    r"|steeplechase|final|heats?|semi-?finals?)\b"
    r"|\s+in\s+(?:\d{1,2}(?:[.:]\d+)+|\d+\s+(?:seconds|minutes|mins?|secs?)\b)",
    re.IGNORECASE,
)
_RACERS = frozenset({"men's", "women's", "men’s", "women’s", "boys'", "girls'", "mens", "womens"})


def _read_spaced_scale(text: str, cand: Candidate) -> None:
    """ "1.5 million", "2.3 bn", "2 dozen": the scale word joins the span."""
    scale = SPACED_SCALE.match(text, cand.end)
    if scale:
        cand.value *= nw.SCALE_SUFFIX[(scale.group("abbr") or scale.group("word")).lower()]
        cand.end = cand.unit_end = scale.end()
        cand.scaled = True


def _read_range(text: str, cand: Candidate) -> None:
    """ "30-40", "30 to 40", "between 30 and 40", "12-13%", "$2-3bn"; not "from 29 to 31"."""
    tail = RANGE_TAIL.match(text, cand.end)
    if not tail:
        return
    sep = tail.group("sep").strip().lower()
    bare = cand.before.bare
    if sep == "and" and (not bare or bare[-1] != "between"):
        return
    if sep in ("to", "through", "thru") and _is_change(bare):
        return  # a revised figure ("rose from 29 to 31"), two mentions
    digits = DIGITS.match(text, tail.end())
    if not digits or (text[digits.end() : digits.end() + 1] in ("/", "-") and sep != "-"):
        return
    raw_high = float(digits.group().replace(",", ""))
    high = Candidate(digits.start(), digits.end(), raw_high, "digits", cand.before)
    if not _read_digit_suffix(text, high) or high.locked:
        return
    low_value = cand.value
    if high.scaled and not cand.scaled:
        low_value *= high.value / raw_high  # "$2-3bn": the scale applies to both
    high_value = high.value
    if sep == "-" and low_value >= 1000 and high_value < 100 and "," not in digits.group():
        high_value += (low_value // 100) * 100  # "2014-15"
    if high_value <= low_value or (sep == "to" and _change_by(bare, low_value, high_value)):
        return
    cand.value, cand.high, cand.end, cand.unit_end = low_value, high_value, high.end, high.end
    cand.qualifier, cand.kind = "range", "range"


def _change_by(bare: list[str], low: float, high: float) -> bool:
    """ "fell by 3,200 to 96,500", "was cut by 0.5 to 10.5": a verb of change, the amount
    it changed by, then the level it reached (two mentions); "rose by 10 to 15 per cent",
    two near numbers, stays a range."""
    return bare[-1:] == ["by"] and any(w in CHANGE_WORDS for w in bare[-4:-1]) and high >= 3 * low


def _is_change(bare: list[str]) -> bool:
    """ "rose 29 to 31", "rose from 29 to 31": a change; "from 6 to 11" alone is a range."""
    if not bare:
        return False
    if bare[-1] == "from":  # "raises the death total from 29 to 31": a verb of change before
        return any(word in CHANGE_WORDS for word in bare[-8:-1])
    return bare[-1] in CHANGE_WORDS


def _read_words(text: str, kind: str, start: int, end: int, before: Before) -> Candidate | None:
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
    cand = Candidate(start, end, value, kind, before, unit_end=end)
    if kind == "ordinal":
        cand.role, cand.locked = "ordinal", True
    elif kind == "vague":
        cand.qualifier = "at_least"  # a vague plural is a lower bound
    elif kind == "words":
        _read_and_a_half(text, cand)
        _read_word_range(text, cand)
    read_after(text, cand)
    return cand


def _read_sign(text: str, cand: Candidate) -> None:
    """ "-5 degrees", "−12C", "minus 5": a negative number (the sign joins the span)."""
    start = cand.start
    if start > 0 and text[start - 1] in "-−" and (start < 2 or text[start - 2] in _SIGN_BEFORE):
        cand.start, cand.value = start - 1, -cand.value
    elif cand.before.bare[-1:] == ["minus"] and not MINUS_IS_ARITHMETIC.search(
        text, max(0, start - 14), start
    ):
        cand.value = -cand.value


def _read_space_groups(text: str, cand: Candidate) -> None:
    """ "1 200 people": thousands grouped by a plain space, as many style guides write them.

    Only a 1-3 digit head followed by whole 3-digit groups, not after a month or another
    number ("March 5 200 people" stays two numbers, the day and the count).
    """
    if cand.end - cand.start > 3 or not text[cand.start : cand.end].isdigit():
        return
    groups = SPACE_GROUPS.match(text, cand.end)
    if not groups:
        return
    words = cand.before.words
    if words and (words[-1].rstrip(".") in MONTH_WORDS or words[-1][:1].isdigit()):
        return
    cand.end = cand.unit_end = groups.end()
    cand.value = float(text[cand.start : cand.end].replace(" ", ""))


def _read_and_a_half(text: str, cand: Candidate) -> None:
    """ "two and a half years" = 2.5, "five and a half million" = 5,500,000."""
    half = AND_A_HALF.match(text, cand.end)
    if half and not cand.scaled:
        cand.value += 0.5
        cand.end = cand.unit_end = half.end()
        _read_spaced_scale(text, cand)


def _word_is_not_a_number(text: str, start: int, end: int, low: str, before: Before) -> bool:
    """The pronoun "one" ("no one", "one of the few", "one another") and "Formula One"."""
    if low == "one":
        if before.words and before.words[-1] in PRONOUN_ONE_BEFORE:
            return True
        if PRONOUN_ONE_AFTER.match(text, end):
            return True
        hyphen = HYPHEN_WORD.match(text, end)
        if hyphen and hyphen.group(1).lower() in ONE_IDIOMS:
            return True  # "one-off", "one-sided"
    return " " not in low and "-" not in low and _follows_designator(text, start, before)


def _second_is_a_unit(text: str, end: int, low: str, before: Before) -> bool:
    """ "second" as a unit of time: "a split second", "one second", "a second later"."""
    if low != "second" or not before.words:
        return False
    prev = before.words[-1]
    if prev in ("a", "the", "every", "each"):
        return bool(SECOND_AS_UNIT.match(text, end))
    return prev in ("split", "per", "one") or prev[:1].isdigit()


def _read_word_range(text: str, cand: Candidate) -> None:
    """ "two to three people", "from six to 11", "between six and eleven", "5 through 9"."""
    tail = WORD_RANGE_TAIL.match(text, cand.end)
    if not tail or _is_change(cand.before.bare):
        return
    if tail.group("sep").lower() == "and" and cand.before.bare[-1:] != ["between"]:
        return
    other = WORDNUM.match(text, tail.end()) or DIGITS.match(text, tail.end())
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
