"""Writes to work-activity sites outside page revisions: seats.

Rules enforced here:
- free seats never fall below zero, and the total never below the seats taken by
  placements in Polku plus the free ones (also database constraints on
  ``SiteCapacity``);
- a placement takes a seat only while one is free: one conditional UPDATE, so the
  last seat goes to exactly one of two instructors agreeing at the same moment;
- a supervisor's seat form saved over a change made meanwhile (someone took or gave
  back a seat) is refused instead of undoing that change.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import Now
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from marketplace.access import permissions
from marketplace.models import Placement, SiteCapacity, User, WorkSite


class SeatsError(ValueError):
    """A seat count broke a rule; the message is for the user."""


def seat_take(site: WorkSite) -> bool:
    """Move one free seat of the site to the placements' taken seats; ``False`` when
    none is free. Call inside the placement's transaction."""
    return bool(
        SiteCapacity.objects.filter(site=site, seats_free__gt=0).update(
            seats_free=F("seats_free") - 1,
            seats_taken=F("seats_taken") + 1,
            updated_at=Now(),
        )
    )


def seat_release(site: WorkSite) -> None:
    """Give a placement's seat back: taken − 1, free + 1 (the total is unchanged)."""
    SiteCapacity.objects.filter(site=site, seats_taken__gt=0).update(
        seats_free=F("seats_free") + 1,
        seats_taken=F("seats_taken") - 1,
        updated_at=Now(),
    )


@transaction.atomic
def site_seats_update(
    *,
    user: User,
    site: WorkSite,
    seats_total: int,
    seats_free: int,
    seen: tuple[int, int, int] | None = None,
) -> SiteCapacity:
    """Set a site's seats. Only the site's supervisor (or its organiser) may do it.

    Seats are live data, not page content: the change is visible at once, without
    moderation, and is written to the audit log. ``seen`` is (total, free, taken) as
    the form showed them: if the seats changed since, nothing is saved.
    """
    if not permissions.can_update_seats(user, site):
        raise PermissionDenied
    capacity, _created = SiteCapacity.objects.select_for_update().get_or_create(
        site=site
    )
    now = (capacity.seats_total, capacity.seats_free, capacity.seats_taken)
    if seen is not None and tuple(seen) != now:
        raise SeatsError(
            _(
                "The seats changed while you were editing: now %(total)s in total, "
                "%(free)s free and %(taken)s taken by placements. Check the numbers "
                "and save again."
            )
            % {"total": now[0], "free": now[1], "taken": now[2]}
        )
    check_seats(seats_total, seats_free, capacity.seats_taken)
    capacity.seats_total = seats_total
    capacity.seats_free = seats_free
    capacity.save()
    log(
        instance=site,
        action="polku.seats_update",
        user=user,
        data={"seats_total": seats_total, "seats_free": seats_free},
    )
    return capacity


def check_seats(total: int, free: int, taken: int) -> None:
    """The rule of a seat count, with a message that names the taken seats."""
    if total < 0 or free < 0:
        raise SeatsError(_("Seat numbers cannot be negative."))
    if free + taken > total:
        raise SeatsError(
            _(
                "%(taken)s seats are taken by clients placed through Polku. With "
                "%(free)s free seats the total must be at least %(need)s."
            )
            % {"taken": taken, "free": free, "need": free + taken}
        )


def seats_import(*, site: WorkSite, seats_total: int, seats_free: int) -> bool:
    """A data set's seat counts for a site. Seats are live data: the counts are
    applied only when they differ from what the last import brought (the source
    changed), so an unchanged data set keeps what supervisors and placements did;
    the free seats are kept within the total less the seats placements take.
    Returns True when anything was written."""
    imported = f"{seats_total}/{seats_free}"
    capacity = SiteCapacity.objects.select_for_update().filter(site=site).first()
    if capacity is None:
        SiteCapacity.objects.create(
            site=site,
            seats_total=seats_total,
            seats_free=seats_free,
            imported_seats=imported,
        )
        return True
    if capacity.imported_seats == imported:
        return False
    total = max(seats_total, capacity.seats_taken)
    free = min(seats_free, total - capacity.seats_taken)
    SiteCapacity.objects.filter(pk=capacity.pk).update(
        seats_total=total, seats_free=free, imported_seats=imported, updated_at=Now()
    )
    return True


def seats_recount(*, sites: Iterable[int] | None = None) -> int:
    """Set ``seats_taken`` from the placements that hold a seat (after an import),
    lowering the free seats (or, if the placements alone exceed it, raising the
    total) so that the counts fit. Returns the number of sites changed."""
    # the rows are locked first and counted apart: PostgreSQL refuses FOR UPDATE
    # with GROUP BY
    capacities = SiteCapacity.objects.select_for_update().order_by("pk")
    holders = Placement.objects.filter(status__in=Placement.HOLDS_SEAT)
    if sites is not None:
        site_ids = list(sites)
        capacities = capacities.filter(site_id__in=site_ids)
        holders = holders.filter(site_id__in=site_ids)
    locked = list(capacities)
    counts = dict(
        holders.order_by()
        .values("site_id")
        .annotate(n=Count("pk"))
        .values_list("site_id", "n")
    )
    changed = 0
    for capacity in locked:
        taken = counts.get(capacity.site_id, 0)
        total = max(capacity.seats_total, taken)
        free = min(capacity.seats_free, total - taken)
        if (capacity.seats_taken, capacity.seats_total, capacity.seats_free) != (
            taken,
            total,
            free,
        ):
            SiteCapacity.objects.filter(pk=capacity.pk).update(
                seats_taken=taken, seats_total=total, seats_free=free, updated_at=Now()
            )
            changed += 1
    return changed
