"""Job-bank figures per unit (site) for the outcome page, counted in SQL.

* **Jobs done**: jobs the poster accepted in the window (status accepted, paid or
  closed; by ``JobProgress.accepted_at``).
* **Income**: money transferred to the unit for its jobs (after the platform fee),
  by the transfer's completion in the window.
* **Work days on jobs**: participants' recorded days (``JobWorkDay``) in the window.
* **Work-share money paid**: allocations to participants (``WorkShareAllocation``)
  for days in the window.

Jobs and income describe the unit, not a person; work days and work-share money are
about participants and are perturbed and suppressed under five of them
(``marketplace.outcomes.published``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Sum

from marketplace.models import JobProgress, JobTransfer, JobWorkDay, WorkShareAllocation
from marketplace.models.jobs import JobStatus
from marketplace.outcomes.scope import OutcomeScope, start_of
from marketplace.outcomes.statistics import Count as Counted

DONE = (JobStatus.ACCEPTED, JobStatus.PAID, JobStatus.CLOSED)


@dataclass
class JobBankFigures:
    jobs_done: int = 0
    income_cents: int = 0
    work_days: Counted = Counted(0, 0)
    work_share_cents: Counted = Counted(0, 0)


def _between(scope: OutcomeScope) -> tuple[dt.datetime, dt.datetime]:
    w = scope.window
    return start_of(w.start), start_of(w.end + dt.timedelta(days=1))


def job_bank_by_site(scope: OutcomeScope) -> dict[int, JobBankFigures]:
    """Per unit, for the scope's sites and window (four queries)."""
    since, until = _between(scope)
    w = scope.window
    out: dict[int, JobBankFigures] = {}

    def row(site_id: int) -> JobBankFigures:
        return out.setdefault(site_id, JobBankFigures())

    done = (
        JobProgress.objects.filter(
            site__in=scope.sites,
            status__in=DONE,
            accepted_at__gte=since,
            accepted_at__lt=until,
        )
        .values("site")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in done:
        row(r["site"]).jobs_done = r["n"]
    income = (
        JobTransfer.objects.filter(
            site__in=scope.sites,
            status=JobTransfer.Status.SUCCEEDED,
            completed_at__gte=since,
            completed_at__lt=until,
        )
        .values("site")
        .annotate(cents=Sum("amount_cents"))
        .order_by()
    )
    for r in income:
        row(r["site"]).income_cents = r["cents"] or 0
    days = (
        JobWorkDay.objects.filter(
            job__progress__site__in=scope.sites, date__gte=w.start, date__lte=w.end
        )
        .values("job__progress__site")
        .annotate(
            n=Count("pk"),
            clients=Count("client", distinct=True),
            key=Sum("client__record_key"),
        )
        .order_by()
    )
    for r in days:
        row(r["job__progress__site"]).work_days = Counted(
            r["n"], r["clients"], int(r["key"] or 0)
        )
    paid = (
        WorkShareAllocation.objects.filter(
            site__in=scope.sites, date__gte=w.start, date__lte=w.end
        )
        .values("site")
        .annotate(
            cents=Sum("amount_cents"),
            clients=Count("client", distinct=True),
            key=Sum("client__record_key"),
        )
        .order_by()
    )
    for r in paid:
        row(r["site"]).work_share_cents = Counted(
            r["cents"] or 0, r["clients"], int(r["key"] or 0)
        )
    return out


def job_bank_total(scope: OutcomeScope) -> JobBankFigures:
    """Participants across the scope: how many distinct people the totals are about
    (two queries; jobs and income add up from the units)."""
    w = scope.window
    days = JobWorkDay.objects.filter(
        job__progress__site__in=scope.sites, date__gte=w.start, date__lte=w.end
    ).aggregate(
        n=Count("pk"),
        clients=Count("client", distinct=True),
        key=Sum("client__record_key"),
    )
    paid = WorkShareAllocation.objects.filter(
        site__in=scope.sites, date__gte=w.start, date__lte=w.end
    ).aggregate(
        cents=Sum("amount_cents"),
        clients=Count("client", distinct=True),
        key=Sum("client__record_key"),
    )
    return JobBankFigures(
        work_days=Counted(days["n"], days["clients"], int(days["key"] or 0)),
        work_share_cents=Counted(
            paid["cents"] or 0, paid["clients"], int(paid["key"] or 0)
        ),
    )
