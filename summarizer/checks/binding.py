"""Bind each event of a summary to one incident of the article, and flag what comes from another.

A figure can be quoted right and still belong to another happening of the same article: the
toll of the strike on another city, the evacuation of another fire. The incident reader
(:mod:`summarizer.checks.incidents`) says which incident each number mention belongs to; an
event's own incident is the one its figures' mentions vote for, its location and date
matching an incident's anchors voting too, and its location must name that incident's place.
Then:

- a figure whose mention belongs to another incident, one the summary reports as an event of
  its own, is ``other_event``, its reason naming that incident's place and date;
- a figure whose number its own clause tells of another event's place, and not of this
  event's ("strikes on X killed 24, while strikes on Y injured 26"), or of another event's
  day far from this one's, is ``other_event`` too: this holds where the reader has put two
  happenings in one incident, as it does when one sentence tells both;
- where the votes leave an event no incident, a figure whose mention's incident is placed
  where another event happened, while this event's location names an incident of its own
  and not that place, is ``other_event`` too;
- a number in the event's description likewise;
- a location or date of another incident, where most of the event's figures come from one,
  is ``unconfirmed``.

The reader can be wrong, so this stays quiet wherever it is unsure: a mention in no incident,
an event whose vote is tied or that names no place of its incident, a background incident
(another time: :mod:`summarizer.checks.figures` judges those), a total that spans incidents
("in total", "nationwide", "since the war began"), an event that names the other incident's
place itself, two incidents of one place a day apart, a country-wide incident, and a name the
article never uses as a place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from summarizer.checks.event_places import (
    kind_of,
    location_names,
    location_parts,
    mentions_place,
    names_place,
    own_part,
    place_fits,
)
from summarizer.checks.facts import ArticleFacts
from summarizer.checks.incident_places import used_as_place
from summarizer.checks.incidents import Incident
from summarizer.checks.names import proper_names, spelled_out
from summarizer.schema import ClaimCheck, Event, FigureCheck, MentionRef, SummaryDraft
from summarizer.text.fold import fold
from summarizer.text.gazetteer import city_country, place_kind
from summarizer.text.lazy_regex import lazy_compile
from summarizer.text.places import country_forms
from summarizer.text.sentences import CLAUSE_TURN_SOURCE, part_between
from summarizer.vocabulary import COUNT_ROLES, EVENT_ROLES, Role

__all__ = [
    "bind_claims",
    "bind_figures",
    "describe_incident",
    "event_incidents",
]

# Figures that belong to one happening (counts, money, shares), not dates, times or lengths.
_BOUND_ROLES: frozenset[Role] = COUNT_ROLES | {"money", "percentage"}
# The roles the reader's incidents bind by themselves. A sum of money, a share or a count of
# things (a crowd, trucks turned away) is often told in a follow-up the reader files under
# another happening; such a figure is moved only where its own clause names the other's place.
_INCIDENT_ROLES: frozenset[Role] = EVENT_ROLES
# A figure that sums over incidents: it belongs to all of them. "A total of 42 people were
# rescued" is only a way to say a count: it sums nothing across incidents by itself.
_TOTAL = lazy_compile(
    r"(?i)\b(?:in\s+total|(?<!\ba\s)total(?:s|led|ling)?|in\s+all|altogether|overall|combined|cumulative"
    r"|nationwide|nation-wide|countrywide|country-wide|across\s+(?:the\s+)?(?:country|region"
    r"|nation|state|province|territory|city|area|world)|so\s+far|to\s+date|since\s+(?:the\s+)?"
    r"(?:war|start|beginning|invasion|conflict|outbreak|fighting|season)|this\s+year"
    r"|both|all\s+(?:the\s+)?(?:attacks|strikes|incidents|fires|blasts))\b"
)


def _sums_over(quote: str, noun: str, sentence: str) -> bool:
    """Whether a figure's quote, counted noun or sentence says it sums over incidents."""
    return any(_TOTAL.search(text) for text in (quote, noun, sentence))


# A date this many days from an incident's still fits it (an overnight attack, a late report).
_DATE_SLACK = 1


def event_incidents(
    draft: SummaryDraft, figures: Sequence[FigureCheck], facts: ArticleFacts
) -> dict[int, Incident]:
    """Each event's own incident (by index), where the votes decide one."""
    homes: dict[int, Incident] = {}
    for index, event in enumerate(draft.events):
        home = _home(event, _bound(figures, index, facts), facts)
        if home is not None:
            homes[index] = home
    return homes


