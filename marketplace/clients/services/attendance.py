"""Marking realised activity days and what they mean in money."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet

from marketplace.access import permissions
from marketplace.models import AccessLogEntry, AttendanceDay, Placement, User, WorkSite
from marketplace.models.attendance import EXPENSE_COMPENSATION_CENTS
from marketplace.shared.months import month_bounds


class AttendanceError(ValueError):
    """A mark outside the month or for a placement not at the site."""


def placements_for_month(site: WorkSite, month: dt.date) -> QuerySet[Placement]:
    """Placements at the site whose agreed periods overlap the month."""
    first, last = month_bounds(month)
    return (
        Placement.objects.filter(site=site, periods__start__lte=last)
        .filter(Q(periods__end__isnull=True) | Q(periods__end__gte=first))
        .select_related("client")
        .distinct()
        .order_by("client__name")
    )


@transaction.atomic
def attendance_set_month(
    *, actor: User, site: WorkSite, month: dt.date, marks: set[tuple[str, dt.date]]
) -> int:
    """Make the month's marks at the site exactly ``marks`` (placement id, date).

    Safe to send twice: the result depends only on the marks sent. Returns the number
    of realised days in the month after the change.
    """
    if not permissions.can_keep_attendance(actor, site):
        raise PermissionDenied
    first, last = month_bounds(month)
    placements = {str(p.pk): p for p in placements_for_month(site, month)}
    for placement_id, day in marks:
        if placement_id not in placements or not first <= day <= last:
            raise AttendanceError("mark outside the month or the site")
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
    *, actor: User, site: WorkSite, month: dt.date
) -> list[Placement]:
    """The placements a supervisor keeps attendance for (the view that shows them
    logs the read: ``marketplace.clients.reads``)."""
    if not permissions.can_keep_attendance(actor, site):
        raise PermissionDenied
    return list(placements_for_month(site, month))


@dataclass
class MonthMoney:
    placement: Placement
    days: list[dt.date]
    rate_cents: int
    kind: str  # "expense_compensation" or "work_share"

    @property
    def total_cents(self) -> int:
        return len(self.days) * self.rate_cents


def money_for_month(placement: Placement, month: dt.date) -> MonthMoney:
    """Realised days of the month and the money they mean for the client."""
    first, last = month_bounds(month)
    days = list(
        placement.attendance.filter(date__range=(first, last)).values_list(
            "date", flat=True
        )
    )
    if placement.client.service == "rehabilitative":
        return MonthMoney(
            placement, days, EXPENSE_COMPENSATION_CENTS, "expense_compensation"
        )
    return MonthMoney(
        placement, days, placement.site.work_share_cents_per_day or 0, "work_share"
    )


__all__ = ["AccessLogEntry", "AttendanceError", "MonthMoney"]
