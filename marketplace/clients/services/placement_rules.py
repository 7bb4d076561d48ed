"""The placement path's rules: which step may follow which, and the dates each takes.

The state machine (``TRANSITIONS``; the pages offer exactly these steps):

    suggested ─visit→ visit booked ─agree→ agreed ─activate→ active ─hold→ held
        │                 │  ↺ visit (another time)  │        │ ↺ extend, days   │
        └──cancel──→ cancelled ←─cancel─┘            └─end─→ ended ←─end──┘←return┘

Dates (``today`` is the day in Polku's time zone):
- an introductory visit is booked from today up to :data:`VISIT_HORIZON_DAYS` ahead;
- an agreement starts at most :data:`AGREEMENT_GRACE_DAYS` in the past (an agreement
  made at a meeting may be recorded up to two weeks late) and at most
  :data:`AGREEMENT_HORIZON_DAYS` ahead;
- the client starts (activation) on or after the agreed start and never in the future;
- a seat is held from a last day inside the current period, not in the future; the
  client returns after that day, by the day the seat is held until, not in the future;
- an ending is dated inside the period and not in the future.
Days a week (Act 189/2001: rehabilitative work activity is 1–4 days a week *for the
client*): all of a client's agreed and active placements together stay within
:data:`MAX_DAYS_PER_WEEK` of the client's service; a second placement is refused with
the first named, so that the instructor ends or shortens it first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.models import Client, Placement, PlacementPeriod, WorkSite
from matching.core import vocabulary as V

S = Placement.Status
FIRST_PERIOD_MONTHS = 3
MAX_TOTAL_MONTHS = 24
#: An introductory visit is booked for the coming weeks, at most this far ahead.
VISIT_HORIZON_DAYS = 90
#: An agreement may be recorded this many days after the day it started.
AGREEMENT_GRACE_DAYS = 14
#: An agreement starts at most this far ahead.
AGREEMENT_HORIZON_DAYS = 183
#: Days a week all of a client's placements may take together, by service: the law's
#: 1–4 for rehabilitative work activity; a working week for disability work activity.
MAX_DAYS_PER_WEEK = {"rehabilitative": 4, "disability": 5}
#: Statuses whose days a week count against the client's limit (a held seat waits
#: while the client is elsewhere; its days count again on return).
COUNTS_DAYS = (S.AGREED, S.ACTIVE)
HOLD_WEEKS = (1, 26)

#: step → (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "visit": ((S.SUGGESTED, S.VISIT_BOOKED), S.VISIT_BOOKED),
    "agree": ((S.VISIT_BOOKED,), S.AGREED),
    "activate": ((S.AGREED,), S.ACTIVE),
    "extend": ((S.ACTIVE,), S.ACTIVE),
    "days": ((S.AGREED, S.ACTIVE), S.ACTIVE),
    "hold": ((S.ACTIVE,), S.HELD),
    "return": ((S.HELD,), S.ACTIVE),
    "end": ((S.AGREED, S.ACTIVE, S.HELD), S.ENDED),
    "cancel": ((S.SUGGESTED, S.VISIT_BOOKED), S.CANCELLED),
}


class PlacementRuleError(ValueError):
    """A step would break a rule; the message is for the user. ``conflicts`` names
    the client's other placements that stand in the way (to end or shorten)."""

    def __init__(self, message: str, conflicts: Sequence[Placement] = ()) -> None:
        super().__init__(message)
        self.conflicts = list(conflicts)


def steps_from(status: str) -> list[str]:
    """The steps a placement in ``status`` can take next, in the table's order."""
    return [step for step, (sources, _to) in TRANSITIONS.items() if status in sources]


def show_day(value: dt.date) -> str:
    """A date as Finnish and Swedish write it: 24.12.2026."""
    return date_format(value, "j.n.Y")


def expect_step(placement: Placement, step: str) -> None:
    """Refuse a step the placement's (locked, current) status does not allow; a step
    already taken, as after a second click, says so and changes nothing."""
    sources, target = TRANSITIONS[step]
    if placement.status in sources:
        return
    if placement.status == target:
        raise PlacementRuleError(
            _(
                "Already saved: the placement is already “%(status)s”. Nothing was changed."
            )
            % {"status": placement.get_status_display()}
        )
    raise PlacementRuleError(
        _("This step is not possible now: the placement is “%(status)s”.")
        % {"status": placement.get_status_display()}
    )


def check_visit_date(visit_at: dt.datetime, today: dt.date) -> None:
    day = visit_at.date()
    latest = today + dt.timedelta(days=VISIT_HORIZON_DAYS)
    if not today <= day <= latest:
        raise PlacementRuleError(
            _("Book the visit for a day from today to %(latest)s.")
            % {"latest": show_day(latest)}
        )