def bind_figures(
    draft: SummaryDraft,
    figures: Sequence[FigureCheck],
    facts: ArticleFacts,
    homes: dict[int, Incident],
) -> list[FigureCheck]:
    """``figures`` with those of another incident than their event's made ``other_event``:
    by the incident the event's figures vote for, else by what the number's clause tells."""
    out = list(figures)
    places = _place_names(facts)
    owns = [_own_words(event) for event in draft.events]
    cited = _cited(draft, figures, facts)
    for index, event in enumerate(draft.events):
        home = homes.get(index)
        others = _reported_apart(draft, index, homes, facts, cited) if home is not None else set()
        spots = _spots_of_others(draft, index)
        for at, check in enumerate(out):
            if not _in_event(check.path, index) or check.status not in ("verified", "unconfirmed"):
                continue
            if check.figure.role not in _BOUND_ROLES or check.mention is None:
                continue
            other = None
            by_incident = check.figure.role in _INCIDENT_ROLES
            if home is not None and by_incident:
                other = _foreign(
                    check.mention,
                    home,
                    event,
                    facts,
                    check.figure.quote,
                    check.figure.noun,
                    spots,
                )
            reason: str | None
            if home is not None and other is not None and other.id in others:
                reason = f"the quote's '{check.mention.text}' {_belongs(other, home)}"
            else:
                reason = _told_of_another(draft, index, check, facts)
            if reason is None and home is None and by_incident:
                reason = _of_anothers_incident(draft, index, check, facts, spots)
            if reason is None:
                reason = _named_for_another(draft, index, check, facts, places, owns)
            if reason is not None:
                out[at] = check.model_copy(update={"status": "other_event", "reason": reason})
    return out


def _told_of_another(
    draft: SummaryDraft, index: int, check: FigureCheck, facts: ArticleFacts
) -> str | None:
    """Why the figure's number is told of another event of the summary: its clause puts it
    in that event's place (not this one's), or on that event's day (far from this one's)."""
    assert check.mention is not None
    incident = facts.incident_at(check.mention.start, check.mention.end)
    told = facts.told_of(check.mention.start, check.mention.end)
    if told is None or incident is None or incident.background:
        return None  # another time: the background checks judge it
    place, day = told
    sentence = _sentence(facts, check.mention)
    if _sums_over(check.figure.quote, check.figure.noun, sentence):
        return None
    event = draft.events[index]
    own = f"{fold(event.location)} {fold(event.description)}"
    said = f"the quote's '{check.mention.text}' is told of"
    if place is not None and fold(place).strip() and fold(place).strip() not in own:
        for other, elsewhere in enumerate(draft.events):
            if other != index and _place_named(place, elsewhere.location, event.location):
                return f"{said} {place}, where events[{other}] happened ({elsewhere.location})"
        # "the attack on Belgorod killed 24" in an event located in Kharkiv: a city of
        # another country than every city the location names, whether or not another
        # event reports it
        theirs = city_country(place)
        ours = {code for part in location_parts(event.location) if (code := city_country(part))}
        if theirs and ours and theirs not in ours:
            return f"{said} {place}, a city of another country than {event.location}"
    if day is not None and event.date is not None and abs((event.date - day).days) > _DATE_SLACK:
        shared = place is not None and any(
            _place_named(place, elsewhere.location, "")
            for other, elsewhere in enumerate(draft.events)
            if other != index
        )
        if not shared:  # an event naming another's place too covers both, whatever its day
            for other, elsewhere in enumerate(draft.events):
                if other != index and elsewhere.date == day:
                    return f"{said} {day.isoformat()}, the day of events[{other}], not {event.date}"
    return None


