"""Reads: QuerySets already narrowed to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Prefetch,
    QuerySet,
    Sum,
    When,
)
from django.http import QueryDict
from django.utils import translation

from marketplace import permissions, roles
from marketplace.filters import SiteFilter
from marketplace.models import Organisation, SiteCapacity, Term, User, WorkSite

SITES_PER_PAGE = 20
#: How long a rendered catalogue or site fragment may be reused (seconds). Publishing,
#: unpublishing and seat changes show at once (they change the version in the key);
#: a renamed organisation or municipality shows within this time.
PUBLIC_FRAGMENT_SECONDS = 300


def _with_details(queryset: QuerySet[WorkSite]) -> QuerySet[WorkSite]:
    """Everything a site card or page shows, in a fixed number of queries."""
    terms = Term.objects.order_by("code")
    return queryset.select_related(
        "organisation", "municipality__region", "capacity"
    ).prefetch_related(
        Prefetch("services", queryset=terms),
        Prefetch("forms", queryset=terms),
        Prefetch("tags", queryset=terms),
        Prefetch("accessibility", queryset=terms),
        Prefetch("languages", queryset=terms),
        "learning_units",
    )


def _for_cards(queryset: QuerySet[WorkSite]) -> QuerySet[WorkSite]:
    """What a site card in a list shows (templates/includes/site_card.html): the
    organisation, municipality, seats, kinds of work and services."""
    terms = Term.objects.order_by("code")
    return queryset.select_related(
        "organisation", "municipality", "capacity"
    ).prefetch_related(
        Prefetch("services", queryset=terms), Prefetch("tags", queryset=terms)
    )


def published_sites() -> QuerySet[WorkSite]:
    return WorkSite.objects.live()


@dataclass
class Catalogue:
    filterset: SiteFilter
    page: PaginatorPage
    query: str
    total: int
    querystring: str  # the current filters without the page number, for page links


def site_catalogue(params: QueryDict) -> Catalogue:
    """The public catalogue: free-text search, combinable filters, pagination.

    Search runs first (Wagtail search; stems Finnish words on PostgreSQL) and yields
    the matching ids in relevance order; the filters then narrow those ids. The
    number of queries does not depend on the number of results.

    Two steps: the filtered ids in order (one narrow query, which also gives the
    count), then the page's sites with everything a card shows. One query that
    filters, joins the card's tables and removes duplicates at once took
    PostgreSQL 20–45 ms to plan for a county's catalogue (docs/benchmarks.md);
    these take about 2 ms together.
    """
    query = (params.get("q") or "").strip()[:200]
    base = published_sites()
    ordering: list[Any] = ["title"]
    if query:
        ids = [hit.pk for hit in published_sites().search(query)]
        base = base.filter(pk__in=ids)
        if ids:
            rank = Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(ids)],
                output_field=IntegerField(),
            )
            ordering = [rank, "title"]
    filterset = SiteFilter(params, queryset=base)
    ids = list(filterset.qs.order_by(*ordering).values_list("pk", flat=True).distinct())
    paginator = Paginator(ids, SITES_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    sites = _for_cards(WorkSite.objects.filter(pk__in=page.object_list)).in_bulk()
    page.object_list = [sites[pk] for pk in page.object_list if pk in sites]
    rest = params.copy()
    rest.pop("page", None)
    return Catalogue(
        filterset=filterset,
        page=page,
        query=query,
        total=paginator.count,
        querystring=rest.urlencode(),
    )


def catalogue_version() -> str:
    """Changes whenever a site is published, unpublished, deleted or moved out of the
    catalogue, or its seats change (every seat update sets ``updated_at``). One query.

    The rendered catalogue is cached under this version (templates/cms/
    site_index_page.html), so it is right in every process without any signal."""
    v = published_sites().aggregate(
        n=Count("pk"),
        ids=Sum("pk"),
        published=Max("last_published_at"),
        seats=Max("capacity__updated_at"),
    )
    return "|".join(str(v[k]) for k in ("n", "ids", "published", "seats"))


def catalogue_fragment_key(params: QueryDict) -> str:
    """The cache key of one rendered catalogue: version, language and the filters
    (sorted, so the same choices in another order share it)."""
    filters = sorted((k, v) for k in params for v in params.getlist(k))
    return "|".join(
        [catalogue_version(), translation.get_language() or "", repr(filters)]
    )


def site_fragment_key(site: WorkSite, *, can_update_seats: bool) -> str:
    """The cache key of a published site page's content: the published revision, the
    seats, the language and whether the viewer sees the seat update link."""
    seats = (
        SiteCapacity.objects.filter(site=site)
        .values_list("updated_at", flat=True)
        .first()
    )
    return "|".join(
        str(x)
        for x in (
            site.pk,
            site.last_published_at,
            site.live_revision_id,
            seats,
            translation.get_language(),
            can_update_seats,
        )
    )


def site_detail(site: WorkSite) -> WorkSite:
    """The site with its related rows loaded (the page object itself may be a draft)."""
    loaded = _with_details(WorkSite.objects.filter(pk=site.pk)).first()
    return loaded or site


def sites_for_supervisor(user: User) -> QuerySet[WorkSite]:
    """The sites whose seats and pages this user keeps."""
    if permissions.is_platform_admin(user):
        sites = WorkSite.objects.all()
    else:
        sites = WorkSite.objects.filter(
            organisation__in=permissions.organisations_for_site_editing(user)
        )
    return _with_details(sites).order_by("title")


def organisations_for(user: User) -> QuerySet[Organisation]:
    """Organisations the user may manage: their region's, or all for a platform admin."""
    if permissions.is_platform_admin(user):
        return Organisation.objects.select_related("region")
    if permissions.is_organiser(user):
        return Organisation.objects.filter(region_id=user.region_id).select_related(
            "region"
        )
    return Organisation.objects.none()


