"""The placement path: every step, its rules, its seat and its history line.

Rules enforced here (the dates and the step table are in ``placement_rules``):
- rehabilitative work activity is 1–4 days a week and 4–8 hours a day, in periods
  of 3–24 months in total, and never at a company; the agreed days and hours are
  within what the site offers; all of a client's placements together stay within the
  days a week of the client's service;
- every step takes its date and checks it, locks the placement's row
  (``select_for_update``; on SQLite the write transaction itself) and reads the
  status again under the lock, so a step sent twice (a double click, a second tab)
  is refused with a message instead of being applied twice, and parallel requests
  cannot lose each other's changes; steps that weigh a client's placements together
  (agreeing, returning, changing days) lock the client's row too;
- agreeing takes a free seat and ending gives it back, in one conditional UPDATE of
  the site's seats: the last seat goes to exactly one of two instructors;
- a held seat waits for the client's stepless return until ``held_until``;
- each step writes exactly one history line (``PlacementEvent``);
- a booked, moved or cancelled visit and an agreement are told to the client and
  the site (``marketplace.notifications``, sent after the commit).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.services import placement_rules as rules
from marketplace.clients.services.placement_rules import PlacementRuleError
from marketplace.models import (
    Client,
    Placement,
    PlacementEvent,
    PlacementPeriod,
    User,
    WorkSite,
)
from marketplace.models.placements import HOLDABLE_EXITS
from marketplace.notifications import events as notify
from marketplace.shared.months import add_months
from marketplace.sites.services import seat_release, seat_take
from matching.core import vocabulary as V

S = Placement.Status
FIRST_PERIOD_MONTHS = rules.FIRST_PERIOD_MONTHS
MAX_TOTAL_MONTHS = rules.MAX_TOTAL_MONTHS

__all__ = ["PlacementRuleError"]


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _locked(placement: Placement, actor: User | None, step: str) -> Placement:
    """The placement's row, locked and read again, after the permission check and
    the check that ``step`` may follow its current status."""
    locked = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("client", "site__organisation")
        .get(pk=placement.pk)
    )
    if actor is not None and not permissions.can_manage_client(actor, locked.client):
        raise PermissionDenied
    rules.expect_step(locked, step)
    return locked


def _lock_client(client: Client) -> None:
    """Serialise the steps that weigh all of one client's placements together."""
    Client.objects.select_for_update().filter(pk=client.pk).first()


def _move(
    placement: Placement, to: str, actor: User | None, **detail: Any
) -> Placement:
    from_status = placement.status
    placement.status = to
    placement.save()
    PlacementEvent.objects.create(
        placement=placement,
        from_status=from_status,
        to_status=to,
        actor=actor,
        detail=detail,
    )
    return placement


def _open_period(placement: Placement) -> PlacementPeriod:
    period = placement.periods.filter(end__isnull=True).order_by("start").last()
    if period is None:
        raise PlacementRuleError(_("The placement has no open period."))
    return period


@transaction.atomic
def placement_suggest(*, actor: User, client: Client, site: WorkSite) -> Placement:
    if not permissions.can_manage_client(actor, client):
        raise PermissionDenied
    _lock_client(client)
    if client.placements.filter(site=site, status__in=Placement.OPEN).exists():
        raise PlacementRuleError(
            _("The client already has an open placement at this site.")
        )
    try:
        with transaction.atomic():
            placement = Placement.objects.create(client=client, site=site)
    except IntegrityError:  # the same suggestion committed a moment earlier
        raise PlacementRuleError(
            _("The client already has an open placement at this site.")
        ) from None
    PlacementEvent.objects.create(
        placement=placement, to_status=S.SUGGESTED, actor=actor
    )
    return placement


@transaction.atomic
def placement_book_visit(
    *,
    actor: User,
    placement: Placement,
    visit_at: dt.datetime,
    today: dt.date | None = None,
) -> Placement:
    """Book (or move) the introductory visit: from today to the visit horizon. The
    same time sent again is refused; it writes no second history line."""
    placement = _locked(placement, actor, "visit")
    rules.check_visit_date(timezone.localtime(visit_at), _today(today))
    if placement.status == S.VISIT_BOOKED and placement.visit_at == visit_at:
        raise PlacementRuleError(
            _("This visit is already booked. Nothing was changed.")
        )
    placement.visit_at = visit_at
    _move(placement, S.VISIT_BOOKED, actor, visit_at=visit_at.isoformat())
    notify.visit_booked(placement)
    return placement


