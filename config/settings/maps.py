"""Map settings read from the environment: the background map's tiles and the journey
planner linked from a site's page. ``base.py`` applies them and names the tile host
in the Content Security Policy (``img-src``), so that no other image host is allowed.

* ``POLKU_MAP_TILE_URL``: a tile URL template with ``{z}``, ``{x}``, ``{y}`` (and
  optionally ``{s}`` with ``POLKU_MAP_TILE_SUBDOMAINS``, or ``{r}`` for ``@2x``).
  Default: OpenStreetMap's standard tiles, open and free for light use under the
  OSM Foundation's tile usage policy; a county with heavy use sets its own (a
  commercial provider, the National Land Survey's background map through its API key
  in the URL, or a tile server of its own). Empty: no map is drawn anywhere and every
  page works with its list alone.
* ``POLKU_MAP_TILE_ATTRIBUTION`` / ``POLKU_MAP_TILE_ATTRIBUTION_URL``: the credit the
  tiles' licence requires, shown on every map.
* ``POLKU_MAP_TILE_MAX_ZOOM``: the deepest zoom the tiles have (default 19).
* ``POLKU_JOURNEY_PLANNER_URL``: a link template for "plan the journey by public
  transport" with ``{destination}`` (the site's name and coordinates in the
  Digitransit form ``Name::lat,lon``, URL-encoded), or ``{lat}`` and ``{lon}``.
* ``POLKU_GEOCODER_URL``: the site editor's address search, a Nominatim search
  endpoint asked by Polku's server (default OpenStreetMap's Nominatim; empty: no
  address search, the map click and the coordinate fields still work), with
  ``POLKU_GEOCODER_USER_AGENT`` identifying the installation as its policy asks.
* ``POLKU_JOURNEY_PLANNERS``: JSON ``{"region-slug": "template", …}``: a region's own
  journey planner, used for the sites of that region instead of the default.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap contributors"
DEFAULT_TILE_ATTRIBUTION_URL = "https://www.openstreetmap.org/copyright"
#: The national journey planner (Digitransit, all of Finland).
DEFAULT_JOURNEY_PLANNER_URL = "https://opas.matka.fi/reitti/-/{destination}"
#: The regions' own Digitransit planners where the demo regions have one.
DEFAULT_JOURNEY_PLANNERS = {
    "paijat-hame": "https://lahti.digitransit.fi/reitti/-/{destination}",
    "pohjois-pohjanmaa": "https://oulu.digitransit.fi/reitti/-/{destination}",
}


def tile_origin(url: str) -> str:
    """The origin that ``img-src`` must allow for a tile URL template.

    ``https://{s}.tile.example.org/{z}/{x}/{y}.png`` → ``https://*.tile.example.org``.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured(
            f"POLKU_MAP_TILE_URL must be an http(s) URL template, not {url!r}"
        )
    host = parts.netloc.replace("{s}", "*")
    if "{" in host:
        raise ImproperlyConfigured(
            "POLKU_MAP_TILE_URL: only {s} may stand in the host name"
        )
    return f"{parts.scheme}://{host}"


def journey_planners_from_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The regions' journey planners: the defaults, overridden by the JSON setting."""
    raw = environ.get("POLKU_JOURNEY_PLANNERS", "").strip()
    planners = dict(DEFAULT_JOURNEY_PLANNERS)
    if not raw:
        return planners
    try:
        given = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(
            f"POLKU_JOURNEY_PLANNERS is not valid JSON: {exc}"
        ) from exc
    if not isinstance(given, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in given.items()
    ):
        raise ImproperlyConfigured(
            'POLKU_JOURNEY_PLANNERS must be a JSON object {"region-slug": "URL"}'
        )
    planners.update(given)
    return planners
