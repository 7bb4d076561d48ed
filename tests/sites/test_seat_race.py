"""Two instructors agree the last seat at the same moment: exactly one succeeds."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from marketplace.access import roles
from marketplace.clients.services import placements as svc
from marketplace.models import Placement, SiteCapacity
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL (CI runs on PostgreSQL)",
)


@pytest.mark.django_db(transaction=True)
def test_the_last_seat_goes_to_exactly_one_of_two_concurrent_agreements(
    flushed_polku, clock
):
    clock.set(dt.date(2026, 1, 5))
    org = OrganisationFactory()
    site = make_site(organisation=org, seats=(4, 1))
    visits = []
    for n in range(2):
        instructor = make_user(roles.INSTRUCTOR, organisation=org)
        client = make_client(instructor=instructor, name=f"Asiakas {n}")
        p = svc.placement_suggest(actor=instructor, client=client, site=site)
        visits.append(
            svc.placement_book_visit(
                actor=instructor,
                placement=p,
                visit_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
            )
        )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def agree(placement: Placement) -> None:
        try:
            barrier.wait()
            svc.placement_agree(
                actor=placement.client.instructor,
                placement=placement,
                start_date=dt.date(2026, 1, 12),
                days_per_week=3,
                hours_per_day=5,
                tasks="",
            )
            outcomes.append("agreed")
        except svc.PlacementRuleError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=agree, args=(v,)) for v in visits]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["agreed", "refused"]
    assert SiteCapacity.objects.get(site=site).seats_free == 0
    assert Placement.objects.filter(status=Placement.Status.AGREED).count() == 1
