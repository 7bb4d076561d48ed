"""Settings shared by every environment; values come from environment variables.

SQLite is the embedded default; set ``DATABASE_URL`` (for example
``postgres://polku:polku@127.0.0.1:5432/polku``) to run on PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # page texts in each language, as columns of the same page (docs/languages.md)
    "modeltranslation",
    "marketplace",
    "matching",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Finnish unless the user picks another language or the browser asks for Swedish
    "marketplace.accounts.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # "database is locked" (SQLite busy past its timeout) -> the "try again" page
    "marketplace.shared.database_busy.DatabaseBusyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # a date or month Polku cannot show: a 400 page with the message (shared/dates.py)
    "marketplace.shared.middleware.BadInputMiddleware",
    # session lifetime, staff idle timeout, the second factor (docs/security.md)
    "marketplace.accounts.middleware.SessionTimeoutMiddleware",
    "marketplace.accounts.middleware.TwoFactorMiddleware",
    # an admin URL naming another organisation's page is not found (access/pages.py)
    "marketplace.access.admin_scope.AdminPageScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "marketplace.accounts.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, as django-axes requires: turns a lockout into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "marketplace.accounts.context_processors.polku",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if USING_POSTGRES and env_bool("POLKU_PG_JIT_OFF", True):
    # PostgreSQL's JIT compiles the outcome page's aggregates for 25-45 ms each,
    # longer than they run (docs/benchmarks.md); Polku's queries gain nothing from
    # it. Behind PgBouncer, which refuses start-up options, set POLKU_PG_JIT_OFF=0
    # and run `ALTER DATABASE polku SET jit = off` instead (docs/operations.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database: WAL, a busy timeout and BEGIN IMMEDIATE, so that
    # parallel requests wait for each other instead of failing (operations.py).
    from .operations import sqlite_options

    DATABASES["default"]["OPTIONS"] = {
        **sqlite_options(os.environ),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "marketplace.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Finnish first; Swedish and English by the language switch.
LANGUAGE_CODE = "fi"
# Each language named in itself, as the language switch shows it: Finnish and
# Swedish write language names in lower case (docs/languages.md).
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Page texts in each language (django-modeltranslation): a text not written in
# the user's language is shown in Finnish, marked lang="fi" (docs/languages.md).
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WAGTAIL_SITE_NAME = "Polku"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Wagtail search on the database: SQLite FTS5 by default, PostgreSQL full-text
# search with the Finnish dictionary (stems inflected forms) on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        **({"SEARCH_CONFIG": "finnish"} if USING_POSTGRES else {}),
    }
}

# Two-step verification, login lockout, Content Security Policy, cookies, uploads;
# the background map's tiles and the journey planner (config/settings/maps.py). The
# tile host is the one other origin the Content Security Policy allows, for images.
from .maps import (  # noqa: E402
    DEFAULT_JOURNEY_PLANNER_URL,
    DEFAULT_TILE_ATTRIBUTION,
    DEFAULT_TILE_ATTRIBUTION_URL,
    DEFAULT_TILE_URL,
    journey_planners_from_env,
    tile_origin,
)
from .security import *  # noqa: E402, F403
from .security import CONTENT_SECURITY_POLICY  # noqa: E402

POLKU_MAP_TILE_URL = os.environ.get("POLKU_MAP_TILE_URL", DEFAULT_TILE_URL).strip()
POLKU_MAP_TILE_SUBDOMAINS = os.environ.get("POLKU_MAP_TILE_SUBDOMAINS", "abc")
POLKU_MAP_TILE_ATTRIBUTION = os.environ.get(
    "POLKU_MAP_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION
)
POLKU_MAP_TILE_ATTRIBUTION_URL = os.environ.get(
    "POLKU_MAP_TILE_ATTRIBUTION_URL", DEFAULT_TILE_ATTRIBUTION_URL
)
POLKU_MAP_TILE_MAX_ZOOM = int(os.environ.get("POLKU_MAP_TILE_MAX_ZOOM", "19"))
POLKU_JOURNEY_PLANNER_URL = os.environ.get(
    "POLKU_JOURNEY_PLANNER_URL", DEFAULT_JOURNEY_PLANNER_URL
)
POLKU_JOURNEY_PLANNERS = journey_planners_from_env(os.environ)
# The site editor's address search (marketplace/maps/geocoding.py): a Nominatim
# search endpoint, asked by the server; empty switches the search off.
POLKU_GEOCODER_URL = os.environ.get(
    "POLKU_GEOCODER_URL", "https://nominatim.openstreetmap.org/search"
)
POLKU_GEOCODER_USER_AGENT = os.environ.get(
    "POLKU_GEOCODER_USER_AGENT", "Polku work-activity catalogue (site editor)"
)
POLKU_MAP_TILE_ORIGIN = tile_origin(POLKU_MAP_TILE_URL) if POLKU_MAP_TILE_URL else ""
if POLKU_MAP_TILE_ORIGIN:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] = [
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
        POLKU_MAP_TILE_ORIGIN,
    ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}


# Background work (retraining, held-seat expiry, auto-acceptance, statements): Django
# tasks stored in the database; `manage.py db_worker` runs them (any number of workers).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# E-mail notifications (marketplace.notifications) and password reset links: sent by
# the task worker; links point at POLKU_BASE_URL. The backend is SMTP here, the
# console in `make run` (local.py), a provider or SMTP in production.py.
POLKU_BASE_URL = os.environ.get("POLKU_BASE_URL", WAGTAILADMIN_BASE_URL)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Polku <polku@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Trained matcher artifacts (registered in matching.MatcherModel).
MATCHER_ARTIFACT_DIR = os.environ.get(
    "POLKU_MATCHER_ARTIFACT_DIR", str(BASE_DIR / "var" / "matcher")
)


# Job bank payments (Stripe Connect, separate charges and transfers). Without both
# keys the job bank works with unpaid jobs only and says that payments are off.
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_CURRENCY = "eur"
STRIPE_ACCOUNT_COUNTRY = os.environ.get("STRIPE_ACCOUNT_COUNTRY", "FI")
# The platform's share of a paid job, in basis points (100 = 1 %); default nothing.
POLKU_PLATFORM_FEE_BPS = int(
    os.environ.get(
        "POLKU_PLATFORM_FEE_BPS",
        str(round(float(os.environ.get("POLKU_PLATFORM_FEE_PERCENT", "0")) * 100)),
    )
)
# Work-share money a participant may earn in one day (the reported tax-free limit).
WORK_SHARE_DAILY_CAP_CENTS = int(os.environ.get("WORK_SHARE_DAILY_CAP_CENTS", "1200"))
# A delivered job is accepted automatically this many days after delivery.
JOB_AUTO_ACCEPT_DAYS = int(os.environ.get("JOB_AUTO_ACCEPT_DAYS", "14"))
