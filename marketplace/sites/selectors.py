"""Reads: QuerySets already narrowed to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass, field
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

from marketplace.access import permissions
from marketplace.models import Municipality, SiteCapacity, Term, User, WorkSite
from marketplace.search import selectors as search_selectors
from marketplace.search.selectors import SearchResult
from marketplace.search.suggestions import Suggestion, nearest_terms
from marketplace.sites.filters import SiteFilter
from matching.core.geo import haversine_km

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
class NearPlace:
    """A "near a place" choice: the municipality's centre and the distance."""

    name: str
    lat: float
    lon: float
    km: int


@dataclass
class Catalogue:
    filterset: SiteFilter
    page: PaginatorPage
    query: str
    total: int
    querystring: str  # the current filters without the page number, for page links
    #: every result in list order (all pages), for the map beside the list
    result_ids: list[int] = field(default_factory=list)
    near: NearPlace | None = None
    #: km from the chosen place, by site id (only with ``near``)
    distances: dict[int, float] = field(default_factory=dict)
    search: SearchResult | None = None  # what the search words found (None: no words)
    suggestions: list[Suggestion] = field(default_factory=list)
    filtered: bool = False  # a filter besides the search words is chosen


def _nearest_first(
    rows: list[tuple[int, float, float]], near: NearPlace
) -> tuple[list[int], dict[int, float]]:
    """The sites within ``near.km`` of the place, nearest first, with their distances
    (the matcher's haversine, so "within 20 km" means the same everywhere)."""
    if not rows:
        return [], {}
    km = haversine_km(
        near.lat, near.lon, [r[1] for r in rows], [r[2] for r in rows]
    ).tolist()
    close = sorted(
        (d, pos, r[0])
        for pos, (r, d) in enumerate(zip(rows, km, strict=True))
        if d <= near.km
    )
    ids = [pk for _d, _pos, pk in close]
    return ids, {pk: round(d, 1) for d, _pos, pk in close}


def has_filters(params: QueryDict) -> bool:
    """Whether any filter besides the search words and the page number is set."""
    return any(v for k in params if k not in ("q", "page") for v in params.getlist(k))


def site_catalogue(params: QueryDict) -> Catalogue:
    """The public catalogue: free-text search, combinable filters, pagination.

    Search runs first (base forms of Finnish and Swedish words, the same on SQLite
    and PostgreSQL: ``marketplace.search``) and yields the matching ids in relevance
    order; the filters then narrow those ids. The number of queries does not depend
    on the number of results. When the words find nothing, the catalogue says which
    words were not found and offers the nearest vocabulary terms.

    Two steps: the filtered ids in order (one narrow query, which also gives the
    count), then the page's sites with everything a card shows. One query that
    filters, joins the card's tables and removes duplicates at once took
    PostgreSQL 20–45 ms to plan for a county's catalogue (docs/benchmarks.md);
    these take about 2 ms together.
    """
    query = (params.get("q") or "").strip()[:200]
    base = published_sites()
    ordering: list[Any] = ["title"]
    result = None
    if query:
        result = search_selectors.search(published_sites(), query)
        ids = result.ids
        base = base.filter(pk__in=ids)
        if ids:
            rank = Case(
                *[When(pk=pk, then=pos) for pos, pk in enumerate(ids)],
                output_field=IntegerField(),
            )
            ordering = [rank, "title"]
    filterset = SiteFilter(params, queryset=base)
    rows = list(
        filterset.qs.order_by(*ordering).values_list("pk", "lat", "lon").distinct()
    )
    ids = list(dict.fromkeys(r[0] for r in rows))  # distinct, in order
    near, distances = None, {}
    chosen = filterset.near_place()
    if chosen is not None:
        place, km = chosen
        near = NearPlace(name=place.name, lat=place.lat, lon=place.lon, km=km)
        ids, distances = _nearest_first(list({r[0]: r for r in rows}.values()), near)
    paginator = Paginator(ids, SITES_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    sites = _for_cards(WorkSite.objects.filter(pk__in=page.object_list)).in_bulk()
    page.object_list = [sites[pk] for pk in page.object_list if pk in sites]
    for site in page.object_list:
        site.distance_km = distances.get(site.pk)
    rest = params.copy()
    rest.pop("page", None)
    suggestions = []
    if result is not None and result.missing:
        places = Municipality.objects.filter(sites__in=published_sites())
        suggestions = nearest_terms(result.missing, places)
    return Catalogue(
        filterset=filterset,
        page=page,
        query=query,
        total=paginator.count,
        querystring=rest.urlencode(),
        result_ids=ids,
        near=near,
        distances=distances,
        search=result,
        suggestions=suggestions,
        filtered=has_filters(params),
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


def published_sites_with_details() -> QuerySet[WorkSite]:
    """Published sites with everything a listing shows, for in_bulk lookups."""
    return _with_details(published_sites())
