"""Who may do what: ``can_<verb>_<noun>(user, obj) -> bool``, the one place for it.

Roles are groups (``marketplace.access.roles``); on top of the role, every check ties the
object to the user's organisation or region, so a supervisor edits only their own
organisation's sites and an organiser manages only their own region.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from wagtail.models import PagePermissionTester

from marketplace.access import roles

if TYPE_CHECKING:
    from marketplace.models import (
        Client,
        Job,
        Organisation,
        Placement,
        User,
        WorkSite,
    )

    #: Whoever asks: a signed-in user, or an anonymous visitor of a public page.
    Viewer: TypeAlias = "User | AnonymousUser"


def member(user: Viewer | None) -> User | None:
    """The signed-in user, or ``None`` for an anonymous visitor."""
    if user is None or not user.is_authenticated:
        return None
    return user


def _roles(user: Viewer | None) -> frozenset[str]:
    signed_in = member(user)
    return signed_in.role_names if signed_in is not None else frozenset()


def _organisation_id(user: Viewer | None, role: str) -> int | None:
    """The user's organisation if they hold ``role`` in it."""
    signed_in = member(user)
    if signed_in is None or role not in signed_in.role_names:
        return None
    return signed_in.organisation_id


def _organiser_region_id(user: Viewer | None) -> int | None:
    """The region an organiser organises (``None`` for everyone else)."""
    signed_in = member(user)
    if signed_in is None or roles.ORGANISER not in signed_in.role_names:
        return None
    return signed_in.region_id


def is_platform_admin(user: Viewer | None) -> bool:
    return roles.PLATFORM_ADMIN in _roles(user)


def is_organiser(user: Viewer | None) -> bool:
    return _organiser_region_id(user) is not None


def _site_region_id(site: WorkSite) -> int | None:
    return site.municipality.region_id if site.municipality_id else None


def can_edit_site(user: Viewer | None, site: WorkSite) -> bool:
    """Supervisors edit their own organisation's sites; organisers those of their region."""
    if is_platform_admin(user):
        return True
    organisation_id = _organisation_id(user, roles.SUPERVISOR)
    if organisation_id is not None and site.organisation_id == organisation_id:
        return True
    region_id = _organiser_region_id(user)
    return region_id is not None and _site_region_id(site) == region_id


def can_update_seats(user: Viewer | None, site: WorkSite) -> bool:
    """Free seats are kept by the site's own supervisor (and its region's organiser)."""
    return can_edit_site(user, site)


def can_moderate_site(user: Viewer | None, site: WorkSite) -> bool:
    """Publication is approved by an organiser of the site's region."""
    region_id = _organiser_region_id(user)
    return is_platform_admin(user) or (
        region_id is not None and _site_region_id(site) == region_id
    )


def can_manage_organisation(user: Viewer | None, organisation: Organisation) -> bool:
    region_id = _organiser_region_id(user)
    return is_platform_admin(user) or (
        region_id is not None and organisation.region_id == region_id
    )


def can_manage_organisations(user: Viewer | None) -> bool:
    return is_platform_admin(user) or is_organiser(user)


def can_manage_user(user: Viewer | None, other: User) -> bool:
    """An organiser manages the users whose organisation is in their region."""
    if is_platform_admin(user):
        return True
    region_id = _organiser_region_id(user)
    if region_id is None or other.is_superuser or other.organisation is None:
        return False
    return other.organisation.region_id == region_id


def organisations_for_site_editing(user: Viewer | None) -> QuerySet[Organisation]:
    """The organisations whose sites the user may create or edit."""
    from marketplace.models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    allowed = Q(pk__in=[])
    region_id = _organiser_region_id(user)
    if region_id is not None:
        allowed |= Q(region_id=region_id)
    organisation_id = _organisation_id(user, roles.SUPERVISOR)
    if organisation_id:
        allowed |= Q(pk=organisation_id)
    return Organisation.objects.filter(allowed)


class _NarrowedPageTester(PagePermissionTester):  # type: ignore[misc]
    """Wagtail's page permissions, each also requiring ``may_edit`` (set by the
    subclass from Polku's own rule for the page)."""

    may_edit = False

    def can_edit(self) -> bool:
        return self.may_edit and bool(super().can_edit())

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return self.may_edit and bool(super().can_delete(ignore_bulk))

    def can_publish(self) -> bool:
        return self.may_edit and bool(super().can_publish())

    def can_unpublish(self) -> bool:
        return self.may_edit and bool(super().can_unpublish())

    def can_submit_for_moderation(self) -> bool:
        return self.may_edit and bool(super().can_submit_for_moderation())

    def can_lock(self) -> bool:
        return self.may_edit and bool(super().can_lock())

    def can_move(self) -> bool:
        return self.may_edit and bool(super().can_move())

    def can_copy(self) -> bool:
        return self.may_edit and bool(super().can_copy())


class WorkSitePermissionTester(_NarrowedPageTester):
    """Wagtail's page permissions, narrowed to the sites the user may edit."""

    def __init__(self, user: Viewer, page: WorkSite) -> None:
        super().__init__(user, page)
        self.may_edit = can_edit_site(user, page)


