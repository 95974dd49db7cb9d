"""The incident reader (no model): which happening each number of an article belongs to.

A news article reports several incidents: the attack, a separate strike the same night, the
retaliation the day before, last year's disaster for comparison. The reader walks the
article's sentences (:func:`summarizer.numbers.sentence_spans`, the extractor's own split)
and reads each one's anchors:

- *places*: the names :mod:`summarizer.checks.incident_places` reads as places, and "the
  city", "the region", "the capital" continuing the last place of that kind;
- *dates*: the article's date phrases resolved against the dateline by
  :func:`summarizer.text.dates.find_dates`; a date beside a verb of saying ("said on Thursday")
  dates the report, not the happening, and anchors nothing;
- *background*: a past year ("in 2019", "the 2010 collapse", "since August 2023, when"),
  "last year", "years ago", "the previous quake": the clause from there on is another time;
- *event-type cues*: the words of :data:`summarizer.vocabulary.EVENT_TYPE_CUES`.

A sentence whose new explicit anchors (a date or a specific place) do not fit the current
incident switches to the latest incident they fit, or starts a new one when it also names a
happening (an event cue); a definite mention of a happening ("the blast", "the quake")
continues the latest incident of that type; anything else continues the current incident.
Each number mention (:func:`summarizer.numbers.extract_numbers`) belongs to the incident of
the clause it stands in, and is told of the place and day its own stretch of that clause
names (one sentence may tell two happenings), which the binding checks compare with the
event that cites it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from summarizer.checks.incident_places import IncidentPlace, PlaceReader
from summarizer.numbers import NumberMention, extract_numbers, sentence_spans
from summarizer.text.dates import find_dates, parse_dateline
from summarizer.text.gazetteer import place_kind
from summarizer.text.sentences import CLAUSE_TURN
from summarizer.vocabulary import EVENT_ROLES, EVENT_TYPE_CUES, EventType, Role

__all__ = [
    "Incident",
    "IncidentDate",
    "IncidentMention",
    "IncidentPlace",
    "Span",
    "event_types_in",
    "incidents",
]


# Types whose cue words name no happening of their own ("said", "talks"): they never start one.
_NOT_HAPPENINGS: frozenset[str] = frozenset({"statement", "meeting", "other"})
# A dated happening this many days before the dateline is another time, not today's news.
_BACKGROUND_DAYS = 60


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """Offsets into the article: ``text[start:end]``."""

    start: int
    end: int


class IncidentDate(_Model):
    """A date anchor with the article's words and the calendar date they resolve to."""

    text: str
    start: int
    end: int
    date: dt.date | None


class IncidentMention(_Model):
    """A number mention of the incident: ``index`` into :func:`extract_numbers`'s list.

    ``place`` and ``date`` are what the number is told of, read from its own clause (a
    sentence may tell two happenings: "strikes on X killed 24, while strikes on Y injured
    26"); None where the clause names none."""

    index: int
    text: str
    start: int
    end: int
    role: Role
    place: str | None = None
    date: dt.date | None = None


class Incident(_Model):
    """One happening the article reports, with the anchors and numbers that belong to it."""

    id: str
    label: str
    background: bool
    date: dt.date | None
    place: str | None
    spans: list[Span]
    places: list[IncidentPlace]
    dates: list[IncidentDate]
    event_types: list[EventType]
    mentions: list[IncidentMention]


def incidents(text: str, *, mentions: Sequence[NumberMention] | None = None) -> list[Incident]:
    """Split ``text`` into incidents, in order of first appearance (the dateline skipped).

    ``mentions``: ``extract_numbers(text)``, when the caller has it (else extracted here).
    """
    return _Reader(text).read(mentions)


