"""Events bind to incidents (issue 23, part 3): a figure of another incident is other_event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from summarizer.checks.facts import ArticleFacts
from summarizer.checks.report import verify
from summarizer.numbers import extract_numbers
from summarizer.schema import Event, Figure, SummaryDraft, VerificationReport

# Invented: a landslide in one city, floods in another the day before, a national total,
# and a landslide of another year for comparison.
ARTICLE = (
    " date 2025-04-06 A landslide buried homes in Pokhara on Saturday, killing 12 people and "
    "injuring 30, police said. Rescue teams searched the debris through the night.\n\n"
    "Separately, floods in Biratnagar on Thursday killed seven people and forced 2,000 residents "
    "from their homes.\n\n"
    "In total, 19 people have died in the storms across the country since Thursday.\n\n"
    "In 2019, a landslide near Pokhara killed 45 people."
)
SATURDAY, THURSDAY = dt.date(2025, 4, 5), dt.date(2025, 4, 3)


def fig(value: int, role: str, quote: str, qualifier: str = "exact") -> Figure:
    return Figure(value=value, qualifier=qualifier, role=role, noun="people", quote=quote)


def landslide(**update: Any) -> Event:
    event = Event(
        event_type="natural_disaster",
        date=SATURDAY,
        location="Pokhara",
        description="A landslide buried homes in Pokhara.",
        casualties={
            "killed": fig(12, "killed", "killing 12 people"),
            "injured": fig(30, "injured", "injuring 30"),
        },
    )
    return event.model_copy(update=update)


def floods(**update: Any) -> Event:
    event = Event(
        event_type="natural_disaster",
        date=THURSDAY,
        location="Biratnagar",
        description="Floods hit Biratnagar.",
        casualties={
            "killed": fig(7, "killed", "floods in Biratnagar on Thursday killed seven people"),
            "displaced": fig(2000, "displaced", "forced 2,000 residents"),
        },
    )
    return event.model_copy(update=update)


def check(*events: Event) -> VerificationReport:
    draft = SummaryDraft(headline="Storms in Nepal", summary="Storms hit Nepal.", events=events)
    return verify(ARTICLE, draft)


def status(report: VerificationReport, path: str) -> str:
    found = [c.status for c in [*report.figures, *report.claims] if c.path == path]
    assert found, path
    return found[0]


def test_a_faithful_summary_binds_every_figure() -> None:
    report = check(landslide(), floods())
    assert all(c.status == "verified" for c in report.figures), report.figures
    assert status(report, "events[0].location") == "verified"
    assert status(report, "events[1].date") == "verified"


def test_the_article_facts_read_the_incidents_once() -> None:
    facts = ArticleFacts.of(ARTICLE, extract_numbers(ARTICLE))
    assert facts.incidents is facts.incidents
    twelve = next(m for m in facts.mentions if m.text == "12")
    seven = next(m for m in facts.mentions if m.text == "seven")
    own, other = (
        facts.incident_at(twelve.start, twelve.end),
        facts.incident_at(seven.start, seven.end),
    )
    assert own is not None and other is not None and own.id != other.id


def test_a_figure_of_another_incident_is_other_event_and_names_it() -> None:
    moved = fig(7, "killed", "floods in Biratnagar on Thursday killed seven people")
    report = check(
        landslide(casualties={"killed": moved, "injured": fig(30, "injured", "injuring 30")}),
        floods(),
    )
    figure = next(c for c in report.figures if c.path == "events[0].casualties.killed")
    assert figure.status == "other_event"
    assert figure.verdict == "contradicted"
    assert "Biratnagar" in figure.reason and "2025-04-03" in figure.reason
    assert "(incident 2)" in figure.reason
    # the figure still belongs where it came from
    assert status(report, "events[1].casualties.killed") == "verified"


def test_a_number_in_the_description_is_checked_against_the_events_incident() -> None:
    report = check(landslide(description="A landslide killed seven people in Pokhara."), floods())
    assert status(report, "events[0].description") == "other_event"
    report = check(landslide(description="A landslide killed 12 people in Pokhara."), floods())
    assert status(report, "events[0].description") == "verified"


def test_a_total_that_spans_incidents_is_not_flagged() -> None:
    total = fig(19, "killed", "In total, 19 people have died in the storms across the country")
    report = check(
        landslide(casualties={"killed": total, "injured": fig(30, "injured", "injuring 30")}),
        floods(),
    )
    assert status(report, "events[0].casualties.killed") == "verified"


def test_a_background_incidents_toll_in_a_historical_event_is_not_flagged() -> None:
    past = Event(
        event_type="natural_disaster",
        date=dt.date(2019, 1, 1),
        location="Pokhara",
        description="A landslide near Pokhara in 2019.",
        casualties={
            "killed": fig(45, "killed", "In 2019, a landslide near Pokhara killed 45 people")
        },
    )
    report = check(landslide(), floods(), past)
    assert status(report, "events[2].casualties.killed") == "verified"


def test_a_location_of_another_incident_is_unconfirmed() -> None:
    report = check(landslide(location="Biratnagar"), floods())
    location = next(c for c in report.claims if c.path == "events[0].location")
    assert location.status == "unconfirmed"
    assert "Biratnagar" in location.reason and "Pokhara" in location.reason


def test_a_date_of_another_incident_is_unconfirmed() -> None:
    report = check(landslide(date=THURSDAY), floods())
    date = next(c for c in report.claims if c.path == "events[0].date")
    assert date.status == "unconfirmed"
    assert "2025-04-03" in date.reason


def test_an_event_that_names_both_places_spans_both() -> None:
    both = landslide(
        location="Pokhara and Biratnagar",
        description="Landslides and floods hit Pokhara and Biratnagar.",
        casualties={
            "killed": fig(7, "killed", "floods in Biratnagar on Thursday killed seven people"),
            "injured": fig(30, "injured", "injuring 30"),
        },
    )
    report = check(both, floods())
    assert status(report, "events[0].casualties.killed") == "verified"


# Invented: one sentence tells two happenings in two cities; the reader keeps them in one
# incident, but each number is told of its own city.
TWO_CITIES = (
    " date 2025-03-10 In Odesa, shelling killed five people on Sunday, while a drone strike on "
    "Lviv injured 12. Officials in both cities said repairs would take weeks."
)


def strike(location: str, killed: Figure | None, injured: Figure | None) -> Event:
    casualties = {k: v for k, v in (("killed", killed), ("injured", injured)) if v}
    return Event(
        event_type="shelling",
        date=dt.date(2025, 3, 9),
        location=location,
        description=f"An attack on {location.split(',')[0]}.",
        casualties=casualties,
    )


def two_cities(*events: Event) -> VerificationReport:
    draft = SummaryDraft(headline="Attacks on two cities", summary="Two attacks.", events=events)
    return verify(TWO_CITIES, draft)


def told_of(text: str, token: str) -> tuple[str | None, dt.date | None] | None:
    """The place and day the article ``text`` tells its number ``token`` of."""
    facts = ArticleFacts.of(text, extract_numbers(text))
    mention = next(m for m in facts.mentions if m.text == token)
    return facts.told_of(mention.start, mention.end)


def test_a_number_is_told_of_the_place_its_clause_names() -> None:
    assert told_of(TWO_CITIES, "five") == ("Odesa", dt.date(2025, 3, 9))
    assert told_of(TWO_CITIES, "12") == ("Lviv", None)


def test_a_figure_told_of_another_events_place_is_other_event() -> None:
    five = fig(5, "killed", "shelling killed five people")
    twelve = fig(12, "injured", "a drone strike on Lviv injured 12")
    faithful = two_cities(strike("Odesa, Ukraine", five, None), strike("Lviv", None, twelve))
    assert all(c.status == "verified" for c in faithful.figures), faithful.figures
    moved = two_cities(strike("Odesa, Ukraine", five, twelve), strike("Lviv", None, None))
    figure = next(c for c in moved.figures if c.path == "events[0].casualties.injured")
    assert figure.status == "other_event"
    assert "Lviv" in figure.reason and "events[1]" in figure.reason
    # Unflagged when no event of the summary happened in Lviv: nothing says it is another's.
    alone = two_cities(strike("Odesa, Ukraine", five, twelve))
    assert status(alone, "events[0].casualties.injured") == "verified"


def test_a_place_after_the_number_places_it_and_a_yardstick_does_not() -> None:
    text = (
        " date 2025-03-10 A drone launched from Kursk killed three people in Sumy on Sunday. "
        "A bomb struck a convoy 40 km south of Kharkiv, killing two soldiers."
    )
    assert told_of(text, "three") == ("Sumy", dt.date(2025, 3, 9))
    assert told_of(text, "two") == (None, None)


def test_a_town_too_small_for_the_gazetteer_places_a_number_after_in() -> None:
    text = " date 2025-03-10 A wall collapsed in Nkhwazi Ward on Sunday, killing four people."
    told = told_of(text, "four")
    assert told is not None and told[0] == "Nkhwazi Ward"


def test_a_day_across_a_comma_dates_nothing() -> None:
    text = (
        " date 2021-11-16 The commission on Monday declared the governor re-elected, after a "
        "vote marred by violence that left at least five people dead."
    )
    assert told_of(text, "five") == (None, None)


# Invented: a blaze in a city's centre and a separate fire in one of its suburbs.
SUBURB = (
    " date 2025-09-14 A fire gutted a block in central Leeds on Saturday, killing 9 "
    "people, officials said. At least 20 were injured.\n\n"
    "Separately, 2 people died on Saturday night when a fire swept through houses in "
    "Headingley, leaving 40 residents homeless."
)


def suburb_summary(killed: Figure) -> SummaryDraft:
    centre = Event(
        event_type="fire",
        date=dt.date(2025, 9, 13),
        location="Leeds city centre, England",
        description="A fire gutted a block in central Leeds.",
        casualties={"killed": fig(9, "killed", "killing 9 people")},
    )
    suburb = Event(
        event_type="fire",
        date=dt.date(2025, 9, 13),
        location="Headingley, Leeds, England",
        description="A fire swept through houses in Headingley.",
        casualties={
            "killed": killed,
            "displaced": fig(40, "displaced", "leaving 40 residents homeless"),
        },
    )
    return SummaryDraft(headline="Fires in Leeds", summary="Two fires.", events=[centre, suburb])


def test_a_place_that_holds_the_event_is_an_address_not_a_second_incident() -> None:
    right = verify(SUBURB, suburb_summary(fig(2, "killed", "2 people died")))
    assert status(right, "events[1].casualties.killed") == "verified"
    moved = verify(SUBURB, suburb_summary(fig(9, "killed", "killing 9 people")))
    assert status(moved, "events[1].casualties.killed") == "other_event"


# Invented: a town named only as "the northern town of ...", a count told as "a total of",
# and a bombing elsewhere the next day.
TOWN_OF = (
    " date 2025-08-13 Gunmen attacked the northern town of Dunvarra on Monday. Nine people "
    "were killed. A total of 40 villagers were freed by troops, 6 of whom were injured.\n\n"
    "Separately, a bomb in Kessa on Tuesday killed four people and injured 15."
)


def town_of(moved: Figure, role: str) -> VerificationReport:
    raid = Event(
        event_type="attack",
        date=dt.date(2025, 8, 11),
        location="Dunvarra",
        description="Gunmen attacked Dunvarra.",
        casualties={"killed": fig(9, "killed", "Nine people were killed")},
    )
    casualties = {
        "killed": fig(4, "killed", "killed four people"),
        "injured": fig(15, "injured", "injured 15"),
        role: moved,
    }
    bomb = Event(
        event_type="bombing",
        date=dt.date(2025, 8, 12),
        location="Kessa",
        description="A bomb exploded in Kessa.",
        casualties=casualties,
    )
    draft = SummaryDraft(headline="Attacks", summary="Two attacks.", events=[raid, bomb])
    return verify(TOWN_OF, draft)


def test_a_place_named_as_the_town_of_binds_its_figures() -> None:
    """ "the northern town of Dunvarra" uses the name as a place, with no preposition."""
    report = town_of(fig(9, "killed", "Nine people were killed"), "killed")
    assert status(report, "events[1].casualties.killed") == "other_event"


def test_a_total_of_is_a_count_not_a_sum_across_incidents() -> None:
    """ "A total of 40 villagers were freed, 6 of whom were injured" counts in one incident."""
    report = town_of(fig(6, "injured", "6 of whom were injured"), "injured")
    assert status(report, "events[1].casualties.injured") == "other_event"


def test_a_locality_named_after_a_possessive_binds_its_figures() -> None:
    """ "in the city's Wucheng District" uses the name as a place, though no preposition
    stands right before it."""
    article = (
        " date 2025-08-13 A fire broke out at a plant in the city's Marrow District in Dunhallow "
        "on Monday. Six people were killed. Separately, a blast in Kessa on Tuesday killed four "
        "people and injured 15."
    )
    plant = Event(
        event_type="fire",
        date=dt.date(2025, 8, 11),
        location="Marrow District, Dunhallow",
        description="A fire at a plant.",
        casualties={"killed": fig(6, "killed", "Six people were killed")},
    )
    blast = Event(
        event_type="bombing",
        date=dt.date(2025, 8, 12),
        location="Kessa",
        description="A blast in Kessa.",
        casualties={
            "killed": fig(6, "killed", "Six people were killed"),
            "injured": fig(15, "injured", "injured 15"),
        },
    )
    draft = SummaryDraft(headline="Fire and blast", summary="Two disasters.", events=[plant, blast])
    assert status(verify(article, draft), "events[1].casualties.killed") == "other_event"


# Invented: the floods' tolls told in a sentence that names no place.
QUIET_TOLLS = (
    " date 2025-04-06 A landslide buried homes in Pokhara on Saturday, killing 12 people. "
    "Rescue teams searched the debris.\n\nSeparately, floods struck Biratnagar on Thursday. "
    "Seven people died and 2,000 residents were forced from their homes."
)


def test_figures_of_another_events_incident_are_flagged_when_the_votes_leave_no_home() -> None:
    """Both figures moved from the floods, told where no place is named: they tie the
    landslide's place and date, so the votes leave the event no home; its place is still
    the landslide's, and the floods are another event's."""
    moved = landslide(
        casualties={
            "killed": fig(7, "killed", "Seven people died"),
            "displaced": fig(2000, "displaced", "2,000 residents were forced from their homes"),
        },
    )
    flood = floods(
        casualties={
            "killed": fig(7, "killed", "Seven people died"),
            "displaced": fig(2000, "displaced", "2,000 residents were forced from their homes"),
        },
    )

    def draft(*events: Event) -> SummaryDraft:
        return SummaryDraft(headline="Storms", summary="Storms hit Nepal.", events=events)

    report = verify(QUIET_TOLLS, draft(moved, flood))
    assert status(report, "events[0].casualties.killed") == "other_event"
    assert status(report, "events[0].casualties.displaced") == "other_event"
    assert status(report, "events[1].casualties.killed") == "verified"
    # without the floods as an event of their own, nothing says whose they are
    alone = verify(QUIET_TOLLS, draft(moved))
    assert status(alone, "events[0].casualties.killed") == "verified"


# Invented: two companies' results in one report; no place tells them apart.
TWO_COMPANIES = (
    " date 2031-02-20 Harlow Foods said on Thursday its annual profit rose 12% to $1.4 billion. "
    "Its shares climbed 4.5% in early trading. Rival Denby Mills reported a 3% fall in profit, "
    "and Denby's shares slipped 2.1%."
)


def results(company: str, description: str, *figures: Figure) -> Event:
    return Event(
        event_type="economic",
        date=dt.date(2031, 2, 20),
        location="",
        description=description,
        actors=[{"name": company, "role": "other"}],
        figures=list(figures),
    )


def pct(value: float, noun: str, quote: str) -> Figure:
    return Figure(value=value, qualifier="exact", role="percentage", noun=noun, quote=quote)


def test_a_figure_whose_clause_names_another_events_company_is_other_event() -> None:
    """ "Denby's shares slipped 2.1%" given as Harlow's share move: the clause names the
    company another event reports, and this event names it nowhere."""
    harlow = results(
        "Harlow Foods",
        "Harlow Foods' annual profit rose.",
        pct(12, "profit rise", "annual profit rose 12%"),
        pct(2.1, "share rise", "Denby's shares slipped 2.1%"),
    )
    denby = results(
        "Denby Mills", "Denby Mills' profit fell.", pct(3, "profit fall", "a 3% fall in profit")
    )
    draft = SummaryDraft(headline="Results", summary="Two results.", events=[harlow, denby])
    report = verify(TWO_COMPANIES, draft)
    assert status(report, "events[0].figures[1]") == "other_event"
    assert "Denby" in next(c.reason for c in report.figures if c.path == "events[0].figures[1]")
    assert status(report, "events[0].figures[0]") == "verified"


def test_a_figure_that_names_its_owner_is_not_moved() -> None:
    """An event may report a rival's figure when the figure itself says whose it is."""
    harlow = results(
        "Harlow Foods",
        "Harlow Foods' annual profit rose.",
        pct(2.1, "Denby share fall", "Denby's shares slipped 2.1%"),
    )
    denby = results(
        "Denby Mills", "Denby Mills' profit fell.", pct(3, "profit fall", "a 3% fall in profit")
    )
    draft = SummaryDraft(headline="Results", summary="Two results.", events=[harlow, denby])
    assert status(verify(TWO_COMPANIES, draft), "events[0].figures[0]") == "verified"


