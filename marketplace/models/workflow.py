"""Moderation: an organiser approves publication of the sites in their own region."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState
from wagtail.models.workflows import AbstractGroupApprovalTask

if TYPE_CHECKING:
    from marketplace.models.geo import Municipality
    from marketplace.models.users import User


def _page_region_id(obj: Page) -> int | None:
    page = getattr(obj, "specific", obj)
    municipality: Municipality | None = getattr(page, "municipality", None)
    return municipality.region_id if municipality is not None else None


class RegionApprovalTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve changes, but only in their own region
    (site pages and job-bank jobs alike: both have a municipality).

    A page without a region (the home page, the catalogue) can be approved by any
    member of the groups.
    """

    def _may_moderate(self, obj: Page, user: User) -> bool:
        if user.is_superuser:
            return True
        if not self._user_in_groups(user):
            return False
        region_id = _page_region_id(obj)
        return region_id is None or region_id == getattr(user, "region_id", None)

    def user_can_access_editor(self, obj: Page, user: User) -> bool:
        return self._may_moderate(obj, user)

    def locked_for_user(self, obj: Page, user: User) -> bool:
        return not self._may_moderate(obj, user)

    def user_can_lock(self, obj: Page, user: User) -> bool:
        return self._may_moderate(obj, user)

    def get_actions(
        self, obj: Page, user: User
    ) -> list[tuple[str, str | Promise, bool]]:
        return super().get_actions(obj, user) if self._may_moderate(obj, user) else []

    def get_task_states_user_can_moderate(
        self, user: User, **kwargs: object
    ) -> QuerySet[TaskState]:
        states: QuerySet[TaskState] = super().get_task_states_user_can_moderate(
            user, **kwargs
        )
        if user.is_superuser or not states.exists():
            return states
        from marketplace.models import Job, WorkSite

        region_id = getattr(user, "region_id", None)
        other_regions = [
            *WorkSite.objects.exclude(municipality__region_id=region_id).values_list(
                "pk", flat=True
            ),
            *Job.objects.exclude(municipality__region_id=region_id).values_list(
                "pk", flat=True
            ),
        ]
        return states.exclude(
            workflow_state__object_id__in=[str(pk) for pk in other_regions]
        )

    @classmethod
    def get_description(cls) -> str:
        return str(_("Organisers of the page's region approve the change"))

    class Meta:
        verbose_name = _("Region organiser approval")
        verbose_name_plural = _("Region organiser approvals")


__all__ = ["RegionApprovalTask", "TaskState"]
