"""Request types for views.

A view behind ``login_required`` takes an :class:`AuthenticatedRequest`: Django's
middleware has already put a signed-in :class:`~marketplace.models.User` on it, so the
view (and mypy) can use ``request.user`` as one of ours without asking again. Views
open to anonymous visitors keep ``HttpRequest``, whose user may be ``AnonymousUser``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from marketplace.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: its user is one of ours."""

    user: User
