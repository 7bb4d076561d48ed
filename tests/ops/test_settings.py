"""Production settings from the environment (media storage, shared cache), and the
access log of gunicorn without personal data."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from gunicorn.config import Config

from config.gunicorn_logging import PrivateAccessLogger, masked_path
from config.settings.operations import cache_from_env, media_storage_from_env


def test_media_is_on_the_file_system_unless_a_storage_is_named():
    assert media_storage_from_env({}) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    s3 = media_storage_from_env(
        {
            "POLKU_MEDIA_STORAGE": "storages.backends.s3.S3Storage",
            "POLKU_MEDIA_STORAGE_OPTIONS": '{"bucket_name": "polku-media"}',
        }
    )
    assert s3 == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "polku-media"},
    }


@pytest.mark.parametrize("options", ["{bucket", '["a"]'])
def test_storage_options_must_be_a_json_object(options):
    with pytest.raises(ImproperlyConfigured):
        media_storage_from_env(
            {"POLKU_MEDIA_STORAGE": "x.Storage", "POLKU_MEDIA_STORAGE_OPTIONS": options}
        )


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("", "locmem.LocMemCache", None),
        ("db://", "db.DatabaseCache", "polku_cache"),
        ("redis://10.0.0.5:6379/0", "redis.RedisCache", "redis://10.0.0.5:6379/0"),
    ],
)
def test_the_cache_comes_from_its_url(url, backend, location):
    cache = cache_from_env({"POLKU_CACHE_URL": url})
    assert cache["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert cache.get("LOCATION") == location


def test_an_unknown_cache_is_refused():
    with pytest.raises(ImproperlyConfigured):
        cache_from_env({"POLKU_CACHE_URL": "memcached://x"})


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (
            "/oma/asiakkaat/3f2b8c1e-5d6a-4e7f-9a0b-1c2d3e4f5a6b/ehdotukset/",
            "/oma/asiakkaat/{id}/ehdotukset/",
        ),
        ("/oma/kayttajat/42/", "/oma/kayttajat/{id}/"),
        ("/oma/paikat/7/lasnaolo.csv", "/oma/paikat/{id}/lasnaolo.csv"),
        ("/tyotoimintapaikat/puupaja-s01/", "/tyotoimintapaikat/puupaja-s01/"),
    ],
)
def test_ids_in_paths_are_masked(path, logged):
    assert masked_path(path) == logged


def test_the_access_log_has_no_query_string_address_agent_or_referrer():
    logger = PrivateAccessLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/tyotoimintapaikat/?q=Aino+Asiakas",
        "PATH_INFO": "/oma/asiakkaat/3f2b8c1e-5d6a-4e7f-9a0b-1c2d3e4f5a6b/",
        "QUERY_STRING": "q=Aino+Asiakas",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10",
        "HTTP_USER_AGENT": "Firefox",
        "HTTP_REFERER": "https://polku.example/?q=Aino",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=secret")])
    atoms = logger.atoms(response, request, environ, dt.timedelta(milliseconds=12))
    text = " ".join(str(v) for v in atoms.values())
    for secret in ("Aino", "192.0.2.10", "Firefox", "secret", "3f2b8c1e"):
        assert secret not in text
    assert atoms["r"] == "GET /oma/asiakkaat/{id}/ HTTP/1.1"
    assert atoms["M"] == 12 and atoms["s"] == "200"
