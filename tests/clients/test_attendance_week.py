"""A week's activity days: the agreed weekdays ticked in advance until the supervisor
has confirmed them, weekends marked, only days that can be marked, exactly the marks
sent (for that week only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from marketplace.access import roles
from marketplace.clients.views.attendance_week import week_param
from marketplace.models import AttendanceDay
from marketplace.sites.site_day import week_of
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client, make_placement
from tests.factories.sites import make_site


@pytest.fixture
def week_world(polku):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    last_week = week_of(today - dt.timedelta(days=7))
    unit = OrganisationFactory()
    site = make_site(organisation=unit)
    placement = make_placement(
        make_client(name="Aino", days_per_week=2),
        site,
        start=today - dt.timedelta(days=40),
        days_per_week=2,
        weekdays=[1, 3],
    )
    other = make_placement(make_client(name="Toinen"), make_site())
    supervisor = make_user(roles.SUPERVISOR, organisation=unit)
    return locals()


def url(world: dict[str, Any]) -> str:
    return f"/oma/paikat/{world['site'].pk}/lasnaolo/viikko/"


def boxes(client: Any, world: dict[str, Any]) -> dict[str, Any]:
    monday = world["last_week"][0]
    soup = BeautifulSoup(
        client.get(url(world), {"vk": f"{monday:%G-W%V}"}).content, "html.parser"
    )
    return {i["value"].split("|")[1]: i for i in soup.select("input[name=mark]")}


def post(client: Any, world: dict[str, Any], *days: dt.date, pid: Any = None) -> Any:
    pid = pid or world["placement"].pk
    monday = world["last_week"][0]
    return client.post(
        url(world),
        {"vk": f"{monday:%G-W%V}", "mark": [f"{pid}|{d.isoformat()}" for d in days]},
    )


def test_the_agreed_weekdays_are_ticked_until_the_week_is_confirmed(client, week_world):
    assert client.login(username=week_world["supervisor"].username, password=PASSWORD)
    monday, _tue, wednesday, *_rest, sunday = week_world["last_week"]
    shown = boxes(client, week_world)
    # every day of last week can be marked; Monday and Wednesday are proposed
    assert len(shown) == 7
    ticked = {day for day, box in shown.items() if box.has_attr("checked")}
    assert ticked == {monday.isoformat(), wednesday.isoformat()}
    # and Sunday is marked as a weekend for screen readers too
    sunday_label = BeautifulSoup(
        client.get(url(week_world), {"vk": f"{monday:%G-W%V}"}).content, "html.parser"
    ).find("label", attrs={"for": shown[sunday.isoformat()]["id"]})
    assert sunday_label.find_parent("li")["class"] == ["day", "weekend"]
    # when the supervisor confirms only Monday (Aino was away on Wednesday)
    response = post(client, week_world, monday)
    assert response.status_code == 302
    assert list(AttendanceDay.objects.values_list("date", flat=True)) == [monday]
    # then Wednesday is no longer ticked in advance: the week was confirmed
    shown = boxes(client, week_world)
    ticked = {day for day, box in shown.items() if box.has_attr("checked")}
    assert ticked == {monday.isoformat()}
    week_world["placement"].refresh_from_db()
    assert week_world["placement"].attendance_confirmed_through == sunday
    # and sending the same week again changes nothing
    post(client, week_world, monday)
    assert AttendanceDay.objects.count() == 1


def test_a_week_changes_only_its_own_days(client, week_world):
    assert client.login(username=week_world["supervisor"].username, password=PASSWORD)
    earlier = week_world["last_week"][0] - dt.timedelta(days=7)
    AttendanceDay.objects.create(placement=week_world["placement"], date=earlier)
    post(client, week_world)  # nothing ticked this week
    assert list(AttendanceDay.objects.values_list("date", flat=True)) == [earlier]


@pytest.mark.parametrize("which", ["future", "other_site"])
def test_a_day_that_cannot_be_marked_refuses_the_whole_week(client, week_world, which):
    assert client.login(username=week_world["supervisor"].username, password=PASSWORD)
    monday = week_world["last_week"][0]
    if which == "future":
        week_world["last_week"] = week_of(timezone.localdate() + dt.timedelta(days=7))
        response = post(client, week_world, week_world["last_week"][0])
    else:
        response = client.post(
            url(week_world),
            {
                "vk": f"{monday:%G-W%V}",
                "mark": [
                    f"{week_world['placement'].pk}|{monday.isoformat()}",
                    f"{week_world['other'].pk}|{monday.isoformat()}",
                ],
            },
        )
    assert response.status_code == 302
    assert not AttendanceDay.objects.exists()
    week_world["placement"].refresh_from_db()
    assert week_world["placement"].attendance_confirmed_through is None


def test_only_the_sites_supervisors_open_the_week(client, week_world):
    stranger = make_user(roles.SUPERVISOR, organisation=OrganisationFactory())
    assert client.login(username=stranger.username, password=PASSWORD)
    assert client.get(url(week_world)).status_code == 403
    assert post(client, week_world, week_world["last_week"][0]).status_code == 403
    assert not AttendanceDay.objects.exists()


def test_the_week_in_the_address_is_an_iso_week():
    today = dt.date(2026, 12, 5)
    assert week_param("2026-W01", today) == dt.date(2025, 12, 29)
    assert week_param("2026-W49", today) == dt.date(2026, 11, 30)
    assert week_param("kissa", today) == dt.date(2026, 11, 30)
    assert week_param(None, today) == dt.date(2026, 11, 30)
