"""The incident reader's rules of language, each on sentences written for the test.

Every article here is made up (no corpus or seed text): the rules must hold for the shape
of the language, not for strings the benches score.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import summarizer
from summarizer.checks.incident_places import PlaceReader
from summarizer.checks.incidents import Incident, event_types_in, incidents
from summarizer.numbers import sentence_spans

# The dateline of every article below: Wednesday, 7 May 2031.
DATELINE = " date 2031-05-07 "


def read(body: str) -> tuple[str, list[Incident]]:
    text = DATELINE + body
    return text, incidents(text)


def owner(found: list[Incident], number: str) -> Incident:
    (incident,) = [i for i in found if any(m.text == number for m in i.mentions)]
    return incident


def test_public_api_is_the_reader() -> None:
    text, found = read("A fire destroyed 12 homes in Lyon on Monday.")
    assert summarizer.incidents(text) == found
    assert summarizer.Incident is Incident


# -- anchors switch incidents ---------------------------------------------------------------


def test_a_new_place_and_a_new_day_with_a_happening_start_an_incident() -> None:
    _, found = read(
        "A bomb exploded in a market in Kandahar on Tuesday, killing 8 people. "
        "The wounded, 20 in all, were taken to hospital.\n\n"
        "On Sunday, a bus crashed near Multan, killing 3 passengers."
    )
    assert owner(found, "8") is owner(found, "20")
    assert owner(found, "3") is not owner(found, "8")
    assert [i.background for i in found] == [False, False]
    assert owner(found, "8").place == "Kandahar"
    assert owner(found, "3").date == dt.date(2031, 5, 4)


def test_an_anchor_of_an_earlier_incident_switches_back_to_it() -> None:
    _, found = read(
        "Gunmen attacked a checkpoint in Mosul on Monday, killing 5 soldiers. "
        "In Basra on Tuesday, a car bomb killed 7 people. "
        "Monday's attack in Mosul also wounded 11 civilians."
    )
    assert owner(found, "11") is owner(found, "5")
    assert owner(found, "7") is not owner(found, "5")


def test_a_body_named_with_a_direction_is_no_place() -> None:
    """ "at Western University": without its direction, "University" is no town."""
    text = (
        f"{DATELINE}A tornado damaged 35 homes near Cobden on Monday. The Northern Tornadoes "
        "Project at Western University confirmed that winds reached 165 km/h."
    )
    reader = PlaceReader(text, len(DATELINE))
    places = [p for start, end in sentence_spans(text) for p in reader.places_in(start, end, start)]
    assert "University" not in [p.text for p in places]


@pytest.mark.parametrize("money", ["N29.44bn", "R1,800", "K2.5m"])
def test_a_word_with_digits_names_no_place(money: str) -> None:
    _, found = read(f"The brewer said on Tuesday that operating profit stood at {money}.")
    assert [i.place for i in found] == [None]


def test_a_next_day_follow_up_at_a_hospital_elsewhere_stays_with_its_happening() -> None:
    """The hospital's city receives the hurt; it is no new place of a happening."""
    _, found = read(
        "A bus plunged into a ravine in Ha Giang province on Tuesday, killing 8 people. "
        "Two of the injured are in a critical condition and were flown to Bach Mai Hospital "
        "in Hanoi on Wednesday morning."
    )
    assert len(found) == 1


def test_a_separate_incident_announced_with_its_day_starts_one() -> None:
    """ "Separately on Thursday, ... rescued 148 people", "In a separate incident in
    Mpumalanga on Monday, 14 workers were exposed to gas": another report, announced with its
    own day or place, though its words tell no happening the vocabulary knows."""
    _, found = read(
        "A boat capsized off Zuwara on Tuesday, killing 8 migrants.\n\n"
        "Separately on Thursday, the coastguard said it had rescued 148 people from a dinghy."
    )
    assert owner(found, "148") is not owner(found, "8")


def test_a_place_named_only_to_measure_from_does_not_switch() -> None:
    _, found = read(
        "A ferry sank on Lake Tana on Tuesday, killing 14 people. "
        "It went down 200 metres from the port of Bahir Dar with 60 passengers aboard."
    )
    assert len(found) == 1


def test_a_clause_that_opens_separately_starts_another_incident() -> None:
    _, found = read(
        "Floods swept through Dhaka on Tuesday, killing 6 people. "
        "Separately, lightning killed 2 farmers on Tuesday."
    )
    assert owner(found, "2") is not owner(found, "6")


