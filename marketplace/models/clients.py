"""Clients of work activity and their self-assessments.

Client data is sensitive social-welfare data: the model holds only what placing a
client needs (no diagnoses, no identity numbers), ids are random UUIDs so that URLs
cannot be guessed, and every read by staff goes through ``marketplace.access``.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.core import vocabulary as V


def validate_goals(value: object) -> None:
    """Goals are codes of the goal vocabulary, each once, in the client's order."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one goal."))
    unknown = [g for g in value if g not in V.GOALS]
    if unknown:
        raise ValidationError(_("Unknown goal: %(goal)s"), params={"goal": unknown[0]})
    if len(set(value)) != len(value):
        raise ValidationError(_("A goal is listed twice."))


#: Record keys are integers in ``[0, RECORD_KEY_RANGE)`` (the outcome figures'
#: ``disclosure.KEY_RANGE``).
RECORD_KEY_RANGE = 2**16


def new_record_key() -> int:
    """A random record key for the cell-key method of the outcome figures."""
    return secrets.randbelow(RECORD_KEY_RANGE)


class Client(models.Model):
    class Service(models.TextChoices):
        REHABILITATIVE = "rehabilitative", _("Rehabilitative work activity")
        DISABILITY = "disability", _("Disability work activity")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    external_id = models.CharField(
        _("data set id"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("The name the client wants to be called."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="client_record",
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("own worker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clients",
    )
    municipality = models.ForeignKey(
        "marketplace.Municipality",
        verbose_name=_("home municipality"),
        on_delete=models.PROTECT,
    )
    service = models.CharField(_("service"), max_length=20, choices=Service)
    goals = models.JSONField(
        _("goals, most important first"), validators=[validate_goals]
    )
    interests = models.ManyToManyField(
        "marketplace.Term",
        verbose_name=_("interests and skills"),
        related_name="interested_clients",
        limit_choices_to={"vocabulary": "tag"},
        blank=True,
    )
    wishes = models.TextField(_("wishes in the client's own words"), blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        _("days per week"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    hours_per_day = models.PositiveSmallIntegerField(
        _("hours per day"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("how far the client can travel (km)"), validators=[MaxValueValidator(300)]
    )
    remote_ok = models.BooleanField(_("remote work suits the client"), default=False)
    accessibility_needs = models.ManyToManyField(
        "marketplace.Term",
        verbose_name=_("accessibility needs"),
        related_name="needing_clients",
        limit_choices_to={"vocabulary": "accessibility"},
        blank=True,
    )
    languages = models.ManyToManyField(
        "marketplace.Term",
        verbose_name=_("languages"),
        related_name="speaking_clients",
        limit_choices_to={"vocabulary": "language"},
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    record_key = models.PositiveIntegerField(
        _("record key"),
        default=new_record_key,
        editable=False,
        help_text=_(
            "A random number that decides how the outcome figures about this client's "
            "group are perturbed. Never shown."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days_per_week__gte=1, days_per_week__lte=5),
                name="client_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_day__gte=1, hours_per_day__lte=8),
                name="client_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.service == self.Service.REHABILITATIVE:
            # an empty or impossible number already has its own field error (one
            # message per cause): the rule is checked on a number that could be valid
            errors = {}
            days, hours = self.days_per_week, self.hours_per_day
            if (
                days is not None
                and self._field_allows("days_per_week")
                and not 1 <= days <= 4
            ):
                errors["days_per_week"] = _(
                    "Rehabilitative work activity is 1–4 days a week."
                )
            if (
                hours is not None
                and self._field_allows("hours_per_day")
                and not 4 <= hours <= 8
            ):
                errors["hours_per_day"] = _(
                    "Rehabilitative work activity is 4–8 hours a day."
                )
            if errors:
                raise ValidationError(errors)

    def _field_allows(self, name: str) -> bool:
        """The field has a value its own validators accept."""
        value = getattr(self, name)
        if value is None:
            return False
        field = self._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise TypeError(f"{name} is a relation, not a field")
        try:
            field.run_validators(value)
        except ValidationError:
            return False
        return True


class SelfAssessment(models.Model):
    """The client's own scores (0–10) by the areas of the work-ability house model.

    Stored only with the client's consent and used as conversation material: no rule
    anywhere refuses a placement because of a score.
    """

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="assessments"
    )
    date = models.DateField(_("date"))
    work_ability = models.PositiveSmallIntegerField(_("work ability overall"))
    physical = models.PositiveSmallIntegerField(_("physical functioning"))
    mental = models.PositiveSmallIntegerField(_("mental wellbeing"))
    social = models.PositiveSmallIntegerField(_("social participation"))
    skills = models.PositiveSmallIntegerField(_("skills"))
    daily_life = models.PositiveSmallIntegerField(_("coping with daily life"))
    consent = models.BooleanField(_("the client agreed to share these scores"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    AREAS = ("work_ability", "physical", "mental", "social", "skills", "daily_life")

    class Meta:
        ordering = ["client", "date"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        indexes = [
            # the outcome page looks up each period's start and 3-month assessment
            models.Index(fields=["client", "date"], name="assessment_client_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent=True), name="assessment_needs_consent"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{area}__lte": 10}),
                    name=f"assessment_{area}_max_10",
                )
                for area in (
                    "work_ability",
                    "physical",
                    "mental",
                    "social",
                    "skills",
                    "daily_life",
                )
            ],
        ]

    def __str__(self) -> str:
        return f"{self.date}"

    def scores(self) -> dict[str, int]:
        return {area: getattr(self, area) for area in self.AREAS}
