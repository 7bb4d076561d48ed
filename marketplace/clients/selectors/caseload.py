"""Reads: QuerySets already narrowed to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, F, Min, OuterRef, Prefetch, Q, QuerySet

from marketplace.access import permissions, roles
from marketplace.models import User

if TYPE_CHECKING:
    from marketplace.models import Client, Placement, WorkSite


def clients_for(user: User) -> QuerySet:
    """An instructor's own caseload (a platform admin sees every client)."""
    from marketplace.models import Client

    clients = Client.objects.select_related("municipality").prefetch_related(
        "placements__site"
    )
    if permissions.is_platform_admin(user):
        return clients
    if user.has_role(roles.INSTRUCTOR):
        return clients.filter(instructor=user)
    return clients.none()


def caseload_with_open_placements(user: User) -> QuerySet:
    """The caseload (:func:`clients_for`) with each client's open placements and
    their sites in ``open_placements``: the list shows only those, so the history
    of ended placements is not loaded (a long-time client has many). Only the
    columns the list shows are read (a client row carries free-text wishes and a
    site row a whole Wagtail page)."""
    from marketplace.models import Placement

    open_placements = (
        Placement.objects.filter(status__in=Placement.OPEN)
        .select_related("site")
        .only("client_id", "status", "planned_end", "site__title")
        .order_by("site__title", "pk")
    )
    return (
        clients_for(user)
        .select_related(None)
        .prefetch_related(None)
        .only("name", "service", "instructor_id")
        .prefetch_related(
            Prefetch("placements", open_placements, to_attr="open_placements")
        )
    )


def client_visible_with_purpose(user: User) -> QuerySet:
    """Clients outside the caseload that an instructor may open by giving a purpose:
    the clients of the other instructors of the same organisation."""
    from marketplace.models import Client

    if not user.has_role(roles.INSTRUCTOR) or not user.organisation_id:
        return Client.objects.none()
    return Client.objects.filter(
        instructor__organisation_id=user.organisation_id
    ).exclude(instructor=user)


@dataclass(frozen=True)
class CaseloadRow:
    """One client of the caseload list, with their open placements."""

    client: Client
    placements: list[Placement]
    #: the soonest review of an agreed or active period (two weeks before its end)
    review_on: dt.date | None
    review_due: bool


def caseload_sites(user: User) -> QuerySet[WorkSite]:
    """The sites where the caseload has open placements (the list's site filter)."""
    from marketplace.models import Placement, WorkSite

    return (
        WorkSite.objects.filter(
            pk__in=Placement.objects.filter(
                client__in=clients_for(user), status__in=Placement.OPEN
            ).values("site_id")
        )
        .only("title")
        .order_by("title")
    )


def caseload(
    user: User,
    *,
    today: dt.date,
    q: str = "",
    service: str = "",
    status: str = "",
    review: str = "",
    site: WorkSite | None = None,
    sort: str = "name",
) -> list[CaseloadRow]:
    """The instructor's caseload, searched by name, filtered and sorted, in a fixed
    number of queries (the clients with their municipality, and their open
    placements with the sites) however large the caseload.

    ``status`` is an open placement's status or ``"none"`` (no open placement);
    ``review`` is ``"due"`` (an active period ends within two weeks: the 3-month
    review is due, as :meth:`Placement.review_due`) or ``"soon"`` (an agreed or
    active period ends within six weeks); ``sort`` is ``name``, ``review`` (soonest
    first, clients without a review last) or ``municipality``."""
    from marketplace.clients.forms.caseload import (
        NO_OPEN_PLACEMENT,
        REVIEW_DUE,
        REVIEW_SOON,
    )
    from marketplace.models import Placement
    from marketplace.models.placements import REVIEW_DAYS_BEFORE_END

    S = Placement.Status
    clients = (
        caseload_with_open_placements(user)
        .select_related("municipality")
        .only("name", "service", "instructor_id", "municipality__name")
    )
    if q:
        for word in q.split()[:5]:
            clients = clients.filter(name__icontains=word)
    if service:
        clients = clients.filter(service=service)
    mine = Placement.objects.filter(client=OuterRef("pk"))
    if status == NO_OPEN_PLACEMENT:
        clients = clients.exclude(Exists(mine.filter(status__in=Placement.OPEN)))
    elif status:
        clients = clients.filter(Exists(mine.filter(status=status)))
    if site is not None:
        clients = clients.filter(
            Exists(mine.filter(site=site, status__in=Placement.OPEN))
        )
    if review == REVIEW_DUE:
        due_by = today + dt.timedelta(days=REVIEW_DAYS_BEFORE_END)
        clients = clients.filter(
            Exists(mine.filter(status=S.ACTIVE, planned_end__lte=due_by))
        )
    elif review == REVIEW_SOON:
        soon_by = today + dt.timedelta(days=REVIEW_DAYS_BEFORE_END + 28)
        clients = clients.filter(
            Exists(
                mine.filter(status__in=(S.AGREED, S.ACTIVE), planned_end__lte=soon_by)
            )
        )
    clients = clients.annotate(
        next_end=Min(
            "placements__planned_end",
            filter=Q(placements__status__in=(S.AGREED, S.ACTIVE)),
        )
    )
    if sort == "review":
        clients = clients.order_by(F("next_end").asc(nulls_last=True), "name", "pk")
    elif sort == "municipality":
        clients = clients.order_by("municipality__name", "name", "pk")
    else:
        clients = clients.order_by("name", "pk")
    rows = []
    for client in clients:
        placements = client.open_placements
        reviews = [d for p in placements if (d := p.review_date()) is not None]
        rows.append(
            CaseloadRow(
                client=client,
                placements=placements,
                review_on=min(reviews, default=None),
                review_due=any(p.review_due(today) for p in placements),
            )
        )
    return rows
