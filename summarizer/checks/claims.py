"""Claims outside the figures: numbers in prose, names, dates and event types.

What a reader sees first (headline, summary, descriptions) carries numbers too, so every
generated string is read by the same extractor as the article, and each number found is a
claim with a path (``summary``, ``events[1].description``) checked against the article's
mentions with the rules of :mod:`summarizer.checks.agreement`: value with scale, qualifier, role
when the prose gives one, and unit. A vague paraphrase of an event count is accepted when
the article implies it ("dozens killed" when the article says "at least 40 killed").

Names (actors, locations) must ground in the article, word by word (a demonym grounds its
country: "Ukrainian" for "Ukraine"); dates must ground and resolve against the dateline; an
event type needs at least one of its cue words in the article to be confirmed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from summarizer.checks.agreement import (
    counts_places,
    fair_reading,
    qualifier_ok,
    role_agreement,
    same,
    toll_in_words,
    toll_of_places,
    unit_problem,
    value_match,
)
from summarizer.checks.grounding import QuoteAligner
from summarizer.checks.wording import with_article
from summarizer.numbers import NumberMention, extract_numbers, role_cue_near
from summarizer.schema import (
    ClaimCheck,
    ClaimKind,
    ClaimStatus,
    Event,
    MentionRef,
    SummaryDraft,
    max_length_of,
)
from summarizer.text.dates import article_dates, parse_dateline, resolve_date_text
from summarizer.text.fold import fold
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.places import countries_by_place, country_forms, country_phrases
from summarizer.vocabulary import CASUALTY_ROLES, EVENT_ROLES, EVENT_TYPE_CUES, FORM_ROLES


def _word_set(spaced: str) -> frozenset[str]:
    """A word set written as one space-separated string (long lists stay readable)."""
    return frozenset(spaced.split())


# Words that carry no name: a location or actor may add them without the article's words.
_GENERIC = _word_set(
    "the of and in on at near to from by for with a an its their his her north south east "
    "west northern southern eastern western central northeast northwest southeast "
    "southwest city town village region province state district county area country "
    "capital border coast outskirts suburb suburbs port island lake river sea people "
    "residents civilians forces force troops army military police government officials "
    "authorities local regional national federal unknown unidentified group groups "
    "members member rescuers rescue workers crews emergency services company operator "
    "spokesman spokeswoman spokesperson minister ministry agency president leader leaders "
)
_GENERIC |= _word_set(
    "alleged suspected reported unnamed armed exchange market markets stock stocks "
    "mr mrs ms mx dr prof sir dame st "
)
_STOP = _word_set(
    "the a an of in on at to from by for with and or but was were is are be been as that "
    "this these those it its their his her than then there here which who whom what when "
    "where while after before during since about over under into onto per "
)
_WORDS = lazy_compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_DAY = rf"{_MONTH_NAME}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?"
# Words that tie a clause to a time: a year ("in 2019", "since August 2023", "a 2018 quake"),
# a time counted back from the dateline ("last year", "three years ago", "last week"), or
# one with no date at all ("in the past", "the previous quake").
_BACKGROUND = lazy_compile(
    r"\b(?:in|during|since|back\s+in|by|until)\s+(?:(?:early|late|mid|mid-)\s*)?"
    rf"(?:{_MONTH_DAY})?(?P<year>{_YEAR})\b"
    rf"|\b{_MONTH_DAY}(?P<year4>{_YEAR})\b"
    rf"|\b(?:the|a|an|its|their)\s+(?P<year2>{_YEAR})\b(?!\s*[-–]\s*\d)"
    rf"|^\W*(?P<year3>{_YEAR})\b"
    r"|\b(?P<this>this|last)\s+(?P<last>year|month|week)\b|\b(?P<ago>\w+|\d+)\s+years?\s+ago\b"
    r"|\ba\s+decade\s+ago\b|\bin\s+the\s+past\b"
    r"|\b(?:previous|earlier|last|prior|past)\s+(?:\w+\s+)?(?:quake|earthquake|storm|cyclone"
    r"|hurricane|typhoon|attack|attacks|disaster|war|sinking|fire|blast|explosion|flood|floods"
    r"|collapse|conflict|accident|crash|tragedy|eruption|tsunami|outbreak)\b",
    flags=2,  # re.IGNORECASE
)
_AGO_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
Period = tuple[dt.date, dt.date]
_CLOSE = lazy_compile(r"[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s*")  # up to four words, no comma
_TEXT_FIELDS = ("description", "location", "attribution")
_VAGUE_OK = frozenset({"at_least", "more_than", "at_most", "less_than"})


class ArticleText:
    """What the checks derive from an article's text alone, computed once per article.

    Cached across calls (:func:`article_text`): a re-ask verifies the same article again,
    and folding it, indexing its words and resolving its dates are most of a verify's cost.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.aligner = QuoteAligner(text)
        self.folded = " " + " ".join(fold(text).split()) + " "
        self.words = frozenset(_WORDS.findall(self.folded))
        self.stems = frozenset(word[:5] for word in self.words if len(word) >= 5)
        self._dates: dict[dt.date | None, set[dt.date]] = {}
        self._cues: dict[str, bool] = {}
        self._countries: set[int] | None = None
        self._countries_by_place: set[int] | None = None

    @property
    def countries(self) -> set[int]:
        """The countries the article names in any form (name, short form, adjectival)."""
        if self._countries is None:
            self._countries = country_forms(self.text)
        return self._countries

    @property
    def countries_by_place(self) -> set[int]:
        """The countries whose provinces or capitals the article names."""
        if self._countries_by_place is None:
            self._countries_by_place = countries_by_place(self.text)
        return self._countries_by_place

    def dates(self, dateline: dt.date | None) -> set[dt.date]:
        found = self._dates.get(dateline)
        if found is None:
            found = self._dates[dateline] = article_dates(self.text, dateline)
        return found

    def has_cue(self, event_type: str) -> bool | None:
        """Whether a cue word of ``event_type`` occurs (None: the type has no cue words)."""
        if event_type not in self._cues:
            pattern = _cue_pattern(event_type)
            if pattern is None:
                return None
            self._cues[event_type] = bool(pattern.search(self.folded))
        return self._cues[event_type]


