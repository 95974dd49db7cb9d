"""Targeted cases for each rule of the number extractor, beyond the seed articles.

Each case names the token it is about, so a failure shows the sentence, the token and
everything the extractor returned for it.
"""

from __future__ import annotations

import itertools

import pytest

from summarizer.numbers import NumberMention, extract_numbers


def mention(text: str, token: str, nth: int = 0) -> NumberMention:
    """The mention whose text is ``token`` (the ``nth`` one), with a readable failure."""
    found = [m for m in extract_numbers(text) if m.text == token]
    assert len(found) > nth, (
        f"no mention {token!r} in {text!r}; got {[(m.text, m.value, m.role) for m in extract_numbers(text)]}"
    )
    return found[nth]


def texts(text: str) -> list[str]:
    return [m.text for m in extract_numbers(text)]


def check(
    text: str,
    token: str,
    value: float,
    qualifier: str | None = None,
    role: str | None = None,
    high: float | None = None,
) -> NumberMention:
    m = mention(text, token)
    assert m.value == pytest.approx(value), m
    assert m.value_high == (None if high is None else pytest.approx(high)), m
    assert text[m.start : m.end] == token
    if qualifier is not None:
        assert m.qualifier == qualifier, m
    if role is not None:
        assert m.role == role, m
    return m


# --------------------------------------------------------------------------- digits and scales


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("The city has 340,000 residents.", "340,000", 340_000),
        ("Officials counted 1,234,567 ballots.", "1,234,567", 1_234_567),
        ("The quake measured 7.6 on the Richter scale.", "7.6", 7.6),
        ("About 1.5 million people were displaced.", "1.5 million", 1_500_000),
        ("Some 40k protesters marched.", "40k", 40_000),
        ("The deal is worth $2.3bn to the company.", "2.3bn", 2_300_000_000),
        ("It paid $4.29 billion for the firm.", "4.29 billion", 4_290_000_000),
        ("A $165m profit.", "165m", 165_000_000),
        ("A budget of 2 trillion yen.", "2 trillion", 2_000_000_000_000),
        ("They counted 12 vehicles.", "12", 12),
    ],
)
def test_digits_scales_and_suffixes(text: str, token: str, value: float) -> None:
    check(text, token, value)


@pytest.mark.parametrize(
    ("text", "token", "value", "noun"),
    [
        ("The deal is worth $2.3bn.", "2.3bn", 2.3e9, "USD"),
        ("Revenue rose to £5m.", "5m", 5e6, "GBP"),
        ("The EU pledged €2 billion.", "2 billion", 2e9, "EUR"),
        ("He paid 5 million dollars for it.", "5 million", 5e6, "USD"),
        ("Shares fell to $35.40 in late trade.", "35.40", 35.4, "USD"),
        ("Profit was 45 cents per share.", "45", 45, "USD cents"),
        ("A fee of 5,000 yuan was charged.", "5,000", 5000, "CNY"),
        ("It cost Rs 500 to enter.", "500", 500, "INR"),
        ("It cost US$5 million.", "5 million", 5e6, "USD"),
    ],
)
def test_money_spans_exclude_the_sign_and_include_the_scale(
    text: str, token: str, value: float, noun: str
) -> None:
    m = check(text, token, value, role="money")
    assert m.noun == noun


@pytest.mark.parametrize(
    ("text", "token", "value", "noun"),
    [
        ("Profit grew 23% in the quarter.", "23", 23, "percent"),
        ("Prices rose 25 percent.", "25", 25, "percent"),
        ("Prices rose 25 per cent.", "25", 25, "percent"),
        ("Shares rose 10.7% from the close.", "10.7", 10.7, "percent"),
        ("The gap widened by 3 percentage points.", "3", 3, "percentage points"),
    ],
)
def test_percentages_exclude_the_percent_sign(
    text: str, token: str, value: float, noun: str
) -> None:
    m = check(text, token, value, role="percentage")
    assert m.noun == noun


# --------------------------------------------------------------------------- number words


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("Six people died.", "Six", 6),
        ("Police found six bodies.", "six", 6),
        ("Twenty-five were hurt.", "Twenty-five", 25),
        ("Thirty-six firefighters are missing.", "Thirty-six", 36),
        ("A dozen were arrested.", "A dozen", 12),
        ("At least two dozen rockets were fired.", "two dozen", 24),
        ("Half a dozen houses burned.", "Half a dozen", 6),
        ("Two hundred and five people were evacuated.", "Two hundred and five", 205),
        ("They built three thousand homes.", "three thousand", 3000),
        ("A hundred people came.", "A hundred", 100),
        ("Nearly a million people voted.", "a million", 1_000_000),
        ("Half a million people fled.", "Half a million", 500_000),
        ("The crossing was closed for about half an hour.", "half", 0.5),
        ("Two-thirds of voters agreed.", "Two-thirds", 2 / 3),
        (
            "Ninety-nine thousand nine hundred and ninety-nine votes.",
            "Ninety-nine thousand nine hundred and ninety-nine",
            99_999,
        ),
    ],
)
def test_number_words(text: str, token: str, value: float) -> None:
    check(text, token, value)


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("Hundreds were injured.", "Hundreds", 200),
        ("It had dozens of firefighters on the streets.", "dozens", 24),
        ("Thousands of people fled.", "Thousands", 2000),
        ("Millions of people watched.", "Millions", 2_000_000),
        ("Several dozen civilians were wounded.", "Several dozen", 36),
        ("Several hundred were detained.", "Several hundred", 300),
        ("Tens of thousands were displaced.", "Tens of thousands", 20_000),
        ("Hundreds of thousands lost power.", "Hundreds of thousands", 200_000),
    ],
)
def test_vague_plurals_are_lower_bounds(text: str, token: str, value: float) -> None:
    check(text, token, value, qualifier="at_least")


@pytest.mark.parametrize(
    ("text", "token", "value", "noun"),
    [
        ("It was the 22-month conflict.", "22", 22, "month"),
        ("It approaches the two-year mark.", "two", 2, "year"),
        ("A three-day truce began.", "three", 3, "day"),
    ],
)
def test_hyphenated_adjectives_span_only_the_number(
    text: str, token: str, value: float, noun: str
) -> None:
    m = check(text, token, value, qualifier="exact", role="duration")
    assert m.noun == noun


def test_hyphenated_adjective_of_another_unit_is_a_count() -> None:
    m = check("A five-storey building collapsed.", "five", 5, role="other_count")
    assert m.noun == "storey"


# --------------------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("at least", "at_least"),
        ("At least", "at_least"),
        ("no fewer than", "at_least"),
        ("more than", "more_than"),
        ("More than", "more_than"),
        ("over", "more_than"),
        ("Over", "more_than"),
        ("in excess of", "more_than"),
        ("about", "approximately"),
        ("around", "approximately"),
        ("nearly", "approximately"),
        ("almost", "approximately"),
        ("some", "approximately"),
        ("Some", "approximately"),
        ("approximately", "approximately"),
        ("roughly", "approximately"),
        ("an estimated", "approximately"),
        ("up to", "at_most"),
        ("as many as", "at_most"),
        ("no more than", "at_most"),
        ("at most", "at_most"),
        ("fewer than", "less_than"),
        ("less than", "less_than"),
        ("under", "less_than"),
    ],
)
def test_qualifier_before(phrase: str, qualifier: str) -> None:
    text = f"Officials said {phrase} 40 people were killed."
    check(text, "40", 40, qualifier=qualifier, role="killed")


@pytest.mark.parametrize(
    ("text", "token", "qualifier"),
    [
        ("Six or more missiles were fired at the city.", "Six", "at_least"),
        ("Officials said 20 or more people died.", "20", "at_least"),
        ("Officials said 21 or so people died.", "21", "approximately"),
        ("Officials said 100+ people died.", "100", "at_least"),
        ("There were 100-plus troops.", "100", "at_least"),
        ("About 40-odd people came.", "40", "approximately"),
        ("Officials said 5 or fewer people died.", "5", "at_most"),
    ],
)
def test_qualifier_after(text: str, token: str, qualifier: str) -> None:
    assert mention(text, token).qualifier == qualifier


