"""Seats tied to placements: never below zero, the total never below the seats
taken, the supervisor's form refuses with a message, and who fills each seat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from marketplace.access import roles
from marketplace.clients.services import placements as svc
from marketplace.models import SiteCapacity
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def w(polku, clock):  # type: ignore[no-untyped-def]
    clock.set(TODAY)
    org = OrganisationFactory()
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    supervisor = make_user(roles.SUPERVISOR, organisation=org)
    site = make_site(organisation=org, seats=(4, 3))
    placements = []
    for name in ("Aino", "Bertta", "Cecilia"):
        client = make_client(instructor=instructor, name=name)
        p = svc.placement_suggest(actor=instructor, client=client, site=site)
        placements.append(
            svc.placement_book_visit(
                actor=instructor,
                placement=p,
                visit_at=dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC),
            )
        )
    for p in placements[:2]:
        svc.placement_agree(
            actor=instructor,
            placement=p,
            start_date=TODAY,
            days_per_week=3,
            hours_per_day=5,
            tasks="",
        )
    return {"site": site, "supervisor": supervisor, "instructor": instructor}


def capacity(site) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    c = SiteCapacity.objects.get(site=site)
    return c.seats_total, c.seats_free, c.seats_taken


def test_agreeing_moves_a_free_seat_to_the_taken_ones(w):
    assert capacity(w["site"]) == (4, 1, 2)


@pytest.mark.parametrize(
    "change",
    [
        {"seats_free": F("seats_free") - 2},  # below zero
        {"seats_total": 2},  # below taken + free
        {"seats_taken": F("seats_taken") + 2},  # more taken than fits
    ],
)
def test_the_database_refuses_seats_that_do_not_fit(w, change):
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteCapacity.objects.filter(site=w["site"]).update(**change)
    assert capacity(w["site"]) == (4, 1, 2)


def test_the_supervisors_form_refuses_a_total_below_the_taken_seats(client, w):
    assert client.login(username=w["supervisor"].username, password=PASSWORD)
    url = f"/oma/paikat/{w['site'].pk}/paikkamaara/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert page.status_code == 200, url
    response = client.post(
        url,
        {"seats_total": 2, "seats_free": 1, "seen": "4/1/2"},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 200
    assert "2 paikkaa on Polun kautta sijoitettujen asiakkaiden" in (
        response.content.decode()
    )
    assert capacity(w["site"]) == (4, 1, 2)
    ok = client.post(url, {"seats_total": 5, "seats_free": 3, "seen": "4/1/2"})
    assert ok.status_code == 302 and capacity(w["site"]) == (5, 3, 2)


def test_a_form_saved_over_a_change_made_meanwhile_is_refused(client, w):
    assert client.login(username=w["supervisor"].username, password=PASSWORD)
    url = f"/oma/paikat/{w['site'].pk}/paikkamaara/"
    response = client.post(url, {"seats_total": 4, "seats_free": 2, "seen": "4/2/1"})
    assert response.status_code == 200 and capacity(w["site"]) == (4, 1, 2)
