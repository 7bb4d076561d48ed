"""Template context every page needs: the user's role and the main navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from marketplace.access import permissions, roles


def polku(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"polku_role": None}
    role_names = user.role_names
    role = next((r for r in roles.ALL if r in role_names), None)
    return {
        "polku_role": role,
        "polku_role_label": roles.LABELS.get(role, "") if role else "",
        "polku_can_manage": permissions.can_manage_organisations(user),
        "polku_uses_admin": bool(set(role_names) & set(roles.ADMIN_ROLES)),
    }