# ------------------------------------------------------------------------------ the language

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# Another time: a past year read as a date of a happening, "last year", "years ago", "the
# previous quake". "since 1987" alone compares ("the worst day since 1987") and is not one.
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PAST_YEAR = re.compile(
    rf"\b(?:(?:in|of|during)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{_MONTHS})\s+)?(?:\d{{1,2}},?\s+)?"
    rf"|the\s+|since\s+(?:(?:{_MONTHS})\s+)?(?={_YEAR}\s*,\s*when\b))({_YEAR})\b(?!\s*(?:%|per))",
    re.IGNORECASE,
)
_OTHER_TIME = re.compile(
    r"\b(?:(?:last|earlier\s+this|earlier\s+in\s+the)\s+(?:week|month|year)|(?:weeks|months)\s+ago|(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|many)\s+"
    r"(?:years|decades)\s+ago|a\s+(?:year|decade)\s+ago|(?:the|a)\s+(?:previous|last|former)\s+"
    r"(?=\w+\b))",
    re.IGNORECASE,
)
_COMPARED = re.compile(
    r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against)\b[^.;]*$", re.IGNORECASE
)
# A number compared with, right before a date: the date is the compared number's.
_COMPARED_AT = re.compile(
    r"(?:\b(?:up|down|rose|fell|climbed|dropped)\s+from|\bcompared\s+(?:with|to)|\bthan)"
    r"\s+[^.;,]{0,25}?\d[^.;,]{0,20}$",
    re.IGNORECASE,
)
# The verbs of a telling: a date beside one dates the telling, not the happening.
_SAYING_VERBS = r"said|says|say|told|announced|reported|added|confirmed|stated"
# "said in a statement on Monday that 28 were rescued": the day of the telling, not of the count.
_TELLING_BEFORE = re.compile(
    rf"\b(?:{_SAYING_VERBS}|statement|briefing|conference)\b[^,.;]{{0,25}}$"
    # a count's as-of time: "had been recorded till 10 am on Monday", "as of Tuesday"
    r"|\b(?:till|until|as\s+of)\s+(?:[\w:.]+\s+){0,3}$",
    re.IGNORECASE,
)
# An aside on a person, set off by commas: "Whitaker, who toured the Savannah damage,
# said ...": its places do not place what the sentence goes on to count.
_ASIDE = re.compile(r",\s+(?:who|whose)\b[^,;.]*,")
_WORD = re.compile(r"[A-Za-z-]+")
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+--?\s+|\s+—\s+")
# A date that dates the telling: "said on Thursday", "told reporters Friday".
_SAYING = re.compile(rf"\b(?:{_SAYING_VERBS})\b", re.IGNORECASE)
# A verb of saying right before the date: "(KNCHR) said yesterday", "told reporters on Monday".
_SAID_ON = re.compile(
    rf"\b(?:{_SAYING_VERBS})\s+(?:\w+\s+)?(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE
)
# Words that open a report of another happening: "Separately, ...", "In another attack, ...".
_ANOTHER = re.compile(
    r"\W*(?:separately|elsewhere|in\s+(?:a|an)\s+(?:separate|another|unrelated)\b|"
    r"in\s+another\b|meanwhile,\s+in\b)",
    re.IGNORECASE,
)
_POSSESSED = re.compile(r"(?:'s|’s)\s+(?:[a-z-]+\s+)?([a-z-]+)")
# "the blast", "the deadly quake", "Monday's attack": a happening already told.
_DEFINITE = re.compile(
    r"\b(?:the|this|that|its|their|\w+(?:'s|’s))\s+(?:[a-z-]+\s+)?[a-z-]+\b", re.IGNORECASE
)


@functools.cache
def _cue_pattern() -> re.Pattern[str]:
    stems = sorted({stem for words in EVENT_TYPE_CUES.values() for stem in words}, key=len)
    return re.compile(
        r"\b(" + "|".join(re.escape(stem) for stem in reversed(stems)) + r")[\w-]*",
        re.IGNORECASE,
    )


# Words a cue stem begins that name a thing, not a happening: "firearms", "fireworks".
_NOT_CUES = re.compile(r"fire(?:arm|work|place|wall)s?|strikers?", re.IGNORECASE)
# What may follow a cue stem in a capitalised word inside a sentence: an inflection
# ("Hurricane", "Floods"), not more of a name ("Bombay" is no bomb, "Marchetti" no march).
_INFLECTION = re.compile(r"(?:e|s|es|ed|d|ing|er|ers|r|rs)?")


