"""The placement path: every state change, its rules, seats and its audit event.

Rules enforced here (Act 189/2001 and the organisers' process):
- rehabilitative work activity is 1–4 days a week and 4–8 hours a day, in periods
  of 3–24 months in total, and never at a company;
- the agreed days and hours must be within what the site offers;
- agreeing takes a free seat, ending gives it back; the last seat goes to exactly one
  of two instructors agreeing at the same moment (row lock on the site's seats);
- a held seat waits for the client's stepless return until ``held_until``;
- a booked, moved or cancelled visit and an agreement are told to the client and
  the site (``marketplace.notifications``, sent after the commit).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Now
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.models import (
    Client,
    Placement,
    PlacementEvent,
    PlacementPeriod,
    SiteCapacity,
    User,
    WorkSite,
)
from marketplace.models.placements import HOLDABLE_EXITS
from marketplace.notifications import events as notify
from marketplace.shared.months import add_months
from matching.core import vocabulary as V

FIRST_PERIOD_MONTHS = 3
MAX_TOTAL_MONTHS = 24
S = Placement.Status


class PlacementRuleError(ValueError):
    """A state change would break a rule; the message is for the user."""


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


def _expect(placement: Placement, *allowed: str) -> None:
    if placement.status not in allowed:
        raise PlacementRuleError(
            _("This step is not possible now: the placement is “%(status)s”.")
            % {"status": placement.get_status_display()}
        )


def _check_actor(actor: User, client: Client) -> None:
    if not permissions.can_manage_client(actor, client):
        raise PermissionDenied


def _check_site_fits(client: Client, site: WorkSite, days: int, hours: int) -> None:
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


def _months_used(placement: Placement, until: dt.date) -> int:
    """Months of agreed periods so far, counting the current one until ``until``."""
    days = 0
    for period in placement.periods.all():
        days += ((period.end or until) - period.start).days
    return round(days / 30.44)


@transaction.atomic
def placement_suggest(*, actor: User, client: Client, site: WorkSite) -> Placement:
    _check_actor(actor, client)
    if client.placements.filter(site=site, status__in=Placement.OPEN).exists():
        raise PlacementRuleError(
            _("The client already has an open placement at this site.")
        )
    placement = Placement.objects.create(client=client, site=site)
    PlacementEvent.objects.create(
        placement=placement, to_status=S.SUGGESTED, actor=actor
    )
    return placement


@transaction.atomic
def placement_book_visit(
    *, actor: User, placement: Placement, visit_at: dt.datetime
) -> Placement:
    _check_actor(actor, placement.client)
    _expect(placement, S.SUGGESTED, S.VISIT_BOOKED)
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
) -> Placement:
    """Agree the first 3-month period; takes one free seat of the site."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    _check_actor(actor, placement.client)
    _expect(placement, S.VISIT_BOOKED)
    _check_site_fits(placement.client, placement.site, days_per_week, hours_per_day)
    taken = SiteCapacity.objects.filter(site=placement.site, seats_free__gt=0).update(
        seats_free=F("seats_free") - 1, updated_at=Now()
    )
    if not taken:
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
def placement_activate(*, actor: User, placement: Placement) -> Placement:
    _check_actor(actor, placement.client)
    _expect(placement, S.AGREED)
    return _move(placement, S.ACTIVE, actor)


@transaction.atomic
def placement_extend(*, actor: User, placement: Placement, months: int) -> Placement:
    """Extend the current period; all periods together stay within 24 months."""
    _check_actor(actor, placement.client)
    _expect(placement, S.ACTIVE)
    if months < 1:
        raise PlacementRuleError(_("Extend by at least one month."))
    new_end = add_months(placement.planned_end, months)
    if _months_used(placement, new_end) > MAX_TOTAL_MONTHS:
        raise PlacementRuleError(
            _("Work activity periods can be at most 24 months in total.")
        )
    placement.planned_end = new_end
    return _move(placement, S.ACTIVE, actor, extended_to=new_end.isoformat())


def _close_period(placement: Placement, end: dt.date, exit_reason: str) -> None:
    if exit_reason not in V.EXIT_REASONS:
        raise PlacementRuleError(_("Choose an exit reason from the list."))
    period = placement.periods.filter(end__isnull=True).last()
    if period is None or end < period.start:
        raise PlacementRuleError(_("The end date cannot be before the period started."))
    period.end, period.exit_reason = end, exit_reason
    period.save()


def _free_seat(placement: Placement) -> None:
    SiteCapacity.objects.filter(
        site=placement.site, seats_free__lt=F("seats_total")
    ).update(seats_free=F("seats_free") + 1, updated_at=Now())


@transaction.atomic
def placement_end(
    *, actor: User, placement: Placement, end_date: dt.date, exit_reason: str
) -> Placement:
    """End the placement with an exit reason; the seat is free again."""
    _check_actor(actor, placement.client)
    _expect(placement, S.AGREED, S.ACTIVE, S.HELD)
    if placement.status != S.HELD:
        _close_period(placement, end_date, exit_reason)
    placement.held_until = None
    _free_seat(placement)
    return _move(placement, S.ENDED, actor, exit_reason=exit_reason)


@transaction.atomic
def placement_cancel(*, actor: User, placement: Placement) -> Placement:
    """A suggestion or visit that did not lead to an agreement; a visit still to
    come is told cancelled to those who were told it was booked."""
    _check_actor(actor, placement.client)
    _expect(placement, S.SUGGESTED, S.VISIT_BOOKED)
    booked = placement.visit_at if placement.status == S.VISIT_BOOKED else None
    _move(placement, S.CANCELLED, actor)
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
) -> Placement:
    """The client moves on (e.g. to a work trial); their seat waits ``weeks`` weeks."""
    _check_actor(actor, placement.client)
    _expect(placement, S.ACTIVE)
    if exit_reason not in HOLDABLE_EXITS:
        raise PlacementRuleError(
            _(
                "A seat can be held only when the client moves to a work trial, "
                "pay-subsidised work, an apprenticeship or a job."
            )
        )
    if not 1 <= weeks <= 26:
        raise PlacementRuleError(_("A seat can be held for 1–26 weeks."))
    _close_period(placement, end_date, exit_reason)
    placement.held_until = end_date + dt.timedelta(weeks=weeks)
    return _move(placement, S.HELD, actor, exit_reason=exit_reason, weeks=weeks)


@transaction.atomic
def placement_return(
    *, actor: User, placement: Placement, start_date: dt.date
) -> Placement:
    """Stepless return to the same place: a new period, no new visit or agreement."""
    _check_actor(actor, placement.client)
    _expect(placement, S.HELD)
    last = placement.periods.last()
    if last is not None and last.end is not None and start_date < last.end:
        raise PlacementRuleError(
            _("The return cannot be before the previous period ended.")
        )
    PlacementPeriod.objects.create(placement=placement, start=start_date)
    placement.planned_end = add_months(start_date, FIRST_PERIOD_MONTHS)
    placement.held_until = None
    return _move(placement, S.ACTIVE, actor, returned=start_date.isoformat())


@transaction.atomic
def placement_holds_expire(*, today: dt.date) -> int:
    """End every hold that ran out unused and free its seat (safe to run twice)."""
    expired = Placement.objects.select_for_update().filter(
        status=S.HELD, held_until__lt=today
    )
    count = 0
    for placement in expired:
        placement.held_until = None
        _free_seat(placement)
        _move(placement, S.ENDED, None, hold_expired=True)
        count += 1
    return count
