"""The instructor's pages cost the same number of queries whatever the size of the
caseload, the catalogue or the history (no query per row): the client list and
the suggestions page, measured with a few rows and again with many more."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.access import roles
from marketplace.models import (
    Placement,
    PlacementEvent,
    PlacementPeriod,
    SelfAssessment,
)
from matching import web
from matching.models import SuggestionFeedback
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def fresh_cache():  # type: ignore[no-untyped-def]
    web.clear_cache()
    yield
    web.clear_cache()


@pytest.fixture
def county(polku: Any) -> dict[str, Any]:
    org = OrganisationFactory(kind="wellbeing_county")
    town = MunicipalityFactory(code="398", name="Lahti", region=org.region)
    ngo = OrganisationFactory(region=org.region)
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    person = make_client(instructor=instructor, municipality=town, name="Asiakas 0")
    return {"ngo": ngo, "town": town, "instructor": instructor, "person": person}


def grow(county: dict[str, Any], n: int) -> None:
    """``n`` more sites, and ``n`` more clients in the caseload, each with an ended
    and an open placement, two self-assessments and history at the new site; the
    first client hides the first of the new sites from their suggestions."""
    for i in range(n):
        k = PlacementPeriod.objects.count()
        site = make_site(
            title=f"Paja {k}",
            organisation=county["ngo"],
            municipality=county["town"],
            tags=("woodwork", "recycling"),
            accessibility=("step_free",),
            learning_units=("Puutuotteiden valmistaminen",),
        )
        other = make_client(
            instructor=county["instructor"],
            municipality=county["town"],
            name=f"Asiakas {k + 1}",
        )
        start = TODAY - dt.timedelta(days=400)
        ended = Placement.objects.create(
            client=other, site=site, status=Placement.Status.ENDED, start_date=start
        )
        PlacementPeriod.objects.create(
            placement=ended,
            start=start,
            end=start + dt.timedelta(days=180),
            exit_reason="studies",
        )
        active = Placement.objects.create(
            client=other,
            site=site,
            status=Placement.Status.ACTIVE,
            start_date=TODAY - dt.timedelta(days=80),
            planned_end=TODAY + dt.timedelta(days=10),
        )
        PlacementPeriod.objects.create(placement=active, start=active.start_date)
        PlacementEvent.objects.create(
            placement=active, from_status="agreed", to_status="active"
        )
        for days in (80, 0):
            SelfAssessment.objects.create(
                client=other,
                date=TODAY - dt.timedelta(days=days),
                consent=True,
                **{area: 5 for area in SelfAssessment.AREAS},
            )
        if i == 0:
            SuggestionFeedback.objects.create(
                client=county["person"],
                site=site,
                kind="hidden",
                reason="Liian kaukana",
                by=county["instructor"],
            )


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_client_list_costs_the_same_queries_for_2_or_12_clients(
    client, county, django_assert_num_queries
):
    # Given a caseload of two clients with history (after a first request, which
    # also stamps the session's last activity)
    grow(county, 1)
    client.force_login(county["instructor"])
    url = "/oma/asiakkaat/"
    client.get(url)
    small = queries(client, url)
    # When the caseload grows to twelve
    grow(county, 10)
    # then the list costs the same number of queries, and shows every client
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.content.decode().count('scope="row"') == 12


def test_the_suggestions_page_costs_the_same_queries_for_2_or_14_sites(
    client, county, django_assert_num_queries
):
    # Given two sites with history and one hidden suggestion
    grow(county, 2)
    client.force_login(county["instructor"])
    url = f"/oma/asiakkaat/{county['person'].pk}/ehdotukset/"
    client.get(url)
    web.clear_cache()
    cold, warm = queries(client, url), queries(client, url)
    # When the catalogue, the history and the hidden suggestions grow
    grow(county, 12)
    web.clear_cache()
    # then building the catalogue and showing ten suggestions cost the same as
    # before, with the catalogue built (cold) and with it cached per process (warm)
    with django_assert_num_queries(cold):
        response = client.get(url)
    with django_assert_num_queries(warm):
        client.get(url)
    assert response.content.decode().count('class="site-card suggestion"') == 10
