"""Logging in with the second factor, for tests.

* The Django test client: ``client.login(...)`` and ``client.force_login(user)``
  verify the session with the user's authenticator automatically (an autouse
  fixture in tests/conftest.py calls :func:`verify_session`), so tests of pages
  need nothing extra. Mark a test ``@pytest.mark.password_only_login`` to get a
  session that has only the password, as the real login form leaves it.
* A real browser: :func:`browser_log_in` fills the login form and then types the
  code of the user's authenticator, as a person would.

Nothing here changes how Polku behaves: the test sessions are verified with real
django-otp devices, exactly as the two-step login leaves them.
"""

from __future__ import annotations

import time
from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.accounts import PASSWORD

TEST_DEVICE_NAME = "test authenticator"


def authenticator_for(user: Any) -> TOTPDevice:
    """The user's confirmed authenticator app, created if they have none."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=TEST_DEVICE_NAME, confirmed=True
        )
    return device


def needs_second_factor(user: Any) -> bool:
    from marketplace.accounts.services import account
    from marketplace.models import User

    fresh = User.objects.get(pk=user.pk)  # role_names may be cached on ``user``
    return account.two_factor_required(fresh) or account.has_confirmed_device(fresh)


def verify_session(client: Any, user: Any) -> None:
    """Mark the test client's session as verified with the user's authenticator
    (for users who must or chose to verify; others are left as they are)."""
    if not needs_second_factor(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()


def current_code(device: TOTPDevice) -> str:
    """A code the device accepts now: this time step's, or the next one's when this
    one was already used (django-otp refuses a code twice; it allows one step of
    clock drift)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)
    totp.time = device.t0 + step * device.step
    return f"{totp.token():0{device.digits}d}"


def browser_log_in(page: Any, user: Any, password: str = PASSWORD) -> None:
    """Log in through the form, then type the authenticator's code if asked."""
    page.goto("/kirjaudu/")
    form = page.locator("main form")
    form.locator("#id_username").fill(user.username)
    form.locator("#id_password").fill(password)
    device = authenticator_for(user) if needs_second_factor(user) else None
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if device is not None:
        assert "/oma/tili/vahvistus/" in page.url, page.url
        form = page.locator("#second-factor-form")
        form.locator("#id_code").fill(current_code(device))
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