@transaction.atomic
def placement_agree(
    *,
    actor: User,
    placement: Placement,
    start_date: dt.date,
    days_per_week: int,
    hours_per_day: int,
    tasks: str,
    today: dt.date | None = None,
) -> Placement:
    """Agree the first 3-month period; takes one free seat of the site."""
    placement = _locked(placement, actor, "agree")
    rules.check_agreement_start(start_date, _today(today))
    rules.check_site_fits(
        placement.client, placement.site, days_per_week, hours_per_day
    )
    _lock_client(placement.client)
    rules.check_weekly_days(placement.client, placement, days_per_week)
    if not seat_take(placement.site):
        raise PlacementRuleError(_("The site has no free seat."))
    placement.start_date = start_date
    placement.days_per_week, placement.hours_per_day = days_per_week, hours_per_day
    placement.tasks = tasks
    placement.planned_end = add_months(start_date, FIRST_PERIOD_MONTHS)
    PlacementPeriod.objects.create(placement=placement, start=start_date)
    _move(placement, S.AGREED, actor, start=start_date.isoformat())
    notify.agreement_made(placement)
    return placement


@transaction.atomic
def placement_activate(
    *,
    actor: User,
    placement: Placement,
    start_date: dt.date,
    today: dt.date | None = None,
) -> Placement:
    """The client has started, on ``start_date``: on or after the agreed start and
    not in the future. The period runs from that day; its first 3 months too."""
    placement = _locked(placement, actor, "activate")
    rules.check_started(start_date, placement.start_date, _today(today))
    period = _open_period(placement)
    period.start = start_date
    period.save(update_fields=["start"])
    placement.planned_end = add_months(start_date, FIRST_PERIOD_MONTHS)
    return _move(placement, S.ACTIVE, actor, started=start_date.isoformat())


@transaction.atomic
def placement_extend(
    *,
    actor: User,
    placement: Placement,
    months: int,
    current_end: dt.date | None = None,
) -> Placement:
    """Extend the current period; all periods together stay within 24 months.

    ``current_end`` is the end the instructor saw: if the period has been extended
    since (the form sent twice, or by a colleague), nothing is changed."""
    placement = _locked(placement, actor, "extend")
    if current_end is not None and placement.planned_end != current_end:
        raise PlacementRuleError(
            _(
                "The period has already been extended: it now ends %(end)s. Nothing "
                "was changed."
            )
            % {"end": rules.show_day(placement.planned_end)}
            if placement.planned_end
            else _("The period has changed meanwhile. Nothing was changed.")
        )
    if months < 1:
        raise PlacementRuleError(_("Extend by at least one month."))
    new_end = add_months(placement.planned_end, months)
    if rules.months_used(placement, new_end) > MAX_TOTAL_MONTHS:
        raise PlacementRuleError(
            _("Work activity periods can be at most 24 months in total.")
        )
    placement.planned_end = new_end
    return _move(placement, S.ACTIVE, actor, extended_to=new_end.isoformat())


@transaction.atomic
def placement_change_days(
    *, actor: User, placement: Placement, days_per_week: int, hours_per_day: int
) -> Placement:
    """Change (e.g. shorten) the agreed days a week and hours a day, within the
    site's range and the client's weekly limit."""
    placement = _locked(placement, actor, "days")
    if (placement.days_per_week, placement.hours_per_day) == (
        days_per_week,
        hours_per_day,
    ):
        raise PlacementRuleError(
            _("These days and hours are already saved. Nothing was changed.")
        )
    rules.check_site_fits(
        placement.client, placement.site, days_per_week, hours_per_day
    )
    _lock_client(placement.client)
    rules.check_weekly_days(placement.client, placement, days_per_week)
    placement.days_per_week, placement.hours_per_day = days_per_week, hours_per_day
    if placement.weekdays and len(placement.weekdays) != days_per_week:
        placement.weekdays = []  # the supervisor picks the new weekdays again
    return _move(
        placement,
        placement.status,
        actor,
        days_per_week=days_per_week,
        hours_per_day=hours_per_day,
    )