def test_the_day_of_the_telling_is_not_the_day_a_number_is_told_of() -> None:
    """ "said in a statement on Monday that 28 were rescued": Monday dates the statement."""
    text = (
        " date 2025-09-09 A boat capsized on the river near Gebbe on Saturday. The agency said "
        "in a statement on Monday that 28 passengers were rescued alive. Four people died when "
        "a canoe sank at Kura on Monday."
    )
    assert told_of(text, "28")[1] is None
    assert told_of(text, "Four")[1] == dt.date(2025, 9, 8)


def test_a_place_before_while_places_nothing_after_it() -> None:
    """ "... at Kelso Park on Sunday, while the Dolphins won 19-17": the second clause has a
    subject of its own, and the park is not where its numbers were told of."""
    text = (
        " date 2026-06-01 Penrith beat Canterbury 30-18 at Kelso Park on Sunday, while the "
        "Dolphins won 19-17 over the Warriors."
    )
    assert told_of(text, "19")[0] is None
    assert told_of(text, "30")[0] == "Kelso Park"


def test_a_bare_count_in_a_description_may_be_its_own_incidents() -> None:
    """ "Two schools now house families": the first 'two' of the article is another
    incident's toll, but the event's own incident says two as well (schools the displaced
    shelter in), so the description may mean that one."""
    text = (
        " date 2025-04-06 A landslide buried homes in Pokhara on Saturday, killing two people."
        "\n\nSeparately, floods in Biratnagar on Thursday killed seven people; the displaced are "
        "sheltering in two schools."
    )
    flood = floods(description="Floods hit Biratnagar. Two schools now house families.")
    flood = flood.model_copy(
        update={
            "casualties": {
                "killed": fig(7, "killed", "floods in Biratnagar on Thursday killed seven people")
            }
        }
    )
    slide = landslide(casualties={"killed": fig(2, "killed", "killing two people")})
    draft = SummaryDraft(headline="Storms", summary="Storms hit Nepal.", events=[slide, flood])
    assert status(verify(text, draft), "events[1].description") == "verified"


