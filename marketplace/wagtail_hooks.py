"""Wagtail admin hooks: audit actions and each role's view of the page tree."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry
from wagtail.models import Page
from wagtail.query import PageQuerySet

from marketplace.access.pages import pages_visible_to
from marketplace.shared.http import AuthenticatedRequest


@hooks.register("register_log_actions")
def register_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action("polku.seats_update", _("Update seats"), _("Seats updated"))


@hooks.register("construct_explorer_page_queryset")
def only_visible_pages_in_the_explorer(
    parent_page: Page, pages: PageQuerySet, request: AuthenticatedRequest
) -> PageQuerySet:
    """The explorer (and its search) lists only the pages the user may see: their
    organisation's sites and jobs, their region's for an organiser
    (``marketplace.access.pages``)."""
    return pages_visible_to(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def only_visible_pages_in_the_chooser(
    pages: PageQuerySet, request: AuthenticatedRequest
) -> PageQuerySet:
    """The page chooser offers only the pages the user may see (not another
    organisation's drafts, nor its live pages' pending titles)."""
    return pages_visible_to(request.user, pages)
