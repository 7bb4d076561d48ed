"""Security settings for every environment: two-step verification, login lockout,
Content Security Policy and session lifetime. ``base.py`` imports them; production
adds HTTPS-only cookies and HSTS (``production.py``). See docs/security.md.
"""

from __future__ import annotations

import os
from datetime import timedelta

from csp.constants import NONE, SELF

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username before the password is
    # even checked, and counts every failure.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Two-step verification (django-otp): an authenticator app (TOTP) and recovery
# codes. Staff roles must verify in every session (marketplace.accounts.middleware).
OTP_TOTP_ISSUER = "Polku"
# Wrong codes in a row make the next try wait 1, 2, 4, 8 … seconds (per device).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
POLKU_RECOVERY_CODES = 10
# Staff sessions end after this long without a request (sliding), and every session
# this long after the login, active or not (a working day and a bit).
POLKU_STAFF_IDLE_SECONDS = 30 * 60
POLKU_SESSION_MAX_SECONDS = 10 * 60 * 60
# The server forgets a session this long after its last change at the latest, and
# the browser forgets the cookie when it is closed (shared computers).
SESSION_COOKIE_AGE = POLKU_SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Passwords are set by the organiser or changed on the account page; clients and
# job posters may also reset theirs by e-mail (marketplace.notifications
# .password_reset: never staff, whose second factor a mailbox must not replace).
# The link works once and for a day. Wagtail's own e-mailed reset stays off: it
# would be a way in beside the login.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
WAGTAIL_PASSWORD_RESET_ENABLED = False

# The admin would fetch Wagtail's release list from releases.wagtail.org: no calls
# to other sites from the admin (and the Content Security Policy would refuse it).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's own login page would skip the second factor's flow: send it to ours.
WAGTAILADMIN_LOGIN_URL = "/kirjaudu/"

# Login lockout (django-axes): five wrong passwords for a username lock that username
# for 30 minutes from every address (a county's offices share one public address, so
# locking by address would lock out colleagues). An organiser or a platform admin
# unlocks at once from "Sign-in security" (marketplace.accounts.views.account).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# axes.W006 asks for the address among the lockout parameters because locks keyed on
# user agent or cookies can be dodged; ours is keyed on the username, which an
# attacker cannot rotate for the account they target. Locking by address is left
# out on purpose (see above); docs/security.md lists password spraying as partial.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_CALLABLE = "marketplace.accounts.views.account.locked_out"
# django-axes masks these in its log lines (the username and the address are
# personal data) and in the form fields it stores with a failure (codes, tokens).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
# Behind a reverse proxy, the number of proxies that append to X-Forwarded-For.
if os.environ.get("POLKU_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["POLKU_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# Content Security Policy (django-csp 4): everything from our own origin, no inline
# script or style anywhere, no plugins, no framing. marketplace.accounts.middleware widens
# it for the Wagtail admin only, where Wagtail needs it (docs/security.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Messages travel in the session, not in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads in the Wagtail admin: documents and images of these kinds only. No SVG
# (it can carry script), no HTML, no executables.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents: the content must match the extension, and 10 MB at most.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "marketplace.shared.uploads.DocumentForm"
POLKU_DOCUMENT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
