"""Reads for the outcome follow-up (seuranta): counts grouped in SQL, scoped by user.

Every figure is counted in the database (``values`` + ``annotate`` with filtered
``Count``/``Avg``), so the number of queries does not depend on the amount of data.
The raw counts returned here carry the distinct clients behind each number;
``marketplace.outcome_report`` applies the small-number suppression before anything
is shown or exported.

Definitions (documented in ``docs/outcomes.md``):

* A period belongs to the **window** by its dates: it *ended* in the window when its
  end date is in it, *started* when its start date is, and was *served* when it
  overlaps the window at all.
* **Positive exits** are the ``+`` reasons of the data set format
  (``matching.vocabulary.POSITIVE_EXITS``).
* A **held return** is a period that is not the first one of its placement: the client
  came back to the same place after a work trial or a job (stepless return).
* A client is **stalled** when, at the end of the window, their period has lasted more
  than 12 months and no review was recorded in the last 12 months. A *review* is an
  extension of the period (a ``PlacementEvent`` whose detail records ``extended_to``,
  written by the review meeting's decision to continue); starting a period — the
  agreement or a return — counts as the first review.
* **Self-assessment change**: for periods that started in the window, the difference
  between the *start* assessment (the latest one from 30 days before to 30 days after
  the start) and the *3-month* assessment (the first one 60–150 days after the start).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from marketplace.db_dates import DaysBetween, PeriodStart
from marketplace.models import (
    PlacementEvent,
    PlacementPeriod,
    WorkSite,
)
from marketplace.outcome_scope import (
    OutcomeScope,
    Window,
    outcome_sites_for,
    start_of,
)
from marketplace.outcome_stats import Count as Counted
from marketplace.selectors_assessment import (
    AssessmentChange,
    assessment_change_by_site,
    assessment_change_total,
)
from marketplace.selectors_feedback import (
    FeedbackFigures,
    feedback_by_site,
    feedback_total,
)
from marketplace.selectors_outcomes_jobs import (
    JobBankFigures,
    job_bank_by_site,
    job_bank_total,
)
from marketplace.services.placements import add_months as shift_months
from matching import vocabulary as V

POSITIVE = tuple(sorted(V.POSITIVE_EXITS))
STALLED_AFTER_MONTHS = 12


# --- the conditions, as Q objects on PlacementPeriod --------------------------------


def _ended(w: Window) -> Q:
    return Q(end__gte=w.start, end__lte=w.end) & ~Q(exit_reason="")


def _started(w: Window) -> Q:
    return Q(start__gte=w.start, start__lte=w.end)


def _positive() -> Q:
    return Q(exit_reason__in=POSITIVE)


def stalled_cutoff(w: Window) -> dt.date:
    """Twelve months before the window's end: a stalled period started before it."""
    return shift_months(w.end, -STALLED_AFTER_MONTHS)


def _open_long(w: Window) -> Q:
    """Open at the window's end, and begun more than 12 months before it."""
    return (Q(end__isnull=True) | Q(end__gt=w.end)) & Q(start__lt=stalled_cutoff(w))


def _stalled(w: Window) -> Q:
    return _open_long(w) & Q(reviewed_recently=False)


