"""The supervisor's day at a site, and the weekdays agreed for each participant."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.forms.site_day import WeekdaysForm
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors.site_day import agreed_weekdays, site_day
from marketplace.clients.services.site_day import WeekdaysError, placement_weekdays_set
from marketplace.models import Placement, WorkSite
from marketplace.shared.http import AuthenticatedRequest


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.LIST, Purpose.ATTENDANCE)
def site_day_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Today and this week at the site: who is expected, who is starting, visits
    booked, seats held for a return, who holds each seat, and the links to act."""
    site = get_object_or_404(WorkSite.objects.select_related("municipality"), pk=pk)
    if not permissions.can_keep_attendance(request.user, site):
        raise PermissionDenied
    day = site_day(actor=request.user, site=site, today=timezone.localdate())
    reads_of(request).add_all(day.clients)
    return render(
        request,
        "marketplace/site_day/page.html",
        {
            "day": day,
            "site": site,
            "week_param": f"{day.today:%G-W%V}",
            "month_param": f"{day.today:%Y-%m}",
            "has_competence": site.learning_units.exists(),
        },
    )


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.VIEW, Purpose.ATTENDANCE)
def site_day_weekdays(
    request: AuthenticatedRequest, pk: int, placement_pk: Any
) -> HttpResponse:
    """The weekdays agreed for one participant (pre-filled when marking days)."""
    site = get_object_or_404(WorkSite, pk=pk)
    if not permissions.can_keep_attendance(request.user, site):
        raise PermissionDenied
    placement = get_object_or_404(
        Placement.objects.select_related("client").filter(
            site=site, status__in=(Placement.Status.AGREED, Placement.Status.ACTIVE)
        ),
        pk=placement_pk,
    )
    reads_of(request).add(placement.client)
    form = WeekdaysForm(
        request.POST or None,
        initial={"weekdays": [str(d) for d in agreed_weekdays(placement)]},
        days_per_week=placement.days_per_week,
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement_weekdays_set(
                actor=request.user,
                placement=placement,
                weekdays=form.cleaned_data["weekdays"],
            )
        except WeekdaysError as exc:
            form.add_error("weekdays", str(exc))
        else:
            messages.success(
                request,
                _("Weekdays saved for %(name)s.") % {"name": placement.client.name},
            )
            return redirect(reverse("site_day", args=[site.pk]) + "#participants")
    return render(
        request,
        "marketplace/site_day/weekdays.html",
        {"site": site, "placement": placement, "form": form},
    )
