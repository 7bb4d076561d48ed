"""``make run`` run again keeps what users did: seats, placements made and ended."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from marketplace.clients.services import placements as svc
from marketplace.models import Client, Placement, SiteCapacity, User, WorkSite
from marketplace.sites.services import site_seats_update


def seats(site: WorkSite) -> tuple[int, int, int]:
    c = SiteCapacity.objects.get(site=site)
    return c.seats_total, c.seats_free, c.seats_taken


def test_loading_the_demo_again_keeps_seats_and_placements(polku):
    # given the demo as `make run` loads it
    call_command("load_demo", "--force", stdout=io.StringIO())
    today = timezone.localdate()
    instructor = User.objects.get(username="sosiaaliohjaaja")
    supervisor = User.objects.get(username="tyonohjaaja")
    # when the supervisor changes a site's seats
    own_site = (
        WorkSite.objects.filter(organisation=supervisor.organisation)
        .order_by("pk")
        .first()
    )
    total, free, taken = seats(own_site)
    site_seats_update(
        user=supervisor, site=own_site, seats_total=total + 3, seats_free=free + 2
    )
    # and the instructor places a client at a site with a free seat
    client = Client.objects.filter(instructor=instructor).order_by("pk").first()
    site = (
        WorkSite.objects.filter(
            capacity__seats_free__gt=0, services__code=client.service
        )
        .exclude(placements__client=client)
        .exclude(organisation__kind="company")
        .filter(days_min__lte=1, hours_min__lte=client.hours_per_day)
        .order_by("pk")
        .first()
    )
    p = svc.placement_suggest(actor=instructor, client=client, site=site)
    p = svc.placement_book_visit(
        actor=instructor,
        placement=p,
        visit_at=dt.datetime.combine(today, dt.time(23, 0), tzinfo=dt.UTC),
    )
    for other in client.placements.filter(status=Placement.Status.ACTIVE):
        svc.placement_end(
            actor=instructor,
            placement=other,
            end_date=today,
            exit_reason="other",
        )
    p = svc.placement_agree(
        actor=instructor,
        placement=p,
        start_date=today,
        days_per_week=1,
        hours_per_day=max(site.hours_min, 4),
        tasks="",
    )
    before = {
        "own": seats(own_site),
        "site": seats(site),
        "statuses": dict(client.placements.values_list("pk", "status")),
    }
    # when `make run` loads the demo again
    call_command("load_demo", "--force", stdout=io.StringIO())
    # then nothing users did is undone
    assert seats(own_site) == before["own"] == (total + 3, free + 2, taken)
    assert seats(site) == before["site"]
    assert dict(client.placements.values_list("pk", "status")) == before["statuses"]
    # and every site's taken seats are its placements holding a seat
    wrong = SiteCapacity.objects.annotate(
        holding=Count(
            "site__placements",
            filter=Q(site__placements__status__in=Placement.HOLDS_SEAT),
        )
    ).exclude(seats_taken=F("holding"))
    assert not wrong.exists()
