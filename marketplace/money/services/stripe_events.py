"""Handling Stripe's webhook events: each event id is stored once, then handled.

A replayed event (same id) changes nothing; an event type Polku does not use is
stored, acknowledged and ignored. Handlers look objects up by the ids Polku stored
or put in the metadata, and every booking is idempotent on its own as well (one
ledger entry per Stripe object and kind), so two different events about the same
payment cannot book it twice either.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from marketplace.jobs.status import progress_of, status_move
from marketplace.models import JobPayment, JobTransfer, StripeEvent
from marketplace.models.jobs import JobStatus
from marketplace.money.payments import gateway
from marketplace.money.services import ledger, payouts
from marketplace.money.services import payments as money

logger = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], str]


def stripe_event_receive(event: dict[str, Any]) -> str:
    """Store the event by id and handle it; returns what happened (for the log).

    Storing and handling are one transaction: if handling fails, the event is not
    kept and Stripe's retry is handled afresh."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = StripeEvent.objects.create(
                    event_id=event["id"],
                    type=event["type"],
                    livemode=bool(event.get("livemode")),
                    payload=event,
                )
        except IntegrityError:
            return "replay"
        handler = HANDLERS.get(event["type"])
        obj = (event.get("data") or {}).get("object") or {}
        outcome = handler(obj) if handler else "ignored"
        row.outcome = outcome[:200]
        row.save(update_fields=["outcome"])
    return outcome


def _payment(obj: dict[str, Any], *, session: bool) -> JobPayment | None:
    """The payment by the Stripe id we stored, or by our own id in the metadata."""
    field = "checkout_session_id" if session else "payment_intent_id"
    match = Q(**{field: obj.get("id")})
    payment_id = _int((obj.get("metadata") or {}).get("polku_payment"))
    if payment_id is not None:
        match |= Q(pk=payment_id)
    return JobPayment.objects.filter(match).first()


def _int(value: Any) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _checkout_paid(obj: dict[str, Any]) -> str:
    payment = _payment(obj, session=True)
    intent = obj.get("payment_intent")
    intent = intent.get("id") if isinstance(intent, dict) else intent
    if payment is None or obj.get("payment_status") != "paid" or not intent:
        return "no matching unpaid payment"
    money.payment_succeeded(payment=payment, payment_intent_id=intent)
    return "payment booked"


def _checkout_expired(obj: dict[str, Any]) -> str:
    payment = _payment(obj, session=True)
    if payment is None:
        return "no matching payment"
    money.payment_failed(payment=payment)
    return "payment page closed"


def _intent_succeeded(obj: dict[str, Any]) -> str:
    payment = _payment(obj, session=False)
    if payment is None:
        return "no matching payment"
    money.payment_succeeded(payment=payment, payment_intent_id=obj["id"])
    return "payment booked"


def _refund_updated(obj: dict[str, Any]) -> str:
    if obj.get("status") != "succeeded":
        return f"refund {obj.get('status')}"
    refund = money.refund_succeeded(stripe_refund_id=obj["id"])
    return "refund booked" if refund is not None else "no matching refund"


def _transfer_created(obj: dict[str, Any]) -> str:
    meta = obj.get("metadata") or {}
    transfer = JobTransfer.objects.filter(
        Q(stripe_transfer_id=obj["id"]) | Q(job_id=_int(meta.get("polku_job")))
    ).first()
    if transfer is None:
        return "no matching transfer"
    money.transfer_succeeded(transfer=transfer, stripe_transfer_id=obj["id"])
    return "transfer booked"


def _account_updated(obj: dict[str, Any]) -> str:
    account = payouts.payout_account_apply(gateway.account_state(obj))
    return "account updated" if account is not None else "unknown account"


def _disputed_payment(obj: dict[str, Any]) -> JobPayment | None:
    charge = obj.get("charge")
    charge = charge.get("id") if isinstance(charge, dict) else charge
    return JobPayment.objects.filter(charge_id=charge).first() if charge else None


def _dispute_created(obj: dict[str, Any]) -> str:
    """A chargeback: the job's transfer is frozen until the bank decides."""
    payment = _disputed_payment(obj)
    if payment is None:
        return "no matching payment"
    JobPayment.objects.filter(pk=payment.pk).update(chargeback="open")
    return "transfer frozen"


def _dispute_balance(obj: dict[str, Any], positive: bool) -> dict[str, Any] | None:
    """The dispute's balance transaction that withdrew (or reinstated) the funds."""
    for bt in reversed(obj.get("balance_transactions") or []):
        if isinstance(bt, dict) and (bt.get("amount", 0) > 0) == positive:
            return bt
    return None


def _dispute_funds(obj: dict[str, Any], *, reinstated: bool) -> str:
    """Book the money the bank took back (or returned), with Stripe's dispute fee."""
    payment = _disputed_payment(obj)
    bt = _dispute_balance(obj, positive=reinstated)
    if payment is None or bt is None:
        return "no matching payment"
    amount, fee = int(bt["amount"]), int(bt.get("fee") or 0)
    stripe_bal = ledger.stripe_account()
    lines = [
        ledger.Line(stripe_bal, amount - fee),
        ledger.Line(ledger.escrow_account(payment.job), -amount),
        ledger.Line(ledger.stripe_fees_account(), fee),
    ]
    ledger.ledger_post(
        kind="chargeback_reversal" if reinstated else "chargeback",
        job=payment.job,
        stripe_object_id=obj["id"],
        lines=[line for line in lines if line.amount_cents],
    )
    return "chargeback booked"


def _dispute_closed(obj: dict[str, Any]) -> str:
    """Won: the frozen transfer may go. Lost: the poster has the money back through
    their bank, so a job not yet paid out is cancelled without a transfer."""
    payment = _disputed_payment(obj)
    if payment is None:
        return "no matching payment"
    won = obj.get("status") in ("won", "warning_closed")
    JobPayment.objects.filter(pk=payment.pk).update(chargeback="won" if won else "lost")
    if won:
        payouts.retry_transfers()
        return "chargeback won"
    progress = progress_of(payment.job, lock=True)
    if progress.status not in (JobStatus.PAID, JobStatus.CLOSED, JobStatus.CANCELLED):
        status_move(progress, JobStatus.CANCELLED, None, chargeback_lost=obj["id"])
    return "chargeback lost"


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": _checkout_paid,
    "checkout.session.async_payment_succeeded": _checkout_paid,
    "checkout.session.expired": _checkout_expired,
    "checkout.session.async_payment_failed": _checkout_expired,
    "payment_intent.succeeded": _intent_succeeded,
    "refund.created": _refund_updated,
    "refund.updated": _refund_updated,
    "charge.refund.updated": _refund_updated,
    "transfer.created": _transfer_created,
    "account.updated": _account_updated,
    "charge.dispute.created": _dispute_created,
    "charge.dispute.funds_withdrawn": lambda o: _dispute_funds(o, reinstated=False),
    "charge.dispute.funds_reinstated": lambda o: _dispute_funds(o, reinstated=True),
    "charge.dispute.closed": _dispute_closed,
}


def events_received_since(days: int = 30) -> int:
    since = timezone.now() - dt.timedelta(days=days)
    return StripeEvent.objects.filter(received_at__gte=since).count()