@lru_cache(maxsize=16)
def article_text(text: str) -> ArticleText:
    return ArticleText(text)


@dataclass
class ArticleFacts:
    """One article with its (screened) mentions and dateline, as the checks need them."""

    text: str
    mentions: Sequence[NumberMention]
    dateline: dt.date | None
    derived: ArticleText
    by_value: dict[float, list[NumberMention]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(
        cls, text: str, mentions: Sequence[NumberMention], dateline: dt.date | None = None
    ) -> ArticleFacts:
        if dateline is None:
            parsed = parse_dateline(text)
            dateline = parsed.date if parsed else None
        facts = cls(text, mentions, dateline, article_text(text))
        for mention in mentions:  # every value a mention states, ends of ranges included
            facts.by_value.setdefault(float(mention.value), []).append(mention)
            if mention.value_high is not None:
                facts.by_value.setdefault(float(mention.value_high), []).append(mention)
        return facts

    @property
    def aligner(self) -> QuoteAligner:
        return self.derived.aligner

    @property
    def folded(self) -> str:
        return self.derived.folded

    @property
    def words(self) -> frozenset[str]:
        return self.derived.words

    @property
    def stems(self) -> frozenset[str]:
        return self.derived.stems

    @property
    def dates(self) -> set[dt.date]:
        return self.derived.dates(self.dateline)

    def stating(self, value: float) -> list[NumberMention]:
        """Mentions that state ``value`` (as written, or as one end of a range)."""
        found = self.by_value.get(float(value))
        if found is not None or float(value).is_integer():
            return found or []
        return [m for m in self.mentions if value_match(value, m) in ("value", "low", "high")]

    def year_of(self, date: dt.date | None) -> int | None:
        """The year an event happened: its own date, else the dateline's."""
        if date is not None:
            return date.year
        return self.dateline.year if self.dateline else None

    def event_time(self, event: Event) -> tuple[int | None, dt.date | None]:
        """(year, date) of an event, from the first of: its date; the date its ``date_text``
        resolves to; a time its ``date_text`` or (undated) description names ("July 2023",
        "last year", "the 2019 vote"); the dateline's year. An event of another year owns
        that year's tolls."""
        if event.date is not None:
            return event.date.year, event.date
        for text in (event.date_text or "", event.description):
            if not text:
                continue
            if text is event.date_text:
                resolved = resolve_date_text(text, self.dateline)
                if resolved is not None:
                    return resolved.year, resolved
            for anchor in _BACKGROUND.finditer(text):
                period = anchor_period(anchor, self.dateline)
                if period is not None and period[0].year == period[1].year:
                    return period[0].year, (period[0] if period[0] == period[1] else None)
        return self.year_of(None), None


def check_claims(draft: SummaryDraft, facts: ArticleFacts) -> list[ClaimCheck]:
    """Every number in prose, every name, date and event type of ``draft``."""
    times = {f"events[{i}]": facts.event_time(event) for i, event in enumerate(draft.events)}
    checks = check_prose_numbers(prose_fields(draft), facts, times)
    checks += check_prose_names(name_fields(draft), facts)
    wrong_date = draft.article_date is not None and draft.article_date != facts.dateline
    if wrong_date and draft.article_date is not None and facts.dateline is not None:
        # Only a wrong one is reported: the pipeline writes the dateline there itself, so a
        # stored result and a fresh one carry the same checks.
        checks.append(check_article_date(draft.article_date, facts.dateline))
    for index, event in enumerate(draft.events):
        where = f"events[{index}]"
        for number, actor in enumerate(event.actors):
            checks.append(check_name(f"{where}.actors[{number}]", actor.name, facts))
        if event.location.strip():
            checks.append(check_name(f"{where}.location", event.location, facts, place=True))
        if event.date is not None or event.date_text:
            checks.append(check_date(f"{where}.date", event.date, event.date_text, facts))
        if event.event_type != "other":
            type_check = check_event_type(f"{where}.event_type", event.event_type, facts)
            if type_check is not None:
                checks.append(type_check)
    return checks + check_cut_texts(draft)


# A text that ends a sentence: its last mark (before closing quotes or brackets).
_SENTENCE_END = lazy_compile(r"[.!?…][\"'”’)\]]*\s*\Z")


def check_cut_texts(draft: SummaryDraft) -> list[ClaimCheck]:
    """Headline, summary and descriptions that stop at their length limit mid-sentence.

    A grammar bounds every string (llama.cpp turns maxLength into the grammar), so a model
    that runs long is cut off there ("... The death toll is "), and the text is still
    valid. The reader is told, as a ``cut`` claim; the text is kept.
    """
    fields = [("headline", draft.headline, "headline"), ("summary", draft.summary, "summary")]
    fields += [
        (f"events[{index}].description", event.description, "description")
        for index, event in enumerate(draft.events)
    ]
    checks = []
    for path, text, name in fields:
        owner = SummaryDraft if name != "description" else Event
        limit = max_length_of(owner, name)
        if limit is None or len(text) < limit or _SENTENCE_END.search(text):
            continue
        checks.append(
            _claim(
                path,
                "format",
                "..." + text[-40:].lstrip(),
                "cut",
                f"stops at its {limit}-character limit in mid-sentence; the rest was never written",
            )
        )
    return checks


def prose_fields(draft: SummaryDraft) -> list[tuple[str, str]]:
    """(path, text) of every generated string that may state a number."""
    fields = [("headline", draft.headline), ("summary", draft.summary)]
    for index, event in enumerate(draft.events):
        where = f"events[{index}]"
        for name in _TEXT_FIELDS:
            value = getattr(event, name)
            if value:
                fields.append((f"{where}.{name}", value))
        for number, actor in enumerate(event.actors):
            fields.append((f"{where}.actors[{number}].name", actor.name))
        for suffix, figure in event.all_figures():
            if figure.noun:
                fields.append((f"{where}.{suffix}.noun", figure.noun))
    for index, figure in enumerate(draft.key_figures):
        if figure.noun:
            fields.append((f"key_figures[{index}].noun", figure.noun))
    return fields


def name_fields(draft: SummaryDraft) -> list[tuple[str, str]]:
    """(path, text) of every generated sentence that may name a person, body or place."""
    fields = [("headline", draft.headline), ("summary", draft.summary)]
    for index, event in enumerate(draft.events):
        fields.append((f"events[{index}].description", event.description))
        if event.attribution:
            fields.append((f"events[{index}].attribution", event.attribution))
    return fields


# ---------------------------------------------------------------------------
# Names in prose
# ---------------------------------------------------------------------------


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
        before = text[: run.start()].rstrip()
        opens = (
            not before
            or before[-1] in _SENTENCE_ENDS
            or text[run.start() - 3 : run.start()] == " - "
        )
        while words and (words[0].lower() in _STOP or words[0].lower() in _CALENDAR):
            words, opens = words[1:], False
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
    words = [w for w in _WORDS.findall(text) if w.lower() not in _STOP]
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
_SENTENCE_ENDS = frozenset('.!?:;"“”([—–•\n')
# Capitalised tokens that name no one: currency codes and units ("USD", "Rs", "GW", "MW"),
# abbreviated months and weekdays, Roman-numeral-free list markers.
_NOT_A_NAME = lazy_compile(
    r"(?:USD|EUR|GBP|JPY|CNY|INR|RUB|UAH|CHF|AUD|CAD|Rs|Sh|KSh|US\$|GW|MW|kW|kWh|GWh|MWh|TWh"
    r"|km|Km|KM|mph|kph|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri"
    r"|Sat|Sun|Q[1-4]|H[12]|FY\d*)\.?"
)
_NAME_JOINERS = _word_set("of de da del al bin van von la le du")
_CALENDAR = _word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december"
)


