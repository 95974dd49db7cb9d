"""Shapes of news language behind false flags on unseen articles (issue #22).

Every sentence here is invented; each test names the shape it pins down, so a rule that
only fits one article's string has no test to stand on.
"""

from __future__ import annotations

import pytest

from summarizer.numbers import NumberMention, extract_numbers


def mention(text: str, token: str, nth: int = 0) -> NumberMention:
    """The ``nth`` mention whose text is ``token``, with a readable failure."""
    found = [m for m in extract_numbers(text) if m.text == token]
    assert len(found) > nth, (text, [(m.text, m.role) for m in extract_numbers(text)])
    return found[nth]


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Some 30 cottages were buried by the mudslide.", "30", "damaged"),
        ("At least 12 dead as 950 houses collapse in the storm", "950", "damaged"),
        ("Forty huts collapsing under the weight of the snow were counted.", "Forty", "damaged"),
    ],
)
def test_buildings_that_collapse_or_are_buried_are_damaged(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("About 75 people were taken to hospitals in the capital.", "75", "injured"),
        ("The injured were taken to 5 hospitals in the region.", "5", "other_count"),
    ],
)
def test_taken_to_hospitals_counts_people_not_hospitals(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


def test_a_headline_with_two_verbs_gives_each_number_its_own() -> None:
    text = "Gale kills at least 9, injures 40 across the coast"
    assert mention(text, "9").role == "killed"
    assert mention(text, "40").role == "injured"


def test_cases_of_a_disease_are_not_deaths() -> None:
    text = "The cholera outbreak reaches 211 cases and 14 deaths in nine districts"
    assert mention(text, "211").role == "other_count"
    assert mention(text, "14").role == "killed"


def test_a_collapse_as_a_noun_gives_no_role() -> None:
    text = "In the 1998 quarry collapse, 21 men were trapped for a week."
    assert mention(text, "21").role == "missing"


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Farmer John Doyle, 61, was injured in the crash.", "61"),
        ("Director jailed after worker, 23, crushed by falling steel", "23"),
        ("Two guards, aged 41, 29 and 33, were killed at the gate.", "29"),
        ("Two guards, aged 41, 29 and 33, were killed at the gate.", "33"),
    ],
)
def test_ages_in_commas_and_in_lists_after_aged(text: str, token: str) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == ("other_count", "years old")


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("In Leeds, 23, including two children, died.", "23", "killed"),
        ("However, 20, including a boy, were hurt.", "20", "injured"),
        ("The victims, aged 41 and 29, and 3 others were hurt.", "3", "injured"),
        ("Three guards, aged 41 and 29, were killed at the gate.", "Three", "killed"),
    ],
)
def test_counts_beside_ages_keep_their_roles(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "value", "role"),
    [
        ("The governor won a third term on Sunday.", "third", 3, "ordinal"),
        ("She launched a second bid for the seat.", "second", 2, "ordinal"),
        ("A third of the houses burned.", "A third", 1 / 3, "damaged"),  # still a fraction
    ],
)
def test_an_ordinal_after_a_or_an_is_no_fraction_without_of(
    text: str, token: str, value: float, role: str
) -> None:
    found = mention(text, token)
    assert (found.value, found.role) == (pytest.approx(value), role)


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "Medics said 9 fans fainted and two were taken to St Anne's General Hospital.",
            "two",
            "injured",
        ),
        ("Five people were rushed to Harbourview Medical Centre overnight.", "Five", "injured"),
        ("Three nurses were sent to Leeds General Infirmary to help.", "Three", "other_count"),
    ],
)
def test_taken_to_a_hospital_by_its_name_is_injured(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "noun"),
    [
        (
            "The blaze has now burned through more than 9,000 hectares of pasture.",
            "9,000",
            "hectares",
        ),
        ("Crews held the fire at roughly 650 acres by nightfall.", "650", "acres"),
        ("Floodwater covered 120 square kilometres of the delta.", "120", "square kilometres"),
        ("The slick spread over 40 sq km and then 55km2 of sea.", "55", "km2"),
        ("Developers bought a 300-acre estate outside the town.", "300", "acre"),
        ("Gusts reached 130 km/h on the coast.", "130", "km/h"),
        ("The storm brought sustained winds of 95km/h.", "95", "km/h"),
        ("Winds of up to 70 mph toppled power lines.", "70", "mph"),
        ("The ferry was making 18 knots when it struck the reef.", "18", "knots"),
        ("The train was travelling at 160 kilometres per hour.", "160", "kilometres per hour"),
    ],
)
def test_an_area_or_a_speed_is_no_length(text: str, token: str, noun: str) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == ("other_count", noun)


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Crops across 3,200 hectares have been destroyed, officials said.", "3,200", "damaged"),
        ("About 800 acres of orchards were flattened by the hail.", "800", "damaged"),
        ("The floods ruined 1,500 hectares of paddy.", "1,500", "damaged"),
        # the verb's object, then the area it lies on
        ("Hail damaged orchards on more than 3,000 hectares.", "3,000", "damaged"),
        ("The storm flattened maize across 500 acres.", "500", "damaged"),
        ("Rain damaged roads; the blaze burned over 200 acres.", "200", "other_count"),
        (
            "The fire destroyed 12 homes and grew to 4,100 hectares overnight.",
            "4,100",
            "other_count",
        ),
        ("Some 700 acres burned before the wind dropped.", "700", "other_count"),
    ],
)
def test_an_area_is_damaged_only_when_a_verb_of_damage_governs_it(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("The bridge is 40 km from the border.", "40"),
        ("Rescuers found the car 300 metres down the ravine.", "300"),
        ("The convoy had driven 12 miles when it was hit.", "12"),
    ],
)
def test_a_length_stays_a_distance(text: str, token: str) -> None:
    assert mention(text, token).role == "distance"


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("The driver, Ciarán Walsh (31), from Naas, was pronounced dead at the scene.", "31"),
        ("Mary O'Connor (67) died in hospital on Sunday.", "67"),
        ("Police arrested Rahul Verma (28) and Sunil Kumar (34) in Lahore.", "34"),
        ("The victim, a woman (45), was treated for cuts.", "45"),
        ("A farmer (58) was injured when the tractor overturned.", "58"),
    ],
)
def test_a_number_in_brackets_after_a_person_is_an_age(text: str, token: str) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == ("other_count", "years old")


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Cases were reported in Kansas (3), Texas (2), and Ohio (1).", "3"),  # a tally by place
        ("The most cases (37) were recorded in May.", "37"),
        ("Sales rose in March (4) and fell in April.", "4"),  # a month is no person
    ],
)
def test_a_bracketed_count_that_follows_no_person_is_no_age(text: str, token: str) -> None:
    assert mention(text, token).noun != "years old"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("All of the city’s 5,000 residents were told to leave.", "5,000", "population"),
        ("The island's 800 inhabitants rely on one ferry.", "800", "population"),
        ("The district has 40,000 residents and one hospital.", "40,000", "population"),
        ("A suburb with 12,000 residents lost power.", "12,000", "population"),
        ("Two residents who refused to leave had to be rescued by boat.", "Two", "other_count"),
        ("Some 40 residents gathered outside the council offices.", "40", "other_count"),
        ("About 300 residents were evacuated overnight.", "300", "displaced"),
    ],
)
def test_residents_are_a_population_only_when_a_place_owns_them(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Shelling hit 14 houses on the edge of the village.", "14", "damaged"),
        ("Debris struck two cars and a bus shelter.", "two", "damaged"),
        ("Three apartment blocks were hit overnight.", "Three", "damaged"),
        ("Hit by gunfire, 4 vehicles were abandoned on the road.", "4", "damaged"),
        ("Five pedestrians were struck by the van.", "Five", "other_count"),  # no building
        ("Twelve were hit by shrapnel and taken to hospital.", "Twelve", "injured"),
        ("The storm hit the coast and 12 people died.", "12", "killed"),
    ],
)
def test_a_blow_damages_buildings_and_vehicles_and_counts_nothing_else(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    "text",
    [
        "Nine were admitted to a local hospital on Friday night.",
        "Six people were rushed to a nearby hospital.",
        "Eleven were shifted to the trauma centre in the city.",
        "Four passengers were airlifted to two regional hospitals.",
        "Three were taken to the district health centre.",
        "Two were transferred to intensive care.",
    ],
)
def test_people_taken_to_any_hospital_are_injured(text: str) -> None:
    assert extract_numbers(text)[0].role == "injured"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Three victims later succumbed to their injuries.", "Three", "killed"),
        ("Two linemen were electrocuted while repairing the cable.", "Two", "killed"),
        ("Two people were burnt alive inside the van.", "Two", "killed"),
        ("Seven passengers were charred to death when the bus caught fire.", "Seven", "killed"),
        ("A firefighter and 2 residents suffered serious burns.", "2", "injured"),
        ("Eight people received treatment for smoke inhalation.", "Eight", "injured"),
        ("The government relocated 3,000 families to temporary shelters.", "3,000", "displaced"),
        ("About 2 lakh people were shifted to relief camps.", "2 lakh", "displaced"),
        ("Officials moved 520,000 people to cyclone shelters.", "520,000", "displaced"),
        ("Officials opened 8,000 storm shelters along the coast.", "8,000", "other_count"),
        ("While 96 community kitchens fed the evacuees, rain fell.", "96", "other_count"),
        ("Police took 19 people into custody after the clashes.", "19", "arrested"),
        ("Police nabbed 7 suspects near the border.", "7", "arrested"),
    ],
)
def test_verbs_of_death_injury_flight_and_arrest_in_their_other_words(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role", "noun"),
    [
        ("Net profit rose to A$1.2bn for the year.", "1.2bn", "money", "AUD"),
        ("Revenue was $A3.4 billion.", "3.4 billion", "money", "AUD"),
        ("The club paid NZ$ 40m for the ground.", "40m", "money", "NZD"),
        ("Ottawa pledged C$2bn in aid.", "2bn", "money", "CAD"),
        ("It posted a $165m profit.", "165m", "money", "USD"),  # "a", not "A$"
        ("The court fined the firm Tk 500 crore.", "500 crore", "money", "BDT"),
        ("Each family will get Tk20,000 in aid.", "20,000", "money", "BDT"),
        ("The regency set aside Rp1.5 billion for relief.", "1.5 billion", "money", "IDR"),
        ("Tickets cost Rp 250,000 each.", "250,000", "money", "IDR"),
        ("Sales were up 12pc on the year.", "12", "percentage", "percent"),
    ],
)
def test_currencies_and_per_cent_as_non_us_papers_write_them(
    text: str, token: str, role: str, noun: str
) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == (role, noun)


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("The number waiting fell by 3,200 to 96,500.", "3,200", "96,500"),
        ("Exports increased by 400 to 12,000 tonnes.", "400", "12,000"),
        ("The list was cut by 1,150 to 24,000 names.", "1,150", "24,000"),
    ],
)
def test_a_change_by_an_amount_to_a_level_is_two_numbers(
    text: str, first: str, second: str
) -> None:
    assert [m.text for m in extract_numbers(text)] == [first, second]


