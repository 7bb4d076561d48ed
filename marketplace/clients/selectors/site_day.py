"""The supervisor's day at a site: who is expected today and this week, who has an
introductory visit booked, who is starting, whose seat is held for a return.

``site_day`` names clients, so it is for the site's own supervisors, and the view
that shows it logs every client it names (``SiteDay.clients``,
``marketplace.clients.reads``); ``marketplace.sites.site_day.sites_today``
gives the same as counts for the list of sites (an organiser sees counts, never
names).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q

from marketplace.access import permissions
from marketplace.models import (
    AttendanceDay,
    Placement,
    PlacementPeriod,
    SiteCapacity,
    User,
    WorkSite,
)
from marketplace.sites.site_day import ON_THE_DAY, local_day, week_of

S = Placement.Status


def agreed_weekdays(placement: Placement) -> tuple[int, ...]:
    """The placement's agreed ISO weekdays (1 = Monday), sorted; () if not set."""
    days = placement.weekdays if isinstance(placement.weekdays, list) else []
    return tuple(sorted({d for d in days if isinstance(d, int) and 1 <= d <= 7}))


@dataclass(frozen=True)
class Participant:
    """A client active at the site, with the agreed weekdays and this week's marks."""

    placement: Placement
    weekdays: tuple[int, ...]
    marked: frozenset[dt.date]
    expected_today: bool

    @property
    def client_name(self) -> str:
        return self.placement.client.name


@dataclass(frozen=True)
class SiteDay:
    site: WorkSite
    today: dt.date
    week: tuple[dt.date, ...]
    seats_total: int
    seats_free: int
    participants: list[Participant]
    starting: list[Placement]
    visits: list[Placement]
    held: list[Placement]

    @property
    def clients(self) -> list[Any]:
        """Every client the day names (for the access log)."""
        placements = [p.placement for p in self.participants]
        placements += [*self.starting, *self.visits, *self.held]
        return [p.client for p in placements]

    @property
    def expected_today(self) -> list[Participant]:
        return [p for p in self.participants if p.expected_today]

    @property
    def no_weekdays(self) -> list[Participant]:
        """Active participants whose weekdays are not recorded yet."""
        return [p for p in self.participants if not p.weekdays]

    @property
    def visits_this_week(self) -> list[Placement]:
        return [v for v in self.visits if local_day(v.visit_at) <= self.week[-1]]


def site_day(*, actor: User, site: WorkSite, today: dt.date) -> SiteDay:
    """The day at the site, for its supervisors, in three queries (the seats, the
    placements with their clients, this week's marks)."""
    if not permissions.can_keep_attendance(actor, site):
        raise PermissionDenied
    week = week_of(today)
    marks = AttendanceDay.objects.filter(date__range=(week[0], week[-1]))
    placements = list(
        Placement.objects.filter(site=site, status__in=ON_THE_DAY)
        .select_related("client")
        .prefetch_related(Prefetch("attendance", marks, to_attr="week_marks"))
        .order_by("client__name", "pk")
    )
    capacity = SiteCapacity.objects.filter(site=site).first()
    participants = [
        Participant(
            placement=p,
            weekdays=agreed_weekdays(p),
            marked=frozenset(m.date for m in p.week_marks),
            expected_today=today.isoweekday() in agreed_weekdays(p),
        )
        for p in placements
        if p.status == S.ACTIVE
    ]
    return SiteDay(
        site=site,
        today=today,
        week=week,
        seats_total=capacity.seats_total if capacity else 0,
        seats_free=capacity.seats_free if capacity else 0,
        participants=participants,
        starting=sorted(
            (p for p in placements if p.status == S.AGREED),
            key=lambda p: p.start_date or dt.date.max,
        ),
        visits=sorted(
            (
                p
                for p in placements
                if p.status == S.VISIT_BOOKED and local_day(p.visit_at) >= today
            ),
            key=lambda p: p.visit_at or dt.datetime.max.replace(tzinfo=dt.UTC),
        ),
        held=sorted(
            (p for p in placements if p.status == S.HELD),
            key=lambda p: p.held_until or dt.date.max,
        ),
    )


#: Statuses in which the client has (or had) started at the site: days can count.
STARTED = (S.ACTIVE, S.HELD, S.ENDED)


def markable_in(
    placement: Placement, days: tuple[dt.date, ...], today: dt.date
) -> frozenset[dt.date]:
    """The days on which the client could have been at the site: inside a period of
    a started placement and not after today (``periods`` prefetched)."""
    if placement.status not in STARTED:
        return frozenset()
    out: set[dt.date] = set()
    for period in placement.periods.all():
        end = min(period.end or today, today)
        out.update(d for d in days if period.start <= d <= end)
    return frozenset(out)


@dataclass(frozen=True)
class WeekRow:
    """One participant's week: what is marked, what can be, what is proposed."""

    placement: Placement
    weekdays: tuple[int, ...]
    marked: frozenset[dt.date]
    markable: frozenset[dt.date]
    #: unmarked days of the agreed weekdays after the last confirmed day: ticked in
    #: advance for the supervisor to confirm (or untick an absence)
    proposed: frozenset[dt.date]


def week_rows(site: WorkSite, monday: dt.date, today: dt.date) -> list[WeekRow]:
    """Each placement of the site with a period in the week, with its marks and the
    days that can be marked, in three queries. Not logged: the attendance service
    checks marks against it; pages read :func:`site_week`."""
    week = week_of(monday)
    periods = PlacementPeriod.objects.filter(start__lte=week[-1]).filter(
        Q(end__isnull=True) | Q(end__gte=week[0])
    )
    placements = (
        Placement.objects.filter(site=site, status__in=STARTED)
        .filter(Exists(periods.filter(placement=OuterRef("pk"))))
        .select_related("client")
        .prefetch_related(
            Prefetch("periods", PlacementPeriod.objects.order_by("start")),
            Prefetch(
                "attendance",
                AttendanceDay.objects.filter(date__range=(week[0], week[-1])),
                to_attr="week_marks",
            ),
        )
        .order_by("client__name", "pk")
    )
    rows = []
    for p in placements:
        weekdays = agreed_weekdays(p)
        markable = markable_in(p, week, today)
        marked = frozenset(m.date for m in p.week_marks) & markable
        confirmed = p.attendance_confirmed_through or dt.date.min
        proposed = frozenset(
            d for d in markable - marked if d.isoweekday() in weekdays and d > confirmed
        )
        rows.append(WeekRow(p, weekdays, marked, markable, proposed))
    return rows


def site_week(
    *, actor: User, site: WorkSite, monday: dt.date, today: dt.date
) -> list[WeekRow]:
    """The week's rows for the site's supervisor (the view logs each name it shows)."""
    if not permissions.can_keep_attendance(actor, site):
        raise PermissionDenied
    return week_rows(site, monday, today)
