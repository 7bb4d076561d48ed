"""Reads of the access log: what the client sees on "who has looked at your
information", in plain words.

The log keeps every read; the client's page shows one line per person, day and kind
of read (what, how, why) with how many times, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from marketplace.access import roles
from marketplace.models import AccessLogEntry, Client, User

#: How the data was read, as the client's page says it.
HOW: dict[str, Any] = {
    AccessLogEntry.Action.VIEW: _("Looked at it"),
    AccessLogEntry.Action.LIST: _("Saw you in a list"),
    AccessLogEntry.Action.EXPORT: _("Saved it in a file"),
    AccessLogEntry.Action.EDIT: _("Changed it"),
}
#: The role named beside a person, most specific first.
ROLE_ORDER = (
    roles.INSTRUCTOR,
    roles.SUPERVISOR,
    roles.ORGANISER,
    roles.POSTER,
    roles.PLATFORM_ADMIN,
)
#: The most lines the client's page shows.
LINES = 200


@dataclass(frozen=True)
class AccessLine:
    """One person's reads of one kind on one day."""

    day: dt.date
    last_at: dt.datetime
    who: str
    role: str
    organisation: str
    what: str
    how: str
    why: str
    times: int


def _roles_of(users: dict[int, User]) -> dict[int, str]:
    """Each person's role as a word (one query for all of them)."""
    names: dict[int, set[str]] = {pk: set() for pk in users}
    memberships = User.groups.through.objects.filter(user_id__in=users)
    for user_id, group in memberships.values_list("user_id", "group__name"):
        names[user_id].add(group)
    for pk, user in users.items():
        if user.is_superuser:
            names[pk].add(roles.PLATFORM_ADMIN)
    return {
        pk: next((str(roles.LABELS[r]) for r in ROLE_ORDER if r in found), "")
        for pk, found in names.items()
    }


def _label(
    choices: type[AccessLogEntry.Subject] | type[AccessLogEntry.Purpose], code: str
) -> str:
    return str(choices(code).label) if code in choices.values else code


def access_lines(client: Client, limit: int = LINES) -> list[AccessLine]:
    """Who read the client's data, grouped by person, day and kind (three queries)."""
    groups = list(
        client.access_log.annotate(day=TruncDate("at"))
        .values("day", "actor_id", "action", "subject", "purpose")
        .annotate(times=Count("pk"), last_at=Max("at"))
        .order_by("-last_at")[:limit]
    )
    people = {
        u.pk: u
        for u in User.objects.filter(
            pk__in={g["actor_id"] for g in groups}
        ).select_related("organisation")
    }
    role = _roles_of(people)
    lines = []
    for g in groups:
        person = people[g["actor_id"]]
        lines.append(
            AccessLine(
                day=g["day"],
                last_at=g["last_at"],
                who=person.get_full_name() or person.username,
                role=role[person.pk],
                organisation=person.organisation.name if person.organisation else "",
                what=_label(AccessLogEntry.Subject, g["subject"]),
                how=str(HOW.get(g["action"], g["action"])),
                why=_label(AccessLogEntry.Purpose, g["purpose"]),
                times=g["times"],
            )
        )
    return lines
