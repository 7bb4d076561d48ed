"""Errors of the payment gateway; their messages are safe to show to users."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class PaymentError(Exception):
    """Base of the gateway's errors."""

    default_message = _("The payment service did not answer. Try again in a moment.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or str(self.default_message))


class PaymentsNotConfigured(PaymentError):
    """No Stripe keys in the environment: paid jobs are switched off."""

    default_message = _(
        "Payments are not configured on this Polku installation, so paid jobs "
        "cannot be paid or taken yet. Unpaid jobs work as usual."
    )


class GatewayError(PaymentError):
    """Stripe refused the request or could not be reached; nothing was charged twice."""


class NotFoundAtStripe(GatewayError):
    """Stripe does not know the object asked for (HTTP 404)."""


class InvalidWebhook(PaymentError):
    """The webhook's signature or body is not valid: it is not from Stripe."""

    default_message = _("The webhook signature is not valid.")
