"""A month's realised days and their money: the one place these figures come from.

The instructor's client page, the client's own page, the supervisor's attendance grid
and both CSV downloads read :func:`client_month` or :func:`site_month`, so the same
month shows the same days and euros everywhere (tests compare them).

A day counts only if it could be realised: it is not after today and lies inside a
period in which the client had started (active, later held or ended; an agreement the
client never started has no days). A mark outside that (an old mark for a future day)
is neither shown nor counted, and the supervisor's next save of the month removes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from marketplace.models import (
    AttendanceDay,
    Client,
    Placement,
    PlacementEvent,
    PlacementPeriod,
    WorkSite,
)
from marketplace.models.attendance import EXPENSE_COMPENSATION_CENTS
from marketplace.shared.months import month_bounds

S = Placement.Status
#: Statuses in which the client has (or had) started at the site.
STARTED = (S.ACTIVE, S.HELD, S.ENDED)


@dataclass(frozen=True)
class MonthFigures:
    """One placement's month: the days that count and what they mean in money."""

    placement: Placement
    month: dt.date
    days: tuple[dt.date, ...]
    markable: frozenset[dt.date]
    rate_cents: int
    kind: str  # "expense_compensation" or "work_share"

    @property
    def total_cents(self) -> int:
        return len(self.days) * self.rate_cents


def _with_month(placements: QuerySet[Placement], month: dt.date) -> QuerySet[Placement]:
    """Placements whose periods overlap the month, with what the figures need."""
    first, last = month_bounds(month)
    never_started = PlacementEvent.objects.filter(
        placement=OuterRef("pk"), to_status=S.ENDED, from_status=S.AGREED
    )
    overlapping = PlacementPeriod.objects.filter(
        Q(end__isnull=True) | Q(end__gte=first),
        placement=OuterRef("pk"),
        start__lte=last,
    )
    return (
        placements.filter(Exists(overlapping))
        .annotate(never_started=Exists(never_started))
        .select_related("client", "site")
        .prefetch_related(
            Prefetch("periods", queryset=PlacementPeriod.objects.order_by("start")),
            Prefetch(
                "attendance",
                queryset=AttendanceDay.objects.filter(date__range=(first, last)),
                to_attr="month_marks",
            ),
        )
    )


def markable_days(
    placement: Placement, month: dt.date, today: dt.date
) -> frozenset[dt.date]:
    """The month's days on which the client could have been at the site: inside a
    started period and not after today. ``placement`` comes from this module's
    queries (periods prefetched, ``never_started`` annotated)."""
    if placement.status not in STARTED or getattr(placement, "never_started", False):
        return frozenset()
    first, last = month_bounds(month)
    last = min(last, today)
    days: set[dt.date] = set()
    for period in placement.periods.all():
        start, end = max(period.start, first), min(period.end or last, last)
        days.update(start + dt.timedelta(n) for n in range((end - start).days + 1))
    return frozenset(days)


def _rate(placement: Placement) -> tuple[int, str]:
    if placement.client.service == Client.Service.REHABILITATIVE:
        return EXPENSE_COMPENSATION_CENTS, "expense_compensation"
    return placement.site.work_share_cents_per_day or 0, "work_share"


def _figures(
    placements: Iterable[Placement], month: dt.date, today: dt.date | None
) -> list[MonthFigures]:
    today = today or timezone.localdate()
    out = []
    for placement in placements:
        markable = markable_days(placement, month, today)
        marks = getattr(placement, "month_marks", None)
        if marks is None:  # a placement from elsewhere: read its marks
            first, last = month_bounds(month)
            marks = placement.attendance.filter(date__range=(first, last))
        days = tuple(sorted(m.date for m in marks if m.date in markable))
        rate, kind = _rate(placement)
        out.append(MonthFigures(placement, month, days, markable, rate, kind))
    return out


def site_month_placements(site: WorkSite, month: dt.date) -> QuerySet[Placement]:
    """The placements at the site whose periods overlap the month, by client name."""
    return _with_month(Placement.objects.filter(site=site), month).order_by(
        "client__name", "pk"
    )


def site_month(
    site: WorkSite, month: dt.date, *, today: dt.date | None = None
) -> list[MonthFigures]:
    """The supervisor's grid and the site's CSV: every placement of the month."""
    return _figures(site_month_placements(site, month), month, today)


def client_month(
    client: Client, month: dt.date, *, today: dt.date | None = None
) -> list[MonthFigures]:
    """The instructor's and the client's pages and the client's CSV: the client's
    placements of the month that have realised days."""
    placements = _with_month(client.placements.all(), month).order_by(
        "site__title", "pk"
    )
    return [f for f in _figures(placements, month, today) if f.days]


def total_cents(figures: Iterable[MonthFigures]) -> int:
    return sum(f.total_cents for f in figures)
