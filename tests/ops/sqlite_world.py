"""Build the SQLite database of the embedded-database tests in its own process.

    DATABASE_URL=sqlite:////tmp/x/db.sqlite3 \\
    DJANGO_SETTINGS_MODULE=tests.ops.server_settings \\
        python -m tests.ops.sqlite_world GROUPS SIZE

Migrates the file, runs Polku's set-up and makes ``GROUPS`` groups of ``SIZE``
instructors, each with an authenticator and one client with an introductory visit
booked at the group's site (seats for everyone). Prints the world as JSON: the
instructors' usernames and authenticator keys, the placements and the sites, so
that the test process (whose own database is another one) can drive real servers.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def build(groups: int, size: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from marketplace.access import roles
    from marketplace.models import Placement
    from marketplace.seeding.setup import polku_setup
    from tests.factories.accounts import (
        MunicipalityFactory,
        OrganisationFactory,
        make_user,
    )
    from tests.factories.clients import make_client
    from tests.factories.sites import make_site
    from tests.security.login import authenticator_for

    polku_setup()
    county = OrganisationFactory(kind="wellbeing_county")
    town = MunicipalityFactory(code="398", name="Lahti", region=county.region)
    ngo = OrganisationFactory(region=county.region)
    world: dict[str, Any] = {"town": town.pk, "groups": []}
    for g in range(groups):
        site = make_site(
            title=f"Paja {g}", organisation=ngo, municipality=town, seats=(50, 50)
        )
        members = []
        for n in range(size):
            instructor = make_user(
                roles.INSTRUCTOR, organisation=county, username=f"ohjaaja-{g}-{n}"
            )
            device = authenticator_for(instructor)
            person = make_client(
                instructor=instructor, municipality=town, name=f"Asiakas {g}-{n}"
            )
            placement = Placement.objects.create(
                client=person,
                site=site,
                status=Placement.Status.VISIT_BOOKED,
                visit_at=timezone.now(),
            )
            members.append(
                {
                    "username": instructor.username,
                    "key": device.key,
                    "client": str(person.pk),
                    "placement": str(placement.pk),
                }
            )
        world["groups"].append({"site": site.pk, "members": members})
    return world


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(build(int(sys.argv[1]), int(sys.argv[2]))))
