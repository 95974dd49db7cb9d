"""Tolls told in words, without a numeral: "nobody was hurt" (0), "a cyclist was seriously
injured" (1), "a third person was arrested" (3).

The figure and prose checks ask these when a summary's toll has no numeral behind it in the
quote or the article (:mod:`summarizer.checks.figures`, :mod:`summarizer.checks.prose_numbers`).
"""

from __future__ import annotations

import re

from summarizer.numbers.words import ORDINALS, parse_ordinal
from summarizer.text.lazy_regex import lazy_compile

__all__ = ["nth_of_toll", "toll_in_words"]


# Casualty cues, by the roles they speak of ("hurt" and "casualties" cover the dead too).
_TOLL_CUES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        r"kill\w*|dead|deaths?|died|dies|fatalit\w*|perish\w*|martyr\w*|drown\w*"
        r"|lives?\s+(?:were\s+|was\s+)?lost|loss\s+of\s+life",
        frozenset({"killed"}),
    ),
    (r"injur\w*|wound\w*|grazed|burned", frozenset({"injured"})),
    (r"hurt|harmed|casualt\w*", frozenset({"killed", "injured"})),
    (r"missing|unaccounted", frozenset({"missing"})),
    (r"arrest\w*|detain\w*", frozenset({"arrested"})),
    (r"displac\w*|evacuat\w*|homeless", frozenset({"displaced"})),
)
_TOLL_CUE = r"(?:" + "|".join(f"(?P<c{i}>{cue})" for i, (cue, _) in enumerate(_TOLL_CUES)) + ")"
# "no deaths", "nobody was hurt", "none of the three occupants were injured", "no one was
# killed or injured", "without casualties": a toll of zero, in words.
_ZERO_TOLL = lazy_compile(
    r"(?i)\b(?:no(?:\s+one|body)?|none|without|not\s+a\s+single|zero)\b"
    r"(?:\s+(?!(?:but|except|other|more|longer)\b)[\w'’-]+){0,6}?\s+" + _TOLL_CUE + r"\b"
)
_MORE_TOLL = lazy_compile(r"(?i),?\s+(?:or|and|nor)\s+(?:\w+ly\s+)?" + _TOLL_CUE + r"\b")


def _cue_roles(match: re.Match[str]) -> frozenset[str]:
    return next(roles for i, (_, roles) in enumerate(_TOLL_CUES) if match[f"c{i}"] is not None)


# "a man in his twenties has died", "a 19-year-old was killed", "another injured": one
# person, in words. The cue must be passive or intransitive ("a bomb killed" counts no one).
# "The driver, a 52-year-old man, has been arrested": a person named again between commas.
_APPOSITION = r"(?:[\w'’-]+,\s+[^,.;]{1,40},\s+)?"
# An adverb between the auxiliary and the verb of harm: "was later arrested", "is still missing".
_THEN = r"(?:(?:\w+ly|later|also|then|since|still)\s+)?"
_ONE_TOLL = lazy_compile(
    r"(?i)(?:\b(?:a|an|another)\s+(?:[\w'’-]+\s+){0,5}?"
    + _APPOSITION
    + r"|(?:\b(?:the|his|her|their|its)\s+|(?<![\w'’-])(?-i:[A-Z])[\w'’-]*\s+)"
    r"(?:[\w'’-]+\s+){0,5}?"
    + _APPOSITION
    + r"(?=(?:was|is|has\s+been|had\s+been|(?:has\s+|had\s+)?(?:sustained|suffered))\b))"
    # "a 33-year-old man was found shot to death": found, then how
    r"(?:(?:was|is|has\s+been|had\s+been|were)\s+" + _THEN + r"(?:found\s+)?(?P<passive>"
    r"killed|injured|hurt|wounded|martyred|[a-z]+\s+to\s+death|shot\s+dead"
    r"|shot\s+and\s+killed|fatally\s+(?:shot|stabbed|wounded)|shot|stabbed|arrested"
    r"|detained|taken\s+into\s+custody|in\s+custody|grazed|burned|reported\s+missing|missing|dead"
    r"|found\s+dead)"
    r"|(?:has\s+|had\s+)?(?P<died>died|perished|drowned)"
    # "the driver sustained burn injuries", "a woman suffered a broken leg": hurt, actively
    r"|(?:has\s+|had\s+)?(?P<sustained>(?:sustained|suffered)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:injuries|injury|burns|wounds|fractures?|broken\s+\w+))"
    r"|(?:was|has\s+been|had\s+been)\s+(?:(?:[\w'’-]+\s+){1,5}?and\s+)?"
    r"(?P<hospital>(?:taken|rushed|airlifted|flown)\s+to"
    r"\s+(?:a\s+|the\s+)?(?:(?-i:[A-Z])[\w'’-]*\s+){0,4}?hospital|hospitali[sz]ed"
    # "was rescued with serious injuries", "was treated for burns": hurt, whatever the verb
    r"|(?:rescued|found|pulled\s+out|freed|treated|admitted|left)\s+(?:\w+\s+){0,3}?"
    r"(?:with|for)\s+(?:\w+\s+){0,2}?(?:injuries|burns|wounds)))\b"
    r"|\banother\s+(?P<elliptic>injured|wounded|killed|dead)\b"
)
# "police charged a 31-year-old man", "the blast killed a street vendor": one person, the
# object of a verb of harm or arrest.
_ONE_OBJECT = lazy_compile(
    r"(?i)\b(?P<verb>killed|killing|injured|injuring|wounded|wounding|arrested|arresting"
    r"|detained|detaining|charged|charging)\s+(?:a|an)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:man|woman|boy|girl|person|child|teenager|youth|suspect|pedestrian|driver|passenger"
    r"|resident|student|worker|officer|soldier|farmer|vendor|motorist|cyclist|rider)\b"
)
_OBJECT_ROLE = {
    "kill": "killed", "inju": "injured", "woun": "injured", "arre": "arrested",
    "deta": "arrested", "char": "arrested",
}  # fmt: skip
# A quote that opens on a singular verb of harm: its subject, one person, stands before it.
_VERB_FIRST = lazy_compile(
    r"(?i)\s*(?:was|has\s+been|had\s+been)\s+"
    + _THEN
    + r"(?P<verb>killed|injured|hurt|wounded|martyred|arrested|detained|taken\s+into\s+custody"
    r"|reported\s+missing|stabbed|shot\s+dead|found\s+dead)\b"
)
_ONE_ROLE = {
    "killed": "killed", "martyred": "killed", "crushed": "killed", "shot": "killed",
    "died": "killed", "perished": "killed", "drowned": "killed", "dead": "killed",
    "injured": "injured", "hurt": "injured", "wounded": "injured", "grazed": "injured",
    "burned": "injured", "arrested": "arrested", "detained": "arrested",
    "reported": "missing", "found": "killed", "stabbed": "injured", "taken": "arrested",
    "fatally": "killed", "missing": "missing", "in": "arrested",
}  # fmt: skip
# Phrases whose first word alone would mislead: "was shot" is a wound, "shot dead" a death.
_ONE_PHRASE_ROLE = {"shot": "injured"}


