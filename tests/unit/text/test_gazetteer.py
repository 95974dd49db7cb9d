"""The gazetteer types place names (summarizer.text.gazetteer)."""

from __future__ import annotations

import pytest

from summarizer.text.gazetteer import city_country, place_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kenya", "country"),
        ("Lagos", "city"),  # a city of millions wins over the state of the same name
        ("Kharkiv", "city"),
        ("Sao Paulo", "city"),  # accents optional ("São Paulo")
        ("Basra", "city"),  # an English alternate name of a large city
        ("Bihar", "region"),
    ],
)
def test_names_are_typed(name: str, kind: str) -> None:
    assert place_kind(name) == kind


@pytest.mark.parametrize("code", ["BJP", "RAI", "ACT", "Act", "bjp"])
def test_codes_among_alternate_names_are_no_places(code: str) -> None:
    # GeoNames lists airport and local codes among a city's alternate names; folded, they
    # would make a party ("the BJP"), "the Act" or a broadcaster a city.
    assert place_kind(code) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Tamale", "GH"),  # a city of 100,000 or more, of one country
        ("Davao", "PH"),
        ("TAMALE", "GH"),  # a dateline's capitals
        ("Cartagena", None),  # cities of Colombia and of Spain: the name says no country
        ("Alexandria", None),  # Egypt's and Virginia's
        ("Marlowe", None),  # no such city
    ],
)
def test_a_large_city_names_its_country_when_no_other_countrys_does(
    name: str, country: str | None
) -> None:
    assert city_country(name) == country


def test_a_capital_and_a_citys_rank_in_its_country() -> None:
    from summarizer.text.gazetteer import capital_of, city_rank, country_code

    assert capital_of("Ukraine") == "Kyiv"
    assert country_code("Kenya") == "KE"
    assert city_rank("Kharkiv") == ("UA", 2)
    assert capital_of("Atlantis") is None and city_rank("Atlantis") is None
