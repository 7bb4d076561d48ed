"""Money of the job bank: Stripe payments, transfers and refunds, the webhook events
received, the double-entry ledger, and the work-share money allocated to participants.

All amounts are integer cents in euros. Rows that mirror a Stripe object store our
idempotency key (derived from the row's own id) before Stripe is called, so that a
retried call can never charge, transfer or refund twice. Stripe never receives a
participant's personal data: only job ids, amounts and organisation accounts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConnectedAccount(models.Model):
    """An organisation's Stripe Express account, which receives the job money."""

    organisation = models.OneToOneField(
        "marketplace.Organisation",
        on_delete=models.PROTECT,
        related_name="stripe_account",
    )
    idempotency_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True
    )
    stripe_account_id = models.CharField(
        max_length=64, unique=True, null=True, blank=True
    )
    details_submitted = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    transfers_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payout account")
        verbose_name_plural = _("payout accounts")

    def __str__(self) -> str:
        return self.stripe_account_id or f"account {self.pk}"

    @property
    def is_ready(self) -> bool:
        """Ready to receive transfers: onboarding done, transfers and payouts on."""
        return self.details_submitted and self.transfers_active and self.payouts_enabled


class JobPayment(models.Model):
    """The poster's payment of a job's price (a Checkout Session and its PaymentIntent)."""

    class Status(models.TextChoices):
        CREATED = "created", _("Being created")
        OPEN = "open", _("Waiting for payment")
        SUCCEEDED = "succeeded", _("Paid")
        FAILED = "failed", _("Not completed")
        REFUNDED = "refunded", _("Refunded")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partly refunded")
        # paid late for a job another payment had paid already: refunded in full
        DUPLICATE = "duplicate", _("Paid twice, refunded")

    LIVE = ("created", "open", "succeeded", "refunded", "partially_refunded")

    job = models.ForeignKey(
        "marketplace.Job", on_delete=models.PROTECT, related_name="payments"
    )
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    status = models.CharField(max_length=20, choices=Status, default=Status.CREATED)
    idempotency_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True
    )
    checkout_session_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    checkout_url = models.URLField(max_length=2000, blank=True)
    payment_intent_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    charge_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_fee_cents = models.PositiveIntegerField(null=True, blank=True)
    refunded_cents = models.PositiveIntegerField(default=0)
    chargeback = models.CharField(
        _("chargeback"),
        max_length=10,
        blank=True,
        choices=[("open", _("open")), ("won", _("won")), ("lost", _("lost"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(
                fields=["job"],
                condition=models.Q(
                    status__in=[
                        "created",
                        "open",
                        "succeeded",
                        "refunded",
                        "partially_refunded",
                    ]
                ),
                name="one_live_payment_per_job",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(refunded_cents__lte=models.F("amount_cents")),
                name="refund_within_payment",
            ),
        ]

    def __str__(self) -> str:
        return f"payment {self.pk} {self.status}"

    @property
    def transfer_group(self) -> str:
        return transfer_group_for(self.job_id)


def transfer_group_for(job_id: int) -> str:
    """Stripe's transfer group of a job: ties its charge and its transfer together."""
    return f"polku-job-{job_id}"


class JobTransfer(models.Model):
    """The job's money, less the platform fee, to the unit's connected account."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SUCCEEDED = "succeeded", _("Transferred")
        FAILED = "failed", _("Failed, will be retried")

    job = models.OneToOneField(
        "marketplace.Job", on_delete=models.PROTECT, related_name="transfer"
    )
    payment = models.ForeignKey(
        JobPayment, on_delete=models.PROTECT, related_name="transfers"
    )
    site = models.ForeignKey(
        "marketplace.WorkSite", on_delete=models.PROTECT, related_name="transfers"
    )
    destination = models.CharField(max_length=64)
    amount_cents = models.PositiveIntegerField()
    platform_fee_cents = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    idempotency_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True
    )
    stripe_transfer_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    error = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="transfer_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"transfer {self.pk} {self.status}"


class JobRefund(models.Model):
    """Money back to the poster: a cancellation before delivery, or a dispute's share."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Failed")

    payment = models.ForeignKey(
        JobPayment, on_delete=models.PROTECT, related_name="refunds"
    )
    amount_cents = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    idempotency_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True
    )
    stripe_refund_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    error = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="refund_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"refund {self.pk} {self.status}"


class StripeEvent(models.Model):
    """A webhook event from Stripe, stored once by its id: a replay changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    livemode = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=200, blank=True)
    payload = models.JSONField()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class LedgerAccount(models.Model):
    """An account of the double-entry ledger; ``key`` names it uniquely.

    Debits are positive and credits negative; every entry's lines sum to zero.
    """

    class Kind(models.TextChoices):
        STRIPE = "stripe", _("Platform's Stripe balance")
        STRIPE_FEES = "stripe_fees", _("Stripe fees")
        PLATFORM_FEES = "platform_fees", _("Platform fees")
        ESCROW = "escrow", _("Held for a job")
        UNIT_CASH = "unit_cash", _("Unit's payout account")
        UNIT_FUND = "unit_fund", _("Unit's work-share fund")
        PARTICIPANT = "participant", _("Work-share money earned")

    kind = models.CharField(max_length=20, choices=Kind)
    key = models.CharField(max_length=120, unique=True)
    job = models.ForeignKey(
        "marketplace.Job", on_delete=models.PROTECT, null=True, related_name="+"
    )
    site = models.ForeignKey(
        "marketplace.WorkSite", on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    client = models.ForeignKey(
        "marketplace.Client", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")

    def __str__(self) -> str:
        return self.key


class LedgerEntry(models.Model):
    """One money movement, made of lines that sum to zero."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment received")
        STRIPE_FEE = "stripe_fee", _("Stripe fee")
        PLATFORM_FEE = "platform_fee", _("Platform fee")
        TRANSFER = "transfer", _("Transfer to the unit")
        REFUND = "refund", _("Refund to the poster")
        ALLOCATION = "allocation", _("Work-share allocation")
        CHARGEBACK = "chargeback", _("Chargeback withdrawn")
        CHARGEBACK_REVERSAL = "chargeback_reversal", _("Chargeback reinstated")

    kind = models.CharField(max_length=30, choices=Kind)
    job = models.ForeignKey(
        "marketplace.Job",
        on_delete=models.PROTECT,
        null=True,
        related_name="ledger_entries",
    )
    site = models.ForeignKey(
        "marketplace.WorkSite",
        on_delete=models.PROTECT,
        null=True,
        related_name="ledger_entries",
    )
    stripe_object_id = models.CharField(max_length=255, blank=True)
    memo = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "stripe_object_id"],
                condition=~models.Q(stripe_object_id=""),
                name="one_entry_per_stripe_object_and_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class LedgerLine(models.Model):
    """A debit (positive) or credit (negative) of one account in one entry.

    On PostgreSQL a deferred constraint trigger refuses a transaction that leaves an
    entry unbalanced, and lines cannot be changed or deleted (migration 0007).
    """

    entry = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, related_name="lines"
    )
    account = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="lines"
    )
    amount_cents = models.BigIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount_cents=0), name="ledger_line_not_zero"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.amount_cents:+d}"


class WorkShareAllocation(models.Model):
    """Work-share money from the unit's fund to one participant for one day.

    ``amount_cents`` is the unit's daily rate, reduced so that together with the
    work-share money the participant already has for that day (``other_cents``:
    attendance at the unit and other allocations) it never exceeds ``cap_cents``,
    the daily cap in force when the allocation was made.
    """

    site = models.ForeignKey(
        "marketplace.WorkSite",
        on_delete=models.PROTECT,
        related_name="work_share_allocations",
    )
    client = models.ForeignKey(
        "marketplace.Client",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="work_share_allocations",
    )
    date = models.DateField(_("date"))
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    rate_cents = models.PositiveIntegerField()
    cap_cents = models.PositiveIntegerField()
    other_cents = models.PositiveIntegerField(default=0)
    entry = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, related_name="allocations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "client__name"]
        verbose_name = _("work-share allocation")
        verbose_name_plural = _("work-share allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "client", "date"], name="one_allocation_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="allocation_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__lte=models.F("rate_cents")),
                name="allocation_within_rate",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    amount_cents__lte=models.F("cap_cents") - models.F("other_cents")
                ),
                name="allocation_within_daily_cap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount_cents}"
