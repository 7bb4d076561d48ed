"""Who may do what: ``can_<verb>_<noun>(user, obj) -> bool``, the one place for it.

Roles are groups (``marketplace.access.roles``); on top of the role, every check ties the
object to the user's organisation or region, so a supervisor edits only their own
organisation's sites and an organiser manages only their own region.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from wagtail.models import PagePermissionTester

from marketplace.access import roles

if TYPE_CHECKING:
    from marketplace.models import Organisation, User, WorkSite


def _roles(user: Any) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    return user.role_names


def is_platform_admin(user: Any) -> bool:
    return roles.PLATFORM_ADMIN in _roles(user)


def is_organiser(user: Any) -> bool:
    return roles.ORGANISER in _roles(user) and user.region_id is not None


def _site_region_id(site: WorkSite) -> int | None:
    return site.municipality.region_id if site.municipality_id else None


def can_edit_site(user: Any, site: WorkSite) -> bool:
    """Supervisors edit their own organisation's sites; organisers those of their region."""
    granted = _roles(user)
    if roles.PLATFORM_ADMIN in granted:
        return True
    if roles.SUPERVISOR in granted and user.organisation_id:
        if site.organisation_id == user.organisation_id:
            return True
    if is_organiser(user):
        return _site_region_id(site) == user.region_id
    return False


def can_update_seats(user: Any, site: WorkSite) -> bool:
    """Free seats are kept by the site's own supervisor (and its region's organiser)."""
    return can_edit_site(user, site)


def can_moderate_site(user: Any, site: WorkSite) -> bool:
    """Publication is approved by an organiser of the site's region."""
    return is_platform_admin(user) or (
        is_organiser(user) and _site_region_id(site) == user.region_id
    )


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    return is_platform_admin(user) or (
        is_organiser(user) and organisation.region_id == user.region_id
    )


def can_manage_organisations(user: Any) -> bool:
    return is_platform_admin(user) or is_organiser(user)


def can_manage_user(user: Any, other: User) -> bool:
    """An organiser manages the users whose organisation is in their region."""
    if is_platform_admin(user):
        return True
    if not is_organiser(user) or other.is_superuser:
        return False
    return (
        other.organisation_id is not None
        and other.organisation.region_id == user.region_id
    )


def organisations_for_site_editing(user: Any) -> QuerySet[Organisation]:
    """The organisations whose sites the user may create or edit."""
    from marketplace.models import Organisation

    granted = _roles(user)
    if roles.PLATFORM_ADMIN in granted:
        return Organisation.objects.all()
    allowed = Q(pk__in=[])
    if is_organiser(user):
        allowed |= Q(region_id=user.region_id)
    if roles.SUPERVISOR in granted and user.organisation_id:
        allowed |= Q(pk=user.organisation_id)
    return Organisation.objects.filter(allowed)


class WorkSitePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, narrowed to the sites the user may edit."""

    def __init__(self, user: Any, page: WorkSite) -> None:
        super().__init__(user, page)
        self._may_edit = can_edit_site(user, page)

    def can_edit(self) -> bool:
        return self._may_edit and super().can_edit()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return self._may_edit and super().can_delete(ignore_bulk)

    def can_publish(self) -> bool:
        return self._may_edit and super().can_publish()

    def can_unpublish(self) -> bool:
        return self._may_edit and super().can_unpublish()

    def can_submit_for_moderation(self) -> bool:
        return self._may_edit and super().can_submit_for_moderation()

    def can_lock(self) -> bool:
        return self._may_edit and super().can_lock()

    def can_move(self) -> bool:
        return self._may_edit and super().can_move()

    def can_copy(self) -> bool:
        return self._may_edit and super().can_copy()


def can_manage_client(user: Any, client: Any) -> bool:
    """A client's own worker (social instructor) manages the client and placements."""
    if is_platform_admin(user):
        return True
    return roles.INSTRUCTOR in _roles(user) and client.instructor_id == user.pk


def can_keep_attendance(user: Any, site: WorkSite) -> bool:
    """Realised days are marked by the supervisors of the site's own organisation."""
    if is_platform_admin(user):
        return True
    return (
        roles.SUPERVISOR in _roles(user)
        and user.organisation_id is not None
        and site.organisation_id == user.organisation_id
    )


