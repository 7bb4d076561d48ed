"""Development settings for ``make run``: debug on, a local secret.

``make run`` serves the demo with ``DJANGO_DEBUG=0``, so that a missing page and an
error look as they do in production (Polku's own 404 and 500 pages); the set-up
commands before it run with DEBUG on (the demo loaders refuse to run without it).
"""

from .base import *  # noqa: F403
from .base import LOGGING, SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "polku-local-development-only-not-secret"

# One "AXES: BEGIN version …" line per command and the reloader's "Watching for file
# changes" are noise in a terminal (both still show at WARNING and above).
_loggers = LOGGING["loggers"]
assert isinstance(_loggers, dict)
_loggers.update(
    {
        "axes.apps": {"level": "WARNING"},
        "django.utils.autoreload": {"level": "WARNING"},
    }
)

# E-mails are printed by the task worker that `make run` starts beside the server.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
