"""Password reset by e-mail, for clients and job posters only.

Staff (every role that must use two-step verification, and anyone with access to
the editing tools) get no reset link: an organiser resets their sign-in from
"Sign-in security", so a mailbox alone is never a way past the second factor.
The link is made by the worker from the user's id, so no token ever waits in the
task queue; it works once and for ``PASSWORD_RESET_TIMEOUT`` seconds.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from marketplace.access import roles
from marketplace.models import User
from marketplace.notifications import ics
from marketplace.notifications.messages import render_email

log = logging.getLogger("polku.notifications")

#: Roles that may reset their password by e-mail (no second factor is required).
RESET_ROLES = frozenset({roles.CLIENT, roles.POSTER})


def may_reset_by_email(user: User) -> bool:
    """A client or a job poster with an address, and no other role: no staff role,
    no access to the editing tools. (A client or poster who turned two-step
    verification on still gives the second factor at the next login.)"""
    return bool(
        user.is_active
        and user.email
        and user.has_usable_password()
        and user.role_names
        and user.role_names <= RESET_ROLES
        and not user.is_staff
        and not user.is_superuser
    )


def password_reset_send(*, user_id: int, language: str) -> str:
    """Send the reset link to the user (checked again here, in the worker)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not may_reset_by_email(user):
        return "not sent"
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    if not user.language:
        user.language = language
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    subject, body = render_email(
        "notifications/password_reset.txt",
        {"link": ics.absolute(path), "hours": hours},
        user,
    )
    EmailMessage(subject=subject, body=body, to=[user.email]).send()
    log.info("password reset e-mail sent to user %s", user.pk)
    return "sent"
