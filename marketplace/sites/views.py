"""Views: check permission, validate the form, call a service, redirect (PRG)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.models import WorkSite
from marketplace.sites import selectors as sites_selectors
from marketplace.sites.forms import SeatsForm
from marketplace.sites.services import SeatsError, site_seats_update
from marketplace.sites.site_day import SiteSummary, sites_today


@login_required
def my_sites(request: HttpRequest) -> HttpResponse:
    """The user's sites, each with its day in figures and the links to act."""
    user = request.user
    sites = list(sites_selectors.sites_for_supervisor(user))
    if not sites and not permissions.can_manage_organisations(user):
        raise PermissionDenied
    today = timezone.localdate()
    days = sites_today(sites, today)
    rows = [
        {
            "site": site,
            "day": days.get(site.pk, SiteSummary()),
            "keeps_attendance": permissions.can_keep_attendance(user, site),
            "can_update_seats": permissions.can_update_seats(user, site),
        }
        for site in sites
    ]
    return render(
        request,
        "marketplace/my_sites.html",
        {"rows": rows, "today": today, "week_param": f"{today:%G-W%V}"},
    )


@login_required
def seats_update(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(
        WorkSite.objects.select_related("capacity", "municipality"), pk=pk
    )
    if not permissions.can_update_seats(request.user, site):
        raise PermissionDenied
    capacity = getattr(site, "capacity", None)
    counts = (
        (capacity.seats_total, capacity.seats_free, capacity.seats_taken)
        if capacity
        else (0, 0, 0)
    )
    initial = {
        "seats_total": counts[0],
        "seats_free": counts[1],
        "seen": "/".join(str(n) for n in counts),
    }
    form = SeatsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            site_seats_update(
                user=request.user,
                site=site,
                seats_total=form.cleaned_data["seats_total"],
                seats_free=form.cleaned_data["seats_free"],
                seen=form.seen_counts(),
            )
        except SeatsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Seats updated for %(site)s.") % {"site": site.title}
            )
            return redirect("my_sites")
    return render(
        request,
        "marketplace/seats_form.html",
        {
            "site": site,
            "form": form,
            "seats_taken": counts[2],
            "can_see_site_day": permissions.can_keep_attendance(request.user, site),
        },
    )
