"""What the web layer keeps about the matcher: the model registry, every list shown,
and what people said about suggestions (hidden with a reason, interested, not for me).

Nothing here is a feature of the ranking except the explicit feedback on a placement,
which only removes it from the client's own list.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatcherModel(models.Model):
    """A trained artifact on disk and its metadata; exactly one is active at a time.

    A newer model replaces the active one only when its evaluation is not worse
    (:func:`matching.services.matcher_retrain`).
    """

    created_at = models.DateTimeField(_("trained"), auto_now_add=True)
    path = models.CharField(_("artifact file"), max_length=500)
    kind = models.CharField(_("estimator"), max_length=20)
    sklearn_version = models.CharField(_("scikit-learn version"), max_length=20)
    code_version = models.CharField(_("code version"), max_length=64)
    data_as_of = models.DateField(_("training data as of"))
    training_rows = models.PositiveIntegerField(_("training rows"))
    evaluation = models.JSONField(_("evaluation figures"), default=dict)
    is_active = models.BooleanField(_("in use"), default=False)
    decision = models.CharField(_("decision"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matcher model")
        verbose_name_plural = _("matcher models")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_matcher_model",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def auc(self) -> float | None:
        return self.evaluation.get("holdout_auc")


class ShownList(models.Model):
    """One list of suggestions as it was shown: who saw it, for which client, with
    which filters, and each placement's position and score, so that evaluation can
    later correct for what was shown."""

    class Audience(models.TextChoices):
        INSTRUCTOR = "instructor", _("Social instructor")
        CLIENT = "client", _("Client")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    shown_at = models.DateTimeField(_("shown"), auto_now_add=True, db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    client = models.ForeignKey(
        "marketplace.Client", on_delete=models.CASCADE, related_name="shown_lists"
    )
    audience = models.CharField(max_length=20, choices=Audience)
    model = models.ForeignKey(
        MatcherModel, on_delete=models.SET_NULL, null=True, blank=True
    )
    scorer = models.CharField(max_length=20)
    filters = models.JSONField(default=dict)
    goals = models.JSONField(default=list)
    #: [{"id": "site:12", "position": 1, "score": 0.41}, ...]
    items = models.JSONField(default=list)
    #: Mean score of the items shown (for audits that aggregate in SQL).
    mean_score = models.FloatField(null=True, blank=True)
    #: The site the instructor booked a visit to from this list, if any.
    chosen_site = models.ForeignKey(
        "marketplace.WorkSite",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-shown_at"]

    def __str__(self) -> str:
        return f"{self.audience} {self.shown_at:%Y-%m-%d %H:%M} ({len(self.items)})"


class SuggestionFeedback(models.Model):
    """What a person said about one suggested site for one client."""

    class Kind(models.TextChoices):
        HIDDEN = "hidden", _("Hidden by the instructor")
        INTERESTED = "interested", _("The client is interested")
        NOT_FOR_ME = "not_for_me", _("Not for me, said the client")

    client = models.ForeignKey(
        "marketplace.Client", on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(
        "marketplace.WorkSite", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("feedback"), max_length=20, choices=Kind)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shown_list = models.ForeignKey(
        ShownList, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "site"], name="one_suggestion_feedback_per_site"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="hidden") | ~models.Q(reason=""),
                name="hiding_needs_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.site_id}"


class ClientAuditAttributes(models.Model):
    """Attributes kept only to audit outcome gaps between groups (model card,
    "Fairness check and auditing"). Stored apart from the client record, never read
    by the matcher's features, and reported only in aggregate with small numbers
    suppressed (``manage.py audit_matcher``)."""

    class AgeBand(models.TextChoices):
        UNDER_25 = "under_25", _("under 25")
        FROM_25 = "25_34", _("25–34")
        FROM_35 = "35_44", _("35–44")
        FROM_45 = "45_54", _("45–54")
        FROM_55 = "55_plus", _("55 or over")

    class ServiceLanguage(models.TextChoices):
        FINNISH = "fi", _("Finnish")
        SWEDISH = "sv", _("Swedish")
        OTHER = "other", _("Other")

    client = models.OneToOneField(
        "marketplace.Client",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="audit_attributes",
    )
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand, blank=True
    )
    service_language = models.CharField(
        _("language of service"), max_length=10, choices=ServiceLanguage, blank=True
    )

    class Meta:
        verbose_name = _("audit attributes")
        verbose_name_plural = _("audit attributes")

    def __str__(self) -> str:
        return f"{self.age_band or '-'} / {self.service_language or '-'}"
