"""Writes to work-activity sites outside page revisions: seats."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from marketplace.access import permissions
from marketplace.models import SiteCapacity, User, WorkSite


class SeatsError(ValueError):
    """A seat count broke a rule (negative, or more free seats than seats)."""


@transaction.atomic
def site_seats_update(
    *, user: User, site: WorkSite, seats_total: int, seats_free: int
) -> SiteCapacity:
    """Set a site's seats. Only the site's supervisor (or its organiser) may do it.

    Seats are live data, not page content: the change is visible at once, without
    moderation, and is written to the audit log.
    """
    if not permissions.can_update_seats(user, site):
        raise PermissionDenied
    if seats_total < 0 or seats_free < 0 or seats_free > seats_total:
        raise SeatsError("free seats must be between 0 and the total")
    capacity, _ = SiteCapacity.objects.select_for_update().get_or_create(site=site)
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
