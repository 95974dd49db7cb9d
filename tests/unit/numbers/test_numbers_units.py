"""Numbers written with their unit glued on or in a house style's shorthand (issue #22).

Every sentence here is invented; each test names the shape it pins down: percentages
written "4.1pc", currencies as a letter against the digits ("N5bn", "K30"), temperatures
("46.4C", "104°F"), the numbers of a statute's parts ("Section 4 of the ... Act 1984").
"""

from __future__ import annotations

import pytest

from summarizer.numbers import NumberMention, extract_numbers


def mention(text: str, token: str, nth: int = 0) -> NumberMention:
    """The ``nth`` mention whose text is ``token``, with a readable failure."""
    found = [m for m in extract_numbers(text) if m.text == token]
    assert len(found) > nth, (text, [(m.text, m.value, m.role) for m in extract_numbers(text)])
    return found[nth]


def texts(text: str) -> list[str]:
    return [m.text for m in extract_numbers(text)]


# --------------------------------------------------------------------------- glued percent


@pytest.mark.parametrize(
    ("text", "token", "value"),
    [
        ("Core inflation eased to 4.1pc in March.", "4.1", 4.1),
        ("Exports fell 0.3pc month-on-month.", "0.3", 0.3),
        ("The bank held its rate at 11pc.", "11", 11),
        ("Turnout was 58.2PC, officials said.", "58.2", 58.2),
        ("Shares gained 6pct on the day.", "6", 6),
        ("Wheat flour (31.2pc) and sugar rose.", "31.2", 31.2),
        ("Output grew 3.2 pct in the year.", "3.2", 3.2),
        ("Deposits rose 7 p.c. in the quarter.", "7", 7),
        ("Deposits rose 8p.c. in the quarter.", "8", 8),
    ],
)
def test_a_glued_pc_is_a_percent_sign(text: str, token: str, value: float) -> None:
    found = mention(text, token)
    assert (found.value, found.role, found.noun) == (pytest.approx(value), "percentage", "percent")
    assert text[found.start : found.end] == token  # "pc" stays outside the span, as "%" does


def test_a_range_of_glued_percentages() -> None:
    found = mention("The target band is 5-7pc over the medium term.", "5-7")
    assert (found.value, found.value_high, found.qualifier, found.role) == (
        5,
        7,
        "range",
        "percentage",
    )


def test_between_two_glued_percentages_are_bounds() -> None:
    text = "Prices are projected to rise between 4.5pc and 5.5pc next month."
    assert (mention(text, "4.5").qualifier, mention(text, "4.5").role) == (
        "at_least",
        "percentage",
    )
    assert (mention(text, "5.5").qualifier, mention(text, "5.5").role) == (
        "at_most",
        "percentage",
    )


@pytest.mark.parametrize(
    "text",
    ["The shop sold 5pcs of cake.", "Ask for the 3pcx adapter."],
)
def test_pc_inside_a_longer_word_is_no_percent(text: str) -> None:
    assert all(m.role != "percentage" for m in extract_numbers(text)), extract_numbers(text)


# --------------------------------------------------------------------------- glued currency


@pytest.mark.parametrize(
    ("text", "token", "value", "currency"),
    [
        (
            "The two officials diverted N486.2 million from the fund.",
            "486.2 million",
            486.2e6,
            "NGN",
        ),
        ("The state owes contractors N5bn, the governor said.", "5bn", 5e9, "NGN"),
        ("Each voter was offered N2,000 at the polling unit.", "2,000", 2000, "NGN"),
        ("Each voter was offered ₦2,000 at the polling unit.", "2,000", 2000, "NGN"),
        ("Bread now costs N450 a loaf.", "450", 450, "NGN"),
        ("The mine was fined K30 million for the spill.", "30 million", 30e6, "ZMW"),
        ("The council approved P1.2 billion for flood control.", "1.2 billion", 1.2e9, "PHP"),
        ("The bridge will cost Tk500 crore.", "500 crore", 5e9, "BDT"),
        ("Each family will get Tk 20,000 in aid.", "20,000", 20_000, "BDT"),
        ("The bus fare rose to Rs450 on Monday.", "450", 450, "INR"),
        ("Losses were put at R2.5bn.", "2.5bn", 2.5e9, "ZAR"),
        ("A kilo of sugar sells for Sh500 in the market.", "500", 500, "KES"),
    ],
)
def test_a_currency_letter_glued_to_the_digits(
    text: str, token: str, value: float, currency: str
) -> None:
    found = mention(text, token)
    assert (found.value, found.role, found.noun) == (pytest.approx(value), "money", currency)