def test_an_event_located_in_a_places_district_reports_that_places_incident() -> None:
    # the floods event has no figure to bind it; its location names Biratnagar by its
    # district, so the floods' toll moved into the landslide is still another event's
    article = ARTICLE.replace(
        "floods in Biratnagar on Thursday killed seven people and forced",
        "floods in Biratnagar on Thursday forced",
    ).replace("from their homes.", "from their homes. Seven people drowned.")
    moved = fig(7, "killed", "Seven people drowned")
    draft = SummaryDraft(
        headline="Storms in Nepal",
        summary="Storms hit Nepal.",
        events=[
            landslide(casualties={"killed": moved, "injured": fig(30, "injured", "injuring 30")}),
            floods(location="near the river bank, Biratnagar district, Nepal", casualties={}),
        ],
    )
    report = verify(article, draft)
    assert status(report, "events[0].casualties.killed") == "other_event"


def test_money_told_in_a_follow_up_is_not_moved_by_the_readers_incident_alone() -> None:
    """A sum the reader files under the last happening may be the whole story's: only a
    clause that names another place moves it. A toll is still held to its incident."""
    article = (
        " date 2025-04-06 A landslide buried homes in Pokhara on Saturday, killing 12 people.\n\n"
        "Separately, floods in Biratnagar on Thursday killed seven people.\n\n"
        "The government promised Rs 50,000 to each bereaved family."
    )
    money = Figure(
        value=50000,
        qualifier="exact",
        role="money",
        noun="rupees per family",
        quote="Rs 50,000 to each bereaved family",
    )
    first = landslide(
        casualties={"killed": fig(12, "killed", "killing 12 people")}, figures=[money]
    )
    moved = landslide(casualties={"killed": fig(7, "killed", "killed seven people")})
    second = floods(casualties={"killed": fig(7, "killed", "killed seven people")})
    draft = SummaryDraft(
        headline="Storms in Nepal", summary="Storms hit Nepal.", events=[first, second]
    )
    assert status(verify(article, draft), "events[0].figures[0]") == "verified"
    draft = SummaryDraft(
        headline="Storms in Nepal", summary="Storms hit Nepal.", events=[moved, second]
    )
    assert status(verify(article, draft), "events[0].casualties.killed") == "other_event"


