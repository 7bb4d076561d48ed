"""The staff session's idle time, for the warning before the automatic logout
(``static/js/idle-timeout.js``; WCAG 2.2.1 Timing Adjustable).

``session_status`` only reads: it is one of the middleware's passive views, so
asking does not keep the session alive. ``session_keepalive`` is a request like
any other, so it does.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from marketplace.accounts.middleware import LAST_SEEN_KEY
from marketplace.accounts.services import account


def _remaining(request: HttpRequest) -> int | None:
    """Whole seconds until a request would be logged out for idleness (the
    middleware logs out once *more* than the idle time has passed); ``None`` for a
    user who is never logged out for it."""
    if not account.two_factor_required(request.user):
        return None
    idle = int(settings.POLKU_STAFF_IDLE_SECONDS)
    seen = request.session.get(LAST_SEEN_KEY)
    if not isinstance(seen, int):
        return idle
    return max(idle + 1 - (int(time.time()) - seen), 0)


@login_required
@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long this session has before the idle logout (does not extend it)."""
    return JsonResponse({"remaining": _remaining(request)})


@login_required
@require_POST
def session_keepalive(request: HttpRequest) -> JsonResponse:
    """ "Stay logged in": this request counts as activity."""
    return JsonResponse({"remaining": _remaining(request)})
