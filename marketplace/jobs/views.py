"""The job bank's own pages: my jobs, posting, a job's management page, offers,
status steps, payment and work days. Public job pages are Wagtail pages."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.access import permissions, roles
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.jobs import selectors
from marketplace.jobs.forms import (
    JobForm,
    NoteForm,
    OfferForm,
    OptionalReasonForm,
    ReasonForm,
    ResolveForm,
    WorkDayForm,
    job_initial,
)
from marketplace.jobs.services import disputes as dsvc
from marketplace.jobs.services import jobs as svc
from marketplace.models import Job, JobOffer, JobPayment, JobWorkDay
from marketplace.models.jobs import JobStatus
from marketplace.money.payments.exceptions import PaymentError
from marketplace.money.services import payments as msvc
from marketplace.money.services import workshare as wsvc

S = JobStatus


def _job_for_management(request: HttpRequest, pk: int) -> Job:
    """A job the user may manage; anyone else gets 404, not a hint it exists."""
    job = get_object_or_404(
        selectors.jobs_managed_by(request.user).select_related(
            "organisation", "municipality"
        ),
        pk=pk,
    )
    svc.progress_of(job)
    if not permissions.can_view_job_management(request.user, job):
        raise Http404
    return job


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (
        user.role_names & {roles.POSTER, roles.SUPERVISOR}
        or permissions.can_view_money_overview(user)
    ):
        raise PermissionDenied
    jobs = list(selectors.jobs_for(user))
    rows = [
        {"job": job, "manage": permissions.can_view_job_management(user, job)}
        for job in jobs
    ]
    return render(
        request,
        "marketplace/jobs/list.html",
        {
            "rows": rows,
            "can_post": selectors.can_post_jobs(user),
            "payments_enabled": selectors.payments_enabled(),
        },
    )


def _form_errors_from(form: Any, exc: Exception) -> None:
    form.add_error(None, str(exc))


@login_required
def job_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_post_job(user) or user.organisation is None:
        raise PermissionDenied
    form = JobForm(request.POST or None, organisation=user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            job = svc.job_post(
                actor=user, organisation=user.organisation, **form.service_fields()
            )
        except svc.JobRuleError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The job was sent to the organiser for approval. It appears in "
                    "the job bank once approved."
                ),
            )
            return redirect("job_manage", pk=job.pk)
    return render(
        request,
        "marketplace/jobs/form.html",
        {"form": form, "job": None, "payments_enabled": selectors.payments_enabled()},
    )


@login_required
def job_edit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for_management(request, pk)
    if not permissions.can_manage_job(request.user, job):
        raise PermissionDenied
    form = JobForm(
        request.POST or None, initial=job_initial(job), organisation=job.organisation
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        data.pop("replaces_no_paid_work", None)
        try:
            svc.job_update(actor=request.user, job=job, **data)
        except svc.JobRuleError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(
                request, _("The changes were sent to the organiser for approval.")
            )
            return redirect("job_manage", pk=job.pk)
    return render(
        request,
        "marketplace/jobs/form.html",
        {"form": form, "job": job, "payments_enabled": selectors.payments_enabled()},
    )


ACTIONS: dict[str, tuple[Any, Any, Any]] = {
    "start": (None, svc.job_start, gettext_lazy("Start the work")),
    "deliver": (NoteForm, svc.job_deliver, gettext_lazy("Mark as delivered")),
    "accept": (None, svc.job_accept, gettext_lazy("Accept the delivery")),
    "dispute": (ReasonForm, dsvc.job_dispute, gettext_lazy("Dispute the delivery")),
    "cancel": (OptionalReasonForm, dsvc.job_cancel, gettext_lazy("Cancel the job")),
    "close": (None, svc.job_close, gettext_lazy("Close the job")),
    "resolve": (ResolveForm, dsvc.dispute_resolve, gettext_lazy("Resolve the dispute")),
}


def available_actions(user: Any, job: Job) -> list[tuple[str, Any]]:
    """The steps this user can take on the job now, with their labels."""
    status = job.progress.status
    names: list[str] = []
    if permissions.can_work_on_job(user, job):
        names += {
            S.TAKEN: ["start"],
            S.IN_PROGRESS: ["deliver"],
            S.PAID: ["close"],
            S.ACCEPTED: [] if job.is_paid else ["close"],
        }.get(status, [])
    if permissions.can_manage_job(user, job):
        names += {S.DELIVERED: ["accept", "dispute"]}.get(status, [])
    if permissions.can_moderate_job(user, job) and status == S.DISPUTED:
        names.append("resolve")
    if status in (S.PUBLISHED, S.TAKEN, S.IN_PROGRESS) and (
        permissions.can_manage_job(user, job) or permissions.can_moderate_job(user, job)
    ):
        names.append("cancel")
    return [(name, ACTIONS[name][2]) for name in dict.fromkeys(names)]


#: The "Pay" form posts to Polku, which answers with a redirect to Stripe's hosted
#: payment page: the page's form-action must allow that redirect.
STRIPE_CHECKOUT = {"form-action": ["https://checkout.stripe.com"]}


@login_required
@csp_update(STRIPE_CHECKOUT)
def job_manage(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    job = _job_for_management(request, pk)
    progress = job.progress
    offers = job.offers.select_related("site__municipality", "made_by")
    if not (
        permissions.can_manage_job(user, job) or permissions.can_moderate_job(user, job)
    ):
        offers = offers.filter(site__organisation_id=user.organisation_id)
    payment = job.payments.order_by("-pk").first()
    works = permissions.can_work_on_job(user, job)
    groups = None
    if (
        job.live
        and progress.status == S.PUBLISHED
        and permissions.can_manage_job(user, job)
    ):
        from matching.web import groups_for_job

        groups = groups_for_job(job)
    return render(
        request,
        "marketplace/jobs/manage.html",
        {
            "job": job,
            "progress": progress,
            "events": job.events.select_related("actor"),
            "offers": offers,
            "payment": payment,
            "transfer": getattr(job, "transfer", None),
            "refunds": payment.refunds.all() if payment else [],
            "actions": available_actions(user, job),
            "can_manage": permissions.can_manage_job(user, job),
            "can_work": works,
            "can_pay": permissions.can_manage_job(user, job)
            and job.is_paid
            and progress.status == S.TAKEN
            and not (payment and payment.status in msvc.PAID),
            "work_day_count": job.work_days.count(),
            "groups": groups,
            "payments_enabled": selectors.payments_enabled(),
        },
    )


@login_required
def job_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    job = _job_for_management(request, pk)
    form_class, service, label = ACTIONS[action]
    if action not in dict(available_actions(request.user, job)):
        messages.error(request, _("This step is not possible now."))
        return redirect("job_manage", pk=job.pk)
    form = None
    if form_class is ResolveForm:
        form = ResolveForm(request.POST or None, job=job)
    elif form_class is not None:
        form = form_class(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        kwargs = {}
        if form is not None:
            kwargs = getattr(form, "service_fields", lambda: form.cleaned_data)()
        try:
            service(actor=request.user, job=job, **kwargs)
        except (svc.JobRuleError, PaymentError) as exc:
            if form is None:
                messages.error(request, str(exc))
                return redirect("job_manage", pk=job.pk)
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": label})
            return redirect("job_manage", pk=job.pk)
    return render(
        request,
        "marketplace/jobs/action.html",
        {"job": job, "form": form, "label": label, "action": action},
    )


@login_required
def job_offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(Job.objects.live(), pk=pk)
    sites = selectors.sites_for_offering(request.user, job)
    if not sites.exists() and not request.user.has_role(roles.SUPERVISOR):
        raise PermissionDenied
    form = OfferForm(request.POST or None, sites=sites)
    if request.method == "POST" and form.is_valid():
        try:
            svc.job_offer(actor=request.user, job=job, **form.cleaned_data)
        except svc.JobRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Your offer was sent. The poster chooses one group.")
            )
            return redirect(job.url)
    return render(
        request, "marketplace/jobs/offer_form.html", {"job": job, "form": form}
    )


OFFER_ACTIONS = {
    "accept": (svc.offer_accept, gettext_lazy("Offer accepted.")),
    "decline": (svc.offer_decline, gettext_lazy("Offer declined.")),
    "withdraw": (svc.offer_withdraw, gettext_lazy("Offer withdrawn.")),
}


@login_required
@require_POST
def offer_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in OFFER_ACTIONS:
        raise Http404
    offer = get_object_or_404(JobOffer.objects.select_related("job", "site"), pk=pk)
    job = offer.job
    allowed = (
        permissions.can_offer_for_site(request.user, offer.site)
        if action == "withdraw"
        else permissions.can_manage_job(request.user, job)
    )
    if not allowed:
        raise Http404
    service, done = OFFER_ACTIONS[action]
    try:
        service(actor=request.user, offer=offer)
    except svc.JobRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, str(done))
    if permissions.can_view_job_management(request.user, job):
        return redirect("job_manage", pk=job.pk)
    return redirect(job.url)


@login_required
@require_POST
def job_pay(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the poster to Stripe's payment page (a second click reuses the first)."""
    job = _job_for_management(request, pk)
    if not permissions.can_manage_job(request.user, job):
        raise PermissionDenied
    back = request.build_absolute_uri(reverse("job_manage", args=[job.pk]))
    done = request.build_absolute_uri(reverse("job_pay_return", args=[job.pk]))
    try:
        payment = msvc.payment_start(
            actor=request.user, job=job, success_url=done, cancel_url=back
        )
    except (svc.JobRuleError, PaymentError) as exc:
        messages.error(request, str(exc))
        return redirect("job_manage", pk=job.pk)
    if payment.status == JobPayment.Status.OPEN and payment.checkout_url:
        return redirect(payment.checkout_url)
    return redirect("job_pay_return", pk=job.pk)