def users_for(user: User) -> QuerySet[User]:
    """Users the organiser may manage: members of their region's organisations."""
    users = User.objects.select_related("organisation").prefetch_related("groups")
    if permissions.is_platform_admin(user):
        return users.order_by("username")
    if permissions.is_organiser(user):
        return users.filter(
            organisation__region_id=user.region_id, is_superuser=False
        ).order_by("username")
    return users.none()


def role_of(user: User) -> str | None:
    for role in roles.ALL:
        if user.has_role(role):
            return role
    return None


@dataclass
class CatalogueFigures:
    sites: int
    sites_with_free_seats: int
    free_seats: int
    municipalities: int


def catalogue_figures() -> CatalogueFigures:
    """Headline figures for the front page, from published sites only."""
    from django.db.models import Count, Q, Sum

    sites = published_sites()
    agg = sites.aggregate(
        n=Count("pk"),
        with_free=Count("pk", filter=Q(capacity__seats_free__gt=0)),
        free=Sum("capacity__seats_free"),
        municipalities=Count("municipality", distinct=True),
    )
    return CatalogueFigures(
        sites=agg["n"] or 0,
        sites_with_free_seats=agg["with_free"] or 0,
        free_seats=agg["free"] or 0,
        municipalities=agg["municipalities"] or 0,
    )


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


def published_sites_with_details() -> QuerySet[WorkSite]:
    """Published sites with everything a listing shows, for in_bulk lookups."""
    return _with_details(published_sites())


# --- Job bank (työpankki) -------------------------------------------------------

JOBS_PER_PAGE = 20


def payments_enabled() -> bool:
    from marketplace.payments.gateway import payments_enabled as enabled

    return enabled()


def can_post_jobs(user: Any) -> bool:
    return permissions.can_post_job(user)


def _jobs_with_details(queryset: QuerySet) -> QuerySet:
    terms = Term.objects.order_by("code")
    return queryset.select_related(
        "organisation", "municipality__region", "progress__site"
    ).prefetch_related(
        Prefetch("services", queryset=terms), Prefetch("tags", queryset=terms)
    )


def open_jobs() -> QuerySet:
    """Live jobs that still take offers: open status, deadline not passed, workers
    still needed (an imported job may say 0: fully staffed)."""
    from django.db.models import Q
    from django.utils import timezone

    from marketplace.models import Job

    return Job.objects.live().filter(
        Q(progress__status="published") | Q(progress__isnull=True),
        deadline__gte=timezone.localdate(),
        workers_needed__gt=0,
    )


@dataclass
class JobBank:
    filterset: Any
    page: PaginatorPage
    total: int
    querystring: str


