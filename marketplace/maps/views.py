"""The site editor's address search (JSON for static/js/location_picker.js)."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.maps import geocoding


@login_required
def address_search(request: HttpRequest) -> JsonResponse:
    """Places for an address, for those who edit sites (supervisors, organisers)."""
    if not permissions.organisations_for_site_editing(request.user).exists():
        raise PermissionDenied
    if not geocoding.enabled():
        return JsonResponse(
            {"places": [], "error": _("Address search is not in use.")}, status=503
        )
    try:
        places = geocoding.search(request.GET.get("q", ""))
    except geocoding.GeocodingError:
        return JsonResponse(
            {
                "places": [],
                "error": _(
                    "The address search did not answer. Click the place on the map "
                    "or type the coordinates."
                ),
            },
            status=502,
        )
    return JsonResponse({"places": [asdict(p) for p in places]})
