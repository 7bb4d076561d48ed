"""The instructor's caseload list: search by name, filters, sorting, the next review,
and a number of queries that does not grow with the caseload."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from marketplace.access import roles
from marketplace.models import AccessLogEntry, Placement
from tests.factories.accounts import (
    PASSWORD,
    MunicipalityFactory,
    OrganisationFactory,
    make_user,
)
from tests.factories.clients import make_client
from tests.factories.sites import make_site

S = Placement.Status
URL = "/oma/asiakkaat/"


def place(client: Any, site: Any, status: str, ends_in_days: int | None = None):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return Placement.objects.create(
        client=client,
        site=site,
        status=status,
        start_date=today - dt.timedelta(days=60) if status == S.ACTIVE else None,
        planned_end=(
            today + dt.timedelta(days=ends_in_days)
            if ends_in_days is not None
            else None
        ),
    )


@pytest.fixture
def caseload(polku):  # type: ignore[no-untyped-def]
    org = OrganisationFactory(kind="wellbeing_county")
    me = make_user(roles.INSTRUCTOR, organisation=org, username="ohjaaja")
    other = make_user(roles.INSTRUCTOR, organisation=org, username="toinen")
    lahti = MunicipalityFactory(name="Lahti", region=org.region)
    heinola = MunicipalityFactory(name="Heinola", region=org.region)
    paja = make_site(
        title="Puupaja", organisation=OrganisationFactory(region=org.region)
    )
    kahvila = make_site(
        title="Kahvila", organisation=OrganisationFactory(region=org.region)
    )
    aino = make_client(instructor=me, name="Aino Aalto", municipality=lahti)
    place(aino, paja, S.ACTIVE, ends_in_days=10)  # review due now
    bertta = make_client(
        instructor=me,
        name="Bertta Berg",
        municipality=heinola,
        service="disability",
        days_per_week=5,
    )
    place(bertta, kahvila, S.ACTIVE, ends_in_days=40)  # review within six weeks
    cecilia = make_client(instructor=me, name="Cecilia Aaltonen", municipality=lahti)
    place(cecilia, kahvila, S.VISIT_BOOKED)
    place(cecilia, paja, S.ENDED)
    daniel = make_client(instructor=me, name="Daniel Dahl", municipality=heinola)
    stranger = make_client(instructor=other, name="Aino Vieras")
    return locals()


def names(client: Any, **params: Any) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("tbody th a")]


@pytest.fixture
def logged_in(client, caseload):  # type: ignore[no-untyped-def]
    assert client.login(username="ohjaaja", password=PASSWORD)
    return client


def test_the_list_shows_only_the_own_caseload_by_name(logged_in):
    assert names(logged_in) == [
        "Aino Aalto",
        "Bertta Berg",
        "Cecilia Aaltonen",
        "Daniel Dahl",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "aalto"}, ["Aino Aalto", "Cecilia Aaltonen"]),
        ({"q": "AINO aal"}, ["Aino Aalto"]),
        ({"q": "vieras"}, []),  # another instructor's client is never found
        ({"service": "disability"}, ["Bertta Berg"]),
        ({"status": "visit_booked"}, ["Cecilia Aaltonen"]),
        ({"status": "active"}, ["Aino Aalto", "Bertta Berg"]),
        ({"status": "none"}, ["Daniel Dahl"]),
        ({"review": "due"}, ["Aino Aalto"]),
        ({"review": "soon"}, ["Aino Aalto", "Bertta Berg"]),
        ({"q": "aalto", "status": "active"}, ["Aino Aalto"]),
    ],
)
def test_search_and_filters_narrow_the_list(logged_in, params, expected):
    assert names(logged_in, **params) == expected


def test_the_site_filter_offers_the_caseloads_sites(logged_in, caseload):
    html = logged_in.get(URL).content.decode()
    options = [
        o.get_text(strip=True)
        for o in BeautifulSoup(html, "html.parser").select("#id_site option")
    ]
    assert options[1:] == ["Kahvila", "Puupaja"]  # open placements only
    assert names(logged_in, site=caseload["kahvila"].pk) == [
        "Bertta Berg",
        "Cecilia Aaltonen",
    ]


def test_sorting_by_the_next_review_puts_the_soonest_first(logged_in):
    assert names(logged_in, sort="review")[:2] == ["Aino Aalto", "Bertta Berg"]
    assert names(logged_in, sort="municipality") == [
        "Bertta Berg",
        "Daniel Dahl",
        "Aino Aalto",
        "Cecilia Aaltonen",
    ]


def test_the_review_column_shows_the_date_and_marks_it_due(logged_in, caseload):
    soup = BeautifulSoup(logged_in.get(URL).content, "html.parser")
    cells = {
        tr.select_one("th a").get_text(strip=True): tr.select("td")[-1]
        for tr in soup.select("tbody tr")
    }
    # the review is two weeks before the period ends: Aino's (ends in 10 days) is
    # due, Bertta's (ends in 40 days) is not yet, Daniel has no period
    today = timezone.localdate()
    aino = today + dt.timedelta(days=10 - 14)
    bertta = today + dt.timedelta(days=40 - 14)
    assert (
        cells["Aino Aalto"]
        .get_text(" ", strip=True)
        .startswith(f"{aino.day}.{aino.month}.{aino.year}")
    )
    assert cells["Aino Aalto"].select_one(".tag-due") is not None
    assert cells["Bertta Berg"].get_text(strip=True) == (
        f"{bertta.day}.{bertta.month}.{bertta.year}"
    )
    assert cells["Daniel Dahl"].get_text(strip=True) == "–"


def test_a_wrong_choice_says_so_and_changes_nothing_else(logged_in):
    response = logged_in.get(URL, {"status": "bogus", "q": "aalto"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_status_error")
    assert [a.get_text(strip=True) for a in soup.select("tbody th a")] == [
        "Aino Aalto",
        "Cecilia Aaltonen",
    ]


def test_only_the_clients_shown_are_logged(logged_in, caseload):
    names(logged_in, q="bertta")
    assert list(AccessLogEntry.objects.values_list("client__name", "action")) == [
        ("Bertta Berg", "list")
    ]


def test_the_list_costs_the_same_queries_for_4_or_40_clients(
    logged_in, caseload, django_assert_num_queries
):
    # given the list opened once (a first request also stamps the session)
    params = {"q": "a", "review": "soon", "sort": "review"}
    logged_in.get(URL, params)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        logged_in.get(URL, params)
    # when the caseload grows to 40 clients with placements at more sites
    for n in range(36):
        client = make_client(instructor=caseload["me"], name=f"Asiakas {n:02d}a")
        site = caseload["paja"] if n % 2 else caseload["kahvila"]
        place(client, site, S.ACTIVE, ends_in_days=n)
    # then the list and its filters cost the same number of queries
    with django_assert_num_queries(len(small.captured_queries)):
        response = logged_in.get(URL, params)
    assert response.content.decode().count('scope="row"') > 30
