"""Maps on pages: ``{% load map_tags %}`` then one of the tags below where the map
goes. Each renders ``includes/map.html`` (the map's container, its text alternative
and its data) or nothing when maps are off or there is nothing to place."""

from __future__ import annotations

from typing import Any

from django import template

from marketplace.maps import selectors

register = template.Library()

MAP_TEMPLATE = "includes/map.html"


def _context(
    data: dict[str, Any] | None, map_id: str, page: Any = None
) -> dict[str, Any]:
    """``page``: the list's page when the map shows the results of every page (the
    text alternative then says the rest are on the list's other pages)."""
    return {
        "map": data,
        "map_id": map_id,
        "map_data_id": f"{map_id}-data",
        "paged": page is not None and page.paginator.num_pages > 1,
    }


@register.inclusion_tag(MAP_TEMPLATE)
def catalogue_map(catalogue: Any) -> dict[str, Any]:
    return _context(selectors.catalogue_map(catalogue), "catalogue-map", catalogue.page)


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
    return _context(
        selectors.jobs_map(job_bank.filterset.qs.distinct()), "jobs-map", job_bank.page
    )


@register.inclusion_tag("maps/location_picker.html")
def location_picker() -> dict[str, Any]:
    """The site editor's map for the site's location (in a Wagtail HelpPanel)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from marketplace.maps import config, geocoding

    background = config.tiles()
    if background is None:
        return {"picker": None}
    return {
        "picker": {
            "tiles": background,
            "search": reverse("address_search") if geocoding.enabled() else "",
            "texts": {
                "mapLabel": _(
                    "Map for choosing the site's location: click the place; the "
                    "latitude and longitude fields are filled in."
                ),
                "searching": _("Searching…"),
                "none": _("No place found. Try the street address and the town."),
                "choose": _("Use this place"),
                "chosen": _("The location is set: %(lat)s, %(lon)s."),
            },
        }
    }


@register.simple_tag
def journey_url(site: Any) -> str:
    return selectors.site_journey_url(site)