def test_a_mark_crossed_is_more_than_the_mark() -> None:
    # "crossed the Sh1 trillion mark": the amount is past it
    assert mention("Deposits crossed the Sh1 trillion mark in May.", "1 trillion").qualifier == (
        "more_than"
    )
    assert mention("Deposits reached Sh1 trillion in May.", "1 trillion").qualifier == "exact"


def test_qualifier_wraps_money_and_percent() -> None:
    check("It racked up over $300m in a week.", "300m", 3e8, qualifier="more_than", role="money")
    check(
        "It runs on more than 90% of computers.", "90", 90, qualifier="more_than", role="percentage"
    )
    check("Revenue rose nearly 25% in the quarter.", "25", 25, qualifier="approximately")
    check("It earns almost 80 cents per dollar.", "80", 80, qualifier="approximately", role="money")


def test_more_after_a_number_is_not_a_qualifier() -> None:
    m = check(
        "Two more people have been confirmed dead.", "Two", 2, qualifier="exact", role="killed"
    )
    assert m.noun == "people"


def test_qualifier_does_not_distribute_over_a_list() -> None:
    text = "The system intercepted at least eight of the rockets and five fired at Ashdod."
    check(text, "eight", 8, qualifier="at_least", role="intercepted")
    check(text, "five", 5, qualifier="exact", role="intercepted")


def test_over_a_time_span_is_not_a_lower_bound() -> None:
    check("Fighting raged over two days.", "two", 2, qualifier="exact", role="duration")
    check("He served for over 20 years.", "20", 20, qualifier="more_than", role="duration")
    check("Patients waited over two days for a bed.", "two", 2, qualifier="more_than")
    check("The hearing lasted over three hours.", "three", 3, qualifier="more_than")


@pytest.mark.parametrize(
    "text",
    [
        "Strikes killed over 40 people and injured over 100 in recent days.",
        "The storm injured over 100 in the past three days.",
        "Police arrested over 100 during two days of protests.",
        "Over 100 were hurt within hours.",
    ],
)
def test_over_a_count_is_a_bound_when_a_period_follows_in_its_own_phrase(text: str) -> None:
    # The period belongs to a prepositional phrase of the clause, not to the count.
    check(text, "100", 100, qualifier="more_than")


def test_conversion_in_brackets_inherits_the_qualifier() -> None:
    text = "The fires grew to more than 300 sq miles (777 sq km)."
    check(text, "300", 300, qualifier="more_than", role="other_count")  # an area: no length
    check(text, "777", 777, qualifier="more_than", role="other_count")


# --------------------------------------------------------------------------- ranges, partitives


@pytest.mark.parametrize(
    ("text", "token", "low", "high"),
    [
        ("Between 30 and 40 people were killed.", "30 and 40", 30, 40),
        ("Some 30-40 people were killed.", "30-40", 30, 40),
        ("Officials said 30 to 40 people were killed.", "30 to 40", 30, 40),
        ("Officials said 30–40 people were killed.", "30–40", 30, 40),
        ("Two to three people died.", "Two to three", 2, 3),
        ("Growth of 12-13% is expected.", "12-13", 12, 13),
        ("The bill came to $2-3bn.", "2-3bn", 2e9, 3e9),
        ("Crowds of 20,000-30,000 gathered.", "20,000-30,000", 20_000, 30_000),
    ],
)
def test_ranges_span_both_numbers(text: str, token: str, low: float, high: float) -> None:
    check(text, token, low, qualifier="range", high=high)


def test_year_range() -> None:
    check(
        "In the 2014-15 season the club won.",
        "2014-15",
        2014,
        qualifier="range",
        role="date_or_year",
        high=2015,
    )


@pytest.mark.parametrize(
    "text",
    ["That raises the death toll from 29 to 31.", "The toll rose from 29 to 31 overnight."],
)
def test_revised_figures_are_two_exact_mentions(text: str) -> None:
    check(text, "29", 29, qualifier="exact", role="killed")
    check(text, "31", 31, qualifier="exact", role="killed")


def test_change_to_a_new_figure_is_not_a_range() -> None:
    text = "Revenue rose 27% to $13.76 billion."
    check(text, "27", 27, role="percentage")
    check(text, "13.76 billion", 13.76e9, role="money")


def test_partitive_part_and_total() -> None:
    text = "Ukraine said it shot down 21 of 49 drones fired overnight."
    part = check(text, "21", 21, qualifier="exact", role="intercepted")
    total = check(text, "49", 49, qualifier="exact", role="launched")
    assert part.noun == total.noun == "drones"


def test_partitive_total_of_intercepted_weapons_was_launched() -> None:
    check("Air defences shot down 21 of 49 drones.", "49", 49, role="launched")


def test_partitive_of_people() -> None:
    text = "The crash killed 5 of the 20 passengers."
    check(text, "5", 5, role="killed")
    assert mention(text, "20").role != "killed"


# --------------------------------------------------------------------------- not numbers


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Kyiv asked for F-16 jets.", "16"),
        ("The COVID-19 pandemic hit trade.", "19"),
        ("Iran breached Resolution 2231.", "2231"),
        ("Consumers bought Xbox 360 consoles.", "360"),
        ("It bought the S-300 system.", "300"),
        ("Fans queued for Halo 3 at midnight.", "3"),
        ("Flight MH17 was shot down.", "17"),
        ("The phones use 5G networks.", "5"),
        ("Windows 10 was released.", "10"),
        ("Downing Street said No. 10 would reply.", "10"),
        ("Flight 370 vanished.", "370"),
        ("Anyone with information can call 101.", "101"),
        ("Contact Humber Police on 101 quoting the log.", "101"),
        ("Warnings went out through the 112 emergency number.", "112"),
        ("Ring Crimestoppers anonymously on 0800 555 111.", "0800"),
        ("Ring Crimestoppers anonymously on 0800 555 111.", "555"),
        ("Ring Crimestoppers anonymously on 0800 555 111.", "111"),
    ],
)
def test_designations_are_not_numbers(text: str, token: str) -> None:
    assert token not in texts(text), extract_numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        "No one was hurt.",
        "While no one fire has killed that many, it was deadly.",
        "He is one of the few survivors.",
        "It was one of the deadliest attacks.",
        "They helped one another.",
        "This one was different.",
        "One must be careful.",
        "Talks were held one-on-one.",
        "It was a one-off payment.",
    ],
)
def test_pronoun_one_is_not_a_number(text: str) -> None:
    assert not [m for m in extract_numbers(text) if m.text.lower() == "one"], extract_numbers(text)


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("One of them was killed.", "One", "killed"),
        ("One rocket struck a school.", "One", "other_count"),
        ("Only one person was injured.", "one", "injured"),
    ],
)
def test_one_as_a_count_is_a_number(text: str, token: str, role: str) -> None:
    check(text, token, 1, role=role)


@pytest.mark.parametrize(
    "text",
    [
        "A day after the attack, a truck and a van were hit.",
        "A split second later it exploded.",
        "Every dollar counts, they said a year earlier.",
    ],
)
def test_articles_are_not_numbers(text: str) -> None:
    assert extract_numbers(text) == []


def test_dateline_and_weekdays_are_not_mentions() -> None:
    text = " date 2024-01-01 On Saturday, 12 people died in Kharkiv."
    assert texts(text) == ["12"]


def test_text_without_dateline_starting_with_a_number() -> None:
    check("12 people died.", "12", 12, role="killed")
    check("Twelve people died.", "Twelve", 12, role="killed")


# --------------------------------------------------------------------------- structural roles


