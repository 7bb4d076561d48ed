"""factory_boy factories for Polku's models."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group
from wagtail.models import Page

from marketplace.access import roles
from marketplace.models import (
    Municipality,
    Organisation,
    Region,
    SiteCapacity,
    Term,
    User,
    WorkSite,
)

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


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get_or_create(vocabulary=vocabulary, code=code)[0]


def catalogue_page() -> Page:
    from cms.models import SiteIndexPage

    return SiteIndexPage.objects.get()


def make_site(
    *,
    title: str = "Puupaja",
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    services: tuple[str, ...] = ("rehabilitative",),
    forms: tuple[str, ...] = ("workshop",),
    tags: tuple[str, ...] = ("woodwork",),
    accessibility: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("fi",),
    learning_units: tuple[str, ...] = (),
    seats: tuple[int, int] | None = (10, 2),
    voucher_price_cents: int | None = None,
    description: str = "Puutöitä omaan tahtiin.",
    live: bool = True,
    **fields: object,
) -> WorkSite:
    """A published work-activity site under the catalogue page."""
    from marketplace.models import LearningUnit

    organisation = organisation or OrganisationFactory()
    municipality = municipality or MunicipalityFactory(region=organisation.region)
    site = WorkSite(
        title=title,
        organisation=organisation,
        municipality=municipality,
        lat=municipality.lat,
        lon=municipality.lon,
        description=description,
        days_min=fields.pop("days_min", 1),
        days_max=fields.pop("days_max", 4),
        hours_min=fields.pop("hours_min", 4),
        hours_max=fields.pop("hours_max", 6),
        voucher_price_cents=voucher_price_cents,
        live=live,
        **fields,
    )
    catalogue_page().add_child(instance=site)
    site.services.set([term("service", c) for c in services])
    site.forms.set([term("form", c) for c in forms])
    site.tags.set([term("tag", c) for c in tags])
    site.accessibility.set([term("accessibility", c) for c in accessibility])
    site.languages.set([term("language", c) for c in languages])
    site.learning_units = [LearningUnit(name=n) for n in learning_units]
    site.save()
    if live:
        site.save_revision().publish()
    if seats is not None:
        SiteCapacity.objects.create(
            site=site, seats_total=seats[0], seats_free=seats[1]
        )
    from wagtail.search.index import insert_or_update_object

    insert_or_update_object(site)
    return site


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


def make_client(
    *,
    instructor: User | None = None,
    municipality: Municipality | None = None,
    service: str = "rehabilitative",
    name: str = "Testi Asiakas",
    **fields: object,
):  # type: ignore[no-untyped-def]
    from marketplace.models import Client

    return Client.objects.create(
        name=name,
        instructor=instructor,
        municipality=municipality or MunicipalityFactory(),
        service=service,
        goals=fields.pop("goals", ["work_trial", "life_management"]),
        days_per_week=fields.pop("days_per_week", 3),
        hours_per_day=fields.pop("hours_per_day", 5),
        max_travel_km=fields.pop("max_travel_km", 20),
        **fields,
    )
