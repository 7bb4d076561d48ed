"""Organisations that run work-activity sites or post job-bank jobs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.core.dataset import business_id_is_valid
from matching.core.vocabulary import FOR_PROFIT_KINDS


def validate_business_id(value: str) -> None:
    """Refuse a business ID (Y-tunnus) whose form or check digit is wrong."""
    if not business_id_is_valid(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid Finnish business ID. Write it as seven "
                "digits, a hyphen and the check digit, for example 1234567-1."
            ),
            params={"value": value},
            code="invalid_business_id",
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
        MUNICIPALITY = "municipality", _("Municipality")
        STATE = "state", _("State")
        ASSOCIATION = "association", _("Association")
        FOUNDATION = "foundation", _("Foundation")
        PARISH = "parish", _("Parish")
        COMPANY = "company", _("Company")

    external_id = models.CharField(
        _("data set id"), max_length=64, unique=True, null=True, blank=True
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID (Y-tunnus), for example 1234567-1."),
    )
    region = models.ForeignKey(
        "marketplace.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_for_profit(self) -> bool:
        """Companies are for-profit: no rehabilitative work activity there (Act 189/2001)."""
        return self.kind in FOR_PROFIT_KINDS
