"""The job bank's workflow: posting, offers, and every status change of a job.

published → taken → in progress → delivered → accepted → paid → closed;
cancelled before delivery (a paid job is refunded); disputed after delivery (the
organiser of the job's region resolves it). Each step checks the actor's
permission, locks the job's progress row, refuses a step that is not possible from
the current status, and writes a :class:`JobEvent` with who and when.

Rules enforced here:
- a company may not post a job for rehabilitative work activity (Act 189/2001);
- the poster declares that the job does not replace paid work;
- a group may offer only for a live job, open for offers, before its deadline,
  in a service its site offers, and not for its own organisation's job;
- a paid job can be taken only by a unit whose payout account is ready;
- a paid job is started only after the poster's payment has succeeded;
- a delivered job is accepted by the poster, or automatically after
  ``JOB_AUTO_ACCEPT_DAYS`` days unless it is disputed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.jobs.rules import COMPANY_JOB_MESSAGE, DECLARATION_MESSAGE
from marketplace.jobs.status import (
    JobRuleError,
    progress_of,
    require,
    status_expect,
    status_move,
)
from marketplace.models import (
    Job,
    JobEvent,
    JobOffer,
    JobProgress,
    Municipality,
    Organisation,
    Term,
    User,
    WorkSite,
)
from marketplace.models.jobs import JobStatus
from marketplace.money.payments.gateway import payments_enabled
from marketplace.notifications import events as notify

S = JobStatus


def _check_job_rules(
    organisation: Organisation, services: list[Term], deadline: dt.date
) -> None:
    codes = {t.code for t in services}
    if not codes:
        raise JobRuleError(_("Choose at least one service the job is meant for."))
    if organisation.is_for_profit and "rehabilitative" in codes:
        raise JobRuleError(str(COMPANY_JOB_MESSAGE))
    if deadline < timezone.localdate():
        raise JobRuleError(_("The deadline cannot be in the past."))


JOB_FIELDS = (
    "title", "description", "municipality", "address", "remote", "workers_needed",
    "effort_days", "deadline", "price_cents", "contact_name", "contact_phone",
    "contact_email",
)  # fmt: skip


@transaction.atomic
def job_post(
    *,
    actor: User,
    organisation: Organisation,
    services: list[Term],
    tags: list[Term],
    replaces_no_paid_work: bool,
    **fields: Any,
) -> Job:
    """Create the job page as a draft and send it to the organiser's moderation."""
    from cms.models import JobBankPage

    require(
        permissions.can_post_job(actor)
        and permissions.organisations_for_job_posting(actor)
        .filter(pk=organisation.pk)
        .exists()
    )
    if not replaces_no_paid_work:
        raise JobRuleError(str(DECLARATION_MESSAGE))
    _check_job_rules(organisation, services, fields["deadline"])
    municipality: Municipality = fields["municipality"]
    job = Job(
        organisation=organisation,
        replaces_no_paid_work=True,
        lat=fields.pop("lat", None) or municipality.lat,
        lon=fields.pop("lon", None) or municipality.lon,
        live=False,
        owner=actor,
        **{k: v for k, v in fields.items() if k in JOB_FIELDS},
    )
    bank = JobBankPage.objects.get()
    bank.add_child(instance=job)
    job.services.set(services)
    job.tags.set(tags)
    job.save()
    JobProgress.objects.create(job=job)
    _submit(job, actor)
    # the history says what the page shows: open for offers only once published
    JobEvent.objects.create(
        job=job,
        to_status=S.PUBLISHED,
        actor=actor,
        detail={} if job.live else {"awaiting_approval": True},
    )
    return job


def job_opened_record(*, job: Job, actor: User | None) -> JobEvent | None:
    """When the organiser approves a job that waited for approval, its history gets
    the line "open for offers" (once: a later republish adds nothing)."""
    last = job.events.order_by("-at", "-pk").first()
    if last is None or not last.detail.get("awaiting_approval"):
        return None
    return JobEvent.objects.create(job=job, to_status=S.PUBLISHED, actor=actor)


