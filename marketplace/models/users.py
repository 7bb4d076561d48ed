"""Users; a user's role is the group they belong to (see marketplace/access/roles.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from marketplace.access import roles


class User(AbstractUser):
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    #: The language of the user's e-mails ("" = the site's default, Finnish).
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    #: The e-mail notifications the user has turned off (NotificationKind values).
    notifications_off = models.JSONField(
        _("e-mail notifications turned off"), default=list, blank=True
    )

    if TYPE_CHECKING:
        #: Whether this session passed the second factor: set on the request's user
        #: by django-otp's ``OTPMiddleware``.
        is_verified: Callable[[], bool]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The role groups this user belongs to (a platform admin is also a superuser)."""
        names = set(self.groups.values_list("name", flat=True)) & set(roles.ALL)
        if self.is_superuser:
            names.add(roles.PLATFORM_ADMIN)
        return frozenset(names)

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @cached_property
    def region_id(self) -> int | None:
        """The region whose data this user works with: their organisation's region."""
        return self.organisation.region_id if self.organisation is not None else None