@pytest.mark.parametrize(
    "text",
    [
        "Nurses asked for N95 masks.",
        "Traffic stopped on the N25 near the port.",
        "She climbed K2 last summer.",
        "The P5 nations met in Geneva.",
        "The MK2 rifle and the NK3 form were shown.",
    ],
)
def test_a_letter_before_a_short_code_is_no_currency(text: str) -> None:
    assert all(m.role != "money" for m in extract_numbers(text)), extract_numbers(text)


@pytest.mark.parametrize(
    ("text", "token", "qualifier"),
    [
        ("Two officials jailed over N486.2m fraud", "486.2m", "exact"),
        ("Firm sued over £5 million debt", "5 million", "exact"),
        ("Minister quits over $2bn contract", "2bn", "exact"),
        ("Court hears row over Sh40 million bribe claims", "40 million", "exact"),
        ("The storm caused over $5m in damage.", "5m", "more_than"),
        ("They raised over £3 million for the hospital.", "3 million", "more_than"),
    ],
)
def test_over_a_sum_that_names_a_matter_is_no_bound(text: str, token: str, qualifier: str) -> None:
    assert mention(text, token).qualifier == qualifier


# --------------------------------------------------------------------------- temperatures


@pytest.mark.parametrize(
    ("text", "token", "value", "noun"),
    [
        ("The mercury peaked at 46.4C shortly before 4pm.", "46.4", 46.4, "degrees Celsius"),
        ("The mercury peaked at 46.4°C on Sunday.", "46.4", 46.4, "degrees Celsius"),
        ("Nights stayed above 30 °C all week.", "30", 30, "degrees Celsius"),
        ("Phoenix hit 104F, a record for May.", "104", 104, "degrees Fahrenheit"),
        ("Phoenix hit 115.5°F on Tuesday.", "115.5", 115.5, "degrees Fahrenheit"),
        ("It fell to -5C overnight.", "-5", -5, "degrees Celsius"),
        ("It fell to \u221212\u00b0C in the hills.", "\u221212", -12, "degrees Celsius"),
        ("Forecasters expect 40 degrees Celsius by Friday.", "40", 40, "degrees Celsius"),
        ("Forecasters expect 104 degrees Fahrenheit by Friday.", "104", 104, "degrees Fahrenheit"),
        ("Forecasters expect 21 degrees C by Friday.", "21", 21, "degrees Celsius"),
    ],
)
def test_a_temperature_is_a_reading_in_degrees(
    text: str, token: str, value: float, noun: str
) -> None:
    found = mention(text, token)
    assert (found.value, found.role, found.noun) == (pytest.approx(value), "other_count", noun)
    assert text[found.start : found.end] == token  # the degree sign stays outside the span


def test_a_range_of_temperatures() -> None:
    found = mention("Highs of 40-45C are forecast.", "40-45")
    assert (found.value, found.value_high, found.noun) == (40, 45, "degrees Celsius")


def test_a_temperature_takes_no_casualty_role() -> None:
    text = "Temperatures of 47C killed 12 people in the north."
    assert mention(text, "47").role == "other_count"
    assert mention(text, "12").role == "killed"


@pytest.mark.parametrize(
    "text",
    ["He paid 5c for a stamp.", "Pupils of Form 3C sat the exam.", "It was 30c a litre."],
)
def test_a_lower_case_c_or_a_class_is_no_temperature(text: str) -> None:
    assert all("degrees" not in m.noun for m in extract_numbers(text)), extract_numbers(text)


# --------------------------------------------------------------------------- legal references