# --- Job bank (työpankki) and its money ---------------------------------------


def _job_region_id(job: Any) -> int | None:
    return job.municipality.region_id if job.municipality_id else None


def _is_supervisor_of(user: Any, organisation_id: int | None) -> bool:
    return (
        roles.SUPERVISOR in _roles(user)
        and user.organisation_id is not None
        and organisation_id == user.organisation_id
    )


def organisations_for_job_posting(user: Any) -> QuerySet[Organisation]:
    """A job poster posts for their own organisation; an organiser moderates (and
    may edit) jobs of their region's organisations; a platform admin any."""
    from marketplace.models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    allowed = Q(pk__in=[])
    if roles.POSTER in _roles(user) and user.organisation_id:
        allowed |= Q(pk=user.organisation_id)
    if is_organiser(user):
        allowed |= Q(region_id=user.region_id)
    return Organisation.objects.filter(allowed)


def can_post_job(user: Any) -> bool:
    """Job posters of an organisation (an NGO, a municipality, a parish…) post jobs."""
    return is_platform_admin(user) or (
        roles.POSTER in _roles(user) and user.organisation_id is not None
    )


def can_manage_job(user: Any, job: Any) -> bool:
    """The poster's own organisation edits the job, chooses an offer, pays, accepts."""
    if is_platform_admin(user):
        return True
    return (
        roles.POSTER in _roles(user)
        and user.organisation_id is not None
        and job.organisation_id == user.organisation_id
    )


def can_moderate_job(user: Any, job: Any) -> bool:
    """An organiser of the job's region approves it and resolves its disputes."""
    return is_platform_admin(user) or (
        is_organiser(user) and _job_region_id(job) == user.region_id
    )


def can_offer_for_site(user: Any, site: WorkSite) -> bool:
    """A supervisor offers their own organisation's group (site) for a job."""
    return is_platform_admin(user) or _is_supervisor_of(user, site.organisation_id)


def can_work_on_job(user: Any, job: Any) -> bool:
    """The supervisors of the group that took the job start, deliver and record it."""
    progress = getattr(job, "progress", None)
    if progress is None or progress.site_id is None:
        return False
    if is_platform_admin(user):
        return True
    return _is_supervisor_of(user, progress.site.organisation_id)


def can_view_job_management(user: Any, job: Any) -> bool:
    """The job's management page: its poster, the group that took it, the organiser."""
    return (
        can_manage_job(user, job)
        or can_work_on_job(user, job)
        or can_moderate_job(user, job)
    )


def can_manage_payouts(user: Any, organisation: Organisation) -> bool:
    """An organisation's supervisors set up the account that receives job money."""
    return is_platform_admin(user) or _is_supervisor_of(user, organisation.pk)


def can_allocate_work_share(user: Any, site: WorkSite) -> bool:
    """The unit's own supervisors allocate its work-share fund and print statements."""
    return is_platform_admin(user) or _is_supervisor_of(user, site.organisation_id)


def can_view_money_overview(user: Any) -> bool:
    """The ledger and its reconciliation with Stripe: organisers and platform admins."""
    return is_platform_admin(user) or is_organiser(user)


class JobPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions for a job: the poster's organisation edits it while
    it is open for offers; once a group has taken it, its terms no longer change."""

    def __init__(self, user: Any, page: Any) -> None:
        super().__init__(user, page)
        progress = getattr(page, "progress", None) if page.pk else None
        still_open = progress is None or progress.status == "published"
        self._may_edit = (
            can_manage_job(user, page) or can_moderate_job(user, page)
        ) and (still_open or is_platform_admin(user))

    def can_edit(self) -> bool:
        return self._may_edit and super().can_edit()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return is_platform_admin(self.user) and super().can_delete(ignore_bulk)

    def can_publish(self) -> bool:
        return self._may_edit and super().can_publish()

    def can_unpublish(self) -> bool:
        return self._may_edit and super().can_unpublish()

    def can_submit_for_moderation(self) -> bool:
        return self._may_edit and super().can_submit_for_moderation()

    def can_lock(self) -> bool:
        return self._may_edit and super().can_lock()

    def can_move(self) -> bool:
        return False

    def can_copy(self) -> bool:
        return self._may_edit and super().can_copy()