# ---------------------------------------------------------------------------
# Numbers in prose
# ---------------------------------------------------------------------------


def check_prose_numbers(
    fields: list[tuple[str, str]],
    facts: ArticleFacts,
    times: dict[str, tuple[int | None, dt.date | None]] | None = None,
) -> list[ClaimCheck]:
    """Read every field with the extractor (in one pass) and check each number found.

    A text repeated in several fields (a summary copied into a description) is read once;
    ``times`` gives the (year, date) of an event by its path prefix (``events[2]``), so a
    number in that event's fields is judged against that event's time, not the dateline's.
    """
    unique: dict[str, int] = {}
    for _, text in fields:
        if text not in unique and _MAY_HOLD_NUMBER.search(text):
            unique[text] = len(unique)
    if not unique:
        return []
    # One extractor call over all texts, paragraphs apart so no sentence spans two of them.
    offsets: list[int] = []
    position = len(_PREFIX)
    for text in unique:
        offsets.append(position)
        position += len(text) + len(_SEPARATOR)
    joined = _PREFIX + _SEPARATOR.join(unique)
    found: list[list[NumberMention]] = [[] for _ in unique]
    index = 0
    for mention in extract_numbers(joined):
        while index + 1 < len(offsets) and mention.start >= offsets[index + 1]:
            index += 1
        found[index].append(mention)
    judged: dict[tuple[int, tuple[int | None, dt.date | None] | None], list[ClaimCheck]] = {}
    checks: list[ClaimCheck] = []
    for path, text in fields:
        number = unique.get(text)
        if number is None:
            continue
        when = (times or {}).get(path.split(".", 1)[0]) if path.startswith("events[") else None
        key = (number, when)
        if key not in judged:
            judged[key] = [
                check_prose_number("", m, facts, prose=joined, when=when) for m in found[number]
            ]
        checks += [check.model_copy(update={"path": path}) for check in judged[key]]
    return checks


