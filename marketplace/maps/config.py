"""The background map's tiles and the journey planner, from settings (config/settings/
maps.py says how to set them)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils.html import format_html


def tiles() -> dict[str, Any] | None:
    """What ``maps.js`` needs to draw the background map; ``None``: no maps at all."""
    url = settings.POLKU_MAP_TILE_URL
    if not url:
        return None
    return {
        "url": url,
        "subdomains": settings.POLKU_MAP_TILE_SUBDOMAINS,
        "maxZoom": settings.POLKU_MAP_TILE_MAX_ZOOM,
        # Leaflet writes the attribution as HTML: built here, escaped
        "attribution": str(
            format_html(
                '<a href="{}">{}</a>',
                settings.POLKU_MAP_TILE_ATTRIBUTION_URL,
                settings.POLKU_MAP_TILE_ATTRIBUTION,
            )
        ),
    }


def journey_planner_url(
    *, name: str, lat: float, lon: float, region_slug: str | None
) -> str:
    """A link that opens the journey planner with this place as the destination: the
    region's own planner when one is configured, else the default (national) one.

    Digitransit planners take a place as ``Name::lat,lon`` in the path; a template
    may instead use ``{lat}`` and ``{lon}``."""
    template = settings.POLKU_JOURNEY_PLANNERS.get(
        region_slug or "", settings.POLKU_JOURNEY_PLANNER_URL
    )
    if not template:
        return ""
    destination = quote(f"{name}::{lat:.6f},{lon:.6f}", safe="")
    return template.format(destination=destination, lat=f"{lat:.6f}", lon=f"{lon:.6f}")
