"""Competence made visible at work (opinnollistaminen).

At a site described as a learning environment, the supervisor records what a
participant worked on and showed towards a vocational qualification unit the site
offers: the unit, its parts, the dates and a short description of the tasks. Polku
only records and prints this (the certificate of competence, *osaamistodistus*); a
vocational school assesses it and awards the qualification unit.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetenceRecord(models.Model):
    class Level(models.TextChoices):
        WORKED_ON = "worked_on", _("Worked on")
        SHOWN = "shown", _("Shown in practice")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    placement = models.ForeignKey(
        "marketplace.Placement",
        on_delete=models.CASCADE,
        related_name="competence_records",
    )
    #: the site's unit; kept by name too, so that the certificate still names it if
    #: the site's page later drops the unit
    unit = models.ForeignKey(
        "marketplace.LearningUnit",
        verbose_name=_("qualification unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competence_records",
    )
    unit_name = models.CharField(_("qualification unit"), max_length=200)
    parts = models.TextField(
        _("parts of the unit"),
        max_length=1000,
        help_text=_("The parts or skills of the unit, one on each line."),
    )
    level = models.CharField(_("what was done"), max_length=12, choices=Level)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    tasks = models.TextField(
        _("tasks"),
        max_length=600,
        help_text=_("A short description of the work tasks, in plain words."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="competence_records",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "unit_name", "created_at"]
        verbose_name = _("competence record")
        verbose_name_plural = _("competence records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="competence_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_name} {self.start}–{self.end}"

    def part_list(self) -> list[str]:
        return [p.strip() for p in self.parts.splitlines() if p.strip()]
