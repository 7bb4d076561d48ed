"""Template context every page needs: the user's role and the main navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest

from marketplace.access import permissions, roles
from marketplace.accounts.services import account

if TYPE_CHECKING:
    from marketplace.models import User

#: The idle warning shows this many seconds before the staff logout.
IDLE_WARNING_SECONDS = 120


def polku(request: HttpRequest) -> dict[str, Any]:
    user = permissions.member(getattr(request, "user", None))
    if user is None:
        return {"polku_role": None}
    role_names = user.role_names
    role = next((r for r in roles.ALL if r in role_names), None)
    return {
        "polku_role": role,
        "polku_role_label": roles.LABELS.get(role, "") if role else "",
        "polku_can_manage": permissions.can_manage_organisations(user),
        "polku_uses_admin": bool(set(role_names) & set(roles.ADMIN_ROLES)),
        **_idle_timeout(user),
    }


def _idle_timeout(user: User) -> dict[str, int]:
    """For staff, who are logged out when idle: when to warn (static/js/idle-timeout.js)."""
    if not account.two_factor_required(user):
        return {}
    idle = int(settings.POLKU_STAFF_IDLE_SECONDS)
    warning = min(IDLE_WARNING_SECONDS, idle // 2)
    return {
        "polku_idle_seconds": idle,
        "polku_idle_warning_seconds": warning,
        "polku_idle_warning_minutes": max(round(warning / 60), 1),
    }
