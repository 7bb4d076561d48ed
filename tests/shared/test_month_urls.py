"""Every page that takes a ``?kk=`` month or a date in its URL refuses what it cannot
show with a 400 page and a Finnish message: never a 500 (``OverflowError``)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from marketplace.access import roles
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

BAD = ["9999-12", "0001-01", "garbage", "2026-13", "1999-12", "2026-12" * 6]
BAD_DAYS = ["9999-12-31", "0001-01-01", "31.2.2026", "x"]


@pytest.fixture
def world(polku):  # type: ignore[no-untyped-def]
    org = OrganisationFactory()
    site = make_site(organisation=org, work_share_cents_per_day=600)
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    client = make_client(instructor=instructor)
    organiser = make_user(roles.ORGANISER, organisation=org)
    organiser.region = org.region
    organiser.save()
    return {
        roles.SUPERVISOR: (
            make_user(roles.SUPERVISOR, organisation=org),
            [
                reverse("site_attendance", args=[site.pk]),
                reverse("site_attendance_csv", args=[site.pk]),
                reverse("work_share_statement", args=[site.pk]),
                reverse("work_share_statement_csv", args=[site.pk]),
            ],
        ),
        roles.INSTRUCTOR: (
            instructor,
            [reverse("client_attendance_csv", args=[client.pk])],
        ),
        roles.ORGANISER: (organiser, [reverse("money_overview")]),
    }


@pytest.mark.parametrize("role", [roles.SUPERVISOR, roles.INSTRUCTOR, roles.ORGANISER])
def test_month_pages_refuse_a_month_they_cannot_show(client, world, role):
    user, urls = world[role]
    client.login(username=user.username, password=PASSWORD)
    for url in urls:
        assert client.get(url, {"kk": "2026-03"}).status_code == 200, url
        assert client.get(url, {"kk": ""}).status_code == 200, url
        for bad in BAD:
            response = client.get(url, {"kk": bad}, HTTP_ACCEPT_LANGUAGE="fi")
            assert response.status_code == 400, (url, bad)
            assert "Osoitteessa on virhe" in response.content.decode(), (url, bad)


def test_the_first_and_last_month_have_no_link_beyond_the_range(client, world):
    user, urls = world[roles.SUPERVISOR]
    client.login(username=user.username, password=PASSWORD)
    first = client.get(urls[0], {"kk": "2001-01"}).content.decode()
    last = client.get(urls[0], {"kk": "2099-12"}).content.decode()
    assert "kk=2000-12" not in first and "kk=2001-02" in first
    assert "kk=2100-01" not in last and "kk=2099-11" in last


def test_access_log_dates_are_refused_not_ignored(client, world):
    user, _urls = world[roles.ORGANISER]
    client.login(username=user.username, password=PASSWORD)
    url = reverse("access_log")
    assert client.get(url, {"alku": "2026-01-01"}).status_code == 200
    for bad in BAD_DAYS:
        assert client.get(url, {"alku": bad}).status_code == 400, bad
        assert client.get(url, {"loppu": bad}).status_code == 400, bad