# -- anaphora continue ----------------------------------------------------------------------


def test_the_blast_continues_the_last_incident_of_its_type() -> None:
    _, found = read(
        "An explosion tore through a chemical plant in Dortmund on Tuesday, killing 4 workers. "
        "On Monday, a storm in Bremen had flattened 30 barns.\n\n"
        "Investigators said the blast could be heard 10 km away."
    )
    assert owner(found, "10") is owner(found, "4")
    assert owner(found, "30") is not owner(found, "4")


def test_a_sentence_without_anchors_continues_the_current_incident() -> None:
    _, found = read(
        "An earthquake struck Izmir on Tuesday, killing 25 people. "
        "Rescuers worked through the night. They pulled 9 survivors from the rubble."
    )
    assert len(found) == 1
    assert owner(found, "9") is owner(found, "25")


# -- background -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other_time",
    [
        "In 2008, a quake there killed 70 people.",
        "Last year, a quake there killed 70 people.",
        "The 1999 quake killed 70 people.",
        "Three years ago, a quake there killed 70 people.",
        "The previous quake killed 70 people.",
    ],
)
def test_another_time_is_background(other_time: str) -> None:
    _, found = read(f"An earthquake struck Izmir on Tuesday, killing 25 people. {other_time}")
    assert owner(found, "70").background
    assert not owner(found, "25").background


def test_a_since_when_clause_is_background_but_a_since_year_comparison_is_not() -> None:
    _, found = read(
        "A storm flooded 40 streets in Genoa on Tuesday, the worst since 1994. "
        "It was the deadliest since March 2019, when a storm killed 12 people."
    )
    assert not owner(found, "40").background
    assert owner(found, "12").background
    assert owner(found, "40") is not owner(found, "12")


def test_two_past_years_in_one_sentence_are_two_incidents() -> None:
    _, found = read(
        "A fire gutted 3 floors of a tower in Leeds on Tuesday. "
        "In 2011, a fire in Hull killed 4 people, and a fire in York in 1990 killed 9."
    )
    assert owner(found, "4").background and owner(found, "9").background
    assert owner(found, "4") is not owner(found, "9")


# -- places ---------------------------------------------------------------------------------


def test_the_city_continues_the_last_city() -> None:
    _, found = read(
        "A gas explosion wrecked a bakery in Porto on Tuesday, killing 2 people. "
        "The city's mayor said 15 buildings were damaged."
    )
    (incident,) = found
    (continued,) = [p for p in incident.places if p.refers_to]
    assert continued.refers_to == "Porto" and continued.type == "city"
    assert continued.text.lower().startswith("the city")


def test_places_are_typed_by_the_gazetteer_and_by_their_own_words() -> None:
    text, found = read(
        "Storms hit Kenya and the Rift Valley province on Tuesday, and Eldoret, "
        "killing 5 people near the town of Olkalou."
    )
    types = {p.text: p.type for i in found for p in i.places}
    _, irish = read("A van struck a cyclist in Gorey, Co Wexford, on Saturday, killing 1.")
    assert {p.text: p.type for i in irish for p in i.places}["Co Wexford"] == "region"
    assert types["Kenya"] == "country"
    assert types["Rift Valley"] == "region"
    assert types["Eldoret"] == "city"
    assert types["Olkalou"] == "city"
    for place in (p for i in found for p in i.places):
        assert text[place.start : place.end] == place.text


def test_a_capitalised_direction_is_part_of_a_regions_name() -> None:
    # "West Sulawesi" is a province; "Northern Kivu" in a sentence's first words says where
    _, found = read("A quake struck West Sulawesi on Friday, killing 8 people.")
    assert [p.text for p in found[0].places] == ["West Sulawesi"]
    _, found = read("Northern Kenya was hit by floods on Friday that killed 8 people.")
    assert [p.text for p in found[0].places] == ["Kenya"]


