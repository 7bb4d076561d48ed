"""Regions, municipalities, organisations and users of every role."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from marketplace.access import roles
from marketplace.models import Municipality, Organisation, Region, User

PASSWORD = "test-pass-123"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name_fi = factory.Sequence(lambda n: f"Alue {n}")
    name_sv = factory.Sequence(lambda n: f"Område {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    name = factory.Sequence(lambda n: f"Kunta {n}")
    lat = 60.98
    lon = 25.66
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Yhdistys {n} ry")
    kind = Organisation.Kind.ASSOCIATION
    business_id = "1234567-1"
    region = factory.SubFactory(RegionFactory)


def make_user(
    role: str, *, organisation: Organisation | None = None, username: str | None = None
) -> User:
    user = User.objects.create_user(
        username=username or f"{role}-{User.objects.count() + 1}",
        password=PASSWORD,
        organisation=organisation,
        is_staff=role in roles.ADMIN_ROLES,
        is_superuser=role == roles.PLATFORM_ADMIN,
    )
    user.groups.add(Group.objects.get(name=role))
    return user
