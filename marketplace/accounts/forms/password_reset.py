"""Asking for a password reset link (clients and job posters)."""

from __future__ import annotations

from functools import partial

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.models import User
from marketplace.notifications.password_reset import may_reset_by_email
from marketplace.notifications.tasks import password_reset_send_task

#: One link per account in this many seconds, however often it is asked for.
RESET_INTERVAL_SECONDS = 15 * 60


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self) -> None:
        """Enqueue a link for each account of this address that may reset by
        e-mail. Says nothing about which addresses have accounts: the page after
        is the same for every address."""
        address = self.cleaned_data["email"]
        language = get_language() or ""
        for user in User.objects.filter(email__iexact=address, is_active=True):
            if not may_reset_by_email(user):
                continue
            if not cache.add(
                f"polku:password-reset:{user.pk}", 1, RESET_INTERVAL_SECONDS
            ):
                continue
            transaction.on_commit(
                partial(password_reset_send_task.enqueue, user.pk, language)
            )
