"""Work-share money (työosuusraha) from job income: work days, allocation, statements.

The unit's job income fills its work-share fund (the transfer booking). The
supervisor records which participants worked on a job on which days; each realised
day of a disability work activity participant then earns the unit's daily
work-share rate from the fund, so that the participant's work-share money for that
day (attendance at the unit, other allocations and this one together) never exceeds
``WORK_SHARE_DAILY_CAP_CENTS`` (12 € by default, the reported tax-free limit). A day
is paid once however many jobs were done on it. Allocation is all or nothing: if the
fund cannot pay every waiting day, nothing is allocated. What is left stays in the
fund. Rehabilitative work activity participants are recorded but earn no work-share
money: they get Kela's expense compensation instead.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.services.access_log import access_record
from marketplace.jobs.status import JobRuleError, progress_of
from marketplace.models import (
    AccessLogEntry,
    AttendanceDay,
    Client,
    Job,
    JobWorkDay,
    LedgerAccount,
    Placement,
    PlacementPeriod,
    User,
    WorkShareAllocation,
    WorkSite,
)
from marketplace.models.jobs import JobStatus
from marketplace.money.services import ledger
from marketplace.shared.formatting import euros
from marketplace.shared.months import month_bounds

S = JobStatus
RECORDING = (S.IN_PROGRESS, S.DELIVERED, S.ACCEPTED, S.PAID, S.DISPUTED)
MONEY_IN = (S.PAID, S.CLOSED)


class WorkShareError(ValueError):
    """An allocation or a work day that breaks a rule; the message is for the user."""


def participants_for(site: WorkSite) -> QuerySet[Client]:
    """The participants a supervisor may record: clients with an active placement
    at the site. Only the fields a work-day list needs are loaded."""
    return (
        Client.objects.filter(
            placements__site=site, placements__status=Placement.Status.ACTIVE
        )
        .distinct()
        .only("id", "name", "service")
        .order_by("name")
    )


def _placed_on(client: Client, site: WorkSite, day: dt.date) -> bool:
    return (
        PlacementPeriod.objects.filter(
            placement__client=client, placement__site=site, start__lte=day
        )
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .exists()
    )


@transaction.atomic
def work_days_record(
    *, actor: User, job: Job, date: dt.date, clients: list[Client]
) -> int:
    """Record that ``clients`` worked on the job on ``date``; returns new days.
    Recording the same day again changes nothing."""
    progress = progress_of(job, lock=True)
    if not permissions.can_work_on_job(actor, job):
        raise PermissionDenied
    if progress.status not in RECORDING:
        raise JobRuleError(_("Work days are recorded while the job is under way."))
    if date > timezone.localdate():
        raise JobRuleError(_("A work day cannot be in the future."))
    if progress.offer and date < timezone.localdate(progress.offer.decided_at):
        raise JobRuleError(_("A work day cannot be before the group took the job."))
    if not clients:
        raise JobRuleError(_("Choose who worked on that day."))
    services = set(job.services.values_list("code", flat=True))
    created = 0
    for client in clients:
        if not _placed_on(client, progress.site, date):
            raise JobRuleError(
                _("%(name)s was not placed at %(site)s on %(date)s.")
                % {"name": client.name, "site": progress.site.title, "date": date}
            )
        if client.service not in services:
            raise JobRuleError(
                _("%(name)s's service is not one this job is meant for.")
                % {"name": client.name}
            )
        _day, new = JobWorkDay.objects.get_or_create(
            job=job, client=client, date=date, defaults={"recorded_by": actor}
        )
        created += new
        access_record(
            actor=actor,
            client=client,
            action=AccessLogEntry.Action.EDIT,
            subject=AccessLogEntry.Subject.JOB_WORK_DAYS,
            purpose=AccessLogEntry.Purpose.JOB_WORK,
        )
    return created


@transaction.atomic
def work_day_remove(*, actor: User, day: JobWorkDay) -> None:
    """Remove a mistaken work day; a day already paid from the fund stays."""
    if not permissions.can_work_on_job(actor, day.job):
        raise PermissionDenied
    if day.allocation_id is not None:
        raise JobRuleError(_("Work-share money has been paid for this day already."))
    day.delete()


@dataclass
class DayShare:
    """What one participant-day would earn from the fund, and why."""

    client: Client
    date: dt.date
    work_day_ids: list[int] = field(default_factory=list)
    jobs: list[str] = field(default_factory=list)
    amount_cents: int = 0
    rate_cents: int = 0
    cap_cents: int = 0
    other_cents: int = 0
    reason: str = ""  # rehabilitative, no_rate, cap_reached, already_paid
    allocation: WorkShareAllocation | None = None


def _other_cents(client: Client, day: dt.date, site: WorkSite) -> int:
    """Work-share money the participant already has for the day: attendance marked
    at any unit (its daily rate) and allocations at other units."""
    attended = AttendanceDay.objects.filter(
        placement__client=client, date=day
    ).select_related("placement__site")
    total = sum(a.placement.site.work_share_cents_per_day or 0 for a in attended)
    others = WorkShareAllocation.objects.filter(client=client, date=day).exclude(
        site=site
    )
    return total + sum(a.amount_cents for a in others)


def waiting_days(site: WorkSite) -> list[DayShare]:
    """Work days on the unit's paid jobs whose money has arrived and that have not
    been allocated, one row per participant-day, with the amount each would earn."""
    days = (
        JobWorkDay.objects.filter(
            job__progress__site=site,
            job__progress__status__in=MONEY_IN,
            job__price_cents__gt=0,
            allocation__isnull=True,
        )
        .select_related("client", "job")
        .order_by("date", "client__name")
    )
    grouped: dict[tuple[str, dt.date], DayShare] = {}
    for d in days:
        share = grouped.setdefault(
            (str(d.client_id), d.date), DayShare(d.client, d.date)
        )
        share.work_day_ids.append(d.pk)
        share.jobs.append(d.job.title)
    cap = settings.WORK_SHARE_DAILY_CAP_CENTS
    rate = min(site.work_share_cents_per_day or 0, cap)
    for share in grouped.values():
        share.rate_cents, share.cap_cents = rate, cap
        share.allocation = WorkShareAllocation.objects.filter(
            site=site, client=share.client, date=share.date
        ).first()
        if share.client.service != "disability":
            share.reason = "rehabilitative"
        elif share.allocation is not None:
            share.reason = "already_paid"
        elif rate == 0:
            share.reason = "no_rate"
        else:
            share.other_cents = _other_cents(share.client, share.date, site)
            share.amount_cents = max(0, min(rate, cap - share.other_cents))
            share.reason = "" if share.amount_cents else "cap_reached"
    return list(grouped.values())


@dataclass
class AllocationResult:
    days: int
    total_cents: int
    left_in_fund_cents: int


@transaction.atomic
def work_share_allocate(*, actor: User, site: WorkSite) -> AllocationResult:
    """Pay every waiting participant-day from the unit's fund, all or nothing."""
    if not permissions.can_allocate_work_share(actor, site):
        raise PermissionDenied
    fund = ledger.unit_fund_account(site)
    LedgerAccount.objects.select_for_update().get(pk=fund.pk)
    shares = waiting_days(site)
    # Lock the participants so that two units cannot both fill the same day's cap.
    ids = sorted({s.client.pk for s in shares})
    list(Client.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    shares = waiting_days(site)
    for share in shares:
        if share.reason == "already_paid":
            JobWorkDay.objects.filter(pk__in=share.work_day_ids).update(
                allocation=share.allocation
            )
    payable = [s for s in shares if s.amount_cents > 0]
    total = sum(s.amount_cents for s in payable)
    available = ledger.fund_balance(site)
    if total > available:
        raise WorkShareError(
            _(
                "The work-share fund has %(fund)s € but the waiting days need "
                "%(need)s €. Nothing was allocated."
            )
            % {"fund": euros(available), "need": euros(total)}
        )
    if not payable:
        return AllocationResult(0, 0, available)
    per_client: dict[Client, int] = defaultdict(int)
    for s in payable:
        per_client[s.client] += s.amount_cents
    entry = ledger.ledger_post(
        kind="allocation",
        site=site,
        actor=actor,
        lines=[ledger.Line(fund, total)]
        + [
            ledger.Line(ledger.participant_account(site, client), -amount)
            for client, amount in per_client.items()
        ],
    )
    for s in payable:
        allocation = WorkShareAllocation.objects.create(
            site=site,
            client=s.client,
            date=s.date,
            amount_cents=s.amount_cents,
            rate_cents=s.rate_cents,
            cap_cents=s.cap_cents,
            other_cents=s.other_cents,
            entry=entry,
            created_by=actor,
        )
        JobWorkDay.objects.filter(pk__in=s.work_day_ids).update(allocation=allocation)
    return AllocationResult(len(payable), total, available - total)


@dataclass
class StatementLine:
    date: dt.date
    jobs: list[str]
    amount_cents: int


@dataclass
class ParticipantStatement:
    client: Client
    lines: list[StatementLine]

    @property
    def total_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)


def statement(site: WorkSite, month: dt.date) -> list[ParticipantStatement]:
    """The month's work-share money per participant, made of the allocations
    themselves, so that it sums to them to the cent."""
    first, last = month_bounds(month)
    allocations = (
        WorkShareAllocation.objects.filter(site=site, date__range=(first, last))
        .select_related("client")
        .prefetch_related("work_days__job")
        .order_by("client__name", "client_id", "date")
    )
    out: dict[str, ParticipantStatement] = {}
    for a in allocations:
        row = out.setdefault(str(a.client_id), ParticipantStatement(a.client, []))
        titles = sorted({d.job.title for d in a.work_days.all()})
        row.lines.append(StatementLine(a.date, titles, a.amount_cents))
    return list(out.values())
