"""Terms of the closed vocabularies (services, forms, work tags, accessibility, languages)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.shared import vocabularies


class Term(models.Model):
    """One code of one vocabulary; its label comes from the translation catalogue."""

    class Vocabulary(models.TextChoices):
        SERVICE = "service", _("service")
        FORM = "form", _("form of activity")
        TAG = "tag", _("work tag")
        ACCESSIBILITY = "accessibility", _("accessibility")
        LANGUAGE = "language", _("language")

    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary)
    code = models.CharField(_("code"), max_length=40)

    class Meta:
        ordering = ["vocabulary", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["vocabulary", "code"], name="term_unique_code"
            )
        ]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        return vocabularies.label(self.vocabulary, self.code)
