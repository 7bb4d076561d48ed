"""The client's monthly feedback on a placement (asiakaspalaute): three quick questions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClientFeedback(models.Model):
    """After each month at a site the client answers how the work felt, whether they
    learned something and whether they want to continue; on their own page or with the
    supervisor's help. One answer per placement and month."""

    class Felt(models.IntegerChoices):
        BAD = 1, _("Bad")
        OKAY = 2, _("Okay")
        GOOD = 3, _("Good")

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        A_LITTLE = "a_little", _("A little")
        NO = "no", _("No")

    class Continue(models.TextChoices):
        YES = "yes", _("Yes")
        NOT_SURE = "not_sure", _("Not sure")
        NO = "no", _("No")

    placement = models.ForeignKey(
        "marketplace.Placement",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("placement"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    felt = models.PositiveSmallIntegerField(_("how the work felt"), choices=Felt)
    learned = models.CharField(_("learned something"), max_length=10, choices=Answer)
    wants_to_continue = models.CharField(
        _("wants to continue"), max_length=10, choices=Continue
    )
    helped_by_supervisor = models.BooleanField(
        _("answered with the supervisor's help"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("client feedback")
        verbose_name_plural = _("client feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "month"], name="one_feedback_per_placement_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="feedback_month_is_first_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.month:%Y-%m}"
