"""Fixtures of the security tests: two regions with one of everything."""

from __future__ import annotations

from typing import Any

import pytest

from tests.security.objects import Realm, realm_build


@pytest.fixture
def realms(polku: Any) -> tuple[Realm, Realm]:
    """("home", "away"): the same organisations, users and objects in two regions."""
    return realm_build("koti", "981"), realm_build("vieras", "982")