def _of_anothers_incident(
    draft: SummaryDraft,
    index: int,
    check: FigureCheck,
    facts: ArticleFacts,
    spots: frozenset[str],
) -> str | None:
    """Why the figure belongs to another event of the summary, for an event whose own
    incident the votes leave open: its mention's incident is placed where another event
    happened (that event's location names it first), this event names that place nowhere,
    and this event's own place is another incident's."""
    assert check.mention is not None
    incident = facts.incident_at(check.mention.start, check.mention.end)
    if incident is None or incident.background or not incident.place:
        return None
    if kind_of(incident) == "country" or not used_as_place(incident.place, facts.text):
        return None
    sentence = _sentence(facts, check.mention)
    if _sums_over(check.figure.quote, check.figure.noun, sentence):
        return None
    event = draft.events[index]
    if _spans(event, incident, None, spots) or mentions_place(
        event.location, incident, specific=True
    ):
        return None
    if not any(
        own.id != incident.id and not own.background and location_names(event.location, own)
        for own in facts.incidents
    ):
        return None  # the event's own place is no incident the reader found: too unsure
    for other, elsewhere in enumerate(draft.events):
        if other != index and location_names(elsewhere.location, incident):
            said = f"the quote's '{check.mention.text}' belongs to {describe_incident(incident)}"
            return f"{said}, where events[{other}] happened ({elsewhere.location})"
    return None


# Where a clause ends: another count, of another subject, may follow.
_CLAUSE_CUT = lazy_compile(CLAUSE_TURN_SOURCE + r"|,\s+and\s|\s+while\s", re.IGNORECASE)


def _clause_of(sentence: str, text: str) -> str:
    """The clause of ``sentence`` that holds ``text`` (the whole sentence if not found)."""
    at = sentence.find(text)
    if at < 0:
        return sentence
    low, high = part_between(sentence, at, at + len(text), _CLAUSE_CUT)
    return sentence[low:high]


_COMPASS_NAME = lazy_compile(r"(?:North|South|East|West|Central|Upper|Lower|Greater)\b")


def _own_words(event: Event) -> str:
    """Everything an event says of itself, folded: where, who, what, by whose account."""
    actors = " ".join(actor.name for actor in event.actors)
    return (
        f" {fold(' '.join([event.location, actors, event.description, event.attribution or '']))} "
    )


def _place_names(facts: ArticleFacts) -> set[str]:
    """Every place the incident reader found in the article, folded."""
    return {fold(p.refers_to or p.text).strip() for i in facts.incidents for p in i.places} | {
        fold(i.place).strip() for i in facts.incidents if i.place
    }


def _named_for_another(
    draft: SummaryDraft,
    index: int,
    check: FigureCheck,
    facts: ArticleFacts,
    places: set[str],
    owns: Sequence[str],
) -> str | None:
    """Why the figure is another event's: its clause names a company, person or team that
    another event of the summary names and this one does not ("Kestrel's shares rose 9%
    after hours", quoted for the Veltrix results), and nothing this event names. ``places``:
    the article's places (:func:`_place_names`), which are the incidents' to judge;
    ``owns``: each event's :func:`_own_words`."""
    assert check.mention is not None
    sentence = _sentence(facts, check.mention)
    if not sentence or _sums_over(check.figure.quote, check.figure.noun, sentence):
        return None
    clause = _clause_of(sentence, check.mention.text)
    at = clause.find(check.mention.text)
    clause = clause[: at if at >= 0 else len(clause)]  # its subject: names told before it
    said = fold(check.figure.noun)  # "LPF vote share": the summary says whose it is
    named = [n for n in proper_names(sentence) if n in clause]  # read in the whole sentence:
    # a clause's first word may be a name ("..., and Denby's shares slipped 2.1%")
    names = [
        n
        for n in named
        if len(fold(n).strip()) > 2
        and not (n.isupper() and len(n) > 5)  # "LAKKI MARWAT": a dateline
        and not (n.isupper() and spelled_out(n, facts.text))  # "NPL": a thing, no one
        and not _COMPASS_NAME.match(n)  # "the East Rand": a place
        and fold(n).strip() not in places
        and fold(n).strip() not in said
        and place_kind(n) is None
        and not country_forms(n)
    ]  # places are the incidents' to judge: these are the names of bodies and people
    if not names:
        return None
    event = draft.events[index]
    quoted = " ".join(  # its other figures' words: the one judged here may be moved
        f"{figure.noun} {figure.quote}"
        for suffix, figure in event.all_figures()
        if check.path != f"events[{index}].{suffix}"
    )
    own = f"{owns[index]} {fold(quoted)} {fold(' '.join(event.evidence))} "
    if any(f" {fold(name).strip()} " in own for name in names):
        return None  # the clause names this event too
    # "The Ocodri tragedy revived memories of 2011, when lightning struck Runyanya school,
    # killing 18": a place this event names, and the other event does not, is the number's
    ours = [
        f" {key} "
        for n in named
        if f" {(key := fold(n).strip())} " in own and (key in places or place_kind(n))
    ]
    for name in names:
        folded = f" {fold(name).strip()} "
        for other, words in enumerate(owns):
            if other != index and folded in words:
                if any(place not in words for place in ours):
                    return None
                told = f"the quote's '{check.mention.text}' is told of {name}"
                return f"{told}, which events[{other}] reports, not this event"
    return None


