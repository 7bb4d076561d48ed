"""Chargebacks (Stripe disputes): Polku keeps what Stripe has, whatever the order of
its events.

Rules enforced here:
- every dispute event is handled by reading the dispute from Stripe, so events that
  arrive late, twice or newest first leave the payment's chargeback as the dispute
  is now: open while Stripe has it open, won or lost when it is closed; a decided
  chargeback never opens again;
- a dispute about a payment whose own event has not arrived yet books that payment
  first (from Stripe's PaymentIntent), so no chargeback is lost;
- each movement of the dispute's money is booked once: the bank taking it back
  (with Stripe's dispute fee) and, if won, returning it;
- won: a transfer frozen by the chargeback may go; lost: a job not yet paid out is
  cancelled without a transfer.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from marketplace.jobs.status import progress_of, status_move
from marketplace.models import JobPayment
from marketplace.models.jobs import JobStatus
from marketplace.money.payments import gateway
from marketplace.money.services import ledger, payouts
from marketplace.money.services import payments as money

OPEN = "open"
WON = "won"
LOST = "lost"
#: Stripe's dispute statuses as Polku's chargeback state ("warning_*" are inquiries
#: that may become chargebacks; a closed inquiry took no money).
STATES = {
    "warning_needs_response": OPEN,
    "warning_under_review": OPEN,
    "needs_response": OPEN,
    "under_review": OPEN,
    "won": WON,
    "warning_closed": WON,
    "prevented": WON,
    "lost": LOST,
}


def _payment_of(dispute: gateway.Dispute) -> JobPayment | None:
    match = Q(pk__in=[])
    if dispute.charge_id:
        match |= Q(charge_id=dispute.charge_id)
    if dispute.payment_intent_id:
        match |= Q(payment_intent_id=dispute.payment_intent_id)
    payment = JobPayment.objects.filter(match).first()
    if payment is None and dispute.payment_intent_id:
        # The payment's own event has not arrived yet: book it from Stripe now.
        payment_id = gateway.payment_id_of_intent(dispute.payment_intent_id)
        if payment_id is None:
            return None
        payment = JobPayment.objects.filter(pk=payment_id).first()
        if payment is not None:
            payment = money.payment_succeeded(
                payment=payment, payment_intent_id=dispute.payment_intent_id
            )
    return payment if payment is not None and payment.charge_id else None


def _book_funds(payment: JobPayment, dispute: gateway.Dispute) -> None:
    """The money the bank took back (and returned), each booked once."""
    for funds in dispute.funds:
        if not funds.amount:
            continue
        stripe_bal = ledger.stripe_account()
        lines = [
            ledger.Line(stripe_bal, funds.amount - funds.fee),
            ledger.Line(ledger.escrow_account(payment.job), -funds.amount),
            ledger.Line(ledger.stripe_fees_account(), funds.fee),
        ]
        ledger.ledger_post(
            kind="chargeback_reversal" if funds.amount > 0 else "chargeback",
            job=payment.job,
            stripe_object_id=dispute.id,
            lines=[line for line in lines if line.amount_cents],
        )


def _cancel_unpaid_out(payment: JobPayment, dispute_id: str) -> None:
    """Lost: the poster's bank has the money back, so a job not yet paid out is
    cancelled without a transfer."""
    progress = progress_of(payment.job, lock=True)
    if progress.status not in (JobStatus.PAID, JobStatus.CLOSED, JobStatus.CANCELLED):
        status_move(progress, JobStatus.CANCELLED, None, chargeback_lost=dispute_id)


def chargeback_sync(*, dispute_id: str) -> str:
    """Bring the payment's chargeback and its booked money to the dispute's state at
    Stripe; returns what happened (for the event log)."""
    dispute = gateway.retrieve_dispute(dispute_id)
    state = STATES.get(dispute.status, OPEN)
    payment = _payment_of(dispute)
    if payment is None:
        return "no matching payment"
    with transaction.atomic():
        payment = JobPayment.objects.select_for_update().get(pk=payment.pk)
        _book_funds(payment, dispute)
        before = payment.chargeback
        if before in (WON, LOST) or before == state:
            return f"chargeback {before}"
        payment.chargeback = state
        payment.save(update_fields=["chargeback"])
        if state == WON:
            payouts.retry_transfers()
        elif state == LOST:
            _cancel_unpaid_out(payment, dispute.id)
    return {OPEN: "transfer frozen", WON: "chargeback won", LOST: "chargeback lost"}[
        state
    ]
