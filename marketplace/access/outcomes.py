"""Who may read outcomes and record client feedback.

Kept beside ``marketplace.access.permissions`` (same ``can_<verb>_<noun>`` style) so that the
follow-up's rules can be read in one place.
"""

from __future__ import annotations

from typing import Any

from marketplace.access import roles
from marketplace.access.permissions import (
    can_keep_attendance,
    is_organiser,
    is_platform_admin,
)


def can_view_outcomes(user: Any) -> bool:
    """Outcomes are read by organisers (their region's sites), site supervisors (their
    own organisation's sites) and platform admins; the figures themselves are scoped
    by ``selectors_outcomes.outcome_sites_for``."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        is_platform_admin(user)
        or is_organiser(user)
        or (user.has_role(roles.SUPERVISOR) and user.organisation_id is not None)
    )


def can_record_feedback(user: Any, placement: Any) -> bool:
    """Monthly feedback is given by the client themself, or with the help of a
    supervisor of the placement's site (the people who keep its attendance)."""
    if not getattr(user, "is_authenticated", False):
        return False
    client_user_id = placement.client.user_id
    if client_user_id is not None and client_user_id == user.pk:
        return True
    return can_keep_attendance(user, placement.site)
