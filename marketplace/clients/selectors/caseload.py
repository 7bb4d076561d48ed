"""Reads: QuerySets already narrowed to what the user may see."""

from __future__ import annotations

from django.db.models import (
    Prefetch,
    QuerySet,
)

from marketplace.access import permissions, roles
from marketplace.models import User


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