def _place_named(place: str, location: str, own: str) -> bool:
    """``place`` is the most specific part of ``location`` and not of ``own``."""
    parts, mine = location_parts(location), location_parts(own)
    name = fold(place).strip()
    if not parts or (mine and (name in mine[0] or mine[0] in name)):
        return False
    return name in parts[0] or parts[0] in name


def bind_claims(
    draft: SummaryDraft,
    claims: Sequence[ClaimCheck],
    figures: Sequence[FigureCheck],
    facts: ArticleFacts,
    homes: dict[int, Incident],
) -> list[ClaimCheck]:
    """``claims`` with an event's description numbers held to its incident, and its location
    and date to the incident most of its figures quote."""
    out = list(claims)
    cited = _cited(draft, figures, facts)
    for index, event in enumerate(draft.events):
        home = homes.get(index)
        bound = cited[index]
        voted = _voted(bound)
        others = _reported_apart(draft, index, homes, facts, cited)
        spots = _spots_of_others(draft, index)
        where = f"events[{index}]"
        for at, claim in enumerate(out):
            if claim.status != "verified":
                continue
            if claim.path == f"{where}.description" and claim.kind == "number" and home:
                if claim.mention is None or claim.role not in _INCIDENT_ROLES:
                    continue
                other = _foreign(
                    claim.mention,
                    home,
                    event,
                    facts,
                    event.description,
                    "",
                    spots,
                )
                if other is not None and other.id in others and not _told_in(claim, home, facts):
                    reason = f"'{claim.mention.text}' {_belongs(other, home)}"
                    out[at] = claim.model_copy(update={"status": "other_event", "reason": reason})
            elif claim.path == f"{where}.location" and claim.kind == "name" and voted:
                other = _foreign_place(event.location, voted, facts)
                if other is not None and other not in bound:
                    out[at] = _unconfirmed(claim, f"{event.location} is a place", other, voted)
            elif claim.path == f"{where}.date" and claim.kind == "date" and event.date and voted:
                other = _foreign_date(event.date, voted, facts)
                if other is not None and other not in bound:
                    out[at] = _unconfirmed(
                        claim, f"{event.date.isoformat()} is the date", other, voted
                    )
    return out


def _told_in(claim: ClaimCheck, home: Incident, facts: ArticleFacts) -> bool:
    """The article states the claim's number with its role in ``home`` too: a description's
    "two-storey" may be its own incident's, whichever mention the search found first."""
    assert claim.mention is not None
    return any(
        facts.incident_at(m.start, m.end) is home
        for m in facts.stating(claim.mention.value)
        if m.role == claim.role or "other_count" in (claim.role, m.role)
    )  # a count prose or the rules leave unread may be either mention


def _unconfirmed(claim: ClaimCheck, said: str, other: Incident, voted: Incident) -> ClaimCheck:
    """The claim unconfirmed: ``said`` ("X is a place") of another incident than the voted one."""
    reason = (
        f"{said} of {describe_incident(other)}, not of the incident this event's figures "
        f"come from ({describe_incident(voted)})"
    )
    return claim.model_copy(update={"status": "unconfirmed", "reason": reason})


def _voted(bound: list[Incident]) -> Incident | None:
    """The incident most of an event's figures quote: at least two of them, and more than
    half; never a background one."""
    if not bound:
        return None
    (best, votes), *_ = Counter(incident.id for incident in bound).most_common(1)
    if votes < 2 or 2 * votes <= len(bound):
        return None
    incident = next(incident for incident in bound if incident.id == best)
    return None if incident.background else incident


