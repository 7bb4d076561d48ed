"""Self-assessment change between the start and the 3-month assessment, per site.

For periods that started in the window: the *start* assessment is the client's latest
one from 30 days before to 30 days after the start, the *3-month* assessment the
first one 60–150 days after the start. Scores are 0–10 (overall work ability, and the
mean of the six areas).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import F, FloatField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from marketplace.db_dates import AddDays
from marketplace.db_grouping import Agg, grouped_with_total
from marketplace.models import PlacementPeriod, SelfAssessment
from marketplace.outcome_scope import OutcomeScope
from matching import vocabulary as V

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
    clients: int


def _assessment_pairs(scope: OutcomeScope) -> QuerySet[PlacementPeriod]:
    """Periods started in the window with their start and 3-month scores."""
    a_low, a_high = START_ASSESSMENT_DAYS
    b_low, b_high = FOLLOW_UP_ASSESSMENT_DAYS
    areas = len(V.SELF_ASSESSMENT_AREAS)
    mean_areas = Cast(_ALL_AREAS, FloatField()) / areas
    work = Cast(F("work_ability"), FloatField())
    return (
        scope.periods()
        .filter(start__gte=scope.window.start, start__lte=scope.window.end)
        .annotate(
            site=F("placement__site_id"),
            client=F("placement__client_id"),
            at_start_low=_shift(a_low),
            at_start_high=_shift(a_high),
            at_3m_low=_shift(b_low),
            at_3m_high=_shift(b_high),
        )
        .annotate(
            work_0=_assessment("at_start", True, work),
            all_0=_assessment("at_start", True, mean_areas),
            work_3=_assessment("at_3m", False, work),
            all_3=_assessment("at_3m", False, mean_areas),
        )
    )


def _shift(days: int) -> Any:
    return AddDays("start", days)


_PAIR = ("work_0", "work_3")
_CHANGE = {
    "work": Agg("avg", "work_3", minus="work_0", present=_PAIR),
    "areas": Agg("avg", "all_3", minus="all_0", present=_PAIR),
    "clients": Agg("count", "client", distinct=True, present=_PAIR),
}


def assessment_change(
    scope: OutcomeScope,
) -> tuple[AssessmentChange, dict[int, AssessmentChange]]:
    """Average change start → 3 months in total and per site, over the periods with
    both assessments (one query; each period's four look-ups run once)."""
    rows = _assessment_pairs(scope).values(
        "site", "client", "work_0", "all_0", "work_3", "all_3"
    )
    by_site, total = grouped_with_total(rows, "site", _CHANGE)

    def change(row: dict[str, Any]) -> AssessmentChange:
        return AssessmentChange(row["work"], row["areas"], row["clients"])

    return change(total), {site: change(row) for site, row in by_site.items()}
