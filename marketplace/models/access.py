"""The access log of client data (Client Data Act 703/2023): who read what, when, why.

Append-only in the application: entries are created, never changed or deleted by
Polku's code (``save`` refuses updates, ``delete`` is refused).
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

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="client_reads"
    )
    client = models.ForeignKey(
        "marketplace.Client", on_delete=models.PROTECT, related_name="access_log"
    )
    action = models.CharField(_("what"), max_length=10, choices=Action)
    purpose = models.CharField(_("why"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

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
