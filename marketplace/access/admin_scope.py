"""The rest of the Wagtail admin held to ``marketplace.access.pages``: the parts that
do not ask the page permission policy.

Wagtail 8 lets any user with page permissions on a subtree open every page below it
by URL (explore, history, revisions, workflow history, usage, move, preview …) and
fills some filters with users across the whole tree. Here, in one place:

* :class:`AdminPageScopeMiddleware`: an admin URL that names a page the user may not
  see (any of its page arguments) is "not found";
* :func:`scope_admin_filters`: the user choices of the page listings (owner, edited
  by), the site history (user), the workflow report (requested by) and the locked
  pages report (locked by) list only people who worked on pages the user sees;
* :class:`PageTypesUsageView`: counts and "last edited" of each page type over the
  pages the user sees (routed in ``config/urls.py`` before Wagtail's own).

``tests/security/test_admin_pages.py`` opens every admin URL of Wagtail's URL conf as
each admin role of another region and fails if any names a hidden page or person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page, PageLogEntry, WorkflowState

from marketplace.access.pages import pages_visible_to

#: URL arguments that name a page, in every admin view.
PAGE_ARGUMENTS = (
    "page_id",
    "parent_page_id",
    "page_to_move_id",
    "destination_id",
    "page_pk",
)
#: Admin URL namespaces whose ``pk`` argument is a page.
PAGE_PK_NAMESPACES = ("wagtailadmin_pages", "wagtailadmin_api:pages")


def _page_ids(request: HttpRequest, kwargs: dict[str, Any]) -> list[int]:
    ids = [kwargs[name] for name in PAGE_ARGUMENTS if name in kwargs]
    match = request.resolver_match
    if "pk" in kwargs and match is not None and match.namespace in PAGE_PK_NAMESPACES:
        ids.append(kwargs["pk"])
    return [int(i) for i in ids if str(i).isdigit()]


class AdminPageScopeMiddleware:
    """An admin URL naming a page hidden from the user is not found (404)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> None:
        match = request.resolver_match
        if match is None or not match.route.startswith("admin/"):
            return None
        ids = _page_ids(request, kwargs)
        if ids and pages_visible_to(
            request.user, Page.objects.filter(pk__in=ids)
        ).count() < len(set(ids)):
            raise Http404
        return None


def _users(request: Any, ids: QuerySet[Any]) -> QuerySet[Any]:
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def _visible(request: Any) -> QuerySet[Any]:
    return pages_visible_to(request.user, Page.objects.all()).values("pk")


def page_owners(request: Any) -> QuerySet[Any]:
    return _users(
        request, Page.objects.filter(pk__in=_visible(request)).values("owner_id")
    )


def page_editors(request: Any) -> QuerySet[Any]:
    edits = PageLogEntry.objects.filter(
        action="wagtail.edit", page__in=_visible(request)
    )
    return _users(request, edits.values("user_id"))


def workflow_requesters(request: Any) -> QuerySet[Any]:
    pages = [str(pk) for pk in _visible(request).values_list("pk", flat=True)]
    states = WorkflowState.objects.filter(object_id__in=pages)
    return _users(request, states.values("requested_by_id"))


def page_lockers(request: Any) -> QuerySet[Any]:
    locked = Page.objects.filter(pk__in=_visible(request), locked_by__isnull=False)
    return _users(request, locked.values("locked_by_id"))


def scope_admin_filters() -> None:
    """Give Wagtail's user filters querysets of the pages the user sees (called from
    ``MarketplaceConfig.ready``)."""
    from wagtail.admin.views.pages.listing import PageFilterSet
    from wagtail.admin.views.reports.audit_logging import (
        SiteHistoryReportFilterSet,
        get_users_for_filter,
    )
    from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
    from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet

    PageFilterSet.declared_filters["owner"].queryset = page_owners
    PageFilterSet.declared_filters["edited_by"].queryset = page_editors
    WorkflowReportFilterSet.declared_filters[
        "requested_by"
    ].queryset = workflow_requesters
    LockedPagesReportFilterSet.declared_filters["locked_by"].queryset = page_lockers

    def users_of_visible_history(self: Any) -> QuerySet[Any]:
        # Wagtail lists the users of every log entry here (its get_user_choices,
        # scoped to what the user may see, is never called)
        users: QuerySet[Any] = get_users_for_filter(self.request.user)
        return users

    SiteHistoryReportFilterSet.get_users_queryset = users_of_visible_history


class PageTypesUsageView(PageTypesUsageReportView):  # type: ignore[misc]
    """Wagtail's page-type usage report, counting only the pages the user sees and
    naming the last edited of those."""

    def decorate_paginated_queryset(self, page_types: Any) -> Any:
        visible = pages_visible_to(self.request.user, Page.objects.all())
        counts = dict(
            visible.values("content_type")
            .annotate(n=Count("pk"))
            .values_list("content_type", "n")
        )
        for item in page_types:
            item.count = counts.get(item.pk, 0)
            last = (
                visible.filter(content_type=item.pk)
                .order_by(
                    F("latest_revision_created_at").desc(nulls_last=True),
                    "title",
                    "-pk",
                )
                .values_list("pk", flat=True)
                .first()
            )
            item.last_edited_page_id = last
        return super().decorate_paginated_queryset(page_types)