_PREFIX = "Summary.\n\n"  # keeps a leading ISO date of the headline from reading as a dateline
_SEPARATOR = "\n\n"
_MAY_HOLD_NUMBER = lazy_compile(
    r"\d|[¼½¾⅓⅔]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|scores|"
    r"half|third|quarter|first|second|fourth|fifth|sixth|seventh|eighth|ninth|tenth|several|"
    r"hundreds|thousands|millions|lakh|crore)\b",
    flags=2,  # re.IGNORECASE
)


def check_prose_number(
    path: str,
    claim: NumberMention,
    facts: ArticleFacts,
    *,
    prose: str | None = None,
    when: tuple[int | None, dt.date | None] | None = None,
) -> ClaimCheck:
    """One number read from a generated string (``prose``, the text ``claim`` was read
    from), against the article's mentions.

    A role clash is a contradiction only when a cue of the role stands right beside the
    number in the prose ("40 were killed"); a role the extractor inferred across a clause is
    compared too, but a clash is then ``unconfirmed`` (the prose may not say it). ``when`` is
    the (year, date) of the event the prose describes (default: the dateline's).
    """
    status, reason, mention = _judge_prose(claim, facts, when)
    if (
        status == "role_mismatch"
        and mention is not None
        and prose is not None
        and role_cue_near(prose, claim.start, claim.end, mention.role, words=1)
    ):
        # "Man killed, four injured": a cue of the article's role stands right beside the
        # number too; the prose says what the article says, whichever cue the reading
        # picked. ("killed 26 people and injured over 100" is no such case: two words away.)
        again = _judge_prose(replace(claim, role=mention.role), facts, when)
        if again[0] == "verified":
            status, reason, mention = again
    if status == "role_mismatch" and not (
        claim.role in EVENT_ROLES
        and (prose is None or role_cue_near(prose, claim.start, claim.end, claim.role))
    ):
        status = "unconfirmed"
    return ClaimCheck.model_construct(  # every field given: nothing to default or copy
        path=path,
        kind="number",
        text=claim.text,
        status=status,
        reason=reason,
        value=claim.value,
        qualifier=claim.qualifier,
        role=claim.role,
        mention=mention_ref(mention) if mention is not None else None,
    )