def _submit(job: Job, actor: User) -> None:
    """Save the job as a new revision and put it to the organiser's moderation (a
    job bank without a workflow publishes at once)."""
    from wagtail.models import WorkflowState

    revision = job.save_revision(user=actor, log_action=True)
    workflow = job.get_workflow()
    state = job.current_workflow_state
    if workflow is None:
        revision.publish(user=actor)
    elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=actor)
    elif state is None:
        workflow.start(job, actor)


@transaction.atomic
def job_update(
    *,
    actor: User,
    job: Job,
    services: list[Term],
    tags: list[Term],
    **fields: Any,
) -> Job:
    """Change the job while it is open for offers; the change waits for moderation
    (the published page stays as it was until the organiser approves)."""
    require(permissions.can_manage_job(actor, job))
    progress = progress_of(job, lock=True)
    status_expect(progress, S.PUBLISHED)
    _check_job_rules(job.organisation, services, fields["deadline"])
    draft = job.get_latest_revision_as_object()
    for name in JOB_FIELDS:
        if name in fields:
            setattr(draft, name, fields[name])
    municipality = fields["municipality"]
    if draft.municipality_id != job.municipality_id:
        draft.lat, draft.lon = municipality.lat, municipality.lon
    draft.services = services
    draft.tags = tags
    _submit(draft, actor)
    return job


@transaction.atomic
def job_offer(
    *, actor: User, job: Job, site: WorkSite, workers: int, message: str = ""
) -> JobOffer:
    """A supervisor offers their group for an open job."""
    require(permissions.can_offer_for_site(actor, site))
    progress = progress_of(job, lock=True)
    status_expect(progress, S.PUBLISHED)
    if not job.live or job.deadline < timezone.localdate() or not job.workers_needed:
        raise JobRuleError(_("This job is no longer open for offers."))
    if site.organisation_id == job.organisation_id:
        raise JobRuleError(_("A group cannot take its own organisation's job."))
    job_services = set(job.services.values_list("code", flat=True))
    if not job_services & set(site.services.values_list("code", flat=True)):
        raise JobRuleError(
            _("The job is meant for a service that this site does not offer.")
        )
    if not 1 <= workers <= 100:
        raise JobRuleError(_("Give the number of workers in the group (1–100)."))
    if job.is_paid:
        check_can_receive_money(site.organisation)
    try:
        with transaction.atomic():
            offer = JobOffer.objects.create(
                job=job, site=site, made_by=actor, workers=workers, message=message
            )
    except IntegrityError:
        raise JobRuleError(
            _("This group has already offered to take the job.")
        ) from None
    JobEvent.objects.create(
        job=job,
        from_status=progress.status,
        to_status=progress.status,
        actor=actor,
        detail={"offer": offer.pk, "site": site.pk},
    )
    return offer


def check_can_receive_money(organisation: Organisation) -> None:
    """Paid jobs need payments switched on and the unit's payout account ready."""
    if not payments_enabled():
        raise JobRuleError(
            _(
                "Payments are not configured on this Polku installation, so paid "
                "jobs cannot be taken yet."
            )
        )
    account = getattr(organisation, "stripe_account", None)
    if account is None or not account.is_ready:
        raise JobRuleError(
            _(
                "Paid jobs can be taken only by a unit whose payout account is "
                "ready. Set it up under My pages → Payout account."
            )
        )


@transaction.atomic
def offer_withdraw(*, actor: User, offer: JobOffer) -> JobOffer:
    require(permissions.can_offer_for_site(actor, offer.site))
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != JobOffer.Status.PENDING:
        raise JobRuleError(
            _("Only an offer that waits for an answer can be withdrawn.")
        )
    offer.status = JobOffer.Status.WITHDRAWN
    offer.decided_at = timezone.now()
    offer.save()
    return offer


