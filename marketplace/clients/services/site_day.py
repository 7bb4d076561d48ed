"""The supervisor's records of a site's week: the agreed weekdays of a placement,
and a week's activity days.

Rules enforced here (weekdays):
- the weekdays are kept by the site's own supervisors and the client's own worker
  (checked again here);
- they are ISO weekday numbers 1–7, each once; when the agreement says how many days a
  week, the weekdays are that many (a rehabilitative placement is 1–4 days a week);
- only an agreed or active placement has weekdays to keep (an event of a held seat
  would count as another hold in the outcomes);
- every change is written as a placement event (who, when, which days).

(a week's days): only the site's own supervisors mark them; a day can be marked only
inside a started period and not after today; the week's marks become exactly the
marks sent; saving confirms the week up to today, so its agreed weekdays are no
longer ticked in advance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.selectors.site_day import week_rows
from marketplace.models import AttendanceDay, Placement, PlacementEvent, User, WorkSite


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


class WeekMarksError(ValueError):
    """A mark outside the week, the site's placements or the days that can be marked."""


@transaction.atomic
def attendance_week_save(
    *,
    actor: User,
    site: WorkSite,
    monday: dt.date,
    marks: set[tuple[str, dt.date]],
    today: dt.date,
) -> int:
    """Make the week's marks of the site's placements exactly ``marks`` (placement
    id, day), and record that the supervisor has confirmed the week up to today (its
    agreed weekdays are no longer ticked in advance). Safe to send twice. A mark
    that cannot be made (a future day, outside a started period, another site)
    refuses the whole week. Returns the number of days marked in the week."""
    if not permissions.can_keep_attendance(actor, site):
        raise PermissionDenied
    # the site's placements are locked for the week's marks (a second save waits)
    list(Placement.objects.select_for_update().filter(site=site).values_list("pk"))
    rows = {str(r.placement.pk): r for r in week_rows(site, monday, today)}
    for placement_id, day in marks:
        row = rows.get(placement_id)
        if row is None or day not in row.markable:
            raise WeekMarksError("mark outside the week, the site or the period")
    week_end = monday + dt.timedelta(days=6)
    existing = AttendanceDay.objects.filter(
        placement_id__in=[r.placement.pk for r in rows.values()],
        date__range=(monday, week_end),
    )
    have = {(str(a.placement_id), a.date): a.pk for a in existing}
    AttendanceDay.objects.filter(
        pk__in=[pk for key, pk in have.items() if key not in marks]
    ).delete()
    AttendanceDay.objects.bulk_create(
        [
            AttendanceDay(placement=rows[pid].placement, date=day, recorded_by=actor)
            for pid, day in sorted(marks - set(have))
        ]
    )
    confirmed = min(week_end, today)
    Placement.objects.filter(pk__in=[r.placement.pk for r in rows.values()]).filter(
        Q(attendance_confirmed_through__isnull=True)
        | Q(attendance_confirmed_through__lt=confirmed)
    ).update(attendance_confirmed_through=confirmed)
    return len(marks)
