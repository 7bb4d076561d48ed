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
from marketplace.clients.services.attendance import (
    AttendanceError,
    attendance_set_month,
    money_for_month,
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
    placements = read_month_for_site(actor=request.user, site=site, month=month)
    reads_of(request).add_all(p.client for p in placements)
    marked = {
        (str(p.pk), d)
        for p in placements
        for d in p.attendance.filter(date__range=(first, last)).values_list(
            "date", flat=True
        )
    }
    rows = [
        {
            "placement": p,
            "cells": [
                (d, f"{p.pk}|{d.isoformat()}", (str(p.pk), d) in marked) for d in days
            ],
        }
        for p in placements
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
        },
    )


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.EXPORT, Purpose.ATTENDANCE)
def site_attendance_csv(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(WorkSite, pk=pk)
    month = month_param(request.GET.get("kk"))
    placements = read_month_for_site(actor=request.user, site=site, month=month)
    reads_of(request).add_all(p.client for p in placements)
    rows = []
    for p in placements:
        money = money_for_month(p, month)
        rows.append(
            [
                p.client.name,
                len(money.days),
                " ".join(d.strftime("%d.%m.") for d in money.days),
                euros(money.rate_cents),
                euros(money.total_cents),
            ]
        )
    header = [_("Client"), _("Days"), _("Dates"), _("Per day (€)"), _("Total (€)")]
    return csv_response(f"lasnaolo-{site.slug}-{month:%Y-%m}.csv", [header, *rows])


@login_required
@shows_client_data(Subject.ATTENDANCE, Action.EXPORT, Purpose.OWN_WORKER)
def client_attendance_csv(request: HttpRequest, pk: Any) -> HttpResponse:
    client = get_object_or_404(selectors.clients_for(request.user), pk=pk)
    month = month_param(request.GET.get("kk"))
    reads_of(request).add(client)
    rows = []
    for p in client.placements.select_related("site", "client"):
        money = money_for_month(p, month)
        rows += [
            [d.isoformat(), p.site.title, euros(money.rate_cents)] for d in money.days
        ]
    header = [_("Date"), _("Site"), _("Money (€)")]
    return csv_response(f"lasnaolo-{month:%Y-%m}.csv", [header, *rows])
