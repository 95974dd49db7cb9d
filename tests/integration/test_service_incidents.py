"""POST /v1/incidents on a live uvicorn process: the reader's incidents, offsets included."""

from __future__ import annotations

import httpx2 as httpx
import pytest

from summarizer.service.models import IncidentsResponse
from tests.support.service_fixtures import LiveService

pytestmark = pytest.mark.service

# Two happenings on two days, and one from another year.
ARTICLE = (
    " date 2031-05-07 A bomb exploded at a bus station in Quetta on Tuesday, killing 9 people"
    " and wounding 30. Police said the blast was heard across the city.\n\n"
    "On Sunday, a landslide buried 4 houses in the Swat valley. In 2022, floods in the"
    " province killed 1,700 people."
)


def test_incidents_split_the_article_and_own_its_numbers(service: LiveService) -> None:
    with service.client() as client:
        response = client.post("/v1/incidents", json={"text": ARTICLE})
    assert response.status_code == 200
    found = IncidentsResponse.model_validate(response.json()).incidents
    owner = {m.text: i for i in found for m in i.mentions}
    assert owner["9"] is owner["30"]  # one attack, its toll
    assert owner["4"] is not owner["9"]  # another day, another place
    assert owner["1,700"].background and not owner["9"].background
    assert str(owner["9"].date) == "2031-05-06"  # Tuesday before the Wednesday dateline
    for incident in found:
        for mention in incident.mentions:
            assert ARTICLE[mention.start : mention.end] == mention.text


def test_incidents_takes_the_numbers_body_and_refuses_the_rest(service: LiveService) -> None:
    with service.client() as client:
        assert client.post("/v1/incidents", json={"text": "   "}).status_code == 422
        assert client.post("/v1/incidents", json={"text": ARTICLE, "x": 1}).status_code == 422
    anonymous = httpx.post(f"{service.url}/v1/incidents", json={"text": ARTICLE})
    assert anonymous.status_code == 401