def check_agreement_start(start: dt.date, today: dt.date) -> None:
    earliest = today - dt.timedelta(days=AGREEMENT_GRACE_DAYS)
    latest = today + dt.timedelta(days=AGREEMENT_HORIZON_DAYS)
    if not earliest <= start <= latest:
        raise PlacementRuleError(
            _(
                "The agreement can start from %(earliest)s to %(latest)s (an agreement "
                "can be recorded up to %(grace)s days late)."
            )
            % {
                "earliest": show_day(earliest),
                "latest": show_day(latest),
                "grace": AGREEMENT_GRACE_DAYS,
            }
        )


def check_started(started: dt.date, agreed_start: dt.date, today: dt.date) -> None:
    if started > today:
        raise PlacementRuleError(_("The start cannot be in the future."))
    if started < agreed_start:
        raise PlacementRuleError(
            _("The client cannot start before the agreed start, %(start)s.")
            % {"start": show_day(agreed_start)}
        )


def check_within_period(day: dt.date, period: PlacementPeriod, today: dt.date) -> None:
    """A last day (of a hold or an ending) inside the open period: from its start
    to today (a period runs until it is ended, also past a planned end that went by
    without a review)."""
    if day > today:
        raise PlacementRuleError(_("The last day cannot be in the future."))
    if not period.start <= day:
        raise PlacementRuleError(
            _("The last day must be inside the period, from %(start)s to %(end)s.")
            % {"start": show_day(period.start), "end": show_day(today)}
        )


def check_return(
    start: dt.date, left: dt.date, held_until: dt.date, today: dt.date
) -> None:
    if start > today:
        raise PlacementRuleError(_("The return cannot be in the future."))
    if not left < start <= held_until:
        raise PlacementRuleError(
            _(
                "The client can return after the last day, %(left)s, and by the day "
                "the seat is held until, %(until)s."
            )
            % {"left": show_day(left), "until": show_day(held_until)}
        )


def check_site_fits(client: Client, site: WorkSite, days: int, hours: int) -> None:
    """What the law and the site allow for one placement."""
    if client.service == V.SERVICES[0]:  # rehabilitative
        if site.organisation.is_for_profit:
            raise PlacementRuleError(
                _("Rehabilitative work activity cannot be done at a company.")
            )
        if not 1 <= days <= 4:
            raise PlacementRuleError(
                _("Rehabilitative work activity is 1–4 days a week.")
            )
        if not 4 <= hours <= 8:
            raise PlacementRuleError(
                _("Rehabilitative work activity is 4–8 hours a day.")
            )
    if not site.services.filter(code=client.service).exists():
        raise PlacementRuleError(_("This site does not offer the client's service."))
    if not site.days_min <= days <= site.days_max:
        raise PlacementRuleError(
            _("The site offers %(min)s–%(max)s days a week.")
            % {"min": site.days_min, "max": site.days_max}
        )
    if not site.hours_min <= hours <= site.hours_max:
        raise PlacementRuleError(
            _("The site offers %(min)s–%(max)s hours a day.")
            % {"min": site.hours_min, "max": site.hours_max}
        )


def check_weekly_days(client: Client, placement: Placement, days: int) -> None:
    """All of the client's agreed and active placements together, with ``days`` for
    ``placement``, stay within the days a week of the client's service. The caller
    holds the client's row lock, so two placements cannot pass this at once."""
    others = list(
        client.placements.filter(status__in=COUNTS_DAYS)
        .exclude(pk=placement.pk)
        .select_related("site")
    )
    taken = sum(p.days_per_week or 0 for p in others)
    limit = MAX_DAYS_PER_WEEK.get(client.service, 5)
    if taken + days > limit:
        raise PlacementRuleError(
            _(
                "The client already goes to %(sites)s %(taken)s days a week; all "
                "places together can be at most %(limit)s days a week. End the other "
                "placement or shorten its days first."
            )
            % {
                "sites": ", ".join(p.site.title for p in others),
                "taken": taken,
                "limit": limit,
            },
            conflicts=others,
        )


def weekly_days(client: Client) -> int:
    """Days a week the client's agreed and active placements take together."""
    total = client.placements.filter(status__in=COUNTS_DAYS).aggregate(
        n=Sum("days_per_week")
    )["n"]
    return int(total or 0)


def months_used(placement: Placement, until: dt.date) -> int:
    """Months of agreed periods so far, counting the open one until ``until``."""
    days = 0
    for period in placement.periods.all():
        days += ((period.end or until) - period.start).days
    return round(days / 30.44)