def test_a_place_that_only_holds_the_events_own_names_no_second_incident() -> None:
    """ "Pokhara, Kaski district": the event is at Pokhara; Kaski after it only holds it, so
    the toll of the floods in Kaski (another event of the summary, at Lekhnath) is not this
    event's."""
    article = (
        " date 2025-04-06 A landslide buried homes in Pokhara on Saturday, killing 12 people.\n\n"
        "Separately, floods swept homes in Kaski district on Thursday. The water killed seven "
        "people."
    )
    moved = landslide(
        location="Pokhara, Kaski district",
        casualties={"killed": fig(7, "killed", "killed seven people")},
    )
    draft = SummaryDraft(
        headline="Storms",
        summary="Storms hit Nepal.",
        events=[moved, floods(location="Lekhnath, Kaski district", casualties={})],
    )
    assert status(verify(article, draft), "events[0].casualties.killed") == "other_event"


def test_a_river_named_after_on_is_a_place_that_holds_an_incident() -> None:
    article = (
        " date 2025-04-06 A landslide buried homes in Pokhara on Saturday, killing 12 people.\n\n"
        "Separately, a ferry capsized on the River Kora on Thursday. The accident killed seven "
        "people."
    )
    moved = landslide(casualties={"killed": fig(7, "killed", "killed seven people")})
    ferry = floods(event_type="accident", location="River Kora", casualties={})
    draft = SummaryDraft(headline="Storms", summary="Storms hit Nepal.", events=[moved, ferry])
    assert status(verify(article, draft), "events[0].casualties.killed") == "other_event"


