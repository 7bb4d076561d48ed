"""Money pages: payout account onboarding, the unit's work-share fund and monthly
statements, the organiser's ledger and reconciliation, and Stripe's webhook."""

from __future__ import annotations

import logging

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.access import permissions
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.jobs.status import JobRuleError
from marketplace.models import ConnectedAccount, WorkSite
from marketplace.money import selectors as money_selectors
from marketplace.money.payments import gateway
from marketplace.money.payments.exceptions import (
    GatewayError,
    InvalidWebhook,
    PaymentError,
    PaymentsNotConfigured,
)
from marketplace.money.payments.webhooks import verified_event
from marketplace.money.services import ledger, payouts, reconcile
from marketplace.money.services import workshare as wsvc
from marketplace.money.services.stripe_events import stripe_event_receive
from marketplace.shared.csv import csv_response
from marketplace.shared.dates import month_param
from marketplace.shared.formatting import euros
from marketplace.shared.months import month_nav
from marketplace.shared.pdf import pdf_response, render_pdf

logger = logging.getLogger(__name__)


def _payout_organisation(request: HttpRequest):  # type: ignore[no-untyped-def]
    organisation = request.user.organisation
    if organisation is None or not permissions.can_manage_payouts(
        request.user, organisation
    ):
        raise PermissionDenied
    return organisation


@login_required
@csp_update({"form-action": ["https://connect.stripe.com"]})
def payout_account(request: HttpRequest) -> HttpResponse:
    """The unit's payout account: its state, and the way to Stripe's onboarding."""
    organisation = _payout_organisation(request)
    if request.method == "POST":
        try:
            url = payouts.payout_account_link(
                actor=request.user,
                organisation=organisation,
                refresh_url=request.build_absolute_uri(reverse("payout_account_link")),
                return_url=request.build_absolute_uri(reverse("payout_account_return")),
            )
        except (JobRuleError, PaymentError) as exc:
            messages.error(request, str(exc))
            return redirect("payout_account")
        return redirect(url)
    return render(
        request,
        "marketplace/money/payout_account.html",
        {
            "organisation": organisation,
            "account": ConnectedAccount.objects.filter(
                organisation=organisation
            ).first(),
            "payments_enabled": gateway.payments_enabled(),
        },
    )


@login_required
def payout_account_link(request: HttpRequest) -> HttpResponse:
    """Stripe's ``refresh_url``: the onboarding link expired, make a new one."""
    organisation = _payout_organisation(request)
    try:
        url = payouts.payout_account_link(
            actor=request.user,
            organisation=organisation,
            refresh_url=request.build_absolute_uri(reverse("payout_account_link")),
            return_url=request.build_absolute_uri(reverse("payout_account_return")),
        )
    except (JobRuleError, PaymentError) as exc:
        messages.error(request, str(exc))
        return redirect("payout_account")
    return redirect(url)


@login_required
def payout_account_return(request: HttpRequest) -> HttpResponse:
    """Back from Stripe's onboarding: read the account's state from Stripe."""
    organisation = _payout_organisation(request)
    try:
        account = payouts.payout_account_refresh(
            actor=request.user, organisation=organisation
        )
    except PaymentError as exc:
        messages.error(request, str(exc))
        return redirect("payout_account")
    if account is not None and account.is_ready:
        messages.success(request, _("The payout account is ready for paid jobs."))
    else:
        messages.info(
            request,
            _("Stripe still needs some details. Continue the set-up when you can."),
        )
    return redirect("payout_account")


@login_required
def work_share(request: HttpRequest) -> HttpResponse:
    """The user's units: money in each work-share fund and days waiting for it."""
    sites = list(money_selectors.work_share_sites_for(request.user))
    if not sites:
        raise PermissionDenied
    rows = [
        {"site": s, "fund": ledger.fund_balance(s), "waiting": wsvc.waiting_days(s)}
        for s in sites
    ]
    return render(
        request,
        "marketplace/money/work_share.html",
        {"rows": rows, "this_month": timezone.localdate().strftime("%Y-%m")},
    )


def _site_for_work_share(request: HttpRequest, pk: int) -> WorkSite:
    site = get_object_or_404(WorkSite, pk=pk)
    if not permissions.can_allocate_work_share(request.user, site):
        raise PermissionDenied
    return site


