"""No role reaches another region's objects through any object URL of the URL conf.

The URLs come from Django's resolver (tests/security/urlconf.py) and their
arguments from the registry (tests/security/objects.py): a new view with an object
in its URL is covered as soon as it exists, and fails here until registered.
Wagtail's own admin URLs are left to Wagtail's permission policies, narrowed for
Polku in marketplace.access.permissions and tested in tests/access/test_permissions.py,
test_moderation.py and tests/browser/test_supervisor.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from tests.security.objects import REGISTRY, ROLES
from tests.security.urlconf import object_routes

REFUSED = (403, 404)
OUR_APPS = ("marketplace", "matching", "cms")


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m._base_manager.count()
        for app in OUR_APPS
        for m in apps.get_app_config(app).get_models()
    }


def test_every_object_url_is_in_the_registry() -> None:
    # Given every route of ours whose URL has arguments
    missing = [r for r in object_routes() if r.name not in REGISTRY]
    # then the registry can build each of them, or says why it is no object
    assert not missing, (
        "Object URLs that tests/security/objects.py cannot build yet (add them to "
        "REGISTRY so that the IDOR test covers them): "
        + ", ".join(f"{r.name} ({r.route})" for r in missing)
    )


def test_every_object_url_has_a_name() -> None:
    assert [r.route for r in object_routes() if not r.name] == []


@pytest.mark.parametrize("role", ROLES)
def test_no_role_opens_another_regions_objects(
    client: Any, realms: Any, role: str
) -> None:
    # Given a user of the home region, logged in with the second factor
    home, away = realms
    client.force_login(home[role])
    urls = [
        (route.name, route.url(**kwargs))
        for route in object_routes()
        if (entry := REGISTRY.get(route.name)) and entry.owner
        for kwargs in entry.build(away)
    ]
    before = row_counts()
    refused_wrongly = []
    # when they open and post to every object URL with the away region's objects
    for name, url in urls:
        got = client.get(url).status_code
        posted = client.post(url, {}).status_code
        if got not in (*REFUSED, 405) or posted not in REFUSED:
            refused_wrongly.append(f"{name} {url}: GET {got}, POST {posted}")
    # then every one is refused (not found or forbidden)
    assert refused_wrongly == []
    # and nothing was written
    assert row_counts() == before


def test_each_registered_object_is_open_to_its_owner(client: Any, realms: Any) -> None:
    """The registry builds real objects: their owner is not refused (at least one
    variant of each URL), so the test above cannot pass on objects that do not
    exist."""
    _home, away = realms
    not_reached = []
    for route in object_routes():
        entry = REGISTRY.get(route.name)
        if entry is None or entry.owner is None:
            continue
        client.force_login(away[entry.owner])
        statuses = []
        for kwargs in entry.build(away):
            response = client.get(route.url(**kwargs))
            if response.status_code == 405:
                response = client.post(route.url(**kwargs), {})
            statuses.append(response.status_code)
        if all(s in REFUSED for s in statuses):
            not_reached.append(f"{route.name} as {entry.owner}: {statuses}")
    assert not_reached == []
