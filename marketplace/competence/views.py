"""Competence at work: the supervisor's pages, the client's own certificate.

Every staff read of a participant's records is written to the access log
(``marketplace.clients.reads``); the client reading their own records is not."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.access import permissions
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.competence import selectors, services
from marketplace.competence.forms import CompetenceRecordForm
from marketplace.models import Client, WorkSite
from marketplace.shared.http import AuthenticatedRequest
from marketplace.shared.pdf import PdfError, pdf_response, render_pdf

#: Participants on one page of a site's competence page.
PARTICIPANTS_PER_PAGE = 25


@login_required
@shows_client_data(Subject.COMPETENCE, Action.LIST, Purpose.COMPETENCE)
def site_competence(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A learning-environment site's participants and how many records each has."""
    site = get_object_or_404(WorkSite, pk=pk)
    if not permissions.can_record_competence(request.user, site):
        raise PermissionDenied
    paginator = Paginator(
        selectors.participants(request.user, site), PARTICIPANTS_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    reads_of(request).add_all(p.client for p in page.object_list)
    return render(
        request,
        "competence/site.html",
        {"site": site, "page": page, "units": site.learning_units.all()},
    )


@login_required
@shows_client_data(Subject.COMPETENCE, Action.VIEW, Purpose.COMPETENCE)
def participant_competence(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """One participant's records at the site, and the form to add one."""
    placement = selectors.placement_for_recording(request.user, pk)
    if placement is None:
        raise Http404
    reads_of(request).add(placement.client)
    form = CompetenceRecordForm(request.POST or None, site=placement.site)
    if request.method == "POST" and form.is_valid():
        try:
            services.competence_record_add(
                actor=request.user, placement=placement, **form.cleaned_data
            )
        except services.CompetenceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Competence record saved."))
            return redirect("participant_competence", pk=placement.pk)
    return render(
        request,
        "competence/participant.html",
        {
            "placement": placement,
            "records": selectors.records(placement),
            "form": form,
        },
    )


@login_required
@require_POST
def competence_record_remove(
    request: AuthenticatedRequest, pk: Any, record: Any
) -> HttpResponse:
    placement = selectors.placement_for_recording(request.user, pk)
    if placement is None:
        raise Http404
    entry = get_object_or_404(placement.competence_records, pk=record)
    try:
        services.competence_record_remove(actor=request.user, record=entry)
    except services.CompetenceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The record was removed."))
    return redirect("participant_competence", pk=placement.pk)


@login_required
@shows_client_data(Subject.COMPETENCE, Action.EXPORT, Purpose.COMPETENCE)
def staff_certificate(
    request: AuthenticatedRequest, pk: Any, fmt: str = "html"
) -> HttpResponse:
    """The certificate for the site's supervisors (to print or hand over)."""
    placement = selectors.placement_for_recording(request.user, pk)
    if placement is None:
        raise Http404
    reads_of(request).add(placement.client)
    return _certificate(request, placement, fmt, mine=False)


def _own_client(request: AuthenticatedRequest) -> Client:
    client: Client | None = getattr(request.user, "client_record", None)
    if client is None:
        raise PermissionDenied
    return client


@login_required
def my_certificate(
    request: AuthenticatedRequest, pk: Any, fmt: str = "html"
) -> HttpResponse:
    """The client's own certificate of competence, to print or download as PDF."""
    placement = selectors.own_placement(_own_client(request), pk)
    if placement is None:
        raise Http404
    return _certificate(request, placement, fmt, mine=True)


def _certificate(
    request: AuthenticatedRequest, placement: Any, fmt: str, *, mine: bool
) -> HttpResponse:
    context = {"certificate": selectors.certificate(placement), "mine": mine}
    if fmt == "pdf":
        try:
            pdf = render_pdf(
                "competence/certificate_pdf.html", context, request=request
            )
        except PdfError:
            messages.error(
                request, _("The PDF could not be made. Print this page instead.")
            )
        else:
            name = slugify(f"osaamistodistus-{placement.site.title}") + ".pdf"
            return pdf_response(pdf, name)
    return render(request, "competence/certificate.html", context)
