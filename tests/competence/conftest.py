"""A learning-environment site with a participant who started 60 days ago."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from marketplace.access import roles
from marketplace.models import Placement, PlacementPeriod
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site


@pytest.fixture
def school(polku: Any) -> dict[str, Any]:
    region_town = MunicipalityFactory(code="398", name="Lahti", lat=60.98, lon=25.66)
    unit = OrganisationFactory(name="Puupaja ry", region=region_town.region)
    county = OrganisationFactory(kind="wellbeing_county", region=region_town.region)
    site = make_site(
        title="Puupaja Höylä",
        organisation=unit,
        municipality=region_town,
        learning_units=("Puusepän perustyöt", "Pintakäsittely"),
    )
    supervisor = make_user(roles.SUPERVISOR, organisation=unit, username="paula")
    supervisor.first_name, supervisor.last_name = "Paula", "Pajamestari"
    supervisor.save()
    instructor = make_user(roles.INSTRUCTOR, organisation=county)
    client_user = make_user(roles.CLIENT, username="aino")
    person = make_client(
        instructor=instructor,
        name="Aino Oma",
        user=client_user,
        municipality=region_town,
    )
    start = timezone.localdate() - dt.timedelta(days=60)
    placement = Placement.objects.create(
        client=person, site=site, status=Placement.Status.ACTIVE, start_date=start
    )
    PlacementPeriod.objects.create(placement=placement, start=start)
    units = list(site.learning_units.order_by("sort_order"))
    return {
        "site": site,
        "supervisor": supervisor,
        "instructor": instructor,
        "client_user": client_user,
        "person": person,
        "placement": placement,
        "units": units,
        "start": start,
        "unit_org": unit,
    }
