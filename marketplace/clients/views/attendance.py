"""Attendance: the supervisor marks realised days; instructors and clients see the money."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors import caseload as selectors
from marketplace.clients.selectors.attendance import client_month, total_cents
from marketplace.clients.services.attendance import (
    AttendanceError,
    attendance_set_month,
    read_month_for_site,
)
from marketplace.models import WorkSite
from marketplace.shared.csv import csv_response
from marketplace.shared.dates import DateInputError, month_param, parse_date
from marketplace.shared.formatting import euros
from marketplace.shared.months import month_bounds, month_nav


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.LIST, Purpose.ATTENDANCE)
def site_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(WorkSite, pk=pk)
    if not permissions.can_keep_attendance(request.user, site):
        raise PermissionDenied
    month = month_param(request.GET.get("kk") or request.POST.get("kk"))
    first, last = month_bounds(month)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    if request.method == "POST":
        try:
            marks = {
                (pid, parse_date(iso))
                for pid, _sep, iso in (
                    key.partition("|") for key in request.POST.getlist("mark")
                )
            }
            count = attendance_set_month(
                actor=request.user, site=site, month=month, marks=marks
            )
        except (AttendanceError, DateInputError):
            messages.error(
                request,
                _("Some marks were not for this site or month; nothing was saved."),
            )
        else:
            messages.success(request, _("Saved %(n)s activity days.") % {"n": count})
        return redirect(f"{request.path}?kk={month:%Y-%m}")
    figures = read_month_for_site(actor=request.user, site=site, month=month)
    reads_of(request).add_all(f.placement.client for f in figures)
    rows = [
        {
            "figures": f,
            "placement": f.placement,
            "cells": [
                (d, f"{f.placement.pk}|{d.isoformat()}", d in f.days, d in f.markable)
                for d in days
            ],
        }
        for f in figures
    ]
    return render(
        request,
        "marketplace/attendance/site.html",
        {
            "site": site,
            "month": month,
            "days": days,
            "rows": rows,
            "nav": month_nav(month),
            "total_days": sum(len(f.days) for f in figures),
            "total_cents": total_cents(figures),
        },
    )


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.EXPORT, Purpose.ATTENDANCE)
def site_attendance_csv(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(WorkSite, pk=pk)
    month = month_param(request.GET.get("kk"))
    figures = read_month_for_site(actor=request.user, site=site, month=month)
    reads_of(request).add_all(f.placement.client for f in figures)
    rows = [
        [
            f.placement.client.name,
            len(f.days),
            " ".join(d.strftime("%d.%m.") for d in f.days),
            euros(f.rate_cents),
            euros(f.total_cents),
        ]
        for f in figures
    ]
    header = [_("Client"), _("Days"), _("Dates"), _("Per day (€)"), _("Total (€)")]
    return csv_response(f"lasnaolo-{site.slug}-{month:%Y-%m}.csv", [header, *rows])


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.EXPORT, Purpose.OWN_WORKER)
def client_attendance_csv(request: HttpRequest, pk: Any) -> HttpResponse:
    client = get_object_or_404(selectors.clients_for(request.user), pk=pk)
    month = month_param(request.GET.get("kk"))
    reads_of(request).add(client)
    rows = [
        [d.isoformat(), f.placement.site.title, euros(f.rate_cents)]
        for f in client_month(client, month)
        for d in f.days
    ]
    header = [_("Date"), _("Site"), _("Money (€)")]
    return csv_response(f"lasnaolo-{month:%Y-%m}.csv", [header, *rows])