def job_bank(params: QueryDict) -> JobBank:
    """The public job bank: open jobs, combinable filters, nearest deadline first.
    The number of queries does not depend on the number of jobs."""
    from marketplace.filters_jobs import JobFilter

    filterset = JobFilter(params, queryset=open_jobs())
    results = filterset.qs.distinct().order_by("deadline", "title")
    paginator = Paginator(_jobs_with_details(results), JOBS_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    rest = params.copy()
    rest.pop("page", None)
    return JobBank(filterset, page, paginator.count, rest.urlencode())


def sites_for_offering(user: Any, job: Any) -> QuerySet[WorkSite]:
    """The user's own live sites that offer a service the job is meant for."""
    from django.db.models import Q

    if not user.is_authenticated:
        return WorkSite.objects.none()
    if permissions.is_platform_admin(user):
        sites = WorkSite.objects.live()
    elif user.has_role(roles.SUPERVISOR) and user.organisation_id:
        sites = WorkSite.objects.live().filter(organisation_id=user.organisation_id)
    else:
        return WorkSite.objects.none()
    codes = list(job.services.values_list("code", flat=True))
    return (
        sites.filter(services__code__in=codes)
        .exclude(organisation_id=job.organisation_id)
        .filter(
            ~Q(
                pk__in=job.offers.filter(status__in=["pending", "accepted"]).values(
                    "site"
                )
            )
        )
        .distinct()
        .order_by("title")
    )


def job_page_context(user: Any, job: Any) -> dict[str, Any]:
    """What a job's public page shows to this user."""
    from marketplace.models import Job, JobOffer
    from marketplace.services.jobs import progress_of

    loaded = _jobs_with_details(Job.objects.filter(pk=job.pk)).first() or job
    progress = progress_of(loaded) if loaded.pk else None
    my_offers = JobOffer.objects.none()
    if job.pk and user.is_authenticated and user.organisation_id:
        my_offers = job.offers.filter(site__organisation_id=user.organisation_id)
    return {
        "job": loaded,
        "progress": progress,
        "offer_sites": sites_for_offering(user, job) if job.pk else [],
        "my_offers": my_offers.select_related("site"),
        "can_view_management": bool(job.pk)
        and permissions.can_view_job_management(user, job),
        "payments_enabled": payments_enabled(),
    }


def jobs_for(user: Any) -> QuerySet:
    """The jobs on the user's own job list: their organisation's posted jobs, the
    jobs their groups offered for or took, their region's jobs for an organiser."""
    from django.db.models import Q

    from marketplace.models import Job

    jobs = Job.objects.all()
    if permissions.is_platform_admin(user):
        scope = Q()
    else:
        scope = Q(pk__in=[])
        if user.has_role(roles.POSTER) and user.organisation_id:
            scope |= Q(organisation_id=user.organisation_id)
        if user.has_role(roles.SUPERVISOR) and user.organisation_id:
            scope |= Q(offers__site__organisation_id=user.organisation_id)
        if permissions.is_organiser(user):
            scope |= Q(municipality__region_id=user.region_id)
    return _jobs_with_details(jobs.filter(scope).distinct()).order_by("-pk")


def jobs_managed_by(user: Any) -> QuerySet:
    """Jobs whose management page the user may open (see can_view_job_management)."""
    from django.db.models import Q

    from marketplace.models import Job

    if permissions.is_platform_admin(user):
        return Job.objects.all()
    scope = Q(pk__in=[])
    if user.has_role(roles.POSTER) and user.organisation_id:
        scope |= Q(organisation_id=user.organisation_id)
    if user.has_role(roles.SUPERVISOR) and user.organisation_id:
        scope |= Q(progress__site__organisation_id=user.organisation_id)
    if permissions.is_organiser(user):
        scope |= Q(municipality__region_id=user.region_id)
    return Job.objects.filter(scope).distinct()


def work_share_sites_for(user: Any) -> QuerySet[WorkSite]:
    """The units whose work-share fund the user keeps (their organisation's sites)."""
    if permissions.is_platform_admin(user):
        return WorkSite.objects.order_by("title")
    if user.has_role(roles.SUPERVISOR) and user.organisation_id:
        return WorkSite.objects.filter(organisation_id=user.organisation_id).order_by(
            "title"
        )
    return WorkSite.objects.none()
