"""Demo users for ``make run``: one per role, tied to organisations of the demo data."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count

from marketplace import roles
from marketplace.models import Organisation, User

DEMO_PASSWORD = "polku-demo"  # noqa: S105 - printed for the demo on purpose
DEMO_REGION = "paijat-hame"


def _org(**filters: object) -> Organisation | None:
    return (
        Organisation.objects.filter(region__slug=DEMO_REGION, **filters)
        .annotate(n=Count("sites"))
        .order_by("-n", "external_id")
        .first()
    )


@transaction.atomic
def demo_users_ensure() -> list[tuple[User, str]]:
    """Create (or reset) the demo users; returns each with a line describing it."""
    county = _org(kind=Organisation.Kind.WELLBEING_COUNTY)
    site_org = _org(kind=Organisation.Kind.ASSOCIATION, n__gte=2) or _org(n__gte=1)
    poster_org = (
        _org(kind__in=["parish", "foundation", "association"])
        if site_org is None
        else Organisation.objects.filter(
            region__slug=DEMO_REGION, kind__in=["parish", "foundation", "association"]
        )
        .exclude(pk=site_org.pk)
        .order_by("external_id")
        .first()
    )
    wanted = [
        ("yllapito", roles.PLATFORM_ADMIN, None, "Ylläpito", "Polku"),
        ("jarjestaja", roles.ORGANISER, county, "Jaana", "Järjestäjä"),
        ("sosiaaliohjaaja", roles.INSTRUCTOR, county, "Sanna", "Sosiaaliohjaaja"),
        ("tyonohjaaja", roles.SUPERVISOR, site_org, "Tuomas", "Työnohjaaja"),
        ("ilmoittaja", roles.POSTER, poster_org, "Iida", "Ilmoittaja"),
        ("asiakas", roles.CLIENT, None, "Aino", "Asiakas"),
    ]
    out = []
    for username, role, org, first, last in wanted:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.organisation = org
        user.is_staff = role in roles.ADMIN_ROLES
        user.is_superuser = role == roles.PLATFORM_ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        where = f" — {org.name}" if org else ""
        out.append((user, f"{roles.LABELS[role]}{where}"))
    return out