@login_required
@shows_client_data(Subject.WORK_SHARE, Action.LIST, Purpose.WORK_SHARE)
def work_share_site(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit's fund: the waiting days with what each earns, and allocation."""
    site = _site_for_work_share(request, pk)
    if request.method == "POST":
        try:
            result = wsvc.work_share_allocate(actor=request.user, site=site)
        except wsvc.WorkShareError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Allocated %(amount)s € for %(n)s days; %(left)s € left in the fund.")
                % {
                    "amount": euros(result.total_cents),
                    "n": result.days,
                    "left": euros(result.left_in_fund_cents),
                },
            )
        return redirect("work_share_site", pk=site.pk)
    waiting = wsvc.waiting_days(site)
    reads_of(request).add_all(s.client for s in waiting)
    return render(
        request,
        "marketplace/money/work_share_site.html",
        {
            "site": site,
            "fund": ledger.fund_balance(site),
            "waiting": waiting,
            "payable_cents": sum(s.amount_cents for s in waiting),
            "cap_cents": settings.WORK_SHARE_DAILY_CAP_CENTS,
            "this_month": timezone.localdate().strftime("%Y-%m"),
        },
    )


@login_required
@shows_client_data(Subject.WORK_SHARE, Action.LIST, Purpose.WORK_SHARE)
def work_share_statement(request: HttpRequest, pk: int) -> HttpResponse:
    """The month's statement per participant, printable, for the unit's payroll."""
    site = _site_for_work_share(request, pk)
    month = month_param(request.GET.get("kk"))
    statements = wsvc.statement(site, month)
    reads_of(request).add_all(s.client for s in statements)
    return render(
        request,
        "marketplace/money/statement.html",
        {
            "site": site,
            "month": month,
            "nav": month_nav(month),
            "statements": statements,
            "total_cents": sum(s.total_cents for s in statements),
        },
    )


@login_required
@shows_client_data(Subject.WORK_SHARE, Action.EXPORT, Purpose.WORK_SHARE)
def work_share_statement_csv(request: HttpRequest, pk: int) -> HttpResponse:
    site = _site_for_work_share(request, pk)
    month = month_param(request.GET.get("kk"))
    statements = wsvc.statement(site, month)
    reads_of(request).add_all(s.client for s in statements)
    rows = []
    for s in statements:
        rows += [
            [
                s.client.name,
                line.date.isoformat(),
                ", ".join(line.jobs),
                euros(line.amount_cents),
            ]
            for line in s.lines
        ]
    header = [_("Participant"), _("Date"), _("Jobs"), _("Work-share money (€)")]
    return csv_response(f"tyoosuusraha-{site.slug}-{month:%Y-%m}.csv", [header, *rows])


@login_required
@shows_client_data(Subject.WORK_SHARE, Action.EXPORT, Purpose.WORK_SHARE)
def work_share_statement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The month's statement as a PDF, one participant a page (for the payroll)."""
    site = _site_for_work_share(request, pk)
    month = month_param(request.GET.get("kk"))
    statements = wsvc.statement(site, month)
    reads_of(request).add_all(s.client for s in statements)
    data = render_pdf(
        "documents/statement_pdf.html",
        {
            "site": site,
            "month": month,
            "statements": statements,
            "total_cents": sum(s.total_cents for s in statements),
        },
        request=request,
    )
    # Translators: the start of a PDF file's name, in lower case without spaces
    name = _("work-share")
    return pdf_response(data, f"{name}-{site.slug}-{month:%Y-%m}.pdf")


@login_required
def money_overview(request: HttpRequest) -> HttpResponse:
    """The organiser's money page: ledger figures, funds, reconciliation with Stripe."""
    if not permissions.can_view_money_overview(request.user):
        raise PermissionDenied
    month = month_param(request.GET.get("kk"))
    context = reconcile.overview(request.user, month)
    context.update({"month": month, "nav": month_nav(month)})
    return render(request, "marketplace/money/overview.html", context)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe's webhook: verified over the raw body, stored once by event id, then
    handled by a service. Unknown events are acknowledged and ignored."""
    try:
        event = verified_event(request.body, request.headers.get("Stripe-Signature"))
    except PaymentsNotConfigured:
        return JsonResponse({"error": "payments are not configured"}, status=503)
    except InvalidWebhook:
        return JsonResponse({"error": "invalid signature"}, status=400)
    try:
        outcome = stripe_event_receive(event)
    except GatewayError:
        # Stripe could not be asked about the event's object: nothing was kept, and
        # Stripe delivers the event again later.
        logger.warning("stripe event %s: Stripe unreachable, not stored", event["id"])
        return JsonResponse({"error": "try again later"}, status=503)
    logger.info("stripe event %s %s: %s", event["id"], event["type"], outcome)
    return JsonResponse({"received": True, "outcome": outcome})