@pytest.mark.parametrize(
    ("text", "token", "noun"),
    [
        ("He is held under Section 4 of the Public Order Act 1994.", "4", "section"),
        ("The firm admitted breaching section 2 of the Factories Act.", "2", "section"),
        ("The repeal of Article 370 was upheld.", "370", "article"),
        ("Clause 7 of the contract was void.", "7", "clause"),
        ("See paragraph 12 of the ruling.", "12", "paragraph"),
        ("The airline filed for Chapter 11 protection.", "11", "chapter"),
        ("He was charged under Sections 302, 307 and 34 of the IPC.", "307", "section"),
        ("He was charged under Sections 302, 307 and 34 of the IPC.", "34", "section"),
        ("Articles 14 and 21 protect equality and life.", "21", "article"),
    ],
)
def test_the_number_of_a_part_of_a_law_is_a_reference(text: str, token: str, noun: str) -> None:
    found = mention(text, token)
    assert (found.role, found.noun) == ("other_count", noun)


def test_a_reference_takes_no_casualty_role() -> None:
    text = "Section 144 was imposed after 12 people were killed."
    assert mention(text, "144").role == "other_count"
    assert mention(text, "12").role == "killed"


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("He is held under Section 4 of the Criminal Justice Act 1984.", "1984"),
        ("The firm breached the Health and Safety at Work Act 1974 twice.", "1974"),
        ("Police used the Public Order Ordinance 2002 against marchers.", "2002"),
        ("He was charged under the Arms Act, 1959.", "1959"),
    ],
)
def test_the_year_after_the_name_of_a_law_is_a_year(text: str, token: str) -> None:
    assert mention(text, token).role == "date_or_year"


def test_a_resolution_stays_a_designation() -> None:
    assert "2231" not in texts("Iran breached Resolution 2231.")


# --------------------------------------------------------------------------- match scores


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("Rovers came from behind to beat Corrib United 3-1 at home.", "3", "1"),
        ("Athletic beat Suir Valley 1-0 thanks to a late goal.", "1", "0"),
        ("City lost 1-3 at home on Saturday.", "1", "3"),
        ("A 2-0 win lifted them to second.", "2", "0"),
        ("Kenya defeated Uganda 24–17 in the final.", "24", "17"),
        ("The Harps drew 2-2 with Ennis Town.", "2", "2"),
    ],
)
def test_a_score_after_a_result_is_two_numbers(text: str, first: str, second: str) -> None:
    found = [m for m in extract_numbers(text) if m.noun == "score"]
    assert [m.text for m in found] == [first, second], extract_numbers(text)
    assert all(m.role == "other_count" and m.value_high is None for m in found)


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("The party won 10-12 seats, polls suggest.", "10-12"),
        ("Between 30-40 people were hurt.", "30-40"),
        ("It won 15-20 per cent of the vote.", "15-20"),
    ],
)
def test_a_range_of_a_counted_noun_is_no_score(text: str, token: str) -> None:
    assert mention(text, token).qualifier == "range"


# --------------------------------------------------------------------------- measures after a name


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("She crossed the line 41 seconds ahead of the champion.", "41", "duration"),
        ("He finished the stage 12 minutes behind the leader.", "12", "duration"),
        ("The fire reached Highway 7 kilometres from town.", "7", "distance"),
        ("Fares on Route 9 rose 5 per cent.", "5", "percentage"),
    ],
)
def test_a_unit_after_the_number_makes_it_a_measure_after_a_name(
    text: str, token: str, role: str
) -> None:
    assert mention(text, token).role == role


@pytest.mark.parametrize(
    ("text", "token"),
    [("Flight 370 vanished.", "370"), ("Line 3 trains stopped.", "3")],
)
def test_a_name_and_its_number_without_a_unit_stay_a_designation(text: str, token: str) -> None:
    assert token not in texts(text)


# --------------------------------------------------------------------------- the year of an occasion


@pytest.mark.parametrize(
    ("text", "token", "role"),
    [
        ("In the 2022 polls, the mayor won by 9,000 votes.", "2022", "date_or_year"),
        ("The 1998 floods were worse.", "1998", "date_or_year"),
        ("Their 2019 elections were delayed.", "2019", "date_or_year"),
        ("The 2016 Olympics cost more.", "2016", "date_or_year"),
        ("The 2000 people who came were fed.", "2000", "other_count"),
        ("Some 2000 protests were held.", "2000", "other_count"),
    ],
)
def test_a_year_before_an_occasion_after_a_determiner(text: str, token: str, role: str) -> None:
    assert mention(text, token).role == role