def _reported_apart(
    draft: SummaryDraft,
    index: int,
    homes: dict[int, Incident],
    facts: ArticleFacts,
    cited: Sequence[Sequence[Incident]],
) -> set[str]:
    """The incidents the summary reports as events other than ``index``: their own incident,
    one whose place another event's location names, or one whose numbers another event
    cites (its place may be misread, its figures are not; ``cited``: :func:`_cited`)."""
    apart = {home.id for i, home in homes.items() if i != index}
    for i, event in enumerate(draft.events):
        if i == index:
            continue
        apart.update(incident.id for incident in cited[i])
        if not event.location.strip():
            continue
        apart.update(
            incident.id
            for incident in facts.incidents
            if not incident.background and location_names(event.location, incident)
        )
    return apart


def _in_event(path: str, index: int) -> bool:
    return path.startswith(f"events[{index}].")


def _cited(
    draft: SummaryDraft, figures: Sequence[FigureCheck], facts: ArticleFacts
) -> list[list[Incident]]:
    """Each event's :func:`_bound` incidents, by index: read once per summary."""
    return [_bound(figures, index, facts) for index in range(len(draft.events))]


def _bound(figures: Sequence[FigureCheck], index: int, facts: ArticleFacts) -> list[Incident]:
    """The incidents of an event's grounded figures' mentions, one per figure."""
    found = []
    for check in figures:
        if not _in_event(check.path, index) or check.mention is None:
            continue
        if check.status not in ("verified", "unconfirmed") or check.figure.role not in _BOUND_ROLES:
            continue
        incident = facts.incident_at(check.mention.start, check.mention.end)
        if incident is not None:
            found.append(incident)
    return found


def _home(event: Event, bound: list[Incident], facts: ArticleFacts) -> Incident | None:
    """The incident most of the event's figures and anchors point to; None on a tie or
    when no figure is bound (anchors alone do not decide which figures are foreign)."""
    if not bound:
        return None
    score: dict[str, float] = dict(Counter(incident.id for incident in bound))
    by_id = {incident.id: incident for incident in facts.incidents}
    for incident in facts.incidents:
        anchor = 0.0
        if place_fits(event.location, incident):
            anchor = 1.5
        elif names_place(event.location, incident):
            anchor = 1.0
        elif mentions_place(event.location, incident, specific=True):
            anchor = 0.75
        if anchor and event.date is not None and _date_fits(event.date, incident, exact=True):
            anchor += 0.5
        if anchor:
            score[incident.id] = score.get(incident.id, 0.0) + anchor
    ranked = sorted(score.items(), key=lambda item: -item[1])[:2]
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    home = by_id[ranked[0][0]]
    if not (
        place_fits(event.location, home)
        or names_place(event.location, home)
        or mentions_place(event.location, home, specific=True)
    ):
        return None  # a bag of figures with no place of its own binds to nothing
    return None if home.background else home


def _foreign(
    mention: MentionRef,
    home: Incident,
    event: Event,
    facts: ArticleFacts,
    quote: str,
    noun: str,
    spots: frozenset[str] = frozenset(),
) -> Incident | None:
    """The other incident ``mention`` belongs to, when the rules are sure it is another
    (``spots``: where the summary's other events happened, their locations' first parts)."""
    other = facts.incident_at(mention.start, mention.end)
    if other is None or other.id == home.id or other.background or other.place is None:
        return None
    if _sums_over(quote, noun, _sentence(facts, mention)):
        return None
    if _spans(event, other, home, spots):
        return None
    if fold(other.place) == fold(home.place or "") and _near(other.date, home.date):
        return None  # one happening read as two (a night attack over two days)
    if kind_of(other) == "country":
        return None  # a country's toll may include the event's
    if not used_as_place(other.place, facts.text):
        return None  # "Xinhua reported", "Windows Vista": a name, maybe no place
    return other


