"""A site's day as counts, for the list of a user's sites: how many clients are
active, expected today, starting, visiting this week, away with their seat held.

No names, so no client data: the names are on the supervisor's site-day page
(``marketplace.clients.selectors.site_day``), which is access-logged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from marketplace.models import Placement, WorkSite

S = Placement.Status
#: The placements a site's day is about.
ON_THE_DAY = (S.ACTIVE, S.AGREED, S.VISIT_BOOKED, S.HELD)


def week_of(day: dt.date) -> tuple[dt.date, ...]:
    """Monday to Sunday of the day's ISO week."""
    monday = day - dt.timedelta(days=day.isoweekday() - 1)
    return tuple(monday + dt.timedelta(days=n) for n in range(7))


def local_day(moment: dt.datetime | None) -> dt.date:
    """The local date of a moment (a visit's time); no moment: never."""
    return timezone.localtime(moment).date() if moment else dt.date.max


@dataclass(frozen=True)
class SiteSummary:
    """A site's day as counts (no names): for the list of the user's sites."""

    active: int = 0
    expected_today: int = 0
    visits_this_week: int = 0
    starting: int = 0
    held: int = 0


def sites_today(sites: Iterable[WorkSite], today: dt.date) -> dict[int, SiteSummary]:
    """Each site's day as counts, in one query for any number of sites."""
    week = week_of(today)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = Placement.objects.filter(
        site__in=[s.pk for s in sites], status__in=ON_THE_DAY
    ).values_list("site_id", "status", "weekdays", "visit_at")
    for site_id, status, weekdays, visit_at in rows:
        row = counts[site_id]
        if status == S.ACTIVE:
            row["active"] += 1
            if isinstance(weekdays, list) and today.isoweekday() in weekdays:
                row["expected_today"] += 1
        elif status == S.VISIT_BOOKED and today <= local_day(visit_at) <= week[-1]:
            row["visits_this_week"] += 1
        elif status == S.AGREED:
            row["starting"] += 1
        elif status == S.HELD:
            row["held"] += 1
    return {site_id: SiteSummary(**row) for site_id, row in counts.items()}
