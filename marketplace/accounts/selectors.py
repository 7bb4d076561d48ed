"""Reads: QuerySets already narrowed to what the user may see."""

from __future__ import annotations

from django.db.models import (
    QuerySet,
)

from marketplace.access import permissions, roles
from marketplace.models import Organisation, User


def organisations_for(user: User) -> QuerySet[Organisation]:
    """Organisations the user may manage: their region's, or all for a platform admin."""
    if permissions.is_platform_admin(user):
        return Organisation.objects.select_related("region")
    region_id = user.region_id  # an organiser always has one
    if permissions.is_organiser(user) and region_id is not None:
        return Organisation.objects.filter(region_id=region_id).select_related("region")
    return Organisation.objects.none()


def users_for(user: User) -> QuerySet[User]:
    """Users the organiser may manage: members of their region's organisations."""
    users = User.objects.select_related("organisation").prefetch_related("groups")
    if permissions.is_platform_admin(user):
        return users.order_by("username")
    region_id = user.region_id  # an organiser always has one
    if permissions.is_organiser(user) and region_id is not None:
        return users.filter(
            organisation__region_id=region_id, is_superuser=False
        ).order_by("username")
    return users.none()


def role_of(user: User) -> str | None:
    for role in roles.ALL:
        if user.has_role(role):
            return role
    return None