@pytest.mark.parametrize(
    ("text", "token", "value", "role"),
    [
        ("Workers were pulled out at about 10 am.", "10", 1000, "time"),
        ("They were sent at 10.50pm on Wednesday.", "10.50", 2250, "time"),
        ("The meeting began at 14:30.", "14:30", 1430, "time"),
        ("They met at 12 pm.", "12", 1200, "time"),
        ("They met at 10 o'clock.", "10", 1000, "time"),
        ("Hostilities escalated in the waning days of 2023.", "2023", 2023, "date_or_year"),
        ("Their highest since 2001.", "2001", 2001, "date_or_year"),
        ("The three months ended September 30.", "30", 30, "date_or_year"),
        ("It opened on 4 July and closed.", "4", 4, "date_or_year"),
        ("It was published March 12, 2012.", "2012", 2012, "date_or_year"),
        ("Prices were high in the 1990s.", "1990s", 1990, "date_or_year"),
        ("It is Ukraine's second largest city.", "second", 2, "ordinal"),
        ("It was the fourth day of attacks.", "fourth", 4, "ordinal"),
        ("They were first sent at noon.", "first", 1, "ordinal"),
        ("The 21st century began.", "21st", 21, "ordinal"),
        ("It was the twenty-first attempt.", "twenty-first", 21, "ordinal"),
        ("The city lies about 19 miles from the border.", "19", 19, "distance"),
        ("It is 5 km north of the city.", "5", 5, "distance"),
        ("A 300m tower stands there.", "300", 300, "distance"),
        ("Miners were trapped about 120m underground.", "120", 120, "distance"),
        ("The wreck lies 40m offshore.", "40", 40, "distance"),
        ("The fires covered 300 sq miles.", "300", 300, "other_count"),
        ("It came 40 minutes before the explosion.", "40", 40, "duration"),
        ("The siege lasted three days.", "three", 3, "duration"),
        ("The city of about 340,000 people was hit.", "340,000", 340_000, "population"),
        ("The town has a population of 5,000.", "5,000", 5000, "population"),
        ("All of the city's 5,000 residents must leave.", "5,000", 5000, "population"),
        ("The region is home to 2 million people.", "2 million", 2e6, "population"),
        ("They attacked at least nine times.", "nine", 9, "other_count"),
        ("Fires burned in four areas of the site.", "four", 4, "other_count"),
        ("It reported 2000 troops at the border.", "2000", 2000, "other_count"),
    ],
)
def test_roles_from_form(text: str, token: str, value: float, role: str) -> None:
    check(text, token, value, role=role)


@pytest.mark.parametrize(
    ("text", "token", "value", "role"),
    [
        ("The talks lasted two and a half hours.", "two and a half", 2.5, "duration"),
        ("He waited 1 and a half days.", "1 and a half", 1.5, "duration"),
        ("The strike came at 0800 GMT.", "0800", 800, "time"),
        ("Sirens sounded at 2230 local time.", "2230", 2230, "time"),
        ("It lasted 12 hrs.", "12", 12, "duration"),
        ("Prices peaked in mid-2023.", "2023", 2023, "date_or_year"),
    ],
)
def test_more_forms(text: str, token: str, value: float, role: str) -> None:
    check(text, token, value, role=role)


@pytest.mark.parametrize(
    "text", ["Perhaps 30 people died.", "Reportedly 30 people died.", "Some 30 people died."]
)
def test_sentence_initial_adverbs_are_not_designators(text: str) -> None:
    assert mention(text, "30").role == "killed"


def test_long_digit_runs_are_identifiers() -> None:
    assert texts("Call 0123456789012345678 now.") == []


def test_second_as_a_unit_of_time_is_not_an_ordinal() -> None:
    assert texts("It exploded a second later.") == []
    assert texts("The second attack came.") == ["second"]