@login_required
def job_pay_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The poster is back from Stripe: ask Stripe at once rather than wait for the
    webhook (both paths book the payment once)."""
    job = _job_for_management(request, pk)
    if not permissions.can_manage_job(request.user, job):
        raise PermissionDenied
    payment = job.payments.order_by("-pk").first()
    try:
        if payment is not None:
            payment = msvc.payment_sync(payment=payment)
    except PaymentError as exc:
        messages.error(request, str(exc))
        return redirect("job_manage", pk=job.pk)
    if payment is not None and payment.status == JobPayment.Status.SUCCEEDED:
        messages.success(request, _("Thank you: the job is paid."))
    else:
        messages.info(
            request,
            _("The payment is not confirmed yet. This page updates once it is."),
        )
    return redirect("job_manage", pk=job.pk)


@login_required
@shows_client_data(Subject.JOB_WORK_DAYS, Action.LIST, Purpose.JOB_WORK)
def job_work_days(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's supervisor records who worked on the job on which days."""
    job = _job_for_management(request, pk)
    if not permissions.can_work_on_job(request.user, job):
        raise PermissionDenied
    site = job.progress.site
    participants = wsvc.participants_for(site)
    form = WorkDayForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        try:
            added = wsvc.work_days_record(
                actor=request.user,
                job=job,
                date=form.cleaned_data["date"],
                clients=list(form.cleaned_data["participants"]),
            )
        except svc.JobRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved %(n)s work days.") % {"n": added})
            return redirect("job_work_days", pk=job.pk)
    days = list(job.work_days.select_related("client", "allocation"))
    # the participants of the form's choices and the days listed are both shown
    reads_of(request).add_all(participants)
    reads_of(request).add_all(d.client for d in days)
    return render(
        request,
        "marketplace/jobs/work_days.html",
        {"job": job, "site": site, "form": form, "days": days},
    )


@login_required
@require_POST
def work_day_remove(request: HttpRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(JobWorkDay.objects.select_related("job"), pk=pk)
    job = _job_for_management(request, day.job_id)
    try:
        wsvc.work_day_remove(actor=request.user, day=day)
    except svc.JobRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The work day was removed."))
    return redirect("job_work_days", pk=job.pk)