# Invented: an avalanche in one district, a landslide in another the next day.
VALLEYS = (
    " date 2025-04-07 An avalanche buried a camp in Ghizer district on Saturday. It killed 5 "
    "herders.\n\nSeparately, in Chitral district, a landslide blocked a road on Sunday, "
    "injuring 3 people."
)


def _valley_event(location: str, figure: Figure, event_type: str = "natural_disaster") -> Event:
    return Event(
        event_type=event_type,
        location=location,
        description="A disaster struck.",
        casualties={figure.role: figure},
    )


def test_an_event_placed_in_an_incidents_district_is_sure_enough_to_move_a_figure() -> None:
    """ "Booni road, Chitral district" names the landslide's district though not as its first
    part: the avalanche's toll quoted there belongs to the avalanche's event."""
    avalanche = _valley_event("Ghizer district, Gilgit-Baltistan", fig(5, "killed", "killed 5"))
    moved = _valley_event("Booni road, Chitral district", fig(5, "killed", "killed 5 herders"))
    draft = SummaryDraft(headline="Storms", summary="Storms.", events=[avalanche, moved])
    assert status(verify(VALLEYS, draft), "events[1].casualties.killed") == "other_event"


def test_a_region_both_incidents_share_does_not_tie_a_figure_to_the_event() -> None:
    """ "Coroneo, Guanajuato state": naming the state that holds both places is no sign the
    event reports the other town's toll."""
    article = (
        " date 2025-04-07 Gunmen attacked a party in Jerecuaro, in the state of Guanajuato, on "
        "Saturday. They killed 7 people and wounded 4.\n\nSeparately, in Coroneo, police found a body on Sunday, "
        "and 2 officers were wounded."
    )
    party = _valley_event("Jerecuaro, Guanajuato state", fig(7, "killed", "killed 7 people"))
    moved = _valley_event("Coroneo, Guanajuato state", fig(7, "killed", "They killed 7 people"))
    wounded = fig(4, "injured", "wounded 4")
    moved = moved.model_copy(
        update={"casualties": moved.casualties.model_copy(update={"injured": wounded})}
    )
    draft = SummaryDraft(headline="Attacks", summary="Attacks.", events=[party, moved])
    report = verify(article, draft)
    assert status(report, "events[1].casualties.killed") == "other_event"
    assert status(report, "events[1].casualties.injured") == "other_event"


