"""The placement path of a client at a work-activity site, and its periods.

suggested → visit booked → agreed → active → (extended) → ended with an exit reason;
or active → held (the client left for a work trial, coaching or pay-subsidised work,
and the seat is kept for a chosen number of weeks) → active again ("stepless return")
or, when the hold runs out, ended. Transitions are made only by
``marketplace.clients.services.placements``; each one writes a :class:`PlacementEvent`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.core import vocabulary as V

EXIT_REASON_LABELS = {
    "did_not_start": _("Did not start the granted service"),
    "refused": _("Refused"),
    "rehabilitation": _("Rehabilitation"),
    "death": _("Death"),
    "other": _("Other reason"),
    "moved_within_region": _("Moved within the region"),
    "moved_away": _("Moved out of the region"),
    "pension": _("Pension decision, no need"),
    "family_reasons": _("Family reasons"),
    "illness": _("Illness or injury"),
    "non_commitment": _("Non-commitment"),
    "ended_job_seeker": _("Agreement ended, continues as a job seeker"),
    "health_investigation": _("Health investigation"),
    "studies": _("Studies"),
    "work_trial": _("Work trial"),
    "open_labour_market": _("Open labour market"),
    "apprenticeship": _("Apprenticeship"),
    "pay_subsidy": _("Pay-subsidised work"),
    "entrepreneurship": _("Entrepreneurship"),
}
assert set(EXIT_REASON_LABELS) == set(V.EXIT_REASONS)
EXIT_REASON_CHOICES = [(code, EXIT_REASON_LABELS[code]) for code in V.EXIT_REASONS]
#: The review (network meeting) of a period is held this many days before it ends.
REVIEW_DAYS_BEFORE_END = 14
#: Moves after which the seat may be held for a stepless return.
HOLDABLE_EXITS = ("work_trial", "pay_subsidy", "open_labour_market", "apprenticeship")


class PlacementStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    VISIT_BOOKED = "visit_booked", _("Introductory visit booked")
    AGREED = "agreed", _("Agreed")
    ACTIVE = "active", _("Active")
    HELD = "held", _("Seat held for a return")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Not started")


#: The statuses of an open placement (not ended, not cancelled): the one list used by
#: the "one open placement per client and site" constraint and by the services.
OPEN_STATUSES = (
    PlacementStatus.SUGGESTED,
    PlacementStatus.VISIT_BOOKED,
    PlacementStatus.AGREED,
    PlacementStatus.ACTIVE,
    PlacementStatus.HELD,
)


class Placement(models.Model):
    Status = PlacementStatus

    #: A placement is open until it ends or is cancelled: at most one open placement
    #: per client and site (the constraint below and the services use this one list).
    OPEN = OPEN_STATUSES
    HOLDS_SEAT = (Status.AGREED, Status.ACTIVE, Status.HELD)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    external_id = models.CharField(max_length=64, unique=True, null=True, blank=True)
    client = models.ForeignKey(
        "marketplace.Client", on_delete=models.CASCADE, related_name="placements"
    )
    site = models.ForeignKey(
        "marketplace.WorkSite", on_delete=models.PROTECT, related_name="placements"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.SUGGESTED
    )
    visit_at = models.DateTimeField(_("introductory visit"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        _("days per week"), null=True, blank=True
    )
    hours_per_day = models.PositiveSmallIntegerField(
        _("hours per day"), null=True, blank=True
    )
    tasks = models.TextField(_("tasks agreed"), blank=True)
    planned_end = models.DateField(_("current period ends"), null=True, blank=True)
    held_until = models.DateField(_("seat held until"), null=True, blank=True)
    weekdays = models.JSONField(
        _("agreed weekdays"),
        default=list,
        blank=True,
        help_text=_("ISO weekday numbers, 1 = Monday … 7 = Sunday."),
    )
    attendance_confirmed_through = models.DateField(
        _("attendance confirmed through"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the supervisor has saved attendance for: later days of "
            "the agreed weekdays are pre-filled for confirmation."
        ),
    )
    agreement_signed_on = models.DateField(
        _("agreement signed on"), null=True, blank=True
    )
    agreement_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signature recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "site"],
                condition=models.Q(status__in=list(OPEN_STATUSES)),
                name="one_open_placement_per_client_and_site",
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} @ {self.site}"

    def review_date(self) -> dt.date | None:
        """The day the period's review meeting is due: two weeks before an agreed
        or active period ends (none for a held, ended or unagreed placement)."""
        if self.planned_end is None or self.status not in (
            self.Status.AGREED,
            self.Status.ACTIVE,
        ):
            return None
        return self.planned_end - dt.timedelta(days=REVIEW_DAYS_BEFORE_END)

    def review_due(self, today: dt.date) -> bool:
        """The 3-month review is due two weeks before the current period ends."""
        return (
            self.status == self.Status.ACTIVE
            and self.planned_end is not None
            and today >= self.planned_end - dt.timedelta(days=REVIEW_DAYS_BEFORE_END)
        )


class PlacementPeriod(models.Model):
    """One agreed period at the site; a held return starts a new one."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="periods"
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    exit_reason = models.CharField(
        _("exit reason"), max_length=30, choices=EXIT_REASON_CHOICES, blank=True
    )

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end or ''}"

    @property
    def is_positive(self) -> bool:
        return self.exit_reason in V.POSITIVE_EXITS


class PlacementEvent(models.Model):
    """Who moved the placement to which state, and when (append-only)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(auto_now_add=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [
            # the outcome page counts the seats held (to "held") in a date range
            models.Index(fields=["to_status", "at"], name="placement_event_status_at"),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
