"""The supervisor's site day: who is expected today, who holds each seat, visits
booked, seats held for a return; the weekdays agreed per participant; the list of
sites with each one's day in figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from marketplace.access import roles
from marketplace.models import AccessLogEntry, Placement, PlacementEvent
from marketplace.sites.site_day import sites_today, week_of
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client, make_placement
from tests.factories.sites import make_site

S = Placement.Status


@pytest.fixture
def site_world(polku):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    unit = OrganisationFactory(name="Paja ry")
    site = make_site(title="Puupaja", organisation=unit, seats=(8, 3))
    other_site = make_site(title="Muu paja", organisation=OrganisationFactory())
    expected = make_placement(
        make_client(name="Aino Tänään", days_per_week=2),
        site,
        days_per_week=2,
        weekdays=sorted({today.isoweekday(), today.isoweekday() % 7 + 1}),
    )
    not_today = make_placement(
        make_client(name="Bertta Huomenna", days_per_week=1),
        site,
        days_per_week=1,
        weekdays=[today.isoweekday() % 7 + 1],
    )
    unknown = make_placement(make_client(name="Cecilia Ei päiviä"), site)
    starting = Placement.objects.create(
        client=make_client(name="Daniel Aloittaa"),
        site=site,
        status=S.AGREED,
        start_date=today + dt.timedelta(days=7),
        days_per_week=3,
    )
    visit = Placement.objects.create(
        client=make_client(name="Eero Vierailee"),
        site=site,
        status=S.VISIT_BOOKED,
        visit_at=timezone.now() + dt.timedelta(hours=2),
    )
    held = Placement.objects.create(
        client=make_client(name="Fanni Työkokeilussa"),
        site=site,
        status=S.HELD,
        held_until=today + dt.timedelta(weeks=6),
    )
    make_placement(make_client(name="Gunnar Muualla"), other_site)
    supervisor = make_user(roles.SUPERVISOR, organisation=unit)
    stranger = make_user(roles.SUPERVISOR, organisation=other_site.organisation)
    organiser = make_user(
        roles.ORGANISER,
        organisation=OrganisationFactory(kind="wellbeing_county", region=unit.region),
    )
    return locals()


def login(client: Any, user: Any) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_the_day_names_who_is_expected_holds_a_seat_visits_and_returns(
    client, site_world
):
    login(client, site_world["supervisor"])
    response = client.get(f"/oma/paikat/{site_world['site'].pk}/paiva/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    today = soup.select_one("section[aria-labelledby=today-heading]").get_text(" ")
    assert "Aino Tänään" in today and "Bertta Huomenna" not in today
    holders = [th.get_text(strip=True) for th in soup.select("#participants tbody th")]
    assert holders == [
        "Aino Tänään",
        "Bertta Huomenna",
        "Cecilia Ei päiviä",
        "Daniel Aloittaa",
        "Fanni Työkokeilussa",
    ]
    visits = soup.select_one("section[aria-labelledby=visits-heading]").get_text(" ")
    assert "Eero Vierailee" in visits
    assert "Gunnar Muualla" not in response.content.decode()
    # every name shown is a logged read, with the purpose
    logged = set(
        AccessLogEntry.objects.filter(subject="attendance", action="list").values_list(
            "client__name", flat=True
        )
    )
    assert logged == {
        "Aino Tänään",
        "Bertta Huomenna",
        "Cecilia Ei päiviä",
        "Daniel Aloittaa",
        "Eero Vierailee",
        "Fanni Työkokeilussa",
    }


@pytest.mark.parametrize("who", ["stranger", "organiser"])
def test_only_the_sites_own_supervisors_see_its_day(client, site_world, who):
    login(client, site_world[who])
    response = client.get(f"/oma/paikat/{site_world['site'].pk}/paiva/")
    assert response.status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_weekdays_are_as_many_as_the_agreement_says_and_each_change_is_recorded(
    client, site_world
):
    login(client, site_world["supervisor"])
    placement = site_world["not_today"]  # one day a week
    url = f"/oma/paikat/{site_world['site'].pk}/paiva/{placement.pk}/viikonpaivat/"
    before = list(placement.weekdays)
    # when the supervisor ticks two days for a one-day agreement
    response = client.post(url, {"weekdays": ["1", "3"]})
    # then the form says so and nothing changes
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    placement.refresh_from_db()
    assert placement.weekdays == before
    # and with one day the weekdays are saved and the change is an event
    response = client.post(url, {"weekdays": ["3"]})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.weekdays == [3]
    event = PlacementEvent.objects.get(placement=placement)
    assert event.detail == {"weekdays": [3]}
    assert event.actor == site_world["supervisor"]
    assert event.from_status == event.to_status == S.ACTIVE


def test_a_held_seat_has_no_weekdays_to_keep_and_others_cannot_change_them(
    client, site_world
):
    site = site_world["site"]
    login(client, site_world["supervisor"])
    held = site_world["held"]
    url = f"/oma/paikat/{site.pk}/paiva/{held.pk}/viikonpaivat/"
    assert client.post(url, {"weekdays": ["1"]}).status_code == 404
    client.logout()
    login(client, site_world["stranger"])
    placement = site_world["unknown"]
    url = f"/oma/paikat/{site.pk}/paiva/{placement.pk}/viikonpaivat/"
    assert client.post(url, {"weekdays": ["1"]}).status_code == 403
    placement.refresh_from_db()
    assert placement.weekdays == []


def test_the_list_of_sites_shows_each_days_figures_and_only_allowed_links(
    client, site_world
):
    site = site_world["site"]
    today = timezone.localdate()
    day = sites_today([site], today)[site.pk]
    assert (day.active, day.expected_today, day.starting, day.held) == (3, 1, 1, 1)
    assert day.visits_this_week == (
        1 if site_world["visit"].visit_at.date() <= week_of(today)[-1] else 0
    )
    # the supervisor sees the figures and the links to the day and the days
    login(client, site_world["supervisor"])
    html = client.get("/oma/paikat/").content.decode()
    assert f"/oma/paikat/{site.pk}/paiva/" in html
    assert f"/oma/paikat/{site.pk}/lasnaolo/" in html
    # the region's organiser sees the site and its seats, but no day and no
    # link to pages only the supervisor may open
    client.logout()
    login(client, site_world["organiser"])
    html = client.get("/oma/paikat/").content.decode()
    assert "Puupaja" in html
    assert f"/oma/paikat/{site.pk}/paiva/" not in html
    assert f"/oma/paikat/{site.pk}/lasnaolo/" not in html
    assert "Aino Tänään" not in html


def test_the_demo_gives_agreed_placements_weekdays_once(site_world):
    from marketplace.seeding.demo_weekdays import demo_weekdays_ensure

    # the placement without weekdays and the agreed one get as many as agreed
    assert demo_weekdays_ensure() == 3
    unknown, starting = site_world["unknown"], site_world["starting"]
    unknown.refresh_from_db()
    starting.refresh_from_db()
    assert len(starting.weekdays) == 3 and set(starting.weekdays) <= {1, 2, 3, 4, 5}
    assert len(unknown.weekdays) == unknown.client.days_per_week
    # the second run changes nothing
    assert demo_weekdays_ensure() == 0
