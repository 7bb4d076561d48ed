"""Money: Stripe switched on against the in-process fake, ready payout accounts,
signed webhook events, and a job paid through Checkout."""

from __future__ import annotations

from typing import Any

from marketplace.models import ConnectedAccount, Job
from marketplace.money.payments import gateway
from tests.stripe_fake import SECRET_KEY, WEBHOOK_SECRET, FakeStripe, signed


def payments_on(settings: Any) -> FakeStripe:
    """Payments switched on, every Stripe call answered by an in-process fake (undo
    with :func:`payments_off`)."""
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    fake = FakeStripe()
    gateway.use_http_client(fake)
    return fake


def payments_off() -> None:
    gateway.use_http_client(None)


def ready_account(
    organisation: Any, fake: FakeStripe | None = None
) -> ConnectedAccount:
    """A payout account that finished onboarding (at the fake, when given)."""
    stripe_id = f"acct_ready_{organisation.pk}"
    if fake is not None:
        stripe_id = fake._account({"type": "express"})["id"]
        fake.complete_onboarding(stripe_id)
    return ConnectedAccount.objects.create(
        organisation=organisation,
        idempotency_key=f"polku-account-test-{organisation.pk}",
        stripe_account_id=stripe_id,
        details_submitted=True,
        payouts_enabled=True,
        transfers_active=True,
    )


def send_event(client: Any, event: dict[str, Any]) -> Any:
    """POST the event to the webhook, signed as Stripe signs it."""
    payload, header = signed(event)
    return client.post(
        "/oma/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def start_payment(bank: dict[str, Any], job: Job) -> Any:
    from marketplace.money.services.payments import payment_start

    return payment_start(
        actor=bank["poster"],
        job=job,
        success_url="https://polku.test/maksettu/",
        cancel_url="https://polku.test/tyo/",
    )


def pay(bank: dict[str, Any], job: Job, client: Any, capture: Any) -> Any:
    """The poster pays on the Checkout page (9,25 € Stripe fee); Stripe sends the
    webhook. ``capture`` is pytest-django's django_capture_on_commit_callbacks."""
    payment = start_payment(bank, job)
    event = bank["fake"].complete_checkout(payment.checkout_session_id, fee_cents=925)
    with capture(execute=True):
        assert send_event(client, event).status_code == 200
    payment.refresh_from_db()
    return payment