def test_an_incident_another_event_cites_is_reported_apart_wherever_it_is_placed() -> None:
    """The floods' event gives no place the reader can match, but it cites the floods' toll:
    their displaced, quoted in the landslide's event, are another event's."""
    moved = landslide(
        casualties={
            "killed": fig(12, "killed", "killing 12 people"),
            "injured": fig(30, "injured", "injuring 30"),
            "displaced": fig(2000, "displaced", "forced 2,000 residents"),
        }
    )
    east = floods(
        date=None,
        location="the east of the country",
        casualties={"killed": fig(7, "killed", "killed seven people")},
    )
    report = check(moved, east)
    assert status(report, "events[0].casualties.displaced") == "other_event"
    assert status(report, "events[0].casualties.killed") == "verified"


def test_a_name_typed_by_its_district_is_used_as_a_place() -> None:
    """ "Floods hit Kaski district": no preposition before it, but the word after it says
    Kaski is a place, so its incident holds the floods' toll."""
    article = (
        " date 2025-04-06 A landslide buried homes in Pokhara on Saturday, killing 12 people.\n\n"
        "Separately, floods hit Kaski district on Thursday. The water killed seven people."
    )
    moved = landslide(casualties={"killed": fig(7, "killed", "killed seven people")})
    draft = SummaryDraft(
        headline="Storms",
        summary="Storms hit Nepal.",
        events=[moved, floods(location="Kaski district", casualties={})],
    )
    assert status(verify(article, draft), "events[0].casualties.killed") == "other_event"


