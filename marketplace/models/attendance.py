"""Realised activity days, marked by the site's supervisor.

Each realised day is money for the client: Kela's expense compensation of 9 € a day in
rehabilitative work activity, or the site's work-share money in disability work
activity (typically 3 or 6 € a day).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Kela's expense compensation per realised day of rehabilitative work activity.
EXPENSE_COMPENSATION_CENTS = 900


class AttendanceDay(models.Model):
    placement = models.ForeignKey(
        "marketplace.Placement", on_delete=models.CASCADE, related_name="attendance"
    )
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("activity day")
        verbose_name_plural = _("activity days")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "date"], name="one_mark_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date}"