# --------------------------------------------------------------------------- event roles


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("The strike killed 24 people.", "24", "killed"),
        ("Twelve firefighters died tackling the blaze.", "Twelve", "killed"),
        ("Officials said 31 were dead.", "31", "killed"),
        ("The attack left 9 dead and 17 wounded.", "9", "killed"),
        ("The attack left 9 dead and 17 wounded.", "17", "injured"),
        ("The blasts claimed the lives of at least 44 people.", "44", "killed"),
        ("Rescuers recovered 14 bodies.", "14", "killed"),
        ("At least 26 people were injured in the strikes.", "26", "injured"),
        ("Several dozen civilians have been wounded.", "Several dozen", "injured"),
        ("Three people were hurt.", "Three", "injured"),
        ("Thirty-six firefighters are missing.", "Thirty-six", "missing"),
        ("Eight more remain unaccounted for.", "Eight", "missing"),
        ("About 2,000 people were evacuated.", "2,000", "displaced"),
        ("An estimated 2,000 people fled their homes.", "2,000", "displaced"),
        ("The floods displaced 1.5 million people.", "1.5 million", "displaced"),
        ("The war left 300 homeless.", "300", "displaced"),
        ("Police arrested 15 protesters.", "15", "arrested"),
        ("Three men were detained overnight.", "Three", "arrested"),
        ("Militants fired 40 rockets.", "40", "launched"),
        ("Russia launched 90 missiles overnight.", "90", "launched"),
        ("At least two dozen rockets were fired from Gaza.", "two dozen", "launched"),
        ("Ukraine said 80 missiles were shot down.", "80", "intercepted"),
        ("Iron Dome intercepted 12 rockets.", "12", "intercepted"),
        ("Air defences destroyed 20 drones.", "20", "intercepted"),
        # crewed aircraft destroyed are damaged (on the ground); drones are projectiles
        ("The raid on the airbase destroyed 6 fighter jets.", "6", "damaged"),
        ("A strike on the airfield destroyed four helicopters.", "four", "damaged"),
        ("Gunners destroyed 11 unmanned aircraft over the bay.", "11", "intercepted"),
        ("Two jets were shot down near the border.", "Two", "intercepted"),
        ("The strikes damaged 12 buildings.", "12", "damaged"),
        ("The stolen van rammed 3 patrol cars.", "3", "damaged"),  # a blow to vehicles
        ("A bus ploughed into 7 parked cars.", "7", "damaged"),
        ("A bus ploughed into 7 commuters.", "7", "other_count"),  # people: no damage
        ("The owners of 53 damaged cars were found.", "53", "damaged"),
        ("Dozens of homes were destroyed.", "Dozens", "damaged"),
        ("Damage was seen in 37 buildings and 453 apartments.", "453", "damaged"),
    ],
)
def test_event_roles_from_cue_words(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role, extract_numbers(text)


def test_each_number_takes_its_own_verb() -> None:
    text = "The blast killed 3 people and wounded 40, and 12 are missing."
    assert [m.role for m in extract_numbers(text)] == ["killed", "injured", "missing"]


def test_predicate_of_an_earlier_number_does_not_leak() -> None:
    text = "Twelve people are missing and 3,000 have been evacuated."
    assert [m.role for m in extract_numbers(text)] == ["missing", "displaced"]


def test_clause_after_a_semicolon_has_its_own_cue() -> None:
    text = "Ten people are feared dead; eight more remain unaccounted for."
    assert [m.role for m in extract_numbers(text)] == ["killed", "missing"]


def test_including_shares_the_role_of_its_head() -> None:
    text = "The attack killed over 40 people, including 23 in Kyiv."
    check(text, "40", 40, qualifier="more_than", role="killed")
    check(text, "23", 23, qualifier="exact", role="killed")
    text = "At least 20 Palestinians, including two civilians, have been killed."
    check(text, "two", 2, role="killed")


def test_coordinated_numbers_share_the_verb_after_them() -> None:
    text = "5 soldiers, 3 police officers and 20 civilians were killed in the attack."
    assert [m.role for m in extract_numbers(text)] == ["killed"] * 3


def test_cue_after_another_number_belongs_to_that_number() -> None:
    text = "Deniz, 45, whose mother and two sisters are missing, waited."
    assert mention(text, "45").role == "other_count"
    assert mention(text, "two").role == "missing"


def test_people_living_somewhere_are_a_population() -> None:
    check(
        "About 13.5 million people live in the region.",
        "13.5 million",
        13.5e6,
        qualifier="approximately",
        role="population",
    )


def test_refuge_means_displaced() -> None:
    check(
        "More than 380,000 people have taken refuge in shelters.",
        "380,000",
        380_000,
        qualifier="more_than",
        role="displaced",
    )


def test_residents_who_fled_are_displaced_not_population() -> None:
    check("The city's 5,000 residents were evacuated.", "5,000", 5000, role="displaced")
    check("Officials evacuated 1,200 residents.", "1,200", 1200, role="displaced")


def test_participle_describing_a_noun_yields_to_the_governing_verb() -> None:
    text = "Iron Dome intercepted eight of the rockets fired at Beersheba and five fired at Ashdod."
    assert [m.role for m in extract_numbers(text)] == ["intercepted", "intercepted"]


def test_compound_adjective_is_not_a_cue() -> None:
    text = "Troops attacked 3 rocket-launching sites."
    assert mention(text, "3").role == "other_count"


def test_counts_without_cues_are_other_count() -> None:
    text = "More than 1,000 firefighters had been sent to the scene."
    check(text, "1,000", 1000, qualifier="more_than", role="other_count")


# --------------------------------------------------------------------------- output fields


def test_sentence_and_noun() -> None:
    text = " date 2024-01-01 First line here. At least 26 people were injured in Kharkiv. Next."
    m = mention(text, "26")
    assert m.sentence == "At least 26 people were injured in Kharkiv."
    assert m.noun == "people"


def test_sentences_do_not_split_at_abbreviations() -> None:
    text = "The U.N. Security Council said 12 people died. Mr. Smith said 3 were hurt."
    assert mention(text, "12").sentence == "The U.N. Security Council said 12 people died."
    assert mention(text, "3").sentence == "Mr. Smith said 3 were hurt."


def test_mentions_are_sorted_and_do_not_overlap() -> None:
    text = "Between 30 and 40 people, about 1.5 million dollars, 12-13%, two dozen and 7."
    found = extract_numbers(text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert [m.text for m in found] == ["30 and 40", "1.5 million", "12-13", "two dozen", "7"]


def test_empty_and_numberless_text() -> None:
    assert extract_numbers("") == []
    assert extract_numbers("Nothing to count here.") == []


# --------------------------------------------------------------------------- shapes of issue 14


@pytest.mark.parametrize(
    ("text", "token", "value", "qualifier", "role"),
    [
        # the cue nearest in the clause wins over one across "and"
        ("12 people died and 40 were injured.", "40", 40, "exact", "injured"),
        ("Five soldiers were killed, while 30 were wounded.", "30", 30, "exact", "injured"),
        ("More than 30 injured villagers were taken away.", "30", 30, "more_than", "injured"),
        ("The storm claimed 14 lives.", "14", 14, "exact", "killed"),
        ("The crash cost at least 30 lives.", "30", 30, "at_least", "killed"),
        ("Rescuers said 20 people were buried under rubble.", "20", 20, "exact", "missing"),
        ("Crews tried to reach 12 miners trapped 400 metres down.", "12", 12, "exact", "missing"),
        ("Officials said 120 homes collapsed.", "120", 120, "exact", "damaged"),
        ("6 out of 9 missiles launched were destroyed.", "6", 6, "exact", "intercepted"),
        ("6 out of 9 missiles launched were destroyed.", "9", 9, "exact", "launched"),
        ("Nine people were pulled out alive.", "Nine", 9, "exact", "other_count"),
        ("A ferry carrying 310 passengers sank.", "310", 310, "exact", "other_count"),
        # qualifiers
        ("No fewer than thirty-one people came.", "thirty-one", 31, "at_least", None),
        ("Up to 150 people came.", "150", 150, "at_most", None),
        ("More than or equal to 10 votes are needed.", "10", 10, "at_least", None),
        ("Less than or equal to 5 seats remain.", "5", 5, "at_most", None),
        ("The toll exceeds 40 people.", "40", 40, "more_than", "killed"),
        ("Sales surpassed 2 million units.", "2 million", 2e6, "more_than", None),
        ("It affects people over 65 years old.", "65", 65, "more_than", "other_count"),
        ("Losses over three trading sessions deepened.", "three", 3, "exact", None),
        ("It rained over two days.", "two", 2, "exact", "duration"),
    ],
)
def test_issue_14_roles_and_qualifiers(
    text: str, token: str, value: float, qualifier: str, role: str | None
) -> None:
    check(text, token, value, qualifier, role)


@pytest.mark.parametrize(
    ("text", "token", "value", "high"),
    [
        ("From six to 11 people were hurt.", "six to 11", 6, 11),
        ("Between six and eleven people were hurt.", "six and eleven", 6, 11),
        ("Between 6 and 11 people were hurt.", "6 and 11", 6, 11),
        ("Teams of 5 through 9 players took part.", "5 through 9", 5, 9),
        ("It needs between two and three more days.", "two and three", 2, 3),
    ],
)
def test_issue_14_ranges(text: str, token: str, value: float, high: float) -> None:
    check(text, token, value, "range", high=high)


def test_a_change_is_not_a_range() -> None:
    text = "That raises the statewide death total from 29 to 31."
    assert texts(text) == ["29", "31"]
    assert texts("Prices rose from 6 to 11 dollars.") == ["6", "11"]


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("1 200 people were evacuated.", "1 200", 1200),
        ("1\u00a0200 people were evacuated.", "1\u00a0200", 1200),
        ("It was -5 degrees overnight.", "-5", -5),
        ("It was \u221212 degrees overnight.", "\u221212", -12),
        ("Half a million people fled.", "Half a million", 500_000),
        ("Five and a half million people fled.", "Five and a half million", 5_500_000),
        ("Two thirds of voters agreed.", "Two thirds", 2 / 3),
        ("Three quarters of homes flooded.", "Three quarters", 0.75),
        ("A third of residents left.", "A third", 1 / 3),
        ("\u00be of homes flooded.", "\u00be", 0.75),
        ("The flight took 2\u00bd hours.", "2\u00bd", 2.5),
        ("13 lakh people were affected.", "13 lakh", 1_300_000),
        ("It cost 1 crore rupees.", "1 crore", 10_000_000),
        ("It cost 10 bln dollars.", "10 bln", 10_000_000_000),
        ("Some 2mil people voted.", "2mil", 2_000_000),
        ("A $1MM deal.", "1MM", 1_000_000),
        ("Some 2.3k people marched.", "2.3k", 2_300),
        ("Rates rose by half a percentage point.", "half", 0.5),
    ],
)
def test_issue_14_formats(text: str, token: str, value: float) -> None:
    check(text, token, value)


def test_spaced_groups_do_not_join_a_day_and_a_count() -> None:
    assert texts("On March 5 200 people died.") == ["5", "200"]
    assert texts("It measured 10mm of rain.") == ["10"]
    assert mention("It measured 10mm of rain.", "10").role == "distance"


# --------------------------------------------------------------------------- issue 22: reading that generalises


@pytest.mark.parametrize(
    ("text", "token", "value", "noun"),
    [
        ("A 12-year-old boy was hurt.", "12", 12, "years old"),
        ("The 70-year-old, a retired teacher, was arrested.", "70", 70, "years old"),
        ("A six-month-old baby was rescued.", "six", 6, "months old"),
        ("The driver, aged 45, was hurt.", "45", 45, "years old"),
        ("Those held were aged between 18 and 30.", "18 and 30", 18, "years old"),
        ("Patients had a median age of 71 years.", "71", 71, "years old"),
        ("Their ages range from 3 to 88 years.", "3 to 88", 3, "years old"),
        ("Residents over 80 years old were moved.", "80", 80, "years old"),
    ],
)
def test_an_age_is_a_count_of_years_not_a_duration(
    text: str, token: str, value: float, noun: str
) -> None:
    m = mention(text, token)
    assert (m.value, m.role, m.noun) == (value, "other_count", noun), m


