"""Calls to Stripe through the official library's ``StripeClient`` (v1 API).

Connect with separate charges and transfers: the poster pays on Stripe's hosted
Checkout page, which creates a PaymentIntent on the platform account carrying the
job's ``transfer_group``; when the job is accepted the platform transfers the money,
less its fee, to the unit's Express account with ``source_transaction`` set to the
charge, so the transfer can never outrun the payment.

Every creating call takes an idempotency key that the caller has derived from its own
row id and stored before calling; a retried call therefore returns the first result.
Tests replace the HTTP client with an in-process fake (:func:`use_http_client`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings

from marketplace.money.payments.exceptions import (
    GatewayError,
    NotFoundAtStripe,
    PaymentsNotConfigured,
)

logger = logging.getLogger(__name__)

_http_client: stripe.HTTPClient | None = None


def use_http_client(client: stripe.HTTPClient | None) -> None:
    """Send Stripe requests through ``client`` (tests: an in-process fake)."""
    global _http_client
    _http_client = client


def payments_enabled() -> bool:
    """Both keys are needed: the secret key to call Stripe, the webhook secret to
    trust what Stripe reports back (refunds, disputes, account changes)."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def _client() -> stripe.StripeClient:
    if not payments_enabled():
        raise PaymentsNotConfigured()
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        http_client=_http_client,
        max_network_retries=2,
    )