def test_the_dateline_place_is_where_the_story_was_filed() -> None:
    _, found = read("NAIROBI (Wire) - A bus crashed in Nakuru on Tuesday, killing 7 people.")
    assert [p.text for p in found[0].places] == ["Nakuru"]


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("on Monday", dt.date(2031, 5, 5)),
        ("on Wednesday", dt.date(2031, 5, 7)),  # the dateline's own weekday: that day
        ("yesterday", dt.date(2031, 5, 6)),
        ("last night", dt.date(2031, 5, 6)),
        ("on May 2", dt.date(2031, 5, 2)),
    ],
)
def test_dates_resolve_against_the_dateline(words: str, day: dt.date) -> None:
    _, found = read(f"A tanker exploded at a depot in Lagos {words}, killing 4 people.")
    (incident,) = found
    assert incident.date == day
    assert incident.dates[0].text.lower() in words.lower()


def test_a_day_beside_a_verb_of_saying_dates_the_report_not_the_happening() -> None:
    _, found = read(
        "A dam burst near Tbilisi on Monday, killing 6 people. "
        "Officials said on Wednesday that 40 homes were destroyed."
    )
    (incident,) = found
    assert incident.date == dt.date(2031, 5, 5)


def test_a_weekday_that_dates_a_thing_is_no_anchor() -> None:
    _, found = read(
        "A boat capsized near Mopti on Tuesday, killing 11 traders. "
        "They were taking grain to Wednesday's market with 30 others."
    )
    assert len(found) == 1


# -- event types, mentions, edges -----------------------------------------------------------


def test_event_types_come_from_the_vocabulary_cues() -> None:
    found = {t for _, _, t in event_types_in("Artillery shelled the town; a drone struck too.")}
    assert {"shelling", "drone_strike", "attack"} <= found
    assert not event_types_in("In March the council met.") or all(
        t != "protest" for _, _, t in event_types_in("In March the council met.")
    )


def test_every_mention_belongs_to_one_incident_and_spans_are_offsets() -> None:
    text, found = read(
        "A fire killed 3 people in Oslo on Tuesday. In 2015, a fire there killed 12 people."
    )
    seen = [m.index for i in found for m in i.mentions]
    assert sorted(seen) == list(range(len(summarizer.extract_numbers(text))))
    for incident in found:
        for span in incident.spans:
            assert 0 <= span.start < span.end <= len(text)


@pytest.mark.parametrize("text", ["", "   ", " date 2031-05-07 ", "no capitals, no numbers"])
def test_text_without_happenings_is_read_without_error(text: str) -> None:
    found = incidents(text)
    assert all(not i.mentions for i in found)


# -- places that do not anchor --------------------------------------------------------------


def test_where_the_victims_were_taken_is_no_new_incident() -> None:
    _, found = read(
        "A gas tanker exploded in Leeds on Tuesday, killing 3 people. "
        "The injured were taken to hospitals in York and Hull, where 2 died."
    )
    assert len(found) == 1


def test_a_building_named_for_a_town_is_no_place() -> None:
    _, found = read(
        "A blast hit a market in Leeds on Tuesday. Of the 20 hurt, 4 died at York hospital."
    )
    assert [p.text for p in found[0].places] == ["Leeds"]


def test_a_person_is_no_place() -> None:
    _, found = read(
        "A storm flooded 80 homes in Leeds on Tuesday. Mayor Anna Hull said 2 people died, "
        "and York said help was on the way."
    )
    assert [p.text for p in found[0].places] == ["Leeds"]


def test_a_yardstick_place_is_no_anchor() -> None:
    _, found = read(
        "A wildfire burned 300 square miles near Fresno on Tuesday, an area as large as "
        "Chicago, and destroyed 40 homes."
    )
    assert len(found) == 1


def test_last_year_in_a_comparison_is_not_another_time() -> None:
    _, found = read(
        "Floods killed 12 people in Dhaka on Tuesday, up from 5 last year at this time."
    )
    assert len(found) == 1 and not found[0].background


# -- any text -------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "A fire killed 3 people in Leeds on Monday. ",
        "In 2019, a quake there killed 40. ",
        "Separately, ",
        "the city ",
        "Lake Kivu ",
        "Mayor Anna Hull said ",
        "since March 2019, when ",
        "last year ",
        "’s ",
        "\n\n",
        " date 2031-05-07 ",
    ]
)


