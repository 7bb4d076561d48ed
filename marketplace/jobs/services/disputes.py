"""Disputes and cancellations of job-bank jobs.

- The poster may dispute a delivery (with a reason) instead of accepting it; no
  money moves while the job is disputed.
- The organiser of the job's region resolves a dispute by deciding the unit's share
  of the price: the rest is refunded to the poster; nothing to the unit cancels the
  job, anything else accepts it and transfers the share.
- The poster (or the organiser) may cancel a job before delivery; a paid job is then
  refunded in full and an unfinished payment page is closed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.jobs.status import (
    JobRuleError,
    progress_of,
    require,
    status_expect,
    status_move,
)
from marketplace.models import Job, JobOffer, JobProgress, User
from marketplace.models.jobs import JobStatus as S


@transaction.atomic
def job_dispute(*, actor: User, job: Job, reason: str) -> JobProgress:
    """The poster disputes the delivery; no money moves until the organiser decides."""
    progress = progress_of(job, lock=True)
    require(permissions.can_manage_job(actor, job))
    status_expect(progress, S.DELIVERED)
    if not reason.strip():
        raise JobRuleError(_("Tell what is wrong with the delivery."))
    progress.dispute_reason = reason.strip()[:2000]
    status_move(progress, S.DISPUTED, actor)
    return progress


@transaction.atomic
def dispute_resolve(
    *,
    actor: User,
    job: Job,
    unit_share_cents: int = 0,
    accept: bool = True,
    note: str = "",
) -> JobProgress:
    """The organiser of the job's region decides the dispute.

    A paid job: the organiser decides how much of the price the unit gets
    (``unit_share_cents``); the rest is refunded to the poster. Nothing to the unit
    cancels the job; otherwise it is accepted and the share is transferred.
    An unpaid job is accepted or, with ``accept=False``, cancelled."""
    from marketplace.money.services.payments import (
        paid_payment,
        refund_prepare,
        transfer_prepare,
    )

    progress = progress_of(job, lock=True)
    require(permissions.can_moderate_job(actor, job))
    status_expect(progress, S.DISPUTED)
    detail = {"note": note[:500]}
    if not job.is_paid:
        progress.accepted_at = timezone.now() if accept else None
        status_move(progress, S.ACCEPTED if accept else S.CANCELLED, actor, **detail)
        return progress
    price = job.price_cents
    if not 0 <= unit_share_cents <= price:
        raise JobRuleError(
            _("The unit's share must be between 0 and the price of the job.")
        )
    payment = paid_payment(job)
    if payment is None:
        raise JobRuleError(_("The job has no completed payment to divide."))
    if unit_share_cents < price:
        refund_prepare(
            payment=payment, amount_cents=price - unit_share_cents, actor=actor
        )
    detail["unit_share_cents"] = unit_share_cents
    if unit_share_cents == 0:
        status_move(progress, S.CANCELLED, actor, **detail)
        return progress
    progress.accepted_at = timezone.now()
    status_move(progress, S.ACCEPTED, actor, **detail)
    transfer_prepare(job=job, unit_share_cents=unit_share_cents)
    return progress


@transaction.atomic
def job_cancel(*, actor: User, job: Job, reason: str = "") -> JobProgress:
    """The poster (or the organiser) cancels before delivery; a paid job is refunded
    in full and an unfinished payment page is closed."""
    from marketplace.money.services.payments import (
        paid_payment,
        payment_abandon,
        refund_prepare,
    )

    progress = progress_of(job, lock=True)
    require(
        permissions.can_manage_job(actor, job)
        or permissions.can_moderate_job(actor, job)
    )
    status_expect(progress, S.PUBLISHED, S.TAKEN, S.IN_PROGRESS)
    job.offers.filter(status=JobOffer.Status.PENDING).update(
        status=JobOffer.Status.DECLINED, decided_at=timezone.now()
    )
    payment = paid_payment(job)
    if payment is not None and payment.refunded_cents < payment.amount_cents:
        refund_prepare(
            payment=payment,
            amount_cents=payment.amount_cents - payment.refunded_cents,
            actor=actor,
        )
    payment_abandon(job=job)
    status_move(progress, S.CANCELLED, actor, reason=reason[:500])
    return progress