# A plural noun right before an active verb of harm ("the riders sustained"), not "bus" or
# "the driver's".
_PLURAL_BEFORE = lazy_compile(r"(?i)[a-z][^s'’]s\s+(?:has\s+|had\s+)?$")


def toll_in_words(text: str, role: str) -> tuple[int, str] | None:
    """A toll of 0 or 1 that ``text`` states without a numeral, as (count, words).

    "Nobody was hurt" states 0 killed and 0 injured; "a cyclist was seriously injured"
    states 1 injured. None when the text states neither for ``role``.
    """
    for match in _ZERO_TOLL.finditer(text):
        roles, end = _cue_roles(match), match.end()
        while more := _MORE_TOLL.match(text, end):  # "killed or injured"
            roles, end = roles | _cue_roles(more), more.end()
        if role in roles:
            return 0, text[match.start() : end]
    first = _VERB_FIRST.match(text)
    if first is not None and _ONE_ROLE.get(first["verb"].split()[0].lower()) == role:
        return 1, first.group()  # "was arrested hours later": a singular verb, its subject before
    for match in _ONE_TOLL.finditer(text):
        if match["sustained"] and _PLURAL_BEFORE.search(text, 0, match.start("sustained")):
            continue  # "the riders sustained minor injuries": no verb says how many
        if match["hospital"] or match["sustained"]:
            told = "injured"  # "a firefighter was taken to hospital", "rescued with injuries"
        else:
            said = (match["passive"] or match["died"] or match["elliptic"]).lower().split()
            told = _ONE_PHRASE_ROLE.get(" ".join(said)) or _ONE_ROLE.get(said[0], "")
            if said[-2:] == ["to", "death"]:
                told = "killed"  # "was trampled to death", "was beaten to death"
        if told == role:
            return 1, match.group()
    for match in _ONE_OBJECT.finditer(text):
        if _OBJECT_ROLE.get(match["verb"][:4].lower()) == role:
            return 1, match.group()
    return None


def nth_of_toll(text: str, role: str) -> tuple[int, str] | None:
    """A toll ``text`` counts by an ordinal, as (count, words): "a third person, a man aged
    19, was arrested" is the third arrest, so three arrested; "a fourth victim has died",
    four killed. None when ``text`` counts none for ``role`` that way."""
    for match in _NTH_TOLL.finditer(text):
        word = (match["passive"] or match["died"]).split()[0].lower()
        if _ONE_ROLE.get(word) == role:
            return int(parse_ordinal(match["nth"]) or 0), match.group()
    return None


# The ordinals that count a toll ("a third person", "a twelfth victim"): not "first".
_NTH_WORDS = "|".join(word for word, n in ORDINALS.items() if 2 <= n <= 20)
_NTH_TOLL = lazy_compile(
    rf"(?i)\b(?:a|an)\s+(?P<nth>{_NTH_WORDS})\s+"
    r"(?:man|woman|person|people|boy|girl|suspect|victim|teenager|youth|child|officer|worker"
    r"|passenger|soldier|body|patient)\b[^.;:]{0,60}?"
    r"(?:(?:was|has\s+been|had\s+been|is)\s+(?:\w+ly\s+)?(?P<passive>"
    r"killed|injured|hurt|wounded|arrested|detained|reported\s+missing)"
    r"|(?:has\s+|had\s+)?(?P<died>died))\b"
)