@given(st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12).map("".join))
def test_any_text_gives_offsets_into_it_and_each_number_one_owner(text: str) -> None:
    found = incidents(text)
    owned = [m.index for i in found for m in i.mentions]
    assert sorted(owned) == list(range(len(summarizer.extract_numbers(text))))
    for incident in found:
        for item in (*incident.mentions, *incident.places, *incident.dates):
            assert text[item.start : item.end] == item.text


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Judges of the Bombay High Court heard it.", []),  # a name that begins with a cue
        ("It was the Marchetti case.", []),
        ("Hurricane Katrina struck.", ["natural_disaster", "attack"]),
        ("Police found three firearms and fireworks.", []),  # things, not happenings
        ("The striker scored twice.", []),
        ("Demonstrators gathered outside.", ["protest"]),  # a sentence's first word
        ("Police said. Demonstrators gathered.", ["statement", "protest"]),
        ("Shahed drones hit the port.", ["drone_strike", "drone_strike"]),
        ("Two forest fires spread overnight.", ["natural_disaster"]),  # a wildfire by any name
    ],
)
def test_cue_words_name_happenings_not_names_or_things(text: str, types: list[str]) -> None:
    assert [t for _, _, t in event_types_in(text)] == types


def test_the_next_day_with_no_new_place_follows_the_happening_up() -> None:
    _, found = read(
        "A five-storey block collapsed in Leeds on Monday night, killing 7 workers.\n\n"
        "Rescuers recovered 3 more bodies from the rubble on Tuesday morning."
    )
    assert owner(found, "3") is owner(found, "7")


def test_the_next_day_of_another_incident_goes_back_to_that_incident() -> None:
    _, found = read(
        "A storm flattened 40 barns across Kent on Tuesday. "
        "Separately, a tornado tore the roofs off 9 homes in Hull on Monday.\n\n"
        "On Tuesday, 120 people slept in Kent's shelters, the council said."
    )
    assert owner(found, "120") is owner(found, "40")
    assert owner(found, "9") is not owner(found, "40")


def test_a_town_after_at_is_a_place_but_not_a_unit_a_firm_or_a_title() -> None:
    _, found = read(
        "A pit caved in at Nkelewo on Monday, trapping 14 miners.\n\n"
        "Shares of the owner fell to Rs 340, said an analyst at Baraka Research, and "
        "inspectors cited the Health and Safety at Work Act."
    )
    assert [p.text for p in found[0].places] == ["Nkelewo"]


def test_an_incident_is_placed_where_it_happened_not_by_its_yardstick() -> None:
    _, found = read(
        "The quake struck 90 km northeast of Rome on Tuesday and killed 20 people in "
        "L'Aquila, the civil protection agency said."
    )
    assert found[0].place == "L'Aquila"


@pytest.mark.parametrize(
    "words", ["fought a gun duel with", "exchanged fire with", "were killed in a shootout with"]
)
def test_the_words_of_a_gunfight_cue_an_armed_clash(words: str) -> None:
    assert "armed_clash" in {t for _, _, t in event_types_in(f"Vigilantes {words} bandits.")}


@pytest.mark.parametrize("words", ["A stampede at the temple", "A crush at the gate"])
def test_a_stampede_or_crush_is_an_accident(words: str) -> None:
    assert "accident" in {t for _, _, t in event_types_in(f"{words} killed 14 pilgrims.")}


def test_a_date_after_the_dateline_is_planned_and_starts_no_incident() -> None:
    """ "due in court on 12 May": a hearing to come, not a happening of that day."""
    _, found = read(
        "Police seized 40 kg of cannabis from a farm in Harlow on Monday. Two men were "
        "arrested and are due in court on 12 May. In Brentwood on Tuesday, officers found a "
        "stolen van."
    )
    two = owner(found, "Two")
    assert two is owner(found, "40")
    assert two.date == dt.date(2031, 5, 5)
    assert all(i.date != dt.date(2031, 5, 12) for i in found)


@pytest.mark.parametrize(
    ("body", "place"),
    [
        # a locality its own words mark, after the larger place the lede names
        (
            "A minibus overturned in Egypt's Qena province on Monday, killing six people. It "
            "left the road near the village of Marsa Tarik at about 6 a.m.",
            "Marsa Tarik",
        ),
        (
            "Gunmen attacked a market in the Dunmore area of Kaltown on Friday, killing four.",
            "Dunmore",
        ),
        ("Fighters stormed a checkpoint in Varno's Keld Tor on Monday, killing two.", "Keld Tor"),
        (
            "A bus crashed at Ballymore Cross, near Kilvane, on Monday, injuring 14.",
            "Ballymore Cross",
        ),
        # a city of a country is no locality: the country's possessive marks nothing
        ("A blast hit a depot in Nigeria's Lagos on Monday, killing three.", "Lagos"),
    ],
)
def test_a_locality_marked_by_its_words_is_the_incidents_place(body: str, place: str) -> None:
    _, found = read(body)
    assert found[0].place == place