def test_a_span_of_years_is_still_a_duration() -> None:
    check("The war lasted 12 years.", "12", 12, role="duration")
    check("It approaches the two-year mark.", "two", 2, role="duration")


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        # the clause's verb decides, with the new cue words of the issue
        ("Eight homes collapsed after the storm.", "Eight", "damaged"),
        ("Three carriages derailed near the station.", "Three", "damaged"),
        ("Two of the derailed wagons were left on the track.", "Two", "damaged"),
        ("Forty houses were buried by the landslide.", "Forty", "damaged"),
        ("At least 16 people were taken to hospital.", "16", "injured"),
        ("Some 30 fans were treated for smoke inhalation.", "30", "injured"),
        ("Four soldiers were martyred in the exchange of fire.", "Four", "killed"),
        ("About 5,000 people have taken shelter in schools.", "5,000", "displaced"),
        ("The blaze forced 900 people from their homes.", "900", "displaced"),
        ("Some 700 homes remain under an evacuation order.", "700", "displaced"),
        ("The militants fired a barrage of 40 rockets.", "40", "launched"),
        ("A swarm of 25 drones attacked the port.", "25", "launched"),
        ("The toll was revised down to 19 on Monday.", "19", "killed"),
        # words that say the counted came to no harm win over a casualty cue farther away
        ("Six died, and divers rescued 14 passengers alive.", "14", "other_count"),
        ("Of 30 people brought out, 12 were alive.", "12", "other_count"),
        (
            "The toll rose to 40, while 2 million people remain affected.",
            "2 million",
            "other_count",
        ),
        # a cue whose subject is a pronoun is not the number's ("when it overturned")
        ("The boat, built for 60, sank when it overturned.", "60", "other_count"),
    ],
)
def test_role_from_the_clause(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("The injured were taken to 7 hospitals.", "7", "other_count"),
        ("Floods killed 30 people in 12 districts.", "12", "other_count"),
        ("The storm left 40 dead across 3 provinces.", "3", "other_count"),
        ("Some 700 people were killed in 58 attacks last year.", "58", "other_count"),
        ("Police said 52 ambulances carried the wounded away.", "52", "other_count"),
        ("Four grenades were recovered from the slain gunmen.", "Four", "other_count"),
        ("Floods killed 9 people in five villages.", "five", "other_count"),
        ("The quake flattened five villages.", "five", "damaged"),
    ],
)
def test_places_happenings_and_objects_are_not_casualties(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "phrase", "roles"),
    [
        ("No one was hurt when the roof fell in.", "No one", ["injured"]),
        ("Nobody was killed or injured, the mayor said.", "Nobody", ["killed", "injured"]),
        ("The council said there were no deaths.", "no deaths", ["killed"]),
        ("There were no casualties.", "no casualties", ["killed", "injured"]),
        ("No injuries were reported at the depot.", "No injuries", ["injured"]),
        ("The march ended without any arrests.", "without any arrests", ["arrested"]),
        ("There were no immediate reports of casualties.", None, ["killed", "injured"]),
        ("None of the crew were injured.", "None", ["injured"]),
        ("Two men died. No one else was hurt.", "No one else", ["injured"]),
    ],
)
def test_zero_tolls_are_mentions_of_zero(text: str, phrase: str | None, roles: list[str]) -> None:
    zeros = [m for m in extract_numbers(text) if m.negated]
    assert [m.role for m in zeros] == roles, zeros
    for m in zeros:
        assert m.value == 0 and m.qualifier == "exact" and text[m.start : m.end] == m.text
        assert phrase is None or m.text == phrase, m


@pytest.mark.parametrize(
    "text",
    [
        "While no one fire has burned that much land, the season is the worst.",
        "No one knows how many people were hurt.",
        "There is no evidence that anyone was killed.",
    ],
)
def test_a_negation_without_a_toll_is_no_mention(text: str) -> None:
    assert not [m for m in extract_numbers(text) if m.negated]


def test_a_negated_cue_gives_no_role_to_another_number() -> None:
    text = "None of the four passengers were injured, and a rally of 300 people saw no arrests."
    assert mention(text, "four").role == "other_count"
    assert mention(text, "300").role == "other_count"


def test_a_zero_toll_supports_a_figure_of_zero() -> None:
    from summarizer.checks.report import verify
    from summarizer.schema import Event, Figure, SummaryDraft

    text = " date 2024-05-02 A gas cylinder exploded in a market on Tuesday. No one was injured."
    figure = Figure(value=0, role="injured", noun="people", quote="No one was injured")
    draft = SummaryDraft(
        headline="h",
        summary="s",
        events=[Event(event_type="explosion", description="d", figures=[figure])],
    )
    (check,) = verify(text, draft).figures
    assert check.status == "verified", check.reason
    killed = figure.model_copy(update={"role": "killed"})
    draft = draft.model_copy(
        update={"events": [Event(event_type="explosion", description="d", figures=[killed])]}
    )
    assert verify(text, draft).figures[0].status != "verified"


def test_people_are_not_damaged() -> None:
    text = "A ferry carrying about 90 passengers capsized near the port."
    assert mention(text, "90").role == "other_count"


@pytest.mark.parametrize(
    ("text", "token", "value", "noun"),
    [
        ("The firm will pay 100,000 Egyptian pounds to each family.", "100,000", 1e5, "EGP"),
        ("A bonus of 300 Canadian dollars was paid.", "300", 300, "CAD"),
        ("Officials set aside 4.5 million rand for repairs.", "4.5 million", 4.5e6, "ZAR"),
        ("The board approved 80,000 naira.", "80,000", 8e4, "NGN"),
        ("Each winner took home Sh 1.5 million.", "1.5 million", 1.5e6, "KES"),
        ("The state released ₦40m for relief.", "40m", 4e7, "NGN"),
        ("Farmers were offered ₦3bn in loans.", "3bn", 3e9, "NGN"),
        ("The court fined him R1.2 million.", "1.2 million", 1.2e6, "ZAR"),
        ("The fee rose to Sh450,000 this year.", "450,000", 4.5e5, "KES"),
        ("Each flat cost Rs900 a square foot.", "900", 900, "INR"),
        # the Ugandan and Tanzanian shillings as their papers write them
        ("The ministry sent Shs 200 million to the district.", "200 million", 2e8, "UGX"),
        ("The road will cost UShs5bn.", "5bn", 5e9, "UGX"),
        ("A permit costs TSh 30,000.", "30,000", 3e4, "TZS"),
        # the abbreviation's dot against the digits or before a space
        ("The treasury released Rs.45 million to the districts.", "45 million", 4.5e7, "INR"),
        ("Families will get up to Rs.2.5 million.", "2.5 million", 2.5e6, "INR"),
        ("Each household received Tk.20,000 in aid.", "20,000", 2e4, "BDT"),
        ("The fine was Sh.50,000.", "50,000", 5e4, "KES"),
        ("Victims get Rs. 100,000 each for funeral costs.", "100,000", 1e5, "INR"),
        # the world's currencies: their codes in capitals, their names, their glued letters
        ("Fines of up to AED 50,000 apply.", "50,000", 5e4, "AED"),
        ("The fund holds SEK 40 billion.", "40 billion", 4e10, "SEK"),
        ("Each protester was fined RM2,000.", "2,000", 2e3, "MYR"),
        ("Families received Dh500 each.", "500", 500, "AED"),
        ("Aid worth 3.5 million afghanis arrived.", "3.5 million", 3.5e6, "AFN"),
        ("The strike cost 1.45 million pesos a day.", "1.45 million", 1.45e6, "pesos"),
        ("The strike cost 900,000 Argentine pesos.", "900,000", 9e5, "ARS"),
        ("Damage reached 5 billion dong.", "5 billion", 5e9, "VND"),
        ("The club paid 40 million reais.", "40 million", 4e7, "BRL"),
        # signs and words of pesos, won and their neighbours
        ("Damage reached ₱2.38 billion.", "2.38 billion", 2.38e9, "PHP"),
        ("The blaze caused about 12 billion won in damage.", "12 billion", 1.2e10, "KRW"),
        ("A fare of ₩1,500 applies.", "1,500", 1500, "KRW"),
    ],
)
def test_currencies_spelled_signed_and_glued(
    text: str, token: str, value: float, noun: str
) -> None:
    m = mention(text, token)
    assert (m.value, m.role, m.noun) == (pytest.approx(value), "money", noun), m


def test_letters_glued_to_digits_that_are_no_currency_stay_out() -> None:
    assert texts("The T20 side, the F16 jet and form PR2 were in the news.") == []


def test_a_currency_code_that_is_an_english_word_in_capitals_is_no_currency() -> None:
    assert mention("THE TOP 10 PLAYERS AND ALL 12 COACHES", "10").role != "money"


