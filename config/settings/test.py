"""Settings for the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)."""

import os

# The maps' tiles come from a host that does not exist: the browser tests answer its
# requests themselves (tests/browser/test_maps.py), so no test reaches the network.
os.environ.setdefault("POLKU_MAP_TILE_URL", "https://tiles.polku.test/{z}/{x}/{y}.png")
# and the address search asks a host that does not exist (tests replace the call)
os.environ.setdefault("POLKU_GEOCODER_URL", "https://geocoder.polku.test/search")

from .base import *  # noqa: E402, F403
from .base import STORAGES  # noqa: E402

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
POLKU_BASE_URL = "http://testserver"
