"""The scope of the outcome figures: which sites (as the user may see them), which
period, which clients' service.

**Periods are whole months from a fixed list** (part of the disclosure control, see
``disclosure`` and ``docs/outcomes.md``): a calendar month, a quarter, a calendar
year, or the last twelve full months; never longer than
:data:`MAX_SPAN_MONTHS`, and only periods that have ended (the current month is never
in one). Any two periods of the list differ by at least a whole month, and a single
month is only ever seen on its own, where small counts are hidden, so subtracting
the figures of two periods cannot single out a day or a person. Arbitrary dates are
refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from marketplace.access import permissions, roles
from marketplace.models import PlacementPeriod, User, WorkSite


def month_start(day: dt.date, months: int = 0) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=1)


#: The longest period the outcome figures describe.
MAX_SPAN_MONTHS = 12
#: The parts of a year that can be chosen: code → (first month, last month).
PARTS: dict[str, tuple[int, int]] = {
    "year": (1, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
    **{f"m{m:02d}": (m, m) for m in range(1, 13)},
}


@dataclass(frozen=True)
class Window:
    """A closed date range [start, end] of the follow-up."""

    start: dt.date
    end: dt.date

    @classmethod
    def last_twelve_months(cls, today: dt.date | None = None) -> Window:
        """The twelve full calendar months before the current one."""
        today = today or timezone.localdate()
        first_of_month = today.replace(day=1)
        return cls(month_start(first_of_month, -12), first_of_month - dt.timedelta(1))

    @classmethod
    def year(cls, year: int) -> Window:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def part_of_year(cls, year: int, part: str) -> Window:
        """A part of ``year`` (a key of :data:`PARTS`): whole months."""
        first, last = PARTS[part]
        return cls(
            dt.date(year, first, 1),
            month_start(dt.date(year, last, 1), 1) - dt.timedelta(days=1),
        )

    def has_ended(self, today: dt.date | None = None) -> bool:
        """Whether the whole window is before the current month."""
        return self.end < (today or timezone.localdate()).replace(day=1)

    def buckets(self, by: str) -> list[dt.date]:
        """The first day of each month (or quarter) the window touches."""
        step = 3 if by == "quarter" else 1
        first = self.start.replace(day=1)
        if by == "quarter":
            first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
        out = []
        while first <= self.end:
            out.append(first)
            first = month_start(first, step)
        return out

    def __str__(self) -> str:
        def fi(day: dt.date) -> str:  # 1.1.2025, as the Finnish pages write dates
            return f"{day.day}.{day.month}.{day.year}"

        return f"{fi(self.start)}–{fi(self.end)}"


@dataclass(frozen=True)
class OutcomeScope:
    """Which periods the figures describe: sites (already limited to the user's),
    the window, and optionally the clients' service."""

    sites: QuerySet[WorkSite]
    window: Window
    service: str | None = None
    by: str = "month"

    def periods(self) -> QuerySet[PlacementPeriod]:
        periods = PlacementPeriod.objects.filter(placement__site__in=self.sites)
        if self.service:
            periods = periods.filter(placement__client__service=self.service)
        return periods

    def window_periods(self) -> QuerySet[PlacementPeriod]:
        """Periods that overlap the window (every other set is a subset of these)."""
        w = self.window
        return self.periods().filter(
            Q(start__lte=w.end), Q(end__isnull=True) | Q(end__gte=w.start)
        )


def outcome_sites_for(user: User) -> QuerySet[WorkSite]:
    """Sites whose outcomes the user may read: an organiser their region's, a
    supervisor their own organisation's, a platform admin every site. Unpublished
    sites are included: their history still counts."""
    if permissions.is_platform_admin(user):
        return WorkSite.objects.all()
    allowed = Q(pk__in=[])
    if permissions.is_organiser(user):
        allowed |= Q(municipality__region_id=user.region_id)
    if user.has_role(roles.SUPERVISOR) and user.organisation_id:
        allowed |= Q(organisation_id=user.organisation_id)
    return WorkSite.objects.filter(allowed)


def start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the local time zone (index-friendly)."""
    return dt.datetime.combine(day, dt.time(), timezone.get_current_timezone())
