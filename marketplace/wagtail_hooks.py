"""Wagtail admin hooks: audit actions and each role's view of the page tree."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry
from wagtail.models import Page
from wagtail.query import PageQuerySet

from marketplace.access import permissions, roles
from marketplace.models import WorkSite
from marketplace.shared.http import AuthenticatedRequest


@hooks.register("register_log_actions")
def register_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action("polku.seats_update", _("Update seats"), _("Seats updated"))


@hooks.register("construct_explorer_page_queryset")
def only_own_sites_for_supervisors(
    parent_page: Page, pages: PageQuerySet, request: AuthenticatedRequest
) -> PageQuerySet:
    """A supervisor sees only their own organisation's sites in the page explorer."""
    user = request.user
    if (
        roles.SUPERVISOR in user.role_names
        and not permissions.is_organiser(user)
        and not permissions.is_platform_admin(user)
    ):
        others = WorkSite.objects.exclude(organisation_id=user.organisation_id)
        pages = pages.exclude(pk__in=others.values("pk"))
    return pages


@hooks.register("construct_explorer_page_queryset")
def only_own_jobs_for_posters(
    parent_page: Page, pages: PageQuerySet, request: AuthenticatedRequest
) -> PageQuerySet:
    """A job poster sees only their own organisation's jobs in the page explorer."""
    from marketplace.models import Job

    user = request.user
    if (
        roles.POSTER in user.role_names
        and not permissions.is_organiser(user)
        and not permissions.is_platform_admin(user)
    ):
        others = Job.objects.exclude(organisation_id=user.organisation_id)
        pages = pages.exclude(pk__in=others.values("pk"))
    return pages
