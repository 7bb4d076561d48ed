"""Operations settings read from the environment: where uploaded files live and the
cache the processes share. ``production.py`` applies them (docs/operations.md).

* ``POLKU_MEDIA_STORAGE``: a Django storage class for uploaded images and documents.
  Empty: files under ``DJANGO_MEDIA_ROOT`` (``base.py``), served by the reverse
  proxy; every application machine must see the same folder. For S3-compatible
  object storage install django-storages (``pip install 'django-storages[s3]'``)
  and set ``storages.backends.s3.S3Storage``, with
* ``POLKU_MEDIA_STORAGE_OPTIONS``: the storage's options as JSON, e.g.
  ``{"bucket_name": "polku-media", "endpoint_url": "https://s3.example.fi",
  "region_name": "fi-1", "default_acl": "private", "querystring_auth": true}``
  (keys in ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``, never in the JSON).
* ``POLKU_CACHE_URL``: ``locmem://`` (default: each process its own), ``db://``
  (a table in the database, shared by every process and machine; run
  ``manage.py createcachetable`` once) or ``redis://host:6379/0`` (needs the
  ``redis`` package). Polku keeps nothing in the cache that a request relies on;
  Wagtail keeps its sites' root paths there (an hour) and image renditions.
* ``POLKU_EMAIL_PROVIDER``: send e-mail through a provider's API with django-anymail
  (``mailgun``, ``postmark``, ``amazon_ses``, ``sendgrid``, ``brevo`` …), its keys in
  ``ANYMAIL_<SETTING>`` variables (``ANYMAIL_MAILGUN_API_KEY`` …). Empty: SMTP with
  ``EMAIL_HOST``, ``EMAIL_PORT`` (587), ``EMAIL_HOST_USER``,
  ``EMAIL_HOST_PASSWORD`` and ``EMAIL_USE_TLS`` (on).
* ``POLKU_SQLITE_TIMEOUT``: on SQLite (the embedded database), how many seconds a
  write waits for the one before it before the user is asked to try again (20).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

CACHE_TABLE = "polku_cache"


def media_storage_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """``STORAGES["default"]`` from ``POLKU_MEDIA_STORAGE(_OPTIONS)``."""
    backend = environ.get("POLKU_MEDIA_STORAGE", "").strip()
    if not backend:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    try:
        options = json.loads(environ.get("POLKU_MEDIA_STORAGE_OPTIONS") or "{}")
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(
            f"POLKU_MEDIA_STORAGE_OPTIONS is not valid JSON: {exc}"
        ) from exc
    if not isinstance(options, dict):
        raise ImproperlyConfigured("POLKU_MEDIA_STORAGE_OPTIONS must be a JSON object")
    return {"BACKEND": backend, "OPTIONS": options}


def cache_from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """``CACHES["default"]`` from ``POLKU_CACHE_URL``."""
    url = environ.get("POLKU_CACHE_URL", "").strip() or "locmem://"
    scheme = urlsplit(url).scheme
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    if scheme in ("redis", "rediss"):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
        }
    raise ImproperlyConfigured(
        f"POLKU_CACHE_URL must start with locmem://, db://, redis:// or rediss://, "
        f"not {scheme}://"
    )


def email_backend_from_env(environ: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """``EMAIL_BACKEND`` and ``ANYMAIL`` from ``POLKU_EMAIL_PROVIDER`` and the
    ``ANYMAIL_*`` variables; SMTP when no provider is named."""
    provider = environ.get("POLKU_EMAIL_PROVIDER", "").strip().lower()
    if not provider:
        return "django.core.mail.backends.smtp.EmailBackend", {}
    if not provider.replace("_", "").isalnum():
        raise ImproperlyConfigured(
            f"POLKU_EMAIL_PROVIDER must be an anymail provider such as mailgun, "
            f"not {provider!r}"
        )
    options = {
        name.removeprefix("ANYMAIL_"): value
        for name, value in environ.items()
        if name.startswith("ANYMAIL_") and value
    }
    return f"anymail.backends.{provider}.EmailBackend", options


#: Pragmas of every SQLite connection: write-ahead logging lets readers go on while
#: one writer writes (and is kept in the file); NORMAL sync is safe with WAL.
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"


def sqlite_options(environ: Mapping[str, str]) -> dict[str, Any]:
    """``DATABASES["default"]["OPTIONS"]`` for SQLite as an embedded database.

    SQLite has one writer at a time. A deferred transaction that reads and then
    writes fails at once with "database is locked" when another connection wrote
    in between (the busy timeout cannot help it), so every transaction starts with
    ``BEGIN IMMEDIATE`` (Django 5.1+ ``transaction_mode``) and waits its turn for up
    to ``POLKU_SQLITE_TIMEOUT`` seconds; a single statement outside a transaction
    waits the same way. Readers are never blocked (WAL).
    """
    raw = environ.get("POLKU_SQLITE_TIMEOUT", "").strip() or "20"
    try:
        timeout = float(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"POLKU_SQLITE_TIMEOUT must be a number of seconds, not {raw!r}"
        ) from exc
    if not 0 < timeout <= 3600:
        raise ImproperlyConfigured("POLKU_SQLITE_TIMEOUT must be 0-3600 seconds")
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": timeout,
        "init_command": SQLITE_INIT,
    }