def test_the_other_event_may_name_the_incidents_district_after_its_own_place() -> None:
    """ "Darkut, Ghizer district" reports the avalanche in Ghizer though its first part is
    a village; an event left without a home that quotes the avalanche's toll is flagged."""
    avalanche = _valley_event("Darkut, Ghizer district", fig(5, "killed", "killed 5"))
    moved = _valley_event("Booni road, Chitral district", fig(5, "killed", "killed 5 herders"))
    draft = SummaryDraft(headline="Storms", summary="Storms.", events=[avalanche, moved])
    assert status(verify(VALLEYS, draft), "events[1].casualties.killed") == "other_event"


def test_a_toll_told_of_a_city_of_another_country_is_another_events() -> None:
    # the strike on Kursk (Russia) is reported by no event; the Sumy (Ukraine) event may
    # not take its toll
    article = (
        " date 2025-04-06 Ukrainian drones struck Kursk on Saturday, killing 9 people, "
        "officials said.\n\nRussian missiles later hit Sumy, killing 4 people and injuring 20."
    )
    sumy = Event(
        event_type="missile_strike",
        date=SATURDAY,
        location="Sumy",
        description="Russian missiles hit Sumy.",
        casualties={"killed": fig(9, "killed", "killing 9 people")},
    )
    report = verify(article, SummaryDraft(headline="Strikes", summary="Strikes.", events=[sumy]))
    assert report.figures[0].status == "other_event"
    assert "Kursk" in report.figures[0].reason
    own = sumy.model_copy(update={"casualties": {"killed": fig(4, "killed", "killing 4 people")}})
    report = verify(article, SummaryDraft(headline="Strikes", summary="Strikes.", events=[own]))
    assert report.figures[0].status == "verified"


