"""The social instructor's client pages and the client's own page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions, roles
from marketplace.clients.forms.caseload import CaseloadForm
from marketplace.clients.forms.clients import (
    ClientForm,
    OwnWishesForm,
    PurposeForm,
    SelfAssessmentForm,
    SuggestForm,
)
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors import caseload as clients_caseload
from marketplace.clients.selectors.access_log import access_lines
from marketplace.clients.selectors.attendance import client_month
from marketplace.clients.services.clients import (
    assessment_add,
    client_save,
    own_wishes_save,
)
from marketplace.models import AccessLogEntry, Client, Placement, SelfAssessment
from marketplace.shared.dates import parse_date
from marketplace.sites import selectors as sites_selectors

PURPOSE_SESSION_KEY = "polku_client_purposes"
#: The purposes a colleague may state for opening a client who is not theirs.
STATED_PURPOSES = (
    Purpose.SUBSTITUTE,
    Purpose.NETWORK_MEETING,
    Purpose.CLIENT_REQUEST,
)


def _instructor(request: HttpRequest) -> None:
    user = request.user
    if not (user.has_role(roles.INSTRUCTOR) or permissions.is_platform_admin(user)):
        raise PermissionDenied


@login_required
@shows_client_data(Subject.CASELOAD, Action.LIST, Purpose.OWN_WORKER)
def client_list(request: HttpRequest) -> HttpResponse:
    """The caseload: search by name, filters, sorting and the next review."""
    _instructor(request)
    today = timezone.localdate()
    form = CaseloadForm(
        request.GET or None, sites=clients_caseload.caseload_sites(request.user)
    )
    rows = clients_caseload.caseload(request.user, today=today, **form.choices())
    reads_of(request).add_all(row.client for row in rows)
    return render(
        request,
        "marketplace/clients/list.html",
        {"rows": rows, "today": today, "form": form},
    )


def _client_for_reading(request: HttpRequest, pk: Any) -> Client:
    """The client, if in the caseload, or opened with a purpose; logs the read."""
    user = request.user
    client = clients_caseload.clients_for(user).filter(pk=pk).first()
    purpose = Purpose.OWN_WORKER
    if client is None:
        client = (
            clients_caseload.client_visible_with_purpose(user).filter(pk=pk).first()
        )
        if client is None:
            raise Http404
        purpose = request.session.get(PURPOSE_SESSION_KEY, {}).get(str(pk), "")
        if purpose not in STATED_PURPOSES:
            raise _NeedsPurpose(client)
    reads_of(request).add(client, purpose=purpose)
    return client


class _NeedsPurpose(Exception):
    def __init__(self, client: Client) -> None:
        self.client = client


@login_required
@shows_client_data(Subject.RECORD, Action.VIEW)
def client_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    _instructor(request)
    try:
        client = _client_for_reading(request, pk)
    except _NeedsPurpose as need:
        return redirect("client_purpose", pk=need.client.pk)
    today = timezone.localdate()
    assessments = list(client.assessments.all())
    change = None
    if len(assessments) >= 2:
        first, last = assessments[0].scores(), assessments[-1].scores()
        change = {area: last[area] - first[area] for area in SelfAssessment.AREAS}
    placements = client.placements.select_related("site").prefetch_related(
        "periods", "events__actor"
    )
    return render(
        request,
        "marketplace/clients/detail.html",
        {
            "client": client,
            "placements": placements,
            "assessments": assessments,
            "change": change,
            "areas": SelfAssessment.AREAS,
            "today": today,
            "month": today.replace(day=1),
            "month_money": client_month(client, today, today=today),
            "can_manage": permissions.can_manage_client(request.user, client),
            "suggest_form": SuggestForm(
                sites=sites_selectors.published_sites().order_by("title")
            ),
        },
    )


@login_required
def client_purpose(request: HttpRequest, pk: Any) -> HttpResponse:
    _instructor(request)
    client = get_object_or_404(
        clients_caseload.client_visible_with_purpose(request.user), pk=pk
    )
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        purposes = request.session.get(PURPOSE_SESSION_KEY, {})
        purposes[str(client.pk)] = form.cleaned_data["purpose"]
        request.session[PURPOSE_SESSION_KEY] = purposes
        return redirect("client_detail", pk=client.pk)
    return render(request, "marketplace/clients/purpose.html", {"form": form})


@login_required
def client_create(request: HttpRequest) -> HttpResponse:
    """A new client of the instructor's caseload (no one's data is shown yet)."""
    _instructor(request)
    return _client_form(request, Client())


@login_required
@shows_client_data(Subject.RECORD, Action.VIEW, Purpose.OWN_WORKER)
def client_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    """The whole record in a form: a read of it."""
    _instructor(request)
    client = get_object_or_404(clients_caseload.clients_for(request.user), pk=pk)
    reads_of(request).add(client)
    return _client_form(request, client)


def _client_form(request: HttpRequest, client: Client) -> HttpResponse:
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        client = form.save(commit=False)
        client_save(
            actor=request.user,
            client=client,
            interests=form.cleaned_data["interests"],
            accessibility_needs=form.cleaned_data["accessibility_needs"],
            languages=form.cleaned_data["languages"],
            audit={
                "age_band": form.cleaned_data.get("age_band", ""),
                "service_language": form.cleaned_data.get("service_language", ""),
            },
        )
        messages.success(request, _("Client saved."))
        return redirect("client_detail", pk=client.pk)
    return render(
        request, "marketplace/clients/form.html", {"form": form, "client": client}
    )


@login_required
@shows_client_data(Subject.SELF_ASSESSMENT, Action.VIEW, Purpose.OWN_WORKER)
def assessment_create(request: HttpRequest, pk: Any) -> HttpResponse:
    _instructor(request)
    client = get_object_or_404(clients_caseload.clients_for(request.user), pk=pk)
    reads_of(request).add(client)
    form = SelfAssessmentForm(
        request.POST or None, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        assessment_add(
            actor=request.user, client=client, assessment=form.save(commit=False)
        )
        messages.success(request, _("Self-assessment saved."))
        return redirect("client_detail", pk=client.pk)
    return render(
        request,
        "marketplace/clients/assessment_form.html",
        {"form": form, "client": client},
    )


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """The client's own page, in plain language."""
    client = getattr(request.user, "client_record", None)
    if client is None:
        raise PermissionDenied
    today = timezone.localdate()
    placements = client.placements.select_related(
        "site", "site__municipality"
    ).prefetch_related("periods")
    current = [
        p
        for p in placements
        if p.status
        in (
            Placement.Status.ACTIVE,
            Placement.Status.AGREED,
            Placement.Status.HELD,
            Placement.Status.VISIT_BOOKED,
        )
    ]
    past = [p for p in placements if p.status == Placement.Status.ENDED]
    return render(
        request,
        "marketplace/clients/my_page.html",
        {
            "client": client,
            "current": current,
            "past": past,
            "today": today,
            "month": today.replace(day=1),
            "month_money": client_month(client, today, today=today),
            "access_lines": access_lines(client),
        },
    )