def _judge_prose(
    claim: NumberMention,
    facts: ArticleFacts,
    when: tuple[int | None, dt.date | None] | None = None,
) -> tuple[ClaimStatus, str, NumberMention | None]:
    if claim.role in CASUALTY_ROLES and counts_places(claim):
        claim = replace(claim, role="other_count")  # "28 deaths in 26 states": 26 is places
    said = f"{claim.text!r} ({claim.qualifier}, {claim.role})"
    if claim.role in ("date_or_year", "time", "ordinal"):
        return _judge_calendar(claim, facts)
    if claim.qualifier == "range" and claim.value_high is not None:
        return _judge_range(claim, facts)
    found = facts.stating(claim.value)
    if not found:
        implied = _implied(claim, facts)
        if implied is not None:
            return "verified", f"implied by the article's {_brief(implied)}", implied
        in_words = _toll_in_words(claim, facts)
        if in_words:
            return "verified", in_words, None
        derived = _fair_reading(claim, facts, when)
        if derived is not None:
            return "verified", f"a fair reading of the article: {derived[0]}", derived[1][0]
        return "not_in_article", f"{said} appears nowhere in the article", None
    undecided: NumberMention | None = None
    background: tuple[NumberMention, str] | None = None
    clash: NumberMention | None = None
    wrong_qualifier: NumberMention | None = None
    wrong_unit: tuple[NumberMention, str] | None = None
    for mention in found:
        how = value_match(claim.value, mention) or "value"
        agreement = _prose_role_agreement(claim.role, mention.role)
        if claim.role in CASUALTY_ROLES and toll_of_places(claim.role, claim.noun, mention):
            agreement = "clash"  # "7 injured" is not "taken to 7 hospitals"
        if agreement == "clash":
            clash = clash or mention
            continue
        if not _prose_qualifier_ok(claim, mention, how):
            wrong_qualifier = wrong_qualifier or mention
            continue
        problem = unit_problem(claim.noun, mention, how)
        if problem:
            wrong_unit = wrong_unit or (mention, problem)
            continue
        if agreement == "undecided":
            undecided = undecided or mention
            continue
        anchor = _background_toll(claim, mention, facts, when)
        if anchor:
            background = background or (mention, anchor)
            continue
        return "verified", f"matches the article's {_brief(mention)}", mention
    implied = _implied(claim, facts)
    if implied is not None:
        return "verified", f"implied by the article's {_brief(implied)}", implied
    in_words = _toll_in_words(claim, facts)
    if in_words:
        return "verified", in_words, None
    if background is not None:
        mention, anchor = background
        reason = (
            f"{said} is the article's {_brief(mention)} from a sentence about another time "
            f"({anchor!r}), told here as this event's"
        )
        return "other_event", reason, mention
    if undecided is not None:
        reason = (
            f"{said} matches the article's {_brief(undecided)}, a number the rules could not "
            f"classify; {claim.role} is not confirmed"
        )
        return "unconfirmed", reason, undecided
    if wrong_unit is not None:
        return "unit_mismatch", f"{said}: {wrong_unit[1]}", wrong_unit[0]
    if wrong_qualifier is not None:
        reason = f"{said} but the article says {_brief(wrong_qualifier)}"
        return "qualifier_mismatch", reason, wrong_qualifier
    assert clash is not None
    return "role_mismatch", f"{said} but in the article it counts {clash.role}", clash


def _toll_in_words(claim: NumberMention, facts: ArticleFacts) -> str:
    """A toll of none or one the article states in words ("a constable was martyred" for
    "one policeman killed"), as the reason, or ""."""
    if claim.role not in CASUALTY_ROLES or claim.value not in (0, 1):
        return ""
    found = toll_in_words(facts.text, claim.role)
    if found is None or found[0] != claim.value:
        return ""
    return f"the article says it in words: {found[1]!r}"


def _fair_reading(
    claim: NumberMention,
    facts: ArticleFacts,
    when: tuple[int | None, dt.date | None] | None,
) -> tuple[str, list[NumberMention]] | None:
    """A range's midpoint, a rounding or a sum of the article's own numbers, leaving out
    tolls of another time (see :func:`summarizer.checks.agreement.fair_reading`)."""
    year, date = when or (facts.year_of(None), None)
    current = [
        m
        for m in facts.mentions
        if not (
            m.role in CASUALTY_ROLES and year and background_anchor(m, year, date, facts.dateline)
        )
    ]
    found = fair_reading(claim.value, claim.qualifier, claim.role, current, claim.noun)
    if found is not None and len(found[1]) == 1 and unit_problem(claim.noun, found[1][0], "value"):
        return None
    return found


def _background_toll(
    claim: NumberMention,
    mention: NumberMention,
    facts: ArticleFacts,
    when: tuple[int | None, dt.date | None] | None = None,
) -> str:
    """The anchor that makes a toll in prose another event's, or "".

    A casualty count in prose that the article gives only in a sentence about another time
    ("In 2019 a cyclone killed 77") is that event's toll, unless the prose sentence says so
    itself ("77 died in 2019").
    """
    if mention.role not in CASUALTY_ROLES or claim.role not in (mention.role, "other_count"):
        return ""
    year, date = when or (facts.year_of(None), None)
    if year is None:
        return ""
    anchor = background_anchor(mention, year, date, facts.dateline)
    if not anchor or _BACKGROUND.search(claim.sentence):
        return ""
    return anchor


def _prose_qualifier_ok(claim: NumberMention, mention: NumberMention, how: str) -> bool:
    """A bare number in prose repeats the article's approximate one ("31,400 hectares" for
    "about 31,400 hectares"): the hedge is the article's, and the prose claims no precision
    it lacks. Only a word of precision ("exactly 31,400") would."""
    if qualifier_ok(claim.qualifier, mention, how):
        return True
    return (
        claim.qualifier == "exact"
        and mention.qualifier == "approximately"
        and not _PRECISE.search(claim.sentence)
    )


_PRECISE = lazy_compile(r"(?i)\b(?:exactly|precisely|just)\b")


