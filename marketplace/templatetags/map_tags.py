"""Maps on pages: ``{% load map_tags %}`` then one of the tags below where the map
goes. Each renders ``includes/map.html`` (the map's container, its text alternative
and its data) or nothing when maps are off or there is nothing to place."""

from __future__ import annotations

from typing import Any

from django import template

from marketplace.maps import selectors

register = template.Library()

MAP_TEMPLATE = "includes/map.html"


def _context(data: dict[str, Any] | None, map_id: str) -> dict[str, Any]:
    return {"map": data, "map_id": map_id, "map_data_id": f"{map_id}-data"}


@register.inclusion_tag(MAP_TEMPLATE)
def catalogue_map(catalogue: Any) -> dict[str, Any]:
    return _context(selectors.catalogue_map(catalogue), "catalogue-map")


@register.inclusion_tag(MAP_TEMPLATE)
def site_map(site: Any) -> dict[str, Any]:
    return _context(selectors.site_map(site), "site-map")


@register.inclusion_tag(MAP_TEMPLATE)
def suggestions_map(client: Any, items: Any, to_client: bool = False) -> dict[str, Any]:
    return _context(
        selectors.suggestions_map(client, items, to_client=to_client),
        "suggestions-map",
    )


@register.inclusion_tag(MAP_TEMPLATE)
def jobs_map(job_bank: Any) -> dict[str, Any]:
    return _context(selectors.jobs_map(job_bank.filterset.qs.distinct()), "jobs-map")


@register.simple_tag
def journey_url(site: Any) -> str:
    return selectors.site_journey_url(site)