def test_a_parts_place_after_its_whole_and_a_compared_day_switch_nothing() -> None:
    _, found = read(
        "Last Thursday, a first march in Paris drew 90,000. "
        "On Monday 280,000 people marched across France against the cuts. "
        "Around 80,000 police had been deployed, 12,000 of them in Paris. "
        "The ministry said 17 percent of teachers had walked out, up from 11 percent on "
        "Thursday."
    )
    assert owner(found, "80,000") is owner(found, "280,000")
    assert owner(found, "17") is owner(found, "280,000")
    assert owner(found, "90,000") is not owner(found, "280,000")


@pytest.mark.parametrize(
    ("body", "not_places"),
    [
        # an acronym names a body (a newspaper, an agency), though a town bears its letters
        (
            "Gunmen killed 6 villagers in Faskari on Friday. The PUNCH gathered that the "
            "attackers fled. Speaking to IRNA, an official said 2 others were hurt.",
            {"PUNCH", "IRNA"},
        ),
        # a service's name holds a place's name
        (
            "A fire killed 4 in Leeds on Monday, the Tehran Fire Department said.",
            {"Tehran", "Tehran Fire Department"},
        ),
        # a name with an age after it is a person
        ("Floods hit Leeds on Monday, and farmer Salvador, 58, said 3 died.", {"Salvador"}),
        # a street of a town is no town: "17th and Walnut streets"
        ("A man was shot near 17th and Walnut streets in Leeds on Monday, 1 of 2.", {"Walnut"}),
    ],
)
def test_names_of_bodies_people_and_streets_are_no_places(body: str, not_places: set[str]) -> None:
    _, found = read(body)
    names = {p.text for i in found for p in i.places}
    assert not names & not_places
    assert "Leeds" in names or "Faskari" in names


@pytest.mark.parametrize(
    ("body", "place"),
    [
        ("Police made 7 arrests after crowd trouble at Stark's Park on Saturday.", "Stark's Park"),
        ("A taxi driver was shot dead in Kaltown's Site C on Friday, and 2 were hurt.", "Site C"),
        # one word owned by a place the article types is a place of that place
        (
            "Troops came under fire in Varno's Keld on Monday, killing 2, officials in Varno "
            "district said.",
            "Keld",
        ),
    ],
)
def test_a_venues_whole_name_and_a_lettered_section_are_the_place(body: str, place: str) -> None:
    _, found = read(body)
    assert found[0].place == place


@pytest.mark.parametrize(
    "later",
    [
        "Eleven injured people were airlifted to Kathmandu.",
        "The governor told journalists in Kathmandu that 11 were hurt.",
        "Samples were sent to the National Institute of Hygiene and Epidemiology in Kathmandu.",
        "(Reporting by Asha Menon in Kathmandu; Editing by Jo Kim)",
    ],
)
def test_where_people_were_taken_told_or_a_body_sits_anchors_nothing(later: str) -> None:
    text = f"{DATELINE}A landslide buried 9 homes in Chautara on Monday, killing 4. {later}"
    reader = PlaceReader(text, len(DATELINE))
    places = reader.places_in(0, len(text), 0)
    kathmandu = [p for p in places if p.text == "Kathmandu"]
    assert kathmandu
    assert all(reader.positional(p) for p in kathmandu)
    assert [p.text for p in reader.anchoring(places)] == ["Chautara"]


@pytest.mark.parametrize(
    ("body", "place"),
    [
        # the town its opening clauses name, over the region named before it
        (
            "Tornadoes tore across Polk County on Monday, injuring 4 people in Ankeny.",
            "Ankeny",
        ),
        (
            "A bus overturned in Tanzania's Morogoro region on Monday. It left the road at "
            "Mikese, killing 15.",
            "Mikese",
        ),
        # a town named only later, in another clause, does not displace it
        (
            "Floods hit Polk County on Monday, killing 4. Relief reached Polk County by noon. "
            "Officials in Ankeny said roads were shut.",
            "Polk County",
        ),
    ],
)
def test_an_incident_is_placed_in_the_town_its_opening_names(body: str, place: str) -> None:
    _, found = read(body)
    assert found[0].place == place


