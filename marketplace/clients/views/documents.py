"""The placement's documents: the agreement and client plan as an HTML page to
print and as a PDF, marking it signed, and the visit and the review meeting as
calendar files. Each read is written to the client's access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.access import permissions
from marketplace.clients.forms.documents import AgreementSignForm
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors import documents as selectors
from marketplace.clients.services import documents as services
from marketplace.models import Placement, User
from marketplace.notifications import ics
from marketplace.shared.http import AuthenticatedRequest
from marketplace.shared.pdf import pdf_response, render_pdf


def _placement(request: AuthenticatedRequest, pk: Any) -> Placement:
    """The placement, if the user may read its documents; the read is logged (the
    view says what it shows: ``shows_client_data``)."""
    placement = get_object_or_404(
        selectors.placements_with_documents(request.user), pk=pk
    )
    if not permissions.can_view_placement_documents(request.user, placement):
        raise PermissionDenied
    reads_of(request).add(placement.client)
    return placement


def _page(
    request: AuthenticatedRequest, placement: Placement, form: AgreementSignForm
) -> HttpResponse:
    can_sign = permissions.can_manage_client(request.user, placement.client)
    return render(
        request,
        "documents/agreement.html",
        {
            "doc": selectors.agreement_document(placement),
            "can_sign": can_sign and placement.status in services.HAS_AGREEMENT,
            "sign_form": form,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@shows_client_data(Subject.AGREEMENT, Action.VIEW, Purpose.OWN_WORKER)
def placement_agreement(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """The agreement and client plan as a page to print (and to mark signed)."""
    placement = _placement(request, pk)
    initial = placement.agreement_signed_on or timezone.localdate()
    return _page(request, placement, AgreementSignForm(initial={"signed_on": initial}))


@login_required
@shows_client_data(Subject.AGREEMENT, Action.EXPORT, Purpose.OWN_WORKER)
def placement_agreement_pdf(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """The same agreement as a PDF download."""
    placement = _placement(request, pk)
    data = render_pdf(
        "documents/agreement_pdf.html",
        {"doc": selectors.agreement_document(placement)},
        request=request,
    )
    day = placement.start_date or timezone.localdate()
    # Translators: the start of a PDF file's name, in lower case without spaces
    name = _("agreement")
    return pdf_response(data, f"{name}-{day:%Y-%m-%d}.pdf")


@login_required
@require_POST
@shows_client_data(Subject.AGREEMENT, Action.VIEW, Purpose.OWN_WORKER)
def placement_agreement_sign(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """The own worker records the day the printed agreement was signed; a wrong
    date shows the page again with the error at the field."""
    placement = get_object_or_404(
        selectors.placements_with_documents(request.user), pk=pk
    )
    if not permissions.can_manage_client(request.user, placement.client):
        raise PermissionDenied
    form = AgreementSignForm(request.POST)
    if form.is_valid():
        try:
            services.placement_agreement_sign(
                actor=request.user,
                placement=placement,
                signed_on=form.cleaned_data["signed_on"],
            )
        except services.AgreementError as exc:
            form.add_error("signed_on", str(exc))
        else:
            messages.success(request, _("The agreement is marked signed."))
            return redirect("placement_agreement", pk=placement.pk)
    reads_of(request).add(placement.client)
    return _page(request, placement, form)


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@shows_client_data(Subject.PLACEMENT, Action.EXPORT, Purpose.OWN_WORKER)
def placement_visit_ics(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """The introductory visit as a calendar file (for the client and their worker)."""
    placement = _placement(request, pk)
    if placement.status != Placement.Status.VISIT_BOOKED or placement.visit_at is None:
        raise Http404
    link = ics.absolute(_own_page(request.user, placement))
    return _ics_response(
        ics.visit_ics(placement, placement.visit_at, link), "kaynti.ics"
    )


@login_required
@shows_client_data(Subject.PLACEMENT, Action.EXPORT, Purpose.OWN_WORKER)
def placement_review_ics(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """The review meeting's day as a calendar file."""
    placement = _placement(request, pk)
    review_on = placement.review_date()
    if review_on is None:
        raise Http404
    link = ics.absolute(_own_page(request.user, placement))
    return _ics_response(ics.review_ics(placement, review_on, link), "arviointi.ics")


def _own_page(user: User, placement: Placement) -> str:
    if placement.client.user_id == user.pk:
        return reverse("my_page")
    return reverse("client_detail", args=[placement.client_id])
