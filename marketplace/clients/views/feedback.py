"""Monthly client feedback: the client on their own page, or with the supervisor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.forms.feedback import FeedbackForm
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors.feedback import (
    feedback_months,
    previous_month,
    site_feedback_rows,
)
from marketplace.clients.services.feedback import FeedbackError, feedback_record
from marketplace.models import Placement, WorkSite


def _answer(
    request: HttpRequest, placement: Placement, template_context: dict[str, Any]
) -> HttpResponse | None:
    """Show or save the three questions; returns None after a successful save."""
    today = timezone.localdate()
    months = feedback_months(placement, today)
    if not months:
        return render(
            request,
            "marketplace/feedback/form.html",
            {**template_context, "placement": placement, "form": None},
        )
    form = FeedbackForm(request.POST or None, months=months)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_record(
                actor=request.user,
                placement=placement,
                today=today,
                **form.cleaned_data,
            )
        except FeedbackError as exc:
            form.add_error(None, str(exc))
        else:
            return None
    return render(
        request,
        "marketplace/feedback/form.html",
        {**template_context, "placement": placement, "form": form},
    )


def _placements() -> Any:
    return Placement.objects.select_related("client", "site").prefetch_related(
        "periods", "feedback"
    )


@login_required
def my_feedback(request: HttpRequest, pk: Any) -> HttpResponse:
    """The client answers about their own placement (another's is not found)."""
    client = getattr(request.user, "client_record", None)
    if client is None:
        raise PermissionDenied
    placement = get_object_or_404(_placements().filter(client=client), pk=pk)
    response = _answer(request, placement, {"helped": False})
    if response is None:
        messages.success(request, _("Thank you for your answers!"))
        return redirect("my_page")
    return response


def _site_for_supervisor(request: HttpRequest, pk: int) -> WorkSite:
    site = get_object_or_404(WorkSite, pk=pk)
    if not permissions.can_keep_attendance(request.user, site):
        raise PermissionDenied
    return site


@login_required
@shows_client_data(Subject.FEEDBACK, Action.LIST, Purpose.FEEDBACK)
def site_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervisor sees who can still answer for last and this month (not the
    answers themselves: those are shown only as summaries of five or more)."""
    site = _site_for_supervisor(request, pk)
    this_month = timezone.localdate().replace(day=1)
    rows = site_feedback_rows(site, this_month)
    reads_of(request).add_all(r.placement.client for r in rows)
    months = [previous_month(this_month), this_month]
    return render(
        request,
        "marketplace/feedback/site.html",
        {"site": site, "rows": rows, "months": months},
    )


@login_required
@shows_client_data(Subject.FEEDBACK, Action.VIEW, Purpose.FEEDBACK)
def site_feedback_answer(
    request: HttpRequest, pk: int, placement_pk: Any
) -> HttpResponse:
    """The supervisor records the client's own answers with them."""
    site = _site_for_supervisor(request, pk)
    placement = _placements().filter(site=site, pk=placement_pk).first()
    if placement is None:
        raise Http404
    reads_of(request).add(placement.client)
    response = _answer(request, placement, {"helped": True, "site": site})
    if response is None:
        messages.success(
            request,
            _("The answers of %(name)s are saved.") % {"name": placement.client.name},
        )
        return redirect("site_feedback", pk=site.pk)
    return response
