"""Handling Stripe's webhook events: each event id is stored once, then handled.

Rules enforced here:
- a replayed event (same id) changes nothing; an event type Polku does not use is
  stored, acknowledged and ignored;
- events may arrive in any order: handlers act on the state of the Stripe object
  (the payment read from Stripe, the dispute read from Stripe), and every booking is
  idempotent on its own (one ledger entry per Stripe object and kind), so two
  events about the same payment cannot book it twice either;
- a signed event whose object is malformed (no id, a value of the wrong type) is
  stored, acknowledged and logged, and books nothing (its handling is rolled back);
- when Stripe cannot be reached, nothing is stored and the webhook answers 503, so
  that Stripe delivers the event again later.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any, TypeGuard

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from marketplace.models import JobPayment, JobRefund, JobTransfer, StripeEvent
from marketplace.money.payments import gateway
from marketplace.money.payments.exceptions import NotFoundAtStripe
from marketplace.money.services import chargebacks, payouts
from marketplace.money.services import payments as money

logger = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], str]
#: What the model's columns hold (longer values cannot be Stripe's).
MAX_EVENT_ID, MAX_EVENT_TYPE = 255, 100


class MalformedEvent(ValueError):
    """The event's object lacks what its type must have, or has the wrong type."""


def stripe_event_receive(event: dict[str, Any]) -> str:
    """Store the event by id and handle it; returns what happened (for the log).

    Storing and handling are one transaction: if Stripe cannot be reached while
    handling, the event is not kept and Stripe's retry is handled afresh."""
    event_id, type_ = event.get("id"), event.get("type")
    if not (_text(event_id, MAX_EVENT_ID) and _text(type_, MAX_EVENT_TYPE)):
        logger.warning("stripe event malformed: id or type missing or too long")
        return "malformed event: id or type"
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = StripeEvent.objects.create(
                    event_id=event_id,
                    type=type_,
                    livemode=event.get("livemode") is True,
                    payload=event,
                )
        except IntegrityError:
            return "replay"
        outcome = _handle(event_id, type_, event.get("data"))
        row.outcome = outcome[:200]
        row.save(update_fields=["outcome"])
    return outcome


def _handle(event_id: str, type_: str, data: Any) -> str:
    handler = HANDLERS.get(type_)
    if handler is None:
        return "ignored"
    obj = data.get("object") if isinstance(data, dict) else None
    try:
        if not isinstance(obj, dict) or not _text(obj.get("id"), MAX_EVENT_ID):
            raise MalformedEvent("no object id")
        with transaction.atomic():  # a malformed object books nothing
            return handler(obj)
    except NotFoundAtStripe:
        logger.warning("stripe event %s %s: object unknown at Stripe", event_id, type_)
        return "unknown at Stripe"
    except MalformedEvent as exc:
        logger.warning("stripe event %s %s malformed: %s", event_id, type_, exc)
        return f"malformed event: {exc}"
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # A shape no check above foresaw: acknowledged, nothing booked, and logged
        # with its traceback (Stripe's objects carry only our own ids).
        logger.error("stripe event %s %s not handled", event_id, type_, exc_info=True)
        return f"malformed event: {type(exc).__name__}"


def _text(value: Any, limit: int) -> TypeGuard[str]:
    return isinstance(value, str) and 0 < len(value) <= limit


def _metadata(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata")
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise MalformedEvent("metadata is not an object")
    return meta


def _ref(obj: dict[str, Any], name: str) -> str | None:
    """An id field that Stripe sends as a string or as the expanded object."""
    value = obj.get(name)
    if isinstance(value, dict):
        value = value.get("id")
    if value is None:
        return None
    if not _text(value, MAX_EVENT_ID):
        raise MalformedEvent(f"{name} is not an id")
    return str(value)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str | int) and str(value).isdigit() else None


def _payment(obj: dict[str, Any], *, session: bool) -> JobPayment | None:
    """The payment by the Stripe id we stored, or by our own id in the metadata."""
    field = "checkout_session_id" if session else "payment_intent_id"
    match = Q(**{field: obj["id"]})
    payment_id = _int(_metadata(obj).get("polku_payment"))
    if payment_id is not None:
        match |= Q(pk=payment_id)
    return JobPayment.objects.filter(match).first()


def _checkout_paid(obj: dict[str, Any]) -> str:
    payment = _payment(obj, session=True)
    intent = _ref(obj, "payment_intent")
    if payment is None or obj.get("payment_status") != "paid" or not intent:
        return "no matching unpaid payment"
    payment = money.payment_succeeded(payment=payment, payment_intent_id=intent)
    if payment.status == JobPayment.Status.DUPLICATE:
        return "payment booked and refunded (another payment had been made)"
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
        return f"refund {str(obj.get('status'))[:40]}"
    refund_id = _int(_metadata(obj).get("polku_refund"))
    if refund_id is not None:  # the webhook came before the call's answer was stored
        JobRefund.objects.filter(pk=refund_id, stripe_refund_id__isnull=True).update(
            stripe_refund_id=obj["id"]
        )
    refund = money.refund_succeeded(stripe_refund_id=obj["id"])
    return "refund booked" if refund is not None else "no matching refund"


def _transfer_created(obj: dict[str, Any]) -> str:
    job_id = _int(_metadata(obj).get("polku_job"))
    transfer = JobTransfer.objects.filter(
        Q(stripe_transfer_id=obj["id"]) | Q(job_id=job_id)
    ).first()
    if transfer is None:
        return "no matching transfer"
    money.transfer_succeeded(transfer=transfer, stripe_transfer_id=obj["id"])
    return "transfer booked"


def _account_updated(obj: dict[str, Any]) -> str:
    if not isinstance(obj.get("capabilities") or {}, dict):
        raise MalformedEvent("capabilities is not an object")
    account = payouts.payout_account_apply(gateway.account_state(obj))
    return "account updated" if account is not None else "unknown account"


def _dispute(obj: dict[str, Any]) -> str:
    """Any dispute event: the chargeback follows the dispute as Stripe has it now."""
    return chargebacks.chargeback_sync(dispute_id=obj["id"])


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
    "charge.dispute.created": _dispute,
    "charge.dispute.funds_withdrawn": _dispute,
    "charge.dispute.funds_reinstated": _dispute,
    "charge.dispute.closed": _dispute,
}


def events_received_since(days: int = 30) -> int:
    since = timezone.now() - dt.timedelta(days=days)
    return StripeEvent.objects.filter(received_at__gte=since).count()
