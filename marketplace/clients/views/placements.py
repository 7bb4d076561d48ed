"""The instructor's placement steps: suggest a site, then one form per step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.access import permissions, roles
from marketplace.clients.forms.clients import (
    ActivateForm,
    AgreeForm,
    DaysForm,
    EndForm,
    ExtendForm,
    HoldForm,
    ReturnForm,
    SuggestForm,
    VisitForm,
)
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors import caseload as clients_caseload
from marketplace.clients.services import placement_rules as rules
from marketplace.clients.services import placements as psvc
from marketplace.models import Placement
from marketplace.shared.http import AuthenticatedRequest
from marketplace.sites import selectors as sites_selectors


def _instructor(request: AuthenticatedRequest) -> None:
    user = request.user
    if not (user.has_role(roles.INSTRUCTOR) or permissions.is_platform_admin(user)):
        raise PermissionDenied


@login_required
def placement_suggest(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    _instructor(request)
    client = get_object_or_404(clients_caseload.clients_for(request.user), pk=pk)
    form = SuggestForm(request.POST or None, sites=sites_selectors.published_sites())
    if request.method == "POST" and form.is_valid():
        try:
            psvc.placement_suggest(
                actor=request.user, client=client, site=form.cleaned_data["site"]
            )
        except psvc.PlacementRuleError as exc:
            messages.error(request, str(exc))
    return redirect("client_detail", pk=client.pk)


def _initial(placement: Placement, today: dt.date) -> dict[str, dict[str, Any]]:
    """What each step's form shows first (the current values, or today)."""
    return {
        "visit": {"visit_at": placement.visit_at},
        "activate": {"start_date": min(placement.start_date or today, today)},
        "extend": {"current_end": placement.planned_end},
        "days": {
            "days_per_week": placement.days_per_week,
            "hours_per_day": placement.hours_per_day,
        },
        "end": {"end_date": today},
        "hold": {"end_date": today},
        "return": {"start_date": today},
    }


#: step → (its form, its service, its title); the steps a placement can take now are
#: ``placement_rules.steps_from(status)``
ACTIONS: dict[str, tuple[type[forms.Form] | None, Callable[..., Placement], Any]] = {
    "visit": (
        VisitForm,
        psvc.placement_book_visit,
        gettext_lazy("Book an introductory visit"),
    ),
    "agree": (AgreeForm, psvc.placement_agree, gettext_lazy("Record the agreement")),
    "activate": (
        ActivateForm,
        psvc.placement_activate,
        gettext_lazy("The client has started"),
    ),
    "extend": (ExtendForm, psvc.placement_extend, gettext_lazy("Extend the period")),
    "days": (
        DaysForm,
        psvc.placement_change_days,
        gettext_lazy("Change the days a week"),
    ),
    "end": (EndForm, psvc.placement_end, gettext_lazy("End the placement")),
    "hold": (
        HoldForm,
        psvc.placement_hold,
        gettext_lazy("The client moves on: hold the seat"),
    ),
    "return": (ReturnForm, psvc.placement_return, gettext_lazy("The client returns")),
    "cancel": (
        None,
        psvc.placement_cancel,
        gettext_lazy("Did not lead to an agreement"),
    ),
}
assert set(ACTIONS) == set(rules.TRANSITIONS)


def placement_steps(placement: Placement) -> list[tuple[str, Any]]:
    """The steps the placement can take next, with their titles."""
    return [(step, ACTIONS[step][2]) for step in rules.steps_from(placement.status)]


@login_required
@shows_client_data(Subject.PLACEMENT, Action.VIEW, Purpose.OWN_WORKER)
def placement_action(
    request: AuthenticatedRequest, pk: Any, action: str
) -> HttpResponse:
    _instructor(request)
    if action not in ACTIONS:
        raise Http404
    placement = get_object_or_404(
        Placement.objects.select_related("client", "site").filter(
            client__in=clients_caseload.clients_for(request.user)
        ),
        pk=pk,
    )
    reads_of(request).add(placement.client)
    form_class, service, title = ACTIONS[action]
    initial = _initial(placement, timezone.localdate()).get(action, {})
    form = form_class(request.POST or None, initial=initial) if form_class else None
    conflicts: list[Placement] = []
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            service(
                actor=request.user,
                placement=placement,
                **(form.cleaned_data if form else {}),
            )
        except psvc.PlacementRuleError as exc:
            if form is None:
                messages.error(request, str(exc))
                return redirect("client_detail", pk=placement.client_id)
            form.add_error(None, str(exc))
            conflicts = exc.conflicts
        else:
            messages.success(request, _("Saved: %(step)s.") % {"step": title})
            return redirect(
                reverse("client_detail", args=[placement.client_id]) + "#placements"
            )
    return render(
        request,
        "marketplace/clients/placement_action.html",
        {
            "form": form,
            "placement": placement,
            "title": title,
            "action": action,
            # the client's other placements to end or shorten first
            "conflicts": [
                (p, [(s, t) for s, t in placement_steps(p) if s in ("days", "end")])
                for p in conflicts
            ],
        },
    )
