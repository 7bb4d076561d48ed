"""Paying for jobs: the poster's payment, the transfer to the unit, refunds, and the
units' payout accounts. Every movement is booked in the ledger.

Rules enforced here:
- a payment row and its idempotency key (from the row's id) are committed before
  Stripe is called, so a double click or a retried request charges once;
- a payment is booked once per charge, a transfer once per transfer, a refund once
  per refund, however many times Stripe reports them;
- the unit receives the price (or the organiser's share after a dispute) less the
  platform fee, with ``source_transaction`` tied to the job's own charge;
- a transfer waits while the job is disputed or its charge has an open chargeback;
- Stripe calls happen after the database transaction that decided them commits
  (tasks enqueued on commit), never while rows are locked.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.jobs.status import JobRuleError, job_mark_paid, progress_of
from marketplace.models import (
    ConnectedAccount,
    Job,
    JobEvent,
    JobPayment,
    JobRefund,
    JobTransfer,
    User,
)
from marketplace.models.jobs import JobStatus
from marketplace.money.payments import gateway
from marketplace.money.payments.exceptions import GatewayError, PaymentsNotConfigured
from marketplace.money.services import ledger
from marketplace.notifications import events as notify

logger = logging.getLogger(__name__)
P = JobPayment.Status
LIVE_UNPAID = (P.CREATED, P.OPEN)
PAID = (P.SUCCEEDED, P.REFUNDED, P.PARTIALLY_REFUNDED)


def platform_fee_cents(amount_cents: int) -> int:
    """The platform's share: ``POLKU_PLATFORM_FEE_BPS`` basis points, half up."""
    bps = max(0, min(10_000, settings.POLKU_PLATFORM_FEE_BPS))
    return min(amount_cents, (amount_cents * bps + 5_000) // 10_000)


def paid_payment(job: Job) -> JobPayment | None:
    return job.payments.filter(status__in=PAID).first()


def payments_required() -> None:
    """Refuse a money step while Stripe is not configured (the message says so)."""
    if not gateway.payments_enabled():
        raise JobRuleError(str(PaymentsNotConfigured.default_message))


def payment_start(
    *, actor: User, job: Job, success_url: str, cancel_url: str
) -> JobPayment:
    """Open Stripe's payment page for a taken job's price. The same payment (and
    idempotency key) is reused until it succeeds or expires."""
    with transaction.atomic():
        if not permissions.can_manage_job(actor, job):
            raise PermissionDenied
        progress = progress_of(job, lock=True)
        if not job.is_paid:
            raise JobRuleError(_("This job is unpaid: there is nothing to pay."))
        payments_required()
        if progress.status != JobStatus.TAKEN:
            raise JobRuleError(_("A job is paid after its poster has chosen a group."))
        payment = job.payments.filter(status__in=(*LIVE_UNPAID, *PAID)).first()
        if payment is not None and payment.status in PAID:
            raise JobRuleError(_("The job has already been paid."))
        if payment is None:
            payment = JobPayment.objects.create(
                job=job, amount_cents=job.price_cents, created_by=actor
            )
            payment.idempotency_key = f"polku-payment-{payment.pk}-checkout"
            payment.save(update_fields=["idempotency_key"])
    if payment.status == P.OPEN and payment.checkout_session_id:
        checkout = gateway.retrieve_checkout(payment.checkout_session_id)
        if checkout.status == "open":
            return payment
        return _apply_checkout(payment, checkout)
    checkout = gateway.create_checkout(
        payment_id=payment.pk,
        job_id=job.pk,
        description=_("Polku job %(id)s: %(title)s")
        % {"id": job.pk, "title": job.title},
        amount_cents=payment.amount_cents,
        transfer_group=payment.transfer_group,
        success_url=success_url,
        cancel_url=cancel_url,
        idempotency_key=payment.idempotency_key,
    )
    with transaction.atomic():
        payment = JobPayment.objects.select_for_update().get(pk=payment.pk)
        if payment.status == P.CREATED:
            payment.checkout_session_id = checkout.id
            payment.checkout_url = checkout.url
            payment.status = P.OPEN
            payment.save()
    return payment


def _apply_checkout(payment: JobPayment, checkout: gateway.Checkout) -> JobPayment:
    if checkout.payment_status == "paid" and checkout.payment_intent_id:
        return payment_succeeded(
            payment=payment, payment_intent_id=checkout.payment_intent_id
        )
    if checkout.status == "expired":
        return payment_failed(payment=payment)
    return payment


def payment_sync(*, payment: JobPayment) -> JobPayment:
    """Ask Stripe where the payment is (the poster came back from the payment page)."""
    if payment.status not in LIVE_UNPAID or not payment.checkout_session_id:
        return payment
    return _apply_checkout(
        payment, gateway.retrieve_checkout(payment.checkout_session_id)
    )


def payment_succeeded(*, payment: JobPayment, payment_intent_id: str) -> JobPayment:
    """Book a succeeded payment once: the money is held for the job until it is
    transferred or refunded. A payment that arrives for a cancelled job is refunded;
    so is one that arrives late for a job another payment has paid already (it is
    booked as a duplicate, then refunded in full)."""
    charge = gateway.retrieve_charge(payment_intent_id)
    if charge.status != "succeeded" or not charge.charge_id:
        return payment
    with transaction.atomic():
        progress = progress_of(payment.job, lock=True)  # one payment at a time
        payment = JobPayment.objects.select_for_update().get(pk=payment.pk)
        if payment.status in (*PAID, P.DUPLICATE):
            return payment
        job = payment.job
        amount = charge.amount_received or payment.amount_cents
        replaced = (
            JobPayment.objects.filter(job=job, status__in=JobPayment.LIVE)
            .exclude(pk=payment.pk)
            .exists()
        )
        payment.status = P.DUPLICATE if replaced else P.SUCCEEDED
        payment.payment_intent_id = payment_intent_id
        payment.charge_id = charge.charge_id
        payment.stripe_fee_cents = charge.fee_cents
        payment.succeeded_at = timezone.now()
        payment.save()
        escrow, stripe_bal = ledger.escrow_account(job), ledger.stripe_account()
        ledger.ledger_post(
            kind="payment",
            job=job,
            stripe_object_id=charge.charge_id,
            lines=[ledger.Line(stripe_bal, amount), ledger.Line(escrow, -amount)],
        )
        if charge.fee_cents:
            ledger.ledger_post(
                kind="stripe_fee",
                job=job,
                stripe_object_id=charge.charge_id,
                lines=[
                    ledger.Line(ledger.stripe_fees_account(), charge.fee_cents),
                    ledger.Line(stripe_bal, -charge.fee_cents),
                ],
            )
        JobEvent.objects.create(
            job=job,
            from_status=progress.status,
            to_status=progress.status,
            detail={"paid_cents": amount, **({"duplicate": True} if replaced else {})},
        )
        if replaced or progress.status == JobStatus.CANCELLED:
            refund_prepare(payment=payment, amount_cents=amount, actor=None)
    return payment


def payment_failed(*, payment: JobPayment) -> JobPayment:
    """The payment page expired or failed: the poster may start a new payment."""
    with transaction.atomic():
        payment = JobPayment.objects.select_for_update().get(pk=payment.pk)
        if payment.status in LIVE_UNPAID:
            payment.status = P.FAILED
            payment.save(update_fields=["status"])
    return payment


def payment_abandon(*, job: Job) -> None:
    """The job was cancelled before payment: close any open payment page."""
    for payment in job.payments.filter(status__in=LIVE_UNPAID):
        session = payment.checkout_session_id
        payment.status = P.FAILED
        payment.save(update_fields=["status"])
        if session:
            transaction.on_commit(lambda s=session: _expire_quietly(s))


def _expire_quietly(session_id: str) -> None:
    try:
        gateway.expire_checkout(session_id)
    except (GatewayError, PaymentsNotConfigured):
        # Already paid or gone: a payment that still arrives is refunded on arrival.
        logger.info("checkout session could not be expired")


def transfer_prepare(*, job: Job, unit_share_cents: int) -> JobTransfer | None:
    """Decide the transfer of the unit's share (less the platform fee) and run it
    after the transaction commits."""
    from marketplace.money.tasks import job_transfer_task

    payment = paid_payment(job)
    site = progress_of(job).site
    if payment is None or site is None:
        raise JobRuleError(_("The job has no completed payment to transfer."))
    fee = platform_fee_cents(unit_share_cents)
    account = ConnectedAccount.objects.filter(organisation=site.organisation).first()
    if unit_share_cents - fee <= 0:
        _book_fee_only(job, fee)
        return None
    transfer = JobTransfer.objects.create(
        job=job,
        payment=payment,
        site=site,
        destination=(account.stripe_account_id if account else "") or "",
        amount_cents=unit_share_cents - fee,
        platform_fee_cents=fee,
    )
    transfer.idempotency_key = f"polku-transfer-{transfer.pk}"
    transfer.save(update_fields=["idempotency_key"])
    transaction.on_commit(lambda: job_transfer_task.enqueue(transfer.pk))
    return transfer


def _book_fee_only(job: Job, fee: int) -> None:
    if fee:
        ledger.ledger_post(
            kind="platform_fee",
            job=job,
            lines=[
                ledger.Line(ledger.escrow_account(job), fee),
                ledger.Line(ledger.platform_fees_account(), -fee),
            ],
        )
    job_mark_paid(job=job, transfer_id="")


def transfer_frozen_reason(transfer: JobTransfer) -> str:
    """Why the transfer must wait now ('' when it may go)."""
    job_status = progress_of(transfer.job).status
    if job_status not in (JobStatus.ACCEPTED, JobStatus.PAID):
        return "job not accepted"
    if transfer.payment.chargeback in ("open", "lost"):
        return "chargeback"
    account = ConnectedAccount.objects.filter(
        organisation_id=transfer.site.organisation_id
    ).first()
    if account is None or not account.is_ready or not account.stripe_account_id:
        return "payout account not ready"
    return ""


def transfer_execute(*, transfer_id: int) -> JobTransfer:
    """Send the transfer to Stripe (safe to run twice: same idempotency key)."""
    transfer = JobTransfer.objects.select_related("payment", "site", "job").get(
        pk=transfer_id
    )
    if transfer.status == JobTransfer.Status.SUCCEEDED:
        return transfer
    reason = transfer_frozen_reason(transfer)
    if reason:
        JobTransfer.objects.filter(pk=transfer.pk).update(error=reason)
        return transfer
    account = transfer.site.organisation.stripe_account
    JobTransfer.objects.filter(pk=transfer.pk).update(
        destination=account.stripe_account_id
    )
    try:
        stripe_id = gateway.create_transfer(
            amount_cents=transfer.amount_cents,
            destination=account.stripe_account_id,
            transfer_group=transfer.payment.transfer_group,
            source_transaction=transfer.payment.charge_id,
            job_id=transfer.job_id,
            idempotency_key=transfer.idempotency_key,
        )
    except (GatewayError, PaymentsNotConfigured) as exc:
        JobTransfer.objects.filter(pk=transfer.pk).update(
            status=JobTransfer.Status.FAILED,
            attempts=transfer.attempts + 1,
            error=type(exc).__name__,
        )
        return transfer
    return transfer_succeeded(transfer=transfer, stripe_transfer_id=stripe_id)


@transaction.atomic
def transfer_succeeded(
    *, transfer: JobTransfer, stripe_transfer_id: str
) -> JobTransfer:
    """Book the transfer once: the platform fee is kept, the rest fills the unit's
    work-share fund, and the job is paid."""
    transfer = JobTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status == JobTransfer.Status.SUCCEEDED:
        return transfer
    transfer.status = JobTransfer.Status.SUCCEEDED
    transfer.stripe_transfer_id = stripe_transfer_id
    transfer.completed_at = timezone.now()
    transfer.attempts += 1
    transfer.error = ""
    transfer.save()
    job, site = transfer.job, transfer.site
    escrow = ledger.escrow_account(job)
    if transfer.platform_fee_cents:
        ledger.ledger_post(
            kind="platform_fee",
            job=job,
            stripe_object_id=stripe_transfer_id,
            lines=[
                ledger.Line(escrow, transfer.platform_fee_cents),
                ledger.Line(
                    ledger.platform_fees_account(), -transfer.platform_fee_cents
                ),
            ],
        )
    amount = transfer.amount_cents
    ledger.ledger_post(
        kind="transfer",
        job=job,
        site=site,
        stripe_object_id=stripe_transfer_id,
        lines=[
            ledger.Line(escrow, amount),
            ledger.Line(ledger.stripe_account(), -amount),
            ledger.Line(ledger.unit_cash_account(site.organisation), amount),
            ledger.Line(ledger.unit_fund_account(site), -amount),
        ],
    )
    job_mark_paid(job=job, transfer_id=stripe_transfer_id)
    notify.payout_made(transfer)
    return transfer


def refund_prepare(
    *, payment: JobPayment, amount_cents: int, actor: User | None
) -> JobRefund:
    """Decide a refund to the poster and send it after the transaction commits."""
    from marketplace.money.tasks import job_refund_task

    refund = JobRefund.objects.create(
        payment=payment, amount_cents=amount_cents, created_by=actor
    )
    refund.idempotency_key = f"polku-refund-{refund.pk}"
    refund.save(update_fields=["idempotency_key"])
    transaction.on_commit(lambda: job_refund_task.enqueue(refund.pk))
    return refund


def refund_execute(*, refund_id: int) -> JobRefund:
    """Send the refund to Stripe (safe to run twice: same idempotency key)."""
    refund = JobRefund.objects.select_related("payment").get(pk=refund_id)
    if refund.status == JobRefund.Status.SUCCEEDED:
        return refund
    try:
        stripe_id, status = gateway.create_refund(
            payment_intent_id=refund.payment.payment_intent_id,
            amount_cents=refund.amount_cents,
            job_id=refund.payment.job_id,
            refund_id=refund.pk,
            idempotency_key=refund.idempotency_key,
        )
    except (GatewayError, PaymentsNotConfigured) as exc:
        JobRefund.objects.filter(pk=refund.pk).update(
            status=JobRefund.Status.FAILED, error=type(exc).__name__
        )
        return refund
    JobRefund.objects.filter(pk=refund.pk).update(stripe_refund_id=stripe_id)
    if status == "succeeded":
        return refund_succeeded(stripe_refund_id=stripe_id) or refund
    return refund


@transaction.atomic
def refund_succeeded(*, stripe_refund_id: str) -> JobRefund | None:
    """Book a refund once, when Stripe reports it succeeded."""
    refund = (
        JobRefund.objects.select_for_update()
        .select_related("payment")
        .filter(stripe_refund_id=stripe_refund_id)
        .first()
    )
    if refund is None or refund.status == JobRefund.Status.SUCCEEDED:
        return refund
    refund.status, refund.error = JobRefund.Status.SUCCEEDED, ""
    refund.save()
    payment = JobPayment.objects.select_for_update().get(pk=refund.payment_id)
    payment.refunded_cents += refund.amount_cents
    if payment.status != P.DUPLICATE:  # a duplicate stays one (and not live)
        payment.status = (
            P.REFUNDED
            if payment.refunded_cents >= payment.amount_cents
            else P.PARTIALLY_REFUNDED
        )
    payment.save()
    ledger.ledger_post(
        kind="refund",
        job=payment.job,
        stripe_object_id=stripe_refund_id,
        lines=[
            ledger.Line(ledger.escrow_account(payment.job), refund.amount_cents),
            ledger.Line(ledger.stripe_account(), -refund.amount_cents),
        ],
    )
    return refund
