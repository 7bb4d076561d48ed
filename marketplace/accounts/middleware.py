"""Account security applied to every request, so that no view can forget it.

* :class:`SessionTimeoutMiddleware` ends every session ``POLKU_SESSION_MAX_SECONDS``
  after the login, and a staff session after ``POLKU_STAFF_IDLE_SECONDS`` without a
  request (sliding).
* :class:`TwoFactorMiddleware` lets a user who must use two-step verification (staff,
  or anyone who turned it on) reach nothing but the login, the second-factor pages,
  the language switch and static files until the session is verified.
* :class:`ContentSecurityPolicyMiddleware` is django-csp's middleware with the one
  relaxation the Wagtail admin needs, on ``/admin/`` only.

The order in ``MIDDLEWARE``: after ``OTPMiddleware`` (which sets
``user.is_verified()``) and ``MessageMiddleware``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from urllib.parse import urlencode

from csp.constants import HEADER, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from marketplace.accounts.services import account

log = logging.getLogger("polku.security")

LAST_SEEN_KEY = "polku_last_seen"
LOGIN_AT_KEY = "polku_login_at"
#: Write the last-seen time at most this often (seconds): fewer session writes.
LAST_SEEN_RESOLUTION = 60
#: Requests a browser makes by itself while an editor is open: not activity.
PASSIVE_VIEWS = frozenset(
    {
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
        "session_status",  # the idle warning asking how long is left
    }
)
#: Views an unverified user may reach: logging in and out, the second factor.
UNVERIFIED_VIEWS = frozenset(
    {"login", "logout", "set_language", "two_factor_verify", "two_factor_setup"}
)


def _public_asset(path: str) -> bool:
    prefixes = (settings.STATIC_URL, settings.MEDIA_URL)
    return any(p and p.startswith("/") and path.startswith(p) for p in prefixes)


def _view_name(request: HttpRequest) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else None


class SessionTimeoutMiddleware(MiddlewareMixin):
    """End a session ``POLKU_SESSION_MAX_SECONDS`` after the login whatever happens,
    and a staff session also after ``POLKU_STAFF_IDLE_SECONDS`` without activity."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        now = int(time.time())
        session = request.session
        logged_in = session.setdefault(LOGIN_AT_KEY, now)
        if now - logged_in > int(settings.POLKU_SESSION_MAX_SECONDS):
            log.info("session ended at its maximum age: user %s", user.pk)
            return _logged_out(
                request,
                _(
                    "You were logged out because you logged in %(hours)s hours ago. "
                    "Please log in again."
                )
                % {"hours": int(settings.POLKU_SESSION_MAX_SECONDS) // 3600},
            )
        if not account.two_factor_required(user):
            return None
        idle = int(settings.POLKU_STAFF_IDLE_SECONDS)
        seen = session.get(LAST_SEEN_KEY)
        if isinstance(seen, int) and now - seen > idle:
            log.info("session ended after inactivity: user %s", user.pk)
            return _logged_out(
                request,
                _(
                    "You were logged out because you had not used Polku for "
                    "%(minutes)s minutes. Please log in again."
                )
                % {"minutes": idle // 60},
            )
        if _view_name(request) in PASSIVE_VIEWS:
            return None
        if not isinstance(seen, int) or now - seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_KEY] = now
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """Pages for a logged-in user are stored by no browser or proxy (a shared
        computer's back button or cache shows nothing after logging out)."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


def _logged_out(request: HttpRequest, reason: str) -> HttpResponse:
    """Log the user out and send them to the login, saying why."""
    logout(request)
    messages.info(request, reason)
    return _to(reverse("login"), request)


@receiver(user_logged_in)
def _login_time(sender: type, request: HttpRequest | None, **kwargs: object) -> None:
    """Every login starts the session's maximum age again."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())
        request.session.pop(LAST_SEEN_KEY, None)


class TwoFactorMiddleware(MiddlewareMixin):
    """Nothing but the second-factor pages until the session is verified, for
    users who must (staff roles) or chose to (a confirmed device) verify."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if _view_name(request) in UNVERIFIED_VIEWS or _public_asset(request.path):
            return None
        if account.has_confirmed_device(user):
            return _to(reverse("two_factor_verify"), request)
        if account.two_factor_required(user):
            return _to(reverse("two_factor_setup"), request)
        return None


def _to(url: str, request: HttpRequest) -> HttpResponseRedirect:
    """Redirect to ``url``, coming back to this page (for a GET) afterwards."""
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return HttpResponseRedirect(url)


#: What the Wagtail admin needs beyond the site's policy, on ``/admin/`` only (see
#: docs/security.md): Wagtail 8 still writes inline scripts to start its widgets
#: (date choosers, inline panels) and its jQuery runs the scripts of the forms it
#: loads, so inline script is allowed there; its preview panel is an iframe of
#: our own origin. Inline style stays refused, as on the rest of the site.
ADMIN_POLICY_REPLACE: dict[str, list[str]] = {
    "script-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "blob:"],  # thumbnails of images being uploaded
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy everywhere; under ``/admin/`` with ``ADMIN_POLICY_REPLACE``."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if _in_admin(request):
            # Wagtail renders a preview by passing a fake request for the page's own
            # URL through the middleware: that inner pass set the site's policy,
            # which would stop the admin from framing the preview.
            response.headers.pop(HEADER, None)
        return super().process_response(request, response)

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and _in_admin(request):
            admin = dict(ADMIN_POLICY_REPLACE)
            tiles = getattr(settings, "POLKU_MAP_TILE_ORIGIN", "")
            if tiles:  # the site editor's location picker draws the map
                admin["img-src"] = [*admin["img-src"], tiles]
            parts.replace = {**admin, **(parts.replace or {})}
        return parts


def _in_admin(request: HttpRequest) -> bool:
    return request.path_info.startswith("/admin/")
