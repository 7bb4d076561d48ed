"""Which pages each user sees in the Wagtail admin: only the pages they may work on.

Wagtail grants page permissions on a subtree (supervisors, posters and organisers
get them on the whole catalogue or job bank, ``seeding/setup.py``); Polku narrows
them by organisation and region. Editing is narrowed per page by the permission
testers in ``permissions.py``; *seeing* is narrowed here, once, for every listing of
the admin, by a page permission policy that Wagtail 8 asks for every queryset of
pages (``wagtail.permissions.policy_registry``): the explorer and its search, the
page chooser, the admin API (``/admin/api/main/pages/``), the reports (site history
and page history through ``PageLogEntry.objects.viewable_by_user``, workflows,
workflow tasks, locked and aging pages, page-type usage), the dashboard's panels.

The rule: another organisation's site page (another region's, for an organiser) and
another organisation's job page (another region's, for an organiser) do not exist for
the user in the admin: not their drafts, titles, history, workflow states or who
submitted them. Structural pages (home, the catalogue, the job bank, content pages)
are seen as Wagtail's permissions say. A platform admin sees everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from marketplace.access import roles
from marketplace.access.permissions import is_platform_admin, member

if TYPE_CHECKING:
    from marketplace.models import User


def _organisation(user: User, role: str) -> int | None:
    return user.organisation_id if role in user.role_names else None


def _region(user: User) -> int | None:
    return user.region_id if roles.ORGANISER in user.role_names else None


def visible_sites_q(user: User) -> Q:
    """The site pages a user may see in the admin: those they may edit."""
    allowed = Q(pk__in=[])
    if organisation := _organisation(user, roles.SUPERVISOR):
        allowed |= Q(organisation_id=organisation)
    if (region := _region(user)) is not None:
        allowed |= Q(municipality__region_id=region)
    return allowed


def visible_jobs_q(user: User) -> Q:
    """The job pages a user may see in the admin: their organisation's (a poster)
    or their region's (an organiser, who moderates them)."""
    allowed = Q(pk__in=[])
    if organisation := _organisation(user, roles.POSTER):
        allowed |= Q(organisation_id=organisation)
    if (region := _region(user)) is not None:
        allowed |= Q(municipality__region_id=region)
    return allowed


def hidden_page_ids(user: Any) -> tuple[QuerySet[Any], QuerySet[Any]] | None:
    """Subqueries of the site and job page ids hidden from ``user`` (``None``: none
    is hidden, a platform admin)."""
    from marketplace.models import Job, WorkSite

    signed_in = member(user)
    if signed_in is None:
        return WorkSite.objects.values("pk"), Job.objects.values("pk")
    if is_platform_admin(signed_in) or signed_in.is_superuser:
        return None
    return (
        WorkSite.objects.exclude(visible_sites_q(signed_in)).values("pk"),
        Job.objects.exclude(visible_jobs_q(signed_in)).values("pk"),
    )


def pages_visible_to(user: Any, pages: QuerySet[Any]) -> QuerySet[Any]:
    """``pages`` without the site and job pages hidden from ``user``."""
    hidden = hidden_page_ids(user)
    if hidden is None:
        return pages
    sites, jobs = hidden
    return pages.exclude(pk__in=sites).exclude(pk__in=jobs)


def page_is_visible_to(user: Any, page: Any) -> bool:
    """Whether one page is shown to ``user`` in the admin."""
    hidden = hidden_page_ids(user)
    if hidden is None:
        return True
    sites, jobs = hidden
    return not (sites.filter(pk=page.pk).exists() or jobs.filter(pk=page.pk).exists())


class PolkuPagePermissionPolicy(PagePermissionPolicy):  # type: ignore[misc]
    """Wagtail's page permission policy, with other organisations' (regions') site
    and job pages left out of every queryset and every permission check."""

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> Any:
        pages = super().instances_user_has_any_permission_for(user, actions)
        return pages_visible_to(user, pages)

    def explorable_instances(self, user: Any) -> Any:
        return pages_visible_to(user, super().explorable_instances(user))

    def user_has_any_permission_for_instance(
        self, user: Any, actions: Any, instance: Any
    ) -> bool:
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and page_is_visible_to(user, instance)


def register_page_policy() -> None:
    """Make Wagtail use :class:`PolkuPagePermissionPolicy` for every page type (called
    from ``MarketplaceConfig.ready``, after Wagtail registered its own)."""
    import swapper
    from wagtail.models import AbstractPage
    from wagtail.permissions import policy_registry

    page = swapper.load_model("wagtailcore", "Page")
    policy_registry.register(AbstractPage, PolkuPagePermissionPolicy(page))
