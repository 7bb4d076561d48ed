"""The data of each map: which places it shows and what their markers say.

Each function reads only published sites or open jobs, or (for a client's
suggestions) the sites already chosen for the list the viewer was allowed to see; the
client's own location is their home municipality's centre, never an address.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.maps.config import journey_planner_url
from marketplace.maps.points import HomeArea, MapPoint, map_data, seats_text, site_meta
from marketplace.models import Client, Job, WorkSite


def _site_rows(ids: Sequence[int]) -> dict[int, WorkSite]:
    """What a site's marker shows, for these published sites, in one query."""
    rows: dict[int, WorkSite] = (
        WorkSite.objects.live()
        .select_related("organisation", "municipality", "capacity")
        .only(
            "title",
            "url_path",
            "lat",
            "lon",
            "organisation__name",
            "municipality__name",
            "capacity__seats_free",
        )
        .in_bulk(list(ids))
    )
    return rows


def _site_point(
    site: WorkSite, *, number: int | None = None, km: float | None = None
) -> MapPoint:
    capacity = getattr(site, "capacity", None)
    detail = seats_text(capacity.seats_free if capacity else None)
    if km is not None:
        distance = _("%(km)s km away") % {"km": number_format(km, 1)}
        detail = " · ".join(x for x in (distance, detail) if x)
    return MapPoint(
        lat=site.lat,
        lon=site.lon,
        title=site.title,
        url=site.url or "",
        meta=site_meta(site.organisation.name, site.municipality.name),
        detail=detail,
        list_id=f"site-{site.pk}",
        number=number,
    )


def catalogue_map(catalogue: Any) -> dict[str, Any] | None:
    """Every result of the catalogue's filters (all pages), clustered."""
    sites = _site_rows(catalogue.result_ids)
    points = [
        _site_point(sites[pk], km=catalogue.distances.get(pk))
        for pk in catalogue.result_ids
        if pk in sites
    ]
    count = len(points)
    label = ngettext(
        "Map of the %(count)s site found",
        "Map of the %(count)s sites found",
        count,
    ) % {"count": count}
    home = None
    if catalogue.near is not None:
        near = catalogue.near
        home = HomeArea(
            lat=near.lat,
            lon=near.lon,
            label=near.name,
            radius_km=float(near.km),
        )
    return map_data(points, label=label, home=home, cluster=True)


def site_map(site: WorkSite) -> dict[str, Any] | None:
    """One site on its own page."""
    point = MapPoint(
        lat=site.lat,
        lon=site.lon,
        title=site.title,
        meta=", ".join(x for x in (site.address, site.municipality.name) if x),
    )
    return map_data(
        [point], label=_("Map: where %(site)s is") % {"site": site.title}, zoom=14
    )


def site_journey_url(site: WorkSite) -> str:
    """The journey planner's link to the site (the region's planner if it has one)."""
    municipality = site.municipality
    region = getattr(municipality, "region", None)
    place = ", ".join(x for x in (site.address, municipality.name) if x)
    return journey_planner_url(
        name=f"{site.title}, {place}" if place else site.title,
        lat=site.lat,
        lon=site.lon,
        region_slug=region.slug if region else None,
    )


def suggestions_map(
    client: Client, items: Sequence[Any], *, to_client: bool
) -> dict[str, Any] | None:
    """A client's suggestions around their home municipality, with the travel limit.

    ``items`` are the suggestions already shown to this viewer (their order is the
    list's); only their sites' coordinates are read here."""
    sites = _site_rows([i.site.pk for i in items])
    points = [
        _site_point(sites[i.site.pk], number=i.position)
        for i in items
        if i.site.pk in sites
    ]
    municipality = client.municipality
    home = HomeArea(
        lat=municipality.lat,
        lon=municipality.lon,
        label=municipality.name,
        radius_km=float(client.max_travel_km),
    )
    values = {
        "count": len(points),
        "place": municipality.name,
        "km": client.max_travel_km,
    }
    if to_client:
        label = ngettext(
            "Map: %(count)s place for you around %(place)s; the circle shows "
            "%(km)s km, how far you can travel",
            "Map: %(count)s places for you around %(place)s; the circle shows "
            "%(km)s km, how far you can travel",
            len(points),
        )
    else:
        label = ngettext(
            "Map: %(count)s suggestion around the client's home municipality "
            "%(place)s; the circle shows the travel limit of %(km)s km",
            "Map: %(count)s suggestions around the client's home municipality "
            "%(place)s; the circle shows the travel limit of %(km)s km",
            len(points),
        )
    return map_data(points, label=label % values, home=home)


def jobs_map(jobs: Any) -> dict[str, Any] | None:
    """The job bank's open jobs under the filters (all pages), clustered."""
    rows = jobs.select_related("organisation", "municipality").only(
        "title",
        "url_path",
        "lat",
        "lon",
        "remote",
        "organisation__name",
        "municipality__name",
    )
    points = [_job_point(job) for job in rows.order_by("deadline", "title")]
    label = ngettext(
        "Map of the %(count)s open job", "Map of the %(count)s open jobs", len(points)
    ) % {"count": len(points)}
    return map_data(points, label=label, cluster=True)


def _job_point(job: Job) -> MapPoint:
    return MapPoint(
        lat=job.lat,
        lon=job.lon,
        title=job.title,
        url=job.url or "",
        meta=site_meta(job.organisation.name, job.municipality.name),
        detail=_("Can be done remotely") if job.remote else "",
        list_id=f"job-{job.pk}",
    )
