"""A week's activity days at a site: each participant's seven days, the agreed
weekdays ticked in advance for the supervisor to confirm."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors.site_day import site_week
from marketplace.clients.services.site_day import WeekMarksError, attendance_week_save
from marketplace.models import WorkSite
from marketplace.shared.http import AuthenticatedRequest
from marketplace.sites.site_day import week_of


def week_param(value: str | None, today: dt.date) -> dt.date:
    """``2026-W49`` (an ISO week) → its Monday; anything else → this week's Monday."""
    try:
        return dt.datetime.strptime(f"{value}-1", "%G-W%V-%u").date()
    except (TypeError, ValueError):
        return week_of(today)[0]


def _marks(values: list[str]) -> set[tuple[str, dt.date]]:
    marks = set()
    for value in values:
        placement_id, _sep, iso = value.partition("|")
        try:
            marks.add((placement_id, dt.date.fromisoformat(iso)))
        except ValueError:
            continue
    return marks


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.LIST, Purpose.ATTENDANCE)
def site_attendance_week(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(WorkSite, pk=pk)
    if not permissions.can_keep_attendance(request.user, site):
        raise PermissionDenied
    today = timezone.localdate()
    monday = week_param(request.GET.get("vk") or request.POST.get("vk"), today)
    if request.method == "POST":
        try:
            count = attendance_week_save(
                actor=request.user,
                site=site,
                monday=monday,
                marks=_marks(request.POST.getlist("mark")),
                today=today,
            )
        except WeekMarksError:
            messages.error(
                request, _("Some days could not be marked; nothing was saved.")
            )
        else:
            messages.success(
                request, _("Saved: %(n)s activity days this week.") % {"n": count}
            )
        return redirect(f"{request.path}?vk={monday:%G-W%V}")
    rows = site_week(actor=request.user, site=site, monday=monday, today=today)
    reads_of(request).add_all(r.placement.client for r in rows)
    week = week_of(monday)
    return render(
        request,
        "marketplace/attendance/week.html",
        {
            "site": site,
            "week": week,
            "today": today,
            "rows": rows,
            "this": f"{monday:%G-W%V}",
            "prev": f"{monday - dt.timedelta(days=7):%G-W%V}",
            "next": f"{monday + dt.timedelta(days=7):%G-W%V}",
            "month": f"{monday:%Y-%m}",
            "proposed_any": any(r.proposed for r in rows),
        },
    )
