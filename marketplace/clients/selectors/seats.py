"""Who fills a site's seats: for its supervisor (and the site-day page).

``seat_overview`` answers, in one query for the placements: who holds a seat now
(agreed or active), who is away with the seat held for a return (and until when), who
has an introductory visit booked, and how many seats are free or taken by clients
placed outside Polku. A view that shows the names logs the read
(``marketplace.clients.reads``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from marketplace.access import permissions
from marketplace.models import Placement, SiteCapacity, User, WorkSite

S = Placement.Status


@dataclass(frozen=True)
class SeatHolder:
    placement: Placement
    status: str
    #: agreed start / the day the period started / the visit's day
    since: dt.date | None
    #: the period's planned end / the day the seat is held until
    until: dt.date | None

    @property
    def client_name(self) -> str:
        return self.placement.client.name


@dataclass(frozen=True)
class SeatOverview:
    site: WorkSite
    total: int
    free: int
    taken: int
    holders: list[SeatHolder] = field(default_factory=list)  # agreed and active
    held: list[SeatHolder] = field(default_factory=list)  # away, seat kept
    visits: list[SeatHolder] = field(default_factory=list)  # visit booked

    @property
    def outside_polku(self) -> int:
        """Seats taken by clients placed outside Polku."""
        return max(self.total - self.free - self.taken, 0)


def _holder(placement: Placement) -> SeatHolder:
    if placement.status == S.HELD:
        return SeatHolder(placement, S.HELD, placement.start_date, placement.held_until)
    if placement.status == S.VISIT_BOOKED:
        visit = (
            timezone.localtime(placement.visit_at).date()
            if placement.visit_at
            else None
        )
        return SeatHolder(placement, S.VISIT_BOOKED, visit, None)
    open_period = [p for p in placement.periods.all() if p.end is None]
    since = open_period[-1].start if open_period else placement.start_date
    return SeatHolder(placement, placement.status, since, placement.planned_end)


def seat_overview(*, actor: User, site: WorkSite) -> SeatOverview:
    """The site's seats and who fills them; for its supervisors and organisers."""
    if not (
        permissions.can_keep_attendance(actor, site)
        or permissions.can_update_seats(actor, site)
    ):
        raise PermissionDenied
    capacity = SiteCapacity.objects.filter(site=site).first()
    placements = list(
        Placement.objects.filter(
            site=site, status__in=(*Placement.HOLDS_SEAT, S.VISIT_BOOKED)
        )
        .select_related("client")
        .prefetch_related("periods")
        .order_by("client__name", "pk")
    )
    holders = [_holder(p) for p in placements]
    return SeatOverview(
        site=site,
        total=capacity.seats_total if capacity else 0,
        free=capacity.seats_free if capacity else 0,
        taken=capacity.seats_taken if capacity else 0,
        holders=[h for h in holders if h.status in (S.AGREED, S.ACTIVE)],
        held=sorted(
            (h for h in holders if h.status == S.HELD),
            key=lambda h: h.until or dt.date.max,
        ),
        visits=sorted(
            (h for h in holders if h.status == S.VISIT_BOOKED),
            key=lambda h: h.since or dt.date.max,
        ),
    )
