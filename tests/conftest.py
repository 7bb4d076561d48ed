"""Shared fixtures: every test database starts with Polku's set-up (roles, pages)."""

from __future__ import annotations

import pytest


@pytest.fixture
def polku(db):  # type: ignore[no-untyped-def]
    """Run the installation set-up: vocabularies, regions, groups, page tree, workflow."""
    from marketplace.seeding.setup import polku_setup

    return polku_setup()


@pytest.fixture
def flushed_polku(transactional_db):  # type: ignore[no-untyped-def]
    """Polku's set-up in a transactional test: an earlier such test flushed the
    database, Wagtail's root page and locale with it, so they are made again."""
    from django.conf import settings
    from django.core.cache import cache
    from wagtail.models import Locale, Page

    from marketplace.seeding.setup import polku_setup

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    cache.clear()
    return polku_setup()


@pytest.fixture
def clock(monkeypatch):  # type: ignore[no-untyped-def]
    """Set Polku's "today": ``clock.set(date)`` (tests/clock.py)."""
    from tests.clock import Clock

    return Clock(monkeypatch)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "password_only_login: the test client's login leaves the session without "
        "the second factor (tests/security/login.py)",
    )


@pytest.fixture(autouse=True)
def _test_client_login_verifies_second_factor(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``client.login()`` and ``force_login()`` also verify the second factor, as the
    two-step login does, so that staff reach their pages in tests. Opt out with
    ``@pytest.mark.password_only_login``. Browsers log in with
    ``tests.security.login.browser_log_in``."""
    if request.node.get_closest_marker("password_only_login"):
        return
    from django.test.client import ClientMixin

    from tests.security.login import verify_session

    original = ClientMixin._login

    def _login(self, user, backend=None):  # type: ignore[no-untyped-def]
        original(self, user, backend)
        verify_session(self, user)

    monkeypatch.setattr(ClientMixin, "_login", _login)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty cache (the process-local cache outlives a test's
    database transaction, and a rolled-back SQLite id can come back)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _finnish_to_start_with() -> None:
    """Every test starts in Finnish, the site's language: a request leaves its
    language active, and a page text assigned as ``site.description`` is written in
    the active language's column (django-modeltranslation, docs/languages.md)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def stripe_fake(settings):  # type: ignore[no-untyped-def]
    """Payments switched on, every Stripe call answered by an in-process fake."""
    from tests.factories.money import payments_off, payments_on

    yield payments_on(settings)
    payments_off()


@pytest.fixture
def no_payments(settings) -> None:  # type: ignore[no-untyped-def]
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""


@pytest.fixture
def bank(polku):  # type: ignore[no-untyped-def]
    """A region with an NGO that posts jobs, a unit with a group of three disability
    work activity participants, a unit elsewhere, and the region's organiser
    (tests/factories/jobs.py)."""
    from tests.factories.jobs import job_bank_world

    return job_bank_world()