def _prose_role_agreement(claimed: str, stated: str) -> str:
    """Prose states a role only through its own cue words; without one it claims none."""
    if claimed == "other_count":
        return "clash" if stated in FORM_ROLES and stated != "money" else "agree"
    if claimed == "population" and stated not in FORM_ROLES:
        return "agree" if stated in ("population", "other_count", "displaced") else "clash"
    return role_agreement(claimed, stated)


def _implied(claim: NumberMention, facts: ArticleFacts) -> NumberMention | None:
    """An article count that implies a vague bound in prose ("dozens killed" from "at least
    40 killed"); a toll from a sentence about another time implies nothing."""
    if claim.qualifier not in _VAGUE_OK or claim.role not in EVENT_ROLES:
        return None
    if any(ch.isdigit() for ch in claim.text):
        return None  # "at least 233" is a number of its own, not a paraphrase
    year = facts.year_of(None)
    lower = claim.qualifier in ("at_least", "more_than")
    inclusive = claim.qualifier in ("at_least", "at_most")
    allowed = _LOWER_BOUNDS if lower else _UPPER_BOUNDS
    for mention in facts.mentions:
        if mention.role != claim.role or mention.qualifier not in allowed:
            continue
        beyond = mention.value > claim.value if lower else mention.value < claim.value
        if (beyond or (inclusive and same(mention.value, claim.value))) and not (
            year and background_anchor(mention, year, None, facts.dateline)
        ):
            return mention
    return None


_LOWER_BOUNDS = frozenset({"exact", "at_least", "more_than", "range"})
_UPPER_BOUNDS = frozenset({"exact", "at_most", "less_than"})


def _judge_range(
    claim: NumberMention, facts: ArticleFacts
) -> tuple[ClaimStatus, str, NumberMention | None]:
    assert claim.value_high is not None
    for mention in facts.mentions:
        if (
            mention.qualifier == "range"
            and mention.value_high is not None
            and same(mention.value, claim.value)
            and same(mention.value_high, claim.value_high)
        ):
            return "verified", f"matches the article's {_brief(mention)}", mention
    ends = [bool(facts.stating(v)) for v in (claim.value, claim.value_high)]
    if all(ends):
        return (
            "unconfirmed",
            f"both ends of {claim.text!r} are in the article, not as a range",
            None,
        )
    return "not_in_article", f"the range {claim.text!r} is not in the article", None


def _judge_calendar(
    claim: NumberMention, facts: ArticleFacts
) -> tuple[ClaimStatus, str, NumberMention | None]:
    """Years, days of the month, times and ordinals: the article must state the value."""
    for mention in facts.mentions:
        if same(mention.value, claim.value) and (
            mention.role == claim.role or claim.role == "ordinal"
        ):
            return "verified", f"matches the article's {_brief(mention)}", mention
    if claim.role == "date_or_year":
        days = {d.day for d in facts.dates} if "day" in claim.noun else set()
        years = {d.year for d in facts.dates}
        if claim.value in days or claim.value in years:
            return "verified", f"{claim.text!r} matches a date the article gives", None
    if claim.role == "ordinal":
        return "unconfirmed", f"the article states no ordinal {claim.text!r}", None
    return "not_in_article", f"{claim.text!r} ({claim.role}) appears nowhere in the article", None


# ---------------------------------------------------------------------------
# Names, dates, event types
# ---------------------------------------------------------------------------


def _claim(path: str, kind: ClaimKind, text: str, status: ClaimStatus, reason: str) -> ClaimCheck:
    """A claim without a number (every field given: nothing for pydantic to default)."""
    return ClaimCheck.model_construct(
        path=path,
        kind=kind,
        text=text,
        status=status,
        reason=reason,
        value=None,
        qualifier=None,
        role=None,
        mention=None,
    )


def check_name(path: str, name: str, facts: ArticleFacts, *, place: bool = False) -> ClaimCheck:
    """An actor or location must ground in the article, word by word.

    A ``place`` is judged on its names only ("Lyon, including its suburbs" on "Lyon"); a
    country may be named by any of its forms ("Dutch" for the Netherlands).
    """
    status, reason = _judge_name(name, facts, place=place)
    return _claim(path, "name", name, status, reason)


