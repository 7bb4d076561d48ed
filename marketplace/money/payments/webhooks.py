"""Webhook verification: the signature is checked over the raw body, as sent."""

from __future__ import annotations

import json
from typing import Any

import stripe
from django.conf import settings

from marketplace.money.payments.exceptions import InvalidWebhook, PaymentsNotConfigured
from marketplace.money.payments.gateway import payments_enabled


def verified_event(payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event as a plain dict, if ``signature`` is Stripe's for exactly this body
    and recent (Stripe's default tolerance, 5 minutes); else :class:`InvalidWebhook`."""
    if not payments_enabled():
        raise PaymentsNotConfigured()
    client = stripe.StripeClient(settings.STRIPE_SECRET_KEY)
    try:
        client.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    except (stripe.SignatureVerificationError, ValueError) as exc:
        raise InvalidWebhook() from exc
    event = json.loads(payload)
    if not isinstance(event, dict) or not event.get("id") or not event.get("type"):
        raise InvalidWebhook()
    return event