def test_a_place_this_event_names_nearer_the_number_than_anothers_name_keeps_it() -> None:
    """ "The Ocodri tragedy revived memories of June 2011, when lightning struck Runyanya
    Primary School in Kiryandongo District, killing 18 pupils": the 18 is the 2011 event's,
    whose location names the school, though another event reports Ocodri."""
    article = (
        " date 2026-04-22 Lightning struck Ocodri Primary School in Arua District on Tuesday, "
        "killing four pupils.\n\nThe Ocodri tragedy has revived memories of June 2011, when "
        "lightning struck Runyanya Primary School in Kiryandongo District, killing 18 pupils."
    )
    today = Event(
        event_type="natural_disaster",
        date=dt.date(2026, 4, 21),
        location="Ocodri Primary School, Arua District",
        description="Lightning struck Ocodri Primary School.",
        casualties={"killed": fig(4, "killed", "killing four pupils")},
    )
    then = Event(
        event_type="natural_disaster",
        date=dt.date(2011, 6, 1),
        location="Runyanya Primary School, Kiryandongo District",
        description="Lightning struck a school in 2011.",
        casualties={"killed": fig(18, "killed", "killing 18 pupils")},
    )
    draft = SummaryDraft(headline="Lightning", summary="Lightning.", events=[today, then])
    assert status(verify(article, draft), "events[1].casualties.killed") == "verified"
    # the same 18 given to the Ocodri event is still another time's
    moved = today.model_copy(
        update={"casualties": {"killed": fig(18, "killed", "killing 18 pupils")}}
    )
    draft = SummaryDraft(headline="Lightning", summary="Lightning.", events=[moved, then])
    assert status(verify(article, draft), "events[0].casualties.killed") == "other_event"


def test_a_district_after_the_events_own_place_holds_it_and_covers_no_other_incident() -> None:
    """ "ice factory, Vasai, Palghar district": the event is at Vasai, its second part; the
    district after it holds Vasai, so naming it is no claim to report the Boisar leak there."""
    article = (
        " date 2026-03-12 Chlorine leaked from a cylinder at a chemical unit in Boisar, in "
        "Palghar district, on Wednesday night, killing 3 workers.\n\nSeparately, ammonia leaked "
        "at an ice factory in Vasai on Wednesday afternoon. Fourteen workers fell ill."
    )
    boisar = _valley_event(
        "chemical unit, Boisar, Palghar district", fig(3, "killed", "killing 3 workers"), "accident"
    )
    moved = _valley_event(
        "ice factory, Vasai, Palghar district", fig(3, "killed", "killing 3 workers"), "accident"
    )
    ill = fig(14, "injured", "Fourteen workers fell ill")
    moved = moved.model_copy(
        update={"casualties": moved.casualties.model_copy(update={"injured": ill})}
    )
    draft = SummaryDraft(headline="Leaks", summary="Two leaks.", events=[boisar, moved])
    report = verify(article, draft)
    assert status(report, "events[1].casualties.killed") == "other_event"
    assert status(report, "events[1].casualties.injured") == "verified"


def test_a_district_after_the_events_own_place_in_its_description_covers_no_other_incident() -> (
    None
):
    """ "at an ice factory in Vasai, Palghar district" in the description: the district holds
    Vasai, so naming it is no claim to report the Boisar leak, in the same district."""
    article = (
        " date 2026-03-12 Chlorine leaked from a cylinder at a chemical unit in Boisar, in "
        "Palghar district, on Wednesday night, killing 3 workers.\n\nSeparately, ammonia leaked "
        "at an ice factory in Vasai on Wednesday afternoon. Fourteen workers fell ill."
    )
    boisar = _valley_event("Boisar", fig(3, "killed", "killing 3 workers"), "accident")
    moved = Event(
        event_type="accident",
        location="Vasai",
        description="Ammonia leaked at an ice factory in Vasai, Palghar district.",
        casualties={
            "killed": fig(3, "killed", "killing 3 workers"),
            "injured": fig(14, "injured", "Fourteen workers fell ill"),
        },
    )
    draft = SummaryDraft(headline="Leaks", summary="Two leaks.", events=[boisar, moved])
    assert status(verify(article, draft), "events[1].casualties.killed") == "other_event"
