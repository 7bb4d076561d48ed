"""Reads: QuerySets already narrowed to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, QuerySet, When
from django.http import QueryDict

from marketplace.access import permissions, roles
from marketplace.models import Term, WorkSite
from marketplace.search.selectors import SearchResult
from marketplace.search.suggestions import Suggestion

JOBS_PER_PAGE = 20


def payments_enabled() -> bool:
    from marketplace.money.payments.gateway import payments_enabled as enabled

    return enabled()


def can_post_jobs(user: Any) -> bool:
    """Whether to offer "Post a job": a job is posted for the user's own
    organisation, so a platform admin without one is not offered a form that
    would refuse them."""
    return permissions.can_post_job(user) and bool(
        getattr(user, "organisation_id", None)
    )


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
    query: str = ""
    search: SearchResult | None = None  # what the search words found (None: no words)
    suggestions: list[Suggestion] = field(default_factory=list)
    filtered: bool = False  # a filter besides the search words is chosen


def job_bank(params: QueryDict) -> JobBank:
    """The public job bank: open jobs, search words, combinable filters.

    Without search words the nearest deadline comes first; with them the best match
    (the catalogue's search: base forms, the same on SQLite and PostgreSQL), then the
    deadline. The number of queries does not depend on the number of jobs."""
    from marketplace.jobs.filters import JobFilter
    from marketplace.models import Municipality
    from marketplace.search import selectors as search_selectors
    from marketplace.search.suggestions import nearest_terms
    from marketplace.sites.selectors import has_filters

    query = (params.get("q") or "").strip()[:200]
    jobs = open_jobs()
    ordering: list[Any] = ["deadline", "title"]
    result = None
    if query:
        result = search_selectors.search(open_jobs(), query)
        jobs = jobs.filter(pk__in=result.ids)
        if result.ids:
            rank = Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(result.ids)],
                output_field=IntegerField(),
            )
            ordering = [rank, *ordering]
    filterset = JobFilter(params, queryset=jobs)
    results = filterset.qs.distinct().order_by(*ordering)
    paginator = Paginator(_jobs_with_details(results), JOBS_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    rest = params.copy()
    rest.pop("page", None)
    suggestions = []
    if result is not None and result.missing:
        places = Municipality.objects.filter(jobs__in=open_jobs())
        suggestions = nearest_terms(result.missing, places)
    return JobBank(
        filterset,
        page,
        paginator.count,
        rest.urlencode(),
        query=query,
        search=result,
        suggestions=suggestions,
        filtered=has_filters(params),
    )


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
    from marketplace.jobs.status import progress_of
    from marketplace.models import Job, JobOffer

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