def _close_period(
    placement: Placement, end: dt.date, exit_reason: str, today: dt.date
) -> None:
    if exit_reason not in V.EXIT_REASONS:
        raise PlacementRuleError(_("Choose an exit reason from the list."))
    period = _open_period(placement)
    if placement.status == S.AGREED:
        # the client did not start: the period is closed on the day it was called
        # off, or on its agreed start if that was earlier
        if end > _today(today):
            raise PlacementRuleError(_("The last day cannot be in the future."))
        period.start = min(period.start, end)
    else:
        rules.check_within_period(end, period, today)
    period.end, period.exit_reason = end, exit_reason
    period.save()


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: Placement,
    end_date: dt.date,
    exit_reason: str,
    today: dt.date | None = None,
) -> Placement:
    """End the placement with an exit reason; the seat is free again."""
    placement = _locked(placement, actor, "end")
    today = _today(today)
    if placement.status == S.HELD:
        if end_date > today:
            raise PlacementRuleError(_("The last day cannot be in the future."))
    else:
        _close_period(placement, end_date, exit_reason, today)
    placement.held_until = None
    seat_release(placement.site)
    return _move(
        placement, S.ENDED, actor, exit_reason=exit_reason, end=end_date.isoformat()
    )


@transaction.atomic
def placement_cancel(*, actor: User, placement: Placement) -> Placement:
    """A suggestion or visit that did not lead to an agreement; a visit still to
    come is told cancelled to those who were told it was booked."""
    placement = _locked(placement, actor, "cancel")
    booked = placement.visit_at if placement.status == S.VISIT_BOOKED else None
    placement = _move(placement, S.CANCELLED, actor)
    notify.visit_cancelled(placement, booked)
    return placement


@transaction.atomic
def placement_hold(
    *,
    actor: User,
    placement: Placement,
    end_date: dt.date,
    exit_reason: str,
    weeks: int,
    today: dt.date | None = None,
) -> Placement:
    """The client moves on (e.g. to a work trial); their seat waits ``weeks`` weeks
    from the last day, which is inside the period and not in the future."""
    placement = _locked(placement, actor, "hold")
    if exit_reason not in HOLDABLE_EXITS:
        raise PlacementRuleError(
            _(
                "A seat can be held only when the client moves to a work trial, "
                "pay-subsidised work, an apprenticeship or a job."
            )
        )
    low, high = rules.HOLD_WEEKS
    if not low <= weeks <= high:
        raise PlacementRuleError(_("A seat can be held for 1–26 weeks."))
    _close_period(placement, end_date, exit_reason, _today(today))
    placement.held_until = end_date + dt.timedelta(weeks=weeks)
    return _move(placement, S.HELD, actor, exit_reason=exit_reason, weeks=weeks)


@transaction.atomic
def placement_return(
    *,
    actor: User,
    placement: Placement,
    start_date: dt.date,
    today: dt.date | None = None,
) -> Placement:
    """Stepless return to the same place: a new period, no new visit or agreement;
    after the last day, by the day the seat is held until, not in the future."""
    placement = _locked(placement, actor, "return")
    last = placement.periods.order_by("start").last()
    left = last.end if last is not None and last.end else placement.start_date
    rules.check_return(start_date, left, placement.held_until, _today(today))
    _lock_client(placement.client)
    rules.check_weekly_days(placement.client, placement, placement.days_per_week or 0)
    new_end = add_months(start_date, FIRST_PERIOD_MONTHS)
    if rules.months_used(placement, start_date) + FIRST_PERIOD_MONTHS > (
        MAX_TOTAL_MONTHS
    ):
        raise PlacementRuleError(
            _("Work activity periods can be at most 24 months in total.")
        )
    PlacementPeriod.objects.create(placement=placement, start=start_date)
    placement.planned_end = new_end
    placement.held_until = None
    return _move(placement, S.ACTIVE, actor, returned=start_date.isoformat())


@transaction.atomic
def placement_holds_expire(*, today: dt.date) -> int:
    """End every hold that ran out unused and free its seat (safe to run twice)."""
    expired = Placement.objects.select_for_update().filter(
        status=S.HELD, held_until__lt=today
    )
    count = 0
    for placement in expired.select_related("site"):
        placement.held_until = None
        seat_release(placement.site)
        _move(placement, S.ENDED, None, hold_expired=True)
        count += 1
    return count
