"""Security headers: a Content Security Policy without inline script or style on
every page of the site (only the Wagtail admin may run inline script), framing
refused, a strict referrer policy; production settings pass ``check --deploy``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings as django_settings

from marketplace.access import roles
from tests.factories.accounts import make_user


def policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {d[0]: d[1:] for d in directives}


PUBLIC = ["/", "/tyotoimintapaikat/", "/kirjaudu/", "/sivua-ei-ole/"]
OWN = ["/oma/", "/oma/tili/", "/oma/asiakkaat/", "/oma/tili/kirjaudu-ulos-kaikkialta/"]


@pytest.mark.parametrize("who", ["anonymous", roles.INSTRUCTOR])
def test_every_page_of_the_site_forbids_inline_script_and_style(
    client: Any, polku: Any, who: str
) -> None:
    if who != "anonymous":
        client.force_login(make_user(who))
    for url in PUBLIC + (OWN if who != "anonymous" else []):
        response = client.get(url)
        csp = policy(response)
        assert csp["default-src"] == ["'self'"], url
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"], url
        assert csp["base-uri"] == ["'none'"], url
        assert csp["frame-ancestors"] == ["'none'"], url
        assert "unsafe" not in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url


def test_only_the_admin_may_run_inline_script(client: Any, polku: Any) -> None:
    client.force_login(make_user(roles.PLATFORM_ADMIN))
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response)
    # Wagtail 8 starts widgets with inline scripts (docs/security.md)
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    # and frames its own preview; inline style stays refused
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]


def production(*code: str) -> subprocess.CompletedProcess[str]:
    env = {
        # the browser tests' switch for Playwright's event loop is no deployment's
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 64 + "-checks-only-not-a-real-secret",
        "DJANGO_ALLOWED_HOSTS": "polku.example.fi",
    }
    return subprocess.run(
        [sys.executable, *code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks() -> None:
    done = production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_cookies_and_transport() -> None:
    done = production(
        "-c",
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_NAME',"
        "'CSRF_COOKIE_NAME', 'SESSION_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS',"
        "'SECURE_SSL_REDIRECT', 'LANGUAGE_COOKIE_SECURE', 'LANGUAGE_COOKIE_NAME',"
        "'DEBUG')}))",
    )
    assert done.returncode == 0, done.stderr
    values = json.loads(done.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-polku_session",
        "CSRF_COOKIE_NAME": "__Host-polku_csrftoken",
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_SSL_REDIRECT": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_NAME": "__Host-polku_language",
        "DEBUG": False,
    }


def test_pages_of_a_logged_in_user_are_not_cached(client: Any, polku: Any) -> None:
    assert "no-store" not in client.get("/tyotoimintapaikat/").get("Cache-Control", "")
    client.force_login(make_user(roles.INSTRUCTOR))
    for url in ["/oma/", "/oma/asiakkaat/", "/tyotoimintapaikat/"]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    # and logging out tells the browser to drop what it kept
    response = client.post("/kirjaudu-ulos/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'
