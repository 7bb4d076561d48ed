"""A county with an instructor, a client who logs in, and a site whose organisation
has two supervisors: everyone with an e-mail address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from icalendar import Calendar

from marketplace.access import roles
from marketplace.clients.services import placements as psvc
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

VISIT = dt.datetime(2030, 3, 4, 9, 30, tzinfo=dt.UTC)  # 11.30 in Helsinki


def person(role: str, organisation: Any = None, **fields: Any) -> Any:
    user = make_user(role, organisation=organisation)
    user.email = f"{user.username}@example.org"
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


@pytest.fixture
def county(polku: Any) -> dict[str, Any]:
    county = OrganisationFactory(name="Hyvinvointialue", kind="wellbeing_county")
    unit = OrganisationFactory(name="Verstas ry", region=county.region)
    instructor = person(roles.INSTRUCTOR, county, first_name="Sanna")
    client_user = person(roles.CLIENT, first_name="Aino")
    site = make_site(
        title="Puupaja",
        organisation=unit,
        seats=(5, 2),
        days_min=1,
        days_max=4,
        hours_min=4,
        hours_max=6,
    )
    client = make_client(instructor=instructor, user=client_user, name="Aino Asiakas")
    return {
        "county": county,
        "unit": unit,
        "instructor": instructor,
        "client_user": client_user,
        "client": client,
        "site": site,
        "supervisor": person(roles.SUPERVISOR, unit, first_name="Tuomas"),
        "supervisor2": person(roles.SUPERVISOR, unit, language="sv"),
        "other_supervisor": person(roles.SUPERVISOR, OrganisationFactory()),
    }


def book(county: dict[str, Any], capture: Any, when: dt.datetime = VISIT) -> Any:
    """The instructor suggests the site and books a visit; the commit sends."""
    with capture(execute=True):
        placement = psvc.placement_suggest(
            actor=county["instructor"], client=county["client"], site=county["site"]
        )
        return psvc.placement_book_visit(
            actor=county["instructor"], placement=placement, visit_at=when
        )


def to(address: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [address]]


def ics_event(message: Any) -> Any:
    (name, data, mimetype), *_ = message.attachments
    assert mimetype == "text/calendar"
    return name, next(iter(Calendar.from_ical(data).walk("VEVENT")))