@login_required
def my_wishes(request: HttpRequest) -> HttpResponse:
    """The client changes their own wishes and interests."""
    client = getattr(request.user, "client_record", None)
    if client is None:
        raise PermissionDenied
    form = OwnWishesForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        own_wishes_save(
            actor=request.user,
            wishes=form.cleaned_data["wishes"],
            interests=form.cleaned_data["interests"],
        )
        messages.success(request, _("Thank you. Your wishes are saved."))
        return redirect("my_page")
    return render(request, "marketplace/clients/my_wishes.html", {"form": form})


@login_required
@shows_client_data(Subject.ACCESS_LOG, Action.LIST, Purpose.SUPERVISION)
def access_log_search(request: HttpRequest) -> HttpResponse:
    """The organiser searches the access log of their region's clients (the clients
    named in the rows shown are logged too: the log names them)."""
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    entries = AccessLogEntry.objects.select_related("actor", "client")
    if not permissions.is_platform_admin(request.user):
        entries = entries.filter(client__municipality__region_id=request.user.region_id)
    who = (request.GET.get("kayttaja") or "").strip()
    whom = (request.GET.get("asiakas") or "").strip()
    if who:
        entries = entries.filter(actor__username__icontains=who)
    if whom:
        entries = entries.filter(client__name__icontains=whom)
    for key, lookup in (("alku", "at__date__gte"), ("loppu", "at__date__lte")):
        if request.GET.get(key):
            entries = entries.filter(**{lookup: parse_date(request.GET[key])})
    shown = list(entries[:200])
    reads_of(request).add_all({e.client_id: e.client for e in shown}.values())
    return render(
        request,
        "marketplace/clients/access_log.html",
        {"entries": shown, "query": request.GET},
    )
