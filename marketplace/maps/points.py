"""The places a map shows, as plain data for ``static/js/maps.js``.

Each point names the list entry that shows the same place (``list_id``), so the map
and the list beside it can point to each other; a point's texts are the card's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from marketplace.maps.config import tiles


@dataclass(frozen=True)
class MapPoint:
    lat: float
    lon: float
    title: str
    url: str = ""
    meta: str = ""
    detail: str = ""
    list_id: str = ""
    number: int | None = None  # a suggestion's place in the list


@dataclass(frozen=True)
class HomeArea:
    """The client's home municipality and how far they can travel from it."""

    lat: float
    lon: float
    label: str
    radius_km: float


def map_data(
    points: Sequence[MapPoint],
    *,
    label: str,
    home: HomeArea | None = None,
    cluster: bool = False,
    zoom: int = 13,
) -> dict[str, Any] | None:
    """Everything one map needs; ``None`` when maps are off or nothing is placed."""
    background = tiles()
    if background is None or (not points and home is None):
        return None
    return {
        "tiles": background,
        "label": label,
        "points": [asdict(p) for p in points],
        "home": asdict(home) if home else None,
        "cluster": cluster,
        "zoom": zoom,
        "texts": {
            "zoomIn": _("Zoom in"),
            "zoomOut": _("Zoom out"),
            "showInList": _("Show in the list"),
            "showOnMap": _("Show on the map"),
            # %(count)s is filled in by the script
            "cluster": _("%(count)s places here: zoom in"),
            "home": _("Home municipality"),
        },
    }


def site_meta(organisation: str, municipality: str) -> str:
    return " · ".join(x for x in (organisation, municipality) if x)


def seats_text(free: int | None) -> str:
    if free is None:
        return ""
    return _("Free seats: %(count)s") % {"count": free}
