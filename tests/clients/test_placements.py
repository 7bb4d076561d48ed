"""The placement path: states, rules, seats, held return and the hold's expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from marketplace.access import roles
from marketplace.clients.services import placements as svc
from marketplace.clients.services.access_log import access_record
from marketplace.models import AccessLogEntry, Placement, PlacementEvent, SiteCapacity
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

S = Placement.Status
VISIT_DAY = dt.date(2026, 1, 5)
START = dt.date(2026, 1, 12)


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    """The rule messages are matched in English here; test_pages checks Finnish."""
    with translation.override("en"):
        yield


@pytest.fixture
def path(polku, clock):  # type: ignore[no-untyped-def]
    clock.set(VISIT_DAY)
    org = OrganisationFactory()
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    site = make_site(
        organisation=org, seats=(5, 1), days_min=1, days_max=4, hours_min=4, hours_max=6
    )
    client = make_client(instructor=instructor)
    return {
        "instructor": instructor,
        "site": site,
        "client": client,
        "org": org,
        "clock": clock,
    }


def agreed(path, **kw):  # type: ignore[no-untyped-def]
    p = svc.placement_suggest(
        actor=path["instructor"], client=path["client"], site=path["site"]
    )
    p = svc.placement_book_visit(
        actor=path["instructor"],
        placement=p,
        visit_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
    )
    return svc.placement_agree(
        actor=path["instructor"],
        placement=p,
        start_date=START,
        days_per_week=kw.get("days", 3),
        hours_per_day=kw.get("hours", 5),
        tasks="Puutyöt",
    )


def seats(site) -> int:  # type: ignore[no-untyped-def]
    return SiteCapacity.objects.get(site=site).seats_free


def active(path, on=START):  # type: ignore[no-untyped-def]
    """Agreed, and the client started on the agreed start (today is that day)."""
    placement = agreed(path)
    path["clock"].set(on)
    return svc.placement_activate(
        actor=path["instructor"], placement=placement, start_date=on
    )


def later(path, day):  # type: ignore[no-untyped-def]
    return path["clock"].set(day)


def test_agreeing_takes_a_seat_and_sets_a_three_month_first_period(path):
    placement = agreed(path)
    assert placement.status == S.AGREED
    assert placement.planned_end == dt.date(2026, 4, 12)
    assert seats(path["site"]) == 0
    steps = list(placement.events.values_list("to_status", flat=True))
    assert steps == [S.SUGGESTED, S.VISIT_BOOKED, S.AGREED]
    assert all(e.actor == path["instructor"] for e in placement.events.all())


def test_no_free_seat_refuses_the_agreement_and_changes_nothing(path):
    agreed(path)
    other = make_client(instructor=path["instructor"], name="Toinen")
    p = svc.placement_suggest(actor=path["instructor"], client=other, site=path["site"])
    p = svc.placement_book_visit(
        actor=path["instructor"],
        placement=p,
        visit_at=dt.datetime(2026, 1, 6, 10, tzinfo=dt.UTC),
    )
    with pytest.raises(svc.PlacementRuleError, match="no free seat"):
        svc.placement_agree(
            actor=path["instructor"],
            placement=p,
            start_date=START,
            days_per_week=3,
            hours_per_day=5,
            tasks="",
        )
    p.refresh_from_db()
    assert p.status == S.VISIT_BOOKED and not p.periods.exists()
    assert seats(path["site"]) == 0


@pytest.mark.parametrize(
    ("days", "hours", "message"),
    [
        (5, 5, "1–4 days"),
        (3, 3, "4–8 hours"),
        (3, 7, "4–6 hours a day"),  # the site's own range
    ],
)
def test_rehabilitative_limits_are_enforced(path, days, hours, message):
    with pytest.raises(svc.PlacementRuleError, match=message):
        agreed(path, days=days, hours=hours)
    assert seats(path["site"]) == 1


def test_never_at_a_company_for_rehabilitative_work_activity(path):
    company_site = make_site(
        organisation=OrganisationFactory(kind="company"),
        services=("disability",),
        seats=(3, 3),
    )
    p = svc.placement_suggest(
        actor=path["instructor"], client=path["client"], site=company_site
    )
    p = svc.placement_book_visit(
        actor=path["instructor"],
        placement=p,
        visit_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
    )
    with pytest.raises(svc.PlacementRuleError, match="company"):
        svc.placement_agree(
            actor=path["instructor"],
            placement=p,
            start_date=START,
            days_per_week=3,
            hours_per_day=5,
            tasks="",
        )


def test_ending_frees_the_seat_with_an_exit_reason(path):
    placement = active(path)
    later(path, dt.date(2026, 3, 1))
    placement = svc.placement_end(
        actor=path["instructor"],
        placement=placement,
        end_date=dt.date(2026, 3, 1),
        exit_reason="studies",
    )
    assert placement.status == S.ENDED
    assert seats(path["site"]) == 1
    assert placement.periods.get().exit_reason == "studies"


def test_held_return_keeps_the_seat_and_shows_both_periods(path):
    placement = active(path)
    later(path, dt.date(2026, 3, 1))
    placement = svc.placement_hold(
        actor=path["instructor"],
        placement=placement,
        end_date=dt.date(2026, 3, 1),
        exit_reason="work_trial",
        weeks=6,
    )
    assert placement.status == S.HELD and placement.held_until == dt.date(2026, 4, 12)
    assert seats(path["site"]) == 0  # still taken for the return
    later(path, dt.date(2026, 3, 20))
    placement = svc.placement_return(
        actor=path["instructor"], placement=placement, start_date=dt.date(2026, 3, 20)
    )
    assert placement.status == S.ACTIVE
    periods = list(placement.periods.values_list("start", "end", "exit_reason"))
    assert periods == [
        (START, dt.date(2026, 3, 1), "work_trial"),
        (dt.date(2026, 3, 20), None, ""),
    ]
    assert placement.planned_end == dt.date(2026, 6, 20)


def test_an_unused_hold_expires_and_frees_the_seat_once(path):
    placement = active(path)
    later(path, dt.date(2026, 3, 1))
    svc.placement_hold(
        actor=path["instructor"],
        placement=placement,
        end_date=dt.date(2026, 3, 1),
        exit_reason="pay_subsidy",
        weeks=2,
    )
    assert svc.placement_holds_expire(today=dt.date(2026, 3, 15)) == 0
    assert svc.placement_holds_expire(today=dt.date(2026, 3, 16)) == 1
    assert svc.placement_holds_expire(today=dt.date(2026, 3, 17)) == 0
    placement.refresh_from_db()
    assert placement.status == S.ENDED and seats(path["site"]) == 1


def test_a_seat_is_held_only_for_a_move_onwards(path):
    placement = active(path)
    later(path, dt.date(2026, 3, 1))
    with pytest.raises(svc.PlacementRuleError):
        svc.placement_hold(
            actor=path["instructor"],
            placement=placement,
            end_date=dt.date(2026, 3, 1),
            exit_reason="illness",
            weeks=4,
        )


def test_periods_are_at_most_24_months_in_total(path):
    placement = active(path)
    placement = svc.placement_extend(
        actor=path["instructor"], placement=placement, months=21
    )
    assert placement.planned_end == dt.date(2028, 1, 12)
    with pytest.raises(svc.PlacementRuleError, match="24 months"):
        svc.placement_extend(actor=path["instructor"], placement=placement, months=1)


def test_illegal_transition_is_refused_with_a_message(path):
    placement = svc.placement_suggest(
        actor=path["instructor"], client=path["client"], site=path["site"]
    )
    with pytest.raises(svc.PlacementRuleError, match="not possible now"):
        svc.placement_return(
            actor=path["instructor"], placement=placement, start_date=START
        )
    assert PlacementEvent.objects.filter(placement=placement).count() == 1


def test_review_is_due_two_weeks_before_the_period_ends(path):
    placement = active(path)
    assert not placement.review_due(dt.date(2026, 3, 28))
    assert placement.review_due(dt.date(2026, 3, 29))


def test_only_the_clients_own_worker_moves_the_placement(path):
    stranger = make_user(roles.INSTRUCTOR, organisation=path["org"])
    with pytest.raises(PermissionDenied):
        svc.placement_suggest(actor=stranger, client=path["client"], site=path["site"])


def test_access_log_is_append_only(path):
    access_record(actor=path["instructor"], client=path["client"], action="view")
    entry = AccessLogEntry.objects.get()
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