def _judge_name(name: str, facts: ArticleFacts, *, place: bool = False) -> tuple[ClaimStatus, str]:
    folded = " ".join(fold(name).split())
    if folded and f" {folded} " in facts.folded:
        return "verified", "the name is in the article"
    # Countries first, in whichever form the article uses; the rest word by word.
    rest = folded
    absent: list[str] = []
    located = False
    for start, end, country in reversed(country_phrases(name)):
        if country in facts.derived.countries_by_place and country not in facts.derived.countries:
            located = True  # "Bihar, India": the article names Bihar, a state of India
        elif country not in facts.derived.countries:
            absent.append(folded[start:end])
        rest = rest[:start] + " " * (end - start) + rest[end:]
    missing_proper: list[str] = []
    missing_common: list[str] = []
    for raw in _WORDS.findall(_original_case(name, folded, rest)):
        raw = _POSSESSIVE.sub("", raw)
        word = fold(raw)
        if word in _GENERIC or word in _STOP or len(word) < 2:
            continue
        proper = raw[:1].isupper()
        if word in facts.words or (len(word) >= 5 and word[:5] in facts.stems):
            continue
        if len(word) >= 4 and any(w.startswith(word) for w in facts.words if len(w) > len(word)):
            continue
        if place and not proper:
            continue  # "including its suburbs": a place is judged on its names
        if raw.isupper() and _spelled_out(raw, facts.text):
            continue  # "HC" for the article's "High Court"
        (missing_proper if proper else missing_common).append(raw)
    if (missing_proper or missing_common or absent) and _initials_in(name, facts.text):
        return "verified", "the article names it by its initials"
    if missing_proper:
        return "name_not_in_article", f"{', '.join(missing_proper)} is not in the article"
    if located and not absent and not missing_common:
        return "verified", "the article names a province or capital of the country"
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


def _spelled_out(initials: str, text: str) -> bool:
    """Initials whose words the article writes out ("HC" for "High Court", "PDP" for
    "Peoples Democratic Party"), capitals as written, "of"/"the"/"and" between them free."""
    if not 2 <= len(initials) <= 6 or not initials.isalpha():
        return False
    gap = r"[\s-]+(?:(?:of|the|and|for|&)\s+)*"
    pattern = r"\b" + gap.join(rf"{re.escape(c)}[^\W\d_]*" for c in initials) + r"\b"
    return _search_cached(pattern, text)


