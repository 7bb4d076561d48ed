"""Fixtures of the operations tests."""

from __future__ import annotations

from typing import Any

import pytest


def _wagtail_rows() -> None:
    """What Wagtail's data migrations made (the root page, the default locale), which
    the flush at the end of a transactional test removes."""
    from django.conf import settings
    from django.core.cache import cache
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    cache.clear()  # Wagtail caches the site's root paths


@pytest.fixture
def _wagtail_rows_kept(django_db_blocker: Any) -> Any:
    yield
    with django_db_blocker.unblock():
        _wagtail_rows()


@pytest.fixture
def committed(_wagtail_rows_kept: None, transactional_db: None) -> None:
    """A database whose writes are committed at once, so that other processes (or a
    task worker, which closes connections) see them: Wagtail's own rows are put back
    before the test and again after the flush that ends it."""
    _wagtail_rows()