def _annotated(scope: OutcomeScope) -> QuerySet[PlacementPeriod]:
    """Window periods with ``is_return`` and ``reviewed_recently`` (subqueries)."""
    w = scope.window
    end_at = start_of(w.end + dt.timedelta(days=1))
    since = start_of(stalled_cutoff(w))
    earlier = PlacementPeriod.objects.filter(
        placement_id=OuterRef("placement_id"), start__lt=OuterRef("start")
    )
    reviews = PlacementEvent.objects.filter(
        placement_id=OuterRef("placement_id"),
        detail__has_key="extended_to",
        at__gte=since,
        at__lt=end_at,
    )
    # guarded, so that each subquery runs only for the periods it can matter for
    return scope.window_periods().annotate(
        is_return=Case(
            When(_started(w), then=Exists(earlier)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        reviewed_recently=Case(
            When(_open_long(w), then=Exists(reviews)),
            default=Value(True),
            output_field=BooleanField(),
        ),
    )


def _period_aggregates(w: Window) -> dict[str, Any]:
    ended, started, positive = _ended(w), _started(w), _positive()
    client = "placement__client"
    returned = started & Q(is_return=True)
    length = DaysBetween("end", "start")
    return {
        "served_clients": Count(client, distinct=True),
        "ended": Count("pk", filter=ended),
        "ended_clients": Count(client, distinct=True, filter=ended),
        "positive": Count("pk", filter=ended & positive),
        "positive_clients": Count(client, distinct=True, filter=ended & positive),
        "negative_clients": Count(client, distinct=True, filter=ended & ~positive),
        "length": Avg(length, filter=ended),
        "returns": Count("pk", filter=returned),
        "return_clients": Count(client, distinct=True, filter=returned),
        "stalled": Count("pk", filter=_stalled(w)),
        "stalled_clients": Count(client, distinct=True, filter=_stalled(w)),
    }


@dataclass
class PeriodFigures:
    """What the periods of one site (or of the whole scope) add up to."""

    served_clients: int = 0
    ended: Counted = Counted(0, 0)
    positive: Counted = Counted(0, 0)
    negative_clients: int = 0
    length_days: float | None = None
    returns: Counted = Counted(0, 0)
    stalled: Counted = Counted(0, 0)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PeriodFigures:
        length = row["length"]
        return cls(
            served_clients=row["served_clients"],
            ended=Counted(row["ended"], row["ended_clients"]),
            positive=Counted(row["positive"], row["positive_clients"]),
            negative_clients=row["negative_clients"],
            length_days=None if length is None else float(length),
            returns=Counted(row["returns"], row["return_clients"]),
            stalled=Counted(row["stalled"], row["stalled_clients"]),
        )


def period_totals(scope: OutcomeScope) -> PeriodFigures:
    """The whole scope's period figures (one query)."""
    row = _annotated(scope).aggregate(**_period_aggregates(scope.window))
    return PeriodFigures.from_row(row)


def period_figures_by_site(scope: OutcomeScope) -> dict[int, PeriodFigures]:
    """Period figures per site that had clients in the window (one query)."""
    rows = (
        _annotated(scope)
        .values("placement__site")
        .annotate(**_period_aggregates(scope.window))
        .order_by()
    )
    return {row["placement__site"]: PeriodFigures.from_row(row) for row in rows}


def exits_by_reason(scope: OutcomeScope) -> dict[str, Counted]:
    """Periods that ended in the window, per exit reason (one query)."""
    rows = (
        scope.periods()
        .filter(_ended(scope.window))
        .values("exit_reason")
        .annotate(n=Count("pk"), clients=Count("placement__client", distinct=True))
        .order_by()
    )
    found = {row["exit_reason"]: Counted(row["n"], row["clients"]) for row in rows}
    return {code: found.get(code, Counted(0, 0)) for code in V.EXIT_REASONS}


@dataclass(frozen=True)
class BucketFigures:
    bucket: dt.date
    ended: Counted
    positive: Counted
    negative_clients: int


def exits_by_month(scope: OutcomeScope) -> list[BucketFigures]:
    """Ended and positive periods per month (or quarter) of the window (one query)."""
    ended, positive = _ended(scope.window), _positive()
    client = "placement__client"
    rows = (
        scope.periods()
        .filter(ended)
        .annotate(bucket=PeriodStart("end", scope.by))
        .values("bucket")
        .annotate(
            n=Count("pk"),
            clients=Count(client, distinct=True),
            pos=Count("pk", filter=positive),
            pos_clients=Count(client, distinct=True, filter=positive),
            neg_clients=Count(client, distinct=True, filter=~positive),
        )
        .order_by()
    )
    found = {_as_date(row["bucket"]): row for row in rows}
    out = []
    for bucket in scope.window.buckets(scope.by):
        row = found.get(bucket)
        out.append(
            BucketFigures(
                bucket,
                Counted(row["n"], row["clients"]) if row else Counted(0, 0),
                Counted(row["pos"], row["pos_clients"]) if row else Counted(0, 0),
                row["neg_clients"] if row else 0,
            )
        )
    return out


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def holds_in_window(scope: OutcomeScope) -> Counted:
    """Seats held for a return (placement moved to "held") in the window (one query)."""
    w = scope.window
    events = PlacementEvent.objects.filter(
        to_status="held",
        placement__site__in=scope.sites,
        at__gte=start_of(w.start),
        at__lt=start_of(w.end + dt.timedelta(days=1)),
    )
    if scope.service:
        events = events.filter(placement__client__service=scope.service)
    row = events.aggregate(
        n=Count("pk"), clients=Count("placement__client", distinct=True)
    )
    return Counted(row["n"], row["clients"])


@dataclass
class OutcomeFigures:
    """Every raw count of the outcome page (before suppression)."""

    scope: OutcomeScope
    totals: PeriodFigures
    by_site: dict[int, PeriodFigures]
    exits: dict[str, Counted]
    buckets: list[BucketFigures]
    holds: Counted
    change_total: AssessmentChange
    change_by_site: dict[int, AssessmentChange]
    feedback_total: FeedbackFigures
    feedback_by_site: dict[int, FeedbackFigures]
    jobs_total: JobBankFigures
    jobs_by_site: dict[int, JobBankFigures]
    sites: list[WorkSite] = field(default_factory=list)


def outcome_figures(scope: OutcomeScope) -> OutcomeFigures:
    """All the figures, in a fixed number of queries (sixteen)."""
    by_site = period_figures_by_site(scope)
    fb_by_site = feedback_by_site(scope)
    jobs = job_bank_by_site(scope)
    sites = list(
        WorkSite.objects.filter(pk__in=set(by_site) | set(fb_by_site) | set(jobs))
        .select_related("municipality", "organisation")
        .order_by("title", "pk")
    )
    return OutcomeFigures(
        scope=scope,
        totals=period_totals(scope),
        by_site=by_site,
        exits=exits_by_reason(scope),
        buckets=exits_by_month(scope),
        holds=holds_in_window(scope),
        change_total=assessment_change_total(scope),
        change_by_site=assessment_change_by_site(scope),
        feedback_total=feedback_total(scope),
        feedback_by_site=fb_by_site,
        jobs_total=job_bank_total(scope),
        jobs_by_site=jobs,
        sites=sites,
    )


__all__ = [
    "AssessmentChange",
    "OutcomeFigures",
    "OutcomeScope",
    "Window",
    "outcome_figures",
    "outcome_sites_for",
]