def test_a_change_by_a_span_of_near_numbers_is_a_range() -> None:
    assert mention("Prices rose by 10 to 15 per cent.", "10 to 15").qualifier == "range"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Chasing 246, the visitors won with an over to spare.", "246", "other_count"),
        ("Needing 12 to win, they lost by a run.", "12", "other_count"),
        ("Gunmen Kill 12 in Raid on Village", "12", "killed"),
        ("Storm Leaves 40 Dead Across Coast", "40", "killed"),
        ("Death Toll Rises to 40 After Floods", "40", "killed"),
    ],
)
def test_a_capitalised_verb_before_a_number_names_nothing(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    "text", ["A Boeing 737 crashed on landing.", "Flight 370 vanished.", "Apollo 11 landed."]
)
def test_a_name_before_a_number_still_designates(text: str) -> None:
    assert extract_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Rovers beat Corrib United 3-1 on Friday.", ["3", "1"]),
        ("Leinster beat Munster 24-17 in Dublin.", ["24", "17"]),
        ("Kano Pillars drew with Enyimba 2–2.", ["2", "2"]),
    ],
)
def test_a_score_after_a_team_name_is_read(text: str, tokens: list[str]) -> None:
    assert [m.text for m in extract_numbers(text)] == tokens


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("At least 21 people died after drinking toxic liquor, and 30 are being treated.", "30"),
        ("Twelve others are under treatment at the district hospital.", "Twelve"),
        ("Doctors treated 40 patients for smoke inhalation.", "40"),
        ("Nine of the survivors are receiving treatment.", "Nine"),
    ],
)
def test_people_under_treatment_are_injured(text: str, token: str) -> None:
    assert mention(text, token).role == "injured"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("The toll from the blaze was revised down to 38 from an initial 41.", "41", "killed"),
        (
            "The toll from the crash that wrecked 3 cars rose to 19 from an earlier 12.",
            "12",
            "killed",
        ),
        ("The number of injured climbed to 60 from a preliminary 45.", "45", "injured"),
    ],
)
def test_a_tolls_old_figure_after_from_an_initial_is_the_toll(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("A magnitude 5.2 aftershock damaged a bridge.", "5.2"),
        ("A 6.4-magnitude quake killed 17 people.", "6.4"),
        ("The quake, measuring 6.1 on the Richter scale, destroyed 300 homes.", "6.1"),
        ("A 7.1 magnitude earthquake flattened 40 houses.", "7.1"),
        ("The tremor had a magnitude of 5.8 and damaged 20 homes.", "5.8"),
    ],
)
def test_a_quakes_magnitude_is_a_measure_no_verb_counts(text: str, token: str) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == ("other_count", "magnitude")


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Man killed, two wounded in shooting outside bar", "two", "injured"),
        ("One dead, three hurt in crash on ring road", "three", "injured"),
        ("Gale kills 4, leaves 12 missing after storm", "12", "missing"),
        ("Police say 12 arrested after clashes in capital", "12", "arrested"),
        ("Two fired at the crowd before fleeing.", "Two", "launched"),  # no toll noun
    ],
)
def test_a_toll_word_right_after_a_bare_number_is_its_noun_before_an_adjunct(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "The plane crashed, killing the pilot and three passengers and injuring another.",
            "three",
            "killed",
        ),
        ("The blast injured a policeman and two children.", "two", "injured"),
        ("The storm killed a farmer and his two sons.", "two", "killed"),
        ("Police detained the organiser and 14 others.", "14", "arrested"),
        ("The blast killed the driver and wounded 12 people.", "12", "injured"),
    ],
)
def test_a_verb_governs_a_count_coordinated_with_its_first_object(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Officials said 42 people had died, while 63 were admitted to hospitals.", "63"),
        ("Two died and 5 were rushed to a nearby hospital.", "5"),
        ("Nine people were killed; 40 were taken to hospital in the capital.", "40"),
    ],
)
def test_taken_to_hospital_right_after_the_count_outranks_a_verb_across_the_clause(
    text: str, token: str
) -> None:
    assert mention(text, token).role == "injured"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Russia attacked with 83 drones and four ballistic missiles overnight.", "83", "launched"),
        (
            "Russia attacked with 83 drones and four ballistic missiles overnight.",
            "four",
            "launched",
        ),
        ("Forces struck the city using at least 20 missiles.", "20", "launched"),
        ("Militants pounded the base with 40 mortar shells.", "40", "launched"),
        ("The army is equipped with 300 drones.", "300", "other_count"),
    ],
)
def test_weapons_an_attack_was_made_with_were_launched(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "All 72 people on board were killed, including 68 passengers and four crew.",
            "four",
            "killed",
        ),
        ("The blast killed 20, including six children and two police officers.", "two", "killed"),
        ("Police arrested 30 people, among them 4 women and 2 minors.", "2", "arrested"),
        ("The blast killed 20, including six children, and wounded 40.", "40", "injured"),
    ],
)
def test_a_count_coordinated_with_a_detail_details_the_same_toll(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("At least 2,000 fled, over 300 homes were damaged.", "300", "damaged"),
        ("Nine died, 40 people were hurt.", "40", "injured"),
        ("The quake killed, at least 24 people.", "24", "killed"),  # the verb's own object
    ],
)
def test_a_verb_before_a_comma_does_not_govern_the_subject_of_the_next_clause(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("The bus was carrying 52 passengers, 31 of whom died.", "52", "other_count"),
        ("The bus was carrying 52 passengers, 31 of whom died.", "31", "killed"),
        ("Russia fired 40 missiles, 32 of which were shot down.", "40", "launched"),
        ("Of the 52 passengers, 31 died and 21 were injured.", "52", "other_count"),
        ("Of the 1,200 homes in the village, 300 were destroyed.", "300", "damaged"),
        ("Twenty people, 16 of them children, were killed.", "Twenty", "killed"),
    ],
)
def test_the_verb_of_a_part_is_not_the_wholes(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("A total of 42 people were rescued, 11 of whom were injured.", "11", "injured"),
        ("Seventeen people were pulled out alive, 11 of them with injuries.", "11", "injured"),
        ("The attack killed 40 people, 23 of them children.", "23", "killed"),
    ],
)
def test_n_of_whom_after_a_comma_takes_no_role_from_the_verb_before(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Police said 14 vehicles, including two buses, were burnt.", "14", "damaged"),
        ("Protesters burned 12 cars outside the station.", "12", "damaged"),
        ("Twenty houses were set ablaze by the raiders.", "Twenty", "damaged"),
        ("Three people were burned in the blaze.", "Three", "other_count"),
    ],
)
def test_a_fire_set_to_buildings_and_vehicles_damages_them_and_no_one_else(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Five members of a family, including two children, were killed in the slip.", "Five"),
        ("Twelve residents of the village, most of them farmers, were killed.", "Twelve"),
    ],
)
def test_an_of_phrase_and_an_apposition_stand_between_a_count_and_its_verb(
    text: str, token: str
) -> None:
    assert mention(text, token).role == "killed"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "Divers found 25 bodies after a boat with about 300 people on board sank.",
            "300",
            "other_count",
        ),
        ("Residents put the toll at 23, saying 70 passengers were on board.", "70", "other_count"),
        (
            "Two died when a slide swept a jeep carrying four people off the road.",
            "four",
            "other_count",
        ),
        ("The crash killed all 12 people on board.", "12", "killed"),
        ("Twelve people on board died.", "Twelve", "killed"),
    ],
)
def test_who_was_aboard_takes_a_role_only_from_a_verb_that_governs_it(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Nine victims were burnt beyond recognition.", "Nine", "killed"),
        ("The fire forced the evacuation of 1,200 residents.", "1,200", "displaced"),
        ("She lost her two daughters in the crash.", "two", "killed"),
        ("The team lost three matches in a row.", "three", "other_count"),
    ],
)
def test_deaths_and_evacuations_in_their_other_words(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role", "noun"),
    [
        (
            "Police said 112 vehicles were damaged, up from 87 the year before.",
            "87",
            "damaged",
            "vehicles",
        ),
        (
            "Some 64 people were killed last year, compared with 92 in 2024.",
            "92",
            "killed",
            "people",
        ),
        (
            "Police arrested 40 people on Sunday, against 12 on Saturday.",
            "12",
            "arrested",
            "people",
        ),
        ("The storm destroyed 300 homes, up from 120 huts.", "120", "damaged", "huts"),
    ],
)
def test_a_count_compared_with_takes_the_role_and_noun_of_the_count_before(
    text: str, token: str, role: str, noun: str
) -> None:
    m = mention(text, token)
    assert (m.role, m.noun) == (role, noun)


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Three people were shot outside a house party.", "Three", "injured"),
        ("Two men were shot dead in the car park.", "Two", "killed"),
        ("Four people were fatally shot on Sunday.", "Four", "killed"),
        ("He was shot five times in the chest.", "five", "other_count"),
        ("Police shot down 12 drones.", "12", "intercepted"),
    ],
)
def test_a_shot_wounds_people_and_counts_nothing_else(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("In all, 148 people have been shot this year, 19 of them fatally.", "19", "killed"),
        ("The blast injured 40 people, 12 of them seriously.", "12", "injured"),
    ],
)
def test_n_of_them_with_a_role_word_of_its_own_keeps_it(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Six people died in five crashes on the roads.", "five", "other_count"),
        ("Troopers worked 87 collisions, 23 of them with injuries.", "87", "other_count"),
        ("Nine of the patients are still undergoing treatment.", "Nine", "injured"),
    ],
)
def test_happenings_are_not_casualties_and_treatment_is_an_injury(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("A crash in 2023 sent 11 people to hospital.", "11", "injured"),
        ("In all 11 were taken to hospital - seven to Stepping Hill Hospital.", "seven", "injured"),
        ("The storm sent 3 ships to the harbour.", "3", "other_count"),
    ],
)
def test_a_count_sent_to_hospital_or_to_a_named_one_is_injured(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The dead were named as Gul Rehman, 46, Naveed Khan, 31, and Rafiullah, 24.", ["24"]),
        ("Those killed were Ann Cole, 16; Ben Bell, 17; and Kim Sledge, 23.", ["16", "17", "23"]),
    ],
)
def test_the_ages_of_a_list_of_names_are_ages_to_its_last(text: str, tokens: list[str]) -> None:
    assert [mention(text, t).noun for t in tokens] == ["years old"] * len(tokens)


def test_a_places_count_after_an_age_is_no_age() -> None:
    text = "Police arrested Ann Lowe, 47, and said the toll in Kano, 23."
    assert mention(text, "23").noun != "years old"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Prices rose for three consecutive years.", "three", "duration"),
        ("The report is due within seven working days.", "seven", "duration"),
        ("Around 300 sheep and goats perished in the fire.", "300", "other_count"),
        ("They called a meeting of the two associations after the killings.", "two", "other_count"),
    ],
)
def test_spans_of_time_animals_and_bodies_are_no_casualties(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Some 51,870 people were still staying in 372 evacuation centers.", "372", "other_count"),
        ("The boat capsized, leaving four of its eight crew members missing.", "four", "missing"),
        (
            "The boat capsized, leaving four of its eight crew members missing.",
            "eight",
            "other_count",
        ),
        ("Two of the three children were killed.", "three", "other_count"),
        ("Air defences shot down 21 of 49 drones.", "49", "launched"),
    ],
)
def test_the_verb_of_a_part_leaves_its_whole_and_shelters_count_no_one(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role