def can_manage_client(user: Viewer | None, client: Client) -> bool:
    """A client's own worker (social instructor) manages the client and placements."""
    if is_platform_admin(user):
        return True
    signed_in = member(user)
    return (
        signed_in is not None
        and roles.INSTRUCTOR in signed_in.role_names
        and client.instructor_id == signed_in.pk
    )


def can_view_placement_documents(user: Viewer | None, placement: Placement) -> bool:
    """The placement agreement and client plan: the client's own worker prints and
    marks it signed; the client reads their own."""
    signed_in = member(user)
    client = placement.client
    if signed_in is not None and client.user_id == signed_in.pk:
        return True
    return can_manage_client(user, client)


def can_keep_attendance(user: Viewer | None, site: WorkSite) -> bool:
    """Realised days are marked by the supervisors of the site's own organisation."""
    return is_platform_admin(user) or _is_supervisor_of(user, site.organisation_id)


def can_record_competence(user: Viewer | None, site: WorkSite) -> bool:
    """What a participant worked on and showed is recorded by the supervisors of
    the site's own organisation, as attendance is."""
    return can_keep_attendance(user, site)


def can_manage_network_plan(user: Viewer | None, client: Client) -> bool:
    """The client's own worker records the network's meetings, plan and tasks."""
    return can_manage_client(user, client)


# --- Job bank (työpankki) and its money ---------------------------------------


def _job_region_id(job: Job) -> int | None:
    return job.municipality.region_id if job.municipality_id else None


def _is_supervisor_of(user: Viewer | None, organisation_id: int | None) -> bool:
    own = _organisation_id(user, roles.SUPERVISOR)
    return own is not None and organisation_id == own


def organisations_for_job_posting(user: Viewer | None) -> QuerySet[Organisation]:
    """A job poster posts for their own organisation; an organiser moderates (and
    may edit) jobs of their region's organisations; a platform admin any."""
    from marketplace.models import Organisation

    if is_platform_admin(user):
        return Organisation.objects.all()
    allowed = Q(pk__in=[])
    organisation_id = _organisation_id(user, roles.POSTER)
    if organisation_id:
        allowed |= Q(pk=organisation_id)
    region_id = _organiser_region_id(user)
    if region_id is not None:
        allowed |= Q(region_id=region_id)
    return Organisation.objects.filter(allowed)


def can_post_job(user: Viewer | None) -> bool:
    """Job posters of an organisation (an NGO, a municipality, a parish…) post jobs."""
    return is_platform_admin(user) or _organisation_id(user, roles.POSTER) is not None


def can_manage_job(user: Viewer | None, job: Job) -> bool:
    """The poster's own organisation edits the job, chooses an offer, pays, accepts."""
    if is_platform_admin(user):
        return True
    organisation_id = _organisation_id(user, roles.POSTER)
    return organisation_id is not None and job.organisation_id == organisation_id


def can_moderate_job(user: Viewer | None, job: Job) -> bool:
    """An organiser of the job's region approves it and resolves its disputes."""
    region_id = _organiser_region_id(user)
    return is_platform_admin(user) or (
        region_id is not None and _job_region_id(job) == region_id
    )


def can_offer_for_site(user: Viewer | None, site: WorkSite) -> bool:
    """A supervisor offers their own organisation's group (site) for a job."""
    return is_platform_admin(user) or _is_supervisor_of(user, site.organisation_id)


def can_work_on_job(user: Viewer | None, job: Job) -> bool:
    """The supervisors of the group that took the job start, deliver and record it."""
    progress = getattr(job, "progress", None)
    if progress is None or progress.site_id is None:
        return False
    if is_platform_admin(user):
        return True
    return _is_supervisor_of(user, progress.site.organisation_id)


def can_view_job_management(user: Viewer | None, job: Job) -> bool:
    """The job's management page: its poster, the group that took it, the organiser."""
    return (
        can_manage_job(user, job)
        or can_work_on_job(user, job)
        or can_moderate_job(user, job)
    )


def can_manage_payouts(user: Viewer | None, organisation: Organisation) -> bool:
    """An organisation's supervisors set up the account that receives job money."""
    return is_platform_admin(user) or _is_supervisor_of(user, organisation.pk)


def can_allocate_work_share(user: Viewer | None, site: WorkSite) -> bool:
    """The unit's own supervisors allocate its work-share fund and print statements."""
    return is_platform_admin(user) or _is_supervisor_of(user, site.organisation_id)


def can_view_money_overview(user: Viewer | None) -> bool:
    """The ledger and its reconciliation with Stripe: organisers and platform admins."""
    return is_platform_admin(user) or is_organiser(user)


class JobPagePermissionTester(_NarrowedPageTester):
    """Wagtail's page permissions for a job: the poster's organisation edits it while
    it is open for offers; once a group has taken it, its terms no longer change.
    Only a platform admin deletes a job, and jobs are never moved."""

    def __init__(self, user: Viewer, page: Job) -> None:
        super().__init__(user, page)
        progress = getattr(page, "progress", None) if page.pk else None
        still_open = progress is None or progress.status == "published"
        self.may_edit = (
            can_manage_job(user, page) or can_moderate_job(user, page)
        ) and (still_open or is_platform_admin(user))

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return is_platform_admin(self.user) and bool(super().can_delete(ignore_bulk))

    def can_move(self) -> bool:
        return False