def event_types_in(text: str) -> list[tuple[int, int, EventType]]:
    """(start, end, type) for each cue word of an event type in ``text``."""
    found: list[tuple[int, int, EventType]] = []
    for match in _cue_pattern().finditer(text):
        if match.group() in ("March", "May") or _NOT_CUES.fullmatch(match.group()):
            continue  # the months, not the verbs; things, not happenings
        if (
            match.group()[0].isupper()
            and not _INFLECTION.fullmatch(match.group()[len(match.group(1)) :])
            and text[: match.start()].rstrip()[-1:] not in ("", ".", "!", "?", '"', "“", ":")
        ):
            continue  # a name inside a sentence; a sentence's first word is any word
        for event_type in _types_of_word(match.group().lower()):
            found.append((match.start(), match.end(), event_type))
    return found


@functools.lru_cache(maxsize=4096)
def _types_of_word(word: str) -> tuple[EventType, ...]:
    """The event types whose cue stems ``word`` begins with, in the vocabulary's order
    (the same few hundred cue words recur in every article)."""
    return tuple(
        event_type
        for event_type, stems in EVENT_TYPE_CUES.items()
        if any(word.startswith(stem) for stem in stems)
    )


# ------------------------------------------------------------------------------ the reading


@dataclass
class _Draft:
    background: bool
    anchor_year: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    places: list[IncidentPlace] = field(default_factory=list)
    dates: list[IncidentDate] = field(default_factory=list)
    types: dict[EventType, str] = field(default_factory=dict)  # type -> first cue word
    mentions: list[int] = field(default_factory=list)

    date: dt.date | None = None  # the first date it was given
    names: set[str] = field(default_factory=set)  # its places, case-folded
    listed: bool = False  # it named places as a list: a roundup, placed but drawing nothing

    def place_names(self) -> set[str]:
        return self.names

    def happening_types(self) -> set[EventType]:
        return {t for t in self.types if t not in _NOT_HAPPENINGS}


@dataclass
class _Clause:
    start: int
    end: int
    background_year: int | None  # the year it is anchored to; 0: another time, year unknown
    places: list[IncidentPlace]
    small: list[IncidentPlace]  # towns too small for the gazetteer: listed, never switching
    dates: list[IncidentDate]
    types: list[tuple[int, int, EventType]]
    definite_types: set[EventType]
    toll: bool = False  # a number in it counts victims or damage ("killing three people")
    another: bool = False  # it opens with "Separately," or "In another attack,"


