"""A user's sign-in security: two-step verification, recovery codes, sessions, lockout.

Rules enforced here (docs/security.md):

* Staff roles (social instructor, site supervisor, organiser, platform admin) must
  verify a second factor in every session: a code from an authenticator app (TOTP),
  or one of ten single-use recovery codes when the phone is lost. Clients and job
  posters may turn it on; then they must verify too, and may turn it off again.
* Adding an authenticator needs the password again, so a stolen session cookie
  alone cannot enrol the thief's phone; passwords checked here count towards the
  login lockout (django-axes), like the login form.
* Only the user's own organiser (the region of their organisation) or a platform
  admin may reset a lost device or lift a lockout (``permissions.can_manage_user``).
* "Log out everywhere" re-hashes the password: Django then ends every session of
  the user, on every server, at its next request.

Security events go to the ``polku.security`` logger with user ids only.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import segno
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.access import permissions, roles

if TYPE_CHECKING:
    from marketplace.access.permissions import Viewer
    from marketplace.models import User

log = logging.getLogger("polku.security")

#: Roles that must use two-step verification to reach client data and the admin.
TWO_FACTOR_ROLES = frozenset(
    {roles.INSTRUCTOR, roles.SUPERVISOR, roles.ORGANISER, roles.PLATFORM_ADMIN}
)
APP_DEVICE_NAME = "authenticator app"
RECOVERY_DEVICE_NAME = "recovery codes"


class AccountError(Exception):
    """A rule of sign-in security was broken; the message is for the user."""


def two_factor_required(user: Viewer) -> bool:
    """Staff roles, and anyone with access to the Wagtail admin, must verify."""
    signed_in = permissions.member(user)
    if signed_in is None:
        return False
    return bool(signed_in.role_names & TWO_FACTOR_ROLES) or signed_in.is_staff


def has_confirmed_device(user: User) -> bool:
    """The user has an authenticator app set up (recovery codes come with it)."""
    return bool(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists())


def password_confirmed(request: HttpRequest, user: User, password: str) -> bool:
    """Check the password through Django's authentication, so that django-axes
    counts a wrong one (and refuses a locked-out user). Call it outside a
    transaction that a wrong password rolls back, or the count is lost."""
    checked = authenticate(request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk


def totp_device_pending(user: User) -> TOTPDevice:
    """The authenticator being set up: the same key until it is confirmed."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


def totp_qr_svg(device: TOTPDevice, label: str) -> str:
    """The device's otpauth:// address as an inline SVG QR code (no script, no
    style attribute, so it needs nothing from the Content Security Policy)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", border=4
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def totp_secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def totp_device_confirm(
    *, request: HttpRequest, user: User, device: TOTPDevice, token: str, password: str
) -> list[str]:
    """Confirm the pending authenticator with a code from it and the password.

    Replaces any earlier authenticator and the recovery codes; returns the new
    recovery codes, to be shown once. (The password is checked outside the
    transaction, so that a wrong one stays counted by django-axes.)
    """
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    if not password_confirmed(request, user, password):
        raise AccountError("password")
    if not device.verify_token(_digits(token)):
        raise AccountError("token")
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes_replace(user=user)
    log.info("two-step verification set up: user %s", user.pk)
    return codes


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """New single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user_id=user.pk).delete()
    device = StaticDevice.objects.create(
        user=user, name=RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [StaticToken.random_token() for _ in range(settings.POLKU_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    log.info("recovery codes replaced: user %s", user.pk)
    return codes


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user_id=user.pk).count())


def _digits(token: str) -> str:
    return "".join(ch for ch in token if not ch.isspace())


def _recovery(token: str) -> str:
    return "".join(ch for ch in token.lower() if ch.isalnum())


class SecondFactorWaiting(AccountError):
    """Too many wrong codes in a row: the next try must wait a moment."""


def second_factor_check(*, user: User, token: str) -> Device | None:
    """The device that accepts ``token``: six digits are an authenticator code,
    anything else a recovery code (used up by this). Wrong tries slow down the
    next ones of the same kind (django-otp's throttling, per device): while every
    device of that kind must wait, this raises :class:`SecondFactorWaiting`."""
    digits = _digits(token)
    kind: type[Device]
    if digits.isdigit() and len(digits) == 6:
        kind, token = TOTPDevice, digits
    else:
        kind, token = StaticDevice, _recovery(token)
    with transaction.atomic():
        devices = list(
            kind.objects.select_for_update().filter(user_id=user.pk, confirmed=True)
        )
        if devices and not any(d.verify_is_allowed()[0] for d in devices):
            raise SecondFactorWaiting("waiting")
        for device in devices:
            if device.verify_token(token):
                if kind is StaticDevice:
                    log.info("recovery code used: user %s", user.pk)
                return device
    log.info("wrong second-factor code: user %s", user.pk)
    return None


def two_factor_disable(*, request: HttpRequest, user: User, password: str) -> None:
    """A client or job poster turns two-step verification off (staff cannot)."""
    if two_factor_required(user):
        raise PermissionDenied
    if not password_confirmed(request, user, password):
        raise AccountError("password")
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
    log.info("two-step verification turned off: user %s", user.pk)


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """An organiser (own region) or a platform admin removes a lost device: the user
    sets up a new one at their next login (with their password)."""
    if actor.pk == user.pk or not permissions.can_manage_user(actor, user):
        raise PermissionDenied
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    log.info("two-step verification reset: user %s by user %s", user.pk, actor.pk)


def login_locked(user: User) -> bool:
    """The username is locked out by django-axes now."""
    return user.get_username() in locked_usernames([user.get_username()])


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of ``usernames`` are locked out now (one query)."""
    attempts = AccessAttempt.objects.filter(
        username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    cooloff = settings.AXES_COOLOFF_TIME
    if cooloff:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cooloff)
    return set(attempts.values_list("username", flat=True))


def login_unlock(*, actor: User, user: User) -> None:
    """An organiser (own region) or a platform admin lifts a login lockout."""
    if not permissions.can_manage_user(actor, user):
        raise PermissionDenied
    axes_reset(username=user.get_username())
    log.info("login lockout lifted: user %s by user %s", user.pk, actor.pk)


def sessions_end_everywhere(*, request: HttpRequest, user: User, password: str) -> None:
    """End every session of the user, this one included.

    The password is stored again with a new salt: Django's session check compares a
    hash of the stored password, so every other session is refused at its next
    request, whichever server it reaches.
    """
    if not password_confirmed(request, user, password):
        raise AccountError("password")
    user.set_password(password)
    user.save(update_fields=["password"])
    log.info("logged out everywhere: user %s", user.pk)
