"""E-mail notifications: each one sent is a row (an outbox), written in the same
transaction as the event and sent by the background worker.

A row holds ids and dates, never a message: the worker renders it in the
recipient's language when it sends. ``(recipient, kind, key)`` is unique, so the
same event (a visit booked for a time, a review of a period) is told once however
often the daily reminders run. Sending is ``marketplace.notifications``' job.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    VISIT_BOOKED = "visit_booked", _("An introductory visit is booked or changed")
    VISIT_CANCELLED = "visit_cancelled", _("An introductory visit is cancelled")
    AGREEMENT_MADE = "agreement_made", _("A placement agreement is made")
    REVIEW_DUE = "review_due", _("A review meeting is due in two weeks")
    RETURN_ENDING = "return_ending", _("The time to return to a held seat is ending")
    JOB_APPROVED = "job_approved", _("A job is approved to the job bank")
    JOB_SENT_BACK = "job_sent_back", _("A job is sent back for changes")
    OFFER_ACCEPTED = "offer_accepted", _("Your group's offer is accepted")
    DELIVERY_ACCEPTED = "delivery_accepted", _("Delivered work is accepted")
    PAYOUT_MADE = "payout_made", _("Money for a job is paid to the unit")
    NETWORK_TASK_DUE = (
        "network_task_due",
        _("A task of yours in a client's network plan is due soon or overdue"),
    )
    NETWORK_MEETING = "network_meeting", _("Your network meeting is coming up")


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        SKIPPED = (
            "skipped",
            _("Not sent: the recipient no longer wants it or may see it"),
        )
        FAILED = "failed", _("Not sent: every attempt failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(max_length=30, choices=NotificationKind)
    #: What makes the event one: e.g. the placement and the visit's time.
    key = models.CharField(max_length=200)
    #: Ids and ISO dates the message is rendered from (never a text).
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Set by the worker that is sending it, so that two workers never both send.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The class of the last error (no message: it could carry an address).
    last_error = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="one_notification_per_event"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
