"""Views: check permission, validate the form, call a service, redirect (PRG)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from marketplace.shared.http import AuthenticatedRequest
from marketplace.sites import selectors as sites_selectors


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    sites = (
        sites_selectors.sites_for_supervisor(user)
        if user.has_role("supervisor")
        else None
    )
    return render(request, "marketplace/dashboard.html", {"my_sites": sites})
