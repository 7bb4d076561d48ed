"""The site editor's address search: only for site editors, only places in
Finland, cached, a clear message when the geocoder fails; no network in tests."""

from __future__ import annotations

from typing import Any

import pytest

from marketplace.access import roles
from marketplace.maps import geocoding
from tests.factories.accounts import OrganisationFactory, make_user

URL = "/oma/osoitehaku/"
ANSWER = [
    {"display_name": "Teollisuuskatu 5, Lahti", "lat": "60.9801", "lon": "25.6702"},
    {"display_name": "Somewhere abroad", "lat": "48.85", "lon": "2.35"},
    {"display_name": "Broken", "lat": "x"},
]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fake(query: str) -> list[geocoding.Place]:
        calls.append(query)
        return geocoding.places_from(ANSWER)

    monkeypatch.setattr(geocoding, "_ask", fake)
    return calls


def test_only_places_in_finland_with_a_name_are_kept():
    assert geocoding.places_from(ANSWER) == [
        geocoding.Place("Teollisuuskatu 5, Lahti", 60.9801, 25.6702)
    ]
    with pytest.raises(geocoding.GeocodingError):
        geocoding.places_from({"not": "a list"})


def test_a_supervisor_searches_and_the_answer_is_cached(client, polku, asked):
    client.force_login(make_user(roles.SUPERVISOR, organisation=OrganisationFactory()))
    for _ in range(2):
        response = client.get(URL, {"q": "Teollisuuskatu 5  Lahti"})
        assert response.json() == {
            "places": [
                {"label": "Teollisuuskatu 5, Lahti", "lat": 60.9801, "lon": 25.6702}
            ]
        }
    assert asked == ["Teollisuuskatu 5 Lahti"]


@pytest.mark.parametrize("role", [roles.CLIENT, roles.INSTRUCTOR, roles.POSTER])
def test_who_edits_no_site_cannot_search(client, polku, asked, role):
    client.force_login(make_user(role, organisation=OrganisationFactory()))
    assert client.get(URL, {"q": "Lahti"}).status_code == 403
    assert asked == []


def test_a_failing_geocoder_is_a_message_not_a_crash(client, polku, monkeypatch):
    def broken(query: str) -> Any:
        raise geocoding.GeocodingError("timed out")

    monkeypatch.setattr(geocoding, "_ask", broken)
    client.force_login(make_user(roles.SUPERVISOR, organisation=OrganisationFactory()))
    response = client.get(URL, {"q": "Lahti"})
    assert response.status_code == 502
    assert response.json()["places"] == [] and response.json()["error"]


def test_without_a_geocoder_the_search_is_off(client, polku, settings, asked):
    settings.POLKU_GEOCODER_URL = ""
    client.force_login(make_user(roles.SUPERVISOR, organisation=OrganisationFactory()))
    assert client.get(URL, {"q": "Lahti"}).status_code == 503
    assert asked == []