def test_a_decimal_part_after_a_point_is_not_a_number_of_its_own() -> None:
    assert texts("The rate was 3.45 per cent, from .5 before.") == ["3.45"]


@pytest.mark.parametrize(
    ("text", "token"),
    [("The bank cut rates by 25 basis points.", "25"), ("Spreads widened 40bps.", "40")],
)
def test_basis_points_are_a_percentage(text: str, token: str) -> None:
    m = mention(text, token)
    assert (m.role, m.noun) == ("percentage", "basis points"), m


@pytest.mark.parametrize(
    ("text", "token", "qualifier"),
    [
        ("Firefighters arrived shortly after 2:15 a.m.", "2:15", "approximately"),
        ("The count ended shortly before 11.30pm.", "11.30", "approximately"),
        ("The bridge reopened just before 6am.", "6", "approximately"),
        ("The refund must be paid within 8 weeks.", "8", "at_most"),
        ("Crews reached the site within 15 minutes.", "15", "at_most"),
    ],
)
def test_time_hedges_and_deadlines(text: str, token: str, qualifier: str) -> None:
    assert mention(text, token).qualifier == qualifier


def test_a_verb_after_the_noun_is_not_part_of_it() -> None:
    text = "The survey found 400 people lost their homes and 30 people within the zone died."
    assert mention(text, "400").noun == "people"
    assert mention(text, "30").noun == "people"


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        # the subject of a verb of change decides, not a cue in a relative clause
        ("The death toll from a blaze that gutted a mall was revised down to 21.", "21", "killed"),
        ("The toll rose from 12 to 15 overnight.", "12", "killed"),
        ("The number of injured climbed to 140 after the roof collapsed.", "140", "injured"),
        # a bare participle in a coordinated clause is that clause's verb
        ("Some 12 people were confirmed dead and 3,000 others displaced.", "3,000", "displaced"),
        # objects coordinated after one verb keep that verb
        (
            "Guards intercepted 8 of the drones fired at the port and 5 fired at the dam.",
            "5",
            "intercepted",
        ),
        # "N of them" details the count before it
        ("At least 40 people were injured, 11 of them with serious burns.", "11", "injured"),
        # ... or the count the sentence before ended on, when a sentence opens on it
        ("The fire killed 12 workers. Three of them were women.", "Three", "killed"),
        ("The plant employs 300 staff. Nine of them were on shift.", "Nine", "other_count"),
        (
            "The fire killed 12 workers at the plant. Police said three of them were women.",
            "three",
            "other_count",
        ),
        # who the part is, set off by commas, stands between it and its own verb
        ("Ten miners were injured, one of them, a 37-year-old driller, died.", "one", "killed"),
        ("Ten were injured, one of them, a 37-year-old driller, badly.", "one", "injured"),
        # homes lost were destroyed; jobs lost are not damage
        ("At least 31 homes have been lost in the fires.", "31", "damaged"),
        ("The firm lost 4,000 jobs this year.", "4,000", "other_count"),
        # an elided subject counts the buildings before it only by a verb that befalls them
        ("Fires destroyed 19 homes. Another four were lost near Bega.", "four", "damaged"),
        ("Shelling hit 12 houses; three were badly damaged.", "three", "damaged"),
        ("The storm flattened 40 homes. Four were killed.", "Four", "killed"),
        # all of them died: the trapped are dead
        ("A collapse trapped 23 miners, all of whom died.", "23", "killed"),
        # a verb before a clause of its own ("after", "when") does not govern its number
        ("A miner died after nine workers were hospitalised.", "nine", "injured"),
        ("Two men died when 14 people were injured.", "14", "injured"),
        ("Gunmen killed 12 people after storming the village.", "12", "killed"),
        # a noun of any alphabet's letters is read whole, and coordinated as any other
        ("In the riots 13 gardaí and five civilians were injured.", "13", "injured"),
        # an illness, a poisoning or an assault harms people as a wound does
        ("After the feast, 312 guests fell ill.", "312", "injured"),
        ("Tainted water sickened nearly 1,600 people.", "1,600", "injured"),
        ("He was jailed for assaulting two officers.", "two", "injured"),
        ("Police seized three assault rifles.", "three", "other_count"),
        # "Among them were N" opens a sentence on a part as "N of them" does
        ("The fire injured 40 workers. Among them were 9 women.", "9", "injured"),
        ("The plant employs 300 staff. Among them are 9 women.", "9", "other_count"),
        ("Police detained 14 people, among them three women.", "three", "arrested"),
        # ... unless its own words give a role: "them" may be any group of the sentence before
        ("Two others died later. Seven of them were in critical condition.", "Seven", "injured"),
        # a land and its people
        ("The archipelago of about 5 million people lies on a fault.", "5 million", "population"),
        # "Of those, N ..." opens a sentence on a part of the count before (a date between)
        (
            "The virus caused 900 deaths since May 2. Of those, 120 were in the capital.",
            "120",
            "killed",
        ),
        (
            "The shelter took in 900 people since May 2. Of those, 120 were children.",
            "120",
            "other_count",
        ),
        # a part with a verb of its own that is no cue: something else befell it
        (
            "Police arrested nine men, aged 19 to 40, and six of them were charged.",
            "six",
            "other_count",
        ),
        ("Police arrested nine men, aged 19 to 40, and six of them were women.", "six", "arrested"),
        # a named hospital may hold small words in its name
        (
            "Of the 80 patients, 30 went to Ward Hospital and 12 to the regional Heart and Lung "
            "Hospital.",
            "12",
            "injured",
        ),
    ],
)
def test_role_from_the_sentence_structure(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Buyers paid deposits between 2015 and 2017.", "2015 and 2017", "date_or_year"),
        ("Prices held from 2019 to 2021.", "2019 to 2021", "date_or_year"),
        ("Between 1500 and 2000 people marched.", "1500 and 2000", "other_count"),
        ("Profit rose 14 per cent over 2023.", "2023", "date_or_year"),
        ("About 9,000 jobs were lost over 2019.", "2019", "date_or_year"),
        ("Over 2000 people marched.", "2000", "other_count"),
        ("Attendance rose to over 2000.", "2000", "other_count"),
    ],
)
def test_year_ranges_and_counts_that_look_like_years(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        (
            "The army said 30 drones were launched. Eight were downed near the border.",
            "Eight",
            "intercepted",
        ),
        (
            "Rebels fired 25 rockets overnight. Nine were destroyed over the city.",
            "Nine",
            "intercepted",
        ),
    ],
)
def test_an_elided_noun_comes_from_the_sentence_before(text: str, token: str, role: str) -> None:
    m = mention(text, token)
    assert m.role == role and m.noun in ("drones", "rockets"), m


def test_south_asian_digit_grouping() -> None:
    check("The district has 14,52,300 voters.", "14,52,300", 1_452_300)
    check("The budget is Rs 3,25,000 crore.", "3,25,000 crore", 3.25e12, role="money")


