"""The supervisor's records of a site's week: the agreed weekdays of a placement.

Rules enforced here:
- the weekdays are kept by the site's own supervisors and the client's own worker
  (checked again here);
- they are ISO weekday numbers 1–7, each once; when the agreement says how many days a
  week, the weekdays are that many (a rehabilitative placement is 1–4 days a week);
- only an agreed or active placement has weekdays to keep (an event of a held seat
  would count as another hold in the outcomes);
- every change is written as a placement event (who, when, which days).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.models import Placement, PlacementEvent, User


class WeekdaysError(ValueError):
    """Weekdays that do not fit the agreement."""


@transaction.atomic
def placement_weekdays_set(
    *, actor: User, placement: Placement, weekdays: Iterable[int]
) -> Placement:
    """Record the weekdays agreed for the placement (what the attendance pages
    pre-fill for the supervisor to confirm)."""
    placement = (
        Placement.objects.select_for_update()
        .select_related("site", "client")
        .get(pk=placement.pk)
    )
    if not (
        permissions.can_keep_attendance(actor, placement.site)
        or permissions.can_manage_client(actor, placement.client)
    ):
        raise PermissionDenied
    if placement.status not in (Placement.Status.AGREED, Placement.Status.ACTIVE):
        raise WeekdaysError(_("Weekdays are kept for agreed and active placements."))
    days = sorted(set(weekdays))
    if any(not isinstance(d, int) or not 1 <= d <= 7 for d in days):
        raise WeekdaysError(_("Choose weekdays from Monday to Sunday."))
    agreed = placement.days_per_week
    if days and agreed and len(days) != agreed:
        raise WeekdaysError(
            _("The agreement is %(n)s days a week: choose %(n)s weekdays.")
            % {"n": agreed}
        )
    if days == placement.weekdays:
        return placement
    placement.weekdays = days
    placement.save(update_fields=["weekdays"])
    PlacementEvent.objects.create(
        placement=placement,
        from_status=placement.status,
        to_status=placement.status,
        actor=actor,
        detail={"weekdays": days},
    )
    return placement
