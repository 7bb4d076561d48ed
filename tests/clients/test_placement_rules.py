"""The placement path's dates, repeated submits and days a week (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from marketplace.access import roles
from marketplace.clients.services import placements as svc
from marketplace.models import Placement, PlacementEvent, SiteCapacity
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

S = Placement.Status
TODAY = dt.date(2026, 12, 5)


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def w(polku, clock):  # type: ignore[no-untyped-def]
    clock.set(TODAY)
    org = OrganisationFactory()
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    sites = [
        make_site(organisation=org, title=f"Paja {n}", seats=(5, 2)) for n in (1, 2)
    ]
    client = make_client(instructor=instructor, name="Aino")
    return {"i": instructor, "sites": sites, "client": client, "clock": clock}


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def visit(w, site=0, day=TODAY):  # type: ignore[no-untyped-def]
    p = svc.placement_suggest(actor=w["i"], client=w["client"], site=w["sites"][site])
    return svc.placement_book_visit(actor=w["i"], placement=p, visit_at=at(day))


def agree(w, p, start=TODAY, days=3):  # type: ignore[no-untyped-def]
    return svc.placement_agree(
        actor=w["i"],
        placement=p,
        start_date=start,
        days_per_week=days,
        hours_per_day=5,
        tasks="",
    )


def started(w, site=0, days=3):  # type: ignore[no-untyped-def]
    p = agree(w, visit(w, site), days=days)
    return svc.placement_activate(actor=w["i"], placement=p, start_date=TODAY)


def history(p: Placement) -> list[str]:
    return list(
        PlacementEvent.objects.filter(placement=p).values_list("to_status", flat=True)
    )


@pytest.mark.parametrize(
    "day",
    [dt.date(2020, 1, 1), TODAY - dt.timedelta(days=1), dt.date(2099, 12, 31)],
)
def test_a_visit_is_booked_from_today_to_the_horizon(w, day):
    p = svc.placement_suggest(actor=w["i"], client=w["client"], site=w["sites"][0])
    with pytest.raises(svc.PlacementRuleError, match="Book the visit"):
        svc.placement_book_visit(actor=w["i"], placement=p, visit_at=at(day))
    assert history(p) == [S.SUGGESTED]


def test_a_resubmitted_visit_adds_no_history_line(w):
    p = visit(w)
    with pytest.raises(svc.PlacementRuleError, match="already booked"):
        svc.placement_book_visit(actor=w["i"], placement=p, visit_at=at(TODAY))
    moved = svc.placement_book_visit(
        actor=w["i"], placement=p, visit_at=at(TODAY, hour=13)
    )
    assert history(moved) == [S.SUGGESTED, S.VISIT_BOOKED, S.VISIT_BOOKED]


@pytest.mark.parametrize(
    ("start", "ok"),
    [
        (dt.date(2020, 1, 1), False),
        (TODAY - dt.timedelta(days=15), False),
        (TODAY - dt.timedelta(days=14), True),
        (TODAY + dt.timedelta(days=183), True),
        (TODAY + dt.timedelta(days=184), False),
    ],
)
def test_an_agreement_starts_at_most_two_weeks_in_the_past(w, start, ok):
    p = visit(w)
    if ok:
        assert agree(w, p, start=start).status == S.AGREED
    else:
        with pytest.raises(svc.PlacementRuleError, match="agreement can start"):
            agree(w, p, start=start)
        assert SiteCapacity.objects.get(site=w["sites"][0]).seats_free == 2


def test_the_client_starts_on_or_after_the_agreed_start_never_in_the_future(w):
    p = agree(w, visit(w), start=TODAY - dt.timedelta(days=3))
    for day, message in (
        (TODAY - dt.timedelta(days=4), "before the agreed start"),
        (TODAY + dt.timedelta(days=1), "future"),
    ):
        with pytest.raises(svc.PlacementRuleError, match=message):
            svc.placement_activate(actor=w["i"], placement=p, start_date=day)
    p = svc.placement_activate(actor=w["i"], placement=p, start_date=TODAY)
    assert p.periods.get().start == TODAY
    assert p.planned_end == dt.date(2027, 3, 5)


def test_the_same_step_twice_is_refused_not_applied_twice(w):
    p = agree(w, visit(w))
    with pytest.raises(svc.PlacementRuleError, match="Already saved"):
        agree(w, p)
    assert SiteCapacity.objects.get(site=w["sites"][0]).seats_free == 1
    p = svc.placement_activate(actor=w["i"], placement=p, start_date=TODAY)
    with pytest.raises(svc.PlacementRuleError, match="Already saved"):
        svc.placement_activate(actor=w["i"], placement=p, start_date=TODAY)
    assert history(p) == [S.SUGGESTED, S.VISIT_BOOKED, S.AGREED, S.ACTIVE]


def test_extend_sent_twice_extends_once(w):
    p = started(w)
    seen = p.planned_end
    p = svc.placement_extend(actor=w["i"], placement=p, months=3, current_end=seen)
    with pytest.raises(svc.PlacementRuleError, match="already been extended"):
        svc.placement_extend(actor=w["i"], placement=p, months=3, current_end=seen)
    p.refresh_from_db()
    assert p.planned_end == dt.date(2027, 6, 5)


def test_a_held_seat_ends_inside_the_period_and_not_in_the_future(w, clock):
    p = started(w)
    with pytest.raises(svc.PlacementRuleError, match="future"):
        svc.placement_hold(
            actor=w["i"],
            placement=p,
            end_date=TODAY + dt.timedelta(days=7),
            exit_reason="work_trial",
            weeks=4,
        )
    with pytest.raises(svc.PlacementRuleError, match="inside the period"):
        svc.placement_hold(
            actor=w["i"],
            placement=p,
            end_date=TODAY - dt.timedelta(days=1),
            exit_reason="work_trial",
            weeks=4,
        )
    clock.set(TODAY + dt.timedelta(days=10))
    p = svc.placement_hold(
        actor=w["i"],
        placement=p,
        end_date=TODAY + dt.timedelta(days=10),
        exit_reason="work_trial",
        weeks=2,
    )
    assert p.held_until == TODAY + dt.timedelta(days=24)
    for day in (TODAY + dt.timedelta(days=10), TODAY + dt.timedelta(days=25)):
        clock.set(day)
        with pytest.raises(svc.PlacementRuleError, match="can return after"):
            svc.placement_return(actor=w["i"], placement=p, start_date=day)
    clock.set(TODAY + dt.timedelta(days=20))
    with pytest.raises(svc.PlacementRuleError, match="future"):
        svc.placement_return(
            actor=w["i"], placement=p, start_date=TODAY + dt.timedelta(days=21)
        )
    p = svc.placement_return(
        actor=w["i"], placement=p, start_date=TODAY + dt.timedelta(days=20)
    )
    assert p.status == S.ACTIVE


def test_a_second_placement_asks_to_end_or_shorten_the_first(w):
    first = started(w, site=0, days=3)
    second = visit(w, site=1)
    with pytest.raises(svc.PlacementRuleError, match="at most 4 days") as refused:
        agree(w, second, days=2)
    assert refused.value.conflicts == [first]
    assert SiteCapacity.objects.get(site=w["sites"][1]).seats_free == 2
    svc.placement_change_days(
        actor=w["i"], placement=first, days_per_week=2, hours_per_day=5
    )
    assert agree(w, second, days=2).status == S.AGREED


def test_the_agreement_page_links_to_the_first_placement(client, w):
    first = started(w, site=0, days=4)
    second = visit(w, site=1)
    assert client.login(username=w["i"].username, password=PASSWORD)
    response = client.post(
        f"/oma/sijoitukset/{second.pk}/agree/",
        {
            "start_date": "5.12.2026",
            "days_per_week": 1,
            "hours_per_day": 5,
            "tasks": "x",
        },
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"/oma/sijoitukset/{first.pk}/days/" in body
    assert f"/oma/sijoitukset/{first.pk}/end/" in body


def test_ending_is_dated_inside_the_period_and_not_in_the_future(w):
    p = started(w)
    with pytest.raises(svc.PlacementRuleError, match="future"):
        svc.placement_end(
            actor=w["i"],
            placement=p,
            end_date=TODAY + dt.timedelta(days=1),
            exit_reason="studies",
        )
    p = svc.placement_end(
        actor=w["i"], placement=p, end_date=TODAY, exit_reason="studies"
    )
    assert p.status == S.ENDED
    with pytest.raises(svc.PlacementRuleError, match="Already saved"):
        svc.placement_end(
            actor=w["i"], placement=p, end_date=TODAY, exit_reason="studies"
        )
    capacity = SiteCapacity.objects.get(site=w["sites"][0])
    assert (capacity.seats_free, capacity.seats_taken) == (2, 0)


def test_an_agreement_called_off_before_it_started_keeps_a_valid_period(w):
    p = agree(w, visit(w), start=TODAY + dt.timedelta(days=30))
    p = svc.placement_end(
        actor=w["i"], placement=p, end_date=TODAY, exit_reason="did_not_start"
    )
    period = p.periods.get()
    assert (period.start, period.end) == (TODAY, TODAY)
