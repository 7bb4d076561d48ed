"""Parallel requests on the placement path: nothing is lost and nothing is doubled.

Run on PostgreSQL (CI; ``DATABASE_URL`` locally), whose row locks the services take
(``select_for_update``); SQLite runs them one at a time in the test database, so the
threads below would only wait for each other there.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from marketplace.access import roles
from marketplace.clients.services import placements as svc
from marketplace.models import Placement, PlacementEvent, SiteCapacity
from marketplace.shared.months import add_months
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent transactions need PostgreSQL (CI runs on PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True),
]

TODAY = dt.date(2026, 12, 7)


def in_parallel(calls: list[Callable[[], Any]]) -> list[str]:
    """Run the calls at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("done")
        except svc.PlacementRuleError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


@pytest.fixture
def w(flushed_polku, clock):  # type: ignore[no-untyped-def]
    clock.set(TODAY)
    org = OrganisationFactory()
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    sites = [
        make_site(organisation=org, title=f"Paja {n}", seats=(4, 2)) for n in (1, 2)
    ]
    client = make_client(instructor=instructor)
    return {"i": instructor, "sites": sites, "client": client}


def visit(w, site: int = 0) -> Placement:  # type: ignore[no-untyped-def]
    p = svc.placement_suggest(actor=w["i"], client=w["client"], site=w["sites"][site])
    return svc.placement_book_visit(
        actor=w["i"],
        placement=p,
        visit_at=dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC),
    )


def agree(w, p: Placement, days: int = 3) -> Placement:  # type: ignore[no-untyped-def]
    return svc.placement_agree(
        actor=w["i"],
        placement=p,
        start_date=TODAY,
        days_per_week=days,
        hours_per_day=5,
        tasks="",
    )


def test_four_parallel_extensions_of_the_same_form_extend_once(w):
    p = svc.placement_activate(
        actor=w["i"], placement=agree(w, visit(w)), start_date=TODAY
    )
    seen = p.planned_end
    outcomes = in_parallel(
        [
            lambda: svc.placement_extend(
                actor=w["i"], placement=p, months=1, current_end=seen
            )
        ]
        * 4
    )
    p.refresh_from_db()
    assert outcomes == ["done", "refused", "refused", "refused"]
    assert p.planned_end == add_months(seen, 1)
    assert p.events.filter(detail__has_key="extended_to").count() == 1


def test_four_parallel_extensions_without_a_seen_end_lose_none(w):
    p = svc.placement_activate(
        actor=w["i"], placement=agree(w, visit(w)), start_date=TODAY
    )
    seen = p.planned_end
    outcomes = in_parallel(
        [lambda: svc.placement_extend(actor=w["i"], placement=p, months=1)] * 4
    )
    p.refresh_from_db()
    assert outcomes == ["done"] * 4
    assert p.planned_end == add_months(seen, 4)


def test_an_agreement_sent_twice_at_once_takes_one_seat(w):
    p = visit(w)
    outcomes = in_parallel([lambda: agree(w, p)] * 2)
    assert outcomes == ["done", "refused"]
    capacity = SiteCapacity.objects.get(site=w["sites"][0])
    assert (capacity.seats_free, capacity.seats_taken) == (1, 1)
    assert PlacementEvent.objects.filter(placement=p, to_status="agreed").count() == 1


def test_two_places_agreed_at_once_stay_within_the_clients_week(w):
    first, second = visit(w, 0), visit(w, 1)
    outcomes = in_parallel([lambda: agree(w, first), lambda: agree(w, second)])
    assert outcomes == ["done", "refused"]
    agreed = Placement.objects.filter(client=w["client"], status="agreed")
    assert sum(p.days_per_week for p in agreed) == 3


def test_a_visit_sent_twice_at_once_writes_one_history_line(w):
    p = svc.placement_suggest(actor=w["i"], client=w["client"], site=w["sites"][0])
    at = dt.datetime(2026, 12, 8, 9, tzinfo=dt.UTC)
    outcomes = in_parallel(
        [lambda: svc.placement_book_visit(actor=w["i"], placement=p, visit_at=at)] * 3
    )
    assert outcomes == ["done", "refused", "refused"]
    assert p.events.filter(to_status="visit_booked").count() == 1
