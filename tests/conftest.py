"""Shared fixtures: every test database starts with Polku's set-up (roles, pages)."""

from __future__ import annotations

import pytest


@pytest.fixture
def polku(db):  # type: ignore[no-untyped-def]
    """Run the installation set-up: vocabularies, regions, groups, page tree, workflow."""
    from marketplace.services.setup import polku_setup

    return polku_setup()