# A happening aimed at the place right after it: "an attack on the border city of", "missile
# strikes on", "a raid in".
_TARGET_BEFORE = re.compile(
    r"\b(?:attacks?|strikes?|raids?|bombings?|shelling|assaults?|offensive|bombardment)\s+"
    r"(?:on|in|against)\s+(?:the\s+)?(?:(?:border\s+)?(?:city|town|region|village)\s+of\s+)?$",
    re.IGNORECASE,
)
# Between two places of one list: "Nakuru, Nyeri and Eldoret", "Sylhet and Sunamganj".
_LIST_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)")
# A region its own name types below a state: "Hardin County", "Vaishali district".
_TYPED_REGION = re.compile(
    r"\b(?:County|District|district|Parish|Borough|Municipality|Taluk|taluk|Tehsil|tehsil"
    r"|Prefecture|Division|Sub-county|LGA|Local\s+Government\s+Area)\b"
)
# Words that open a clause on its place: "In Dundee, ...", "Elsewhere, in the town of ...".
_FRAMING = re.compile(
    r"\s*(?:(?:also|meanwhile|elsewhere|separately|later|earlier),?\s+)?"
    r"(?:in|at|near|outside)\s+(?:the\s+)?(?:(?:town|city|village|district|county|province|"
    r"state|region)\s+of\s+)?",
    re.IGNORECASE,
)
# The clauses that open an incident, where its town is named if it is named early.
_OPENING_CLAUSES = 2
# A clause dated this many days after its incident, with no new place, follows it up.
_DATE_FOLLOWS = 1


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        dateline = parse_dateline(text)
        self.dateline = dateline.date if dateline else None
        self.body_start = dateline.end if dateline else 0
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        self.places = PlaceReader(text, self.body_start)
        self.all_dates = find_dates(text, self.dateline)
        self.date_starts = [mention.start for mention in self.all_dates]
        # Each mention's (index) place and day it is told of.
        self.told_of: dict[int, tuple[str | None, dt.date | None]] = {}

    # -- anchors --------------------------------------------------------------------------

    def dates_in(self, start: int, end: int, sentence_start: int) -> list[IncidentDate]:
        dates = []
        first = bisect.bisect_left(self.date_starts, max(start, self.body_start))
        for mention in self.all_dates[first : bisect.bisect_left(self.date_starts, end)]:
            near = self.text[max(sentence_start, mention.start - 30) : mention.end + 12]
            if _SAYING.search(near) and mention.date == self.dateline:
                continue  # "officials said on Friday": the day of the telling
            if _SAID_ON.search(self.text, max(sentence_start, mention.start - 30), mention.start):
                continue  # "the commission said yesterday": the telling, whichever day
            if mention.date is not None and self.dateline and mention.date > self.dateline:
                continue  # "due to appear in court on 29 September": planned, not happened
            owned = _POSSESSED.match(self.text, mention.end)
            if owned and not event_types_in(owned.group(1)):
                continue  # "Friday's market" dates a market, "Friday's attack" a happening
            if _COMPARED_AT.search(
                self.text, max(sentence_start, mention.start - 40), mention.start
            ):
                continue  # "up from 11.2 percent on September 30": the day compared with
            dates.append(
                IncidentDate(
                    text=mention.text, start=mention.start, end=mention.end, date=mention.date
                )
            )
        return dates

    def background_at(self, start: int, end: int) -> tuple[int, int] | None:
        """(offset, year) of the first anchor to another time in the span (year 0: unknown)."""
        year = self.dateline.year if self.dateline else None
        hits: list[tuple[int, int]] = []
        for match in _PAST_YEAR.finditer(self.text, start, end):
            value = int(match.group(1))
            if year is not None and value < year:
                hits.append((match.start(), value))
        for match in _OTHER_TIME.finditer(self.text, start, end):
            if _COMPARED.search(self.text, max(start, match.start() - 30), match.start()):
                continue  # "up from 38 last year": a comparison inside today's news
            if match.group().lower().rstrip().endswith(("previous", "last", "former")):
                noun = _WORD.match(self.text, match.end())
                if noun is None or not event_types_in(noun.group()):
                    continue  # "the last ten kilometres"; "the previous quake" is one
            hits.append((match.start(), 0))
        return min(hits) if hits else None

    # -- clauses --------------------------------------------------------------------------

    def clauses(self) -> list[_Clause]:
        """Each sentence, cut where an anchor to another time opens a clause of its own."""
        out: list[_Clause] = []
        for s_start, s_end in sentence_spans(self.text):
            if not self.text[s_start:s_end].strip():
                continue
            cuts = [s_start]
            pos = s_start
            while (hit := self.background_at(pos, s_end)) is not None:
                offset = hit[0]
                breaks = [m.end() for m in _CLAUSE_BREAK.finditer(self.text, cuts[-1], offset)]
                cut = breaks[-1] if breaks else cuts[-1]
                if cut > cuts[-1]:
                    cuts.append(cut)
                pos = self._after(offset)
            cuts.append(s_end)
            for start, end in itertools.pairwise(cuts):
                out.append(self.clause(start, end, s_start))
        return out

    def _after(self, offset: int) -> int:
        space = self.text.find(" ", offset + 1)
        return len(self.text) if space < 0 else space

    def clause(self, start: int, end: int, sentence_start: int) -> _Clause:
        hit = self.background_at(start, end)
        types = event_types_in(self.text[start:end])
        definite: set[EventType] = set()
        for match in _DEFINITE.finditer(self.text, start, end):
            for _, _, event_type in event_types_in(match.group()):
                definite.add(event_type)
        dates = self.dates_in(start, end, sentence_start)
        if self.dateline is not None:
            for date in dates:
                if date.date is not None and (self.dateline - date.date).days > _BACKGROUND_DAYS:
                    hit = hit or (date.start, date.date.year)
        return _Clause(
            start=start,
            end=end,
            background_year=hit[1] if hit else None,
            places=(places := self.places.places_in(start, end, sentence_start)),
            small=self.places.small_places(start, end, places),
            dates=dates,
            types=[(start + a, start + b, t) for a, b, t in types],
            definite_types={t for t in definite if t not in _NOT_HAPPENINGS},
            another=bool(_ANOTHER.match(self.text, start, end)),
        )

    # -- deciding -------------------------------------------------------------------------

    def read(self, mentions: Sequence[NumberMention] | None = None) -> list[Incident]:
        clauses = self.clauses()
        if mentions is None:
            mentions = extract_numbers(self.text)
        tolls = [m.start for m in mentions if m.role in EVENT_ROLES]
        starts: list[int] = []
        owners: list[_Draft] = []
        for clause in clauses:
            at = bisect.bisect_left(tolls, clause.start)
            clause.toll = at < len(tolls) and tolls[at] < clause.end
            draft = self.decide(clause)
            self.absorb(draft, clause)
            starts.append(clause.start)
            owners.append(draft)
        for index, mention in enumerate(mentions):
            at = bisect.bisect_right(starts, mention.start) - 1
            if at >= 0:
                owners[at].mentions.append(index)
                self.told_of[index] = self.anchors_of(mention, clauses[at])
        return [self.publish(i, d, mentions) for i, d in enumerate(self.drafts)]

    def decide(self, clause: _Clause) -> _Draft:
        happening = {t for _, _, t in clause.types if t not in _NOT_HAPPENINGS}
        if clause.background_year is not None:
            for draft in reversed(self.drafts):
                if draft.background and draft.anchor_year == clause.background_year:
                    return draft
            return self.new(background=True, year=clause.background_year)
        foreground = [d for d in self.drafts if not d.background]
        anchoring = self.places.anchoring(clause.places)
        dated = [d for d in clause.dates if d.date is not None]
        # "In a separate incident on Saturday night, ...": another happening, told as such
        if clause.another and foreground and (happening or clause.toll or dated or anchoring):
            return self.new(background=False)
        current = self.current if self.current and not self.current.background else None
        if current is None and foreground:
            current = foreground[-1]
        if current is None:
            return self.new(background=False)
        # The first place a clause names is where it happens; later ones place it ("45 km
        # southwest of the capital") or follow it ("taken to hospitals in X").
        named = [p for p in anchoring if p.type != "country"]
        specific = named[:1]  # "the city" continues; it never switches
        if not specific and not dated:
            if clause.definite_types and not clause.definite_types & current.happening_types():
                for draft in reversed(foreground):
                    if clause.definite_types & draft.happening_types():
                        return draft
            return current
        if self.fits(current, specific, dated):
            return current
        for draft in reversed(foreground):
            if draft is not current and self.fits(draft, specific, dated, strict=True):
                return draft
        if self.follows(current, anchoring, dated, happening):
            return current
        if happening or clause.toll or self.framed_by(clause, specific[0] if specific else None):
            return self.new(background=False)
        return current

    def framed_by(self, clause: _Clause, place: IncidentPlace | None) -> bool:
        """The clause opens on its place ("In Dundee, 3kg of heroin was recovered ..."): the
        writer turns to another place, whether or not the clause itself tells a toll."""
        if place is None:
            return False
        return _FRAMING.fullmatch(self.text, clause.start, place.start) is not None

    @staticmethod
    def follows(
        draft: _Draft,
        places: list[IncidentPlace],
        dates: list[IncidentDate],
        happening: set[EventType],
    ) -> bool:
        """The clause tells what came of the draft's happening the day after (survivors
        rescued, the toll revised): a later day, no other place (nor "the city" meaning
        another), nothing new that happened."""
        names = draft.place_names()
        if any((p.refers_to or p.text).casefold() not in names for p in places):
            return False
        if draft.date is None or happening - draft.happening_types():
            return False
        return all(
            d.date is not None and 0 <= (d.date - draft.date).days <= _DATE_FOLLOWS for d in dates
        )

    @staticmethod
    def fits(
        draft: _Draft,
        places: list[IncidentPlace],
        dates: list[IncidentDate],
        strict: bool = False,
    ) -> bool:
        """Anchors fit a draft that has none of that kind, or one of the same; ``strict``:
        at least one must be the same (switching back needs a positive reason)."""
        names = draft.place_names()
        same_place = any((p.refers_to or p.text).casefold() in names for p in places)
        day = draft.date
        same_day = any(d.date == day for d in dates) if day else False
        place_ok = not places or not (names or draft.listed) or same_place
        date_ok = not dates or day is None or same_day
        if strict:
            return place_ok and date_ok and (same_place or same_day)
        return place_ok and date_ok

    def anchors_of(
        self, mention: NumberMention, clause: _Clause
    ) -> tuple[str | None, dt.date | None]:
        """The place and day ``mention`` is told of.

        The place: one its own words put it in ("killed five in X"), else the nearest named
        before it in its clause. The day: the nearest date in its stretch of the clause (no
        comma or dash between). Countries, places that only measure or receive, and "the
        city" (whose referent is a guess) anchor nothing: a wrong anchor would flag a right
        figure."""
        places = [
            p
            for p in self.places.anchoring(
                sorted([*clause.places, *clause.small], key=lambda p: p.start)
            )
            if p.type != "country"
        ]
        place = next((p for p in places if self.places.located_after(mention.end, p)), None)
        if place is None:
            place = next(
                (
                    p
                    for p in reversed(places)
                    if p.end <= mention.start
                    # a place before the clause turns places nothing after it
                    and not CLAUSE_TURN.search(self.text, p.end, mention.start)
                    and not self._aside(p, clause.start, mention.start)
                ),
                None,
            )  # "... at Accor Stadium on Sunday, while the Dolphins won 19-18": not there
        dated = [
            d
            for d in clause.dates
            if d.date is not None
            and not _CLAUSE_BREAK.search(
                self.text, min(d.end, mention.end), max(d.start, mention.start)
            )
            and not _TELLING_BEFORE.search(self.text, max(clause.start, d.start - 40), d.start)
        ]
        date = min(dated, key=lambda d: abs(d.start - mention.start), default=None)
        return (place.text if place else None, date.date if date else None)

    def _aside(self, place: IncidentPlace, start: int, end: int) -> bool:
        """``place`` stands in an aside on a person that closes before ``end``."""
        return any(
            a.start() < place.start and a.end() <= end
            for a in _ASIDE.finditer(self.text, start, end)
        )

    def new(self, background: bool, year: int | None = None) -> _Draft:
        draft = _Draft(background=background, anchor_year=year)
        self.drafts.append(draft)
        return draft

    def absorb(self, draft: _Draft, clause: _Clause) -> None:
        draft.spans.append((clause.start, clause.end))
        draft.places.extend(sorted([*clause.places, *clause.small], key=lambda p: p.start))
        listed = self.listed(clause.places)
        draft.listed = draft.listed or bool(listed)
        draft.names.update(
            (p.refers_to or p.text).casefold() for p in clause.places if p.start not in listed
        )
        draft.dates.extend(clause.dates)
        if draft.date is None:
            draft.date = next((d.date for d in clause.dates if d.date is not None), None)
        for start, end, event_type in clause.types:
            draft.types.setdefault(event_type, self.text[start:end])
        if not draft.background:
            self.current = draft

    def listed(self, places: Sequence[IncidentPlace]) -> set[int]:
        """Starts of the places a clause lists ("in Nakuru, Nyeri and Eldoret") or names as
        the targets of happenings of their own ("an attack on X, ... strikes on Y"): a
        roundup of several places, each of which a later sentence may tell apart as its own
        incident, so none of them draws that sentence back to the roundup."""
        named = sorted((p for p in places if p.type != "country"), key=lambda p: p.start)
        out: set[int] = set()
        for first, second in itertools.pairwise(named):
            if _LIST_JOINT.fullmatch(self.text, first.end, second.start):
                out.update((first.start, second.start))
        # "to retaliate for an attack on Belgorod, launching new missile strikes on
        # Kharkiv": two places, each the target of its own happening, are two incidents
        targets = {
            (p.refers_to or p.text).casefold(): p.start
            for p in named
            if _TARGET_BEFORE.search(self.text, max(0, p.start - 50), p.start)
        }
        if len(targets) >= 2:
            out.update(targets.values())
        return out

    def place_of(self, draft: _Draft) -> str | None:
        """Where the incident happened: a locality its words mark as one ("the town of
        Tahta"), else a town its opening clauses name, else the first place its clauses name
        that can anchor (not a yardstick, "95 km northeast of Rome", nor where victims were
        taken), else the first that is not a country ("50 km south of Nouadhibou" is nearer
        than the country), else its country."""
        named = [p for p in draft.places if p.type != "country"]
        kept = {p.start for p in self.places.anchoring(named)}
        local = next((p for p in named if p.start in kept and self.places.local(p)), None)
        if local is not None:
            return local.text  # "near the town of Tahta" in "Egypt's Sohag province"
        # The town its first two clauses name, over the region they may name before it: "in
        # Tanzania's Morogoro region ... at Mikese", "Tornadoes tore across Polk County,
        # injuring four in Ankeny".
        opening = draft.spans[:_OPENING_CLAUSES]
        town = next(
            (
                p
                for p in named
                if p.type == "city"
                and p.start in kept
                and not p.refers_to
                and any(start <= p.start < end for start, end in opening)
            ),
            None,
        )
        if town is not None:
            return town.text
        # Of the regions its opening clauses name, one its own words type ("Hardin County",
        # "Vaishali district") is nearer than a state or province named bare ("Tennessee")
        typed = next(
            (
                p
                for p in named
                if p.start in kept
                and not p.refers_to
                and _TYPED_REGION.search(p.text)
                and any(start <= p.start < end for start, end in opening)
            ),
            None,
        )
        if typed is not None and place_kind(typed.text) != "region":
            return typed.text
        for place in named:
            if place.refers_to or place.start in kept:
                return place.refers_to or place.text
        return next((p.text for p in (*named, *draft.places)), None)

    def publish(self, index: int, draft: _Draft, mentions: Sequence[NumberMention]) -> Incident:
        place = self.place_of(draft)
        happening = [t for t in draft.types if t not in _NOT_HAPPENINGS]
        what = draft.types[happening[0]] if happening else "incident"
        when = draft.date.isoformat() if draft.date else None
        if draft.background and draft.anchor_year:
            when = str(draft.anchor_year)
        label = " · ".join(part for part in (what.lower(), place, when) if part)
        return Incident(
            id=f"i{index + 1}",
            label=label,
            background=draft.background,
            date=draft.date,
            place=place,
            spans=[Span(start=a, end=b) for a, b in _merge(draft.spans)],
            places=draft.places,
            dates=draft.dates,
            event_types=sorted(draft.types, key=list(EVENT_TYPE_CUES).index),
            mentions=[
                IncidentMention(
                    index=i,
                    text=mentions[i].text,
                    start=mentions[i].start,
                    end=mentions[i].end,
                    role=mentions[i].role,
                    place=self.told_of[i][0],
                    date=self.told_of[i][1],
                )
                for i in draft.mentions
            ],
        )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
