"""Reads: QuerySets already narrowed to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    QuerySet,
)

from marketplace.access import permissions, roles
from marketplace.models import WorkSite


def work_share_sites_for(user: Any) -> QuerySet[WorkSite]:
    """The units whose work-share fund the user keeps (their organisation's sites)."""
    if permissions.is_platform_admin(user):
        return WorkSite.objects.order_by("title")
    if user.has_role(roles.SUPERVISOR) and user.organisation_id:
        return WorkSite.objects.filter(organisation_id=user.organisation_id).order_by(
            "title"
        )
    return WorkSite.objects.none()