def test_a_countrys_adjective_typed_as_a_state_is_no_place() -> None:
    _, found = read(
        "Gunmen opened fire in the central Mexican state of Guanajuato on Saturday, killing 7."
    )
    assert found[0].place == "Guanajuato"
    assert "Mexican" not in {p.text for p in found[0].places}


def test_a_clause_that_opens_on_a_new_place_starts_an_incident() -> None:
    """ "In Dundee, 3kg of heroin was recovered": the writer turns to another place, though
    the clause tells no toll of its own."""
    _, found = read(
        "Police arrested 2 men in Hamilton on Monday after 420 cannabis plants were found. "
        "In Dundee, 3kg of heroin was recovered from a car on Tuesday. A 29-year-old woman "
        "was arrested."
    )
    assert owner(found, "3") is not owner(found, "420")
    assert owner(found, "3").place == "Dundee"
    assert owner(found, "29") is owner(found, "3")


def test_the_village_after_a_place_that_receives_still_means_the_scene() -> None:
    text = (
        f"{DATELINE}A landslide buried 22 houses in Bhotechaur village on Monday. Eleven people "
        "were treated at the district hospital in Chautara. Rescue work stopped when a slide "
        "blocked the road to the village."
    )
    reader = PlaceReader(text, len(DATELINE))
    places = [p for start, end in sentence_spans(text) for p in reader.places_in(start, end, start)]
    (village,) = [p for p in places if p.text == "the village"]
    assert village.refers_to == "Bhotechaur"


def test_a_place_in_an_aside_on_a_person_does_not_place_the_count_after_it() -> None:
    _, found = read(
        "A tornado killed 3 people in Savannah on Saturday. Governor Ann Lowe, who toured "
        "Savannah on Sunday, said the state would seek aid for 6 counties."
    )
    (six,) = [m for i in found for m in i.mentions if m.text == "6"]
    assert six.place is None
    _, found = read(
        "A tornado killed 3 people on Saturday. In Savannah, officials sought aid for 6 counties."
    )
    (six,) = [m for i in found for m in i.mentions if m.text == "6"]
    assert six.place == "Savannah"


def test_a_counts_as_of_day_is_not_the_day_it_tells_of() -> None:
    _, found = read(
        "A quake struck on Saturday night. Seismologists said 42 aftershocks had been "
        "recorded till 10 am on Monday."
    )
    (count,) = [m for i in found for m in i.mentions if m.text == "42"]
    assert count.date is None


def test_places_a_roundup_lists_draw_no_later_sentence_back_to_it() -> None:
    _, found = read(
        "At least 9 people were killed in two days of protests in Nakuru, Nyeri and Eldoret, "
        "the commission said yesterday.\n\n"
        "In Nakuru, 2 men were shot dead on Tuesday near Free Area.\n\n"
        "On Wednesday, the protests spread to Nyeri, where 3 people were killed."
    )
    assert len({id(owner(found, n)) for n in ("9", "2", "3")}) == 3
    assert owner(found, "3").place == "Nyeri"


def test_the_day_a_source_said_it_dates_no_incident() -> None:
    _, found = read(
        "Floods killed 4 people in Kisumu, the county commissioner said yesterday.\n\n"
        "On Saturday, a landslide in Nyeri killed 2 people."
    )
    assert owner(found, "4").date is None
    assert owner(found, "4") is not owner(found, "2")


def test_a_county_its_name_types_places_an_incident_nearer_than_its_state() -> None:
    _, found = read(
        "A tornado tore through Tennessee and Hardin County on Tuesday, killing 3 people."
    )
    assert owner(found, "3").place == "Hardin County"


def test_a_city_told_by_its_rank_is_the_city_the_article_names() -> None:
    _, found = read(
        "Russia retaliated for an attack on the border city of Belgorod, launching new "
        "missile strikes on Kharkiv.\n\n"
        "At least 26 people were injured in strikes on Ukraine's second largest city on "
        "Saturday night.\n\n"
        "Saturday's attack on Belgorod killed 24 people."
    )
    assert owner(found, "26").place == "Kharkiv"
    assert owner(found, "24").place == "Belgorod"
    assert owner(found, "26") is not owner(found, "24")


def test_a_rank_the_article_names_no_city_for_places_nothing() -> None:
    _, found = read("At least 26 people were injured in strikes on Ukraine's second largest city.")
    assert owner(found, "26").place != "Kharkiv"