@transaction.atomic
def offer_accept(*, actor: User, offer: JobOffer) -> JobProgress:
    """The poster chooses one group; the other offers are answered “not chosen”.

    The job's progress row is locked, so of two offers accepted at the same moment
    exactly one wins (and the database allows one accepted offer per job)."""
    job = offer.job
    require(permissions.can_manage_job(actor, job))
    progress = progress_of(job, lock=True)
    status_expect(progress, S.PUBLISHED)
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != JobOffer.Status.PENDING:
        raise JobRuleError(_("This offer is no longer open."))
    if job.is_paid:
        check_can_receive_money(offer.site.organisation)
    now = timezone.now()
    offer.status, offer.decided_at = JobOffer.Status.ACCEPTED, now
    offer.save()
    job.offers.filter(status=JobOffer.Status.PENDING).exclude(pk=offer.pk).update(
        status=JobOffer.Status.DECLINED, decided_at=now
    )
    progress.offer, progress.site = offer, offer.site
    status_move(progress, S.TAKEN, actor, offer=offer.pk, site=offer.site_id)
    notify.offer_accepted(offer)
    return progress


@transaction.atomic
def offer_decline(*, actor: User, offer: JobOffer) -> JobOffer:
    require(permissions.can_manage_job(actor, offer.job))
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != JobOffer.Status.PENDING:
        raise JobRuleError(_("This offer is no longer open."))
    offer.status, offer.decided_at = JobOffer.Status.DECLINED, timezone.now()
    offer.save()
    return offer


@transaction.atomic
def job_start(*, actor: User, job: Job) -> JobProgress:
    """The group starts the work; a paid job only after the poster has paid."""
    progress = progress_of(job, lock=True)
    require(permissions.can_work_on_job(actor, job))
    status_expect(progress, S.TAKEN)
    if job.is_paid and not job.payments.filter(status="succeeded").exists():
        raise JobRuleError(
            _("The poster has not paid for the job yet; start after the payment.")
        )
    status_move(progress, S.IN_PROGRESS, actor)
    return progress


@transaction.atomic
def job_deliver(*, actor: User, job: Job, note: str = "") -> JobProgress:
    progress = progress_of(job, lock=True)
    require(permissions.can_work_on_job(actor, job))
    status_expect(progress, S.IN_PROGRESS)
    progress.delivered_at = timezone.now()
    status_move(progress, S.DELIVERED, actor, note=note[:500])
    return progress


def _accept(progress: JobProgress, actor: User | None, **detail: Any) -> None:
    from marketplace.money.services.payments import transfer_prepare

    progress.accepted_at = timezone.now()
    status_move(progress, S.ACCEPTED, actor, **detail)
    notify.delivery_accepted(progress.job, progress.site)
    if progress.job.is_paid:
        transfer_prepare(job=progress.job, unit_share_cents=progress.job.price_cents)


@transaction.atomic
def job_accept(*, actor: User, job: Job) -> JobProgress:
    """The poster accepts the delivered work; a paid job's money goes to the unit."""
    progress = progress_of(job, lock=True)
    require(permissions.can_manage_job(actor, job))
    status_expect(progress, S.DELIVERED)
    _accept(progress, actor)
    return progress


def auto_accept_due(now: dt.datetime | None = None) -> list[int]:
    """Accept every job delivered ``JOB_AUTO_ACCEPT_DAYS`` ago or earlier that is not
    disputed; returns their ids. Safe to run twice (accepted jobs are skipped)."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=settings.JOB_AUTO_ACCEPT_DAYS)
    due = JobProgress.objects.filter(status=S.DELIVERED, delivered_at__lte=limit)
    accepted = []
    for job_id in due.values_list("job_id", flat=True):
        with transaction.atomic():
            progress = progress_of(Job.objects.get(pk=job_id), lock=True)
            if progress.status != S.DELIVERED:
                continue
            _accept(progress, None, automatic=True)
            accepted.append(job_id)
    return accepted


@transaction.atomic
def job_close(*, actor: User, job: Job) -> JobProgress:
    """The unit closes the job once its work days are recorded: a paid job after the
    money has arrived, an unpaid one after the poster's acceptance."""
    progress = progress_of(job, lock=True)
    require(permissions.can_work_on_job(actor, job))
    status_expect(progress, S.PAID if job.is_paid else S.ACCEPTED)
    status_move(progress, S.CLOSED, actor)
    return progress
