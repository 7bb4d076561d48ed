"""Who may read outcomes and record client feedback.

Kept beside ``marketplace.access.permissions`` (same ``can_<verb>_<noun>`` style) so that the
follow-up's rules can be read in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketplace.access import roles
from marketplace.access.permissions import (
    can_keep_attendance,
    is_organiser,
    is_platform_admin,
    member,
)

if TYPE_CHECKING:
    from marketplace.access.permissions import Viewer
    from marketplace.models import Placement


def can_view_outcomes(user: Viewer | None) -> bool:
    """Outcomes are read by organisers (their region's sites), site supervisors (their
    own organisation's sites) and platform admins; the figures themselves are scoped
    by ``selectors_outcomes.outcome_sites_for``."""
    signed_in = member(user)
    if signed_in is None:
        return False
    return (
        is_platform_admin(signed_in)
        or is_organiser(signed_in)
        or (
            signed_in.has_role(roles.SUPERVISOR)
            and signed_in.organisation_id is not None
        )
    )


def can_record_feedback(user: Viewer | None, placement: Placement) -> bool:
    """Monthly feedback is given by the client themself, or with the help of a
    supervisor of the placement's site (the people who keep its attendance)."""
    signed_in = member(user)
    if signed_in is None:
        return False
    client_user_id = placement.client.user_id
    if client_user_id is not None and client_user_id == signed_in.pk:
        return True
    return can_keep_attendance(signed_in, placement.site)
