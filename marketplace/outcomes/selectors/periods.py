"""Reads for the outcome follow-up (seuranta): counts grouped in SQL, scoped by user.

Every figure is counted in the database (``values`` + ``annotate`` with filtered
``Count``/``Avg``), so the number of queries does not depend on the amount of data.
The raw counts returned here carry the distinct clients behind each number and the
sum of their records' keys (the cell key of the cell-key method);
``marketplace.outcomes.published`` applies the disclosure control once, before
anything is shown or exported.

Definitions (documented in ``docs/outcomes.md``):

* A period belongs to the **window** by its dates: it *ended* in the window when its
  end date is in it, *started* when its start date is, and was *served* when it
  overlaps the window at all.
* **Positive exits** are the ``+`` reasons of the data set format
  (``matching.core.vocabulary.POSITIVE_EXITS``).
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
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from marketplace.models import (
    PlacementEvent,
    PlacementPeriod,
    WorkSite,
)
from marketplace.outcomes.scope import OutcomeScope, Window, outcome_sites_for, start_of
from marketplace.outcomes.selectors.assessment import (
    AssessmentChange,
    assessment_change,
)
from marketplace.outcomes.selectors.competence import competence_by_site
from marketplace.outcomes.selectors.feedback import FeedbackFigures, feedback_figures
from marketplace.outcomes.selectors.jobs import (
    JobBankFigures,
    job_bank_by_site,
    job_bank_total,
)
from marketplace.outcomes.statistics import Count as Counted
from marketplace.shared.db_dates import DaysBetween, PeriodStart
from marketplace.shared.db_grouping import Agg, grouped
from marketplace.shared.months import add_months as shift_months
from matching.core import vocabulary as V

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


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()
    )


def _period_rows(scope: OutcomeScope) -> QuerySet[PlacementPeriod]:
    """One row per window period: its site and client and 0/1 flags (each subquery
    runs once per row)."""
    w = scope.window
    ended, started, positive = _ended(w), _started(w), _positive()
    return (
        _annotated(scope)
        .annotate(
            site=F("placement__site_id"),
            client=F("placement__client_id"),
            rkey=F("placement__client__record_key"),
            is_ended=_flag(ended),
            is_positive=_flag(ended & positive),
            is_held_return=_flag(started & Q(is_return=True)),
            is_stalled=_flag(_stalled(w)),
            days=DaysBetween("end", "start"),
            reason=Case(When(ended, then=F("exit_reason"))),
            bucket=Case(When(ended, then=PeriodStart("end", scope.by))),
        )
        .values(
            "site",
            "client",
            "rkey",
            "reason",
            "bucket",
            "is_ended",
            "is_positive",
            "is_held_return",
            "is_stalled",
            "days",
        )
    )


def _count_and_clients(flag: str) -> dict[str, Agg]:
    return {
        flag[3:]: Agg("sum", flag),
        f"{flag[3:]}_clients": Agg("count", "client", when=flag, distinct=True),
        f"{flag[3:]}_key": Agg("sum", "rkey", when=flag),
    }


_PERIOD_AGGREGATES = {
    "served_clients": Agg("count", "client", distinct=True),
    "served_key": Agg("sum", "rkey"),
    **_count_and_clients("is_ended"),
    **_count_and_clients("is_positive"),
    "length": Agg("avg", "days", when="is_ended"),
    **_count_and_clients("is_held_return"),
    **_count_and_clients("is_stalled"),
}


@dataclass
class PeriodFigures:
    """What the periods of one site (or of the whole scope) add up to. ``served``
    and ``stalled`` count clients (value and clients are the same)."""

    served: Counted = Counted(0, 0)
    ended: Counted = Counted(0, 0)
    positive: Counted = Counted(0, 0)
    negative_clients: int = 0
    length_days: float | None = None
    returns: Counted = Counted(0, 0)
    stalled: Counted = Counted(0, 0)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PeriodFigures:
        length = row["length"]
        row = {name: int(v) for name, v in row.items() if name != "length"}

        def counted(name: str) -> Counted:
            return Counted(row[name], row[f"{name}_clients"], row[f"{name}_key"])

        return cls(
            served=Counted(
                row["served_clients"], row["served_clients"], row["served_key"]
            ),
            ended=counted("ended"),
            positive=counted("positive"),
            # clients who ended otherwise, at least (a client with both kinds of
            # exit counts once in each): a lower bound, so shares err on hiding
            negative_clients=row["ended_clients"] - row["positive_clients"],
            length_days=None if length is None else float(length),
            returns=counted("held_return"),
            stalled=Counted(
                row["stalled_clients"], row["stalled_clients"], row["stalled_key"]
            ),
        )


@dataclass(frozen=True)
class BucketFigures:
    bucket: dt.date
    ended: Counted
    positive: Counted
    negative_clients: int


@dataclass
class PeriodBreakdown:
    """The period figures in total, per site, per exit reason and per month."""

    totals: PeriodFigures
    by_site: dict[int, PeriodFigures]
    exits: dict[str, Counted]
    buckets: list[BucketFigures]


def period_figures(scope: OutcomeScope) -> PeriodBreakdown:
    """Everything counted from the window's periods, in one query: each period row,
    with its subqueries, is computed once (see ``db_grouping``)."""
    groups, total = grouped(
        _period_rows(scope),
        {"site": "site", "reason": "reason", "bucket": "bucket"},
        _PERIOD_AGGREGATES,
    )
    by_reason = {
        code: PeriodFigures.from_row(row) for code, row in groups["reason"].items()
    }
    by_bucket = {
        _as_date(key): PeriodFigures.from_row(row)
        for key, row in groups["bucket"].items()
    }
    empty = PeriodFigures()
    return PeriodBreakdown(
        totals=PeriodFigures.from_row(total),
        by_site={
            int(site): PeriodFigures.from_row(row)
            for site, row in groups["site"].items()
        },
        exits={code: by_reason.get(code, empty).ended for code in V.EXIT_REASONS},
        buckets=[
            BucketFigures(
                bucket,
                by_bucket.get(bucket, empty).ended,
                by_bucket.get(bucket, empty).positive,
                by_bucket.get(bucket, empty).negative_clients,
            )
            for bucket in scope.window.buckets(scope.by)
        ],
    )


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
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
        n=Count("pk"),
        clients=Count("placement__client", distinct=True),
        key=Sum("placement__client__record_key"),
    )
    return Counted(row["n"], row["clients"], int(row["key"] or 0))


@dataclass
class OutcomeFigures:
    """Every raw count of the outcome page (before disclosure control)."""

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
    #: clients with competence recorded at work, by site (opinnollistaminen)
    competence_by_site: dict[int, Counted] = field(default_factory=dict)


def outcome_figures(scope: OutcomeScope) -> OutcomeFigures:
    """All the figures, in a fixed number of queries (twelve)."""

    periods = period_figures(scope)
    change_total, change_by_site = assessment_change(scope)
    fb_total, fb_by_site = feedback_figures(scope)
    jobs = job_bank_by_site(scope)
    site_ids = set(periods.by_site) | set(fb_by_site) | set(jobs)
    sites = list(
        WorkSite.objects.filter(pk__in=site_ids)
        .select_related("municipality", "organisation")
        .order_by("title", "pk")
    )
    return OutcomeFigures(
        scope=scope,
        totals=periods.totals,
        by_site=periods.by_site,
        exits=periods.exits,
        buckets=periods.buckets,
        holds=holds_in_window(scope),
        change_total=change_total,
        change_by_site=change_by_site,
        feedback_total=fb_total,
        feedback_by_site=fb_by_site,
        jobs_total=job_bank_total(scope),
        jobs_by_site=jobs,
        sites=sites,
        competence_by_site=competence_by_site(scope),
    )


__all__ = [
    "AssessmentChange",
    "OutcomeFigures",
    "OutcomeScope",
    "Window",
    "outcome_figures",
    "outcome_sites_for",
]
