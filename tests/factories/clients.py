"""Clients, their placements with periods, self-assessments and monthly feedback."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from marketplace.models import (
    Client,
    ClientFeedback,
    Municipality,
    Placement,
    PlacementEvent,
    PlacementPeriod,
    SelfAssessment,
    User,
    WorkSite,
)
from tests.factories.accounts import MunicipalityFactory


def make_client(
    *,
    instructor: User | None = None,
    municipality: Municipality | None = None,
    service: str = "rehabilitative",
    name: str = "Testi Asiakas",
    **fields: object,
) -> Client:
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


def make_placement(
    client: Client,
    site: WorkSite,
    start: dt.date | None = None,
    end: dt.date | None = None,
    exit_reason: str = "",
    *,
    status: str | None = None,
    **fields: Any,
) -> Placement:
    """A placement with its first period: active from ``start`` (120 days ago by
    default), or ended on ``end`` for ``exit_reason``."""
    start = start or timezone.localdate() - dt.timedelta(days=120)
    ended = end is not None
    placement = Placement.objects.create(
        client=client,
        site=site,
        status=status or (Placement.Status.ENDED if ended else Placement.Status.ACTIVE),
        start_date=start,
        **fields,
    )
    PlacementPeriod.objects.create(
        placement=placement, start=start, end=end, exit_reason=exit_reason
    )
    return placement


def event_at(placement: Placement, at: dt.date, to: str, **detail: Any) -> None:
    event = PlacementEvent.objects.create(
        placement=placement, from_status="active", to_status=to, detail=detail
    )
    when = dt.datetime.combine(at, dt.time(10), timezone.get_current_timezone())
    PlacementEvent.objects.filter(pk=event.pk).update(at=when)


def assess(client: Any, day: dt.date, work: int, others: int = 4) -> None:
    SelfAssessment.objects.create(
        client=client,
        date=day,
        work_ability=work,
        physical=others,
        mental=others,
        social=others,
        skills=others,
        daily_life=others,
        consent=True,
    )


def answer(
    placement: Placement, month: dt.date, felt: int, learned: str, cont: str, **kw: Any
) -> None:
    ClientFeedback.objects.create(
        placement=placement,
        month=month,
        felt=felt,
        learned=learned,
        wants_to_continue=cont,
        **kw,
    )