@lru_cache(maxsize=256)
def _search_cached(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def _initials_in(name: str, text: str) -> bool:
    """ "United States" as "US" or "U.S.", "United Nations" as "UN" (capitals as written)."""
    capitals = [w[0] for w in _WORDS.findall(name) if w[:1].isupper() and w.lower() not in _STOP]
    if len(capitals) < 2:
        return False
    initials = "".join(capitals)
    dotted = r"\.".join(capitals) + r"\.?"
    return bool(re.search(rf"\b(?:{initials}|{dotted})(?![\w.])", text))


def check_date(
    path: str, date: dt.date | None, date_text: str | None, facts: ArticleFacts
) -> ClaimCheck:
    """``date_text`` must ground in the article and ``date`` equal its resolution."""
    status, reason = _judge_date(date, date_text, facts)
    text = date_text or (date.isoformat() if date else "")
    return _claim(path, "date", text, status, reason)


def _judge_date(
    date: dt.date | None, date_text: str | None, facts: ArticleFacts
) -> tuple[ClaimStatus, str]:
    against = f" against the dateline {facts.dateline}" if facts.dateline else ""
    if date_text and date_text.strip():
        grounding = facts.aligner.ground(date_text)
        if grounding.match == "none":
            return "date_not_in_article", f"{date_text!r} is not in the article"
        resolved = resolve_date_text(date_text, facts.dateline)
        if resolved is not None:
            if date is not None and resolved != date:
                return "date_mismatch", (
                    f"{date_text!r} resolves to {resolved.isoformat()}{against}, "
                    f"not {date.isoformat()}"
                )
            return "verified", f"{date_text!r} resolves to {resolved.isoformat()}{against}"
        if date is None:
            return "verified", f"{date_text!r} is in the article"
        coarse = _coarse_date(date_text)
        if coarse is not None and date is not None:
            year, month = coarse
            if date.year == year and (month is None or date.month == month):
                unit = "month" if month else "year"
                return "verified", f"{date_text!r} names the {unit} of {date.isoformat()}"
    assert date is not None
    if date in facts.dates:
        return "verified", f"{date.isoformat()} is a date the article gives{against}"
    return "unconfirmed", f"no date in the article resolves to {date.isoformat()}{against}"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_COARSE_DATE = lazy_compile(
    rf"\b(?:(?P<month>{_MONTH_NAME})\s+)?(?P<year>{_YEAR})\b(?!\s*[-–]\s*\d)", flags=2
)


def _coarse_date(date_text: str) -> tuple[int, int | None] | None:
    """(year, month or None) of a date text naming no day: "March 2021", "the 2019 vote"."""
    match = _COARSE_DATE.search(date_text)
    if match is None:
        return None
    month = match["month"]
    number = None
    if month:
        number = _MONTHS.index(month.rstrip(".").lower()[:3]) + 1
    return int(match["year"]), number


def check_article_date(article_date: dt.date, dateline: dt.date) -> ClaimCheck:
    """The summary's ``article_date`` is the article's dateline, nothing else."""
    text = article_date.isoformat()
    if article_date == dateline:
        return _claim("article_date", "date", text, "verified", "the article's dateline")
    reason = f"the article's dateline is {dateline.isoformat()}, not {text}"
    return _claim("article_date", "date", text, "date_mismatch", reason)


def check_event_type(path: str, event_type: str, facts: ArticleFacts) -> ClaimCheck | None:
    """An event type with none of its cue words in the article is unconfirmed."""
    found = facts.derived.has_cue(event_type)
    if found is None:
        return None
    if found:
        status: ClaimStatus = "verified"
        reason = f"the article has words of {with_article(event_type)}"
    else:
        status = "unconfirmed"
        reason = f"no word of {with_article(event_type.replace('_', ' '))} occurs in the article"
    return _claim(path, "event_type", event_type, status, reason)


@cache
def _cue_pattern(event_type: str) -> Any:
    stems = EVENT_TYPE_CUES.get(event_type)  # type: ignore[call-overload]
    if not stems:
        return None
    return lazy_compile(r"\b(?:" + "|".join(stem.replace(" ", r"\s+") for stem in stems) + ")")


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def background_anchor(
    mention: NumberMention,
    event_year: int,
    event_date: dt.date | None = None,
    dateline: dt.date | None = None,
) -> str:
    """The words that anchor ``mention``'s clause to another time than the event's.

    "In 1999, a cyclone killed nearly 10,000 people": a toll from such a sentence is
    background, not this event's. The anchor nearest before the number wins (else the
    nearest after it), so "In 2019 ... claimed 104 lives, and ... in 1996 killed 800" gives
    each toll its own year; an anchor a few words after the number, in its clause, wins over
    both ("57 so far this year, compared with 66 last year"). A time counted back from the ``dateline`` ("last year", "three
    years ago", "last week") is resolved and compared with the event's year, or with its
    ``event_date`` when known. Returns "" when the sentence is about the event's time.
    """
    sentence = mention.sentence
    anchors = list(_BACKGROUND.finditer(sentence))
    if not anchors:
        return ""
    at = sentence.find(mention.text)
    end = at + len(mention.text)
    right_after = [
        a for a in anchors if a.start() >= end and _CLOSE.fullmatch(sentence[end : a.start()])
    ]
    before = [a for a in anchors if a.start() < at]
    anchor = right_after[0] if right_after else before[-1] if before else anchors[0]
    period = anchor_period(anchor, dateline)
    if period is not None:
        event: Period = (
            (event_date, event_date)
            if event_date is not None
            else (dt.date(event_year, 1, 1), dt.date(event_year, 12, 31))
        )
        if period[0] <= event[1] and event[0] <= period[1]:
            return ""
    return str(anchor.group())


def anchor_period(anchor: re.Match[str], dateline: dt.date | None) -> Period | None:
    """The days a time anchor can mean (None: another time, with no date to compare)."""
    year = anchor["year"] or anchor["year2"] or anchor["year3"] or anchor["year4"]
    if year is not None:
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    if dateline is None:
        return None
    last = (anchor["last"] or "").lower()
    if last and anchor["this"].lower() == "this":  # "so far this year": the dateline's time
        start = {
            "year": dateline.replace(month=1, day=1),
            "month": dateline.replace(day=1),
            "week": dateline - dt.timedelta(days=dateline.weekday()),
        }[last]
        return start, dateline
    if last == "year":
        return dt.date(dateline.year - 1, 1, 1), dt.date(dateline.year - 1, 12, 31)
    if last == "month":
        end = dateline.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    if last == "week":  # the calendar week before the dateline's
        monday = dateline - dt.timedelta(days=dateline.weekday())
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    ago = (anchor["ago"] or "").lower()
    count = int(ago) if ago.isdigit() else _AGO_WORDS.get(ago)
    if count is not None:
        return dt.date(dateline.year - count, 1, 1), dt.date(dateline.year - count, 12, 31)
    if anchor.group().lower().startswith("a decade"):
        return dt.date(dateline.year - 10, 1, 1), dt.date(dateline.year - 10, 12, 31)
    return None


def context_words(text: str) -> set[str]:
    """Content words of a short text, folded: what a noun and a context have in common."""
    return {w for w in (fold(raw) for raw in _WORDS.findall(text)) if len(w) > 2 and w not in _STOP}


@lru_cache(maxsize=1024)
def mention_ref(mention: NumberMention) -> MentionRef:
    """The report's copy of a mention (shared: the same article is checked again on re-asks)."""
    return MentionRef.model_construct(
        value=mention.value,
        value_high=mention.value_high,
        text=mention.text,
        start=mention.start,
        end=mention.end,
        qualifier=mention.qualifier,
        role=mention.role,
        noun=mention.noun,
    )


def _brief(mention: NumberMention) -> str:
    value = f"{mention.value:g}"
    if mention.qualifier == "range" and mention.value_high is not None:
        value = f"{value}-{mention.value_high:g}"
    return f"'{mention.text}' = {value} ({mention.qualifier}, {mention.role})"