def _near(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= _DATE_SLACK


def _sentence(facts: ArticleFacts, mention: MentionRef) -> str:
    """The sentence the mention stands in (the extractor's own)."""
    for candidate in facts.stating(mention.value):
        if candidate.start == mention.start and candidate.end == mention.end:
            return candidate.sentence
    return ""


def _spans(
    event: Event,
    other: Incident,
    home: Incident | None = None,
    spots: frozenset[str] = frozenset(),
) -> bool:
    """The event names the other incident's place itself, not as a yardstick ("45 km south
    of Mogadishu"), nor as the place both incidents share: it covers both. A place that only
    holds the event's ("Inanda, Durban"), where another event of the summary happened
    ("Durban city centre"), is an address, not a claim to cover that event too."""
    location, description = fold(event.location), fold(event.description)
    parts = location_parts(event.location)
    if parts and other.place and any(fold(other.place).strip() in spot for spot in spots):
        location = parts[0]
    held = own_part(parts, home) if home is not None else None
    if held is not None and held < len(parts) - 1:
        # "Kalu Ganga near Millaniya, Kalutara District", "ice factory, Vasai, Palghar
        # district": the event is at the part naming its own place, and the parts after it
        # hold that place, whatever else happened in them
        location = ", ".join(parts[: held + 1])
    # Two incidents of one place (a vote and its violence in one state, days apart): naming
    # that place names the event's own incident, not both.
    own = None
    if home is not None and home.place and other.place and fold(home.place) == fold(other.place):
        own = fold(home.place).strip()
    # "near Belmullet, Co Mayo": a place right after the event's own, a comma between, holds
    # it, in the description as in the location
    after_own = (
        re.compile(rf"{re.escape(fold(home.place).strip())}\s*,\s*(?:[^,.;]+,\s*)?$")
        if home is not None and home.place
        else None
    )
    for name in _names(other):
        if own is not None and fold(name).strip() == own:
            continue
        folded = fold(name).strip()
        if not folded:
            continue
        if folded in location:
            return True
        for found in re.finditer(re.escape(folded), description):
            before = description[: found.start()]
            if _YARDSTICK.search(before) or (after_own and after_own.search(before)):
                continue
            return True
    return False


# "45 km southwest of", "near", "outside": a place named to say where another is.
_YARDSTICK = lazy_compile(
    r"(?:\b(?:of|near|outside|towards?|between)\s+(?:the\s+)?(?:city\s+of\s+)?)$"
)


def _spots_of_others(draft: SummaryDraft, index: int) -> frozenset[str]:
    """Where the summary's other events happened: the first part of each one's location."""
    return frozenset(
        parts[0]
        for i, event in enumerate(draft.events)
        if i != index and (parts := location_parts(event.location))
    )


def _names(incident: Incident) -> set[str]:
    names = {p.refers_to or p.text for p in incident.places if p.type != "country"}
    if incident.place:
        names.add(incident.place)
    return {name for name in names if not name.lower().startswith(("the ", "this ", "that "))}


def _foreign_place(location: str, home: Incident, facts: ArticleFacts) -> Incident | None:
    """Another incident whose own place the location names, when no part of it is a place of
    the event's incident."""
    if not location.strip() or mentions_place(location, home) or kind_of(home) != "city":
        return None
    for incident in facts.incidents:
        if incident.id == home.id or incident.background or incident.place is None:
            continue
        if not place_fits(location, incident) or kind_of(incident) != "city":
            continue  # a region or country may hold the event's city
        if used_as_place(incident.place, facts.text):
            return incident
    return None


def _date_fits(date: dt.date, incident: Incident, *, exact: bool = False) -> bool:
    slack = 0 if exact else _DATE_SLACK
    dates = {d.date for d in incident.dates if d.date is not None}
    if incident.date is not None:
        dates.add(incident.date)
    return any(abs((date - day).days) <= slack for day in dates)


def _foreign_date(date: dt.date, home: Incident, facts: ArticleFacts) -> Incident | None:
    """Another incident dated ``date``, when the event's own incident is dated and not near it."""
    if home.date is None or home.place is None or _date_fits(date, home):
        return None
    if date == facts.dateline:
        return None  # the day of the report: an event may well be dated by it
    for incident in facts.incidents:
        if incident.id == home.id or incident.background or incident.date != date:
            continue
        if incident.place is not None and used_as_place(incident.place, facts.text):
            return incident
    return None


def describe_incident(incident: Incident) -> str:
    """'the strike in Kharkiv on 2023-12-30 (incident 2)'."""
    what = incident.label.split(" · ")[0]
    place = f" in {incident.place}" if incident.place else ""
    when = f" on {incident.date.isoformat()}" if incident.date else ""
    return f"the {what}{place}{when} (incident {incident.id.removeprefix('i')})"


def _belongs(other: Incident, home: Incident) -> str:
    return f"belongs to {describe_incident(other)}, not to this event's ({describe_incident(home)})"
