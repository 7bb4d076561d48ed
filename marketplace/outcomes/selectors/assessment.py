"""Self-assessment change between the start and the 3-month assessment, per site.

For periods that started in the window: the *start* assessment is the client's latest
one from 30 days before to 30 days after the start, the *3-month* assessment the
first one 60–150 days after the start. Scores are 0–10 (overall work ability, and the
mean of the six areas).

Each look-up returns one integer, ``work ability × 100 + sum of the six areas`` (the
sum is at most 60), so a period needs two correlated subqueries instead of four; the
aggregates unpack it (integer division by 100 gives the work ability, the remainder
the sum of the areas).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
)

from marketplace.models import PlacementPeriod, SelfAssessment
from marketplace.outcomes.scope import OutcomeScope
from marketplace.outcomes.statistics import Count as Counted
from marketplace.shared.db_dates import AddDays
from marketplace.shared.db_grouping import Agg, grouped_with_total
from matching.core import vocabulary as V

START_ASSESSMENT_DAYS = (-30, 30)
FOLLOW_UP_ASSESSMENT_DAYS = (60, 150)


def _assessment(bounds: str, newest: bool, expression: Any) -> Subquery:
    """The score of the client's newest (or first) assessment between the period's
    ``<bounds>_low`` and ``<bounds>_high`` dates."""
    found = SelfAssessment.objects.filter(
        client_id=OuterRef("placement__client_id"),
        date__gte=OuterRef(f"{bounds}_low"),
        date__lte=OuterRef(f"{bounds}_high"),
    ).order_by("-date" if newest else "date")
    return Subquery(found.annotate(score=expression).values("score")[:1])


_ALL_AREAS = sum(
    (F(area) for area in V.SELF_ASSESSMENT_AREAS[1:]), F(V.SELF_ASSESSMENT_AREAS[0])
)


@dataclass(frozen=True)
class AssessmentChange:
    work_ability: float | None
    all_areas: float | None
    #: the clients with both assessments (value and clients the same)
    clients: Counted


def _assessment_pairs(scope: OutcomeScope) -> QuerySet[PlacementPeriod]:
    """Periods started in the window with their packed start and 3-month scores."""
    a_low, a_high = START_ASSESSMENT_DAYS
    b_low, b_high = FOLLOW_UP_ASSESSMENT_DAYS
    packed = ExpressionWrapper(
        F("work_ability") * 100 + _ALL_AREAS, output_field=IntegerField()
    )
    return (
        scope.periods()
        .filter(start__gte=scope.window.start, start__lte=scope.window.end)
        .annotate(
            site=F("placement__site_id"),
            client=F("placement__client_id"),
            rkey=F("placement__client__record_key"),
            at_start_low=_shift(a_low),
            at_start_high=_shift(a_high),
            at_3m_low=_shift(b_low),
            at_3m_high=_shift(b_high),
        )
        .annotate(
            s0=_assessment("at_start", True, packed),
            s3=_assessment("at_3m", False, packed),
        )
    )


def _shift(days: int) -> Any:
    return AddDays("start", days)


_PAIR = ("s0", "s3")
_WORK = "({s3} / 100) - ({s0} / 100)"
_AREAS = "(({s3} - ({s3} / 100) * 100) - ({s0} - ({s0} / 100) * 100)) / 6.0"
assert len(V.SELF_ASSESSMENT_AREAS) == 6  # six scores of 0–10: the sum fits in 0–99
_CHANGE = {
    "work": Agg("avg", "s3", expression=_WORK, present=_PAIR),
    "areas": Agg("avg", "s3", expression=_AREAS, present=_PAIR),
    "clients": Agg("count", "client", distinct=True, present=_PAIR),
    "key": Agg("sum", "rkey", present=_PAIR),
}


def assessment_change(
    scope: OutcomeScope,
) -> tuple[AssessmentChange, dict[int, AssessmentChange]]:
    """Average change start → 3 months in total and per site, over the periods with
    both assessments (one query; each period's two look-ups run once)."""
    rows = _assessment_pairs(scope).values("site", "client", "rkey", "s0", "s3")
    by_site, total = grouped_with_total(rows, "site", _CHANGE)

    def change(row: dict[str, Any]) -> AssessmentChange:
        clients = int(row["clients"])
        return AssessmentChange(
            row["work"], row["areas"], Counted(clients, clients, int(row["key"]))
        )

    return change(total), {site: change(row) for site, row in by_site.items()}
