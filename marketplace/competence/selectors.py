"""Reads of competence records, each scoped to who may see them.

A supervisor sees the participants of their own organisation's sites; a client sees
their own records; the client's own worker sees their clients'. The views log every
staff read in the access log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from marketplace.access import permissions
from marketplace.competence.services import STARTED
from marketplace.models import (
    Client,
    CompetenceRecord,
    Placement,
    User,
    WorkSite,
)


def learning_sites_for(user: User) -> QuerySet[WorkSite]:
    """The user's own organisation's sites that offer qualification units."""
    sites: QuerySet[WorkSite] = WorkSite.objects.filter(
        learning_units__isnull=False
    ).distinct()
    if not permissions.is_platform_admin(user):
        sites = sites.filter(organisation_id=user.organisation_id)
    return sites.order_by("title")


def participants(user: User, site: WorkSite) -> QuerySet[Placement]:
    """The site's participants who have started there, with their record counts."""
    if not permissions.can_record_competence(user, site):
        return Placement.objects.none()
    return (
        Placement.objects.filter(site=site, status__in=STARTED)
        .select_related("client")
        .annotate(records=Count("competence_records"))
        .order_by("client__name", "pk")
    )


def placement_for_recording(user: User, pk: Any) -> Placement | None:
    """One participant's placement, if the user records competence at its site."""
    placement = (
        Placement.objects.select_related("client", "site", "site__municipality")
        .filter(pk=pk, status__in=STARTED)
        .first()
    )
    if placement is None or not permissions.can_record_competence(user, placement.site):
        return None
    return placement


def records(placement: Placement) -> list[CompetenceRecord]:
    return list(placement.competence_records.select_related("recorded_by"))


@dataclass
class Certificate:
    """What the certificate of competence says about one placement."""

    placement: Placement
    records: list[CompetenceRecord]
    period_start: dt.date | None
    period_end: dt.date | None
    supervisors: list[str] = field(default_factory=list)


def certificate(placement: Placement) -> Certificate:
    """The records of one placement with the period and the supervisors' names."""
    rows = records(placement)
    periods = list(placement.periods.all())
    start = min([p.start for p in periods] + [r.start for r in rows], default=None)
    ends = [p.end for p in periods if p.end] + [r.end for r in rows]
    open_period = any(p.end is None for p in periods)
    end = None if open_period else max(ends, default=None)
    names = []
    for r in rows:
        name = r.recorded_by.get_full_name() or r.recorded_by.username
        if name not in names:
            names.append(name)
    return Certificate(placement, rows, start, end, names)


def own_competence(client: Client) -> list[Placement]:
    """The client's placements with competence records, newest first."""
    return list(
        client.placements.filter(competence_records__isnull=False)
        .distinct()
        .select_related("site", "site__municipality", "site__organisation")
        .prefetch_related(
            Prefetch(
                "competence_records",
                queryset=CompetenceRecord.objects.select_related("recorded_by"),
            )
        )
        .order_by("-created_at")
    )


def client_competence(user: User, client: Client) -> list[Placement] | None:
    """The client's placements with competence records, for the client's own
    worker (their client page); ``None`` for anyone else."""
    if not permissions.can_manage_client(user, client):
        return None
    return own_competence(client)


def own_placement(client: Client, pk: Any) -> Placement | None:
    """One of the client's own placements that has competence records."""
    return (
        client.placements.filter(pk=pk, competence_records__isnull=False)
        .select_related("site", "site__municipality", "site__organisation", "client")
        .distinct()
        .first()
    )