def _call(what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one Stripe call; its errors become a :class:`GatewayError` (logged by
    type and request id only: Stripe's messages may echo the request)."""
    try:
        return fn(*args, **kwargs)
    except stripe.StripeError as exc:
        logger.warning(
            "stripe %s failed: %s (request %s)",
            what,
            type(exc).__name__,
            getattr(exc, "request_id", None),
        )
        if getattr(exc, "http_status", None) == 404:
            raise NotFoundAtStripe() from exc
        raise GatewayError() from exc


def _opts(idempotency_key: str | None = None) -> dict[str, Any]:
    return {"idempotency_key": idempotency_key} if idempotency_key else {}


@dataclass(frozen=True)
class Checkout:
    id: str
    url: str
    status: str  # open, complete, expired
    payment_status: str  # unpaid, paid, no_payment_required
    payment_intent_id: str | None


@dataclass(frozen=True)
class Charge:
    payment_intent_id: str
    status: str
    amount_received: int
    charge_id: str | None
    fee_cents: int | None  # None while Stripe has not settled the fee


def _id(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.get("id")


def _checkout(session: Any) -> Checkout:
    data = session.to_dict()
    return Checkout(
        id=data["id"],
        url=data.get("url") or "",
        status=data.get("status") or "",
        payment_status=data.get("payment_status") or "",
        payment_intent_id=_id(data.get("payment_intent")),
    )


def create_checkout(
    *,
    payment_id: int,
    job_id: int,
    description: str,
    amount_cents: int,
    transfer_group: str,
    success_url: str,
    cancel_url: str,
    idempotency_key: str,
) -> Checkout:
    """A hosted Checkout page for the job's price; its PaymentIntent carries the
    job's transfer group. Only our ids go in the metadata."""
    ids = {"polku_job": str(job_id), "polku_payment": str(payment_id)}
    params = {
        "mode": "payment",
        "client_reference_id": str(payment_id),
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": settings.STRIPE_CURRENCY,
                    "unit_amount": amount_cents,
                    "product_data": {"name": description[:250]},
                },
            }
        ],
        "payment_intent_data": {"transfer_group": transfer_group, "metadata": ids},
        "metadata": ids,
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    client = _client()
    session = _call(
        "checkout", client.v1.checkout.sessions.create, params, _opts(idempotency_key)
    )
    return _checkout(session)


def retrieve_checkout(session_id: str) -> Checkout:
    client = _client()
    return _checkout(
        _call("checkout", client.v1.checkout.sessions.retrieve, session_id)
    )


def retrieve_charge(payment_intent_id: str) -> Charge:
    """The PaymentIntent with its charge and the charge's Stripe fee."""
    client = _client()
    intent = _call(
        "payment intent",
        client.v1.payment_intents.retrieve,
        payment_intent_id,
        {"expand": ["latest_charge.balance_transaction"]},
    ).to_dict()
    charge = intent.get("latest_charge")
    fee = None
    if isinstance(charge, dict) and isinstance(charge.get("balance_transaction"), dict):
        fee = int(charge["balance_transaction"].get("fee") or 0)
    return Charge(
        payment_intent_id=intent["id"],
        status=intent.get("status") or "",
        amount_received=int(intent.get("amount_received") or 0),
        charge_id=_id(charge),
        fee_cents=fee,
    )


def create_transfer(
    *,
    amount_cents: int,
    destination: str,
    transfer_group: str,
    source_transaction: str,
    job_id: int,
    idempotency_key: str,
) -> str:
    """Move a job's money to the unit's connected account; returns the transfer id."""
    client = _client()
    params = {
        "amount": amount_cents,
        "currency": settings.STRIPE_CURRENCY,
        "destination": destination,
        "transfer_group": transfer_group,
        "source_transaction": source_transaction,
        "metadata": {"polku_job": str(job_id)},
    }
    transfer = _call(
        "transfer", client.v1.transfers.create, params, _opts(idempotency_key)
    )
    return str(transfer.id)


def create_refund(
    *,
    payment_intent_id: str,
    amount_cents: int,
    job_id: int,
    refund_id: int,
    idempotency_key: str,
) -> tuple[str, str]:
    """Refund (part of) a payment to the poster; returns the refund id and status.
    Our refund's id goes in the metadata, so that its webhook finds it even when it
    comes before this call's answer is stored."""
    client = _client()
    params = {
        "payment_intent": payment_intent_id,
        "amount": amount_cents,
        "metadata": {"polku_job": str(job_id), "polku_refund": str(refund_id)},
    }
    refund = _call("refund", client.v1.refunds.create, params, _opts(idempotency_key))
    return str(refund.id), str(refund.status)


@dataclass(frozen=True)
class AccountState:
    id: str
    details_submitted: bool
    payouts_enabled: bool
    transfers_active: bool


def account_state(data: dict[str, Any]) -> AccountState:
    """An Account object (from the API or a webhook) as what Polku needs of it."""
    capabilities = data.get("capabilities") or {}
    return AccountState(
        id=data["id"],
        details_submitted=bool(data.get("details_submitted")),
        payouts_enabled=bool(data.get("payouts_enabled")),
        transfers_active=capabilities.get("transfers") == "active",
    )


def create_express_account(*, organisation_id: int, idempotency_key: str) -> str:
    """An Express account for an organisation; Stripe collects its details."""
    client = _client()
    params = {
        "type": "express",
        "country": settings.STRIPE_ACCOUNT_COUNTRY,
        "capabilities": {"transfers": {"requested": True}},
        "metadata": {"polku_organisation": str(organisation_id)},
    }
    account = _call(
        "account", client.v1.accounts.create, params, _opts(idempotency_key)
    )
    return str(account.id)


def create_onboarding_link(
    *, account_id: str, refresh_url: str, return_url: str
) -> str:
    """A one-time link to Stripe's Express onboarding (links expire within minutes)."""
    client = _client()
    params = {
        "account": account_id,
        "refresh_url": refresh_url,
        "return_url": return_url,
        "type": "account_onboarding",
    }
    link = _call("account link", client.v1.account_links.create, params)
    return str(link.url)


def retrieve_account(account_id: str) -> AccountState:
    client = _client()
    return account_state(
        _call("account", client.v1.accounts.retrieve, account_id).to_dict()
    )


@dataclass(frozen=True)
class BalanceTransaction:
    id: str
    type: str
    amount: int
    fee: int
    net: int
    source_id: str | None
    created: dt.datetime


def balance_transactions(
    *, since: dt.datetime, until: dt.datetime
) -> Iterator[BalanceTransaction]:
    """The platform's balance transactions created in [since, until)."""
    client = _client()
    params = {
        "created": {"gte": int(since.timestamp()), "lt": int(until.timestamp())},
        "limit": 100,
    }
    page = _call("balance", client.v1.balance_transactions.list, params)
    try:
        for bt in page.auto_paging_iter():
            data = bt.to_dict()
            yield BalanceTransaction(
                id=data["id"],
                type=data.get("type") or "",
                amount=int(data.get("amount") or 0),
                fee=int(data.get("fee") or 0),
                net=int(data.get("net") or 0),
                source_id=_id(data.get("source")),
                created=dt.datetime.fromtimestamp(int(data["created"]), tz=dt.UTC),
            )
    except stripe.StripeError as exc:
        raise GatewayError() from exc


def expire_checkout(session_id: str) -> None:
    """Close an unfinished payment page (the job was cancelled before payment)."""
    client = _client()
    _call("checkout", client.v1.checkout.sessions.expire, session_id)


@dataclass(frozen=True)
class DisputeFunds:
    """A balance transaction of a dispute: the bank taking the money back (negative)
    or returning it (positive), with Stripe's dispute fee."""

    id: str
    amount: int
    fee: int


@dataclass(frozen=True)
class Dispute:
    id: str
    charge_id: str | None
    payment_intent_id: str | None
    status: str  # needs_response, under_review, won, lost, warning_* …
    funds: tuple[DisputeFunds, ...]


def retrieve_dispute(dispute_id: str) -> Dispute:
    """The dispute as Stripe has it now (its events may arrive in any order)."""
    client = _client()
    data = _call("dispute", client.v1.disputes.retrieve, dispute_id).to_dict()
    funds = tuple(
        DisputeFunds(
            id=str(bt.get("id") or ""),
            amount=int(bt.get("amount") or 0),
            fee=int(bt.get("fee") or 0),
        )
        for bt in data.get("balance_transactions") or []
        if isinstance(bt, dict)
    )
    return Dispute(
        id=data["id"],
        charge_id=_id(data.get("charge")),
        payment_intent_id=_id(data.get("payment_intent")),
        status=str(data.get("status") or ""),
        funds=funds,
    )


def payment_id_of_intent(payment_intent_id: str) -> int | None:
    """Our payment's id from a PaymentIntent's metadata (put there at checkout)."""
    client = _client()
    intent = _call(
        "payment intent", client.v1.payment_intents.retrieve, payment_intent_id
    ).to_dict()
    value = str((intent.get("metadata") or {}).get("polku_payment") or "")
    return int(value) if value.isdigit() else None
