"""Production settings: every secret from the environment, HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY for production.")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Cookies only over HTTPS and for this host only: the __Host- prefix makes browsers
# refuse them unless Secure, Path=/ and without Domain.
SESSION_COOKIE_NAME = "__Host-polku_session"
CSRF_COOKIE_NAME = "__Host-polku_csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-polku_language"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Browsers upgrade any http:// link to https:// (HSTS covers this host already).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
        "upgrade-insecure-requests": True,
    }
}

# Uploaded media and the shared cache, from the environment (docs/operations.md).
import os  # noqa: E402

from .operations import (  # noqa: E402
    cache_from_env,
    email_backend_from_env,
    media_storage_from_env,
)

STORAGES = {**STORAGES, "default": media_storage_from_env(os.environ)}  # noqa: F405
CACHES = {"default": cache_from_env(os.environ)}

# E-mail (docs/operations.md): a provider through django-anymail, or SMTP.
EMAIL_BACKEND, ANYMAIL = email_backend_from_env(os.environ)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
