"""Which notifications each role can get (the choices on the account page)."""

from __future__ import annotations

from marketplace.access import roles
from marketplace.models import NotificationKind, User

K = NotificationKind

ROLE_KINDS: dict[str, tuple[str, ...]] = {
    roles.CLIENT: (
        K.VISIT_BOOKED,
        K.VISIT_CANCELLED,
        K.AGREEMENT_MADE,
        K.REVIEW_DUE,
        K.RETURN_ENDING,
        K.NETWORK_MEETING,
    ),
    roles.INSTRUCTOR: (K.REVIEW_DUE, K.RETURN_ENDING, K.NETWORK_TASK_DUE),
    roles.SUPERVISOR: (
        K.VISIT_BOOKED,
        K.VISIT_CANCELLED,
        K.AGREEMENT_MADE,
        K.RETURN_ENDING,
        K.OFFER_ACCEPTED,
        K.DELIVERY_ACCEPTED,
        K.PAYOUT_MADE,
        K.NETWORK_TASK_DUE,
    ),
    roles.POSTER: (K.JOB_APPROVED, K.JOB_SENT_BACK),
}


def kinds_for(user: User) -> list[str]:
    """The kinds the user's roles can receive, in the order of NotificationKind."""
    wanted = {kind for role in user.role_names for kind in ROLE_KINDS.get(role, ())}
    return [kind for kind in NotificationKind.values if kind in wanted]
