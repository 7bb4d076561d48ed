"""Marking realised activity days (the money they mean is read by
``marketplace.clients.selectors.attendance``).

Rules enforced here:
- only the site's own supervisors mark days (checked again here);
- a day can be marked only inside a period in which the client had started, and not
  after today (the same ``markable_days`` the figures use);
- sending the same month twice gives the same result: the month's marks become
  exactly the marks sent.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from marketplace.access import permissions
from marketplace.clients.selectors.attendance import (
    MonthFigures,
    markable_days,
    site_month,
    site_month_placements,
)
from marketplace.models import AttendanceDay, User, WorkSite
from marketplace.shared.months import month_bounds


class AttendanceError(ValueError):
    """A mark outside the month, the site or the days that can be marked."""


@transaction.atomic
def attendance_set_month(
    *,
    actor: User,
    site: WorkSite,
    month: dt.date,
    marks: set[tuple[str, dt.date]],
    today: dt.date | None = None,
) -> int:
    """Make the month's marks at the site exactly ``marks`` (placement id, date).

    Safe to send twice: the result depends only on the marks sent. Returns the number
    of realised days in the month after the change. A mark for a day that cannot be
    marked (in the future, outside a started period) refuses the whole month.
    """
    if not permissions.can_keep_attendance(actor, site):
        raise PermissionDenied
    today = today or timezone.localdate()
    first, last = month_bounds(month)
    placements = {
        str(p.pk): p
        for p in site_month_placements(site, month).select_for_update(of=("self",))
    }
    markable = {pid: markable_days(p, month, today) for pid, p in placements.items()}
    for placement_id, day in marks:
        if placement_id not in placements or day not in markable[placement_id]:
            raise AttendanceError("mark outside the month, the site or the period")
    existing = AttendanceDay.objects.filter(
        placement__in=placements.values(), date__range=(first, last)
    )
    have = {(str(a.placement_id), a.date) for a in existing}
    existing.filter(
        pk__in=[a.pk for a in existing if (str(a.placement_id), a.date) not in marks]
    ).delete()
    AttendanceDay.objects.bulk_create(
        [
            AttendanceDay(placement=placements[pid], date=day, recorded_by=actor)
            for pid, day in sorted(marks - have)
        ]
    )
    return len(marks)


def read_month_for_site(
    *, actor: User, site: WorkSite, month: dt.date, today: dt.date | None = None
) -> list[MonthFigures]:
    """The month's figures the supervisor keeps (the view that shows them logs the
    read: ``marketplace.clients.reads``)."""
    if not permissions.can_keep_attendance(actor, site):
        raise PermissionDenied
    return site_month(site, month, today=today)
