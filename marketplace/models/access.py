"""The access log of client data (Client Data Act 703/2023): who read what, when, why.

Append-only in the application: entries are created, never changed or deleted by
Polku's code (``save`` refuses updates, ``delete`` is refused). Every read by staff is
written by ``marketplace.clients.reads`` (views) or ``access_record`` (services that
change data); the client sees their entries in plain words on their own page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NoReturn

from django.conf import settings
from django.db import models
from django.db.models.base import ModelBase
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Viewed the client's record")
        LIST = "list", _("Saw the client in a list")
        EXPORT = "export", _("Exported the client's data")
        EDIT = "edit", _("Changed the client's data")

    class Subject(models.TextChoices):
        """What of the client's data was read (shown to the client as "what")."""

        RECORD = "record", _("Your information")
        CASELOAD = "caseload", _("The list of a worker's clients")
        SELF_ASSESSMENT = "self_assessment", _("Your self-assessment")
        PLACEMENT = "placement", _("Your placement")
        SUGGESTIONS = "suggestions", _("Places suggested for you")
        AGREEMENT = "agreement", _("Your placement agreement and plan")
        ATTENDANCE = "attendance", _("Your activity days")
        FEEDBACK = "feedback", _("Your monthly feedback")
        WORK_SHARE = "work_share", _("Your work-share money")
        JOB_WORK_DAYS = "job_work_days", _("Your work days on the job bank's jobs")
        COMPETENCE = "competence", _("Your competence at work")
        NETWORK = "network", _("Your network plan")
        ACCESS_LOG = "access_log", _("The log of who has looked at client data")

    class Purpose(models.TextChoices):
        """Why it was read (shown to the client as "why")."""

        OWN_WORKER = "own_worker", _("They are your own worker")
        SUBSTITUTE = "substitute", _("They stand in for your own worker")
        NETWORK_MEETING = "network_meeting", _("A network meeting with you")
        CLIENT_REQUEST = "client_request", _("You asked them to")
        ATTENDANCE = "attendance", _("Keeping the activity days at your place")
        FEEDBACK = "feedback", _("Your feedback about your place")
        WORK_SHARE = "work_share", _("Paying your work-share money")
        JOB_WORK = "job_work", _("Recording work days on a job")
        COMPETENCE = "competence", _("Recording what you have learned")
        NETWORK = "network", _("Tasks agreed in your network meeting")
        SUPERVISION = "supervision", _("Checking that client data is used rightly")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="client_reads"
    )
    client = models.ForeignKey(
        "marketplace.Client", on_delete=models.PROTECT, related_name="access_log"
    )
    action = models.CharField(_("how"), max_length=10, choices=Action)
    subject = models.CharField(
        _("what"), max_length=20, choices=Subject, default=Subject.RECORD
    )
    purpose = models.CharField(_("why"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["client", "-at"], name="access_client_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"

    def save(
        self,
        *,
        force_insert: bool | tuple[ModelBase, ...] = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Iterable[str] | None = None,
    ) -> None:
        if self.pk is not None:
            raise ValueError("access log entries cannot be changed")
        super().save(
            force_insert=force_insert,
            force_update=force_update,
            using=using,
            update_fields=update_fields,
        )

    def delete(self, using: str | None = None, keep_parents: bool = False) -> NoReturn:
        raise ValueError("access log entries cannot be deleted")

    @property
    def purpose_label(self) -> str:
        """The purpose in the active language (an entry written before purposes were
        codes keeps its text)."""
        if self.purpose in self.Purpose.values:
            return str(self.Purpose(self.purpose).label)
        return self.purpose