def test_a_time_taken_is_hours_minutes_and_seconds() -> None:
    text = "She won the race in 2:21:05, a course record."
    found = [(m.text, m.value, m.role, m.noun) for m in extract_numbers(text)]
    assert found == [
        ("2", 2, "duration", "hours"),
        ("21", 21, "duration", "minutes"),
        ("05", 5, "duration", "seconds"),
    ]


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("Three people remain in critical condition.", "Three", "injured"),
        ("Six people are in hospital after the crash.", "Six", "injured"),
        ("Five people were admitted to hospital.", "Five", "injured"),
        ("The fire forced 3,000 residents to evacuate.", "3,000", "displaced"),
    ],
)
def test_hospital_and_evacuation_phrases(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role


def test_a_bare_number_after_a_preposition_of_place_is_no_verbs_object() -> None:
    assert mention("The van overturned on 9, the paper said.", "9").role == "other_count"
    assert mention("The bus overturned in the 2", "2").role == "other_count"
    # ... while damage seen in buildings is still damage
    text = "Damage was seen in 14 buildings and 3 shops."
    assert mention(text, "14").role == "damaged"


def test_a_counted_noun_does_not_run_into_the_next_paragraph() -> None:
    text = "The ferry overturned near 3\n\nRescuers arrived later."
    assert mention(text, "3").noun == ""


def test_things_are_not_arrested() -> None:
    text = "Police arrested 14 people and seized 3 vehicles."
    assert mention(text, "14").role == "arrested"
    assert mention(text, "3").role == "other_count"


@pytest.mark.parametrize("text", ["Officials put the toll at 22.", "The death toll stands at 22."])
def test_a_toll_put_at_a_figure(text: str) -> None:
    assert mention(text, "22").role == "killed"


def test_n_of_them_refers_to_the_count_right_before() -> None:
    text = "At least 23 people were killed; divers found 41 survivors, nine of them in a cabin."
    assert mention(text, "nine").role == "other_count"
    text = "The blast killed 23 people and injured 41 others, nine of them critically."
    assert mention(text, "nine").role == "injured"


def test_between_two_bounds_written_with_their_currencies() -> None:
    text = "Flats sold for between Rs 30 lakh and Rs 2.5 crore each."
    assert mention(text, "30 lakh").qualifier == "at_least"
    assert mention(text, "2.5 crore").qualifier == "at_most"
    m = mention("The hall has between 30 and 40 seats.", "30 and 40")
    assert (m.qualifier, m.value_high) == ("range", 40)


@pytest.mark.parametrize(
    ("text", "token", "value", "role"),
    [
        ("The blast came at 7 p.m. on Friday.", "7", 1900, "time"),
        ("Crews arrived at 6.45am.", "6.45", 645, "time"),
        ("She began a second-term push.", "second", 2, "ordinal"),
        ("It is the country's third-largest city.", "third", 3, "ordinal"),
        ("Some 26 thousand people fled the floods.", "26 thousand", 26_000, "displaced"),
        ("About 1.3 lakh people were fed daily.", "1.3 lakh", 130_000, "other_count"),
        ("Turnout was 61.5 per cent.", "61.5", 61.5, "percentage"),
    ],
)
def test_times_ordinals_in_compounds_and_scale_words(
    text: str, token: str, value: float, role: str
) -> None:
    m = mention(text, token)
    assert (m.value, m.role) == (pytest.approx(value), role), m


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "Four crew members, two pilots and a cook, were detained at the port.",
            ["arrested", "arrested"],
        ),
        (
            "At least nine hikers, three of them guides, and a ranger, are feared to have died.",
            ["killed", "killed"],
        ),
        ("Three vans and the gate of the old depot were hit by shells.", ["damaged"]),
        ("Six taxis and the roof of a kiosk were rammed by the truck.", ["damaged"]),
        # no auxiliary after the closing comma: a list of clauses, each number its own verb
        (
            "Eight people died, 30 were hurt, and 2 remain missing.",
            ["killed", "injured", "missing"],
        ),
    ],
)
def test_an_apposition_in_commas_leaves_the_verb_after_it_to_the_count(
    text: str, roles: list[str]
) -> None:
    assert [m.role for m in extract_numbers(text)] == roles


@pytest.mark.parametrize(
    ("text", "token", "noun", "role"),
    [
        (
            "Nine people died, four of them in the north, which has the most infections (21).",
            "21",
            "infections",
            "other_count",
        ),
        (
            "Of the districts, Kerala reported the most new cases (140).",
            "140",
            "cases",
            "other_count",
        ),
    ],
)
def test_a_number_alone_in_brackets_counts_the_plural_noun_before_it(
    text: str, token: str, noun: str, role: str
) -> None:
    found = mention(text, token)
    assert (found.noun, found.role) == (noun, role)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "The visitors ended with nine players, and their keeper was taken to hospital.",
            "other_count",
        ),
        ("Forty guests were inside, but the cook was killed.", "other_count"),
        ("Forty guests were in the hall, and were hurt by the glass.", "injured"),  # same subject
    ],
)
def test_a_cue_after_a_new_subject_is_not_the_counts(text: str, role: str) -> None:
    assert extract_numbers(text)[0].role == role


def test_all_of_them_died_makes_the_count_the_dead() -> None:
    text = "In 2016, 23 miners were trapped there and all of them died."
    check(text, "23", 23, role="killed")
    check("Fourteen people remain trapped under the rubble.", "Fourteen", 14, role="missing")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Police said 9 of the gunmen were neutralised in the raid.", "killed"),
        ("Troops neutralized 14 insurgents near the border.", "killed"),
        ("Air defences neutralised 30 drones overnight.", "intercepted"),
        ("Guards intercepted 60 migrants at sea.", "other_count"),
    ],
)
def test_neutralised_people_are_killed_and_neutralised_drones_intercepted(
    text: str, role: str
) -> None:
    assert extract_numbers(text)[0].role == role


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("A woman was among the dead, and six pupils were among the 40 wounded.", "six", "injured"),
        ("Two firefighters were also among the injured, officials said.", "Two", "injured"),
        ("Four tourists were among the 18 killed in the crash.", "Four", "killed"),
    ],
)
def test_a_part_among_the_group_takes_the_groups_role(text: str, number: str, role: str) -> None:
    (mention,) = [m for m in extract_numbers(text) if m.text == number]
    assert mention.role == role


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("About 90 families have been moved to a primary school.", "90", "displaced"),
        ("By noon 2,100 residents had been relocated to three camps.", "2,100", "displaced"),
        ("Nine patients have been moved to another hospital.", "Nine", "injured"),
    ],
)
def test_people_moved_to_a_shelter_are_displaced(text: str, number: str, role: str) -> None:
    (found,) = [m for m in extract_numbers(text) if m.text == number]
    assert found.role == role


def test_a_change_that_brings_the_number_of_killings_to_n_counts_the_dead() -> None:
    text = "The attacks bring the number of such killings this year to 41."
    check(text, "41", 41, role="killed")


def test_roofs_torn_off_buildings_damage_them() -> None:
    check("The storm tore the roofs off about 30 homes.", "30", 30, role="damaged")


def test_a_speed_keeps_its_role_past_a_conversion_in_brackets() -> None:
    text = "Winds of up to 70 kilometres (43 miles) an hour fanned the flames."
    check(text, "70", 70, role="other_count")
    check(text, "43", 43, role="other_count")
    check("The camp lies 40 kilometres (25 miles) north of the town.", "40", 40, role="distance")


def test_the_cedi_sign_glued_to_its_amount_is_money() -> None:
    check("The assembly will pay GH¢10,000 to each family.", "10,000", 10_000, role="money")
    check("It set aside GH¢2.5 million for the pits.", "2.5 million", 2_500_000, role="money")


def test_a_count_of_villages_evacuated_counts_places_not_people() -> None:
    text = "Evacuation orders went to 14 villages and two seaside resorts."
    check(text, "14", 14, role="other_count")
    check(text, "two", 2, role="other_count")
    check("Police arrested 101 people on Monday.", "101", 101, role="arrested")
    check("It brings to 96 the number of people killed.", "96", 96, role="killed")


def test_a_cue_phrase_that_starts_beside_the_number_states_its_role() -> None:
    from summarizer.numbers import hospital_after, role_cue_near

    text = "In all, 186 people were taken to hospital."
    start = text.index("186")
    assert role_cue_near(text, start, start + 3, "injured")
    far = "In all, 186 people from the three towns were later taken to hospital."
    assert not role_cue_near(far, far.index("186"), far.index("186") + 3, "injured")
    named = "Three gardaí were taken to Mercy University Hospital."
    assert hospital_after(named, len("Three"))
    assert not hospital_after("Three gardaí were taken to the station.", len("Three"))


