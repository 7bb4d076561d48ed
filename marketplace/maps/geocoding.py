"""Address search for the site editor's location picker.

The editor's browser asks Polku (``maps.views.address_search``), and Polku asks the
geocoder, so the admin's Content Security Policy stays at our own origin and the
geocoder sees Polku's server, not the editor. The geocoder speaks the Nominatim
search API (``POLKU_GEOCODER_URL``; default OpenStreetMap's Nominatim, whose usage
policy allows light use with an identifying User-Agent: a handful of searches while
editing a site). Results are cached for a day. Empty setting: no address search;
the map click and the latitude and longitude fields still work.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger("polku.geocoding")

CACHE_SECONDS = 24 * 3600
TIMEOUT_SECONDS = 6
MAX_RESULTS = 5
#: The area a site may be in (the model's validators): Finland.
LAT_RANGE = (59.0, 70.5)
LON_RANGE = (19.0, 31.6)


class GeocodingError(RuntimeError):
    """The geocoder could not be reached or answered nonsense."""


@dataclass(frozen=True)
class Place:
    label: str
    lat: float
    lon: float


def enabled() -> bool:
    return bool(getattr(settings, "POLKU_GEOCODER_URL", ""))


def search(query: str) -> list[Place]:
    """Places in Finland matching ``query`` (at most five), cached."""
    query = " ".join(query.split())[:200]
    if not query or not enabled():
        return []
    key = "polku-geocode:" + urllib.parse.quote(query.lower())[:200]
    cached = cache.get(key)
    if cached is not None:
        return [Place(**p) for p in cached]
    places = _ask(query)
    cache.set(key, [asdict(p) for p in places], CACHE_SECONDS)
    return places


def _ask(query: str) -> list[Place]:
    params = urllib.parse.urlencode(
        {
            "q": query,
            "format": "jsonv2",
            "limit": MAX_RESULTS,
            "countrycodes": "fi",
            "accept-language": "fi,sv,en",
        }
    )
    request = urllib.request.Request(
        f"{settings.POLKU_GEOCODER_URL}?{params}",
        headers={"User-Agent": settings.POLKU_GEOCODER_USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            rows = json.loads(response.read(512 * 1024))
    except (OSError, ValueError) as exc:
        # the query is a site's address, not personal data, but keep the log short
        log.warning("address search failed: %s", type(exc).__name__)
        raise GeocodingError(str(exc)) from exc
    return places_from(rows)


def places_from(rows: Any) -> list[Place]:
    """The usable rows of a Nominatim answer: in Finland, with a name."""
    if not isinstance(rows, list):
        raise GeocodingError("the geocoder's answer is not a list")
    places = []
    for row in rows[:MAX_RESULTS]:
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            label = str(row.get("display_name") or row.get("name") or "")[:200]
        except (KeyError, TypeError, ValueError):
            continue
        if (
            label
            and LAT_RANGE[0] <= lat <= LAT_RANGE[1]
            and (LON_RANGE[0] <= lon <= LON_RANGE[1])
        ):
            places.append(Place(label, round(lat, 6), round(lon, 6)))
    return places
