"""Development settings for ``make run``: debug on, a local secret."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "polku-local-development-only-not-secret"