def test_a_shilling_in_lower_case_glued_to_money() -> None:
    # "sh5m" as Ugandan papers print it; "fresh5" and "wash500" are no shillings
    assert mention("The council will give sh5m to each family.", "5m").role == "money"
    assert mention("The council will give sh5m to each family.", "5m").value == 5_000_000
    from summarizer.numbers import extract_numbers

    assert [m.text for m in extract_numbers("Start fresh500 times.")] == []


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        # "N more", "another N", "a further N": more of the count before, in its role
        (
            "Divers recovered 14 bodies on Friday. Five more were found on Saturday.",
            "Five",
            "killed",
        ),
        (
            "Divers recovered 14 bodies on Friday. Another five were found on Saturday.",
            "five",
            "killed",
        ),
        ("The storm destroyed 30 homes. A further 12 were found on Sunday.", "12", "damaged"),
        # ... not a count of something else: "five more days"
        ("Rescuers recovered 14 bodies and will search for five more days.", "five", "duration"),
        # "bringing the total to N": the running total of the count before
        ("Nine more people died overnight, bringing the total to 31.", "31", "killed"),
        ("The company hired 40 staff, bringing the total to 310.", "310", "other_count"),
        # a count only reported ("have been confirmed") counts what the count before counted
        (
            "Of the 20 deaths, 12 were in the north. Only seven have been confirmed.",
            "seven",
            "killed",
        ),
        (
            "Officials received 20 complaints. Only seven have been confirmed.",
            "seven",
            "other_count",
        ),
        # "along with N": the count before, in its sentence, lends its role
        ("Twelve miners were hurt, along with three rescuers, in the blast.", "three", "injured"),
        (
            "Twelve miners were hurt in the blast. Along with three rescuers, they ate.",
            "three",
            "other_count",
        ),
        # intensive care is a wound's place; recaptured is an arrest
        ("Seven are in intensive care, doctors said.", "Seven", "injured"),
        ("Of the 30 who fled, 12 were recaptured.", "12", "arrested"),
        # "left N people <state>": the state after the noun, whatever verb came before
        ("The fire killed one guard and left 14 people injured.", "14", "injured"),
        ("The fire killed one guard and left 14 people homeless.", "one", "killed"),
        # "N of the injured succumbed": the part's own verb, a cue of another role
        ("Three of the injured later died in hospital.", "Three", "killed"),
        ("Three of the injured were treated in hospital.", "Three", "injured"),
        # an apposition that details the count does not cut it from its verb
        (
            "Some 30 people, including 8 children from a nearby school, were taken to two "
            "hospitals.",
            "30",
            "injured",
        ),
        # ages listed after "aged" are ages in words as in digits
        ("A woman and her two children, aged seven and four, died.", "four", "other_count"),
        ("A woman and her two children, aged seven and four, died.", "two", "killed"),
        ("Three guards, aged 41 and 29, were killed.", "29", "other_count"),
        # "it" is the toll of the sentence before: "put it at N", "it climbed to N"
        (
            "The death toll rose through the day. Officials put it at 11, but it climbed to 17.",
            "11",
            "killed",
        ),
        (
            "The death toll rose through the day. Officials put it at 11, but it climbed to 17.",
            "17",
            "killed",
        ),
        (
            "The crowd grew through the day. Police put it at 11,000 by noon.",
            "11,000",
            "other_count",
        ),
        # a participle after a number starts its verb phrase, it is no counted noun
        ("Of the 46 taken to hospital, 27 were admitted.", "46", "injured"),
        # "N of them, ..." between a count and its verb details the count
        (
            "Two workers died and 46 people, 19 of them villagers, were taken to four hospitals.",
            "46",
            "injured",
        ),
        # a verb's object never stands past a blank line: a headline's last cue is its own
        ("One dead in Marshall County, 16 hurt\n\nTwo rounds of storms hit.", "16", "injured"),
        # flights and other services are cancelled, never moved or killed
        (
            "Some 3,412 residents were moved to shelters, and 22 flights from Ternate were "
            "cancelled.",
            "3,412",
            "displaced",
        ),
        (
            "Some 3,412 residents were moved to shelters, and 22 flights from Ternate were "
            "cancelled.",
            "22",
            "other_count",
        ),
        # "N more" with its verb left out keeps the verb before; a hospital only says where
        ("Eleven died on the spot and three more later in hospital.", "three", "killed"),
        ("Five were hurt and three more were taken to hospital.", "three", "injured"),
        ("Eleven died on the spot and three more were taken to hospital.", "three", "injured"),
        # any way of dying said "... to death"
        ("Two villagers were trampled to death overnight.", "Two", "killed"),
        ("Two villagers were beaten to death overnight.", "Two", "killed"),
        ("Two villagers were stabbed to death overnight.", "Two", "killed"),
        ("Two villagers were mauled to death overnight.", "Two", "killed"),
        # came away "with injuries": hurt, if alive
        ("Three others were rescued with injuries.", "Three", "injured"),
        (
            "Three others living in the next rooms were rescued and admitted to the Base "
            "Hospital with injuries.",
            "Three",
            "injured",
        ),
        ("Forty were rescued, 11 with injuries.", "Forty", "other_count"),
        ("Sixty passengers were rescued, 17 with injuries.", "17", "injured"),
        ("Fourteen were rescued alive.", "Fourteen", "other_count"),
        # a state after a partitive's total is the part's, whatever came before it
        (
            "The boat capsized, leaving its captain dead and four of its eight crew missing.",
            "four",
            "missing",
        ),
        (
            "The boat capsized, leaving its captain dead and four of its eight crew missing.",
            "eight",
            "other_count",
        ),
        # what swallows or engulfs a building or vehicle damages it; people it does not
        ("A sinkhole opened beneath the road, swallowing two cars.", "two", "damaged"),
        ("The flood engulfed 40 houses.", "40", "damaged"),
        ("The river swallowed three people.", "three", "other_count"),
        # a night in a shelter, or a move to relatives' homes, is displacement
        (
            "About 450 people spent the night in a school gym after their street was evacuated.",
            "450",
            "displaced",
        ),
        ("And 300 people spent the night in a sports hall.", "300", "displaced"),
        (
            "Some 1,180 residents were moved to relatives’ homes and student dormitories.",
            "1,180",
            "displaced",
        ),
        # "N of them" is a part of the group a word of a role names
        (
            "The injured were taken to the Khar hospital, where two of them were referred on.",
            "two",
            "injured",
        ),
        ("Seven men were arrested, and five of them had been charged.", "five", "other_count"),
        # "of them" before the verb that takes them to a hospital
        ("Six of them were taken to Job Tabane Hospital.", "Six", "injured"),
        # "They include N" details the count before, not the places it went to
        (
            "Some 3,412 residents had been moved to four evacuation shelters. They include "
            "1,104 from Goin village.",
            "1,104",
            "displaced",
        ),
        # the participle after the count is its own; "the death of" is the "as" clause's
        (
            "Two people were shot dead and at least 14 others injured on Tuesday as protests "
            "over the death of a rider in custody turned violent.",
            "14",
            "injured",
        ),
        # "while" opens another subject's clause: its verb does not count the crew before it
        (
            "The navy rescued three sailors, including two cadets, while one officer was found "
            "dead in the hold.",
            "two",
            "other_count",
        ),
        # "as" that leads to the cue itself is no conjunction: "listed as missing"
        ("The tally leaves out the 9,000 people listed as missing.", "9,000", "missing"),
    ],
)
def test_a_count_takes_its_role_from_the_counts_and_words_around_it(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


def test_a_count_after_a_name_in_a_list_with_its_verb_left_out_is_a_count() -> None:
    text = (
        "Bongo has recorded 71 cases and four deaths, Talensi 58 cases and three deaths, "
        "and Builsa North 49 cases and two deaths. Crews flew an Airbus 320 to Accra."
    )
    assert [(m.value, m.noun) for m in extract_numbers(text) if m.value in (58, 49)] == [
        (58, "cases"),
        (49, "cases"),
    ]
    assert all(m.value != 320 for m in extract_numbers(text))  # a model, not a count


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("Whitfield took the men’s 100m in 9.86 seconds.", "100", 100),
        ("Chepngeno won the women’s 1500m at the Rabat meeting.", "1500", 1500),
        ("Lee won the 400m hurdles.", "400", 400),
        ("The firm raised 10m in 2024.", "10m", 10_000_000),
        ("The club spent 40m on players.", "40m", 40_000_000),
    ],
)
def test_a_race_over_metres_is_no_million(text: str, token: str, value: float) -> None:
    assert mention(text, token).value == value
