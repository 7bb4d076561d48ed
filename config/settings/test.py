"""Settings for the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)."""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "polku-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}

# Tasks run at once in tests, so their effects can be asserted.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# django-axes needs the request in authenticate(), which the test client's login()
# does not pass; the lockout tests (tests/security/) switch it on again.
AXES_ENABLED = False
