"""Reads of the clients' monthly feedback (asiakaspalaute).

* Which months a placement can be answered for: the current and the previous calendar
  month, when one of the placement's agreed periods overlaps the month and it has no
  answer yet (answers about long-gone months would not be reliable).
* The supervisor's list of this month's answers per participant.
The aggregates for the outcome page and the matcher are in
:mod:`marketplace.outcomes.selectors.feedback`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from marketplace.models import (
    Client,
    ClientFeedback,
    Placement,
    PlacementPeriod,
    WorkSite,
)
from marketplace.shared.months import month_bounds

FB = ClientFeedback


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _overlaps(placement: Placement, month: dt.date) -> bool:
    first, last = month_bounds(month)
    return any(
        p.start <= last and (p.end is None or p.end >= first)
        for p in placement.periods.all()
    )


def feedback_months(
    placement: Placement, today: dt.date | None = None
) -> list[dt.date]:
    """Months (first days) the placement can be answered for now, oldest first.

    Uses the placement's prefetched ``periods`` and ``feedback`` when present."""
    this_month = (today or timezone.localdate()).replace(day=1)
    answered = {f.month for f in placement.feedback.all()}
    return [
        month
        for month in (previous_month(this_month), this_month)
        if month not in answered and _overlaps(placement, month)
    ]


def _with_periods_and_feedback(
    placements: QuerySet[Placement], since: dt.date
) -> QuerySet[Placement]:
    return placements.prefetch_related(
        "periods",
        Prefetch("feedback", queryset=ClientFeedback.objects.filter(month__gte=since)),
    )


def _recent(placements: QuerySet[Placement], since: dt.date) -> QuerySet[Placement]:
    """Placements with a period that has not ended before ``since``."""
    periods = PlacementPeriod.objects.filter(placement_id=OuterRef("pk")).filter(
        Q(end__isnull=True) | Q(end__gte=since)
    )
    return placements.filter(Exists(periods))


@dataclass(frozen=True)
class DueFeedback:
    placement: Placement
    months: list[dt.date]


def feedback_due_for_client(
    client: Client, today: dt.date | None = None
) -> list[DueFeedback]:
    """The client's placements that wait for an answer, with the months (3 queries)."""
    today = today or timezone.localdate()
    since = previous_month(today.replace(day=1))
    placements = _with_periods_and_feedback(
        _recent(client.placements.select_related("site"), since), since
    )
    due = [DueFeedback(p, feedback_months(p, today)) for p in placements]
    return [d for d in due if d.months]


@dataclass(frozen=True)
class SiteFeedbackRow:
    placement: Placement
    #: (month, answered) for last and this month; answered is None without a period
    months: list[tuple[dt.date, bool | None]]

    @property
    def waiting(self) -> bool:
        return any(answered is False for _month, answered in self.months)


def site_feedback_rows(
    site: WorkSite, today: dt.date | None = None
) -> list[SiteFeedbackRow]:
    """For the supervisor: who at the site can answer for last and this month."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    months = [previous_month(this_month), this_month]
    placements = _with_periods_and_feedback(
        _recent(site.placements.select_related("client"), months[0]), months[0]
    ).order_by("client__name")
    rows = []
    for placement in placements:
        answered = {f.month for f in placement.feedback.all()}
        cells = [
            (m, m in answered) if _overlaps(placement, m) else (m, None) for m in months
        ]
        if any(answered_ is not None for _m, answered_ in cells):
            rows.append(SiteFeedbackRow(placement, cells))
    return rows


# --- aggregates ----------------------------------------------------------------------
